/* The improvement-measure report (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) for
 * one unit and year, as a publishable A4 PDF (see DOMAIN.md for its
 * structure). Built on the document engine (src/render/document.h), the
 * charts and the narrative. */
#ifndef ITAKIT_REPORT_H
#define ITAKIT_REPORT_H

#include "itakit/analysis.h"
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
} itakit_report_options;

#define ITAKIT_REPORT_OPTIONS_INIT {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, NULL, -1.0, -1.0, NULL, NULL, NULL, NULL}

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

#endif
