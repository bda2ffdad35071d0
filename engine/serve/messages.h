/* messages.h - the server's message table (messages.def). */
#ifndef SK_SERVE_MESSAGES_H
#define SK_SERVE_MESSAGES_H

#include "samkoll/common.h"

typedef enum sv_msg {
#define X(id, sv, en) id,
#include "messages.def"
#undef X
    SM__COUNT
} sv_msg;

/* The printf format of m in lang. */
const char *sv_msg_fmt(sv_msg m, sk_lang lang);

#endif
