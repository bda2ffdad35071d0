/* report_json.c - JSON (one document) and JSON Lines (one object per
 * case, written as each case is reported). Schema: docs/output-json.md. */
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

#define FORMAT_VERSION 1

static void kv_str(sk_buf *b, const char *k, const char *v, int comma)
{
    if (comma)
        sk_buf_putc(b, ',');
    sk_buf_putc(b, '"');
    sk_buf_puts(b, k);
    sk_buf_puts(b, "\":");
    if (v)
        sk_json_str(b, v);
    else
        sk_buf_puts(b, "null");
}

/* The citations in mask (bit i: c[i]); each says whether its provision
 * was checked against the statute text (null: it names no provision). */
static void citations(sk_buf *b, const sk_cite *c, uint32_t n, uint64_t mask, int en)
{
    sk_buf_puts(b, "[");
    int k = 0;
    for (uint32_t i = 0; i < n && i < SK_MAX_CITES; i++) {
        if (!(mask >> i & 1))
            continue;
        sk_buf_puts(b, k++ ? ",{" : "{");
        kv_str(b, "act", c[i].act->id, 0);
        kv_str(b, "text", c[i].text[en], 1);
        kv_str(b, "url", c[i].url, 1);
        sk_buf_puts(b, !c[i].key ? ",\"verified\":null" : c[i].pin ? ",\"verified\":true" : ",\"verified\":false");
        if (c[i].has_from || c[i].has_until) {
            char d[11];
            if (c[i].has_from) {
                sk_date_format(c[i].from, d);
                kv_str(b, "from", d, 1);
            }
            if (c[i].has_until) {
                sk_date_format(c[i].until, d);
                kv_str(b, "until", d, 1);
            }
        }
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "]");
}

/* certainty, its label and note; the judged date; `verified` as before
 * (true unless a provision shown is unchecked). */
static void certainty(sk_buf *b, const sk_finding *f, int en, sk_buf *tmp)
{
    sk_certainty c = (sk_certainty)f->certainty;
    sk_buf_puts(b, c == SK_CERT_PIN_UNVERIFIED ? ",\"verified\":false" : ",\"verified\":true");
    kv_str(b, "certainty", sk_certainty_names[c], 1);
    kv_str(b, "certainty_label", sk_certainty_label(c, en), 1);
    kv_str(b, "certainty_note", c == SK_CERT_CONTESTED ? f->rule->certainty_note[en] : NULL, 1);
    kv_str(b, "judged_at", sk_judged_at_names[f->rule->judged_at], 1);
    char d[11];
    sk_date_format(f->judged.day, d);
    sk_buf_puts(b, ",\"judged_date\":{");
    kv_str(b, "date", d, 0);
    kv_str(b, "source", sk_date_field_names[f->judged.source], 1);
    sk_buf_printf(b, ",\"fell_back\":%s}", f->judged.fell_back ? "true" : "false");
    (void)tmp;
}

static void fact(sk_buf *b, const sk_fact *f, sk_buf *tmp)
{
    sk_buf_clear(tmp);
    sk_fact_path(f, tmp);
    sk_buf_puts(b, "{");
    kv_str(b, "path", sk_buf_cstr(tmp), 0);
    char vb[64];
    const char *v = sk_fact_value(f, vb, sizeof vb);
    kv_str(b, "value", v, 1);
    int located = f->node && f->path->root != SK_ROOT_FORM &&
                  !(f->path->root == SK_ROOT_DATE && f->node->kind == SK_MAP);
    if (located && !f->missing) {
        kv_str(b, "file", f->node->file, 1);
        sk_buf_puts(b, ",\"line\":");
        sk_buf_uint(b, f->node->line);
        sk_buf_puts(b, ",\"column\":");
        sk_buf_uint(b, f->node->col);
    }
    sk_buf_puts(b, "}");
}

/* The case-independent parts of a finding of rule: 0 severity..title,
 * 1 all its citations. */
static void rule_part(sk_buf *b, const sk_rule *rule, int part, int en)
{
    if (part == 0) {
        kv_str(b, "severity", sk_status_name((sk_status)rule->severity), 1);
        kv_str(b, "basis", sk_basis_names[rule->basis], 1);
        kv_str(b, "title", rule->title[en], 1);
    } else {
        citations(b, rule->cites, rule->ncites, sk_cite_mask_all(rule), en);
    }
}

const char *sk_json_rule_part(const sk_report *r, const sk_rule *rule, int part)
{
    if (!r->rule_json)
        return NULL;
    _Atomic(char *) *slot = &r->rule_json[rule->index][part];
    char *s = atomic_load_explicit(slot, memory_order_acquire);
    if (s)
        return s;
    sk_buf b;
    sk_buf_init(&b, 0);
    rule_part(&b, rule, part, r->o.lang == SK_LANG_EN);
    if (b.failed || !b.data) {
        sk_buf_free(&b);
        return NULL;
    }
    char *expected = NULL;
    if (atomic_compare_exchange_strong_explicit(slot, &expected, b.data, memory_order_acq_rel,
                                                memory_order_acquire))
        return b.data;
    sk_buf_free(&b); /* another worker published it first */
    return expected;
}

