/* The comparison report (compare.h): summary sentences, charts split to
 * stay legible, the ranking table and the per-indicator statistics. */
#include "core/narrative_internal.h"
#include "itakit/compare.h"
#include "itakit/chart.h"
#include "itakit/error.h"
#include "itakit/strbuf.h"
#include "render/cairo_output.h"
#include "render/document.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A figure shows at most this many slices of the units; beyond that the
 * report charts the first and the last slice only (the table lists all). */
#define MAX_SLICES 4
#define MAX_FIGURES (3 * MAX_SLICES + 2)
/* Above this many units the distribution chart (a dot per unit and
 * indicator) is embedded as a picture at RASTER_DPI. */
#define MAX_VECTOR_DOTS 1000
#define RASTER_DPI 200.0
/* Room kept under a figure for its numbered caption. */
#define CAPTION_ROOM 56.0

typedef struct {
	itakit_chart_kind kind;
	itakit_chart_data data;
	itakit_chart_options opts;
	itakit_unit_analysis *slice; /* shallow copies, owned (NULL: data->units borrowed) */
	bool raster;                 /* embedded as a picture (too many marks) */
} cmp_figure;

typedef struct {
	const itakit_framework *fw;
	itakit_compare_options o;     /* resolved */
	bool th;
	int year;
	const itakit_unit_analysis *units;
	size_t n;
	itakit_cohort cohort;
	const itakit_framework_era *era;
	itakit_document *doc;
	double text_w, fig_h_max;
	cmp_figure figs[MAX_FIGURES];
	size_t n_figs;
	itakit_strbuf sb;
	const char *author;          /* NULL: not known */
	char date[96];
} cmp_ctx;

#define TR(c, th_text, en_text) ((c)->th ? (th_text) : (en_text))

/* ------------------------------------------------------------ formatting */

static const char *num(const cmp_ctx *c, char *buf, size_t size, double v)
{
	return itakit_format_number(buf, size, v, 2, c->o.digits, false);
}

/* A fiscal year as the edition writes it: Buddhist Era in Thai, Common Era
 * (BE - 543) in English. */
static const char *fiscal_year(const cmp_ctx *c, char *buf, size_t size, int be)
{
	return itakit_format_int(buf, size, c->th ? be : be - 543, c->o.digits);
}

static const char *signed_num(const cmp_ctx *c, char *buf, size_t size, double v)
{
	return itakit_format_number(buf, size, v, 2, c->o.digits, true);
}

static const char *count(const cmp_ctx *c, char *buf, size_t size, size_t v)
{
	return itakit_format_int(buf, size, (long)v, c->o.digits);
}

static const char *threshold_text(const cmp_ctx *c, char *buf, size_t size)
{
	double t = c->cohort.threshold;
	return itakit_format_number(buf, size, t, t == floor(t) ? 0 : 2, c->o.digits, false);
}

/* The official pass line (85): what "pass" is measured against, whatever
 * flag line --threshold sets. */
static const char *pass_line_text(const cmp_ctx *c, char *buf, size_t size)
{
	double t = c->cohort.pass_line;
	return itakit_format_number(buf, size, t, t == floor(t) ? 0 : 2, c->o.digits, false);
}

static const char *indicator_name(const cmp_ctx *c, size_t i)
{
	return c->th ? c->era->indicators[i].name_th : c->era->indicators[i].name_en;
}

static double share(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* Ends the sentence buffer as a justified paragraph. */
static int flush_paragraph(cmp_ctx *c)
{
	if (!c->sb.len)
		return 0;
	if (!itakit_strbuf_ok(&c->sb))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	itakit_paragraph_style st = ITAKIT_PARAGRAPH_STYLE_INIT;
	st.first_indent = c->th ? ITAKIT_CM(1.25) : 0;
	int rc = itakit__document_paragraph(c->doc, c->sb.data, &st);
	c->sb.len = 0;
	c->sb.data[0] = '\0';
	return rc;
}

/* "A, B และ C" / "A, B and C" over names[0..n). */
static void append_list(cmp_ctx *c, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			itakit_strbuf_append(&c->sb, i + 1 == n ? itakit__narrative_and(c->o.lang, items[i]) : (c->th ? " " : ", "));
		itakit_strbuf_append(&c->sb, items[i]);
	}
}

/* ----------------------------------------------------------- the summary */

static void summary_pass(cmp_ctx *c)
{
	const itakit_cohort *co = &c->cohort;
	char y[16], k[16], p[16], s[48], t[16];
	fiscal_year(c, y, sizeof y, c->year);
	count(c, k, sizeof k, co->n_units);
	count(c, p, sizeof p, co->n_pass);
	num(c, s, sizeof s, co->share_pass);
	pass_line_text(c, t, sizeof t);
	if (c->th)
		itakit_strbuf_appendf(&c->sb, "ในปีงบประมาณ พ.ศ. %s มีหน่วยงานที่มีคะแนนภาพรวม %s หน่วยงาน "
				      "ในจำนวนนี้ได้คะแนนตั้งแต่ %s คะแนนขึ้นไปและผ่านเกณฑ์ %s หน่วยงาน คิดเป็นร้อยละ %s",
				      y, k, t, p, s);
	else
		itakit_strbuf_appendf(&c->sb, "In fiscal year %s, %s units have an overall score; %s of them "
				      "reach the pass line of %s, a share of %s%%", y, k, p, t, s);
	if (co->previous_year && co->n_units_previous) {
		char py[16], pk[16], pp[16], ps[48];
		fiscal_year(c, py, sizeof py, co->previous_year);
		count(c, pk, sizeof pk, co->n_units_previous);
		count(c, pp, sizeof pp, co->n_pass_previous);
		num(c, ps, sizeof ps, share(co->n_pass_previous, co->n_units_previous));
		if (c->th)
			itakit_strbuf_appendf(&c->sb, " ขณะที่ในปีงบประมาณ พ.ศ. %s ผ่านเกณฑ์ %s จาก %s หน่วยงาน "
					      "(ร้อยละ %s)", py, pp, pk, ps);
		else
			itakit_strbuf_appendf(&c->sb, ", against %s of %s units (%s%%) in fiscal year %s",
					      pp, pk, ps, py);
	}
	char m[48], md[48];
	num(c, m, sizeof m, co->overall.mean);
	num(c, md, sizeof md, co->overall.median);
	itakit_strbuf_appendf(&c->sb, TR(c, " คะแนนภาพรวมเฉลี่ยของปีนี้อยู่ที่ %s คะแนน และค่ามัธยฐาน %s คะแนน",
					 ". This year's mean overall score is %s and the median %s."), m, md);
}

