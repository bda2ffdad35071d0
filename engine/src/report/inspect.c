/* dump.c - printers for compiled rules (explain, rules) and the checks
 * behind `samkoll test` (expectations and coverage). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "report/report_int.h"
#include "samkoll/inspect.h"
#include "base/ui.h"


static void lit(sk_buf *b, const sk_lit *l)
{
    char d[11];
    switch ((sk_vtype)l->vtype) {
    case SK_VT_BOOL: sk_buf_puts(b, l->b ? "true" : "false"); break;
    case SK_VT_NUM: sk_buf_printf(b, "%g", l->num); break;
    case SK_VT_DATE: sk_date_format(l->days, d); sk_buf_puts(b, d); break;
    case SK_VT_TEXT:
    case SK_VT_NONE: sk_buf_printf(b, "'%s'", l->s); break;
    }
}

static void operand(sk_buf *b, const sk_operand *o)
{
    if (o->path) {
        sk_buf_puts(b, o->path->text);
    } else if (o->is_list) {
        sk_buf_puts(b, "[");
        for (uint32_t i = 0; i < o->nlist; i++) {
            if (i)
                sk_buf_puts(b, ", ");
            lit(b, &o->list[i]);
        }
        sk_buf_puts(b, "]");
    } else {
        lit(b, &o->lit);
    }
}

static void indent(sk_buf *b, int n)
{
    for (int i = 0; i < n; i++)
        sk_buf_puts(b, "  ");
}

/* One condition node as text (no indentation, no newline). */
void sk_cond_head(sk_buf *b, const sk_rule *r, const sk_cond *k, int en)
{
    const char *bind = k->slot >= 0 && r->bind_names[k->slot] && r->bind_names[k->slot][0] != '_'
                           ? r->bind_names[k->slot] : NULL;
    switch ((sk_ckind)k->kind) {
    case SK_C_ALL: sk_buf_puts(b, sk_ui(UI_ALL_OF, en)); break;
    case SK_C_ANY: sk_buf_puts(b, sk_ui(UI_ANY_OF, en)); break;
    case SK_C_NOT: sk_buf_puts(b, sk_ui(UI_NOT, en)); break;
    case SK_C_QALL: case SK_C_QANY: case SK_C_QNONE: {
        static const char *const q[2][3] = {{"för alla", "för någon", "för ingen"},
                                            {"for every", "for some", "for no"}};
        sk_buf_printf(b, "%s %s%s%s:", q[en][k->kind - SK_C_QALL], k->path->text,
                      bind ? (sk_ui(UI_AS, en)) : "", bind ? bind : "");
        break;
    }
    case SK_C_COUNT:
        sk_buf_printf(b, "%s %s %s %g%s", sk_ui(UI_NUMBER_OF, en), k->path->text,
                      sk_op_text((sk_op)k->op, (sk_lang)en), k->rhs.lit.num, k->where ? (sk_ui(UI_COUNTING, en)) : "");
        break;
    case SK_C_SUM:
        sk_buf_printf(b, "%s %s %s %g", sk_ui(UI_SUM_OF, en), k->path->text, sk_op_text((sk_op)k->op, (sk_lang)en),
                      k->rhs.lit.num);
        break;
    case SK_C_CMP:
        sk_buf_printf(b, "%s %s ", k->path->text, sk_op_text((sk_op)k->op, (sk_lang)en));
        operand(b, &k->rhs);
        break;
    case SK_C_EXISTS:
        sk_buf_printf(b, "%s %s", k->path->text,
                      k->want ? (sk_ui(UI_IS_STATED, en)) : (sk_ui(UI_IS_NOT_STATED_2, en)));
        break;
    case SK_C_MATCH:
        sk_buf_printf(b, "%s %s", k->path->text, sk_ui(UI_MATCHES_THE_PATTERN, en));
        break;
    }
}

/* Prints a condition tree, one node per line. */
static void cond(sk_buf *b, const sk_rule *r, const sk_cond *k, int depth, int en)
{
    indent(b, depth);
    sk_cond_head(b, r, k, en);
    sk_buf_putc(b, '\n');
    for (uint32_t i = 0; i < k->nkids; i++)
        cond(b, r, k->kids[i], depth + 1, en);
    if (k->where)
        cond(b, r, k->where, depth + 1, en);
}

