/* schema.h - case format v1 as a table of fields.
 *
 * The one description of the case format: validation (case.c), rule path
 * resolution (rule.c), the JSON Schema (`samkoll schema`) and the docs all
 * read this table. */
#ifndef SK_SCHEMA_H
#define SK_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "samkoll/common.h"
#include "yaml/value.h" /* sk_bytes_eq */

typedef enum sk_ftype {
    SK_F_TEXT,
    SK_F_SLUG,        /* [a-z0-9][a-z0-9._-]* */
    SK_F_BOOL,        /* true/false/ja/nej */
    SK_F_INT,         /* integer >= 0 */
    SK_F_NUM,         /* any number */
    SK_F_PERCENT,     /* number 0..100 */
    SK_F_DATE,        /* YYYY-MM-DD */
    SK_F_ENUM,
    SK_F_TEXT_OR_BOOL,
    SK_F_PATH,        /* file path relative to the case file */
    SK_F_RULE_ID,     /* area.slug, checked against the rule set */
    SK_F_MAP,         /* sub-schema */
    SK_F_LIST,        /* list of item (scalar type, or MAP with sub) */
    SK_F_STATUS_MAP   /* expect.findings: rule id -> status */
} sk_ftype;

typedef struct sk_schema sk_schema;

typedef struct sk_field {
    const char *name;
    uint8_t type;            /* sk_ftype */
    uint8_t item;            /* SK_F_LIST: item type */
    uint8_t required;
    uint8_t ext;             /* samkoll extension of the v1 contract */
    uint8_t nlen;            /* strlen(name) (unit test values.field_name_lengths) */
    const char *const *values;  /* SK_F_ENUM (or list of enum): NULL-terminated */
    const sk_schema *sub;       /* SK_F_MAP, or SK_F_LIST of SK_F_MAP */
    const char *sv;          /* description, Swedish */
    const char *en;          /* description, English */
    const char *q_sv;        /* the question that asks for it (`samkoll ask`), */
    const char *q_en;        /* Swedish / English; NULL: built from sv / en */
} sk_field;

struct sk_schema {
    const char *name;        /* "case", "tasks[]", "agreement.clauses" ... */
    const sk_field *fields;
    size_t count;            /* at most 64 */
    uint64_t required;       /* bit f: fields[f].required (written beside the
                                table; the unit test values.required_masks
                                checks it), so validation tests only those */
};

extern const sk_schema sk_case_schema;
/* Indices of the case schema's top-level fields, in the table's order
 * (schema.c; the unit test values.case_fields_by_index checks each name):
 * code that reads a top-level field of a validated case takes it from the
 * case's table of them (sk_case top[]) instead of searching the root. */
typedef enum sk_case_field {
    SK_CF_CASE, SK_CF_TITLE, SK_CF_DATE, SK_CF_DECIDED, SK_CF_STARTS, SK_CF_STATUS,
    SK_CF_SOURCE, SK_CF_FORM, SK_CF_PARTIES, SK_CF_TASKS, SK_CF_DELEGATIONS, SK_CF_BODIES,
    SK_CF_GOVERNANCE, SK_CF_AGREEMENT, SK_CF_PROCUREMENT, SK_CF_OVERSIGHT, SK_CF_WAIVERS,
    SK_CF_EXPECT, SK_CF_FORMAT, SK_CF_OTHERS, SK_CF__COUNT
} sk_case_field;
/* The number of collaboration forms (the `form` enum); tables indexed by
 * form are sized by it, and schema.c asserts it matches sk_form_values. */
#define SK_NFORMS 11
extern const char *const sk_form_values[];  /* the `form` enum, in order */
extern const char *const sk_party_type_values[];
extern const char *const sk_status_values[];

/* The case format's sub-schemas and enum value lists by C name (all
 * defined in schema.c), for code generated at build time that points at
 * them: the compiled embedded rule set (tools/embed_image.c). */
#define SK_SCHEMA_NAMES(S, V) \
    S(sk_case_schema) V(sk_form_values) V(sk_party_type_values) V(sk_status_values) \
    SK_SCHEMA_MORE(S, V)
