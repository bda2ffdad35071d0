/* test_hostile.c - limits and hostile input at the library level: control
 * characters smuggled in through escapes, text_file confinement (lexical,
 * symbolic links, FIFOs, size), file size and regex limits at and just
 * past their values, and walking directories with FIFOs. The command-line
 * side is tests/hostile/run; see docs/security.md. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "rules/ruleset_int.h"
#include "samkoll/files.h"
#include "yaml/yaml_load.h"

/* ---- fixtures ---------------------------------------------------------- */

/* A fresh temporary directory; removed by rmtree(). */
static void mktemp_dir(char *out, size_t n)
{
    snprintf(out, n, "/tmp/sk-hostile.XXXXXX");
    cr_assert_not_null(mkdtemp(out));
}

static void rmtree(const char *dir)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static void write_file(const char *dir, const char *name, const char *data, size_t len)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f, "%s: %s", p, strerror(errno));
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
}

typedef struct loaded {
    sk_arena a;
    sk_diags d;
    sk_case *c;
    sk_rc rc;
} loaded;

/* Loads the first case of file dir/name (a real file: text_file paths
 * resolve next to it) with limits lim (NULL: defaults). */
static void load_case_file(loaded *l, const char *dir, const char *name, const sk_limits *lim)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    sk_arena_init(&l->a, 4096);
    sk_diags_init(&l->d, SK_LANG_EN);
    sk_source *s;
    l->c = NULL;
    l->rc = sk_source_open(&s, p, lim, &l->d);
    if (l->rc != SK_OK)
        return;
    l->rc = sk_source_next(s, &l->a, NULL, 20000, &l->c, &l->d);
    sk_source_close(s);
}

static void unload(loaded *l)
{
    sk_arena_free(&l->a);
    sk_diags_free(&l->d);
}

static const char *msg0(const loaded *l)
{
    return l->d.count ? l->d.items[0].message : "(no diagnostic)";
}

/* A case whose agreement names text_file path. */
static void case_with_text_file(const char *dir, const char *path)
{
    char buf[PATH_MAX + 128];
    int n = snprintf(buf, sizeof buf, "case: t\nform: avtalssamverkan\nagreement:\n  text_file: \"%s\"\n", path);
    write_file(dir, "case.yaml", buf, (size_t)n);
}

/* ---- control characters ------------------------------------------------ */

static sk_rc load_yaml(const char *text, sk_diags *d)
{
    sk_arena a;
    sk_arena_init(&a, 1024);
    sk_yaml *y;
    cr_assert_eq(sk_yaml_open_mem(&y, "in.yaml", text, strlen(text), NULL), SK_OK);
    sk_node *root;
    sk_rc rc = sk_yaml_next(y, &a, &root, d);
    sk_yaml_close(y);
    sk_arena_free(&a);
    return rc;
}

