/* Single-unit charts: overall over the years, indicators of a year, tools
 * across years, and the change of each indicator against the year before. */
#include "render/chart_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const itakit_year_analysis *unit_year(chart_ctx *ctx, int year)
{
	const itakit_year_analysis *ya = itakit_unit_analysis_year(ctx->data->unit, year);
	if (!ya) {
		char y[16];
		itakit_format_int(y, sizeof y, year, ITAKIT_DIGITS_ARABIC);
		itakit_error_set(ITAKIT_ENOTFOUND, "%s has no data for fiscal year %s",
				 itakit__chart_unit_name(ctx->data->unit), year ? y : "(none)");
	}
	return ya;
}

static void title_with_unit(chart_ctx *ctx, chart_box *box, const char *what, const char *subtitle)
{
	char title[512];
	itakit__chart_fmt(title, sizeof title, "%s: %s", what, itakit__chart_unit_name(ctx->data->unit));
	itakit__chart_title(ctx, box, title, subtitle);
}

/* ------------------------------------------------------------------ overall */

typedef struct {
	const itakit_unit_analysis *ua;
	chart_rgb colour;
	bool square;  /* marker shape, so the series differ without colour */
} series;

static bool overall_at(const itakit_unit_analysis *ua, int year, double *v)
{
	const itakit_year_analysis *ya = ua ? itakit_unit_analysis_year(ua, year) : NULL;
	if (!ya || !ya->overall.known || !isfinite(ya->overall.value))
		return false;
	*v = ya->overall.value;
	return true;
}

/* Years spanned by the series' known overall scores, up to the chosen year. */
static bool overall_years(const chart_ctx *ctx, const series *s, size_t ns, int *y0, int *y1)
{
	*y0 = 0;
	*y1 = 0;
	for (size_t k = 0; k < ns; k++) {
		for (size_t i = 0; s[k].ua && i < s[k].ua->n_years; i++) {
			const itakit_year_analysis *ya = &s[k].ua->years[i];
			if (!ya->overall.known || (ctx->opt.year && ya->year > ctx->opt.year))
				continue;
			if (!*y0 || ya->year < *y0)
				*y0 = ya->year;
			if (ya->year > *y1)
				*y1 = ya->year;
		}
	}
	return *y0 != 0;
}

static void marker(cairo_t *cr, double x, double y, double r, bool square)
{
	if (square)
		cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
	else
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
}

