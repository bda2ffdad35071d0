/* test_util.c - the small modules: dates, suggestions, SHA-256, UTF-8,
 * the arena and the buffer. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/msg.h"
#include "base/ui.h"
#include "base/sha256.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "report/report_int.h"
#include "rules/ruleset_int.h"
#include "schema/schema.h"

Test(date, parse_and_format_round_trip)
{
    int32_t d;
    cr_assert(sk_date_parse("1970-01-01", 10, &d));
    cr_expect_eq(d, 0);
    cr_assert(sk_date_parse("2018-07-01", 10, &d));
    char out[11];
    sk_date_format(d, out);
    cr_expect_str_eq(out, "2018-07-01");
    cr_assert(sk_date_parse("2000-02-29", 10, &d));
    cr_expect_not(sk_date_parse("1900-02-29", 10, &d));
    cr_expect_not(sk_date_parse("2023-02-30", 10, &d));
    cr_expect_not(sk_date_parse("2023-04-31", 10, &d));
    cr_expect_not(sk_date_parse("2023-00-10", 10, &d));
    cr_expect_not(sk_date_parse("2023-1-10", 9, &d));
    cr_expect_not(sk_date_parse("20231-1-10", 10, &d));
    int32_t a, b;
    sk_date_parse("2019-12-31", 10, &a);
    sk_date_parse("2020-01-01", 10, &b);
    cr_expect_eq(b - a, 1);
}

Test(suggest, folds_swedish_letters)
{
    static const char *const forms[] = {"gemensam_namnd", "kommunalforbund", "avtalssamverkan"};
    cr_expect_str_eq(sk_suggest("gemensam_nämnd", forms, 3), "gemensam_namnd");
    cr_expect_str_eq(sk_suggest("kommunalförbund", forms, 3), "kommunalforbund");
    cr_expect_str_eq(sk_suggest("avtalsamverkan", forms, 3), "avtalssamverkan");
    cr_expect_null(sk_suggest("bolag", forms, 3));
    static const char *const keys[] = {"case", "form", "title"};
    cr_expect_str_eq(sk_suggest("from", keys, 3), "form");
    cr_expect_eq(sk_suggest_distance("myndighetsutövning", "myndighetsutovning"), 0);
}

Test(sha256, known_vectors)
{
    sk_sha256 s;
    char hex[65];
    sk_sha256_init(&s);
    sk_sha256_hex(&s, hex);
    cr_expect_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sk_sha256_init(&s);
    sk_sha256_update(&s, "abc", 3);
    sk_sha256_hex(&s, hex);
    cr_expect_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sk_sha256_init(&s);
    for (size_t i = 0; i < strlen(m); i++)
        sk_sha256_update(&s, m + i, 1);
    sk_sha256_hex(&s, hex);
    cr_expect_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(utf8, validation)
{
    cr_expect_eq(sk_utf8_invalid_at("åäö €", strlen("åäö €")), (size_t)-1);
    cr_expect_eq(sk_utf8_invalid_at("a\xc3", 2), 1);
    cr_expect_eq(sk_utf8_invalid_at("ab\xc0\xaf", 4), 2);          /* overlong */
    cr_expect_eq(sk_utf8_invalid_at("\xed\xa0\x80", 3), 0);         /* surrogate */
    cr_expect_eq(sk_utf8_invalid_at("\xf4\x90\x80\x80", 4), 0);     /* > U+10FFFF */
    cr_expect_eq(sk_utf8_invalid_at("\xff", 1), 0);
}

/* The validator byte by byte, as RFC 3629 states it: the reference the
 * word-at-a-time sk_utf8_invalid_at must agree with. */
static size_t utf8_reference(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i], n, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            n = 1, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
            n = 2, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
            n = 3, min = 0x10000, c &= 0x07;
        else
            return i;
        for (unsigned k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                return i;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return (size_t)-1;
}

