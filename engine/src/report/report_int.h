/* report_int.h (internal) - the writer table and what writers share. */
#ifndef SK_REPORT_INT_H
#define SK_REPORT_INT_H

#include <stdatomic.h>

#include "base/buf.h"
#include "eval/result_int.h"
#include "samkoll/report.h"

typedef struct sk_input_error {
    char *file;
    unsigned line;
    sk_diags diags;
} sk_input_error;

typedef struct sk_writer sk_writer;
typedef struct sk_rule_json sk_rule_json;

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
    size_t with_unknown;           /* cases with at least one unknown finding */
    sk_input_error *errs;    /* kept for writers that print them at the end */
    size_t nerrs, errcap;
    size_t items;            /* items written, for separators */
    bool io_error;
    /* library summary: per rule, cases by status; per form, cases by worst */
    size_t (*rule_counts)[SK_ST__COUNT];   /* [rs->nrules] */
    size_t form_worst[SK_NFORMS][SK_ST__COUNT];
    /* writers with a summary before the cases: the cases are spooled to a
     * temporary file and copied after the summary at close */
    FILE *body;
    /* per rule, the parts of its JSON findings that do not depend on the
     * case, rendered on first use (sk_json_rule): a run pays only for the
     * rules it reports */
    _Atomic(sk_rule_json *) *rule_json;
    char *sarif_root;        /* sarif: opts.sarif_root resolved, or the working directory */
};

/* A writer renders each case (and, if it prints them inline, each input
 * error) into a buffer of its own. render_case and render_error read only
 * the report's options (r->o, r->rs), never its running state: they may
 * run on worker threads. The report places `sep` between consecutive
 * items, in input order; an empty item is no item (no separator). begin,
 * summary and end run on the thread that owns the report. A writer with a
 * `summary` has it written after begin's output and before the cases:
 * the cases are held in a temporary file until the report is closed. */
struct sk_writer {
    const char *name;
    void (*begin)(sk_report *r, sk_buf *out);
    void (*render_case)(const sk_report *r, const sk_result *res, sk_buf *out);
    void (*render_error)(const sk_report *r, const sk_input_error *e, sk_buf *out);
    const char *sep;
    void (*end)(sk_report *r, sk_buf *out);
    void (*summary)(sk_report *r, sk_buf *out);
};

extern const sk_writer sk_writer_text;
extern const sk_writer sk_writer_json;
extern const sk_writer sk_writer_jsonl;
extern const sk_writer sk_writer_junit;
extern const sk_writer sk_writer_sarif;
extern const sk_writer sk_writer_csv;
extern const sk_writer sk_writer_markdown;
extern const sk_writer sk_writer_html;

/* What the report's summary needs of a case, without the case: computed
 * on the worker, added up on the owner thread. */
typedef struct sk_case_totals {
    uint8_t worst;
    uint8_t form;
    size_t counts[SK_ST__COUNT];
    uint8_t *rules;          /* status per rule, in rule set order (malloc'd) */
    size_t nrules;
} sk_case_totals;

void sk_case_totals_of(const sk_result *res, sk_case_totals *t);
void sk_case_totals_free(sk_case_totals *t);
/* Thread-safe: renders res as this report's writer would, into out. */
void sk_report_render_case(const sk_report *r, const sk_result *res, sk_buf *out);
/* Owner thread: appends a rendered case (in input order). */
void sk_report_put_case(sk_report *r, const sk_case_totals *t, const sk_buf *chunk);

/* json.c: the parts of rule's JSON findings that do not depend on the
 * case, kept in r->rule_json. Thread-safe: workers render cases
 * concurrently, so the first to need them publishes its copy with a
 * compare-exchange and a worker that loses the race frees its own. NULL if
 * out of memory. */
const sk_rule_json *sk_json_rule(const sk_report *r, const sk_rule *rule);
void sk_json_rule_free(sk_rule_json *j);

/* Cases checked of one form (the library summary's per-form row). */
size_t sk_report_form_cases(const sk_report *r, int form);
/* For listing each missing fact once: renders fact's path into path as
 * "\nPATH\n" and returns 1 the first time it is seen (recording it in
 * seen), 0 after that. */
int sk_missing_path_once(const sk_fact *fact, sk_buf *seen, sk_buf *path);

/* Shared vocabulary. */
const char *sk_status_label(sk_status s, int lang);
const char *sk_reason_text(sk_reason r, int lang);
/* Findings of res in display order: worst first, then rule order. */
void sk_report_order(const sk_result *res, const sk_finding **out);
/* s as a JSON string, quotes included (NULL: ""). */
void sk_json_str(sk_buf *b, const char *s);
/* Length of the leading run of p[0..len) that a JSON string holds as it is
 * (no ", \ or byte below 0x20), eight bytes at a time. */
size_t sk_json_plain_run(const unsigned char *p, size_t len);
/* Citations as a compact JSON array of {"text", "url"} (text in lang en). */
void sk_json_cites(sk_buf *b, const sk_cite *cites, uint32_t n, int en);
/* ,"status":"<name>" of status s as JSON writes it, its length in *len;
 * NULL (and 0) for a value out of range. */
const char *sk_json_status_part(sk_status s, size_t *len);
/* The fact's path as a JSON string (tmp is scratch); true when the bytes
 * between the quotes are the path as sk_fact_path writes it (nothing
 * needed escaping). */
