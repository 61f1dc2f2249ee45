/* Per-unit analysis: scores, levels, flags, changes, trends, contributions
 * and the improvement plan. Displayed figures are rounded once (2 decimals);
 * figures derived from displayed ones (changes, gaps, contributions) are
 * computed from the rounded values so a reader can check them by hand. */
#include "itakit/analysis.h"
#include "itakit/error.h"
#include "itakit/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double itakit_score_round(double v)
{
	return itakit_round(v, 2);
}

void itakit_analysis_options_resolve(itakit_analysis_options *out,
				     const itakit_analysis_options *in,
				     const itakit_framework *fw)
{
	out->threshold = (in && in->threshold >= 0) ? in->threshold : fw->threshold;
	out->target = (in && in->target >= 0) ? in->target : fw->target >= 0 ? fw->target : out->threshold;
	out->until_year = in ? in->until_year : 0;
	out->keep_two_years = in && in->keep_two_years;
}

/* Keeps only year and the previous year with data (the one its changes
 * were computed against), in that order, at the start of ua->years. */
static void keep_two_years(itakit_unit_analysis *ua, int year)
{
	size_t k = ua->n_years;
	while (k > 0 && ua->years[k - 1].year != year)
		k--;
	if (k == 0) { /* the unit has no data that year: nothing to compare */
		ua->n_years = 0;
		return;
	}
	itakit_year_analysis this_year = ua->years[k - 1];
	size_t n = 0;
	for (size_t j = 0; j + 1 < k && this_year.previous_year; j++)
		if (ua->years[j].year == this_year.previous_year)
			ua->years[n++] = ua->years[j];
	ua->years[n++] = this_year;
	ua->n_years = n;
	itakit_year_analysis *smaller = realloc(ua->years, n * sizeof *ua->years);
	if (smaller)
		ua->years = smaller;
}

static void score_set(itakit_score *s, double v)
{
	s->known = true;
	s->value = v;
	s->rounded = itakit_score_round(v);
}

/* Tool and overall scores for one year, from indicators where complete. */
static void compute_scores(itakit_year_analysis *ya, const itakit_unit_year *uy,
			   const itakit_framework *fw)
{
	const itakit_framework_era *era = ya->era;
	const itakit_framework_era *names = era ? era : itakit_framework_era_nearest(fw, ya->year);
	size_t n_ind = era ? era->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		if (!isnan(uy->indicator[i])) {
			score_set(&ya->indicator[i], uy->indicator[i]);
			ya->n_indicators_known++;
		}
	}
	size_t n_tools = names ? names->n_tools : 0;
	for (size_t t = 0; t < n_tools; t++) {
		double sum = 0;
		size_t count = 0, members = 0;
		for (size_t i = 0; i < n_ind; i++) {
			if (era->indicators[i].tool != (int)t)
				continue;
			members++;
			if (ya->indicator[i].known) {
				sum += ya->indicator[i].value;
				count++;
			}
		}
		if (members && count == members) {
			score_set(&ya->tool[t], sum / (double)count);
			ya->tool_source[t] = ITAKIT_SRC_COMPUTED;
		} else if (!isnan(uy->tool[t])) {
			score_set(&ya->tool[t], uy->tool[t]);
			ya->tool_source[t] = ITAKIT_SRC_REPORTED;
		}
	}
	ya->overall_reported = uy->overall;
	ya->overall_check = NAN;
	bool all_indicators = era && ya->n_indicators_known == n_ind && n_ind > 0;
	bool all_tools = n_tools > 0;
	double weighted = 0;
	for (size_t t = 0; t < n_tools; t++) {
		if (!ya->tool[t].known)
			all_tools = false;
		else
			weighted += names->tools[t].weight / 100.0 * ya->tool[t].value;
	}
	/* every indicator known means every tool computed from them */
	itakit_score_source how = all_indicators ? ITAKIT_SRC_COMPUTED
				  : all_tools ? ITAKIT_SRC_FROM_TOOLS : ITAKIT_SRC_NONE;
	if (!isnan(uy->overall)) {
		/* the overall as published is the figure of record; the
		 * recomputation is only a check */
		score_set(&ya->overall, uy->overall);
		ya->overall_source = ITAKIT_SRC_REPORTED;
		if (how != ITAKIT_SRC_NONE) {
			ya->overall_check = weighted;
			ya->overall_check_source = how;
		}
	} else if (how != ITAKIT_SRC_NONE) {
		score_set(&ya->overall, weighted);
		ya->overall_source = how;
	}
}

