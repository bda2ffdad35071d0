/* relpath.h - the build tools' (embed.c, embed_image.c) file order: rule
 * files sorted by their path relative to the rules directory, so both tools
 * see the same files in the same order on every machine. Each tool sets
 * g_root before sorting. Build-time only; the engine does not include it. */
#ifndef SK_TOOLS_RELPATH_H
#define SK_TOOLS_RELPATH_H

#include <string.h>

static const char *g_root;

/* name relative to g_root, or name itself when it is not under it. */
static const char *rel(const char *name)
{
    size_t rl = strlen(g_root);
    return strncmp(name, g_root, rl) == 0 && name[rl] == '/' ? name + rl + 1 : name;
}

/* qsort comparison of two file names by their relative paths. */
static int cmp_rel(const void *a, const void *b)
{
    return strcmp(rel(*(char *const *)a), rel(*(char *const *)b));
}

#endif
