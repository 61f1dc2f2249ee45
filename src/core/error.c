#include "itakit/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_message[1024];

const char *itakit_error_last(void)
{
	return last_message;
}

int itakit_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof last_message, fmt, ap);
	va_end(ap);
	return code;
}

void itakit_error_clear(void)
{
	last_message[0] = '\0';
}
