/* options.c - command-line parsing from one option table. */
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "samkoll/diag.h"
#include "samkoll/util.h"
#include "texts.h"


/* The commands an option applies to (cli_opt.cmds). */
#define RUNS "check test compare ask"          /* commands that read cases */
#define READS RUNS " serve"                   /* and the server, from requests */

static const cli_opt options[] = {
    {.name = "format", .short_name = 'f', .arg = "FORMAT[=FILE]", .id = O_FORMAT, .cmds = "check compare ask forms",
     .sv = "utdataformat: text (standard), json, jsonl, junit, sarif, csv, markdown, html; kan upprepas, =FILE skriver till en fil",
     .en = "output format: text (default), json, jsonl, junit, sarif, csv, markdown, html; may be repeated, =FILE writes to a file",
     .man = "Output format of \\fBcheck\\fR: \\fBtext\\fR (default), \\fBjson\\fR, \\fBjsonl\\fR (one line per case, written as each case finishes), \\fBjunit\\fR (JUnit XML for CI servers), \\fBsarif\\fR (SARIF 2.1.0), \\fBcsv\\fR (one row per finding, RFC 4180), \\fBmarkdown\\fR (a memo) or \\fBhtml\\fR (one self-contained page with filters). May be repeated: \\fIFORMAT\\fR\\fB=\\fR\\fIFILE\\fR writes that report to \\fIFILE\\fR; at most one report goes to standard output. See docs/reports.md."},
    {.name = "output", .short_name = 'o', .arg = "FILE", .id = O_OUTPUT, .cmds = "check compare ask",
     .sv = "skriv rapporten till FILE (atomiskt) i stället för standard ut",
     .en = "write the report to FILE (atomically) instead of standard output",
     .man = "Write the report given without a file to \\fIFILE\\fR. Every report file is written to a temporary file next to it and renamed into place only when the whole run succeeded, so a failed or interrupted run leaves no report, whole or half-written. A target that is not a regular file (a device, a FIFO) is written in place."},
    {.name = "jobs", .short_name = 'j', .arg = "N", .id = O_JOBS, .cmds = "check test serve",
     .sv = "antal arbetstrådar (standard: antal processorer)",
     .en = "number of worker threads (default: the number of CPUs)",
     .man = "Number of worker threads (default: the number of online CPUs). The output is the same for any \\fIN\\fR."},
    {.name = "listen", .short_name = 0, .arg = "HOST:PORT", .id = O_LISTEN, .cmds = "serve",
     .sv = "serve: adressen servern lyssnar på (standard 127.0.0.1:8080; port 0 = valfri ledig)",
     .en = "serve: the address the server listens on (default 127.0.0.1:8080; port 0 = any free port)",
     .man = "\\fBserve\\fR: the address to listen on, \\fIHOST\\fB:\\fIPORT\\fR or \\fB[\\fIV6\\fB]:\\fIPORT\\fR (default \\fB127.0.0.1:8080\\fR, loopback only; port 0 picks a free port). Any address other than a loopback address is reachable from the network: the server prints a warning. See docs/security.md."},
    {.name = "open", .short_name = 0, .arg = NULL, .id = O_OPEN, .cmds = "serve",
     .sv = "serve: öppna webbappen i webbläsaren (xdg-open) när servern lyssnar",
     .en = "serve: open the web app in the browser (xdg-open) once the server listens",
     .man = "\\fBserve\\fR: once the server listens, start the desktop's browser on its address with \\fBxdg\\-open\\fR (found on \\fBPATH\\fR, started directly, without a shell, with the address as its only argument). If it cannot be started, or it fails, a message says so and the server goes on serving: open the address yourself. The only program samkoll ever starts; see docs/security.md."},
    {.name = "rules", .short_name = 0, .arg = "PATH", .id = O_RULES, .cmds = NULL,
     .sv = "använd regeluppsättningen i katalogen PATH i stället för den inbyggda",
     .en = "use the rule set in directory PATH instead of the embedded one",
     .man = "Use the rule set in \\fIDIR\\fR instead of the one embedded in the binary."},
    {.name = "lang", .short_name = 0, .arg = "sv|en", .id = O_LANG, .cmds = NULL, .choices = "sv en",
     .sv = "språk för meddelanden (standard sv)",
     .en = "language of messages (default sv)",
     .man = "Language of messages (default \\fBsv\\fR)."},
    {.name = "fail-on", .short_name = 0, .arg = "fail|warn|unknown", .id = O_FAIL_ON, .cmds = "check", .choices = "fail warn unknown",
     .sv = "lägsta status som ger slutstatus 1 (standard fail)",
     .en = "lowest status that gives exit status 1 (default fail)",
     .man = "The lowest status that makes \\fBcheck\\fR exit with status 1 (default \\fBfail\\fR)."},
    {.name = "date", .short_name = 0, .arg = "YYYY-MM-DD", .id = O_DATE, .cmds = READS,
     .sv = "bedömningsdatum för ärenden utan date (standard i dag)",
     .en = "assessment date for cases without a date (default today)",
     .man = "The assessment date for cases that state no \\fBdate\\fR (default: today). Rules apply only within their validity dates."},
    {.name = "forms", .short_name = 0, .arg = "FORM,...", .id = O_FORMS, .cmds = "compare",
     .sv = "compare: formerna som jämförs (standard: alla i formtabellen)",
     .en = "compare: the forms to compare (default: every form of the forms table)",
     .man = "\\fBcompare\\fR: the forms to compare, by their case-format names (\\fBgemensam_namnd\\fR, \\fBavtalssamverkan\\fR, ...)."},
    {.name = "form", .short_name = 0, .arg = "FORM", .id = O_FORM, .cmds = "init",
     .sv = "init: samverkansformen som ärendet gäller (gemensam_namnd, avtalssamverkan, ...)",
     .en = "init: the collaboration form of the new case (gemensam_namnd, avtalssamverkan, ...)",
     .man = "\\fBinit\\fR: the collaboration form of the new case, by its case-format name (\\fBgemensam_namnd\\fR, \\fBavtalssamverkan\\fR, ...) or its Swedish name (\\fB\"gemensam nämnd\"\\fR)."},
    {.name = "force", .short_name = 0, .arg = NULL, .id = O_FORCE, .cmds = "init",
     .sv = "init: skriv över en befintlig fil",
     .en = "init: overwrite an existing file",
     .man = "\\fBinit\\fR: overwrite \\fIFILE\\fR if it exists (without it, \\fBinit\\fR refuses)."},
    {.name = "case", .short_name = 0, .arg = "ID", .id = O_CASE, .cmds = "compare ask",
     .sv = "compare, ask: bara ärendet med detta id",
     .en = "compare, ask: only the case with this id",
     .man = "\\fBcompare\\fR, \\fBask\\fR: only the case with this id (a file may hold several)."},
    {.name = "interactive", .short_name = 'i', .arg = NULL, .id = O_INTERACTIVE, .cmds = "ask",
     .sv = "ask: ställ frågorna en i taget och skriv det besvarade ärendet till -o FIL (standard ÄRENDE.answered.yaml)",
     .en = "ask: ask the questions one by one and write the answered case to -o FILE (default CASE.answered.yaml)",
     .man = "\\fBask\\fR: ask the questions on the terminal and write the answered case."},
    {.name = "quiet", .short_name = 'q', .arg = NULL, .id = O_QUIET, .cmds = "check",
     .sv = "visa bara avvikelser (inte godkända regler)",
     .en = "show only non-pass findings",
     .man = "Show only findings other than pass."},
    {.name = "explain", .short_name = 0, .arg = NULL, .id = O_EXPLAIN, .cmds = "check",
     .sv = "text, markdown: visa utvärderingen av varje villkor med fakta, och reglerna som inte är tillämpliga",
     .en = "text, markdown: show how every condition evaluated, with the facts, and the rules that do not apply",
     .man = "With the \\fBtext\\fR and \\fBmarkdown\\fR formats: under each finding, its evaluation tree (every condition evaluated, with its value and the facts it read, their values and positions) and the outcome; the rules that did not apply are listed too, with why, including those outside their validity dates."},
    {.name = "junit-fail-on", .short_name = 0, .arg = "fail|warn|unknown", .id = O_JUNIT_FAIL_ON, .cmds = "check", .choices = "fail warn unknown",
     .sv = "junit: lägsta status som blir <failure> (standard som --fail-on)",
     .en = "junit: lowest status that is a <failure> (default as --fail-on)",
     .man = "With the \\fBjunit\\fR format: the lowest status that is a \\fB<failure>\\fR (default: the value of \\fB\\-\\-fail\\-on\\fR). Lower warn and unknown findings pass, with the finding in \\fB<system-out>\\fR."},
    {.name = "csv-bom", .short_name = 0, .arg = NULL, .id = O_CSV_BOM, .cmds = "check",
     .sv = "csv: börja med en UTF-8-BOM (för kalkylprogram)",
     .en = "csv: start with a UTF-8 byte order mark (for spreadsheets)",
     .man = "With the \\fBcsv\\fR format: start the file with a UTF-8 byte order mark."},
    {.name = "coverage", .short_name = 0, .arg = NULL, .id = O_COVERAGE, .cmds = "test",
     .sv = "test: lista regler som saknar ett underkänt eller ett godkänt testfall",
     .en = "test: list rules lacking a failing or a passing case",
     .man = "With \\fBtest\\fR: list the rules that lack a case where they fail or warn, or a case where they pass; such rules make the run fail."},
    {.name = "no-color", .short_name = 0, .arg = NULL, .id = O_NO_COLOR, .cmds = NULL,
     .sv = "ingen färg (även NO_COLOR i miljön)",
     .en = "no colour (also NO_COLOR in the environment)",
     .man = "No colour in text output (also when \\fBNO_COLOR\\fR is set, or the output is not a terminal)."},
    {.name = "max-file-size", .short_name = 0, .arg = "BYTES", .id = O_MAX_FILE, .cmds = READS,
     .sv = "största filstorlek (standard 8388608)",
     .en = "largest input file (default 8388608)",
     .man = "Largest case or rule file, or one document on standard input (default 8388608)."},
    {.name = "max-depth", .short_name = 0, .arg = "N", .id = O_MAX_DEPTH, .cmds = READS,
     .sv = "största nästlingsdjup i YAML (standard 64)",
     .en = "deepest YAML nesting (default 64)",
     .man = "Deepest nesting of YAML lists and maps (default 64)."},
    {.name = "max-alias-nodes", .short_name = 0, .arg = "N", .id = O_MAX_ALIAS, .cmds = READS,
     .sv = "största antal noder via alias per dokument (standard 10000)",
     .en = "most nodes reached through aliases per document (default 10000)",
     .man = "Most nodes reached through YAML aliases in one document (default 10000)."},
    {.name = "max-documents", .short_name = 0, .arg = "N", .id = O_MAX_DOCS, .cmds = READS,
     .sv = "största antal dokument per fil eller ström (standard 1000000)",
     .en = "most documents per file or stream (default 1000000)",
     .man = "Most documents in one file or stream (default 1000000)."},
    {.name = "max-scalar", .short_name = 0, .arg = "BYTES", .id = O_MAX_SCALAR, .cmds = READS,
     .sv = "längsta enskilda värde (standard 1048576)",
     .en = "longest single value (default 1048576)",
     .man = "Longest single value (default 1048576)."},
    {.name = "max-items", .short_name = 0, .arg = "N", .id = O_MAX_ITEMS, .cmds = READS,
     .sv = "flest element i en lista eller mapp (standard 10000)",
     .en = "most entries in one list or map (default 10000)",
     .man = "Most entries in one list or map (default 10000)."},
    {.name = "regex-match-limit", .short_name = 0, .arg = "N", .id = O_REGEX_MATCH, .cmds = NULL,
     .sv = "PCRE2:s matchningsgräns per mönster och text (standard 1000000)",
     .en = "PCRE2 match limit per pattern and text (default 1000000)",
     .man = "PCRE2 match limit for one pattern over one text (default 1000000). A pattern that exceeds it gives an \\fBerror\\fR finding naming the rule, never a hang."},
    {.name = "regex-depth-limit", .short_name = 0, .arg = "N", .id = O_REGEX_DEPTH, .cmds = NULL,
     .sv = "PCRE2:s djupgräns för bakåtspårning (standard 10000)",
     .en = "PCRE2 backtracking depth limit (default 10000)",
     .man = "PCRE2 backtracking depth limit (default 10000)."},
    {.name = "regex-heap-limit", .short_name = 0, .arg = "KIB", .id = O_REGEX_HEAP, .cmds = NULL,
     .sv = "PCRE2:s heapgräns i KiB (standard 20000)",
     .en = "PCRE2 heap limit in KiB (default 20000)",
     .man = "PCRE2 heap limit in KiB (default 20000)."},
    {.name = "allow-outside-text-file", .short_name = 0, .arg = NULL, .id = O_ALLOW_OUTSIDE, .cmds = RUNS,
     .sv = "tillåt text_file utanför ärendefilens katalog",
     .en = "allow text_file outside the case file's directory",
     .man = "Allow a case's \\fBtext_file\\fR to point outside the case file's directory."},
    {.name = "assessor", .short_name = 0, .arg = "NAME", .id = O_ASSESSOR, .cmds = "check",
     .sv = "markdown, html: vem som gjort bedömningen (visas i promemorian)",
     .en = "markdown, html: who made the assessment (shown in the memo)",
     .man = "With the \\fBmarkdown\\fR and \\fBhtml\\fR formats: the name of the person who made the assessment, shown in the memo's header next to the run date and the rule set's version and hash."},
    {.name = "sarif-root", .short_name = 0, .arg = "DIR", .id = O_SARIF_ROOT, .cmds = "check",
     .sv = "sarif: katalogen som filernas URI:er är relativa till (standard: arbetskatalogen)",
     .en = "sarif: the directory the files' URIs are relative to (default: the working directory)",
     .man = "With the \\fBsarif\\fR format: the directory (usually the repository's root) that artifact URIs are relative to, as \\fB%SRCROOT%\\fR; default the working directory. Files outside it get absolute file: URIs."},
    {.name = "sarif-include", .short_name = 0, .arg = "unknown", .id = O_SARIF_INCLUDE, .cmds = "check", .choices = "unknown",
     .sv = "sarif: ta också med okända utfall (som anteckningar)",
     .en = "sarif: also report unknown findings (as notes)",
     .man = "With the \\fBsarif\\fR format: also report \\fBunknown\\fR findings, as notes. By default a SARIF report holds only fail, warn, error and waived findings, so that open questions do not flood a code-scanning dashboard."},
    {.name = "config", .short_name = 0, .arg = "FILE", .id = O_CONFIG, .cmds = NULL,
     .sv = "läs inställningarna från FILE i stället för .samkoll.yaml",
     .en = "read the settings from FILE instead of .samkoll.yaml",
     .man = "Read the settings from \\fIFILE\\fR instead of the first \\fB.samkoll.yaml\\fR found in the working directory or one of its parents. See \\fBFILES\\fR."},
    {.name = "no-config", .short_name = 0, .arg = NULL, .id = O_NO_CONFIG, .cmds = NULL,
     .sv = "läs ingen .samkoll.yaml",
     .en = "read no .samkoll.yaml",
     .man = "Read no configuration file."},
    {.name = "help", .short_name = 'h', .arg = NULL, .id = O_HELP, .cmds = NULL,
     .sv = "visa denna hjälp",
     .en = "show this help",
     .man = "Show the help."},
    {.name = "version", .short_name = 'V', .arg = NULL, .id = O_VERSION, .cmds = NULL,
     .sv = "visa versionen",
     .en = "show the version",
     .man = "Show the version."},
};
#define NOPTS (sizeof options / sizeof *options)

