/* .xlsx in and out: workbooks written here with libxlsxwriter (as
 * spreadsheet programs write them) and one put together by hand (inline
 * strings, a merged title and a merged unit name, numbers as text with Thai
 * digits, a number stored in binary), read as scores, measures catalog and
 * status file; errors at FILE:SHEET!CELL; a zip bomb refused; the
 * analysis written as a workbook and read back. */
#include "test_support.h"
#include "core/input.h"
#include "itakit/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#define BKK "กรุงเทพมหานคร"

static const double BANGKOK_2566[10] = {92.27, 77.83, 85.85, 77.95, 78.31,
					82.88, 81.22, 78.37, 100.00, 100.00};

static const char *tmp_file(const char *name)
{
	static char buf[4][1024];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", temp_dir(), name);
	return buf[k];
}

static char *slurp(const char *path, size_t *len)
{
	char *data;
	assert_int_equal(itakit_file_read(&data, len, path, 1 << 26), 0);
	return data;
}

/* ---- workbooks written with libxlsxwriter ---------------------------------------- */

/* Sheet "ผล ITA": a title merged across the table, an empty row, the
 * header, Bangkok's 2566 indicators (numbers; indicator 2 as text in Thai
 * digits, a year as text), an empty row, the 2565 overall. Sheet
 * "ข้อมูลเสีย": a score that is not a number at D7, below empty rows. */
static const char *scores_workbook(void)
{
	const char *path = tmp_file("scores.xlsx");
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "ผล ITA");
	worksheet_merge_range(ws, 0, 0, 0, 3, "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๖", NULL);
	static const char *const head[] = {"หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "คะแนน"};
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], NULL);
	for (int i = 0; i < 10; i++) {
		lxw_row_t r = (lxw_row_t)(3 + i);
		worksheet_write_string(ws, r, 0, BKK, NULL);
		if (i == 2)
			worksheet_write_string(ws, r, 1, "2566", NULL);
		else
			worksheet_write_number(ws, r, 1, 2566, NULL);
		worksheet_write_number(ws, r, 2, i + 1, NULL);
		if (i == 1)
			worksheet_write_string(ws, r, 3, "๗๗.๘๓", NULL);
		else
			worksheet_write_number(ws, r, 3, BANGKOK_2566[i], NULL);
	}
	worksheet_write_string(ws, 14, 0, BKK, NULL);
	worksheet_write_number(ws, 14, 1, 2565, NULL);
	worksheet_write_string(ws, 14, 2, "ภาพรวม", NULL);
	worksheet_write_number(ws, 14, 3, 90.01, NULL);

	lxw_worksheet *bad = workbook_add_worksheet(wb, "ข้อมูลเสีย");
	for (int c = 0; c < 4; c++)
		worksheet_write_string(bad, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(bad, 1, 0, BKK, NULL);
	worksheet_write_number(bad, 1, 1, 2566, NULL);
	worksheet_write_number(bad, 1, 2, 1, NULL);
	worksheet_write_number(bad, 1, 3, 92.27, NULL);
	worksheet_write_string(bad, 6, 0, BKK, NULL);
	worksheet_write_number(bad, 6, 1, 2566, NULL);
	worksheet_write_number(bad, 6, 2, 2, NULL);
	worksheet_write_string(bad, 6, 3, "x", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}


static int load_sheet(fixture *f, const char *path, const char *sheet)
{
	itakit_load_options o = ITAKIT_LOAD_OPTIONS_INIT;
	o.sheet = sheet;
	return itakit_dataset_load_file(&f->ds, path, &f->fw, &o, &f->diags);
}

static void test_scores_first_sheet(void **state)
{
	fixture *f = *state;
	const char *path = scores_workbook();
	int rc = load_sheet(f, path, NULL);
	if (rc)
		fail_msg("%s", all_diags(&f->diags));
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->ds.n_units, 1);
	assert_string_equal(f->ds.units[0].name, BKK);
	const itakit_unit_year *y = itakit_unit_find_year(&f->ds.units[0], 2566);
	assert_non_null(y);
	for (int i = 0; i < 10; i++)
		assert_true(y->indicator[i] == BANGKOK_2566[i]);
	y = itakit_unit_find_year(&f->ds.units[0], 2565);
	assert_true(y && y->overall == 90.01);
	/* the published overall: 88.98, down 1.03 from 2565 */
	itakit_unit_analysis ua;
	assert_int_equal(itakit_analysis_run_unit(&ua, &f->ds.units[0], &f->fw, NULL, NULL), 0);
	const itakit_year_analysis *ya = itakit_unit_analysis_year(&ua, 2566);
	assert_near(itakit_round(ya->overall.value, 2), 88.98, 1e-9);
	assert_near(ya->overall.delta, -1.03, 1e-9);
	assert_int_equal(ya->n_flagged, 6);
	itakit_unit_analysis_release(&ua);
}

