/* report_markdown.c - a memo for people (Swedish, or English with --lang
 * en): the run, a summary (cases by worst status, per rule, per form),
 * then per case its failures, warnings, the facts it lacks phrased as
 * questions, its errors and its waivers, every finding with its
 * citations as links and the facts that decided it. With --explain, the
 * evaluation tree under each finding, and the rules that passed or did
 * not apply. The summary is written first: the cases are held in a
 * temporary file until the end of the run (sk_writer.summary). */
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

#define MAX_FACTS 6

/* A link target: characters that would end or break it percent-encoded. */
static void md_url(sk_buf *b, const char *url)
{
    for (const char *p = url; *p; p++) {
        if (*p == ' ' || *p == '(' || *p == ')' || *p == '<' || *p == '>')
            sk_buf_printf(b, "%%%02X", (unsigned char)*p);
        else
            sk_buf_putc(b, *p);
    }
}

static void cite_links(sk_buf *b, const sk_finding *f, int en)
{
    const sk_rule *rule = f->rule;
    for (uint32_t i = 0; i < rule->ncites; i++) {
        if (!sk_finding_cite(f, i))
            continue;
        const sk_cite *c = &rule->cites[i];
        int statute = c->act->kind == SK_ACT_STATUTE;
        sk_buf_printf(b, "  %s: ", statute ? (sk_ui(UI_LAW, en)) : (sk_ui(UI_SOURCE, en)));
        if (c->url) {
            sk_buf_putc(b, '[');
            sk_md_str(b, c->text[en], "  ");
            sk_buf_puts(b, "](");
            md_url(b, c->url);
            sk_buf_putc(b, ')');
        } else {
            sk_md_str(b, c->text[en], "  ");
        }
        sk_md_str(b, sk_cite_check_note(c, en), "  ");
        sk_buf_puts(b, "  \n");
    }
}

static void waiver_line(sk_buf *b, const sk_finding *f, int en)
{
    const char *reason = sk_waiver_get(f, "reason"), *by = sk_waiver_get(f, "decided_by"),
               *until = sk_waiver_get(f, "until");
    sk_buf_puts(b, f->waiver_expired ? (sk_ui(UI_WAIVER_EXPIRED_3, en))
                                     : (sk_ui(UI_WAIVER, en)));
    sk_md_str(b, reason ? reason : "", "  ");
    /* one sentence each, whether or not the reason ends in a full stop */
    size_t n = reason ? strlen(reason) : 0;
    const char *stop = n && strchr(".!?", reason[n - 1]) ? " " : ". ";
    if (by) {
        sk_buf_printf(b, sk_ui(UI_DECISION, en), stop);
        sk_md_str(b, by, "  ");
        stop = ". ";
    }
    if (until)
        sk_buf_printf(b, sk_ui(UI_VALID_UNTIL, en), stop, until);
    sk_buf_puts(b, by || until || strcmp(stop, " ") ? ".  \n" : "  \n");
}

/* One finding as a list item: rule, title, what it says, the law, the
 * facts, the waiver; with --explain the tree below it. */
