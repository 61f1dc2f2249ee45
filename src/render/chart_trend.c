/* Small multiples: each indicator of one unit over the years, with the
 * fitted line and, where the line has a direction, the 95% prediction
 * interval for the next year. */
#include "render/chart_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
	int y0, y1;          /* years with any indicator score */
	int x_next;          /* the axis end: the forecast year if a panel forecasts */
	chart_scale ys;      /* shared by every panel */
	size_t cols, rows;
} trend_grid;

static double indicator_at(const itakit_unit_analysis *ua, size_t j, size_t i, bool *ok)
{
	const itakit_score *sc = &ua->years[j].indicator[i];
	*ok = sc->known && isfinite(sc->value);
	return sc->value;
}

/* A panel forecasts only where the analysis's line has a direction (the
 * slope differs from zero and is not flat), as the report's text does. */
static bool forecasts(const itakit_trend *tr)
{
	return tr->fit.ok && tr->fit.sloped && !tr->flat;
}

/* Years, forecast year and one score range for all panels (shared so that
 * the panels compare at a glance). */
static bool trend_span(chart_ctx *ctx, trend_grid *g, size_t n_ind)
{
	const itakit_unit_analysis *ua = ctx->data->unit;
	double lo = 100;
	g->y0 = g->y1 = 0;
	for (size_t j = 0; j < ua->n_years; j++) {
		if (ctx->opt.year && ua->years[j].year > ctx->opt.year)
			continue;
		for (size_t i = 0; i < n_ind; i++) {
			bool ok;
			double v = indicator_at(ua, j, i, &ok);
			if (!ok)
				continue;
			lo = fmin(lo, v);
			if (!g->y0)
				g->y0 = ua->years[j].year;
			g->y1 = ua->years[j].year;
		}
	}
	/* the axis reaches the forecast year only when a panel forecasts */
	g->x_next = g->y1;
	for (size_t i = 0; i < n_ind; i++) {
		const itakit_linear_fit *fit = &ua->trend_indicator[i].fit;
		if (forecasts(&ua->trend_indicator[i])) {
			g->x_next = (int)lround(fit->x_next);
			lo = fmin(lo, fmax(fit->low, 0));
		}
	}
	itakit__chart_score_scale(ctx, &g->ys, lo, 100);
	return g->y0 != 0;
}

static void panel_frame(chart_ctx *ctx, const chart_box *p, const trend_grid *g, bool y_labels)
{
	cairo_t *cr = ctx->cr;
	cairo_save(cr);
	itakit__chart_set_rgb(cr, itakit__chart_panel);
	cairo_rectangle(cr, p->x, p->y, p->w, p->h);
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.5);
	chart_text t = itakit__chart_text_at(ctx->fs_small * 0.9);
	t.halign = CHART_RIGHT;
	t.valign = CHART_MIDDLE;
	t.color = itakit__chart_muted;
	int n = (int)floor((g->ys.hi - g->ys.lo) / g->ys.step + 1e-6);
	for (int k = 0; k <= n; k++) {
		double v = g->ys.lo + k * g->ys.step;
		double y = p->y + p->h - (v - g->ys.lo) / (g->ys.hi - g->ys.lo) * p->h;
		itakit__chart_set_rgb(cr, itakit__chart_white);
		cairo_move_to(cr, p->x, y);
		cairo_line_to(cr, p->x + p->w, y);
		cairo_stroke(cr);
		if (y_labels) {
			char buf[16];
			itakit__chart_text_draw(ctx, &t, itakit__chart_fmt_int(ctx, buf, sizeof buf, (long)v), p->x - 3, y, NULL, NULL);
		}
	}
	cairo_restore(cr);
}

static void year_labels(chart_ctx *ctx, const chart_box *p, const chart_scale *xs, const trend_grid *g)
{
	chart_text t = itakit__chart_text_at(ctx->fs_small * 0.9);
	t.valign = CHART_TOP;
	t.color = itakit__chart_muted;
	int ys[2] = {g->y0, g->x_next};
	for (int k = 0; k < 2; k++) {
		char buf[16];
		t.halign = k == 0 ? CHART_LEFT : CHART_RIGHT;
		double x = itakit__chart_map(xs, ys[k]);
		itakit__chart_text_draw(ctx, &t, itakit__chart_fmt_year(ctx, buf, sizeof buf, ys[k]),
				k == 0 ? fmax(p->x, x - 8) : fmin(p->x + p->w, x + 8), p->y + p->h + 1, NULL, NULL);
	}
}

