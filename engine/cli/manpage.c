/* manpage.c - `samkoll man`: the manual page (troff), its SYNOPSIS,
 * COMMANDS and OPTIONS generated from the command and option tables;
 * docs/samkoll.1 is this output (a test keeps it so). */
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "commands.h"
#include "texts.h"

static const char head_en[] =
    ".TH SAMKOLL 1 \"" SK_VERSION "\" \"samkoll " SK_VERSION "\" \"User Commands\"\n"
    ".SH NAME\n"
    "samkoll \\- check Swedish inter-municipal collaboration against the law\n";

static const char description_en[] =
    ".SH DESCRIPTION\n"
    ".B samkoll\n"
    "reads case files (YAML, case format v1) describing collaboration between\n"
    "Swedish municipalities and regions (gemensam nämnd, kommunalförbund,\n"
    "avtalssamverkan, jointly owned companies, inköpscentraler, networks) and\n"
    "evaluates a declarative rule set against them. Each rule gives\n"
    ".BR pass ,\n.BR warn ,\n.BR fail ,\n.B unknown\n"
    "(a fact the rule needs is not stated; the finding names it),\n"
    ".B not_applicable\nor\n.BR error ,\n"
    "with citations of the law and the positions of the facts used.\n"
    "Messages are in Swedish unless \\fB\\-\\-lang en\\fR is given.\n";

static const char tail_en[] =
    ".SH EXIT STATUS\n"
    ".TP\n.B 0\nNothing at or above \\fB\\-\\-fail\\-on\\fR.\n"
    ".TP\n.B 1\nFindings at or above \\fB\\-\\-fail\\-on\\fR; for \\fBtest\\fR, an expectation did not\n"
    "hold or coverage is incomplete.\n"
    ".TP\n.B 2\nSome input could not be read or validated (all other cases were checked).\n"
    ".TP\n.B 64\nUsage error, including an option given to a command it does not apply to.\n"
    ".TP\n.B 70\nInternal error (out of memory).\n"
    ".TP\n.B 74\nThe report could not be written.\n"
    ".SH ENVIRONMENT\n"
    ".TP\n.B NO_COLOR\nDisables colour in text output.\n"
    ".SH FILES\n"
    ".TP\n.I .samkoll.yaml\n"
    "Settings for a case library, read from the working directory or the nearest parent\n"
    "that has one (or \\fB\\-\\-config\\fR \\fIFILE\\fR; none with \\fB\\-\\-no\\-config\\fR). Keys:\n"
    "\\fBrules\\fR (a directory, relative to the file), \\fBdate\\fR, \\fBlang\\fR, \\fBfail_on\\fR,\n"
    "\\fBformats\\fR (a list of \\fIFORMAT\\fR[\\fB=\\fR\\fIFILE\\fR] for \\fBcheck\\fR), \\fBassessor\\fR and\n"
    "\\fBexclude\\fR (a list of fnmatch(3) patterns for files found in directories).\n"
    "Options given on the command line win. An unknown key or a bad value is an\n"
    "error naming file:line:column (exit status 64).\n"
    ".TP\n.I share/samkoll/rules\nThe installed rule set (the binary embeds the same rules).\n"
    ".SH EXAMPLES\n"
    "Check one case, in Swedish, and a whole library as JSON Lines for CI:\n"
    ".PP\n.nf\n"
    "samkoll check cases/real/jamtland-krokom-matproduktion.yaml\n"
    "samkoll check --format jsonl \\-j 2 cases/ > findings.jsonl\n"
    ".fi\n.PP\n"
    "Write a memo for the committee and a SARIF file in one run:\n"
    ".PP\n.nf\n"
    "samkoll check \\-\\-format html=memo.html \\-\\-format sarif=samkoll.sarif case.yaml\n"
    ".fi\n.PP\n"
    "Compare forms for a case, and answer its open questions on the terminal:\n"
    ".PP\n.nf\n"
    "samkoll compare \\-\\-forms gemensam_namnd,avtalssamverkan case.yaml\n"
    "samkoll ask \\-\\-interactive \\-o case.answered.yaml case.yaml\n"
    ".fi\n.PP\n"
    "Run the library's expectations with rule coverage, and install completion:\n"
    ".PP\n.nf\n"
    "samkoll test \\-\\-coverage cases\n"
    "samkoll completion bash > ~/.local/share/bash-completion/completions/samkoll\n"
    ".fi\n"
    ".SH SEE ALSO\n"
    "docs/cases.md, docs/case-format.md, docs/rule-language.md, docs/output-json.md,\n"
    "docs/reports.md, docs/advice.md, docs/architecture.md\n"
    ".SH BUGS\n"
    "Report them to the samkoll developers.\n";

