/* JSON, CSV and text exports of the analysis. */
#include "itakit/export.h"
#include "itakit/error.h"
#include "itakit/narrative.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* --- JSON ---
 * A national export is some 150 MB. The writer gathers the text in a 64 KiB
 * block handed to the output buffer in one piece, appends literals of known
 * length, formats numbers in place, and escapes each era's indicator names
 * once instead of once a row. */

enum { JSON_BLOCK = 1 << 16, JSON_ERAS = 8 };

/* Each indicator's opening, up to its score's value: `{"code": 1, "name":
 * "...", "name_en": "...", "score": ` (after ", " but for the first). */
typedef struct {
	const itakit_framework_era *era;
	itakit_strbuf text;
	size_t start[ITAKIT_MAX_INDICATORS + 1];
} json_era_names;

typedef struct {
	itakit_strbuf *out;
	const itakit_framework *fw;
	json_era_names names[JSON_ERAS];
	size_t n_names;
	size_t len;
	char block[JSON_BLOCK];
} json_writer;

static void jw_drain(json_writer *w)
{
	itakit_strbuf_append_n(w->out, w->block, w->len);
	w->len = 0;
}

static inline void jw_put(json_writer *w, const char *s, size_t n)
{
	if (n > JSON_BLOCK - w->len) {
		jw_drain(w);
		if (n > JSON_BLOCK) {
			itakit_strbuf_append_n(w->out, s, n);
			return;
		}
	}
	memcpy(w->block + w->len, s, n);
	w->len += n;
}

/* A string literal, its length known at compile time. */
#define JW(w, lit) jw_put((w), "" lit, sizeof(lit) - 1)