static int parse_size(const char *s, size_t *out)
{
    /* digits only: no sign, no blanks (strtoull would wrap " -1" around),
     * and no value past what a size can hold */
    if (*s < '0' || *s > '9')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || v == 0 || errno == ERANGE || v > (unsigned long long)SIZE_MAX / 2)
        return 0;
    *out = (size_t)v;
    return 1;
}

/* --format NAME[=FILE]: one more output. */
static int apply_format(cli_opts *o, const char *arg)
{
    if (o->noutputs == CLI_MAX_OUTPUTS)
        return 0;
    cli_output *out = &o->outputs[o->noutputs++];
    const char *eq = strchr(arg, '=');
    out->format = arg;
    out->file = NULL;
    out->owned = NULL;
    if (!eq)
        return 1;
    char *fmt = strndup(arg, (size_t)(eq - arg));
    out->owned = fmt;
    if (!fmt || !eq[1])
        return 0;
    out->format = fmt;
    out->file = strcmp(eq + 1, "-") == 0 ? NULL : eq + 1; /* FORMAT=- is standard output */
    return 1;
}

static int apply_jobs(cli_opts *o, const char *arg)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (end == arg || *end || v > 256 || arg[0] == '-')
        return 0;
    o->jobs = (unsigned)v;
    return 1;
}

