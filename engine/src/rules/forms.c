/* forms.c - the collaboration forms table (rules/forms.yaml): declared
 * columns, one row per form, a typed and cited value in every cell. */
#include <string.h>

#include "rules/ruleset_int.h"
#include "base/suggest.h"
#include "yaml/yamlutil.h"
#include "base/ui.h"

static const char *const col_types[] = {"bool", "enum", "list", "text", NULL};

static void load_columns(sk_ruleset *rs, const sk_node *cols, sk_diags *d)
{
    if (!cols || cols->kind != SK_SEQ) {
        sk_yu_err(d, cols, NULL, M_EXPECTED, sk_ui(UI_A_LIST, d->lang == SK_LANG_EN), "columns",
                  sk_node_shape(cols, d->lang));
        return;
    }
    rs->cols = sk_arena_calloc(&rs->arena, cols->len ? cols->len : 1, sizeof *rs->cols);
    if (!rs->cols)
        return;
    static const char *const keys[] = {"key", "type", "values", "labels", "title", NULL};
    for (uint32_t i = 0; i < cols->len; i++) {
        const sk_node *c = cols->u.items[i];
        if (c->kind != SK_MAP)
            continue;
        sk_yu_check_keys(d, c, keys, "columns[]");
        sk_form_col *col = &rs->cols[rs->ncols];
        col->key = sk_yu_str(d, c, "key");
        const char *type = sk_yu_str(d, c, "type");
        sk_yu_lang_pair(d, c, "title", col->title, 1);
        int t = type ? sk_values_find(col_types, type) : -1;
        if (!col->key || t < 0) {
            sk_yu_err(d, c, type ? sk_suggest(type, col_types, 4) : NULL, M_BAD_ENUM,
                      type ? type : "", "type", "bool, enum, list, text");
            continue;
        }
        col->type = (uint8_t)t;
        const sk_node *vals = sk_map_get(c, "values");
        if (t == SK_COL_ENUM || t == SK_COL_LIST) {
            if (!vals || vals->kind != SK_SEQ) {
                sk_yu_missing(d, c, "values", col->key);
                continue;
            }
            col->values = sk_arena_calloc(&rs->arena, vals->len + 1, sizeof *col->values);
            if (!col->values)
                return;
            for (uint32_t k = 0; k < vals->len; k++)
                col->values[k] = vals->u.items[k]->u.s;
            const sk_node *labels = sk_map_get(c, "labels");
            if (labels && labels->kind == SK_MAP) {
                col->labels = sk_arena_calloc(&rs->arena, vals->len + 1, sizeof *col->labels);
                for (uint32_t k = 0; col->labels && k < labels->len; k++) {
                    const sk_node *key = labels->u.pairs[k].key;
                    int vi = sk_values_find(col->values, key->u.s);
                    if (vi < 0) {
                        sk_yu_err(d, key, sk_suggest(key->u.s, col->values, vals->len),
                                  M_UNKNOWN_KEY, key->u.s, "labels");
                        continue;
                    }
                    sk_yu_lang_pair(d, labels, key->u.s, col->labels[vi], 1);
                }
            }
        }
        rs->ncols++;
    }
}

/* Types a cell value according to its column; reports mismatches. */
static int type_cell(sk_diags *d, const sk_form_col *col, sk_node *v)
{
    if (col->type == SK_COL_LIST) {
        if (v->kind != SK_SEQ) {
            sk_yu_err(d, v, NULL, M_EXPECTED, sk_ui(UI_A_LIST, d->lang == SK_LANG_EN), col->key,
                      sk_node_shape(v, d->lang));
            return 0;
        }
        for (uint32_t i = 0; i < v->len; i++) {
            sk_node *it = v->u.items[i];
            if (it->kind != SK_SCALAR || sk_values_find(col->values, it->u.s) < 0) {
                sk_yu_err(d, it, it->kind == SK_SCALAR ? sk_suggest(it->u.s, col->values,
                          sk_values_count(col->values)) : NULL, M_BAD_ENUM,
                          it->kind == SK_SCALAR ? it->u.s : "?", col->key, "values");
                return 0;
            }
            it->vtype = SK_VT_TEXT;
        }
        return 1;
    }
    if (v->kind != SK_SCALAR) {
        sk_yu_err(d, v, NULL, M_EXPECTED, sk_ui(UI_A_SCALAR, d->lang == SK_LANG_EN), col->key,
                  sk_node_shape(v, d->lang));
        return 0;
    }
    if (col->type == SK_COL_BOOL) {
        if (strcmp(v->u.s, "true") && strcmp(v->u.s, "false")) {
            sk_yu_err(d, v, NULL, M_BAD_BOOL, v->u.s, col->key);
            return 0;
        }
        v->vtype = SK_VT_BOOL;
        v->v.b = strcmp(v->u.s, "true") == 0;
        return 1;
    }
    if (col->type == SK_COL_ENUM && sk_values_find(col->values, v->u.s) < 0) {
        sk_yu_err(d, v, sk_suggest(v->u.s, col->values, sk_values_count(col->values)),
                  M_BAD_ENUM, v->u.s, col->key, "values");
        return 0;
    }
    v->vtype = SK_VT_TEXT;
    return 1;
}

