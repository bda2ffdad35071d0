/* test_batch.c - the batch driver's hand-over between the calling thread
 * and its workers: reports byte-identical and in input order whatever the
 * number of threads, with more jobs than the ring holds, input errors in
 * the middle, several reports at once and a stream cut into documents. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "helpers.h"
#include "samkoll/batch.h"
#include "samkoll/report.h"

/* More cases than one job (8 inputs) times the ring of -j2 (8 jobs). */
#define NCASES 300
#define BAD 150

static sk_ruleset *rs;
static char dir[] = "/tmp/samkoll-batch-XXXXXX";
static char paths[NCASES][64];
static const char *argv_[NCASES];

static void write_case(FILE *f, int i)
{
    if (i == BAD)
        fputs("case: [not closed\n", f); /* an input error, in the middle */
    else
        fprintf(f, "case: c%04d\nform: %s\nparties: [{name: Sala kommun}, {name: Heby kommun}]\n",
                i, i % 3 ? "gemensam_namnd" : "natverk");
}

static void setup(void)
{
    rs = rule_with(NULL, "{path: form, ne: natverk}");
    cr_assert_not_null(mkdtemp(dir));
    for (int i = 0; i < NCASES; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/c%04d.yaml", dir, i);
        argv_[i] = paths[i];
        FILE *f = fopen(paths[i], "w");
        cr_assert_not_null(f);
        write_case(f, i);
        fclose(f);
    }
}

static void teardown(void)
{
    for (int i = 0; i < NCASES; i++)
        unlink(paths[i]);
    rmdir(dir);
    sk_ruleset_free(rs);
}

TestSuite(batch, .init = setup, .fini = teardown);

typedef struct run_out {
    char *text, *jsonl;     /* the two reports (malloc'd) */
    size_t text_len, jsonl_len;
    sk_batch_stats st;
} run_out;

/* Checks paths with the given number of threads into a text and a JSON
 * Lines report at once. */
static run_out check(const char *const *p, size_t n, unsigned jobs)
{
    run_out r;
    memset(&r, 0, sizeof r);
    FILE *ft = open_memstream(&r.text, &r.text_len);
    FILE *fj = open_memstream(&r.jsonl, &r.jsonl_len);
    cr_assert(ft && fj);
    sk_report_opts ro = {.lang = SK_LANG_EN, .run_date = 20000};
    sk_report *reps[2];
    cr_assert_eq(sk_report_open(&reps[0], "text", ft, rs, &ro), SK_OK);
    cr_assert_eq(sk_report_open(&reps[1], "jsonl", fj, rs, &ro), SK_OK);
    sk_limits lim;
    sk_limits_default(&lim);
    sk_batch_opts o = {.rs = rs, .limits = &lim, .default_date = 20000,
                       .lang = SK_LANG_EN, .jobs = jobs};
    cr_assert_eq(sk_batch_check(&o, p, n, reps, 2, &r.st), SK_OK);
    cr_assert_eq(sk_report_close(reps[0]), SK_OK);
    cr_assert_eq(sk_report_close(reps[1]), SK_OK);
    fclose(ft);
    fclose(fj);
    return r;
}

static void run_free(run_out *r)
{
    free(r->text);
    free(r->jsonl);
}

/* Every case id of the corpus, and the bad file, appear in input order. */
static void expect_input_order(const char *text, const char *bad_name)
{
    const char *at = text;
    for (int i = 0; i < NCASES; i++) {
        char want[64];
        if (i == BAD)
            snprintf(want, sizeof want, "%s", bad_name);
        else
            snprintf(want, sizeof want, "c%04d", i);
        const char *p = strstr(at, want);
        cr_assert_not_null(p, "%s missing or out of order", want);
        at = p + strlen(want);
    }
}

