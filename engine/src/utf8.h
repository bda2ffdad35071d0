/* utf8.h - UTF-8 validation. */
#ifndef SK_UTF8_H
#define SK_UTF8_H

#include <stddef.h>

/* Offset of the first invalid byte sequence, or (size_t)-1 if s[0..len)
 * is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
size_t sk_utf8_invalid_at(const char *s, size_t len);

#endif
