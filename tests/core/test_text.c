/* text.c: UTF-8, Thai digits, normalisation, Windows-874, numbers. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_round_as_published(void **state)
{
	(void)state;
	/* the published rounding: half away from zero on the decimal value */
	assert_true(itakit_round(82.445, 2) == 82.45);
	assert_true(itakit_round(70.4548, 2) == 70.45);
	assert_true(itakit_round(64.6190, 2) == 64.62);
	assert_true(itakit_round(-1.005, 2) == -1.01);
	assert_true(itakit_round(0.125, 2) == 0.13);
	assert_true(itakit_round(1.005, 2) == 1.01);
	assert_true(itakit_round(2.675, 2) == 2.68);
	assert_true(itakit_round(9.995, 2) == 10.0);
	assert_true(itakit_round(88.9796, 2) == 88.98);
	assert_true(itakit_round(100.0, 2) == 100.0);
	assert_true(itakit_round(0.0, 2) == 0.0);
	/* tiny negatives round to a zero without a sign */
	double z = itakit_round(-0.004, 2);
	assert_true(z == 0.0 && !signbit(z));
	assert_true(isnan(itakit_round(NAN, 2)));
}

/* The published rounding worked out independently: print the 15 significant
 * digits the double stands for, round that decimal half away from zero to
 * hundredths (|v| < 1e6). */
static double reference_round2(double v)
{
	char m[64];
	snprintf(m, sizeof m, "%.14e", fabs(v));
	long long mant = 0;
	for (const char *p = m; *p != 'e'; p++)
		if (*p != '.')
			mant = mant * 10 + (*p - '0');
	int shift = atoi(strchr(m, 'e') + 1) - 12; /* mant x 10^shift hundredths */
	long long hundredths;
	if (shift >= 0) {
		hundredths = mant;
		while (shift--)
			hundredths *= 10;
	} else {
		long long div = 1;
		while (shift++)
			div *= 10;
		hundredths = mant / div + (2 * (mant % div) >= div);
	}
	double r = (double)hundredths / 100;
	return v < 0 && r != 0 ? -r : r;
}

static void test_round_near_half(void **state)
{
	(void)state;
	/* a mean of two scores lands on a half-way point half of the time */
	assert_true(itakit_round((80.01 + 80.02) / 2, 2) == 80.02);
	assert_true(itakit_round((92.27 + 77.84) / 2, 2) == 85.06);
	/* half-way points and their binary neighbours, up to 40 ulps either
	 * side, and averages of scores: the same as the decimal way */
	size_t n = 0;
	for (long k = 0; k < 1000000; k += 113) {
		double tie = ((double)k + 0.5) / 100;
		double v = tie;
		for (int i = 0; i < 40; i++)
			v = nextafter(v, 0);
		for (int i = 0; i < 80; i++, v = nextafter(v, INFINITY), n++) {
			assert_true(itakit_round(v, 2) == reference_round2(v));
			assert_true(itakit_round(-v, 2) == reference_round2(-v));
		}
	}
	for (long a = 0; a <= 10000; a += 7)
		for (long b = a % 13; b <= 10000; b += 131, n++) {
			double mean = ((double)a / 100 + (double)b / 100) / 2;
			double share = 0.1 * ((double)a / 100 - (double)b / 100);
			assert_true(itakit_round(mean, 2) == reference_round2(mean));
			assert_true(itakit_round(share, 2) == reference_round2(share));
		}
	assert_true(n > 500000);
}

