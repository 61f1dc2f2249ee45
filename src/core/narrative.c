/* Generated sentences, Thai and English. Thai clauses are separated by a
 * space and sentences carry no final full stop, as in official Thai. */
#include "itakit/narrative.h"
#include "core/narrative_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TH(n) ((n)->opts.lang == ITAKIT_LANG_TH)

void itakit_narrative_init(itakit_narrative *n, const itakit_framework *fw,
			   const itakit_unit_analysis *ua, const itakit_year_analysis *ya,
			   const itakit_narrative_options *opts)
{
	itakit_narrative_options def = ITAKIT_NARRATIVE_OPTIONS_INIT;
	n->fw = fw;
	n->ua = ua;
	n->ya = ya;
	n->opts = opts ? *opts : def;
	if (n->opts.threshold < 0)
		n->opts.threshold = ya ? ya->threshold : fw->threshold;
	if (n->opts.target < 0)
		n->opts.target = ya && ya->target > 0 ? ya->target : n->opts.threshold;
}

const char *itakit_narrative_score(const itakit_narrative *n, char *buf, size_t size, double v)
{
	return itakit_format_number(buf, size, v, 2, n->opts.digits, false);
}

const char *itakit_narrative_format_line(char *buf, size_t size, double v, itakit_digits digits)
{
	int decimals = fabs(v - round(v)) < 1e-9 ? 0 : 2;
	return itakit_format_number(buf, size, v, decimals, digits, false);
}

static const char *line_value(const itakit_narrative *n, char *buf, size_t size, double v)
{
	return itakit_narrative_format_line(buf, size, v, n->opts.digits);
}

/* The flag line is named as such when it is not the pass line: the two are
 * different things that usually share a value. */
static void name_flag_line(itakit_strbuf *out, const itakit_narrative *n)
{
	if (n->ya && fabs(n->opts.threshold - n->ya->pass_line) > 1e-9)
		itakit_strbuf_append(out, TH(n) ? " (เส้นที่ใช้ระบุตัวชี้วัดที่ต้องพัฒนา)"
						: " (the line that marks indicators needing improvement)");
}

const char *itakit_narrative_year(const itakit_narrative *n, char *buf, size_t size, int year)
{
	/* English text counts years CE, as the English comparison does */
	return itakit_format_int(buf, size, n->opts.lang == ITAKIT_LANG_EN ? year - 543 : year, n->opts.digits);
}

const char *itakit_narrative_indicator_name(const itakit_narrative *n, int code)
{
	const itakit_framework_era *era = n->ya ? n->ya->era : NULL;
	if (!era || code < 1 || (size_t)code > era->n_indicators)
		return "";
	return TH(n) ? era->indicators[code - 1].name_th : era->indicators[code - 1].name_en;
}

static const char *tool_code(const itakit_narrative *n, size_t t)
{
	const itakit_framework_era *era = n->ya->era ? n->ya->era : itakit_framework_era_nearest(n->fw, n->ya->year);
	return era && t < era->n_tools ? era->tools[t].code : "";
}

static size_t tool_count(const itakit_narrative *n)
{
	const itakit_framework_era *era = n->ya->era ? n->ya->era : itakit_framework_era_nearest(n->fw, n->ya->year);
	return era ? era->n_tools : 0;
}

const char *itakit__narrative_and(itakit_lang lang, const char *next)
{
	if (lang != ITAKIT_LANG_TH)
		return " and ";
	uint32_t cp = 0;
	if (next && *next)
		itakit_utf8_decode(next, strlen(next), &cp);
	/* Thai letters and vowels, not the Thai digits from U+0E50 */
	return cp >= 0x0E01 && cp < 0x0E50 ? " และ" : " และ ";
}

/* Joins items: Thai "ก ข และค", English "a, b and c"; next is item i. */
static void list_sep_before(itakit_strbuf *out, const itakit_narrative *n, size_t i, size_t count,
			    const char *next)
{
	if (i == 0)
		return;
	if (i == count - 1)
		itakit_strbuf_append(out, itakit__narrative_and(n->opts.lang, next));
	else
		itakit_strbuf_append(out, TH(n) ? " " : ", ");
}

