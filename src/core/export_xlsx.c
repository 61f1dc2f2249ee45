/* Excel workbooks out (itakit/export_xlsx.h), on libxlsxwriter. */
#include "itakit/export_xlsx.h"

#include "clock.h"
#include "input.h"
#include "itakit/error.h"
#include "itakit/fileio.h"
#include "core/office_libs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 64
#define MAX_WIDTH 60.0

/* The workbook being written, sheet by sheet, and the widths of the current
 * sheet's columns (set when the sheet is finished). */
typedef struct {
	itakit_atomic_file file;
	lxw_workbook *wb;
	lxw_format *head, *text, *num2, *num0;
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_col_t n_cols;
	double width[MAX_COLS];
	int rc;
} book;

static void set_rc(book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->rc == 0)
		b->rc = e == LXW_ERROR_MEMORY_MALLOC_FAILED
				? itakit_error_set(ITAKIT_ENOMEM, "out of memory")
				: itakit_error_set(ITAKIT_ERROR, "%s: cannot write the workbook: %s", b->file.path,
						   lxw_strerror(e));
}

static lxw_format *font_format(book *b)
{
	lxw_format *f = workbook_add_format(b->wb);
	if (f) {
		format_set_font_name(f, ITAKIT_XLSX_FONT);
		format_set_font_size(f, 11);
	}
	return f;
}

