/* Measures catalog: a table in the format of data/measures.csv (CSV or an
 * .xlsx worksheet, records from the input layer), and the choice of rows
 * for a report. */
#include "itakit/measures.h"

#include "input.h"
#include "itakit/workbook.h"

#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ITAKIT_DATA_DIR
#define ITAKIT_DATA_DIR "data"
#endif

/* ---- catalog ------------------------------------------------------------- */

void itakit_measures_init(itakit_measures *cat)
{
	memset(cat, 0, sizeof *cat);
}

static void measure_release(itakit_measure *m)
{
	free(m->id);
	for (int l = 0; l < 2; l++)
		for (int f = 0; f < ITAKIT_MEASURE_N_FIELDS; f++)
			free(m->text[l][f]);
}

void itakit_measures_release(itakit_measures *cat)
{
	for (size_t i = 0; i < cat->count; i++)
		measure_release(&cat->items[i]);
	free(cat->items);
	free(cat->source);
	free(cat->sheet);
	itakit_measures_init(cat);
}

/* Columns of the file. */
enum {
	COL_ID,
	COL_INDICATORS,
	COL_ISSUE,
	COL_APPROACH,
	COL_RESPONSIBLE,
	COL_STEPS,
	COL_ISSUE_EN,
	COL_APPROACH_EN,
	COL_RESPONSIBLE_EN,
	COL_STEPS_EN,
	COL_PURPOSE,
	N_COLS
};

static const char *const col_names[N_COLS] = {
	"id", "indicators", "issue", "approach", "responsible", "steps",
	"issue_en", "approach_en", "responsible_en", "steps_en", "purpose",
};

#define EXPECTED_COLUMNS "id, indicators, issue, approach, responsible, steps, issue_en, approach_en, responsible_en, steps_en, purpose"

/* Header names accepted for the base columns, as match keys (see
 * header_key): English names, the Thai table headings of the report, and
 * the short forms people type. */
static const struct {
	int col;
	const char *key;
} col_aliases[] = {
	{COL_ID, "id"}, {COL_ID, "รหัส"}, {COL_ID, "ลำดับ"}, {COL_ID, "no"},
	{COL_INDICATORS, "indicators"}, {COL_INDICATORS, "indicator"},
	{COL_INDICATORS, "codes"}, {COL_INDICATORS, "ตัวชี้วัด"}, {COL_INDICATORS, "ตัวชี้วัดที่"},
	{COL_ISSUE, "issue"}, {COL_ISSUE, "ประเด็น"},
	{COL_APPROACH, "approach"}, {COL_APPROACH, "วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ"},
	{COL_APPROACH, "วิธีการ"}, {COL_APPROACH, "มาตรการ"}, {COL_APPROACH, "measure"},
	{COL_APPROACH, "measures"},
	{COL_RESPONSIBLE, "responsible"}, {COL_RESPONSIBLE, "ผู้รับผิดชอบ"},
	{COL_RESPONSIBLE, "หน่วยงานผู้รับผิดชอบ"},
	{COL_STEPS, "steps"}, {COL_STEPS, "ขั้นตอนหรือวิธีปฏิบัติ"}, {COL_STEPS, "ขั้นตอน"},
	{COL_STEPS, "วิธีปฏิบัติ"}, {COL_STEPS, "ขั้นตอนวิธีปฏิบัติ"},
	{COL_PURPOSE, "purpose"}, {COL_PURPOSE, "วัตถุประสงค์"},
};

/* Suffixes that make a text column the English one ("issue_en",
 * "Issue (English)", "ประเด็น (ภาษาอังกฤษ)"). */
static const char *const en_suffixes[] = {"english", "ภาษาอังกฤษ", "อังกฤษ", "en"};

/* A header cell's match key: normalised, spaces dropped, ASCII lower case,
 * and the punctuation people put in headings ("issue_en", "ขั้นตอน/วิธีปฏิบัติ",
 * "issue (en)") dropped. NULL on out of memory. */
static char *header_key(const char *cell)
{
	char *k = itakit_text_match_key(cell);
	if (!k)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; k[i]; i++)
		if (!strchr("_-()/.:[]", k[i]))
			k[o++] = k[i];
	k[o] = '\0';
	return k;
}

