/* The status file of the progress report (itakit/status.h). The input layer
 * hands over records with positions (from CSV in any of its encodings, or
 * from an .xlsx worksheet) and this file turns them into rows (on_record). */
#include "itakit/status.h"

#include "input.h"
#include "itakit/workbook.h"
#include "itakit/error.h"
#include "itakit/fileio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- statuses ---------------------------------------------------------------- */

static const char *const kind_th[ITAKIT_STATUS_N] = {
	"ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ", "ยกเลิก"};
static const char *const kind_en[ITAKIT_STATUS_N] = {"not started", "in progress", "done", "cancelled"};

/* Spellings accepted, as match keys with '_' and '-' dropped. */
static const struct {
	itakit_status_kind kind;
	const char *key;
} kind_aliases[] = {
	{ITAKIT_STATUS_NOT_STARTED, "ยังไม่ดำเนินการ"}, {ITAKIT_STATUS_NOT_STARTED, "ยังไม่ได้ดำเนินการ"},
	{ITAKIT_STATUS_NOT_STARTED, "notstarted"}, {ITAKIT_STATUS_NOT_STARTED, "notyetstarted"},
	{ITAKIT_STATUS_IN_PROGRESS, "อยู่ระหว่างดำเนินการ"}, {ITAKIT_STATUS_IN_PROGRESS, "อยู่ระหว่างการดำเนินการ"},
	{ITAKIT_STATUS_IN_PROGRESS, "กำลังดำเนินการ"}, {ITAKIT_STATUS_IN_PROGRESS, "inprogress"},
	{ITAKIT_STATUS_IN_PROGRESS, "ongoing"},
	{ITAKIT_STATUS_DONE, "ดำเนินการแล้วเสร็จ"}, {ITAKIT_STATUS_DONE, "ดำเนินการเสร็จแล้ว"},
	{ITAKIT_STATUS_DONE, "แล้วเสร็จ"}, {ITAKIT_STATUS_DONE, "เสร็จสิ้น"}, {ITAKIT_STATUS_DONE, "done"},
	{ITAKIT_STATUS_DONE, "completed"}, {ITAKIT_STATUS_DONE, "complete"},
	{ITAKIT_STATUS_CANCELLED, "ยกเลิก"}, {ITAKIT_STATUS_CANCELLED, "ยกเลิกการดำเนินการ"},
	{ITAKIT_STATUS_CANCELLED, "cancelled"}, {ITAKIT_STATUS_CANCELLED, "canceled"},
};

const char *itakit_status_kind_name(itakit_status_kind kind, itakit_lang lang)
{
	if ((unsigned)kind >= ITAKIT_STATUS_N)
		return NULL;
	return lang == ITAKIT_LANG_TH ? kind_th[kind] : kind_en[kind];
}

/* A match key (normalised, no spaces, lower case, Arabic digits) without the
 * characters in drop. NULL on out of memory. */
static char *key_without(const char *text, const char *drop)
{
	char *k = itakit_text_match_key(text);
	if (!k)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; k[i]; i++)
		if (!strchr(drop, k[i]))
			k[o++] = k[i];
	k[o] = '\0';
	return k;
}

int itakit_status_kind_parse(itakit_status_kind *out, const char *text)
{
	char *k = key_without(text ? text : "", "_-");
	if (!k)
		return -1;
	int rc = -1;
	for (size_t i = 0; i < sizeof kind_aliases / sizeof kind_aliases[0] && rc; i++)
		if (strcmp(k, kind_aliases[i].key) == 0) {
			*out = kind_aliases[i].kind;
			rc = 0;
		}
	free(k);
	return rc;
}

/* ---- the file ---------------------------------------------------------------- */

void itakit_status_init(itakit_status *st)
{
	memset(st, 0, sizeof *st);
}

static void row_release(itakit_status_row *r)
{
	free(r->unit);
	free(r->id);
	free(r->actions);
	free(r->evidence);
	free(r->problems);
	free(r->next_steps);
}

void itakit_status_release(itakit_status *st)
{
	for (size_t i = 0; i < st->count; i++)
		row_release(&st->rows[i]);
	free(st->rows);
	free(st->source);
	free(st->sheet);
	itakit_status_init(st);
}

