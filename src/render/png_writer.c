/* PNG encoding with zlib: see png_writer.h for why it is not cairo's. */
#include "render/png_writer.h"
#include "itakit/error.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Level 2: the gallery is 4% larger than at level 6 and 1% smaller than at
 * level 1; a chart costs ~2.3 times less CPU than at level 6 and ~6 times
 * less than at level 9 (bench_charts). */
#define PNG_LEVEL 2
#define OUT_CHUNK 65536

typedef struct {
	cairo_write_func_t write;
	void *closure;
	bool failed;
} png_out;

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void emit(png_out *o, const unsigned char *data, size_t len)
{
	if (!o->failed && len && o->write(o->closure, data, (unsigned int)len) != CAIRO_STATUS_SUCCESS)
		o->failed = true;
}

/* length, type, data, CRC of type and data */
static void chunk(png_out *o, const char type[4], const unsigned char *data, size_t len)
{
	unsigned char head[8], tail[4];
	put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	uLong crc = crc32(0L, (const Bytef *)type, 4);
	if (len)
		crc = crc32(crc, data, (uInt)len);
	put32(tail, (uint32_t)crc);
	emit(o, head, 8);
	emit(o, data, len);
	emit(o, tail, 4);
}

static bool all_opaque(const unsigned char *data, int w, int h, int stride)
{
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++)
			if ((row[x] >> 24) != 0xff)
				return false;
	}
	return true;
}

/* One row of cairo pixels (native-endian premultiplied ARGB words) as
 * straight RGB or RGBA bytes. */
static void unpack_row(unsigned char *out, const uint32_t *row, int w, bool alpha)
{
	for (int x = 0; x < w; x++) {
		uint32_t p = row[x];
		unsigned a = alpha ? p >> 24 : 0xff;
		unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
		if (a != 0xff && a != 0) {
			r = (r * 255 + a / 2) / a;
			g = (g * 255 + a / 2) / a;
			b = (b * 255 + a / 2) / a;
		}
		*out++ = (unsigned char)r;
		*out++ = (unsigned char)g;
		*out++ = (unsigned char)b;
		if (alpha)
			*out++ = (unsigned char)a;
	}
}

static inline unsigned abs_byte(unsigned char d)
{
	return d < 128 ? d : 256u - d;
}

/* Filters cur (against prev, NULL for the first row) into out[1..] with SUB
 * or UP, whichever gives the smaller sum of absolute differences (libpng's
 * heuristic, restricted to the two filters that suit flat charts). The
 * loops keep the first pixel apart so that the rest run without a branch
 * (the compiler vectorises them), and a row equal to the one above, common
 * in charts, is all zeros under UP without summing. */
static void filter_row(unsigned char *out, const unsigned char *cur, const unsigned char *prev,
		       size_t n, int bpp)
{
	size_t head = n < (size_t)bpp ? n : (size_t)bpp;
	bool use_up;
	if (prev && memcmp(cur, prev, n) == 0) {
		/* UP sums to 0, so it wins unless SUB does too (an all-zero row) */
		use_up = cur[0] != 0 || memcmp(cur, cur + 1, n - 1) != 0;
		out[0] = use_up ? 2 : 1;
		memset(out + 1, 0, n);
		return;
	}
	unsigned long sub = 0, up = 0;
	for (size_t i = 0; i < head; i++)
		sub += abs_byte(cur[i]);
	for (size_t i = head; i < n; i++)
		sub += abs_byte((unsigned char)(cur[i] - cur[i - (size_t)bpp]));
	if (prev)
		for (size_t i = 0; i < n; i++)
			up += abs_byte((unsigned char)(cur[i] - prev[i]));
	use_up = prev && up < sub;
	out[0] = use_up ? 2 : 1;
	if (use_up) {
		for (size_t i = 0; i < n; i++)
			out[1 + i] = (unsigned char)(cur[i] - prev[i]);
	} else {
		memcpy(out + 1, cur, head);
		for (size_t i = head; i < n; i++)
			out[1 + i] = (unsigned char)(cur[i] - cur[i - (size_t)bpp]);
	}
}

