/* test_dates.c - the date a rule is judged at (decided / starts / date and
 * the fallback chain), the citations valid at that date, the effective
 * certainty, and the lint checks that keep rules honest about absence and
 * dates. */
#include "helpers.h"

#include "base/date.h"

/* KL 2017 from 2018-01-01 with 9:37 checked and 3:17, 3:18 checked one by
 * one; KL 1991 until 2017-12-31 with 6:33 knowingly unchecked. */
static const char DACTS[] =
    "- {id: KL, kind: statute, name: {sv: kommunallagen, en: the Local Government Act},"
    " sfs: \"2017:725\", url: \"https://lagen.nu/2017:725\", in_force: {from: 2018-01-01},"
    " verified: [{cite: \"9:37\", source: \"https://lagen.nu/2017:725#K9P37\", on: 2026-12-03},"
    " {cite: \"3:17\", source: s, on: 2026-12-03}, {cite: \"3:18\", source: s, on: 2026-12-03}]}\n"
    "- {id: KL1991, kind: statute, name: {sv: kommunallagen, en: the Local Government Act of 1991},"
    " sfs: \"1991:900\", url: \"https://lagen.nu/1991:900\", in_force: {from: 1992-01-01, to: 2017-12-31},"
    " unverified: [{cite: \"6:33\", reason: {sv: test, en: test}}]}\n"
    "- {id: SKR, kind: guidance, name: {sv: SKR, en: SKR}, url: \"https://skr.se\"}\n";

static sk_ruleset *dated_rules(const char *rules_yaml, sk_diags *d)
{
    sk_rule_src src[2] = {
        {"acts.yaml", DACTS, sizeof DACTS - 1},
        {"t/rules.yaml", rules_yaml, strlen(rules_yaml)},
    };
    sk_ruleset *rs = NULL;
    sk_ruleset_load(&rs, src, 2, NULL, d);
    return rs;
}

/* One rule: judged_at (NULL: default), certainty line, validity, citations,
 * applies and require. */
static sk_ruleset *one_rule(const char *judged_at, const char *cert, const char *from, const char *cites,
                            const char *applies, const char *require)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "id: t.rule\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\n%s\n%s%s%s"
             "valid_from: %s\ncitations: %s\n%s%s%srequire: %s\nmessage: {sv: \"per {date}\", en: x}\n",
             cert, judged_at ? "judged_at: " : "", judged_at ? judged_at : "", judged_at ? "\n" : "",
             from, cites, applies ? "applies: " : "", applies ? applies : "", applies ? "\n" : "",
             require);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = dated_rules(buf, &d);
    for (size_t i = 0; i < d.count; i++)
        cr_log_error("%u:%u: %s", d.items[i].line, d.items[i].col, d.items[i].message);
    sk_diags_free(&d);
    cr_assert_not_null(rs);
    return rs;
}

static int32_t day(const char *s)
{
    int32_t v = 0;
    cr_assert(sk_date_parse(s, strlen(s), &v), "%s", s);
    return v;
}

static const char *fmt(int32_t d)
{
    static char buf[4][11];
    static int k;
    k = (k + 1) % 4;
    sk_date_format(d, buf[k]);
    return buf[k];
}

/* ---- the judged date --------------------------------------------------- */

Test(judged, chain_per_judged_at_and_stated_dates)
{
    static const struct {
        const char *dates;     /* case lines */
        sk_judged_at at;
        const char *day;
        sk_date_field source;
        bool fell_back;
    } rows[] = {
        {"decided: 2015-06-15\nstarts: 2016-01-01\n", SK_AT_DECISION, "2015-06-15", SK_DATE_DECIDED, false},
        {"starts: 2016-01-01\n", SK_AT_DECISION, "2016-01-01", SK_DATE_STARTS, true},
        {"", SK_AT_DECISION, "2025-03-01", SK_DATE_ASSESSMENT, true},
        {"decided: 2015-06-15\nstarts: 2016-01-01\n", SK_AT_START, "2016-01-01", SK_DATE_STARTS, false},
        {"decided: 2015-06-15\n", SK_AT_START, "2015-06-15", SK_DATE_DECIDED, true},
        {"", SK_AT_START, "2025-03-01", SK_DATE_ASSESSMENT, true},
        {"decided: 2015-06-15\nstarts: 2016-01-01\n", SK_AT_ASSESSMENT, "2025-03-01", SK_DATE_ASSESSMENT, false},
        {"decided: unknown\n", SK_AT_DECISION, "2025-03-01", SK_DATE_ASSESSMENT, true},
    };
    sk_ruleset *rs = rule_with(NULL, "{path: agreement.signed, eq: true}");
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char c[512];
        snprintf(c, sizeof c, "case: t\nform: natverk\ndate: 2025-03-01\n%s", rows[i].dates);
        evald e;
        eval_case(&e, rs, c);
        cr_assert_eq(e.rc, SK_OK, "row %zu: %s", i, e.d.count ? e.d.items[0].message : "");
        sk_judged j;
        sk_judged_date(e.c, rows[i].at, &j);
        cr_expect_str_eq(fmt(j.day), rows[i].day, "row %zu", i);
        cr_expect_eq(j.source, rows[i].source, "row %zu", i);
        cr_expect_eq(j.fell_back, rows[i].fell_back, "row %zu", i);
        eval_done(&e);
    }
    sk_ruleset_free(rs);
}

