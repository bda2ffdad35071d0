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
    int first;
    bool io_error;
};

struct sk_writer {
    const char *name;
    void (*begin)(sk_report *r);
    void (*on_case)(sk_report *r, const sk_result *res);
    void (*on_error)(sk_report *r, const sk_input_error *e);
    void (*end)(sk_report *r);
};

extern const sk_writer sk_writer_text;
extern const sk_writer sk_writer_json;
extern const sk_writer sk_writer_jsonl;

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