static void assign_level(itakit_year_analysis *ya, const itakit_framework *fw)
{
	ya->level = -1;
	const itakit_level_scheme *scheme = ya->scheme;
	if (!scheme || !ya->overall.known)
		return;
	const itakit_framework_era *names = ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
	bool tools_known = names && names->n_tools > 0;
	for (size_t t = 0; tools_known && t < names->n_tools; t++)
		tools_known = ya->tool[t].known;
	bool uses_tools = false;
	for (size_t l = 0; l < scheme->n_levels; l++)
		uses_tools |= scheme->levels[l].min_each_tool >= 0;
	ya->level_basis = !uses_tools ? ITAKIT_LEVEL_BASIS_OVERALL
		: tools_known ? ITAKIT_LEVEL_BASIS_OVERALL_TOOLS : ITAKIT_LEVEL_BASIS_OVERALL_ONLY;
	for (size_t l = 0; l < scheme->n_levels; l++) {
		const itakit_level_def *def = &scheme->levels[l];
		if (ya->overall.rounded < def->min_overall)
			continue;
		if (def->min_each_tool >= 0) {
			/* never a level the data does not prove */
			if (!tools_known) {
				ya->level_capped = true;
				continue;
			}
			bool ok = true;
			for (size_t t = 0; ok && t < names->n_tools; t++)
				ok = ya->tool[t].rounded >= def->min_each_tool;
			if (!ok)
				continue;
		}
		ya->level = (int)l;
		return;
	}
}

/* Sorting context for qsort-free insertion sorts over at most 16 codes. */
static void sort_codes(int *codes, size_t n, const double *key, bool by_abs)
{
	for (size_t i = 1; i < n; i++) {
		int c = codes[i];
		double k = by_abs ? fabs(key[c - 1]) : key[c - 1];
		size_t j = i;
		while (j > 0) {
			double kp = by_abs ? fabs(key[codes[j - 1] - 1]) : key[codes[j - 1] - 1];
			if (kp > k || (kp == k && codes[j - 1] < c))
				break;
			codes[j] = codes[j - 1];
			j--;
		}
		codes[j] = c;
	}
}

/* Judges every known score against the flag line, once: the flags and gaps
 * everything downstream shows. */
static void judge(itakit_score *s, double threshold)
{
	if (!s->known)
		return;
	s->flagged = s->rounded < threshold;
	s->gap = itakit_score_round(s->rounded - threshold);
}

static void flag_indicators(itakit_year_analysis *ya, double threshold)
{
	double rounded[ITAKIT_MAX_INDICATORS];
	size_t n_ind = ya->era ? ya->era->n_indicators : 0;
	judge(&ya->overall, threshold);
	for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
		judge(&ya->tool[t], threshold);
	for (size_t i = 0; i < n_ind; i++) {
		itakit_score *s = &ya->indicator[i];
		if (!s->known)
			continue;
		judge(s, threshold);
		rounded[i] = s->rounded;
		if (s->flagged)
			ya->flagged[ya->n_flagged++] = (int)i + 1;
	}
	sort_codes(ya->flagged, ya->n_flagged, rounded, false);
}

static void delta_set(itakit_score *cur, const itakit_score *prev)
{
	if (cur->known && prev->known) {
		cur->delta = itakit_score_round(cur->rounded - prev->rounded);
		cur->has_delta = true;
	}
}

/* Each indicator's share of the overall as a fraction (0.06 for one of five
 * indicators of a 30% tool): the framework's weight, counted once a year. */
