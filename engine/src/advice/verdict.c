/* verdict.c - can a collaboration form carry the case's tasks, lawfully?
 *
 * From the case's tasks the checks below decide what the form must be able
 * to do (take decisions, employ staff and hold a budget, exercise public
 * authority, supply services between the parties under LOU, admit these
 * parties) and read what each form can do from the forms table
 * (rules/forms.yaml). Each check gives a level: possible, possible on a
 * condition, cannot be decided (a fact is missing) or not possible, with
 * the table cell it rests on. The rules' findings under the form add to
 * it: a failing rule makes the form not possible, a warning a condition.
 * Rules that do not apply never count in a form's favour: the verdict is
 * the worst level, not a count. */
#include <string.h>

#include "advice/advice_int.h"
#include "base/ui.h"

/* A yes/no fact: 1, 0, or -1 when not stated. */
static int tri(const sk_node *n)
{
    if (sk_node_is_unknown(n) || n->kind != SK_SCALAR || n->vtype != SK_VT_BOOL)
        return -1;
    return n->v.b ? 1 : 0;
}

static const sk_node *top(const sk_case *c, const char *key)
{
    return sk_map_get(c->root, key);
}

/* Over the case's tasks: 1 if some task states field true, 0 if every
 * task states it false, else -1. No task at all: 0. */
static int any_task(const sk_case *c, const char *field)
{
    const sk_node *ts = top(c, "tasks");
    if (!ts || ts->kind != SK_SEQ)
        return 0;
    int unk = 0;
    for (uint32_t i = 0; i < ts->len; i++) {
        int v = tri(sk_map_get(ts->u.items[i], field));
        if (v == 1)
            return 1;
        unk |= v < 0;
    }
    return unk ? -1 : 0;
}

/* 1 if every task states field true (and there is one), else 0. */
static int all_tasks(const sk_case *c, const char *field)
{
    const sk_node *ts = top(c, "tasks");
    if (!ts || ts->kind != SK_SEQ || ts->len == 0)
        return 0;
    for (uint32_t i = 0; i < ts->len; i++)
        if (tri(sk_map_get(ts->u.items[i], field)) != 1)
            return 0;
    return 1;
}

static int col_of(const sk_ruleset *rs, const char *key)
{
    for (size_t i = 0; i < rs->ncols; i++)
        if (!strcmp(rs->cols[i].key, key))
            return (int)i;
    return -1;
}

/* The forms-table cell of column key for form, or NULL. */
static const sk_form_cell *cell_of(const sk_ruleset *rs, int form, const char *key)
{
    int ci = col_of(rs, key);
    if (ci < 0 || !rs->rows[form].present || !rs->rows[form].cells[ci].value)
        return NULL;
    return &rs->rows[form].cells[ci];
}

static const char *cell_str(const sk_form_cell *cell)
{
    return cell && cell->value->kind == SK_SCALAR ? cell->value->u.s : "";
}

static int list_has(const sk_form_cell *cell, const char *v)
{
    if (!cell || cell->value->kind != SK_SEQ)
        return 0;
    for (uint32_t i = 0; i < cell->value->len; i++)
        if (!strcmp(cell->value->u.items[i]->u.s, v))
            return 1;
    return 0;
}

typedef struct vctx {
    const sk_ruleset *rs;
    const sk_case *c;     /* the case under the form */
    int own;              /* the form is the case's own */
    sk_verdict_info *out;
    sk_arena *a;
} vctx;

static sk_verdict_item *add(vctx *x, sk_verdict level, int msg, const char *arg,
                            const sk_form_cell *cell)
{
    sk_verdict_info *v = x->out;
    if (level > v->verdict)
        v->verdict = (uint8_t)level;
    if (v->n == SK_VERDICT_MAX_ITEMS)
        return NULL;
    sk_verdict_item *it = &v->items[v->n++];
    *it = (sk_verdict_item){(uint8_t)level, msg, arg, cell, NULL, NULL};
    return it;
}

/* Every stated party type must be one the form admits. */
static void check_parties(vctx *x)
{
    const sk_form_cell *cell = cell_of(x->rs, x->c->form, "party_types");
    const sk_node *ps = top(x->c, "parties");
    if (!cell || !ps || ps->kind != SK_SEQ)
        return;
    for (uint32_t i = 0; i < ps->len; i++) {
        const sk_node *t = sk_map_get(ps->u.items[i], "type");
        const sk_node *n = sk_map_get(ps->u.items[i], "name");
        if (sk_node_is_unknown(t) || list_has(cell, t->u.s))
            continue;
        add(x, SK_VERDICT_NOT_POSSIBLE, UI_V_PARTY_TYPE,
            sk_arena_printf(x->a, "%s (%s)", n && n->kind == SK_SCALAR ? n->u.s : "?", t->u.s), cell);
    }
}

/* Tasks that need decisions in the arrangement: public authority, a
 * statutory duty, or delegated decision-making. */
static int needs_decisions(const sk_case *c)
{
    const sk_node *d = top(c, "delegations");
    if (d && d->kind == SK_SEQ && d->len)
        return 1;
    int mu = any_task(c, "myndighetsutovning"), st = any_task(c, "statutory");
    if (mu == 1 || st == 1)
        return 1;
    return mu < 0 || st < 0 ? -1 : 0;
}