static void load_row(sk_ruleset *rs, const sk_node *r, sk_diags *d)
{
    static const char *const keys[] = {"form", "name", "cells", NULL};
    static const char *const cell_keys[] = {"value", "cite", "note", NULL};
    sk_yu_check_keys(d, r, keys, "forms[]");
    const char *form = sk_yu_str(d, r, "form");
    int fi = form ? sk_values_find(sk_form_values, form) : -1;
    if (fi < 0) {
        sk_yu_err(d, r, form ? sk_suggest(form, sk_form_values, sk_values_count(sk_form_values)) : NULL,
                  M_BAD_ENUM, form ? form : "", "form", "case format v1 forms");
        return;
    }
    sk_form_row *row = &rs->rows[fi];
    row->form = sk_form_values[fi];
    sk_yu_lang_pair(d, r, "name", row->name, 1);
    row->cells = sk_arena_calloc(&rs->arena, rs->ncols ? rs->ncols : 1, sizeof *row->cells);
    const sk_node *cells = sk_map_get(r, "cells");
    if (!row->cells || !cells || cells->kind != SK_MAP) {
        sk_yu_missing(d, r, "cells", form);
        return;
    }
    const char *colnames[64];
    size_t nc = rs->ncols < 64 ? rs->ncols : 64;
    for (size_t i = 0; i < nc; i++)
        colnames[i] = rs->cols[i].key;
    for (uint32_t i = 0; i < cells->len; i++) {
        const sk_node *k = cells->u.pairs[i].key;
        sk_node *cell = cells->u.pairs[i].val;
        int ci = -1;
        for (size_t c = 0; c < rs->ncols; c++)
            if (strcmp(rs->cols[c].key, k->u.s) == 0)
                ci = (int)c;
        if (ci < 0) {
            sk_yu_err(d, k, sk_suggest(k->u.s, colnames, nc), M_UNKNOWN_KEY, k->u.s, "cells");
            continue;
        }
        if (cell->kind != SK_MAP) {
            sk_yu_err(d, cell, NULL, M_EXPECTED, "{value, cite, note}", k->u.s,
                      sk_node_shape(cell, d->lang));
            continue;
        }
        sk_yu_check_keys(d, cell, cell_keys, k->u.s);
        sk_form_cell *fc = &row->cells[ci];
        sk_node *v = sk_map_get(cell, "value");
        if (!v) {
            sk_yu_missing(d, cell, "value", k->u.s);
            continue;
        }
        if (!type_cell(d, &rs->cols[ci], v))
            continue;
        fc->value = v;
        const sk_node *cite = sk_map_get(cell, "cite");
        if (!cite || cite->kind != SK_SEQ || cite->len == 0)
            sk_yu_err(d, cell, NULL, M_R_CELL_NOCITE, k->u.s, form);
        else
            fc->cites = sk_parse_cites(rs, cite, &fc->ncites, d);
        if (sk_map_get(cell, "note"))
            sk_yu_lang_pair(d, cell, "note", fc->note, 0);
    }
    for (size_t c = 0; c < rs->ncols; c++)
        if (!row->cells[c].value && !sk_map_get(cells, rs->cols[c].key))
            sk_yu_err(d, r, NULL, M_R_CELL_MISSING, rs->cols[c].key, form);
    row->present = true;
    rs->nforms++;
}

void sk_load_forms(sk_ruleset *rs, const sk_node *root, sk_diags *d)
{
    static const char *const keys[] = {"columns", "forms", NULL};
    if (!root || root->kind != SK_MAP) {
        sk_yu_err(d, root, NULL, M_EXPECTED, sk_ui(UI_A_MAPPING, d->lang == SK_LANG_EN), "forms.yaml",
                  sk_node_shape(root, d->lang));
        return;
    }
    sk_yu_check_keys(d, root, keys, "forms.yaml");
    load_columns(rs, sk_map_get(root, "columns"), d);
    const sk_node *forms = sk_map_get(root, "forms");
    if (!forms || forms->kind != SK_SEQ) {
        sk_yu_missing(d, root, "forms", "forms.yaml");
        return;
    }
    for (uint32_t i = 0; i < forms->len; i++)
        if (forms->u.items[i]->kind == SK_MAP)
            load_row(rs, forms->u.items[i], d);
    for (size_t f = 0; sk_form_values[f]; f++)
        if (!rs->rows[f].present)
            sk_yu_err(d, root, NULL, M_R_FORM_MISSING, sk_form_values[f]);
}
