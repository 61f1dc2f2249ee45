/* The framework file (format documented in data/framework.ini) and lookups
 * of indicators, tools and the overall score by what users write. */
#include "itakit/framework.h"
#include "input.h"
#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char itakit__embedded_framework[];
extern const unsigned long itakit__embedded_framework_len;

#define BUILTIN_NAME "(built-in)"
#define MAX_FRAMEWORK_BYTES (1u << 20)
#define MAX_VALUE_FIELDS 8

/* ---- lifetime ---------------------------------------------------------- */

void itakit_framework_init(itakit_framework *fw)
{
	memset(fw, 0, sizeof *fw);
	fw->pass_line = 85;
	fw->threshold = 85;
	fw->target = -1;
}

static void era_release(itakit_framework_era *era)
{
	for (size_t i = 0; i < era->n_tools; i++) {
		free(era->tools[i].code);
		free(era->tools[i].name_th);
		free(era->tools[i].name_en);
	}
	for (size_t i = 0; i < era->n_indicators; i++) {
		free(era->indicators[i].name_th);
		free(era->indicators[i].name_en);
	}
	for (size_t i = 0; i < era->n_aliases; i++)
		free(era->aliases[i].key);
	free(era->aliases);
}

void itakit_framework_release(itakit_framework *fw)
{
	for (size_t i = 0; i < fw->n_eras; i++)
		era_release(&fw->eras[i]);
	for (size_t i = 0; i < fw->n_schemes; i++) {
		itakit_level_scheme *s = &fw->schemes[i];
		for (size_t j = 0; j < s->n_levels; j++) {
			free(s->levels[j].name_th);
			free(s->levels[j].name_en);
		}
	}
	free(fw->eras);
	free(fw->schemes);
	free(fw->source);
	itakit_framework_init(fw);
}

/* ---- parser ------------------------------------------------------------ */

typedef struct {
	char *text;      /* trimmed, NUL-terminated, inside the line copy */
	unsigned col;    /* 1-based, in characters */
} field;

enum section { SEC_NONE, SEC_DEFAULTS, SEC_ERA, SEC_LEVELS, SEC_BAD };

typedef struct {
	itakit_framework *fw;
	const char *file;
	itakit_diag_list *diags;
	unsigned line;
	enum section sec;
	unsigned sec_line;       /* line of the current [section] header */
	unsigned *era_lines;     /* header line of each era / scheme, for */
	unsigned *scheme_lines;  /* the overlap check at the end */
	unsigned defaults_line, threshold_line, target_line; /* a second one is an error */
	int rc;                  /* ITAKIT_ENOMEM once memory ran out */
} parser;

#define perr(ps, col, ...) \
	diag_rc((ps), itakit_diag_add((ps)->diags, ITAKIT_DIAG_ERROR, (ps)->file, (ps)->line, (col), __VA_ARGS__))

static void diag_rc(parser *ps, int rc)
{
	if (rc < 0)
		ps->rc = rc;
}

