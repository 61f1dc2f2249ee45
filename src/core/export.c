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
} block_writer;

static void bw_drain(block_writer *w)
{
	itakit_strbuf *out = w->out;
	if (out->sink) {
		/* a streaming buffer: the block goes to its file as it is, after
		 * what the buffer holds, rather than through one more copy */
		if (itakit_strbuf_flush(out) && w->len && fwrite(w->block, 1, w->len, out->sink) != w->len)
			out->io_error = true;
	} else {
		itakit_strbuf_append_n(out, w->block, w->len);
	}
	w->len = 0;
}

static block_writer *bw_new(itakit_strbuf *out, const itakit_framework *fw)
{
	block_writer *w = malloc(sizeof *w);
	if (w) {
		w->out = out;
		w->fw = fw;
		w->n_names = 0;
		w->len = 0;
	}
	return w;
}

/* Hands on what is left and frees w. */
static void bw_free(block_writer *w)
{
	bw_drain(w);
	for (size_t k = 0; k < w->n_names; k++)
		itakit_strbuf_release(&w->names[k].text);
	free(w);
}

static inline void bw_put(block_writer *w, const char *s, size_t n)
{
	if (n > JSON_BLOCK - w->len) {
		bw_drain(w);
		if (n > JSON_BLOCK) {
			itakit_strbuf_append_n(w->out, s, n);
			return;
		}
	}
	memcpy(w->block + w->len, s, n);
	w->len += n;
}

/* A string literal, its length known at compile time. */
#define BW(w, lit) bw_put((w), "" lit, sizeof(lit) - 1)

static void bw_str(block_writer *w, const char *s)
{
	bw_put(w, s, strlen(s));
}

static void bw_uint(block_writer *w, unsigned long long v)
{
	char tmp[24], *end = tmp + sizeof tmp, *p = end;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	bw_put(w, p, (size_t)(end - p));
}

static void bw_int(block_writer *w, long long v)
{
	if (v < 0) {
		BW(w, "-");
		bw_uint(w, 0ull - (unsigned long long)v);
	} else {
		bw_uint(w, (unsigned long long)v);
	}
}

static void bw_bool(block_writer *w, bool v)
{
	if (v)
		BW(w, "true");
	else
		BW(w, "false");
}

/* k / 10^decimals with its decimals, a minus sign first when negative (and
 * k is not 0: never "-0.00"). */