/* Indicator phrases ("ตัวชี้วัดที่ ...", "indicator 6, quality of
 * operations (82.88)"): English ones hold commas of their own, so three or
 * more are parted by semicolons ("A; B; and C"). */
static void list_sep(itakit_strbuf *out, const itakit_narrative *n, size_t i, size_t count)
{
	if (TH(n) || i == 0 || count < 3)
		list_sep_before(out, n, i, count, "ก");
	else
		itakit_strbuf_append(out, i == count - 1 ? "; and " : "; ");
}

void itakit_narrative_overall(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_year_analysis *ya = n->ya;
	char y[32], s[48], p[48], g[48];
	itakit_narrative_year(n, y, sizeof y, ya->year);
	line_value(n, p, sizeof p, ya->pass_line);
	const char *unit = n->ua->unit->name;
	if (!ya->overall.known) {
		itakit_strbuf_appendf(out, TH(n) ? "ไม่มีข้อมูลคะแนนภาพรวมของ%sในปีงบประมาณ พ.ศ. %s"
						 : "No overall score is available for %s in fiscal year %s.",
				      unit, y);
		return;
	}
	itakit_narrative_score(n, s, sizeof s, ya->overall.value);
	itakit_format_number(g, sizeof g, fabs(ya->gap), 2, n->opts.digits, false);
	const char *level = itakit_level_name(ya, !TH(n));
	/* a level of the pass family already says pass or not: the pass line
	 * is then only named, not judged a second time */
	bool letter = *level && !itakit_level_is_verdict(ya);
	if (TH(n)) {
		itakit_strbuf_appendf(out, "ในปีงบประมาณ พ.ศ. %s %sได้คะแนนการประเมินภาพรวม %s คะแนน", y, unit, s);
		if (*level && !letter) {
			itakit_strbuf_appendf(out, " อยู่ในระดับ “%s”", level);
			if (ya->pass)
				itakit_strbuf_appendf(out, " (เกณฑ์ผ่าน %s คะแนน)", p);
			else
				itakit_strbuf_appendf(out, " ยังไม่ถึงเกณฑ์ผ่าน %s คะแนน โดยขาดอีก %s คะแนน", p, g);
			if (ya->level_capped)
				itakit_strbuf_append(out, " ซึ่งเป็นระดับสูงสุดที่คะแนนภาพรวมยืนยันได้"
							  " เพราะระดับที่สูงกว่านี้ต้องดูคะแนนรายเครื่องมือด้วยแต่ไม่มีข้อมูล");
			return;
		}
		if (*level)
			itakit_strbuf_appendf(out, " อยู่ในระดับ %s และ", level);
		else
			itakit_strbuf_append(out, " ");
		if (ya->pass)
			itakit_strbuf_appendf(out, "ผ่านเกณฑ์ %s คะแนน", p);
		else
			itakit_strbuf_appendf(out, "ไม่ผ่านเกณฑ์ %s คะแนน โดยยังขาดอีก %s คะแนน", p, g);
	} else {
		itakit_strbuf_appendf(out, "In fiscal year %s, %s scored %s overall", y, unit, s);
		if (*level && !letter) {
			itakit_strbuf_appendf(out, ", level \u201c%s\u201d", level);
			if (ya->pass)
				itakit_strbuf_appendf(out, " (pass line %s)", p);
			else
				itakit_strbuf_appendf(out, ", %s points short of the pass line of %s", g, p);
			if (ya->level_capped)
				itakit_strbuf_append(out, ", the best level the overall alone can prove: the levels above it also need every tool score");
			itakit_strbuf_append(out, ".");
			return;
		}
		if (*level)
			itakit_strbuf_appendf(out, ", level %s", level);
		if (ya->pass)
			itakit_strbuf_appendf(out, ", and passed (pass line %s).", p);
		else
			itakit_strbuf_appendf(out, ", and did not pass: %s points short of the pass line of %s.", g, p);
	}
}