enum { COL_UNIT, COL_ID, COL_STATUS, COL_PROGRESS, COL_ACTIONS, COL_EVIDENCE, COL_BUDGET,
       COL_PROBLEMS, COL_NEXT, N_COLS };

static const char *const col_names[N_COLS] = {"unit", "id", "status", "progress", "actions",
					      "evidence", "budget", "problems", "next_steps"};

#define EXPECTED "[unit,] id, status, progress, actions, evidence, budget, problems, next_steps"

/* Header names as match keys with the punctuation of HEADER_DROP removed. */
#define HEADER_DROP "_-()/.:[]%"
static const struct {
	int col;
	const char *key;
} col_aliases[] = {
	{COL_UNIT, "unit"}, {COL_UNIT, "หน่วยงาน"}, {COL_UNIT, "ชื่อหน่วยงาน"}, {COL_UNIT, "agency"},
	{COL_UNIT, "unitcode"}, {COL_UNIT, "code"}, {COL_UNIT, "รหัสหน่วยงาน"}, {COL_UNIT, "ส่วนราชการ"},
	{COL_ID, "id"}, {COL_ID, "รหัส"}, {COL_ID, "รหัสมาตรการ"}, {COL_ID, "มาตรการ"},
	{COL_ID, "มาตรการที่"}, {COL_ID, "measure"}, {COL_ID, "measureid"},
	{COL_STATUS, "status"}, {COL_STATUS, "สถานะ"}, {COL_STATUS, "สถานะการดำเนินการ"},
	{COL_STATUS, "สถานะการดำเนินงาน"},
	{COL_PROGRESS, "progress"}, {COL_PROGRESS, "ความก้าวหน้า"}, {COL_PROGRESS, "ร้อยละ"},
	{COL_PROGRESS, "ร้อยละความก้าวหน้า"}, {COL_PROGRESS, "ความก้าวหน้าร้อยละ"},
	{COL_PROGRESS, "percent"}, {COL_PROGRESS, "progresspercent"},
	{COL_ACTIONS, "actions"}, {COL_ACTIONS, "action"}, {COL_ACTIONS, "การดำเนินการ"},
	{COL_ACTIONS, "ผลการดำเนินการ"}, {COL_ACTIONS, "ผลการดำเนินงาน"}, {COL_ACTIONS, "สิ่งที่ดำเนินการ"},
	{COL_ACTIONS, "รายละเอียดการดำเนินการ"},
	{COL_EVIDENCE, "evidence"}, {COL_EVIDENCE, "หลักฐาน"}, {COL_EVIDENCE, "เอกสารหลักฐาน"},
	{COL_EVIDENCE, "หลักฐานการดำเนินการ"}, {COL_EVIDENCE, "หลักฐานประกอบ"}, {COL_EVIDENCE, "url"},
	{COL_EVIDENCE, "link"},
	{COL_BUDGET, "budget"}, {COL_BUDGET, "งบประมาณ"}, {COL_BUDGET, "งบประมาณบาท"},
	{COL_BUDGET, "งบประมาณที่ใช้"}, {COL_BUDGET, "งบประมาณที่ใช้บาท"}, {COL_BUDGET, "ค่าใช้จ่าย"},
	{COL_BUDGET, "budgetbaht"},
	{COL_PROBLEMS, "problems"}, {COL_PROBLEMS, "problem"}, {COL_PROBLEMS, "ปัญหา"},
	{COL_PROBLEMS, "ปัญหาอุปสรรค"}, {COL_PROBLEMS, "ปัญหาและอุปสรรค"}, {COL_PROBLEMS, "อุปสรรค"},
	{COL_NEXT, "nextsteps"}, {COL_NEXT, "nextstep"}, {COL_NEXT, "ข้อเสนอแนะ"},
	{COL_NEXT, "แนวทางต่อไป"}, {COL_NEXT, "การดำเนินการต่อไป"}, {COL_NEXT, "แนวทางการดำเนินการต่อไป"},
	{COL_NEXT, "แนวทางแก้ไข"}, {COL_NEXT, "ข้อเสนอแนะแนวทางแก้ไข"},
};

