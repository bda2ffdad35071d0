/* report.c - the writer table and the parts every writer shares. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "report_int.h"

static const sk_writer *const writers[] = {
    &sk_writer_text, &sk_writer_json, &sk_writer_jsonl,
};
static const char *const writer_names[] = {"text", "json", "jsonl", NULL};

const char *const *sk_report_formats(void)
{
    return writer_names;
}

const char *sk_status_label(sk_status s, int lang)
{
    static const char *const l[SK_ST__COUNT][2] = {
        [SK_ST_NOT_APPLICABLE] = {"EJ TILLÄMPLIG", "N/A"},
        [SK_ST_PASS] = {"GODKÄND", "PASS"},
        [SK_ST_WAIVED] = {"UNDANTAGEN", "WAIVED"},
        [SK_ST_UNKNOWN] = {"OKÄND", "UNKNOWN"},
        [SK_ST_WARN] = {"VARNING", "WARN"},
        [SK_ST_FAIL] = {"UNDERKÄND", "FAIL"},
        [SK_ST_ERROR] = {"FEL", "ERROR"},
    };
    return l[s][lang ? 1 : 0];
}

const char *sk_reason_text(sk_reason r, int lang)
{
    static const char *const t[][2] = {
        [SK_R_NONE] = {"", ""},
        [SK_R_OUT_OF_VALIDITY] = {"ärendets datum ligger utanför regelns giltighetstid",
                                  "the case date is outside the rule's period of validity"},
        [SK_R_NOT_APPLICABLE] = {"regelns tillämplighetsvillkor är inte uppfyllt",
                                 "the rule's applicability condition does not hold"},
        [SK_R_SUPERSEDED] = {"ersätts av den särskilda regeln", "superseded by the specific rule"},
        [SK_R_EXCEPTION_UNKNOWN] = {"det går inte att avgöra om undantagsregeln är tillämplig",
                                    "it cannot be decided whether the exception applies"},
        [SK_R_RUNTIME_ERROR] = {"regeln kunde inte utvärderas", "the rule could not be evaluated"},
    };
    return t[r][lang ? 1 : 0];
}

void sk_report_order(const sk_result *res, const sk_finding **out)
{
    /* stable counting sort by rank, worst first */
    size_t k = 0;
    for (int s = SK_ST__COUNT - 1; s >= 0; s--)
        for (size_t i = 0; i < res->n; i++)
            if (res->findings[i].status == s)
                out[k++] = &res->findings[i];
}

void sk_json_str(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    if (s) {
        const unsigned char *p = (const unsigned char *)s;
        size_t run = 0;
        for (; p[run]; ) {
            unsigned char c = p[run];
            if (c >= 0x20 && c != '"' && c != '\\') {
                run++;
                continue;
            }
            sk_buf_append(b, (const char *)p, run);
            p += run;
            run = 0;
            switch (c) {
            case '"': sk_buf_puts(b, "\\\""); break;
            case '\\': sk_buf_puts(b, "\\\\"); break;
            case '\n': sk_buf_puts(b, "\\n"); break;
            case '\r': sk_buf_puts(b, "\\r"); break;
            case '\t': sk_buf_puts(b, "\\t"); break;
            default: sk_buf_printf(b, "\\u%04x", c); break;
            }
            p++;
        }
        sk_buf_append(b, (const char *)p, run);
    }
    sk_buf_putc(b, '"');
}

void sk_report_flush(sk_report *r)
{
    if (r->out.failed)
        r->io_error = true;
    if (r->out.len && fwrite(r->out.data, 1, r->out.len, r->f) != r->out.len)
        r->io_error = true;
    sk_buf_clear(&r->out);
}

void sk_finding_explanation(const sk_result *res, const sk_finding *f, int lang, sk_buf *b)
{
    (void)res;
    if (f->status == SK_ST_UNKNOWN && f->nmissing) {
        sk_buf_puts(b, lang ? "Cannot be decided: the case does not state "
                            : "Kan inte avgöras: ärendet anger inte ");
        for (uint16_t i = 0; i < f->nmissing; i++) {
            if (i)
                sk_buf_puts(b, ", ");
            sk_fact_path(&f->missing[i], b);
        }
        sk_buf_putc(b, '.');
    }
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
    sk_buf_init(&r->out, 0);
    if (w->begin)
        w->begin(r, &r->out);
    sk_report_flush(r);
    *out = r;
    return SK_OK;
}

void sk_case_totals_of(const sk_result *res, sk_case_totals *t)
{
    t->worst = res->worst;
    memcpy(t->counts, res->counts, sizeof t->counts);
}

void sk_report_render_case(const sk_report *r, const sk_result *res, sk_buf *out)
{
    r->w->render_case(r, res, out);
}

static void put_item(sk_report *r, const sk_buf *chunk)
{
    if (r->items++ && r->w->sep)
        sk_buf_puts(&r->out, r->w->sep);
    sk_buf_append(&r->out, chunk->data ? chunk->data : "", chunk->len);
    sk_report_flush(r);
}

void sk_report_put_case(sk_report *r, const sk_case_totals *t, const sk_buf *chunk)
{
    r->ncases++;
    r->worst[t->worst]++;
    for (int s = 0; s < SK_ST__COUNT; s++)
        r->counts[s] += t->counts[s];
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
    for (size_t i = 0; i < diags->count; i++) {
        const sk_diag *g = &diags->items[i];
        sk_diag_addv(&e->diags, g->level, g->file, g->line, g->col, g->hint, g->message);
    }
    if (r->w->render_error) {
        sk_buf chunk;
        sk_buf_init(&chunk, 0);
        r->w->render_error(r, e, &chunk);
        put_item(r, &chunk);
        sk_buf_free(&chunk);
    }
}

sk_rc sk_report_close(sk_report *r)
{
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
    sk_buf_free(&r->out);
    free(r);
    return failed ? SK_EIO : SK_OK;
}
