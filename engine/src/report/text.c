/* report_text.c - the terminal report: grouped by case, worst first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

/* Facts listed under a finding in text; JSON lists them all. */
#define MAX_TEXT_FACTS 6

static const char *const colors[SK_ST__COUNT] = {
    [SK_ST_NOT_APPLICABLE] = "\033[2m", [SK_ST_PASS] = "\033[32m",
    [SK_ST_WAIVED] = "\033[36m", [SK_ST_UNKNOWN] = "\033[35m",
    [SK_ST_WARN] = "\033[33m", [SK_ST_FAIL] = "\033[31;1m", [SK_ST_ERROR] = "\033[31;1m",
};

static void label(const sk_report *r, sk_buf *b, sk_status s)
{
    const char *l = sk_status_label(s, r->o.lang == SK_LANG_EN);
    size_t chars = 0;
    for (const char *p = l; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (r->o.color)
        sk_buf_printf(b, "%s%s\033[0m", colors[s], l);
    else
        sk_buf_puts(b, l);
    for (; chars < 13; chars++)
        sk_buf_putc(b, ' ');
}

/* Indents every line but the first of what was appended since start, so
 * that free text over several lines stays inside its block. */
static void indent_since(sk_buf *b, size_t start, const char *ind)
{
    if (b->failed || b->len <= start + 1 || !memchr(b->data + start, '\n', b->len - start - 1))
        return;
    size_t n = b->len - start;
    char *copy = malloc(n);
    if (!copy)
        return;
    memcpy(copy, b->data + start, n);
    b->len = start;
    for (size_t i = 0; i < n; i++) {
        sk_buf_putc(b, copy[i]);
        if (copy[i] == '\n' && i + 1 < n)
            sk_buf_puts(b, ind);
    }
    free(copy);
}

static void detail_line(sk_buf *b, const char *head, const char *text)
{
    sk_buf_cat(b, "      ", head, ": ", text, "\n", NULL);
}

/* The one-paragraph message of a finding that is not a pass. */
static void finding_message(const sk_result *res, const sk_finding *f, int en, sk_buf *msg)
{
    if (f->status == SK_ST_UNKNOWN) {
        sk_finding_explanation(res, f, en, msg);
        if (f->reason == SK_R_EXCEPTION_UNKNOWN)
            sk_buf_printf(msg, " (%s: %s)", sk_reason_text(SK_R_EXCEPTION_UNKNOWN, en), f->other->id);
    } else if (f->status == SK_ST_ERROR) {
        sk_buf_printf(msg, "%s: %s", sk_reason_text(SK_R_RUNTIME_ERROR, en), f->error);
    } else {
        sk_finding_message(res, f, en, msg);
    }
}

/* The statutes a finding cites (valid at its date). */
static void finding_laws(sk_buf *b, const sk_finding *f, int en, sk_buf *msg)
{
    for (uint32_t i = 0; i < f->rule->ncites; i++) {
        if (!sk_finding_cite(f, i) || f->rule->cites[i].act->kind != SK_ACT_STATUTE)
            continue;
        sk_buf_clear(msg);
        sk_buf_cat(msg, f->rule->cites[i].text[en], sk_cite_check_note(&f->rule->cites[i], en), NULL);
        detail_line(b, sk_ui(UI_LAW, en), sk_buf_cstr(msg));
    }
}

/* Certainty, basis, judged date and citations. */
static void finding_basis(sk_buf *b, const sk_finding *f, int en, sk_buf *msg)
{
    sk_buf_clear(msg);
    sk_certainty_line(f, en, msg);
    sk_buf_cat(b, "      ", sk_buf_cstr(msg), "\n", NULL);
    if (f->rule->basis == SK_BASIS_PRACTICE)
        detail_line(b, sk_ui(UI_BASIS, en), sk_basis_label((sk_basis)f->rule->basis, en));
    if (sk_judged_notable(f)) {
        sk_buf_clear(msg);
        sk_judged_text(f, en, msg);
        detail_line(b, sk_ui(UI_JUDGED_AT, en), sk_buf_cstr(msg));
    }
    for (uint32_t i = 0; i < f->rule->ncites; i++) {
        if (!sk_finding_cite(f, i))
            continue;
        int statute = f->rule->cites[i].act->kind == SK_ACT_STATUTE;
        sk_buf_clear(msg);
        sk_buf_cat(msg, f->rule->cites[i].text[en], sk_cite_check_note(&f->rule->cites[i], en), NULL);
        detail_line(b, statute ? sk_ui(UI_LAW, en) : sk_ui(UI_SOURCE, en), sk_buf_cstr(msg));
    }
}

/* The stated facts, at most MAX_TEXT_FACTS of them. */
static void finding_facts(sk_buf *b, const sk_finding *f, int en, sk_buf *msg)
{
    size_t shown = 0, hidden = 0;
    for (uint16_t i = 0; i < f->nfacts; i++) {
        const sk_fact *fa = &f->facts[i];
        if (fa->missing || fa->path->root == SK_ROOT_FORM || fa->path->root == SK_ROOT_DATE)
            continue;
        if (shown == MAX_TEXT_FACTS) {
            hidden++;
            continue;
        }
        shown++;
        sk_buf_clear(msg);
        sk_fact_path(fa, msg);
        char tmp[64];
        const char *v = sk_fact_value(fa, tmp, sizeof tmp);
        sk_buf_cat(b, "      ", sk_ui(UI_FACT, en), ": ", sk_buf_cstr(msg), " = ", v ? v : "?",
                   " (", fa->node->file, ":", NULL);
        sk_buf_uint(b, fa->node->line);
        sk_buf_putc(b, ':');
        sk_buf_uint(b, fa->node->col);
        sk_buf_puts(b, ")\n");
    }
    if (hidden)
        sk_buf_printf(b, sk_ui(UI_MORE_FACTS_IN_FORMAT_JSON, en), hidden);
}

static void finding_waiver(sk_buf *b, const sk_finding *f, int en)
{
    if (!f->waiver)
        return;
    const sk_node *reason = sk_map_get(f->waiver, "reason");
    const sk_node *by = sk_map_get(f->waiver, "decided_by");
    int has_by = by && by->kind == SK_SCALAR;
    size_t start = b->len;
    sk_buf_printf(b, "      %s: %s%s%s%s\n",
                  f->waiver_expired ? sk_ui(UI_WAIVER_EXPIRED_2, en) : sk_ui(UI_WAIVED_3, en),
                  reason && reason->kind == SK_SCALAR ? reason->u.s : "",
                  has_by ? " (" : "", has_by ? by->u.s : "", has_by ? ")" : "");
    indent_since(b, start, "        ");
}

static void finding(const sk_report *r, sk_buf *b, const sk_result *res, const sk_finding *f)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_puts(b, "  ");
    label(r, b, (sk_status)f->status);
    sk_buf_cat(b, " ", f->rule->id, "  ", f->rule->title[en], "\n", NULL);
    if (f->status == SK_ST_PASS || f->status == SK_ST_NOT_APPLICABLE) {
        if (f->reason == SK_R_SUPERSEDED)
            sk_buf_cat(b, "      ", sk_reason_text(SK_R_SUPERSEDED, en), " ", f->other->id, "\n", NULL);
        else if (f->reason && r->o.explain)
            sk_buf_cat(b, "      ", sk_reason_text((sk_reason)f->reason, en), "\n", NULL);
        return;
    }
    sk_buf msg;
    sk_buf_init(&msg, 0);
    finding_message(res, f, en, &msg);
    size_t start = b->len;
    sk_buf_cat(b, "      ", sk_buf_cstr(&msg), "\n", NULL);
    indent_since(b, start, "      ");
    /* an unknown is a question, not a verdict: the missing facts are the point */
    if (r->o.quiet) {
        finding_laws(b, f, en, &msg); /* -q: the finding and its law only */
    } else if (f->status != SK_ST_UNKNOWN || f->waiver) {
        finding_basis(b, f, en, &msg);
        finding_facts(b, f, en, &msg);
        finding_waiver(b, f, en);
    }
    sk_buf_free(&msg);
}

