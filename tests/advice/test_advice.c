/* test_advice.c - compare, ask and the case-text editor (issue 7), against
 * the shipped rule set (SK_RULES_DIR). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "advice/advice_int.h"
#include "base/arena.h"
#include "samkoll/advice.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/ruleset.h"

static sk_ruleset *rules(void)
{
    static sk_ruleset *rs;
    if (!rs) {
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        sk_limits lim;
        sk_limits_default(&lim);
        sk_rc rc = sk_ruleset_load_dir(&rs, SK_RULES_DIR, &lim, &d);
        cr_assert_eq(rc, SK_OK, "the shipped rule set loads");
        sk_diags_free(&d);
    }
    return rs;
}

/* One case loaded from text (the first document), in its own arena. */
typedef struct loaded {
    sk_arena a;
    sk_case *c;
    sk_result *res;
    sk_questions *qs;
    sk_evaluator *ev;
} loaded;

static int load(loaded *l, const char *text, size_t len)
{
    memset(l, 0, sizeof *l);
    sk_arena_init(&l->a, 4096);
    sk_limits lim;
    sk_limits_default(&lim);
    sk_source *src;
    if (sk_source_open_mem(&src, "mem.yaml", text, len, &lim) != SK_OK)
        return 0;
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    int32_t date = 20089; /* 2025-01-01 */
    sk_rc rc = sk_source_next(src, &l->a, rules(), date, &l->c, &d);
    for (size_t i = 0; i < d.count; i++)
        cr_log_info("%s:%u:%u: %s", d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].message);
    sk_diags_free(&d);
    sk_source_close(src);
    if (rc != SK_OK)
        return 0;
    cr_assert_eq(sk_evaluator_new(&l->ev, rules()), SK_OK);
    cr_assert_eq(sk_evaluate(l->ev, l->c, &l->res), SK_OK);
    cr_assert_eq(sk_questions_of(l->res, &l->qs), SK_OK);
    return 1;
}

static void unload(loaded *l)
{
    sk_evaluator_free(l->ev);
    sk_arena_free(&l->a);
}

/* Answers question `key` of the case in text; returns the new text. */
static char *answer(const char *text, const char *key, const char **vals, size_t n)
{
    loaded l;
    cr_assert(load(&l, text, strlen(text)), "the case loads:\n%s", text);
    const sk_question *q = sk_questions_find(l.qs, key);
    if (!q) {
        for (size_t i = 0; i < sk_questions_count(l.qs); i++)
            cr_log_info("question: %s", sk_question_key(sk_questions_get(l.qs, i)));
    }
    cr_assert(q, "there is a question %s", key);
    sk_answer a = {vals, n};
    char *out = NULL;
    size_t outlen = 0;
    cr_assert_eq(sk_case_text_answer(text, strlen(text), q, &a, &out, &outlen), SK_OK);
    cr_assert_eq(strlen(out), outlen);
    unload(&l);
    /* the answered text loads, and the question is gone */
    cr_assert(load(&l, out, outlen), "the answered case loads:\n%s", out);
    cr_expect_null(sk_questions_find(l.qs, key), "%s is answered:\n%s", key, out);
    unload(&l);
    return out;
}

/* ---- the question table ------------------------------------------------ */

static void check_path(const sk_path *p)
{
    if (!p || p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE)
        return;
    for (int i = 0; i < p->nsteps; i++) {
        const sk_field *f = &p->steps[i].schema->fields[p->steps[i].field];
        if (f->type == SK_F_MAP || !strcmp(f->name, "form"))
            continue;
        cr_expect(f->q_sv && f->q_en, "%s (in %s) has no question", f->name, p->text);
        if (f->q_sv)
            cr_expect(f->q_sv[strlen(f->q_sv) - 1] == '?' || strchr(f->q_sv, '?'),
                      "the question for %s is a question: %s", f->name, f->q_sv);
    }
}

static void check_cond(const sk_cond *k)
{
    if (!k)
        return;
    check_path(k->path);
    check_path(k->rhs.path);
    for (uint32_t i = 0; i < k->nkids; i++)
        check_cond(k->kids[i]);
    check_cond(k->where);
}

