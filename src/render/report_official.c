/* The official parts of the measure report, both optional from the profile:
 * the emblem on the cover (PNG, or SVG drawn as vectors through librsvg) and
 * the approval block at the end ("ประกาศ ณ วันที่ ...", a signature line, the
 * approver's name in brackets and position).
 *
 * librsvg is opened with dlopen when an SVG emblem is drawn, not linked: it
 * brings libxml2, ICU's 30 MB of data and a Rust runtime, which every run
 * would otherwise map, and which a report without an SVG never needs. */
#include "render/report_internal.h"
#include "itakit/error.h"

#include <dlfcn.h>
#include <librsvg/rsvg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EMBLEM_WIDTH ITAKIT_CM(2.8)
/* Where the signature block starts: its lines are centred on the right part
 * of the text width, as Thai official documents sign. */
#define SIGNATURE_INDENT ITAKIT_CM(7.0)
/* A line to sign on or to fill in by hand. */
#define DOTS "……………………………………"

#define TRY(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

/* ---- emblem ---------------------------------------------------------------- */

#ifndef ITAKIT_RSVG_SONAME
#define ITAKIT_RSVG_SONAME "librsvg-2.so.2"
#endif

/* The librsvg functions used, resolved once for the process. */
static struct {
	RsvgHandle *(*new_from_file)(const char *, GError **);
	gboolean (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *, GError **);
	gboolean (*size_in_pixels)(RsvgHandle *, gdouble *, gdouble *);
	void (*dimensions)(RsvgHandle *, gboolean *, RsvgLength *, gboolean *, RsvgLength *,
			   gboolean *, RsvgRectangle *);
	char error[256];
} rsvg;
static pthread_once_t rsvg_once = PTHREAD_ONCE_INIT;

static void rsvg_open(void)
{
	/* never closed: the library stays for the process, as if linked */
	void *lib = dlopen(ITAKIT_RSVG_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *e = dlerror();
		snprintf(rsvg.error, sizeof rsvg.error, "%s", e ? e : ITAKIT_RSVG_SONAME " not found");
		return;
	}
	*(void **)(&rsvg.new_from_file) = dlsym(lib, "rsvg_handle_new_from_file");
	*(void **)(&rsvg.render_document) = dlsym(lib, "rsvg_handle_render_document");
	*(void **)(&rsvg.size_in_pixels) = dlsym(lib, "rsvg_handle_get_intrinsic_size_in_pixels");
	*(void **)(&rsvg.dimensions) = dlsym(lib, "rsvg_handle_get_intrinsic_dimensions");
	if (!rsvg.new_from_file || !rsvg.render_document || !rsvg.size_in_pixels || !rsvg.dimensions) {
		snprintf(rsvg.error, sizeof rsvg.error, "%s is older than 2.52", ITAKIT_RSVG_SONAME);
		rsvg.new_from_file = NULL;
	}
}

