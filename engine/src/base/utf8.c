/* utf8.c - strict UTF-8 validation (RFC 3629). */
#include "base/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest sequence at s[i] (a byte >= 0x80): its length if it is one
 * valid character (RFC 3629: no overlong form, no surrogate, at most
 * U+10FFFF), else 0. */
static size_t multibyte_at(const unsigned char *s, size_t i, size_t len)
{
    unsigned c = s[i];
    if (c >= 0xC2 && c <= 0xDF) /* two bytes: å, ä, ö, § */
        return i + 1 < len && (s[i + 1] & 0xC0) == 0x80 ? 2 : 0;
    size_t n;
    unsigned min;
    if ((c & 0xF0) == 0xE0) {
        n = 2; min = 0x800; c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3; min = 0x10000; c &= 0x07;
    } else {
        return 0; /* a continuation byte, 0xC0, 0xC1 or 0xF8.. */
    }
    for (size_t k = 1; k <= n; k++) {
        if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i + k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    return n + 1;
}

/* Offset of the first byte >= 0x80 in the 8 bytes at s, whose bits 0x80
 * are `high` (not 0) as read in one word. */
static inline size_t first_high(const unsigned char *s, uint64_t high)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    (void)s;
    return (size_t)__builtin_ctzll(high) / 8;
#else
    (void)high;
    size_t k = 0;
    while (s[k] < 0x80)
        k++;
    return k;
#endif
}

/* ASCII is skipped eight bytes at a time up to the next byte >= 0x80
 * (a Swedish text has one every few words, so a word with one is not
 * walked byte by byte either). */
size_t sk_utf8_invalid_at(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t high = w & 0x8080808080808080ull;
            if (!high) {
                i += 8;
                continue;
            }
            i += first_high(s + i, high);
        } else if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = multibyte_at(s, i, len);
        if (!n)
            return i;
        i += n;
    }
    return (size_t)-1;
}

/* The character at s[i] if it is one sk_text_bad_char rejects, else -1. */
static long bad_at(const unsigned char *s, size_t i, size_t len)
{
    unsigned c = s[i];
    if (c - 0x20u < 0x5Fu)
        return -1; /* printable ASCII: the common case */
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        return (long)c;
    if (c == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F && s[i + 1] != 0x85)
        return (long)s[i + 1];
    if (c == 0xEF && i + 2 < len && s[i + 1] == 0xBF && s[i + 2] >= 0xBE)
        return 0xFFC0L | (s[i + 2] & 0x3F);
    return -1;
}

/* Could a byte of the 8-byte word w start a rejected character: a byte
 * below 0x20, DEL, 0xC2 (C1 controls) or 0xEF (U+FFFE/F)? Never says no
 * wrongly (it may say yes for a word without one). */
static int word_suspect(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t del = w ^ (ones * 0x7F), c2 = w ^ (ones * 0xC2), ef = w ^ (ones * 0xEF);
    return ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del) | ((c2 - ones) & ~c2) |
             ((ef - ones) & ~ef)) & highs) != 0;
}

long sk_text_bad_char(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        uint64_t w;
        if (len - i >= 8 && (memcpy(&w, s + i, 8), !word_suspect(w))) {
            i += 8;
            continue;
        }
        size_t stop = len - i >= 8 ? i + 8 : len;
        for (; i < stop; i++) {
            long bad = bad_at(s, i, len);
            if (bad >= 0)
                return bad;
        }
    }
    return -1;
}

/* Bytes of the valid UTF-8 character at s[0..len), or 0. */
static size_t char_len(const char *s, size_t len)
{
    size_t w = len < 4 ? len : 4;
    if (w == 0 || sk_utf8_invalid_at(s, w) == 0)
        return 0;
    unsigned c = (unsigned char)s[0];
    return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

/* Is the character s[0..n) one to escape: C0, DEL, C1, U+2028/9? */
static int is_control(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0] < 0x20 || s[0] == 0x7F;
    if (n == 2)
        return s[0] == 0xC2 && s[1] <= 0x9F;
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9);
}

char *sk_display_name(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len * 6 + 1), *o = out; /* "\u2028" is the longest */
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] - 0x20u < 0x5Fu) { /* printable ASCII */
            *o++ = s[i++];
            continue;
        }
        size_t n = char_len(s + i, len - i);
        const unsigned char *u = (const unsigned char *)s + i;
        if (n == 0) {
            *o++ = (char)0xEF, *o++ = (char)0xBF, *o++ = (char)0xBD;
            i++;
        } else if (is_control(u, n)) {
            unsigned cp = n == 1 ? u[0] : n == 2 ? u[1] : (u[2] == 0xA8 ? 0x2028u : 0x2029u);
            o += cp == '\n' ? sprintf(o, "\\n") : cp > 0xFF ? sprintf(o, "\\u%04x", cp)
                                                        : sprintf(o, "\\x%02x", cp);
            i += n;
        } else {
            memcpy(o, s + i, n);
            o += n;
            i += n;
        }
    }
    *o = '\0';
    return out;
}

char *sk_utf8_trim_partial(char *s)
{
    size_t len = strlen(s), i = len;
    /* back over at most three continuation bytes to the lead byte */
    while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return s;
    unsigned lead = (unsigned char)s[i - 1];
    size_t want = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3
                : (lead & 0xF8) == 0xF0 ? 4 : 1;
    if (lead >= 0x80 && len - (i - 1) < want)
        s[i - 1] = '\0';
    return s;
}
