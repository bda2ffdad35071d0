/* ask.c - the facts a case leaves unknown that would decide a finding, as
 * questions (`samkoll ask`).
 *
 * Each missing fact of an unknown finding becomes the question for the
 * first thing that is not stated on its path: the fact itself, or the list
 * it lies in when the list is absent ("parties", not "parties[*].type").
 * The question's text comes from the case-format field table (schema.c),
 * the same table that the JSON Schema and the docs are made from. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "advice/advice_int.h"
#include "base/date.h"
#include "base/ui.h"
#include "report/report_int.h"
#include "base/utf8.h"

/* The path of n below the root, after start (depth bounded by the
 * loader's --max-depth). */
static void node_path_from(const sk_node *n, sk_buf *b, size_t start)
{
    if (!n || !n->parent)
        return;
    const sk_node *parent = n->parent;
    node_path_from(parent, b, start);
    if (parent->kind == SK_SEQ) {
        sk_buf_printf(b, "[%u]", n->index);
    } else if (parent->kind == SK_MAP) {
        if (b->len > start)
            sk_buf_putc(b, '.');
        sk_buf_puts(b, parent->u.pairs[n->index].key->u.s);
    }
}

void sk_advice_node_path(const sk_node *n, sk_buf *b)
{
    node_path_from(n, b, b->len);
}

static int has_required(const sk_schema *s)
{
    for (size_t i = 0; s && i < s->count; i++)
        if (s->fields[i].required)
            return 1;
    return 0;
}

int sk_advice_answer_kind(const sk_field *f, const char *const **values)
{
    *values = NULL;
    switch (f->type) {
    case SK_F_BOOL: return SK_ANS_BOOL;
    case SK_F_ENUM: *values = f->values; return SK_ANS_ENUM;
    case SK_F_TEXT_OR_BOOL: return SK_ANS_TEXT_OR_BOOL;
    case SK_F_INT: return SK_ANS_INT;
    case SK_F_NUM: return SK_ANS_NUM;
    case SK_F_PERCENT: return SK_ANS_PERCENT;
    case SK_F_DATE: return SK_ANS_DATE;
    case SK_F_LIST:
        if (f->item == SK_F_MAP)
            return has_required(f->sub) ? SK_ANS_NAMED_ITEMS : SK_ANS_ITEMS;
        if (f->item == SK_F_ENUM)
            *values = f->values;
        return SK_ANS_LIST;
    case SK_F_MAP:
    case SK_F_STATUS_MAP:
        return -1;
    default:
        return SK_ANS_TEXT;
    }
}

/* The name of the list item a node is in ("Matproduktion"), or NULL. */
static const char *context_of(const sk_node *n)
{
    static const char *const keys[] = {"name", "matters", "party", "by", NULL};
    for (const sk_node *p = n; p && p->parent; p = p->parent) {
        if (p->parent->kind != SK_SEQ || p->kind != SK_MAP)
            continue;
        for (size_t k = 0; keys[k]; k++) {
            const sk_node *v = sk_map_get(p, keys[k]);
            if (v && v->kind == SK_SCALAR && !v->unknown)
                return v->u.s;
        }
        return NULL;
    }
    return NULL;
}

/* Fills q's target from a missing fact; 0 if it cannot be asked for. */
static int target_of(const sk_fact *m, sk_question *q)
{
    const sk_path *p = m->path;
    const sk_node *n = m->node;
    if (!p || !n || p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE)
        return 0;
    int from = m->from;
    memset(q, 0, sizeof *q);
    if (sk_node_is_unknown(n)) {
        /* a stated unknown: the value of steps[from - 1] */
        if (from < 1 || from > p->nsteps || !n->parent || n->parent->kind != SK_MAP)
            return 0;
        q->replace = true;
        q->field = &p->steps[from - 1].schema->fields[p->steps[from - 1].field];
    } else if (n->kind != SK_MAP || from >= p->nsteps) {
        return 0;
    }
    for (int i = from; i < p->nsteps; i++) {
        const sk_field *f = &p->steps[i].schema->fields[p->steps[i].field];
        if (q->replace && q->field->type != SK_F_MAP)
            break; /* a scalar or a list stated as unknown: the answer replaces it */
        q->chain_field[q->nchain] = p->steps[i].field;
        q->chain[q->nchain++] = f;
        q->field = f;
        if (f->type != SK_F_MAP)
            break; /* a list that is not stated: ask for the list */
    }
    if (!q->field || q->field->type == SK_F_MAP)
        return 0;
    q->at = n;
    int k = sk_advice_answer_kind(q->field, &q->values);
    if (k < 0)
        return 0;
    q->kind = (uint8_t)k;
    return 1;
}

