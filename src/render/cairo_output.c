#include "render/cairo_output.h"
#include "core/clock.h"
#include "itakit/error.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

cairo_status_t itakit__cairo_sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	itakit_cairo_sink *sink = closure;
	if (!sink->err && fwrite(data, 1, length, sink->fp) != length)
		sink->err = errno ? errno : EIO;
	return CAIRO_STATUS_SUCCESS;
}

int itakit__pdf_date(char *buf, size_t size)
{
	time_t t;
	int rc = itakit__source_date(&t);
	if (rc != 0)
		return rc;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return itakit_error_set(ITAKIT_ERROR, "cannot format the PDF date");
	return 0;
}

void itakit__pdf_set_dates(cairo_surface_t *pdf, const char *date)
{
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
}
