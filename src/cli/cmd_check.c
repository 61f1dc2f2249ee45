/* itakit check: recognise what each input file is and validate it. */
#include "cli.h"
#include "itakit/measures.h"
#include "itakit/profile.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: itakit check FILE... [--as KIND] [--unit NAME] [--year YEAR] [--threshold N]\n"
	"                    [--framework FILE]\n"
	"\n"
	"Validates each file (- is standard input) as what it is: a scores CSV, a measures\n"
	"catalog (CSV with issue, approach, ... columns), a report profile or a framework\n"
	"file (key = value). Prints one line per file saying what it holds when it is good,\n"
	"or every problem as FILE:LINE:COLUMN: message. Exit status 2 when any file has\n"
	"errors.\n"
	"\n"
	"  --as KIND          read every FILE as KIND: scores, measures, profile or framework\n"
	"                     (default: recognised from the content)\n"
	"  --unit NAME        with a scores file: the measures catalog rows (of the catalogs\n"
	"                     given, else the built-in one) that the unit's report would\n"
	"                     hold for the indicators below the threshold\n"
	"  --year YEAR        the fiscal year for --unit, BE or CE; default: the unit's latest\n"
	"  --threshold N      the flag line for --unit (default 85)\n"
	"  --framework FILE   framework file for the scores and the indicator codes of a\n"
	"                     catalog (default data/framework.ini or the built-in copy)\n"
	"  --sheet NAME       the worksheet to read in .xlsx score files (default: the first)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n";

/* What the kind of a file is told from: its first lines. */
#define SNIFF_BYTES 65536

typedef enum { KIND_AUTO, KIND_SCORES, KIND_MEASURES, KIND_PROFILE, KIND_FRAMEWORK } input_kind;

static const char *const kind_names[] = {"auto", "scores", "measures", "profile", "framework"};

typedef struct {
	input_kind as;
	const char **catalogs; /* the files found to be catalogs */
	size_t n_catalogs;
	size_t n_scores;
} check_args;

enum { OPT_AS = 2200 };

static int check_option(int opt, const char *arg, void *ctx)
{
	check_args *a = ctx;
	if (opt != OPT_AS)
		return 0;
	for (size_t k = KIND_SCORES; k <= KIND_FRAMEWORK; k++)
		if (strcmp(arg, kind_names[k]) == 0) {
			a->as = (input_kind)k;
			return 1;
		}
	cli_fail(EXIT_BAD_INPUT, "check", "--as: expected scores, measures, profile or framework, got \"%s\"", arg);
	return -1;
}

/* ---- what a file is --------------------------------------------------------- */

static bool starts_ini_section(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n > k && line[0] == '[' && strncmp(line + 1, name, k) == 0;
}

/* A "key = value" file: a framework has [era ...], [levels ...] or
 * [defaults] sections, a profile none. */
static input_kind ini_kind(const char *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && t[e] != '\n')
			e++;
		if (starts_ini_section(t + i, e - i, "era") || starts_ini_section(t + i, e - i, "levels") ||
		    starts_ini_section(t + i, e - i, "defaults"))
			return KIND_FRAMEWORK;
		i = e + 1;
	}
	return KIND_PROFILE;
}

/* A CSV header naming a catalog's text columns (in English or as the
 * report's Thai headings) is a catalog; any other CSV is scores, whose
 * loader says what is wrong with it. */
static bool catalog_header(const char *line, size_t n)
{
	static const char *const keys[] = {"issue", "approach", "steps", "indicators", "ประเด็น",
					   "วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ", "ขั้นตอนหรือวิธีปฏิบัติ",
					   "มาตรการ"};
	char *copy = strndup(line, n);
	if (!copy)
		return false;
	bool found = false;
	for (char *cell = strtok(copy, ",;\t\""); cell && !found; cell = strtok(NULL, ",;\t\"")) {
		char *key = itakit_text_match_key(cell);
		for (size_t k = 0; key && k < sizeof keys / sizeof keys[0] && !found; k++)
			found = strcmp(key, keys[k]) == 0;
		free(key);
	}
	free(copy);
	return found;
}

