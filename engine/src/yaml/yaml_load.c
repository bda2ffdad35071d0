/* yaml_load.c - builds value trees from libyaml's event stream.
 *
 * The builder keeps an explicit stack (no recursion, so nesting depth is
 * bounded by a limit, not by the C stack). Pending children of open
 * collections sit on one scratch stack; a collection's children are copied
 * into the arena when it closes. libyaml marks are 0-based; nodes carry
 * 1-based positions. */
#include "yaml/yaml_load.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/utf8.h"

typedef struct frame {
    sk_node *node;  /* SK_SEQ or SK_MAP under construction */
    size_t start;   /* index of its first pending child on the stack */
    size_t limit;   /* pending children (a map's keys and values) that make
                       it full: max_items, twice that for a map */
} frame;

typedef struct anchor {
    const char *name;  /* in the document arena */
    sk_node *node;
} anchor;

struct sk_yaml {
    yaml_parser_t parser;
    sk_limits lim;
    char *name;
    const char *mem;       /* input buffer when reading from memory */
    size_t mem_len;
    int ended, broken, scanned;
    unsigned line_offset;  /* lines before this input in its stream */
    unsigned doc_line;
    size_t docs;
    size_t doc_start_index;
    /* per-document state */
    sk_arena *arena;
    const char *file;      /* name copied into the document arena */
    sk_node *root;
    int doc_err;
    size_t alias_nodes;
    sk_node **stack;
    size_t top, cap;
    frame *frames;
    size_t nframes, fcap;
    anchor *anchors;
    size_t nanchors, acap;
};

void sk_limits_default(sk_limits *l)
{
    l->max_file_bytes = SK_DEFAULT_MAX_FILE_BYTES;
    l->max_depth = SK_DEFAULT_MAX_DEPTH;
    l->max_alias_nodes = SK_DEFAULT_MAX_ALIAS_NODES;
    l->max_documents = SK_DEFAULT_MAX_DOCUMENTS;
    l->max_scalar_bytes = SK_DEFAULT_MAX_SCALAR_BYTES;
    l->max_items = SK_DEFAULT_MAX_ITEMS;
    l->regex_match_limit = SK_DEFAULT_REGEX_MATCH_LIMIT;
    l->regex_depth_limit = SK_DEFAULT_REGEX_DEPTH_LIMIT;
    l->regex_heap_kib = SK_DEFAULT_REGEX_HEAP_KIB;
    l->allow_outside_text_file = false;
    l->deny_text_file = false;
}

static sk_rc open_common(sk_yaml **out, const char *name, const sk_limits *lim)
{
    sk_yaml *y = calloc(1, sizeof *y);
    if (!y)
        return SK_ENOMEM;
    if (!yaml_parser_initialize(&y->parser)) {
        free(y);
        return SK_ENOMEM;
    }
    if (lim)
        y->lim = *lim;
    else
        sk_limits_default(&y->lim);
    size_t n = strlen(name);
    y->name = malloc(n + 1);
    if (!y->name) {
        yaml_parser_delete(&y->parser);
        free(y);
        return SK_ENOMEM;
    }
    memcpy(y->name, name, n + 1);
    *out = y;
    return SK_OK;
}

sk_rc sk_yaml_open_mem(sk_yaml **out, const char *name, const char *data,
                       size_t len, const sk_limits *lim)
{
    sk_rc rc = open_common(out, name, lim);
    if (rc != SK_OK)
        return rc;
    (*out)->mem = data;
    (*out)->mem_len = len;
    yaml_parser_set_input_string(&(*out)->parser, (const unsigned char *)data, len);
    return SK_OK;
}

sk_rc sk_yaml_open_file(sk_yaml **out, const char *name, FILE *f,
                        const sk_limits *lim)
{
    sk_rc rc = open_common(out, name, lim);
    if (rc != SK_OK)
        return rc;
    yaml_parser_set_input_file(&(*out)->parser, f);
    return SK_OK;
}

void sk_yaml_close(sk_yaml *y)
{
    if (!y)
        return;
    yaml_parser_delete(&y->parser);
    free(y->stack);
    free(y->frames);
    free(y->anchors);
    free(y->name);
    free(y);
}

