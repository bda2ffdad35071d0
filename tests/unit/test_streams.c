/* test_streams.c - the differential test of document boundaries (issue
 * 12, D1/D8): random streams of documents with separators, directives,
 * comments, byte order marks and CR/LF/CRLF line breaks, each checked as a
 * file and on standard input, must give the same cases and errors; every
 * document is a case or an input error (none lost); and where libyaml
 * accepts the whole stream, it finds as many documents as samkoll. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "base/buf.h"
#include "yaml/split.h"
#include "samkoll/batch.h"
#include "samkoll/case.h"
#include "samkoll/ruleset.h"

#define NSTREAMS 10000

typedef struct { unsigned long long s; } rng;

static unsigned rnd(rng *r, unsigned n)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (unsigned)(r->s % n);
}

/* What one run reported, in order, without the file name. */
typedef struct { sk_buf sig; size_t cases, errors; } seen;

static void on_case(const sk_result *res, void *ud)
{
    seen *s = ud;
    const sk_case *c = sk_result_case(res);
    sk_buf_printf(&s->sig, "case %s line %u\n", sk_case_id(c), sk_case_line(c));
    s->cases++;
}

static void on_error(const char *file, unsigned line, const sk_diags *d, void *ud)
{
    seen *s = ud;
    (void)file;
    sk_buf_printf(&s->sig, "error line %u:", line);
    for (size_t i = 0; i < d->count; i++)
        sk_buf_printf(&s->sig, " [%u:%u %s]", d->items[i].line, d->items[i].col,
                      d->items[i].message);
    sk_buf_puts(&s->sig, "\n");
    s->errors++;
}

static const char *const GOOD =
    "case: s%u\nform: natverk\ntitle: Fall %u\n";
static const char *const BLOCK = /* markers indented inside a block scalar are text */
    "case: s%u\nform: natverk\ntitle: Fall %u\ndescription: |\n  --- inte en markör\n  ...\n  %%YAML\n";
static const char *const BAD[] = {
    "case: [x\n",                                   /* breaks off */
    "case: d\nform: natverk\nform: natverk\n",      /* duplicate key */
    "case: \"c\\e\"\nform: natverk\n",               /* control character */
    "case: u\nform: natverk\ntitle: \xff\n",         /* invalid UTF-8 */
    "- just\n- a list\n",                           /* not a mapping */
};
/* Between documents: each ends the previous one and opens the next. */
static const char *const SEP[] = {
    "---\n", "--- # kommentar\n", "...\n---\n", "# mellan\n---\n", "\n\n---\n",
    "...\n%YAML 1.1\n---\n", "...\n%TAG !e! tag:example.com,2000:\n---\n",
    "...\n# efter slutmarkör\n---\n", "...\n...\n---\n", "\xEF\xBB\xBF---\n",
};
/* Before the first document. */
static const char *const HEAD[] = {
    "", "", "---\n", "# rubrik\n---\n", "%YAML 1.1\n---\n", "...\n---\n", "...\n",
    "\xEF\xBB\xBF", "\xEF\xBB\xBF---\n", "%TAG !e! tag:example.com,2000:\n---\n",
};
static const char *const TAIL[] = {"", "", "...\n", "# slut\n", "...\n# slut\n", "\n"};

/* Appends text with LF replaced by the stream's line break. */
static void put_eol(sk_buf *b, const char *text, const char *eol)
{
    for (const char *p = text; *p; p++)
        if (*p == '\n')
            sk_buf_puts(b, eol);
        else
            sk_buf_putc(b, *p);
}

/* A random stream into b; returns how many results it must give: its
 * documents, or one input error for a stream without any (*empty set). */
