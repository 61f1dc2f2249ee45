/* itakit chart: one chart of the analysed scores to PNG, SVG or PDF. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
	"usage: itakit chart KIND FILE... -o OUT.png|OUT.svg|OUT.pdf [--unit NAME] [--year YEAR]\n"
	"                    [--units NAME,NAME...] [--group G] [--threshold N] [--national FILE]\n"
	"                    [--width N] [--height N] [--dpi N] [--lang th|en] [--digits thai|arabic]\n"
	"                    [--font FAMILY] [--framework FILE] [--sheet NAME]\n"
	"\n"
	"Draws one chart of the ITA scores read from the CSV files. The format follows the\n"
	"extension of OUT; the file appears whole or not at all.\n"
	"\n"
	"kinds of one unit (pick it with --unit unless the data holds one unit):\n"
	"  overall       overall score over the years (--national FILE adds the national average)\n"
	"  indicators    the ten indicators of one year, flagged below the threshold\n"
	"  tools         IIT, EIT, OIT and overall, the last four years up to --year\n"
	"  delta         change of each indicator against the previous year with data\n"
	"  trend         each indicator over the years with its fitted trend\n"
	"kinds of many units (all units, or those picked with --units, --group or --unit):\n"
	"  heatmap       units x indicators of one year\n"
	"  ranking       units sorted by overall score\n"
	"  distribution  spread of each indicator across the units, with the threshold\n"
	"  change        change in overall score per unit against the previous year\n"
	"\n"
	"  -o, --output OUT   output file: .png, .svg or .pdf (required)\n"
	"  --unit NAME        the unit (name or code)\n"
	"  --units A,B,...    several units (names or codes)\n"
	"  --group G          the units of one group (zone, ministry, province)\n"
	"  --year YEAR        fiscal year, BE (2566) or CE (2023); default: the latest with data.\n"
	"                     overall and trend draw the years up to YEAR\n"
	"  --threshold N      flag line: indicators below it need improving (default 85;\n"
	"                     the official pass line stays 85)\n"
	"  --national FILE    overall only: a CSV with one unit (e.g. data/national_averages.csv)\n"
	"                     drawn as a second line\n"
	"  --sheet NAME       the sheet of workbook score files (default: the first sheet whose\n"
	"                     header is a score table's, else the first)\n"
	"  --width N          PNG: width in pixels; SVG and PDF: width in points (1/72 inch).\n"
	"                     Default 480 pt, half an A4 page; a PNG is 1000 px wide at 150 dpi\n"
	"  --height N         PNG: pixels; SVG and PDF: points. Default: 5/8 of the width, or\n"
	"                     as tall as the units need (heatmap, ranking, change); given\n"
	"                     without --width, the width is 8/5 of it\n"
	"  --dpi N            PNG only: pixels per inch (default 150); text and lines are sized\n"
	"                     in points, so a higher dpi gives a sharper, not a smaller, chart\n"
	"  --lang th|en       labels in Thai (default) or English\n"
	"  --digits D         thai (default for th) or arabic digits\n"
	"  --font FAMILY      font family (default Laksaman; e.g. \"Noto Sans Thai\")\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          say on stderr which sheet each workbook input was read from\n"
	"\n"
	"examples:\n"
	"  itakit chart overall data/bangkok.csv --national data/national_averages.csv -o overall.png\n"
	"  itakit chart heatmap data/bangkok_districts_synthetic.csv --year 2566 -o heatmap.pdf\n";

typedef struct {
	double width, height, dpi;  /* as given; 0: not given */
	const char *font;
	const char *national;
} chart_args;

static int parse_positive(double *out, const char *arg, const char *name, double max)
{
	double v;
	if (itakit_text_parse_number(&v, arg) != 0 || !(v > 0) || v > max)
		return cli_fail(EXIT_BAD_INPUT, "chart", "--%s: expected a number above 0 and at most %g, got \"%s\"",
				name, max, arg);
	*out = v;
	return EXIT_OK;
}

static bool is_png(const char *path)
{
	size_t n = strlen(path);
	return n >= 4 && strcasecmp(path + n - 4, ".png") == 0;
}

