/* cmd_forms.c - `samkoll forms` (the forms table in text, Markdown or
 * HTML) and `samkoll legal-basis` (docs/legal-basis.md). */
#include <stdio.h>

#include "cmds.h"
#include "samkoll/catalog.h"
#include "texts.h"

int cmd_forms(const cli_opts *o, const sk_ruleset *rs)
{
    const char *fmt = o->noutputs && o->outputs[0].format ? o->outputs[0].format : "text";
    if (sk_forms_write(rs, fmt, o->lang, stdout) == SK_OK)
        return EXIT_CLEAN;
    fprintf(stderr, cli_text(T_SAMKOLL_FORMS_UNKNOWN_FORMAT_TEXT, o->lang == SK_LANG_EN), fmt);
    return EXIT_USAGE;
}

int cmd_legal_basis(const cli_opts *o, const sk_ruleset *rs)
{
    (void)o;
    sk_legal_basis_write(rs, stdout);
    return EXIT_CLEAN;
}
