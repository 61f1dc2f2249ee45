#include "itakit/itakit.h"

const char *itakit_version(void)
{
	return ITAKIT_VERSION;
}
