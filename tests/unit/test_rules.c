/* test_rules.c - compiling rules: positioned errors with suggestions,
 * type checks, regex errors, the basis/severity rule, conflicts, and
 * citation rendering. */
#include "helpers.h"

static const char HEAD[] =
    "id: %s\ntitle: {sv: T, en: T}\nseverity: %s\nbasis: %s\n%s\n"
    "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
    "require: %s\nmessage: {sv: \"%s\", en: x}\n";

/* Compiles one rule; returns the first error (copied) or "" if none.
 * cert is the certainty line: "true" stands for "certainty: settled". */
static const char *compile_error(const char *require, const char *severity, const char *basis,
                                 const char *cert, const char *msg, const char **hint,
                                 unsigned *line, unsigned *col)
{
    static char err[512], hintbuf[128];
    char buf[4096];
    if (strcmp(cert, "true") == 0)
        cert = "certainty: settled";
    snprintf(buf, sizeof buf, HEAD, "t.rule", severity, basis, cert, require, msg);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(buf, &d);
    err[0] = '\0';
    if (hint)
        *hint = NULL;
    if (d.count) {
        snprintf(err, sizeof err, "%s", d.items[0].message);
        if (hint && d.items[0].hint) {
            snprintf(hintbuf, sizeof hintbuf, "%s", d.items[0].hint);
            *hint = hintbuf;
        }
        if (line)
            *line = d.items[0].line;
        if (col)
            *col = d.items[0].col;
        cr_expect_null(rs);
    }
    sk_ruleset_free(rs);
    sk_diags_free(&d);
    return err;
}

Test(rules, unknown_path_suggests_field)
{
    const char *hint;
    unsigned line, col;
    const char *e = compile_error("{path: \"tasks[*].myndighetsutövning\", eq: true}", "fail", "statute",
                                  "true", "m", &hint, &line, &col);
    cr_expect(strstr(e, "myndighets") != NULL, "%s", e);
    cr_expect_str_eq(hint, "myndighetsutovning");
    cr_expect_eq(line, 8);
    e = compile_error("{path: agreement.clause.termination, eq: true}", "fail", "statute", "true",
                      "m", &hint, NULL, NULL);
    cr_expect_str_eq(hint, "clauses");
}

Test(rules, enum_literal_checked_against_the_schema)
{
    const char *hint;
    const char *e = compile_error("{path: form, eq: gemensam_nämnd}", "fail", "statute", "true", "m",
                                  &hint, NULL, NULL);
    cr_expect(strstr(e, "gemensam_nämnd") != NULL);
    cr_expect_str_eq(hint, "gemensam_namnd");
}

Test(rules, type_errors)
{
    cr_expect_neq(compile_error("{path: form, lt: 3}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{path: tasks, eq: x}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{path: date, eq: 2023-02-30}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{all: \"parties\", where: {path: .name, eq: x}}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{path: form, equals: natverk}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{path: .name, eq: x}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{sum: \"parties[*].name\", eq: 100}", "fail", "statute", "true", "m", NULL, NULL, NULL)[0], 0);
    cr_expect_str_eq(compile_error("{sum: \"parties[*].population\", gt: 100}", "fail", "statute", "true", "m", NULL, NULL, NULL), "");
}

Test(rules, regex_error_points_into_the_pattern)
{
    unsigned line, col;
    const char *e = compile_error("{path: agreement.text, matches: \"ab(c\"}", "fail", "statute", "true",
                                  "m", NULL, &line, &col);
    cr_expect(strstr(e, "regular expression") != NULL, "%s", e);
    cr_expect_eq(line, 8);
    cr_expect_gt(col, 33);
}

