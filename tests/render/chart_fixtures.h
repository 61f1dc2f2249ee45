/* Hand-made analyses for the chart tests: the framework's ten indicators,
 * Bangkok's published figures (2566 indicators; overall 2562, 2563, 2565,
 * 2566, with 2564 missing), the national average, and 50 districts with
 * SYNTHETIC scores (no per-district figures are public). Units are built by
 * hand where the tests need precise control (gaps, missing indicators,
 * extreme scores); the cohort over them is the library's. */
#ifndef CHART_FIXTURES_H
#define CHART_FIXTURES_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itakit/chart.h"

#define FX_NI 10

static itakit_framework_era fx_era;
static itakit_framework fx_fw;

static const char *const fx_ind_th[FX_NI] = {
	"การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ",
	"การแก้ไขปัญหาการทุจริต", "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร",
	"การปรับปรุงการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต",
};
static const char *const fx_ind_en[FX_NI] = {
	"performance of duty", "use of budget", "use of authority", "use of state property",
	"solving corruption problems", "quality of operations", "communication efficiency",
	"work improvement", "information disclosure", "corruption prevention",
};
static const int fx_ind_tool[FX_NI] = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};

static void fx_framework(void)
{
	static char *codes[3] = {"IIT", "EIT", "OIT"};
	static const double weights[3] = {30, 30, 40};
	memset(&fx_era, 0, sizeof fx_era);
	fx_era.year_from = 2563;
	fx_era.year_to = 2568;
	fx_era.n_tools = 3;
	for (int t = 0; t < 3; t++) {
		fx_era.tools[t].code = codes[t];
		fx_era.tools[t].name_th = codes[t];
		fx_era.tools[t].name_en = codes[t];
		fx_era.tools[t].weight = weights[t];
	}
	fx_era.n_indicators = FX_NI;
	for (int i = 0; i < FX_NI; i++) {
		fx_era.indicators[i].code = i + 1;
		fx_era.indicators[i].tool = fx_ind_tool[i];
		fx_era.indicators[i].name_th = (char *)fx_ind_th[i];
		fx_era.indicators[i].name_en = (char *)fx_ind_en[i];
	}
	memset(&fx_fw, 0, sizeof fx_fw);
	fx_fw.threshold = 85;
	fx_fw.target = 90;
	fx_fw.n_eras = 1;
	fx_fw.eras = &fx_era;
}

/* One year of input: indicator scores (NaN: not given; all NaN: only the
 * overall is known) and a reported overall (NaN: compute it). */
typedef struct {
	int year;
	double ind[FX_NI];
	double overall;
} fx_year;

#define FX_NOIND {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN}

static void fx_score(itakit_score *s, double v, const itakit_score *prev)
{
	s->known = isfinite(v);
	s->value = s->known ? v : 0;
	s->rounded = itakit_score_round(s->value);
	s->has_delta = s->known && prev && prev->known;
	s->delta = s->has_delta ? itakit_round(v, 2) - itakit_round(prev->value, 2) : 0;
}

/* Least squares on the known points, with a rough interval (fixture only:
 * the real one comes from itakit_stats_fit). */
static void fx_fit(itakit_linear_fit *f, const double *x, const double *y, size_t n, double x_next)
{
	memset(f, 0, sizeof *f);
	if (n < 3)
		return;
	double mx = 0, my = 0, sxx = 0, sxy = 0, sse = 0;
	for (size_t i = 0; i < n; i++)
		mx += x[i] / n, my += y[i] / n;
	for (size_t i = 0; i < n; i++)
		sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
	f->ok = true;
	f->n = n;
	f->slope = sxy / sxx;
	f->intercept = my - f->slope * mx;
	for (size_t i = 0; i < n; i++) {
		double e = y[i] - (f->intercept + f->slope * x[i]);
		sse += e * e;
	}
	double s = sqrt(sse / (double)(n - 2)) + 0.5;
	/* the slope's two-sided t-test at 5%, from the table for 1-5 degrees
	 * of freedom (the fixtures have at most seven years) */
	static const double t975[] = {12.706, 4.303, 3.182, 2.776, 2.571};
	size_t df = n - 2 < 5 ? n - 2 : 5;
	f->sloped = fabs(f->slope) > t975[df - 1] * sqrt(sse / (double)(n - 2) / sxx);
	f->x_next = x_next;
	f->forecast = f->intercept + f->slope * x_next;
	f->low = f->forecast - 4.3 * s;
	f->high = f->forecast + 4.3 * s;
}