Test(questions, every_field_a_rule_reads_has_a_question)
{
    const sk_ruleset *rs = rules();
    for (size_t i = 0; i < rs->nrules; i++) {
        check_cond(rs->rules[i].applies);
        check_cond(rs->rules[i].require);
    }
}

Test(questions, fallback_is_built_from_the_description)
{
    sk_field f = {"x", SK_F_BOOL, 0, 0, 0, 1, NULL, NULL, "avtalet är undertecknat", "the agreement is signed", NULL, NULL};
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_field_question(&f, 0, &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "Stämmer det att avtalet är undertecknat?");
    sk_buf_clear(&b);
    sk_field_question(&f, 1, &b);
    cr_expect_str_eq(sk_buf_cstr(&b), "Is it so that the agreement is signed?");
    sk_buf_free(&b);
}

Test(questions, ordered_by_the_number_of_findings_they_decide)
{
    static const char text[] = "case: q\nform: avtalssamverkan\ntasks:\n  - name: Mat\n";
    loaded l;
    cr_assert(load(&l, text, sizeof text - 1));
    size_t n = sk_questions_count(l.qs);
    cr_assert_gt(n, 5);
    for (size_t i = 1; i < n; i++)
        cr_expect_geq(sk_question_nrules(sk_questions_get(l.qs, i - 1)),
                      sk_question_nrules(sk_questions_get(l.qs, i)));
    const sk_question *q = sk_questions_find(l.qs, "tasks[0].myndighetsutovning");
    cr_assert(q);
    cr_expect_str_eq(sk_question_text(q, SK_LANG_SV), "Innefattar uppgiften myndighetsutövning?");
    cr_expect_str_eq(sk_question_context(q), "Mat");
    cr_expect_eq(sk_question_kind(q), SK_ANS_BOOL);
    /* a list that is not stated is asked for as a list */
    q = sk_questions_find(l.qs, "parties");
    cr_assert(q);
    cr_expect_eq(sk_question_kind(q), SK_ANS_NAMED_ITEMS);
    cr_expect_null(sk_questions_find(l.qs, "parties[*].type"));
    unload(&l);
}

/* ---- answers ----------------------------------------------------------- */

Test(answers, parse)
{
    static const char text[] = "case: q\nform: avtalssamverkan\nparties:\n  - name: A\ntasks:\n  - name: Mat\n";
    loaded l;
    cr_assert(load(&l, text, sizeof text - 1));
    const sk_question *b = sk_questions_find(l.qs, "tasks[0].myndighetsutovning");
    const sk_question *e = sk_questions_find(l.qs, "parties[0].type");
    cr_assert(b && e);
    char *out;
    cr_expect_eq(sk_answer_parse(b, " Ja ", SK_LANG_SV, &out), 1);
    cr_expect_str_eq(out, "true");
    free(out);
    cr_expect_eq(sk_answer_parse(b, "no", SK_LANG_SV, &out), 1);
    cr_expect_str_eq(out, "false");
    free(out);
    cr_expect_eq(sk_answer_parse(b, "vet ej", SK_LANG_SV, &out), -1);
    cr_expect_eq(sk_answer_parse(b, "kanske", SK_LANG_SV, &out), 0);
    cr_expect_str_eq(out, "Svara ja, nej eller vet ej.");
    free(out);
    cr_expect_eq(sk_answer_parse(b, "ja\x1b[2J", SK_LANG_SV, &out), 0);
    free(out);
    cr_expect_eq(sk_answer_parse(b, "\xff", SK_LANG_SV, &out), 0);
    free(out);
    cr_expect_eq(sk_answer_parse(e, "2", SK_LANG_SV, &out), 1);
    cr_expect_str_eq(out, "region");
    free(out);
    cr_expect_eq(sk_answer_parse(e, "Kommun", SK_LANG_SV, &out), 1);
    cr_expect_str_eq(out, "kommun");
    free(out);
    cr_expect_eq(sk_answer_parse(e, "kommn", SK_LANG_EN, &out), 0);
    cr_expect(strstr(out, "kommun (municipality), region"), "%s", out);
    free(out);
    unload(&l);
}

/* ---- writing answers into the text -------------------------------------- */