/* The line is broken wherever a year is missing: a gap, never a bridge. */
static void draw_series_line(chart_ctx *ctx, const series *s, int y0, int y1,
			     const chart_scale *xs, const chart_scale *ys)
{
	cairo_t *cr = ctx->cr;
	cairo_save(cr);
	itakit__chart_set_rgb(cr, s->colour);
	cairo_set_line_width(cr, 2.0);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	bool open = false;
	for (int y = y0; y <= y1; y++) {
		double v;
		if (!overall_at(s->ua, y, &v)) {
			open = false;
			continue;
		}
		double px = itakit__chart_map(xs, y), py = itakit__chart_map(ys, v);
		if (open)
			cairo_line_to(cr, px, py);
		else
			cairo_move_to(cr, px, py);
		open = true;
	}
	cairo_stroke(cr);
	for (int y = y0; y <= y1; y++) {
		double v;
		if (!overall_at(s->ua, y, &v))
			continue;
		marker(cr, itakit__chart_map(xs, y), itakit__chart_map(ys, v), 3.6, s->square);
		itakit__chart_set_rgb(cr, itakit__chart_white);
		cairo_fill_preserve(cr);
		itakit__chart_set_rgb(cr, s->colour);
		cairo_set_line_width(cr, 1.8);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* Value labels: of two series at a year, the higher is labelled above its
 * point and the lower below, so they never collide. */
static void draw_series_labels(chart_ctx *ctx, const series *s, size_t ns, int y0, int y1,
			       const chart_scale *xs, const chart_scale *ys, const chart_box *plot)
{
	chart_text t = itakit__chart_text_at(ctx->fs_value);
	t.halign = CHART_CENTER;
	t.halo = true;
	double off = 5.5;
	for (int y = y0; y <= y1; y++) {
		for (size_t k = 0; k < ns; k++) {
			double v, other;
			if (!overall_at(s[k].ua, y, &v))
				continue;
			bool below = ns > 1 && overall_at(s[1 - k].ua, y, &other) &&
				     (itakit_round(v, 2) < itakit_round(other, 2) ||
				      (itakit_round(v, 2) == itakit_round(other, 2) && k == 1));
			double py = itakit__chart_map(ys, v), th;
			itakit__chart_text_measure(ctx, &t, "0", NULL, &th);
			if (below && py + off + th > plot->y + plot->h)
				below = false;
			if (!below && py - off - th < plot->y - th * 0.8)
				below = true;
			/* never on the threshold line: the other side of the
			 * point when that side is clear, else moved off it */
			double ty = itakit__chart_map(ys, ctx->threshold), clear = 1.5;
			bool hit = below ? ty > py + off - clear && ty < py + off + th + clear
					 : ty > py - off - th - clear && ty < py - off + clear;
			double shift = 0;
			if (hit) {
				bool other_hit = !below ? ty > py + off - clear && ty < py + off + th + clear
							: ty > py - off - th - clear && ty < py - off + clear;
				/* with two series the other side belongs to the other one */
				if (ns == 1 && !other_hit && (below ? py - off - th >= plot->y - th * 0.8
								    : py + off + th <= plot->y + plot->h))
					below = !below;
				else  /* past the line, away from the point */
					shift = below ? ty + clear - (py + off) : ty - clear - (py - off);
			}
			char buf[32];
			chart_text lt = t;
			lt.bold = k == 0;
			lt.color = k == 0 ? itakit__chart_ink : itakit__chart_muted;
			lt.valign = below ? CHART_TOP : CHART_BOTTOM;
			itakit__chart_text_draw(ctx, &lt, itakit__chart_fmt_score(ctx, buf, sizeof buf, v),
					itakit__chart_map(xs, y), (below ? py + off : py - off) + shift, NULL, NULL);
		}
	}
}

static void draw_year_ticks(chart_ctx *ctx, const chart_box *plot, const chart_scale *xs,
			    int y0, int y1, const series *s, bool with_reference)
{
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.halign = CHART_CENTER;
	t.color = itakit__chart_muted;
	double tw;
	itakit__chart_text_measure(ctx, &t, "๒๕๖๖", &tw, NULL);
	double slot = y1 > y0 ? fabs(itakit__chart_map(xs, y0 + 1) - itakit__chart_map(xs, y0)) : plot->w;
	int every = slot > tw * 1.3 ? 1 : (int)ceil(tw * 1.3 / slot);
	for (int y = y0; y <= y1; y++) {
		double x = itakit__chart_map(xs, y), v;
		char buf[16];
		if ((y - y0) % every == 0)
			itakit__chart_text_draw(ctx, &t, itakit__chart_fmt_year(ctx, buf, sizeof buf, y), x,
					plot->y + plot->h + ctx->fs_small * 0.35, NULL, NULL);
		if (!overall_at(s->ua, y, &v)) {
			/* say why the line breaks here; beside a reference line
			 * that has the year, in the unit's colour, so the note
			 * is not read as being about the reference */
			chart_text m = itakit__chart_text_at(ctx->fs_small * 0.95);
			m.color = with_reference ? s->colour : itakit__chart_muted;
			m.halign = CHART_CENTER;
			m.valign = CHART_BOTTOM;
			m.wrap = fmax(slot * 0.9, 30);
			itakit__chart_text_draw(ctx, &m, CHART_TR(ctx, "ไม่มีข้อมูล", "no data"), x,
					plot->y + plot->h - 3, NULL, NULL);
		}
	}
}

int itakit__chart_draw_overall(chart_ctx *ctx, chart_box box)
{
	const itakit_chart_data *d = ctx->data;
	series s[2] = {{d->unit, itakit__chart_blue, false}, {d->reference, itakit__chart_muted, true}};
	size_t ns = d->reference ? 2 : 1;
	int y0, y1;
	char sub[128] = "";
	/* the unit's years set the axis; the reference is drawn within them */
	bool any = overall_years(ctx, s, 1, &y0, &y1);
	if (any)
		itakit__chart_fmt_years(ctx, sub, sizeof sub, y0, y1);
	title_with_unit(ctx, &box, CHART_TR(ctx, "คะแนนภาพรวม ITA", "ITA overall score"), sub);
	if (!any) {
		itakit__chart_message(ctx, &box, CHART_TR(ctx, "ไม่มีคะแนนภาพรวมของหน่วยงานนี้",
						  "This unit has no overall score"));
		return 0;
	}
	if (ns == 2) {
		chart_key keys[2] = {
			{CHART_KEY_POINT, itakit__chart_blue, itakit__chart_unit_name(d->unit)},
			{CHART_KEY_POINT_SQUARE, itakit__chart_muted, d->reference_label ? d->reference_label
									  : itakit__chart_unit_name(d->reference)},
		};
		itakit__chart_legend(ctx, &box, keys, 2);
	}
	double lo = 100, hi = 0, v;
	for (size_t k = 0; k < ns; k++)
		for (int y = y0; y <= y1; y++)
			if (overall_at(s[k].ua, y, &v))
				lo = fmin(lo, v), hi = fmax(hi, v);
	chart_scale ys;
	itakit__chart_score_scale(ctx, &ys, lo - 3, hi);
	char thr[64];
	double thr_w;
	chart_text tt = itakit__chart_text_at(ctx->fs_small);
	itakit__chart_text_measure(ctx, &tt, itakit__chart_threshold_text(ctx, thr, sizeof thr), &thr_w, NULL);

	chart_box plot = box;
	double left = itakit__chart_axis_y_width(ctx, &ys, true);
	plot.x += left;
	plot.w -= left + thr_w + ctx->fs_small * 0.5;
	plot.y += ctx->fs_value * 1.2;  /* room for a label above 100 */
	plot.h -= ctx->fs_value * 1.2 + itakit__chart_axis_x_height(ctx, false);
	ys.p0 = plot.y + plot.h;
	ys.p1 = plot.y;
	/* years sit in the middle of equal slots */
	double slot = plot.w / (y1 - y0 + 1);
	chart_scale xs = {y0, y0 + 1, plot.x + slot / 2, plot.x + slot * 1.5, 1};

	itakit__chart_axis_y(ctx, &plot, &ys, CHART_TR(ctx, "คะแนน", "score"));
	draw_year_ticks(ctx, &plot, &xs, y0, y1, &s[0], ns > 1);
	itakit__chart_threshold_h(ctx, &plot, itakit__chart_map(&ys, ctx->threshold), true);
	for (size_t k = ns; k-- > 0;)
		draw_series_line(ctx, &s[k], y0, y1, &xs, &ys);
	draw_series_labels(ctx, s, ns, y0, y1, &xs, &ys, &plot);
	return 0;
}

/* --------------------------------------------------------------- indicators */

int itakit__chart_draw_indicators(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_unit_year(ctx, true);
	const itakit_year_analysis *ya = unit_year(ctx, year);
	if (!ya)
		return ITAKIT_ENOTFOUND;
	char sub[512], yrs[128], ov[32];
	itakit__chart_fmt_years(ctx, yrs, sizeof yrs, year, year);
	if (ya->overall.known)
		itakit__chart_fmt(sub, sizeof sub, ctx->en ? "%s \xc2\xb7 overall %s" : "%s \xc2\xb7 คะแนนภาพรวม %s",
			 yrs, itakit__chart_fmt_score(ctx, ov, sizeof ov, ya->overall.value));
	else
		itakit__chart_fmt(sub, sizeof sub, "%s", yrs);
	title_with_unit(ctx, &box, CHART_TR(ctx, "คะแนนรายตัวชี้วัด", "Scores by indicator"), sub);
	const itakit_framework_era *era = itakit__chart_era(ctx, ya, year);
	if (ya->n_indicators_known == 0 || !era) {
		itakit__chart_message(ctx, &box, CHART_TR(ctx,
			"ไม่มีคะแนนรายตัวชี้วัดของปีนี้ มีเฉพาะคะแนนภาพรวม",
			"No indicator scores for this year: only the overall score is known"));
		return 0;
	}
	size_t n = era->n_indicators, n_flag = 0, n_known = 0;
	for (size_t i = 0; i < n; i++)
		if (ya->indicator[i].known && isfinite(ya->indicator[i].value)) {
			n_known++;
			n_flag += ya->indicator[i].flagged;
		}
	/* hatching marks the bars below the threshold only when some are not */
	bool hatch = n_flag > 0 && n_flag < n_known;
	if (hatch)
		itakit__chart_legend_pass_flag(ctx, &box, CHART_KEY_FILL, itakit__chart_blue, CHART_KEY_HATCH);
	else
		itakit__chart_legend_all_same(ctx, &box, n_flag > 0, CHART_KEY_FILL);
	char names[ITAKIT_MAX_INDICATORS][256];
	const char *labels[ITAKIT_MAX_INDICATORS];
	for (size_t i = 0; i < n; i++)
		labels[i] = itakit__chart_indicator_label(ctx, names[i], sizeof names[i], era, i);
	chart_row_frame f;
	itakit__chart_row_frame_fit(ctx, &f, box, labels, n, 0.42, itakit__chart_value_width(ctx, "๑๐๐.๐๐"),
		      ctx->fs_small * 1.5);
	chart_scale xs = {0, 100, f.plot.x, f.plot.x + f.plot.w, 20};
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "คะแนน", "score"), false);
	/* the line under the bars, the values clear of it */
	double thr_x = itakit__chart_map(&xs, ctx->threshold);
	itakit__chart_threshold_v(ctx, &f.plot, thr_x, true);
	double bh = fmin(f.row_h * 0.64, ctx->fs_label * 1.6);
	for (size_t i = 0; i < n; i++) {
		double y = f.plot.y + f.row_h * (double)i, mid = y + f.row_h / 2;
		itakit__chart_labels_draw(ctx, &f.labels, labels[i], f.plot.x - ctx->fs_label * 0.6, mid);
		const itakit_score *sc = &ya->indicator[i];
		if (!sc->known || !isfinite(sc->value)) {
			itakit__chart_no_data_note(ctx, f.plot.x, mid);
			continue;
		}
		bool flag = sc->flagged;
		double x1 = itakit__chart_map(&xs, fmax(0, fmin(100, sc->value)));
		itakit__chart_bar(ctx, f.plot.x, mid - bh / 2, x1 - f.plot.x, bh,
			  flag ? itakit__chart_vermillion : itakit__chart_blue, flag && hatch);
		itakit__chart_bar_value_clear(ctx, x1, NAN, mid, sc->value, flag, bh, thr_x);
	}
	return 0;
}

