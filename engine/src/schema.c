/* schema.c - the case format v1 field table (see docs/case-format.md). */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"

/* Field constructors: plain, extension, enum, map, list. */
#define F(n, t, sv, en) {n, t, 0, 0, 0, NULL, NULL, sv, en}
#define FX(n, t, sv, en) {n, t, 0, 0, 1, NULL, NULL, sv, en}
#define FR(n, t, sv, en) {n, t, 0, 1, 0, NULL, NULL, sv, en}
#define FE(n, v, sv, en) {n, SK_F_ENUM, 0, 0, 0, v, NULL, sv, en}
#define FEX(n, v, sv, en) {n, SK_F_ENUM, 0, 0, 1, v, NULL, sv, en}
#define FM(n, s, sv, en) {n, SK_F_MAP, 0, 0, 0, NULL, &s, sv, en}
#define FMX(n, s, sv, en) {n, SK_F_MAP, 0, 0, 1, NULL, &s, sv, en}
#define FL(n, s, sv, en) {n, SK_F_LIST, SK_F_MAP, 0, 0, NULL, &s, sv, en}
#define FLS(n, it, v, x, sv, en) {n, SK_F_LIST, it, 0, x, v, NULL, sv, en}
#define SCHEMA(var, name, arr) \
    const sk_schema var = {name, arr, sizeof arr / sizeof *arr}

const char *const sk_form_values[] = {
    "gemensam_namnd", "kommunalforbund", "avtalssamverkan", "aktiebolag",
    "handelsbolag", "stiftelse", "ekonomisk_forening", "ideell_forening",
    "inkopscentral", "gemensam_upphandling", "natverk", NULL};
const char *const sk_party_type_values[] = {
    "kommun", "region", "kommunalforbund", "bolag", "stat", "privat", NULL};
const char *const sk_status_values[] = {
    "pass", "not_applicable", "waived", "unknown", "warn", "fail", "error", NULL};
static const char *const case_status[] = {"proposed", "existing", "dissolving", NULL};
static const char *const party_role[] = {"host", "member", "provider", "buyer", "owner", NULL};
static const char *const decision_body[] = {"fullmaktige", "styrelse", "namnd", "none", NULL};
static const char *const deleg_to[] = {"employee", "committee_member", "utskott", "namnd", "company", NULL};
static const char *const organ[] = {"forbundsfullmaktige", "forbundsdirektion", NULL};
static const char *const ownership[] = {"wholly", "partly", NULL};
static const char *const fo_contents[] = {
    "name_and_seat", "members", "purpose", "organs", "seats",
    "initiative_right", "announcements", "shares_and_costs",
    "governance_and_insight", "budget_procedure", "auditors",
    "withdrawal_and_dissolution", "disputes", NULL};
static const char *const exemption[] = {
    "in_house", "horizontal_cooperation", "central_purchasing_body",
    "joint_procurement", "transfer_of_competence", "none", NULL};
static const char *const ansvarsfrihet[] = {
    "every_member_fullmaktige", "forbundsfullmaktige", "host_only", "not_decided", NULL};

static const sk_field party_fields[] = {
    FR("name", SK_F_TEXT, "partens namn", "the party's name"),
    FE("type", sk_party_type_values, "typ av part", "kind of party"),
    FE("role", party_role, "partens roll", "the party's role"),
    F("population", SK_F_INT, "antal invånare", "inhabitants"),
    F("fullmaktige_decision", SK_F_TEXT_OR_BOOL, "fullmäktiges beslut om samverkan", "the party's fullmäktige decision adopting the arrangement"),
    FEX("decision_body", decision_body, "högsta organ som beslutat om samverkan", "highest body that decided to enter the arrangement"),
    FX("country", SK_F_TEXT, "land (ISO-kod) om parten inte är svensk", "country code when the party is not Swedish"),
};
SCHEMA(party_schema, "parties[]", party_fields);

