/* ui.c - the table of report words (ui.def). */
#include "base/ui.h"

static const char *const texts[UI__COUNT][2] = {
#define X(id, sv, en) [id] = {sv, en},
#include "base/ui.def"
#undef X
};

const char *sk_ui(sk_ui_id id, int en)
{
    return texts[id][en != 0];
}