Test(edit, block_map_in_case_format_order_keeping_comments)
{
    static const char text[] =
        "# a comment at the top\n"
        "case: e\n"
        "form: avtalssamverkan\n"
        "tasks:\n"
        "  - # the task\n"
        "    name: Mat\n"
        "    area: matproduktion\n"
        "    # a comment on support_service\n"
        "    support_service: true\n"
        "procurement:\n"
        "  services_between_parties: true   # stated\n"
        "# the end\n";
    const char *v[] = {"false"};
    char *out = answer(text, "tasks[0].myndighetsutovning", v, 1);
    cr_expect_str_eq(out,
        "# a comment at the top\n"
        "case: e\n"
        "form: avtalssamverkan\n"
        "tasks:\n"
        "  - # the task\n"
        "    name: Mat\n"
        "    area: matproduktion\n"
        "    myndighetsutovning: false\n"
        "    # a comment on support_service\n"
        "    support_service: true\n"
        "procurement:\n"
        "  services_between_parties: true   # stated\n"
        "# the end\n");
    free(out);
}

Test(edit, new_sections_go_before_later_keys_and_after_the_last)
{
    static const char text[] =
        "case: e\n"
        "form: avtalssamverkan\n"
        "tasks:\n"
        "  - name: Mat\n"
        "    support_service: true\n"
        "expect:\n"
        "  worst: fail\n";
    const char *v[] = {"true"};
    char *out = answer(text, "procurement.services_between_parties", v, 1);
    cr_expect_str_eq(out,
        "case: e\n"
        "form: avtalssamverkan\n"
        "tasks:\n"
        "  - name: Mat\n"
        "    support_service: true\n"
        "procurement:\n"
        "  services_between_parties: true\n"
        "expect:\n"
        "  worst: fail\n");
    free(out);
}

Test(edit, nested_maps_are_created)
{
    static const char text[] = "case: e\nform: avtalssamverkan\nagreement:\n  signed: true\n";
    const char *v[] = {"true"};
    char *out = answer(text, "agreement.clauses.duration", v, 1);
    cr_expect_str_eq(out, "case: e\nform: avtalssamverkan\nagreement:\n  signed: true\n"
                          "  clauses:\n    duration: true\n");
    free(out);
}

Test(edit, flow_map)
{
    static const char text[] =
        "case: e\nform: avtalssamverkan\nparties:\n"
        "  - {name: A kommun, type: kommun}   # first\n"
        "  - {name: B kommun}\n";
    const char *v[] = {"namnd"};
    char *out = answer(text, "parties[0].decision_body", v, 1);
    cr_expect_str_eq(out, "case: e\nform: avtalssamverkan\nparties:\n"
                          "  - {name: A kommun, type: kommun, decision_body: namnd}   # first\n"
                          "  - {name: B kommun}\n");
    free(out);
    const char *k[] = {"region"};
    out = answer(text, "parties[1].type", k, 1);
    cr_expect(strstr(out, "  - {name: B kommun, type: region}\n"), "%s", out);
    free(out);
    /* in case-format order: type comes before decision_body */
    static const char later[] =
        "case: e\nform: avtalssamverkan\nparties:\n  - {name: A kommun, decision_body: namnd}\n";
    out = answer(later, "parties[0].type", k, 1);
    cr_expect(strstr(out, "  - {name: A kommun, type: region, decision_body: namnd}\n"), "%s", out);
    free(out);
}

Test(edit, stated_unknown_is_replaced)
{
    static const char text[] =
        "case: e\nform: avtalssamverkan\ntasks:\n"
        "  - name: Mat\n"
        "    myndighetsutovning: unknown   # ask the lawyer\n"
        "    personal_data: ~\n"
        "    secret_data:\n";
    const char *v[] = {"true"};
    char *out = answer(text, "tasks[0].myndighetsutovning", v, 1);
    cr_expect(strstr(out, "    myndighetsutovning: true   # ask the lawyer\n"), "%s", out);
    char *out2 = answer(out, "tasks[0].personal_data", v, 1);
    cr_expect(strstr(out2, "    personal_data: true\n"), "%s", out2);
    char *out3 = answer(out2, "tasks[0].secret_data", v, 1);
    cr_expect(strstr(out3, "    secret_data: true\n"), "%s", out3);
    free(out);
    free(out2);
    free(out3);
}