#define SK_SCHEMA_MORE(S, V) \
    S(sk_schema_party) S(sk_schema_task) S(sk_schema_deleg) S(sk_schema_body) \
    S(sk_schema_repr) S(sk_schema_gov) S(sk_schema_clause) S(sk_schema_share) \
    S(sk_schema_cost) S(sk_schema_agr) S(sk_schema_relation) S(sk_schema_proc) \
    S(sk_schema_over) S(sk_schema_waiver) S(sk_schema_expect) S(sk_schema_other) \
    V(sk_values_format_versions) V(sk_values_case_status) V(sk_values_party_role) \
    V(sk_values_adopted_docs) V(sk_values_decision_body) V(sk_values_deleg_to) \
    V(sk_values_organ) V(sk_values_ownership) V(sk_values_fo_contents) \
    V(sk_values_exemption) V(sk_values_control_kinds) V(sk_values_activity_bases) \
    V(sk_values_ansvarsfrihet)
#define SK_SCHEMA_DECL_S(n) extern const sk_schema n;
#define SK_SCHEMA_DECL_V(n) extern const char *const n[];
SK_SCHEMA_MORE(SK_SCHEMA_DECL_S, SK_SCHEMA_DECL_V)
#undef SK_SCHEMA_DECL_S
#undef SK_SCHEMA_DECL_V

/* Index of name in schema s, or -1. */
int sk_schema_find(const sk_schema *s, const char *name);
/* The same, searching from field `from` on (then from the start): keys
 * mostly come in the schema's order, so starting after the last key's
 * field finds the next one at once. Field names are unique, so the answer
 * is sk_schema_find's for any start. */
int sk_schema_find_from(const sk_schema *s, const char *name, size_t from);
/* sk_schema_find_from of a name of len bytes (a key node's text and
 * length): the length rules out nearly every other field before a byte
 * is compared. Inline: validation asks it for every key. */
static inline int sk_schema_find_n(const sk_schema *s, const char *name, size_t len,
                                   size_t from)
{
    if (from >= s->count)
        from = 0;
    for (size_t i = from; i < s->count; i++)
        if (s->fields[i].nlen == len && sk_bytes_eq(s->fields[i].name, name, len))
            return (int)i;
    for (size_t i = 0; i < from; i++)
        if (s->fields[i].nlen == len && sk_bytes_eq(s->fields[i].name, name, len))
            return (int)i;
    return -1;
}
/* Number of entries of a NULL-terminated value list. */
size_t sk_values_count(const char *const *values);
/* Index of v in values, or -1. */
int sk_values_find(const char *const *values, const char *v);
/* Type name for messages ("ett datum (ÅÅÅÅ-MM-DD)" / "a date (YYYY-MM-DD)"). */
const char *sk_ftype_desc(sk_ftype t, sk_lang lang);
/* The question asking for field f, in lang (0 = sv, 1 = en): its q_sv /
 * q_en, or one built from its description. */
struct sk_buf;
void sk_field_question(const sk_field *f, int lang, struct sk_buf *out);
/* ---- enum values: labels and aliases (values.def, values.c) ---------- */
/* The name of the enum whose value list is values ("form", "party_role",
 * ...), or NULL for a list that is no enum of the case format. */
const char *sk_enum_name(const char *const *values);
/* The i-th enum (from 0) and its name; NULL after the last. */
const char *const *sk_enum_at(size_t i, const char **name);
/* The label of value in the enum values, in lang; NULL if it has none. */
const char *sk_enum_label(const char *const *values, const char *value, sk_lang lang);
/* The value of enum values that text names: the value itself, a label or an
 * alias, ignoring case, å/ä/ö and space/hyphen/underscore. Returns the
 * entry of values, or NULL. */
const char *sk_enum_match(const char *const *values, const char *text);
/* The i-th alias (from 0) of value in the enum values, copied into out;
 * false after the last. */
bool sk_enum_alias(const char *const *values, const char *value, size_t i,
                   char *out, size_t outsz);
/* The field of s whose Swedish or English description is word, compared
 * as sk_enum_match compares ("uppsägning" -> "termination"), or NULL. */
const char *sk_schema_find_label(const sk_schema *s, const char *word);
/* The value list of the enum field at path ("parties[].role",
 * "procurement.relations[2].exemption", "expect.findings"), or NULL. */
const char *const *sk_enum_of_path(const char *path);
/* Writes the JSON Schema (2020-12) of case format v1 to f. */
struct sk_buf;
void sk_schema_json(struct sk_buf *out);

#endif
