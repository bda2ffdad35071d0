/* interview_text.c - the interview's text (samkoll/interview.h): loading
 * it, the questions passed over, and placing an answer into it, kept only
 * if the answered text still loads and validates against the case format
 * and no longer asks the question. */
#include <stdlib.h>
#include <string.h>

#include "advice/interview_int.h"
#include "base/ui.h"

/* ---- loading ------------------------------------------------------------- */

void sk_iv_docs_free(sk_iv_docs *docs)
{
    for (size_t i = 0; i < docs->n; i++)
        sk_arena_destroy(docs->arenas[i]);
    free(docs->arenas);
    free(docs->cases);
    memset(docs, 0, sizeof *docs);
}

static int docs_add(sk_iv_docs *docs, sk_arena *a, sk_case *c)
{
    if (docs->n == docs->cap) {
        size_t cap = docs->cap ? docs->cap * 2 : 4;
        sk_arena **na = realloc(docs->arenas, cap * sizeof *na);
        if (na)
            docs->arenas = na;
        sk_case **nc = realloc(docs->cases, cap * sizeof *nc);
        if (nc)
            docs->cases = nc;
        if (!na || !nc)
            return 0;
        docs->cap = cap;
    }
    docs->arenas[docs->n] = a;
    docs->cases[docs->n++] = c;
    return 1;
}

sk_rc sk_iv_load(const sk_interview *s, const char *name, const char *text, size_t len,
                 sk_iv_docs *out, sk_diags *d)
{
    memset(out, 0, sizeof *out);
    sk_source *src = NULL;
    sk_rc rc = sk_source_open_mem(&src, name, text, len, &s->lim);
    if (rc != SK_OK)
        return rc == SK_ENOMEM ? rc : (out->errors++, SK_OK);
    for (;;) {
        sk_arena *a = sk_arena_new();
        if (!a) {
            rc = SK_ENOMEM;
            break;
        }
        sk_diags own;
        sk_diags_init(&own, s->lang);
        sk_case *c = NULL;
        rc = sk_source_next(src, a, s->rs, s->date, &c, d ? d : &own);
        sk_diags_free(&own);
        if (rc == SK_OK && docs_add(out, a, c))
            continue;
        sk_arena_destroy(a);
        if (rc == SK_OK || rc == SK_ENOMEM) {
            rc = SK_ENOMEM;
            break;
        }
        if (rc == SK_EINVALID) {
            out->errors++;
            continue;
        }
        out->errors += rc == SK_EIO;
        rc = SK_OK; /* SK_EEND, SK_EIO */
        break;
    }
    sk_source_close(src);
    return rc;
}

/* ---- the questions passed over, the open question ---- */

int sk_iv_skipped(const sk_interview *s, size_t doc, const char *key)
{
    char head[32];
    int n = snprintf(head, sizeof head, "%zu\t", doc);
    for (size_t i = 0; i < s->nskip; i++)
        if (!strncmp(s->skip[i], head, (size_t)n) && !strcmp(s->skip[i] + n, key))
            return 1;
    return 0;
}

void sk_iv_add_skip(sk_interview *s, size_t doc, const char *key)
{
    if (s->nskip == s->capskip) {
        size_t cap = s->capskip ? s->capskip * 2 : 16;
        char **v = realloc(s->skip, cap * sizeof *v);
        if (!v) {
            s->failed = 1;
            return;
        }
        s->skip = v;
        s->capskip = cap;
    }
    size_t n = strlen(key) + 32;
    char *e = malloc(n);
    if (!e) {
        s->failed = 1;
        return;
    }
    snprintf(e, n, "%zu\t%s", doc, key);
    s->skip[s->nskip++] = e;
}

void sk_iv_close(sk_interview *s)
{
    for (size_t i = 0; i < s->nitems; i++)
        free(s->items[i]);
    s->nitems = 0;
    s->q = NULL;
}

/* ---- placing an answer ------------------------------------------------------ */

/* Whether text (loaded as docs) took the answer: it loads, keeps its
 * documents and no longer asks q about case doc. */
static int took(sk_interview *s, const sk_iv_docs *docs, const char *key)
{
    if (docs->errors || docs->n != s->ndocs)
        return 0;
    sk_result *r = NULL;
    sk_questions *qs = NULL;
    return sk_evaluate(s->ev, docs->cases[s->doc], &r) == SK_OK &&
           sk_questions_of(r, &qs) == SK_OK && !sk_questions_find(qs, key);
}

sk_interview_answer_rc sk_iv_place(sk_interview *s, const sk_question *q, const char **values,
                                   size_t n)
{
    sk_answer a = {.values = values, .n = n};
    char *nt = NULL;
    size_t nl = 0;
    sk_iv_docs docs = {0};
    sk_rc rc = sk_case_text_answer(s->text, s->len, q, &a, &nt, &nl);
    if (rc == SK_OK)
        rc = sk_iv_load(s, s->path, nt, nl, &docs, NULL);
    if (rc == SK_ENOMEM) {
        free(nt);
        s->failed = 1;
        return SK_IA_FAILED;
    }
    if (rc == SK_OK && took(s, &docs, sk_question_key(q))) {
        sk_iv_docs_free(&s->cur);
        free(s->text);
        s->cur = docs;
        s->text = nt;
        s->len = nl;
        s->answered++;
        return SK_IA_ACCEPTED;
    }
    sk_iv_docs_free(&docs);
    free(nt);
    sk_iv_add_skip(s, s->doc, sk_question_key(q));
    sk_buf_clear(&s->msg);
    sk_buf_printf(&s->msg, sk_ui(UI_IV_NOT_PLACED, s->lang == SK_LANG_EN), s->path);
    return SK_IA_NOT_PLACED;
}

