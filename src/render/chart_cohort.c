/* Charts across units of one year: heatmap, ranking, change in overall,
 * distribution of each indicator. */
#include "render/chart_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Frame pieces whose size the automatic heights must know. */
#define HEADER_ROWS 1.8   /* heatmap column header, in rows */
#define MIN_ROW 7.0       /* below this a row's text is unreadable */
/* The heatmap's colour key: caption (two lines), threshold label, bar,
 * tick labels, axis title. */
#define HEAT_LEGEND_H(ctx) ((ctx)->fs_small * (2 * 1.6 + 1.4 + 0.9 + 0.3 + 1.6 + 1.6) + 4)

static double frame_height(const chart_ctx *ctx, double extra)
{
	double margins = ctx->fs_label * 1.8;
	return itakit__chart_title_height_estimate(ctx) + margins + extra;
}

double itakit__chart_heatmap_height(const chart_ctx *ctx, size_t n_rows)
{
	double legend = HEAT_LEGEND_H(ctx) + ctx->fs_small, key = ctx->fs_small * 5.0;
	return frame_height(ctx, CHART_AUTO_ROW * ((double)(n_rows ? n_rows : 3) + HEADER_ROWS) + legend + key);
}

double itakit__chart_ranking_height(const chart_ctx *ctx, size_t n_rows)
{
	double axis = ctx->fs_small * 3.5, legend = ctx->fs_small * 2.2, pad = ctx->fs_small * 1.6;
	double rows = CHART_AUTO_ROW * (double)(n_rows ? n_rows : 3);
	if (n_rows < 12)  /* few units: keep bars in proportion with other charts */
		rows = fmax(rows, 300.0 * ctx->opt.width / 480.0 - frame_height(ctx, axis + legend + pad));
	return frame_height(ctx, rows + axis + legend + pad);
}

/* Row height for n rows in h points, or an error when too tight. */
static int row_height(chart_ctx *ctx, double h, size_t n, double *row_h)
{
	*row_h = h / (double)(n ? n : 1);
	if (*row_h < MIN_ROW)
		return itakit_error_set(ITAKIT_ELIMIT,
			"%zu units do not fit in a chart %.0f points high; give height 0 for an automatic height",
			n, ctx->height);
	return 0;
}

static const char *units_subtitle(chart_ctx *ctx, char *buf, size_t size, int year, const char *extra)
{
	char y[128];
	itakit__chart_fmt_years(ctx, y, sizeof y, year, year);
	itakit__chart_fmt(buf, size, "%s%s%s", y, extra && *extra ? " \xc2\xb7 " : "", extra ? extra : "");
	return buf;
}