static const sk_field task_fields[] = {
    FR("name", SK_F_TEXT, "uppgiftens namn", "the task's name"),
    F("area", SK_F_TEXT, "verksamhetsområde", "area of activity"),
    F("myndighetsutovning", SK_F_BOOL, "uppgiften innefattar myndighetsutövning", "the task includes exercise of public authority"),
    F("statutory", SK_F_BOOL, "parterna är skyldiga enligt lag att utföra uppgiften", "the parties are obliged by law to perform it"),
    F("special_law", SK_F_TEXT, "speciallag som reglerar uppgiften", "special law governing the task"),
    FX("special_law_permits_transfer", SK_F_BOOL, "speciallagen medger att myndighetsutövningen lämnas över till en juridisk person", "the special law permits handing the public authority to a legal person"),
    F("support_service", SK_F_BOOL, "stödtjänst (IT, HR, inköp, kost)", "support service (IT, HR, purchasing, catering)"),
    F("part_of_public_service", SK_F_BOOL, "stödtjänsten är en del av den offentliga tjänsten (C-796/18)", "the support service is part of the public service (C-796/18)"),
    F("market_activity_percent", SK_F_PERCENT, "andel som utförs på den öppna marknaden", "share performed on the open market"),
    FX("personal_data", SK_F_BOOL, "en part behandlar personuppgifter åt en annan", "one party processes personal data for another"),
    FX("secret_data", SK_F_BOOL, "sekretessbelagda uppgifter utbyts mellan parterna", "data covered by secrecy is exchanged between the parties"),
    FX("in_forbundsordning", SK_F_BOOL, "uppgiften följer av förbundsordningens ändamål", "the task follows from the förbundsordning's purpose"),
    FX("stores_records_for_others", SK_F_BOOL, "den utförande parten lagrar andra parters handlingar", "the performing party stores other parties' records"),
};
SCHEMA(task_schema, "tasks[]", task_fields);

static const sk_field deleg_fields[] = {
    F("by", SK_F_TEXT, "delegerande nämnd", "the delegating nämnd"),
    F("by_party", SK_F_TEXT, "part som den delegerande nämnden tillhör", "the party the delegating nämnd belongs to"),
    FE("to", deleg_to, "mottagare", "recipient"),
    F("to_party", SK_F_TEXT, "part som mottagaren tillhör", "the party the recipient belongs to"),
    F("matters", SK_F_TEXT, "delegerade ärenden", "the matters delegated"),
    FX("task", SK_F_TEXT, "uppgiften (tasks[].name) som ärendena hör till", "the task (tasks[].name) the matters belong to"),
    F("myndighetsutovning", SK_F_BOOL, "ärendena innefattar myndighetsutövning", "the matters include exercise of public authority"),
    F("principled", SK_F_BOOL, "ärendena är av principiell beskaffenhet eller annars av större vikt", "the matters are of principle or greater importance"),
    F("goals_or_scope", SK_F_BOOL, "ärendena gäller verksamhetens mål, inriktning, omfattning eller kvalitet", "the matters concern goals, direction, scope or quality"),
    F("to_fullmaktige", SK_F_BOOL, "framställningar eller yttranden till fullmäktige", "submissions or statements to fullmäktige"),
    F("mixed", SK_F_BOOL, "anställd beslutar tillsammans med förtroendevald (blandad delegering)", "an employee decides jointly with an elected member"),
    F("reported", SK_F_BOOL, "besluten anmäls till den delegerande nämnden", "decisions are reported to the delegating nämnd"),
    FX("redelegated", SK_F_BOOL, "mottagaren vidaredelegerar", "the recipient re-delegates"),
    FX("to_inkopscentral", SK_F_BOOL, "delegeringen lämnar upphandlingsbeslut till en inköpscentral", "the delegation hands procurement decisions to an inköpscentral"),
    FX("namnd_decision", SK_F_BOOL, "ett nämndbeslut enligt lag (2009:47) lämnar över upphandlingsbeslutet", "a nämnd decision under Act 2009:47 hands the decision over"),
};
SCHEMA(deleg_schema, "delegations[]", deleg_fields);

static const sk_field body_fields[] = {
    F("name", SK_F_TEXT, "organets namn", "the body's name"),
    FX("party", SK_F_TEXT, "part som organet tillhör", "the party the body belongs to"),
    FLS("operates", SK_F_TEXT, NULL, 0, "verksamheter som organet driver", "activities the body runs"),
    FLS("supervises", SK_F_TEXT, NULL, 0, "verksamheter som organet utövar tillsyn över", "activities the body supervises"),
};
SCHEMA(body_schema, "bodies[]", body_fields);

static const sk_field repr_fields[] = {
    F("party", SK_F_TEXT, "part", "party"),
    F("ledamoter", SK_F_INT, "antal ledamöter", "number of members"),
    F("ersattare", SK_F_INT, "antal ersättare", "number of substitutes"),
};
SCHEMA(repr_schema, "governance.representation[]", repr_fields);

