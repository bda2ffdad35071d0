/* consistency.c - facts a case states twice over. Some yes/no facts exist
 * for a case that knows the answer but not the figures behind it
 * (`procurement.value_reaches_direct_award_limit` beside the contract value
 * and the limit). Where a case states both and they disagree, the figures
 * decide (the rules read them first); the yes/no answer is flagged at its
 * position as a warning, so the contradiction does not pass unnoticed. */
#include "case/case_int.h"

#include "base/diag.h"

static int at_least(double a, double b) { return a >= b; }

/* A yes/no fact in map `in` that must equal holds(a, b) over two numbers
 * stated in the same map. */
static const struct derived {
    const char *in, *flag, *a, *b;
    int (*holds)(double a, double b);
} derived[] = {
    {"procurement", "value_reaches_direct_award_limit", "contract_value_sek",
     "direct_award_limit_sek", at_least},
};

static const sk_node *number(const sk_node *map, const char *key)
{
    const sk_node *n = sk_map_get(map, key);
    return n && n->kind == SK_SCALAR && !n->unknown && n->vtype == SK_VT_NUM ? n : NULL;
}

static void check_one(sk_diags *d, const sk_node *root, const char *file,
                      const struct derived *r)
{
    const sk_node *map = sk_map_get(root, r->in);
    if (!map || map->kind != SK_MAP)
        return;
    const sk_node *f = sk_map_get(map, r->flag);
    const sk_node *a = number(map, r->a), *b = number(map, r->b);
    if (!f || f->kind != SK_SCALAR || f->unknown || f->vtype != SK_VT_BOOL || !a || !b)
        return;
    int want = r->holds(a->v.num, b->v.num);
    if (want != (f->v.b != 0))
        sk_diag_add(d, SK_DIAG_WARNING, file, f->line, f->col, NULL, M_FACT_CONTRADICTS,
                    r->in, r->flag, f->v.b ? "true" : "false", want ? "true" : "false",
                    r->a, a->u.s, r->b, b->u.s);
}

void sk_case_check_consistency(sk_diags *d, const sk_node *root, const char *file)
{
    for (size_t i = 0; i < sizeof derived / sizeof *derived; i++)
        check_one(d, root, file, &derived[i]);
}
