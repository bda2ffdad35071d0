/* fuzz_check.c - fuzz target: a full check of arbitrary bytes as a case
 * stream against the embedded rule set (loaded once), with waiver and
 * expect ids validated, every case evaluated and written as JSON, JSON
 * Lines and text. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sk_ruleset *rs;
    static sk_evaluator *ev;
    static const char *const fmts[] = {"json", "jsonl", "text", NULL};
    static sk_limits lim;
    if (!rs) {
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        sk_limits_default(&lim);
        FUZZ_CHECK(sk_ruleset_load(&rs, sk_embedded_rules, sk_embedded_rules_count,
                                   &lim, &d) == SK_OK);
        sk_diags_free(&d);
        FUZZ_CHECK(sk_evaluator_new(&ev, rs) == SK_OK);
    }
    int lang = size > 0 && (data[0] & 1);
    fuzz_check_stream((const char *)data, size, &lim, rs, rs, ev, fmts, lang);
    return 0;
}