static void test_format_number(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(itakit_format_number(buf, sizeof buf, 82.445, 2, ITAKIT_DIGITS_ARABIC, false), "82.45");
	assert_string_equal(itakit_format_number(buf, sizeof buf, 82.445, 2, ITAKIT_DIGITS_THAI, false), "๘๒.๔๕");
	assert_string_equal(itakit_format_number(buf, sizeof buf, 100, 2, ITAKIT_DIGITS_THAI, false), "๑๐๐.๐๐");
	/* a change computed from the rounded values, as published */
	double delta = itakit_round(70.4548, 2) - itakit_round(64.6190, 2);
	assert_string_equal(itakit_format_number(buf, sizeof buf, delta, 2, ITAKIT_DIGITS_ARABIC, true), "+5.83");
	assert_string_equal(itakit_format_number(buf, sizeof buf, -1.03, 2, ITAKIT_DIGITS_ARABIC, true), "-1.03");
	/* never "-0.00", and no "+" on zero */
	assert_string_equal(itakit_format_number(buf, sizeof buf, -0.001, 2, ITAKIT_DIGITS_ARABIC, false), "0.00");
	assert_string_equal(itakit_format_number(buf, sizeof buf, -0.0, 2, ITAKIT_DIGITS_THAI, true), "๐.๐๐");
	assert_string_equal(itakit_format_number(buf, sizeof buf, -0.004, 2, ITAKIT_DIGITS_ARABIC, true), "0.00");
	assert_string_equal(itakit_format_int(buf, sizeof buf, 2566, ITAKIT_DIGITS_THAI), "๒๕๖๖");
	assert_string_equal(itakit_format_int(buf, sizeof buf, 2566, ITAKIT_DIGITS_ARABIC), "2566");
}

static void test_format_number_short_buffer(void **state)
{
	(void)state;
	/* "๘๒.๔๕" needs 13 bytes + NUL: a short buffer must still hold valid UTF-8 */
	char buf[9];
	itakit_format_number(buf, sizeof buf, 82.445, 2, ITAKIT_DIGITS_THAI, false);
	assert_true(itakit_utf8_valid(buf, strlen(buf), NULL));
	assert_string_equal(buf, "๘๒.");
}

static void test_parse_number(void **state)
{
	(void)state;
	double v = 0;
	assert_int_equal(itakit_text_parse_number(&v, "92.27"), 0);
	assert_true(v == 92.27);
	assert_int_equal(itakit_text_parse_number(&v, "๙๒.๒๗"), 0);
	assert_true(v == 92.27);
	assert_int_equal(itakit_text_parse_number(&v, "  85 "), 0);
	assert_true(v == 85);
	assert_int_equal(itakit_text_parse_number(&v, "100.00\xC2\xA0"), 0); /* NBSP from a web page */
	assert_true(v == 100);
	assert_int_equal(itakit_text_parse_number(&v, "-1.5"), 0);
	assert_true(v == -1.5);
	assert_int_equal(itakit_text_parse_number(&v, ".5"), 0);
	assert_true(v == 0.5);
	const char *bad[] = {"", " ", "abc", "1e5", "0x10", "nan", "inf", "1.2.3", "-", "+", ".", "85%", "8 5",
			     "12345678901234567890123456789012345678901234567890123456789012345"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(itakit_text_parse_number(&v, bad[i]), -1);
}

/* The parsed double is strtod's, bit for bit, for the scores' usual forms
 * (read without strtod) and for the forms near the limits of that short
 * way (15 and 16 significant digits, 22 and 23 decimals, leading zeros). */
static void assert_same_as_strtod(const char *text)
{
	double v = 1234.5, want = strtod(text, NULL);
	assert_int_equal(itakit_text_parse_number(&v, text), 0);
	if (memcmp(&v, &want, sizeof v) != 0)
		fail_msg("'%s': %.17g, strtod gives %.17g", text, v, want);
}

static void test_parse_number_as_strtod(void **state)
{
	(void)state;
	const char *edge[] = {"0", "-0", "-0.00", "+7", "5.", "100.00", "82.445", "0.1", "0.3", "2.675",
			      "123456789012345", "1234567890123456", "12345678901234567",
			      "9007199254740993", "0.000000000000000000001", "0.0000000000000000000001",
			      "0.00000000000000000000001", "1.000000000000000000001", "000000000000085.5",
			      "999999999999999.9", "99.999999999999999999", "0.1234567890123456789012"};
	for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
		assert_same_as_strtod(edge[i]);
	/* every score with two decimals, and a spread of other lengths */
	char text[64];
	for (int c = 0; c <= 10000; c++) {
		snprintf(text, sizeof text, "%d.%02d", c / 100, c % 100);
		assert_same_as_strtod(text);
	}
	unsigned long x = 12345;
	for (int i = 0; i < 20000; i++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		int int_digits = (int)(x >> 33) % 8, dec_digits = (int)(x >> 40) % 12;
		size_t o = 0;
		if ((x >> 50) % 4 == 0)
			text[o++] = '-';
		for (int d = 0; d < int_digits; d++)
			text[o++] = (char)('0' + (x >> (d * 3 + 5)) % 10);
		text[o++] = '.';
		for (int d = 0; d < dec_digits; d++)
			text[o++] = (char)('0' + (x >> (d * 4 + 3)) % 10);
		if (int_digits + dec_digits == 0)
			text[o++] = '5';
		text[o] = '\0';
		assert_same_as_strtod(text);
	}
}

/* The quick checks of ASCII and Thai give what a walk decoding every
 * character gives: the verdict and the first bad byte. */
static void test_utf8_valid_as_decoding(void **state)
{
	(void)state;
	static const unsigned char bytes[] = {'a', ' ', 0xE0, 0xB8, 0xB9, 0x80, 0x81, 0xBF, 0xC0, 0xE1, 0xED,
					      0xA0, 0xF0, 0x90, 0xFF, '9'};
	unsigned long x = 7;
	char s[48];
	for (int round = 0; round < 300000; round++) {
		size_t n = 0, want = 1 + (size_t)round % 40;
		while (n < want) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			/* mostly whole Thai letters, so that their runs are long */
			size_t pick = (x >> 33) % 40;
			if (pick < 16) {
				s[n++] = (char)bytes[pick];
			} else {
				memcpy(s + n, pick % 2 ? "ก" : "ไ", 3);
				n += 3;
			}
		}
		size_t walk = 0, bad = (size_t)-1;
		uint32_t cp;
		while (walk < n) {
			size_t k = itakit_utf8_decode(s + walk, n - walk, &cp);
			if (!k)
				break;
			walk += k;
		}
		bool valid = itakit_utf8_valid(s, n, &bad);
		assert_int_equal(valid, walk == n);
		if (!valid)
			assert_int_equal(bad, walk);
	}
}

