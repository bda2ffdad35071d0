/* interview.c - the interview session (samkoll/interview.h): opening it on
 * a case file, the question loop over the file's cases, placing answers
 * into the text, validating and writing the answered case.
 *
 * The text is the state: after each answer it is loaded again (validated
 * against the case format) and evaluated, and the next question is the
 * first one of the current case not passed over. How a question is shown
 * and an answer taken is in interview_answer.c. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advice/interview_int.h"
#include "base/ui.h"
#include "samkoll/outfile.h"

/* ---- opening --------------------------------------------------------------- */

/* The default output: CASE.yaml -> CASE.answered.yaml. */
static char *answered_name(const char *path)
{
    size_t n = strlen(path), base = n;
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

/* Never the case itself; creatable (a temporary file next to it is made
 * and removed). */
char *sk_interview_output_for(const char *path, const char *output)
{
    return output && strcmp(output, "-") ? strdup(output) : answered_name(path);
}

static sk_interview_status check_output(const char *path, const char *output)
{
    char rin[PATH_MAX], rout[PATH_MAX];
    if (realpath(path, rin) && realpath(output, rout) && !strcmp(rin, rout))
        return SK_IV_OUTPUT_IS_CASE;
    size_t n = strlen(output) + sizeof ".tmp.XXXXXX";
    char *probe = malloc(n);
    if (!probe)
        return SK_IV_NOMEM;
    snprintf(probe, n, "%s.tmp.XXXXXX", output);
    int fd = mkstemp(probe);
    if (fd >= 0) {
        close(fd);
        unlink(probe);
    }
    free(probe);
    return fd >= 0 ? SK_IV_OK : SK_IV_OUTPUT_UNWRITABLE;
}

static int read_whole(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    sk_buf b;
    sk_buf_init(&b, 0);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= max)
        sk_buf_append(&b, chunk, got);
    int err = ferror(f);
    fclose(f);
    if (err || b.failed || b.len > max) {
        sk_buf_free(&b);
        errno = err ? EIO : b.failed ? ENOMEM : EFBIG;
        return 0;
    }
    sk_buf_cstr(&b);
    *len = b.len;
    *out = b.data ? b.data : calloc(1, 1);
    return *out != NULL;
}

static char *dup_or_null(const char *s, int *bad)
{
    char *d = s ? strdup(s) : NULL;
    *bad |= s && !d;
    return d;
}

static sk_interview *session_new(const sk_interview_opts *o)
{
    sk_interview *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    int bad = 0;
    s->path = dup_or_null(o->path, &bad);
    s->case_id = dup_or_null(o->case_id, &bad);
    s->output = sk_interview_output_for(o->path, o->output);
    s->rs = o->rs;
    s->date = o->date;
    s->lang = o->lang;
    if (o->limits)
        s->lim = *o->limits;
    else
        sk_limits_default(&s->lim);
    s->announced = (size_t)-1;
    sk_arena_init(&s->view_arena, 4096);
    sk_buf_init(&s->notice, 0);
    sk_buf_init(&s->notice_out, 0);
    sk_buf_init(&s->msg, 0);
    if (bad || !s->output || sk_evaluator_new(&s->ev, o->rs) != SK_OK) {
        sk_interview_free(s);
        return NULL;
    }
    return s;
}

/* Reads and loads the case text: SK_IV_OK or why not. */
static sk_interview_status session_load(sk_interview *s, const sk_interview_opts *o, sk_diags *d)
{
    if (o->text) {
        s->text = malloc(o->len + 1);
        if (!s->text)
            return SK_IV_NOMEM;
        memcpy(s->text, o->text, o->len);
        s->text[o->len] = '\0';
        s->len = o->len;
    } else if (!read_whole(s->path, s->lim.max_file_bytes, &s->text, &s->len)) {
        return errno == ENOMEM ? SK_IV_NOMEM : SK_IV_CASE_UNREADABLE;
    }
    if (sk_iv_load(s, s->path, s->text, s->len, &s->cur, d) != SK_OK)
        return SK_IV_NOMEM;
    s->ndocs = s->cur.n;
    if (s->cur.errors || !s->ndocs)
        return SK_IV_CASE_INVALID;
    for (size_t i = 0; i < s->ndocs; i++)
        if (!s->case_id || !strcmp(sk_case_id(s->cur.cases[i]), s->case_id))
            return SK_IV_OK;
    return SK_IV_NO_SUCH_CASE;
}

sk_interview_status sk_interview_open(sk_interview **out, const sk_interview_opts *o, sk_diags *d)
{
    *out = NULL;
    sk_interview *s = session_new(o);
    if (!s)
        return SK_IV_NOMEM;
    sk_interview_status st = check_output(s->path, s->output);
    if (st == SK_IV_OK)
        st = session_load(s, o, d);
    if (st != SK_IV_OK) {
        int err = errno;
        sk_interview_free(s);
        errno = err;
        return st;
    }
    *out = s;
    return SK_IV_OK;
}

void sk_interview_free(sk_interview *s)
{
    if (!s)
        return;
    sk_iv_close(s);
    for (size_t i = 0; i < s->nskip; i++)
        free(s->skip[i]);
    free(s->skip);
    sk_iv_docs_free(&s->cur);
    sk_evaluator_free(s->ev);
    sk_arena_free(&s->view_arena);
    sk_buf_free(&s->notice);
    sk_buf_free(&s->notice_out);
    sk_buf_free(&s->msg);
    free(s->text);
    free(s->path);
    free(s->case_id);
    free(s->output);
    free(s);
}