Test(edit, list_of_named_items)
{
    static const char text[] = "case: e\nform: avtalssamverkan\ntasks:\n  - name: Mat\n";
    const char *v[] = {"Region Jämtland Härjedalen", "Krokom: kommunen"};
    char *out = answer(text, "parties", v, 2);
    cr_expect_str_eq(out, "case: e\nform: avtalssamverkan\nparties:\n"
                          "  - name: Region Jämtland Härjedalen\n"
                          "  - name: \"Krokom: kommunen\"\n"
                          "tasks:\n  - name: Mat\n");
    free(out);
    const char *none[] = {"0"};
    out = answer(text, "delegations", none, 1);
    cr_expect(strstr(out, "\ndelegations: []\n"), "%s", out);
    free(out);
    /* a count of entries without a fact would write "- {}": the answer is refused */
    loaded l;
    cr_assert(load(&l, text, strlen(text)));
    const sk_question *q = sk_questions_find(l.qs, "delegations");
    cr_assert(q);
    out = NULL;
    cr_expect_eq(sk_answer_parse(q, "2", SK_LANG_SV, &out), 0);
    cr_expect(out && strstr(out, "ingen tom post"), "%s", out ? out : "");
    free(out);
    unload(&l);
}

Test(edit, list_stated_unknown_is_replaced)
{
    static const char text[] = "case: e\nform: avtalssamverkan\nparties: unknown\ntasks:\n  - name: Mat\n";
    const char *v[] = {"A", "B"};
    char *out = answer(text, "parties", v, 2);
    cr_expect_str_eq(out, "case: e\nform: avtalssamverkan\nparties:\n  - name: A\n  - name: B\n"
                          "tasks:\n  - name: Mat\n");
    free(out);
}

/* A question made by hand: parties[0].fullmaktige_decision (text or bool). */
static char *answer_decision(const char *text, const char *value)
{
    loaded l;
    cr_assert(load(&l, text, strlen(text)));
    const sk_node *parties = sk_map_get(l.c->root, "parties");
    cr_assert(parties && parties->kind == SK_SEQ);
    const sk_schema *ps = sk_case_schema.fields[sk_schema_find(&sk_case_schema, "parties")].sub;
    int fi = sk_schema_find(ps, "fullmaktige_decision");
    sk_question q;
    memset(&q, 0, sizeof q);
    q.key = "parties[0].fullmaktige_decision";
    q.at = parties->u.items[0];
    q.field = &ps->fields[fi];
    q.chain[0] = q.field;
    q.chain_field[0] = (int16_t)fi;
    q.nchain = 1;
    q.kind = SK_ANS_TEXT_OR_BOOL;
    const char *v[] = {value};
    sk_answer a = {v, 1};
    char *out;
    size_t len;
    cr_assert_eq(sk_case_text_answer(text, strlen(text), &q, &a, &out, &len), SK_OK);
    unload(&l);
    cr_assert(load(&l, out, len), "%s", out);
    unload(&l);
    return out;
}

Test(edit, text_is_quoted_when_needed)
{
    static const char text[] = "case: e\nform: kommunalforbund\nparties:\n  - name: A\n";
    char *out = answer_decision(text, "ja"); /* a text that would read as a boolean */
    cr_expect_str_eq(out, "case: e\nform: kommunalforbund\nparties:\n  - name: A\n"
                          "    fullmaktige_decision: \"ja\"\n");
    free(out);
    out = answer_decision(text, "true");
    cr_expect(strstr(out, "    fullmaktige_decision: true\n"), "%s", out);
    free(out);
    out = answer_decision(text, "KF 2024-03-18 § 45");
    cr_expect(strstr(out, "    fullmaktige_decision: KF 2024-03-18 § 45\n"), "%s", out);
    free(out);
    out = answer_decision(text, "beslut: \"A\" # 1");
    cr_expect(strstr(out, "    fullmaktige_decision: \"beslut: \\\"A\\\" # 1\"\n"), "%s", out);
    free(out);
}

Test(edit, crlf_and_no_final_newline)
{
    static const char text[] = "case: e\r\nform: avtalssamverkan\r\ntasks:\r\n  - name: Mat";
    const char *v[] = {"false"};
    char *out = answer(text, "tasks[0].personal_data", v, 1);
    cr_expect_str_eq(out, "case: e\r\nform: avtalssamverkan\r\ntasks:\r\n  - name: Mat\r\n"
                          "    personal_data: false\r\n");
    free(out);
}