static void jw_str(json_writer *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

static void jw_uint(json_writer *w, unsigned long long v)
{
	char tmp[24], *end = tmp + sizeof tmp, *p = end;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	jw_put(w, p, (size_t)(end - p));
}

static void jw_int(json_writer *w, long long v)
{
	if (v < 0) {
		JW(w, "-");
		jw_uint(w, 0ull - (unsigned long long)v);
	} else {
		jw_uint(w, (unsigned long long)v);
	}
}

static void jw_bool(json_writer *w, bool v)
{
	if (v)
		JW(w, "true");
	else
		JW(w, "false");
}

/* v rounded to `decimals` as everywhere else (itakit_round), or null: the
 * text itakit_format_number gives with Arabic digits, its scaled integer
 * written straight into the block. */
static void json_num(json_writer *w, double v, int decimals)
{
	static const long long scale_of[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	if (!isfinite(v)) {
		JW(w, "null");
		return;
	}
	double r = itakit_round(v, decimals);
	if (decimals < 0 || decimals > 6 || !(fabs(r) < 1e12)) {
		char buf[64];
		jw_str(w, itakit_format_number(buf, sizeof buf, v, decimals, ITAKIT_DIGITS_ARABIC, false));
		return;
	}
	long long k = llround(fabs(r) * (double)scale_of[decimals]);
	char tmp[48], *end = tmp + sizeof tmp, *p = end;
	for (int d = 0; d < decimals; d++, k /= 10)
		*--p = (char)('0' + k % 10);
	if (decimals)
		*--p = '.';
	do {
		*--p = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	if (r < 0)
		*--p = '-';
	jw_put(w, p, (size_t)(end - p));
}

/* s as a JSON string literal, quotes included (as itakit_strbuf_append_json). */
static void jw_json_str(json_writer *w, const char *s)
{
	JW(w, "\"");
	const char *run = s; /* start of bytes that need no escape */
	for (const unsigned char *p = (const unsigned char *)s;; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		jw_put(w, run, (size_t)((const char *)p - run));
		run = (const char *)p + 1;
		switch (*p) {
		case '\0': JW(w, "\""); return;
		case '"': JW(w, "\\\""); break;
		case '\\': JW(w, "\\\\"); break;
		case '\n': JW(w, "\\n"); break;
		case '\r': JW(w, "\\r"); break;
		case '\t': JW(w, "\\t"); break;
		default: {
			static const char hex[] = "0123456789abcdef";
			char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
			jw_put(w, u, sizeof u);
		}
		}
	}
}

static void json_score(json_writer *w, const itakit_score *s)
{
	if (s->known)
		json_num(w, s->value, 2);
	else
		JW(w, "null");
}

static void json_delta(json_writer *w, const itakit_score *s)
{
	if (s->has_delta)
		json_num(w, s->delta, 2);
	else
		JW(w, "null");
}

static void json_codes(json_writer *w, const int *codes, size_t n)
{
	JW(w, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			JW(w, ", ");
		jw_int(w, codes[i]);
	}
	JW(w, "]");
}

static void json_trend(json_writer *w, const itakit_trend *tr)
{
	const itakit_linear_fit *f = &tr->fit;
	JW(w, "{\"n\": ");
	jw_uint(w, f->n);
	if (!f->ok) {
		JW(w, ", \"slope\": null, \"intercept\": null, \"r2\": null, \"next_year\": null, "
		      "\"forecast\": null, \"low\": null, \"high\": null, \"reach_year\": null, "
		      "\"note\": \"fewer than 3 years: no trend\"}");
		return;
	}
	JW(w, ", \"slope\": ");
	json_num(w, f->slope, 4);
	JW(w, ", \"intercept\": ");
	json_num(w, f->intercept, 4);
	JW(w, ", \"r2\": ");
	json_num(w, f->r2, 4);
	JW(w, ", \"next_year\": ");
	jw_int(w, (int)f->x_next);
	JW(w, ", \"forecast\": ");
	json_num(w, f->forecast, 2);
	JW(w, ", \"low\": ");
	json_num(w, f->low, 2);
	JW(w, ", \"high\": ");
	json_num(w, f->high, 2);
	JW(w, ", \"reach_year\": ");
	if (tr->reach_year)
		jw_int(w, tr->reach_year);
	else
		JW(w, "null");
	JW(w, "}");
}

static const itakit_framework_era *names_era(const itakit_framework *fw, const itakit_year_analysis *ya)
{
	return ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
}

static void era_names_text(itakit_strbuf *b, size_t *start, const itakit_framework_era *era)
{
	for (size_t i = 0; i < era->n_indicators; i++) {
		start[i] = b->len;
		itakit_strbuf_appendf(b, "%s{\"code\": %zu, \"name\": ", i ? ", " : "", i + 1);
		itakit_strbuf_append_json(b, era->indicators[i].name_th);
		itakit_strbuf_append(b, ", \"name_en\": ");
		itakit_strbuf_append_json(b, era->indicators[i].name_en);
		itakit_strbuf_append(b, ", \"score\": ");
	}
	start[era->n_indicators] = b->len;
}

/* The opening of indicator i of era, escaped once per era and kept. */
static void json_indicator_head(json_writer *w, const itakit_framework_era *era, size_t i)
{
	json_era_names *en = NULL;
	for (size_t k = 0; k < w->n_names && !en; k++)
		if (w->names[k].era == era)
			en = &w->names[k];
	if (!en && w->n_names < JSON_ERAS) {
		en = &w->names[w->n_names++];
		en->era = era;
		itakit_strbuf_init(&en->text);
		era_names_text(&en->text, en->start, era);
	}
	if (en && itakit_strbuf_ok(&en->text)) {
		jw_put(w, en->text.data + en->start[i], en->start[i + 1] - en->start[i]);
		return;
	}
	/* more eras than kept (or no memory to keep them): written afresh */
	itakit_strbuf one = ITAKIT_STRBUF_INIT;
	size_t start[ITAKIT_MAX_INDICATORS + 1];
	era_names_text(&one, start, era);
	if (itakit_strbuf_ok(&one))
		jw_put(w, one.data + start[i], start[i + 1] - start[i]);
	else
		w->out->oom = true;
	itakit_strbuf_release(&one);
}

static void json_priorities(json_writer *w, const itakit_year_analysis *ya)
{
	if (!ya->has_plan) {
		JW(w, "null");
		return;
	}
	JW(w, "{\"target\": ");
	json_num(w, ya->target, 2);
	JW(w, ", \"needs_plan\": ");
	jw_bool(w, ya->needs_plan);
	JW(w, ", \"reachable\": ");
	jw_bool(w, (ya->needs_plan && ya->plan_reachable) || !ya->needs_plan);
	JW(w, ", \"plan\": [");
	for (size_t i = 0; i < ya->n_plan; i++) {
		const itakit_priority_step *st = &ya->plan[i];
		if (i)
			JW(w, ", ");
		JW(w, "{\"code\": ");
		jw_int(w, st->code);
		JW(w, ", \"from\": ");
		json_num(w, st->from, 2);
		JW(w, ", \"to\": ");
		json_num(w, st->to, 2);
		JW(w, ", \"raise\": ");
		json_num(w, st->raise, 2);
		JW(w, ", \"overall_gain\": ");
		json_num(w, st->overall_gain, 2);
		JW(w, "}");
	}
	JW(w, "], \"overall_after\": ");
	if (ya->needs_plan)
		json_num(w, ya->plan_overall, 2);
	else
		JW(w, "null");
	JW(w, ", \"single\": [");
	for (size_t i = 0; ya->era && i < ya->era->n_indicators; i++) {
		if (i)
			JW(w, ", ");
		JW(w, "{\"code\": ");
		jw_uint(w, i + 1);
		JW(w, ", \"to_100\": ");
		json_num(w, ya->single_to_100[i], 2);
		JW(w, ", \"to_threshold\": ");
		json_num(w, ya->single_to_threshold[i], 2);
		JW(w, "}");
	}
	JW(w, "]}");
}

/* {"IIT": .., "EIT": .., "OIT": ..}: one figure a tool */
static void json_tools(json_writer *w, const itakit_framework_era *names, const itakit_score *tool,
		       void (*figure)(json_writer *, const itakit_score *))
{
	JW(w, "{");
	for (size_t t = 0; names && t < names->n_tools; t++) {
		if (t)
			JW(w, ", ");
		JW(w, "\"");
		jw_str(w, names->tools[t].code);
		JW(w, "\": ");
		figure(w, &tool[t]);
	}
	JW(w, "}");
}

static void json_year(json_writer *w, const itakit_year_analysis *ya)
{
	const itakit_framework_era *names = names_era(w->fw, ya);
	JW(w, "{\"year\": ");
	jw_int(w, ya->year);
	JW(w, ", \"overall\": ");
	json_score(w, &ya->overall);
	JW(w, ", \"overall_source\": \"");
	jw_str(w, source_name(ya->overall_source));
	JW(w, "\", \"overall_reported\": ");
	json_num(w, ya->overall_reported, 2);
	JW(w, ", \"overall_check\": ");
	json_num(w, ya->overall_check, 2);
	JW(w, ", \"level\": ");
	if (ya->level >= 0) {
		jw_json_str(w, itakit_level_name(ya, 0));
		JW(w, ", \"level_basis\": ");
		jw_json_str(w, itakit_level_basis_name(ya->level_basis));
	} else {
		JW(w, "null, \"level_basis\": null");
	}
	if (ya->overall.known) {
		JW(w, ", \"pass\": ");
		jw_bool(w, ya->pass);
		JW(w, ", \"gap\": ");
		json_num(w, ya->gap, 2);
	} else {
		JW(w, ", \"pass\": null, \"gap\": null");
	}
	JW(w, ", \"tools\": ");
	json_tools(w, names, ya->tool, json_score);
	JW(w, ", \"indicators\": [");
	size_t n_ind = ya->era ? ya->era->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		const itakit_score *s = &ya->indicator[i];
		json_indicator_head(w, ya->era, i);
		json_score(w, s);
		if (s->known) {
			JW(w, ", \"flagged\": ");
			jw_bool(w, s->flagged);
			JW(w, ", \"gap\": ");
			json_num(w, s->gap, 2);
		} else {
			JW(w, ", \"flagged\": null, \"gap\": null");
		}
		JW(w, ", \"delta\": ");
		json_delta(w, s);
		JW(w, ", \"contribution\": ");
		if (ya->has_contributions)
			json_num(w, ya->contribution[i], 2);
		else
			JW(w, "null");
		JW(w, "}");
	}
	JW(w, "], \"flagged\": ");
	json_codes(w, ya->flagged, ya->n_flagged);
	JW(w, ", \"previous_year\": ");
	if (ya->previous_year)
		jw_int(w, ya->previous_year);
	else
		JW(w, "null");
	JW(w, ", \"delta_overall\": ");
	json_delta(w, &ya->overall);
	JW(w, ", \"delta_tools\": ");
	json_tools(w, names, ya->tool, json_delta);
	JW(w, ", \"tool_contributions\": ");
	if (ya->has_tool_contributions) {
		JW(w, "{");
		for (size_t t = 0; names && t < names->n_tools; t++) {
			if (t)
				JW(w, ", ");
			JW(w, "\"");
			jw_str(w, names->tools[t].code);
			JW(w, "\": ");
			json_num(w, ya->tool_contribution[t], 2);
		}
		JW(w, "}");
	} else {
		JW(w, "null");
	}
	JW(w, ", \"drivers\": ");
	if (ya->has_contributions) {
		json_codes(w, ya->drivers, ya->n_drivers);
		JW(w, ", \"contribution_rounding\": ");
		json_num(w, ya->contribution_residual, 2);
	} else {
		JW(w, "null, \"contribution_rounding\": ");
		if (ya->has_tool_contributions)
			json_num(w, ya->contribution_residual, 2);
		else
			JW(w, "null");
	}
	JW(w, ", \"priorities\": ");
	json_priorities(w, ya);
	JW(w, "}");
}

static void json_unit(json_writer *w, const itakit_unit_analysis *ua, const itakit_export_options *o)
{
	JW(w, "{\"unit\": ");
	jw_json_str(w, ua->unit->name);
	JW(w, ", \"code\": ");
	if (ua->unit->code)
		jw_json_str(w, ua->unit->code);
	else
		JW(w, "null");
	JW(w, ", \"group\": ");
	if (ua->unit->group)
		jw_json_str(w, ua->unit->group);
	else
		JW(w, "null");
	JW(w, ", \"years\": [");
	bool first = true;
	for (size_t k = 0; k < ua->n_years; k++) {
		if (o->year && ua->years[k].year != o->year)
			continue;
		if (first)
			JW(w, "\n    ");
		else
			JW(w, ",\n    ");
		first = false;
		json_year(w, &ua->years[k]);
	}
	JW(w, "],\n   \"trend\": {\"overall\": ");
	json_trend(w, &ua->trend_overall);
	const itakit_framework_era *names = ua->n_years ? names_era(w->fw, &ua->years[ua->n_years - 1]) : NULL;
	for (size_t t = 0; names && t < names->n_tools; t++) {
		JW(w, ", \"");
		jw_str(w, names->tools[t].code);
		JW(w, "\": ");
		json_trend(w, &ua->trend_tool[t]);
	}
	JW(w, ", \"indicators\": {");
	size_t n_ind = names ? names->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		if (i)
			JW(w, ", ");
		JW(w, "\"");
		jw_uint(w, i + 1);
		JW(w, "\": ");
		json_trend(w, &ua->trend_indicator[i]);
	}
	JW(w, "}}}");
}

static void json_cohort(json_writer *w, const itakit_cohort *c)
{
	JW(w, "{\"year\": ");
	jw_int(w, c->year);
	JW(w, ", \"units\": ");
	jw_uint(w, c->n_units);
	JW(w, ", \"pass\": ");
	jw_uint(w, c->n_pass);
	JW(w, ", \"share_pass\": ");
	json_num(w, c->share_pass, 2);
	if (c->previous_year) {
		JW(w, ", \"previous_year\": ");
		jw_int(w, c->previous_year);
		JW(w, ", \"units_previous\": ");
		jw_uint(w, c->n_units_previous);
		JW(w, ", \"pass_previous\": ");
		jw_uint(w, c->n_pass_previous);
	}
	JW(w, ", \"overall\": {\"mean\": ");
	json_num(w, c->overall.mean, 2);
	JW(w, ", \"median\": ");
	json_num(w, c->overall.median, 2);
	JW(w, ", \"sd\": ");
	json_num(w, c->overall.sd, 2);
	JW(w, "}, \"ranking\": [");
	for (size_t i = 0; i < c->n_units; i++) {
		const itakit_cohort_entry *e = &c->ranking[i];
		if (i)
			JW(w, ",\n    {\"unit\": ");
		else
			JW(w, "\n    {\"unit\": ");
		jw_json_str(w, e->ua->unit->name);
		JW(w, ", \"rank\": ");
		jw_int(w, e->rank);
		JW(w, ", \"percentile\": ");
		json_num(w, e->percentile, 2);
		JW(w, ", \"overall\": ");
		json_score(w, &e->ya->overall);
		JW(w, ", \"pass\": ");
		jw_bool(w, e->ya->pass);
		JW(w, ", \"flagged\": ");
		jw_uint(w, e->ya->n_flagged);
		JW(w, "}");
	}
	JW(w, "],\n   \"indicators\": [");
	for (size_t i = 0; i < c->n_indicators; i++) {
		const itakit_cohort_indicator *ci = &c->indicator[i];
		if (i)
			JW(w, ", ");
		JW(w, "{\"code\": ");
		jw_uint(w, i + 1);
		JW(w, ", \"n\": ");
		jw_uint(w, ci->summary.n);
		JW(w, ", \"mean\": ");
		json_num(w, ci->summary.mean, 2);
		JW(w, ", \"median\": ");
		json_num(w, ci->summary.median, 2);
		JW(w, ", \"sd\": ");
		json_num(w, ci->summary.sd, 2);
		JW(w, ", \"below\": ");
		jw_uint(w, ci->n_below);
		JW(w, ", \"pass_if_raised\": ");
		jw_uint(w, ci->n_pass_if_raised);
		JW(w, "}");
	}
	JW(w, "]}");
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
	json_writer *w = malloc(sizeof *w);
	if (!w)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	w->out = out;
	w->fw = fw;
	w->n_names = 0;
	w->len = 0;
	JW(w, "{\"pass_line\": ");
	json_num(w, fw->pass_line, 2);
	JW(w, ", \"threshold\": ");
	json_num(w, o.threshold, 2);
	JW(w, ", \"target\": ");
	json_num(w, o.target, 2);
	JW(w, ",\n \"units\": [");
	for (size_t u = 0; u < n; u++) {
		if (u)
			JW(w, ",\n  ");
		else
			JW(w, "\n  ");
		json_unit(w, &units[u], &o);
	}
	JW(w, "]");
	if (cohort && n > 1) {
		JW(w, ",\n \"cohort\": ");
		json_cohort(w, cohort);
	}
	JW(w, "}\n");
	jw_drain(w);
	for (size_t k = 0; k < w->n_names; k++)
		itakit_strbuf_release(&w->names[k].text);
	free(w);
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
