/* samkoll/limits.h - resource limits on hostile input. Every limit has a
 * default (sk_limits_default), a CLI option and a test at the limit. */
#ifndef SAMKOLL_LIMITS_H
#define SAMKOLL_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sk_limits {
    size_t max_file_bytes;   /* a case or rule file (or one stdin document) */
    size_t max_depth;        /* nesting of maps and lists */
    size_t max_alias_nodes;  /* nodes reachable through aliases, per document */
    size_t max_documents;    /* documents per file or stream */
    size_t max_scalar_bytes; /* one scalar value */
    size_t max_items;        /* entries of one list or map */
    unsigned long regex_match_limit;  /* PCRE2 match limit */
    unsigned long regex_depth_limit;  /* PCRE2 depth limit */
    unsigned long regex_heap_kib;     /* PCRE2 heap limit in KiB */
    bool allow_outside_text_file;     /* text_file may leave the case's dir */
    bool deny_text_file;     /* text_file is an error, the file system is never
                                read (cases that come from a network request) */
} sk_limits;

/* Diagnostics kept per input (a file, a document of a stream, a rule
 * set); the rest are counted in one last "… and N more" item, so memory
 * stays bounded however broken an input is. */
#define SK_MAX_DIAGNOSTICS 100u
#define SK_DEFAULT_MAX_FILE_BYTES (8u << 20)
#define SK_DEFAULT_MAX_DEPTH 64u
#define SK_DEFAULT_MAX_ALIAS_NODES 10000u
#define SK_DEFAULT_MAX_DOCUMENTS 1000000u
#define SK_DEFAULT_MAX_SCALAR_BYTES (1u << 20)
#define SK_DEFAULT_MAX_ITEMS 10000u
#define SK_DEFAULT_REGEX_MATCH_LIMIT 1000000ul
/* One regex search over a text of n bytes may take at most
 * SK_REGEX_BUDGET_FACTOR x the match limit steps in all: PCRE2 counts its
 * limit per start position, so samkoll gives each position the budget
 * divided by n + 1, but at least SK_REGEX_MIN_PER_START. */
/* Evaluation steps (conditions evaluated, list items visited): at most
 * SK_EVAL_STEPS_PER_RULE for one rule and SK_EVAL_STEPS_PER_CASE for all
 * the rules of one case. A rule past its budget is an `error` finding
 * naming the limit; the other rules are still evaluated. */
#define SK_EVAL_STEPS_PER_RULE 5000000ul
#define SK_EVAL_STEPS_PER_CASE 50000000ul
#define SK_REGEX_BUDGET_FACTOR 10ul
#define SK_REGEX_MIN_PER_START 20ul
#define SK_DEFAULT_REGEX_DEPTH_LIMIT 10000ul
#define SK_DEFAULT_REGEX_HEAP_KIB 20000ul

void sk_limits_default(sk_limits *l);

#endif
