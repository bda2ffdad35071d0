/* options.c - command-line parsing from one option table. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samkoll/util.h"

typedef enum opt_id {
    O_FORMS, O_CASE, O_INTERACTIVE,
    O_FORMAT, O_OUTPUT, O_RULES, O_LANG, O_FAIL_ON, O_DATE, O_QUIET, O_COVERAGE,
    O_NO_COLOR, O_MAX_FILE, O_MAX_DEPTH, O_MAX_ALIAS, O_MAX_DOCS, O_MAX_SCALAR,
    O_MAX_ITEMS, O_REGEX_MATCH, O_REGEX_DEPTH, O_REGEX_HEAP, O_ALLOW_OUTSIDE, O_JOBS, O_HELP, O_VERSION,
    O_EXPLAIN, O_JUNIT_FAIL_ON, O_CSV_BOM
} opt_id;

typedef struct opt {
    const char *name;
    char short_name;
    const char *arg;        /* NULL: a flag */
    opt_id id;
    const char *sv, *en;
} opt;

static const opt options[] = {
    {"format", 'f', "FORMAT[=FILE]", O_FORMAT, "utdataformat: text (standard), json, jsonl, junit, sarif, csv, markdown, html; kan upprepas, =FILE skriver till en fil", "output format: text (default), json, jsonl, junit, sarif, csv, markdown, html; may be repeated, =FILE writes to a file"},
    {"output", 'o', "FILE", O_OUTPUT, "skriv rapporten till FILE (atomiskt) i stället för standard ut", "write the report to FILE (atomically) instead of standard output"},
    {"jobs", 'j', "N", O_JOBS, "antal arbetstrådar (standard: antal processorer)", "number of worker threads (default: the number of CPUs)"},
    {"rules", 0, "PATH", O_RULES, "använd regeluppsättningen i katalogen PATH i stället för den inbyggda", "use the rule set in directory PATH instead of the embedded one"},
    {"lang", 0, "sv|en", O_LANG, "språk för meddelanden (standard sv)", "language of messages (default sv)"},
    {"fail-on", 0, "fail|warn|unknown", O_FAIL_ON, "lägsta status som ger slutstatus 1 (standard fail)", "lowest status that gives exit status 1 (default fail)"},
    {"date", 0, "YYYY-MM-DD", O_DATE, "bedömningsdatum för ärenden utan date (standard i dag)", "assessment date for cases without a date (default today)"},
    {"forms", 0, "FORM,...", O_FORMS, "compare: formerna som jämförs (standard: alla i formtabellen)", "compare: the forms to compare (default: every form of the forms table)"},
    {"case", 0, "ID", O_CASE, "compare, ask: bara ärendet med detta id", "compare, ask: only the case with this id"},
    {"interactive", 'i', NULL, O_INTERACTIVE, "ask: ställ frågorna en i taget och skriv det besvarade ärendet till -o FIL (standard ÄRENDE.answered.yaml)", "ask: ask the questions one by one and write the answered case to -o FILE (default CASE.answered.yaml)"},
    {"quiet", 'q', NULL, O_QUIET, "visa bara avvikelser (inte godkända regler)", "show only non-pass findings"},
    {"explain", 0, NULL, O_EXPLAIN, "text, markdown: visa utvärderingen av varje villkor med fakta, och reglerna som inte är tillämpliga", "text, markdown: show how every condition evaluated, with the facts, and the rules that do not apply"},
    {"junit-fail-on", 0, "fail|warn|unknown", O_JUNIT_FAIL_ON, "junit: lägsta status som blir <failure> (standard som --fail-on)", "junit: lowest status that is a <failure> (default as --fail-on)"},
    {"csv-bom", 0, NULL, O_CSV_BOM, "csv: börja med en UTF-8-BOM (för kalkylprogram)", "csv: start with a UTF-8 byte order mark (for spreadsheets)"},
    {"coverage", 0, NULL, O_COVERAGE, "test: lista regler som saknar ett underkänt eller ett godkänt testfall", "test: list rules lacking a failing or a passing case"},
    {"no-color", 0, NULL, O_NO_COLOR, "ingen färg (även NO_COLOR i miljön)", "no colour (also NO_COLOR in the environment)"},
    {"max-file-size", 0, "BYTES", O_MAX_FILE, "största filstorlek (standard 8388608)", "largest input file (default 8388608)"},
    {"max-depth", 0, "N", O_MAX_DEPTH, "största nästlingsdjup i YAML (standard 64)", "deepest YAML nesting (default 64)"},
    {"max-alias-nodes", 0, "N", O_MAX_ALIAS, "största antal noder via alias per dokument (standard 10000)", "most nodes reached through aliases per document (default 10000)"},
    {"max-documents", 0, "N", O_MAX_DOCS, "största antal dokument per fil eller ström (standard 1000000)", "most documents per file or stream (default 1000000)"},
    {"max-scalar", 0, "BYTES", O_MAX_SCALAR, "längsta enskilda värde (standard 1048576)", "longest single value (default 1048576)"},
    {"max-items", 0, "N", O_MAX_ITEMS, "flest element i en lista eller mapp (standard 10000)", "most entries in one list or map (default 10000)"},
    {"regex-match-limit", 0, "N", O_REGEX_MATCH, "PCRE2:s matchningsgräns per mönster och text (standard 1000000)", "PCRE2 match limit per pattern and text (default 1000000)"},
    {"regex-depth-limit", 0, "N", O_REGEX_DEPTH, "PCRE2:s djupgräns för bakåtspårning (standard 10000)", "PCRE2 backtracking depth limit (default 10000)"},
    {"regex-heap-limit", 0, "KIB", O_REGEX_HEAP, "PCRE2:s heapgräns i KiB (standard 20000)", "PCRE2 heap limit in KiB (default 20000)"},
    {"allow-outside-text-file", 0, NULL, O_ALLOW_OUTSIDE, "tillåt text_file utanför ärendefilens katalog", "allow text_file outside the case file's directory"},
    {"help", 'h', NULL, O_HELP, "visa denna hjälp", "show this help"},
    {"version", 'V', NULL, O_VERSION, "visa versionen", "show the version"},
};
#define NOPTS (sizeof options / sizeof *options)

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || v == 0 || s[0] == '-')
        return 0;
    *out = (size_t)v;
    return 1;
}

