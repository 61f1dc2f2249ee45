/* UTF-8, Thai digits and normalisation, Windows-874, number formatting. */
#include "itakit/text.h"
#include "itakit/strbuf.h"

#include <float.h>
#include <glib.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Numbers are read and written with a '.' whatever locale the program that
 * uses the library has set (a decimal comma under de_DE or fr_FR would make
 * strtod stop at the '.' of every score): the few calls that depend on
 * LC_NUMERIC switch this thread to the C locale for their duration. */
static locale_t c_numeric;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void make_c_numeric(void)
{
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* Switches this thread to C numbers; returns what to restore (0 when the
 * C locale could not be made, which leaves the thread as it was). */
static locale_t numeric_c_begin(void)
{
	pthread_once(&c_numeric_once, make_c_numeric);
	return c_numeric ? uselocale(c_numeric) : (locale_t)0;
}

static void numeric_c_end(locale_t old)
{
	if (old)
		uselocale(old);
}

size_t itakit_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t itakit_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool itakit_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		/* ASCII and the three-byte characters of Thai (U+0E00-U+0E7F:
		 * E0 B8 xx, E0 B9 xx) without a full decode: the two make almost
		 * all of a score file */
		if (u[i] < 0x80) {
			i++;
			while (i + 8 <= n) { /* eight ASCII bytes at a time */
				uint64_t w;
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		while (i + 8 <= n) { /* two Thai letters at a time */
			uint64_t w;
			memcpy(&w, u + i, 8);
			if ((w & 0x0000C0FEFFC0FEFFull) != 0x000080B8E080B8E0ull)
				break;
			i += 6;
		}
#endif
		while (i + 2 < n && u[i] == 0xE0 && (u[i + 1] & 0xFE) == 0xB8 && (u[i + 2] & 0xC0) == 0x80)
			i += 3;
		if (i >= n || u[i] < 0x80)
			continue;
		uint32_t cp;
		size_t len = itakit_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

size_t itakit_utf8_length(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

/* Windows-874 (a superset of TIS-620) byte -> code point; 0 = unmapped. */
static uint32_t cp874(unsigned char b)
{
	if (b < 0x80)
		return b;
	if (b >= 0xA1 && b <= 0xDA)
		return 0x0E01 + (b - 0xA1);
	if (b >= 0xDF && b <= 0xFB)
		return 0x0E3F + (b - 0xDF);
	switch (b) {
	case 0x80: return 0x20AC;
	case 0x85: return 0x2026;
	case 0x91: return 0x2018;
	case 0x92: return 0x2019;
	case 0x93: return 0x201C;
	case 0x94: return 0x201D;
	case 0x95: return 0x2022;
	case 0x96: return 0x2013;
	case 0x97: return 0x2014;
	case 0xA0: return 0x00A0;
	default: return 0;
	}
}

bool itakit_text_looks_tis620(const char *s, size_t n)
{
	size_t thai = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80)
			continue;
		if (cp874(b) == 0)
			return false;
		if (b >= 0xA1)
			thai++;
	}
	return thai > 0 && !itakit_utf8_valid(s, n, NULL);
}

char *itakit_tis620_to_utf8(const char *s, size_t n, size_t *out_len)
{
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = cp874((unsigned char)s[i]);
		if (cp == 0 && s[i] != '\0') {
			free(out);
			if (out_len)
				*out_len = i;
			return NULL;
		}
		o += itakit_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	return out;
}

/* itakit_utf8_decode with ASCII and the Thai block (E0 B8 xx, E0 B9 xx)
 * decoded in line: names are made of them. */
static inline size_t decode_quick(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (n >= 3 && s[0] == 0xE0 && (s[1] & 0xFE) == 0xB8 && (s[2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[1] & 0x3F) << 6 | (uint32_t)(s[2] & 0x3F);
		return 3;
	}
	return itakit_utf8_decode(str, n, cp);
}

static bool is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' ||
	       cp == '\f' || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F || cp == 0x3000;
}

/* Invisible characters that copy-paste leaves in Thai text. */
static bool is_dropped_cp(uint32_t cp)
{
	return cp == 0x200B || cp == 0xFEFF || cp == 0x200C || cp == 0x200D;
}

char *itakit_text_normalize(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t o = 0, i = 0;
	bool pending_space = false;
	while (i < n) {
		uint32_t cp;
		size_t len = decode_quick(s + i, n - i, &cp);
		if (len == 0) { /* keep invalid bytes as they are; validation is the loader's job */
			cp = 0xFFFFFFFF;
			len = 1;
		}
		if (is_dropped_cp(cp)) {
			i += len;
			continue;
		}
		if (is_space_cp(cp)) {
			pending_space = o > 0;
			i += len;
			continue;
		}
		if (pending_space) {
			out[o++] = ' ';
			pending_space = false;
		}
		if (cp == 0x0E4D) { /* nikhahit + sara aa -> sara am */
			uint32_t next;
			size_t nlen = decode_quick(s + i + len, n - i - len, &next);
			if (nlen && next == 0x0E32) {
				o += itakit_utf8_encode(0x0E33, out + o);
				i += len + nlen;
				continue;
			}
		}
		memcpy(out + o, s + i, len);
		o += len;
		i += len;
	}
	out[o] = '\0';
	return out;
}

/* Where a Thai mark goes in a stack over one base letter: below vowels
 * and phinthu, then above vowels, then tone marks, then the rest. Typed
 * text has them in any order and looks the same; canonical ordering
 * (NFC) only orders the below vowels before the tone marks. 0: not a mark. */
static int thai_mark_rank(uint32_t cp)
{
	if (cp == 0x0E38 || cp == 0x0E39 || cp == 0x0E3A)
		return 1;
	if (cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E37) || cp == 0x0E47)
		return 2;
	if (cp >= 0x0E48 && cp <= 0x0E4B)
		return 3;
	if (cp == 0x0E4C || cp == 0x0E4D || cp == 0x0E4E)
		return 4;
	return 0;
}

/* Puts every run of Thai marks in rank order, in place (each is 3 bytes). */
static void sort_thai_marks(char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = decode_quick(s + i, n - i, &cp);
		if (len == 0) {
			i++;
			continue;
		}
		if (!thai_mark_rank(cp)) {
			i += len;
			continue;
		}
		size_t end = i;
		while (end + 3 <= n && decode_quick(s + end, n - end, &cp) == 3 && thai_mark_rank(cp))
			end += 3;
		for (size_t a = i + 3; a < end; a += 3) { /* insertion sort: stable, runs are short */
			for (size_t b = a; b > i; b -= 3) {
				uint32_t x, y;
				decode_quick(s + b - 3, 3, &x);
				decode_quick(s + b, 3, &y);
				if (thai_mark_rank(x) <= thai_mark_rank(y))
					break;
				char t[3];
				memcpy(t, s + b - 3, 3);
				memcpy(s + b - 3, s + b, 3);
				memcpy(s + b, t, 3);
			}
		}
		i = end;
	}
}

