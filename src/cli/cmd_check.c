/* itakit check: recognise what each input file is and validate it. */
#include "cli.h"
#include "itakit/measures.h"
#include "itakit/profile.h"
#include "itakit/status.h"
#include "itakit/workbook.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: itakit check FILE... [--as KIND] [--unit NAME] [--year YEAR] [--threshold N]\n"
	"                    [--framework FILE] [--sheet NAME] [--measures-sheet NAME]\n"
	"                    [--status-sheet NAME]\n"
	"\n"
	"Validates each file (- is standard input) as what it is: a scores table, a measures\n"
	"catalog (issue, approach, ... columns), a status file of measures (id, status,\n"
	"progress, ... columns), each as CSV or an Excel workbook (.xlsx), a report profile or\n"
	"a framework file (key = value). In a workbook every sheet whose header is one of\n"
	"those three tables is checked as what it is. Prints one line per file (FILE:SHEET for\n"
	"a sheet) saying what it holds when it is good, or every problem as FILE:LINE:COLUMN\n"
	"(FILE:SHEET!CELL): message. Exit status 2 when any file has errors.\n"
	"\n"
	"  --as KIND          read every FILE as KIND: scores, measures, status, profile or\n"
	"                     framework (default: recognised from the content)\n"
	"  --sheet NAME       in a workbook, check the sheet NAME as scores (and, unless\n"
	"                     another sheet option is given, only that sheet)\n"
	"  --measures-sheet NAME  in a workbook, check the sheet NAME as a measures catalog\n"
	"  --status-sheet NAME  in a workbook, check the sheet NAME as a status file\n"
	"  --unit NAME        with a scores file: the measures catalog rows (of the catalogs\n"
	"                     given, else the built-in one) that the unit's report would\n"
	"                     hold for the indicators below the threshold; the status files\n"
	"                     given are checked against those measures\n"
	"  --year YEAR        the fiscal year for --unit, BE or CE; default: the unit's latest\n"
	"  --threshold N      the flag line for --unit (default 85)\n"
	"  --framework FILE   framework file for the scores and the indicator codes of a\n"
	"                     catalog (default data/framework.ini or the built-in copy)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          no more than without it: check names the sheet of every table\n"
	"  --list-sheets      only print the name of every worksheet of each workbook FILE,\n"
	"                     one a line, checking nothing (for scripts and the bash completion)\n";

/* What the kind of a file is told from: its first lines. */
#define SNIFF_BYTES 65536

typedef enum { KIND_AUTO, KIND_SCORES, KIND_MEASURES, KIND_STATUS, KIND_PROFILE, KIND_FRAMEWORK } input_kind;

static const char *const kind_names[] = {"auto", "scores", "measures", "status", "profile", "framework"};

/* A catalog or status file found good, for --unit: its file and, in a
 * workbook, its sheet. */
typedef struct {
	const char *path;
	char *sheet; /* owned */
} table_ref;

typedef struct {
	input_kind as;
	table_ref *catalogs; /* the files found to be catalogs */
	size_t n_catalogs;
	table_ref *statuses; /* the files found to be status files */
	size_t n_statuses;
	size_t n_scores;
	bool list_sheets;
} check_args;

enum { OPT_AS = 2200, OPT_LIST_SHEETS };

