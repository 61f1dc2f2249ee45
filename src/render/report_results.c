/* Section ๒ of the measure report: the results of the assessment year in
 * sentences (the narrative, shared with `analyze`), charts and tables, then
 * what moved the score and where effort pays most. */
#include "render/report_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

/* Figure heights in points: the width is the text width (about 16 cm). */
#define FIG_OVERALL_H 215.0
#define FIG_TOOLS_H 225.0
#define FIG_INDICATORS_H 270.0
#define FIG_DELTA_H 250.0
#define TABLE_FONT 14.0

static int oom(void)
{
	return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
}

/* Adds the paragraph b holds (if any) and empties b. */
static int flush(report *r, itakit_strbuf *b)
{
	if (!itakit_strbuf_ok(b))
		return oom();
	int rc = b->len ? itakit__report_paragraph(r, b->data) : 0;
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	return rc;
}

/* ---- figures ----------------------------------------------------------- */

static int draw_figure(cairo_t *cr, double width, double height, void *user)
{
	const report_figure *f = user;
	return itakit_chart_draw(cr, width, height, f->kind, &f->data, &f->opts);
}

static int figure(report *r, itakit_chart_kind kind, double height, const char *caption)
{
	if (r->n_figures == REPORT_MAX_FIGURES)
		return itakit_error_set(ITAKIT_ERROR, "report: too many figures");
	report_figure *f = &r->figures[r->n_figures++];
	itakit_chart_options co = ITAKIT_CHART_OPTIONS_INIT;
	co.lang = r->o.lang;
	co.digits = r->o.digits;
	co.font = r->o.font;
	co.threshold = r->o.threshold;
	co.year = r->year;
	co.no_title = true; /* the caption below says what it shows */
	f->kind = kind;
	f->opts = co;
	memset(&f->data, 0, sizeof f->data);
	f->data.fw = r->fw;
	f->data.unit = r->ua;
	if (kind == ITAKIT_CHART_OVERALL) {
		f->data.reference = r->o.reference;
		f->data.reference_label = r->o.reference_label;
	}
	return itakit__document_figure(r->doc, 0, height, draw_figure, f, caption);
}

static size_t years_with_overall(const itakit_unit_analysis *ua, int up_to)
{
	size_t n = 0;
	for (size_t i = 0; i < ua->n_years; i++)
		n += ua->years[i].year <= up_to && ua->years[i].overall.known;
	return n;
}

/* The first year the tools chart shows: as the chart picks them, the last
 * max_years (4) years up to the report's year having a tool or overall score. */
static int tools_first_year(const report *r)
{
	int first = r->year, n = 0;
	for (size_t i = r->ua->n_years; i-- > 0 && n < 4;) {
		const itakit_year_analysis *y = &r->ua->years[i];
		if (y->year > r->year)
			continue;
		bool any = y->overall.known;
		for (size_t t = 0; t < ITAKIT_MAX_TOOLS; t++)
			any = any || y->tool[t].known;
		if (any) {
			first = y->year;
			n++;
		}
	}
	return first;
}

static void year_range(const report *r, itakit_strbuf *b, int from, int to)
{
	char a[32], z[32];
	itakit__report_year(r, a, sizeof a, from);
	itakit__report_year(r, z, sizeof z, to);
	if (from == to)
		itakit_strbuf_appendf(b, r->th ? "พ.ศ. %s" : "fiscal year %s", a);
	else
		itakit_strbuf_appendf(b, r->th ? "พ.ศ. %s–%s" : "fiscal years %s–%s", a, z);
}

/* ---- ๒.๑ overall -------------------------------------------------------- */

