/* Across units, one year: ranking, pass counts, per-indicator statistics. */
#include "itakit/analysis.h"
#include "itakit/error.h"
#include "itakit/text.h"

#include <stdlib.h>
#include <string.h>

static int by_overall_then_name(const void *pa, const void *pb)
{
	const itakit_cohort_entry *a = pa, *b = pb;
	double x = a->ya->overall.rounded, y = b->ya->overall.rounded;
	if (x != y)
		return x < y ? 1 : -1;
	return strcmp(a->ua->unit->name, b->ua->unit->name);
}

static void rank_entries(itakit_cohort *c)
{
	size_t n = c->n_units;
	qsort(c->ranking, n, sizeof *c->ranking, by_overall_then_name);
	for (size_t i = 0; i < n; i++) {
		double v = c->ranking[i].ya->overall.rounded;
		c->ranking[i].rank = (i > 0 && c->ranking[i - 1].ya->overall.rounded == v)
			? c->ranking[i - 1].rank : (int)i + 1;
	}
	/* percentile: share of the other units scoring strictly lower; walking
	 * up from the bottom, `lower` counts the units below the current score */
	size_t lower = 0;
	for (size_t i = n; i-- > 0;) {
		if (i + 1 < n && c->ranking[i + 1].ya->overall.rounded < c->ranking[i].ya->overall.rounded)
			lower = n - 1 - i;
		c->ranking[i].percentile = n > 1 ? 100.0 * (double)lower / (double)(n - 1) : 100.0;
	}
}

static int indicator_stats(itakit_cohort *c, double *buf)
{
	const itakit_framework_era *era = c->era;
	c->n_indicators = era ? era->n_indicators : 0;
	for (size_t i = 0; i < c->n_indicators; i++) {
		itakit_cohort_indicator *ci = &c->indicator[i];
		double w = itakit_framework_indicator_weight(era, (int)i + 1) / 100.0;
		size_t m = 0;
		for (size_t u = 0; u < c->n_units; u++) {
			const itakit_year_analysis *ya = c->ranking[u].ya;
			if (ya->era != era || !ya->indicator[i].known)
				continue;
			const itakit_score *sc = &ya->indicator[i];
			buf[m++] = sc->rounded;
			if (sc->flagged) {
				ci->n_below++;
				/* raised to the flag line, -gap points of the indicator */
				if (!ya->pass &&
				    itakit_score_round(ya->overall.rounded - w * sc->gap) >= ya->pass_line)
					ci->n_pass_if_raised++;
			}
		}
		int rc = itakit_stats_summary(&ci->summary, buf, m);
		if (rc)
			return rc;
	}
	return 0;
}

static void previous_year_counts(itakit_cohort *c, const itakit_unit_analysis *analyses, size_t n)
{
	/* the previous year most units compare against (ties: the later year) */
	enum { FIRST = 2400, SPAN = 301 };
	size_t count[SPAN] = {0};
	for (size_t i = 0; i < c->n_units; i++) {
		int py = c->ranking[i].ya->previous_year;
		if (py >= FIRST && py < FIRST + SPAN)
			count[py - FIRST]++;
	}
	int best = 0;
	size_t best_count = 0;
	for (int y = 0; y < SPAN; y++)
		if (count[y] && count[y] >= best_count)
			best = FIRST + y, best_count = count[y];
	c->previous_year = best;
	if (!best)
		return;
	for (size_t u = 0; u < n; u++) {
		const itakit_year_analysis *ya = itakit_unit_analysis_year(&analyses[u], best);
		if (ya && ya->overall.known) {
			c->n_units_previous++;
			c->n_pass_previous += ya->pass;
		}
	}
}

void itakit_cohort_init(itakit_cohort *c)
{
	memset(c, 0, sizeof *c);
}

int itakit_cohort_build(itakit_cohort *out, const itakit_unit_analysis *analyses,
			size_t n, int year, const itakit_analysis_options *opts,
			const itakit_framework *fw)
{
	itakit_cohort_init(out); /* what it held is the caller's to release */
	itakit_analysis_options o;
	itakit_analysis_options_resolve(&o, opts, fw);
	out->year = year;
	out->threshold = o.threshold;
	out->pass_line = fw->pass_line;
	out->era = itakit_framework_era_for(fw, year);
	out->ranking = calloc(n ? n : 1, sizeof *out->ranking);
	double *buf = malloc((n ? n : 1) * sizeof *buf);
	if (!out->ranking || !buf) {
		free(buf);
		itakit_cohort_release(out);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	for (size_t u = 0; u < n; u++) {
		const itakit_year_analysis *ya = itakit_unit_analysis_year(&analyses[u], year);
		if (!ya || !ya->overall.known)
			continue;
		itakit_cohort_entry *e = &out->ranking[out->n_units++];
		e->ua = &analyses[u];
		e->ya = ya;
		out->n_pass += ya->pass;
		buf[out->n_units - 1] = ya->overall.rounded;
	}
	out->share_pass = out->n_units ? 100.0 * (double)out->n_pass / (double)out->n_units : 0.0;
	int rc = itakit_stats_summary(&out->overall, buf, out->n_units);
	if (!rc) {
		rank_entries(out);
		rc = indicator_stats(out, buf);
	}
	free(buf);
	if (rc) {
		itakit_cohort_release(out);
		return rc;
	}
	previous_year_counts(out, analyses, n);
	return 0;
}

void itakit_cohort_release(itakit_cohort *c)
{
	free(c->ranking);
	memset(c, 0, sizeof *c);
}