static void validity(sk_buf *b, const sk_rule *r)
{
    char f[11] = "", t[11] = "";
    if (r->has_from)
        sk_date_format(r->valid_from, f);
    if (r->has_to)
        sk_date_format(r->valid_to, t);
    sk_buf_printf(b, "%s–%s", f, t);
}

void sk_rules_list(const sk_ruleset *rs, sk_lang lang, FILE *out)
{
    int en = lang == SK_LANG_EN;
    sk_buf b;
    sk_buf_init(&b, 0);
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        sk_buf_clear(&b);
        sk_buf_printf(&b, "%-45s %-4s %-10s %-12s ", r->id, sk_status_name((sk_status)r->severity),
                      r->area, sk_basis_names[r->basis]);
        validity(&b, r);
        sk_buf_puts(&b, "  ");
        for (uint32_t c = 0; c < r->ncites; c++)
            sk_buf_printf(&b, "%s%s", c ? "; " : "", r->cites[c].text[en]);
        fprintf(out, "%s\n", sk_buf_cstr(&b));
    }
    sk_buf_free(&b);
}

/* The rules as JSON: id, title, severity, area, basis, validity and the
 * citations (text, url) of each. */
static void rules_json(const sk_ruleset *rs, int en, sk_buf *b)
{
    sk_buf_printf(b, "{\"samkoll_rules\":1,\"lang\":\"%s\",\"sha256\":\"%s\",\"rules\":[",
                  sk_ui(UI_LANG, en), sk_ruleset_hash(rs));
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        char f[11] = "", t[11] = "";
        if (r->has_from)
            sk_date_format(r->valid_from, f);
        if (r->has_to)
            sk_date_format(r->valid_to, t);
        sk_buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
        sk_json_str(b, r->id);
        sk_buf_puts(b, ",\"title\":");
        sk_json_str(b, r->title[en]);
        sk_buf_printf(b, ",\"severity\":\"%s\",\"area\":", sk_status_name((sk_status)r->severity));
        sk_json_str(b, r->area);
        sk_buf_printf(b, ",\"basis\":\"%s\",\"valid_from\":", sk_basis_names[r->basis]);
        if (r->has_from)
            sk_json_str(b, f);
        else
            sk_buf_puts(b, "null");
        sk_buf_puts(b, ",\"valid_to\":");
        if (r->has_to)
            sk_json_str(b, t);
        else
            sk_buf_puts(b, "null");
        sk_buf_puts(b, ",\"citations\":");
        sk_json_cites(b, r->cites, r->ncites, en);
        sk_buf_putc(b, '}');
    }
    sk_buf_puts(b, "]}\n");
}

sk_rc sk_rules_write(const sk_ruleset *rs, const char *format, sk_lang lang, FILE *out)
{
    if (!strcmp(format, "text")) {
        sk_rules_list(rs, lang, out);
        return SK_OK;
    }
    if (strcmp(format, "json"))
        return SK_ENOTFOUND;
    sk_buf b;
    sk_buf_init(&b, 0);
    rules_json(rs, lang == SK_LANG_EN, &b);
    int ok = fwrite(sk_buf_cstr(&b), 1, b.len, out) == b.len;
    sk_buf_free(&b);
    return ok ? SK_OK : SK_EIO;
}

