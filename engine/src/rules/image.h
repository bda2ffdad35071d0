/* image.h (internal) - the embedded rule set, compiled at build time.
 *
 * tools/embed_image.c loads the rule files with the engine's own loader
 * (sk_ruleset_load: YAML, rule compiler, rule-set checks) and writes the
 * compiled rule set as C tables: rules, conditions, paths, templates,
 * citations, acts, the forms table (its cells' values as node trees, with
 * only the part of forms.yaml above them that leads to them) and
 * the regex sources. Pointers between them are address constants; paths
 * point at the case schema by name (SK_SCHEMA_NAMES). The tables are const
 * data shared by every rule set loaded from them: sk_ruleset_load_image
 * only fills in the sk_ruleset around them (limits, hash, the regex
 * states). Regexes are compiled on first use (sk_ruleset_regex). The
 * runtime compiler is kept for `--rules DIR`; tests/perf/embedded-identity
 * checks the two give the same output. */
#ifndef SK_RULES_IMAGE_H
#define SK_RULES_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/ruleset_int.h"

/* A `matches` pattern of the image: compiled on first use. */
typedef struct sk_img_regex {
    const char *src;
    size_t len;
    bool icase;
} sk_img_regex;

/* The pointers are not const because sk_ruleset's are not; nothing writes
 * through them (a loaded rule set is immutable). */
typedef struct sk_rule_image {
    sk_rule *rules;
    size_t nrules;
    sk_act *acts;
    size_t nacts;
    sk_form_col *cols;
    size_t ncols;
    sk_form_row rows[SK_NFORMS];
    size_t nforms;
    const sk_img_regex *regexes;
    size_t nregexes;
} sk_rule_image;

extern const sk_rule_image sk_rules_image;

#endif
