/* catalog.c - the forms table and the rule catalogue as documents. */
#include "samkoll/catalog.h"

#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

typedef enum { FMT_TEXT, FMT_MD, FMT_HTML, FMT_JSON } fmt;

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
                  sk_ui(UI_LANG, en), sk_ui(UI_COLLABORATION_FORMS, en),
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

static void json_cell_value(sk_buf *b, const sk_form_col *col, const sk_node *v, int en)
{
    if (!v) {
        sk_buf_puts(b, "\"value\":null");
        return;
    }
    if (col->type == SK_COL_BOOL) {
        sk_buf_puts(b, v->v.b ? "\"value\":true" : "\"value\":false");
        return;
    }
    if (col->type != SK_COL_LIST) {
        sk_buf_puts(b, "\"value\":");
        sk_json_str(b, v->u.s);
        sk_buf_puts(b, ",\"label\":");
        sk_json_str(b, col->type == SK_COL_ENUM ? label(col, v->u.s, en) : v->u.s);
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        sk_buf_puts(b, pass ? ",\"label\":[" : "\"value\":[");
        for (uint32_t i = 0; i < v->len; i++) {
            sk_buf_puts(b, i ? "," : "");
            sk_json_str(b, pass ? label(col, v->u.items[i]->u.s, en) : v->u.items[i]->u.s);
        }
        sk_buf_putc(b, ']');
    }
}

/* The forms table as JSON: the columns, then per form its name and per
 * column the value (with its label) and the citations. */
static void forms_json(const sk_ruleset *rs, int en, sk_buf *b)
{
    sk_buf_printf(b, "{\"samkoll_forms\":1,\"lang\":\"%s\",\"columns\":[", sk_ui(UI_LANG, en));
    for (size_t c = 0; c < rs->ncols; c++) {
        sk_buf_puts(b, c ? ",{\"key\":" : "{\"key\":");
        sk_json_str(b, rs->cols[c].key);
        sk_buf_puts(b, ",\"title\":");
        sk_json_str(b, rs->cols[c].title[en]);
        sk_buf_putc(b, '}');
    }
    sk_buf_puts(b, "],\"forms\":[");
    for (size_t i = 0; sk_form_values[i]; i++) {
        sk_buf_puts(b, i ? ",\n{\"form\":" : "\n{\"form\":");
        sk_json_str(b, sk_form_values[i]);
        sk_buf_puts(b, ",\"name\":");
        sk_json_str(b, form_name(rs, i, en));
        sk_buf_puts(b, ",\"cells\":{");
        for (size_t c = 0; rs->rows[i].present && c < rs->ncols; c++) {
            const sk_form_cell *cell = &rs->rows[i].cells[c];
            sk_buf_puts(b, c ? "," : "");
            sk_json_str(b, rs->cols[c].key);
            sk_buf_putc(b, ':');
            sk_buf_putc(b, '{');
            json_cell_value(b, &rs->cols[c], cell->value, en);
            sk_buf_puts(b, ",\"citations\":");
            sk_json_cites(b, cell->cites, cell->ncites, en);
            sk_buf_putc(b, '}');
        }
        sk_buf_puts(b, "}}");
    }
    sk_buf_puts(b, "]}\n");
}