enum { HEADER_UNKNOWN = -1, HEADER_EMPTY = -2, HEADER_NOMEM = -3 };

/* The column a header cell names, or HEADER_UNKNOWN, HEADER_EMPTY (a
 * spreadsheet's trailing empty column), HEADER_NOMEM. */
static int column_of(const char *text)
{
	char *key = key_without(text, HEADER_DROP);
	if (!key)
		return HEADER_NOMEM;
	int col = key[0] ? HEADER_UNKNOWN : HEADER_EMPTY;
	for (size_t a = 0; a < sizeof col_aliases / sizeof col_aliases[0] && col == HEADER_UNKNOWN; a++)
		if (strcmp(key, col_aliases[a].key) == 0)
			col = col_aliases[a].col;
	free(key);
	return col;
}

size_t itakit__status_header_columns(const itakit_csv_record *header)
{
	return itakit__header_columns(header, column_of);
}

static bool status_header(const itakit_csv_record *header)
{
	return itakit__table_kind(header) == ITAKIT_TABLE_STATUS;
}

typedef struct {
	itakit_status *out;
	const char *file;
	itakit_input in;        /* diagnostics go through it (file or sheet) */
	itakit_diag_list *diags;
	size_t errors;
	int rc;                 /* ITAKIT_ENOMEM once out of memory */
	bool header_done;
	size_t n_header;
	int colmap[N_COLS];     /* field index of each column, -1 absent */
	size_t cap;
} parser;

#define ERR(ps, ln, cl, ...)                                                              \
	do {                                                                              \
		(ps)->errors++;                                                           \
		if (itakit__input_diag(&(ps)->in, ITAKIT_DIAG_ERROR, (ln), (cl),          \
				       __VA_ARGS__) < 0)                                   \
			(ps)->rc = ITAKIT_ENOMEM;                                         \
	} while (0)
#define WARN(ps, ln, cl, ...)                                                               \
	do {                                                                                \
		if (itakit__input_diag(&(ps)->in, ITAKIT_DIAG_WARNING, (ln), (cl),          \
				       __VA_ARGS__) < 0)                                     \
			(ps)->rc = ITAKIT_ENOMEM;                                           \
	} while (0)

static void read_header(parser *ps, const itakit_csv_record *rec)
{
	ps->header_done = true;
	ps->n_header = rec->n_fields_seen;
	for (int c = 0; c < N_COLS; c++)
		ps->colmap[c] = -1;
	for (size_t i = 0; i < rec->n_fields; i++) {
		const itakit_csv_field *f = &rec->fields[i];
		int col = column_of(f->text);
		if (col == HEADER_NOMEM) {
			ps->rc = ITAKIT_ENOMEM;
			return;
		}
		if (col == HEADER_EMPTY)
			continue;
		if (col < 0)
			ERR(ps, f->line, f->column, "unknown column '%s' (expected: " EXPECTED ")", f->text);
		else if (ps->colmap[col] >= 0)
			ERR(ps, f->line, f->column, "column '%s' given twice (first at column %u)",
			    col_names[col], rec->fields[ps->colmap[col]].column);
		else
			ps->colmap[col] = (int)i;
	}
	for (int col = COL_ID; col <= COL_PROGRESS; col++)
		if (ps->colmap[col] < 0)
			ERR(ps, rec->line, 1, "missing required column '%s' (expected: " EXPECTED ")",
			    col_names[col]);
	ps->out->has_unit = ps->colmap[COL_UNIT] >= 0;
}

static const itakit_csv_field *field(const parser *ps, const itakit_csv_record *rec, int col)
{
	int i = ps->colmap[col];
	return i >= 0 && (size_t)i < rec->n_fields ? &rec->fields[i] : NULL;
}

/* The cell's text, lines kept and normalised; "" for an absent column. */
static char *text_of(parser *ps, const itakit_csv_record *rec, int col)
{
	const itakit_csv_field *f = field(ps, rec, col);
	char *t = f ? itakit_text_normalize_lines(f->text, f->len) : strdup("");
	if (!t)
		ps->rc = ITAKIT_ENOMEM;
	return t;
}

