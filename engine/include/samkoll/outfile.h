/* samkoll/outfile.h - writing a report file so that it is never seen
 * half-written.
 *
 * A report to a regular file (existing or new) is written to a temporary
 * file in the same directory ("FILE.tmp.XXXXXX") and renamed over FILE
 * only when the caller commits it; a failed run removes it and leaves any
 * old FILE as it was. A device or FIFO (/dev/stdout, a pipe) is written in
 * place. NULL or "-" is standard output. The front ends (CLI, server) use
 * this for every file they write. Not thread-safe per object. */
#ifndef SAMKOLL_OUTFILE_H
#define SAMKOLL_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "samkoll/common.h"

typedef struct sk_outfile sk_outfile;

/* Opens path for writing (see above). SK_EIO with errno set if the file
 * cannot be created, SK_ENOMEM. */
sk_rc sk_outfile_open(sk_outfile **out, const char *path);
/* The stream to write to. */
FILE *sk_outfile_stream(const sk_outfile *o);
/* The path given to sk_outfile_open ("-" for standard output). */
const char *sk_outfile_path(const sk_outfile *o);
/* Flushes and closes the stream (standard output is flushed, not closed).
 * SK_EIO with errno set if anything written was lost. The file is not yet
 * in place: call sk_outfile_commit. */
sk_rc sk_outfile_finish(sk_outfile *o);
/* With keep, renames the finished temporary file into place (SK_EIO with
 * errno set if that fails); without, removes it. Frees o (which may be
 * NULL); finishes it first if the caller did not. */
sk_rc sk_outfile_commit(sk_outfile *o, bool keep);
/* Path of the temporary file, or NULL when writing in place: for a front
 * end's signal handler, which may unlink(2) it. */
const char *sk_outfile_temp(const sk_outfile *o);

/* The whole of data to path, atomically as above. */
sk_rc sk_write_file_atomic(const char *path, const void *data, size_t len);

#endif