static int check_option(int opt, const char *arg, void *ctx)
{
	check_args *a = ctx;
	if (opt == OPT_LIST_SHEETS) {
		a->list_sheets = true;
		return 1;
	}
	if (opt != OPT_AS)
		return 0;
	for (size_t k = KIND_SCORES; k <= KIND_FRAMEWORK; k++)
		if (strcmp(arg, kind_names[k]) == 0) {
			a->as = (input_kind)k;
			return 1;
		}
	cli_fail(EXIT_BAD_INPUT, "check", "--as: expected scores, measures, status, profile or framework, got \"%s\"",
		 arg);
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

/* The kind of a table by its header (the library's rule: the kind whose
 * columns it names most); any other table is scores, whose loader says
 * what is wrong with it. */
static input_kind table_kind(const char *bytes, size_t n)
{
	itakit_table_kind k = ITAKIT_TABLE_UNKNOWN;
	itakit_table_sniff(&k, bytes, n);
	return k == ITAKIT_TABLE_MEASURES ? KIND_MEASURES : k == ITAKIT_TABLE_STATUS ? KIND_STATUS : KIND_SCORES;
}

static input_kind sniff(const char *bytes, size_t len)
{
	const char *t = bytes;
	size_t n = len;
	char *converted = NULL;
	if (!itakit_utf8_valid(t, n, NULL) && itakit_text_looks_tis620(t, n)) {
		size_t clen;
		if ((converted = itakit_tis620_to_utf8(t, n, &clen)))
			t = converted, n = clen;
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
		else
			kind = table_kind(bytes, len);
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

/* One table to check: a file, read by its loader (path) or from its bytes
 * (buf: standard input, a workbook), and in a workbook the sheet. */
typedef struct {
	const char *name;   /* the file in messages */
	const char *label;  /* the summary line's: FILE, or FILE:SHEET */
	const char *buf;    /* NULL: the loader reads name */
	size_t len;
	const char *sheet;  /* NULL: the loader's choice */
} source;

static int check_scores(cli_session *s, const source *src, bool keep, itakit_diag_list *diags)
{
	itakit_dataset ds;
	itakit_dataset_init(&ds);
	itakit_load_options lo = cli_load_options(s);
	lo.sheet = src->sheet;
	int lib = src->buf ? itakit_dataset_load_buffer(&ds, src->buf, src->len, src->name, &s->fw, &lo, diags)
			   : itakit_dataset_load_file(&ds, src->name, &s->fw, &lo, diags);
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
		printf("%s: ok: %zu units, fiscal years %d-%d, %zu rows", src->label, ds.n_units, y0, y1, ds.n_rows);
		print_warnings(diags);
	}
	itakit_dataset_release(&ds);
	if (lib == 0 && keep) {
		/* kept for --unit: standard input is read only once */
		if (src->buf)
			itakit_dataset_load_buffer(&s->ds, src->buf, src->len, src->name, &s->fw, &lo, &s->diags);
		else
			itakit_dataset_load_file(&s->ds, src->name, &s->fw, &lo, &s->diags);
	}
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

static int check_measures(const cli_session *s, const source *src, char **sheet_read, itakit_diag_list *diags)
{
	itakit_measures cat;
	itakit_measures_init(&cat);
	int max_code = catalog_max_code(s);
	int lib = src->buf ? itakit_measures_parse_sheet(&cat, src->buf, src->len, src->name, src->sheet, max_code, diags)
			   : itakit_measures_load_sheet(&cat, src->name, src->sheet, max_code, diags);
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
		printf("%s: ok: measures catalog, %zu measure%s%s covering indicators", src->label, cat.count - keep,
		       cat.count - keep == 1 ? "" : "s", cat.has_english ? " in Thai and English" : "");
		int n = 0;
		for (int c = 1; c <= max_code; c++)
			if (covered[c])
				printf("%s%d", n++ ? ", " : " ", c);
		if (keep)
			printf(", and %zu to keep a score", keep);
		print_warnings(diags);
		if (sheet_read && cat.sheet)
			*sheet_read = strdup(cat.sheet);
	}
	itakit_measures_release(&cat);
	return lib;
}

static int check_status(const source *src, char **sheet_read, itakit_diag_list *diags)
{
	itakit_status st;
	itakit_status_init(&st);
	int lib = src->buf ? itakit_status_parse_sheet(&st, src->buf, src->len, src->name, src->sheet, diags)
			   : itakit_status_load_sheet(&st, src->name, src->sheet, diags);
	cli_print_diags(diags);
	if (lib == 0) {
		size_t by_kind[ITAKIT_STATUS_N] = {0};
		for (size_t i = 0; i < st.count; i++)
			by_kind[st.rows[i].status]++;
		printf("%s: ok: status of %zu measure%s", src->label, st.count, st.count == 1 ? "" : "s");
		if (st.has_unit) {
			size_t units = 0;
			for (size_t i = 0; i < st.count; i++) {
				size_t k = 0;
				while (k < i && !itakit_text_same_name(st.rows[k].unit, st.rows[i].unit))
					k++;
				units += k == i;
			}
			printf(" of %zu unit%s", units, units == 1 ? "" : "s");
		}
		for (int k = 0, shown = 0; k < ITAKIT_STATUS_N; k++)
			if (by_kind[k])
				printf("%s%zu %s", shown++ ? ", " : ": ", by_kind[k],
				       itakit_status_kind_name((itakit_status_kind)k, ITAKIT_LANG_EN));
		print_warnings(diags);
		if (sheet_read && st.sheet)
			*sheet_read = strdup(st.sheet);
	}
	itakit_status_release(&st);
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

/* Remembers a good catalog or status file for --unit. */
static void keep_table(table_ref **list, size_t *n, const char *path, char *sheet)
{
	table_ref *more = realloc(*list, (*n + 1) * sizeof *more);
	if (!more) {
		free(sheet);
		return;
	}
	*list = more;
	more[(*n)++] = (table_ref){path, sheet};
}

/* One table of kind: its loader's verdict, the summary line, the count of
 * errors. Returns an exit code. */
static int check_table(cli_session *s, check_args *a, input_kind kind, const source *src, const char *path)
{
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	int lib;
	bool from_stdin = strcmp(path, "-") == 0;
	switch (kind) {
	case KIND_MEASURES: {
		char *sheet = NULL;
		lib = check_measures(s, src, &sheet, &diags);
		if (lib == 0 && !from_stdin)
			keep_table(&a->catalogs, &a->n_catalogs, path, sheet);
		else
			free(sheet);
		break;
	}
	case KIND_STATUS: {
		char *sheet = NULL;
		lib = check_status(src, &sheet, &diags);
		if (lib == 0 && !from_stdin)
			keep_table(&a->statuses, &a->n_statuses, path, sheet);
		else
			free(sheet);
		break;
	}
	case KIND_PROFILE: lib = check_profile(src->name, src->buf, src->len, &diags); break;
	case KIND_FRAMEWORK: lib = check_framework(src->name, src->buf, src->len, &diags); break;
	default:
		lib = check_scores(s, src, s->unit != NULL, &diags);
		a->n_scores += lib == 0;
		break;
	}
	int rc = EXIT_OK;
	if (lib != 0) {
		if (lib != ITAKIT_EINPUT || !diags.count)
			fprintf(stderr, "%s\n", itakit_error_last());
		size_t errors = diags.errors ? diags.errors : 1;
		printf("%s: %zu error%s\n", src->label, errors, errors == 1 ? "" : "s");
		rc = cli_exit_for(lib);
	}
	itakit_diag_list_release(&diags);
	return rc;
}

static itakit_table_kind table_of(input_kind kind)
{
	return kind == KIND_MEASURES ? ITAKIT_TABLE_MEASURES : kind == KIND_STATUS ? ITAKIT_TABLE_STATUS
									 : ITAKIT_TABLE_SCORES;
}

/* The sheet option of a kind of table: --sheet, --measures-sheet, --status-sheet. */
static const char *sheet_option(const cli_session *s, input_kind kind)
{
	return kind == KIND_MEASURES ? s->measures_sheet : kind == KIND_STATUS ? s->status_sheet : s->sheet;
}

/* A workbook: every sheet whose header is that of scores, a catalog or a
 * status file, each checked as what it is; with a sheet option (or --as),
 * the sheets named (or the first of that kind) only. */
static int check_workbook(cli_session *s, check_args *a, const char *path, const char *name, const char *buf,
			  size_t len)
{
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	itakit_workbook wb;
	itakit_workbook_init(&wb);
	int lib = itakit_workbook_read(&wb, buf, len, name, &diags);
	cli_print_diags(&diags);
	size_t errors = diags.errors;
	itakit_diag_list_release(&diags);
	if (lib != 0) {
		if (lib != ITAKIT_EINPUT || !errors)
			fprintf(stderr, "%s\n", itakit_error_last());
		printf("%s: %zu error%s\n", name, errors ? errors : 1, errors > 1 ? "s" : "");
		return cli_exit_for(lib);
	}
	/* what to check: (kind, sheet) pairs */
	input_kind kinds[3] = {KIND_SCORES, KIND_MEASURES, KIND_STATUS};
	const char *want[3] = {NULL, NULL, NULL};
	bool named = false;
	for (int k = 0; k < 3; k++) {
		want[k] = sheet_option(s, kinds[k]);
		named |= want[k] != NULL && (a->as == KIND_AUTO || a->as == kinds[k]);
	}
	int rc = EXIT_OK;
	char label[1024];
	if (a->as != KIND_AUTO || named) {
		for (int k = 0; k < 3; k++) {
			if (a->as != KIND_AUTO ? a->as != kinds[k] : !want[k])
				continue;
			const char *sheet = want[k];
			for (size_t i = 0; !sheet && i < wb.count; i++)
				if (wb.sheets[i].kind == table_of(kinds[k]))
					sheet = wb.sheets[i].name;
			if (!sheet)
				sheet = wb.count ? wb.sheets[0].name : NULL;
			snprintf(label, sizeof label, "%s:%s", name, sheet ? sheet : "");
			source src = {name, label, buf, len, sheet};
			int r = check_table(s, a, kinds[k], &src, path);
			if (r != EXIT_OK && rc != EXIT_RUNTIME)
				rc = r;
		}
		itakit_workbook_release(&wb);
		return rc;
	}
	size_t checked = 0;
	for (size_t i = 0; i < wb.count; i++) {
		itakit_table_kind k = wb.sheets[i].kind;
		snprintf(label, sizeof label, "%s:%s", name, wb.sheets[i].name);
		if (k == ITAKIT_TABLE_UNKNOWN) {
			printf("%s: not checked: its header is not that of scores, a measures catalog or a status file\n",
			       label);
			continue;
		}
		source src = {name, label, buf, len, wb.sheets[i].name};
		int r = check_table(s, a, k == ITAKIT_TABLE_MEASURES ? KIND_MEASURES
				    : k == ITAKIT_TABLE_STATUS ? KIND_STATUS : KIND_SCORES, &src, path);
		if (r != EXIT_OK && rc != EXIT_RUNTIME)
			rc = r;
		checked++;
	}
	if (checked == 0 && wb.count) {
		/* nothing recognised: the scores loader says what the first sheet lacks */
		snprintf(label, sizeof label, "%s:%s", name, wb.sheets[0].name);
		source src = {name, label, buf, len, wb.sheets[0].name};
		rc = check_table(s, a, KIND_SCORES, &src, path);
	}
	itakit_workbook_release(&wb);
	return rc;
}

/* One file: its kind, then its loader's verdict. Returns an exit code. */
static int check_file(cli_session *s, check_args *a, const char *path)
{
	bool from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? CLI_STDIN_NAME : path;
	char *buf = NULL;
	size_t len = 0;
	if (from_stdin) {
		int rc = cli_read_stdin(&buf, &len, "check");
		if (rc != EXIT_OK)
			return rc;
	}
	/* the beginning tells, whole lines of it (a character cut in two would
	 * not be UTF-8); a file that cannot be read is the loader's to report */
	char *head = buf ? NULL : malloc(SNIFF_BYTES);
	size_t n = 0;
	bool have = buf || (head && itakit_file_read_head(head, &n, path, SNIFF_BYTES) == 0);
	bool table = a->as != KIND_PROFILE && a->as != KIND_FRAMEWORK;
	int rc;
	if (have && table && itakit_workbook_is(buf ? buf : head, buf ? len : n)) {
		/* a workbook is read whole: its sheets may be anywhere in it */
		if (!buf && (rc = itakit_file_read(&buf, &len, path, ITAKIT_LOAD_MAX_FILE_BYTES)) != 0) {
			rc = cli_fail(cli_exit_for(rc), "check", "%s", itakit_error_last());
		} else {
			rc = check_workbook(s, a, path, name, buf, len);
		}
	} else {
		input_kind kind = a->as;
		if (kind == KIND_AUTO && buf)
			kind = sniff(buf, len);
		else if (kind == KIND_AUTO && have) {
			while (n == SNIFF_BYTES && n > 0 && head[n - 1] != '\n')
				n--;
			kind = sniff(head, n ? n : SNIFF_BYTES);
		} else if (kind == KIND_AUTO)
			kind = KIND_SCORES;
		source src = {name, name, buf, len, sheet_option(s, kind)};
		rc = check_table(s, a, kind, &src, path);
	}
	free(head);
	free(buf);
	return rc;
}

/* ---- which measures a unit's report would hold -------------------------------- */

static void print_selection(const cli_session *s, const itakit_measures *cat, const itakit_year_analysis *ya,
			    const itakit_measure_selection *sel)
{
	printf("%s%s%s: the report of %s for fiscal year %d", cat->source ? cat->source : "(built-in)",
	       cat->sheet ? ":" : "", cat->sheet ? cat->sheet : "", s->analyses[0].unit->name, ya->year);
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
		printf("  %s (%s %u) for indicator%s", c->measure->id, cat->sheet ? "row" : "line", c->measure->line,
		       c->n_covers == 1 ? "" : "s");
		for (size_t k = 0; k < c->n_covers; k++)
			printf("%s%d", k ? ", " : " ", c->covers[k]);
		printf(": %s\n", itakit_measure_text(c->measure, ITAKIT_MEASURE_ISSUE, ITAKIT_LANG_TH));
	}
	for (size_t i = 0; i < sel->n_uncovered; i++)
		printf("  indicator %d: no measure covers it\n", sel->uncovered[i]);
}

/* The status files given checked against the unit's plan (the measures
 * sel holds): every row's measure is in it, once. Returns an exit code. */
static int check_status_plan(const cli_session *s, const check_args *a, const itakit_measures *cat,
			     const itakit_measure_selection *sel)
{
	const itakit_unit *u = s->analyses[0].unit;
	const char **ids = calloc(sel->count ? sel->count : 1, sizeof *ids);
	if (!ids)
		return cli_fail(EXIT_RUNTIME, "check", "out of memory");
	for (size_t k = 0; k < sel->count; k++)
		ids[k] = sel->rows[k].measure->id;
	int rc = EXIT_OK;
	for (size_t i = 0; i < a->n_statuses; i++) {
		const table_ref *t = &a->statuses[i];
		itakit_status st;
		itakit_status_init(&st);
		itakit_diag_list diags;
		itakit_diag_list_init(&diags);
		int lib = itakit_status_load_sheet(&st, t->path, t->sheet, &diags);
		if (lib == 0)
			lib = itakit_status_check(NULL, &st, u->name, u->code, ids, sel->count, &diags);
		cli_print_diags(&diags);
		printf("%s%s%s: ", t->path, t->sheet ? ":" : "", t->sheet ? t->sheet : "");
		if (lib == 0) {
			printf("the rows for %s report on the measures listed above", u->name);
			print_warnings(&diags);
		} else {
			if (lib != ITAKIT_EINPUT || !diags.errors)
				fprintf(stderr, "itakit check: %s\n", itakit_error_last());
			printf("%zu error%s against the measures listed above\n", diags.errors, diags.errors == 1 ? "" : "s");
			rc = cli_exit_for(lib);
		}
		itakit_diag_list_release(&diags);
		itakit_status_release(&st);
	}
	free(ids);
	return rc;
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
		const char *path = a->n_catalogs ? a->catalogs[i].path : cli_data_file("measures.csv");
		const char *sheet = a->n_catalogs ? a->catalogs[i].sheet : NULL;
		int lib = itakit_measures_load_sheet(&cat, path, sheet, catalog_max_code(s), &diags);
		itakit_measure_selection sel;
		itakit_measure_selection_init(&sel);
		if (lib == 0)
			lib = itakit_measures_choose(&sel, &cat, ya, (size_t)catalog_max_code(s)); /* as the report */
		if (lib == 0) {
			print_selection(s, &cat, ya, &sel);
			rc = check_status_plan(s, a, &cat, &sel);
		} else {
			rc = cli_fail(cli_exit_for(lib), "check", "%s", itakit_error_last());
		}
		itakit_measure_selection_release(&sel);
		itakit_diag_list_release(&diags);
		itakit_measures_release(&cat);
	}
	return rc;
}

/* --list-sheets: the sheets' names from each workbook's index, their data
 * unread. A file that is not a workbook is an error. */
static int list_sheets(const cli_session *s)
{
	int rc = EXIT_OK;
	for (size_t i = 0; i < s->n_files && rc != EXIT_RUNTIME; i++) {
		const char *path = s->files[i];
		bool from_stdin = strcmp(path, "-") == 0;
		const char *name = from_stdin ? CLI_STDIN_NAME : path;
		char *buf = NULL;
		size_t len = 0;
		int lib = 0, file_rc = from_stdin ? cli_read_stdin(&buf, &len, "check") : EXIT_OK;
		if (file_rc == EXIT_OK && !from_stdin && (lib = itakit_file_read(&buf, &len, path, ITAKIT_LOAD_MAX_FILE_BYTES)))
			file_rc = cli_fail(cli_exit_for(lib), "check", "%s", itakit_error_last());
		if (file_rc == EXIT_OK && !itakit_workbook_is(buf, len))
			file_rc = cli_fail(EXIT_BAD_INPUT, "check", "%s: not an Excel workbook (.xlsx): it has no sheets", name);
		if (file_rc == EXIT_OK) {
			itakit_diag_list diags;
			itakit_diag_list_init(&diags);
			itakit_workbook wb;
			itakit_workbook_init(&wb);
			lib = itakit_workbook_read(&wb, buf, len, name, &diags);
			cli_print_diags(&diags);
			if (lib)
				file_rc = cli_fail(cli_exit_for(lib), "check", "%s", itakit_error_last());
			for (size_t k = 0; k < wb.count; k++)
				printf("%s\n", wb.sheets[k].name);
			itakit_workbook_release(&wb);
			itakit_diag_list_release(&diags);
		}
		free(buf);
		if (file_rc != EXIT_OK && rc != EXIT_RUNTIME)
			rc = file_rc;
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
		{"list-sheets", no_argument, NULL, OPT_LIST_SHEETS},
		CLI_MEASURES_SHEET_LONG_OPTION,
		CLI_STATUS_SHEET_LONG_OPTION,
		{NULL, 0, NULL, 0}};
	cli_session s;
	cli_session_init(&s);
	check_args a = {KIND_AUTO, NULL, 0, NULL, 0, 0, false};
	int rc = cli_parse_options(&s, argc, argv, "check", "", longopts, usage, check_option, &a);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "check");
	if (rc == EXIT_OK && a.list_sheets) {
		rc = list_sheets(&s);
		cli_session_release(&s);
		return rc;
	}
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
	for (size_t i = 0; i < a.n_catalogs; i++)
		free(a.catalogs[i].sheet);
	free(a.catalogs);
	for (size_t i = 0; i < a.n_statuses; i++)
		free(a.statuses[i].sheet);
	free(a.statuses);
	cli_session_release(&s);
	return rc;
}
