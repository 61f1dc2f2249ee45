/* Section ๓ of the measure report: the measures table, one row per issue,
 * covering every indicator below the threshold, or, for a unit with none,
 * the measures that keep its score. Rows come from the catalog through
 * itakit_measures_choose (the rule is in include/itakit/measures.h and
 * docs/measures.md); a flagged indicator that no row covers gets a row of
 * its own left for the editor to fill, never silently dropped. */
#include "render/report_internal.h"
#include "itakit/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)
#define TABLE_FONT 13.0
#define TABLE_FONT_EN 12.0 /* Latin text runs wider than Thai at the same size */

static int flush_paragraph(report *r, itakit_strbuf *b);

static int oom(void)
{
	return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}

/* The responsible cell: the catalog's, else the profile's default, else a
 * dash (an empty cell would read as an omission). */
static const char *responsible(const report *r, const char *cell)
{
	if (cell && *cell)
		return cell;
	if (PTEXT(r, responsible_default))
		return PTEXT(r, responsible_default);
	return "–";
}

static int measure_row(report *r, itakit_strbuf *b, const itakit_measure_choice *ch)
{
	const itakit_measure *m = ch->measure;
	itakit_strbuf_append(b, itakit_measure_text(m, ITAKIT_MEASURE_ISSUE, r->o.lang));
	itakit_strbuf_append(b, "\n(");
	itakit__report_indicator_list(r, b, ch->covers, ch->n_covers);
	itakit_strbuf_append(b, ")");
	if (!itakit_strbuf_ok(b))
		return oom();
	char *cells[4] = {
		itakit__report_localize(r, b->data),
		itakit__report_localize(r, itakit_measure_text(m, ITAKIT_MEASURE_APPROACH, r->o.lang)),
		itakit__report_localize(r, responsible(r, itakit_measure_text(m, ITAKIT_MEASURE_RESPONSIBLE, r->o.lang))),
		itakit__report_localize(r, itakit_measure_text(m, ITAKIT_MEASURE_STEPS, r->o.lang)),
	};
	int rc = cells[0] && cells[1] && cells[2] && cells[3]
		? itakit__document_table_row(r->doc, 0, (const char *const *)cells) : oom();
	for (int i = 0; i < 4; i++)
		free(cells[i]);
	b->len = 0;
	return rc;
}

/* Dotted lines the editor writes over, as on a paper form, short enough
 * for their columns (a wrapped one would read as two). */
#define GAP_S "…………"
#define GAP_M GAP_S GAP_S GAP_S
#define GAP_L GAP_M "…"

static int uncovered_row(report *r, itakit_strbuf *b, int code)
{
	itakit__report_indicator_name(r, b, code);
	itakit_strbuf_append(b, "\n(");
	itakit__report_indicator_list(r, b, &code, 1);
	itakit_strbuf_append(b, ")");
	if (!itakit_strbuf_ok(b))
		return oom();
	const char *cells[4] = {
		b->data,
		report_tr(r, "[ยังไม่มีมาตรการ: ชุดมาตรการที่ใช้จัดทำเอกสารนี้ไม่มีมาตรการสำหรับตัวชี้วัดนี้ "
			     "ผู้จัดทำต้องกำหนดเพิ่มเติม]\n" GAP_M "\n" GAP_M,
			  "[No measure yet: the catalog used for this document has none for this "
			  "indicator; the editor must write one]\n" GAP_M "\n" GAP_M),
		GAP_S "…",
		GAP_L "\n" GAP_L "\n" GAP_L,
	};
	/* tinted like a flagged score: it is the row that needs attention */
	int rc = itakit__document_table_row(r->doc, ITAKIT_ROW_TINT, cells);
	b->len = 0;
	return rc;
}

/* Position in flagged of the first flagged indicator the row covers. */
static size_t flagged_rank(const itakit_year_analysis *ya, const itakit_measure_choice *ch)
{
	for (size_t k = 0; k < ya->n_flagged; k++)
		for (size_t c = 0; c < ch->n_covers; c++)
			if (ch->covers[c] == ya->flagged[k])
				return k;
	return ya->n_flagged;
}

/* Reporting rounds, shared by the table's follow-up and the all-pass text
 * (which has no issues, hence no one responsible for each). */