static const sk_field gov_fields[] = {
    F("host", SK_F_TEXT, "värdkommun eller värdregion", "host party"),
    F("reglemente", SK_F_BOOL, "reglemente antaget av varje parts fullmäktige", "reglemente adopted by every party's fullmäktige"),
    F("agreement", SK_F_BOOL, "skriftlig samverkansöverenskommelse", "written cooperation agreement"),
    F("forbundsordning", SK_F_BOOL, "förbundsordning antagen av varje medlems fullmäktige", "förbundsordning adopted by every member's fullmäktige"),
    FLS("forbundsordning_contents", SK_F_ENUM, fo_contents, 0, "obligatoriska punkter som finns i förbundsordningen", "mandatory items present in the förbundsordning"),
    FE("organ", organ, "kommunalförbundets beslutande organ", "the förbund's decision body"),
    FL("representation", repr_schema, "platser per part", "seats per party"),
    F("members_from_fullmaktige", SK_F_BOOL, "ledamöterna väljs bland medlemmarnas fullmäktigeledamöter", "representatives chosen among the members' fullmäktige"),
    FX("term_years", SK_F_NUM, "mandatperiodens längd i år", "term of office in years"),
    FLS("amendment_decisions", SK_F_TEXT, NULL, 1, "parter vars fullmäktige antagit den senaste ändringen", "parties whose fullmäktige adopted the latest amendment"),
    FX("amendment_by_majority", SK_F_BOOL, "förbundsordningen tillåter ändring utan alla medlemmar", "the förbundsordning allows amendment without every member"),
    FEX("ownership", ownership, "helägt eller delägt", "wholly or partly owned"),
    F("bolagsordning_purpose", SK_F_BOOL, "bolagsordningen anger det kommunala ändamålet", "the articles state the municipal purpose"),
    FX("board_by_fullmaktige", SK_F_BOOL, "fullmäktige utser samtliga styrelseledamöter", "fullmäktige appoints all board members"),
    F("owner_directive", SK_F_BOOL, "ägardirektiv antaget", "owner directive adopted"),
    F("fullmaktige_position", SK_F_BOOL, "fullmäktige får ta ställning innan principiella beslut fattas", "fullmäktige takes position before decisions of principle"),
    F("lekmannarevisor", SK_F_BOOL, "lekmannarevisor utsedd", "lay auditor appointed"),
    FX("shared_arkivmyndighet", SK_F_BOOL, "flera parter har utsett en gemensam arkivmyndighet", "several parties designate one shared archive authority"),
    FX("text", SK_F_TEXT, "text ur reglemente, förbundsordning eller delegationsordning", "wording of governing documents"),
    FX("text_file", SK_F_PATH, "fil med styrdokumentens text", "file with the governing documents' text"),
};
SCHEMA(gov_schema, "governance", gov_fields);

static const sk_field clause_fields[] = {
    F("termination", SK_F_BOOL, "uppsägning", "termination"),
    F("rescission", SK_F_BOOL, "hävning", "rescission"),
    F("damages", SK_F_BOOL, "skadestånd", "damages"),
    F("duration", SK_F_BOOL, "avtalstid", "duration"),
    F("compensation", SK_F_BOOL, "ersättning", "compensation"),
    F("dispute_resolution", SK_F_BOOL, "tvistlösning", "dispute resolution"),
    F("personal_data", SK_F_BOOL, "personuppgiftsbiträdesavtal eller gemensamt personuppgiftsansvar", "data processing or joint controller terms"),
    F("confidentiality", SK_F_BOOL, "sekretess", "confidentiality"),
    F("archives", SK_F_BOOL, "arkiv", "archives"),
    F("influence", SK_F_BOOL, "hur varje parts inflytande säkras", "how each party's influence is secured"),
    FX("technical_storage", SK_F_BOOL, "lagring endast för teknisk bearbetning eller lagring", "storage only for technical processing or storage"),
    FX("responsibilities", SK_F_BOOL, "varje deltagande myndighets ansvar", "each participating authority's responsibilities"),
    FX("applicable_law", SK_F_BOOL, "tillämplig nationell lag", "applicable national law"),
};
SCHEMA(clause_schema, "agreement.clauses", clause_fields);

static const sk_field share_fields[] = {
    F("party", SK_F_TEXT, "part", "party"),
    F("percent", SK_F_PERCENT, "andel i procent", "share in percent"),
};
SCHEMA(share_schema, "agreement.cost_allocation.shares[]", share_fields);

static const sk_field cost_fields[] = {
    F("basis", SK_F_TEXT, "fördelningsgrund", "allocation basis"),
    FL("shares", share_schema, "andelar per part", "shares per party"),
};
SCHEMA(cost_schema, "agreement.cost_allocation", cost_fields);

