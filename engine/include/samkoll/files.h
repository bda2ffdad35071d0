/* samkoll/files.h - collecting input files: directories are walked
 * recursively for *.yaml / *.yml, in byte order of their paths; symlink
 * loops are detected and reported, never followed forever. */
#ifndef SAMKOLL_FILES_H
#define SAMKOLL_FILES_H

#include <stddef.h>

#include "samkoll/diag.h"

typedef struct sk_files {
    char **paths;   /* owned */
    size_t count;
    size_t cap;
} sk_files;

/* Adds path (a file, "-", or a directory to walk) to out. Problems (not
 * found, loops, no YAML files in a directory) go to d as errors. Returns
 * the number of errors added. */
int sk_files_collect(sk_files *out, const char *path, sk_diags *d);
void sk_files_free(sk_files *f);

/* The same walk, lazily: one directory's sorted entries at a time, so
 * memory depends on the depth and width of the tree, not on the number of
 * files. The order is that of sk_files_collect. */
typedef struct sk_walk sk_walk;
/* A walk holds at most this many names of one directory at once; a larger
 * directory is read once more for each further chunk of its sorted names. */
#define SK_WALK_CHUNK 8192

sk_walk *sk_walk_open(const char *path);
/* 1: *path is the next file (valid until the next call); 0: the walk is
 * over; -1: a problem was added to d (a loop, an unreadable directory, no
 * YAML files at all); call again to go on. */
int sk_walk_next(sk_walk *w, const char **path, sk_diags *d);
void sk_walk_close(sk_walk *w);

#endif
