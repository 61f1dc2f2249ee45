/* The zlib PNG writer: what it writes reads back (through cairo's libpng
 * reader) as the same pixels, opaque images as RGB, translucent ones as
 * RGBA, the same bytes every time, and write errors are reported. */
#include "test_support.h"
#include "render/png_writer.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	unsigned char *data;
	size_t len, cap;
	int fail_after;  /* calls before a failure; < 0: never */
} membuf;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length)
{
	membuf *m = closure;
	if (m->fail_after == 0)
		return CAIRO_STATUS_WRITE_ERROR;
	if (m->fail_after > 0)
		m->fail_after--;
	if (m->len + length > m->cap) {
		m->cap = (m->len + length) * 2;
		m->data = realloc(m->data, m->cap);
		assert_non_null(m->data);
	}
	memcpy(m->data + m->len, data, length);
	m->len += length;
	return CAIRO_STATUS_SUCCESS;
}

typedef struct {
	const membuf *m;
	size_t pos;
} membuf_reader;

static cairo_status_t mem_read(void *closure, unsigned char *data, unsigned int length)
{
	membuf_reader *r = closure;
	if (r->pos + length > r->m->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->m->data + r->pos, length);
	r->pos += length;
	return CAIRO_STATUS_SUCCESS;
}

/* A picture with flat areas, a gradient and (when translucent) alpha. */
static cairo_surface_t *picture(int w, int h, bool translucent)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(s);
	if (!translucent) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
	}
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, 0);
	cairo_pattern_add_color_stop_rgba(g, 0, 0.0, 0.45, 0.70, 1.0);
	cairo_pattern_add_color_stop_rgba(g, 1, 0.84, 0.37, 0.0, translucent ? 0.3 : 1.0);
	cairo_set_source(cr, g);
	cairo_rectangle(cr, w * 0.1, h * 0.2, w * 0.8, h * 0.5);
	cairo_fill(cr);
	cairo_pattern_destroy(g);
	cairo_set_source_rgba(cr, 0, 0, 0, translucent ? 0.5 : 1);
	cairo_arc(cr, w / 2.0, h / 2.0, h / 4.0, 0, 6.3);
	cairo_stroke(cr);
	cairo_destroy(cr);
	return s;
}

static void assert_same_pixels(cairo_surface_t *a, cairo_surface_t *b, int tolerance)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	assert_int_equal(cairo_image_surface_get_width(b), w);
	assert_int_equal(cairo_image_surface_get_height(b), h);
	cairo_surface_flush(a);
	cairo_surface_flush(b);
	for (int y = 0; y < h; y++) {
		const uint32_t *ra = (const uint32_t *)(cairo_image_surface_get_data(a) + y * cairo_image_surface_get_stride(a));
		const uint32_t *rb = (const uint32_t *)(cairo_image_surface_get_data(b) + y * cairo_image_surface_get_stride(b));
		for (int x = 0; x < w; x++)
			for (int sh = 0; sh < 32; sh += 8) {
				int d = (int)((ra[x] >> sh) & 0xff) - (int)((rb[x] >> sh) & 0xff);
				if (abs(d) > tolerance)
					fail_msg("pixel %d,%d: %08x against %08x", x, y, ra[x], rb[x]);
			}
	}
}

static void round_trip(bool translucent)
{
	cairo_surface_t *src = picture(301, 97, translucent);
	membuf m = {NULL, 0, 0, -1};
	assert_int_equal(itakit__png_write(src, 150, mem_write, &m), 0);
	assert_true(m.len > 8 && memcmp(m.data, "\x89PNG\r\n\x1a\n", 8) == 0);
	assert_int_equal(m.data[8 + 8 + 9], translucent ? 6 : 2);  /* IHDR colour type */
	assert_memory_equal(m.data + 8 + 25 + 4, "pHYs", 4);  /* right after IHDR */
	membuf_reader r = {&m, 0};
	cairo_surface_t *back = cairo_image_surface_create_from_png_stream(mem_read, &r);
	assert_int_equal(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
	/* un-premultiplying and premultiplying again loses at most 1 per channel */
	assert_same_pixels(src, back, translucent ? 1 : 0);
	cairo_surface_destroy(back);

	membuf again = {NULL, 0, 0, -1};
	assert_int_equal(itakit__png_write(src, 150, mem_write, &again), 0);
	assert_int_equal(again.len, m.len);
	assert_memory_equal(again.data, m.data, m.len);
	free(again.data);
	free(m.data);
	cairo_surface_destroy(src);
}

static void test_opaque_rgb(void **state) { round_trip(false); }
static void test_translucent_rgba(void **state) { round_trip(true); }

static void test_errors(void **state)
{
	cairo_surface_t *src = picture(64, 64, false);
	membuf m = {NULL, 0, 0, 2};
	assert_int_equal(itakit__png_write(src, 0, mem_write, &m), ITAKIT_ERROR);
	free(m.data);
	cairo_surface_destroy(src);
	cairo_surface_t *a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
	membuf n = {NULL, 0, 0, -1};
	assert_int_equal(itakit__png_write(a8, 0, mem_write, &n), ITAKIT_EUSAGE);
	free(n.data);
	cairo_surface_destroy(a8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opaque_rgb),
		cmocka_unit_test(test_translucent_rgba),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
