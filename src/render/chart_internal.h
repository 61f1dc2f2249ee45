/* Shared by the chart modules: the drawing context, text placement,
 * number formatting, palette, axes, legends, threshold lines. Only
 * src/render/chart*.c include this. */
#ifndef ITAKIT_RENDER_CHART_INTERNAL_H
#define ITAKIT_RENDER_CHART_INTERNAL_H

#include "itakit/chart.h"
#include "render/text_layout.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct { double x, y, w, h; } chart_box;
typedef struct { double r, g, b; } chart_rgb;

/* Options resolved, plus what every drawing function needs. */
typedef struct {
	cairo_t *cr;
	const itakit_chart_data *data;
	itakit_chart_options opt;  /* defaults filled in */
	double width, height;
	double threshold;          /* flag line */
	double pass_line;          /* official pass line (framework, 85) */
	bool en;
	itakit_digits digits;
	bool fixed;                /* opt.scale_lo..scale_hi given: every part of a split
				      figure draws on that range */
	int unknown_glyphs;        /* characters the font could not draw */
	char unknown_text[96];     /* the first text that had some */
	/* font sizes, points */
	double fs_title, fs_subtitle, fs_label, fs_value, fs_small;
} chart_ctx;

/* Fills what follows from ctx->opt's language, digits and font (NULL or
 * "": the default font), and the font sizes, scaled by scale (the chart's
 * width over the width its sizes were chosen for). */
void itakit__chart_ctx_finish(chart_ctx *ctx, double scale);

/* Draws a chart into (0, 0, ctx->width, ctx->height) of ctx->cr: checks the
 * font, clips to the box, calls draw with the box less margin on every
 * side, restores cairo's state, and turns a cairo error or characters the
 * font could not draw into an error whose message starts with what ("chart
 * ranking"). Returns 0, draw's error, ITAKIT_ENOTFOUND or ITAKIT_ERROR. */
typedef int (*chart_draw_fn)(chart_ctx *ctx, chart_box box, const void *user);
int itakit__chart_frame_draw(chart_ctx *ctx, const char *what, double margin, chart_draw_fn draw,
			     const void *user);

/* --- palette: Okabe-Ito (colour-blind safe) --- */
extern const chart_rgb itakit__chart_ink, itakit__chart_muted, itakit__chart_grid, itakit__chart_axis;
extern const chart_rgb itakit__chart_blue, itakit__chart_vermillion, itakit__chart_orange, itakit__chart_sky, itakit__chart_green;
extern const chart_rgb itakit__chart_white, itakit__chart_panel;
void itakit__chart_set_rgb(cairo_t *cr, chart_rgb c);
/* Sequential blues for the years of the tools chart, oldest lightest. */
chart_rgb itakit__chart_year_colour(size_t i, size_t n);
/* Diverging colour for a heatmap cell, centred on the threshold (white-ish)
 * towards red for a flagged score (below: down to lo) and blue for the
 * others (up to hi). v is the rounded score; below is the analysis's flag,
 * never worked out here. */
chart_rgb itakit__chart_diverging(double v, bool below, double lo, double threshold, double hi);
/* Relative luminance, for choosing black or white text on a fill. */
double itakit__chart_luminance(chart_rgb c);

/* --- text --- */
typedef enum { CHART_LEFT, CHART_CENTER, CHART_RIGHT } chart_halign;
typedef enum { CHART_TOP, CHART_MIDDLE, CHART_BOTTOM } chart_valign;

typedef struct {
	double size;
	bool bold;
	chart_rgb color;
	chart_halign halign;  /* of the text block relative to x */
	chart_valign valign;  /* of the text block relative to y */
	double wrap;          /* wrap width, points; 0: one line */
	int max_lines;        /* with wrap: lines kept, the last ellipsized; 0: all */
	bool halo;            /* white outline so the text reads over lines */
	bool vertical;        /* rotated 90 degrees anticlockwise (reads bottom-up) */
} chart_text;

/* A style at size with everything else default (ink, left, top). */
chart_text itakit__chart_text_at(double size);

/* Draws text anchored at (x, y); stores its size in *w, *h (may be NULL).
 * Characters the font cannot draw are counted in ctx. */
