/* .xlsx worksheets as records (see input.h): the ZIP container through
 * libzip, the XML parts through libxml2's streaming reader. The worksheet is
 * read whole before any record is given out, because its merged ranges are
 * listed after its cells. Every part is bounded in size before it is
 * inflated, so that a small file cannot unpack into gigabytes. */
#include "input.h"
#include "itakit/error.h"
#include "itakit/text.h"
#include "core/office_libs.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One part (a worksheet, the shared strings) and all parts together. */
#define MAX_PART_BYTES ((zip_uint64_t)256 << 20)
#define MAX_TOTAL_BYTES ((size_t)512 << 20)
#define MAX_ROW 1048576u    /* the spreadsheet's own limits */
#define MAX_COL 16384u
/* Cells a merged range may fill in: a range over the whole sheet is
 * written by some programs, and only the used part of it matters. */
#define MAX_MERGE_FILL 1000000u

static const char NS_REL[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char NS_REL_STRICT[] = "http://purl.oclc.org/ooxml/officeDocument/relationships";

typedef struct {
	unsigned row, col;
	char *text;
	bool copy;          /* filled in from a merged range's first cell */
} xcell;

typedef struct {
	unsigned r1, c1, r2, c2;
} range;

typedef struct {
	char *id, *target, *type;
} rel;

typedef struct {
	char *name, *rid;
} sheet_ref;

typedef struct {
	itakit_input *in;
	const itakit_records_options *opts;
	zip_t *za;
	size_t inflated;
	locale_t c_numeric;

	char **sst;
	size_t n_sst, cap_sst;
	xcell *cells;
	size_t n_cells, cap_cells;
	range *merges;
	size_t n_merges, cap_merges;
	rel *rels;
	size_t n_rels;
	sheet_ref *sheets;
	size_t n_sheets;

	char dir[512];      /* the workbook part's folder ("xl/") */

	int rc;             /* ITAKIT_ENOMEM or the record function's code */
	bool failed;        /* a problem was reported: give no records */
} book;

/* ---- diagnostics ---------------------------------------------------------- */

static void fail(book *b, unsigned row, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void fail(book *b, unsigned row, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (itakit__input_vdiag(b->in, ITAKIT_DIAG_ERROR, row, col, fmt, ap) < 0)
		b->rc = ITAKIT_ENOMEM;
	va_end(ap);
	b->failed = true;
}

static bool oom(book *b)
{
	b->rc = ITAKIT_ENOMEM;
	return false;
}

/* ---- parts ------------------------------------------------------------------ */

/* The part's bytes, NUL-terminated, or NULL: missing (with *missing set,
 * not reported) or unreadable (reported). */
static char *read_part(book *b, const char *name, size_t *len, bool *missing)
{
	*missing = false;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(b->za, name, 0, &st) != 0) {
		*missing = true;
		return NULL;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART_BYTES ||
	    b->inflated + st.size > MAX_TOTAL_BYTES) {
		fail(b, 0, 0, "the workbook part %s unpacks to more than the limit of %zu bytes%s", name,
		     (size_t)MAX_PART_BYTES, st.valid & ZIP_STAT_SIZE ? "" : " (its size is not given)");
		return NULL;
	}
	zip_file_t *zf = zip_fopen(b->za, name, 0);
	if (!zf) {
		fail(b, 0, 0, "the workbook part %s cannot be read: %s", name, zip_strerror(b->za));
		return NULL;
	}
	char *buf = malloc((size_t)st.size + 1);
	if (!buf) {
		zip_fclose(zf);
		oom(b);
		return NULL;
	}
	zip_int64_t got = zip_fread(zf, buf, st.size);
	char extra;
	bool more = got >= 0 && (zip_uint64_t)got == st.size && zip_fread(zf, &extra, 1) > 0;
	if (got < 0 || (zip_uint64_t)got != st.size || more) {
		fail(b, 0, 0, "the workbook part %s is damaged: %s", name,
		     got < 0 ? zip_file_strerror(zf) : "its size is not the one its header gives");
		zip_fclose(zf);
		free(buf);
		return NULL;
	}
	zip_fclose(zf);
	buf[st.size] = '\0';
	*len = (size_t)st.size;
	b->inflated += *len;
	return buf;
}

static void xml_quiet(void *arg, const char *msg, xmlParserSeverities severity, xmlTextReaderLocatorPtr loc)
{
	(void)arg, (void)msg, (void)severity, (void)loc; /* the library never prints */
}

static xmlTextReaderPtr xml_open(book *b, const char *buf, size_t len, const char *name)
{
	if (len > INT32_MAX) {
		fail(b, 0, 0, "the workbook part %s is too large", name);
		return NULL;
	}
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, name, NULL,
						XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		oom(b);
		return NULL;
	}
	xmlTextReaderSetErrorHandler(r, xml_quiet, NULL);
	return r;
}

