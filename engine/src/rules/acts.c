/* acts.c - the table of acts and sources (rules/acts.yaml), structured
 * citations and their rendering in Swedish and English. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "rules/ruleset_int.h"
#include "base/suggest.h"
#include "yaml/yamlutil.h"
#include "base/ui.h"

/* ORDER: sk_certainty */
const char *const sk_certainty_names[] = {"settled", "contested", "pin_cite_unverified", NULL};
/* ORDER: sk_judged_at */
const char *const sk_judged_at_names[] = {"decision", "start", "assessment", NULL};

const char *sk_judged_at_label(sk_judged_at a, int lang)
{
    static const char *const labels[SK_AT__COUNT][2] = {
        {"beslutsdatumet (decided)", "the decision date (decided)"},
        {"startdatumet (starts)", "the start date (starts)"},
        {"bedömningsdatumet (date)", "the assessment date (date)"},
    };
    return labels[a < SK_AT__COUNT ? a : SK_AT_ASSESSMENT][lang ? 1 : 0];
}

const char *sk_certainty_word(sk_certainty c, int lang)
{
    static const char *const words[SK_CERT__COUNT][2] = {
        {"klart", "settled"},
        {"omstritt", "contested"},
        {"lagrummet ej kontrollerat", "pin-cite unverified"},
    };
    return words[c][lang ? 1 : 0];
}

const char *sk_cite_check_note(const sk_cite *c, int lang)
{
    if (!c->key || c->pin)
        return "";
    return lang ? " (not checked against the statute text)" : " (ej kontrollerat mot lagtexten)";
}

const char *sk_certainty_label(sk_certainty c, int lang)
{
    static const char *const labels[SK_CERT__COUNT][2] = {
        {"Rättsläget: klart", "settled"},
        {"Rättsläget: omstritt", "contested"},
        {"lagrummet ej kontrollerat", "pin-cite unverified"},
    };
    return labels[c][lang ? 1 : 0];
}

static const char *const act_kinds[] = {
    "statute", "eu_case_law", "se_case_law", "guidance", "preparatory", NULL};

const char *const sk_basis_names[] = {
    "statute", "eu_case_law", "se_case_law", "guidance", "practice", NULL};

const char *sk_basis_label(sk_basis b, int lang)
{
    static const char *const labels[SK_BASIS__COUNT][2] = {
        {"lag", "statute"},
        {"EU-rättspraxis", "EU case law"},
        {"svensk rättspraxis", "Swedish case law"},
        {"myndighetsvägledning", "official guidance"},
        {"etablerad praxis", "established practice"},
    };
    return labels[b][lang ? 1 : 0];
}

const sk_act *sk_acts_find(const sk_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nacts; i++)
        if (rs->acts[i].id[0] == id[0] && strcmp(rs->acts[i].id, id) == 0)
            return &rs->acts[i];
    return NULL;
}

/* ---- in force and pin-cite records ------------------------------------ */

/* A chapter or section number: digits, optionally a letter ("1 a", "6a"). */
static const char *number(const char *s)
{
    if (*s < '0' || *s > '9')
        return NULL;
    while (*s >= '0' && *s <= '9')
        s++;
    if (s[0] == ' ' && s[1] >= 'a' && s[1] <= 'z' && (s[2] == '\0' || s[2] == ':' || s[2] == '-'))
        s += 2;
    else if (*s >= 'a' && *s <= 'z')
        s++;
    return s;
}

/* "9:37", "2", "3:17-18", "6:1 a", "12 kap.", "art 28" */
static int valid_cite_key(const char *s)
{
    if (strncmp(s, "art ", 4) == 0) {
        const char *e = number(s + 4);
        return e && *e == '\0';
    }
    const char *e = number(s);
    if (!e)
        return 0;
    if (strcmp(e, " kap.") == 0)
        return 1;
    if (*e == ':') {
        e = number(e + 1);
        if (!e)
            return 0;
    }
    if (*e == '-') {
        e = number(e + 1);
        if (!e)
            return 0;
    }
    return *e == '\0';
}

