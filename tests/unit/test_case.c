/* test_case.c - case format v1 validation: every error kind, the
 * positions and the "did you mean" suggestions. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "helpers.h"
#include "case/case_int.h"
#include "samkoll/batch.h"

static sk_ruleset *rs;

static void setup(void)
{
    rs = rule_with(NULL, "{path: form, ne: natverk}");
}

static void teardown(void)
{
    sk_ruleset_free(rs);
}

/* Validates text; returns the first diagnostic (or NULL when valid). */
static const sk_diag *first_error(evald *e, const char *text)
{
    eval_case(e, rs, text);
    return e->rc == SK_OK ? NULL : &e->d.items[0];
}

TestSuite(case_format, .init = setup, .fini = teardown);

Test(case_format, valid_case_with_ja_nej)
{
    evald e;
    cr_expect_null(first_error(&e, "case: ok-1\nform: avtalssamverkan\ndate: 2024-02-29\n"
                                   "tasks: [{name: A, myndighetsutovning: ja, statutory: NEJ}]\n"));
    eval_done(&e);
}

Test(case_format, misspelt_key_suggests)
{
    evald e;
    const sk_diag *g = first_error(&e, "case: x\nform: avtalssamverkan\ntasks:\n  - name: A\n    myndighetsutövning: true\n");
    cr_assert_not_null(g);
    cr_expect_eq(g->line, 5);
    cr_expect_eq(g->col, 5);
    cr_expect_str_eq(g->hint, "myndighetsutovning");
    eval_done(&e);
}

Test(case_format, misspelt_enum_suggests)
{
    evald e;
    const sk_diag *g = first_error(&e, "case: x\nform: gemensam_nämnd\n");
    cr_assert_not_null(g);
    cr_expect_eq(g->line, 2);
    cr_expect_eq(g->col, 7);
    cr_expect_str_eq(g->hint, "gemensam_namnd");
    eval_done(&e);
    g = first_error(&e, "case: x\nform: natverk\nparties: [{name: A, type: komun}]\n");
    cr_assert_not_null(g);
    cr_expect_str_eq(g->hint, "kommun");
    eval_done(&e);
}

Test(case_format, dates_are_validated)
{
    evald e;
    const sk_diag *g = first_error(&e, "case: x\nform: natverk\ndate: 2023-02-30\n");
    cr_assert_not_null(g);
    cr_expect_eq(g->line, 3);
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\ndate: 2023-2-3\n"));
    eval_done(&e);
    cr_expect_null(first_error(&e, "case: x\nform: natverk\ndate: 2024-02-29\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\ndate: 2023-02-29\n"));
    eval_done(&e);
}

Test(case_format, numbers_and_ranges)
{
    evald e;
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\nprocurement: {market_activity_percent: 120}\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\nprocurement: {market_activity_percent: -1}\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\nparties: [{name: A, population: 99999999999999999999999}]\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\noversight: {meetings_last_year: tre}\n"));
    eval_done(&e);
    cr_expect_null(first_error(&e, "case: x\nform: natverk\nprocurement: {market_activity_percent: 19.5}\n"));
    eval_done(&e);
}

Test(case_format, required_keys_and_shapes)
{
    evald e;
    const sk_diag *g = first_error(&e, "title: no id\nform: natverk\n");
    cr_assert_not_null(g);
    cr_expect(strstr(g->message, "'case'") != NULL);
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: Bad Id\nform: natverk\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\ntasks: {name: A}\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\ntasks: [{area: x}]\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "- just\n- a list\n"));
    eval_done(&e);
    cr_expect_not_null(first_error(&e, "case: x\nform: natverk\nagreement: {clauses: {termination: kanske}}\n"));
    eval_done(&e);
}

Test(case_format, all_errors_of_a_document_are_reported)
{
    evald e;
    eval_case(&e, rs, "case: x\nform: natverk\nfoo: 1\nbar: 2\ndate: 2023-13-01\n");
    cr_expect_eq(e.rc, SK_EINVALID);
    cr_expect_eq(e.d.count, 3);
    eval_done(&e);
}

Test(case_format, explicit_unknown_is_unknown)
{
    evald e;
    eval_case(&e, rs, "case: x\nform: natverk\ngovernance: {reglemente: unknown, host: ~}\n");
    cr_assert_eq(e.rc, SK_OK);
    const sk_node *g = sk_map_get(e.c->root, "governance");
    cr_expect(sk_node_is_unknown(sk_map_get(g, "reglemente")));
    cr_expect(sk_node_is_unknown(sk_map_get(g, "host")));
    eval_done(&e);
}

