/* The floor for a report: pango + cairo alone typesetting N A4 pages of Thai
 * body text (16 pt Laksaman, justified paragraphs, a heading per page) into
 * a PDF, as a whole process. Nothing of itakit is used: what a report costs
 * above this is the price of its layout engine, charts and analysis.
 * usage: floor_typeset PAGES OUT.pdf
 * Run it under /usr/bin/time (bench/run does) to read CPU time and memory. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sample[] =
	"หน่วยงานได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
	"เพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสที่สอดคล้องกับประเด็นที่ต้องพัฒนา "
	"ผู้รับผิดชอบแต่ละมาตรการจะรายงานความก้าวหน้าต่อผู้บริหารอย่างสม่ำเสมอ "
	"และเปิดเผยข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน ทั้งนี้ ตัวชี้วัดที่มีคะแนนต่ำกว่าเกณฑ์ "
	"ได้แก่ คุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร และการปรับปรุงการทำงาน ";

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: floor_typeset PAGES OUT.pdf\n");
		return 2;
	}
	int pages = atoi(argv[1]);
	const double w = 595.28, h = 841.89, left = 85.04, right = 56.69, top = 70.87, bottom = 56.69;
	cairo_surface_t *s = cairo_pdf_surface_create(argv[2], w, h);
	cairo_t *cr = cairo_create(s);
	PangoContext *ctx = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(ctx, 72.0);
	pango_context_set_language(ctx, pango_language_from_string("th"));
	PangoFontDescription *body = pango_font_description_from_string("Laksaman 16");
	PangoFontDescription *head = pango_font_description_from_string("Laksaman Bold 20");
	char para[4 * sizeof sample];
	snprintf(para, sizeof para, "%s%s%s", sample, sample, sample);

	for (int p = 0; p < pages; p++) {
		double y = top;
		PangoLayout *l = pango_layout_new(ctx);
		pango_layout_set_font_description(l, head);
		char title[128];
		snprintf(title, sizeof title, "ส่วนที่ %d ผลการประเมิน", p + 1);
		pango_layout_set_text(l, title, -1);
		cairo_move_to(cr, left, y);
		pango_cairo_show_layout(cr, l);
		int lh;
		pango_layout_get_size(l, NULL, &lh);
		y += lh / (double)PANGO_SCALE + 8;
		pango_layout_set_font_description(l, body);
		pango_layout_set_width(l, (int)((w - left - right) * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_justify(l, TRUE);
		pango_layout_set_indent(l, 36 * PANGO_SCALE);
		pango_layout_set_text(l, para, -1);
		pango_layout_get_size(l, NULL, &lh);
		while (y + lh / (double)PANGO_SCALE <= h - bottom) {
			cairo_move_to(cr, left, y);
			pango_cairo_show_layout(cr, l);
			y += lh / (double)PANGO_SCALE + 8;
		}
		g_object_unref(l);
		cairo_show_page(cr);
	}
	pango_font_description_free(body);
	pango_font_description_free(head);
	g_object_unref(ctx);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	if (bad)
		fprintf(stderr, "floor_typeset: cannot write %s\n", argv[2]);
	return bad;
}
