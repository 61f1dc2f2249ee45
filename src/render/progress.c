/* The O43 progress report (itakit/progress.h): title block, background
 * (which result and which measures document it follows), a summary with
 * counts by status, overall progress and a chart, the per-measure table,
 * problems and next steps, and in the 12-month round what the next
 * assessment says of the indicators the measures targeted.
 *
 * Years: the measures drawn up from the result of fiscal year Y run in
 * fiscal year Y + 1, from 1 October Y to 30 September Y + 1 (BE); the
 * 6-month round covers up to 31 March Y + 1. The English edition prints CE
 * years (BE - 543). */
#include "core/narrative_internal.h"
#include "itakit/progress.h"

#include "itakit/error.h"
#include "itakit/narrative.h"
#include "itakit/strbuf.h"
#include "render/agency.h"
#include "render/chart_progress.h"
#include "render/document.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_SIZE 20.0
#define SUBTITLE_SIZE 18.0
#define TABLE_FONT 12.0
#define TABLE_FONT_EN 11.0
#define BE_CE 543

#define TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

typedef struct {
	const itakit_framework *fw;
	const itakit_unit_analysis *ua;
	const itakit_year_analysis *ya;    /* the result the measures answer (Y) */
	const itakit_year_analysis *next;  /* Y + 1 when the data has it, else NULL */
	itakit_progress_options o;         /* font resolved */
	double threshold;
	bool th;
	const char *agency;
	const char *unit;                  /* the unit in sentences: its English name from
					      the profile in the English edition when the
					      profile's agency is the unit, else its name */
	int year, plan_year;
	itakit_profile_date date;          /* the document's (year 0: undated) */
	itakit_measure_selection sel;      /* the plan: the O42 report's rows */
	const itakit_status_row **rows;    /* sel.count entries: the row or NULL */
	size_t n_missing;

	itakit_document *doc;
	itakit_narrative n;
	itakit__progress_bar *bars;
	char **labels;                     /* the bars' labels, owned */
	itakit__progress_chart chart;
} progress;

static int oom(void)
{
	return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}

static const char *tr(const progress *p, const char *th, const char *en)
{
	return p->th ? th : en;
}

/* ---- numbers and years -------------------------------------------------------- */

static const char *num(const progress *p, char *buf, size_t size, long v)
{
	return itakit_format_int(buf, size, v, p->o.digits);
}

/* A fiscal or calendar year as printed: BE in Thai, CE in English. */
static const char *yr(const progress *p, char *buf, size_t size, int be)
{
	return num(p, buf, size, p->th ? be : be - BE_CE);
}

static const char *score(const progress *p, char *buf, size_t size, double v)
{
	return itakit_format_number(buf, size, v, 2, p->o.digits, false);
}

static const char *delta(const progress *p, char *buf, size_t size, double v)
{
	return itakit_format_number(buf, size, v, 2, p->o.digits, true);
}

/* A percent as given: whole numbers without decimals. */
static const char *percent(const progress *p, char *buf, size_t size, double v)
{
	int decimals = fabs(v - round(v)) < 1e-9 ? 0 : 2;
	return itakit_format_number(buf, size, v, decimals, p->o.digits, false);
}

/* Baht with thousands separators ("๑๒,๕๐๐"), satang only when there are. */
static const char *money(const progress *p, char *buf, size_t size, double v)
{
	char plain[64];
	int decimals = fabs(v - round(v)) < 1e-9 ? 0 : 2;
	itakit_format_number(plain, sizeof plain, v, decimals, ITAKIT_DIGITS_ARABIC, false);
	char grouped[96];
	size_t int_len = strcspn(plain, "."), o = 0;
	for (size_t i = 0; plain[i] && o + 2 < sizeof grouped; i++) {
		if (i > 0 && i < int_len && (int_len - i) % 3 == 0)
			grouped[o++] = ',';
		grouped[o++] = plain[i];
	}
	grouped[o] = '\0';
	char *loc = itakit_text_localize_digits(grouped, p->o.digits);
	snprintf(buf, size, "%s", loc ? loc : grouped);
	free(loc);
	return buf;
}

/* Catalog text in the edition's digits (malloc'd; NULL on out of memory).
 * Text the agency typed in the status file is printed as typed. */
static char *localize(const progress *p, const char *text)
{
	char *s = itakit_text_localize_digits(text, p->o.digits);
	if (s && p->o.digits == ITAKIT_DIGITS_ARABIC)
		itakit_text_arabic_digits(s);
	return s;
}

static const char *status_name(const progress *p, const itakit_status_row *row, char *buf, size_t size)
{
	if (!row)
		return tr(p, "ไม่มีรายงาน", "No report");
	snprintf(buf, size, "%s", itakit_status_kind_name(row->status, p->o.lang));
	if (!p->th)
		buf[0] = (char)toupper((unsigned char)buf[0]);
	return buf;
}

/* "ตัวชี้วัดที่ ๒, ๔ และ ๕" / "indicators 2, 4 and 5" appended to b. */
static void indicator_list(const progress *p, itakit_strbuf *b, const int *codes, size_t n, bool prefix)
{
	char c[32];
	if (prefix)
		itakit_strbuf_append(b, p->th ? "ตัวชี้วัดที่ " : n > 1 ? "indicators " : "indicator ");
	for (size_t i = 0; i < n; i++) {
		num(p, c, sizeof c, codes[i]);
		if (i)
			itakit_strbuf_append(b, i == n - 1 && prefix ? itakit__narrative_and(p->o.lang, c) : ", ");
		itakit_strbuf_append(b, c);
	}
}

/* ---- blocks ------------------------------------------------------------------- */

/* The layer numbers the headings ("๒.", "๒.๑"). */
static int heading(progress *p, int level, const char *title)
{
	return itakit__document_heading(p->doc, level, title);
}

/* The number the next table or figure will get, in the edition's digits. */
static const char *next_number(const progress *p, char *buf, size_t size, itakit_document_counter what)
{
	return num(p, buf, size, itakit__document_next_number(p->doc, what));
}

static int paragraph(progress *p, itakit_strbuf *b)
{
	if (!itakit_strbuf_ok(b))
		return oom();
	int rc = 0;
	if (b->len) {
		itakit_paragraph_style st = ITAKIT_PARAGRAPH_STYLE_INIT;
		st.first_indent = ITAKIT_CM(1.25);
		st.justify = p->th;
		rc = itakit__document_paragraph(p->doc, b->data, &st);
	}
	b->len = 0;
	return rc;
}