static void hline(cairo_t *cr, double x0, double x1, double y, chart_rgb c, double w)
{
	cairo_save(cr);
	itakit__chart_set_rgb(cr, c);
	cairo_set_line_width(cr, w);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* ------------------------------------------------------------------ heatmap */

#define CELL_FS_MIN 7.0   /* cell values smaller than this are left out */

typedef struct {
	double lo, hi;        /* colour domain; the threshold is its neutral middle */
	double name_w;        /* unit name column */
	double cell_w, row_h;
	double x0, y0;        /* top-left of the first cell */
	size_t n_cols;        /* indicators + overall */
	double gap;           /* space before the overall column */
	double cell_fs;       /* font size of the cell values; 0: no values */
} heat_geom;

static double cell_x(const heat_geom *g, size_t c)
{
	return g->x0 + g->cell_w * (double)c + (c + 1 == g->n_cols ? g->gap : 0);
}

/* The cue for a score below the threshold that does not depend on colour
 * (red and blue of equal darkness print the same grey): a dark corner with a
 * white edge, top left of the cell. */
static void below_mark(cairo_t *cr, double x, double y, double s)
{
	cairo_save(cr);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + s, y);
	cairo_line_to(cr, x, y + s);
	cairo_close_path(cr);
	itakit__chart_set_rgb(cr, itakit__chart_ink);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static double mark_size(const heat_geom *g)
{
	return fmin(g->cell_w, g->row_h) * 0.42;
}

static void heat_cell(chart_ctx *ctx, const heat_geom *g, double x, double y, const itakit_score *sc,
		      bool bold)
{
	cairo_t *cr = ctx->cr;
	double w = g->cell_w - 1, h = g->row_h - 1;
	chart_text t = itakit__chart_text_at(g->cell_fs);
	t.halign = CHART_CENTER;
	t.valign = CHART_MIDDLE;
	t.bold = bold;
	if (!sc->known || !isfinite(sc->value)) {
		itakit__chart_set_rgb(cr, itakit__chart_panel);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
		t.color = itakit__chart_muted;
		t.size = fmax(g->cell_fs, CELL_FS_MIN);
		itakit__chart_text_draw(ctx, &t, "\xe2\x80\x93", x + w / 2, y + h / 2, NULL, NULL);
		return;
	}
	/* the analysis's flag decides the side; the rounded score the shade */
	chart_rgb c = itakit__chart_diverging(sc->rounded, sc->flagged, g->lo, ctx->threshold, g->hi);
	itakit__chart_set_rgb(cr, c);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
	if (sc->flagged)
		below_mark(cr, x, y, mark_size(g));
	if (g->cell_fs <= 0)
		return;
	/* WCAG: white on dark fills, ink on light ones */
	t.color = itakit__chart_luminance(c) < 0.30 ? itakit__chart_white : itakit__chart_ink;
	char buf[32];
	itakit__chart_text_draw(ctx, &t, itakit__chart_fmt_score(ctx, buf, sizeof buf, sc->value), x + w / 2 + mark_size(g) * 0.15,
			y + h / 2, NULL, NULL);
}

static void heat_header(chart_ctx *ctx, const heat_geom *g, const itakit_framework_era *era,
			const char *prefix)
{
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.halign = CHART_CENTER;
	t.valign = CHART_BOTTOM;
	t.bold = true;
	for (size_t c = 0; c < g->n_cols; c++) {
		char buf[32];
		const char *label = c < era->n_indicators
			? itakit__chart_fmt_int(ctx, buf, sizeof buf, era->indicators[c].code)
			: CHART_TR(ctx, "ภาพรวม", "Overall");
		itakit__chart_text_draw(ctx, &t, label, cell_x(g, c) + (g->cell_w - 1) / 2, g->y0 - 2, NULL, NULL);
	}
	chart_text n = itakit__chart_text_at(ctx->fs_small);
	n.valign = CHART_BOTTOM;
	n.color = itakit__chart_muted;
	n.wrap = g->name_w - 4;
	n.max_lines = 2;
	itakit__chart_text_draw(ctx, &n, prefix ? prefix : CHART_TR(ctx, "หน่วยงาน", "Unit"), g->x0 - g->name_w,
			g->y0 - 2, NULL, NULL);
}

/* Step of the colour key's labelled ticks. */
static double key_step(double lo, double hi)
{
	double range = hi - lo;
	return range <= 25 ? 2.5 : range <= 50 ? 5 : range <= 100 ? 10 : 20;
}

/* The colour key: what the colours and the corner mean, then a gradient
 * from lo to hi with labelled ticks and the threshold marked above it. Every
 * part of a split heatmap has the same lo and hi, so the same key. */
static double heat_legend(chart_ctx *ctx, const heat_geom *g, double x, double y, double w)
{
	cairo_t *cr = ctx->cr;
	double y0 = y, bar_h = ctx->fs_small * 0.9, s = fmin(g->row_h, g->cell_w) - 1;
	char thr[32], cap[256];
	itakit__chart_fmt_score(ctx, thr, sizeof thr, ctx->threshold);
	itakit__chart_fmt(cap, sizeof cap, ctx->en ? "Cell colour: the score on this scale. Dark corner: below %s%s"
					   : "สีของช่องบอกคะแนนตามแถบสีด้านล่าง ช่องที่มีมุมดำคือคะแนนต่ำกว่า %s%s",
		  thr, g->cell_fs > 0 ? "" : CHART_TR(ctx, " (ช่องเล็กเกินกว่าจะพิมพ์ตัวเลข)",
							" (cells too small for numbers)"));
	heat_geom sw = *g;
	itakit__chart_set_rgb(cr, itakit__chart_diverging(ctx->threshold - 5, true, g->lo, ctx->threshold, g->hi));
	cairo_rectangle(cr, x, y, s, s);
	cairo_fill(cr);
	below_mark(cr, x, y, mark_size(&sw));
	chart_text cap_t = itakit__chart_text_at(ctx->fs_small);
	cap_t.wrap = w - s - 4;
	double ch;
	itakit__chart_text_draw(ctx, &cap_t, cap, x + s + 4, y, NULL, &ch);
	y += fmax(ch, s) + ctx->fs_small * 1.4;  /* room for the threshold's label above the bar */
	x += ctx->fs_small;  /* room for the end ticks' labels */
	w -= 2 * ctx->fs_small;
	cairo_pattern_t *p = cairo_pattern_create_linear(x, 0, x + w, 0);
	for (int k = 0; k <= 16; k++) {
		double v = k <= 8 ? g->lo + (ctx->threshold - g->lo) * k / 8.0
				  : ctx->threshold + (g->hi - ctx->threshold) * (k - 8) / 8.0;
		chart_rgb c = itakit__chart_diverging(v, k < 8, g->lo, ctx->threshold, g->hi);
		cairo_pattern_add_color_stop_rgb(p, (v - g->lo) / (g->hi - g->lo), c.r, c.g, c.b);
	}
	cairo_rectangle(cr, x, y, w, bar_h);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	itakit__chart_set_rgb(cr, itakit__chart_axis);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, x, y, w, bar_h);
	cairo_stroke(cr);
	chart_scale ks = {g->lo, g->hi, x, x + w, key_step(g->lo, g->hi)};
	int n = (int)floor((g->hi - g->lo) / ks.step + 1e-6);
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.halign = CHART_CENTER;
	t.color = itakit__chart_muted;
	for (int k = 0; k <= n; k++) {
		double v = g->lo + k * ks.step, tx = itakit__chart_map(&ks, v);
		itakit__chart_set_rgb(cr, itakit__chart_ink);
		cairo_set_line_width(cr, 0.6);
		cairo_move_to(cr, tx, y + bar_h);
		cairo_line_to(cr, tx, y + bar_h + 2.5);
		cairo_stroke(cr);
		char buf[32];
		itakit__chart_tick_label(ctx, buf, sizeof buf, v, ks.step, false);
		itakit__chart_text_draw(ctx, &t, buf, tx, y + bar_h + 2.5, NULL, NULL);
	}
	/* the threshold: a bold tick through the bar, labelled above */
	double tx = itakit__chart_map(&ks, ctx->threshold);
	itakit__chart_set_rgb(cr, itakit__chart_ink);
	cairo_set_line_width(cr, 1.4);
	cairo_move_to(cr, tx, y - 2);
	cairo_line_to(cr, tx, y + bar_h + 2.5);
	cairo_stroke(cr);
	char lab[64];
	chart_text tl = itakit__chart_text_at(ctx->fs_small);
	tl.halign = CHART_CENTER;
	tl.valign = CHART_BOTTOM;
	itakit__chart_text_draw(ctx, &tl, itakit__chart_threshold_text(ctx, lab, sizeof lab), tx, y - 2, NULL, NULL);
	y += bar_h + 2.5 + ctx->fs_small * 1.6;
	chart_text at = itakit__chart_text_at(ctx->fs_small);
	at.halign = CHART_CENTER;
	itakit__chart_text_draw(ctx, &at, CHART_TR(ctx, "คะแนน", "score"), x + w / 2, y, NULL, &ch);
	return y + ch - y0;
}


/* The column codes spelled out, each name kept whole on its line. */
static void heat_key(chart_ctx *ctx, const itakit_framework_era *era, chart_box area)
{
	char names[ITAKIT_MAX_INDICATORS][256];
	chart_key keys[ITAKIT_MAX_INDICATORS];
	for (size_t i = 0; i < era->n_indicators; i++) {
		itakit__chart_indicator_label(ctx, names[i], sizeof names[i], era, i);
		keys[i] = (chart_key){CHART_KEY_NONE, itakit__chart_muted, names[i]};
	}
	itakit__chart_legend(ctx, &area, keys, era->n_indicators);
}

