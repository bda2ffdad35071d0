/* test_yaml_load.c - the YAML loader: positions, duplicate keys, tags,
 * encoding and every limit at and just past its value. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "case/case_int.h"
#include "samkoll/files.h"
#include "yaml/namesel.h"
#include "yaml/yaml_load.h"

typedef struct loaded {
    sk_arena a;
    sk_diags d;
    sk_node *root;
    sk_rc rc;
} loaded;

static void load(loaded *l, const char *text, size_t len, const sk_limits *lim)
{
    sk_arena_init(&l->a, 4096);
    sk_diags_init(&l->d, SK_LANG_EN);
    sk_yaml *y;
    cr_assert_eq(sk_yaml_open_mem(&y, "in.yaml", text, len, lim), SK_OK);
    l->rc = sk_yaml_next(y, &l->a, &l->root, &l->d);
    sk_yaml_close(y);
}

static void done(loaded *l)
{
    sk_arena_free(&l->a);
    sk_diags_free(&l->d);
}

static sk_limits limits(void)
{
    sk_limits l;
    sk_limits_default(&l);
    return l;
}

Test(yaml_load, positions_are_one_based)
{
    loaded l;
    load(&l, "a: 1\nlist:\n  - x\n  - {k: v}\n", 27, NULL);
    cr_assert_eq(l.rc, SK_OK);
    sk_node *list = sk_map_get(l.root, "list");
    cr_assert_not_null(list);
    cr_expect_eq(list->kind, SK_SEQ);
    cr_expect_eq(list->u.items[0]->line, 3);
    cr_expect_eq(list->u.items[0]->col, 5);
    sk_node *v = sk_map_get(list->u.items[1], "k");
    cr_expect_eq(v->line, 4);
    cr_expect_eq(v->col, 9);
    cr_expect_eq(l.root->u.pairs[0].key->line, 1);
    cr_expect_eq(l.root->u.pairs[0].key->col, 1);
    done(&l);
}

Test(yaml_load, duplicate_key_is_rejected_with_both_lines)
{
    loaded l;
    const char *t = "case: a\nform: x\ntitle: t\nform: y\n";
    load(&l, t, strlen(t), NULL);
    cr_assert_eq(l.rc, SK_EINVALID);
    cr_assert_eq(l.d.count, 1);
    cr_expect_eq(l.d.items[0].line, 4);
    cr_expect_eq(l.d.items[0].col, 1);
    cr_expect(strstr(l.d.items[0].message, "'form'") != NULL);
    cr_expect(strstr(l.d.items[0].message, "line 2") != NULL);
    done(&l);
}

Test(yaml_load, duplicate_key_in_large_map)
{
    char buf[4096];
    size_t n = 0;
    for (int i = 0; i < 50; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "k%d: %d\n", i, i);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "k7: again\n");
    loaded l;
    load(&l, buf, n, NULL);
    cr_assert_eq(l.rc, SK_EINVALID);
    cr_expect_eq(l.d.items[0].line, 51);
    done(&l);
}

Test(yaml_load, non_core_tags_are_rejected)
{
    loaded l;
    const char *t = "a: !!python/object:os.system x\n";
    load(&l, t, strlen(t), NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect_eq(l.d.items[0].line, 1);
    done(&l);
    t = "a: !!str 12\nb: !custom x\n";
    load(&l, t, strlen(t), NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect_eq(l.d.items[0].line, 2);
    done(&l);
}

Test(yaml_load, core_str_tag_makes_text)
{
    loaded l;
    const char *t = "a: !!str yes\nb: ~\nc: \"~\"\n";
    load(&l, t, strlen(t), NULL);
    cr_assert_eq(l.rc, SK_OK);
    cr_expect(sk_map_get(l.root, "a")->quoted);
    cr_expect_eq(sk_map_get(l.root, "b")->kind, SK_NULL);
    cr_expect_eq(sk_map_get(l.root, "c")->kind, SK_SCALAR);
    done(&l);
}

Test(yaml_load, invalid_utf8_is_positioned)
{
    loaded l;
    const char t[] = "a: ok\nb: \xc3\x28\n";
    load(&l, t, sizeof t - 1, NULL);
    cr_expect_eq(l.rc, SK_EIO);
    cr_assert_eq(l.d.count, 1);
    cr_expect_eq(l.d.items[0].line, 2);
    cr_expect_eq(l.d.items[0].col, 5); /* the invalid trailing octet */
    done(&l);
}

