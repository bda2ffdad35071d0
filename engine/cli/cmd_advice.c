/* cmd_advice.c - `samkoll compare` and `samkoll ask` (see
 * samkoll/advice.h); `ask --interactive` asks on the terminal and writes
 * the answered case to a new file. */
#include "cleanup.h"
#include "cmds.h"
#include "commands.h"
#include "texts.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samkoll/advice.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/files.h"
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

/* -- the interactive session -- */

typedef struct session {
    const cli_opts *o;
    const sk_ruleset *rs;
    int32_t date;
    sk_evaluator *ev;
    const char *path;
    char *text;
    size_t len;
    char **skip;              /* "DOC\tKEY" answered "vet ej" or not placeable */
    size_t nskip, capskip;
    size_t answered;
    char *line;
    size_t linecap;
    size_t ndocs;
    int en;
} session;

static sk_rc parse_text(session *s, const char *text, size_t len, loaded *l, int print)
{
    sk_source *src = NULL;
    sk_rc rc = sk_source_open_mem(&src, s->path, text, len, &s->o->limits);
    if (rc != SK_OK)
        return rc;
    cli_opts all = *s->o;
    all.case_id = NULL; /* documents are counted in the whole file */
    rc = load_source(src, &all, s->rs, s->date, l, print);
    sk_source_close(src);
    return rc;
}

static int skipped(const session *s, size_t doc, const char *key)
{
    char head[32];
    int n = snprintf(head, sizeof head, "%zu\t", doc);
    for (size_t i = 0; i < s->nskip; i++)
        if (!strncmp(s->skip[i], head, (size_t)n) && !strcmp(s->skip[i] + n, key))
            return 1;
    return 0;
}

static void add_skip(session *s, size_t doc, const char *key)
{
    if (s->nskip == s->capskip) {
        size_t cap = s->capskip ? s->capskip * 2 : 16;
        char **v = realloc(s->skip, cap * sizeof *v);
        if (!v)
            return;
        s->skip = v;
        s->capskip = cap;
    }
    size_t n = strlen(key) + 32;
    char *e = malloc(n);
    if (!e)
        return;
    snprintf(e, n, "%zu\t%s", doc, key);
    s->skip[s->nskip++] = e;
}

/* One line of input without its line break; 0 at end of input. */
static int read_answer(session *s)
{
    fflush(stdout);
    if (cli_interrupted())
        return 0;
    ssize_t n = getline(&s->line, &s->linecap, stdin);
    if (n < 0) /* end of input, or a signal interrupted the read */
        return 0;
    while (n > 0 && (s->line[n - 1] == '\n' || s->line[n - 1] == '\r'))
        s->line[--n] = '\0';
    return 1;
}

static const char *prompt_of(const sk_question *q, int en)
{
    switch (sk_question_kind(q)) {
    case SK_ANS_BOOL: return cli_text(T_PROMPT_BOOL, en);
    case SK_ANS_ENUM: return cli_text(T_PROMPT_ENUM, en);
    case SK_ANS_TEXT_OR_BOOL: return cli_text(T_PROMPT_TEXT_OR_BOOL, en);
    case SK_ANS_INT: return cli_text(T_PROMPT_INT, en);
    case SK_ANS_NUM: return cli_text(T_PROMPT_NUM, en);
    case SK_ANS_PERCENT: return cli_text(T_PROMPT_PERCENT, en);
    case SK_ANS_DATE: return cli_text(T_PROMPT_DATE, en);
    case SK_ANS_LIST: return cli_text(T_PROMPT_LIST, en);
    case SK_ANS_ITEMS: return cli_text(T_PROMPT_ITEMS, en);
    case SK_ANS_NAMED_ITEMS: return "";
    case SK_ANS_TEXT: break;
    }
    return cli_text(T_PROMPT_TEXT, en);
}

static void print_values(const sk_question *q)
{
    const char *const *v = sk_question_values(q);
    if (!v)
        return;
    printf("     ");
    for (size_t i = 0; v[i]; i++)
        printf("%s%zu) %s", i ? "  " : "", i + 1, v[i]);
    printf("\n");
}

typedef struct answer_buf {
    char *v[101];
    size_t n;
} answer_buf;

static void answer_free(answer_buf *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    a->n = 0;
}

