/* schema.c - the case format v1 field table (see docs/case-format.md). */
#include "schema/schema.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/ui.h"
#include "yaml/value.h"

/* Field constructors: plain, extension, enum, map, list. Each takes the
 * descriptions (sv, en) and, optionally, the question that asks for the
 * field (sv, en; see sk_field_question): F(n, t, sv, en[, q_sv, q_en]). */
#define F(...) F_(__VA_ARGS__, NULL, NULL, 0)
#define F_(n, t, sv, en, qs, qe, ...) {n, t, 0, 0, 0, sizeof n - 1, NULL, NULL, sv, en, qs, qe}
#define FX(...) FX_(__VA_ARGS__, NULL, NULL, 0)
#define FX_(n, t, sv, en, qs, qe, ...) {n, t, 0, 0, 1, sizeof n - 1, NULL, NULL, sv, en, qs, qe}
#define FR(...) FR_(__VA_ARGS__, NULL, NULL, 0)
#define FR_(n, t, sv, en, qs, qe, ...) {n, t, 0, 1, 0, sizeof n - 1, NULL, NULL, sv, en, qs, qe}
#define FE(...) FE_(__VA_ARGS__, NULL, NULL, 0)
#define FE_(n, v, sv, en, qs, qe, ...) {n, SK_F_ENUM, 0, 0, 0, sizeof n - 1, v, NULL, sv, en, qs, qe}
#define FEX(...) FEX_(__VA_ARGS__, NULL, NULL, 0)
#define FEX_(n, v, sv, en, qs, qe, ...) {n, SK_F_ENUM, 0, 0, 1, sizeof n - 1, v, NULL, sv, en, qs, qe}
#define FM(n, s, sv, en) {n, SK_F_MAP, 0, 0, 0, sizeof n - 1, NULL, &s, sv, en, NULL, NULL}
#define FMX(n, s, sv, en) {n, SK_F_MAP, 0, 0, 1, sizeof n - 1, NULL, &s, sv, en, NULL, NULL}
#define FL(...) FL_(__VA_ARGS__, NULL, NULL, 0)
#define FL_(n, s, sv, en, qs, qe, ...) {n, SK_F_LIST, SK_F_MAP, 0, 0, sizeof n - 1, NULL, &s, sv, en, qs, qe}
#define FLS(...) FLS_(__VA_ARGS__, NULL, NULL, 0)
#define FLS_(n, it, v, x, sv, en, qs, qe, ...) {n, SK_F_LIST, it, 0, x, sizeof n - 1, v, NULL, sv, en, qs, qe}
#define SCHEMA(var, name, arr, req) \
    const sk_schema var = {name, arr, sizeof arr / sizeof *arr, req}

const char *const sk_form_values[] = {
    "gemensam_namnd", "kommunalforbund", "avtalssamverkan", "aktiebolag",
    "handelsbolag", "stiftelse", "ekonomisk_forening", "ideell_forening",
    "inkopscentral", "gemensam_upphandling", "natverk", NULL};
_Static_assert(sizeof sk_form_values / sizeof *sk_form_values == SK_NFORMS + 1,
               "SK_NFORMS must be the number of forms in sk_form_values");
const char *const sk_party_type_values[] = {
    "kommun", "region", "kommunalforbund", "bolag", "stat", "privat", "landsting", NULL};
const char *const sk_status_values[] = {
    "pass", "not_applicable", "waived", "unknown", "warn", "fail", "error", NULL};
const char *const sk_values_format_versions[] = {"1", "1.1", NULL};
const char *const sk_values_case_status[] = {"proposed", "existing", "dissolving", NULL};
const char *const sk_values_party_role[] = {"host", "member", "provider", "buyer", "owner", NULL};
const char *const sk_values_adopted_docs[] = {"reglemente", "forbundsordning", "agreement", NULL};
const char *const sk_values_decision_body[] = {"fullmaktige", "styrelse", "namnd", "none", NULL};
/* v1: employee .. company; 1.1 (issue 17): the recipients as the law sees
 * them. The staff of another party is `employee` with that `to_party`. */
const char *const sk_values_deleg_to[] = {
    "employee", "committee_member", "utskott", "namnd", "company",
    "post", "presidium", "employee_group", "network", "steering_group",
    "company_staff", "private_firm_staff", NULL};
const char *const sk_values_organ[] = {"forbundsfullmaktige", "forbundsdirektion", NULL};
const char *const sk_values_ownership[] = {"wholly", "partly", NULL};
const char *const sk_values_fo_contents[] = {
    "name_and_seat", "members", "purpose", "organs", "seats",
    "initiative_right", "announcements", "shares_and_costs",
    "governance_and_insight", "budget_procedure", "auditors",
    "withdrawal_and_dissolution", "disputes", NULL};
const char *const sk_values_exemption[] = {
    "in_house", "horizontal_cooperation", "central_purchasing_body",
    "joint_procurement", "transfer_of_competence", "not_public_contract", "none", NULL};
const char *const sk_values_control_kinds[] = {"sole", "joint", "none", NULL};
const char *const sk_values_activity_bases[] = {"average_3_years", "projection_new_activity", "other", NULL};
const char *const sk_values_ansvarsfrihet[] = {
    "every_member_fullmaktige", "forbundsfullmaktige", "host_only", "not_decided", NULL};

/* The enums by name, for their labels (values.def, values.c). */
static const struct {
    const char *name;
    const char *const *values;
} enums[] = {
    {"form", sk_form_values}, {"party_type", sk_party_type_values},
    {"status", sk_status_values}, {"format", sk_values_format_versions},
    {"case_status", sk_values_case_status}, {"party_role", sk_values_party_role},
    {"adopted", sk_values_adopted_docs}, {"decision_body", sk_values_decision_body},
    {"deleg_to", sk_values_deleg_to}, {"organ", sk_values_organ}, {"ownership", sk_values_ownership},
    {"fo_contents", sk_values_fo_contents}, {"exemption", sk_values_exemption},
    {"control", sk_values_control_kinds}, {"activity_basis", sk_values_activity_bases},
    {"ansvarsfrihet", sk_values_ansvarsfrihet},
};

const char *sk_enum_name(const char *const *values)
{
    for (size_t i = 0; i < sizeof enums / sizeof *enums; i++)
        if (enums[i].values == values)
            return enums[i].name;
    return NULL;
}

const char *const *sk_enum_at(size_t i, const char **name)
{
    if (i >= sizeof enums / sizeof *enums)
        return NULL;
    if (name)
        *name = enums[i].name;
    return enums[i].values;
}

