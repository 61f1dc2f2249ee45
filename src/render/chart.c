/* Charts: kind names, options, sizing, dispatch, and output to PNG, SVG and
 * PDF through the atomic writer. */
#include "render/chart_internal.h"
#include "itakit/error.h"
#include "itakit/fileio.h"
#include "render/png_writer.h"
#include "render/cairo_output.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define DEFAULT_WIDTH 480.0
#define DEFAULT_HEIGHT 300.0
#define DEFAULT_DPI 150.0
/* Cairo's image surfaces are limited to 32767 pixels a side. */
#define MAX_PIXELS 32767

static const char *const kind_names[ITAKIT_CHART_KIND_COUNT] = {
	"overall", "indicators", "tools", "delta", "heatmap",
	"ranking", "trend", "distribution", "change",
};

int itakit_chart_kind_from_name(itakit_chart_kind *out, const char *name)
{
	for (int i = 0; name && i < ITAKIT_CHART_KIND_COUNT; i++) {
		if (strcasecmp(name, kind_names[i]) == 0) {
			*out = (itakit_chart_kind)i;
			return 0;
		}
	}
	return itakit_error_set(ITAKIT_EUSAGE,
		"unknown chart kind \"%s\"; choose one of overall, indicators, tools, delta, "
		"heatmap, ranking, trend, distribution, change", name ? name : "");
}

const char *itakit_chart_kind_name(itakit_chart_kind kind)
{
	return (unsigned)kind < ITAKIT_CHART_KIND_COUNT ? kind_names[kind] : NULL;
}

bool itakit_chart_kind_is_multi(itakit_chart_kind kind)
{
	return kind == ITAKIT_CHART_HEATMAP || kind == ITAKIT_CHART_RANKING ||
	       kind == ITAKIT_CHART_DISTRIBUTION || kind == ITAKIT_CHART_CHANGE;
}

static int check_data(itakit_chart_kind kind, const itakit_chart_data *data)
{
	if ((unsigned)kind >= ITAKIT_CHART_KIND_COUNT)
		return itakit_error_set(ITAKIT_EUSAGE, "invalid chart kind %d", (int)kind);
	if (!data || !data->fw)
		return itakit_error_set(ITAKIT_EUSAGE, "chart %s: no framework given", kind_names[kind]);
	if (itakit_chart_kind_is_multi(kind) ? !data->units && data->n_units : !data->unit)
		return itakit_error_set(ITAKIT_EUSAGE, "chart %s: no %s given", kind_names[kind],
					itakit_chart_kind_is_multi(kind) ? "units" : "unit");
	return 0;
}

/* A year the chart's unit(s) were analysed for, or NULL: the analysis
 * records the lines it judged the scores against. */
static const itakit_year_analysis *first_year(const itakit_unit_analysis *ua)
{
	return ua && ua->n_years ? &ua->years[0] : NULL;
}

/* The flag line and the pass line, as the analysis recorded them: a chart
 * draws the analysis's flags and never judges a score itself, so its line
 * must be the one the flags were set against. A threshold in the options
 * that differs, or units analysed against different lines, are a usage
 * error. With nothing analysed (nothing to draw), the options' threshold,
 * else the framework's. */
static int analysis_lines(chart_ctx *ctx, const itakit_chart_data *data)
{
	const itakit_year_analysis *ya = NULL;
	if (data && data->unit)
		ya = first_year(data->unit);
	for (size_t i = 0; data && data->units && i < data->n_units; i++) {
		const itakit_year_analysis *y = first_year(&data->units[i]);
		if (!y)
			continue;
		if (!ya)
			ya = y;
		else if (fabs(y->threshold - ya->threshold) > 0.005)
			return itakit_error_set(ITAKIT_EUSAGE, "chart: the units were analysed against different "
						"flag lines (%.2f and %.2f); analyse them with one threshold",
						ya->threshold, y->threshold);
	}
	const itakit_framework *fw = data ? data->fw : NULL;
	if (!ya) {
		ctx->threshold = ctx->opt.threshold >= 0 ? ctx->opt.threshold :
				 fw && fw->threshold > 0 ? fw->threshold : 85.0;
		ctx->pass_line = fw && fw->pass_line > 0 ? fw->pass_line : 85.0;
		return 0;
	}
	if (ctx->opt.threshold >= 0 && fabs(ctx->opt.threshold - ya->threshold) > 0.005)
		return itakit_error_set(ITAKIT_EUSAGE, "chart threshold %.2f differs from the analysis's %.2f: "
					"analyse with the same threshold", ctx->opt.threshold, ya->threshold);
	ctx->threshold = ya->threshold;
	ctx->pass_line = ya->pass_line > 0 ? ya->pass_line : fw && fw->pass_line > 0 ? fw->pass_line : 85.0;
	return 0;
}

