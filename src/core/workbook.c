/* Kinds of tables by their header row, and a workbook's sheets (see
 * itakit/workbook.h). Each loader counts the columns of its own that a
 * header names; the kind is the one named most. */
#include "itakit/workbook.h"

#include "input.h"
#include "itakit/error.h"

#include <stdlib.h>
#include <string.h>

/* What is read of a header to tell its kind. */
#define HEADER_CELL_BYTES 4096
#define HEADER_COLUMNS 256

const char *itakit_table_kind_name(itakit_table_kind kind)
{
	switch (kind) {
	case ITAKIT_TABLE_SCORES: return "scores";
	case ITAKIT_TABLE_MEASURES: return "measures";
	case ITAKIT_TABLE_STATUS: return "status";
	default: return "unknown";
	}
}

size_t itakit__header_columns(const itakit_csv_record *header, int (*column)(const char *text))
{
	bool seen[64] = {false};
	size_t n = 0;
	for (size_t i = 0; i < header->n_fields; i++) {
		int c = column(header->fields[i].text);
		if (c >= 0 && c < 64 && !seen[c]) {
			seen[c] = true;
			n++;
		}
	}
	return n;
}

int itakit__table_kind(const itakit_csv_record *header)
{
	size_t n[4] = {0, itakit__dataset_header_columns(header), itakit__measures_header_columns(header),
		       itakit__status_header_columns(header)};
	int best = ITAKIT_TABLE_UNKNOWN;
	bool tie = false;
	for (int k = ITAKIT_TABLE_SCORES; k <= ITAKIT_TABLE_STATUS; k++) {
		if (n[k] > n[best]) {
			best = k;
			tie = false;
		} else if (best != ITAKIT_TABLE_UNKNOWN && n[k] == n[best]) {
			tie = true;
		}
	}
	return tie || n[best] < 2 ? ITAKIT_TABLE_UNKNOWN : best;
}

bool itakit_workbook_is(const char *bytes, size_t n)
{
	return itakit__input_is_zip(bytes, n);
}

static int first_record(void *payload, const itakit_csv_record *rec)
{
	*(itakit_table_kind *)payload = (itakit_table_kind)itakit__table_kind(rec);
	return 1; /* the header is all it takes */
}

int itakit_table_sniff(itakit_table_kind *out, const char *bytes, size_t n)
{
	*out = ITAKIT_TABLE_UNKNOWN;
	itakit_diag_list quiet; /* the loader says what is wrong with the file */
	itakit_diag_list_init(&quiet);
	itakit_input in;
	itakit__input_init(&in, "(sniffed)", &quiet);
	itakit_records_options o = {NULL, HEADER_CELL_BYTES, HEADER_COLUMNS, NULL, NULL};
	int rc = itakit__input_records(&in, bytes, n, &o, first_record, out);
	itakit__input_release(&in);
	itakit_diag_list_release(&quiet);
	itakit_error_clear();
	return rc == ITAKIT_ENOMEM ? itakit_error_set(rc, "out of memory") : 0;
}

void itakit_workbook_init(itakit_workbook *wb)
{
	memset(wb, 0, sizeof *wb);
}

void itakit_workbook_release(itakit_workbook *wb)
{
	for (size_t i = 0; i < wb->count; i++)
		free(wb->sheets[i].name);
	free(wb->sheets);
	itakit_workbook_init(wb);
}

static int add_sheet(void *payload, const char *sheet, const itakit_csv_record *header)
{
	itakit_workbook *wb = payload;
	itakit_workbook_sheet *n = realloc(wb->sheets, (wb->count + 1) * sizeof *n);
	if (!n)
		return ITAKIT_ENOMEM;
	wb->sheets = n;
	char *name = strdup(sheet);
	if (!name)
		return ITAKIT_ENOMEM;
	n[wb->count++] = (itakit_workbook_sheet){name,
		header ? (itakit_table_kind)itakit__table_kind(header) : ITAKIT_TABLE_UNKNOWN};
	return 0;
}

int itakit_workbook_read(itakit_workbook *out, const char *bytes, size_t n, const char *filename,
			 itakit_diag_list *diags)
{
	const char *name = filename ? filename : "(input)";
	size_t errors = diags->errors;
	itakit_input in;
	itakit__input_init(&in, name, diags);
	int rc = itakit__input_is_zip(bytes, n)
		? itakit__xlsx_headers(&in, bytes, n, add_sheet, out)
		: itakit_diag_add(diags, ITAKIT_DIAG_ERROR, name, 0, 0, "not an Excel workbook (.xlsx)");
	itakit__input_release(&in);
	if (rc == 0 && diags->errors > errors)
		rc = itakit_error_set(ITAKIT_EINPUT, "%s: the workbook cannot be read", name);
	if (rc != 0)
		itakit_workbook_release(out);
	return rc == ITAKIT_ENOMEM ? itakit_error_set(rc, "out of memory") : rc;
}