Test(case_format, expect_block_is_checked)
{
    evald e;
    const sk_diag *g = first_error(&e, "case: x\nform: natverk\nexpect: {findings: {t.rule: passs}}\n");
    cr_assert_not_null(g);
    cr_expect_str_eq(g->hint, "pass");
    eval_done(&e);
}

/* Case format 1.1 (issue 17): a party named outside `parties` must be one
 * of them; the error is at the name, with the closest party suggested. */
Test(case_format, party_references_are_checked)
{
    evald e;
    const char *head = "case: x\nform: avtalssamverkan\nformat: \"1.1\"\n"
                       "parties: [{name: Nybro kommun}, {name: Emmaboda kommun}]\n";
    char text[512];
    snprintf(text, sizeof text, "%sdelegations:\n  - {by: SN, by_party: Nybro kommun, to_party: Emaboda kommun}\n", head);
    const sk_diag *g = first_error(&e, text);
    cr_assert_not_null(g);
    cr_expect_eq(g->line, 6);
    cr_expect_eq(g->col, 48);
    cr_expect_str_eq(g->hint, "Emmaboda kommun");
    cr_expect(strstr(g->message, "delegations[].to_party") != NULL);
    eval_done(&e);
    /* every field that names a party, including lists of names */
    static const char *const refs[] = {
        "bodies: [{name: N, party: Lessebo}]\n",
        "governance: {host: Lessebo}\n",
        "governance: {representation: [{party: Lessebo, ledamoter: 1}]}\n",
        "governance: {amendment_decisions: [Nybro kommun, Lessebo]}\n",
        "agreement: {cost_allocation: {shares: [{party: Lessebo, percent: 50}]}}\n",
        "oversight: {dissolution_decisions: [Lessebo]}\n",
        "procurement: {relations: [{buyer: Nybro kommun, provider: Lessebo}]}\n",
        "procurement: {named_authorities: [Lessebo]}\n",
    };
    for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
        snprintf(text, sizeof text, "%s%s", head, refs[i]);
        g = first_error(&e, text);
        cr_assert_not_null(g, "%s", refs[i]);
        cr_expect(strstr(g->message, "'Lessebo'") != NULL, "%s", g->message);
        eval_done(&e);
    }
    /* names that exist, and unknown parties: nothing to check against */
    snprintf(text, sizeof text, "%sgovernance: {host: Nybro kommun}\n", head);
    cr_expect_null(first_error(&e, text));
    eval_done(&e);
    cr_expect_null(first_error(&e, "case: x\nform: natverk\nformat: 1.1\nparties: [{name: unknown}]\n"
                                   "governance: {host: Lessebo}\n"));
    eval_done(&e);
    /* an organisation that is not a party is named in others */
    snprintf(text, sizeof text, "%sothers: [{name: Lessebo, type: kommun}]\ngovernance: {host: Lessebo}\n", head);
    cr_expect_null(first_error(&e, text));
    eval_done(&e);
    /* the 1.1 fields are checked in every case */
    g = first_error(&e, "case: x\nform: avtalssamverkan\nparties: [{name: A}]\n"
                        "procurement: {relations: [{buyer: B, provider: A}]}\n");
    cr_assert_not_null(g);
    cr_expect(strstr(g->message, "procurement.relations[].buyer") != NULL, "%s", g->message);
    eval_done(&e);
    /* a v1 case (no format: 1.1) may name a non-party in the v1 fields:
     * the case is read, with a positioned warning and "did you mean" */
    cr_expect_null(first_error(&e, "case: x\nform: avtalssamverkan\n"
                                   "parties: [{name: Sala kommun}]\n"
                                   "governance: {host: Sala}\n"));
    cr_assert_eq(e.d.count, 1);
    cr_expect_eq(e.d.errors, 0);
    cr_expect_eq(e.d.items[0].level, SK_DIAG_WARNING);
    cr_expect_eq(e.d.items[0].line, 4);
    cr_expect_eq(e.d.items[0].col, 20);
    cr_expect_str_eq(e.d.items[0].hint, "Sala kommun");
    cr_expect(strstr(e.d.items[0].message, "governance.host") != NULL, "%s", e.d.items[0].message);
    eval_done(&e);
    /* a name written longer than the party's: the party it names */
    cr_expect_null(first_error(&e, "case: x\nform: avtalssamverkan\n"
                                   "parties: [{name: Region Sörmland}, {name: Nyköpings kommun}]\n"
                                   "governance: {host: Region Sörmland län}\n"));
    cr_assert_eq(e.d.count, 1);
    cr_expect_str_eq(e.d.items[0].hint, "Region Sörmland");
    eval_done(&e);
    /* two parties it could be: no guess */
    cr_expect_null(first_error(&e, "case: x\nform: avtalssamverkan\n"
                                   "parties: [{name: Sala kommun}, {name: Sala stift}]\n"
                                   "governance: {host: Sala}\n"));
    cr_assert_eq(e.d.count, 1);
    cr_expect_null(e.d.items[0].hint);
    eval_done(&e);
    /* ... and none when the organisation is listed in others */
    cr_expect_null(first_error(&e, "case: x\nform: avtalssamverkan\nparties: [{name: A}]\n"
                                   "others: [{name: Lessebo}]\ngovernance: {host: Lessebo}\n"));
    cr_expect_eq(e.d.count, 0);
    eval_done(&e);
}