static void print_question(const session *s, const sk_question *q, size_t number)
{
    int en = s->en;
    const char *ctx = sk_question_context(q);
    printf("\n[%zu] %s%s%s\n", number, sk_question_text(q, s->o->lang), ctx ? " \u2014 " : "",
           ctx ? ctx : "");
    size_t nr = sk_question_nrules(q);
    printf(cli_text(nr == 1 ? T_ASK_FACT_DECIDES_1 : T_ASK_FACT_DECIDES, en), sk_question_key(q), nr);
    for (size_t i = 0; i < nr; i++)
        printf("%s%s", i ? ", " : "", sk_question_rule(q, i));
    printf("\n");
    sk_answer_kind k = sk_question_kind(q);
    if (k == SK_ANS_ENUM || k == SK_ANS_LIST)
        print_values(q);
}

/* Names, one per line, until an empty line. */
static int ask_named_items(session *s, const sk_question *q, answer_buf *a)
{
    for (;;) {
        printf(cli_text(T_ASK_NAME_NO, s->en), a->n + 1);
        if (!read_answer(s))
            return a->n ? 1 : -1;
        const char *in = s->line;
        while (*in == ' ')
            in++;
        if (!*in)
            return 1;
        char *out = NULL;
        int r = sk_answer_parse(q, in, s->o->lang, &out);
        if (r < 0 && a->n == 0)
            return 0;
        if (r > 0 && a->n < 100) {
            a->v[a->n++] = out;
            continue;
        }
        if (out)
            printf("     %s\n", out);
        free(out);
    }
}

/* A list answer on one line, values separated by commas: 1 taken, 0 "vet
 * ej", 2 ask again. */
static int take_list(session *s, const sk_question *q, answer_buf *a)
{
    const char *in = s->line;
    while (*in == ' ')
        in++;
    static const char *const none[] = {"inga", "ingen", "none", "-", "[]", NULL};
    for (size_t i = 0; none[i]; i++)
        if (!strcasecmp(in, none[i]))
            return 1; /* an empty list */
    char *copy = strdup(in), *save = NULL;
    int bad = 0, dk = 0;
    for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t && !bad; t = strtok_r(NULL, ",", &save)) {
        char *out = NULL;
        int r = sk_answer_parse(q, t, s->o->lang, &out);
        if (r > 0 && a->n < 100) {
            a->v[a->n++] = out;
        } else if (r < 0) {
            dk = 1;
        } else {
            if (out)
                printf("     %s\n", out);
            free(out);
            bad = 1;
        }
    }
    free(copy);
    if (dk && !a->n)
        return 0;
    if (!bad && a->n)
        return 1;
    answer_free(a);
    return 2;
}

/* Asks q; 1 answered (a filled), 0 "vet ej", -1 end of input. */
static int ask_one(session *s, const sk_question *q, size_t number, answer_buf *a)
{
    print_question(s, q, number);
    sk_answer_kind k = sk_question_kind(q);
    a->n = 0;
    if (k == SK_ANS_NAMED_ITEMS)
        return ask_named_items(s, q, a);
    for (;;) {
        printf("     %s> ", prompt_of(q, s->en));
        if (!read_answer(s))
            return -1;
        if (k == SK_ANS_LIST) {
            int r = take_list(s, q, a);
            if (r != 2)
                return r;
            continue;
        }
        char *out = NULL;
        int r = sk_answer_parse(q, s->line, s->o->lang, &out);
        if (r > 0) {
            a->v[a->n++] = out;
            return 1;
        }
        if (r < 0)
            return 0;
        if (out)
            printf("     %s\n", out);
        free(out);
    }
}

/* The default name of the answered case: CASE.yaml -> CASE.answered.yaml. */
static char *answered_name(const char *path)
{
    size_t n = strlen(path);
    size_t base = n;
    if (n > 5 && !strcmp(path + n - 5, ".yaml"))
        base = n - 5;
    else if (n > 4 && !strcmp(path + n - 4, ".yml"))
        base = n - 4;
    char *out = malloc(base + sizeof ".answered.yaml");
    if (out) {
        memcpy(out, path, base);
        memcpy(out + base, ".answered.yaml", sizeof ".answered.yaml");
    }
    return out;
}

static int read_whole(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 65536, n = 0;
    char *b = malloc(cap + 1);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > max) {
            free(b);
            fclose(f);
            errno = EFBIG;
            return -1;
        }
        if (n == cap) {
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb)
                free(b);
            b = nb;
            cap *= 2;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (!b || err) {
        free(b);
        errno = err ? EIO : ENOMEM;
        return -1;
    }
    b[n] = '\0';
    *out = b;
    *len = n;
    return 0;
}

/* The output file of the interview: -o FILE, or CASE.answered.yaml; never
 * the case itself, and writable before the first question is asked (a
 * temporary file is made next to it and removed). NULL after a message. */
