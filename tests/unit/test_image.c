/* test_image.c - the embedded rule set, compiled at build time
 * (tools/embed_image.c, rules/image.h), against the runtime compiler, and
 * its regexes compiled on first use. Linked with the embedded rule set. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "rules/image.h"
#include "rules/ruleset_int.h"
#include "samkoll/diag.h"

static sk_ruleset *load_embedded(void)
{
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    cr_assert_eq(sk_ruleset_load_embedded(&rs, NULL, &d), SK_OK);
    cr_assert_eq(d.count, 0);
    sk_diags_free(&d);
    return rs;
}

static sk_ruleset *load_dir(void)
{
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    cr_assert_eq(sk_ruleset_load_dir(&rs, SK_RULES_DIR, NULL, &d), SK_OK);
    sk_diags_free(&d);
    return rs;
}

static void same_str(const char *a, const char *b)
{
    cr_assert_eq(a == NULL, b == NULL);
    if (a)
        cr_assert_str_eq(a, b);
}

static void same_cites(const sk_cite *a, const sk_cite *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        same_str(a[i].act ? a[i].act->id : NULL, b[i].act ? b[i].act->id : NULL);
        same_str(a[i].text[0], b[i].text[0]);
        same_str(a[i].text[1], b[i].text[1]);
        same_str(a[i].url, b[i].url);
        cr_assert_eq(a[i].pin == NULL, b[i].pin == NULL);
        cr_assert_eq(a[i].from, b[i].from);
        cr_assert_eq(a[i].until, b[i].until);
    }
}

static void same_rule(const sk_rule *a, const sk_rule *b)
{
    same_str(a->id, b->id);
    same_str(a->title[1], b->title[1]);
    same_str(a->message_src[0], b->message_src[0]);
    cr_assert_eq(a->message[0].n, b->message[0].n);
    for (uint32_t k = 0; k < a->message[0].n; k++) {
        cr_assert_eq(a->message[0].parts[k].litlen, b->message[0].parts[k].litlen);
        cr_assert_eq(a->message[0].parts[k].path == NULL, b->message[0].parts[k].path == NULL);
    }
    cr_assert_eq(a->ncites, b->ncites);
    same_cites(a->cites, b->cites, a->ncites);
    cr_assert_eq(a->ndefeated_by, b->ndefeated_by);
    for (uint32_t k = 0; k < a->ndefeated_by; k++)
        cr_assert_eq(a->defeated_by[k], b->defeated_by[k]);
    cr_assert_eq(a->require->kind, b->require->kind);
    cr_assert_eq(a->require->nkids, b->require->nkids);
    same_str(a->file, b->file);
    cr_assert_eq(a->line, b->line);
}

Test(image, the_compiled_tables_match_the_runtime_compiler)
{
    sk_ruleset *a = load_embedded(), *b = load_dir();
    cr_assert_str_eq(sk_ruleset_hash(a), sk_ruleset_hash(b));
    cr_assert_eq(a->nrules, b->nrules);
    cr_assert_gt(a->nrules, 0);
    for (size_t i = 0; i < a->nrules; i++)
        same_rule(&a->rules[i], &b->rules[i]);
    cr_assert_eq(a->nacts, b->nacts);
    for (size_t i = 0; i < a->nacts; i++)
        same_str(a->acts[i].id, b->acts[i].id);
    cr_assert_eq(a->ncols, b->ncols);
    for (size_t f = 0; f < SK_NFORMS; f++) {
        cr_assert_eq(a->rows[f].present, b->rows[f].present);
        for (size_t c = 0; a->rows[f].present && c < a->ncols; c++) {
            const sk_node *x = a->rows[f].cells[c].value, *y = b->rows[f].cells[c].value;
            cr_assert_eq(x == NULL, y == NULL);
            if (x) { /* the same node of the same document, parents kept */
                cr_assert_eq(x->kind, y->kind);
                cr_assert_eq(x->line, y->line);
                cr_assert_eq(x->col, y->col);
                cr_assert_eq(x->parent == NULL, y->parent == NULL);
            }
        }
    }
    cr_assert_eq(a->nregexes, b->nregexes);
    for (size_t i = 0; i < a->nregexes; i++) {
        cr_assert_eq(a->regexes[i].len, b->regexes[i].len);
        cr_assert_eq(memcmp(a->regexes[i].src, b->regexes[i].src, a->regexes[i].len), 0);
    }
    sk_ruleset_free(a);
    sk_ruleset_free(b);
}

