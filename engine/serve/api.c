/* api.c - the JSON API of `samkoll serve` (docs/api.md): every handler
 * loads the request body with the same limits as the CLI (text_file
 * refused), evaluates in memory with an evaluator from the server's pool,
 * writes the library's own output (the JSON of `check --format json`,
 * `compare`, `ask`) into the response and frees everything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "samkoll/advice.h"
#include "samkoll/case.h"
#include "samkoll/catalog.h"
#include "samkoll/inspect.h"
#include "samkoll/report.h"
#include "samkoll/util.h"
#include "serve_int.h"

/* ---- evaluators --------------------------------------------------------- */

static sk_evaluator *ev_take(sk_server *s)
{
    sk_evaluator *ev = NULL;
    pthread_mutex_lock(&s->pool.mu);
    if (s->pool.n)
        ev = s->pool.idle[--s->pool.n];
    pthread_mutex_unlock(&s->pool.mu);
    if (!ev && sk_evaluator_new(&ev, s->o.rs) != SK_OK)
        return NULL;
    return ev;
}

static void ev_give(sk_server *s, sk_evaluator *ev)
{
    if (!ev)
        return;
    pthread_mutex_lock(&s->pool.mu);
    if (s->pool.n == s->pool.cap && s->pool.cap < 256) {
        size_t cap = s->pool.cap ? s->pool.cap * 2 : 8;
        sk_evaluator **v = realloc(s->pool.idle, cap * sizeof *v);
        if (v) {
            s->pool.idle = v;
            s->pool.cap = cap;
        }
    }
    if (s->pool.n < s->pool.cap) {
        s->pool.idle[s->pool.n++] = ev;
        ev = NULL;
    }
    pthread_mutex_unlock(&s->pool.mu);
    sk_evaluator_free(ev);
}

/* ---- writing into a response -------------------------------------------- */

/* A stream that writes into r's body (open_memstream), closed by
 * body_close. */
typedef struct body_stream {
    FILE *f;
    char *buf;
    size_t len;
} body_stream;

static bool body_open(body_stream *b)
{
    b->buf = NULL;
    b->len = 0;
    b->f = open_memstream(&b->buf, &b->len);
    return b->f != NULL;
}

static void body_close(body_stream *b, sv_response *r, unsigned status, const char *ctype)
{
    int bad = fclose(b->f);
    if (bad || !b->buf) {
        free(b->buf);
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, SK_LANG_EN));
        return;
    }
    sv_buf_free(&r->body);
    r->body.data = b->buf;
    r->body.len = b->len;
    r->body.cap = b->len + 1;
    r->status = status;
    r->ctype = ctype;
}

static const char *format_ctype(const char *format)
{
    static const struct { const char *f, *t; } types[] = {
        {"json", "application/json"}, {"jsonl", "application/x-ndjson"},
        {"markdown", "text/markdown"}, {"html", "text/html"}, {"text", "text/plain"},
        {"junit", "application/xml"}, {"sarif", "application/sarif+json"}, {"csv", "text/csv"},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(types[i].f, format))
            return types[i].t;
    return "application/octet-stream";
}

/* A 4xx with the positioned diagnostics of the documents that could not
 * be read: {"error": {status, message, diagnostics: [{file, line, column,
 * message, suggestion}]}}. */
static void diags_error(sv_response *r, unsigned status, const char *message, const sk_diags *d)
{
    sv_error(r, status, message);
    r->body.len -= 3; /* reopen the object: drop "}}\n" */
    sv_buf_puts(&r->body, ",\"diagnostics\":[");
    for (size_t i = 0; i < d->count; i++) {
        const sk_diag *g = &d->items[i];
        sv_buf_printf(&r->body, "%s{\"level\":\"%s\",\"file\":", i ? "," : "",
                      g->level == SK_DIAG_ERROR ? "error" : "warning");
        sv_json_str(&r->body, g->file);
        sv_buf_printf(&r->body, ",\"line\":%u,\"column\":%u,\"message\":", g->line, g->col);
        sv_json_str(&r->body, g->message);
        sv_buf_puts(&r->body, ",\"suggestion\":");
        sv_json_str(&r->body, g->hint);
        sv_buf_puts(&r->body, "}");
    }
    sv_buf_puts(&r->body, "]}}\n");
}

/* ---- loading the body --------------------------------------------------- */

