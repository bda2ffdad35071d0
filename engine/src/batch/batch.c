/* batch.c - the library driver: input order, worker threads, bounded
 * memory (see samkoll/batch.h). */
#include "samkoll/batch.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "yaml/split.h"
#include "case/case_int.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "report/report_int.h"
#include "samkoll/files.h"

/* ---- jobs ------------------------------------------------------------- */

typedef enum { OUT_CASE, OUT_ERROR } out_kind;

/* One result of a job: a checked case (its text for every report is in
 * the job's buffers) or an input error. */
typedef struct out_item {
    out_kind kind;
    sk_case_totals totals;  /* .rules is set when the job is emitted */
    size_t rules_at;        /* where the case's status per rule starts in job.rules */
    size_t spans_at;        /* index of its first report's span in job.spans */
    char *file;
    unsigned line;
    sk_diags diags;
} out_item;

typedef enum { JOB_FREE, JOB_READY, JOB_RUNNING, JOB_DONE } job_state;

/* One input of a job: a file, or a document cut from a stream. */
typedef struct input {
    size_t name;            /* offset of its path (or the stream's name) in job.names */
    bool cut;               /* a document cut from a stream: in job.docs */
    size_t at, len;         /* where there (len bytes and a NUL) */
    unsigned line_offset;
} input;

/* Inputs per job: small cases are handed to workers in groups, so that
 * the hand-over costs little next to the work. Eight, not more: a slot's
 * text buffer keeps the size of the largest job it rendered, so over a
 * long run every slot of the ring reaches the size of the rarer large
 * groups; with 16 inputs (about 100 KiB of JSON Lines per job, 256 KiB for
 * the largest) peak RSS at -j2 grew 6-11 % from 1,000 to 100,000 cases,
 * with 8 it grows 1-9 %. */
#define JOB_INPUTS 8

/* A job buffer larger than this after a job is released rather than kept
 * for the slot's next job (an unusually large case), so that what a slot
 * keeps does not grow with the library. */
#define JOB_KEEP ((size_t)256 * 1024)

/* A slot's text buffer is reserved at this size at its first case (about
 * eight cases of JSON Lines) rather than grown from 256 bytes by doubling:
 * only the pages its text touches are faulted in, once. */
#define JOB_TEXT_FIRST ((size_t)64 * 1024)

/* A slot of the ring. Its buffers keep their storage from job to job:
 * in the steady state a job allocates nothing for its inputs' names, its
 * output or its totals, and the rendered output no longer passes from a
 * worker's malloc arena to the calling thread case by case (which made
 * glibc's per-thread arenas grow with the length of the run). */
typedef struct job {
    job_state state;
    input in[JOB_INPUTS];
    size_t nin;
    sk_buf names;           /* the inputs' paths, each NUL-terminated (caller) */
    sk_buf docs;            /* the documents cut from a stream, each
                               NUL-terminated (caller): in the slot's
                               storage, not a malloc per document that
                               another thread frees */
    char *pre_path;         /* with pre: the path the error is about (owned) */
    unsigned pre_line;      /* and the line of the document it is about (0: the input) */
    sk_diags pre;           /* an error found before the job ran */
    out_item *items;
    size_t nitems, cap;
    sk_buf *text;           /* [nreports]: the cases' rendered text, one after another */
    sk_buf spans;           /* size_t pairs [start, end) into text[r], per case and report */
    sk_buf rules;           /* each case's status per rule, case after case */
    int oom;                /* an allocation failed while it ran */
} job;

/* What a thread needs to run jobs: its own evaluator and case arena,
 * each reused case after case. */
typedef struct runner {
    sk_evaluator *ev;
    sk_arena arena;
    int broken;             /* no evaluator: every job it takes fails */
} runner;

typedef struct batch {
    const sk_batch_opts *o;
    sk_limits lim;
    sk_report *const *reports;
    size_t nreports;
    sk_batch_case_fn fn;    /* sequential callback mode */
    sk_batch_error_fn err_fn;
    void *ud;
    sk_batch_stats *stats;
    /* the ring of jobs in flight */
    job *ring;
    size_t cap, head, tail; /* jobs [head, tail) are in flight */
    size_t next_run;        /* next READY job for a thread */
    int closed;             /* no more jobs will be added */
    unsigned nworkers;      /* worker threads allowed besides the caller */
    unsigned started;       /* worker threads running (started lazily) */
    unsigned idle;          /* workers waiting for a job */
    int waiting;            /* the caller waits for the oldest job */
    pthread_t *tids;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int oom;
    runner self;            /* the calling thread's, which runs jobs too */
    job *open;              /* the job being filled, not yet published */
} batch;

