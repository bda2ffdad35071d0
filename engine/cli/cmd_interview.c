/* cmd_interview.c - `samkoll ask --interactive`: the interview session of
 * the library (samkoll/interview.h) asks, checks and writes; this front
 * end only reads lines from the terminal and prints. */
#include "cleanup.h"
#include "cmds.h"
#include "commands.h"
#include "texts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samkoll/interview.h"

static void print_question(const sk_interview_question *q, int en)
{
    printf("\n[%zu] %s\n", q->number, q->text);
    printf(cli_text(q->nrules == 1 ? T_ASK_FACT_DECIDES_1 : T_ASK_FACT_DECIDES, en), q->key, q->nrules);
    for (size_t i = 0; i < q->nrules; i++)
        printf("%s%s", i ? ", " : "", q->rules[i]);
    printf("\n");
    for (size_t i = 0; q->choices && q->choices[i]; i++) {
        const char *label = q->labels ? q->labels[i] : NULL;
        printf("%s%zu) %s%s%s%s", i ? "  " : "     ", i + 1, q->choices[i], label ? " (" : "",
               label ? label : "", label ? ")" : "");
    }
    if (q->choices)
        printf("\n");
}

/* One line of input without its line break; 0 at end of input or when a
 * signal interrupted the read. */
static int read_line(char **line, size_t *cap)
{
    fflush(stdout);
    if (cli_interrupted())
        return 0;
    ssize_t n = getline(line, cap, stdin);
    if (n < 0)
        return 0;
    while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
        (*line)[--n] = '\0';
    return 1;
}

/* Asks until no question is left or the input ends; a rejected answer's
 * message is printed and the question asked again. */
static void interview_loop(sk_interview *s, int en)
{
    char *line = NULL;
    size_t cap = 0, shown = 0;
    for (;;) {
        const sk_interview_question *q = sk_interview_next(s);
        const char *notice = sk_interview_notice(s);
        if (notice)
            fputs(notice, stdout);
        if (!q)
            break;
        if (q->number != shown)
            print_question(q, en);
        shown = q->number;
        printf("     %s> ", q->help);
        if (!read_line(&line, &cap))
            break;
        const char *msg = NULL;
        if (sk_interview_answer(s, line, &msg) == SK_IA_FAILED)
            break;
        if (msg)
            printf("     %s\n", msg);
    }
    free(line);
}

/* Why a session could not be opened: the message (its first argument the
 * output or the case file, its second the reason or the case id). */
static const struct open_failure {
    sk_interview_status status;
    cli_text_id text;
    int exit, output, reason;
} open_failures[] = {
    {SK_IV_OUTPUT_IS_CASE, T_ASK_WOULD_OVERWRITE, EXIT_USAGE, 1, 0},
    {SK_IV_OUTPUT_UNWRITABLE, T_ASK_CANNOT_BE_WRITTEN, EXIT_IOERR, 1, 1},
    {SK_IV_CASE_UNREADABLE, T_ASK_UNREADABLE, EXIT_INPUT, 0, 1},
    {SK_IV_CASE_INVALID, T_ASK_MUST_BE_VALID, EXIT_INPUT, 0, 0},
    {SK_IV_NO_SUCH_CASE, T_ASK_NO_SUCH_CASE, EXIT_USAGE, 0, 0},
};

/* Opens the session, or says why not: EXIT_CLEAN or the exit status. */
static int interview_open(const cli_opts *o, const sk_ruleset *rs, sk_interview **s)
{
    const char *path = o->args[0];
    sk_interview_opts io = {.path = path, .output = o->output, .rs = rs, .date = cli_date(o),
                            .lang = o->lang, .limits = &o->limits, .case_id = o->case_id};
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_interview_status st = sk_interview_open(s, &io, &d);
    int err = errno;
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    for (size_t i = 0; i < sizeof open_failures / sizeof *open_failures; i++) {
        const struct open_failure *f = &open_failures[i];
        if (f->status != st)
            continue;
        char *out = f->output ? sk_interview_output_for(path, o->output) : NULL;
        fprintf(stderr, cli_text(f->text, o->lang == SK_LANG_EN), out ? out : path,
                f->reason ? strerror(err) : o->case_id ? o->case_id : "");
        free(out);
        return f->exit;
    }
    return st == SK_IV_OK ? EXIT_CLEAN : EXIT_SOFTWARE;
}

/* Writes the answered case (validated first) and what is still unknown. */
static int interview_finish(sk_interview *s, const cli_opts *o)
{
    int en = o->lang == SK_LANG_EN;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_rc rc = sk_interview_write(s, &d);
    int err = errno;
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    const char *out = sk_interview_output(s);
    size_t n = sk_interview_answered(s);
    if (rc != SK_OK) {
        fprintf(stderr, cli_text(T_ASK_COULD_NOT_WRITE, en), out,
                rc == SK_EIO ? strerror(err) : cli_text(T_ASK_NOT_VALID, en));
        return rc == SK_EIO ? EXIT_IOERR : EXIT_SOFTWARE;
    }
    if (cli_interrupted()) {
        printf(cli_text(T_ASK_INTERRUPTED, en), out, n);
        return 128 + cli_interrupted();
    }
    printf(cli_text(n == 1 ? T_ASK_WROTE_1 : T_ASK_WROTE, en), out, n);
    fputs(cli_text(T_ASK_STILL_UNKNOWN, en), stdout);
    if (sk_interview_report(s, stdout) != SK_OK || sk_interview_failed(s))
        return EXIT_SOFTWARE;
    return EXIT_CLEAN;
}

int cmd_ask_interactive(const cli_opts *o, const sk_ruleset *rs)
{
    int en = o->lang == SK_LANG_EN;
    if (o->nargs != 1 || !strcmp(o->args[0], "-")) {
        fputs(cli_text(T_ASK_ONE_CASE_FILE, en), stderr);
        return EXIT_USAGE;
    }
    sk_interview *s = NULL;
    int status = interview_open(o, rs, &s);
    if (status != EXIT_CLEAN)
        return status;
    printf(cli_text(T_ASK_START, en), o->args[0], sk_interview_output(s), o->args[0]);
    cli_interrupt_catch(); /* Ctrl-C or SIGTERM: the answers so far are kept */
    interview_loop(s, en);
    status = interview_finish(s, o);
    sk_interview_free(s);
    return status;
}