static const sk_field party_fields[] = {
    FR("name", SK_F_TEXT, "partens namn", "the party's name",
      "Vad heter parten?",
      "What is the party's name?"),
    FE("type", sk_party_type_values, "typ av part", "kind of party",
      "Vilken typ av part är det?",
      "What kind of party is it?"),
    FE("role", sk_values_party_role, "partens roll", "the party's role",
      "Vilken roll har parten i samverkan?",
      "What role does the party have in the collaboration?"),
    F("population", SK_F_INT, "antal invånare", "inhabitants",
      "Hur många invånare har parten?",
      "How many inhabitants does the party have?"),
    F("fullmaktige_decision", SK_F_TEXT_OR_BOOL, "fullmäktiges beslut om samverkan", "the party's fullmäktige decision adopting the arrangement",
      "Har partens fullmäktige beslutat om samverkan? Ange beslutet (t.ex. KF 2024-03-18 § 45), eller ja eller nej.",
      "Has the party's council decided on the arrangement? Give the decision (e.g. KF 2024-03-18 § 45), or yes or no."),
    FEX("decision_body", sk_values_decision_body, "högsta organ som beslutat om samverkan", "highest body that decided to enter the arrangement",
      "Vilket är det högsta organ hos parten som har beslutat om samverkan?",
      "Which is the highest body of the party that decided to enter the arrangement?"),
    FLS("adopted", SK_F_ENUM, sk_values_adopted_docs, 1, "dokument som partens fullmäktige har antagit", "documents the party's fullmäktige adopted",
      "Vilka av reglementet, förbundsordningen och samverkansavtalet har partens fullmäktige antagit?",
      "Which of the reglemente, the förbundsordning and the cooperation agreement has the party's council adopted?"),
    FX("country", SK_F_TEXT, "land (ISO-kod) om parten inte är svensk", "country code when the party is not Swedish",
      "I vilket land finns parten, om den inte är svensk (ISO-kod, t.ex. DK)?",
      "In which country is the party, if it is not Swedish (ISO code, e.g. DK)?"),
};
SCHEMA(sk_schema_party, "parties[]", party_fields, 1u /* name */);

static const sk_field task_fields[] = {
    FR("name", SK_F_TEXT, "uppgiftens namn", "the task's name",
      "Vad heter uppgiften?",
      "What is the task called?"),
    F("area", SK_F_TEXT, "verksamhetsområde", "area of activity",
      "Vilket verksamhetsområde gäller uppgiften (t.ex. it-drift, overformyndare, matproduktion)?",
      "Which area of activity is the task (e.g. it-drift, overformyndare, matproduktion)?"),
    F("myndighetsutovning", SK_F_BOOL, "uppgiften innefattar myndighetsutövning", "the task includes exercise of public authority",
      "Innefattar uppgiften myndighetsutövning?",
      "Does the task include exercise of public authority?"),
    F("statutory", SK_F_BOOL, "parterna är skyldiga enligt lag att utföra uppgiften", "the parties are obliged by law to perform it",
      "Är parterna skyldiga enligt lag att utföra uppgiften?",
      "Are the parties obliged by law to perform the task?"),
    F("special_law", SK_F_TEXT, "speciallag som reglerar uppgiften, eller none om ingen speciallag gäller", "special law governing the task, or none when no special law applies",
      "Vilken speciallag reglerar uppgiften (SFS-nummer, t.ex. 2010:900)? Svara none om ingen speciallag gäller.",
      "Which special law governs the task (SFS number, e.g. 2010:900)? Answer none if no special law applies."),
    FX("special_law_permits_transfer", SK_F_BOOL, "speciallagen medger att myndighetsutövningen lämnas över till en juridisk person", "the special law permits handing the public authority to a legal person",
      "Medger speciallagen att myndighetsutövningen lämnas över till ett bolag, en förening eller en stiftelse?",
      "Does the special law permit handing the exercise of public authority to a company, an association or a foundation?"),
    FX("special_law_permits_avtalssamverkan", SK_F_BOOL, "speciallagen hindrar inte att uppgiften utförs genom avtalssamverkan (9 kap. 37 § tredje stycket KL)", "the special law does not prevent performing the task by a cooperation agreement (KL 9:37(3))",
      "Tillåter speciallagen att uppgiften utförs av en annan kommun eller region genom avtalssamverkan, utan avvikande bestämmelser som hindrar det?",
      "Does the special law allow another municipality or region to perform the task by a cooperation agreement, with no deviating provision in the way?"),
    F("support_service", SK_F_BOOL, "stödtjänst (IT, HR, inköp, kost)", "support service (IT, HR, purchasing, catering)",
      "Är uppgiften en stödtjänst (t.ex. IT, HR, inköp, kost)?",
      "Is the task a support service (e.g. IT, HR, purchasing, catering)?"),
    F("part_of_public_service", SK_F_BOOL, "stödtjänsten är en del av den offentliga tjänsten (C-796/18)", "the support service is part of the public service (C-796/18)",
      "Är stödtjänsten en del av den offentliga tjänst som parterna ska tillhandahålla (C-796/18)?",
      "Is the support service part of the public service the parties must provide (C-796/18)?"),
    F("market_activity_percent", SK_F_PERCENT, "andel som utförs på den öppna marknaden", "share performed on the open market",
      "Hur stor andel av uppgiften, i procent, utförs på den öppna marknaden?",
      "What share of the task, in percent, is performed on the open market?"),
    FX("personal_data", SK_F_BOOL, "en part behandlar personuppgifter åt en annan", "one party processes personal data for another",
      "Behandlar en part personuppgifter åt en annan part i uppgiften?",
      "Does one party process personal data for another in this task?"),
    FX("personal_data_controller", SK_F_TEXT, "personuppgiftsansvarig för behandlingen (part, eller nämnden i bodies)", "controller of the processing (a party, or the nämnd in bodies)",
      "Vem är personuppgiftsansvarig för behandlingen i uppgiften (en part, eller den gemensamma nämnden)?",
      "Who is the controller of the processing in this task (a party, or the joint committee)?"),
    FX("personal_data_processor", SK_F_TEXT, "part som behandlar personuppgifterna för den ansvariges räkning (biträde)", "the party that processes the data on the controller's behalf (processor)",
      "Vilken part behandlar personuppgifterna för den personuppgiftsansvariges räkning (personuppgiftsbiträde)?",
      "Which party processes the personal data on the controller's behalf (processor)?"),
    FX("secret_data", SK_F_BOOL, "sekretessbelagda uppgifter utbyts mellan parterna", "data covered by secrecy is exchanged between the parties",
      "Utbyts sekretessbelagda uppgifter mellan parterna i uppgiften?",
      "Is information covered by secrecy exchanged between the parties in this task?"),
    FX("disclosure_basis", SK_F_TEXT, "sekretessbrytande bestämmelse som parterna stöder utlämnandet på, eller none", "the secrecy-breaking provision the parties rely on to disclose, or none",
      "Vilken sekretessbrytande bestämmelse stöder att sekretessbelagda uppgifter lämnas mellan parterna (t.ex. 10 kap. 2 § OSL)? Svara none om ingen åberopas.",
      "Which secrecy-breaking provision supports disclosing secret information between the parties (e.g. OSL 10:2)? Answer none if none is relied on."),
    FX("in_forbundsordning", SK_F_BOOL, "uppgiften följer av förbundsordningens ändamål", "the task follows from the förbundsordning's purpose",
      "Följer uppgiften av förbundsordningens ändamål?",
      "Does the task follow from the purpose stated in the förbundsordning?"),
    FX("stores_records_for_others", SK_F_BOOL, "den utförande parten lagrar andra parters handlingar", "the performing party stores other parties' records",
      "Lagrar den utförande parten andra parters allmänna handlingar (t.ex. i IT-driften)?",
      "Does the performing party store other parties' official records (e.g. in IT operations)?"),
};
SCHEMA(sk_schema_task, "tasks[]", task_fields, 1u /* name */);