void itakit_narrative_change(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_year_analysis *ya = n->ya;
	if (!ya->previous_year || !ya->overall.has_delta)
		return;
	const itakit_year_analysis *prev = itakit_unit_analysis_year(n->ua, ya->previous_year);
	char py[32], d[48], ps[48];
	itakit_narrative_year(n, py, sizeof py, ya->previous_year);
	itakit_format_number(d, sizeof d, fabs(ya->overall.delta), 2, n->opts.digits, false);
	itakit_narrative_score(n, ps, sizeof ps, prev->overall.value);
	bool gap = ya->previous_year != ya->year - 1;
	if (TH(n)) {
		if (ya->overall.delta > 0)
			itakit_strbuf_appendf(out, "คะแนนภาพรวมเพิ่มขึ้น %s คะแนน", d);
		else if (ya->overall.delta < 0)
			itakit_strbuf_appendf(out, "คะแนนภาพรวมลดลง %s คะแนน", d);
		else
			itakit_strbuf_append(out, "คะแนนภาพรวมเท่าเดิม");
		itakit_strbuf_appendf(out, " เมื่อเทียบกับปีงบประมาณ พ.ศ. %s ซึ่งได้ %s คะแนน", py, ps);
		if (gap)
			itakit_strbuf_append(out, " (ปีล่าสุดก่อนหน้าที่มีข้อมูล)");
	} else {
		if (ya->overall.delta > 0)
			itakit_strbuf_appendf(out, "The overall score rose by %s points", d);
		else if (ya->overall.delta < 0)
			itakit_strbuf_appendf(out, "The overall score fell by %s points", d);
		else
			itakit_strbuf_append(out, "The overall score was unchanged");
		itakit_strbuf_appendf(out, " against fiscal year %s (%s)%s.", py, ps,
				      gap ? ", the latest earlier year with data" : "");
	}
}

void itakit_narrative_tools(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_year_analysis *ya = n->ya;
	size_t nt = tool_count(n), known = 0;
	for (size_t t = 0; t < nt; t++)
		known += ya->tool[t].known;
	if (!known)
		return;
	itakit_strbuf_append(out, TH(n) ? "คะแนนรายเครื่องมือ ได้แก่ " : "By tool: ");
	size_t i = 0;
	for (size_t t = 0; t < nt; t++) {
		if (!ya->tool[t].known)
			continue;
		char s[48];
		list_sep_before(out, n, i++, known, tool_code(n, t));
		itakit_narrative_score(n, s, sizeof s, ya->tool[t].value);
		itakit_strbuf_appendf(out, TH(n) ? "%s %s คะแนน" : "%s %s", tool_code(n, t), s);
	}
	if (!TH(n))
		itakit_strbuf_append(out, ".");
}

/* "ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน (๘๒.๘๘ คะแนน)" */
static void indicator_phrase(itakit_strbuf *out, const itakit_narrative *n, int code, const char *value)
{
	char c[32];
	itakit_format_int(c, sizeof c, code, n->opts.digits);
	if (TH(n))
		itakit_strbuf_appendf(out, "ตัวชี้วัดที่ %s %s (%s)", c, itakit_narrative_indicator_name(n, code), value);
	else
		itakit_strbuf_appendf(out, "indicator %s, %s (%s)", c, itakit_narrative_indicator_name(n, code), value);
}