static bool is_element(xmlTextReaderPtr r, const char *local)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);
	return n && strcmp((const char *)n, local) == 0;
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
}

/* An attribute named by its local name in the relationships namespace
 * (r:id), transitional or strict. */
static char *rel_attr(xmlTextReaderPtr r, const char *local)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)local, (const xmlChar *)NS_REL);
	if (!v)
		v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)local, (const xmlChar *)NS_REL_STRICT);
	return (char *)v;
}

static void xml_broken(book *b, const char *name)
{
	fail(b, 0, 0, "the workbook part %s is not well-formed XML; the file is damaged", name);
}

/* ---- relationships, workbook ---------------------------------------------------- */

static void free_rels(book *b)
{
	for (size_t i = 0; i < b->n_rels; i++) {
		xmlFree(b->rels[i].id);
		xmlFree(b->rels[i].target);
		xmlFree(b->rels[i].type);
	}
	free(b->rels);
	b->rels = NULL;
	b->n_rels = 0;
}

/* Reads a .rels part into b->rels (replacing what was there). A missing
 * part leaves none. Returns false when reported or out of memory. */
static bool read_rels(book *b, const char *name)
{
	free_rels(b);
	size_t len;
	bool missing;
	char *buf = read_part(b, name, &len, &missing);
	if (!buf)
		return missing;
	xmlTextReaderPtr r = xml_open(b, buf, len, name);
	int st = 0;
	while (r && b->rc == 0 && (st = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_element(r, "Relationship"))
			continue;
		rel *n = realloc(b->rels, (b->n_rels + 1) * sizeof *n);
		if (!n) {
			oom(b);
			break;
		}
		b->rels = n;
		n[b->n_rels++] = (rel){attr(r, "Id"), attr(r, "Target"), attr(r, "Type")};
	}
	if (r && st < 0)
		xml_broken(b, name);
	xmlFreeTextReader(r);
	free(buf);
	return b->rc == 0 && !b->failed;
}

static const rel *rel_by(const book *b, const char *id, const char *type_suffix)
{
	for (size_t i = 0; i < b->n_rels; i++) {
		const rel *x = &b->rels[i];
		if (!x->target)
			continue;
		if (id && x->id && strcmp(x->id, id) == 0)
			return x;
		if (type_suffix && x->type && strlen(x->type) >= strlen(type_suffix) &&
		    strcmp(x->type + strlen(x->type) - strlen(type_suffix), type_suffix) == 0)
			return x;
	}
	return NULL;
}

/* A relationship target as a part name: relative to dir ("xl/"), or from
 * the root when it starts with '/'; "../" goes one folder up. */
static char *part_name(const char *dir, const char *target)
{
	char buf[1024];
	if (target[0] == '/')
		snprintf(buf, sizeof buf, "%s", target + 1);
	else
		snprintf(buf, sizeof buf, "%s%s", dir, target);
	char *p;
	while ((p = strstr(buf, "/../"))) {
		char *q = p;
		while (q > buf && q[-1] != '/')
			q--;
		memmove(q, p + 4, strlen(p + 4) + 1);
	}
	return strdup(buf);
}