static int base_column(const char *key)
{
	for (size_t i = 0; i < sizeof col_aliases / sizeof col_aliases[0]; i++)
		if (strcmp(col_aliases[i].key, key) == 0)
			return col_aliases[i].col;
	return -1;
}

/* Column for a header key, or -1. */
static int find_column(const char *key)
{
	int c = base_column(key);
	if (c >= 0)
		return c;
	size_t n = strlen(key);
	for (size_t i = 0; i < sizeof en_suffixes / sizeof en_suffixes[0]; i++) {
		size_t sn = strlen(en_suffixes[i]);
		if (n <= sn || strcmp(key + n - sn, en_suffixes[i]) != 0)
			continue;
		char base[256];
		if (n - sn >= sizeof base)
			continue;
		memcpy(base, key, n - sn);
		base[n - sn] = '\0';
		c = base_column(base);
		if (c >= COL_ISSUE && c <= COL_STEPS)
			return c - COL_ISSUE + COL_ISSUE_EN;
	}
	return -1;
}

/* The column a header cell names, or -1. */
static int column_of(const char *text)
{
	char *key = header_key(text);
	int col = key && *key ? find_column(key) : -1;
	free(key);
	return col;
}

size_t itakit__measures_header_columns(const itakit_csv_record *header)
{
	return itakit__header_columns(header, column_of);
}

static bool catalog_header(const itakit_csv_record *header)
{
	return itakit__table_kind(header) == ITAKIT_TABLE_MEASURES;
}

/* Cells of a row are kept up to this many; a longer row is an error anyway. */
#define MAX_ROW_CELLS 64

typedef struct {
	const char *s;       /* the record's field text; NULL when too long */
	size_t len;
	unsigned line, col;  /* where the field starts */
} cell;

typedef struct {
	const char *file;
	itakit_input in;          /* diagnostics go through it (file or sheet) */
	itakit_diag_list *diags;
	itakit_measures *out;
	int max_code;
	size_t errors;
	bool oom, limit, stop;

	cell cells[MAX_ROW_CELLS];
	size_t n_cells;           /* fields seen in the row, even past MAX_ROW_CELLS */
	unsigned extra_col;       /* column of the first field past the header's */

	bool header_done;
	size_t n_header;
	int colmap[N_COLS];       /* CSV field index of each column, -1 absent */
	size_t cap_items;
	size_t data_rows;
} parser;

#define ERR(ps, ln, cl, ...)                                                       \
	do {                                                                       \
		(ps)->errors++;                                                    \
		if (itakit__input_diag(&(ps)->in, ITAKIT_DIAG_ERROR, (ln), (cl),   \
				       __VA_ARGS__))                               \
			(ps)->oom = true;                                          \
	} while (0)

/* Takes the record's fields as the row's cells (valid during the record). */
static void take_cells(parser *ps, const itakit_csv_record *rec)
{
	ps->n_cells = rec->n_fields_seen;
	ps->extra_col = 0;
	for (size_t i = 0; i < rec->n_fields && i < MAX_ROW_CELLS; i++) {
		const itakit_csv_field *f = &rec->fields[i];
		cell *c = &ps->cells[i];
		c->line = f->line;
		c->col = f->column;
		c->len = f->len;
		c->s = f->text;
		if (ps->header_done && i == ps->n_header)
			ps->extra_col = f->column;
		if (f->len > ITAKIT_MEASURES_MAX_CELL) {
			c->s = NULL;
			ERR(ps, c->line, c->col, "cell is longer than %d bytes", ITAKIT_MEASURES_MAX_CELL);
		}
	}
}

static void clear_row(parser *ps)
{
	ps->n_cells = 0;
	ps->extra_col = 0;
}

