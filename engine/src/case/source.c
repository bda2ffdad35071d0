/* source.c - a file or stream of case documents (see samkoll/case.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "case/case_int.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "yaml/split.h"
#include "yaml/yaml_load.h"

/* A source holds its whole input in memory and parses it one document at
 * a time: the document boundaries come from split.h (the same cut as for
 * standard input in a batch), and each document gets its own libyaml
 * parser, so a syntax error loses that document only. */
struct sk_source {
    char *name;       /* as given: opened */
    char *shown;      /* as reported (sk_display_name) */
    char *dir;        /* directory text_file paths are relative to */
    const char *data; /* the whole input, NUL-terminated */
    char *own;        /* data when the source owns it, else NULL */
    size_t len;
    unsigned line_offset; /* lines before data in the stream it came from */
    sk_lines lines;   /* over data */
    sk_split split;
    size_t cstart;    /* where the document being cut began */
    unsigned cline;   /* its first line (0-based, within data) */
    sk_yaml *y;       /* parser of the current document, or NULL */
    unsigned doc_line;
    size_t ndocs;
    sk_limits lim;
    int empty_reported;
    int cut_checked;  /* whole_document has been asked */
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
    s->shown = sk_display_name(name);
    s->dir = strcmp(name, "-") == 0 ? dup_n(".", 1) : dir_of(name);
    if (lim)
        s->lim = *lim;
    else
        sk_limits_default(&s->lim);
    if (!s->name || !s->shown || !s->dir) {
        sk_source_close(s);
        return NULL;
    }
    return s;
}

/* Reads f to its end into b (bounded by the file-size limit); 0 on a
 * read error. */
static int read_stream(FILE *f, sk_buf *b, size_t *total)
{
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        *total += got;
        if (!sk_buf_append(b, chunk, got))
            break;
    }
    return !ferror(f);
}

/* Reads descriptor fd to its end into b: straight into the storage b was
 * given (sized from fstat, within the limit), then, should the file have
 * grown, through sk_buf_append and its ceiling; 0 on a read error. A read
 * that returns the `expect` bytes fstat announced (0: none) and less than
 * it was asked for has reached the end of a regular file: no further read
 * is needed to see that (one system call per file instead of two). */
static int read_fd(int fd, sk_buf *b, size_t *total, size_t expect)
{
    char chunk[65536];
    int spilled = 0;
    for (;;) {
        int direct = !spilled && b->data && b->cap - b->len > 1;
        char *to = direct ? b->data + b->len : chunk;
        size_t room = direct ? b->cap - b->len - 1 : sizeof chunk;
        ssize_t got = read(fd, to, room);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return 0;
        if (got == 0)
            return 1;
        *total += (size_t)got;
        if (direct) {
            b->len += (size_t)got;
            b->data[b->len] = '\0';
            if (expect && *total == expect && (size_t)got < room)
                return 1;
        } else {
            spilled = 1;
            if (!sk_buf_append(b, chunk, (size_t)got))
                return 1;
        }
    }
}

/* Opens the input: standard input as a stream (*f), a named file as a
 * descriptor (*fd), refusing a directory; st is the input's status. */
static sk_rc open_input(sk_source *s, sk_diags *d, FILE **f, int *fd, struct stat *st)
{
    *f = NULL;
    *fd = -1;
    if (strcmp(s->name, "-") == 0)
        *f = stdin;
    else
        *fd = open(s->name, O_RDONLY | O_CLOEXEC);
    if (!*f && *fd < 0) {
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_READ_FAILED, strerror(errno));
        return SK_EIO;
    }
    int ok = fstat(*f ? fileno(*f) : *fd, st) == 0;
    if (!ok)
        st->st_mode = 0;
    if (ok && S_ISDIR(st->st_mode)) {
        if (*fd >= 0)
            close(*fd);
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_READ_FAILED, strerror(EISDIR));
        return SK_EIO;
    }
    return SK_OK;
}