/* One open question: "      path: question (N rules: id, id)"; with -q
 * without the rule ids. */
static void open_q(const sk_report *r, sk_buf *b, const sk_open_qs *qs, const sk_open_q *q)
{
    int en = r->o.lang == SK_LANG_EN;
    const char *text = sk_open_q_text(q, en);
    sk_buf_puts(b, "      ");
    sk_buf_append(b, qs->text.data + q->off, q->len);
    if (text)
        sk_buf_cat(b, ": ", text, NULL);
    sk_buf_printf(b, sk_ui(q->nrules == 1 ? UI_Q_N_RULE : UI_Q_N_RULES, en), q->nrules);
    for (size_t j = 0; !r->o.quiet && j < q->nrules; j++)
        sk_buf_cat(b, j ? ", " : ": ", q->rules[j]->rule->id, NULL);
    sk_buf_puts(b, ")\n");
}

/* The unknown findings as open questions, grouped by the fact they lack:
 * first those whose answer could change the case's worst status, most
 * rules decided first; the rest after them (left out with -q). */
static void unknowns(const sk_report *r, sk_buf *b, const sk_open_qs *qs)
{
    int en = r->o.lang == SK_LANG_EN;
    if (!qs->n || (r->o.quiet && !qs->nchange))
        return;
    sk_buf_puts(b, "  ");
    label(r, b, SK_ST_UNKNOWN);
    sk_buf_printf(b, sk_ui(UI_Q_OPEN_HEAD, en), qs->nfindings);
    for (size_t k = 0; k < qs->n; k++) {
        if (!qs->q[k].could_change && r->o.quiet)
            break;
        if (!qs->q[k].could_change && (k == 0 || qs->q[k - 1].could_change))
            sk_buf_puts(b, sk_ui(UI_Q_CANNOT_CHANGE, en));
        open_q(r, b, qs, &qs->q[k]);
    }
}

