/* Unit tests of sk_case_text_edit (engine/src/advice/case_set.c): any fact
 * of a case file set, added or removed in its text, every other byte kept. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "samkoll/advice.h"
#include "samkoll/limits.h"

static sk_rc edit_rc(const char *text, size_t doc, const char *key, const char *const *values,
                     size_t n, char **out, char **msg)
{
    sk_limits lim;
    sk_limits_default(&lim);
    sk_case_edit e = {.doc = doc, .key = key, .values = values, .n = n};
    size_t len = 0;
    return sk_case_text_edit(text, strlen(text), &e, &lim, SK_LANG_SV, out, &len, msg);
}

/* The text after setting key to v (NULL: removing it); fails the test if
 * the edit does not succeed. */
static char *edited(const char *text, const char *key, const char *v)
{
    char *out = NULL, *msg = NULL;
    const char *vals[] = {v};
    sk_rc rc = edit_rc(text, 0, key, vals, v ? 1 : 0, &out, &msg);
    cr_assert_eq(rc, SK_OK, "edit %s: rc %d (%s)", key, rc, msg ? msg : "-");
    free(msg);
    return out;
}

#define EXPECT_EDIT(text, key, v, want)                                                     \
    do {                                                                                    \
        char *got_ = edited(text, key, v);                                                  \
        cr_expect_str_eq(got_, want);                                                       \
        free(got_);                                                                         \
    } while (0)

static const char CASE[] =
    "# Underlag\n"
    "case: t   # id\n"
    "form: avtalssamverkan   # enligt utredningen\n"
    "parties:\n"
    "  - name: A   # huvudman\n"
    "    type: kommun\n"
    "  # B kom med 2024\n"
    "  - name: B\n"
    "    type: kommun\n"
    "tasks:\n"
    "  - name: Bygglov\n"
    "    area: bygglov   # handläggningen\n";

Test(case_set, a_stated_value_is_replaced_on_its_line_its_comment_kept)
{
    EXPECT_EDIT(CASE, "form", "gemensam_namnd",
                "# Underlag\ncase: t   # id\nform: gemensam_namnd   # enligt utredningen\n"
                "parties:\n  - name: A   # huvudman\n    type: kommun\n  # B kom med 2024\n"
                "  - name: B\n    type: kommun\ntasks:\n  - name: Bygglov\n"
                "    area: bygglov   # handläggningen\n");
    char *out = edited(CASE, "parties[1].type", "bolag");
    cr_expect(strstr(out, "  - name: B\n    type: bolag\ntasks:") != NULL, "%s", out);
    free(out);
}

Test(case_set, a_new_row_goes_after_the_list_at_its_column)
{
    char *out = edited(CASE, "parties[2].name", "C-stad Energi AB");
    cr_expect(strstr(out, "    type: kommun\n  - name: C-stad Energi AB\ntasks:\n") != NULL, "%s", out);
    char *out2 = edited(out, "parties[2].type", "bolag");
    cr_expect(strstr(out2, "  - name: C-stad Energi AB\n    type: bolag\ntasks:\n") != NULL, "%s", out2);
    free(out);
    free(out2);
}

Test(case_set, a_removed_row_takes_only_its_lines)
{
    EXPECT_EDIT(CASE, "parties[0]", NULL,
                "# Underlag\ncase: t   # id\nform: avtalssamverkan   # enligt utredningen\n"
                "parties:\n  # B kom med 2024\n  - name: B\n    type: kommun\ntasks:\n"
                "  - name: Bygglov\n    area: bygglov   # handläggningen\n");
}

Test(case_set, removing_the_first_key_of_an_item_keeps_the_item)
{
    char *out = edited(CASE, "tasks[0].name", NULL);
    cr_expect(strstr(out, "tasks:\n  - area: bygglov   # handläggningen\n") != NULL, "%s", out);
    free(out);
    out = edited("case: t\nform: natverk\ntasks:\n  - name: X\n", "tasks[0].name", NULL);
    cr_expect_str_eq(out, "case: t\nform: natverk\ntasks:\n  - {}\n");
    free(out);
}

Test(case_set, a_new_key_goes_in_case_format_order_and_maps_are_created)
{
    char *out = edited(CASE, "title", "Ny: titel");
    cr_expect(strstr(out, "case: t   # id\ntitle: \"Ny: titel\"\nform:") != NULL, "%s", out);
    free(out);
    out = edited(CASE, "governance.host", "A");
    cr_expect(strstr(out, "    area: bygglov   # handläggningen\ngovernance:\n  host: A\n") != NULL, "%s", out);
    free(out);
}

Test(case_set, a_list_not_stated_yet_gets_its_first_item)
{
    const char *text = "case: t\nform: natverk\n";
    EXPECT_EDIT(text, "tasks[0].name", "Löner", "case: t\nform: natverk\ntasks:\n  - name: Löner\n");
    EXPECT_EDIT(text, "tasks[0].myndighetsutovning", "nej",
                "case: t\nform: natverk\ntasks:\n  - {myndighetsutovning: false}\n");
}

