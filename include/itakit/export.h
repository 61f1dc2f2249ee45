/* Exports of the analysis as text for people (Thai or English sentences and
 * tables), JSON and CSV for programs. The output is appended to a string
 * buffer; the caller writes it out. */
#ifndef ITAKIT_EXPORT_H
#define ITAKIT_EXPORT_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include "itakit/analysis.h"
#include "itakit/strbuf.h"
#include "itakit/text.h"

typedef struct {
	itakit_lang lang;
	itakit_digits digits;      /* text only; JSON and CSV use Arabic digits */
	double threshold;          /* < 0: framework's */
	double target;             /* < 0: threshold */
	int year;                  /* 0: every year (JSON, CSV); latest (text) */
} itakit_export_options;

#define ITAKIT_EXPORT_OPTIONS_INIT {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, -1.0, -1.0, 0}

/* units[0..n) analysed with the same options. The cohort (cross-unit
 * statistics) is included when n > 1; cohort may be NULL otherwise.
 * Return 0 or ITAKIT_ENOMEM. */
int itakit_export_json(itakit_strbuf *out, const itakit_framework *fw,
		       const itakit_unit_analysis *units, size_t n,
		       const itakit_cohort *cohort, const itakit_export_options *opts);
int itakit_export_csv(itakit_strbuf *out, const itakit_framework *fw,
		      const itakit_unit_analysis *units, size_t n,
		      const itakit_export_options *opts);
int itakit_export_text(itakit_strbuf *out, const itakit_framework *fw,
		       const itakit_unit_analysis *units, size_t n,
		       const itakit_cohort *cohort, const itakit_export_options *opts);

/* The latest year present in any of the analyses (0 when none). */
int itakit_analyses_latest_year(const itakit_unit_analysis *units, size_t n);

#pragma GCC visibility pop
#endif
