/* Analysis: from the dataset and the framework to scores, levels, flags,
 * changes, trends, contributions, priorities and cross-unit statistics.
 * Knows nothing of pages or CSV. Scores are kept at full precision beside
 * their published (2-decimal) rounding; derived figures shown beside
 * displayed scores (deltas, gaps) are computed from the rounded scores, and
 * the result records the lines it was judged against, so that nothing
 * downstream has to compare or round again (docs/domain.md). */
#ifndef ITAKIT_ANALYSIS_H
#define ITAKIT_ANALYSIS_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

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

/* A score as published: 2 decimals, half away from zero (82.445 -> 82.45),
 * as a spreadsheet's ROUND. The one rounding rule for every displayed score
 * and every figure derived from displayed scores. */
double itakit_score_round(double v);

typedef struct {
	bool known;
	double value;        /* full precision */
	double rounded;      /* itakit_score_round(value), as shown */
	bool flagged;        /* rounded < the flag line (indicators and overall) */
	double gap;          /* rounded - the flag line, from rounded values */
	double delta;        /* rounded(this) - rounded(previous); valid if has_delta */
	bool has_delta;
} itakit_score;

/* What the level was decided on. Schemes whose best levels need every tool
 * score cannot prove them from the overall alone. */
typedef enum {
	ITAKIT_LEVEL_BASIS_NONE = 0,       /* no level */
	ITAKIT_LEVEL_BASIS_OVERALL,        /* the scheme looks at the overall only */
	ITAKIT_LEVEL_BASIS_OVERALL_TOOLS,  /* overall and every tool score */
	ITAKIT_LEVEL_BASIS_OVERALL_ONLY    /* tool scores needed but unknown: the
					      level is the best the overall proves */
} itakit_level_basis;

/* One step of the plan to reach a target. */
typedef struct {
	int code;            /* indicator */
	double from, to;     /* rounded scores */
	double raise;        /* to - from */
	double overall_gain; /* weight * raise / 100 */
	bool still_below;    /* `to` is still below the flag line */
} itakit_priority_step;

typedef struct {
	int year;
	const itakit_framework_era *era;     /* NULL when no era covers the year */
	const itakit_level_scheme *scheme;   /* NULL when none */

	/* The lines this year was judged against (from the options). */
	double threshold;                    /* flag line: indicators below it */
	double pass_line;                    /* official pass line (framework) */

	/* The overall of record: the one given in the input when there is one
	 * (as published), else computed. */
	itakit_score overall;
	itakit_score_source overall_source;
	double overall_reported;             /* NaN when not reported */
	double overall_check;                /* a given overall recomputed from the
						indicators or tool scores (full
						precision); NaN when it cannot be */
	itakit_score_source overall_check_source; /* COMPUTED or FROM_TOOLS */
	itakit_score tool[ITAKIT_MAX_TOOLS];
	itakit_score_source tool_source[ITAKIT_MAX_TOOLS];
	itakit_score indicator[ITAKIT_MAX_INDICATORS];
	size_t n_indicators_known;

	int level;                           /* index into scheme->levels, -1 unknown */
	itakit_level_basis level_basis;
	bool level_capped;                   /* a better level's overall condition is
						met but its tool condition cannot be
						checked (tool scores unknown) */
	bool pass;                           /* rounded overall >= pass line */
	double gap;                          /* rounded overall - pass line */

	size_t n_flagged;                    /* indicators strictly below the flag line */
	int flagged[ITAKIT_MAX_INDICATORS];  /* codes, highest score first, ties by code */

	int previous_year;                   /* 0 when none */

	/* Contributions to the change in overall: weight x change of the
	 * indicator (from rounded scores), in overall points. */
	bool has_contributions;              /* all indicators known both years */
	double contribution[ITAKIT_MAX_INDICATORS];
	double contribution_residual;        /* shown change minus the sum of the
						contributions each rounded on its own;
						spread in 0.01 steps (largest remainder)
						so the shown contributions add up */
	size_t n_drivers;
	int drivers[ITAKIT_MAX_INDICATORS];  /* codes, largest |contribution| first */
	/* When indicators are missing in either year but both years have every
	 * tool score: the change by tool (weight x change of the rounded tool
	 * score), adding up to the shown change the same way. */
	bool has_tool_contributions;
	double tool_contribution[ITAKIT_MAX_TOOLS];

	/* Improvement plan towards the analysis target. */
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
	bool flat;               /* slope rounds to 0.00 a year */
	int reach_year;          /* below the line and rising (not flat): first year
				    projected at or above it; 0 otherwise. The
				    overall aims at the pass line, tools and
				    indicators at the flag line */
} itakit_trend;

