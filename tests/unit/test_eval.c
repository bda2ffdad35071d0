/* test_eval.c - the three-valued evaluator: truth tables, quantifiers over
 * empty and unknown lists, counts, sums, dates, regexes, collections,
 * exceptions and waivers. */
#include "helpers.h"

#define PASS SK_ST_PASS
#define FAIL SK_ST_FAIL
#define UNK SK_ST_UNKNOWN
#define NA SK_ST_NOT_APPLICABLE

/* a = agreement.clauses.termination, b = agreement.clauses.damages */
static const char *clauses(const char *a, const char *b)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "case: t\nform: avtalssamverkan\nagreement:\n  clauses:\n%s%s%s%s%s%s",
             a ? "    termination: " : "", a ? a : "", a ? "\n" : "",
             b ? "    damages: " : "", b ? b : "", b ? "\n" : "");
    return buf;
}

static const char *const vals[3] = {"true", "false", NULL}; /* NULL: not stated */

Test(eval, kleene_and_truth_table)
{
    sk_ruleset *rs = rule_with(NULL, "{all: [{path: agreement.clauses.termination, eq: true},"
                                     " {path: agreement.clauses.damages, eq: true}]}");
    /* rows: a = T, F, U; columns: b = T, F, U */
    const sk_status want[3][3] = {{PASS, FAIL, UNK}, {FAIL, FAIL, FAIL}, {UNK, FAIL, UNK}};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            cr_expect_eq(status_of(rs, clauses(vals[i], vals[j])), want[i][j], "AND row %d col %d", i, j);
    sk_ruleset_free(rs);
}

Test(eval, kleene_or_truth_table)
{
    sk_ruleset *rs = rule_with(NULL, "{any: [{path: agreement.clauses.termination, eq: true},"
                                     " {path: agreement.clauses.damages, eq: true}]}");
    const sk_status want[3][3] = {{PASS, PASS, PASS}, {PASS, FAIL, UNK}, {PASS, UNK, UNK}};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            cr_expect_eq(status_of(rs, clauses(vals[i], vals[j])), want[i][j], "OR row %d col %d", i, j);
    sk_ruleset_free(rs);
}

Test(eval, kleene_not)
{
    sk_ruleset *rs = rule_with(NULL, "{not: {path: agreement.clauses.termination, eq: true}}");
    cr_expect_eq(status_of(rs, clauses("true", NULL)), FAIL);
    cr_expect_eq(status_of(rs, clauses("false", NULL)), PASS);
    cr_expect_eq(status_of(rs, clauses(NULL, NULL)), UNK);
    cr_expect_eq(status_of(rs, clauses("unknown", NULL)), UNK);
    cr_expect_eq(status_of(rs, clauses("~", NULL)), UNK);
    cr_expect_eq(status_of(rs, clauses("nej", NULL)), PASS);
    sk_ruleset_free(rs);
}

Test(eval, unknown_names_the_missing_fact)
{
    sk_ruleset *rs = rule_with(NULL, "{path: agreement.clauses.termination, eq: true}");
    evald e;
    eval_case(&e, rs, "case: t\nform: avtalssamverkan\n");
    const sk_finding *f = &e.res->findings[0];
    cr_assert_eq(f->status, UNK);
    cr_assert_eq(f->nmissing, 1);
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_fact_path(&f->missing[0], &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "agreement.clauses.termination");
    sk_buf_free(&b);
    eval_done(&e);
    sk_ruleset_free(rs);
}

Test(eval, definite_result_drops_missing_facts)
{
    /* false AND unknown is false: nothing is reported missing */
    sk_ruleset *rs = rule_with(NULL, "{all: [{path: agreement.clauses.termination, eq: true},"
                                     " {path: agreement.clauses.damages, eq: true}]}");
    evald e;
    eval_case(&e, rs, clauses(NULL, "false"));
    cr_expect_eq(e.res->findings[0].status, FAIL);
    cr_expect_eq(e.res->findings[0].nmissing, 0);
    eval_done(&e);
    sk_ruleset_free(rs);
}

static const char *tasks(const char *items)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "case: t\nform: avtalssamverkan\n%s", items);
    return buf;
}

