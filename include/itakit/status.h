/* The status file of the O43 progress report: for each measure of a unit's
 * plan, how far it has got (status, percent), what was done, the evidence,
 * the money spent, problems and next steps. CSV with the header
 *
 *     [unit,]id,status,progress,actions,evidence,budget,problems,next_steps
 *
 * (Thai header names accepted; see docs/status.md), or a worksheet of an
 * .xlsx workbook with that header. Reading checks each
 * row on its own (a known status, a percent from 0 to 100, a budget that is
 * a number); whether an id belongs to the unit's plan is checked against
 * that plan with itakit_status_check. */
#ifndef ITAKIT_STATUS_H
#define ITAKIT_STATUS_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include "itakit/diag.h"
#include "itakit/text.h"

/* Limits: a larger file, a longer cell or more rows is an error. */
#define ITAKIT_STATUS_MAX_SIZE (16 * 1024 * 1024)
#define ITAKIT_STATUS_MAX_CELL (64 * 1024)
#define ITAKIT_STATUS_MAX_ROWS 100000

typedef enum {
	ITAKIT_STATUS_NOT_STARTED, /* ยังไม่ดำเนินการ */
	ITAKIT_STATUS_IN_PROGRESS, /* อยู่ระหว่างดำเนินการ */
	ITAKIT_STATUS_DONE,        /* ดำเนินการแล้วเสร็จ */
	ITAKIT_STATUS_CANCELLED,   /* ยกเลิก */
	ITAKIT_STATUS_N
} itakit_status_kind;

/* The status's name in Thai ("อยู่ระหว่างดำเนินการ") or English ("in
 * progress"). NULL for a bad kind. */
const char *itakit_status_kind_name(itakit_status_kind kind, itakit_lang lang);

/* Parses a status as written in a file: the Thai name, the English key
 * (not_started, in_progress, done, cancelled) and a few common variants
 * (case, spaces and '-' ignored). Returns 0 or -1. */
int itakit_status_kind_parse(itakit_status_kind *out, const char *text);

typedef struct {
	char *unit;            /* owned; NULL when the file has no unit column */
	char *id;              /* owned, normalised */
	itakit_status_kind status;
	double progress;       /* 0..100 */
	bool has_budget;
	double budget;         /* baht, >= 0 */
	/* Owned, never NULL ("" when empty or absent); lines kept, each
	 * normalised (sara am fixed, spaces collapsed). */
	char *actions, *evidence, *problems, *next_steps;
	unsigned line;         /* where the row starts */
	unsigned unit_column, id_column; /* for messages about the row */
} itakit_status_row;

typedef struct {
	size_t count;
	itakit_status_row *rows; /* owned, in file order */
	bool has_unit;           /* the file has a unit column */
	char *source;            /* owned: the file name given, or "(input)" */
	char *sheet;             /* owned: the worksheet read from a workbook,
				  * else NULL (rows then count lines) */
} itakit_status;

void itakit_status_init(itakit_status *st);
/* Frees what st owns and re-initialises it. */
void itakit_status_release(itakit_status *st);

/* Parses a status file's text (len bytes; UTF-8 with or without BOM, or
 * Windows-874; CRLF accepted). filename (may be NULL) names the file in
 * diagnostics. Every bad cell is an error in diags as FILE:LINE:COLUMN.
 * Returns 0; ITAKIT_EINPUT when there was an error (out is then released);
 * ITAKIT_ENOMEM. out must be initialised. */
int itakit_status_parse(itakit_status *out, const char *text, size_t len,
			const char *filename, itakit_diag_list *diags);

/* Same, reading worksheet `sheet` when text is an .xlsx workbook: the
 * sheet of that name (case ignored; an unknown name is an error listing
 * the sheets), or with sheet NULL the first sheet whose header names a
 * status file's columns, else the first sheet. */
int itakit_status_parse_sheet(itakit_status *out, const char *text, size_t len, const char *filename,
			      const char *sheet, itakit_diag_list *diags);

/* Reads path and parses it; ITAKIT_ENOTFOUND / ITAKIT_ERROR when it cannot
 * be read, ITAKIT_EINPUT when it is too large (reported in diags). */
int itakit_status_load(itakit_status *out, const char *path, itakit_diag_list *diags);

/* Same, reading worksheet `sheet` of a workbook (as itakit_status_parse_sheet). */
int itakit_status_load_sheet(itakit_status *out, const char *path, const char *sheet,
			     itakit_diag_list *diags);

/* True when the row belongs to the unit: always when the file has no unit
 * column, else when its unit cell matches the name or the code (compared
 * as names are: normalised, spaces and case ignored). code may be NULL. */
bool itakit_status_row_is_for(const itakit_status_row *row, const char *unit_name,
			      const char *unit_code);

/* Checks the unit's rows against its plan (ids[0..n_ids), the measures of
 * its O42 report): a row whose id is not in the plan and a second row for
 * the same measure are errors, a measure of the plan with no row is a
 * warning, all in diags. rows_out (may be NULL) receives, for each id, the
 * row reporting it or NULL; it has n_ids entries. Returns 0, ITAKIT_EINPUT
 * when there was an error, ITAKIT_ENOMEM. */
int itakit_status_check(const itakit_status_row **rows_out, const itakit_status *st,
			const char *unit_name, const char *unit_code,
			const char *const *ids, size_t n_ids, itakit_diag_list *diags);

#pragma GCC visibility pop
#endif