static int book_open(book *b, const char *path)
{
	memset(b, 0, sizeof *b);
	time_t created;
	int rc = itakit__source_date(&created);
	if (rc != 0)
		return rc;
	if ((rc = itakit__office_load(ITAKIT__OFFICE_XLSXWRITER)) != 0)
		return rc;
	if ((rc = itakit_atomic_open(&b->file, path)) != 0)
		return rc;
	/* libxlsxwriter writes the file by name: the temporary file's */
	lxw_workbook_options o = {0};
	b->wb = workbook_new_opt(b->file.tmp_path, &o);
	b->head = b->wb ? font_format(b) : NULL;
	b->text = b->wb ? font_format(b) : NULL;
	b->num2 = b->wb ? font_format(b) : NULL;
	b->num0 = b->wb ? font_format(b) : NULL;
	if (!b->head || !b->text || !b->num2 || !b->num0) {
		if (b->wb)
			workbook_close(b->wb);
		itakit_atomic_abort(&b->file);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	format_set_bold(b->head);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_text_wrap(b->head);
	format_set_num_format(b->num2, "0.00");
	format_set_num_format(b->num0, "0");
	/* the creation time in docProps/core.xml: SOURCE_DATE_EPOCH or now
	 * (libxlsxwriter writes it in UTC, and dates its ZIP entries
	 * 1980-01-01, whatever TZ is). It reads 0 as "now": the epoch itself
	 * is written a second later, the nearest time that stays the same
	 * from run to run. */
	lxw_doc_properties props = {0};
	props.created = created != 0 ? created : 1;
	set_rc(b, workbook_set_properties(b->wb, &props));
	return b->rc;
}

static void widen(book *b, lxw_col_t col, const char *s)
{
	if (col >= MAX_COLS)
		return;
	double w = (double)itakit_utf8_length(s, strlen(s)) * 1.15 + 2;
	if (w > MAX_WIDTH)
		w = MAX_WIDTH;
	if (w > b->width[col])
		b->width[col] = w;
}

static void sheet_begin(book *b, const char *name, const char *const *header, size_t n)
{
	b->ws = workbook_add_worksheet(b->wb, name);
	if (!b->ws) {
		set_rc(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	b->n_cols = (lxw_col_t)(n < MAX_COLS ? n : MAX_COLS);
	memset(b->width, 0, sizeof b->width);
	for (lxw_col_t c = 0; c < b->n_cols; c++) {
		set_rc(b, worksheet_write_string(b->ws, 0, c, header[c], b->head));
		widen(b, c, header[c]);
	}
	b->row = 1;
}

static void put_text(book *b, lxw_col_t col, const char *s)
{
	if (!b->ws || !s || !*s || col >= b->n_cols)
		return;
	set_rc(b, worksheet_write_string(b->ws, b->row, col, s, b->text));
	widen(b, col, s);
}

/* v rounded as published (half away from zero) to decimals (0 or 2), kept
 * as a number; NaN leaves the cell empty. */
static void put_number(book *b, lxw_col_t col, double v, int decimals)
{
	if (!b->ws || !isfinite(v) || col >= b->n_cols)
		return;
	double r = itakit_round(v, decimals);
	set_rc(b, worksheet_write_number(b->ws, b->row, col, r == 0 ? 0 : r, decimals ? b->num2 : b->num0));
	char buf[64];
	widen(b, col, itakit_format_number(buf, sizeof buf, r, decimals, ITAKIT_DIGITS_ARABIC, false));
}

/* Header row frozen and filtered; columns as wide as their longest text. */
static void sheet_end(book *b)
{
	if (!b->ws)
		return;
	worksheet_freeze_panes(b->ws, 1, 0);
	set_rc(b, worksheet_autofilter(b->ws, 0, 0, b->row > 1 ? b->row - 1 : 1, b->n_cols - 1));
	for (lxw_col_t c = 0; c < b->n_cols; c++)
		set_rc(b, worksheet_set_column(b->ws, c, c, b->width[c], NULL));
	b->ws = NULL;
}

static int book_close(book *b)
{
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	set_rc(b, e);
	if (b->rc != 0) {
		itakit_atomic_abort(&b->file);
		return b->rc;
	}
	return itakit_atomic_commit(&b->file);
}

/* ---- the analysis ----------------------------------------------------------------- */

static const itakit_framework_era *names_era(const itakit_framework *fw, const itakit_year_analysis *ya)
{
	return ya->era ? ya->era : itakit_framework_era_nearest(fw, ya->year);
}

static void unit_cells(book *b, const itakit_unit *u)
{
	put_text(b, 0, u->name);
	put_text(b, 1, u->code);
	put_text(b, 2, u->group);
}

static const char *yes_no(bool yes, const itakit_export_options *o)
{
	if (o->lang == ITAKIT_LANG_EN)
		return yes ? "yes" : "no";
	return yes ? "ใช่" : "ไม่ใช่";
}

static void indicator_row(book *b, const itakit_unit *u, int year, const char *ind, const char *name,
			  const itakit_score *s, int flagged, double gap, const double *contribution,
			  const itakit_export_options *o)
{
	unit_cells(b, u);
	put_number(b, 3, year, 0);
	put_text(b, 4, ind);
	put_text(b, 5, name);
	if (s->known)
		put_number(b, 6, s->value, 2);
	if (flagged >= 0)
		put_text(b, 7, yes_no(flagged, o));
	if (s->known && flagged >= 0)
		put_number(b, 8, gap, 2);
	if (s->has_delta)
		put_number(b, 9, s->delta, 2);
	if (contribution)
		put_number(b, 10, *contribution, 2);
	b->row++;
}

static void indicator_sheet(book *b, const itakit_framework *fw, const itakit_unit_analysis *units, size_t n,
			    const itakit_export_options *o)
{
	static const char *const th[] = {"หน่วยงาน", "รหัส", "กลุ่ม", "ปีงบประมาณ", "ตัวชี้วัด", "ชื่อ", "คะแนน",
					 "ต่ำกว่าเกณฑ์", "ห่างจากเกณฑ์", "เปลี่ยนแปลง", "ผลต่อคะแนนรวม"};
	static const char *const en[] = {"unit", "code", "group", "year", "indicator", "name", "score",
					 "flagged", "gap", "change", "contribution"};
	bool english = o->lang == ITAKIT_LANG_EN;
	sheet_begin(b, english ? "indicators" : "ตัวชี้วัด", english ? en : th, 11);
	for (size_t u = 0; u < n; u++) {
		const itakit_unit_analysis *ua = &units[u];
		for (size_t k = 0; k < ua->n_years; k++) {
			const itakit_year_analysis *ya = &ua->years[k];
			if (o->year && ya->year != o->year)
				continue;
			size_t n_ind = ya->era ? ya->era->n_indicators : 0;
			for (size_t i = 0; i < n_ind; i++) {
				const itakit_score *s = &ya->indicator[i];
				const itakit_indicator_def *fi = &ya->era->indicators[i];
				char code[24];
				snprintf(code, sizeof code, "%zu", i + 1);
				indicator_row(b, ua->unit, ya->year, code, english ? fi->name_en : fi->name_th, s,
					      s->known ? s->flagged : -1, s->gap,
					      ya->has_contributions ? &ya->contribution[i] : NULL, o);
			}
			const itakit_framework_era *names = names_era(fw, ya);
			for (size_t t = 0; names && t < names->n_tools; t++)
				indicator_row(b, ua->unit, ya->year, names->tools[t].code,
					      english ? names->tools[t].name_en : names->tools[t].name_th,
					      &ya->tool[t], -1, 0, NULL, o);
			/* the analysis's flags and gaps, judged against its own line */
			indicator_row(b, ua->unit, ya->year, english ? "overall" : "ภาพรวม",
				      english ? "overall" : "ภาพรวม", &ya->overall,
				      ya->overall.known ? ya->overall.flagged : -1, ya->overall.gap, NULL, o);
		}
	}
	sheet_end(b);
}

static void summary_sheet(book *b, const itakit_framework *fw, const itakit_unit_analysis *units, size_t n,
			  const itakit_export_options *o)
{
	const itakit_framework_era *last = fw->n_eras ? &fw->eras[fw->n_eras - 1] : NULL;
	size_t n_tools = last ? last->n_tools : 0;
	bool english = o->lang == ITAKIT_LANG_EN;
	const char *header[8 + ITAKIT_MAX_TOOLS + 5];
	size_t h = 0;
	header[h++] = english ? "unit" : "หน่วยงาน";
	header[h++] = english ? "code" : "รหัส";
	header[h++] = english ? "group" : "กลุ่ม";
	header[h++] = english ? "year" : "ปีงบประมาณ";
	for (size_t t = 0; t < n_tools; t++)
		header[h++] = last->tools[t].code;
	header[h++] = english ? "overall" : "คะแนนรวม";
	header[h++] = english ? "level" : "ระดับ";
	header[h++] = english ? "pass" : "ผ่านเกณฑ์";
	header[h++] = english ? "change" : "เปลี่ยนแปลง";
	header[h++] = english ? "flagged" : "จำนวนตัวชี้วัดต่ำกว่าเกณฑ์";
	header[h++] = english ? "flagged indicators" : "ตัวชี้วัดที่ต่ำกว่าเกณฑ์";
	sheet_begin(b, english ? "summary" : "สรุปรายปี", header, h);
	lxw_col_t c0 = (lxw_col_t)(4 + n_tools);
	for (size_t u = 0; u < n; u++) {
		const itakit_unit_analysis *ua = &units[u];
		for (size_t k = 0; k < ua->n_years; k++) {
			const itakit_year_analysis *ya = &ua->years[k];
			if (o->year && ya->year != o->year)
				continue;
			unit_cells(b, ua->unit);
			put_number(b, 3, ya->year, 0);
			for (size_t t = 0; t < n_tools; t++)
				if (ya->tool[t].known)
					put_number(b, (lxw_col_t)(4 + t), ya->tool[t].value, 2);
			if (ya->overall.known) {
				put_number(b, c0, ya->overall.value, 2);
				put_text(b, c0 + 1, itakit_level_name(ya, english));
				put_text(b, c0 + 2, yes_no(ya->pass, o));
			}
			if (ya->overall.has_delta)
				put_number(b, c0 + 3, ya->overall.delta, 2);
			if (ya->n_indicators_known) {
				put_number(b, c0 + 4, (double)ya->n_flagged, 0);
				char list[128] = "";
				for (size_t i = 0; i < ya->n_flagged; i++)
					snprintf(list + strlen(list), sizeof list - strlen(list), "%s%d", i ? " " : "",
						 ya->flagged[i]);
				put_text(b, c0 + 5, list);
			}
			b->row++;
		}
	}
	sheet_end(b);
}

static void ranking_sheet(book *b, const itakit_cohort *c, const itakit_export_options *o)
{
	static const char *const th[] = {"อันดับ", "หน่วยงาน", "รหัส", "กลุ่ม", "คะแนนรวม", "ผ่านเกณฑ์",
					 "จำนวนตัวชี้วัดต่ำกว่าเกณฑ์", "เปอร์เซ็นไทล์"};
	static const char *const en[] = {"rank", "unit", "code", "group", "overall", "pass", "flagged",
					 "percentile"};
	bool english = o->lang == ITAKIT_LANG_EN;
	char name[32];
	snprintf(name, sizeof name, english ? "ranking %d" : "อันดับ %d", c->year);
	sheet_begin(b, name, english ? en : th, 8);
	for (size_t i = 0; i < c->n_units; i++) {
		const itakit_cohort_entry *e = &c->ranking[i];
		put_number(b, 0, e->rank, 0);
		put_text(b, 1, e->ua->unit->name);
		put_text(b, 2, e->ua->unit->code);
		put_text(b, 3, e->ua->unit->group);
		put_number(b, 4, e->ya->overall.value, 2);
		put_text(b, 5, yes_no(e->ya->pass, o));
		if (e->ya->n_indicators_known)
			put_number(b, 6, (double)e->ya->n_flagged, 0);
		put_number(b, 7, e->percentile, 2);
		b->row++;
	}
	sheet_end(b);
}

int itakit_export_xlsx(const char *path, const itakit_framework *fw,
		       const itakit_unit_analysis *units, size_t n,
		       const itakit_cohort *cohort, const itakit_export_options *opts)
{
	itakit_export_options o = ITAKIT_EXPORT_OPTIONS_INIT;
	if (opts)
		o = *opts;
	book b;
	int rc = book_open(&b, path);
	if (rc != 0)
		return rc;
	indicator_sheet(&b, fw, units, n, &o);
	summary_sheet(&b, fw, units, n, &o);
	if (cohort && n > 1 && cohort->n_units)
		ranking_sheet(&b, cohort, &o);
	return book_close(&b);
}

/* ---- a CSV table ------------------------------------------------------------------- */

typedef struct {
	book *b;
	const char *sheet, *numeric;
	bool is_num[MAX_COLS];
} csv_sheet;

/* True when name is one of the comma-separated names of list. */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && strncmp(p, name, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

static int on_csv_record(void *payload, const itakit_csv_record *rec)
{
	csv_sheet *cs = payload;
	book *b = cs->b;
	size_t n = rec->n_fields < MAX_COLS ? rec->n_fields : MAX_COLS;
	if (rec->index == 0) {
		const char *header[MAX_COLS];
		for (size_t i = 0; i < n; i++) {
			header[i] = rec->fields[i].text;
			cs->is_num[i] = listed(cs->numeric, header[i]);
		}
		sheet_begin(b, cs->sheet, header, n);
		return b->rc;
	}
	for (size_t i = 0; i < n; i++) {
		const char *t = rec->fields[i].text;
		double v;
		if (cs->is_num[i] && *t && itakit_text_parse_number(&v, t) == 0)
			put_number(b, (lxw_col_t)i, v, strchr(t, '.') ? 2 : 0);
		else
			put_text(b, (lxw_col_t)i, t);
	}
	b->row++;
	return b->rc;
}

int itakit_export_xlsx_csv(const char *path, const char *sheet, const char *csv, size_t len,
			   const char *numeric)
{
	book b;
	int rc = book_open(&b, path);
	if (rc != 0)
		return rc;
	itakit_diag_list diags = ITAKIT_DIAG_LIST_INIT;
	itakit_input in;
	itakit__input_init(&in, path, &diags);
	itakit_records_options ro = {NULL, 65536, MAX_COLS, "expected a header line", NULL};
	csv_sheet cs = {&b, sheet, numeric, {false}};
	rc = itakit__input_records(&in, csv, len, &ro, on_csv_record, &cs);
	itakit__input_release(&in);
	if (rc == 0 && diags.errors)
		rc = itakit_error_set(ITAKIT_EINPUT, "%s: the table to write is not CSV", path);
	itakit_diag_list_release(&diags);
	sheet_end(&b);
	if (rc != 0 && b.rc == 0)
		b.rc = rc;
	return book_close(&b);
}
