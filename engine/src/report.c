/* report.c - the writer table and the parts every writer shares. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "report_int.h"

static const sk_writer *const writers[] = {
    &sk_writer_text, &sk_writer_json, &sk_writer_jsonl, &sk_writer_junit,
    &sk_writer_sarif, &sk_writer_csv, &sk_writer_markdown, &sk_writer_html,
};
static const char *const writer_names[] = {"text", "json", "jsonl", "junit", "sarif",
                                           "csv", "markdown", "html", NULL};

const char *const *sk_report_formats(void)
{
    return writer_names;
}

const char *sk_status_label(sk_status s, int lang)
{
    static const char *const l[SK_ST__COUNT][2] = {
        [SK_ST_NOT_APPLICABLE] = {"EJ TILLÄMPLIG", "N/A"},
        [SK_ST_PASS] = {"GODKÄND", "PASS"},
        [SK_ST_WAIVED] = {"UNDANTAGEN", "WAIVED"},
        [SK_ST_UNKNOWN] = {"OKÄND", "UNKNOWN"},
        [SK_ST_WARN] = {"VARNING", "WARN"},
        [SK_ST_FAIL] = {"UNDERKÄND", "FAIL"},
        [SK_ST_ERROR] = {"FEL", "ERROR"},
    };
    return l[s][lang ? 1 : 0];
}

const char *sk_reason_text(sk_reason r, int lang)
{
    static const char *const t[][2] = {
        [SK_R_NONE] = {"", ""},
        [SK_R_OUT_OF_VALIDITY] = {"ärendets datum ligger utanför regelns giltighetstid",
                                  "the case date is outside the rule's period of validity"},
        [SK_R_NOT_APPLICABLE] = {"regelns tillämplighetsvillkor är inte uppfyllt",
                                 "the rule's applicability condition does not hold"},
        [SK_R_SUPERSEDED] = {"ersätts av den särskilda regeln", "superseded by the specific rule"},
        [SK_R_EXCEPTION_UNKNOWN] = {"det går inte att avgöra om undantagsregeln är tillämplig",
                                    "it cannot be decided whether the exception applies"},
        [SK_R_RUNTIME_ERROR] = {"regeln kunde inte utvärderas", "the rule could not be evaluated"},
    };
    return t[r][lang ? 1 : 0];
}

void sk_report_order(const sk_result *res, const sk_finding **out)
{
    /* stable counting sort by rank, worst first */
    size_t k = 0;
    for (int s = SK_ST__COUNT - 1; s >= 0; s--)
        for (size_t i = 0; i < res->n; i++)
            if (res->findings[i].status == s)
                out[k++] = &res->findings[i];
}

void sk_json_str(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    if (s) {
        const unsigned char *p = (const unsigned char *)s;
        size_t run = 0;
        for (; p[run]; ) {
            unsigned char c = p[run];
            if (c >= 0x20 && c != '"' && c != '\\') {
                run++;
                continue;
            }
            sk_buf_append(b, (const char *)p, run);
            p += run;
            run = 0;
            switch (c) {
            case '"': sk_buf_puts(b, "\\\""); break;
            case '\\': sk_buf_puts(b, "\\\\"); break;
            case '\n': sk_buf_puts(b, "\\n"); break;
            case '\r': sk_buf_puts(b, "\\r"); break;
            case '\t': sk_buf_puts(b, "\\t"); break;
            default: sk_buf_printf(b, "\\u%04x", c); break;
            }
            p++;
        }
        sk_buf_append(b, (const char *)p, run);
    }
    sk_buf_putc(b, '"');
}

void sk_json_missing(sk_buf *b, const sk_finding *f, sk_buf *tmp)
{
    sk_buf_putc(b, '[');
    for (uint16_t i = 0; i < f->nmissing; i++) {
        if (i)
            sk_buf_putc(b, ',');
        sk_buf_clear(tmp);
        sk_fact_path(&f->missing[i], tmp);
        sk_json_str(b, sk_buf_cstr(tmp));
    }
    sk_buf_putc(b, ']');
}

size_t sk_report_form_cases(const sk_report *r, int form)
{
    size_t n = 0;
    for (int s = 0; s < SK_ST__COUNT; s++)
        n += r->form_worst[form][s];
    return n;
}

