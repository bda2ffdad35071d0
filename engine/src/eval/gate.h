/* gate.h (internal) - the gates of a rule set: for each rule, the first
 * test of its `applies` when that test reads one fact of the case through
 * a fixed path (no binding, no date; from the case's root or its row of
 * the forms table) and compares it with literals only:
 * `{path: form, eq: avtalssamverkan}`, `{path: $form.myndighetsutovning,
 * eq: not_allowed}`, `{path: X, exists: true}`,
 * `{count: "LIST[*]", gt: 0}`. Rules whose gates read the same path share
 * a path class, so the evaluator resolves that path once per case and
 * decides each such gate without evaluating the rule: a rule whose gate
 * is false is not applicable, with the gate's fact as its one fact, just
 * as the full evaluation finds (eval.c, gate_false). Built per evaluator
 * from the shared rule set, which stays read-only. */
#ifndef SK_EVAL_GATE_H
#define SK_EVAL_GATE_H

#include <stdint.h>

#include "rules/ruleset_int.h"
#include "samkoll/eval.h"

/* Path classes per rule set; gates beyond them are left out (no gate). */
#define SK_GATE_MAX_CLASSES 64

typedef struct sk_gate {
    const sk_cond *k;   /* the gate, or NULL: the rule has none */
    uint8_t wrap;       /* 1: k is the first conjunct of an `all` (one step more) */
    uint8_t cls;        /* path class */
    uint8_t id;         /* equal gates (same path class, test and literals) share it */
} sk_gate;

/* The citations a finding shows (sk_cite_mask_shown) and the certainty
 * over them (sk_rule_certainty) as a step function of the judged day: on
 * days cut[i] .. cut[i + 1] - 1 they are mask[i] and cert[i]. */
typedef struct sk_cite_steps {
    const int32_t *cut;  /* ascending; cut[0] = INT32_MIN */
    const uint64_t *mask;
    const uint8_t *cert;
    uint32_t n;
} sk_cite_steps;

/* What the evaluator reads of a rule for every case, in one compact row
 * per rule (an sk_rule spreads these fields over several cache lines). */
typedef struct sk_rule_row {
    sk_cite_steps cites;    /* the citations shown, by judged day */
    int32_t from, to;       /* validity, inclusive (INT32_MIN, INT32_MAX: open) */
    const sk_path *gate;    /* the gate's path, or NULL: the rule has no gate */
    uint8_t judged_at;      /* sk_judged_at (SK_AT_ASSESSMENT if out of range) */
    uint8_t wrap, cls, id;  /* the gate's (sk_gate) */
    uint8_t gate_nsteps;    /* gate->nsteps */
} sk_rule_row;

typedef struct sk_gates {
    sk_gate *rule;                               /* one per rule, in rule set order */
    sk_rule_row *row;                            /* one per rule, in rule set order */
    uint32_t *defeated;                          /* rules with defeated_by, in order */
    uint32_t ndefeated;
    const sk_path *cls_path[SK_GATE_MAX_CLASSES]; /* a path of each class */
    unsigned ncls;
    unsigned nids;
    void *mem;                                   /* the steps' arrays */
} sk_gates;

/* The step of s that day falls on. */
static inline uint32_t sk_cite_step(const sk_cite_steps *s, int32_t day)
{
    if (day >= s->cut[s->n - 1]) /* the last step: a recent day, most cases */
        return s->n - 1;
    uint32_t lo = 0, hi = s->n; /* cut[lo] <= day < cut[hi] (cut[n]: past the end) */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->cut[mid] <= day)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The gates of rs into g; 0 if out of memory. sk_gates_free frees them. */
int sk_gates_build(sk_gates *g, const sk_ruleset *rs);
void sk_gates_free(sk_gates *g);
/* Is k a condition a gate can be (see above)? */
int sk_gate_kind_ok(const sk_cond *k);

/* Turns the gate shortcut off (on by default); the findings are the same
 * either way (tests compare them). */
void sk_evaluator_set_gates(sk_evaluator *ev, int on);

#endif
