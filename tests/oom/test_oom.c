/* test_oom.c - allocation failure injection (issue 12, D14), as SQLite and
 * Lua test theirs: a small batch run is repeated with the Nth allocation
 * failing, for every N until a run needs no more. Each run must either
 * report everything the clean run reports, or fail as a whole with
 * SK_ENOMEM: never a case or an input error silently dropped, never a
 * crash (the test runs under ASan in the sanitizer build).
 *
 * malloc, calloc, realloc and strdup are wrapped at link time
 * (-Wl,--wrap=...): the counter lives here, in the test, never in the
 * engine. Allocations inside libyaml and PCRE2 (shared libraries) are not
 * counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samkoll/batch.h"
#include "samkoll/case.h"
#include "samkoll/ruleset.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long countdown = -1; /* allocations left before one fails; -1 never */
static long calls;

static int fail_now(void)
{
    calls++;
    if (countdown < 0)
        return 0;
    return countdown-- == 0;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return fail_now() ? NULL : __real_strdup(s); }

typedef struct { char sig[65536]; size_t len; } seen;

static void add(seen *s, const char *t)
{
    size_t n = strlen(t);
    if (s->len + n < sizeof s->sig) {
        memcpy(s->sig + s->len, t, n + 1);
        s->len += n;
    }
}

static void on_case(const sk_result *res, void *ud)
{
    char line[256];
    snprintf(line, sizeof line, "case %s %d\n", sk_case_id(sk_result_case(res)),
             (int)sk_result_worst(res));
    add(ud, line);
}

static void on_error(const char *file, unsigned line, const sk_diags *d, void *ud)
{
    char buf[512];
    (void)file;
    snprintf(buf, sizeof buf, "error %u %zu %.200s\n", line, d->count,
             d->count ? d->items[0].message : "");
    add(ud, buf);
}

/* One run with the Nth allocation failing (n < 0: none). */
static sk_rc run(const sk_ruleset *rs, const char *const *paths, size_t np, long n, seen *s)
{
    sk_limits lim;
    sk_limits_default(&lim);
    sk_batch_opts o = {.rs = rs, .limits = &lim, .default_date = 20000, .lang = SK_LANG_EN,
                       .jobs = 1};
    sk_batch_stats st;
    s->len = 0;
    s->sig[0] = '\0';
    countdown = n;
    sk_rc rc = sk_batch_each(&o, paths, np, on_case, on_error, s, &st);
    countdown = -1;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_oom CASE...\n");
        return 64;
    }
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    if (sk_ruleset_load_embedded(&rs, NULL, &d) != SK_OK) {
        fprintf(stderr, "test_oom: the rule set does not load\n");
        return 1;
    }
    const char *const *paths = (const char *const *)argv + 1;
    size_t np = (size_t)argc - 1;
    static seen clean, got;
    calls = 0;
    if (run(rs, paths, np, -1, &clean) != SK_OK) {
        fprintf(stderr, "test_oom: the clean run fails\n");
        return 1;
    }
    long total = calls, bad = 0, enomem = 0;
    for (long n = 0; n < total; n++) {
        sk_rc rc = run(rs, paths, np, n, &got);
        if (rc == SK_ENOMEM) {
            enomem++;
            continue;
        }
        if (rc != SK_OK || strcmp(got.sig, clean.sig) != 0) {
            if (bad++ < 10)
                fprintf(stderr, "allocation %ld failing: rc %d and\n%s\ninstead of\n%s\n", n, (int)rc,
                        got.sig, clean.sig);
        }
    }
    printf("test_oom: %ld allocations; %ld runs failed as a whole with SK_ENOMEM, %ld lost something\n",
           total, enomem, bad);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
    return bad ? 1 : 0;
}
