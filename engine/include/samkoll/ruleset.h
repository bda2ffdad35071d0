/* samkoll/ruleset.h - loading and compiling a rule set.
 *
 * A rule set is compiled once from its sources (the acts table, the forms
 * table and the rule files) and is immutable afterwards: any number of
 * threads may evaluate cases against it at the same time. */
#ifndef SAMKOLL_RULESET_H
#define SAMKOLL_RULESET_H

#include <stddef.h>

#include "samkoll/common.h"
#include "samkoll/diag.h"
#include "samkoll/limits.h"

typedef struct sk_ruleset sk_ruleset;

/* One source file of a rule set: its path (relative to the rule set root,
 * e.g. "avtal/extern-delegering.yaml") and its bytes. "acts.yaml" and
 * "forms.yaml" are the tables; every other file holds rules. */
typedef struct sk_rule_src {
    const char *name;
    const char *data;
    size_t len;
} sk_rule_src;

/* The rule set embedded in the binary at build time. */
extern const sk_rule_src sk_embedded_rules[];
extern const size_t sk_embedded_rules_count;
/* Their content hash, computed at build time. */
extern const char sk_embedded_rules_sha256[65];

/* Compiles a rule set. Every problem found is added to d (file:line:col);
 * returns SK_EINVALID if there was any error (then *out is NULL). The
 * sources are copied; they need not outlive the call. lim supplies the
 * regex limits and the YAML limits for the rule files. */
sk_rc sk_ruleset_load(sk_ruleset **out, const sk_rule_src *srcs, size_t n,
                      const sk_limits *lim, sk_diags *d);
/* The embedded rule set (its hash is not recomputed at start-up). */
sk_rc sk_ruleset_load_embedded(sk_ruleset **out, const sk_limits *lim, sk_diags *d);
/* Reads every *.yaml / *.yml file under dir (recursively) and compiles
 * them. */
sk_rc sk_ruleset_load_dir(sk_ruleset **out, const char *dir,
                          const sk_limits *lim, sk_diags *d);
void sk_ruleset_free(sk_ruleset *rs);

size_t sk_ruleset_count(const sk_ruleset *rs);
/* The checks of `samkoll lint` beyond loading: a requirement that can turn
 * false merely because a fact is not stated (unless the rule declares
 * absence_is_breach), a rule valid from before every statute it cites was
 * in force, a date-bound citation outside its act's in_force (errors), and
 * cited provisions acts.yaml neither verifies nor explains (warnings).
 * Adds to d; returns the number of errors. */
size_t sk_ruleset_lint(const sk_ruleset *rs, sk_diags *d);
/* SHA-256 over the sorted source names and contents (64 hex digits). */
const char *sk_ruleset_hash(const sk_ruleset *rs);

#endif
