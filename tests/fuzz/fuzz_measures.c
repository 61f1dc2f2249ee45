/* Fuzz the measures catalog parser and the selection on what it loads. */
#include "itakit/itakit.h"
#include "fuzz_support.h"
#include "itakit/measures.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	itakit_measures cat;
	itakit_diag_list diags;
	itakit_measures_init(&cat);
	itakit_diag_list_init(&diags);
	if (itakit_measures_parse(&cat, (const char *)data, size, "fuzz.csv", 10, &diags) == 0) {
		/* every subset-ish order of flagged codes derived from the input */
		int flagged[12];
		size_t n = size < 12 ? size : 12;
		for (size_t i = 0; i < n; i++)
			flagged[i] = 1 + data[i] % 10;
		itakit_measure_selection sel;
		itakit_measure_selection_init(&sel);
		if (itakit_measures_select(&sel, &cat, flagged, n) == 0) {
			for (size_t i = 0; i < sel.count; i++)
				for (int f = 0; f < ITAKIT_MEASURE_N_FIELDS; f++) {
					(void)strlen(itakit_measure_text(sel.rows[i].measure, f, ITAKIT_LANG_TH));
					(void)strlen(itakit_measure_text(sel.rows[i].measure, f, ITAKIT_LANG_EN));
				}
		}
		itakit_measure_selection_release(&sel);
	}
	fuzz_diags_done(&diags);
	itakit_measures_release(&cat);
	return 0;
}
