/* itakit progress: the O43 report on how one unit carried out its measures,
 * in the 6-month or the 12-month round, as a PDF. */
#include "cli.h"
#include "itakit/progress.h"
#include "itakit/report.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: itakit progress FILE... --unit NAME --year YEAR --status STATUS.csv --round 6|12\n"
	"                       -o OUT.pdf [--date YYYY-MM-DD] [--measures FILE] [--profile FILE]\n"
	"                       [--threshold N]\n"
	"                       [--lang th|en] [--digits thai|arabic] [--font FAMILY] [--framework FILE]\n"
	"                       [--sheet NAME] [--measures-sheet NAME] [--status-sheet NAME]\n"
	"\n"
	"Writes the report on the integrity and transparency measures carried out (OIT item O43)\n"
	"for the 6-month or the 12-month round of fiscal year YEAR + 1, the year in which the\n"
	"measures drawn up from the results of YEAR run: background, counts by status, overall\n"
	"progress and a chart, a table of every measure, the problems and next steps reported,\n"
	"and in the 12-month round the change of the targeted indicators when the data holds\n"
	"the results of YEAR + 1. The measures are those `itakit report` lists for the same\n"
	"data, year, catalog and threshold.\n"
	"\n"
	"  --unit NAME        the unit (name or code); may be left out when the data holds one\n"
	"  --year YEAR        fiscal year of the results the measures answer, BE (2566) or CE\n"
	"  --status FILE      how far each measure has got (CSV: id, status, progress, actions,\n"
	"                     evidence, budget, problems, next_steps; Thai headers accepted; an\n"
	"                     optional unit column), or a workbook (.xlsx); see docs/status.md\n"
	"  --status-sheet NAME  the sheet of a workbook status file (default: the first sheet\n"
	"                     whose header is a status file's, else the first)\n"
	"  --round 6|12       the reporting round (months into the fiscal year)\n"
	"  -o, --output OUT.pdf\n"
	"                     the PDF to write (atomically; missing directories are created);\n"
	"                     OUT.docx writes a Word document instead\n"
	"  --date YYYY-MM-DD  the date printed under the title, BE or CE (default: the\n"
	"                     profile's progress_date_6 or progress_date_12 for the round, else\n"
	"                     its date); a date before the round's period ends is a warning\n"
	"  --measures FILE    measures catalog (default data/measures.csv or the built-in copy)\n"
	"  --measures-sheet NAME  the sheet of a workbook catalog (default: the first sheet whose\n"
	"                     header is a catalog's, else the first)\n"
	"  --sheet NAME       the sheet of workbook score files (default: the first sheet whose\n"
	"                     header is a score table's, else the first)\n"
	"  --profile FILE     agency, author, dates, logo, font, digits, lang (see data/profile.ini)\n"
	"  --threshold N      flag line: indicators below it need improving, and the plan\n"
	"                     answers them (default 85; the official pass line stays 85)\n"
	"  --lang th|en       Thai report (default) or its English edition (CE years)\n"
	"  --digits D         thai or arabic digits (default: thai for th, arabic for en)\n"
	"  --font FAMILY      body font (default: the profile's, else Laksaman)\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          say on stderr which sheet each workbook input was read from\n"
	"\n"
	"A status row whose measure is not in the unit's plan, an unknown status or a progress\n"
	"outside 0-100 is an error (all are listed as FILE:LINE:COLUMN, exit 2, nothing is\n"
	"written); a measure of the plan with no row is a warning and reads \"no report\".\n";

enum { OPT_STATUS = 2100, OPT_ROUND, OPT_DATE };

static const cli_format progress_formats[] = {{".pdf", "pdf"}, {".docx", "docx"}, {NULL, NULL}};

typedef struct {
	const char *measures_path, *profile_path, *status_path, *font;
	int round;
	bool lang_set;
	itakit_profile_date date; /* --date; year 0: not given */
} progress_args;

static int progress_option(int opt, const char *arg, void *ctx)
{
	progress_args *a = ctx;
	switch (opt) {
	case OPT_MEASURES: a->measures_path = arg; return 1;
	case OPT_PROFILE: a->profile_path = arg; return 1;
	case OPT_FONT: a->font = arg; return 1;
	case OPT_STATUS: a->status_path = arg; return 1;
	case OPT_ROUND:
		a->round = cli_parse_round(arg, "progress");
		return a->round ? 1 : -1;
	case OPT_DATE: return cli_parse_date(&a->date, arg, "progress");
	case OPT_LANG: a->lang_set = true; return 0; /* noted; the shared handler sets it */
	default: return 0;
	}
}

