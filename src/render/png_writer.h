/* The one PNG writer: cairo image surfaces to PNG through zlib directly.
 * cairo's own writer (libpng at zlib's default level) spent about 70% of a
 * chart's time compressing; charts are flat colour, so a fast level with a
 * per-row SUB/UP filter gives files of similar size in a fraction of the
 * time. Output is a pure function of the pixels (deterministic). */
#ifndef ITAKIT_RENDER_PNG_WRITER_H
#define ITAKIT_RENDER_PNG_WRITER_H

#include <cairo.h>

/* Writes image (CAIRO_FORMAT_ARGB32 or RGB24) as an 8-bit PNG: RGB when
 * every pixel is opaque, else RGBA with the alpha un-premultiplied. dpi > 0
 * records the resolution (pHYs) so that viewers and word processors know
 * the physical size. Bytes go to write(closure, ...), which reports
 * failure with a status other than CAIRO_STATUS_SUCCESS. Returns 0,
 * ITAKIT_EUSAGE (not an image surface of those formats), ITAKIT_ENOMEM or
 * ITAKIT_ERROR (write failed), with a message. */
int itakit__png_write(cairo_surface_t *image, double dpi, cairo_write_func_t write, void *closure);

#endif