/* -------------------------------------------------------------------- tools */

/* The last max_years years up to year that have any tool or overall score. */
static size_t tool_years(chart_ctx *ctx, int year, const itakit_year_analysis **out)
{
	const itakit_unit_analysis *ua = ctx->data->unit;
	size_t n = 0, cap = (size_t)ctx->opt.max_years;
	for (size_t i = ua->n_years; i-- > 0 && n < cap;) {
		const itakit_year_analysis *ya = &ua->years[i];
		bool any = ya->overall.known;
		for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
			any = any || ya->tool[t].known;
		if (ya->year <= year && any)
			out[n++] = ya;
	}
	for (size_t i = 0; i < n / 2; i++) {  /* oldest first */
		const itakit_year_analysis *tmp = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = tmp;
	}
	return n;
}

/* "IIT" over its weight, "ภาพรวม" for the overall. */
static const char *tool_label(chart_ctx *ctx, char *buf, size_t size, const itakit_framework_era *era,
			      size_t c)
{
	if (c == era->n_tools)
		return CHART_TR(ctx, "ภาพรวม", "Overall");
	char w[32];
	itakit_format_number(w, sizeof w, era->tools[c].weight, 0, ctx->digits, false);
	itakit__chart_fmt(buf, size, ctx->en ? "%s\nweight %s%%" : "%s\nน้ำหนักร้อยละ %s", era->tools[c].code, w);
	return buf;
}