/* "Resultat: UNDERKÄND (underkända 1, varningar 2, ...)." under a case:
 * each count after its label, so no "1 underkända". */
static void case_counts(sk_buf *b, const sk_result *res, int en)
{
    static const struct { sk_status st; sk_ui_id name; } order[] = {
        {SK_ST_FAIL, UI_FAIL}, {SK_ST_WARN, UI_WARN}, {SK_ST_UNKNOWN, UI_UNKNOWN},
        {SK_ST_PASS, UI_PASS}, {SK_ST_NOT_APPLICABLE, UI_NOT_APPLICABLE},
    };
    sk_buf_cat(b, "   ", sk_ui(UI_RESULT, en), ": ", sk_status_label((sk_status)res->worst, en),
               " (", NULL);
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        sk_buf_cat(b, i ? ", " : "", sk_ui(order[i].name, en), " ", NULL);
        sk_buf_uint(b, res->counts[order[i].st]);
    }
    sk_buf_puts(b, ").\n");
}

/* The case's head: "id — title (form, date)" and "file:line". */
static void case_head(const sk_report *r, const sk_case *c, sk_buf *b)
{
    char date[11];
    sk_date_format(c->date, date);
    size_t start = b->len;
    sk_buf_cat(b, r->o.color ? "\033[1m" : "", c->id, r->o.color ? "\033[0m" : "",
               c->title ? " — " : "", c->title ? c->title : "", " (", sk_form_value_label(r, c->form), ", ",
               date, ")\n", NULL);
    indent_since(b, start, "   ");
    sk_buf_cat(b, "   ", c->file, ":", NULL);
    sk_buf_uint(b, c->line);
    sk_buf_putc(b, '\n');
}

/* Whether f is listed one by one (not grouped among the open questions). */
static int listed(const sk_report *r, const sk_finding *f)
{
    /* --explain lists the rules that did not apply too, with why */
    if ((f->status == SK_ST_NOT_APPLICABLE && !r->o.explain) ||
        (r->o.quiet && (f->status == SK_ST_PASS || f->status == SK_ST_NOT_APPLICABLE ||
                        f->status == SK_ST_WAIVED)))
        return 0;
    if (r->o.quiet && f->status == SK_ST_UNKNOWN && f->reason != SK_R_EXCEPTION_UNKNOWN)
        return 0;
    /* grouped by missing fact */
    return !(f->status == SK_ST_UNKNOWN && f->nmissing && f->reason != SK_R_EXCEPTION_UNKNOWN &&
             !r->o.explain);
}

