/* cmd_lint.c - `samkoll lint`: the rule set loaded and compiled (main.c
 * has printed every problem of loading), then the checks that only lint
 * makes (sk_ruleset_lint): a requirement that turns false on a fact not
 * stated, rules and citations outside the days their statutes were in
 * force (errors), and cited provisions acts.yaml does not account for
 * (warnings). */
#include <stdio.h>

#include "cmds.h"
#include "samkoll/diag.h"
#include "texts.h"

int cmd_lint(const cli_opts *o, const sk_ruleset *rs)
{
    int en = o->lang == SK_LANG_EN;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    size_t errors = sk_ruleset_lint(rs, &d);
    size_t warnings = d.count - errors;
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    if (errors) {
        fprintf(stderr, cli_text(T_SAMKOLL_PROBLEMS_IN_THE_RULE_SET, en), errors);
        return EXIT_INPUT;
    }
    if (warnings)
        printf(cli_text(T_RULES_NO_PROBLEMS_WARNINGS, en), sk_ruleset_count(rs), warnings,
               sk_ruleset_hash(rs));
    else
        printf(cli_text(T_RULES_NO_PROBLEMS_SHA256, en), sk_ruleset_count(rs), sk_ruleset_hash(rs));
    return EXIT_CLEAN;
}
