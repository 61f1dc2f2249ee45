/* Per-unit analysis: scores, levels, flags, changes, trends, contributions
 * and the improvement plan. Displayed figures are rounded once (2 decimals);
 * figures derived from displayed ones (changes, gaps, contributions) are
 * computed from the rounded values so a reader can check them by hand. */
#include "itakit/analysis.h"
#include "itakit/error.h"
#include "itakit/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define R2(v) itakit_round((v), 2)

void itakit_analysis_options_resolve(itakit_analysis_options *out,
				     const itakit_analysis_options *in,
				     const itakit_framework *fw)
{
	out->threshold = (in && in->threshold >= 0) ? in->threshold : fw->threshold;
	out->target = (in && in->target >= 0) ? in->target : out->threshold;
}

static void score_set(itakit_score *s, double v)
{
	s->known = true;
	s->value = v;
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
	bool all_indicators = era && ya->n_indicators_known == n_ind && n_ind > 0;
	bool all_tools = n_tools > 0;
	double weighted = 0;
	for (size_t t = 0; t < n_tools; t++) {
		if (!ya->tool[t].known)
			all_tools = false;
		else
			weighted += names->tools[t].weight / 100.0 * ya->tool[t].value;
	}
	if (all_indicators) {
		score_set(&ya->overall, weighted);
		ya->overall_source = ITAKIT_SRC_COMPUTED;
	} else if (!isnan(uy->overall)) {
		score_set(&ya->overall, uy->overall);
		ya->overall_source = ITAKIT_SRC_REPORTED;
	} else if (all_tools) {
		score_set(&ya->overall, weighted);
		ya->overall_source = ITAKIT_SRC_FROM_TOOLS;
	}
}

