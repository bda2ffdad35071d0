/* test_interview.c - the interview session (samkoll/interview.h) on the
 * shipped rule set (SK_RULES_DIR): opening, questions with choices from
 * the case, answers taken and rejected with a message, lists item by item,
 * validating and writing. Only the public header is used. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samkoll/interview.h"
#include "samkoll/util.h"

static sk_ruleset *rules;
static char dir[] = "/tmp/sk-interview-XXXXXX";

static const char CASE[] =
    "# a delegation that names neither party\n"
    "case: iv\n"
    "form: avtalssamverkan\n"
    "parties:\n"
    "  - name: Alfa kommun\n"
    "    type: kommun\n"
    "  - name: Beta kommun\n"
    "    type: kommun\n"
    "tasks:\n"
    "  - name: Löneadministration\n"
    "delegations:\n"
    "  - by: Socialnämnden\n"
    "    matters: löneärenden\n";

static void setup(void)
{
    if (!rules) {
        sk_limits lim;
        sk_limits_default(&lim);
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        cr_assert_eq(sk_ruleset_load_dir(&rules, SK_RULES_DIR, &lim, &d), SK_OK);
        sk_diags_free(&d);
    }
    strcpy(dir, "/tmp/sk-interview-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

static char *path_in(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static sk_interview_status open_on(sk_interview **s, const char *text, const char *output,
                                   sk_lang lang, const char *case_id)
{
    sk_interview_opts o = {.path = path_in("case.yaml"), .text = text, .len = text ? strlen(text) : 0,
                           .output = output, .rs = rules, .lang = lang, .case_id = case_id};
    cr_assert(sk_date_parse("2025-01-01", 10, &o.date));
    sk_diags d;
    sk_diags_init(&d, lang);
    sk_interview_status st = sk_interview_open(s, &o, &d);
    sk_diags_free(&d);
    return st;
}

static sk_interview *open_case(const char *text, sk_lang lang)
{
    sk_interview *s = NULL;
    cr_assert_eq(open_on(&s, text, path_in("out.yaml"), lang, NULL), SK_IV_OK);
    return s;
}

/* Passes questions over until the one about key; it must come. */
static const sk_interview_question *advance_to(sk_interview *s, const char *key)
{
    const sk_interview_question *q;
    while ((q = sk_interview_next(s)) && strcmp(q->key, key) != 0)
        sk_interview_skip(s);
    cr_assert_not_null(q, "no question about %s", key);
    return q;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

TestSuite(interview, .init = setup, .fini = teardown);

Test(interview, open_refuses_what_it_could_not_finish)
{
    sk_interview *s = (sk_interview *)1;
    cr_expect_eq(open_on(&s, CASE, "/no/such/dir/out.yaml", SK_LANG_SV, NULL), SK_IV_OUTPUT_UNWRITABLE);
    cr_expect_null(s);
    FILE *f = fopen(path_in("case.yaml"), "w");
    cr_assert_not_null(f);
    fputs(CASE, f);
    fclose(f);
    cr_expect_eq(open_on(&s, CASE, path_in("case.yaml"), SK_LANG_SV, NULL), SK_IV_OUTPUT_IS_CASE);
    cr_expect_eq(open_on(&s, "case: x\nform: nosuchform\n", NULL, SK_LANG_SV, NULL), SK_IV_CASE_INVALID);
    cr_expect_eq(open_on(&s, CASE, NULL, SK_LANG_SV, "other"), SK_IV_NO_SUCH_CASE);
    /* read from the file itself; the default output is CASE.answered.yaml */
    cr_assert_eq(open_on(&s, NULL, NULL, SK_LANG_SV, "iv"), SK_IV_OK);
    cr_expect_str_eq(sk_interview_output(s), path_in("case.answered.yaml"));
    sk_interview_free(s);
    unlink(path_in("case.yaml"));
    cr_expect_eq(open_on(&s, NULL, NULL, SK_LANG_SV, NULL), SK_IV_CASE_UNREADABLE);
}

Test(interview, parties_are_offered_by_name_and_written_by_name)
{
    sk_interview *s = open_case(CASE, SK_LANG_SV);
    const sk_interview_question *q = advance_to(s, "delegations[0].to_party");
    cr_assert_eq(q->kind, SK_IQ_CHOICE);
    cr_assert_not_null(q->choices);
    cr_expect_str_eq(q->choices[0], "Alfa kommun");
    cr_expect_null(q->labels, "names have no labels");
    cr_expect_str_eq(q->choices[1], "Beta kommun");
    cr_expect_null(q->choices[2]);
    cr_expect(strstr(q->text, " \u2014 löneärenden") != NULL, "%s", q->text);
    cr_expect_gt(q->nrules, 0);
    const char *msg = NULL;
    cr_expect_eq(sk_interview_answer(s, "9", &msg), SK_IA_REJECTED);
    cr_expect(msg && strstr(msg, "'9' är inte ett av alternativen") && strstr(msg, "2) Beta kommun"),
              "%s", msg ? msg : "(null)");
    cr_expect_eq(sk_interview_next(s), q, "the same question is asked again");
    cr_expect_eq(sk_interview_answer(s, "2", &msg), SK_IA_ACCEPTED);
    cr_expect_null(msg);
    q = advance_to(s, "delegations[0].by_party");
    cr_expect_eq(sk_interview_answer(s, "alfa", &msg), SK_IA_ACCEPTED, "the start of one name");
    cr_expect_eq(sk_interview_answered(s), 2);
    cr_assert_eq(sk_interview_write(s, NULL), SK_OK);
    const char *out = slurp(path_in("out.yaml"));
    cr_expect(strstr(out, "    by_party: Alfa kommun\n    to_party: Beta kommun\n"), "%s", out);
    cr_expect(strstr(out, "# a delegation that names neither party\n") == out, "comments kept");
    sk_interview_free(s);
}

Test(interview, tasks_are_offered_for_a_delegation)
{
    sk_interview *s = open_case(CASE, SK_LANG_EN);
    const sk_interview_question *q = advance_to(s, "delegations[0].task");
    cr_assert_eq(q->kind, SK_IQ_CHOICE);
    cr_expect_str_eq(q->choices[0], "Löneadministration");
    const char *msg = NULL;
    cr_expect_eq(sk_interview_answer(s, "Payroll", &msg), SK_IA_REJECTED);
    cr_expect(msg && strstr(msg, "'Payroll' is not one of the choices"), "%s", msg ? msg : "");
    cr_expect_eq(sk_interview_answer(s, "löneadministration", &msg), SK_IA_ACCEPTED);
    cr_assert_eq(sk_interview_write(s, NULL), SK_OK);
    cr_expect(strstr(slurp(path_in("out.yaml")), "    task: Löneadministration\n"));
    sk_interview_free(s);
}

Test(interview, bad_answers_are_rejected_with_a_message)
{
    sk_interview *s = open_case(CASE, SK_LANG_SV);
    const char *msg = NULL;
    const sk_interview_question *q = advance_to(s, "delegations[0].to");
    cr_assert_eq(q->kind, SK_IQ_ENUM);
    cr_expect_str_eq(q->choices[0], "employee");
    cr_assert_not_null(q->labels, "enum choices come with their labels");
    cr_expect_str_eq(q->labels[0], "anställd");
    cr_expect_eq(sk_interview_answer(s, "chef", &msg), SK_IA_REJECTED);
    cr_expect(strstr(msg, "Svara med ett av: employee") != NULL, "%s", msg);
    cr_expect_eq(sk_interview_answer(s, "99", &msg), SK_IA_REJECTED);
    cr_expect_eq(sk_interview_answer(s, "1", &msg), SK_IA_ACCEPTED);
    q = advance_to(s, "procurement.services_between_parties");
    cr_assert_eq(q->kind, SK_IQ_YES_NO);
    cr_expect(strstr(q->help, "ja / nej") && strstr(q->help, "vet ej"));
    cr_expect_null(strstr(q->text, "\u2014"), "no context, no dash: %s", q->text);
    cr_expect_eq(sk_interview_answer(s, "kanske", &msg), SK_IA_REJECTED);
    cr_expect_str_eq(msg, "Svara ja, nej eller vet ej.");
    cr_expect_eq(sk_interview_answer(s, "a\x01", &msg), SK_IA_REJECTED);
    cr_expect(strstr(msg, "styrtecken") != NULL, "%s", msg);
    cr_expect_eq(sk_interview_answer(s, "", &msg), SK_IA_REJECTED);
    cr_expect_eq(sk_interview_answer(s, "Nej", &msg), SK_IA_ACCEPTED);
    cr_assert_eq(sk_interview_write(s, NULL), SK_OK);
    const char *out = slurp(path_in("out.yaml"));
    cr_expect(strstr(out, "services_between_parties: false") && strstr(out, "    to: employee\n"), "%s", out);
    sk_interview_free(s);
}

Test(interview, the_parties_come_before_a_question_that_names_one)
{
    static const char text[] = "case: iv2\nform: avtalssamverkan\ntasks:\n  - name: Drift\n"
                               "delegations:\n  - by: Nämnden\n";
    sk_interview *s = open_case(text, SK_LANG_SV);
    const char *msg = NULL;
    const sk_interview_question *q = sk_interview_next(s);
    cr_assert_str_eq(q->key, "parties", "asked first, so that the next questions can offer them");
    cr_expect_eq(q->kind, SK_IQ_LIST_ITEM);
    cr_expect_null(q->choices);
    cr_expect_eq(sk_interview_answer(s, "Alfa kommun", &msg), SK_IA_MORE);
    cr_expect_eq(sk_interview_answer(s, "", &msg), SK_IA_ACCEPTED);
    q = advance_to(s, "delegations[0].to_party");
    cr_assert_eq(q->kind, SK_IQ_CHOICE);
    cr_expect_str_eq(q->choices[0], "Alfa kommun");
    sk_interview_free(s);
    /* parties passed over: a number is never written as a party's name */
    s = open_case(text, SK_LANG_SV);
    advance_to(s, "parties");
    sk_interview_skip(s);
    q = advance_to(s, "delegations[0].by_party");
    cr_assert_eq(q->kind, SK_IQ_TEXT);
    cr_expect_eq(sk_interview_answer(s, "2", &msg), SK_IA_REJECTED);
    cr_expect(strstr(msg, "'2' är ett nummer") != NULL, "%s", msg);
    cr_expect_eq(sk_interview_answer(s, "Alfa kommun", &msg), SK_IA_ACCEPTED);
    sk_interview_free(s);
}

Test(interview, a_list_of_shares_is_given_party_by_party_then_percent)
{
    sk_interview *s = open_case(CASE, SK_LANG_SV);
    const char *msg = NULL;
    const sk_interview_question *q = advance_to(s, "agreement.cost_allocation.shares");
    cr_assert_eq(q->kind, SK_IQ_LIST_ITEM);
    cr_expect_eq(q->item, 1);
    cr_assert_not_null(q->choices, "the parties are offered");
    cr_expect(strstr(q->help, "nr 1") && strstr(q->help, "tom rad: inga"), "%s", q->help);
    cr_expect_eq(sk_interview_answer(s, "1", &msg), SK_IA_MORE);
    q = sk_interview_next(s);
    cr_expect_eq(q->item, 2);
    cr_expect(strstr(q->help, "nr 2") && strstr(q->help, "tom rad: klart"), "%s", q->help);
    cr_expect_eq(sk_interview_answer(s, "Alfa kommun", &msg), SK_IA_REJECTED);
    cr_expect(strstr(msg, "redan angiven") != NULL, "%s", msg);
    cr_expect_eq(sk_interview_answer(s, "Gamma", &msg), SK_IA_REJECTED);
    cr_expect_eq(sk_interview_answer(s, "beta kommun", &msg), SK_IA_MORE);
    cr_expect_eq(sk_interview_answer(s, "", &msg), SK_IA_ACCEPTED);
    q = advance_to(s, "agreement.cost_allocation.shares[0].percent");
    cr_assert_eq(q->kind, SK_IQ_PERCENT);
    cr_expect_eq(sk_interview_answer(s, "150", &msg), SK_IA_REJECTED);
    cr_expect_str_eq(msg, "Ange en procentsats från 0 till 100.");
    cr_expect_eq(sk_interview_answer(s, "femtio", &msg), SK_IA_REJECTED);
    cr_expect_eq(sk_interview_answer(s, "60,5 %", &msg), SK_IA_ACCEPTED);
    cr_assert_eq(sk_interview_validate(s, NULL), SK_OK);
    cr_assert_eq(sk_interview_write(s, NULL), SK_OK);
    const char *out = slurp(path_in("out.yaml"));
    cr_expect(strstr(out, "- party: Alfa kommun\n") && strstr(out, "percent: 60.5") &&
              strstr(out, "- party: Beta kommun\n") && !strstr(out, "{}"), "%s", out);
    sk_interview_free(s);
}

Test(interview, a_list_cut_short_keeps_its_items_and_vet_ej_skips)
{
    sk_interview *s = open_case(CASE, SK_LANG_SV);
    const char *msg = NULL;
    advance_to(s, "bodies");
    cr_expect_eq(sk_interview_answer(s, "vet ej", &msg), SK_IA_SKIPPED);
    const sk_interview_question *q;
    while ((q = sk_interview_next(s))) {
        cr_assert_str_neq(q->key, "bodies", "a question passed over is not asked again");
        sk_interview_skip(s);
    }
    sk_interview_free(s);
    /* end of input in the middle of a list: the items given are written */
    s = open_case(CASE, SK_LANG_SV);
    advance_to(s, "agreement.cost_allocation.shares");
    cr_expect_eq(sk_interview_answer(s, "2", &msg), SK_IA_MORE);
    cr_assert_eq(sk_interview_write(s, NULL), SK_OK);
    cr_expect(strstr(slurp(path_in("out.yaml")), "- party: Beta kommun\n"));
    sk_interview_free(s);
}

Test(interview, notices_and_the_report_of_what_is_still_unknown)
{
    sk_interview *s = open_case(CASE, SK_LANG_EN);
    cr_assert_not_null(sk_interview_next(s));
    const char *n = sk_interview_notice(s);
    cr_expect(n && strstr(n, "iv (avtalssamverkan)"), "%s", n ? n : "(null)");
    cr_expect_null(sk_interview_notice(s), "each notice once");
    while (sk_interview_next(s))
        sk_interview_skip(s);
    n = sk_interview_notice(s);
    cr_expect(n && strstr(n, "No more questions about iv"), "%s", n ? n : "(null)");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(sk_interview_report(s, f), SK_OK);
    fclose(f);
    cr_expect(strstr(buf, "questions, those that decide the most first") != NULL, "%s", buf);
    free(buf);
    cr_expect_eq(sk_interview_answered(s), 0);
    cr_expect_eq(sk_interview_failed(s), 0);
    sk_interview_free(s);
}

/* An enum answered as a Swedish user says it: the label or an alias gives
 * the value of the case format (values.def). */
Test(interview, enum_values_by_label_or_alias)
{
    sk_interview *s = open_case(CASE, SK_LANG_SV);
    const char *msg = NULL;
    const sk_interview_question *q = advance_to(s, "delegations[0].to");
    cr_assert_eq(q->kind, SK_IQ_ENUM);
    cr_expect_eq(sk_interview_answer(s, "Tjänsteman", &msg), SK_IA_ACCEPTED, "%s", msg ? msg : "");
    cr_assert_eq(sk_interview_write(s, NULL), SK_OK);
    cr_expect(strstr(slurp(path_in("out.yaml")), "    to: employee\n"));
    sk_interview_free(s);
}