static int centered(progress *p, itakit_strbuf *b, double size, bool bold, double space_after)
{
	if (!itakit_strbuf_ok(b))
		return oom();
	itakit_paragraph_style st = ITAKIT_PARAGRAPH_STYLE_INIT;
	st.align = ITAKIT_ALIGN_CENTER;
	st.justify = false;
	st.size = size;
	st.bold = bold;
	st.keep_with_next = true;
	st.space_after = space_after;
	int rc = itakit__document_paragraph(p->doc, b->data, &st);
	b->len = 0;
	return rc;
}

static int table(progress *p, const itakit_table_column *cols, size_t n, const char *caption)
{
	itakit_table_options t = {cols, n, caption, p->th ? TABLE_FONT : TABLE_FONT_EN};
	return itakit__document_table(p->doc, &t);
}

/* "รอบ ๖ เดือน" / "6-month round" */
static void round_name(const progress *p, itakit_strbuf *b)
{
	char r[16];
	num(p, r, sizeof r, p->o.round);
	itakit_strbuf_appendf(b, p->th ? "รอบ %s เดือน" : "%s-month round", r);
}

/* "๑ ตุลาคม ๒๕๖๖ ถึง ๓๑ มีนาคม ๒๕๖๗" / "1 October 2023 to 31 March 2024" */
static void period(const progress *p, itakit_strbuf *b)
{
	char d1[16], d2[16], y1[16], y2[16];
	num(p, d1, sizeof d1, 1);
	num(p, d2, sizeof d2, p->o.round == 6 ? 31 : 30);
	yr(p, y1, sizeof y1, p->year);
	yr(p, y2, sizeof y2, p->plan_year);
	if (p->th)
		itakit_strbuf_appendf(b, "%s ตุลาคม %s ถึง %s %s %s", d1, y1, d2,
				      p->o.round == 6 ? "มีนาคม" : "กันยายน", y2);
	else
		itakit_strbuf_appendf(b, "%s October %s to %s %s %s", d1, y1, d2,
				      p->o.round == 6 ? "March" : "September", y2);
}

/* ---- title block -------------------------------------------------------------- */

static int title_block(progress *p, itakit_strbuf *b)
{
	const itakit_profile *pr = p->o.profile;
	char py[32];
	yr(p, py, sizeof py, p->plan_year);
	if (pr && pr->logo)
		TRY(itakit__document_image(p->doc, pr->logo, ITAKIT_CM(2.8), ITAKIT_ALIGN_CENTER));
	itakit_strbuf_appendf(b, p->th ? "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
					 "ประจำปีงบประมาณ พ.ศ. %s "
				       : "Report on the Internal Integrity and Transparency Measures\n"
					 "Fiscal year %s, ", py);
	round_name(p, b);
	TRY(centered(p, b, TITLE_SIZE, true, 4));
	itakit_strbuf_append(b, p->agency);
	TRY(centered(p, b, SUBTITLE_SIZE, true, 6));
	itakit_strbuf_append(b, tr(p, "ระยะเวลาที่รายงาน ", "Period covered: "));
	period(p, b);
	TRY(centered(p, b, 0, false, 4));
	const char *author = pr ? itakit_profile_text(pr->author, pr->author_en, p->o.lang) : NULL;
	if (author || p->date.year) {
		char date[128];
		if (author)
			itakit_strbuf_appendf(b, p->th ? "จัดทำโดย %s" : "Prepared by %s", author);
		if (p->date.year) {
			itakit_profile_format_ymd(date, sizeof date, p->date.year, p->date.month, p->date.day,
						  p->o.lang, p->o.digits);
			itakit_strbuf_appendf(b, "%s%s", author ? "\n" : "", date);
		}
		TRY(centered(p, b, 0, false, 0));
	}
	return itakit__document_spacer(p->doc, 14);
}

/* ---- ๑ background -------------------------------------------------------------- */

