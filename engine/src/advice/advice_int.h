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

/* The place of node n in its document ("tasks[1].name"), appended to b. */
void sk_advice_node_path(const sk_node *n, sk_buf *b);
/* HTML-escapes s into b. */
void sk_advice_html(sk_buf *b, const char *s);
/* Markdown table cell text: escapes | and turns newlines into spaces. */
void sk_advice_md(sk_buf *b, const char *s);

#endif
