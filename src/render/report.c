/* The improvement-measure report: title block, background (section ๑),
 * constraints (section ๔) and the write itself. The results (section ๒) are
 * in itakit__report_results.c, the measures table (section ๓) in report_measures.c.
 *
 * Years: the measures are drawn up from the assessment of fiscal year Y
 * (published near its end) and carried out in fiscal year Y + 1, so the
 * document is titled with Y + 1 and says plainly that it rests on the
 * results of Y. */
#include "render/report_internal.h"
#include "render/agency.h"
#include "core/narrative_internal.h"
#include "itakit/error.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_SIZE 22.0
#define SUBTITLE_SIZE 18.0

#define TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

/* ---- helpers shared by the report's files ------------------------------- */

const char *itakit__report_int(const report *r, char *buf, size_t size, long v)
{
	return itakit_format_int(buf, size, v, r->o.digits);
}

const char *itakit__report_year(const report *r, char *buf, size_t size, int be)
{
	return itakit_format_int(buf, size, r->th ? be : be - 543, r->o.digits);
}

const char *itakit__report_score(const report *r, char *buf, size_t size, double v)
{
	return itakit_narrative_score(&r->n, buf, size, v);
}

const char *itakit__report_line_value(const report *r, char *buf, size_t size, double v)
{
	int decimals = fabs(v - round(v)) < 1e-9 ? 0 : 2;
	return itakit_format_number(buf, size, v, decimals, r->o.digits, false);
}

char *itakit__report_localize(const report *r, const char *text)
{
	if (r->o.digits == ITAKIT_DIGITS_THAI)
		return itakit_text_localize_digits(text, ITAKIT_DIGITS_THAI);
	char *s = strdup(text);
	if (s)
		itakit_text_arabic_digits(s);
	return s;
}

/* The document layer numbers the headings ("๒.", "๒.๑"). */
int itakit__report_section(report *r, const char *title)
{
	return itakit__document_heading(r->doc, 1, title);
}

int itakit__report_subsection(report *r, const char *title)
{
	return itakit__document_heading(r->doc, 2, title);
}

int itakit__report_paragraph(report *r, const char *text)
{
	if (!text || !*text)
		return 0;
	itakit_paragraph_style st = ITAKIT_PARAGRAPH_STYLE_INIT;
	/* Thai official documents indent the first line of a paragraph. */
	st.first_indent = ITAKIT_CM(1.25);
	return itakit__document_paragraph(r->doc, text, &st);
}

int itakit__report_table(report *r, const itakit_table_column *cols, size_t n, const char *caption,
		 double font_size)
{
	itakit_table_options t = {cols, n, caption, font_size};
	return itakit__document_table(r->doc, &t);
}

void itakit__report_indicator_list(const report *r, itakit_strbuf *b, const int *codes, size_t n)
{
	char c[32], z[32];
	/* runs of three or more consecutive codes shrink to "๑–๕": a narrow
	 * table cell keeps the list on one line */
	size_t items = 0;
	for (size_t i = 0; i < n; items++) {
		size_t j = i;
		while (j + 1 < n && codes[j + 1] == codes[j] + 1)
			j++;
		i = j - i >= 2 ? j + 1 : i + 1;
	}
	if (r->th)
		itakit_strbuf_append(b, "ตัวชี้วัดที่ ");
	else
		itakit_strbuf_append(b, n > 1 ? "indicators " : "indicator ");
	size_t k = 0;
	for (size_t i = 0; i < n; k++) {
		if (k)
			itakit_strbuf_append(b, k == items - 1 ? itakit__narrative_and(r->o.lang, "1") : ", ");
		size_t j = i;
		while (j + 1 < n && codes[j + 1] == codes[j] + 1)
			j++;
		if (j - i >= 2) {
			itakit_strbuf_appendf(b, "%s–%s", itakit__report_int(r, c, sizeof c, codes[i]),
					      itakit__report_int(r, z, sizeof z, codes[j]));
			i = j + 1;
		} else {
			itakit_strbuf_append(b, itakit__report_int(r, c, sizeof c, codes[i]));
			i++;
		}
	}
}

void itakit__report_indicator_name(const report *r, itakit_strbuf *b, int code)
{
	const char *name = itakit_narrative_indicator_name(&r->n, code);
	size_t at = b->len;
	itakit_strbuf_append(b, name);
	/* the framework's English names are lower case, made for sentences */
	if (!r->th && itakit_strbuf_ok(b) && b->len > at)
		b->data[at] = (char)toupper((unsigned char)b->data[at]);
}

