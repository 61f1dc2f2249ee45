/* The input layer (see input.h): bytes to UTF-8 text with positions, and
 * tables as records from CSV or a workbook. */
#include "input.h"
#include "itakit/error.h"
#include "itakit/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BINARY_SAMPLE 65536

void itakit__input_init(itakit_input *in, const char *name, itakit_diag_list *diags)
{
	in->name = name;
	in->sheet = NULL;
	in->diags = diags;
}

void itakit__input_release(itakit_input *in)
{
	free(in->sheet);
	in->sheet = NULL;
}

int itakit__input_vdiag(const itakit_input *in, itakit_diag_severity sev, unsigned line,
			unsigned column, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	return itakit_diag_add_at(in->diags, sev, in->name, in->sheet, line, column, "%s", msg);
}

int itakit__input_diag(const itakit_input *in, itakit_diag_severity sev, unsigned line,
		       unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = itakit__input_vdiag(in, sev, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- positions --------------------------------------------------------------- */

void itakit__input_tracker_init(itakit_input_tracker *t, const char *text, size_t len)
{
	t->text = text;
	t->len = len;
	t->off = 0;
	t->line = t->column = 1;
}

/* A line ends at LF, at CRLF (the CR is not a character of the line) or at
 * a CR not followed by LF (old Mac files). */
void itakit__input_tracker_seek(itakit_input_tracker *t, size_t off)
{
	if (off < t->off)
		itakit__input_tracker_init(t, t->text, t->len);
	/* locals, so that the loop over every byte of a file stays in registers */
	const unsigned char *s = (const unsigned char *)t->text;
	size_t p = t->off, end = off < t->len ? off : t->len, len = t->len;
	unsigned line = t->line, column = t->column;
	while (p < end) {
		/* eight bytes at a time while none is a control byte (a line
		 * end among them): a character per byte that is not a UTF-8
		 * continuation byte (10xxxxxx) */
		if (p + 8 <= end) {
			uint64_t w;
			memcpy(&w, s + p, 8);
			const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
			if (!((w - ones * ('\r' + 1)) & ~w & highs)) {
				uint64_t cont = (w & ~(w << 1) & highs) >> 7;
				column += 8 - (unsigned)((cont * ones) >> 56);
				p += 8;
				continue;
			}
		}
		unsigned char c = s[p++];
		if (c > '\r') {
			column += (c & 0xC0) != 0x80;
		} else if (c == '\n' || (c == '\r' && (p >= len || s[p] != '\n'))) {
			line++;
			column = 1;
		} else if (c != '\r') {
			column++;
		}
	}
	t->off = p;
	t->line = line;
	t->column = column;
}

void itakit__input_locate(const char *text, size_t len, size_t off, unsigned *line, unsigned *column)
{
	itakit_input_tracker t;
	itakit__input_tracker_init(&t, text, len);
	itakit__input_tracker_seek(&t, off);
	*line = t.line;
	*column = t.column;
}

bool itakit__input_next_line(const char *text, size_t len, size_t *pos, size_t *start,
			     size_t *line_len)
{
	size_t p = *pos;
	if (p >= len)
		return false;
	*start = p;
	size_t e = p;
	while (e < len && text[e] != '\n' && text[e] != '\r')
		e++;
	*line_len = e - p;
	if (e < len && text[e] == '\r' && e + 1 < len && text[e + 1] == '\n')
		e++;
	*pos = e < len ? e + 1 : len;
	return true;
}

/* ---- encodings ---------------------------------------------------------------- */

void itakit__input_text_release(itakit_input_text *t)
{
	free(t->owned);
	memset(t, 0, sizeof *t);
}

typedef enum { ENC_NARROW, ENC_U16LE, ENC_U16BE, ENC_U32LE, ENC_U32BE } wide_kind;

static bool starts_with(const char *s, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(s, magic, m) == 0;
}

static bool ascii_text_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\r' || c == '\n';
}

/* UTF-16 and UTF-32, from a BOM or from the zero bytes around the first two
 * ASCII characters (a header line always starts with some). *bom: its length. */
static wide_kind wide_encoding(const char *s, size_t n, size_t *bom)
{
	const unsigned char *b = (const unsigned char *)s;
	*bom = 0;
	if (starts_with(s, n, "\xFF\xFE\0\0", 4))
		return *bom = 4, ENC_U32LE;
	if (starts_with(s, n, "\0\0\xFE\xFF", 4))
		return *bom = 4, ENC_U32BE;
	if (starts_with(s, n, "\xFF\xFE", 2))
		return *bom = 2, ENC_U16LE;
	if (starts_with(s, n, "\xFE\xFF", 2))
		return *bom = 2, ENC_U16BE;
	if (n < 8)
		return ENC_NARROW;
	if (ascii_text_byte(b[0]) && !b[1] && !b[2] && !b[3] && ascii_text_byte(b[4]) && !b[5])
		return ENC_U32LE;
	if (!b[0] && !b[1] && !b[2] && ascii_text_byte(b[3]) && !b[4] && !b[5])
		return ENC_U32BE;
	if (ascii_text_byte(b[0]) && !b[1] && ascii_text_byte(b[2]) && !b[3])
		return ENC_U16LE;
	if (!b[0] && ascii_text_byte(b[1]) && !b[2] && ascii_text_byte(b[3]))
		return ENC_U16BE;
	return ENC_NARROW;
}

static int diag_at(const itakit_input *in, const char *text, size_t len, size_t off, bool single_byte,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int diag_at(const itakit_input *in, const char *text, size_t len, size_t off, bool single_byte,
		   const char *fmt, ...)
{
	unsigned line, col;
	itakit__input_locate(text, len, off, &line, &col);
	if (single_byte) { /* a single-byte encoding: a character per byte */
		size_t ls = off;
		while (ls > 0 && text[ls - 1] != '\n' && text[ls - 1] != '\r')
			ls--;
		col = (unsigned)(off - ls) + 1;
	}
	va_list ap;
	va_start(ap, fmt);
	int rc = itakit__input_vdiag(in, ITAKIT_DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
	return rc < 0 ? rc : 1;
}

/* UTF-16 to UTF-8. Returns 0, 1 (reported) or ITAKIT_ENOMEM. */
static int from_utf16(itakit_input_text *out, const itakit_input *in, const char *s, size_t n, bool le)
{
	char *u = malloc(n / 2 * 3 + 4);
	if (!u)
		return ITAKIT_ENOMEM;
	const unsigned char *b = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t c = le ? (uint32_t)(b[i] | b[i + 1] << 8) : (uint32_t)(b[i] << 8 | b[i + 1]);
		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < n) {
			uint32_t d = le ? (uint32_t)(b[i + 2] | b[i + 3] << 8) : (uint32_t)(b[i + 2] << 8 | b[i + 3]);
			if (d >= 0xDC00 && d <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
				i += 2;
			}
		}
		if (c >= 0xD800 && c <= 0xDFFF) {
			int rc = diag_at(in, u, o, o, false, "invalid UTF-16 (a lone surrogate 0x%04X at byte offset %zu); "
					 "save the file as UTF-8", (unsigned)c, i);
			free(u);
			return rc;
		}
		o += itakit_utf8_encode(c, u + o);
	}
	if (n % 2) {
		int rc = diag_at(in, u, o, o, false, "the UTF-16 text ends with half a character (odd byte count %zu); "
				 "the file is cut short", n);
		free(u);
		return rc;
	}
	u[o] = '\0';
	out->owned = u;
	out->text = u;
	out->len = o;
	out->encoding = le ? "UTF-16LE" : "UTF-16BE";
	return 0;
}

/* True when most bytes >= 0x80 of s belong to valid UTF-8 Thai letters: a
 * UTF-8 file with a few bad bytes, not a file in another encoding (where
 * Thai bytes form a valid sequence now and then by chance). */
static bool mostly_utf8(const char *s, size_t n)
{
	size_t high = 0, in_seq = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = itakit_utf8_decode(s + i, n - i, &cp);
		if (k) {
			/* Windows-874 Thai makes other valid sequences by chance
			 * (เทพ is E0 B7 BE), hardly ever a Thai letter in UTF-8 */
			high += k, i += k;
			in_seq += cp >= 0x0E00 && cp <= 0x0E7F ? k : 0;
		} else {
			high++, i++;
		}
	}
	return in_seq * 2 >= high;
}