static const sk_field agr_fields[] = {
    F("signed", SK_F_BOOL, "avtalet är undertecknat", "the agreement is signed"),
    F("duration", SK_F_TEXT, "avtalstid", "term of the agreement"),
    FX("legal_basis", SK_F_TEXT, "lagrum som avtalet anger som grund", "provision the agreement states as its basis"),
    F("text", SK_F_TEXT, "avtalets text", "the agreement text"),
    F("text_file", SK_F_PATH, "fil med avtalets text", "file with the agreement text"),
    FM("clauses", clause_schema, "avtalsklausuler", "agreement clauses"),
    FM("cost_allocation", cost_schema, "kostnadsfördelning", "cost allocation"),
};
SCHEMA(agr_schema, "agreement", agr_fields);

static const sk_field proc_fields[] = {
    F("services_between_parties", SK_F_BOOL, "en part levererar varor eller tjänster till en annan mot ersättning", "one party supplies another for payment"),
    FE("exemption", exemption, "undantag från LOU som åberopas", "LOU exemption relied on"),
    FX("legal_basis", SK_F_TEXT, "upphandlingslag som åberopas", "procurement act relied on"),
    F("private_capital", SK_F_BOOL, "privat kapital i leverantören", "private capital in the supplier"),
    F("joint_control", SK_F_BOOL, "de upphandlande myndigheterna har ett avgörande inflytande över leverantören", "the authorities have decisive influence over the supplier"),
    F("activity_for_controllers_percent", SK_F_PERCENT, "andel av leverantörens verksamhet som utförs för de kontrollerande myndigheterna", "share of the supplier's activity for its controllers"),
    F("market_activity_percent", SK_F_PERCENT, "andel som utförs på den öppna marknaden", "share performed on the open market"),
    F("public_interest_only", SK_F_BOOL, "samarbetet styrs endast av hänsyn till allmänintresset", "governed solely by public-interest considerations"),
    F("common_objectives", SK_F_BOOL, "de offentliga tjänsterna tillhandahålls för att uppnå gemensamma mål", "services provided to achieve common objectives"),
    FX("all_parties_contribute", SK_F_BOOL, "alla parter bidrar till samarbetet", "every party contributes"),
    FX("contracting_authority", SK_F_BOOL, "inköpscentralen är en upphandlande myndighet", "the central purchasing body is a contracting authority"),
    FX("permanent", SK_F_BOOL, "inköpsverksamheten är stadigvarande", "the purchasing activity is permanent"),
    FX("full_transfer", SK_F_BOOL, "uppgifter och ansvar överförs helt (C-51/15)", "tasks and responsibility pass fully (C-51/15)"),
    FX("financial_autonomy", SK_F_BOOL, "det mottagande organet har beslutsmässig och ekonomisk självständighet", "the receiving body has decision-making and financial autonomy"),
    FX("all_authorities_named", SK_F_BOOL, "annons eller fullmakt namnger varje deltagande upphandlande myndighet", "notice or mandate names every participating authority"),
};
SCHEMA(proc_schema, "procurement", proc_fields);

static const sk_field over_fields[] = {
    F("verksamhetsplan", SK_F_BOOL, "verksamhetsplan antagen för året", "verksamhetsplan adopted for the year"),
    F("budget", SK_F_BOOL, "budget antagen för året", "budget adopted for the year"),
    FX("budget_parties_consulted", SK_F_BOOL, "parterna har samråtts om budgeten", "the parties were consulted on the budget"),
    F("annual_report", SK_F_BOOL, "årsredovisning, verksamhetsberättelse eller bokslut", "annual report"),
    F("meetings_last_year", SK_F_INT, "antal sammanträden under året", "meetings last year"),
    F("audit_criticism", SK_F_BOOL, "revisorerna har riktat kritik", "the auditors criticised the arrangement"),
    FX("audit_by_every_party", SK_F_BOOL, "varje parts revisorer granskar", "every party's auditors audit"),
    FEX("ansvarsfrihet", ansvarsfrihet, "vem som beslutar om ansvarsfrihet", "who decides on discharge"),
    F("report_to_fullmaktige", SK_F_BOOL, "styrelsen redovisar avtalssamverkan till fullmäktige årligen", "styrelsen reports yearly to fullmäktige"),
    F("styrelse_uppsikt", SK_F_BOOL, "styrelsens dokumenterade uppsikt", "documented oversight by styrelsen"),
    FX("annual_company_statement", SK_F_BOOL, "styrelsens årliga beslut om bolaget (6 kap. 9 § KL)", "styrelsen's yearly decision on the company"),
    FLS("dissolution_decisions", SK_F_TEXT, NULL, 0, "parter vars fullmäktige beslutat om upplösning", "parties whose fullmäktige decided on dissolution"),
    FX("dissolution_per_agreement", SK_F_BOOL, "upplösningen följer avtalets villkor", "dissolution follows the agreement's terms"),
};
SCHEMA(over_schema, "oversight", over_fields);

