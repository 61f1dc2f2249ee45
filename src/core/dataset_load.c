/* CSV files to the dataset: what the bytes are (encoding, binary formats),
 * the header (long or wide layout), then each row, checked and merged.
 * Every problem becomes a FILE:LINE:COLUMN diagnostic and reading goes on,
 * so that one run shows all of them (up to the list's cap). */
#include "dataset_impl.h"
#include "input.h"
#include "itakit/workbook.h"
#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_MAX_FIELD_BYTES 4096
#define DEFAULT_MAX_COLUMNS 256
#define DEFAULT_MAX_ROWS 5000000
#define DEFAULT_MAX_FILE_BYTES ITAKIT_LOAD_MAX_FILE_BYTES
#define CACHE_SIZE 128
#define BINARY_SAMPLE 65536 /* what a device is judged on */

typedef struct {
	size_t field, columns, rows, file;
} limits;

typedef enum { T_NONE, T_INDICATOR, T_TOOL, T_OVERALL } target_kind;

/* What a score is of: indicator code n, tool index n, or the overall. */
typedef struct {
	target_kind kind;
	int n;
} target;

typedef enum {
	COL_IGNORED,   /* empty header cell */
	COL_EXTRA,     /* kept in unit->attrs */
	COL_UNIT, COL_YEAR, COL_INDICATOR, COL_SCORE, COL_CODE, COL_GROUP,
	COL_VALUE,     /* wide layout: a score column */
	COL_N
} col_role;

typedef struct {
	col_role role;
	char *name;        /* header text, normalised */
	unsigned column;
	bool overall;      /* COL_VALUE: the overall score */
	target *per_era;   /* COL_VALUE: what the column is in each era */
} column;

typedef enum { R_OK, R_UNKNOWN, R_NO_ERA } resolve_status;

typedef struct {
	char *raw;
	int year;
	resolve_status status;
	target t;
} cache_entry;

typedef struct {
	itakit_dataset *ds;
	const itakit_framework *fw;
	itakit_diag_list *diags;
	const char *name;
	itakit_input in;          /* diagnostics go through it (file or sheet) */
	uint32_t file;
	limits lim;
	const char *unit_name;    /* for a file without a unit column */
	itakit_csv_field unit_field; /* its stand-in for the unit cell */

	bool have_header, wide;
	unsigned header_line;
	column *cols;
	size_t n_cols;
	int role_col[COL_N];      /* column of each one-of role, -1 when absent */
	size_t data_rows;
	unsigned last_line;       /* of the record being read, for running out of memory */

	itakit_identity identity;
	/* consecutive rows name the same unit: its name, code and group cells */
	char *last_name, *last_code, *last_group;
	bool last_ok;
	size_t last_unit;
	cache_entry cache[CACHE_SIZE];
	size_t n_cache;
	int rc;                   /* ITAKIT_ENOMEM */
} loader;

/* ---- diagnostics --------------------------------------------------------- */