Test(hostile, escaped_control_characters_are_rejected)
{
    /* libyaml rejects these characters raw but produces them from
     * escapes; "\0" used to truncate the value silently, "\e" and "\x9b"
     * reached the terminal through the text report */
    static const struct { const char *text; const char *code; } bad[] = {
        {"title: \"a\\0b\"\n", "U+0000"},   {"title: \"\\e[2J\"\n", "U+001B"},
        {"title: \"\\a\"\n", "U+0007"},     {"title: \"x\\x7f\"\n", "U+007F"},
        {"title: \"\\x9b31m\"\n", "U+009B"}, {"title: \"\\uFFFE\"\n", "U+FFFE"},
        {"\"k\\0\": v\n", "U+0000"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sk_diags d;
        sk_diags_init(&d, SK_LANG_EN);
        cr_expect_eq(load_yaml(bad[i].text, &d), SK_EINVALID, "%s", bad[i].text);
        cr_assert_eq(d.count, 1, "%s", bad[i].text);
        cr_expect_eq(d.items[0].line, 1);
        cr_expect(strstr(d.items[0].message, bad[i].code) != NULL, "%s: %s", bad[i].text,
                  d.items[0].message);
        sk_diags_free(&d);
    }
    /* tab, line breaks, NEL, no-break space and letters are text */
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    cr_expect_eq(load_yaml("title: \"a\\tb\\nc\\rd\\Ne\\_f \\u00e5 \\U0001F600\"\n", &d), SK_OK);
    cr_expect_eq(d.count, 0);
    sk_diags_free(&d);
}

Test(hostile, empty_collection_before_any_child)
{
    /* fuzz_case found UB: `{}` as the first collection of a loader offset
     * its (still NULL) child stack (fuzz/regressions/case) */
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    cr_expect_eq(load_yaml("{}\n", &d), SK_OK);
    cr_expect_eq(load_yaml("[]\n", &d), SK_OK);
    cr_expect_eq(load_yaml("a: {}\nb: []\n", &d), SK_OK);
    cr_expect_eq(d.count, 0);
    sk_diags_free(&d);
}

/* ---- file size --------------------------------------------------------- */

Test(hostile, file_size_limit_at_and_past)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    const char *doc = "case: t\nform: avtalssamverkan\n";
    size_t n = strlen(doc);
    write_file(dir, "case.yaml", doc, n);
    sk_limits lim;
    sk_limits_default(&lim);
    lim.max_file_bytes = n;
    loaded l;
    load_case_file(&l, dir, "case.yaml", &lim);
    cr_expect_eq(l.rc, SK_OK, "%s", msg0(&l));
    unload(&l);
    lim.max_file_bytes = n - 1;
    load_case_file(&l, dir, "case.yaml", &lim);
    cr_expect_eq(l.rc, SK_EIO);
    char want[128];
    snprintf(want, sizeof want, "file is larger than the limit of %zu bytes (--max-file-size)", n - 1);
    cr_expect_str_eq(msg0(&l), want);
    unload(&l);
    rmtree(dir);
}

/* ---- text_file --------------------------------------------------------- */

Test(hostile, text_file_outside_on_its_face_is_refused_without_looking)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    /* none of these exist: the answer must still be "outside", so that it
     * does not tell what exists outside the directory */
    static const char *const outside[] = {
        "../nothere.txt", "../../etc/passwd", "sub/../../x.txt", "./../x", "/etc/passwd",
        "/nothere/x.txt", "a/b/../../../x",
    };
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
        case_with_text_file(dir, outside[i]);
        loaded l;
        load_case_file(&l, dir, "case.yaml", NULL);
        cr_expect_eq(l.rc, SK_EINVALID, "%s", outside[i]);
        cr_expect(strstr(msg0(&l), "points outside the case file's directory") != NULL,
                  "%s: %s", outside[i], msg0(&l));
        cr_expect_eq(l.d.items[0].line, 4);
        cr_expect_eq(l.d.items[0].col, 14);
        unload(&l);
    }
    /* inside, though written with dots */
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    cr_assert_eq(mkdir(sub, 0755), 0);
    write_file(dir, "avtal.txt", "Avtalstext.\n", 12);
    static const char *const inside[] = {"avtal.txt", "./avtal.txt", "sub/../avtal.txt", "sub//..//avtal.txt"};
    for (size_t i = 0; i < sizeof inside / sizeof *inside; i++) {
        case_with_text_file(dir, inside[i]);
        loaded l;
        load_case_file(&l, dir, "case.yaml", NULL);
        cr_expect_eq(l.rc, SK_OK, "%s: %s", inside[i], msg0(&l));
        unload(&l);
    }
    rmtree(dir);
}

Test(hostile, text_file_symlink_out_of_the_directory_is_refused)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    char link[PATH_MAX];
    snprintf(link, sizeof link, "%s/avtal.txt", dir);
    cr_assert_eq(symlink("/etc/hostname", link), 0);
    case_with_text_file(dir, "avtal.txt");
    loaded l;
    load_case_file(&l, dir, "case.yaml", NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect(strstr(msg0(&l), "points outside") != NULL, "%s", msg0(&l));
    unload(&l);
    rmtree(dir);
}

