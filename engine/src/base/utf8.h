/* utf8.h - UTF-8 validation. */
#ifndef SK_UTF8_H
#define SK_UTF8_H

#include <stddef.h>

#include "samkoll/util.h"

/* Offset of the first invalid byte sequence, or (size_t)-1 if s[0..len)
 * is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
size_t sk_utf8_invalid_at(const char *s, size_t len);

/* The first character of valid UTF-8 text s[0..len) that YAML does not
 * count as printable (anything but tab, line feed, carriage return,
 * U+0020-U+007E, U+0085, U+00A0 and up except U+FFFE/U+FFFF), or -1: NUL
 * would truncate the text, and C0/C1 controls drive terminals. */
long sk_text_bad_char(const char *s, size_t len);

/* sk_utf8_trim_partial: see samkoll/util.h. */

/* A copy of a file name fit for any report: invalid UTF-8 becomes U+FFFD,
 * and control characters (C0, DEL, C1, U+2028, U+2029) are written as
 * visible escapes (\x1b, \n, \u2028), so a hostile name can neither drive
 * a terminal, break a line of text, nor make JSON or XML invalid.
 * malloc'd; NULL when out of memory. */
char *sk_display_name(const char *s);

#endif
