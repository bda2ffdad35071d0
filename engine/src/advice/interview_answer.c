/* interview_answer.c - how the interview shows a question and takes an
 * answer (samkoll/interview.h).
 *
 * A question becomes one of the session's kinds, with its choices taken
 * from the case where the field names something the case lists: a party
 * (the fields of xref.c's table) or a task. A list is asked item by item;
 * a list of maps is given by the items' first field (a delegation by the
 * delegating nämnd, a cost share by its party), so that no item is ever
 * written empty. Scalar answers are checked by sk_answer_parse (ask.c). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "advice/interview_int.h"
#include "base/ui.h"
#include "case/case_int.h"

/* ---- choices from the case --------------------------------------------------- */

/* The "name" of every item of root's lists a and b (b may be NULL), in
 * order; NULL if there is none. */
static const char *const *names_in(sk_arena *a, const sk_node *root, const char *la,
                                   const char *lb)
{
    const sk_node *lists[2] = {sk_map_get(root, la), lb ? sk_map_get(root, lb) : NULL};
    size_t cap = 1;
    for (int i = 0; i < 2; i++)
        cap += lists[i] && lists[i]->kind == SK_SEQ ? lists[i]->len : 0;
    const char **v = sk_arena_calloc(a, cap, sizeof *v);
    size_t n = 0;
    for (int i = 0; v && i < 2; i++) {
        for (uint32_t k = 0; lists[i] && lists[i]->kind == SK_SEQ && k < lists[i]->len; k++) {
            const sk_node *it = lists[i]->u.items[k];
            const sk_node *nm = it->kind == SK_MAP ? sk_map_get(it, "name") : NULL;
            if (nm && nm->kind == SK_SCALAR && !nm->unknown && *nm->u.s)
                v[n++] = nm->u.s;
        }
    }
    return n ? v : NULL;
}

/* key without item numbers: "delegations[0].by_party" -> "delegations[].by_party". */
static char *generic_path(sk_arena *a, const char *key, const char *suffix)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    for (const char *p = key; *p; p++) {
        sk_buf_putc(&b, *p);
        if (*p == '[')
            while (p[1] >= '0' && p[1] <= '9')
                p++;
    }
    sk_buf_puts(&b, suffix);
    char *out = b.failed ? NULL : sk_arena_strdup(a, sk_buf_cstr(&b));
    sk_buf_free(&b);
    return out;
}

/* The list whose items' names the field at generic path names: "parties"
 * (the fields of xref.c's table), "tasks", or NULL. */
static const char *ref_list(const char *generic)
{
    if (!generic)
        return NULL;
    if (sk_case_names_party(generic))
        return "parties";
    return strcmp(generic, "delegations[].task") ? NULL : "tasks";
}

/* The names the field at generic path refers to (the parties and the
 * others, the tasks), or NULL. */
static const char *const *ref_choices(sk_interview *s, const char *generic)
{
    const char *list = ref_list(generic);
    const sk_node *root = s->cur.cases[s->doc]->root;
    if (!list)
        return NULL;
    return names_in(&s->view_arena, root, list, strcmp(list, "parties") ? NULL : "others");
}

/* The field each item of a list of maps is given by. */
static const sk_field *item_field(const sk_field *list)
{
    const sk_schema *sub = list->sub;
    for (size_t i = 0; sub && i < sub->count; i++)
        if (sub->fields[i].required)
            return &sub->fields[i];
    return sub && sub->count ? &sub->fields[0] : NULL;
}

/* The generic path of what q's answer, or each item of it, names:
 * "delegations[].by_party", "governance.amendment_decisions[]",
 * "agreement.cost_allocation.shares[].party"; NULL when it names nothing
 * the case lists. */
static const char *named_path(sk_arena *a, const sk_question *q)
{
    const char *key = sk_question_key(q);
    const sk_field *f;
    switch (sk_question_kind(q)) {
    case SK_ANS_TEXT: return generic_path(a, key, "");
    case SK_ANS_LIST: return q->values ? NULL : generic_path(a, key, "[]");
    case SK_ANS_ITEMS:
        f = item_field(q->field);
        return f && f->type != SK_F_ENUM ? generic_path(a, key, sk_arena_printf(a, "[].%s", f->name)) : NULL;
    case SK_ANS_BOOL:
    case SK_ANS_ENUM:
    case SK_ANS_TEXT_OR_BOOL:
    case SK_ANS_INT:
    case SK_ANS_NUM:
    case SK_ANS_PERCENT:
    case SK_ANS_DATE:
    case SK_ANS_NAMED_ITEMS: break;
    }
    return NULL;
}