Test(hostile, text_file_fifo_does_not_block)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    char fifo[PATH_MAX];
    snprintf(fifo, sizeof fifo, "%s/avtal.txt", dir);
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    case_with_text_file(dir, "avtal.txt");
    loaded l;
    load_case_file(&l, dir, "case.yaml", NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect_str_eq(msg0(&l), "cannot read text_file 'avtal.txt': not a regular file");
    unload(&l);
    rmtree(dir);
}

Test(hostile, text_file_size_limit_at_and_past)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    case_with_text_file(dir, "avtal.txt");
    sk_limits lim;
    sk_limits_default(&lim);
    lim.max_file_bytes = 80; /* case.yaml is 63 bytes */
    char text[82];
    memset(text, 'x', sizeof text);
    write_file(dir, "avtal.txt", text, 80);
    loaded l;
    load_case_file(&l, dir, "case.yaml", &lim);
    cr_expect_eq(l.rc, SK_OK, "%s", msg0(&l));
    unload(&l);
    write_file(dir, "avtal.txt", text, 81);
    load_case_file(&l, dir, "case.yaml", &lim);
    cr_expect_eq(l.rc, SK_EINVALID);
    /* the limit used to be printed from the wrong argument (a pointer) */
    cr_expect_str_eq(msg0(&l), "file is larger than the limit of 80 bytes (--max-file-size)");
    unload(&l);
    rmtree(dir);
}

Test(hostile, text_file_with_control_characters_is_refused)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    case_with_text_file(dir, "avtal.txt");
    write_file(dir, "avtal.txt", "Avtal\x1b]0;x\x07\n", 12);
    loaded l;
    load_case_file(&l, dir, "case.yaml", NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect(strstr(msg0(&l), "U+001B") != NULL, "%s", msg0(&l));
    unload(&l);
    rmtree(dir);
}

Test(hostile, text_file_path_too_long_is_an_error_not_a_truncation)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    write_file(dir, "avtal.txt", "Avtal\n", 6);
    /* "./////avtal.txtXXXX..." sized so that the joined path, cut at
     * PATH_MAX, is exactly DIR/./////avtal.txt: the old code read that
     * file, which the case does not name */
    size_t lead = strlen(dir) + 1, m = PATH_MAX - 1 - lead - 1 - 9;
    char *rel = malloc(PATH_MAX + 64);
    size_t n = 0;
    rel[n++] = '.';
    memset(rel + n, '/', m);
    n += m;
    n += (size_t)sprintf(rel + n, "avtal.txtXXXXXXXXXXXXXXXX");
    case_with_text_file(dir, rel);
    loaded l;
    load_case_file(&l, dir, "case.yaml", NULL);
    cr_expect_eq(l.rc, SK_EINVALID);
    cr_expect(strncmp(msg0(&l), "cannot read text_file './", 25) == 0, "%s", msg0(&l));
    unload(&l);
    free(rel);
    rmtree(dir);
}

Test(hostile, allow_outside_text_file_reads_outside)
{
    char dir[64], other[64];
    mktemp_dir(dir, sizeof dir);
    mktemp_dir(other, sizeof other);
    write_file(other, "avtal.txt", "Avtal utanför.\n", 16);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/avtal.txt", other);
    case_with_text_file(dir, path);
    sk_limits lim;
    sk_limits_default(&lim);
    loaded l;
    load_case_file(&l, dir, "case.yaml", &lim);
    cr_expect_eq(l.rc, SK_EINVALID);
    unload(&l);
    lim.allow_outside_text_file = true;
    load_case_file(&l, dir, "case.yaml", &lim);
    cr_expect_eq(l.rc, SK_OK, "%s", msg0(&l));
    unload(&l);
    rmtree(dir);
    rmtree(other);
}

/* ---- walking directories ----------------------------------------------- */

Test(hostile, directory_walk_reports_fifo_without_opening_it)
{
    char dir[64];
    mktemp_dir(dir, sizeof dir);
    write_file(dir, "a.yaml", "case: a\nform: natverk\n", 22);
    char fifo[PATH_MAX];
    snprintf(fifo, sizeof fifo, "%s/b.yaml", dir);
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    sk_files files = {0};
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    cr_expect_eq(sk_files_collect(&files, dir, &d), 1);
    cr_assert_eq(files.count, 1);
    cr_expect(strstr(files.paths[0], "/a.yaml") != NULL);
    cr_assert_eq(d.count, 1);
    cr_expect_str_eq(d.items[0].message, "cannot read file: not a regular file");
    cr_expect_str_eq(d.items[0].file, fifo);
    sk_files_free(&files);
    sk_diags_free(&d);
    rmtree(dir);
}

