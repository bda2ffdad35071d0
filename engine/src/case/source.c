/* source.c - a file or stream of case documents (see samkoll/case.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "case/case_int.h"
#include "base/diag.h"
#include "yaml/yaml_load.h"

struct sk_source {
    char *name;
    char *dir;        /* directory text_file paths are relative to */
    char *data;       /* whole file (NULL for a stream) */
    size_t len;
    sk_yaml *y;
    sk_limits lim;
    int empty_reported;
};

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return dup_n(".", 1);
    if (slash == path)
        return dup_n("/", 1);
    return dup_n(path, (size_t)(slash - path));
}

static sk_source *source_new(const char *name, const sk_limits *lim)
{
    sk_source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = dup_n(name, strlen(name));
    s->dir = strcmp(name, "-") == 0 ? dup_n(".", 1) : dir_of(name);
    if (lim)
        s->lim = *lim;
    else
        sk_limits_default(&s->lim);
    if (!s->name || !s->dir) {
        sk_source_close(s);
        return NULL;
    }
    return s;
}

/* Reads a whole regular file, refusing files over the size limit. */
static sk_rc read_file(sk_source *s, sk_diags *d)
{
    FILE *f = fopen(s->name, "rb");
    if (!f) {
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_READ_FAILED, strerror(errno));
        return SK_EIO;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_READ_FAILED, strerror(EISDIR));
        return SK_EIO;
    }
    sk_buf b;
    sk_buf_init(&b, s->lim.max_file_bytes);
    /* one allocation of the right size for a regular file */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (size_t)st.st_size <= s->lim.max_file_bytes) {
        b.data = malloc((size_t)st.st_size + 1);
        if (b.data) {
            b.cap = (size_t)st.st_size + 1;
            b.data[0] = '\0';
        }
    }
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!sk_buf_append(&b, chunk, got))
            break;
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        sk_buf_free(&b);
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_READ_FAILED, strerror(EIO));
        return SK_EIO;
    }
    if (b.failed) {
        sk_buf_free(&b);
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_FILE_TOO_BIG, s->lim.max_file_bytes);
        return SK_EIO;
    }
    s->len = b.len;
    s->data = b.data ? b.data : dup_n("", 0);
    return s->data ? SK_OK : SK_ENOMEM;
}

sk_rc sk_source_open(sk_source **out, const char *path, const sk_limits *lim,
                     sk_diags *d)
{
    *out = NULL;
    sk_source *s = source_new(path, lim);
    if (!s)
        return SK_ENOMEM;
    sk_rc rc;
    if (strcmp(path, "-") == 0) {
        rc = sk_yaml_open_file(&s->y, "-", stdin, &s->lim);
    } else {
        rc = read_file(s, d);
        if (rc == SK_OK)
            rc = sk_yaml_open_mem(&s->y, s->name, s->data, s->len, &s->lim);
    }
    if (rc != SK_OK) {
        sk_source_close(s);
        return rc;
    }
    *out = s;
    return SK_OK;
}

sk_rc sk_source_open_mem(sk_source **out, const char *name, const char *data,
                         size_t len, const sk_limits *lim)
{
    *out = NULL;
    sk_source *s = source_new(name, lim);
    if (!s)
        return SK_ENOMEM;
    s->data = dup_n(data, len);
    s->len = len;
    if (!s->data || sk_yaml_open_mem(&s->y, s->name, s->data, len, &s->lim) != SK_OK) {
        sk_source_close(s);
        return SK_ENOMEM;
    }
    *out = s;
    return SK_OK;
}

sk_rc sk_source_open_chunk(sk_source **out, const char *name, char *data, size_t len,
                          unsigned line_offset, const sk_limits *lim)
{
    *out = NULL;
    sk_source *s = source_new(name, lim);
    if (!s) {
        free(data);
        return SK_ENOMEM;
    }
    s->data = data;
    s->len = len;
    s->empty_reported = 1; /* a chunk of a stream: no "empty file" error */
    if (sk_yaml_open_mem(&s->y, s->name, s->data, len, &s->lim) != SK_OK) {
        sk_source_close(s);
        return SK_ENOMEM;
    }
    sk_yaml_set_line_offset(s->y, line_offset);
    *out = s;
    return SK_OK;
}

sk_rc sk_source_next(sk_source *s, sk_arena *a, const sk_ruleset *rs,
                     int32_t default_date, sk_case **out, sk_diags *d)
{
    *out = NULL;
    sk_node *root;
    sk_rc rc = sk_yaml_next(s->y, a, &root, d);
    if (rc == SK_EEND && sk_yaml_doc_count(s->y) == 0 && !s->empty_reported) {
        s->empty_reported = 1;
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 1, 1, NULL, M_EMPTY_DOC);
        return SK_EINVALID;
    }
    if (rc != SK_OK)
        return rc;
    return sk_case_build(out, a, root, s->name, s->dir, rs, &s->lim, default_date, d);
}

unsigned sk_source_doc_line(const sk_source *s)
{
    return s->y ? sk_yaml_doc_line(s->y) : 0;
}

const char *sk_source_name(const sk_source *s)
{
    return s->name;
}

void sk_source_close(sk_source *s)
{
    if (!s)
        return;
    sk_yaml_close(s->y);
    free(s->data);
    free(s->name);
    free(s->dir);
    free(s);
}