/* fail | warn | unknown: the status from which a run counts as failed. */
static int parse_threshold(const char *arg, int *out)
{
    static const struct { const char *name; sk_status st; } levels[] = {
        {"fail", SK_ST_FAIL}, {"warn", SK_ST_WARN}, {"unknown", SK_ST_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        if (!strcmp(arg, levels[i].name)) {
            *out = (int)levels[i].st;
            return 1;
        }
    return 0;
}

/* A PCRE2 limit: a size that fits in 32 bits. */
static int parse_limit32(const char *arg, unsigned long *out)
{
    size_t n;
    if (!parse_size(arg, &n) || n > 0xFFFFFFFFu)
        return 0;
    *out = n;
    return 1;
}

static int apply(cli_opts *o, const cli_opt *op, const char *arg)
{
    switch (op->id) {
    case O_FORMAT: return apply_format(o, arg);
    case O_JOBS: return apply_jobs(o, arg);
    case O_OUTPUT: o->output = arg; return 1;
    case O_LISTEN: o->listen = arg; return *arg != 0;
    case O_OPEN: o->open_browser = true; return 1;
    case O_RULES: o->rules = arg; return 1;
    case O_LANG:
        if (strcmp(arg, "sv") && strcmp(arg, "en"))
            return 0;
        o->lang = arg[0] == 'e' ? SK_LANG_EN : SK_LANG_SV;
        return 1;
    case O_FAIL_ON: return parse_threshold(arg, &o->fail_on);
    case O_DATE:
        o->date_given = true;
        return sk_date_parse(arg, strlen(arg), &o->date);
    case O_QUIET: o->quiet = true; return 1;
    case O_FORMS: o->forms = arg; return 1;
    case O_CASE: o->case_id = arg; return 1;
    case O_FORM: o->form = arg; return 1;
    case O_FORCE: o->force = true; return 1;
    case O_INTERACTIVE: o->interactive = true; return 1;
    case O_EXPLAIN: o->explain = true; return 1;
    case O_CSV_BOM: o->csv_bom = true; return 1;
    case O_JUNIT_FAIL_ON: return parse_threshold(arg, &o->junit_fail_on);
    case O_COVERAGE: o->coverage = true; return 1;
    case O_NO_COLOR: o->no_color = true; return 1;
    case O_MAX_FILE: return parse_size(arg, &o->limits.max_file_bytes);
    case O_MAX_DEPTH: return parse_size(arg, &o->limits.max_depth);
    case O_MAX_ALIAS: return parse_size(arg, &o->limits.max_alias_nodes);
    case O_MAX_DOCS: return parse_size(arg, &o->limits.max_documents);
    case O_MAX_SCALAR: return parse_size(arg, &o->limits.max_scalar_bytes);
    case O_MAX_ITEMS: return parse_size(arg, &o->limits.max_items);
    case O_REGEX_MATCH: return parse_limit32(arg, &o->limits.regex_match_limit);
    case O_REGEX_DEPTH: return parse_limit32(arg, &o->limits.regex_depth_limit);
    case O_REGEX_HEAP: return parse_limit32(arg, &o->limits.regex_heap_kib);
    case O_ALLOW_OUTSIDE: o->limits.allow_outside_text_file = true; return 1;
    case O_CONFIG: o->config_path = arg; return 1;
    case O_NO_CONFIG: o->no_config = true; return 1;
    case O_ASSESSOR: o->assessor = arg; return *arg != 0;
    case O_SARIF_ROOT: o->sarif_root = arg; return *arg != 0;
    case O_SARIF_INCLUDE: o->sarif_unknown = true; return !strcmp(arg, "unknown");
    case O_HELP: o->help = true; return 1;
    case O_VERSION: o->version = true; return 1;
    }
    return 0;
}

static const cli_opt *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (strlen(options[i].name) == len && strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

static const cli_opt *find_short(char c)
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
        fprintf(stderr, cli_text(T_DID_YOU_MEAN_2, en), hint);
    fputs(cli_text(T_TRY_SAMKOLL_HELP, en), stderr);
    return 0;
}

/* --lang before anything else, so that every error is in that language. */
static sk_lang prescan_lang(int argc, char **argv)
{
    sk_lang lang = SK_LANG_SV;
    for (int i = 1; i < argc; i++)
        if ((!strcmp(argv[i], "--lang") && i + 1 < argc && !strcmp(argv[i + 1], "en")) ||
            !strcmp(argv[i], "--lang=en"))
            lang = SK_LANG_EN;
    return lang;
}

/* The option a names ("--name", "--name=value", "-x", "-xVALUE"), with
 * its inline value in *val; NULL (and a usage error printed) when there
 * is none such. */
static const cli_opt *lookup(const cli_opts *o, const char *a, const char **val)
{
    int en = o->lang == SK_LANG_EN;
    *val = NULL;
    if (a[1] == '-') {
        const char *eq = strchr(a + 2, '=');
        size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        const cli_opt *op = find_long(a + 2, len);
        if (!op) {
            const char *names[NOPTS];
            for (size_t k = 0; k < NOPTS; k++)
                names[k] = options[k].name;
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), a + 2);
            usage_error(o, cli_text(T_UNKNOWN_OPTION, en), a, sk_suggest(name, names, NOPTS));
            return NULL;
        }
        *val = eq ? eq + 1 : NULL;
        return op;
    }
    const cli_opt *op = find_short(a[1]);
    if (op && a[2] && op->arg)
        *val = a + 2; /* -j4 */
    else if (!op || a[2]) {
        usage_error(o, cli_text(T_UNKNOWN_OPTION, en), a, NULL);
        return NULL;
    }
    return op;
}

