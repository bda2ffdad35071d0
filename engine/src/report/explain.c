/* report_explain.c - `--explain`: why a rule gave what it gave. Prints
 * the evaluation tree the evaluator recorded for a finding (see
 * sk_evaluator_set_trace): every condition node it evaluated, in order,
 * with its value and the facts it read (value and position), then the
 * outcome and what changed it (validity, lex specialis, waivers). */
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

static const char *tri_word(int t, int en, int md)
{
    static const char *const w[2][3] = {{"falskt", "sant", "okänt"}, {"false", "true", "unknown"}};
    static const char *const wmd[2][3] = {{"**falskt**", "**sant**", "**okänt**"},
                                          {"**false**", "**true**", "**unknown**"}};
    return (md ? wmd : w)[en][t < 3 ? t : 2];
}

/* A line of the tree: indentation, markdown bullet. */
static void line_start(sk_buf *b, const char *indent, int depth, int md)
{
    sk_buf_puts(b, indent);
    for (int i = 0; i < depth; i++)
        sk_buf_puts(b, "  ");
    if (md)
        sk_buf_puts(b, "- ");
}

static void code(sk_buf *b, const char *s, int md)
{
    if (!md) {
        sk_buf_puts(b, s);
        return;
    }
    int tick = strchr(s, '`') != NULL;
    sk_buf_puts(b, tick ? "`` " : "`");
    sk_buf_puts(b, s);
    sk_buf_puts(b, tick ? " ``" : "`");
}

static void text(sk_buf *b, const char *s, int md, const char *cont)
{
    if (md)
        sk_md_str(b, s, cont);
    else
        sk_buf_puts(b, s);
}

/* The node a path denotes under the trace entry's bindings; NULL if it
 * is not stated (then *deep and *done say how far it got). */
static const sk_node *walk(const sk_result *res, const sk_trace *t, const sk_path *p,
                           const sk_node **deep, int *done)
{
    const sk_node *cur;
    if (p->root == SK_ROOT_BIND)
        cur = p->slot >= 0 && p->slot < SK_MAX_BIND ? t->item[p->slot] : NULL;
    else if (p->root == SK_ROOT_FORM) {
        const sk_form_row *row = &res->rs->rows[res->c->form];
        cur = row->present && row->cells ? row->cells[p->form_col].value : NULL;
    } else
        cur = res->c->root;
    int to = p->star_at != 0xFF && p->star_at < p->nsteps ? p->star_at : p->nsteps;
    *deep = cur;
    *done = 0;
    if (!cur || sk_node_is_unknown(cur))
        return NULL;
    for (int i = 0; i < to; i++) {
        const sk_node *next = sk_case_get(cur, p->steps[i].schema, p->steps[i].field);
        if (sk_node_is_unknown(next)) {
            *deep = next ? next : cur;
            *done = next ? i + 1 : i;
            return NULL;
        }
        cur = next;
        *deep = cur;
        *done = i + 1;
    }
    return cur;
}

/* "path = value (file:line:col)" for one path of a condition. */
static void path_fact(sk_buf *b, const sk_result *res, const sk_finding *f, const sk_trace *t,
                      const sk_path *p, int en, int md, const char *cont)
{
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    if (p->root == SK_ROOT_DATE) {
        /* the date the rule is judged at, and the case field it came from */
        char d[11];
        sk_date_format(f->judged.day, d);
        const char *field = sk_date_field_names[f->judged.source];
        const sk_node *dn = sk_map_get(res->c->root, field);
        code(b, field, md);
        sk_buf_printf(b, " = %s", d);
        if (dn && dn->file)
            sk_buf_printf(b, " (%s:%u:%u)", dn->file, dn->line, dn->col);
        else
            sk_buf_puts(b, sk_ui(UI_THE_RUN_S_DATE, en));
        sk_buf_free(&tmp);
        return;
    }
    if (p->root == SK_ROOT_BIND && (p->slot < 0 || p->slot >= SK_MAX_BIND || !t->item[p->slot])) {
        code(b, p->text, md);
        sk_buf_free(&tmp);
        return;
    }
    const sk_node *deep;
    int done;
    const sk_node *n = walk(res, t, p, &deep, &done);
    int to = p->star_at != 0xFF && p->star_at < p->nsteps ? p->star_at : p->nsteps;
    if (p->root == SK_ROOT_FORM) {
        sk_buf_puts(&tmp, p->text);
    } else if (deep) {
        /* a projection LIST[*].FIELD is named with its [*] */
        sk_fact fa = {n ? n : deep, p, (uint8_t)(n ? to : done), (uint8_t)(n == NULL)};
        sk_fact_path(&fa, &tmp);
    } else {
        sk_buf_puts(&tmp, p->text);
    }
    code(b, sk_buf_cstr(&tmp), md);
    if (!n) {
        sk_buf_puts(b, sk_ui(UI_IS_NOT_STATED, en));
        sk_buf_free(&tmp);
        return;
    }
    sk_buf_puts(b, " = ");
    int scalars = n->kind == SK_SEQ && n->len <= 10;
    for (uint32_t i = 0; scalars && i < n->len; i++)
        scalars = n->u.items[i]->kind == SK_SCALAR;
    if (scalars && n->len) {
        /* a short list of values is shown as its values */
        sk_buf_clear(&tmp);
        sk_buf_putc(&tmp, '[');
        for (uint32_t i = 0; i < n->len; i++)
            sk_buf_printf(&tmp, "%s%s", i ? ", " : "", n->u.items[i]->u.s);
        sk_buf_putc(&tmp, ']');
        text(b, sk_buf_cstr(&tmp), md, cont);
    } else {
        sk_fact fa = {n, p, (uint8_t)to, 0};
        char vb[64];
        const char *v = sk_fact_value(&fa, vb, sizeof vb);
        text(b, v ? v : "?", md, cont);
    }
    if (p->root == SK_ROOT_FORM)
        sk_buf_puts(b, sk_ui(UI_FORMS_TABLE, en));
    else if (n->file && n->line)
        sk_buf_printf(b, " (%s:%u:%u)", n->file, n->line, n->col);
    sk_buf_free(&tmp);
}