static void heat_domain_rows(const chart_row *rows, size_t n, size_t n_ind, double *lo)
{
	for (size_t r = 0; r < n; r++) {
		*lo = fmin(*lo, rows[r].ya->overall.value);
		for (size_t i = 0; i < n_ind; i++)
			if (rows[r].ya->indicator[i].known)
				*lo = fmin(*lo, rows[r].ya->indicator[i].value);
	}
}

/* The colour domain: a fixed range when the caller gives one, else the
 * whole cohort's lowest score when the rows are (part of) a cohort of the
 * same year, else the rows' own. Every part of a split figure then colours
 * the same score alike. */
static void heat_domain(chart_ctx *ctx, heat_geom *g, const chart_row *rows, size_t n, size_t n_ind,
			int year)
{
	double lo = ctx->threshold - 15, hi = 100;
	const itakit_cohort *co = ctx->data->cohort;
	if (itakit__chart_fixed_range(ctx, &lo, &hi)) {
		g->lo = lo;
		g->hi = hi;
		return;
	}
	if (co && co->n_units && co->year == year) {
		lo = fmin(lo, co->overall.min);
		for (size_t i = 0; i < co->n_indicators && i < n_ind; i++)
			if (co->indicator[i].summary.n)
				lo = fmin(lo, co->indicator[i].summary.min);
	}
	heat_domain_rows(rows, n, n_ind, &lo);
	g->lo = fmax(0, floor(lo / 5) * 5);
	g->hi = 100;
	if (g->lo >= ctx->threshold)
		g->lo = fmax(0, ctx->threshold - 15);
}

/* A prefix every name shares that can go to the column header, so that the
 * names' distinctive part gets the room (the 50 district offices). */
static const char *shared_prefix(const chart_row *rows, size_t n)
{
	static const char *const known[] = {"สำนักงานเขต"};
	for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
		size_t len = strlen(known[k]), i = 0;
		for (; i < n; i++) {
			const char *name = itakit__chart_unit_name(rows[i].ua);
			if (strncmp(name, known[k], len) != 0 || !name[len])
				break;
		}
		if (n > 1 && i == n)
			return known[k];
	}
	return NULL;
}

/* Cell font and widths: values at least CELL_FS_MIN points (else none),
 * names take what the cells leave, down to a seventh of the width (longer
 * names end in an ellipsis). */
static void heat_columns(chart_ctx *ctx, heat_geom *g, const chart_box *box, double widest)
{
	chart_text cell_text = itakit__chart_text_at(fmin(ctx->fs_small, g->row_h * 0.62));
	cell_text.bold = true;
	double w100;
	itakit__chart_text_measure(ctx, &cell_text, "๑๐๐.๐๐", &w100, NULL);
	double per_pt = w100 / cell_text.size;       /* width of "100.00" per point of size */
	double name_min = box->w * 0.14, name_want = fmin(widest, box->w * 0.34);
	double cell_room = (box->w - g->gap - name_want) / (double)g->n_cols - 4;
	double fs = fmin(cell_text.size, cell_room / per_pt);
	if (fs < CELL_FS_MIN) {
		/* give the cells room from the names, down to their minimum */
		cell_room = (box->w - g->gap - name_min) / (double)g->n_cols - 4;
		fs = fmin(cell_text.size, fmax(CELL_FS_MIN, cell_room / per_pt));
	}
	bool values = fs >= CELL_FS_MIN - 1e-9 && per_pt * fs <= cell_room + 1e-9 && g->row_h * 0.9 >= fs;
	g->cell_fs = values ? fs : 0;
	double min_cell = values ? per_pt * fs + 4 : fmin(g->row_h, 12);
	g->name_w = fmax(name_min, fmin(name_want, box->w - g->gap - min_cell * (double)g->n_cols));
	g->cell_w = (box->w - g->name_w - g->gap) / (double)g->n_cols;
}

static int draw_heat(chart_ctx *ctx, chart_box box, const chart_row *rows, size_t n,
		     const itakit_framework_era *era, const chart_elision *el, const heat_geom *dom)
{
	heat_geom g;
	memset(&g, 0, sizeof g);
	g.lo = dom->lo;
	g.hi = dom->hi;
	g.n_cols = era->n_indicators + 1;
	g.gap = ctx->fs_small * 0.5;
	double bottom = HEAT_LEGEND_H(ctx) + ctx->fs_small * 5.0;
	double header = CHART_AUTO_ROW * HEADER_ROWS;
	size_t slots = itakit__chart_elision_slots(el, n);
	int rc = row_height(ctx, box.h - bottom - header, slots, &g.row_h);
	if (rc)
		return rc;
	g.row_h = fmin(g.row_h, 18);
	const char *prefix = shared_prefix(rows, n);
	chart_text name = itakit__chart_text_at(fmin(ctx->fs_small, g.row_h * 0.62));
	name.valign = CHART_MIDDLE;
	double widest = 0;
	for (size_t r = 0; r < n; r++) {
		double w;
		itakit__chart_text_measure(ctx, &name, itakit__chart_unit_name(rows[r].ua) + (prefix ? strlen(prefix) : 0), &w, NULL);
		widest = fmax(widest, w + 6);
	}
	heat_columns(ctx, &g, &box, widest);
	g.x0 = box.x + g.name_w;
	g.y0 = box.y + header;
	heat_header(ctx, &g, era, prefix);
	name.wrap = g.name_w - 4;
	name.max_lines = 1;
	for (size_t r = 0; r < n; r++) {
		double y = g.y0 + g.row_h * itakit__chart_elision_slot(el, r);
		itakit__chart_text_draw(ctx, &name, itakit__chart_unit_name(rows[r].ua) + (prefix ? strlen(prefix) : 0), box.x,
				y + g.row_h / 2, NULL, NULL);
		for (size_t c = 0; c < g.n_cols; c++) {
			bool overall = c + 1 == g.n_cols;
			heat_cell(ctx, &g, cell_x(&g, c), y,
				  overall ? &rows[r].ya->overall : &rows[r].ya->indicator[c], overall);
		}
	}
	itakit__chart_gap_note(ctx, el, box.x, box.w, g.y0 + g.row_h * ((double)el->gap_at + 0.5), g.row_h * 0.7);
	double y = g.y0 + g.row_h * (double)slots + ctx->fs_small;
	double lw = fmin(box.w, 360);
	y += heat_legend(ctx, &g, box.x, y, lw);
	chart_box key = {box.x, y, box.w, box.y + box.h - y};
	heat_key(ctx, era, key);
	return 0;
}