/* The best and the weakest units; ties share the sentence (three named at
 * most, else their number). */
static void summary_extremes(cmp_ctx *c)
{
	const itakit_cohort *co = &c->cohort;
	if (co->n_units < 2)
		return;
	for (int worst = 0; worst < 2; worst++) {
		size_t first = worst ? co->n_units - 1 : 0;
		int rank = co->ranking[first].rank;
		const char *names[3];
		size_t k = 0, tied = 0;
		for (size_t i = 0; i < co->n_units; i++) {
			if (co->ranking[i].rank != rank)
				continue;
			if (k < 3)
				names[k++] = co->ranking[i].ua->unit->name;
			tied++;
		}
		char s[48], nt[16];
		num(c, s, sizeof s, co->ranking[first].ya->overall.value);
		itakit_strbuf_append(&c->sb, worst ? TR(c, " ส่วนคะแนนต่ำสุดเป็นของ", " The weakest is ")
						   : TR(c, " หน่วยงานที่ได้คะแนนภาพรวมสูงสุดคือ", " The best overall score goes to "));
		if (tied > 3) {
			count(c, nt, sizeof nt, tied);
			itakit_strbuf_appendf(&c->sb, TR(c, "หน่วยงาน %s แห่งที่ได้คะแนนเท่ากัน", "%s units with equal scores"), nt);
		} else {
			append_list(c, names, k);
		}
		itakit_strbuf_appendf(&c->sb, TR(c, " (%s คะแนน)", " (%s)"), s);
		if (!c->th)
			itakit_strbuf_append(&c->sb, ".");
	}
}

static void summary_change(cmp_ctx *c)
{
	const itakit_cohort *co = &c->cohort;
	const itakit_cohort_entry *up = NULL, *down = NULL;
	size_t n_up = 0, n_down = 0, n_delta = 0;
	for (size_t i = 0; i < co->n_units; i++) {
		const itakit_cohort_entry *e = &co->ranking[i];
		if (!e->ya->overall.has_delta)
			continue;
		double d = e->ya->overall.delta;
		n_delta++;
		n_up += d > 0;
		n_down += d < 0;
		if (d > 0 && (!up || d > up->ya->overall.delta))
			up = e;
		if (d < 0 && (!down || d < down->ya->overall.delta))
			down = e;
	}
	if (!n_delta)
		return;
	char a[16], b[16], d[48];
	count(c, a, sizeof a, n_up);
	count(c, b, sizeof b, n_down);
	if (c->th)
		itakit_strbuf_appendf(&c->sb, "เมื่อเทียบกับปีก่อนหน้าที่มีข้อมูล มีหน่วยงานที่คะแนนภาพรวมเพิ่มขึ้น %s หน่วยงาน "
				      "และลดลง %s หน่วยงาน", a, b);
	else
		itakit_strbuf_appendf(&c->sb, "Against the previous year with data, %s units raised their overall "
				      "score and %s lowered it", a, b);
	if (up) {
		num(c, d, sizeof d, up->ya->overall.delta);
		itakit_strbuf_appendf(&c->sb, TR(c, " หน่วยงานที่คะแนนเพิ่มขึ้นมากที่สุดคือ%s (เพิ่มขึ้น %s คะแนน)",
						 "; %s rose the most (up %s)"), up->ua->unit->name, d);
	}
	if (down) {
		num(c, d, sizeof d, -down->ya->overall.delta);
		itakit_strbuf_appendf(&c->sb, TR(c, " และหน่วยงานที่คะแนนลดลงมากที่สุดคือ%s (ลดลง %s คะแนน)",
						 "; %s fell the most (down %s)"), down->ua->unit->name, d);
	} else {
		itakit_strbuf_append(&c->sb, TR(c, " โดยไม่มีหน่วยงานใดคะแนนลดลง", "; no unit fell"));
	}
	itakit_strbuf_append(&c->sb, TR(c, " ทั้งนี้ คะแนนที่เปลี่ยนไปคำนวณจากคะแนนที่ปัดเป็นทศนิยมสองตำแหน่งแล้ว",
					 ". Changes are computed from the scores rounded to two decimals."));
}

