/* msg.h - message table lookup (msg.def). */
#ifndef SK_MSG_H
#define SK_MSG_H

#include "samkoll/common.h"

typedef enum sk_msg {
#define X(id, sv, en) id,
#include "base/msg.def"
#undef X
    M__COUNT
} sk_msg;

/* printf format of message id in lang. */
const char *sk_msg_fmt(sk_msg id, sk_lang lang);

#endif
