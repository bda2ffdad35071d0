/* fuzz_stream.c - fuzz target: arbitrary bytes as a case stream, checked
 * as a file and on standard input (the batch driver's stream splitter),
 * with the embedded rule set. The two must report the same cases and
 * input errors in the same order (file names aside), and every document
 * must come out as a case or an input error: the differential test of
 * tests/unit/test_streams.c, driven by coverage instead of a generator. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "samkoll/batch.h"

typedef struct { char *sig; size_t len, cap; size_t results; } seen;

static void put(seen *s, const char *text)
{
    size_t n = strlen(text);
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->sig = realloc(s->sig, s->cap);
        FUZZ_CHECK(s->sig);
    }
    memcpy(s->sig + s->len, text, n + 1);
    s->len += n;
}

static void on_case(const sk_result *res, void *ud)
{
    char line[512];
    const sk_case *c = sk_result_case(res);
    snprintf(line, sizeof line, "case %.400s %u\n", sk_case_id(c), sk_case_line(c));
    put(ud, line);
    ((seen *)ud)->results++;
}

static void on_error(const char *file, unsigned line, const sk_diags *d, void *ud)
{
    char buf[1600];
    (void)file;
    snprintf(buf, sizeof buf, "error %u\n", line);
    put(ud, buf);
    for (size_t i = 0; i < d->count; i++) {
        snprintf(buf, sizeof buf, "  %u:%u %.1400s\n", d->items[i].line, d->items[i].col,
                 d->items[i].message);
        put(ud, buf);
    }
    ((seen *)ud)->results++;
}

static void run(const sk_batch_opts *o, const char *path, seen *s)
{
    sk_batch_stats st;
    const char *paths[] = {path};
    s->len = s->results = 0;
    put(s, "");
    FUZZ_CHECK(sk_batch_each(o, paths, 1, on_case, on_error, s, &st) == SK_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sk_ruleset *rs;
    static sk_limits lim;
    static seen a, b;
    static int fd = -1;
    static char path[64];
    if (!rs) {
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        sk_limits_default(&lim);
        lim.max_documents = 64;
        FUZZ_CHECK(sk_ruleset_load(&rs, sk_embedded_rules, sk_embedded_rules_count,
                                   &lim, &d) == SK_OK);
        sk_diags_free(&d);
        fd = memfd_create("fuzz-stream", 0);
        FUZZ_CHECK(fd >= 0);
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    FUZZ_CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size);
    sk_batch_opts o = {.rs = rs, .limits = &lim, .default_date = 20000,
                       .lang = SK_LANG_EN, .jobs = 1};
    run(&o, path, &a);
    FUZZ_CHECK(freopen(path, "rb", stdin));
    run(&o, "-", &b);
    FUZZ_CHECK(a.results >= 1); /* an input is at least one case or error */
    if (strcmp(a.sig, b.sig) != 0) {
        fprintf(stderr, "file:\n%s\nstdin:\n%s\n", a.sig, b.sig);
        abort();
    }
    return 0;
}