static int parse_args(cli_session *s, progress_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		CLI_TEXT_LONG_OPTIONS,
		{"unit", required_argument, NULL, OPT_UNIT},
		{"year", required_argument, NULL, OPT_YEAR},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"measures", required_argument, NULL, OPT_MEASURES},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"font", required_argument, NULL, OPT_FONT},
		{"status", required_argument, NULL, OPT_STATUS},
		{"round", required_argument, NULL, OPT_ROUND},
		{"date", required_argument, NULL, OPT_DATE},
		CLI_MEASURES_SHEET_LONG_OPTION,
		CLI_STATUS_SHEET_LONG_OPTION,
		{NULL, 0, NULL, 0}};
	int rc = cli_parse_options(s, argc, argv, "progress", "o:", longopts, usage, progress_option, a);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_take_files(s, argc, argv, "progress");
	if (rc == EXIT_OK)
		rc = cli_check_sheet_options(s, a->measures_path, a->status_path);
	if (rc == EXIT_OK && !s->output)
		rc = cli_fail(EXIT_BAD_INPUT, "progress", "no output file: give -o OUT.pdf");
	if (rc == EXIT_OK && !cli_format_of(s->output, progress_formats))
		rc = cli_format_refused("progress", s->output, progress_formats);
	if (rc == EXIT_OK && !a->status_path)
		rc = cli_fail(EXIT_BAD_INPUT, "progress", "no status file: give --status STATUS.csv");
	if (rc == EXIT_OK && !a->round)
		rc = cli_fail(EXIT_BAD_INPUT, "progress", "no round: give --round 6 or --round 12");
	if (rc == EXIT_OK && !s->year)
		rc = cli_fail(EXIT_BAD_INPUT, "progress", "no year: give --year YEAR, the fiscal year of the "
			      "results the measures were drawn up from");
	const char *inputs[] = {a->measures_path, a->profile_path, a->status_path};
	for (size_t i = 0; rc == EXIT_OK && i < sizeof inputs / sizeof inputs[0]; i++)
		if (inputs[i] && itakit_same_file(inputs[i], s->output))
			rc = cli_fail(EXIT_BAD_INPUT, "progress", "%s: refusing to overwrite an input file with the output",
				      s->output);
	return rc;
}

int cmd_progress(int argc, char **argv)
{
	cli_session s;
	cli_session_init(&s);
	progress_args a;
	memset(&a, 0, sizeof a);
	itakit_report_inputs in;
	itakit_report_inputs_init(&in);
	itakit_status status;
	itakit_status_init(&status);

	int rc = parse_args(&s, &a, argc, argv);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	if (rc == EXIT_OK) {
		/* profile, catalog, language and digits by the rules of `report`,
		 * so that the plan followed is the one that report printed */
		itakit_report_input_options io = cli_report_input_options(&s, a.lang_set, a.profile_path,
									  a.measures_path);
		io.no_national = true;
		rc = cli_load_report_inputs(&s, &in, &io);
	}
	if (rc == EXIT_OK)
		rc = cli_pick_unit(&s);
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);
	if (rc == EXIT_OK) {
		rc = cli_diags_status(&s, itakit_status_load_sheet(&status, a.status_path, s.status_sheet, &s.diags),
				      "--status: ");
		cli_tell_sheet(&s, a.status_path, status.sheet, "status");
	}
	if (rc == EXIT_OK) {
		itakit_progress_options o = ITAKIT_PROGRESS_OPTIONS_INIT;
		o.lang = in.lang;
		o.digits = in.digits;
		o.font = a.font;
		o.round = a.round;
		o.profile = &in.profile;
		o.measures = &in.measures;
		o.status = &status;
		o.data_units = s.ds.n_units;
		o.date = a.date;
		/* the same analysis, with the year the measures ran in when the
		 * data has it: the 12-month round compares it */
		itakit_analysis_options ao = cli_analysis_options(&s);
		ao.until_year = s.year + 1;
		itakit_unit_analysis ua;
		int lib = itakit_analysis_run_unit(&ua, s.analyses[0].unit, &s.fw, &ao, NULL);
		if (!lib) {
			lib = itakit_progress_write(NULL, s.output, &s.fw, &ua, s.year, &o, &s.diags);
			itakit_unit_analysis_release(&ua);
		}
		cli_print_diags(&s.diags);
		if (lib)
			rc = cli_fail(cli_exit_for(lib), "progress", "%s%s", itakit_error_last(),
				      lib == ITAKIT_EINPUT ? "; nothing written" : "");
	}
	itakit_status_release(&status);
	itakit_report_inputs_release(&in);
	cli_session_release(&s);
	return rc;
}