static void indicator_weights(double *w, const itakit_framework_era *era)
{
	size_t members[ITAKIT_MAX_TOOLS] = {0};
	for (size_t i = 0; i < era->n_indicators; i++)
		members[era->indicators[i].tool]++;
	for (size_t i = 0; i < era->n_indicators; i++) {
		int tool = era->indicators[i].tool;
		w[i] = era->tools[tool].weight / (double)members[tool] / 100.0;
	}
}

/* Rounds raw[0..n) (in hundredths) to whole hundredths that add up to want:
 * the difference is spread in single steps, each to the item whose rounding
 * moved it furthest the other way. Returns want minus the plain sum. */
static long spread_cents(long *cents, const double *raw, size_t n, long want)
{
	long total = 0;
	for (size_t i = 0; i < n; i++) {
		cents[i] = lround(raw[i]);
		total += cents[i];
	}
	long diff = want - total, residual = diff;
	while (diff != 0 && n > 0) {
		size_t best = n;
		double best_gap = 0;
		for (size_t i = 0; i < n; i++) {
			double gap = (raw[i] - (double)cents[i]) * (diff > 0 ? 1 : -1);
			if (best == n || gap > best_gap) {
				best = i;
				best_gap = gap;
			}
		}
		long step = diff > 0 ? 1 : -1;
		cents[best] += step;
		diff -= step;
	}
	return residual;
}

/* Splits the shown change in overall into per-indicator contributions
 * (weight x change of the rounded indicator). Each is rounded to 0.01 and the
 * difference to the shown change is spread in 0.01 steps over the largest
 * remainders, so the shown contributions add up to the shown change. */
static void compute_contributions(itakit_year_analysis *ya, const itakit_year_analysis *prev)
{
	const itakit_framework_era *era = ya->era;
	if (!era || prev->era != era || !ya->overall.has_delta ||
	    ya->n_indicators_known != era->n_indicators ||
	    prev->n_indicators_known != era->n_indicators)
		return;
	size_t n = era->n_indicators;
	double raw[ITAKIT_MAX_INDICATORS] = {0}, w[ITAKIT_MAX_INDICATORS];
	long cents[ITAKIT_MAX_INDICATORS];
	indicator_weights(w, era);
	for (size_t i = 0; i < n; i++)
		raw[i] = w[i] * ya->indicator[i].delta * 100.0; /* in hundredths */
	long diff = spread_cents(cents, raw, n, lround(ya->overall.delta * 100.0));
	ya->contribution_residual = (double)diff / 100.0;
	for (size_t i = 0; i < n; i++) {
		ya->contribution[i] = (double)cents[i] / 100.0;
		if (cents[i] != 0)
			ya->drivers[ya->n_drivers++] = (int)i + 1;
	}
	sort_codes(ya->drivers, ya->n_drivers, ya->contribution, true);
	ya->has_contributions = true;
}

/* Without indicators in both years but with every tool score in both: the
 * change by tool, weight x change of the rounded tool score, adding up to
 * the shown change as the indicators' contributions do. */
static void compute_tool_contributions(itakit_year_analysis *ya, const itakit_year_analysis *prev,
				       const itakit_framework *fw)
{
	const itakit_framework_era *names = ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
	const itakit_framework_era *prev_names = prev->era ? prev->era : itakit_framework_era_nearest(fw, prev->year);
	if (ya->has_contributions || !ya->overall.has_delta || !names || names != prev_names || names->n_tools == 0)
		return;
	size_t n = names->n_tools;
	double raw[ITAKIT_MAX_TOOLS];
	long cents[ITAKIT_MAX_TOOLS];
	for (size_t t = 0; t < n; t++) {
		if (!ya->tool[t].has_delta)
			return;
		raw[t] = names->tools[t].weight / 100.0 * ya->tool[t].delta * 100.0;
	}
	long diff = spread_cents(cents, raw, n, lround(ya->overall.delta * 100.0));
	ya->contribution_residual = (double)diff / 100.0;
	for (size_t t = 0; t < n; t++)
		ya->tool_contribution[t] = (double)cents[t] / 100.0;
	ya->has_tool_contributions = true;
}