static int node_date(sk_diags *d, const sk_node *map, const char *key, int32_t *out)
{
    const sk_node *v = sk_map_get(map, key);
    if (!v)
        return 0;
    if (v->kind != SK_SCALAR || !sk_date_parse(v->u.s, v->len, out)) {
        sk_yu_err(d, v, NULL, M_BAD_DATE, v->kind == SK_SCALAR ? v->u.s : "?", key);
        return -1;
    }
    return 1;
}

/* Reports `first` > `second` (both given) at the second's node. */
static void date_order(sk_diags *d, const sk_node *map, const char *k1, int32_t a,
                       const char *k2, int32_t b)
{
    if (a <= b)
        return;
    char x[11], y[11];
    sk_date_format(a, x);
    sk_date_format(b, y);
    sk_yu_err(d, sk_map_get(map, k2), NULL, M_DATE_ORDER, k1, x, k2, y);
}

static const sk_pin *pin_find(const sk_pin *v, uint32_t n, const char *cite)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(v[i].cite, cite) == 0)
            return &v[i];
    return NULL;
}

/* verified: [{cite, source, on, note}] or unverified: [{cite, reason}] */
static void load_pins(sk_ruleset *rs, sk_act *a, const sk_node *e, int verified, sk_diags *d)
{
    const char *key = verified ? "verified" : "unverified";
    const sk_node *list = sk_map_get(e, key);
    if (!list)
        return;
    if (list->kind != SK_SEQ) {
        sk_yu_err(d, list, NULL, M_EXPECTED, d->lang ? "a list" : "en lista", key,
                  sk_node_shape(list, d->lang));
        return;
    }
    sk_pin *v = sk_arena_calloc(&rs->arena, list->len ? list->len : 1, sizeof *v);
    if (!v)
        return;
    static const char *const vkeys[] = {"cite", "source", "on", "note", NULL};
    static const char *const ukeys[] = {"cite", "reason", NULL};
    uint32_t n = 0;
    for (uint32_t i = 0; i < list->len; i++) {
        const sk_node *m = list->u.items[i];
        if (m->kind != SK_MAP) {
            sk_yu_err(d, m, NULL, M_EXPECTED, d->lang ? "a mapping" : "en mapp", key,
                      sk_node_shape(m, d->lang));
            continue;
        }
        sk_yu_check_keys(d, m, verified ? vkeys : ukeys, key);
        sk_pin *p = &v[n];
        p->file = m->file;
        p->line = m->line;
        p->col = m->col;
        p->cite = sk_yu_str(d, m, "cite");
        if (!p->cite) {
            sk_yu_missing(d, m, "cite", key);
            continue;
        }
        if (!valid_cite_key(p->cite)) {
            sk_yu_err(d, sk_map_get(m, "cite"), NULL, M_A_BAD_CITE, p->cite);
            continue;
        }
        const sk_pin *dup = pin_find(v, n, p->cite);
        if (!dup)
            dup = verified ? NULL : pin_find(a->verified, a->nverified, p->cite);
        if (dup) {
            sk_yu_err(d, sk_map_get(m, "cite"), NULL, M_A_DUP_PIN, p->cite, dup->file, dup->line);
            continue;
        }
        if (verified) {
            p->source = sk_yu_str(d, m, "source");
            p->note = sk_yu_str(d, m, "note");
            int got = node_date(d, m, "on", &p->on);
            if (!p->source || got == 0) {
                sk_yu_missing(d, m, !p->source ? "source" : "on", key);
                continue;
            }
            if (got < 0)
                continue;
        } else if (!sk_yu_lang_pair(d, m, "reason", p->reason, 1)) {
            continue;
        }
        n++;
    }
    if (verified) {
        a->verified = v;
        a->nverified = n;
    } else {
        a->unverified = v;
        a->nunverified = n;
    }
}

