/* embedded.c - loading the rule set embedded at build time (part of
 * libsamkoll, not of the core the tests link against). */
#include "rules/image.h"
#include "rules/ruleset_int.h"

/* From the image parsed at build time (tools/embed_image.c): the same
 * rule set as sk_ruleset_load_hashed over sk_embedded_rules, without
 * parsing YAML (tests/perf/embedded-identity compares the two). */
sk_rc sk_ruleset_load_embedded(sk_ruleset **out, const sk_limits *lim, sk_diags *d)
{
    return sk_ruleset_load_image(out, &sk_rules_image, sk_embedded_rules_sha256, lim, d);
}