static void bw_scaled(block_writer *w, long long k, int decimals, bool negative)
{
	char tmp[48], *end = tmp + sizeof tmp, *p = end;
	for (int d = 0; d < decimals; d++, k /= 10)
		*--p = (char)('0' + k % 10);
	if (decimals)
		*--p = '.';
	do {
		*--p = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	if (negative)
		*--p = '-';
	bw_put(w, p, (size_t)(end - p));
}

/* v rounded to `decimals` as everywhere else (itakit_round), or null: the
 * text itakit_format_number gives with Arabic digits, its scaled integer
 * written straight into the block. */
static void json_num(block_writer *w, double v, int decimals)
{
	static const long long scale_of[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	if (!isfinite(v)) {
		BW(w, "null");
		return;
	}
	double r = itakit_round(v, decimals);
	if (decimals < 0 || decimals > 6 || !(fabs(r) < 1e12)) {
		char buf[64];
		bw_str(w, itakit_format_number(buf, sizeof buf, v, decimals, ITAKIT_DIGITS_ARABIC, false));
		return;
	}
	bw_scaled(w, (long long)(fabs(r) * (double)scale_of[decimals] + 0.5), decimals, r < 0);
}

/* A key (a literal such as ", \"slope\": ") and its value, written by put
 * (json_num, json_hundredths, bw_int, bw_uint). */
#define BW_KEY(w, key, put, ...) (BW((w), key), put((w), __VA_ARGS__))

/* A figure the analysis already rounded to hundredths (a shown score, a
 * change, a gap, a gain): the double nearest to k / 100, whose k is read
 * back exactly without rounding it again. */
static void json_hundredths(block_writer *w, double v)
{
	if (!(fabs(v) < 1e12))
		json_num(w, v, 2);
	else
		bw_scaled(w, (long long)(fabs(v) * 100.0 + 0.5), 2, v < 0 && v != 0);
}

/* s as a JSON string literal, quotes included. A string with something to
 * escape (rare in names) goes through itakit_strbuf_append_json, after the
 * block so far. */
static void bw_json_str(block_writer *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p >= 0x20 && *p != '"' && *p != '\\')
		p++;
	if (*p) {
		bw_drain(w);
		itakit_strbuf_append_json(w->out, s);
		return;
	}
	BW(w, "\"");
	bw_put(w, s, (size_t)((const char *)p - s));
	BW(w, "\"");
}

static void json_score(block_writer *w, const itakit_score *s)
{
	if (s->known)
		json_hundredths(w, s->rounded);
	else
		BW(w, "null");
}

static void json_delta(block_writer *w, const itakit_score *s)
{
	if (s->has_delta)
		json_hundredths(w, s->delta);
	else
		BW(w, "null");
}

static void json_codes(block_writer *w, const int *codes, size_t n)
{
	BW(w, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			BW(w, ", ");
		bw_int(w, codes[i]);
	}
	BW(w, "]");
}

static void json_trend(block_writer *w, const itakit_trend *tr)
{
	const itakit_linear_fit *f = &tr->fit;
	BW_KEY(w, "{\"n\": ", bw_uint, f->n);
	if (!f->ok) {
		BW(w, ", \"slope\": null, \"intercept\": null, \"r2\": null, \"next_year\": null, "
		      "\"forecast\": null, \"low\": null, \"high\": null, \"reach_year\": null, "
		      "\"note\": \"fewer than 3 years: no trend\"}");
		return;
	}
	BW_KEY(w, ", \"slope\": ", json_num, f->slope, 4);
	BW_KEY(w, ", \"intercept\": ", json_num, f->intercept, 4);
	BW_KEY(w, ", \"r2\": ", json_num, f->r2, 4);
	BW_KEY(w, ", \"next_year\": ", bw_int, (int)f->x_next);
	BW_KEY(w, ", \"forecast\": ", json_num, f->forecast, 2);
	BW_KEY(w, ", \"low\": ", json_num, f->low, 2);
	BW_KEY(w, ", \"high\": ", json_num, f->high, 2);
	BW(w, ", \"reach_year\": ");
	if (tr->reach_year)
		bw_int(w, tr->reach_year);
	else
		BW(w, "null");
	BW(w, "}");
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
static void json_indicator_head(block_writer *w, const itakit_framework_era *era, size_t i)
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
		bw_put(w, en->text.data + en->start[i], en->start[i + 1] - en->start[i]);
		return;
	}
	/* more eras than kept (or no memory to keep them): written afresh */
	itakit_strbuf one = ITAKIT_STRBUF_INIT;
	size_t start[ITAKIT_MAX_INDICATORS + 1];
	era_names_text(&one, start, era);
	if (itakit_strbuf_ok(&one))
		bw_put(w, one.data + start[i], start[i + 1] - start[i]);
	else
		w->out->oom = true;
	itakit_strbuf_release(&one);
}

static void json_priorities(block_writer *w, const itakit_year_analysis *ya)
{
	if (!ya->has_plan) {
		BW(w, "null");
		return;
	}
	BW_KEY(w, "{\"target\": ", json_num, ya->target, 2);
	BW(w, ", \"needs_plan\": ");
	bw_bool(w, ya->needs_plan);
	BW(w, ", \"reachable\": ");
	bw_bool(w, (ya->needs_plan && ya->plan_reachable) || !ya->needs_plan);
	BW(w, ", \"plan\": [");
	for (size_t i = 0; i < ya->n_plan; i++) {
		const itakit_priority_step *st = &ya->plan[i];
		if (i)
			BW(w, ", ");
		BW_KEY(w, "{\"code\": ", bw_int, st->code);
		BW_KEY(w, ", \"from\": ", json_hundredths, st->from);
		BW_KEY(w, ", \"to\": ", json_hundredths, st->to);
		BW_KEY(w, ", \"raise\": ", json_hundredths, st->raise);
		BW_KEY(w, ", \"overall_gain\": ", json_hundredths, st->overall_gain);
		BW(w, "}");
	}
	BW(w, "], \"overall_after\": ");
	if (ya->needs_plan)
		json_num(w, ya->plan_overall, 2);
	else
		BW(w, "null");
	BW(w, ", \"single\": [");
	for (size_t i = 0; ya->era && i < ya->era->n_indicators; i++) {
		if (i)
			BW(w, ", ");
		BW_KEY(w, "{\"code\": ", bw_uint, i + 1);
		BW_KEY(w, ", \"to_100\": ", json_hundredths, ya->single_to_100[i]);
		BW_KEY(w, ", \"to_threshold\": ", json_hundredths, ya->single_to_threshold[i]);
		BW(w, "}");
	}
	BW(w, "]}");
}