typedef struct docs {
    sk_arena *arenas[SV_MAX_DOCS_CHECK];
    sk_case *cases[SV_MAX_DOCS_CHECK];
    size_t n;
    size_t rejected;
    sk_diags d;                /* the diagnostics of rejected documents */
} docs;

static void docs_free(docs *ds)
{
    for (size_t i = 0; i < ds->n; i++)
        sk_arena_destroy(ds->arenas[i]);
    sk_diags_free(&ds->d);
}

/* Loads up to max documents of the body. Returns 0 when every document
 * was read (else fills the error response). */
static int docs_load(sk_server *s, const sv_request *rq, size_t max, docs *ds, sv_response *r)
{
    memset(ds, 0, sizeof *ds);
    sk_diags_init(&ds->d, rq->lang);
    if (!rq->len) {
        sv_error(r, 400, sv_msg_fmt(SM_EMPTY, rq->lang));
        return -1;
    }
    sk_source *src = NULL;
    if (sk_source_open_mem(&src, rq->name, rq->body, rq->len, &s->lim) != SK_OK) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        return -1;
    }
    sk_rc rc = SK_OK;
    size_t seen = 0;
    while (rc != SK_EEND && rc != SK_EIO && rc != SK_ENOMEM) {
        if (seen == max) {
            char msg[256];
            snprintf(msg, sizeof msg, sv_msg_fmt(SM_TOO_MANY_DOCS, rq->lang), max);
            sv_error(r, 413, msg);
            sk_source_close(src);
            return -1;
        }
        sk_arena *a = sk_arena_new();
        if (!a) {
            rc = SK_ENOMEM;
            break;
        }
        sk_case *c = NULL;
        rc = sk_source_next(src, a, s->o.rs, rq->date, &c, &ds->d);
        if (rc == SK_OK) {
            ds->arenas[ds->n] = a;
            ds->cases[ds->n++] = c;
            seen++;
            continue;
        }
        sk_arena_destroy(a);
        if (rc == SK_EINVALID || rc == SK_EIO) {
            ds->rejected++;
            seen++;
        }
    }
    sk_source_close(src);
    if (rc == SK_ENOMEM) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        return -1;
    }
    if (ds->rejected) {
        diags_error(r, 422, sv_msg_fmt(SM_INVALID_CASE, rq->lang), &ds->d);
        return -1;
    }
    if (!ds->n) {
        sv_error(r, 400, sv_msg_fmt(SM_NO_CASE, rq->lang));
        return -1;
    }
    return 0;
}

/* ---- POST /api/v1/check ------------------------------------------------- */

void sv_api_check(sk_server *s, const sv_request *rq, sv_response *r)
{
    if (!rq->len) {
        sv_error(r, 400, sv_msg_fmt(SM_EMPTY, rq->lang));
        return;
    }
    body_stream out;
    sk_evaluator *ev = ev_take(s);
    sk_source *src = NULL;
    if (!ev || !body_open(&out)) {
        ev_give(s, ev);
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        return;
    }
    sk_report_opts ro = {.lang = rq->lang, .run_date = rq->date};
    sk_report *rep = NULL;
    sk_rc rc = sk_report_open(&rep, rq->format, out.f, s->o.rs, &ro);
    if (rc == SK_OK)
        rc = sk_source_open_mem(&src, rq->name, rq->body, rq->len, &s->lim);
    size_t seen = 0, rejected = 0;
    bool too_many = false;
    while (rc == SK_OK || rc == SK_EINVALID) {
        if (seen == SV_MAX_DOCS_CHECK) {
            too_many = true;
            break;
        }
        sk_arena *a = sk_arena_new();
        if (!a) {
            rc = SK_ENOMEM;
            break;
        }
        sk_diags d;
        sk_diags_init(&d, rq->lang);
        sk_case *c = NULL;
        sk_result *res = NULL;
        rc = sk_source_next(src, a, s->o.rs, rq->date, &c, &d);
        if (rc == SK_OK && (rc = sk_evaluate(ev, c, &res)) == SK_OK)
            sk_report_case(rep, res);
        else if (rc == SK_EINVALID || rc == SK_EIO)
            sk_report_input_error(rep, rq->name, sk_source_doc_line(src), &d);
        seen += rc == SK_OK || rc == SK_EINVALID || rc == SK_EIO;
        rejected += rc == SK_EINVALID || rc == SK_EIO;
        sk_diags_free(&d);
        sk_arena_destroy(a);
    }
    sk_source_close(src);
    ev_give(s, ev);
    sk_rc closed = rep ? sk_report_close(rep) : SK_OK;
    if (too_many || rc == SK_ENOMEM || closed != SK_OK || !rep) {
        fclose(out.f);
        free(out.buf);
        char msg[256];
        snprintf(msg, sizeof msg, sv_msg_fmt(SM_TOO_MANY_DOCS, rq->lang), (size_t)SV_MAX_DOCS_CHECK);
        sv_error(r, too_many ? 413 : 500, too_many ? msg : sv_msg_fmt(SM_INTERNAL, rq->lang));
        return;
    }
    body_close(&out, r, rejected ? 422 : 200, format_ctype(rq->format));
}

