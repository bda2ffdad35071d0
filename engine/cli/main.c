/* main.c - the samkoll command line: parse options, call the engine,
 * turn the outcome into a named exit status. No checking logic lives
 * here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "samkoll/batch.h"
#include "samkoll/case.h"
#include "samkoll/catalog.h"
#include "cmd_advice.h"
#include "samkoll/eval.h"
#include "samkoll/files.h"
#include "samkoll/inspect.h"
#include "samkoll/report.h"
#include "samkoll/ruleset.h"
#include "samkoll/util.h"

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
    /* the YAML limits are for cases; the rule set (trusted, or semi-trusted
     * with --rules) is read with the defaults, the regex limits apply */
    sk_limits lim;
    sk_limits_default(&lim);
    lim.regex_match_limit = o->limits.regex_match_limit;
    lim.regex_depth_limit = o->limits.regex_depth_limit;
    lim.regex_heap_kib = o->limits.regex_heap_kib;
    sk_rc rc = o->rules ? sk_ruleset_load_dir(&rs, o->rules, &lim, &d)
                        : sk_ruleset_load_embedded(&rs, &lim, &d);
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
    sk_batch_opts bo;
} run;

/* One report being written: to standard output, or to a temporary file
 * next to its target that is renamed into place only when complete. */
typedef struct output {
    const cli_output *spec;
    FILE *f;
    char tmp[4096];
    sk_report *rep;
    int direct;             /* not a regular file (/dev/stdout, a FIFO): written in place */
    int done;               /* closed; tmp still to be renamed or removed */
} output;

static int open_output(output *out, const cli_opts *o, const run *r)
{
    out->f = stdout;
    struct stat st;
    if (out->spec->file && stat(out->spec->file, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or a pipe: there is nothing to replace atomically */
        out->direct = 1;
        out->f = fopen(out->spec->file, "w");
        if (!out->f) {
            fprintf(stderr, "samkoll: %s: %s\n", out->spec->file, strerror(errno));
            return EXIT_IOERR;
        }
    } else if (out->spec->file) {
        snprintf(out->tmp, sizeof out->tmp, "%s.tmp.XXXXXX", out->spec->file);
        int fd = mkstemp(out->tmp);
        if (fd >= 0) {
            /* mkstemp makes the file private; a report gets the usual mode */
            mode_t mask = umask(0);
            umask(mask);
            if (fchmod(fd, 0666 & ~mask) != 0) {
                /* keep the private mode */
            }
        }
        out->f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!out->f) {
            fprintf(stderr, "samkoll: %s: %s\n", out->spec->file, strerror(errno));
            if (fd >= 0) {
                close(fd);
                unlink(out->tmp);
            }
            return EXIT_IOERR;
        }
    }
    sk_report_opts ro = {o->lang, false, o->quiet, r->bo.default_date, o->explain,
                         (uint8_t)(o->junit_fail_on ? o->junit_fail_on : o->fail_on), o->csv_bom};
    ro.color = out->f == stdout && !o->no_color && !getenv("NO_COLOR") &&
               isatty(fileno(stdout)) && !strcmp(out->spec->format, "text");
    sk_rc rc = sk_report_open(&out->rep, out->spec->format, out->f, r->rs, &ro);
    if (rc == SK_ENOTFOUND) {
        const char *const *names = sk_report_formats();
        size_t n = 0;
        while (names[n])
            n++;
        const char *hint = sk_suggest(out->spec->format, names, n);
        fprintf(stderr, o->lang ? "samkoll: unknown format '%s'" : "samkoll: okänt format '%s'",
                out->spec->format);
        if (hint)
            fprintf(stderr, o->lang ? " (did you mean '%s'?)" : " (menade du '%s'?)", hint);
        fputc('\n', stderr);
    }
    if (rc != SK_OK) {
        if (out->f != stdout) {
            fclose(out->f);
            if (!out->direct)
                unlink(out->tmp);
        }
        out->f = NULL;
        return rc == SK_ENOTFOUND ? EXIT_USAGE : EXIT_SOFTWARE;
    }
    return EXIT_CLEAN;
}

static int write_failed(const output *out, const cli_opts *o, int err)
{
    fprintf(stderr, o->lang ? "samkoll: the report could not be written: %s%s%s\n"
                            : "samkoll: rapporten kunde inte skrivas: %s%s%s\n",
            out->spec->file ? out->spec->file : "-", err ? ": " : "", err ? strerror(err) : "");
    return EXIT_IOERR;
}

/* Closes a report and its file (first pass over the outputs). */
static int close_output(output *out, const cli_opts *o)
{
    if (!out->f)
        return EXIT_CLEAN;
    errno = 0;
    sk_rc rc = sk_report_close(out->rep);
    int err = errno;
    int failed = rc != SK_OK;
    if (out->f != stdout) {
        errno = 0;
        if (fclose(out->f) != 0) {
            failed = 1;
            err = err ? err : errno;
        }
        out->done = !out->direct;
    }
    out->f = NULL;
    return failed ? write_failed(out, o, err) : EXIT_CLEAN;
}

/* Renames a closed report file into place if the whole run went well,
 * else removes it (second pass): a failed run leaves no report behind. */
static int commit_output(output *out, const cli_opts *o, int ok)
{
    if (!out->done)
        return EXIT_CLEAN;
    out->done = 0;
    if (ok && rename(out->tmp, out->spec->file) == 0)
        return EXIT_CLEAN;
    int err = ok ? errno : 0;
    unlink(out->tmp);
    return ok ? write_failed(out, o, err) : EXIT_CLEAN;
}

