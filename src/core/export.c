/* JSON, CSV and text exports of the analysis. */
#include "itakit/export.h"
#include "itakit/error.h"
#include "itakit/narrative.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *source_name(itakit_score_source s)
{
	switch (s) {
	case ITAKIT_SRC_COMPUTED: return "computed";
	case ITAKIT_SRC_REPORTED: return "reported";
	case ITAKIT_SRC_FROM_TOOLS: return "from_tools";
	default: return "none";
	}
}

static void json_num(itakit_strbuf *b, double v, int decimals)
{
	if (!isfinite(v)) {
		itakit_strbuf_append(b, "null");
		return;
	}
	char buf[64];
	itakit_strbuf_append(b, itakit_format_number(buf, sizeof buf, v, decimals, ITAKIT_DIGITS_ARABIC, false));
}

static void json_score(itakit_strbuf *b, const itakit_score *s)
{
	if (s->known)
		json_num(b, s->value, 2);
	else
		itakit_strbuf_append(b, "null");
}

static void json_delta(itakit_strbuf *b, const itakit_score *s)
{
	if (s->has_delta)
		json_num(b, s->delta, 2);
	else
		itakit_strbuf_append(b, "null");
}

static void json_codes(itakit_strbuf *b, const int *codes, size_t n)
{
	itakit_strbuf_append(b, "[");
	for (size_t i = 0; i < n; i++)
		itakit_strbuf_appendf(b, "%s%d", i ? ", " : "", codes[i]);
	itakit_strbuf_append(b, "]");
}

static void json_trend(itakit_strbuf *b, const itakit_trend *tr)
{
	const itakit_linear_fit *f = &tr->fit;
	itakit_strbuf_appendf(b, "{\"n\": %zu", f->n);
	if (!f->ok) {
		itakit_strbuf_append(b, ", \"slope\": null, \"intercept\": null, \"r2\": null, \"next_year\": null, "
				        "\"forecast\": null, \"low\": null, \"high\": null, \"reach_year\": null, "
				        "\"note\": \"fewer than 3 years: no trend\"}");
		return;
	}
	itakit_strbuf_append(b, ", \"slope\": ");
	json_num(b, f->slope, 4);
	itakit_strbuf_append(b, ", \"intercept\": ");
	json_num(b, f->intercept, 4);
	itakit_strbuf_append(b, ", \"r2\": ");
	json_num(b, f->r2, 4);
	itakit_strbuf_appendf(b, ", \"next_year\": %d, \"forecast\": ", (int)f->x_next);
	json_num(b, f->forecast, 2);
	itakit_strbuf_append(b, ", \"low\": ");
	json_num(b, f->low, 2);
	itakit_strbuf_append(b, ", \"high\": ");
	json_num(b, f->high, 2);
	if (tr->reach_year)
		itakit_strbuf_appendf(b, ", \"reach_year\": %d}", tr->reach_year);
	else
		itakit_strbuf_append(b, ", \"reach_year\": null}");
}

static const itakit_framework_era *names_era(const itakit_framework *fw, const itakit_year_analysis *ya)
{
	return ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
}