Test(yaml_load, nul_byte_is_rejected)
{
    loaded l;
    const char t[] = "a: x\0y\n";
    load(&l, t, sizeof t - 1, NULL);
    cr_expect_eq(l.rc, SK_EIO);
    done(&l);
}

Test(yaml_load, bom_and_crlf_are_accepted)
{
    loaded l;
    const char t[] = "\xef\xbb\xbf" "a: 1\r\nb: 2\r\n";
    load(&l, t, sizeof t - 1, NULL);
    cr_assert_eq(l.rc, SK_OK);
    cr_expect_eq(sk_map_get(l.root, "b")->line, 2);
    cr_expect_str_eq(sk_map_get(l.root, "b")->u.s, "2");
    done(&l);
}

static char *nested(size_t depth)
{
    char *s = malloc(depth * 2 + 8);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++)
        s[n++] = '[';
    s[n++] = '1';
    for (size_t i = 0; i < depth; i++)
        s[n++] = ']';
    s[n] = '\0';
    return s;
}

Test(yaml_load, depth_limit_at_and_past)
{
    sk_limits lim = limits();
    lim.max_depth = 10;
    char *ok = nested(10), *bad = nested(11);
    loaded l;
    load(&l, ok, strlen(ok), &lim);
    cr_expect_eq(l.rc, SK_OK);
    done(&l);
    load(&l, bad, strlen(bad), &lim);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect(strstr(l.d.items[0].message, "deeper than the limit of 10") != NULL);
    done(&l);
    free(ok);
    free(bad);
}

Test(yaml_load, very_deep_nesting_does_not_crash)
{
    char *bad = nested(100000);
    loaded l;
    load(&l, bad, strlen(bad), NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    done(&l);
    free(bad);
}

Test(yaml_load, alias_expansion_limit)
{
    sk_limits lim = limits();
    lim.max_alias_nodes = 22; /* [1,2] is 3 nodes */
    const char *ok = "a: &a [1, 2]\nb: [*a, *a, *a, *a, *a, *a, *a]\n";     /* 21 */
    const char *bad = "a: &a [1, 2]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n"; /* 24 */
    loaded l;
    load(&l, ok, strlen(ok), &lim);
    cr_expect_eq(l.rc, SK_OK);
    cr_expect_eq(sk_map_get(l.root, "b")->len, 7);
    done(&l);
    load(&l, bad, strlen(bad), &lim);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect_eq(l.d.items[0].line, 2);
    done(&l);
}

Test(yaml_load, billion_laughs)
{
    const char *t =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    loaded l;
    load(&l, t, strlen(t), NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    done(&l);
}

Test(yaml_load, undefined_and_self_alias)
{
    loaded l;
    const char *t = "a: *nothere\n";
    load(&l, t, strlen(t), NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    done(&l);
    t = "a: &x [1, *x]\n"; /* an alias into its own node would be a cycle */
    load(&l, t, strlen(t), NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    done(&l);
}

Test(yaml_load, scalar_and_items_limits)
{
    sk_limits lim = limits();
    lim.max_scalar_bytes = 5;
    lim.max_items = 3;
    loaded l;
    load(&l, "a: 12345\n", 9, &lim);
    cr_expect_eq(l.rc, SK_OK);
    done(&l);
    load(&l, "a: 123456\n", 10, &lim);
    cr_expect_eq(l.rc, SK_EINVALID);
    done(&l);
    load(&l, "[1, 2, 3]\n", 10, &lim);
    cr_expect_eq(l.rc, SK_OK);
    done(&l);
    load(&l, "[1, 2, 3, 4]\n", 13, &lim);
    cr_expect_eq(l.rc, SK_EINVALID);
    done(&l);
}

Test(yaml_load, documents_in_a_stream)
{
    sk_limits lim = limits();
    lim.max_documents = 2;
    const char *t = "a: 1\n---\na: 2\n---\na: 3\n";
    sk_arena a;
    sk_arena_init(&a, 1024);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_yaml *y;
    cr_assert_eq(sk_yaml_open_mem(&y, "s", t, strlen(t), &lim), SK_OK);
    sk_node *root;
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_OK);
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_OK);
    cr_expect_str_eq(sk_map_get(root, "a")->u.s, "2");
    cr_expect_eq(sk_yaml_doc_line(y), 2); /* the line of its "---" */
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_EIO);
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_EEND);
    sk_yaml_close(y);
    sk_arena_free(&a);
    sk_diags_free(&d);
}

