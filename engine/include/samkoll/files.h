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

#endif