static void json_priorities(itakit_strbuf *b, const itakit_year_analysis *ya)
{
	if (!ya->has_plan) {
		itakit_strbuf_append(b, "null");
		return;
	}
	itakit_strbuf_append(b, "{\"target\": ");
	json_num(b, ya->target, 2);
	itakit_strbuf_appendf(b, ", \"needs_plan\": %s, \"reachable\": %s, \"plan\": [",
			      ya->needs_plan ? "true" : "false",
			      (ya->needs_plan && ya->plan_reachable) || !ya->needs_plan ? "true" : "false");
	for (size_t i = 0; i < ya->n_plan; i++) {
		const itakit_priority_step *st = &ya->plan[i];
		itakit_strbuf_appendf(b, "%s{\"code\": %d, \"from\": ", i ? ", " : "", st->code);
		json_num(b, st->from, 2);
		itakit_strbuf_append(b, ", \"to\": ");
		json_num(b, st->to, 2);
		itakit_strbuf_append(b, ", \"raise\": ");
		json_num(b, st->raise, 2);
		itakit_strbuf_append(b, ", \"overall_gain\": ");
		json_num(b, st->overall_gain, 2);
		itakit_strbuf_append(b, "}");
	}
	itakit_strbuf_append(b, "], \"overall_after\": ");
	if (ya->needs_plan)
		json_num(b, ya->plan_overall, 2);
	else
		itakit_strbuf_append(b, "null");
	itakit_strbuf_append(b, ", \"single\": [");
	for (size_t i = 0; ya->era && i < ya->era->n_indicators; i++) {
		itakit_strbuf_appendf(b, "%s{\"code\": %zu, \"to_100\": ", i ? ", " : "", i + 1);
		json_num(b, ya->single_to_100[i], 2);
		itakit_strbuf_append(b, ", \"to_threshold\": ");
		json_num(b, ya->single_to_threshold[i], 2);
		itakit_strbuf_append(b, "}");
	}
	itakit_strbuf_append(b, "]}");
}

static void json_year(itakit_strbuf *b, const itakit_framework *fw, const itakit_year_analysis *ya)
{
	const itakit_framework_era *names = names_era(fw, ya);
	itakit_strbuf_appendf(b, "{\"year\": %d, \"overall\": ", ya->year);
	json_score(b, &ya->overall);
	itakit_strbuf_appendf(b, ", \"overall_source\": \"%s\", \"overall_reported\": ", source_name(ya->overall_source));
	json_num(b, ya->overall_reported, 2);
	itakit_strbuf_append(b, ", \"overall_check\": ");
	json_num(b, ya->overall_check, 2);
	itakit_strbuf_append(b, ", \"level\": ");
	if (ya->level >= 0) {
		itakit_strbuf_append_json(b, itakit_level_name(ya, 0));
		itakit_strbuf_append(b, ", \"level_basis\": ");
		itakit_strbuf_append_json(b, itakit_level_basis_name(ya->level_basis));
	} else {
		itakit_strbuf_append(b, "null, \"level_basis\": null");
	}
	if (ya->overall.known) {
		itakit_strbuf_appendf(b, ", \"pass\": %s, \"gap\": ", ya->pass ? "true" : "false");
		json_num(b, ya->gap, 2);
	} else {
		itakit_strbuf_append(b, ", \"pass\": null, \"gap\": null");
	}
	itakit_strbuf_append(b, ", \"tools\": {");
	for (size_t t = 0; names && t < names->n_tools; t++) {
		itakit_strbuf_appendf(b, "%s\"%s\": ", t ? ", " : "", names->tools[t].code);
		json_score(b, &ya->tool[t]);
	}
	itakit_strbuf_append(b, "}, \"indicators\": [");
	size_t n_ind = ya->era ? ya->era->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		const itakit_score *s = &ya->indicator[i];
		itakit_strbuf_appendf(b, "%s{\"code\": %zu, \"name\": ", i ? ", " : "", i + 1);
		itakit_strbuf_append_json(b, ya->era->indicators[i].name_th);
		itakit_strbuf_append(b, ", \"name_en\": ");
		itakit_strbuf_append_json(b, ya->era->indicators[i].name_en);
		itakit_strbuf_append(b, ", \"score\": ");
		json_score(b, s);
		if (s->known) {
			itakit_strbuf_appendf(b, ", \"flagged\": %s, \"gap\": ", s->flagged ? "true" : "false");
			json_num(b, s->gap, 2);
		} else {
			itakit_strbuf_append(b, ", \"flagged\": null, \"gap\": null");
		}
		itakit_strbuf_append(b, ", \"delta\": ");
		json_delta(b, s);
		itakit_strbuf_append(b, ", \"contribution\": ");
		if (ya->has_contributions)
			json_num(b, ya->contribution[i], 2);
		else
			itakit_strbuf_append(b, "null");
		itakit_strbuf_append(b, "}");
	}
	itakit_strbuf_append(b, "], \"flagged\": ");
	json_codes(b, ya->flagged, ya->n_flagged);
	if (ya->previous_year)
		itakit_strbuf_appendf(b, ", \"previous_year\": %d", ya->previous_year);
	else
		itakit_strbuf_append(b, ", \"previous_year\": null");
	itakit_strbuf_append(b, ", \"delta_overall\": ");
	json_delta(b, &ya->overall);
	itakit_strbuf_append(b, ", \"delta_tools\": {");
	for (size_t t = 0; names && t < names->n_tools; t++) {
		itakit_strbuf_appendf(b, "%s\"%s\": ", t ? ", " : "", names->tools[t].code);
		json_delta(b, &ya->tool[t]);
	}
	itakit_strbuf_append(b, "}, \"tool_contributions\": ");
	if (ya->has_tool_contributions) {
		itakit_strbuf_append(b, "{");
		for (size_t t = 0; names && t < names->n_tools; t++) {
			itakit_strbuf_appendf(b, "%s\"%s\": ", t ? ", " : "", names->tools[t].code);
			json_num(b, ya->tool_contribution[t], 2);
		}
		itakit_strbuf_append(b, "}");
	} else {
		itakit_strbuf_append(b, "null");
	}
	itakit_strbuf_append(b, ", \"drivers\": ");
	if (ya->has_contributions) {
		json_codes(b, ya->drivers, ya->n_drivers);
		itakit_strbuf_append(b, ", \"contribution_rounding\": ");
		json_num(b, ya->contribution_residual, 2);
	} else {
		itakit_strbuf_append(b, "null, \"contribution_rounding\": ");
		if (ya->has_tool_contributions)
			json_num(b, ya->contribution_residual, 2);
		else
			itakit_strbuf_append(b, "null");
	}
	itakit_strbuf_append(b, ", \"priorities\": ");
	json_priorities(b, ya);
	itakit_strbuf_append(b, "}");
}

