/* test_values.c - the enum value labels and aliases (schema/values.def):
 * every value has labels, every word names one value, and validation and
 * the public lookup use them. */
#include "helpers.h"

#include <stdlib.h>

#include "advice/advice_int.h"
#include "base/buf.h"
#include "schema/schema.h"

/* Every enum field in schema s (recursively) is a registered enum. */
static void expect_registered(const sk_schema *s)
{
    for (size_t i = 0; i < s->count; i++) {
        const sk_field *f = &s->fields[i];
        if (f->type == SK_F_ENUM || (f->type == SK_F_LIST && f->item == SK_F_ENUM))
            cr_expect_not_null(sk_enum_name(f->values), "%s.%s: enum not in schema.c's enums[]",
                               s->name, f->name);
        if (f->sub)
            expect_registered(f->sub);
    }
}

Test(values, every_schema_enum_is_registered)
{
    expect_registered(&sk_case_schema);
    cr_expect_str_eq(sk_enum_name(sk_status_values), "status");
    cr_expect_null(sk_enum_name(NULL));
}

Test(values, complete)
{
    const char *name;
    const char *const *v;
    size_t n = 0;
    for (size_t e = 0; (v = sk_enum_at(e, &name)) != NULL; e++)
        for (size_t i = 0; v[i]; i++, n++) {
            const char *sv = sk_enum_label(v, v[i], SK_LANG_SV);
            const char *en = sk_enum_label(v, v[i], SK_LANG_EN);
            cr_expect(sv && *sv, "%s: %s has no Swedish label", name, v[i]);
            cr_expect(en && *en, "%s: %s has no English label", name, v[i]);
        }
    cr_expect_gt(n, 80);
}

/* Every row of values.def names an enum and one of its values. */
Test(values, rows_name_real_values)
{
    static const struct { const char *e, *v; } rows[] = {
#define X(e, v, sv, en, al) {#e, v},
#include "schema/values.def"
#undef X
    };
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
        const char *name;
        const char *const *v = NULL;
        for (size_t e = 0; (v = sk_enum_at(e, &name)) != NULL; e++)
            if (strcmp(name, rows[r].e) == 0)
                break;
        cr_assert_not_null(v, "values.def: no enum %s", rows[r].e);
        cr_expect_geq(sk_values_find(v, rows[r].v), 0, "values.def: %s has no value %s",
                      rows[r].e, rows[r].v);
    }
}

/* Each word of a value (itself, its labels, its aliases) matches that value
 * and no other: no folded word is shared within an enum. */
static void expect_word(const char *const *v, size_t i, const char *w, const char *name)
{
    const char *m = sk_enum_match(v, w);
    cr_expect(m == v[i], "%s: '%s' should name %s, names %s", name, w, v[i], m ? m : "nothing");
}

Test(values, unambiguous)
{
    const char *name;
    const char *const *v;
    char al[128];
    for (size_t e = 0; (v = sk_enum_at(e, &name)) != NULL; e++)
        for (size_t i = 0; v[i]; i++) {
            expect_word(v, i, v[i], name);
            expect_word(v, i, sk_enum_label(v, v[i], SK_LANG_SV), name);
            expect_word(v, i, sk_enum_label(v, v[i], SK_LANG_EN), name);
            for (size_t a = 0; sk_enum_alias(v, v[i], a, al, sizeof al); a++)
                expect_word(v, i, al, name);
        }
}

Test(values, public_lookup)
{
    cr_expect_str_eq(sk_value_match("parties[].role", "Värdkommun"), "host");
    cr_expect_str_eq(sk_value_match("parties[3].role", " värd "), "host");
    cr_expect_str_eq(sk_value_match("parties[*].role", "VARD"), "host");
    cr_expect_str_eq(sk_value_match("procurement.exemption", "Hamburg"), "horizontal_cooperation");
    cr_expect_str_eq(sk_value_match("procurement.relations[].exemption", "hamburg-undantaget"),
                     "horizontal_cooperation");
    cr_expect_str_eq(sk_value_match("procurement.exemption", "in-house"), "in_house");
    cr_expect_str_eq(sk_value_match("procurement.relations[0].control", "none"), "none");
    cr_expect_str_eq(sk_value_match("procurement.relations[0].control", "ingen"), "none");
    cr_expect_str_eq(sk_value_match("delegations[].to", "nämnd"), "namnd");
    cr_expect_str_eq(sk_value_match("parties[].decision_body", "KF"), "fullmaktige");
    cr_expect_str_eq(sk_value_match("form", "Gemensam nämnd"), "gemensam_namnd");
    cr_expect_str_eq(sk_value_match("form", "ekonomisk_forening"), "ekonomisk_forening");
    cr_expect_str_eq(sk_value_match("parties[].adopted", "förbundsordning"), "forbundsordning");
    cr_expect_str_eq(sk_value_match("expect.findings", "underkänd"), "fail");
    cr_expect_str_eq(sk_value_match("status", "befintlig"), "existing");
    cr_expect_null(sk_value_match("parties[].role", "ordförande"));
    cr_expect_null(sk_value_match("parties[].role", ""));
    cr_expect_null(sk_value_match("parties[].name", "host"));
    cr_expect_null(sk_value_match("parties[].nosuch", "host"));
    cr_expect_null(sk_value_match("parties[.role", "host"));
    cr_expect_null(sk_value_match(NULL, "host"));
    cr_expect_null(sk_value_match("form", NULL));
    cr_expect_str_eq(sk_value_label("parties[].role", "host", SK_LANG_SV), "värd");
    cr_expect_str_eq(sk_value_label("parties[].role", "host", SK_LANG_EN), "host");
    cr_expect_str_eq(sk_value_label("procurement.exemption", "none", SK_LANG_SV), "inget undantag");
    cr_expect_str_eq(sk_value_label("procurement.relations[].control", "none", SK_LANG_SV),
                     "ingen kontroll");
    cr_expect_null(sk_value_label("parties[].role", "värd", SK_LANG_SV));
    cr_expect_null(sk_value_label("title", "x", SK_LANG_SV));
}