/* The indicators of the year the rows are from, or, when there are no rows
 * (or no framework for the year), a message in the box and NULL. */
static const itakit_framework_era *era_or_message(chart_ctx *ctx, chart_box *box, const chart_row *rows,
						  size_t n, int year)
{
	const itakit_framework_era *era = n ? itakit__chart_era(ctx, rows[0].ya, year) : NULL;
	if (!era)
		itakit__chart_message(ctx, box, CHART_TR(ctx, "ไม่มีหน่วยงานที่มีคะแนนในปีนี้",
						 "No unit has scores for this year"));
	return era;
}

/* " (the best and the worst 150 drawn)" for a subtitle, or "". */
static const char *elided_words(chart_ctx *ctx, char *buf, size_t size, const chart_elision *el)
{
	if (!el->hidden)
		return "";
	char h[32];
	itakit__chart_fmt_int(ctx, h, sizeof h, (long)el->gap_at);
	return itakit__chart_fmt(buf, size, ctx->en ? " (the first and the last %s drawn)" : " (แสดง %s ลำดับแรกและ %s ลำดับสุดท้าย)",
			 h, h);
}

int itakit__chart_draw_heatmap(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_multi_year(ctx);
	chart_row *rows;
	size_t n;
	int rc = itakit__chart_rows_by_overall(ctx, year, &rows, &n);
	if (rc)
		return rc;
	char sub[512], extra[256], cnt[32], el_words[160];
	itakit__chart_fmt_int(ctx, cnt, sizeof cnt, (long)n);
	chart_elision el;
	const itakit_framework_era *era = n ? itakit__chart_era(ctx, rows[0].ya, year) : NULL;
	/* the colour domain covers every row, also those left out */
	heat_geom dom;
	heat_domain(ctx, &dom, rows, n, era ? era->n_indicators : 0, year);
	size_t kept = itakit__chart_rows_elide(rows, n, &el);
	itakit__chart_fmt(extra, sizeof extra, ctx->en ? "%s units, best overall first%s" :
			"%s หน่วยงาน เรียงตามคะแนนภาพรวมจากมากไปน้อย%s", cnt, elided_words(ctx, el_words, sizeof el_words, &el));
	itakit__chart_title(ctx, &box, CHART_TR(ctx, "คะแนนรายตัวชี้วัดเทียบระหว่างหน่วยงาน",
					"Indicator scores across units"),
		    units_subtitle(ctx, sub, sizeof sub, year, extra));
	era = era_or_message(ctx, &box, rows, kept, year);
	if (era)
		rc = draw_heat(ctx, box, rows, kept, era, &el, &dom);
	free(rows);
	return rc;
}

/* ------------------------------------------------------------------ ranking */

static void distribution_scale(chart_ctx *ctx, chart_scale *xs, const chart_row *rows, size_t n, int year);

static const char *rank_label(chart_ctx *ctx, char *buf, size_t size, const chart_row *r)
{
	char rank[32];
	itakit__chart_fmt_int(ctx, rank, sizeof rank, r->rank);
	itakit__chart_fmt(buf, size, "%s. %s", rank, itakit__chart_unit_name(r->ua));
	return buf;
}

/* Labels for rows (malloc'd array of pointers into one buffer). */
typedef struct {
	const char **ptr;
	char *text;
} label_set;

static int labels_alloc(label_set *ls, size_t n)
{
	ls->ptr = calloc(n ? n : 1, sizeof *ls->ptr);
	ls->text = calloc(n ? n : 1, 320);
	if (!ls->ptr || !ls->text) {
		free(ls->ptr);
		free(ls->text);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	return 0;
}

static void labels_free(label_set *ls)
{
	free(ls->ptr);
	free(ls->text);
}

static void dot_path(cairo_t *cr, double x, double y, double r, chart_rgb c, bool filled)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	if (filled) {
		itakit__chart_set_rgb(cr, c);
		cairo_fill(cr);
		return;
	}
	cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
	cairo_fill_preserve(cr);
	itakit__chart_set_rgb(cr, c);
	cairo_set_line_width(cr, 0.9);
	cairo_stroke(cr);
}

/* On a picture, a dot is copied from a stamp: the same dot drawn once per
 * style, scale and quarter-pixel offset, then placed at whole pixels (at
 * most an eighth of a pixel from where it belongs). The national
 * distribution chart has 80,000 dots; filling and stroking each circle
 * took most of the time of a national comparison. The stamps live with
 * the cairo context (its user data) and go with it. */
#define STAMP_PHASES 4
#define STAMP_STYLES 8

typedef struct {
	double r, sx, sy;
	chart_rgb c;
	bool filled;
	int size;
	cairo_surface_t *img[STAMP_PHASES * STAMP_PHASES];
} dot_stamp;

typedef struct {
	dot_stamp style[STAMP_STYLES];
	size_t n;
} dot_stamps;

static const cairo_user_data_key_t stamps_key;

static void stamps_free(void *p)
{
	dot_stamps *s = p;
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < STAMP_PHASES * STAMP_PHASES; k++)
			if (s->style[i].img[k])
				cairo_surface_destroy(s->style[i].img[k]);
	free(s);
}

/* The stamp of a style at a sub-pixel offset; NULL: draw the path. */
static cairo_surface_t *stamp_for(cairo_t *cr, const cairo_matrix_t *m, double r, chart_rgb c, bool filled,
				  int phase_x, int phase_y, int *size)
{
	dot_stamps *s = cairo_get_user_data(cr, &stamps_key);
	if (!s) {
		s = calloc(1, sizeof *s);
		if (!s || cairo_set_user_data(cr, &stamps_key, s, stamps_free) != CAIRO_STATUS_SUCCESS) {
			free(s);
			return NULL;
		}
	}
	dot_stamp *d = NULL;
	for (size_t i = 0; i < s->n && !d; i++) {
		dot_stamp *t = &s->style[i];
		if (t->r == r && t->sx == m->xx && t->sy == m->yy && t->filled == filled && t->c.r == c.r &&
		    t->c.g == c.g && t->c.b == c.b)
			d = t;
	}
	if (!d) {
		if (s->n == STAMP_STYLES)
			return NULL;
		d = &s->style[s->n++];
		d->r = r;
		d->sx = m->xx;
		d->sy = m->yy;
		d->c = c;
		d->filled = filled;
		/* the dot, its outline and a pixel of antialiasing, plus the offset */
		double reach = (r + 0.45) * fmax(m->xx, m->yy) + 2;
		d->size = 2 * (int)ceil(reach);
	}
	cairo_surface_t **img = &d->img[phase_y * STAMP_PHASES + phase_x];
	if (!*img) {
		cairo_surface_t *t = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, d->size, d->size);
		cairo_t *tc = cairo_create(t);
		cairo_translate(tc, d->size / 2 + (double)phase_x / STAMP_PHASES, d->size / 2 + (double)phase_y / STAMP_PHASES);
		cairo_scale(tc, m->xx, m->yy);
		dot_path(tc, 0, 0, r, c, filled);
		cairo_destroy(tc);
		if (cairo_surface_status(t) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(t);
			return NULL;
		}
		*img = t;
	}
	*size = d->size;
	return *img;
}

