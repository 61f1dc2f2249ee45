/* The document engine, judged by what poppler reads back from the PDF:
 * page count, text of every page (repeated table header, split rows, no
 * lost or doubled rows, footers), metadata, embedded fonts, the outline,
 * byte-identical output, and no file left behind on failure. */
#include "test_support.h"
#include "render/document.h"

#include <fontconfig/fontconfig.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LONG_ROW 30    /* the row taller than a page */
#define LONG_ITEMS 40  /* numbered lines in its cell */
#define NROWS 60

/* ---- helpers ---- */

static bool have_tool(const char *tool)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

#define REQUIRE_TOOL(t) do { if (!have_tool(t)) { print_message("skipped: %s not installed\n", t); skip(); } } while (0)

/* Runs a shell command and returns its standard output (malloc'd). */
static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 2048)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	assert_int_equal(pclose(p), 0);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* memmem, which C11 and POSIX lack: PDFs hold NUL bytes, so no strstr. */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* The value of "Key:   value" in pdfinfo output (static buffer). */
static const char *field(const char *info, const char *key)
{
	static char buf[512];
	char k[64];
	snprintf(k, sizeof k, "\n%s:", key);
	const char *p = strncmp(info, k + 1, strlen(k + 1)) == 0 ? info - 1 : strstr(info, k);
	if (!p)
		return "";
	p += strlen(k);
	while (*p == ' ')
		p++;
	size_t n = strcspn(p, "\n");
	snprintf(buf, sizeof buf, "%.*s", (int)n, p);
	return buf;
}

static char *read_all(const char *path, size_t *len)
{
	char *data;
	assert_int_equal(itakit_file_read(&data, len, path, 0), 0);
	return data;
}

static char *thai_int(long v)
{
	static char buf[8][32];
	static int k;
	k = (k + 1) % 8;
	return itakit_format_int(buf[k], sizeof buf[k], v, ITAKIT_DIGITS_THAI);
}

/* ---- the sample document ---- */

static int draw_bars(cairo_t *cr, double w, double h, void *user)
{
	int *calls = user;
	(*calls)++;
	static const double v[] = {88.50, 91.48, 90.01, 88.98};
	cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
	cairo_paint(cr);
	for (int i = 0; i < 4; i++) {
		double bh = (h - 10) * (v[i] - 50) / 50;
		cairo_rectangle(cr, 20 + i * (w - 40) / 4, h - 5 - bh, (w - 40) / 4 - 10, bh);
	}
	cairo_set_source_rgb(cr, 0.2, 0.4, 0.7);
	cairo_fill(cr);
	return 0;
}

static int draw_fails(cairo_t *cr, double w, double h, void *user)
{
	(void)cr; (void)w; (void)h; (void)user;
	return itakit_error_set(ITAKIT_ERROR, "chart data missing");
}

/* Body text written for these tests; it exercises stacked tone marks,
 * sara am and dictionary line breaks. */
static const char *PARA1 =
	"หน่วยงานของรัฐทุกแห่งต้องเข้ารับการประเมินคุณธรรมและความโปร่งใสเป็นประจำทุกปี "
	"เพื่อให้ผู้บริหารและผู้รับผิดชอบได้ทราบจุดที่ยังต้องปรับปรุง และวางแนวทางป้องกันการประพฤติมิชอบ"
	"อย่างเป็นระบบ เอกสารฉบับนี้สรุปผลการประเมินที่ได้รับ พร้อมเสนอมาตรการที่ทำได้จริง "
	"โดยยึดหลักการทำงานอย่างซื่อสัตย์สุจริตและเปิดเผยข้อมูลต่อสาธารณะอย่างสม่ำเสมอ";
static const char *PARA2 =
	"ผลสัมฤทธิ์ของการดำเนินงานจะวัดจากคะแนนที่ไม่ต่ำกว่า ๘๕ คะแนนในทุกตัวชี้วัด "
	"ทั้งนี้ต้องอาศัยความร่วมมือจากบุคลากรทุกระดับ ตั้งแต่ผู้อำนวยการจนถึงเจ้าหน้าที่ปฏิบัติงาน "
	"ในการรายงานความคืบหน้า การตอบแบบสำรวจ และการเผยแพร่ข้อมูลต่าง ๆ บนเว็บไซต์ของหน่วยงาน ฯลฯ";

static char *long_cell(void)
{
	/* LONG_ITEMS numbered lines, each long enough to wrap, each tagged Lnn
	 * so the test can follow their order across pages. */
	size_t cap = 64 * 1024, n = 0;
	char *s = malloc(cap);
	for (int i = 1; i <= LONG_ITEMS; i++) {
		n += (size_t)snprintf(s + n, cap - n, "%s%s. L%02d จัดประชุมชี้แจงแนวทางการปฏิบัติงานให้บุคลากรที่เกี่ยวข้องทราบ "
				      "และติดตามผลการดำเนินงานอย่างต่อเนื่องทุกเดือน",
				      i > 1 ? "\n" : "", thai_int(i), i);
	}
	return s;
}

