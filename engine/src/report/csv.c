/* report_csv.c - one row per finding, for spreadsheets (RFC 4180: CRLF
 * line ends, fields with , " CR or LF quoted, quotes doubled; UTF-8, with
 * a byte order mark on --csv-bom for spreadsheet programs that need one).
 * The header is written once; input errors are rows with status
 * input_error, one per diagnostic. */
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"

static const char *const header[] = {
    "case", "file", "line", "rule", "status", "severity", "message", "citations",
    "column", "title", "citation_urls", "waiver_reason", "waiver_decided_by",
    "waiver_until", "waiver_expired", "fingerprint", "certainty", "judged_date",
    "judged_date_source", "judged_date_fell_back", NULL};

static void field(sk_buf *b, const char *s, int first)
{
    if (!first)
        sk_buf_putc(b, ',');
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        sk_buf_puts(b, s);
        return;
    }
    sk_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            sk_buf_putc(b, '"');
        sk_buf_putc(b, *s);
    }
    sk_buf_putc(b, '"');
}

static void num(sk_buf *b, unsigned v)
{
    sk_buf_putc(b, ',');
    sk_buf_uint(b, v);
}

static void begin(sk_report *r, sk_buf *b)
{
    if (r->o.csv_bom)
        sk_buf_puts(b, "\xEF\xBB\xBF");
    for (size_t i = 0; header[i]; i++)
        field(b, header[i], i == 0);
    sk_buf_puts(b, "\r\n");
}

static void row(const sk_report *r, const sk_result *res, const sk_finding *f, sk_buf *b,
                sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_case *c = res->c;
    const sk_rule *rule = f->rule;
    const sk_node *at = sk_finding_locus(f);
    field(b, c->id, 1);
    field(b, c->file, 0);
    num(b, at ? at->line : c->line);
    field(b, rule->id, 0);
    field(b, sk_status_name((sk_status)f->status), 0);
    field(b, sk_status_name((sk_status)rule->severity), 0);
    sk_buf_clear(tmp);
    sk_finding_text(res, f, en, tmp);
    field(b, sk_buf_cstr(tmp), 0);
    sk_buf_clear(tmp);
    for (uint32_t i = 0; i < rule->ncites; i++)
        if (sk_finding_cite(f, i))
            sk_buf_printf(tmp, "%s%s", tmp->len ? "; " : "", rule->cites[i].text[en]);
    field(b, sk_buf_cstr(tmp), 0);
    num(b, at ? at->col : 1);
    field(b, rule->title[en], 0);
    sk_buf_clear(tmp);
    for (uint32_t i = 0; i < rule->ncites; i++)
        if (rule->cites[i].url && sk_finding_cite(f, i))
            sk_buf_printf(tmp, "%s%s", tmp->len ? " " : "", rule->cites[i].url);
    field(b, sk_buf_cstr(tmp), 0);
    field(b, sk_waiver_get(f, "reason"), 0);
    field(b, sk_waiver_get(f, "decided_by"), 0);
    field(b, sk_waiver_get(f, "until"), 0);
    field(b, f->waiver ? (f->waiver_expired ? "true" : "false") : NULL, 0);
    char fp[17];
    sk_finding_fingerprint(res, f, fp);
    field(b, fp, 0);
    field(b, sk_certainty_names[f->certainty], 0);
    char d[11];
    sk_date_format(f->judged.day, d);
    field(b, d, 0);
    field(b, sk_date_field_names[f->judged.source], 0);
    field(b, f->judged.fell_back ? "true" : "false", 0);
    sk_buf_puts(b, "\r\n");
}

static void render_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        if (r->o.quiet && (f->status == SK_ST_PASS || f->status == SK_ST_NOT_APPLICABLE))
            continue;
        row(r, res, f, b, &tmp);
    }
    sk_buf_free(&tmp);
}

static void render_error(const sk_report *r, const sk_input_error *e, sk_buf *b)
{
    (void)r;
    for (size_t i = 0; i < e->diags.count; i++) {
        const sk_diag *g = &e->diags.items[i];
        field(b, NULL, 1);
        field(b, g->file ? g->file : e->file, 0);
        num(b, g->line);
        field(b, NULL, 0);
        field(b, "input_error", 0);
        field(b, NULL, 0);
        field(b, g->message, 0);
        field(b, NULL, 0);
        num(b, g->col);
        for (int k = 0; k < 11; k++)
            field(b, NULL, 0);
        sk_buf_puts(b, "\r\n");
    }
}

const sk_writer sk_writer_csv = {"csv", begin, render_case, render_error, "", NULL, NULL};