static const char head_sv[] =
    ".TH SAMKOLL 1 \"" SK_VERSION "\" \"samkoll " SK_VERSION "\" \"Användarkommandon\"\n"
    ".SH NAMN\n"
    "samkoll \\- granskar mellankommunal samverkan mot lagen\n";

static const char description_sv[] =
    ".SH BESKRIVNING\n"
    ".B samkoll\n"
    "läser ärendefiler (YAML, ärendeformat v1) som beskriver samverkan mellan\n"
    "kommuner och regioner (gemensam nämnd, kommunalförbund, avtalssamverkan,\n"
    "gemensamt ägda bolag, inköpscentraler, nätverk) och prövar en deklarativ\n"
    "regeluppsättning mot dem. Varje regel ger\n"
    ".BR pass ,\n.BR warn ,\n.BR fail ,\n.B unknown\n"
    "(en uppgift som regeln behöver saknas i ärendet; utfallet namnger den),\n"
    ".B not_applicable\neller\n.BR error ,\n"
    "med hänvisningar till lagen och var i ärendet uppgifterna står.\n"
    "Meddelanden är på svenska om inte \\fB\\-\\-lang en\\fR anges.\n";

static const char tail_sv[] =
    ".SH SLUTSTATUS\n"
    ".TP\n.B 0\nIngenting på eller över \\fB\\-\\-fail\\-on\\fR.\n"
    ".TP\n.B 1\nUtfall på eller över \\fB\\-\\-fail\\-on\\fR; för \\fBtest\\fR: ett förväntat utfall\n"
    "stämde inte, eller täckningen är ofullständig.\n"
    ".TP\n.B 2\nNågon indata kunde inte läsas eller valideras (alla andra ärenden granskades).\n"
    ".TP\n.B 64\nFelaktigt kommando, också en flagga som inte gäller för kommandot.\n"
    ".TP\n.B 70\nInternt fel (slut på minne).\n"
    ".TP\n.B 74\nRapporten kunde inte skrivas.\n"
    ".SH MILJÖ\n"
    ".TP\n.B NO_COLOR\nStänger av färg i textutdata.\n"
    ".SH FILER\n"
    ".TP\n.I .samkoll.yaml\n"
    "Inställningar för ett ärendebibliotek, från arbetskatalogen eller närmaste\n"
    "överliggande katalog som har en (eller \\fB\\-\\-config\\fR \\fIFIL\\fR; ingen med\n"
    "\\fB\\-\\-no\\-config\\fR). Nycklar: \\fBrules\\fR, \\fBdate\\fR, \\fBlang\\fR, \\fBfail_on\\fR,\n"
    "\\fBformats\\fR, \\fBassessor\\fR och \\fBexclude\\fR. Flaggor på kommandoraden gäller\n"
    "före filen. En okänd nyckel eller ett felaktigt värde är ett fel med\n"
    "fil:rad:kolumn (slutstatus 64).\n"
    ".TP\n.I share/samkoll/rules\nDen installerade regeluppsättningen (programmet bär samma regler inbyggda).\n"
    ".SH EXEMPEL\n"
    "Granska ett ärende, och ett helt bibliotek som JSON Lines för CI:\n"
    ".PP\n.nf\n"
    "samkoll check cases/real/jamtland-krokom-matproduktion.yaml\n"
    "samkoll check \\-\\-format jsonl \\-j 2 cases/ > utfall.jsonl\n"
    ".fi\n.PP\n"
    "En promemoria till nämnden och en SARIF-fil i samma körning:\n"
    ".PP\n.nf\n"
    "samkoll check \\-\\-format html=pm.html \\-\\-format sarif=samkoll.sarif \\-\\-assessor \"Eva Jurist\" arende.yaml\n"
    ".fi\n.PP\n"
    "Jämför samverkansformer, och besvara ärendets öppna frågor i terminalen:\n"
    ".PP\n.nf\n"
    "samkoll compare \\-\\-forms gemensam_namnd,avtalssamverkan arende.yaml\n"
    "samkoll ask \\-\\-interactive \\-o arende.besvarat.yaml arende.yaml\n"
    ".fi\n"
    ".SH SE ÄVEN\n"
    "docs/cases.md, docs/case-format.md, docs/rule-language.md, docs/reports.md,\n"
    "docs/advice.md, docs/architecture.md\n";