static void test_parse_year(void **state)
{
	(void)state;
	int y = 0;
	assert_int_equal(itakit_text_parse_year(&y, "2566"), 0);
	assert_int_equal(y, 2566);
	assert_int_equal(itakit_text_parse_year(&y, "2023"), 0); /* CE */
	assert_int_equal(y, 2566);
	assert_int_equal(itakit_text_parse_year(&y, "๒๕๖๖"), 0);
	assert_int_equal(y, 2566);
	assert_int_equal(itakit_text_parse_year(&y, "พ.ศ. ๒๕๖๖"), 0);
	assert_int_equal(y, 2566);
	assert_int_equal(itakit_text_parse_year(&y, "ค.ศ. 2023"), 0);
	assert_int_equal(y, 2566);
	assert_int_equal(itakit_text_parse_year(&y, " 2019 "), 0);
	assert_int_equal(y, 2562);
	const char *bad[] = {"", "25x6", "3000", "1800", "2566.0", "-2566", "year", "พ.ศ."};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(itakit_text_parse_year(&y, bad[i]), -1);
}

static void test_normalize(void **state)
{
	(void)state;
	char *s = itakit_text_normalize("การใช้อ\xE0\xB9\x8D\xE0\xB8\xB2นาจ"); /* nikhahit + sara aa */
	assert_string_equal(s, "การใช้อำนาจ");
	free(s);
	s = itakit_text_normalize("  เขต  \t พระนคร\xC2\xA0 ");
	assert_string_equal(s, "เขต พระนคร");
	free(s);
	s = itakit_text_normalize("กรุง\xE2\x80\x8Bเทพ"); /* zero-width space dropped */
	assert_string_equal(s, "กรุงเทพ");
	free(s);
}

/* Typos count in clusters: a Thai consonant with its marks is one. */
static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(itakit_text_distance("analyze", "analyze"), 0);
	assert_int_equal(itakit_text_distance("analyse", "analyze"), 1);
	assert_int_equal(itakit_text_distance("yaer", "year"), 2); /* a transposition is two edits */
	assert_int_equal(itakit_text_distance("", "abc"), 3);
	/* one letter (า) left out */
	assert_int_equal(itakit_text_distance("สำนักงานเขตคันนายว", "สำนักงานเขตคันนายาว"), 1);
	/* a tone mark left out: ป้ differs from ป as one cluster */
	assert_int_equal(itakit_text_distance("ปอม", "ป้อม"), 1);
	/* a wrong tone mark (่ for ้) on the same letter: one substitution */
	assert_int_equal(itakit_text_distance("ที้", "ที่"), 1);
	/* counted in characters, not bytes: three Thai letters are three edits */
	assert_int_equal(itakit_text_distance("กขค", ""), 3);
	/* longer than the bound */
	char big[300];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_true(itakit_text_distance(big, "a") == SIZE_MAX);
}