static void dot(cairo_t *cr, double x, double y, double r, chart_rgb c, bool filled)
{
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	bool picture = cairo_surface_get_type(cairo_get_group_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE &&
		       m.xy == 0 && m.yx == 0 && m.xx > 0 && m.yy > 0 && !cairo_has_current_point(cr);
	if (picture) {
		double dx = x, dy = y;
		cairo_user_to_device(cr, &dx, &dy);
		double fx = floor(dx * STAMP_PHASES + 0.5), fy = floor(dy * STAMP_PHASES + 0.5);
		double ix = floor(fx / STAMP_PHASES), iy = floor(fy / STAMP_PHASES);
		int size = 0;
		cairo_surface_t *img = fabs(ix) < 1e6 && fabs(iy) < 1e6
			? stamp_for(cr, &m, r, c, filled, (int)(fx - ix * STAMP_PHASES), (int)(fy - iy * STAMP_PHASES), &size)
			: NULL;
		if (img) {
			double px = ix - size / 2, py = iy - size / 2;
			cairo_save(cr);
			cairo_identity_matrix(cr);
			cairo_set_source_surface(cr, img, px, py);
			cairo_rectangle(cr, px, py, size, size);
			cairo_fill(cr);
			cairo_restore(cr);
			/* the state the path leaves */
			itakit__chart_set_rgb(cr, c);
			if (!filled)
				cairo_set_line_width(cr, 0.9);
			return;
		}
	}
	dot_path(cr, x, y, r, c, filled);
}

/* The ranking's score axis: the caller's fixed range, else from just under
 * the lowest score of the whole cohort (when the rows are part of it) or of
 * the rows, to 100. Dots, not bars: scores of many units lie close together
 * (70-95), and bars must start at 0, where those differences vanish. */
static void ranking_scale(chart_ctx *ctx, chart_scale *xs, const chart_row *rows, size_t n, int year)
{
	double lo, hi;
	if (itakit__chart_fixed_range(ctx, &lo, &hi)) {
		itakit__chart_score_scale_fixed(xs, lo, fmax(hi, 100));
		return;
	}
	double lowest = 100;
	for (size_t i = 0; i < n; i++)
		lowest = fmin(lowest, rows[i].ya->overall.value);
	const itakit_cohort *co = ctx->data->cohort;
	if (co && co->n_units && co->year == year)
		lowest = fmin(lowest, co->overall.min);
	itakit__chart_score_scale(ctx, xs, lowest, 100);
}

/* Labels of the kept rows with an empty one in the gap's slot. */
static int slot_labels(chart_ctx *ctx, label_set *ls, const chart_row *rows, size_t n, const chart_elision *el,
		       bool ranks)
{
	size_t slots = itakit__chart_elision_slots(el, n);
	int rc = labels_alloc(ls, slots);
	if (rc)
		return rc;
	for (size_t i = 0; i < slots; i++)
		ls->ptr[i] = "";
	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)itakit__chart_elision_slot(el, i);
		ls->ptr[k] = ranks ? rank_label(ctx, ls->text + k * 320, 320, &rows[i])
				   : itakit__chart_unit_name(rows[i].ua);
	}
	return 0;
}

/* The frame of a chart of unit rows (ranking, change): each kept row's
 * label in its slot (ranks: "1. name"), the label column and the plot
 * (itakit__chart_row_frame_fit), and one row height for every slot. The
 * caller frees *ls; on an error nothing is left to free. */
static int unit_rows_frame(chart_ctx *ctx, chart_row_frame *f, label_set *ls, chart_box box, const chart_row *rows,
			   size_t n, const chart_elision *el, bool ranks, double label_frac, double value_w,
			   double top_pad)
{
	int rc = slot_labels(ctx, ls, rows, n, el, ranks);
	if (rc)
		return rc;
	size_t slots = itakit__chart_elision_slots(el, n);
	itakit__chart_row_frame_fit(ctx, f, box, ls->ptr, slots, label_frac, value_w, top_pad);
	if ((rc = row_height(ctx, f->plot.h, slots, &f->row_h)) != 0)
		labels_free(ls);
	return rc;
}