/* ---- title block -------------------------------------------------------- */

static int centered(report *r, const char *text, double size, bool bold, double space_after)
{
	itakit_paragraph_style st = ITAKIT_PARAGRAPH_STYLE_INIT;
	st.align = ITAKIT_ALIGN_CENTER;
	st.justify = false;
	st.size = size;
	st.bold = bold;
	st.keep_with_next = true;
	st.space_after = space_after;
	return itakit__document_paragraph(r->doc, text, &st);
}

static int title_block(report *r)
{
	const itakit_profile *p = r->o.profile;
	char y[32], py[32], date[128];
	itakit__report_year(r, y, sizeof y, r->year);
	itakit__report_year(r, py, sizeof py, r->plan_year);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	int rc = 0;

	rc = itakit__report_emblem(r);
	if (!rc) {
		itakit_strbuf_appendf(&b, r->th ? "มาตรการส่งเสริมคุณธรรมและความโปร่งใส\nของ%s"
						: "Integrity and Transparency Measures\nof %s", r->agency);
		rc = centered(r, b.data, TITLE_SIZE, true, 2);
	}
	if (!rc) {
		b.len = 0;
		itakit_strbuf_appendf(&b, r->th ? "ประจำปีงบประมาณ พ.ศ. %s" : "Fiscal year %s", py);
		rc = centered(r, b.data, SUBTITLE_SIZE, true, 6);
	}
	if (!rc) {
		b.len = 0;
		itakit_strbuf_appendf(&b, r->th ? "จัดทำจากผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน\n"
						  "ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. %s"
						: "Drawn up from the results of the Integrity and Transparency\n"
						  "Assessment (ITA) of fiscal year %s", y);
		if (!r->agency_is_unit)
			itakit_strbuf_appendf(&b, r->th ? " ของ%s" : " of %s", r->ua->unit->name);
		rc = centered(r, b.data, 0, false, 4);
	}
	const char *author = PTEXT(r, author);
	if (!rc && p && (author || p->date_set)) {
		b.len = 0;
		if (author)
			itakit_strbuf_appendf(&b, r->th ? "จัดทำโดย %s" : "Prepared by %s", author);
		if (p->date_set) {
			itakit_profile_format_date(date, sizeof date, p, r->o.lang, r->o.digits);
			itakit_strbuf_appendf(&b, "%s%s", author ? "\n" : "", date);
		}
		rc = centered(r, b.data, 0, false, 0);
	}
	if (!rc && !itakit_strbuf_ok(&b))
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	itakit_strbuf_release(&b);
	if (!rc)
		rc = itakit__document_spacer(r->doc, 14);
	return rc;
}

/* ---- section ๑: background ---------------------------------------------- */

