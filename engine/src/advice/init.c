/* init.c - a new case from nothing (`samkoll init`): the commented
 * template for one form, with every field that the rules able to apply to
 * that form read, each left unknown.
 *
 * Which rules can apply to a form is decided from their `applies` alone,
 * with the form known and every other fact unknown (Kleene logic): a rule
 * is left out only when its conditions on the form (`form`, `$form.*`) make
 * it inapplicable whatever the other facts are. The fields are those the
 * remaining rules' conditions read, in the case format's order, with the
 * field table's questions and the value labels (values.def) as comments.
 * Every value is `unknown`, every list `unknown` with one entry commented
 * out below it, and a map that a rule tests as a whole is commented out:
 * the template states no fact (ctest init.templates). */
#include "advice/advice_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "rules/ruleset_int.h"
#include "samkoll/advice.h"

typedef enum tri { T_FALSE, T_TRUE, T_MAYBE } tri;

#define MAX_READ 512
#define PATH_MAX_LEN 96
#define WRAP 76

typedef struct tctx {
    const sk_ruleset *rs;
    int form;
    sk_lang lang;
    sk_buf *b;
    char read[MAX_READ][PATH_MAX_LEN];   /* canonical paths the rules read */
    size_t nread;
    size_t nrules;                       /* rules that can apply */
} tctx;

/* ---- can a rule apply to the form? ------------------------------------- */

/* The value a form-determined path has under the form: the case's `form`
 * or a cell of the forms table. NULL text and -1 bool when it is not
 * determined by the form. */
static int form_value(const tctx *t, const sk_path *p, const char **s, int *b)
{
    *s = NULL;
    *b = -1;
    if (!p || p->nsteps > 1)
        return 0;
    if (p->root == SK_ROOT_CASE && p->nsteps == 1 && p->steps[0].schema == &sk_case_schema &&
        !strcmp(sk_case_schema.fields[p->steps[0].field].name, "form")) {
        *s = sk_form_values[t->form];
        return 1;
    }
    if (p->root != SK_ROOT_FORM || p->nsteps != 0 || !t->rs->rows[t->form].present)
        return 0;
    const sk_node *n = t->rs->rows[t->form].cells[p->form_col].value;
    if (!n || n->kind != SK_SCALAR)
        return 0;
    if (n->vtype == SK_VT_BOOL)
        *b = n->v.b;
    else if (n->vtype == SK_VT_TEXT)
        *s = n->u.s;
    return *s || *b >= 0;
}

/* Does the value equal literal l? T_MAYBE when the types differ. */
static tri lit_eq(const char *s, int b, const sk_lit *l)
{
    if (s && l->vtype == SK_VT_TEXT && l->s)
        return strcmp(s, l->s) == 0 ? T_TRUE : T_FALSE;
    if (b >= 0 && l->vtype == SK_VT_BOOL)
        return (b != 0) == l->b ? T_TRUE : T_FALSE;
    return T_MAYBE;
}

static tri not3(tri v) { return v == T_MAYBE ? T_MAYBE : v == T_TRUE ? T_FALSE : T_TRUE; }

/* A comparison of a form-determined path with a literal; else T_MAYBE. */
static tri cmp3(const tctx *t, const sk_cond *k)
{
    const char *s;
    int b;
    if (k->rhs.path || !form_value(t, k->path, &s, &b))
        return T_MAYBE;
    if (k->op == SK_OP_EQ || k->op == SK_OP_NE) {
        tri e = lit_eq(s, b, &k->rhs.lit);
        return k->op == SK_OP_EQ ? e : not3(e);
    }
    if (k->op != SK_OP_IN && k->op != SK_OP_NOT_IN)
        return T_MAYBE;
    tri any = T_FALSE;
    for (uint32_t i = 0; i < k->rhs.nlist && any != T_TRUE; i++) {
        tri e = lit_eq(s, b, &k->rhs.list[i]);
        any = e == T_TRUE ? T_TRUE : e == T_MAYBE ? T_MAYBE : any;
    }
    return k->op == SK_OP_IN ? any : not3(any);
}