static void item(const sk_report *r, const sk_result *res, const sk_finding *f, sk_buf *b,
                 sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_rule *rule = f->rule;
    sk_buf_printf(b, "- **%s** \u2014 ", rule->id);
    sk_md_str(b, rule->title[en], "  ");
    if (f->status == SK_ST_WAIVED)
        sk_buf_printf(b, " (%s)", sk_status_label((sk_status)f->orig_status, en));
    sk_buf_puts(b, "  \n");
    sk_buf_clear(tmp);
    sk_finding_text(res, f, en, tmp);
    if (tmp->len) {
        sk_buf_puts(b, "  ");
        sk_md_str(b, sk_buf_cstr(tmp), "  ");
        sk_buf_puts(b, "  \n");
    }
    sk_buf_clear(tmp);
    sk_certainty_line(f, en, tmp);
    sk_buf_puts(b, "  ");
    sk_md_str(b, sk_buf_cstr(tmp), "  ");
    sk_buf_puts(b, "  \n");
    if (rule->basis == SK_BASIS_PRACTICE)
        sk_buf_printf(b, "  %s: %s  \n", sk_ui(UI_BASIS, en), sk_basis_label((sk_basis)rule->basis, en));
    if (sk_judged_notable(f)) {
        sk_buf_clear(tmp);
        sk_judged_text(f, en, tmp);
        sk_buf_printf(b, "  %s: ", sk_ui(UI_JUDGED_AT, en));
        sk_md_str(b, sk_buf_cstr(tmp), "  ");
        sk_buf_puts(b, "  \n");
    }
    cite_links(b, f, en);
    size_t shown = 0;
    sk_buf path;
    sk_buf_init(&path, 0);
    for (uint16_t i = 0; i < f->nfacts && f->status != SK_ST_PASS && f->status != SK_ST_NOT_APPLICABLE; i++) {
        const sk_fact *fa = &f->facts[i];
        if (fa->missing || fa->path->root == SK_ROOT_FORM || fa->path->root == SK_ROOT_DATE)
            continue;
        if (shown++ == MAX_FACTS)
            break;
        sk_buf_clear(&path);
        sk_fact_path(fa, &path);
        char vb[64];
        const char *v = sk_fact_value(fa, vb, sizeof vb);
        sk_buf_printf(b, "  %s: `%s` = ", sk_ui(UI_FACT, en), sk_buf_cstr(&path));
        sk_md_str(b, v ? v : "?", "  ");
        sk_buf_printf(b, " (%s:%u:%u)  \n", fa->node->file, fa->node->line, fa->node->col);
    }
    sk_buf_free(&path);
    if (f->waiver)
        waiver_line(b, f, en);
    if (r->o.explain)
        sk_explain_finding(res, f, en, "  ", 1, b);
}

static void section(sk_buf *b, const char *title)
{
    sk_buf_printf(b, "\n#### %s\n\n", title);
}

/* The facts a case lacks, each once, as a question with the rules it
 * would decide. */
static void questions(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf seen, path, other;
    sk_buf_init(&seen, 0);
    sk_buf_init(&path, 0);
    sk_buf_init(&other, 0);
    sk_buf_putc(&seen, '\n');
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        if (f->status != SK_ST_UNKNOWN || f->reason == SK_R_EXCEPTION_UNKNOWN)
            continue;
        for (uint16_t m = 0; m < f->nmissing; m++) {
            if (!sk_missing_path_once(&f->missing[m], &seen, &path))
                continue;
            sk_buf_puts(b, "- ");
            sk_buf_clear(&other);
            sk_missing_question(&f->missing[m], en, &other);
            sk_md_str(b, sk_buf_cstr(&other), "  ");
            sk_buf_printf(b, " (`%.*s`) \u2014 %s ", (int)(path.len - 2), path.data + 1,
                          sk_ui(UI_DECIDES, en));
            int first = 1;
            for (size_t j = i; j < res->n; j++) {
                const sk_finding *g = &res->findings[j];
                if (g->status != SK_ST_UNKNOWN || g->reason == SK_R_EXCEPTION_UNKNOWN)
                    continue;
                for (uint16_t k = 0; k < g->nmissing; k++) {
                    sk_buf_clear(&other);
                    sk_buf_putc(&other, '\n');
                    sk_fact_path(&g->missing[k], &other);
                    sk_buf_putc(&other, '\n');
                    if (strcmp(sk_buf_cstr(&other), sk_buf_cstr(&path)) == 0) {
                        sk_buf_printf(b, "%s%s", first ? "" : ", ", g->rule->id);
                        first = 0;
                        break;
                    }
                }
            }
            sk_buf_putc(b, '\n');
        }
    }
    sk_buf_free(&seen);
    sk_buf_free(&path);
    sk_buf_free(&other);
}

/* The sections of a case, in the order they are written. */
static const sk_status group_status[] = {SK_ST_ERROR, SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN,
                                         SK_ST_WAIVED, SK_ST_PASS, SK_ST_NOT_APPLICABLE};

static int in_group(const sk_finding *f, int g)
{
    return f->status == group_status[g];
}

/* The conclusion paragraph (signal before noise). */
static void conclusion(const sk_report *r, const sk_result *res, sk_buf *b)
{
    if (r->o.quiet)
        return;
    sk_buf c;
    sk_buf_init(&c, 0);
    sk_report_conclusion_of(res, r->o.lang == SK_LANG_EN, &c);
    sk_buf_puts(b, "\n");
    sk_md_str(b, sk_buf_cstr(&c), NULL);
    sk_buf_puts(b, "\n");
    sk_buf_free(&c);
}

