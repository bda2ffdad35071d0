/* batch.c - the library driver: input order, worker threads, bounded
 * memory (see samkoll/batch.h). */
#include "samkoll/batch.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <pthread.h>
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

/* One result of a job: a rendered case (one buffer per report, and the
 * warnings about it) or an input error. */
typedef struct out_item {
    out_kind kind;
    sk_case_totals totals;
    sk_buf *text;           /* [nreports] */
    char *file;
    unsigned line;
    sk_diags diags;
} out_item;

typedef enum { JOB_FREE, JOB_READY, JOB_RUNNING, JOB_DONE } job_state;

/* One input of a job: a file, or a document cut from a stream. */
typedef struct input {
    const char *path;       /* the file, or the stream's name for a chunk */
    char *own;              /* the path's storage, when the input owns it */
    char *chunk;            /* a document cut from a stream (owned) */
    size_t chunk_len;
    unsigned line_offset;
} input;

/* Inputs per job: small cases are handed to workers in groups, so that
 * the hand-over costs little next to the work. */
#define JOB_INPUTS 16

typedef struct job {
    job_state state;
    input in[JOB_INPUTS];
    size_t nin;
    char *pre_path;         /* with pre: the path the error is about (owned) */
    unsigned pre_line;      /* and the line of the document it is about (0: the input) */
    sk_diags pre;           /* an error found before the job ran */
    out_item *items;
    size_t nitems, cap;
    int oom;                /* an allocation failed while it ran */
} job;

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
    size_t next_run;        /* next READY job for a worker */
    int closed;             /* no more jobs will be added */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int oom;
    sk_arena arena;         /* for jobs run on the calling thread */
    job *open;              /* the job being filled, not yet published */
} batch;