static char *interview_outpath(const cli_opts *o, const char *path, int *status)
{
    int en = o->lang == SK_LANG_EN;
    char *outpath = o->output && strcmp(o->output, "-") ? strdup(o->output) : answered_name(path);
    *status = EXIT_SOFTWARE;
    if (!outpath)
        return NULL;
    char rin[PATH_MAX], rout[PATH_MAX];
    if (realpath(path, rin) && realpath(outpath, rout) && !strcmp(rin, rout)) {
        fprintf(stderr, cli_text(T_ASK_WOULD_OVERWRITE, en), outpath);
        *status = EXIT_USAGE;
        free(outpath);
        return NULL;
    }
    size_t n = strlen(outpath) + sizeof ".tmp.XXXXXX";
    char *probe = malloc(n);
    int fd = -1;
    if (probe) {
        snprintf(probe, n, "%s.tmp.XXXXXX", outpath);
        fd = mkstemp(probe);
    }
    if (fd < 0) {
        fprintf(stderr, cli_text(T_ASK_CANNOT_BE_WRITTEN, en), outpath, strerror(probe ? errno : ENOMEM));
        free(probe);
        free(outpath);
        *status = EXIT_IOERR;
        return NULL;
    }
    close(fd);
    unlink(probe);
    free(probe);
    *status = EXIT_CLEAN;
    return outpath;
}

/* Loads the case text once to check it can be asked about: 1 if so, else
 * 0 with *status set. */
static int interview_ready(session *s, int *status)
{
    const cli_opts *o = s->o;
    int en = s->en;
    loaded first = {0};
    if (sk_evaluator_new(&s->ev, s->rs) != SK_OK || parse_text(s, s->text, s->len, &first, 1) != SK_OK) {
        *status = EXIT_SOFTWARE;
        return 0;
    }
    s->ndocs = first.n;
    if (first.errors || !s->ndocs) {
        fprintf(stderr, cli_text(T_ASK_MUST_BE_VALID, en), s->path);
        loaded_free(&first);
        *status = EXIT_INPUT;
        return 0;
    }
    int any = 0;
    for (size_t i = 0; i < s->ndocs; i++)
        any |= !o->case_id || !strcmp(sk_case_id(first.cases[i]), o->case_id);
    loaded_free(&first);
    if (!any) {
        *status = no_case(o, "ask");
        return 0;
    }
    return 1;
}

/* Puts one answer into the text, if the answered text loads and no longer
 * asks the question; otherwise the question is skipped. */
static void interview_place(session *s, size_t doc, const sk_question *q, answer_buf *ans)
{
    const char **values = (void *)ans->v; /* the same strings, read-only */
    sk_answer a = {.values = values, .n = ans->n};
    char *nt = NULL;
    size_t nl = 0;
    int ok = sk_case_text_answer(s->text, s->len, q, &a, &nt, &nl) == SK_OK;
    if (ok) {
        loaded l2 = {0};
        ok = parse_text(s, nt, nl, &l2, 1) == SK_OK && !l2.errors && l2.n == s->ndocs;
        sk_result *r2;
        sk_questions *q2;
        if (ok)
            ok = sk_evaluate(s->ev, l2.cases[doc], &r2) == SK_OK &&
                 sk_questions_of(r2, &q2) == SK_OK && !sk_questions_find(q2, sk_question_key(q));
        loaded_free(&l2);
    }
    if (ok) {
        free(s->text);
        s->text = nt;
        s->len = nl;
        s->answered++;
        return;
    }
    free(nt);
    printf(cli_text(T_ASK_NOT_PLACED, s->en), s->path);
    add_skip(s, doc, sk_question_key(q));
}

/* The first question about case doc not yet skipped, or NULL. */
static const sk_question *next_question(session *s, size_t doc, const sk_questions *qs)
{
    for (size_t i = 0; i < sk_questions_count(qs); i++) {
        const sk_question *x = sk_questions_get(qs, i);
        if (!skipped(s, doc, sk_question_key(x)))
            return x;
    }
    return NULL;
}

/* One turn of the interview over case doc: 1 go on with the same case,
 * 0 the case is done, -1 input ended, -2 failure. */