/* True when s has a character beyond ASCII and the Thai block: only then
 * can canonical composition or case folding beyond ASCII change it. */
static bool needs_unicode_fold(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80 && !(p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9)))
			if ((*p & 0xC0) != 0x80)
				return true;
	return false;
}

/* Case-folded NFC of s (GLib, already linked through pango), in a malloc'd
 * copy; s itself when GLib cannot (invalid UTF-8). */
static char *unicode_fold(char *s)
{
	char *folded = g_utf8_casefold(s, -1);
	char *nfc = folded ? g_utf8_normalize(folded, -1, G_NORMALIZE_NFC) : NULL;
	g_free(folded);
	if (!nfc)
		return s;
	char *out = strdup(nfc);
	g_free(nfc);
	if (!out)
		return s;
	free(s);
	return out;
}

char *itakit_text_match_key(const char *s)
{
	char *norm = itakit_text_normalize(s);
	if (!norm)
		return NULL;
	if (needs_unicode_fold(norm) && itakit_utf8_valid(norm, strlen(norm), NULL))
		norm = unicode_fold(norm);
	sort_thai_marks(norm);
	size_t o = 0;
	for (size_t i = 0; norm[i]; i++) {
		char c = norm[i];
		if (c == ' ')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		norm[o++] = c;
	}
	norm[o] = '\0';
	itakit_text_arabic_digits(norm);
	return norm;
}