/* in_force: {from, to}, verified[], unverified[]: statutes only. */
static void load_statute_parts(sk_ruleset *rs, sk_act *a, const sk_node *e, sk_diags *d)
{
    a->in_force_from = SK_DAY_MIN;
    a->in_force_to = SK_DAY_MAX;
    static const char *const parts[] = {"in_force", "verified", "unverified"};
    if (a->kind != SK_ACT_STATUTE) {
        for (size_t i = 0; i < 3; i++)
            if (sk_map_get(e, parts[i]))
                sk_yu_err(d, sk_map_get(e, parts[i]), NULL, M_A_STATUTE_ONLY, parts[i]);
        return;
    }
    const sk_node *f = sk_map_get(e, "in_force");
    if (f && f->kind != SK_MAP) {
        sk_yu_err(d, f, NULL, M_EXPECTED, d->lang ? "{from: YYYY-MM-DD, to: YYYY-MM-DD}"
                                                  : "{from: ÅÅÅÅ-MM-DD, to: ÅÅÅÅ-MM-DD}",
                  "in_force", sk_node_shape(f, d->lang));
    } else if (f) {
        static const char *const fkeys[] = {"from", "to", NULL};
        sk_yu_check_keys(d, f, fkeys, "in_force");
        int has_from = node_date(d, f, "from", &a->in_force_from);
        int has_to = node_date(d, f, "to", &a->in_force_to);
        if (has_from == 0)
            sk_yu_missing(d, f, "from", "in_force");
        if (has_from > 0 && has_to > 0)
            date_order(d, f, "from", a->in_force_from, "to", a->in_force_to);
        a->has_in_force = has_from > 0;
        if (has_from <= 0)
            a->in_force_from = SK_DAY_MIN;
        if (has_to <= 0)
            a->in_force_to = SK_DAY_MAX;
    }
    load_pins(rs, a, e, 1, d);
    load_pins(rs, a, e, 0, d);
}

void sk_load_acts(sk_ruleset *rs, const sk_node *root, sk_diags *d)
{
    if (!root || root->kind != SK_SEQ) {
        sk_yu_err(d, root, NULL, M_EXPECTED, sk_ui(UI_A_LIST, d->lang == SK_LANG_EN),
                  "acts.yaml", sk_node_shape(root, d->lang));
        return;
    }
    rs->acts = sk_arena_calloc(&rs->arena, root->len ? root->len : 1, sizeof *rs->acts);
    if (!rs->acts)
        return;
    static const char *const keys[] = {"id", "kind", "name", "sfs", "celex", "ecli", "url",
                                       "in_force", "verified", "unverified", NULL};
    for (uint32_t i = 0; i < root->len; i++) {
        const sk_node *e = root->u.items[i];
        if (e->kind != SK_MAP) {
            sk_yu_err(d, e, NULL, M_EXPECTED, sk_ui(UI_A_MAPPING, d->lang == SK_LANG_EN),
                      "acts[]", sk_node_shape(e, d->lang));
            continue;
        }
        sk_yu_check_keys(d, e, keys, "acts[]");
        sk_act *a = &rs->acts[rs->nacts];
        memset(a, 0, sizeof *a); /* the slot may hold a rejected entry's fields */
        a->id = sk_yu_str(d, e, "id");
        const char *kind = sk_yu_str(d, e, "kind");
        a->sfs = sk_yu_str(d, e, "sfs");
        a->celex = sk_yu_str(d, e, "celex");
        a->url = sk_yu_str(d, e, "url");
        a->file = e->file;
        a->line = e->line;
        a->col = e->col;
        int named = sk_yu_lang_pair(d, e, "name", a->name, 1);
        if (!a->id || !kind || !a->url) {
            sk_yu_missing(d, e, !a->id ? "id" : !kind ? "kind" : "url", "acts[]");
            continue;
        }
        int k = sk_values_find(act_kinds, kind);
        if (k < 0) {
            const sk_node *kn = sk_map_get(e, "kind");
            sk_yu_err(d, kn, sk_suggest(kind, act_kinds, 5), M_BAD_ENUM, kind, "kind",
                      "statute, eu_case_law, se_case_law, guidance, preparatory");
            continue;
        }
        a->kind = (uint8_t)k;
        load_statute_parts(rs, a, e, d);
        const sk_act *prev = sk_acts_find(rs, a->id);
        if (prev) {
            sk_yu_err(d, e, NULL, M_R_DUP_ID, a->id, prev->file, prev->line);
            continue;
        }
        if (!named) /* reported; the id stands in so citations still resolve */
            a->name[0] = a->name[1] = a->id;
        rs->nacts++;
    }
}