Test(values, field_by_label)
{
    const sk_schema *cl = NULL;
    int a = sk_schema_find(&sk_case_schema, "agreement");
    cr_assert_geq(a, 0);
    int c = sk_schema_find(sk_case_schema.fields[a].sub, "clauses");
    cr_assert_geq(c, 0);
    cl = sk_case_schema.fields[a].sub->fields[c].sub;
    cr_expect_str_eq(sk_schema_find_label(cl, "Uppsägning"), "termination");
    cr_expect_str_eq(sk_schema_find_label(cl, "havning"), "rescission");
    cr_expect_null(sk_schema_find_label(cl, "nosuch"));
}

/* A case that writes a label or an alias: a positioned error whose "did
 * you mean" is the canonical value. */
Test(values, validation_suggests_the_value)
{
    sk_ruleset *rs = rule_with(NULL, "{path: form, ne: natverk}");
    static const struct { const char *yaml; unsigned line, col; const char *hint; } t[] = {
        {"case: x\nform: natverk\nparties: [{name: A, role: värdkommun}]\n", 3, 27, "host"},
        {"case: x\nform: natverk\nprocurement:\n  exemption: Hamburg\n", 4, 14, "horizontal_cooperation"},
        {"case: x\nform: gemensam nämnd\n", 2, 7, "gemensam_namnd"},
        {"case: x\nform: natverk\nagreement:\n  clauses: {uppsägning: true}\n", 4, 13, "termination"},
        {"case: x\nform: natverk\nexpect: {findings: {x.y: underkänd}}\n", 3, 26, "fail"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        evald e;
        eval_case(&e, rs, t[i].yaml);
        cr_assert_neq(e.rc, SK_OK, "%s", t[i].yaml);
        const sk_diag *g = &e.d.items[e.d.count - 1];
        cr_expect_eq(g->line, t[i].line, "%s: line %u", t[i].yaml, g->line);
        cr_expect_eq(g->col, t[i].col, "%s: col %u", t[i].yaml, g->col);
        cr_expect_str_eq(g->hint ? g->hint : "", t[i].hint, "%s", t[i].yaml);
        eval_done(&e);
    }
    sk_ruleset_free(rs);
}

/* The JSON Schema carries the labels beside each enum. */
Test(values, json_schema_labels)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_schema_json(&b);
    cr_assert_not_null(b.data);
    cr_expect_not_null(strstr(b.data, "\"host\": {\"sv\": \"värd\", \"en\": \"host\", "
                                      "\"aliases\": [\"värdkommun\""));
    cr_expect_not_null(strstr(b.data, "\"aliases\": [\"hamburg\""));
    sk_buf_free(&b);
}