static void render_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_case *c = res->c;
    /* sized from the data: a rule set may have any number of rules */
    const sk_finding **ord = res->n ? sk_arena_calloc(c->arena, res->n, sizeof *ord) : NULL;
    sk_open_qs qs;
    if ((res->n && !ord) | !sk_open_questions(res, &qs)) {
        case_head(r, c, b);
        sk_buf_printf(b, "   %s\n", sk_reason_text(SK_R_RUNTIME_ERROR, en));
        sk_open_questions_free(&qs);
        return;
    }
    if (ord)
        sk_report_order(res, ord);
    size_t nlisted = 0;
    for (size_t i = 0; i < res->n; i++)
        nlisted += (size_t)listed(r, ord[i]);
    /* -q: a case with nothing to act on and no question that matters is left out */
    if (r->o.quiet && !nlisted && !qs.nchange) {
        sk_open_questions_free(&qs);
        return;
    }
    case_head(r, c, b);
    if (!r->o.quiet) {
        size_t start = b->len;
        sk_buf_puts(b, "   ");
        sk_report_conclusion(res, &qs, en, b);
        sk_buf_putc(b, '\n');
        indent_since(b, start, "   ");
    }
    for (size_t i = 0; i < res->n; i++) {
        if (!listed(r, ord[i]))
            continue;
        finding(r, b, res, ord[i]);
        if (r->o.explain)
            sk_explain_finding(res, ord[i], en, "      ", 0, b);
    }
    if (!r->o.explain)
        unknowns(r, b, &qs);
    if (!r->o.quiet)
        case_counts(b, res, en);
    sk_open_questions_free(&qs);
}

static void render_error(const sk_report *r, const sk_input_error *e, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_printf(b, "%s%s%s %s:%u\n", r->o.color ? "\033[31;1m" : "",
                  sk_ui(UI_INPUT_ERROR_2, en), r->o.color ? "\033[0m" : "", e->file, e->line);
    for (size_t i = 0; i < e->diags.count; i++) {
        char line[1400];
        sk_diag_format(&e->diags.items[i], r->o.lang, line, sizeof line);
        sk_buf_printf(b, "  %s\n", line);
    }
}

/* Pads to width characters (UTF-8 aware); right-aligned if right. */
static void cell(sk_buf *b, const char *s, size_t width, int right)
{
    size_t chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (!right)
        sk_buf_puts(b, s);
    for (; chars < width; chars++)
        sk_buf_putc(b, ' ');
    if (right)
        sk_buf_puts(b, s);
}

static size_t width_of(const char *s)
{
    size_t chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    return chars;
}

/* After a library: per rule (only rules that did not pass everywhere), the
 * number of cases per status; per form, the cases by worst status. */
/* In text, only the rules that failed or warned somewhere: what an auditor
 * looks for first (Markdown and HTML list every rule that did not pass). */
static int text_notable(const sk_report *r, size_t rule)
{
    const size_t *c = r->rule_counts ? r->rule_counts[rule] : NULL;
    return c && (c[SK_ST_FAIL] || c[SK_ST_WARN] || c[SK_ST_ERROR] || c[SK_ST_WAIVED]);
}

