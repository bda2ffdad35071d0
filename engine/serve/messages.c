/* messages.c - the server's message table. */
#include "messages.h"

static const char *const table[SM__COUNT][2] = {
#define X(id, sv, en) [id] = {sv, en},
#include "messages.def"
#undef X
};

const char *sv_msg_fmt(sv_msg m, sk_lang lang)
{
    return table[m][lang == SK_LANG_EN];
}