static void json_unit(itakit_strbuf *b, const itakit_framework *fw, const itakit_unit_analysis *ua,
		      const itakit_export_options *o)
{
	itakit_strbuf_append(b, "{\"unit\": ");
	itakit_strbuf_append_json(b, ua->unit->name);
	itakit_strbuf_append(b, ", \"code\": ");
	if (ua->unit->code)
		itakit_strbuf_append_json(b, ua->unit->code);
	else
		itakit_strbuf_append(b, "null");
	itakit_strbuf_append(b, ", \"group\": ");
	if (ua->unit->group)
		itakit_strbuf_append_json(b, ua->unit->group);
	else
		itakit_strbuf_append(b, "null");
	itakit_strbuf_append(b, ", \"years\": [");
	bool first = true;
	for (size_t k = 0; k < ua->n_years; k++) {
		if (o->year && ua->years[k].year != o->year)
			continue;
		itakit_strbuf_append(b, first ? "\n    " : ",\n    ");
		first = false;
		json_year(b, fw, &ua->years[k]);
	}
	itakit_strbuf_append(b, "],\n   \"trend\": {\"overall\": ");
	json_trend(b, &ua->trend_overall);
	const itakit_framework_era *names = ua->n_years ? names_era(fw, &ua->years[ua->n_years - 1]) : NULL;
	for (size_t t = 0; names && t < names->n_tools; t++) {
		itakit_strbuf_appendf(b, ", \"%s\": ", names->tools[t].code);
		json_trend(b, &ua->trend_tool[t]);
	}
	itakit_strbuf_append(b, ", \"indicators\": {");
	size_t n_ind = names ? names->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		itakit_strbuf_appendf(b, "%s\"%zu\": ", i ? ", " : "", i + 1);
		json_trend(b, &ua->trend_indicator[i]);
	}
	itakit_strbuf_append(b, "}}}");
}