static itakit_document *sample(int *figure_calls)
{
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.title = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส";
	o.author = "สำนักงานทดสอบ";
	o.subject = "ผลการประเมิน ITA";
	o.keywords = "ITA, คุณธรรม";
	o.running_header = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. ๒๕๖๖";
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);

	itakit_paragraph_style title = ITAKIT_PARAGRAPH_STYLE_INIT;
	title.align = ITAKIT_ALIGN_CENTER;
	title.justify = false;
	title.bold = true;
	title.size = 20;
	title.keep_with_next = true;
	assert_int_equal(itakit__document_paragraph(doc, "มาตรการส่งเสริมคุณธรรมและความโปร่งใส\nของสำนักงานทดสอบ", &title), 0);

	itakit_paragraph_style body = ITAKIT_PARAGRAPH_STYLE_INIT;
	body.first_indent = ITAKIT_CM(2.5);
	assert_int_equal(itakit__document_heading(doc, 1, "ความเป็นมา"), 0);
	assert_int_equal(itakit__document_paragraph(doc, PARA1, &body), 0);
	assert_int_equal(itakit__document_paragraph(doc, PARA2, &body), 0);
	itakit_paragraph_style marked = body;
	marked.markup = true;
	assert_int_equal(itakit__document_paragraph(doc,
		"ตัวชี้วัดที่ได้คะแนน<b>ต่ำกว่าเกณฑ์</b> ได้แก่ คุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร "
		"และการปรับปรุงการทำงาน ซึ่งหน่วยงานจะนำไปจัดทำแผนปรับปรุงในปีถัดไป", &marked), 0);

	assert_int_equal(itakit__document_heading(doc, 2, "หลักการสำคัญ"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_BULLET, 0,
		"ยึดถือความซื่อสัตย์สุจริตในการปฏิบัติหน้าที่ ไม่เลือกปฏิบัติ และเปิดโอกาสให้ประชาชนตรวจสอบได้ทุกขั้นตอน"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_BULLET, 0, "ผู้บริหารเป็นแบบอย่างที่ดี"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_NUMBER, 1, "กำหนดผู้รับผิดชอบให้ชัดเจน"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_NUMBER, 1,
		"รายงานผลต่อผู้บริหารอย่างสม่ำเสมอ และปรับแผนตามข้อเสนอแนะที่ได้รับจากผู้มีส่วนได้ส่วนเสียภายนอก"), 0);

	assert_int_equal(itakit__document_figure(doc, 0, 180, draw_bars, figure_calls,
						"คะแนนรวมย้อนหลัง"), 0);

	assert_int_equal(itakit__document_heading(doc, 1, "มาตรการและผู้รับผิดชอบ"), 0);
	itakit_table_column cols[] = {
		{"ลำดับ", 1.0, ITAKIT_ALIGN_LEFT},
		{"รายละเอียดมาตรการ", 5.0, ITAKIT_ALIGN_LEFT},
		{"คะแนน", 1.3, ITAKIT_ALIGN_RIGHT},
	};
	itakit_table_options t = {cols, 3, "มาตรการที่หน่วยงานจะดำเนินการ", 14};
	assert_int_equal(itakit__document_table(doc, &t), 0);
	const char *units[] = {NULL, "(มาตรการละหนึ่งแถว)", "(เต็ม ๑๐๐)"};
	assert_int_equal(itakit__document_table_row(doc, ITAKIT_ROW_HEADER, units), 0);
	char *big = long_cell();
	for (int r = 1; r <= NROWS; r++) {
		char id[16], text[512], score[32];
		snprintf(id, sizeof id, "R%03d", r);
		snprintf(text, sizeof text, r % 7 == 0 ?
			 "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์ของหน่วยงานภายในสามสิบวัน พร้อมสรุปผลการดำเนินงานรายไตรมาส" :
			 "ปรับปรุงช่องทางรับเรื่องร้องเรียนให้ประชาชนเข้าถึงได้ง่ายขึ้น");
		itakit_format_number(score, sizeof score, 70 + r * 0.5, 2, ITAKIT_DIGITS_ARABIC, false);
		const char *cells[] = {id, r == LONG_ROW ? big : text, score};
		unsigned flags = (70 + r * 0.5 < 85) ? ITAKIT_ROW_TINT : 0;
		assert_int_equal(itakit__document_table_row(doc, flags, cells), 0);
	}
	free(big);

	assert_int_equal(itakit__document_heading(doc, 1, "ข้อจำกัด"), 0);
	assert_int_equal(itakit__document_paragraph(doc, PARA2, &body), 0);
	return doc;
}