/* The sheets of the workbook part, in order. */
static bool read_workbook(book *b, const char *name)
{
	size_t len;
	bool missing;
	char *buf = read_part(b, name, &len, &missing);
	if (!buf) {
		if (missing)
			fail(b, 0, 0, "this ZIP file is not an Excel workbook (.xlsx): it has no %s", name);
		return false;
	}
	xmlTextReaderPtr r = xml_open(b, buf, len, name);
	int st = 0;
	while (r && b->rc == 0 && (st = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_element(r, "sheet"))
			continue;
		sheet_ref *n = realloc(b->sheets, (b->n_sheets + 1) * sizeof *n);
		if (!n) {
			oom(b);
			break;
		}
		b->sheets = n;
		n[b->n_sheets++] = (sheet_ref){attr(r, "name"), rel_attr(r, "id")};
	}
	if (r && st < 0)
		xml_broken(b, name);
	xmlFreeTextReader(r);
	free(buf);
	if (b->rc == 0 && !b->failed && b->n_sheets == 0)
		fail(b, 0, 0, "the workbook has no worksheet");
	return b->rc == 0 && !b->failed;
}

/* ---- text of elements --------------------------------------------------------- */

/* Appends the text and CDATA inside the current element (up to its end) to
 * *s, skipping phonetic runs (rPh). Returns false on broken XML or no memory. */
static bool element_text(book *b, xmlTextReaderPtr r, char **s, size_t *len, bool only_t)
{
	if (xmlTextReaderIsEmptyElement(r))
		return true;
	int depth = xmlTextReaderDepth(r), in_t = 0, skip = 0;
	while (xmlTextReaderRead(r) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
			return true;
		if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
			if (is_element(r, "rPh"))
				skip++;
			else if (is_element(r, "t"))
				in_t++;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_element(r, "rPh"))
				skip--;
			else if (is_element(r, "t"))
				in_t--;
		} else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
			    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) &&
			   !skip && (!only_t || in_t)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			size_t n = v ? strlen(v) : 0;
			char *g = realloc(*s, *len + n + 1);
			if (!g)
				return oom(b);
			memcpy(g + *len, v, n);
			*len += n;
			g[*len] = '\0';
			*s = g;
		}
	}
	return false;
}

static bool read_shared_strings(book *b, const char *name)
{
	size_t len;
	bool missing;
	char *buf = read_part(b, name, &len, &missing);
	if (!buf)
		return missing && b->rc == 0;
	xmlTextReaderPtr r = xml_open(b, buf, len, name);
	int st = 0;
	while (r && b->rc == 0 && (st = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_element(r, "si"))
			continue;
		if (b->n_sst == b->cap_sst) {
			size_t cap = b->cap_sst ? b->cap_sst * 2 : 256;
			char **n = realloc(b->sst, cap * sizeof *n);
			if (!n) {
				oom(b);
				break;
			}
			b->sst = n;
			b->cap_sst = cap;
		}
		char *s = NULL;
		size_t n = 0;
		if (!element_text(b, r, &s, &n, true)) {
			free(s);
			st = b->rc ? 0 : -1;
			break;
		}
		b->sst[b->n_sst++] = s ? s : strdup("");
		if (!b->sst[b->n_sst - 1])
			oom(b);
	}
	if (r && st < 0)
		xml_broken(b, name);
	xmlFreeTextReader(r);
	free(buf);
	return b->rc == 0 && !b->failed;
}

/* ---- the worksheet -------------------------------------------------------------- */

/* "C7" -> column 3, row 7. False when not a cell reference in range. */
static bool parse_ref(const char *s, unsigned *col, unsigned *row)
{
	unsigned c = 0, r = 0;
	size_t i = 0;
	for (; s[i] >= 'A' && s[i] <= 'Z' && i < 3; i++)
		c = c * 26 + (unsigned)(s[i] - 'A' + 1);
	if (s[i] >= 'A' && s[i] <= 'Z')
		return false;
	size_t d = i;
	for (; s[i] >= '0' && s[i] <= '9' && i - d < 7; i++)
		r = r * 10 + (unsigned)(s[i] - '0');
	if (s[i] || (col && !c) || (row && i == d))
		return false;
	if (c > MAX_COL || r > MAX_ROW || (i > d && r == 0))
		return false;
	if (col)
		*col = c;
	if (row)
		*row = r;
	return true;
}