static void compute_changes(itakit_year_analysis *ya, const itakit_year_analysis *prev,
			    const itakit_framework *fw)
{
	ya->previous_year = prev->year;
	delta_set(&ya->overall, &prev->overall);
	for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
		delta_set(&ya->tool[t], &prev->tool[t]);
	if (ya->era && prev->era == ya->era)
		for (size_t i = 0; i < ya->era->n_indicators; i++)
			delta_set(&ya->indicator[i], &prev->indicator[i]);
	compute_contributions(ya, prev);
	compute_tool_contributions(ya, prev, fw);
}

/* Overall computed from (rounded) indicator scores and their weights. */
static double overall_of(const double *weight, size_t n, const double *scores)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += weight[i] * scores[i];
	return sum;
}

/* The improvement plan: the fewest indicators whose rise lifts the overall
 * to the target. The fewest are those with the most room in overall points
 * (weight x (100 - score)); among them the rise goes first to the heaviest
 * weights (most overall points per point gained), each up to 100. */
static void compute_plan(itakit_year_analysis *ya, double threshold, double target)
{
	const itakit_framework_era *era = ya->era;
	ya->target = target;
	if (!ya->overall.known)
		return;
	ya->needs_plan = ya->overall.rounded < target;
	if (!era || ya->n_indicators_known != era->n_indicators)
		return;
	size_t n = era->n_indicators;
	double score[ITAKIT_MAX_INDICATORS], weight[ITAKIT_MAX_INDICATORS];
	double room[ITAKIT_MAX_INDICATORS] = {0};
	int order[ITAKIT_MAX_INDICATORS];
	indicator_weights(weight, era);
	for (size_t i = 0; i < n; i++) {
		score[i] = ya->indicator[i].rounded;
		room[i] = weight[i] * (100.0 - score[i]);
		/* gains from the shown distances (85 - 83.15 is 1.85 less a
		 * binary hair, which would turn 0.1 x 1.85 = 0.185 into 0.18) */
		ya->single_to_100[i] = itakit_score_round(weight[i] * itakit_score_round(100.0 - score[i]));
		ya->single_to_threshold[i] = ya->indicator[i].flagged
			? itakit_score_round(weight[i] * -ya->indicator[i].gap) : 0.0;
		order[i] = (int)i + 1;
	}
	ya->has_plan = true;
	if (!ya->needs_plan)
		return;
	double current = overall_of(weight, n, score);
	double need = target - current;
	sort_codes(order, n, room, false);
	/* fewest indicators: take by room until it covers the need */
	size_t k = 0;
	double covered = 0;
	while (k < n && covered < need - 1e-9 && room[order[k] - 1] > 0)
		covered += room[order[k++] - 1];
	ya->plan_reachable = covered >= need - 1e-9;
	/* within those k, spend the rise on the heaviest weights first */
	int chosen[ITAKIT_MAX_INDICATORS];
	memcpy(chosen, order, k * sizeof *chosen);
	sort_codes(chosen, k, weight, false);
	double after[ITAKIT_MAX_INDICATORS];
	memcpy(after, score, n * sizeof *after);
	double left = need;
	for (size_t j = 0; j < k && left > 1e-9; j++) {
		int i = chosen[j] - 1;
		double rise = left / weight[i];
		if (rise > 100.0 - score[i] || !ya->plan_reachable)
			rise = 100.0 - score[i];
		rise = ceil(rise * 100.0 - 1e-6) / 100.0; /* whole hundredths, rounding up */
		if (score[i] + rise > 100.0)
			rise = 100.0 - score[i];
		after[i] = itakit_score_round(score[i] + rise);
		left -= weight[i] * (after[i] - score[i]);
	}
	/* guard against a last hundredth lost to binary rounding */
	for (size_t j = 0; ya->plan_reachable && j < k && itakit_score_round(overall_of(weight, n, after)) < target; j++) {
		int i = chosen[j] - 1;
		if (after[i] < 100.0)
			after[i] = itakit_score_round(after[i] + 0.01);
	}
	for (size_t j = 0; j < k; j++) {
		int i = chosen[j] - 1;
		if (after[i] <= score[i])
			continue;
		itakit_priority_step *st = &ya->plan[ya->n_plan++];
		st->code = i + 1;
		st->from = score[i];
		st->to = after[i];
		st->raise = itakit_score_round(after[i] - score[i]);
		st->overall_gain = itakit_score_round(weight[i] * st->raise);
		st->still_below = st->to < threshold;
	}
	ya->plan_overall = overall_of(weight, n, after);
}