bool itakit_text_same_name(const char *a, const char *b)
{
	char *ka = itakit_text_match_key(a), *kb = itakit_text_match_key(b);
	bool same = ka && kb && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

void itakit_text_arabic_digits(char *s)
{
	/* U+0E50..U+0E59 is E0 B9 90..99 in UTF-8 */
	size_t o = 0;
	for (size_t i = 0; s[i];) {
		unsigned char a = (unsigned char)s[i];
		if (a == 0xE0 && (unsigned char)s[i + 1] == 0xB9 &&
		    (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
			s[o++] = (char)('0' + ((unsigned char)s[i + 2] - 0x90));
			i += 3;
		} else {
			s[o++] = s[i++];
		}
	}
	s[o] = '\0';
}

/* Length of the blank (space, tab, NBSP: cells copied from web pages end
 * in one) at s, or 0. */
static size_t blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* Copies s into buf with Thai digits made ASCII and outer blanks trimmed.
 * Returns false when it does not fit. */
static bool ascii_number_text(char *buf, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n >= size)
		return false;
	memcpy(buf, s, n + 1);
	itakit_text_arabic_digits(buf);
	char *start = buf;
	while (blank_len(start))
		start += blank_len(start);
	size_t len = strlen(start);
	for (;;) {
		if (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		else if (len >= 2 && blank_len(start + len - 2) == 2)
			len -= 2;
		else
			break;
	}
	memmove(buf, start, len);
	buf[len] = '\0';
	return true;
}

/* The common case of parse_number without the copy and strtod: ASCII
 * [sign] digits [. digits] and nothing else, at most 15 significant digits
 * and 22 decimals. The digits then make an integer that a double holds
 * exactly, and so does 10^decimals, so their quotient is the double nearest
 * the decimal value: the one strtod gives (Clinger's fast path). False for
 * anything else, which takes the general way. */
static bool parse_plain_decimal(double *out, const char *s)
{
#if FLT_EVAL_METHOD == 0
	static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	const char *p = s;
	bool neg = *p == '-';
	p += *p == '+' || *p == '-';
	uint64_t m = 0;
	unsigned significant = 0, decimals = 0, digits = 0;
	bool dot = false;
	for (;; p++) {
		unsigned d = (unsigned)(unsigned char)*p - '0';
		if (d <= 9) {
			m = m * 10 + d;
			significant += significant || d;
			decimals += dot;
			if (++digits > 40)
				return false;
		} else if (*p == '.' && !dot) {
			dot = true;
		} else {
			break;
		}
	}
	if (*p || !digits || significant > 15 || decimals >= sizeof pow10 / sizeof *pow10)
		return false;
	double v = (double)m / pow10[decimals];
	*out = neg ? -v : v;
	return true;
#else
	(void)out, (void)s;
	return false;
#endif
}

int itakit_text_parse_number(double *out, const char *s)
{
	if (parse_plain_decimal(out, s))
		return 0;
	char buf[64];
	if (!ascii_number_text(buf, sizeof buf, s) || !buf[0])
		return -1;
	/* Only [sign] digits [. digits]: no hex, exponents, inf or nan. */
	const char *p = buf;
	if (*p == '+' || *p == '-')
		p++;
	size_t digits = 0, dots = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && dots == 0)
			dots++;
		else
			return -1;
	}
	if (digits == 0)
		return -1;
	char *end;
	locale_t old = numeric_c_begin();
	double v = strtod(buf, &end);
	numeric_c_end(old);
	if (*end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static bool strip_prefix(char **s, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(*s, prefix, n) != 0)
		return false;
	*s += n;
	while (**s == ' ')
		(*s)++;
	return true;
}

/* Year v, CE when ce or when below 2400, as a BE year in *be; -1 when it
 * is not a plausible fiscal year. */
static int plausible_year(int *be, long v, bool ce)
{
	if (ce || v < 2400)
		v += 543;
	if (v < 2400 || v > 2700)
		return -1;
	*be = (int)v;
	return 0;
}

int itakit_text_parse_year(int *be, const char *s)
{
	if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
	    s[3] >= '0' && s[3] <= '9' && !s[4]) /* four ASCII digits, as nearly every row has it */
		return plausible_year(be, (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
				      false);
	char buf[64];
	if (!ascii_number_text(buf, sizeof buf, s))
		return -1;
	char *p = buf;
	bool ce = false;
	if (strip_prefix(&p, "พ.ศ.") || strip_prefix(&p, "B.E.") || strip_prefix(&p, "BE"))
		;
	else if (strip_prefix(&p, "ค.ศ.") || strip_prefix(&p, "C.E.") || strip_prefix(&p, "CE"))
		ce = true;
	if (!*p)
		return -1;
	long v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > 100000)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return plausible_year(be, v, ce);
}

