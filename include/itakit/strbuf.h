/* A growable string. Appends never fail silently: after an allocation
 * failure the buffer is marked failed (oom) and further appends do nothing,
 * so a caller checks once at the end with itakit_strbuf_ok. */
#ifndef ITAKIT_STRBUF_H
#define ITAKIT_STRBUF_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
	char *data;   /* NUL-terminated once anything was appended; owned */
	size_t len, cap;
	bool oom;
	FILE *sink;   /* when set, the text is written here in chunks (large
			 outputs need not fit in memory); data then holds only
			 what was not flushed yet */
	bool io_error;
} itakit_strbuf;

#define ITAKIT_STRBUF_INIT {NULL, 0, 0, false, NULL, false}

void itakit_strbuf_init(itakit_strbuf *b);
/* A buffer that streams to sink: call itakit_strbuf_flush at the end. */
void itakit_strbuf_init_sink(itakit_strbuf *b, FILE *sink);
/* Writes what is buffered to the sink; false on a write error (also when an
 * earlier chunk failed). */
bool itakit_strbuf_flush(itakit_strbuf *b);
void itakit_strbuf_release(itakit_strbuf *b);
void itakit_strbuf_append(itakit_strbuf *b, const char *s);
void itakit_strbuf_append_n(itakit_strbuf *b, const char *s, size_t n);
void itakit_strbuf_appendf(itakit_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void itakit_strbuf_append_json(itakit_strbuf *b, const char *s);
/* Appends s as one CSV field (quoted when needed, RFC 4180). */
void itakit_strbuf_append_csv(itakit_strbuf *b, const char *s);
bool itakit_strbuf_ok(const itakit_strbuf *b);
/* Hands the string to the caller (never NULL unless oom) and resets b. */
char *itakit_strbuf_detach(itakit_strbuf *b);

#pragma GCC visibility pop
#endif