Test(judged, the_run_date_stands_in_for_a_missing_assessment_date)
{
    sk_ruleset *rs = rule_with(NULL, "{path: agreement.signed, eq: true}");
    evald e;
    eval_case(&e, rs, "case: t\nform: natverk\n");
    cr_assert_eq(e.rc, SK_OK);
    sk_judged j;
    sk_judged_date(e.c, SK_AT_DECISION, &j);
    cr_expect_eq(j.day, 20000); /* eval_case's default date */
    cr_expect_eq(j.source, SK_DATE_ASSESSMENT);
    cr_expect(j.fell_back);
    eval_done(&e);
    sk_ruleset_free(rs);
}

Test(judged, validity_date_path_and_placeholder_use_the_judged_date)
{
    /* valid from 2018: a case decided in 2015 is outside it when judged at
     * the decision, inside it when judged at the assessment date */
    const char *cites = "[{act: KL, chapter: 9, section: 37}]";
    sk_ruleset *dec = one_rule("decision", "certainty: settled", "2018-01-01", cites, NULL,
                               "{path: agreement.signed, eq: true}");
    sk_ruleset *now = one_rule(NULL, "certainty: settled", "2018-01-01", cites, NULL,
                               "{path: agreement.signed, eq: true}");
    const char *c = "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2015-06-15\nagreement: {signed: false}\n";
    evald e;
    eval_case(&e, dec, c);
    cr_expect_eq(e.res->findings[0].status, SK_ST_NOT_APPLICABLE);
    cr_expect_eq(e.res->findings[0].reason, SK_R_OUT_OF_VALIDITY);
    cr_expect_str_eq(fmt(e.res->findings[0].judged.day), "2015-06-15");
    eval_done(&e);
    eval_case(&e, now, c);
    cr_expect_eq(e.res->findings[0].status, SK_ST_FAIL);
    cr_expect_str_eq(fmt(e.res->findings[0].judged.day), "2025-03-01");
    sk_buf msg;
    sk_buf_init(&msg, 0);
    sk_finding_message(e.res, &e.res->findings[0], SK_LANG_SV, &msg);
    cr_expect_str_eq(sk_buf_cstr(&msg), "per 2025-03-01");
    sk_buf_free(&msg);
    eval_done(&e);
    sk_ruleset_free(dec);
    sk_ruleset_free(now);
    /* `date` in a condition is the judged date */
    sk_ruleset *rs = one_rule("decision", "certainty: settled", "1992-01-01",
                              "[{act: KL1991, chapter: 6, section: 33}]", "{path: date, lt: 2018-01-01}",
                              "{path: agreement.signed, eq: true}");
    cr_expect_eq(status_of(rs, c), SK_ST_FAIL);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2019-01-01\n"
                               "agreement: {signed: false}\n"), SK_ST_NOT_APPLICABLE);
    sk_ruleset_free(rs);
}