/* n's place in its parent: the pair's key for a map, the item number for
 * a sequence (compared as text). */
static void place(const sk_node *n, char *out, size_t cap)
{
    const sk_node *p = n->parent;
    if (p->kind == SK_MAP) {
        cr_assert_lt(n->index, p->len);
        cr_assert(p->u.pairs[n->index].val == n || p->u.pairs[n->index].key == n,
                  "a node is where its index says in its map");
        snprintf(out, cap, ".%s", p->u.pairs[n->index].key->u.s);
    } else {
        cr_assert_lt(n->index, p->len);
        cr_assert_eq(p->u.items[n->index], n, "a node is where its index says");
        snprintf(out, cap, "[%u]", n->index);
    }
}

/* The image keeps of forms.yaml only what the cells' values need: every
 * value still reaches the root through the same keys and item numbers as
 * in the tree the runtime compiler keeps, and each node is at its index. */
Test(image, cells_keep_their_place_in_the_forms_document)
{
    sk_ruleset *a = load_embedded(), *b = load_dir();
    size_t values = 0;
    for (size_t f = 0; f < SK_NFORMS; f++)
        for (size_t c = 0; a->rows[f].present && c < a->ncols; c++) {
            const sk_node *x = a->rows[f].cells[c].value, *y = b->rows[f].cells[c].value;
            if (!x)
                continue;
            values++;
            for (; x->parent; x = x->parent, y = y->parent) {
                cr_assert_not_null(y->parent);
                char px[256], py[256];
                place(x, px, sizeof px);
                place(y, py, sizeof py);
                cr_assert_str_eq(px, py);
                cr_assert_eq(x->line, y->line);
            }
            cr_assert_null(y->parent, "as deep as the runtime tree");
        }
    cr_assert_gt(values, 100);
    sk_ruleset_free(a);
    sk_ruleset_free(b);
}

Test(image, rule_sets_share_the_tables_and_own_their_regexes)
{
    sk_ruleset *a = load_embedded(), *b = load_embedded();
    cr_assert_eq(a->rules, sk_rules_image.rules);
    cr_assert_eq(a->rules, b->rules);
    cr_assert_gt(a->nregexes, 0, "the rule set has `matches` rules");
    for (size_t k = 0; k < a->nregexes; k++) {
        cr_assert_null(a->regexes[k].code, "not compiled before first use");
        const pcre2_code *c = sk_ruleset_regex(a, (int)k);
        cr_assert_not_null(c);
        cr_assert_eq(sk_ruleset_regex(a, (int)k), c, "compiled once");
        cr_assert_neq(sk_ruleset_regex(b, (int)k), c);
    }
    sk_ruleset_free(a);
    sk_ruleset_free(b);
}

static void *first_use(void *p)
{
    const sk_ruleset *rs = p;
    const pcre2_code **got = malloc(rs->nregexes * sizeof *got);
    for (size_t k = 0; got && k < rs->nregexes; k++)
        got[k] = sk_ruleset_regex(rs, (int)k);
    return got;
}

Test(image, concurrent_first_use_compiles_each_regex_once)
{
    sk_ruleset *rs = load_embedded();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, first_use, rs), 0);
    const pcre2_code **got[4];
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(pthread_join(t[i], (void **)&got[i]), 0);
        cr_assert_not_null(got[i]);
    }
    for (size_t k = 0; k < rs->nregexes; k++)
        for (int i = 0; i < 4; i++)
            cr_assert_eq(got[i][k], rs->regexes[k].code);
    for (int i = 0; i < 4; i++)
        free(got[i]);
    sk_ruleset_free(rs);
}
