/* report_int.h (internal) - the writer table and what writers share. */
#ifndef SK_REPORT_INT_H
#define SK_REPORT_INT_H

#include "buf.h"
#include "result_int.h"
#include "samkoll/report.h"

typedef struct sk_input_error {
    char *file;
    unsigned line;
    sk_diags diags;
} sk_input_error;

typedef struct sk_writer sk_writer;

struct sk_report {
    const sk_writer *w;
    FILE *f;
    const sk_ruleset *rs;
    sk_report_opts o;
    sk_buf out;              /* per-case output, flushed after each case */
    size_t ncases;
    size_t nerrors;          /* input errors */
    size_t counts[SK_ST__COUNT];   /* findings by status */
    size_t worst[SK_ST__COUNT];    /* cases by worst status */
    sk_input_error *errs;    /* kept for writers that print them at the end */
    size_t nerrs, errcap;
    size_t items;            /* items written, for separators */
    bool io_error;
};

/* A writer renders each case (and, if it prints them inline, each input
 * error) into a buffer of its own. render_case and render_error read only
 * the report's options, never its running state: they may run on worker
 * threads. The report places `sep` between consecutive items, in input
 * order. begin and end run on the thread that owns the report. */
struct sk_writer {
    const char *name;
    void (*begin)(sk_report *r, sk_buf *out);
    void (*render_case)(const sk_report *r, const sk_result *res, sk_buf *out);
    void (*render_error)(const sk_report *r, const sk_input_error *e, sk_buf *out);
    const char *sep;
    void (*end)(sk_report *r, sk_buf *out);
};

extern const sk_writer sk_writer_text;
extern const sk_writer sk_writer_json;
extern const sk_writer sk_writer_jsonl;

/* What the report's summary needs of a case, without the case. */
typedef struct sk_case_totals {
    uint8_t worst;
    size_t counts[SK_ST__COUNT];
} sk_case_totals;

void sk_case_totals_of(const sk_result *res, sk_case_totals *t);
/* Thread-safe: renders res as this report's writer would, into out. */
void sk_report_render_case(const sk_report *r, const sk_result *res, sk_buf *out);
/* Owner thread: appends a rendered case (in input order). */
void sk_report_put_case(sk_report *r, const sk_case_totals *t, const sk_buf *chunk);

/* Shared vocabulary. */
const char *sk_status_label(sk_status s, int lang);
const char *sk_reason_text(sk_reason r, int lang);
/* Findings of res in display order: worst first, then rule order. */
void sk_report_order(const sk_result *res, const sk_finding **out);
void sk_json_str(sk_buf *b, const char *s);
/* Flushes r->out to the stream. */
void sk_report_flush(sk_report *r);
/* "Kan inte avgöras: uppgift saknas: a, b." and the basis note. */
void sk_finding_explanation(const sk_result *res, const sk_finding *f, int lang, sk_buf *b);

#endif