typedef struct {
	const itakit_unit *unit;             /* borrowed from the dataset */
	size_t n_years;
	itakit_year_analysis *years;         /* ascending, the unit's years up to
						the options' until_year */
	itakit_trend trend_overall;
	itakit_trend trend_tool[ITAKIT_MAX_TOOLS];
	itakit_trend trend_indicator[ITAKIT_MAX_INDICATORS];
} itakit_unit_analysis;

typedef struct {
	double threshold;  /* flag line; < 0: the framework's threshold */
	double target;     /* improvement-plan target; < 0: the framework's
			      target, else the flag line */
	int until_year;    /* analyse as of this fiscal year: later years are
			      left out of every figure (trend, forecast, plan);
			      0: every year */
	bool keep_two_years; /* with until_year: keep only that year and the
				previous one with data in the result (the trends
				are fitted on every year first), so that thousands
				of units fit in little memory (the comparison) */
} itakit_analysis_options;

#define ITAKIT_ANALYSIS_OPTIONS_INIT {-1.0, -1.0, 0, false}

/* Analyses one unit. opts may be NULL. Warnings go to diags, which may be
 * NULL: a given overall that differs from its recomputation (from the
 * indicators, or else from the tool scores) names both values and the line;
 * the given figure stays the one of record. The caller releases out with
 * itakit_unit_analysis_release. Returns 0 or ITAKIT_ENOMEM. */
/* An empty analysis (nothing to release). */
void itakit_unit_analysis_init(itakit_unit_analysis *ua);

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

/* True when the level's label is a verdict in words (ผ่าน, ต้องปรับปรุง: the
 * pass family from 2566) rather than a letter grade (A): such a label
 * already says pass or not and needs no "passed the line" beside it. */
bool itakit_level_is_verdict(const itakit_year_analysis *ya);

/* "overall", "overall and tools", "overall only"; NULL for no level. */
const char *itakit_level_basis_name(itakit_level_basis basis);

/* --- across units, one year --- */

typedef struct {
	const itakit_unit_analysis *ua;
	const itakit_year_analysis *ya;
	int rank;            /* 1 = best; ties share a rank (1, 2, 2, 4) */
	double percentile;   /* share of the other units scoring strictly lower, 0-100 */
} itakit_cohort_entry;

typedef struct {
	itakit_summary summary;   /* over units that have the indicator */
	size_t n_below;           /* units strictly below the flag line */
	size_t n_pass_if_raised;  /* failing units that would pass if this indicator
				     alone were raised to the flag line */
} itakit_cohort_indicator;

typedef struct {
	int year;
	double threshold;          /* flag line */
	double pass_line;          /* official pass line */
	size_t n_units;            /* units with an overall score this year */
	size_t n_pass;             /* at or above the pass line */
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
/* An empty cohort (nothing to release). */
void itakit_cohort_init(itakit_cohort *c);

int itakit_cohort_build(itakit_cohort *out, const itakit_unit_analysis *analyses,
			size_t n, int year, const itakit_analysis_options *opts,
			const itakit_framework *fw);
void itakit_cohort_release(itakit_cohort *c);

#pragma GCC visibility pop
#endif