static int background(progress *p, itakit_strbuf *b)
{
	TRY(heading(p, 1, tr(p, "ความเป็นมา", "Background")));
	char y[32], py[32], t[48], k[32], m[32], ov[48];
	yr(p, y, sizeof y, p->year);
	yr(p, py, sizeof py, p->plan_year);
	itakit_narrative_format_line(t, sizeof t, p->threshold, p->o.digits);
	itakit_strbuf_append(b, p->th ?
		"หน่วยงานภาครัฐทุกแห่งที่รับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
		"ต้องนำผลการประเมินของตนไปกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานและเผยแพร่ต่อสาธารณะ "
		"(ข้อ O42 ของแบบตรวจการเปิดเผยข้อมูลสาธารณะ) แล้วรายงานผลการดำเนินการตามมาตรการนั้น (ข้อ O43) "
		"ปีละสองรอบ คือ รอบ ๖ เดือนแรกของปีงบประมาณ ภายในวันที่ ๓๐ เมษายน และรอบ ๑๒ เดือน ภายในวันที่ ๓๑ ตุลาคม" :
		"Every public agency assessed by the Integrity and Transparency Assessment (ITA) must turn its "
		"result into measures that promote integrity and transparency within the agency and publish them "
		"(item O42 of the open-data disclosure check), then report how the measures were carried out "
		"(item O43) twice a year: for the first six months of the fiscal year by 30 April, and for the "
		"whole year by 31 October.");
	if (p->th && p->o.digits == ITAKIT_DIGITS_ARABIC) {
		char *s = localize(p, b->data);
		if (!s)
			return oom();
		b->len = 0;
		itakit_strbuf_append(b, s);
		free(s);
	}
	TRY(paragraph(p, b));

	const itakit_year_analysis *ya = p->ya;
	const char *unit = p->unit;
	if (p->th) {
		itakit_strbuf_appendf(b, "รายงานฉบับนี้ติดตามเอกสารมาตรการส่งเสริมคุณธรรมและความโปร่งใสของ%s "
				      "ประจำปีงบประมาณ พ.ศ. %s ซึ่งจัดทำจากผลการประเมินประจำปีงบประมาณ พ.ศ. %s ของ%s",
				      p->agency, py, y, unit);
		if (ya->overall.known)
			itakit_strbuf_appendf(b, " (คะแนนภาพรวม %s คะแนน)", score(p, ov, sizeof ov, ya->overall.value));
	} else {
		itakit_strbuf_appendf(b, "This report follows the integrity and transparency measures of %s for "
				      "fiscal year %s, drawn up from the fiscal year %s result of %s", p->agency, py, y, unit);
		if (ya->overall.known)
			itakit_strbuf_appendf(b, " (overall score %s)", score(p, ov, sizeof ov, ya->overall.value));
	}
	num(p, k, sizeof k, (long)ya->n_flagged);
	num(p, m, sizeof m, (long)p->sel.count);
	if (ya->n_flagged == 0) {
		itakit_strbuf_appendf(b, p->th ? " ในปีนั้นไม่มีตัวชี้วัดใดได้คะแนนต่ำกว่า %s คะแนน "
						 "เอกสารดังกล่าวจึงไม่มีมาตรการเฉพาะประเด็นที่ต้องติดตามในรายงานนี้"
					       : ". No indicator scored below %s that year, so the document set no "
						 "measure of its own for this report to follow.", t);
		return paragraph(p, b);
	}
	if (p->th)
		itakit_strbuf_appendf(b, " ในปีนั้นมีตัวชี้วัดที่ได้คะแนนต่ำกว่า %s คะแนน %s ตัวชี้วัด "
				      "เอกสารดังกล่าวจึงกำหนดมาตรการไว้ %s มาตรการ ได้แก่ ", t, k, m);
	else
		itakit_strbuf_appendf(b, ". That year %s indicator%s scored below %s, and the document set %s "
				      "measure%s: ", k, ya->n_flagged > 1 ? "s" : "", t, m, p->sel.count > 1 ? "s" : "");
	for (size_t i = 0; i < p->sel.count; i++) {
		const itakit_measure_choice *ch = &p->sel.rows[i];
		char *issue = localize(p, itakit_measure_text(ch->measure, ITAKIT_MEASURE_ISSUE, p->o.lang));
		if (!issue)
			return oom();
		if (i)
			/* English items hold commas of their own */
			itakit_strbuf_append(b, i < p->sel.count - 1 ? tr(p, " ", "; ")
					     : p->th ? itakit__narrative_and(p->o.lang, "(") : "; and ");
		itakit_strbuf_appendf(b, "(%s) %s (", num(p, k, sizeof k, (long)i + 1), issue);
		indicator_list(p, b, ch->covers, ch->n_covers, true);
		itakit_strbuf_append(b, ")");
		free(issue);
	}
	if (!p->th)
		itakit_strbuf_append(b, ".");
	if (p->sel.n_uncovered) {
		itakit_strbuf_append(b, tr(p, " ส่วน", " The catalog of measures had none for "));
		indicator_list(p, b, p->sel.uncovered, p->sel.n_uncovered, true);
		itakit_strbuf_append(b, tr(p, " ยังไม่มีมาตรการในชุดมาตรการที่ใช้ จึงไม่มีผลการดำเนินการให้รายงาน",
					   ", so there is nothing to report on them."));
	}
	TRY(paragraph(p, b));

	char d[16];
	itakit_strbuf_append(b, tr(p, "รายงาน", "This "));
	round_name(p, b);
	itakit_strbuf_append(b, tr(p, "นี้ครอบคลุมการดำเนินการตั้งแต่วันที่ ", " report covers what was done from "));
	period(p, b);
	if (p->th)
		itakit_strbuf_appendf(b, " และต้องเผยแพร่ภายในวันที่ %s %s %s", num(p, d, sizeof d, p->o.round == 6 ? 30 : 31),
				      p->o.round == 6 ? "เมษายน" : "ตุลาคม", py);
	else
		itakit_strbuf_appendf(b, ", and is due for publication by %s %s %s.", num(p, d, sizeof d, p->o.round == 6 ? 30 : 31),
				      p->o.round == 6 ? "April" : "October", py);
	return paragraph(p, b);
}

/* ---- ๒ summary ---------------------------------------------------------------- */

/* Mean progress over the plan: a cancelled measure is left out, a measure
 * with no report counts as 0. NAN when nothing is left. */
static double overall_progress(const progress *p)
{
	double sum = 0;
	size_t n = 0;
	for (size_t i = 0; i < p->sel.count; i++) {
		const itakit_status_row *r = p->rows[i];
		if (r && r->status == ITAKIT_STATUS_CANCELLED)
			continue;
		sum += r ? r->progress : 0;
		n++;
	}
	return n ? sum / (double)n : NAN;
}

