/* cmd_advice.h - the advice commands of the CLI: `samkoll compare` and
 * `samkoll ask` (with --interactive). */
#ifndef SK_CLI_CMD_ADVICE_H
#define SK_CLI_CMD_ADVICE_H

#include <stdint.h>

#include "options.h"
#include "samkoll/ruleset.h"

/* Both return an exit status (options.h). */
int cmd_compare(const cli_opts *o, const sk_ruleset *rs, int32_t default_date);
int cmd_ask(const cli_opts *o, const sk_ruleset *rs, int32_t default_date);

#endif
