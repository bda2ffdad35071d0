/* utf8.h - UTF-8 validation. */
#ifndef SK_UTF8_H
#define SK_UTF8_H

#include <stddef.h>

/* Offset of the first invalid byte sequence, or (size_t)-1 if s[0..len)
 * is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
size_t sk_utf8_invalid_at(const char *s, size_t len);

/* The first character of valid UTF-8 text s[0..len) that YAML does not
 * count as printable (anything but tab, line feed, carriage return,
 * U+0020-U+007E, U+0085, U+00A0 and up except U+FFFE/U+FFFF), or -1: NUL
 * would truncate the text, and C0/C1 controls drive terminals. */
long sk_text_bad_char(const char *s, size_t len);

#endif
