/* report.c - the report object: the writer table, opening a report, adding
 * cases and input errors in input order, and closing it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "base/diag.h"
#include "report/report_int.h"

static const sk_writer *const writers[] = {
    &sk_writer_text, &sk_writer_json, &sk_writer_jsonl, &sk_writer_junit,
    &sk_writer_sarif, &sk_writer_csv, &sk_writer_markdown, &sk_writer_html,
};
static const char *const writer_names[] = {"text", "json", "jsonl", "junit", "sarif",
                                           "csv", "markdown", "html", NULL};

const char *const *sk_report_formats(void)
{
    return writer_names;
}

sk_rc sk_report_open(sk_report **out, const char *format, FILE *f,
                     const sk_ruleset *rs, const sk_report_opts *opts)
{
    *out = NULL;
    const sk_writer *w = NULL;
    for (size_t i = 0; writer_names[i]; i++)
        if (strcmp(writer_names[i], format) == 0)
            w = writers[i];
    if (!w)
        return SK_ENOTFOUND;
    sk_report *r = calloc(1, sizeof *r);
    if (!r)
        return SK_ENOMEM;
    r->w = w;
    r->f = f;
    r->rs = rs;
    r->o = *opts;
    if (!r->o.junit_fail_on)
        r->o.junit_fail_on = SK_ST_FAIL;
    size_t nrules = sk_ruleset_count(rs);
    r->rule_counts = calloc(nrules ? nrules : 1, sizeof *r->rule_counts);
    if (!r->rule_counts) {
        free(r);
        return SK_ENOMEM;
    }
    sk_buf_init(&r->out, 0);
    if (w == &sk_writer_sarif) {
        r->sarif_root = opts->sarif_root ? realpath(opts->sarif_root, NULL) : getcwd(NULL, 0);
        if (!r->sarif_root)
            r->sarif_root = strdup("/");
    }
    /* filled on first use by sk_json_rule */
    r->rule_json = malloc((nrules ? nrules : 1) * sizeof *r->rule_json);
    for (size_t i = 0; r->rule_json && i < nrules; i++)
        atomic_init(&r->rule_json[i], NULL);
    if (w->begin)
        w->begin(r, &r->out);
    sk_report_flush(r);
    if (w->summary) {
        r->body = tmpfile();
        if (!r->body)
            r->io_error = true;
    }
    *out = r;
    return SK_OK;
}

void sk_case_totals_of(const sk_result *res, sk_case_totals *t)
{
    t->worst = res->worst;
    t->form = (uint8_t)res->c->form;
    memcpy(t->counts, res->counts, sizeof t->counts);
    t->nrules = res->n;
    t->rules = malloc(res->n ? res->n : 1);
    if (t->rules)
        for (size_t i = 0; i < res->n; i++)
            t->rules[i] = res->findings[i].status;
}

void sk_case_totals_free(sk_case_totals *t)
{
    free(t->rules);
    t->rules = NULL;
    t->nrules = 0;
}

void sk_report_render_case(const sk_report *r, const sk_result *res, sk_buf *out)
{
    r->w->render_case(r, res, out);
}

static void put_item(sk_report *r, const sk_buf *chunk)
{
    if (!chunk->len) {
        if (chunk->failed)
            r->io_error = true;
        return;
    }
    if (r->items++ && r->w->sep)
        sk_buf_puts(&r->out, r->w->sep);
    sk_report_flush(r);
    sk_report_write(r, chunk->data, chunk->len); /* not copied through r->out */
}