Test(utf8, agrees_with_bytewise_reference)
{
    /* ASCII runs of every length around a word, valid characters of each
     * length, and each kind of invalid or cut sequence, mixed at random
     * offsets; every prefix of every string is checked */
    static const char *const parts[] = {
        "a", "ab", "abc", "Avtalet ", "kommunerna ska ", "0123456789abcdef",
        "å", "ä", "ö", "§", "€", "\xf0\x9d\x84\x9e", "\xc2\x80", "\xdf\xbf", "\xef\xbf\xbf",
        "\xf4\x8f\xbf\xbf", "\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xc3", "\xe2\x82",
        "\xed\xa0\x80", "\xed\x9f\xbf", "\xe0\x80\x80", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80",
        "\xf8\x88\x80\x80\x80", "\xff", "\xfe", "\x7f", "\t\n",
    };
    const size_t nparts = sizeof parts / sizeof parts[0];
    uint32_t seed = 12345;
    unsigned char buf[256];
    size_t checked = 0, invalid = 0;
    for (int round = 0; round < 4000; round++) {
        size_t len = 0;
        int pieces = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int k = 0; k < pieces; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % nparts];
            size_t n = strlen(p);
            if (len + n > sizeof buf)
                break;
            memcpy(buf + len, p, n);
            len += n;
        }
        for (size_t n = 0; n <= len; n++) {
            size_t want = utf8_reference(buf, n);
            cr_assert_eq(sk_utf8_invalid_at((const char *)buf, n), want, "round %d, %zu bytes",
                         round, n);
            checked++;
            invalid += want != (size_t)-1;
        }
    }
    cr_expect_gt(invalid, checked / 10); /* both outcomes well covered */
    cr_expect_lt(invalid, checked - checked / 10);
}

Test(arena, alignment_and_large_blocks)
{
    sk_arena a;
    sk_arena_init(&a, 256);
    for (int i = 0; i < 100; i++) {
        void *p = sk_arena_alloc(&a, (size_t)i * 7 + 1);
        cr_assert_not_null(p);
        cr_expect_eq((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)i * 7 + 1);
    }
    char *big = sk_arena_alloc(&a, 100000);
    cr_assert_not_null(big);
    memset(big, 1, 100000);
    cr_expect_str_eq(sk_arena_printf(&a, "%s-%d", "x", 42), "x-42");
    cr_expect_null(sk_arena_calloc(&a, SIZE_MAX / 2, 4));
    sk_arena_free(&a);
}

Test(buf, ceiling)
{
    sk_buf b;
    sk_buf_init(&b, 8);
    cr_expect(sk_buf_puts(&b, "12345678"));
    cr_expect_not(sk_buf_putc(&b, '9'));
    cr_expect(b.failed);
    cr_expect_str_eq(sk_buf_cstr(&b), "12345678");
    sk_buf_free(&b);
}

/* sk_buf_uint writes what printf's %llu writes, at each digit count and
 * at the edges of the digit-pair steps */
Test(buf, uint_matches_printf)
{
    static const unsigned long long v[] = {0, 1, 9, 10, 11, 42, 99, 100, 101, 999, 1000,
                                           9999, 10000, 65535, 99999, 100000, 4294967295ull,
                                           10000000000ull, 18446744073709551615ull};
    sk_buf b;
    sk_buf_init(&b, 0);
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char want[32];
        snprintf(want, sizeof want, "x%llu", v[i]);
        sk_buf_clear(&b);
        sk_buf_putc(&b, 'x');
        cr_expect(sk_buf_uint(&b, v[i]));
        cr_expect_str_eq(sk_buf_cstr(&b), want);
    }
    sk_buf_free(&b);
}

/* The printf conversions of fmt ("%s%u%zu"), flags and widths included,
 * written into out; "%%" is not a conversion. */
static void conversions(const char *fmt, char *out, size_t size)
{
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        const char *q = p + 1;
        while (*q && strchr("-+ #0123456789.*hlLqjzt", *q))
            q++;
        size_t n = (size_t)(q - p) + (*q ? 1 : 0);
        cr_assert_lt(k + n, size);
        memcpy(out + k, p, n);
        k += n;
        p = q;
    }
    out[k] = 0;
}

/* -Wformat cannot check formats taken from a table: each message's
 * Swedish and English texts must take the same arguments in the same
 * order. */
Test(msg, swedish_and_english_take_the_same_arguments)
{
    for (int id = 0; id < M__COUNT; id++) {
        char sv[128], en[128];
        conversions(sk_msg_fmt((sk_msg)id, SK_LANG_SV), sv, sizeof sv);
        conversions(sk_msg_fmt((sk_msg)id, SK_LANG_EN), en, sizeof en);
        cr_expect_str_eq(sv, en, "message %d: sv \"%s\" takes %s, en \"%s\" takes %s", id,
                         sk_msg_fmt((sk_msg)id, SK_LANG_SV), sv, sk_msg_fmt((sk_msg)id, SK_LANG_EN), en);
    }
}