/* The shortest decimal that gives back the stored double: what a
 * spreadsheet shows for 82.444999999999993 is 82.445 (then rounded for
 * display, half away from zero, where the scores are shown). */
static char *number_text(book *b, const char *v)
{
	locale_t old = uselocale(b->c_numeric);
	char *end;
	double d = strtod(v, &end);
	char buf[64];
	bool ok = end != v && *end == '\0';
	if (ok && isfinite(d)) {
		int p = 1;
		while (p < 17) {
			snprintf(buf, sizeof buf, "%.*g", p, d);
			if (strtod(buf, NULL) == d)
				break;
			p++;
		}
		/* as a plain decimal (1E+2 is 100), which every loader reads; very
		 * large or small numbers keep their exponent */
		snprintf(buf, sizeof buf, "%.*e", p - 1, d);
		int exp10 = atoi(strchr(buf, 'e') + 1);
		int decimals = p - 1 - exp10;
		if (exp10 < 20 && exp10 > -20)
			snprintf(buf, sizeof buf, "%.*f", decimals > 0 ? decimals : 0, d);
		else
			snprintf(buf, sizeof buf, "%.*g", p, d);
	} else {
		ok = false;
	}
	uselocale(old);
	return strdup(ok ? buf : v);
}

static bool add_cell(book *b, unsigned row, unsigned col, char *text, bool copy)
{
	if (b->n_cells == b->cap_cells) {
		size_t cap = b->cap_cells ? b->cap_cells * 2 : 1024;
		xcell *n = realloc(b->cells, cap * sizeof *n);
		if (!n) {
			free(text);
			return oom(b);
		}
		b->cells = n;
		b->cap_cells = cap;
	}
	b->cells[b->n_cells++] = (xcell){row, col, text, copy};
	return true;
}

