/* report_json.c - JSON (one document) and JSON Lines (one object per
 * case, written as each case is reported). Schema: docs/output-json.md. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

#define FORMAT_VERSION 1

/* K: a string literal holding the separator, the quoted key and the colon
 * (",\"title\":"), copied as it is. KV_STR: a JSON string or null.
 * KV_PLAIN: a value that needs no escaping, copied between quotes: only
 * for enum names, dates, rule ids (the rule compiler admits [a-z0-9.-])
 * and hex digits (unit test json.enum_names_need_no_escaping). */
#define KV_STR(b, K, v) kv_str((b), K, sizeof K - 1, (v))
#define KV_PLAIN(b, K, v) kv_plain((b), K "\"", sizeof K, (v))
#define PUT_LIT(b, K) sk_buf_append((b), K, sizeof K - 1)

static inline void kv_str(sk_buf *b, const char *k, size_t klen, const char *v)
{
    sk_buf_append(b, k, klen);
    if (v)
        sk_json_str(b, v);
    else
        PUT_LIT(b, "null");
}

static inline void kv_plain(sk_buf *b, const char *k, size_t klen, const char *v)
{
    sk_buf_append(b, k, klen);
    size_t n = strlen(v);
    char *d = sk_buf_extend(b, n + 1);
    if (d) {
        memcpy(d, v, n);
        d[n] = '"';
    }
}

/* ,"status":"<name>" of each status, as sk_status_name names it (unit
 * test json.status_parts_match_the_names); the name with its quotes
 * starts at STATUS_NAME_AT. */
#define STATUS_NAME_AT (sizeof ",\"status\":" - 1)
#define ST_PART(s, name) [s] = {",\"status\":\"" name "\"", sizeof ",\"status\":\"" name "\"" - 1}
static const struct status_part {
    const char *text;
    size_t len;
} status_parts[SK_ST__COUNT] = {
    ST_PART(SK_ST_NOT_APPLICABLE, "not_applicable"), ST_PART(SK_ST_PASS, "pass"),
    ST_PART(SK_ST_WAIVED, "waived"), ST_PART(SK_ST_UNKNOWN, "unknown"),
    ST_PART(SK_ST_WARN, "warn"), ST_PART(SK_ST_FAIL, "fail"), ST_PART(SK_ST_ERROR, "error"),
};

const char *sk_json_status_part(sk_status s, size_t *len)
{
    if ((unsigned)s >= SK_ST__COUNT) {
        *len = 0;
        return NULL;
    }
    *len = status_parts[s].len;
    return status_parts[s].text;
}

/* ,"status":"<name>" of a finding's status */
static void status_kv(sk_buf *b, unsigned s)
{
    size_t n;
    const char *part = sk_json_status_part((sk_status)s, &n);
    if (part)
        sk_buf_append(b, part, n);
    else
        KV_PLAIN(b, ",\"status\":", sk_status_name((sk_status)s));
}

/* One citation as ",{...}"; it says whether its provision was checked
 * against the statute text (null: it names no provision). */
static void cite_object(sk_buf *b, const sk_cite *c, int en)
{
    KV_STR(b, ",{\"act\":", c->act->id);
    KV_STR(b, ",\"text\":", c->text[en]);
    KV_STR(b, ",\"url\":", c->url);
    if (!c->key)
        PUT_LIT(b, ",\"verified\":null");
    else if (c->pin)
        PUT_LIT(b, ",\"verified\":true");
    else
        PUT_LIT(b, ",\"verified\":false");
    char d[11];
    if (c->has_from) {
        sk_date_format(c->from, d);
        KV_PLAIN(b, ",\"from\":", d);
    }
    if (c->has_until) {
        sk_date_format(c->until, d);
        KV_PLAIN(b, ",\"until\":", d);
    }
    sk_buf_putc(b, '}');
}

/* ,"verified" .. ,"judged_at":"<name>","judged_date":{"date":" of a
 * finding of the rule with certainty c */