static int cmd_check(const cli_opts *o, run *r)
{
    if (o->nargs == 0) {
        fprintf(stderr, o->lang ? "samkoll check: no PATH given\n" : "samkoll check: ingen SÖKVÄG angiven\n");
        return EXIT_USAGE;
    }
    output outs[CLI_MAX_OUTPUTS];
    sk_report *reps[CLI_MAX_OUTPUTS] = {0};
    memset(outs, 0, sizeof outs);
    int status = EXIT_CLEAN;
    size_t opened = 0;
    for (; opened < o->noutputs && status == EXIT_CLEAN; opened++) {
        outs[opened].spec = &o->outputs[opened];
        status = open_output(&outs[opened], o, r);
        reps[opened] = outs[opened].rep;
    }
    sk_batch_stats st = {0, 0, 0};
    if (status == EXIT_CLEAN &&
        sk_batch_check(&r->bo, o->args, o->nargs, reps, o->noutputs, &st) != SK_OK)
        status = EXIT_SOFTWARE;
    for (size_t i = 0; i < opened; i++) {
        int s = close_output(&outs[i], o);
        if (status == EXIT_CLEAN)
            status = s;
    }
    for (size_t i = 0; i < opened; i++) {
        int s = commit_output(&outs[i], o, status == EXIT_CLEAN);
        if (status == EXIT_CLEAN)
            status = s;
    }
    if (status != EXIT_CLEAN)
        return status;
    if (st.input_errors)
        return EXIT_INPUT;
    return st.worst >= sk_status_rank((sk_status)o->fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
}

typedef struct test_state {
    const cli_opts *o;
    size_t passed, failed;
    sk_coverage *cov;
} test_state;

static void test_case(const sk_result *res, void *ud)
{
    test_state *t = ud;
    int bad = sk_expect_check(res, t->o->lang, stdout);
    if (bad < 0)
        return;
    if (bad)
        t->failed++;
    else
        t->passed++;
    if (t->cov)
        sk_coverage_add(t->cov, res);
}

static void test_error(const char *file, unsigned line, const sk_diags *d, void *ud)
{
    (void)file;
    (void)line;
    print_diags(d, ((test_state *)ud)->o->lang);
}

static int cmd_test(const cli_opts *o, run *r)
{
    static const char *const def[] = {"cases"};
    test_state t = {o, 0, 0, sk_coverage_new(r->rs)};
    if (!t.cov)
        return EXIT_SOFTWARE;
    sk_batch_stats st;
    sk_rc rc = sk_batch_each(&r->bo, o->nargs ? o->args : def, o->nargs ? o->nargs : 1,
                             test_case, test_error, &t, &st);
    size_t uncovered = 0;
    if (o->coverage) {
        uncovered = sk_coverage_report(t.cov, o->lang, stdout);
        printf(o->lang ? "%zu rules lack a failing or a passing case\n"
                       : "%zu regler saknar ett underkänt eller ett godkänt testfall\n", uncovered);
    }
    sk_coverage_free(t.cov);
    printf(o->lang ? "%zu passed, %zu failed\n" : "%zu godkända, %zu underkända\n", t.passed, t.failed);
    if (rc != SK_OK)
        return EXIT_SOFTWARE;
    if (st.input_errors)
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
        cli_free(&o);
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
    static const char *const commands[] = {"check", "test", "lint", "rules", "explain", "forms",
                                           "legal-basis", "compare", "ask", NULL};
    int known = 0;
    for (size_t i = 0; commands[i]; i++)
        known |= !strcmp(o.command, commands[i]);
    if (!known) {
        static const char *const all[] = {"check", "test", "lint", "rules", "explain", "schema",
                                          "forms", "legal-basis", "compare", "ask"};
        const char *hint = sk_suggest(o.command, all, 10);
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
    run r = {&o, rs, {rs, &o.limits, o.date_given ? o.date : sk_date_today(), o.lang, o.jobs,
                      o.explain}};
    if (!strcmp(o.command, "lint")) {
        status = cmd_lint(&o, rs);
    } else if (!strcmp(o.command, "forms")) {
        const char *fmt = o.noutputs && o.outputs[0].format ? o.outputs[0].format : "text";
        if (sk_forms_write(rs, fmt, o.lang, stdout) != SK_OK) {
            fprintf(stderr, o.lang ? "samkoll forms: unknown format '%s' (text, markdown, html)\n"
                                   : "samkoll forms: okänt format '%s' (text, markdown, html)\n", fmt);
            status = EXIT_USAGE;
        }
    } else if (!strcmp(o.command, "compare")) {
        status = cmd_compare(&o, rs, o.date_given ? o.date : sk_date_today());
    } else if (!strcmp(o.command, "ask")) {
        status = cmd_ask(&o, rs, o.date_given ? o.date : sk_date_today());
    } else if (!strcmp(o.command, "legal-basis")) {
        sk_legal_basis_write(rs, stdout);
    } else if (!strcmp(o.command, "rules")) {
        sk_rules_list(rs, o.lang, stdout);
    } else if (!strcmp(o.command, "explain")) {
        if (o.nargs != 1)
            status = EXIT_USAGE;
        else if (sk_rule_explain(rs, o.args[0], o.lang, stdout) != SK_OK)
            status = EXIT_USAGE;
    } else {
        status = !strcmp(o.command, "check") ? cmd_check(&o, &r) : cmd_test(&o, &r);
    }
    sk_ruleset_free(rs);
done:
    cli_free(&o);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, o.lang ? "samkoll: write error on standard output\n"
                               : "samkoll: skrivfel på standard ut\n");
        return EXIT_IOERR;
    }
    return status;
}