static const sk_field deleg_fields[] = {
    F("by", SK_F_TEXT, "delegerande nämnd", "the delegating nämnd",
      "Vilken nämnd delegerar?",
      "Which committee delegates?"),
    F("by_party", SK_F_TEXT, "part som den delegerande nämnden tillhör", "the party the delegating nämnd belongs to",
      "Vilken part tillhör den delegerande nämnden?",
      "Which party does the delegating committee belong to?"),
    FE("to", sk_values_deleg_to, "mottagare", "recipient",
      "Vem tar emot den delegerade beslutanderätten?",
      "Who receives the delegated decision-making?"),
    F("to_party", SK_F_TEXT, "part som mottagaren tillhör", "the party the recipient belongs to",
      "Vilken part tillhör mottagaren?",
      "Which party does the recipient belong to?"),
    F("matters", SK_F_TEXT, "delegerade ärenden", "the matters delegated",
      "Vilka ärenden delegeras?",
      "Which matters are delegated?"),
    FX("task", SK_F_TEXT, "uppgiften (tasks[].name) som ärendena hör till", "the task (tasks[].name) the matters belong to",
      "Vilken uppgift (tasks[].name) hör de delegerade ärendena till?",
      "Which task (tasks[].name) do the delegated matters belong to?"),
    F("myndighetsutovning", SK_F_BOOL, "ärendena innefattar myndighetsutövning", "the matters include exercise of public authority",
      "Innefattar de delegerade ärendena myndighetsutövning?",
      "Do the delegated matters include exercise of public authority?"),
    F("principled", SK_F_BOOL, "ärendena är av principiell beskaffenhet eller annars av större vikt", "the matters are of principle or greater importance",
      "Är ärendena av principiell beskaffenhet eller annars av större vikt?",
      "Are the matters of principle or otherwise of greater importance?"),
    F("goals_or_scope", SK_F_BOOL, "ärendena gäller verksamhetens mål, inriktning, omfattning eller kvalitet", "the matters concern goals, direction, scope or quality",
      "Gäller ärendena verksamhetens mål, inriktning, omfattning eller kvalitet?",
      "Do the matters concern the activity's goals, direction, scope or quality?"),
    F("to_fullmaktige", SK_F_BOOL, "framställningar eller yttranden till fullmäktige", "submissions or statements to fullmäktige",
      "Gäller delegeringen framställningar eller yttranden till fullmäktige?",
      "Does the delegation concern submissions or statements to the council?"),
    F("mixed", SK_F_BOOL, "anställd beslutar tillsammans med förtroendevald (blandad delegering)", "an employee decides jointly with an elected member",
      "Beslutar en anställd tillsammans med en förtroendevald (blandad delegering)?",
      "Does an employee decide jointly with an elected member (mixed delegation)?"),
    F("reported", SK_F_BOOL, "besluten anmäls till den delegerande nämnden", "decisions are reported to the delegating nämnd",
      "Anmäls besluten till den delegerande nämnden?",
      "Are the decisions reported back to the delegating committee?"),
    FX("redelegated", SK_F_BOOL, "mottagaren vidaredelegerar", "the recipient re-delegates",
      "Vidaredelegerar mottagaren beslutanderätten?",
      "Does the recipient re-delegate the decision-making?"),
    FX("to_inkopscentral", SK_F_BOOL, "delegeringen lämnar upphandlingsbeslut till en inköpscentral", "the delegation hands procurement decisions to an inköpscentral",
      "Lämnar delegeringen över upphandlingsbeslut till en inköpscentral?",
      "Does the delegation hand procurement decisions to a central purchasing body?"),
    FX("namnd_decision", SK_F_BOOL, "ett nämndbeslut enligt lag (2009:47) lämnar över upphandlingsbeslutet", "a nämnd decision under Act 2009:47 hands the decision over",
      "Lämnas upphandlingsbeslutet över genom ett nämndbeslut enligt lag (2009:47)?",
      "Is the procurement decision handed over by a committee decision under Act 2009:47?"),
    FX("conflict", SK_F_BOOL, "mottagaren eller en närstående är part eller kan påverkas av beslutet (jäv)", "the recipient or a close relative is a party or may be affected (bias)",
      "Är den som beslutar, eller en närstående, part i ärendena eller kan hen påverkas av besluten?",
      "Is the person deciding, or a close relative, a party to the matters or affected by the decisions?"),
    FX("appeal_statement", SK_F_BOOL, "yttranden med anledning av att nämndens eller fullmäktiges beslut har överklagats", "statements on appeals against decisions of the whole nämnd or fullmäktige",
      "Gäller delegeringen yttranden med anledning av att nämndens eller fullmäktiges beslut har överklagats?",
      "Does the delegation concern statements on appeals against decisions of the whole committee or the council?"),
    FX("medborgarforslag", SK_F_BOOL, "ärenden som väckts genom medborgarförslag och överlämnats till nämnden", "matters raised by a citizens' proposal and handed to the nämnd",
      "Gäller delegeringen ärenden som väckts genom medborgarförslag och överlämnats till nämnden?",
      "Does the delegation concern matters raised by a citizens' proposal and handed to the committee?"),
    FX("concerns_own_employer", SK_F_BOOL, "ärendena rör mottagarens egen arbetsgivare eller dess verksamhet", "the matters concern the recipient's own employer or its activities",
      "Rör de delegerade ärendena mottagarens egen arbetsgivare eller dess verksamhet (t.ex. tillsyn över den utförande kommunens egen verksamhet)?",
      "Do the delegated matters concern the recipient's own employer or its activities (e.g. supervision of the performing municipality's own activity)?"),
    FX("special_law_ban", SK_F_BOOL, "en särskild författning förbjuder delegering av ärendena (6 kap. 38 § 5 KL)", "a special law bans delegating the matters (KL 6:38 p. 5)",
      "Förbjuder en särskild författning att ärendena delegeras (t.ex. 10 kap. 4 § socialtjänstlagen)?",
      "Does a special law ban delegating the matters (e.g. the Social Services Act)?"),
};
SCHEMA(sk_schema_deleg, "delegations[]", deleg_fields, 0);