static int apply(cli_opts *o, const opt *op, const char *arg)
{
    size_t n;
    switch (op->id) {
    case O_FORMAT: {
        if (o->noutputs == CLI_MAX_OUTPUTS)
            return 0;
        cli_output *out = &o->outputs[o->noutputs++];
        const char *eq = strchr(arg, '=');
        out->format = arg;
        out->file = NULL;
        out->owned = NULL;
        if (eq) {
            char *fmt = strndup(arg, (size_t)(eq - arg));
            out->owned = fmt;
            if (!fmt || !eq[1])
                return 0;
            out->format = fmt;
            out->file = eq + 1;
        }
        return 1;
    }
    case O_JOBS: {
        char *end;
        unsigned long v = strtoul(arg, &end, 10);
        if (end == arg || *end || v > 256 || arg[0] == '-')
            return 0;
        o->jobs = (unsigned)v;
        return 1;
    }
    case O_OUTPUT: o->output = arg; return 1;
    case O_RULES: o->rules = arg; return 1;
    case O_LANG:
        if (strcmp(arg, "sv") && strcmp(arg, "en"))
            return 0;
        o->lang = arg[0] == 'e' ? SK_LANG_EN : SK_LANG_SV;
        return 1;
    case O_FAIL_ON:
        if (!strcmp(arg, "fail")) o->fail_on = SK_ST_FAIL;
        else if (!strcmp(arg, "warn")) o->fail_on = SK_ST_WARN;
        else if (!strcmp(arg, "unknown")) o->fail_on = SK_ST_UNKNOWN;
        else return 0;
        return 1;
    case O_DATE:
        o->date_given = true;
        return sk_date_parse(arg, strlen(arg), &o->date);
    case O_QUIET: o->quiet = true; return 1;
    case O_FORMS: o->forms = arg; return 1;
    case O_CASE: o->case_id = arg; return 1;
    case O_INTERACTIVE: o->interactive = true; return 1;
    case O_EXPLAIN: o->explain = true; return 1;
    case O_CSV_BOM: o->csv_bom = true; return 1;
    case O_JUNIT_FAIL_ON:
        if (!strcmp(arg, "fail")) o->junit_fail_on = SK_ST_FAIL;
        else if (!strcmp(arg, "warn")) o->junit_fail_on = SK_ST_WARN;
        else if (!strcmp(arg, "unknown")) o->junit_fail_on = SK_ST_UNKNOWN;
        else return 0;
        return 1;
    case O_COVERAGE: o->coverage = true; return 1;
    case O_NO_COLOR: o->no_color = true; return 1;
    case O_MAX_FILE: return parse_size(arg, &o->limits.max_file_bytes);
    case O_MAX_DEPTH: return parse_size(arg, &o->limits.max_depth);
    case O_MAX_ALIAS: return parse_size(arg, &o->limits.max_alias_nodes);
    case O_MAX_DOCS: return parse_size(arg, &o->limits.max_documents);
    case O_MAX_SCALAR: return parse_size(arg, &o->limits.max_scalar_bytes);
    case O_MAX_ITEMS: return parse_size(arg, &o->limits.max_items);
    case O_REGEX_MATCH: return parse_size(arg, &n) && n <= 0xFFFFFFFFu ? (o->limits.regex_match_limit = n, 1) : 0;
    case O_REGEX_DEPTH: return parse_size(arg, &n) && n <= 0xFFFFFFFFu ? (o->limits.regex_depth_limit = n, 1) : 0;
    case O_REGEX_HEAP: return parse_size(arg, &n) && n <= 0xFFFFFFFFu ? (o->limits.regex_heap_kib = n, 1) : 0;
    case O_ALLOW_OUTSIDE: o->limits.allow_outside_text_file = true; return 1;
    case O_HELP: o->help = true; return 1;
    case O_VERSION: o->version = true; return 1;
    }
    (void)n;
    return 0;
}

