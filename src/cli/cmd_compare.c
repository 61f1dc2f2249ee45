/* itakit compare: the comparison report of many units for one year. */
#include "cli.h"
#include "itakit/compare.h"

#include <string.h>

static const char usage[] =
	"usage: itakit compare FILE... -o OUT.pdf [--year YEAR] [--units NAME,...] [--group VALUE]\n"
	"                      [--threshold N] [--lang th|en] [--digits thai|arabic] [--font F]\n"
	"                      [--page-numbers top|footer] [--profile FILE] [--framework FILE]\n"
	"                      [--sheet NAME]\n"
	"\n"
	"Writes an A4 PDF comparing the units' ITA results for one fiscal year: how many pass\n"
	"(and how many passed the year before), the best and weakest units, the largest rises\n"
	"and falls, the indicators on which most units fall below the threshold, which single\n"
	"indicator raised to the threshold would let the most failing units pass; charts of\n"
	"the ranking, the indicator heatmap, each indicator's spread and the change per unit;\n"
	"the ranking table and the per-indicator statistics. Above 1,000 units the ranking\n"
	"table lists the best 500 and the weakest 500 (`itakit analyze --format csv` lists\n"
	"every unit), so that the report stays readable and its memory bounded.\n"
	"\n"
	"  --year YEAR        fiscal year, BE (2566) or CE (2023); default: the latest\n"
	"  --units A,B,...    compare only these units (names or codes)\n"
	"  --group VALUE      compare only the units whose group column is VALUE\n"
	"                     (e.g. a Bangkok zone \"กลุ่มกรุงเทพกลาง\")\n"
	"  --threshold N      flag line: indicators below it need improving (default 85;\n"
	"                     the official pass line stays 85)\n"
	"  --lang th|en       language of the report (default th)\n"
	"  --digits D         thai or arabic digits (default: thai for th)\n"
	"  --font F           font family (default: the profile's, else Laksaman)\n"
	"  --page-numbers P   where the pages are numbered: top, the Thai official \"- ๒ -\" at\n"
	"                     the top centre from page 2 on (the Thai default), or footer,\n"
	"                     \"หน้า ๒ จาก ๑๒\" (\"Page 2 of 12\") at the foot of every page\n"
	"                     (the English edition's only style)\n"
	"  --profile FILE     author and date for the title page and the PDF's metadata\n"
	"                     (see data/profile.ini; without it the date is today's)\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  --sheet NAME       the sheet of workbook score files (default: the first sheet whose\n"
	"                     header is a score table's, else the first)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          say on stderr which sheet each workbook input was read from\n"
	"  -o, --output OUT.pdf\n"
	"                     the report, written atomically (required); OUT.docx writes\n"
	"                     a Word document instead\n";

/* What -o may end in: one line per format the comparison can be written in. */
static const cli_format compare_formats[] = {
	{".pdf", "pdf"},
	{".docx", "docx"},
	{NULL, NULL}};

typedef struct {
	const char *font, *profile;
	int footer; /* --page-numbers: 1 footer, 0 top, -1 not given */
} compare_args;

static int compare_option(int opt, const char *arg, void *ctx)
{
	compare_args *a = ctx;
	if (opt == OPT_FONT)
		a->font = arg;
	else if (opt == OPT_PROFILE)
		a->profile = arg;
	else if (opt == OPT_PAGE_NUMBERS)
		return (a->footer = cli_parse_page_numbers(arg, "compare")) < 0 ? -1 : 1;
	else
		return 0;
	return 1;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		CLI_TEXT_LONG_OPTIONS,
		{"units", required_argument, NULL, OPT_UNITS},
		{"group", required_argument, NULL, OPT_GROUP},
		{"year", required_argument, NULL, OPT_YEAR},
		{"font", required_argument, NULL, OPT_FONT},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"page-numbers", required_argument, NULL, OPT_PAGE_NUMBERS},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{NULL, 0, NULL, 0}};
	cli_session s;
	cli_session_init(&s);
	compare_args a = {NULL, NULL, -1};
	itakit_profile profile;
	itakit_profile_init(&profile);
	int rc = cli_parse_options(&s, argc, argv, "compare", "o:", longopts, usage, compare_option, &a);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK && a.profile) {
		int lib = itakit_profile_load(&profile, a.profile, &s.diags);
		cli_print_diags(&s.diags);
		if (lib) {
			if (!s.diags.count)
				cli_fail(0, "compare", "--profile: %s", itakit_error_last());
			rc = cli_exit_for(lib);
		}
		itakit_diag_list_release(&s.diags);
		itakit_diag_list_init(&s.diags);
	}
	if (rc == EXIT_OK && a.footer == 0 && s.lang == ITAKIT_LANG_EN)
		rc = cli_fail(EXIT_BAD_INPUT, "compare",
			      "--page-numbers top: the English edition numbers its pages in the footer only");
	if (rc == EXIT_OK && !s.output)
		rc = cli_fail(EXIT_BAD_INPUT, "compare", "no output file; give -o OUT.pdf");
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "compare");
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	if (rc == EXIT_OK && !cli_format_of(s.output, compare_formats))
		rc = cli_format_refused("compare", s.output, compare_formats);
	s.year_only = true; /* the comparison shows the year and its change only */
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);
	if (rc == EXIT_OK && s.n_analyses == 0)
		rc = cli_fail(EXIT_BAD_INPUT, "compare", "no unit to compare");
	if (rc != EXIT_OK) {
		itakit_profile_release(&profile);
		cli_session_release(&s);
		return rc;
	}
	int year = s.year ? s.year : itakit_analyses_latest_year(s.analyses, s.n_analyses);
	itakit_compare_options co = ITAKIT_COMPARE_OPTIONS_INIT;
	co.lang = s.lang;
	co.digits = s.digits;
	co.font = a.font ? a.font : profile.font;
	co.profile = a.profile ? &profile : NULL;
	co.threshold = s.threshold;
	co.max_table_rows = CLI_MAX_TABLE_ROWS;
	co.page_numbers_footer = a.footer == 1;
	/* the group as the data spell it, not as typed */
	if (s.group)
		co.scope = s.analyses[0].unit->group;
	itakit_compare_result res;
	int lib = itakit_compare_write(&res, s.output, &s.fw, s.analyses, s.n_analyses, year, &co);
	if (lib)
		rc = cli_fail(cli_exit_for(lib), "compare", "%s", itakit_error_last());
	itakit_profile_release(&profile);
	cli_session_release(&s);
	return rc;
}