static void ldiag(loader *L, itakit_diag_severity sev, unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
static void ldiag(loader *L, itakit_diag_severity sev, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	if (itakit__input_vdiag(&L->in, sev, line, col, fmt, ap) < 0)
		L->rc = ITAKIT_ENOMEM;
}

static void lerr(loader *L, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void lerr(loader *L, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ldiag(L, ITAKIT_DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
}

static void lwarn(loader *L, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void lwarn(loader *L, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ldiag(L, ITAKIT_DIAG_WARNING, line, col, fmt, ap);
	va_end(ap);
}

static void ferr(loader *L, const itakit_csv_field *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void ferr(loader *L, const itakit_csv_field *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ldiag(L, ITAKIT_DIAG_ERROR, f->line, f->column, fmt, ap);
	va_end(ap);
}

/* s, cut to a readable length at a character boundary, for quoting. */
static const char *shorten(char *buf, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n < size) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	size_t cut = size - 4;
	while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(buf, s, cut);
	memcpy(buf + cut, "...", 4);
	return buf;
}

#define SHORT(s) shorten((char[64]){0}, 64, (s))
/* Unit names and groups: Thai names take three bytes a letter. */
#define SHORT_NAME(s) shorten((char[256]){0}, 256, (s))

/* ---- the header ----------------------------------------------------------- */

static const char *const UNIT_NAMES[] = {
	"unit", "หน่วยงาน", "agency", "name", "ชื่อหน่วยงาน", "unitname", "agencyname", "organization",
	"organisation", "ชื่อ", "หน่วยงานภาครัฐ", "ส่วนราชการ", "ชื่อส่วนราชการ", NULL};
static const char *const YEAR_NAMES[] = {
	"year", "ปี", "ปีงบประมาณ", "fiscalyear", "fy", "budgetyear", "พ.ศ.", "ปีพ.ศ.",
	"ปีงบประมาณพ.ศ.", "ปีงบ", NULL};
static const char *const INDICATOR_NAMES[] = {
	"indicator", "ตัวชี้วัด", "ตัวชี้วัดที่", "indicatorcode", "indicatorname", "รหัสตัวชี้วัด",
	"ชื่อตัวชี้วัด", NULL};
static const char *const SCORE_NAMES[] = {
	"score", "คะแนน", "value", "points", "ผลคะแนน", "คะแนนที่ได้", "ค่าคะแนน", NULL};
static const char *const CODE_NAMES[] = {
	"code", "รหัส", "unitcode", "รหัสหน่วยงาน", "agencycode", "id", "unitid", NULL};
static const char *const GROUP_NAMES[] = {
	"group", "กลุ่ม", "zone", "กลุ่มเขต", "ministry", "กระทรวง", "กลุ่มหน่วยงาน", "unitgroup",
	"region", NULL};

static const struct {
	col_role role;
	const char *what;
	const char *const *names;
} ROLES[] = {
	{COL_UNIT, "unit", UNIT_NAMES},
	{COL_YEAR, "year", YEAR_NAMES},
	{COL_INDICATOR, "indicator", INDICATOR_NAMES},
	{COL_SCORE, "score", SCORE_NAMES},
	{COL_CODE, "unit code", CODE_NAMES},
	{COL_GROUP, "group", GROUP_NAMES},
};

static const char *role_what(col_role role)
{
	for (size_t i = 0; i < sizeof ROLES / sizeof *ROLES; i++)
		if (ROLES[i].role == role)
			return ROLES[i].what;
	return "score";
}

/* "unit, หน่วยงาน, agency, name": the first names, for messages. */
static const char *role_examples(col_role role, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof ROLES / sizeof *ROLES; i++)
		for (size_t j = 0; ROLES[i].role == role && ROLES[i].names[j] && j < 4; j++)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", j ? ", " : "", ROLES[i].names[j]);
	return buf;
}

/* Header match key: as for names, and "_" or "-" do not count (unit_code). */
static char *header_key(const char *text)
{
	char *key = itakit_text_match_key(text);
	if (!key)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; key[i]; i++)
		if (key[i] != '_' && key[i] != '-')
			key[o++] = key[i];
	key[o] = '\0';
	return key;
}

static col_role known_role(const char *key)
{
	for (size_t i = 0; i < sizeof ROLES / sizeof *ROLES; i++)
		for (size_t j = 0; ROLES[i].names[j]; j++)
			if (strcmp(key, ROLES[i].names[j]) == 0)
				return ROLES[i].role;
	return COL_EXTRA;
}

/* Headers people give the overall score in a wide sheet, besides the
 * framework's own words for it (itakit_framework_is_overall). */
static const char *const OVERALL_HEADERS[] = {
	"คะแนนita", "itascore", "คะแนนitaภาพรวม", "ผลคะแนนita", "ผลการประเมิน", "ผลการประเมินita",
	"คะแนนการประเมิน", "คะแนนรวมita", NULL};

static bool overall_header(const char *text)
{
	if (itakit_framework_is_overall(text))
		return true;
	char *key = header_key(text);
	bool found = false;
	for (size_t i = 0; key && OVERALL_HEADERS[i] && !found; i++)
		found = strcmp(key, OVERALL_HEADERS[i]) == 0;
	free(key);
	return found;
}

/* The column of a scores table a header cell names (see input.h): unit,
 * year, indicator, score, code, group, or a score column of the wide layout
 * (an overall, a tool, an indicator number: counted once together); -1. */
static int role_of(const char *text)
{
	char *key = header_key(text);
	if (!key)
		return -1;
	col_role role = *key ? known_role(key) : COL_IGNORED;
	size_t digits = strspn(key, "0123456789");
	if (role == COL_EXTRA && (overall_header(text) || (digits && digits <= 2 && !key[digits]) ||
				  strcmp(key, "iit") == 0 || strcmp(key, "eit") == 0 || strcmp(key, "oit") == 0))
		role = COL_VALUE;
	free(key);
	return role > COL_EXTRA ? (int)role : -1;
}

size_t itakit__dataset_header_columns(const itakit_csv_record *header)
{
	return itakit__header_columns(header, role_of);
}

static bool scores_header(const itakit_csv_record *header)
{
	return itakit__table_kind(header) == ITAKIT_TABLE_SCORES;
}

/* An indicator as people number it: "1. การปฏิบัติหน้าที่", "ตัวชี้วัดที่ 1
 * การปฏิบัติหน้าที่", "1) ...". The number decides, and a name after it must
 * be that indicator's (else it is unknown: one of the two is a mistake). */
static int find_indicator(const itakit_framework_era *era, const char *text)
{
	int code = itakit_framework_find_indicator(era, text);
	if (code || !era)
		return code;
	char *key = itakit_text_match_key(text);
	if (!key)
		return 0;
	static const char *const prefixes[] = {"ตัวชี้วัดที่", "ตัวชี้วัด", "indicator", "no."};
	const char *p = key;
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes && p == key; i++)
		if (strncmp(key, prefixes[i], strlen(prefixes[i])) == 0)
			p = key + strlen(prefixes[i]);
	size_t digits = 0;
	for (; p[digits] >= '0' && p[digits] <= '9'; digits++)
		if (digits < 3) /* codes have one or two digits; more is refused below */
			code = code * 10 + (p[digits] - '0');
	p += digits;
	if (*p && strchr(".):-", *p))
		p++;
	if (digits == 0 || digits > 2 || !*p || code > (int)era->n_indicators ||
	    itakit_framework_find_indicator(era, p) != code)
		code = 0;
	free(key);
	return code;
}

/* A wide-layout column: what it is in each era, if anything. */
static bool value_column(loader *L, column *c, const char *text)
{
	if (overall_header(text)) {
		c->overall = true;
		return true;
	}
	size_t n = L->fw->n_eras;
	c->per_era = calloc(n ? n : 1, sizeof *c->per_era);
	if (!c->per_era) {
		L->rc = ITAKIT_ENOMEM;
		return false;
	}
	bool any = false;
	for (size_t e = 0; e < n; e++) {
		const itakit_framework_era *era = &L->fw->eras[e];
		int code = find_indicator(era, text);
		int tool = code ? -1 : itakit_framework_find_tool(era, text);
		if (code)
			c->per_era[e] = (target){T_INDICATOR, code};
		else if (tool >= 0)
			c->per_era[e] = (target){T_TOOL, tool};
		any |= code || tool >= 0;
	}
	if (!any) {
		free(c->per_era);
		c->per_era = NULL;
	}
	return any;
}

static void classify(loader *L, size_t i, const itakit_csv_field *f)
{
	column *c = &L->cols[i];
	c->column = f->column;
	c->name = itakit_text_normalize(f->text);
	char *key = header_key(f->text);
	if (!c->name || !key) {
		free(key);
		L->rc = ITAKIT_ENOMEM;
		return;
	}
	c->role = *key ? known_role(key) : COL_IGNORED;
	free(key);
	if (c->role == COL_EXTRA && value_column(L, c, f->text))
		c->role = COL_VALUE;
	if (c->role < COL_UNIT || c->role == COL_VALUE)
		return;
	int first = L->role_col[c->role];
	if (first >= 0)
		ferr(L, f, "a second %s column ('%s'); column %u is the %s already", role_what(c->role),
		     SHORT(c->name), L->cols[first].column, role_what(c->role));
	else
		L->role_col[c->role] = (int)i;
}

static bool same_target(const column *a, const column *b, size_t n_eras)
{
	if (a->overall || b->overall)
		return a->overall && b->overall;
	for (size_t e = 0; e < n_eras; e++)
		if (a->per_era[e].kind != T_NONE && a->per_era[e].kind == b->per_era[e].kind &&
		    a->per_era[e].n == b->per_era[e].n)
			return true;
	return false;
}

static void check_value_repeats(loader *L)
{
	for (size_t i = 0; i < L->n_cols; i++)
		for (size_t j = 0; j < i; j++)
			if (L->cols[i].role == COL_VALUE && L->cols[j].role == COL_VALUE &&
			    same_target(&L->cols[i], &L->cols[j], L->fw->n_eras)) {
				lerr(L, L->header_line, L->cols[i].column,
				     "column '%s' gives the same score as column %u ('%s')",
				     SHORT(L->cols[i].name), L->cols[j].column, SHORT(L->cols[j].name));
				break;
			}
}

static void report_unknown_columns(loader *L)
{
	for (size_t i = 0; i < L->n_cols; i++)
		if (L->cols[i].role == COL_EXTRA)
			lerr(L, L->header_line, L->cols[i].column, "unknown column '%s'", SHORT(L->cols[i].name));
}

static void report_missing(loader *L, col_role role, const char *why)
{
	char ex[128];
	lerr(L, L->header_line, 1, "no %s column%s; name it one of: %s", role_what(role), why,
	     role_examples(role, ex, sizeof ex));
}

/* Long layout has indicator and score columns; wide has score columns
 * named by indicator, tool or "overall". */
static bool choose_layout(loader *L)
{
	size_t n_values = 0;
	for (size_t i = 0; i < L->n_cols; i++)
		n_values += L->cols[i].role == COL_VALUE;
	bool is_long = L->role_col[COL_INDICATOR] >= 0 || L->role_col[COL_SCORE] >= 0;
	bool no_unit = L->role_col[COL_UNIT] < 0 && !L->unit_name;
	bool missing = no_unit || L->role_col[COL_YEAR] < 0 ||
		       (is_long && (L->role_col[COL_INDICATOR] < 0 || L->role_col[COL_SCORE] < 0)) ||
		       (!is_long && n_values == 0);
	if (!missing) {
		L->wide = !is_long;
		return true;
	}
	report_unknown_columns(L);
	if (no_unit) {
		char ex[128];
		lerr(L, L->header_line, 1, "no unit column; name it one of: %s; or, for a file of one agency, "
		     "name the agency with --unit NAME", role_examples(COL_UNIT, ex, sizeof ex));
	}
	if (L->role_col[COL_YEAR] < 0)
		report_missing(L, COL_YEAR, "");
	if (is_long && L->role_col[COL_INDICATOR] < 0)
		report_missing(L, COL_INDICATOR, " to go with the score column");
	if (is_long && L->role_col[COL_SCORE] < 0)
		report_missing(L, COL_SCORE, " to go with the indicator column");
	if (!is_long && n_values == 0)
		lerr(L, L->header_line, 1, "no score columns; expected either the long layout "
		     "(unit, year, indicator, score) or the wide layout (unit, year, then one column "
		     "per indicator: 1, 2, ... or their names, IIT/EIT/OIT, overall)");
	return false;
}

static int read_header(loader *L, const itakit_csv_record *rec)
{
	L->header_line = rec->line;
	if (rec->n_fields_seen > L->lim.columns) {
		lerr(L, rec->line, 1, "the header has more than %zu columns (the limit)", L->lim.columns);
		return 1;
	}
	L->cols = calloc(rec->n_fields, sizeof *L->cols);
	if (!L->cols)
		return ITAKIT_ENOMEM;
	L->n_cols = rec->n_fields;
	size_t errors = L->diags->errors;
	for (size_t i = 0; i < L->n_cols && !L->rc; i++)
		classify(L, i, &rec->fields[i]);
	if (L->rc)
		return L->rc;
	/* "unit, year, 1..10, ผลคะแนน": in a sheet with a column per indicator
	 * and no indicator column, a column named like a long file's score
	 * ("คะแนน", "ผลคะแนน") is the overall. Without columns per indicator
	 * it stays the long layout's (a mistyped indicator column is then
	 * reported, not read as overall scores). */
	int score = L->role_col[COL_SCORE];
	bool per_indicator = false;
	for (size_t i = 0; i < L->n_cols; i++)
		per_indicator |= L->cols[i].role == COL_VALUE && !L->cols[i].overall;
	if (score >= 0 && L->role_col[COL_INDICATOR] < 0 && per_indicator) {
		L->cols[score].role = COL_VALUE;
		L->cols[score].overall = true;
		L->role_col[COL_SCORE] = -1;
	}
	check_value_repeats(L);
	if (!choose_layout(L) || L->diags->errors > errors)
		return 1; /* rows cannot be read without their columns */
	for (size_t i = 0; L->wide && i < L->n_cols; i++)
		if (L->cols[i].role == COL_EXTRA)
			lwarn(L, rec->line, L->cols[i].column, "column '%s' is not an indicator, tool or overall "
			      "score; kept as extra information about the unit", SHORT(L->cols[i].name));
	L->have_header = true;
	return L->rc;
}

/* ---- fields --------------------------------------------------------------- */

static bool blank_text(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static bool get_year(loader *L, const itakit_csv_field *f, int *year)
{
	if (blank_text(f->text)) {
		ferr(L, f, "missing year; expected a fiscal year such as 2566 (BE) or 2023 (CE)");
		return false;
	}
	if (itakit_text_parse_year(year, f->text) != 0) {
		ferr(L, f, "'%s' is not a fiscal year; expected a year such as 2566 (BE) or 2023 (CE)",
		     SHORT(f->text));
		return false;
	}
	return true;
}

static bool get_score(loader *L, const itakit_csv_field *f, double *v)
{
	if (blank_text(f->text)) {
		ferr(L, f, "missing score; expected a number between 0 and 100");
		return false;
	}
	if (itakit_text_parse_number(v, f->text) != 0) {
		ferr(L, f, "score '%s' is not a number; expected a number between 0 and 100 "
		     "(digits and '.', Thai digits allowed)", SHORT(f->text));
		return false;
	}
	if (*v < 0 || *v > 100) {
		ferr(L, f, "score %s is outside 0-100", SHORT(f->text));
		return false;
	}
	return true;
}

static bool check_unit_name(loader *L, const itakit_csv_field *f)
{
	if (!blank_text(f->text))
		return true;
	ferr(L, f, "missing unit name");
	return false;
}

/* "2563-2568" or "2563-2568, 2569-2575": the years the framework covers. */
static const char *coverage(const itakit_framework *fw, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t e = 0; e < fw->n_eras; e++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%d-%d", e ? ", " : "",
			 fw->eras[e].year_from, fw->eras[e].year_to);
	return buf;
}

static void report_no_era(loader *L, const itakit_csv_field *f, int year)
{
	char cov[128];
	ferr(L, f, "no indicators are defined for %d: the framework covers %s; "
	     "give one that covers %d with --framework FILE", year, coverage(L->fw, cov, sizeof cov), year);
}

static resolve_status resolve(const itakit_framework *fw, const char *text, int year, target *t)
{
	if (itakit_framework_is_overall(text)) {
		*t = (target){T_OVERALL, 0};
		return R_OK;
	}
	int tool = itakit_framework_find_tool(itakit_framework_era_nearest(fw, year), text);
	if (tool >= 0) {
		*t = (target){T_TOOL, tool};
		return R_OK;
	}
	const itakit_framework_era *era = itakit_framework_era_for(fw, year);
	int code = find_indicator(era, text);
	if (code) {
		*t = (target){T_INDICATOR, code};
		return R_OK;
	}
	for (size_t e = 0; !era && e < fw->n_eras; e++)
		if (find_indicator(&fw->eras[e], text))
			return R_NO_ERA;
	return R_UNKNOWN;
}

/* resolve(), remembered: a long file names the same few indicators on
 * every row, and each lookup normalises several names. */
static resolve_status resolve_cached(loader *L, const char *text, int year, target *t)
{
	for (size_t i = 0; i < L->n_cache; i++) {
		cache_entry *c = &L->cache[i];
		if (c->year == year && strcmp(c->raw, text) == 0) {
			*t = c->t;
			return c->status;
		}
	}
	resolve_status st = resolve(L->fw, text, year, t);
	if (L->n_cache < CACHE_SIZE) {
		cache_entry *c = &L->cache[L->n_cache];
		if ((c->raw = strdup(text))) {
			c->year = year, c->status = st, c->t = *t;
			L->n_cache++;
		}
	}
	return st;
}

static bool get_target(loader *L, const itakit_csv_field *f, int year, bool year_ok, target *t)
{
	if (blank_text(f->text)) {
		ferr(L, f, "missing indicator; expected a code such as 1, a name, IIT/EIT/OIT or overall");
		return false;
	}
	/* With a bad year (already reported), still check the text against
	 * the first era. */
	int probe = year_ok ? year : (L->fw->n_eras ? L->fw->eras[0].year_from : 2566);
	resolve_status st = resolve_cached(L, f->text, probe, t);
	if (st == R_NO_ERA) {
		report_no_era(L, f, year);
	} else if (st == R_UNKNOWN) {
		const itakit_framework_era *near = itakit_framework_era_nearest(L->fw, probe);
		ferr(L, f, "unknown indicator '%s'; expected a code 1-%zu, an indicator name "
		     "(Thai or English), IIT/EIT/OIT, or overall/ภาพรวม", SHORT(f->text),
		     near ? near->n_indicators : 0);
	}
	return st == R_OK;
}

/* ---- storing -------------------------------------------------------------- */

static void describe(const loader *L, target t, int year, char *buf, size_t size)
{
	const itakit_framework_era *era = itakit_framework_era_nearest(L->fw, year);
	if (t.kind == T_INDICATOR)
		snprintf(buf, size, "indicator %d", t.n);
	else if (t.kind == T_TOOL && era)
		snprintf(buf, size, "%s", era->tools[t.n].code);
	else
		snprintf(buf, size, "the overall score");
}

static void report_duplicate(loader *L, size_t unit, int year, target t, double old,
			     origin o, const itakit_csv_field *f)
{
	char what[64], where[600] = "";
	describe(L, t, year, what, sizeof what);
	if (o.file != L->file)
		snprintf(where, sizeof where, " of %s", L->ds->files[o.file]);
	ferr(L, f, "a second, different score for %s of %s in %d: %s here, %.15g on line %u%s",
	     what, SHORT(L->ds->units[unit].name), year, SHORT(f->text), old, o.line, where);
}

/* Stores one score. A repeat with the same value (the same file given
 * twice, a row pasted twice) changes nothing and is accepted silently; only
 * a different value is an error. */
static void store(loader *L, size_t unit, int year, target t, double v, unsigned line,
		  const itakit_csv_field *f)
{
	itakit_unit_year *y;
	origin *o;
	if (itakit__dataset_year(L->ds, unit, year, &y, &o) != 0) {
		L->rc = ITAKIT_ENOMEM;
		return;
	}
	double *cell = t.kind == T_INDICATOR ? &y->indicator[t.n - 1]
		       : t.kind == T_TOOL ? &y->tool[t.n] : &y->overall;
	size_t slot = t.kind == T_INDICATOR ? (size_t)t.n - 1
		      : t.kind == T_TOOL ? (size_t)SLOT_TOOL(t.n) : (size_t)SLOT_OVERALL;
	if (!isnan(*cell)) {
		if (*cell != v)
			report_duplicate(L, unit, year, t, *cell, o[slot], f);
		return;
	}
	*cell = v;
	o[slot] = (origin){L->file, line};
	if (t.kind == T_OVERALL) {
		y->overall_file = L->ds->files[L->file];
		y->overall_line = line;
	}
}

static int add_attr(itakit_unit *u, const char *key, const char *text)
{
	for (size_t i = 0; i < u->n_attrs; i++)
		if (strcmp(u->attrs[i].key, key) == 0)
			return 0; /* the first value seen stays */
	itakit_attr *a = realloc(u->attrs, (u->n_attrs + 1) * sizeof *a);
	if (!a)
		return ITAKIT_ENOMEM;
	u->attrs = a;
	a[u->n_attrs].key = strdup(key);
	a[u->n_attrs].value = itakit_text_normalize(text);
	if (!a[u->n_attrs].key || !a[u->n_attrs].value) {
		free(a[u->n_attrs].key);
		free(a[u->n_attrs].value);
		return ITAKIT_ENOMEM;
	}
	u->n_attrs++;
	return 0;
}

static void apply_extras(loader *L, size_t unit, const itakit_csv_record *rec)
{
	itakit_unit *u = &L->ds->units[unit];
	int rc = 0;
	for (size_t i = 0; i < L->n_cols && !rc; i++)
		if (L->cols[i].role == COL_EXTRA && !blank_text(rec->fields[i].text))
			rc = add_attr(u, L->cols[i].name, rec->fields[i].text);
	if (rc)
		L->rc = ITAKIT_ENOMEM;
}

/* ---- unit identity ---------------------------------------------------------
 * A row's unit: the one with its code when the row has a code (the name is
 * a label), else the one with its name. A name shared by units that only a
 * code tells apart, or a name under two groups without codes, is an error
 * naming the rows, never a silent merge. */

static const itakit_csv_field *field_of(loader *L, const itakit_csv_record *rec, col_role role)
{
	if (role == COL_UNIT && L->role_col[COL_UNIT] < 0) { /* one agency, named by the caller */
		L->unit_field = (itakit_csv_field){L->unit_name, strlen(L->unit_name), rec->line, 1};
		return &L->unit_field;
	}
	return &rec->fields[L->role_col[role]];
}

/* The row's cell of a one-of column, or NULL when the column is absent or
 * the cell blank. */
static const itakit_csv_field *cell_of(loader *L, const itakit_csv_record *rec, col_role role)
{
	if (L->role_col[role] < 0)
		return NULL;
	const itakit_csv_field *f = &rec->fields[L->role_col[role]];
	return blank_text(f->text) ? NULL : f;
}

/* "line 4" or "line 4 of FILE". */
static const char *where(const loader *L, origin o, char *buf, size_t size)
{
	if (o.file == L->file)
		snprintf(buf, size, "line %u", o.line);
	else
		snprintf(buf, size, "line %u of %s", o.line, L->ds->files[o.file]);
	return buf;
}

#define WHERE(o) where(L, (o), (char[600]){0}, 600)

static bool same_key(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The units sharing name key nk, listed for a message: "code 5001 (line 2),
 * code 6002 (line 3)" or by group. */
static const char *list_named(loader *L, const char *nk, char *buf, size_t size)
{
	buf[0] = '\0';
	size_t n = 0;
	for (ssize_t v = itakit__dataset_first_named(L->ds, nk); v >= 0;
	     v = (ssize_t)itakit__dataset_info(L->ds, (size_t)v)->next_same_name - 1, n++) {
		const itakit_unit *u = &L->ds->units[v];
		size_t len = strlen(buf);
		if (n == 6) {
			snprintf(buf + len, size - len, ", ...");
			break;
		}
		snprintf(buf + len, size - len, "%s%s%s (%s)", n ? ", " : "",
			 u->code ? "code " : u->group ? "group " : "",
			 u->code ? SHORT_NAME(u->code) : u->group ? SHORT_NAME(u->group) : "one without a code",
			 WHERE(itakit__dataset_info(L->ds, (size_t)v)->first));
	}
	return buf;
}

/* A row with a code: the unit with that code, or a new one. */
static ssize_t unit_by_code(loader *L, const itakit_csv_record *rec, const char *nk, const char *ck,
			    const char *gk, origin here)
{
	const itakit_csv_field *fu = field_of(L, rec, COL_UNIT), *fc = cell_of(L, rec, COL_CODE);
	const itakit_csv_field *fg = cell_of(L, rec, COL_GROUP);
	ssize_t u = itakit__dataset_lookup(L->ds, 'c', ck);
	if (u >= 0) {
		ds_unit_info *in = itakit__dataset_info(L->ds, (size_t)u);
		const itakit_unit *unit = &L->ds->units[u];
		if (!same_key(in->name_key, nk) && !in->name_warned) {
			in->name_warned = true;
			lwarn(L, fu->line, fu->column, "unit code '%s' is named '%s' here and '%s' on %s; "
			      "kept as one unit: the code identifies it", SHORT_NAME(fc->text), SHORT_NAME(fu->text),
			      SHORT_NAME(unit->name), WHERE(in->first));
		}
		if (fg && in->group_key && !same_key(in->group_key, gk) && !in->group_warned) {
			in->group_warned = true;
			lwarn(L, fg->line, fg->column, "unit code '%s' is in group '%s' here and '%s' on %s; "
			      "the first is kept", SHORT_NAME(fc->text), SHORT_NAME(fg->text), SHORT_NAME(unit->group),
			      WHERE(in->group_from));
		}
		return u;
	}
	/* A unit of this name read so far without a code is this one: its
	 * other rows simply lacked the code. */
	ssize_t adopt = -1;
	bool spoken_for = false;
	origin no_code = {0, 0};
	for (ssize_t v = itakit__dataset_first_named(L->ds, nk); v >= 0;
	     v = (ssize_t)itakit__dataset_info(L->ds, (size_t)v)->next_same_name - 1) {
		ds_unit_info *in = itakit__dataset_info(L->ds, (size_t)v);
		if (!L->ds->units[v].code && (!gk || !in->group_key || same_key(gk, in->group_key)))
			adopt = adopt < 0 ? v : adopt;
		else if (L->ds->units[v].code && in->no_code.line) {
			spoken_for = true;
			no_code = in->no_code;
		}
	}
	if (adopt >= 0 && !spoken_for)
		return adopt;
	if (spoken_for) {
		char list[1024];
		ferr(L, fc, "unit code '%s' shares the name '%s' with %s, and a row without a code (%s) "
		     "cannot be told apart: give the unit code on every row", SHORT_NAME(fc->text), SHORT_NAME(fu->text),
		     list_named(L, nk, list, sizeof list), WHERE(no_code));
		return -1;
	}
	size_t made;
	if (itakit__dataset_new_unit(L->ds, fu->text, here, &made) != 0) {
		L->rc = ITAKIT_ENOMEM;
		return -1;
	}
	return (ssize_t)made;
}

/* A row without a code: the one unit with its name (and group, when name
 * and group are the identity), or a new one. */
static ssize_t unit_by_name(loader *L, const itakit_csv_record *rec, const char *nk, const char *gk,
			    origin here)
{
	const itakit_csv_field *fu = field_of(L, rec, COL_UNIT), *fg = cell_of(L, rec, COL_GROUP);
	bool by_group = L->identity == ITAKIT_IDENTITY_NAME_GROUP;
	size_t n = 0, n_group = 0;
	ssize_t one = -1, one_group = -1;
	for (ssize_t v = itakit__dataset_first_named(L->ds, nk); v >= 0;
	     v = (ssize_t)itakit__dataset_info(L->ds, (size_t)v)->next_same_name - 1) {
		const ds_unit_info *in = itakit__dataset_info(L->ds, (size_t)v);
		n++, one = one < 0 ? v : one;
		if ((!gk && !in->group_key) || same_key(gk, in->group_key))
			n_group++, one_group = one_group < 0 ? v : one_group;
	}
	if (by_group && (n_group || gk))
		n = n_group, one = one_group;
	if (n == 0) {
		size_t made;
		if (itakit__dataset_new_unit(L->ds, fu->text, here, &made) != 0) {
			L->rc = ITAKIT_ENOMEM;
			return -1;
		}
		return (ssize_t)made;
	}
	char list[1024];
	if (n > 1) {
		ferr(L, fu, "'%s' names %zu units: %s; this row has no unit code to tell which: "
		     "give the unit code column on every row", SHORT_NAME(fu->text), n, list_named(L, nk, list, sizeof list));
		return -1;
	}
	const ds_unit_info *in = itakit__dataset_info(L->ds, (size_t)one);
	if (!by_group && fg && in->group_key && !same_key(gk, in->group_key)) {
		ferr(L, fg, "'%s' is in group '%s' here but in group '%s' on %s: two agencies with one name, "
		     "or a mistake? Give each row its unit code, or --identity name+group if name and group "
		     "tell the agencies apart", SHORT_NAME(fu->text), SHORT_NAME(fg->text),
		     SHORT_NAME(L->ds->units[one].group), WHERE(in->group_from));
		return -1;
	}
	return one;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int take_text(char **slot, const char *text)
{
	free(*slot);
	*slot = text ? strdup(text) : NULL;
	return !text || *slot ? 0 : ITAKIT_ENOMEM;
}

/* The unit of the row, created on first sight; its code and group filled
 * in from the first row that gives them. */
static bool unit_of(loader *L, const itakit_csv_record *rec, size_t *unit)
{
	const itakit_csv_field *fu = field_of(L, rec, COL_UNIT), *fc = cell_of(L, rec, COL_CODE);
	const itakit_csv_field *fg = cell_of(L, rec, COL_GROUP);
	const char *code = fc ? fc->text : NULL, *group = fg ? fg->text : NULL;
	if (L->last_ok && same_text(L->last_name, fu->text) && same_text(L->last_code, code) &&
	    same_text(L->last_group, group)) {
		*unit = L->last_unit;
		return true;
	}
	char *nk = itakit_text_match_key(fu->text);
	char *ck = code ? itakit__dataset_code_key(code) : NULL;
	char *gk = group ? itakit_text_match_key(group) : NULL;
	ssize_t u = -1;
	origin here = {L->file, rec->line};
	if (!nk || (code && !ck) || (group && !gk))
		L->rc = ITAKIT_ENOMEM;
	else if (!*nk) /* only invisible characters */
		ferr(L, fu, "missing unit name");
	else
		u = ck && *ck ? unit_by_code(L, rec, nk, ck, gk, here) : unit_by_name(L, rec, nk, gk, here);
	if (u >= 0) {
		itakit_unit *un = &L->ds->units[u];
		ds_unit_info *in = itakit__dataset_info(L->ds, (size_t)u);
		if (ck && *ck && !un->code &&
		    (!(un->code = itakit_text_normalize(code)) || itakit__dataset_file_key(L->ds, 'c', ck, NULL, (size_t)u)))
			L->rc = ITAKIT_ENOMEM;
		if (gk && !un->group) {
			un->group = itakit_text_normalize(group);
			in->group_key = gk;
			in->group_from = here;
			gk = NULL;
			if (!un->group)
				L->rc = ITAKIT_ENOMEM;
		}
		if (!(ck && *ck) && !in->no_code.line)
			in->no_code = here;
	}
	free(nk);
	free(ck);
	free(gk);
	L->last_ok = u >= 0 && !L->rc;
	if (L->last_ok && (take_text(&L->last_name, fu->text) || take_text(&L->last_code, code) ||
			   take_text(&L->last_group, group)))
		L->rc = ITAKIT_ENOMEM, L->last_ok = false;
	*unit = (size_t)(u >= 0 ? u : 0);
	L->last_unit = *unit;
	return u >= 0 && !L->rc;
}

/* ---- rows ----------------------------------------------------------------- */

static bool record_blank(const itakit_csv_record *rec)
{
	for (size_t i = 0; i < rec->n_fields; i++)
		if (!blank_text(rec->fields[i].text))
			return false;
	return rec->n_fields == rec->n_fields_seen;
}

/* Extra empty fields at the end (spreadsheets add them) are accepted. */
static bool check_width(loader *L, const itakit_csv_record *rec)
{
	size_t n = rec->n_fields_seen, want = L->n_cols;
	if (n == want)
		return true;
	if (n > rec->n_fields) {
		lerr(L, rec->line, 1, "more than %zu fields (the limit); the header (line %u) has %zu",
		     L->lim.columns, L->header_line, want);
		return false;
	}
	if (n > want) {
		bool rest_blank = true;
		for (size_t i = want; i < n; i++)
			rest_blank &= blank_text(rec->fields[i].text);
		if (rest_blank)
			return true;
		ferr(L, &rec->fields[want], "%zu fields, but the header (line %u) has %zu; "
		     "a comma inside a value needs double quotes around the value", n, L->header_line, want);
		return false;
	}
	lerr(L, rec->line, 1, "only %zu fields, but the header (line %u) has %zu", n, L->header_line, want);
	return false;
}

static void long_row(loader *L, const itakit_csv_record *rec)
{
	const itakit_csv_field *fu = field_of(L, rec, COL_UNIT), *fy = field_of(L, rec, COL_YEAR);
	const itakit_csv_field *fi = field_of(L, rec, COL_INDICATOR), *fs = field_of(L, rec, COL_SCORE);
	int year = 0;
	target t;
	double v;
	bool ok = check_unit_name(L, fu);
	bool year_ok = get_year(L, fy, &year);
	ok &= year_ok;
	ok &= get_target(L, fi, year, year_ok, &t);
	ok &= get_score(L, fs, &v);
	size_t unit;
	if (!ok || !unit_of(L, rec, &unit))
		return;
	apply_extras(L, unit, rec);
	store(L, unit, year, t, v, rec->line, fs);
}

/* What wide column c holds in year; false (reported) when nothing there. */
static bool column_target(loader *L, const column *c, const itakit_csv_field *f, int year,
			  bool *no_era_reported, target *t)
{
	if (c->overall) {
		*t = (target){T_OVERALL, 0};
		return true;
	}
	const itakit_framework_era *era = itakit_framework_era_for(L->fw, year);
	const itakit_framework_era *near = itakit_framework_era_nearest(L->fw, year);
	if (era && c->per_era[era - L->fw->eras].kind != T_NONE) {
		*t = c->per_era[era - L->fw->eras];
		return true;
	}
	if (!era && near && c->per_era[near - L->fw->eras].kind == T_TOOL) {
		*t = c->per_era[near - L->fw->eras];
		return true;
	}
	if (!era) {
		if (!*no_era_reported)
			report_no_era(L, f, year);
		*no_era_reported = true;
	} else {
		ferr(L, f, "column '%s' names no indicator or tool of the framework for %d", SHORT(c->name), year);
	}
	return false;
}

static void wide_row(loader *L, const itakit_csv_record *rec)
{
	const itakit_csv_field *fu = field_of(L, rec, COL_UNIT);
	int year = 0;
	bool ok = check_unit_name(L, fu);
	bool year_ok = get_year(L, field_of(L, rec, COL_YEAR), &year);
	bool no_era = false;
	size_t n_scores = 0;
	for (size_t i = 0; i < L->n_cols; i++) {
		const itakit_csv_field *f = &rec->fields[i];
		target t;
		double v;
		if (L->cols[i].role != COL_VALUE || blank_text(f->text))
			continue;
		ok &= get_score(L, f, &v);
		if (year_ok)
			ok &= column_target(L, &L->cols[i], f, year, &no_era, &t);
		n_scores++;
	}
	size_t unit;
	if (!ok || !year_ok || !unit_of(L, rec, &unit))
		return;
	apply_extras(L, unit, rec);
	for (size_t i = 0; i < L->n_cols && n_scores; i++) {
		const itakit_csv_field *f = &rec->fields[i];
		target t;
		double v;
		if (L->cols[i].role != COL_VALUE || blank_text(f->text))
			continue;
		/* checked above: these succeed without a diagnostic now */
		if (itakit_text_parse_number(&v, f->text) == 0 &&
		    column_target(L, &L->cols[i], f, year, &no_era, &t))
			store(L, unit, year, t, v, rec->line, f);
	}
}

static int on_record(void *payload, const itakit_csv_record *rec)
{
	loader *L = payload;
	L->last_line = rec->line;
	if (rec->index == 0)
		return read_header(L, rec);
	if (record_blank(rec))
		return 0;
	if (++L->data_rows > L->lim.rows) {
		lerr(L, rec->line, 1, "more than %zu data rows (the limit); the rest of the file is not read",
		     L->lim.rows);
		return 1;
	}
	if (check_width(L, rec)) {
		if (L->wide)
			wide_row(L, rec);
		else
			long_row(L, rec);
	}
	return L->rc;
}

/* ---- loading -------------------------------------------------------------- */

static limits limits_of(const itakit_load_options *o)
{
	limits l = {DEFAULT_MAX_FIELD_BYTES, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, DEFAULT_MAX_FILE_BYTES};
	if (o && o->max_field_bytes)
		l.field = o->max_field_bytes;
	if (o && o->max_columns)
		l.columns = o->max_columns;
	if (o && o->max_rows)
		l.rows = o->max_rows;
	if (o && o->max_file_bytes)
		l.file = o->max_file_bytes;
	return l;
}

static void loader_release(loader *L)
{
	for (size_t i = 0; i < L->n_cols; i++) {
		free(L->cols[i].name);
		free(L->cols[i].per_era);
	}
	free(L->cols);
	for (size_t i = 0; i < L->n_cache; i++)
		free(L->cache[i].raw);
	free(L->last_name);
	free(L->last_code);
	free(L->last_group);
}

static int add_file_name(itakit_dataset *ds, const char *name, uint32_t *index)
{
	size_t n = ds->n_files;
	if ((n & (n - 1)) == 0) { /* 0, 1, 2, 4...: the capacity doubles */
		char **files = realloc(ds->files, (n ? n * 2 : 1) * sizeof *files);
		if (!files)
			return ITAKIT_ENOMEM;
		ds->files = files;
		char **sheets = realloc(ds->sheets, (n ? n * 2 : 1) * sizeof *sheets);
		if (!sheets)
			return ITAKIT_ENOMEM;
		ds->sheets = sheets;
	}
	ds->sheets[ds->n_files] = NULL;
	char **files = ds->files;
	if (!(files[ds->n_files] = strdup(name)))
		return ITAKIT_ENOMEM;
	*index = (uint32_t)ds->n_files++;
	return 0;
}

static int read_rows(loader *L, const char *data, size_t len, const char *sheet)
{
	if (len > L->lim.file) {
		lerr(L, 1, 1, "the file is larger than the limit of %zu bytes", L->lim.file);
		return 0;
	}
	itakit_records_options o = {sheet, L->lim.field, L->lim.columns,
				    "expected a header line such as unit,year,indicator,score", scores_header};
	size_t errors = L->diags->errors;
	int rc = itakit__input_records(&L->in, data, len, &o, on_record, L);
	if (rc < 0)
		return rc;
	if (L->rc)
		return L->rc;
	if (L->have_header && L->data_rows == 0 && L->diags->errors == errors)
		lerr(L, L->header_line, 1, "no data rows: the header is not followed by any scores");
	return L->rc;
}

int itakit_dataset_load_buffer(itakit_dataset *ds, const char *data, size_t len,
			       const char *name, const itakit_framework *fw,
			       const itakit_load_options *opts,
			       itakit_diag_list *diags)
{
	loader L;
	memset(&L, 0, sizeof L);
	L.ds = ds, L.fw = fw, L.diags = diags, L.lim = limits_of(opts);
	L.unit_name = opts ? opts->unit_name : NULL;
	L.name = name ? name : "(input)";
	itakit__input_init(&L.in, L.name, diags);
	L.identity = opts ? opts->identity : ITAKIT_IDENTITY_CODE_OR_NAME;
	for (size_t i = 0; i < COL_N; i++)
		L.role_col[i] = -1;
	size_t errors = diags->errors;
	if (add_file_name(ds, L.name, &L.file) != 0)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	int rc = read_rows(&L, data, len, opts ? opts->sheet : NULL);
	ds->n_rows += L.data_rows;
	if (rc == 0 && L.in.sheet && !(ds->sheets[L.file] = strdup(L.in.sheet)))
		rc = ITAKIT_ENOMEM;
	itakit__input_release(&L.in);
	loader_release(&L);
	if (rc == 0 && L.rc)
		rc = L.rc;
	/* Too many rows (or units) for the memory at hand: say where, so that
	 * the analyst knows it is the size, not a broken file. */
	if (rc < 0)
		return itakit_error_set(rc, "%s:%u: out of memory after %zu data rows; the file is too large "
					"for the memory available: split it into smaller files", L.name,
					L.last_line ? L.last_line : 1, L.data_rows);
	if (diags->errors > errors)
		return itakit_error_set(ITAKIT_EINPUT, "%s: invalid input", L.name);
	return 0;
}

int itakit_dataset_load_file(itakit_dataset *ds, const char *path,
			     const itakit_framework *fw,
			     const itakit_load_options *opts,
			     itakit_diag_list *diags)
{
	limits lim = limits_of(opts);
	char *buf;
	size_t len;
	char *head = malloc(BINARY_SAMPLE);
	if (!head)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	/* a device of binary data (/dev/zero) is told from a sample, not read
	 * up to the size limit (a regular file's size is checked first) */
	struct stat st;
	bool device = stat(path, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode));
	if (device && itakit_file_read_head(head, &len, path, BINARY_SAMPLE) == 0 && memchr(head, '\0', len)) {
		itakit_file_note_input(path);
		int rc = itakit_dataset_load_buffer(ds, head, len, path, fw, opts, diags);
		free(head);
		return rc ? rc : itakit_error_set(ITAKIT_EINPUT, "%s: not a text file", path);
	}
	free(head);
	int rc = itakit_file_read(&buf, &len, path, lim.file);
	if (rc == ITAKIT_ELIMIT) {
		rc = itakit_diag_add(diags, ITAKIT_DIAG_ERROR, path, 1, 1,
				     "the file is larger than the limit of %zu bytes", lim.file);
		return rc < 0 ? rc : itakit_error_set(ITAKIT_EINPUT, "%s: file too large", path);
	}
	if (rc != 0) /* the message, naming the path and the reason, is set */
		return rc == ITAKIT_ENOMEM || rc == ITAKIT_ENOTFOUND || rc == ITAKIT_EUSAGE ? rc : ITAKIT_ERROR;
	rc = itakit_dataset_load_buffer(ds, buf, len, path, fw, opts, diags);
	free(buf);
	return rc;
}

int itakit_dataset_load(itakit_dataset *ds, const char *const *paths, size_t n_paths,
			const itakit_framework *fw, const itakit_load_options *opts,
			itakit_diag_list *diags)
{
	bool bad = false;
	/* each path's file identity in a hash: 8,000 one-unit files load in
	 * linear time */
	itakit_file_id_set seen = ITAKIT_FILE_ID_SET_INIT;
	int rc = 0;
	for (size_t i = 0; i < n_paths && rc == 0; i++) {
		itakit_file_id id;
		size_t first;
		if (itakit_file_id_of(&id, paths[i]) == 0) {
			if (itakit_file_id_set_find(&seen, id, &first)) {
				if (itakit_diag_add(diags, ITAKIT_DIAG_WARNING, paths[i], 0, 0,
						    "same file as %s, given twice; read once", paths[first]) < 0)
					rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
				continue;
			}
			if (itakit_file_id_set_add(&seen, id, i) < 0) {
				rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
				break;
			}
		}
		rc = itakit_dataset_load_file(ds, paths[i], fw, opts, diags);
		if (rc == ITAKIT_EINPUT)
			bad = true, rc = 0;
	}
	itakit_file_id_set_release(&seen);
	if (rc) /* the message is set */
		return rc;
	return bad ? itakit_error_set(ITAKIT_EINPUT, "the input has errors") : 0;
}
