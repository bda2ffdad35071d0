/* samkoll/common.h - status codes, languages and statuses shared by every
 * module of the samkoll library. */
#ifndef SAMKOLL_COMMON_H
#define SAMKOLL_COMMON_H

#define SK_VERSION "0.1.0"

/* Return codes of library calls. Negative = failure. */
typedef enum sk_rc {
    SK_OK = 0,
    SK_EINVALID = -1,  /* input rejected; details in the sk_diags */
    SK_ENOMEM = -2,
    SK_EIO = -3,       /* a file could not be read or written */
    SK_ENOTFOUND = -4,
    SK_EEND = -5       /* no more documents */
} sk_rc;

typedef enum sk_lang { SK_LANG_SV = 0, SK_LANG_EN = 1 } sk_lang;

/* Outcome of one rule for one case. ORDER: worst last among the
 * reportable ones is computed by sk_status_rank(). */
typedef enum sk_status {
    SK_ST_NOT_APPLICABLE,
    SK_ST_PASS,
    SK_ST_WAIVED,
    SK_ST_UNKNOWN,
    SK_ST_WARN,
    SK_ST_FAIL,
    SK_ST_ERROR,
    SK_ST__COUNT
} sk_status;

/* Stable machine name ("pass", "not_applicable", ...). */
const char *sk_status_name(sk_status s);
/* Parses a machine name; returns -1 if unknown. */
int sk_status_parse(const char *name);
/* Ordering for "worst status": not_applicable < pass < waived < unknown <
 * warn < fail < error. */
int sk_status_rank(sk_status s);

#endif
