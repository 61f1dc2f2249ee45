/* make_workbook OUT.xlsx [--title TEXT] SHEET=FILE.csv...: writes a workbook
 * with one worksheet per CSV file, as a spreadsheet program would (libxlsxwriter):
 * every cell that is a plain decimal number a number, every other a string.
 * With --title, each sheet starts with TEXT merged across the table and an
 * empty row above the header. For the end-to-end tests of workbook input. */
#include "core/input.h"
#include "itakit/fileio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct {
	lxw_worksheet *ws;
	lxw_row_t first;
	int failed;
} sheet;

static int is_number(const char *s, double *v)
{
	char *end;
	if (!*s || strspn(s, "0123456789.-") != strlen(s))
		return 0;
	*v = strtod(s, &end);
	return *end == '\0';
}

static int on_record(void *payload, const itakit_csv_record *rec)
{
	sheet *sh = payload;
	lxw_row_t row = sh->first + (lxw_row_t)rec->index;
	for (size_t i = 0; i < rec->n_fields; i++) {
		const char *t = rec->fields[i].text;
		double v;
		lxw_error e = rec->index > 0 && is_number(t, &v)
			? worksheet_write_number(sh->ws, row, (lxw_col_t)i, v, NULL)
			: worksheet_write_string(sh->ws, row, (lxw_col_t)i, t, NULL);
		if (e != LXW_NO_ERROR && *t)
			sh->failed = 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: make_workbook OUT.xlsx [--title TEXT] SHEET=FILE.csv...\n");
		return 2;
	}
	lxw_workbook *wb = workbook_new(argv[1]);
	if (!wb)
		return 1;
	const char *title = NULL;
	int rc = 0;
	for (int a = 2; a < argc && rc == 0; a++) {
		if (strcmp(argv[a], "--title") == 0 && a + 1 < argc) {
			title = argv[++a];
			continue;
		}
		char *eq = strchr(argv[a], '=');
		if (!eq) {
			fprintf(stderr, "make_workbook: expected SHEET=FILE.csv, got %s\n", argv[a]);
			rc = 2;
			break;
		}
		*eq = '\0';
		char *data;
		size_t len;
		if (itakit_file_read(&data, &len, eq + 1, 1 << 26) != 0) {
			fprintf(stderr, "make_workbook: cannot read %s\n", eq + 1);
			rc = 1;
			break;
		}
		sheet sh = {workbook_add_worksheet(wb, argv[a]), 0, 0};
		if (!sh.ws) {
			free(data);
			rc = 1;
			break;
		}
		if (title) {
			worksheet_merge_range(sh.ws, 0, 0, 0, 3, title, NULL);
			sh.first = 2;
		}
		itakit_diag_list diags;
		itakit_diag_list_init(&diags);
		itakit_input in;
		itakit__input_init(&in, eq + 1, &diags);
		itakit_records_options o = {NULL, 1 << 20, 256, NULL, NULL};
		if (itakit__input_records(&in, data, len, &o, on_record, &sh) != 0 || diags.errors || sh.failed)
			rc = 1;
		itakit__input_release(&in);
		itakit_diag_list_release(&diags);
		free(data);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		rc = 1;
	return rc;
}