static bool blank_n(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

static bool blank(const char *s)
{
	return blank_n(s, strlen(s));
}

/* A number cell: Thai or Arabic digits, thousands separators, an optional
 * trailing unit (% or บาท) dropped. 0 and *v, 1 for an empty cell, -1 when
 * not a number. */
static int number_of(double *v, const char *text, const char *unit)
{
	char *k = key_without(text, ",");
	if (!k)
		return -1;
	size_t n = strlen(k), un = strlen(unit);
	if (n >= un && strcmp(k + n - un, unit) == 0)
		k[n - un] = '\0';
	int rc = !k[0] || strcmp(k, "-") == 0 || strcmp(k, "–") == 0 ? 1
		 : itakit_text_parse_number(v, k) == 0 ? 0 : -1;
	free(k);
	return rc;
}

static void read_status(parser *ps, const itakit_csv_record *rec, itakit_status_row *r)
{
	const itakit_csv_field *f = field(ps, rec, COL_STATUS);
	if (itakit_status_kind_parse(&r->status, f->text) != 0)
		ERR(ps, f->line, f->column, "unknown status '%s' (expected %s, %s, %s or %s; "
		    "or not_started, in_progress, done, cancelled)", f->text, kind_th[0], kind_th[1],
		    kind_th[2], kind_th[3]);
}

static void read_progress(parser *ps, const itakit_csv_record *rec, itakit_status_row *r, bool status_ok)
{
	const itakit_csv_field *f = field(ps, rec, COL_PROGRESS);
	int n = number_of(&r->progress, f->text, "%");
	if (n == 1 && status_ok && r->status == ITAKIT_STATUS_DONE)
		r->progress = 100; /* done says it all */
	else if (n == 1 && status_ok && r->status == ITAKIT_STATUS_NOT_STARTED)
		r->progress = 0;
	else if (n == 1)
		ERR(ps, f->line, f->column, "empty progress (expected a percent from 0 to 100)");
	else if (n < 0)
		ERR(ps, f->line, f->column, "progress '%s' is not a number (expected a percent from 0 to 100)",
		    f->text);
	else if (r->progress < 0 || r->progress > 100)
		ERR(ps, f->line, f->column, "progress %s is outside 0-100 (a percent of the measure done)",
		    f->text);
	else if (status_ok && r->status == ITAKIT_STATUS_DONE && r->progress < 100)
		WARN(ps, f->line, f->column, "status is done but progress is %s%%", f->text);
	else if (status_ok && r->status == ITAKIT_STATUS_NOT_STARTED && r->progress > 0)
		WARN(ps, f->line, f->column, "status is not started but progress is %s%%", f->text);
}

static void read_budget(parser *ps, const itakit_csv_record *rec, itakit_status_row *r)
{
	const itakit_csv_field *f = field(ps, rec, COL_BUDGET);
	if (!f)
		return;
	int n = number_of(&r->budget, f->text, "บาท");
	if (n < 0 || (n == 0 && r->budget < 0))
		ERR(ps, f->line, f->column, "budget '%s' is not an amount in baht (expected a number such "
		    "as 12500 or 12,500.50, or an empty cell)", f->text);
	r->has_budget = n == 0;
}

static int add_row(parser *ps, itakit_status_row *r)
{
	itakit_status *st = ps->out;
	if (st->count == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		itakit_status_row *rows = realloc(st->rows, cap * sizeof *rows);
		if (!rows)
			return ITAKIT_ENOMEM;
		st->rows = rows;
		ps->cap = cap;
	}
	st->rows[st->count++] = *r;
	return 0;
}

static void read_row(parser *ps, const itakit_csv_record *rec)
{
	bool all_blank = true;
	for (size_t i = 0; i < rec->n_fields && all_blank; i++)
		all_blank = blank(rec->fields[i].text);
	if (all_blank) /* a spreadsheet's empty row */
		return;
	if (rec->n_fields_seen != ps->n_header) {
		const itakit_csv_field *at = rec->n_fields_seen > ps->n_header && ps->n_header < rec->n_fields
			? &rec->fields[ps->n_header] : &rec->fields[0];
		ERR(ps, at->line, at->column, "row has %zu fields, the header has %zu; a comma inside a "
		    "value needs double quotes around the value", rec->n_fields_seen, ps->n_header);
		return;
	}
	if (ps->out->count >= ITAKIT_STATUS_MAX_ROWS) {
		ERR(ps, rec->line, 1, "more than %d rows", ITAKIT_STATUS_MAX_ROWS);
		ps->rc = ITAKIT_ELIMIT;
		return;
	}
	itakit_status_row r;
	memset(&r, 0, sizeof r);
	r.line = rec->line;
	size_t before = ps->errors;

	const itakit_csv_field *id = field(ps, rec, COL_ID);
	r.id_column = id->column;
	r.id = itakit_text_normalize(id->text);
	if (r.id && !r.id[0])
		ERR(ps, id->line, id->column, "empty id (expected the id of a measure, such as M04)");
	const itakit_csv_field *unit = field(ps, rec, COL_UNIT);
	if (unit) {
		r.unit_column = unit->column;
		r.unit = itakit_text_normalize(unit->text);
		if (r.unit && !r.unit[0])
			ERR(ps, unit->line, unit->column, "empty unit (expected the unit's name or code)");
	}
	size_t before_status = ps->errors;
	read_status(ps, rec, &r);
	read_progress(ps, rec, &r, ps->errors == before_status);
	read_budget(ps, rec, &r);
	r.actions = text_of(ps, rec, COL_ACTIONS);
	r.evidence = text_of(ps, rec, COL_EVIDENCE);
	r.problems = text_of(ps, rec, COL_PROBLEMS);
	r.next_steps = text_of(ps, rec, COL_NEXT);
	if (!r.id || (unit && !r.unit))
		ps->rc = ITAKIT_ENOMEM;
	if (ps->rc || ps->errors != before || add_row(ps, &r) != 0) {
		if (!ps->rc && ps->errors == before)
			ps->rc = ITAKIT_ENOMEM;
		row_release(&r);
	}
}

static int on_record(void *payload, const itakit_csv_record *rec)
{
	parser *ps = payload;
	if (!ps->header_done)
		read_header(ps, rec);
	else if (ps->errors == 0 || ps->colmap[COL_ID] >= 0)
		read_row(ps, rec);
	if (ps->rc)
		return ps->rc;
	/* a header without the required columns: the rows cannot be read */
	return ps->colmap[COL_ID] < 0 || ps->colmap[COL_STATUS] < 0 || ps->colmap[COL_PROGRESS] < 0 ? 1 : 0;
}

int itakit_status_parse(itakit_status *out, const char *text, size_t len,
			const char *filename, itakit_diag_list *diags)
{
	return itakit_status_parse_sheet(out, text, len, filename, NULL, diags);
}

int itakit_status_parse_sheet(itakit_status *out, const char *text, size_t len, const char *filename,
			      const char *sheet, itakit_diag_list *diags)
{
	parser ps;
	memset(&ps, 0, sizeof ps);
	ps.out = out;
	ps.file = filename ? filename : "(input)";
	ps.diags = diags;
	for (int c = 0; c < N_COLS; c++)
		ps.colmap[c] = -1;
	size_t errors_before = diags->errors;
	itakit__input_init(&ps.in, ps.file, diags);
	itakit_records_options o = {sheet, ITAKIT_STATUS_MAX_CELL, 64,
				    "expected a header line such as id,status,progress,actions,evidence",
				    status_header};
	int rc = itakit__input_records(&ps.in, text, len, &o, on_record, &ps);
	if (rc == 0 && ps.header_done && out->count == 0 && diags->errors == errors_before)
		ERR(&ps, 1, 1, "no rows: the header is not followed by any measure");
	if (rc == 0 && !(out->source = strdup(ps.file)))
		rc = ITAKIT_ENOMEM;
	if (rc == 0 && ps.in.sheet && !(out->sheet = strdup(ps.in.sheet)))
		rc = ITAKIT_ENOMEM;
	itakit__input_release(&ps.in);
	if (rc < 0 || rc == 1 || diags->errors > errors_before) {
		itakit_status_release(out);
		if (rc == ITAKIT_ENOMEM)
			return itakit_error_set(rc, "out of memory");
		return itakit_error_set(rc == ITAKIT_ELIMIT ? rc : ITAKIT_EINPUT, "%s: invalid status file", ps.file);
	}
	return 0;
}

int itakit_status_load(itakit_status *out, const char *path, itakit_diag_list *diags)
{
	return itakit_status_load_sheet(out, path, NULL, diags);
}

int itakit_status_load_sheet(itakit_status *out, const char *path, const char *sheet,
			     itakit_diag_list *diags)
{
	char *buf;
	size_t len;
	int rc = itakit_file_read(&buf, &len, path, ITAKIT_STATUS_MAX_SIZE);
	if (rc == ITAKIT_ELIMIT) {
		if (itakit_diag_add(diags, ITAKIT_DIAG_ERROR, path, 1, 1, "the file is larger than the limit of %d bytes",
				    ITAKIT_STATUS_MAX_SIZE) < 0)
			return ITAKIT_ENOMEM;
		return itakit_error_set(ITAKIT_EINPUT, "%s: file too large", path);
	}
	if (rc)
		return rc;
	rc = itakit_status_parse_sheet(out, buf, len, path, sheet, diags);
	free(buf);
	return rc;
}

/* ---- against the plan ---------------------------------------------------------- */

bool itakit_status_row_is_for(const itakit_status_row *row, const char *unit_name,
			      const char *unit_code)
{
	if (!row->unit)
		return true;
	return (unit_name && itakit_text_same_name(row->unit, unit_name)) ||
	       (unit_code && itakit_text_same_name(row->unit, unit_code));
}

int itakit_status_check(const itakit_status_row **rows_out, const itakit_status *st,
			const char *unit_name, const char *unit_code,
			const char *const *ids, size_t n_ids, itakit_diag_list *diags)
{
	const itakit_status_row **seen = calloc(n_ids ? n_ids : 1, sizeof *seen);
	if (!seen)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	const char *file = st->source, *sheet = st->sheet;
	size_t errors = 0;
	int rc = 0;
	/* the plan's ids, for messages */
	char plan[512] = "";
	size_t used = 0;
	for (size_t k = 0; k < n_ids && used < sizeof plan; k++)
		used += (size_t)snprintf(plan + used, sizeof plan - used, "%s%s", k ? ", " : "", ids[k]);
	if (used >= sizeof plan)
		snprintf(plan + sizeof plan - 5, 5, "...");

	for (size_t i = 0; i < st->count && !rc; i++) {
		const itakit_status_row *r = &st->rows[i];
		if (!itakit_status_row_is_for(r, unit_name, unit_code))
			continue;
		size_t k = 0;
		while (k < n_ids && strcmp(ids[k], r->id) != 0)
			k++;
		if (k == n_ids) {
			errors++;
			rc = n_ids ? itakit_diag_add_at(diags, ITAKIT_DIAG_ERROR, file, sheet, r->line, r->id_column,
						     "measure '%s' is not among the measures of %s's plan (%s)",
						     r->id, unit_name, plan)
				   : itakit_diag_add_at(diags, ITAKIT_DIAG_ERROR, file, sheet, r->line, r->id_column,
						     "measure '%s': %s's plan has no measures (no indicator is "
						     "below the threshold)", r->id, unit_name);
		} else if (seen[k]) {
			errors++;
			rc = itakit_diag_add_at(diags, ITAKIT_DIAG_ERROR, file, sheet, r->line, r->id_column,
					     "measure '%s' reported twice for %s (first on line %u)", r->id,
					     unit_name, seen[k]->line);
		} else {
			seen[k] = r;
		}
	}
	for (size_t k = 0; k < n_ids && !rc; k++)
		if (!seen[k])
			rc = itakit_diag_add_at(diags, ITAKIT_DIAG_WARNING, file, sheet, 0, 0,
					     "measure '%s' of %s's plan has no row: the report shows it as not reported",
					     ids[k], unit_name);
	if (rows_out && !rc)
		memcpy(rows_out, seen, n_ids * sizeof *seen);
	free(seen);
	if (rc < 0)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	if (errors)
		return itakit_error_set(ITAKIT_EINPUT, "%s: %zu row%s do not match %s's plan", file, errors,
					errors > 1 ? "s" : "", unit_name);
	return 0;
}
