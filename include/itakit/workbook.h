/* What an input table is (scores, measures catalog, status file), told by
 * its header row, and the worksheets of an .xlsx workbook with what each
 * holds: so that one workbook can carry every input, one sheet each. */
#ifndef ITAKIT_WORKBOOK_H
#define ITAKIT_WORKBOOK_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include "itakit/diag.h"

typedef enum {
	ITAKIT_TABLE_UNKNOWN,   /* no header any loader recognises */
	ITAKIT_TABLE_SCORES,    /* unit, year, indicator scores (itakit_dataset_load) */
	ITAKIT_TABLE_MEASURES,  /* a measures catalog (itakit_measures_load) */
	ITAKIT_TABLE_STATUS     /* a status file of measures (itakit_status_load) */
} itakit_table_kind;

/* "scores", "measures", "status" or "unknown". */
const char *itakit_table_kind_name(itakit_table_kind kind);

/* The kind of the table in bytes[0..n): CSV text (any encoding the loaders
 * read) or, for a workbook, its first sheet. A header is recognised when
 * it names at least two columns of one kind, more than of any other.
 * Returns 0, or ITAKIT_ENOMEM. */
int itakit_table_sniff(itakit_table_kind *out, const char *bytes, size_t n);

/* True when bytes look like an .xlsx workbook (a ZIP container). */
bool itakit_workbook_is(const char *bytes, size_t n);

typedef struct {
	char *name;              /* owned */
	itakit_table_kind kind;  /* by its header row */
} itakit_workbook_sheet;

typedef struct {
	size_t count;
	itakit_workbook_sheet *sheets; /* owned, in the workbook's order */
} itakit_workbook;

void itakit_workbook_init(itakit_workbook *wb);
/* Frees what wb owns and re-initialises it. */
void itakit_workbook_release(itakit_workbook *wb);

/* Lists the worksheets of the workbook in bytes[0..n) with the kind of
 * each. filename (may be NULL) names the file in diagnostics. Returns 0;
 * ITAKIT_EINPUT when the workbook cannot be read (reported in diags; out is
 * then empty); ITAKIT_ENOMEM. out must be initialised. */
int itakit_workbook_read(itakit_workbook *out, const char *bytes, size_t n, const char *filename,
			 itakit_diag_list *diags);

#pragma GCC visibility pop
#endif