static const char *ordinal(int n, int lang)
{
    static const char *const o[2][7] = {
        {"", "första", "andra", "tredje", "fjärde", "femte", "sjätte"},
        {"", "first", "second", "third", "fourth", "fifth", "sixth"},
    };
    return n >= 1 && n <= 6 ? o[lang][n] : "";
}

static int int_of(sk_diags *d, const sk_node *map, const char *key)
{
    const char *s = sk_yu_str(d, map, key);
    if (!s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v <= 0 || v > 1000) {
        sk_yu_err(d, sk_map_get(map, key), NULL, M_BAD_INT, s, key);
        return 0;
    }
    return (int)v;
}

/* from/until of a date-bound citation, within the act's in_force. */
static int cite_window(sk_diags *d, const sk_node *e, sk_cite *c)
{
    int32_t from = SK_DAY_MIN, until = SK_DAY_MAX;
    int hf = node_date(d, e, "from", &from), hu = node_date(d, e, "until", &until);
    if (hf < 0 || hu < 0)
        return 0;
    if (hf > 0 && hu > 0 && from > until) {
        date_order(d, e, "from", from, "until", until);
        return 0;
    }
    c->has_from = hf > 0;
    c->has_until = hu > 0;
    c->from = from;
    c->until = until;
    return 1;
}

/* Is a section a number range "a-b" with plain numbers? */
static int plain_range(const char *sec, int *lo, int *hi)
{
    char *end;
    long a = strtol(sec, &end, 10);
    if (end == sec || *end != '-')
        return 0;
    const char *b0 = end + 1;
    long b = strtol(b0, &end, 10);
    if (end == b0 || *end || a < 1 || b < a || b - a > 200)
        return 0;
    *lo = (int)a;
    *hi = (int)b;
    return 1;
}