/* Indicators on which the most units fall below the threshold. */
static void summary_weaknesses(cmp_ctx *c)
{
	const itakit_cohort *co = &c->cohort;
	size_t order[ITAKIT_MAX_INDICATORS], k = 0;
	for (size_t i = 0; i < co->n_indicators; i++)
		if (co->indicator[i].n_below > 0)
			order[k++] = i;
	if (!co->n_indicators || !co->indicator[0].summary.n)
		return;
	char t[16];
	threshold_text(c, t, sizeof t);
	if (!k) {
		itakit_strbuf_appendf(&c->sb, TR(c, "ไม่มีหน่วยงานใดได้คะแนนตัวชี้วัดใดต่ำกว่า %s คะแนน",
						 "No unit scores below %s on any indicator."), t);
		return;
	}
	/* most units below first; ties by code */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && co->indicator[order[j]].n_below > co->indicator[order[j - 1]].n_below; j--) {
			size_t x = order[j];
			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	size_t shown = k < 3 ? k : 3;
	itakit_strbuf_appendf(&c->sb, TR(c, "ตัวชี้วัดที่มีหน่วยงานได้คะแนนต่ำกว่า %s คะแนนมากที่สุด ได้แก่ ",
					 "The indicators on which most units score below %s are "), t);
	for (size_t j = 0; j < shown; j++) {
		size_t i = order[j];
		char code[16], nb[16], nn[16];
		itakit_format_int(code, sizeof code, (long)i + 1, c->o.digits);
		count(c, nb, sizeof nb, co->indicator[i].n_below);
		count(c, nn, sizeof nn, co->indicator[i].summary.n);
		if (j)
			/* English items hold commas: "A; B; and C" */
			itakit_strbuf_append(&c->sb, c->th ? (j + 1 == shown ? itakit__narrative_and(c->o.lang, "ตัวชี้วัดที่") : " ")
							   : shown < 3 ? " and " : j + 1 == shown ? "; and " : "; ");
		itakit_strbuf_appendf(&c->sb, TR(c, "ตัวชี้วัดที่ %s %s (%s จาก %s หน่วยงาน)", "indicator %s, %s (%s of %s units)"),
				      code, indicator_name(c, i), nb, nn);
	}
	size_t majority = 0;
	for (size_t j = 0; j < k; j++)
		majority += 2 * co->indicator[order[j]].n_below > co->indicator[order[j]].summary.n;
	if (majority) {
		char m[16];
		count(c, m, sizeof m, majority);
		itakit_strbuf_appendf(&c->sb, TR(c, " โดยมี %s ตัวชี้วัดที่หน่วยงานเกินครึ่งหนึ่งได้คะแนนต่ำกว่าเกณฑ์ "
						 "ซึ่งสะท้อนจุดอ่อนร่วมที่ควรแก้ไขในภาพรวม",
						 ". On %s indicators more than half of the units fall short, a shared "
						 "weakness worth addressing together."), m);
	} else if (!c->th) {
		itakit_strbuf_append(&c->sb, ".");
	}
}

/* Which single indicator, raised to the threshold, lets the most
 * failing units pass. */
static void summary_lift(cmp_ctx *c)
{
	const itakit_cohort *co = &c->cohort;
	size_t failing = co->n_units - co->n_pass;
	if (!co->n_indicators || !co->indicator[0].summary.n || !failing)
		return;
	size_t best = 0;
	for (size_t i = 1; i < co->n_indicators; i++)
		if (co->indicator[i].n_pass_if_raised > co->indicator[best].n_pass_if_raised)
			best = i;
	char t[16], f[16], nb[16], code[16];
	threshold_text(c, t, sizeof t);
	count(c, f, sizeof f, failing);
	size_t lift = co->indicator[best].n_pass_if_raised;
	if (!lift) {
		itakit_strbuf_appendf(&c->sb, TR(c, " สำหรับหน่วยงานที่ยังไม่ผ่านเกณฑ์ %s หน่วยงาน "
						 "การยกคะแนนตัวชี้วัดใดตัวชี้วัดหนึ่งเพียงตัวเดียวขึ้นเป็น %s คะแนนยังไม่พอให้ผ่านเกณฑ์",
						 " For the %s units that do not pass, raising any single indicator "
						 "to %s is not enough to pass."), f, t);
		return;
	}
	itakit_format_int(code, sizeof code, (long)best + 1, c->o.digits);
	count(c, nb, sizeof nb, lift);
	if (c->th)
		itakit_strbuf_appendf(&c->sb, " ในบรรดาหน่วยงานที่ยังไม่ผ่านเกณฑ์ %s หน่วยงาน หากยกคะแนนตัวชี้วัดที่ %s %s "
				      "เพียงตัวเดียวขึ้นเป็น %s คะแนน จะมีหน่วยงานผ่านเกณฑ์เพิ่มขึ้น %s หน่วยงาน "
				      "ซึ่งมากกว่าการยกตัวชี้วัดอื่นใดเพียงตัวเดียว (ดูคอลัมน์สุดท้ายของตารางสถิติรายตัวชี้วัด)",
				      f, code, indicator_name(c, best), t, nb);
	else
		itakit_strbuf_appendf(&c->sb, " Of the %s units that do not pass, %s would pass if indicator %s, "
				      "%s, alone were raised to %s: more than any other single indicator "
				      "(see the last column of the indicator statistics table).",
				      f, nb, code, indicator_name(c, best), t);
}

static void summary_missing(cmp_ctx *c, size_t n_missing)
{
	if (!n_missing)
		return;
	char k[16], y[16];
	count(c, k, sizeof k, n_missing);
	fiscal_year(c, y, sizeof y, c->year);
	itakit_strbuf_appendf(&c->sb, TR(c, "หน่วยงานที่ไม่มีคะแนนภาพรวมในปีงบประมาณ พ.ศ. %s จำนวน %s หน่วยงาน "
					 "ไม่ได้นำมาเปรียบเทียบ ได้แก่ ",
					 "%2$s units have no overall score in fiscal year %1$s and are not compared: "), y, k);
	size_t shown = 0;
	for (size_t i = 0; i < c->n && shown < 20; i++) {
		const itakit_year_analysis *ya = itakit_unit_analysis_year(&c->units[i], c->year);
		if (ya && ya->overall.known)
			continue;
		if (shown++)
			itakit_strbuf_append(&c->sb, c->th ? " " : ", ");
		itakit_strbuf_append(&c->sb, c->units[i].unit->name);
	}
	if (n_missing > shown) {
		char r[16];
		count(c, r, sizeof r, n_missing - shown);
		itakit_strbuf_appendf(&c->sb, TR(c, " และอีก %s หน่วยงาน", " and %s more"), r);
	}
	if (!c->th)
		itakit_strbuf_append(&c->sb, ".");
}

/* --------------------------------------------------------------- figures */

/* Vector drawing of a chart with tens of thousands of marks makes cairo's
 * PDF surface hold every one of them (over 100 MB for the national
 * distribution chart): such a chart goes in as a picture instead. */