static size_t gen_stream(rng *r, sk_buf *b, unsigned *next_id, int *empty)
{
    static const char *const eols[] = {"\n", "\r\n", "\r"};
    const char *eol = eols[rnd(r, 3)];
    size_t ndocs = rnd(r, 6);
    *empty = ndocs == 0;
    if (*empty) /* an empty stream is one input error */
        return put_eol(b, TAIL[rnd(r, 6)], eol), 1;
    put_eol(b, HEAD[rnd(r, sizeof HEAD / sizeof *HEAD)], eol);
    for (size_t i = 0; i < ndocs; i++) {
        if (i)
            put_eol(b, SEP[rnd(r, sizeof SEP / sizeof *SEP)], eol);
        char doc[256];
        unsigned k = rnd(r, 10), id = (*next_id)++;
        if (k < 6)
            snprintf(doc, sizeof doc, GOOD, id, id);
        else if (k < 7)
            snprintf(doc, sizeof doc, BLOCK, id, id);
        else
            snprintf(doc, sizeof doc, "%s", BAD[rnd(r, sizeof BAD / sizeof *BAD)]);
        put_eol(b, doc, eol);
    }
    put_eol(b, TAIL[rnd(r, 6)], eol);
    return ndocs;
}

/* Documents libyaml finds in the whole stream, or -1 if it rejects it. */
static long libyaml_documents(const sk_buf *b)
{
    yaml_parser_t p;
    yaml_event_t ev;
    long n = 0;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)(b->data ? b->data : ""), b->len);
    for (;;) {
        if (!yaml_parser_parse(&p, &ev)) {
            n = -1;
            break;
        }
        int done = ev.type == YAML_STREAM_END_EVENT;
        n += ev.type == YAML_DOCUMENT_START_EVENT;
        yaml_event_delete(&ev);
        if (done)
            break;
    }
    yaml_parser_delete(&p);
    return n;
}

static void run(const sk_batch_opts *o, const char *path, seen *s)
{
    sk_buf_init(&s->sig, 0);
    s->cases = s->errors = 0;
    sk_batch_stats st;
    const char *paths[] = {path};
    cr_assert_eq(sk_batch_each(o, paths, 1, on_case, on_error, s, &st), SK_OK);
}

Test(streams, file_and_stdin_agree_and_nothing_is_lost)
{
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    cr_assert_eq(sk_ruleset_load_embedded(&rs, NULL, &d), SK_OK);
    sk_limits lim;
    sk_limits_default(&lim);
    sk_batch_opts o = {.rs = rs, .limits = &lim, .default_date = 20000, .lang = SK_LANG_EN,
                       .jobs = 1};
    char path[] = "/tmp/samkoll-streams-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    rng r = {0x9E3779B97F4A7C15ull};
    unsigned next_id = 0;
    size_t agreed_with_libyaml = 0;
    for (unsigned i = 0; i < NSTREAMS; i++) {
        sk_buf b;
        sk_buf_init(&b, 0);
        int empty;
        size_t ndocs = gen_stream(&r, &b, &next_id, &empty);
        FILE *f = fopen(path, "wb");
        cr_assert(f);
        fwrite(b.data ? b.data : "", 1, b.len, f);
        fclose(f);
        seen as_file, as_stdin;
        run(&o, path, &as_file);
        cr_assert(freopen(path, "rb", stdin));
        run(&o, "-", &as_stdin);
        cr_assert_str_eq(sk_buf_cstr(&as_file.sig), sk_buf_cstr(&as_stdin.sig),
                         "stream %u: file and stdin differ", i);
        cr_assert_eq(as_file.cases + as_file.errors, ndocs,
                     "stream %u: %zu cases + %zu errors != %zu documents:\n%s", i,
                     as_file.cases, as_file.errors, ndocs, sk_buf_cstr(&as_file.sig));
        long ly = libyaml_documents(&b);
        if (ly >= 0 && !empty) {
            cr_assert_eq((size_t)ly, ndocs, "stream %u: libyaml finds %ld documents, samkoll %zu",
                         i, ly, ndocs);
            agreed_with_libyaml++;
        }
        sk_buf_free(&as_file.sig);
        sk_buf_free(&as_stdin.sig);
        sk_buf_free(&b);
    }
    cr_log_info("%d streams; %zu accepted by libyaml as a whole", NSTREAMS, agreed_with_libyaml);
    cr_assert_gt(agreed_with_libyaml, NSTREAMS / 10);
    unlink(path);
    sk_ruleset_free(rs);
    sk_diags_free(&d);
}