void itakit_narrative_flagged(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_year_analysis *ya = n->ya;
	char t[48], k[32];
	line_value(n, t, sizeof t, n->opts.threshold);
	if (ya->n_indicators_known == 0) {
		itakit_strbuf_append(out, TH(n) ? "ปีนี้ไม่มีข้อมูลคะแนนรายตัวชี้วัด"
						: "No indicator scores are available for this year.");
		return;
	}
	if (ya->n_flagged == 0) {
		itakit_strbuf_appendf(out, TH(n) ? "ทุกตัวชี้วัดที่มีข้อมูลได้คะแนนตั้งแต่ %s คะแนนขึ้นไป"
						 : "Every indicator with data scored %s or more.", t);
		return;
	}
	itakit_format_int(k, sizeof k, (long)ya->n_flagged, n->opts.digits);
	if (TH(n)) {
		itakit_strbuf_appendf(out, "มีตัวชี้วัดที่ได้คะแนนต่ำกว่า %s คะแนน", t);
		name_flag_line(out, n);
		itakit_strbuf_appendf(out, " จำนวน %s ตัวชี้วัด%s", k,
				      ya->n_flagged > 1 ? " เรียงจากคะแนนสูงไปต่ำ ได้แก่ " : " คือ ");
	} else {
		itakit_strbuf_appendf(out, "%s indicator%s scored below %s", k, ya->n_flagged > 1 ? "s" : "", t);
		name_flag_line(out, n);
		itakit_strbuf_append(out, ya->n_flagged > 1 ? ", from highest to lowest: " : ": ");
	}
	for (size_t i = 0; i < ya->n_flagged; i++) {
		int code = ya->flagged[i];
		char s[48], v[64];
		itakit_narrative_score(n, s, sizeof s, ya->indicator[code - 1].value);
		snprintf(v, sizeof v, TH(n) ? "%s คะแนน" : "%s", s);
		list_sep(out, n, i, ya->n_flagged);
		indicator_phrase(out, n, code, v);
	}
	if (!TH(n))
		itakit_strbuf_append(out, ".");
}

void itakit_narrative_trend(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_trend *tr = &n->ua->trend_overall;
	const itakit_linear_fit *f = &tr->fit;
	if (n->ua->n_years < 2)
		return;
	char k[32];
	itakit_format_int(k, sizeof k, (long)f->n, n->opts.digits);
	if (!f->ok) {
		char three[16];
		itakit_format_int(three, sizeof three, 3, n->opts.digits);
		itakit_strbuf_appendf(out, TH(n) ? "มีคะแนนภาพรวมเพียง %s ปี จึงยังไม่วิเคราะห์แนวโน้ม (ต้องมีอย่างน้อย %s ปี)"
						 : "Only %s years of overall scores: no trend is estimated (%s are needed).", k, three);
		return;
	}
	char y0[32], y1[32], ny[32], slope[48], r2[48], fc[48], lo[48], hi[48];
	itakit_narrative_year(n, y0, sizeof y0, n->ua->years[0].year);
	itakit_narrative_year(n, y1, sizeof y1, n->ua->years[n->ua->n_years - 1].year);
	itakit_narrative_year(n, ny, sizeof ny, (int)f->x_next);
	itakit_format_number(slope, sizeof slope, fabs(f->slope), 2, n->opts.digits, false);
	itakit_format_number(r2, sizeof r2, f->r2, 2, n->opts.digits, false);
	itakit_narrative_score(n, fc, sizeof fc, fmin(100, fmax(0, f->forecast)));
	itakit_narrative_score(n, lo, sizeof lo, fmin(100, fmax(0, f->low)));
	itakit_narrative_score(n, hi, sizeof hi, fmin(100, fmax(0, f->high)));
	if (tr->flat || !f->sloped) {
		/* a line that explains little of the scores (or rests on too few
		 * of them) is no basis for a forecast: the JSON keeps its figures */
		bool same = tr->flat && f->r2 >= 0.995;
		if (TH(n))
			itakit_strbuf_appendf(out, "ช่วงปีงบประมาณ พ.ศ. %s–%s (%s ปีที่มีข้อมูล) คะแนนภาพรวม%s "
						   "(R² = %s) จึงไม่คาดการณ์คะแนนของปีต่อไป", y0, y1, k,
					      same ? "เท่าเดิมทุกปี" : "ยังไม่แสดงทิศทางที่ชัดเจน", r2);
		else
			itakit_strbuf_appendf(out, "Over fiscal years %s–%s (%s years with data) the overall score %s "
						   "(R² = %s), so no forecast is made.", y0, y1, k,
					      same ? "stayed the same" : "shows no clear direction", r2);
		return;
	}
	if (TH(n)) {
		itakit_strbuf_appendf(out, "ช่วงปีงบประมาณ พ.ศ. %s–%s (%s ปีที่มีข้อมูล) คะแนนภาพรวมมีแนวโน้ม"
					   "%sเฉลี่ยปีละ %s คะแนน", y0, y1, k, f->slope > 0 ? "เพิ่มขึ้น" : "ลดลง", slope);
		char ci[16];
		itakit_format_int(ci, sizeof ci, 95, n->opts.digits);
		itakit_strbuf_appendf(out, " (R² = %s) หากแนวโน้มนี้ต่อเนื่อง คะแนนปี %s คาดว่าจะอยู่ที่ประมาณ %s คะแนน"
					   " (ช่วงพยากรณ์ร้อยละ %s ระหว่าง %s ถึง %s คะแนน)", r2, ny, fc, ci, lo, hi);
	} else {
		itakit_strbuf_appendf(out, "Over fiscal years %s–%s (%s years with data) the overall score "
				      "%s by %s points a year on average", y0, y1, k, f->slope > 0 ? "rose" : "fell", slope);
		itakit_strbuf_appendf(out, " (R² = %s); if the trend holds, %s would score about %s (95%% prediction interval %s to %s).",
				      r2, ny, fc, lo, hi);
	}
	if (tr->reach_year) {
		char ry[32], t[48];
		itakit_narrative_year(n, ry, sizeof ry, tr->reach_year);
		line_value(n, t, sizeof t, n->ya->pass_line);
		itakit_strbuf_appendf(out, TH(n) ? " และคาดว่าจะถึงเกณฑ์ผ่าน %s คะแนนในปีงบประมาณ พ.ศ. %s"
						 : " At this pace it would reach the pass line of %s in fiscal year %s.", t, ry);
	}
}