static void certainty_part(sk_buf *b, const sk_rule *rule, sk_certainty c, int en)
{
    if (c == SK_CERT_PIN_UNVERIFIED)
        PUT_LIT(b, ",\"verified\":false");
    else
        PUT_LIT(b, ",\"verified\":true");
    KV_PLAIN(b, ",\"certainty\":", sk_certainty_names[c]);
    KV_STR(b, ",\"certainty_label\":", sk_certainty_label(c, en));
    KV_STR(b, ",\"certainty_note\":", c == SK_CERT_CONTESTED ? rule->certainty_note[en] : NULL);
    KV_PLAIN(b, ",\"judged_at\":", sk_judged_at_names[rule->judged_at]);
    PUT_LIT(b, ",\"judged_date\":{\"date\":\"");
}

/* The parts of a rule's JSON findings that do not depend on the case,
 * rendered once per report: severity..title (text[0..head)), then each
 * citation i as ",{...}" (text[off[i]..off[i+1])), then for each
 * certainty c its part (text[off[n + c]..off[n + c + 1])). */
struct sk_rule_json {
    char *text;
    uint64_t fp_rule; /* the fingerprint's hash of the rule id */
    uint32_t head, n;
    uint32_t off[SK_MAX_CITES + SK_CERT__COUNT + 1];
};

static bool rule_json_build(sk_rule_json *j, const sk_rule *rule, int en)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    KV_PLAIN(&b, ",\"severity\":", sk_status_name((sk_status)rule->severity));
    KV_PLAIN(&b, ",\"basis\":", sk_basis_names[rule->basis]);
    KV_STR(&b, ",\"title\":", rule->title[en]);
    j->head = (uint32_t)b.len;
    j->fp_rule = sk_fingerprint_rule(rule->id);
    j->n = rule->ncites < SK_MAX_CITES ? rule->ncites : SK_MAX_CITES;
    for (uint32_t i = 0; i < j->n; i++) {
        j->off[i] = (uint32_t)b.len;
        cite_object(&b, &rule->cites[i], en);
    }
    for (uint32_t c = 0; c < SK_CERT__COUNT; c++) {
        j->off[j->n + c] = (uint32_t)b.len;
        certainty_part(&b, rule, (sk_certainty)c, en);
    }
    j->off[j->n + SK_CERT__COUNT] = (uint32_t)b.len;
    j->text = b.data;
    if (b.failed || !b.data) {
        sk_buf_free(&b);
        return false;
    }
    return true;
}

void sk_json_rule_free(sk_rule_json *j)
{
    if (j)
        free(j->text);
    free(j);
}

const sk_rule_json *sk_json_rule(const sk_report *r, const sk_rule *rule)
{
    if (!r->rule_json)
        return NULL;
    _Atomic(sk_rule_json *) *slot = &r->rule_json[rule->index];
    sk_rule_json *j = atomic_load_explicit(slot, memory_order_acquire);
    if (j)
        return j;
    j = malloc(sizeof *j);
    if (!j || !rule_json_build(j, rule, r->o.lang == SK_LANG_EN)) {
        free(j);
        return NULL;
    }
    sk_rule_json *expected = NULL;
    if (atomic_compare_exchange_strong_explicit(slot, &expected, j, memory_order_acq_rel,
                                                memory_order_acquire))
        return j;
    sk_json_rule_free(j); /* another worker published it first */
    return expected;
}

/* The citations in mask (bit i: citation i) as a JSON array. */
static void citations(sk_buf *b, const sk_rule_json *j, uint64_t mask)
{
    sk_buf_putc(b, '[');
    uint64_t all = j->n < 64 ? (UINT64_C(1) << j->n) - 1 : ~UINT64_C(0);
    if (j->n && (mask & all) == all) {
        /* all of them: one copy, without the first one's comma */
        sk_buf_append(b, j->text + j->off[0] + 1, j->off[j->n] - j->off[0] - 1);
    } else {
        int k = 0;
        for (uint32_t i = 0; i < j->n; i++)
            if (mask >> i & 1) {
                uint32_t from = j->off[i] + (k++ ? 0 : 1);
                sk_buf_append(b, j->text + from, j->off[i + 1] - from);
            }
    }
    sk_buf_putc(b, ']');
}

/* A date as text, kept while the next one is the same (a finding is
 * mostly judged at the case's date). */
typedef struct day_text {
    int32_t day;
    char text[11];
} day_text;