const sk_question *sk_iv_first(sk_interview *s, const sk_questions *qs, const sk_question *q)
{
    const char *list = ref_list(named_path(&s->view_arena, q));
    if (!list || names_in(&s->view_arena, s->cur.cases[s->doc]->root, list, NULL))
        return q;
    const sk_question *src = sk_questions_find(qs, list);
    return src && !sk_iv_skipped(s, s->doc, list) ? src : q;
}

/* ---- the question as shown ------------------------------------------------------ */

static void item_help(sk_interview *s)
{
    const sk_question *q = s->q;
    const sk_field *f = q->kind == SK_ANS_LIST ? q->field : item_field(q->field);
    const char *label = f ? (s->lang ? f->en : f->sv) : "";
    int pick = s->view.choices != NULL, first = s->view.item == 1;
    sk_ui_id id = pick ? (first ? UI_IV_HELP_ITEM_PICK_1 : UI_IV_HELP_ITEM_PICK)
                       : (first ? UI_IV_HELP_ITEM_1 : UI_IV_HELP_ITEM);
    s->view.help = sk_arena_printf(&s->view_arena, sk_ui(id, s->lang == SK_LANG_EN), label, s->view.item);
}

/* A list: asked item by item, its items' choices from the field's values
 * or from the case. */
static void view_list(sk_interview *s)
{
    const sk_question *q = s->q;
    s->view.kind = SK_IQ_LIST_ITEM;
    s->view.item = 1;
    s->item_q = *q;
    const sk_field *f = q->kind == SK_ANS_ITEMS ? item_field(q->field) : NULL;
    if (q->kind != SK_ANS_LIST)
        s->item_q.kind = SK_ANS_NAMED_ITEMS; /* written "- FIELD: value" */
    if (q->kind == SK_ANS_LIST && q->values)
        s->view.choices = q->values;
    else if (f && f->type == SK_F_ENUM)
        s->view.choices = f->values;
    else
        s->view.choices = ref_choices(s, named_path(&s->view_arena, q));
    item_help(s);
}

static void view_kind(sk_interview *s)
{
    static const struct {
        sk_interview_kind kind;
        sk_ui_id help;
    } kinds[] = {
        [SK_ANS_BOOL] = {SK_IQ_YES_NO, UI_IV_HELP_YES_NO},
        [SK_ANS_ENUM] = {SK_IQ_ENUM, UI_IV_HELP_ENUM},
        [SK_ANS_TEXT] = {SK_IQ_TEXT, UI_IV_HELP_TEXT},
        [SK_ANS_TEXT_OR_BOOL] = {SK_IQ_TEXT, UI_IV_HELP_DECISION},
        [SK_ANS_INT] = {SK_IQ_NUMBER, UI_IV_HELP_INT},
        [SK_ANS_NUM] = {SK_IQ_NUMBER, UI_IV_HELP_NUM},
        [SK_ANS_PERCENT] = {SK_IQ_PERCENT, UI_IV_HELP_PERCENT},
        [SK_ANS_DATE] = {SK_IQ_DATE, UI_IV_HELP_DATE},
    };
    const sk_question *q = s->q;
    if (q->kind == SK_ANS_LIST || q->kind == SK_ANS_NAMED_ITEMS || q->kind == SK_ANS_ITEMS) {
        view_list(s);
        return;
    }
    s->view.kind = kinds[q->kind].kind;
    s->view.help = sk_ui(kinds[q->kind].help, s->lang == SK_LANG_EN);
    s->view.choices = q->kind == SK_ANS_ENUM ? q->values : NULL;
    if (q->kind == SK_ANS_TEXT) {
        s->view.choices = ref_choices(s, named_path(&s->view_arena, q));
        if (s->view.choices) {
            s->view.kind = SK_IQ_CHOICE;
            s->view.help = sk_ui(UI_IV_HELP_CHOICE, s->lang == SK_LANG_EN);
        }
    }
}

/* The enum values q's answer (or each item) takes, or NULL. */
static const char *const *enum_values(const sk_question *q)
{
    if (q->kind == SK_ANS_ITEMS) {
        const sk_field *f = item_field(q->field);
        return f && f->type == SK_F_ENUM ? f->values : NULL;
    }
    return q->kind == SK_ANS_ENUM || q->kind == SK_ANS_LIST ? q->values : NULL;
}