static void library_summary(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    static const sk_status cols[] = {SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN, SK_ST_WAIVED,
                                     SK_ST_ERROR, SK_ST_PASS, SK_ST_NOT_APPLICABLE};
    static const char *const names[2][7] = {
        {"underkänd", "varning", "okänd", "undantagen", "fel", "godkänd", "ej tillämplig"},
        {"fail", "warn", "unknown", "waived", "error", "pass", "n/a"}};
    size_t nrules = sk_ruleset_count(r->rs), idw = en ? 4 : 5, any = 0, errors = 0;
    for (size_t i = 0; i < nrules; i++)
        if (text_notable(r, i)) {
            any++;
            size_t w = strlen(r->rs->rules[i].id);
            idw = w > idw ? w : idw;
            errors += r->rule_counts[i][SK_ST_ERROR];
        }
    char num[32];
    if (any) {
        sk_buf_puts(b, sk_ui(UI_CASES_PER_RULE_RULES_THAT, en));
        cell(b, sk_ui(UI_RULE_2, en), idw, 0);
        for (int c = 0; c < 7; c++)
            if (cols[c] != SK_ST_ERROR || errors) {
                sk_buf_puts(b, "  ");
                sk_buf_puts(b, names[en][c]);
            }
        sk_buf_putc(b, '\n');
        for (size_t i = 0; i < nrules; i++) {
            if (!text_notable(r, i))
                continue;
            sk_buf_puts(b, "  ");
            cell(b, r->rs->rules[i].id, idw, 0);
            for (int c = 0; c < 7; c++) {
                if (cols[c] == SK_ST_ERROR && !errors)
                    continue;
                snprintf(num, sizeof num, "%zu", r->rule_counts[i][cols[c]]);
                sk_buf_puts(b, "  ");
                cell(b, num, width_of(names[en][c]), 1);
            }
            sk_buf_putc(b, '\n');
        }
    }
    static const char *const fnames[2][7] = {
        {"ärenden", "underkända", "med varningar", "med okända", "med undantag", "med fel", "godkända"},
        {"cases", "fail", "warnings", "unknowns", "waived", "errors", "passed"}};
    size_t fw = en ? 4 : 5, ferr = 0;
    for (int f = 0; f < 16 && sk_form_values[f]; f++) {
        size_t n = sk_report_form_cases(r, f);
        if (n) {
            size_t w = width_of(sk_form_label(r, f));
            fw = w > fw ? w : fw;
            ferr += r->form_worst[f][SK_ST_ERROR];
        }
    }
    sk_buf_puts(b, sk_ui(UI_CASES_PER_COLLABORATION_FORM_BY, en));
    cell(b, "form", fw, 0);
    for (int c = 0; c < 7; c++)
        if (c != 5 || ferr)
            sk_buf_printf(b, "  %s", fnames[en][c]);
    sk_buf_putc(b, '\n');
    for (int f = 0; f < 16 && sk_form_values[f]; f++) {
        const size_t *w = r->form_worst[f];
        size_t n = 0;
        for (int s = 0; s < SK_ST__COUNT; s++)
            n += w[s];
        if (!n)
            continue;
        size_t v[7] = {n, w[SK_ST_FAIL], w[SK_ST_WARN], w[SK_ST_UNKNOWN], w[SK_ST_WAIVED],
                       w[SK_ST_ERROR], w[SK_ST_PASS] + w[SK_ST_NOT_APPLICABLE]};
        sk_buf_puts(b, "  ");
        cell(b, sk_form_label(r, f), fw, 0);
        for (int c = 0; c < 7; c++) {
            if (c == 5 && !ferr)
                continue;
            snprintf(num, sizeof num, "%zu", v[c]);
            sk_buf_puts(b, "  ");
            cell(b, num, width_of(fnames[en][c]), 1);
        }
        sk_buf_putc(b, '\n');
    }
}

/* The summary, every count labelled: cases by worst status, cases with
 * any unknown, findings by status. */
static void end(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    if (r->ncases > 1 && !r->o.quiet)
        library_summary(r, b);
    sk_buf_printf(b, sk_ui(UI_SUM_HEAD, en), sk_ui(UI_SUMMARY, en), r->ncases, r->nerrors);
    sk_buf_printf(b, sk_ui(UI_SUM_WORST, en), r->worst[SK_ST_FAIL] + r->worst[SK_ST_ERROR],
                  r->worst[SK_ST_WARN], r->worst[SK_ST_UNKNOWN], r->worst[SK_ST_WAIVED],
                  r->worst[SK_ST_PASS] + r->worst[SK_ST_NOT_APPLICABLE]);
    sk_buf_printf(b, sk_ui(UI_SUM_ANY_UNKNOWN, en), r->with_unknown);
    sk_buf_printf(b, sk_ui(UI_SUM_FINDINGS, en), r->counts[SK_ST_FAIL] + r->counts[SK_ST_ERROR],
                  r->counts[SK_ST_WARN], r->counts[SK_ST_UNKNOWN], r->counts[SK_ST_WAIVED],
                  r->counts[SK_ST_PASS]);
}

const sk_writer sk_writer_text = {"text", NULL, render_case, render_error, "\n", end, NULL};