/* certainty, its label and note (the rule's part for the finding's
 * certainty); the judged date; `verified` as before (true unless a
 * provision shown is unchecked). */
static void certainty(sk_buf *b, const sk_finding *f, const sk_rule_json *j, day_text *dt)
{
    unsigned c = f->certainty < SK_CERT__COUNT ? f->certainty : SK_CERT_SETTLED;
    sk_buf_append(b, j->text + j->off[j->n + c], j->off[j->n + c + 1] - j->off[j->n + c]);
    if (f->judged.day != dt->day) {
        dt->day = f->judged.day;
        sk_date_format(dt->day, dt->text);
    }
    sk_buf_append(b, dt->text, 10);
    KV_PLAIN(b, "\",\"source\":", sk_date_field_names[f->judged.source]);
    if (f->judged.fell_back)
        PUT_LIT(b, ",\"fell_back\":true}");
    else
        PUT_LIT(b, ",\"fell_back\":false}");
}

/* h with the fact's path added, the path written into tmp */
static uint64_t fact_hash(uint64_t h, const sk_fact *f, sk_buf *tmp)
{
    sk_buf_clear(tmp);
    sk_fact_path(f, tmp);
    return sk_fingerprint_path(h, sk_buf_cstr(tmp), tmp->len);
}

/* What every finding of a case shares: scratch space and the case's file
 * as ,"file":"..." (escaped once per case, in the case head: its bytes
 * b[file_at .. file_at + file_len) are copied from there). */
typedef struct case_ctx {
    const sk_report *r;
    const sk_result *res;
    int en;
    sk_buf tmp;
    size_t file_at, file_len;
    day_text day; /* the last judged date written */
} case_ctx;

/* Appends the fact as {"path", "value", "file", "line", "column"}; adds
 * its path to the fingerprint's hash h. */
static uint64_t fact(sk_buf *b, const sk_fact *f, case_ctx *cx, uint64_t h)
{
    PUT_LIT(b, "{\"path\":");
    size_t at = b->len + 1;
    if (sk_json_fact_path(b, f, &cx->tmp) && !b->failed)
        h = sk_fingerprint_path(h, b->data + at, b->len - 1 - at);
    else
        h = fact_hash(h, f, &cx->tmp);
    char vb[64];
    const char *v = sk_fact_value(f, vb, sizeof vb);
    KV_STR(b, ",\"value\":", v);
    int located = f->node && f->path->root != SK_ROOT_FORM &&
                  !(f->path->root == SK_ROOT_DATE && f->node->kind == SK_MAP);
    if (located && !f->missing) {
        const char *file = f->node->file, *cf = cx->res->c->file;
        char *d;
        if (cx->file_len && file && cf && (file == cf || strcmp(file, cf) == 0)) {
            if ((d = sk_buf_extend(b, cx->file_len)) != NULL) /* then copy: data may move */
                memcpy(d, b->data + cx->file_at, cx->file_len);
        } else
            KV_STR(b, ",\"file\":", file);
        PUT_LIT(b, ",\"line\":");
        sk_buf_uint(b, f->node->line);
        PUT_LIT(b, ",\"column\":");
        sk_buf_uint(b, f->node->col);
    }
    sk_buf_putc(b, '}');
    return h;
}

/* ,"message":"..." of a fail, warn or waived finding: the message is
 * written in place after a NUL (which ends none of the texts the message
 * looks back for), and the NUL becomes the opening quote when nothing
 * needs escaping; otherwise it is moved to tmp and escaped from there. */
static void message_kv(sk_buf *b, const sk_finding *f, case_ctx *cx)
{
    PUT_LIT(b, ",\"message\":");
    size_t mark = b->len;
    sk_buf_putc(b, '\0');
    sk_finding_message(cx->res, f, cx->en, b);
    if (b->failed)
        return;
    size_t n = b->len - mark - 1;
    const char *m = b->data + mark + 1;
    if (n && sk_json_plain_run((const unsigned char *)m, n) == n) {
        b->data[mark] = '"';
        sk_buf_putc(b, '"');
        return;
    }
    sk_buf_clear(&cx->tmp);
    sk_buf_append(&cx->tmp, m, n);
    b->len = mark;
    b->data[mark] = '\0';
    if (cx->tmp.len)
        sk_json_str(b, sk_buf_cstr(&cx->tmp));
    else
        PUT_LIT(b, "null");
}