static void tools_legend(chart_ctx *ctx, chart_box *box, const itakit_year_analysis *const *yrs,
			 size_t ny, bool hatch)
{
	chart_key keys[12];
	char names[12][128];
	size_t nk = 0;
	for (size_t i = 0; i < ny && nk < 10; i++) {
		char y[16];
		itakit__chart_fmt_year(ctx, y, sizeof y, yrs[i]->year);
		itakit__chart_fmt(names[nk], sizeof names[nk], ctx->en ? "%s" : "พ.ศ. %s", y);
		keys[nk] = (chart_key){CHART_KEY_FILL, itakit__chart_year_colour(i, ny), names[nk]};
		nk++;
	}
	if (hatch) {
		char thr[32];
		itakit__chart_fmt_score(ctx, thr, sizeof thr, ctx->threshold);
		itakit__chart_fmt(names[nk], sizeof names[nk], ctx->en ? "hatched: below %s" : "ลายทแยง: ต่ำกว่า %s", thr);
		keys[nk] = (chart_key){CHART_KEY_HATCH, itakit__chart_muted, names[nk]};
		nk++;
	}
	itakit__chart_legend(ctx, box, keys, nk);
}

static const itakit_score *tool_score(const itakit_year_analysis *ya, size_t c, size_t n_tools)
{
	return c == n_tools ? &ya->overall : &ya->tool[c];
}

