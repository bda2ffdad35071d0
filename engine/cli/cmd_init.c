/* cmd_init.c - `samkoll init [--form FORM] [FILE]`: a new case from the
 * commented template of its form (sk_case_template). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "samkoll/advice.h"
#include "samkoll/case.h"
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

/* What init renders: the template of its form. */
typedef struct init_out {
    const cli_opts *o;
    const sk_ruleset *rs;
} init_out;

static sk_rc render_template(const void *ud, const char *format, FILE *f)
{
    const init_out *t = ud;
    (void)format; /* init writes YAML only */
    return sk_case_template(t->rs, t->o->form, t->o->lang, f);
}

int cmd_init(const cli_opts *o, const sk_ruleset *rs)
{
    if (!o->form || !sk_value_match("form", o->form))
        return form_usage(o);
    if (o->nargs > 1) {
        fputs(cli_text(T_INIT_ONE_FILE, o->lang == SK_LANG_EN), stderr);
        return EXIT_USAGE;
    }
    /* FILE is created, never over an existing file unless --force, which
     * replaces it atomically. */
    int to_stdout = o->nargs == 0 || !strcmp(o->args[0], "-");
    cli_emit_to to = {to_stdout ? NULL : o->args[0], NULL, !o->force, T_INIT_EXISTS,
                      T_INIT_WRITE_FAILED};
    init_out t = {o, rs};
    return cli_emit(o, &to, render_template, &t);
}
