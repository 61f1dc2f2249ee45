/* The improvement-measure report (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) for
 * one unit and year, as a publishable A4 PDF (see docs/domain.md for its
 * structure). Built on the document engine (src/render/document.h), the
 * charts and the narrative. */
#ifndef ITAKIT_REPORT_H
#define ITAKIT_REPORT_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include "itakit/analysis.h"
#include "itakit/dataset.h"
#include "itakit/diag.h"
#include "itakit/measures.h"
#include "itakit/profile.h"
#include "itakit/text.h"

typedef struct {
	itakit_lang lang;
	itakit_digits digits;
	const char *font;                      /* NULL: the profile's, else Laksaman */
	double threshold;                      /* < 0: the framework's */
	double target;                         /* < 0: the threshold (plan target) */
	const itakit_profile *profile;         /* may be NULL */
	const itakit_measures *measures;       /* NULL: the built-in catalog */
	const itakit_unit_analysis *reference; /* optional second series on the overall
						  chart (national average); may be NULL */
	const char *reference_label;           /* its name in the legend and caption;
						  NULL: the reference unit's name */
	size_t data_units;                     /* units in the data set the unit comes
						  from (0: not said, taken as 1): with
						  several, the profile's agency names only
						  the unit of that name (see resolve in
						  report.c) */
} itakit_report_options;

#define ITAKIT_REPORT_OPTIONS_INIT {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, NULL, -1.0, -1.0, NULL, NULL, NULL, NULL, 0}

/* What the caller may want to tell the user after a report was written. */
typedef struct {
	int pages;
	size_t n_uncovered;                     /* flagged indicators no measure covers */
	int uncovered[ITAKIT_MAX_INDICATORS];
} itakit_report_result;

/* Writes the report for ua's year to path (atomically: temporary file and
 * rename; nothing is left on failure). out may be NULL. ua must have been
 * analysed with the threshold and target the options ask for (negative
 * options take the analysis's own; a different value is ITAKIT_EUSAGE),
 * since the flags and the plan come from the analysis. Calls share no state
 * of itakit's but the read-only inputs (and the temporary-file registry,
 * which is safe across threads); whether pango and fontconfig allow calls
 * on several threads at once depends on their versions, so batch uses
 * processes instead. Returns 0,
 * ITAKIT_ENOTFOUND (no such year, font missing), ITAKIT_EUSAGE, ITAKIT_ERROR
 * (I/O) or ITAKIT_ENOMEM, with a message. */
int itakit_report_write(itakit_report_result *out, const char *path,
			const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			const itakit_report_options *opts);

/* ---- what a report is made from, besides the scores ----------------------
 *
 * The rules that decide a report's inputs live here, so that every command
 * writing reports (report, batch) makes the same document from the same
 * files:
 *  - language: the command line's, else the profile's, else Thai;
 *  - digits: the command line's; else the profile's when the profile's
 *    language is the report's (or the profile gives no language); else Thai
 *    digits for Thai, Arabic for English;
 *  - measures: the given catalog, else data/measures.csv or the built-in copy;
 *  - national average: the given file; else national_averages.csv in the
 *    directory of the first score file when it exists and is not itself one
 *    of the score files; none when asked for none. Its first unit is the
 *    reference series, labelled "national average" in English;
 *  - English edition: every free-text profile key given without its _en
 *    twin is a warning naming both keys (the Thai text is printed instead). */
typedef struct {
	const char *const *data_files;  /* the score files read (may be NULL) */
	size_t n_data_files;
	const char *profile_path;       /* NULL: no profile */
	const char *measures_path;      /* NULL: the default catalog */
	const char *national_path;      /* NULL: looked for beside data_files[0] */
	bool no_national;               /* no national average at all */
	bool lang_set;                  /* lang was given on the command line */
	itakit_lang lang;
	bool digits_set;                /* digits were given on the command line */
	itakit_digits digits;
	int year;                       /* report year (BE) for the catalog's
					   indicator range; 0: the latest era */
	const char *measures_sheet;     /* a workbook catalog's sheet; NULL: the
					   first that holds a catalog */
} itakit_report_input_options;

#define ITAKIT_REPORT_INPUT_OPTIONS_INIT {NULL, 0, NULL, NULL, NULL, false, false, \
	ITAKIT_LANG_TH, false, ITAKIT_DIGITS_THAI, 0, NULL}

typedef struct {
	itakit_profile profile;         /* empty when no profile was given */
	itakit_measures measures;
	char *national_path;            /* owned: the national file read, or NULL */
	itakit_dataset national_data;
	itakit_unit_analysis national;  /* valid when have_national */
	bool have_national;
	itakit_lang lang;               /* resolved */
	itakit_digits digits;
} itakit_report_inputs;

void itakit_report_inputs_init(itakit_report_inputs *in);
/* Frees what in owns and re-initialises it. */
void itakit_report_inputs_release(itakit_report_inputs *in);

/* Loads the profile, the catalog and the national average by the rules
 * above (ao: the analysis options the units are analysed with, for the
 * national series). Problems in the files go to diags with their
 * positions; warnings too. out must be initialised. Returns 0, or the
 * first loader's error (out is then released). */
int itakit_report_inputs_load(itakit_report_inputs *out, const itakit_report_input_options *opts,
			      const itakit_framework *fw, const itakit_analysis_options *ao,
			      itakit_diag_list *diags);

/* Report options for these inputs (language, digits, profile, catalog,
 * reference series and its label); threshold, target, font and data_units
 * are left as ITAKIT_REPORT_OPTIONS_INIT has them for the caller to set.
 * The options borrow from in. */
itakit_report_options itakit_report_inputs_options(const itakit_report_inputs *in);

#pragma GCC visibility pop
#endif