Test(ui, swedish_and_english_take_the_same_arguments)
{
    for (int id = 0; id < UI__COUNT; id++) {
        char sv[128], en[128];
        conversions(sk_ui((sk_ui_id)id, 0), sv, sizeof sv);
        conversions(sk_ui((sk_ui_id)id, 1), en, sizeof en);
        cr_expect_str_eq(sv, en, "ui text %d: sv \"%s\" takes %s, en \"%s\" takes %s", id,
                         sk_ui((sk_ui_id)id, 0), sv, sk_ui((sk_ui_id)id, 1), en);
    }
}

Test(msg, the_check_sees_a_mismatch)
{
    char a[32], b[32];
    conversions("%s har %u", a, sizeof a);
    conversions("%u has %s (100%%)", b, sizeof b);
    cr_assert_str_neq(a, b);
    cr_assert_str_eq(a, "%s%u");
    cr_assert_str_eq(b, "%u%s");
}

/* D7: a message cut by a fixed buffer never ends inside a character. */
Test(utf8, trim_partial_cuts_only_an_incomplete_character)
{
    static const struct { const char *in, *out; } cases[] = {
        {"abc", "abc"}, {"", ""}, {"å", "å"}, {"a\xC3", "a"}, {"a\xE2\x80", "a"},
        {"a\xF0\x9F\x98", "a"}, {"a\xF0\x9F\x98\x80", "a\xF0\x9F\x98\x80"}, {"\xE2\x82\xAC", "\xE2\x82\xAC"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        cr_expect_str_eq(sk_utf8_trim_partial(buf), cases[i].out, "case %zu", i);
    }
}

Test(utf8, diagnostics_truncated_on_character_boundaries)
{
    /* a value of 2,000 'ä' makes every fixed message buffer overflow */
    char value[4001];
    for (size_t i = 0; i < 2000; i++)
        memcpy(value + 2 * i, "\xC3\xA4", 2);
    value[4000] = '\0';
    for (size_t cut = 990; cut < 1000; cut++) {
        char msg[1024];
        /* as a fixed buffer cuts it: inside a character half the time */
        msg[0] = 'x';
        memcpy(msg + 1, value, cut - 2);
        msg[cut - 1] = '\0';
        sk_diags d;
        sk_diags_init(&d, SK_LANG_SV);
        sk_diag_addv(&d, SK_DIAG_ERROR, "f.yaml", 1, 1, value, msg);
        cr_assert_eq(sk_utf8_invalid_at(d.items[0].message, strlen(d.items[0].message)), (size_t)-1);
        char line[1400];
        sk_diag_format(&d.items[0], SK_LANG_SV, line, sizeof line);
        cr_assert_eq(sk_utf8_invalid_at(line, strlen(line)), (size_t)-1, "cut %zu", cut);
        sk_diags_free(&d);
    }
}

/* ---- JSON string escaping (report/escape.c) ---- */

static int ref_plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

/* Byte by byte, as the JSON writer must escape (RFC 8259): ", \, the
 * short escapes for \n \r \t, \u00XX for the other bytes below 0x20, all
 * other bytes (invalid UTF-8 too) as they are. */
static void ref_json_str(sk_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    sk_buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            sk_buf_putc(b, '\\');
            sk_buf_putc(b, (char)c);
        } else if (c == '\n' || c == '\r' || c == '\t') {
            sk_buf_putc(b, '\\');
            sk_buf_putc(b, c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        } else if (c < 0x20) {
            char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            sk_buf_puts(b, u);
        } else {
            sk_buf_putc(b, (char)c);
        }
    }
    sk_buf_putc(b, '"');
}

