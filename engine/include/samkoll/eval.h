/* samkoll/eval.h - evaluating a case against a rule set.
 *
 * An evaluator holds the per-thread scratch state (regex match data, fact
 * buffers); create one per thread. sk_evaluate() writes its result into
 * the case's arena: it lives exactly as long as the case. */
#ifndef SAMKOLL_EVAL_H
#define SAMKOLL_EVAL_H

#include <stddef.h>

#include "samkoll/case.h"
#include "samkoll/common.h"
#include "samkoll/ruleset.h"

typedef struct sk_evaluator sk_evaluator;
typedef struct sk_result sk_result;

sk_rc sk_evaluator_new(sk_evaluator **out, const sk_ruleset *rs);
void sk_evaluator_free(sk_evaluator *ev);
/* on != 0: every finding records how its conditions evaluated (the
 * tree printed by --explain). Off by default; costs one branch when off. */
void sk_evaluator_set_trace(sk_evaluator *ev, int on);

/* Applies every rule to c. On SK_OK *out is the result (in c's arena). */
sk_rc sk_evaluate(sk_evaluator *ev, const sk_case *c, sk_result **out);

/* The worst status over all findings (pass if there are none). */
sk_status sk_result_worst(const sk_result *r);
/* Number of findings with status s. */
size_t sk_result_count(const sk_result *r, sk_status s);
const sk_case *sk_result_case(const sk_result *r);

/* The findings one by one, in rule set order (one per rule): i < size. */
size_t sk_result_size(const sk_result *r);
sk_status sk_result_status(const sk_result *r, size_t i);
const char *sk_result_rule_id(const sk_result *r, size_t i);
/* The finding's message in lang, placeholders filled (the rule's message
 * for fail and warn); malloc'd, the caller frees it; NULL when out of
 * memory. */
char *sk_result_message(const sk_result *r, size_t i, sk_lang lang);

#endif