static void assign_level(itakit_year_analysis *ya, const itakit_framework *fw)
{
	ya->level = -1;
	const itakit_level_scheme *scheme = ya->scheme;
	if (!scheme || !ya->overall.known)
		return;
	const itakit_framework_era *names = ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
	double overall = R2(ya->overall.value);
	for (size_t l = 0; l < scheme->n_levels; l++) {
		const itakit_level_def *def = &scheme->levels[l];
		if (overall < def->min_overall)
			continue;
		if (def->min_each_tool >= 0) {
			bool ok = names && names->n_tools > 0;
			for (size_t t = 0; ok && t < names->n_tools; t++)
				ok = ya->tool[t].known && R2(ya->tool[t].value) >= def->min_each_tool;
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

static void flag_indicators(itakit_year_analysis *ya, double threshold)
{
	double rounded[ITAKIT_MAX_INDICATORS];
	size_t n_ind = ya->era ? ya->era->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		if (!ya->indicator[i].known)
			continue;
		rounded[i] = R2(ya->indicator[i].value);
		if (rounded[i] < threshold)
			ya->flagged[ya->n_flagged++] = (int)i + 1;
	}
	sort_codes(ya->flagged, ya->n_flagged, rounded, false);
}

static void delta_set(itakit_score *cur, const itakit_score *prev)
{
	if (cur->known && prev->known) {
		cur->delta = R2(R2(cur->value) - R2(prev->value));
		cur->has_delta = true;
	}
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
	double raw[ITAKIT_MAX_INDICATORS];
	long cents[ITAKIT_MAX_INDICATORS];
	long total = 0;
	for (size_t i = 0; i < n; i++) {
		double w = itakit_framework_indicator_weight(era, (int)i + 1) / 100.0;
		raw[i] = w * ya->indicator[i].delta * 100.0; /* in hundredths */
		cents[i] = lround(raw[i]);
		total += cents[i];
	}
	long want = lround(ya->overall.delta * 100.0);
	long diff = want - total;
	ya->contribution_residual = (double)diff / 100.0;
	while (diff != 0) {
		/* give the step to the indicator whose rounding moved it furthest
		 * the other way */
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
	for (size_t i = 0; i < n; i++) {
		ya->contribution[i] = (double)cents[i] / 100.0;
		if (cents[i] != 0)
			ya->drivers[ya->n_drivers++] = (int)i + 1;
	}
	sort_codes(ya->drivers, ya->n_drivers, ya->contribution, true);
	ya->has_contributions = true;
}

static void compute_changes(itakit_year_analysis *ya, const itakit_year_analysis *prev)
{
	ya->previous_year = prev->year;
	delta_set(&ya->overall, &prev->overall);
	for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
		delta_set(&ya->tool[t], &prev->tool[t]);
	if (ya->era && prev->era == ya->era)
		for (size_t i = 0; i < ya->era->n_indicators; i++)
			delta_set(&ya->indicator[i], &prev->indicator[i]);
	compute_contributions(ya, prev);
}

/* Overall computed from (rounded) indicator scores. */
static double overall_of(const itakit_framework_era *era, const double *scores)
{
	double sum = 0;
	for (size_t i = 0; i < era->n_indicators; i++)
		sum += itakit_framework_indicator_weight(era, (int)i + 1) / 100.0 * scores[i];
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
	ya->needs_plan = R2(ya->overall.value) < target;
	if (!era || ya->n_indicators_known != era->n_indicators)
		return;
	size_t n = era->n_indicators;
	double score[ITAKIT_MAX_INDICATORS], weight[ITAKIT_MAX_INDICATORS];
	double room[ITAKIT_MAX_INDICATORS];
	int order[ITAKIT_MAX_INDICATORS];
	for (size_t i = 0; i < n; i++) {
		score[i] = R2(ya->indicator[i].value);
		weight[i] = itakit_framework_indicator_weight(era, (int)i + 1) / 100.0;
		room[i] = weight[i] * (100.0 - score[i]);
		ya->single_to_100[i] = R2(room[i]);
		ya->single_to_threshold[i] = score[i] < threshold ? R2(weight[i] * (threshold - score[i])) : 0.0;
		order[i] = (int)i + 1;
	}
	ya->has_plan = true;
	if (!ya->needs_plan)
		return;
	double current = overall_of(era, score);
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
		after[i] = R2(score[i] + rise);
		left -= weight[i] * (after[i] - score[i]);
	}
	/* guard against a last hundredth lost to binary rounding */
	for (size_t j = 0; ya->plan_reachable && j < k && R2(overall_of(era, after)) < target; j++) {
		int i = chosen[j] - 1;
		if (after[i] < 100.0)
			after[i] = R2(after[i] + 0.01);
	}
	for (size_t j = 0; j < k; j++) {
		int i = chosen[j] - 1;
		if (after[i] <= score[i])
			continue;
		itakit_priority_step *st = &ya->plan[ya->n_plan++];
		st->code = i + 1;
		st->from = score[i];
		st->to = after[i];
		st->raise = R2(after[i] - score[i]);
		st->overall_gain = R2(weight[i] * st->raise);
	}
	ya->plan_overall = overall_of(era, after);
}

static void fit_series(itakit_trend *tr, const itakit_unit_analysis *ua, size_t kind, size_t index,
		       double threshold, double x_next)
{
	double x[64], y[64];
	size_t n = 0;
	for (size_t k = 0; k < ua->n_years && n < 64; k++) {
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
	if (!tr->fit.ok || tr->fit.slope <= 0 || R2(y[n - 1]) >= threshold)
		return;
	double at = (threshold - tr->fit.intercept) / tr->fit.slope;
	int year = (int)ceil(at - 1e-9);
	if (year <= (int)x[n - 1])
		year = (int)x[n - 1] + 1;
	tr->reach_year = year;
}

static void compute_trends(itakit_unit_analysis *ua, double threshold)
{
	if (ua->n_years == 0)
		return;
	double x_next = ua->years[ua->n_years - 1].year + 1;
	fit_series(&ua->trend_overall, ua, 0, 0, threshold, x_next);
	for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
		fit_series(&ua->trend_tool[t], ua, 1, t, threshold, x_next);
	for (size_t i = 0; i < ITAKIT_MAX_INDICATORS; i++)
		fit_series(&ua->trend_indicator[i], ua, 2, i, threshold, x_next);
}

static void check_reported_overall(const itakit_year_analysis *ya, const itakit_unit *unit,
				   const itakit_unit_year *uy, itakit_diag_list *diags)
{
	if (!diags || ya->overall_source != ITAKIT_SRC_COMPUTED || isnan(uy->overall))
		return;
	double computed = R2(ya->overall.value);
	if (fabs(computed - uy->overall) > 0.01 + 1e-9)
		itakit_diag_add(diags, ITAKIT_DIAG_WARNING, uy->overall_file, uy->overall_line, 0,
				"%s %d: reported overall %.2f differs from %.2f computed from the ten indicators; using the computed score",
				unit->name, uy->year, uy->overall, computed);
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
	out->n_years = unit->n_years;
	if (unit->n_years) {
		out->years = calloc(unit->n_years, sizeof *out->years);
		if (!out->years)
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	for (size_t k = 0; k < unit->n_years; k++) {
		const itakit_unit_year *uy = &unit->years[k];
		itakit_year_analysis *ya = &out->years[k];
		ya->year = uy->year;
		ya->era = itakit_framework_era_for(fw, uy->year);
		ya->scheme = itakit_framework_scheme_for(fw, uy->year);
		compute_scores(ya, uy, fw);
		check_reported_overall(ya, unit, uy, diags);
		assign_level(ya, fw);
		if (ya->overall.known) {
			ya->pass = R2(ya->overall.value) >= o.threshold;
			ya->gap = R2(R2(ya->overall.value) - o.threshold);
		}
		flag_indicators(ya, o.threshold);
		/* the previous year is the latest earlier one with an overall score */
		for (size_t j = k; j-- > 0;) {
			if (out->years[j].overall.known) {
				compute_changes(ya, &out->years[j]);
				break;
			}
		}
		compute_plan(ya, o.threshold, o.target);
	}
	compute_trends(out, o.threshold);
	return 0;
}

void itakit_unit_analysis_release(itakit_unit_analysis *ua)
{
	free(ua->years);
	memset(ua, 0, sizeof *ua);
}

const itakit_year_analysis *itakit_unit_analysis_year(const itakit_unit_analysis *ua, int year)
{
	for (size_t k = 0; k < ua->n_years; k++)
		if (ua->years[k].year == year)
			return &ua->years[k];
	return NULL;
}

const char *itakit_level_name(const itakit_year_analysis *ya, int english)
{
	if (!ya->scheme || ya->level < 0)
		return "";
	const itakit_level_def *def = &ya->scheme->levels[ya->level];
	return english ? def->name_en : def->name_th;
}