static char *dup_or_oom(parser *ps, const char *s)
{
	char *d = itakit_text_normalize(s);
	if (!d)
		ps->rc = ITAKIT_ENOMEM;
	return d;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims s in place; returns the first non-blank character. */
static char *trim(char *s)
{
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static unsigned col_of(const char *line_copy, const char *p)
{
	return (unsigned)itakit_utf8_length(line_copy, (size_t)(p - line_copy)) + 1;
}

/* Splits value (inside line_copy) at '|' into trimmed fields. */
static size_t split_fields(char *line_copy, char *value, field *out, size_t max)
{
	size_t n = 0;
	char *p = value;
	for (;;) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		if (n < max) {
			out[n].text = trim(p);
			out[n].col = col_of(line_copy, out[n].text);
		}
		n++;
		if (!bar)
			return n;
		p = bar + 1;
	}
}

/* A whole number written with Arabic or Thai digits; -1 when not one. */
static long parse_int(const char *s)
{
	double v;
	if (itakit_text_parse_number(&v, s) != 0 || v != floor(v) || v < 0 || v > 1e6 || strchr(s, '.'))
		return -1;
	return (long)v;
}

/* "2563-2568" (also with an en dash). */
static bool parse_range(parser *ps, char *text, unsigned col, int *from, int *to)
{
	char *dash = strstr(text, "–");
	size_t dash_len = 3;
	if (!dash) {
		dash = strchr(text, '-');
		dash_len = 1;
	}
	if (!dash) {
		perr(ps, col, "expected a range of fiscal years such as 2563-2568, got '%s'", text);
		return false;
	}
	*dash = '\0';
	long a = parse_int(trim(text)), b = parse_int(trim(dash + dash_len));
	if (a < 0 || b < 0) {
		perr(ps, col, "expected a range of fiscal years such as 2563-2568");
		return false;
	}
	if (a < 2400 || a > 2700 || b < 2400 || b > 2700) {
		perr(ps, col, "years %ld-%ld are outside 2400-2700; write fiscal years in the Buddhist Era (2566, not 2023)", a, b);
		return false;
	}
	if (a > b) {
		perr(ps, col, "range %ld-%ld ends before it starts", a, b);
		return false;
	}
	*from = (int)a;
	*to = (int)b;
	return true;
}

static itakit_framework_era *cur_era(parser *ps)
{
	return &ps->fw->eras[ps->fw->n_eras - 1];
}

static itakit_level_scheme *cur_scheme(parser *ps)
{
	return &ps->fw->schemes[ps->fw->n_schemes - 1];
}

/* Checks what can only be checked once a section is complete. */
static void finish_era(parser *ps)
{
	itakit_framework_era *era = cur_era(ps);
	unsigned line = ps->line;
	ps->line = ps->sec_line;
	double sum = 0;
	for (size_t t = 0; t < era->n_tools; t++) {
		sum += era->tools[t].weight;
		size_t n = 0;
		for (size_t i = 0; i < era->n_indicators; i++)
			n += era->indicators[i].tool == (int)t;
		if (n == 0)
			perr(ps, 1, "tool %s has no indicators in era %d-%d", era->tools[t].code,
			     era->year_from, era->year_to);
	}
	if (era->n_indicators == 0)
		perr(ps, 1, "era %d-%d defines no indicators", era->year_from, era->year_to);
	else if (fabs(sum - 100) > 1e-9)
		perr(ps, 1, "tool weights of era %d-%d sum to %g; they must sum to 100",
		     era->year_from, era->year_to, sum);
	ps->line = line;
}

static void finish_scheme(parser *ps)
{
	itakit_level_scheme *s = cur_scheme(ps);
	if (s->n_levels == 0) {
		unsigned line = ps->line;
		ps->line = ps->sec_line;
		perr(ps, 1, "level scheme %d-%d defines no levels", s->year_from, s->year_to);
		ps->line = line;
	}
}

static void finish_section(parser *ps)
{
	if (ps->sec == SEC_ERA)
		finish_era(ps);
	else if (ps->sec == SEC_LEVELS)
		finish_scheme(ps);
}

static bool grow(parser *ps, void **arr, size_t n, size_t size)
{
	void *p = realloc(*arr, (n + 1) * size);
	if (!p) {
		ps->rc = ITAKIT_ENOMEM;
		return false;
	}
	*arr = p;
	memset((char *)p + n * size, 0, size);
	return true;
}

static void open_era(parser *ps, char *range, unsigned col)
{
	int from, to;
	ps->sec = SEC_BAD;
	if (!parse_range(ps, range, col, &from, &to))
		return;
	itakit_framework *fw = ps->fw;
	if (!grow(ps, (void **)&fw->eras, fw->n_eras, sizeof *fw->eras) ||
	    !grow(ps, (void **)&ps->era_lines, fw->n_eras, sizeof *ps->era_lines))
		return;
	ps->era_lines[fw->n_eras] = ps->line;
	fw->eras[fw->n_eras].year_from = from;
	fw->eras[fw->n_eras].year_to = to;
	fw->n_eras++;
	ps->sec = SEC_ERA;
}

static void open_levels(parser *ps, char *range, unsigned col)
{
	int from, to;
	ps->sec = SEC_BAD;
	if (!parse_range(ps, range, col, &from, &to))
		return;
	itakit_framework *fw = ps->fw;
	if (!grow(ps, (void **)&fw->schemes, fw->n_schemes, sizeof *fw->schemes) ||
	    !grow(ps, (void **)&ps->scheme_lines, fw->n_schemes, sizeof *ps->scheme_lines))
		return;
	ps->scheme_lines[fw->n_schemes] = ps->line;
	fw->schemes[fw->n_schemes].year_from = from;
	fw->schemes[fw->n_schemes].year_to = to;
	fw->n_schemes++;
	ps->sec = SEC_LEVELS;
}

static void parse_section(parser *ps, char *copy, char *s)
{
	finish_section(ps);
	ps->sec_line = ps->line;
	ps->sec = SEC_BAD;
	size_t n = strlen(s);
	if (s[n - 1] != ']') {
		perr(ps, col_of(copy, s), "section header is missing its closing ']'");
		return;
	}
	s[n - 1] = '\0';
	char *name = trim(s + 1);
	char *arg = name;
	while (*arg && !is_blank(*arg))
		arg++;
	if (*arg)
		*arg++ = '\0';
	arg = trim(arg);
	unsigned argcol = col_of(copy, arg);
	if (strcmp(name, "defaults") == 0 && !*arg && ps->defaults_line)
		perr(ps, col_of(copy, name), "a second [defaults] section; the first is on line %u", ps->defaults_line);
	else if (strcmp(name, "defaults") == 0 && !*arg)
		ps->sec = SEC_DEFAULTS, ps->defaults_line = ps->line;
	else if (strcmp(name, "era") == 0)
		open_era(ps, arg, argcol);
	else if (strcmp(name, "levels") == 0)
		open_levels(ps, arg, argcol);
	else
		perr(ps, col_of(copy, name),
		     "unknown section [%s]; expected [defaults], [era FROM-TO] or [levels FROM-TO]", name);
}

static bool want_fields(parser *ps, const char *key, size_t got, size_t want, const char *shape)
{
	if (got == want)
		return true;
	perr(ps, 1, "%s has %zu fields separated by '|', expected %zu: %s", key, got, want, shape);
	return false;
}

/* A percentage 0..100; false (with an error) otherwise. */
static bool parse_percent(parser *ps, const field *f, double *out, const char *what)
{
	if (itakit_text_parse_number(out, f->text) != 0 || *out < 0 || *out > 100) {
		perr(ps, f->col, "%s '%s' is not a number between 0 and 100", what, f->text);
		return false;
	}
	return true;
}

static void parse_tool(parser *ps, field *f, size_t n)
{
	if (!want_fields(ps, "tool", n, 4, "CODE | weight | Thai name | English name"))
		return;
	itakit_framework_era *era = cur_era(ps);
	double w;
	if (!parse_percent(ps, &f[1], &w, "weight"))
		return;
	if (!*f[0].text) {
		perr(ps, f[0].col, "empty tool code");
		return;
	}
	if (itakit_framework_find_tool(era, f[0].text) >= 0) {
		perr(ps, f[0].col, "tool %s is defined twice in this era", f[0].text);
		return;
	}
	if (era->n_tools == ITAKIT_MAX_TOOLS) {
		perr(ps, f[0].col, "more than %d tools in one era", ITAKIT_MAX_TOOLS);
		return;
	}
	itakit_tool_def *t = &era->tools[era->n_tools++];
	t->weight = w;
	t->code = dup_or_oom(ps, f[0].text);
	t->name_th = dup_or_oom(ps, f[2].text);
	t->name_en = dup_or_oom(ps, f[3].text);
}

static void tool_list(const itakit_framework_era *era, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < era->n_tools; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? ", " : "", era->tools[i].code);
	if (!buf[0])
		snprintf(buf, size, "none yet; define tools before indicators");
}