static int add_rule(sk_arena *a, sk_question *q, const sk_rule *r)
{
    for (size_t i = 0; i < q->nrules; i++)
        if (q->rules[i] == r)
            return 1;
    if (q->nrules == q->caprules) {
        size_t cap = q->caprules ? q->caprules * 2 : 4;
        const sk_rule **v = sk_arena_alloc(a, cap * sizeof *v);
        if (!v)
            return 0;
        if (q->nrules)
            memcpy(v, q->rules, q->nrules * sizeof *v);
        q->rules = v;
        q->caprules = cap;
    }
    q->rules[q->nrules++] = r;
    return 1;
}

static int by_weight(const void *pa, const void *pb)
{
    const sk_question *a = *(sk_question *const *)pa, *b = *(sk_question *const *)pb;
    if (a->nrules != b->nrules)
        return a->nrules > b->nrules ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

sk_rc sk_questions_of(const sk_result *res, sk_questions **out)
{
    sk_arena *a = res->c->arena;
    sk_questions *qs = sk_arena_calloc(a, 1, sizeof *qs);
    if (!qs)
        return SK_ENOMEM;
    qs->res = res;
    sk_buf key;
    sk_buf_init(&key, 0);
    sk_rc rc = SK_OK;
    for (size_t i = 0; i < res->n && rc == SK_OK; i++) {
        const sk_finding *f = &res->findings[i];
        if (f->status != SK_ST_UNKNOWN)
            continue;
        for (uint16_t m = 0; m < f->nmissing && rc == SK_OK; m++) {
            sk_question t;
            if (!target_of(&f->missing[m], &t))
                continue;
            sk_buf_clear(&key);
            sk_advice_node_path(t.at, &key);
            for (uint8_t k = 0; k < t.nchain; k++) {
                if (key.len)
                    sk_buf_putc(&key, '.');
                sk_buf_puts(&key, t.chain[k]->name);
            }
            sk_question *q = NULL;
            for (size_t j = 0; j < qs->n && !q; j++)
                if (!strcmp(qs->q[j]->key, sk_buf_cstr(&key)))
                    q = qs->q[j];
            if (!q) {
                sk_question *box = sk_arena_alloc(a, sizeof *box);
                if (qs->n == qs->cap) {
                    size_t cap = qs->cap ? qs->cap * 2 : 16;
                    sk_question **v = sk_arena_alloc(a, cap * sizeof *v);
                    if (v && qs->n)
                        memcpy(v, qs->q, qs->n * sizeof *v);
                    qs->q = v;
                    qs->cap = v ? cap : 0;
                }
                if (!box || !qs->q) {
                    rc = SK_ENOMEM;
                    break;
                }
                *box = t;
                q = box;
                q->key = sk_arena_strdup(a, sk_buf_cstr(&key));
                q->context = context_of(q->at);
                q->first = qs->n;
                for (int lang = 0; lang < 2; lang++) {
                    sk_buf qt;
                    sk_buf_init(&qt, 0);
                    sk_field_question(q->field, lang, &qt);
                    q->text[lang] = sk_arena_strdup(a, sk_buf_cstr(&qt));
                    sk_buf_free(&qt);
                }
                if (!q->key || !q->text[0] || !q->text[1]) {
                    rc = SK_ENOMEM;
                    break;
                }
                qs->q[qs->n++] = q;
            }
            if (!add_rule(a, q, f->rule))
                rc = SK_ENOMEM;
        }
    }
    sk_buf_free(&key);
    if (rc != SK_OK)
        return rc;
    if (qs->n)
        qsort(qs->q, qs->n, sizeof *qs->q, by_weight);
    *out = qs;
    return SK_OK;
}

size_t sk_questions_count(const sk_questions *qs) { return qs->n; }

const sk_question *sk_questions_get(const sk_questions *qs, size_t i)
{
    return i < qs->n ? qs->q[i] : NULL;
}

const sk_question *sk_questions_find(const sk_questions *qs, const char *key)
{
    for (size_t i = 0; i < qs->n; i++)
        if (!strcmp(qs->q[i]->key, key))
            return qs->q[i];
    return NULL;
}

const char *sk_question_key(const sk_question *q) { return q->key; }
const char *sk_question_text(const sk_question *q, sk_lang lang) { return q->text[lang ? 1 : 0]; }
const char *sk_question_context(const sk_question *q) { return q->context; }
sk_answer_kind sk_question_kind(const sk_question *q) { return (sk_answer_kind)q->kind; }
const char *const *sk_question_values(const sk_question *q) { return q->values; }
size_t sk_question_nrules(const sk_question *q) { return q->nrules; }

const char *sk_question_rule(const sk_question *q, size_t i)
{
    return i < q->nrules ? q->rules[i]->id : NULL;
}

/* ---- answers -------------------------------------------------------------- */

static char *dupstr(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

static char *fmt_msg(const char *s)
{
    return dupstr(s);
}

static int word_in(const char *s, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (!strcasecmp(s, words[i]))
            return 1;
    return 0;
}

static const char *const dont_know[] = {"vet ej", "vet inte", "vetej", "?", "okänt", "okänd",
                                        "unknown", "don't know", "dont know", "do not know", NULL};
static const char *const yes_words[] = {"ja", "j", "yes", "y", "true", "sant", NULL};
static const char *const no_words[] = {"nej", "n", "no", "false", "falskt", NULL};

/* "v1 (label), v2, ..." with sep between them: each value with its label
 * (values.def) where the label says more than the code. */
static void labelled_values(sk_buf *b, const char *const *values, int en, const char *sep)
{
    for (size_t i = 0; values && values[i]; i++) {
        const char *l = sk_enum_label(values, values[i], en ? SK_LANG_EN : SK_LANG_SV);
        sk_buf_printf(b, "%s%s", i ? sep : "", values[i]);
        if (l && strcmp(l, values[i]))
            sk_buf_printf(b, " (%s)", l);
    }
}

/* The parsers of one trimmed, non-empty answer s (n bytes) per kind:
 * 1 with *out the value as the case writes it, 0 with *out a message. */
typedef int (*answer_parser)(const sk_question *q, const char *s, size_t n, int en, char **out);

static int taken(const char *v, char **out)
{
    *out = dupstr(v);
    return *out ? 1 : 0;
}

static int refused(const char *msg, char **out)
{
    *out = fmt_msg(msg);
    return 0;
}

/* One of q->values, by its number (from 1), its name, or its label or
 * Swedish alias (values.def); 0 if none. */
static int value_by_number_or_name(const sk_question *q, const char *s, char **out)
{
    size_t nv = sk_values_count(q->values);
    char *end;
    long i = strtol(s, &end, 10);
    if (end != s && !*end && i >= 1 && (size_t)i <= nv)
        return taken(q->values[i - 1], out);
    const char *named = sk_enum_match(q->values, s);
    if (named)
        return taken(named, out);
    for (size_t v = 0; v < nv; v++)
        if (!strcasecmp(s, q->values[v]))
            return taken(q->values[v], out);
    return 0;
}

/* "PREFIX v1 (label), v2, ... SUFFIX" as the message in *out. */
static int refused_values(const sk_question *q, int en, const char *prefix, const char *s,
                          const char *suffix, char **out)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_buf_printf(&b, prefix, s);
    labelled_values(&b, q->values, en, ", ");
    sk_buf_puts(&b, suffix);
    *out = dupstr(sk_buf_cstr(&b));
    sk_buf_free(&b);
    return 0;
}

static int parse_bool(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    (void)n;
    if (word_in(s, yes_words))
        return taken("true", out);
    if (word_in(s, no_words))
        return taken("false", out);
    if (q->kind == SK_ANS_TEXT_OR_BOOL) /* the decision itself, as text */
        return taken(s, out);
    return refused(sk_ui(UI_ASK_ANSWER_YES_NO, en), out);
}

static int parse_enum(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    (void)n;
    if (value_by_number_or_name(q, s, out))
        return 1;
    return refused_values(q, en, sk_ui(UI_ASK_ONE_OF, en), s, sk_ui(UI_ASK_OR_ITS_NUMBER, en), out);
}

static int parse_count(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    (void)n;
    int items = q->kind == SK_ANS_ITEMS;
    char *end;
    long long v = strtoll(s, &end, 10);
    long long max = items ? 0 : 1000000000000LL; /* items: only "none", never "- {}" */
    if (end == s || *end || v < 0 || v > max)
        return refused(sk_ui(items ? UI_ASK_COUNT_0_100 : UI_ASK_WHOLE_NUMBER, en), out);
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    return taken(t, out);
}

static int parse_number(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    int pct = q->kind == SK_ANS_PERCENT;
    char t[1024];
    memcpy(t, s, n + 1);
    size_t tl = n;
    if (pct && tl && t[tl - 1] == '%')
        t[--tl] = '\0';
    while (tl && t[tl - 1] == ' ')
        t[--tl] = '\0';
    for (char *c = t; *c; c++)
        if (*c == ',') /* a Swedish decimal comma */
            *c = '.';
    char *end;
    double v = strtod(t, &end);
    if (end == t || *end || !isfinite(v) || (pct && (v < 0 || v > 100)))
        return refused(sk_ui(pct ? UI_ASK_PERCENT : UI_ASK_NUMBER, en), out);
    return taken(t, out);
}

static int parse_date(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    (void)q;
    int32_t d;
    if (!sk_date_parse(s, n, &d))
        return refused(sk_ui(UI_ASK_DATE, en), out);
    return taken(s, out);
}

static int parse_list_item(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    (void)n;
    if (!q->values) /* free values */
        return taken(s, out);
    if (value_by_number_or_name(q, s, out))
        return 1;
    return refused_values(q, en, sk_ui(UI_ASK_NOT_ONE_OF, en), s, "", out);
}

static int parse_text(const sk_question *q, const char *s, size_t n, int en, char **out)
{
    (void)q, (void)n, (void)en;
    return taken(s, out); /* free text: taken as given */
}

static answer_parser parser_for(sk_answer_kind k)
{
    switch (k) {
    case SK_ANS_BOOL:
    case SK_ANS_TEXT_OR_BOOL: return parse_bool;
    case SK_ANS_ENUM:         return parse_enum;
    case SK_ANS_INT:
    case SK_ANS_ITEMS:        return parse_count;
    case SK_ANS_NUM:
    case SK_ANS_PERCENT:      return parse_number;
    case SK_ANS_DATE:         return parse_date;
    case SK_ANS_LIST:         return parse_list_item;
    case SK_ANS_TEXT:
    case SK_ANS_NAMED_ITEMS:  return parse_text;
    }
    return parse_text;
}

int sk_answer_parse(const sk_question *q, const char *input, sk_lang lang, char **out)
{
    int en = lang == SK_LANG_EN;
    *out = NULL;
    while (*input == ' ' || *input == '\t')
        input++;
    size_t n = strlen(input);
    while (n && (input[n - 1] == ' ' || input[n - 1] == '\t' || input[n - 1] == '\n' ||
                 input[n - 1] == '\r'))
        n--;
    char s[1024];
    if (n >= sizeof s)
        return refused(sk_ui(UI_ASK_TOO_LONG, en), out);
    memcpy(s, input, n);
    s[n] = '\0';
    if (sk_utf8_invalid_at(s, n) != (size_t)-1 || sk_text_bad_char(s, n) >= 0)
        return refused(sk_ui(UI_ASK_CONTROL_CHAR, en), out);
    if (word_in(s, dont_know))
        return -1;
    if (!n)
        return refused(sk_ui(UI_ASK_GIVE_AN_ANSWER, en), out);
    return parser_for((sk_answer_kind)q->kind)(q, s, n, en, out);
}

/* ---- writing the questions ------------------------------------------- */

/* What kind of answer, for people ("ja / nej"). */
static void answer_hint(const sk_question *q, int en, sk_buf *b)
{
    switch ((sk_answer_kind)q->kind) {
    case SK_ANS_BOOL: sk_buf_puts(b, sk_ui(UI_HINT_BOOL, en)); break;
    case SK_ANS_ENUM:
        labelled_values(b, q->values, en, " / ");
        break;
    case SK_ANS_TEXT: sk_buf_puts(b, sk_ui(UI_HINT_TEXT, en)); break;
    case SK_ANS_TEXT_OR_BOOL: sk_buf_puts(b, sk_ui(UI_HINT_TEXT_OR_BOOL, en)); break;
    case SK_ANS_INT: sk_buf_puts(b, sk_ui(UI_HINT_INT, en)); break;
    case SK_ANS_NUM: sk_buf_puts(b, sk_ui(UI_HINT_NUM, en)); break;
    case SK_ANS_PERCENT: sk_buf_puts(b, sk_ui(UI_HINT_PERCENT, en)); break;
    case SK_ANS_DATE: sk_buf_puts(b, sk_ui(UI_HINT_DATE, en)); break;
    case SK_ANS_LIST:
        if (q->values) {
            sk_buf_puts(b, sk_ui(UI_HINT_LIST_OF, en));
            labelled_values(b, q->values, en, ", ");
        } else {
            sk_buf_puts(b, sk_ui(UI_HINT_LIST, en));
        }
        break;
    case SK_ANS_NAMED_ITEMS: sk_buf_puts(b, sk_ui(UI_HINT_NAMED_ITEMS, en)); break;
    case SK_ANS_ITEMS: sk_buf_puts(b, sk_ui(UI_HINT_ITEMS, en)); break;
    }
}

static const char *const kind_names[] = {"bool", "enum", "text", "text_or_bool", "integer",
                                         "number", "percent", "date", "list", "named_items",
                                         "items"};

static void ask_text(const sk_result *res, const sk_questions *qs, int en, sk_buf *b)
{
    const sk_case *c = res->c;
    char date[11];
    sk_date_format(c->date, date);
    sk_buf_printf(b, "%s%s%s (%s, %s)\n   %s:%u\n", c->id, c->title ? " \u2014 " : "",
                  c->title ? c->title : "", sk_form_values[c->form], date, c->file, c->line);
    size_t unk = res->counts[SK_ST_UNKNOWN];
    if (!qs->n) {
        if (unk)
            sk_buf_printf(b, sk_ui(UI_ASK_NO_FACT_WOULD_DECIDE, en), unk);
        else
            sk_buf_puts(b, sk_ui(UI_ASK_NO_UNKNOWN_FACTS, en));
        return;
    }
    sk_buf_printf(b, sk_ui(unk == 1 ? UI_ASK_N_RULES_UNDECIDED_1 : UI_ASK_N_RULES_UNDECIDED, en), unk);
    sk_buf_printf(b, sk_ui(qs->n == 1 ? UI_ASK_N_QUESTIONS_1 : UI_ASK_N_QUESTIONS, en), qs->n);
    for (size_t i = 0; i < qs->n; i++) {
        const sk_question *q = qs->q[i];
        sk_buf_printf(b, "%4zu. %s", i + 1, q->text[en]);
        if (q->context)
            sk_buf_printf(b, " \u2014 %s", q->context);
        sk_buf_printf(b, "\n        %s (", q->key);
        answer_hint(q, en, b);
        sk_buf_printf(b, sk_ui(q->nrules == 1 ? UI_ASK_DECIDES_1 : UI_ASK_DECIDES, en), q->nrules);
        for (size_t r = 0; r < q->nrules; r++)
            sk_buf_printf(b, "%s%s", r ? ", " : "", q->rules[r]->id);
        sk_buf_putc(b, '\n');
    }
}

static void ask_json(const sk_result *res, const sk_questions *qs, int en, sk_buf *b)
{
    const sk_case *c = res->c;
    sk_buf_puts(b, "{\"case\": ");
    sk_json_str(b, c->id);
    sk_buf_puts(b, ", \"file\": ");
    sk_json_str(b, c->file);
    sk_buf_printf(b, ", \"line\": %u, \"form\": \"%s\", \"unknown\": %zu, \"questions\": [", c->line,
                  sk_form_values[c->form], res->counts[SK_ST_UNKNOWN]);
    for (size_t i = 0; i < qs->n; i++) {
        const sk_question *q = qs->q[i];
        sk_buf_puts(b, i ? ",\n    {\"key\": " : "\n    {\"key\": ");
        sk_json_str(b, q->key);
        sk_buf_puts(b, ", \"question\": ");
        sk_json_str(b, q->text[en]);
        sk_buf_puts(b, ", \"context\": ");
        if (q->context)
            sk_json_str(b, q->context);
        else
            sk_buf_puts(b, "null");
        sk_buf_printf(b, ", \"answer\": \"%s\", \"values\": ", kind_names[q->kind]);
        if (q->values) {
            sk_buf_puts(b, "[");
            for (size_t v = 0; q->values[v]; v++) {
                sk_buf_puts(b, v ? ", " : "");
                sk_json_str(b, q->values[v]);
            }
            sk_buf_puts(b, "]");
        } else {
            sk_buf_puts(b, "null");
        }
        sk_buf_puts(b, ", \"rules\": [");
        for (size_t r = 0; r < q->nrules; r++) {
            sk_buf_puts(b, r ? ", " : "");
            sk_json_str(b, q->rules[r]->id);
        }
        sk_buf_puts(b, "]}");
    }
    sk_buf_puts(b, qs->n ? "\n  ]}" : "]}");
}

sk_rc sk_questions_write(const sk_result *const *res, const sk_questions *const *qs,
                         size_t n, const char *format, sk_lang lang, FILE *out)
{
    static const char *const names[] = {"text", "json", NULL};
    int f = sk_values_find(names, format);
    if (f < 0)
        return SK_ENOTFOUND;
    int en = lang == SK_LANG_EN;
    sk_buf b;
    sk_buf_init(&b, 0);
    if (f == 1)
        sk_buf_printf(&b, "{\"samkoll_ask\": 1, \"lang\": \"%s\", \"cases\": [", sk_ui(UI_LANG, en));
    for (size_t i = 0; i < n; i++) {
        if (f == 1) {
            sk_buf_puts(&b, i ? ",\n  " : "\n  ");
            ask_json(res[i], qs[i], en, &b);
        } else {
            if (i)
                sk_buf_putc(&b, '\n');
            ask_text(res[i], qs[i], en, &b);
        }
    }
    if (f == 1)
        sk_buf_puts(&b, "\n]}\n");
    sk_rc rc = b.failed ? SK_ENOMEM : SK_OK;
    if (rc == SK_OK && b.len && fwrite(b.data, 1, b.len, out) != b.len)
        rc = SK_EIO;
    sk_buf_free(&b);
    return rc;
}
