/* config.c - `.samkoll.yaml`, the project configuration
 * (samkoll/config.h): found by walking up from a directory, read with the
 * YAML loader and its limits, validated with positioned errors. */
#include "samkoll/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/suggest.h"
#include "base/ui.h"
#include "yaml/yaml_load.h"
#include "yaml/yamlutil.h"

#define CONFIG_NAME ".samkoll.yaml"

static const char *const keys[] = {"rules", "date", "lang", "fail_on", "formats",
                                   "assessor", "exclude", NULL};
static const char *const langs[] = {"sv", "en", NULL};
static const char *const fail_ons[] = {"fail", "warn", "unknown", NULL};

static char *dupstr(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *sk_config_find(const char *dir)
{
    char cur[PATH_MAX];
    if (!realpath(dir, cur))
        return NULL;
    for (;;) {
        char path[PATH_MAX + sizeof CONFIG_NAME + 1];
        snprintf(path, sizeof path, "%s/%s", strcmp(cur, "/") ? cur : "", CONFIG_NAME);
        if (is_file(path))
            return dupstr(path);
        char *slash = strrchr(cur, '/');
        if (!slash || slash == cur) {
            if (!strcmp(cur, "/"))
                return NULL;
            strcpy(cur, "/");
            continue;
        }
        *slash = 0;
    }
}

/* One of values, or an error with a suggestion; -1 if absent or bad. */
static int pick(sk_diags *d, const sk_node *map, const char *key, const char *const *values)
{
    const char *s = sk_yu_str(d, map, key);
    if (!s)
        return -1;
    for (int i = 0; values[i]; i++)
        if (!strcmp(values[i], s))
            return i;
    char all[64] = "";
    for (int i = 0; values[i]; i++)
        snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "", values[i]);
    size_t n = 0;
    while (values[n])
        n++;
    sk_yu_err(d, sk_map_get(map, key), sk_suggest(s, values, n), M_BAD_ENUM, s, key, all);
    return -1;
}

/* A path written in the file, relative to its directory. */
static char *relative_to(const char *file, const char *path)
{
    if (path[0] == '/')
        return dupstr(path);
    const char *slash = strrchr(file, '/');
    size_t dn = slash ? (size_t)(slash - file) : 0;
    size_t n = dn + 1 + strlen(path) + 1;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s%s%s", (int)dn, file, dn ? "/" : "", path);
    return out;
}

/* A list of scalars (or one scalar) at key, each with its position. */
static sk_config_value *read_list(sk_diags *d, const sk_node *map, const char *key, size_t *n)
{
    *n = 0;
    const sk_node *v = sk_map_get(map, key);
    if (!v || v->kind == SK_NULL)
        return NULL;
    const sk_node *const *items = v->kind == SK_SEQ ? (const sk_node *const *)v->u.items : &v;
    size_t count = v->kind == SK_SEQ ? v->len : 1;
    sk_config_value *out = calloc(count ? count : 1, sizeof *out);
    for (size_t i = 0; out && i < count; i++) {
        if (items[i]->kind != SK_SCALAR) {
            sk_yu_err(d, items[i], NULL, M_EXPECTED, sk_ui(UI_A_TEXT, d->lang == SK_LANG_EN), key,
                      sk_node_shape(items[i], d->lang));
            continue;
        }
        out[*n].text = dupstr(items[i]->u.s);
        out[*n].line = items[i]->line;
        out[*n].col = items[i]->col;
        ++*n;
    }
    return out;
}

static void read_settings(sk_config *cfg, const sk_node *root, sk_diags *d)
{
    sk_yu_check_keys(d, root, keys, CONFIG_NAME);
    const char *rules = sk_yu_str(d, root, "rules");
    if (rules)
        cfg->rules = relative_to(cfg->path, rules);
    const char *date = sk_yu_str(d, root, "date");
    if (date) {
        cfg->has_date = sk_date_parse(date, strlen(date), &cfg->date);
        if (!cfg->has_date)
            sk_yu_err(d, sk_map_get(root, "date"), NULL, M_BAD_DATE, date, "date");
    }
    int lang = pick(d, root, "lang", langs);
    cfg->has_lang = lang >= 0;
    cfg->lang = lang == 1 ? SK_LANG_EN : SK_LANG_SV;
    static const int fail_status[] = {SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN};
    int f = pick(d, root, "fail_on", fail_ons);
    cfg->fail_on = f >= 0 ? fail_status[f] : -1;
    cfg->formats = read_list(d, root, "formats", &cfg->nformats);
    cfg->assessor = dupstr(sk_yu_str(d, root, "assessor"));
    size_t n;
    sk_config_value *ex = read_list(d, root, "exclude", &n);
    cfg->exclude = calloc(n ? n : 1, sizeof *cfg->exclude);
    for (size_t i = 0; cfg->exclude && i < n; i++)
        cfg->exclude[cfg->nexclude++] = ex[i].text;
    if (!cfg->exclude)
        for (size_t i = 0; i < n; i++)
            free(ex[i].text);
    free(ex);
}

sk_rc sk_config_load(const char *path, sk_config *cfg, sk_diags *d)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->fail_on = -1;
    cfg->path = dupstr(path);
    FILE *f = fopen(path, "rb");
    if (!cfg->path || !f) {
        if (f)
            fclose(f);
        sk_diag_add(d, SK_DIAG_ERROR, path, 0, 0, NULL, M_READ_FAILED, strerror(errno));
        return cfg->path ? SK_EIO : SK_ENOMEM;
    }
    sk_limits lim;
    sk_limits_default(&lim);
    sk_yaml *y = NULL;
    sk_rc rc = sk_yaml_open_file(&y, path, f, &lim);
    sk_arena a;
    sk_arena_init(&a, 4096);
    sk_node *root = NULL;
    size_t before = d->errors;
    if (rc == SK_OK)
        rc = sk_yaml_next(y, &a, &root, d);
    if (rc == SK_OK && root->kind != SK_MAP && root->kind != SK_NULL)
        sk_yu_err(d, root, NULL, M_EXPECTED, sk_ui(UI_A_MAP, d->lang == SK_LANG_EN), CONFIG_NAME,
                  sk_node_shape(root, d->lang));
    else if (rc == SK_OK && root->kind == SK_MAP)
        read_settings(cfg, root, d);
    if (rc == SK_OK && d->errors > before)
        rc = SK_EINVALID;
    if (y)
        sk_yaml_close(y);
    fclose(f);
    sk_arena_free(&a);
    return rc == SK_EEND ? SK_OK : rc;
}

void sk_config_clear(sk_config *cfg)
{
    free(cfg->path);
    free(cfg->rules);
    for (size_t i = 0; i < cfg->nformats; i++)
        free(cfg->formats[i].text);
    free(cfg->formats);
    free(cfg->assessor);
    for (size_t i = 0; i < cfg->nexclude; i++)
        free(cfg->exclude[i]);
    free(cfg->exclude);
    memset(cfg, 0, sizeof *cfg);
    cfg->fail_on = -1;
}