static tri cond3(const tctx *t, const sk_cond *k)
{
    if (!k)
        return T_TRUE;
    if (k->kind == SK_C_CMP)
        return cmp3(t, k);
    if (k->kind == SK_C_NOT)
        return k->nkids ? not3(cond3(t, k->kids[0])) : T_MAYBE;
    if (k->kind != SK_C_ALL && k->kind != SK_C_ANY)
        return T_MAYBE;   /* quantifiers, counts, exists, matches: other facts */
    tri stop = k->kind == SK_C_ALL ? T_FALSE : T_TRUE, acc = not3(stop);
    for (uint32_t i = 0; i < k->nkids; i++) {
        tri v = cond3(t, k->kids[i]);
        if (v == stop)
            return stop;
        if (v == T_MAYBE)
            acc = T_MAYBE;
    }
    return acc;
}

/* ---- the fields the rules read ----------------------------------------- */

/* "tasks[].myndighetsutovning", "agreement.cost_allocation": the field a
 * path reads, without indices (schema names are such paths). */
static int canonical(const sk_path *p, char *out, size_t sz)
{
    if (p->root == SK_ROOT_FORM)
        return 0;
    if (p->nsteps == 0) {
        if (p->root != SK_ROOT_BIND || !p->sub)
            return 0;
        snprintf(out, sz, "%s", p->sub->name);
        return 1;
    }
    const sk_step *s = &p->steps[p->nsteps - 1];
    const char *name = s->schema->fields[s->field].name;
    int n = s->schema == &sk_case_schema ? snprintf(out, sz, "%s", name)
                                         : snprintf(out, sz, "%s.%s", s->schema->name, name);
    return n > 0 && (size_t)n < sz;
}

static void add_read(tctx *t, const sk_path *p)
{
    char c[PATH_MAX_LEN];
    if (!p || !canonical(p, c, sizeof c))
        return;
    for (size_t i = 0; i < t->nread; i++)
        if (!strcmp(t->read[i], c))
            return;
    if (t->nread < MAX_READ)
        memcpy(t->read[t->nread++], c, strlen(c) + 1);
}

static void collect(tctx *t, const sk_cond *k)
{
    if (!k)
        return;
    add_read(t, k->path);
    add_read(t, k->rhs.path);
    for (uint32_t i = 0; i < k->nkids; i++)
        collect(t, k->kids[i]);
    collect(t, k->where);
}

static void collect_rules(tctx *t)
{
    for (size_t i = 0; i < t->rs->nrules; i++) {
        const sk_rule *r = &t->rs->rules[i];
        if (cond3(t, r->applies) == T_FALSE)
            continue;
        t->nrules++;
        collect(t, r->applies);
        collect(t, r->require);
    }
}

/* Is path read, or a map or list on the way to a field that is? */
static int wanted(const tctx *t, const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < t->nread; i++)
        if (!strncmp(t->read[i], path, n) &&
            (t->read[i][n] == '\0' || t->read[i][n] == '.' || t->read[i][n] == '['))
            return 1;
    return 0;
}

static int read_itself(const tctx *t, const char *path)
{
    for (size_t i = 0; i < t->nread; i++)
        if (!strcmp(t->read[i], path))
            return 1;
    return 0;
}

/* ---- writing ----------------------------------------------------------- */

typedef struct at {
    int indent;        /* spaces before the key */
    int commented;     /* inside a commented-out entry */
} at;

static void lead(tctx *t, at a)
{
    if (a.commented)
        sk_buf_puts(t->b, "# ");
    for (int i = 0; i < a.indent; i++)
        sk_buf_putc(t->b, ' ');
}

/* A comment, wrapped at about WRAP columns, at a's indentation (behind
 * "# " in a commented-out entry, so that uncommenting it keeps it). */
static void comment(tctx *t, at a, const char *text)
{
    while (*text) {
        size_t room = WRAP > a.indent + 20 ? (size_t)(WRAP - a.indent) : 20, cut = 0;
        for (size_t i = 0; text[i] && i <= room; i++)
            if (text[i] == ' ')
                cut = i;
        if (strlen(text) <= room || cut == 0)
            cut = strlen(text);
        lead(t, a);
        sk_buf_printf(t->b, "# %.*s\n", (int)cut, text);
        text += cut;
        while (*text == ' ')
            text++;
    }
}