int sk_missing_path_once(const sk_fact *fact, sk_buf *seen, sk_buf *path)
{
    if (!seen->len)
        sk_buf_putc(seen, '\n');
    sk_buf_clear(path);
    sk_buf_putc(path, '\n');
    sk_fact_path(fact, path);
    sk_buf_putc(path, '\n');
    if (strstr(sk_buf_cstr(seen), sk_buf_cstr(path)))
        return 0;
    sk_buf_append(seen, path->data + 1, path->len - 1);
    return 1;
}

void sk_report_flush(sk_report *r)
{
    FILE *f = r->body ? r->body : r->f;
    if (r->out.failed)
        r->io_error = true;
    if (r->out.len && fwrite(r->out.data, 1, r->out.len, f) != r->out.len)
        r->io_error = true;
    sk_buf_clear(&r->out);
}

void sk_finding_explanation(const sk_result *res, const sk_finding *f, int lang, sk_buf *b)
{
    (void)res;
    if (f->status == SK_ST_UNKNOWN && f->nmissing) {
        sk_buf_puts(b, lang ? "Cannot be decided: the case does not state "
                            : "Kan inte avgöras: ärendet anger inte ");
        for (uint16_t i = 0; i < f->nmissing; i++) {
            if (i)
                sk_buf_puts(b, ", ");
            sk_fact_path(&f->missing[i], b);
        }
        sk_buf_putc(b, '.');
    }
}

void sk_finding_text(const sk_result *res, const sk_finding *f, int lang, sk_buf *b)
{
    int en = lang == SK_LANG_EN;
    switch (f->status) {
    case SK_ST_UNKNOWN:
        sk_finding_explanation(res, f, en, b);
        if (f->reason == SK_R_EXCEPTION_UNKNOWN && f->other)
            sk_buf_printf(b, "%s(%s: %s)", b->len ? " " : "",
                          sk_reason_text(SK_R_EXCEPTION_UNKNOWN, en), f->other->id);
        break;
    case SK_ST_ERROR:
        sk_buf_printf(b, "%s: %s", sk_reason_text(SK_R_RUNTIME_ERROR, en),
                      f->error ? f->error : "?");
        break;
    case SK_ST_FAIL:
    case SK_ST_WARN:
    case SK_ST_WAIVED:
        sk_finding_message(res, f, en, b);
        break;
    case SK_ST_NOT_APPLICABLE:
        sk_buf_puts(b, sk_reason_text((sk_reason)f->reason, en));
        if (f->reason == SK_R_SUPERSEDED && f->other)
            sk_buf_printf(b, " %s", f->other->id);
        break;
    default:
        break;
    }
}

const sk_node *sk_finding_locus(const sk_finding *f)
{
    /* best: a stated value (not a list or map) other than the case's form
     * and date, which say little about where to look */
    const sk_node *best[3] = {NULL, NULL, NULL};
    for (uint16_t i = 0; i < f->nfacts; i++) {
        const sk_fact *fa = &f->facts[i];
        const sk_node *n = fa->node;
        if (fa->missing || !n || fa->path->root == SK_ROOT_FORM || fa->path->root == SK_ROOT_DATE ||
            !n->file || !n->line)
            continue;
        int context = n->parent && !n->parent->parent && n->parent->kind == SK_MAP &&
                      (!strcmp(n->parent->u.pairs[n->index].key->u.s, "form") ||
                       !strcmp(n->parent->u.pairs[n->index].key->u.s, "date"));
        int rank = context ? 2 : n->kind == SK_SCALAR ? 0 : 1;
        if (!best[rank])
            best[rank] = n;
    }
    return best[0] ? best[0] : best[1] ? best[1] : best[2];
}

const char *sk_waiver_get(const sk_finding *f, const char *key)
{
    const sk_node *n = f->waiver ? sk_map_get(f->waiver, key) : NULL;
    return n && n->kind == SK_SCALAR ? n->u.s : NULL;
}

const sk_field *sk_fact_field(const sk_fact *f)
{
    const sk_path *p = f->path;
    if (!p || !p->nsteps || p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE)
        return NULL;
    const sk_step *s = &p->steps[p->nsteps - 1];
    return s->schema && s->field >= 0 && (size_t)s->field < s->schema->count
               ? &s->schema->fields[s->field] : NULL;
}

void sk_missing_question(const sk_fact *m, int lang, sk_buf *b)
{
    const sk_field *fd = sk_fact_field(m);
    if (lang == SK_LANG_EN)
        sk_buf_printf(b, "Is \u201c%s\u201d stated?", fd ? fd->en : m->path->text);
    else
        sk_buf_printf(b, "Är \u201d%s\u201d angivet?", fd ? fd->sv : m->path->text);
}