static int summary(progress *p, itakit_strbuf *b)
{
	if (p->sel.count == 0)
		return 0;
	TRY(heading(p, 1, tr(p, "สรุปผลการดำเนินการ", "Summary")));
	size_t count[ITAKIT_STATUS_N] = {0};
	bool any_budget = false;
	double budget = 0;
	for (size_t i = 0; i < p->sel.count; i++) {
		const itakit_status_row *r = p->rows[i];
		if (!r)
			continue;
		count[r->status]++;
		if (r->has_budget) {
			any_budget = true;
			budget += r->budget;
		}
	}
	char n[32], c[32], pc[48], tn[32], fn[32], mb[96];
	num(p, n, sizeof n, (long)p->sel.count);
	itakit_strbuf_appendf(b, p->th ? "จากมาตรการทั้ง %s มาตรการ " : "Of the %s measures: ", n);
	/* "A ๑ มาตรการ B ๒ มาตรการ และC ๑ มาตรการ" / "3 done and 1 in progress" */
	static const int order[ITAKIT_STATUS_N] = {ITAKIT_STATUS_DONE, ITAKIT_STATUS_IN_PROGRESS,
						   ITAKIT_STATUS_NOT_STARTED, ITAKIT_STATUS_CANCELLED};
	char items[ITAKIT_STATUS_N + 1][160];
	size_t ni = 0;
	for (int k = 0; k < ITAKIT_STATUS_N; k++) {
		int s = order[k];
		if (!count[s])
			continue;
		num(p, c, sizeof c, (long)count[s]);
		snprintf(items[ni++], sizeof items[0], p->th ? "%s %s มาตรการ" : "%2$s %1$s",
			 itakit_status_kind_name(s, p->o.lang), c);
	}
	if (p->n_missing) {
		num(p, c, sizeof c, (long)p->n_missing);
		snprintf(items[ni++], sizeof items[0], p->th ? "ไม่มีรายงานผล %s มาตรการ" : "%s with no report", c);
	}
	for (size_t i = 0; i < ni; i++) {
		if (i)
			itakit_strbuf_append(b, i == ni - 1 ? itakit__narrative_and(p->o.lang, items[i]) : tr(p, " ", ", "));
		itakit_strbuf_append(b, items[i]);
	}
	double op = overall_progress(p);
	next_number(p, tn, sizeof tn, ITAKIT_NEXT_TABLE);
	next_number(p, fn, sizeof fn, ITAKIT_NEXT_FIGURE);
	if (!isnan(op)) {
		itakit_format_number(pc, sizeof pc, op, 2, p->o.digits, false);
		if (p->th)
			itakit_strbuf_appendf(b, " ความก้าวหน้าเฉลี่ยของมาตรการเท่ากับร้อยละ %s "
					      "(ไม่นับมาตรการที่ยกเลิก และนับมาตรการที่ไม่มีรายงานเป็นร้อยละ ๐)", pc);
		else
			itakit_strbuf_appendf(b, ". Average progress is %s%% (cancelled measures left out, a measure "
					      "with no report counted as 0%%)", pc);
	}
	if (any_budget)
		itakit_strbuf_appendf(b, p->th ? " ใช้งบประมาณรวม %s บาท" : "; %s baht were spent in all",
				      money(p, mb, sizeof mb, budget));
	itakit_strbuf_appendf(b, p->th ? " ดังตารางที่ %s และแผนภูมิที่ %s" : ". Table %s and figure %s show the detail.", tn, fn);
	TRY(paragraph(p, b));

	itakit_table_column cols[] = {
		{tr(p, "สถานะ", "Status"), 3.0, ITAKIT_ALIGN_LEFT},
		{tr(p, "จำนวนมาตรการ", "Measures"), 1.6, ITAKIT_ALIGN_RIGHT},
		{tr(p, "ร้อยละของมาตรการทั้งหมด", "Share of all measures (%)"), 2.0, ITAKIT_ALIGN_RIGHT},
	};
	itakit_strbuf_append(b, tr(p, "จำนวนมาตรการจำแนกตามสถานะการดำเนินการ ", "Measures by status, "));
	round_name(p, b);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(table(p, cols, 3, b->data));
	b->len = 0;
	static const int rows_order[ITAKIT_STATUS_N] = {ITAKIT_STATUS_DONE, ITAKIT_STATUS_IN_PROGRESS,
							ITAKIT_STATUS_NOT_STARTED, ITAKIT_STATUS_CANCELLED};
	for (int k = 0; k <= ITAKIT_STATUS_N; k++) {
		size_t v = k < ITAKIT_STATUS_N ? count[rows_order[k]] : p->n_missing;
		if (k == ITAKIT_STATUS_N && !v)
			break; /* the no-report row only when there is one */
		char name[64], share[48];
		itakit_status_row fake;
		fake.status = k < ITAKIT_STATUS_N ? rows_order[k] : ITAKIT_STATUS_DONE;
		const char *cells[3] = {status_name(p, k < ITAKIT_STATUS_N ? &fake : NULL, name, sizeof name),
					num(p, c, sizeof c, (long)v),
					itakit_format_number(share, sizeof share, 100.0 * (double)v / (double)p->sel.count,
							     2, p->o.digits, false)};
		TRY(itakit__document_table_row(p->doc, 0, cells));
	}
	char hundred[48];
	const char *total[3] = {tr(p, "รวม", "Total"), n, itakit_format_number(hundred, sizeof hundred, 100, 2, p->o.digits, false)};
	TRY(itakit__document_table_row(p->doc, ITAKIT_ROW_TOTAL, total));

	/* the chart: one bar per measure, in the plan's order */
	for (size_t i = 0; i < p->sel.count; i++) {
		itakit__progress_bar *bar = &p->bars[i];
		p->labels[i] = localize(p, itakit_measure_text(p->sel.rows[i].measure, ITAKIT_MEASURE_ISSUE, p->o.lang));
		if (!p->labels[i])
			return oom();
		bar->label = p->labels[i];
		bar->reported = p->rows[i] != NULL;
		if (bar->reported) {
			bar->status = p->rows[i]->status;
			bar->progress = p->rows[i]->progress;
		}
	}
	p->chart.lang = p->o.lang;
	p->chart.digits = p->o.digits;
	p->chart.font = p->o.font;
	p->chart.bars = p->bars;
	p->chart.n = p->sel.count;
	double w = ITAKIT_A4_WIDTH - ITAKIT_CM(5.0);
	itakit_strbuf_append(b, tr(p, "ความก้าวหน้าของแต่ละมาตรการ ", "Progress of each measure, "));
	round_name(p, b);
	if (!itakit_strbuf_ok(b))
		return oom();
	int rc = itakit__document_figure(p->doc, w, itakit__progress_chart_height(w, p->sel.count),
					itakit__progress_chart_draw, &p->chart, b->data);
	b->len = 0;
	return rc;
}

/* ---- ๓ per-measure table -------------------------------------------------------- */