static const char *out_dir(void)
{
	static char dir[512];
	if (!dir[0])
		snprintf(dir, sizeof dir, "%s", temp_dir());
	return dir;
}

static int write_sample(const char *path, int *pages)
{
	int calls = 0;
	itakit_document *doc = sample(&calls);
	int rc = itakit__document_write_pdf(doc, path, pages);
	itakit__document_free(doc);
	if (rc == 0)
		assert_int_equal(calls, 1);
	return rc;
}

/* ---- tests ---- */

static void test_pages_and_table(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdftotext");
	REQUIRE_TOOL("pdfinfo");
	char path[600];
	snprintf(path, sizeof path, "%s/sample.pdf", out_dir());
	int pages = 0;
	assert_int_equal(write_sample(path, &pages), 0);
	if (getenv("ITAKIT_KEEP_PDF")) /* for looking at the pages */
		run("cp %s %s", path, getenv("ITAKIT_KEEP_PDF"));

	char *info = run("pdfinfo %s", path);
	const char *pl = strstr(info, "\nPages:");
	assert_non_null(pl);
	assert_int_equal(atoi(pl + 7), pages);
	/* 60 rows, a row of 40 wrapped numbered lines, text and a figure. */
	assert_true(pages >= 5 && pages <= 15);
	free(info);

	char *all = run("pdftotext %s -", path);
	/* Extraction gives back Thai text exactly: no replacement characters,
	 * no private-use glyph codes, words intact. */
	assert_null(strstr(all, "\xEF\xBF\xBD"));
	for (const unsigned char *p = (const unsigned char *)all; *p; p++)
		assert_false(p[0] == 0xEE || (p[0] == 0xEF && p[1] < 0xA4)); /* U+E000..U+F8FF */
	static const char *words[] = {"ผู้รับผิดชอบ", "ซื่อสัตย์สุจริต", "ไม่ต่ำกว่า", "สม่ำเสมอ", "ประพฤติมิชอบ",
				      "ผลสัมฤทธิ์", "ฯลฯ", "ต่าง ๆ", "ต่ำกว่าเกณฑ์", "๑. ความเป็นมา"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (!strstr(all, words[i]))
			fail_msg("\"%s\" not extracted intact", words[i]);
	}

	/* Every row exactly once (the long one again in its continued marks,
	 * counted per page below), every line of the long cell once and in
	 * order. */
	for (int r = 1; r <= NROWS; r++) {
		char id[16];
		snprintf(id, sizeof id, "R%03d", r);
		if (r != LONG_ROW && count(all, id) != 1)
			fail_msg("%s found %d times", id, count(all, id));
	}
	const char *prev = all;
	for (int i = 1; i <= LONG_ITEMS; i++) {
		char id[16];
		snprintf(id, sizeof id, "L%02d", i);
		assert_int_equal(count(all, id), 1);
		const char *at = strstr(all, id);
		assert_true(at > prev);
		prev = at;
	}

	/* The layer numbers the headings in the document's digits. */
	assert_non_null(strstr(all, "๑.๑ หลักการสำคัญ"));
	assert_non_null(strstr(all, "๓. ข้อจำกัด"));

	/* Per page: the Thai official number "- ๒ -" at the top of every page
	 * but the first; header row wherever rows are. */
	int long_first = 0, long_last = 0, table_pages = 0, marks = 0;
	for (int p = 1; p <= pages; p++) {
		char *text = run("pdftotext -f %d -l %d %s -", p, p, path);
		char number[128];
		snprintf(number, sizeof number, "-%s-\n", thai_int(p));
		char *layout = run("pdftotext -layout -f %d -l %d %s - | tr -d ' '", p, p, path);
		assert_int_equal(count(layout, number), p > 1);
		free(layout);
		snprintf(number, sizeof number, "หน้า %s จาก", thai_int(p));
		assert_null(strstr(text, number)); /* the footer style is an option */
		bool rows = strstr(text, "R0") || strstr(text, " L");
		if (rows) {
			table_pages++;
			if (!strstr(text, "ลำดับ") || !strstr(text, "รายละเอียดมาตรการ") || !strstr(text, "คะแนน") ||
			    !strstr(text, "(เต็ม ๑๐๐)"))
				fail_msg("page %d holds table rows but no header row", p);
		}
		if (strstr(text, "L01"))
			long_first = p;
		/* The long row's first cell says "(ต่อ)" on each page it
		 * continues on, and no other row has the mark (the caption's
		 * "ตารางที่ ๑ (ต่อ)" aside). */
		bool continues = long_first && long_first < p && !long_last;
		char id[32];
		snprintf(id, sizeof id, "R%03d (ต่อ)", LONG_ROW);
		assert_int_equal(count(text, id), continues);
		assert_int_equal(count(text, "(ต่อ)") - count(text, "ตารางที่ ๑ (ต่อ)"), continues);
		marks += continues;
		if (strstr(text, "L40"))
			long_last = p;
		/* The running header is on every page but the first. */
		assert_int_equal(strstr(text, "ปีงบประมาณ พ.ศ. ๒๕๖๖") != NULL, p > 1);
		free(text);
	}
	assert_true(table_pages >= 3);
	assert_true(long_first > 0 && long_last > long_first); /* split across pages */
	assert_int_equal(marks, long_last - long_first);
	char id[16];
	snprintf(id, sizeof id, "R%03d", LONG_ROW);
	assert_int_equal(count(all, id), 1 + marks);
	free(all);
}

