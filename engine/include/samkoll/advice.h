/* samkoll/advice.h - advice on one case.
 *
 *  - compare: the case evaluated as if it used each candidate form, every
 *    other fact kept, shown side by side per decisive question and ranked
 *    (`samkoll compare`);
 *  - ask: the facts the case leaves unknown that would decide a finding,
 *    as questions (`samkoll ask`), and the textual insertion of an answer
 *    into the case file, keeping its comments and order
 *    (`samkoll ask --interactive`).
 *
 * Everything here reads the case and the rule set and writes only into the
 * case's arena: it is as thread-safe as sk_evaluate (one evaluator per
 * thread). */
#ifndef SAMKOLL_ADVICE_H
#define SAMKOLL_ADVICE_H

#include <stddef.h>
#include <stdio.h>

#include "samkoll/case.h"
#include "samkoll/common.h"
#include "samkoll/eval.h"
#include "samkoll/limits.h"
#include "samkoll/ruleset.h"

/* ---- the case under another form -------------------------------------- */

/* A view of c that states `form: FORM` and shares every other fact (and its
 * position) with c. It lives in c's arena, as long as c. SK_ENOTFOUND if
 * form is not a form of the case format. */
sk_rc sk_case_as_form(const sk_case *c, const char *form, sk_case **out);

/* ---- compare ------------------------------------------------------------ */

typedef struct sk_comparison sk_comparison;

/* Whether a form can carry the case's tasks lawfully, worst last. */
typedef enum sk_verdict {
    SK_VERDICT_POSSIBLE,      /* möjlig */
    SK_VERDICT_CONDITIONAL,   /* möjlig på villkor (the conditions listed) */
    SK_VERDICT_UNDECIDED,     /* kan inte avgöras (the facts to find out) */
    SK_VERDICT_NOT_POSSIBLE   /* inte möjlig (the reason and citation) */
} sk_verdict;

/* Evaluates c under each of forms (names; NULL or 0 = every form of the
 * rule set's forms table) with ev (an evaluator of rs), ranks the forms (no
 * fail first, then by the number of warn and unknown findings) and groups
 * the findings by the decisive questions. SK_ENOTFOUND if a name is not a
 * form (then *bad is its index). The comparison lives in c's arena. */
sk_rc sk_compare(sk_evaluator *ev, const sk_ruleset *rs, const sk_case *c,
                 const char *const *forms, size_t nforms, sk_comparison **out, size_t *bad);

/* Output formats of sk_compare_write, NULL-terminated: text, markdown,
 * json, html. */
const char *const *sk_compare_formats(void);
/* Writes the comparisons (one per case) as one document. SK_ENOTFOUND for
 * an unknown format, SK_EIO if writing failed. */
sk_rc sk_compare_write(const sk_comparison *const *cmps, size_t n, const char *format,
                       sk_lang lang, FILE *out);

/* The forms in rank order: index into the case format's form enum, and
 * whether no rule fails under it. */
size_t sk_comparison_count(const sk_comparison *cmp);
const char *sk_comparison_form(const sk_comparison *cmp, size_t rank);
int sk_comparison_possible(const sk_comparison *cmp, size_t rank);
/* The verdict on the form at rank. */
sk_verdict sk_comparison_verdict(const sk_comparison *cmp, size_t rank);
/* Whether the form at rank is a procurement route (inköpscentral,
 * gemensam upphandling) rather than an organisational form. */
int sk_comparison_is_route(const sk_comparison *cmp, size_t rank);

/* ---- init: a new case ------------------------------------------------- */

/* Writes a new case for form (a value of the `form` enum, or its label or
 * alias as sk_value_match takes them) to out: a commented template,
 * Swedish or English, with every field that the rules of rs which can
 * apply to that form read (judged from their conditions on the form
 * alone), in the case format's order, each with its question and its
 * values' labels. Every value is `unknown` and every list `unknown` with
 * one entry commented out, so the template states no fact: `samkoll check`
 * finds in it what it finds in a case that states only its form.
 * SK_ENOTFOUND: form names no form; SK_EIO: writing failed. */
sk_rc sk_case_template(const sk_ruleset *rs, const char *form, sk_lang lang, FILE *out);

/* ---- ask ---------------------------------------------------------------- */

typedef struct sk_questions sk_questions;
typedef struct sk_question sk_question;

