/* ruleset_int.h (internal) - the compiled form of a rule set.
 *
 * Paths are resolved against the case schema at load time: each step is a
 * field index, so evaluation never compares key strings. Conditions form a
 * tree; quantifier bindings are numbered slots. */
#ifndef SK_RULESET_INT_H
#define SK_RULESET_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "base/arena.h"
#include "samkoll/ruleset.h"
#include "schema/schema.h"
#include "yaml/value.h"

#define SK_MAX_BIND 8
#define SK_MAX_STEPS 8

typedef enum sk_root { SK_ROOT_CASE, SK_ROOT_BIND, SK_ROOT_FORM, SK_ROOT_DATE } sk_root;

typedef struct sk_step {
    const sk_schema *schema;  /* schema of the map the step reads from */
    int16_t field;            /* field index in schema */
    uint8_t star;             /* iterate the list reached so far */
} sk_step;

/* A compiled path. The leaf describes what the path denotes. */
typedef struct sk_path {
    const char *text;         /* as written in the rule */
    uint8_t root;             /* sk_root */
    int8_t slot;              /* SK_ROOT_BIND: binding slot */
    int16_t form_col;         /* SK_ROOT_FORM: column index */
    uint8_t nsteps;
    uint8_t star_at;          /* projection: steps before the [*]; 0xFF = none */
    sk_step *steps;           /* nsteps of them (room for SK_MAX_STEPS while
                                 compiling; the image holds just nsteps) */
    /* leaf type */
    uint8_t ftype;            /* sk_ftype of the leaf (SK_F_LIST for lists) */
    uint8_t item;             /* SK_F_LIST: item type */
    const char *const *values;/* enum values of leaf or list items */
    const sk_schema *sub;     /* leaf map schema / list item schema */
    unsigned line, col;
} sk_path;

typedef enum sk_ckind {
    SK_C_ALL, SK_C_ANY, SK_C_NOT,
    SK_C_QALL, SK_C_QANY, SK_C_QNONE, SK_C_COUNT, SK_C_SUM,
    SK_C_CMP, SK_C_EXISTS, SK_C_MATCH
} sk_ckind;

/* The comparison operators, declared in rules/ops.def. */
typedef enum sk_op {
#define SK_OP(id, key, cls, sv, en) SK_OP_##id,
#include "rules/ops.def"
#undef SK_OP
    SK_OP__COUNT
} sk_op;

typedef enum sk_op_class {
    SK_OPC_EQUALITY, SK_OPC_ORDER, SK_OPC_MEMBER, SK_OPC_CONTAINS, SK_OPC_SHARES
} sk_op_class;

/* The operator's YAML key ("not_in"), or NULL past the last. */
const char *sk_op_key(sk_op op);
sk_op_class sk_op_class_of(sk_op op);
/* How explain prints it ("≠", "inte i"). */
const char *sk_op_text(sk_op op, sk_lang lang);
/* count and sum compare a number: equality and ordering operators only. */
bool sk_op_is_numeric(sk_op op);

typedef struct sk_lit {
    uint8_t vtype;            /* sk_vtype */
    bool b;
    double num;
    int32_t days;
    const char *s;
} sk_lit;

typedef struct sk_operand {
    sk_path *path;            /* non-NULL: a fact */
    sk_lit lit;               /* scalar literal */
    sk_lit *list;             /* list literal (in/not_in/intersects) */
    uint32_t nlist;
    bool is_list;
} sk_operand;

typedef struct sk_cond sk_cond;
struct sk_cond {
    uint8_t kind;             /* sk_ckind */
    uint8_t op;               /* sk_op for CMP, COUNT, SUM */
    int8_t slot;              /* quantifier binding slot */
    bool want;                /* EXISTS: true/false */
    unsigned line, col;
    sk_cond **kids;
    uint32_t nkids;
    sk_path *path;            /* list (quantifiers, count, sum) or lhs */
    sk_cond *where;
    sk_operand rhs;
    int regex;                /* MATCH: index into ruleset regexes */
};

typedef enum sk_basis {
    SK_BASIS_STATUTE, SK_BASIS_EU_CASE_LAW, SK_BASIS_SE_CASE_LAW,
    SK_BASIS_GUIDANCE, SK_BASIS_PRACTICE, SK_BASIS__COUNT
} sk_basis;

typedef enum sk_act_kind {
    SK_ACT_STATUTE, SK_ACT_EU_CASE_LAW, SK_ACT_SE_CASE_LAW, SK_ACT_GUIDANCE,
    SK_ACT_PREPARATORY, SK_ACT__COUNT
} sk_act_kind;

/* One provision of an act whose pin-cite was checked against the text
 * (acts.yaml `verified:`) or is knowingly left unchecked (`unverified:`). */
typedef struct sk_pin {
    const char *cite;         /* "9:37", "2", "art 28" */
    const char *source;       /* verified: where it was checked */
    int32_t on;               /* verified: the day it was checked */
    const char *note;         /* verified: optional */
    const char *reason[2];    /* unverified: why (sv, en) */
    const char *file;
    unsigned line, col;
} sk_pin;

