/* Charts: Thai-language (or English) charts of analysed ITA scores, drawn
 * with cairo into any box (the PDF report embeds them as vectors) or written
 * to a PNG, SVG or PDF file. Everything is measured in points (1/72 inch);
 * a PNG is the same drawing scaled to its pixel size.
 *
 * The chart functions only read the data they are given (nothing is
 * allocated that outlives a call). Every number shown goes through
 * itakit_format_number, rounded as published; a mark below the line is
 * the analysis's flag (itakit_score.flagged), and the line drawn is the one
 * the analysis recorded (itakit_year_analysis.threshold): a chart never
 * judges a score itself. */
#ifndef ITAKIT_CHART_H
#define ITAKIT_CHART_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include "itakit/analysis.h"
#include "itakit/framework.h"
#include "itakit/text.h"

typedef enum {
	ITAKIT_CHART_OVERALL,      /* one unit's overall score over the years */
	ITAKIT_CHART_INDICATORS,   /* the indicators of one year, horizontal bars */
	ITAKIT_CHART_TOOLS,        /* IIT, EIT, OIT and overall, grouped by year */
	ITAKIT_CHART_DELTA,        /* change of each indicator against the previous year */
	ITAKIT_CHART_HEATMAP,      /* units x indicators of one year */
	ITAKIT_CHART_RANKING,      /* units sorted by overall */
	ITAKIT_CHART_TREND,        /* small multiples: each indicator over the years, fitted trend */
	ITAKIT_CHART_DISTRIBUTION, /* per-indicator distribution across units + threshold */
	ITAKIT_CHART_CHANGE,       /* change in overall per unit against the previous year */
	ITAKIT_CHART_KIND_COUNT
} itakit_chart_kind;

/* Parses "overall", "indicators", "tools", "delta", "heatmap", "ranking",
 * "trend", "distribution", "change". Returns 0, or ITAKIT_EUSAGE with a
 * message listing the valid names. */
int itakit_chart_kind_from_name(itakit_chart_kind *out, const char *name);

/* The name of a kind ("overall"), or NULL for an invalid kind. */
const char *itakit_chart_kind_name(itakit_chart_kind kind);

/* True when the kind draws several units (data->units), false when it draws
 * data->unit. */
bool itakit_chart_kind_is_multi(itakit_chart_kind kind);

typedef struct {
	itakit_lang lang;      /* labels in Thai (default) or English */
	itakit_digits digits;  /* Thai digits by default; English labels always use Arabic */
	const char *font;      /* font family; NULL: Laksaman */
	double threshold;      /* < 0: the analysis's flag line; else it must be
				  that line (ITAKIT_EUSAGE otherwise): analyse
				  with the threshold the chart is to show */
	double width, height;  /* points; <= 0: default 480 x 300 (half an A4 page);
				  height <= 0 for heatmap, ranking and change grows
				  with the number of units */
	double dpi;            /* PNG resolution; <= 0: 150 */
	int pixel_width;       /* PNG size in pixels; 0: width * dpi / 72. When set,
				  pixel_height follows the aspect ratio unless set too */
	int pixel_height;
	int year;              /* BE; 0: the latest year with data */
	int max_years;         /* tools: years shown at most, ending at year; 0: 4 */
	bool no_title;         /* leave the title out (the report captions charts itself) */
	/* One scale for a figure drawn in parts (a long ranking split over
	 * several charts): when scale_hi > scale_lo, every part draws its values
	 * on this range instead of its own data's. Ranking and distribution:
	 * the score axis starts at scale_lo (it always ends at 100 or above);
	 * change: the axis spans -m..+m, m the larger of |scale_lo| and
	 * |scale_hi|; heatmap: the colour key runs from scale_lo to scale_hi.
	 * Both 0: automatic. Without it, a part whose data.cohort is the whole
	 * cohort of the year already draws on the cohort's range. */
	double scale_lo, scale_hi;
} itakit_chart_options;

#define ITAKIT_CHART_OPTIONS_INIT \
	{ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, NULL, -1.0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0}

/* What a chart draws. Everything is borrowed. */
typedef struct {
	const itakit_framework *fw;          /* threshold default; required */
	const itakit_unit_analysis *unit;    /* overall, indicators, tools, delta, trend */
	const itakit_unit_analysis *reference; /* optional second series for overall
						 (e.g. the national average) */
	const char *reference_label;         /* its legend label; NULL: the unit's name */
	const itakit_unit_analysis *units;   /* heatmap, ranking, distribution, change */
	size_t n_units;
	const itakit_cohort *cohort;         /* optional for distribution: box plots
						from its quartiles; ranking: when units
						are a slice of the cohort, its ranks */
} itakit_chart_data;

/* The value range the chart draws on (the axis of ranking, change and
 * distribution; the colour key of heatmap), as it would be drawn: pass it
 * as scale_lo, scale_hi to draw other parts of the same figure on it.
 * ITAKIT_EUSAGE for the other kinds. */
int itakit_chart_range(double *lo, double *hi, itakit_chart_kind kind,
		       const itakit_chart_data *data, const itakit_chart_options *opts);

/* Resolves the size the chart will have (defaults, automatic height) in
 * points. Returns 0 or ITAKIT_EUSAGE. */
int itakit_chart_size(double *width, double *height, itakit_chart_kind kind,
		      const itakit_chart_data *data, const itakit_chart_options *opts);

/* Draws the chart into the box (0, 0, width, height) of cr's user space
 * (the caller translates/scales cr to place it). opts may be NULL.
 * When the data has nothing to draw for the kind (no indicator scores that
 * year, no previous year to compare), the chart says so in the box and the
 * call returns 0. Returns 0, ITAKIT_EUSAGE (missing data pointers, bad
 * kind, a threshold other than the analysis's, units analysed against
 * different flag lines), ITAKIT_ENOTFOUND (font not installed, no such year), ITAKIT_ELIMIT
 * (too many units for a fixed height) or ITAKIT_ERROR (a character the font
 * cannot draw, a cairo error), with a message. cr's state is restored. */
int itakit_chart_draw(cairo_t *cr, double width, double height, itakit_chart_kind kind,
		      const itakit_chart_data *data, const itakit_chart_options *opts);

/* Writes the chart to path, the format chosen by the extension (.png, .svg,
 * .pdf, any case), atomically (a reader never sees a partial file). PNG and
 * PDF are byte-identical across runs (the PDF dates come from
 * SOURCE_DATE_EPOCH when it is set). Returns 0 or an error as above. */
int itakit_chart_write(const char *path, itakit_chart_kind kind,
		       const itakit_chart_data *data, const itakit_chart_options *opts);

#pragma GCC visibility pop
#endif