/* One <c> element: its value as text, by its type. */
static bool read_cell(book *b, xmlTextReaderPtr r, unsigned row, unsigned *last_col)
{
	char *ref = attr(r, "r"), *type = attr(r, "t");
	unsigned col = *last_col + 1, rrow = row;
	bool ok = true;
	if (ref && !parse_ref(ref, &col, &rrow)) {
		fail(b, row, 0, "'%s' is not a cell reference (expected a column and a row such as C7)", ref);
		ok = false;
	} else if (col > MAX_COL) {
		fail(b, row, 0, "a cell past the last column the format allows");
		ok = false;
	}
	xmlFree(ref);
	if (!ok) {
		xmlFree(type);
		return false;
	}
	*last_col = col;
	bool inline_str = type && strcmp(type, "inlineStr") == 0;
	char *v = NULL;
	size_t vlen = 0;
	if (!xmlTextReaderIsEmptyElement(r)) {
		int depth = xmlTextReaderDepth(r), st;
		while ((st = xmlTextReaderRead(r)) == 1) {
			int nt = xmlTextReaderNodeType(r);
			if (nt == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
				break;
			if (nt != XML_READER_TYPE_ELEMENT)
				continue;
			if ((inline_str && is_element(r, "is")) || (!inline_str && is_element(r, "v"))) {
				if (!element_text(b, r, &v, &vlen, inline_str)) {
					st = -1;
					break;
				}
			}
		}
		if (st != 1) {
			free(v);
			xmlFree(type);
			if (b->rc == 0)
				fail(b, 0, 0, "the worksheet's XML is not well-formed; the file is damaged");
			return false;
		}
	}
	char *text = NULL;
	if (!v) {
		text = NULL; /* an empty, formatted cell */
	} else if (type && strcmp(type, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (end == v || *end || i >= b->n_sst) {
			fail(b, rrow, col, "the cell refers to shared string %s, which the workbook does not have "
			     "(it has %zu)", v, b->n_sst);
		} else {
			text = strdup(b->sst[i]);
			if (!text)
				oom(b);
		}
	} else if (type && strcmp(type, "b") == 0) {
		text = strdup(strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
	} else if (!type || strcmp(type, "n") == 0) {
		text = number_text(b, v);
	} else { /* str (a formula's text), inlineStr, e (#DIV/0!), d (a date) */
		text = v;
		v = NULL;
	}
	free(v);
	xmlFree(type);
	if (b->rc || b->failed) {
		free(text);
		return false;
	}
	if (!text)
		return true;
	if (!*text) {
		free(text);
		return true;
	}
	return add_cell(b, rrow, col, text, false);
}

static bool read_merge(book *b, const char *ref)
{
	char a[16], z[16];
	const char *colon = ref ? strchr(ref, ':') : NULL;
	range m;
	if (!colon || (size_t)(colon - ref) >= sizeof a || strlen(colon + 1) >= sizeof z)
		return true; /* a one-cell "range" or garbage: nothing to fill */
	memcpy(a, ref, (size_t)(colon - ref));
	a[colon - ref] = '\0';
	strcpy(z, colon + 1);
	if (!parse_ref(a, &m.c1, &m.r1) || !parse_ref(z, &m.c2, &m.r2) || m.r1 > m.r2 || m.c1 > m.c2)
		return true;
	if (b->n_merges == b->cap_merges) {
		size_t cap = b->cap_merges ? b->cap_merges * 2 : 16;
		range *n = realloc(b->merges, cap * sizeof *n);
		if (!n)
			return oom(b);
		b->merges = n;
		b->cap_merges = cap;
	}
	b->merges[b->n_merges++] = m;
	return true;
}

static bool read_sheet(book *b, const char *name)
{
	size_t len;
	bool missing;
	char *buf = read_part(b, name, &len, &missing);
	if (!buf) {
		if (missing)
			fail(b, 0, 0, "the worksheet's part %s is missing from the workbook", name);
		return false;
	}
	xmlTextReaderPtr r = xml_open(b, buf, len, name);
	unsigned row = 0, last_col = 0;
	int st = 0;
	while (r && b->rc == 0 && !b->failed && (st = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (is_element(r, "row")) {
			char *rr = attr(r, "r");
			unsigned n = row + 1;
			if (rr && !parse_ref(rr, NULL, &n))
				n = 0;
			xmlFree(rr);
			if (n == 0 || n > MAX_ROW) {
				fail(b, row, 0, "a row number past the last row the format allows");
				break;
			}
			row = n;
			last_col = 0;
		} else if (is_element(r, "c")) {
			read_cell(b, r, row ? row : 1, &last_col);
		} else if (is_element(r, "mergeCell")) {
			char *ref = attr(r, "ref");
			read_merge(b, ref);
			xmlFree(ref);
		}
	}
	if (r && st < 0 && !b->failed && b->rc == 0)
		xml_broken(b, name);
	xmlFreeTextReader(r);
	free(buf);
	return b->rc == 0 && !b->failed;
}

static int by_place(const void *pa, const void *pb)
{
	const xcell *a = pa, *b = pb;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* Gives every cell a merged range covers its first cell's value, within
 * the rows and columns that hold data. */
static bool fill_merges(book *b)
{
	if (!b->n_merges || !b->n_cells)
		return true;
	qsort(b->cells, b->n_cells, sizeof *b->cells, by_place);
	unsigned max_row = b->cells[b->n_cells - 1].row, max_col = 0;
	for (size_t i = 0; i < b->n_cells; i++)
		if (b->cells[i].col > max_col)
			max_col = b->cells[i].col;
	size_t n_orig = b->n_cells, filled = 0;
	for (size_t m = 0; m < b->n_merges; m++) {
		range g = b->merges[m];
		xcell key = {g.r1, g.c1, NULL, false};
		const xcell *first = bsearch(&key, b->cells, n_orig, sizeof *b->cells, by_place);
		if (!first)
			continue;
		const char *text = first->text;
		for (unsigned r = g.r1; r <= g.r2 && r <= max_row; r++)
			for (unsigned c = g.c1; c <= g.c2 && c <= max_col; c++) {
				if (r == g.r1 && c == g.c1)
					continue;
				if (++filled > MAX_MERGE_FILL) {
					fail(b, 0, 0, "merged ranges cover more than %u cells with data; "
					     "unmerge them", MAX_MERGE_FILL);
					return false;
				}
				char *t = strdup(text);
				if (!t)
					return oom(b);
				if (!add_cell(b, r, c, t, true))
					return false;
			}
	}
	/* a cell with its own value wins over a merged copy at the same place */
	qsort(b->cells, b->n_cells, sizeof *b->cells, by_place);
	size_t o = 0;
	for (size_t i = 0; i < b->n_cells; i++) {
		if (o && b->cells[o - 1].row == b->cells[i].row && b->cells[o - 1].col == b->cells[i].col) {
			xcell *keep = &b->cells[o - 1];
			if (keep->copy && !b->cells[i].copy) {
				free(keep->text);
				*keep = b->cells[i];
			} else {
				free(b->cells[i].text);
			}
			continue;
		}
		b->cells[o++] = b->cells[i];
	}
	b->n_cells = o;
	return true;
}

/* ---- records -------------------------------------------------------------------- */

/* The header: the first row with two or more cells of its own (a title
 * above it has one, often merged across the table); else the first row. */
static unsigned header_row(const book *b)
{
	for (size_t i = 0; i < b->n_cells;) {
		unsigned row = b->cells[i].row, own = 0;
		for (; i < b->n_cells && b->cells[i].row == row; i++)
			own += !b->cells[i].copy;
		if (own >= 2)
			return row;
	}
	return b->n_cells ? b->cells[0].row : 0;
}

static int give_records(book *b, itakit_csv_record_fn fn, void *payload)
{
	qsort(b->cells, b->n_cells, sizeof *b->cells, by_place);
	unsigned head = header_row(b);
	size_t max = b->opts->max_columns ? b->opts->max_columns : 256;
	itakit_csv_field *fields = calloc(max, sizeof *fields);
	if (!fields)
		return ITAKIT_ENOMEM;
	unsigned head_width = 0;
	size_t index = 0;
	int rc = 0;
	for (size_t i = 0; i < b->n_cells && rc == 0;) {
		unsigned row = b->cells[i].row;
		size_t j = i;
		while (j < b->n_cells && b->cells[j].row == row)
			j++;
		if (row < head) {
			i = j;
			continue;
		}
		unsigned width = b->cells[j - 1].col;
		if (row == head)
			head_width = width;
		if (width < head_width)
			width = head_width;
		size_t kept = width < max ? width : max;
		for (size_t k = 0; k < kept; k++)
			fields[k] = (itakit_csv_field){"", 0, row, (unsigned)k + 1};
		for (size_t k = i; k < j; k++) {
			const xcell *c = &b->cells[k];
			if (c->col > kept)
				continue;
			size_t n = strlen(c->text);
			if (b->opts->max_field_bytes && n > b->opts->max_field_bytes) {
				fail(b, row, c->col, "cell longer than the limit of %zu bytes", b->opts->max_field_bytes);
				free(fields);
				return b->rc;
			}
			fields[c->col - 1].text = c->text;
			fields[c->col - 1].len = n;
		}
		itakit_csv_record rec = {index++, kept, width, fields, row};
		rc = fn(payload, &rec);
		i = j;
	}
	free(fields);
	return rc < 0 ? rc : 0;
}

/* ---- the workbook ---------------------------------------------------------------- */

static void book_release(book *b)
{
	for (size_t i = 0; i < b->n_sst; i++)
		free(b->sst[i]);
	free(b->sst);
	for (size_t i = 0; i < b->n_cells; i++)
		free(b->cells[i].text);
	free(b->cells);
	free(b->merges);
	free_rels(b);
	for (size_t i = 0; i < b->n_sheets; i++) {
		xmlFree(b->sheets[i].name);
		xmlFree(b->sheets[i].rid);
	}
	free(b->sheets);
	if (b->za)
		zip_discard(b->za);
	if (b->c_numeric)
		freelocale(b->c_numeric);
}

/* The sheet a name would have been meant for, or NULL. */
static const char *nearest_sheet(const book *b, const char *want)
{
	const char **names = calloc(b->n_sheets, sizeof *names);
	if (!names)
		return NULL;
	for (size_t i = 0; i < b->n_sheets; i++)
		names[i] = b->sheets[i].name ? b->sheets[i].name : "";
	size_t best;
	const char *near = itakit_text_suggest(&best, 1, want, names, b->n_sheets) ? names[best] : NULL;
	free(names);
	return near;
}

/* The sheet named want: the same name, else the one name equal to it with
 * case and spaces ignored (a spreadsheet does not tell "Scores" from
 * "scores"). Reported with the sheets there are when none is. */
static const sheet_ref *sheet_named(book *b, const char *want)
{
	for (size_t i = 0; i < b->n_sheets; i++)
		if (b->sheets[i].name && strcmp(b->sheets[i].name, want) == 0)
			return &b->sheets[i];
	char *key = itakit_text_match_key(want);
	if (!key)
		return oom(b), NULL;
	const sheet_ref *found = NULL;
	size_t same = 0;
	for (size_t i = 0; i < b->n_sheets; i++) {
		char *other = b->sheets[i].name ? itakit_text_match_key(b->sheets[i].name) : NULL;
		if (other && *key && strcmp(key, other) == 0) {
			found = &b->sheets[i];
			same++;
		}
		free(other);
	}
	free(key);
	if (same == 1)
		return found;
	char list[512] = "";
	for (size_t i = 0; i < b->n_sheets; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s'%s'", i ? ", " : "",
			 b->sheets[i].name ? b->sheets[i].name : "");
	const char *near = nearest_sheet(b, want);
	fail(b, 0, 0, "the workbook has no sheet named '%s'; its sheets are %s%s%s%s", want, list,
	     near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
	return NULL;
}

/* Opens the container and reads the workbook part (the sheets, b->dir),
 * its relationships and the shared strings. */
static bool open_book(book *b, const char *bytes, size_t n)
{
	if (itakit__office_load(ITAKIT__OFFICE_ZIP | ITAKIT__OFFICE_XML) != 0) {
		fail(b, 1, 1, "%s", itakit_error_last());
		return false;
	}
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &err);
	if (src && !(b->za = zip_open_from_source(src, ZIP_RDONLY, &err)))
		zip_source_free(src);
	if (!b->za) {
		fail(b, 1, 1, "this looks like an Excel workbook (.xlsx) or another ZIP archive, but it cannot "
		     "be opened (%s); save it again from the spreadsheet, or as CSV UTF-8", zip_error_strerror(&err));
		zip_error_fini(&err);
		return false;
	}
	zip_error_fini(&err);
	if (!read_rels(b, "_rels/.rels"))
		return false;
	const rel *doc = rel_by(b, NULL, "/officeDocument");
	char *wb = strdup(doc ? (doc->target[0] == '/' ? doc->target + 1 : doc->target) : "xl/workbook.xml");
	if (!wb)
		return oom(b);
	const char *slash = strrchr(wb, '/');
	if (slash && (size_t)(slash - wb) + 1 < sizeof b->dir)
		memcpy(b->dir, wb, (size_t)(slash - wb) + 1), b->dir[slash - wb + 1] = '\0';
	char rels_name[1024];
	snprintf(rels_name, sizeof rels_name, "%s_rels/%s.rels", b->dir, slash ? slash + 1 : wb);
	bool ok = read_workbook(b, wb) && read_rels(b, rels_name);
	free(wb);
	if (!ok)
		return false;
	const rel *ss = rel_by(b, NULL, "/sharedStrings");
	char *ss_part = part_name(b->dir, ss ? ss->target : "sharedStrings.xml");
	if (!ss_part)
		return oom(b);
	ok = read_shared_strings(b, ss_part);
	free(ss_part);
	return ok;
}

/* Forgets the cells of the sheet read, to read another. */
static void clear_sheet(book *b)
{
	for (size_t i = 0; i < b->n_cells; i++)
		free(b->cells[i].text);
	b->n_cells = 0;
	b->n_merges = 0;
}

/* Reads sheet s's cells (merged ranges filled in); diagnostics name it. */
static bool load_sheet(book *b, const sheet_ref *s)
{
	clear_sheet(b);
	free(b->in->sheet);
	if (!(b->in->sheet = strdup(s->name ? s->name : "")))
		return oom(b);
	const rel *sr = s->rid ? rel_by(b, s->rid, NULL) : NULL;
	if (!sr) {
		fail(b, 0, 0, "the workbook does not say where the sheet's cells are; the file is damaged");
		return false;
	}
	char *part = part_name(b->dir, sr->target);
	if (!part)
		return oom(b);
	bool ok = read_sheet(b, part) && fill_merges(b);
	free(part);
	return ok;
}

/* The header row of the sheet read, given to a function that wants only it. */
typedef struct {
	itakit_header_pick_fn pick;
	bool yes;
	itakit_sheet_header_fn each;
	void *payload;
	const char *sheet;
} header_probe;

static int probe_header(void *payload, const itakit_csv_record *rec)
{
	header_probe *p = payload;
	if (p->pick) {
		p->yes = p->pick(rec);
		return 1;
	}
	int rc = p->each(p->payload, p->sheet, rec);
	return rc < 0 ? rc : 1;
}

/* Reads, for a workbook read without a sheet name, the first sheet whose
 * header row opts->pick accepts, else the first sheet. Returns the sheet
 * read, or NULL when reported. */
static const sheet_ref *pick_sheet(book *b)
{
	if (!b->opts->pick || b->n_sheets < 2)
		return load_sheet(b, &b->sheets[0]) ? &b->sheets[0] : NULL;
	for (size_t i = 0; i < b->n_sheets; i++) {
		if (!load_sheet(b, &b->sheets[i]))
			return NULL;
		header_probe p = {b->opts->pick, false, NULL, NULL, NULL};
		if (b->n_cells && give_records(b, probe_header, &p) < 0)
			return NULL;
		if (b->failed || b->rc)
			return NULL;
		if (p.yes)
			return &b->sheets[i];
	}
	return load_sheet(b, &b->sheets[0]) ? &b->sheets[0] : NULL;
}

static bool book_start(book *b, itakit_input *in, const itakit_records_options *opts)
{
	memset(b, 0, sizeof *b);
	b->in = in;
	b->opts = opts;
	b->c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return b->c_numeric != NULL;
}

static int book_end(book *b, int rc)
{
	if (rc == 0 && b->rc)
		rc = b->rc;
	book_release(b);
	if (rc == ITAKIT_ENOMEM)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	return rc;
}

int itakit__xlsx_read(itakit_input *in, const char *bytes, size_t n,
		      const itakit_records_options *opts, itakit_csv_record_fn fn, void *payload)
{
	book b;
	if (!book_start(&b, in, opts))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	int rc = 0;
	if (open_book(&b, bytes, n)) {
		const sheet_ref *s = opts->sheet ? sheet_named(&b, opts->sheet) : pick_sheet(&b);
		if (s && opts->sheet && !load_sheet(&b, s))
			s = NULL;
		if (s && b.n_cells == 0 && opts->empty_hint)
			fail(&b, 0, 0, "the sheet is empty; %s", opts->empty_hint);
		else if (s)
			rc = give_records(&b, fn, payload);
	}
	return book_end(&b, rc);
}

int itakit__xlsx_headers(itakit_input *in, const char *bytes, size_t n, itakit_sheet_header_fn fn,
			 void *payload)
{
	itakit_records_options opts = {NULL, 0, 0, NULL, NULL};
	book b;
	if (!book_start(&b, in, &opts))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	int rc = 0;
	if (open_book(&b, bytes, n)) {
		for (size_t i = 0; i < b.n_sheets && rc == 0; i++) {
			if (!load_sheet(&b, &b.sheets[i]))
				break;
			const char *name = b.sheets[i].name ? b.sheets[i].name : "";
			header_probe p = {NULL, false, fn, payload, name};
			rc = b.n_cells ? give_records(&b, probe_header, &p) : fn(payload, name, NULL);
			if (b.failed)
				break;
		}
	}
	return book_end(&b, rc < 0 ? rc : 0);
}