/* The key of tool t in a {"IIT": .., "EIT": .., "OIT": ..} object. */
static void json_tool_key(block_writer *w, const itakit_framework_era *names, size_t t)
{
	if (t)
		BW(w, ", ");
	BW(w, "\"");
	bw_str(w, names->tools[t].code);
	BW(w, "\": ");
}

/* {"IIT": .., "EIT": .., "OIT": ..}: one figure a tool */
static void json_tools(block_writer *w, const itakit_framework_era *names, const itakit_score *tool,
		       void (*figure)(block_writer *, const itakit_score *))
{
	BW(w, "{");
	for (size_t t = 0; names && t < names->n_tools; t++) {
		json_tool_key(w, names, t);
		figure(w, &tool[t]);
	}
	BW(w, "}");
}

static void json_year(block_writer *w, const itakit_year_analysis *ya)
{
	const itakit_framework_era *names = names_era(w->fw, ya);
	BW_KEY(w, "{\"year\": ", bw_int, ya->year);
	BW(w, ", \"overall\": ");
	json_score(w, &ya->overall);
	BW(w, ", \"overall_source\": \"");
	bw_str(w, source_name(ya->overall_source));
	BW_KEY(w, "\", \"overall_reported\": ", json_num, ya->overall_reported, 2);
	BW_KEY(w, ", \"overall_check\": ", json_num, ya->overall_check, 2);
	BW(w, ", \"level\": ");
	if (ya->level >= 0) {
		bw_json_str(w, itakit_level_name(ya, 0));
		BW(w, ", \"level_basis\": ");
		bw_json_str(w, itakit_level_basis_name(ya->level_basis));
	} else {
		BW(w, "null, \"level_basis\": null");
	}
	if (ya->overall.known) {
		BW(w, ", \"pass\": ");
		bw_bool(w, ya->pass);
		BW_KEY(w, ", \"gap\": ", json_hundredths, ya->gap);
	} else {
		BW(w, ", \"pass\": null, \"gap\": null");
	}
	BW(w, ", \"tools\": ");
	json_tools(w, names, ya->tool, json_score);
	BW(w, ", \"indicators\": [");
	size_t n_ind = ya->era ? ya->era->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		const itakit_score *s = &ya->indicator[i];
		json_indicator_head(w, ya->era, i);
		json_score(w, s);
		if (s->known) {
			BW(w, ", \"flagged\": ");
			bw_bool(w, s->flagged);
			BW_KEY(w, ", \"gap\": ", json_hundredths, s->gap);
		} else {
			BW(w, ", \"flagged\": null, \"gap\": null");
		}
		BW(w, ", \"delta\": ");
		json_delta(w, s);
		BW(w, ", \"contribution\": ");
		if (ya->has_contributions)
			json_hundredths(w, ya->contribution[i]);
		else
			BW(w, "null");
		BW(w, "}");
	}
	BW(w, "], \"flagged\": ");
	json_codes(w, ya->flagged, ya->n_flagged);
	BW(w, ", \"previous_year\": ");
	if (ya->previous_year)
		bw_int(w, ya->previous_year);
	else
		BW(w, "null");
	BW(w, ", \"delta_overall\": ");
	json_delta(w, &ya->overall);
	BW(w, ", \"delta_tools\": ");
	json_tools(w, names, ya->tool, json_delta);
	BW(w, ", \"tool_contributions\": ");
	if (ya->has_tool_contributions) {
		BW(w, "{");
		for (size_t t = 0; names && t < names->n_tools; t++) {
			json_tool_key(w, names, t);
			json_hundredths(w, ya->tool_contribution[t]);
		}
		BW(w, "}");
	} else {
		BW(w, "null");
	}
	BW(w, ", \"drivers\": ");
	if (ya->has_contributions) {
		json_codes(w, ya->drivers, ya->n_drivers);
		BW_KEY(w, ", \"contribution_rounding\": ", json_hundredths, ya->contribution_residual);
	} else {
		BW(w, "null, \"contribution_rounding\": ");
		if (ya->has_tool_contributions)
			json_hundredths(w, ya->contribution_residual);
		else
			BW(w, "null");
	}
	BW(w, ", \"priorities\": ");
	json_priorities(w, ya);
	BW(w, "}");
}

