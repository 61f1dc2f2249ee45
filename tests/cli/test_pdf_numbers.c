/* pdf_numbers.c: the program's own snprintf for the number forms cairo
 * prints gives exactly what glibc's vsnprintf gives, for random and edge
 * values, and leaves every other format to glibc. */
#include "test_support.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/pdf_numbers.h"

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);

/* fast: what itakit__print_number printed (or "" when it declined);
 * returns its length or -1. */
static int fast(char *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = itakit__print_number(out, fmt, ap);
	va_end(ap);
	return n;
}

static int libc(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, size, fmt, ap);
	va_end(ap);
	return n;
}

#define SAME(...)                                                              \
	do {                                                                   \
		char got[ITAKIT_PRINT_NUMBER_MAX], want[256];                  \
		int n = fast(got, __VA_ARGS__);                                \
		int w = libc(want, sizeof want, __VA_ARGS__);                  \
		if (n != w || strcmp(got, want) != 0)                          \
			fail_msg("%s: got \"%s\" (%d), glibc \"%s\" (%d)", #__VA_ARGS__, \
				 n >= 0 ? got : "(declined)", n, want, w); \
	} while (0)

#define DECLINED(...)                                                          \
	do {                                                                   \
		char got[ITAKIT_PRINT_NUMBER_MAX];                             \
		assert_int_equal(fast(got, __VA_ARGS__), -1);                  \
	} while (0)

static void test_integers(void **state)
{
	(void)state;
	static const long values[] = {0, 1, -1, 9, 10, 255, 4096, 65535, 65536, 123456789,
				      INT_MAX, INT_MIN, LONG_MAX, LONG_MIN};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		long v = values[i];
		int iv = (int)v;
		unsigned uv = (unsigned)v;
		SAME("%d", iv);
		SAME("%ld", v);
		SAME("%010ld", v);
		SAME("%u", uv);
		SAME("%lu", (unsigned long)v);
		SAME("%x", uv);
		SAME("%lx", (unsigned long)v);
		SAME("%04x", uv);
		SAME("%04X", uv);
		SAME("%02x", uv);
		SAME("%7d", iv);
		SAME("%07d", iv);
		for (int width = 0; width <= 8; width++)
			SAME("%0*x", width, uv);
	}
}

/* %.*f with precision p: as glibc inside the range, declined outside it. */
static void same_fixed(int p, double v)
{
	int decimals = p < 0 ? 6 : p;
	if (fabs(v) < 1e18 / pow(10, decimals))
		SAME("%.*f", p, v);
	else
		DECLINED("%.*f", p, v);
}

static void test_fixed_edges(void **state)
{
	(void)state;
	static const double values[] = {
		0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-7, -1e-9, 5e-7, 4.9999999e-7,
		0.0005, 0.0015, 0.0025, 841.89, 819.863281, 100.085938, 0.1, 0.01, 1e-18, 5e-19,
		DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN, 999999.9999995, 1e9 + 0.5, 4503599627370495.5,
		123456789012.345678, 0.999999999, 9.5, 10.5, 1e17, 9.99e17};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		double v = values[i];
		if (fabs(v) < 1e12) {
			SAME("%f", v);
			SAME("%12.3f", v);
			SAME("%012.3f", v);
		}
		if (fabs(v) < 1)
			SAME("%.18f", v);
		for (int p = -1; p <= 18; p++)
			same_fixed(p, v);
	}
}

/* Random doubles of every magnitude a page holds, and exact halves at each
 * precision (the ties). */
static void test_fixed_random(void **state)
{
	(void)state;
	unsigned long long x = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		double unit = (double)(x >> 11) / 9007199254740992.0;
		double v = ldexp(unit, (int)(x % 60) - 40) * ((x >> 7 & 1) ? -1 : 1);
		int p = (int)(x >> 20) % 19;
		SAME("%f", v);
		if (fabs(v) < 1)
			SAME("%.18f", v);
		same_fixed(p, v);
		double tie = (double)(long)(x % 2000001) / 2.0 / pow(10, p % 4);
		SAME("%.*f", p % 4, tie);
		SAME("%.*f", p % 4, -tie);
	}
}

static void test_declined(void **state)
{
	(void)state;
	DECLINED("%s", "text");
	DECLINED("%g", 1.5);
	DECLINED("%e", 1.5);
	DECLINED("%-5d", 3);
	DECLINED("%+d", 3);
	DECLINED("%.3d", 3);
	DECLINED("%lld", 3ll);
	DECLINED("x=%d", 3);
	DECLINED("%d%d", 3, 4);
	DECLINED("%%");
	DECLINED("%f", NAN);
	DECLINED("%f", INFINITY);
	DECLINED("%f", 1e40);
	DECLINED("%.18f", 2.0);
	DECLINED("%.19f", 0.5);
	DECLINED("%0*x", -4, 5u);
}

/* Through the symbol cairo calls: truncation and return value as snprintf,
 * and a declined format still printed by glibc. */
static void test_snprintf_chk(void **state)
{
	(void)state;
	for (size_t size = 0; size <= 12; size++) {
		char got[16], want[16];
		memset(got, '#', sizeof got);
		memset(want, '#', sizeof want);
		int n = __snprintf_chk(got, size, 1, sizeof got, "%f", -841.89);
		int w = snprintf(want, size, "%s", "-841.890000");
		assert_int_equal(n, w);
		assert_memory_equal(got, want, sizeof got);
	}
	char buf[64];
	assert_int_equal(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "CairoFont-%d-%d", 3, 14), 14);
	assert_string_equal(buf, "CairoFont-3-14");
	assert_int_equal(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%s|%5.1f", "a", 2.25), 7);
	assert_string_equal(buf, "a|  2.2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_fixed_edges),
		cmocka_unit_test(test_fixed_random),
		cmocka_unit_test(test_declined),
		cmocka_unit_test(test_snprintf_chk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