/* Random lines of the kinds that matter to the cut (markers, directives,
 * BOMs, blank and indented lines, CR, LF, CRLF, no final break), over 64 KiB
 * so that standard input's buffer is refilled mid-line. */
static void gen_lines(rng *r, sk_buf *b)
{
    static const char *const starts[] = {"", "---", "...", "%YAML 1.1", "\xEF\xBB\xBF",
                                         "- item", ".x", "  - a", "key: v", "# c",
                                         "  --- text", "\t", "x\ry"};
    static const char *const eols[] = {"\n", "\n", "\n", "\r\n", "\r"};
    while (b->len < 150000) {
        sk_buf_puts(b, starts[rnd(r, sizeof starts / sizeof *starts)]);
        for (unsigned k = rnd(r, 40); k > 0; k--)
            sk_buf_putc(b, (char)('a' + rnd(r, 26)));
        sk_buf_puts(b, eols[rnd(r, sizeof eols / sizeof *eols)]);
    }
    if (rnd(r, 2))
        sk_buf_puts(b, "tail without a break");
}

/* Reads all of b through lines, taking plain runs whenever one is there,
 * and checks what each run may hold; returns the bytes read, in order. */
static void read_mixed(sk_lines *ln, const sk_buf *b, sk_buf *got, unsigned *runs)
{
    const char *l;
    size_t n;
    int cont;
    for (;;) {
        unsigned before = ln->number;
        if ((n = sk_lines_plain_run(ln, &l)) > 0) {
            (*runs)++;
            cr_assert_eq(l[n - 1], '\n', "a run ends with a whole line");
            cr_assert_null(memchr(l, '\r', n), "a run holds no CR");
            unsigned lines = 0;
            for (size_t i = 0; i < n; i++) {
                if (i == 0 || l[i - 1] == '\n')
                    cr_assert_null(memchr("-.%\xEF", l[i], 4),
                                   "a run holds no line that could cut");
                lines += l[i] == '\n';
            }
            cr_assert_eq(ln->number, before + lines, "a run counts its lines");
            sk_buf_append(got, l, n);
            continue;
        }
        if (!sk_lines_next(ln, &l, &n, &cont))
            break;
        sk_buf_append(got, l, n);
    }
    cr_assert_eq(got->len, b->len);
    cr_assert(memcmp(got->data, b->data, b->len) == 0, "runs and lines give the input back");
}

Test(streams, plain_runs_take_only_lines_that_cannot_cut)
{
    rng r = {0x2545F4914F6CDD1Dull};
    unsigned runs = 0;
    for (int i = 0; i < 20; i++) {
        sk_buf b, got_mem, got_file;
        sk_buf_init(&b, 0);
        sk_buf_init(&got_mem, 0);
        sk_buf_init(&got_file, 0);
        gen_lines(&r, &b);
        sk_lines ln;
        sk_lines_mem(&ln, b.data, b.len);
        read_mixed(&ln, &b, &got_mem, &runs);
        unsigned lines_mem = ln.number;
        sk_lines_free(&ln);
        sk_lines_mem(&ln, b.data, b.len); /* lines alone count the same */
        const char *l;
        size_t n;
        int cont;
        while (sk_lines_next(&ln, &l, &n, &cont))
            ;
        cr_assert_eq(ln.number, lines_mem, "runs count lines as lines do");
        FILE *f = fmemopen(b.data, b.len, "rb");
        cr_assert_not_null(f);
        sk_lines_file(&ln, f, 1 << 20);
        read_mixed(&ln, &b, &got_file, &runs);
        cr_assert_eq(ln.number, lines_mem, "memory and stream count the same lines");
        sk_lines_free(&ln);
        fclose(f);
        sk_buf_free(&b);
        sk_buf_free(&got_mem);
        sk_buf_free(&got_file);
    }
    cr_assert_gt(runs, 1000);
}