Test(rules, severity_is_free_of_basis_and_certainty)
{
    /* the old "practice or unverified must warn" check is gone */
    cr_expect_str_eq(compile_error("{path: form, eq: natverk}", "fail", "practice", "true", "m", NULL, NULL, NULL), "");
    cr_expect_str_eq(compile_error("{path: form, eq: natverk}", "warn", "statute",
                                   "certainty: contested\ncertainty_note: {sv: s, en: e}", "m", NULL, NULL, NULL), "");
}

Test(rules, verified_is_rejected_with_a_hint)
{
    const char *hint;
    unsigned line, col;
    const char *e = compile_error("{path: form, eq: natverk}", "fail", "statute", "verified: true", "m",
                                  &hint, &line, &col);
    cr_expect(strstr(e, "'verified' is no longer a rule field") != NULL, "%s", e);
    cr_expect(strstr(e, "certainty: settled") != NULL, "%s", e);
    cr_expect_str_eq(hint, "certainty");
    cr_expect_eq(line, 5);
    cr_expect_eq(col, 1);
}

Test(rules, certainty_values_and_note)
{
    const char *hint;
    const char *e = compile_error("{path: form, eq: natverk}", "fail", "statute", "certainty: setled", "m",
                                  &hint, NULL, NULL);
    cr_expect(strstr(e, "certainty") != NULL, "%s", e);
    cr_expect_str_eq(hint, "settled");
    e = compile_error("{path: form, eq: natverk}", "warn", "statute", "certainty: contested", "m", NULL,
                      NULL, NULL);
    cr_expect(strstr(e, "certainty_note") != NULL, "%s", e);
    e = compile_error("{path: form, eq: natverk}", "warn", "statute",
                      "certainty: contested\ncertainty_note: {sv: s}", "m", NULL, NULL, NULL);
    cr_expect(strstr(e, "sv and en") != NULL, "%s", e);
    e = compile_error("{path: form, eq: natverk}", "warn", "statute",
                      "certainty: settled\njudged_at: decisoin", "m", &hint, NULL, NULL);
    cr_expect(strstr(e, "judged_at") != NULL, "%s", e);
    cr_expect_str_eq(hint, "decision");
}

Test(rules, placeholders_are_checked)
{
    cr_expect_neq(compile_error("{path: form, eq: natverk}", "fail", "statute", "true", "{$x.name}", NULL, NULL, NULL)[0], 0);
    cr_expect_neq(compile_error("{path: form, eq: natverk}", "fail", "statute", "true", "{titel}", NULL, NULL, NULL)[0], 0);
    cr_expect_str_eq(compile_error("{path: form, eq: natverk}", "fail", "statute", "true", "{case} {title} {{x}}", NULL, NULL, NULL), "");
}

Test(rules, unknown_act_and_duplicate_id)
{
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    const char *two =
        "id: a.b\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations: [{act: KLL, chapter: 9, section: 37}]\n"
        "require: {path: form, eq: natverk}\nmessage: {sv: x, en: x}\n---\n"
        "id: a.b\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
        "require: {path: form, eq: natverk}\nmessage: {sv: x, en: x}\n";
    sk_ruleset *rs = rules_from(two, &d);
    cr_expect_null(rs);
    cr_assert_eq(d.count, 1, "one error: the unknown act (the duplicate is then the first valid rule)");
    cr_expect_str_eq(d.items[0].hint, "KL");
    sk_diags_free(&d);
}

