/* The dataset: units x fiscal years x scores, merged from one or more CSV
 * files. Scores not given are NaN; nothing here is computed. */
#ifndef ITAKIT_DATASET_H
#define ITAKIT_DATASET_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include "itakit/diag.h"
#include "itakit/framework.h"

typedef struct {
	int year;                                /* BE */
	double indicator[ITAKIT_MAX_INDICATORS]; /* by code - 1; NaN = not given */
	double tool[ITAKIT_MAX_TOOLS];           /* reported tool scores; NaN = not given */
	double overall;                          /* reported overall; NaN = not given */
	const char *overall_file;                /* where the reported overall came from */
	unsigned overall_line;                   /* (for the mismatch warning) */
} itakit_unit_year;

typedef struct {
	char *key;    /* extra column name */
	char *value;
} itakit_attr;

typedef struct {
	char *name;            /* normalised display name */
	char *code;            /* unit code column, or NULL */
	char *group;           /* group column (zone, ministry), or NULL */
	size_t n_attrs;        /* other extra columns, first value seen */
	itakit_attr *attrs;
	size_t n_years;
	itakit_unit_year *years; /* ascending by year */
} itakit_unit;

typedef struct {
	size_t n_units;
	itakit_unit *units;      /* in order of first appearance */
	size_t n_files;
	char **files;            /* file names, owned; diagnostics point into them */
	char **sheets;           /* n_files entries, owned: the worksheet read
				  * from each workbook, NULL for a text file */
	size_t n_rows;           /* data rows read */
	void *index;             /* private: code, name -> unit lookup */
} itakit_dataset;

/* What makes two rows one unit. By default the unit code when the row has
 * one (the name is then only a label), else the name; one name under two
 * groups without codes is an error. NAME_GROUP declares name plus group the
 * identity for rows without a code: two groups, two units. Names and codes
 * are compared by their match key (itakit_text_match_key). */
typedef enum { ITAKIT_IDENTITY_CODE_OR_NAME, ITAKIT_IDENTITY_NAME_GROUP } itakit_identity;

typedef struct {
	size_t max_field_bytes;  /* 0: default 4096 */
	size_t max_columns;      /* 0: default 256 */
	size_t max_rows;         /* 0: default 5,000,000 */
	size_t max_file_bytes;   /* 0: default ITAKIT_LOAD_MAX_FILE_BYTES */
	itakit_identity identity;
	const char *unit_name;   /* a file of one agency may have no unit column:
				  * its rows are this unit's (NULL: the column
				  * is required) */
	const char *sheet;       /* .xlsx: the worksheet to read; NULL: the first */
} itakit_load_options;

/* The default size limit of a score file: 256 MiB, ten times a national
 * file of every agency over ten years, and little enough that reading up
 * to it (a pipe or device gives no size first) cannot exhaust memory. */
#define ITAKIT_LOAD_MAX_FILE_BYTES ((size_t)256 << 20)

#define ITAKIT_LOAD_OPTIONS_INIT {0, 0, 0, 0, ITAKIT_IDENTITY_CODE_OR_NAME, NULL, NULL}

void itakit_dataset_init(itakit_dataset *ds);
void itakit_dataset_release(itakit_dataset *ds);

/* Reads one CSV file or .xlsx workbook into ds (merging with what ds
 * already holds). Every problem is added to diags as FILE:LINE:COLUMN (or
 * FILE:SHEET!CELL in a workbook), including exceeded limits
 * and files that are not CSV at all. Returns 0, or ITAKIT_EINPUT when the
 * file had errors (rows with errors are skipped, valid rows are kept), or
 * ITAKIT_ENOMEM, ITAKIT_ENOTFOUND (no such file), ITAKIT_EUSAGE (a
 * directory) or ITAKIT_ERROR when the file cannot be read (itakit_error_last
 * names the path and the reason). A device whose first 64 KiB hold a NUL
 * byte (/dev/zero) is judged from them, not read to the size limit. Identical
 * repeated scores (the same file given twice) are accepted silently; a
 * different score for the same unit, year and indicator is an error. */
int itakit_dataset_load_file(itakit_dataset *ds, const char *path,
			     const itakit_framework *fw,
			     const itakit_load_options *opts,
			     itakit_diag_list *diags);

/* Same, from a buffer (for tests and fuzzing); name is used in diagnostics. */
int itakit_dataset_load_buffer(itakit_dataset *ds, const char *data, size_t len,
			       const char *name, const itakit_framework *fw,
			       const itakit_load_options *opts,
			       itakit_diag_list *diags);

/* Loads several files; stops with ITAKIT_EINPUT after all files were read if
 * any had errors. A path naming the same file as an earlier one is skipped
 * with a warning. A file that cannot be opened stops at once with its code. */
int itakit_dataset_load(itakit_dataset *ds, const char *const *paths, size_t n_paths,
			const itakit_framework *fw, const itakit_load_options *opts,
			itakit_diag_list *diags);

/* Finds a unit by code, or by name (after normalisation) when exactly one
 * unit has that name; NULL if none (or the name is shared: see
 * itakit_dataset_count_named). */
const itakit_unit *itakit_dataset_find_unit(const itakit_dataset *ds, const char *name);

/* How many units have this name (after normalisation). */
size_t itakit_dataset_count_named(const itakit_dataset *ds, const char *name);

/* The unit's data for year, or NULL. */
const itakit_unit_year *itakit_unit_find_year(const itakit_unit *u, int year);

/* Value of an extra column for this unit, or NULL. */
const char *itakit_unit_attr(const itakit_unit *u, const char *key);

#pragma GCC visibility pop
#endif