/* The paths a node reads directly (its children report their own). */
static void node_facts(sk_buf *b, const sk_result *res, const sk_finding *f, const sk_trace *t,
                       int en, int md, const char *cont)
{
    const sk_cond *k = t->cond;
    const sk_path *ps[2] = {NULL, NULL};
    if (k->kind == SK_C_ALL || k->kind == SK_C_ANY || k->kind == SK_C_NOT)
        return; /* connectives read nothing themselves */
    ps[0] = k->path;
    if (k->kind == SK_C_CMP)
        ps[1] = k->rhs.path;
    int first = 1;
    for (int i = 0; i < 2; i++) {
        if (!ps[i])
            continue;
        sk_buf_puts(b, first ? " \u2014 " : "; ");
        first = 0;
        path_fact(b, res, f, t, ps[i], en, md, cont);
    }
}

/* "[$d = delegations[1]]" where a quantifier binds its item. */
static void binding(sk_buf *b, const sk_finding *f, uint32_t i, int md)
{
    const sk_trace *t = &f->trace[i];
    if (!t->depth)
        return;
    uint32_t p = i;
    while (p > 0 && f->trace[p - 1].depth >= t->depth)
        p--;
    if (p == 0)
        return;
    const sk_trace *parent = &f->trace[p - 1];
    const sk_cond *pk = parent->cond;
    if (pk->where != t->cond || pk->slot < 0 || pk->slot >= SK_MAX_BIND || !t->item[pk->slot])
        return;
    const char *name = f->rule->bind_names[pk->slot];
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    sk_fact fa = {t->item[pk->slot], pk->path, pk->path->nsteps, 0};
    sk_fact_path(&fa, &tmp);
    sk_buf_puts(b, md ? "\\[" : "[");
    if (name && name[0] != '_')
        sk_buf_printf(b, "$%s = ", name);
    code(b, sk_buf_cstr(&tmp), md);
    sk_buf_puts(b, md ? "\\] " : "] ");
    sk_buf_free(&tmp);
}

static void tree(sk_buf *b, const sk_result *res, const sk_finding *f, const sk_cond *root,
                 int en, const char *indent, int md)
{
    /* continuation of a markdown list item: deep enough for any level */
    char cont[80];
    for (uint32_t i = 0; i < f->ntrace; i++) {
        const sk_trace *t = &f->trace[i];
        if (t->depth == 0 && t->cond != root)
            continue;
        /* the entries under root: from its depth-0 entry to the next one */
        if (t->depth != 0)
            continue;
        uint32_t j = i;
        do {
            const sk_trace *u = &f->trace[j];
            int depth = u->depth + 2;
            snprintf(cont, sizeof cont, "%s%*s", indent, 2 * depth + 2, "");
            line_start(b, indent, depth, md);
            binding(b, f, j, md);
            sk_buf tmp;
            sk_buf_init(&tmp, 0);
            sk_cond_head(&tmp, f->rule, u->cond, en);
            /* the head of a node with children ends in ':' */
            if (tmp.len && tmp.data[tmp.len - 1] == ':')
                tmp.data[--tmp.len] = '\0';
            code(b, sk_buf_cstr(&tmp), md);
            sk_buf_free(&tmp);
            sk_buf_printf(b, ": %s", tri_word(u->value, en, md));
            node_facts(b, res, f, u, en, md, cont);
            sk_buf_putc(b, '\n');
            j++;
        } while (j < f->ntrace && f->trace[j].depth != 0);
        return; /* a rule's applies or require is evaluated once */
    }
}