Test(judged, waiver_until_is_compared_with_the_assessment_date)
{
    sk_ruleset *rs = one_rule("decision", "certainty: settled", "1992-01-01",
                              "[{act: KL1991, chapter: 6, section: 33}]", NULL,
                              "{path: agreement.signed, eq: true}");
    /* judged at 2015 (decided), assessed 2025: a waiver until 2020 has expired */
    evald e;
    eval_case(&e, rs, "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2015-06-15\n"
                      "agreement: {signed: false}\n"
                      "waivers: [{rule: t.rule, reason: r, until: 2020-12-31}]\n");
    cr_assert_eq(e.rc, SK_OK);
    cr_expect_eq(e.res->findings[0].status, SK_ST_FAIL);
    cr_expect(e.res->findings[0].waiver_expired);
    eval_done(&e);
    eval_case(&e, rs, "case: t\nform: natverk\ndate: 2019-03-01\ndecided: 2015-06-15\n"
                      "agreement: {signed: false}\n"
                      "waivers: [{rule: t.rule, reason: r, until: 2020-12-31}]\n");
    cr_expect_eq(e.res->findings[0].status, SK_ST_WAIVED);
    eval_done(&e);
    sk_ruleset_free(rs);
}

/* ---- citations at a date ------------------------------------------------ */

static const char *const CITES =
    "[{act: KL1991, chapter: 6, section: 33, until: 2017-12-31},"
    " {act: KL, chapter: 9, section: 37, from: 2018-07-01},"
    " {act: KL, chapter: 6, section: 1},"
    " {act: SKR}]";

