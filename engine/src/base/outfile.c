/* outfile.c - report files written through a temporary file and renamed
 * into place (samkoll/outfile.h). */
#include "samkoll/outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A report file is written in blocks of this size rather than stdio's
 * default of one st_blksize (4 KiB): a batch's report of megabytes goes
 * out in a few hundred writes. Standard output is buffered by the CLI. */
#define OUTFILE_BUF ((size_t)1 << 16)

struct sk_outfile {
    FILE *f;
    char *path;             /* as given; "-" for standard output */
    char *tmp;              /* temporary file, NULL when written in place */
    char *buf;              /* the stream's buffer (not for standard output) */
    bool finished;
    bool failed;            /* finish lost data */
};

static bool is_stdout(const char *path)
{
    return !path || !strcmp(path, "-");
}

/* A private temporary file next to path, given the usual mode of a new
 * file (mkstemp makes it 0600). Returns its stream or NULL (errno). */
static FILE *open_temp(const char *path, char **tmp)
{
    size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
    *tmp = malloc(n);
    if (!*tmp)
        return NULL;
    snprintf(*tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0)
        return NULL;
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        /* keep the private mode */
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int err = errno;
        close(fd);
        unlink(*tmp);
        errno = err;
    }
    return f;
}

/* Writes to target instead of the path given (a symbolic link). */
static int replace_path(sk_outfile *o, const char *target)
{
    char *p = strdup(target);
    if (!p)
        return 0;
    free(o->path);
    o->path = p;
    return 1;
}

sk_rc sk_outfile_open(sk_outfile **out, const char *path)
{
    *out = NULL;
    sk_outfile *o = calloc(1, sizeof *o);
    if (!o)
        return SK_ENOMEM;
    o->path = strdup(is_stdout(path) ? "-" : path);
    if (!o->path) {
        free(o);
        return SK_ENOMEM;
    }
    struct stat st;
    char target[PATH_MAX];
    if (is_stdout(path))
        o->f = stdout;
    else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        o->f = fopen(path, "w"); /* a device or a pipe: nothing to replace */
    else if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, target) &&
             replace_path(o, target))
        o->f = open_temp(o->path, &o->tmp); /* a link to a file: the file is replaced, the link kept */
    else
        o->f = open_temp(path, &o->tmp);
    if (!o->f) {
        int err = errno;
        free(o->tmp);
        free(o->path);
        free(o);
        errno = err;
        return err == ENOMEM ? SK_ENOMEM : SK_EIO;
    }
    if (o->f != stdout && (o->buf = malloc(OUTFILE_BUF)) != NULL)
        setvbuf(o->f, o->buf, _IOFBF, OUTFILE_BUF); /* before any output */
    *out = o;
    return SK_OK;
}

FILE *sk_outfile_stream(const sk_outfile *o) { return o->f; }
const char *sk_outfile_path(const sk_outfile *o) { return o->path; }
const char *sk_outfile_temp(const sk_outfile *o) { return o->tmp; }

sk_rc sk_outfile_finish(sk_outfile *o)
{
    if (o->finished)
        return o->failed ? SK_EIO : SK_OK;
    o->finished = true;
    errno = 0;
    int bad = ferror(o->f);
    if (o->f == stdout)
        bad |= fflush(stdout) != 0;
    else
        bad |= fclose(o->f) != 0;
    o->f = NULL;
    o->failed = bad;
    return bad ? SK_EIO : SK_OK;
}

sk_rc sk_outfile_commit(sk_outfile *o, bool keep)
{
    if (!o)
        return SK_OK;
    sk_rc rc = sk_outfile_finish(o);
    keep = keep && rc == SK_OK;
    int err = 0;
    if (o->tmp) {
        if (keep && rename(o->tmp, o->path) != 0) {
            err = errno;
            rc = SK_EIO;
        }
        if (!keep || rc != SK_OK)
            unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    free(o->buf);
    free(o);
    if (err)
        errno = err;
    return rc;
}

sk_rc sk_write_file_atomic(const char *path, const void *data, size_t len)
{
    sk_outfile *o;
    sk_rc rc = sk_outfile_open(&o, path);
    if (rc != SK_OK)
        return rc;
    int lost = len && fwrite(data, 1, len, o->f) != len;
    int err = errno;
    rc = sk_outfile_commit(o, !lost);
    if (lost) {
        errno = err;
        return SK_EIO;
    }
    return rc;
}