static void json_cohort(itakit_strbuf *b, const itakit_cohort *c)
{
	itakit_strbuf_appendf(b, "{\"year\": %d, \"units\": %zu, \"pass\": %zu, \"share_pass\": ", c->year, c->n_units, c->n_pass);
	json_num(b, c->share_pass, 2);
	if (c->previous_year) {
		itakit_strbuf_appendf(b, ", \"previous_year\": %d, \"units_previous\": %zu, \"pass_previous\": %zu",
				      c->previous_year, c->n_units_previous, c->n_pass_previous);
	}
	itakit_strbuf_append(b, ", \"overall\": {\"mean\": ");
	json_num(b, c->overall.mean, 2);
	itakit_strbuf_append(b, ", \"median\": ");
	json_num(b, c->overall.median, 2);
	itakit_strbuf_append(b, ", \"sd\": ");
	json_num(b, c->overall.sd, 2);
	itakit_strbuf_append(b, "}, \"ranking\": [");
	for (size_t i = 0; i < c->n_units; i++) {
		const itakit_cohort_entry *e = &c->ranking[i];
		itakit_strbuf_append(b, i ? ",\n    {\"unit\": " : "\n    {\"unit\": ");
		itakit_strbuf_append_json(b, e->ua->unit->name);
		itakit_strbuf_appendf(b, ", \"rank\": %d, \"percentile\": ", e->rank);
		json_num(b, e->percentile, 2);
		itakit_strbuf_append(b, ", \"overall\": ");
		json_score(b, &e->ya->overall);
		itakit_strbuf_appendf(b, ", \"pass\": %s, \"flagged\": %zu}", e->ya->pass ? "true" : "false", e->ya->n_flagged);
	}
	itakit_strbuf_append(b, "],\n   \"indicators\": [");
	for (size_t i = 0; i < c->n_indicators; i++) {
		const itakit_cohort_indicator *ci = &c->indicator[i];
		itakit_strbuf_appendf(b, "%s{\"code\": %zu, \"n\": %zu, \"mean\": ", i ? ", " : "", i + 1, ci->summary.n);
		json_num(b, ci->summary.mean, 2);
		itakit_strbuf_append(b, ", \"median\": ");
		json_num(b, ci->summary.median, 2);
		itakit_strbuf_append(b, ", \"sd\": ");
		json_num(b, ci->summary.sd, 2);
		itakit_strbuf_appendf(b, ", \"below\": %zu, \"pass_if_raised\": %zu}", ci->n_below, ci->n_pass_if_raised);
	}
	itakit_strbuf_append(b, "]}");
}

static void resolve(itakit_export_options *o, const itakit_export_options *in, const itakit_framework *fw)
{
	itakit_export_options def = ITAKIT_EXPORT_OPTIONS_INIT;
	*o = in ? *in : def;
	if (o->threshold < 0)
		o->threshold = fw->threshold;
	if (o->target < 0)
		o->target = fw->target >= 0 ? fw->target : o->threshold;
}

int itakit_export_json(itakit_strbuf *out, const itakit_framework *fw,
		       const itakit_unit_analysis *units, size_t n,
		       const itakit_cohort *cohort, const itakit_export_options *opts)
{
	itakit_export_options o;
	resolve(&o, opts, fw);
	itakit_strbuf_append(out, "{\"pass_line\": ");
	json_num(out, fw->pass_line, 2);
	itakit_strbuf_append(out, ", \"threshold\": ");
	json_num(out, o.threshold, 2);
	itakit_strbuf_append(out, ", \"target\": ");
	json_num(out, o.target, 2);
	itakit_strbuf_append(out, ",\n \"units\": [");
	for (size_t u = 0; u < n; u++) {
		itakit_strbuf_append(out, u ? ",\n  " : "\n  ");
		json_unit(out, fw, &units[u], &o);
	}
	itakit_strbuf_append(out, "]");
	if (cohort && n > 1) {
		itakit_strbuf_append(out, ",\n \"cohort\": ");
		json_cohort(out, cohort);
	}
	itakit_strbuf_append(out, "}\n");
	return itakit_strbuf_ok(out) ? 0 : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}

