/* gencorpus.c - deterministic, seeded generator of samkoll benchmark cases.
 *
 *   gencorpus [-s SEED] [-n N] [-d DIR] [-S STREAMFILE] [-e ERRPCT] [-f]
 *
 * Writes N case files of case format v1 to DIR/000/case-000000.yaml,
 * DIR/000/case-000001.yaml, ... (1000 files per subdirectory), and/or the
 * same N cases, in the same order and byte for byte, as ONE multi-document
 * stream STREAMFILE (the concatenation of the files; every file starts with
 * "---"). Case i depends only on (SEED, i), so the first 1,000 cases of a
 * 100,000-case corpus are the 1,000-case corpus, and the same seed always
 * gives byte-identical output (no clock, no locale, no libc rand()).
 *
 * Variety: all 11 forms (weighted towards the common ones), 2-9 parties
 * drawn from the real municipalities of one län (sometimes with its
 * region), 1-4 tasks, 0-3 delegations, form-specific governance, optional
 * agreement with 1-3 KB of Swedish agreement text (about 40 % of the
 * cases), facts left out at random. Mean file size is about 2 KB.
 *
 * -e ERRPCT turns about ERRPCT % of the cases into input errors (misspelt
 * key or form, wrong value type, YAML that breaks off); the other cases are
 * byte-identical to those without -e. -f writes the files flat, all in DIR
 * (DIR/case-0000000.yaml, ...), instead of 1000 per subdirectory.
 *
 * Plain C17, no dependencies: cc -O2 -o gencorpus gencorpus.c
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---------------------------------------------------------------- rng */

typedef struct { uint64_t s; } rng;

