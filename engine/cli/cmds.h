/* cmds.h - the functions behind the command table (commands.c), one
 * source file per command or pair of related commands. Each returns an
 * exit status (options.h); rs is NULL for commands that need no rules. */
#ifndef SK_CLI_CMDS_H
#define SK_CLI_CMDS_H

#include "options.h"
#include "samkoll/ruleset.h"

int cmd_check(const cli_opts *o, const sk_ruleset *rs);        /* cmd_check.c */
int cmd_test(const cli_opts *o, const sk_ruleset *rs);         /* cmd_test.c */
int cmd_lint(const cli_opts *o, const sk_ruleset *rs);         /* cmd_lint.c */
int cmd_rules(const cli_opts *o, const sk_ruleset *rs);        /* cmd_rules.c */
int cmd_explain(const cli_opts *o, const sk_ruleset *rs);      /* cmd_rules.c */
int cmd_forms(const cli_opts *o, const sk_ruleset *rs);        /* cmd_forms.c */
int cmd_legal_basis(const cli_opts *o, const sk_ruleset *rs);  /* cmd_forms.c */
int cmd_compare(const cli_opts *o, const sk_ruleset *rs);      /* cmd_advice.c */
int cmd_ask(const cli_opts *o, const sk_ruleset *rs);          /* cmd_advice.c */
int cmd_ask_interactive(const cli_opts *o, const sk_ruleset *rs); /* cmd_interview.c */
int cmd_schema(const cli_opts *o, const sk_ruleset *rs);       /* cmd_schema.c */
int cmd_init(const cli_opts *o, const sk_ruleset *rs);         /* cmd_init.c */
int cmd_completion(const cli_opts *o, const sk_ruleset *rs);   /* completion.c */
int cmd_man(const cli_opts *o, const sk_ruleset *rs);          /* manpage.c */
int cmd_serve(const cli_opts *o, const sk_ruleset *rs);        /* cmd_serve.c */

#endif