static void parse_indicator(parser *ps, field *f, size_t n)
{
	if (!want_fields(ps, "indicator", n, 4, "code | tool CODE | Thai name | English name"))
		return;
	itakit_framework_era *era = cur_era(ps);
	long code = parse_int(f[0].text);
	long want = (long)era->n_indicators + 1;
	if (code != want) {
		perr(ps, f[0].col, "indicator code '%s' out of sequence: expected %ld (codes run 1, 2, 3... in order)",
		     f[0].text, want);
		return;
	}
	if (era->n_indicators == ITAKIT_MAX_INDICATORS) {
		perr(ps, f[0].col, "more than %d indicators in one era", ITAKIT_MAX_INDICATORS);
		return;
	}
	int tool = itakit_framework_find_tool(era, f[1].text);
	if (tool < 0) {
		char tools[128];
		tool_list(era, tools, sizeof tools);
		perr(ps, f[1].col, "unknown tool '%s'; tools of this era: %s", f[1].text, tools);
		return;
	}
	itakit_indicator_def *ind = &era->indicators[era->n_indicators++];
	ind->code = (int)code;
	ind->tool = tool;
	ind->name_th = dup_or_oom(ps, f[2].text);
	ind->name_en = dup_or_oom(ps, f[3].text);
}

static void parse_alias(parser *ps, field *f, size_t n)
{
	if (!want_fields(ps, "alias", n, 2, "code | another name"))
		return;
	itakit_framework_era *era = cur_era(ps);
	long code = parse_int(f[0].text);
	if (code < 1 || code > (long)era->n_indicators) {
		perr(ps, f[0].col, "alias for unknown indicator '%s'; define the indicator first", f[0].text);
		return;
	}
	if (!*f[1].text) {
		perr(ps, f[1].col, "empty alias");
		return;
	}
	char *key = itakit_text_match_key(f[1].text);
	if (!key || !grow(ps, (void **)&era->aliases, era->n_aliases, sizeof *era->aliases)) {
		free(key);
		ps->rc = ITAKIT_ENOMEM;
		return;
	}
	/* an alias that names another indicator would make a name mean two */
	for (size_t i = 0; i < era->n_indicators; i++) {
		const itakit_indicator_def *ind = &era->indicators[i];
		char *th = itakit_text_match_key(ind->name_th), *en = itakit_text_match_key(ind->name_en);
		bool other = ind->code != (int)code && ((th && strcmp(th, key) == 0) || (en && strcmp(en, key) == 0));
		free(th);
		free(en);
		if (other) {
			perr(ps, f[1].col, "alias '%s' for indicator %ld is the name of indicator %d", f[1].text, code, ind->code);
			free(key);
			return;
		}
	}
	for (size_t i = 0; i < era->n_aliases; i++) {
		if (strcmp(era->aliases[i].key, key) == 0) {
			perr(ps, f[1].col, "alias '%s' is given twice in this era (for indicators %d and %ld)", f[1].text,
			     era->aliases[i].code, code);
			free(key);
			return;
		}
	}
	era->aliases[era->n_aliases].key = key;
	era->aliases[era->n_aliases].code = (int)code;
	era->n_aliases++;
}

