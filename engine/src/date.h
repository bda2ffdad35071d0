/* date.h - calendar dates as day numbers. */
#ifndef SK_DATE_H
#define SK_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses exactly YYYY-MM-DD (a date that exists in the Gregorian calendar)
 * into days since 1970-01-01. Returns false otherwise. */
bool sk_date_parse(const char *s, size_t len, int32_t *days);
/* Formats days as YYYY-MM-DD into out (at least 11 bytes). */
void sk_date_format(int32_t days, char *out);
/* Today in UTC. */
int32_t sk_date_today(void);

#endif