static void finding(const sk_report *r, sk_buf *b, const sk_result *res, const sk_finding *f, sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_rule *rule = f->rule;
    sk_buf_puts(b, "{");
    kv_str(b, "rule", rule->id, 0);
    kv_str(b, "status", sk_status_name((sk_status)f->status), 1);
    const char *head = sk_json_rule_part(r, rule, 0);
    if (head)
        sk_buf_puts(b, head);
    else
        rule_part(b, rule, 0, en);
    certainty(b, f, en, tmp);
    sk_buf_clear(tmp);
    if (f->status == SK_ST_UNKNOWN)
        sk_finding_explanation(res, f, en, tmp);
    else if (f->status == SK_ST_ERROR)
        sk_buf_printf(tmp, "%s: %s", sk_reason_text(SK_R_RUNTIME_ERROR, en), f->error);
    else if (f->status == SK_ST_FAIL || f->status == SK_ST_WARN || f->status == SK_ST_WAIVED)
        sk_finding_message(res, f, en, tmp);
    kv_str(b, "message", tmp->len ? sk_buf_cstr(tmp) : NULL, 1);
    kv_str(b, "reason", f->reason ? sk_reason_text((sk_reason)f->reason, en) : NULL, 1);
    if (f->other)
        kv_str(b, f->reason == SK_R_SUPERSEDED ? "superseded_by" : "exception", f->other->id, 1);
    sk_buf_puts(b, ",\"citations\":");
    const char *all = f->cites == sk_cite_mask_all(rule) ? sk_json_rule_part(r, rule, 1) : NULL;
    if (all)
        sk_buf_puts(b, all);
    else
        citations(b, rule->cites, rule->ncites, f->cites, en);
    sk_buf_puts(b, ",\"facts\":[");
    int n = 0;
    for (uint16_t i = 0; i < f->nfacts; i++)
        if (!f->facts[i].missing) {
            if (n++)
                sk_buf_putc(b, ',');
            fact(b, &f->facts[i], tmp);
        }
    sk_buf_puts(b, "],\"missing\":");
    sk_json_missing(b, f, tmp);
    if (f->waiver) {
        const sk_node *reason = sk_map_get(f->waiver, "reason");
        const sk_node *by = sk_map_get(f->waiver, "decided_by");
        const sk_node *until = sk_map_get(f->waiver, "until");
        sk_buf_puts(b, ",\"waiver\":{");
        kv_str(b, "reason", reason && reason->kind == SK_SCALAR ? reason->u.s : NULL, 0);
        kv_str(b, "decided_by", by && by->kind == SK_SCALAR ? by->u.s : NULL, 1);
        kv_str(b, "until", until && until->kind == SK_SCALAR ? until->u.s : NULL, 1);
        sk_buf_printf(b, ",\"expired\":%s}", f->waiver_expired ? "true" : "false");
    }
    char fp[17];
    sk_finding_fingerprint(res, f, fp);
    kv_str(b, "fingerprint", fp, 1);
    sk_buf_puts(b, "}");
}

static void counts(sk_buf *b, const size_t *c)
{
    sk_buf_puts(b, "{");
    for (int s = 0; s < SK_ST__COUNT; s++) {
        if (s)
            sk_buf_putc(b, ',');
        sk_buf_putc(b, '"');
        sk_buf_puts(b, sk_status_name((sk_status)s));
        sk_buf_puts(b, "\":");
        sk_buf_uint(b, c[s]);
    }
    sk_buf_puts(b, "}");
}

/* brief (JSON Lines, where a library's output must stay small): findings
 * that do not apply are left out (the counts have them), findings that
 * pass are {rule, status}, unknown ones {rule, status, missing}; fail,
 * warn, waived and error findings are written in full. */
static void brief_finding(sk_buf *b, const sk_finding *f, sk_buf *tmp)
{
    sk_buf_puts(b, "{\"rule\":\"");
    sk_buf_puts(b, f->rule->id);
    sk_buf_puts(b, "\",\"status\":\"");
    sk_buf_puts(b, sk_status_name((sk_status)f->status));
    sk_buf_putc(b, '"');
    if (f->status == SK_ST_UNKNOWN) {
        sk_buf_puts(b, ",\"missing\":");
        sk_json_missing(b, f, tmp);
    }
    sk_buf_putc(b, '}');
}

