/* report_junit.c - JUnit XML, the test-report format CI servers read
 * (Jenkins, GitLab, Azure DevOps, ...).
 *
 * One <testsuite> per case (name = case id, file = the case file), one
 * <testcase> per rule (name = rule id, classname = case id). Cases arrive
 * one at a time and are written as they come, so a file with several
 * cases gives several consecutive suites with the same `file`. fail ->
 * <failure>, error -> <error>, not applicable -> <skipped>; warn and
 * unknown are <failure> when at or above --junit-fail-on (default: fail,
 * so they pass), else they pass with the finding in <system-out>; a
 * waived finding passes with the waiver in <system-out>. An input error
 * is a suite of its own with one <error>. Every suite carries its totals
 * (tests, failures, errors, skipped), and so does the root <testsuites>,
 * as Jenkins and GitLab read them: the root is written when the run is
 * over (sk_writer.summary), the suites are held until then. */
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

static void attr(sk_buf *b, const char *name, const char *value)
{
    sk_buf_printf(b, " %s=\"", name);
    sk_markup_str(b, value, 1);
    sk_buf_putc(b, '"');
}

static void property(sk_buf *b, const char *name, const char *value)
{
    sk_buf_puts(b, "      <property");
    attr(b, "name", name);
    attr(b, "value", value ? value : "");
    sk_buf_puts(b, "/>\n");
}

static void begin(sk_report *r, sk_buf *b)
{
    (void)r;
    sk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

/* Is a finding with status s a <failure> under --junit-fail-on? */
static int is_failure(const sk_report *r, sk_status s)
{
    if (s == SK_ST_FAIL)
        return 1;
    if (s != SK_ST_WARN && s != SK_ST_UNKNOWN)
        return 0;
    return sk_status_rank(s) >= sk_status_rank((sk_status)r->o.junit_fail_on);
}

/* The finding in full, as the body of <failure>, <error> or <system-out>. */
static void details(const sk_report *r, const sk_result *res, const sk_finding *f, sk_buf *b,
                    sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_rule *rule = f->rule;
    sk_buf_clear(tmp);
    sk_buf_printf(tmp, "%s: %s\n", sk_status_label((sk_status)f->status, en), rule->title[en]);
    sk_finding_text(res, f, en, tmp);
    sk_buf_putc(tmp, '\n');
    sk_certainty_line(f, en, tmp);
    sk_buf_putc(tmp, '\n');
    if (sk_judged_notable(f)) {
        sk_buf_printf(tmp, "%s: ", sk_ui(UI_JUDGED_AT, en));
        sk_judged_text(f, en, tmp);
        sk_buf_putc(tmp, '\n');
    }
    for (uint32_t i = 0; i < rule->ncites; i++) {
        if (!sk_finding_cite(f, i))
            continue;
        int statute = rule->cites[i].act->kind == SK_ACT_STATUTE;
        sk_buf_printf(tmp, "%s: %s%s%s%s\n", statute ? (sk_ui(UI_LAW, en)) : (sk_ui(UI_SOURCE, en)),
                      rule->cites[i].text[en], sk_cite_check_note(&rule->cites[i], en),
                      rule->cites[i].url ? " " : "",
                      rule->cites[i].url ? rule->cites[i].url : "");
    }
    sk_buf path;
    sk_buf_init(&path, 0);
    for (uint16_t i = 0; i < f->nfacts; i++) {
        const sk_fact *fa = &f->facts[i];
        if (fa->missing || fa->path->root == SK_ROOT_FORM || fa->path->root == SK_ROOT_DATE)
            continue;
        sk_buf_clear(&path);
        sk_fact_path(fa, &path);
        char vb[64];
        const char *v = sk_fact_value(fa, vb, sizeof vb);
        sk_buf_printf(tmp, "%s: %s = %s (%s:%u:%u)\n", sk_ui(UI_FACT, en), sk_buf_cstr(&path),
                      v ? v : "?", fa->node->file, fa->node->line, fa->node->col);
    }
    sk_buf_free(&path);
    if (f->waiver) {
        const char *reason = sk_waiver_get(f, "reason"), *by = sk_waiver_get(f, "decided_by"),
                   *until = sk_waiver_get(f, "until");
        sk_buf_printf(tmp, "%s: %s", f->waiver_expired ? (sk_ui(UI_WAIVER_EXPIRED_2, en))
                                                      : (sk_ui(UI_WAIVED_3, en)),
                      reason ? reason : "");
        if (by)
            sk_buf_printf(tmp, sk_ui(UI_DECIDED_BY, en), by);
        if (until)
            sk_buf_printf(tmp, sk_ui(UI_UNTIL, en), until);
        sk_buf_putc(tmp, '\n');
    }
    sk_markup_str(b, sk_buf_cstr(tmp), 0);
}

static void render_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_case *c = res->c;
    size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    for (size_t i = 0; i < res->n; i++) {
        sk_status s = (sk_status)res->findings[i].status;
        if (r->o.quiet && (s == SK_ST_PASS || s == SK_ST_NOT_APPLICABLE))
            continue;
        tests++;
        failures += (size_t)is_failure(r, s);
        errors += s == SK_ST_ERROR;
        skipped += s == SK_ST_NOT_APPLICABLE;
    }
    char date[11], num[32];
    sk_date_format(c->date, date);
    sk_buf_puts(b, "  <testsuite");
    attr(b, "name", c->id);
    sk_buf_printf(b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\"",
                  tests, failures, errors, skipped);
    attr(b, "file", c->file);
    sk_buf_puts(b, ">\n    <properties>\n");
    property(b, "file", c->file);
    snprintf(num, sizeof num, "%u", c->line);
    property(b, "line", num);
    if (c->title)
        property(b, "title", c->title);
    property(b, "form", sk_form_values[c->form]);
    property(b, "date", date);
    property(b, "worst", sk_status_name((sk_status)res->worst));
    sk_buf_puts(b, "    </properties>\n");
    sk_buf tmp, msg;
    sk_buf_init(&tmp, 0);
    sk_buf_init(&msg, 0);
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        sk_status s = (sk_status)f->status;
        if (r->o.quiet && (s == SK_ST_PASS || s == SK_ST_NOT_APPLICABLE))
            continue;
        const sk_node *at = sk_finding_locus(f);
        sk_buf_puts(b, "    <testcase");
        attr(b, "name", f->rule->id);
        attr(b, "classname", c->id);
        attr(b, "file", c->file);
        sk_buf_printf(b, " line=\"%u\" time=\"0\"", at ? at->line : c->line);
        if (s == SK_ST_PASS) {
            sk_buf_puts(b, "/>\n");
            continue;
        }
        sk_buf_puts(b, ">\n");
        sk_buf_clear(&msg);
        sk_finding_text(res, f, en, &msg);
        if (s == SK_ST_NOT_APPLICABLE) {
            sk_buf_puts(b, "      <skipped");
            attr(b, "message", sk_buf_cstr(&msg));
            sk_buf_puts(b, "/>\n");
        } else if (s == SK_ST_ERROR || is_failure(r, s)) {
            const char *el = s == SK_ST_ERROR ? "error" : "failure";
            sk_buf_printf(b, "      <%s", el);
            attr(b, "message", sk_buf_cstr(&msg));
            attr(b, "type", sk_status_name(s));
            sk_buf_puts(b, ">");
            details(r, res, f, b, &tmp);
            sk_buf_printf(b, "</%s>\n", el);
        } else {
            /* warn or unknown below --junit-fail-on, or waived: passes, visibly */
            sk_buf_puts(b, "      <system-out>");
            details(r, res, f, b, &tmp);
            sk_buf_puts(b, "</system-out>\n");
        }
        sk_buf_puts(b, "    </testcase>\n");
    }
    sk_buf_free(&tmp);
    sk_buf_free(&msg);
    sk_buf_puts(b, "  </testsuite>\n");
}