static void follow_up(const report *r, itakit_strbuf *b, bool per_issue)
{
	char py[32], n6[16], n12[16], d30[16], d31[16];
	itakit__report_year(r, py, sizeof py, r->plan_year); /* CE in English, dates too */
	itakit__report_int(r, n6, sizeof n6, 6);
	itakit__report_int(r, n12, sizeof n12, 12);
	itakit__report_int(r, d30, sizeof d30, 30);
	itakit__report_int(r, d31, sizeof d31, 31);
	if (r->th)
		itakit_strbuf_appendf(b, "%sรายงานผลการดำเนินการต่อผู้บริหาร รอบ %s เดือน "
				      "ภายในวันที่ %s เมษายน %s และรอบ %s เดือน ภายในวันที่ %s ตุลาคม %s "
				      "เพื่อเผยแพร่ต่อสาธารณะตามข้อ O43", per_issue ? "ผู้รับผิดชอบแต่ละประเด็น" : "หน่วยงาน",
				      n6, d30, py, n12, d31, py);
	else
		itakit_strbuf_appendf(b, "%s progress to the management in the %s-month "
				      "round by 30 April %s and the %s-month round by 31 October %s, for "
				      "publication under item O43.", per_issue ? "Those responsible report" : "The agency reports",
				      n6, py, n12, py);
}

/* The four-column table of measures, captioned. */
static int measures_table(report *r, itakit_strbuf *b, bool keep)
{
	char py[32];
	itakit__report_year(r, py, sizeof py, r->plan_year);
	/* English words are long and unbreakable: wider side columns there */
	itakit_table_column cols[] = {
		{report_tr(r, "ประเด็น", "Issue"), r->th ? 2.1 : 2.6, ITAKIT_ALIGN_LEFT},
		{report_tr(r, "วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ", "How the analysis is put into practice"), r->th ? 3.8 : 3.6, ITAKIT_ALIGN_LEFT},
		{report_tr(r, "ผู้รับผิดชอบ", "Responsible"), r->th ? 2.1 : 2.6, ITAKIT_ALIGN_LEFT},
		{report_tr(r, "ขั้นตอนหรือวิธีปฏิบัติ", "Steps or procedure"), r->th ? 4.0 : 3.6, ITAKIT_ALIGN_LEFT},
	};
	if (keep)
		itakit_strbuf_appendf(b, r->th ? "มาตรการรักษาระดับผลการประเมิน ผู้รับผิดชอบ และขั้นตอนการปฏิบัติ พ.ศ. %s"
					       : "Measures to keep the assessment result, fiscal year %s", py);
	else
		itakit_strbuf_appendf(b, r->th ? "มาตรการสำหรับตัวชี้วัดที่ต่ำกว่าเกณฑ์ ผู้รับผิดชอบ และขั้นตอนการปฏิบัติ พ.ศ. %s"
					       : "Measures for the indicators below the threshold, fiscal year %s", py);
	int rc = itakit_strbuf_ok(b) ? itakit__report_table(r, cols, 4, b->data, r->th ? TABLE_FONT : TABLE_FONT_EN) : oom();
	b->len = 0;
	return rc;
}

/* Nothing below the threshold: the measures that keep the score, from the
 * catalog's "keep" rows or, without them, those of the lowest indicators
 * (sel); a paragraph alone only when the catalog has neither. */