static input_kind sniff(const char *t, size_t n)
{
	char *converted = NULL;
	if (!itakit_utf8_valid(t, n, NULL) && itakit_text_looks_tis620(t, n)) {
		size_t len;
		if ((converted = itakit_tis620_to_utf8(t, n, &len)))
			t = converted, n = len;
	}
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		t += 3, n -= 3;
	input_kind kind = KIND_SCORES;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && t[e] != '\n')
			e++;
		size_t b = i;
		while (b < e && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r'))
			b++;
		if (b == e || t[b] == ';' || t[b] == '#') { /* blank or a comment */
			i = e + 1;
			continue;
		}
		const char *eq = memchr(t + b, '=', e - b), *comma = memchr(t + b, ',', e - b);
		if (t[b] == '[' || (eq && (!comma || eq < comma)))
			kind = ini_kind(t, n);
		else if (catalog_header(t + b, e - b))
			kind = KIND_MEASURES;
		break;
	}
	free(converted);
	return kind;
}

/* ---- each kind ---------------------------------------------------------------- */

static void print_years(int y0, int y1)
{
	if (y0 == y1)
		printf("fiscal year %d", y0);
	else
		printf("fiscal years %d-%d", y0, y1);
}

static void print_warnings(const itakit_diag_list *diags)
{
	if (diags->warnings)
		printf(", %zu warning%s", diags->warnings, diags->warnings == 1 ? "" : "s");
	putchar('\n');
}

static int check_scores(const cli_session *s, const char *name, const char *buf, size_t len,
			itakit_diag_list *diags)
{
	itakit_dataset ds;
	itakit_dataset_init(&ds);
	itakit_load_options lo = cli_load_options(s);
	int lib = buf ? itakit_dataset_load_buffer(&ds, buf, len, name, &s->fw, &lo, diags)
		      : itakit_dataset_load_file(&ds, name, &s->fw, &lo, diags);
	cli_print_diags(diags);
	if (lib == 0) {
		int y0 = 0, y1 = 0;
		for (size_t u = 0; u < ds.n_units; u++) {
			const itakit_unit *unit = &ds.units[u];
			if (!unit->n_years)
				continue;
			if (!y0 || unit->years[0].year < y0)
				y0 = unit->years[0].year;
			if (unit->years[unit->n_years - 1].year > y1)
				y1 = unit->years[unit->n_years - 1].year;
		}
		printf("%s: ok: %zu units, fiscal years %d-%d, %zu rows", name, ds.n_units, y0, y1, ds.n_rows);
		print_warnings(diags);
	}
	itakit_dataset_release(&ds);
	return lib;
}

/* Indicator codes of the catalog's era: of --year, else the latest. */
static int catalog_max_code(const cli_session *s)
{
	const itakit_framework_era *era = s->fw.n_eras ? &s->fw.eras[s->fw.n_eras - 1] : NULL;
	if (s->year)
		era = itakit_framework_era_nearest(&s->fw, s->year);
	return era ? (int)era->n_indicators : (int)ITAKIT_MAX_INDICATORS;
}

static int check_measures(const cli_session *s, const char *name, const char *buf, size_t len,
			  itakit_diag_list *diags)
{
	itakit_measures cat;
	itakit_measures_init(&cat);
	int max_code = catalog_max_code(s);
	int lib = buf ? itakit_measures_parse(&cat, buf, len, name, max_code, diags)
		      : itakit_measures_load(&cat, name, max_code, diags);
	cli_print_diags(diags);
	if (lib == 0) {
		bool covered[ITAKIT_MAX_INDICATORS + 1] = {false};
		size_t keep = 0;
		for (size_t i = 0; i < cat.count; i++) {
			if (cat.items[i].purpose == ITAKIT_MEASURE_KEEP) {
				keep++; /* they answer no low score */
				continue;
			}
			for (size_t k = 0; k < cat.items[i].n_indicators; k++)
				covered[cat.items[i].indicators[k]] = true;
		}
		printf("%s: ok: measures catalog, %zu measure%s%s covering indicators", name, cat.count - keep,
		       cat.count - keep == 1 ? "" : "s", cat.has_english ? " in Thai and English" : "");
		int n = 0;
		for (int c = 1; c <= max_code; c++)
			if (covered[c])
				printf("%s%d", n++ ? ", " : " ", c);
		if (keep)
			printf(", and %zu to keep a score", keep);
		print_warnings(diags);
	}
	itakit_measures_release(&cat);
	return lib;
}