static uint64_t rng_next(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* The scan (32, 16 and 8 bytes at a time) against the byte-by-byte
 * reference: every length up to 80, every position of one special byte in
 * a plain run, and random strings mixing ASCII, Swedish UTF-8, invalid
 * UTF-8 (lone 0x80-0xFF) and the bytes to escape. */
Test(json, plain_run_and_escaping_match_a_byte_by_byte_reference)
{
    static const unsigned char special[] = {'"', '\\', 0x01, 0x1f, '\n', '\t', 0x7f, 0x80, 0xff, 0x20, 0x21,
                                            0x5b, 0x5d, 0xc3, 0xa5};
    unsigned char s[200];
    for (size_t len = 0; len <= 80; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof special; k++) {
                memset(s, 'a', len);
                if (at < len)
                    s[at] = special[k];
                size_t want = 0;
                while (want < len && ref_plain(s[want]))
                    want++;
                cr_assert_eq(sk_json_plain_run(s, len), want, "len %zu, 0x%02x at %zu", len,
                             special[k], at);
            }
    static const char *const pieces[] = {"a", "Z", " ", "å", "ö", "Ä", "\"", "\\", "\n", "\r", "\t",
                                         "\x01", "\x1f", "\x7f", "\x80", "\xc3", "\xff", "\xe2\x80",
                                         "/", "kommunalförbund "};
    uint64_t seed = 15;
    sk_buf got, want;
    sk_buf_init(&got, 0);
    sk_buf_init(&want, 0);
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, n = rng_next(&seed) % 40;
        for (size_t i = 0; i < n; i++) {
            uint64_t r = rng_next(&seed);
            /* mostly plain text, so that long runs reach the wide scans */
            const char *p = pieces[r % 8 ? r % 6 : r % (sizeof pieces / sizeof *pieces)];
            size_t m = strlen(p);
            if (len + m >= sizeof s)
                break;
            memcpy(s + len, p, m);
            len += m;
        }
        s[len] = 0;
        size_t plain = 0;
        while (plain < len && ref_plain(s[plain]))
            plain++;
        cr_assert_eq(sk_json_plain_run(s, len), plain, "round %d", round);
        sk_buf_clear(&got);
        sk_buf_clear(&want);
        sk_buf_puts(&got, "x");
        sk_buf_puts(&want, "x");
        sk_json_str(&got, (const char *)s);
        ref_json_str(&want, (const char *)s, len);
        cr_assert_eq(got.len, want.len, "round %d", round);
        cr_assert(memcmp(got.data, want.data, got.len) == 0, "round %d: %s", round, want.data);
    }
    sk_buf_clear(&got);
    sk_json_str(&got, NULL);
    cr_expect_str_eq(sk_buf_cstr(&got), "\"\"");
    sk_buf_free(&got);
    sk_buf_free(&want);
}

static void expect_plain(const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cr_assert_not_null(names[i]);
        size_t len = strlen(names[i]);
        cr_expect_eq(sk_json_plain_run((const unsigned char *)names[i], len), len, "%s", names[i]);
    }
}

/* The JSON writer copies these between quotes without escaping them. */
Test(json, enum_names_need_no_escaping)
{
    const char *status[SK_ST__COUNT];
    for (int s = 0; s < SK_ST__COUNT; s++)
        status[s] = sk_status_name((sk_status)s);
    expect_plain(status, SK_ST__COUNT);
    expect_plain(sk_form_values, SK_NFORMS);
    expect_plain(sk_basis_names, SK_BASIS__COUNT);
    expect_plain(sk_certainty_names, SK_CERT__COUNT);
    expect_plain(sk_judged_at_names, 3);
    expect_plain(sk_date_field_names, 3);
}

Test(buf, reserve_and_extend)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_buf_reserve(&b, 1000);
    cr_expect_geq(b.cap, 1001);
    cr_expect_str_eq(sk_buf_cstr(&b), "");
    char *p = sk_buf_extend(&b, 3);
    cr_assert_not_null(p);
    memcpy(p, "abc", 3);
    cr_expect_str_eq(sk_buf_cstr(&b), "abc");
    sk_buf_free(&b);
    sk_buf_init(&b, 4);
    sk_buf_reserve(&b, 100); /* above the ceiling: a hint, ignored */
    cr_expect_not(b.failed);
    cr_assert_not_null(sk_buf_extend(&b, 4));
    cr_expect_null(sk_buf_extend(&b, 1));
    cr_expect(b.failed);
    cr_expect_eq(b.len, 4);
    sk_buf_free(&b);
}

/* ---- fact paths as JSON (report/escape.c) ------------------------------ */

#define CHECK_FIELDS_S(n) check_field_names(&n);
#define CHECK_FIELDS_V(n)
static void check_field_names(const sk_schema *s)
{
    for (size_t i = 0; i < s->count; i++) {
        const char *name = s->fields[i].name;
        size_t len = strlen(name);
        cr_assert_eq(sk_json_plain_run((const unsigned char *)name, len), len, "%s.%s", s->name, name);
    }
}

Test(json, schema_field_names_need_no_escaping)
{
    SK_SCHEMA_NAMES(CHECK_FIELDS_S, CHECK_FIELDS_V)
}

/* The JSON form of sk_fact_path's text, the way it was written before the
 * direct rendering: the path escaped as any string. */