/* One row; flags and gaps only where judged (indicators, overall); level
 * and pass on the overall's row only (ya NULL elsewhere). */
static void csv_row(itakit_strbuf *b, const itakit_unit *u, int year, const char *ind,
		    const char *name, const itakit_score *s, bool judged,
		    const double *contribution, const itakit_year_analysis *ya)
{
	char buf[64];
	itakit_strbuf_append_csv(b, u->name);
	itakit_strbuf_append(b, ",");
	itakit_strbuf_append_csv(b, u->code ? u->code : "");
	itakit_strbuf_append(b, ",");
	itakit_strbuf_append_csv(b, u->group ? u->group : "");
	itakit_strbuf_appendf(b, ",%d,%s,", year, ind);
	itakit_strbuf_append_csv(b, name);
	itakit_strbuf_appendf(b, ",%s", s->known ? itakit_format_number(buf, sizeof buf, s->value, 2, ITAKIT_DIGITS_ARABIC, false) : "");
	judged = judged && s->known;
	itakit_strbuf_appendf(b, ",%s", !judged ? "" : s->flagged ? "1" : "0");
	itakit_strbuf_appendf(b, ",%s", judged ? itakit_format_number(buf, sizeof buf, s->gap, 2, ITAKIT_DIGITS_ARABIC, false) : "");
	itakit_strbuf_appendf(b, ",%s", s->has_delta ? itakit_format_number(buf, sizeof buf, s->delta, 2, ITAKIT_DIGITS_ARABIC, false) : "");
	itakit_strbuf_appendf(b, ",%s,", contribution ? itakit_format_number(buf, sizeof buf, *contribution, 2, ITAKIT_DIGITS_ARABIC, false) : "");
	if (ya && ya->level >= 0)
		itakit_strbuf_append_csv(b, itakit_level_name(ya, 0));
	itakit_strbuf_appendf(b, ",%s\n", ya && s->known ? ya->pass ? "1" : "0" : "");
}

int itakit_export_csv(itakit_strbuf *out, const itakit_framework *fw,
		      const itakit_unit_analysis *units, size_t n,
		      const itakit_export_options *opts)
{
	itakit_export_options o;
	resolve(&o, opts, fw);
	itakit_strbuf_append(out, "unit,code,group,year,indicator,name,score,flagged,gap,delta,contribution,level,pass\n");
	for (size_t u = 0; u < n; u++) {
		const itakit_unit_analysis *ua = &units[u];
		for (size_t k = 0; k < ua->n_years; k++) {
			const itakit_year_analysis *ya = &ua->years[k];
			if (o.year && ya->year != o.year)
				continue;
			size_t n_ind = ya->era ? ya->era->n_indicators : 0;
			for (size_t i = 0; i < n_ind; i++) {
				const itakit_score *s = &ya->indicator[i];
				char code[24];
				snprintf(code, sizeof code, "%zu", i + 1);
				csv_row(out, ua->unit, ya->year, code, ya->era->indicators[i].name_th, s, true,
					ya->has_contributions ? &ya->contribution[i] : NULL, NULL);
			}
			const itakit_framework_era *names = names_era(fw, ya);
			for (size_t t = 0; names && t < names->n_tools; t++)
				csv_row(out, ua->unit, ya->year, names->tools[t].code, names->tools[t].name_th,
					&ya->tool[t], false,
					ya->has_tool_contributions ? &ya->tool_contribution[t] : NULL, NULL);
			csv_row(out, ua->unit, ya->year, "overall", "ภาพรวม", &ya->overall, true, NULL, ya);
		}
	}
	return itakit_strbuf_ok(out) ? 0 : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}