static void test_scores_errors_at_cells(void **state)
{
	fixture *f = *state;
	const char *path = scores_workbook();
	assert_int_equal(load_sheet(f, path, "ข้อมูลเสีย"), ITAKIT_EINPUT);
	char want[1200];
	snprintf(want, sizeof want, "%s:ข้อมูลเสีย!D7: error: score 'x' is not a number", path);
	if (!diags_contain(&f->diags, want))
		fail_msg("want %s; got %s", want, all_diags(&f->diags));
	assert_int_equal(f->diags.errors, 1);
	/* the valid row is kept */
	assert_true(f->ds.units[0].years[0].indicator[0] == 92.27);

	itakit_diag_list_release(&f->diags);
	assert_int_equal(load_sheet(f, path, "ไม่มี"), ITAKIT_EINPUT);
	assert_true(diags_contain(&f->diags, "no sheet named 'ไม่มี'; its sheets are 'ผล ITA', 'ข้อมูลเสีย'"));
}

/* ---- a workbook put together by hand ------------------------------------------------ */

typedef struct {
	const char *name, *text;
} part;

static void write_zip(const char *path, const part *parts, size_t n)
{
	int err;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i].text, strlen(parts[i].text), 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
}

#define XML "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const part HAND_COMMON[] = {
	{"[Content_Types].xml", XML "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	 "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	 "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"},
	{"_rels/.rels", XML "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
	 "Type=\"" NS_R "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
	{"xl/workbook.xml", XML "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
	 "<sheet name=\"คะแนน\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"},
	{"xl/_rels/workbook.xml.rels", XML "<Relationships xmlns=\"" NS_PKG "\">"
	 "<Relationship Id=\"rId7\" Type=\"" NS_R "/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
	 "<Relationship Id=\"rId8\" Type=\"" NS_R "/sharedStrings\" Target=\"strings.xml\"/></Relationships>"},
	/* rich text (runs) and a phonetic run that is not part of the text */
	{"xl/strings.xml", XML "<sst xmlns=\"" NS_MAIN "\" count=\"4\" uniqueCount=\"4\">"
	 "<si><t>ผลคะแนน ITA (ตัวอย่าง)</t></si>"
	 "<si><r><t>กรุงเทพ</t></r><r><rPr><b/></rPr><t>มหานคร</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
	 "<si><t>1</t></si><si><t xml:space=\"preserve\">ตัวชี้วัดที่ 2</t></si></sst>"},
};

/* Wide layout under a merged title; the unit's name merged over two rows;
 * 82.445 as the double a spreadsheet stores for it; a score and a year as
 * text in Thai digits; a formula's cached text; an empty row; an error
 * value at C6. */