/* Open ends of a date window: every date lies in [SK_DAY_MIN, SK_DAY_MAX]. */
#define SK_DAY_MIN INT32_MIN
#define SK_DAY_MAX INT32_MAX

typedef struct sk_act {
    const char *id;
    uint8_t kind;             /* sk_act_kind */
    const char *name[2];      /* sv, en */
    const char *sfs;          /* statutes with an SFS number */
    const char *celex;        /* EU acts: cited by article */
    const char *url;
    bool has_in_force;        /* in_force given (statutes only) */
    int32_t in_force_from, in_force_to;   /* inclusive; open ends SK_DAY_MIN/MAX */
    sk_pin *verified, *unverified;
    uint32_t nverified, nunverified;
    const char *file;
    unsigned line, col;
} sk_act;

typedef struct sk_cite {
    const sk_act *act;
    int chapter;              /* 0 = none */
    const char *section;      /* "37", "17-18"; NULL = none */
    int paragraph;            /* stycke, 0 = none */
    int point;                /* punkt, 0 = none */
    const char *page;         /* free reference ("s. 966") or NULL */
    const char *text[2];      /* rendered, sv/en */
    const char *url;
    bool has_from, has_until; /* date-bound citation (from/until given) */
    int32_t from, until;      /* its own from/until (open: SK_DAY_MIN/MAX);
                                 see sk_cite_window for when it is valid */
    const char *key;          /* pin-cite key ("9:37", "art 28"); NULL = the
                                 citation names no provision of a statute */
    const sk_pin *pin;        /* the act's verified entry for key, or NULL */
    const sk_pin *unpin;      /* the act's unverified entry for key, or NULL */
    const char *file;
    unsigned line, col;
} sk_cite;

/* How sure the rule set is of a rule's law (docs/rule-language.md). ORDER:
 * sk_certainty_names. */
typedef enum sk_certainty {
    SK_CERT_SETTLED, SK_CERT_CONTESTED, SK_CERT_PIN_UNVERIFIED, SK_CERT__COUNT
} sk_certainty;

/* Which case date a rule is judged at. ORDER: sk_judged_at_names. */
typedef enum sk_judged_at {
    SK_AT_DECISION, SK_AT_START, SK_AT_ASSESSMENT, SK_AT__COUNT
} sk_judged_at;

/* A message template: literal text and placeholders, alternating. */
typedef struct sk_tpl_part {
    const char *lit;          /* literal text (NULL for a placeholder) */
    size_t litlen;
    sk_path *path;            /* placeholder */
} sk_tpl_part;

typedef struct sk_tpl {
    sk_tpl_part *parts;
    uint32_t n;
} sk_tpl;

typedef struct sk_rule {
    const char *id;
    const char *area;
    const char *title[2];
    sk_tpl message[2];
    const char *message_src[2];
    uint8_t severity;         /* SK_ST_FAIL or SK_ST_WARN */
    uint8_t basis;            /* sk_basis */
    uint8_t certainty;        /* declared: SK_CERT_SETTLED or SK_CERT_CONTESTED */
    uint8_t judged_at;        /* sk_judged_at */
    const char *certainty_note[2];  /* contested: what is contested (sv, en) */
    const char *absence_note[2];    /* absence_is_breach (sv, en) or NULL */
    unsigned from_line, from_col;   /* position of valid_from */
    bool has_from, has_to;
    int32_t valid_from, valid_to;   /* inclusive */
    sk_cite *cites;
    uint32_t ncites;
    int32_t cites_all_from, cites_all_until; /* days on which every citation is in force */
    sk_cond *applies;         /* NULL = always */
    sk_cond *require;
    const char **exception_to;
    const sk_node **exception_at; /* each entry's node, for positioned errors */
    uint32_t nexception_to;
    int *exc_idx;             /* rules this one defeats */
    int *defeated_by;         /* rules that defeat this one */
    uint32_t ndefeated_by;
    const char *bind_names[SK_MAX_BIND];
    const sk_schema *bind_schema[SK_MAX_BIND];
    int nbind;
    int top_slot;             /* outermost quantifier of require, or -1 */
    const char *file;
    unsigned line, col;
    int index;
} sk_rule;

/* A `matches` pattern: compiled at load (from the embedded image: on
 * first use), JIT-compiled on first use (sk_ruleset_regex); rules with an
 * equal pattern share it. */
typedef struct sk_regex {
    pcre2_code *code;
    atomic_uchar jitted;      /* 1 once pcre2_jit_compile was run */
    const char *src;          /* the pattern (in the rule set's nodes) */
    size_t len;
    bool icase;
} sk_regex;

typedef enum sk_col_type { SK_COL_BOOL, SK_COL_ENUM, SK_COL_LIST, SK_COL_TEXT } sk_col_type;

typedef struct sk_form_col {
    const char *key;
    uint8_t type;             /* sk_col_type */
    const char **values;      /* NULL-terminated */
    const char *(*labels)[2]; /* per value: sv, en (NULL if not given) */
    const char *title[2];
} sk_form_col;

typedef struct sk_form_cell {
    const sk_node *value;     /* typed node in the rule set arena */
    sk_cite *cites;
    uint32_t ncites;
    const char *note[2];
} sk_form_cell;