static bool score_known(const itakit_score *sc)
{
	return sc->known && isfinite(sc->value);
}

int itakit__chart_draw_tools(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_unit_year(ctx, false);
	const itakit_year_analysis *yrs[16];
	size_t ny = tool_years(ctx, year, yrs);
	char sub[256] = "";
	if (ny)
		itakit__chart_fmt_years(ctx, sub, sizeof sub, yrs[0]->year, yrs[ny - 1]->year);
	const itakit_framework_era *era = ny ? itakit__chart_era(ctx, yrs[ny - 1], yrs[ny - 1]->year) : NULL;
	size_t nc = era ? era->n_tools + 1 : 0, n_flag = 0, n_known = 0, per_group = 0;
	for (size_t c = 0; c < nc; c++) {
		size_t k = 0;
		for (size_t i = 0; i < ny; i++) {
			const itakit_score *sc = tool_score(yrs[i], c, era->n_tools);
			if (!score_known(sc))
				continue;
			k++;
			n_known++;
			n_flag += sc->flagged;
		}
		per_group = k > per_group ? k : per_group;
	}
	/* hatching marks the bars below the threshold only when some are not */
	bool hatch = n_flag > 0 && n_flag < n_known;
	if (n_known && !hatch) {
		char thr[32], note[128];
		itakit__chart_fmt_score(ctx, thr, sizeof thr, ctx->threshold);
		itakit__chart_fmt(note, sizeof note, ctx->en ? " \xc2\xb7 every score %s %s" : " \xc2\xb7 ทุกคะแนน%s %s",
			  n_flag ? CHART_TR(ctx, "ต่ำกว่า", "below") : CHART_TR(ctx, "ตั้งแต่", "at or above"), thr);
		size_t len = strlen(sub);
		itakit__chart_fmt(sub + len, sizeof sub - len, "%s", note);
	}
	title_with_unit(ctx, &box, CHART_TR(ctx, "คะแนนรายเครื่องมือและภาพรวม", "Scores by tool and overall"), sub);
	if (!ny || !era || !n_known) {
		itakit__chart_message(ctx, &box, CHART_TR(ctx, "ไม่มีคะแนนรายเครื่องมือของหน่วยงานนี้",
						  "This unit has no tool scores"));
		return 0;
	}
	tools_legend(ctx, &box, yrs, ny, hatch);

	/* horizontal groups: the value labels always have room beside the bars */
	char names[ITAKIT_MAX_TOOLS + 1][128];
	const char *labels[ITAKIT_MAX_TOOLS + 1];
	for (size_t c = 0; c < nc; c++)
		labels[c] = tool_label(ctx, names[c], sizeof names[c], era, c);
	chart_row_frame f;
	itakit__chart_row_frame_fit(ctx, &f, box, labels, nc, 0.3, itakit__chart_value_width(ctx, "๑๐๐.๐๐"),
			    ctx->fs_small * 1.5);
	chart_scale xs = {0, 100, f.plot.x, f.plot.x + f.plot.w, 20};
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "คะแนน", "score"), false);
	/* the line under the bars, the values clear of it */
	double thr_x = itakit__chart_map(&xs, ctx->threshold);
	itakit__chart_threshold_v(ctx, &f.plot, thr_x, true);
	/* a group's bars are the years that have its score, packed together
	 * (a year without the score leaves no empty slot); the colour names
	 * the year */
	double inner = f.row_h * 0.84, bar_h = fmin(inner / (double)per_group, ctx->fs_label * 1.6);
	for (size_t c = 0; c < nc; c++) {
		size_t k = 0;
		for (size_t i = 0; i < ny; i++)
			k += score_known(tool_score(yrs[i], c, era->n_tools));
		double gy = f.plot.y + f.row_h * (double)c + (f.row_h - bar_h * (double)k) / 2;
		itakit__chart_labels_draw(ctx, &f.labels, labels[c], f.plot.x - ctx->fs_label * 0.6,
				  f.plot.y + f.row_h * ((double)c + 0.5));
		size_t j = 0;
		for (size_t i = 0; i < ny; i++) {
			const itakit_score *sc = tool_score(yrs[i], c, era->n_tools);
			if (!score_known(sc))
				continue;
			double y = gy + bar_h * (double)j++, x1 = itakit__chart_map(&xs, fmax(0, fmin(100, sc->value)));
			bool flag = sc->flagged;
			itakit__chart_bar(ctx, f.plot.x, y + 0.5, x1 - f.plot.x, bar_h - 1, itakit__chart_year_colour(i, ny), flag && hatch);
			itakit__chart_bar_value_clear(ctx, x1, NAN, y + bar_h / 2, sc->value, i + 1 == ny, bar_h, thr_x);
		}
	}
	return 0;
}

