/* options.h - the CLI's option table: one table drives parsing, --help
 * and the man page's option list. */
#ifndef SK_CLI_OPTIONS_H
#define SK_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samkoll/common.h"
#include "samkoll/config.h"
#include "samkoll/limits.h"

/* Exit statuses (documented in --help, README and the man page). */
enum {
    EXIT_CLEAN = 0,      /* nothing at or above --fail-on */
    EXIT_FINDINGS = 1,   /* findings at or above --fail-on / test failures */
    EXIT_INPUT = 2,      /* some input could not be read or validated */
    EXIT_USAGE = 64,     /* bad command line */
    EXIT_SOFTWARE = 70,  /* internal error (out of memory) */
    EXIT_IOERR = 74      /* output could not be written */
};

typedef enum opt_id {
    O_FORMS, O_CASE, O_INTERACTIVE,
    O_FORMAT, O_OUTPUT, O_RULES, O_LANG, O_FAIL_ON, O_DATE, O_QUIET, O_COVERAGE,
    O_NO_COLOR, O_MAX_FILE, O_MAX_DEPTH, O_MAX_ALIAS, O_MAX_DOCS, O_MAX_SCALAR,
    O_MAX_ITEMS, O_REGEX_MATCH, O_REGEX_DEPTH, O_REGEX_HEAP, O_ALLOW_OUTSIDE, O_JOBS, O_HELP, O_VERSION,
    O_EXPLAIN, O_JUNIT_FAIL_ON, O_CSV_BOM, O_CONFIG, O_NO_CONFIG, O_ASSESSOR,
    O_SARIF_ROOT, O_SARIF_INCLUDE, O_LISTEN, O_OPEN, O_FORM, O_FORCE
} opt_id;

/* One command-line option: the table in options.c drives parsing,
 * --help, the man page and shell completion. */
typedef struct cli_opt {
    const char *name;       /* long name, without "--" */
    char short_name;        /* 0: none */
    const char *arg;        /* NULL: a flag */
    opt_id id;
    const char *cmds;       /* the commands it applies to, space-separated; NULL: all */
    const char *choices;    /* the values it takes, space-separated, or NULL */
    const char *sv, *en;    /* one line for --help */
    const char *man;        /* the man page's paragraph (troff) */
} cli_opt;

#define CLI_MAX_OUTPUTS 16

/* One report: a format and where it goes (NULL = standard output). */
typedef struct cli_output {
    const char *format;
    const char *file;
    char *owned;            /* format cut out of FORMAT=FILE (freed by cli_free) */
} cli_output;

typedef struct cli_opts {
    const char *command;
    const char **args;      /* positional arguments after the command */
    size_t nargs;
    cli_output outputs[CLI_MAX_OUTPUTS];
    size_t noutputs;
    const char *output;     /* -o: the file of the format given without one */
    unsigned jobs;          /* 0 = online CPUs */
    const char *rules;
    sk_lang lang;
    int fail_on;            /* sk_status */
    int32_t date;
    bool date_given;
    bool quiet;
    const char *forms;      /* compare: --forms a,b,... */
    const char *case_id;    /* compare, ask: --case ID */
    const char *form;       /* init: --form FORM */
    bool force;             /* init: --force */
    const char *listen;     /* serve: --listen HOST:PORT */
    bool open_browser;      /* serve: --open */
    bool interactive;       /* ask: --interactive */
    bool coverage;
    bool no_color;
    bool explain;           /* --explain */
    int junit_fail_on;      /* sk_status; 0 = as --fail-on */
    bool csv_bom;           /* --csv-bom */
    bool help;
    bool version;
    uint64_t given;         /* bit i: options[i] was given */
    const char *config_path;   /* --config FILE */
    bool no_config;            /* --no-config */
    const char *assessor;      /* --assessor NAME (or the config file's) */
    const char *sarif_root;    /* --sarif-root DIR */
    bool sarif_unknown;        /* --sarif-include unknown */
    sk_config config;          /* the .samkoll.yaml read, if any (cli_apply_config) */
    const char *const *exclude;   /* from the config file */
    size_t nexclude;
    sk_limits limits;
} cli_opts;

/* Parses argv; on error prints a message to stderr and returns 0. */
int cli_parse(int argc, char **argv, cli_opts *o);
/* The option table (n entries). */
const cli_opt *cli_options(size_t *n);
/* Does op apply to command? */
int cli_opt_applies(const cli_opt *op, const char *command);
/* Every option given applies to o->command; else prints a usage error
 * naming the first that does not and returns 0. */
int cli_check_applicable(const cli_opts *o);
/* Was the option with this id given on the command line? */
bool cli_given(const cli_opts *o, opt_id id);
/* Reads the configuration file (--config FILE, else the first
 * .samkoll.yaml in the working directory or a parent, unless --no-config)
 * and takes from it what the command line did not give. Returns 0 after
 * printing positioned errors. */
int cli_apply_config(cli_opts *o, const char *const *formats);
/* Frees what cli_parse allocated (after success or failure). */
void cli_free(cli_opts *o);

#endif
