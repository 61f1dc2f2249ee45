/* Internal: the input layer. Every loader (scores, measures catalog, profile,
 * framework, status) takes its bytes through here once: the encoding is
 * recognised and the text made UTF-8 (BOM dropped, UTF-16 converted,
 * Windows-874/TIS-620 converted, UTF-32 and binary formats refused with a
 * message), positions are counted one way (a line ends at LF, CRLF or a
 * lone CR; columns count characters), and tables come as records of fields
 * with positions, from CSV text or from a worksheet of an .xlsx workbook. */
#ifndef ITAKIT_INPUT_H
#define ITAKIT_INPUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "csv_reader.h"
#include "itakit/diag.h"

/* Where diagnostics go: a file, and for a workbook the sheet read. */
typedef struct {
	const char *name;          /* file name in diagnostics (not owned) */
	char *sheet;               /* owned; the worksheet read, NULL for text */
	itakit_diag_list *diags;
} itakit_input;

#define ITAKIT_INPUT_INIT {NULL, NULL, NULL}

void itakit__input_init(itakit_input *in, const char *name, itakit_diag_list *diags);
void itakit__input_release(itakit_input *in);

/* Adds a diagnostic at (line, column): FILE:LINE:COLUMN for text, or
 * FILE:SHEET!CELL when the input is a worksheet (line = row). Returns 0 or
 * ITAKIT_ENOMEM. */
int itakit__input_diag(const itakit_input *in, itakit_diag_severity sev, unsigned line,
		       unsigned column, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int itakit__input_vdiag(const itakit_input *in, itakit_diag_severity sev, unsigned line,
			unsigned column, const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* ---- text ------------------------------------------------------------------ */

typedef struct {
	const char *text;       /* UTF-8, no BOM, no NUL byte, NUL-terminated */
	size_t len;
	char *owned;            /* the converted copy text points into, or NULL */
	const char *encoding;   /* "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-874" */
} itakit_input_text;

#define ITAKIT_INPUT_TEXT_INIT {NULL, 0, NULL, NULL}

void itakit__input_text_release(itakit_input_text *t);

/* Makes bytes[0..n) UTF-8 text: drops a UTF-8 BOM, converts UTF-16 (with a
 * BOM, or recognised from its zero bytes) and Windows-874 / TIS-620 (a file
 * with no UTF-8 sequence at all and Thai bytes), and reports at its place
 * what cannot be read: a NUL byte, a UTF-32 file, invalid UTF-8, a byte
 * with no Windows-874 character. out->text may point into bytes, which must
 * then outlive it. Returns 0, 1 when the bytes are not text (reported), or
 * ITAKIT_ENOMEM. */
int itakit__input_decode(itakit_input_text *out, const itakit_input *in, const char *bytes, size_t n);

/* Line and column of byte offsets of a text, moved forward (going back
 * starts over), so that all positions of a file cost one pass. */
typedef struct {
	const char *text;
	size_t len, off;
	unsigned line, column;
} itakit_input_tracker;

void itakit__input_tracker_init(itakit_input_tracker *t, const char *text, size_t len);
void itakit__input_tracker_seek(itakit_input_tracker *t, size_t off);

/* 1-based line and column (in characters) of byte offset off. */
void itakit__input_locate(const char *text, size_t len, size_t off, unsigned *line, unsigned *column);

/* The next line of text from *pos: its start in *start, its length without
 * the line end in *line_len; *pos moves past the line end (LF, CRLF or CR).
 * False at the end. */
bool itakit__input_next_line(const char *text, size_t len, size_t *pos, size_t *start,
			     size_t *line_len);

/* ---- records --------------------------------------------------------------- */

/* A header row that a loader recognises as its own kind of table. */
typedef bool (*itakit_header_pick_fn)(const itakit_csv_record *header);

typedef struct {
	const char *sheet;          /* workbook: the sheet to read (its name, case
				     * ignored); NULL: the first sheet pick
				     * accepts, else the first sheet */
	size_t max_field_bytes;     /* a longer field stops the reading */
	size_t max_columns;         /* fields past this are counted, not kept */
	const char *empty_hint;     /* an empty file is an error with this hint
				     * ("expected a header line such as ..."); NULL: no check */
	itakit_header_pick_fn pick; /* NULL: the first sheet; ignored for text */
} itakit_records_options;

/* Reads a table from bytes[0..n): CSV text in any of the encodings above
 * (delimiter sniffed), or the worksheet of an .xlsx workbook (a ZIP file).
 * Calls fn for each record, the header first; in a worksheet, title rows
 * above the header (one cell, often merged across) and empty rows are
 * skipped, merged cells give their value to every cell they cover and
 * numbers come as the shortest decimal that gives back the stored double.
 * Problems go to in->diags at their place; a workbook sets in->sheet.
 * Returns 0 (see diags for errors), ITAKIT_ENOMEM or fn's negative code. */
int itakit__input_records(itakit_input *in, const char *bytes, size_t n,
			  const itakit_records_options *opts, itakit_csv_record_fn fn, void *payload);

/* Calls fn for every worksheet of the .xlsx workbook in bytes, in order,
 * with its name and its header row as itakit__input_records would give it
 * (NULL for an empty sheet). Problems of the container go to in->diags.
 * Returns 0, ITAKIT_ENOMEM or fn's negative code. */
typedef int (*itakit_sheet_header_fn)(void *payload, const char *sheet, const itakit_csv_record *header);
int itakit__xlsx_headers(itakit_input *in, const char *bytes, size_t n, itakit_sheet_header_fn fn,
			 void *payload);

/* ---- kinds of tables ---------------------------------------------------------- */

/* How many distinct columns (0..63) a header row names, column(text)
 * giving a cell's column or a negative number. Implemented in workbook.c. */
size_t itakit__header_columns(const itakit_csv_record *header, int (*column)(const char *text));

/* How many distinct columns of each loader's table a header row names (by
 * the loader's own column names and aliases). */
size_t itakit__dataset_header_columns(const itakit_csv_record *header);
size_t itakit__measures_header_columns(const itakit_csv_record *header);
size_t itakit__status_header_columns(const itakit_csv_record *header);

/* What a header row is the header of: the kind whose columns it names
 * most, at least two (a tie is unknown). Implemented in workbook.c. */
int itakit__table_kind(const itakit_csv_record *header); /* an itakit_table_kind */

/* True when bytes look like a ZIP container (an .xlsx workbook). */
bool itakit__input_is_zip(const char *bytes, size_t n);

/* Implemented in xlsx_reader.c. Same contract as itakit__input_records. */
int itakit__xlsx_read(itakit_input *in, const char *bytes, size_t n,
		      const itakit_records_options *opts, itakit_csv_record_fn fn, void *payload);

#endif