/* What kind of answer a question takes. */
typedef enum sk_answer_kind {
    SK_ANS_BOOL,        /* ja / nej */
    SK_ANS_ENUM,        /* one of sk_question_values() */
    SK_ANS_TEXT,        /* free text */
    SK_ANS_TEXT_OR_BOOL,/* a decision's reference, or ja / nej */
    SK_ANS_INT,         /* integer >= 0 */
    SK_ANS_NUM,         /* number */
    SK_ANS_PERCENT,     /* number 0-100 */
    SK_ANS_DATE,        /* YYYY-MM-DD */
    SK_ANS_LIST,        /* values (enum values if sk_question_values()) */
    SK_ANS_NAMED_ITEMS, /* list items given by their names */
    SK_ANS_ITEMS        /* list items given by their number */
} sk_answer_kind;

/* The facts the unknown findings of res lack, one question per fact (or
 * per list the facts are in), ordered by the number of findings each
 * decides (most first). Lives in the result's case arena. */
sk_rc sk_questions_of(const sk_result *res, sk_questions **out);
size_t sk_questions_count(const sk_questions *qs);
const sk_question *sk_questions_get(const sk_questions *qs, size_t i);
/* The question whose key is key, or NULL. */
const sk_question *sk_questions_find(const sk_questions *qs, const char *key);

/* The fact's place in the case: "tasks[0].myndighetsutovning". */
const char *sk_question_key(const sk_question *q);
/* The question, in lang ("Innefattar uppgiften myndighetsutövning?"). */
const char *sk_question_text(const sk_question *q, sk_lang lang);
/* The name of the list item the question is about ("Matproduktion"), or
 * NULL. */
const char *sk_question_context(const sk_question *q);
sk_answer_kind sk_question_kind(const sk_question *q);
/* Allowed values (enum, or list of enum), NULL-terminated; else NULL. */
const char *const *sk_question_values(const sk_question *q);
/* The rules whose findings the answer would decide. */
size_t sk_question_nrules(const sk_question *q);
const char *sk_question_rule(const sk_question *q, size_t i);

/* Writes the questions of the results (one result per case). Formats:
 * "text", "json". SK_ENOTFOUND for another format. */
sk_rc sk_questions_write(const sk_result *const *res, const sk_questions *const *qs,
                         size_t n, const char *format, sk_lang lang, FILE *out);

/* An answer to a question: for scalar kinds one value, as typed (checked
 * and normalised by sk_answer_parse); for lists and items any number. */
typedef struct sk_answer {
    const char **values;
    size_t n;
} sk_answer;

/* Checks one line of input for a scalar question and normalises it
 * ("Ja" -> "true", "2" -> the second enum value). Returns 1 with *out set
 * (malloc'd), 0 if the input is not an answer (*out: a malloc'd message
 * in lang saying what is expected), -1 for "vet ej" / "don't know". */
int sk_answer_parse(const sk_question *q, const char *input, sk_lang lang, char **out);

/* Inserts the answer to q into text (the bytes the case was loaded from,
 * a whole file: every position of the case refers to it), keeping every
 * other byte: the new key goes into its map at its place in case-format
 * order with the map's indentation (or into a flow map), a stated
 * `unknown` is replaced. *out is malloc'd. SK_EINVALID if the place
 * cannot be found in the text. */
sk_rc sk_case_text_answer(const char *text, size_t len, const sk_question *q,
                          const sk_answer *a, char **out, size_t *outlen);

/* An edit of any fact of a case file (the web app's form): the fact at
 * key in document doc (0-based) gets the values (as typed: one for a
 * scalar, any number for a list of values; "unknown" states it unknown),
 * or, with n == 0, is removed (a key with its value, or a list item:
 * "parties[2]"). A new list item is added by a fact of the item one past
 * the list's end ("parties[3].name"). */
typedef struct sk_case_edit {
    size_t doc;
    const char *key;             /* "tasks[1].name", "agreement.signed" */
    const char *const *values;
    size_t n;
} sk_case_edit;

/* Applies e to text (a whole case file) as sk_case_text_answer does,
 * keeping every other byte: a stated value is replaced on its key's line
 * (a comment there stays), a new key goes into its map in case-format
 * order, a removed key or item takes only its own lines. The document is
 * read as YAML, not validated: a case that is invalid for the moment can
 * still be edited. *out is malloc'd. SK_ENOTFOUND: the key is no fact of
 * the case format, or not stated where it must be (the document, the
 * list item, a fact to remove); SK_EINVALID: a value does not fit the
 * field (*msg, malloc'd, in lang, says what is expected), or the place
 * cannot be found in the text, or the document is not YAML. */
sk_rc sk_case_text_edit(const char *text, size_t len, const sk_case_edit *e,
                        const sk_limits *lim, sk_lang lang, char **out, size_t *outlen,
                        char **msg);

#endif