Test(case_set, flow_lists_and_maps)
{
    const char *text = "case: t\nform: natverk\nparties: [{name: A, type: kommun}, {name: B}]\n";
    EXPECT_EDIT(text, "parties[0]", NULL, "case: t\nform: natverk\nparties: [{name: B}]\n");
    EXPECT_EDIT(text, "parties[1]", NULL, "case: t\nform: natverk\nparties: [{name: A, type: kommun}]\n");
    EXPECT_EDIT(text, "parties[2].name", "C",
                "case: t\nform: natverk\nparties: [{name: A, type: kommun}, {name: B}, {name: C}]\n");
    EXPECT_EDIT(text, "parties[0].type", NULL, "case: t\nform: natverk\nparties: [{name: A}, {name: B}]\n");
    EXPECT_EDIT(text, "parties[1].type", "region",
                "case: t\nform: natverk\nparties: [{name: A, type: kommun}, {name: B, type: region}]\n");
}

Test(case_set, multi_line_values_are_replaced_whole)
{
    const char *text = "case: t\nform: avtalssamverkan\nagreement:\n  text: |   # avtalet\n"
                       "    rad ett\n    rad två\n  signed: true\nbodies:\n  - name: N\n"
                       "    operates:   # driver\n      - x\n      - y\n";
    EXPECT_EDIT(text, "agreement.text", "ny\ntext",
                "case: t\nform: avtalssamverkan\nagreement:\n  text: \"ny\\ntext\"  # avtalet\n"
                "  signed: true\nbodies:\n  - name: N\n    operates:   # driver\n      - x\n      - y\n");
    const char *vals[] = {"z", "w"};
    char *out = NULL, *msg = NULL;
    cr_assert_eq(edit_rc(text, 0, "bodies[0].operates", vals, 2, &out, &msg), SK_OK);
    cr_expect(strstr(out, "    operates:   # driver\n      - z\n      - w\n") != NULL, "a block list stays: %s", out);
    free(out);
}

Test(case_set, unknown_is_written_as_the_marker)
{
    char *out = edited(CASE, "parties[0].name", "unknown");
    cr_expect(strstr(out, "  - name: unknown   # huvudman\n") != NULL, "%s", out);
    free(out);
}

Test(case_set, the_second_document)
{
    const char *text = "case: a\nform: natverk\n---\n# andra\ncase: b\nform: natverk\n";
    const char *v[] = {"B"};
    char *out = NULL, *msg = NULL;
    cr_assert_eq(edit_rc(text, 1, "title", v, 1, &out, &msg), SK_OK);
    cr_expect_str_eq(out, "case: a\nform: natverk\n---\n# andra\ncase: b\ntitle: B\nform: natverk\n");
    free(out);
}

Test(case_set, errors)
{
    char *out = NULL, *msg = NULL;
    const char *v[] = {"x"};
    cr_expect_eq(edit_rc(CASE, 0, "titel", v, 1, &out, &msg), SK_ENOTFOUND);
    cr_expect_eq(edit_rc(CASE, 0, "parties[5].name", v, 1, &out, &msg), SK_ENOTFOUND);
    cr_expect_eq(edit_rc(CASE, 0, "agreement.signed", NULL, 0, &out, &msg), SK_ENOTFOUND);
    cr_expect_eq(edit_rc(CASE, 2, "title", v, 1, &out, &msg), SK_ENOTFOUND);
    cr_expect_eq(edit_rc(CASE, 0, "parties[", v, 1, &out, &msg), SK_ENOTFOUND);
    cr_expect_eq(edit_rc(CASE, 0, "parties", v, 1, &out, &msg), SK_ENOTFOUND);
    cr_expect_null(out);
    const char *bad[] = {"kommunen"};
    cr_expect_eq(edit_rc(CASE, 0, "parties[0].type", bad, 1, &out, &msg), SK_EINVALID);
    cr_expect(msg && strstr(msg, "kommun"), "the message names the values: %s", msg ? msg : "-");
    free(msg);
    msg = NULL;
    cr_expect_eq(edit_rc("case: x\nform: [\n", 0, "title", v, 1, &out, &msg), SK_EINVALID);
    cr_expect_null(out);
}

Test(case_set, an_item_whose_dash_line_holds_only_a_comment)
{
    const char *text = "case: t\nform: natverk\ntasks:\n  - # the first task\n    name: A\n"
                       "    area: it-drift\n  - name: B\n";
    EXPECT_EDIT(text, "tasks[2].name", "C",
                "case: t\nform: natverk\ntasks:\n  - # the first task\n    name: A\n"
                "    area: it-drift\n  - name: B\n  - name: C\n");
    EXPECT_EDIT(text, "tasks[0]", NULL, "case: t\nform: natverk\ntasks:\n  - name: B\n");
    const char *only = "case: t\nform: natverk\ntasks:\n  - # one\n    name: A\n";
    EXPECT_EDIT(only, "tasks[1].name", "B",
                "case: t\nform: natverk\ntasks:\n  - # one\n    name: A\n  - name: B\n");
}