static const sk_field body_fields[] = {
    F("name", SK_F_TEXT, "organets namn", "the body's name",
      "Vad heter organet?",
      "What is the body called?"),
    FX("party", SK_F_TEXT, "part som organet tillhör", "the party the body belongs to",
      "Vilken part tillhör organet?",
      "Which party does the body belong to?"),
    FLS("operates", SK_F_TEXT, NULL, 0, "verksamheter som organet driver", "activities the body runs",
      "Vilka verksamheter driver organet (områden)?",
      "Which activities does the body run (areas)?"),
    FLS("supervises", SK_F_TEXT, NULL, 0, "verksamheter som organet utövar tillsyn över", "activities the body supervises",
      "Över vilka verksamheter utövar organet tillsyn (områden)?",
      "Which activities does the body supervise (areas)?"),
};
SCHEMA(sk_schema_body, "bodies[]", body_fields, 0);

static const sk_field repr_fields[] = {
    F("party", SK_F_TEXT, "part", "party",
      "Vilken part gäller platserna?",
      "Which party do the seats belong to?"),
    F("ledamoter", SK_F_INT, "antal ledamöter", "number of members",
      "Hur många ledamöter har parten?",
      "How many members does the party have?"),
    F("ersattare", SK_F_INT, "antal ersättare", "number of substitutes",
      "Hur många ersättare har parten?",
      "How many substitutes does the party have?"),
};
SCHEMA(sk_schema_repr, "governance.representation[]", repr_fields, 0);

static const sk_field gov_fields[] = {
    F("host", SK_F_TEXT, "värdkommun eller värdregion", "host party",
      "Vilken part är värd (värdkommun eller värdregion)?",
      "Which party is the host?"),
    F("reglemente", SK_F_BOOL, "reglemente antaget av varje parts fullmäktige", "reglemente adopted by every party's fullmäktige",
      "Har varje parts fullmäktige antagit ett reglemente?",
      "Has every party's council adopted a reglemente (charter)?"),
    F("agreement", SK_F_BOOL, "skriftlig samverkansöverenskommelse", "written cooperation agreement",
      "Finns en skriftlig samverkansöverenskommelse?",
      "Is there a written cooperation agreement?"),
    F("forbundsordning", SK_F_BOOL, "förbundsordning antagen av varje medlems fullmäktige", "förbundsordning adopted by every member's fullmäktige",
      "Har varje medlems fullmäktige antagit förbundsordningen?",
      "Has every member's council adopted the förbundsordning?"),
    FLS("forbundsordning_contents", SK_F_ENUM, sk_values_fo_contents, 0, "obligatoriska punkter som finns i förbundsordningen", "mandatory items present in the förbundsordning",
      "Vilka av de obligatoriska punkterna finns i förbundsordningen?",
      "Which of the mandatory items does the förbundsordning contain?"),
    FE("organ", sk_values_organ, "kommunalförbundets beslutande organ", "the förbund's decision body",
      "Vilket beslutande organ har kommunalförbundet?",
      "Which decision body does the federation have?"),
    FL("representation", sk_schema_repr, "platser per part", "seats per party",
      "Hur många platser har varje part i det beslutande organet?",
      "How many seats does each party hold in the decision body?"),
    F("members_from_fullmaktige", SK_F_BOOL, "ledamöterna väljs bland medlemmarnas fullmäktigeledamöter", "representatives chosen among the members' fullmäktige",
      "Väljs ledamöterna bland medlemmarnas fullmäktigeledamöter?",
      "Are the representatives chosen among the members' council members?"),
    FX("term_years", SK_F_NUM, "mandatperiodens längd i år", "term of office in years",
      "Hur många år är det beslutande organets mandatperiod?",
      "How many years is the decision body's term of office?"),
    FLS("amendment_decisions", SK_F_TEXT, NULL, 1, "parter vars fullmäktige antagit den senaste ändringen", "parties whose fullmäktige adopted the latest amendment",
      "Vilka parters fullmäktige har antagit den senaste ändringen?",
      "Whose councils adopted the latest amendment?"),
    FX("amendment_by_majority", SK_F_BOOL, "förbundsordningen tillåter ändring utan alla medlemmar", "the förbundsordning allows amendment without every member",
      "Tillåter förbundsordningen ändring utan att alla medlemmar beslutar?",
      "Does the förbundsordning allow amendment without every member deciding?"),
    FEX("ownership", sk_values_ownership, "helägt eller delägt", "wholly or partly owned",
      "Är bolaget helägt eller delägt av kommunerna eller regionerna?",
      "Is the company wholly or partly owned by the municipalities or regions?"),
    F("bolagsordning_purpose", SK_F_BOOL, "bolagsordningen anger det kommunala ändamålet", "the articles state the municipal purpose",
      "Anger bolagsordningen det kommunala ändamålet med verksamheten?",
      "Do the articles state the municipal purpose of the activity?"),
    FX("board_by_fullmaktige", SK_F_BOOL, "fullmäktige utser samtliga styrelseledamöter", "fullmäktige appoints all board members",
      "Utser fullmäktige samtliga styrelseledamöter?",
      "Does the council appoint all board members?"),
    F("owner_directive", SK_F_BOOL, "ägardirektiv antaget", "owner directive adopted",
      "Har ägardirektiv antagits?",
      "Has an owner directive been adopted?"),
    F("fullmaktige_position", SK_F_BOOL, "fullmäktige får ta ställning innan principiella beslut fattas", "fullmäktige takes position before decisions of principle",
      "Får fullmäktige ta ställning innan beslut av principiell beskaffenhet eller annars av större vikt fattas?",
      "Does the council take a position before decisions of principle or greater importance are made?"),
    F("lekmannarevisor", SK_F_BOOL, "lekmannarevisor utsedd", "lay auditor appointed",
      "Har en lekmannarevisor utsetts?",
      "Has a lay auditor been appointed?"),
    FX("lekmannarevisor_from_revisorer", SK_F_BOOL, "lekmannarevisorn är vald bland kommunens revisorer", "the lay auditor is chosen among the municipality's auditors",
      "Är lekmannarevisorn vald bland kommunens eller regionens revisorer?",
      "Is the lay auditor chosen among the municipality's or region's auditors?"),
    FX("shared_arkivmyndighet", SK_F_BOOL, "flera parter har utsett en gemensam arkivmyndighet", "several parties designate one shared archive authority",
      "Har flera parter utsett en gemensam arkivmyndighet?",
      "Have several parties designated one shared archive authority?"),
    FX("text", SK_F_TEXT, "text ur reglemente, förbundsordning eller delegationsordning", "wording of governing documents",
      "Vad står i reglementet, förbundsordningen eller delegationsordningen (de delar som gäller samverkan)?",
      "What does the reglemente, förbundsordning or delegation order say (the parts that concern the arrangement)?"),
    FX("text_file", SK_F_PATH, "fil med styrdokumentens text", "file with the governing documents' text"),
};
SCHEMA(sk_schema_gov, "governance", gov_fields, 0);

