/* .xlsx worksheets as records (see input.h). */
#include "input.h"

int itakit__xlsx_read(itakit_input *in, const char *bytes, size_t n,
		      const itakit_records_options *opts, itakit_csv_record_fn fn, void *payload)
{
	(void)bytes, (void)n, (void)opts, (void)fn, (void)payload;
	int rc = itakit__input_diag(in, ITAKIT_DIAG_ERROR, 1, 1,
				    "this looks like an Excel workbook (.xlsx) or another ZIP archive, not CSV; "
				    "open it in a spreadsheet and save it as CSV UTF-8 (comma delimited)");
	return rc < 0 ? rc : 0;
}