Test(yaml_load, bad_document_does_not_stop_the_stream)
{
    const char *t = "a: 1\n---\na: 1\na: 2\n---\nb: 3\n";
    sk_arena a;
    sk_arena_init(&a, 1024);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_yaml *y;
    cr_assert_eq(sk_yaml_open_mem(&y, "s", t, strlen(t), NULL), SK_OK);
    sk_node *root;
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_OK);
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_EINVALID);
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_OK);
    cr_expect_str_eq(sk_map_get(root, "b")->u.s, "3");
    cr_expect_eq(sk_yaml_next(y, &a, &root, &d), SK_EEND);
    sk_yaml_close(y);
    sk_arena_free(&a);
    sk_diags_free(&d);
}

/* D2: U+0085, U+2028 and U+2029 end a line for libyaml but not for an
 * editor or grep; in a comment one could hide a `waivers:` line. They are
 * rejected wherever they stand, in comments and inside quoted scalars. */
Test(yaml_load, hidden_line_breaks_are_rejected)
{
    static const struct { const char *text; unsigned line, col, cp; } cases[] = {
        {"case: a\n# kommentar\xE2\x80\xA8waivers: {x: y}\n", 2, 12, 0x2028},
        {"case: a\ntitle: \"x\xE2\x80\xA9y\"\n", 2, 10, 0x2029},
        {"case: a\r\ntitle: 'x\xC2\x85y'\r\n", 2, 10, 0x85},
        {"case: a\rform: b\rtitle: \xC2\x85\r", 3, 8, 0x85},
    };
    sk_limits lim = limits();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        loaded l;
        load(&l, cases[i].text, strlen(cases[i].text), &lim);
        cr_assert_eq(l.rc, SK_EIO, "case %zu", i);
        cr_assert_eq(l.d.count, 1);
        cr_assert_eq(l.d.items[0].line, cases[i].line, "case %zu: line %u", i, l.d.items[0].line);
        cr_assert_eq(l.d.items[0].col, cases[i].col, "case %zu: col %u", i, l.d.items[0].col);
        char want[16];
        snprintf(want, sizeof want, "U+%04X", cases[i].cp);
        cr_assert(strstr(l.d.items[0].message, want), "case %zu: %s", i, l.d.items[0].message);
        done(&l);
    }
}

/* A tab where YAML wants indentation: its own message, at the tab, with
 * any line ending; another character that cannot start a token keeps
 * libyaml's message. */
Test(yaml_load, tab_indentation_is_named)
{
    static const struct { const char *text; unsigned line, col; int tab; } t[] = {
        {"a: 1\nb:\n\t- x\n", 3, 1, 1},
        {"a: 1\r\nb:\r\n\t- x\r\n", 3, 1, 1},
        {"a: 1\rb:\r\t- x\r", 3, 1, 1},
        {"a: 1\nb:\n  - x\n\tc: 2\n", 4, 1, 1},
        {"a: {ö: @x}\n", 1, 8, 0},
        {"a: {öå:\t@x}\n", 1, 9, 0},
    };
    sk_limits lim = limits();
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        loaded l;
        load(&l, t[i].text, strlen(t[i].text), &lim);
        cr_assert_neq(l.rc, SK_OK, "case %zu", i);
        cr_assert_geq(l.d.count, 1);
        cr_expect_eq(l.d.items[0].line, t[i].line, "case %zu: line %u", i, l.d.items[0].line);
        cr_expect_eq(l.d.items[0].col, t[i].col, "case %zu: col %u", i, l.d.items[0].col);
        int named = strstr(l.d.items[0].message, "tab characters cannot be used") != NULL;
        cr_expect_eq(named, t[i].tab, "case %zu: %s", i, l.d.items[0].message);
        done(&l);
    }
}

/* ---- the lazy walk over a directory larger than one chunk ---------------- */

#define WALK_N (2 * SK_WALK_CHUNK + 7)

static void touch(const char *dir, const char *name)
{
    char p[1024];
    int n = snprintf(p, sizeof p, "%s/%s", dir, name);
    cr_assert(n > 0 && (size_t)n < sizeof p, "path too long: %s/%s", dir, name);
    FILE *f = fopen(p, "w");
    cr_assert(f, "cannot create %s", p);
    fclose(f);
}

static void unlink_in(const char *dir, const char *name)
{
    char p[1024];
    int n = snprintf(p, sizeof p, "%s/%s", dir, name);
    if (n > 0 && (size_t)n < sizeof p)
        unlink(p);
}

