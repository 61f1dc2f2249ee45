/* itakit analyze: the analysis as Thai or English text, JSON, CSV or an
 * Excel workbook. */
#include "cli.h"

#include <string.h>

static const char usage[] =
	"usage: itakit analyze FILE... [--unit NAME] [--year YEAR] [--threshold N] [--target N]\n"
	"                      [--format text|json|csv|xlsx] [--lang th|en] [--digits thai|arabic]\n"
	"                      [--units A,B,...] [--group G] [--framework FILE] [-o OUT] [--no-bom]\n"
	"                      [--sheet NAME]\n"
	"\n"
	"Reads ITA scores from one or more CSV files or Excel workbooks (- is standard input) and prints, for each unit (or the one\n"
	"given with --unit), the overall score, level, pass or fail, the change against the\n"
	"previous year with data, the indicators below the threshold (highest first), what\n"
	"moved the score, the trend, and where improvement pays most.\n"
	"\n"
	"  --unit NAME        one unit (name or code)\n"
	"  --year YEAR        fiscal year, BE (2566) or CE (2023); default: the latest\n"
	"  --threshold N      flag line: indicators below it need improving (default 85;\n"
	"                     the official pass line stays 85)\n"
	"  --target N         target of the improvement plan (default: the flag line; 90 is\n"
	"                     the national long-term target)\n"
	"  --units A,B,...    only these units (names or codes)\n"
	"  --group G          only the units whose group column is G\n"
	"  --format F         text, json, csv or xlsx; default: by the extension of OUT (.txt,\n"
	"                     .json, .csv, .xlsx), else text; xlsx (sheets of the indicators,\n"
	"                     the summary per unit and year, the ranking) needs -o FILE\n"
	"  --sheet NAME       the sheet of workbook score files (default: the first sheet whose\n"
	"                     header is a score table's, else the first)\n"
	"  --lang th|en       language of the text (default th)\n"
	"  --digits D         thai or arabic digits in the text (default: thai for th)\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          say on stderr which sheet each workbook input was read from\n"
	"  -o, --output OUT   write to OUT (atomically) instead of standard output\n"
	"  --no-bom           no UTF-8 byte-order mark at the start of a CSV file (one is\n"
	"                     written so that Excel reads the Thai right; never on standard\n"
	"                     output)\n";

typedef struct {
	const char *format; /* NULL: by the extension of -o */
	bool no_bom;
} analyze_args;

static const cli_format formats[] = {
	{".txt", "text"},
	{".json", "json"},
	{".csv", "csv"},
	{".xlsx", "xlsx"},
	{NULL, NULL}};

static int analyze_option(int opt, const char *arg, void *ctx)
{
	analyze_args *a = ctx;
	if (opt == OPT_NO_BOM) {
		a->no_bom = true;
		return 1;
	}
	if (opt != OPT_FORMAT)
		return 0;
	if (strcmp(arg, "text") && strcmp(arg, "json") && strcmp(arg, "csv") && strcmp(arg, "xlsx")) {
		cli_fail(EXIT_BAD_INPUT, "analyze", "--format: expected text, json, csv or xlsx, got \"%s\"", arg);
		return -1;
	}
	a->format = arg;
	return 1;
}

/* --format, else the extension of -o, else text. */
static int choose_format(analyze_args *a, const char *output)
{
	if (a->format)
		return EXIT_OK;
	if (!output || strcmp(output, "-") == 0 || !strchr(strrchr(output, '/') ? strrchr(output, '/') : output, '.')) {
		a->format = "text";
		return EXIT_OK;
	}
	a->format = cli_format_of(output, formats);
	return a->format ? EXIT_OK : cli_format_refused("analyze", output, formats);
}

/* A workbook is a file, never standard output. */
static int check_xlsx_output(const analyze_args *a, const char *output)
{
	if (strcmp(a->format, "xlsx") != 0 || (output && strcmp(output, "-") != 0))
		return EXIT_OK;
	return cli_fail(EXIT_BAD_INPUT, "analyze", "--format xlsx writes an Excel workbook: name it with -o FILE.xlsx");
}

int cmd_analyze(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		CLI_TEXT_LONG_OPTIONS,
		CLI_TARGET_LONG_OPTION,
		{"unit", required_argument, NULL, OPT_UNIT},
		{"units", required_argument, NULL, OPT_UNITS},
		{"group", required_argument, NULL, OPT_GROUP},
		{"year", required_argument, NULL, OPT_YEAR},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"no-bom", no_argument, NULL, OPT_NO_BOM},
		{NULL, 0, NULL, 0}};
	cli_session s;
	cli_session_init(&s);
	analyze_args a = {NULL, false};
	int rc = cli_parse_options(&s, argc, argv, "analyze", "o:", longopts, usage, analyze_option, &a);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK)
		rc = choose_format(&a, s.output);
	if (rc == EXIT_OK)
		rc = check_xlsx_output(&a, s.output);
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "analyze");
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);
	if (rc != EXIT_OK) {
		cli_session_release(&s);
		return rc;
	}

	itakit_export_options eo = ITAKIT_EXPORT_OPTIONS_INIT;
	eo.lang = s.lang;
	eo.digits = s.digits;
	eo.threshold = s.threshold;
	eo.target = s.target;
	eo.year = s.year;
	itakit_cohort cohort;
	itakit_cohort_init(&cohort);
	itakit_analysis_options ao = cli_analysis_options(&s);
	int cohort_year = s.year ? s.year : itakit_analyses_latest_year(s.analyses, s.n_analyses);
	itakit_strbuf out;
	cli_output output;
	int lib = 0;
	if (s.n_analyses > 1)
		lib = itakit_cohort_build(&cohort, s.analyses, s.n_analyses, cohort_year, &ao, &s.fw);
	if (lib) {
		rc = cli_fail(cli_exit_for(lib), "analyze", "%s", itakit_error_last());
	} else if (strcmp(a.format, "xlsx") == 0) {
		lib = itakit_export_xlsx(s.output, &s.fw, s.analyses, s.n_analyses, s.n_analyses > 1 ? &cohort : NULL, &eo);
		if (lib)
			rc = cli_fail(cli_exit_for(lib), "analyze", "%s", itakit_error_last());
	} else if ((rc = cli_output_open(&output, &out, "analyze", s.output)) == EXIT_OK) {
		const itakit_cohort *co = s.n_analyses > 1 ? &cohort : NULL;
		const char *format = a.format;
		if (strcmp(format, "json") == 0)
			lib = itakit_export_json(&out, &s.fw, s.analyses, s.n_analyses, co, &eo);
		else if (strcmp(format, "csv") == 0) {
			cli_output_bom(&out, &output, a.no_bom);
			lib = itakit_export_csv(&out, &s.fw, s.analyses, s.n_analyses, &eo);
		}
		else
			lib = itakit_export_text(&out, &s.fw, s.analyses, s.n_analyses, co, &eo);
		if (lib)
			cli_fail(cli_exit_for(lib), "analyze", "%s", itakit_error_last());
		rc = cli_output_close(&output, &out, "analyze", lib == 0);
		if (lib)
			rc = cli_exit_for(lib);
	}
	itakit_cohort_release(&cohort);
	cli_session_release(&s);
	return rc;
}