static int background(report *r)
{
	TRY(itakit__report_section(r, report_tr(r, "ความเป็นมา", "Background")));
	char t[48], k[32], w[32], y[32], py[32];
	itakit__report_line_value(r, t, sizeof t, r->ya->pass_line); /* official, not --threshold */
	itakit__report_year(r, y, sizeof y, r->year);
	itakit__report_year(r, py, sizeof py, r->plan_year);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	int rc;

	itakit_strbuf_append(&b, r->th ?
		"สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
		"จัดให้มีการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
		"(Integrity and Transparency Assessment: ITA) เป็นประจำทุกปีงบประมาณ "
		"กับหน่วยงานของรัฐทั่วประเทศ เพื่อให้แต่ละหน่วยงานได้เห็นสถานะของตนในด้านคุณธรรมและความโปร่งใส "
		"แล้วนำผลไปปรับปรุงวิธีทำงานให้ลดโอกาสที่จะเกิดการทุจริตและประพฤติมิชอบ" :
		"Every fiscal year the Office of the National Anti-Corruption Commission (NACC) "
		"runs the Integrity and Transparency Assessment (ITA) of public agencies across "
		"Thailand, so that each agency can see where it stands on integrity and "
		"transparency and use the result to change the way it works and leave less room "
		"for corruption and misconduct.");
	rc = itakit__report_paragraph(r, b.data);

	/* the tools and the pass line come from the framework in force */
	if (!rc) {
		b.len = 0;
		itakit_strbuf_appendf(&b, r->th ? "การประเมินใช้เครื่องมือ %s ชุด ได้แก่ " : "The assessment uses %s tools: ",
				      itakit__report_int(r, k, sizeof k, (long)r->era->n_tools));
		for (size_t i = 0; i < r->era->n_tools; i++) {
			const itakit_tool_def *tool = &r->era->tools[i];
			if (i)
				itakit_strbuf_append(&b, i == r->era->n_tools - 1 ? itakit__narrative_and(r->o.lang, r->th ? tool->name_th : "the")
										  : report_tr(r, " ", ", "));
			itakit_format_number(w, sizeof w, tool->weight, 0, r->o.digits, false);
			itakit_strbuf_appendf(&b, r->th ? "%s (%s) น้ำหนักร้อยละ %s" : "the %s (%s, weight %s%%)",
					      r->th ? tool->name_th : tool->name_en, tool->code, w);
		}
		itakit_strbuf_appendf(&b, r->th ?
			" รวม %s ตัวชี้วัด คะแนนของแต่ละเครื่องมือคือค่าเฉลี่ยของตัวชี้วัดในเครื่องมือนั้น "
			"และคะแนนภาพรวมคือผลรวมถ่วงน้ำหนักของคะแนนทุกเครื่องมือ "
			"หน่วยงานที่ได้คะแนนภาพรวมตั้งแต่ %s คะแนนขึ้นไปถือว่าผ่านเกณฑ์การประเมิน" :
			", %s indicators in all. A tool's score is the mean of its indicators and the "
			"overall score is the weighted sum of the tool scores; an agency with an overall "
			"score of %s or more passes the assessment.",
			itakit__report_int(r, k, sizeof k, (long)r->era->n_indicators), t);
		rc = itakit__report_paragraph(r, b.data);
	}
	if (!rc) {
		b.len = 0;
		itakit_strbuf_append(&b, r->th ?
			"นอกจากรับการประเมินแล้ว หน่วยงานทุกแห่งต้องวิเคราะห์ผลการประเมินของตนเอง "
			"กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน และเผยแพร่มาตรการนั้นต่อสาธารณะ "
			"(ข้อ O42 ของแบบตรวจการเปิดเผยข้อมูลสาธารณะ) จากนั้นต้องติดตามและรายงานผลการดำเนินการตามมาตรการ (ข้อ O43)" :
			"Beyond being assessed, every agency must analyse its own result, set measures to "
			"promote integrity and transparency within the agency and publish them (item O42 of "
			"the open-data disclosure check), then follow up and report how the measures were "
			"carried out (item O43).");
		rc = itakit__report_paragraph(r, b.data);
	}
	if (!rc) {
		b.len = 0;
		const char *unit = r->ua->unit->name;
		bool same = r->agency_is_unit;
		if (r->th) {
			if (same)
				itakit_strbuf_appendf(&b, "%sจึงจัดทำเอกสารฉบับนี้จากผลการประเมินประจำปีงบประมาณ พ.ศ. %s", unit, y);
			else
				itakit_strbuf_appendf(&b, "%sจึงจัดทำเอกสารฉบับนี้จากผลการประเมินของ%s ประจำปีงบประมาณ พ.ศ. %s",
						      r->agency, unit, y);
			char n2[16], n6[16], n12[16], d30[16], d31[16];
			itakit_strbuf_appendf(&b, " เพื่อสรุปผลการประเมิน ชี้ประเด็นที่ยังต้องพัฒนา "
					      "และกำหนดมาตรการที่จะดำเนินการในปีงบประมาณ พ.ศ. %s พร้อมผู้รับผิดชอบและขั้นตอนการปฏิบัติ "
					      "โดยจะรายงานความก้าวหน้าของมาตรการปีละ %s รอบ คือ รอบ %s เดือน ภายในวันที่ %s เมษายน %s "
					      "และรอบ %s เดือน ภายในวันที่ %s ตุลาคม %s", py,
					      itakit__report_int(r, n2, sizeof n2, 2), itakit__report_int(r, n6, sizeof n6, 6),
					      itakit__report_int(r, d30, sizeof d30, 30), py, itakit__report_int(r, n12, sizeof n12, 12),
					      itakit__report_int(r, d31, sizeof d31, 31), py);
		} else {
			if (same)
				itakit_strbuf_appendf(&b, "%s therefore drew up this document from its result of fiscal year %s", unit, y);
			else
				itakit_strbuf_appendf(&b, "%s therefore drew up this document from the result of %s in fiscal year %s",
						      r->agency, unit, y);
			itakit_strbuf_appendf(&b, ": it sums up the assessment, points out what still needs work, and sets "
					      "the measures to be carried out in fiscal year %s with who is responsible and the "
					      "steps to take. Progress is reported twice: the 6-month round by 30 April %s and "
					      "the 12-month round by 31 October %s.", py, py, py);
		}
		rc = itakit__report_paragraph(r, b.data);
	}
	if (!rc && !itakit_strbuf_ok(&b))
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	itakit_strbuf_release(&b);
	return rc;
}

