/* msg.c - the Swedish/English message table. */
#include "base/msg.h"

static const char *const table[M__COUNT][2] = {
#define X(id, sv, en) [id] = {sv, en},
#include "base/msg.def"
#undef X
};

const char *sk_msg_fmt(sk_msg id, sk_lang lang)
{
    if ((unsigned)id >= M__COUNT)
        return "?";
    return table[id][lang == SK_LANG_EN ? 1 : 0];
}
