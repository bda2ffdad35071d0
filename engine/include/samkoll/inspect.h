/* samkoll/inspect.h - reading a rule set and checking expectations:
 * the library side of `samkoll rules`, `explain`, `schema` and `test`. */
#ifndef SAMKOLL_INSPECT_H
#define SAMKOLL_INSPECT_H

#include <stdbool.h>
#include <stdio.h>

#include "samkoll/common.h"
#include "samkoll/eval.h"
#include "samkoll/ruleset.h"

/* One line per rule: id, severity, basis, validity, citations. */
void sk_rules_list(const sk_ruleset *rs, sk_lang lang, FILE *out);
/* The list as "text" (sk_rules_list) or "json" (id, title, severity, area,
 * basis, validity, citations per rule). SK_ENOTFOUND for another format. */
sk_rc sk_rules_write(const sk_ruleset *rs, const char *format, sk_lang lang, FILE *out);
/* The rule in readable form; SK_ENOTFOUND (with a suggestion written to
 * out) if there is no such rule. */
sk_rc sk_rule_explain(const sk_ruleset *rs, const char *id, sk_lang lang, FILE *out);
/* The JSON Schema of case format v1. */
void sk_schema_write(FILE *out);

/* Compares a result with its case's `expect:` block. Writes one line per
 * mismatch to out (prefixed with the case's position) and returns the
 * number of mismatches; -1 if the case has no expect block. */
int sk_expect_check(const sk_result *res, sk_lang lang, FILE *out);

/* Coverage of rules by expectations: records which rules some case
 * expects to fail/warn and which some case expects to pass. */
typedef struct sk_coverage sk_coverage;
sk_coverage *sk_coverage_new(const sk_ruleset *rs);
void sk_coverage_add(sk_coverage *cov, const sk_result *res);
/* Lists rules lacking a failing or a passing case; returns their number. */
size_t sk_coverage_report(const sk_coverage *cov, sk_lang lang, FILE *out);
void sk_coverage_free(sk_coverage *cov);

#endif
