/* values.c - labels and aliases of the case format's enum values
 * (values.def): value -> label, and what a user typed -> value. */
#include "schema/schema.h"

#include <string.h>

#include "samkoll/case.h"

typedef struct vlabel {
    const char *e, *v, *sv, *en, *aliases;
} vlabel;

static const vlabel labels[] = {
#define X(e, v, sv, en, al) {#e, v, sv, en, al},
#include "schema/values.def"
#undef X
};

#define FOLD_MAX 128

/* Folds a word for matching: ASCII lower case, å/ä -> a, ö -> o, é -> e,
 * and each run of spaces, hyphens and underscores to one '_'; leading and
 * trailing separators dropped. n bounds s (SIZE_MAX: to its NUL). */
static void fold(const char *s, size_t n, char *out)
{
    size_t o = 0;
    int sep = 0;
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + (n == (size_t)-1 ? strlen(s) : n);
    while (p < end && o + 2 < FOLD_MAX) {
        unsigned c = *p++;
        if (c == 0xC3 && p < end) {
            unsigned d = *p;
            unsigned f = (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84) ? 'a'
                       : (d == 0xB6 || d == 0x96) ? 'o'
                       : (d == 0xA9 || d == 0x89) ? 'e' : 0;
            if (f) {
                c = f;
                p++;
            }
        }
        if (c == ' ' || c == '-' || c == '_' || c == '\t') {
            sep = o > 0;
            continue;
        }
        if (sep)
            out[o++] = '_';
        sep = 0;
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[o] = '\0';
}

static const vlabel *row_of(const char *e, const char *v)
{
    if (!e || !v)
        return NULL;
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(labels[i].e, e) == 0 && strcmp(labels[i].v, v) == 0)
            return &labels[i];
    return NULL;
}

const char *sk_enum_label(const char *const *values, const char *value, sk_lang lang)
{
    const vlabel *r = row_of(sk_enum_name(values), value);
    return r ? (lang == SK_LANG_EN ? r->en : r->sv) : NULL;
}

bool sk_enum_alias(const char *const *values, const char *value, size_t i,
                   char *out, size_t outsz)
{
    const vlabel *r = row_of(sk_enum_name(values), value);
    const char *a = r ? r->aliases : "";
    for (; *a && i; a++)
        if (*a == '|')
            i--;
    if (!*a || outsz == 0)
        return false;
    size_t n = strcspn(a, "|");
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, a, n);
    out[n] = '\0';
    return true;
}

/* Whether folded word w is one of r's words: value, labels, aliases. */
static bool row_says(const vlabel *r, const char *w)
{
    char f[FOLD_MAX];
    const char *words[] = {r->v, r->sv, r->en};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        fold(words[i], (size_t)-1, f);
        if (strcmp(f, w) == 0)
            return true;
    }
    for (const char *a = r->aliases; *a;) {
        size_t n = strcspn(a, "|");
        fold(a, n, f);
        if (n && strcmp(f, w) == 0)
            return true;
        a += n + (a[n] == '|');
    }
    return false;
}

const char *sk_enum_match(const char *const *values, const char *text)
{
    if (!values || !text)
        return NULL;
    int exact = sk_values_find(values, text);
    if (exact >= 0)
        return values[exact];
    const char *e = sk_enum_name(values);
    char w[FOLD_MAX];
    fold(text, (size_t)-1, w);
    if (!e || !*w)
        return NULL;
    for (size_t i = 0; values[i]; i++) {
        const vlabel *r = row_of(e, values[i]);
        if (r && row_says(r, w))
            return values[i];
    }
    return NULL;
}

const char *sk_schema_find_label(const sk_schema *s, const char *word)
{
    char w[FOLD_MAX], f[FOLD_MAX];
    fold(word, (size_t)-1, w);
    for (size_t i = 0; *w && i < s->count; i++) {
        const char *d[] = {s->fields[i].sv, s->fields[i].en};
        for (size_t j = 0; j < 2; j++) {
            fold(d[j], (size_t)-1, f);
            if (strcmp(f, w) == 0)
                return s->fields[i].name;
        }
    }
    return NULL;
}

/* ---- by field path ------------------------------------------------------ */

/* The field the segment s[0..n) names in schema sch, or NULL. */
static const sk_field *segment_field(const sk_schema *sch, const char *s, size_t n)
{
    char seg[64];
    if (!sch || n == 0 || n >= sizeof seg)
        return NULL;
    memcpy(seg, s, n);
    seg[n] = '\0';
    int f = sk_schema_find(sch, seg);
    return f < 0 ? NULL : &sch->fields[f];
}

const char *const *sk_enum_of_path(const char *path)
{
    const sk_schema *sch = &sk_case_schema;
    const sk_field *f = NULL;
    for (const char *s = path; s && *s;) {
        size_t n = strcspn(s, ".[");
        f = segment_field(sch, s, n);
        if (!f)
            return NULL;
        s += n;
        if (*s == '[') {            /* "[]", "[*]" or "[3]": the item */
            const char *close = strchr(s, ']');
            if (!close)
                return NULL;
            s = close + 1;
        }
        if (*s == '.')
            s++;
        sch = f->sub;
    }
    if (!f)
        return NULL;
    if (f->type == SK_F_STATUS_MAP)
        return sk_status_values;
    bool is_enum = f->type == SK_F_ENUM || (f->type == SK_F_LIST && f->item == SK_F_ENUM);
    return is_enum ? f->values : NULL;
}

const char *sk_value_label(const char *field, const char *value, sk_lang lang)
{
    return field ? sk_enum_label(sk_enum_of_path(field), value, lang) : NULL;
}

const char *sk_value_match(const char *field, const char *text)
{
    return field ? sk_enum_match(sk_enum_of_path(field), text) : NULL;
}
