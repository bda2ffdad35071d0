/* main.c - the samkoll command line: parse options, call the engine,
 * turn the outcome into a named exit status. No checking logic lives
 * here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "date.h"
#include "options.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/files.h"
#include "samkoll/inspect.h"
#include "samkoll/report.h"
#include "samkoll/ruleset.h"
#include "suggest.h"

static void print_diags(const sk_diags *d, sk_lang lang)
{
    char line[1400];
    for (size_t i = 0; i < d->count; i++) {
        sk_diag_format(&d->items[i], lang, line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
}

/* Loads the embedded rule set or --rules; prints problems. */
static sk_ruleset *load_rules(const cli_opts *o, int *status)
{
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_ruleset *rs = NULL;
    sk_rc rc = o->rules ? sk_ruleset_load_dir(&rs, o->rules, &o->limits, &d)
                        : sk_ruleset_load(&rs, sk_embedded_rules, sk_embedded_rules_count,
                                          &o->limits, &d);
    print_diags(&d, o->lang);
    sk_diags_free(&d);
    if (rc != SK_OK) {
        fprintf(stderr, o->lang ? "samkoll: the rule set could not be loaded\n"
                                : "samkoll: regeluppsättningen kunde inte läsas in\n");
        *status = rc == SK_ENOMEM ? EXIT_SOFTWARE : EXIT_INPUT;
        return NULL;
    }
    return rs;
}

typedef struct run {
    const cli_opts *o;
    const sk_ruleset *rs;
    sk_evaluator *ev;
    int32_t date;
    int input_errors;
    int worst;
} run;

/* Calls fn for each case of each input path, reporting input errors to
 * the report (if any) and to the count. */
typedef void (*case_fn)(run *r, const sk_result *res, void *ud);

static void each_case(run *r, const char *const *paths, size_t n, sk_report *rep,
                      case_fn fn, void *ud)
{
    sk_files files = {0};
    for (size_t i = 0; i < n; i++) {
        sk_diags d;
        sk_diags_init(&d, r->o->lang);
        if (sk_files_collect(&files, paths[i], &d)) {
            r->input_errors++;
            if (rep)
                sk_report_input_error(rep, paths[i], 0, &d);
            else
                print_diags(&d, r->o->lang);
        }
        sk_diags_free(&d);
    }
    for (size_t i = 0; i < files.count; i++) {
        sk_diags d;
        sk_diags_init(&d, r->o->lang);
        sk_source *src;
        if (sk_source_open(&src, files.paths[i], &r->o->limits, &d) != SK_OK) {
            r->input_errors++;
            if (rep)
                sk_report_input_error(rep, files.paths[i], 0, &d);
            else
                print_diags(&d, r->o->lang);
            sk_diags_free(&d);
            continue;
        }
        for (;;) {
            sk_arena a;
            sk_arena_init(&a, 32768);
            sk_case *c;
            sk_diags_free(&d);
            sk_rc rc = sk_source_next(src, &a, r->rs, r->date, &c, &d);
            if (rc == SK_OK) {
                sk_result *res;
                if (sk_evaluate(r->ev, c, &res) == SK_OK) {
                    if (sk_status_rank(sk_result_worst(res)) > r->worst)
                        r->worst = sk_status_rank(sk_result_worst(res));
                    fn(r, res, ud);
                }
            } else if (rc == SK_EINVALID || rc == SK_EIO) {
                r->input_errors++;
                if (rep)
                    sk_report_input_error(rep, files.paths[i], sk_source_doc_line(src), &d);
                else
                    print_diags(&d, r->o->lang);
            }
            sk_arena_free(&a);
            if (rc != SK_OK && rc != SK_EINVALID)
                break;
        }
        sk_diags_free(&d);
        sk_source_close(src);
    }
    sk_files_free(&files);
}

static void report_cb(run *r, const sk_result *res, void *ud)
{
    (void)r;
    sk_report_case(ud, res);
}

/* Output goes to a temporary file next to the target, renamed on success. */
static FILE *open_output(const cli_opts *o, char *tmp, size_t tmpsz)
{
    if (!o->output || !strcmp(o->output, "-"))
        return stdout;
    snprintf(tmp, tmpsz, "%s.tmp.XXXXXX", o->output);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return NULL;
    return fdopen(fd, "w");
}

