/* csv_reader.c: records and fields as libcsv reads them, with the position
 * of each field, whichever way the reader takes through a line (lines
 * without quotes are split by the reader itself, the others fed to libcsv). */
#include "test_support.h"
#include "core/csv_reader.h"
#include "core/input.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records as text: each field in brackets, a record a line. */
typedef struct {
	char out[65536];
	size_t len;
	const char *text;  /* the input, for the positions */
	size_t text_len;
	unsigned char delim;
	size_t next;       /* model: where the next record's search starts */
} collected;

static void put(collected *c, const char *s, size_t n)
{
	if (c->len + n < sizeof c->out) {
		memcpy(c->out + c->len, s, n);
		c->len += n;
		c->out[c->len] = '\0';
	}
}

static void lib_field(void *s, size_t len, void *data)
{
	collected *c = data;
	put(c, "[", 1);
	put(c, s, len);
	put(c, "]", 1);
}

static void lib_record(int ch, void *data)
{
	(void)ch;
	put(data, "\n", 1);
}

/* The reference: libcsv alone, in one call. False on a quoting error. */
static bool libcsv_records(collected *c, const char *text, size_t len, unsigned char delim)
{
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&p, delim);
	bool ok = csv_parse(&p, text, len, lib_field, lib_record, c) == len &&
		  csv_fini(&p, lib_field, lib_record, c) == 0;
	csv_free(&p);
	return ok;
}

static bool blank(const collected *c, char ch)
{
	return (ch == ' ' || ch == '\t') && (unsigned char)ch != c->delim;
}

static bool line_end(char ch)
{
	return ch == '\n' || ch == '\r';
}

/* The position a field of a quote-free text should have, found without the
 * reader: its first byte that is not a blank, or the delimiter or line end
 * closing it when it is empty (blank lines hold no record). */
static void expected_position(collected *c, size_t i, unsigned *line, unsigned *col)
{
	const char *t = c->text;
	size_t p = c->next, n = c->text_len;
	if (i == 0) /* past blank lines */
		for (size_t q = p; q <= n; q++) {
			if (q == n || line_end(t[q])) {
				bool empty = true;
				for (size_t k = p; k < q; k++)
					empty &= blank(c, t[k]) || line_end(t[k]);
				if (!empty)
					break;
				p = q + 1;
			}
		}
	size_t s = p;
	while (s < n && blank(c, t[s]))
		s++;
	size_t e = p;
	while (e < n && (unsigned char)t[e] != c->delim && !line_end(t[e]))
		e++;
	if (s > e)
		s = e;
	itakit__input_locate(t, n, s, line, col);
	c->next = e < n && (unsigned char)t[e] == c->delim ? e + 1 : e;
}

static int reader_record(void *payload, const itakit_csv_record *rec)
{
	collected *c = payload;
	for (size_t i = 0; i < rec->n_fields; i++) {
		const itakit_csv_field *f = &rec->fields[i];
		put(c, "[", 1);
		put(c, f->text, f->len);
		put(c, "]", 1);
		unsigned line, col;
		expected_position(c, i, &line, &col);
		if (f->line != line || f->column != col)
			fail_msg("record %zu field %zu '%s': at %u:%u, expected %u:%u", rec->index, i, f->text,
				 f->line, f->column, line, col);
	}
	put(c, "\n", 1);
	/* past the line end of the record */
	while (c->next < c->text_len && !line_end(c->text[c->next]))
		c->next++;
	if (c->next < c->text_len && c->text[c->next] == '\r' && c->next + 1 < c->text_len &&
	    c->text[c->next + 1] == '\n')
		c->next++;
	c->next++;
	return 0;
}

static int reader_texts(void *payload, const itakit_csv_record *rec)
{
	collected *c = payload;
	for (size_t i = 0; i < rec->n_fields; i++) {
		put(c, "[", 1);
		put(c, rec->fields[i].text, rec->fields[i].len);
		put(c, "]", 1);
	}
	put(c, "\n", 1);
	return 0;
}

/* Random quote-free text from pieces that matter to the splitting: blanks,
 * delimiters, line ends of the three kinds, Thai letters, empty lines. */
static size_t random_text(char *buf, size_t size, unsigned long *x)
{
	static const char *const pieces[] = {"a", "12.5", "ก", "หน่วยงาน", " ", "  ", "\t", ",", ";", ",",
					     "\n", "\r\n", "\r", "\n\n", " \n", "x", ",,", "\t\t"};
	size_t n = 0, k = 1 + (*x >> 20) % 60;
	for (size_t i = 0; i < k; i++) {
		*x = *x * 6364136223846793005ul + 1442695040888963407ul;
		const char *p = pieces[(*x >> 33) % (sizeof pieces / sizeof *pieces)];
		size_t m = strlen(p);
		if (n + m >= size)
			break;
		memcpy(buf + n, p, m);
		n += m;
	}
	buf[n] = '\0';
	return n;
}

static void test_as_libcsv(void **state)
{
	(void)state;
	static collected want, got;
	char text[1024];
	unsigned long x = 2566;
	static const unsigned char delims[] = {',', ';', '\t'};
	for (int round = 0; round < 6000; round++) {
		size_t n = random_text(text, sizeof text, &x);
		unsigned char delim = delims[round % 3];
		memset(&want, 0, sizeof want);
		assert_true(libcsv_records(&want, text, n, delim));
		memset(&got, 0, sizeof got);
		got.text = text, got.text_len = n, got.delim = delim;
		itakit_diag_list diags;
		itakit_diag_list_init(&diags);
		itakit_csv_options o = {"t.csv", delim, 4096, 256};
		assert_int_equal(itakit__csv_read(text, n, &o, reader_record, &got, &diags), 0);
		assert_int_equal(diags.count, 0);
		itakit_diag_list_release(&diags);
		if (strcmp(want.out, got.out) != 0)
			fail_msg("delimiter '%c', text \"%s\":\nlibcsv:\n%s\nreader:\n%s", delim, text, want.out, got.out);
	}
}

/* With quotes the fields are libcsv's too (a quoted field spans lines). */
static void test_quoted_as_libcsv(void **state)
{
	(void)state;
	static collected want, got;
	const char *texts[] = {"a,\"b,c\",d\n1,2,3\n", "\"x\ny\",z\r\n \"q\"\"r\" , s \n", "a, b ,c\n\"\"\n,\n",
			       "h1,h2\n\"ก\nข\",3\n4,5"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		memset(&want, 0, sizeof want);
		assert_true(libcsv_records(&want, texts[i], strlen(texts[i]), ','));
		memset(&got, 0, sizeof got);
		itakit_diag_list diags;
		itakit_diag_list_init(&diags);
		itakit_csv_options o = {"t.csv", ',', 4096, 256};
		assert_int_equal(itakit__csv_read(texts[i], strlen(texts[i]), &o, reader_texts, &got, &diags), 0);
		itakit_diag_list_release(&diags);
		assert_string_equal(want.out, got.out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_as_libcsv),
		cmocka_unit_test(test_quoted_as_libcsv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
