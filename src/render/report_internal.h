/* Private to the measure report (report.c, itakit__report_results.c,
 * report_measures.c): the state of one report being built. Everything here
 * lives on the caller's stack for one itakit_report_write call, so
 * concurrent calls share nothing. */
#ifndef ITAKIT_RENDER_REPORT_INTERNAL_H
#define ITAKIT_RENDER_REPORT_INTERNAL_H

#include "itakit/chart.h"
#include "itakit/narrative.h"
#include "itakit/report.h"
#include "itakit/strbuf.h"
#include "render/document.h"

#define REPORT_MAX_FIGURES 4

/* A chart placed as a document figure: the draw callback's user data, so it
 * must outlive the document's write. */
typedef struct {
	itakit_chart_kind kind;
	itakit_chart_data data;
	itakit_chart_options opts;
} report_figure;

typedef struct {
	itakit_document *doc;
	const itakit_framework *fw;
	const itakit_unit_analysis *ua;
	const itakit_year_analysis *ya;
	const itakit_year_analysis *prev; /* the previous year with data, or NULL */
	const itakit_framework_era *era;  /* never NULL once built */
	itakit_report_options o;          /* resolved: threshold, target, font */
	const itakit_measures *measures;  /* opts' or the loaded built-in one */
	itakit_narrative n;
	bool th;                          /* Thai edition */
	const char *agency;               /* title name: profile's (English in the English
					     edition when given) or the unit's */
	bool agency_is_unit;              /* the document is the unit's own */
	/* ua as given but for the unit's name: in the English edition of a
	 * unit's own document, the profile's agency_en, so that the narrative
	 * and the charts name it in English too (ua points here then) */
	itakit_unit unit_named;
	itakit_unit_analysis ua_named;
	int year;                         /* the assessment year (results) */
	int plan_year;                    /* the fiscal year the measures run in */
	size_t n_figures;
	report_figure figures[REPORT_MAX_FIGURES];
	itakit_report_result *result;
	void *emblem_svg;                 /* the cover's SVG emblem (RsvgHandle), drawn
					     at the write; NULL for none or a PNG */
} report;

/* "th" in the Thai edition, "en" in the English one. */
static inline const char *report_tr(const report *r, const char *th, const char *en)
{
	return r->th ? th : en;
}

/* A profile text field in the edition's language: e.g. PTEXT(r, author) is
 * author_en in the English edition when given, else author; NULL without a
 * profile or when the key is absent. */
#define PTEXT(r, f) ((r)->o.profile ? itakit_profile_text((r)->o.profile->f, (r)->o.profile->f##_en, \
							 (r)->o.lang) : NULL)

/* Number in the report's digits (buf >= 32 bytes). */
const char *itakit__report_int(const report *r, char *buf, size_t size, long v);
/* A fiscal year in the report's digits: BE in the Thai edition, CE (BE -
 * 543) in the English one (buf >= 32 bytes). */
const char *itakit__report_year(const report *r, char *buf, size_t size, int be);
/* Score with two decimals in the report's digits (buf >= 48 bytes). */
const char *itakit__report_score(const report *r, char *buf, size_t size, double v);
/* The threshold or target as printed: "85", or "85.50" when not whole. */
const char *itakit__report_line_value(const report *r, char *buf, size_t size, double v);

/* Text from the catalog or the profile in the report's digits (malloc'd,
 * NULL on out of memory). */
char *itakit__report_localize(const report *r, const char *text);

/* Level-1 heading "๒. title" / level-2 "๒.๑ title", numbered in order. */
int itakit__report_section(report *r, const char *title);
int itakit__report_subsection(report *r, const char *title);

/* A body paragraph (justified, first line indented); empty text adds
 * nothing. */
int itakit__report_paragraph(report *r, const char *text);

/* Starts a captioned table (itakit__document_next_number tells its number
 * beforehand, so text can refer to it). */
int itakit__report_table(report *r, const itakit_table_column *cols, size_t n, const char *caption,
		 double font_size);

/* "ตัวชี้วัดที่ ๒, ๔ และ ๕" / "indicators 2, 4 and 5" appended to b. */
void itakit__report_indicator_list(const report *r, itakit_strbuf *b, const int *codes, size_t n);

/* The indicator's name in the edition's language (capitalised in English
 * when for_table). */
void itakit__report_indicator_name(const report *r, itakit_strbuf *b, int code);

/* Section ๒ and its subsections (results, what moved the score, where
 * effort pays), and section ๓ (the measures table). */
int itakit__report_results(report *r);
int itakit__report_measures_section(report *r);

/* The official parts (report_official.c): the profile's emblem on the
 * cover, PNG or SVG; the approval block at the end when the profile names
 * an approver or a position; itakit__report_official_release frees the emblem once
 * the document is written. */
int itakit__report_emblem(report *r);
int itakit__report_approval(report *r);
void itakit__report_official_release(report *r);

#endif
