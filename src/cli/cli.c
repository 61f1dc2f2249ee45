#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_session_init(cli_session *s)
{
	memset(s, 0, sizeof *s);
	s->threshold = -1;
	s->target = -1;
	s->lang = ITAKIT_LANG_TH;
	s->digits = ITAKIT_DIGITS_THAI;
	itakit_framework_init(&s->fw);
	itakit_dataset_init(&s->ds);
	itakit_diag_list_init(&s->diags);
}

void cli_session_release(cli_session *s)
{
	for (size_t i = 0; i < s->n_analyses; i++)
		itakit_unit_analysis_release(&s->analyses[i]);
	free(s->analyses);
	free(s->files);
	itakit_dataset_release(&s->ds);
	itakit_framework_release(&s->fw);
	itakit_diag_list_release(&s->diags);
}

int cli_fail(int code, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "itakit %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_exit_for(int rc)
{
	switch (rc) {
	case 0: return EXIT_OK;
	case ITAKIT_EINPUT:
	case ITAKIT_EUSAGE:
	case ITAKIT_ENOTFOUND:
	case ITAKIT_ELIMIT: return EXIT_BAD_INPUT;
	default: return EXIT_RUNTIME;
	}
}

static int parse_score_option(double *out, const char *arg, const char *cmd, const char *name)
{
	double v;
	if (itakit_text_parse_number(&v, arg) != 0 || v < 0 || v > 100) {
		cli_fail(EXIT_BAD_INPUT, cmd, "--%s: expected a score from 0 to 100, got \"%s\"", name, arg);
		return -1;
	}
	*out = v;
	return 1;
}

int cli_common_option(cli_session *s, int opt, const char *arg, const char *cmd)
{
	switch (opt) {
	case OPT_FRAMEWORK: s->framework_path = arg; return 1;
	case OPT_THRESHOLD: return parse_score_option(&s->threshold, arg, cmd, "threshold");
	case OPT_TARGET: return parse_score_option(&s->target, arg, cmd, "target");
	case OPT_LANG:
		if (strcmp(arg, "th") == 0)
			s->lang = ITAKIT_LANG_TH;
		else if (strcmp(arg, "en") == 0)
			s->lang = ITAKIT_LANG_EN;
		else {
			cli_fail(EXIT_BAD_INPUT, cmd, "--lang: expected th or en, got \"%s\"", arg);
			return -1;
		}
		if (!s->digits_set)
			s->digits = s->lang == ITAKIT_LANG_TH ? ITAKIT_DIGITS_THAI : ITAKIT_DIGITS_ARABIC;
		return 1;
	case OPT_DIGITS:
		if (strcmp(arg, "thai") == 0)
			s->digits = ITAKIT_DIGITS_THAI;
		else if (strcmp(arg, "arabic") == 0)
			s->digits = ITAKIT_DIGITS_ARABIC;
		else {
			cli_fail(EXIT_BAD_INPUT, cmd, "--digits: expected thai or arabic, got \"%s\"", arg);
			return -1;
		}
		s->digits_set = true;
		return 1;
	case OPT_UNIT: s->unit = arg; return 1;
	case OPT_UNITS: s->units = arg; return 1;
	case OPT_GROUP: s->group = arg; return 1;
	case OPT_YEAR:
		if (itakit_text_parse_year(&s->year, arg) != 0) {
			cli_fail(EXIT_BAD_INPUT, cmd, "--year: expected a fiscal year such as 2566 (BE) or 2023 (CE), got \"%s\"", arg);
			return -1;
		}
		return 1;
	case OPT_OUTPUT: s->output = arg; return 1;
	case OPT_MAX_PROBLEMS: {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(arg, &end, 10);
		if (errno || *end || !*arg || arg[0] == '-') {
			cli_fail(EXIT_BAD_INPUT, cmd, "--max-problems: expected a number (0: no limit), got \"%s\"", arg);
			return -1;
		}
		itakit_diag_set_default_max((size_t)n);
		return 1;
	}
	case OPT_SHEET: s->sheet = arg; return 1;
	case OPT_MEASURES_SHEET: s->measures_sheet = arg; return 1;
	case OPT_STATUS_SHEET: s->status_sheet = arg; return 1;
	case OPT_VERBOSE: s->verbose = true; return 1;
	case OPT_IDENTITY:
		if (strcmp(arg, "name+group") == 0)
			s->identity = ITAKIT_IDENTITY_NAME_GROUP;
		else if (strcmp(arg, "code") == 0)
			s->identity = ITAKIT_IDENTITY_CODE_OR_NAME;
		else {
			cli_fail(EXIT_BAD_INPUT, cmd, "--identity: expected code (the default: the unit code, "
				 "else the name) or name+group, got \"%s\"", arg);
			return -1;
		}
		return 1;
	default: return 0;
	}
}

size_t cli_suggest(size_t *best, size_t max, const char *typed, const char *const *names, size_t n)
{
	return itakit_text_suggest(best, max, typed, names, n);
}

void cli_print_suggestions(const size_t *best, size_t n, const char *const *names, const char *prefix)
{
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%s%s", i == 0 ? "; did you mean " : i + 1 == n ? " or " : ", ", prefix, names[best[i]]);
	if (n)
		fputc('?', stderr);
}

/* The long name of option val, or NULL. */
static const char *long_name(const struct option *longopts, int val)
{
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == val)
			return o->name;
	return NULL;
}

