/* value.c - small accessors over the value tree. */
#include "yaml/value.h"

#include <string.h>

sk_node *sk_map_get(const sk_node *map, const char *key)
{
    if (!map || map->kind != SK_MAP)
        return NULL;
    for (uint32_t i = 0; i < map->len; i++) {
        const char *k = map->u.pairs[i].key->u.s;
        if (sk_name_eq(k, key))
            return map->u.pairs[i].val;
    }
    return NULL;
}

const sk_pair *sk_map_field(const sk_node *map, int32_t f)
{
    if (!map || map->kind != SK_MAP)
        return NULL;
    for (uint32_t i = 0; i < map->len; i++)
        if (map->u.pairs[i].key->field == f)
            return &map->u.pairs[i];
    return NULL;
}

const char *sk_node_shape(const sk_node *n, sk_lang lang)
{
    static const char *const names[2][4] = {
        {"ett tomt värde", "ett enkelt värde", "en lista", "en mapp"},
        {"an empty value", "a scalar", "a list", "a mapping"},
    };
    int k = n ? n->kind : SK_NULL;
    return names[lang ? 1 : 0][k];
}