static const sk_field clause_fields[] = {
    F("termination", SK_F_BOOL, "uppsägning", "termination",
      "Reglerar avtalet uppsägning?",
      "Does the agreement regulate termination?"),
    F("rescission", SK_F_BOOL, "hävning", "rescission",
      "Reglerar avtalet hävning?",
      "Does the agreement regulate rescission?"),
    F("damages", SK_F_BOOL, "skadestånd", "damages",
      "Reglerar avtalet skadestånd?",
      "Does the agreement regulate damages?"),
    F("duration", SK_F_BOOL, "avtalstid", "duration",
      "Anger avtalet avtalstiden?",
      "Does the agreement state its duration?"),
    F("compensation", SK_F_BOOL, "ersättning", "compensation",
      "Reglerar avtalet ersättningen?",
      "Does the agreement regulate compensation?"),
    F("dispute_resolution", SK_F_BOOL, "tvistlösning", "dispute resolution",
      "Reglerar avtalet hur tvister löses?",
      "Does the agreement regulate dispute resolution?"),
    F("personal_data", SK_F_BOOL, "personuppgiftsbiträdesavtal eller gemensamt personuppgiftsansvar", "data processing or joint controller terms",
      "Innehåller avtalet ett personuppgiftsbiträdesavtal eller en reglering av gemensamt personuppgiftsansvar?",
      "Does the agreement contain data processing or joint controller terms?"),
    F("confidentiality", SK_F_BOOL, "sekretess", "confidentiality",
      "Reglerar avtalet sekretess?",
      "Does the agreement regulate confidentiality?"),
    F("archives", SK_F_BOOL, "arkiv", "archives",
      "Reglerar avtalet ansvaret för arkiven?",
      "Does the agreement regulate responsibility for the archives?"),
    F("influence", SK_F_BOOL, "hur varje parts inflytande säkras", "how each party's influence is secured",
      "Anger avtalet hur varje parts inflytande säkras?",
      "Does the agreement state how each party's influence is secured?"),
    FX("technical_storage", SK_F_BOOL, "lagring endast för teknisk bearbetning eller lagring", "storage only for technical processing or storage",
      "Anger avtalet att lagringen bara sker för teknisk bearbetning eller teknisk lagring?",
      "Does the agreement state that storage is only for technical processing or technical storage?"),
    FX("responsibilities", SK_F_BOOL, "varje deltagande myndighets ansvar", "each participating authority's responsibilities",
      "Fastställer avtalet varje deltagande myndighets ansvar?",
      "Does the agreement fix each participating authority's responsibilities?"),
    FX("applicable_law", SK_F_BOOL, "tillämplig nationell lag", "applicable national law",
      "Anger avtalet vilken nationell lag som är tillämplig?",
      "Does the agreement state which national law applies?"),
    FX("external_delegation", SK_F_BOOL, "avtalet föreskriver att anställda hos den andra parten får besluta på partens vägnar (extern delegering)", "the agreement provides for external delegation",
      "Har parterna i avtalet kommit överens om att en anställd hos den andra parten får besluta på partens vägnar?",
      "Have the parties agreed in the agreement that an employee of the other party may decide on the party's behalf?"),
};
SCHEMA(sk_schema_clause, "agreement.clauses", clause_fields, 0);

static const sk_field share_fields[] = {
    F("party", SK_F_TEXT, "part", "party",
      "Vilken part gäller kostnadsandelen?",
      "Which party does the cost share belong to?"),
    F("percent", SK_F_PERCENT, "andel i procent", "share in percent",
      "Hur stor andel av kostnaderna, i procent, bär parten?",
      "What share of the costs, in percent, does the party bear?"),
};
SCHEMA(sk_schema_share, "agreement.cost_allocation.shares[]", share_fields, 0);

static const sk_field cost_fields[] = {
    F("basis", SK_F_TEXT, "fördelningsgrund", "allocation basis",
      "Efter vilken grund fördelas kostnaderna (t.ex. invånarantal)?",
      "On what basis are the costs allocated (e.g. population)?"),
    FL("shares", sk_schema_share, "andelar per part", "shares per party",
      "Hur fördelas kostnaderna mellan parterna (andel per part)?",
      "How are the costs shared between the parties (a share per party)?"),
};
SCHEMA(sk_schema_cost, "agreement.cost_allocation", cost_fields, 0);