typedef struct sk_form_row {
    const char *form;
    const char *name[2];
    sk_form_cell *cells;      /* one per column */
    bool present;
} sk_form_row;

struct sk_ruleset {
    sk_arena arena;
    sk_limits lim;
    sk_rule *rules;
    size_t nrules;
    sk_act *acts;
    size_t nacts;
    sk_form_col *cols;
    size_t ncols;
    sk_form_row rows[SK_NFORMS]; /* indexed like sk_form_values */
    size_t nforms;
    sk_regex *regexes;
    size_t nregexes;
    pthread_mutex_t *regex_lock; /* serialises JIT compilation */
    pcre2_match_context *mctx;
    char hash[65];
    bool image;               /* rules, acts, forms: the embedded image's
                                 const tables (rules/image.h), not owned */
};

/* acts.c */
const sk_act *sk_acts_find(const sk_ruleset *rs, const char *id);
/* The days the citation is valid: its own from/until within its act's
 * in_force (open ends SK_DAY_MIN/MAX). */
void sk_cite_window(const sk_cite *c, int32_t *from, int32_t *until);
/* Is the citation valid on day (sk_cite_window)? */
bool sk_cite_valid_at(const sk_cite *c, int32_t day);
/* Bit i set: rule citation i is valid on day (rules have at most
 * SK_MAX_CITES citations). */
#define SK_MAX_CITES 64
uint64_t sk_cite_mask(const sk_rule *r, int32_t day);
uint64_t sk_cite_mask_all(const sk_rule *r);
/* Sets r->cites_all_from/until: the days on which all its citations are in force. */
void sk_cites_common_window(sk_rule *r);
/* The citations a finding judged on day shows: those valid on day; if none,
 * those valid on the nearest day of the rule's validity (a rule not in force
 * on day); if still none, all. Never empty for a rule with citations. */
uint64_t sk_cite_mask_shown(const sk_rule *r, int32_t day);
/* The citations of a list (a forms-table cell) valid on day; all if none. */
uint64_t sk_cites_mask_at(const sk_cite *c, uint32_t n, int32_t day);
/* The rule's effective certainty over the citations in mask: contested if
 * declared; else pin-cite unverified if a statute citation names a provision
 * with no verified entry; else settled. */
sk_certainty sk_rule_certainty(const sk_rule *r, uint64_t mask);
extern const char *const sk_certainty_names[];   /* "settled", ... */
const char *sk_certainty_label(sk_certainty c, int lang);
/* The value alone, for a "Rättsläge:" / "Certainty:" column: "klart". */
const char *sk_certainty_word(sk_certainty c, int lang);
/* " (ej kontrollerat mot lagtexten)" after a statute citation whose
 * provision has no verified entry; "" otherwise. */
const char *sk_cite_check_note(const sk_cite *c, int lang);
extern const char *const sk_judged_at_names[];   /* "decision", ... */
const char *sk_judged_at_label(sk_judged_at a, int lang);
/* Renders the citation texts and URL into the rule set arena. */
void sk_cite_render(sk_ruleset *rs, sk_cite *c);
/* Basis names (statute, eu_case_law, ...) and display names. */
extern const char *const sk_basis_names[];
const char *sk_basis_label(sk_basis b, int lang);

/* rule.c: loading of the three kinds of files; errors go to d. */
typedef struct sk_diags sk_diags;
void sk_load_acts(sk_ruleset *rs, const sk_node *root, sk_diags *d);
void sk_load_forms(sk_ruleset *rs, const sk_node *root, sk_diags *d);
void sk_load_rule(sk_ruleset *rs, const sk_node *root, sk_diags *d,
                  sk_rule **vec, size_t *n, size_t *cap);
/* Parses a citation list (shared by rules and the forms table). */
sk_cite *sk_parse_cites(sk_ruleset *rs, const sk_node *n, uint32_t *count, sk_diags *d);

/* sk_ruleset_load with a precomputed content hash (NULL: compute it). */
sk_rc sk_ruleset_load_hashed(sk_ruleset **out, const sk_rule_src *srcs, size_t n,
                             const char *hash, const sk_limits *lim, sk_diags *d);
/* The same from the build-time image of the embedded rule set (image.h). */
struct sk_rule_image;
sk_rc sk_ruleset_load_image(sk_ruleset **out, const struct sk_rule_image *img, const char *hash,
                            const sk_limits *lim, sk_diags *d);

/* Compiles a `matches` pattern with the rule language's options; NULL on
 * error (errcode and erroff set, if not NULL). */
pcre2_code *sk_regex_compile(const char *src, size_t len, bool icase, int *errcode,
                             size_t *erroff);

/* Regex k of the rule set, JIT-compiled on the first call (thread-safe):
 * start-up compiles no machine code for patterns a run never uses. */
const pcre2_code *sk_ruleset_regex(const sk_ruleset *rs, int k);

int sk_ruleset_find_id(const sk_ruleset *rs, const char *id);
const char *sk_ruleset_suggest_id(const sk_ruleset *rs, const char *id);

#endif