static int draw_ranking_rows(chart_ctx *ctx, chart_box box, const chart_row *rows, size_t n,
			     const chart_elision *el, const chart_scale *scale)
{
	label_set ls;
	chart_row_frame f;
	int rc = unit_rows_frame(ctx, &f, &ls, box, rows, n, el, true, 0.42,
				 itakit__chart_value_width(ctx, "๑๐๐.๐๐"), ctx->fs_small * 1.5);
	if (rc)
		return rc;
	chart_scale xs = *scale;
	xs.p0 = f.plot.x;
	xs.p1 = f.plot.x + f.plot.w;
	/* the threshold first, under everything else */
	itakit__chart_threshold_v(ctx, &f.plot, itakit__chart_map(&xs, ctx->threshold), true);
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "คะแนนภาพรวม", "overall score"), false);
	double r = fmin(f.row_h * 0.32, ctx->fs_label * 0.42);
	for (size_t i = 0; i < n; i++) {
		double mid = f.plot.y + f.row_h * (itakit__chart_elision_slot(el, i) + 0.5);
		double x = itakit__chart_map(&xs, fmax(xs.lo, fmin(100, rows[i].ya->overall.value)));
		itakit__chart_labels_draw(ctx, &f.labels, ls.ptr[(size_t)itakit__chart_elision_slot(el, i)],
				  f.plot.x - ctx->fs_label * 0.6, mid);
		hline(ctx->cr, f.plot.x, x, mid, itakit__chart_grid, 0.8); /* guides the eye to its label */
	}
	itakit__chart_gap_note(ctx, el, box.x, box.w, f.plot.y + f.row_h * ((double)el->gap_at + 0.5), f.row_h * 0.7);
	double thr_x = itakit__chart_map(&xs, ctx->threshold);
	for (size_t i = 0; i < n; i++) {
		double v = rows[i].ya->overall.value;
		double mid = f.plot.y + f.row_h * (itakit__chart_elision_slot(el, i) + 0.5);
		double x = itakit__chart_map(&xs, fmax(xs.lo, fmin(100, v)));
		bool flag = rows[i].ya->overall.flagged;
		/* below: a filled vermillion dot; at or above: a blue ring (the
		 * marks of the distribution chart; they differ in grey too) */
		dot(ctx->cr, x, mid, r, flag ? itakit__chart_vermillion : itakit__chart_blue, flag);
		itakit__chart_bar_value_clear(ctx, x + r, x - r, mid, v, flag, r * 2, thr_x);
	}
	labels_free(&ls);
	return 0;
}

int itakit__chart_draw_ranking(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_multi_year(ctx);
	chart_row *rows;
	size_t n, n_pass = 0;
	int rc = itakit__chart_rows_by_overall(ctx, year, &rows, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		/* passing is against the official pass line, not the flag line */
		n_pass += rows[i].ya->pass;
	chart_scale xs;
	ranking_scale(ctx, &xs, rows, n, year);
	chart_elision el;
	size_t kept = itakit__chart_rows_elide(rows, n, &el);
	char sub[512], extra[256], a[32], b[32], el_words[160];
	itakit__chart_fmt_int(ctx, a, sizeof a, (long)n_pass);
	itakit__chart_fmt_int(ctx, b, sizeof b, (long)n);
	itakit__chart_fmt(extra, sizeof extra, ctx->en ? "%s of %s units pass%s" :
			"ผ่านเกณฑ์ %s จาก %s หน่วยงาน%s", a, b, elided_words(ctx, el_words, sizeof el_words, &el));
	itakit__chart_title(ctx, &box, CHART_TR(ctx, "อันดับคะแนนภาพรวมของหน่วยงาน", "Units ranked by overall score"),
		    units_subtitle(ctx, sub, sizeof sub, year, extra));
	if (!n) {
		itakit__chart_message(ctx, &box, CHART_TR(ctx, "ไม่มีหน่วยงานที่มีคะแนนในปีนี้",
						  "No unit has scores for this year"));
	} else {
		itakit__chart_legend_pass_flag(ctx, &box, CHART_KEY_RING, itakit__chart_blue, CHART_KEY_DOT);
		rc = draw_ranking_rows(ctx, box, rows, kept, &el, &xs);
	}
	free(rows);
	return rc;
}

/* ------------------------------------------------------------------- change */

static int delta_cmp(const void *a, const void *b)
{
	const chart_row *x = a, *y = b;
	if (x->ya->overall.delta != y->ya->overall.delta)
		return x->ya->overall.delta > y->ya->overall.delta ? -1 : 1;
	return strcmp(itakit__chart_unit_name(x->ua), itakit__chart_unit_name(y->ua));
}

/* Keeps the rows that have a change against the year before, largest gain first. */
static size_t rows_with_delta(chart_row *rows, size_t n, size_t *up, size_t *down)
{
	size_t k = 0;
	*up = *down = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].ya->overall.has_delta)
			continue;
		*up += rows[i].ya->overall.delta > 0;
		*down += rows[i].ya->overall.delta < 0;
		rows[k++] = rows[i];
	}
	qsort(rows, k, sizeof *rows, delta_cmp);
	return k;
}

/* The change axis: -m..+m with m the caller's fixed range, else the largest
 * change in the whole cohort (when the rows are part of it) or in the rows. */
static void change_scale(chart_ctx *ctx, chart_scale *xs, const chart_row *rows, size_t n, int year)
{
	double lo, hi, max_abs = 0;
	if (itakit__chart_fixed_range(ctx, &lo, &hi)) {
		itakit__chart_delta_scale(xs, fmax(fabs(lo), fabs(hi)));
		return;
	}
	for (size_t i = 0; i < n; i++)
		max_abs = fmax(max_abs, fabs(rows[i].ya->overall.delta));
	const itakit_cohort *co = ctx->data->cohort;
	if (co && co->year == year)
		for (size_t i = 0; i < co->n_units; i++)
			if (co->ranking[i].ya->overall.has_delta)
				max_abs = fmax(max_abs, fabs(co->ranking[i].ya->overall.delta));
	itakit__chart_delta_scale(xs, max_abs);
}

static int draw_change_rows(chart_ctx *ctx, chart_box box, const chart_row *rows, size_t n,
			    const chart_elision *el, const chart_scale *scale)
{
	label_set ls;
	chart_row_frame f;
	int rc = unit_rows_frame(ctx, &f, &ls, box, rows, n, el, false, 0.40, 0, ctx->fs_small * 0.5);
	if (rc)
		return rc;
	double vw = itakit__chart_value_width(ctx, "+๑๐๐.๐๐");
	chart_scale xs = *scale;
	xs.p0 = f.plot.x + vw;
	xs.p1 = f.plot.x + f.plot.w - vw;
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "คะแนนภาพรวมที่เปลี่ยนไป", "change in overall score"), true);
	double bh = fmin(f.row_h * 0.66, ctx->fs_label * 1.6), x0 = itakit__chart_map(&xs, 0);
	for (size_t i = 0; i < n; i++) {
		double slot = itakit__chart_elision_slot(el, i);
		double mid = f.plot.y + f.row_h * (slot + 0.5), dv = rows[i].ya->overall.delta;
		itakit__chart_labels_draw(ctx, &f.labels, ls.ptr[(size_t)slot], f.plot.x - ctx->fs_label * 0.6, mid);
		double x1 = itakit__chart_map(&xs, dv);
		itakit__chart_bar(ctx, x0, mid - bh / 2, x1 - x0, bh, dv < 0 ? itakit__chart_vermillion : itakit__chart_blue, false);
		itakit__chart_delta_value(ctx, x1, mid, dv, dv < 0, false);
	}
	itakit__chart_gap_note(ctx, el, box.x, box.w, f.plot.y + f.row_h * ((double)el->gap_at + 0.5), f.row_h * 0.7);
	cairo_save(ctx->cr);
	itakit__chart_set_rgb(ctx->cr, itakit__chart_ink);
	cairo_set_line_width(ctx->cr, 1.0);
	cairo_move_to(ctx->cr, x0, f.plot.y);
	cairo_line_to(ctx->cr, x0, f.plot.y + f.plot.h);
	cairo_stroke(ctx->cr);
	cairo_restore(ctx->cr);
	labels_free(&ls);
	return 0;
}

