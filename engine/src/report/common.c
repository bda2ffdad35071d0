/* common.c - what every writer shares: status and reason labels, the
 * display order of findings, the texts of a finding (explanation, message,
 * question), its locus, and the library summary's lookups. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/diag.h"
#include "report/report_int.h"
#include "base/ui.h"

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
        [SK_R_OUT_OF_VALIDITY] = {"datumet som regeln bedöms per ligger utanför regelns giltighetstid",
                                  "the date the rule is judged at is outside the rule's period of validity"},
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
    /* stable counting sort by status, the highest first: one pass to
     * count, one to place */
    size_t at[SK_ST__COUNT + 1] = {0};
    for (size_t i = 0; i < res->n; i++)
        if (res->findings[i].status < SK_ST__COUNT)
            at[res->findings[i].status]++;
    size_t k = 0;
    for (int s = SK_ST__COUNT - 1; s >= 0; s--) {
        size_t n = at[s];
        at[s] = k;
        k += n;
    }
    for (size_t i = 0; i < res->n; i++)
        if (res->findings[i].status < SK_ST__COUNT)
            out[at[res->findings[i].status]++] = &res->findings[i];
}

size_t sk_report_form_cases(const sk_report *r, int form)
{
    size_t n = 0;
    for (int s = 0; s < SK_ST__COUNT; s++)
        n += r->form_worst[form][s];
    return n;
}

int sk_missing_path_once(const sk_fact *fact, sk_buf *seen, sk_buf *path)
{
    if (!seen->len)
        sk_buf_putc(seen, '\n');
    sk_buf_clear(path);
    sk_buf_putc(path, '\n');
    sk_fact_path(fact, path);
    sk_buf_putc(path, '\n');
    if (strstr(sk_buf_cstr(seen), sk_buf_cstr(path)))
        return 0;
    sk_buf_append(seen, path->data + 1, path->len - 1);
    return 1;
}

void sk_report_flush(sk_report *r)
{
    if (r->out.failed)
        r->io_error = true;
    sk_report_write(r, r->out.data, r->out.len);
    sk_buf_clear(&r->out);
}

void sk_report_write(sk_report *r, const char *p, size_t n)
{
    FILE *f = r->body ? r->body : r->f;
    if (n && fwrite(p, 1, n, f) != n)
        r->io_error = true;
}

void sk_finding_explanation(const sk_result *res, const sk_finding *f, int lang, sk_buf *b)
{
    (void)res;
    if (f->status == SK_ST_UNKNOWN && f->nmissing) {
        sk_buf_puts(b, sk_ui(UI_CANNOT_BE_DECIDED_THE_CASE, lang == SK_LANG_EN));
        for (uint16_t i = 0; i < f->nmissing; i++) {
            if (i)
                sk_buf_puts(b, ", ");
            sk_fact_path(&f->missing[i], b);
        }
        sk_buf_putc(b, '.');
    }
}

void sk_finding_text(const sk_result *res, const sk_finding *f, int lang, sk_buf *b)
{
    int en = lang == SK_LANG_EN;
    switch ((sk_status)f->status) {
    case SK_ST_UNKNOWN:
        sk_finding_explanation(res, f, en, b);
        if (f->reason == SK_R_EXCEPTION_UNKNOWN && f->other)
            sk_buf_printf(b, "%s(%s: %s)", b->len ? " " : "",
                          sk_reason_text(SK_R_EXCEPTION_UNKNOWN, en), f->other->id);
        break;
    case SK_ST_ERROR:
        sk_buf_printf(b, "%s: %s", sk_reason_text(SK_R_RUNTIME_ERROR, en),
                      f->error ? f->error : "?");
        break;
    case SK_ST_FAIL:
    case SK_ST_WARN:
    case SK_ST_WAIVED:
        sk_finding_message(res, f, en, b);
        break;
    case SK_ST_NOT_APPLICABLE:
        sk_buf_puts(b, sk_reason_text((sk_reason)f->reason, en));
        if (f->reason == SK_R_SUPERSEDED && f->other)
            sk_buf_printf(b, " %s", f->other->id);
        break;
    case SK_ST_PASS: /* a pass says nothing */
    case SK_ST__COUNT:
        break;
    }
}