/* ---- POST /api/v1/compare ----------------------------------------------- */

/* Splits the `forms` parameter into names (at most 16); 0 on success,
 * else an error response naming the unknown form. */
static int parse_forms(const sv_request *rq, char *copy, const char **forms, size_t *n, sv_response *r)
{
    *n = 0;
    if (!rq->forms)
        return 0;
    const char *const *known = sk_case_forms();
    size_t nk = 0;
    while (known[nk])
        nk++;
    for (char *save = NULL, *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        size_t i = 0;
        while (known[i] && strcmp(known[i], t))
            i++;
        if (!known[i]) {
            const char *hint = sk_suggest(t, known, nk);
            char msg[256];
            snprintf(msg, sizeof msg, sv_msg_fmt(SM_FORM, rq->lang), t,
                     hint ? sv_msg_fmt(SM_DID_YOU_MEAN, rq->lang) : "", hint ? hint : "", hint ? "')" : "");
            sv_error(r, 400, msg);
            return -1;
        }
        if (*n < 16)
            forms[(*n)++] = t;
    }
    return 0;
}

void sv_api_compare(sk_server *s, const sv_request *rq, sv_response *r)
{
    char *copy = rq->forms ? strdup(rq->forms) : NULL;
    const char *forms[16];
    size_t nforms = 0;
    if ((rq->forms && !copy) || parse_forms(rq, copy, forms, &nforms, r)) {
        if (!r->status)
            sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        free(copy);
        return;
    }
    docs ds;
    if (docs_load(s, rq, SV_MAX_DOCS_ADVICE, &ds, r)) {
        docs_free(&ds);
        free(copy);
        return;
    }
    sk_evaluator *ev = ev_take(s);
    const sk_comparison *cmps[SV_MAX_DOCS_ADVICE];
    bool ok = ev != NULL;
    for (size_t i = 0; ok && i < ds.n; i++) {
        sk_comparison *cmp = NULL;
        size_t bad = 0;
        ok = sk_compare(ev, s->o.rs, ds.cases[i], nforms ? forms : NULL, nforms, &cmp, &bad) == SK_OK;
        cmps[i] = cmp;
    }
    ev_give(s, ev);
    body_stream out;
    if (ok && body_open(&out)) {
        sk_compare_write(cmps, ds.n, rq->format, rq->lang, out.f);
        body_close(&out, r, 200, format_ctype(rq->format));
    } else {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
    }
    docs_free(&ds);
    free(copy);
}

/* ---- POST /api/v1/ask --------------------------------------------------- */

void sv_api_ask(sk_server *s, const sv_request *rq, sv_response *r)
{
    docs ds;
    if (docs_load(s, rq, SV_MAX_DOCS_ADVICE, &ds, r)) {
        docs_free(&ds);
        return;
    }
    sk_evaluator *ev = ev_take(s);
    const sk_result *res[SV_MAX_DOCS_ADVICE];
    const sk_questions *qs[SV_MAX_DOCS_ADVICE];
    bool ok = ev != NULL;
    for (size_t i = 0; ok && i < ds.n; i++) {
        sk_result *x = NULL;
        sk_questions *q = NULL;
        ok = sk_evaluate(ev, ds.cases[i], &x) == SK_OK && sk_questions_of(x, &q) == SK_OK;
        res[i] = x;
        qs[i] = q;
    }
    ev_give(s, ev);
    body_stream out;
    if (ok && body_open(&out)) {
        sk_questions_write(res, qs, ds.n, rq->format, rq->lang, out.f);
        body_close(&out, r, 200, format_ctype(rq->format));
    } else {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
    }
    docs_free(&ds);
}