Test(cites, valid_at_their_own_bounds_within_the_act)
{
    sk_ruleset *rs = one_rule(NULL, "certainty: settled", "1992-01-01", CITES, NULL,
                              "{path: agreement.signed, eq: true}");
    const sk_rule *r = &rs->rules[0];
    static const struct { const char *day; uint64_t mask; } rows[] = {
        {"1991-12-31", 0x8},        /* before KL 1991: only the guidance */
        {"2010-05-01", 0x9},        /* KL 1991 6:33 */
        {"2017-12-31", 0x9},
        {"2018-01-01", 0xC},        /* KL 6:1 (the act is in force), not yet 9:37 */
        {"2018-07-01", 0xE},        /* and 9:37 */
        {"2030-01-01", 0xE},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        cr_expect_eq(sk_cite_mask(r, day(rows[i].day)), rows[i].mask, "%s: %#llx", rows[i].day,
                     (unsigned long long)sk_cite_mask(r, day(rows[i].day)));
    cr_expect(r->cites[0].has_until && !r->cites[0].has_from);
    cr_expect(!r->cites[2].has_from && !r->cites[2].has_until);
    int32_t f, u;
    sk_cite_window(&r->cites[2], &f, &u);
    cr_expect_str_eq(fmt(f), "2018-01-01");
    cr_expect_eq(u, SK_DAY_MAX);
    sk_ruleset_free(rs);
}

Test(cites, a_finding_shows_those_valid_at_its_judged_date)
{
    const char *c15 = "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2015-06-15\nagreement: {signed: false}\n";
    sk_ruleset *rs = one_rule("decision", "certainty: settled", "1992-01-01", CITES, NULL,
                              "{path: agreement.signed, eq: true}");
    evald e;
    eval_case(&e, rs, c15);
    cr_expect_eq(e.res->findings[0].cites, 0x9);
    eval_done(&e);
    sk_ruleset_free(rs);
    /* a rule out of validity at the judged date shows the citations of the
     * nearest day it was valid, never none */
    rs = one_rule("decision", "certainty: settled", "2018-07-01", "[{act: KL, chapter: 9, section: 37}]", NULL,
                  "{path: agreement.signed, eq: true}");
    eval_case(&e, rs, c15);
    cr_expect_eq(e.res->findings[0].status, SK_ST_NOT_APPLICABLE);
    cr_expect_eq(e.res->findings[0].cites, 0x1);
    eval_done(&e);
    sk_ruleset_free(rs);
}

/* ---- certainty ----------------------------------------------------------- */

Test(certainty, effective_certainty_from_declaration_and_acts)
{
    static const struct {
        const char *cert, *cites;
        sk_certainty want;
    } rows[] = {
        {"certainty: settled", "[{act: KL, chapter: 9, section: 37, paragraph: 2}]", SK_CERT_SETTLED},
        {"certainty: settled", "[{act: KL, chapter: 9, section: 38}]", SK_CERT_PIN_UNVERIFIED},
        {"certainty: settled", "[{act: KL, chapter: 3, section: \"17-18\"}]", SK_CERT_SETTLED},
        {"certainty: settled", "[{act: KL, chapter: 3, section: \"17-19\"}]", SK_CERT_PIN_UNVERIFIED},
        {"certainty: settled", "[{act: KL}, {act: SKR}]", SK_CERT_SETTLED},
        {"certainty: settled", "[{act: KL1991, chapter: 6, section: 33}]", SK_CERT_PIN_UNVERIFIED},
        {"certainty: contested\ncertainty_note: {sv: s, en: e}", "[{act: KL, chapter: 9, section: 37}]",
         SK_CERT_CONTESTED},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        sk_ruleset *rs = one_rule(NULL, rows[i].cert, "1992-01-01", rows[i].cites, NULL,
                                  "{path: agreement.signed, eq: true}");
        const sk_rule *r = &rs->rules[0];
        cr_expect_eq(sk_rule_certainty(r, sk_cite_mask_all(r)), rows[i].want, "row %zu", i);
        sk_ruleset_free(rs);
    }
}

Test(certainty, only_the_citations_shown_count_and_severity_is_untouched)
{
    /* KL 1991 6:33 is unchecked, KL 9:37 checked: judged in 2015 the finding
     * is pin-cite unverified, judged in 2019 settled; both fail */
    sk_ruleset *rs = one_rule("decision", "certainty: settled", "1992-01-01", CITES, NULL,
                              "{path: agreement.signed, eq: true}");
    evald e;
    eval_case(&e, rs, "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2015-06-15\nagreement: {signed: false}\n");
    cr_expect_eq(e.res->findings[0].certainty, SK_CERT_PIN_UNVERIFIED);
    cr_expect_eq(e.res->findings[0].status, SK_ST_FAIL);
    eval_done(&e);
    eval_case(&e, rs, "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2019-06-15\nagreement: {signed: false}\n");
    cr_expect_eq(e.res->findings[0].certainty, SK_CERT_PIN_UNVERIFIED); /* 6:1 is not checked */
    cr_expect_eq(e.res->findings[0].status, SK_ST_FAIL);
    eval_done(&e);
    sk_ruleset_free(rs);
    rs = one_rule("decision", "certainty: settled", "1992-01-01",
                  "[{act: KL1991, chapter: 6, section: 33, until: 2017-12-31},"
                  " {act: KL, chapter: 9, section: 37, from: 2018-01-01}]",
                  NULL, "{path: agreement.signed, eq: true}");
    eval_case(&e, rs, "case: t\nform: natverk\ndate: 2025-03-01\ndecided: 2019-06-15\nagreement: {signed: false}\n");
    cr_expect_eq(e.res->findings[0].certainty, SK_CERT_SETTLED);
    cr_expect_eq(e.res->findings[0].status, SK_ST_FAIL);
    eval_done(&e);
    sk_ruleset_free(rs);
}

Test(certainty, labels_are_swedish_by_default)
{
    cr_expect_str_eq(sk_certainty_label(SK_CERT_SETTLED, 0), "Rättsläget: klart");
    cr_expect_str_eq(sk_certainty_label(SK_CERT_CONTESTED, 0), "Rättsläget: omstritt");
    cr_expect_str_eq(sk_certainty_label(SK_CERT_PIN_UNVERIFIED, 0), "lagrummet ej kontrollerat");
    cr_expect_str_eq(sk_certainty_label(SK_CERT_PIN_UNVERIFIED, 1), "pin-cite unverified");
    cr_expect_str_eq(sk_certainty_names[SK_CERT_PIN_UNVERIFIED], "pin_cite_unverified");
}

/* ---- lint ------------------------------------------------------------------ */

static size_t lint_errors(const char *from, const char *cites, const char *extra, const char *require,
                          unsigned *line)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "id: t.rule\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n%s"
             "valid_from: %s\ncitations: %s\nrequire: %s\nmessage: {sv: x, en: x}\n",
             extra, from, cites, require);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = dated_rules(buf, &d);
    cr_assert_not_null(rs, "%s", d.count ? d.items[0].message : "");
    size_t n = sk_ruleset_lint(rs, &d);
    if (line)
        *line = 0;
    for (size_t i = 0; i < d.count && line; i++)
        if (d.items[i].level == SK_DIAG_ERROR) {
            *line = d.items[i].line;
            break;
        }
    sk_ruleset_free(rs);
    sk_diags_free(&d);
    return n;
}