static int overall_part(report *r, itakit_strbuf *b)
{
	TRY(itakit__report_subsection(r, report_tr(r, "ผลการประเมินภาพรวม", "Overall result")));
	itakit_narrative_overall(b, &r->n);
	itakit_strbuf change = ITAKIT_STRBUF_INIT;
	itakit_narrative_change(&change, &r->n);
	if (change.len)
		itakit_strbuf_appendf(b, " %s", change.data); /* Thai: no full stop between */
	bool ok = itakit_strbuf_ok(&change);
	itakit_strbuf_release(&change);
	if (!ok)
		return oom();
	TRY(flush(r, b));
	itakit_narrative_tools(b, &r->n);
	TRY(flush(r, b));
	/* a trend needs three years or more (the fit says when it has one) */
	if (r->ua->trend_overall.fit.ok)
		itakit_narrative_trend(b, &r->n);
	TRY(flush(r, b));

	if (years_with_overall(r->ua, r->year) >= 2) {
		itakit_strbuf_append(b, report_tr(r, "คะแนนภาพรวม ", "Overall score, "));
		year_range(r, b, r->ua->years[0].year, r->year);
		if (r->o.reference) {
			const char *label = r->o.reference_label ? r->o.reference_label : r->o.reference->unit->name;
			itakit_strbuf_appendf(b, r->th ? " เทียบกับ%s" : ", against the %s", label);
		}
		if (!itakit_strbuf_ok(b))
			return oom();
		TRY(figure(r, ITAKIT_CHART_OVERALL, FIG_OVERALL_H, b->data));
		b->len = 0;
	}
	bool tools = false;
	for (size_t t = 0; t < r->era->n_tools; t++)
		tools = tools || r->ya->tool[t].known;
	if (tools) {
		itakit_strbuf_append(b, report_tr(r, "คะแนนรายเครื่องมือและภาพรวม ", "Scores by tool and overall, "));
		year_range(r, b, tools_first_year(r), r->year);
		if (!itakit_strbuf_ok(b))
			return oom();
		TRY(figure(r, ITAKIT_CHART_TOOLS, FIG_TOOLS_H, b->data));
		b->len = 0;
	}
	return 0;
}

/* ---- ๒.๒ indicators ----------------------------------------------------- */

static void score_cell(const report *r, char *buf, size_t size, const itakit_score *s)
{
	if (s->known)
		itakit__report_score(r, buf, size, s->value);
	else
		snprintf(buf, size, "–");
}

static bool is_flagged(const itakit_year_analysis *ya, int code)
{
	for (size_t i = 0; i < ya->n_flagged; i++)
		if (ya->flagged[i] == code)
			return true;
	return false;
}

