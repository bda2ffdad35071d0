/* test_util.c - the small modules: dates, suggestions, SHA-256, UTF-8,
 * the arena and the buffer. */
#include <criterion/criterion.h>
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