static void render_error(const sk_report *r, const sk_input_error *e, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    sk_buf_printf(&tmp, "%s:%u", e->file, e->line);
    sk_buf_puts(b, "  <testsuite");
    attr(b, "name", sk_buf_cstr(&tmp));
    sk_buf_puts(b, " tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\"");
    attr(b, "file", e->file);
    sk_buf_puts(b, ">\n    <testcase");
    attr(b, "name", sk_ui(UI_INPUT, en));
    attr(b, "classname", sk_buf_cstr(&tmp));
    attr(b, "file", e->file);
    sk_buf_printf(b, " line=\"%u\" time=\"0\">\n      <error", e->line);
    sk_buf_clear(&tmp);
    for (size_t i = 0; i < e->diags.count; i++) {
        char line[1400];
        sk_diag_format(&e->diags.items[i], r->o.lang, line, sizeof line);
        sk_buf_printf(&tmp, "%s\n", line);
    }
    attr(b, "message", e->diags.count ? e->diags.items[0].message : "");
    attr(b, "type", "input_error");
    sk_buf_puts(b, ">");
    sk_markup_str(b, sk_buf_cstr(&tmp), 0);
    sk_buf_puts(b, "</error>\n    </testcase>\n  </testsuite>\n");
    sk_buf_free(&tmp);
}

/* The root element with the totals of the whole run: the sums of what
 * render_case and render_error put on each suite. */
static void summary(sk_report *r, sk_buf *b)
{
    size_t tests = 0, failures = 0, errors = r->nerrors, skipped = 0;
    for (int s = 0; s < SK_ST__COUNT; s++) {
        size_t n = r->counts[s];
        if (r->o.quiet && (s == SK_ST_PASS || s == SK_ST_NOT_APPLICABLE))
            continue;
        tests += n;
        failures += is_failure(r, (sk_status)s) ? n : 0;
        errors += s == SK_ST_ERROR ? n : 0;
        skipped += s == SK_ST_NOT_APPLICABLE ? n : 0;
    }
    tests += r->nerrors;
    sk_buf_printf(b, "<testsuites name=\"samkoll\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
                     "skipped=\"%zu\" time=\"0\">\n", tests, failures, errors, skipped);
}

static void end(sk_report *r, sk_buf *b)
{
    (void)r;
    sk_buf_puts(b, "</testsuites>\n");
}

const sk_writer sk_writer_junit = {"junit", begin, render_case, render_error, "", end, summary};
