/* report_sarif.c - SARIF 2.1.0 (Static Analysis Results Interchange
 * Format, OASIS), read by code-scanning dashboards.
 *
 * One run. The rule set is tool.driver.rules (id, name, short and full
 * description, helpUri = the first citation's URL, the citations in
 * properties). Every fail, warn, error and waived finding is a result:
 * level error for fail and error, warning for warn; unknown findings only
 * with sarif_unknown (--sarif-include unknown), as notes, so that open
 * questions do not flood a code-scanning dashboard. A waived finding keeps
 * the level it had and carries an accepted external suppression with the
 * waiver's reason. A result is located at its most relevant stated fact
 * (sk_finding_locus), else at the case's first line; the other facts are
 * relatedLocations. Artifact URIs are relative to %SRCROOT% (--sarif-root,
 * then also given in the run's originalUriBaseIds; default the working
 * directory), so
 * that GitHub code scanning maps them to the repository; a file outside
 * it gets an absolute file: URI. partialFingerprints are stable across
 * runs (rule, case and fact paths, not positions). Input errors are
 * toolExecutionNotifications of the invocation. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

#define SCHEMA_URI "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static void kv(sk_buf *b, const char *k, const char *v, int comma)
{
    sk_buf_printf(b, "%s\"%s\":", comma ? "," : "", k);
    sk_json_str(b, v ? v : "");
}

static void text_obj(sk_buf *b, const char *k, const char *v, int comma)
{
    sk_buf_printf(b, "%s\"%s\":{\"text\":", comma ? "," : "", k);
    sk_json_str(b, v ? v : "");
    sk_buf_puts(b, "}");
}

/* A file path as URI characters: bytes other than unreserved ones and
 * '/' percent-encoded (so "ärende 1.yaml" -> "%C3%A4rende%201.yaml"). */
static void uri_chars(sk_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            sk_buf_putc(b, (char)c);
        } else {
            sk_buf_putc(b, '%');
            sk_buf_putc(b, hex[c >> 4]);
            sk_buf_putc(b, hex[c & 15]);
        }
    }
}

/* The path as a JSON string of URI characters. */
static void uri(sk_buf *b, const char *path)
{
    sk_buf_putc(b, '"');
    uri_chars(b, path);
    sk_buf_putc(b, '"');
}

/* The artifact location of file: relative to %SRCROOT% (the report's
 * sarif_root) when the file is under it, as code-scanning services want;
 * else an absolute file: URI. */
static void artifact(sk_buf *b, const sk_report *r, const char *file)
{
    char abs[PATH_MAX];
    const char *root = r->sarif_root ? r->sarif_root : "/";
    size_t rn = strlen(root);
    if (!realpath(file, abs)) {
        /* not a file on disk (standard input): its name as given */
        sk_buf_puts(b, "{\"uri\":");
        uri(b, file);
        sk_buf_puts(b, "}");
    } else if (!strncmp(abs, root, rn) && (abs[rn] == '/' || root[rn - 1] == '/')) {
        sk_buf_puts(b, "{\"uri\":");
        uri(b, abs + rn + (abs[rn] == '/'));
        sk_buf_puts(b, ",\"uriBaseId\":\"%SRCROOT%\"}");
    } else {
        sk_buf_puts(b, "{\"uri\":\"file://");
        uri_chars(b, abs);
        sk_buf_puts(b, "\"}");
    }
}

/* A location object, left open for more properties: close it with '}'. */
static void location_open(sk_buf *b, const sk_report *r, const char *file, unsigned line,
                          unsigned col)
{
    sk_buf_puts(b, "{\"physicalLocation\":{\"artifactLocation\":");
    artifact(b, r, file);
    if (line)
        sk_buf_printf(b, ",\"region\":{\"startLine\":%u,\"startColumn\":%u}", line, col ? col : 1);
    sk_buf_puts(b, "}");
}

static const char *level_of(sk_status s)
{
    switch (s) {
    case SK_ST_FAIL:
    case SK_ST_ERROR: return "error";
    case SK_ST_WARN: return "warning";
    case SK_ST_UNKNOWN:
    case SK_ST_WAIVED:
    case SK_ST_PASS:
    case SK_ST_NOT_APPLICABLE:
    case SK_ST__COUNT: return "note";
    }
    return "note";
}