/* Deflates what is in zs's input; with flush Z_FINISH, to the end. Full
 * output buffers go out as IDAT chunks. */
static int deflate_out(png_out *o, z_stream *zs, unsigned char *buf, int flush)
{
	int zr;
	do {
		zr = deflate(zs, flush);
		if (zr == Z_STREAM_ERROR)
			return -1;
		if (zs->avail_out == 0 || (flush == Z_FINISH && zs->avail_out < OUT_CHUNK)) {
			chunk(o, "IDAT", buf, OUT_CHUNK - zs->avail_out);
			zs->next_out = buf;
			zs->avail_out = OUT_CHUNK;
		}
	} while (zs->avail_in > 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
	return 0;
}

int itakit__png_write(cairo_surface_t *image, double dpi, cairo_write_func_t write, void *closure)
{
	if (!image || cairo_surface_get_type(image) != CAIRO_SURFACE_TYPE_IMAGE)
		return itakit_error_set(ITAKIT_EUSAGE, "png: not an image surface");
	cairo_format_t fmt = cairo_image_surface_get_format(image);
	if (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24)
		return itakit_error_set(ITAKIT_EUSAGE, "png: unsupported pixel format %d", (int)fmt);
	cairo_surface_flush(image);
	const unsigned char *data = cairo_image_surface_get_data(image);
	int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
	int stride = cairo_image_surface_get_stride(image);
	if (!data || w < 1 || h < 1)
		return itakit_error_set(ITAKIT_EUSAGE, "png: empty image");
	bool alpha = fmt == CAIRO_FORMAT_ARGB32 && !all_opaque(data, w, h, stride);
	int bpp = alpha ? 4 : 3;
	size_t row_bytes = (size_t)w * (size_t)bpp;

	unsigned char *rows = malloc(2 * row_bytes), *filtered = malloc(row_bytes + 1), *buf = malloc(OUT_CHUNK);
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	bool z_ok = rows && filtered && buf && deflateInit(&zs, PNG_LEVEL) == Z_OK;
	if (!z_ok) {
		free(rows);
		free(filtered);
		free(buf);
		return itakit_error_set(ITAKIT_ENOMEM, "png: out of memory");
	}

	png_out o = {write, closure, false};
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	emit(&o, signature, 8);
	unsigned char ihdr[13];
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;                 /* bits per channel */
	ihdr[9] = alpha ? 6 : 2;     /* RGBA or RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;  /* deflate, adaptive filters, no interlace */
	chunk(&o, "IHDR", ihdr, sizeof ihdr);
	if (dpi > 0) {
		unsigned char phys[9];
		uint32_t ppm = (uint32_t)lround(dpi / 0.0254);
		put32(phys, ppm);
		put32(phys + 4, ppm);
		phys[8] = 1;  /* metres */
		chunk(&o, "pHYs", phys, sizeof phys);
	}

	zs.next_out = buf;
	zs.avail_out = OUT_CHUNK;
	int rc = 0;
	unsigned char *cur = rows, *prev = NULL;
	for (int y = 0; y < h && rc == 0 && !o.failed; y++) {
		unpack_row(cur, (const uint32_t *)(data + (size_t)y * (size_t)stride), w, alpha);
		filter_row(filtered, cur, prev, row_bytes, bpp);
		zs.next_in = filtered;
		zs.avail_in = (uInt)(row_bytes + 1);
		rc = deflate_out(&o, &zs, buf, Z_NO_FLUSH);
		prev = cur;
		cur = cur == rows ? rows + row_bytes : rows;
	}
	if (rc == 0 && !o.failed)
		rc = deflate_out(&o, &zs, buf, Z_FINISH);
	deflateEnd(&zs);
	free(rows);
	free(filtered);
	free(buf);
	if (rc)
		return itakit_error_set(ITAKIT_ERROR, "png: compression failed");
	chunk(&o, "IEND", NULL, 0);
	if (o.failed)
		return itakit_error_set(ITAKIT_ERROR, "png: cannot write the image");
	return 0;
}