static int draw_raster(cairo_t *cr, double width, double height, const cmp_figure *f)
{
	double scale = RASTER_DPI / 72.0;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(width * scale),
							  (int)ceil(height * scale));
	cairo_t *ic = cairo_create(img);
	cairo_set_source_rgb(ic, 1, 1, 1);
	cairo_paint(ic);
	cairo_scale(ic, scale, scale);
	int rc = itakit_chart_draw(ic, width, height, f->kind, &f->data, &f->opts);
	cairo_destroy(ic);
	if (!rc && cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
		rc = itakit_error_set(ITAKIT_ENOMEM, "cannot draw the chart as a picture: %s",
				      cairo_status_to_string(cairo_surface_status(img)));
	if (!rc) {
		cairo_save(cr);
		cairo_scale(cr, 1 / scale, 1 / scale);
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	cairo_surface_destroy(img);
	return rc;
}

static int draw_figure(cairo_t *cr, double width, double height, void *user)
{
	cmp_figure *f = user;
	if (f->raster)
		return draw_raster(cr, width, height, f);
	return itakit_chart_draw(cr, width, height, f->kind, &f->data, &f->opts);
}

static itakit_chart_options chart_options(const cmp_ctx *c)
{
	itakit_chart_options co = ITAKIT_CHART_OPTIONS_INIT;
	co.lang = c->o.lang;
	co.digits = c->o.digits;
	co.font = c->o.font;
	co.threshold = c->o.threshold;
	co.width = c->text_w;
	co.year = c->year;
	co.no_title = true; /* the numbered caption names the figure */
	return co;
}

static cmp_figure *figure_new(cmp_ctx *c, itakit_chart_kind kind)
{
	if (c->n_figs == MAX_FIGURES)
		return NULL;
	cmp_figure *f = &c->figs[c->n_figs++];
	memset(f, 0, sizeof *f);
	f->opts = chart_options(c);
	f->kind = kind;
	f->data.fw = c->fw;
	f->data.cohort = &c->cohort;
	return f;
}

static int figure_add(cmp_ctx *c, cmp_figure *f, const char *caption)
{
	double w, h;
	int rc = itakit_chart_size(&w, &h, f->kind, &f->data, &f->opts);
	if (rc)
		return rc;
	f->opts.height = fmin(h, c->fig_h_max);
	return itakit__document_figure(c->doc, w, f->opts.height, draw_figure, f, caption);
}

/* Largest m such that the first m units of ordered fit one figure. */
static size_t slice_capacity(cmp_ctx *c, itakit_chart_kind kind, const itakit_unit_analysis *ordered, size_t n,
			     double max_h)
{
	itakit_chart_options o = chart_options(c);
	itakit_chart_data d = {c->fw, NULL, NULL, NULL, ordered, 0, &c->cohort};
	size_t lo = 1, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		double w, h;
		d.n_units = mid;
		if (itakit_chart_size(&w, &h, kind, &d, &o) == 0 && h <= max_h)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

typedef void (*caption_fn)(cmp_ctx *c, itakit_strbuf *b, size_t first, size_t last, size_t n, bool partial);

/* Charts ordered[0..n) in as few figures as keep rows legible: all units
 * in balanced slices when that takes at most MAX_SLICES figures, else the
 * first and the last slice (the tables list everyone). */
static int add_sliced(cmp_ctx *c, itakit_chart_kind kind, const itakit_unit_analysis *ordered, size_t n,
		      caption_fn caption)
{
	if (!n)
		return 0;
	size_t cap = slice_capacity(c, kind, ordered, n, c->fig_h_max);
	size_t parts = (n + cap - 1) / cap;
	bool partial = parts > MAX_SLICES;
	if (!partial && parts > 1) {
		/* Figures of about half a page fill pages better than page-high
		 * ones (one can share a page with a table's tail): more, smaller
		 * slices while they stay within MAX_SLICES. */
		size_t half = slice_capacity(c, kind, ordered, n, c->fig_h_max / 2);
		size_t more = (n + half - 1) / half;
		parts = more < MAX_SLICES ? more : MAX_SLICES;
	}
	size_t per = partial ? cap : (n + parts - 1) / parts;
	if (partial)
		parts = 2;
	int rc = 0;
	for (size_t p = 0; p < parts && !rc; p++) {
		size_t first = partial && p == 1 ? n - per : p * per;
		size_t m = first + per > n ? n - first : per;
		cmp_figure *f = figure_new(c, kind);
		if (!f)
			return itakit_error_set(ITAKIT_ELIMIT, "too many figures");
		f->slice = malloc(m * sizeof *f->slice);
		if (!f->slice)
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		memcpy(f->slice, ordered + first, m * sizeof *f->slice);
		f->data.units = f->slice;
		f->data.n_units = m;
		itakit_strbuf b = ITAKIT_STRBUF_INIT;
		caption(c, &b, first + 1, first + m, n, partial);
		rc = itakit_strbuf_ok(&b) ? figure_add(c, f, b.data) : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		itakit_strbuf_release(&b);
	}
	return rc;
}

static void caption_range(cmp_ctx *c, itakit_strbuf *b, size_t first, size_t last, size_t n, bool partial,
			  const char *th_what, const char *en_what)
{
	char y[16], a[16], z[16], k[16];
	fiscal_year(c, y, sizeof y, c->year);
	count(c, a, sizeof a, first);
	count(c, z, sizeof z, last);
	count(c, k, sizeof k, n);
	if (c->th)
		itakit_strbuf_appendf(b, "%s ปีงบประมาณ พ.ศ. %s", th_what, y);
	else
		itakit_strbuf_appendf(b, "%s, fiscal year %s", en_what, y);
	if (first == 1 && last == n)
		return;
	itakit_strbuf_appendf(b, TR(c, " (ลำดับที่ %s–%s จาก %s หน่วยงาน%s)", " (positions %s–%s of %s%s)"), a, z, k,
			      partial ? TR(c, " ตารางแสดงครบทุกหน่วยงาน", "; the table lists every unit") : "");
}

static void caption_ranking(cmp_ctx *c, itakit_strbuf *b, size_t first, size_t last, size_t n, bool partial)
{
	caption_range(c, b, first, last, n, partial, "อันดับคะแนนภาพรวมของหน่วยงาน", "Units ranked by overall score");
}

static void caption_heatmap(cmp_ctx *c, itakit_strbuf *b, size_t first, size_t last, size_t n, bool partial)
{
	caption_range(c, b, first, last, n, partial, "คะแนนรายตัวชี้วัดของแต่ละหน่วยงาน เรียงตามคะแนนภาพรวม",
		      "Indicator scores of each unit, best overall first");
}

static void caption_change(cmp_ctx *c, itakit_strbuf *b, size_t first, size_t last, size_t n, bool partial)
{
	caption_range(c, b, first, last, n, partial, "คะแนนภาพรวมที่เปลี่ยนไปจากปีก่อนหน้าของแต่ละหน่วยงาน เรียงจากเพิ่มขึ้นมากที่สุด",
		      "Change in overall score against the previous year, largest rise first");
}

static int delta_cmp(const void *a, const void *b)
{
	const itakit_unit_analysis *x = a, *y = b;
	/* the year sits in each copy; find it through the first matching entry */
	double dx = x->years[0].overall.delta, dy = y->years[0].overall.delta;
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->unit->name, y->unit->name);
}

/* ---------------------------------------------------------------- tables */

static int ranking_table(cmp_ctx *c)
{
	const itakit_table_column cols[] = {
		/* widths in points of text: Thai headers must not break inside a word,
		   and the longest district name (ป้อมปราบศัตรูพ่าย) fits one line */
		{TR(c, "อันดับ", "Rank"), 40, ITAKIT_ALIGN_RIGHT},
		{TR(c, "หน่วยงาน", "Unit"), 176, ITAKIT_ALIGN_LEFT},
		{TR(c, "คะแนน\nภาพรวม", "Overall"), 54, ITAKIT_ALIGN_RIGHT},
		/* the level names of 2566 on are words ("ต้องปรับปรุง",
		   "needs improvement"): room for their longest word and the
		   cell's padding on both sides */
		{TR(c, "ระดับ", "Level"), 87, ITAKIT_ALIGN_LEFT},
		{TR(c, "ผลต่าง", "Change"), 50, ITAKIT_ALIGN_RIGHT},
		{TR(c, "ต่ำกว่า\nเกณฑ์", "Below"), 48, ITAKIT_ALIGN_RIGHT},
	};
	char cap[1024], y[16];
	fiscal_year(c, y, sizeof y, c->year);
	snprintf(cap, sizeof cap, TR(c, "อันดับคะแนนภาพรวมของทุกหน่วยงาน ปีงบประมาณ พ.ศ. %s "
				    "(ผลต่างคือคะแนนภาพรวมที่เปลี่ยนไปจากปีก่อนหน้าที่มีข้อมูล ต่ำกว่าเกณฑ์คือจำนวนตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ "
				    "แถวที่แรเงาคือหน่วยงานที่ไม่ผ่านเกณฑ์)",
				    "Every unit ranked by overall score, fiscal year %s (change: against the previous year "
				    "with data; below: indicators below the threshold; shaded rows: units that do not pass)"), y);
	size_t n = c->cohort.n_units, max = c->o.max_table_rows;
	size_t head = max && max < n ? (max + 1) / 2 : n, tail = max && max < n ? max / 2 : 0;
	if (head < n) {
		char h[16], t[16], k[16];
		count(c, h, sizeof h, head);
		count(c, t, sizeof t, tail);
		count(c, k, sizeof k, n);
		size_t len = strlen(cap);
		snprintf(cap + len - 1, sizeof cap - len + 1, TR(c, " แสดง %s อันดับแรกและ %s อันดับสุดท้ายจาก %s หน่วยงาน)",
								 "; the best %s and the weakest %s of %s units)"), h, t, k);
	}
	itakit_table_options to = {cols, 6, cap, 13};
	int rc = itakit__document_table(c->doc, &to);
	for (size_t i = 0; i < n && !rc; i++) {
		if (i == head && tail) {
			char k[16], msg[160];
			count(c, k, sizeof k, n - head - tail);
			snprintf(msg, sizeof msg, TR(c, "(ละไว้ %s หน่วยงาน)", "(%s units left out)"), k);
			const char *gap[6] = {"…", msg, NULL, NULL, NULL, NULL};
			rc = itakit__document_table_row(c->doc, 0, gap);
			i = n - tail;
			if (rc)
				break;
		}
		const itakit_cohort_entry *e = &c->cohort.ranking[i];
		char r[16], s[48], d[48], f[16];
		itakit_format_int(r, sizeof r, e->rank, c->o.digits);
		num(c, s, sizeof s, e->ya->overall.value);
		if (e->ya->overall.has_delta)
			signed_num(c, d, sizeof d, e->ya->overall.delta);
		else
			snprintf(d, sizeof d, "–");
		if (e->ya->n_indicators_known)
			count(c, f, sizeof f, e->ya->n_flagged);
		else
			snprintf(f, sizeof f, "–");
		const char *cells[6] = {r, e->ua->unit->name, s, itakit_level_name(e->ya, !c->th), d, f};
		rc = itakit__document_table_row(c->doc, e->ya->pass ? 0 : ITAKIT_ROW_TINT, cells);
	}
	return rc;
}

static int indicator_table(cmp_ctx *c)
{
	const itakit_table_column cols[] = {
		{TR(c, "ตัวชี้วัด", "Indicator"), 3.3, ITAKIT_ALIGN_LEFT},
		{TR(c, "ค่าเฉลี่ย", "Mean"), 1.25, ITAKIT_ALIGN_RIGHT},
		{TR(c, "มัธยฐาน", "Median"), 1.25, ITAKIT_ALIGN_RIGHT},
		{"S.D.", 1.15, ITAKIT_ALIGN_RIGHT},
		{TR(c, "ต่ำกว่า\nเกณฑ์", "Units\nbelow"), 1.1, ITAKIT_ALIGN_RIGHT},
		{TR(c, "ผ่านได้\nหากยกขึ้น", "Would pass\nif raised"), 1.25, ITAKIT_ALIGN_RIGHT},
	};
	char cap[1024], y[16], t[16];
	fiscal_year(c, y, sizeof y, c->year);
	threshold_text(c, t, sizeof t);
	snprintf(cap, sizeof cap, TR(c, "สถิติรายตัวชี้วัดระหว่างหน่วยงาน ปีงบประมาณ พ.ศ. %s "
				    "(S.D. คือส่วนเบี่ยงเบนมาตรฐาน ต่ำกว่าเกณฑ์คือจำนวนหน่วยงานที่ได้คะแนนตัวชี้วัดนั้นต่ำกว่าเกณฑ์ "
				    "ผ่านได้หากยกขึ้นคือจำนวนหน่วยงานที่ไม่ผ่านเกณฑ์แต่จะผ่านหากตัวชี้วัดนั้นตัวเดียวได้ %s คะแนน "
				    "แถวที่แรเงาคือตัวชี้วัดที่หน่วยงานเกินครึ่งได้คะแนนต่ำกว่าเกณฑ์)",
				    "Indicator statistics across units, fiscal year %s (S.D.: standard deviation; units below: "
				    "units scoring below the threshold on the indicator; would pass if raised: failing units "
				    "that would pass if that indicator alone reached %s; shaded: more than half of the units below)"),
		 y, t);
	itakit_table_options to = {cols, 6, cap, 14};
	int rc = itakit__document_table(c->doc, &to);
	for (size_t i = 0; i < c->cohort.n_indicators && !rc; i++) {
		const itakit_cohort_indicator *ci = &c->cohort.indicator[i];
		char name[256], code[16], m[48], md[48], sd[48], nb[16], nl[16];
		itakit_format_int(code, sizeof code, (long)i + 1, c->o.digits);
		snprintf(name, sizeof name, "%s. %s", code, indicator_name(c, i));
		num(c, m, sizeof m, ci->summary.mean);
		num(c, md, sizeof md, ci->summary.median);
		num(c, sd, sizeof sd, ci->summary.sd);
		count(c, nb, sizeof nb, ci->n_below);
		count(c, nl, sizeof nl, ci->n_pass_if_raised);
		const char *cells[6] = {name, m, md, sd, nb, nl};
		bool majority = 2 * ci->n_below > ci->summary.n;
		rc = itakit__document_table_row(c->doc, majority ? ITAKIT_ROW_TINT : 0, cells);
	}
	if (!rc) {
		char m[48], md[48], sd[48], nb[16];
		num(c, m, sizeof m, c->cohort.overall.mean);
		num(c, md, sizeof md, c->cohort.overall.median);
		num(c, sd, sizeof sd, c->cohort.overall.sd);
		count(c, nb, sizeof nb, c->cohort.n_units - c->cohort.n_pass);
		const char *cells[6] = {TR(c, "คะแนนภาพรวม", "Overall score"), m, md, sd, nb, "–"};
		rc = itakit__document_table_row(c->doc, ITAKIT_ROW_TOTAL, cells);
	}
	return rc;
}

/* --------------------------------------------------------------- the whole */

static int method(cmp_ctx *c);

static int build(cmp_ctx *c, size_t n_missing)
{
	int rc;
	char y[16], t[16];
	fiscal_year(c, y, sizeof y, c->year);
	threshold_text(c, t, sizeof t);

	/* title */
	itakit_paragraph_style title = ITAKIT_PARAGRAPH_STYLE_INIT;
	title.align = ITAKIT_ALIGN_CENTER;
	title.justify = false;
	title.bold = true;
	title.size = 18;
	title.keep_with_next = true;
	itakit_strbuf_appendf(&c->sb, TR(c, "ผลการประเมินคุณธรรมและความโปร่งใส\nในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\n"
					 "เปรียบเทียบระหว่างหน่วยงาน ปีงบประมาณ พ.ศ. %s",
					 "Integrity and Transparency Assessment (ITA)\nComparison of units, fiscal year %s"), y);
	if (c->o.scope && *c->o.scope)
		itakit_strbuf_appendf(&c->sb, "\n%s", c->o.scope);
	if (!itakit_strbuf_ok(&c->sb))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	title.space_after = 4;
	if ((rc = itakit__document_paragraph(c->doc, c->sb.data, &title)) != 0)
		return rc;
	c->sb.len = 0;
	c->sb.data[0] = '\0';
	/* who prepared it and when */
	if (c->author)
		itakit_strbuf_appendf(&c->sb, TR(c, "จัดทำโดย %s\n", "Prepared by %s\n"), c->author);
	itakit_strbuf_append(&c->sb, c->date);
	itakit_paragraph_style by = title;
	by.bold = false;
	by.size = 0;
	by.space_after = 14;
	if (!itakit_strbuf_ok(&c->sb))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	if ((rc = itakit__document_paragraph(c->doc, c->sb.data, &by)) != 0)
		return rc;
	c->sb.len = 0;
	c->sb.data[0] = '\0';

	/* 1. summary */
	if ((rc = itakit__document_heading(c->doc, 1, TR(c, "สรุปผลการเปรียบเทียบ", "Summary"))) != 0)
		return rc;
	summary_pass(c);
	summary_extremes(c);
	if ((rc = flush_paragraph(c)) != 0)
		return rc;
	summary_change(c);
	if ((rc = flush_paragraph(c)) != 0)
		return rc;
	summary_weaknesses(c);
	summary_lift(c);
	if ((rc = flush_paragraph(c)) != 0)
		return rc;
	summary_missing(c, n_missing);
	if ((rc = flush_paragraph(c)) != 0)
		return rc;

	/* units in ranking order, for the sliced figures */
	size_t n = c->cohort.n_units;
	itakit_unit_analysis *ordered = malloc((n ? n : 1) * sizeof *ordered);
	if (!ordered)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		ordered[i] = *c->cohort.ranking[i].ua;

	/* 2. ranking */
	rc = itakit__document_heading(c->doc, 1, TR(c, "อันดับคะแนนภาพรวม", "Ranking by overall score"));
	if (!rc) {
		itakit_strbuf_appendf(&c->sb, TR(c, "ตารางและแผนภูมิต่อไปนี้เรียงหน่วยงานตามคะแนนภาพรวมจากมากไปน้อย "
						 "หน่วยงานที่ได้คะแนนเท่ากันจะได้อันดับเดียวกัน จุดทึบคือหน่วยงานที่ได้คะแนนต่ำกว่า %s คะแนน จุดโปร่งคือหน่วยงานที่ได้คะแนนตั้งแต่ %s คะแนนขึ้นไป",
						 "The table and the charts below order the units by overall score, highest first; "
						 "units with equal scores share a rank. Filled dots mark units below %s, rings those at %s or above."), t, t);
		rc = flush_paragraph(c);
	}
	/* the table first: it flows from the text above, the tall figures follow */
	if (!rc)
		rc = ranking_table(c);
	if (!rc)
		rc = add_sliced(c, ITAKIT_CHART_RANKING, ordered, n, caption_ranking);

	/* 3. indicators */
	bool have_indicators = c->cohort.n_indicators && c->cohort.indicator[0].summary.n;
	if (!rc)
		rc = itakit__document_heading(c->doc, 1, TR(c, "คะแนนรายตัวชี้วัด", "Indicator scores"));
	if (!rc && !have_indicators) {
		itakit_strbuf_appendf(&c->sb, TR(c, "ข้อมูลปีงบประมาณ พ.ศ. %s มีเฉพาะคะแนนภาพรวม จึงไม่มีการเปรียบเทียบรายตัวชี้วัด",
						 "The data for fiscal year %s hold overall scores only, so indicators are not compared."), y);
		rc = flush_paragraph(c);
	}
	if (!rc && have_indicators) {
		itakit_strbuf_appendf(&c->sb, TR(c, "แผนภูมิการกระจายแสดงคะแนนของทุกหน่วยงานในแต่ละตัวชี้วัดเทียบกับเส้นเกณฑ์ %s คะแนน "
						 "ส่วนแผนภูมิคะแนนรายตัวชี้วัดของแต่ละหน่วยงานทำเครื่องหมายมุมดำไว้ที่ช่องซึ่งคะแนนต่ำกว่าเกณฑ์ และอ่านค่าของสีได้จากแถบสีใต้แผนภูมิ",
						 "The distribution chart shows every unit's score on each indicator against the "
						 "threshold line at %s; in the charts of each unit's indicator scores, a dark corner "
						 "marks a cell below the threshold, and the key under each chart gives a colour's score."), t);
		rc = flush_paragraph(c);
		if (!rc) {
			cmp_figure *f = figure_new(c, ITAKIT_CHART_DISTRIBUTION);
			char cap[1024];
			snprintf(cap, sizeof cap, TR(c, "การกระจายของคะแนนแต่ละตัวชี้วัดระหว่างหน่วยงาน ปีงบประมาณ พ.ศ. %s",
						    "Spread of each indicator's scores across units, fiscal year %s"), y);
			f->data.units = c->units;
			f->data.n_units = c->n;
			f->raster = c->cohort.n_units > MAX_VECTOR_DOTS;
			rc = figure_add(c, f, cap);
		}
		if (!rc)
			rc = indicator_table(c);
		if (!rc)
			rc = add_sliced(c, ITAKIT_CHART_HEATMAP, ordered, n, caption_heatmap);
	}

	/* 4. change */
	size_t n_delta = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const itakit_year_analysis *ya = c->cohort.ranking[i].ya;
		if (ya->overall.has_delta) {
			/* a one-year view of the unit (its year in place, not a copy:
			 * 8,000 copies took 22 MB) so that the sort and the chart see
			 * the year's change at years[0]; only read */
			ordered[n_delta] = *c->cohort.ranking[i].ua;
			ordered[n_delta].years = (itakit_year_analysis *)ya;
			ordered[n_delta].n_years = 1;
			n_delta++;
		}
	}
	if (!rc && n_delta) {
		rc = itakit__document_heading(c->doc, 1, TR(c, "การเปลี่ยนแปลงเทียบกับปีก่อนหน้า", "Change against the previous year"));
		qsort(ordered, n_delta, sizeof *ordered, delta_cmp);
		if (!rc) {
			itakit_strbuf_append(&c->sb, TR(c, "แผนภูมิต่อไปนี้แสดงคะแนนภาพรวมที่เพิ่มขึ้นหรือลดลงของแต่ละหน่วยงาน "
							"เมื่อเทียบกับปีก่อนหน้าที่มีข้อมูล โดยคำนวณจากคะแนนที่ปัดแล้ว แถบทางขวาของเส้นศูนย์คือคะแนนที่เพิ่มขึ้น "
							"แถบทางซ้ายคือคะแนนที่ลดลง",
							"The charts below show how much each unit's overall score rose or fell against "
							"the previous year with data, from the rounded scores: bars right of the zero line rose, bars left of it fell."));
			rc = flush_paragraph(c);
		}
		if (!rc)
			rc = add_sliced(c, ITAKIT_CHART_CHANGE, ordered, n_delta, caption_change);
	}
	if (!rc)
		rc = method(c);
	free(ordered);
	return rc;
}

