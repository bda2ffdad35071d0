/* case_int.h (internal) - the validated case, as the evaluator sees it. */
#ifndef SK_CASE_INT_H
#define SK_CASE_INT_H

#include "base/arena.h"
#include "samkoll/case.h"
#include "schema/schema.h"
#include "yaml/value.h"

struct sk_case {
    sk_node *root;          /* validated, typed map */
    const char *file;
    const char *id;
    const char *title;
    int form;               /* index into sk_form_values */
    int32_t date;           /* the assessment date: the case's, or the run's */
    bool date_stated;
    int32_t decided, starts;          /* decision and start dates, if stated */
    bool decided_stated, starts_stated;
    unsigned line;
    const sk_node *waivers; /* SK_SEQ or NULL */
    const sk_node *expect;  /* SK_MAP or NULL */
    sk_arena *arena;
    /* the value of each top-level field (index in the case schema), or NULL:
     * most rule paths start here, so the root map is not scanned per rule */
    const sk_node *top[32];
    const sk_node *top_of;  /* the root top[] was built from (a view of the
                               case with another root must not use it) */
};

/* Validates root against case format v1 and builds the case in a.
 * dir is the directory text_file paths are relative to. */
sk_rc sk_case_build(sk_case **out, sk_arena *a, sk_node *root,
                    const char *file, const char *dir, const sk_ruleset *rs,
                    const sk_limits *lim, int32_t default_date, sk_diags *d);

/* Reports every party name outside `parties` (bodies, delegations,
 * representation, shares, ...) that names no party (xref.c); top is the
 * validated case's table of top-level fields (sk_case top[]). */
void sk_case_check_party_refs(sk_diags *d, sk_arena *a, const sk_node *const *top,
                              const char *file);
/* Warns where a yes/no fact the case states contradicts the figures it
 * also states (consistency.c). */
void sk_case_check_consistency(sk_diags *d, const sk_node *root, const char *file);
/* One step of a party reference's path (xref.c): a key of len bytes,
 * each: "[]" follows (every item of the list); key NULL: the end. */
#define SK_REF_STEPS 5
typedef struct sk_ref_step {
    const char *key;
    uint8_t len;
    uint8_t each;
} sk_ref_step;
/* The i-th party reference: its path, its steps and the sk_case_field of
 * its first step; 0 after the last. */
int sk_case_party_ref(size_t i, const char **path, const sk_ref_step **steps, int *top);
/* Whether the field at path (a dotted path, "[]" for every item of a
 * list: "delegations[].by_party") names a party (xref.c's table). */
int sk_case_names_party(const char *path);

/* sk_case_get of a map with a merged text (aux set): case.c. */
const sk_node *sk_case_get_merged(const sk_node *map, const sk_schema *s, int f);
/* Value of field f of map (NULL if absent). Reads the merged text of
 * `text` + `text_file` where a map has both. Inline: every step of every
 * rule path asks it. */
static inline const sk_node *sk_case_get(const sk_node *map, const sk_schema *s, int f)
{
    if (!map || map->kind != SK_MAP)
        return NULL;
    if (map->aux)
        return sk_case_get_merged(map, s, f);
    for (uint32_t i = 0; i < map->len; i++)
        if (map->u.pairs[i].key->field == f)
            return map->u.pairs[i].val;
    return NULL;
}

/* The next document of s as loaded (its value tree, not validated; every
 * position refers to the whole source), as sk_source_next without the
 * case: SK_OK, SK_EINVALID (a document that is not YAML; call again),
 * SK_EIO, SK_EEND. */
sk_rc sk_source_next_tree(sk_source *s, sk_arena *a, sk_node **root, sk_diags *d);

/* A source over one document cut out of a stream: data (len bytes and a
 * NUL) is borrowed and must outlive the source; positions are offset by
 * line_offset lines. */
sk_rc sk_source_open_chunk(sk_source **out, const char *name, const char *data, size_t len,
                          unsigned line_offset, const sk_limits *lim);


#endif
