/* date.h - calendar dates as day numbers (int32_t days since 1970-01-01).
 * The functions are public: see samkoll/util.h. */
#ifndef SK_DATE_H
#define SK_DATE_H
#include "samkoll/util.h"
#endif