Test(hostile, directory_walk_over_an_empty_subdirectory)
{
    /* an empty directory used to reach qsort() with a NULL array (UBSan:
     * "null pointer passed as argument 1") */
    char dir[64], sub[PATH_MAX];
    mktemp_dir(dir, sizeof dir);
    snprintf(sub, sizeof sub, "%s/empty", dir);
    cr_assert_eq(mkdir(sub, 0755), 0);
    write_file(dir, "a.yaml", "case: a\nform: natverk\n", 22);
    sk_files files = {0};
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    cr_expect_eq(sk_files_collect(&files, dir, &d), 0);
    cr_expect_eq(files.count, 1);
    cr_expect_eq(d.count, 0);
    sk_files_free(&files);
    sk_diags_free(&d);
    rmtree(dir);
}

/* ---- regex limits ------------------------------------------------------ */

static const char REDOS_RULE[] =
    "id: t.redos\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\ncertainty: settled\n"
    "valid_from: 2000-01-01\ncitations: [{act: KL, chapter: 9, section: 37}]\n"
    "require: {path: agreement.text, matches: '(a+)+$'}\nmessage: {sv: fel, en: wrong}\n";

static sk_ruleset *redos_rules(const sk_limits *lim)
{
    sk_rule_src src[2] = {
        {"acts.yaml", ACTS, sizeof ACTS - 1},
        {"t/rules.yaml", REDOS_RULE, sizeof REDOS_RULE - 1},
    };
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    sk_ruleset_load(&rs, src, 2, lim, &d);
    sk_diags_free(&d);
    cr_assert_not_null(rs);
    return rs;
}

/* "aaa...ab" with n a's: (a+)+$ backtracks exponentially in n. */
static char *redos_case(int n)
{
    char *s = malloc((size_t)n + 128);
    int k = sprintf(s, "case: t\nform: avtalssamverkan\nagreement:\n  text: \"");
    memset(s + k, 'a', (size_t)n);
    strcpy(s + k + n, "b\"\n");
    return s;
}

/* Status of the rule over the case with n a's under match limit lim. */
static sk_status redos_status(unsigned long match_limit, int n, const char **error)
{
    sk_limits lim;
    sk_limits_default(&lim);
    lim.regex_match_limit = match_limit;
    sk_ruleset *rs = redos_rules(&lim);
    char *text = redos_case(n);
    evald e;
    eval_case(&e, rs, text);
    cr_assert_eq(e.rc, SK_OK);
    sk_status s = (sk_status)e.res->findings[0].status;
    static char err[200];
    snprintf(err, sizeof err, "%s", e.res->findings[0].error ? e.res->findings[0].error : "");
    if (error)
        *error = err;
    eval_done(&e);
    free(text);
    sk_ruleset_free(rs);
    return s;
}

Test(hostile, catastrophic_regex_is_an_error_finding_not_a_hang)
{
    const char *err;
    cr_expect_eq(redos_status(SK_DEFAULT_REGEX_MATCH_LIMIT, 5000, &err), SK_ST_ERROR);
    cr_expect_str_eq(err, "regex: match limit exceeded");
    /* a short text finishes within the default limit: a plain fail */
    cr_expect_eq(redos_status(SK_DEFAULT_REGEX_MATCH_LIMIT, 8, NULL), SK_ST_FAIL);
}