static const opt *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (strlen(options[i].name) == len && strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

static const opt *find_short(char c)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (options[i].short_name == c)
            return &options[i];
    return NULL;
}

static int usage_error(const cli_opts *o, const char *what, const char *name, const char *hint)
{
    int en = o->lang == SK_LANG_EN;
    fprintf(stderr, "samkoll: %s '%s'", what, name);
    if (hint)
        fprintf(stderr, en ? " (did you mean '--%s'?)" : " (menade du '--%s'?)", hint);
    fprintf(stderr, en ? "\nTry 'samkoll --help'.\n" : "\nSe 'samkoll --help'.\n");
    return 0;
}

int cli_parse(int argc, char **argv, cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->fail_on = SK_ST_FAIL;
    sk_limits_default(&o->limits);
    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    if (!o->args)
        return 0;
    /* --lang first, so that errors come in the right language */
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--lang") && !strcmp(argv[i + 1], "en"))
            o->lang = SK_LANG_EN;
        else if (!strcmp(argv[i], "--lang=en"))
            o->lang = SK_LANG_EN;
    if (argc > 1 && !strcmp(argv[argc - 1], "--lang=en"))
        o->lang = SK_LANG_EN;
    int en = o->lang == SK_LANG_EN;
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const opt *op = NULL;
        const char *val = NULL;
        if (!only_args && !strcmp(a, "--")) {
            only_args = 1;
            continue;
        }
        if (!only_args && a[0] == '-' && a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            op = find_long(a + 2, len);
            if (!op) {
                const char *names[NOPTS];
                for (size_t k = 0; k < NOPTS; k++)
                    names[k] = options[k].name;
                char name[64];
                snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), a + 2);
                return usage_error(o, en ? "unknown option" : "okänd flagga", a,
                                   sk_suggest(name, names, NOPTS));
            }
            val = eq ? eq + 1 : NULL;
        } else if (!only_args && a[0] == '-' && a[1] && a[1] != '-') {
            op = find_short(a[1]);
            if (!op)
                return usage_error(o, en ? "unknown option" : "okänd flagga", a, NULL);
            if (a[2] && op->arg)
                val = a + 2; /* -j4 */
            else if (a[2])
                return usage_error(o, en ? "unknown option" : "okänd flagga", a, NULL);
        }
        if (!op) {
            if (!o->command)
                o->command = a;
            else
                o->args[o->nargs++] = a;
            continue;
        }
        if (op->arg && !val) {
            if (i + 1 >= argc)
                return usage_error(o, en ? "missing value for" : "värde saknas för", a, NULL);
            val = argv[++i];
        } else if (!op->arg && val) {
            return usage_error(o, en ? "no value allowed for" : "flaggan tar inget värde", a, NULL);
        }
        if (!apply(o, op, val))
            return usage_error(o, en ? "invalid value for" : "ogiltigt värde för", a, NULL);
    }
    if (o->noutputs == 0) {
        o->outputs[0].format = "text";
        o->outputs[0].file = NULL;
        o->noutputs = 1;
    }
    size_t to_stdout = 0;
    for (size_t i = 0; i < o->noutputs; i++)
        if (!o->outputs[i].file) {
            if (o->output && strcmp(o->output, "-") != 0)
                o->outputs[i].file = o->output;
            else
                to_stdout++;
        }
    if (to_stdout > 1 || (o->output && o->noutputs > 1 && to_stdout == 0 &&
                          o->outputs[0].file == o->output && o->outputs[1].file == o->output)) {
        fprintf(stderr, en ? "samkoll: only one report can go to standard output; give the others a file (--format FORMAT=FILE)\n"
                           : "samkoll: bara en rapport kan skrivas till standard ut; ge de andra en fil (--format FORMAT=FIL)\n");
        return 0;
    }
    return 1;
}