static const sk_field agr_fields[] = {
    F("signed", SK_F_BOOL, "avtalet är undertecknat", "the agreement is signed",
      "Är avtalet undertecknat?",
      "Is the agreement signed?"),
    F("duration", SK_F_TEXT, "avtalstid", "term of the agreement",
      "Vilken avtalstid har avtalet?",
      "What is the term of the agreement?"),
    FX("legal_basis", SK_F_TEXT, "lagrum som avtalet anger som grund", "provision the agreement states as its basis",
      "Vilket lagrum anger avtalet som grund (t.ex. 9 kap. 37 § kommunallagen)?",
      "Which provision does the agreement state as its basis (e.g. 9 kap. 37 § kommunallagen)?"),
    FX("compensation_exceeds_cost", SK_F_BOOL, "ersättningen överstiger den utförande partens självkostnad (vinstpåslag)", "the compensation exceeds the performing party's cost (a profit margin)",
      "Överstiger ersättningen den utförande partens självkostnad, dvs. innehåller den ett vinstpåslag?",
      "Does the compensation exceed the performing party's cost, i.e. include a profit margin?"),
    F("text", SK_F_TEXT, "avtalets text", "the agreement text",
      "Vad står i avtalet (de delar som gäller frågan)?",
      "What does the agreement say (the parts that concern the question)?"),
    F("text_file", SK_F_PATH, "fil med avtalets text", "file with the agreement text"),
    FM("clauses", sk_schema_clause, "avtalsklausuler", "agreement clauses"),
    FM("cost_allocation", sk_schema_cost, "kostnadsfördelning", "cost allocation"),
};
SCHEMA(sk_schema_agr, "agreement", agr_fields, 0);

/* Case format 1.1 (issue 17): procurement per relationship. */
static const sk_field relation_fields[] = {
    F("buyer", SK_F_TEXT, "part som köper", "the party that buys",
      "Vilken part köper?",
      "Which party buys?"),
    F("provider", SK_F_TEXT, "part som levererar", "the party that supplies",
      "Vilken part levererar?",
      "Which party supplies?"),
    FE("exemption", sk_values_exemption, "undantag från LOU som åberopas för relationen", "LOU exemption relied on for the relationship",
      "Vilket undantag från LOU åberopas för just detta köp?",
      "Which exemption from LOU is relied on for this purchase?"),
    FE("control", sk_values_control_kinds, "köparens kontroll över leverantören: ensam, gemensam eller ingen", "the buyer's control over the supplier: sole, joint or none",
      "Har köparen ensam kontroll, gemensam kontroll med andra upphandlande myndigheter, eller ingen kontroll över leverantören?",
      "Does the buyer have sole control, joint control with other contracting authorities, or no control over the supplier?"),
    F("value_sek", SK_F_NUM, "värdet i kronor", "the value in SEK",
      "Vilket är köpets värde i kronor (beräknat enligt 5 kap. LOU)?",
      "What is the purchase's value in SEK (computed under LOU chapter 5)?"),
    F("period", SK_F_TEXT, "perioden köpet avser", "the period the purchase covers",
      "Vilken period avser köpet?",
      "Which period does the purchase cover?"),
};
SCHEMA(sk_schema_relation, "procurement.relations[]", relation_fields, 0);

static const sk_field proc_fields[] = {
    F("services_between_parties", SK_F_BOOL, "en part levererar varor eller tjänster till en annan mot ersättning", "one party supplies another for payment",
      "Levererar en part varor eller tjänster till en annan part mot ersättning?",
      "Does one party supply goods or services to another for payment?"),
    FE("exemption", sk_values_exemption, "undantag från LOU som åberopas", "LOU exemption relied on",
      "Vilket undantag från LOU åberopas?",
      "Which exemption from LOU is relied on?"),
    FX("legal_basis", SK_F_TEXT, "upphandlingslag som åberopas", "procurement act relied on",
      "Vilken upphandlingslag åberopas (t.ex. LOU (2016:1145))?",
      "Which procurement act is relied on (e.g. LOU (2016:1145))?"),
    F("private_capital", SK_F_BOOL, "privat kapital i leverantören", "private capital in the supplier",
      "Finns det privat kapital i leverantören?",
      "Is there private capital in the supplier?"),
    F("joint_control", SK_F_BOOL, "de upphandlande myndigheterna har ett avgörande inflytande över leverantören", "the authorities have decisive influence over the supplier",
      "Har de upphandlande myndigheterna ett avgörande inflytande över leverantören?",
      "Do the contracting authorities have decisive influence over the supplier?"),
    F("activity_for_controllers_percent", SK_F_PERCENT, "andel av leverantörens verksamhet som utförs för de kontrollerande myndigheterna", "share of the supplier's activity for its controllers",
      "Hur stor andel av leverantörens verksamhet, i procent, utförs för de kontrollerande myndigheterna?",
      "What share of the supplier's activity, in percent, is carried out for the controlling authorities?"),
    F("market_activity_percent", SK_F_PERCENT, "andel som utförs på den öppna marknaden", "share performed on the open market",
      "Hur stor andel av samarbetets verksamhet, i procent, utförs på den öppna marknaden?",
      "What share of the cooperation's activity, in percent, is performed on the open market?"),
    F("public_interest_only", SK_F_BOOL, "samarbetet styrs endast av hänsyn till allmänintresset", "governed solely by public-interest considerations",
      "Styrs samarbetet endast av hänsyn till allmänintresset?",
      "Is the cooperation governed solely by considerations of public interest?"),
    F("common_objectives", SK_F_BOOL, "de offentliga tjänsterna tillhandahålls för att uppnå gemensamma mål", "services provided to achieve common objectives",
      "Tillhandahålls de offentliga tjänsterna för att uppnå gemensamma mål?",
      "Are the public services provided to achieve common objectives?"),
    FX("all_parties_contribute", SK_F_BOOL, "alla parter bidrar till samarbetet", "every party contributes",
      "Bidrar alla parter till samarbetet?",
      "Does every party contribute to the cooperation?"),
    FX("contracting_authority", SK_F_BOOL, "inköpscentralen är en upphandlande myndighet", "the central purchasing body is a contracting authority",
      "Är inköpscentralen själv en upphandlande myndighet?",
      "Is the central purchasing body itself a contracting authority?"),
    FX("permanent", SK_F_BOOL, "inköpsverksamheten är stadigvarande", "the purchasing activity is permanent",
      "Är inköpsverksamheten stadigvarande?",
      "Is the purchasing activity permanent?"),
    FX("full_transfer", SK_F_BOOL, "uppgifter och ansvar överförs helt (C-51/15)", "tasks and responsibility pass fully (C-51/15)",
      "Överförs uppgifterna och ansvaret helt till det mottagande organet (C-51/15)?",
      "Do the tasks and the responsibility pass fully to the receiving body (C-51/15)?"),
    FX("financial_autonomy", SK_F_BOOL, "det mottagande organet har beslutsmässig och ekonomisk självständighet", "the receiving body has decision-making and financial autonomy",
      "Har det mottagande organet beslutsmässig och ekonomisk självständighet?",
      "Does the receiving body have decision-making and financial autonomy?"),
    FX("all_authorities_named", SK_F_BOOL, "annons eller fullmakt namnger varje deltagande upphandlande myndighet", "notice or mandate names every participating authority",
      "Namnger annonsen eller fullmakten varje deltagande upphandlande myndighet?",
      "Does the notice or mandate name every participating contracting authority?"),
    {"relations", SK_F_LIST, SK_F_MAP, 0, 1, sizeof "relations" - 1, NULL, &sk_schema_relation,
     "köp per relation: vem köper vad av vem, med vilket undantag, kontroll och värde",
     "purchases per relationship: who buys from whom, under which exemption, control and value",
     "Vilka köp sker mellan parterna (köpare, leverantör, undantag, kontroll, värde, period)?",
     "Which purchases take place between the parties (buyer, provider, exemption, control, value, period)?"},
    FLS("named_authorities", SK_F_TEXT, NULL, 1, "upphandlande myndigheter som annonsen eller ramavtalet anger", "contracting authorities the notice or framework agreement names",
      "Vilka upphandlande myndigheter anger annonsen eller ramavtalet?",
      "Which contracting authorities does the notice or framework agreement name?"),
    FEX("activity_basis", sk_values_activity_bases, "grund för andelen verksamhet för de kontrollerande: genomsnitt för tre år, prognos för ny verksamhet, eller annat", "basis of the activity share: three-year average, projection for a new activity, or other",
      "På vilken grund är andelen verksamhet för de kontrollerande myndigheterna beräknad: genomsnittet för de tre senaste åren, en prognos för en ny verksamhet, eller något annat?",
      "On what basis is the share of activity for the controlling authorities computed: the average of the last three years, a projection for a new activity, or something else?"),
    FX("activity_period", SK_F_TEXT, "perioden andelen avser", "the period the share covers",
      "Vilken period avser andelen verksamhet (t.ex. 2021–2023)?",
      "Which period does the activity share cover (e.g. 2021-2023)?"),
    FX("contract_value_sek", SK_F_NUM, "kontraktets värde i kronor, beräknat enligt 5 kap. LOU", "contract value in SEK, computed under LOU chapter 5",
      "Vilket är kontraktets värde i kronor för hela avtalstiden (beräknat enligt 5 kap. LOU)?",
      "What is the contract's value in SEK over its whole term (computed under LOU chapter 5)?"),
    FX("direct_award_limit_sek", SK_F_NUM, "direktupphandlingsgränsen i kronor när avtalet ingicks", "the direct-award limit in SEK when the agreement was made",
      "Vilken direktupphandlingsgräns i kronor gällde när avtalet ingicks?",
      "Which direct-award limit in SEK applied when the agreement was made?"),
    FX("value_reaches_direct_award_limit", SK_F_BOOL, "kontraktets värde uppgår till minst direktupphandlingsgränsen (när beloppen inte anges)", "the contract value is at least the direct-award limit (where the amounts are not stated)",
      "Uppgår kontraktets värde för hela avtalstiden till minst direktupphandlingsgränsen (direktupphandling bara under gränsen, 19 a kap. 2 § LOU)?",
      "Is the contract's value over its whole term at least the direct-award limit (direct award only below it, LOU chapter 19 a section 2)?"),
};
SCHEMA(sk_schema_proc, "procurement", proc_fields, 0);

