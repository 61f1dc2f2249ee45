/* A growable string. Appends never fail silently: after an allocation
 * failure the buffer is marked failed (oom) and further appends do nothing,
 * so a caller checks once at the end with itakit_strbuf_ok. */
#ifndef ITAKIT_STRBUF_H
#define ITAKIT_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *data;   /* NUL-terminated once anything was appended; owned */
	size_t len, cap;
	bool oom;
} itakit_strbuf;

#define ITAKIT_STRBUF_INIT {NULL, 0, 0, false}

void itakit_strbuf_init(itakit_strbuf *b);
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

#endif