int itakit_analyses_latest_year(const itakit_unit_analysis *units, size_t n)
{
	int latest = 0;
	for (size_t u = 0; u < n; u++)
		if (units[u].n_years && units[u].years[units[u].n_years - 1].year > latest)
			latest = units[u].years[units[u].n_years - 1].year;
	return latest;
}

/* --- text --- */

/* Pads s with spaces to `width` display columns. Thai combining marks
 * (above/below vowels, tone marks) take no column of their own. */
static void text_cell(itakit_strbuf *b, const char *s, size_t width, bool right)
{
	size_t cols = 0;
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		size_t len = itakit_utf8_decode(s + i, strlen(s + i), &cp);
		if (!len)
			len = 1, cp = '?';
		bool combining = cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
		cols += !combining;
		i += len;
	}
	size_t pad = cols < width ? width - cols : 0;
	if (right)
		for (size_t i = 0; i < pad; i++)
			itakit_strbuf_append(b, " ");
	itakit_strbuf_append(b, s);
	if (!right)
		for (size_t i = 0; i < pad; i++)
			itakit_strbuf_append(b, " ");
}

static void text_sentence(itakit_strbuf *b, const itakit_narrative *n,
			  void (*say)(itakit_strbuf *, const itakit_narrative *))
{
	size_t before = b->len;
	say(b, n);
	if (b->len > before)
		itakit_strbuf_append(b, "\n");
}

static void text_indicator_table(itakit_strbuf *b, const itakit_narrative *n, const itakit_export_options *o)
{
	const itakit_year_analysis *ya = n->ya;
	if (!ya->era || ya->n_indicators_known == 0)
		return;
	bool th = o->lang == ITAKIT_LANG_TH;
	bool contrib = ya->has_contributions;
	itakit_strbuf_append(b, "\n");
	text_cell(b, th ? "ที่" : "#", 4, false);
	text_cell(b, th ? "ตัวชี้วัด" : "indicator", 30, false);
	text_cell(b, th ? "คะแนน" : "score", 8, true);
	text_cell(b, th ? "เปลี่ยนแปลง" : "change", 12, true);
	if (contrib)
		text_cell(b, th ? "ผลต่อภาพรวม" : "effect", 12, true);
	itakit_strbuf_append(b, "\n");
	for (size_t i = 0; i < ya->era->n_indicators; i++) {
		const itakit_score *s = &ya->indicator[i];
		char c[16], v[48], d[48], e[48];
		itakit_format_int(c, sizeof c, (long)i + 1, o->digits);
		text_cell(b, c, 4, false);
		text_cell(b, itakit_narrative_indicator_name(n, (int)i + 1), 30, false);
		text_cell(b, s->known ? itakit_format_number(v, sizeof v, s->value, 2, o->digits, false) : "-", 8, true);
		text_cell(b, s->has_delta ? itakit_format_number(d, sizeof d, s->delta, 2, o->digits, true) : "-", 12, true);
		if (contrib)
			text_cell(b, itakit_format_number(e, sizeof e, ya->contribution[i], 2, o->digits, true), 12, true);
		if (s->known && s->flagged) {
			char t[48];
			itakit_narrative_format_line(t, sizeof t, ya->threshold, o->digits);
			itakit_strbuf_appendf(b, th ? "  ต่ำกว่า %s" : "  below %s", t);
		}
		itakit_strbuf_append(b, "\n");
	}
}

/* The contributions to the change in overall, largest first; they add up
 * to the shown change (see analysis.h on rounding). */