static int measure_table(progress *p, itakit_strbuf *b)
{
	if (p->sel.count == 0)
		return 0;
	TRY(heading(p, 1, tr(p, "ผลการดำเนินการรายมาตรการ", "Progress by measure")));
	char tn[32];
	next_number(p, tn, sizeof tn, ITAKIT_NEXT_TABLE);
	itakit_strbuf_appendf(b, p->th ?
		"ตารางที่ %s แสดงผลการดำเนินการของแต่ละมาตรการ ได้แก่ ประเด็น ตัวชี้วัดที่มาตรการมุ่งแก้ไข สถานะ "
		"ความก้าวหน้า (ร้อยละ) สิ่งที่ดำเนินการแล้ว หลักฐานการดำเนินการ และงบประมาณที่ใช้ (บาท)" :
		"Table %s sets out each measure: the issue, the indicators it targets, its status, progress "
		"(percent), what was done, the evidence and the budget spent (baht).", tn);
	if (p->n_missing)
		itakit_strbuf_append(b, tr(p, " มาตรการที่ไม่มีผลการดำเนินการในแบบรายงานระบุว่า \"ไม่มีรายงาน\"",
					   " A measure nobody reported on is marked \"No report\"."));
	TRY(paragraph(p, b));
	itakit_table_column cols[] = {
		/* English words are long and unbreakable: a wider issue column there */
		{tr(p, "ประเด็น", "Issue"), p->th ? 2.0 : 2.5, ITAKIT_ALIGN_LEFT},
		{tr(p, "ตัวชี้วัด", "Indi-\ncators"), p->th ? 1.4 : 1.3, ITAKIT_ALIGN_LEFT},
		{tr(p, "สถานะ", "Status"), p->th ? 1.5 : 1.4, ITAKIT_ALIGN_LEFT},
		{tr(p, "ร้อยละ", "%"), p->th ? 1.3 : 0.9, ITAKIT_ALIGN_RIGHT},
		{tr(p, "ผลการดำเนินการ", "Actions"), p->th ? 2.6 : 2.7, ITAKIT_ALIGN_LEFT},
		{tr(p, "หลักฐาน", "Evidence"), 1.8, ITAKIT_ALIGN_LEFT},
		{tr(p, "งบประมาณ\n(บาท)", "Budget\n(baht)"), p->th ? 1.9 : 1.5, ITAKIT_ALIGN_RIGHT},
	};
	char py[32];
	yr(p, py, sizeof py, p->plan_year);
	itakit_strbuf_appendf(b, p->th ? "ผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. %s "
				       : "Progress of the measures, fiscal year %s, ", py);
	round_name(p, b);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(table(p, cols, 7, b->data));
	b->len = 0;
	int rc = 0;
	for (size_t i = 0; i < p->sel.count && !rc; i++) {
		const itakit_measure_choice *ch = &p->sel.rows[i];
		const itakit_status_row *r = p->rows[i];
		char *issue = localize(p, itakit_measure_text(ch->measure, ITAKIT_MEASURE_ISSUE, p->o.lang));
		itakit_strbuf codes = ITAKIT_STRBUF_INIT;
		indicator_list(p, &codes, ch->covers, ch->n_covers, false);
		char st[64], pc[48], bg[96];
		const char *cells[7] = {
			issue, codes.data, status_name(p, r, st, sizeof st),
			r ? percent(p, pc, sizeof pc, r->progress) : "–",
			r && r->actions[0] ? r->actions : "–",
			r && r->evidence[0] ? r->evidence : "–",
			r && r->has_budget ? money(p, bg, sizeof bg, r->budget) : "–",
		};
		rc = issue && itakit_strbuf_ok(&codes)
			? itakit__document_table_row(p->doc, r ? 0 : ITAKIT_ROW_TINT, cells) : oom();
		free(issue);
		itakit_strbuf_release(&codes);
	}
	return rc;
}

/* ---- ๔ problems and next steps ---------------------------------------------------- */

/* One bullet per measure with text in the field: "issue: text". */
static int collected(progress *p, itakit_strbuf *b, bool problems, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < p->sel.count; i++) {
		const itakit_status_row *r = p->rows[i];
		const char *text = r ? (problems ? r->problems : r->next_steps) : "";
		if (!*text)
			continue;
		char *issue = localize(p, itakit_measure_text(p->sel.rows[i].measure, ITAKIT_MEASURE_ISSUE, p->o.lang));
		if (!issue)
			return oom();
		itakit_strbuf_appendf(b, "%s: %s", issue, text);
		free(issue);
		if (!itakit_strbuf_ok(b))
			return oom();
		/* the lines of a cell read as one item */
		for (size_t k = 0; k < b->len; k++)
			if (b->data[k] == '\n')
				b->data[k] = ' ';
		TRY(itakit__document_list_item(p->doc, ITAKIT_LIST_BULLET, 0, b->data));
		b->len = 0;
		(*n)++;
	}
	return 0;
}

static int problems_and_next(progress *p, itakit_strbuf *b)
{
	if (p->sel.count == 0)
		return 0;
	TRY(heading(p, 1, tr(p, "ปัญหา อุปสรรค และแนวทางการดำเนินการต่อไป", "Problems and next steps")));
	size_t n;
	TRY(heading(p, 2, tr(p, "ปัญหาและอุปสรรค", "Problems")));
	TRY(collected(p, b, true, &n));
	if (!n) {
		itakit_strbuf_append(b, tr(p, "ไม่มีมาตรการใดรายงานปัญหาหรืออุปสรรคในรอบนี้",
					   "No measure reported a problem in this round."));
		TRY(paragraph(p, b));
	}
	TRY(heading(p, 2, tr(p, "แนวทางการดำเนินการต่อไป", "Next steps")));
	TRY(collected(p, b, false, &n));
	if (!n) {
		itakit_strbuf_append(b, tr(p, "ไม่มีมาตรการใดระบุแนวทางการดำเนินการต่อไปในรอบนี้",
					   "No measure named next steps in this round."));
		TRY(paragraph(p, b));
	}
	return 0;
}

/* ---- ๕ the next assessment (12-month round) ----------------------------------------- */

/* The indicators the plan targets, in the order of the flagged list. */
static size_t targeted(const progress *p, int *codes)
{
	size_t n = 0;
	for (size_t f = 0; f < p->ya->n_flagged; f++) {
		int code = p->ya->flagged[f];
		bool covered = false;
		for (size_t i = 0; i < p->sel.count && !covered; i++)
			for (size_t c = 0; c < p->sel.rows[i].n_covers && !covered; c++)
				covered = p->sel.rows[i].covers[c] == code;
		if (covered)
			codes[n++] = code;
	}
	return n;
}

static bool has_scores(const itakit_year_analysis *ya)
{
	return ya && (ya->overall.known || ya->n_indicators_known > 0);
}

/* Change of an indicator from the rounded scores; false when either year
 * lacks it. */
static bool indicator_change(const progress *p, int code, double *from, double *to, double *d)
{
	const itakit_score *a = &p->ya->indicator[code - 1], *b = &p->next->indicator[code - 1];
	if (!a->known || !b->known)
		return false;
	*from = itakit_round(a->value, 2);
	*to = itakit_round(b->value, 2);
	*d = itakit_round(*to - *from, 2);
	return true;
}

static void indicator_name(const progress *p, itakit_strbuf *b, int code)
{
	char c[16];
	size_t at = b->len;
	itakit_strbuf_appendf(b, "%s. %s", num(p, c, sizeof c, code), itakit_narrative_indicator_name(&p->n, code));
	if (!p->th && itakit_strbuf_ok(b)) {
		char *s = strchr(b->data + at, ' ');
		if (s && s[1])
			s[1] = (char)toupper((unsigned char)s[1]);
	}
}