/* Points of the observed years, and the fitted line over them. */
static void panel_series(chart_ctx *ctx, size_t i, const chart_scale *xs, const chart_scale *ys)
{
	cairo_t *cr = ctx->cr;
	const itakit_unit_analysis *ua = ctx->data->unit;
	const itakit_linear_fit *fit = &ua->trend_indicator[i].fit;
	bool ahead = forecasts(&ua->trend_indicator[i]);
	cairo_save(cr);
	if (fit->ok) {
		/* the interval first, under the line and the points; without a
		 * direction the line covers only the observed years */
		double xn = itakit__chart_map(xs, fit->x_next);
		if (ahead) {
			double lo = fmax(ys->lo, fmin(ys->hi, fit->low)), hi = fmax(ys->lo, fmin(ys->hi, fit->high));
			cairo_set_source_rgba(cr, itakit__chart_orange.r, itakit__chart_orange.g, itakit__chart_orange.b, 0.35);
			cairo_rectangle(cr, xn - 3.5, itakit__chart_map(ys, hi), 7, itakit__chart_map(ys, lo) - itakit__chart_map(ys, hi));
			cairo_fill(cr);
		}
		double x_end = fit->x_next;
		if (!ahead) {
			x_end = xs->lo;
			for (size_t j = 0; j < ua->n_years; j++) {
				bool ok;
				indicator_at(ua, j, i, &ok);
				if (ok && ua->years[j].year <= xs->hi)
					x_end = fmax(x_end, ua->years[j].year);
			}
		}
		itakit__chart_set_rgb(cr, ahead ? itakit__chart_ink : itakit__chart_muted);
		cairo_set_line_width(cr, 1.1);
		double ya = fit->intercept + fit->slope * xs->lo;
		double yb = fit->intercept + fit->slope * x_end;
		cairo_move_to(cr, itakit__chart_map(xs, xs->lo), itakit__chart_map(ys, fmax(ys->lo, fmin(ys->hi, ya))));
		cairo_line_to(cr, itakit__chart_map(xs, x_end), itakit__chart_map(ys, fmax(ys->lo, fmin(ys->hi, yb))));
		cairo_stroke(cr);
		if (ahead) {
			cairo_arc(cr, xn, itakit__chart_map(ys, fmax(ys->lo, fmin(ys->hi, fit->forecast))), 2.4, 0, 2 * M_PI);
			itakit__chart_set_rgb(cr, itakit__chart_white);
			cairo_fill_preserve(cr);
			itakit__chart_set_rgb(cr, itakit__chart_ink);
			cairo_stroke(cr);
		}
	}
	for (size_t j = 0; j < ua->n_years; j++) {
		bool ok;
		double v = indicator_at(ua, j, i, &ok);
		if (!ok || ua->years[j].year < xs->lo || ua->years[j].year > xs->hi)
			continue;
		/* below: a filled dot; at or above: a ring (the shapes differ
		 * in grey too, as in the ranking) */
		bool below = ua->years[j].indicator[i].flagged;
		cairo_new_sub_path(cr);
		cairo_arc(cr, itakit__chart_map(xs, ua->years[j].year), itakit__chart_map(ys, fmax(ys->lo, v)), 2.6, 0, 2 * M_PI);
		itakit__chart_set_rgb(cr, below ? itakit__chart_vermillion : itakit__chart_white);
		cairo_fill_preserve(cr);
		itakit__chart_set_rgb(cr, below ? itakit__chart_vermillion : itakit__chart_blue);
		cairo_set_line_width(cr, 1.1);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* "fewer than 3 years" in the half of the panel (top or bottom) farther from
 * the points and the threshold line, so it never covers them. */
static void no_trend_note(chart_ctx *ctx, const chart_box *p, size_t i, const chart_scale *xs,
			  const chart_scale *ys)
{
	chart_text m = itakit__chart_text_at(ctx->fs_small * 0.9);
	m.halign = CHART_CENTER;
	m.color = itakit__chart_muted;
	m.halo = true;
	m.wrap = p->w - 4;
	m.max_lines = 2;
	const char *text = CHART_TR(ctx, "ข้อมูลไม่ถึง ๓ ปี ไม่คำนวณแนวโน้ม", "fewer than 3 years: no trend");
	double th;
	itakit__chart_text_measure(ctx, &m, text, NULL, &th);
	const itakit_unit_analysis *ua = ctx->data->unit;
	/* how close the marks come to each end of the panel */
	double top_gap = p->h, bottom_gap = p->h, r = 3.5;
	double marks[40];
	size_t nm = 0;
	marks[nm++] = itakit__chart_map(ys, ctx->threshold);
	for (size_t j = 0; j < ua->n_years && nm < 40; j++) {
		bool ok;
		double v = indicator_at(ua, j, i, &ok);
		if (ok && ua->years[j].year >= xs->lo && ua->years[j].year <= xs->hi)
			marks[nm++] = itakit__chart_map(ys, fmax(ys->lo, v));
	}
	for (size_t k = 0; k < nm; k++) {
		top_gap = fmin(top_gap, marks[k] - r - p->y);
		bottom_gap = fmin(bottom_gap, p->y + p->h - (marks[k] + r));
	}
	bool top = top_gap > bottom_gap;
	m.valign = top ? CHART_TOP : CHART_BOTTOM;
	if (fmax(top_gap, bottom_gap) < th + 2) {
		m.max_lines = 1;  /* no free band: one short line */
		text = CHART_TR(ctx, "ไม่ถึง ๓ ปี", "< 3 years");
	}
	itakit__chart_text_draw(ctx, &m, text, p->x + p->w / 2, top ? p->y + 2 : p->y + p->h - 2, NULL, NULL);
}

static void draw_panel(chart_ctx *ctx, const chart_box *cell, size_t i, const trend_grid *g,
		       const itakit_framework_era *era, bool first_col, double title_h)
{
	char label[256];
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.bold = true;
	t.wrap = cell->w;
	t.max_lines = 2;
	itakit__chart_text_draw(ctx, &t, itakit__chart_indicator_label(ctx, label, sizeof label, era, i),
			cell->x, cell->y, NULL, NULL);
	chart_box p = {cell->x, cell->y + title_h, cell->w, cell->h - title_h - ctx->fs_small * 1.5};
	panel_frame(ctx, &p, g, first_col);
	/* points at 100 stay inside the panel, clear of the title */
	chart_box inner = {p.x, p.y + 4, p.w, p.h - 8};
	double pad = p.w * 0.08;
	chart_scale xs = {g->y0, g->x_next, p.x + pad, p.x + p.w - pad, 1};
	if (g->x_next == g->y0)
		xs.hi = g->y0 + 1;
	chart_scale ys = g->ys;
	ys.p0 = inner.y + inner.h;
	ys.p1 = inner.y;
	cairo_save(ctx->cr);
	double d[] = {3, 2};
	cairo_set_dash(ctx->cr, d, 2, 0);
	cairo_set_line_width(ctx->cr, 0.8);
	itakit__chart_set_rgb(ctx->cr, itakit__chart_ink);
	cairo_move_to(ctx->cr, p.x, itakit__chart_map(&ys, ctx->threshold));
	cairo_line_to(ctx->cr, p.x + p.w, itakit__chart_map(&ys, ctx->threshold));
	cairo_stroke(ctx->cr);
	cairo_restore(ctx->cr);
	panel_series(ctx, i, &xs, &ys);
	if (!ctx->data->unit->trend_indicator[i].fit.ok)
		no_trend_note(ctx, &p, i, &xs, &ys);
	year_labels(ctx, &p, &xs, g);
}

/* The legend names only the marks the panels show: the "below threshold"
 * dots and the trend line and band appear only where the data has them. */
static void trend_legend(chart_ctx *ctx, chart_box *box)
{
	const itakit_unit_analysis *ua = ctx->data->unit;
	bool below = false, above = false, ahead = false, level = false;
	for (size_t k = 0; ua && k < ua->n_years; k++)
		for (size_t i = 0; i < ITAKIT_MAX_INDICATORS; i++) {
			const itakit_score *sc = &ua->years[k].indicator[i];
			below |= sc->known && sc->flagged;
			above |= sc->known && !sc->flagged;
		}
	for (size_t i = 0; ua && i < ITAKIT_MAX_INDICATORS; i++) {
		ahead |= forecasts(&ua->trend_indicator[i]);
		level |= ua->trend_indicator[i].fit.ok && !forecasts(&ua->trend_indicator[i]);
	}
	char thr[64], band[128], ci[16];
	itakit__chart_threshold_text(ctx, thr, sizeof thr);
	itakit__chart_fmt_int(ctx, ci, sizeof ci, 95);
	itakit__chart_fmt(band, sizeof band, ctx->en ? "%s%% prediction interval, next year" : "ช่วงพยากรณ์ %s%% ของปีถัดไป", ci);
	chart_key keys[8];
	size_t n = 0;
	if (above)
		keys[n++] = (chart_key){CHART_KEY_RING, itakit__chart_blue, below ? CHART_TR(ctx, "คะแนนตั้งแต่เกณฑ์", "score at or above the threshold")
								 : CHART_TR(ctx, "คะแนน", "score")};
	if (below)
		keys[n++] = (chart_key){CHART_KEY_DOT, itakit__chart_vermillion, CHART_TR(ctx, "ต่ำกว่าเกณฑ์", "below threshold")};
	if (ahead) {
		keys[n++] = (chart_key){CHART_KEY_LINE, itakit__chart_ink, CHART_TR(ctx, "เส้นแนวโน้ม", "fitted trend")};
		keys[n++] = (chart_key){CHART_KEY_RING, itakit__chart_ink, CHART_TR(ctx, "ค่าพยากรณ์", "forecast")};
		keys[n++] = (chart_key){CHART_KEY_BAND, itakit__chart_orange, band};
	}
	if (level)
		keys[n++] = (chart_key){CHART_KEY_LINE, itakit__chart_muted,
					CHART_TR(ctx, "ไม่มีทิศทางชัดเจน จึงไม่พยากรณ์", "no clear direction, no forecast")};
	keys[n++] = (chart_key){CHART_KEY_DASH, itakit__chart_ink, thr};
	itakit__chart_legend(ctx, box, keys, n);
}

int itakit__chart_draw_trend(chart_ctx *ctx, chart_box box)
{
	const itakit_unit_analysis *ua = ctx->data->unit;
	const itakit_year_analysis *last = ua->n_years ? &ua->years[ua->n_years - 1] : NULL;
	const itakit_framework_era *era = itakit__chart_era(ctx, last, last ? last->year : 0);
	trend_grid g;
	bool any = era && trend_span(ctx, &g, era->n_indicators);
	char sub[512] = "", yrs[128], nx[16];
	bool fitted = false, ahead = false;
	for (size_t i = 0; any && i < era->n_indicators; i++) {
		fitted |= ua->trend_indicator[i].fit.ok;
		ahead |= forecasts(&ua->trend_indicator[i]);
	}
	if (any) {
		/* the forecast is promised only when a panel draws one */
		itakit__chart_fmt_years(ctx, yrs, sizeof yrs, g.y0, g.y1);
		itakit__chart_fmt_year(ctx, nx, sizeof nx, g.x_next);
		if (ahead)
			itakit__chart_fmt(sub, sizeof sub, ctx->en ? "%s, with a forecast for %s" : "%s และค่าพยากรณ์ปี %s", yrs, nx);
		else if (fitted)
			itakit__chart_fmt(sub, sizeof sub, ctx->en ? "%s; no indicator shows a clear direction, so no forecast"
							   : "%s ไม่มีตัวชี้วัดใดแสดงทิศทางชัดเจน จึงไม่พยากรณ์", yrs);
		else
			itakit__chart_fmt(sub, sizeof sub, ctx->en ? "%s; fewer than 3 years of each indicator, so no trend"
							   : "%s ทุกตัวชี้วัดมีข้อมูลไม่ถึง ๓ ปี จึงไม่มีเส้นแนวโน้ม", yrs);
	}
	char title[512];
	itakit__chart_fmt(title, sizeof title, "%s: %s", CHART_TR(ctx, "แนวโน้มคะแนนรายตัวชี้วัด", "Indicator trends"),
		 itakit__chart_unit_name(ua));
	itakit__chart_title(ctx, &box, title, sub);
	if (!any) {
		itakit__chart_message(ctx, &box, CHART_TR(ctx, "ไม่มีคะแนนรายตัวชี้วัดของหน่วยงานนี้",
						  "This unit has no indicator scores"));
		return 0;
	}
	trend_legend(ctx, &box);
	size_t n = era->n_indicators;
	g.cols = n > 8 ? (n + 1) / 2 : n > 4 ? 4 : n;
	g.rows = (n + g.cols - 1) / g.cols;
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	double lh;
	itakit__chart_text_measure(ctx, &t, "ปี่", NULL, &lh);
	double axis_w = itakit__chart_value_width(ctx, "๑๐๐") , gap = ctx->fs_small * 0.8;
	double cw = (box.w - axis_w - gap * (double)(g.cols - 1)) / (double)g.cols;
	double ch = box.h / (double)g.rows;
	for (size_t i = 0; i < n; i++) {
		size_t r = i / g.cols, c = i % g.cols;
		chart_box cell = {box.x + axis_w + (cw + gap) * (double)c, box.y + ch * (double)r, cw, ch - gap * 0.5};
		draw_panel(ctx, &cell, i, &g, era, c == 0, lh * 2.05);
	}
	return 0;
}
