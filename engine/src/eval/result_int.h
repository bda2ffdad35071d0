/* result_int.h (internal) - findings, as the report writers read them. */
#ifndef SK_RESULT_INT_H
#define SK_RESULT_INT_H

#include "case/case_int.h"
#include "rules/ruleset_int.h"
#include "samkoll/eval.h"

/* Three-valued truth. */
typedef enum sk_tri { SK_FALSE = 0, SK_TRUE = 1, SK_UNKNOWN = 2 } sk_tri;

/* One fact a finding used or missed. The concrete path (with list indices)
 * is derived from the node: it is the node's own place in the tree, plus
 * the path's steps from `from` on when the fact is missing. */
typedef struct sk_fact {
    const sk_node *node;    /* the fact, or its deepest stated ancestor */
    const sk_path *path;
    uint8_t from;           /* steps of path not reached (missing facts) */
    uint8_t missing;
} sk_fact;

typedef enum sk_reason {
    SK_R_NONE,
    SK_R_OUT_OF_VALIDITY,   /* case date outside valid_from..valid_to */
    SK_R_NOT_APPLICABLE,    /* applies is false */
    SK_R_SUPERSEDED,        /* a specific rule (other) applies */
    SK_R_EXCEPTION_UNKNOWN, /* whether the exception (other) applies is unknown */
    SK_R_RUNTIME_ERROR      /* e.g. a regex over its limits */
} sk_reason;

/* One condition node as the evaluator met it (--explain): recorded in
 * pre-order, with the quantifier bindings in force when it was entered,
 * so the tree can be printed with the facts each node read. */
typedef struct sk_trace {
    const sk_cond *cond;
    uint8_t value;          /* sk_tri */
    uint8_t depth;          /* 0: the root of applies or require */
    const sk_node *item[SK_MAX_BIND];
} sk_trace;

/* The case dates (ORDER: sk_date_field_names): decided, starts, and the
 * assessment date `date`. */
typedef enum sk_date_field { SK_DATE_DECIDED, SK_DATE_STARTS, SK_DATE_ASSESSMENT } sk_date_field;
extern const char *const sk_date_field_names[];

/* The date a rule was judged at, which case date it is, and whether the
 * date the rule asks for was missing so a later one in the chain was used. */
typedef struct sk_judged {
    int32_t day;
    uint8_t source;         /* sk_date_field */
    bool fell_back;
} sk_judged;

/* judged.c: the date rule judged at `at` is judged at for case c. */
void sk_judged_date(const sk_case *c, sk_judged_at at, sk_judged *out);

/* Pointers first, then the small fields, so a finding packs into 96 bytes
 * (a case writes one per rule). */
typedef struct sk_finding {
    const sk_rule *rule;
    const sk_rule *other;
    uint64_t cites;         /* bit i: rule->cites[i] is shown (valid at judged.day,
                               see sk_cite_mask_shown) */
    sk_fact *facts;
    sk_fact *missing;
    const sk_node *const *witness; /* SK_MAX_BIND items the quantifiers bound,
                               or NULL when none was bound */
    const sk_node *waiver;  /* the waiver map that matched */
    const char *error;
    sk_trace *trace;        /* only when the evaluator traces */
    uint32_t ntrace;
    uint16_t nfacts, nmissing;
    sk_judged judged;       /* the date the rule was judged at */
    uint8_t status;         /* sk_status */
    uint8_t orig_status;    /* before waiver/exception */
    uint8_t reason;         /* sk_reason */
    uint8_t applies;        /* sk_tri */
    uint8_t certainty;      /* sk_certainty over the citations in cites */
    bool waiver_expired;
} sk_finding;

struct sk_result {
    const sk_case *c;
    const sk_ruleset *rs;
    sk_finding *findings;   /* one per rule, in rule set order */
    size_t n;
    uint8_t worst;
    size_t counts[SK_ST__COUNT];
};

/* Concrete path of a fact ("tasks[1].myndighetsutovning") into buf. */
void sk_fact_path(const sk_fact *f, struct sk_buf *buf);
/* The part of the fact's path past its node (the rule path's steps the
 * case does not hold, "[*]" after a quantified step), appended to buf,
 * whose path began at byte start; used by sk_fact_path and by writers
 * that render the node's own part themselves. */
void sk_fact_path_rest(const sk_fact *f, struct sk_buf *buf, size_t start);
/* Renders the finding's message in lang into buf (placeholders filled). */
void sk_finding_message(const sk_result *r, const sk_finding *f, int lang, struct sk_buf *buf);
/* Stable fingerprint: rule id, case id and fact paths; 16 hex digits. */
void sk_finding_fingerprint(const sk_result *r, const sk_finding *f, char out[17]);
/* The same in steps, for a writer that renders the fact paths anyway:
 * rule id, then case id, then each fact's path (as sk_fact_path writes
 * it) in order, then the hex digits. */
uint64_t sk_fingerprint_rule(const char *rule_id);
uint64_t sk_fingerprint_case(uint64_t h, const char *case_id);
uint64_t sk_fingerprint_path(uint64_t h, const char *path, size_t len);
void sk_fingerprint_hex(uint64_t h, char out[17]);
/* Value of a fact as text ("true", "2018-07-01", "kommun"). */
const char *sk_fact_value(const sk_fact *f, char *tmp, size_t tmpsz);

#endif