/* Cuts fall between characters, never between a letter and its marks. */
static void test_cut(void **state)
{
	(void)state;
	assert_int_equal(itakit_text_cut("abc", 10), 3);
	assert_int_equal(itakit_text_cut("abc", 2), 2);
	/* ก is 3 bytes: 4 bytes hold one letter */
	assert_int_equal(itakit_text_cut("กข", 4), 3);
	/* ที่ is three code points (9 bytes): 6 bytes would part ท from its marks */
	assert_int_equal(itakit_text_cut("ที่ดิน", 6), 0);
	assert_int_equal(itakit_text_cut("ที่ดิน", 9), 9);
	assert_int_equal(itakit_text_cut("กที่", 8), 3);
}

static void test_match_key(void **state)
{
	(void)state;
	char *a = itakit_text_match_key("เขต  พระนคร");
	char *b = itakit_text_match_key("เขตพระนคร");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = itakit_text_match_key(" Use Of Budget ");
	assert_string_equal(a, "useofbudget");
	free(a);
	a = itakit_text_match_key("ตัวชี้วัดที่ ๖");
	assert_string_equal(a, "ตัวชี้วัดที่6");
	free(a);
}

static void test_utf8(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(itakit_utf8_decode("ก", 3, &cp), 3);
	assert_int_equal(cp, 0x0E01);
	assert_int_equal(itakit_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(itakit_utf8_decode("\xC0\x80", 2, &cp), 0);         /* overlong */
	assert_int_equal(itakit_utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* surrogate */
	assert_int_equal(itakit_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
	assert_int_equal(itakit_utf8_decode("\xE0\xB8", 2, &cp), 0);         /* truncated */
	size_t bad = 0;
	assert_false(itakit_utf8_valid("ab\xE0\xB8xy", 6, &bad));
	assert_int_equal(bad, 2);
	assert_true(itakit_utf8_valid("กรุงเทพ", strlen("กรุงเทพ"), NULL));
	assert_int_equal(itakit_utf8_length("กรุงเทพ", strlen("กรุงเทพ")), 7);
	char out[4];
	assert_int_equal(itakit_utf8_encode(0x0E33, out), 3);
	assert_memory_equal(out, "ำ", 3);
}

static void test_windows874(void **state)
{
	(void)state;
	const char *tis = "\xA1\xC3\xD8\xA7\xE0\xB7\xBE"; /* กรุงเทพ */
	assert_true(itakit_text_looks_tis620(tis, strlen(tis)));
	assert_false(itakit_text_looks_tis620("กรุงเทพ", strlen("กรุงเทพ")));
	assert_false(itakit_text_looks_tis620("plain ascii", 11));
	size_t n = 0;
	char *u = itakit_tis620_to_utf8(tis, strlen(tis), &n);
	assert_non_null(u);
	assert_string_equal(u, "กรุงเทพ");
	assert_int_equal(n, strlen("กรุงเทพ"));
	free(u);
	/* 0xFC has no character in Windows-874 */
	assert_null(itakit_tis620_to_utf8("\xA1\xFC", 2, &n));
	assert_int_equal(n, 1);
}

static void test_localize_digits(void **state)
{
	(void)state;
	char *s = itakit_text_localize_digits("พ.ศ. 2566, 85%", ITAKIT_DIGITS_THAI);
	assert_string_equal(s, "พ.ศ. ๒๕๖๖, ๘๕%");
	itakit_text_arabic_digits(s);
	assert_string_equal(s, "พ.ศ. 2566, 85%");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_as_published),
		cmocka_unit_test(test_round_near_half),
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_format_number_short_buffer),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_parse_number_as_strtod),
		cmocka_unit_test(test_utf8_valid_as_decoding),
		cmocka_unit_test(test_parse_year),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_match_key),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_windows874),
		cmocka_unit_test(test_localize_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