/* One line for an option getopt did not accept: what was wrong and, for a
 * typo, the option meant. */
static int option_error(const char *cmd, char **argv, int opt, const struct option *longopts)
{
	const char *name = optopt > 0 ? long_name(longopts, optopt) : NULL;
	if (opt == ':') { /* as typed: -o or --output */
		const char *as = optind > 0 && argv[optind - 1][0] == '-' ? argv[optind - 1] : NULL;
		if (as)
			return cli_fail(EXIT_BAD_INPUT, cmd, "option %s needs a value; see itakit %s --help", as, cmd);
		if (name)
			return cli_fail(EXIT_BAD_INPUT, cmd, "option --%s needs a value; see itakit %s --help", name, cmd);
		return cli_fail(EXIT_BAD_INPUT, cmd, "option -%c needs a value; see itakit %s --help", optopt, cmd);
	}
	if (optopt >= 128 && name) /* --quiet=yes */
		return cli_fail(EXIT_BAD_INPUT, cmd, "option --%s takes no value", name);
	if (optopt > 0)
		return cli_fail(EXIT_BAD_INPUT, cmd, "unknown option -%c; see itakit %s --help", optopt, cmd);
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const char *typed = arg;
	while (*typed == '-')
		typed++;
	size_t tlen = strcspn(typed, "=");
	char word[64];
	snprintf(word, sizeof word, "%.*s", (int)(tlen < sizeof word ? tlen : sizeof word - 1), typed);
	const char *names[64];
	size_t n = 0, prefixed = 0;
	for (const struct option *o = longopts; o->name && n < 64; o++) {
		names[n++] = o->name;
		prefixed += tlen && strncmp(o->name, typed, tlen) == 0;
	}
	fprintf(stderr, "itakit %s: ", cmd);
	if (prefixed > 1) {
		fprintf(stderr, "option --%s is ambiguous; it could be", word);
		for (size_t i = 0, k = 0; i < n; i++)
			if (strncmp(names[i], typed, tlen) == 0)
				fprintf(stderr, "%s--%s", k++ == 0 ? " " : k == prefixed ? " or " : ", ", names[i]);
		fputc('\n', stderr);
		return EXIT_BAD_INPUT;
	}
	size_t best[3];
	size_t found = cli_suggest(best, 3, word, names, n);
	fprintf(stderr, "unknown option --%s", word);
	cli_print_suggestions(best, found, names, "--");
	if (found)
		fputc('\n', stderr);
	else
		fprintf(stderr, "; see itakit %s --help\n", cmd);
	return EXIT_BAD_INPUT;
}

int cli_parse_options(cli_session *s, int argc, char **argv, const char *cmd,
		      const char *shortopts, const struct option *longopts, const char *usage,
		      cli_own_option own, void *ctx)
{
	/* a leading ':' makes getopt report a missing value apart from an
	 * unknown option, and opterr = 0 leaves the message to us: one line */
	char optstring[64];
	snprintf(optstring, sizeof optstring, ":%s", shortopts);
	opterr = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		if (opt == OPT_HELP) {
			fputs(usage, stdout);
			return CLI_HELP_SHOWN;
		}
		if (opt == '?' || opt == ':')
			return option_error(cmd, argv, opt, longopts);
		int handled = own ? own(opt, optarg, ctx) : 0;
		if (!handled)
			handled = cli_common_option(s, opt, optarg, cmd);
		if (handled < 0)
			return EXIT_BAD_INPUT;
		if (!handled)
			return cli_fail(EXIT_BAD_INPUT, cmd, "unknown option; see itakit %s --help", cmd);
	}
	return EXIT_OK;
}

