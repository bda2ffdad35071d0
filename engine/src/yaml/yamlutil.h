/* yamlutil.h (internal) - small helpers for reading rule-set YAML with
 * positioned errors. */
#ifndef SK_YAMLUTIL_H
#define SK_YAMLUTIL_H

#include "base/diag.h"
#include "yaml/value.h"

/* Reports keys of map not in allowed (NULL-terminated), with a suggestion.
 * Returns the number of unknown keys. */
int sk_yu_check_keys(sk_diags *d, const sk_node *map, const char *const *allowed,
                     const char *where);
/* Scalar text of key in map, or NULL; reports a non-scalar value. */
const char *sk_yu_str(sk_diags *d, const sk_node *map, const char *key);
/* Reports a missing required key at map's position. */
void sk_yu_missing(sk_diags *d, const sk_node *map, const char *key, const char *where);
/* Error at node n, message id with arguments. */
void sk_yu_err(sk_diags *d, const sk_node *n, const char *hint, sk_msg id, ...);
/* {sv: ..., en: ...} into out[2]; reports missing languages. */
int sk_yu_lang_pair(sk_diags *d, const sk_node *map, const char *key,
                    const char *out[2], int required);

#endif
