/* cmd_advice.c - `samkoll compare` and `samkoll ask` (see
 * samkoll/advice.h); `ask --interactive` is cmd_interview.c. */
#include "cmds.h"
#include "commands.h"
#include "emit.h"
#include "texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samkoll/advice.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/files.h"
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
static int emit(const cli_opts *o, const cli_output *out, cli_render_fn fn, const void *ud)
{
    cli_emit_to to = {out->file, out->format, 0, T_COULD_NOT_BE_WRITTEN, T_COULD_NOT_BE_WRITTEN};
    return cli_emit(o, &to, fn, ud);
}

static int no_case(const cli_opts *o, const char *cmd)
{
    if (o->case_id)
        fprintf(stderr, cli_text(T_NO_CASE_IN_INPUT, o->lang == SK_LANG_EN), cmd, o->case_id);
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
        fprintf(stderr, cli_text(T_NO_CASE_GIVEN, o->lang == SK_LANG_EN), "compare");
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

int cmd_ask(const cli_opts *o, const sk_ruleset *rs)
{
    if (o->interactive)
        return cmd_ask_interactive(o, rs);
    int32_t date = cli_date(o);
    if (o->nargs == 0) {
        fprintf(stderr, cli_text(T_NO_CASE_GIVEN, o->lang == SK_LANG_EN), "ask");
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
