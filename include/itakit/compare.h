/* The comparison report: many units' ITA results for one fiscal year side by
 * side, as a publishable A4 PDF (Thai by default, or English). It summarises
 * how many units pass against the year before, the best and weakest units,
 * the largest rises and falls, the indicators on which most units fall
 * below the threshold, and which single indicator raised to the threshold
 * would let the most failing units pass; it charts the ranking,
 * the indicator heatmap, each indicator's spread and the change per unit,
 * and tabulates the ranking and the per-indicator statistics. Built on the
 * document engine, the charts and the cohort statistics (analysis.h). */
#ifndef ITAKIT_COMPARE_H
#define ITAKIT_COMPARE_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stddef.h>
#include "itakit/analysis.h"
#include "itakit/framework.h"
#include "itakit/profile.h"
#include "itakit/text.h"

typedef struct {
	itakit_lang lang;
	itakit_digits digits;
	const char *font;       /* font family; NULL: Laksaman */
	double threshold;       /* < 0: the framework's */
	const char *scope;      /* who is compared, shown under the title
				   (e.g. a group "กลุ่มกรุงเทพกลาง"); NULL: nothing */
	size_t max_table_rows;  /* 0: the ranking table lists every unit; else at
				   most this many, the best and the weakest halves
				   (the layout of a table row costs memory: 8,000
				   rows take about 200 MB while the PDF is written) */
	const itakit_profile *profile; /* who prepared it and when (author,
				   date), shown on the title page and in the PDF's
				   Author (the English edition shows an author
				   written in Thai only there); NULL or no date: the
				   date of SOURCE_DATE_EPOCH, else today */
	bool page_numbers_footer; /* "หน้า x จาก y" in the footer instead of
				   the Thai official "- ๒ -" at the top centre
				   (an English edition always has the footer) */
} itakit_compare_options;

#define ITAKIT_COMPARE_OPTIONS_INIT {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, NULL, -1.0, NULL, 0, NULL, false}

/* What the caller may want to tell the user after the report was written. */
typedef struct {
	int pages;
	size_t n_units;      /* units compared (with an overall score for the year) */
	size_t n_pass;
	size_t n_missing;    /* units given without an overall score for the year */
} itakit_compare_result;

/* Writes the comparison of units[0..n) for fiscal year (BE) to path as a PDF,
 * atomically (nothing is left on failure). units are read only; every
 * analysis must hold the year and, for the change figures, the previous
 * year with data (other years are not needed). Units without an overall
 * score that year are named in the report but not compared. out may be
 * NULL. Returns 0, ITAKIT_ENOTFOUND (no unit has a score that year; font
 * missing), ITAKIT_EUSAGE, ITAKIT_ERROR (I/O, a character the font cannot
 * draw) or ITAKIT_ENOMEM, with a message. */
int itakit_compare_write(itakit_compare_result *out, const char *path,
			 const itakit_framework *fw, const itakit_unit_analysis *units,
			 size_t n, int year, const itakit_compare_options *opts);

#pragma GCC visibility pop
#endif
