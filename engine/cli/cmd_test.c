/* cmd_test.c - `samkoll test`: the cases' expect: blocks, and with
 * --coverage the rules that lack a failing or a passing case. */
#include <stdio.h>

#include "cmds.h"
#include "commands.h"
#include "samkoll/batch.h"
#include "samkoll/inspect.h"
#include "texts.h"

typedef struct test_state {
    const cli_opts *o;
    size_t passed, failed;
    sk_coverage *cov;
} test_state;

static void test_case(const sk_result *res, void *ud)
{
    test_state *t = ud;
    int bad = sk_expect_check(res, t->o->lang, stdout);
    if (bad < 0)
        return;
    if (bad)
        t->failed++;
    else
        t->passed++;
    if (t->cov)
        sk_coverage_add(t->cov, res);
}

static void test_error(const char *file, unsigned line, const sk_diags *d, void *ud)
{
    (void)file;
    (void)line;
    (void)ud;
    sk_diags_print(d, stderr);
}

static void test_warn(const sk_diags *d, void *ud)
{
    (void)ud;
    sk_diags_print(d, stderr);
}

int cmd_test(const cli_opts *o, const sk_ruleset *rs)
{
    static const char *const def[] = {"cases"};
    test_state t = {o, 0, 0, sk_coverage_new(rs)};
    if (!t.cov)
        return EXIT_SOFTWARE;
    sk_batch_opts bo = {.rs = rs, .limits = &o->limits, .default_date = cli_date(o),
                        .lang = o->lang, .jobs = o->jobs,
                        .exclude = o->exclude, .nexclude = o->nexclude,
                        .warn_fn = test_warn};
    sk_batch_stats st;
    sk_rc rc = sk_batch_each(&bo, o->nargs ? o->args : def, o->nargs ? o->nargs : 1,
                             test_case, test_error, &t, &st);
    size_t uncovered = 0;
    if (o->coverage) {
        uncovered = sk_coverage_report(t.cov, o->lang, stdout);
        printf(cli_text(T_RULES_LACK_A_FAILING_OR, o->lang == SK_LANG_EN), uncovered);
    }
    sk_coverage_free(t.cov);
    printf(cli_text(T_PASSED_FAILED, o->lang == SK_LANG_EN), t.passed, t.failed);
    if (rc != SK_OK)
        return EXIT_SOFTWARE;
    if (st.input_errors)
        return EXIT_INPUT;
    if (t.passed + t.failed == 0) {
        fputs(cli_text(T_NO_EXPECTATIONS, o->lang == SK_LANG_EN), stderr);
        return EXIT_FINDINGS;
    }
    return t.failed || uncovered ? EXIT_FINDINGS : EXIT_CLEAN;
}