/* Every file once, in the sorted order of sk_files_collect, with names
 * created in a scrambled order and a subdirectory among them. */
/* The documents of a source as "rc line kind len;" items, and its
 * diagnostics' positions. */
static void source_docs(const char *text, size_t len, sk_buf *sig)
{
    sk_source *s;
    sk_arena a;
    sk_diags d;
    sk_arena_init(&a, 4096);
    sk_diags_init(&d, SK_LANG_EN);
    cr_assert_eq(sk_source_open_mem(&s, "in.yaml", text, len, NULL), SK_OK);
    for (int i = 0; i < 16; i++) {
        sk_node *root;
        sk_rc rc = sk_source_next_tree(s, &a, &root, &d);
        if (rc == SK_EEND)
            break;
        sk_buf_printf(sig, "%d %u %d %u;", (int)rc, sk_source_doc_line(s),
                      root ? root->kind : -1, root ? root->len : 0);
    }
    for (size_t i = 0; i < d.count; i++)
        sk_buf_printf(sig, " diag %u:%u", d.items[i].line, d.items[i].col);
    sk_source_close(s);
    sk_diags_free(&d);
    sk_arena_free(&a);
}

/* A source without CR may be taken as one document without cutting it
 * line by line; with CRLF breaks it is always cut. Both must find the
 * same documents at the same lines, and as many as stated. */
Test(source, whole_documents_as_if_cut_line_by_line)
{
    static const struct { const char *text; int docs; } in[] = {
        {"a: 1\nb: 2\n", 1},
        {"---\na: 1\n", 1},
        {"# c\n\n---\na: 1\n", 1},
        {"a: 1\n---\nb: 2\n", 2},
        {"---\na: 1\n---\nb: 2\n", 2},
        {"a: 1\n...\n", 1},
        {"a: 1\n...\nb: 2", 2},
        {"%YAML 1.2\n---\na: 1\n", 1},
        {"a: 1\n%YAML 1.2\n---\nb: 1\n", 2},
        {"\xEF\xBB\xBF" "a: 1\n", 1},
        {"a: 1\n\xEF\xBB\xBF---\nb: 1\n", 2},
        {"# only a comment\n\n  \n", 1}, /* the empty-document error */
        {"", 1},
        {"----\na: 1\n", 1},
        {"a:\n- x\n--- \nb: [1]\n", 2},
        {"a: |\n  ...x\n  ---y\nb: 2\n", 1},
        {"a: 1\nb: [\n", 1},
        {"- 1\n- 2\n", 1},
        {"...\na: 1\n", 1},
        {"a: 1\n---", 2},
    };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        const char *t = in[i].text;
        size_t n = strlen(t);
        char crlf[128];
        size_t m = 0;
        for (size_t k = 0; k < n; k++) {
            if (t[k] == '\n')
                crlf[m++] = '\r';
            crlf[m++] = t[k];
        }
        sk_buf a, b;
        sk_buf_init(&a, 0);
        sk_buf_init(&b, 0);
        source_docs(t, n, &a);
        source_docs(crlf, m, &b);
        cr_assert_str_eq(sk_buf_cstr(&a), sk_buf_cstr(&b), "input %zu", i);
        int docs = 0;
        for (const char *p = sk_buf_cstr(&a); (p = strchr(p, ';')); p++)
            docs++;
        cr_assert_eq(docs, in[i].docs, "input %zu: %s", i, sk_buf_cstr(&a));
        sk_buf_free(&a);
        sk_buf_free(&b);
    }
}

Test(walk, flat_directory_larger_than_a_chunk_in_sorted_order)
{
    char dir[] = "/tmp/sk-walk-XXXXXX", sub[600], name[64];
    cr_assert(mkdtemp(dir));
    for (unsigned i = 0; i < WALK_N; i++) {
        snprintf(name, sizeof name, "c-%06u.yaml", (i * 7919u) % WALK_N);
        touch(dir, name);
    }
    touch(dir, ".hidden.yaml");
    touch(dir, "notes.txt");
    snprintf(sub, sizeof sub, "%s/c-010000.d", dir);
    cr_assert(mkdir(sub, 0700) == 0);
    touch(sub, "a.yaml");
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_files all = {0};
    cr_assert_eq(sk_files_collect(&all, dir, &d), 0);
    cr_assert_eq(all.count, (size_t)WALK_N + 1);
    sk_walk *w = sk_walk_open(dir);
    const char *path;
    size_t n = 0;
    int rc;
    while ((rc = sk_walk_next(w, &path, &d)) == 1) {
        cr_assert_lt(n, all.count);
        cr_assert_str_eq(path, all.paths[n], "file %zu", n);
        n++;
    }
    cr_expect_eq(rc, 0);
    cr_expect_eq(n, all.count);
    cr_expect_eq(d.errors, 0);
    sk_walk_close(w);
    sk_files_free(&all);
    sk_diags_free(&d);
    unlink_in(sub, "a.yaml");
    rmdir(sub);
    for (unsigned i = 0; i < WALK_N; i++) {
        snprintf(name, sizeof name, "c-%06u.yaml", i);
        unlink_in(dir, name);
    }
    unlink_in(dir, ".hidden.yaml");
    unlink_in(dir, "notes.txt");
    cr_expect(rmdir(dir) == 0);
}

