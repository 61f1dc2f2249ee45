/* Excel workbooks (.xlsx) out, through libxlsxwriter: the analysis as sheets
 * a spreadsheet can sort and filter, and any CSV table as one sheet. Every
 * sheet has its header row frozen and filtered, numbers stored as numbers
 * and shown with two decimals, text in a font with Thai. The file is
 * written through the temporary-file-and-rename writer, and is the same
 * byte for byte for the same input and SOURCE_DATE_EPOCH. */
#ifndef ITAKIT_EXPORT_XLSX_H
#define ITAKIT_EXPORT_XLSX_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stddef.h>
#include "itakit/export.h"

/* The font of every cell. Tahoma has Thai glyphs and is installed with every
 * Windows and macOS, where these workbooks are opened; elsewhere the
 * spreadsheet picks a Thai font in its place. */
#define ITAKIT_XLSX_FONT "Tahoma"

/* Writes path: a sheet of per-indicator rows (as itakit_export_csv), a
 * per-unit-year summary (tool scores, overall, level, pass, change, flagged
 * indicators) and, with several units and a cohort, the cohort's ranking.
 * Sheet and column names follow opts->lang. Returns 0, ITAKIT_ENOMEM,
 * ITAKIT_EUSAGE (a malformed SOURCE_DATE_EPOCH) or ITAKIT_ERROR (cannot
 * write; the message names the path). */
int itakit_export_xlsx(const char *path, const itakit_framework *fw,
		       const itakit_unit_analysis *units, size_t n,
		       const itakit_cohort *cohort, const itakit_export_options *opts);

/* Writes a CSV table (UTF-8, a BOM allowed, header first) as one sheet
 * named sheet. Fields of the columns named in numeric (comma-separated
 * header names, e.g. "year,overall") that hold a number are stored as
 * numbers; everything else as text. Returns as itakit_export_xlsx, or
 * ITAKIT_EINPUT when csv is not a table. */
int itakit_export_xlsx_csv(const char *path, const char *sheet, const char *csv, size_t len,
			   const char *numeric);

#pragma GCC visibility pop
#endif