/* Applies the option at argv[*i] (taking its value from the next word if
 * it needs one). Returns 0 after printing a usage error. */
static int take_option(cli_opts *o, int argc, char **argv, int *i)
{
    int en = o->lang == SK_LANG_EN;
    const char *a = argv[*i], *val;
    const cli_opt *op = lookup(o, a, &val);
    if (!op)
        return 0;
    if (op->arg && !val) {
        if (*i + 1 >= argc)
            return usage_error(o, cli_text(T_MISSING_VALUE_FOR, en), a, NULL);
        val = argv[++*i];
    } else if (!op->arg && val) {
        return usage_error(o, cli_text(T_NO_VALUE_ALLOWED_FOR, en), a, NULL);
    }
    o->given |= (uint64_t)1 << (op - options);
    if (!apply(o, op, val))
        return usage_error(o, cli_text(T_INVALID_VALUE_FOR, en), a, NULL);
    return 1;
}

bool cli_given(const cli_opts *o, opt_id id)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (options[i].id == id)
            return o->given >> i & 1;
    return false;
}

/* The directory part of path resolved, then its last name: the same
 * text for two spellings of one file that does not exist yet. */
static int canonical_name(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX], real[PATH_MAX];
    const char *base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (!realpath(dir, real))
        return 0;
    int w = snprintf(out, n, "%s/%s", real, base);
    return w > 0 && (size_t)w < n;
}