/* message, reason and the rule it yields to, as the status calls for */
static void finding_text(sk_buf *b, const sk_finding *f, case_ctx *cx)
{
    sk_buf *tmp = &cx->tmp;
    int en = cx->en;
    if (f->status == SK_ST_FAIL || f->status == SK_ST_WARN || f->status == SK_ST_WAIVED) {
        message_kv(b, f, cx);
    } else {
        sk_buf_clear(tmp);
        if (f->status == SK_ST_UNKNOWN)
            sk_finding_explanation(cx->res, f, en, tmp);
        else if (f->status == SK_ST_ERROR)
            sk_buf_printf(tmp, "%s: %s", sk_reason_text(SK_R_RUNTIME_ERROR, en), f->error);
        KV_STR(b, ",\"message\":", tmp->len ? sk_buf_cstr(tmp) : NULL);
    }
    KV_STR(b, ",\"reason\":", f->reason ? sk_reason_text((sk_reason)f->reason, en) : NULL);
    if (f->other && f->reason == SK_R_SUPERSEDED)
        KV_PLAIN(b, ",\"superseded_by\":", f->other->id);
    else if (f->other)
        KV_PLAIN(b, ",\"exception\":", f->other->id);
}

static void waiver(sk_buf *b, const sk_finding *f)
{
    const sk_node *reason = sk_map_get(f->waiver, "reason");
    const sk_node *by = sk_map_get(f->waiver, "decided_by");
    const sk_node *until = sk_map_get(f->waiver, "until");
    KV_STR(b, ",\"waiver\":{\"reason\":", reason && reason->kind == SK_SCALAR ? reason->u.s : NULL);
    KV_STR(b, ",\"decided_by\":", by && by->kind == SK_SCALAR ? by->u.s : NULL);
    KV_STR(b, ",\"until\":", until && until->kind == SK_SCALAR ? until->u.s : NULL);
    if (f->waiver_expired)
        PUT_LIT(b, ",\"expired\":true}");
    else
        PUT_LIT(b, ",\"expired\":false}");
}

static void finding(sk_buf *b, const sk_finding *f, case_ctx *cx)
{
    const sk_rule *rule = f->rule;
    sk_rule_json own;
    const sk_rule_json *j = sk_json_rule(cx->r, rule);
    if (!j && rule_json_build(&own, rule, cx->en))
        j = &own; /* out of memory for the report's copy */
    if (!j) {
        b->failed = true;
        return;
    }
    KV_PLAIN(b, "{\"rule\":", rule->id);
    status_kv(b, f->status);
    sk_buf_append(b, j->text, j->head);
    certainty(b, f, j, &cx->day);
    finding_text(b, f, cx);
    PUT_LIT(b, ",\"citations\":");
    citations(b, j, f->cites);
    PUT_LIT(b, ",\"facts\":[");
    /* the fingerprint hashes every fact's path, a missing one's too */
    uint64_t h = sk_fingerprint_case(j->fp_rule, cx->res->c->id);
    int n = 0;
    for (uint16_t i = 0; i < f->nfacts; i++) {
        if (f->facts[i].missing) {
            h = fact_hash(h, &f->facts[i], &cx->tmp);
            continue;
        }
        if (n++)
            sk_buf_putc(b, ',');
        h = fact(b, &f->facts[i], cx, h);
    }
    PUT_LIT(b, "],\"missing\":");
    sk_json_missing(b, f, &cx->tmp);
    if (f->waiver)
        waiver(b, f);
    char fp[17];
    sk_fingerprint_hex(h, fp);
    KV_PLAIN(b, ",\"fingerprint\":", fp);
    sk_buf_putc(b, '}');
    if (j == &own)
        free(own.text);
}

/* {"not_applicable":n,...} of counts c, put together on the stack and
 * appended once */
