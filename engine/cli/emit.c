/* emit.c - rendering into memory, then writing to standard output or to a
 * file (see emit.h). */
#include "emit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samkoll/outfile.h"

/* Creates path with buf; never over an existing file. 0 when written, 1
 * when it exists, -1 with errno on failure (a partial file is removed). */
static int write_new(const char *path, const char *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return errno == EEXIST ? 1 : -1;
    ssize_t w = write(fd, buf, len);
    int err = errno;
    if (close(fd) == 0 && w == (ssize_t)len)
        return 0;
    unlink(path);
    errno = w < 0 ? err : EIO;
    return -1;
}

/* Writes buf to to->file as to says; the exit status. */
static int write_out(const cli_opts *o, const cli_emit_to *to, const char *buf, size_t len)
{
    int en = o->lang == SK_LANG_EN;
    int r = to->new_only ? write_new(to->file, buf, len)
                         : sk_write_file_atomic(to->file, buf, len) == SK_OK ? 0 : -1;
    if (r == 0)
        return EXIT_CLEAN;
    if (r == 1)
        fprintf(stderr, cli_text(to->exists, en), to->file);
    else
        fprintf(stderr, cli_text(to->failed, en), to->file, strerror(errno));
    return EXIT_IOERR;
}

int cli_emit(const cli_opts *o, const cli_emit_to *to, cli_render_fn fn, const void *ud)
{
    if (!to->file) {
        sk_rc rc = fn(ud, to->format, stdout);
        return rc == SK_OK ? EXIT_CLEAN : rc == SK_EIO ? EXIT_IOERR : EXIT_SOFTWARE;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return EXIT_SOFTWARE;
    sk_rc rc = fn(ud, to->format, m);
    int ferr = fclose(m);
    int status = rc != SK_OK || ferr ? (rc == SK_ENOMEM || ferr ? EXIT_SOFTWARE : EXIT_IOERR)
                                     : write_out(o, to, buf, len);
    free(buf);
    return status;
}