int cli_take_files(cli_session *s, int argc, char **argv, const char *cmd)
{
	s->cmd = cmd;
	s->n_files = (size_t)(argc - optind);
	if (s->n_files == 0)
		return cli_fail(EXIT_BAD_INPUT, cmd, "no input file; usage: itakit %s FILE... (see itakit %s --help)", cmd, cmd);
	s->files = calloc(s->n_files, sizeof *s->files);
	if (!s->files)
		return cli_fail(EXIT_RUNTIME, cmd, "out of memory");
	size_t dashes = 0;
	for (size_t i = 0; i < s->n_files; i++) {
		s->files[i] = argv[optind + (int)i];
		if (strcmp(s->files[i], "-") == 0) {
			if (++dashes > 1)
				return cli_fail(EXIT_BAD_INPUT, cmd, "standard input (-) can be read only once");
			continue;
		}
		/* a file that is not there is a mistake in the command, not a
		 * failure of the machine */
		struct stat st;
		if (stat(s->files[i], &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
			return cli_fail(EXIT_BAD_INPUT, cmd, "%s: no such file", s->files[i]);
		if (stat(s->files[i], &st) == 0 && S_ISDIR(st.st_mode))
			return cli_fail(EXIT_BAD_INPUT, cmd, "%s: is a directory; expected a CSV file", s->files[i]);
	}
	return EXIT_OK;
}

int cli_read_stdin(char **buf, size_t *len, const char *cmd)
{
	/* the loaders' own bound on a file: a pipe is read up to it */
	int rc = itakit_file_read(buf, len, "/dev/stdin", ITAKIT_LOAD_MAX_FILE_BYTES);
	if (rc == 0)
		return EXIT_OK;
	if (rc == ITAKIT_ELIMIT)
		return cli_fail(EXIT_BAD_INPUT, cmd, "%s: larger than the limit of %zu bytes", CLI_STDIN_NAME,
				ITAKIT_LOAD_MAX_FILE_BYTES);
	return cli_fail(cli_exit_for(rc), cmd, "cannot read standard input: %s", itakit_error_last());
}

/* The score files in order; "-" is standard input. Returns a library code
 * (messages of a failure to read standard input are printed). */
static int load_scores(cli_session *s)
{
	itakit_load_options lo = cli_load_options(s);
	bool bad = false;
	for (size_t i = 0; i < s->n_files;) {
		int rc;
		if (strcmp(s->files[i], "-") == 0) {
			char *buf;
			size_t len;
			if (cli_read_stdin(&buf, &len, s->cmd ? s->cmd : "input") != EXIT_OK)
				return ITAKIT_EUSAGE; /* printed */
			rc = itakit_dataset_load_buffer(&s->ds, buf, len, CLI_STDIN_NAME, &s->fw, &lo, &s->diags);
			free(buf);
			i++;
		} else {
			size_t j = i;
			while (j < s->n_files && strcmp(s->files[j], "-") != 0)
				j++;
			rc = itakit_dataset_load(&s->ds, s->files + i, j - i, &s->fw, &lo, &s->diags);
			i = j;
		}
		if (rc == ITAKIT_EINPUT)
			bad = true;
		else if (rc != 0)
			return rc;
	}
	return bad ? itakit_error_set(ITAKIT_EINPUT, "the input has errors") : 0;
}

void cli_print_diags(const itakit_diag_list *diags)
{
	char buf[2048];
	for (size_t i = 0; i < diags->count; i++) {
		itakit_diag_format(buf, sizeof buf, &diags->items[i]);
		fprintf(stderr, "%s\n", buf);
	}
	size_t shown = diags->count, total = diags->errors + diags->warnings;
	if (total > shown)
		fprintf(stderr, "itakit: %zu more problem%s not shown; --max-problems 0 lists every one\n",
			total - shown, total - shown == 1 ? "" : "s");
}

int cli_check_sheet_options(const cli_session *s, const char *measures_path, const char *status_path)
{
	const char *cmd = s->cmd ? s->cmd : "input";
	if (s->measures_sheet && !measures_path)
		return cli_fail(EXIT_BAD_INPUT, cmd, "--measures-sheet names a sheet of the catalog's workbook; "
				"give the workbook with --measures FILE.xlsx");
	if (s->status_sheet && !status_path)
		return cli_fail(EXIT_BAD_INPUT, cmd, "--status-sheet names a sheet of the status workbook; "
				"give the workbook with --status FILE.xlsx");
	return EXIT_OK;
}

void cli_tell_sheet(const cli_session *s, const char *file, const char *sheet, const char *what)
{
	if (s->verbose && sheet)
		fprintf(stderr, "itakit %s: %s: %s read from sheet '%s'\n", s->cmd ? s->cmd : "input", file, what, sheet);
}

int cli_load(cli_session *s)
{
	int rc = itakit_framework_load(&s->fw, s->framework_path ? s->framework_path : cli_data_file("framework.ini"),
				       &s->diags);
	if (rc) {
		cli_print_diags(&s->diags);
		if (!s->diags.count)
			fprintf(stderr, "itakit: %s\n", itakit_error_last());
		return cli_exit_for(rc);
	}
	for (size_t i = 0; i < s->n_files; i++) {
		if (s->output && itakit_same_file(s->files[i], s->output))
			return cli_fail(EXIT_BAD_INPUT, "input", "%s: refusing to overwrite an input file with the output", s->output);
	}
	rc = load_scores(s);
	for (size_t i = 0; i < s->ds.n_files; i++)
		cli_tell_sheet(s, s->ds.files[i], s->ds.sheets[i], "scores");
	cli_print_diags(&s->diags);
	if (rc == ITAKIT_EUSAGE)
		return EXIT_BAD_INPUT; /* standard input: the message is printed */
	/* a runtime failure (out of memory, unreadable file) is not among the
	 * diagnostics even when warnings are */
	if (rc && (rc != ITAKIT_EINPUT || !s->diags.count))
		fprintf(stderr, "itakit: %s\n", itakit_error_last());
	return cli_exit_for(rc);
}

itakit_load_options cli_load_options(const cli_session *s)
{
	itakit_load_options o = ITAKIT_LOAD_OPTIONS_INIT;
	o.identity = s->identity;
	o.unit_name = s->unit; /* names the agency of a file without a unit column */
	o.sheet = s->sheet;
	return o;
}

itakit_analysis_options cli_analysis_options(const cli_session *s)
{
	itakit_analysis_options o = ITAKIT_ANALYSIS_OPTIONS_INIT;
	o.threshold = s->threshold;
	o.target = s->target;
	o.until_year = s->year; /* a past year is analysed without the later ones */
	o.keep_two_years = s->year_only;
	return o;
}

static bool in_list(const char *list, const itakit_unit *u)
{
	char *copy = strdup(list);
	if (!copy)
		return false;
	bool found = false;
	char *key_u = itakit_text_match_key(u->name);
	for (char *tok = strtok(copy, ","); tok && !found; tok = strtok(NULL, ",")) {
		char *key = itakit_text_match_key(tok);
		found = key && key_u && (strcmp(key, key_u) == 0 || (u->code && strcmp(tok, u->code) == 0));
		free(key);
	}
	free(key_u);
	free(copy);
	return found;
}

static bool group_matches(const char *group, const itakit_unit *u)
{
	if (!u->group)
		return false;
	char *a = itakit_text_match_key(group), *b = itakit_text_match_key(u->group);
	bool same = a && b && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

/* Names of the units (or their groups, each once), in input order. The
 * caller frees the array, not the strings. */
static const char **unit_labels(const itakit_dataset *ds, bool groups, size_t *n)
{
	const char **names = calloc(ds->n_units ? ds->n_units : 1, sizeof *names);
	*n = 0;
	for (size_t i = 0; names && i < ds->n_units; i++) {
		const char *label = groups ? ds->units[i].group : ds->units[i].name;
		bool seen = !label;
		for (size_t k = 0; groups && k < *n && !seen; k++)
			seen = strcmp(names[k], label) == 0;
		if (!seen)
			names[(*n)++] = label;
	}
	return names;
}

static int unit_not_found(const cli_session *s, const char *name)
{
	size_t same = itakit_dataset_count_named(&s->ds, name);
	if (same > 1) {
		fprintf(stderr, "itakit: \"%s\" names %zu units; give the unit code instead:", name, same);
		for (size_t i = 0; i < s->ds.n_units; i++) {
			const itakit_unit *u = &s->ds.units[i];
			char *a = itakit_text_match_key(u->name), *b = itakit_text_match_key(name);
			if (a && b && strcmp(a, b) == 0)
				fprintf(stderr, " %s%s%s%s", u->code ? u->code : "(no code)", u->group ? " (" : "",
					u->group ? u->group : "", u->group ? ")" : "");
			free(a);
			free(b);
		}
		fputc('\n', stderr);
		return EXIT_BAD_INPUT;
	}
	size_t n, best[CLI_SUGGEST_MAX], found = 0;
	const char **names = unit_labels(&s->ds, false, &n);
	if (names)
		found = cli_suggest(best, 3, name, names, n);
	fprintf(stderr, "itakit: unit \"%s\" is not in the data", name);
	if (found) {
		cli_print_suggestions(best, found, names, "");
		fputc('\n', stderr);
		free(names);
		return EXIT_BAD_INPUT;
	}
	free(names);
	fprintf(stderr, "; units found:");
	for (size_t i = 0; i < s->ds.n_units && i < 10; i++)
		fprintf(stderr, "%s %s", i ? "," : "", s->ds.units[i].name);
	if (s->ds.n_units > 10)
		fprintf(stderr, " and %zu more", s->ds.n_units - 10);
	fputc('\n', stderr);
	return EXIT_BAD_INPUT;
}

/* --group naming no group of the data: the groups there are. */
static int group_not_found(const cli_session *s)
{
	const char *cmd = s->cmd ? s->cmd : "analyze";
	size_t n, best[CLI_SUGGEST_MAX], found = 0;
	const char **names = unit_labels(&s->ds, true, &n);
	if (!names)
		return cli_fail(EXIT_RUNTIME, cmd, "out of memory");
	if (n == 0) {
		free(names);
		return cli_fail(EXIT_BAD_INPUT, cmd, "no unit belongs to group \"%s\": the data has no group column",
				s->group);
	}
	found = cli_suggest(best, 3, s->group, names, n);
	fprintf(stderr, "itakit %s: no unit belongs to group \"%s\"; groups in the data:", cmd, s->group);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s %s", i ? "," : "", names[i]);
	cli_print_suggestions(best, found, names, "");
	fputc('\n', stderr);
	free(names);
	return EXIT_BAD_INPUT;
}

static int check_units_list(const cli_session *s)
{
	char *copy = strdup(s->units);
	if (!copy)
		return EXIT_RUNTIME;
	int rc = EXIT_OK;
	for (char *tok = strtok(copy, ","); tok && rc == EXIT_OK; tok = strtok(NULL, ","))
		if (!itakit_dataset_find_unit(&s->ds, tok))
			rc = unit_not_found(s, tok);
	free(copy);
	return rc;
}

/* A year no selected unit has data for is an error, never an empty result:
 * the message names the years that do have data. */
int cli_require_year(const cli_session *s)
{
	bool seen[301] = {false}; /* fiscal years 2400-2700 */
	size_t n = s->analyses ? s->n_analyses : s->ds.n_units;
	for (size_t i = 0; i < n; i++) {
		const itakit_unit *u = s->analyses ? s->analyses[i].unit : &s->ds.units[i];
		if (itakit_unit_find_year(u, s->year))
			return EXIT_OK;
		for (size_t k = 0; k < u->n_years; k++)
			if (u->years[k].year >= 2400 && u->years[k].year <= 2700)
				seen[u->years[k].year - 2400] = true;
	}
	fprintf(stderr, "itakit %s: no data for fiscal year %d in the units selected; years with data:",
		s->cmd ? s->cmd : "analyze", s->year);
	for (int y = 0; y < 301; y++)
		if (seen[y])
			fprintf(stderr, " %d", 2400 + y);
	fputc('\n', stderr);
	return EXIT_BAD_INPUT;
}

int cli_analyze(cli_session *s)
{
	const itakit_unit *only = NULL;
	if (s->unit) {
		only = itakit_dataset_find_unit(&s->ds, s->unit);
		if (!only)
			return unit_not_found(s, s->unit);
		if (s->year && !itakit_unit_find_year(only, s->year)) {
			char y[16];
			fprintf(stderr, "itakit: %s has no data for fiscal year %s; years in the data:", only->name,
				itakit_format_int(y, sizeof y, s->year, ITAKIT_DIGITS_ARABIC));
			for (size_t k = 0; k < only->n_years; k++)
				fprintf(stderr, " %d", only->years[k].year);
			fputc('\n', stderr);
			return EXIT_BAD_INPUT;
		}
	}
	if (s->units && check_units_list(s) != EXIT_OK)
		return EXIT_BAD_INPUT;
	s->analyses = calloc(s->ds.n_units ? s->ds.n_units : 1, sizeof *s->analyses);
	if (!s->analyses)
		return cli_fail(EXIT_RUNTIME, s->cmd ? s->cmd : "analyze", "out of memory");
	itakit_analysis_options o = cli_analysis_options(s);
	itakit_diag_list warnings;
	itakit_diag_list_init(&warnings);
	int rc = EXIT_OK;
	for (size_t i = 0; i < s->ds.n_units && rc == EXIT_OK; i++) {
		const itakit_unit *u = &s->ds.units[i];
		if ((only && u != only) || (s->units && !in_list(s->units, u)) ||
		    (s->group && !group_matches(s->group, u)))
			continue;
		if (itakit_analysis_run_unit(&s->analyses[s->n_analyses], u, &s->fw, &o, &warnings) != 0)
			rc = cli_fail(EXIT_RUNTIME, s->cmd ? s->cmd : "analyze", "%s", itakit_error_last());
		else
			s->n_analyses++;
	}
	/* the analysis warns when a reported overall disagrees with the computed one */
	cli_print_diags(&warnings);
	itakit_diag_list_release(&warnings);
	if (rc == EXIT_OK && s->group && s->n_analyses == 0)
		rc = group_not_found(s);
	if (rc == EXIT_OK && s->year)
		rc = cli_require_year(s);
	return rc;
}

int cli_output_open(cli_output *o, itakit_strbuf *b, const char *cmd, const char *path)
{
	memset(o, 0, sizeof *o);
	o->to_stdout = !path || strcmp(path, "-") == 0;
	if (o->to_stdout) {
		itakit_strbuf_init_sink(b, stdout);
		return EXIT_OK;
	}
	int rc = itakit_atomic_open(&o->file, path);
	if (rc != 0) /* a directory given as the output is a usage error */
		return cli_fail(cli_exit_for(rc), cmd, "%s", itakit_error_last());
	itakit_strbuf_init_sink(b, o->file.fp);
	return EXIT_OK;
}

int cli_output_close(cli_output *o, itakit_strbuf *b, const char *cmd, bool ok)
{
	bool written = itakit_strbuf_flush(b);
	itakit_strbuf_release(b);
	if (o->to_stdout) {
		if (fflush(stdout) != 0 || !written)
			return cli_fail(EXIT_RUNTIME, cmd, "cannot write to standard output: %s", strerror(errno));
		return ok ? EXIT_OK : EXIT_RUNTIME;
	}
	if (!ok || !written) {
		const char *why = written ? NULL : strerror(errno);
		char *path = strdup(o->file.path);
		itakit_atomic_abort(&o->file);
		int rc = why ? cli_fail(EXIT_RUNTIME, cmd, "%s: cannot write: %s", path ? path : "output", why) : EXIT_RUNTIME;
		free(path);
		return rc;
	}
	if (itakit_atomic_commit(&o->file) != 0)
		return cli_fail(EXIT_RUNTIME, cmd, "%s", itakit_error_last());
	return EXIT_OK;
}

int cli_parse_round(const char *arg, const char *cmd)
{
	double v;
	if (itakit_text_parse_number(&v, arg) == 0 && (v == 6 || v == 12))
		return (int)v;
	cli_fail(EXIT_BAD_INPUT, cmd, "--round: expected 6 or 12 (months into the fiscal year), got \"%s\"", arg);
	return 0;
}

int cli_parse_date(itakit_profile_date *out, const char *arg, const char *cmd)
{
	if (itakit_profile_parse_date(out, arg) == 0)
		return 1;
	cli_fail(EXIT_BAD_INPUT, cmd, "--date: %s", itakit_error_last());
	return -1;
}

int cli_parse_page_numbers(const char *arg, const char *cmd)
{
	if (strcmp(arg, "footer") == 0)
		return 1;
	if (strcmp(arg, "top") == 0)
		return 0;
	cli_fail(EXIT_BAD_INPUT, cmd, "--page-numbers: expected top or footer, got \"%s\"", arg);
	return -1;
}

static const char *extension_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	return dot && dot != (slash ? slash + 1 : path) ? dot : NULL;
}

const char *cli_format_of(const char *path, const cli_format *formats)
{
	const char *ext = path ? extension_of(path) : NULL;
	for (const cli_format *f = formats; ext && f->ext; f++)
		if (strcasecmp(ext, f->ext) == 0)
			return f->format;
	return NULL;
}

int cli_format_refused(const char *cmd, const char *path, const cli_format *formats)
{
	const char *ext = extension_of(path);
	fprintf(stderr, "itakit %s: %s: ", cmd, path);
	if (ext)
		fprintf(stderr, "cannot write a %s file;", ext);
	else
		fprintf(stderr, "no extension to choose the format by;");
	fprintf(stderr, " %s writes", cmd);
	for (const cli_format *f = formats; f->ext; f++)
		fprintf(stderr, "%s%s (%s)", f == formats ? " " : f[1].ext ? ", " : " or ", f->format, f->ext);
	fputc('\n', stderr);
	return EXIT_BAD_INPUT;
}

void cli_output_bom(itakit_strbuf *b, const cli_output *o, bool no_bom)
{
	if (!o->to_stdout && !no_bom)
		itakit_strbuf_append(b, "\xEF\xBB\xBF");
}

const char *cli_data_file(const char *name)
{
#ifdef ITAKIT_DATA_FROM_BIN
	/* installed: bin/itakit finds share/itakit/NAME beside it, wherever the
	 * tree was installed (or moved) to; paths kept for the process */
	static struct {
		const char *name;
		char *path;
	} seen[8];
	static size_t n_seen;
	for (size_t i = 0; i < n_seen; i++)
		if (strcmp(seen[i].name, name) == 0)
			return seen[i].path;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
	if (!slash || n_seen == sizeof seen / sizeof seen[0])
		return NULL;
	*slash = '\0';
	size_t len = strlen(exe) + strlen(ITAKIT_DATA_FROM_BIN) + strlen(name) + 3;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s/%s", exe, ITAKIT_DATA_FROM_BIN, name);
	char *real = path && access(path, R_OK) == 0 ? realpath(path, NULL) : NULL;
	free(path);
	path = real; /* without "bin/..": messages name the file plainly */
	seen[n_seen].name = name;
	seen[n_seen++].path = path;
	return path;
#else
	(void)name;
	return NULL;
#endif
}

int cli_diags_status(cli_session *s, int lib, const char *what)
{
	cli_print_diags(&s->diags);
	if (lib && !s->diags.errors)
		cli_fail(0, s->cmd, "%s%s", what, itakit_error_last());
	itakit_diag_list_release(&s->diags);
	itakit_diag_list_init(&s->diags);
	return cli_exit_for(lib);
}

itakit_report_input_options cli_report_input_options(const cli_session *s, bool lang_set,
						     const char *profile_path, const char *measures_path)
{
	itakit_report_input_options io = ITAKIT_REPORT_INPUT_OPTIONS_INIT;
	io.data_files = s->files;
	io.n_data_files = s->n_files;
	io.profile_path = profile_path;
	io.measures_path = measures_path ? measures_path : cli_data_file("measures.csv");
	io.measures_sheet = s->measures_sheet;
	io.lang_set = lang_set;
	io.lang = s->lang;
	io.digits_set = s->digits_set;
	io.digits = s->digits;
	io.year = s->year;
	return io;
}

int cli_load_report_inputs(cli_session *s, itakit_report_inputs *in, const itakit_report_input_options *io)
{
	itakit_analysis_options ao = cli_analysis_options(s);
	int rc = cli_diags_status(s, itakit_report_inputs_load(in, io, &s->fw, &ao, &s->diags), "");
	cli_tell_sheet(s, io->measures_path, in->measures.sheet, "measures catalog");
	return rc;
}

int cli_pick_unit(cli_session *s)
{
	if (s->unit)
		return EXIT_OK;
	if (s->ds.n_units != 1)
		return cli_fail(EXIT_BAD_INPUT, s->cmd, "the data holds %zu units: choose one with --unit",
				s->ds.n_units);
	s->unit = s->ds.units[0].name;
	return EXIT_OK;
}
