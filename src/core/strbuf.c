#include "itakit/strbuf.h"

#include <stdbool.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void itakit_strbuf_init(itakit_strbuf *b)
{
	memset(b, 0, sizeof *b);
}

void itakit_strbuf_init_sink(itakit_strbuf *b, FILE *sink)
{
	memset(b, 0, sizeof *b);
	b->sink = sink;
}

bool itakit_strbuf_flush(itakit_strbuf *b)
{
	if (b->sink && b->len && !b->io_error) {
		if (fwrite(b->data, 1, b->len, b->sink) != b->len)
			b->io_error = true;
	}
	if (b->sink) {
		b->len = 0;
		if (b->data)
			b->data[0] = '\0';
	}
	return !b->io_error && !b->oom;
}

/* Streaming buffers hand their text on once it passes this size. */
#define SINK_CHUNK 65536

static void maybe_flush(itakit_strbuf *b)
{
	if (b->sink && b->len >= SINK_CHUNK)
		itakit_strbuf_flush(b);
}

void itakit_strbuf_release(itakit_strbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

static bool grow(itakit_strbuf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->oom = true;
		return false;
	}
	b->data = d;
	b->cap = cap;
	return true;
}

void itakit_strbuf_append_n(itakit_strbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	maybe_flush(b);
}

void itakit_strbuf_append(itakit_strbuf *b, const char *s)
{
	itakit_strbuf_append_n(b, s, strlen(s));
}

/* Decimal digits of v (no sign) into the end of buf; returns where they start. */
static char *digits_of(char *end, unsigned long long v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* The formats the exports use most (%s, %d, %zu, %%), appended without
 * printf's machinery: a national JSON export makes millions of these calls.
 * Returns false, having appended nothing, for any other conversion. */
static bool appendf_simple(itakit_strbuf *b, const char *fmt, va_list ap)
{
	for (const char *p = fmt; *p; p++)
		if (*p == '%' && !(p[1] == 's' || p[1] == 'd' || p[1] == '%' || (p[1] == 'z' && p[2] == 'u')))
			return false;
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		itakit_strbuf_append_n(b, run, (size_t)(p - run));
		char num[24], *end = num + sizeof num;
		switch (*++p) {
		case 's':
			itakit_strbuf_append(b, va_arg(ap, const char *));
			break;
		case 'd': {
			int v = va_arg(ap, int);
			char *d = digits_of(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
			if (v < 0)
				*--d = '-';
			itakit_strbuf_append_n(b, d, (size_t)(end - d));
			break;
		}
		case 'z': {
			p++;
			char *d = digits_of(end, va_arg(ap, size_t));
			itakit_strbuf_append_n(b, d, (size_t)(end - d));
			break;
		}
		default: /* "%%" */
			itakit_strbuf_append_n(b, "%", 1);
		}
		run = p + 1;
	}
	itakit_strbuf_append(b, run);
	return true;
}

void itakit_strbuf_appendf(itakit_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool done = appendf_simple(b, fmt, ap);
	va_end(ap);
	if (done)
		return;
	/* format straight into the free space; only a long result formats twice */
	if (!grow(b, 64))
		return;
	va_start(ap, fmt);
	int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (!grow(b, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
	maybe_flush(b);
}

void itakit_strbuf_append_json(itakit_strbuf *b, const char *s)
{
	itakit_strbuf_append(b, "\"");
	const char *run = s; /* start of bytes that need no escape */
	for (const unsigned char *p = (const unsigned char *)s;; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		itakit_strbuf_append_n(b, run, (size_t)((const char *)p - run));
		run = (const char *)p + 1;
		switch (*p) {
		case '\0': itakit_strbuf_append(b, "\""); return;
		case '"': itakit_strbuf_append(b, "\\\""); break;
		case '\\': itakit_strbuf_append(b, "\\\\"); break;
		case '\n': itakit_strbuf_append(b, "\\n"); break;
		case '\r': itakit_strbuf_append(b, "\\r"); break;
		case '\t': itakit_strbuf_append(b, "\\t"); break;
		default: itakit_strbuf_appendf(b, "\\u%04x", *p);
		}
	}
}

void itakit_strbuf_append_csv(itakit_strbuf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		itakit_strbuf_append(b, s);
		return;
	}
	itakit_strbuf_append(b, "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			itakit_strbuf_append(b, "\"\"");
		else
			itakit_strbuf_append_n(b, p, 1);
	}
	itakit_strbuf_append(b, "\"");
}

bool itakit_strbuf_ok(const itakit_strbuf *b)
{
	return !b->oom;
}

char *itakit_strbuf_detach(itakit_strbuf *b)
{
	char *s = b->oom ? NULL : b->data;
	if (!s && !b->oom)
		s = calloc(1, 1);
	if (b->oom)
		free(b->data);
	memset(b, 0, sizeof *b);
	return s;
}
