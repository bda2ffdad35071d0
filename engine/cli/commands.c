/* commands.c - the command table, and --help generated from it. */
#include "commands.h"

#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "samkoll/advice.h"
#include "samkoll/report.h"
#include "samkoll/util.h"
#include "texts.h"

static const char *const forms_formats[] = {"text", "markdown", "html", NULL};
static const char *const ask_formats[] = {"text", "json", NULL};
static const char *const *forms_format_list(void) { return forms_formats; }
static const char *const *ask_format_list(void) { return ask_formats; }

static const cli_cmd commands[] = {
    {.name = "check", .args = {"SÖKVÄG...", "PATH..."}, .needs_rules = true,
     .help = {"granska ärenden (filer, kataloger eller - för standard in)",
              "check cases (files, directories or - for standard input)"},
     .man = "Check case files. A \\fIPATH\\fR is a file, a directory (walked recursively for "
            "*.yaml and *.yml in byte order of the paths) or \\fB\\-\\fR for a multi-document "
            "stream on standard input. One document is one case. An input that cannot be "
            "read or validated is reported as an input error; every other case is still "
            "checked.",
     .formats = sk_report_formats, .run = cmd_check},
    {.name = "test", .args = {"[SÖKVÄG...]", "[PATH...]"}, .needs_rules = true,
     .help = {"kör ärendenas expect:-block (standard cases/)",
              "run the cases' expect: blocks (default cases/)"},
     .man = "Evaluate the cases that have an \\fBexpect:\\fR block (default: \\fBcases\\fR) and "
            "report every expectation that does not hold; ends with the line "
            "\"\\fIN\\fR passed, \\fIN\\fR failed\".",
     .run = cmd_test},
    {.name = "lint", .args = {"", ""}, .needs_rules = true,
     .help = {"kontrollera regeluppsättningen utan ärenden",
              "validate the rule set without any case"},
     .man = "Load and compile the rule set and report every problem with file:line:column: "
            "unknown fields, paths not in the case format, invalid enum values, regular "
            "expressions that do not compile, unknown acts in citations, unresolvable "
            "placeholders, missing languages, unordered validity dates, the retired field "
            "verified (use certainty), contested rules without a certainty_note, invalid "
            "in_force, verified and unverified records in acts.yaml, and pairs of rules "
            "that require opposite things of the same fact without an exception declaration. "
            "Then reject a requirement that can turn false merely because a fact is not "
            "stated (unless the rule declares absence_is_breach), a rule valid from a day on "
            "which none of the statutes it cites was in force, and a date-bound citation "
            "outside its act's in_force; warn about cited provisions that acts.yaml neither "
            "verifies nor explains.",
     .run = cmd_lint},
    {.name = "rules", .args = {"", ""}, .needs_rules = true,
     .help = {"lista reglerna", "list the rules"},
     .man = "List the rules: id, severity, area, basis, validity and citations.",
     .run = cmd_rules},
    {.name = "explain", .args = {"REGEL-ID", "RULE-ID"}, .needs_rules = true,
     .help = {"visa en regel i läsbar form", "show a rule in readable form"},
     .man = "Show a rule in readable form: conditions, severity, basis, validity, citations "
            "with URLs and the message.",
     .run = cmd_explain},
    {.name = "forms", .args = {"", ""}, .needs_rules = true,
     .help = {"samverkansformerna sida vid sida (--format text|markdown|html)",
              "the collaboration forms side by side (--format text|markdown|html)"},
     .man = "The collaboration forms side by side, every cell with its citation. Formats: "
            "\\fBtext\\fR, \\fBmarkdown\\fR, \\fBhtml\\fR.",
     .formats = forms_format_list, .run = cmd_forms},
    {.name = "legal-basis", .args = {"", ""}, .needs_rules = true,
     .help = {"formtabellen och regelkatalogen som Markdown (docs/legal-basis.md)",
              "the forms table and rule catalogue as Markdown (docs/legal-basis.md)"},
     .man = "The forms table and the rule catalogue as Markdown; generates docs/legal-basis.md.",
     .run = cmd_legal_basis},
    {.name = "compare", .args = {"ÄRENDE...", "CASE..."}, .needs_rules = true,
     .help = {"ärendet i varje samverkansform, sida vid sida (--forms a,b)",
              "the case under each collaboration form, side by side (--forms a,b)"},
     .man = "Evaluate each case as if it used each collaboration form (\\fB\\-\\-forms\\fR, default "
            "every form of the forms table), every other fact kept (the LOU exemption the case "
            "relies on is not carried to a form that cannot have it). Prints one column per "
            "form and one row per decisive question (public authority, delegation, LOU, "
            "oversight and documents, the agreement, parties), each cell with its status and "
            "citations, and ranks the forms with one sentence per form. Formats: \\fBtext\\fR, "
            "\\fBmarkdown\\fR, \\fBjson\\fR, \\fBhtml\\fR. See docs/advice.md.",
     .formats = sk_compare_formats, .run = cmd_compare},
    {.name = "ask", .args = {"ÄRENDE...", "CASE..."}, .needs_rules = true,
     .help = {"frågorna vars svar avgör det som är okänt (--interactive [-o FIL])",
              "the questions whose answers decide what is unknown (--interactive [-o FILE])"},
     .man = "List the facts the case leaves unknown that would decide a finding, as questions "
            "(Swedish, or English with \\fB\\-\\-lang en\\fR), those that decide the most rules "
            "first, with the rules that depend on each. Formats: \\fBtext\\fR, \\fBjson\\fR. With "
            "\\fB\\-\\-interactive\\fR, asks them one by one on the terminal and writes the "
            "answered case to \\fB\\-o\\fR \\fIFILE\\fR (default \\fICASE\\fR.answered.yaml, written "
            "atomically; the original is never modified), inserting each answer into the "
            "text so that comments and order stay; answers that make new rules applicable "
            "lead to further questions, until nothing is unknown or the rest is answered "
            "\"vet ej\".",
     .formats = ask_format_list, .run = cmd_ask},
    {.name = "init", .args = {"[FIL]", "[FILE]"}, .needs_rules = true,
     .help = {"skriv ett nytt ärende från en kommenterad mall (--form FORM)",
              "write a new case from a commented template (--form FORM)"},
     .man = "Write a new case for the collaboration form \\fB\\-\\-form\\fR \\fIFORM\\fR to \\fIFILE\\fR "
            "(default standard output): a commented template, Swedish or English with "
            "\\fB\\-\\-lang en\\fR, with every field that the rules which can apply to that form "
            "read, each with its question and the labels of its values. Every value is "
            "\\fBunknown\\fR and every list \\fBunknown\\fR with one entry commented out, so the "
            "template states no fact; fill in what is known and run \\fBcheck\\fR and \\fBask\\fR "
            "on it. An existing \\fIFILE\\fR is not overwritten without \\fB\\-\\-force\\fR. "
            "See docs/init.md.",
     .run = cmd_init},
    {.name = "serve", .args = {"", ""}, .needs_rules = true,
     .help = {"webbappen och JSON-API:t på en lokal server (--listen 127.0.0.1:8080)",
              "the web app and the JSON API on a local server (--listen 127.0.0.1:8080)"},
     .man = "Serve the web app (write a case in a form, see the findings as it is edited, answer "
            "the open questions, compare the forms, save the case as YAML and download the memo) "
            "and the JSON API (\\fB/api/v1/check\\fR, \\fBcompare\\fR, \\fBask\\fR, \\fBanswer\\fR, \\fBedit\\fR, "
            "\\fBcase\\fR, \\fBschema\\fR, \\fBrules\\fR, \\fBforms\\fR, \\fB/healthz\\fR) on "
            "\\fB\\-\\-listen\\fR (default \\fB127.0.0.1:8080\\fR) until interrupted. The address is "
            "printed; open it in a browser, or pass \\fB\\-\\-open\\fR to start one on it. Requests are evaluated in memory and nothing is "
            "stored; the Host and Origin headers are checked, bodies are limited by "
            "\\fB\\-\\-max\\-file\\-size\\fR and the other input limits, and a case may not "
            "name a \\fBtext_file\\fR. See docs/web.md, docs/api.md and docs/security.md.",
     .run = cmd_serve},
    {.name = "schema", .args = {"", ""},
     .help = {"skriv JSON Schema för ärendeformat v1", "print the JSON Schema of case format v1"},
     .man = "Print the JSON Schema (2020-12) of case format v1.",
     .run = cmd_schema},
    {.name = "completion", .args = {"bash|zsh", "bash|zsh"},
     .help = {"skriv ett skript för kommandoradskomplettering", "print a shell completion script"},
     .man = "Print a completion script for \\fBbash\\fR or \\fBzsh\\fR, generated from the "
            "command and option tables. Install it with, for example, "
            "\\fBsamkoll completion bash > /etc/bash_completion.d/samkoll\\fR.",
     .run = cmd_completion},
    {.name = "man", .args = {"", ""}, .hidden = true,
     .help = {"skriv manualsidan (troff)", "print the manual page (troff)"},
     .man = "Print this manual page: in Swedish by default (docs/samkoll.sv.1), in English with \\fB\\-\\-lang en\\fR (docs/samkoll.1).",
     .run = cmd_man},
};
#define NCMDS (sizeof commands / sizeof *commands)

