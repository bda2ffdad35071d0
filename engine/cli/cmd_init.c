/* cmd_init.c - `samkoll init [--form FORM] [FILE]`: a new case from the
 * commented template of its form (sk_case_template). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "samkoll/advice.h"
#include "samkoll/case.h"
#include "samkoll/outfile.h"
#include "samkoll/util.h"
#include "texts.h"

/* No --form, or one that names no form: the forms with their labels. */
static int form_usage(const cli_opts *o)
{
    int en = o->lang == SK_LANG_EN;
    const char *const *forms = sk_case_forms();
    size_t n = 0;
    while (forms[n])
        n++;
    if (o->form) {
        const char *hint = sk_suggest(o->form, forms, n);
        fprintf(stderr, cli_text(T_INIT_UNKNOWN_FORM, en), o->form);
        if (hint)
            fprintf(stderr, cli_text(T_DID_YOU_MEAN, en), hint);
        fputs(cli_text(T_THE_FORMS_ARE, en), stderr);
    } else {
        fputs(cli_text(T_INIT_NO_FORM, en), stderr);
    }
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "  %-22s %s\n", forms[i], sk_value_label("form", forms[i], o->lang));
    return EXIT_USAGE;
}

/* FILE, created: never over an existing file (O_EXCL) unless --force,
 * which replaces it atomically. */
static int write_file(const cli_opts *o, const char *path, const char *buf, size_t len)
{
    int en = o->lang == SK_LANG_EN;
    if (o->force) {
        if (sk_write_file_atomic(path, buf, len) == SK_OK)
            return EXIT_CLEAN;
    } else {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST) {
            fprintf(stderr, cli_text(T_INIT_EXISTS, en), path);
            return EXIT_IOERR;
        }
        if (fd >= 0) {
            ssize_t w = write(fd, buf, len);
            int err = errno;
            if (close(fd) == 0 && w == (ssize_t)len)
                return EXIT_CLEAN;
            unlink(path);
            errno = w < 0 ? err : EIO;
        }
    }
    fprintf(stderr, cli_text(T_INIT_WRITE_FAILED, en), path, strerror(errno));
    return EXIT_IOERR;
}

int cmd_init(const cli_opts *o, const sk_ruleset *rs)
{
    if (!o->form || !sk_value_match("form", o->form))
        return form_usage(o);
    if (o->nargs > 1) {
        fputs(cli_text(T_INIT_ONE_FILE, o->lang == SK_LANG_EN), stderr);
        return EXIT_USAGE;
    }
    if (o->nargs == 0 || !strcmp(o->args[0], "-")) {
        sk_rc rc = sk_case_template(rs, o->form, o->lang, stdout);
        return rc == SK_OK ? EXIT_CLEAN : rc == SK_EIO ? EXIT_IOERR : EXIT_SOFTWARE;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return EXIT_SOFTWARE;
    sk_rc rc = sk_case_template(rs, o->form, o->lang, m);
    int ferr = fclose(m);
    int status = rc != SK_OK || ferr ? EXIT_SOFTWARE : write_file(o, o->args[0], buf, len);
    free(buf);
    return status;
}