/* The rule's citations in mask (bit i: citation i). */
static void citations(sk_buf *b, const sk_rule *rule, uint64_t mask, int en)
{
    sk_buf_puts(b, "[");
    int k = 0;
    for (uint32_t i = 0; i < rule->ncites && i < SK_MAX_CITES; i++) {
        if (!(mask >> i & 1))
            continue;
        sk_buf_puts(b, k++ ? ",{" : "{");
        kv(b, "act", rule->cites[i].act->id, 0);
        kv(b, "text", rule->cites[i].text[en], 1);
        kv(b, "url", rule->cites[i].url, 1);
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "]");
}

/* "avtal.lou-exemption-required" -> "AvtalLouExemptionRequired" */
static void camel(sk_buf *b, const char *id)
{
    int up = 1;
    for (const char *p = id; *p; p++) {
        if (*p == '.' || *p == '-' || *p == '_') {
            up = 1;
            continue;
        }
        sk_buf_putc(b, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
        up = 0;
    }
}

static void rule_obj(sk_buf *b, const sk_rule *rule, int en, sk_buf *tmp)
{
    sk_buf_puts(b, "{");
    kv(b, "id", rule->id, 0);
    sk_buf_clear(tmp);
    camel(tmp, rule->id);
    kv(b, "name", sk_buf_cstr(tmp), 1);
    text_obj(b, "shortDescription", rule->title[en], 1);
    text_obj(b, "fullDescription", rule->message_src[en] ? rule->message_src[en] : rule->title[en], 1);
    if (rule->ncites && rule->cites[0].url)
        kv(b, "helpUri", rule->cites[0].url, 1);
    /* help: the citations, in text and with links */
    sk_buf_clear(tmp);
    for (uint32_t i = 0; i < rule->ncites; i++)
        sk_buf_printf(tmp, "%s%s%s%s", i ? "\n" : "", rule->cites[i].text[en],
                      rule->cites[i].url ? " " : "", rule->cites[i].url ? rule->cites[i].url : "");
    sk_buf_puts(b, ",\"help\":{\"text\":");
    sk_json_str(b, sk_buf_cstr(tmp));
    sk_buf_clear(tmp);
    for (uint32_t i = 0; i < rule->ncites; i++) {
        sk_buf_puts(tmp, i ? "\n- " : "- ");
        if (rule->cites[i].url)
            sk_buf_printf(tmp, "[%s](%s)", rule->cites[i].text[en], rule->cites[i].url);
        else
            sk_buf_puts(tmp, rule->cites[i].text[en]);
    }
    sk_buf_puts(b, ",\"markdown\":");
    sk_json_str(b, sk_buf_cstr(tmp));
    sk_buf_puts(b, "}");
    sk_buf_printf(b, ",\"defaultConfiguration\":{\"level\":\"%s\"}",
                  rule->severity == SK_ST_FAIL ? "error" : "warning");
    sk_buf_puts(b, ",\"properties\":{\"tags\":[");
    sk_json_str(b, rule->area);
    sk_buf_puts(b, ",");
    sk_json_str(b, sk_basis_names[rule->basis]);
    sk_buf_puts(b, "]");
    kv(b, "severity", sk_status_name((sk_status)rule->severity), 1);
    kv(b, "basis", sk_basis_names[rule->basis], 1);
    sk_certainty cert = sk_rule_certainty(rule, sk_cite_mask_all(rule));
    sk_buf_printf(b, ",\"verified\":%s", cert == SK_CERT_PIN_UNVERIFIED ? "false" : "true");
    kv(b, "certainty", sk_certainty_names[cert], 1);
    kv(b, "judged_at", sk_judged_at_names[rule->judged_at], 1);
    sk_buf_clear(tmp);
    sk_rule_validity(rule, tmp);
    kv(b, "validity", sk_buf_cstr(tmp), 1);
    sk_buf_puts(b, ",\"citations\":");
    citations(b, rule, sk_cite_mask_all(rule), en);
    sk_buf_puts(b, "}}");
}

static void begin(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    const char *lang = sk_ui(UI_LANG, en);
    sk_buf_puts(b, "{\"$schema\":\"" SCHEMA_URI "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{");
    kv(b, "name", "samkoll", 0);
    kv(b, "version", SK_VERSION, 1);
    kv(b, "semanticVersion", SK_VERSION, 1);
    kv(b, "language", lang, 1);
    sk_buf_puts(b, ",\"rules\":[\n");
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    size_t n = sk_ruleset_count(r->rs);
    for (size_t i = 0; i < n; i++) {
        rule_obj(b, &r->rs->rules[i], en, &tmp);
        sk_buf_puts(b, i + 1 < n ? ",\n" : "\n");
    }
    sk_buf_free(&tmp);
    sk_buf_puts(b, "]}}");
    kv(b, "language", lang, 1);
    if (r->o.sarif_root && r->sarif_root) {
        /* where %SRCROOT% is, when the user named it (a report made in the
         * working directory stays free of machine-specific paths) */
        sk_buf_puts(b, ",\"originalUriBaseIds\":{\"%SRCROOT%\":{\"uri\":\"file://");
        uri_chars(b, r->sarif_root);
        if (r->sarif_root[strlen(r->sarif_root) - 1] != '/')
            sk_buf_putc(b, '/');
        sk_buf_puts(b, "\"}}");
    }
    sk_buf_puts(b, ",\"columnKind\":\"unicodeCodePoints\",\"results\":[\n");
}

/* The other stated facts, as related locations. */
static void related_locations(const sk_report *r, const sk_finding *f, const sk_node *at,
                              sk_buf *b, sk_buf *tmp)
{
    int n = 0;
    for (uint16_t i = 0; i < f->nfacts; i++) {
        const sk_fact *fa = &f->facts[i];
        if (fa->missing || !fa->node || fa->node == at || fa->path->root == SK_ROOT_FORM ||
            fa->path->root == SK_ROOT_DATE || !fa->node->file || !fa->node->line)
            continue;
        sk_buf_puts(b, n ? "," : ",\"relatedLocations\":[");
        sk_buf_clear(tmp);
        sk_fact_path(fa, tmp);
        char vb[64];
        const char *v = sk_fact_value(fa, vb, sizeof vb);
        sk_buf_printf(tmp, " = %s", v ? v : "?");
        location_open(b, r, fa->node->file, fa->node->line, fa->node->col);
        sk_buf_printf(b, ",\"id\":%d", n);
        text_obj(b, "message", sk_buf_cstr(tmp), 1);
        sk_buf_puts(b, "}");
        n++;
    }
    if (n)
        sk_buf_puts(b, "]");
}

/* An active waiver is an accepted external suppression. */
static void suppression(const sk_finding *f, sk_buf *b, sk_buf *tmp)
{
    if (!f->waiver || f->waiver_expired)
        return;
    const char *reason = sk_waiver_get(f, "reason"), *by = sk_waiver_get(f, "decided_by");
    sk_buf_clear(tmp);
    sk_buf_puts(tmp, reason ? reason : "");
    if (by)
        sk_buf_printf(tmp, " (%s)", by);
    sk_buf_puts(b, ",\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\"");
    kv(b, "justification", sk_buf_cstr(tmp), 1);
    sk_buf_puts(b, "}]");
}

static void str_or_null(sk_buf *b, const char *key, const char *v)
{
    sk_buf_printf(b, ",\"%s\":", key);
    if (v)
        sk_json_str(b, v);
    else
        sk_buf_puts(b, "null");
}

static void waiver_property(const sk_finding *f, sk_buf *b)
{
    if (!f->waiver)
        return;
    sk_buf_puts(b, ",\"waiver\":{");
    kv(b, "reason", sk_waiver_get(f, "reason"), 0);
    str_or_null(b, "decided_by", sk_waiver_get(f, "decided_by"));
    str_or_null(b, "until", sk_waiver_get(f, "until"));
    sk_buf_printf(b, ",\"expired\":%s}", f->waiver_expired ? "true" : "false");
}

/* samkoll's own properties: status, certainty, the judged date,
 * citations, missing facts and the waiver. */
static void properties(const sk_report *r, const sk_result *res, const sk_finding *f,
                       sk_buf *b, sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_puts(b, ",\"properties\":{");
    kv(b, "case", res->c->id, 0);
    kv(b, "status", sk_status_name((sk_status)f->status), 1);
    kv(b, "title", f->rule->title[en], 1);
    kv(b, "certainty", sk_certainty_names[f->certainty], 1);
    kv(b, "certainty_label", sk_certainty_label((sk_certainty)f->certainty, en), 1);
    if (f->certainty == SK_CERT_CONTESTED)
        kv(b, "certainty_note", f->rule->certainty_note[en], 1);
    char day[11];
    sk_date_format(f->judged.day, day);
    kv(b, "judged_date", day, 1);
    kv(b, "judged_date_source", sk_date_field_names[f->judged.source], 1);
    sk_buf_printf(b, ",\"judged_date_fell_back\":%s", f->judged.fell_back ? "true" : "false");
    sk_buf_puts(b, ",\"citations\":");
    citations(b, f->rule, f->cites, en);
    if (f->nmissing) {
        sk_buf_puts(b, ",\"missing\":");
        sk_json_missing(b, f, tmp);
    }
    waiver_property(f, b);
    sk_buf_puts(b, "}");
}

static void result(const sk_report *r, const sk_result *res, const sk_finding *f, sk_buf *b,
                   sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_status s = (sk_status)f->status;
    sk_status as = s == SK_ST_WAIVED ? (sk_status)f->orig_status : s;
    sk_buf_puts(b, "{");
    kv(b, "ruleId", f->rule->id, 0);
    sk_buf_printf(b, ",\"ruleIndex\":%zu", (size_t)(f - res->findings));
    kv(b, "level", level_of(as), 1);
    sk_buf_clear(tmp);
    sk_finding_text(res, f, en, tmp);
    if (!tmp->len)
        sk_buf_puts(tmp, f->rule->title[en]);
    text_obj(b, "message", sk_buf_cstr(tmp), 1);
    const sk_node *at = sk_finding_locus(f);
    sk_buf_puts(b, ",\"locations\":[");
    if (at)
        location_open(b, r, at->file, at->line, at->col);
    else
        location_open(b, r, res->c->file, res->c->line, 1);
    sk_buf_puts(b, "}]");
    related_locations(r, f, at, b, tmp);
    char fp[17];
    sk_finding_fingerprint(res, f, fp);
    sk_buf_puts(b, ",\"partialFingerprints\":{");
    kv(b, "samkollFingerprint/v1", fp, 0);
    sk_buf_puts(b, "}");
    suppression(f, b, tmp);
    properties(r, res, f, b, tmp);
    sk_buf_puts(b, "}");
}

static void render_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    int n = 0;
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        if (f->status == SK_ST_PASS || f->status == SK_ST_NOT_APPLICABLE ||
            (f->status == SK_ST_UNKNOWN && !r->o.sarif_unknown))
            continue;
        if (n++)
            sk_buf_puts(b, ",\n");
        result(r, res, f, b, &tmp);
    }
    sk_buf_free(&tmp);
}