unsigned sk_yaml_doc_line(const sk_yaml *y) { return y->doc_line; }
void sk_yaml_set_line_offset(sk_yaml *y, unsigned lines) { y->line_offset = lines; }
size_t sk_yaml_doc_count(const sk_yaml *y) { return y->docs; }

/* Marks the current document as rejected and records why. */
static void doc_error(sk_yaml *y, sk_diags *d, const yaml_mark_t *m,
                      const char *hint, sk_msg id, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, id);
    vsnprintf(msg, sizeof msg, sk_msg_fmt(id, d->lang), ap);
    va_end(ap);
    if (!y->doc_err)
        sk_diag_addv(d, SK_DIAG_ERROR, y->name, (unsigned)m->line + 1 + y->line_offset,
                     (unsigned)m->column + 1, hint, msg);
    y->doc_err = 1;
}

/* 1-based line/column of a byte offset in the memory input. */
static void offset_pos(const sk_yaml *y, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    if (y->mem) {
        if (off > y->mem_len)
            off = y->mem_len;
        for (size_t i = 0; i < off; i++) {
            /* LF, CRLF and a lone CR end a line, as in libyaml */
            if (y->mem[i] == '\n' ||
                (y->mem[i] == '\r' && (i + 1 >= y->mem_len || y->mem[i + 1] != '\n'))) {
                l++;
                c = 1;
            } else if (((unsigned char)y->mem[i] & 0xC0) != 0x80) {
                c++;
            }
        }
    } else {
        l = (unsigned)y->parser.mark.line + 1;
        c = (unsigned)y->parser.mark.column + 1;
    }
    *line = l + y->line_offset;
    *col = c;
}

/* U+0085, U+2028 and U+2029 are line breaks to libyaml but not to
 * editors, terminals or grep: a comment could hide a line (a waiver) from
 * a reader. Returns the offset of the first one in the input, or -1. */
static int break_at(const unsigned char *m, size_t len, size_t i, unsigned *cp)
{
    if (m[i] == 0xC2 && m[i + 1] == 0x85) {
        *cp = 0x85;
        return 1;
    }
    if (m[i] == 0xE2 && i + 2 < len && m[i + 1] == 0x80 && (m[i + 2] == 0xA8 || m[i + 2] == 0xA9)) {
        *cp = m[i + 2] == 0xA8 ? 0x2028 : 0x2029;
        return 1;
    }
    return 0;
}

/* The first hidden break whose lead byte is `lead` (0xC2 or 0xE2) at or
 * after `from`, or -1. memchr finds the candidates (libc scans many bytes
 * per step; Swedish text has 0xC3 for å, ä, ö, never these leads, but an
 * en dash starts with 0xE2). */
static long first_break_led_by(const unsigned char *m, size_t len, unsigned char lead,
                               unsigned *cp)
{
    size_t i = 0;
    while (i + 1 < len) {
        const unsigned char *p = memchr(m + i, lead, len - 1 - i);
        if (!p)
            return -1;
        i = (size_t)(p - m);
        if (break_at(m, len, i, cp))
            return (long)i;
        i++;
    }
    return -1;
}

static long hidden_break(const sk_yaml *y, unsigned *cp)
{
    const unsigned char *m = (const unsigned char *)y->mem;
    size_t len = y->mem ? y->mem_len : 0;
    unsigned cp2 = 0;
    long a = first_break_led_by(m, len, 0xC2, cp);
    long b = first_break_led_by(m, len, 0xE2, &cp2);
    if (b >= 0 && (a < 0 || b < a)) {
        *cp = cp2;
        return b;
    }
    return a;
}

/* Rejects the input if it holds a hidden line break (see above). */
static int reject_hidden_break(sk_yaml *y, sk_diags *d)
{
    unsigned cp, line, col;
    long at = hidden_break(y, &cp);
    if (at < 0)
        return 0;
    offset_pos(y, (size_t)at, &line, &col);
    sk_diag_add(d, SK_DIAG_ERROR, y->name, line, col, NULL, M_HIDDEN_BREAK, cp);
    return 1;
}