const cli_cmd *cli_cmds(size_t *n)
{
    *n = NCMDS;
    return commands;
}

const cli_cmd *cli_cmd_find(const char *name)
{
    for (size_t i = 0; i < NCMDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

int cli_unknown_command(const cli_opts *o)
{
    const char *names[NCMDS];
    for (size_t i = 0; i < NCMDS; i++)
        names[i] = commands[i].name;
    const char *hint = sk_suggest(o->command, names, NCMDS);
    int en = o->lang == SK_LANG_EN;
    fprintf(stderr, cli_text(T_SAMKOLL_UNKNOWN_COMMAND, en), o->command);
    if (hint)
        fprintf(stderr, cli_text(T_DID_YOU_MEAN, en), hint);
    fputs(cli_text(T_TRY_SAMKOLL_HELP, en), stderr);
    return EXIT_USAGE;
}

int32_t cli_date(const cli_opts *o)
{
    return o->date_given ? o->date : sk_date_today();
}

int cli_check_formats(const cli_opts *o, const char *const *names)
{
    int en = o->lang == SK_LANG_EN;
    for (size_t i = 0; i < o->noutputs; i++) {
        const char *f = o->outputs[i].format;
        size_t n = 0;
        int found = 0;
        for (; names[n]; n++)
            found |= !strcmp(names[n], f);
        if (found)
            continue;
        const char *hint = sk_suggest(f, names, n);
        fprintf(stderr, cli_text(T_SAMKOLL_UNKNOWN_FORMAT, en),
                o->command, f);
        if (hint)
            fprintf(stderr, cli_text(T_DID_YOU_MEAN, en), hint);
        fputs(" (", stderr);
        for (size_t k = 0; k < n; k++)
            fprintf(stderr, "%s%s", k ? ", " : "", names[k]);
        fputs(")\n", stderr);
        return 0;
    }
    return 1;
}

/* "  check SÖKVÄG...   text" with the text wrapped under itself. */
static void help_command(const cli_cmd *c, int en)
{
    char left[64];
    snprintf(left, sizeof left, "%s%s%s", c->name, c->args[en][0] ? " " : "", c->args[en]);
    printf("  %-20s %s\n", left, c->help[en]);
}

static void help_option(const cli_opt *op, int en)
{
    char left[64];
    if (op->short_name)
        snprintf(left, sizeof left, "-%c, --%s%s%s", op->short_name, op->name,
                 op->arg ? " " : "", op->arg ? op->arg : "");
    else
        snprintf(left, sizeof left, "    --%s%s%s", op->name, op->arg ? " " : "", op->arg ? op->arg : "");
    printf("  %-34s %s\n", left, en ? op->en : op->sv);
}

void cli_help(const cli_opts *o)
{
    int en = o->lang == SK_LANG_EN;
    printf(cli_text(T_SAMKOLL_CHECKS_SWEDISH_INTER_MUNICIPAL, en),
           SK_VERSION);
    for (size_t i = 0; i < NCMDS; i++)
        if (!commands[i].hidden)
            help_command(&commands[i], en);
    fputs(cli_text(T_OPTIONS, en), stdout);
    size_t n;
    const cli_opt *ops = cli_options(&n);
    for (size_t i = 0; i < n; i++)
        help_option(&ops[i], en);
    printf("%s", cli_text(T_EXIT_STATUS_0_NOTHING_AT, en));
}
