/* samkoll/case.h - loading and validating cases (case format v1).
 *
 * A source is a file, or standard input, holding one or more YAML
 * documents; each document is one case. sk_source_next() loads, validates
 * and returns the next case in an arena the caller owns: freeing that arena
 * frees the case. A rejected document is reported in the diags and the
 * source carries on with the next one. */
#ifndef SAMKOLL_CASE_H
#define SAMKOLL_CASE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "samkoll/common.h"
#include "samkoll/diag.h"
#include "samkoll/limits.h"
#include "samkoll/util.h"

typedef struct sk_case sk_case;
typedef struct sk_source sk_source;
typedef struct sk_ruleset sk_ruleset;
typedef struct sk_arena sk_arena;

/* Opens a case file (read whole, limited to max_file_bytes) or, for path
 * "-", standard input (streamed). On SK_EIO the diags say why. */
sk_rc sk_source_open(sk_source **out, const char *path, const sk_limits *lim,
                     sk_diags *d);
/* Opens an in-memory buffer (copied) named name; for tests and fuzzing. */
sk_rc sk_source_open_mem(sk_source **out, const char *name, const char *data,
                         size_t len, const sk_limits *lim);
/* Loads the next case into arena a (which must be empty: a new one from
 * sk_arena_new, samkoll/util.h, or one the library created).
 *  rs: the rule set, to check rule ids in waivers and expect (may be NULL)
 *  default_date: the case date when the case gives none (days since epoch)
 * Returns SK_OK (*out set), SK_EINVALID (document rejected, diags; call
 * again), SK_EIO (the rest of the source is unreadable, diags), SK_EEND. */
sk_rc sk_source_next(sk_source *s, sk_arena *a, const sk_ruleset *rs,
                     int32_t default_date, sk_case **out, sk_diags *d);
/* Line where the current (last returned or rejected) document starts. */
unsigned sk_source_doc_line(const sk_source *s);
const char *sk_source_name(const sk_source *s);
void sk_source_close(sk_source *s);

const char *sk_case_id(const sk_case *c);
const char *sk_case_title(const sk_case *c);   /* NULL if not stated */
const char *sk_case_file(const sk_case *c);
unsigned sk_case_line(const sk_case *c);        /* line of the document */
const char *sk_case_form(const sk_case *c);     /* form name */
int32_t sk_case_date(const sk_case *c);         /* days since 1970-01-01 */

/* The collaboration forms of the case format (the `form` enum), in order,
 * NULL-terminated. */
const char *const *sk_case_forms(void);

/* ---- enum values: labels and what a user types -------------------------
 * field is the path of an enum field of the case format, a list's items
 * written with or without an index: "form", "parties[].role",
 * "procurement.relations[2].exemption", "delegations[].to",
 * "expect.findings". Both return NULL when field is no enum field. */

/* The short label of value, Swedish or English ("host" -> "värd" /
 * "host"); NULL when value is not one of the field's values. */
const char *sk_value_label(const char *field, const char *value, sk_lang lang);
/* The value that text names: the value itself, its Swedish or English
 * label or a Swedish alias ("värdkommun" -> "host", "hamburg" ->
 * "horizontal_cooperation"), ignoring case, å/ä/ö (as a/a/o) and spaces,
 * hyphens and underscores. Returns the canonical value (static storage),
 * or NULL when text names none of them. */
const char *sk_value_match(const char *field, const char *text);

#endif
