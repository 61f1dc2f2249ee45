/* itakit compare: the comparison report of many units for one year. */
#include "cli.h"
#include "itakit/compare.h"

#include <string.h>

static const char usage[] =
	"usage: itakit compare FILE... --year YEAR -o OUT.pdf [--units NAME,...] [--group VALUE]\n"
	"                      [--threshold N] [--lang th|en] [--digits thai|arabic] [--font F]\n"
	"                      [--framework FILE]\n"
	"\n"
	"Writes an A4 PDF comparing the units' ITA results for one fiscal year: how many pass\n"
	"(and how many passed the year before), the best and weakest units, the largest rises\n"
	"and falls, the indicators on which most units fall below the threshold, which single\n"
	"indicator raised to the threshold would let the most failing units pass; charts of\n"
	"the ranking, the indicator heatmap, each indicator's spread and the change per unit;\n"
	"the ranking table and the per-indicator statistics.\n"
	"\n"
	"  --year YEAR        fiscal year, BE (2566) or CE (2023); default: the latest\n"
	"  --units A,B,...    compare only these units (names or codes)\n"
	"  --group VALUE      compare only the units whose group column is VALUE\n"
	"                     (e.g. a Bangkok zone \"กลุ่มกรุงเทพกลาง\")\n"
	"  --threshold N      flag line: indicators below it need improving (default 85;\n"
	"                     the official pass line stays 85)\n"
	"  --lang th|en       language of the report (default th)\n"
	"  --digits D         thai or arabic digits (default: thai for th)\n"
	"  --font F           font family (default Laksaman)\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  -o OUT.pdf         the report, written atomically (required)\n";

/* What -o may end in: one line per format the comparison can be written in. */
static const cli_format compare_formats[] = {
	{".pdf", "pdf"},
	{NULL, NULL}};

static int font_option(int opt, const char *arg, void *ctx)
{
	if (opt != OPT_FONT)
		return 0;
	*(const char **)ctx = arg;
	return 1;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"units", required_argument, NULL, OPT_UNITS},
		{"group", required_argument, NULL, OPT_GROUP},
		{"year", required_argument, NULL, OPT_YEAR},
		{"font", required_argument, NULL, OPT_FONT},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{NULL, 0, NULL, 0}};
	cli_session s;
	cli_session_init(&s);
	const char *font = NULL;
	int rc = cli_parse_options(&s, argc, argv, "compare", "o:", longopts, usage, font_option, &font);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK && !s.output)
		rc = cli_fail(EXIT_BAD_INPUT, "compare", "no output file; give -o OUT.pdf");
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "compare");
	if (rc == EXIT_OK)
		rc = cli_load(&s);
	if (rc == EXIT_OK && !cli_format_of(s.output, compare_formats))
		rc = cli_format_refused("compare", s.output, compare_formats);
	if (rc == EXIT_OK)
		rc = cli_analyze(&s);
	if (rc == EXIT_OK && s.n_analyses == 0)
		rc = cli_fail(EXIT_BAD_INPUT, "compare", "no unit to compare");
	if (rc != EXIT_OK) {
		cli_session_release(&s);
		return rc;
	}
	int year = s.year ? s.year : itakit_analyses_latest_year(s.analyses, s.n_analyses);
	itakit_compare_options co = ITAKIT_COMPARE_OPTIONS_INIT;
	co.lang = s.lang;
	co.digits = s.digits;
	co.font = font;
	co.threshold = s.threshold;
	/* the group as the data spell it, not as typed */
	if (s.group)
		co.scope = s.analyses[0].unit->group;
	itakit_compare_result res;
	int lib = itakit_compare_write(&res, s.output, &s.fw, s.analyses, s.n_analyses, year, &co);
	if (lib)
		rc = cli_fail(cli_exit_for(lib), "compare", "%s", itakit_error_last());
	cli_session_release(&s);
	return rc;
}
