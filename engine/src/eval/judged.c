/* judged.c - the case date a rule is judged at (docs/rule-language.md,
 * "Dates"): the rule's judged_at names the date it wants; a case that does
 * not state it falls back along a fixed chain, ending at the assessment
 * date, which is always known. */
#include "eval/result_int.h"

/* ORDER: sk_date_field */
const char *const sk_date_field_names[] = {"decided", "starts", "date", NULL};

/* Per judged_at (ORDER: sk_judged_at), the case dates to try, in order. */
static const uint8_t chain[SK_AT__COUNT][3] = {
    [SK_AT_DECISION] = {SK_DATE_DECIDED, SK_DATE_STARTS, SK_DATE_ASSESSMENT},
    [SK_AT_START] = {SK_DATE_STARTS, SK_DATE_DECIDED, SK_DATE_ASSESSMENT},
    [SK_AT_ASSESSMENT] = {SK_DATE_ASSESSMENT, SK_DATE_ASSESSMENT, SK_DATE_ASSESSMENT},
};

static int case_date(const sk_case *c, int which, int32_t *day)
{
    switch (which) {
    case SK_DATE_DECIDED:
        *day = c->decided;
        return c->decided_stated;
    case SK_DATE_STARTS:
        *day = c->starts;
        return c->starts_stated;
    default:
        *day = c->date;
        return 1;
    }
}

void sk_judged_date(const sk_case *c, sk_judged_at at, sk_judged *out)
{
    const uint8_t *try = chain[at < SK_AT__COUNT ? at : SK_AT_ASSESSMENT];
    for (int i = 0; i < 3; i++)
        if (case_date(c, try[i], &out->day)) {
            out->source = try[i];
            out->fell_back = i > 0;
            return;
        }
    /* not reached: the assessment date is always known */
    out->day = c->date;
    out->source = SK_DATE_ASSESSMENT;
    out->fell_back = at != SK_AT_ASSESSMENT;
}
