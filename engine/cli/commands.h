/* commands.h - the CLI's command table: each command once, with its
 * usage, its one-line help (Swedish and English), its man page paragraph
 * and the function that runs it. --help, the man page (`samkoll man`) and
 * the shell completion scripts (`samkoll completion bash|zsh`) are all
 * generated from this table and the option table (options.h). */
#ifndef SK_CLI_COMMANDS_H
#define SK_CLI_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "options.h"
#include "samkoll/ruleset.h"

/* Runs a command; returns an exit status (options.h). rs is the loaded
 * rule set for commands that need one, else NULL. */
typedef int (*cli_cmd_fn)(const cli_opts *o, const sk_ruleset *rs);

typedef struct cli_cmd {
    const char *name;
    const char *args[2];        /* what follows the name, sv and en ("SÖKVÄG...") */
    const char *help[2];        /* one line for --help, sv and en */
    const char *man;            /* the man page's paragraph (troff, English) */
    bool needs_rules;           /* the rule set is loaded before run */
    bool hidden;                /* not listed in --help (man, completion) */
    const char *const *(*formats)(void);  /* its --format values, or NULL */
    cli_cmd_fn run;
} cli_cmd;

/* The command named name, or NULL. */
const cli_cmd *cli_cmd_find(const char *name);
/* The whole table (n entries), for front ends that list commands. */
const cli_cmd *cli_cmds(size_t *n);

/* Writes --help in o's language. */
void cli_help(const cli_opts *o);
/* Prints "unknown command" with a suggestion; returns EXIT_USAGE. */
int cli_unknown_command(const cli_opts *o);

/* The assessment date of a run: --date, else today. */
int32_t cli_date(const cli_opts *o);
/* Checks every --format of o against names (NULL-terminated); prints a
 * usage error with a suggestion and returns 0 if one is not there. */
int cli_check_formats(const cli_opts *o, const char *const *names);

#endif