Test(edit, second_document)
{
    static const char text[] =
        "case: one\nform: avtalssamverkan\n---\n# two\ncase: two\nform: natverk\ntasks:\n  - name: X\n";
    loaded l;
    cr_assert(load(&l, text, sizeof text - 1));
    unload(&l);
    /* the second document: load it by skipping the first */
    sk_limits lim;
    sk_limits_default(&lim);
    sk_source *src;
    cr_assert_eq(sk_source_open_mem(&src, "mem.yaml", text, sizeof text - 1, &lim), SK_OK);
    sk_arena a1, a2;
    sk_arena_init(&a1, 4096);
    sk_arena_init(&a2, 4096);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_case *c1, *c2;
    cr_assert_eq(sk_source_next(src, &a1, rules(), 20089, &c1, &d), SK_OK);
    cr_assert_eq(sk_source_next(src, &a2, rules(), 20089, &c2, &d), SK_OK);
    sk_evaluator *ev;
    sk_evaluator_new(&ev, rules());
    sk_result *res;
    sk_questions *qs;
    cr_assert_eq(sk_evaluate(ev, c2, &res), SK_OK);
    cr_assert_eq(sk_questions_of(res, &qs), SK_OK);
    const sk_question *q = sk_questions_find(qs, "tasks[0].myndighetsutovning");
    cr_assert(q);
    const char *v[] = {"false"};
    sk_answer an = {v, 1};
    char *out;
    size_t len;
    cr_assert_eq(sk_case_text_answer(text, sizeof text - 1, q, &an, &out, &len), SK_OK);
    cr_expect_str_eq(out, "case: one\nform: avtalssamverkan\n---\n# two\ncase: two\nform: natverk\n"
                          "tasks:\n  - name: X\n    myndighetsutovning: false\n");
    free(out);
    sk_evaluator_free(ev);
    sk_diags_free(&d);
    sk_source_close(src);
    sk_arena_free(&a1);
    sk_arena_free(&a2);
}

/* ---- compare ------------------------------------------------------------- */

Test(compare, the_case_under_another_form_shares_its_facts)
{
    static const char text[] = "case: c\nform: avtalssamverkan\ntasks:\n  - name: Mat\n";
    loaded l;
    cr_assert(load(&l, text, sizeof text - 1));
    sk_case *v;
    cr_assert_eq(sk_case_as_form(l.c, "gemensam_namnd", &v), SK_OK);
    cr_expect_str_eq(sk_case_form(v), "gemensam_namnd");
    cr_expect_str_eq(sk_case_form(l.c), "avtalssamverkan", "the case itself is unchanged");
    cr_expect_str_eq(sk_case_id(v), "c");
    cr_expect_eq(sk_case_as_form(l.c, "gemensam_nämnd", &v), SK_ENOTFOUND);
    unload(&l);
}

Test(compare, jamtland_avtalssamverkan_is_not_possible_a_gemensam_namnd_is)
{
    /* the facts of cases/real/jamtland-krokom-matproduktion.yaml, first
     * document, with the contract value above the direct-award limit that
     * the LOU rule for avtalssamverkan needs to fail (the source gives none) */
    static const char text[] =
        "case: j\ndate: 2023-10-06\nform: avtalssamverkan\n"
        "parties:\n  - {name: Region Jämtland Härjedalen, type: region, role: provider}\n"
        "  - {name: Krokoms kommun, type: kommun, role: buyer}\n"
        "tasks:\n  - {name: Matproduktion, area: matproduktion, support_service: true,"
        " myndighetsutovning: false}\n"
        "procurement:\n  services_between_parties: true\n  exemption: none\n"
        "  contract_value_sek: 5000000\n  direct_award_limit_sek: 700000\n";
    loaded l;
    cr_assert(load(&l, text, sizeof text - 1));
    const char *forms[] = {"avtalssamverkan", "gemensam_namnd"};
    sk_comparison *cmp;
    size_t bad;
    cr_assert_eq(sk_compare(l.ev, rules(), l.c, forms, 2, &cmp, &bad), SK_OK);
    cr_assert_eq(sk_comparison_count(cmp), 2);
    /* the case's own (proposed) form comes first, whatever its verdict */
    cr_expect_str_eq(sk_comparison_form(cmp, 0), "avtalssamverkan");
    cr_expect_not(sk_comparison_possible(cmp, 0));
    cr_expect_eq(sk_comparison_verdict(cmp, 0), SK_VERDICT_NOT_POSSIBLE);
    cr_expect_str_eq(sk_comparison_form(cmp, 1), "gemensam_namnd");
    cr_expect(sk_comparison_possible(cmp, 1));
    /* in-house (LOU 3:11) must hold: possible on that condition */
    cr_expect_eq(sk_comparison_verdict(cmp, 1), SK_VERDICT_CONDITIONAL);
    const char *badforms[] = {"gemensam_namnd", "gemensam_nämnd"};
    cr_expect_eq(sk_compare(l.ev, rules(), l.c, badforms, 2, &cmp, &bad), SK_ENOTFOUND);
    cr_expect_eq(bad, 1);
    unload(&l);
}