/* ---- section ๔: constraints ---------------------------------------------- */

static int constraints(report *r)
{
	const char *given = PTEXT(r, constraints);
	if (!given || !*given)
		return 0;
	TRY(itakit__report_section(r, report_tr(r, "ข้อจำกัด", "Constraints")));
	char *text = itakit__report_localize(r, given);
	if (!text)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	int rc = 0;
	/* the profile separates paragraphs with '\n' */
	for (char *s = text, *e; !rc && s && *s; s = e ? e + 1 : NULL) {
		e = strchr(s, '\n');
		if (e)
			*e = '\0';
		rc = itakit__report_paragraph(r, s);
	}
	free(text);
	return rc;
}

/* ---- the write ------------------------------------------------------------ */

/* The threshold the analysis flagged against, as it records it. */
static double analysis_threshold(const itakit_year_analysis *ya)
{
	return ya->threshold;
}

/* Who the document is of (itakit__agency_name); in the English edition of
 * the unit's own document the English name names the unit throughout
 * (narrative, charts, metadata). */
static void name_document(report *r)
{
	itakit__agency_names names;
	itakit__agency_name(&names, r->o.profile, r->ua->unit->name, r->o.data_units, r->th);
	r->agency = names.agency;
	r->agency_is_unit = names.agency_is_unit;
	if (names.unit != r->ua->unit->name) {
		r->unit_named = *r->ua->unit;
		r->unit_named.name = (char *)names.unit;
		r->ua_named = *r->ua;
		r->ua_named.unit = &r->unit_named;
		r->ua = &r->ua_named;
	}
}

static int resolve(report *r, const itakit_report_options *opts)
{
	const itakit_year_analysis *ya = r->ya;
	double th = analysis_threshold(ya);
	if (opts->threshold >= 0 && th >= 0 && fabs(opts->threshold - th) > 0.005)
		return itakit_error_set(ITAKIT_EUSAGE, "report threshold %.2f differs from the analysis's %.2f: "
					"analyse with the same threshold", opts->threshold, th);
	r->o.threshold = opts->threshold >= 0 ? opts->threshold : th >= 0 ? th : r->fw->threshold;
	if (opts->target >= 0 && ya->target > 0 && fabs(opts->target - ya->target) > 0.005)
		return itakit_error_set(ITAKIT_EUSAGE, "report target %.2f differs from the analysis's %.2f: "
					"analyse with the same target", opts->target, ya->target);
	r->o.target = opts->target >= 0 ? opts->target : ya->target > 0 ? ya->target : r->o.threshold;
	if (!r->o.font)
		r->o.font = r->o.profile && r->o.profile->font ? r->o.profile->font : ITAKIT_DEFAULT_FONT;
	r->th = r->o.lang == ITAKIT_LANG_TH;
	name_document(r);
	r->era = ya->era ? ya->era : itakit_framework_era_nearest(r->fw, ya->year);
	if (!r->era)
		return itakit_error_set(ITAKIT_EUSAGE, "no framework era for fiscal year %d", ya->year);
	r->prev = ya->previous_year ? itakit_unit_analysis_year(r->ua, ya->previous_year) : NULL;
	r->year = ya->year;
	r->plan_year = ya->year + 1;
	itakit_narrative_options no = ITAKIT_NARRATIVE_OPTIONS_INIT;
	no.lang = r->o.lang;
	no.digits = r->o.digits;
	no.threshold = r->o.threshold;
	no.target = r->o.target;
	itakit_narrative_init(&r->n, r->fw, r->ua, ya, &no);
	return 0;
}