/* A form decides through its own organs (a legal person) or by
 * delegation to someone it can name (delegation_recipients). */
static void check_decisions(vctx *x)
{
    const sk_form_cell *lp = cell_of(x->rs, x->c->form, "legal_person");
    const sk_form_cell *dr = cell_of(x->rs, x->c->form, "delegation_recipients");
    if (!lp || !dr || lp->value->v.b || dr->value->len)
        return;
    int need = needs_decisions(x->c);
    if (need == 1)
        add(x, SK_VERDICT_NOT_POSSIBLE, UI_V_NO_DECISIONS, NULL, dr);
    else if (need < 0)
        add(x, SK_VERDICT_UNDECIDED, UI_V_DECISIONS_Q, NULL, dr);
}

/* Running a service, a statutory task or supplying another party needs
 * staff, a budget and contracts: someone must carry them. */
static void check_staff(vctx *x)
{
    const sk_form_cell *cb = cell_of(x->rs, x->c->form, "carried_by");
    if (!cb || strcmp(cell_str(cb), "each_party"))
        return;
    const sk_node *p = top(x->c, "procurement");
    int sup = any_task(x->c, "support_service"), st = any_task(x->c, "statutory");
    int sbp = p ? tri(sk_map_get(p, "services_between_parties")) : -1;
    if (sup == 1 || st == 1 || sbp == 1)
        add(x, SK_VERDICT_NOT_POSSIBLE, UI_V_NO_STAFF, NULL, cb);
    else if (sup < 0 || st < 0 || sbp < 0)
        add(x, SK_VERDICT_UNDECIDED, UI_V_STAFF_Q, NULL, cb);
}

/* Exercise of public authority: allowed, only with support in a special
 * law (and that law must permit the transfer), or not at all. */
static void check_authority(vctx *x)
{
    const sk_form_cell *mu = cell_of(x->rs, x->c->form, "myndighetsutovning");
    const char *v = cell_str(mu);
    if (!mu || !strcmp(v, "allowed"))
        return;
    int need = any_task(x->c, "myndighetsutovning");
    if (need == 0)
        return;
    if (need < 0) {
        add(x, SK_VERDICT_UNDECIDED, UI_V_AUTHORITY_Q, NULL, mu);
        return;
    }
    if (!strcmp(v, "not_allowed")) {
        add(x, SK_VERDICT_NOT_POSSIBLE, UI_V_NO_AUTHORITY, NULL, mu);
        return;
    }
    const sk_node *ts = top(x->c, "tasks");
    for (uint32_t i = 0; i < ts->len; i++) {
        const sk_node *t = ts->u.items[i];
        if (tri(sk_map_get(t, "myndighetsutovning")) != 1)
            continue;
        int perm = tri(sk_map_get(t, "special_law_permits_transfer"));
        const sk_node *n = sk_map_get(t, "name");
        const char *name = n && n->kind == SK_SCALAR ? n->u.s : "?";
        if (perm == 0)
            add(x, SK_VERDICT_NOT_POSSIBLE, UI_V_NO_AUTHORITY_LAW, name, mu);
        else if (perm < 0)
            add(x, SK_VERDICT_UNDECIDED, UI_V_AUTHORITY_LAW_Q, name, mu);
    }
}

/* Does the contract value reach the direct-award limit, so that a direct
 * award is not allowed? Since 2022-02-01 only a value below the limit may
 * be directly awarded (19 a kap. 2 § LOU); before, a value of at most the
 * limit. The amounts decide where both are stated; otherwise the case's
 * yes/no answer. 1 reaches, 0 does not, -1 unknown. */
#define SK_LOU_19A_FROM 19024 /* 2022-02-01 in days since 1970-01-01 */

static int value_reaches(const sk_node *p, int32_t date)
{
    const sk_node *val = sk_map_get(p, "contract_value_sek");
    const sk_node *lim = sk_map_get(p, "direct_award_limit_sek");
    if (!sk_node_is_unknown(val) && !sk_node_is_unknown(lim) && val->vtype == SK_VT_NUM &&
        lim->vtype == SK_VT_NUM)
        return date < SK_LOU_19A_FROM ? val->v.num > lim->v.num : val->v.num >= lim->v.num;
    return tri(sk_map_get(p, "value_reaches_direct_award_limit"));
}

/* No exemption can hold: lawful only as a direct award. */
static void check_value(vctx *x, const sk_node *p, const sk_form_cell *cell)
{
    int over = value_reaches(p, x->c->date);
    if (over < 0)
        add(x, SK_VERDICT_UNDECIDED, UI_V_LOU_VALUE_Q, NULL, cell);
    else if (over)
        add(x, SK_VERDICT_NOT_POSSIBLE, UI_V_LOU_NO_EXEMPTION, NULL, cell);
    else
        add(x, SK_VERDICT_CONDITIONAL, UI_V_LOU_DIRECT_AWARD, NULL, cell);
}

/* Services supplied between the parties for payment are public contracts
 * unless an exemption the form can have holds. */