void cli_free(cli_opts *o)
{
    for (size_t i = 0; i < o->noutputs; i++) {
        free(o->outputs[i].owned);
        o->outputs[i].owned = NULL;
    }
    free(o->args);
    o->args = NULL;
}

void cli_help(const cli_opts *o)
{
    int en = o->lang == SK_LANG_EN;
    printf("%s", en ?
        "samkoll " SK_VERSION " - checks Swedish inter-municipal collaboration against the law\n\n"
        "Usage: samkoll COMMAND [OPTIONS] [PATH...]\n\n"
        "Commands:\n"
        "  check PATH...     check cases (files, directories or - for standard input)\n"
        "  test [PATH...]    run the cases' expect: blocks (default cases/)\n"
        "  lint              validate the rule set without any case\n"
        "  rules             list the rules\n"
        "  explain RULE-ID   show a rule in readable form\n"
        "  forms             the collaboration forms side by side (--format text|markdown|html)\n"
        "  legal-basis       the forms table and rule catalogue as Markdown (docs/legal-basis.md)\n"
        "  compare CASE      the case under each collaboration form, side by side\n"
        "                    (--forms a,b; --format text|markdown|json|html)\n"
        "  ask CASE          the questions whose answers decide what is unknown\n"
        "                    (--format text|json; --interactive [-o FILE])\n"
        "  schema            print the JSON Schema of case format v1\n\n"
        "Options:\n" :
        "samkoll " SK_VERSION " - granskar mellankommunal samverkan mot lagen\n\n"
        "Användning: samkoll KOMMANDO [FLAGGOR] [SÖKVÄG...]\n\n"
        "Kommandon:\n"
        "  check SÖKVÄG...   granska ärenden (filer, kataloger eller - för standard in)\n"
        "  test [SÖKVÄG...]  kör ärendenas expect:-block (standard cases/)\n"
        "  lint              kontrollera regeluppsättningen utan ärenden\n"
        "  rules             lista reglerna\n"
        "  explain REGEL-ID  visa en regel i läsbar form\n"
        "  forms             samverkansformerna sida vid sida (--format text|markdown|html)\n"
        "  legal-basis       formtabellen och regelkatalogen som Markdown (docs/legal-basis.md)\n"
        "  compare ÄRENDE    ärendet i varje samverkansform, sida vid sida\n"
        "                    (--forms a,b; --format text|markdown|json|html)\n"
        "  ask ÄRENDE        frågorna vars svar avgör det som är okänt\n"
        "                    (--format text|json; --interactive [-o FIL])\n"
        "  schema            skriv JSON Schema för ärendeformat v1\n\n"
        "Flaggor:\n");
    for (size_t i = 0; i < NOPTS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", options[i].short_name ? "-" : "",
                 options[i].short_name ? options[i].short_name : ' ',
                 options[i].short_name ? ", " : "  ", options[i].name,
                 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
        printf("  %-34s %s\n", options[i].short_name ? left : left + 1, en ? options[i].en : options[i].sv);
    }
    printf("%s", en ?
        "\nExit status: 0 nothing at or above --fail-on; 1 findings at or above it (test: a\n"
        "failed expectation); 2 some input could not be read or validated (all other cases\n"
        "are still checked); 64 usage error; 70 internal error; 74 output could not be written.\n" :
        "\nSlutstatus: 0 inget på eller över --fail-on; 1 avvikelser på eller över den (test:\n"
        "ett förväntat utfall stämde inte); 2 någon indata kunde inte läsas eller valideras\n"
        "(alla andra ärenden granskas ändå); 64 felaktigt kommando; 70 internt fel;\n"
        "74 utdata kunde inte skrivas.\n");
}