/* Up to `max` drivers moving the overall in direction sign (+1 / -1). */
static void drivers_in_direction(itakit_strbuf *out, const itakit_narrative *n, int sign, size_t max)
{
	const itakit_year_analysis *ya = n->ya;
	int codes[ITAKIT_MAX_INDICATORS];
	size_t count = 0;
	for (size_t i = 0; i < ya->n_drivers && count < max; i++) {
		int c = ya->drivers[i];
		if (ya->contribution[c - 1] * sign > 0)
			codes[count++] = c;
	}
	for (size_t i = 0; i < count; i++) {
		char v[48], phrase[80];
		itakit_format_number(v, sizeof v, ya->contribution[codes[i] - 1], 2, n->opts.digits, true);
		snprintf(phrase, sizeof phrase, TH(n) ? "%s คะแนน" : "%s", v);
		list_sep(out, n, i, count);
		indicator_phrase(out, n, codes[i], phrase);
	}
}

static size_t count_contributions(const itakit_year_analysis *ya, int sign)
{
	size_t count = 0;
	for (size_t i = 0; i < ya->n_drivers; i++)
		count += ya->contribution[ya->drivers[i] - 1] * sign > 0;
	return count;
}

/* The change explained by tool (weight x change of each tool score) when
 * the indicators are missing in one of the two years. */
static void tool_drivers(itakit_strbuf *out, const itakit_narrative *n, const char *py)
{
	const itakit_year_analysis *ya = n->ya;
	const itakit_year_analysis *prev = itakit_unit_analysis_year(n->ua, ya->previous_year);
	bool prev_tools_only = prev && prev->n_indicators_known == 0;
	if (TH(n))
		itakit_strbuf_appendf(out, "เมื่อเทียบกับปีงบประมาณ พ.ศ. %s%s คะแนนภาพรวมที่เปลี่ยนไปแยกตามเครื่องมือได้ดังนี้ ", py,
				      prev_tools_only ? " ซึ่งมีเพียงคะแนนรายเครื่องมือ"
						      : " (คะแนนรายตัวชี้วัดไม่ครบทั้งสองปี)");
	else
		itakit_strbuf_appendf(out, "Against fiscal year %s%s, the change in the overall comes from the tools: ", py,
				      prev_tools_only ? ", which has tool scores only"
						      : " (indicator scores are incomplete in one of the years)");
	size_t nt = tool_count(n);
	for (size_t t = 0; t < nt; t++) {
		char v[48];
		itakit_format_number(v, sizeof v, ya->tool_contribution[t], 2, n->opts.digits, true);
		list_sep_before(out, n, t, nt, tool_code(n, t));
		itakit_strbuf_appendf(out, TH(n) ? "%s %s คะแนน" : "%s %s", tool_code(n, t), v);
	}
	itakit_strbuf_append(out, TH(n) ? " (น้ำหนักของเครื่องมือคูณคะแนนที่เปลี่ยนไป รวมกันเท่ากับการเปลี่ยนแปลงของคะแนนภาพรวม)"
					: " (each tool's weight times its change, adding up to the change in the overall).");
}