/* Do two output paths name the same file (same text, same inode, or the
 * same place once the directories are resolved)? */
static int same_file(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 1;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ca[PATH_MAX + 256], cb[PATH_MAX + 256];
    return canonical_name(a, ca, sizeof ca) && canonical_name(b, cb, sizeof cb) &&
           strcmp(ca, cb) == 0;
}

/* Two reports to one file would overwrite each other: refused. */
static int outputs_distinct(const cli_opts *o)
{
    for (size_t i = 0; i < o->noutputs; i++)
        for (size_t j = i + 1; j < o->noutputs; j++)
            if (o->outputs[i].file && o->outputs[j].file &&
                strcmp(o->outputs[i].file, "-") != 0 &&
                same_file(o->outputs[i].file, o->outputs[j].file)) {
                fprintf(stderr, cli_text(T_SAMKOLL_SAME_OUTPUT_FILE, o->lang == SK_LANG_EN),
                        o->outputs[j].file);
                return 0;
            }
    return 1;
}

/* The default text report, and -o as the file of the report given
 * without one; at most one report may go to standard output. */
static int settle_outputs(cli_opts *o)
{
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
        fputs(cli_text(T_SAMKOLL_ONLY_ONE_REPORT_CAN, o->lang == SK_LANG_EN), stderr);
        return 0;
    }
    return outputs_distinct(o);
}