static out_item *add_item(job *j)
{
    if (j->nitems == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 4;
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
    sk_case_totals_of(res, &it->totals);
    j->oom |= !it->totals.rules;
    it->text = calloc(b->nreports ? b->nreports : 1, sizeof *it->text);
    if (!it->text) {
        j->oom = 1;
        return;
    }
    for (size_t r = 0; r < b->nreports; r++) {
        sk_buf_init(&it->text[r], 0);
        sk_report_render_case(b->reports[r], res, &it->text[r]);
        j->oom |= it->text[r].failed;
    }
}

/* Runs one input: every document in it. Thread-safe. */
static void run_input(batch *b, job *j, input *in, sk_evaluator *ev, sk_arena *arena)
{
    const sk_batch_opts *o = b->o;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_source *src = NULL;
    sk_rc rc = in->chunk ? sk_source_open_chunk(&src, in->path, in->chunk, in->chunk_len,
                                                in->line_offset, &b->lim)
                         : sk_source_open(&src, in->path, &b->lim, &d);
    in->chunk = NULL; /* the source owns it now */
    if (rc != SK_OK) {
        j->oom |= rc == SK_ENOMEM;
        job_error(b, j, in->path, 0, &d);
        sk_diags_free(&d);
        return;
    }
    for (;;) {
        sk_case *c;
        sk_result *res;
        rc = sk_source_next(src, arena, o->rs, o->default_date, &c, &d);
        if (rc == SK_OK && sk_evaluate(ev, c, &res) == SK_OK)
            take_result(b, j, res, &d);
        else if (rc == SK_OK || rc == SK_ENOMEM)
            j->oom = 1; /* nothing is dropped silently: the run fails */
        else if (rc == SK_EINVALID || rc == SK_EIO)
            job_error(b, j, in->path, sk_source_doc_line(src), &d);
        j->oom |= d.failed;
        sk_arena_reset(arena);
        sk_diags_free(&d);
        if ((rc != SK_OK && rc != SK_EINVALID) || j->oom)
            break;
    }
    sk_source_close(src);
}

/* Runs one job: its inputs in order. Thread-safe. */
static void run_job(batch *b, job *j, sk_evaluator *ev, sk_arena *arena)
{
    if (j->pre.count || j->pre.failed) {
        j->oom |= j->pre.failed || !j->pre_path;
        job_error(b, j, j->pre_path ? j->pre_path : "?", j->pre_line, &j->pre);
        return;
    }
    for (size_t i = 0; i < j->nin; i++)
        run_input(b, j, &j->in[i], ev, arena);
}

/* Writes a finished job's items to the reports and frees them. */
static void emit(batch *b, job *j)
{
    if (j->oom)
        b->oom = 1; /* sticky: the run fails as a whole */
    for (size_t i = 0; i < j->nitems; i++) {
        out_item *it = &j->items[i];
        if (it->kind == OUT_CASE) {
            if (it->diags.count && b->o->warn_fn)
                b->o->warn_fn(&it->diags, b->o->warn_ud);
            sk_diags_free(&it->diags);
            b->stats->cases++;
            if (sk_status_rank(it->totals.worst) > b->stats->worst)
                b->stats->worst = sk_status_rank(it->totals.worst);
            for (size_t r = 0; r < b->nreports; r++) {
                sk_report_put_case(b->reports[r], &it->totals, &it->text[r]);
                sk_buf_free(&it->text[r]);
            }
            free(it->text);
            sk_case_totals_free(&it->totals);
        } else {
            b->stats->input_errors++;
            for (size_t r = 0; r < b->nreports; r++)
                sk_report_input_error(b->reports[r], it->file, it->line, &it->diags);
            sk_diags_free(&it->diags);
            free(it->file);
        }
    }
    free(j->items);
    sk_diags_free(&j->pre);
    for (size_t i = 0; i < j->nin; i++) {
        free(j->in[i].chunk);
        free(j->in[i].own);
    }
    free(j->pre_path);
    memset(j, 0, sizeof *j);
}

/* ---- workers ---------------------------------------------------------- */

static void *worker(void *arg)
{
    batch *b = arg;
    sk_evaluator *ev = NULL;
    /* without an evaluator the worker still takes its jobs, marking each
     * failed, so that no job is left waiting */
    int broken = sk_evaluator_new(&ev, b->o->rs) != SK_OK;
    if (!broken)
        sk_evaluator_set_trace(ev, b->o->explain);
    sk_arena arena; /* one per worker, reused case after case */
    sk_arena_init(&arena, 32768);
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (b->next_run == b->tail && !b->closed)
            pthread_cond_wait(&b->work, &b->mu);
        if (b->next_run == b->tail && b->closed)
            break;
        job *j = &b->ring[b->next_run % b->cap];
        b->next_run++;
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&b->mu);
        if (broken)
            j->oom = 1;
        else
            run_job(b, j, ev, &arena);
        pthread_mutex_lock(&b->mu);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&b->done);
    }
    pthread_mutex_unlock(&b->mu);
    sk_arena_free(&arena);
    sk_evaluator_free(ev);
    return NULL;
}

/* ---- producing jobs ---------------------------------------------------- */

/* Cuts standard input into documents (yaml/split.h: the same cut a file
 * gets in sk_source), each a chunk of its own for the workers. */
typedef struct splitter {
    sk_lines lines;
    sk_split split;
    sk_buf doc;         /* the document being cut */
    unsigned doc_line;  /* its first line (0-based) */
    int too_big;
    size_t max;
} splitter;

static void splitter_begin(splitter *s, unsigned line)
{
    sk_buf_init(&s->doc, 0);
    s->doc_line = line;
    s->too_big = 0;
}

static void splitter_add(splitter *s, const char *l, size_t n)
{
    if (s->doc.len + n <= s->max)
        s->too_big |= !sk_buf_append(&s->doc, l, n);
    else
        s->too_big = 1;
}

/* Hands the document cut so far to *out (malloc'd) and starts the next. */
static void splitter_take(splitter *s, char **out, size_t *len, unsigned *offset,
                          int *too_big, unsigned next_line)
{
    *len = s->doc.len;
    *out = s->doc.data ? s->doc.data : dupstr("");
    *offset = s->doc_line;
    *too_big = s->too_big;
    splitter_begin(s, next_line);
}