static int keep_part(report *r, itakit_strbuf *b, const itakit_measure_selection *sel)
{
	char y[32], py[32], t[48], n[32], tn[32];
	itakit__report_year(r, y, sizeof y, r->year);
	itakit__report_year(r, py, sizeof py, r->plan_year);
	itakit__report_line_value(r, t, sizeof t, r->o.threshold);
	itakit__report_int(r, n, sizeof n, (long)sel->count);
	itakit__report_int(r, tn, sizeof tn, itakit__document_next_number(r->doc, ITAKIT_NEXT_TABLE));
	const char *unit = r->ua->unit->name;
	bool known = r->ya->n_indicators_known > 0;
	if (!known)
		itakit_strbuf_appendf(b, r->th ?
			"ผลการประเมินปีงบประมาณ พ.ศ. %s ที่มีอยู่ไม่มีคะแนนรายตัวชี้วัด จึงยังระบุประเด็นที่ต้องปรับปรุงไม่ได้ "
			"เมื่อได้รับคะแนนรายตัวชี้วัดแล้ว %sจะกำหนดมาตรการสำหรับตัวชี้วัดที่ได้ต่ำกว่า %s คะแนนเพิ่มเติม" :
			"The results at hand for fiscal year %s hold no indicator scores, so no issue can be "
			"singled out yet; once they are available, %s will set measures for every indicator "
			"below %s.", y, unit, t);
	else
		itakit_strbuf_appendf(b, r->th ?
			"ในปีงบประมาณ พ.ศ. %s ทุกตัวชี้วัดของ%sได้คะแนนตั้งแต่ %s คะแนนขึ้นไป จึงไม่มีประเด็นที่ต้องเร่งแก้ไขเป็นการเฉพาะ "
			"แต่ผลการประเมินจะคงอยู่ได้เมื่อสิ่งที่ได้ผลแล้วยังทำต่อไปอย่างสม่ำเสมอ" :
			"In fiscal year %s every indicator of %s scored %s or more, so no issue calls for a "
			"measure of its own; but a result lasts only while what has worked goes on.", y, unit, t);
	if (sel->count == 0 && !known)
		return flush_paragraph(r, b);
	if (sel->count == 0) {
		/* a catalog with no row to offer: say what keeping the level takes */
		itakit_strbuf_appendf(b, r->th ?
			" ในปีงบประมาณ พ.ศ. %s หน่วยงานจะรักษาระดับผลการประเมินด้วยการเปิดเผยข้อมูลสาธารณะบนเว็บไซต์ให้ครบถ้วนและเป็นปัจจุบัน "
			"แจ้งมาตรฐานการให้บริการและช่องทางร้องเรียนให้ผู้รับบริการทราบ ส่งเสริมให้บุคลากรปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต "
			"และทบทวนความเสี่ยงการทุจริตเป็นประจำ " :
			" In fiscal year %s the agency keeps its level by publishing complete and current "
			"information on its website, telling service users its service standards and how to "
			"complain, encouraging staff to work with honesty and integrity, and reviewing "
			"corruption risks regularly. ", py);
		follow_up(r, b, false);
		return flush_paragraph(r, b);
	}
	bool from_lowest = sel->count > 0 && sel->rows[0].measure->purpose != ITAKIT_MEASURE_KEEP;
	if (r->th) {
		itakit_strbuf_appendf(b, " %sจึงกำหนดมาตรการ%s ประจำปีงบประมาณ พ.ศ. %s จำนวน %s ประเด็น ดังตารางที่ %s",
				      known ? "" : " ระหว่างนี้", known ? "รักษาระดับผลการประเมิน" : "พื้นฐาน", py, n, tn);
	} else {
		itakit_strbuf_appendf(b, known ? " It therefore sets %s measure%s to keep its result in fiscal year %s, "
					       "set out in Table %s"
					     : " Meanwhile it carries out %s basic measure%s in fiscal year %s, "
					       "set out in Table %s", n, sel->count > 1 ? "s" : "", py, tn);
	}
	if (from_lowest) {
		/* no row made for keeping a score: those of the weakest indicators */
		int codes[ITAKIT_MAX_INDICATORS];
		size_t k = 0;
		for (size_t i = 0; i < sel->count; i++)
			for (size_t c = 0; c < sel->rows[i].n_covers && k < ITAKIT_MAX_INDICATORS; c++)
				codes[k++] = sel->rows[i].covers[c];
		itakit_strbuf_append(b, report_tr(r, " โดยเน้นตัวชี้วัดที่ได้คะแนนต่ำที่สุด คือ",
						  ", aimed at its lowest-scoring "));
		itakit__report_indicator_list(r, b, codes, k);
	}
	itakit_strbuf_append(b, report_tr(r, "", "."));
	TRY(flush_paragraph(r, b));
	TRY(measures_table(r, b, true));
	for (size_t i = 0; i < sel->count; i++)
		TRY(measure_row(r, b, &sel->rows[i]));
	follow_up(r, b, true);
	return flush_paragraph(r, b);
}