int itakit__chart_draw_change(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_multi_year(ctx);
	chart_row *rows;
	size_t n, up, down;
	int rc = itakit__chart_rows_by_overall(ctx, year, &rows, &n);
	if (rc)
		return rc;
	n = rows_with_delta(rows, n, &up, &down);
	chart_scale xs;
	change_scale(ctx, &xs, rows, n, year);
	chart_elision el;
	size_t kept = itakit__chart_rows_elide(rows, n, &el);
	char sub[512], extra[256], a[32], b[32], el_words[160];
	itakit__chart_fmt_int(ctx, a, sizeof a, (long)up);
	itakit__chart_fmt_int(ctx, b, sizeof b, (long)down);
	itakit__chart_fmt(extra, sizeof extra, ctx->en ? "against the year before: %s rose, %s fell%s" :
			"เทียบกับปีก่อนหน้า: เพิ่มขึ้น %s ลดลง %s หน่วยงาน%s", a, b,
		  elided_words(ctx, el_words, sizeof el_words, &el));
	itakit__chart_title(ctx, &box, CHART_TR(ctx, "การเปลี่ยนแปลงคะแนนภาพรวมของหน่วยงาน",
					"Change in overall score by unit"),
		    units_subtitle(ctx, sub, sizeof sub, year, extra));
	if (!n) {
		itakit__chart_message(ctx, &box, CHART_TR(ctx, "ไม่มีคะแนนของปีก่อนหน้าให้เปรียบเทียบ",
						  "No previous year's scores to compare with"));
	} else {
		chart_key keys[2] = {{CHART_KEY_FILL, itakit__chart_blue, CHART_TR(ctx, "เพิ่มขึ้น", "rose")},
				     {CHART_KEY_FILL, itakit__chart_vermillion, CHART_TR(ctx, "ลดลง", "fell")}};
		itakit__chart_legend(ctx, &box, keys, 2);
		rc = draw_change_rows(ctx, box, rows, kept, &el, &xs);
	}
	free(rows);
	return rc;
}

/* The range a kind draws on, for itakit_chart_range. */
int itakit__chart_cohort_range(chart_ctx *ctx, itakit_chart_kind kind, double *lo, double *hi)
{
	int year = itakit__chart_multi_year(ctx);
	chart_row *rows;
	size_t n, up, down;
	int rc = itakit__chart_rows_by_overall(ctx, year, &rows, &n);
	if (rc)
		return rc;
	chart_scale xs = {0, 0, 0, 0, 1};
	if (kind == ITAKIT_CHART_HEATMAP) {
		const itakit_framework_era *era = n ? itakit__chart_era(ctx, rows[0].ya, year) : NULL;
		heat_geom g;
		heat_domain(ctx, &g, rows, n, era ? era->n_indicators : 0, year);
		xs.lo = g.lo;
		xs.hi = g.hi;
	} else if (kind == ITAKIT_CHART_RANKING) {
		ranking_scale(ctx, &xs, rows, n, year);
	} else if (kind == ITAKIT_CHART_CHANGE) {
		n = rows_with_delta(rows, n, &up, &down);
		change_scale(ctx, &xs, rows, n, year);
	} else {
		distribution_scale(ctx, &xs, rows, n, year);
	}
	free(rows);
	*lo = xs.lo;
	*hi = xs.hi;
	return 0;
}

/* ------------------------------------------------------------- distribution */


/* The middle half of the units and their median. The band goes under the
 * dots; its edges and the median are drawn again over them (over == true),
 * since a thousand dots would otherwise hide what the legend promises. */