/* Rounds through the decimal the double stands for; slow, so only used when
 * v sits within a hair of the edge of its 15th significant digit next to a
 * half-way point, or is too large for the fast way. */
static double round_decimal(double v, int decimals)
{
	/* Round the decimal the double stands for (15 significant digits, as a
	 * spreadsheet shows it), not its binary expansion: 82.445 -> 82.45. */
	char m[64];
	locale_t old = numeric_c_begin();
	snprintf(m, sizeof m, "%.14e", fabs(v)); /* d.dddddddddddddde±XX */
	numeric_c_end(old);
	char digits[16];
	size_t nd = 0;
	digits[nd++] = m[0];
	for (const char *p = m + 2; *p && *p != 'e' && nd < 15; p++)
		digits[nd++] = *p;
	int exp10 = atoi(strchr(m, 'e') + 1);
	int keep = exp10 + 1 + decimals; /* significant digits kept */
	if (keep >= (int)nd)
		return v;
	if (keep < 0)
		return 0.0;
	/* integer of the kept digits, plus one if the next digit is >= 5 */
	char num[40];
	memcpy(num, digits, (size_t)keep);
	num[keep] = '\0';
	unsigned long long k = keep ? strtoull(num, NULL, 10) : 0;
	if (digits[keep] >= '5')
		k++;
	char out[64];
	snprintf(out, sizeof out, "%s%llue%d", v < 0 ? "-" : "", k, exp10 + 1 - keep);
	double r = strtod(out, NULL);
	return r == 0.0 ? 0.0 : r;
}

/* With v (not negative) within binary noise of the half-way point after
 * `whole` (in units of 1/scale): 1 when the decimal of 15 significant digits
 * that v stands for is at or above that point, 0 when below, -1 when v lies
 * too near the edge of that 15th digit to tell without printing it. The
 * half-way point is on the 15-digit grid, and `tie` is within half an ulp of
 * it, far less than the quarter digit of margin. */
static int decimal_tie_up(double a, double whole, double scale)
{
	double tie = (whole + 0.5) / scale;
	double unit = pow(10.0, floor(log10(tie)) - 14);
	double d = a - tie;
	if (d >= -0.25 * unit)
		return 1;
	if (d <= -0.75 * unit)
		return 0;
	return -1;
}

