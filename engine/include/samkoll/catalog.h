/* samkoll/catalog.h - the rule set as a document: the forms table side by
 * side (`samkoll forms`) and the legal basis with the rule catalogue
 * (`samkoll legal-basis`, which generates docs/legal-basis.md). */
#ifndef SAMKOLL_CATALOG_H
#define SAMKOLL_CATALOG_H

#include <stdio.h>

#include "samkoll/common.h"
#include "samkoll/ruleset.h"

/* format: "text", "markdown", "html" or "json". SK_ENOTFOUND for another
 * name. */
sk_rc sk_forms_write(const sk_ruleset *rs, const char *format, sk_lang lang, FILE *out);
/* The generated part of docs/legal-basis.md (bilingual Markdown). */
void sk_legal_basis_write(const sk_ruleset *rs, FILE *out);

#endif
