/* The numbers in the PDFs the program writes. cairo prints every number of
 * a PDF page (each glyph index of a text run in hex, each glyph offset,
 * coordinate and colour) with one snprintf call: about 54,000 calls for a
 * 13-page report, which made a fifth of a batch worker's time (callgrind,
 * bench/bench_batch.sh). glibc's general printf machinery costs about 1,200
 * instructions a call; the few forms cairo uses need a tenth of that.
 *
 * As with the compression level (zlib_level.c), the executable answers the
 * call itself: its __snprintf_chk, the name glibc's fortified headers give
 * snprintf in Debian's cairo, comes before libc's for every caller. A format
 * made of one conversion of the forms below is printed here, exactly as
 * printf prints it; anything else goes to glibc unchanged:
 *
 *   %d %ld %u %lu %x %lx %X  with an optional 0 flag and a width (digits or *)
 *   %f %.Nf %.*f             precision 0 to 18, |value| < 10^(18 - N)
 *
 * The fixed-point forms are correctly rounded (ties to even, as glibc in the
 * default rounding mode), computed from the double's exact binary value in
 * 128-bit integers. The program never changes LC_NUMERIC, so the decimal
 * point is always '.'. The library (libitakit) does not carry this file. */
#include "cli/pdf_numbers.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);

enum { MAX_FIXED_DECIMALS = 18, MAX_WIDTH = 40 };

static const uint64_t pow10_u64[MAX_FIXED_DECIMALS + 1] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
	100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
	10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	100000000000000000ull, 1000000000000000000ull,
};

/* The digits of v in base 10 or 16, written backwards from end; returns the
 * first digit. */
static char *digits_of(char *end, uint64_t v, unsigned base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		*--end = set[v % base];
		v /= base;
	} while (v);
	return end;
}

/* round(|v| * 10^decimals), ties to even, from v's exact binary value;
 * false when |v| is too large for 64 bits of result (or not finite). */
static bool scaled_magnitude(uint64_t *out, bool *negative, double v, int decimals)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	*negative = bits >> 63;
	int biased = (int)(bits >> 52 & 0x7ff);
	uint64_t mantissa = bits & ((1ull << 52) - 1);
	if (biased == 0x7ff)
		return false;
	double magnitude = *negative ? -v : v;
	if (magnitude >= (double)pow10_u64[MAX_FIXED_DECIMALS - decimals])
		return false;
	int exponent = biased ? biased - 1075 : -1074;
	if (biased)
		mantissa |= 1ull << 52;
	/* |v| * 10^d = mantissa * 5^d * 2^(exponent + d); mantissa * 5^d fits
	 * in 53 + 42 bits. */
	unsigned __int128 p = (unsigned __int128)mantissa * (pow10_u64[decimals] >> decimals);
	int shift = exponent + decimals;
	unsigned __int128 q;
	if (shift >= 0) {
		q = p << shift;
	} else if (-shift >= 128) {
		q = 0; /* below 2^-33: rounds to zero */
	} else {
		int s = -shift;
		q = p >> s;
		unsigned __int128 rest = p - (q << s), half = (unsigned __int128)1 << (s - 1);
		if (rest > half || (rest == half && (q & 1)))
			q++;
	}
	*out = (uint64_t)q;
	return true;
}

/* sign + body padded to width as printf pads: zeros after the sign with the
 * 0 flag, spaces before it otherwise. */
static int pad_into(char *out, bool negative, const char *body, size_t body_len, int width, bool zero)
{
	size_t len = body_len + negative, fill = (size_t)width > len ? (size_t)width - len : 0;
	char *o = out;
	if (!zero)
		memset(o, ' ', fill), o += fill;
	if (negative)
		*o++ = '-';
	if (zero)
		memset(o, '0', fill), o += fill;
	memcpy(o, body, body_len);
	o += body_len;
	*o = '\0';
	return (int)(o - out);
}

int itakit__print_number(char out[ITAKIT_PRINT_NUMBER_MAX], const char *fmt, va_list ap)
{
	const char *p = fmt;
	if (*p++ != '%')
		return -1;
	bool zero = *p == '0';
	p += zero;
	int width = 0;
	if (*p == '*') {
		width = va_arg(ap, int);
		p++;
		if (width < 0)
			return -1; /* left-justified: glibc's */
	} else {
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
	}
	int precision = -1;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			precision = va_arg(ap, int);
			p++;
			if (precision < 0)
				precision = -1; /* "as if omitted" */
		} else {
			precision = 0;
			while (*p >= '0' && *p <= '9' && precision <= MAX_FIXED_DECIMALS)
				precision = precision * 10 + (*p++ - '0');
		}
	}
	bool is_long = *p == 'l';
	p += is_long;
	char conversion = *p++;
	if (*p != '\0' || width > MAX_WIDTH)
		return -1;

	char body[32], *end = body + sizeof body, *first;
	bool negative = false;
	switch (conversion) {
	case 'd': {
		if (precision >= 0)
			return -1;
		long v = is_long ? va_arg(ap, long) : va_arg(ap, int);
		negative = v < 0;
		first = digits_of(end, negative ? 0ull - (uint64_t)v : (uint64_t)v, 10, false);
		break;
	}
	case 'u':
	case 'x':
	case 'X': {
		if (precision >= 0)
			return -1;
		unsigned long v = is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
		first = digits_of(end, v, conversion == 'u' ? 10 : 16, conversion == 'X');
		break;
	}
	case 'f': {
		int decimals = precision < 0 ? 6 : precision;
		if (decimals > MAX_FIXED_DECIMALS)
			return -1;
		uint64_t scaled;
		if (!scaled_magnitude(&scaled, &negative, va_arg(ap, double), decimals))
			return -1;
		first = end;
		if (decimals > 0) {
			uint64_t fraction = scaled % pow10_u64[decimals];
			for (int i = 0; i < decimals; i++, fraction /= 10)
				*--first = (char)('0' + fraction % 10);
			*--first = '.';
		}
		first = digits_of(first, scaled / pow10_u64[decimals], 10, false);
		break;
	}
	default:
		return -1;
	}
	return pad_into(out, negative, first, (size_t)(end - first), width, zero);
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = -1;
	if (slen >= maxlen) { /* else glibc reports the overflow */
		char buf[ITAKIT_PRINT_NUMBER_MAX];
		va_list attempt;
		va_copy(attempt, ap);
		n = itakit__print_number(buf, fmt, attempt);
		va_end(attempt);
		if (n >= 0 && maxlen > 0) {
			size_t copy = (size_t)n < maxlen ? (size_t)n : maxlen - 1;
			memcpy(s, buf, copy);
			s[copy] = '\0';
		}
	}
	if (n < 0)
		n = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
	va_end(ap);
	return n;
}