/* Levels go best first: each needs a lower min overall than the one before,
 * or the same min with a weaker tool condition (ผ่านดี, then ผ่าน). */
static bool level_order_ok(const itakit_level_def *prev, const itakit_level_def *l)
{
	return l->min_overall < prev->min_overall ||
	       (l->min_overall == prev->min_overall && l->min_each_tool < prev->min_each_tool);
}

static void parse_level(parser *ps, field *f, size_t n)
{
	if (!want_fields(ps, "level", n, 4, "Thai label | English label | min overall | min of each tool, or -"))
		return;
	itakit_level_scheme *s = cur_scheme(ps);
	itakit_level_def l = {0};
	if (!parse_percent(ps, &f[2], &l.min_overall, "min overall"))
		return;
	l.min_each_tool = -1;
	if (strcmp(f[3].text, "-") != 0 && !parse_percent(ps, &f[3], &l.min_each_tool, "min of each tool"))
		return;
	if (!*f[0].text) {
		perr(ps, f[0].col, "empty level label");
		return;
	}
	if (s->n_levels == ITAKIT_MAX_LEVELS) {
		perr(ps, f[0].col, "more than %d levels in one scheme", ITAKIT_MAX_LEVELS);
		return;
	}
	if (s->n_levels && !level_order_ok(&s->levels[s->n_levels - 1], &l)) {
		perr(ps, f[2].col, "level %s must come before %s: list levels best first, with decreasing min overall",
		     f[0].text, s->levels[s->n_levels - 1].name_th);
		return;
	}
	l.name_th = dup_or_oom(ps, f[0].text);
	l.name_en = dup_or_oom(ps, f[1].text);
	s->levels[s->n_levels++] = l;
}

