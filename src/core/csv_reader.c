/* CSV records with positions, on libcsv (see csv_reader.h for the trick). */
#include "csv_reader.h"
#include "input.h"
#include "itakit/error.h"
#include "itakit/text.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Strict quoting, an error for a quote left open at the end of the input,
 * and NUL-terminated fields. */
#define PARSER_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
/* libcsv grows its field buffer by this much (its default, 128, makes long
 * fields cost many reallocs). */
#define PARSER_BLOCK 1024

unsigned char itakit__csv_sniff_delim(const char *text, size_t len)
{
	size_t commas = 0, tabs = 0, semis = 0;
	for (size_t i = 0; i < len && text[i] != '\n'; i++) {
		commas += text[i] == ',';
		tabs += text[i] == '\t';
		semis += text[i] == ';';
	}
	if (commas || (!tabs && !semis))
		return ',';
	return tabs >= semis ? '\t' : ';';
}

typedef struct {
	const char *text;
	size_t len;
	const itakit_csv_options *opts;
	itakit_diag_list *diags;
	itakit_csv_record_fn fn;
	void *payload;
	struct csv_parser p;

	size_t cur;        /* offset of the byte whose parsing fires callbacks */
	size_t boundary;   /* offset just past the last field or record end */
	bool row_start;    /* the next field begins a record */
	bool whole_line;   /* the chunk is a line without quotes, split here
			      (split_line), not by libcsv */
	itakit_input_tracker trk;
	/* in a whole line: the position of byte line_off, moved forward field
	 * by field; line_end is where its CR or LF is */
	size_t line_off, line_end;
	unsigned line_no, line_col;

	/* the record being read; field texts live in arena at text_off[i] */
	char *arena;
	size_t arena_len, arena_cap;
	itakit_csv_field *fields;
	size_t *text_off;
	size_t n_fields, fields_cap, n_seen;

	size_t n_records;
	int rc;            /* ITAKIT_ENOMEM or fn's negative code */
	bool stop;
} reader;

static void add_error(reader *r, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_error(reader *r, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (itakit_diag_add(r->diags, ITAKIT_DIAG_ERROR, r->opts->name, line, col, "%s", msg) < 0)
		r->rc = ITAKIT_ENOMEM, r->stop = true;
}

/* Offset of the current field's first byte: past the previous delimiter (or
 * the line breaks and blank lines before a record), skipping blanks, which
 * libcsv drops too (a tab that separates fields is no blank: an empty field
 * of a tab-separated line is where it is, not at the next field). */
static size_t field_start(const reader *r)
{
	size_t s = r->boundary;
	while (s < r->cur && s < r->len) {
		char c = r->text[s];
		bool blank = (c == ' ' || c == '\t') && (unsigned char)c != r->opts->delim;
		if (!blank && !(r->row_start && (c == '\r' || c == '\n')))
			break;
		s++;
	}
	return s;
}

/* Characters in s[0..n): the bytes that are not UTF-8 continuation bytes
 * (10xxxxxx), counted eight at a time; avail >= n bytes may be read from s,
 * so that a last short piece is read as a word too, the bytes past n masked
 * off (the low ones come first on a little-endian machine). */
static size_t count_chars(const char *s, size_t n, size_t avail)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t cont = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		cont += (size_t)((((w & ~(w << 1) & highs) >> 7) * ones) >> 56);
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (i < n && i + 8 <= avail) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t c = ((w & ~(w << 1) & highs) >> 7) & ((1ull << (8 * (n - i))) - 1);
		cont += (size_t)((c * ones) >> 56);
		i = n;
	}
#else
	(void)avail;
#endif
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}

static void position_of(reader *r, size_t off, unsigned *line, unsigned *col)
{
	if (r->whole_line && off >= r->line_off && off < r->line_end) {
		/* a line without breaks but at its end: a character a column */
		r->line_col += (unsigned)count_chars(r->text + r->line_off, off - r->line_off, r->len - r->line_off);
		r->line_off = off;
		*line = r->line_no;
		*col = r->line_col;
		return;
	}
	itakit__input_tracker_seek(&r->trk, off);
	*line = r->trk.line;
	*col = r->trk.column;
}

static bool reserve(reader *r, size_t text_len)
{
	if (r->n_fields == r->fields_cap) {
		size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
		itakit_csv_field *f = realloc(r->fields, cap * sizeof *f);
		if (f)
			r->fields = f;
		size_t *o = realloc(r->text_off, cap * sizeof *o);
		if (o)
			r->text_off = o;
		if (!f || !o)
			return false;
		r->fields_cap = cap;
	}
	if (r->arena_len + text_len + 1 > r->arena_cap) {
		size_t cap = r->arena_cap ? r->arena_cap : 256;
		while (cap < r->arena_len + text_len + 1)
			cap *= 2;
		char *a = realloc(r->arena, cap);
		if (!a)
			return false;
		r->arena = a;
		r->arena_cap = cap;
	}
	return true;
}