int itakit__report_measures_section(report *r)
{
	const itakit_year_analysis *ya = r->ya;
	char py[32], k[32], n[32], tn[32];
	itakit__report_year(r, py, sizeof py, r->plan_year);
	char title[256];
	snprintf(title, sizeof title, r->th ? "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. %s"
					    : "Measures for fiscal year %s", py);
	itakit_measure_selection sel;
	itakit_measure_selection_init(&sel);
	int rc = itakit_measures_choose(&sel, r->measures, ya, r->era->n_indicators);
	if (rc) {
		itakit_measure_selection_release(&sel);
		return rc;
	}
	if (r->result) {
		r->result->n_uncovered = sel.n_uncovered;
		memcpy(r->result->uncovered, sel.uncovered, sel.n_uncovered * sizeof sel.uncovered[0]);
	}
	/* No page break: the document layer keeps the section with its text
	 * and does not let a tall first row leave a page half empty. */
	rc = itakit__report_section(r, title);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	if (!rc && ya->n_flagged == 0) {
		rc = keep_part(r, &b, &sel);
		itakit_measure_selection_release(&sel);
		itakit_strbuf_release(&b);
		return rc;
	}
	if (rc) {
		itakit_measure_selection_release(&sel);
		return rc;
	}

	char t[48];
	itakit__report_line_value(r, t, sizeof t, r->o.threshold);
	itakit__report_int(r, k, sizeof k, (long)ya->n_flagged);
	itakit__report_int(r, n, sizeof n, (long)(sel.count + sel.n_uncovered));
	itakit__report_int(r, tn, sizeof tn, itakit__document_next_number(r->doc, ITAKIT_NEXT_TABLE));
	if (r->th)
		itakit_strbuf_appendf(&b, "ตัวชี้วัดที่ได้คะแนนต่ำกว่า %s คะแนนทั้ง %s ตัวชี้วัดเป็นจุดที่%sต้องยกระดับ "
				      "จึงกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. %s จำนวน %s ประเด็น "
				      "ดังตารางที่ %s แต่ละประเด็นระบุตัวชี้วัดที่มุ่งแก้ไข วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ "
				      "ผู้รับผิดชอบ และขั้นตอนหรือวิธีปฏิบัติ",
				      t, k, r->ua->unit->name, py, n, tn);
	else
		itakit_strbuf_appendf(&b, "The %s indicator%s below %s %s where %s must improve. Table %s sets out "
				      "the measures for fiscal year %s, %s issue%s in all; each names the indicators "
				      "it addresses, how the analysis is put into practice, who is responsible and "
				      "the steps to take.", k, ya->n_flagged > 1 ? "s" : "", t,
				      ya->n_flagged > 1 ? "are" : "is", r->ua->unit->name, tn, py, n,
				      sel.count + sel.n_uncovered > 1 ? "s" : "");
	if (sel.n_uncovered) {
		itakit_strbuf_append(&b, report_tr(r, " ทั้งนี้ ชุดมาตรการที่ใช้ยังไม่มีมาตรการสำหรับ",
						   " The catalog of measures has none yet for "));
		itakit__report_indicator_list(r, &b, sel.uncovered, sel.n_uncovered);
		itakit_strbuf_append(&b, report_tr(r, " ซึ่งหน่วยงานต้องกำหนดเพิ่มเติม (ระบุไว้ในตาราง)",
						   ", which the agency must add (the table marks it)."));
	}
	rc = itakit_strbuf_ok(&b) ? itakit__report_paragraph(r, b.data) : oom();
	b.len = 0;

	if (!rc)
		rc = measures_table(r, &b, false);
	/* The table follows the narrative's order (highest score first): the
	 * selection is already ranked by the first flagged indicator a row
	 * covers, and each uncovered indicator takes its own place. */
	size_t next = 0;
	for (size_t f = 0; f < ya->n_flagged && !rc; f++) {
		int code = ya->flagged[f];
		bool uncovered = false;
		for (size_t u = 0; u < sel.n_uncovered; u++)
			uncovered = uncovered || sel.uncovered[u] == code;
		if (uncovered) {
			rc = uncovered_row(r, &b, code);
			continue;
		}
		while (next < sel.count && !rc && flagged_rank(ya, &sel.rows[next]) == f)
			rc = measure_row(r, &b, &sel.rows[next++]);
	}
	while (next < sel.count && !rc) /* defensive: a row ranked out of order */
		rc = measure_row(r, &b, &sel.rows[next++]);
	if (!rc) {
		follow_up(r, &b, true);
		rc = itakit_strbuf_ok(&b) ? itakit__report_paragraph(r, b.data) : oom();
	}
	itakit_measure_selection_release(&sel);
	itakit_strbuf_release(&b);
	return rc;
}

/* Adds the paragraph b holds and empties b. */
static int flush_paragraph(report *r, itakit_strbuf *b)
{
	int rc = itakit_strbuf_ok(b) ? itakit__report_paragraph(r, b->data) : oom();
	b->len = 0;
	return rc;
}
