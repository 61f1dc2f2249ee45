/* The progress report's chart: how far each measure of the plan has got,
 * one horizontal bar per measure (0-100 percent), coloured by status, drawn
 * with the chart helpers of chart_axes.c. Internal to src/render. */
#ifndef ITAKIT_RENDER_CHART_PROGRESS_H
#define ITAKIT_RENDER_CHART_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>

#include "itakit/status.h"
#include "itakit/text.h"

typedef struct {
	const char *label;          /* the measure, short ("M04 คุณภาพการดำเนินงาน...") */
	bool reported;              /* false: no row in the status file */
	itakit_status_kind status;
	double progress;            /* 0..100 */
} itakit__progress_bar;

typedef struct {
	itakit_lang lang;
	itakit_digits digits;
	const char *font;           /* NULL: ITAKIT_DEFAULT_FONT */
	const itakit__progress_bar *bars; /* borrowed */
	size_t n;
} itakit__progress_chart;

/* Height in points that n bars need at width. */
double itakit__progress_chart_height(double width, size_t n);

/* An itakit_draw_fn (render/document.h): user is an itakit__progress_chart.
 * Returns 0, or ITAKIT_ENOTFOUND / ITAKIT_ERROR (font) with a message. */
int itakit__progress_chart_draw(cairo_t *cr, double width, double height, void *user);

#endif