static void parse_default(parser *ps, const char *key, field *f, size_t n)
{
	double v;
	unsigned *seen = strcmp(key, "threshold") == 0 ? &ps->threshold_line : &ps->target_line;
	if (*seen) {
		perr(ps, 1, "%s is given twice; the first is on line %u", key, *seen);
		return;
	}
	*seen = ps->line;
	if (!want_fields(ps, key, n, 1, "a number between 0 and 100") || !parse_percent(ps, f, &v, key))
		return;
	if (strcmp(key, "threshold") == 0)
		ps->fw->threshold = v;
	else if (strcmp(key, "pass_line") == 0)
		ps->fw->pass_line = v;
	else
		ps->fw->target = v;
}

static void parse_entry(parser *ps, char *copy, char *s)
{
	char *eq = strchr(s, '=');
	if (!eq) {
		perr(ps, col_of(copy, s), "expected 'key = value', a [section] header or a # comment");
		return;
	}
	*eq = '\0';
	char *key = trim(s);
	unsigned keycol = col_of(copy, key);
	field f[MAX_VALUE_FIELDS];
	size_t n = split_fields(copy, eq + 1, f, MAX_VALUE_FIELDS);
	switch (ps->sec) {
	case SEC_BAD:
		return; /* the section header was already reported */
	case SEC_NONE:
		perr(ps, keycol, "'%s' outside any section; start with [defaults] or [era FROM-TO]", key);
		return;
	case SEC_DEFAULTS:
		if (strcmp(key, "threshold") == 0 || strcmp(key, "target") == 0 || strcmp(key, "pass_line") == 0)
			parse_default(ps, key, f, n);
		else
			perr(ps, keycol, "unknown key '%s' in [defaults]; expected pass_line, threshold or target", key);
		return;
	case SEC_ERA:
		if (strcmp(key, "tool") == 0)
			parse_tool(ps, f, n);
		else if (strcmp(key, "indicator") == 0)
			parse_indicator(ps, f, n);
		else if (strcmp(key, "alias") == 0)
			parse_alias(ps, f, n);
		else
			perr(ps, keycol, "unknown key '%s' in an era; expected tool, indicator or alias", key);
		return;
	case SEC_LEVELS:
		if (strcmp(key, "level") == 0)
			parse_level(ps, f, n);
		else
			perr(ps, keycol, "unknown key '%s' in a level scheme; expected level", key);
		return;
	}
}

static void parse_line(parser *ps, char *copy)
{
	char *s = trim(copy);
	if (!*s || *s == '#')
		return;
	if (*s == '[')
		parse_section(ps, copy, s);
	else
		parse_entry(ps, copy, s);
}

/* Ranges of the same kind must not overlap; reported on the later header. */
static void check_overlap(parser *ps, const char *what, unsigned line_i, int fi, int ti,
			  unsigned line_j, int fj, int tj)
{
	if (fi <= tj && fj <= ti) {
		ps->line = line_i;
		perr(ps, 1, "%s %d-%d overlaps %s %d-%d (line %u)", what, fi, ti, what, fj, tj, line_j);
	}
}

