/* fuzz_rules.c - fuzz target: loading and compiling a rule set from
 * arbitrary bytes. The input is one rule file next to the real acts and
 * forms tables and one real rule file; an input starting "#acts\n" is the
 * acts table instead, and one starting "#forms\n" the forms table (with
 * the real other table and two real rule files). A rule set that compiles
 * is listed, every rule explained, and it is applied to a fixed case whose
 * results are written as JSON and text. */
#include "fuzz.h"
#include "rules/ruleset_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const fmts[] = {"json", "text", NULL};
    const char *in = (const char *)data;
    sk_rule_src src[4] = {
        fuzz_embedded("acts.yaml"), fuzz_embedded("forms.yaml"),
        fuzz_embedded("avtal/extern-delegering.yaml"), fuzz_embedded("bolag/bolag.yaml"),
    };
    if (size >= 6 && memcmp(in, "#acts\n", 6) == 0)
        src[0] = (sk_rule_src){"acts.yaml", in, size};
    else if (size >= 7 && memcmp(in, "#forms\n", 7) == 0)
        src[1] = (sk_rule_src){"forms.yaml", in, size};
    else
        src[3] = (sk_rule_src){"fuzz/input.yaml", in, size};
    sk_limits lim;
    sk_limits_default(&lim);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    sk_rc rc = sk_ruleset_load(&rs, src, 4, &lim, &d);
    FUZZ_CHECK(rc == SK_OK || rc == SK_EINVALID);
    FUZZ_CHECK((rc == SK_OK) == (rs != NULL));
    FUZZ_CHECK(rc == SK_OK || d.errors > 0);
    fuzz_format_diags(&d);
    sk_diags_free(&d);
    if (!rs)
        return 0;
    FUZZ_CHECK(sk_ruleset_count(rs) > 0 && strlen(sk_ruleset_hash(rs)) == 64);
    sk_rules_list(rs, SK_LANG_SV, fuzz_null());
    for (size_t i = 0; i < rs->nrules; i++)
        FUZZ_CHECK(sk_rule_explain(rs, rs->rules[i].id, (sk_lang)(i & 1), fuzz_null()) == SK_OK);
    sk_rule_explain(rs, "fuzz.nope", SK_LANG_SV, fuzz_null());
    sk_evaluator *ev;
    FUZZ_CHECK(sk_evaluator_new(&ev, rs) == SK_OK);
    fuzz_check_stream(fuzz_fixed_case, sizeof fuzz_fixed_case - 1, &lim, NULL, rs, ev,
                      fmts, (int)(size & 2) >> 1);
    sk_evaluator_free(ev);
    sk_ruleset_free(rs);
    return 0;
}