int cli_parse(int argc, char **argv, cli_opts *o)
{
    *o = (cli_opts){.fail_on = SK_ST_FAIL, .lang = prescan_lang(argc, argv)};
    sk_limits_default(&o->limits);
    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    if (!o->args)
        return 0;
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_args && !strcmp(a, "--"))
            only_args = 1;
        else if (!only_args && a[0] == '-' && a[1]) {
            if (!take_option(o, argc, argv, &i))
                return 0;
        } else if (!o->command)
            o->command = a;
        else
            o->args[o->nargs++] = a;
    }
    return settle_outputs(o);
}

void cli_free(cli_opts *o)
{
    for (size_t i = 0; i < o->noutputs; i++) {
        free(o->outputs[i].owned);
        o->outputs[i].owned = NULL;
    }
    free(o->args);
    o->args = NULL;
    sk_config_clear(&o->config);
}


const cli_opt *cli_options(size_t *n)
{
    *n = NOPTS;
    return options;
}

/* Is word one of the space-separated words of list? */
static int word_in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return 1;
    return 0;
}

int cli_opt_applies(const cli_opt *op, const char *command)
{
    return !op->cmds || word_in_list(op->cmds, command);
}

int cli_check_applicable(const cli_opts *o)
{
    int en = o->lang == SK_LANG_EN;
    for (size_t i = 0; i < NOPTS; i++) {
        if (!(o->given >> i & 1) || cli_opt_applies(&options[i], o->command))
            continue;
        fprintf(stderr, cli_text(T_SAMKOLL_DOES_NOT_APPLY_TO, en),
                o->command, options[i].name, options[i].cmds);
        return 0;
    }
    return 1;
}

