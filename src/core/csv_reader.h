/* Internal: CSV records with line and column numbers, on top of libcsv.
 * libcsv reports neither, so the reader feeds it chunks that end at a
 * delimiter or a line break: a callback fired while parsing a chunk is then
 * caused by the chunk's last byte, whose offset is known. */
#ifndef ITAKIT_CSV_READER_H
#define ITAKIT_CSV_READER_H

#include <stddef.h>
#include "itakit/diag.h"

typedef struct {
	const char *text;   /* NUL-terminated; valid during the callback only */
	size_t len;
	unsigned line;      /* where the field starts (its first non-blank byte) */
	unsigned column;    /* 1-based, in characters */
} itakit_csv_field;

typedef struct {
	size_t index;                  /* 0 for the first record (the header) */
	size_t n_fields;               /* fields kept (at most max_columns) */
	size_t n_fields_seen;          /* fields in the record, > n_fields when too many */
	const itakit_csv_field *fields;
	unsigned line;                 /* line of the first field */
} itakit_csv_record;

/* Called once per record. Returns 0 to go on, 1 to stop reading, or a
 * negative ITAKIT_E* code, which itakit__csv_read returns. */
typedef int (*itakit_csv_record_fn)(void *payload, const itakit_csv_record *rec);

typedef struct {
	const char *name;          /* file name for diagnostics */
	unsigned char delim;       /* ',' unless sniffed otherwise */
	size_t max_field_bytes;    /* a longer field stops the reading */
	size_t max_columns;        /* fields past this are counted, not kept */
} itakit_csv_options;

/* Reads text[0..len) (valid UTF-8, no NUL bytes: the caller checks) and calls
 * fn for each record. Quoting errors are reported to diags and the reader
 * goes on at the next line; an error in the first record, an unterminated
 * quote or an over-long field end the reading. Returns 0, ITAKIT_ENOMEM, or
 * fn's negative code. */
int itakit__csv_read(const char *text, size_t len, const itakit_csv_options *opts,
		    itakit_csv_record_fn fn, void *payload, itakit_diag_list *diags);

/* The delimiter the first line suggests: ',' unless that line has no comma
 * but tabs or semicolons (exports from spreadsheets set to other locales). */
unsigned char itakit__csv_sniff_delim(const char *text, size_t len);

#endif
