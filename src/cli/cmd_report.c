/* itakit report: the improvement-measure report of one unit as a PDF. */
#include "cli.h"
#include "itakit/report.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: itakit report FILE... [--unit NAME] [--year YEAR] -o OUT.pdf\n"
	"                     [--measures FILE] [--profile FILE] [--national FILE | --no-national]\n"
	"                     [--threshold N] [--target N] [--lang th|en] [--digits thai|arabic]\n"
	"                     [--font FAMILY] [--framework FILE]\n"
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
	"  -o OUT.pdf         the PDF to write (atomically; missing directories are created);\n"
	"                     the extension chooses the format\n"
	"  --measures FILE    measures catalog (default data/measures.csv or the built-in copy);\n"
	"                     every indicator below the threshold that no row covers is reported\n"
	"                     on stderr and gets a row saying so in the table\n"
	"  --profile FILE     agency, author, date, logo, constraints, font, digits, lang\n"
	"                     (see data/profile.ini); command-line options win over the profile\n"
	"  --national FILE    a CSV with the national average (one unit, overall scores) drawn\n"
	"                     beside the unit's overall score; default: national_averages.csv in\n"
	"                     the directory of the first FILE, when there is one\n"
	"  --no-national      no national average\n"
	"  --threshold N      pass line and flag line (default 85)\n"
	"  --target N         target of the improvement plan (default: the threshold)\n"
	"  --lang th|en       Thai report (default) or its English edition\n"
	"  --digits D         thai or arabic digits (default: thai for th, arabic for en); the\n"
	"                     profile's digits apply only to the profile's language\n"
	"  --font FAMILY      body font (default: the profile's, else Laksaman)\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n";

enum { OPT_NO_NATIONAL = 2000 };

/* What -o may end in: one line per format the report can be written in. */
static const cli_format report_formats[] = {
	{".pdf", "pdf"},
	{NULL, NULL}};

typedef struct {
	const char *measures_path;
	const char *profile_path;
	const char *national_path;
	bool no_national;
	bool lang_set;
	const char *font;
} report_args;

/* national_averages.csv beside the first input, or NULL. The caller frees. */
static char *default_national(const cli_session *s)
{
	char *copy = strdup(s->files[0]);
	if (!copy)
		return NULL;
	const char *dir = dirname(copy);
	size_t n = strlen(dir) + sizeof "/national_averages.csv";
	char *path = malloc(n);
	if (path)
		snprintf(path, n, "%s/national_averages.csv", dir);
	free(copy);
	if (path && access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	for (size_t i = 0; path && i < s->n_files; i++) {
		if (itakit_same_file(path, s->files[i])) { /* already an input: not a reference */
			free(path);
			return NULL;
		}
	}
	return path;
}

/* Loads the national series (its first unit) and analyses it. */
static int load_national(itakit_dataset *ds, itakit_unit_analysis *ua, bool *loaded,
			 const char *path, cli_session *s)
{
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	const char *paths[] = {path};
	int rc = itakit_dataset_load(ds, paths, 1, &s->fw, NULL, &diags);
	cli_print_diags(&diags);
	if (rc && !diags.count)
		cli_fail(0, "report", "--national: %s", itakit_error_last());
	itakit_diag_list_release(&diags);
	if (rc)
		return cli_exit_for(rc);
	if (ds->n_units == 0)
		return cli_fail(EXIT_BAD_INPUT, "report", "%s: no scores in the national-average file", path);
	itakit_analysis_options ao = cli_analysis_options(s);
	if (itakit_analysis_run_unit(ua, &ds->units[0], &s->fw, &ao, NULL) != 0)
		return cli_fail(EXIT_RUNTIME, "report", "%s", itakit_error_last());
	*loaded = true;
	return EXIT_OK;
}

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
	case OPT_LANG: a->lang_set = true; return 0; /* noted; the shared handler sets it */
	default: return 0;
	}
}

static int parse_args(cli_session *s, report_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"unit", required_argument, NULL, OPT_UNIT},
		{"year", required_argument, NULL, OPT_YEAR},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"measures", required_argument, NULL, OPT_MEASURES},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"font", required_argument, NULL, OPT_FONT},
		{"national", required_argument, NULL, OPT_NATIONAL},
		{"no-national", no_argument, NULL, OPT_NO_NATIONAL},
		{NULL, 0, NULL, 0}};
	int rc = cli_parse_options(s, argc, argv, "report", "o:", longopts, usage, report_option, a);
	if (rc != EXIT_OK)
		return rc;
	rc = cli_take_files(s, argc, argv, "report");
	if (rc == EXIT_OK && !s->output)
		rc = cli_fail(EXIT_BAD_INPUT, "report", "no output file: give -o OUT.pdf");
	return rc;
}