static int draw_svg(cairo_t *cr, double width, double height, void *user)
{
	RsvgHandle *h = user;
	RsvgRectangle viewport = {0, 0, width, height};
	GError *err = NULL;
	if (!rsvg.render_document(h, cr, &viewport, &err)) {
		int rc = itakit_error_set(ITAKIT_EINPUT, "emblem: cannot draw the SVG: %s",
					  err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		return rc;
	}
	return 0;
}

/* Height over width of the SVG: from its size, else its viewBox, else 1. */
static double svg_aspect(RsvgHandle *h)
{
	double w = 0, ht = 0;
	if (rsvg.size_in_pixels(h, &w, &ht) && w > 0 && ht > 0)
		return ht / w;
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	rsvg.dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
	if (has_vb && vb.width > 0 && vb.height > 0)
		return vb.height / vb.width;
	return 1.0;
}

int itakit__report_emblem(report *r)
{
	const itakit_profile *p = r->o.profile;
	if (!p || !p->logo)
		return 0;
	if (!p->logo_svg)
		return itakit__document_image(r->doc, p->logo, EMBLEM_WIDTH, ITAKIT_ALIGN_CENTER);
	pthread_once(&rsvg_once, rsvg_open);
	if (!rsvg.new_from_file)
		return itakit_error_set(ITAKIT_ENOTFOUND, "%s: an SVG emblem needs librsvg (Debian package "
					"librsvg2-2): %s", p->logo, rsvg.error);
	GError *err = NULL;
	RsvgHandle *h = rsvg.new_from_file(p->logo, &err);
	if (!h) {
		int rc = itakit_error_set(ITAKIT_EINPUT, "%s: not a valid SVG file: %s", p->logo,
					  err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		return rc;
	}
	r->emblem_svg = h; /* freed by itakit__report_official_release, after the write */
	double height = EMBLEM_WIDTH * svg_aspect(h);
	/* a very tall emblem would push the title off the first page */
	double width = EMBLEM_WIDTH;
	if (height > 2 * EMBLEM_WIDTH) {
		width *= 2 * EMBLEM_WIDTH / height;
		height = 2 * EMBLEM_WIDTH;
	}
	return itakit__document_figure(r->doc, width, height, draw_svg, h, NULL);
}

void itakit__report_official_release(report *r)
{
	if (r->emblem_svg)
		g_object_unref(r->emblem_svg);
	r->emblem_svg = NULL;
}

/* ---- approval block -------------------------------------------------------- */

static int line(report *r, const char *text, double left, itakit_align align, bool keep, double after)
{
	itakit_paragraph_style st = ITAKIT_PARAGRAPH_STYLE_INIT;
	st.align = align;
	st.justify = false;
	st.left_indent = left;
	st.keep_with_next = keep;
	st.space_after = after;
	return itakit__document_paragraph(r->doc, text, &st);
}

/* "๓๑ มกราคม พ.ศ. ๒๕๖๗" / "31 January 2024", or dots to fill in. */
static void approval_date(const report *r, char *buf, size_t size)
{
	const itakit_profile *p = r->o.profile;
	char d[128];
	if (p->approval_date_set)
		itakit_profile_format_ymd(d, sizeof d, p->approval_year, p->approval_month,
					  p->approval_day, r->o.lang, r->o.digits);
	else
		itakit_profile_format_date(d, sizeof d, p, r->o.lang, r->o.digits);
	if (!d[0]) {
		snprintf(buf, size, "%s", DOTS);
		return;
	}
	/* the Thai official form names the era before the year */
	const char *year = strrchr(d, ' ');
	if (r->th && year)
		snprintf(buf, size, "%.*s พ.ศ.%s", (int)(year - d), d, year);
	else
		snprintf(buf, size, "%s", d);
}

int itakit__report_approval(report *r)
{
	const itakit_profile *p = r->o.profile;
	if (!p || (!p->approval_name && !p->approval_position))
		return 0;
	const char *name = PTEXT(r, approval_name);
	const char *position = PTEXT(r, approval_position);
	char date[192];
	approval_date(r, date, sizeof date);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	int rc = itakit__document_spacer(r->doc, 12);

	if (!rc) {
		itakit_strbuf_appendf(&b, r->th ? "ประกาศ ณ วันที่ %s" : "Announced on %s", date);
		rc = itakit_strbuf_ok(&b) ? line(r, b.data, ITAKIT_CM(2.5), ITAKIT_ALIGN_LEFT, true, 36)
					  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	/* the space above is for the signature */
	if (!rc) {
		b.len = 0;
		itakit_strbuf_appendf(&b, r->th ? "ลงชื่อ %s" : "Signed %s", DOTS);
		rc = itakit_strbuf_ok(&b) ? line(r, b.data, SIGNATURE_INDENT, ITAKIT_ALIGN_CENTER, true, 2)
					  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	if (!rc) {
		b.len = 0;
		itakit_strbuf_appendf(&b, "(%s)", name ? name : DOTS);
		rc = itakit_strbuf_ok(&b) ? line(r, b.data, SIGNATURE_INDENT, ITAKIT_ALIGN_CENTER, position != NULL, 2)
					  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	if (!rc && position) {
		char *text = itakit__report_localize(r, position);
		rc = text ? line(r, text, SIGNATURE_INDENT, ITAKIT_ALIGN_CENTER, false, 0)
			  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		free(text);
	}
	itakit_strbuf_release(&b);
	return rc;
}
