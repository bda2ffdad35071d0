/* samkoll/interview.h - the interactive interview (`samkoll ask
 * --interactive`) as a session that any front end drives.
 *
 * A session holds the text of one case file and asks, one question at a
 * time, for the facts its unknown findings lack (the questions of
 * samkoll/advice.h, most decisive first). Each accepted answer is written
 * into the text (comments and order kept) only if the answered text still
 * loads and validates against the case format; otherwise the question is
 * passed over. The original file is never modified: `sk_interview_write`
 * writes the answered case to the output file, atomically, after
 * validating it once more.
 *
 * A front end loops:
 *
 *     sk_interview_open(&s, &opts, &d)         check the output, load the case
 *     while ((q = sk_interview_next(s))) {     NULL: no more questions
 *         print sk_interview_notice(s) (a case heading, "no more questions")
 *         print q->text, q->choices, then q->help as the prompt
 *         read a line (end of input or a signal: stop asking)
 *         r = sk_interview_answer(s, line, &msg)
 *         r == SK_IA_REJECTED: print msg and ask again
 *     }
 *     sk_interview_write(s, &d)                 also after an interruption
 *     sk_interview_report(s, stdout)           what is still unknown
 *
 * Every text a session returns is in its language (opts.lang). A session
 * owns its memory (an arena per loaded text, freed by sk_interview_free)
 * and keeps no global state; one session is used by one thread at a time. */
#ifndef SAMKOLL_INTERVIEW_H
#define SAMKOLL_INTERVIEW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "samkoll/common.h"
#include "samkoll/diag.h"
#include "samkoll/limits.h"
#include "samkoll/ruleset.h"

typedef struct sk_interview sk_interview;

/* What a session is opened on. */
typedef struct sk_interview_opts {
    const char *path;         /* the case file (its name in positions and messages) */
    const char *text;         /* its bytes, or NULL: read from path */
    size_t len;
    const char *output;       /* the file to write, or NULL / "-": PATH.answered.yaml */
    const sk_ruleset *rs;
    int32_t date;             /* the date the rules are judged at (days since 1970) */
    sk_lang lang;
    const sk_limits *limits;  /* NULL: sk_limits_default */
    const char *case_id;      /* only this case of the file, or NULL: every case */
} sk_interview_opts;

/* Why a session could not be opened. */
typedef enum sk_interview_status {
    SK_IV_OK,
    SK_IV_NOMEM,
    SK_IV_OUTPUT_IS_CASE,     /* the output would overwrite the case file */
    SK_IV_OUTPUT_UNWRITABLE,  /* the output cannot be created (errno set) */
    SK_IV_CASE_UNREADABLE,    /* the case file cannot be read (errno set) */
    SK_IV_CASE_INVALID,       /* the case file does not load (details in the diags) */
    SK_IV_NO_SUCH_CASE        /* opts.case_id names no case of the file */
} sk_interview_status;

/* Opens a session: checks first that the output can be written (a
 * temporary file is created next to it and removed), so that no question
 * is asked whose answer could not be kept; then reads and loads the case
 * (its diagnostics go to d, in d's language). On failure *out is NULL. */
sk_interview_status sk_interview_open(sk_interview **out, const sk_interview_opts *o, sk_diags *d);
void sk_interview_free(sk_interview *s);

/* The file the session writes (opts.output, or PATH.answered.yaml). */
const char *sk_interview_output(const sk_interview *s);
/* The file a session on path with output would write (malloc'd; NULL out
 * of memory): for a front end's message when sk_interview_open fails. */
char *sk_interview_output_for(const char *path, const char *output);

/* How a question is answered. */
typedef enum sk_interview_kind {
    SK_IQ_CHOICE,     /* one of choices, by its number or its name (a party, a task) */
    SK_IQ_ENUM,       /* one of choices (the field's values), by number, value,
                         label or Swedish alias ("tjänsteman" for employee) */
    SK_IQ_NUMBER,     /* a number (help says whether whole) */
    SK_IQ_PERCENT,    /* a number from 0 to 100, "%" allowed */
    SK_IQ_DATE,       /* YYYY-MM-DD */
    SK_IQ_TEXT,       /* free text (for a decision: its reference, or yes / no) */
    SK_IQ_YES_NO,     /* ja / nej */
    SK_IQ_LIST_ITEM   /* one item of a list per answer (from choices if any);
                         an empty answer ends the list */
} sk_interview_kind;

/* One question, as the front end shows it. Valid until the next call of
 * sk_interview_answer, sk_interview_skip or sk_interview_free. */
typedef struct sk_interview_question {
    size_t number;              /* 1, 2, ... over the session */
    const char *key;            /* the fact's place: "delegations[0].by_party" */
    const char *text;           /* the question, with the list item it is
                                   about when that has a name ("... — Matproduktion") */
    const char *help;           /* what an answer looks like, ending in "vet ej" */
    sk_interview_kind kind;
    const char *const *choices; /* NULL-terminated, or NULL */
    const char *const *labels;  /* with enum choices: each value's label in
                                   the session's language ("anställd"), or
                                   NULL where it has none; else NULL */
    size_t item;                /* SK_IQ_LIST_ITEM: the item asked for, from 1 */
    const char *const *rules;   /* the rules the answer would decide */
    size_t nrules;
} sk_interview_question;

/* The next question, or NULL when no question is left (or a failure: see
 * sk_interview_failed). Asking again without answering returns the same
 * question. */
const sk_interview_question *sk_interview_next(sk_interview *s);

/* Text to show before the question sk_interview_next returned (a heading
 * when a new case starts, "no more questions about ..." when one ends),
 * or NULL. Each text is returned once. */
const char *sk_interview_notice(sk_interview *s);

/* What became of an answer. */
typedef enum sk_interview_answer_rc {
    SK_IA_ACCEPTED,   /* taken (for a list: the list is complete) */
    SK_IA_MORE,       /* a list item taken: the next item is asked */
    SK_IA_REJECTED,   /* not an answer: *msg says what is expected; ask again */
    SK_IA_SKIPPED,    /* "vet ej": the fact stays unknown */
    SK_IA_NOT_PLACED, /* valid, but the case would not load with it: passed over (*msg) */
    SK_IA_FAILED      /* out of memory, or no question is open */
} sk_interview_answer_rc;

/* Answers the current question with one line of input. *msg (may be
 * NULL) gets a message in the session's language for SK_IA_REJECTED and
 * SK_IA_NOT_PLACED, valid until the next call; else NULL. */
sk_interview_answer_rc sk_interview_answer(sk_interview *s, const char *line, const char **msg);
/* Passes the current question over, as "vet ej" does. */
void sk_interview_skip(sk_interview *s);

/* The number of answers written into the case so far. */
size_t sk_interview_answered(const sk_interview *s);
/* Whether a failure (out of memory) ended the questions. */
int sk_interview_failed(const sk_interview *s);

/* Validates the answered text against the case format (every document
 * loads; diagnostics to d). SK_OK, SK_EINVALID or SK_ENOMEM. */
sk_rc sk_interview_validate(sk_interview *s, sk_diags *d);
/* Places the items of a list being answered, validates (as above) and
 * writes the answered case to the output file atomically. Nothing is
 * written if it does not validate (SK_EINVALID). SK_EIO with errno set if
 * the file cannot be written. */
sk_rc sk_interview_write(sk_interview *s, sk_diags *d);
/* Writes, as text, the questions still open about the session's cases
 * (the format of `samkoll ask`). SK_EIO if writing failed. */
sk_rc sk_interview_report(sk_interview *s, FILE *out);

#endif
