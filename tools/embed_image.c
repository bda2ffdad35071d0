/* embed_image.c - build tool: parses the rule files with the engine's
 * YAML loader and writes their node trees as a relocatable image
 * (engine/src/rules/image.h), so that start-up parses no YAML.
 * Usage: embed_image OUT.c ROOT FILE... (names relative to ROOT, sorted
 * as sk_ruleset_load sorts them). Fails on any diagnostic, and on a node
 * reached twice (a YAML alias): the image holds trees only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "rules/image.h"
#include "samkoll/diag.h"
#include "samkoll/limits.h"
#include "yaml/yaml_load.h"
#include "yaml/value.h"

/* growable arrays of the image being built */
typedef struct img {
    char *str;
    size_t nstr, capstr;
    sk_img_node *nodes;
    size_t nnodes, capnodes;
    uint32_t *links;
    size_t nlinks, caplinks;
    uint32_t *docs;
    size_t ndocs, capdocs;
} img;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * size);
    if (!q) {
        fprintf(stderr, "embed_image: out of memory\n");
        exit(70);
    }
    *cap = c;
    return q;
}

static uint32_t add_str(img *m, const char *s)
{
    if (!s)
        return UINT32_MAX;
    size_t n = strlen(s) + 1, at = m->nstr;
    m->str = grow(m->str, &m->capstr, at + n, 1);
    memcpy(m->str + at, s, n);
    m->nstr += n;
    return (uint32_t)at;
}

static uint32_t reserve_links(img *m, size_t n)
{
    size_t at = m->nlinks;
    m->links = grow(m->links, &m->caplinks, at + n, sizeof *m->links);
    m->nlinks += n;
    return (uint32_t)at;
}

/* Appends n and its subtree; returns n's index. */
static uint32_t add_node(img *m, const sk_node *n, uint32_t parent, uint32_t file)
{
    if (n->aux) {
        fprintf(stderr, "embed_image: %s:%u: node with validation data\n", n->file, n->line);
        exit(65);
    }
    uint32_t at = (uint32_t)m->nnodes++;
    m->nodes = grow(m->nodes, &m->capnodes, m->nnodes, sizeof *m->nodes);
    sk_img_node e = {n->kind, n->quoted, n->vtype, n->unknown, n->line, n->col, file,
                     parent, n->index, n->len, n->size, n->field, 0, 0};
    memcpy(&e.v, &n->v, sizeof n->v < sizeof e.v ? sizeof n->v : sizeof e.v);
    if (n->kind == SK_SEQ || n->kind == SK_MAP) {
        size_t per = n->kind == SK_MAP ? 2 : 1;
        e.u = reserve_links(m, n->len * per);
        for (uint32_t i = 0; i < n->len; i++) {
            const sk_node *kids[2] = {n->kind == SK_MAP ? n->u.pairs[i].key : n->u.items[i],
                                      n->kind == SK_MAP ? n->u.pairs[i].val : NULL};
            for (size_t k = 0; k < per; k++) {
                if (kids[k]->parent != n) {
                    fprintf(stderr, "embed_image: %s:%u: shared node (alias)\n", n->file, n->line);
                    exit(65);
                }
                uint32_t c = add_node(m, kids[k], at + 1, file);
                m->links[e.u + i * per + k] = c;
            }
        }
    } else {
        e.u = add_str(m, n->u.s);
    }
    m->nodes[at] = e;
    return at;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = grow(buf, &cap, cap + 1, 1);
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Parses one file's documents into the image; returns 0 on any diagnostic. */
static int add_file(img *m, sk_img_file *f, const char *path, const char *name)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data) {
        perror(path);
        return 0;
    }
    sk_limits lim;
    sk_limits_default(&lim);
    sk_arena a;
    sk_arena_init(&a, 65536);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    f->name = add_str(m, name);
    f->first_doc = (uint32_t)m->ndocs;
    sk_yaml *y;
    int ok = sk_yaml_open_mem(&y, name, data, len, &lim) == SK_OK;
    for (sk_node *root; ok && sk_yaml_next(y, &a, &root, &d) == SK_OK;) {
        m->docs = grow(m->docs, &m->capdocs, m->ndocs + 1, sizeof *m->docs);
        m->docs[m->ndocs++] = add_node(m, root, 0, f->name);
    }
    if (ok)
        sk_yaml_close(y);
    for (size_t i = 0; i < d.count; i++) {
        char line[1400];
        sk_diag_format(&d.items[i], SK_LANG_EN, line, sizeof line);
        fprintf(stderr, "embed_image: %s\n", line);
    }
    ok = ok && d.count == 0;
    f->ndocs = (uint32_t)m->ndocs - f->first_doc;
    sk_diags_free(&d);
    sk_arena_free(&a);
    free(data);
    return ok;
}