/* -------------------------------------------------------------------- delta */

static bool delta_rows(const itakit_year_analysis *ya, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ya->indicator[i].known && ya->indicator[i].has_delta)
			return true;
	return false;
}

static void delta_row(chart_ctx *ctx, const chart_scale *xs, double mid, double bh,
		      const itakit_score *sc, bool bold)
{
	double x0 = itakit__chart_map(xs, 0);
	if (!sc->known || !sc->has_delta) {
		chart_text t = itakit__chart_text_at(ctx->fs_small);
		t.color = itakit__chart_muted;
		t.valign = CHART_MIDDLE;
		t.halign = CHART_CENTER;
		t.halo = true;
		itakit__chart_text_draw(ctx, &t, CHART_TR(ctx, "ไม่มีข้อมูลเทียบ", "nothing to compare"), x0, mid, NULL, NULL);
		return;
	}
	double dv = sc->delta;
	double x1 = itakit__chart_map(xs, dv);
	itakit__chart_bar(ctx, x0, mid - bh / 2, x1 - x0, bh, dv < 0 ? itakit__chart_vermillion : itakit__chart_blue, false);
	itakit__chart_delta_value(ctx, x1, mid, dv, dv < 0, bold);
}

int itakit__chart_draw_delta(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_unit_year(ctx, true);
	const itakit_year_analysis *ya = unit_year(ctx, year);
	if (!ya)
		return ITAKIT_ENOTFOUND;
	char sub[512] = "", a[32], b[32];
	if (ya->previous_year) {
		itakit__chart_fmt_year(ctx, a, sizeof a, year);
		itakit__chart_fmt_year(ctx, b, sizeof b, ya->previous_year);
		itakit__chart_fmt(sub, sizeof sub, ctx->en ? "Fiscal year %s against %s" :
				"ปีงบประมาณ พ.ศ. %s เทียบกับ พ.ศ. %s", a, b);
	} else {
		itakit__chart_fmt_years(ctx, sub, sizeof sub, year, year);
	}
	title_with_unit(ctx, &box, CHART_TR(ctx, "การเปลี่ยนแปลงคะแนนรายตัวชี้วัด",
					    "Change by indicator"), sub);
	const itakit_framework_era *era = itakit__chart_era(ctx, ya, year);
	if (!ya->previous_year || !era || !delta_rows(ya, era->n_indicators)) {
		char msg[256];
		if (ya->previous_year)
			itakit__chart_fmt(msg, sizeof msg, ctx->en ?
				 "No indicator scores for %s to compare with" :
				 "ไม่มีคะแนนรายตัวชี้วัดของปี พ.ศ. %s ให้เปรียบเทียบ", b);
		else
			itakit__chart_fmt(msg, sizeof msg, "%s", CHART_TR(ctx, "ไม่มีข้อมูลปีก่อนหน้าให้เปรียบเทียบ",
								 "No previous year to compare with"));
		itakit__chart_message(ctx, &box, msg);
		return 0;
	}
	chart_key keys[2] = {{CHART_KEY_FILL, itakit__chart_blue, CHART_TR(ctx, "เพิ่มขึ้น", "rose")},
			     {CHART_KEY_FILL, itakit__chart_vermillion, CHART_TR(ctx, "ลดลง", "fell")}};
	itakit__chart_legend(ctx, &box, keys, 2);

	size_t n = era->n_indicators, rows = n + (ya->overall.has_delta ? 1 : 0);
	char names[ITAKIT_MAX_INDICATORS + 1][256];
	const char *labels[ITAKIT_MAX_INDICATORS + 1];
	double max_abs = 0;
	for (size_t i = 0; i < n; i++) {
		labels[i] = itakit__chart_indicator_label(ctx, names[i], sizeof names[i], era, i);
		if (ya->indicator[i].known && ya->indicator[i].has_delta)
			max_abs = fmax(max_abs, fabs(ya->indicator[i].delta));
	}
	if (rows > n) {
		labels[n] = CHART_TR(ctx, "คะแนนภาพรวม", "Overall");
		max_abs = fmax(max_abs, fabs(ya->overall.delta));
	}
	double vw = itakit__chart_value_width(ctx, "+๑๐๐.๐๐");
	chart_row_frame f;
	itakit__chart_row_frame_fit(ctx, &f, box, labels, rows, 0.40, 0, ctx->fs_small * 0.5);
	chart_scale xs;
	itakit__chart_delta_scale(&xs, max_abs);
	xs.p0 = f.plot.x + vw;
	xs.p1 = f.plot.x + f.plot.w - vw;
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "คะแนนที่เปลี่ยนไป", "change in points"), true);
	double bh = fmin(f.row_h * 0.62, ctx->fs_label * 1.6);
	for (size_t i = 0; i < rows; i++) {
		double mid = f.plot.y + f.row_h * ((double)i + 0.5);
		bool overall = i == n;
		if (overall) {  /* set the overall apart from the indicators */
			cairo_save(ctx->cr);
			itakit__chart_set_rgb(ctx->cr, itakit__chart_axis);
			cairo_set_line_width(ctx->cr, 0.6);
			cairo_move_to(ctx->cr, box.x, mid - f.row_h / 2);
			cairo_line_to(ctx->cr, box.x + box.w, mid - f.row_h / 2);
			cairo_stroke(ctx->cr);
			cairo_restore(ctx->cr);
		}
		itakit__chart_labels_draw(ctx, &f.labels, labels[i], f.plot.x - ctx->fs_label * 0.6, mid);
		delta_row(ctx, &xs, mid, bh, overall ? &ya->overall : &ya->indicator[i], overall);
	}
	/* the zero line on top of the bars */
	cairo_save(ctx->cr);
	itakit__chart_set_rgb(ctx->cr, itakit__chart_ink);
	cairo_set_line_width(ctx->cr, 1.0);
	cairo_move_to(ctx->cr, itakit__chart_map(&xs, 0), f.plot.y);
	cairo_line_to(ctx->cr, itakit__chart_map(&xs, 0), f.plot.y + f.plot.h);
	cairo_stroke(ctx->cr);
	cairo_restore(ctx->cr);
	return 0;
}
