/* Error codes and the per-thread last error message (libgit2 style).
 * Library functions return 0 on success or a negative ITAKIT_E* code and
 * leave a message, lowercase, without a final period, for the caller. */
#ifndef ITAKIT_ERROR_H
#define ITAKIT_ERROR_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#ifdef __cplusplus
extern "C" {
#endif

enum {
	ITAKIT_OK = 0,
	ITAKIT_ERROR = -1,     /* runtime failure (I/O, rendering) */
	ITAKIT_ENOMEM = -2,    /* out of memory */
	ITAKIT_EINPUT = -3,    /* bad input data: see the diagnostics */
	ITAKIT_ENOTFOUND = -4, /* unit, year, file or font not found */
	ITAKIT_EUSAGE = -5,    /* invalid argument or option */
	ITAKIT_ELIMIT = -6     /* input exceeds a configured limit */
};

/* The message of the last error set on this thread ("" if none).
 * Owned by the library; valid until the next failing call on this thread. */
const char *itakit_error_last(void);

/* Sets the message (printf-style) and returns code, so callers can write
 * `return itakit_error_set(ITAKIT_EINPUT, "...")`. */
int itakit_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void itakit_error_clear(void);

#ifdef __cplusplus
}
#endif
#pragma GCC visibility pop
#endif
