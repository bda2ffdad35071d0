/* cmd_advice.c - `samkoll compare` and `samkoll ask` (see
 * samkoll/advice.h); `ask --interactive` asks on the terminal and writes
 * the answered case to a new file. */
#include "cleanup.h"
#include "cmds.h"
#include "commands.h"
#include "texts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samkoll/advice.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/files.h"
#include "samkoll/interview.h"
#include "samkoll/outfile.h"
#include "samkoll/util.h"

/* ---- loading cases ------------------------------------------------------ */

typedef struct loaded {
    sk_arena **arenas;
    sk_case **cases;
    size_t n, cap;
    size_t errors;            /* documents or files rejected */
} loaded;

static void loaded_free(loaded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        sk_arena_destroy(l->arenas[i]);
    }
    free(l->arenas);
    free(l->cases);
    memset(l, 0, sizeof *l);
}

/* Loads every case of src; rejected documents are counted (and printed
 * if print). Returns SK_ENOMEM or SK_OK. */
static sk_rc load_source(sk_source *src, const cli_opts *o, const sk_ruleset *rs,
                         int32_t date, loaded *l, int print)
{
    for (;;) {
        sk_arena *a = sk_arena_new();
        if (!a)
            return SK_ENOMEM;
        sk_diags d;
        sk_diags_init(&d, o->lang);
        sk_case *c = NULL;
        sk_rc rc = sk_source_next(src, a, rs, date, &c, &d);
        if (print)
            sk_diags_print(&d, stderr);
        sk_diags_free(&d);
        if (rc == SK_OK && (!o->case_id || !strcmp(sk_case_id(c), o->case_id))) {
            if (l->n == l->cap) {
                size_t cap = l->cap ? l->cap * 2 : 8;
                sk_arena **na = realloc(l->arenas, cap * sizeof *na);
                if (na)
                    l->arenas = na;
                sk_case **nc = realloc(l->cases, cap * sizeof *nc);
                if (nc)
                    l->cases = nc;
                if (!na || !nc) {
                    sk_arena_destroy(a);
                    return SK_ENOMEM;
                }
                l->cap = cap;
            }
            l->arenas[l->n] = a;
            l->cases[l->n++] = c;
            continue;
        }
        sk_arena_destroy(a);
        if (rc == SK_OK)
            continue;
        if (rc == SK_ENOMEM)
            return rc;
        if (rc == SK_EINVALID) {
            l->errors++;
            continue;
        }
        if (rc == SK_EIO)
            l->errors++;
        return SK_OK; /* SK_EEND, SK_EIO */
    }
}

static sk_rc load_path(const char *path, const cli_opts *o, const sk_ruleset *rs, int32_t date,
                       loaded *l)
{
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_source *src = NULL;
    sk_rc rc = sk_source_open(&src, path, &o->limits, &d);
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    if (rc != SK_OK) {
        l->errors++;
        return rc == SK_ENOMEM ? rc : SK_OK;
    }
    rc = load_source(src, o, rs, date, l, 1);
    sk_source_close(src);
    return rc;
}

static sk_rc load_args(const cli_opts *o, const sk_ruleset *rs, int32_t date, loaded *l)
{
    for (size_t i = 0; i < o->nargs; i++) {
        sk_files files = {0};
        sk_diags d;
        sk_diags_init(&d, o->lang);
        l->errors += (size_t)sk_files_collect(&files, o->args[i], &d);
        sk_diags_print(&d, stderr);
        sk_diags_free(&d);
        sk_rc rc = SK_OK;
        for (size_t k = 0; k < files.count && rc == SK_OK; k++)
            rc = load_path(files.paths[k], o, rs, date, l);
        sk_files_free(&files);
        if (rc != SK_OK)
            return rc;
    }
    return SK_OK;
}

/* ---- writing files atomically ------------------------------------------ */

/* Renders with fn into memory, then writes it to the output's file
 * (atomically) or to standard output. */
typedef sk_rc (*render_fn)(const void *ud, const char *format, FILE *f);