static int cmd_check(const cli_opts *o, run *r)
{
    if (o->nargs == 0) {
        fprintf(stderr, o->lang ? "samkoll check: no PATH given\n" : "samkoll check: ingen SÖKVÄG angiven\n");
        return EXIT_USAGE;
    }
    char tmp[4096];
    FILE *out = open_output(o, tmp, sizeof tmp);
    if (!out) {
        fprintf(stderr, "samkoll: %s: %s\n", o->output, strerror(errno));
        return EXIT_IOERR;
    }
    sk_report_opts ro = {o->lang, false, o->quiet, r->date};
    ro.color = out == stdout && !o->no_color && !getenv("NO_COLOR") && isatty(fileno(stdout)) &&
               !strcmp(o->format, "text");
    sk_report *rep;
    sk_rc rc = sk_report_open(&rep, o->format, out, r->rs, &ro);
    if (rc == SK_ENOTFOUND) {
        fprintf(stderr, o->lang ? "samkoll: unknown format '%s'\n" : "samkoll: okänt format '%s'\n", o->format);
        if (out != stdout) {
            fclose(out);
            unlink(tmp);
        }
        return EXIT_USAGE;
    }
    if (rc != SK_OK)
        return EXIT_SOFTWARE;
    each_case(r, o->args, o->nargs, rep, report_cb, rep);
    sk_rc wrc = sk_report_close(rep);
    if (out != stdout) {
        if (fclose(out) != 0)
            wrc = SK_EIO;
        if (wrc == SK_OK && rename(tmp, o->output) != 0)
            wrc = SK_EIO;
        if (wrc != SK_OK)
            unlink(tmp);
    }
    if (wrc != SK_OK) {
        fprintf(stderr, o->lang ? "samkoll: the report could not be written: %s\n"
                                : "samkoll: rapporten kunde inte skrivas: %s\n", strerror(errno ? errno : EIO));
        return EXIT_IOERR;
    }
    if (r->input_errors)
        return EXIT_INPUT;
    return r->worst >= sk_status_rank((sk_status)o->fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
}

typedef struct test_state {
    size_t passed, failed;
    sk_coverage *cov;
} test_state;

static void test_cb(run *r, const sk_result *res, void *ud)
{
    test_state *t = ud;
    int bad = sk_expect_check(res, r->o->lang, stdout);
    if (bad < 0)
        return;
    if (bad)
        t->failed++;
    else
        t->passed++;
    if (t->cov)
        sk_coverage_add(t->cov, res);
}

static int cmd_test(const cli_opts *o, run *r)
{
    static const char *const def[] = {"cases"};
    test_state t = {0, 0, NULL};
    t.cov = sk_coverage_new(r->rs);
    each_case(r, o->nargs ? o->args : def, o->nargs ? o->nargs : 1, NULL, test_cb, &t);
    size_t uncovered = 0;
    if (o->coverage) {
        uncovered = sk_coverage_report(t.cov, o->lang, stdout);
        printf(o->lang ? "%zu rules lack a failing or a passing case\n"
                       : "%zu regler saknar ett underkänt eller ett godkänt testfall\n", uncovered);
    }
    sk_coverage_free(t.cov);
    printf(o->lang ? "%zu passed, %zu failed\n" : "%zu godkända, %zu underkända\n", t.passed, t.failed);
    if (r->input_errors)
        return EXIT_INPUT;
    return t.failed || uncovered ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int cmd_lint(const cli_opts *o, const sk_ruleset *rs)
{
    printf(o->lang ? "%zu rules, no problems (sha256 %s)\n" : "%zu regler, inga problem (sha256 %s)\n",
           sk_ruleset_count(rs), sk_ruleset_hash(rs));
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    cli_opts o;
    if (!cli_parse(argc, argv, &o)) {
        free(o.args);
        return EXIT_USAGE;
    }
    int status = EXIT_CLEAN;
    if (o.version) {
        printf("samkoll %s\n", SK_VERSION);
        goto done;
    }
    if (o.help || !o.command || !strcmp(o.command, "help")) {
        cli_help(&o);
        status = o.command || o.help ? EXIT_CLEAN : EXIT_USAGE;
        goto done;
    }
    if (!strcmp(o.command, "schema")) {
        sk_schema_write(stdout);
        goto done;
    }
    static const char *const commands[] = {"check", "test", "lint", "rules", "explain", NULL};
    int known = 0;
    for (size_t i = 0; commands[i]; i++)
        known |= !strcmp(o.command, commands[i]);
    if (!known) {
        static const char *const all[] = {"check", "test", "lint", "rules", "explain", "schema"};
        const char *hint = sk_suggest(o.command, all, 6);
        fprintf(stderr, o.lang ? "samkoll: unknown command '%s'" : "samkoll: okänt kommando '%s'", o.command);
        if (hint)
            fprintf(stderr, o.lang ? " (did you mean '%s'?)" : " (menade du '%s'?)", hint);
        fprintf(stderr, o.lang ? "\nTry 'samkoll --help'.\n" : "\nSe 'samkoll --help'.\n");
        status = EXIT_USAGE;
        goto done;
    }
    sk_ruleset *rs = load_rules(&o, &status);
    if (!rs)
        goto done;
    run r = {&o, rs, NULL, o.date_given ? o.date : sk_date_today(), 0, 0};
    if (!strcmp(o.command, "lint")) {
        status = cmd_lint(&o, rs);
    } else if (!strcmp(o.command, "rules")) {
        sk_rules_list(rs, o.lang, stdout);
    } else if (!strcmp(o.command, "explain")) {
        if (o.nargs != 1)
            status = EXIT_USAGE;
        else if (sk_rule_explain(rs, o.args[0], o.lang, stdout) != SK_OK)
            status = EXIT_USAGE;
    } else if (sk_evaluator_new(&r.ev, rs) != SK_OK) {
        status = EXIT_SOFTWARE;
    } else {
        status = !strcmp(o.command, "check") ? cmd_check(&o, &r) : cmd_test(&o, &r);
        sk_evaluator_free(r.ev);
    }
    sk_ruleset_free(rs);
done:
    free(o.args);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, o.lang ? "samkoll: write error on standard output\n"
                               : "samkoll: skrivfel på standard ut\n");
        return EXIT_IOERR;
    }
    return status;
}