/* ---- the walk's chunk: the k smallest names, packed -------------------- */

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Offers n pseudo-random names (lengths 1-200, so replaced names leave
 * enough dead bytes to force compaction and growth) to a selection of k
 * and checks it holds exactly the k smallest, in order, and whether more
 * were offered; then once more after a reset, reusing the buffers. */
static void check_selection(size_t n, size_t k, unsigned seed)
{
    char **all = malloc(n * sizeof *all);
    cr_assert(all);
    sk_namesel s;
    sk_namesel_init(&s, k);
    for (int round = 0; round < 2; round++) {
        sk_namesel_reset(&s);
        unsigned x = seed + (unsigned)round;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            size_t len = 1 + (x >> 8) % 200;
            all[i] = malloc(len + 1);
            cr_assert(all[i]);
            for (size_t j = 0; j < len; j++) {
                x = x * 1103515245u + 12345u;
                all[i][j] = (char)('a' + (x >> 16) % 3); /* few letters: long common prefixes */
            }
            all[i][len] = '\0';
            cr_assert(sk_namesel_offer(&s, all[i], len, (unsigned char)len)); /* tag: its length */
        }
        sk_namesel_sort(&s);
        qsort(all, n, sizeof *all, cmp_cstr);
        size_t want = n < k ? n : k;
        cr_assert_eq(s.count, want, "n=%zu k=%zu", n, k);
        cr_expect_eq(s.more, n > k);
        for (size_t i = 0; i < want; i++) {
            cr_assert_str_eq(sk_namesel_at(&s, i), all[i], "n=%zu k=%zu name %zu", n, k, i);
            cr_assert_eq(sk_namesel_tag(&s, i), (unsigned char)strlen(all[i]), "n=%zu k=%zu tag %zu", n, k, i);
        }
        cr_expect_leq(s.used, s.cap);
        for (size_t i = 0; i < n; i++)
            free(all[i]);
    }
    sk_namesel_free(&s);
    free(all);
}

Test(walk, chunk_selection_keeps_the_k_smallest_names_in_order)
{
    check_selection(0, 5, 1);
    check_selection(1, 1, 2);
    check_selection(7, 7, 3);
    check_selection(8, 7, 4);
    check_selection(2000, 1, 5);
    check_selection(2000, 64, 6);
    check_selection(5000, 1000, 7);
    check_selection(300, 5000, 8);
}

/* Dead bytes are reclaimed: offering many names that each replace the
 * largest kept one leaves the buffer near the live names' size. */
Test(walk, chunk_selection_memory_stays_near_the_live_names)
{
    sk_namesel s;
    sk_namesel_init(&s, 100);
    char name[32];
    for (int i = 100000; i > 0; i--) { /* descending: every offer replaces the top */
        int len = snprintf(name, sizeof name, "case-%07d.yaml", i);
        cr_assert(sk_namesel_offer(&s, name, (size_t)len, (unsigned char)(i % 256)));
    }
    size_t live = 100 * (strlen("case-0000001.yaml") + 2);
    /* 1.8 MB of names were offered; without compaction the buffer would hold them all */
    cr_expect_lt(s.cap, 4 * live, "cap %zu for %zu live bytes", s.cap, live);
    sk_namesel_sort(&s);
    cr_expect_str_eq(sk_namesel_at(&s, 0), "case-0000001.yaml");
    cr_expect_str_eq(sk_namesel_at(&s, 99), "case-0000100.yaml");
    /* each name kept its own tag through every compaction */
    cr_expect_eq(sk_namesel_tag(&s, 0), 1);
    cr_expect_eq(sk_namesel_tag(&s, 99), 100);
    sk_namesel_free(&s);
}