/* Fills the context: options with defaults, the analysis's lines, font
 * sizes. Returns 0 or ITAKIT_EUSAGE (analysis_lines). */
static int ctx_init(chart_ctx *ctx, cairo_t *cr, const itakit_chart_data *data,
		    const itakit_chart_options *opts)
{
	static const itakit_chart_options defaults = ITAKIT_CHART_OPTIONS_INIT;
	memset(ctx, 0, sizeof *ctx);
	ctx->cr = cr;
	ctx->data = data;
	ctx->opt = opts ? *opts : defaults;
	if (ctx->opt.width <= 0)
		ctx->opt.width = DEFAULT_WIDTH;
	if (ctx->opt.dpi <= 0)
		ctx->opt.dpi = DEFAULT_DPI;
	if (ctx->opt.max_years <= 0)
		ctx->opt.max_years = 4;
	ctx->fixed = isfinite(ctx->opt.scale_lo) && isfinite(ctx->opt.scale_hi) &&
		     ctx->opt.scale_hi > ctx->opt.scale_lo;
	itakit__chart_ctx_finish(ctx, ctx->opt.width / DEFAULT_WIDTH);
	return analysis_lines(ctx, data);
}

static size_t rows_with_overall(const chart_ctx *ctx, int year)
{
	chart_row *rows;
	size_t n = 0;
	if (itakit__chart_rows_by_overall(ctx, year, &rows, &n) == 0)
		free(rows);
	/* the rows drawn: a long cohort keeps its best and worst around a gap */
	return n > CHART_MAX_ROWS ? CHART_MAX_ROWS + 1 : n;
}

static double auto_height(chart_ctx *ctx, itakit_chart_kind kind)
{
	if (kind == ITAKIT_CHART_HEATMAP)
		return itakit__chart_heatmap_height(ctx, rows_with_overall(ctx, itakit__chart_multi_year(ctx)));
	if (kind == ITAKIT_CHART_RANKING || kind == ITAKIT_CHART_CHANGE)
		return itakit__chart_ranking_height(ctx, rows_with_overall(ctx, itakit__chart_multi_year(ctx)));
	return DEFAULT_HEIGHT * ctx->opt.width / DEFAULT_WIDTH;
}

int itakit_chart_size(double *width, double *height, itakit_chart_kind kind,
		      const itakit_chart_data *data, const itakit_chart_options *opts)
{
	int rc = check_data(kind, data);
	if (rc)
		return rc;
	chart_ctx ctx;
	if ((rc = ctx_init(&ctx, NULL, data, opts)) != 0)
		return rc;
	*width = ctx.opt.width;
	*height = ctx.opt.height > 0 ? ctx.opt.height : auto_height(&ctx, kind);
	return 0;
}

int itakit_chart_range(double *lo, double *hi, itakit_chart_kind kind,
		       const itakit_chart_data *data, const itakit_chart_options *opts)
{
	int rc = check_data(kind, data);
	if (rc)
		return rc;
	if (!itakit_chart_kind_is_multi(kind))
		return itakit_error_set(ITAKIT_EUSAGE, "chart %s: no shared range (one unit's chart)",
					kind_names[kind]);
	chart_ctx ctx;
	if ((rc = ctx_init(&ctx, NULL, data, opts)) != 0)
		return rc;
	return itakit__chart_cohort_range(&ctx, kind, lo, hi);
}

typedef int (*draw_fn)(chart_ctx *, chart_box);
static const draw_fn drawers[ITAKIT_CHART_KIND_COUNT] = {
	itakit__chart_draw_overall, itakit__chart_draw_indicators, itakit__chart_draw_tools, itakit__chart_draw_delta,
	itakit__chart_draw_heatmap, itakit__chart_draw_ranking, itakit__chart_draw_trend, itakit__chart_draw_distribution,
	itakit__chart_draw_change,
};

static int draw_kind(chart_ctx *ctx, chart_box box, const void *user)
{
	return drawers[*(const itakit_chart_kind *)user](ctx, box);
}

int itakit_chart_draw(cairo_t *cr, double width, double height, itakit_chart_kind kind,
		      const itakit_chart_data *data, const itakit_chart_options *opts)
{
	int rc = check_data(kind, data);
	if (rc)
		return rc;
	if (!(width > 0) || !(height > 0))
		return itakit_error_set(ITAKIT_EUSAGE, "chart %s: empty box %gx%g", kind_names[kind],
					width, height);
	chart_ctx ctx;
	if ((rc = ctx_init(&ctx, cr, data, opts)) != 0)
		return rc;
	ctx.opt.width = ctx.width = width;
	ctx.opt.height = ctx.height = height;
	char what[64];
	snprintf(what, sizeof what, "chart %s", kind_names[kind]);
	/* a margin so nothing touches the edge of the box */
	return itakit__chart_frame_draw(&ctx, what, ctx.fs_label * 0.9, draw_kind, &kind);
}