static int indicator_table(report *r, itakit_strbuf *b)
{
	const itakit_year_analysis *ya = r->ya;
	char y[32];
	itakit__report_year(r, y, sizeof y, r->year);
	itakit_table_column cols[] = {
		{report_tr(r, "ตัวชี้วัดที่", "No."), 1.5, ITAKIT_ALIGN_CENTER},
		{report_tr(r, "รายละเอียดตัวชี้วัด", "Indicator"), 6.3, ITAKIT_ALIGN_LEFT},
		{report_tr(r, "คะแนน", "Score"), 1.3, ITAKIT_ALIGN_RIGHT},
	};
	itakit_strbuf_appendf(b, r->th ? "คะแนนรายตัวชี้วัด รายเครื่องมือ และภาพรวม พ.ศ. %s"
				       : "Scores by indicator, by tool and overall, fiscal year %s", y);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(itakit__report_table(r, cols, 3, b->data, TABLE_FONT));
	b->len = 0;

	int rc = 0;
	/* each tool's row (grey) heads its indicators */
	for (size_t tool = 0; tool < r->era->n_tools && !rc; tool++) {
		const itakit_tool_def *td = &r->era->tools[tool];
		char s[48], c[32];
		/* the weights are in the background text; here they would wrap the row */
		itakit_strbuf_append(b, r->th ? td->name_th : td->name_en);
		if (!r->th && itakit_strbuf_ok(b) && b->data[0] >= 'a' && b->data[0] <= 'z')
			b->data[0] = (char)(b->data[0] - 'a' + 'A');
		score_cell(r, s, sizeof s, &ya->tool[tool]);
		const char *tool_row[] = {td->code, b->data, s};
		rc = itakit_strbuf_ok(b) ? itakit__document_table_row(r->doc, ITAKIT_ROW_TOTAL, tool_row) : oom();
		b->len = 0;
		for (size_t i = 0; i < r->era->n_indicators && !rc; i++) {
			const itakit_indicator_def *ind = &r->era->indicators[i];
			if ((size_t)ind->tool != tool)
				continue;
			bool flagged = is_flagged(ya, ind->code);
			itakit__report_indicator_name(r, b, ind->code);
			/* a word, not only a tint, so the mark survives grayscale printing */
			if (flagged)
				itakit_strbuf_append(b, report_tr(r, " (ต่ำกว่าเกณฑ์)", " (below the threshold)"));
			score_cell(r, s, sizeof s, &ya->indicator[ind->code - 1]);
			itakit__report_int(r, c, sizeof c, ind->code);
			const char *row[] = {c, b->data, s};
			rc = itakit_strbuf_ok(b) ? itakit__document_table_row(r->doc,
				flagged ? ITAKIT_ROW_BOLD | ITAKIT_ROW_TINT : 0, row) : oom();
			b->len = 0;
		}
	}
	if (rc)
		return rc;
	char s[48];
	const char *level = itakit_level_name(ya, !r->th);
	itakit_strbuf_append(b, report_tr(r, "คะแนนภาพรวม", "Overall score"));
	if (ya->overall.known) {
		bool verdict = itakit_level_is_verdict(ya); /* "ผ่าน" says pass itself */
		if (*level)
			itakit_strbuf_appendf(b, r->th ? verdict ? " ระดับ “%s”" : " ระดับ %s" : ", level %s", level);
		if (!verdict)
			itakit_strbuf_append(b, ya->pass ? report_tr(r, " (ผ่านเกณฑ์)", " (pass)")
							 : report_tr(r, " (ไม่ผ่านเกณฑ์)", " (fail)"));
	}
	score_cell(r, s, sizeof s, &ya->overall);
	const char *total[] = {"", b->data, s};
	rc = itakit_strbuf_ok(b) ? itakit__document_table_row(r->doc, ITAKIT_ROW_TOTAL, total) : oom();
	b->len = 0;
	return rc;
}

static int indicators_part(report *r, itakit_strbuf *b)
{
	const itakit_year_analysis *ya = r->ya;
	TRY(itakit__report_subsection(r, report_tr(r, "ผลการประเมินรายตัวชี้วัด", "Result by indicator")));
	if (ya->n_indicators_known == 0) {
		/* nothing to tabulate or draw: the narrative says so */
		itakit_narrative_flagged(b, &r->n);
		return flush(r, b);
	}
	TRY(indicator_table(r, b));
	itakit_narrative_flagged(b, &r->n);
	TRY(flush(r, b));

	char t[48], y[32], py[32];
	itakit__report_line_value(r, t, sizeof t, r->o.threshold);
	itakit__report_year(r, y, sizeof y, r->year);
	itakit_strbuf_appendf(b, r->th ? "คะแนนรายตัวชี้วัด พ.ศ. %s เทียบกับเกณฑ์ %s คะแนน"
				       : "Scores by indicator, fiscal year %s, against the threshold of %s", y, t);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(figure(r, ITAKIT_CHART_INDICATORS, FIG_INDICATORS_H, b->data));
	b->len = 0;

	if (r->prev && r->prev->n_indicators_known > 0) {
		itakit__report_year(r, py, sizeof py, r->prev->year);
		itakit_strbuf_appendf(b, r->th ? "การเปลี่ยนแปลงของคะแนนรายตัวชี้วัด พ.ศ. %s เทียบกับ พ.ศ. %s"
					       : "Change of each indicator, fiscal year %s against %s", y, py);
		if (!itakit_strbuf_ok(b))
			return oom();
		TRY(figure(r, ITAKIT_CHART_DELTA, FIG_DELTA_H, b->data));
		b->len = 0;
	}
	return 0;
}

/* ---- ๒.๓ what moved the score, where effort pays ---------------- */