#include "relpath.h"

/* The string table as one literal: printable ASCII as is, everything
 * else as a three-digit octal escape; a line break after each NUL. */
static void write_strings(FILE *out, const char *s, size_t n)
{
    fputs("static const char strings[] =\n\"", out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '"')
            fprintf(out, "\\%c", c);
        else if (c >= 0x20 && c < 0x7F && c != '?')
            fputc(c, out);
        else
            fprintf(out, "\\%03o", c);
        if (c == 0 && i + 1 < n)
            fputs("\"\n\"", out);
    }
    fputs("\";\n", out);
}

static void write_u32s(FILE *out, const char *name, const uint32_t *v, size_t n)
{
    fprintf(out, "static const uint32_t %s[] = {", name);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%u,", i % 16 ? "" : "\n", v[i]);
    fprintf(out, "%s\n};\n", n ? "" : "0");
}

static void write_image(FILE *out, const img *m, const sk_img_file *files, size_t nfiles)
{
    fputs("/* generated by tools/embed_image.c; do not edit */\n"
          "#include \"rules/image.h\"\n\n", out);
    write_strings(out, m->str, m->nstr);
    fputs("static const sk_img_node nodes[] = {\n", out);
    for (size_t i = 0; i < m->nnodes; i++) {
        const sk_img_node *e = &m->nodes[i];
        fprintf(out, "{%u,%u,%u,%u,%u,%u,%u,%u,%u,%u,%u,%d,%u,%lluull},\n", e->kind, e->quoted,
                e->vtype, e->unknown, e->line, e->col, e->file, e->parent, e->index, e->len,
                e->size, e->field, e->u, (unsigned long long)e->v);
    }
    fputs("};\n", out);
    write_u32s(out, "links", m->links, m->nlinks);
    write_u32s(out, "docs", m->docs, m->ndocs);
    fputs("static const sk_img_file files[] = {\n", out);
    for (size_t i = 0; i < nfiles; i++)
        fprintf(out, "{%u,%u,%u},\n", files[i].name, files[i].first_doc, files[i].ndocs);
    fprintf(out, "};\n\nconst sk_rule_image sk_rules_image = {strings, nodes, %zu, links, %zu, "
                 "docs, %zu, files, %zu};\n", m->nnodes, m->nlinks, m->ndocs, nfiles);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: embed_image OUT.c ROOT FILE...\n");
        return 64;
    }
    g_root = argv[2];
    size_t nfiles = (size_t)(argc - 3);
    qsort(argv + 3, nfiles, sizeof *argv, cmp_rel);
    img m = {0};
    sk_img_file *files = calloc(nfiles, sizeof *files);
    if (!files)
        return 70;
    for (size_t i = 0; i < nfiles; i++)
        if (!add_file(&m, &files[i], argv[3 + i], rel(argv[3 + i])))
            return 65;
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 73;
    }
    write_image(out, &m, files, nfiles);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 74;
    }
    free(files);
    free(m.str);
    free(m.nodes);
    free(m.links);
    free(m.docs);
    return 0;
}
