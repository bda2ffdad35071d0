/* cmd_check.c - `samkoll check`: every case of the inputs, through the
 * batch driver, into one or more reports. Report files appear only when
 * the whole run succeeded (samkoll/outfile.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "cmds.h"
#include "commands.h"
#include "samkoll/batch.h"
#include "samkoll/outfile.h"
#include "samkoll/report.h"
#include "samkoll/util.h"
#include "texts.h"

/* One report being written. */
typedef struct output {
    const cli_output *spec;
    sk_outfile *file;
    sk_report *rep;
} output;

static int write_failed(const output *out, const cli_opts *o, int err)
{
    fprintf(stderr, cli_text(T_SAMKOLL_THE_REPORT_COULD_NOT, o->lang == SK_LANG_EN),
            out->spec->file ? out->spec->file : "-", err ? ": " : "", err ? strerror(err) : "");
    return EXIT_IOERR;
}

static void unknown_format(const cli_opts *o, const char *format)
{
    const char *const *names = sk_report_formats();
    size_t n = 0;
    while (names[n])
        n++;
    const char *hint = sk_suggest(format, names, n);
    fprintf(stderr, cli_text(T_SAMKOLL_UNKNOWN_FORMAT_2, o->lang == SK_LANG_EN), format);
    if (hint)
        fprintf(stderr, cli_text(T_DID_YOU_MEAN, o->lang == SK_LANG_EN), hint);
    fputc('\n', stderr);
}

static sk_report_opts report_opts(const cli_opts *o, FILE *f, const char *format)
{
    sk_report_opts ro = {
        .lang = o->lang,
        .quiet = o->quiet,
        .run_date = cli_date(o),
        .explain = o->explain,
        .junit_fail_on = (uint8_t)(o->junit_fail_on ? o->junit_fail_on : o->fail_on),
        .csv_bom = o->csv_bom,
        .assessor = o->assessor,
        .sarif_root = o->sarif_root,
        .sarif_unknown = o->sarif_unknown,
    };
    ro.color = f == stdout && !o->no_color && !getenv("NO_COLOR") && isatty(fileno(stdout)) &&
               !strcmp(format, "text");
    return ro;
}

static int open_output(output *out, const cli_opts *o, const sk_ruleset *rs)
{
    cli_cleanup_hold(); /* no stop between making the temporary file and registering it */
    if (sk_outfile_open(&out->file, out->spec->file) != SK_OK) {
        int err = errno;
        cli_cleanup_release();
        fprintf(stderr, "samkoll: %s: %s\n", out->spec->file, strerror(err));
        return EXIT_IOERR;
    }
    if (sk_outfile_temp(out->file))
        cli_cleanup_add(sk_outfile_temp(out->file));
    cli_cleanup_release();
    FILE *f = sk_outfile_stream(out->file);
    sk_report_opts ro = report_opts(o, f, out->spec->format);
    sk_rc rc = sk_report_open(&out->rep, out->spec->format, f, rs, &ro);
    if (rc == SK_OK)
        return EXIT_CLEAN;
    if (rc == SK_ENOTFOUND)
        unknown_format(o, out->spec->format);
    if (sk_outfile_temp(out->file))
        cli_cleanup_forget(sk_outfile_temp(out->file));
    sk_outfile_commit(out->file, false);
    out->file = NULL;
    return rc == SK_ENOTFOUND ? EXIT_USAGE : EXIT_SOFTWARE;
}

/* Closes a report and finishes its file (first pass over the outputs). */
static int close_output(output *out, const cli_opts *o)
{
    if (!out->file)
        return EXIT_CLEAN;
    errno = 0;
    sk_rc rc = sk_report_close(out->rep);
    int err = errno;
    out->rep = NULL;
    errno = 0;
    if (sk_outfile_finish(out->file) != SK_OK) {
        err = err ? err : errno;
        rc = SK_EIO;
    }
    return rc != SK_OK ? write_failed(out, o, err) : EXIT_CLEAN;
}

/* Puts a finished report file in place if the whole run went well, else
 * removes it (second pass): a failed run leaves no report behind. */
static int commit_output(output *out, const cli_opts *o, int ok)
{
    if (!out->file)
        return EXIT_CLEAN;
    if (sk_outfile_temp(out->file))
        cli_cleanup_forget(sk_outfile_temp(out->file));
    sk_rc rc = sk_outfile_commit(out->file, ok);
    out->file = NULL;
    return ok && rc != SK_OK ? write_failed(out, o, errno) : EXIT_CLEAN;
}

/* Warnings about a case that was still checked go to standard error,
 * like a compiler's: the reports stay as they are. */
static void check_warn(const sk_diags *d, void *ud)
{
    (void)ud;
    sk_diags_print(d, stderr);
}

int cmd_check(const cli_opts *o, const sk_ruleset *rs)
{
    if (o->nargs == 0) {
        fputs(cli_text(T_SAMKOLL_CHECK_NO_PATH_GIVEN, o->lang == SK_LANG_EN), stderr);
        return EXIT_USAGE;
    }
    output outs[CLI_MAX_OUTPUTS];
    sk_report *reps[CLI_MAX_OUTPUTS] = {0};
    cli_cleanup_init();
    memset(outs, 0, sizeof outs);
    int status = EXIT_CLEAN;
    size_t opened = 0;
    for (; opened < o->noutputs && status == EXIT_CLEAN; opened++) {
        outs[opened].spec = &o->outputs[opened];
        status = open_output(&outs[opened], o, rs);
        reps[opened] = outs[opened].rep;
    }
    sk_batch_opts bo = {.rs = rs, .limits = &o->limits, .default_date = cli_date(o),
                        .lang = o->lang, .jobs = o->jobs, .explain = o->explain,
                        .exclude = o->exclude, .nexclude = o->nexclude,
                        .warn_fn = check_warn};
    sk_batch_stats st = {0, 0, 0};
    if (status == EXIT_CLEAN && sk_batch_check(&bo, o->args, o->nargs, reps, o->noutputs, &st) != SK_OK) {
        fputs(cli_text(T_SAMKOLL_OUT_OF_MEMORY, o->lang == SK_LANG_EN), stderr);
        status = EXIT_SOFTWARE;
    }
    for (size_t i = 0; i < opened; i++) {
        int s = close_output(&outs[i], o);
        if (status == EXIT_CLEAN)
            status = s;
    }
    for (size_t i = 0; i < opened; i++) {
        int s = commit_output(&outs[i], o, status == EXIT_CLEAN);
        if (status == EXIT_CLEAN)
            status = s;
    }
    if (status != EXIT_CLEAN)
        return status;
    if (st.input_errors)
        return EXIT_INPUT;
    return st.worst >= sk_status_rank((sk_status)o->fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
}