static void render_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_case *c = res->c;
    char date[11];
    sk_date_format(c->date, date);
    sk_buf_printf(b, "### %s", c->id);
    if (c->title) {
        sk_buf_puts(b, " \u2014 ");
        sk_md_str(b, c->title, NULL);
    }
    sk_buf_puts(b, "\n\n");
    const char *form = sk_form_label(r, c->form);
    sk_buf_printf(b, "%s \u00b7 %s \u00b7 `%s:%u` \u00b7 %s: **%s**\n", form, date, c->file, c->line,
                  sk_ui(UI_RESULT, en), sk_status_label((sk_status)res->worst, en));
    conclusion(r, res, b);
    static const char *const titles[7][2] = {
        {"Fel vid utvärderingen", "Errors"}, {"Underkänt", "Failures"}, {"Varningar", "Warnings"},
        {"Kan inte avgöras", "Cannot be decided"}, {"Undantagna (waivers)", "Waived"},
        {"Godkända", "Passed"}, {"Ej tillämpliga", "Not applicable"}};
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    int any = 0;
    for (int g = 0; g < 7; g++) {
        if (g >= 5 && (!r->o.explain || r->o.quiet))
            break; /* passed and not applicable: only with --explain */
        int n = 0;
        for (size_t i = 0; i < res->n; i++) {
            const sk_finding *f = &res->findings[i];
            if (!in_group(f, g))
                continue;
            /* unknowns are asked as questions below, except with --explain
             * and where an exception is what is unknown */
            if (g == 3 && f->reason != SK_R_EXCEPTION_UNKNOWN && !r->o.explain && !f->waiver)
                continue;
            if (!n++)
                section(b, titles[g][en]);
            item(r, res, f, b, &tmp);
        }
        if (g == 3 && res->counts[SK_ST_UNKNOWN]) {
            size_t asked = 0;
            for (size_t i = 0; i < res->n; i++)
                asked += res->findings[i].status == SK_ST_UNKNOWN &&
                         res->findings[i].reason != SK_R_EXCEPTION_UNKNOWN && res->findings[i].nmissing;
            if (asked) {
                section(b, sk_ui(UI_QUESTIONS_FACTS_THE_CASE_DOES, en));
                questions(r, res, b);
                n++;
            }
        }
        any += n;
    }
    if (!any)
        sk_buf_puts(b, sk_ui(UI_NO_FINDINGS_EVERY_RULE_THAT, en));
    /* waivers that changed nothing here still belong in the memo */
    const sk_node *w = c->waivers;
    int unused = 0;
    for (uint32_t i = 0; w && w->kind == SK_SEQ && i < w->len; i++) {
        const sk_node *wm = w->u.items[i];
        int used = 0;
        for (size_t k = 0; k < res->n; k++)
            used |= res->findings[k].waiver == wm;
        if (used)
            continue;
        if (!unused++)
            section(b, sk_ui(UI_WAIVERS_THAT_MATCHED_NO_FINDING, en));
        const sk_node *rule = sk_map_get(wm, "rule"), *reason = sk_map_get(wm, "reason");
        sk_buf_printf(b, "- **%s**: ", rule && rule->kind == SK_SCALAR ? rule->u.s : "?");
        sk_md_str(b, reason && reason->kind == SK_SCALAR ? reason->u.s : "", "  ");
        sk_buf_putc(b, '\n');
    }
    sk_buf_free(&tmp);
    sk_buf_putc(b, '\n');
}

static void render_error(const sk_report *r, const sk_input_error *e, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_printf(b, "### %s: `%s:%u`\n\n", sk_ui(UI_INPUT_ERROR, en), e->file, e->line);
    for (size_t i = 0; i < e->diags.count; i++) {
        const sk_diag *g = &e->diags.items[i];
        sk_buf_printf(b, "- `%s:%u:%u`: ", g->file ? g->file : e->file, g->line, g->col);
        sk_md_str(b, g->message, "  ");
        if (g->hint) {
            sk_buf_puts(b, sk_ui(UI_DID_YOU_MEAN_2, en));
            sk_md_str(b, g->hint, "  ");
            sk_buf_puts(b, "?)");
        }
        sk_buf_putc(b, '\n');
    }
    sk_buf_putc(b, '\n');
}

