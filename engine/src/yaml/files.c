/* files.c - recursive, sorted collection of YAML input files. */
#include "samkoll/files.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "yaml/namesel.h"

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
    if (names.count) /* an empty directory has no array to sort */
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

/* ---- the lazy walk ----------------------------------------------------- */

#define WALK_DEPTH 64
/* At most SK_WALK_CHUNK names of one directory are held at once. A
 * directory with more is read again for each further chunk (the names
 * after the last one of the chunk before), so memory is bounded by the
 * chunk, not by the size of a flat directory; the order stays the sorted
 * one. Each further read costs a readdir of the whole directory (about 30
 * ms for 100,000 entries), against 4 MB of names held for the whole walk.
 * 8,192 names: a flat directory of 100,000 files takes 13 reads (1.4 %
 * more time than 12,288 names in 9) and peak RSS stays within 10 % of a
 * small directory's with mimalloc too (bench/RESULTS.md, eighth round). */
#ifndef WALK_CHUNK
#define WALK_CHUNK SK_WALK_CHUNK
#endif

typedef struct wframe {
    char *dir;
    DIR *dp;                /* open as long as the frame */
    sk_namesel names;       /* the current chunk of dir's entries, sorted */
    size_t next;
    char *after;            /* the chunk holds names after this (NULL: from the first) */
    dev_t dev;
    ino_t ino;
} wframe;

/* Reads the next chunk of the frame's directory: the WALK_CHUNK smallest
 * names after f->after, sorted. */
static void read_chunk(wframe *f, sk_diags *d)
{
    sk_namesel_reset(&f->names);
    f->next = 0;
    rewinddir(f->dp);
    struct dirent *e;
    while ((e = readdir(f->dp)) != NULL) {
        if (e->d_name[0] == '.' || (f->after && strcmp(e->d_name, f->after) <= 0))
            continue;
        if (!sk_namesel_offer(&f->names, e->d_name, strlen(e->d_name), e->d_type))
            d->failed = true; /* a name lost: the run must fail */
    }
    sk_namesel_sort(&f->names);
}

/* The chunk after the current one: its last name is where the next begins. */
static void next_chunk(wframe *f, sk_diags *d)
{
    char *after = strdup(sk_namesel_at(&f->names, f->names.count - 1));
    if (!after) {
        d->failed = true; /* out of memory: end the directory here */
        sk_namesel_reset(&f->names);
        f->next = 0;
        return;
    }
    free(f->after);
    f->after = after;
    read_chunk(f, d);
}

struct sk_walk {
    char *root;
    int single;             /* root is a file or "-": yield it once */
    int started;
    size_t found;
    int depth;
    wframe st[WALK_DEPTH];
    char *cur;
};

sk_walk *sk_walk_open(const char *path)
{
    sk_walk *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    size_t n = strlen(path);
    w->root = malloc(n + 1);
    if (!w->root) {
        free(w);
        return NULL;
    }
    memcpy(w->root, path, n + 1);
    return w;
}

/* Enters directory dir (loop check, read, sort); 0 on a problem (in d). */
static int enter(sk_walk *w, const char *dir, const struct stat *st, sk_diags *d)
{
    for (int i = 0; i < w->depth; i++)
        if (w->st[i].dev == st->st_dev && w->st[i].ino == st->st_ino) {
            sk_diag_add(d, SK_DIAG_ERROR, dir, 0, 0, NULL, M_LOOP, dir);
            return 0;
        }
    if (w->depth >= WALK_DEPTH) {
        sk_diag_add(d, SK_DIAG_ERROR, dir, 0, 0, NULL, M_DIR_TOO_DEEP, dir, (unsigned)WALK_DEPTH);
        return 0;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        sk_diag_add(d, SK_DIAG_ERROR, dir, 0, 0, NULL, M_READ_FAILED, strerror(errno));
        return 0;
    }
    wframe *f = &w->st[w->depth];
    memset(f, 0, sizeof *f);
    sk_namesel_init(&f->names, WALK_CHUNK);
    size_t dl = strlen(dir);
    f->dir = malloc(dl + 1);
    if (!f->dir) {
        closedir(dp);
        d->failed = true; /* out of memory: the caller's run fails */
        return 0;
    }
    memcpy(f->dir, dir, dl + 1);
    f->dev = st->st_dev;
    f->ino = st->st_ino;
    f->dp = dp;
    read_chunk(f, d);
    w->depth++;
    return 1;
}