static void text_contributions(itakit_strbuf *b, const itakit_narrative *n, const itakit_export_options *o)
{
	const itakit_year_analysis *ya = n->ya;
	if (!ya->has_contributions || ya->n_drivers == 0)
		return;
	bool th = o->lang == ITAKIT_LANG_TH;
	char py[32], d[48];
	itakit_narrative_year(n, py, sizeof py, ya->previous_year);
	itakit_format_number(d, sizeof d, ya->overall.delta, 2, o->digits, true);
	itakit_strbuf_appendf(b, th ? "\nที่มาของการเปลี่ยนแปลงคะแนนภาพรวมเทียบกับปี %s (รวม %s คะแนน) เรียงตามขนาด:\n"
				    : "\nWhere the change against %s (%s in all) came from, largest first:\n", py, d);
	for (size_t i = 0; i < ya->n_drivers; i++) {
		int c = ya->drivers[i];
		char k[16], v[48];
		itakit_format_int(k, sizeof k, c, o->digits);
		itakit_strbuf_append(b, "  ");
		text_cell(b, k, 4, false);
		text_cell(b, itakit_narrative_indicator_name(n, c), 30, false);
		text_cell(b, itakit_format_number(v, sizeof v, ya->contribution[c - 1], 2, o->digits, true), 8, true);
		itakit_strbuf_append(b, "\n");
	}
}