static const char HAND_SHEET[] =
	XML "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
	"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>หน่วยงาน</t></is></c>"
	"<c r=\"B2\" t=\"inlineStr\"><is><t>ปี</t></is></c><c r=\"C2\" t=\"s\"><v>2</v></c>"
	"<c r=\"D2\" t=\"s\"><v>3</v></c></row>"
	"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\"><v>2566</v></c>"
	"<c r=\"C3\" s=\"1\"><v>82.444999999999993</v></c>"
	"<c r=\"D3\" t=\"inlineStr\"><is><t>๗๗.๘๓</t></is></c></row>"
	"<row r=\"4\"><c r=\"A4\" s=\"2\"/><c r=\"B4\" t=\"inlineStr\"><is><t>๒๕๖๕</t></is></c>"
	"<c r=\"C4\"><v>90</v></c><c r=\"D4\" t=\"str\"><f>80+0.5</f><v>80.5</v></c></row>"
	"<row r=\"5\"/>"
	"<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>เขตพระนคร</t></is></c><c r=\"B6\"><v>2566</v></c>"
	"<c r=\"C6\" t=\"e\"><v>#DIV/0!</v></c></row>"
	"</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"A3:A4\"/></mergeCells>"
	"</worksheet>";

static const char *hand_workbook(const char *name, const char *sheet_xml)
{
	const char *path = tmp_file(name);
	part parts[sizeof HAND_COMMON / sizeof *HAND_COMMON + 1];
	memcpy(parts, HAND_COMMON, sizeof HAND_COMMON);
	parts[sizeof HAND_COMMON / sizeof *HAND_COMMON] = (part){"xl/worksheets/data.xml", sheet_xml};
	write_zip(path, parts, sizeof parts / sizeof *parts);
	return path;
}

static void test_hand_made(void **state)
{
	fixture *f = *state;
	const char *path = hand_workbook("hand.xlsx", HAND_SHEET);
	assert_int_equal(load_sheet(f, path, NULL), ITAKIT_EINPUT);
	char want[1200];
	snprintf(want, sizeof want, "%s:คะแนน!C6: error: score '#DIV/0!' is not a number", path);
	if (!diags_contain(&f->diags, want))
		fail_msg("want %s; got %s", want, all_diags(&f->diags));
	if (f->diags.errors != 1)
		fail_msg("%s", all_diags(&f->diags));
	const itakit_unit *u = itakit_dataset_find_unit(&f->ds, BKK);
	assert_non_null(u);
	const itakit_unit_year *y = itakit_unit_find_year(u, 2566);
	assert_non_null(y);
	/* the shortest decimal of the stored double, rounded as published */
	assert_true(y->indicator[0] == 82.445);
	assert_true(itakit_round(y->indicator[0], 2) == 82.45);
	char buf[32];
	assert_string_equal(itakit_format_number(buf, sizeof buf, y->indicator[0], 2, ITAKIT_DIGITS_ARABIC, false),
			    "82.45");
	assert_true(y->indicator[1] == 77.83);
	/* the merged name covers row 4 too */
	y = itakit_unit_find_year(u, 2565);
	assert_true(y && y->indicator[0] == 90 && y->indicator[1] == 80.5);
}

static void test_damaged(void **state)
{
	fixture *f = *state;
	/* not well-formed XML */
	const char *path = hand_workbook("broken.xlsx", XML "<worksheet><sheetData><row r=\"1\"><c r=\"A1\">");
	assert_int_equal(load_sheet(f, path, NULL), ITAKIT_EINPUT);
	if (!diags_contain(&f->diags, "not well-formed"))
		fail_msg("%s", all_diags(&f->diags));
	itakit_diag_list_release(&f->diags);
	/* a bad reference and a shared string that is not there */
	path = hand_workbook("badref.xlsx", XML "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c>"
				     "<c r=\"B1\"><v>1</v></c></row></sheetData></worksheet>");
	assert_int_equal(load_sheet(f, path, NULL), ITAKIT_EINPUT);
	assert_true(diags_contain(&f->diags, ":คะแนน!A1: error: the cell refers to shared string 9, which the "
				  "workbook does not have (it has 4)"));
	itakit_diag_list_release(&f->diags);
	/* a ZIP file that is not a workbook */
	path = tmp_file("other.zip");
	write_zip(path, (const part[]){{"hello.txt", "hello"}}, 1);
	assert_int_equal(load_sheet(f, path, NULL), ITAKIT_EINPUT);
	assert_true(diags_contain(&f->diags, "this ZIP file is not an Excel workbook (.xlsx): it has no xl/workbook.xml"));
	itakit_diag_list_release(&f->diags);
	/* a ZIP cut short */
	size_t len;
	char *data = slurp(scores_workbook(), &len);
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, data, len / 2, "cut.xlsx", &f->fw, NULL, &f->diags),
			 ITAKIT_EINPUT);
	assert_true(diags_contain(&f->diags, "cut.xlsx:1:1: error: this looks like an Excel workbook (.xlsx) or "
				  "another ZIP archive, but it cannot be opened"));
	free(data);
}