static int next_year(progress *p, itakit_strbuf *b)
{
	if (p->o.round != 12)
		return 0;
	char y[32], ny[32], t[48], pl[48], a[48], c[48], d[48];
	yr(p, y, sizeof y, p->year);
	yr(p, ny, sizeof ny, p->plan_year);
	itakit_narrative_format_line(t, sizeof t, p->threshold, p->o.digits);
	itakit_strbuf_appendf(b, p->th ? "ผลการประเมินประจำปีงบประมาณ พ.ศ. %s เทียบกับปี พ.ศ. %s"
				       : "The fiscal year %s result against %s", ny, y);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(heading(p, 1, b->data));
	b->len = 0;
	if (!has_scores(p->next)) {
		itakit_strbuf_appendf(b, p->th ?
			"ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. %s ยังไม่ประกาศ หรือยังไม่อยู่ในข้อมูลที่ใช้จัดทำรายงานนี้ "
			"จึงยังบอกไม่ได้ว่าคะแนนของตัวชี้วัดที่มาตรการมุ่งแก้ไขเปลี่ยนไปอย่างไร เมื่อผลประกาศแล้ว "
			"ให้จัดทำรายงานนี้อีกครั้งพร้อมข้อมูลปี พ.ศ. %s เพื่อเปรียบเทียบคะแนนกับปี พ.ศ. %s" :
			"The ITA result of fiscal year %s is not published yet, or not in the data this report was "
			"made from, so it cannot say yet how the indicators the measures targeted have moved. Once "
			"it is out, make this report again with the %s scores to compare them with %s.", ny, ny, y);
		return paragraph(p, b);
	}
	const itakit_year_analysis *ya = p->ya, *nx = p->next;
	if (ya->overall.known && nx->overall.known) {
		double from = ya->overall.rounded, to = nx->overall.rounded;
		/* passing is the analysis's verdict against the official pass line */
		itakit_narrative_format_line(pl, sizeof pl, nx->pass_line, p->o.digits);
		if (p->th)
			itakit_strbuf_appendf(b, "คะแนนภาพรวมของ%sปี พ.ศ. %s เท่ากับ %s คะแนน เทียบกับ %s คะแนนในปี พ.ศ. %s "
					      "เปลี่ยนแปลง %s คะแนน และ%sเกณฑ์ %s คะแนน", p->unit, ny,
					      score(p, a, sizeof a, to), score(p, c, sizeof c, from), y,
					      delta(p, d, sizeof d, itakit_round(to - from, 2)),
					      nx->pass ? "ผ่าน" : "ยังไม่ผ่าน", pl);
		else
			itakit_strbuf_appendf(b, "The overall score of %s was %s in %s against %s in %s, a change of %s; "
					      "it %s the pass line of %s.", p->unit, score(p, a, sizeof a, to), ny,
					      score(p, c, sizeof c, from), y, delta(p, d, sizeof d, itakit_round(to - from, 2)),
					      nx->pass ? "reaches" : "is below", pl);
		TRY(paragraph(p, b));
	}
	int codes[ITAKIT_MAX_INDICATORS];
	size_t n = targeted(p, codes);
	if (n == 0 || nx->n_indicators_known == 0) {
		itakit_strbuf_appendf(b, p->th ? "ข้อมูลปี พ.ศ. %s ไม่มีคะแนนรายตัวชี้วัด จึงยังเปรียบเทียบตัวชี้วัดที่มาตรการมุ่งแก้ไขไม่ได้"
					       : "The %s data holds no indicator scores, so the indicators the measures "
						 "targeted cannot be compared yet.", ny);
		return paragraph(p, b);
	}
	char tn[32];
	next_number(p, tn, sizeof tn, ITAKIT_NEXT_TABLE);
	itakit_strbuf_appendf(b, p->th ? "ตารางที่ %s เปรียบเทียบคะแนนของตัวชี้วัดที่มาตรการมุ่งแก้ไขระหว่างปี พ.ศ. %s กับปี พ.ศ. %s "
					 "การเปลี่ยนแปลงคำนวณจากคะแนนที่ปัดเป็นทศนิยมสองตำแหน่งตามที่ประกาศ"
				       : "Table %s compares the scores of the indicators the measures targeted in %s and %s; "
					 "changes are computed from the scores rounded to two decimals as published.", tn, y, ny);
	TRY(paragraph(p, b));
	itakit_table_column cols[] = {
		{tr(p, "ตัวชี้วัด", "Indicator"), 3.2, ITAKIT_ALIGN_LEFT},
		{y, 1.1, ITAKIT_ALIGN_RIGHT},
		{ny, 1.1, ITAKIT_ALIGN_RIGHT},
		{tr(p, "เปลี่ยนแปลง", "Change"), 1.5, ITAKIT_ALIGN_RIGHT},
		{tr(p, "ถึงเกณฑ์", "Threshold\nreached"), 1.4, ITAKIT_ALIGN_LEFT},
	};
	itakit_strbuf_appendf(b, p->th ? "คะแนนของตัวชี้วัดที่มาตรการมุ่งแก้ไข ปี พ.ศ. %s และ %s"
				       : "Scores of the targeted indicators, %s and %s", y, ny);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(table(p, cols, 5, b->data));
	b->len = 0;
	double sum_t = 0, sum_o = 0;
	size_t n_t = 0, n_o = 0, reached = 0;
	for (size_t i = 0; i < n; i++) {
		double from, to, dv;
		bool known = indicator_change(p, codes[i], &from, &to, &dv);
		itakit_strbuf name = ITAKIT_STRBUF_INIT;
		indicator_name(p, &name, codes[i]);
		const itakit_score *f0 = &ya->indicator[codes[i] - 1], *f1 = &nx->indicator[codes[i] - 1];
		const char *cells[5] = {
			name.data,
			f0->known ? score(p, a, sizeof a, f0->value) : "–",
			f1->known ? score(p, c, sizeof c, f1->value) : "–",
			known ? delta(p, d, sizeof d, dv) : "–",
			f1->known ? (!f1->flagged ? tr(p, "ถึง", "Yes") : tr(p, "ยังไม่ถึง", "No")) : "–",
		};
		int rc = itakit_strbuf_ok(&name) ? itakit__document_table_row(p->doc,
				f1->known && f1->flagged ? ITAKIT_ROW_TINT : 0, cells) : oom();
		itakit_strbuf_release(&name);
		TRY(rc);
		if (known) {
			sum_t += dv;
			n_t++;
			reached += !f1->flagged;
		}
	}
	size_t n_ind = p->ya->era ? p->ya->era->n_indicators : ITAKIT_MAX_INDICATORS;
	for (size_t code = 1; code <= n_ind; code++) {
		bool is_targeted = false;
		for (size_t i = 0; i < n; i++)
			is_targeted = is_targeted || codes[i] == (int)code;
		double from, to, dv;
		if (!is_targeted && indicator_change(p, (int)code, &from, &to, &dv)) {
			sum_o += dv;
			n_o++;
		}
	}
	if (n_t) {
		char k[32], r[32];
		double mt = itakit_round(sum_t / (double)n_t, 2);
		if (p->th)
			itakit_strbuf_appendf(b, "ตัวชี้วัดที่มาตรการมุ่งแก้ไข %s ตัวชี้วัด ถึงเกณฑ์ %s คะแนนในปี พ.ศ. %s แล้ว %s ตัวชี้วัด "
					      "และคะแนนเปลี่ยนแปลงเฉลี่ย %s คะแนน", num(p, k, sizeof k, (long)n_t), t, ny,
					      num(p, r, sizeof r, (long)reached), delta(p, d, sizeof d, mt));
		else
			itakit_strbuf_appendf(b, "Of the %s targeted indicators, %s reached the threshold of %s in %s; "
					      "their mean change is %s", num(p, k, sizeof k, (long)n_t),
					      num(p, r, sizeof r, (long)reached), t, ny, delta(p, d, sizeof d, mt));
		if (n_o) {
			double mo = itakit_round(sum_o / (double)n_o, 2);
			if (p->th)
				itakit_strbuf_appendf(b, " ขณะที่ตัวชี้วัดอื่นอีก %s ตัวชี้วัดเปลี่ยนแปลงเฉลี่ย %s คะแนน",
						      num(p, k, sizeof k, (long)n_o), delta(p, a, sizeof a, mo));
			else
				itakit_strbuf_appendf(b, ", against %s for the other %s indicators", delta(p, a, sizeof a, mo),
						      num(p, k, sizeof k, (long)n_o));
		}
		itakit_strbuf_append(b, tr(p, " ทั้งนี้ ตัวเลขดังกล่าวแสดงเพียงว่าคะแนนเปลี่ยนไปอย่างไร "
					      "ไม่ได้พิสูจน์ว่าการเปลี่ยนแปลงเกิดจากมาตรการ",
					   ". These figures show how the scores moved; they do not prove that the "
					   "measures caused the change."));
		TRY(paragraph(p, b));
	}
	return 0;
}