/* A network cannot decide or employ: for a task with public authority and
 * a support service it is "not possible", however few rules apply to it
 * (fewer than to a gemensam nämnd, which is possible). */
Test(compare, a_network_cannot_carry_a_task_needing_decisions_or_staff)
{
    static const char text[] =
        "case: n\ndate: 2024-01-01\nform: natverk\n"
        "parties:\n  - {name: A kommun, type: kommun}\n  - {name: B kommun, type: kommun}\n"
        "tasks:\n  - {name: Tillsyn, myndighetsutovning: true}\n"
        "  - {name: Lön, support_service: true, myndighetsutovning: false}\n";
    loaded l;
    cr_assert(load(&l, text, sizeof text - 1));
    const char *forms[] = {"natverk", "gemensam_namnd"};
    sk_comparison *cmp;
    size_t bad;
    cr_assert_eq(sk_compare(l.ev, rules(), l.c, forms, 2, &cmp, &bad), SK_OK);
    cr_assert_str_eq(sk_comparison_form(cmp, 0), "natverk");
    cr_expect_eq(sk_comparison_verdict(cmp, 0), SK_VERDICT_NOT_POSSIBLE);
    cr_expect_str_eq(sk_comparison_form(cmp, 1), "gemensam_namnd");
    cr_expect_neq(sk_comparison_verdict(cmp, 1), SK_VERDICT_NOT_POSSIBLE);
    /* the network has fewer rules that apply than the gemensam nämnd */
    sk_result *rn, *rg;
    sk_case *vn, *vg;
    cr_assert_eq(sk_case_as_form(l.c, "natverk", &vn), SK_OK);
    cr_assert_eq(sk_case_as_form(l.c, "gemensam_namnd", &vg), SK_OK);
    cr_assert_eq(sk_evaluate(l.ev, vn, &rn), SK_OK);
    cr_assert_eq(sk_evaluate(l.ev, vg, &rg), SK_OK);
    size_t an = sk_result_size(rn) - sk_result_count(rn, SK_ST_NOT_APPLICABLE);
    size_t ag = sk_result_size(rg) - sk_result_count(rg, SK_ST_NOT_APPLICABLE);
    cr_expect_lt(an, ag);
    /* without the public authority and with no service it can be possible */
    static const char plain[] =
        "case: m\ndate: 2024-01-01\nform: natverk\n"
        "parties:\n  - {name: A kommun, type: kommun}\n  - {name: B kommun, type: kommun}\n"
        "tasks:\n  - {name: Erfarenhetsutbyte, myndighetsutovning: false, statutory: false,"
        " support_service: false}\n"
        "procurement:\n  services_between_parties: false\n";
    loaded m;
    cr_assert(load(&m, plain, sizeof plain - 1));
    const char *one[] = {"natverk"};
    cr_assert_eq(sk_compare(m.ev, rules(), m.c, one, 1, &cmp, &bad), SK_OK);
    cr_expect_neq(sk_comparison_verdict(cmp, 0), SK_VERDICT_NOT_POSSIBLE);
    unload(&m);
    unload(&l);
}