Test(eval, quantifiers_over_empty_and_missing_lists)
{
    sk_ruleset *all = rule_with(NULL, "{all: \"tasks[*]\", where: {path: .myndighetsutovning, eq: false}}");
    sk_ruleset *any = rule_with(NULL, "{any: \"tasks[*]\", where: {path: .myndighetsutovning, eq: true}}");
    sk_ruleset *none = rule_with(NULL, "{none: \"tasks[*]\", where: {path: .myndighetsutovning, eq: true}}");
    cr_expect_eq(status_of(all, tasks("tasks: []\n")), PASS);
    cr_expect_eq(status_of(any, tasks("tasks: []\n")), FAIL);
    cr_expect_eq(status_of(none, tasks("tasks: []\n")), PASS);
    cr_expect_eq(status_of(all, tasks("")), UNK);
    cr_expect_eq(status_of(any, tasks("")), UNK);
    cr_expect_eq(status_of(none, tasks("")), UNK);
    const char *mixed = "tasks:\n  - {name: a, myndighetsutovning: false}\n  - {name: b}\n";
    cr_expect_eq(status_of(all, tasks(mixed)), UNK);
    cr_expect_eq(status_of(any, tasks(mixed)), UNK);
    const char *hit = "tasks:\n  - {name: a}\n  - {name: b, myndighetsutovning: true}\n";
    cr_expect_eq(status_of(any, tasks(hit)), PASS);
    cr_expect_eq(status_of(none, tasks(hit)), FAIL);
    cr_expect_eq(status_of(all, tasks(hit)), FAIL);
    sk_ruleset_free(all);
    sk_ruleset_free(any);
    sk_ruleset_free(none);
}

Test(eval, count_with_unknown_items_is_a_range)
{
    sk_ruleset *rs = rule_with(NULL, "{count: \"parties[*]\", where: {path: .role, eq: host}, eq: 1}");
    cr_expect_eq(status_of(rs, tasks("parties:\n  - {name: A, role: host}\n  - {name: B, role: member}\n")), PASS);
    cr_expect_eq(status_of(rs, tasks("parties:\n  - {name: A, role: host}\n  - {name: B, role: host}\n")), FAIL);
    cr_expect_eq(status_of(rs, tasks("parties:\n  - {name: A, role: host}\n  - {name: B}\n")), UNK);
    cr_expect_eq(status_of(rs, tasks("parties:\n  - {name: A, role: member}\n  - {name: B, role: member}\n")), FAIL);
    cr_expect_eq(status_of(rs, tasks("parties: []\n")), FAIL);
    sk_ruleset_free(rs);
}

Test(eval, sums_to_one_hundred)
{
    sk_ruleset *rs = rule_with(NULL, "{sum: \"agreement.cost_allocation.shares[*].percent\", eq: 100}");
    const char *ok = "agreement:\n  cost_allocation:\n    shares:\n      - {party: A, percent: 33.33}\n"
                     "      - {party: B, percent: 33.33}\n      - {party: C, percent: 33.34}\n";
    const char *bad = "agreement:\n  cost_allocation:\n    shares:\n      - {party: A, percent: 60}\n"
                      "      - {party: B, percent: 30}\n";
    const char *unk = "agreement:\n  cost_allocation:\n    shares:\n      - {party: A, percent: 60}\n"
                      "      - {party: B}\n";
    cr_expect_eq(status_of(rs, tasks(ok)), PASS);
    cr_expect_eq(status_of(rs, tasks(bad)), FAIL);
    cr_expect_eq(status_of(rs, tasks(unk)), UNK);
    cr_expect_eq(status_of(rs, tasks("agreement:\n  cost_allocation:\n    shares: []\n")), FAIL);
    sk_ruleset_free(rs);
}

Test(eval, dates_and_validity)
{
    sk_ruleset *rs = rule_with(NULL, "{path: date, ge: 2018-07-01}");
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\ndate: 2018-07-01\n"), PASS);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\ndate: 2018-06-30\n"), FAIL);
    /* no date: the run's date (20000 = 2024-10-04) is used, never unknown */
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\n"), PASS);
    sk_ruleset_free(rs);
    /* valid_from 2000-01-01 in rule_with: a case before it is not applicable */
    rs = rule_with(NULL, "{path: form, eq: natverk}");
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\ndate: 1999-12-31\n"), NA);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\ndate: 2000-01-01\n"), PASS);
    sk_ruleset_free(rs);
}