/* Reads a whole file, refusing files over the size limit. */
static sk_rc read_file(sk_source *s, sk_diags *d)
{
    FILE *f;
    int fd;
    struct stat st;
    sk_rc rc = open_input(s, d, &f, &fd, &st);
    if (rc != SK_OK)
        return rc;
    sk_buf b;
    sk_buf_init(&b, s->lim.max_file_bytes);
    /* one allocation of the right size for a regular file, with a byte to
     * spare below the size limit: a read asked for one byte more than the
     * file holds and given less has found its end */
    size_t expect = 0;
    if (S_ISREG(st.st_mode) && st.st_size > 0 &&
        (size_t)st.st_size <= s->lim.max_file_bytes) {
        size_t size = (size_t)st.st_size;
        expect = size < s->lim.max_file_bytes ? size : 0; /* 0: no byte to spare */
        b.data = malloc(size + 1 + (expect != 0));
        if (b.data) {
            b.cap = size + 1 + (expect != 0);
            b.data[0] = '\0';
        }
    }
    size_t total = 0;
    int ok = f ? read_stream(f, &b, &total) : read_fd(fd, &b, &total, expect);
    if (fd >= 0)
        close(fd);
    if (!ok) {
        sk_buf_free(&b);
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_READ_FAILED, strerror(EIO));
        return SK_EIO;
    }
    if (b.failed) {
        sk_buf_free(&b);
        if (total <= s->lim.max_file_bytes) /* not the ceiling: memory */
            return SK_ENOMEM;
        sk_diag_add(d, SK_DIAG_ERROR, s->name, 0, 0, NULL, M_FILE_TOO_BIG, s->lim.max_file_bytes);
        return SK_EIO;
    }
    s->len = b.len;
    s->data = s->own = b.data ? b.data : dup_n("", 0);
    return s->data ? SK_OK : SK_ENOMEM;
}

/* Starts cutting documents out of s->data. */
static void begin_split(sk_source *s)
{
    sk_lines_mem(&s->lines, s->data, s->len);
    memset(&s->split, 0, sizeof s->split);
    s->cstart = 0;
    s->cline = 0;
}

/* Is the line at p[0..n) (without CR) neither blank nor a comment? */
static int has_content(const char *p, size_t n)
{
    size_t k = 0;
    while (k < n && (p[k] == ' ' || p[k] == '\t'))
        k++;
    return k < n && p[k] != '\n' && p[k] != '#';
}

/* Whether the data can be taken whole, without cutting it line by line:
 * no CR (a lone CR ends a line) and no line that sk_split_line could cut
 * at (one starting with "...", '%' or a byte order mark, or with "---"
 * after content; a "---" line before any content only opens the document
 * and is content itself, like any line starting with '-'). Then
 * *content says whether it is a document at all (a line that is neither
 * blank nor a comment), exactly as cutting it would. */
static int whole_document(const char *p, size_t len, int *content)
{
    *content = 0;
    if (memchr(p, '\r', len))
        return 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)p[i];
        if (c == '%' || c == 0xEF)
            return 0;
        int triple = len - i >= 3 && p[i + 1] == (char)c && p[i + 2] == (char)c;
        /* a "---" before any content opens the one document (and is
         * content itself); "..." or a later "---" may cut */
        if (triple && (c == '.' || (c == '-' && *content)))
            return 0;
        const char *nl = memchr(p + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - p) : len;
        if (!*content)
            *content = has_content(p + i, end - i);
        i = end + 1;
    }
    return 1;
}

/* The first document when the data is one whole (see whole_document):
 * 1 with it, -1 with no document at all, 0 when it must be cut. */
static int first_whole_document(sk_source *s, size_t *start, size_t *n, unsigned *line)
{
    int content;
    s->cut_checked = 1;
    if (s->cstart != 0 || !whole_document(s->data, s->len, &content))
        return 0;
    s->lines.start = s->len; /* nothing left to cut */
    s->cstart = s->len;
    if (!content)
        return -1;
    *start = 0, *n = s->len, *line = 0;
    return 1;
}

/* The next document's bytes [*start, *start + *n) and its first line;
 * 0 when no document is left. */
static int next_document(sk_source *s, size_t *start, size_t *n, unsigned *line)
{
    const char *l;
    size_t ln;
    int cont;
    if (!s->cut_checked) {
        int whole = first_whole_document(s, start, n, line);
        if (whole)
            return whole > 0;
    }
    for (;;) {
        size_t at = s->lines.start;
        unsigned lno = s->lines.number;
        if (!sk_lines_next(&s->lines, &l, &ln, &cont))
            break;
        sk_split before = s->split;
        sk_split_act act = sk_split_line(&s->split, l, ln);
        if (act == SK_SPLIT_BEFORE) {
            *start = s->cstart, *n = at - s->cstart, *line = s->cline;
            s->cstart = at, s->cline = lno;
            return 1;
        }
        if (act == SK_SPLIT_AFTER) {
            *start = s->cstart, *n = at + ln - s->cstart, *line = s->cline;
            s->cstart = at + ln, s->cline = lno + 1;
            if (sk_split_is_document(&before))
                return 1;
        }
    }
    if (!sk_split_is_document(&s->split))
        return 0;
    *start = s->cstart, *n = s->len - s->cstart, *line = s->cline;
    memset(&s->split, 0, sizeof s->split);
    s->cstart = s->len;
    return 1;
}

