/* fuzz.h - shared by the fuzz targets (fuzz_*.c): the invariant check,
 * the directory text_file paths resolve in, a fixed case for the rule set
 * target, and helpers that drive the public API as `samkoll check` does.
 *
 * SK_FUZZ_DIR (set by the build) is this directory; inputs are named
 * SK_FUZZ_DIR "/text/input.yaml", so `text_file: avtal.txt` reads
 * fuzz/text/avtal.txt and anything outside fuzz/text is refused. */
#ifndef SK_FUZZ_H
#define SK_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "samkoll/case.h"
#include "samkoll/eval.h"
#include "samkoll/inspect.h"
#include "samkoll/report.h"
#include "samkoll/ruleset.h"

#ifndef SK_FUZZ_DIR
#define SK_FUZZ_DIR "fuzz"
#endif
#define SK_FUZZ_INPUT SK_FUZZ_DIR "/text/input.yaml"
#define SK_FUZZ_DATE 19700 /* 2023-12-09: a fixed run date */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the library's contract that does not hold: a bug, so
 * crash and let the fuzzer keep the input. */
#define FUZZ_CHECK(cond)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Formats every diagnostic, checking that each is positioned text. */
static inline void fuzz_format_diags(const sk_diags *d)
{
    char line[1400];
    for (size_t i = 0; i < d->count; i++) {
        FUZZ_CHECK(d->items[i].file && d->items[i].message && d->items[i].message[0]);
        sk_diag_format(&d->items[i], d->lang, line, sizeof line);
    }
}

/* The sink the report writers write to. */
static inline FILE *fuzz_null(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    FUZZ_CHECK(f != NULL);
    return f;
}

/* Loads every document of data the way `samkoll check` does, validating
 * waiver and expect rule ids against vrs (may be NULL); if ev is given,
 * evaluates each case with it (ev was made for rs) and writes the results
 * to each report format in fmts (NULL-terminated). Each document must end
 * as exactly one case or one input error, and every rejection must say
 * why. */
static inline void fuzz_check_stream(const char *data, size_t len, const sk_limits *lim,
                                     const sk_ruleset *vrs, const sk_ruleset *rs,
                                     sk_evaluator *ev, const char *const *fmts, int lang)
{
    sk_report *rep[4] = {NULL, NULL, NULL, NULL};
    size_t nrep = 0;
    sk_report_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.lang = (sk_lang)lang;
    ro.run_date = SK_FUZZ_DATE;
    for (; ev && fmts && fmts[nrep] && nrep < 4; nrep++)
        FUZZ_CHECK(sk_report_open(&rep[nrep], fmts[nrep], fuzz_null(), rs, &ro) == SK_OK);
    sk_source *src;
    FUZZ_CHECK(sk_source_open_mem(&src, SK_FUZZ_INPUT, data, len, lim) == SK_OK);
    for (size_t docs = 0;; docs++) {
        /* the loop ends: --max-documents counts the pieces the line cut
         * makes, and a malformed piece that libyaml reads as several
         * documents gives one result for each, so the bound is the input
         * (every result consumes at least one byte of it) */
        FUZZ_CHECK(docs <= len + 2);
        sk_arena a;
        sk_arena_init(&a, 4096);
        sk_diags d;
        sk_diags_init(&d, (sk_lang)lang);
        sk_case *c = NULL;
        sk_rc rc = sk_source_next(src, &a, vrs, SK_FUZZ_DATE, &c, &d);
        FUZZ_CHECK(rc == SK_OK || rc == SK_EINVALID || rc == SK_EIO || rc == SK_EEND);
        if (rc == SK_OK) {
            FUZZ_CHECK(c != NULL && d.errors == 0);
            FUZZ_CHECK(sk_case_id(c) && sk_case_id(c)[0] && sk_case_form(c));
            FUZZ_CHECK(sk_case_line(c) >= 1);
            if (ev) {
                sk_result *res;
                FUZZ_CHECK(sk_evaluate(ev, c, &res) == SK_OK);
                size_t total = 0;
                for (int s = 0; s < SK_ST__COUNT; s++)
                    total += sk_result_count(res, (sk_status)s);
                FUZZ_CHECK(total == sk_ruleset_count(rs));
                for (size_t i = 0; i < nrep; i++)
                    sk_report_case(rep[i], res);
                sk_expect_check(res, (sk_lang)lang, fuzz_null());
            }
        } else if (rc == SK_EINVALID || rc == SK_EIO) {
            FUZZ_CHECK(c == NULL && d.errors > 0);
            fuzz_format_diags(&d);
            for (size_t i = 0; i < nrep; i++)
                sk_report_input_error(rep[i], SK_FUZZ_INPUT, sk_source_doc_line(src), &d);
        } else {
            FUZZ_CHECK(d.count == 0);
        }
        sk_diags_free(&d);
        sk_arena_free(&a);
        if (rc == SK_EEND || rc == SK_EIO)
            break;
    }
    sk_source_close(src);
    for (size_t i = 0; i < nrep; i++)
        FUZZ_CHECK(sk_report_close(rep[i]) == SK_OK);
}