static const sk_field over_fields[] = {
    F("verksamhetsplan", SK_F_BOOL, "verksamhetsplan antagen för året", "verksamhetsplan adopted for the year",
      "Har en verksamhetsplan antagits för året?",
      "Has a verksamhetsplan (operational plan) been adopted for the year?"),
    F("budget", SK_F_BOOL, "budget antagen för året", "budget adopted for the year",
      "Har en budget antagits för året?",
      "Has a budget been adopted for the year?"),
    FX("budget_parties_consulted", SK_F_BOOL, "parterna har samråtts om budgeten", "the parties were consulted on the budget",
      "Har parterna samråtts om budgeten?",
      "Were the parties consulted on the budget?"),
    F("annual_report", SK_F_BOOL, "årsredovisning, verksamhetsberättelse eller bokslut", "annual report",
      "Finns en årsredovisning, verksamhetsberättelse eller ett bokslut för året?",
      "Is there an annual report, activity report or closing of accounts for the year?"),
    F("meetings_last_year", SK_F_INT, "antal sammanträden under året", "meetings last year",
      "Hur många sammanträden hölls under året?",
      "How many meetings were held during the year?"),
    F("audit_criticism", SK_F_BOOL, "revisorerna har riktat kritik", "the auditors criticised the arrangement",
      "Har revisorerna riktat kritik mot samverkan?",
      "Have the auditors criticised the arrangement?"),
    FX("audit_by_every_party", SK_F_BOOL, "varje parts revisorer granskar", "every party's auditors audit",
      "Granskar varje parts revisorer verksamheten?",
      "Do every party's auditors audit the activity?"),
    FEX("ansvarsfrihet", sk_values_ansvarsfrihet, "vem som beslutar om ansvarsfrihet", "who decides on discharge",
      "Vem beslutar om ansvarsfrihet?",
      "Who decides on discharge from liability?"),
    FX("revisorer_elected", SK_F_BOOL, "revisorer har valts för organet", "auditors have been elected for the body",
      "Har revisorer valts för förbundet (av förbundsfullmäktige eller medlemmarnas fullmäktige)?",
      "Have auditors been elected for the federation (by the federation council or the members' councils)?"),
    F("report_to_fullmaktige", SK_F_BOOL, "styrelsen redovisar avtalssamverkan till fullmäktige årligen", "styrelsen reports yearly to fullmäktige",
      "Redovisar styrelsen varje år avtalssamverkan för fullmäktige?",
      "Does the executive board report the cooperation agreements to the council every year?"),
    F("styrelse_uppsikt", SK_F_BOOL, "styrelsens dokumenterade uppsikt", "documented oversight by styrelsen",
      "Är styrelsens uppsikt över samverkan dokumenterad?",
      "Is the executive board's oversight of the arrangement documented?"),
    FX("annual_company_statement", SK_F_BOOL, "styrelsens årliga prövning av verksamheten (för aktiebolag 6 kap. 9 § KL)",
      "styrelsen's yearly review of the activity (for limited companies KL 6:9)",
      "Prövar styrelsen varje år om verksamheten i bolaget, stiftelsen eller föreningen har varit förenlig med ändamålet och befogenheterna (för aktiebolag 6 kap. 9 § KL)?",
      "Does the executive board review every year whether the company, foundation or association acted within its purpose and powers (for limited companies KL 6:9)?"),
    FLS("dissolution_decisions", SK_F_TEXT, NULL, 0, "parter vars fullmäktige beslutat om upplösning", "parties whose fullmäktige decided on dissolution",
      "Vilka parters fullmäktige har beslutat om upplösningen?",
      "Whose councils have decided on the dissolution?"),
    FX("dissolution_per_agreement", SK_F_BOOL, "upplösningen följer avtalets villkor", "dissolution follows the agreement's terms",
      "Följer upplösningen avtalets villkor?",
      "Does the dissolution follow the agreement's terms?"),
};
SCHEMA(sk_schema_over, "oversight", over_fields, 0);

