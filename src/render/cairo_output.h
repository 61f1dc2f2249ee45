/* What every cairo output file shares: a stream sink over the atomic
 * writer's FILE that remembers a failed write, and the PDF dates. */
#ifndef ITAKIT_RENDER_CAIRO_OUTPUT_H
#define ITAKIT_RENDER_CAIRO_OUTPUT_H

#include <stddef.h>
#include <stdio.h>
#include <cairo.h>

typedef struct {
	FILE *fp;
	int err;   /* errno of the first failed write; later writes are skipped */
} itakit_cairo_sink;

/* A cairo_write_func_t over an itakit_cairo_sink. A failed write (disk
 * full) is remembered, not returned to cairo: cairo 1.16's PDF surface
 * aborts on an assertion in its error path (_cairo_array_index_const) when a
 * write fails mid-document. The caller checks sink->err after finishing. */
cairo_status_t itakit__cairo_sink_write(void *closure, const unsigned char *data, unsigned int length);

/* The PDF creation date, "YYYY-MM-DDTHH:MM:SSZ" in UTC: SOURCE_DATE_EPOCH
 * (reproducible output) or now. cairo 1.16 would stamp the current time and
 * ignores SOURCE_DATE_EPOCH. Returns 0, or ITAKIT_EUSAGE for a malformed
 * SOURCE_DATE_EPOCH (refused rather than silently replaced). */
int itakit__pdf_date(char *buf, size_t size);

/* Sets the creation and modification dates of a PDF surface to date. */
void itakit__pdf_set_dates(cairo_surface_t *pdf, const char *date);

#endif
