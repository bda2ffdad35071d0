/* files.c - recursive, sorted collection of YAML input files. */
#include "samkoll/files.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"

typedef struct visited {
    dev_t dev;
    ino_t ino;
} visited;

static int push(sk_files *f, const char *path)
{
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        char **p = realloc(f->paths, cap * sizeof *p);
        if (!p)
            return 0;
        f->paths = p;
        f->cap = cap;
    }
    size_t n = strlen(path);
    char *copy = malloc(n + 1);
    if (!copy)
        return 0;
    memcpy(copy, path, n + 1);
    f->paths[f->count++] = copy;
    return 1;
}

static int is_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(sk_files *out, const char *dir, visited *stack, int depth, sk_diags *d)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return 0;
    for (int i = 0; i < depth; i++)
        if (stack[i].dev == st.st_dev && stack[i].ino == st.st_ino) {
            sk_diag_add(d, SK_DIAG_ERROR, dir, 0, 0, NULL, M_LOOP, dir);
            return 1;
        }
    if (depth >= 64) {
        sk_diag_add(d, SK_DIAG_ERROR, dir, 0, 0, NULL, M_LOOP, dir);
        return 1;
    }
    stack[depth].dev = st.st_dev;
    stack[depth].ino = st.st_ino;
    DIR *dp = opendir(dir);
    if (!dp) {
        sk_diag_add(d, SK_DIAG_ERROR, dir, 0, 0, NULL, M_READ_FAILED, strerror(errno));
        return 1;
    }
    sk_files names = {0};
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .., hidden files */
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p)
            break;
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        push(&names, p);
        free(p);
    }
    closedir(dp);
    qsort(names.paths, names.count, sizeof *names.paths, cmp_str);
    int errors = 0;
    for (size_t i = 0; i < names.count; i++) {
        const char *p = names.paths[i];
        struct stat s2;
        if (stat(p, &s2) != 0) {
            if (is_yaml(p)) /* dangling link or unreadable entry */
                errors += push(out, p) ? 0 : 1;
            continue;
        }
        if (S_ISDIR(s2.st_mode)) {
            errors += walk(out, p, stack, depth + 1, d);
        } else if (is_yaml(p) && !S_ISREG(s2.st_mode)) {
            /* a FIFO or device found by walking would block or never end;
             * name one on the command line to read it */
            sk_diag_add(d, SK_DIAG_ERROR, p, 0, 0, NULL, M_READ_FAILED,
                        sk_msg_fmt(M_NOT_REGULAR, d->lang));
            errors++;
        } else if (is_yaml(p)) {
            push(out, p);
        }
    }
    sk_files_free(&names);
    return errors;
}

int sk_files_collect(sk_files *out, const char *path, sk_diags *d)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return push(out, path) ? 0 : 1;
    if (stat(path, &st) != 0) {
        sk_diag_add(d, SK_DIAG_ERROR, path, 0, 0, NULL, M_READ_FAILED, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return push(out, path) ? 0 : 1;
    visited stack[64];
    size_t before = out->count;
    int errors = walk(out, path, stack, 0, d);
    if (out->count == before && errors == 0) {
        sk_diag_add(d, SK_DIAG_ERROR, path, 0, 0, NULL, M_NO_INPUT, path);
        errors++;
    }
    return errors;
}

void sk_files_free(sk_files *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->paths[i]);
    free(f->paths);
    f->paths = NULL;
    f->count = f->cap = 0;
}