void itakit_narrative_drivers(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_year_analysis *ya = n->ya;
	if (!ya->previous_year || !ya->overall.has_delta)
		return;
	char py[32];
	itakit_narrative_year(n, py, sizeof py, ya->previous_year);
	if (!ya->has_contributions && ya->has_tool_contributions) {
		tool_drivers(out, n, py);
		return;
	}
	if (!ya->has_contributions) {
		const itakit_year_analysis *prev = itakit_unit_analysis_year(n->ua, ya->previous_year);
		size_t both = 0, total = ya->era ? ya->era->n_indicators : 0;
		for (size_t i = 0; i < total; i++)
			both += ya->indicator[i].has_delta;
		char b[16], t[16];
		itakit_format_int(b, sizeof b, (long)both, n->opts.digits);
		itakit_format_int(t, sizeof t, (long)total, n->opts.digits);
		if (prev && prev->n_indicators_known == 0)
			itakit_strbuf_appendf(out, TH(n) ? "ปีงบประมาณ พ.ศ. %s มีเพียงคะแนนภาพรวม จึงยังแยกไม่ได้ว่าตัวชี้วัดใดทำให้คะแนนภาพรวมเปลี่ยนไป"
							 : "Fiscal year %s has only an overall score, so the change cannot be traced to indicators.", py);
		else
			itakit_strbuf_appendf(out, TH(n) ? "มีคะแนนรายตัวชี้วัดครบทั้งสองปีเพียง %s จาก %s ตัวชี้วัด จึงอธิบายการเปลี่ยนแปลงของคะแนนภาพรวมได้เพียงบางส่วน"
							 : "Only %s of %s indicators have scores in both years, so the change can be explained only in part.", b, t);
		return;
	}
	size_t ups = count_contributions(ya, 1), downs = count_contributions(ya, -1);
	if (!ups && !downs) {
		itakit_strbuf_append(out, TH(n) ? "ไม่มีตัวชี้วัดใดเปลี่ยนแปลงจนมีผลต่อคะแนนภาพรวม"
						: "No indicator changed enough to move the overall score.");
		return;
	}
	if (ups) {
		itakit_strbuf_appendf(out, TH(n) ? "เมื่อเทียบกับปีงบประมาณ พ.ศ. %s ตัวชี้วัดที่ทำให้คะแนนภาพรวมเพิ่มขึ้นมากที่สุด ได้แก่ "
						 : "Against fiscal year %s, the indicators that raised the overall most were ", py);
		drivers_in_direction(out, n, 1, 3);
	}
	if (downs) {
		if (ups)
			itakit_strbuf_append(out, TH(n) ? " ส่วนตัวชี้วัดที่ทำให้คะแนนภาพรวมลดลงมากที่สุด ได้แก่ " : "; those that lowered it most were ");
		else
			itakit_strbuf_appendf(out, TH(n) ? "เมื่อเทียบกับปีงบประมาณ พ.ศ. %s ตัวชี้วัดที่ทำให้คะแนนภาพรวมลดลงมากที่สุด ได้แก่ "
							 : "Against fiscal year %s, the indicators that lowered the overall most were ", py);
		drivers_in_direction(out, n, -1, 3);
	}
	if (!TH(n))
		itakit_strbuf_append(out, " (contributions in overall points).");
	else
		itakit_strbuf_append(out, " (ผลต่อคะแนนภาพรวม)");
}

