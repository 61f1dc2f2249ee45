#include "itakit/diag.h"
#include "itakit/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t default_max = ITAKIT_DIAG_DEFAULT_MAX;

void itakit_diag_set_default_max(size_t max)
{
	default_max = max ? max : (size_t)-1;
}

void itakit_diag_list_init(itakit_diag_list *list)
{
	memset(list, 0, sizeof *list);
}

void itakit_diag_list_release(itakit_diag_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
		free(list->items[i].sheet);
	}
	free(list->items);
	size_t max = list->max_items;
	memset(list, 0, sizeof *list);
	list->max_items = max;
}

static int diag_addv(itakit_diag_list *list, itakit_diag_severity severity, const char *file,
		     const char *sheet, unsigned line, unsigned column, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

static int diag_addv(itakit_diag_list *list, itakit_diag_severity severity, const char *file,
		     const char *sheet, unsigned line, unsigned column, const char *fmt, va_list ap)
{
	if (severity == ITAKIT_DIAG_ERROR)
		list->errors++;
	else
		list->warnings++;
	size_t max = list->max_items ? list->max_items : default_max;
	if (list->count >= max)
		return 0;
	if (list->count == list->capacity) {
		size_t cap = list->capacity ? list->capacity * 2 : 16;
		itakit_diag *items = realloc(list->items, cap * sizeof *items);
		if (!items)
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		list->items = items;
		list->capacity = cap;
	}
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	itakit_diag *d = &list->items[list->count];
	d->severity = severity;
	d->line = line;
	d->column = column;
	d->file = file ? strdup(file) : NULL;
	d->sheet = sheet ? strdup(sheet) : NULL;
	d->message = strdup(msg);
	if ((file && !d->file) || (sheet && !d->sheet) || !d->message) {
		free(d->file);
		free(d->sheet);
		free(d->message);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	list->count++;
	return 0;
}

int itakit_diag_add(itakit_diag_list *list, itakit_diag_severity severity,
		    const char *file, unsigned line, unsigned column,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_addv(list, severity, file, NULL, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

int itakit_diag_add_at(itakit_diag_list *list, itakit_diag_severity severity,
		       const char *file, const char *sheet, unsigned line, unsigned column,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_addv(list, severity, file, sheet, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

/* Column number (A = 1) to its letters. */
static void column_letters(char *buf, unsigned col)
{
	char tmp[8];
	size_t n = 0;
	while (col && n < sizeof tmp) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

void itakit_diag_format(char *buf, size_t size, const itakit_diag *d)
{
	const char *sev = d->severity == ITAKIT_DIAG_ERROR ? "error" : "warning";
	const char *file = d->file ? d->file : "itakit";
	if (d->sheet) {
		char col[9];
		column_letters(col, d->column);
		if (d->line && d->column)
			snprintf(buf, size, "%s:%s!%s%u: %s: %s", file, d->sheet, col, d->line, sev, d->message);
		else if (d->line)
			snprintf(buf, size, "%s:%s!%u:%u: %s: %s", file, d->sheet, d->line, d->line, sev, d->message);
		else
			snprintf(buf, size, "%s:%s: %s: %s", file, d->sheet, sev, d->message);
	} else if (d->line && d->column)
		snprintf(buf, size, "%s:%u:%u: %s: %s", file, d->line, d->column, sev, d->message);
	else if (d->line)
		snprintf(buf, size, "%s:%u: %s: %s", file, d->line, sev, d->message);
	else
		snprintf(buf, size, "%s: %s: %s", file, sev, d->message);
}
