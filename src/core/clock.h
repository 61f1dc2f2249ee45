/* Internal: the time stamped into outputs. */
#ifndef ITAKIT_CLOCK_H
#define ITAKIT_CLOCK_H

#include <time.h>

/* SOURCE_DATE_EPOCH when set (reproducible output), else now. Returns 0, or
 * ITAKIT_EUSAGE for a malformed SOURCE_DATE_EPOCH (refused rather than
 * silently replaced). */
int itakit__source_date(time_t *out);

#endif
