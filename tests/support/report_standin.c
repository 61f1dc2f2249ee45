/* TEMPORARY stand-in for itakit_report_write (issue 4, being written on
 * another branch) so that `itakit batch` links and its tests run before
 * the real report lands. CMakeLists.txt compiles it into the CLI only while
 * src/render/report.c does not exist; delete this file after merging it.
 * It writes a one-page document through the same engine and fails the
 * same way (no such year, a character the font cannot draw). */
#include "itakit/report.h"
#include "itakit/error.h"
#include "render/document.h"

#include <stdio.h>
#include <string.h>

int itakit_report_write(itakit_report_result *out, const char *path,
			const itakit_framework *fw, const itakit_unit_analysis *ua, int year,
			const itakit_report_options *opts)
{
	(void)fw;
	const itakit_year_analysis *ya = itakit_unit_analysis_year(ua, year);
	if (!ya)
		return itakit_error_set(ITAKIT_ENOTFOUND, "%s has no data for fiscal year %d", ua->unit->name, year);
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.font_family = opts ? opts->font : NULL;
	o.title = ua->unit->name;
	itakit_document *doc;
	int rc = itakit_document_new(&doc, &o);
	if (rc)
		return rc;
	char s[48], text[512];
	itakit_format_number(s, sizeof s, ya->overall.value, 2, ITAKIT_DIGITS_THAI, false);
	snprintf(text, sizeof text, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสของ%s", ua->unit->name);
	rc = itakit_document_heading(doc, 1, text);
	snprintf(text, sizeof text, "คะแนนภาพรวม %s คะแนน (ฉบับชั่วคราว)", s);
	if (!rc)
		rc = itakit_document_paragraph(doc, text, NULL);
	int pages = 0;
	if (!rc)
		rc = itakit_document_write_pdf(doc, path, &pages);
	itakit_document_free(doc);
	if (!rc && out) {
		memset(out, 0, sizeof *out);
		out->pages = pages;
	}
	return rc;
}