const sk_node *sk_finding_locus(const sk_finding *f)
{
    /* best: a stated value (not a list or map) other than the case's form
     * and date, which say little about where to look */
    const sk_node *best[3] = {NULL, NULL, NULL};
    for (uint16_t i = 0; i < f->nfacts; i++) {
        const sk_fact *fa = &f->facts[i];
        const sk_node *n = fa->node;
        if (fa->missing || !n || fa->path->root == SK_ROOT_FORM || fa->path->root == SK_ROOT_DATE ||
            !n->file || !n->line)
            continue;
        int context = n->parent && !n->parent->parent && n->parent->kind == SK_MAP &&
                      (!strcmp(n->parent->u.pairs[n->index].key->u.s, "form") ||
                       !strcmp(n->parent->u.pairs[n->index].key->u.s, "date"));
        int rank = context ? 2 : n->kind == SK_SCALAR ? 0 : 1;
        if (!best[rank])
            best[rank] = n;
    }
    return best[0] ? best[0] : best[1] ? best[1] : best[2];
}

const char *sk_waiver_get(const sk_finding *f, const char *key)
{
    const sk_node *n = f->waiver ? sk_map_get(f->waiver, key) : NULL;
    return n && n->kind == SK_SCALAR ? n->u.s : NULL;
}

const sk_field *sk_fact_field(const sk_fact *f)
{
    const sk_path *p = f->path;
    if (!p || !p->nsteps || p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE)
        return NULL;
    const sk_step *s = &p->steps[p->nsteps - 1];
    return s->schema && s->field >= 0 && (size_t)s->field < s->schema->count
               ? &s->schema->fields[s->field] : NULL;
}

void sk_missing_question(const sk_fact *m, int lang, sk_buf *b)
{
    const sk_field *fd = sk_fact_field(m);
    if (lang == SK_LANG_EN)
        sk_buf_printf(b, "Is \u201c%s\u201d stated?", fd ? fd->en : m->path->text);
    else
        sk_buf_printf(b, "Är \u201d%s\u201d angivet?", fd ? fd->sv : m->path->text);
}

void sk_rule_validity(const sk_rule *r, sk_buf *b)
{
    char f[11] = "", t[11] = "";
    if (r->has_from)
        sk_date_format(r->valid_from, f);
    if (r->has_to)
        sk_date_format(r->valid_to, t);
    sk_buf_printf(b, "%s\u2013%s", f, t);
}

int sk_report_rule_notable(const sk_report *r, size_t rule)
{
    const size_t *c = r->rule_counts ? r->rule_counts[rule] : NULL;
    return c && (c[SK_ST_FAIL] || c[SK_ST_WARN] || c[SK_ST_UNKNOWN] || c[SK_ST_ERROR] ||
                 c[SK_ST_WAIVED]);
}

const char *sk_form_label(const sk_report *r, int form)
{
    const sk_form_row *row = form >= 0 && form < 16 ? &r->rs->rows[form] : NULL;
    const char *name = row && row->present ? row->name[r->o.lang == SK_LANG_EN] : NULL;
    return name ? name : sk_form_value_label(r, form);
}

const char *sk_form_value_label(const sk_report *r, int form)
{
    const char *code = sk_form_values[form];
    const char *label = sk_value_label("form", code, r->o.lang);
    return label ? label : code;
}

/* ---- certainty, the judged date and the citations valid then ---------- */

void sk_certainty_line(const sk_finding *f, int lang, sk_buf *b)
{
    static const char *const full[SK_CERT__COUNT][2] = {
        {"Rättsläget: klart", "Certainty: settled"},
        {"Rättsläget: omstritt", "Certainty: contested"},
        {"Lagrummet ej kontrollerat", "Certainty: pin-cite unverified"},
    };
    int en = lang ? 1 : 0;
    sk_buf_puts(b, full[f->certainty][en]);
    if (f->certainty == SK_CERT_CONTESTED && f->rule->certainty_note[en])
        sk_buf_printf(b, " \u2013 %s", f->rule->certainty_note[en]);
}

int sk_judged_notable(const sk_finding *f)
{
    return f->rule->judged_at != SK_AT_ASSESSMENT || f->judged.fell_back;
}

void sk_judged_text(const sk_finding *f, int lang, sk_buf *b)
{
    /* ORDER: sk_date_field */
    static const char *const which[3][2] = {
        {"beslutsdatumet", "the decision date"},
        {"startdatumet", "the start date"},
        {"bedömningsdatumet", "the assessment date"},
    };
    static const char *const wanted[SK_AT__COUNT][2] = {
        {"beslutsdatum (decided) anges inte", "the decision date (decided) is not stated"},
        {"startdatum (starts) anges inte", "the start date (starts) is not stated"},
        {"", ""},
    };
    int en = lang ? 1 : 0;
    char d[11];
    sk_date_format(f->judged.day, d);
    sk_buf_printf(b, "%s %s", which[f->judged.source][en], d);
    if (f->judged.fell_back)
        sk_buf_printf(b, " (%s)", wanted[f->rule->judged_at][en]);
}

int sk_finding_cite(const sk_finding *f, uint32_t i)
{
    return i < SK_MAX_CITES && (f->cites >> i & 1);
}