double itakit_round(double v, int decimals)
{
	static const double scale_of[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	if (!isfinite(v))
		return v;
	if (decimals >= 0 && decimals <= 6) {
		double scale = scale_of[decimals];
		double x = fabs(v) * scale;
		double whole = floor(x);
		double frac = x - whole;
		/* Far from a half-way point the binary value rounds the same way as
		 * the decimal one; whole / scale is then the double nearest to the
		 * rounded decimal (both exact, division correctly rounded). Near
		 * one (the mean of two scores often is), the decimal decides. */
		int up = fabs(frac - 0.5) > 1e-6 ? frac > 0.5 : decimal_tie_up(fabs(v), whole, scale);
		if (x < 1e12 && up >= 0) {
			double r = (up ? whole + 1 : whole) / scale;
			return r == 0.0 ? 0.0 : (v < 0 ? -r : r);
		}
	}
	return round_decimal(v, decimals);
}

char *itakit_text_localize_digits(const char *s, itakit_digits digits)
{
	size_t n = strlen(s);
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (digits == ITAKIT_DIGITS_THAI && s[i] >= '0' && s[i] <= '9')
			o += itakit_utf8_encode(0x0E50 + (uint32_t)(s[i] - '0'), out + o);
		else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

/* Rewrites buf's ASCII digits as Thai digits in place (buf must have room:
 * each digit grows from 1 to 3 bytes). */
static char *thai_digits_in_place(char *buf, size_t size, itakit_digits digits)
{
	if (digits != ITAKIT_DIGITS_THAI)
		return buf;
	char *t = itakit_text_localize_digits(buf, digits);
	if (t) {
		/* cut a too-long result at a character boundary, never inside a
		 * three-byte Thai digit */
		size_t n = strlen(t);
		if (n >= size) {
			n = size - 1;
			while (n && ((unsigned char)t[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(buf, t, n);
		buf[n] = '\0';
		free(t);
	}
	return buf;
}

char *itakit_format_number(char *buf, size_t size, double v, int decimals,
			   itakit_digits digits, bool plus_sign)
{
	static const long long scale_of[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	double r = itakit_round(v, decimals);
	if (r == 0.0)
		r = 0.0; /* no "-0.00" */
	if (decimals >= 0 && decimals <= 6 && fabs(r) < 1e12) {
		/* r is already rounded: print its scaled integer exactly, without
		 * printf's floating-point path (the hot spot of large exports) */
		long long scale = scale_of[decimals];
		long long k = llround(fabs(r) * (double)scale);
		/* digits right to left into tmp: no printf in the hot path */
		char tmp[48];
		size_t t = sizeof tmp;
		tmp[--t] = '\0';
		for (int d = 0; d < decimals; d++, k /= 10)
			tmp[--t] = (char)('0' + k % 10);
		if (decimals)
			tmp[--t] = '.';
		do {
			tmp[--t] = (char)('0' + k % 10);
			k /= 10;
		} while (k);
		if (r < 0)
			tmp[--t] = '-';
		else if (plus_sign && r > 0)
			tmp[--t] = '+';
		size_t len = sizeof tmp - 1 - t;
		if (len >= size)
			len = size ? size - 1 : 0;
		memcpy(buf, tmp + t, len);
		if (size)
			buf[len] = '\0';
	} else {
		locale_t old = numeric_c_begin();
		snprintf(buf, size, (plus_sign && r > 0) ? "+%.*f" : "%.*f", decimals, r);
		numeric_c_end(old);
	}
	return thai_digits_in_place(buf, size, digits);
}

char *itakit_format_int(char *buf, size_t size, long v, itakit_digits digits)
{
	snprintf(buf, size, "%ld", v);
	return thai_digits_in_place(buf, size, digits);
}

char *itakit_text_normalize_lines(const char *s, size_t n)
{
	itakit_strbuf out = ITAKIT_STRBUF_INIT;
	itakit_strbuf_append(&out, "");
	size_t pos = 0;
	while (pos <= n) {
		const char *nl = pos < n ? memchr(s + pos, '\n', n - pos) : NULL;
		size_t end = nl ? (size_t)(nl - s) : n;
		/* itakit_text_normalize wants a C string and collapses any line end,
		 * so each line is cut out and normalised on its own */
		char *line = malloc(end - pos + 1);
		if (!line) {
			itakit_strbuf_release(&out);
			return NULL;
		}
		memcpy(line, s + pos, end - pos);
		line[end - pos] = '\0';
		char *norm = itakit_text_normalize(line);
		free(line);
		if (!norm) {
			itakit_strbuf_release(&out);
			return NULL;
		}
		if (norm[0]) {
			if (out.len)
				itakit_strbuf_append(&out, "\n");
			itakit_strbuf_append(&out, norm);
		}
		free(norm);
		if (!nl)
			break;
		pos = end + 1;
	}
	if (!itakit_strbuf_ok(&out)) {
		itakit_strbuf_release(&out);
		return NULL;
	}
	return itakit_strbuf_detach(&out);
}

/* Thai marks written above or below the preceding character (mai han-akat,
 * sara i..phinthu, maitaikhu..yamakkan): they belong to its cluster. */
static bool is_thai_mark(uint32_t cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

#define DISTANCE_MAX_CLUSTERS 256

/* Splits s into clusters: start offsets in at[0..n], at[n] the end. */
static size_t clusters_of(const char *s, size_t *at)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = itakit_utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0;
		if (!(n > 0 && is_thai_mark(cp))) {
			if (n == DISTANCE_MAX_CLUSTERS)
				return SIZE_MAX;
			at[n++] = i;
		}
		i += k;
	}
	at[n] = len;
	return n;
}

size_t itakit_text_distance(const char *a, const char *b)
{
	size_t ca[DISTANCE_MAX_CLUSTERS + 1], cb[DISTANCE_MAX_CLUSTERS + 1];
	size_t na = clusters_of(a, ca), nb = clusters_of(b, cb);
	if (na == SIZE_MAX || nb == SIZE_MAX)
		return SIZE_MAX;
	size_t row[DISTANCE_MAX_CLUSTERS + 1];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		size_t la = ca[i] - ca[i - 1];
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			bool same = la == cb[j] - cb[j - 1] && memcmp(a + ca[i - 1], b + cb[j - 1], la) == 0;
			size_t best = diag + !same;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

size_t itakit_text_cut(const char *s, size_t max)
{
	size_t len = strlen(s), cut = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = itakit_utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0;
		if (!is_thai_mark(cp))
			cut = i; /* a cluster may end here */
		if (i + k > max)
			return cut;
		i += k;
	}
	return len;
}

size_t itakit_text_suggest(size_t *best, size_t max, const char *typed, const char *const *names, size_t n)
{
	char *key = itakit_text_match_key(typed);
	if (!key || !*key || max == 0) {
		free(key);
		return 0;
	}
	size_t len = itakit_utf8_length(key, strlen(key));
	/* a typo: two edits in a short word, about one in three in a long one */
	size_t bound = len / 3 > 2 ? len / 3 : 2, found = 0, dist[ITAKIT_TEXT_SUGGEST_MAX];
	if (max > ITAKIT_TEXT_SUGGEST_MAX)
		max = ITAKIT_TEXT_SUGGEST_MAX;
	for (size_t i = 0; i < n; i++) {
		char *other = itakit_text_match_key(names[i]);
		if (!other)
			continue;
		size_t d = itakit_text_distance(key, other);
		/* a part of the name ("คันนายาว" for "สำนักงานเขตคันนายาว") */
		if (d > bound && len >= 3 && strstr(other, key))
			d = bound;
		free(other);
		if (d > bound || d == 0)
			continue;
		size_t at = found < max ? found++ : max;
		while (at > 0 && dist[at - 1] > d) {
			if (at < max) {
				best[at] = best[at - 1];
				dist[at] = dist[at - 1];
			}
			at--;
		}
		if (at < max) {
			best[at] = i;
			dist[at] = d;
		}
	}
	free(key);
	/* only the nearest: one edit away beats three */
	while (found > 1 && dist[found - 1] > dist[0] + 1)
		found--;
	return found;
}