/* Next document of the stream; 0 at the end. */
static int split_next(splitter *s, char **out, size_t *len, unsigned *offset, int *too_big)
{
    const char *l;
    size_t n;
    int cont;
    for (;;) {
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
            sk_buf_free(&s->doc);
            splitter_begin(s, lno + 1);
        }
    }
    if (!sk_split_is_document(&s->split)) {
        sk_buf_free(&s->doc);
        return 0;
    }
    memset(&s->split, 0, sizeof s->split);
    splitter_take(s, out, len, offset, too_big, s->lines.number);
    return 1;
}

/* Reserves the next ring slot (waiting for the oldest job to finish and be
 * emitted if the ring is full). */
static job *push_slot(batch *b)
{
    pthread_mutex_lock(&b->mu);
    while (b->tail - b->head == b->cap) {
        job *old = &b->ring[b->head % b->cap];
        while (old->state != JOB_DONE)
            pthread_cond_wait(&b->done, &b->mu);
        pthread_mutex_unlock(&b->mu);
        emit(b, old);
        pthread_mutex_lock(&b->mu);
        b->head++;
    }
    job *j = &b->ring[b->tail % b->cap];
    memset(j, 0, sizeof *j);
    pthread_mutex_unlock(&b->mu);
    sk_diags_init(&j->pre, b->o->lang);
    return j;
}

static void publish(batch *b, int threads, sk_evaluator *ev)
{
    pthread_mutex_lock(&b->mu);
    b->ring[b->tail % b->cap].state = JOB_READY;
    b->tail++;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    if (!threads) {
        /* inline: run it now, on this thread */
        job *j = &b->ring[b->next_run % b->cap];
        b->next_run++;
        run_job(b, j, ev, &b->arena);
        j->state = JOB_DONE;
    }
}

/* Inputs are gathered into the open job, which is published when full,
 * before an error job, and at the end. */
static void flush(batch *b, int threads, sk_evaluator *ev)
{
    if (b->open) {
        b->open = NULL;
        publish(b, threads, ev);
    }
}

static input *next_input(batch *b, int threads, sk_evaluator *ev)
{
    if (b->open && b->open->nin == JOB_INPUTS)
        flush(b, threads, ev);
    if (!b->open)
        b->open = push_slot(b);
    input *in = &b->open->in[b->open->nin++];
    memset(in, 0, sizeof *in);
    return in;
}

/* A job of its own for an input that failed before it could be read. */
static void error_job(batch *b, int threads, sk_evaluator *ev, const char *path, unsigned line,
                      sk_diags *d)
{
    flush(b, threads, ev);
    job *j = push_slot(b);
    j->pre_path = dupstr(path);
    j->pre_line = line;
    sk_diags_move(&j->pre, d);
    publish(b, threads, ev);
}

/* An error about the document of the stream starting at line (1-based;
 * 0 for the stream as a whole, reported at its first line). */
static void stdin_error(batch *b, int threads, sk_evaluator *ev, unsigned line, sk_msg id,
                        size_t limit)
{
    sk_diags d;
    sk_diags_init(&d, b->o->lang);
    sk_diag_add(&d, SK_DIAG_ERROR, "-", line ? line : 1, 1, NULL, id, limit);
    error_job(b, threads, ev, "-", line, &d);
    sk_diags_free(&d);
}

