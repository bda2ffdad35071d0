/* advice_int.h (internal) - what compare, ask and the case-text editor
 * share (see samkoll/advice.h). */
#ifndef SK_ADVICE_INT_H
#define SK_ADVICE_INT_H

#include <stdbool.h>

#include "base/buf.h"
#include "eval/result_int.h"
#include "samkoll/advice.h"

struct sk_question {
    const char *key;              /* "tasks[0].myndighetsutovning" */
    const char *text[2];          /* sv, en */
    const char *context;          /* name of the list item, or NULL */
    uint8_t kind;                 /* sk_answer_kind */
    const sk_field *field;        /* the field asked for (a leaf or a list) */
    const char *const *values;    /* enum values, or NULL */
    /* Where the answer goes: `at` is the deepest stated node on the way,
     * a map to insert chain[0..n) into (chain[n-1] == field), or, with
     * replace, a stated unknown value to replace by the value of
     * chain[0..n) (n == 0: by the answer itself). */
    const sk_node *at;
    bool replace;
    const sk_field *chain[SK_MAX_STEPS];
    int16_t chain_field[SK_MAX_STEPS];  /* their indices in their schemas */
    uint8_t nchain;
    const sk_rule **rules;        /* the rules it decides, in rule order */
    size_t nrules, caprules;
    size_t first;                 /* order of first appearance */
};

struct sk_questions {
    const sk_result *res;
    sk_question **q;              /* sorted: most rules first */
    size_t n, cap;
};

/* ---- editing the text of a case (case_edit.c, for case_set.c) ---- */

typedef enum sk_text_edit {
    SK_TEXT_SET,      /* n: a stated value in a map; its value becomes a */
    SK_TEXT_REMOVE,   /* n: a value in a map (the pair goes) or a list item */
    SK_TEXT_APPEND    /* n: a list; a new item holding q's chain = a */
} sk_text_edit;

/* One edit of the text s[0..len) (every position of n refers to it); q
 * gives the kind (and, to append, the chain) of the answer a. *out is
 * malloc'd; SK_EINVALID if the place cannot be found in the text. */
sk_rc sk_case_text_edit_at(const char *s, size_t len, sk_text_edit op, const sk_node *n,
                           const sk_question *q, const sk_answer *a, char **out, size_t *outlen);
/* The answer kind (sk_answer_kind) of field f and its enum values, or -1
 * for a map (ask.c). */
int sk_advice_answer_kind(const sk_field *f, const char *const **values);

/* ---- verdicts (verdict.c) ---- */

#define SK_VERDICT_MAX_ITEMS 24

/* One reason for a verdict: a check's message (a UI id with an argument
 * and the forms-table cell it rests on), or a finding that fails or warns. */
typedef struct sk_verdict_item {
    uint8_t level;                /* sk_verdict */
    int msg;                      /* sk_ui_id, or -1 for a finding */
    const char *arg;
    const sk_form_cell *cell;
    const sk_form_col *col;       /* for a list argument given by the cell */
    const sk_finding *finding;
} sk_verdict_item;

typedef struct sk_verdict_info {
    uint8_t verdict;              /* the worst level among the items */
    sk_verdict_item items[SK_VERDICT_MAX_ITEMS];
    size_t n;
} sk_verdict_info;

/* The verdict on view (a case under one form) from the forms table and the
 * findings res; own: the form is the case's own; route: a procurement
 * route, judged by its rules alone. */
void sk_verdict_of(const sk_ruleset *rs, const sk_case *view, const sk_result *res, int own,
                   int route, sk_verdict_info *out);
/* The item's text in lang; a reason for "not possible" ends with the first
 * citation of its forms-table cell valid at date. */
void sk_verdict_item_text(const sk_verdict_item *it, int en, int32_t date, sk_buf *b);
const char *sk_verdict_label(sk_verdict v, int en);
const char *sk_verdict_name(sk_verdict v);

/* The place of node n in its document ("tasks[1].name"), appended to b. */
void sk_advice_node_path(const sk_node *n, sk_buf *b);
/* HTML-escapes s into b. */
void sk_advice_html(sk_buf *b, const char *s);
/* Markdown table cell text: escapes | and turns newlines into spaces. */
void sk_advice_md(sk_buf *b, const char *s);

#endif