static int interview_turn(session *s, size_t doc, size_t *asked, size_t *announced)
{
    loaded l = {0};
    if (parse_text(s, s->text, s->len, &l, 0) != SK_OK || l.n != s->ndocs) {
        loaded_free(&l);
        return -2;
    }
    const sk_case *c = l.cases[doc];
    sk_result *res;
    sk_questions *qs;
    if (sk_evaluate(s->ev, c, &res) != SK_OK || sk_questions_of(res, &qs) != SK_OK) {
        loaded_free(&l);
        return -2;
    }
    if (*announced != doc) {
        const char *t = sk_case_title(c);
        printf("\n%s%s%s (%s)\n", sk_case_id(c), t ? " \u2014 " : "", t ? t : "", sk_case_form(c));
        *announced = doc;
    }
    const sk_question *q = next_question(s, doc, qs);
    int r = 0;
    if (!q) {
        printf(cli_text(T_ASK_NO_MORE, s->en), sk_case_id(c), sk_result_count(res, SK_ST_UNKNOWN));
    } else {
        answer_buf ans = {{0}, 0};
        r = ask_one(s, q, ++*asked, &ans);
        if (r == 0)
            add_skip(s, doc, sk_question_key(q));
        else if (r > 0)
            interview_place(s, doc, q, &ans);
        answer_free(&ans);
        r = r < 0 ? -1 : 1;
    }
    loaded_free(&l);
    return r;
}

/* Asks until every case is done or the input ends; EXIT_CLEAN or a
 * failure status. */
static int interview_loop(session *s)
{
    size_t doc = 0, asked = 0, announced = (size_t)-1;
    while (doc < s->ndocs) {
        if (s->o->case_id) {
            /* only the named case: the others are passed over */
            loaded l = {0};
            int other = parse_text(s, s->text, s->len, &l, 0) == SK_OK && l.n == s->ndocs &&
                        strcmp(sk_case_id(l.cases[doc]), s->o->case_id) != 0;
            loaded_free(&l);
            if (other) {
                doc++;
                continue;
            }
        }
        int r = interview_turn(s, doc, &asked, &announced);
        if (r == -2)
            return EXIT_SOFTWARE;
        if (r == -1)
            break;
        if (r == 0)
            doc++;
    }
    return EXIT_CLEAN;
}

/* Writes the answered text and reports what is still unknown. */
static int interview_finish(session *s, const char *outpath)
{
    const cli_opts *o = s->o;
    int en = s->en;
    if (sk_write_file_atomic(outpath, s->text, s->len) != SK_OK) {
        fprintf(stderr, cli_text(T_ASK_COULD_NOT_WRITE, en), outpath, strerror(errno));
        return EXIT_IOERR;
    }
    if (cli_interrupted())
        printf(cli_text(T_ASK_INTERRUPTED, en), outpath, s->answered);
    else
        printf(cli_text(s->answered == 1 ? T_ASK_WROTE_1 : T_ASK_WROTE, en), outpath, s->answered);
    if (cli_interrupted())
        return 128 + cli_interrupted();
    int status = EXIT_CLEAN;
    loaded l = {0};
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_source *src = NULL;
    if (sk_source_open(&src, outpath, &o->limits, &d) == SK_OK) {
        if (load_source(src, o, s->rs, s->date, &l, 1) != SK_OK)
            status = EXIT_SOFTWARE;
        sk_source_close(src);
    }
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    fputs(cli_text(T_ASK_STILL_UNKNOWN, en), stdout);
    if (status == EXIT_CLEAN)
        status = ask_report(o, s->ev, &l, 1);
    if (status == EXIT_CLEAN && l.errors)
        status = EXIT_INPUT;
    loaded_free(&l);
    return status;
}

static void session_free(session *s)
{
    for (size_t i = 0; i < s->nskip; i++)
        free(s->skip[i]);
    free(s->skip);
    free(s->line);
    free(s->text);
    sk_evaluator_free(s->ev);
}

static int cmd_interactive(const cli_opts *o, const sk_ruleset *rs, int32_t date)
{
    int en = o->lang == SK_LANG_EN;
    if (o->nargs != 1 || !strcmp(o->args[0], "-")) {
        fputs(cli_text(T_ASK_ONE_CASE_FILE, en), stderr);
        return EXIT_USAGE;
    }
    const char *path = o->args[0];
    int status;
    char *outpath = interview_outpath(o, path, &status);
    if (!outpath)
        return status;
    session s = {.o = o, .rs = rs, .date = date, .path = path, .en = en};
    if (read_whole(path, o->limits.max_file_bytes, &s.text, &s.len) != 0) {
        fprintf(stderr, "samkoll: %s: %s\n", path, strerror(errno));
        free(outpath);
        return EXIT_INPUT;
    }
    if (interview_ready(&s, &status)) {
        printf(cli_text(T_ASK_START, en), path, outpath, path);
        cli_interrupt_catch(); /* Ctrl-C or SIGTERM: the answers so far are kept */
        status = interview_loop(&s);
        if (status == EXIT_CLEAN)
            status = interview_finish(&s, outpath);
    }
    session_free(&s);
    free(outpath);
    return status;
}

int cmd_ask(const cli_opts *o, const sk_ruleset *rs)
{
    int32_t date = cli_date(o);
    if (o->interactive)
        return cmd_interactive(o, rs, date);
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