static void test_reproducible_metadata_fonts(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdfinfo");
	REQUIRE_TOOL("pdffonts");
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	char a[600], b[600];
	snprintf(a, sizeof a, "%s/a.pdf", out_dir());
	snprintf(b, sizeof b, "%s/b.pdf", out_dir());
	assert_int_equal(write_sample(a, NULL), 0);
	sleep(1); /* a clock leaking into the file would show */
	assert_int_equal(write_sample(b, NULL), 0);
	size_t la, lb;
	char *da = read_all(a, &la), *db = read_all(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);

	/* The outline: one entry per heading, titles as UTF-16BE strings. */
	assert_non_null(find_bytes(da, la, "/Outlines", 9));
	/* "๒. มาตรการ": U+0E52 . space U+0E21 U+0E32 U+0E15 ... */
	static const char h2[] = "/Title <FEFF0E52002E00200E210E320E150E230E01";
	assert_non_null(find_bytes(da, la, h2, strlen(h2)));
	/* Both level-1 headings and the nested level-2 one. */
	size_t titles = 0;
	for (const char *p = da; (p = find_bytes(p, la - (size_t)(p - da), "/Title <FEFF", 12)); p++)
		titles++;
	assert_int_equal(titles, 5); /* 4 headings + the document info title */
	free(da);
	free(db);

	char *info = run("TZ=UTC pdfinfo -isodates %s", a);
	assert_string_equal(field(info, "Title"), "มาตรการส่งเสริมคุณธรรมและความโปร่งใส");
	assert_string_equal(field(info, "Author"), "สำนักงานทดสอบ");
	assert_string_equal(field(info, "Subject"), "ผลการประเมิน ITA");
	assert_string_equal(field(info, "Keywords"), "ITA, คุณธรรม");
	assert_true(strncmp(field(info, "Creator"), "itakit ", 7) == 0);
	assert_true(strncmp(field(info, "CreationDate"), "2023-11-14T22:13:20", 19) == 0);
	assert_true(strncmp(field(info, "ModDate"), "2023-11-14T22:13:20", 19) == 0);
	free(info);

	char *fonts = run("pdffonts %s", a);
	/* Skip the two header lines; every font row says "yes" for emb. */
	char *line = strchr(strchr(fonts, '\n') + 1, '\n') + 1;
	int n = 0;
	for (char *next; *line; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		if (!strstr(line, "Laksaman"))
			fail_msg("unexpected font (not Laksaman): %s", line);
		char name[256], type[64], sub[64], enc[64], emb[8];
		assert_int_equal(sscanf(line, "%255s %63s %63s %63s %7s", name, type, sub, enc, emb), 5);
		/* "CID TrueType" is two words: the emb column comes two later. */
		char *yes = strstr(line, " yes ");
		if (!yes)
			fail_msg("font not embedded: %s", line);
		n++;
	}
	assert_true(n >= 2); /* regular and bold */
	free(fonts);
}