void itakit_narrative_priorities(itakit_strbuf *out, const itakit_narrative *n)
{
	const itakit_year_analysis *ya = n->ya;
	if (!ya->overall.known || !ya->has_plan)
		return;
	char tg[48], m[48];
	line_value(n, tg, sizeof tg, n->opts.target);
	double margin = itakit_score_round(ya->overall.rounded - n->opts.target);
	itakit_format_number(m, sizeof m, fabs(margin), 2, n->opts.digits, false);
	if (!ya->needs_plan) {
		itakit_strbuf_appendf(out, TH(n) ? "คะแนนภาพรวมสูงกว่าเป้าหมาย %s คะแนนอยู่ %s คะแนน"
						 : "The overall score is %2$s points above the target of %1$s", tg, m);
		if (ya->n_flagged) {
			char k[16], t[48];
			itakit_format_int(k, sizeof k, (long)ya->n_flagged, n->opts.digits);
			line_value(n, t, sizeof t, n->opts.threshold);
			itakit_strbuf_appendf(out, TH(n) ? " แต่ยังมีตัวชี้วัดที่ได้คะแนนต่ำกว่า %s คะแนนอีก %s ตัวชี้วัดที่ต้องมีมาตรการปรับปรุง"
							 : ", but %2$s indicators are still below %1$s and still need measures", t, k);
		}
		if (!TH(n))
			itakit_strbuf_append(out, ".");
		return;
	}
	if (!ya->plan_reachable) {
		itakit_strbuf_appendf(out, TH(n) ? "แม้ทุกตัวชี้วัดจะได้ ๑๐๐ คะแนน คะแนนภาพรวมก็ยังไม่ถึงเป้าหมาย %s คะแนน"
						 : "Even with every indicator at 100 the overall would not reach the target of %s.", tg);
		return;
	}
	itakit_strbuf_appendf(out, TH(n) ? "หากต้องการให้คะแนนภาพรวมถึง %s คะแนน (ขาดอีก %s คะแนน) ทางที่ใช้ตัวชี้วัดน้อยที่สุดคือยกระดับ"
					 : "To reach %s overall (%s points short), the plan that touches the fewest indicators raises ", tg, m);
	for (size_t i = 0; i < ya->n_plan; i++) {
		const itakit_priority_step *st = &ya->plan[i];
		char from[48], to[48], gain[48], c[16];
		itakit_narrative_score(n, from, sizeof from, st->from);
		itakit_narrative_score(n, to, sizeof to, st->to);
		itakit_narrative_score(n, gain, sizeof gain, st->overall_gain);
		itakit_format_int(c, sizeof c, st->code, n->opts.digits);
		char t[48];
		line_value(n, t, sizeof t, n->opts.threshold);
		if (TH(n)) {
			list_sep(out, n, i, ya->n_plan);
			itakit_strbuf_appendf(out, "ตัวชี้วัดที่ %s %s จาก %s เป็น %s คะแนน (คะแนนภาพรวมเพิ่ม %s คะแนน",
					      c, itakit_narrative_indicator_name(n, st->code), from, to, gain);
			/* the plan reaches the target, not every indicator the line */
			if (st->still_below)
				itakit_strbuf_appendf(out, " แต่ตัวชี้วัดนี้ยังต่ำกว่า %s คะแนน", t);
			itakit_strbuf_append(out, ")");
		} else {
			list_sep(out, n, i, ya->n_plan);
			itakit_strbuf_appendf(out, "indicator %s, %s, from %s to %s (+%s overall",
					      c, itakit_narrative_indicator_name(n, st->code), from, to, gain);
			if (st->still_below)
				itakit_strbuf_appendf(out, "; the indicator itself stays below %s", t);
			itakit_strbuf_append(out, ")");
		}
	}
	char after[48];
	itakit_narrative_score(n, after, sizeof after, ya->plan_overall);
	if (TH(n))
		itakit_strbuf_appendf(out, " ซึ่งจะทำให้คะแนนภาพรวมเป็น %s คะแนน (ยกระดับตัวชี้วัดที่มีน้ำหนักต่อคะแนนภาพรวมสูงก่อน)", after);
	else
		itakit_strbuf_appendf(out, ", which brings the overall to %s (indicators with more weight in the overall come first).", after);
}
