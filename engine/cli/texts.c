/* texts.c - the CLI's text table (texts.def). */
#include "texts.h"

static const char *const texts[T__COUNT][2] = {
#define X(id, sv, en) [id] = {sv, en},
#include "texts.def"
#undef X
};

const char *cli_text(cli_text_id id, int en)
{
    return texts[id][en != 0];
}
