/* The DOCX back end (render/docx.c), judged by the parts of the package it
 * writes: each block kind as its WordprocessingML element, escaping, the
 * figure drawn at print resolution, reproducible bytes, the choice of back
 * end by extension, and nothing left behind on failure. */
#include "test_support.h"
#include "render/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

/* One part of the package at path (malloc'd, NUL-terminated), or NULL. */
static char *part(const char *path, const char *name, size_t *len)
{
	int err;
	zip_t *za = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(za);
	zip_stat_t st;
	char *buf = NULL;
	if (zip_stat(za, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(za, name, 0);
		assert_non_null(f);
		buf = malloc(st.size + 1);
		assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
		buf[st.size] = '\0';
		zip_fclose(f);
		if (len)
			*len = st.size;
	}
	zip_close(za);
	return buf;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

#define assert_has(hay, needle) do { \
	if (!strstr((hay), (needle))) \
		fail_msg("missing: %s", (needle)); } while (0)

static int draw_box(cairo_t *cr, double w, double h, void *user)
{
	(void)user;
	cairo_set_source_rgb(cr, 0, 0, 1);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	return 0;
}

static int draw_fails(cairo_t *cr, double w, double h, void *user)
{
	(void)cr; (void)w; (void)h; (void)user;
	return itakit_error_set(ITAKIT_EINPUT, "the chart has no data");
}

/* Writes doc (and frees it) as name in the test's directory; returns its
 * word/document.xml (malloc'd) and the package's path in path. */
static char *write_read(itakit_document *doc, const char *name, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", temp_dir(), name);
	assert_int_equal(itakit__document_write_docx(doc, path), 0);
	itakit__document_free(doc);
	char *d = part(path, "word/document.xml", NULL);
	assert_non_null(d);
	return d;
}

/* A document with one block of every kind. */
static itakit_document *sample(void)
{
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.title = "ชื่อเอกสาร & <ทดสอบ>";
	o.author = "ผู้จัดทำ";
	o.running_header = "หัวกระดาษ";
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	assert_int_equal(itakit__document_heading(doc, 1, "ความเป็นมา"), 0);
	assert_int_equal(itakit__document_paragraph(doc, "A & B <c> \"d\"\nบรรทัดใหม่", NULL), 0);
	itakit_paragraph_style ps = ITAKIT_PARAGRAPH_STYLE_INIT;
	ps.markup = true;
	ps.align = ITAKIT_ALIGN_CENTER;
	assert_int_equal(itakit__document_paragraph(doc, "<b>หนา</b> ปกติ", &ps), 0);
	assert_int_equal(itakit__document_heading(doc, 2, "ผลการประเมิน"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_NUMBER, 0, "ข้อแรก"), 0);
	assert_int_equal(itakit__document_list_item(doc, ITAKIT_LIST_NUMBER, 0, "ข้อสอง"), 0);
	itakit_table_column cols[2] = {{"ตัวชี้วัด", 3, ITAKIT_ALIGN_LEFT}, {"คะแนน", 1, ITAKIT_ALIGN_RIGHT}};
	itakit_table_options t = {cols, 2, "คะแนนรายตัวชี้วัด", 0};
	assert_int_equal(itakit__document_table(doc, &t), 0);
	const char *r1[2] = {"การใช้งบประมาณ", "๗๗.๘๓"};
	const char *r2[2] = {"รวม", "๘๘.๙๘"};
	assert_int_equal(itakit__document_table_row(doc, ITAKIT_ROW_TINT | ITAKIT_ROW_BOLD, r1), 0);
	assert_int_equal(itakit__document_table_row(doc, ITAKIT_ROW_TOTAL, r2), 0);
	assert_int_equal(itakit__document_figure(doc, ITAKIT_CM(9), ITAKIT_CM(4.5), draw_box, NULL, "คะแนนภาพรวม"), 0);
	assert_int_equal(itakit__document_spacer(doc, 12), 0);
	assert_int_equal(itakit__document_page_break(doc), 0);
	assert_int_equal(itakit__document_paragraph(doc, "ท้ายเอกสาร", NULL), 0);
	return doc;
}

static void test_blocks(void **state)
{
	(void)state;
	char path[512];
	char *d = write_read(sample(), "a.docx", path, sizeof path);
	/* headings: the styles, the layer's numbers as text */
	assert_has(d, "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">๑.</w:t>");
	assert_has(d, "<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">๑.๑</w:t>");
	/* escaped text, a line break, Thai justification */
	assert_has(d, "A &amp; B &lt;c&gt; &quot;d&quot;</w:t><w:br/>");
	assert_has(d, "<w:jc w:val=\"thaiDistribute\"/>");
	/* markup: the bold span bold, the rest not; centred */
	assert_has(d, "<w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val=\"32\"/>"
		      "<w:szCs w:val=\"32\"/><w:cs/></w:rPr><w:t xml:space=\"preserve\">หนา</w:t>");
	assert_has(d, "<w:t xml:space=\"preserve\"> ปกติ</w:t>");
	/* numbered items: the numbers in Thai digits, a tab, a hanging indent */
	assert_has(d, "<w:t xml:space=\"preserve\">๑.</w:t><w:tab/>");
	assert_has(d, "<w:t xml:space=\"preserve\">๒.</w:t><w:tab/>");
	assert_has(d, "w:hanging=\"480\"");
	/* the table: caption above, widths 3:1 of the 16 cm text width, a
	 * repeated header row, tinted and total rows */
	assert_has(d, "<w:t xml:space=\"preserve\">ตา\u2060รา\u2060ง\u2060ที่\u00A0๑</w:t>");
	assert_has(d, "<w:gridCol w:w=\"6803\"/><w:gridCol w:w=\"2268\"/>");
	assert_has(d, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	assert_has(d, "w:fill=\"FFE8D6\"");
	assert_has(d, "w:fill=\"EBEBEB\"");
	/* the figure, with its caption after it */
	assert_has(d, "r:embed=\"rIdImage1\"");
	assert_has(d, "<wp:extent cx=\"3240000\" cy=\"1620000\"/>");
	assert_has(d, "<w:t xml:space=\"preserve\">แผ\u2060น\u2060ภู\u2060มิ\u2060ที่\u00A0๑</w:t>");
	assert_has(d, "<w:br w:type=\"page\"/>");
	/* A4, 3 cm on the left, Thai page numbers, no number on page 1 */
	assert_has(d, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
	assert_has(d, "w:left=\"1701\"");
	assert_has(d, "<w:pgNumType w:fmt=\"thaiNumbers\"/><w:titlePg/>");
	free(d);

	/* the figure at 200 dpi: 9 cm is 709 pixels, drawn blue */
	size_t n;
	char *png = part(path, "word/media/image1.png", &n);
	assert_non_null(png);
	assert_true(n > 24 && memcmp(png + 1, "PNG", 3) == 0);
	const unsigned char *u = (const unsigned char *)png;
	assert_int_equal((u[16] << 24) | (u[17] << 16) | (u[18] << 8) | u[19], 709);
	free(png);

	char *h = part(path, "word/header1.xml", NULL);
	assert_has(h, "- </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/>");
	/* Thai digits: the switch Word reads (ECMA-376's upper-case spelling) */
	assert_has(h, "> PAGE \\* THAIARABIC </w:instrText>");
	free(h);
	char *f = part(path, "word/footer1.xml", NULL);
	assert_has(f, "หัวกระดาษ");
	free(f);
	char *c = part(path, "docProps/core.xml", NULL);
	assert_has(c, "<dc:title>ชื่อเอกสาร &amp; &lt;ทดสอบ&gt;</dc:title>");
	assert_has(c, "<dc:creator>ผู้จัดทำ</dc:creator>");
	assert_has(c, "2023-11-14T22:13:20Z"); /* SOURCE_DATE_EPOCH=1700000000 */
	free(c);
	char *s = part(path, "word/styles.xml", NULL);
	assert_has(s, "w:cs=\"Laksaman\"");
	assert_has(s, "<w:outlineLvl w:val=\"0\"/>");
	assert_has(s, "<w:outlineLvl w:val=\"1\"/>");
	free(s);
}

/* The words the PDF keeps whole stay whole in the word processor: the run
 * properties tell Latin text from Thai (the Thai language only for complex
 * script), a kept word carries WORD JOINERs between its syllables and ZERO
 * WIDTH SPACEs where it touches other Thai letters, a number is tied to its
 * word by a NO-BREAK SPACE; nothing else of the text changes. */
static void test_kept_words(void **state)
{
	(void)state;
	char path[512];
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	assert_int_equal(itakit__document_keep_together(doc, "สำนักงานเขตพระนคร"), 0);
	const char *text = "ผลคะแนนภาพรวมสูงขึ้น ความโปร่งใส (Integrity and Transparency Assessment) "
			   "ได้ (๘๒.๘๘ คะแนน) สำนักงานเขตพระนครผ่าน";
	assert_int_equal(itakit__document_paragraph(doc, text, NULL), 0);
	char *d = write_read(doc, "kept.docx", path, sizeof path);
	/* the listed compound (คะแนนภาพรวม wins over ภาพรวม): a joiner before
	 * each consonant or leading vowel that follows a Thai letter, never
	 * after a leading vowel (แ|น) or before a mark or sara aa; a zero width
	 * space at each edge that touches Thai letters (ผล|..., ...|สูงขึ้น) */
	assert_has(d, "ผล\u200Bคะ\u2060แน\u2060น\u2060ภา\u2060พ\u2060ร\u2060ว\u2060ม\u200Bสูงขึ้น");
	/* the word starting after a space: no edge mark there */
	assert_has(d, " ค\u2060วา\u2060ม\u2060โป\u2060ร่\u2060ง\u2060ใส (");
	/* Latin text untouched, in a run of its own that is not complex
	 * script; the Thai runs around it are */
	assert_has(d, "<w:rPr><w:cs/></w:rPr><w:t xml:space=\"preserve\">ผล");
	assert_has(d, "ใส (</w:t></w:r><w:r><w:t xml:space=\"preserve\">Integrity and Transparency "
		      "Assessment) </w:t></w:r><w:r><w:rPr><w:cs/></w:rPr><w:t xml:space=\"preserve\">ได้");
	/* a number and its word; the bracket before it joined to the space
	 * before it (LibreOffice would break inside the brackets) */
	assert_has(d, "ได้ \u2060(๘๒.๘๘\u00A0คะแนน) ");
	/* the document's own kept name */
	assert_has(d, "สำ\u2060นั\u2060ก\u2060งา\u2060น\u2060เข\u2060ต\u2060พ\u2060ระ\u2060น\u2060ค\u2060ร\u200Bผ่าน");
	/* with the marks taken out, the runs' text is the paragraph's */
	const char *open = "<w:t xml:space=\"preserve\">";
	char plain[1024];
	size_t n = 0;
	for (char *t = strstr(d, open); t; t = strstr(t, open)) {
		t += strlen(open);
		char *end = strstr(t, "</w:t>");
		assert_non_null(end);
		for (char *p = t; p < end && n + 4 < sizeof plain;) {
			if (!strncmp(p, "\u2060", 3) || !strncmp(p, "\u200B", 3)) {
				p += 3;
			} else if (!strncmp(p, "\u00A0", 2)) {
				plain[n++] = ' ';
				p += 2;
			} else {
				plain[n++] = *p++;
			}
		}
	}
	plain[n] = '\0';
	assert_string_equal(plain, text);
	free(d);

	/* Latin text is Latin: the Thai language and the Thai dictionary only
	 * for complex script, and no style forces all text to complex script */
	char *st = part(path, "word/styles.xml", NULL);
	assert_has(st, "<w:lang w:val=\"en-GB\" w:bidi=\"th-TH\"/>");
	assert_null(strstr(st, "<w:cs/>"));
	assert_null(strstr(st, "w:val=\"th-TH\""));
	free(st);
}

/* A document of default options opening with a two-column table. */
static itakit_document *new_table_document(itakit_table_column cols[2])
{
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	itakit_table_options t = {cols, 2, NULL, 0};
	assert_int_equal(itakit__document_table(doc, &t), 0);
	return doc;
}

/* Table rows as the PDF paginates them: a row under a third of a page never
 * splits, a taller one may (moved whole, it would leave that much of a page
 * empty), and its lines keep no single line on a page. In a cell, a kept
 * word wider than the column is left breakable, as the PDF leaves it. */
static void test_table_rows(void **state)
{
	(void)state;
	char path[512];
	itakit_table_column cols[2] = {{"ก", 1, ITAKIT_ALIGN_LEFT}, {"ข", 11, ITAKIT_ALIGN_LEFT}};
	itakit_document *doc = new_table_document(cols);
	const char *short_row[2] = {"คุณภาพการดำเนินงาน", "คุณภาพการดำเนินงาน"};
	assert_int_equal(itakit__document_table_row(doc, 0, short_row), 0);
	/* 30 lines of 16 pt: more than a third of the 25 cm of text height */
	char tall[30 * 32] = "";
	for (int i = 0; i < 30; i++)
		strcat(tall, i ? "\nบรรทัด" : "บรรทัด");
	const char *tall_row[2] = {"๑", tall};
	assert_int_equal(itakit__document_table_row(doc, 0, tall_row), 0);
	char *d = write_read(doc, "rows.docx", path, sizeof path);
	/* the header row and the short row may not split; the tall one may */
	const char *hdr = strstr(d, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	const char *shrt = strstr(d, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	const char *tl = strstr(d, "<w:tr><w:trPr></w:trPr>");
	assert_non_null(hdr);
	assert_non_null(shrt);
	assert_non_null(tl);
	assert_true(hdr < shrt && shrt < tl);
	assert_non_null(strstr(tl, "บรรทัด"));
	/* the listed word whole in the wide column, breakable in the narrow
	 * one (16 pt Thai: some 80 points against 30) */
	assert_has(d, ">คุณภาพการดำเนินงาน</w:t>");
	assert_has(d, ">คุณภาพ\u200Bกา\u2060ร\u2060ดำ\u2060เนิ\u2060น\u2060งา\u2060น</w:t>");
	free(d);
	char *st = part(path, "word/styles.xml", NULL);
	assert_has(st, "w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
		       "<w:pPr><w:widowControl/>");
	free(st);
}

/* Arabic digits: plain fields, no Thai page-number format. */
static void test_arabic_page_numbers(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/en.docx", temp_dir());
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.lang = ITAKIT_LANG_EN;
	o.digits = ITAKIT_DIGITS_ARABIC;
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	assert_int_equal(itakit__document_paragraph(doc, "Text", NULL), 0);
	assert_int_equal(itakit__document_write_docx(doc, path), 0);
	itakit__document_free(doc);
	char *f = part(path, "word/footer1.xml", NULL);
	assert_has(f, "> PAGE </w:instrText>");
	assert_has(f, "> NUMPAGES </w:instrText>");
	assert_null(strstr(f, "THAI"));
	free(f);
	char *d = part(path, "word/document.xml", NULL);
	assert_null(strstr(d, "pgNumType"));
	free(d);
}

/* The value of attribute attr (e.g. ' w:left="') at p, or -1. */
static long attr_at(const char *p, const char *attr)
{
	const char *a = strstr(p, attr);
	return a ? strtol(a + strlen(attr), NULL, 10) : -1;
}

/* Numbered lines in a left-aligned table cell hang to one stop (that of
 * the wider "๑๐. "), their numbers followed by a tab; a line without a
 * number and a right-aligned cell do not hang. */
static void test_cell_markers(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/cell.docx", temp_dir());
	itakit_table_column cols[2] = {{"วิธีการ", 3, ITAKIT_ALIGN_LEFT}, {"ลำดับ", 1, ITAKIT_ALIGN_RIGHT}};
	itakit_document *doc = new_table_document(cols);
	const char *row[2] = {"๑. ติดประกาศขั้นตอนการให้บริการ\n๑๐. รับฟังความคิดเห็น\nหมายเหตุ", "๑. หนึ่ง"};
	assert_int_equal(itakit__document_table_row(doc, 0, row), 0);
	assert_int_equal(itakit__document_write_docx(doc, path), 0);
	itakit__document_free(doc);

	char *d = part(path, "word/document.xml", NULL);
	assert_non_null(d);
	const char *p1 = strstr(d, "<w:t xml:space=\"preserve\">ติดประกาศ");
	const char *p10 = strstr(d, "<w:t xml:space=\"preserve\">รับฟัง");
	assert_non_null(p1);
	assert_non_null(p10);
	/* the paragraph of each numbered line: its indent, its tab stop */
	const char *para1 = d, *para10 = d, *q;
	while ((q = strstr(para1 + 1, "<w:p>")) && q < p1)
		para1 = q;
	while ((q = strstr(para10 + 1, "<w:p>")) && q < p10)
		para10 = q;
	long left1 = attr_at(para1, " w:left=\""), hang1 = attr_at(para1, " w:hanging=\"");
	long tab1 = attr_at(para1, "<w:tab w:val=\"left\" w:pos=\"");
	long left10 = attr_at(para10, " w:left=\"");
	assert_true(left1 > 0);
	assert_int_equal(hang1, left1);
	assert_int_equal(tab1, left1);
	assert_int_equal(left10, left1);
	assert_has(para1, "<w:t xml:space=\"preserve\">๑.</w:t></w:r><w:r><w:tab/></w:r>");
	assert_has(para10, "<w:t xml:space=\"preserve\">๑๐.</w:t></w:r><w:r><w:tab/></w:r>");
	/* only those two paragraphs hang */
	size_t hanging = 0;
	for (q = strstr(d, "w:hanging="); q; q = strstr(q + 1, "w:hanging="))
		hanging++;
	assert_int_equal(hanging, 2);
	free(d);
}

static void test_reproducible(void **state)
{
	(void)state;
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/a.docx", temp_dir());
	snprintf(b, sizeof b, "%s/b.docx", temp_dir());
	itakit_document *doc = sample();
	assert_int_equal(itakit__document_write_docx(doc, a), 0);
	assert_int_equal(itakit__document_write_docx(doc, b), 0);
	size_t na, nb;
	char *da = slurp(a, &na), *db = slurp(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(da, db, na);
	free(db);
	/* the same bytes in other time zones; each entry dated with the UTC
	 * date and time of SOURCE_DATE_EPOCH 1700000000, 2023-11-14 22:13:20
	 * (DOS time: hours << 11 | minutes << 5 | seconds / 2; date: years
	 * since 1980 << 9 | month << 5 | day) */
	const unsigned char *lh = (const unsigned char *)da;
	assert_int_equal(lh[10] | lh[11] << 8, 22 << 11 | 13 << 5 | 10);
	assert_int_equal(lh[12] | lh[13] << 8, 43 << 9 | 11 << 5 | 14);
	char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	static const char *const zones[] = {"UTC", "Asia/Bangkok", "America/New_York"};
	for (size_t i = 0; i < 3; i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		assert_int_equal(itakit__document_write_docx(doc, b), 0);
		db = slurp(b, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(da, db, na);
		free(db);
	}
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(tz);
	/* another date: other bytes */
	char *old = getenv("SOURCE_DATE_EPOCH") ? strdup(getenv("SOURCE_DATE_EPOCH")) : NULL;
	setenv("SOURCE_DATE_EPOCH", "1600000000", 1);
	assert_int_equal(itakit__document_write_docx(doc, b), 0);
	db = slurp(b, &nb);
	assert_true(na != nb || memcmp(da, db, na) != 0);
	/* a malformed date is refused, nothing written */
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	char c[512];
	snprintf(c, sizeof c, "%s/c.docx", temp_dir());
	assert_int_equal(itakit__document_write_docx(doc, c), ITAKIT_EUSAGE);
	assert_int_equal(access(c, F_OK), -1);
	if (old)
		setenv("SOURCE_DATE_EPOCH", old, 1);
	else
		unsetenv("SOURCE_DATE_EPOCH");
	free(old);
	free(da);
	free(db);
	itakit__document_free(doc);
}

static void test_failure_leaves_nothing(void **state)
{
	(void)state;
	const char *dir = temp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/fail.docx", dir);
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	assert_int_equal(itakit__document_paragraph(doc, "ก่อนแผนภูมิ", NULL), 0);
	assert_int_equal(itakit__document_figure(doc, 100, 100, draw_fails, NULL, NULL), 0);
	assert_int_equal(itakit__document_write_docx(doc, path), ITAKIT_EINPUT);
	assert_non_null(strstr(itakit_error_last(), "no data"));
	assert_int_equal(dir_entries(dir), 0);
	itakit__document_free(doc);
}

static void test_extension_chooses(void **state)
{
	(void)state;
	char docx[512], pdf[512];
	snprintf(docx, sizeof docx, "%s/x.DOCX", temp_dir());
	snprintf(pdf, sizeof pdf, "%s/x.pdf", temp_dir());
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, NULL), 0);
	assert_int_equal(itakit__document_paragraph(doc, "ข้อความ", NULL), 0);
	int pages = -1;
	assert_int_equal(itakit__document_write(doc, docx, &pages), 0);
	assert_int_equal(pages, 0);
	assert_int_equal(itakit__document_write(doc, pdf, &pages), 0);
	assert_int_equal(pages, 1);
	size_t n;
	char *d = slurp(docx, &n);
	assert_memory_equal(d, "PK\x03\x04", 4);
	free(d);
	d = slurp(pdf, &n);
	assert_memory_equal(d, "%PDF", 4);
	free(d);
	itakit__document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_arabic_page_numbers),
		cmocka_unit_test(test_kept_words),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_cell_markers),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_failure_leaves_nothing),
		cmocka_unit_test(test_extension_chooses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