const char *sk_interview_output(const sk_interview *s) { return s->output; }
size_t sk_interview_answered(const sk_interview *s) { return s->answered; }
int sk_interview_failed(const sk_interview *s) { return s->failed; }

/* ---- the question loop ------------------------------------------------------ */

/* The questions about case doc of the current text (cached until the text
 * changes); NULL on failure. */
static const sk_questions *questions_of(sk_interview *s, sk_result **res)
{
    sk_questions *qs = NULL;
    if (sk_evaluate(s->ev, s->cur.cases[s->doc], res) != SK_OK ||
        sk_questions_of(*res, &qs) != SK_OK) {
        s->failed = 1;
        return NULL;
    }
    return qs;
}

static void announce(sk_interview *s, const sk_case *c)
{
    if (s->announced == s->doc)
        return;
    const char *t = sk_case_title(c);
    sk_buf_printf(&s->notice, "\n%s%s%s (%s)\n", sk_case_id(c), t ? " \u2014 " : "", t ? t : "",
                  sk_case_form(c));
    s->announced = s->doc;
}

/* The first question about the current case not passed over; else the
 * case is done (said in the notice) and NULL. */
static const sk_question *first_open(sk_interview *s)
{
    const sk_case *c = s->cur.cases[s->doc];
    sk_result *res = NULL;
    const sk_questions *qs = questions_of(s, &res);
    if (!qs)
        return NULL;
    announce(s, c);
    for (size_t i = 0; i < sk_questions_count(qs); i++) {
        const sk_question *x = sk_questions_get(qs, i);
        if (!sk_iv_skipped(s, s->doc, sk_question_key(x)))
            return sk_iv_first(s, qs, x);
    }
    size_t unk = sk_result_count(res, SK_ST_UNKNOWN);
    sk_buf_printf(&s->notice, sk_ui(unk == 1 ? UI_IV_NO_MORE_1 : UI_IV_NO_MORE, s->lang == SK_LANG_EN), sk_case_id(c),
                  unk);
    return NULL;
}

const sk_interview_question *sk_interview_next(sk_interview *s)
{
    if (s->q)
        return &s->view;
    while (!s->failed && s->doc < s->ndocs) {
        const sk_case *c = s->cur.cases[s->doc];
        if (s->case_id && strcmp(sk_case_id(c), s->case_id) != 0) {
            s->doc++;
            continue;
        }
        const sk_question *q = first_open(s);
        if (!q) {
            s->doc++;
            continue;
        }
        s->q = q;
        s->asked++;
        if (!sk_iv_view(s)) {
            s->failed = 1;
            sk_iv_close(s);
            return NULL;
        }
        return &s->view;
    }
    return NULL;
}

const char *sk_interview_notice(sk_interview *s)
{
    if (!s->notice.len)
        return NULL;
    sk_buf_clear(&s->notice_out);
    sk_buf_append(&s->notice_out, s->notice.data, s->notice.len);
    sk_buf_clear(&s->notice);
    return s->notice_out.failed ? NULL : sk_buf_cstr(&s->notice_out);
}

/* ---- validating and writing ------------------------------------------------ */

sk_rc sk_interview_validate(sk_interview *s, sk_diags *d)
{
    sk_iv_docs docs;
    sk_rc rc = sk_iv_load(s, s->output, s->text, s->len, &docs, d);
    int ok = !docs.errors && docs.n == s->ndocs;
    sk_iv_docs_free(&docs);
    if (rc != SK_OK)
        return rc;
    return ok ? SK_OK : SK_EINVALID;
}

sk_rc sk_interview_write(sk_interview *s, sk_diags *d)
{
    if (s->q && s->nitems)
        sk_iv_finish_list(s);
    sk_rc rc = sk_interview_validate(s, d);
    if (rc != SK_OK)
        return rc;
    return sk_write_file_atomic(s->output, s->text, s->len);
}

sk_rc sk_interview_report(sk_interview *s, FILE *out)
{
    sk_iv_docs docs;
    sk_rc rc = sk_iv_load(s, s->output, s->text, s->len, &docs, NULL);
    const sk_result **res = calloc(docs.n + 1, sizeof *res);
    const sk_questions **qs = calloc(docs.n + 1, sizeof *qs);
    size_t n = 0;
    if (rc == SK_OK && (!res || !qs))
        rc = SK_ENOMEM;
    for (size_t i = 0; rc == SK_OK && i < docs.n; i++) {
        if (s->case_id && strcmp(sk_case_id(docs.cases[i]), s->case_id) != 0)
            continue;
        sk_result *r = NULL;
        sk_questions *q = NULL;
        rc = sk_evaluate(s->ev, docs.cases[i], &r);
        if (rc == SK_OK)
            rc = sk_questions_of(r, &q);
        res[n] = r;
        qs[n++] = q;
    }
    if (rc == SK_OK)
        rc = sk_questions_write(res, qs, n, "text", s->lang, out);
    free(res);
    free(qs);
    sk_iv_docs_free(&docs);
    return rc;
}