void sk_markup_str(sk_buf *b, const char *s, int attr)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (; *p; p++) {
        unsigned char c = *p;
        switch (c) {
        case '&': sk_buf_puts(b, "&amp;"); continue;
        case '<': sk_buf_puts(b, "&lt;"); continue;
        case '>': sk_buf_puts(b, "&gt;"); continue;
        case '"': sk_buf_puts(b, "&quot;"); continue;
        case '\'': sk_buf_puts(b, "&#39;"); continue;
        case '\n': sk_buf_puts(b, attr ? "&#10;" : "\n"); continue;
        case '\r': sk_buf_puts(b, "&#13;"); continue;
        case '\t': sk_buf_puts(b, attr ? "&#9;" : "\t"); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            sk_buf_puts(b, "\uFFFD"); /* not allowed in XML 1.0 */
            continue;
        }
        /* U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either */
        if (c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
            sk_buf_puts(b, "\uFFFD");
            p += 2;
            continue;
        }
        sk_buf_putc(b, (char)c);
    }
}

void sk_rule_validity(const sk_rule *r, sk_buf *b)
{
    char f[11] = "", t[11] = "";
    if (r->has_from)
        sk_date_format(r->valid_from, f);
    if (r->has_to)
        sk_date_format(r->valid_to, t);
    sk_buf_printf(b, "%s\u2013%s", f, t);
}

int sk_report_rule_notable(const sk_report *r, size_t rule)
{
    const size_t *c = r->rule_counts ? r->rule_counts[rule] : NULL;
    return c && (c[SK_ST_FAIL] || c[SK_ST_WARN] || c[SK_ST_UNKNOWN] || c[SK_ST_ERROR] ||
                 c[SK_ST_WAIVED]);
}

const char *sk_form_label(const sk_report *r, int form)
{
    const sk_form_row *row = form >= 0 && form < 16 ? &r->rs->rows[form] : NULL;
    const char *name = row && row->present ? row->name[r->o.lang == SK_LANG_EN] : NULL;
    return name ? name : sk_form_values[form];
}

sk_rc sk_report_open(sk_report **out, const char *format, FILE *f,
                     const sk_ruleset *rs, const sk_report_opts *opts)
{
    *out = NULL;
    const sk_writer *w = NULL;
    for (size_t i = 0; writer_names[i]; i++)
        if (strcmp(writer_names[i], format) == 0)
            w = writers[i];
    if (!w)
        return SK_ENOTFOUND;
    sk_report *r = calloc(1, sizeof *r);
    if (!r)
        return SK_ENOMEM;
    r->w = w;
    r->f = f;
    r->rs = rs;
    r->o = *opts;
    if (!r->o.junit_fail_on)
        r->o.junit_fail_on = SK_ST_FAIL;
    size_t nrules = sk_ruleset_count(rs);
    r->rule_counts = calloc(nrules ? nrules : 1, sizeof *r->rule_counts);
    if (!r->rule_counts) {
        free(r);
        return SK_ENOMEM;
    }
    sk_buf_init(&r->out, 0);
    /* escape what every finding of a rule repeats once, not per case */
    r->rule_json = calloc(nrules ? nrules : 1, sizeof *r->rule_json);
    for (size_t i = 0; r->rule_json && i < nrules; i++) {
        sk_buf head, cites;
        sk_buf_init(&head, 0);
        sk_buf_init(&cites, 0);
        sk_json_rule_parts(&rs->rules[i], opts->lang == SK_LANG_EN, &head, &cites);
        r->rule_json[i][0] = head.data;
        r->rule_json[i][1] = cites.data;
    }
    if (w->begin)
        w->begin(r, &r->out);
    sk_report_flush(r);
    if (w->summary) {
        r->body = tmpfile();
        if (!r->body)
            r->io_error = true;
    }
    *out = r;
    return SK_OK;
}

void sk_case_totals_of(const sk_result *res, sk_case_totals *t)
{
    t->worst = res->worst;
    t->form = (uint8_t)res->c->form;
    memcpy(t->counts, res->counts, sizeof t->counts);
    t->nrules = res->n;
    t->rules = malloc(res->n ? res->n : 1);
    if (t->rules)
        for (size_t i = 0; i < res->n; i++)
            t->rules[i] = res->findings[i].status;
}

void sk_case_totals_free(sk_case_totals *t)
{
    free(t->rules);
    t->rules = NULL;
    t->nrules = 0;
}