static int new_document(report *r)
{
	char y[32], py[32];
	itakit__report_year(r, y, sizeof y, r->year);
	itakit__report_year(r, py, sizeof py, r->plan_year);
	itakit_strbuf title = ITAKIT_STRBUF_INIT, header = ITAKIT_STRBUF_INIT,
		      subject = ITAKIT_STRBUF_INIT, keywords = ITAKIT_STRBUF_INIT;
	itakit_strbuf_appendf(&title, r->th ? "มาตรการส่งเสริมคุณธรรมและความโปร่งใสของ%s ประจำปีงบประมาณ พ.ศ. %s"
					    : "Integrity and Transparency Measures of %s, fiscal year %s", r->agency, py);
	/* without the agency: a long name would wrap the header onto two lines */
	itakit_strbuf_appendf(&header, r->th ? "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. %s"
					     : "Integrity and Transparency Measures, fiscal year %s", py);
	itakit_strbuf_appendf(&subject, r->th ? "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. %s ของ%s และมาตรการที่จะดำเนินการ"
					      : "ITA results of %s for fiscal year %s and the measures that follow",
			      r->th ? y : r->ua->unit->name, r->th ? r->ua->unit->name : y);
	itakit_strbuf_appendf(&keywords, "ITA, %s, %s, %s, %d",
			      report_tr(r, "คุณธรรมและความโปร่งใส", "integrity and transparency"),
			      report_tr(r, "มาตรการ", "measures"), r->ua->unit->name, r->th ? r->year : r->year - 543);
	int rc = 0;
	if (!itakit_strbuf_ok(&title) || !itakit_strbuf_ok(&header) || !itakit_strbuf_ok(&subject) ||
	    !itakit_strbuf_ok(&keywords))
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	if (!rc) {
		itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
		o.font_family = r->o.font;
		o.digits = r->o.digits;
		o.lang = r->o.lang;
		o.title = title.data;
		o.author = PTEXT(r, author) ? PTEXT(r, author) : r->agency;
		o.subject = subject.data;
		o.keywords = keywords.data;
		o.running_header = header.data;
		o.running_header_on_first_page = false;
		rc = itakit__document_new(&r->doc, &o);
	}
	/* the unit's and the agency's names are never broken across lines */
	if (!rc)
		rc = itakit__document_keep_together(r->doc, r->ua->unit->name);
	if (!rc)
		rc = itakit__document_keep_together(r->doc, r->agency);
	itakit_strbuf_release(&title);
	itakit_strbuf_release(&header);
	itakit_strbuf_release(&subject);
	itakit_strbuf_release(&keywords);
	return rc;
}

int itakit_report_write(itakit_report_result *out, const char *path,
			const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			const itakit_report_options *opts)
{
	itakit_report_options def = ITAKIT_REPORT_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (out)
		memset(out, 0, sizeof *out);
	if (!path || !fw || !ua || !ua->unit)
		return itakit_error_set(ITAKIT_EUSAGE, "report: missing output path, framework or analysis");
	const itakit_year_analysis *ya = itakit_unit_analysis_year(ua, year);
	if (!ya)
		return itakit_error_set(ITAKIT_ENOTFOUND, "%s has no data for fiscal year %d", ua->unit->name, year);

	report r;
	memset(&r, 0, sizeof r);
	r.fw = fw;
	r.ua = ua;
	r.ya = ya;
	r.o = *opts;
	r.result = out;
	int rc = resolve(&r, opts);
	if (rc)
		return rc;

	itakit_measures builtin;
	itakit_measures_init(&builtin);
	r.measures = opts->measures;
	if (!r.measures) {
		/* the built-in catalog is known good: its diagnostics are dropped */
		itakit_diag_list diags;
		itakit_diag_list_init(&diags);
		rc = itakit_measures_load(&builtin, NULL, (int)r.era->n_indicators, &diags);
		itakit_diag_list_release(&diags);
		r.measures = &builtin;
	}
	if (!rc)
		rc = new_document(&r);
	if (!rc)
		rc = title_block(&r);
	if (!rc)
		rc = background(&r);
	if (!rc)
		rc = itakit__report_results(&r);
	if (!rc)
		rc = itakit__report_measures_section(&r);
	if (!rc)
		rc = constraints(&r);
	if (!rc)
		rc = itakit__report_approval(&r);
	int pages = 0;
	if (!rc)
		rc = itakit__document_write(r.doc, path, &pages);
	if (!rc && out)
		out->pages = pages;
	itakit__document_free(r.doc);
	itakit__report_official_release(&r);
	itakit_measures_release(&builtin);
	return rc;
}