/* Fits one series over every year with a score (no cap on their number).
 * A slope that rounds to 0.00 a year is flat: it reaches nothing. */
static int fit_series(itakit_trend *tr, const itakit_unit_analysis *ua, size_t kind, size_t index,
		      double line, double x_next, double *x, double *y)
{
	size_t n = 0;
	for (size_t k = 0; k < ua->n_years; k++) {
		const itakit_year_analysis *ya = &ua->years[k];
		const itakit_score *s = kind == 0 ? &ya->overall : kind == 1 ? &ya->tool[index] : &ya->indicator[index];
		if (s->known) {
			x[n] = ya->year;
			y[n] = s->value;
			n++;
		}
	}
	itakit_stats_fit(&tr->fit, x, y, n, x_next);
	tr->reach_year = 0;
	tr->flat = tr->fit.ok && itakit_score_round(tr->fit.slope) == 0;
	if (!tr->fit.ok || tr->flat || tr->fit.slope <= 0 || itakit_score_round(y[n - 1]) >= line)
		return 0;
	double at = (line - tr->fit.intercept) / tr->fit.slope;
	if (!isfinite(at) || at > 9999) /* beyond any fiscal year worth naming */
		return 0;
	int year = (int)ceil(at - 1e-9);
	if (year <= (int)x[n - 1])
		year = (int)x[n - 1] + 1;
	tr->reach_year = year;
	return 0;
}

static int compute_trends(itakit_unit_analysis *ua, double threshold, double pass_line)
{
	if (ua->n_years == 0)
		return 0;
	double *x = malloc(2 * ua->n_years * sizeof *x);
	if (!x)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	double *y = x + ua->n_years;
	double x_next = ua->years[ua->n_years - 1].year + 1;
	fit_series(&ua->trend_overall, ua, 0, 0, pass_line, x_next, x, y);
	for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
		fit_series(&ua->trend_tool[t], ua, 1, t, threshold, x_next, x, y);
	for (size_t i = 0; i < ITAKIT_MAX_INDICATORS; i++)
		fit_series(&ua->trend_indicator[i], ua, 2, i, threshold, x_next, x, y);
	free(x);
	return 0;
}

/* A given overall against its recomputation: any difference that shows at
 * two decimals is worth a look (aggregates over agencies can differ by
 * 0.01); a larger one is most likely a typing error. */
static void check_given_overall(const itakit_year_analysis *ya, const itakit_unit *unit,
				const itakit_unit_year *uy, const itakit_framework *fw,
				itakit_diag_list *diags)
{
	if (!diags || ya->overall_source != ITAKIT_SRC_REPORTED || isnan(ya->overall_check))
		return;
	double given = ya->overall.rounded, again = itakit_score_round(ya->overall_check);
	double diff = itakit_score_round(fabs(given - again));
	if (diff < 0.01)
		return;
	char from[64] = "the indicators";
	if (ya->overall_check_source == ITAKIT_SRC_FROM_TOOLS) {
		const itakit_framework_era *names = ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
		size_t len = (size_t)snprintf(from, sizeof from, "the tool scores");
		for (size_t t = 0; names && t < names->n_tools && len < sizeof from; t++)
			len += (size_t)snprintf(from + len, sizeof from - len, "%s%s", t ? t + 1 == names->n_tools ? " and " : ", " : " (",
						names->tools[t].code);
		if (names && names->n_tools && len < sizeof from)
			snprintf(from + len, sizeof from - len, ")");
	}
	itakit_diag_add(diags, ITAKIT_DIAG_WARNING, uy->overall_file, uy->overall_line, 0,
			"%s %d: the overall given is %.2f but %s give %.2f (a difference of %.2f%s); "
			"the given %.2f is kept as the figure of record",
			unit->name, uy->year, given, from, again, diff,
			diff > 0.05 ? ", probably a typing error" : "", given);
}