Test(eval, applies_false_and_unknown)
{
    sk_ruleset *rs = rule_with("{path: procurement.services_between_parties, eq: true}",
                               "{path: procurement.exemption, ne: none}");
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nprocurement: {services_between_parties: false}\n"), NA);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nprocurement: {exemption: none}\n"), UNK);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nprocurement: {services_between_parties: ja, exemption: none}\n"), FAIL);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nprocurement: {services_between_parties: ja, exemption: in_house}\n"), PASS);
    sk_ruleset_free(rs);
}

Test(eval, regex_unicode_and_icase)
{
    sk_ruleset *rs = rule_with(NULL, "{not: {path: agreement.text, matches: \"\\\\blandsting\\\\w*\", icase: true}}");
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nagreement: {text: \"Avtal mellan LANDSTINGET och kommunen\"}\n"), FAIL);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nagreement: {text: \"Avtal mellan regionen och kommunen\"}\n"), PASS);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\n"), UNK);
    sk_ruleset_free(rs);
    rs = rule_with(NULL, "{path: agreement.text, matches: \"^\\\\p{Lu}\\\\w+ nämnd$\"}");
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\nagreement: {text: \"Överförmyndarens nämnd\"}\n"), PASS);
    sk_ruleset_free(rs);
}

Test(eval, membership_and_collections)
{
    sk_ruleset *rs = rule_with(NULL, "{all: \"agreement.cost_allocation.shares[*]\", as: s,"
                                     " where: {path: $s.party, in: {path: \"parties[*].name\"}}}");
    const char *ok = "parties: [{name: A}, {name: B}]\nagreement: {cost_allocation: {shares: [{party: A, percent: 50}, {party: B, percent: 50}]}}\n";
    const char *bad = "parties: [{name: A}, {name: B}]\nagreement: {cost_allocation: {shares: [{party: A, percent: 50}, {party: C, percent: 50}]}}\n";
    cr_expect_eq(status_of(rs, tasks(ok)), PASS);
    cr_expect_eq(status_of(rs, tasks(bad)), FAIL);
    sk_ruleset_free(rs);
    rs = rule_with(NULL, "{none: \"bodies[*]\", as: b, where: {path: $b.operates, intersects: {path: $b.supervises}}}");
    cr_expect_eq(status_of(rs, tasks("bodies: [{name: X, operates: [skola], supervises: [skola, miljo]}]\n")), FAIL);
    cr_expect_eq(status_of(rs, tasks("bodies: [{name: X, operates: [skola], supervises: [miljo]}]\n")), PASS);
    cr_expect_eq(status_of(rs, tasks("bodies: [{name: X, operates: [skola]}]\n")), UNK);
    sk_ruleset_free(rs);
    rs = rule_with(NULL, "{path: governance.forbundsordning_contents, contains: disputes}");
    cr_expect_eq(status_of(rs, tasks("governance: {forbundsordning_contents: [members, disputes]}\n")), PASS);
    cr_expect_eq(status_of(rs, tasks("governance: {forbundsordning_contents: [members]}\n")), FAIL);
    sk_ruleset_free(rs);
    rs = rule_with(NULL, "{path: form, in: [gemensam_namnd, kommunalforbund]}");
    cr_expect_eq(status_of(rs, "case: t\nform: kommunalforbund\n"), PASS);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\n"), FAIL);
    sk_ruleset_free(rs);
}

Test(eval, exists_is_two_valued)
{
    sk_ruleset *rs = rule_with(NULL, "{path: oversight.styrelse_uppsikt, exists: true}");
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\n"), FAIL);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\noversight: {styrelse_uppsikt: unknown}\n"), FAIL);
    cr_expect_eq(status_of(rs, "case: t\nform: natverk\noversight: {styrelse_uppsikt: false}\n"), PASS);
    sk_ruleset_free(rs);
}

static const char EXC_RULES[] =
    "id: g.general\ntitle: {sv: G, en: G}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
    "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 10, section: 1}]\n"
    "require: {none: \"tasks[*]\", where: {path: .myndighetsutovning, eq: true}}\n"
    "message: {sv: g, en: g}\n---\n"
    "id: g.special\ntitle: {sv: S, en: S}\nseverity: warn\nbasis: statute\ncertainty: settled\n"
    "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 10, section: 1}]\n"
    "exception_to: [g.general]\n"
    "applies: {any: \"tasks[*]\", where: {path: .special_law, exists: true}}\n"
    "require: {path: form, eq: aktiebolag}\nmessage: {sv: s, en: s}\n";

