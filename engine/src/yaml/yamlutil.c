/* yamlutil.c - helpers for reading rule-set YAML (see yamlutil.h). */
#include "yaml/yamlutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/suggest.h"
#include "base/ui.h"

void sk_yu_err(sk_diags *d, const sk_node *n, const char *hint, sk_msg id, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, id);
    vsnprintf(msg, sizeof msg, sk_msg_fmt(id, d->lang), ap);
    va_end(ap);
    sk_diag_addv(d, SK_DIAG_ERROR, n ? n->file : "", n ? n->line : 0,
                 n ? n->col : 0, hint, msg);
}

int sk_yu_check_keys(sk_diags *d, const sk_node *map, const char *const *allowed,
                     const char *where)
{
    int bad = 0;
    size_t n = 0;
    while (allowed[n])
        n++;
    for (uint32_t i = 0; i < map->len; i++) {
        const sk_node *k = map->u.pairs[i].key;
        int found = 0;
        for (size_t j = 0; j < n && !found; j++)
            found = k->u.s[0] == allowed[j][0] && strcmp(k->u.s, allowed[j]) == 0;
        if (!found) {
            sk_yu_err(d, k, sk_suggest(k->u.s, allowed, n), M_UNKNOWN_KEY, k->u.s, where);
            bad++;
        }
    }
    return bad;
}

const char *sk_yu_str(sk_diags *d, const sk_node *map, const char *key)
{
    const sk_node *v = sk_map_get(map, key);
    if (!v || v->kind == SK_NULL)
        return NULL;
    if (v->kind != SK_SCALAR) {
        sk_yu_err(d, v, NULL, M_EXPECTED, sk_ui(UI_A_TEXT, d->lang == SK_LANG_EN), key,
                  sk_node_shape(v, d->lang));
        return NULL;
    }
    return v->u.s;
}

void sk_yu_missing(sk_diags *d, const sk_node *map, const char *key, const char *where)
{
    sk_yu_err(d, map, NULL, M_MISSING_KEY, key, where);
}

int sk_yu_lang_pair(sk_diags *d, const sk_node *map, const char *key,
                    const char *out[2], int required)
{
    out[0] = out[1] = NULL;
    const sk_node *v = sk_map_get(map, key);
    if (!v || v->kind == SK_NULL) {
        if (required)
            sk_yu_err(d, map, NULL, M_MISSING_KEY_HERE, key);
        return 0;
    }
    if (v->kind != SK_MAP) {
        sk_yu_err(d, v, NULL, M_R_LANG, key);
        return 0;
    }
    static const char *const langs[] = {"sv", "en", NULL};
    sk_yu_check_keys(d, v, langs, key);
    const char *sv = sk_yu_str(d, v, "sv"), *en = sk_yu_str(d, v, "en");
    if (!sv || !en) { /* all or nothing: no caller sees half a pair */
        sk_yu_err(d, v, NULL, M_R_LANG, key);
        return 0;
    }
    out[0] = sv;
    out[1] = en;
    return 1;
}