static void test_failures_leave_nothing(void **state)
{
	(void)state;
	char dir[600], path[700];
	snprintf(dir, sizeof dir, "%s/fail", out_dir());
	assert_int_equal(mkdir(dir, 0755), 0);

	/* An earlier good file stays as it was when a new write fails. */
	snprintf(path, sizeof path, "%s/report.pdf", dir);
	assert_int_equal(itakit_atomic_write(path, "old", 3), 0);
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	assert_int_equal(itakit__document_paragraph(doc, "ข้อความก่อนแผนภูมิ", NULL), 0);
	assert_int_equal(itakit__document_figure(doc, 200, 100, draw_fails, NULL, "ไม่มีข้อมูล"), 0);
	assert_int_equal(itakit__document_write_pdf(doc, path, NULL), ITAKIT_ERROR);
	assert_non_null(strstr(itakit_error_last(), "chart data missing"));
	assert_int_equal(dir_entries(dir), 1);
	size_t len;
	char *old = read_all(path, &len);
	assert_string_equal(old, "old");
	free(old);

	/* A directory that cannot be created (a file is in the way). */
	snprintf(path, sizeof path, "%s/report.pdf/sub/x.pdf", dir);
	assert_int_not_equal(itakit__document_write_pdf(doc, path, NULL), 0);
	assert_int_equal(dir_entries(dir), 1);
	itakit__document_free(doc);

	/* A font that is not installed: named in the message, nothing written. */
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.font_family = "Nonexistent Sans Thai";
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	assert_int_equal(itakit__document_paragraph(doc, "ทดสอบ", NULL), 0);
	snprintf(path, sizeof path, "%s/nofont.pdf", dir);
	assert_int_equal(itakit__document_write_pdf(doc, path, NULL), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "Nonexistent Sans Thai"));
	itakit__document_free(doc);

	/* A font without Thai. */
	o.font_family = "DejaVu Sans";
	if (itakit__font_check("DejaVu Sans") == 0) {
		assert_int_equal(itakit__document_new(&doc, &o), 0);
		assert_int_equal(itakit__document_write_pdf(doc, path, NULL), ITAKIT_ENOTFOUND);
		assert_non_null(strstr(itakit_error_last(), "no Thai"));
		itakit__document_free(doc);
	}

	/* A character no installed font has: an error, not a box in the PDF. */
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	assert_int_equal(itakit__document_paragraph(doc, "รหัส \xF4\x8F\xBF\xBD", NULL), 0);
	assert_int_equal(itakit__document_write_pdf(doc, path, NULL), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "no installed font can draw 1 character of \"รหัส"));
	itakit__document_free(doc);

	/* A malformed SOURCE_DATE_EPOCH is refused, not silently replaced. */
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "yesterday", 1), 0);
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	assert_int_equal(itakit__document_write_pdf(doc, path, NULL), ITAKIT_EUSAGE);
	itakit__document_free(doc);
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	assert_int_equal(dir_entries(dir), 1);
}

static void test_builder_errors(void **state)
{
	(void)state;
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	const char *cells[] = {"ก", "ข"};
	assert_int_equal(itakit__document_table_row(doc, 0, cells), ITAKIT_EUSAGE);
	itakit_paragraph_style ps = ITAKIT_PARAGRAPH_STYLE_INIT;
	ps.markup = true;
	assert_int_equal(itakit__document_paragraph(doc, "<b>ไม่ปิด", &ps), ITAKIT_EINPUT);
	assert_int_equal(itakit__document_heading(doc, 3, "ระดับสาม"), ITAKIT_EUSAGE);
	itakit_table_column cols[] = {{"ก", 1, ITAKIT_ALIGN_LEFT}, {"ข", 0, ITAKIT_ALIGN_LEFT}};
	itakit_table_options t = {cols, 2, NULL, 0};
	assert_int_equal(itakit__document_table(doc, &t), ITAKIT_EUSAGE);
	cols[1].width = 2;
	assert_int_equal(itakit__document_table(doc, &t), 0);
	assert_int_equal(itakit__document_table_row(doc, 0, cells), 0);
	assert_int_equal(itakit__document_table_row(doc, ITAKIT_ROW_HEADER, cells), ITAKIT_EUSAGE);

	/* Images: missing and broken files are errors naming the path. */
	char path[600];
	snprintf(path, sizeof path, "%s/missing.png", out_dir());
	assert_int_equal(itakit__document_image(doc, path, 50, ITAKIT_ALIGN_CENTER), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "missing.png"));
	snprintf(path, sizeof path, "%s/broken.png", out_dir());
	assert_int_equal(itakit_atomic_write(path, "\x89PNG\r\n\x1a\nnot really", 18), 0);
	assert_int_equal(itakit__document_image(doc, path, 50, ITAKIT_ALIGN_CENTER), ITAKIT_EINPUT);
	assert_non_null(strstr(itakit_error_last(), "broken.png"));

	/* A real PNG is accepted and drawn. */
	snprintf(path, sizeof path, "%s/logo.png", out_dir());
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 40);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
	cairo_arc(cr, 20, 20, 18, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(img, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(img);
	assert_int_equal(itakit__document_image(doc, path, ITAKIT_CM(2), ITAKIT_ALIGN_CENTER), 0);
	snprintf(path, sizeof path, "%s/image.pdf", out_dir());
	int pages = 0;
	assert_int_equal(itakit__document_write_pdf(doc, path, &pages), 0);
	assert_int_equal(pages, 1);
	itakit__document_free(doc);
	itakit__document_free(NULL);
}

/* English generated words and Arabic digits. */
static void test_english_arabic(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdftotext");
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.lang = ITAKIT_LANG_EN;
	o.digits = ITAKIT_DIGITS_ARABIC;
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	int calls = 0;
	assert_int_equal(itakit__document_heading(doc, 1, "Results"), 0);
	assert_int_equal(itakit__document_next_number(doc, ITAKIT_NEXT_FIGURE), 1);
	assert_int_equal(itakit__document_figure(doc, 0, 100, draw_bars, &calls, "Overall score"), 0);
	itakit_table_column cols[] = {{"Unit", 3, ITAKIT_ALIGN_LEFT}, {"Score", 1, ITAKIT_ALIGN_RIGHT}};
	itakit_table_options t = {cols, 2, "Scores by unit", 0};
	assert_int_equal(itakit__document_table(doc, &t), 0);
	const char *cells[] = {"Bangkok", "88.98"};
	assert_int_equal(itakit__document_table_row(doc, ITAKIT_ROW_TOTAL, cells), 0);
	assert_int_equal(itakit__document_page_break(doc), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_NUMBER, 0, "first"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_NUMBER, 0, "second"), 0);
	char path[600];
	snprintf(path, sizeof path, "%s/en.pdf", out_dir());
	int pages;
	assert_int_equal(itakit__document_write_pdf(doc, path, &pages), 0);
	assert_int_equal(pages, 2);
	itakit__document_free(doc);
	char *text = run("pdftotext %s -", path);
	assert_non_null(strstr(text, "1. Results"));
	assert_non_null(strstr(text, "Figure 1"));
	assert_non_null(strstr(text, "Table 1"));
	assert_non_null(strstr(text, "Page 1 of 2"));
	assert_non_null(strstr(text, "Page 2 of 2"));
	assert_non_null(strstr(text, "2."));
	free(text);
}