void sk_report_put_case(sk_report *r, const sk_case_totals *t, const sk_buf *chunk)
{
    r->ncases++;
    r->worst[t->worst]++;
    r->with_unknown += t->counts[SK_ST_UNKNOWN] > 0;
    for (int s = 0; s < SK_ST__COUNT; s++)
        r->counts[s] += t->counts[s];
    if (t->form < SK_NFORMS)
        r->form_worst[t->form][t->worst]++;
    size_t nrules = sk_ruleset_count(r->rs);
    if (!t->rules && t->nrules)
        r->io_error = true; /* out of memory on the worker */
    /* locals: the counts written must not make the loop reload its bounds */
    const uint8_t *rules = t->rules;
    size_t n = rules ? (t->nrules < nrules ? t->nrules : nrules) : 0;
    size_t (*rc)[SK_ST__COUNT] = r->rule_counts;
    for (size_t i = 0; i < n; i++)
        if (rules[i] < SK_ST__COUNT)
            rc[i][rules[i]]++;
    put_item(r, chunk);
}

void sk_report_case(sk_report *r, const sk_result *res)
{
    sk_buf chunk;
    sk_buf_init(&chunk, 0);
    sk_report_render_case(r, res, &chunk);
    sk_case_totals t;
    sk_case_totals_of(res, &t);
    sk_report_put_case(r, &t, &chunk);
    sk_case_totals_free(&t);
    sk_buf_free(&chunk);
}

void sk_report_input_error(sk_report *r, const char *file, unsigned line,
                           const sk_diags *diags)
{
    r->nerrors++;
    if (r->nerrs == r->errcap) {
        size_t cap = r->errcap ? r->errcap * 2 : 8;
        sk_input_error *v = realloc(r->errs, cap * sizeof *v);
        if (!v) {
            r->io_error = true;
            return;
        }
        r->errs = v;
        r->errcap = cap;
    }
    sk_input_error *e = &r->errs[r->nerrs++];
    size_t n = strlen(file);
    e->file = malloc(n + 1);
    if (e->file)
        memcpy(e->file, file, n + 1);
    e->line = line;
    sk_diags_init(&e->diags, diags->lang);
    sk_diags_append(&e->diags, diags);
    if (r->w->render_error) {
        sk_buf chunk;
        sk_buf_init(&chunk, 0);
        r->w->render_error(r, e, &chunk);
        put_item(r, &chunk);
        sk_buf_free(&chunk);
        /* written as it came: a streaming report keeps nothing per error,
         * so memory does not grow with the number of bad inputs */
        free(e->file);
        sk_diags_free(&e->diags);
        r->nerrs--;
    }
}

/* Copies the spooled cases to the stream, after the summary. */
static void copy_body(sk_report *r)
{
    FILE *body = r->body;
    r->body = NULL;
    if (!body)
        return;
    if (fflush(body) != 0 || ferror(body) || fseek(body, 0, SEEK_SET) != 0)
        r->io_error = true;
    char buf[65536];
    size_t n;
    while (!r->io_error && (n = fread(buf, 1, sizeof buf, body)) > 0)
        if (fwrite(buf, 1, n, r->f) != n)
            r->io_error = true;
    if (ferror(body))
        r->io_error = true;
    fclose(body);
}

sk_rc sk_report_close(sk_report *r)
{
    if (r->w->summary) {
        FILE *body = r->body;
        r->body = NULL;             /* the summary goes to the stream */
        r->w->summary(r, &r->out);
        sk_report_flush(r);
        r->body = body;
        copy_body(r);
    }
    if (r->w->end)
        r->w->end(r, &r->out);
    sk_report_flush(r);
    if (fflush(r->f) != 0 || ferror(r->f))
        r->io_error = true;
    bool failed = r->io_error;
    for (size_t i = 0; i < r->nerrs; i++) {
        free(r->errs[i].file);
        sk_diags_free(&r->errs[i].diags);
    }
    free(r->errs);
    free(r->rule_counts);
    sk_buf_free(&r->out);
    for (size_t i = 0; r->rule_json && i < r->rs->nrules; i++)
        sk_json_rule_free(atomic_load_explicit(&r->rule_json[i], memory_order_relaxed));
    free(r->rule_json);
    free(r->sarif_root);
    free(r);
    return failed ? SK_EIO : SK_OK;
}