static void begin(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    char date[11];
    sk_date_format(r->o.run_date, date);
    sk_buf_printf(b, "# %s\n\n", sk_ui(UI_REVIEW_OF_INTER_MUNICIPAL_COLLABORATION, en));
    sk_buf_printf(b, "- %s: %s\n", sk_ui(UI_DATE, en), date);
    sk_buf_printf(b, "- %s: %zu %s (sha256 `%.16s`)\n", sk_ui(UI_RULE_SET, en),
                  sk_ruleset_count(r->rs), sk_ui(UI_RULES, en), sk_ruleset_hash(r->rs));
    sk_buf_printf(b, "- %s: samkoll %s\n", sk_ui(UI_TOOL, en), SK_VERSION);
    if (r->o.assessor) {
        sk_buf_printf(b, "- %s: ", sk_ui(UI_ASSESSED_BY, en));
        sk_md_str(b, r->o.assessor, NULL);
        sk_buf_putc(b, '\n');
    }
}

static void summary(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_printf(b, "\n## %s\n\n", sk_ui(UI_SUMMARY, en));
    sk_buf_printf(b, sk_ui(UI_CASES_CHECKED_INPUT_ERRORS, en), r->ncases, r->nerrors);
    sk_buf_printf(b, "%s: %zu\n\n", sk_ui(UI_CASES_WITH_AN_UNKNOWN_LINE, en), r->with_unknown);
    static const sk_status order[] = {SK_ST_ERROR, SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN,
                                      SK_ST_WAIVED, SK_ST_PASS, SK_ST_NOT_APPLICABLE};
    sk_buf_printf(b, "| %s | %s | %s |\n|---|---:|---:|\n", sk_ui(UI_STATUS, en),
                  sk_ui(UI_CASES_WORST_STATUS, en), sk_ui(UI_FINDINGS, en));
    for (int i = 0; i < 7; i++)
        sk_buf_printf(b, "| %s | %zu | %zu |\n", sk_status_label(order[i], en), r->worst[order[i]],
                      r->counts[order[i]]);
    size_t nrules = sk_ruleset_count(r->rs), notable = 0;
    for (size_t i = 0; i < nrules; i++)
        notable += sk_report_rule_notable(r, i) != 0;
    static const sk_status cols[] = {SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN, SK_ST_WAIVED,
                                     SK_ST_ERROR, SK_ST_PASS, SK_ST_NOT_APPLICABLE};
    if (notable) {
        sk_buf_printf(b, "\n### %s\n\n%s\n\n| %s |", sk_ui(UI_PER_RULE, en),
                      sk_ui(UI_RULES_THAT_DID_NOT_PASS, en),
                      sk_ui(UI_RULE, en));
        for (int c = 0; c < 7; c++)
            sk_buf_printf(b, " %s |", sk_status_label(cols[c], en));
        sk_buf_puts(b, "\n|---|");
        for (int c = 0; c < 7; c++)
            sk_buf_puts(b, "---:|");
        sk_buf_putc(b, '\n');
        for (size_t i = 0; i < nrules; i++) {
            if (!sk_report_rule_notable(r, i))
                continue;
            const sk_rule *rule = &r->rs->rules[i];
            sk_buf_printf(b, "| **%s** ", rule->id);
            sk_md_str(b, rule->title[en], NULL);
            sk_buf_puts(b, " |");
            for (int c = 0; c < 7; c++)
                sk_buf_printf(b, " %zu |", r->rule_counts[i][cols[c]]);
            sk_buf_putc(b, '\n');
        }
    }
    sk_buf_printf(b, "\n### %s\n\n| %s | %s |", sk_ui(UI_PER_COLLABORATION_FORM, en),
                  sk_ui(UI_FORM, en), sk_ui(UI_CASES, en));
    for (int c = 0; c < 7; c++)
        sk_buf_printf(b, " %s |", sk_status_label(order[c], en));
    sk_buf_puts(b, "\n|---|---:|");
    for (int c = 0; c < 7; c++)
        sk_buf_puts(b, "---:|");
    sk_buf_putc(b, '\n');
    for (int f = 0; f < SK_NFORMS; f++) {
        size_t n = sk_report_form_cases(r, f);
        if (!n)
            continue;
        sk_buf_puts(b, "| ");
        sk_md_str(b, sk_form_label(r, f), NULL);
        sk_buf_printf(b, " | %zu |", n);
        for (int c = 0; c < 7; c++)
            sk_buf_printf(b, " %zu |", r->form_worst[f][order[c]]);
        sk_buf_putc(b, '\n');
    }
    sk_buf_printf(b, "\n## %s\n\n", sk_ui(UI_CASES, en));
}

const sk_writer sk_writer_markdown = {"markdown", begin, render_case, render_error, "", NULL, summary};