static void runner_init(runner *r, const batch *b)
{
    r->ev = NULL;
    r->broken = sk_evaluator_new(&r->ev, b->o->rs) != SK_OK;
    if (!r->broken)
        sk_evaluator_set_trace(r->ev, b->o->explain);
    sk_arena_init(&r->arena, 32768);
}

static void runner_free(runner *r)
{
    sk_arena_free(&r->arena);
    sk_evaluator_free(r->ev);
    r->ev = NULL;
}

static out_item *add_item(job *j)
{
    if (j->nitems == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : JOB_INPUTS;
        out_item *v = realloc(j->items, cap * sizeof *v);
        if (!v)
            return NULL;
        j->items = v;
        j->cap = cap;
    }
    out_item *it = &j->items[j->nitems++];
    memset(it, 0, sizeof *it);
    return it;
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

static void add_error(job *j, const char *file, unsigned line, sk_diags *d)
{
    out_item *it = add_item(j);
    if (!it) {
        j->oom = 1;
        return;
    }
    it->kind = OUT_ERROR;
    it->file = sk_display_name(file); /* safe in every report */
    j->oom |= !it->file || d->failed;
    it->line = line;
    sk_diags_init(&it->diags, d->lang);
    sk_diags_move(&it->diags, d);
}

/* An input error: kept for the reports, or handed straight to the
 * callback in sequential mode. */
static void job_error(batch *b, job *j, const char *file, unsigned line, sk_diags *d)
{
    if (b->fn) {
        if (b->err_fn) {
            char *shown = sk_display_name(file);
            j->oom |= !shown || d->failed;
            b->err_fn(shown ? shown : "?", line, d, b->ud);
            free(shown);
        }
        b->stats->input_errors++;
        sk_diags_free(d);
    } else {
        add_error(j, file, line, d);
    }
}

/* The report totals of a case (as sk_case_totals_of), its status per rule
 * kept in the job's rules buffer instead of a malloc of its own. */
static void keep_totals(job *j, const sk_result *res, out_item *it)
{
    it->totals.worst = res->worst;
    it->totals.form = (uint8_t)res->c->form;
    memcpy(it->totals.counts, res->counts, sizeof it->totals.counts);
    it->totals.nrules = res->n;
    it->rules_at = j->rules.len;
    char *d = sk_buf_extend(&j->rules, res->n); /* one extension, not a putc per rule */
    for (size_t i = 0; d && i < res->n; i++)
        d[i] = (char)res->findings[i].status;
    j->oom |= j->rules.failed;
}

/* Renders a case for report k at the end of the job's text for that
 * report and records where it lies. Renderers only append (what they
 * measure, they measure from where they began), so the text is the same
 * as rendered into an empty buffer, without copying it there first. */
static void keep_text(batch *b, job *j, size_t k, const sk_result *res)
{
    if (!j->text[k].cap)
        sk_buf_reserve(&j->text[k], JOB_TEXT_FIRST);
    size_t span[2] = {j->text[k].len, j->text[k].len};
    sk_report_render_case(b->reports[k], res, &j->text[k]);
    j->oom |= j->text[k].failed;
    span[1] = j->text[k].len;
    j->oom |= !sk_buf_append(&j->spans, (const char *)span, sizeof span);
}

/* One checked case: to the callback, or rendered for every report. An
 * allocation that fails marks the job (the run then fails as a whole). */
static void take_result(batch *b, job *j, const sk_result *res, sk_diags *warn)
{
    if (b->fn) {
        if (warn->count && b->o->warn_fn)
            b->o->warn_fn(warn, b->o->warn_ud);
        b->fn(res, b->ud);
        b->stats->cases++;
        if (sk_status_rank(res->worst) > b->stats->worst)
            b->stats->worst = sk_status_rank(res->worst);
        return;
    }
    out_item *it = add_item(j);
    if (!it) {
        j->oom = 1;
        return;
    }
    it->kind = OUT_CASE;
    sk_diags_init(&it->diags, warn->lang);
    if (warn->count && b->o->warn_fn)
        sk_diags_move(&it->diags, warn);
    keep_totals(j, res, it);
    it->spans_at = j->spans.len / (2 * sizeof(size_t));
    for (size_t k = 0; k < b->nreports; k++)
        keep_text(b, j, k, res);
}

/* Runs one input: every document in it. Thread-safe. */
static void run_input(batch *b, job *j, input *in, runner *r)
{
    const sk_batch_opts *o = b->o;
    const char *path = j->names.data + in->name;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_source *src = NULL;
    sk_rc rc = in->cut ? sk_source_open_chunk(&src, path, j->docs.data + in->at, in->len,
                                              in->line_offset, &b->lim)
                       : sk_source_open(&src, path, &b->lim, &d);
    if (rc != SK_OK) {
        j->oom |= rc == SK_ENOMEM;
        job_error(b, j, path, 0, &d);
        sk_diags_free(&d);
        return;
    }
    for (;;) {
        sk_case *c;
        sk_result *res;
        rc = sk_source_next(src, &r->arena, o->rs, o->default_date, &c, &d);
        if (rc == SK_OK && sk_evaluate(r->ev, c, &res) == SK_OK)
            take_result(b, j, res, &d);
        else if (rc == SK_OK || rc == SK_ENOMEM)
            j->oom = 1; /* nothing is dropped silently: the run fails */
        else if (rc == SK_EINVALID || rc == SK_EIO)
            job_error(b, j, path, sk_source_doc_line(src), &d);
        j->oom |= d.failed;
        sk_arena_reset(&r->arena);
        sk_diags_free(&d);
        if ((rc != SK_OK && rc != SK_EINVALID) || j->oom)
            break;
    }
    sk_source_close(src);
}

/* Runs one job: its inputs in order. Thread-safe. */
static void run_job(batch *b, job *j, runner *r)
{
    if (j->pre.count || j->pre.failed) {
        j->oom |= j->pre.failed || !j->pre_path;
        job_error(b, j, j->pre_path ? j->pre_path : "?", j->pre_line, &j->pre);
        return;
    }
    if (r->broken || j->names.failed || j->docs.failed) {
        j->oom = 1;
        return;
    }
    for (size_t i = 0; i < j->nin && !j->oom; i++)
        run_input(b, j, &j->in[i], r);
}

/* Reads the span [start, end) of item it in report k; 0 if it was not
 * recorded (the job ran out of memory, and the run fails). */
static int span_of(const job *j, const out_item *it, size_t k, size_t span[2])
{
    size_t at = (it->spans_at + k) * sizeof(size_t) * 2;
    if (j->spans.failed || at + 2 * sizeof(size_t) > j->spans.len)
        return 0;
    memcpy(span, j->spans.data + at, 2 * sizeof(size_t));
    return span[0] <= span[1] && span[1] <= j->text[k].len;
}

static void emit_case(batch *b, job *j, out_item *it)
{
    if (it->diags.count && b->o->warn_fn)
        b->o->warn_fn(&it->diags, b->o->warn_ud);
    sk_diags_free(&it->diags);
    b->stats->cases++;
    if (sk_status_rank(it->totals.worst) > b->stats->worst)
        b->stats->worst = sk_status_rank(it->totals.worst);
    int rules_ok = !j->rules.failed && it->rules_at + it->totals.nrules <= j->rules.len;
    it->totals.rules = rules_ok && j->rules.data ? (uint8_t *)j->rules.data + it->rules_at : NULL;
    for (size_t k = 0; k < b->nreports; k++) {
        size_t span[2];
        sk_buf text;
        sk_buf_init(&text, 0);
        if (span_of(j, it, k, span)) {
            text.data = j->text[k].data + span[0];
            text.len = span[1] - span[0];
        } else {
            text.failed = true;
            j->oom = 1;
        }
        sk_report_put_case(b->reports[k], &it->totals, &text);
    }
}

static void emit_error(batch *b, out_item *it)
{
    b->stats->input_errors++;
    for (size_t k = 0; k < b->nreports; k++)
        sk_report_input_error(b->reports[k], it->file, it->line, &it->diags);
    sk_diags_free(&it->diags);
    free(it->file);
}

/* Empties a buffer for the slot's next job, releasing it if it grew large. */
static void buf_recycle(sk_buf *buf)
{
    if (buf->cap > JOB_KEEP)
        sk_buf_free(buf);
    else
        sk_buf_clear(buf);
}

/* Makes an emitted job's slot ready for the next job, keeping its buffers. */
static void job_recycle(batch *b, job *j)
{
    sk_diags_free(&j->pre);
    free(j->pre_path);
    j->pre_path = NULL;
    j->pre_line = 0;
    j->nin = j->nitems = 0;
    j->oom = 0;
    buf_recycle(&j->names);
    buf_recycle(&j->docs);
    buf_recycle(&j->spans);
    buf_recycle(&j->rules);
    for (size_t k = 0; k < b->nreports; k++)
        buf_recycle(&j->text[k]);
    if (j->cap > 4 * JOB_INPUTS) {
        free(j->items);
        j->items = NULL;
        j->cap = 0;
    }
    j->state = JOB_FREE;
}

/* Writes a finished job's items to the reports, then recycles its slot. */
static void emit(batch *b, job *j)
{
    for (size_t i = 0; i < j->nitems; i++) {
        if (j->items[i].kind == OUT_CASE)
            emit_case(b, j, &j->items[i]);
        else
            emit_error(b, &j->items[i]);
    }
    if (j->oom)
        b->oom = 1; /* sticky: the run fails as a whole */
    job_recycle(b, j);
}

/* ---- threads ----------------------------------------------------------- */

/* Takes the next READY job (mu held); NULL if there is none. */
static job *take_job(batch *b)
{
    if (b->next_run == b->tail)
        return NULL;
    job *j = &b->ring[b->next_run % b->cap];
    b->next_run++;
    j->state = JOB_RUNNING;
    return j;
}

/* Marks a job DONE (mu held), waking the caller if it waits for one. */
static void finish_job(batch *b, job *j)
{
    j->state = JOB_DONE;
    if (b->waiting)
        pthread_cond_signal(&b->done);
}

static void *worker(void *arg)
{
    batch *b = arg;
    runner r;
    runner_init(&r, b);
    pthread_mutex_lock(&b->mu);
    for (;;) {
        job *j = take_job(b);
        if (!j && b->closed)
            break;
        if (!j) {
            b->idle++;
            pthread_cond_wait(&b->work, &b->mu);
            b->idle--;
            continue;
        }
        pthread_mutex_unlock(&b->mu);
        run_job(b, j, &r);
        pthread_mutex_lock(&b->mu);
        finish_job(b, j);
    }
    pthread_mutex_unlock(&b->mu);
    runner_free(&r);
    return NULL;
}

/* One step of the calling thread while jobs are in flight: emits the
 * oldest job if it is done; else runs a READY job itself; else waits for
 * the oldest job. */
static void step(batch *b)
{
    job *h = &b->ring[b->head % b->cap];
    pthread_mutex_lock(&b->mu);
    job *j = h->state == JOB_DONE ? NULL : take_job(b);
    if (j) {
        pthread_mutex_unlock(&b->mu);
        run_job(b, j, &b->self);
        pthread_mutex_lock(&b->mu);
        j->state = JOB_DONE;
        pthread_mutex_unlock(&b->mu);
        return;
    }
    b->waiting = 1;
    while (h->state != JOB_DONE)
        pthread_cond_wait(&b->done, &b->mu);
    b->waiting = 0;
    pthread_mutex_unlock(&b->mu);
    emit(b, h);
    b->head++;
}

/* Starts one more worker thread. A run whose jobs the caller keeps up
 * with (one file, a few small ones) starts none and pays nothing for them. */
static void start_worker(batch *b)
{
    if (pthread_create(&b->tids[b->started], NULL, worker, b) == 0)
        b->started++;
    else
        b->nworkers = b->started; /* carry on with the threads there are */
}

/* Hands the open job to the threads; a worker is started when more than
 * one job waits (the caller runs jobs too, once the ring is full). */
static void publish(batch *b)
{
    pthread_mutex_lock(&b->mu);
    b->ring[b->tail % b->cap].state = JOB_READY;
    b->tail++;
    size_t ready = b->tail - b->next_run;
    if (b->idle)
        pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    if (b->started < b->nworkers && ready > 1)
        start_worker(b);
}

/* Reserves the next ring slot, making progress on the jobs in flight
 * while the ring is full. */
static job *push_slot(batch *b)
{
    while (b->tail - b->head == b->cap)
        step(b);
    job *j = &b->ring[b->tail % b->cap];
    sk_diags_init(&j->pre, b->o->lang);
    return j;
}

/* ---- producing jobs ---------------------------------------------------- */

/* Cuts standard input into documents (yaml/split.h: the same cut a file
 * gets in sk_source). A document is cut into one of two buffers, kept
 * from document to document: the one taken last stays as it is until the
 * next is taken, while the next one is cut into the other. */
typedef struct splitter {
    sk_lines lines;
    sk_split split;
    sk_buf doc[2];      /* doc[cur]: the document being cut */
    int cur;
    unsigned doc_line;  /* its first line (0-based) */
    int too_big;
    size_t max;
} splitter;

static void splitter_begin(splitter *s, unsigned line)
{
    sk_buf *d = &s->doc[s->cur];
    if (d->cap > JOB_KEEP) /* an unusually large document: not kept */
        sk_buf_free(d);
    else
        sk_buf_clear(d);
    s->doc_line = line;
    s->too_big = 0;
}

static void splitter_add(splitter *s, const char *l, size_t n)
{
    sk_buf *d = &s->doc[s->cur];
    if (d->len + n <= s->max)
        s->too_big |= !sk_buf_append(d, l, n);
    else
        s->too_big = 1;
}

/* Hands the document cut so far to *out (valid until the next is taken)
 * and starts the next. */
static void splitter_take(splitter *s, const char **out, size_t *len, unsigned *offset,
                          int *too_big, unsigned next_line)
{
    const sk_buf *d = &s->doc[s->cur];
    *len = d->len;
    *out = d->data ? d->data : "";
    *offset = s->doc_line;
    *too_big = s->too_big;
    s->cur ^= 1;
    splitter_begin(s, next_line);
}

/* Next document of the stream; 0 at the end. */
static int split_next(splitter *s, const char **out, size_t *len, unsigned *offset,
                      int *too_big)
{
    const char *l;
    size_t n;
    int cont;
    for (;;) {
        /* once the document has content, only a marker, a directive or a
         * BOM line can cut it: lines without one are taken in one piece */
        if (s->split.content && (n = sk_lines_plain_run(&s->lines, &l)) > 0) {
            splitter_add(s, l, n);
            continue;
        }
        unsigned lno = s->lines.number;
        if (!sk_lines_next(&s->lines, &l, &n, &cont))
            break;
        if (cont) { /* a piece of an overlong line: content, never a marker */
            s->split.content = 1;
            splitter_add(s, l, n);
            continue;
        }
        sk_split before = s->split;
        sk_split_act act = sk_split_line(&s->split, l, n);
        if (act == SK_SPLIT_BEFORE) {
            splitter_take(s, out, len, offset, too_big, lno);
            splitter_add(s, l, n);
            return 1;
        }
        splitter_add(s, l, n);
        if (act == SK_SPLIT_AFTER) {
            if (sk_split_is_document(&before)) {
                splitter_take(s, out, len, offset, too_big, lno + 1);
                return 1;
            }
            splitter_begin(s, lno + 1);
        }
    }
    if (!sk_split_is_document(&s->split))
        return 0;
    memset(&s->split, 0, sizeof s->split);
    splitter_take(s, out, len, offset, too_big, s->lines.number);
    return 1;
}

/* Inputs are gathered into the open job, which is published when full,
 * before an error job, and at the end. */
static void flush(batch *b)
{
    if (b->open) {
        b->open = NULL;
        publish(b);
    }
}

/* The next input of the open job, named path (copied into the job). */
static input *next_input(batch *b, const char *path)
{
    if (b->open && b->open->nin == JOB_INPUTS)
        flush(b);
    if (!b->open)
        b->open = push_slot(b);
    job *j = b->open;
    input *in = &j->in[j->nin++];
    memset(in, 0, sizeof *in);
    in->name = j->names.len;
    if (!sk_buf_append(&j->names, path, strlen(path) + 1))
        b->oom = 1; /* the run fails as a whole: nothing dropped silently */
    return in;
}

/* A job of its own for an input that failed before it could be read. */
static void error_job(batch *b, const char *path, unsigned line, sk_diags *d)
{
    flush(b);
    job *j = push_slot(b);
    j->pre_path = dupstr(path);
    j->pre_line = line;
    sk_diags_move(&j->pre, d);
    publish(b);
}

/* An error about the document of the stream starting at line (1-based;
 * 0 for the stream as a whole, reported at its first line). */
static void stdin_error(batch *b, unsigned line, sk_msg id, size_t limit)
{
    sk_diags d;
    sk_diags_init(&d, b->o->lang);
    sk_diag_add(&d, SK_DIAG_ERROR, "-", line ? line : 1, 1, NULL, id, limit);
    error_job(b, "-", line, &d);
    sk_diags_free(&d);
}

static void produce_stdin(batch *b)
{
    splitter s;
    memset(&s, 0, sizeof s);
    sk_lines_file(&s.lines, stdin, b->lim.max_file_bytes);
    s.max = b->lim.max_file_bytes;
    splitter_begin(&s, 0);
    const char *doc;
    size_t len, docs = 0;
    unsigned off;
    int too_big;
    while (split_next(&s, &doc, &len, &off, &too_big)) {
        docs++;
        if (too_big || docs > b->lim.max_documents) {
            if (too_big) {
                stdin_error(b, off + 1, M_FILE_TOO_BIG, b->lim.max_file_bytes);
                continue;
            }
            stdin_error(b, off + 1, M_TOO_MANY_DOCS, b->lim.max_documents);
            break;
        }
        input *in = next_input(b, "-");
        sk_buf *to = &b->open->docs;
        in->cut = true;
        in->at = to->len;
        in->len = len;
        in->line_offset = off;
        if (!sk_buf_append(to, doc, len) || !sk_buf_append(to, "", 1))
            b->oom = 1; /* the run fails as a whole: nothing dropped silently */
    }
    if (docs == 0 && !s.lines.error) /* an empty stream, like an empty file */
        stdin_error(b, 0, M_EMPTY_DOC, 0);
    if (s.lines.error) {
        sk_diags d;
        sk_diags_init(&d, b->o->lang);
        sk_diag_add(&d, SK_DIAG_ERROR, "-", s.lines.number + 1, 1, NULL, M_READ_FAILED,
                    strerror(EIO));
        error_job(b, "-", 0, &d);
        sk_diags_free(&d);
    }
    sk_buf_free(&s.doc[0]);
    sk_buf_free(&s.doc[1]);
    sk_lines_free(&s.lines);
}

/* Walks each path lazily (memory does not grow with the library) and
 * hands its files to the workers in order. */
/* Does a pattern of o->exclude match path, or the part of it after any
 * slash (the pattern "drafts/x*" matches "cases/drafts/x1.yaml")? */
static int excluded(const sk_batch_opts *o, const char *path)
{
    for (size_t i = 0; i < o->nexclude; i++)
        for (const char *p = path; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
            if (fnmatch(o->exclude[i], p, 0) == 0)
                return 1;
    return 0;
}

static void produce(batch *b, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sk_walk *w = sk_walk_open(paths[i]);
        if (!w) {
            b->oom = 1;
            break; /* the open job is still published and freed below */
        }
        sk_diags d;
        sk_diags_init(&d, b->o->lang);
        const char *path;
        int rc;
        while ((rc = sk_walk_next(w, &path, &d)) != 0) {
            if (d.failed)
                b->oom = 1; /* the walk lost something for want of memory */
            if (rc < 0) {
                error_job(b, paths[i], 0, &d);
                sk_diags_free(&d);
                continue;
            }
            if (strcmp(path, "-") == 0) {
                produce_stdin(b);
                continue;
            }
            if (strcmp(path, paths[i]) != 0 && excluded(b->o, path))
                continue;
            next_input(b, path);
        }
        sk_diags_free(&d);
        sk_walk_close(w);
    }
    flush(b);
}

unsigned sk_batch_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* The ring's slots, each with a buffer per report. */
static int ring_new(batch *b)
{
    b->ring = calloc(b->cap, sizeof *b->ring);
    if (!b->ring)
        return 0;
    for (size_t i = 0; i < b->cap; i++) {
        job *j = &b->ring[i];
        sk_buf_init(&j->names, 0);
        sk_buf_init(&j->docs, 0);
        sk_buf_init(&j->spans, 0);
        sk_buf_init(&j->rules, 0);
        j->text = calloc(b->nreports ? b->nreports : 1, sizeof *j->text);
        if (!j->text)
            return 0;
        for (size_t k = 0; k < b->nreports; k++)
            sk_buf_init(&j->text[k], 0);
    }
    return 1;
}

static void ring_free(batch *b)
{
    for (size_t i = 0; b->ring && i < b->cap; i++) {
        job *j = &b->ring[i];
        sk_buf_free(&j->names);
        sk_buf_free(&j->docs);
        sk_buf_free(&j->spans);
        sk_buf_free(&j->rules);
        for (size_t k = 0; j->text && k < b->nreports; k++)
            sk_buf_free(&j->text[k]);
        free(j->text);
        free(j->items);
    }
    free(b->ring);
}

/* Lets the workers finish, runs and emits what is left in order, and
 * waits for the workers to end. */
static void drain(batch *b)
{
    pthread_mutex_lock(&b->mu);
    b->closed = 1;
    pthread_cond_broadcast(&b->work);
    pthread_mutex_unlock(&b->mu);
    while (b->head < b->tail)
        step(b);
    for (unsigned i = 0; i < b->started; i++)
        pthread_join(b->tids[i], NULL);
}

/* -jN: the calling thread produces the jobs, runs them too and emits them
 * in order; up to N - 1 worker threads are started as work piles up. */
static sk_rc run(batch *b, const char *const *paths, size_t npaths)
{
    unsigned nthreads = b->o->jobs ? b->o->jobs : sk_batch_default_jobs();
    if (b->fn || nthreads > 256)
        nthreads = b->fn ? 1 : 256;
    b->cap = nthreads > 1 ? 4 * (size_t)nthreads : 1;
    b->nworkers = nthreads - 1;
    if (b->nworkers)
        b->tids = calloc(b->nworkers, sizeof *b->tids);
    if (!b->tids)
        b->nworkers = 0; /* the caller alone */
    if (!ring_new(b)) {
        ring_free(b);
        free(b->tids);
        return SK_ENOMEM;
    }
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->work, NULL);
    pthread_cond_init(&b->done, NULL);
    runner_init(&b->self, b);
    if (b->self.broken)
        b->oom = 1;
    else
        produce(b, paths, npaths);
    drain(b);
    free(b->tids);
    runner_free(&b->self);
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->work);
    pthread_cond_destroy(&b->done);
    ring_free(b);
    return b->oom ? SK_ENOMEM : SK_OK;
}

static void batch_init(batch *b, const sk_batch_opts *o, sk_batch_stats *stats)
{
    memset(b, 0, sizeof *b);
    memset(stats, 0, sizeof *stats);
    b->o = o;
    if (o->limits)
        b->lim = *o->limits;
    else
        sk_limits_default(&b->lim);
    b->stats = stats;
}

sk_rc sk_batch_check(const sk_batch_opts *o, const char *const *paths, size_t npaths,
                     sk_report *const *reports, size_t nreports, sk_batch_stats *stats)
{
    batch b;
    batch_init(&b, o, stats);
    b.reports = reports;
    b.nreports = nreports;
    return run(&b, paths, npaths);
}

/* sequential mode: cases and input errors go to the callbacks as they come */
sk_rc sk_batch_each(const sk_batch_opts *o, const char *const *paths, size_t npaths,
                    sk_batch_case_fn fn, sk_batch_error_fn err_fn, void *ud,
                    sk_batch_stats *stats)
{
    batch b;
    batch_init(&b, o, stats);
    b.fn = fn;
    b.err_fn = err_fn;
    b.ud = ud;
    return run(&b, paths, npaths);
}