static void read_header(parser *ps)
{
	size_t n = ps->n_cells;
	ps->n_header = n;
	for (int c = 0; c < N_COLS; c++)
		ps->colmap[c] = -1;
	if (n > MAX_ROW_CELLS) {
		ERR(ps, ps->cells[0].line, ps->cells[0].col,
		    "header has %zu columns, more than the %d allowed", n, MAX_ROW_CELLS);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		cell *c = &ps->cells[i];
		if (!c->s)
			continue; /* too long: already reported */
		char *key = header_key(c->s);
		if (!key) {
			ps->oom = true;
			return;
		}
		if (!key[0]) { /* a spreadsheet's trailing empty column */
			free(key);
			continue;
		}
		int col = find_column(key);
		free(key);
		if (col < 0) {
			ERR(ps, c->line, c->col, "unknown column '%s' (expected: " EXPECTED_COLUMNS ")",
			    c->s);
		} else if (ps->colmap[col] >= 0) {
			cell *first = &ps->cells[ps->colmap[col]];
			ERR(ps, c->line, c->col, "column '%s' given twice (first at column %u)",
			    col_names[col], first->col);
		} else {
			ps->colmap[col] = (int)i;
		}
	}
	unsigned line = n ? ps->cells[0].line : 1;
	for (int col = COL_INDICATORS; col <= COL_STEPS; col++)
		if (ps->colmap[col] < 0)
			ERR(ps, line, 1, "missing required column '%s'", col_names[col]);
	int n_en = 0;
	for (int col = COL_ISSUE_EN; col <= COL_STEPS_EN; col++)
		n_en += ps->colmap[col] >= 0;
	if (n_en > 0 && n_en < 4)
		for (int col = COL_ISSUE_EN; col <= COL_STEPS_EN; col++)
			if (ps->colmap[col] < 0)
				ERR(ps, line, 1,
				    "missing column '%s' (the English columns issue_en, approach_en, "
				    "responsible_en, steps_en go together)", col_names[col]);
	ps->out->has_english = n_en == 4;
}

/* Parses the indicators cell into m. */
static void read_indicators(parser *ps, const cell *c, itakit_measure *m)
{
	char *norm = itakit_text_normalize(c->s);
	if (!norm) {
		ps->oom = true;
		return;
	}
	itakit_text_arabic_digits(norm);
	bool seen[ITAKIT_MAX_INDICATORS + 1] = {false};
	bool bad = false;
	char *p = norm;
	while (*p) {
		size_t sep = strspn(p, " ,;");
		p += sep;
		if (!*p)
			break;
		size_t n = strcspn(p, " ,;");
		size_t digits = strspn(p, "0123456789");
		double v = 0;
		char save = p[n];
		p[n] = '\0';
		if (digits != n || n > 4 || itakit_text_parse_number(&v, p) != 0 ||
		    v < 1 || v > ps->max_code) {
			ERR(ps, c->line, c->col,
			    "bad indicator code '%s' (expected numbers from 1 to %d, separated by spaces)",
			    p, ps->max_code);
			bad = true;
		} else if (!seen[(int)v]) {
			seen[(int)v] = true;
		}
		p[n] = save;
		p += n;
	}
	free(norm);
	if (bad)
		return;
	for (int code = 1; code <= ps->max_code; code++)
		if (seen[code])
			m->indicators[m->n_indicators++] = code;
	if (m->n_indicators == 0)
		ERR(ps, c->line, c->col, "no indicator codes (the row would never be chosen)");
}

/* The purpose cell: empty or "improve" (the row answers its indicators when
 * they are below the threshold), or "keep" (the row is for a unit with no
 * indicator below the threshold, to keep its score). Thai: ปรับปรุง, รักษา. */
static void read_purpose(parser *ps, const cell *c, itakit_measure *m)
{
	m->purpose = ITAKIT_MEASURE_IMPROVE;
	if (!c)
		return;
	char *k = itakit_text_match_key(c->s);
	if (!k) {
		ps->oom = true;
		return;
	}
	if (!k[0] || strcmp(k, "improve") == 0 || strcmp(k, "ปรับปรุง") == 0)
		m->purpose = ITAKIT_MEASURE_IMPROVE;
	else if (strcmp(k, "keep") == 0 || strcmp(k, "รักษา") == 0 || strcmp(k, "รักษาระดับ") == 0)
		m->purpose = ITAKIT_MEASURE_KEEP;
	else
		ERR(ps, c->line, c->col, "bad purpose '%s' (expected improve, keep or an empty cell)", c->s);
	free(k);
}

static const cell *row_cell(const parser *ps, int col)
{
	int i = ps->colmap[col];
	return i >= 0 ? &ps->cells[i] : NULL;
}

static char *text_of(parser *ps, int col)
{
	const cell *c = row_cell(ps, col);
	char *t = c ? itakit_text_normalize_lines(c->s, c->len) : strdup("");
	if (!t)
		ps->oom = true;
	return t;
}