/* How the figures were computed; the weights come from the framework. */
static int method(cmp_ctx *c)
{
	char t[16];
	int rc = itakit__document_heading(c->doc, 1, TR(c, "วิธีคำนวณ", "Method"));
	if (rc)
		return rc;
	threshold_text(c, t, sizeof t);
	const itakit_framework_era *era = itakit_framework_era_nearest(c->fw, c->year);
	itakit_strbuf_append(&c->sb, TR(c, "คะแนนทุกค่าแสดงเป็นทศนิยมสองตำแหน่ง ปัดครึ่งหนึ่งขึ้นออกจากศูนย์ "
					"คะแนนภาพรวมคำนวณจากคะแนนรายตัวชี้วัดด้วยความละเอียดเต็ม",
					"Scores are shown with two decimals, rounded half away from zero. The overall "
					"score is computed from the indicator scores at full precision"));
	for (size_t i = 0; era && i < era->n_tools; i++) {
		char w[48];
		itakit_format_number(w, sizeof w, era->tools[i].weight, 0, c->o.digits, false);
		itakit_strbuf_appendf(&c->sb, TR(c, "%s%s ร้อยละ %s", "%s%s %s%%"),
				      i ? (c->th ? " " : ", ") : (c->th ? " (" : " ("), era->tools[i].code, w);
	}
	itakit_strbuf_appendf(&c->sb, TR(c, "%s แล้วจึงปัดเพียงครั้งเดียว ส่วนการผ่านเกณฑ์ อันดับ และคะแนนที่เปลี่ยนไป "
					 "ใช้คะแนนที่ปัดแล้ว ผู้อ่านจึงตรวจสอบได้ด้วยการลบเลข เกณฑ์ผ่านในรายงานฉบับนี้คือ %s คะแนน",
					 "%s and rounded once; passing, ranks and changes use the rounded scores, so a "
					 "reader can check them by subtraction. The threshold in this report is %s."),
			      era && era->n_tools ? ")" : "", t);
	return flush_paragraph(c);
}

