/* catalog.c - the forms table and the rule catalogue as documents. */
#include "samkoll/catalog.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

typedef enum { FMT_TEXT, FMT_MD, FMT_HTML } fmt;

static void esc(sk_buf *b, const char *s, fmt f)
{
    for (; *s; s++) {
        if (f == FMT_HTML && (*s == '&' || *s == '<' || *s == '>' || *s == '"')) {
            sk_buf_puts(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : "&quot;");
        } else if (f == FMT_MD && (*s == '|' || *s == '\n')) {
            sk_buf_puts(b, *s == '|' ? "\\|" : " ");
        } else {
            sk_buf_putc(b, *s);
        }
    }
}

/* The display of one value of a column (label if the table gives one). */
static const char *label(const sk_form_col *col, const char *v, int en)
{
    int i = sk_values_find((const char *const *)col->values, v);
    if (col->labels && i >= 0 && col->labels[i][en])
        return col->labels[i][en];
    return v;
}

static void cell_value(sk_buf *b, const sk_form_col *col, const sk_form_cell *c, int en, fmt f)
{
    const sk_node *v = c->value;
    if (!v) {
        sk_buf_puts(b, "–");
        return;
    }
    if (col->type == SK_COL_BOOL) {
        sk_buf_puts(b, v->v.b ? (sk_ui(UI_YES, en)) : (sk_ui(UI_NO, en)));
    } else if (col->type == SK_COL_LIST) {
        if (v->len == 0)
            sk_buf_puts(b, sk_ui(UI_NONE, en));
        for (uint32_t i = 0; i < v->len; i++) {
            if (i)
                sk_buf_puts(b, ", ");
            esc(b, label(col, v->u.items[i]->u.s, en), f);
        }
    } else {
        esc(b, col->type == SK_COL_ENUM ? label(col, v->u.s, en) : v->u.s, f);
    }
}

static void cites(sk_buf *b, const sk_cite *c, uint32_t n, int en, fmt f)
{
    for (uint32_t i = 0; i < n; i++) {
        sk_buf_puts(b, i ? "; " : "");
        if (f == FMT_MD) {
            sk_buf_puts(b, "[");
            esc(b, c[i].text[en], f);
            sk_buf_printf(b, "](%s)", c[i].url);
        } else if (f == FMT_HTML) {
            sk_buf_puts(b, "<a href=\"");
            esc(b, c[i].url, f);
            sk_buf_puts(b, "\">");
            esc(b, c[i].text[en], f);
            sk_buf_puts(b, "</a>");
        } else {
            sk_buf_puts(b, c[i].text[en]);
        }
    }
}

static const char *form_name(const sk_ruleset *rs, size_t i, int en)
{
    return rs->rows[i].name[en] ? rs->rows[i].name[en] : sk_form_values[i];
}

static void forms_text(const sk_ruleset *rs, int en, sk_buf *b)
{
    for (size_t c = 0; c < rs->ncols; c++) {
        const sk_form_col *col = &rs->cols[c];
        sk_buf_printf(b, "%s%s\n", c ? "\n" : "", col->title[en]);
        for (size_t i = 0; sk_form_values[i]; i++) {
            const sk_form_cell *cell = rs->rows[i].present ? &rs->rows[i].cells[c] : NULL;
            const char *name = form_name(rs, i, en);
            size_t chars = 0;
            for (const char *p = name; *p; p++)
                chars += ((unsigned char)*p & 0xC0) != 0x80;
            sk_buf_printf(b, "  %s ", name);
            for (; chars < 34; chars++)
                sk_buf_putc(b, ' ');
            if (!cell) {
                sk_buf_puts(b, "–\n");
                continue;
            }
            cell_value(b, col, cell, en, FMT_TEXT);
            sk_buf_puts(b, "\n      ");
            cites(b, cell->cites, cell->ncites, en, FMT_TEXT);
            sk_buf_putc(b, '\n');
        }
    }
}

static void forms_md(const sk_ruleset *rs, int en, sk_buf *b)
{
    sk_buf_puts(b, "| | ");
    for (size_t i = 0; sk_form_values[i]; i++)
        sk_buf_printf(b, "%s | ", form_name(rs, i, en));
    sk_buf_puts(b, "\n|---|");
    for (size_t i = 0; sk_form_values[i]; i++)
        sk_buf_puts(b, "---|");
    sk_buf_putc(b, '\n');
    for (size_t c = 0; c < rs->ncols; c++) {
        const sk_form_col *col = &rs->cols[c];
        sk_buf_printf(b, "| **%s** | ", col->title[en]);
        for (size_t i = 0; sk_form_values[i]; i++) {
            const sk_form_cell *cell = rs->rows[i].present ? &rs->rows[i].cells[c] : NULL;
            if (cell) {
                cell_value(b, col, cell, en, FMT_MD);
                sk_buf_puts(b, "<br>");
                cites(b, cell->cites, cell->ncites, en, FMT_MD);
            }
            sk_buf_puts(b, " | ");
        }
        sk_buf_putc(b, '\n');
    }
}

/* The forms table for a screen or a printer: one card per form (eleven
 * columns do not fit a page), each row of the table a line of the card
 * with its value and citations; the cards flow into as many columns as
 * the width allows, and print one after another. */
