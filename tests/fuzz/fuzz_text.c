/* Fuzz Thai text handling: normalisation, match keys, number and year
 * parsing, Windows-874 conversion, UTF-8 decoding and number formatting. */
#include "itakit/itakit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	size_t bad;
	itakit_utf8_valid(s, size, &bad);
	itakit_text_looks_tis620(s, size);
	size_t out_len;
	free(itakit_tis620_to_utf8(s, size, &out_len));
	free(itakit_text_normalize(s));
	free(itakit_text_match_key(s));
	free(itakit_text_localize_digits(s, ITAKIT_DIGITS_THAI));
	double v;
	if (itakit_text_parse_number(&v, s) == 0) {
		char buf[64];
		itakit_format_number(buf, sizeof buf, v, 2, ITAKIT_DIGITS_THAI, true);
		itakit_round(v, 2);
	}
	int year;
	itakit_text_parse_year(&year, s);
	char *copy = strdup(s);
	if (copy) {
		itakit_text_arabic_digits(copy);
		free(copy);
	}
	free(s);
	return 0;
}