/* What a scalar of type ft is written as, in brackets; NULL for text. */
static const char *type_hint(sk_ftype ft, int en)
{
    static const char *const h[][2] = {
        [SK_F_BOOL] = {"ja/nej", "true/false"},
        [SK_F_INT] = {"heltal", "integer"},
        [SK_F_NUM] = {"tal", "number"},
        [SK_F_PERCENT] = {"procent, 0-100", "percent, 0-100"},
        [SK_F_DATE] = {"ÅÅÅÅ-MM-DD", "YYYY-MM-DD"},
        [SK_F_TEXT_OR_BOOL] = {"text eller ja/nej", "text or true/false"},
        [SK_F_PATH] = {"filsökväg", "file path"},
        [SK_F_SLUG] = {"a-z, 0-9, . _ -", "a-z, 0-9, . _ -"},
        [SK_F_RULE_ID] = {"regel-id", "rule id"},
    };
    return (size_t)ft < sizeof h / sizeof *h ? h[ft][en] : NULL;
}

/* The field's question and what it takes: "Värden: host = värd, ..." for
 * an enum, "[ja/nej]" for a boolean; a map's description as a heading. */
static void field_comment(tctx *t, at a, const sk_field *f)
{
    int en = t->lang == SK_LANG_EN;
    sk_buf c;
    sk_buf_init(&c, 0);
    if (f->type == SK_F_MAP) {
        sk_buf_printf(&c, "---- %s: %s ----", f->name, en ? f->en : f->sv);
        comment(t, a, sk_buf_cstr(&c));
        sk_buf_free(&c);
        return;
    }
    sk_field_question(f, t->lang == SK_LANG_EN, &c);
    sk_ftype ft = (sk_ftype)(f->type == SK_F_LIST ? f->item : f->type);
    const char *hint = f->values || ft == SK_F_MAP ? NULL : type_hint(ft, en);
    if (hint)
        sk_buf_printf(&c, " [%s]", hint);
    comment(t, a, sk_buf_cstr(&c));
    sk_buf_free(&c);
    if (!f->values)
        return;
    sk_buf_init(&c, 0);
    sk_buf_puts(&c, en ? "Values:" : "Värden:");
    for (size_t i = 0; f->values[i]; i++) {
        const char *l = sk_enum_label(f->values, f->values[i], t->lang);
        sk_buf_printf(&c, "%s %s", i ? "," : "", f->values[i]);
        if (l && strcmp(l, f->values[i]))
            sk_buf_printf(&c, " = %s", l);
    }
    comment(t, a, sk_buf_cstr(&c));
    sk_buf_free(&c);
}

static void emit_map(tctx *t, const sk_schema *s, const char *prefix, at a, int item);

/* One field: its comment, then `key: unknown`, or the map's fields, or
 * the list as unknown with one entry commented out. */
static void emit_field(tctx *t, const sk_field *f, const char *path, at a, const char *dash)
{
    field_comment(t, a, f);
    if (f->type == SK_F_MAP) {
        /* a map a rule tests as a whole (exists) is left out, commented */
        at ma = a;
        ma.commented |= read_itself(t, path);
        lead(t, ma);
        sk_buf_printf(t->b, "%s%s:\n", dash ? dash : "", f->name);
        emit_map(t, f->sub, path, (at){a.indent + 2, ma.commented}, 0);
        return;
    }
    lead(t, a);
    sk_buf_printf(t->b, "%s%s: unknown\n", dash ? dash : "", f->name);
    if (f->sub && f->type == SK_F_LIST && !a.commented) {
        char sub[PATH_MAX_LEN];
        snprintf(sub, sizeof sub, "%s[]", path);
        emit_map(t, f->sub, sub, (at){a.indent + 2, 1}, 1);
    }
}

/* The fields of s that are wanted (or required in a list entry); in a
 * list entry, the first behind "- ". */
static void emit_map(tctx *t, const sk_schema *s, const char *prefix, at a, int item)
{
    int first = 1;
    for (size_t i = 0; i < s->count; i++) {
        const sk_field *f = &s->fields[i];
        char path[PATH_MAX_LEN];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", f->name);
        /* an entry also shows what names it: its required and text fields */
        int names_entry = item && (f->required || f->type == SK_F_TEXT);
        if (f->type == SK_F_STATUS_MAP || !(wanted(t, path) || names_entry))
            continue;
        at fa = a;
        if (item && !first)
            fa.indent += 2;
        emit_field(t, f, path, fa, item && first ? "- " : NULL);
        first = 0;
    }
}