static int check_profile(const char *name, const char *buf, size_t len, itakit_diag_list *diags)
{
	itakit_profile p;
	itakit_profile_init(&p);
	int lib = buf ? itakit_profile_parse(&p, buf, len, name, diags) : itakit_profile_load(&p, name, diags);
	cli_print_diags(diags);
	if (lib == 0) {
		printf("%s: ok: report profile", name);
		if (p.agency)
			printf(" of %s", p.agency);
		print_warnings(diags);
	}
	itakit_profile_release(&p);
	return lib;
}

static int check_framework(const char *name, const char *buf, size_t len, itakit_diag_list *diags)
{
	itakit_framework fw;
	itakit_framework_init(&fw);
	int lib = buf ? itakit_framework_parse(&fw, buf, len, name, diags) : itakit_framework_load(&fw, name, diags);
	cli_print_diags(diags);
	if (lib == 0) {
		printf("%s: ok: framework, threshold %g, %zu era%s", name, fw.threshold, fw.n_eras,
		       fw.n_eras == 1 ? "" : "s");
		for (size_t e = 0; e < fw.n_eras; e++) {
			printf("%s", e ? "; " : " (");
			print_years(fw.eras[e].year_from, fw.eras[e].year_to);
			printf(": %zu indicators, %zu tools", fw.eras[e].n_indicators, fw.eras[e].n_tools);
		}
		printf("%s, %zu level scheme%s", fw.n_eras ? ")" : "", fw.n_schemes, fw.n_schemes == 1 ? "" : "s");
		print_warnings(diags);
	}
	itakit_framework_release(&fw);
	return lib;
}

/* One file: its kind, then its loader's verdict. Returns an exit code. */
static int check_file(cli_session *s, check_args *a, const char *path)
{
	bool from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? CLI_STDIN_NAME : path;
	char *buf = NULL;
	size_t len = 0;
	input_kind kind = a->as;
	if (from_stdin) {
		int rc = cli_read_stdin(&buf, &len, "check");
		if (rc != EXIT_OK)
			return rc;
	}
	if (kind == KIND_AUTO) {
		/* the beginning tells, whole lines of it (a character cut in two
		 * would not be UTF-8); a file that cannot be read is the loader's
		 * to report */
		char *head = buf ? NULL : malloc(SNIFF_BYTES);
		size_t n = 0;
		if (head && itakit_file_read_head(head, &n, path, SNIFF_BYTES) == 0) {
			while (n == SNIFF_BYTES && n > 0 && head[n - 1] != '\n')
				n--;
			kind = sniff(head, n ? n : SNIFF_BYTES);
		} else {
			kind = buf ? sniff(buf, len) : KIND_SCORES;
		}
		free(head);
	}
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	int lib;
	switch (kind) {
	case KIND_MEASURES:
		lib = check_measures(s, name, buf, len, &diags);
		if (lib == 0 && !from_stdin) {
			const char **more = realloc(a->catalogs, (a->n_catalogs + 1) * sizeof *more);
			if (more) {
				a->catalogs = more;
				a->catalogs[a->n_catalogs++] = path;
			}
		}
		break;
	case KIND_PROFILE: lib = check_profile(name, buf, len, &diags); break;
	case KIND_FRAMEWORK: lib = check_framework(name, buf, len, &diags); break;
	default:
		lib = check_scores(s, name, buf, len, &diags);
		if (lib == 0 && s->unit) {
			/* kept for --unit: standard input is read only once */
			itakit_load_options lo = cli_load_options(s);
			if (from_stdin)
				itakit_dataset_load_buffer(&s->ds, buf, len, name, &s->fw, &lo, &s->diags);
			else
				itakit_dataset_load_file(&s->ds, name, &s->fw, &lo, &s->diags);
			a->n_scores++;
		}
		break;
	}
	int rc = EXIT_OK;
	if (lib != 0) {
		if (lib != ITAKIT_EINPUT || !diags.count)
			fprintf(stderr, "%s\n", itakit_error_last());
		size_t errors = diags.errors ? diags.errors : 1;
		printf("%s: %zu error%s\n", name, errors, errors == 1 ? "" : "s");
		rc = cli_exit_for(lib);
	}
	itakit_diag_list_release(&diags);
	free(buf);
	return rc;
}

/* ---- which measures a unit's report would hold -------------------------------- */