/* ---- POST /api/v1/answer ------------------------------------------------ */

/* Normalises the `value` parameters for q into vals (malloc'd); 0 on
 * success, else an error response. */
static int answer_values(const sv_request *rq, const sk_question *q, char **vals, size_t *n,
                         sv_response *r)
{
    *n = 0;
    sk_answer_kind k = sk_question_kind(q);
    bool list = k == SK_ANS_LIST || k == SK_ANS_NAMED_ITEMS;
    if (!rq->nvalues || (!list && rq->nvalues != 1)) {
        sv_error(r, 400, sv_msg_fmt(SM_NO_ANSWER, rq->lang));
        return -1;
    }
    for (size_t i = 0; i < rq->nvalues; i++) {
        char *norm = NULL;
        int ok = sk_answer_parse(q, rq->values[i], rq->lang, &norm);
        if (ok <= 0) {
            sv_error(r, 422, norm ? norm : sv_msg_fmt(SM_NO_ANSWER, rq->lang));
            free(norm);
            return -1;
        }
        vals[(*n)++] = norm;
    }
    return 0;
}

/* Whether text (the answered case) loads, has ndocs documents and no
 * longer asks key in document doc. */
static bool answered_ok(sk_server *s, const sv_request *rq, sk_evaluator *ev, const char *text,
                        size_t len, size_t ndocs)
{
    sv_request r2 = *rq;
    r2.body = text;
    r2.len = len;
    docs ds;
    sv_response scratch = {0};
    bool ok = docs_load(s, &r2, SV_MAX_DOCS_ADVICE, &ds, &scratch) == 0 && ds.n == ndocs;
    sk_result *res = NULL;
    sk_questions *qs = NULL;
    ok = ok && sk_evaluate(ev, ds.cases[rq->doc], &res) == SK_OK &&
         sk_questions_of(res, &qs) == SK_OK && !sk_questions_find(qs, rq->key);
    docs_free(&ds);
    sv_buf_free(&scratch.body);
    return ok;
}

void sv_api_answer(sk_server *s, const sv_request *rq, sv_response *r)
{
    if (!rq->key) {
        sv_error(r, 400, sv_msg_fmt(SM_KEY_MISSING, rq->lang));
        return;
    }
    docs ds;
    if (docs_load(s, rq, SV_MAX_DOCS_ADVICE, &ds, r)) {
        docs_free(&ds);
        return;
    }
    char msg[512];
    if ((size_t)rq->doc >= ds.n) {
        snprintf(msg, sizeof msg, sv_msg_fmt(SM_DOC, rq->lang), rq->doc, ds.n);
        sv_error(r, 400, msg);
        docs_free(&ds);
        return;
    }
    sk_evaluator *ev = ev_take(s);
    sk_result *res = NULL;
    sk_questions *qs = NULL;
    if (!ev || sk_evaluate(ev, ds.cases[rq->doc], &res) != SK_OK || sk_questions_of(res, &qs) != SK_OK) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        ev_give(s, ev);
        docs_free(&ds);
        return;
    }
    const sk_question *q = sk_questions_find(qs, rq->key);
    char *vals[SV_MAX_VALUES];
    size_t nv = 0;
    if (!q) {
        snprintf(msg, sizeof msg, sv_msg_fmt(SM_NOT_A_QUESTION, rq->lang), rq->key);
        sv_error(r, 422, msg);
    } else if (answer_values(rq, q, vals, &nv, r) == 0) {
        const char *cv[SV_MAX_VALUES];
        for (size_t i = 0; i < nv; i++)
            cv[i] = vals[i];
        sk_answer a = {.values = cv, .n = nv};
        char *text = NULL;
        size_t len = 0;
        if (sk_case_text_answer(rq->body, rq->len, q, &a, &text, &len) == SK_OK &&
            answered_ok(s, rq, ev, text, len, ds.n)) {
            sv_buf_free(&r->body);
            sv_buf_append(&r->body, text, len);
            r->status = 200;
            r->ctype = "application/yaml";
        } else {
            sv_error(r, 422, sv_msg_fmt(SM_ANSWER_NOT_PLACED, rq->lang));
        }
        free(text);
    }
    for (size_t i = 0; i < nv; i++)
        free(vals[i]);
    ev_give(s, ev);
    docs_free(&ds);
}

