/* test_cli_texts.c - the CLI's text table (engine/cli/texts.def): each
 * row's Swedish and English texts take the same printf conversions. */
#include <criterion/criterion.h>
#include <string.h>

#include "texts.h"

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

Test(cli_texts, swedish_and_english_take_the_same_arguments)
{
    for (int id = 0; id < T__COUNT; id++) {
        char sv[128], en[128];
        conversions(cli_text((cli_text_id)id, 0), sv, sizeof sv);
        conversions(cli_text((cli_text_id)id, 1), en, sizeof en);
        cr_expect_str_eq(sv, en, "text %d: sv takes %s, en takes %s", id, sv, en);
        cr_expect_neq(strlen(cli_text((cli_text_id)id, 0)), 0);
    }
}