static void leave(sk_walk *w)
{
    wframe *f = &w->st[--w->depth];
    closedir(f->dp);
    free(f->dir);
    free(f->after);
    sk_namesel_free(&f->names);
}

int sk_walk_next(sk_walk *w, const char **path, sk_diags *d)
{
    *path = NULL;
    free(w->cur);
    w->cur = NULL;
    if (!w->started) {
        w->started = 1;
        struct stat st;
        if (strcmp(w->root, "-") != 0 && stat(w->root, &st) != 0) {
            sk_diag_add(d, SK_DIAG_ERROR, w->root, 0, 0, NULL, M_READ_FAILED, strerror(errno));
            w->single = 1; /* nothing more to walk */
            return -1;
        }
        if (strcmp(w->root, "-") == 0 || !S_ISDIR(st.st_mode)) {
            w->single = 1;
            *path = w->root;
            return 1;
        }
        if (!enter(w, w->root, &st, d)) {
            w->single = 1;
            return -1;
        }
    }
    if (w->single)
        return 0;
    while (w->depth > 0) {
        wframe *f = &w->st[w->depth - 1];
        if (f->next == f->names.count) {
            if (f->names.more)
                next_chunk(f, d);
            else
                leave(w);
            continue;
        }
        unsigned char type = sk_namesel_tag(&f->names, f->next);
        const char *name = sk_namesel_at(&f->names, f->next++);
        size_t dl = strlen(f->dir), nl = strlen(name);
        char *p = malloc(dl + nl + 2);
        if (!p) {
            d->failed = true; /* not the end of the walk: out of memory */
            return -1;
        }
        memcpy(p, f->dir, dl);
        size_t k = dl;
        if (dl && f->dir[dl - 1] != '/')
            p[k++] = '/';
        memcpy(p + k, name, nl + 1);
        /* A regular file is known as one from its directory entry and is
         * not looked at again (an entry replaced after the directory was
         * read is the race a stat before the open had too). A directory
         * needs its device and inode (the loop check), and a link or an
         * entry the file system does not type is looked at through stat:
         * one stat per such entry, for both tests. */
        struct stat st;
        int found = type != DT_REG && stat(p, &st) == 0;
        if (found && S_ISDIR(st.st_mode)) {
            int ok = enter(w, p, &st, d);
            free(p);
            if (!ok)
                return -1;
            continue;
        }
        if (!is_yaml(p)) {
            free(p);
            continue;
        }
        if (found && !S_ISREG(st.st_mode)) {
            /* a FIFO or device found by walking would block or never end;
             * name one on the command line to read it */
            sk_diag_add(d, SK_DIAG_ERROR, p, 0, 0, NULL, M_READ_FAILED,
                        sk_msg_fmt(M_NOT_REGULAR, d->lang));
            free(p);
            return -1;
        }
        /* a YAML file, or a dangling link or unreadable entry named like one
         * (opening it reports the problem) */
        w->found++;
        w->cur = p;
        *path = p;
        return 1;
    }
    if (w->found == 0 && w->started == 1) {
        w->started = 2;
        sk_diag_add(d, SK_DIAG_ERROR, w->root, 0, 0, NULL, M_NO_INPUT, w->root);
        return -1;
    }
    return 0;
}

void sk_walk_close(sk_walk *w)
{
    if (!w)
        return;
    while (w->depth > 0)
        leave(w);
    free(w->cur);
    free(w->root);
    free(w);
}