void itakit__chart_text_draw(chart_ctx *ctx, const chart_text *t, const char *text,
		     double x, double y, double *w, double *h);
void itakit__chart_text_measure(chart_ctx *ctx, const chart_text *t, const char *text,
			double *w, double *h);

/* Language pick: th or en by the options. */
#define CHART_TR(ctx, th_text, en_text) ((ctx)->en ? (en_text) : (th_text))

/* --- text into fixed buffers --- */
/* snprintf that never cuts a character: when the text does not fit in size
 * bytes it is cut at a grapheme-cluster boundary (a Thai consonant keeps its
 * vowels and tone marks) and ends in "…". Returns buf. */
char *itakit__chart_fmt(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Cuts s in place so that it takes at most size - 1 bytes, at a grapheme
 * boundary, ending in "…" when anything was cut. */
void itakit__chart_cut(char *s, size_t size);

/* --- numbers (always through itakit_format_number / itakit_format_int) --- */
char *itakit__chart_fmt_score(const chart_ctx *ctx, char *buf, size_t size, double v);
/* Signed with "+" or a true minus sign (U+2212): "+1.25", "−0.80". */
char *itakit__chart_fmt_delta(const chart_ctx *ctx, char *buf, size_t size, double v);
char *itakit__chart_fmt_int(const chart_ctx *ctx, char *buf, size_t size, long v);
/* A fiscal year given in BE as the chart writes it: BE in Thai, CE in
 * English (as the English text counts years). */
char *itakit__chart_fmt_year(const chart_ctx *ctx, char *buf, size_t size, int be);
/* "ปีงบประมาณ พ.ศ. ๒๕๖๖" or "ปีงบประมาณ พ.ศ. ๒๕๖๒–๒๕๖๖" (English: "Fiscal
 * years 2019–2023 (B.E. 2562–2566)"). */
char *itakit__chart_fmt_years(const chart_ctx *ctx, char *buf, size_t size, int from, int to);

/* --- names --- */
/* The indicator's label "๖. คุณภาพการดำเนินงาน" (English: "6. Quality of operations"). */
char *itakit__chart_indicator_label(const chart_ctx *ctx, char *buf, size_t size,
			    const itakit_framework_era *era, size_t i);
const char *itakit__chart_unit_name(const itakit_unit_analysis *ua);
/* The era for a year: from the year's analysis, else the framework's era
 * covering the year, else the framework's first era. NULL when none. */
const itakit_framework_era *itakit__chart_era(const chart_ctx *ctx, const itakit_year_analysis *ya, int year);

/* --- frame pieces; each takes space from the box it is given --- */
/* Title and subtitle at the top (skipped with no_title). */
void itakit__chart_title(chart_ctx *ctx, chart_box *box, const char *title, const char *subtitle);

typedef enum { CHART_KEY_FILL, CHART_KEY_HATCH, CHART_KEY_LINE, CHART_KEY_DASH,
	       CHART_KEY_POINT, CHART_KEY_POINT_SQUARE, CHART_KEY_BAND, CHART_KEY_DOT,
	       CHART_KEY_RING, CHART_KEY_NONE } chart_key_style;
typedef struct {
	chart_key_style style;
	chart_rgb color;
	const char *label;
} chart_key;
/* A legend centred at the bottom of box, wrapping onto more rows as needed
 * (CHART_KEY_NONE: text only, never broken inside an item). */
void itakit__chart_legend(chart_ctx *ctx, chart_box *box, const chart_key *keys, size_t n);
/* Height the legend would take. */
double itakit__chart_legend_height(chart_ctx *ctx, double width, const chart_key *keys, size_t n);
void itakit__chart_key_swatch(chart_ctx *ctx, const chart_key *k, double x, double y, double s);

/* A centred message in a panel, for charts with nothing to draw. */
void itakit__chart_message(chart_ctx *ctx, const chart_box *box, const char *text);

/* --- scales and axes --- */
typedef struct {
	double lo, hi;       /* data range */
	double p0, p1;       /* where lo and hi land (points) */
	double step;         /* tick step */
} chart_scale;

double itakit__chart_map(const chart_scale *s, double v);
/* A score range from lo..hi that always includes the threshold and ends at
 * 100, with round tick steps. */
void itakit__chart_score_scale(const chart_ctx *ctx, chart_scale *s, double min_v, double max_v);
/* The caller's fixed range (options scale_lo, scale_hi), when given. */
bool itakit__chart_fixed_range(const chart_ctx *ctx, double *lo, double *hi);
/* Tick label: as many decimals as the step needs; signed with "+". */
char *itakit__chart_tick_label(const chart_ctx *ctx, char *buf, size_t size, double v, double step, bool sign);
/* A score axis exactly lo..hi (a range a caller fixed), with round ticks. */
void itakit__chart_score_scale_fixed(chart_scale *s, double lo, double hi);
/* A symmetric range around 0 covering +-max_abs. */
void itakit__chart_delta_scale(chart_scale *s, double max_abs);

/* Value axis along x below box (ticks, grid lines up through box, title). */
void itakit__chart_axis_x(chart_ctx *ctx, const chart_box *box, const chart_scale *s,
		  const char *title, bool signed_ticks);
/* Value axis along y left of box. */
void itakit__chart_axis_y(chart_ctx *ctx, const chart_box *box, const chart_scale *s, const char *title);
/* Height below a plot that itakit__chart_axis_x needs. */
double itakit__chart_axis_x_height(chart_ctx *ctx, bool with_title);
/* Width left of a plot that itakit__chart_axis_y needs. */
double itakit__chart_axis_y_width(chart_ctx *ctx, const chart_scale *s, bool with_title);

/* The threshold as a dashed line across box, vertical (at x) or horizontal
 * (at y), labelled "เกณฑ์ ๘๕.๐๐" at the end given. */
void itakit__chart_threshold_v(chart_ctx *ctx, const chart_box *box, double x, bool label);
void itakit__chart_threshold_h(chart_ctx *ctx, const chart_box *box, double y, bool label);
/* The threshold's label text. */
char *itakit__chart_threshold_text(const chart_ctx *ctx, char *buf, size_t size);

/* A bar; when flagged, filled in the flag colour and hatched so that it
 * still stands out printed in grey. */
void itakit__chart_bar(chart_ctx *ctx, double x, double y, double w, double h, chart_rgb fill, bool hatch);

/* --- a column of labels beside rows (bars, dots) --- */
typedef struct {
	chart_text text;  /* right-aligned, wrapped, ellipsized */
	double width;     /* the column's width: widest label, at most the maximum */
} chart_labels;
/* Fits labels into rows of row_h: shrinks the font (down to 80%), then
 * wraps onto as many lines as fit, ellipsizing the last. */
void itakit__chart_labels_fit(chart_ctx *ctx, chart_labels *out, const char *const *labels, size_t n,
		      double max_w, double row_h, double size);
/* Draws a label right-aligned at x_right, centred on y_mid. */
void itakit__chart_labels_draw(chart_ctx *ctx, const chart_labels *l, const char *label,
		       double x_right, double y_mid);

/* --- horizontal rows (indicators, delta, ranking, change, distribution) --- */
/* Horizontal rows: box split into a label column and the bar area. */
typedef struct {
	chart_box plot;      /* bar area, rows top to bottom */
	double row_h;
	chart_labels labels;
} chart_row_frame;

/* Splits area into the label column and the plot (leaving value_w on the
 * right, top_pad above, and an x axis below). */
void itakit__chart_row_frame_fit(chart_ctx *ctx, chart_row_frame *f, chart_box area, const char *const *labels,
			 size_t n, double label_frac, double value_w, double top_pad);
/* Width a value label like widest takes beside a bar. */
double itakit__chart_value_width(chart_ctx *ctx, const char *widest);
/* A signed change beside a bar's end, left of it when left. */
void itakit__chart_delta_value(chart_ctx *ctx, double x, double y_mid, double dv, bool left, bool bold);
/* A score right of a mark (from x_right), kept clear of the vertical line
 * at line_x (NAN: none): a dot's value moves to its left (ending at x_left),
 * a bar's (x_left NAN) past the line. */
/* (sized to fit bar_h) */
void itakit__chart_bar_value_clear(chart_ctx *ctx, double x_right, double x_left, double y_mid, double v, bool bold,
			   double bar_h, double line_x);
/* "no data" at the start of a row. */
void itakit__chart_no_data_note(chart_ctx *ctx, double x, double y_mid);
/* Legend: the mark at or above the threshold and the one below it (bars:
 * FILL and HATCH; dots: RING and DOT). */
void itakit__chart_legend_pass_flag(chart_ctx *ctx, chart_box *box, chart_key_style pass_style, chart_rgb ok,
			    chart_key_style flag_style);
/* Legend when every mark is on the same side of the threshold (no pattern
 * needed to tell them apart). */
void itakit__chart_legend_all_same(chart_ctx *ctx, chart_box *box, bool below, chart_key_style style);

/* --- units --- */
typedef struct {
	const itakit_unit_analysis *ua;
	const itakit_year_analysis *ya;
	int rank;   /* 1 = best; ties share */
} chart_row;
/* Units having an overall score in year, best first (rounded overall, ties by
 * name). The caller frees *rows. Returns 0 or ITAKIT_ENOMEM. */
int itakit__chart_rows_by_overall(const chart_ctx *ctx, int year, chart_row **rows, size_t *n);
/* A chart of many units draws at most CHART_MAX_ROWS rows: beyond that, the
 * first and the last CHART_MAX_ROWS / 2 (best and worst), with one gap row
 * between them saying how many are left out. The scales still cover every
 * unit. */
#define CHART_MAX_ROWS 300
typedef struct {
	size_t gap_at;  /* rows before the gap */
	size_t hidden;  /* rows left out; 0: no gap */
	size_t total;   /* rows before eliding */
} chart_elision;
/* Keeps the rows to draw (in place); returns how many. */
size_t itakit__chart_rows_elide(chart_row *rows, size_t n, chart_elision *e);
/* Row slots the kept rows and the gap take. */
size_t itakit__chart_elision_slots(const chart_elision *e, size_t n_kept);
/* The slot of kept row i (rows after the gap move down one). */
double itakit__chart_elision_slot(const chart_elision *e, size_t i);
/* The gap row's note ("⋯ 8,023 more units, ranks 151–8,173"), centred in
 * (x, x + w) at y_mid, at most size points. */
void itakit__chart_gap_note(chart_ctx *ctx, const chart_elision *e, double x, double w, double y_mid,
		    double size);
/* ua's analysis of year, or NULL. */
/* The year multi-unit charts show: options, cohort, else the latest year
 * any unit has. 0 when none. */
int itakit__chart_multi_year(const chart_ctx *ctx);
/* The year single-unit charts show: options, else the latest year of the
 * unit (with indicators when want_indicators). 0 when none. */
int itakit__chart_unit_year(const chart_ctx *ctx, bool want_indicators);

/* --- tracing, for the tests: every text box and threshold line drawn, in
 * device units (pixels of a PNG) --- */
typedef enum { CHART_TRACE_TEXT, CHART_TRACE_THRESHOLD } chart_trace_what;
typedef void (*chart_trace_fn)(void *user, chart_trace_what what, const char *text, double size,
			       double x0, double y0, double x1, double y1);
/* Sets (fn NULL: clears) the process-wide trace; not thread-safe, tests only. */
void itakit__chart_trace(chart_trace_fn fn, void *user);
/* (size: the text's font size in points; 0 for lines) */
void itakit__chart_trace_box(chart_ctx *ctx, chart_trace_what what, const char *text, double size, double x0,
		     double y0, double x1, double y1);

/* --- the kinds --- */
int itakit__chart_draw_overall(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_indicators(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_tools(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_delta(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_heatmap(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_ranking(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_trend(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_distribution(chart_ctx *ctx, chart_box box);
int itakit__chart_draw_change(chart_ctx *ctx, chart_box box);

/* The range a multi-unit kind draws on (itakit_chart_range). */
int itakit__chart_cohort_range(chart_ctx *ctx, itakit_chart_kind kind, double *lo, double *hi);

/* Automatic heights (points) for the multi-unit kinds: rows of this many
 * points each, plus the frame. */
#define CHART_AUTO_ROW 15.0
double itakit__chart_heatmap_height(const chart_ctx *ctx, size_t n_rows);
double itakit__chart_ranking_height(const chart_ctx *ctx, size_t n_rows);
/* Height of the title block (without drawing), for automatic heights. */
double itakit__chart_title_height_estimate(const chart_ctx *ctx);

#endif
