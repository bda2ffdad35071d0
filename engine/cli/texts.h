/* texts.h - the CLI's texts in Swedish and English (texts.def), looked up
 * by id: cli_text(T_OPTIONS, en). */
#ifndef SK_CLI_TEXTS_H
#define SK_CLI_TEXTS_H

typedef enum cli_text_id {
#define X(id, sv, en) id,
#include "texts.def"
#undef X
    T__COUNT
} cli_text_id;

/* The text of id: English when en is non-zero, else Swedish. */
const char *cli_text(cli_text_id id, int en);

#endif
