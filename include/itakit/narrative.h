/* Narrative: the sentences an analyst pastes into a report, in Thai or
 * English, from one unit's analysis. The same sentences serve `analyze`,
 * the measure report and the comparison report, so they are written once.
 * Each function appends to a string buffer and appends nothing when it has
 * nothing to say (e.g. no previous year). */
#ifndef ITAKIT_NARRATIVE_H
#define ITAKIT_NARRATIVE_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include "itakit/analysis.h"
#include "itakit/strbuf.h"
#include "itakit/text.h"

typedef struct {
	itakit_lang lang;
	itakit_digits digits;
	double threshold;   /* flag line; < 0: the analysis's */
	double target;      /* < 0: the analysis's */
} itakit_narrative_options;

#define ITAKIT_NARRATIVE_OPTIONS_INIT {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, -1.0, -1.0}

typedef struct {
	const itakit_framework *fw;
	const itakit_unit_analysis *ua;
	const itakit_year_analysis *ya;
	itakit_narrative_options opts; /* resolved */
} itakit_narrative;

/* Prepares a narrative for ua's year ya. */
void itakit_narrative_init(itakit_narrative *n, const itakit_framework *fw,
			   const itakit_unit_analysis *ua, const itakit_year_analysis *ya,
			   const itakit_narrative_options *opts);

/* Overall score, level, pass or fail against the pass line; says when the
 * level is the best the overall alone can prove. */
void itakit_narrative_overall(itakit_strbuf *out, const itakit_narrative *n);
/* Change in overall against the previous year with data, naming that year. */
void itakit_narrative_change(itakit_strbuf *out, const itakit_narrative *n);
/* IIT, EIT and OIT scores. */
void itakit_narrative_tools(itakit_strbuf *out, const itakit_narrative *n);
/* How many indicators are below the threshold, each by name and score,
 * highest first, "และ"/"and" before the last. */
void itakit_narrative_flagged(itakit_strbuf *out, const itakit_narrative *n);
/* Overall trend over the years (three or more), forecast and when the
 * threshold is reached; when the line has no direction (fit.sloped false,
 * or flat) it says so and forecasts nothing. */
void itakit_narrative_trend(itakit_strbuf *out, const itakit_narrative *n);
/* Which indicators moved the overall most (contributions), else the change
 * by tool when only tool scores are there in one year, or what cannot be
 * explained for lack of data. */
void itakit_narrative_drivers(itakit_strbuf *out, const itakit_narrative *n);
/* Where effort pays most: the plan towards the target, or the margin. */
void itakit_narrative_priorities(itakit_strbuf *out, const itakit_narrative *n);

/* Helpers shared with the renderers. */
/* A score with 2 decimals in the narrative's digits (buf >= 48 bytes). */
const char *itakit_narrative_score(const itakit_narrative *n, char *buf, size_t size, double v);
/* A line (pass line, flag line, target): "85" rather than "85.00" when
 * whole, in the given digits (buf >= 48 bytes). */
const char *itakit_narrative_format_line(char *buf, size_t size, double v, itakit_digits digits);
/* A fiscal year in the narrative's digits: BE in Thai ("๒๕๖๖"), CE in
 * English ("2023"). */
const char *itakit_narrative_year(const itakit_narrative *n, char *buf, size_t size, int year);
/* The indicator's name in the narrative's language. */
const char *itakit_narrative_indicator_name(const itakit_narrative *n, int code);

#pragma GCC visibility pop
#endif
