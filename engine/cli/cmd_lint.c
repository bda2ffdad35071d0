/* cmd_lint.c - `samkoll lint`: the rule set loaded and compiled (main.c
 * has printed every problem; this reports the clean result). */
#include <stdio.h>

#include "cmds.h"
#include "texts.h"

int cmd_lint(const cli_opts *o, const sk_ruleset *rs)
{
    printf(cli_text(T_RULES_NO_PROBLEMS_SHA256, o->lang == SK_LANG_EN),
           sk_ruleset_count(rs), sk_ruleset_hash(rs));
    return EXIT_CLEAN;
}
