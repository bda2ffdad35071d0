/* cmd_lint.c - `samkoll lint`: the rule set loaded and compiled (main.c
 * has printed every problem; this reports the clean result). */
#include <stdio.h>

#include "cmds.h"

int cmd_lint(const cli_opts *o, const sk_ruleset *rs)
{
    printf(o->lang ? "%zu rules, no problems (sha256 %s)\n" : "%zu regler, inga problem (sha256 %s)\n",
           sk_ruleset_count(rs), sk_ruleset_hash(rs));
    return EXIT_CLEAN;
}