static void box_plot(chart_ctx *ctx, const chart_scale *xs, double mid, double h, const itakit_summary *s,
		     bool over)
{
	cairo_t *cr = ctx->cr;
	if (s->n == 0)
		return;
	double x1 = itakit__chart_map(xs, s->q1), x3 = itakit__chart_map(xs, s->q3);
	double top = mid - h / 2, width = fmax(x3 - x1, 0.5);
	cairo_save(cr);
	if (!over) {
		cairo_set_source_rgba(cr, itakit__chart_ink.r, itakit__chart_ink.g, itakit__chart_ink.b, 0.12);
		cairo_rectangle(cr, x1, top, width, h);
		cairo_fill(cr);
		cairo_restore(cr);
		return;
	}
	itakit__chart_set_rgb(cr, itakit__chart_ink);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, x1, top, width, h);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 1.6);
	double xm = itakit__chart_map(xs, s->median);
	cairo_move_to(cr, xm, top - 1);
	cairo_line_to(cr, xm, top + h + 1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void below_count(chart_ctx *ctx, double x, double mid, size_t below)
{
	chart_text t = itakit__chart_text_at(ctx->fs_value);
	t.halign = CHART_RIGHT;
	t.valign = CHART_MIDDLE;
	t.bold = below > 0;
	t.color = below ? itakit__chart_ink : itakit__chart_muted;
	char buf[16];
	itakit__chart_text_draw(ctx, &t, itakit__chart_fmt_int(ctx, buf, sizeof buf, (long)below), x, mid, NULL, NULL);
}

/* One indicator's row: every unit as a dot (filled when below the
 * threshold), the middle half as a box when the cohort is given. */
static void distribution_row(chart_ctx *ctx, const chart_scale *xs, double mid, double row_h,
			     const chart_row *rows, size_t n, size_t i, double count_x)
{
	const itakit_cohort *co = ctx->data->cohort;
	const itakit_summary *summary = co && i < co->n_indicators ? &co->indicator[i].summary : NULL;
	if (summary)
		box_plot(ctx, xs, mid, row_h * 0.55, summary, false);
	size_t below = 0, known = 0;
	for (size_t r = 0; r < n; r++) {
		const itakit_score *sc = &rows[r].ya->indicator[i];
		if (!sc->known || !isfinite(sc->value))
			continue;
		known++;
		bool flag = sc->flagged;
		below += flag;
		/* a fixed spread, so equal scores stay visible and output is reproducible */
		double jitter = ((double)(r % 5) - 2.0) * row_h * 0.09;
		dot(ctx->cr, itakit__chart_map(xs, fmax(xs->lo, fmin(100, sc->value))), mid + jitter, 2.3,
		    flag ? itakit__chart_vermillion : itakit__chart_blue, flag);
	}
	if (summary)
		box_plot(ctx, xs, mid, row_h * 0.55, summary, true);
	if (known)
		below_count(ctx, count_x, mid, below);
	else
		itakit__chart_no_data_note(ctx, xs->p0, mid);
}

static void distribution_legend(chart_ctx *ctx, chart_box *box)
{
	char thr[32], pass[96], flag[96];
	itakit__chart_fmt_score(ctx, thr, sizeof thr, ctx->threshold);
	itakit__chart_fmt(pass, sizeof pass, ctx->en ? "unit at or above %s" : "หน่วยงานที่ได้ตั้งแต่ %s", thr);
	itakit__chart_fmt(flag, sizeof flag, ctx->en ? "unit below %s" : "หน่วยงานที่ได้ต่ำกว่า %s", thr);
	chart_key keys[3] = {{CHART_KEY_RING, itakit__chart_blue, pass}, {CHART_KEY_DOT, itakit__chart_vermillion, flag},
			     {CHART_KEY_BAND, itakit__chart_ink, CHART_TR(ctx, "ครึ่งกลางของหน่วยงาน และค่ามัธยฐาน",
								  "middle half of units, and median")}};
	itakit__chart_legend(ctx, box, keys, ctx->data->cohort ? 3 : 2);
}

static void distribution_scale(chart_ctx *ctx, chart_scale *xs, const chart_row *rows, size_t n, int year)
{
	double lo = 100, hi;
	if (itakit__chart_fixed_range(ctx, &lo, &hi)) {
		itakit__chart_score_scale_fixed(xs, lo, fmax(hi, 100));
		return;
	}
	const itakit_framework_era *era = n ? itakit__chart_era(ctx, rows[0].ya, year) : NULL;
	size_t n_ind = era ? era->n_indicators : 0;
	for (size_t r = 0; r < n; r++)
		for (size_t i = 0; i < n_ind; i++)
			if (rows[r].ya->indicator[i].known)
				lo = fmin(lo, rows[r].ya->indicator[i].value);
	const itakit_cohort *co = ctx->data->cohort;
	if (co && co->year == year)  /* units that are part of a cohort: its range */
		for (size_t i = 0; i < co->n_indicators; i++)
			if (co->indicator[i].summary.n)
				lo = fmin(lo, co->indicator[i].summary.min);
	itakit__chart_score_scale(ctx, xs, lo, 100);
}

static void draw_distribution_rows(chart_ctx *ctx, chart_box box, const chart_row *rows, size_t n,
				   const itakit_framework_era *era)
{
	size_t ni = era->n_indicators;
	char names[ITAKIT_MAX_INDICATORS][256];
	const char *labels[ITAKIT_MAX_INDICATORS];
	for (size_t i = 0; i < ni; i++)
		labels[i] = itakit__chart_indicator_label(ctx, names[i], sizeof names[i], era, i);
	const char *count_head = CHART_TR(ctx, "ต่ำกว่าเกณฑ์", "below");
	chart_text ht = itakit__chart_text_at(ctx->fs_small);
	ht.halign = CHART_RIGHT;
	ht.valign = CHART_BOTTOM;
	double cw;
	itakit__chart_text_measure(ctx, &ht, count_head, &cw, NULL);
	chart_row_frame f;
	itakit__chart_row_frame_fit(ctx, &f, box, labels, ni, 0.36, cw + ctx->fs_small, ctx->fs_small * 1.5);
	chart_scale xs;
	distribution_scale(ctx, &xs, rows, n, itakit__chart_multi_year(ctx));
	xs.p0 = f.plot.x;
	xs.p1 = f.plot.x + f.plot.w;
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "คะแนน", "score"), false);
	double count_x = box.x + box.w;
	itakit__chart_text_draw(ctx, &ht, count_head, count_x, f.plot.y, NULL, NULL);
	/* the threshold under the dots */
	itakit__chart_threshold_v(ctx, &f.plot, itakit__chart_map(&xs, ctx->threshold), true);
	for (size_t i = 0; i < ni; i++) {
		double mid = f.plot.y + f.row_h * ((double)i + 0.5);
		if (i)
			hline(ctx->cr, f.plot.x, f.plot.x + f.plot.w, mid - f.row_h / 2, itakit__chart_grid, 0.5);
		itakit__chart_labels_draw(ctx, &f.labels, labels[i], f.plot.x - ctx->fs_label * 0.6, mid);
		distribution_row(ctx, &xs, mid, f.row_h, rows, n, i, count_x);
	}
}

int itakit__chart_draw_distribution(chart_ctx *ctx, chart_box box)
{
	int year = itakit__chart_multi_year(ctx);
	chart_row *rows;
	size_t n;
	int rc = itakit__chart_rows_by_overall(ctx, year, &rows, &n);
	if (rc)
		return rc;
	char sub[512], extra[256], cnt[32];
	itakit__chart_fmt_int(ctx, cnt, sizeof cnt, (long)n);
	itakit__chart_fmt(extra, sizeof extra, ctx->en ? "%s units" : "%s หน่วยงาน", cnt);
	itakit__chart_title(ctx, &box, CHART_TR(ctx, "การกระจายของคะแนนรายตัวชี้วัด", "Spread of indicator scores"),
		    units_subtitle(ctx, sub, sizeof sub, year, extra));
	const itakit_framework_era *era = era_or_message(ctx, &box, rows, n, year);
	if (era) {
		distribution_legend(ctx, &box);
		draw_distribution_rows(ctx, box, rows, n, era);
	}
	free(rows);
	return 0;
}