/* The fields written apart at the top: the id, the version, the form. */
static int is_header_field(const char *name)
{
    static const char *const h[] = {"case", "format", "form", "title", "expect", "waivers",
                                    "others"};
    for (size_t i = 0; i < sizeof h / sizeof *h; i++)
        if (!strcmp(h[i], name))
            return 1;
    return 0;
}

/* The template's own words, Swedish and English. */
enum { I_HEAD, I_HOW, I_CASE_ID, I_TITLE };
static const char *const words[][2] = {
    [I_HEAD] = {"Nytt ärende: %s. Skapat av samkoll init --form %s.",
                "New case: %s. Written by samkoll init --form %s."},
    [I_HOW] = {"Fälten nedan är de som de %zu regler som kan gälla för formen läser. Fyll i det "
               "som är känt och låt unknown stå där det inte är känt: en uppgift som inte anges "
               "är okänd, aldrig falsk. En lista fylls i genom att unknown ersätts med posterna; "
               "en post står bortkommenterad under listan. Fälten beskrivs i "
               "docs/case-format.md. Granska med samkoll check FIL och se vilka frågor som "
               "återstår med samkoll ask FIL.",
               "The fields below are those read by the %zu rules that can apply to the form. "
               "Fill in what is known and leave unknown where it is not: a fact not stated is "
               "unknown, never false. A list is filled in by replacing unknown with its "
               "entries; one entry is commented out below it. The fields are described in "
               "docs/case-format.md. Check with samkoll check FILE and see the open questions "
               "with samkoll ask FILE."},
    [I_CASE_ID] = {"Ärendets id: a-z, 0-9, punkt, understreck och bindestreck.",
                   "The case id: a-z, 0-9, full stop, underscore and hyphen."},
    [I_TITLE] = {"Rubrik, t.ex. Gemensam nämnd för IT-drift (ta bort # först).",
                 "Title, e.g. Joint committee for IT operations (remove the # first)."},
};

static void emit_header(tctx *t)
{
    const char *form = sk_form_values[t->form];
    const char *label = sk_enum_label(sk_form_values, form, t->lang);
    int en = t->lang == SK_LANG_EN;
    char line[512];
    snprintf(line, sizeof line, words[I_HEAD][en], label ? label : form, form);
    comment(t, (at){0, 0}, line);
    sk_buf_puts(t->b, "#\n");
    snprintf(line, sizeof line, words[I_HOW][en], t->nrules);
    comment(t, (at){0, 0}, line);
    sk_buf_puts(t->b, "\n");
    comment(t, (at){0, 0}, words[I_CASE_ID][en]);
    sk_buf_printf(t->b, "case: %s-", en ? "new" : "ny");
    for (const char *c = form; *c; c++)
        sk_buf_putc(t->b, *c == '_' ? '-' : *c);
    sk_buf_puts(t->b, "\n");
    comment(t, (at){0, 0}, words[I_TITLE][en]);
    sk_buf_printf(t->b, "# title: %s\nformat: \"1.1\"\nform: %s\n", en ? "..." : "...", form);
}

sk_rc sk_case_template(const sk_ruleset *rs, const char *form, sk_lang lang, FILE *out)
{
    const char *f = sk_value_match("form", form);
    int fi = f ? sk_values_find(sk_form_values, f) : -1;
    if (!rs || fi < 0)
        return SK_ENOTFOUND;
    tctx *t = calloc(1, sizeof *t);
    sk_buf b;
    if (!t)
        return SK_ENOMEM;
    sk_buf_init(&b, 0);
    *t = (tctx){.rs = rs, .form = fi, .lang = lang, .b = &b};
    collect_rules(t);
    emit_header(t);
    for (size_t i = 0; i < sk_case_schema.count; i++) {
        const sk_field *fd = &sk_case_schema.fields[i];
        if (is_header_field(fd->name) || !wanted(t, fd->name))
            continue;
        sk_buf_putc(&b, '\n');
        emit_field(t, fd, fd->name, (at){0, 0}, NULL);
    }
    sk_rc rc = b.failed ? SK_ENOMEM : SK_OK;
    if (rc == SK_OK && (fwrite(b.data, 1, b.len, out) != b.len || ferror(out)))
        rc = SK_EIO;
    sk_buf_free(&b);
    free(t);
    return rc;
}