static int page_of(const char *text, const char *needle);

/* A row split across pages says so in its first cell wherever it
 * continues: the start of that cell's text cut at a word with "…", then
 * "(ต่อ)" ("(cont.)" in English), small, above the rest of the cell. The
 * rows that are not split, and the page the split row starts on, have no
 * mark. */
static void continued_rows(itakit_lang lang, const char *issue, const char *word)
{
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.lang = lang;
	o.digits = lang == ITAKIT_LANG_EN ? ITAKIT_DIGITS_ARABIC : ITAKIT_DIGITS_THAI;
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	itakit_table_column cols[] = {{"Issue", 1.2, ITAKIT_ALIGN_LEFT}, {"Measures", 3, ITAKIT_ALIGN_LEFT},
				      {"Who", 1, ITAKIT_ALIGN_LEFT}};
	itakit_table_options t = {cols, 3, "Measures", 0};
	assert_int_equal(itakit__document_table(doc, &t), 0);
	char *big = long_cell();
	const char *a[] = {"RA", "short", "x"}, *b[] = {issue, big, "y"}, *c[] = {"RC", "short", "z"};
	assert_int_equal(itakit__document_table_row(doc, 0, a), 0);
	assert_int_equal(itakit__document_table_row(doc, 0, b), 0);
	assert_int_equal(itakit__document_table_row(doc, 0, c), 0);
	free(big);
	char path[600];
	snprintf(path, sizeof path, "%s/continued-%d.pdf", out_dir(), (int)lang);
	int pages = 0;
	assert_int_equal(itakit__document_write_pdf(doc, path, &pages), 0);
	itakit__document_free(doc);
	char *all = run("pdftotext %s -", path);
	int first = page_of(all, "L01"), last = page_of(all, "L40");
	assert_true(first > 0 && last > first);
	free(all);
	for (int p = 1; p <= pages; p++) {
		char *text = run("pdftotext -layout -f %d -l %d %s -", p, p, path);
		bool continues = p > first && p <= last;
		int marks = count(text, word) - (lang == ITAKIT_LANG_TH ? count(text, "ตารางที่ ๑ (ต่อ)") : 0);
		assert_int_equal(marks, continues);
		const char *dots = strstr(text, "\u2026");
		assert_int_equal(count(text, "\u2026"), continues);
		if (dots) {
			/* the start of its line, to the "…", begins the issue */
			const char *line = dots;
			while (line > text && line[-1] != '\n')
				line--;
			while (*line == ' ')
				line++;
			assert_true(dots > line);
			assert_int_equal(strncmp(issue, line, (size_t)(dots - line)), 0);
			assert_true((size_t)(dots - line) < strlen(issue));
		}
		free(text);
	}
}