static void print_selection(const cli_session *s, const itakit_measures *cat, const itakit_year_analysis *ya,
			    const itakit_measure_selection *sel)
{
	printf("%s: the report of %s for fiscal year %d", cat->source ? cat->source : "(built-in)",
	       s->analyses[0].unit->name, ya->year);
	if (ya->n_flagged == 0) {
		printf(" flags no indicator and holds %zu measure%s to keep its result\n", sel->count,
		       sel->count == 1 ? "" : "s");
	} else {
		printf(" flags indicator%s", ya->n_flagged == 1 ? "" : "s");
		for (size_t i = 0; i < ya->n_flagged; i++)
			printf("%s%d", i ? ", " : " ", ya->flagged[i]);
		printf(" and holds %zu measure%s\n", sel->count, sel->count == 1 ? "" : "s");
	}
	for (size_t i = 0; i < sel->count; i++) {
		const itakit_measure_choice *c = &sel->rows[i];
		printf("  %s (line %u) for indicator%s", c->measure->id, c->measure->line, c->n_covers == 1 ? "" : "s");
		for (size_t k = 0; k < c->n_covers; k++)
			printf("%s%d", k ? ", " : " ", c->covers[k]);
		printf(": %s\n", itakit_measure_text(c->measure, ITAKIT_MEASURE_ISSUE, ITAKIT_LANG_TH));
	}
	for (size_t i = 0; i < sel->n_uncovered; i++)
		printf("  indicator %d: no measure covers it\n", sel->uncovered[i]);
}

static int check_selection(cli_session *s, const check_args *a)
{
	if (a->n_scores == 0)
		return cli_fail(EXIT_BAD_INPUT, "check", "--unit: give a scores file too, to know which indicators "
				"are below the threshold");
	int rc = cli_analyze(s);
	if (rc != EXIT_OK)
		return rc;
	const itakit_unit_analysis *ua = &s->analyses[0];
	if (ua->n_years == 0)
		return cli_fail(EXIT_BAD_INPUT, "check", "%s has no scores", ua->unit->name);
	const itakit_year_analysis *ya = s->year ? itakit_unit_analysis_year(ua, s->year) : &ua->years[ua->n_years - 1];
	if (!ya)
		return cli_fail(EXIT_BAD_INPUT, "check", "%s has no data for fiscal year %d", ua->unit->name, s->year);
	size_t n = a->n_catalogs ? a->n_catalogs : 1;
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		itakit_measures cat;
		itakit_measures_init(&cat);
		itakit_diag_list diags;
		itakit_diag_list_init(&diags);
		/* already checked (or the built-in copy): only the rows matter here */
		const char *path = a->n_catalogs ? a->catalogs[i] : cli_data_file("measures.csv");
		int lib = itakit_measures_load(&cat, path, catalog_max_code(s), &diags);
		itakit_measure_selection sel;
		itakit_measure_selection_init(&sel);
		if (lib == 0)
			lib = itakit_measures_choose(&sel, &cat, ya, (size_t)catalog_max_code(s)); /* as the report */
		if (lib == 0)
			print_selection(s, &cat, ya, &sel);
		else
			rc = cli_fail(cli_exit_for(lib), "check", "%s", itakit_error_last());
		itakit_measure_selection_release(&sel);
		itakit_diag_list_release(&diags);
		itakit_measures_release(&cat);
	}
	return rc;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"as", required_argument, NULL, OPT_AS},
		{"unit", required_argument, NULL, OPT_UNIT},
		{"year", required_argument, NULL, OPT_YEAR},
		{NULL, 0, NULL, 0}};
	cli_session s;
	cli_session_init(&s);
	check_args a = {KIND_AUTO, NULL, 0, 0};
	int rc = cli_parse_options(&s, argc, argv, "check", "", longopts, usage, check_option, &a);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "check");
	if (rc == EXIT_OK) {
		int lib = itakit_framework_load(&s.fw, s.framework_path ? s.framework_path : cli_data_file("framework.ini"),
						&s.diags);
		if (lib) {
			cli_print_diags(&s.diags);
			if (!s.diags.count)
				fprintf(stderr, "itakit: %s\n", itakit_error_last());
			rc = cli_exit_for(lib);
		}
	}
	/* each file on its own, so each gets its own summary line */
	for (size_t i = 0; rc != EXIT_RUNTIME && s.fw.n_eras && i < s.n_files; i++) {
		int file_rc = check_file(&s, &a, s.files[i]);
		if (file_rc != EXIT_OK && rc != EXIT_RUNTIME)
			rc = file_rc;
	}
	if (rc == EXIT_OK && s.unit)
		rc = check_selection(&s, &a);
	free(a.catalogs);
	cli_session_release(&s);
	return rc;
}
