/* test_init.c - sk_case_template (samkoll init): which rules can apply to
 * a form is judged from their conditions on the form alone (Kleene logic,
 * every other fact unknown), and the template shows what those rules read,
 * stating nothing. */
#include "helpers.h"

#include <stdlib.h>

#include "samkoll/advice.h"

/* The template of form under rs, in memory (NULL unless SK_OK). */
static char *template_of(const sk_ruleset *rs, const char *form, sk_lang lang, sk_rc *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    cr_assert_not_null(m);
    *rc = sk_case_template(rs, form, lang, m);
    fclose(m);
    if (*rc != SK_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int has(const char *text, const char *s) { return text && strstr(text, s) != NULL; }

Test(init, a_rule_for_one_form)
{
    sk_ruleset *rs = rule_with("{path: form, eq: kommunalforbund}",
                               "{path: governance.forbundsordning, eq: true}");
    sk_rc rc;
    char *kf = template_of(rs, "kommunalforbund", SK_LANG_SV, &rc);
    char *nv = template_of(rs, "natverk", SK_LANG_SV, &rc);
    cr_expect(has(kf, "\ngovernance:\n"));
    cr_expect(has(kf, "\n  forbundsordning: unknown\n"));
    cr_expect(has(kf, "de 1 regler"));
    cr_expect(has(kf, "\nform: kommunalforbund\n"));
    cr_expect(!has(nv, "forbundsordning"), "a natverk's template: %s", nv);
    cr_expect(!has(nv, "governance"));
    cr_expect(has(nv, "de 0 regler"));
    free(kf);
    free(nv);
    sk_ruleset_free(rs);
}

/* A condition on another fact is unknown: all/any/not decide by the form
 * where they can and keep the rule where they cannot. */
Test(init, kleene_on_the_form)
{
    sk_ruleset *rs = rule_with(
        "{all: [{path: form, ne: natverk},"
        " {any: \"tasks[*]\", as: t, where: {path: $t.myndighetsutovning, eq: true}}]}",
        "{path: oversight.budget, eq: true}");
    sk_rc rc;
    char *ab = template_of(rs, "aktiebolag", SK_LANG_EN, &rc);
    char *nv = template_of(rs, "natverk", SK_LANG_EN, &rc);
    cr_expect(has(ab, "\ntasks: unknown\n"));
    cr_expect(has(ab, "\n#   - name: unknown\n"), "the entry, with its name: %s", ab);
    cr_expect(has(ab, "\n#     myndighetsutovning: unknown\n"));
    cr_expect(has(ab, "\n  budget: unknown\n"));
    cr_expect(has(ab, "[true/false]"));
    cr_expect(!has(nv, "budget") && !has(nv, "tasks"));
    free(ab);
    free(nv);
    sk_ruleset_free(rs);
    rs = rule_with("{not: {path: form, not_in: [aktiebolag, stiftelse]}}",
                   "{path: oversight.budget, eq: true}");
    ab = template_of(rs, "stiftelse", SK_LANG_SV, &rc);
    nv = template_of(rs, "handelsbolag", SK_LANG_SV, &rc);
    cr_expect(has(ab, "budget: unknown"));
    cr_expect(!has(nv, "budget"));
    free(ab);
    free(nv);
    sk_ruleset_free(rs);
}

/* A map a rule tests as a whole is commented out: stating it (even with
 * unknown fields) would make `exists` true. */
Test(init, a_map_tested_whole_is_commented_out)
{
    sk_ruleset *rs = rule_with("{path: agreement.cost_allocation, exists: true}",
                               "{path: agreement.cost_allocation.basis, eq: lika}");
    sk_rc rc;
    char *t = template_of(rs, "avtalssamverkan", SK_LANG_SV, &rc);
    cr_expect(has(t, "\nagreement:\n"));
    cr_expect(has(t, "\n#   cost_allocation:\n"), "%s", t);
    cr_expect(has(t, "\n#     basis: unknown\n"));
    cr_expect(!has(t, "\n  cost_allocation:"));
    free(t);
    sk_ruleset_free(rs);
}

Test(init, forms_by_name_label_or_alias)
{
    sk_ruleset *rs = rule_with(NULL, "{path: oversight.budget, eq: true}");
    sk_rc rc;
    char *t = template_of(rs, "Gemensam nämnd", SK_LANG_SV, &rc);
    cr_expect_eq(rc, SK_OK);
    cr_expect(has(t, "\nform: gemensam_namnd\n"));
    cr_expect(has(t, "\ncase: ny-gemensam-namnd\n"));
    cr_expect(has(t, "Nytt ärende: gemensam nämnd."));
    free(t);
    cr_expect_null(template_of(rs, "nosuch", SK_LANG_SV, &rc));
    cr_expect_eq(rc, SK_ENOTFOUND);
    cr_expect_null(template_of(rs, "", SK_LANG_SV, &rc));
    cr_expect_eq(rc, SK_ENOTFOUND);
    cr_expect_null(template_of(NULL, "natverk", SK_LANG_SV, &rc));
    sk_ruleset_free(rs);
}