static void end(sk_report *r, sk_buf *b)
{
    sk_buf_puts(b, "\n],\"invocations\":[{\"executionSuccessful\":true,\"toolExecutionNotifications\":[");
    int n = 0;
    for (size_t i = 0; i < r->nerrs; i++) {
        const sk_input_error *e = &r->errs[i];
        for (size_t k = 0; k < e->diags.count; k++) {
            const sk_diag *g = &e->diags.items[k];
            sk_buf_puts(b, n++ ? ",\n{" : "\n{");
            sk_buf_puts(b, "\"level\":\"error\"");
            text_obj(b, "message", g->message, 1);
            sk_buf_puts(b, ",\"locations\":[");
            location_open(b, r, g->file ? g->file : e->file, g->line, g->col);
            sk_buf_puts(b, "}]}");
        }
    }
    char date[11];
    sk_date_format(r->o.run_date, date);
    sk_buf_puts(b, "]}],\"properties\":{");
    kv(b, "date", date, 0);
    sk_buf_printf(b, ",\"ruleset\":{\"rules\":%zu,\"sha256\":\"%s\"}", sk_ruleset_count(r->rs),
                  sk_ruleset_hash(r->rs));
    sk_buf_printf(b, ",\"cases\":%zu,\"input_errors\":%zu", r->ncases, r->nerrors);
    sk_buf_puts(b, "}}]}\n");
}

const sk_writer sk_writer_sarif = {"sarif", begin, render_case, NULL, ",\n", end, NULL};