/* --width/--height are what the reader of each format measures: pixels for
 * a PNG, points for SVG and PDF. A PNG's drawing size in points is its pixel
 * size at the dpi, so text keeps its size in points whatever the pixels. */
static void size_options(itakit_chart_options *o, const chart_args *a, const char *out)
{
	/* the default shape, 480 x 300 */
	double w = a->width > 0 ? a->width : a->height > 0 ? round(a->height * 1.6) : 0;
	o->dpi = a->dpi;
	if (!is_png(out)) {
		o->width = w;
		o->height = a->height;
		return;
	}
	double dpi = a->dpi > 0 ? a->dpi : 150;
	if (w > 0) {
		o->pixel_width = (int)lround(w);
		o->width = w * 72 / dpi;
	}
	if (a->height > 0) {
		o->pixel_height = (int)lround(a->height);
		o->height = a->height * 72 / dpi;
	}
}

static int missing_unit(const cli_session *s, itakit_chart_kind kind)
{
	fprintf(stderr, "itakit chart: the %s chart shows one unit and the data holds %zu; choose one with --unit NAME:",
		itakit_chart_kind_name(kind), s->n_analyses);
	for (size_t i = 0; i < s->n_analyses && i < 10; i++)
		fprintf(stderr, "%s %s", i ? "," : "", s->analyses[i].unit->name);
	if (s->n_analyses > 10)
		fprintf(stderr, " and %zu more", s->n_analyses - 10);
	fputc('\n', stderr);
	return EXIT_BAD_INPUT;
}

static int year_missing(const itakit_unit *u, int year)
{
	fprintf(stderr, "itakit chart: %s has no data for fiscal year %d; years in the data:", u->name, year);
	for (size_t k = 0; k < u->n_years; k++)
		fprintf(stderr, " %d", u->years[k].year);
	fputc('\n', stderr);
	return EXIT_BAD_INPUT;
}

/* The --national file: one unit, analysed like the others. */
typedef struct {
	itakit_dataset ds;
	itakit_unit_analysis ua;
	bool analysed;
} reference_set;

static int load_reference(reference_set *r, const cli_session *s, const char *path)
{
	if (s->output && itakit_same_file(path, s->output))
		return cli_fail(EXIT_BAD_INPUT, "chart", "%s: refusing to overwrite an input file with the output", path);
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	int rc = itakit_dataset_load_file(&r->ds, path, &s->fw, NULL, &diags);
	cli_print_diags(&diags);
	itakit_diag_list_release(&diags);
	if (rc)
		return cli_fail(cli_exit_for(rc), "chart", "--national: %s", itakit_error_last());
	if (r->ds.n_units != 1)
		return cli_fail(EXIT_BAD_INPUT, "chart", "--national: %s holds %zu units; expected one (the national average)",
				path, r->ds.n_units);
	itakit_analysis_options ao = cli_analysis_options(s);
	if (itakit_analysis_run_unit(&r->ua, &r->ds.units[0], &s->fw, &ao, NULL) != 0)
		return cli_fail(EXIT_RUNTIME, "chart", "--national: %s", itakit_error_last());
	r->analysed = true;
	return EXIT_OK;
}

static int chart_option(int opt, const char *arg, void *ctx)
{
	chart_args *a = ctx;
	switch (opt) {
	case OPT_WIDTH: return parse_positive(&a->width, arg, "width", 32767) ? -1 : 1;
	case OPT_HEIGHT: return parse_positive(&a->height, arg, "height", 32767) ? -1 : 1;
	case OPT_DPI: return parse_positive(&a->dpi, arg, "dpi", 2400) ? -1 : 1;
	case OPT_FONT: a->font = arg; return 1;
	case OPT_NATIONAL: a->national = arg; return 1;
	default: return 0;
	}
}

static int parse_args(cli_session *s, chart_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		CLI_TEXT_LONG_OPTIONS,
		{"unit", required_argument, NULL, OPT_UNIT},
		{"units", required_argument, NULL, OPT_UNITS},
		{"group", required_argument, NULL, OPT_GROUP},
		{"year", required_argument, NULL, OPT_YEAR},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"height", required_argument, NULL, OPT_HEIGHT},
		{"dpi", required_argument, NULL, OPT_DPI},
		{"font", required_argument, NULL, OPT_FONT},
		{"national", required_argument, NULL, OPT_NATIONAL},
		{NULL, 0, NULL, 0}};
	return cli_parse_options(s, argc, argv, "chart", "o:", longopts, usage, chart_option, a);
}

