/* samkoll/config.h - the project configuration file, `.samkoll.yaml`.
 *
 * Like `.semgrep.yml` or `conftest.toml`, a case library can carry its
 * settings: the first `.samkoll.yaml` in the working directory or one of
 * its parents is read (front ends offer --config FILE and --no-config).
 * Command-line options override it. It is validated like a case: unknown
 * keys and bad values are errors naming file:line:column, with a "did you
 * mean". Keys:
 *
 *   rules: DIR               rule set directory (relative to the file)
 *   date: YYYY-MM-DD         assessment date for cases without one
 *   lang: sv | en
 *   fail_on: fail | warn | unknown
 *   formats: [FORMAT[=FILE], ...]   reports of `check` (FILE relative to
 *                                   the working directory)
 *   assessor: NAME           who assessed, shown in memos
 *   exclude: [PATTERN, ...]  input files to skip (fnmatch(3) patterns
 *                            matched against the path as walked) */
#ifndef SAMKOLL_CONFIG_H
#define SAMKOLL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samkoll/common.h"
#include "samkoll/diag.h"

/* A value with the position it was written at. */
typedef struct sk_config_value {
    char *text;
    unsigned line, col;
} sk_config_value;

typedef struct sk_config {
    char *path;                   /* the file read */
    char *rules;                  /* NULL if not given; resolved against the file's directory */
    bool has_date;
    int32_t date;                 /* days since 1970-01-01 */
    bool has_lang;
    sk_lang lang;
    int fail_on;                  /* sk_status, or -1 if not given */
    sk_config_value *formats;     /* "FORMAT[=FILE]" */
    size_t nformats;
    char *assessor;
    char **exclude;
    size_t nexclude;
} sk_config;

/* The first `.samkoll.yaml` in dir or one of its parents, malloc'd; NULL
 * if there is none. */
char *sk_config_find(const char *dir);
/* Reads and validates path into cfg (which it initialises). SK_EINVALID
 * with positioned errors in d, SK_EIO if it cannot be read, SK_ENOMEM. */
sk_rc sk_config_load(const char *path, sk_config *cfg, sk_diags *d);
/* Frees what sk_config_load allocated; cfg may be reused. */
void sk_config_clear(sk_config *cfg);

#endif