/* Whether the scanner stopped at a tab: libyaml says so ("found a tab
 * character ...") or the character at its mark (line, column: characters)
 * is one ("found character that cannot start any token"). */
static int stopped_at_tab(const sk_yaml *y, const yaml_parser_t *p)
{
    if (p->error != YAML_SCANNER_ERROR || !p->problem)
        return 0;
    if (strstr(p->problem, "tab character"))
        return 1;
    if (!y->mem)
        return 0;
    size_t i = 0, line = 0, col = 0;
    for (; i < y->mem_len && line < p->problem_mark.line; i++)
        if (y->mem[i] == '\n' ||   /* LF, CRLF and a lone CR, as in libyaml */
            (y->mem[i] == '\r' && (i + 1 >= y->mem_len || y->mem[i + 1] != '\n')))
            line++;
    for (; i < y->mem_len && y->mem[i] != '\n' && y->mem[i] != '\r'; i++) {
        if (((unsigned char)y->mem[i] & 0xC0) == 0x80)
            continue;               /* inside a UTF-8 character */
        if (col++ == p->problem_mark.column)
            return y->mem[i] == '\t';
    }
    return 0;
}

static void parser_error(sk_yaml *y, sk_diags *d)
{
    yaml_parser_t *p = &y->parser;
    const char *problem = p->problem ? p->problem : "unknown error";
    char msg[512];
    if (p->error == YAML_READER_ERROR) {
        unsigned line, col;
        offset_pos(y, p->problem_offset, &line, &col);
        snprintf(msg, sizeof msg, sk_msg_fmt(M_YAML_READER, d->lang), problem);
        sk_diag_addv(d, SK_DIAG_ERROR, y->name, line, col, NULL, msg);
        return;
    }
    if (p->error == YAML_MEMORY_ERROR) {
        sk_diag_addv(d, SK_DIAG_ERROR, y->name, 0, 0, NULL, "out of memory");
        return;
    }
    if (stopped_at_tab(y, p))
        snprintf(msg, sizeof msg, "%s", sk_msg_fmt(M_YAML_TAB, d->lang));
    else if (p->context)
        snprintf(msg, sizeof msg, sk_msg_fmt(M_YAML_SYNTAX_CTX, d->lang),
                 problem, p->context, (unsigned)p->context_mark.line + 1 + y->line_offset);
    else
        snprintf(msg, sizeof msg, sk_msg_fmt(M_YAML_SYNTAX, d->lang), problem);
    sk_diag_addv(d, SK_DIAG_ERROR, y->name, (unsigned)p->problem_mark.line + 1 + y->line_offset,
                 (unsigned)p->problem_mark.column + 1, NULL, msg);
}

static int push_child(sk_yaml *y, sk_node *n)
{
    if (y->top == y->cap) {
        size_t cap = y->cap ? y->cap * 2 : 64;
        sk_node **s = realloc(y->stack, cap * sizeof *s);
        if (!s)
            return 0;
        y->stack = s;
        y->cap = cap;
    }
    y->stack[y->top++] = n;
    return 1;
}

/* Adds a finished node to the open collection (or makes it the root). */
static inline sk_rc attach(sk_yaml *y, sk_diags *d, sk_node *n, const yaml_mark_t *m)
{
    if (y->nframes == 0) {
        y->root = n;
        return SK_OK;
    }
    const frame *f = &y->frames[y->nframes - 1];
    if (y->top - f->start >= f->limit) {
        doc_error(y, d, m, NULL, M_TOO_MANY_ITEMS, y->lim.max_items);
        return SK_EINVALID;
    }
    return push_child(y, n) ? SK_OK : SK_ENOMEM;
}

static int tag_is_core(const yaml_char_t *tag)
{
    static const char *const core[] = {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:map", "!",
    };
    if (!tag)
        return 1;
    for (size_t i = 0; i < sizeof core / sizeof *core; i++)
        if (strcmp((const char *)tag, core[i]) == 0)
            return 1;
    return 0;
}

/* A node with `extra` bytes after it in the same arena allocation (a
 * scalar's text: one allocation per scalar instead of two). */