/* sk_answer_parse (samkoll ask) takes an enum value by its label or alias. */
Test(values, answers_by_label_or_alias)
{
    sk_question q;
    memset(&q, 0, sizeof q);
    q.kind = SK_ANS_ENUM;
    q.values = sk_enum_of_path("procurement.exemption");
    cr_assert_not_null(q.values);
    static const struct { const char *in, *want; } t[] = {
        {"hamburg", "horizontal_cooperation"}, {"In house", "in_house"},
        {"inget undantag", "none"}, {"2", "horizontal_cooperation"}, {"none", "none"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        char *out = NULL;
        cr_expect_eq(sk_answer_parse(&q, t[i].in, SK_LANG_SV, &out), 1, "%s", t[i].in);
        cr_expect_str_eq(out ? out : "", t[i].want, "%s", t[i].in);
        free(out);
    }
    char *out = NULL;
    cr_expect_eq(sk_answer_parse(&q, "teckal-ish", SK_LANG_SV, &out), 0);
    free(out);
}

/* In schema s (recursively): every field is found by its name from every
 * starting field, at its own index (so names are unique, and the search
 * from a start answers as sk_schema_find), and names that are no field
 * (a prefix, an extension, a changed byte, the empty name) are not. */
static void expect_find_from_agrees(const sk_schema *s)
{
    for (size_t i = 0; i < s->count; i++) {
        const char *name = s->fields[i].name;
        cr_assert_eq(sk_schema_find(s, name), (int)i, "%s.%s", s->name, name);
        char other[3][80];
        size_t n = strlen(name);
        cr_assert_lt(n + 2, sizeof other[0]);
        snprintf(other[0], sizeof other[0], "%.*s", (int)(n - 1), name);
        snprintf(other[1], sizeof other[1], "%sx", name);
        snprintf(other[2], sizeof other[2], "%s", name);
        other[2][n - 1] ^= 0x20;
        for (size_t from = 0; from <= s->count + 1; from++) {
            cr_assert_eq(sk_schema_find_from(s, name, from), (int)i, "%s.%s from %zu",
                         s->name, name, from);
            for (int k = 0; k < 3; k++)
                cr_assert_eq(sk_schema_find_from(s, other[k], from), sk_schema_find(s, other[k]),
                             "%s: %s from %zu", s->name, other[k], from);
            cr_assert_eq(sk_schema_find_from(s, "", from), -1);
        }
        if (s->fields[i].sub)
            expect_find_from_agrees(s->fields[i].sub);
    }
}

Test(values, schema_find_from_any_start_agrees_with_the_search_from_the_first)
{
    expect_find_from_agrees(&sk_case_schema);
    cr_assert_eq(sk_schema_find_from(&sk_case_schema, "case", 0), 0);
    cr_assert_eq(sk_schema_find_from(&sk_case_schema, "nosuchfield", 3), -1);
}

/* sk_case_field's constants index the case schema's top-level fields. */
Test(values, case_fields_by_index)
{
    static const char *const names[SK_CF__COUNT] = {
        [SK_CF_CASE] = "case", [SK_CF_TITLE] = "title", [SK_CF_DATE] = "date",
        [SK_CF_DECIDED] = "decided", [SK_CF_STARTS] = "starts", [SK_CF_STATUS] = "status",
        [SK_CF_SOURCE] = "source", [SK_CF_FORM] = "form", [SK_CF_PARTIES] = "parties",
        [SK_CF_TASKS] = "tasks", [SK_CF_DELEGATIONS] = "delegations", [SK_CF_BODIES] = "bodies",
        [SK_CF_GOVERNANCE] = "governance", [SK_CF_AGREEMENT] = "agreement",
        [SK_CF_PROCUREMENT] = "procurement", [SK_CF_OVERSIGHT] = "oversight",
        [SK_CF_WAIVERS] = "waivers", [SK_CF_EXPECT] = "expect", [SK_CF_FORMAT] = "format",
        [SK_CF_OTHERS] = "others",
    };
    cr_assert_eq(sk_case_schema.count, SK_CF__COUNT);
    for (size_t i = 0; i < SK_CF__COUNT; i++)
        cr_expect_str_eq(sk_case_schema.fields[i].name, names[i], "field %zu", i);
}

/* Every schema of the case format. */
static const sk_schema *const all_schemas[] = {
#define S(n) &n,
#define V(n)
    SK_SCHEMA_NAMES(S, V)
#undef S
#undef V
};

/* Every field's nlen is its name's length (sk_schema_find_n compares it
 * first), in every schema of the case format. */
Test(values, field_name_lengths)
{
    for (size_t i = 0; i < sizeof all_schemas / sizeof *all_schemas; i++)
        for (size_t f = 0; f < all_schemas[i]->count; f++) {
            cr_expect_eq(all_schemas[i]->fields[f].nlen, strlen(all_schemas[i]->fields[f].name), "%s.%s",
                         all_schemas[i]->name, all_schemas[i]->fields[f].name);
            cr_expect_eq(sk_schema_find_n(all_schemas[i], all_schemas[i]->fields[f].name,
                                          all_schemas[i]->fields[f].nlen, f + 1),
                         (int)f);
        }
}

/* Each schema's required mask is exactly its fields marked required. */
Test(values, required_masks)
{
    for (size_t i = 0; i < sizeof all_schemas / sizeof *all_schemas; i++) {
        uint64_t want = 0;
        cr_assert_leq(all_schemas[i]->count, 64, "%s", all_schemas[i]->name);
        for (size_t f = 0; f < all_schemas[i]->count; f++)
            if (all_schemas[i]->fields[f].required)
                want |= (uint64_t)1 << f;
        cr_expect_eq(all_schemas[i]->required, want, "%s", all_schemas[i]->name);
    }
}