int cmd_chart(int argc, char **argv)
{
	cli_session s;
	cli_session_init(&s);
	chart_args a = {0, 0, 0, NULL, NULL};
	reference_set ref;
	memset(&ref, 0, sizeof ref);
	itakit_dataset_init(&ref.ds);
	itakit_cohort cohort;
	itakit_cohort_init(&cohort);
	itakit_chart_kind kind = ITAKIT_CHART_OVERALL;

	int rc = parse_args(&s, &a, argc, argv);
	if (rc == CLI_HELP_SHOWN) {
		rc = EXIT_OK;
		goto done;
	}
	if (rc == EXIT_OK && optind >= argc)
		rc = cli_fail(EXIT_BAD_INPUT, "chart", "no chart kind; usage: itakit chart KIND FILE... -o OUT "
			      "(kinds: overall, indicators, tools, delta, trend, heatmap, ranking, distribution, change)");
	if (rc == EXIT_OK && itakit_chart_kind_from_name(&kind, argv[optind]) != 0)
		rc = cli_fail(EXIT_BAD_INPUT, "chart", "%s", itakit_error_last());
	if (rc == EXIT_OK)
		optind++;
	if (rc == EXIT_OK && !s.output)
		rc = cli_fail(EXIT_BAD_INPUT, "chart", "no output file; give -o OUT.png, OUT.svg or OUT.pdf");
	if (rc == EXIT_OK && a.national && kind != ITAKIT_CHART_OVERALL)
		rc = cli_fail(EXIT_BAD_INPUT, "chart", "--national adds a line to the overall chart only, not to %s",
			      itakit_chart_kind_name(kind));
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "chart");
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);
	if (rc == EXIT_OK && a.national)
		rc = load_reference(&ref, &s, a.national);
	if (rc != EXIT_OK)
		goto done;

	bool multi = itakit_chart_kind_is_multi(kind);
	itakit_chart_data d = {&s.fw, NULL, NULL, NULL, s.analyses, s.n_analyses, NULL};
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.lang = s.lang;
	o.digits = s.digits;
	o.font = a.font;
	o.threshold = s.threshold;
	o.year = s.year;
	size_options(&o, &a, s.output);
	if (!multi) {
		if (s.n_analyses != 1) {
			rc = s.n_analyses ? missing_unit(&s, kind) : cli_fail(EXIT_BAD_INPUT, "chart", "no unit in the data");
			goto done;
		}
		d.unit = &s.analyses[0];
		/* cli_analyze checks the year for --unit; a lone unit found without
		 * it is checked here */
		if (s.year && !s.unit && !itakit_unit_find_year(d.unit->unit, s.year)) {
			rc = year_missing(d.unit->unit, s.year);
			goto done;
		}
		if (ref.analysed) {
			d.reference = &ref.ua;
			d.reference_label = s.lang == ITAKIT_LANG_EN ? "National average" : NULL;
		}
	} else {
		int year = s.year ? s.year : itakit_analyses_latest_year(s.analyses, s.n_analyses);
		itakit_analysis_options ao = cli_analysis_options(&s);
		int lib = itakit_cohort_build(&cohort, s.analyses, s.n_analyses, year, &ao, &s.fw);
		if (lib) {
			rc = cli_fail(cli_exit_for(lib), "chart", "%s", itakit_error_last());
			goto done;
		}
		if (cohort.n_units == 0) {
			rc = cli_fail(EXIT_BAD_INPUT, "chart", "no selected unit has an overall score for fiscal year %d", year);
			goto done;
		}
		o.year = year;
		d.cohort = &cohort;
	}
	int lib = itakit_chart_write(s.output, kind, &d, &o);
	if (lib)
		rc = cli_fail(cli_exit_for(lib), "chart", "%s", itakit_error_last());
done:
	itakit_cohort_release(&cohort);
	if (ref.analysed)
		itakit_unit_analysis_release(&ref.ua);
	itakit_dataset_release(&ref.ds);
	cli_session_release(&s);
	return rc;
}
