/* samkoll/report.h - writing results: one writer per output format,
 * chosen by name from a table. A report is opened on a stream, fed case
 * results and input errors in input order, and closed (which writes the
 * summary). Nothing is re-derived in the writers: they print the
 * findings as the evaluator made them. */
#ifndef SAMKOLL_REPORT_H
#define SAMKOLL_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "samkoll/common.h"
#include "samkoll/diag.h"
#include "samkoll/eval.h"
#include "samkoll/ruleset.h"

typedef struct sk_report sk_report;

typedef struct sk_report_opts {
    sk_lang lang;
    bool color;          /* ANSI colour (text format) */
    bool quiet;          /* only non-pass findings */
    int32_t run_date;    /* the run's default date */
    bool explain;        /* text, markdown: the evaluation tree under each
                            finding, and the rules that did not apply */
    uint8_t junit_fail_on;  /* junit: lowest sk_status that is a <failure>
                               (SK_ST_FAIL, SK_ST_WARN or SK_ST_UNKNOWN);
                               0 = SK_ST_FAIL */
    bool csv_bom;        /* csv: start with a UTF-8 byte order mark */
    const char *assessor;   /* markdown, html: who assessed (--assessor), or NULL */
    const char *sarif_root; /* sarif: absolute directory that artifact URIs are
                               relative to (%SRCROOT%); NULL: the working directory */
    bool sarif_unknown;     /* sarif: also report unknown findings (as notes) */
} sk_report_opts;

/* Names of the available formats, NULL-terminated ("text", "json", ...). */
const char *const *sk_report_formats(void);
/* SK_ENOTFOUND for an unknown format name. The stream is borrowed. */
sk_rc sk_report_open(sk_report **out, const char *format, FILE *f,
                     const sk_ruleset *rs, const sk_report_opts *opts);
void sk_report_case(sk_report *r, const sk_result *res);
/* An input that could not be checked: its diagnostics (all of them are
 * copied); line is the line of the document (0 = whole file). */
void sk_report_input_error(sk_report *r, const char *file, unsigned line,
                           const sk_diags *diags);
/* Writes the summary, flushes, frees. SK_EIO if any write failed. */
sk_rc sk_report_close(sk_report *r);

/* The facts of c as one JSON object, as the case states them: keys in
 * source order, booleans, numbers and dates typed, a stated `unknown` as
 * the string "unknown", an empty or null value as null. For front ends
 * that edit a case in a form. SK_EIO if writing failed. */
sk_rc sk_case_write_json(const sk_case *c, FILE *out);

#endif
