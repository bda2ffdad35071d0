/* yaml_load.h - libyaml events -> value tree, one document at a time.
 *
 * Rejects, with positioned diagnostics: syntax errors, invalid UTF-8 and
 * control characters (libyaml's reader), duplicate mapping keys (libyaml
 * accepts them), non-core tags, nesting beyond max_depth, undefined aliases,
 * alias expansion beyond max_alias_nodes, scalars over max_scalar_bytes,
 * lists/maps over max_items, streams over max_documents. */
#ifndef SK_YAML_LOAD_H
#define SK_YAML_LOAD_H

#include <stdio.h>

#include "base/arena.h"
#include "samkoll/diag.h"
#include "samkoll/limits.h"
#include "yaml/value.h"

typedef struct sk_yaml sk_yaml;

/* Reads from memory; data must outlive the reader. name is copied. */
sk_rc sk_yaml_open_mem(sk_yaml **out, const char *name, const char *data,
                       size_t len, const sk_limits *lim);
/* Reads from a stream (standard input); f must outlive the reader. */
sk_rc sk_yaml_open_file(sk_yaml **out, const char *name, FILE *f,
                        const sk_limits *lim);
/* Loads the next document into arena a.
 *  SK_OK       *root is the document (SK_NULL node for an empty document)
 *  SK_EINVALID the document was rejected (diags); the next call continues
 *              with the following document
 *  SK_EEND     no more documents
 *  SK_EIO      the stream is broken (syntax or reader error; diags); the
 *              next call returns SK_EEND
 *  SK_ENOMEM   out of memory */
sk_rc sk_yaml_next(sk_yaml *y, sk_arena *a, sk_node **root, sk_diags *d);
/* Line (1-based) where the last document returned or rejected started. */
unsigned sk_yaml_doc_line(const sk_yaml *y);
/* Positions are reported as if the input began after `lines` lines (for
 * documents cut out of a larger stream). */
void sk_yaml_set_line_offset(sk_yaml *y, unsigned lines);
/* Number of documents seen so far (including rejected ones). */
size_t sk_yaml_doc_count(const sk_yaml *y);
void sk_yaml_close(sk_yaml *y);

#endif