static void fx_trends(itakit_unit_analysis *ua)
{
	if (!ua->n_years)
		return;
	double x_next = ua->years[ua->n_years - 1].year + 1;
	for (int i = 0; i < FX_NI; i++) {
		double x[32], y[32];
		size_t n = 0;
		for (size_t j = 0; j < ua->n_years && n < 32; j++)
			if (ua->years[j].indicator[i].known)
				x[n] = ua->years[j].year, y[n++] = ua->years[j].indicator[i].value;
		fx_fit(&ua->trend_indicator[i].fit, x, y, n, x_next);
	}
}

/* Judges the year's scores against the flag line as the analysis does (the
 * charts draw these flags and never judge a score themselves): a test that
 * wants another line, or a flag the rounding alone would not give, sets
 * them after. */
static void fx_judge(itakit_year_analysis *ya, double threshold)
{
	itakit_score *all[FX_NI + 4];
	size_t n = 0;
	all[n++] = &ya->overall;
	for (int t = 0; t < 3; t++)
		all[n++] = &ya->tool[t];
	for (int i = 0; i < FX_NI; i++)
		all[n++] = &ya->indicator[i];
	ya->threshold = threshold;
	ya->n_flagged = 0;
	for (size_t k = 0; k < n; k++) {
		all[k]->flagged = all[k]->known && all[k]->rounded < threshold;
		all[k]->gap = all[k]->known ? itakit_score_round(all[k]->rounded - threshold) : 0;
	}
	for (int i = 0; i < FX_NI; i++)
		if (ya->indicator[i].flagged)
			ya->flagged[ya->n_flagged++] = i + 1;
}

static void fx_year_fill(itakit_year_analysis *ya, const fx_year *in, const itakit_year_analysis *prev)
{
	memset(ya, 0, sizeof *ya);
	ya->year = in->year;
	ya->era = in->year >= fx_era.year_from ? &fx_era : NULL;
	ya->level = -1;
	double sum[3] = {0}, cnt[3] = {0};
	for (int i = 0; i < FX_NI; i++) {
		fx_score(&ya->indicator[i], in->ind[i], prev ? &prev->indicator[i] : NULL);
		if (ya->indicator[i].known) {
			ya->n_indicators_known++;
			sum[fx_ind_tool[i]] += in->ind[i];
			cnt[fx_ind_tool[i]]++;
		}
	}
	double overall = in->overall;
	if (cnt[0] && cnt[1] && cnt[2]) {
		for (int t = 0; t < 3; t++)
			fx_score(&ya->tool[t], sum[t] / cnt[t], prev ? &prev->tool[t] : NULL);
		if (!isfinite(overall))
			overall = 0.3 * ya->tool[0].value + 0.3 * ya->tool[1].value + 0.4 * ya->tool[2].value;
	}
	fx_score(&ya->overall, overall, prev ? &prev->overall : NULL);
	ya->previous_year = prev ? prev->year : 0;
	ya->pass_line = 85;
	ya->pass = ya->overall.known && ya->overall.rounded >= ya->pass_line;
	fx_judge(ya, fx_fw.threshold);
}

static void fx_unit(itakit_unit_analysis *ua, itakit_unit *u, const char *name, const fx_year *ys, size_t n)
{
	memset(u, 0, sizeof *u);
	memset(ua, 0, sizeof *ua);
	u->name = strdup(name);
	ua->unit = u;
	ua->n_years = n;
	ua->years = calloc(n ? n : 1, sizeof *ua->years);
	for (size_t i = 0; i < n; i++)
		fx_year_fill(&ua->years[i], &ys[i], i ? &ua->years[i - 1] : NULL);
	fx_trends(ua);
}

static void fx_unit_free(itakit_unit_analysis *ua)
{
	free(ua->years);
	free(((itakit_unit *)ua->unit)->name);
	memset(ua, 0, sizeof *ua);
}

/* Bangkok: 2566 indicators as published; 2565 indicators SYNTHETIC, chosen
 * to give the published 90.01; 2562 and 2563 overall only; 2564 missing. */