static void check_lou(vctx *x)
{
    const sk_form_cell *pc = cell_of(x->rs, x->c->form, "services_are_public_contracts");
    const sk_form_cell *ex = cell_of(x->rs, x->c->form, "procurement_exemptions");
    const sk_node *p = top(x->c, "procurement");
    if (!pc || !ex || strcmp(cell_str(pc), "yes_unless_exempt") || !p)
        return;
    if (tri(sk_map_get(p, "services_between_parties")) != 1 || all_tasks(x->c, "myndighetsutovning"))
        return;
    const sk_node *e = sk_map_get(p, "exemption");
    int stated = !sk_node_is_unknown(e) && e->kind == SK_SCALAR;
    if (stated && x->own && strcmp(e->u.s, "none"))
        return; /* the exemption relied on: its rules decide */
    if ((stated && x->own) || ex->value->len == 0) {
        check_value(x, p, stated && x->own ? pc : ex);
        return;
    }
    sk_verdict_item *it = add(x, SK_VERDICT_CONDITIONAL, UI_V_LOU_EXEMPTION_NEEDED, NULL, ex);
    if (it)
        it->col = &x->rs->cols[col_of(x->rs, "procurement_exemptions")];
}

/* The findings: a failing rule makes the form not possible, a warning
 * adds a condition. */
static void add_findings(vctx *x, const sk_result *res)
{
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *g = &res->findings[i];
        sk_verdict level;
        if (g->status == SK_ST_FAIL || g->status == SK_ST_ERROR)
            level = SK_VERDICT_NOT_POSSIBLE;
        else if (g->status == SK_ST_WARN)
            level = SK_VERDICT_CONDITIONAL;
        else
            continue;
        sk_verdict_info *v = x->out;
        if (level > v->verdict)
            v->verdict = (uint8_t)level;
        if (v->n < SK_VERDICT_MAX_ITEMS)
            v->items[v->n++] = (sk_verdict_item){(uint8_t)level, -1, NULL, NULL, NULL, g};
    }
}

typedef void (*check_fn)(vctx *);
static const check_fn checks[] = {check_parties, check_decisions, check_staff, check_authority,
                                  check_lou};

void sk_verdict_of(const sk_ruleset *rs, const sk_case *view, const sk_result *res, int own,
                   int route, sk_verdict_info *out)
{
    memset(out, 0, sizeof *out);
    out->verdict = SK_VERDICT_POSSIBLE;
    vctx x = {rs, view, own, out, view->arena};
    /* a procurement route carries no task: only its rules judge it */
    for (size_t i = 0; !route && i < sizeof checks / sizeof *checks; i++)
        checks[i](&x);
    add_findings(&x, res);
}

/* The text of one item in lang (an argument formatted in). */
/* " (first citation valid at date)" of the cell the item rests on. */
static void item_cite(const sk_verdict_item *it, int en, int32_t date, sk_buf *b)
{
    const sk_form_cell *c = it->cell;
    if (!c || !c->ncites)
        return;
    uint64_t mask = sk_cites_mask_at(c->cites, c->ncites, date);
    for (uint32_t i = 0; i < c->ncites && i < SK_MAX_CITES; i++)
        if (mask >> i & 1) {
            sk_buf_printf(b, " (%s)", c->cites[i].text[en]);
            return;
        }
}

void sk_verdict_item_text(const sk_verdict_item *it, int en, int32_t date, sk_buf *b)
{
    if (it->finding) {
        sk_buf_printf(b, "%s (%s)", it->finding->rule->title[en], it->finding->rule->id);
        return;
    }
    if (!it->col) {
        sk_buf_printf(b, sk_ui((sk_ui_id)it->msg, en), it->arg ? it->arg : "");
        if (it->level == SK_VERDICT_NOT_POSSIBLE)
            item_cite(it, en, date, b);
        return;
    }
    /* the argument is the cell's list, in lang */
    sk_buf l;
    sk_buf_init(&l, 0);
    const sk_node *v = it->cell->value;
    for (uint32_t i = 0; v->kind == SK_SEQ && i < v->len; i++) {
        const char *s = v->u.items[i]->u.s;
        int k = sk_values_find((const char *const *)it->col->values, s);
        sk_buf_printf(&l, "%s%s", i ? sk_ui(UI_V_OR, en) : "",
                      it->col->labels && k >= 0 && it->col->labels[k][en] ? it->col->labels[k][en] : s);
    }
    sk_buf_printf(b, sk_ui((sk_ui_id)it->msg, en), l.failed ? "" : sk_buf_cstr(&l));
    sk_buf_free(&l);
}

static const sk_ui_id verdict_ui[] = {UI_V_POSSIBLE, UI_V_CONDITIONAL, UI_V_UNDECIDED,
                                      UI_V_NOT_POSSIBLE};
static const char *const verdict_names[] = {"possible", "conditional", "undecided",
                                            "not_possible"};

const char *sk_verdict_label(sk_verdict v, int en) { return sk_ui(verdict_ui[v], en); }
const char *sk_verdict_name(sk_verdict v) { return verdict_names[v]; }
