/* acts.c - the table of acts and sources (rules/acts.yaml), structured
 * citations and their rendering in Swedish and English. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ruleset_int.h"
#include "base/suggest.h"
#include "yaml/yamlutil.h"
#include "base/ui.h"

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
        if (strcmp(rs->acts[i].id, id) == 0)
            return &rs->acts[i];
    return NULL;
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
    static const char *const keys[] = {"id", "kind", "name", "sfs", "celex", "ecli", "url", NULL};
    for (uint32_t i = 0; i < root->len; i++) {
        const sk_node *e = root->u.items[i];
        if (e->kind != SK_MAP) {
            sk_yu_err(d, e, NULL, M_EXPECTED, sk_ui(UI_A_MAPPING, d->lang == SK_LANG_EN),
                      "acts[]", sk_node_shape(e, d->lang));
            continue;
        }
        sk_yu_check_keys(d, e, keys, "acts[]");
        sk_act *a = &rs->acts[rs->nacts];
        a->id = sk_yu_str(d, e, "id");
        const char *kind = sk_yu_str(d, e, "kind");
        a->sfs = sk_yu_str(d, e, "sfs");
        a->celex = sk_yu_str(d, e, "celex");
        a->url = sk_yu_str(d, e, "url");
        a->file = e->file;
        a->line = e->line;
        a->col = e->col;
        sk_yu_lang_pair(d, e, "name", a->name, 1);
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
        const sk_act *prev = sk_acts_find(rs, a->id);
        if (prev) {
            sk_yu_err(d, e, NULL, M_R_DUP_ID, a->id, prev->file, prev->line);
            continue;
        }
        if (a->name[0])
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

sk_cite *sk_parse_cites(sk_ruleset *rs, const sk_node *n, uint32_t *count, sk_diags *d)
{
    *count = 0;
    if (!n || n->kind != SK_SEQ || n->len == 0) {
        sk_yu_err(d, n, NULL, M_EXPECTED, sk_ui(UI_EN_LISTA_MED_H_NVISNINGAR, d->lang == SK_LANG_EN),
                  "citations", sk_node_shape(n, d->lang));
        return NULL;
    }
    sk_cite *v = sk_arena_calloc(&rs->arena, n->len, sizeof *v);
    if (!v)
        return NULL;
    static const char *const keys[] = {"act", "chapter", "section", "article", "paragraph", "point", "page", NULL};
    for (uint32_t i = 0; i < n->len; i++) {
        const sk_node *e = n->u.items[i];
        if (e->kind != SK_MAP) {
            sk_yu_err(d, e, NULL, M_EXPECTED, sk_ui(UI_EN_MAPP, d->lang == SK_LANG_EN),
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
        sk_cite_render(rs, c);
        (*count)++;
    }
    return v;
}

/* "17-18" -> "17–18 §§", "37" -> "37 §" */
static void section_text(const char *sec, char *out, size_t outsz, int article, int lang)
{
    const char *dash = strchr(sec, '-');
    if (article) {
        snprintf(out, outsz, sk_ui(UI_ARTICLE, lang == SK_LANG_EN), sec);
        return;
    }
    if (dash)
        snprintf(out, outsz, "%.*s\u2013%s §§", (int)(dash - sec), sec, dash + 1);
    else
        snprintf(out, outsz, "%s §", sec);
}

void sk_cite_render(sk_ruleset *rs, sk_cite *c)
{
    const sk_act *a = c->act;
    int article = a->celex != NULL; /* EU acts: articles, not sections */
    for (int lang = 0; lang < 2; lang++) {
        char buf[512], sec[64] = "", par[64] = "", pt[32] = "", ch[32] = "";
        if (a->kind != SK_ACT_STATUTE) {
            snprintf(buf, sizeof buf, "%s%s%s", a->name[lang], c->page ? " " : "",
                     c->page ? c->page : "");
            c->text[lang] = sk_arena_strdup(&rs->arena, buf);
            continue;
        }
        if (c->section)
            section_text(c->section, sec, sizeof sec, article, lang);
        if (lang == 0) {
            /* "9 kap. 37 § andra stycket punkt 3 kommunallagen (2017:725)" */
            char parts[200] = "";
            size_t n = 0;
            if (c->chapter)
                n += (size_t)snprintf(parts + n, sizeof parts - n, "%d kap.", c->chapter);
            if (c->section && n < sizeof parts)
                n += (size_t)snprintf(parts + n, sizeof parts - n, "%s%s", n ? " " : "", sec);
            if (c->paragraph && n < sizeof parts)
                n += (size_t)snprintf(parts + n, sizeof parts - n, " %s stycket", ordinal(c->paragraph, 0));
            if (c->point && n < sizeof parts)
                n += (size_t)snprintf(parts + n, sizeof parts - n, " punkt %d", c->point);
            if (a->sfs)
                snprintf(buf, sizeof buf, "%s%s%s (%s)", parts, n ? " " : "", a->name[0], a->sfs);
            else
                snprintf(buf, sizeof buf, "%s%s%s", parts, n ? " " : "", a->name[0]);
            (void)ch; (void)par; (void)pt;
        } else {
            /* "Chapter 9, Section 37, second paragraph of the ... (2017:725)" */
            char parts[160] = "";
            size_t n = 0;
            if (c->chapter)
                n += (size_t)snprintf(parts + n, sizeof parts - n, "Chapter %d", c->chapter);
            if (c->section)
                n += (size_t)snprintf(parts + n, sizeof parts - n, "%s%s%s", n ? ", " : "",
                                      article ? "" : "Section ", article ? sec : c->section);
            if (c->paragraph && n < sizeof parts)
                n += (size_t)snprintf(parts + n, sizeof parts - n, ", %s paragraph", ordinal(c->paragraph, 1));
            if (c->point && n < sizeof parts)
                n += (size_t)snprintf(parts + n, sizeof parts - n, ", point %d", c->point);
            const char *sep = n ? " of " : "";
            if (a->sfs)
                snprintf(buf, sizeof buf, "%s%s%s (%s)", parts, sep, a->name[1], a->sfs);
            else
                snprintf(buf, sizeof buf, "%s%s%s", parts, sep, a->name[1]);
            (void)ch; (void)par; (void)pt;
        }
        c->text[lang] = sk_arena_strdup(&rs->arena, buf);
    }
    /* lagen.nu anchors: #K<chapter>P<section>[S<stycke>] */
    if (a->kind == SK_ACT_STATUTE && c->section && strncmp(a->url, "https://lagen.nu/", 17) == 0) {
        int first = atoi(c->section);
        if (c->chapter && c->paragraph)
            c->url = sk_arena_printf(&rs->arena, "%s#K%dP%dS%d", a->url, c->chapter, first, c->paragraph);
        else if (c->chapter)
            c->url = sk_arena_printf(&rs->arena, "%s#K%dP%d", a->url, c->chapter, first);
        else
            c->url = sk_arena_printf(&rs->arena, "%s#P%d", a->url, first);
    } else {
        c->url = a->url;
    }
}
