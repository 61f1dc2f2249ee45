/* The progress report on the measures (OIT item O43): how a unit carried out
 * the measures of its improvement-measure report (O42) in the 6-month or the
 * 12-month round of the fiscal year they run in, as an A4 PDF on the shared
 * document layer. The measures are exactly those the O42 report of the same
 * analysis, catalog and threshold lists (itakit_measures_select on the
 * year's flagged indicators); the status file says how far each has got. */
#ifndef ITAKIT_PROGRESS_H
#define ITAKIT_PROGRESS_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include "itakit/analysis.h"
#include "itakit/diag.h"
#include "itakit/measures.h"
#include "itakit/profile.h"
#include "itakit/status.h"
#include "itakit/text.h"

typedef struct {
	itakit_lang lang;                /* English edition: CE years */
	itakit_digits digits;
	const char *font;                /* NULL: the profile's, else Laksaman */
	int round;                       /* 6 or 12 (months into the fiscal year) */
	const itakit_profile *profile;   /* may be NULL */
	const itakit_measures *measures; /* NULL: the built-in catalog */
	const itakit_status *status;     /* required */
	size_t data_units;               /* units in the data set (0: taken as 1): with
					    several, the profile's agency names only the
					    unit of that name, as in the O42 report */
	itakit_profile_date date;        /* the document's date; year 0: the profile's
					    progress_date_6 or _12 for the round, else
					    its date, else none */
} itakit_progress_options;

#define ITAKIT_PROGRESS_OPTIONS_INIT {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, NULL, 6, NULL, NULL, NULL, 0, {0, 0, 0}}

typedef struct {
	int pages;
	size_t n_measures;    /* measures of the plan */
	size_t n_missing;     /* of them, with no row in the status file */
	bool has_next_year;   /* the 12-month round compared Y with Y + 1 */
} itakit_progress_result;

/* Checks the status file's rows for ua's unit against the plan of year
 * (what itakit_progress_write would write from), every problem in diags
 * (see itakit_status_check). Writes nothing. Returns 0, ITAKIT_EINPUT,
 * ITAKIT_ENOTFOUND (no data for year), ITAKIT_EUSAGE or ITAKIT_ENOMEM.
 * The document's date is not checked here (see itakit_progress_date). */
int itakit_progress_check(const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			  const itakit_progress_options *opts, itakit_diag_list *diags);

/* The date the report of opts's round for the results of year carries
 * (see itakit_progress_options.date), in out (year 0: undated). When it
 * falls before the last day of the period the round covers (31 March or
 * 30 September of year + 1), adds a warning to diags naming the date, the
 * round and where the date came from (may be NULL: no warning). Returns 0
 * or ITAKIT_ENOMEM. */
int itakit_progress_date(itakit_profile_date *out, int year, const itakit_progress_options *opts,
			 itakit_diag_list *diags);

/* Checks as itakit_progress_check, then writes the report for the results
 * of year (the measures run in year + 1) to path atomically. ua should be
 * analysed until year + 1 (itakit_analysis_options.until_year), so that the
 * 12-month round can compare year + 1 when the data holds it; the plan
 * depends on year alone. The date's warning (itakit_progress_date) goes to
 * diags. On any error nothing is written. out and diags may
 * be NULL (diags NULL: problems are only counted in the message). */
int itakit_progress_write(itakit_progress_result *out, const char *path,
			  const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			  const itakit_progress_options *opts, itakit_diag_list *diags);

#pragma GCC visibility pop
#endif