/* ---- the document's date ------------------------------------------------------------ */

int itakit_progress_date(itakit_profile_date *out, int year, const itakit_progress_options *opts,
			 itakit_diag_list *diags)
{
	static const itakit_profile_date none = {0, 0, 0};
	*out = none;
	if (!opts)
		return 0;
	const itakit_profile *pr = opts->profile;
	const char *key = NULL; /* the profile's key it came from */
	if (opts->date.year)
		*out = opts->date;
	else if (pr && pr->progress_date[opts->round == 12].year) {
		*out = pr->progress_date[opts->round == 12];
		key = opts->round == 12 ? "progress_date_12" : "progress_date_6";
	} else if (pr && pr->date_set) {
		*out = (itakit_profile_date){pr->date_year, pr->date_month, pr->date_day};
		key = "date";
	}
	/* the round's period ends on 31 March or 30 September of the year the
	 * measures run in; its report is due by 30 April or 31 October */
	bool whole = opts->round == 12;
	int end_month = whole ? 9 : 3, end_day = whole ? 30 : 31;
	int due_month = whole ? 10 : 4, due_day = whole ? 31 : 30;
	int end = (year + 1) * 10000 + end_month * 100 + end_day;
	int dated = out->year * 10000 + out->month * 100 + out->day;
	if (!out->year || !diags || dated >= end)
		return 0;
	char from[32] = "", hint[96] = "";
	if (key)
		snprintf(from, sizeof from, " ('%s')", key);
	if (key && strcmp(key, "date") == 0)
		snprintf(hint, sizeof hint, ": give this report its own date in 'progress_date_%d'", opts->round);
	if (itakit_diag_add(diags, ITAKIT_DIAG_WARNING, key ? pr->source : NULL,
			    key ? itakit_profile_key_line(pr, key) : 0, 0,
			    "the %d-month progress report is dated %04d-%02d-%02d%s, before the end of the period "
			    "it reports on (%04d-10-01 to %04d-%02d-%02d, BE; the report is due by %04d-%02d-%02d)%s",
			    opts->round, out->year, out->month, out->day, from, year, year + 1, end_month, end_day,
			    year + 1, due_month, due_day, hint))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	return 0;
}

/* ---- the plan and the write ------------------------------------------------------- */

static void progress_release(progress *p)
{
	for (size_t i = 0; p->labels && i < p->sel.count; i++)
		free(p->labels[i]);
	free(p->labels);
	itakit_measure_selection_release(&p->sel);
	free(p->rows);
	free(p->bars);
	itakit__document_free(p->doc);
}

/* Resolves the options, picks the plan and checks the status file against
 * it. builtin receives the built-in catalog when opts has none. */