static inline sk_node *new_node_ex(sk_yaml *y, sk_vkind kind, const yaml_mark_t *m, size_t extra)
{
    if (extra > SIZE_MAX - sizeof(sk_node))
        return NULL;
    sk_node *n = sk_arena_alloc(y->arena, sizeof *n + extra);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->kind = (uint8_t)kind;
    n->line = (uint32_t)m->line + 1 + y->line_offset;
    n->col = (uint32_t)m->column + 1;
    n->file = y->file;
    n->size = 1;
    n->field = -1;
    return n;
}

static sk_node *new_node(sk_yaml *y, sk_vkind kind, const yaml_mark_t *m)
{
    return new_node_ex(y, kind, m, 0);
}

static int plain_null(const char *s, size_t len)
{
    if (len > 4) /* most scalars: one test */
        return 0;
    return len == 0 || (len == 1 && s[0] == '~') ||
           (len == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
                         !memcmp(s, "NULL", 4)));
}

/* Copies a scalar's n bytes: up to 16 by two overlapping word copies
 * inline (most scalars are short keys and values), longer by memcpy. */
static inline void copy_text(char *to, const char *from, size_t n)
{
    uint64_t a, b;
    uint32_t c, e;
    if (n >= 8 && n <= 16) {
        memcpy(&a, from, 8);
        memcpy(&b, from + n - 8, 8);
        memcpy(to, &a, 8);
        memcpy(to + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        memcpy(&c, from, 4);
        memcpy(&e, from + n - 4, 4);
        memcpy(to, &c, 4);
        memcpy(to + n - 4, &e, 4);
    } else if (n > 16) {
        memcpy(to, from, n);
    } else {
        for (size_t i = 0; i < n; i++)
            to[i] = from[i];
    }
}

static sk_rc add_anchor(sk_yaml *y, const yaml_char_t *name, sk_node *n)
{
    if (!name)
        return SK_OK;
    if (y->nanchors == y->acap) {
        size_t cap = y->acap ? y->acap * 2 : 8;
        anchor *a = realloc(y->anchors, cap * sizeof *a);
        if (!a)
            return SK_ENOMEM;
        y->anchors = a;
        y->acap = cap;
    }
    const char *copy = sk_arena_strdup(y->arena, (const char *)name);
    if (!copy)
        return SK_ENOMEM;
    y->anchors[y->nanchors].name = copy;
    y->anchors[y->nanchors].node = n;
    y->nanchors++;
    return SK_OK;
}

static sk_rc on_scalar(sk_yaml *y, sk_diags *d, yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    size_t len = ev->data.scalar.length;
    const char *val = (const char *)ev->data.scalar.value;
    if (!tag_is_core(ev->data.scalar.tag)) {
        doc_error(y, d, m, NULL, M_BAD_TAG, (const char *)ev->data.scalar.tag);
        return SK_EINVALID;
    }
    if (len > y->lim.max_scalar_bytes) {
        doc_error(y, d, m, NULL, M_SCALAR_TOO_LONG, y->lim.max_scalar_bytes);
        return SK_EINVALID;
    }
    /* libyaml's reader rejects every character sk_text_bad_char rejects
     * in the raw input, in any style; only the escapes of a double-quoted
     * scalar ("\0", "\e", "\x9b") can make one, so only those are checked */
    long bad = ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                   ? sk_text_bad_char(val, len) : -1;
    if (bad >= 0) {
        doc_error(y, d, m, NULL, M_CONTROL_CHAR, (unsigned)bad);
        return SK_EINVALID;
    }
    const char *tag = (const char *)ev->data.scalar.tag;
    int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    int is_str = tag && strcmp(tag, "tag:yaml.org,2002:str") == 0;
    int is_null = (tag && strcmp(tag, "tag:yaml.org,2002:null") == 0) ||
                  (plain && !is_str && plain_null(val, len));
    if (len > SIZE_MAX - 1)
        return SK_ENOMEM;
    sk_node *n = new_node_ex(y, is_null ? SK_NULL : SK_SCALAR, m, len + 1);
    if (!n)
        return SK_ENOMEM;
    char *text = (char *)(n + 1);
    copy_text(text, val, len);
    text[len] = '\0';
    n->u.s = text;
    n->len = (uint32_t)len;
    n->quoted = (uint8_t)(!plain || is_str);
    sk_rc rc = add_anchor(y, ev->data.scalar.anchor, n);
    return rc != SK_OK ? rc : attach(y, d, n, m);
}

static sk_rc on_start(sk_yaml *y, sk_diags *d, yaml_event_t *ev, sk_vkind kind)
{
    const yaml_mark_t *m = &ev->start_mark;
    const yaml_char_t *tag = kind == SK_MAP ? ev->data.mapping_start.tag
                                            : ev->data.sequence_start.tag;
    if (!tag_is_core(tag)) {
        doc_error(y, d, m, NULL, M_BAD_TAG, (const char *)tag);
        return SK_EINVALID;
    }
    if (y->nframes >= y->lim.max_depth) {
        /* libyaml's cost grows with the square of the nesting: stop
         * reading this stream here rather than scan the rest */
        doc_error(y, d, m, NULL, M_TOO_DEEP, y->lim.max_depth);
        y->broken = 1;
        return SK_EINVALID;
    }
    sk_node *n = new_node(y, kind, m);
    if (!n)
        return SK_ENOMEM;
    /* the anchor is registered when the node is complete, so an alias
     * inside its own subtree is undefined rather than a cycle */
    n->aux = kind == SK_MAP ? (const void *)ev->data.mapping_start.anchor
                            : (const void *)ev->data.sequence_start.anchor;
    if (n->aux) {
        n->aux = sk_arena_strdup(y->arena, (const char *)n->aux);
        if (!n->aux)
            return SK_ENOMEM;
    }
    if (y->nframes == y->fcap) {
        size_t cap = y->fcap ? y->fcap * 2 : 16;
        frame *f = realloc(y->frames, cap * sizeof *f);
        if (!f)
            return SK_ENOMEM;
        y->frames = f;
        y->fcap = cap;
    }
    y->frames[y->nframes].node = n;
    y->frames[y->nframes].start = y->top;
    /* (top - start) / per >= max_items, without a division per child */
    size_t per = kind == SK_MAP ? 2 : 1;
    y->frames[y->nframes].limit = y->lim.max_items > SIZE_MAX / per ? SIZE_MAX
                                                                     : y->lim.max_items * per;
    y->nframes++;
    return SK_OK;
}

static int cmp_pair_key(const void *a, const void *b)
{
    const sk_pair *pa = a, *pb = b;
    int c = strcmp(pa->key->u.s, pb->key->u.s);
    if (c)
        return c;
    return pa->key->line < pb->key->line ? -1 : pa->key->line > pb->key->line;
}

/* The first pair of a map of at most 32 pairs whose key equals an earlier
 * one's (that one in *first), or NULL. Each key's fingerprint (its length
 * and first byte) goes into a 64-bit set by a hash; only a key whose hash
 * was seen is compared with the earlier keys of the same fingerprint, so
 * the pair found is the one a comparison of every pair in order finds. */
static const sk_pair *first_dup_small(const sk_node *map, const sk_pair **first)
{
    uint32_t fp[32];
    uint64_t seen = 0;
    const sk_pair *p = map->u.pairs;
    for (uint32_t i = 0; i < map->len; i++) {
        const sk_node *k = p[i].key;
        fp[i] = k->len << 8 | (unsigned char)k->u.s[0];
        uint64_t bit = (uint64_t)1 << ((fp[i] ^ fp[i] >> 5) & 63);
        if (seen & bit)
            for (uint32_t j = 0; j < i; j++) /* (lengths again: the print wraps) */
                if (fp[j] == fp[i] && p[j].key->len == k->len &&
                    memcmp(k->u.s, p[j].key->u.s, k->len) == 0) {
                    *first = &p[j];
                    return &p[i];
                }
        seen |= bit;
    }
    return NULL;
}

/* Reports the first duplicate key of a finished map. */
static int check_dup_keys(sk_yaml *y, sk_diags *d, sk_node *map)
{
    uint32_t n = map->len;
    const sk_pair *dup = NULL, *first = NULL;
    if (n <= 32) {
        dup = first_dup_small(map, &first);
    } else {
        sk_pair *tmp = malloc(n * sizeof *tmp);
        if (!tmp)
            return 1;
        memcpy(tmp, map->u.pairs, n * sizeof *tmp);
        qsort(tmp, n, sizeof *tmp, cmp_pair_key);
        for (uint32_t i = 1; i < n; i++)
            if (strcmp(tmp[i].key->u.s, tmp[i - 1].key->u.s) == 0) {
                /* report the earliest-positioned duplicate pair */
                const sk_pair *a = &map->u.pairs[tmp[i - 1].key->index];
                const sk_pair *b = &map->u.pairs[tmp[i].key->index];
                if (!dup || b->key->line < dup->key->line) {
                    dup = b;
                    first = a;
                }
            }
        free(tmp);
    }
    if (!dup)
        return 1;
    yaml_mark_t m = {0, dup->key->line - 1 - y->line_offset, dup->key->col - 1};
    doc_error(y, d, &m, NULL, M_DUP_KEY, dup->key->u.s, (unsigned)first->key->line);
    return 0;
}

static sk_rc on_end(sk_yaml *y, sk_diags *d, const yaml_mark_t *m)
{
    frame f = y->frames[--y->nframes];
    sk_node *n = f.node;
    size_t count = y->top - f.start;
    sk_node **kids = count ? y->stack + f.start : NULL; /* stack is NULL until used */
    uint32_t size = 1;
    if (n->kind == SK_SEQ) {
        n->u.items = sk_arena_alloc(y->arena, count * sizeof *n->u.items);
        if (!n->u.items)
            return SK_ENOMEM;
        for (size_t i = 0; i < count; i++) {
            n->u.items[i] = kids[i];
            if (!kids[i]->parent) {
                kids[i]->parent = n;
                kids[i]->index = (uint32_t)i;
            }
            size += kids[i]->size;
        }
        n->len = (uint32_t)count;
    } else {
        size_t np = count / 2;
        n->u.pairs = sk_arena_alloc(y->arena, np * sizeof *n->u.pairs);
        if (!n->u.pairs)
            return SK_ENOMEM;
        for (size_t i = 0; i < np; i++) {
            sk_node *k = kids[2 * i], *v = kids[2 * i + 1];
            if (k->kind == SK_NULL && k->u.s)
                k->kind = SK_SCALAR; /* `null:` as a key is the text "null" */
            if (k->kind != SK_SCALAR || k->parent) {
                yaml_mark_t km = {0, k->line - 1 - y->line_offset, k->col - 1};
                doc_error(y, d, &km, NULL, M_KEY_NOT_SCALAR);
                return SK_EINVALID;
            }
            k->parent = n;
            k->index = (uint32_t)i;
            if (!v->parent) {
                v->parent = n;
                v->index = (uint32_t)i;
            }
            n->u.pairs[i].key = k;
            n->u.pairs[i].val = v;
            size += k->size + v->size;
        }
        n->len = (uint32_t)np;
        if (!check_dup_keys(y, d, n))
            return SK_EINVALID;
    }
    n->size = size;
    y->top = f.start;
    const char *anchor_name = n->aux;
    n->aux = NULL;
    if (anchor_name) {
        sk_rc rc = add_anchor(y, (const yaml_char_t *)anchor_name, n);
        if (rc != SK_OK)
            return rc;
    }
    (void)m;
    /* a collection over --max-items is reported where it starts */
    yaml_mark_t start = {0, n->line - 1 - y->line_offset, n->col - 1};
    return attach(y, d, n, &start);
}

static sk_rc on_alias(sk_yaml *y, sk_diags *d, yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    sk_node *target = NULL;
    for (size_t i = y->nanchors; i-- > 0;)
        if (strcmp(y->anchors[i].name, name) == 0) {
            target = y->anchors[i].node;
            break;
        }
    if (!target) {
        doc_error(y, d, &ev->start_mark, NULL, M_ALIAS_UNDEF, name);
        return SK_EINVALID;
    }
    y->alias_nodes += target->size;
    if (y->alias_nodes > y->lim.max_alias_nodes) {
        doc_error(y, d, &ev->start_mark, NULL, M_ALIAS_BOMB, y->lim.max_alias_nodes);
        return SK_EINVALID;
    }
    return attach(y, d, target, &ev->start_mark);
}

static void begin_document(sk_yaml *y, sk_arena *a, const yaml_mark_t *m)
{
    y->arena = a;
    y->root = NULL;
    y->doc_err = 0;
    y->alias_nodes = 0;
    y->top = 0;
    y->nframes = 0;
    y->nanchors = 0;
    y->doc_line = (unsigned)m->line + 1 + y->line_offset;
    y->doc_start_index = m->index;
    y->docs++;
    y->file = sk_arena_strdup(a, y->name);
}

/* A document starts: 0 (the stream is broken) past --max-documents. */
static int on_document_start(sk_yaml *y, sk_arena *a, sk_diags *d, const yaml_mark_t *m)
{
    if (y->docs >= y->lim.max_documents) {
        /* the rejected document is the one that starts here */
        y->doc_line = (unsigned)m->line + 1 + y->line_offset;
        sk_diag_add(d, SK_DIAG_ERROR, y->name, (unsigned)m->line + 1 + y->line_offset,
                    (unsigned)m->column + 1, NULL, M_TOO_MANY_DOCS, y->lim.max_documents);
        y->broken = 1;
        return 0;
    }
    begin_document(y, a, m);
    return 1;
}

/* A document ends: its tree in *root (an empty one is a null node), or
 * its error. Deletes the event. */
static sk_rc on_document_end(sk_yaml *y, sk_diags *d, yaml_event_t *ev, sk_node **root)
{
    size_t bytes = ev->end_mark.index - y->doc_start_index;
    if (!y->doc_err && !y->mem && bytes > y->lim.max_file_bytes)
        doc_error(y, d, &ev->start_mark, NULL, M_FILE_TOO_BIG, y->lim.max_file_bytes);
    yaml_event_delete(ev);
    if (y->doc_err)
        return SK_EINVALID;
    if (!y->root) {
        yaml_mark_t m = {0, y->doc_line - 1 - y->line_offset, 0};
        y->root = new_node(y, SK_NULL, &m);
        if (!y->root)
            return SK_ENOMEM;
    }
    *root = y->root;
    return SK_OK;
}

sk_rc sk_yaml_next(sk_yaml *y, sk_arena *a, sk_node **root, sk_diags *d)
{
    *root = NULL;
    if (y->ended || y->broken)
        return SK_EEND;
    if (!y->scanned) {
        y->scanned = 1;
        if (reject_hidden_break(y, d)) {
            y->broken = 1;
            return SK_EIO;
        }
    }
    int in_doc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&y->parser, &ev)) {
            parser_error(y, d);
            y->broken = 1;
            return SK_EIO;
        }
        sk_rc rc = SK_OK;
        /* one switch per event: the node events go straight to their
         * builders, outside a document or after its error to none */
        int live = in_doc && !y->doc_err;
        switch (ev.type) {
        case YAML_SCALAR_EVENT:
            if (live)
                rc = on_scalar(y, d, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (live)
                rc = on_start(y, d, &ev, ev.type == YAML_MAPPING_START_EVENT ? SK_MAP : SK_SEQ);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (live)
                rc = on_end(y, d, &ev.start_mark);
            break;
        case YAML_ALIAS_EVENT:
            if (live)
                rc = on_alias(y, d, &ev);
            break;
        case YAML_STREAM_END_EVENT:
            y->ended = 1;
            yaml_event_delete(&ev);
            return SK_EEND;
        case YAML_DOCUMENT_START_EVENT:
            if (!on_document_start(y, a, d, &ev.start_mark)) {
                yaml_event_delete(&ev);
                return SK_EIO;
            }
            in_doc = 1;
            break;
        case YAML_DOCUMENT_END_EVENT:
            return on_document_end(y, d, &ev, root);
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
            break;
        }
        yaml_event_delete(&ev);
        if (rc == SK_ENOMEM)
            return rc;
        if (y->broken)
            return SK_EINVALID;
    }
}