/* ---- POST /api/v1/edit ------------------------------------------------ */

/* Sets or removes the fact at `key` in the body's text with the case-edit
 * code (sk_case_text_edit): the body comes back with that one change, every
 * other byte (comments included) as it was. The body need not be a valid
 * case (a form being filled in rarely is), only YAML. */
void sv_api_edit(sk_server *s, const sv_request *rq, sv_response *r)
{
    char msg[512];
    if (!rq->key) {
        sv_error(r, 400, sv_msg_fmt(SM_EDIT_KEY, rq->lang));
        return;
    }
    if (!rq->len) {
        sv_error(r, 400, sv_msg_fmt(SM_EMPTY, rq->lang));
        return;
    }
    if (rq->remove == (rq->nvalues > 0)) {
        sv_error(r, 400, sv_msg_fmt(SM_EDIT_HOW, rq->lang));
        return;
    }
    sk_case_edit e = {.doc = (size_t)rq->doc, .key = rq->key, .values = rq->values, .n = rq->nvalues};
    char *text = NULL, *why = NULL;
    size_t len = 0;
    sk_rc rc = sk_case_text_edit(rq->body, rq->len, &e, &s->lim, rq->lang, &text, &len, &why);
    if (rc == SK_OK) {
        sv_buf_free(&r->body);
        sv_buf_append(&r->body, text, len);
        r->status = 200;
        r->ctype = "application/yaml";
    } else if (rc == SK_ENOTFOUND) {
        snprintf(msg, sizeof msg, sv_msg_fmt(SM_EDIT_NOT_FOUND, rq->lang), rq->key, rq->doc);
        sv_error(r, 422, msg);
    } else if (rc == SK_EINVALID) {
        snprintf(msg, sizeof msg, sv_msg_fmt(SM_EDIT_NOT_PLACED, rq->lang), rq->key);
        sv_error(r, 422, why ? why : msg);
    } else {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
    }
    free(text);
    free(why);
}

/* ---- POST /api/v1/case -------------------------------------------------- */

void sv_api_case(sk_server *s, const sv_request *rq, sv_response *r)
{
    docs ds;
    if (docs_load(s, rq, SV_MAX_DOCS_ADVICE, &ds, r)) {
        docs_free(&ds);
        return;
    }
    body_stream out;
    if (!body_open(&out)) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        docs_free(&ds);
        return;
    }
    fputs("{\"samkoll_case\":1,\"cases\":[", out.f);
    for (size_t i = 0; i < ds.n; i++) {
        fputs(i ? ",\n" : "\n", out.f);
        sk_case_write_json(ds.cases[i], out.f);
    }
    fputs("]}\n", out.f);
    body_close(&out, r, 200, "application/json");
    docs_free(&ds);
}

/* ---- GET endpoints ------------------------------------------------------ */

void sv_api_schema(sk_server *s, const sv_request *rq, sv_response *r)
{
    (void)s;
    body_stream out;
    if (!body_open(&out)) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        return;
    }
    sk_schema_write(out.f);
    body_close(&out, r, 200, "application/schema+json");
}

void sv_api_rules(sk_server *s, const sv_request *rq, sv_response *r)
{
    body_stream out;
    if (!body_open(&out)) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        return;
    }
    sk_rules_write(s->o.rs, rq->format, rq->lang, out.f);
    body_close(&out, r, 200, format_ctype(rq->format));
}

void sv_api_forms(sk_server *s, const sv_request *rq, sv_response *r)
{
    body_stream out;
    if (!body_open(&out)) {
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, rq->lang));
        return;
    }
    sk_forms_write(s->o.rs, rq->format, rq->lang, out.f);
    body_close(&out, r, 200, format_ctype(rq->format));
}

void sv_api_health(sk_server *s, const sv_request *rq, sv_response *r)
{
    (void)rq;
    r->status = 200;
    r->ctype = "application/json";
    sv_buf_printf(&r->body, "{\"status\":\"ok\",\"version\":\"%s\",\"rules\":%zu,\"ruleset_sha256\":\"%s\"}\n",
                  SK_VERSION, sk_ruleset_count(s->o.rs), sk_ruleset_hash(s->o.rs));
}
