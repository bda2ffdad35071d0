/* embedded.c - loading the rule set embedded at build time (part of
 * libsamkoll, not of the core the tests link against). */
#include "rules/ruleset_int.h"

sk_rc sk_ruleset_load_embedded(sk_ruleset **out, const sk_limits *lim, sk_diags *d)
{
    return sk_ruleset_load_hashed(out, sk_embedded_rules, sk_embedded_rules_count,
                                  sk_embedded_rules_sha256, lim, d);
}