int itakit_analysis_run_unit(itakit_unit_analysis *out, const itakit_unit *unit,
			     const itakit_framework *fw,
			     const itakit_analysis_options *opts,
			     itakit_diag_list *diags)
{
	memset(out, 0, sizeof *out);
	itakit_analysis_options o;
	itakit_analysis_options_resolve(&o, opts, fw);
	out->unit = unit;
	/* as of until_year: later years take no part in any figure */
	size_t n_years = 0;
	while (n_years < unit->n_years && (!o.until_year || unit->years[n_years].year <= o.until_year))
		n_years++;
	out->n_years = n_years;
	if (n_years) {
		out->years = calloc(n_years, sizeof *out->years);
		if (!out->years)
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	for (size_t k = 0; k < n_years; k++) {
		const itakit_unit_year *uy = &unit->years[k];
		itakit_year_analysis *ya = &out->years[k];
		ya->year = uy->year;
		ya->threshold = o.threshold;
		ya->pass_line = fw->pass_line;
		ya->era = itakit_framework_era_for(fw, uy->year);
		ya->scheme = itakit_framework_scheme_for(fw, uy->year);
		compute_scores(ya, uy, fw);
		check_given_overall(ya, unit, uy, fw, diags);
		assign_level(ya, fw);
		if (ya->overall.known) {
			ya->pass = ya->overall.rounded >= ya->pass_line;
			ya->gap = itakit_score_round(ya->overall.rounded - ya->pass_line);
		}
		flag_indicators(ya, o.threshold);
		/* the previous year is the latest earlier one with an overall score */
		for (size_t j = k; j-- > 0;) {
			if (out->years[j].overall.known) {
				compute_changes(ya, &out->years[j], fw);
				break;
			}
		}
		compute_plan(ya, o.threshold, o.target);
	}
	int rc = compute_trends(out, o.threshold, fw->pass_line);
	if (rc)
		itakit_unit_analysis_release(out);
	else if (o.keep_two_years && o.until_year)
		keep_two_years(out, o.until_year);
	return rc;
}

void itakit_unit_analysis_init(itakit_unit_analysis *ua)
{
	memset(ua, 0, sizeof *ua);
}

void itakit_unit_analysis_release(itakit_unit_analysis *ua)
{
	free(ua->years);
	itakit_unit_analysis_init(ua);
}

const itakit_year_analysis *itakit_unit_analysis_year(const itakit_unit_analysis *ua, int year)
{
	for (size_t k = 0; k < ua->n_years; k++)
		if (ua->years[k].year == year)
			return &ua->years[k];
	return NULL;
}

bool itakit_level_is_verdict(const itakit_year_analysis *ya)
{
	const char *name = itakit_level_name(ya, 0);
	return *name && (unsigned char)name[0] >= 0x80; /* Thai words, not a letter */
}

const char *itakit_level_basis_name(itakit_level_basis basis)
{
	switch (basis) {
	case ITAKIT_LEVEL_BASIS_OVERALL: return "overall";
	case ITAKIT_LEVEL_BASIS_OVERALL_TOOLS: return "overall and tools";
	case ITAKIT_LEVEL_BASIS_OVERALL_ONLY: return "overall only";
	default: return NULL;
	}
}

const char *itakit_level_name(const itakit_year_analysis *ya, int english)
{
	if (!ya->scheme || ya->level < 0)
		return "";
	const itakit_level_def *def = &ya->scheme->levels[ya->level];
	return english ? def->name_en : def->name_th;
}