static void test_continued_rows(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdftotext");
	continued_rows(ITAKIT_LANG_TH, "คุณภาพและความเป็นธรรมของการดำเนินงานและการให้บริการประชาชน (ตัวชี้วัดที่ ๖)",
		       "(ต่อ)");
	continued_rows(ITAKIT_LANG_EN, "Quality and fairness of operations and of the services given to the public (indicator 6)",
		       "(cont.)");
}

/* The page (1-based) of pdftotext output (pages end with form feeds) that
 * holds needle, or 0. */
static int page_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	if (!at)
		return 0;
	int page = 1;
	for (const char *p = text; p < at; p++)
		page += *p == '\f';
	return page;
}

/* Whatever fills the page before them, a heading stays with the start of
 * the text after it, and a table caption with the header and first row. */
static void test_keep_with_next(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdftotext");
	char path[600];
	snprintf(path, sizeof path, "%s/keep.pdf", out_dir());
	int moved_heading = 0, moved_table = 0;
	for (int k = 12; k <= 30; k++) {
		itakit_document *doc;
		assert_int_equal(itakit__document_new(&doc, NULL), 0);
		for (int i = 1; i <= k; i++) {
			char text[128];
			snprintf(text, sizeof text, "ย่อหน้าเติมหน้าที่ %d", i);
			assert_int_equal(itakit__document_paragraph(doc, text, NULL), 0);
		}
		assert_int_equal(itakit__document_heading(doc, 2, "หัวข้อท้ายหน้า"), 0);
		assert_int_equal(itakit__document_paragraph(doc, PARA2, NULL), 0);
		for (int i = 1; i <= k % 7; i++)
			assert_int_equal(itakit__document_paragraph(doc, "บรรทัดคั่น", NULL), 0);
		itakit_table_column cols[] = {{"คอลัมน์หัว", 1, ITAKIT_ALIGN_LEFT}};
		itakit_table_options t = {cols, 1, "ตารางทดสอบ", 0};
		assert_int_equal(itakit__document_table(doc, &t), 0);
		const char *first[] = {"แถวแรกของตาราง"}, *second[] = {"แถวที่สอง"};
		assert_int_equal(itakit__document_table_row(doc, 0, first), 0);
		assert_int_equal(itakit__document_table_row(doc, 0, second), 0);
		assert_int_equal(itakit__document_write_pdf(doc, path, NULL), 0);
		itakit__document_free(doc);

		char *text = run("pdftotext %s -", path);
		int h = page_of(text, "หัวข้อท้ายหน้า");
		assert_true(h > 0);
		assert_int_equal(page_of(text, "ผลสัมฤทธิ์ของการ"), h);
		int c = page_of(text, "ตารางทดสอบ");
		assert_true(c > 0);
		assert_int_equal(page_of(text, "คอลัมน์หัว"), c);
		assert_int_equal(page_of(text, "แถวแรกของตาราง"), c);
		moved_heading += h > 1 && page_of(text, "ย่อหน้าเติมหน้าที่ 12") == 1 &&
				 page_of(text, "หัวข้อท้ายหน้า") > page_of(text, "ย่อหน้าเติมหน้าที่ 12");
		moved_table += c > h;
		free(text);
	}
	/* The loop did cross the page boundary at both places. */
	assert_true(moved_heading > 0);
	assert_true(moved_table > 0);
}

/* itakit__text_justify: every line but a paragraph's last reaches the right
 * edge, and no extra space lands inside a cluster. */