sk_rc sk_forms_write(const sk_ruleset *rs, const char *format, sk_lang lang, FILE *out)
{
    static const char *const names[] = {"text", "markdown", "html", "json", NULL};
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
    else if (f == FMT_JSON)
        forms_json(rs, en, &b);
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

/* One rule citation for the catalogue: the link, its date window when it
 * is date-bound or its act has one, and where its provision was checked. */
static void catalog_cite(sk_buf *b, const sk_cite *c)
{
    sk_buf_puts(b, "[");
    esc(b, c->text[0], FMT_MD);
    sk_buf_printf(b, "](%s)", c->url);
    int32_t wf, wu;
    sk_cite_window(c, &wf, &wu);
    if (wf != SK_DAY_MIN || wu != SK_DAY_MAX) {
        char f[11] = "", t[11] = "";
        if (wf != SK_DAY_MIN)
            sk_date_format(wf, f);
        if (wu != SK_DAY_MAX)
            sk_date_format(wu, t);
        sk_buf_printf(b, " (%s – %s)", f, t);
    }
    if (c->pin) {
        char on[11];
        sk_date_format(c->pin->on, on);
        sk_buf_printf(b, " — kontrollerad / checked %s [%s](%s)", on, c->pin->cite, c->pin->source);
        if (c->pin->note) {
            sk_buf_puts(b, ": ");
            esc(b, c->pin->note, FMT_MD);
        }
    } else if (c->unpin) {
        sk_buf_puts(b, " — **ej kontrollerad / not checked**: ");
        esc(b, c->unpin->reason[0], FMT_MD);
        sk_buf_puts(b, " / *");
        esc(b, c->unpin->reason[1], FMT_MD);
        sk_buf_puts(b, "*");
    } else if (c->key) {
        sk_buf_puts(b, " — **ej kontrollerad / not checked**");
    }
}

static const char policy[] =
    "**Allvarlighetsgrad (svenska).** `fail` betyder att de angivna fakta bryter mot en tvingande "
    "bestämmelse, eller att ett undantag åberopas vars villkor inte är uppfyllda. `warn` betyder en "
    "rättslig risk, en omstridd rättsfråga eller att etablerad god praxis inte följs. `unknown` betyder "
    "att ett avgörande faktum inte anges; ett faktum som inte anges ger aldrig `warn` eller `fail`, utom "
    "där regeln uttryckligen förklarar att frånvaron i sig är överträdelsen (`absence_is_breach`). "
    "Allvarlighetsgraden följer enbart den rättsliga följden. Hur säkra vi är på rättsläget visas för sig: "
    "*Rättsläget: klart*, *Rättsläget: omstritt* (med källa till vad som är omstritt) eller *lagrummet ej "
    "kontrollerat* (ett lagrum som regeln hänvisar till är inte kontrollerat mot lagtexten); det sänker "
    "aldrig allvarlighetsgraden. Varje regel bedöms per ett av ärendets datum (beslutsdatum, startdatum "
    "eller bedömningsdatum) och hänvisar till de lagrum som gällde då.\n\n"
    "**Severity (English).** `fail` means the stated facts breach a mandatory provision, or an exemption "
    "is relied on whose conditions are not met. `warn` means a legal risk, a contested point of law, or "
    "established good practice not followed. `unknown` means a deciding fact is not stated; a fact that "
    "is not stated never yields `warn` or `fail`, except where the rule expressly explains that the "
    "absence itself is the breach (`absence_is_breach`). Severity follows the legal consequence alone. "
    "How sure we are of the law is shown separately: *settled*, *contested* (with a source for what is "
    "contested) or *pin-cite unverified* (a provision the rule cites has not been checked against the "
    "statute text); it never lowers the severity. Each rule is judged at one of the case's dates (the "
    "decision, the start or the assessment date) and cites the provisions in force then.\n";

/* The statutes: when each was in force and which provisions were checked
 * against the text (where, when) or left unchecked (why). */
static void acts_md(const sk_ruleset *rs, sk_buf *b)
{
    sk_buf_puts(b, "\n## Författningar / Statutes\n\n"
                   "Generated from `rules/acts.yaml`. *i kraft / in force*: the days the act was in "
                   "force (blank: not recorded); *kontrollerade lagrum / checked provisions*: where and "
                   "when each provision was checked against the statute text; *ej kontrollerade / not "
                   "checked*: provisions knowingly left unchecked, with the reason.\n\n"
                   "| författning / statute | i kraft / in force | kontrollerade lagrum / checked provisions "
                   "| ej kontrollerade / not checked |\n|---|---|---|---|\n");
    for (size_t i = 0; i < rs->nacts; i++) {
        const sk_act *a = &rs->acts[i];
        if (a->kind != SK_ACT_STATUTE)
            continue;
        sk_buf_printf(b, "| `%s` ", a->id);
        esc(b, a->name[0], FMT_MD);
        if (a->sfs)
            sk_buf_printf(b, " (%s)", a->sfs);
        sk_buf_puts(b, " | ");
        if (a->has_in_force) {
            char f[11], t[11] = "";
            sk_date_format(a->in_force_from, f);
            if (a->in_force_to != SK_DAY_MAX)
                sk_date_format(a->in_force_to, t);
            sk_buf_printf(b, "%s – %s", f, t);
        }
        sk_buf_puts(b, " | ");
        for (uint32_t k = 0; k < a->nverified; k++) {
            const sk_pin *p = &a->verified[k];
            char on[11];
            sk_date_format(p->on, on);
            sk_buf_printf(b, "%s[%s](%s) %s", k ? "<br>" : "", p->cite, p->source, on);
            if (p->note) {
                sk_buf_puts(b, ": ");
                esc(b, p->note, FMT_MD);
            }
        }
        sk_buf_puts(b, " | ");
        for (uint32_t k = 0; k < a->nunverified; k++) {
            const sk_pin *p = &a->unverified[k];
            sk_buf_printf(b, "%s%s: ", k ? "<br>" : "", p->cite);
            esc(b, p->reason[0], FMT_MD);
            sk_buf_puts(b, " / *");
            esc(b, p->reason[1], FMT_MD);
            sk_buf_puts(b, "*");
        }
        sk_buf_puts(b, " |\n");
    }
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
                    "*etablerad praxis* (established practice). Each citation says where its provision "
                    "was checked against the statute text (`rules/acts.yaml`).\n\n");
    sk_buf_puts(&b, policy);
    const char *area = "";
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        if (strcmp(area, r->area) != 0) {
            area = r->area;
            sk_buf_printf(&b, "\n### %s\n\n| regel / rule | allvarlighet / severity | rättsläge / certainty "
                              "| grund / basis | bedöms per / judged at | giltig / valid "
                              "| lagrum och källor / citations |\n|---|---|---|---|---|---|---|\n", area);
        }
        sk_buf_printf(&b, "| `%s`<br>", r->id);
        esc(&b, r->title[0], FMT_MD);
        sk_buf_puts(&b, "<br>*");
        esc(&b, r->title[1], FMT_MD);
        sk_certainty cert = sk_rule_certainty(r, sk_cite_mask_all(r));
        sk_buf_printf(&b, "* | %s | %s / %s", sk_status_name((sk_status)r->severity),
                      sk_certainty_label(cert, 0), sk_certainty_label(cert, 1));
        if (cert == SK_CERT_CONTESTED) {
            sk_buf_puts(&b, ": ");
            esc(&b, r->certainty_note[0], FMT_MD);
            sk_buf_puts(&b, " / *");
            esc(&b, r->certainty_note[1], FMT_MD);
            sk_buf_puts(&b, "*");
        }
        sk_buf_printf(&b, " | %s | %s | ", sk_basis_label((sk_basis)r->basis, 0),
                      sk_judged_at_names[r->judged_at]);
        validity(&b, r);
        sk_buf_puts(&b, " | ");
        for (uint32_t k = 0; k < r->ncites; k++) {
            sk_buf_puts(&b, k ? "<br>" : "");
            catalog_cite(&b, &r->cites[k]);
        }
        if (r->nexception_to) {
            sk_buf_puts(&b, "<br>undantag från / exception to: ");
            for (uint32_t k = 0; k < r->nexception_to; k++)
                sk_buf_printf(&b, "%s`%s`", k ? ", " : "", r->exception_to[k]);
        }
        if (r->absence_note[0]) {
            sk_buf_puts(&b, "<br>frånvaron är överträdelsen / absence is the breach: ");
            esc(&b, r->absence_note[0], FMT_MD);
            sk_buf_puts(&b, " / *");
            esc(&b, r->absence_note[1], FMT_MD);
            sk_buf_puts(&b, "*");
        }
        sk_buf_puts(&b, " |\n");
    }
    acts_md(rs, &b);
    fwrite(sk_buf_cstr(&b), 1, b.len, out);
    sk_buf_free(&b);
}