static bool has_thai(const char *s)
{
	/* U+0E00..U+0E7F are E0 B8 80..E0 B9 BF in UTF-8 */
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xE0 && ((unsigned char)s[1] == 0xB8 || (unsigned char)s[1] == 0xB9))
			return true;
	return false;
}

/* The author and the date of the title page: the profile's, else no author
 * and the date the document is made (SOURCE_DATE_EPOCH, else today). */
static void resolve_author_date(cmp_ctx *c)
{
	const itakit_profile *p = c->o.profile;
	const char *author = p ? itakit_profile_text(p->author, p->author_en, c->o.lang) : NULL;
	/* an English edition names no author it can only give in Thai */
	if (author && *author && (c->th || !has_thai(author)))
		c->author = author;
	itakit_profile when;
	itakit_profile_init(&when);
	if (p && p->date_set) {
		when.date_set = true;
		when.date_year = p->date_year;
		when.date_month = p->date_month;
		when.date_day = p->date_day;
	} else {
		char pdf[32]; /* "YYYY-MM-DDTHH:MM:SSZ" */
		int y = 0, m = 0, d = 0;
		if (itakit__pdf_date(pdf, sizeof pdf) == 0 && sscanf(pdf, "%4d-%2d-%2d", &y, &m, &d) == 3) {
			when.date_set = true;
			when.date_year = y + 543;
			when.date_month = m;
			when.date_day = d;
		}
		itakit_error_clear();
	}
	itakit_profile_format_date(c->date, sizeof c->date, &when, c->o.lang, c->o.digits);
}