/* An argument list ("PATH...", "[PATH...]") with its words in italics. */
static void man_args(FILE *f, const char *args)
{
    for (const char *p = args; *p; p++) {
        if (*p == '[' || *p == ']' || *p == '|' || *p == ' ' || *p == '.') {
            fputc(*p, f);
            continue;
        }
        size_t n = strcspn(p, "[]| .");
        fprintf(f, "\\fI%.*s\\fR", (int)n, p);
        p += n - 1;
    }
}

/* An option name with its "-" written as troff's \- */
static void man_dashes(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

/* The page's fixed parts by language: [0] Swedish, [1] English. */
static const char *const man_head[2] = {head_sv, head_en};
static const char *const man_description[2] = {description_sv, description_en};
static const char *const man_tail[2] = {tail_sv, tail_en};

static void synopsis(FILE *f, const cli_cmd *c, size_t n, int en)
{
    fputs(cli_text(T_MAN_SYNOPSIS, en), f);
    for (size_t i = 0, k = 0; i < n; i++) {
        if (c[i].hidden)
            continue;
        fprintf(f, "%s.B samkoll %s\n", k++ ? ".br\n" : "", c[i].name);
        fputs(cli_text(T_MAN_OPTIONS_ARG, en), f);
        if (c[i].args[en][0]) {
            fputc(' ', f);
            man_args(f, c[i].args[en]);
        }
        fputc('\n', f);
    }
}

static void commands(FILE *f, const cli_cmd *c, size_t n, int en)
{
    fputs(cli_text(T_MAN_COMMANDS, en), f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, ".TP\n.B %s", c[i].name);
        if (c[i].args[en][0]) {
            fputs(" \\fR", f);
            man_args(f, c[i].args[en]);
        }
        fprintf(f, "\n%s\n", en ? c[i].man : c[i].help[0]);
    }
}

static void options(FILE *f, int en)
{
    size_t n;
    const cli_opt *op = cli_options(&n);
    fputs(cli_text(T_MAN_OPTIONS, en), f);
    for (size_t i = 0; i < n; i++) {
        fputs(".TP\n.B ", f);
        if (op[i].short_name)
            fprintf(f, "\\-%c, ", op[i].short_name);
        fputs("\\-\\-", f);
        man_dashes(f, op[i].name);
        if (op[i].arg) {
            fputs(" \\fI", f);
            man_dashes(f, op[i].arg);
            fputs("\\fR", f);
        }
        if (en)
            fprintf(f, "\n%s", op[i].man ? op[i].man : op[i].en);
        else
            fprintf(f, "\n%c%s.", op[i].sv[0] >= 'a' && op[i].sv[0] <= 'z' ? op[i].sv[0] - 32 : op[i].sv[0],
                    op[i].sv + 1);
        if (op[i].cmds) {
            fputs(cli_text(T_MAN_APPLIES_TO, en), f);
            const char *p = op[i].cmds;
            while (*p) {
                size_t w = strcspn(p, " ");
                fprintf(f, "\\fB%.*s\\fR%s", (int)w, p, p[w] ? ", " : ".");
                p += w + (p[w] ? 1 : 0);
            }
        }
        fputc('\n', f);
    }
}

/* Swedish by default (docs/samkoll.sv.1); --lang en gives docs/samkoll.1. */
int cmd_man(const cli_opts *o, const sk_ruleset *rs)
{
    (void)rs;
    int en = o->lang == SK_LANG_EN;
    size_t n;
    const cli_cmd *c = cli_cmds(&n);
    fputs(man_head[en], stdout);
    synopsis(stdout, c, n, en);
    fputs(man_description[en], stdout);
    commands(stdout, c, n, en);
    options(stdout, en);
    fputs(man_tail[en], stdout);
    return EXIT_CLEAN;
}
