/* helpers.h - shared fixtures for the unit tests: rule sets and cases
 * from strings, and a one-call evaluation. */
#ifndef SK_TEST_HELPERS_H
#define SK_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "eval/result_int.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/ruleset.h"

static const char ACTS[] =
    "- {id: KL, kind: statute, name: {sv: kommunallagen, en: the Local Government Act},"
    " sfs: \"2017:725\", url: \"https://lagen.nu/2017:725\"}\n"
    "- {id: GDPR, kind: statute, name: {sv: dataskyddsförordningen, en: the GDPR},"
    " celex: \"32016R0679\", url: \"https://eur-lex.europa.eu/eli/reg/2016/679/oj\"}\n"
    "- {id: C-796/18, kind: eu_case_law, name: {sv: \"EU-domstolens dom i mål C-796/18\","
    " en: \"CJEU case C-796/18\"}, url: \"https://eur-lex.europa.eu/x\"}\n";

/* Loads a rule set of the acts above plus rules_yaml; diags into d. */
static inline sk_ruleset *rules_from(const char *rules_yaml, sk_diags *d)
{
    sk_rule_src src[2] = {
        {"acts.yaml", ACTS, sizeof ACTS - 1},
        {"t/rules.yaml", rules_yaml, strlen(rules_yaml)},
    };
    sk_ruleset *rs = NULL;
    sk_ruleset_load(&rs, src, 2, NULL, d);
    return rs;
}

/* A rule with the given require (and optional applies) condition. */
static inline sk_ruleset *rule_with(const char *applies, const char *require)
{
    char buf[8192];
    snprintf(buf, sizeof buf,
             "id: t.rule\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\n"
             "certainty: settled\nvalid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
             "%s%s\nrequire: %s\nmessage: {sv: fel, en: wrong}\n",
             applies ? "applies: " : "", applies ? applies : "", require);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = rules_from(buf, &d);
    for (size_t i = 0; i < d.count; i++)
        cr_log_error("%s:%u:%u: %s", d.items[i].file, d.items[i].line, d.items[i].col,
                     d.items[i].message);
    sk_diags_free(&d);
    cr_assert_not_null(rs, "rule did not compile: %s", require);
    return rs;
}

typedef struct evald {
    sk_arena arena;
    sk_case *c;
    sk_result *res;
    sk_diags d;
    sk_rc rc;
} evald;

/* Loads case_yaml (one document) and evaluates it against rs. */
static inline void eval_case(evald *e, const sk_ruleset *rs, const char *case_yaml)
{
    sk_arena_init(&e->arena, 4096);
    sk_diags_init(&e->d, SK_LANG_EN);
    sk_source *s;
    cr_assert_eq(sk_source_open_mem(&s, "case.yaml", case_yaml, strlen(case_yaml), NULL), SK_OK);
    e->rc = sk_source_next(s, &e->arena, rs, 20000, &e->c, &e->d);
    sk_source_close(s);
    e->res = NULL;
    if (e->rc == SK_OK) {
        sk_evaluator *ev;
        cr_assert_eq(sk_evaluator_new(&ev, rs), SK_OK);
        cr_assert_eq(sk_evaluate(ev, e->c, &e->res), SK_OK);
        sk_evaluator_free(ev);
    }
}

static inline void eval_done(evald *e)
{
    sk_arena_free(&e->arena);
    sk_diags_free(&e->d);
}

/* Status of the only rule of rs for case_yaml. */
static inline sk_status status_of(const sk_ruleset *rs, const char *case_yaml)
{
    evald e;
    eval_case(&e, rs, case_yaml);
    cr_assert_eq(e.rc, SK_OK, "case rejected: %s", e.d.count ? e.d.items[0].message : "?");
    sk_status s = (sk_status)e.res->findings[0].status;
    eval_done(&e);
    return s;
}

#endif
