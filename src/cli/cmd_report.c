/* itakit report: the improvement-measure report of one unit as a PDF. */
#include "cli.h"
#include "itakit/report.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: itakit report FILE... [--unit NAME] [--year YEAR] -o OUT.pdf\n"
	"                     [--measures FILE] [--profile FILE] [--national FILE | --no-national]\n"
	"                     [--threshold N] [--target N] [--lang th|en] [--digits thai|arabic]\n"
	"                     [--font FAMILY] [--framework FILE] [--sheet NAME]\n"
	"                     [--measures-sheet NAME] [--date YYYY-MM-DD]\n"
	"\n"
	"Writes the integrity and transparency measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใส)\n"
	"of one unit as an A4 PDF: background, the results of fiscal year YEAR with charts\n"
	"and tables, what moved the score and where effort pays most, the measures table\n"
	"covering every indicator below the threshold, and the profile's constraints. The\n"
	"measures are for the fiscal year after YEAR, the year they are carried out in.\n"
	"\n"
	"  --unit NAME        the unit (name or code); may be left out when the data holds one\n"
	"  --year YEAR        fiscal year of the results, BE (2566) or CE (2023); default: the\n"
	"                     unit's latest\n"
	"  -o, --output OUT.pdf\n"
	"                     the PDF to write (atomically; missing directories are created);\n"
	"                     the extension chooses the format: .pdf, or .docx for Word\n"
	"  --measures FILE    measures catalog (default data/measures.csv or the built-in copy);\n"
	"                     every indicator below the threshold that no row covers is reported\n"
	"                     on stderr and gets a row saying so in the table\n"
	"  --measures-sheet NAME  the sheet of a workbook catalog (default: the first sheet whose\n"
	"                     header is a catalog's, else the first)\n"
	"  --sheet NAME       the sheet of workbook score files (default: the first sheet whose\n"
	"                     header is a score table's, else the first)\n"
	"  --profile FILE     agency, author, date, logo, constraints, font, digits, lang\n"
	"                     (see data/profile.ini); command-line options win over the profile\n"
	"  --date YYYY-MM-DD  the document's date, BE or CE, in place of the profile's date\n"
	"                     (also in the approval block unless the profile has approval_date)\n"
	"  --national FILE    a CSV with the national average (one unit, overall scores) drawn\n"
	"                     beside the unit's overall score; default: national_averages.csv in\n"
	"                     the directory of the first FILE, when there is one\n"
	"  --no-national      no national average\n"
	"  --threshold N      flag line: indicators below it need improving (default 85;\n"
	"                     the official pass line stays 85)\n"
	"  --target N         target of the improvement plan (default: the flag line)\n"
	"  --lang th|en       Thai report (default) or its English edition\n"
	"  --digits D         thai or arabic digits (default: thai for th, arabic for en); the\n"
	"                     profile's digits apply only to the profile's language\n"
	"  --font FAMILY      body font (default: the profile's, else Laksaman)\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          say on stderr which sheet each workbook input was read from\n";

enum { OPT_NO_NATIONAL = 2000, OPT_DATE };

/* What -o may end in: one line per format the report can be written in. */
static const cli_format report_formats[] = {
	{".pdf", "pdf"},
	{".docx", "docx"},
	{NULL, NULL}};

typedef struct {
	const char *measures_path;
	const char *profile_path;
	const char *national_path;
	bool no_national;
	bool lang_set;
	const char *font;
	itakit_profile_date date; /* --date; year 0: not given */
} report_args;

/* Refuses an output that would replace one of the files read. */
static int check_output(const cli_session *s, const report_args *a, const char *national)
{
	const char *inputs[] = {a->measures_path, a->profile_path, national};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		if (inputs[i] && itakit_same_file(inputs[i], s->output))
			return cli_fail(EXIT_BAD_INPUT, "report", "%s: refusing to overwrite an input file with the output",
					s->output);
	return EXIT_OK;
}

static void warn_uncovered(const cli_session *s, const itakit_report_result *res,
			   const itakit_measures *cat, int year)
{
	const itakit_framework_era *era = itakit_framework_era_nearest(&s->fw, year);
	for (size_t i = 0; i < res->n_uncovered; i++) {
		int code = res->uncovered[i];
		const char *name = era && code >= 1 && (size_t)code <= era->n_indicators
			? era->indicators[code - 1].name_th : "";
		fprintf(stderr, "itakit report: warning: indicator %d (%s) is below the threshold but no measure in %s "
			"covers it; the table says so\n", code, name, cat->source ? cat->source : "the catalog");
	}
}

