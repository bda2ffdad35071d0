/* interview_int.h (internal) - the interview session's state, shared by
 * interview.c (the session: opening, the question loop, writing), which
 * uses interview_answer.c (how a question is shown and an answer taken),
 * which uses interview_text.c (the text: loading it, placing answers). */
#ifndef SK_INTERVIEW_INT_H
#define SK_INTERVIEW_INT_H

#include "advice/advice_int.h"
#include "base/arena.h"
#include "base/buf.h"
#include "samkoll/interview.h"

#define SK_IV_MAX_ITEMS 100

/* The documents of one text, each in its own arena. */
typedef struct sk_iv_docs {
    sk_arena **arenas;
    sk_case **cases;
    size_t n, cap;
    size_t errors;            /* documents rejected */
} sk_iv_docs;

struct sk_interview {
    char *path, *case_id, *output;
    const sk_ruleset *rs;
    int32_t date;
    sk_lang lang;
    sk_limits lim;
    sk_evaluator *ev;
    char *text;               /* the answered text so far */
    size_t len;
    size_t ndocs;
    sk_iv_docs cur;           /* text, loaded */
    size_t doc;               /* the case asked about */
    size_t announced;         /* the case whose heading was given */
    const sk_questions *qs;   /* doc's questions (in cur's arena), or NULL */
    char **skip;              /* "DOC\tKEY" passed over */
    size_t nskip, capskip;
    const sk_question *q;     /* the open question (in cur's arena), or NULL */
    sk_question item_q;       /* a list question as a list of named items */
    sk_interview_question view;
    const char *ref;          /* the list the open question's answer names
                                 ("parties", "tasks"), or NULL */
    sk_arena view_arena;      /* the view's strings, per question */
    char *items[SK_IV_MAX_ITEMS];  /* list items given so far */
    size_t nitems;
    size_t asked, answered;
    sk_buf notice, notice_out;
    sk_buf msg;
    int failed;
};

/* Loads every document of text (named name) into out; diagnostics to d
 * (may be NULL). SK_OK or SK_ENOMEM; rejected documents are counted. */
sk_rc sk_iv_load(const sk_interview *s, const char *name, const char *text, size_t len,
                 sk_iv_docs *out, sk_diags *d);
void sk_iv_docs_free(sk_iv_docs *docs);

/* The question to ask instead of q about the current case: the list q's
 * answer names from ("parties" before "delegations[0].by_party") when
 * the case states none of it yet and it is asked for; else q
 * (interview_answer.c). */
const sk_question *sk_iv_first(sk_interview *s, const sk_questions *qs, const sk_question *q);
/* Fills s->view for s->q (interview_answer.c); 0 out of memory. */
int sk_iv_view(sk_interview *s);
/* Puts answer values into the text: SK_IA_ACCEPTED, or SK_IA_NOT_PLACED
 * (the question passed over) or SK_IA_FAILED (interview_text.c). */
sk_interview_answer_rc sk_iv_place(sk_interview *s, const sk_question *q, const char **values,
                                   size_t n);
/* Places the list items given so far (interview_answer.c). */
sk_interview_answer_rc sk_iv_finish_list(sk_interview *s);
/* Whether key of case doc was passed over (interview_text.c). */
int sk_iv_skipped(const sk_interview *s, size_t doc, const char *key);
/* Passes key of case doc over from now on. */
void sk_iv_add_skip(sk_interview *s, size_t doc, const char *key);
/* Closes the open question (frees the list items given). */
void sk_iv_close(sk_interview *s);

#endif
