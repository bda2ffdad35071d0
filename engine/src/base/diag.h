/* diag.h (internal) - adding diagnostics by message id. */
#ifndef SK_DIAG_INTERNAL_H
#define SK_DIAG_INTERNAL_H

#include "base/msg.h"
#include "samkoll/diag.h"

/* Appends a diagnostic; message id formatted in d->lang. hint may be NULL.
 * Out of memory is swallowed (the count still increases). */
void sk_diag_add(sk_diags *d, sk_diag_level level, const char *file,
                 unsigned line, unsigned col, const char *hint, sk_msg id, ...);
/* Same, with an already formatted message. */
void sk_diag_addv(sk_diags *d, sk_diag_level level, const char *file,
                  unsigned line, unsigned col, const char *hint,
                  const char *message);

/* Appends copies of src's diagnostics to dst, its "… and N more" note
 * carried as a count (the cap of SK_MAX_DIAGNOSTICS holds for dst). */
void sk_diags_append(sk_diags *dst, const sk_diags *src);

#endif