Test(batch, files_in_order_and_identical_with_1_and_n_threads)
{
    run_out one = check(argv_, NCASES, 1);
    cr_expect_eq(one.st.cases, NCASES - 1);
    cr_expect_eq(one.st.input_errors, 1);
    expect_input_order(one.text, paths[BAD]);
    expect_input_order(one.jsonl, paths[BAD] + strlen(dir) + 1);
    for (unsigned jobs = 2; jobs <= 7; jobs += 5) {
        run_out n = check(argv_, NCASES, jobs);
        cr_expect_eq(n.st.cases, one.st.cases);
        cr_expect_eq(n.st.input_errors, 1);
        cr_expect_eq(n.st.worst, one.st.worst);
        cr_assert_eq(n.text_len, one.text_len, "-j%u text differs in length", jobs);
        cr_assert_eq(memcmp(n.text, one.text, one.text_len), 0, "-j%u text differs", jobs);
        cr_assert_eq(n.jsonl_len, one.jsonl_len, "-j%u JSON Lines differ in length", jobs);
        cr_assert_eq(memcmp(n.jsonl, one.jsonl, one.jsonl_len), 0, "-j%u JSON Lines differ", jobs);
        run_free(&n);
    }
    run_free(&one);
}

Test(batch, one_file_and_a_few_files_with_threads_as_without)
{
    for (size_t n = 1; n <= 33; n += 16) { /* one job, two jobs, three jobs */
        run_out one = check(argv_, n, 1);
        run_out many = check(argv_, n, 4);
        cr_expect_eq(one.st.cases, n);
        cr_expect_eq(many.st.cases, n);
        cr_assert_eq(many.text_len, one.text_len);
        cr_assert_eq(memcmp(many.text, one.text, one.text_len), 0);
        cr_assert_eq(many.jsonl_len, one.jsonl_len);
        cr_assert_eq(memcmp(many.jsonl, one.jsonl, one.jsonl_len), 0);
        run_free(&one);
        run_free(&many);
    }
}

/* Writes a stream of n documents (each after a `---` line) named name in
 * the corpus directory into path; document big_at (-1: none) carries
 * about 400 KiB of comment first. */
static void write_stream(char *path, size_t cap, const char *name, int n, int big_at)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    for (int i = 0; i < n; i++) {
        fputs("---\n", f);
        for (int k = 0; i == big_at && k < 5000; k++)
            fputs("# a long note kept with the case, line after line, as some files do\n", f);
        write_case(f, i);
    }
    fclose(f);
}

/* Checks the stream at path as standard input with 1 thread (r[0]) and
 * with 2 (r[1]), and removes it. */
static void check_stream(const char *path, run_out r[2])
{
    const char *dash[] = {"-"};
    for (int k = 0; k < 2; k++) {
        cr_assert_not_null(freopen(path, "r", stdin));
        r[k] = check(dash, 1, k ? 2 : 1);
    }
    unlink(path);
}

/* Both runs wrote the same reports; frees them. */
static void expect_same_and_free(run_out r[2])
{
    cr_assert_eq(r[1].text_len, r[0].text_len);
    cr_assert_eq(memcmp(r[1].text, r[0].text, r[0].text_len), 0);
    cr_assert_eq(r[1].jsonl_len, r[0].jsonl_len);
    cr_assert_eq(memcmp(r[1].jsonl, r[0].jsonl, r[0].jsonl_len), 0);
    run_free(&r[0]);
    run_free(&r[1]);
}

Test(batch, stream_documents_in_order_and_identical_with_1_and_n_threads)
{
    char stream[128];
    run_out r[2];
    write_stream(stream, sizeof stream, "all.yml.in", NCASES, -1);
    check_stream(stream, r);
    for (int k = 0; k < 2; k++) {
        cr_expect_eq(r[k].st.cases, NCASES - 1);
        cr_expect_eq(r[k].st.input_errors, 1);
        expect_input_order(r[k].text, "-:601"); /* the bad document starts at line 4 * 150 + 1 */
    }
    expect_same_and_free(r);
}

/* A document larger than what a buffer is kept at (256 KiB) in the middle
 * of a stream: the documents around it are cut and checked as before. */
Test(batch, stream_with_a_large_document_in_the_middle)
{
    char stream[128];
    run_out r[2];
    write_stream(stream, sizeof stream, "large.yml.in", 40, 20);
    check_stream(stream, r);
    for (int k = 0; k < 2; k++) {
        cr_expect_eq(r[k].st.cases, 40);
        cr_expect_eq(r[k].st.input_errors, 0);
        const char *at = r[k].jsonl;
        for (int i = 0; i < 40; i++) {
            char want[32];
            snprintf(want, sizeof want, "\"c%04d\"", i);
            const char *p = strstr(at, want);
            cr_assert_not_null(p, "%s missing or out of order", want);
            at = p + strlen(want);
        }
    }
    expect_same_and_free(r);
}
