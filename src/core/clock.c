/* The time stamped into outputs (clock.h). */
#include "clock.h"
#include "itakit/error.h"

#include <errno.h>
#include <stdlib.h>

int itakit__source_date(time_t *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (!sde || !*sde) {
		*out = time(NULL);
		return 0;
	}
	char *end;
	errno = 0;
	long long v = strtoll(sde, &end, 10);
	if (errno || *end || v < 0 || v > 253402300799LL)
		return itakit_error_set(ITAKIT_EUSAGE, "SOURCE_DATE_EPOCH \"%s\" is not a number of seconds", sde);
	*out = (time_t)v;
	return 0;
}