sk_rc sk_rule_explain(const sk_ruleset *rs, const char *id, sk_lang lang, FILE *out)
{
    int en = lang == SK_LANG_EN;
    int idx = sk_ruleset_find_id(rs, id);
    if (idx < 0) {
        const char *s = sk_ruleset_suggest_id(rs, id);
        fprintf(out, sk_ui(UI_NO_RULE, en), id);
        if (s)
            fprintf(out, sk_ui(UI_DID_YOU_MEAN, en), s);
        fputc('\n', out);
        return SK_ENOTFOUND;
    }
    const sk_rule *r = &rs->rules[idx];
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_buf_printf(&b, "%s — %s\n\n", r->id, r->title[en]);
    sk_buf_printf(&b, "%-16s %s\n", sk_ui(UI_SEVERITY, en),
                  sk_status_label((sk_status)r->severity, en));
    sk_buf_printf(&b, "%-16s %s\n", sk_ui(UI_LEGAL_BASIS, en), sk_basis_label((sk_basis)r->basis, en));
    sk_certainty cert = sk_rule_certainty(r, sk_cite_mask_all(r));
    sk_buf_printf(&b, "%-16s %s", sk_ui(UI_CERTAINTY_COLUMN, en), sk_certainty_word(cert, en));
    if (cert == SK_CERT_CONTESTED && r->certainty_note[en])
        sk_buf_printf(&b, " \u2013 %s", r->certainty_note[en]);
    sk_buf_printf(&b, "\n%-16s %s\n", sk_ui(UI_JUDGED_AT_COLUMN, en),
                  sk_judged_at_label((sk_judged_at)r->judged_at, en));
    sk_buf_printf(&b, "%-16s ", sk_ui(UI_VALID, en));
    validity(&b, r);
    sk_buf_printf(&b, "\n%-16s %s:%u\n\n", sk_ui(UI_DEFINED_IN, en), r->file, r->line);
    sk_buf_puts(&b, sk_ui(UI_CITATIONS, en));
    for (uint32_t c = 0; c < r->ncites; c++) {
        const sk_cite *ct = &r->cites[c];
        sk_buf_printf(&b, "  %s\n    %s\n", ct->text[en], ct->url);
        int32_t wf, wu;
        sk_cite_window(ct, &wf, &wu);
        if (wf != SK_DAY_MIN || wu != SK_DAY_MAX) {
            char f[11] = "", t[11] = "";
            if (wf != SK_DAY_MIN)
                sk_date_format(wf, f);
            if (wu != SK_DAY_MAX)
                sk_date_format(wu, t);
            sk_buf_printf(&b, sk_ui(UI_CITE_VALID, en), f, t);
        }
        char on[11];
        if (ct->pin) {
            sk_date_format(ct->pin->on, on);
            sk_buf_printf(&b, sk_ui(UI_CITE_CHECKED_AGAINST, en), ct->pin->source, on);
        } else if (ct->unpin) {
            sk_buf_printf(&b, sk_ui(UI_CITE_NOT_CHECKED_REASON, en), ct->unpin->reason[en]);
        } else if (ct->key) {
            sk_buf_puts(&b, sk_ui(UI_CITE_NOT_CHECKED, en));
        }
    }
    if (r->nexception_to) {
        sk_buf_puts(&b, sk_ui(UI_EXCEPTION_TO_LEX_SPECIALIS, en));
        for (uint32_t i = 0; i < r->nexception_to; i++)
            sk_buf_printf(&b, "  %s\n", r->exception_to[i]);
    }
    if (r->ndefeated_by) {
        sk_buf_puts(&b, sk_ui(UI_SUPERSEDED_WHERE_THESE_APPLY, en));
        for (uint32_t i = 0; i < r->ndefeated_by; i++)
            sk_buf_printf(&b, "  %s\n", rs->rules[r->defeated_by[i]].id);
    }
    sk_buf_puts(&b, sk_ui(UI_APPLIES_WHEN_2, en));
    if (r->applies)
        cond(&b, r, r->applies, 1, en);
    else
        sk_buf_puts(&b, sk_ui(UI_ALWAYS, en));
    sk_buf_puts(&b, sk_ui(UI_REQUIRES_2, en));
    cond(&b, r, r->require, 1, en);
    sk_buf_printf(&b, "\n%s\n  %s\n", sk_ui(UI_MESSAGE_WHEN_NOT_MET, en),
                  r->message_src[en]);
    fputs(sk_buf_cstr(&b), out);
    sk_buf_free(&b);
    return SK_OK;
}

void sk_schema_write(FILE *out)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_schema_json(&b);
    fputs(sk_buf_cstr(&b), out);
    sk_buf_free(&b);
}