static void check_whole(parser *ps)
{
	const itakit_framework *fw = ps->fw;
	for (size_t i = 0; i < fw->n_eras; i++)
		for (size_t j = 0; j < i; j++)
			check_overlap(ps, "era", ps->era_lines[i], fw->eras[i].year_from, fw->eras[i].year_to,
				      ps->era_lines[j], fw->eras[j].year_from, fw->eras[j].year_to);
	for (size_t i = 0; i < fw->n_schemes; i++)
		for (size_t j = 0; j < i; j++)
			check_overlap(ps, "level scheme", ps->scheme_lines[i], fw->schemes[i].year_from,
				      fw->schemes[i].year_to, ps->scheme_lines[j],
				      fw->schemes[j].year_from, fw->schemes[j].year_to);
	if (fw->n_eras == 0) {
		ps->line = 0;
		perr(ps, 0, "no [era FROM-TO] section: the framework defines no indicators");
	}
}

static int parse_lines(parser *ps, const char *text, size_t len)
{
	char *copy = NULL;
	size_t cap = 0;
	size_t pos = 0, start, n;
	while (ps->rc == 0 && itakit__input_next_line(text, len, &pos, &start, &n)) {
		const char *p = text + start;
		if (n + 1 > cap) {
			char *c = realloc(copy, n + 1);
			if (!c) {
				ps->rc = ITAKIT_ENOMEM;
				break;
			}
			copy = c;
			cap = n + 1;
		}
		memcpy(copy, p, n);
		copy[n] = '\0';
		ps->line++;
		parse_line(ps, copy);
	}
	free(copy);
	if (ps->rc == 0) {
		finish_section(ps);
		check_whole(ps);
	}
	return ps->rc;
}

int itakit_framework_parse(itakit_framework *out, const char *text, size_t len,
			   const char *filename, itakit_diag_list *diags)
{
	parser ps = {0};
	ps.fw = out;
	ps.file = filename;
	ps.diags = diags;
	size_t errors_before = diags->errors;
	/* the bytes as UTF-8 text (BOM, UTF-16, Windows-874) */
	itakit_input in;
	itakit__input_init(&in, filename, diags);
	itakit_input_text t;
	int rc = itakit__input_decode(&t, &in, text, len);
	if (rc == 0) {
		rc = parse_lines(&ps, t.text, t.len);
		itakit__input_text_release(&t);
	} else if (rc > 0) {
		rc = ITAKIT_EINPUT;
	}
	free(ps.era_lines);
	free(ps.scheme_lines);
	if (rc == 0 && ps.rc)
		rc = ps.rc;
	if (rc == 0 && diags->errors > errors_before)
		rc = ITAKIT_EINPUT;
	if (rc == 0 && !(out->source = strdup(filename ? filename : BUILTIN_NAME)))
		rc = ITAKIT_ENOMEM;
	if (rc != 0) {
		itakit_framework_release(out);
		if (rc == ITAKIT_ENOMEM)
			return itakit_error_set(rc, "out of memory");
		return itakit_error_set(rc, "%s: invalid framework file", filename ? filename : BUILTIN_NAME);
	}
	return 0;
}

int itakit_framework_load(itakit_framework *out, const char *path, itakit_diag_list *diags)
{
	char *text = NULL;
	size_t len = 0;
	const char *name = path ? path : ITAKIT_DATA_DIR "/framework.ini";
	int rc = itakit_file_read(&text, &len, name, MAX_FRAMEWORK_BYTES);
	if (rc != 0 && path)
		return rc;
	if (rc != 0) /* no source tree around: the compiled-in copy */
		return itakit_framework_parse(out, (const char *)itakit__embedded_framework,
					      (size_t)itakit__embedded_framework_len, BUILTIN_NAME, diags);
	rc = itakit_framework_parse(out, text, len, name, diags);
	free(text);
	return rc;
}

/* ---- lookups ----------------------------------------------------------- */

static bool in_range(int year, int from, int to)
{
	return year >= from && year <= to;
}

const itakit_framework_era *itakit_framework_era_for(const itakit_framework *fw, int year)
{
	for (size_t i = 0; i < fw->n_eras; i++)
		if (in_range(year, fw->eras[i].year_from, fw->eras[i].year_to))
			return &fw->eras[i];
	return NULL;
}