static int contributions_table(report *r, itakit_strbuf *b)
{
	const itakit_year_analysis *ya = r->ya, *prev = r->prev;
	char y[32], py[32];
	itakit__report_year(r, y, sizeof y, r->year);
	itakit__report_year(r, py, sizeof py, prev->year);
	char h1[64], h2[64];
	snprintf(h1, sizeof h1, r->th ? "พ.ศ. %s" : "%s", py);
	snprintf(h2, sizeof h2, r->th ? "พ.ศ. %s" : "%s", y);
	itakit_table_column cols[] = {
		/* two-line titles broken between words, as the year columns are */
		{report_tr(r, "ตัวชี้วัด", "Indicator"), 4.4, ITAKIT_ALIGN_LEFT},
		{h1, 1.3, ITAKIT_ALIGN_RIGHT},
		{h2, 1.3, ITAKIT_ALIGN_RIGHT},
		{report_tr(r, "เปลี่ยนแปลง", "Change"), 1.4, ITAKIT_ALIGN_RIGHT},
		{report_tr(r, "ผลต่อ\nภาพรวม", "Effect on\noverall"), 1.5, ITAKIT_ALIGN_RIGHT},
	};
	itakit_strbuf_appendf(b, r->th ? "ผลของการเปลี่ยนแปลงรายตัวชี้วัดต่อคะแนนภาพรวม พ.ศ. %s เทียบกับ พ.ศ. %s"
				       : "Effect of each indicator's change on the overall score, %s against %s", y, py);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(itakit__report_table(r, cols, 5, b->data, TABLE_FONT));
	b->len = 0;
	int rc = 0;
	for (size_t i = 0; i < ya->n_drivers && !rc; i++) {
		int code = ya->drivers[i];
		char c[32], a[48], z[48], d[48], e[48];
		itakit_strbuf_appendf(b, "%s ", itakit__report_int(r, c, sizeof c, code));
		itakit__report_indicator_name(r, b, code);
		itakit__report_score(r, a, sizeof a, prev->indicator[code - 1].value);
		itakit__report_score(r, z, sizeof z, ya->indicator[code - 1].value);
		itakit_format_number(d, sizeof d, ya->indicator[code - 1].delta, 2, r->o.digits, true);
		itakit_format_number(e, sizeof e, ya->contribution[code - 1], 2, r->o.digits, true);
		const char *row[] = {b->data, a, z, d, e};
		rc = itakit_strbuf_ok(b) ? itakit__document_table_row(r->doc, 0, row) : oom();
		b->len = 0;
	}
	if (rc)
		return rc;
	char a[48], z[48], d[48];
	itakit__report_score(r, a, sizeof a, prev->overall.value);
	itakit__report_score(r, z, sizeof z, ya->overall.value);
	itakit_format_number(d, sizeof d, ya->overall.delta, 2, r->o.digits, true);
	const char *total[] = {report_tr(r, "คะแนนภาพรวม", "Overall score"), a, z, d, d};
	return itakit__document_table_row(r->doc, ITAKIT_ROW_TOTAL, total);
}

