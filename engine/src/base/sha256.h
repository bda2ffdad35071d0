/* sha256.h - SHA-256 (FIPS 180-4), for the rule set's content hash. */
#ifndef SK_SHA256_H
#define SK_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sk_sha256 {
    uint32_t h[8];
    uint64_t bits;
    unsigned char block[64];
    size_t fill;
} sk_sha256;

void sk_sha256_init(sk_sha256 *s);
void sk_sha256_update(sk_sha256 *s, const void *data, size_t len);
/* Writes 64 lower-case hex digits and a NUL to hex. */
void sk_sha256_hex(sk_sha256 *s, char hex[65]);

#endif