const itakit_level_scheme *itakit_framework_scheme_for(const itakit_framework *fw, int year)
{
	for (size_t i = 0; i < fw->n_schemes; i++)
		if (in_range(year, fw->schemes[i].year_from, fw->schemes[i].year_to))
			return &fw->schemes[i];
	return NULL;
}

static int distance(int year, int from, int to)
{
	return year < from ? from - year : year > to ? year - to : 0;
}

const itakit_framework_era *itakit_framework_era_nearest(const itakit_framework *fw, int year)
{
	const itakit_framework_era *best = NULL;
	int best_d = 0;
	for (size_t i = 0; i < fw->n_eras; i++) {
		int d = distance(year, fw->eras[i].year_from, fw->eras[i].year_to);
		if (!best || d < best_d)
			best = &fw->eras[i], best_d = d;
	}
	return best;
}

/* True when the match keys of a and b are equal. */
static bool same_key(const char *key, const char *name)
{
	if (!name)
		return false;
	char *k = itakit_text_match_key(name);
	bool same = k && strcmp(k, key) == 0;
	free(k);
	return same;
}

static const char *skip_prefix(const char *key, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(key, prefix, n) == 0 ? key + n : key;
}

/* "6", "๖", "6.", "ตัวชี้วัดที่6", "indicator6" (spaces are gone from keys). */
static int code_in_key(const char *key)
{
	const char *prefixes[] = {"ตัวชี้วัดที่", "ตัวชี้วัด", "indicator", "no."};
	const char *p = key;
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes && p == key; i++)
		p = skip_prefix(key, prefixes[i]);
	int code = 0;
	size_t digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
		code = code * 10 + (*p - '0');
	if (*p == '.')
		p++;
	return digits && digits < 3 && !*p ? code : 0;
}

int itakit_framework_find_indicator(const itakit_framework_era *era, const char *text)
{
	if (!era || !text)
		return 0;
	char *key = itakit_text_match_key(text);
	if (!key)
		return 0;
	int code = code_in_key(key);
	if (code < 1 || code > (int)era->n_indicators)
		code = 0;
	for (size_t i = 0; !code && i < era->n_aliases; i++)
		if (strcmp(era->aliases[i].key, key) == 0)
			code = era->aliases[i].code;
	for (size_t i = 0; !code && i < era->n_indicators; i++)
		if (same_key(key, era->indicators[i].name_th) || same_key(key, era->indicators[i].name_en))
			code = era->indicators[i].code;
	free(key);
	return code;
}

int itakit_framework_find_tool(const itakit_framework_era *era, const char *text)
{
	if (!era || !text)
		return -1;
	char *key = itakit_text_match_key(text);
	if (!key)
		return -1;
	int found = -1;
	for (size_t i = 0; found < 0 && i < era->n_tools; i++) {
		const itakit_tool_def *t = &era->tools[i];
		if (same_key(key, t->code) || same_key(key, t->name_th) || same_key(key, t->name_en))
			found = (int)i;
	}
	free(key);
	return found;
}

bool itakit_framework_is_overall(const char *text)
{
	static const char *const names[] = {"overall", "ภาพรวม", "total", "คะแนนรวม", "คะแนนภาพรวม",
					    "overallscore", "totalscore", "ita"};
	if (!text)
		return false;
	char *key = itakit_text_match_key(text);
	bool found = false;
	for (size_t i = 0; key && !found && i < sizeof names / sizeof *names; i++)
		found = strcmp(key, names[i]) == 0;
	free(key);
	return found;
}

double itakit_framework_indicator_weight(const itakit_framework_era *era, int code)
{
	if (!era || code < 1 || code > (int)era->n_indicators)
		return 0;
	int tool = era->indicators[code - 1].tool;
	size_t n = 0;
	for (size_t i = 0; i < era->n_indicators; i++)
		n += era->indicators[i].tool == tool;
	return era->tools[tool].weight / (double)n;
}