/* The embedded source called name (e.g. "forms.yaml"). */
static inline sk_rule_src fuzz_embedded(const char *name)
{
    for (size_t i = 0; i < sk_embedded_rules_count; i++)
        if (strcmp(sk_embedded_rules[i].name, name) == 0)
            return sk_embedded_rules[i];
    FUZZ_CHECK(0 && "embedded rule source missing");
    return sk_embedded_rules[0];
}

/* A case stating most fields, for evaluating fuzzed rule sets. */
static const char fuzz_fixed_case[] =
    "case: fuzz-fixed\ntitle: Fast ärende {x} \"q\"\ndate: 2023-05-15\nform: avtalssamverkan\n"
    "status: existing\nsource: fuzz\n"
    "parties:\n"
    "  - {name: Askersunds kommun, type: kommun, role: provider, population: 11000,"
    " fullmaktige_decision: KF 2023-01-30 § 5, decision_body: fullmaktige}\n"
    "  - {name: Laxå kommun, type: kommun, role: buyer, fullmaktige_decision: true}\n"
    "  - {name: Region Örebro län, type: region, role: member}\n"
    "tasks:\n"
    "  - {name: Alkoholtillsyn, area: alkohol-tobak-tillsyn, myndighetsutovning: true,"
    " statutory: true, special_law: \"2010:1622\", support_service: false,"
    " market_activity_percent: 12.5, personal_data: true, secret_data: unknown}\n"
    "  - {name: IT, area: it-drift, support_service: true, part_of_public_service: false}\n"
    "delegations:\n"
    "  - {by: Socialnämnden, by_party: Laxå kommun, to: committee_member,"
    " to_party: Askersunds kommun, matters: Tillstånd, task: Alkoholtillsyn,"
    " myndighetsutovning: true, principled: false, reported: ~}\n"
    "  - {by: Socialnämnden, by_party: Laxå kommun, to: employee, to_party: Laxå kommun}\n"
    "bodies:\n"
    "  - {name: Miljönämnden, party: Laxå kommun, operates: [it-drift], supervises: [it-drift]}\n"
    "governance:\n"
    "  host: Askersunds kommun\n  reglemente: true\n  agreement: ja\n"
    "  forbundsordning_contents: [members, purpose]\n"
    "  representation: [{party: Laxå kommun, ledamoter: 2, ersattare: 1}]\n"
    "  text: Nämnden ska ansvara för tillsynen.\n  text_file: reglemente.txt\n"
    "agreement:\n"
    "  signed: true\n  duration: 4 år\n  legal_basis: 9 kap. 37 § kommunallagen\n"
    "  text_file: avtal.txt\n"
    "  clauses: {termination: true, rescission: false, damages: unknown}\n"
    "  cost_allocation:\n    basis: invånare\n"
    "    shares: [{party: Askersunds kommun, percent: 60.5}, {party: Laxå kommun, percent: 39.5}]\n"
    "procurement: {services_between_parties: true, exemption: horizontal_cooperation,"
    " activity_for_controllers_percent: 95, market_activity_percent: 5}\n"
    "oversight: {verksamhetsplan: true, budget: nej, meetings_last_year: 4,"
    " ansvarsfrihet: host_only, dissolution_decisions: [Laxå kommun]}\n"
    "waivers:\n  - {rule: avtal.extdeleg-recipient, reason: accepterad, until: 2024-01-01}\n"
    "expect:\n  worst: fail\n  findings: {avtal.extdeleg-recipient: fail}\n";

#endif