static void expect_fact_path(const sk_fact *f, const char *want)
{
    sk_buf plain, got, ref, tmp;
    sk_buf_init(&plain, 0);
    sk_buf_init(&got, 0);
    sk_buf_init(&ref, 0);
    sk_buf_init(&tmp, 0);
    sk_fact_path(f, &plain);
    sk_json_str(&ref, sk_buf_cstr(&plain));
    sk_buf_puts(&got, "x");
    sk_json_fact_path(&got, f, &tmp);
    cr_expect_str_eq(sk_buf_cstr(&plain), want);
    cr_expect_str_eq(sk_buf_cstr(&got) + 1, sk_buf_cstr(&ref));
    cr_expect_eq(got.data[0], 'x');
    sk_buf_free(&plain);
    sk_buf_free(&got);
    sk_buf_free(&ref);
    sk_buf_free(&tmp);
}

Test(json, fact_paths_render_as_the_escaped_general_path)
{
    /* root {tasks: [{name: v, "we\"ird": w}]}, keys with and without a field */
    sk_node root = {.kind = SK_MAP, .len = 1}, seq = {.kind = SK_SEQ, .len = 1};
    sk_node item = {.kind = SK_MAP, .len = 2}, v = {.kind = SK_SCALAR}, w = {.kind = SK_SCALAR};
    sk_node k_tasks = {.kind = SK_SCALAR, .field = 0}, k_name = {.kind = SK_SCALAR, .field = 0};
    sk_node k_weird = {.kind = SK_SCALAR, .field = -1};
    k_tasks.u.s = "tasks";
    k_name.u.s = "name";
    k_weird.u.s = "we\"ird";
    v.u.s = w.u.s = "v";
    sk_pair rp[1] = {{&k_tasks, &seq}}, ip[2] = {{&k_name, &v}, {&k_weird, &w}};
    sk_node *items[1] = {&item};
    root.u.pairs = rp;
    seq.u.items = items;
    item.u.pairs = ip;
    seq.parent = &root;
    item.parent = &seq;
    v.parent = w.parent = &item;
    w.index = 1;
    const sk_schema *tasks = NULL;
    for (size_t i = 0; i < sk_case_schema.count; i++)
        if (!strcmp(sk_case_schema.fields[i].name, "tasks"))
            tasks = sk_case_schema.fields[i].sub;
    cr_assert(tasks && tasks->count > 1);
    sk_step steps[2];
    sk_path p = {.root = SK_ROOT_CASE, .nsteps = 2, .steps = steps};
    p.steps[0] = (sk_step){.schema = &sk_case_schema, .field = 0, .star = 1};
    p.steps[1] = (sk_step){.schema = tasks, .field = 1};
    char want[128];
    sk_fact f = {.node = &v, .path = &p, .from = 2};
    expect_fact_path(&f, "tasks[0].name");
    f.node = &w;
    expect_fact_path(&f, "tasks[0].we\"ird");
    f = (sk_fact){.node = &root, .path = &p, .missing = 1};
    snprintf(want, sizeof want, "%s[*].%s", sk_case_schema.fields[0].name, tasks->fields[1].name);
    expect_fact_path(&f, want);
    f = (sk_fact){.node = &seq, .path = &p, .from = 1, .missing = 1};
    snprintf(want, sizeof want, "tasks[*].%s", tasks->fields[1].name);
    expect_fact_path(&f, want);
    f = (sk_fact){.node = &item, .path = &p, .from = 1, .missing = 1};
    snprintf(want, sizeof want, "tasks[0][*].%s", tasks->fields[1].name);
    expect_fact_path(&f, want);
    sk_path form = {.text = "form.x\"y", .root = SK_ROOT_FORM};
    f = (sk_fact){.path = &form};
    expect_fact_path(&f, "form.x\"y");
}

Test(json, status_parts_match_the_names)
{
    for (int s = 0; s < SK_ST__COUNT; s++) {
        char want[64];
        snprintf(want, sizeof want, ",\"status\":\"%s\"", sk_status_name((sk_status)s));
        size_t len = 99;
        const char *got = sk_json_status_part((sk_status)s, &len);
        cr_assert_not_null(got, "status %d", s);
        cr_expect_eq(len, strlen(want), "status %d", s);
        cr_expect_eq(strlen(got), len, "status %d", s);
        cr_expect_str_eq(got, want);
    }
    size_t len = 99;
    cr_expect_null(sk_json_status_part(SK_ST__COUNT, &len));
    cr_expect_eq(len, 0);
}