static const sk_field waiver_fields[] = {
    FR("rule", SK_F_RULE_ID, "regel som undantas", "rule waived"),
    FR("reason", SK_F_TEXT, "skäl", "reason"),
    F("decided_by", SK_F_TEXT, "beslut som godtog risken", "decision accepting the risk"),
    F("until", SK_F_DATE, "undantaget gäller till och med", "the waiver lapses after this date"),
};
SCHEMA(sk_schema_waiver, "waivers[]", waiver_fields, 3u /* rule, reason */);

static const sk_field expect_fields[] = {
    FE("worst", sk_status_values, "förväntad värsta status", "expected worst status"),
    F("findings", SK_F_STATUS_MAP, "förväntad status per regel", "expected status per rule"),
};
SCHEMA(sk_schema_expect, "expect", expect_fields, 0);

static const sk_field other_fields[] = {
    FR("name", SK_F_TEXT, "namn", "name",
      "Vad heter organisationen?",
      "What is the organisation's name?"),
    FE("type", sk_party_type_values, "typ av organisation", "kind of organisation",
      "Vilken typ av organisation är det?",
      "What kind of organisation is it?"),
};
SCHEMA(sk_schema_other, "others[]", other_fields, 1u /* name */);

static const sk_field case_fields[] = {
    FR("case", SK_F_SLUG, "ärendets id", "the case id"),
    F("title", SK_F_TEXT, "rubrik", "title"),
    F("date", SK_F_DATE, "datum som bedömningen avser", "the date the assessment concerns"),
    FX("decided", SK_F_DATE, "beslutsdatum (fullmäktiges antagande eller undertecknandet)",
       "decision date (the council's adoption or the signing)",
       "När beslutades samverkan (fullmäktiges beslut eller undertecknandet)?",
       "When was the arrangement decided (the council's decision or the signing)?"),
    FX("starts", SK_F_DATE, "dag då samverkan började gälla", "the day the arrangement took effect",
       "Från vilken dag gäller samverkan?", "From which day does the arrangement take effect?"),
    FE("status", sk_values_case_status, "samverkans status", "status of the arrangement",
      "Är samverkan föreslagen, befintlig eller under upplösning?",
      "Is the arrangement proposed, existing or being dissolved?"),
    F("source", SK_F_TEXT, "källa (protokoll, diarienummer)", "source (minutes, registration number)"),
    {"form", SK_F_ENUM, 0, 1, 0, sizeof "form" - 1, sk_form_values, NULL, "samverkansform", "collaboration form", NULL, NULL},
    FL("parties", sk_schema_party, "parter", "parties",
      "Vilka parter deltar i samverkan?",
      "Which parties take part in the arrangement?"),
    FL("tasks", sk_schema_task, "uppgifter", "tasks",
      "Vilka uppgifter omfattar samverkan?",
      "Which tasks does the arrangement cover?"),
    FL("delegations", sk_schema_deleg, "delegeringar av beslutanderätt", "delegations of decision-making",
      "Vilka delegeringar av beslutanderätt finns inom samverkan?",
      "Which delegations of decision-making exist within the arrangement?"),
    FL("bodies", sk_schema_body, "politiska organ", "political bodies",
      "Vilka politiska organ driver eller utövar tillsyn över verksamheten?",
      "Which political bodies run or supervise the activities?"),
    FM("governance", sk_schema_gov, "styrning och styrdokument", "governance"),
    FM("agreement", sk_schema_agr, "samverkansavtalet", "the cooperation agreement"),
    FM("procurement", sk_schema_proc, "uppgifter för LOU", "procurement facts"),
    FM("oversight", sk_schema_over, "planering, uppföljning och revision", "planning, reporting and audit"),
    FL("waivers", sk_schema_waiver, "godtagna avvikelser", "accepted findings"),
    FMX("expect", sk_schema_expect, "förväntat utfall för samkoll test", "expected findings for samkoll test"),
    FEX("format", sk_values_format_versions, "ärendeformatets version; 1.1 kontrollerar varje partnamn mot parties och others", "case format version; 1.1 checks every party name against parties and others"),
    {"others", SK_F_LIST, SK_F_MAP, 0, 1, sizeof "others" - 1, NULL, &sk_schema_other,
     "organisationer som ärendet namnger men som inte är parter (förbundet självt, ett bolag, en kommun utanför samverkan)",
     "organisations the case names that are not parties (the federation itself, a company, a municipality outside the arrangement)",
     "Vilka organisationer som inte är parter namnges i ärendet?",
     "Which organisations that are not parties does the case name?"},
};
SCHEMA(sk_case_schema, "case", case_fields, (1u << SK_CF_CASE) | (1u << SK_CF_FORM));
_Static_assert(sizeof case_fields / sizeof *case_fields == SK_CF__COUNT,
               "sk_case_field (schema.h) must list every top-level field");

int sk_schema_find(const sk_schema *s, const char *name)
{
    return sk_schema_find_from(s, name, 0);
}

int sk_schema_find_from(const sk_schema *s, const char *name, size_t from)
{
    if (from >= s->count)
        from = 0;
    for (size_t i = from; i < s->count; i++)
        if (sk_name_eq(s->fields[i].name, name))
            return (int)i;
    for (size_t i = 0; i < from; i++)
        if (sk_name_eq(s->fields[i].name, name))
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
        if (sk_name_eq(values[i], v))
            return (int)i;
    return -1;
}

const char *sk_ftype_desc(sk_ftype t, sk_lang lang)
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

void sk_field_question(const sk_field *f, int lang, sk_buf *b)
{
    const char *q = lang ? f->q_en : f->q_sv;
    if (q)
        sk_buf_puts(b, q);
    else if (f->type == SK_F_BOOL)
        sk_buf_printf(b, sk_ui(UI_IS_IT_SO_THAT, lang == SK_LANG_EN), lang ? f->en : f->sv);
    else
        sk_buf_printf(b, sk_ui(UI_WHAT_IS_U201C_U201D, lang == SK_LANG_EN),
                      lang ? f->en : f->sv);
}