/* Not UTF-8: Windows-874 when the bytes fit it (a file saved in Thai
 * Windows' own encoding), otherwise an error at the first bad byte. */
static int not_utf8(itakit_input_text *out, const itakit_input *in, const char *s, size_t n, size_t bad)
{
	unsigned char b = (unsigned char)s[bad];
	bool tis = itakit_text_looks_tis620(s, n);
	if (!tis && mostly_utf8(s, n)) {
		/* A Thai-range byte in a UTF-8 file: often a Windows-874 line
		 * pasted into it. */
		bool thai = b >= 0xA1 && b <= 0xFB;
		return diag_at(in, s, n, bad, false, "invalid UTF-8 (byte 0x%02X at byte offset %zu); %s", b, bad,
			       thai ? "this may be Windows-874 (TIS-620) Thai text mixed with UTF-8: save the "
				      "whole file as UTF-8"
				    : "save the file as UTF-8");
	}
	size_t len = (size_t)-1;
	char *u = itakit_tis620_to_utf8(s, n, &len);
	if (!u && len == (size_t)-1)
		return ITAKIT_ENOMEM;
	if (!u)
		return diag_at(in, s, n, len, true, "invalid UTF-8 (byte 0x%02X at byte offset %zu), and not "
			       "Windows-874 (TIS-620) Thai text either: that byte has no character there; "
			       "save the file as UTF-8", (unsigned char)s[len], len);
	out->owned = u;
	out->text = u;
	out->len = len;
	out->encoding = "Windows-874";
	return 0;
}