Test(hostile, regex_match_limit_at_and_just_past)
{
    /* find the smallest match limit under which the match (over 12 a's)
     * completes; one less must be an error finding */
    unsigned long lo = 1, hi = SK_DEFAULT_REGEX_MATCH_LIMIT;
    cr_assert_eq(redos_status(hi, 12, NULL), SK_ST_FAIL);
    cr_assert_eq(redos_status(lo, 12, NULL), SK_ST_ERROR);
    while (hi - lo > 1) {
        unsigned long mid = lo + (hi - lo) / 2;
        if (redos_status(mid, 12, NULL) == SK_ST_ERROR)
            lo = mid;
        else
            hi = mid;
    }
    const char *err;
    cr_expect_eq(redos_status(hi, 12, NULL), SK_ST_FAIL);
    cr_expect_eq(redos_status(hi - 1, 12, &err), SK_ST_ERROR);
    cr_expect_str_eq(err, "regex: match limit exceeded");
    cr_log_info("match limit needed for 12 a's: %lu", hi);
}

/* The depth and heap limits bind the interpreter; the JIT (used whenever
 * available) has its own fixed 32 KiB stack instead. Check that the rule
 * set's match context carries them, with the pattern interpreted. */
static int interpreted_match(const sk_ruleset *rs, const char *subject)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR) "^(a|b)*$", PCRE2_ZERO_TERMINATED, 0,
                                     &errcode, &erroff, NULL);
    cr_assert_not_null(code);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, strlen(subject), 0, 0, md, rs->mctx);
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return rc;
}

Test(hostile, regex_depth_and_heap_limits_reach_the_matcher)
{
    char subject[2001];
    memset(subject, 'a', 2000);
    subject[2000] = '\0'; /* (a|b)* backtracks through one frame per character */
    sk_limits lim;
    sk_limits_default(&lim);
    sk_ruleset *rs = redos_rules(&lim);
    cr_expect_gt(interpreted_match(rs, subject), 0);
    sk_ruleset_free(rs);
    /* the recursion needs about one level per character */
    lim.regex_depth_limit = 100;
    rs = redos_rules(&lim);
    cr_expect_eq(interpreted_match(rs, subject), PCRE2_ERROR_DEPTHLIMIT);
    sk_ruleset_free(rs);
    sk_limits_default(&lim);
    lim.regex_heap_kib = 1;
    rs = redos_rules(&lim);
    cr_expect_eq(interpreted_match(rs, subject), PCRE2_ERROR_HEAPLIMIT);
    sk_ruleset_free(rs);
}

/* ---- rule nesting ------------------------------------------------------ */

static sk_rc deep_rule(int levels, size_t max_depth, sk_diags *d)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_buf_puts(&b, "id: t.deep\ntitle: {sv: T, en: T}\nseverity: fail\nbasis: statute\n"
                    "certainty: settled\nvalid_from: 2000-01-01\ncitations: [{act: KL}]\nrequire: ");
    for (int i = 0; i < levels; i++)
        sk_buf_puts(&b, "{not: ");
    sk_buf_puts(&b, "{path: form, eq: natverk}");
    for (int i = 0; i < levels; i++)
        sk_buf_putc(&b, '}');
    sk_buf_puts(&b, "\nmessage: {sv: fel, en: wrong}\n");
    sk_rule_src src[2] = {
        {"acts.yaml", ACTS, sizeof ACTS - 1},
        {"t/rules.yaml", sk_buf_cstr(&b), b.len},
    };
    sk_limits lim;
    sk_limits_default(&lim);
    lim.max_depth = max_depth;
    sk_ruleset *rs = NULL;
    sk_rc rc = sk_ruleset_load(&rs, src, 2, &lim, d);
    sk_ruleset_free(rs);
    sk_buf_free(&b);
    return rc;
}

Test(hostile, deeply_nested_conditions_are_an_error_not_a_stack_overflow)
{
    /* with --max-depth raised, a 100,000-deep rule overflowed the C
     * stack of the (recursive) condition compiler */
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    cr_expect_eq(deep_rule(63, 1000, &d), SK_OK);
    cr_expect_eq(d.errors, 0);
    cr_expect_eq(deep_rule(64, 1000, &d), SK_EINVALID);
    cr_assert_geq(d.count, 1);
    cr_expect_str_eq(d.items[0].message, "too many nested conditions (at most 64)");
    sk_diags_free(&d);
    sk_diags_init(&d, SK_LANG_EN);
    cr_expect_eq(deep_rule(10000, 100000, &d), SK_EINVALID);
    sk_diags_free(&d);
}
