/* ui.h - the words of reports and listings in Swedish and English
 * (ui.def), looked up by id: sk_ui(UI_DATE, en). */
#ifndef SK_UI_H
#define SK_UI_H

typedef enum sk_ui_id {
#define X(id, sv, en) id,
#include "base/ui.def"
#undef X
    UI__COUNT
} sk_ui_id;

/* The text of id: English when en is non-zero, else Swedish. */
const char *sk_ui(sk_ui_id id, int en);

#endif
