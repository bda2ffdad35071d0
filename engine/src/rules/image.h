/* image.h (internal) - the embedded rule set's YAML, parsed at build time.
 *
 * tools/embed_image.c parses the rule files with the engine's own YAML
 * loader and writes the node trees as tables whose links are indices (a
 * relocatable image). At start-up sk_ruleset_load_embedded turns them
 * into sk_node trees in the rule set's arena (the loaders write to some
 * nodes, so each rule set gets its own copy) and compiles the rules from
 * them exactly as from freshly parsed YAML: no YAML parsing at start-up.
 * Scalars and file names point into the image's string table. */
#ifndef SK_RULES_IMAGE_H
#define SK_RULES_IMAGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct sk_img_node {
    uint8_t kind, quoted, vtype, unknown;
    uint32_t line, col;
    uint32_t file;    /* offset of the file name in strings */
    uint32_t parent;  /* node index + 1; 0 for a root */
    uint32_t index, len, size;
    int32_t field;
    uint32_t u;       /* scalar: offset in strings; sequence: first of
                         items; map: first pair (2 entries) in links */
    uint64_t v;       /* the bytes of sk_node.v */
} sk_img_node;

typedef struct sk_img_file {
    uint32_t name;    /* offset in strings */
    uint32_t first_doc, ndocs;
} sk_img_file;

typedef struct sk_rule_image {
    const char *strings;
    const sk_img_node *nodes;
    size_t nnodes;
    const uint32_t *links;   /* node indices: items, and key/value pairs */
    size_t nlinks;
    const uint32_t *docs;    /* root node index of each document */
    size_t ndocs;
    const sk_img_file *files; /* sorted by name, as the runtime loader sorts */
    size_t nfiles;
} sk_rule_image;

extern const sk_rule_image sk_rules_image;

#endif