/* --- output --- */

typedef enum { FMT_PNG, FMT_SVG, FMT_PDF } out_format;

static int format_of(out_format *fmt, const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash)) {
		if (strcasecmp(dot, ".png") == 0)
			return *fmt = FMT_PNG, 0;
		if (strcasecmp(dot, ".svg") == 0)
			return *fmt = FMT_SVG, 0;
		if (strcasecmp(dot, ".pdf") == 0)
			return *fmt = FMT_PDF, 0;
	}
	return itakit_error_set(ITAKIT_EUSAGE, "%s: unknown chart format; name the file .png, .svg or .pdf",
				path);
}

static int png_size(const chart_ctx *ctx, double w, double h, int *pw, int *ph)
{
	double px = ctx->opt.pixel_width > 0 ? ctx->opt.pixel_width : ceil(w * ctx->opt.dpi / 72.0 - 1e-9);
	double py = ctx->opt.pixel_height > 0 ? ctx->opt.pixel_height :
		    ctx->opt.pixel_width > 0 ? round(px * h / w) : ceil(h * ctx->opt.dpi / 72.0 - 1e-9);
	if (px < 1 || py < 1 || px > MAX_PIXELS || py > MAX_PIXELS)
		return itakit_error_set(ITAKIT_ELIMIT, "chart of %.0fx%.0f pixels is outside 1..%d a side; "
					"lower the dpi or the size", px, py, MAX_PIXELS);
	*pw = (int)px;
	*ph = (int)py;
	return 0;
}

static cairo_surface_t *make_surface(out_format fmt, itakit_cairo_sink *s, const char *date,
				     double w, double h, int pw, int ph)
{
	switch (fmt) {
	case FMT_PNG:
		return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	case FMT_SVG: {
		cairo_surface_t *svg = cairo_svg_surface_create_for_stream(itakit__cairo_sink_write, s, w, h);
		cairo_svg_surface_set_document_unit(svg, CAIRO_SVG_UNIT_PT);
		return svg;
	}
	case FMT_PDF: {
		cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(itakit__cairo_sink_write, s, w, h);
		itakit__pdf_set_dates(pdf, date);
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "itakit");
		return pdf;
	}
	}
	return NULL;
}

/* Draws onto the surface: white paper, then the chart in points. */
static int render(cairo_surface_t *surface, out_format fmt, double w, double h, int pw, int ph,
		  itakit_chart_kind kind, const itakit_chart_data *data, const itakit_chart_options *opts)
{
	cairo_t *cr = cairo_create(surface);
	if (fmt == FMT_PNG)
		cairo_scale(cr, pw / w, ph / h);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	int rc = itakit_chart_draw(cr, w, h, kind, data, opts);
	cairo_destroy(cr);
	return rc;
}

int itakit_chart_write(const char *path, itakit_chart_kind kind,
		       const itakit_chart_data *data, const itakit_chart_options *opts)
{
	out_format fmt = FMT_PNG;
	double w, h;
	int pw = 0, ph = 0;
	int rc = format_of(&fmt, path);
	if (!rc)
		rc = itakit_chart_size(&w, &h, kind, data, opts);
	if (rc)
		return rc;
	chart_ctx ctx;
	if ((rc = ctx_init(&ctx, NULL, data, opts)) != 0)
		return rc;
	if (fmt == FMT_PNG && (rc = png_size(&ctx, w, h, &pw, &ph)) != 0)
		return rc;
	char date[32] = "";
	if (fmt == FMT_PDF && (rc = itakit__pdf_date(date, sizeof date)) != 0)
		return rc;

	itakit_atomic_file f;
	if ((rc = itakit_atomic_open(&f, path)) != 0)
		return rc;
	itakit_cairo_sink s = {f.fp, 0};
	cairo_surface_t *surface = make_surface(fmt, &s, date, w, h, pw, ph);
	rc = render(surface, fmt, w, h, pw, ph, kind, data, opts);
	if (!rc && fmt == FMT_PNG) {
		rc = itakit__png_write(surface, pw * 72.0 / w, itakit__cairo_sink_write, &s);
		if (rc && s.err)
			rc = 0;  /* a write error: reported below with the path and errno */
	}
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (!rc && (st != CAIRO_STATUS_SUCCESS || s.err))
		rc = itakit_error_set(ITAKIT_ERROR, "%s: cannot write chart: %s", path,
				      s.err ? strerror(s.err) : cairo_status_to_string(st));
	if (rc) {
		itakit_atomic_abort(&f);
		return rc;
	}
	return itakit_atomic_commit(&f);
}
