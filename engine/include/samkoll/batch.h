/* samkoll/batch.h - checking a whole library: files, directories and
 * standard input, on N worker threads, reported in input order.
 *
 * Work is cut into jobs of up to 8 inputs: files, and documents of
 * standard input (the stream is split at its document markers, so a
 * multi-document stream is checked in parallel too). Threads load,
 * validate, evaluate and render each case for every report, then free it;
 * the calling thread produces the jobs, runs jobs itself and writes the
 * rendered output in input order. With N threads, up to N - 1 workers are
 * started, each only once more than one job is waiting (up to 8 inputs
 * never start a thread). At most a fixed window of jobs is in
 * flight, so memory does not grow with the library, and the output is
 * byte-identical whatever the number of threads. */
#ifndef SAMKOLL_BATCH_H
#define SAMKOLL_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samkoll/common.h"
#include "samkoll/diag.h"
#include "samkoll/eval.h"
#include "samkoll/limits.h"
#include "samkoll/report.h"
#include "samkoll/ruleset.h"

/* Warnings about a case that was still checked (e.g. a v1 case naming a
 * party that is not in `parties`), called on the calling thread in input
 * order, just before the case is reported. */
typedef void (*sk_batch_warn_fn)(const sk_diags *d, void *ud);

typedef struct sk_batch_opts {
    const sk_ruleset *rs;
    const sk_limits *limits;
    int32_t default_date;   /* for cases without a date */
    sk_lang lang;           /* language of input-error messages */
    unsigned jobs;          /* threads, the caller's included; 0 = online CPUs */
    bool explain;           /* record the evaluation trees (--explain) */
    const char *const *exclude;  /* fnmatch(3) patterns: files found by walking a
                                    directory that match one are skipped (also when
                                    they match after any "/" of the path) */
    size_t nexclude;
    sk_batch_warn_fn warn_fn;    /* NULL: warnings are dropped */
    void *warn_ud;
} sk_batch_opts;

typedef struct sk_batch_stats {
    size_t cases;           /* cases checked */
    size_t input_errors;    /* documents or files rejected */
    int worst;              /* sk_status_rank of the worst finding */
} sk_batch_stats;

/* Checks everything under paths and writes it to every report, in input
 * order. Returns SK_ENOMEM on allocation failure, else SK_OK (problems
 * with inputs are input errors in the reports and in stats). */
sk_rc sk_batch_check(const sk_batch_opts *o, const char *const *paths, size_t npaths,
                     sk_report *const *reports, size_t nreports, sk_batch_stats *stats);

/* Calls fn for each case in input order, on the calling thread; input
 * errors are passed to err_fn. For commands that need the results
 * themselves (`samkoll test`). */
typedef void (*sk_batch_case_fn)(const sk_result *res, void *ud);
typedef void (*sk_batch_error_fn)(const char *file, unsigned line, const sk_diags *d, void *ud);
sk_rc sk_batch_each(const sk_batch_opts *o, const char *const *paths, size_t npaths,
                    sk_batch_case_fn fn, sk_batch_error_fn err_fn, void *ud,
                    sk_batch_stats *stats);

/* The number of online CPUs (at least 1). */
unsigned sk_batch_default_jobs(void);

#endif
