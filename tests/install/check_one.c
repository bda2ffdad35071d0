/* check_one.c - the smallest program that embeds samkoll: one case from
 * memory, checked against the rule set built into the library, each
 * finding that is not a pass printed with its message. Built against the
 * *installed* library (pkg-config samkoll) by tests/check-install. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <samkoll/case.h>
#include <samkoll/eval.h>
#include <samkoll/ruleset.h>
#include <samkoll/util.h>

static const char case_yaml[] =
    "case: exempel-extern-delegering\n"
    "title: Miljötillsyn genom avtalssamverkan\n"
    "date: 2024-01-01\n"
    "form: avtalssamverkan\n"
    "parties:\n"
    "  - {name: Hallsbergs kommun, type: kommun, role: provider}\n"
    "  - {name: Laxå kommun, type: kommun, role: buyer}\n"
    "delegations:\n"
    "  - {by: Miljönämnden, by_party: Laxå kommun, to: company, to_party: Hallsbergs kommun}\n";

int main(void)
{
    sk_limits lim;
    sk_limits_default(&lim);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_SV);
    sk_ruleset *rs = NULL;
    sk_source *src = NULL;
    sk_evaluator *ev = NULL;
    sk_arena *a = sk_arena_new();
    int status = 2;
    if (!a || sk_ruleset_load_embedded(&rs, &lim, &d) != SK_OK ||
        sk_source_open_mem(&src, "exempel.yaml", case_yaml, strlen(case_yaml), &lim) != SK_OK)
        goto done;
    sk_case *c = NULL;
    sk_result *res = NULL;
    if (sk_source_next(src, a, rs, sk_date_today(), &c, &d) != SK_OK ||
        sk_evaluator_new(&ev, rs) != SK_OK || sk_evaluate(ev, c, &res) != SK_OK)
        goto done;
    printf("%s: %zu regler, sämsta utfall %s\n", sk_case_id(c), sk_ruleset_count(rs),
           sk_status_name(sk_result_worst(res)));
    for (size_t i = 0; i < sk_result_size(res); i++) {
        sk_status s = sk_result_status(res, i);
        if (s != SK_ST_FAIL && s != SK_ST_WARN)
            continue;
        char *msg = sk_result_message(res, i, SK_LANG_SV);
        printf("%s %s\n  %s\n", sk_status_name(s), sk_result_rule_id(res, i), msg ? msg : "");
        free(msg);
    }
    status = sk_result_worst(res) == SK_ST_FAIL ? 1 : 0;
done:
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    sk_evaluator_free(ev);
    sk_source_close(src);
    sk_arena_destroy(a);
    sk_ruleset_free(rs);
    return status;
}
