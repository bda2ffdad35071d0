/* schema_json.c - the JSON Schema (2020-12) of the case format, generated
 * from the field table (schema.c) with the enum labels (values.c). */
#include "schema/schema.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"

/* ---- JSON Schema ------------------------------------------------------ */

static void json_str(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sk_buf_putc(b, '\\');
        sk_buf_putc(b, *s);
    }
    sk_buf_putc(b, '"');
}

static void indent(sk_buf *b, int n)
{
    for (int i = 0; i < n; i++)
        sk_buf_puts(b, "  ");
}

static void json_schema_obj(sk_buf *b, const sk_schema *s, int ind);

/* "x-labels": value -> {"sv", "en"[, "aliases"]} (values.def), for forms
 * and editors; validators ignore it. */
static void json_labels(sk_buf *b, const char *const *values)
{
    sk_buf_puts(b, ", \"x-labels\": {");
    for (size_t i = 0; values[i]; i++) {
        const char *sv = sk_enum_label(values, values[i], SK_LANG_SV);
        const char *en = sk_enum_label(values, values[i], SK_LANG_EN);
        sk_buf_puts(b, i ? ", " : "");
        json_str(b, values[i]);
        sk_buf_puts(b, ": {\"sv\": ");
        json_str(b, sv ? sv : values[i]);
        sk_buf_puts(b, ", \"en\": ");
        json_str(b, en ? en : values[i]);
        char al[128];
        for (size_t a = 0; sk_enum_alias(values, values[i], a, al, sizeof al); a++) {
            sk_buf_puts(b, a ? ", " : ", \"aliases\": [");
            json_str(b, al);
        }
        if (sk_enum_alias(values, values[i], 0, al, sizeof al))
            sk_buf_puts(b, "]");
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "}");
}

static void json_enum(sk_buf *b, const char *const *values)
{
    sk_buf_puts(b, "\"enum\": [");
    for (size_t i = 0; values[i]; i++) {
        if (i)
            sk_buf_puts(b, ", ");
        json_str(b, values[i]);
    }
    sk_buf_puts(b, ", \"unknown\", null]");
    json_labels(b, values);
}

/* The JSON Schema of one scalar type; unknown/null is accepted everywhere. */
static void json_scalar(sk_buf *b, sk_ftype t, const char *const *values)
{
    static const char *const unk = "{\"const\": \"unknown\"}, {\"type\": \"null\"}";
    switch (t) {
    case SK_F_BOOL:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"boolean\"}, {\"enum\": [\"ja\", \"nej\"]}, %s]", unk);
        break;
    case SK_F_INT:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"integer\", \"minimum\": 0}, %s]", unk);
        break;
    case SK_F_NUM:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"number\"}, %s]", unk);
        break;
    case SK_F_PERCENT:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"number\", \"minimum\": 0, \"maximum\": 100}, %s]", unk);
        break;
    case SK_F_DATE:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"string\", \"format\": \"date\", \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}, %s]", unk);
        break;
    case SK_F_SLUG:
        sk_buf_puts(b, "\"type\": \"string\", \"pattern\": \"^[a-z0-9][a-z0-9._-]*$\"");
        break;
    case SK_F_RULE_ID:
        sk_buf_puts(b, "\"type\": \"string\", \"pattern\": \"^[a-z0-9-]+(\\\\.[a-z0-9-]+)+$\"");
        break;
    case SK_F_ENUM:
        json_enum(b, values);
        break;
    case SK_F_TEXT_OR_BOOL:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}, %s]", unk);
        break;
    case SK_F_TEXT:
    case SK_F_PATH:
    case SK_F_MAP:         /* not scalars: never passed here */
    case SK_F_LIST:
    case SK_F_STATUS_MAP:
        sk_buf_printf(b, "\"anyOf\": [{\"type\": \"string\"}, %s]", unk);
        break;
    }
}

static void json_field(sk_buf *b, const sk_field *f, int ind)
{
    indent(b, ind);
    json_str(b, f->name);
    sk_buf_puts(b, ": {\"description\": ");
    char desc[512];
    snprintf(desc, sizeof desc, "%s / %s%s", f->sv, f->en, f->ext ? " (samkoll extension)" : "");
    json_str(b, desc);
    sk_buf_puts(b, ", ");
    if (f->q_sv && f->q_en) {
        sk_buf_puts(b, "\"x-question-sv\": ");
        json_str(b, f->q_sv);
        sk_buf_puts(b, ", \"x-question-en\": ");
        json_str(b, f->q_en);
        sk_buf_puts(b, ", ");
    }
    switch (f->type) {
    case SK_F_MAP:
        sk_buf_puts(b, "\n");
        json_schema_obj(b, f->sub, ind + 1);
        break;
    case SK_F_LIST:
        sk_buf_puts(b, "\"anyOf\": [{\"type\": \"null\"}, {\"const\": \"unknown\"}, {\"type\": \"array\", \"items\": {");
        if (f->item == SK_F_MAP) {
            sk_buf_puts(b, "\n");
            json_schema_obj(b, f->sub, ind + 2);
            sk_buf_puts(b, "\n");
            indent(b, ind);
        } else {
            json_scalar(b, (sk_ftype)f->item, f->values);
        }
        sk_buf_puts(b, "}}]");
        break;
    case SK_F_STATUS_MAP:
        sk_buf_puts(b, "\"type\": \"object\", \"additionalProperties\": {");
        json_enum(b, sk_status_values);
        sk_buf_puts(b, "}");
        break;
    default:
        json_scalar(b, (sk_ftype)f->type, f->values);
        break;
    }
    sk_buf_puts(b, "}");
}

static void json_schema_obj(sk_buf *b, const sk_schema *s, int ind)
{
    indent(b, ind);
    sk_buf_puts(b, "\"type\": \"object\",\n");
    indent(b, ind);
    sk_buf_puts(b, "\"additionalProperties\": false,\n");
    int any_req = 0;
    for (size_t i = 0; i < s->count; i++)
        any_req |= s->fields[i].required;
    if (any_req) {
        indent(b, ind);
        sk_buf_puts(b, "\"required\": [");
        int first = 1;
        for (size_t i = 0; i < s->count; i++)
            if (s->fields[i].required) {
                if (!first)
                    sk_buf_puts(b, ", ");
                json_str(b, s->fields[i].name);
                first = 0;
            }
        sk_buf_puts(b, "],\n");
    }
    indent(b, ind);
    sk_buf_puts(b, "\"properties\": {\n");
    for (size_t i = 0; i < s->count; i++) {
        json_field(b, &s->fields[i], ind + 1);
        sk_buf_puts(b, i + 1 < s->count ? ",\n" : "\n");
    }
    indent(b, ind);
    sk_buf_puts(b, "}");
}

void sk_schema_json(sk_buf *b)
{
    sk_buf_puts(b, "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
                   "  \"$id\": \"https://samkoll.invalid/schema/case-v1.schema.json\",\n"
                   "  \"title\": \"samkoll case format v1\",\n"
                   "  \"description\": \"Ett ärende om mellankommunal samverkan / one case of inter-municipal collaboration. Generated by `samkoll schema`; do not edit.\",\n");
    json_schema_obj(b, &sk_case_schema, 1);
    sk_buf_puts(b, "\n}\n");
}