/* The warnings about a case that is still checked (a v1 case naming a
 * non-party) reach the batch's warn_fn in input order, once per case,
 * whatever the number of workers; the cases are still checked. */
typedef struct { sk_buf log; size_t cases; } warned;

static void on_warn(const sk_diags *d, void *ud)
{
    warned *w = ud;
    for (size_t i = 0; i < d->count; i++)
        sk_buf_printf(&w->log, "%u:%u %s|", d->items[i].line, d->items[i].col,
                      d->items[i].hint ? d->items[i].hint : "-");
    sk_buf_puts(&w->log, "\n");
}

static void on_case(const sk_result *res, void *ud)
{
    (void)res;
    ((warned *)ud)->cases++;
}

Test(case_format, batch_passes_v1_warnings_in_input_order)
{
    char dir[] = "/tmp/samkoll-warn-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char paths[6][64];
    const char *argv[6];
    for (int i = 0; i < 6; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/c%d.yaml", dir, i);
        argv[i] = paths[i];
        FILE *f = fopen(paths[i], "w");
        cr_assert_not_null(f);
        /* odd files: a host written short ("Sala" for "Sala kommun") */
        fprintf(f, "case: c%d\nform: gemensam_namnd\nparties: [{name: Sala kommun}, {name: Heby kommun}]\n"
                   "governance: {host: %s}\n", i, i % 2 ? "Sala" : "Sala kommun");
        fclose(f);
    }
    sk_limits lim;
    sk_limits_default(&lim);
    for (unsigned jobs = 1; jobs <= 4; jobs += 3) {
        warned w = {.cases = 0};
        sk_buf_init(&w.log, 0);
        sk_batch_opts o = {.rs = rs, .limits = &lim, .default_date = 20000,
                           .lang = SK_LANG_EN, .jobs = jobs, .warn_fn = on_warn, .warn_ud = &w};
        sk_batch_stats st;
        cr_assert_eq(sk_batch_check(&o, argv, 6, NULL, 0, &st), SK_OK);
        cr_expect_eq(st.cases, 6);
        cr_expect_eq(st.input_errors, 0);
        cr_expect_str_eq(sk_buf_cstr(&w.log), "4:20 Sala kommun|\n4:20 Sala kommun|\n4:20 Sala kommun|\n");
        sk_buf_free(&w.log);
        /* sequential mode: the same, before each case's callback */
        sk_buf_init(&w.log, 0);
        cr_assert_eq(sk_batch_each(&o, argv, 6, on_case, NULL, &w, &st), SK_OK);
        cr_expect_eq(w.cases, 6);
        cr_expect_str_eq(sk_buf_cstr(&w.log), "4:20 Sala kommun|\n4:20 Sala kommun|\n4:20 Sala kommun|\n");
        sk_buf_free(&w.log);
    }
    for (int i = 0; i < 6; i++)
        unlink(paths[i]);
    rmdir(dir);
}

/* xref.c walks each party reference by its steps (key, length, "[]") and
 * names it by its path in messages: the steps must spell the path. */
Test(case_format, party_ref_steps_spell_the_path)
{
    const char *path;
    const sk_ref_step *st;
    int top;
    size_t i = 0;
    for (; sk_case_party_ref(i, &path, &st, &top); i++) {
        cr_expect_str_eq(sk_case_schema.fields[top].name, st[0].key, "%s", path);
        char spelt[128] = "";
        size_t k = 0;
        for (; k < SK_REF_STEPS && st[k].key; k++) {
            cr_expect_eq(strlen(st[k].key), st[k].len, "%s", path);
            if (k)
                strcat(spelt, ".");
            strcat(spelt, st[k].key);
            if (st[k].each)
                strcat(spelt, "[]");
        }
        cr_expect_lt(k, SK_REF_STEPS, "%s: no end of steps", path);
        cr_expect_str_eq(spelt, path);
        cr_expect(sk_case_names_party(path));
    }
    cr_expect_eq(i, 12);
}
