/* The progress report's chart (chart_progress.h): one bar per measure. The
 * colour says the status, the length the percent done; a measure nobody
 * reported on has no bar but a note, so a gap is never read as zero. */
#include "render/chart_progress.h"
#include "render/chart_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BASE_WIDTH 380.0 /* fonts sized for a chart this wide, scaled with the width */
#define ROW 26.0         /* points per bar at the base width */

static chart_rgb status_colour(itakit_status_kind k)
{
	switch (k) {
	case ITAKIT_STATUS_DONE: return itakit__chart_green;
	case ITAKIT_STATUS_IN_PROGRESS: return itakit__chart_blue;
	case ITAKIT_STATUS_NOT_STARTED: return itakit__chart_orange;
	default: return itakit__chart_muted;
	}
}

double itakit__progress_chart_height(double width, size_t n)
{
	double f = width / BASE_WIDTH;
	f = f < 0.8 ? 0.8 : f > 1.6 ? 1.6 : f;
	/* rows, the axis and its title, the legend, the margins */
	return ((double)(n ? n : 1) * ROW + 80.0) * f;
}

static void ctx_init(chart_ctx *ctx, cairo_t *cr, const itakit__progress_chart *c, double w, double h)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->cr = cr;
	ctx->opt.lang = c->lang;
	ctx->opt.digits = c->digits;
	ctx->opt.font = c->font;
	ctx->opt.width = ctx->width = w;
	ctx->opt.height = ctx->height = h;
	itakit__chart_ctx_finish(ctx, w / BASE_WIDTH);
}

/* "60%" / "ร้อยละ" is in the axis title: the bar says "60". */
static const char *percent_text(const chart_ctx *ctx, char *buf, size_t size, double v)
{
	int decimals = fabs(v - round(v)) < 1e-9 ? 0 : 1;
	return itakit_format_number(buf, size, v, decimals, ctx->digits, false);
}

static int draw(chart_ctx *ctx, chart_box box, const void *user)
{
	const itakit__progress_chart *c = user;
	chart_key keys[ITAKIT_STATUS_N + 1];
	size_t nk = 0;
	bool used[ITAKIT_STATUS_N] = {false}, missing = false;
	for (size_t i = 0; i < c->n; i++) {
		if (c->bars[i].reported && (unsigned)c->bars[i].status < ITAKIT_STATUS_N)
			used[c->bars[i].status] = true;
		else
			missing = true;
	}
	for (int k = 0; k < ITAKIT_STATUS_N; k++)
		if (used[k])
			keys[nk++] = (chart_key){CHART_KEY_FILL, status_colour((itakit_status_kind)k),
						 itakit_status_kind_name((itakit_status_kind)k, c->lang)};
	if (missing)
		keys[nk++] = (chart_key){CHART_KEY_NONE, itakit__chart_muted,
					 CHART_TR(ctx, "– ไม่มีรายงาน", "– no report")};
	itakit__chart_legend(ctx, &box, keys, nk);

	const char *labels[64];
	size_t n = c->n < 64 ? c->n : 64;
	for (size_t i = 0; i < n; i++)
		labels[i] = c->bars[i].label;
	chart_row_frame f;
	itakit__chart_row_frame_fit(ctx, &f, box, labels, n, 0.40, itakit__chart_value_width(ctx, "๑๐๐.๐"), ctx->fs_small);
	chart_scale xs = {0, 100, f.plot.x, f.plot.x + f.plot.w, 20};
	itakit__chart_axis_x(ctx, &f.plot, &xs, CHART_TR(ctx, "ความก้าวหน้า (ร้อยละ)", "progress (percent)"), false);
	double bh = fmin(f.row_h * 0.6, ctx->fs_label * 1.6);
	for (size_t i = 0; i < n; i++) {
		const itakit__progress_bar *b = &c->bars[i];
		double mid = f.plot.y + f.row_h * ((double)i + 0.5);
		itakit__chart_labels_draw(ctx, &f.labels, labels[i], f.plot.x - ctx->fs_label * 0.6, mid);
		chart_text t = itakit__chart_text_at(ctx->fs_value);
		t.valign = CHART_MIDDLE;
		if (!b->reported) {
			t.color = itakit__chart_muted;
			itakit__chart_text_draw(ctx, &t, CHART_TR(ctx, "ไม่มีรายงาน", "no report"), f.plot.x + 2, mid, NULL, NULL);
			continue;
		}
		double v = fmax(0, fmin(100, b->progress));
		double x1 = itakit__chart_map(&xs, v);
		/* a cancelled measure is hatched: grey alone would read as "not started" in print */
		itakit__chart_bar(ctx, f.plot.x, mid - bh / 2, x1 - f.plot.x, bh, status_colour(b->status),
			  b->status == ITAKIT_STATUS_CANCELLED);
		char buf[32];
		itakit__chart_text_draw(ctx, &t, percent_text(ctx, buf, sizeof buf, v), x1 + ctx->fs_value * 0.3, mid,
				NULL, NULL);
	}
	return 0;
}

int itakit__progress_chart_draw(cairo_t *cr, double width, double height, void *user)
{
	const itakit__progress_chart *c = user;
	if (!c || !(width > 0) || !(height > 0))
		return itakit_error_set(ITAKIT_EUSAGE, "progress chart: no data or an empty box");
	chart_ctx ctx;
	ctx_init(&ctx, cr, c, width, height);
	return itakit__chart_frame_draw(&ctx, "progress chart", ctx.fs_label * 0.5, draw, c);
}