static void case_object(const sk_report *r, const sk_result *res, sk_buf *b, int brief)
{
    const sk_case *c = res->c;
    char date[11];
    sk_date_format(c->date, date);
    sk_buf_puts(b, "{");
    kv_str(b, "id", c->id, 0);
    kv_str(b, "file", c->file, 1);
    sk_buf_puts(b, ",\"line\":");
    sk_buf_uint(b, c->line);
    kv_str(b, "title", c->title, 1);
    kv_str(b, "form", sk_form_values[c->form], 1);
    kv_str(b, "date", date, 1);
    kv_str(b, "worst", sk_status_name((sk_status)res->worst), 1);
    sk_buf_puts(b, ",\"counts\":");
    counts(b, res->counts);
    sk_buf_puts(b, ",\"findings\":[");
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    int n = 0;
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        int full = f->status != SK_ST_PASS && f->status != SK_ST_NOT_APPLICABLE &&
                   (!brief || f->status != SK_ST_UNKNOWN || f->waiver);
        if ((r->o.quiet || brief) && f->status == SK_ST_NOT_APPLICABLE)
            continue;
        if (r->o.quiet && f->status == SK_ST_PASS)
            continue;
        if (n++)
            sk_buf_putc(b, ',');
        if (brief && !full)
            brief_finding(b, f, &tmp);
        else
            finding(r, b, res, f, &tmp);
    }
    sk_buf_free(&tmp);
    sk_buf_puts(b, "]}");
}

static void error_object(sk_buf *b, const sk_input_error *e)
{
    sk_buf_puts(b, "{");
    kv_str(b, "file", e->file, 0);
    sk_buf_printf(b, ",\"line\":%u,\"diagnostics\":[", e->line);
    for (size_t i = 0; i < e->diags.count; i++) {
        const sk_diag *g = &e->diags.items[i];
        sk_buf_puts(b, i ? ",{" : "{");
        kv_str(b, "file", g->file, 0);
        sk_buf_printf(b, ",\"line\":%u,\"column\":%u", g->line, g->col);
        kv_str(b, "message", g->message, 1);
        kv_str(b, "suggestion", g->hint, 1);
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "]}");
}

static void header(const sk_report *r, sk_buf *b)
{
    char date[11];
    sk_date_format(r->o.run_date, date);
    sk_buf_printf(b, "\"format\":\"samkoll-check\",\"format_version\":%d", FORMAT_VERSION);
    sk_buf_puts(b, ",\"tool\":{\"name\":\"samkoll\",\"version\":\"" SK_VERSION "\"}");
    sk_buf_printf(b, ",\"ruleset\":{\"rules\":%zu,\"sha256\":\"%s\"}", sk_ruleset_count(r->rs),
                  sk_ruleset_hash(r->rs));
    kv_str(b, "date", date, 1);
    kv_str(b, "lang", sk_ui(UI_LANG, r->o.lang == SK_LANG_EN), 1);
}

static void summary(const sk_report *r, sk_buf *b)
{
    sk_buf_printf(b, "\"summary\":{\"cases\":%zu,\"input_errors\":%zu,\"cases_by_worst\":",
                  r->ncases, r->nerrors);
    counts(b, r->worst);
    sk_buf_puts(b, ",\"findings\":");
    counts(b, r->counts);
    sk_buf_puts(b, "}");
}

/* ---- json: one document ---- */

static void j_begin(sk_report *r, sk_buf *b)
{
    sk_buf_puts(b, "{");
    header(r, b);
    sk_buf_puts(b, ",\"cases\":[\n");
}

static void j_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    case_object(r, res, b, 0);
}

static void j_end(sk_report *r, sk_buf *b)
{
    sk_buf_puts(b, "\n],\"errors\":[");
    for (size_t i = 0; i < r->nerrs; i++) {
        if (i)
            sk_buf_puts(b, ",\n");
        error_object(b, &r->errs[i]);
    }
    sk_buf_puts(b, "],");
    summary(r, b);
    sk_buf_puts(b, "}\n");
}

const sk_writer sk_writer_json = {"json", j_begin, j_case, NULL, ",\n", j_end, NULL};

/* ---- jsonl: one object per line ---- */

static void l_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    sk_buf_puts(b, "{\"type\":\"case\",\"case\":");
    case_object(r, res, b, 1);
    sk_buf_puts(b, "}\n");
}

static void l_error(const sk_report *r, const sk_input_error *e, sk_buf *b)
{
    (void)r;
    sk_buf_puts(b, "{\"type\":\"error\",\"error\":");
    error_object(b, e);
    sk_buf_puts(b, "}\n");
}

static void l_end(sk_report *r, sk_buf *b)
{
    sk_buf_puts(b, "{\"type\":\"summary\",");
    header(r, b);
    sk_buf_putc(b, ',');
    summary(r, b);
    sk_buf_puts(b, "}\n");
}

const sk_writer sk_writer_jsonl = {"jsonl", NULL, l_case, l_error, "", l_end, NULL};