/* A worksheet whose directory entry says it unpacks to 2 GB: refused from
 * the size, before anything is inflated. */
static void test_zip_bomb(void **state)
{
	fixture *f = *state;
	size_t len;
	char *data = slurp(hand_workbook("bomb.xlsx", HAND_SHEET), &len);
	static const char name[] = "xl/worksheets/data.xml";
	bool patched = false;
	for (size_t i = 0; i + 46 + sizeof name - 1 <= len; i++) {
		unsigned char *p = (unsigned char *)data + i;
		if (memcmp(p, "PK\x01\x02", 4) != 0 || (size_t)(p[28] | p[29] << 8) != sizeof name - 1 ||
		    memcmp(p + 46, name, sizeof name - 1) != 0)
			continue;
		p[24] = 0x00, p[25] = 0x00, p[26] = 0x00, p[27] = 0x80; /* 2 GiB */
		patched = true;
	}
	assert_true(patched);
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, data, len, "bomb.xlsx", &f->fw, NULL, &f->diags),
			 ITAKIT_EINPUT);
	if (!diags_contain(&f->diags, "bomb.xlsx:คะแนน: error: the workbook part xl/worksheets/data.xml unpacks to "
			   "more than the limit of 268435456 bytes"))
		fail_msg("%s", all_diags(&f->diags));
	free(data);
}

/* ---- measures catalog and status file ------------------------------------------------ */

