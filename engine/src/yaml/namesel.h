/* namesel.h (internal) - the k smallest names of a stream of names, in
 * little memory: the directory walk's chunk of one directory's entries.
 *
 * Names are kept back to back in one buffer, each NUL-terminated and
 * preceded by a byte the caller tags it with (the walk: the entry's
 * d_type), and found through 4-byte offsets (about 23 bytes for a
 * generated case's name against 40 as separately allocated strings). While names are
 * offered the offsets form a max-heap by name, so a name smaller than the
 * largest kept one replaces it; the replaced name's bytes are dead and are
 * reclaimed by compacting the buffer in place before it grows, so the
 * buffer stays within about 1.6 times the live names' bytes. */
#ifndef SK_YAML_NAMESEL_H
#define SK_YAML_NAMESEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sk_namesel {
    char *buf;      /* tag byte, name, NUL: back to back (with dead ones) */
    size_t used;    /* bytes of buf in use, dead ones included */
    size_t cap;
    size_t dead;    /* bytes of replaced names not yet reclaimed */
    uint32_t *off;  /* count offsets of names into buf: a max-heap by name while
                       offering, ascending after sk_namesel_sort */
    size_t count;
    size_t k;       /* at most this many names are kept */
    bool more;      /* more than k names were offered */
} sk_namesel;

/* k: at most this many names are kept (at least 1). */
void sk_namesel_init(sk_namesel *s, size_t k);
/* Empties the selection and keeps its memory for the next round. */
void sk_namesel_reset(sk_namesel *s);
void sk_namesel_free(sk_namesel *s);
/* Offers name (len bytes, no NUL inside) with its tag: kept if fewer than
 * k names are kept or it is smaller than the largest kept one. 0 when out
 * of memory (the name is lost; the selection stays valid). */
int sk_namesel_offer(sk_namesel *s, const char *name, size_t len, unsigned char tag);
/* Orders the kept names ascending (byte order); no offers after this
 * until sk_namesel_reset. */
void sk_namesel_sort(sk_namesel *s);
static inline const char *sk_namesel_at(const sk_namesel *s, size_t i)
{
    return s->buf + s->off[i];
}
/* The tag name i was offered with. */
static inline unsigned char sk_namesel_tag(const sk_namesel *s, size_t i)
{
    return (unsigned char)s->buf[s->off[i] - 1];
}

#endif