Test(eval, exception_defeats_general_rule)
{
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(EXC_RULES, &d);
    cr_assert_not_null(rs);
    evald e;
    eval_case(&e, rs, "case: t\nform: aktiebolag\ntasks: [{name: a, myndighetsutovning: true}]\n");
    cr_expect_eq(e.res->findings[0].status, FAIL);
    eval_done(&e);
    eval_case(&e, rs, "case: t\nform: aktiebolag\ntasks: [{name: a, myndighetsutovning: true, special_law: \"2003:778\"}]\n");
    cr_expect_eq(e.res->findings[0].status, NA);
    cr_expect_eq(e.res->findings[0].reason, SK_R_SUPERSEDED);
    cr_expect_str_eq(e.res->findings[0].other->id, "g.special");
    eval_done(&e);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

Test(eval, waivers_and_expiry)
{
    sk_ruleset *rs = rule_with(NULL, "{path: agreement.clauses.termination, eq: true}");
    const char *base = "case: t\nform: natverk\ndate: 2025-01-01\nagreement: {clauses: {termination: false}}\n"
                       "waivers: [{rule: t.rule, reason: Accepterad risk, decided_by: KS 2024-12-01 §5, until: %s}]\n";
    char buf[512];
    snprintf(buf, sizeof buf, base, "2025-06-30");
    cr_expect_eq(status_of(rs, buf), SK_ST_WAIVED);
    snprintf(buf, sizeof buf, base, "2024-12-31");
    evald e;
    eval_case(&e, rs, buf);
    cr_expect_eq(e.res->findings[0].status, FAIL);
    cr_expect(e.res->findings[0].waiver_expired);
    eval_done(&e);
    /* a waiver naming a rule that does not exist is an input error */
    eval_case(&e, rs, "case: t\nform: natverk\nwaivers: [{rule: t.rulee, reason: x}]\n");
    cr_expect_eq(e.rc, SK_EINVALID);
    cr_assert_geq(e.d.count, 1);
    cr_expect_str_eq(e.d.items[0].hint, "t.rule");
    eval_done(&e);
    sk_ruleset_free(rs);
}

Test(eval, placeholders_use_the_witness)
{
    char buf[2048];
    snprintf(buf, sizeof buf,
             "id: t.p\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
             "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 6, section: 38}]\n"
             "require: {all: \"delegations[*]\", as: d, where: {path: $d.to, eq: employee}}\n"
             "message: {sv: \"{$d.by} delegerar till {$d.to} ({case}, {{x}})\", en: \"{.by} to {.to}\"}\n");
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(buf, &d);
    cr_assert_not_null(rs, "%s", d.count ? d.items[0].message : "");
    evald e;
    eval_case(&e, rs, "case: c1\nform: avtalssamverkan\ndelegations:\n  - {by: A, to: employee}\n  - {by: Bygg, to: company}\n");
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_finding_message(e.res, &e.res->findings[0], 0, &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "Bygg delegerar till bolag (c1, {x})");
    sk_buf_clear(&b);
    sk_finding_message(e.res, &e.res->findings[0], 1, &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "Bygg to company");
    sk_buf_free(&b);
    eval_done(&e);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* A slot the case does not state never shows as a blank: a parenthesis
 * that holds only it is left out, quotes around it are dropped, and
 * elsewhere it says that the fact is not stated. */
Test(eval, unstated_placeholders_say_so)
{
    char buf[2048];
    snprintf(buf, sizeof buf,
             "id: t.u\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
             "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 6, section: 38}]\n"
             "require: {all: \"delegations[*]\", as: d, where: {path: $d.to, eq: employee}}\n"
             "message: {sv: \"{$d.by} ({$d.matters}) till \u201d{$d.to_party}\u201d ({$d.to} hos {$d.by_party})\","
             " en: \"{.by} ({.matters}) to {.to_party}.\"}\n");
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(buf, &d);
    cr_assert_not_null(rs, "%s", d.count ? d.items[0].message : "");
    evald e;
    eval_case(&e, rs, "case: c1\nform: avtalssamverkan\ndelegations:\n  - {by: Bygg, to: company}\n");
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_finding_message(e.res, &e.res->findings[0], 0, &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "Bygg till (uppgift saknas) (bolag hos [uppgift saknas])");
    sk_buf_clear(&b);
    sk_finding_message(e.res, &e.res->findings[0], 1, &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "Bygg to (not stated).");
    sk_buf_free(&b);
    eval_done(&e);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* --explain: with tracing on, every condition node evaluated is recorded
 * in pre-order with its value, its depth and the quantifier bindings;
 * with tracing off nothing is recorded. */
Test(eval, trace_records_the_evaluation_tree)
{
    sk_ruleset *rs = rule_with("{path: form, eq: avtalssamverkan}",
                               "{all: \"delegations[*]\", as: d, where: {any: ["
                               "{path: $d.to, eq: employee}, {path: $d.to_party, eq: {path: $d.by_party}}]}}");
    const char *yaml = "case: t\nform: avtalssamverkan\ndelegations:\n"
                       "  - {to: employee}\n  - {to: company, to_party: A, by_party: B}\n";
    for (int on = 0; on < 2; on++) {
        sk_arena a;
        sk_arena_init(&a, 4096);
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        sk_source *s;
        cr_assert_eq(sk_source_open_mem(&s, "case.yaml", yaml, strlen(yaml), NULL), SK_OK);
        sk_case *c;
        cr_assert_eq(sk_source_next(s, &a, rs, 20000, &c, &d), SK_OK);
        sk_source_close(s);
        sk_evaluator *ev;
        cr_assert_eq(sk_evaluator_new(&ev, rs), SK_OK);
        sk_evaluator_set_trace(ev, on);
        sk_result *res;
        cr_assert_eq(sk_evaluate(ev, c, &res), SK_OK);
        const sk_finding *f = &res->findings[0];
        cr_expect_eq(f->status, SK_ST_FAIL);
        if (!on) {
            cr_expect_null(f->trace);
            cr_expect_eq(f->ntrace, 0);
        } else {
            /* applies (1 node), require: all (1) + per item: any (1) + its kids
             * (item 0: first kid true, stops; item 1: both kids) */
            cr_assert_eq(f->ntrace, 1 + 1 + 2 + 3);
            cr_expect_eq(f->trace[0].cond, f->rule->applies);
            cr_expect_eq(f->trace[0].depth, 0);
            cr_expect_eq(f->trace[0].value, SK_TRUE);
            cr_expect_eq(f->trace[1].cond, f->rule->require);
            cr_expect_eq(f->trace[1].depth, 0);
            cr_expect_eq(f->trace[1].value, SK_FALSE);
            int slot = f->rule->require->slot;
            const sk_node *list = sk_map_get(c->root, "delegations");
            /* item 0: any is true through its first kid */
            cr_expect_eq(f->trace[2].depth, 1);
            cr_expect_eq(f->trace[2].value, SK_TRUE);
            cr_expect_eq(f->trace[2].item[slot], list->u.items[0]);
            cr_expect_eq(f->trace[3].depth, 2);
            cr_expect_eq(f->trace[3].value, SK_TRUE);
            /* item 1: any is false, both kids false */
            cr_expect_eq(f->trace[4].item[slot], list->u.items[1]);
            cr_expect_eq(f->trace[4].value, SK_FALSE);
            cr_expect_eq(f->trace[5].value, SK_FALSE);
            cr_expect_eq(f->trace[6].value, SK_FALSE);
            cr_expect_eq(f->trace[6].depth, 2);
        }
        sk_evaluator_free(ev);
        sk_arena_free(&a);
        sk_diags_free(&d);
    }
    sk_ruleset_free(rs);
}

/* ---- gates (eval/gate.h) ---------------------------------------------- */

#include "eval/gate.h"
#include "samkoll/files.h"

/* The finding with the gate shortcut is the one the full evaluation gives. */
static void same_finding(const sk_finding *a, const sk_finding *b, const char *where)
{
    const char *id = a->rule->id;
    cr_assert_eq(a->rule, b->rule, "%s", where);
    cr_assert_eq(a->status, b->status, "%s %s", where, id);
    cr_assert_eq(a->orig_status, b->orig_status, "%s %s", where, id);
    cr_assert_eq(a->reason, b->reason, "%s %s", where, id);
    cr_assert_eq(a->applies, b->applies, "%s %s", where, id);
    cr_assert_eq(a->other, b->other, "%s %s", where, id);
    cr_assert_eq(a->cites, b->cites, "%s %s", where, id);
    cr_assert_eq(a->certainty, b->certainty, "%s %s", where, id);
    cr_assert_eq(a->judged.day, b->judged.day, "%s %s", where, id);
    cr_assert_eq(a->nfacts, b->nfacts, "%s %s", where, id);
    cr_assert_eq(a->nmissing, b->nmissing, "%s %s", where, id);
    for (unsigned i = 0; i < a->nfacts; i++)
        cr_assert(a->facts[i].node == b->facts[i].node && a->facts[i].path == b->facts[i].path &&
                      a->facts[i].from == b->facts[i].from &&
                      a->facts[i].missing == b->facts[i].missing,
                  "%s %s fact %u", where, id, i);
    for (unsigned i = 0; i < a->nmissing; i++)
        cr_assert(a->missing[i].node == b->missing[i].node &&
                      a->missing[i].path == b->missing[i].path &&
                      a->missing[i].from == b->missing[i].from,
                  "%s %s missing %u", where, id, i);
    for (unsigned i = 0; i < SK_MAX_BIND; i++)
        cr_assert_eq(a->witness ? a->witness[i] : NULL, b->witness ? b->witness[i] : NULL,
                     "%s %s witness %u", where, id, i);
    cr_assert_eq(a->waiver, b->waiver, "%s %s", where, id);
    cr_assert_eq(a->error == NULL, b->error == NULL, "%s %s", where, id);
}

/* Evaluates every case of src with and without gates; returns the number of
 * findings the gates decided (not applicable through the gate alone). */
static size_t compare_gated(const sk_ruleset *rs, sk_source *src, int32_t date)
{
    sk_evaluator *on, *off;
    cr_assert_eq(sk_evaluator_new(&on, rs), SK_OK);
    cr_assert_eq(sk_evaluator_new(&off, rs), SK_OK);
    sk_evaluator_set_gates(off, 0);
    size_t gated = 0;
    for (;;) {
        sk_arena a;
        sk_arena_init(&a, 4096);
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        sk_case *c = NULL;
        sk_rc rc = sk_source_next(src, &a, rs, date, &c, &d);
        if (rc == SK_OK) {
            sk_result *r1, *r2;
            cr_assert_eq(sk_evaluate(on, c, &r1), SK_OK);
            cr_assert_eq(sk_evaluate(off, c, &r2), SK_OK);
            cr_assert_eq(r1->n, r2->n);
            cr_assert_eq(r1->worst, r2->worst);
            for (size_t i = 0; i < r1->n; i++) {
                same_finding(&r1->findings[i], &r2->findings[i], sk_source_name(src));
                gated += r1->findings[i].reason == SK_R_NOT_APPLICABLE &&
                         r1->findings[i].nfacts == 1;
            }
        }
        sk_arena_free(&a);
        sk_diags_free(&d);
        if (rc == SK_EEND || rc == SK_EIO)
            break;
    }
    sk_evaluator_free(on);
    sk_evaluator_free(off);
    return gated;
}

Test(eval, gate_kinds)
{
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    const char *rule = "id: t.%s\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\n"
                       "certainty: settled\nvalid_from: 2000-01-01\n"
                       "citations: [{act: KL, chapter: 9, section: 37}]\n"
                       "applies: %s\nrequire: {path: agreement.clauses.damages, eq: true}\n"
                       "message: {sv: fel, en: wrong}\n";
    static const struct { const char *id, *applies; int gate; } v[] = {
        {"form", "{path: form, eq: avtalssamverkan}", 1},
        {"form2", "{all: [{path: form, eq: avtalssamverkan}, {path: tasks, exists: true}]}", 1},
        {"form-in", "{all: [{path: form, in: [aktiebolag, kommunalforbund]}, {path: tasks, exists: true}]}", 1},
        {"exists", "{path: agreement.text, exists: true}", 1},
        {"count", "{count: \"delegations[*]\", gt: 0}", 1},
        {"count-where", "{count: \"delegations[*]\", as: x, where: {path: $x.to, exists: true}, gt: 0}", 0},
        {"date", "{path: date, lt: 2020-01-01}", 0},
        {"any", "{any: [{path: form, eq: aktiebolag}, {path: tasks, exists: true}]}", 0},
        {"second", "{all: [{any: \"tasks[*]\", as: t, where: {path: $t.personal_data, eq: true}},"
                   " {path: form, eq: aktiebolag}]}", 0},
    };
    char buf[8192];
    size_t len = 0;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (i)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "---\n");
        len += (size_t)snprintf(buf + len, sizeof buf - len, rule, v[i].id, v[i].applies);
    }
    sk_ruleset *rs = rules_from(buf, &d);
    for (size_t i = 0; i < d.count; i++)
        cr_log_error("%u: %s", d.items[i].line, d.items[i].message);
    cr_assert_not_null(rs);
    cr_assert_eq(rs->nrules, sizeof v / sizeof v[0]);
    sk_gates g;
    cr_assert(sk_gates_build(&g, rs));
    for (size_t i = 0; i < rs->nrules; i++) {
        size_t j = 0;
        while (strcmp(rs->rules[i].id + 2, v[j].id))
            j++;
        cr_expect_eq(g.rule[i].k != NULL, v[j].gate, "%s", v[j].id);
    }
    /* form, form2, form-in: one class; exists and count: one each */
    cr_expect_eq(g.ncls, 3);
    /* equal gates share their value: form and form2, not form-in */
    const sk_gate *gf = NULL, *gf2 = NULL, *gin = NULL;
    for (size_t i = 0; i < rs->nrules; i++) {
        const char *id = rs->rules[i].id + 2;
        if (!strcmp(id, "form"))
            gf = &g.rule[i];
        else if (!strcmp(id, "form2"))
            gf2 = &g.rule[i];
        else if (!strcmp(id, "form-in"))
            gin = &g.rule[i];
    }
    cr_assert(gf && gf2 && gin);
    cr_expect_eq(gf->id, gf2->id);
    cr_expect_neq(gf->id, gin->id);
    cr_expect_eq(g.nids, 4);
    sk_gates_free(&g);
    /* and the gates give the findings of the full evaluation */
    static const char cases[] =
        "case: a\nform: avtalssamverkan\ntasks: [{type: x}]\n---\n"
        "case: b\nform: aktiebolag\nagreement: {text: \"avtal\"}\ndelegations: []\n---\n"
        "case: c\nform: kommunalforbund\ndelegations: [{to: n}]\n---\n"
        "case: d\nform: unknown\n---\n"
        "case: e\n";
    sk_source *src;
    cr_assert_eq(sk_source_open_mem(&src, "gates.yaml", cases, sizeof cases - 1, NULL), SK_OK);
    cr_expect_gt(compare_gated(rs, src, 20000), 0);
    sk_source_close(src);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* The shipped rule set, loaded with d (initialised here; the caller
 * frees both). */
static sk_ruleset *library_rules(sk_diags *d)
{
    sk_diags_init(d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    cr_assert_eq(sk_ruleset_load_dir(&rs, SK_RULES_DIR, NULL, d), SK_OK);
    return rs;
}

static const sk_gate *gate_of(const sk_gates *g, const sk_ruleset *rs, const char *id)
{
    int i = sk_ruleset_find_id(rs, id);
    cr_assert_geq(i, 0, "%s", id);
    return &g->rule[i];
}

/* A first test of a column of the forms table ($form.X) is a gate too:
 * one path class per column, equal tests share their value. */
Test(eval, gates_on_form_columns)
{
    sk_diags d;
    sk_ruleset *rs = library_rules(&d);
    sk_gates g;
    cr_assert(sk_gates_build(&g, rs));
    const sk_gate *mu = gate_of(&g, rs, "bolag.myndighetsutovning");
    const sk_gate *sl = gate_of(&g, rs, "bolag.myndighetsutovning-special-law");
    const sk_gate *na = gate_of(&g, rs, "forms.myndighetsutovning-not-allowed");
    const sk_gate *yr = gate_of(&g, rs, "bolag.annual-statement-other");
    cr_assert(mu->k && sl->k && na->k && yr->k);
    cr_expect_eq(mu->k->path->root, SK_ROOT_FORM);
    cr_expect_eq(mu->cls, sl->cls);
    cr_expect_eq(mu->cls, na->cls);
    cr_expect_neq(mu->cls, yr->cls);
    cr_expect_eq(mu->id, sl->id);  /* both eq special_law_only */
    cr_expect_neq(mu->id, na->id); /* eq not_allowed */
    sk_gates_free(&g);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* Each rule's row holds what the evaluator reads of the rule for a case:
 * the same validity, date and gate as the rule and its sk_gate, and the
 * list of rules with exceptions is exactly those, in rule set order. */
Test(eval, rule_rows_match_the_rules)
{
    sk_diags d;
    sk_ruleset *rs = library_rules(&d);
    sk_gates g;
    cr_assert(sk_gates_build(&g, rs));
    uint32_t nexc = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        const sk_rule_row *w = &g.row[i];
        /* fixed days, and the days at the edges of validity */
        int32_t days[] = {INT32_MIN, -1, 0, 8035, 17000, 20600, 24000, INT32_MAX, 0, 0, 0, 0};
        size_t n = 8;
        if (r->has_from && r->valid_from > INT32_MIN)
            days[n++] = r->valid_from - 1, days[n++] = r->valid_from;
        if (r->has_to && r->valid_to < INT32_MAX)
            days[n++] = r->valid_to, days[n++] = r->valid_to + 1;
        for (size_t k = 0; k < n; k++) {
            int32_t x = days[k];
            int in = (!r->has_from || x >= r->valid_from) && (!r->has_to || x <= r->valid_to);
            cr_assert_eq(x >= w->from && x <= w->to, in, "%s day %d", r->id, x);
        }
        cr_assert_eq(w->judged_at, r->judged_at < SK_AT__COUNT ? r->judged_at : SK_AT_ASSESSMENT);
        const sk_gate *x = &g.rule[i];
        cr_assert_eq(w->gate, x->k ? x->k->path : NULL, "%s", r->id);
        if (x->k) {
            cr_assert_eq(w->gate_nsteps, x->k->path->nsteps, "%s", r->id);
            cr_assert(w->wrap == x->wrap && w->cls == x->cls && w->id == x->id, "%s", r->id);
        }
        if (r->ndefeated_by) {
            cr_assert_lt(nexc, g.ndefeated);
            cr_assert_eq(g.defeated[nexc], i, "%s", r->id);
            nexc++;
        }
    }
    cr_assert_eq(nexc, g.ndefeated);
    cr_assert_gt(g.ndefeated, 0);
    sk_gates_free(&g);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* The shipped rule set over the case library, at three dates (rules out
 * of and in force): the same findings with and without gates. */
Test(eval, gates_match_full_evaluation_on_the_library, .timeout = 120)
{
    sk_diags d;
    sk_ruleset *rs = library_rules(&d);
    sk_files files = {0};
    cr_assert_eq(sk_files_collect(&files, SK_CASES_DIR, &d), 0);
    cr_assert_gt(files.count, 10);
    size_t gated = 0;
    static const int32_t dates[] = {12000, 17000, 20600};
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < files.count; i++) {
            sk_source *src;
            cr_assert_eq(sk_source_open(&src, files.paths[i], NULL, &d), SK_OK);
            gated += compare_gated(rs, src, dates[k]);
            sk_source_close(src);
        }
    cr_expect_gt(gated, 100, "the gates decided %zu findings", gated);
    sk_files_free(&files);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* The citations a finding shows, as a step function of the day, against
 * sk_cite_mask_shown and sk_rule_certainty on every day from 1970 to 2038
 * and around every cut, for every rule of the shipped rule set. */
Test(eval, cite_steps_match_the_shown_citations, .timeout = 120)
{
    sk_diags d;
    sk_ruleset *rs = library_rules(&d);
    sk_gates g;
    cr_assert(sk_gates_build(&g, rs));
    size_t changes = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        const sk_cite_steps *s = &g.row[i].cites;
        cr_assert_eq(s->cut[0], INT32_MIN);
        changes += s->n - 1;
        int32_t probe[] = {INT32_MIN, INT32_MAX, INT32_MIN + 1, INT32_MAX - 1};
        for (int32_t day = -1; day < 25000 + 4; day++) {
            int32_t x = day < 25000 ? day : probe[day - 25000];
            uint32_t at = sk_cite_step(s, x);
            cr_assert_eq(s->mask[at], sk_cite_mask_shown(r, x), "%s day %d", r->id, x);
            cr_assert_eq(s->cert[at], sk_rule_certainty(r, s->mask[at]), "%s day %d", r->id, x);
        }
        for (uint32_t k = 1; k < s->n; k++) {
            cr_assert_gt(s->cut[k], s->cut[k - 1]);
            for (int32_t x = s->cut[k] - 1; x <= s->cut[k] && x >= s->cut[k] - 1; x++) {
                uint32_t at = sk_cite_step(s, x);
                cr_assert_eq(s->mask[at], sk_cite_mask_shown(r, x), "%s day %d", r->id, x);
                if (x == INT32_MAX)
                    break;
            }
        }
    }
    cr_expect_gt(changes, 0, "no rule's citations change with the day");
    sk_gates_free(&g);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}