static const fx_year fx_bangkok[] = {
	{2562, FX_NOIND, 88.50},
	{2563, FX_NOIND, 91.48},
	{2565, {93.10, 79.50, 86.20, 80.40, 80.80, 84.10, 82.30, 81.70, 100, 100}, NAN},
	{2566, {92.27, 77.83, 85.85, 77.95, 78.31, 82.88, 81.22, 78.37, 100.00, 100.00}, NAN},
};

/* SYNTHETIC five years of indicators (trend panels); indicator 5 is known
 * in two years only, so its panel has no trend. */
static const fx_year fx_trendy[] = {
	{2562, {86.10, 70.20, 88.00, 72.50, NAN, 80.10, 76.00, 74.20, 90.00, 88.00}, NAN},
	{2563, {87.40, 72.80, 86.90, 74.10, NAN, 81.00, 78.30, 76.00, 95.00, 92.00}, NAN},
	{2564, {88.20, 74.90, 87.50, 73.80, NAN, 80.40, 79.10, 77.40, 97.00, 96.50}, NAN},
	{2565, {90.30, 76.10, 86.20, 76.90, 80.80, 82.60, 80.20, 77.90, 100, 100}, NAN},
	{2566, {92.27, 77.83, 85.85, 77.95, 78.31, 82.88, 81.22, 78.37, 100.00, 100.00}, NAN},
};

static const fx_year fx_national[] = {
	{2564, FX_NOIND, 81.25}, {2565, FX_NOIND, 87.57}, {2566, FX_NOIND, 90.19},
};

static const char *const fx_districts[50] = {
	"พระนคร", "ป้อมปราบศัตรูพ่าย", "สัมพันธวงศ์", "บางรัก", "ปทุมวัน", "ดุสิต", "พญาไท",
	"ราชเทวี", "บางซื่อ", "จตุจักร", "ห้วยขวาง", "ดินแดง", "วังทองหลาง", "ลาดพร้าว",
	"บางเขน", "หลักสี่", "ดอนเมือง", "สายไหม", "บางกะปิ", "บึงกุ่ม", "คันนายาว", "สะพานสูง",
	"มีนบุรี", "ลาดกระบัง", "หนองจอก", "คลองสามวา", "บางนา", "พระโขนง", "วัฒนา", "คลองเตย",
	"สาทร", "บางคอแหลม", "ยานนาวา", "ประเวศ", "สวนหลวง", "ธนบุรี", "คลองสาน", "บางกอกใหญ่",
	"บางกอกน้อย", "บางพลัด", "ตลิ่งชัน", "ทวีวัฒนา", "ภาษีเจริญ", "บางแค", "หนองแขม",
	"จอมทอง", "ราษฎร์บูรณะ", "ทุ่งครุ", "บางขุนเทียน", "บางบอน",
};

/* A name of 60+ characters, to test wrapping and ellipsizing. */
#define FX_LONG_NAME "สำนักงานส่งเสริมและพัฒนาระบบการบริหารจัดการทรัพยากรบุคคลภาครัฐส่วนกลาง"

static double fx_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (double)((*state >> 8) & 0xffff) / 65536.0;
}

/* n SYNTHETIC district units, 2565 and 2566, deterministic. */
static void fx_districts_make(itakit_unit_analysis *uas, itakit_unit *us, size_t n)
{
	unsigned st = 42;
	for (size_t k = 0; k < n; k++) {
		fx_year ys[2];
		double base = 72 + 24 * fx_rand(&st);
		for (int j = 0; j < 2; j++) {
			ys[j].year = 2565 + j;
			ys[j].overall = NAN;
			for (int i = 0; i < FX_NI; i++) {
				double v = base + (i >= 8 ? 8 : 0) + 14 * (fx_rand(&st) - 0.5) + j * 2;
				ys[j].ind[i] = fmin(100, fmax(40, round(v * 100) / 100));
			}
		}
		char name[256];
		snprintf(name, sizeof name, "สำนักงานเขต%s", fx_districts[k % 50]);
		fx_unit(&uas[k], &us[k], name, ys, 2);
	}
}

/* The cohort comes from the real itakit_cohort_build over the hand-made
 * units: the chart then draws the quartiles and counts the library gives
 * the report, not a fixture's own arithmetic. */
static void fx_cohort(itakit_cohort *c, const itakit_unit_analysis *uas, size_t n, int year)
{
	if (itakit_cohort_build(c, uas, n, year, NULL, &fx_fw) != 0)
		memset(c, 0, sizeof *c);
}

#endif