static void counts(sk_buf *b, const size_t *c)
{
    char t[SK_ST__COUNT * 48 + 1], digits[SK_UINT_DIGITS];
    size_t n = 0;
    for (int s = 0; s < SK_ST__COUNT; s++) {
        size_t len = status_parts[s].len - STATUS_NAME_AT;
        t[n++] = s ? ',' : '{';
        memcpy(t + n, status_parts[s].text + STATUS_NAME_AT, len);
        n += len;
        t[n++] = ':';
        size_t k = sk_uint_digits(c[s], digits + sizeof digits);
        memcpy(t + n, digits + sizeof digits - k, k);
        n += k;
    }
    t[n++] = '}';
    sk_buf_append(b, t, n);
}

/* brief (JSON Lines, where a library's output must stay small): findings
 * that do not apply are left out (the counts have them), findings that
 * pass are {rule, status}, unknown ones {rule, status, missing}; fail,
 * warn, waived and error findings are written in full. */
static void brief_finding(sk_buf *b, const sk_finding *f, sk_buf *tmp)
{
    KV_PLAIN(b, "{\"rule\":", f->rule->id);
    status_kv(b, f->status);
    if (f->status == SK_ST_UNKNOWN) {
        PUT_LIT(b, ",\"missing\":");
        sk_json_missing(b, f, tmp);
    }
    sk_buf_putc(b, '}');
}

static void case_head(sk_buf *b, const sk_result *res, case_ctx *cx)
{
    const sk_case *c = res->c;
    cx->day.day = c->date;
    sk_date_format(c->date, cx->day.text);
    const char *date = cx->day.text;
    KV_STR(b, "{\"id\":", c->id);
    cx->file_at = b->len;
    KV_STR(b, ",\"file\":", c->file);
    cx->file_len = b->failed ? 0 : b->len - cx->file_at;
    PUT_LIT(b, ",\"line\":");
    sk_buf_uint(b, c->line);
    KV_STR(b, ",\"title\":", c->title);
    KV_PLAIN(b, ",\"form\":", sk_form_values[c->form]);
    KV_PLAIN(b, ",\"date\":", date);
    KV_PLAIN(b, ",\"worst\":", sk_status_name((sk_status)res->worst));
    PUT_LIT(b, ",\"counts\":");
    counts(b, res->counts);
}

static void case_object(const sk_report *r, const sk_result *res, sk_buf *b, int brief)
{
    case_ctx cx = {.r = r, .res = res, .en = r->o.lang == SK_LANG_EN};
    sk_buf_init(&cx.tmp, 0);
    case_head(b, res, &cx);
    PUT_LIT(b, ",\"findings\":[");
    int n = 0;
    /* locals: what is appended must not make the loop reload them */
    const int skip_na = r->o.quiet || brief, skip_pass = r->o.quiet;
    const sk_finding *findings = res->findings;
    const size_t count = res->n;
    for (size_t i = 0; i < count; i++) {
        const sk_finding *f = &findings[i];
        unsigned st = f->status;
        if (st == SK_ST_NOT_APPLICABLE ? skip_na : st == SK_ST_PASS && skip_pass)
            continue;
        int full = st != SK_ST_PASS && st != SK_ST_NOT_APPLICABLE &&
                   (!brief || st != SK_ST_UNKNOWN || f->waiver);
        if (n++)
            sk_buf_putc(b, ',');
        if (brief && !full)
            brief_finding(b, f, &cx.tmp);
        else
            finding(b, f, &cx);
    }
    sk_buf_free(&cx.tmp);
    PUT_LIT(b, "]}");
}

static void error_object(sk_buf *b, const sk_input_error *e)
{
    KV_STR(b, "{\"file\":", e->file);
    sk_buf_printf(b, ",\"line\":%u,\"diagnostics\":[", e->line);
    for (size_t i = 0; i < e->diags.count; i++) {
        const sk_diag *g = &e->diags.items[i];
        if (i)
            sk_buf_putc(b, ',');
        KV_STR(b, "{\"file\":", g->file);
        sk_buf_printf(b, ",\"line\":%u,\"column\":%u", g->line, g->col);
        KV_STR(b, ",\"message\":", g->message);
        KV_STR(b, ",\"suggestion\":", g->hint);
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
    KV_STR(b, ",\"date\":", date);
    KV_STR(b, ",\"lang\":", sk_ui(UI_LANG, r->o.lang == SK_LANG_EN));
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
    sk_buf_reserve(b, 8192); /* a generated case's line: median 5.4 KB */
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