static void json_unit(block_writer *w, const itakit_unit_analysis *ua, const itakit_export_options *o)
{
	BW(w, "{\"unit\": ");
	bw_json_str(w, ua->unit->name);
	BW(w, ", \"code\": ");
	if (ua->unit->code)
		bw_json_str(w, ua->unit->code);
	else
		BW(w, "null");
	BW(w, ", \"group\": ");
	if (ua->unit->group)
		bw_json_str(w, ua->unit->group);
	else
		BW(w, "null");
	BW(w, ", \"years\": [");
	bool first = true;
	for (size_t k = 0; k < ua->n_years; k++) {
		if (o->year && ua->years[k].year != o->year)
			continue;
		if (first)
			BW(w, "\n    ");
		else
			BW(w, ",\n    ");
		first = false;
		json_year(w, &ua->years[k]);
	}
	BW(w, "],\n   \"trend\": {\"overall\": ");
	json_trend(w, &ua->trend_overall);
	const itakit_framework_era *names = ua->n_years ? names_era(w->fw, &ua->years[ua->n_years - 1]) : NULL;
	for (size_t t = 0; names && t < names->n_tools; t++) {
		BW(w, ", \"");
		bw_str(w, names->tools[t].code);
		BW(w, "\": ");
		json_trend(w, &ua->trend_tool[t]);
	}
	BW(w, ", \"indicators\": {");
	size_t n_ind = names ? names->n_indicators : 0;
	for (size_t i = 0; i < n_ind; i++) {
		if (i)
			BW(w, ", ");
		BW_KEY(w, "\"", bw_uint, i + 1);
		BW(w, "\": ");
		json_trend(w, &ua->trend_indicator[i]);
	}
	BW(w, "}}}");
}

static void json_cohort(block_writer *w, const itakit_cohort *c)
{
	BW_KEY(w, "{\"year\": ", bw_int, c->year);
	BW_KEY(w, ", \"units\": ", bw_uint, c->n_units);
	BW_KEY(w, ", \"pass\": ", bw_uint, c->n_pass);
	BW_KEY(w, ", \"share_pass\": ", json_num, c->share_pass, 2);
	if (c->previous_year) {
		BW_KEY(w, ", \"previous_year\": ", bw_int, c->previous_year);
		BW_KEY(w, ", \"units_previous\": ", bw_uint, c->n_units_previous);
		BW_KEY(w, ", \"pass_previous\": ", bw_uint, c->n_pass_previous);
	}
	BW_KEY(w, ", \"overall\": {\"mean\": ", json_num, c->overall.mean, 2);
	BW_KEY(w, ", \"median\": ", json_num, c->overall.median, 2);
	BW_KEY(w, ", \"sd\": ", json_num, c->overall.sd, 2);
	BW(w, "}, \"ranking\": [");
	for (size_t i = 0; i < c->n_units; i++) {
		const itakit_cohort_entry *e = &c->ranking[i];
		if (i)
			BW(w, ",\n    {\"unit\": ");
		else
			BW(w, "\n    {\"unit\": ");
		bw_json_str(w, e->ua->unit->name);
		BW_KEY(w, ", \"rank\": ", bw_int, e->rank);
		BW_KEY(w, ", \"percentile\": ", json_num, e->percentile, 2);
		BW(w, ", \"overall\": ");
		json_score(w, &e->ya->overall);
		BW(w, ", \"pass\": ");
		bw_bool(w, e->ya->pass);
		BW_KEY(w, ", \"flagged\": ", bw_uint, e->ya->n_flagged);
		BW(w, "}");
	}
	BW(w, "],\n   \"indicators\": [");
	for (size_t i = 0; i < c->n_indicators; i++) {
		const itakit_cohort_indicator *ci = &c->indicator[i];
		if (i)
			BW(w, ", ");
		BW_KEY(w, "{\"code\": ", bw_uint, i + 1);
		BW_KEY(w, ", \"n\": ", bw_uint, ci->summary.n);
		BW_KEY(w, ", \"mean\": ", json_num, ci->summary.mean, 2);
		BW_KEY(w, ", \"median\": ", json_num, ci->summary.median, 2);
		BW_KEY(w, ", \"sd\": ", json_num, ci->summary.sd, 2);
		BW_KEY(w, ", \"below\": ", bw_uint, ci->n_below);
		BW_KEY(w, ", \"pass_if_raised\": ", bw_uint, ci->n_pass_if_raised);
		BW(w, "}");
	}
	BW(w, "]}");
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
	block_writer *w = bw_new(out, fw);
	if (!w)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	BW_KEY(w, "{\"pass_line\": ", json_num, fw->pass_line, 2);
	BW_KEY(w, ", \"threshold\": ", json_num, o.threshold, 2);
	BW_KEY(w, ", \"target\": ", json_num, o.target, 2);
	BW(w, ",\n \"units\": [");
	for (size_t u = 0; u < n; u++) {
		if (u)
			BW(w, ",\n  ");
		else
			BW(w, "\n  ");
		json_unit(w, &units[u], &o);
	}
	BW(w, "]");
	if (cohort && n > 1) {
		BW(w, ",\n \"cohort\": ");
		json_cohort(w, cohort);
	}
	BW(w, "}\n");
	bw_free(w);
	return itakit_strbuf_ok(out) ? 0 : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}

