/* suggest.h - "did you mean": the closest name by edit distance.
 * The functions are public: see samkoll/util.h. */
#ifndef SK_SUGGEST_H
#define SK_SUGGEST_H
#include "samkoll/util.h"
#endif