static const sk_field waiver_fields[] = {
    FR("rule", SK_F_RULE_ID, "regel som undantas", "rule waived"),
    FR("reason", SK_F_TEXT, "skäl", "reason"),
    F("decided_by", SK_F_TEXT, "beslut som godtog risken", "decision accepting the risk"),
    F("until", SK_F_DATE, "undantaget gäller till och med", "the waiver lapses after this date"),
};
SCHEMA(waiver_schema, "waivers[]", waiver_fields);

static const sk_field expect_fields[] = {
    FE("worst", sk_status_values, "förväntad värsta status", "expected worst status"),
    F("findings", SK_F_STATUS_MAP, "förväntad status per regel", "expected status per rule"),
};
SCHEMA(expect_schema, "expect", expect_fields);

static const sk_field case_fields[] = {
    FR("case", SK_F_SLUG, "ärendets id", "the case id"),
    F("title", SK_F_TEXT, "rubrik", "title"),
    F("date", SK_F_DATE, "datum som bedömningen avser", "the date the assessment concerns"),
    FE("status", case_status, "samverkans status", "status of the arrangement"),
    F("source", SK_F_TEXT, "källa (protokoll, diarienummer)", "source (minutes, registration number)"),
    {"form", SK_F_ENUM, 0, 1, 0, sk_form_values, NULL, "samverkansform", "collaboration form"},
    FL("parties", party_schema, "parter", "parties"),
    FL("tasks", task_schema, "uppgifter", "tasks"),
    FL("delegations", deleg_schema, "delegeringar av beslutanderätt", "delegations of decision-making"),
    FL("bodies", body_schema, "politiska organ", "political bodies"),
    FM("governance", gov_schema, "styrning och styrdokument", "governance"),
    FM("agreement", agr_schema, "samverkansavtalet", "the cooperation agreement"),
    FM("procurement", proc_schema, "uppgifter för LOU", "procurement facts"),
    FM("oversight", over_schema, "planering, uppföljning och revision", "planning, reporting and audit"),
    FL("waivers", waiver_schema, "godtagna avvikelser", "accepted findings"),
    FMX("expect", expect_schema, "förväntat utfall för samkoll test", "expected findings for samkoll test"),
};
SCHEMA(sk_case_schema, "case", case_fields);

int sk_schema_find(const sk_schema *s, const char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

size_t sk_values_count(const char *const *values)
{
    size_t n = 0;
    while (values && values[n])
        n++;
    return n;
}

int sk_values_find(const char *const *values, const char *v)
{
    for (size_t i = 0; values && values[i]; i++)
        if (strcmp(values[i], v) == 0)
            return (int)i;
    return -1;
}

const char *sk_ftype_desc(sk_ftype t, int lang)
{
    static const char *const d[][2] = {
        [SK_F_TEXT] = {"en text", "a text"},
        [SK_F_SLUG] = {"ett id ([a-z0-9][a-z0-9._-]*)", "an id ([a-z0-9][a-z0-9._-]*)"},
        [SK_F_BOOL] = {"ett sanningsvärde (true/false/ja/nej)", "a boolean (true/false/ja/nej)"},
        [SK_F_INT] = {"ett heltal", "an integer"},
        [SK_F_NUM] = {"ett tal", "a number"},
        [SK_F_PERCENT] = {"en procentsats (0-100)", "a percentage (0-100)"},
        [SK_F_DATE] = {"ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"},
        [SK_F_ENUM] = {"ett av de tillåtna värdena", "one of the allowed values"},
        [SK_F_TEXT_OR_BOOL] = {"en text eller ett sanningsvärde", "a text or a boolean"},
        [SK_F_PATH] = {"en filsökväg", "a file path"},
        [SK_F_RULE_ID] = {"ett regel-id (område.namn)", "a rule id (area.name)"},
        [SK_F_MAP] = {"en mapp", "a mapping"},
        [SK_F_LIST] = {"en lista", "a list"},
        [SK_F_STATUS_MAP] = {"en mapp från regel-id till status", "a mapping from rule id to status"},
    };
    return d[t][lang ? 1 : 0];
}

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

static void json_enum(sk_buf *b, const char *const *values)
{
    sk_buf_puts(b, "\"enum\": [");
    for (size_t i = 0; values[i]; i++) {
        if (i)
            sk_buf_puts(b, ", ");
        json_str(b, values[i]);
    }
    sk_buf_puts(b, ", \"unknown\", null]");
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
    default:
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
