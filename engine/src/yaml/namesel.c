/* namesel.c - the k smallest names of a stream, packed in one buffer. */
#include "yaml/namesel.h"

#include <stdlib.h>
#include <string.h>

void sk_namesel_init(sk_namesel *s, size_t k)
{
    memset(s, 0, sizeof *s);
    s->k = k ? k : 1;
}

void sk_namesel_reset(sk_namesel *s)
{
    s->used = s->dead = s->count = 0;
    s->more = false;
}

void sk_namesel_free(sk_namesel *s)
{
    free(s->buf);
    free(s->off);
    sk_namesel_init(s, s->k);
}

static int name_cmp(const sk_namesel *s, size_t i, size_t j)
{
    return strcmp(s->buf + s->off[i], s->buf + s->off[j]);
}

static void off_swap(uint32_t *o, size_t i, size_t j)
{
    uint32_t t = o[i];
    o[i] = o[j];
    o[j] = t;
}

static void heap_up(sk_namesel *s, size_t i)
{
    for (; i && name_cmp(s, (i - 1) / 2, i) < 0; i = (i - 1) / 2)
        off_swap(s->off, i, (i - 1) / 2);
}

/* Sifts off[i] down the heap of the first n offsets. */
static void heap_down(sk_namesel *s, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && name_cmp(s, l, m) > 0)
            m = l;
        if (r < n && name_cmp(s, r, m) > 0)
            m = r;
        if (m == i)
            return;
        off_swap(s->off, i, m);
        i = m;
    }
}

static int off_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Slides the live names (with their tags) down over the dead ones (in
 * buffer order, so no name is overwritten before it has moved), then
 * restores the heap. */
static void compact(sk_namesel *s)
{
    qsort(s->off, s->count, sizeof *s->off, off_cmp);
    size_t w = 0;
    for (size_t i = 0; i < s->count; i++) {
        size_t n = strlen(s->buf + s->off[i]) + 2; /* tag, name, NUL */
        memmove(s->buf + w, s->buf + s->off[i] - 1, n);
        s->off[i] = (uint32_t)w + 1;
        w += n;
    }
    s->used = w;
    s->dead = 0;
    for (size_t i = s->count / 2; i-- > 0;)
        heap_down(s, s->count, i);
}

/* Room for n more bytes. Dead bytes are reclaimed when they are a quarter
 * of the buffer's use; the buffer then keeps a quarter of the live bytes
 * free, so compacting (a sort of the offsets) happens once per that many
 * bytes of replaced names, not at every few replacements. The first
 * buffer has room for k names of 32 bytes (tag, name and NUL): only the
 * pages names reach are touched, and a large directory's first pass does
 * not leave the blocks of a chain of reallocations behind in the allocator
 * (peak RSS over a flat directory of 100,000 cases: +10 % over 1,000 cases
 * with a first buffer of 4 KiB grown by a quarter, +5 % with this one). 0
 * when out of memory or past 4 GiB. */
static int make_room(sk_namesel *s, size_t n)
{
    if (s->used + n <= s->cap)
        return 1;
    if (s->dead && s->dead >= s->used / 4)
        compact(s);
    size_t want = s->used + n + (s->dead ? 0 : s->used / 4);
    if (want <= s->cap)
        return 1;
    size_t cap = s->cap ? s->cap + s->cap / 4 : s->k * 32;
    if (cap < want)
        cap = want;
    if (cap > UINT32_MAX)
        return 0;
    char *b = realloc(s->buf, cap);
    if (!b)
        return 0;
    s->buf = b;
    s->cap = cap;
    return 1;
}

/* Copies tag and name to the end of the buffer; the name's offset in *at. */
static int append(sk_namesel *s, const char *name, size_t len, unsigned char tag, uint32_t *at)
{
    if (!make_room(s, len + 2))
        return 0;
    s->buf[s->used] = (char)tag;
    *at = (uint32_t)s->used + 1;
    memcpy(s->buf + *at, name, len);
    s->buf[*at + len] = '\0';
    s->used += len + 2;
    return 1;
}

int sk_namesel_offer(sk_namesel *s, const char *name, size_t len, unsigned char tag)
{
    if (!s->off) {
        s->off = malloc(s->k * sizeof *s->off);
        if (!s->off)
            return 0;
    }
    uint32_t at;
    if (s->count < s->k) {
        if (!append(s, name, len, tag, &at))
            return 0;
        s->off[s->count++] = at;
        heap_up(s, s->count - 1);
        return 1;
    }
    s->more = true;
    if (strcmp(name, s->buf + s->off[0]) >= 0)
        return 1;
    if (!append(s, name, len, tag, &at)) /* may compact: off[0] is still live */
        return 0;
    s->dead += strlen(s->buf + s->off[0]) + 2;
    s->off[0] = at;
    heap_down(s, s->count, 0);
    return 1;
}

/* Takes the heap's largest name out of the first n offsets into off[n - 1]:
 * the hole left at the root goes down along the larger children to a leaf,
 * then the heap's last offset is put there and moves up (Floyd's variant:
 * about one comparison per level instead of two). */
static void heap_pop(sk_namesel *s, size_t n)
{
    uint32_t last = s->off[n - 1], top = s->off[0];
    size_t m = n - 1, i = 0;
    for (size_t c = 1; c < m; c = 2 * i + 1) {
        if (c + 1 < m && name_cmp(s, c + 1, c) > 0)
            c++;
        s->off[i] = s->off[c];
        i = c;
    }
    while (i && strcmp(s->buf + s->off[(i - 1) / 2], s->buf + last) < 0) {
        s->off[i] = s->off[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    s->off[i] = last;
    s->off[m] = top;
}

/* Heapsort: the largest name goes to the end, one by one. */
void sk_namesel_sort(sk_namesel *s)
{
    for (size_t n = s->count; n > 1; n--)
        heap_pop(s, n);
}