static int single_table(report *r, itakit_strbuf *b)
{
	const itakit_year_analysis *ya = r->ya;
	char t[48], hundred[32], h3[96], h4[96];
	itakit__report_line_value(r, t, sizeof t, r->o.threshold);
	itakit__report_line_value(r, hundred, sizeof hundred, 100);
	snprintf(h3, sizeof h3, r->th ? "ถึง %s" : "To %s", t);
	snprintf(h4, sizeof h4, r->th ? "ถึง %s" : "To %s", hundred);
	itakit_table_column cols[] = {
		{report_tr(r, "ตัวชี้วัด", "Indicator"), 4.8, ITAKIT_ALIGN_LEFT},
		{report_tr(r, "คะแนน", "Score"), 1.3, ITAKIT_ALIGN_RIGHT},
		{report_tr(r, "น้ำหนัก", "Weight"), 1.3, ITAKIT_ALIGN_RIGHT},
		{h3, 1.4, ITAKIT_ALIGN_RIGHT},
		{h4, 1.4, ITAKIT_ALIGN_RIGHT},
	};
	/* the caption says what the short column titles mean */
	itakit_strbuf_appendf(b, r->th ? "คะแนนภาพรวมที่เพิ่มขึ้นหากยกตัวชี้วัดเดียวขึ้นถึง %s หรือ %s คะแนน "
				       "(น้ำหนัก: ร้อยละของคะแนนภาพรวม)" :
				       "Gain in the overall score from raising one indicator to %s or to %s "
				       "(weight: percent of the overall score)", t, hundred);
	if (!itakit_strbuf_ok(b))
		return oom();
	TRY(itakit__report_table(r, cols, 5, b->data, TABLE_FONT));
	b->len = 0;
	int rc = 0;
	for (size_t i = 0; i < ya->n_flagged && !rc; i++) {
		int code = ya->flagged[i];
		char c[32], s[48], w[48], g1[48], g2[48];
		itakit_strbuf_appendf(b, "%s ", itakit__report_int(r, c, sizeof c, code));
		itakit__report_indicator_name(r, b, code);
		itakit__report_score(r, s, sizeof s, ya->indicator[code - 1].value);
		itakit_format_number(w, sizeof w, itakit_framework_indicator_weight(r->era, code), 0, r->o.digits, false);
		itakit_format_number(g1, sizeof g1, ya->single_to_threshold[code - 1], 2, r->o.digits, true);
		itakit_format_number(g2, sizeof g2, ya->single_to_100[code - 1], 2, r->o.digits, true);
		const char *row[] = {b->data, s, w, g1, g2};
		rc = itakit_strbuf_ok(b) ? itakit__document_table_row(r->doc, 0, row) : oom();
		b->len = 0;
	}
	return rc;
}

static int effort_part(report *r, itakit_strbuf *b)
{
	const itakit_year_analysis *ya = r->ya;
	itakit_narrative_drivers(b, &r->n);
	bool drivers = b->len > 0;
	bool plan = ya->overall.known && ya->has_plan;
	if (!drivers && !plan)
		return 0;
	TRY(itakit__report_subsection(r, report_tr(r, "ปัจจัยที่ทำให้คะแนนเปลี่ยนแปลงและจุดที่ควรเร่งพัฒนา",
					   "What moved the score and where effort pays most")));
	TRY(flush(r, b));
	if (ya->has_contributions && r->prev && ya->n_drivers > 0)
		TRY(contributions_table(r, b));
	itakit_narrative_priorities(b, &r->n);
	TRY(flush(r, b));
	if (ya->has_plan && ya->n_flagged > 0) {
		char t[48];
		itakit__report_line_value(r, t, sizeof t, r->o.threshold);
		itakit_strbuf_appendf(b, r->th ?
			"เมื่อพิจารณาทีละตัวชี้วัด ตัวชี้วัดที่มีน้ำหนักต่อคะแนนภาพรวมมากและยังห่างจากเกณฑ์มาก "
			"จะเพิ่มคะแนนภาพรวมได้มากที่สุดเมื่อยกระดับขึ้นถึง %s คะแนน ดังตารางถัดไป" :
			"Taken one at a time, the indicators that weigh most in the overall score and lie "
			"furthest below the threshold add the most when raised to %s, as the next table shows.", t);
		TRY(flush(r, b));
		TRY(single_table(r, b));
	}
	return 0;
}

int itakit__report_results(report *r)
{
	char y[32], title[256];
	itakit__report_year(r, y, sizeof y, r->year);
	snprintf(title, sizeof title, r->th ? "ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. %s"
					    : "Assessment results, fiscal year %s", y);
	TRY(itakit__report_section(r, title));
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	int rc = overall_part(r, &b);
	if (!rc)
		rc = indicators_part(r, &b);
	if (!rc)
		rc = effort_part(r, &b);
	itakit_strbuf_release(&b);
	return rc;
}