int itakit_compare_write(itakit_compare_result *out, const char *path,
			 const itakit_framework *fw, const itakit_unit_analysis *units,
			 size_t n, int year, const itakit_compare_options *opts)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (!path || !fw || (!units && n))
		return itakit_error_set(ITAKIT_EUSAGE, "compare: missing path, framework or units");
	cmp_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	itakit_compare_options def = ITAKIT_COMPARE_OPTIONS_INIT;
	c->o = opts ? *opts : def;
	c->th = c->o.lang == ITAKIT_LANG_TH;
	if (!c->th)
		c->o.digits = ITAKIT_DIGITS_ARABIC; /* English text reads Arabic digits */
	c->fw = fw;
	c->year = year;
	c->units = units;
	c->n = n;
	itakit_analysis_options ao = ITAKIT_ANALYSIS_OPTIONS_INIT;
	ao.threshold = c->o.threshold;
	int rc = itakit_cohort_build(&c->cohort, units, n, year, &ao, fw);
	size_t n_missing = 0;
	if (!rc && !c->cohort.n_units) {
		char y[16];
		rc = itakit_error_set(ITAKIT_ENOTFOUND, "no unit has an overall score for fiscal year %s",
				      itakit_format_int(y, sizeof y, year, ITAKIT_DIGITS_ARABIC));
	}
	if (!rc) {
		n_missing = n - c->cohort.n_units;
		c->era = c->cohort.era;
		if (!c->era)
			c->cohort.n_indicators = 0;
		itakit_document_options dopt = ITAKIT_DOCUMENT_OPTIONS_INIT;
		dopt.font_family = c->o.font;
		dopt.digits = c->o.digits;
		dopt.lang = c->o.lang;
		char title[256], y[16];
		fiscal_year(c, y, sizeof y, year);
		snprintf(title, sizeof title, TR(c, "ผลการประเมิน ITA เปรียบเทียบระหว่างหน่วยงาน ปีงบประมาณ พ.ศ. %s",
						 "ITA results compared across units, fiscal year %s"), y);
		dopt.title = title;
		char subject[512];
		char k[16];
		count(c, k, sizeof k, c->cohort.n_units);
		snprintf(subject, sizeof subject, TR(c, "ผลการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน %s แห่ง%s%s",
						     "Integrity and Transparency Assessment results of %s units%s%s"),
			 k, c->o.scope && *c->o.scope ? TR(c, " ", ": ") : "", c->o.scope ? c->o.scope : "");
		dopt.subject = subject;
		resolve_author_date(c);
		dopt.author = c->author ? c->author : "itakit";
		dopt.running_header = title;
		dopt.page_numbers = c->o.page_numbers_footer ? ITAKIT_PAGE_NUMBERS_FOOTER : ITAKIT_PAGE_NUMBERS_AUTO;
		c->text_w = dopt.page_width - dopt.margin_left - dopt.margin_right;
		c->fig_h_max = dopt.page_height - dopt.margin_top - dopt.margin_bottom - CAPTION_ROOM;
		rc = itakit__document_new(&c->doc, &dopt);
		/* no unit's name is broken across lines */
		for (size_t i = 0; i < n && !rc; i++)
			rc = itakit__document_keep_together(c->doc, units[i].unit->name);
	}
	if (!rc)
		rc = build(c, n_missing);
	int pages = 0;
	if (!rc)
		rc = itakit__document_write(c->doc, path, &pages);
	if (!rc && out) {
		out->pages = pages;
		out->n_units = c->cohort.n_units;
		out->n_pass = c->cohort.n_pass;
		out->n_missing = n_missing;
	}
	itakit__document_free(c->doc);
	for (size_t i = 0; i < c->n_figs; i++)
		free(c->figs[i].slice);
	itakit_cohort_release(&c->cohort);
	itakit_strbuf_release(&c->sb);
	free(c);
	return rc;
}