static uint64_t next64(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in [0, n) */
static unsigned rnd(rng *r, unsigned n)
{
    return n ? (unsigned)((next64(r) >> 11) % n) : 0;
}

/* integer in [lo, hi] */
static int between(rng *r, int lo, int hi)
{
    return lo + (int)rnd(r, (unsigned)(hi - lo + 1));
}

/* true with probability pct/100 */
static int chance(rng *r, unsigned pct)
{
    return rnd(r, 100) < pct;
}

static unsigned weighted(rng *r, const unsigned *w, unsigned n)
{
    unsigned total = 0;
    for (unsigned i = 0; i < n; i++)
        total += w[i];
    unsigned x = rnd(r, total);
    for (unsigned i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[rnd((r), COUNT(a))])

/* ------------------------------------------------------------- buffer */

typedef struct { char *p; size_t len, cap; } sbuf;

static void sb_reserve(sbuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fprintf(stderr, "gencorpus: out of memory\n");
        exit(70);
    }
    b->p = p;
    b->cap = cap;
}

static void sb_put(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    sb_reserve(b, n);
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ---------------------------------------------------------------- data */

/* The 21 län: region name, a short name for invented bodies, and the
 * municipalities (official names). Gotland is a municipality with regional
 * responsibility and appears as the region only. */
typedef struct {
    const char *region;
    const char *lan;        /* genitive, for invented body names */
    const char *const *m;
    unsigned n;
} county;

static const char *const m_ab[] = {
    "Botkyrka kommun", "Danderyds kommun", "Ekerö kommun", "Haninge kommun", "Huddinge kommun",
    "Järfälla kommun", "Lidingö stad", "Nacka kommun", "Norrtälje kommun", "Nykvarns kommun",
    "Nynäshamns kommun", "Salems kommun", "Sigtuna kommun", "Sollentuna kommun", "Solna stad",
    "Stockholms stad", "Sundbybergs stad", "Södertälje kommun", "Tyresö kommun", "Täby kommun",
    "Upplands Väsby kommun", "Upplands-Bro kommun", "Vallentuna kommun", "Vaxholms stad",
    "Värmdö kommun", "Österåkers kommun"};
static const char *const m_c[] = {
    "Enköpings kommun", "Heby kommun", "Håbo kommun", "Knivsta kommun", "Tierps kommun",
    "Uppsala kommun", "Älvkarleby kommun", "Östhammars kommun"};
static const char *const m_d[] = {
    "Eskilstuna kommun", "Flens kommun", "Gnesta kommun", "Katrineholms kommun", "Nyköpings kommun",
    "Oxelösunds kommun", "Strängnäs kommun", "Trosa kommun", "Vingåkers kommun"};
static const char *const m_e[] = {
    "Boxholms kommun", "Finspångs kommun", "Kinda kommun", "Linköpings kommun", "Mjölby kommun",
    "Motala kommun", "Norrköpings kommun", "Söderköpings kommun", "Vadstena kommun",
    "Valdemarsviks kommun", "Ydre kommun", "Åtvidabergs kommun", "Ödeshögs kommun"};
static const char *const m_f[] = {
    "Aneby kommun", "Eksjö kommun", "Gislaveds kommun", "Gnosjö kommun", "Habo kommun",
    "Jönköpings kommun", "Mullsjö kommun", "Nässjö kommun", "Sävsjö kommun", "Tranås kommun",
    "Vaggeryds kommun", "Vetlanda kommun", "Värnamo kommun"};
static const char *const m_g[] = {
    "Alvesta kommun", "Lessebo kommun", "Ljungby kommun", "Markaryds kommun", "Tingsryds kommun",
    "Uppvidinge kommun", "Växjö kommun", "Älmhults kommun"};
static const char *const m_h[] = {
    "Borgholms kommun", "Emmaboda kommun", "Hultsfreds kommun", "Högsby kommun", "Kalmar kommun",
    "Mönsterås kommun", "Mörbylånga kommun", "Nybro kommun", "Oskarshamns kommun",
    "Torsås kommun", "Vimmerby kommun", "Västerviks kommun"};
static const char *const m_i[] = {"Region Gotland"};
static const char *const m_k[] = {
    "Karlshamns kommun", "Karlskrona kommun", "Olofströms kommun", "Ronneby kommun",
    "Sölvesborgs kommun"};
static const char *const m_m[] = {
    "Bjuvs kommun", "Bromölla kommun", "Burlövs kommun", "Båstads kommun", "Eslövs kommun",
    "Helsingborgs stad", "Hässleholms kommun", "Höganäs kommun", "Hörby kommun", "Höörs kommun",
    "Klippans kommun", "Kristianstads kommun", "Kävlinge kommun", "Landskrona stad",
    "Lomma kommun", "Lunds kommun", "Malmö stad", "Osby kommun", "Perstorps kommun",
    "Simrishamns kommun", "Sjöbo kommun", "Skurups kommun", "Staffanstorps kommun",
    "Svalövs kommun", "Svedala kommun", "Tomelilla kommun", "Trelleborgs kommun",
    "Vellinge kommun", "Ystads kommun", "Åstorps kommun", "Ängelholms kommun",
    "Örkelljunga kommun", "Östra Göinge kommun"};
static const char *const m_n[] = {
    "Falkenbergs kommun", "Halmstads kommun", "Hylte kommun", "Kungsbacka kommun",
    "Laholms kommun", "Varbergs kommun"};
static const char *const m_o[] = {
    "Ale kommun", "Alingsås kommun", "Bengtsfors kommun", "Bollebygds kommun", "Borås stad",
    "Dals-Eds kommun", "Essunga kommun", "Falköpings kommun", "Färgelanda kommun",
    "Grästorps kommun", "Gullspångs kommun", "Göteborgs stad", "Götene kommun",
    "Herrljunga kommun", "Hjo kommun", "Härryda kommun", "Karlsborgs kommun", "Kungälvs kommun",
    "Lerums kommun", "Lidköpings kommun", "Lilla Edets kommun", "Lysekils kommun",
    "Mariestads kommun", "Marks kommun", "Melleruds kommun", "Munkedals kommun",
    "Mölndals stad", "Orusts kommun", "Partille kommun", "Skara kommun", "Skövde kommun",
    "Sotenäs kommun", "Stenungsunds kommun", "Strömstads kommun", "Svenljunga kommun",
    "Tanums kommun", "Tibro kommun", "Tidaholms kommun", "Tjörns kommun", "Tranemo kommun",
    "Trollhättans stad", "Töreboda kommun", "Uddevalla kommun", "Ulricehamns kommun",
    "Vara kommun", "Vårgårda kommun", "Vänersborgs kommun", "Åmåls kommun", "Öckerö kommun"};
static const char *const m_s[] = {
    "Arvika kommun", "Eda kommun", "Filipstads kommun", "Forshaga kommun", "Grums kommun",
    "Hagfors kommun", "Hammarö kommun", "Karlstads kommun", "Kils kommun",
    "Kristinehamns kommun", "Munkfors kommun", "Storfors kommun", "Sunne kommun",
    "Säffle kommun", "Torsby kommun", "Årjängs kommun"};
static const char *const m_t[] = {
    "Askersunds kommun", "Degerfors kommun", "Hallsbergs kommun", "Hällefors kommun",
    "Karlskoga kommun", "Kumla kommun", "Laxå kommun", "Lekebergs kommun",
    "Lindesbergs kommun", "Ljusnarsbergs kommun", "Nora kommun", "Örebro kommun"};
static const char *const m_u[] = {
    "Arboga kommun", "Fagersta kommun", "Hallstahammars kommun", "Kungsörs kommun",
    "Köpings kommun", "Norbergs kommun", "Sala kommun", "Skinnskattebergs kommun",
    "Surahammars kommun", "Västerås stad"};
static const char *const m_w[] = {
    "Avesta kommun", "Borlänge kommun", "Falu kommun", "Gagnefs kommun", "Hedemora kommun",
    "Leksands kommun", "Ludvika kommun", "Malung-Sälens kommun", "Mora kommun", "Orsa kommun",
    "Rättviks kommun", "Smedjebackens kommun", "Säters kommun", "Vansbro kommun",
    "Älvdalens kommun"};
static const char *const m_x[] = {
    "Bollnäs kommun", "Gävle kommun", "Hofors kommun", "Hudiksvalls kommun", "Ljusdals kommun",
    "Nordanstigs kommun", "Ockelbo kommun", "Ovanåkers kommun", "Sandvikens kommun",
    "Söderhamns kommun"};
static const char *const m_y[] = {
    "Härnösands kommun", "Kramfors kommun", "Sollefteå kommun", "Sundsvalls kommun",
    "Timrå kommun", "Ånge kommun", "Örnsköldsviks kommun"};
static const char *const m_z[] = {
    "Bergs kommun", "Bräcke kommun", "Härjedalens kommun", "Krokoms kommun", "Ragunda kommun",
    "Strömsunds kommun", "Åre kommun", "Östersunds kommun"};
static const char *const m_ac[] = {
    "Bjurholms kommun", "Dorotea kommun", "Lycksele kommun", "Malå kommun",
    "Nordmalings kommun", "Norsjö kommun", "Robertsfors kommun", "Skellefteå kommun",
    "Sorsele kommun", "Storumans kommun", "Umeå kommun", "Vilhelmina kommun",
    "Vindelns kommun", "Vännäs kommun", "Åsele kommun"};
static const char *const m_bd[] = {
    "Arjeplogs kommun", "Arvidsjaurs kommun", "Bodens kommun", "Gällivare kommun",
    "Haparanda stad", "Jokkmokks kommun", "Kalix kommun", "Kiruna kommun", "Luleå kommun",
    "Pajala kommun", "Piteå kommun", "Älvsbyns kommun", "Överkalix kommun",
    "Övertorneå kommun"};

#define C(reg, lan, arr) {reg, lan, arr, COUNT(arr)}
static const county counties[] = {
    C("Region Stockholm", "Stockholms läns", m_ab),
    C("Region Uppsala", "Uppsala läns", m_c),
    C("Region Sörmland", "Sörmlands", m_d),
    C("Region Östergötland", "Östergötlands", m_e),
    C("Region Jönköpings län", "Jönköpings läns", m_f),
    C("Region Kronoberg", "Kronobergs", m_g),
    C("Region Kalmar län", "Kalmar läns", m_h),
    C("Region Gotland", "Gotlands", m_i),
    C("Region Blekinge", "Blekinge", m_k),
    C("Region Skåne", "Skånes", m_m),
    C("Region Halland", "Hallands", m_n),
    C("Västra Götalandsregionen", "Västra Götalands", m_o),
    C("Region Värmland", "Värmlands", m_s),
    C("Region Örebro län", "Örebro läns", m_t),
    C("Region Västmanland", "Västmanlands", m_u),
    C("Region Dalarna", "Dalarnas", m_w),
    C("Region Gävleborg", "Gävleborgs", m_x),
    C("Region Västernorrland", "Västernorrlands", m_y),
    C("Region Jämtland Härjedalen", "Jämtlands", m_z),
    C("Region Västerbotten", "Västerbottens", m_ac),
    C("Region Norrbotten", "Norrbottens", m_bd),
};
#undef C
/* weights roughly by number of municipalities, Gotland rarely (alone) */
static const unsigned county_w[] = {26, 8, 9, 13, 13, 8, 12, 1, 5, 33, 6, 49, 16, 12, 10, 15, 10, 7, 8, 15, 14};

enum form {
    F_GN, F_KF, F_AVTAL, F_AB, F_HB, F_STIFT, F_EKF, F_IDF, F_IC, F_GU, F_NAT, F_COUNT
};
static const char *const form_name[F_COUNT] = {
    "gemensam_namnd", "kommunalforbund", "avtalssamverkan", "aktiebolag", "handelsbolag",
    "stiftelse", "ekonomisk_forening", "ideell_forening", "inkopscentral",
    "gemensam_upphandling", "natverk"};
static const char *const form_label[F_COUNT] = {
    "gemensam nämnd", "kommunalförbund", "avtalssamverkan", "gemensamt ägt aktiebolag",
    "handelsbolag", "stiftelse", "ekonomisk förening", "ideell förening", "inköpscentral",
    "samordnad upphandling", "nätverk"};
static const char *const form_slug[F_COUNT] = {
    "gn", "kf", "avtal", "ab", "hb", "stiftelse", "ekf", "idf", "ic", "gu", "natverk"};
static const unsigned form_w[F_COUNT] = {18, 15, 25, 10, 2, 2, 3, 3, 6, 8, 8};

typedef struct {
    const char *name;
    const char *area;
    const char *body;        /* the nämnd usually responsible */
    const char *special_law; /* NULL: none */
    signed char mu;          /* myndighetsutövning: 1, 0 */
    signed char statutory;
    signed char support;
} task;

static const task tasks[] = {
    {"Överförmyndarverksamhet", "overformyndare", "Överförmyndarnämnden", "1949:381", 1, 1, 0},
    {"Tillsyn enligt miljöbalken och hälsoskydd", "miljo-halsoskydd", "Miljö- och byggnämnden", "1998:808", 1, 1, 0},
    {"Offentlig livsmedelskontroll", "livsmedelskontroll", "Miljö- och byggnämnden", "2006:804", 1, 1, 0},
    {"Räddningstjänst enligt lagen om skydd mot olyckor", "raddningstjanst", "Räddningsnämnden", "2003:778", 1, 1, 0},
    {"Tillsyn enligt lagen om brandfarliga och explosiva varor", "raddningstjanst", "Räddningsnämnden", "2010:1011", 1, 1, 0},
    {"Bygglov och byggnadsnämndens tillsyn", "bygglov", "Byggnadsnämnden", "2010:900", 1, 1, 0},
    {"Tillsyn enligt alkohollagen och lagen om tobak och liknande produkter", "alkohol-tobak-tillsyn", "Socialnämnden", "2010:1622", 1, 1, 0},
    {"Familjerätt", "familjeratt", "Socialnämnden", "2001:453", 1, 1, 0},
    {"Färdtjänst och riksfärdtjänst", "fardtjanst", "Tekniska nämnden", "1997:736", 1, 1, 0},
    {"Handläggning av bostadsanpassningsbidrag", "bostadsanpassning", "Socialnämnden", "2018:222", 1, 1, 0},
    {"Gemensam IT-drift och servicedesk", "it-drift", "Kommunstyrelsen", NULL, 0, 0, 1},
    {"Löneadministration och lönecentrum", "lon", "Kommunstyrelsen", NULL, 0, 0, 1},
    {"Gemensam upphandlingsfunktion", "upphandling", "Kommunstyrelsen", NULL, 0, 0, 1},
    {"Måltidsproduktion för skola och äldreomsorg", "matproduktion", "Kost- och servicenämnden", NULL, 0, 0, 1},
    {"Gemensamt e-arkiv", "arkiv", "Kommunstyrelsen", NULL, 0, 1, 1},
    {"Växel och kontaktcenter", "kontaktcenter", "Kommunstyrelsen", NULL, 0, 0, 1},
    {"Dataskyddsombud", "dataskydd", "Kommunstyrelsen", NULL, 0, 1, 1},
    {"Vuxenutbildning", "vuxenutbildning", "Barn- och utbildningsnämnden", "2010:800", 0, 1, 0},
    {"Insamling och behandling av hushållsavfall", "avfall", "Tekniska nämnden", "1998:808", 0, 1, 0},
    {"Allmänna vattentjänster", "va", "Tekniska nämnden", "2006:412", 0, 1, 0},
    {"Turism och näringslivsfrämjande", "naringsliv", "Kommunstyrelsen", NULL, 0, 0, 0},
    {"Bredbandsutbyggnad på landsbygden", "bredband", "Kommunstyrelsen", NULL, 0, 0, 0},
    {"Konsumentvägledning", "konsumentvagledning", "Kommunstyrelsen", NULL, 0, 0, 0},
    {"Budget- och skuldrådgivning", "skuldradgivning", "Socialnämnden", "2001:453", 0, 1, 0},
    {"Hjälpmedelsverksamhet", "hjalpmedel", "Hjälpmedelsnämnden", NULL, 0, 0, 0},
    {"Kulturskola", "kultur", "Kultur- och fritidsnämnden", NULL, 0, 0, 0},
    {"Lantmäteriverksamhet och kartförsörjning", "lantmateri", "Miljö- och byggnämnden", "1970:988", 1, 0, 0},
    {"Energi- och klimatrådgivning", "energiradgivning", "Kommunstyrelsen", NULL, 0, 0, 0},
};

static const char *const matters[] = {
    "Beslut om föreläggande och förbud i tillsynsärenden",
    "Beslut om avgift för prövning och tillsyn",
    "Beslut om tillstånd och dispens",
    "Beslut i ärenden om ställföreträdarskap",
    "Beslut om bidrag enligt gällande regler",
    "Tilldelningsbeslut i upphandlingar under tröskelvärdet",
    "Beslut om avskrivning av ärenden",
    "Yttranden till myndigheter i ärenden av rutinkaraktär",
    "Beslut om arvode till ställföreträdare",
    "Attest och utanordning inom budget",
    "Beslut om verksamhetens mål och inriktning",
    "Beslut om anställning av personal i verksamheten",
};

static const char *const clause_keys[] = {
    "termination", "rescission", "damages", "duration", "compensation", "dispute_resolution",
    "personal_data", "confidentiality", "archives", "influence", "technical_storage",
    "responsibilities", "applicable_law"};

static const char *const fo_items[] = {
    "name_and_seat", "members", "purpose", "organs", "seats", "initiative_right",
    "announcements", "shares_and_costs", "governance_and_insight", "budget_procedure",
    "auditors", "withdrawal_and_dissolution", "disputes"};

static const char *const waiver_rules[] = {
    "avtal.styrelse-uppsikt", "avtal.agreement-essentials.damages",
    "avtal.agreement-essentials.dispute-resolution", "cost.shares-total", "gn.budget-procedure",
    "kf.term-of-office", "arkiv.responsibility", "osl.secrecy-and-confidentiality",
    "natverk.binding-commitments", "lou.joint-procurement.identification",
    "bolag.annual-statement", "gn.representation-ersattare"};

/* Agreement sentences. %A and %B: parties, %T: task (lower case first
 * letter), %Y / %Z: years, %N: number of parties, %K: an amount. */
static const char *const sentences[] = {
    "%A utför %T åt %B enligt detta avtal och de bilagor som hör till det.",
    "Parterna är överens om att samarbetet ska bedrivas i enlighet med kommunallagens likställighetsprincip och med god ekonomisk hushållning.",
    "Ansvaret för myndighetsutövningen ligger kvar hos respektive parts ansvariga nämnd.",
    "Avtalet gäller från och med den 1 januari %Y till och med den 31 december %Z och förlängs därefter med två år i taget om det inte sägs upp senast tolv månader före avtalstidens utgång.",
    "Uppsägning ska ske skriftligen och vara undertecknad av behörig företrädare för parten.",
    "Om en part väsentligen bryter mot sina åtaganden enligt avtalet och inte vidtar rättelse inom trettio dagar efter skriftlig anmaning får den andra parten häva avtalet med omedelbar verkan.",
    "Ersättningen beräknas enligt självkostnadsprincipen och faktureras kvartalsvis i efterskott.",
    "Kostnaderna fördelas mellan parterna efter antalet invånare den 1 november året före verksamhetsåret.",
    "Tvist om tolkning eller tillämpning av avtalet ska i första hand lösas genom förhandling mellan parterna och i andra hand avgöras av allmän domstol.",
    "Den utförande parten är personuppgiftsbiträde för den anlitande parten, och ett personuppgiftsbiträdesavtal ska tecknas enligt artikel 28 i dataskyddsförordningen.",
    "Parterna ska iaktta den sekretess som följer av offentlighets- och sekretesslagen (2009:400).",
    "Handlingar som upprättas eller kommer in i verksamheten ska arkiveras hos den part som ansvarar för ärendet enligt arkivlagen (1990:782).",
    "En styrgrupp med en representant från varje part följer upp verksamheten två gånger per år.",
    "Verksamheten ska redovisas i en årlig rapport till parternas kommunstyrelser senast den 31 mars året efter verksamhetsåret.",
    "Ändringar och tillägg till avtalet ska vara skriftliga och undertecknade av samtliga parter för att vara giltiga.",
    "Part får inte överlåta sina rättigheter eller skyldigheter enligt avtalet utan de övriga parternas skriftliga medgivande.",
    "Avtalet har upprättats i %N likalydande exemplar av vilka parterna tagit var sitt.",
    "Vid force majeure är part befriad från påföljd för underlåtenhet att fullgöra viss förpliktelse enligt avtalet.",
    "Den utförande parten ansvarar för att personalen har den kompetens som krävs för uppgiften.",
    "Beslut som fattas med stöd av delegation ska återrapporteras till den delegerande nämnden vid nästkommande sammanträde.",
    "Parterna ska samråda inför större förändringar av verksamhetens inriktning, omfattning eller kvalitet.",
    "Ingen part ska genom samverkan göra vinst på bekostnad av någon annan part.",
    "Ersättningen för år %Y uppgår till %K kronor och räknas därefter upp med omkostnadsindex för kommunal verksamhet.",
    "Avtalet ska godkännas av respektive parts kommunfullmäktige för att bli giltigt.",
    "Samverkan syftar till att säkra kompetensförsörjningen, minska sårbarheten och ge invånarna en likvärdig service oavsett var de bor.",
    "Den utförande parten lagrar handlingar för de andra parternas räkning endast som ett led i teknisk bearbetning eller teknisk lagring.",
    "Parterna ska årligen pröva om samverkan fortfarande är ändamålsenlig och redovisa prövningen för respektive kommunstyrelse.",
    "Avtalet grundar sig på 9 kap. 37 § kommunallagen (2017:725).",
    "Varje part svarar för sina egna kostnader för deltagande i styrgruppen.",
    "Den utförande parten ska ha ett ledningssystem för systematiskt kvalitetsarbete.",
    "Avvikelser ska rapporteras till den anlitande parten utan dröjsmål.",
    "Parterna ska informera varandra om förhållanden som kan påverka samverkan.",
};

/* Rare sentences that make the regex rules fire. */
static const char *const rare_sentences[] = {
    "Ansvaret för %T övergår till %A från och med avtalets ikraftträdande.",
    "Samverkan sker med stöd av 3 kap. 17 § kommunallagen (1991:900).",
    "Avtalet omfattar även landstingets del av verksamheten.",
    "Tillsynen överlämnas med stöd av 26 kap. 7 § miljöbalken.",
    "Ledamot som har ett intresse i saken som innebär synnerlig nytta eller skada för honom eller henne är jävig.",
    "%B blir ny huvudman för verksamheten.",
};

/* ---------------------------------------------------------- generator */

typedef struct {
    const char *name;
    const char *type;
    int population;
} party;

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static void rand_date(rng *r, int y0, int y1, char out[16])
{
    int y = between(r, y0, y1), m = between(r, 1, 12), d = between(r, 1, days_in(y, m));
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static const char *bool_s(rng *r, unsigned pct_true)
{
    return chance(r, pct_true) ? "true" : "false";
}

/* Appends text with the placeholders of the sentence tables filled. */
static void fill(sbuf *b, const char *s, const party *p, int np, const task *t, int year, rng *r)
{
    for (; *s; s++) {
        if (*s != '%') {
            sb_reserve(b, 1);
            b->p[b->len++] = *s;
            b->p[b->len] = '\0';
            continue;
        }
        switch (*++s) {
        case 'A': sb_put(b, p[0].name); break;
        case 'B': sb_put(b, p[np > 1 ? 1 : 0].name); break;
        case 'T': {
            /* lower-case the first letter if ASCII upper case, or Ö/Å/Ä */
            const char *n = t->name;
            if (n[0] >= 'A' && n[0] <= 'Z') {
                sb_printf(b, "%c%s", n[0] - 'A' + 'a', n + 1);
            } else if ((unsigned char)n[0] == 0xC3 && (unsigned char)n[1] >= 0x80 &&
                       (unsigned char)n[1] <= 0x9E) {
                sb_printf(b, "%c%c%s", 0xC3, (unsigned char)n[1] + 0x20, n + 2);
            } else {
                sb_put(b, n);
            }
            break;
        }
        case 'Y': sb_printf(b, "%d", year); break;
        case 'Z': sb_printf(b, "%d", year + between(r, 2, 5)); break;
        case 'N': sb_printf(b, "%d", np); break;
        case 'K': {
            /* one draw per statement: the order in which arguments are
             * evaluated is unspecified, and compilers differ */
            int th = between(r, 120, 4800);
            int un = between(r, 0, 999);
            sb_printf(b, "%d %03d", th, un);
            break;
        }
        default: sb_put(b, "%"); break;
        }
    }
}

/* Writes a folded block scalar: `key: >-` then words wrapped at 78
 * columns, indented. */
static void folded(sbuf *out, const char *indent, const char *key, const char *text)
{
    sb_printf(out, "%s%s: >-\n", indent, key);
    size_t ind = strlen(indent) + 2, col = 0;
    const char *w = text;
    while (*w) {
        while (*w == ' ')
            w++;
        if (!*w)
            break;
        const char *e = w;
        while (*e && *e != ' ')
            e++;
        size_t wl = (size_t)(e - w);
        if (col == 0) {
            sb_printf(out, "%s  ", indent);
            col = ind;
        } else if (col + 1 + wl > 78) {
            sb_printf(out, "\n%s  ", indent);
            col = ind;
        } else {
            sb_put(out, " ");
            col++;
        }
        sb_reserve(out, wl);
        memcpy(out->p + out->len, w, wl);
        out->len += wl;
        out->p[out->len] = '\0';
        col += wl; /* bytes, not characters: wraps a little early on åäö */
        w = e;
    }
    sb_put(out, "\n");
}

static void agreement_text(sbuf *t, rng *r, const party *p, int np, const task *tk, int year,
                           size_t target)
{
    unsigned last = 999;
    while (t->len < target) {
        if (t->len)
            sb_put(t, " ");
        if (chance(r, 4)) {
            fill(t, PICK(r, rare_sentences), p, np, tk, year, r);
            continue;
        }
        unsigned k;
        do
            k = rnd(r, COUNT(sentences));
        while (k == last);
        last = k;
        fill(t, sentences[k], p, np, tk, year, r);
    }
}

/* One case being generated: its random stream and what was drawn. */
typedef struct {
    rng r;
    enum form f;
    const county *c;
    party p[10];
    int np;
    const task *t[4];
    int nt;
    int year;
    char date[16];
    char kfname[160];
    uint64_t seed;
    unsigned long idx;
} gen;

/* Parties: 2-9, mostly few; from one län, sometimes with its region. */
static void pick_parties(gen *g)
{
    rng *r = &g->r;
    const enum form f = g->f;
    const county *c = g->c;
    party *p = g->p;
    static const unsigned np_w[] = {0, 0, 30, 22, 16, 11, 8, 6, 4, 3}; /* index = count */
    int np = g->np = (int)weighted(r, np_w, COUNT(np_w));
    int have = 0;
    int with_region = c->n == 1 || chance(r, f == F_GN || f == F_KF ? 35 : 15);
    if (with_region) {
        p[have].name = c->region;
        p[have].type = "region";
        p[have].population = between(r, 60000, 2400000);
        have++;
    }
    /* neighbours in the table: a contiguous window, wrapping, shuffled start */
    const county *src = c;
    unsigned start = rnd(r, src->n), used = 0;
    while (have < np) {
        if (used == src->n) { /* county exhausted: continue in the next */
            src = &counties[(size_t)(src - counties + 1) % COUNT(counties)];
            start = rnd(r, src->n);
            used = 0;
        }
        const char *name = src->m[(start + used) % src->n];
        used++;
        int dup = 0;
        for (int i = 0; i < have; i++)
            if (!strcmp(p[i].name, name))
                dup = 1;
        if (dup)
            continue;
        p[have].name = name;
        p[have].type = strncmp(name, "Region ", 7) ? "kommun" : "region";
        p[have].population = between(r, 2400, 150000);
        have++;
    }
    /* occasionally a non-municipal party (the rules must catch it) */
    if (np > 2 && chance(r, 4)) {
        static const party odd[] = {
            {"Räddningstjänstförbundet Mitt", "kommunalforbund", 0},
            {"Kommunala Bostäder AB", "bolag", 0},
            {"Trafikverket", "stat", 0},
            {"Samverkanskonsult Norden AB", "privat", 0},
        };
        p[np - 1] = odd[rnd(r, COUNT(odd))];
    }
}

/* Tasks: 1-4 distinct. */
static void pick_tasks(gen *g)
{
    rng *r = &g->r;
    const enum form f = g->f;
    static const unsigned nt_w[] = {0, 58, 26, 11, 5};
    int nt = g->nt = (int)weighted(r, nt_w, COUNT(nt_w));
    const task **t = g->t;
    for (int i = 0; i < nt; i++) {
        const task *x;
        int dup;
        do {
            x = &tasks[rnd(r, COUNT(tasks))];
            if (f == F_IC || f == F_GU) /* procurement forms: mostly procurement */
                x = chance(r, 70) ? &tasks[12] : x;
            dup = 0;
            for (int j = 0; j < i; j++)
                if (t[j] == x)
                    dup = 1;
        } while (dup);
        t[i] = x;
    }
}

/* The top-level keys: case, title, date, status, form, source. */
static void put_head(gen *g, sbuf *b)
{
    char d2[16];
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    int np = g->np;
    const task *const *t = g->t;
    const int year = g->year;
    const char *date = g->date;
    sb_put(b, "---\n");
    if (chance(r, 30))
        sb_printf(b, "# Genererat testärende %lu för samkoll bench (seed %llu); ej en verklig handling.\n",
                  g->idx, (unsigned long long)g->seed);
    sb_printf(b, "case: bench-%llu-%06lu-%s\n", (unsigned long long)g->seed, g->idx, form_slug[f]);
    if (np > 3)
        sb_printf(b, "title: %s för %s, %s m.fl. (%d parter, %s)\n", t[0]->name, p[0].name,
                  p[1].name, np, form_label[f]);
    else if (np == 3)
        sb_printf(b, "title: %s för %s, %s och %s (%s)\n", t[0]->name, p[0].name, p[1].name,
                  p[2].name, form_label[f]);
    else
        sb_printf(b, "title: %s för %s och %s (%s)\n", t[0]->name, p[0].name, p[1].name,
                  form_label[f]);
    sb_printf(b, "date: %s\n", date);
    if (chance(r, 85)) {
        static const char *const st[] = {"proposed", "existing", "existing", "existing", "dissolving"};
        sb_printf(b, "status: %s\n", PICK(r, st));
    }
    sb_printf(b, "form: %s\n", form_name[f]);
    if (chance(r, 70)) {
        rand_date(r, year - 1, year, d2);
        int para = between(r, 1, 240);
        if (chance(r, 50)) {
            int dnr = between(r, 10, 999);
            sb_printf(b, "source: Protokoll, kommunfullmäktige i %s %s § %d, dnr KS %d/%d\n",
                      p[0].name, d2, para, year - 1, dnr);
        } else {
            const char *who = p[rnd(r, (unsigned)np)].name;
            sb_printf(b, "source: >-\n  %s, protokoll %s § %d, med bilagt\n  samverkansavtal och tjänsteskrivelse\n",
                      who, d2, para);
        }
    }
}

/* parties: in flow or block style. */
static void put_parties(gen *g, sbuf *b)
{
    char d2[16];
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    int np = g->np;
    const int year = g->year;
    const char *role_first, *role_rest;
    switch (f) {
    case F_GN: role_first = "host"; role_rest = "member"; break;
    case F_AVTAL: role_first = "provider"; role_rest = "buyer"; break;
    case F_AB: case F_HB: role_first = role_rest = "owner"; break;
    case F_IC: role_first = "provider"; role_rest = "member"; break;
    default: role_first = role_rest = "member"; break;
    }
    int flow = chance(r, 70);
    sb_put(b, "parties:\n");
    for (int i = 0; i < np; i++) {
        const char *role = i == 0 ? role_first : role_rest;
        int has_role = chance(r, 85), has_type = chance(r, 92);
        int has_pop = p[i].population && chance(r, 50);
        int has_db = chance(r, 60), has_fd = chance(r, 50);
        static const char *const db[] = {"fullmaktige", "fullmaktige", "fullmaktige", "styrelse", "namnd", "none"};
        char fd[40];
        rand_date(r, year - 2, year, d2);
        if (chance(r, 70))
            snprintf(fd, sizeof fd, "\"KF %s § %d\"", d2, between(r, 1, 240));
        else
            snprintf(fd, sizeof fd, "%s", bool_s(r, 85));
        if (flow) {
            sb_printf(b, "  - {name: %s", p[i].name);
            if (has_type)
                sb_printf(b, ", type: %s", p[i].type);
            if (has_role)
                sb_printf(b, ", role: %s", role);
            if (has_pop)
                sb_printf(b, ", population: %d", p[i].population);
            if (has_db)
                sb_printf(b, ", decision_body: %s", PICK(r, db));
            if (has_fd)
                sb_printf(b, ", fullmaktige_decision: %s", fd);
            sb_put(b, "}\n");
        } else {
            sb_printf(b, "  - name: %s\n", p[i].name);
            if (has_type)
                sb_printf(b, "    type: %s\n", p[i].type);
            if (has_role)
                sb_printf(b, "    role: %s\n", role);
            if (has_pop)
                sb_printf(b, "    population: %d\n", p[i].population);
            if (has_db)
                sb_printf(b, "    decision_body: %s\n", PICK(r, db));
            if (has_fd)
                sb_printf(b, "    fullmaktige_decision: %s\n", fd);
        }
    }
    if (f == F_GU && np < 9 && chance(r, 5)) /* cross-border joint procurement */
        sb_put(b, "  - {name: Københavns Kommune, type: kommun, role: member, country: DK}\n");
    /* the förbund itself is named in delegations: an organisation that is
     * not a party, listed in others (no random draw: the rest of the case
     * keeps its bytes) */
    if (f == F_KF)
        sb_printf(b, "others: [{name: %s, type: kommunalforbund}]\n", g->kfname);
}

/* tasks: */
static void put_tasks(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    const task *const *t = g->t;
    const int nt = g->nt;
    sb_put(b, "tasks:\n");
    for (int i = 0; i < nt; i++) {
        const task *x = t[i];
        sb_printf(b, "  - name: %s\n    area: %s\n", x->name, x->area);
        if (chance(r, 80))
            sb_printf(b, "    myndighetsutovning: %s\n", x->mu ? "true" : "false");
        if (chance(r, 60))
            sb_printf(b, "    statutory: %s\n", x->statutory ? "true" : "false");
        if (x->special_law && chance(r, 60))
            sb_printf(b, "    special_law: \"%s\"\n", x->special_law);
        if (x->mu && (f == F_AB || f == F_STIFT || f == F_EKF || f == F_IDF) && chance(r, 50))
            sb_printf(b, "    special_law_permits_transfer: %s\n", bool_s(r, 20));
        if (chance(r, 70))
            sb_printf(b, "    support_service: %s\n", x->support ? "true" : "false");
        if (x->support && chance(r, 40))
            sb_printf(b, "    part_of_public_service: %s\n", bool_s(r, 50));
        if (chance(r, 25))
            sb_printf(b, "    market_activity_percent: %d\n", chance(r, 80) ? between(r, 0, 5) : between(r, 6, 40));
        if (chance(r, 45))
            sb_printf(b, "    personal_data: %s\n", bool_s(r, 60));
        if (chance(r, 35))
            sb_printf(b, "    secret_data: %s\n", bool_s(r, 50));
        if (f == F_KF && chance(r, 70))
            sb_printf(b, "    in_forbundsordning: %s\n", bool_s(r, 90));
        if (x->support && chance(r, 30))
            sb_printf(b, "    stores_records_for_others: %s\n", bool_s(r, 60));
    }
}

/* delegations: 0-3. */
static void put_delegations(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    int np = g->np;
    const task *const *t = g->t;
    const int nt = g->nt;
    const int year = g->year;
    const char *kfname = g->kfname;
    static const unsigned nd_w[] = {55, 27, 12, 6};
    int nd = (int)weighted(r, nd_w, COUNT(nd_w));
    if (f == F_AB || f == F_HB || f == F_STIFT)
        nd = nd > 1 ? 1 : nd;
    if (nd)
        sb_put(b, "delegations:\n");
    for (int i = 0; i < nd; i++) {
        const task *x = t[rnd(r, (unsigned)nt)];
        const party *by = &p[rnd(r, (unsigned)np)];
        const party *to = &p[0];
        static const char *const to_kind[] = {"employee", "employee", "employee", "committee_member", "utskott", "namnd", "company"};
        const char *kind = PICK(r, to_kind);
        if (f == F_GN) {
            sb_put(b, "  - by: Den gemensamma nämnden för ");
            fill(b, "%T\n", p, np, x, year, r);
            sb_printf(b, "    by_party: %s\n", p[0].name);
        } else if (f == F_KF) {
            sb_put(b, "  - by: Direktionen\n");
            sb_printf(b, "    by_party: %s\n", kfname);
        } else {
            sb_printf(b, "  - by: %s\n", x->body);
            sb_printf(b, "    by_party: %s\n", by->name);
        }
        sb_printf(b, "    to: %s\n", kind);
        if (chance(r, 80))
            sb_printf(b, "    to_party: %s\n", f == F_KF ? kfname : to->name);
        sb_printf(b, "    matters: %s\n", x->mu ? matters[rnd(r, 5)] : PICK(r, matters));
        if (chance(r, 70))
            sb_printf(b, "    task: %s\n", x->name);
        if (chance(r, 75))
            sb_printf(b, "    myndighetsutovning: %s\n", x->mu ? "true" : "false");
        if (chance(r, 60))
            sb_printf(b, "    principled: %s\n", bool_s(r, 8));
        if (chance(r, 55))
            sb_printf(b, "    goals_or_scope: %s\n", bool_s(r, 8));
        if (chance(r, 45))
            sb_printf(b, "    to_fullmaktige: %s\n", bool_s(r, 3));
        if (chance(r, 45))
            sb_printf(b, "    mixed: %s\n", bool_s(r, 10));
        if (chance(r, 60))
            sb_printf(b, "    reported: %s\n", bool_s(r, 85));
        if (chance(r, 30))
            sb_printf(b, "    redelegated: %s\n", bool_s(r, 20));
        if ((f == F_IC || f == F_GU) && chance(r, 60)) {
            sb_printf(b, "    to_inkopscentral: %s\n", bool_s(r, 70));
            sb_printf(b, "    namnd_decision: %s\n", bool_s(r, 80));
        }
    }
}

/* bodies: (jäv), in 15 % of the cases. */
static void put_bodies(gen *g, sbuf *b)
{
    rng *r = &g->r;
    party *p = g->p;
    int np = g->np;
    const task *const *t = g->t;
    const int nt = g->nt;
    if (chance(r, 15)) {
        sb_put(b, "bodies:\n");
        int nb = between(r, 1, 2);
        for (int i = 0; i < nb; i++) {
            const task *x = t[rnd(r, (unsigned)nt)];
            sb_printf(b, "  - name: %s\n    party: %s\n", x->body, p[rnd(r, (unsigned)np)].name);
            const char *op = chance(r, 50) ? x->area : "avfall";
            const char *va = chance(r, 40) ? ", va" : "";
            sb_printf(b, "    operates: [%s%s]\n", op, va);
            sb_printf(b, "    supervises: [%s]\n", chance(r, 40) ? x->area : "miljo-halsoskydd");
        }
    }
}

/* governance of a gemensam nämnd. */
static void gov_gn(gen *g, sbuf *b)
{
    rng *r = &g->r;
    party *p = g->p;
    int np = g->np;
        if (chance(r, 90))
            sb_printf(b, "  host: %s\n", p[chance(r, 95) ? 0 : np - 1].name);
        if (chance(r, 80)) sb_printf(b, "  reglemente: %s\n", bool_s(r, 90));
        if (chance(r, 80)) sb_printf(b, "  agreement: %s\n", bool_s(r, 85));
        if (chance(r, 40)) sb_printf(b, "  shared_arkivmyndighet: %s\n", bool_s(r, 30));
}

/* governance of a kommunalförbund. */
static void gov_kf(gen *g, sbuf *b)
{
    rng *r = &g->r;
    party *p = g->p;
    int np = g->np;
        if (chance(r, 85)) sb_printf(b, "  forbundsordning: %s\n", bool_s(r, 90));
        if (chance(r, 70)) {
            sb_put(b, "  forbundsordning_contents: [");
            int first = 1;
            for (unsigned i = 0; i < COUNT(fo_items); i++)
                if (chance(r, 88)) {
                    sb_printf(b, "%s%s", first ? "" : ", ", fo_items[i]);
                    first = 0;
                }
            sb_put(b, "]\n");
        }
        if (chance(r, 85))
            sb_printf(b, "  organ: %s\n", chance(r, 70) ? "forbundsdirektion" : "forbundsfullmaktige");
        if (chance(r, 50)) sb_printf(b, "  term_years: %d\n", chance(r, 85) ? 4 : between(r, 1, 6));
        if (chance(r, 40)) sb_printf(b, "  amendment_by_majority: %s\n", bool_s(r, 15));
        if (chance(r, 30)) {
            sb_put(b, "  amendment_decisions:");
            for (int i = 0; i < np; i++)
                if (i < np - 1 || chance(r, 80))
                    sb_printf(b, "\n    - %s", p[i].name);
            sb_put(b, "\n");
        }
}

/* governance of a company, foundation or association. */
static void gov_company(gen *g, sbuf *b)
{
    rng *r = &g->r;
        if (chance(r, 80)) sb_printf(b, "  ownership: %s\n", chance(r, 80) ? "wholly" : "partly");
        if (chance(r, 70)) sb_printf(b, "  bolagsordning_purpose: %s\n", bool_s(r, 85));
        if (chance(r, 60)) sb_printf(b, "  board_by_fullmaktige: %s\n", bool_s(r, 85));
        if (chance(r, 60)) sb_printf(b, "  owner_directive: %s\n", bool_s(r, 80));
        if (chance(r, 50)) sb_printf(b, "  fullmaktige_position: %s\n", bool_s(r, 80));
        if (chance(r, 60)) sb_printf(b, "  lekmannarevisor: %s\n", bool_s(r, 85));
}

/* governance.representation of a nämnd or förbund. */
static void gov_representation(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    int np = g->np;
    if ((f == F_GN || f == F_KF) && chance(r, 70)) {
        sb_put(b, "  representation:\n");
        for (int i = 0; i < np; i++) {
            if (i == np - 1 && chance(r, 10))
                break;
            int led = between(r, 1, 3);
            sb_printf(b, "    - {party: %s, ledamoter: %d, ersattare: %d}\n", p[i].name, led,
                      chance(r, 90) ? led : 0);
        }
        if (chance(r, 60))
            sb_printf(b, "  members_from_fullmaktige: %s\n", bool_s(r, 85));
    }
}

/* governance.text: a reglemente or förbundsordning, sometimes. */
static void gov_text(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    const task *const *t = g->t;
    const char *kfname = g->kfname;
    if ((f == F_GN || f == F_KF) && chance(r, 12)) {
        sbuf gt = {0};
        if (f == F_GN)
            sb_printf(&gt, "Reglemente för den gemensamma nämnden för %s. Nämnden är gemensam för %s och %s och ingår i %s organisation. ",
                      t[0]->area, p[0].name, p[1].name, p[0].name);
        else
            sb_printf(&gt, "Förbundsordning för %s. Medlemmar är %s och %s. ", kfname, p[0].name, p[1].name);
        sb_put(&gt, "Nämnden ansvarar för de uppgifter som anges i detta reglemente och i det tillhörande samverkansavtalet. "
                    "Nämnden får inte delegera beslutanderätt i ärenden som avses i 6 kap. 38 § kommunallagen (2017:725). "
                    "Ersättare ska inträda i den ordning som fullmäktige i respektive kommun har bestämt.");
        folded(b, "  ", "text", gt.p);
        free(gt.p);
    }
}

/* governance: by form. */
static void put_governance(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    int gov = chance(r, f == F_GN || f == F_KF || f == F_AB ? 85 : 25);
    if (!gov)
        return;
    sb_put(b, "governance:\n");
    switch (f) {
    case F_GN: gov_gn(g, b); break;
    case F_KF: gov_kf(g, b); break;
    case F_AB: case F_HB: case F_STIFT: case F_EKF: case F_IDF: gov_company(g, b); break;
    default: sb_printf(b, "  agreement: %s\n", bool_s(r, 80)); break;
    }
    gov_representation(g, b);
    gov_text(g, b);
}

/* agreement.cost_allocation. */
static void put_cost_allocation(gen *g, sbuf *b)
{
    rng *r = &g->r;
    party *p = g->p;
    int np = g->np;
    if (chance(r, 50)) {
        sb_put(b, "  cost_allocation:\n");
        if (chance(r, 70))
            sb_put(b, "    basis: Kostnaderna fördelas efter antalet invånare den 1 november året före.\n");
        if (chance(r, 75)) {
            sb_put(b, "    shares:\n");
            int total = 0, sum = 0;
            for (int i = 0; i < np; i++)
                total += p[i].population ? p[i].population : 10000;
            int off = chance(r, 8) ? between(r, -10, 10) : 0;
            for (int i = 0; i < np; i++) {
                int pc = i == np - 1 ? 100 - sum + off
                                     : (int)((long long)(p[i].population ? p[i].population : 10000) * 100 / total);
                if (pc < 0) /* the off-by total must stay a valid percentage */
                    pc = 0;
                if (pc > 100)
                    pc = 100;
                sum += pc;
                sb_printf(b, "      - {party: %s, percent: %d}\n", p[i].name, pc);
            }
        }
    }
}

/* agreement: with text in about a third. */
static void put_agreement(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    int np = g->np;
    const task *const *t = g->t;
    const int year = g->year;
    int agr = chance(r, f == F_NAT ? 20 : f == F_AB || f == F_STIFT ? 35 : 75);
    int with_text = agr && chance(r, 34);
    if (agr) {
        sb_put(b, "agreement:\n");
        if (chance(r, 80)) sb_printf(b, "  signed: %s\n", bool_s(r, 85));
        if (chance(r, 60)) {
            int from = year - between(r, 0, 2);
            int to = year + between(r, 1, 4);
            sb_printf(b, "  duration: %d-01-01 till %d-12-31\n", from, to);
        }
        if (chance(r, 45)) {
            static const char *const lb[] = {
                "9 kap. 37 § kommunallagen (2017:725)", "9 kap. 37 § kommunallagen (2017:725)",
                "9 kap. 37 § kommunallagen", "3 kap. 9 § kommunallagen (2017:725)",
                "26 kap. 7 § miljöbalken (1998:808)", "3 kap. 20 a § kommunallagen (1991:900)",
                "lagen (2009:47) om vissa kommunala befogenheter", "2 kap. 1 § kommunallagen"};
            sb_printf(b, "  legal_basis: %s\n", PICK(r, lb));
        }
        if (with_text) {
            sbuf tx = {0};
            agreement_text(&tx, r, p, np, t[0], year, (size_t)between(r, 1024, 3072));
            folded(b, "  ", "text", tx.p);
            free(tx.p);
        }
        if (chance(r, 70)) {
            sb_put(b, "  clauses:\n");
            for (unsigned i = 0; i < COUNT(clause_keys); i++)
                if (chance(r, i < 9 ? 65 : 25))
                    sb_printf(b, "    %s: %s\n", clause_keys[i], bool_s(r, 85));
        }
        put_cost_allocation(g, b);
    }
}

/* procurement: */
static void put_procurement(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    int proc = chance(r, f == F_AVTAL || f == F_AB || f == F_IC || f == F_GU ? 85 : 35);
    if (proc) {
        sb_put(b, "procurement:\n");
        if (chance(r, 85)) sb_printf(b, "  services_between_parties: %s\n", bool_s(r, 75));
        if (chance(r, 75)) {
            const char *ex;
            switch (f) {
            case F_AB: case F_HB: case F_EKF: ex = chance(r, 85) ? "in_house" : "none"; break;
            case F_AVTAL: ex = chance(r, 75) ? "horizontal_cooperation" : chance(r, 50) ? "none" : "transfer_of_competence"; break;
            case F_IC: ex = "central_purchasing_body"; break;
            case F_GU: ex = "joint_procurement"; break;
            case F_GN: ex = chance(r, 60) ? "in_house" : "none"; break;
            default: ex = chance(r, 50) ? "none" : "horizontal_cooperation"; break;
            }
            sb_printf(b, "  exemption: %s\n", ex);
        }
        if (chance(r, 40)) {
            static const char *const lb[] = {"LOU (2016:1145)", "3 kap. 17 § lagen (2016:1145) om offentlig upphandling",
                                             "lagen (2007:1091) om offentlig upphandling", "LOU 2007"};
            sb_printf(b, "  legal_basis: %s\n", lb[chance(r, 85) ? rnd(r, 2) : 2 + rnd(r, 2)]);
        }
        if (chance(r, 50)) sb_printf(b, "  private_capital: %s\n", bool_s(r, 6));
        if (chance(r, 40)) sb_printf(b, "  joint_control: %s\n", bool_s(r, 85));
        if (chance(r, 35)) sb_printf(b, "  activity_for_controllers_percent: %d\n", chance(r, 85) ? between(r, 80, 100) : between(r, 40, 79));
        if (chance(r, 35)) sb_printf(b, "  market_activity_percent: %d\n", chance(r, 85) ? between(r, 0, 19) : between(r, 20, 45));
        if (chance(r, 35)) sb_printf(b, "  public_interest_only: %s\n", bool_s(r, 90));
        if (chance(r, 35)) sb_printf(b, "  common_objectives: %s\n", bool_s(r, 90));
        if (chance(r, 30)) sb_printf(b, "  all_parties_contribute: %s\n", bool_s(r, 80));
        if (f == F_IC) {
            if (chance(r, 70)) sb_printf(b, "  contracting_authority: %s\n", bool_s(r, 90));
            if (chance(r, 60)) sb_printf(b, "  permanent: %s\n", bool_s(r, 90));
        }
        if (f == F_AVTAL && chance(r, 20)) {
            sb_printf(b, "  full_transfer: %s\n", bool_s(r, 50));
            sb_printf(b, "  financial_autonomy: %s\n", bool_s(r, 50));
        }
        if (f == F_GU && chance(r, 70)) sb_printf(b, "  all_authorities_named: %s\n", bool_s(r, 85));
    }
}

/* oversight: */
static void put_oversight(gen *g, sbuf *b)
{
    rng *r = &g->r;
    const enum form f = g->f;
    party *p = g->p;
    int np = g->np;
    if (chance(r, 60)) {
        sb_put(b, "oversight:\n");
        if (chance(r, 50)) sb_printf(b, "  verksamhetsplan: %s\n", bool_s(r, 85));
        if (chance(r, 50)) sb_printf(b, "  budget: %s\n", bool_s(r, 90));
        if (chance(r, 30)) sb_printf(b, "  budget_parties_consulted: %s\n", bool_s(r, 80));
        if (chance(r, 50)) sb_printf(b, "  annual_report: %s\n", bool_s(r, 85));
        if (chance(r, 40)) sb_printf(b, "  meetings_last_year: %d\n", between(r, 0, 12));
        if (chance(r, 35)) sb_printf(b, "  audit_criticism: %s\n", bool_s(r, 15));
        if (chance(r, 35)) sb_printf(b, "  audit_by_every_party: %s\n", bool_s(r, 70));
        if ((f == F_GN || f == F_KF) && chance(r, 50)) {
            static const char *const af[] = {"every_member_fullmaktige", "forbundsfullmaktige", "host_only", "not_decided"};
            sb_printf(b, "  ansvarsfrihet: %s\n", PICK(r, af));
        }
        if (chance(r, 50)) sb_printf(b, "  report_to_fullmaktige: %s\n", bool_s(r, 75));
        if (chance(r, 50)) sb_printf(b, "  styrelse_uppsikt: %s\n", bool_s(r, 75));
        if ((f == F_AB || f == F_HB) && chance(r, 60))
            sb_printf(b, "  annual_company_statement: %s\n", bool_s(r, 80));
        if (chance(r, 8)) {
            sb_put(b, "  dissolution_decisions:");
            for (int i = 0; i < np; i++)
                if (chance(r, 80))
                    sb_printf(b, "\n    - %s", p[i].name);
            sb_printf(b, "%s\n  dissolution_per_agreement: %s\n", "", bool_s(r, 70));
            /* an empty list above is written as nothing after the key: null */
        }
    }
}

/* waivers: in 4 % of the cases. */
static void put_waivers(gen *g, sbuf *b)
{
    char d2[16];
    rng *r = &g->r;
    party *p = g->p;
    const int year = g->year;
    if (chance(r, 4)) {
        rand_date(r, year + 1, year + 3, d2);
        sb_printf(b, "waivers:\n  - rule: %s\n    reason: >-\n      Risken är känd och accepterad i avvaktan på\n      revidering av avtalet.\n",
                  PICK(r, waiver_rules));
        if (chance(r, 70)) {
            int mo = between(r, 1, 12);
            int da = between(r, 1, 28);
            int pa = between(r, 1, 300);
            sb_printf(b, "    decided_by: Kommunstyrelsen i %s %d-%02d-%02d § %d\n", p[0].name, year,
                      mo, da, pa);
        }
        if (chance(r, 60))
            sb_printf(b, "    until: %s\n", d2);
    }
}

static void gen_case(sbuf *b, uint64_t seed, unsigned long idx)
{
    gen g = {.r = {seed * 0xD1342543DE82EF95ull ^ (idx + 1) * 0x9E3779B97F4A7C15ull}, .seed = seed, .idx = idx};
    next64(&g.r);
    g.f = (enum form)weighted(&g.r, form_w, F_COUNT);
    g.c = &counties[weighted(&g.r, county_w, COUNT(counties))];
    pick_parties(&g);
    pick_tasks(&g);
    g.year = between(&g.r, 2015, 2025);
    rand_date(&g.r, g.year, g.year, g.date);
    snprintf(g.kfname, sizeof g.kfname, "%s samverkansförbund", g.c->lan);
    put_head(&g, b);
    put_parties(&g, b);
    put_tasks(&g, b);
    put_delegations(&g, b);
    put_bodies(&g, b);
    put_governance(&g, b);
    put_agreement(&g, b);
    put_procurement(&g, b);
    put_oversight(&g, b);
    put_waivers(&g, b);
}

/* ---------------------------------------------------------------- errors */

/* Replace the first occurrence of `from` in b by `to` (same or other length). */
static void sb_replace(sbuf *b, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to);
    char *at = NULL;
    for (size_t i = 0; i + fl <= b->len; i++)
        if (!memcmp(b->p + i, from, fl)) { at = b->p + i; break; }
    if (!at)
        return;
    size_t off = (size_t)(at - b->p), tail = b->len - off - fl;
    sb_reserve(b, tl > fl ? tl - fl : 0);
    memmove(b->p + off + tl, b->p + off + fl, tail);
    memcpy(b->p + off, to, tl);
    b->len = b->len - fl + tl;
}

/* With -e PCT, about PCT % of the cases are turned into input errors, chosen
 * by their own random stream (seed, i) so that the other cases keep their
 * bytes: a misspelt key, a misspelt form, a value of the wrong type, or YAML
 * that breaks off. */
static void make_error(sbuf *b, uint64_t seed, unsigned long idx, unsigned pct)
{
    rng r = {seed * 0xD1B54A32D192ED03ull ^ (idx + 0x5851F42D4C957F2Dull)};
    next64(&r);
    if (!chance(&r, pct))
        return;
    switch (rnd(&r, 4)) {
    case 0: sb_replace(b, "\nparties:", "\nparites:"); break;
    case 1: sb_replace(b, "\nform: ", "\nform: x"); break;
    case 2: sb_replace(b, "\ndate: ", "\ndate: [not, a, date]\nx_date: "); break;
    default: sb_put(b, "extra: [unclosed, {flow\n"); break;
    }
}

/* ---------------------------------------------------------------- main */

static void mkdir_or_die(const char *p)
{
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gencorpus: mkdir %s: %s\n", p, strerror(errno));
        exit(73);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: gencorpus [-s SEED] [-n N] [-d DIR] [-S STREAMFILE] [-e ERRPCT] [-f]\n");
    exit(64);
}

int main(int argc, char **argv)
{
    uint64_t seed = 1;
    unsigned long n = 1000;
    const char *dir = NULL, *stream = NULL;
    unsigned errpct = 0;
    int flat = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-s") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-d") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "-S") && i + 1 < argc)
            stream = argv[++i];
        else if (!strcmp(argv[i], "-f"))
            flat = 1;
        else if (!strcmp(argv[i], "-e") && i + 1 < argc)
            errpct = (unsigned)strtoul(argv[++i], NULL, 10);
        else
            usage();
    }
    if (!dir && !stream)
        usage();
    if (n > 9999999)
        usage();
    FILE *sf = NULL;
    if (stream && !(sf = fopen(stream, "wb"))) {
        fprintf(stderr, "gencorpus: %s: %s\n", stream, strerror(errno));
        return 73;
    }
    if (dir)
        mkdir_or_die(dir);
    sbuf b = {0};
    size_t total = 0, minsz = (size_t)-1, maxsz = 0;
    size_t pathcap = (dir ? strlen(dir) : 0) + 64;
    char *path = malloc(pathcap);
    if (!path)
        return 70;
    for (unsigned long i = 0; i < n; i++) {
        b.len = 0;
        gen_case(&b, seed, i);
        if (errpct)
            make_error(&b, seed, i, errpct);
        total += b.len;
        if (b.len < minsz) minsz = b.len;
        if (b.len > maxsz) maxsz = b.len;
        if (dir) {
            if (flat) {
                snprintf(path, pathcap, "%s/case-%07lu.yaml", dir, i);
            } else {
                if (i % 1000 == 0) {
                    snprintf(path, pathcap, "%s/%04lu", dir, i / 1000);
                    mkdir_or_die(path);
                }
                snprintf(path, pathcap, "%s/%04lu/case-%07lu.yaml", dir, i / 1000, i);
            }
            FILE *f = fopen(path, "wb");
            if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f) != 0) {
                fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
                return 74;
            }
        }
        if (sf && fwrite(b.p, 1, b.len, sf) != b.len) {
            fprintf(stderr, "gencorpus: %s: %s\n", stream, strerror(errno));
            return 74;
        }
    }
    if (sf && fclose(sf) != 0) {
        fprintf(stderr, "gencorpus: %s: %s\n", stream, strerror(errno));
        return 74;
    }
    fprintf(stderr, "gencorpus: seed %llu, %lu cases, %zu bytes (mean %.0f, min %zu, max %zu)\n",
            (unsigned long long)seed, n, total, n ? (double)total / (double)n : 0.0,
            n ? minsz : 0, maxsz);
    free(b.p);
    free(path);
    return 0;
}