/* Each choice's label (values.def) in the session's language. */
static const char *const *labels_of(sk_interview *s)
{
    size_t n = sk_values_count(s->view.choices);
    const char **l = sk_arena_calloc(&s->view_arena, n + 1, sizeof *l);
    for (size_t i = 0; l && i < n; i++) {
        const char *lab = sk_enum_label(s->view.choices, s->view.choices[i], s->lang);
        l[i] = lab && strcmp(lab, s->view.choices[i]) ? lab : NULL;
    }
    return l;
}

int sk_iv_view(sk_interview *s)
{
    const sk_question *q = s->q;
    sk_arena_reset(&s->view_arena);
    memset(&s->view, 0, sizeof s->view);
    const char *key = sk_question_key(q), *ctx = sk_question_context(q);
    const char *text = sk_question_text(q, s->lang);
    s->view.number = s->asked;
    s->view.key = key;
    /* the list item it is about, only when that has a name */
    s->view.text = ctx && *ctx ? sk_arena_printf(&s->view_arena, "%s \u2014 %s", text, ctx) : text;
    view_kind(s);
    s->ref = ref_list(named_path(&s->view_arena, q));
    s->view.labels = s->view.choices && s->view.choices == enum_values(q) ? labels_of(s) : NULL;
    size_t nr = sk_question_nrules(q);
    const char **rules = sk_arena_calloc(&s->view_arena, nr + 1, sizeof *rules);
    for (size_t i = 0; rules && i < nr; i++)
        rules[i] = sk_question_rule(q, i);
    s->view.rules = rules;
    s->view.nrules = nr;
    return s->view.text && s->view.help && rules;
}

/* ---- answers ------------------------------------------------------------------ */

static sk_interview_answer_rc reject(sk_interview *s, const char *text, const char **msg)
{
    sk_buf_clear(&s->msg);
    sk_buf_puts(&s->msg, text);
    if (msg)
        *msg = sk_buf_cstr(&s->msg);
    return SK_IA_REJECTED;
}

/* "'X' is not one of the choices ...: 1) A, 2) B; or don't know." */
static sk_interview_answer_rc reject_choice(sk_interview *s, const char *in, const char **msg)
{
    const char *const *c = s->view.choices;
    size_t n = sk_values_count(c);
    sk_buf_clear(&s->msg);
    sk_buf_printf(&s->msg, sk_ui(UI_IV_NOT_A_CHOICE, s->lang == SK_LANG_EN), in, n);
    for (size_t i = 0; i < n; i++)
        sk_buf_printf(&s->msg, "%s%zu) %s", i ? ", " : "", i + 1, c[i]);
    sk_buf_puts(&s->msg, sk_ui(UI_IV_OR_DONT_KNOW, s->lang == SK_LANG_EN));
    if (msg)
        *msg = sk_buf_cstr(&s->msg);
    return SK_IA_REJECTED;
}

/* A choice by its number (from 1), its name in any case, an enum value's
 * label or Swedish alias ("värdkommun" for host, values.def), or the start
 * of exactly one name ("alfa" for "Alfa kommun"); NULL if none. */
static const char *pick(const char *const *choices, const char *in)
{
    size_t n = sk_values_count(choices), len = strlen(in);
    char *end;
    long i = strtol(in, &end, 10);
    if (end != in && !*end && i >= 1 && (size_t)i <= n)
        return choices[i - 1];
    const char *named = sk_enum_match(choices, in);
    if (named)
        return named;
    const char *start = NULL;
    size_t starts = 0;
    for (size_t k = 0; k < n; k++) {
        if (!strcasecmp(in, choices[k]))
            return choices[k];
        if (len && !strncasecmp(in, choices[k], len) && !starts++)
            start = choices[k];
    }
    return starts == 1 ? start : NULL;
}

/* The line as free text, checked (length, control characters, "vet ej",
 * empty) by sk_answer_parse: its result, *out the value or a message. */
static int as_text(const sk_interview *s, const char *line, char **out)
{
    sk_question t = *s->q;
    t.kind = SK_ANS_TEXT;
    t.values = NULL;
    return sk_answer_parse(&t, line, s->lang, out);
}

static sk_interview_answer_rc place_one(sk_interview *s, const char *value, const char **msg)
{
    const char *v[1] = {value};
    sk_interview_answer_rc rc = sk_iv_place(s, s->q, v, 1);
    sk_iv_close(s);
    if (rc == SK_IA_NOT_PLACED && msg)
        *msg = sk_buf_cstr(&s->msg);
    return rc;
}

sk_interview_answer_rc sk_iv_finish_list(sk_interview *s)
{
    const char *v[SK_IV_MAX_ITEMS];
    for (size_t i = 0; i < s->nitems; i++)
        v[i] = s->items[i];
    sk_interview_answer_rc rc = sk_iv_place(s, &s->item_q, v, s->nitems);
    sk_iv_close(s);
    return rc;
}