/* s as one CSV field; one that needs quotes goes through
 * itakit_strbuf_append_csv, after the block so far. */
static void csv_field(block_writer *w, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		bw_str(w, s);
		return;
	}
	bw_drain(w);
	itakit_strbuf_append_csv(w->out, s);
}

/* ",v" with v a figure already rounded to hundredths, or "," alone. */
static void csv_hundredths(block_writer *w, bool shown, double v)
{
	BW(w, ",");
	if (!shown)
		return;
	if (fabs(v) < 1e12) {
		bw_scaled(w, (long long)(fabs(v) * 100.0 + 0.5), 2, v < 0 && v != 0);
	} else {
		char buf[64];
		bw_str(w, itakit_format_number(buf, sizeof buf, v, 2, ITAKIT_DIGITS_ARABIC, false));
	}
}

/* One row; flags and gaps only where judged (indicators, overall); level
 * and pass on the overall's row only (ya NULL elsewhere). */
static void csv_row(block_writer *w, const itakit_unit *u, int year, const char *ind,
		    const char *name, const itakit_score *s, bool judged,
		    const double *contribution, const itakit_year_analysis *ya)
{
	csv_field(w, u->name);
	BW(w, ",");
	csv_field(w, u->code ? u->code : "");
	BW(w, ",");
	csv_field(w, u->group ? u->group : "");
	BW_KEY(w, ",", bw_int, year);
	BW(w, ",");
	bw_str(w, ind);
	BW(w, ",");
	csv_field(w, name);
	csv_hundredths(w, s->known, s->rounded);
	judged = judged && s->known;
	BW(w, ",");
	if (judged)
		bw_str(w, s->flagged ? "1" : "0");
	csv_hundredths(w, judged, s->gap);
	csv_hundredths(w, s->has_delta, s->delta);
	csv_hundredths(w, contribution != NULL, contribution ? *contribution : 0);
	BW(w, ",");
	if (ya && ya->level >= 0)
		csv_field(w, itakit_level_name(ya, 0));
	BW(w, ",");
	if (ya && s->known)
		bw_str(w, ya->pass ? "1" : "0");
	BW(w, "\n");
}

int itakit_export_csv(itakit_strbuf *out, const itakit_framework *fw,
		      const itakit_unit_analysis *units, size_t n,
		      const itakit_export_options *opts)
{
	itakit_export_options o;
	resolve(&o, opts, fw);
	block_writer *w = bw_new(out, fw);
	if (!w)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	BW(w, "unit,code,group,year,indicator,name,score,flagged,gap,delta,contribution,level,pass\n");
	for (size_t u = 0; u < n; u++) {
		const itakit_unit_analysis *ua = &units[u];
		for (size_t k = 0; k < ua->n_years; k++) {
			const itakit_year_analysis *ya = &ua->years[k];
			if (o.year && ya->year != o.year)
				continue;
			size_t n_ind = ya->era ? ya->era->n_indicators : 0;
			for (size_t i = 0; i < n_ind; i++) {
				char code[24], *c = code + sizeof code;
				size_t v = i + 1;
				*--c = '\0';
				do {
					*--c = (char)('0' + v % 10);
					v /= 10;
				} while (v);
				csv_row(w, ua->unit, ya->year, c, ya->era->indicators[i].name_th, &ya->indicator[i], true,
					ya->has_contributions ? &ya->contribution[i] : NULL, NULL);
			}
			const itakit_framework_era *names = names_era(fw, ya);
			for (size_t t = 0; names && t < names->n_tools; t++)
				csv_row(w, ua->unit, ya->year, names->tools[t].code, names->tools[t].name_th,
					&ya->tool[t], false,
					ya->has_tool_contributions ? &ya->tool_contribution[t] : NULL, NULL);
			csv_row(w, ua->unit, ya->year, "overall", "ภาพรวม", &ya->overall, true, NULL, ya);
		}
	}
	bw_free(w);
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