static int report_option(int opt, const char *arg, void *ctx)
{
	report_args *a = ctx;
	switch (opt) {
	case OPT_MEASURES: a->measures_path = arg; return 1;
	case OPT_PROFILE: a->profile_path = arg; return 1;
	case OPT_FONT: a->font = arg; return 1;
	case OPT_NATIONAL: a->national_path = arg; return 1;
	case OPT_NO_NATIONAL: a->no_national = true; return 1;
	case OPT_DATE: return cli_parse_date(&a->date, arg, "report");
	case OPT_LANG: a->lang_set = true; return 0; /* noted; the shared handler sets it */
	default: return 0;
	}
}

static int parse_args(cli_session *s, report_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		CLI_TEXT_LONG_OPTIONS,
		CLI_TARGET_LONG_OPTION,
		{"unit", required_argument, NULL, OPT_UNIT},
		{"year", required_argument, NULL, OPT_YEAR},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"measures", required_argument, NULL, OPT_MEASURES},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"font", required_argument, NULL, OPT_FONT},
		{"national", required_argument, NULL, OPT_NATIONAL},
		{"no-national", no_argument, NULL, OPT_NO_NATIONAL},
		{"date", required_argument, NULL, OPT_DATE},
		CLI_MEASURES_SHEET_LONG_OPTION,
		{NULL, 0, NULL, 0}};
	int rc = cli_parse_options(s, argc, argv, "report", "o:", longopts, usage, report_option, a);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_take_files(s, argc, argv, "report");
	if (rc == EXIT_OK)
		rc = cli_check_sheet_options(s, a->measures_path, NULL);
	if (rc == EXIT_OK && !s->output)
		rc = cli_fail(EXIT_BAD_INPUT, "report", "no output file: give -o OUT.pdf");
	return rc;
}

int cmd_report(int argc, char **argv)
{
	cli_session s;
	cli_session_init(&s);
	report_args a;
	memset(&a, 0, sizeof a);
	itakit_report_inputs in;
	itakit_report_inputs_init(&in);

	int rc = parse_args(&s, &a, argc, argv);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK)
		rc = check_output(&s, &a, a.no_national ? NULL : a.national_path);
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	/* after the checks that protect the inputs, which say more */
	if (rc == EXIT_OK && !cli_format_of(s.output, report_formats))
		rc = cli_format_refused("report", s.output, report_formats);
	if (rc == EXIT_OK) {
		/* profile, catalog, national average, language and digits: by the
		 * library's rules, the same as batch's */
		itakit_report_input_options io = cli_report_input_options(&s, a.lang_set, a.profile_path,
									  a.measures_path);
		io.national_path = a.national_path;
		io.no_national = a.no_national;
		rc = cli_load_report_inputs(&s, &in, &io);
	}
	if (rc == EXIT_OK && a.date.year) {
		in.profile.date_set = true;
		in.profile.date_year = a.date.year;
		in.profile.date_month = a.date.month;
		in.profile.date_day = a.date.day;
	}
	if (rc == EXIT_OK)
		rc = check_output(&s, &a, in.national_path);
	if (rc == EXIT_OK)
		rc = cli_pick_unit(&s);
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);

	if (rc == EXIT_OK) {
		const itakit_unit_analysis *ua = &s.analyses[0];
		int year = s.year ? s.year : ua->years[ua->n_years - 1].year;
		itakit_report_options o = itakit_report_inputs_options(&in);
		o.font = a.font;
		o.threshold = s.threshold;
		o.target = s.target;
		o.data_units = s.ds.n_units;
		itakit_report_result res;
		int lib = itakit_report_write(&res, s.output, &s.fw, ua, year, &o);
		if (lib)
			rc = cli_fail(cli_exit_for(lib), "report", "%s", itakit_error_last());
		else
			warn_uncovered(&s, &res, &in.measures, year);
	}
	itakit_report_inputs_release(&in);
	cli_session_release(&s);
	return rc;
}
