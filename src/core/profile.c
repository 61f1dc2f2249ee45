/* Profile file: "key = value" lines (format in data/profile.ini). */
#include "itakit/profile.h"

#include "input.h"

#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum {
	KEY_AGENCY,
	KEY_RESPONSIBLE_DEFAULT,
	KEY_AUTHOR,
	KEY_DATE,
	KEY_CONSTRAINTS,
	KEY_LOGO,
	KEY_FONT,
	KEY_DIGITS,
	KEY_LANG,
	KEY_AGENCY_EN,
	KEY_RESPONSIBLE_DEFAULT_EN,
	KEY_AUTHOR_EN,
	KEY_CONSTRAINTS_EN,
	KEY_APPROVAL_NAME,
	KEY_APPROVAL_NAME_EN,
	KEY_APPROVAL_POSITION,
	KEY_APPROVAL_POSITION_EN,
	KEY_APPROVAL_DATE,
	KEY_PROGRESS_DATE_6,
	KEY_PROGRESS_DATE_12,
	N_KEYS
} profile_key;

static const char *const key_names[N_KEYS] = {
	"agency", "responsible_default", "author", "date", "constraints",
	"logo", "font", "digits", "lang", "agency_en",
	"responsible_default_en", "author_en", "constraints_en",
	"approval_name", "approval_name_en", "approval_position", "approval_position_en",
	"approval_date", "progress_date_6", "progress_date_12",
};

#define VALID_KEYS "agency, responsible_default, author, constraints, approval_name, " \
	"approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang"

/* The free-text keys and their English twins. */
static const struct {
	profile_key th, en;
	size_t th_off, en_off;
} text_keys[] = {
#define TEXT_KEY(K, f) {KEY_##K, KEY_##K##_EN, offsetof(itakit_profile, f), offsetof(itakit_profile, f##_en)}
	TEXT_KEY(AGENCY, agency),
	TEXT_KEY(AUTHOR, author),
	TEXT_KEY(RESPONSIBLE_DEFAULT, responsible_default),
	TEXT_KEY(CONSTRAINTS, constraints),
	TEXT_KEY(APPROVAL_NAME, approval_name),
	TEXT_KEY(APPROVAL_POSITION, approval_position),
#undef TEXT_KEY
};
#define N_TEXT_KEYS (sizeof text_keys / sizeof text_keys[0])

static char **text_field(itakit_profile *p, size_t off)
{
	return (char **)(void *)((char *)p + off);
}

static const char *text_value(const itakit_profile *p, size_t off)
{
	return *(char *const *)(const void *)((const char *)p + off);
}

_Static_assert(N_KEYS <= sizeof ((itakit_profile *)0)->key_line / sizeof(unsigned),
	       "itakit_profile.key_line too small");

