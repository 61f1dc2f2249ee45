/* Fuzz the framework file parser. */
#include "itakit/itakit.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	itakit_framework fw;
	itakit_diag_list diags;
	itakit_framework_init(&fw);
	itakit_diag_list_init(&diags);
	if (itakit_framework_parse(&fw, (const char *)data, size, "fuzz.ini", &diags) == 0) {
		for (int y = 2560; y < 2570; y++) {
			const itakit_framework_era *era = itakit_framework_era_for(&fw, y);
			if (era) {
				itakit_framework_find_indicator(era, "การใช้อำนาจ");
				itakit_framework_indicator_weight(era, 1);
			}
			itakit_framework_scheme_for(&fw, y);
		}
	}
	itakit_diag_list_release(&diags);
	itakit_framework_release(&fw);
	return 0;
}