int itakit__input_decode(itakit_input_text *out, const itakit_input *in, const char *bytes, size_t n)
{
	memset(out, 0, sizeof *out);
	size_t bom;
	wide_kind w = wide_encoding(bytes, n, &bom);
	if (w == ENC_U32LE || w == ENC_U32BE) {
		int rc = itakit__input_diag(in, ITAKIT_DIAG_ERROR, 1, 1, "this is UTF-32 text (%s), which "
					    "is not read; save the file as UTF-8",
					    w == ENC_U32LE ? "little-endian" : "big-endian");
		return rc < 0 ? rc : 1;
	}
	if (w != ENC_NARROW) {
		int rc = from_utf16(out, in, bytes + bom, n - bom, w == ENC_U16LE);
		if (rc != 0)
			return rc;
	} else {
		if (starts_with(bytes, n, "\xEF\xBB\xBF", 3))
			bytes += 3, n -= 3;
		out->text = bytes;
		out->len = n;
		out->encoding = "UTF-8";
	}
	const char *nul = memchr(out->text, '\0', out->len);
	size_t bad;
	int rc = 0;
	if (nul)
		rc = diag_at(in, out->text, out->len, (size_t)(nul - out->text), false,
			     "NUL byte (byte offset %zu); text never contains one, so the file is damaged or "
			     "is not text", (size_t)(nul - out->text));
	else if (!itakit_utf8_valid(out->text, out->len, &bad))
		rc = not_utf8(out, in, out->text, out->len, bad);
	if (rc != 0)
		itakit__input_text_release(out);
	return rc;
}

/* ---- records ------------------------------------------------------------------- */

bool itakit__input_is_zip(const char *bytes, size_t n)
{
	return starts_with(bytes, n, "PK\x03\x04", 4);
}

/* Files people pick by mistake: say what they look like and what to do. */
static const char *binary_kind(const char *s, size_t n)
{
	if (starts_with(s, n, "%PDF", 4))
		return "this looks like a PDF document, not a table; export the data from its source as "
		       "CSV UTF-8 or .xlsx";
	if (starts_with(s, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return "this looks like an old Excel workbook (.xls), which is not read; open it in a "
		       "spreadsheet and save it as an Excel workbook (.xlsx) or as CSV UTF-8";
	size_t bom;
	if (wide_encoding(s, n, &bom) != ENC_NARROW)
		return NULL;
	size_t sample = n < BINARY_SAMPLE ? n : BINARY_SAMPLE, control = 0;
	for (size_t i = 0; i < sample; i++) {
		unsigned char c = (unsigned char)s[i];
		control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
	}
	if (control * 20 > sample) /* more than 5%: text has next to none */
		return "this looks like a binary file, not CSV text (many control bytes); "
		       "save the data as CSV UTF-8";
	return NULL;
}

static bool all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

static int report_empty(const itakit_input *in, const itakit_records_options *o)
{
	int rc = itakit__input_diag(in, ITAKIT_DIAG_ERROR, 1, 1, "the file is empty; %s", o->empty_hint);
	return rc < 0 ? rc : 0;
}

int itakit__input_records(itakit_input *in, const char *bytes, size_t n,
			  const itakit_records_options *opts, itakit_csv_record_fn fn, void *payload)
{
	if (n == 0 && opts->empty_hint)
		return report_empty(in, opts);
	if (itakit__input_is_zip(bytes, n))
		return itakit__xlsx_read(in, bytes, n, opts, fn, payload);
	const char *kind = binary_kind(bytes, n);
	if (kind) {
		int rc = itakit__input_diag(in, ITAKIT_DIAG_ERROR, 1, 1, "%s", kind);
		return rc < 0 ? rc : 0;
	}
	itakit_input_text t;
	int rc = itakit__input_decode(&t, in, bytes, n);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	if (opts->empty_hint && all_blank(t.text, t.len)) {
		itakit__input_text_release(&t);
		return report_empty(in, opts);
	}
	itakit_csv_options co = {in->name, itakit__csv_sniff_delim(t.text, t.len), opts->max_field_bytes,
				 opts->max_columns};
	rc = itakit__csv_read(t.text, t.len, &co, fn, payload, in->diags);
	itakit__input_text_release(&t);
	return rc;
}