/* The profile's lang and digits apply unless the command line says
 * otherwise; its digits only when the language is the profile's (digits
 * chosen for a Thai report do not carry over to the English one). */
static void apply_profile(cli_session *s, const report_args *a, const itakit_profile *p)
{
	if (!a->lang_set && p->lang_set) {
		s->lang = p->lang;
		if (!s->digits_set)
			s->digits = s->lang == ITAKIT_LANG_TH ? ITAKIT_DIGITS_THAI : ITAKIT_DIGITS_ARABIC;
	}
	if (!s->digits_set && p->digits_set && (!p->lang_set || p->lang == s->lang))
		s->digits = p->digits;
}

int cmd_report(int argc, char **argv)
{
	cli_session s;
	cli_session_init(&s);
	report_args a;
	memset(&a, 0, sizeof a);
	itakit_profile profile;
	itakit_profile_init(&profile);
	itakit_measures cat;
	itakit_measures_init(&cat);
	itakit_dataset nds;
	itakit_dataset_init(&nds);
	itakit_unit_analysis nua;
	bool have_national = false;
	char *national = NULL;

	int rc = parse_args(&s, &a, argc, argv);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK && a.profile_path) {
		int lib = itakit_profile_load(&profile, a.profile_path, &s.diags);
		cli_print_diags(&s.diags);
		if (lib) {
			if (!s.diags.count)
				cli_fail(0, "report", "--profile: %s", itakit_error_last());
			rc = cli_exit_for(lib);
		}
		itakit_diag_list_release(&s.diags);
		itakit_diag_list_init(&s.diags);
		if (rc == EXIT_OK)
			apply_profile(&s, &a, &profile);
	}
	if (rc == EXIT_OK) {
		if (a.national_path && !a.no_national)
			national = strdup(a.national_path);
		else if (!a.no_national)
			national = default_national(&s);
		rc = check_output(&s, &a, national);
	}
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	/* after the checks that protect the inputs, which say more */
	if (rc == EXIT_OK && !cli_format_of(s.output, report_formats))
		rc = cli_format_refused("report", s.output, report_formats);
	if (rc == EXIT_OK && !s.unit) {
		if (s.ds.n_units == 1)
			s.unit = s.ds.units[0].name;
		else
			rc = cli_fail(EXIT_BAD_INPUT, "report", "the data holds %zu units: choose one with --unit", s.ds.n_units);
	}
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);
	if (rc == EXIT_OK) {
		int max_code = (int)ITAKIT_MAX_INDICATORS;
		const itakit_framework_era *era = itakit_framework_era_nearest(&s.fw, s.year ? s.year : 2566);
		if (era)
			max_code = (int)era->n_indicators;
		int lib = itakit_measures_load(&cat, a.measures_path, max_code, &s.diags);
		cli_print_diags(&s.diags);
		if (lib) {
			if (!s.diags.count)
				cli_fail(0, "report", "--measures: %s", itakit_error_last());
			rc = cli_exit_for(lib);
		}
	}
	if (rc == EXIT_OK && national)
		rc = load_national(&nds, &nua, &have_national, national, &s);

	if (rc == EXIT_OK) {
		const itakit_unit_analysis *ua = &s.analyses[0];
		int year = s.year ? s.year : ua->years[ua->n_years - 1].year;
		itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
		o.lang = s.lang;
		o.digits = s.digits;
		o.font = a.font;
		o.threshold = s.threshold;
		o.target = s.target;
		o.profile = &profile;
		o.measures = &cat;
		if (have_national) {
			o.reference = &nua;
			/* the file names the series in Thai; the English edition says it in English */
			o.reference_label = s.lang == ITAKIT_LANG_EN ? "national average" : NULL;
		}
		itakit_report_result res;
		int lib = itakit_report_write(&res, s.output, &s.fw, ua, year, &o);
		if (lib)
			rc = cli_fail(cli_exit_for(lib), "report", "%s", itakit_error_last());
		else
			warn_uncovered(&s, &res, &cat, year);
	}
	if (have_national)
		itakit_unit_analysis_release(&nua);
	free(national);
	itakit_dataset_release(&nds);
	itakit_measures_release(&cat);
	itakit_profile_release(&profile);
	cli_session_release(&s);
	return rc;
}