/* Keeps the field data[0..len) whose first byte (for its position) is at
 * offset start. */
static void add_field(reader *r, const char *data, size_t len, size_t start)
{
	r->row_start = false;
	if (r->n_seen++ >= r->opts->max_columns)
		return; /* counted only: the record is reported as too wide */
	if (!reserve(r, len)) {
		r->rc = ITAKIT_ENOMEM, r->stop = true;
		return;
	}
	itakit_csv_field *f = &r->fields[r->n_fields];
	position_of(r, start, &f->line, &f->column);
	f->len = len;
	r->text_off[r->n_fields++] = r->arena_len;
	memcpy(r->arena + r->arena_len, data, len);
	r->arena_len += len;
	r->arena[r->arena_len++] = '\0';
}

static void on_field(void *data, size_t len, void *ud)
{
	reader *r = ud;
	if (r->stop)
		return;
	size_t start = field_start(r);
	r->boundary = r->cur + 1;
	add_field(r, data, len, start);
}

static void reset_record(reader *r)
{
	r->n_fields = r->n_seen = r->arena_len = 0;
}

static void on_record(int c, void *ud)
{
	reader *r = ud;
	r->boundary = r->cur + 1;
	r->row_start = true;
	if (r->stop)
		return;
	for (size_t i = 0; i < r->n_fields; i++)
		r->fields[i].text = r->arena + r->text_off[i];
	itakit_csv_record rec = {r->n_records++, r->n_fields, r->n_seen, r->fields,
				 r->n_fields ? r->fields[0].line : r->trk.line};
	int rc = r->fn(r->payload, &rec);
	if (rc != 0)
		r->stop = true;
	if (rc < 0)
		r->rc = rc;
	reset_record(r);
}

static bool restart_parser(reader *r)
{
	csv_free(&r->p);
	if (csv_init(&r->p, PARSER_OPTIONS) != 0)
		return false;
	csv_set_delim(&r->p, r->opts->delim);
	csv_set_blk_size(&r->p, PARSER_BLOCK);
	return true;
}

/* libcsv stopped at byte off: report, then go on at the next line (a broken
 * header leaves nothing to go on with). Returns where to resume, or len. */
static size_t quote_error(reader *r, size_t off)
{
	r->cur = off;
	unsigned line, col, bad_line, bad_col;
	position_of(r, field_start(r), &line, &col);
	position_of(r, off, &bad_line, &bad_col);
	uint32_t cp;
	size_t n = itakit_utf8_decode(r->text + off, r->len - off, &cp);
	char bad[8] = {0};
	memcpy(bad, r->text + off, n ? n : 1);
	if (r->text[off] == '"' && !r->p.quoted)
		add_error(r, line, col, "quote '%s' inside an unquoted field (column %u); a field with quotes "
			  "must be enclosed in double quotes, with inner quotes doubled (\"\")", bad, bad_col);
	else
		add_error(r, line, col, "unexpected '%s' after the closing quote of this field (column %u); "
			  "expected a comma or the end of the line", bad, bad_col);
	if (r->n_records == 0) {
		r->stop = true;
		return r->len;
	}
	const char *nl = memchr(r->text + off, '\n', r->len - off);
	size_t resume = nl ? (size_t)(nl - r->text) + 1 : r->len;
	reset_record(r);
	r->boundary = resume;
	r->row_start = true;
	if (!restart_parser(r))
		r->rc = ITAKIT_ENOMEM, r->stop = true;
	return resume;
}

static void too_long(reader *r)
{
	unsigned line, col;
	position_of(r, field_start(r), &line, &col);
	if (r->p.quoted)
		add_error(r, line, col, "quoted field longer than the limit of %zu bytes: is its closing "
			  "quote missing?", r->opts->max_field_bytes);
	else
		add_error(r, line, col, "field longer than the limit of %zu bytes; is this really a CSV file?",
			  r->opts->max_field_bytes);
	r->stop = true;
}

static bool is_boundary(const reader *r, unsigned char c)
{
	return c == r->opts->delim || c == '\n' || c == '\r';
}

static size_t chunk_len_field(const reader *r, size_t pos)
{
	size_t end = pos, limit = r->opts->max_field_bytes + 1;
	while (end < r->len && end - pos < limit && !is_boundary(r, (unsigned char)r->text[end]))
		end++;
	return end < r->len && is_boundary(r, (unsigned char)r->text[end]) ? end - pos + 1 : end - pos;
}

