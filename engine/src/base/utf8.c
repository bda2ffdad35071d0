/* utf8.c - strict UTF-8 validation (RFC 3629). */
#include "base/utf8.h"

size_t sk_utf8_invalid_at(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1; min = 0x80; c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2; min = 0x800; c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3; min = 0x10000; c &= 0x07;
        } else {
            return i;
        }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                return i;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return (size_t)-1;
}

long sk_text_bad_char(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if (c - 0x20u < 0x5Fu)
            continue; /* printable ASCII: the common case */
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return (long)c;
        if (c == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F &&
            s[i + 1] != 0x85)
            return (long)s[i + 1];
        if (c == 0xEF && i + 2 < len && s[i + 1] == 0xBF && s[i + 2] >= 0xBE)
            return 0xFFC0L | (s[i + 2] & 0x3F);
    }
    return -1;
}
