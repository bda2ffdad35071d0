/* emit.h - a command's output rendered into memory first, then written to
 * standard output or to a file: atomically replacing it, or only as a new
 * file (never over an existing one). Shared by init and the advice
 * commands. */
#ifndef SK_CLI_EMIT_H
#define SK_CLI_EMIT_H

#include <stdio.h>

#include "options.h"
#include "samkoll/common.h"
#include "texts.h"

/* Renders the output in format (as the command defines it) to f. */
typedef sk_rc (*cli_render_fn)(const void *ud, const char *format, FILE *f);

typedef struct cli_emit_to {
    const char *file;       /* NULL: standard output */
    const char *format;     /* passed to the render function */
    int new_only;           /* 1: refuse an existing file, with message exists */
    cli_text_id exists;     /* the message when new_only finds the file */
    cli_text_id failed;     /* the message when the file cannot be written */
} cli_emit_to;

/* Renders with fn and writes the result to to->file or standard output;
 * returns the exit status (EXIT_CLEAN, EXIT_IOERR or EXIT_SOFTWARE) and
 * says on standard error what could not be written. */
int cli_emit(const cli_opts *o, const cli_emit_to *to, cli_render_fn fn, const void *ud);

#endif