static int plan(progress *p, itakit_measures *builtin, const itakit_framework *fw,
		const itakit_unit_analysis *ua, int year, const itakit_progress_options *opts,
		itakit_diag_list *diags)
{
	itakit_progress_options def = ITAKIT_PROGRESS_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	memset(p, 0, sizeof *p);
	itakit_measure_selection_init(&p->sel);
	if (!fw || !ua || !ua->unit || !opts->status)
		return itakit_error_set(ITAKIT_EUSAGE, "progress: missing framework, analysis or status file");
	if (opts->round != 6 && opts->round != 12)
		return itakit_error_set(ITAKIT_EUSAGE, "progress: the round is 6 or 12 (months), not %d", opts->round);
	p->ya = itakit_unit_analysis_year(ua, year);
	if (!p->ya)
		return itakit_error_set(ITAKIT_ENOTFOUND, "%s has no data for fiscal year %d", ua->unit->name, year);
	p->fw = fw;
	p->ua = ua;
	p->o = *opts;
	p->th = opts->lang == ITAKIT_LANG_TH;
	p->year = year;
	p->plan_year = year + 1;
	p->next = itakit_unit_analysis_year(ua, year + 1);
	const itakit_measures *cat = opts->measures;
	if (!cat) {
		/* the built-in catalog is known good: its diagnostics are dropped */
		itakit_diag_list ignored;
		itakit_diag_list_init(&ignored);
		const itakit_framework_era *era = p->ya->era ? p->ya->era : itakit_framework_era_nearest(fw, year);
		int rc = itakit_measures_load(builtin, NULL, era ? (int)era->n_indicators : ITAKIT_MAX_INDICATORS,
					      &ignored);
		itakit_diag_list_release(&ignored);
		if (rc)
			return rc;
		cat = builtin;
	}
	TRY(itakit_measures_select(&p->sel, cat, p->ya->flagged, p->ya->n_flagged));
	p->rows = calloc(p->sel.count ? p->sel.count : 1, sizeof *p->rows);
	p->bars = calloc(p->sel.count ? p->sel.count : 1, sizeof *p->bars);
	p->labels = calloc(p->sel.count ? p->sel.count : 1, sizeof *p->labels);
	const char **ids = calloc(p->sel.count ? p->sel.count : 1, sizeof *ids);
	if (!p->rows || !p->bars || !p->labels || !ids) {
		free(ids);
		return oom();
	}
	for (size_t i = 0; i < p->sel.count; i++)
		ids[i] = p->sel.rows[i].measure->id;
	itakit_diag_list local;
	itakit_diag_list_init(&local);
	int rc = itakit_status_check(p->rows, opts->status, ua->unit->name, ua->unit->code, ids, p->sel.count,
				     diags ? diags : &local);
	itakit_diag_list_release(&local);
	free(ids);
	for (size_t i = 0; i < p->sel.count; i++)
		p->n_missing += p->rows[i] == NULL;
	return rc;
}

int itakit_progress_check(const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			  const itakit_progress_options *opts, itakit_diag_list *diags)
{
	progress p;
	itakit_measures builtin;
	itakit_measures_init(&builtin);
	int rc = plan(&p, &builtin, fw, ua, year, opts, diags);
	progress_release(&p);
	itakit_measures_release(&builtin);
	return rc;
}

static int new_document(progress *p)
{
	char py[32];
	yr(p, py, sizeof py, p->plan_year);
	itakit_strbuf title = ITAKIT_STRBUF_INIT, header = ITAKIT_STRBUF_INIT;
	itakit_strbuf_appendf(&title, p->th ? "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
					      "ของ%s ประจำปีงบประมาณ พ.ศ. %s "
					    : "Report on the Internal Integrity and Transparency Measures of %s, fiscal year %s, ",
			      p->agency, py);
	round_name(p, &title);
	/* short: a header that wraps crowds the page */
	itakit_strbuf_appendf(&header, p->th ? "รายงานผลการดำเนินการตามมาตรการ พ.ศ. %s "
					     : "Progress on the measures, fiscal year %s, ", py);
	round_name(p, &header);
	int rc = 0;
	if (!itakit_strbuf_ok(&title) || !itakit_strbuf_ok(&header))
		rc = oom();
	if (!rc) {
		itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
		o.font_family = p->o.font;
		o.digits = p->o.digits;
		o.lang = p->o.lang;
		o.title = title.data;
		const char *author = p->o.profile ? itakit_profile_text(p->o.profile->author, p->o.profile->author_en,
									 p->o.lang) : NULL;
		o.author = author ? author : p->agency;
		o.subject = tr(p, "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (O43)",
			       "Implementation of the internal integrity and transparency measures (O43)");
		o.keywords = tr(p, "ITA, O43, มาตรการส่งเสริมคุณธรรมและความโปร่งใส, รายงานผลการดำเนินการ",
				"ITA, O43, integrity and transparency measures, progress report");
		o.running_header = header.data;
		o.running_header_on_first_page = false;
		rc = itakit__document_new(&p->doc, &o);
	}
	/* the unit's and the agency's names never break across lines */
	if (!rc)
		rc = itakit__document_keep_together(p->doc, p->ua->unit->name);
	if (!rc && strcmp(p->agency, p->ua->unit->name) != 0)
		rc = itakit__document_keep_together(p->doc, p->agency);
	/* nor do the statuses, which fill a narrow column */
	for (int k = 0; k < ITAKIT_STATUS_N && !rc && p->th; k++)
		rc = itakit__document_keep_together(p->doc, itakit_status_kind_name((itakit_status_kind)k, ITAKIT_LANG_TH));
	itakit_strbuf_release(&title);
	itakit_strbuf_release(&header);
	return rc;
}

int itakit_progress_write(itakit_progress_result *out, const char *path,
			  const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			  const itakit_progress_options *opts, itakit_diag_list *diags)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (!path)
		return itakit_error_set(ITAKIT_EUSAGE, "progress: no output path");
	progress p;
	itakit_measures builtin;
	itakit_measures_init(&builtin);
	int rc = plan(&p, &builtin, fw, ua, year, opts, diags);
	if (!rc) {
		const itakit_profile *pr = p.o.profile;
		if (!p.o.font)
			p.o.font = pr && pr->font ? pr->font : ITAKIT_DEFAULT_FONT;
		/* named as the measure report names them */
		itakit__agency_names names;
		itakit__agency_name(&names, pr, ua->unit->name, p.o.data_units, p.th);
		p.agency = names.agency;
		p.unit = names.unit;
		/* the flag line the analysis judged the indicators against */
		p.threshold = p.ya->threshold;
		itakit_narrative_options no = ITAKIT_NARRATIVE_OPTIONS_INIT;
		no.lang = p.o.lang;
		no.digits = p.o.digits;
		no.threshold = p.threshold;
		itakit_narrative_init(&p.n, fw, ua, p.ya, &no);
		rc = itakit_progress_date(&p.date, year, &p.o, diags);
	}
	if (!rc) {
		rc = new_document(&p);
	}
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	if (!rc)
		rc = title_block(&p, &b);
	if (!rc)
		rc = background(&p, &b);
	if (!rc)
		rc = summary(&p, &b);
	if (!rc)
		rc = measure_table(&p, &b);
	if (!rc)
		rc = problems_and_next(&p, &b);
	if (!rc)
		rc = next_year(&p, &b);
	itakit_strbuf_release(&b);
	int pages = 0;
	if (!rc)
		rc = itakit__document_write(p.doc, path, &pages);
	if (!rc && out) {
		out->pages = pages;
		out->n_measures = p.sel.count;
		out->n_missing = p.n_missing;
		out->has_next_year = p.o.round == 12 && has_scores(p.next);
	}
	progress_release(&p);
	itakit_measures_release(&builtin);
	return rc;
}