/* Opens a parser on the next document; SK_EEND when there is none. */
static sk_rc open_next_document(sk_source *s, sk_diags *d)
{
    size_t start, n;
    unsigned line;
    if (!next_document(s, &start, &n, &line))
        return SK_EEND;
    s->doc_line = s->line_offset + line + 1;
    if (++s->ndocs > s->lim.max_documents) {
        sk_diag_add(d, SK_DIAG_ERROR, s->name, s->doc_line, 1, NULL,
                    M_TOO_MANY_DOCS, s->lim.max_documents);
        return SK_EIO;
    }
    if (sk_yaml_open_mem(&s->y, s->shown, s->data + start, n, &s->lim) != SK_OK)
        return SK_ENOMEM;
    sk_yaml_set_line_offset(s->y, s->line_offset + line);
    return SK_OK;
}

sk_rc sk_source_open(sk_source **out, const char *path, const sk_limits *lim,
                     sk_diags *d)
{
    *out = NULL;
    sk_source *s = source_new(path, lim);
    if (!s)
        return SK_ENOMEM;
    sk_rc rc = read_file(s, d);
    if (rc == SK_OK)
        begin_split(s);
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
    s->data = s->own = dup_n(data, len);
    s->len = len;
    if (!s->data) {
        sk_source_close(s);
        return SK_ENOMEM;
    }
    begin_split(s);
    *out = s;
    return SK_OK;
}

sk_rc sk_source_open_chunk(sk_source **out, const char *name, const char *data, size_t len,
                          unsigned line_offset, const sk_limits *lim)
{
    *out = NULL;
    sk_source *s = source_new(name, lim);
    if (!s)
        return SK_ENOMEM;
    s->data = data; /* borrowed */
    s->len = len;
    s->empty_reported = 1; /* a chunk of a stream: no "empty file" error */
    s->line_offset = line_offset;
    begin_split(s);
    *out = s;
    return SK_OK;
}

static void close_document(sk_source *s)
{
    sk_yaml_close(s->y);
    s->y = NULL;
}

sk_rc sk_source_next_tree(sk_source *s, sk_arena *a, sk_node **root, sk_diags *d)
{
    *root = NULL;
    sk_rc rc;
    for (;;) {
        if (!s->y) {
            rc = open_next_document(s, d);
            if (rc == SK_EEND && s->ndocs == 0 && !s->empty_reported) {
                s->empty_reported = 1;
                sk_diag_add(d, SK_DIAG_ERROR, s->name, 1, 1, NULL, M_EMPTY_DOC);
                return SK_EINVALID;
            }
            if (rc != SK_OK)
                return rc;
        }
        rc = sk_yaml_next(s->y, a, root, d);
        if (rc == SK_EEND) {
            close_document(s);
            continue;
        }
        if (rc == SK_EIO) { /* this document is broken; the next one is not */
            if (sk_yaml_doc_line(s->y))
                s->doc_line = sk_yaml_doc_line(s->y);
            close_document(s);
            return SK_EINVALID;
        }
        if (rc == SK_OK)
            s->doc_line = sk_yaml_doc_line(s->y);
        return rc;
    }
}

sk_rc sk_source_next(sk_source *s, sk_arena *a, const sk_ruleset *rs,
                     int32_t default_date, sk_case **out, sk_diags *d)
{
    *out = NULL;
    sk_node *root;
    sk_rc rc = sk_source_next_tree(s, a, &root, d);
    if (rc != SK_OK)
        return rc;
    return sk_case_build(out, a, root, s->shown, s->dir, rs, &s->lim, default_date, d);
}

unsigned sk_source_doc_line(const sk_source *s)
{
    return s->y ? sk_yaml_doc_line(s->y) : s->doc_line;
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
    free(s->own);
    free(s->name);
    free(s->shown);
    free(s->dir);
    free(s);
}