static int root_value(const sk_finding *f, const sk_cond *root)
{
    for (uint32_t i = 0; i < f->ntrace; i++)
        if (f->trace[i].depth == 0 && f->trace[i].cond == root)
            return f->trace[i].value;
    return -1;
}

void sk_explain_finding(const sk_result *res, const sk_finding *f, int lang,
                        const char *indent, int md, sk_buf *b)
{
    int en = lang == SK_LANG_EN;
    const sk_rule *r = f->rule;
    sk_buf cd;
    sk_buf_init(&cd, 0);
    sk_judged_text(f, lang, &cd);
    sk_buf v;
    sk_buf_init(&v, 0);
    sk_rule_validity(r, &v);
    line_start(b, indent, 0, md);
    sk_buf_puts(b, md ? (sk_ui(UI_EXPLANATION, en))
                      : (sk_ui(UI_EXPLANATION_2, en)));
    line_start(b, indent, 1, md);
    int in = f->reason != SK_R_OUT_OF_VALIDITY;
    sk_buf_printf(b, sk_ui(UI_VALID_JUDGED_AT, en),
                  sk_buf_cstr(&v), sk_buf_cstr(&cd),
                  in ? (sk_ui(UI_WITHIN_IT, en))
                     : (sk_ui(UI_OUTSIDE_IT_THE_RULE_DOES, en)));
    sk_buf_free(&v);
    sk_buf_free(&cd);
    line_start(b, indent, 1, md);
    sk_buf_clear(&v);
    sk_certainty_line(f, lang, &v);
    text(b, sk_buf_cstr(&v), md, indent);
    sk_buf_puts(b, "\n");
    sk_buf_free(&v);
    if (!in)
        return;
    line_start(b, indent, 1, md);
    if (r->applies) {
        sk_buf_printf(b, "%s %s\n", sk_ui(UI_APPLIES_WHEN, en),
                      tri_word(root_value(f, r->applies), en, md));
        tree(b, res, f, r->applies, en, indent, md);
    } else {
        sk_buf_puts(b, sk_ui(UI_APPLIES_ALWAYS, en));
    }
    int req = root_value(f, r->require);
    if (req >= 0) {
        line_start(b, indent, 1, md);
        sk_buf_printf(b, "%s %s\n", sk_ui(UI_REQUIRES, en), tri_word(req, en, md));
        tree(b, res, f, r->require, en, indent, md);
    }
    /* the outcome, and what changed it after the conditions */
    line_start(b, indent, 1, md);
    sk_buf_puts(b, sk_ui(UI_OUTCOME, en));
    const char *before = sk_status_label((sk_status)f->orig_status, en);
    if (f->applies == SK_FALSE)
        sk_buf_printf(b, sk_ui(UI_THE_APPLICABILITY_CONDITION_IS_FALSE, en),
                      before);
    else if (f->applies == SK_UNKNOWN)
        sk_buf_printf(b, sk_ui(UI_WHETHER_THE_RULE_APPLIES_IS, en),
                      before);
    else if (req >= 0)
        sk_buf_printf(b, sk_ui(UI_THE_REQUIREMENT_IS_SO, en),
                      tri_word(req, en, 0), before);
    else
        sk_buf_puts(b, before);
    if (f->status == SK_ST_ERROR && f->error)
        sk_buf_printf(b, " (%s)", f->error);
    if (f->reason == SK_R_SUPERSEDED && f->other)
        sk_buf_printf(b, sk_ui(UI_THE_SPECIFIC_RULE_APPLIES_SO, en),
                      f->other->id);
    else if (f->reason == SK_R_EXCEPTION_UNKNOWN && f->other)
        sk_buf_printf(b, sk_ui(UI_WHETHER_THE_EXCEPTION_APPLIES_IS, en),
                      f->other->id, sk_status_label(SK_ST_UNKNOWN, en));
    if (f->waiver) {
        const char *until = sk_waiver_get(f, "until");
        if (f->waiver_expired)
            sk_buf_printf(b, sk_ui(UI_THE_WAIVER_WAS_VALID_UNTIL, en),
                          until ? until : "?");
        else
            sk_buf_puts(b, sk_ui(UI_WAIVED_SEE_THE_WAIVER, en));
    }
    sk_buf_puts(b, ".\n");
}