static const char *const thai_months[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};
static const char *const english_months[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

void itakit_profile_init(itakit_profile *p)
{
	memset(p, 0, sizeof *p);
	p->digits = ITAKIT_DIGITS_THAI;
	p->lang = ITAKIT_LANG_TH;
}

void itakit_profile_release(itakit_profile *p)
{
	for (size_t i = 0; i < N_TEXT_KEYS; i++) {
		free(*text_field(p, text_keys[i].th_off));
		free(*text_field(p, text_keys[i].en_off));
	}
	free(p->logo);
	free(p->font);
	free(p->source);
	itakit_profile_init(p);
}

/* Parser state for one buffer. */
typedef struct {
	itakit_profile *out;
	const char *file;        /* for diagnostics; may be NULL */
	itakit_diag_list *diags;
	size_t errors;
	bool oom;
	unsigned key_line[N_KEYS]; /* line a key was first given on; 0 = not yet */
} parser;

#define ERR(ps, line, col, ...)                                                    \
	do {                                                                       \
		(ps)->errors++;                                                    \
		if (itakit_diag_add((ps)->diags, ITAKIT_DIAG_ERROR, (ps)->file, (line), \
				    (col), __VA_ARGS__))                           \
			(ps)->oom = true;                                          \
	} while (0)

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* 1-based column (in characters) of byte offset off within a line. */
static unsigned column_of(const char *line, size_t off)
{
	return (unsigned)itakit_utf8_length(line, off) + 1;
}

static int find_key(const char *k, size_t n)
{
	for (int i = 0; i < N_KEYS; i++)
		if (strlen(key_names[i]) == n && memcmp(key_names[i], k, n) == 0)
			return i;
	return -1;
}

/* A key within two edits (a typo, "responsible-default", "Lang"), or NULL. */
static const char *suggest_key(const char *k, size_t n)
{
	char low[41];
	if (n > 40)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = k[i];
		low[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	low[n] = '\0';
	const char *best = NULL;
	size_t best_d = 3;
	for (int i = 0; i < N_KEYS; i++) {
		size_t d = itakit_text_distance(low, key_names[i]);
		if (d < best_d) {
			best_d = d;
			best = key_names[i];
		}
	}
	return best;
}

/* Decodes the \n and \\ escapes of value[0..n). Returns a malloc'd string,
 * or NULL with *bad_off set (offset of a bad backslash) or, on out of
 * memory, *bad_off == (size_t)-1. */
static char *unescape(const char *value, size_t n, size_t *bad_off)
{
	char *s = malloc(n + 1);
	if (!s) {
		*bad_off = (size_t)-1;
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (value[i] != '\\') {
			s[o++] = value[i];
			continue;
		}
		if (i + 1 < n && value[i + 1] == 'n') {
			s[o++] = '\n';
			i++;
		} else if (i + 1 < n && value[i + 1] == '\\') {
			s[o++] = '\\';
			i++;
		} else {
			free(s);
			*bad_off = i;
			return NULL;
		}
	}
	s[o] = '\0';
	return s;
}

/* Parses YYYY-MM-DD (Arabic or Thai digits; BE or CE year). */
static bool parse_date(const char *v, int *year, int *month, int *day)
{
	if (!v)
		return false;
	char buf[64];
	if (strlen(v) >= sizeof buf)
		return false;
	strcpy(buf, v);
	itakit_text_arabic_digits(buf);
	/* exactly 4, 2 and 2 digits: "2567-1-31" is more likely a slip than a
	 * convention, and a fixed shape leaves no room for day/month swaps */
	static const char shape[] = "dddd-dd-dd";
	if (strlen(buf) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++) {
		bool digit = buf[i] >= '0' && buf[i] <= '9';
		if (shape[i] == 'd' ? !digit : buf[i] != '-')
			return false;
	}
	buf[4] = '\0';
	int be;
	if (itakit_text_parse_year(&be, buf) != 0)
		return false;
	int m = (buf[5] - '0') * 10 + (buf[6] - '0');
	int d = (buf[8] - '0') * 10 + (buf[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		return false;
	int ce = be - 543;
	bool leap = (ce % 4 == 0 && ce % 100 != 0) || ce % 400 == 0;
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int max = days[m - 1] + (m == 2 && leap);
	if (d > max)
		return false;
	*year = be, *month = m, *day = d;
	return true;
}

static bool ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
		if (x != *b)
			return false;
	}
	return *a == *b;
}

/* "dir/of/profile.ini" + "logo.png" -> "dir/of/logo.png". */
static char *resolve_path(const char *profile_file, const char *rel)
{
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	const char *slash = profile_file ? strrchr(profile_file, '/') : NULL;
	if (rel[0] != '/' && slash) {
		itakit_strbuf_append_n(&b, profile_file, (size_t)(slash - profile_file) + 1);
	}
	itakit_strbuf_append(&b, rel);
	return itakit_strbuf_detach(&b);
}

/* 0: a PNG; 4: an SVG; 1: missing; 2: not a regular file; 3: neither.
 * Non-blocking open so that a FIFO named as the logo cannot hang the load.
 * An SVG is told by its root element within the first bytes (after an XML
 * declaration, comments or a doctype); the renderer parses it in full. */
static int check_image(const char *path, int *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return 1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 2;
	}
	static const unsigned char magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	char head[4096];
	ssize_t got = read(fd, head, sizeof head - 1);
	close(fd);
	if (got >= (ssize_t)sizeof magic && memcmp(head, magic, sizeof magic) == 0)
		return 0;
	if (got <= 0)
		return 3;
	head[got] = '\0';
	if (memchr(head, '\0', (size_t)got))
		return 3;
	const char *svg = strstr(head, "<svg");
	if (svg && (svg[4] == ' ' || svg[4] == '>' || svg[4] == '\n' || svg[4] == '\r' || svg[4] == '\t'))
		return 4;
	return 3;
}

/* Stores a text value (already unescaped) into *field, normalised; an
 * empty result leaves the field NULL. */
static void set_text(parser *ps, char **field, const char *value)
{
	char *norm = itakit_text_normalize_lines(value, strlen(value));
	if (!norm) {
		ps->oom = true;
		return;
	}
	if (!norm[0]) {
		free(norm);
		return;
	}
	*field = norm;
}

static void handle_value(parser *ps, int key, const char *value, unsigned line,
			 unsigned vcol)
{
	itakit_profile *p = ps->out;
	for (size_t i = 0; i < N_TEXT_KEYS; i++) {
		if ((profile_key)key == text_keys[i].th) {
			set_text(ps, text_field(p, text_keys[i].th_off), value);
			return;
		}
		if ((profile_key)key == text_keys[i].en) {
			set_text(ps, text_field(p, text_keys[i].en_off), value);
			return;
		}
	}
	switch ((profile_key)key) {
	case KEY_FONT: set_text(ps, &p->font, value); break;
	case KEY_DATE:
		if (!value[0])
			break;
		if (!parse_date(value, &p->date_year, &p->date_month, &p->date_day))
			ERR(ps, line, vcol, "bad date '%s' (expected YYYY-MM-DD, e.g. 2567-01-31 or 2024-01-31)", value);
		else
			p->date_set = true;
		break;
	case KEY_APPROVAL_DATE:
		if (!value[0])
			break;
		if (!parse_date(value, &p->approval_year, &p->approval_month, &p->approval_day))
			ERR(ps, line, vcol, "bad approval_date '%s' (expected YYYY-MM-DD, e.g. 2567-01-31 or 2024-01-31)", value);
		else
			p->approval_date_set = true;
		break;
	case KEY_PROGRESS_DATE_6:
	case KEY_PROGRESS_DATE_12: {
		if (!value[0])
			break;
		itakit_profile_date *d = &p->progress_date[key == KEY_PROGRESS_DATE_12];
		if (!parse_date(value, &d->year, &d->month, &d->day))
			ERR(ps, line, vcol, "bad %s '%s' (expected YYYY-MM-DD, e.g. 2567-04-30 or 2024-04-30)",
			    key_names[key], value);
		break;
	}
	case KEY_DIGITS:
		if (!value[0])
			break;
		if (ascii_ieq(value, "thai"))
			p->digits = ITAKIT_DIGITS_THAI;
		else if (ascii_ieq(value, "arabic"))
			p->digits = ITAKIT_DIGITS_ARABIC;
		else {
			ERR(ps, line, vcol, "bad value '%s' for digits (expected thai or arabic)", value);
			break;
		}
		p->digits_set = true;
		break;
	case KEY_LANG:
		if (!value[0])
			break;
		if (ascii_ieq(value, "th"))
			p->lang = ITAKIT_LANG_TH;
		else if (ascii_ieq(value, "en"))
			p->lang = ITAKIT_LANG_EN;
		else {
			ERR(ps, line, vcol, "bad value '%s' for lang (expected th or en)", value);
			break;
		}
		p->lang_set = true;
		break;
	case KEY_LOGO: {
		if (!value[0])
			break;
		char *path = resolve_path(ps->file, value);
		if (!path) {
			ps->oom = true;
			break;
		}
		int err = 0;
		switch (check_image(path, &err)) {
		case 0:
		case 4:
			p->logo = path;
			p->logo_svg = check_image(path, &err) == 4;
			itakit_file_note_input(path); /* no output may replace the logo */
			return;
		case 1:
			ERR(ps, line, vcol, "logo '%s' cannot be opened: %s", path, strerror(err));
			break;
		case 2:
			ERR(ps, line, vcol, "logo '%s' is not a regular file", path);
			break;
		default:
			ERR(ps, line, vcol, "logo '%s' is neither a PNG nor an SVG file", path);
			break;
		}
		free(path);
		break;
	}
	default: /* the text keys, handled above */
		break;
	case N_KEYS:
		break;
	}
}

/* One line s[0..n), without its line end. */
static void parse_line(parser *ps, const char *s, size_t n, unsigned line)
{
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return;
	const char *eq = memchr(s + i, '=', n - i);
	if (!eq) {
		ERR(ps, line, column_of(s, i), "expected 'key = value' (no '=' on this line)");
		return;
	}
	size_t kstart = i, kend = (size_t)(eq - s);
	while (kend > kstart && is_blank(s[kend - 1]))
		kend--;
	if (kend == kstart) {
		ERR(ps, line, column_of(s, kstart), "missing key before '='");
		return;
	}
	int key = find_key(s + kstart, kend - kstart);
	if (key < 0) {
		const char *hint = suggest_key(s + kstart, kend - kstart);
		int klen = (int)(kend - kstart);
		if (hint)
			ERR(ps, line, column_of(s, kstart),
			    "unknown key '%.*s' (did you mean '%s'? valid keys: " VALID_KEYS ")",
			    klen, s + kstart, hint);
		else
			ERR(ps, line, column_of(s, kstart),
			    "unknown key '%.*s' (valid keys: " VALID_KEYS ")", klen, s + kstart);
		return;
	}
	if (ps->key_line[key]) {
		ERR(ps, line, column_of(s, kstart), "duplicate key '%s' (first given on line %u)",
		    key_names[key], ps->key_line[key]);
		return;
	}
	ps->key_line[key] = line;

	size_t vstart = (size_t)(eq - s) + 1, vend = n;
	while (vstart < vend && is_blank(s[vstart]))
		vstart++;
	while (vend > vstart && is_blank(s[vend - 1]))
		vend--;
	unsigned vcol = column_of(s, vstart);
	if (vend - vstart > ITAKIT_PROFILE_MAX_VALUE) {
		ERR(ps, line, vcol, "value of '%s' is longer than %d bytes", key_names[key],
		    ITAKIT_PROFILE_MAX_VALUE);
		return;
	}
	size_t bad_off = 0;
	char *value = unescape(s + vstart, vend - vstart, &bad_off);
	if (!value) {
		if (bad_off == (size_t)-1)
			ps->oom = true;
		else
			ERR(ps, line, column_of(s, vstart + bad_off),
			    "unknown escape (only \\n and \\\\ are allowed; write \\\\ for a backslash)");
		return;
	}
	handle_value(ps, key, value, line, vcol);
	free(value);
}

int itakit_profile_parse(itakit_profile *out, const char *text, size_t len,
			 const char *filename, itakit_diag_list *diags)
{
	itakit_profile_release(out);
	if (len > ITAKIT_PROFILE_MAX_SIZE)
		return itakit_error_set(ITAKIT_ELIMIT, "%s: profile is larger than %d bytes",
					filename ? filename : "profile", ITAKIT_PROFILE_MAX_SIZE);
	parser ps = {.out = out, .file = filename, .diags = diags};
	/* the bytes as UTF-8 text (BOM, UTF-16, Windows-874), lines by the
	 * input layer's rule (LF, CRLF or CR) */
	itakit_input in;
	itakit__input_init(&in, filename, diags);
	itakit_input_text t;
	size_t diag_errors = diags->errors;
	int drc = itakit__input_decode(&t, &in, text, len);
	if (drc < 0)
		ps.oom = true;
	else if (drc > 0)
		ps.errors += diags->errors - diag_errors;
	size_t pos = 0, start, n;
	unsigned line = 1;
	while (drc == 0 && !ps.oom && itakit__input_next_line(t.text, t.len, &pos, &start, &n)) {
		parse_line(&ps, t.text + start, n, line);
		line++;
	}
	if (drc == 0)
		itakit__input_text_release(&t);
	memcpy(out->key_line, ps.key_line, sizeof ps.key_line);
	if (!ps.oom && filename) {
		out->source = strdup(filename);
		if (!out->source)
			ps.oom = true;
	}
	if (ps.oom) {
		itakit_profile_release(out);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	if (ps.errors) {
		itakit_profile_release(out);
		return itakit_error_set(ITAKIT_EINPUT, "%s: %zu error%s in the profile",
					filename ? filename : "profile", ps.errors,
					ps.errors == 1 ? "" : "s");
	}
	return 0;
}

int itakit_profile_load(itakit_profile *out, const char *path, itakit_diag_list *diags)
{
	char *text;
	size_t len;
	int rc = itakit_file_read(&text, &len, path, ITAKIT_PROFILE_MAX_SIZE);
	if (rc)
		return rc;
	rc = itakit_profile_parse(out, text, len, path, diags);
	free(text);
	return rc;
}

int itakit_profile_parse_date(itakit_profile_date *out, const char *text)
{
	itakit_profile_date d = {0, 0, 0};
	if (!parse_date(text, &d.year, &d.month, &d.day))
		return itakit_error_set(ITAKIT_EINPUT, "bad date '%s' (expected YYYY-MM-DD, e.g. 2567-04-30 or 2024-04-30)",
					text ? text : "");
	*out = d;
	return 0;
}

unsigned itakit_profile_key_line(const itakit_profile *p, const char *key)
{
	int k = key ? find_key(key, strlen(key)) : -1;
	return k < 0 ? 0 : p->key_line[k];
}

char *itakit_profile_format_ymd(char *buf, size_t size, int be_year, int month, int day,
				itakit_lang lang, itakit_digits digits)
{
	if (!size)
		return buf;
	buf[0] = '\0';
	if (month < 1 || month > 12)
		return buf;
	char d[16], year[32];
	itakit_format_int(d, sizeof d, day, digits);
	if (lang == ITAKIT_LANG_EN) {
		itakit_format_int(year, sizeof year, be_year - 543, digits);
		snprintf(buf, size, "%s %s %s", d, english_months[month - 1], year);
	} else {
		itakit_format_int(year, sizeof year, be_year, digits);
		snprintf(buf, size, "%s %s %s", d, thai_months[month - 1], year);
	}
	return buf;
}

char *itakit_profile_format_date(char *buf, size_t size, const itakit_profile *p,
				 itakit_lang lang, itakit_digits digits)
{
	if (!p->date_set) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	return itakit_profile_format_ymd(buf, size, p->date_year, p->date_month, p->date_day,
					 lang, digits);
}

const char *itakit_profile_text(const char *th, const char *en, itakit_lang lang)
{
	return lang == ITAKIT_LANG_EN && en ? en : th;
}

int itakit_profile_check_english(const itakit_profile *p, itakit_diag_list *diags)
{
	for (size_t i = 0; i < N_TEXT_KEYS; i++) {
		if (!text_value(p, text_keys[i].th_off) || text_value(p, text_keys[i].en_off))
			continue;
		const char *th = key_names[text_keys[i].th], *en = key_names[text_keys[i].en];
		if (itakit_diag_add(diags, ITAKIT_DIAG_WARNING, p->source, p->key_line[text_keys[i].th], 0,
				    "'%s' has no English twin '%s': the English edition prints it in Thai",
				    th, en))
			return ITAKIT_ENOMEM;
	}
	return 0;
}