static void test_justify(void **state)
{
	(void)state;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	st.width = 300;
	st.justify = true;
	st.indent = 30;
	char text[2048];
	snprintf(text, sizeof text, "%s\n%s", PARA1, PARA2);
	PangoLayout *lay = itakit__text_layout(cr, &st, text);
	int nlines = pango_layout_get_line_count(lay);
	assert_true(nlines > 6);
	int justified = 0, stretchable = 0;
	for (int i = 0; i < nlines; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(lay, i);
		PangoLayoutLine *next = i + 1 < nlines ? pango_layout_get_line_readonly(lay, i + 1) : NULL;
		int w = 0, content = 0;
		for (GSList *l = line->runs; l; l = l->next) {
			PangoGlyphItem *run = l->data;
			for (int g = 0; g < run->glyphs->num_glyphs; g++) {
				w += run->glyphs->glyphs[g].geometry.width;
				if (text[run->item->offset + run->glyphs->log_clusters[g]] != ' ')
					content = w;
			}
		}
		double x0 = line->is_paragraph_start ? 30 : 0;
		if (next && !next->is_paragraph_start) {
			/* flush right, unless the line would need gaps so wide that
			 * letters drift apart (then stretched as far as that) */
			assert_true(x0 + (double)content / PANGO_SCALE <= 300.05);
			justified += fabs(x0 + (double)content / PANGO_SCALE - 300) < 0.05;
			stretchable++;
		} else {
			assert_true(x0 + (double)content / PANGO_SCALE < 300);
		}
	}
	assert_true(justified >= 5 && justified * 4 >= stretchable * 3);
	g_object_unref(lay);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* A table starts on a page only where its caption, header and first three
 * rows fit; a short row is never split; the rest of the page before it is
 * filled (or the table would be a page's first thing anyway). */
static void test_table_start_and_rows(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdftotext");
	char path[600];
	snprintf(path, sizeof path, "%s/rows.pdf", out_dir());
	int moved = 0;
	for (int k = 14; k <= 24; k++) {
		itakit_document *doc;
		assert_int_equal(itakit__document_new(&doc, NULL), 0);
		for (int i = 1; i <= k; i++)
			assert_int_equal(itakit__document_paragraph(doc, "ย่อหน้าเติมหน้า", NULL), 0);
		itakit_table_column cols[] = {{"หัวตาราง", 1, ITAKIT_ALIGN_LEFT}};
		itakit_table_options t = {cols, 1, "ตารางทดสอบ", 0};
		assert_int_equal(itakit__document_table(doc, &t), 0);
		for (int r = 1; r <= 6; r++) {
			char cell[256];
			/* three lines each: "R1a\nR1b\nR1c" */
			snprintf(cell, sizeof cell, "R%da\nR%db\nR%dc", r, r, r);
			const char *cells[] = {cell};
			assert_int_equal(itakit__document_table_row(doc, 0, cells), 0);
		}
		assert_int_equal(itakit__document_write_pdf(doc, path, NULL), 0);
		itakit__document_free(doc);
		char *text = run("pdftotext %s -", path);
		int c = page_of(text, "ตารางทดสอบ");
		assert_int_equal(page_of(text, "R1a"), c);
		assert_int_equal(page_of(text, "R3c"), c);
		for (int r = 1; r <= 6; r++) {
			char a[8], z[8];
			snprintf(a, sizeof a, "R%da", r);
			snprintf(z, sizeof z, "R%dc", r);
			assert_int_equal(page_of(text, a), page_of(text, z));
		}
		moved += c > 1;
		free(text);
	}
	assert_true(moved > 0);
}

/* A figure too tall for the rest of a page does not leave it half empty:
 * it is set smaller, or the text after it comes first. Measured from the
 * PDF by the same checker as the end-to-end test. */
static void test_figure_fills_page(void **state)
{
	(void)state;
	REQUIRE_TOOL("pdftotext");
	REQUIRE_TOOL("python3");
	char path[600];
	snprintf(path, sizeof path, "%s/fig.pdf", out_dir());
	for (int k = 8; k <= 16; k += 2) {
		itakit_document *doc;
		assert_int_equal(itakit__document_new(&doc, NULL), 0);
		assert_int_equal(itakit__document_heading(doc, 1, "ผลการประเมิน"), 0);
		for (int i = 1; i <= k; i++)
			assert_int_equal(itakit__document_paragraph(doc, "ย่อหน้าก่อนแผนภูมิ", NULL), 0);
		int calls = 0;
		assert_int_equal(itakit__document_figure(doc, 0, 420, draw_bars, &calls, "แผนภูมิสูง"), 0);
		for (int i = 1; i <= 6; i++)
			assert_int_equal(itakit__document_paragraph(doc, PARA1, NULL), 0);
		assert_int_equal(itakit__document_write_pdf(doc, path, NULL), 0);
		itakit__document_free(doc);
		char *out = run("python3 %s/tests/cli/pdf_layout_check.py %s", ITAKIT_SOURCE_DIR, path);
		if (!strstr(out, "underfull 0 split 0"))
			fail_msg("%d paragraphs before the figure: %s", k, out);
		free(out);
	}
}

int main(void)
{
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_and_table),
		cmocka_unit_test(test_reproducible_metadata_fonts),
		cmocka_unit_test(test_failures_leave_nothing),
		cmocka_unit_test(test_builder_errors),
		cmocka_unit_test(test_english_arabic),
		cmocka_unit_test(test_justify),
		cmocka_unit_test(test_keep_with_next),
		cmocka_unit_test(test_table_start_and_rows),
		cmocka_unit_test(test_continued_rows),
		cmocka_unit_test(test_figure_fills_page),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	/* pango's, cairo's and fontconfig's process-wide caches are not freed:
	 * FcFini races with pango's font-sorting thread and aborts in
	 * FcCacheFini; tests/lsan.supp names what LeakSanitizer must ignore. */
	return failed;
}
