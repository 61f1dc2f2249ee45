#include "render/cairo_output.h"
#include "itakit/error.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

cairo_status_t itakit_cairo_sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	itakit_cairo_sink *sink = closure;
	if (!sink->err && fwrite(data, 1, length, sink->fp) != length)
		sink->err = errno ? errno : EIO;
	return CAIRO_STATUS_SUCCESS;
}

int itakit_pdf_date(char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0 || v > 253402300799LL)
			return itakit_error_set(ITAKIT_EUSAGE, "SOURCE_DATE_EPOCH \"%s\" is not a number of seconds", sde);
		t = (time_t)v;
	} else {
		t = time(NULL);
	}
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return itakit_error_set(ITAKIT_ERROR, "cannot format the PDF date");
	return 0;
}

void itakit_pdf_set_dates(cairo_surface_t *pdf, const char *date)
{
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
}