static void read_row(parser *ps)
{
	size_t n = ps->n_cells;
	unsigned line = ps->cells[0].line, col = ps->cells[0].col;
	size_t kept = n < MAX_ROW_CELLS ? n : MAX_ROW_CELLS;
	bool blank = true;
	for (size_t i = 0; i < kept && blank; i++)
		for (const char *p = ps->cells[i].s; p && *p && blank; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				blank = false;
	if (blank) /* a spreadsheet's empty row, or a line of spaces */
		return;
	if (n != ps->n_header) {
		if (n > ps->n_header)
			ERR(ps, line, ps->extra_col, "row has %zu fields, the header has %zu", n,
			    ps->n_header);
		else
			ERR(ps, line, col, "row has %zu fields, the header has %zu", n, ps->n_header);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (!ps->cells[i].s)
			return; /* too long: already reported */
	if (++ps->data_rows > ITAKIT_MEASURES_MAX_ROWS) {
		ERR(ps, line, col, "more than %d rows", ITAKIT_MEASURES_MAX_ROWS);
		ps->limit = true;
		return;
	}

	itakit_measure m;
	memset(&m, 0, sizeof m);
	m.line = line;
	size_t errors_before = ps->errors;

	const cell *idc = row_cell(ps, COL_ID);
	if (idc) {
		m.id = itakit_text_normalize(idc->s);
		if (m.id && !m.id[0])
			ERR(ps, idc->line, idc->col, "empty id");
	} else {
		char buf[32];
		snprintf(buf, sizeof buf, "%zu", ps->data_rows);
		m.id = strdup(buf);
	}
	if (!m.id) {
		ps->oom = true;
		return;
	}
	if (m.id[0])
		for (size_t i = 0; i < ps->out->count; i++)
			if (strcmp(ps->out->items[i].id, m.id) == 0) {
				ERR(ps, idc ? idc->line : line, idc ? idc->col : col,
				    "duplicate id '%s' (first on line %u)", m.id, ps->out->items[i].line);
				break;
			}

	read_indicators(ps, row_cell(ps, COL_INDICATORS), &m);
	read_purpose(ps, row_cell(ps, COL_PURPOSE), &m);

	static const int th_cols[ITAKIT_MEASURE_N_FIELDS] = {COL_ISSUE, COL_APPROACH,
							      COL_RESPONSIBLE, COL_STEPS};
	for (int f = 0; f < ITAKIT_MEASURE_N_FIELDS && !ps->oom; f++) {
		m.text[ITAKIT_LANG_TH][f] = text_of(ps, th_cols[f]);
		m.text[ITAKIT_LANG_EN][f] = text_of(ps, th_cols[f] - COL_ISSUE + COL_ISSUE_EN);
	}
	if (!ps->oom && !m.text[ITAKIT_LANG_TH][ITAKIT_MEASURE_ISSUE][0]) {
		const cell *c = row_cell(ps, COL_ISSUE);
		ERR(ps, c->line, c->col, "empty issue");
	}

	if (ps->oom || ps->errors != errors_before) {
		measure_release(&m);
		return;
	}
	if (ps->out->count == ps->cap_items) {
		size_t cap = ps->cap_items ? ps->cap_items * 2 : 16;
		itakit_measure *items = realloc(ps->out->items, cap * sizeof *items);
		if (!items) {
			measure_release(&m);
			ps->oom = true;
			return;
		}
		ps->out->items = items;
		ps->cap_items = cap;
	}
	ps->out->items[ps->out->count++] = m;
}

static int on_record(void *payload, const itakit_csv_record *rec)
{
	parser *ps = payload;
	take_cells(ps, rec);
	if (!ps->stop && ps->n_cells) {
		if (!ps->header_done) {
			read_header(ps);
			ps->header_done = true;
			/* without the columns no row can be read: say so once, not per row */
			if (ps->errors)
				ps->stop = true;
		} else {
			read_row(ps);
		}
	}
	if (ps->oom || ps->limit)
		ps->stop = true;
	clear_row(ps);
	return ps->oom ? ITAKIT_ENOMEM : ps->stop ? 1 : 0;
}

static int parse_table(itakit_measures *out, const char *text, size_t len, const char *filename,
		       const char *sheet, int max_code, itakit_diag_list *diags)
{
	itakit_measures_release(out);
	if (max_code < 1 || max_code > ITAKIT_MAX_INDICATORS)
		return itakit_error_set(ITAKIT_EUSAGE, "indicator codes must end between 1 and %d, not %d",
					ITAKIT_MAX_INDICATORS, max_code);
	const char *name = filename ? filename : "measures";
	if (len > ITAKIT_MEASURES_MAX_SIZE)
		return itakit_error_set(ITAKIT_ELIMIT, "%s: catalog is larger than %d bytes", name,
					ITAKIT_MEASURES_MAX_SIZE);
	out->max_code = max_code;

	parser *ps = calloc(1, sizeof *ps);
	if (!ps)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	ps->file = filename;
	ps->diags = diags;
	itakit__input_init(&ps->in, filename, diags);
	ps->out = out;
	ps->max_code = max_code;

	size_t diag_errors = diags->errors;
	/* the reader's own cell limit is above this file's, which is checked
	 * per cell (an error that lets the reading go on) */
	itakit_records_options ro = {sheet, ITAKIT_MEASURES_MAX_CELL + 1, MAX_ROW_CELLS, NULL, catalog_header};
	int rrc = itakit__input_records(&ps->in, text, len, &ro, on_record, ps);
	if (rrc == ITAKIT_ENOMEM)
		ps->oom = true;
	/* problems of the bytes and the CSV syntax are the reader's diagnostics */
	ps->errors = diags->errors - diag_errors;
	clear_row(ps);
	if (!ps->oom && !ps->limit && !ps->errors) {
		if (!ps->header_done)
			ERR(ps, 0, 0, "empty file (expected the header " EXPECTED_COLUMNS ")");
		else if (out->count == 0)
			ERR(ps, 0, 0, "no measures: the file has a header but no rows");
	}

	if (!ps->oom && ps->in.sheet && !(out->sheet = strdup(ps->in.sheet)))
		ps->oom = true;
	itakit__input_release(&ps->in);
	bool oom = ps->oom, limit = ps->limit;
	size_t errors = ps->errors;
	free(ps);
	if (!oom && filename) {
		out->source = strdup(filename);
		oom = !out->source;
	}
	if (oom) {
		itakit_measures_release(out);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	if (errors) {
		itakit_measures_release(out);
		return itakit_error_set(limit ? ITAKIT_ELIMIT : ITAKIT_EINPUT,
					"%s: %zu error%s in the measures catalog", name, errors,
					errors == 1 ? "" : "s");
	}
	/* a custom catalog that leaves an indicator out is allowed (the report
	 * then says the indicator has no measure), but worth a word */
	for (int code = 1; code <= max_code; code++) {
		bool covered = false;
		for (size_t i = 0; i < out->count && !covered; i++)
			covered = out->items[i].purpose == ITAKIT_MEASURE_IMPROVE &&
				  itakit_measure_covers(&out->items[i], code);
		if (!covered &&
		    itakit_diag_add(diags, ITAKIT_DIAG_WARNING, filename, 0, 0,
				    "no row covers indicator %d", code)) {
			itakit_measures_release(out);
			return ITAKIT_ENOMEM;
		}
	}
	return 0;
}

int itakit_measures_parse(itakit_measures *out, const char *text, size_t len,
			  const char *filename, int max_code, itakit_diag_list *diags)
{
	return parse_table(out, text, len, filename, NULL, max_code, diags);
}

int itakit_measures_parse_sheet(itakit_measures *out, const char *text, size_t len, const char *filename,
				const char *sheet, int max_code, itakit_diag_list *diags)
{
	return parse_table(out, text, len, filename, sheet, max_code, diags);
}

int itakit_measures_load(itakit_measures *out, const char *path, int max_code,
			 itakit_diag_list *diags)
{
	return itakit_measures_load_sheet(out, path, NULL, max_code, diags);
}

int itakit_measures_load_sheet(itakit_measures *out, const char *path, const char *sheet,
			       int max_code, itakit_diag_list *diags)
{
	char *text = NULL;
	size_t len = 0;
	if (path) {
		int rc = itakit_file_read(&text, &len, path, ITAKIT_MEASURES_MAX_SIZE);
		if (rc)
			return rc;
		rc = parse_table(out, text, len, path, sheet, max_code, diags);
		free(text);
		return rc;
	}
	const char *data_path = ITAKIT_DATA_DIR "/measures.csv";
	if (itakit_file_read(&text, &len, data_path, ITAKIT_MEASURES_MAX_SIZE) == 0) {
		int rc = itakit_measures_parse(out, text, len, data_path, max_code, diags);
		free(text);
		return rc;
	}
	/* not installed next to its sources: the compiled-in copy */
	itakit_error_clear();
	int rc = itakit_measures_parse(out, (const char *)itakit_embedded_measures,
				       (size_t)itakit_embedded_measures_len, "(built-in)",
				       max_code, diags);
	return rc;
}

const itakit_measure *itakit_measures_find(const itakit_measures *cat, const char *id)
{
	for (size_t i = 0; i < cat->count; i++)
		if (strcmp(cat->items[i].id, id) == 0)
			return &cat->items[i];
	return NULL;
}

const char *itakit_measure_text(const itakit_measure *m, itakit_measure_field f,
				itakit_lang lang)
{
	if ((unsigned)f >= ITAKIT_MEASURE_N_FIELDS)
		return "";
	const char *en = m->text[ITAKIT_LANG_EN][f];
	const char *th = m->text[ITAKIT_LANG_TH][f];
	if (lang == ITAKIT_LANG_EN && en && en[0])
		return en;
	return th ? th : "";
}

bool itakit_measure_covers(const itakit_measure *m, int code)
{
	for (size_t i = 0; i < m->n_indicators; i++)
		if (m->indicators[i] == code)
			return true;
	return false;
}

/* ---- selection ----------------------------------------------------------- */

void itakit_measure_selection_init(itakit_measure_selection *sel)
{
	memset(sel, 0, sizeof *sel);
}

void itakit_measure_selection_release(itakit_measure_selection *sel)
{
	free(sel->rows);
	itakit_measure_selection_init(sel);
}

typedef struct {
	size_t index;   /* in the catalog */
	size_t rank;    /* position in flagged of the first flagged code covered */
	size_t n_flagged;
} candidate;

static int candidate_cmp(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->n_flagged != y->n_flagged)
		return x->n_flagged > y->n_flagged ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

int itakit_measures_select(itakit_measure_selection *out, const itakit_measures *cat,
			   const int *flagged, size_t n_flagged)
{
	itakit_measure_selection_release(out);
	/* flagged without duplicates, in the caller's order */
	int order[ITAKIT_MAX_INDICATORS];
	size_t n_order = 0;
	bool is_flagged[ITAKIT_MAX_INDICATORS + 1] = {false};
	for (size_t i = 0; i < n_flagged; i++) {
		int code = flagged[i];
		if (code < 1 || code > ITAKIT_MAX_INDICATORS)
			return itakit_error_set(ITAKIT_EUSAGE, "indicator code %d out of range", code);
		if (!is_flagged[code]) {
			is_flagged[code] = true;
			order[n_order++] = code;
		}
	}
	if (n_order == 0 || cat->count == 0) {
		for (size_t i = 0; i < n_order; i++)
			out->uncovered[out->n_uncovered++] = order[i];
		return 0;
	}

	candidate *cand = malloc(cat->count * sizeof *cand);
	if (!cand)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	size_t n_cand = 0;
	for (size_t i = 0; i < cat->count; i++) {
		const itakit_measure *m = &cat->items[i];
		if (m->purpose != ITAKIT_MEASURE_IMPROVE)
			continue; /* rows to keep a score are not answers to a low one */
		candidate c = {.index = i, .rank = n_order};
		for (size_t k = 0; k < n_order; k++)
			if (itakit_measure_covers(m, order[k])) {
				if (c.rank == n_order)
					c.rank = k;
				c.n_flagged++;
			}
		if (c.n_flagged)
			cand[n_cand++] = c;
	}
	qsort(cand, n_cand, sizeof *cand, candidate_cmp);

	if (n_cand) {
		out->rows = calloc(n_cand, sizeof *out->rows);
		if (!out->rows) {
			free(cand);
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		}
	}
	bool answered[ITAKIT_MAX_INDICATORS + 1] = {false};
	for (size_t i = 0; i < n_cand; i++) {
		const itakit_measure *m = &cat->items[cand[i].index];
		bool adds = false;
		for (size_t k = 0; k < m->n_indicators; k++) {
			int code = m->indicators[k];
			if (code >= 1 && code <= ITAKIT_MAX_INDICATORS && is_flagged[code] &&
			    !answered[code])
				adds = true;
		}
		if (!adds)
			continue;
		itakit_measure_choice *ch = &out->rows[out->count++];
		ch->measure = m;
		for (size_t k = 0; k < m->n_indicators; k++) {
			int code = m->indicators[k];
			if (code >= 1 && code <= ITAKIT_MAX_INDICATORS && is_flagged[code]) {
				ch->covers[ch->n_covers++] = code;
				answered[code] = true;
			}
		}
	}
	free(cand);
	for (size_t i = 0; i < n_order; i++)
		if (!answered[order[i]])
			out->uncovered[out->n_uncovered++] = order[i];
	return 0;
}

/* ---- a unit with nothing below the threshold ------------------------------ */

int itakit_measures_select_keep(itakit_measure_selection *out, const itakit_measures *cat,
				const int *lowest, size_t n_lowest)
{
	itakit_measure_selection_release(out);
	for (size_t i = 0; i < n_lowest; i++)
		if (lowest[i] < 1 || lowest[i] > ITAKIT_MAX_INDICATORS)
			return itakit_error_set(ITAKIT_EUSAGE, "indicator code %d out of range", lowest[i]);
	size_t n_keep = 0;
	for (size_t i = 0; i < cat->count; i++)
		n_keep += cat->items[i].purpose == ITAKIT_MEASURE_KEEP;
	if (n_keep == 0) {
		/* no row made for it: the rows that would answer the lowest indicators */
		size_t n = n_lowest < ITAKIT_MEASURES_KEEP_LOWEST ? n_lowest : ITAKIT_MEASURES_KEEP_LOWEST;
		int rc = itakit_measures_select(out, cat, lowest, n);
		out->n_uncovered = 0; /* nothing is below the threshold: no gap to fill */
		out->keep = true;
		return rc;
	}
	candidate *cand = malloc(n_keep * sizeof *cand);
	out->rows = calloc(n_keep, sizeof *out->rows);
	if (!cand || !out->rows) {
		free(cand);
		itakit_measure_selection_release(out);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	size_t n_cand = 0;
	for (size_t i = 0; i < cat->count; i++) {
		const itakit_measure *m = &cat->items[i];
		if (m->purpose != ITAKIT_MEASURE_KEEP)
			continue;
		candidate c = {.index = i, .rank = n_lowest};
		for (size_t k = 0; k < n_lowest; k++)
			if (itakit_measure_covers(m, lowest[k])) {
				if (c.rank == n_lowest)
					c.rank = k;
				c.n_flagged++;
			}
		cand[n_cand++] = c;
	}
	qsort(cand, n_cand, sizeof *cand, candidate_cmp);
	for (size_t i = 0; i < n_cand; i++) {
		const itakit_measure *m = &cat->items[cand[i].index];
		itakit_measure_choice *ch = &out->rows[out->count++];
		ch->measure = m;
		ch->n_covers = m->n_indicators;
		memcpy(ch->covers, m->indicators, m->n_indicators * sizeof m->indicators[0]);
	}
	free(cand);
	out->keep = true;
	return 0;
}

static int lowest_cmp(const void *a, const void *b)
{
	const double *x = a, *y = b; /* {score, code} */
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

int itakit_measures_choose(itakit_measure_selection *out, const itakit_measures *cat,
			   const itakit_year_analysis *ya, size_t n_indicators)
{
	if (ya->n_flagged > 0)
		return itakit_measures_select(out, cat, ya->flagged, ya->n_flagged);
	/* the known indicators, lowest rounded score first (ties: lower code) */
	double pairs[ITAKIT_MAX_INDICATORS][2];
	size_t n = 0;
	for (size_t i = 0; i < n_indicators && i < ITAKIT_MAX_INDICATORS; i++) {
		if (!ya->indicator[i].known)
			continue;
		pairs[n][0] = itakit_round(ya->indicator[i].value, 2);
		pairs[n][1] = (double)(i + 1);
		n++;
	}
	qsort(pairs, n, sizeof pairs[0], lowest_cmp);
	int lowest[ITAKIT_MAX_INDICATORS];
	for (size_t i = 0; i < n; i++)
		lowest[i] = (int)pairs[i][1];
	return itakit_measures_select_keep(out, cat, lowest, n);
}