static void produce_stdin(batch *b, int threads, sk_evaluator *ev)
{
    splitter s;
    memset(&s, 0, sizeof s);
    sk_lines_file(&s.lines, stdin, b->lim.max_file_bytes);
    s.max = b->lim.max_file_bytes;
    splitter_begin(&s, 0);
    char *doc;
    size_t len, docs = 0;
    unsigned off;
    int too_big;
    while (split_next(&s, &doc, &len, &off, &too_big)) {
        docs++;
        if (too_big || docs > b->lim.max_documents) {
            free(doc);
            if (too_big) {
                stdin_error(b, threads, ev, off + 1, M_FILE_TOO_BIG, b->lim.max_file_bytes);
                continue;
            }
            stdin_error(b, threads, ev, off + 1, M_TOO_MANY_DOCS, b->lim.max_documents);
            break;
        }
        input *in = next_input(b, threads, ev);
        in->path = "-";
        in->chunk = doc;
        in->chunk_len = len;
        in->line_offset = off;
    }
    if (docs == 0 && !s.lines.error) /* an empty stream, like an empty file */
        stdin_error(b, threads, ev, 0, M_EMPTY_DOC, 0);
    if (s.lines.error) {
        sk_diags d;
        sk_diags_init(&d, b->o->lang);
        sk_diag_add(&d, SK_DIAG_ERROR, "-", s.lines.number + 1, 1, NULL, M_READ_FAILED,
                    strerror(EIO));
        error_job(b, threads, ev, "-", 0, &d);
        sk_diags_free(&d);
    }
    sk_buf_free(&s.doc);
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

static void produce(batch *b, const char *const *paths, size_t n, int threads,
                    sk_evaluator *ev)
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
                error_job(b, threads, ev, paths[i], 0, &d);
                sk_diags_free(&d);
                continue;
            }
            if (strcmp(path, "-") == 0) {
                produce_stdin(b, threads, ev);
                continue;
            }
            if (strcmp(path, paths[i]) != 0 && excluded(b->o, path))
                continue;
            input *in = next_input(b, threads, ev);
            in->own = dupstr(path);
            in->path = in->own ? in->own : "";
            if (!in->own)
                b->oom = 1; /* the run fails as a whole: nothing dropped silently */
        }
        sk_diags_free(&d);
        sk_walk_close(w);
    }
    flush(b, threads, ev);
}

unsigned sk_batch_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static sk_rc run(batch *b, const char *const *paths, size_t npaths)
{
    unsigned nthreads = b->o->jobs ? b->o->jobs : sk_batch_default_jobs();
    if (b->fn || nthreads > 256)
        nthreads = b->fn ? 1 : 256;
    int threads = nthreads > 1;
    b->cap = threads ? 4 * nthreads : 1;
    b->ring = calloc(b->cap, sizeof *b->ring);
    if (!b->ring)
        return SK_ENOMEM;
    sk_arena_init(&b->arena, 32768);
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->work, NULL);
    pthread_cond_init(&b->done, NULL);
    pthread_t *tids = threads ? calloc(nthreads, sizeof *tids) : NULL;
    unsigned started = 0;
    sk_evaluator *ev = NULL;
    if (threads) {
        for (; tids && started < nthreads; started++)
            if (pthread_create(&tids[started], NULL, worker, b) != 0)
                break;
    } else if (sk_evaluator_new(&ev, b->o->rs) != SK_OK) {
        b->oom = 1;
    } else {
        sk_evaluator_set_trace(ev, b->o->explain);
    }
    if (threads && started == 0)
        b->oom = 1;
    if (!b->oom)
        produce(b, paths, npaths, threads, ev);
    pthread_mutex_lock(&b->mu);
    b->closed = 1;
    pthread_cond_broadcast(&b->work);
    pthread_mutex_unlock(&b->mu);
    /* emit what is left, in order */
    while (b->head < b->tail) {
        job *j = &b->ring[b->head % b->cap];
        pthread_mutex_lock(&b->mu);
        while (j->state != JOB_DONE)
            pthread_cond_wait(&b->done, &b->mu);
        pthread_mutex_unlock(&b->mu);
        emit(b, j);
        b->head++;
    }
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    sk_evaluator_free(ev);
    sk_arena_free(&b->arena);
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->work);
    pthread_cond_destroy(&b->done);
    free(b->ring);
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
