/* Diagnostics: a list of located problems (errors and warnings) found while
 * reading input. Loaders report every problem up to a cap, not only the first. */
#ifndef ITAKIT_DIAG_H
#define ITAKIT_DIAG_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stddef.h>

typedef enum { ITAKIT_DIAG_ERROR, ITAKIT_DIAG_WARNING } itakit_diag_severity;

typedef struct {
	itakit_diag_severity severity;
	char *file;        /* owned; may be NULL when not tied to a file */
	unsigned line;     /* 1-based; 0 = whole file */
	unsigned column;   /* 1-based, in characters; 0 = whole line */
	char *message;     /* owned; lowercase, no final period */
	char *sheet;       /* owned; the worksheet of a workbook, or NULL: then
			    * line is the row and column the column (A = 1) */
} itakit_diag;

typedef struct {
	itakit_diag *items;
	size_t count, capacity;
	size_t errors, warnings;  /* totals, including those past the cap */
	size_t max_items;         /* items kept; 0 means the default (below) */
} itakit_diag_list;

#define ITAKIT_DIAG_DEFAULT_MAX 100
#define ITAKIT_DIAG_LIST_INIT {0}

/* The number of items a list keeps when its max_items is 0: at first
 * ITAKIT_DIAG_DEFAULT_MAX; 0 keeps every one. Process-wide (set it once,
 * before loading). */
void itakit_diag_set_default_max(size_t max);

void itakit_diag_list_init(itakit_diag_list *list);
void itakit_diag_list_release(itakit_diag_list *list);

/* Adds a diagnostic (printf-style message). Past the cap it is only counted.
 * Returns 0, or ITAKIT_ENOMEM. */
int itakit_diag_add(itakit_diag_list *list, itakit_diag_severity severity,
		    const char *file, unsigned line, unsigned column,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Same, for a place that may be a worksheet cell: with sheet not NULL,
 * line is the row and column the column (A = 1). */
int itakit_diag_add_at(itakit_diag_list *list, itakit_diag_severity severity,
		       const char *file, const char *sheet, unsigned line, unsigned column,
		       const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Formats one diagnostic as "FILE:LINE:COLUMN: error: message" into buf, or
 * "FILE:SHEET!CELL: error: message" for a worksheet cell (C7; 7:7 for a
 * whole row). */
void itakit_diag_format(char *buf, size_t size, const itakit_diag *d);

#pragma GCC visibility pop
#endif