Test(rules, opposite_requirements_are_reported)
{
    const char *two =
        "id: a.one\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
        "require: {path: agreement.signed, eq: true}\nmessage: {sv: x, en: x}\n---\n"
        "id: a.two\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
        "require: {path: agreement.signed, eq: false}\nmessage: {sv: x, en: x}\n";
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(two, &d);
    cr_expect_null(rs);
    cr_assert_eq(d.count, 1);
    cr_expect(strstr(d.items[0].message, "a.one") && strstr(d.items[0].message, "a.two"));
    sk_diags_free(&d);
    /* kept apart by applicability (different forms): no conflict */
    char buf[4096];
    const char *cut1 = strstr(two, "require: {path: agreement.signed, eq: true}");
    const char *cut2 = strstr(two, "require: {path: agreement.signed, eq: false}");
    snprintf(buf, sizeof buf, "%.*sapplies: {path: form, eq: aktiebolag}\n%.*sapplies: {path: form, eq: natverk}\n%s",
             (int)(cut1 - two), two, (int)(cut2 - cut1), cut1, cut2);
    sk_diags_init(&d, SK_LANG_EN);
    rs = rules_from(buf, &d);
    cr_expect_eq(d.count, 0, "%s", d.count ? d.items[0].message : "");
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

Test(cite, renders_swedish_and_english)
{
    const char *rule =
        "id: c.one\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations:\n"
        "  - {act: KL, chapter: 9, section: 37, paragraph: 2}\n"
        "  - {act: KL, chapter: 6, section: 38, point: 3}\n"
        "  - {act: KL, chapter: 3, section: \"17-18\"}\n"
        "  - {act: GDPR, article: \"28\"}\n"
        "  - {act: C-796/18}\n"
        "require: {path: form, eq: natverk}\nmessage: {sv: x, en: x}\n";
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(rule, &d);
    cr_assert_not_null(rs, "%s", d.count ? d.items[0].message : "");
    const sk_cite *c = rs->rules[0].cites;
    cr_expect_str_eq(c[0].text[0], "9 kap. 37 § andra stycket kommunallagen (2017:725)");
    cr_expect_str_eq(c[0].text[1], "Chapter 9, Section 37, second paragraph of the Local Government Act (2017:725)");
    cr_expect_str_eq(c[0].url, "https://lagen.nu/2017:725#K9P37S2");
    cr_expect_str_eq(c[1].text[0], "6 kap. 38 § punkt 3 kommunallagen (2017:725)");
    cr_expect_str_eq(c[2].text[0], "3 kap. 17–18 §§ kommunallagen (2017:725)");
    cr_expect_str_eq(c[2].url, "https://lagen.nu/2017:725#K3P17");
    cr_expect_str_eq(c[3].text[0], "artikel 28 dataskyddsförordningen");
    cr_expect_str_eq(c[3].text[1], "Article 28 of the GDPR");
    cr_expect_str_eq(c[4].text[0], "EU-domstolens dom i mål C-796/18");
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

Test(rules, rules_that_can_never_apply_are_reported)
{
    const char *r =
        "id: a.never\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
        "applies: {all: [{path: form, eq: natverk}, {path: form, eq: aktiebolag}]}\n"
        "require: {path: agreement.signed, eq: true}\nmessage: {sv: x, en: x}\n";
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(r, &d);
    cr_expect_null(rs);
    cr_assert_eq(d.count, 1);
    cr_expect(strstr(d.items[0].message, "can never apply") != NULL);
    cr_expect_eq(d.items[0].line, 8); /* the applies condition */
    sk_diags_free(&d);
}

/* One rule "id" with the given exception_to line (issue 12, D10). */
static void exc_rule(char *out, size_t n, const char *id, const char *exc)
{
    snprintf(out, n,
             "id: %s\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
             "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
             "exception_to: %s\nrequire: {path: form, eq: natverk}\nmessage: {sv: x, en: x}\n",
             id, exc);
}

Test(rules, exception_to_itself_is_a_positioned_error)
{
    char r[1024];
    exc_rule(r, sizeof r, "a.self", "[a.self]");
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(r, &d);
    cr_expect_null(rs);
    cr_assert_eq(d.count, 1);
    cr_expect(strstr(d.items[0].message, "'a.self' cannot be an exception") != NULL, "%s",
              d.items[0].message);
    cr_expect_str_eq(d.items[0].file, "t/rules.yaml");
    cr_expect_eq(d.items[0].line, 8);
    cr_expect_eq(d.items[0].col, 16); /* the entry inside the list */
    sk_diags_free(&d);
}

Test(rules, exception_to_cycles_are_positioned_errors)
{
    /* a -> b -> c -> a, and a separate d <-> e; f is an exception to a
     * (on no cycle) and must not be reported */
    static const char *const spec[][2] = {
        {"x.a", "[x.b]"}, {"x.b", "[x.c]"}, {"x.c", "[x.f, x.a]"},
        {"x.d", "[x.e]"}, {"x.e", "[x.d]"}, {"x.f", "[x.a]"},
    };
    char all[8192] = "", one[1024];
    for (size_t i = 0; i < sizeof spec / sizeof *spec; i++) {
        exc_rule(one, sizeof one, spec[i][0], spec[i][1]);
        if (i)
            strcat(all, "---\n");
        strcat(all, one);
    }
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(all, &d);
    cr_expect_null(rs);
    /* depth first from x.a: x.c's first entry x.f closes a-b-c-f-a, its
     * second x.a closes a-b-c-a; then d-e-d */
    cr_assert_eq(d.count, 3, "three cycles (got %zu)", d.count);
    static const struct { const char *text; unsigned line, col; } want[] = {
        {"x.a -> x.b -> x.c -> x.f -> x.a", 5 * 11 + 8, 16}, /* at x.f's entry x.a */
        {"x.a -> x.b -> x.c -> x.a", 2 * 11 + 8, 21},        /* at x.c's entry x.a */
        {"x.d -> x.e -> x.d", 4 * 11 + 8, 16},               /* at x.e's entry x.d */
    };
    for (size_t i = 0; i < 3; i++) {
        cr_expect(strstr(d.items[i].message, want[i].text) != NULL, "%s", d.items[i].message);
        cr_expect_eq(d.items[i].line, want[i].line, "%zu: line %u", i, d.items[i].line);
        cr_expect_eq(d.items[i].col, want[i].col, "%zu: col %u", i, d.items[i].col);
    }
    sk_diags_free(&d);
}

Test(rules, lint_clean_exceptions_still_load)
{
    char a[1024], b[1024], all[2100];
    exc_rule(a, sizeof a, "y.general", "[]");
    exc_rule(b, sizeof b, "y.special", "[y.general]");
    snprintf(all, sizeof all, "%s---\n%s", a, b);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(all, &d);
    cr_expect_not_null(rs);
    cr_expect_eq(d.count, 0);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* An act whose name lacks a language is one positioned error (it crashed
 * the loader when the English citation text was rendered); the act still
 * answers to its id, so the rules citing it add no errors of their own.
 * It follows a rejected entry, whose slot it reuses. */
Test(rules, act_with_half_a_name_is_one_error)
{
    static const char acts[] =
        "- {id: X, kind: statutee, name: {sv: x, en: x}, sfs: \"1:1\", url: \"https://lagen.nu/1:1\","
        " in_force: {from: 2030-01-01}}\n"
        "- {id: KL, kind: statute, name: {sv: kommunallagen}, sfs: \"2017:725\","
        " url: \"https://lagen.nu/2017:725\"}\n";
    static const char rule[] =
        "id: c.one\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
        "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
        "require: {path: form, eq: natverk}\nmessage: {sv: x, en: x}\n";
    sk_rule_src src[2] = {{"acts.yaml", acts, sizeof acts - 1}, {"t/r.yaml", rule, sizeof rule - 1}};
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    cr_expect_eq(sk_ruleset_load(&rs, src, 2, NULL, &d), SK_EINVALID);
    cr_expect_null(rs);
    cr_assert_eq(d.count, 2, "%zu diagnostics", d.count);
    cr_expect(strstr(d.items[0].message, "statutee") != NULL, "%s", d.items[0].message);
    cr_expect_str_eq(d.items[1].message, "'name' must have both sv and en");
    cr_expect_eq(d.items[1].line, 2);
    sk_diags_free(&d);
}