void sk_interview_skip(sk_interview *s)
{
    if (!s->q)
        return;
    sk_iv_add_skip(s, s->doc, sk_question_key(s->q));
    sk_iv_close(s);
}

/* A bare number for a name when there is nothing to pick it from (the
 * case names no parties yet): never written as the name. */
static int number_for_name(const sk_interview *s, const char *v)
{
    if (!s->ref || s->view.choices || !*v)
        return 0;
    for (const char *p = v; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

static sk_interview_answer_rc reject_number(sk_interview *s, const char *v, const char **msg)
{
    char *m = sk_arena_printf(&s->view_arena, sk_ui(UI_IV_NAME_NOT_NUMBER, s->lang == SK_LANG_EN), v);
    return reject(s, m ? m : "", msg);
}

static sk_interview_answer_rc skip_it(sk_interview *s)
{
    sk_interview_skip(s);
    return SK_IA_SKIPPED;
}

static sk_interview_answer_rc answer_item(sk_interview *s, const char *line, const char **msg)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    char *v = NULL;
    int r = *p ? as_text(s, line, &v) : 2;
    if (r == 0) {
        reject(s, v ? v : "", msg);
        free(v);
        return SK_IA_REJECTED;
    }
    if (r != 1) { /* an empty line ends the list; "vet ej" too, or skips it */
        if (r < 0 && !s->nitems)
            return skip_it(s);
        sk_interview_answer_rc rc = sk_iv_finish_list(s);
        if (rc == SK_IA_NOT_PLACED && msg)
            *msg = sk_buf_cstr(&s->msg);
        return rc;
    }
    const char *val = s->view.choices ? pick(s->view.choices, v) : v;
    sk_interview_answer_rc rc = SK_IA_MORE;
    if (number_for_name(s, v))
        rc = reject_number(s, v, msg), val = NULL;
    else if (!val)
        rc = reject_choice(s, v, msg);
    for (size_t i = 0; val && i < s->nitems; i++)
        if (!strcmp(s->items[i], val)) {
            char *m = sk_arena_printf(&s->view_arena, sk_ui(UI_IV_ALREADY_GIVEN, s->lang == SK_LANG_EN), val);
            rc = reject(s, m ? m : "", msg);
            val = NULL;
        }
    char *copy = val ? strdup(val) : NULL;
    free(v);
    if (rc != SK_IA_MORE)
        return rc;
    if (!copy)
        return s->failed = 1, SK_IA_FAILED;
    s->items[s->nitems++] = copy;
    if (s->nitems == SK_IV_MAX_ITEMS)
        return sk_iv_finish_list(s);
    s->view.item++;
    item_help(s);
    return SK_IA_MORE;
}

static sk_interview_answer_rc answer_choice(sk_interview *s, const char *line, const char **msg)
{
    char *v = NULL;
    int r = as_text(s, line, &v);
    sk_interview_answer_rc rc;
    if (r < 0)
        rc = skip_it(s);
    else if (r == 0)
        rc = reject(s, v ? v : "", msg);
    else if (!pick(s->view.choices, v))
        rc = reject_choice(s, v, msg);
    else
        rc = place_one(s, pick(s->view.choices, v), msg);
    free(v);
    return rc;
}

static sk_interview_answer_rc answer_scalar(sk_interview *s, const char *line, const char **msg)
{
    char *v = NULL;
    int r = sk_answer_parse(s->q, line, s->lang, &v);
    sk_interview_answer_rc rc;
    if (r < 0)
        rc = skip_it(s);
    else if (r == 0)
        rc = reject(s, v ? v : "", msg);
    else if (number_for_name(s, v))
        rc = reject_number(s, v, msg);
    else
        rc = place_one(s, v, msg);
    free(v);
    return rc;
}

sk_interview_answer_rc sk_interview_answer(sk_interview *s, const char *line, const char **msg)
{
    if (msg)
        *msg = NULL;
    if (!s->q || !line)
        return SK_IA_FAILED;
    switch (s->view.kind) {
    case SK_IQ_LIST_ITEM: return answer_item(s, line, msg);
    case SK_IQ_CHOICE: return answer_choice(s, line, msg);
    case SK_IQ_ENUM:
    case SK_IQ_NUMBER:
    case SK_IQ_PERCENT:
    case SK_IQ_DATE:
    case SK_IQ_TEXT:
    case SK_IQ_YES_NO: break;
    }
    return answer_scalar(s, line, msg);
}
