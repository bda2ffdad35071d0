/* cmd_schema.c - `samkoll schema`: the JSON Schema of case format v1. */
#include <stdio.h>

#include "cmds.h"
#include "samkoll/inspect.h"

int cmd_schema(const cli_opts *o, const sk_ruleset *rs)
{
    (void)o;
    (void)rs;
    sk_schema_write(stdout);
    return EXIT_CLEAN;
}
