/* strbuf.c: appends, and appendf's fast path checked against snprintf. */
#include "test_support.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* appendf gives exactly what snprintf gives, on the fast path (%s %d %zu
 * %%) and on the fallback (any other conversion). */
#define SAME_AS_SNPRINTF(...)                                          \
	do {                                                           \
		char want[256];                                        \
		snprintf(want, sizeof want, __VA_ARGS__);              \
		itakit_strbuf b;                                       \
		itakit_strbuf_init(&b);                                \
		itakit_strbuf_appendf(&b, __VA_ARGS__);                \
		assert_false(b.oom);                                   \
		assert_string_equal(b.data, want);                     \
		itakit_strbuf_release(&b);                             \
	} while (0)

static void test_appendf(void **state)
{
	(void)state;
	SAME_AS_SNPRINTF("{\"year\": %d, \"overall\": ", 2566);
	SAME_AS_SNPRINTF("%s{\"code\": %zu, \"name\": ", ", ", (size_t)10);
	SAME_AS_SNPRINTF("%d %d %d", 0, -7, INT_MIN);
	SAME_AS_SNPRINTF("%zu", (size_t)-1);
	SAME_AS_SNPRINTF("ร้อยละ %s%%", "๘๐");
	SAME_AS_SNPRINTF("no conversion at all");
	SAME_AS_SNPRINTF("%s", "");
	SAME_AS_SNPRINTF("%%d %%s %d", 5);
	/* the fallback */
	SAME_AS_SNPRINTF("%5d|%-4s|%.2f|%x", 42, "ab", 82.445, 255u);
	SAME_AS_SNPRINTF("%s and %03d", "mixed", 7);
}

static void test_appendf_long(void **state)
{
	(void)state;
	char big[5000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	SAME_AS_SNPRINTF("%s", "short");
	itakit_strbuf b;
	itakit_strbuf_init(&b);
	itakit_strbuf_appendf(&b, "[%s|%d]", big, 12);
	itakit_strbuf_appendf(&b, "[%4s]", big);
	assert_int_equal(b.len, 2 * strlen(big) + strlen("[|12]") + strlen("[]"));
	assert_memory_equal(b.data + strlen(big) + 1, "|12]", 4);
	itakit_strbuf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appendf),
		cmocka_unit_test(test_appendf_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
