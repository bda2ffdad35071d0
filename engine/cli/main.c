/* main.c - the samkoll command line: parse the options, find the command
 * in the command table (commands.c), load the rule set if it needs one,
 * run it, and turn the outcome into an exit status. No checking logic
 * lives here, and nothing but the public API (samkoll/\*.h) is used. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "commands.h"
#include "options.h"
#include "samkoll/diag.h"
#include "samkoll/ruleset.h"
#include "texts.h"

/* Loads the embedded rule set or --rules; prints problems. */
static sk_ruleset *load_rules(const cli_opts *o, int *status)
{
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_ruleset *rs = NULL;
    /* the YAML limits are for cases; the rule set (trusted, or semi-trusted
     * with --rules) is read with the defaults, the regex limits apply */
    sk_limits lim;
    sk_limits_default(&lim);
    lim.regex_match_limit = o->limits.regex_match_limit;
    lim.regex_depth_limit = o->limits.regex_depth_limit;
    lim.regex_heap_kib = o->limits.regex_heap_kib;
    sk_rc rc = o->rules ? sk_ruleset_load_dir(&rs, o->rules, &lim, &d)
                        : sk_ruleset_load_embedded(&rs, &lim, &d);
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    if (rc != SK_OK) {
        fputs(cli_text(T_SAMKOLL_THE_RULE_SET_COULD, o->lang == SK_LANG_EN), stderr);
        *status = rc == SK_ENOMEM ? EXIT_SOFTWARE : EXIT_INPUT;
        return NULL;
    }
    return rs;
}

static int run(cli_opts *o)
{
    if (o->version) {
        printf("samkoll %s\n", SK_VERSION);
        return EXIT_CLEAN;
    }
    if (o->help || !o->command || !strcmp(o->command, "help")) {
        cli_help(o);
        return o->command || o->help ? EXIT_CLEAN : EXIT_USAGE;
    }
    const cli_cmd *cmd = cli_cmd_find(o->command);
    if (!cmd)
        return cli_unknown_command(o);
    if (!cli_check_applicable(o))
        return EXIT_USAGE;
    if (!cli_apply_config(o, cmd->formats ? cmd->formats() : NULL))
        return EXIT_USAGE;
    if (cmd->formats && !cli_check_formats(o, cmd->formats()))
        return EXIT_USAGE;
    if (!cmd->needs_rules)
        return cmd->run(o, NULL);
    int status = EXIT_CLEAN;
    sk_ruleset *rs = load_rules(o, &status);
    if (!rs)
        return status;
    status = cmd->run(o, rs);
    sk_ruleset_free(rs);
    return status;
}

/* A redirected standard output is written in 64 KiB blocks, not in
 * stdio's default of one st_blksize (4 KiB): a batch's report of
 * megabytes goes out in a few hundred writes instead of thousands. A
 * terminal keeps its line buffering. Before any output, as setvbuf needs. */
static void buffer_stdout(void)
{
    static char buf[1 << 16]; /* glibc ignores the size without a buffer */
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, buf, _IOFBF, sizeof buf);
}

int main(int argc, char **argv)
{
    buffer_stdout();
    cli_opts o;
    int status = cli_parse(argc, argv, &o) ? run(&o) : EXIT_USAGE;
    cli_free(&o);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs(cli_text(T_SAMKOLL_WRITE_ERROR_ON_STANDARD, o.lang == SK_LANG_EN), stderr);
        return EXIT_IOERR;
    }
    return status;
}