/* "<chapter><sep><tail>" in the rule set arena, without printf ("9:37"). */
static const char *chapter_key(sk_ruleset *rs, int chapter, const char *sep, const char *tail)
{
    char num[16];
    size_t n = sizeof num;
    unsigned u = chapter < 0 ? 0u - (unsigned)chapter : (unsigned)chapter;
    do {
        num[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (chapter < 0)
        num[--n] = '-';
    size_t nl = sizeof num - n, sl = strlen(sep), tl = strlen(tail);
    char *k = sk_arena_alloc(&rs->arena, nl + sl + tl + 1);
    if (!k)
        return NULL;
    memcpy(k, num + n, nl);
    memcpy(k + nl, sep, sl);
    memcpy(k + nl + sl, tail, tl + 1);
    return k;
}

/* The provision a statute citation pins, and its verified or unverified
 * record. A range is verified by its own entry or by an entry for each of
 * its sections. */
static void cite_key(sk_ruleset *rs, sk_cite *c)
{
    const sk_act *a = c->act;
    if (a->kind != SK_ACT_STATUTE || (!c->chapter && !c->section))
        return;
    if (a->celex && c->section)
        c->key = sk_arena_printf(&rs->arena, "art %s", c->section);
    else if (c->chapter && c->section)
        c->key = chapter_key(rs, c->chapter, ":", c->section);
    else if (c->section)
        c->key = c->section;
    else
        c->key = chapter_key(rs, c->chapter, " kap.", "");
    if (!c->key)
        return;
    c->pin = pin_find(a->verified, a->nverified, c->key);
    c->unpin = pin_find(a->unverified, a->nunverified, c->key);
    int lo, hi;
    if (c->pin || c->unpin || !c->section || a->celex || !plain_range(c->section, &lo, &hi))
        return;
    const sk_pin *first = NULL;
    for (int s = lo; s <= hi; s++) {
        char k[48];
        if (c->chapter)
            snprintf(k, sizeof k, "%d:%d", c->chapter, s);
        else
            snprintf(k, sizeof k, "%d", s);
        const sk_pin *p = pin_find(a->verified, a->nverified, k);
        if (!p) {
            if (!c->unpin)
                c->unpin = pin_find(a->unverified, a->nunverified, k);
            return;
        }
        if (!first)
            first = p;
    }
    c->pin = first;
}

void sk_cite_window(const sk_cite *c, int32_t *from, int32_t *until)
{
    *from = c->from > c->act->in_force_from ? c->from : c->act->in_force_from;
    *until = c->until < c->act->in_force_to ? c->until : c->act->in_force_to;
}

/* sk_cite_valid_at without a call: sk_cite_mask runs for most rules of
 * every case, and the exported functions are not inlined across calls. */
static inline bool cite_in_force(const sk_cite *c, int32_t day)
{
    return day >= c->from && day >= c->act->in_force_from &&
           day <= c->until && day <= c->act->in_force_to;
}

bool sk_cite_valid_at(const sk_cite *c, int32_t day)
{
    return cite_in_force(c, day);
}

uint64_t sk_cite_mask(const sk_rule *r, int32_t day)
{
    uint64_t m = 0;
    uint32_t n = r->ncites < SK_MAX_CITES ? r->ncites : SK_MAX_CITES;
    for (uint32_t i = 0; i < n; i++)
        m |= (uint64_t)cite_in_force(&r->cites[i], day) << i;
    return m;
}

void sk_cites_common_window(sk_rule *r)
{
    r->cites_all_from = INT32_MIN;
    r->cites_all_until = INT32_MAX;
    for (uint32_t i = 0; i < r->ncites && i < SK_MAX_CITES; i++) {
        int32_t from, until;
        sk_cite_window(&r->cites[i], &from, &until);
        if (from > r->cites_all_from)
            r->cites_all_from = from;
        if (until < r->cites_all_until)
            r->cites_all_until = until;
    }
}

uint64_t sk_cite_mask_shown(const sk_rule *r, int32_t day)
{
    if (day >= r->cites_all_from && day <= r->cites_all_until)
        return sk_cite_mask_all(r); /* every citation in force: the common case */
    uint64_t m = sk_cite_mask(r, day);
    if (m)
        return m;
    int32_t near = day;
    if (r->has_from && near < r->valid_from)
        near = r->valid_from;
    if (r->has_to && near > r->valid_to)
        near = r->valid_to;
    m = near != day ? sk_cite_mask(r, near) : 0;
    return m ? m : sk_cite_mask_all(r);
}

uint64_t sk_cites_mask_at(const sk_cite *c, uint32_t n, int32_t day)
{
    uint64_t m = 0;
    for (uint32_t i = 0; i < n && i < SK_MAX_CITES; i++)
        if (cite_in_force(&c[i], day))
            m |= (uint64_t)1 << i;
    if (!m)
        m = n >= SK_MAX_CITES ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    return m;
}

uint64_t sk_cite_mask_all(const sk_rule *r)
{
    return r->ncites >= SK_MAX_CITES ? ~(uint64_t)0 : ((uint64_t)1 << r->ncites) - 1;
}

sk_certainty sk_rule_certainty(const sk_rule *r, uint64_t mask)
{
    if (r->certainty == SK_CERT_CONTESTED)
        return SK_CERT_CONTESTED;
    for (uint32_t i = 0; i < r->ncites && i < SK_MAX_CITES; i++)
        if ((mask >> i & 1) && r->cites[i].key && !r->cites[i].pin)
            return SK_CERT_PIN_UNVERIFIED;
    return SK_CERT_SETTLED;
}

sk_cite *sk_parse_cites(sk_ruleset *rs, const sk_node *n, uint32_t *count, sk_diags *d)
{
    *count = 0;
    if (!n || n->kind != SK_SEQ || n->len == 0) {
        sk_yu_err(d, n, NULL, M_EXPECTED, sk_ui(UI_A_LIST_OF_CITATIONS, d->lang == SK_LANG_EN),
                  "citations", sk_node_shape(n, d->lang));
        return NULL;
    }
    sk_cite *v = sk_arena_calloc(&rs->arena, n->len, sizeof *v);
    if (!v)
        return NULL;
    static const char *const keys[] = {"act", "chapter", "section", "article", "paragraph", "point",
                                       "page", "from", "until", NULL};
    for (uint32_t i = 0; i < n->len; i++) {
        const sk_node *e = n->u.items[i];
        if (e->kind != SK_MAP) {
            sk_yu_err(d, e, NULL, M_EXPECTED, sk_ui(UI_A_MAPPING, d->lang == SK_LANG_EN),
                      "citations[]", sk_node_shape(e, d->lang));
            continue;
        }
        sk_yu_check_keys(d, e, keys, "citations[]");
        const char *act = sk_yu_str(d, e, "act");
        if (!act) {
            sk_yu_missing(d, e, "act", "citations[]");
            continue;
        }
        sk_cite *c = &v[*count];
        c->act = sk_acts_find(rs, act);
        if (!c->act) {
            const char *names[256];
            size_t nn = rs->nacts < 256 ? rs->nacts : 256;
            for (size_t k = 0; k < nn; k++)
                names[k] = rs->acts[k].id;
            sk_yu_err(d, sk_map_get(e, "act"), sk_suggest(act, names, nn), M_R_UNKNOWN_ACT, act);
            continue;
        }
        c->chapter = int_of(d, e, "chapter");
        c->section = sk_yu_str(d, e, "section");
        if (!c->section)
            c->section = sk_yu_str(d, e, "article");
        c->paragraph = int_of(d, e, "paragraph");
        c->point = int_of(d, e, "point");
        c->page = sk_yu_str(d, e, "page");
        if (c->act->kind != SK_ACT_STATUTE) {
            const char *bad = c->chapter ? "chapter" : c->section ? "section"
                            : c->paragraph ? "paragraph" : c->point ? "point" : NULL;
            if (bad) {
                sk_yu_err(d, e, NULL, M_R_CITE_FIELD, act, bad);
                continue;
            }
        }
        if (!cite_window(d, e, c))
            continue;
        c->file = e->file;
        c->line = e->line;
        c->col = e->col;
        cite_key(rs, c);
        sk_cite_render(rs, c);
        (*count)++;
    }
    return v;
}

/* "17-18" -> "17–18 §§", "37" -> "37 §" */
/* A bounded text builder: what does not fit is cut off, as by snprintf. */
typedef struct tbuf {
    char s[512];
    size_t n;
} tbuf;

static void tb_put(tbuf *t, const char *s)
{
    size_t k = strlen(s), room = sizeof t->s - 1 - t->n;
    k = k < room ? k : room;
    memcpy(t->s + t->n, s, k);
    t->n += k;
    t->s[t->n] = '\0';
}

static void tb_int(tbuf *t, int v)
{
    char d[16];
    size_t n = sizeof d - 1;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    d[n] = '\0';
    do {
        d[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--n] = '-';
    tb_put(t, d + n);
}

/* "37 §", "3-5 §§" (with an en dash), or the article of an EU act. */
static void section_text(const char *sec, tbuf *t, int article, int lang)
{
    const char *dash = strchr(sec, '-');
    if (article) {
        snprintf(t->s, sizeof t->s, sk_ui(UI_ARTICLE, lang == SK_LANG_EN), sec);
        t->n = strlen(t->s);
    } else if (dash) {
        size_t k = (size_t)(dash - sec) < sizeof t->s - 1 ? (size_t)(dash - sec) : sizeof t->s - 1;
        memcpy(t->s, sec, k);
        t->s[t->n = k] = '\0';
        tb_put(t, "\u2013");
        tb_put(t, dash + 1);
        tb_put(t, " §§");
    } else {
        tb_put(t, sec);
        tb_put(t, " §");
    }
}

/* "9 kap. 37 § andra stycket punkt 3 kommunallagen (2017:725)" */
static void cite_text_sv(const sk_cite *c, const char *sec, tbuf *t)
{
    if (c->chapter) {
        tb_int(t, c->chapter);
        tb_put(t, " kap.");
    }
    if (c->section) {
        tb_put(t, t->n ? " " : "");
        tb_put(t, sec);
    }
    if (c->paragraph) {
        tb_put(t, " ");
        tb_put(t, ordinal(c->paragraph, 0));
        tb_put(t, " stycket");
    }
    if (c->point) {
        tb_put(t, " punkt ");
        tb_int(t, c->point);
    }
    tb_put(t, t->n ? " " : "");
    tb_put(t, c->act->name[0]);
}

/* "Chapter 9, Section 37, second paragraph of the ... (2017:725)" */
static void cite_text_en(const sk_cite *c, const char *sec, int article, tbuf *t)
{
    if (c->chapter) {
        tb_put(t, "Chapter ");
        tb_int(t, c->chapter);
    }
    if (c->section) {
        tb_put(t, t->n ? ", " : "");
        tb_put(t, article ? sec : "Section ");
        tb_put(t, article ? "" : c->section);
    }
    if (c->paragraph) {
        tb_put(t, ", ");
        tb_put(t, ordinal(c->paragraph, 1));
        tb_put(t, " paragraph");
    }
    if (c->point) {
        tb_put(t, ", point ");
        tb_int(t, c->point);
    }
    tb_put(t, t->n ? " of " : "");
    tb_put(t, c->act->name[1]);
}

/* The act's lagen.nu URL with the anchor #K<chapter>P<section>[S<stycke>]. */
static const char *lagen_anchor(sk_ruleset *rs, const sk_cite *c)
{
    const char *url = c->act->url;
    int first = atoi(c->section);
    tbuf t = {.n = 0};
    t.s[0] = '\0';
    if (strlen(url) > sizeof t.s - 64) { /* not to be cut by the buffer */
        if (c->chapter && c->paragraph)
            return sk_arena_printf(&rs->arena, "%s#K%dP%dS%d", url, c->chapter, first,
                                   c->paragraph);
        if (c->chapter)
            return sk_arena_printf(&rs->arena, "%s#K%dP%d", url, c->chapter, first);
        return sk_arena_printf(&rs->arena, "%s#P%d", url, first);
    }
    tb_put(&t, url);
    tb_put(&t, c->chapter ? "#K" : "#P");
    if (c->chapter) {
        tb_int(&t, c->chapter);
        tb_put(&t, "P");
    }
    tb_int(&t, first);
    if (c->chapter && c->paragraph) {
        tb_put(&t, "S");
        tb_int(&t, c->paragraph);
    }
    return sk_arena_strndup(&rs->arena, t.s, t.n);
}

void sk_cite_render(sk_ruleset *rs, sk_cite *c)
{
    const sk_act *a = c->act;
    int article = a->celex != NULL; /* EU acts: articles, not sections */
    for (int lang = 0; lang < 2; lang++) {
        tbuf t = {.n = 0}, sec = {.n = 0};
        t.s[0] = sec.s[0] = '\0';
        if (a->kind != SK_ACT_STATUTE) {
            tb_put(&t, a->name[lang]);
            tb_put(&t, c->page ? " " : "");
            tb_put(&t, c->page ? c->page : "");
        } else {
            if (c->section)
                section_text(c->section, &sec, article, lang);
            if (lang == 0)
                cite_text_sv(c, sec.s, &t);
            else
                cite_text_en(c, sec.s, article, &t);
            if (a->sfs) {
                tb_put(&t, " (");
                tb_put(&t, a->sfs);
                tb_put(&t, ")");
            }
        }
        c->text[lang] = sk_arena_strndup(&rs->arena, t.s, t.n);
    }
    /* lagen.nu anchors: #K<chapter>P<section>[S<stycke>] */
    if (a->kind == SK_ACT_STATUTE && c->section && strncmp(a->url, "https://lagen.nu/", 17) == 0)
        c->url = lagen_anchor(rs, c);
    else
        c->url = a->url;
}