/* "FILE:LINE:COL: fel: okänt format 'x' (menade du 'y'?)" for a format
 * named in the configuration file. */
static void config_format_error(const cli_opts *o, const sk_config_value *v,
                                const char *format, const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_diag_add_text(&d, o->config.path, v->line, v->col, sk_suggest(format, names, n),
                     cli_text(T_UNKNOWN_FORMAT_IN_CONFIG, o->lang == SK_LANG_EN), format);
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
}

/* The config file's reports, unless --format was given. */
static int config_formats(cli_opts *o, const char *const *names)
{
    if (!o->config.nformats || cli_given(o, O_FORMAT) || !names || strcmp(o->command, "check"))
        return 1;
    for (size_t i = 0; i < o->config.nformats; i++) {
        const sk_config_value *v = &o->config.formats[i];
        static const cli_opt format_opt = {.name = "format", .id = O_FORMAT};
        if (o->noutputs == 1 && !o->outputs[0].owned && i == 0)
            o->noutputs = 0; /* the default text report gives way */
        if (!apply(o, &format_opt, v->text))
            return 0;
        const char *f = o->outputs[o->noutputs - 1].format;
        size_t k = 0;
        while (names[k] && strcmp(names[k], f))
            k++;
        if (!names[k]) {
            config_format_error(o, v, f, names);
            return 0;
        }
    }
    return settle_outputs(o);
}

int cli_apply_config(cli_opts *o, const char *const *formats)
{
    if (o->no_config)
        return 1;
    char *found = o->config_path ? NULL : sk_config_find(".");
    const char *path = o->config_path ? o->config_path : found;
    if (!path)
        return 1;
    sk_diags d;
    sk_diags_init(&d, o->lang);
    sk_rc rc = sk_config_load(path, &o->config, &d);
    free(found);
    sk_diags_print(&d, stderr);
    sk_diags_free(&d);
    if (rc != SK_OK)
        return 0;
    const sk_config *c = &o->config;
    if (c->rules && !cli_given(o, O_RULES))
        o->rules = c->rules;
    if (c->has_date && !cli_given(o, O_DATE)) {
        o->date = c->date;
        o->date_given = true;
    }
    if (c->has_lang && !cli_given(o, O_LANG))
        o->lang = c->lang;
    if (c->fail_on >= 0 && !cli_given(o, O_FAIL_ON))
        o->fail_on = c->fail_on;
    if (c->assessor && !cli_given(o, O_ASSESSOR))
        o->assessor = c->assessor;
    o->exclude = (const char *const *)c->exclude;
    o->nexclude = c->nexclude;
    return config_formats(o, formats);
}