static int emit(const cli_opts *o, const cli_output *out, render_fn fn, const void *ud)
{
    if (!out->file) {
        sk_rc rc = fn(ud, out->format, stdout);
        return rc == SK_OK ? EXIT_CLEAN : rc == SK_EIO ? EXIT_IOERR : EXIT_SOFTWARE;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return EXIT_SOFTWARE;
    sk_rc rc = fn(ud, out->format, m);
    int ferr = fclose(m);
    if (rc != SK_OK || ferr) {
        free(buf);
        return rc == SK_ENOMEM || ferr ? EXIT_SOFTWARE : EXIT_IOERR;
    }
    if (sk_write_file_atomic(out->file, buf, len) != SK_OK) {
        fprintf(stderr, o->lang ? "samkoll: %s could not be written: %s\n"
                                : "samkoll: %s kunde inte skrivas: %s\n",
                out->file, strerror(errno));
        free(buf);
        return EXIT_IOERR;
    }
    free(buf);
    return EXIT_CLEAN;
}

static int no_case(const cli_opts *o, const char *cmd)
{
    if (o->case_id)
        fprintf(stderr, o->lang ? "samkoll %s: no case '%s' in the input\n"
                                : "samkoll %s: inget ärende '%s' i indata\n", cmd, o->case_id);
    return o->case_id ? EXIT_USAGE : EXIT_INPUT;
}

/* ---- compare ------------------------------------------------------------ */

typedef struct cmp_out {
    const sk_comparison *const *cmps;
    size_t n;
    sk_lang lang;
} cmp_out;

static sk_rc render_compare(const void *ud, const char *format, FILE *f)
{
    const cmp_out *c = ud;
    return sk_compare_write(c->cmps, c->n, format, c->lang, f);
}

int cmd_compare(const cli_opts *o, const sk_ruleset *rs)
{
    int32_t date = cli_date(o);
    if (o->nargs == 0) {
        fprintf(stderr, o->lang ? "samkoll compare: no CASE given\n" : "samkoll compare: inget ÄRENDE angivet\n");
        return EXIT_USAGE;
    }
    if (!cli_check_formats(o, sk_compare_formats()))
        return EXIT_USAGE;
    const char *forms[16];
    size_t nforms = 0;
    char *fcopy = o->forms ? strdup(o->forms) : NULL;
    if (o->forms && !fcopy)
        return EXIT_SOFTWARE;
    for (char *save = NULL, *t = fcopy ? strtok_r(fcopy, ", ", &save) : NULL; t;
         t = strtok_r(NULL, ", ", &save))
        if (nforms < 16)
            forms[nforms++] = t;
    int status = EXIT_CLEAN;
    loaded l = {0};
    sk_evaluator *ev = NULL;
    const sk_comparison **cmps = NULL;
    if (load_args(o, rs, date, &l) != SK_OK || sk_evaluator_new(&ev, rs) != SK_OK) {
        status = EXIT_SOFTWARE;
        goto done;
    }
    if (!l.n) {
        status = l.errors ? EXIT_INPUT : no_case(o, "compare");
        goto done;
    }
    cmps = calloc(l.n, sizeof *cmps);
    if (!cmps) {
        status = EXIT_SOFTWARE;
        goto done;
    }
    for (size_t i = 0; i < l.n; i++) {
        sk_comparison *cmp;
        size_t bad = 0;
        sk_rc rc = sk_compare(ev, rs, l.cases[i], nforms ? forms : NULL, nforms, &cmp, &bad);
        if (rc == SK_ENOTFOUND) {
            const char *const *known = sk_case_forms();
            size_t nv = 0;
            while (known[nv])
                nv++;
            const char *hint = sk_suggest(forms[bad], known, nv);
            int en = o->lang == SK_LANG_EN;
            fprintf(stderr, cli_text(T_COMPARE_UNKNOWN_FORM, en), forms[bad]);
            if (hint)
                fprintf(stderr, cli_text(T_DID_YOU_MEAN, en), hint);
            fputc('\n', stderr);
            status = EXIT_USAGE;
            goto done;
        }
        if (rc != SK_OK) {
            status = EXIT_SOFTWARE;
            goto done;
        }
        cmps[i] = cmp;
    }
    cmp_out co = {cmps, l.n, o->lang};
    for (size_t i = 0; i < o->noutputs && status == EXIT_CLEAN; i++)
        status = emit(o, &o->outputs[i], render_compare, &co);
    if (status == EXIT_CLEAN && l.errors)
        status = EXIT_INPUT;
done:
    free(cmps);
    sk_evaluator_free(ev);
    loaded_free(&l);
    free(fcopy);
    return status;
}

/* ---- ask ---------------------------------------------------------------- */

typedef struct ask_out {
    const sk_result *const *res;
    const sk_questions *const *qs;
    size_t n;
    sk_lang lang;
} ask_out;

static sk_rc render_ask(const void *ud, const char *format, FILE *f)
{
    const ask_out *a = ud;
    return sk_questions_write(a->res, a->qs, a->n, format, a->lang, f);
}

/* Evaluates every case of l and writes its questions to the outputs (or,
 * with to_stdout, as text to standard output). */
static int ask_report(const cli_opts *o, sk_evaluator *ev, const loaded *l, int to_stdout)
{
    const sk_result **res = calloc(l->n ? l->n : 1, sizeof *res);
    const sk_questions **qs = calloc(l->n ? l->n : 1, sizeof *qs);
    int status = res && qs ? EXIT_CLEAN : EXIT_SOFTWARE;
    for (size_t i = 0; i < l->n && status == EXIT_CLEAN; i++) {
        sk_result *r = NULL;
        sk_questions *q = NULL;
        if (sk_evaluate(ev, l->cases[i], &r) != SK_OK || sk_questions_of(r, &q) != SK_OK)
            status = EXIT_SOFTWARE;
        res[i] = r;
        qs[i] = q;
    }
    ask_out ao = {res, qs, l->n, o->lang};
    if (status == EXIT_CLEAN && to_stdout) {
        cli_output out = {.format = "text", .file = NULL};
        status = emit(o, &out, render_ask, &ao);
    }
    for (size_t i = 0; !to_stdout && i < o->noutputs && status == EXIT_CLEAN; i++)
        status = emit(o, &o->outputs[i], render_ask, &ao);
    free(res);
    free(qs);
    return status;
}

/* -- the interactive interview: the session (samkoll/interview.h) asks,
 * this front end reads lines and prints -- */

static void print_question(const sk_interview_question *q, int en)
{
    printf("\n[%zu] %s\n", q->number, q->text);
    printf(cli_text(q->nrules == 1 ? T_ASK_FACT_DECIDES_1 : T_ASK_FACT_DECIDES, en), q->key, q->nrules);
    for (size_t i = 0; i < q->nrules; i++)
        printf("%s%s", i ? ", " : "", q->rules[i]);
    printf("\n");
    for (size_t i = 0; q->choices && q->choices[i]; i++)
        printf("%s%zu) %s%s", i ? "  " : "     ", i + 1, q->choices[i], q->choices[i + 1] ? "" : "\n");
}

/* One line of input without its line break; 0 at end of input or when a
 * signal interrupted the read. */
static int read_line(char **line, size_t *cap)
{
    fflush(stdout);
    if (cli_interrupted())
        return 0;
    ssize_t n = getline(line, cap, stdin);
    if (n < 0)
        return 0;
    while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
        (*line)[--n] = '\0';
    return 1;
}

/* Asks until no question is left or the input ends. */
static void interview_loop(sk_interview *s, int en)
{
    char *line = NULL;
    size_t cap = 0, shown = 0;
    for (;;) {
        const sk_interview_question *q = sk_interview_next(s);
        const char *notice = sk_interview_notice(s);
        if (notice)
            fputs(notice, stdout);
        if (!q)
            break;
        if (q->number != shown)
            print_question(q, en);
        shown = q->number;
        printf("     %s> ", q->help);
        if (!read_line(&line, &cap))
            break;
        const char *msg = NULL;
        if (sk_interview_answer(s, line, &msg) == SK_IA_FAILED)
            break;
        if (msg)
            printf("     %s\n", msg);
    }
    free(line);
}

/* Opens the session, or says why not: EXIT_CLEAN or the exit status. */
static int interview_open(const cli_opts *o, const sk_ruleset *rs, sk_interview **s)
{
    int en = o->lang == SK_LANG_EN;
    const char *path = o->args[0];
    sk_interview_opts io = {.path = path, .output = o->output, .rs = rs, .date = cli_date(o),
                            .lang = o->lang, .limits = &o->limits, .case_id = o->case_id};
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_interview_status st = sk_interview_open(s, &io, &d);
    int err = errno;
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    char *out = sk_interview_output_for(path, o->output);
    int status = EXIT_CLEAN;
    switch (st) {
    case SK_IV_OK: break;
    case SK_IV_NOMEM: status = EXIT_SOFTWARE; break;
    case SK_IV_OUTPUT_IS_CASE:
        fprintf(stderr, cli_text(T_ASK_WOULD_OVERWRITE, en), out ? out : "-");
        status = EXIT_USAGE;
        break;
    case SK_IV_OUTPUT_UNWRITABLE:
        fprintf(stderr, cli_text(T_ASK_CANNOT_BE_WRITTEN, en), out ? out : "-", strerror(err));
        status = EXIT_IOERR;
        break;
    case SK_IV_CASE_UNREADABLE:
        fprintf(stderr, "samkoll: %s: %s\n", path, strerror(err));
        status = EXIT_INPUT;
        break;
    case SK_IV_CASE_INVALID:
        fprintf(stderr, cli_text(T_ASK_MUST_BE_VALID, en), path);
        status = EXIT_INPUT;
        break;
    case SK_IV_NO_SUCH_CASE: status = no_case(o, "ask"); break;
    }
    free(out);
    return status;
}

/* Writes the answered case (validated) and what is still unknown. */
static int interview_finish(sk_interview *s, const cli_opts *o)
{
    int en = o->lang == SK_LANG_EN;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_rc rc = sk_interview_write(s, &d);
    int err = errno;
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    const char *out = sk_interview_output(s);
    size_t n = sk_interview_answered(s);
    if (rc != SK_OK) {
        fprintf(stderr, cli_text(T_ASK_COULD_NOT_WRITE, en), out,
                rc == SK_EIO ? strerror(err) : cli_text(T_ASK_NOT_VALID, en));
        return rc == SK_EIO ? EXIT_IOERR : EXIT_SOFTWARE;
    }
    if (cli_interrupted()) {
        printf(cli_text(T_ASK_INTERRUPTED, en), out, n);
        return 128 + cli_interrupted();
    }
    printf(cli_text(n == 1 ? T_ASK_WROTE_1 : T_ASK_WROTE, en), out, n);
    fputs(cli_text(T_ASK_STILL_UNKNOWN, en), stdout);
    if (sk_interview_report(s, stdout) != SK_OK || sk_interview_failed(s))
        return EXIT_SOFTWARE;
    return EXIT_CLEAN;
}

static int cmd_interactive(const cli_opts *o, const sk_ruleset *rs)
{
    int en = o->lang == SK_LANG_EN;
    if (o->nargs != 1 || !strcmp(o->args[0], "-")) {
        fputs(cli_text(T_ASK_ONE_CASE_FILE, en), stderr);
        return EXIT_USAGE;
    }
    sk_interview *s = NULL;
    int status = interview_open(o, rs, &s);
    if (status != EXIT_CLEAN)
        return status;
    printf(cli_text(T_ASK_START, en), o->args[0], sk_interview_output(s), o->args[0]);
    cli_interrupt_catch(); /* Ctrl-C or SIGTERM: the answers so far are kept */
    interview_loop(s, en);
    status = interview_finish(s, o);
    sk_interview_free(s);
    return status;
}

int cmd_ask(const cli_opts *o, const sk_ruleset *rs)
{
    if (o->interactive)
        return cmd_interactive(o, rs);
    int32_t date = cli_date(o);
    if (o->nargs == 0) {
        fprintf(stderr, o->lang ? "samkoll ask: no CASE given\n" : "samkoll ask: inget ÄRENDE angivet\n");
        return EXIT_USAGE;
    }
    static const char *const names[] = {"text", "json", NULL};
    if (!cli_check_formats(o, names))
        return EXIT_USAGE;
    loaded l = {0};
    sk_evaluator *ev = NULL;
    int status;
    if (load_args(o, rs, date, &l) != SK_OK || sk_evaluator_new(&ev, rs) != SK_OK)
        status = EXIT_SOFTWARE;
    else if (!l.n)
        status = l.errors ? EXIT_INPUT : no_case(o, "ask");
    else
        status = ask_report(o, ev, &l, 0);
    if (status == EXIT_CLEAN && l.errors)
        status = EXIT_INPUT;
    sk_evaluator_free(ev);
    loaded_free(&l);
    return status;
}