int sk_expect_check(const sk_result *res, sk_lang lang, FILE *out)
{
    int en = lang == SK_LANG_EN;
    const sk_node *ex = res->c->expect;
    if (!ex)
        return -1;
    int bad = 0;
    const sk_node *worst = sk_map_get(ex, "worst");
    if (worst && worst->kind == SK_SCALAR && strcmp(worst->u.s, sk_status_name((sk_status)res->worst))) {
        fprintf(out, "%s:%u:%u: %s: %s %s, %s %s\n", worst->file, worst->line, worst->col,
                res->c->id, sk_ui(UI_EXPECTED_WORST, en), worst->u.s,
                sk_ui(UI_GOT, en), sk_status_name((sk_status)res->worst));
        bad++;
    }
    const sk_node *fs = sk_map_get(ex, "findings");
    for (uint32_t i = 0; fs && fs->kind == SK_MAP && i < fs->len; i++) {
        const sk_node *k = fs->u.pairs[i].key, *v = fs->u.pairs[i].val;
        int idx = sk_ruleset_find_id(res->rs, k->u.s);
        if (idx < 0 || v->kind != SK_SCALAR)
            continue;
        const sk_finding *f = &res->findings[idx];
        const char *got = sk_status_name((sk_status)f->status);
        if (strcmp(got, v->u.s) == 0)
            continue;
        bad++;
        sk_buf b;
        sk_buf_init(&b, 0);
        if (f->status == SK_ST_UNKNOWN)
            sk_finding_explanation(res, f, en, &b);
        else if (f->reason)
            sk_buf_puts(&b, sk_reason_text((sk_reason)f->reason, en));
        for (uint16_t j = 0; j < f->nfacts && j < 6; j++) {
            sk_buf_puts(&b, j ? ", " : (b.len ? "; " : ""));
            sk_fact_path(&f->facts[j], &b);
            char tmp[64];
            const char *val = sk_fact_value(&f->facts[j], tmp, sizeof tmp);
            sk_buf_printf(&b, "=%s", val ? val : "?");
        }
        fprintf(out, "%s:%u:%u: %s: %s %s %s, %s %s%s%s%s\n", k->file, k->line, k->col,
                res->c->id, k->u.s, sk_ui(UI_EXPECTED, en), v->u.s,
                sk_ui(UI_GOT_2, en), got, b.len ? " (" : "", sk_buf_cstr(&b), b.len ? ")" : "");
        sk_buf_free(&b);
    }
    return bad;
}

struct sk_coverage {
    const sk_ruleset *rs;
    unsigned char *bad, *good;
};

sk_coverage *sk_coverage_new(const sk_ruleset *rs)
{
    sk_coverage *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->rs = rs;
    c->bad = calloc(rs->nrules + 1, 1);
    c->good = calloc(rs->nrules + 1, 1);
    if (!c->bad || !c->good) {
        sk_coverage_free(c);
        return NULL;
    }
    return c;
}

void sk_coverage_add(sk_coverage *cov, const sk_result *res)
{
    const sk_node *ex = res->c->expect;
    const sk_node *fs = ex ? sk_map_get(ex, "findings") : NULL;
    for (uint32_t i = 0; fs && fs->kind == SK_MAP && i < fs->len; i++) {
        int idx = sk_ruleset_find_id(res->rs, fs->u.pairs[i].key->u.s);
        const sk_node *v = fs->u.pairs[i].val;
        if (idx < 0 || v->kind != SK_SCALAR)
            continue;
        /* only expectations that hold count as coverage */
        if (strcmp(v->u.s, sk_status_name((sk_status)res->findings[idx].status)))
            continue;
        if (!strcmp(v->u.s, "fail") || !strcmp(v->u.s, "warn"))
            cov->bad[idx] = 1;
        else if (!strcmp(v->u.s, "pass"))
            cov->good[idx] = 1;
    }
}

size_t sk_coverage_report(const sk_coverage *cov, sk_lang lang, FILE *out)
{
    int en = lang == SK_LANG_EN;
    size_t missing = 0;
    for (size_t i = 0; i < cov->rs->nrules; i++) {
        if (cov->bad[i] && cov->good[i])
            continue;
        missing++;
        fprintf(out, "%s: %s%s%s\n", cov->rs->rules[i].id,
                cov->bad[i] ? "" : (sk_ui(UI_NO_CASE_WHERE_IT_FAILS, en)),
                !cov->bad[i] && !cov->good[i] ? "; " : "",
                cov->good[i] ? "" : (sk_ui(UI_NO_CASE_WHERE_IT_PASSES, en)));
    }
    return missing;
}

void sk_coverage_free(sk_coverage *cov)
{
    if (!cov)
        return;
    free(cov->bad);
    free(cov->good);
    free(cov);
}
