/* cmd_rules.c - `samkoll rules` (the list) and `samkoll explain RULE-ID`
 * (one rule in readable form). */
#include <stdio.h>

#include "cmds.h"
#include "samkoll/inspect.h"
#include "texts.h"

int cmd_rules(const cli_opts *o, const sk_ruleset *rs)
{
    sk_rules_list(rs, o->lang, stdout);
    return EXIT_CLEAN;
}

int cmd_explain(const cli_opts *o, const sk_ruleset *rs)
{
    if (o->nargs != 1) {
        fputs(cli_text(T_SAMKOLL_EXPLAIN_GIVE_ONE_RULE, o->lang == SK_LANG_EN), stderr);
        return EXIT_USAGE;
    }
    return sk_rule_explain(rs, o->args[0], o->lang, stdout) == SK_OK ? EXIT_CLEAN : EXIT_USAGE;
}