static void forms_html(const sk_ruleset *rs, int en, sk_buf *b)
{
    sk_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     "<title>%s</title><style>"
                     "*{box-sizing:border-box}"
                     "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;padding:1rem 1.5rem;max-width:110rem;"
                     "color:#1b1f24}h1{font-size:1.5rem}"
                     ".forms{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}"
                     "section.form{border:1px solid #d0d4d9;border-radius:8px;padding:.6rem .9rem;background:#fff;"
                     "min-width:0}"
                     "section.form h2{font-size:1.15rem;margin:.1rem 0 .5rem;border-bottom:2px solid #d0d4d9}"
                     "dl{margin:0}dt{font-weight:600;margin-top:.45rem}dd{margin:0;overflow-wrap:anywhere}"
                     "dd small{display:block;color:#555;font-size:.82rem}"
                     "a{color:#0b57d0}"
                     "@page{size:A4;margin:15mm}"
                     "@media print{body{font-size:9.5pt;padding:0;max-width:none}.forms{display:block}"
                     "section.form{break-inside:avoid;border:0;border-top:1px solid #999;border-radius:0;"
                     "padding:.3rem 0;margin:0 0 .6rem}a{color:inherit;text-decoration:none}"
                     "dd small a[href]::after{content:' <' attr(href) '>';font-size:7.5pt;word-break:break-all}}"
                     "</style></head><body>\n<h1>%s</h1>\n<div class=\"forms\">\n",
                  en ? "en" : "sv", sk_ui(UI_COLLABORATION_FORMS, en),
                  sk_ui(UI_COLLABORATION_FORMS_COMPARED, en));
    for (size_t i = 0; sk_form_values[i]; i++) {
        sk_buf_printf(b, "<section class=\"form\" id=\"%s\">\n<h2>", sk_form_values[i]);
        esc(b, form_name(rs, i, en), FMT_HTML);
        sk_buf_puts(b, "</h2>\n<dl>\n");
        for (size_t c = 0; c < rs->ncols; c++) {
            const sk_form_col *col = &rs->cols[c];
            const sk_form_cell *cell = rs->rows[i].present ? &rs->rows[i].cells[c] : NULL;
            sk_buf_puts(b, "<dt>");
            esc(b, col->title[en], FMT_HTML);
            sk_buf_puts(b, "</dt><dd>");
            if (cell) {
                cell_value(b, col, cell, en, FMT_HTML);
                if (cell->ncites) {
                    sk_buf_puts(b, "<small>");
                    cites(b, cell->cites, cell->ncites, en, FMT_HTML);
                    sk_buf_puts(b, "</small>");
                }
            } else {
                sk_buf_puts(b, "\u2013");
            }
            sk_buf_puts(b, "</dd>\n");
        }
        sk_buf_puts(b, "</dl>\n</section>\n");
    }
    sk_buf_puts(b, "</div>\n</body></html>\n");
}

sk_rc sk_forms_write(const sk_ruleset *rs, const char *format, sk_lang lang, FILE *out)
{
    static const char *const names[] = {"text", "markdown", "html", NULL};
    int f = sk_values_find(names, format);
    if (f < 0)
        return SK_ENOTFOUND;
    int en = lang == SK_LANG_EN;
    sk_buf b;
    sk_buf_init(&b, 0);
    if (f == FMT_TEXT)
        forms_text(rs, en, &b);
    else if (f == FMT_MD)
        forms_md(rs, en, &b);
    else
        forms_html(rs, en, &b);
    fwrite(sk_buf_cstr(&b), 1, b.len, out);
    sk_buf_free(&b);
    return SK_OK;
}

/* ---- the legal basis -------------------------------------------------- */

static void validity(sk_buf *b, const sk_rule *r)
{
    char f[11] = "", t[11] = "";
    if (r->has_from)
        sk_date_format(r->valid_from, f);
    if (r->has_to)
        sk_date_format(r->valid_to, t);
    sk_buf_printf(b, "%s – %s", f, t);
}

void sk_legal_basis_write(const sk_ruleset *rs, FILE *out)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_buf_puts(&b, "## Samverkansformerna / The collaboration forms\n\n"
                    "Generated from `rules/forms.yaml` by `samkoll legal-basis`.\n\n");
    forms_md(rs, 0, &b);
    sk_buf_puts(&b, "\n## Regelkatalog / Rule catalogue\n\n"
                    "Generated from `rules/` by `samkoll legal-basis`. Basis: *lag* (statute), "
                    "*EU-rättspraxis*, *svensk rättspraxis*, *myndighetsvägledning* (official guidance), "
                    "*etablerad praxis* (established practice). A rule on practice or on a provision not "
                    "verified against the statute text only ever warns.\n");
    const char *area = "";
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        if (strcmp(area, r->area) != 0) {
            area = r->area;
            sk_buf_printf(&b, "\n### %s\n\n| regel / rule | allvarlighet | grund / basis | giltig / valid | lagrum och källor / citations |\n|---|---|---|---|---|\n", area);
        }
        sk_buf_printf(&b, "| `%s`<br>", r->id);
        esc(&b, r->title[0], FMT_MD);
        sk_buf_puts(&b, "<br>*");
        esc(&b, r->title[1], FMT_MD);
        sk_buf_printf(&b, "* | %s | %s%s | ", sk_status_name((sk_status)r->severity),
                      sk_basis_label((sk_basis)r->basis, 0), r->verified ? "" : " (ej verifierad / not verified)");
        validity(&b, r);
        sk_buf_puts(&b, " | ");
        cites(&b, r->cites, r->ncites, 0, FMT_MD);
        if (r->nexception_to) {
            sk_buf_puts(&b, "<br>undantag från / exception to: ");
            for (uint32_t k = 0; k < r->nexception_to; k++)
                sk_buf_printf(&b, "%s`%s`", k ? ", " : "", r->exception_to[k]);
        }
        sk_buf_puts(&b, " |\n");
    }
    fwrite(sk_buf_cstr(&b), 1, b.len, out);
    sk_buf_free(&b);
}