/* The single-indicator view: how much each indicator alone could add. */
static void text_single_view(itakit_strbuf *b, const itakit_narrative *n, const itakit_export_options *o)
{
	const itakit_year_analysis *ya = n->ya;
	if (!ya->has_plan || !ya->era)
		return;
	bool th = o->lang == ITAKIT_LANG_TH;
	int order[ITAKIT_MAX_INDICATORS];
	size_t count = 0;
	for (size_t i = 0; i < ya->era->n_indicators; i++)
		if (ya->single_to_100[i] > 0)
			order[count++] = (int)i + 1;
	/* largest possible gain first; ties by code */
	for (size_t i = 1; i < count; i++)
		for (size_t j = i; j > 0 && ya->single_to_100[order[j] - 1] > ya->single_to_100[order[j - 1] - 1]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (count > 5)
		count = 5;
	if (!count)
		return;
	itakit_strbuf_append(b, th ? "\nตัวชี้วัดที่ยกระดับแล้วให้ผลต่อคะแนนภาพรวมมากที่สุด (หากยกระดับเพียงตัวเดียว):\n"
				   : "\nIndicators that would add most to the overall, each raised alone:\n");
	for (size_t i = 0; i < count; i++) {
		int c = order[i];
		char k[16], a[48], t[48], thr[48];
		itakit_format_int(k, sizeof k, (long)i + 1, o->digits);
		itakit_format_number(a, sizeof a, ya->single_to_100[c - 1], 2, o->digits, true);
		itakit_format_number(t, sizeof t, ya->single_to_threshold[c - 1], 2, o->digits, true);
		itakit_narrative_format_line(thr, sizeof thr, ya->threshold, o->digits);
		itakit_strbuf_appendf(b, "  %s. ", k);
		text_cell(b, itakit_narrative_indicator_name(n, c), 30, false);
		if (th)
			itakit_strbuf_appendf(b, " ถึง ๑๐๐: %s", a);
		else
			itakit_strbuf_appendf(b, " to 100: %s", a);
		if (ya->single_to_threshold[c - 1] > 0)
			itakit_strbuf_appendf(b, th ? "  ถึง %s: %s" : "  to %s: %s", thr, t);
		itakit_strbuf_append(b, "\n");
	}
}

static void text_unit(itakit_strbuf *b, const itakit_framework *fw, const itakit_unit_analysis *ua,
		      const itakit_year_analysis *ya, const itakit_export_options *o)
{
	itakit_narrative_options no = {o->lang, o->digits, o->threshold, o->target};
	itakit_narrative n;
	itakit_narrative_init(&n, fw, ua, ya, &no);
	char y[32];
	itakit_narrative_year(&n, y, sizeof y, ya->year);
	itakit_strbuf_appendf(b, o->lang == ITAKIT_LANG_TH ? "%s ปีงบประมาณ พ.ศ. %s\n" : "%s, fiscal year %s\n",
			      ua->unit->name, y);
	text_sentence(b, &n, itakit_narrative_overall);
	text_sentence(b, &n, itakit_narrative_change);
	text_sentence(b, &n, itakit_narrative_tools);
	text_sentence(b, &n, itakit_narrative_flagged);
	text_sentence(b, &n, itakit_narrative_drivers);
	text_sentence(b, &n, itakit_narrative_trend);
	text_sentence(b, &n, itakit_narrative_priorities);
	text_indicator_table(b, &n, o);
	text_contributions(b, &n, o);
	text_single_view(b, &n, o);
}

static void text_cohort(itakit_strbuf *b, const itakit_cohort *c, const itakit_export_options *o)
{
	bool th = o->lang == ITAKIT_LANG_TH;
	char y[32], k[16], p[16], s[48], t[48];
	itakit_format_int(y, sizeof y, c->year, o->digits);
	itakit_format_int(k, sizeof k, (long)c->n_units, o->digits);
	itakit_format_int(p, sizeof p, (long)c->n_pass, o->digits);
	itakit_format_number(s, sizeof s, c->share_pass, 2, o->digits, false);
	itakit_narrative_format_line(t, sizeof t, c->pass_line, o->digits);
	if (th)
		itakit_strbuf_appendf(b, "\nภาพรวมหน่วยงานทั้งหมด ปีงบประมาณ พ.ศ. %s: %s หน่วยงาน ผ่านเกณฑ์ %s คะแนน %s หน่วยงาน (ร้อยละ %s)\n",
				      y, k, t, p, s);
	else
		itakit_strbuf_appendf(b, "\nAll units, fiscal year %s: %s units, %s at or above the pass line of %s (%s%%)\n",
				      y, k, p, t, s);
	itakit_strbuf_append(b, "\n");
	text_cell(b, th ? "ลำดับ" : "rank", 6, false);
	text_cell(b, th ? "หน่วยงาน" : "unit", 36, false);
	text_cell(b, th ? "คะแนน" : "overall", 8, true);
	itakit_strbuf_append(b, "\n");
	for (size_t i = 0; i < c->n_units; i++) {
		const itakit_cohort_entry *e = &c->ranking[i];
		char r[16], v[48];
		itakit_format_int(r, sizeof r, e->rank, o->digits);
		text_cell(b, r, 6, false);
		text_cell(b, e->ua->unit->name, 36, false);
		text_cell(b, itakit_format_number(v, sizeof v, e->ya->overall.value, 2, o->digits, false), 8, true);
		if (!e->ya->pass)
			itakit_strbuf_append(b, th ? "  ไม่ผ่าน" : "  fail");
		itakit_strbuf_append(b, "\n");
	}
}

int itakit_export_text(itakit_strbuf *out, const itakit_framework *fw,
		       const itakit_unit_analysis *units, size_t n,
		       const itakit_cohort *cohort, const itakit_export_options *opts)
{
	itakit_export_options o;
	resolve(&o, opts, fw);
	bool first = true;
	for (size_t u = 0; u < n; u++) {
		const itakit_unit_analysis *ua = &units[u];
		const itakit_year_analysis *ya = o.year ? itakit_unit_analysis_year(ua, o.year)
			: ua->n_years ? &ua->years[ua->n_years - 1] : NULL;
		if (!ya)
			continue;
		if (!first)
			itakit_strbuf_append(out, "\n");
		first = false;
		text_unit(out, fw, ua, ya, &o);
	}
	if (cohort && n > 1 && cohort->n_units > 1)
		text_cohort(out, cohort, &o);
	return itakit_strbuf_ok(out) ? 0 : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}