void sk_report_render_case(const sk_report *r, const sk_result *res, sk_buf *out)
{
    r->w->render_case(r, res, out);
}

static void put_item(sk_report *r, const sk_buf *chunk)
{
    if (!chunk->len) {
        if (chunk->failed)
            r->io_error = true;
        return;
    }
    if (r->items++ && r->w->sep)
        sk_buf_puts(&r->out, r->w->sep);
    sk_buf_append(&r->out, chunk->data ? chunk->data : "", chunk->len);
    sk_report_flush(r);
}

void sk_report_put_case(sk_report *r, const sk_case_totals *t, const sk_buf *chunk)
{
    r->ncases++;
    r->worst[t->worst]++;
    for (int s = 0; s < SK_ST__COUNT; s++)
        r->counts[s] += t->counts[s];
    if (t->form < 16)
        r->form_worst[t->form][t->worst]++;
    size_t nrules = sk_ruleset_count(r->rs);
    if (!t->rules && t->nrules)
        r->io_error = true; /* out of memory on the worker */
    for (size_t i = 0; t->rules && i < t->nrules && i < nrules; i++)
        if (t->rules[i] < SK_ST__COUNT)
            r->rule_counts[i][t->rules[i]]++;
    put_item(r, chunk);
}

void sk_report_case(sk_report *r, const sk_result *res)
{
    sk_buf chunk;
    sk_buf_init(&chunk, 0);
    sk_report_render_case(r, res, &chunk);
    sk_case_totals t;
    sk_case_totals_of(res, &t);
    sk_report_put_case(r, &t, &chunk);
    sk_case_totals_free(&t);
    sk_buf_free(&chunk);
}

void sk_report_input_error(sk_report *r, const char *file, unsigned line,
                           const sk_diags *diags)
{
    r->nerrors++;
    if (r->nerrs == r->errcap) {
        size_t cap = r->errcap ? r->errcap * 2 : 8;
        sk_input_error *v = realloc(r->errs, cap * sizeof *v);
        if (!v) {
            r->io_error = true;
            return;
        }
        r->errs = v;
        r->errcap = cap;
    }
    sk_input_error *e = &r->errs[r->nerrs++];
    size_t n = strlen(file);
    e->file = malloc(n + 1);
    if (e->file)
        memcpy(e->file, file, n + 1);
    e->line = line;
    sk_diags_init(&e->diags, diags->lang);
    for (size_t i = 0; i < diags->count; i++) {
        const sk_diag *g = &diags->items[i];
        sk_diag_addv(&e->diags, g->level, g->file, g->line, g->col, g->hint, g->message);
    }
    if (r->w->render_error) {
        sk_buf chunk;
        sk_buf_init(&chunk, 0);
        r->w->render_error(r, e, &chunk);
        put_item(r, &chunk);
        sk_buf_free(&chunk);
    }
}

/* Copies the spooled cases to the stream, after the summary. */
static void copy_body(sk_report *r)
{
    FILE *body = r->body;
    r->body = NULL;
    if (!body)
        return;
    if (fflush(body) != 0 || ferror(body) || fseek(body, 0, SEEK_SET) != 0)
        r->io_error = true;
    char buf[65536];
    size_t n;
    while (!r->io_error && (n = fread(buf, 1, sizeof buf, body)) > 0)
        if (fwrite(buf, 1, n, r->f) != n)
            r->io_error = true;
    if (ferror(body))
        r->io_error = true;
    fclose(body);
}

sk_rc sk_report_close(sk_report *r)
{
    if (r->w->summary) {
        FILE *body = r->body;
        r->body = NULL;             /* the summary goes to the stream */
        r->w->summary(r, &r->out);
        sk_report_flush(r);
        r->body = body;
        copy_body(r);
    }
    if (r->w->end)
        r->w->end(r, &r->out);
    sk_report_flush(r);
    if (fflush(r->f) != 0 || ferror(r->f))
        r->io_error = true;
    bool failed = r->io_error;
    for (size_t i = 0; i < r->nerrs; i++) {
        free(r->errs[i].file);
        sk_diags_free(&r->errs[i].diags);
    }
    free(r->errs);
    free(r->rule_counts);
    sk_buf_free(&r->out);
    for (size_t i = 0; r->rule_json && i < r->rs->nrules; i++) {
        free(r->rule_json[i][0]);
        free(r->rule_json[i][1]);
    }
    free(r->rule_json);
    free(r);
    return failed ? SK_EIO : SK_OK;
}