Test(lint, absence_turned_into_a_breach)
{
    const char *kl = "[{act: KL, chapter: 9, section: 37}]";
    static const struct { const char *require; size_t errors; } rows[] = {
        {"{path: agreement.clauses.duration, exists: true}", 1},
        {"{all: [{path: form, exists: true}, {path: agreement.signed, eq: true}]}", 0},
        {"{not: {path: agreement.clauses.duration, exists: false}}", 1},
        {"{not: {path: agreement.clauses.duration, exists: true}}", 0},
        {"{path: agreement.clauses.duration, exists: false}", 0},
        {"{none: \"delegations[*]\", where: {path: .reported, exists: false}}", 1},
        {"{any: \"delegations[*]\", where: {path: .reported, exists: true}}", 1},
        {"{count: \"agreement.cost_allocation.shares[*]\", gt: 0}", 1},
        {"{count: \"agreement.cost_allocation.shares[*]\", eq: 0}", 0},
        {"{not: {count: \"agreement.cost_allocation.shares[*]\", eq: 0}}", 1},
        {"{count: \"parties[*]\", where: {path: .role, exists: true}, ge: 1}", 1},
        {"{count: \"parties[*]\", where: {path: .role, exists: true}, lt: 3}", 0},
        {"{path: agreement.clauses.duration, eq: true}", 0},
        /* a stated fact decides; the missing one alone cannot make it false */
        {"{any: [{path: agreement.clauses.duration, eq: true}, {path: agreement.duration, exists: true}]}", 0},
        {"{all: [{path: agreement.clauses.duration, eq: true}, {path: agreement.duration, exists: true}]}", 1},
        {"{any: [{path: agreement.cost_allocation.basis, exists: true},"
         " {count: \"agreement.cost_allocation.shares[*]\", gt: 0}]}", 1},
        {"{any: [{path: agreement.cost_allocation.basis, matches: x},"
         " {count: \"agreement.cost_allocation.shares[*]\", gt: 0}]}", 0},
        {"{not: {all: [{path: agreement.text, exists: true}, {path: agreement.text, matches: x}]}}", 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        cr_expect_eq(lint_errors("2018-07-01", kl, "", rows[i].require, NULL), rows[i].errors, "row %zu: %s",
                     i, rows[i].require);
    /* declared: accepted */
    cr_expect_eq(lint_errors("2018-07-01", kl, "absence_is_breach: {sv: s, en: e}\n",
                             "{path: agreement.clauses.duration, exists: true}", NULL), 0);
}

Test(lint, rule_valid_before_its_statutes)
{
    unsigned line;
    cr_expect_eq(lint_errors("2010-01-01", "[{act: KL, chapter: 9, section: 37}]", "",
                             "{path: agreement.signed, eq: true}", &line), 1);
    cr_expect_eq(line, 6); /* valid_from */
    cr_expect_eq(lint_errors("2010-01-01", "[{act: KL1991, chapter: 6, section: 33}, {act: KL}]", "",
                             "{path: agreement.signed, eq: true}", NULL), 0);
    cr_expect_eq(lint_errors("1980-01-01", "[{act: SKR}]", "", "{path: agreement.signed, eq: true}", NULL), 0);
    cr_expect_eq(lint_errors("2018-01-01", "[{act: KL1991, chapter: 6, section: 33}]", "",
                             "{path: agreement.signed, eq: true}", NULL), 1);
}

Test(lint, date_bound_citation_outside_in_force)
{
    unsigned line;
    cr_expect_eq(lint_errors("2018-07-01", "\n  - {act: KL, chapter: 9, section: 37, from: 2017-01-01}", "",
                             "{path: agreement.signed, eq: true}", &line), 1);
    cr_expect_eq(line, 8); /* the citation */
    cr_expect_eq(lint_errors("2018-07-01", "[{act: KL1991, chapter: 6, section: 33, until: 2018-12-31},"
                                           " {act: KL, chapter: 9, section: 37}]", "",
                             "{path: agreement.signed, eq: true}", NULL), 1);
    cr_expect_eq(lint_errors("2018-07-01", "[{act: KL1991, chapter: 6, section: 33, until: 2017-12-31},"
                                           " {act: KL, chapter: 9, section: 37, from: 2018-07-01}]", "",
                             "{path: agreement.signed, eq: true}", NULL), 0);
}