/* The next chunk from pos: a whole line (with its break) when it holds no
 * quote and is no longer than a field may be, so that libcsv parses it in
 * one call and the fields' starts follow from the delimiters; otherwise up
 * to and including the next delimiter or line break. */
static size_t chunk_len(reader *r, size_t pos)
{
	size_t rest = r->len - pos, room = r->opts->max_field_bytes;
	const char *nl = memchr(r->text + pos, '\n', rest < room ? rest : room);
	if (nl && r->row_start && r->boundary == pos) {
		size_t n = (size_t)(nl - (r->text + pos)) + 1;
		/* a CR only as the CRLF before the break */
		if (!memchr(r->text + pos, '"', n) && (n < 2 || !memchr(r->text + pos, '\r', n - 2))) {
			r->whole_line = true;
			return n;
		}
	}
	r->whole_line = false;
	return chunk_len_field(r, pos);
}

static bool blank_byte(char c)
{
	return c == ' ' || c == '\t';
}

/* A whole line (see chunk_len) split as libcsv splits it: fields end at
 * delimiters, the blanks around a field are not part of it, and a line of
 * blanks is no record. Such a line needs none of libcsv's quoting rules,
 * and splitting it here costs a fraction of feeding it byte by byte. */
static void split_line(reader *r, size_t pos, size_t n)
{
	const char *s = r->text;
	unsigned char d = r->opts->delim;
	size_t end = pos + n - 1; /* the LF (r->cur) */
	if (end > pos && s[end - 1] == '\r')
		end--;
	size_t i = pos;
	while (i < end && blank_byte(s[i]) && (unsigned char)s[i] != d)
		i++;
	if (i == end) {
		r->boundary = pos + n;
		r->whole_line = false;
		return;
	}
	itakit__input_tracker_seek(&r->trk, pos);
	r->line_off = pos;
	r->line_end = end;
	r->line_no = r->trk.line;
	r->line_col = r->trk.column;
	for (size_t f = pos;;) {
		const char *dp = memchr(s + f, d, end - f);
		size_t fe = dp ? (size_t)(dp - s) : end, a = f, b = fe;
		while (a < b && blank_byte(s[a]))
			a++;
		while (b > a && blank_byte(s[b - 1]))
			b--;
		r->boundary = f;
		size_t start = field_start(r);
		add_field(r, s + a, b - a, start);
		if (r->stop || !dp)
			break;
		f = fe + 1;
	}
	if (!r->stop)
		on_record('\n', r);
	/* one line break (a CR only before the LF): the next line starts */
	r->trk.off = pos + n;
	r->trk.line = r->line_no + 1;
	r->trk.column = 1;
	r->whole_line = false;
}

static void parse_all(reader *r)
{
	size_t pos = 0;
	while (pos < r->len && !r->stop) {
		size_t n = chunk_len(r, pos);
		r->cur = pos + n - 1; /* the line break, in a whole line */
		if (r->whole_line) {
			split_line(r, pos, n);
			pos += n;
			continue;
		}
		size_t done = csv_parse(&r->p, r->text + pos, n, on_field, on_record, r);
		if (r->stop)
			return;
		if (done < n) {
			if (csv_error(&r->p) != CSV_EPARSE) {
				r->rc = ITAKIT_ENOMEM, r->stop = true;
				return;
			}
			pos = quote_error(r, pos + done);
			continue;
		}
		pos += n;
		if (r->p.entry_pos > r->opts->max_field_bytes) {
			too_long(r);
			return;
		}
	}
	if (r->stop)
		return;
	r->cur = r->len;
	if (csv_fini(&r->p, on_field, on_record, r) != 0 && csv_error(&r->p) == CSV_EPARSE) {
		unsigned line, col;
		position_of(r, field_start(r), &line, &col);
		add_error(r, line, col, "unterminated quoted field: the quote opening it is never closed");
	}
}

int itakit__csv_read(const char *text, size_t len, const itakit_csv_options *opts,
		    itakit_csv_record_fn fn, void *payload, itakit_diag_list *diags)
{
	reader r;
	memset(&r, 0, sizeof r);
	r.text = text;
	r.len = len;
	r.opts = opts;
	r.diags = diags;
	r.fn = fn;
	r.payload = payload;
	r.row_start = true;
	itakit__input_tracker_init(&r.trk, text, len);
	memset(&r.p, 0, sizeof r.p);
	if (restart_parser(&r))
		parse_all(&r);
	else
		r.rc = ITAKIT_ENOMEM;
	csv_free(&r.p);
	free(r.arena);
	free(r.fields);
	free(r.text_off);
	if (r.rc == ITAKIT_ENOMEM)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	return r.rc;
}
