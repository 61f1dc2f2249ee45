/* Analysis: from the dataset and the framework to scores, levels, flags,
 * changes, trends, contributions, priorities and cross-unit statistics.
 * Knows nothing of pages or CSV. All scores are kept at full precision;
 * derived figures shown beside displayed scores (deltas, gaps) are computed
 * from the rounded (2-decimal) scores, as DOMAIN.md requires. */
#ifndef ITAKIT_ANALYSIS_H
#define ITAKIT_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include "itakit/dataset.h"
#include "itakit/framework.h"
#include "itakit/stats.h"

typedef enum {
	ITAKIT_SRC_NONE = 0,   /* not known */
	ITAKIT_SRC_COMPUTED,   /* from all indicators (overall) or tool's indicators */
	ITAKIT_SRC_REPORTED,   /* given in the input */
	ITAKIT_SRC_FROM_TOOLS  /* overall from the three reported/computed tool scores */
} itakit_score_source;

typedef struct {
	bool known;
	double value;        /* full precision */
	double delta;        /* rounded(this) - rounded(previous); valid if has_delta */
	bool has_delta;
} itakit_score;

/* Issue 7: one step of the plan to reach a target. */
typedef struct {
	int code;            /* indicator */
	double from, to;     /* rounded scores */
	double raise;        /* to - from */
	double overall_gain; /* weight * raise / 100 */
} itakit_priority_step;

typedef struct {
	int year;
	const itakit_framework_era *era;     /* NULL when no era covers the year */
	const itakit_level_scheme *scheme;   /* NULL when none */

	itakit_score overall;
	itakit_score_source overall_source;
	double overall_reported;             /* NaN when not reported */
	itakit_score tool[ITAKIT_MAX_TOOLS];
	itakit_score_source tool_source[ITAKIT_MAX_TOOLS];
	itakit_score indicator[ITAKIT_MAX_INDICATORS];
	size_t n_indicators_known;

	int level;                           /* index into scheme->levels, -1 unknown */
	bool pass;                           /* rounded overall >= threshold */
	double gap;                          /* rounded overall - threshold */

	size_t n_flagged;                    /* indicators strictly below threshold */
	int flagged[ITAKIT_MAX_INDICATORS];  /* codes, highest score first, ties by code */

	int previous_year;                   /* 0 when none */

	/* Contributions to the change in overall (issue 7): weight x change of the
	 * indicator (from rounded scores), in overall points. */
	bool has_contributions;              /* all indicators known both years */
	double contribution[ITAKIT_MAX_INDICATORS];
	double contribution_residual;        /* shown change minus the sum of the
						contributions each rounded on its own;
						spread in 0.01 steps (largest remainder)
						so the shown contributions add up */
	size_t n_drivers;
	int drivers[ITAKIT_MAX_INDICATORS];  /* codes, largest |contribution| first */

	/* Improvement plan (issue 7) towards the analysis target. */
	double target;                       /* the target the plan aims at */
	bool needs_plan;                     /* rounded overall < target */
	bool has_plan;                       /* all indicators known: plan computed */
	bool plan_reachable;                 /* target reachable with indicators <= 100 */
	size_t n_plan;
	itakit_priority_step plan[ITAKIT_MAX_INDICATORS];
	double plan_overall;                 /* overall after the plan */
	double single_to_100[ITAKIT_MAX_INDICATORS];       /* overall gain if raised to 100 */
	double single_to_threshold[ITAKIT_MAX_INDICATORS]; /* overall gain if raised to threshold */
} itakit_year_analysis;

typedef struct {
	itakit_linear_fit fit;   /* x = BE year */
	int reach_year;          /* below threshold and rising: first year projected
				    at or above it; 0 otherwise */
} itakit_trend;

typedef struct {
	const itakit_unit *unit;             /* borrowed from the dataset */
	size_t n_years;
	itakit_year_analysis *years;         /* ascending, same order as unit->years */
	itakit_trend trend_overall;
	itakit_trend trend_tool[ITAKIT_MAX_TOOLS];
	itakit_trend trend_indicator[ITAKIT_MAX_INDICATORS];
} itakit_unit_analysis;

typedef struct {
	double threshold;  /* flag and pass line; default: framework threshold */
	double target;     /* improvement-plan target; default: threshold */
} itakit_analysis_options;

#define ITAKIT_ANALYSIS_OPTIONS_INIT {-1.0, -1.0}

/* Analyses one unit. opts may be NULL. Warnings (a reported overall that
 * differs from the computed one by more than 0.01) go to diags, which may be
 * NULL. The caller releases out with itakit_unit_analysis_release. Returns 0
 * or ITAKIT_ENOMEM. */
int itakit_analysis_run_unit(itakit_unit_analysis *out, const itakit_unit *unit,
			     const itakit_framework *fw,
			     const itakit_analysis_options *opts,
			     itakit_diag_list *diags);
void itakit_unit_analysis_release(itakit_unit_analysis *ua);

/* The year's analysis, or NULL. */
const itakit_year_analysis *itakit_unit_analysis_year(const itakit_unit_analysis *ua, int year);

/* Resolved options (defaults filled in from fw). */
void itakit_analysis_options_resolve(itakit_analysis_options *out,
				     const itakit_analysis_options *in,
				     const itakit_framework *fw);

/* The level's label for ya in lang (0 Thai, 1 English); "" when unknown. */
const char *itakit_level_name(const itakit_year_analysis *ya, int english);

/* --- across units, one year --- */

typedef struct {
	const itakit_unit_analysis *ua;
	const itakit_year_analysis *ya;
	int rank;            /* 1 = best; ties share a rank (1, 2, 2, 4) */
	double percentile;   /* share of the other units scoring strictly lower, 0-100 */
} itakit_cohort_entry;

typedef struct {
	itakit_summary summary;   /* over units that have the indicator */
	size_t n_below;           /* units strictly below the threshold */
	size_t n_pass_if_raised;  /* failing units that would pass if this indicator
				     alone were raised to the threshold (issue 7) */
} itakit_cohort_indicator;

typedef struct {
	int year;
	double threshold;
	size_t n_units;            /* units with an overall score this year */
	size_t n_pass;
	double share_pass;         /* percent */
	itakit_cohort_entry *ranking;   /* n_units, best first, ties by name */
	itakit_summary overall;
	const itakit_framework_era *era;
	size_t n_indicators;
	itakit_cohort_indicator indicator[ITAKIT_MAX_INDICATORS];
	/* against the previous year (units having both years' overall) */
	int previous_year;         /* most common previous year; 0 when none */
	size_t n_pass_previous;
	size_t n_units_previous;
} itakit_cohort;

/* Cross-unit statistics for year over analyses[0..n). Returns 0 or ITAKIT_ENOMEM. */
int itakit_cohort_build(itakit_cohort *out, const itakit_unit_analysis *analyses,
			size_t n, int year, const itakit_analysis_options *opts,
			const itakit_framework *fw);
void itakit_cohort_release(itakit_cohort *c);

#endif