static void test_measures_and_status(void **state)
{
	(void)state;
	const char *path = tmp_file("measures.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "มาตรการ");
	static const char *const head[] = {"id", "indicators", "ประเด็น", "วิธีการ", "ผู้รับผิดชอบ", "ขั้นตอน"};
	for (int c = 0; c < 6; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "M01", NULL);
	worksheet_write_string(ws, 1, 1, "๑ 2 3 4 5 6 7 8 9 10", NULL);
	worksheet_write_string(ws, 1, 2, "การเปิดเผยข้อมูล", NULL);
	worksheet_write_string(ws, 1, 3, "๑. เผยแพร่\n๒. ติดตาม", NULL);
	worksheet_write_string(ws, 1, 4, "สำนักงานเลขานุการ", NULL);
	worksheet_write_string(ws, 1, 5, "ทุกไตรมาส", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	itakit_measures cat;
	itakit_diag_list d;
	itakit_measures_init(&cat);
	itakit_diag_list_init(&d);
	int rc = itakit_measures_load(&cat, path, 10, &d);
	if (rc)
		fail_msg("%s", all_diags(&d));
	assert_int_equal(cat.count, 1);
	assert_int_equal(cat.items[0].n_indicators, 10);
	assert_string_equal(itakit_measure_text(&cat.items[0], ITAKIT_MEASURE_APPROACH, ITAKIT_LANG_TH),
			    "๑. เผยแพร่\n๒. ติดตาม");
	itakit_measures_release(&cat);
	itakit_diag_list_release(&d);

	path = tmp_file("status.xlsx");
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "สถานะ");
	worksheet_write_string(ws, 0, 0, "id", NULL);
	worksheet_write_string(ws, 0, 1, "status", NULL);
	worksheet_write_string(ws, 0, 2, "progress", NULL);
	worksheet_write_string(ws, 1, 0, "M01", NULL);
	worksheet_write_string(ws, 1, 1, "ดำเนินการแล้วเสร็จ", NULL);
	worksheet_write_number(ws, 1, 2, 100, NULL);
	worksheet_write_string(ws, 2, 0, "M02", NULL);
	worksheet_write_string(ws, 2, 1, "done", NULL);
	worksheet_write_string(ws, 2, 2, "lots", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t len;
	char *data = slurp(path, &len);
	itakit_status st;
	itakit_status_init(&st);
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_status_parse(&st, data, len, "status.xlsx", &d), ITAKIT_EINPUT);
	assert_true(diags_contain(&d, "status.xlsx:สถานะ!C3: error: progress 'lots' is not a number"));
	itakit_status_release(&st);
	itakit_diag_list_release(&d);
	free(data);
}

/* ---- out ---------------------------------------------------------------------------- */

typedef struct {
	char cells[64][16][128];
	size_t rows;
} grid;

static int keep_record(void *payload, const itakit_csv_record *rec)
{
	grid *g = payload;
	if (g->rows < 64) {
		for (size_t i = 0; i < rec->n_fields && i < 16; i++)
			snprintf(g->cells[g->rows][i], sizeof g->cells[0][0], "%s", rec->fields[i].text);
		g->rows++;
	}
	return 0;
}

static void read_sheet(grid *g, const char *path, const char *sheet)
{
	size_t len;
	char *data = slurp(path, &len);
	itakit_diag_list d = ITAKIT_DIAG_LIST_INIT;
	itakit_input in;
	itakit__input_init(&in, path, &d);
	itakit_records_options o = {sheet, 4096, 64, NULL, NULL};
	memset(g, 0, sizeof *g);
	assert_int_equal(itakit__input_records(&in, data, len, &o, keep_record, g), 0);
	if (d.errors)
		fail_msg("%s", all_diags(&d));
	itakit__input_release(&in);
	itakit_diag_list_release(&d);
	free(data);
}

static void test_export(void **state)
{
	(void)state;
	analysed_data a;
	analysed_data_load(&a, "data/bangkok.csv");
	const char *path = tmp_file("out.xlsx");
	itakit_export_options o = ITAKIT_EXPORT_OPTIONS_INIT;
	o.year = 2566;
	assert_int_equal(itakit_export_xlsx(path, &a.fw, a.ua, a.n, NULL, &o), 0);
	grid *g = malloc(sizeof *g);
	read_sheet(g, path, "ตัวชี้วัด");
	assert_string_equal(g->cells[0][0], "หน่วยงาน");
	assert_string_equal(g->cells[0][6], "คะแนน");
	for (int i = 0; i < 10; i++) {
		double v;
		assert_string_equal(g->cells[1 + i][0], BKK);
		assert_int_equal(itakit_text_parse_number(&v, g->cells[1 + i][6]), 0);
		assert_true(v == BANGKOK_2566[i]);
		assert_string_equal(g->cells[1 + i][7], BANGKOK_2566[i] < 85 ? "ใช่" : "ไม่ใช่");
	}
	read_sheet(g, path, "สรุปรายปี");
	assert_string_equal(g->cells[0][7], "คะแนนรวม");
	assert_string_equal(g->cells[1][3], "2566");
	assert_string_equal(g->cells[1][7], "88.98");
	assert_string_equal(g->cells[1][10], "-1.03");
	assert_string_equal(g->cells[1][11], "6");
	assert_string_equal(g->cells[1][12], "6 7 8 5 4 2");
	free(g);
	analysed_data_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scores_first_sheet, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_scores_errors_at_cells, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_hand_made, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_damaged, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_zip_bomb, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test(test_measures_and_status),
		cmocka_unit_test(test_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