bool sk_json_fact_path(sk_buf *b, const sk_fact *f, sk_buf *tmp);
/* The finding's missing fact paths as a JSON array of strings (tmp is scratch). */
void sk_json_missing(sk_buf *b, const sk_finding *f, sk_buf *tmp);
/* Flushes r->out to the stream (the spool file while a summary is to come
 * first). */
void sk_report_flush(sk_report *r);
/* Writes n bytes at p to the same stream, past r->out (flush it first). */
void sk_report_write(sk_report *r, const char *p, size_t n);
/* "Kan inte avgöras: uppgift saknas: a, b." and the basis note. */
void sk_finding_explanation(const sk_result *res, const sk_finding *f, int lang, sk_buf *b);
/* What a finding says in one text, whatever its status: the message
 * (fail, warn, waived), the missing facts (unknown), the error, or why
 * the rule did not apply; empty for pass. */
void sk_finding_text(const sk_result *res, const sk_finding *f, int lang, sk_buf *b);
/* The node a finding is best located at: its first stated value other
 * than the case's form and date, else its first stated list or map, else
 * its first stated fact; NULL if none (use the case's line). */
const sk_node *sk_finding_locus(const sk_finding *f);
/* A field of the finding's waiver ("reason", "decided_by", "until"), or NULL. */
const char *sk_waiver_get(const sk_finding *f, const char *key);
/* The case-format field a fact denotes (its last step), or NULL. */
const sk_field *sk_fact_field(const sk_fact *f);
/* A missing fact as a question: "Är ”avtalstid” angivet?" */
void sk_missing_question(const sk_fact *m, int lang, sk_buf *b);
/* Text for XML and HTML: & < > " ' escaped, characters XML forbids
 * replaced by U+FFFD; attr: also line breaks and tabs as references. */
void sk_markup_str(sk_buf *b, const char *s, int attr);
/* Validity of a rule as "2018-07-01–" into b. */
void sk_rule_validity(const sk_rule *r, sk_buf *b);
/* "Rättsläget: klart" / "Certainty: settled" (and a contested rule's note). */
void sk_certainty_line(const sk_finding *f, int lang, sk_buf *b);
/* Whether the judged date is worth showing: the rule is not judged at the
 * assessment date, or it fell back. */
int sk_judged_notable(const sk_finding *f);
/* "beslutsdatumet 2015-03-01" / "the assessment date 2025-01-01 (the
 * decision date (decided) is not stated)". */
void sk_judged_text(const sk_finding *f, int lang, sk_buf *b);
/* Is rule citation i valid at the date the finding was judged at? */
int sk_finding_cite(const sk_finding *f, uint32_t i);
/* Rules that did not pass everywhere: some case drew fail, warn, unknown,
 * error or a waiver. */
int sk_report_rule_notable(const sk_report *r, size_t rule);
/* Name of a form value for people ("gemensam nämnd"). */
const char *sk_form_label(const sk_report *r, int form);
/* The schema's label of the form's code ("gemensam nämnd" / "joint
 * committee (gemensam nämnd)"), the code when it has none: for the case
 * heads of the human-readable reports (codes stay in JSON, CSV, SARIF). */
const char *sk_form_value_label(const sk_report *r, int form);

/* --explain (report_explain.c): the evaluation tree of a finding, one
 * node per line, each line started with `indent` plus two spaces per
 * level; markdown: as a nested list with code spans. */
void sk_explain_finding(const sk_result *res, const sk_finding *f, int lang,
                        const char *indent, int markdown, sk_buf *b);
/* report_markdown.c: text for Markdown, with the characters that would
 * make markup escaped; a line break becomes a hard break followed by
 * `cont` (the indentation of the list item it is in), or with cont NULL
 * (a heading, a table cell) a space. */
void sk_md_str(sk_buf *b, const char *s, const char *cont);
/* dump.c: one condition node as text, without indentation or newline. */
void sk_cond_head(sk_buf *b, const sk_rule *r, const sk_cond *k, int en);

/* ---- signal before noise (conclusion.c) ---- */

/* One open question: a fact the unknown findings lack, the findings it
 * would decide, and whether its answer could change the case's worst
 * status (some rule it decides is more severe than the worst decided). */
typedef struct sk_open_q {
    size_t off, len;              /* the fact's path, in sk_open_qs.text */
    const sk_fact *fact;
    const sk_finding **rules;     /* malloc'd */
    size_t nrules, cap, first;
    int could_change;
} sk_open_q;

typedef struct sk_open_qs {
    sk_open_q *q;                 /* could change first, then most rules */
    size_t n, cap;
    size_t nchange;               /* questions that could change the worst */
    size_t nfindings;             /* unknown findings grouped */
    sk_buf text;
} sk_open_qs;

/* The open questions of res; 0 if out of memory. Free with
 * sk_open_questions_free either way. */
int sk_open_questions(const sk_result *res, sk_open_qs *qs);
void sk_open_questions_free(sk_open_qs *qs);
/* The schema's question for the fact (NULL if it has none). */
const char *sk_open_q_text(const sk_open_q *q, int en);
/* The conclusion paragraph of a case: the decisive findings and what to do
 * next (qs: its open questions, or NULL). */
void sk_report_conclusion(const sk_result *res, const sk_open_qs *qs, int en, sk_buf *b);
/* The same, working out the open questions itself (html, markdown). */
void sk_report_conclusion_of(const sk_result *res, int en, sk_buf *b);

#endif
