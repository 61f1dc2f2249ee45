#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
	default: return 0;
	}
}

int cli_parse_options(cli_session *s, int argc, char **argv, const char *cmd,
		      const char *shortopts, const struct option *longopts, const char *usage,
		      cli_own_option own, void *ctx)
{
	int opt;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (opt == OPT_HELP) {
			fputs(usage, stdout);
			return CLI_HELP_SHOWN;
		}
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
	for (size_t i = 0; i < s->n_files; i++)
		s->files[i] = argv[optind + (int)i];
	return EXIT_OK;
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
		fprintf(stderr, "itakit: %zu more problems not shown\n", total - shown);
}

int cli_load(cli_session *s)
{
	int rc = itakit_framework_load(&s->fw, s->framework_path, &s->diags);
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
	rc = itakit_dataset_load(&s->ds, s->files, s->n_files, &s->fw, NULL, &s->diags);
	cli_print_diags(&s->diags);
	/* a runtime failure (out of memory, unreadable file) is not among the
	 * diagnostics even when warnings are */
	if (rc && (rc != ITAKIT_EINPUT || !s->diags.count))
		fprintf(stderr, "itakit: %s\n", itakit_error_last());
	return cli_exit_for(rc);
}

itakit_analysis_options cli_analysis_options(const cli_session *s)
{
	itakit_analysis_options o = ITAKIT_ANALYSIS_OPTIONS_INIT;
	o.threshold = s->threshold;
	o.target = s->target;
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

static int unit_not_found(const cli_session *s, const char *name)
{
	fprintf(stderr, "itakit: unit \"%s\" is not in the data; units found:", name);
	for (size_t i = 0; i < s->ds.n_units && i < 10; i++)
		fprintf(stderr, "%s %s", i ? "," : "", s->ds.units[i].name);
	if (s->ds.n_units > 10)
		fprintf(stderr, " and %zu more", s->ds.n_units - 10);
	fputc('\n', stderr);
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
		rc = cli_fail(EXIT_BAD_INPUT, s->cmd ? s->cmd : "analyze", "no unit belongs to group \"%s\"", s->group);
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

void cli_apply_profile(cli_session *s, bool lang_set, const itakit_profile *p)
{
	if (!lang_set && p->lang_set) {
		s->lang = p->lang;
		if (!s->digits_set)
			s->digits = s->lang == ITAKIT_LANG_TH ? ITAKIT_DIGITS_THAI : ITAKIT_DIGITS_ARABIC;
	}
	if (!s->digits_set && p->digits_set && (!p->lang_set || p->lang == s->lang))
		s->digits = p->digits;
}

int cli_parse_round(const char *arg, const char *cmd)
{
	double v;
	if (itakit_text_parse_number(&v, arg) == 0 && (v == 6 || v == 12))
		return (int)v;
	cli_fail(EXIT_BAD_INPUT, cmd, "--round: expected 6 or 12 (months into the fiscal year), got \"%s\"", arg);
	return 0;
}
