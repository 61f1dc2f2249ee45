/* Fuzz the profile parser: any bytes must give a profile or diagnostics,
 * never a crash, leak or undefined behaviour. */
#include "itakit/itakit.h"
#include "fuzz_support.h"
#include "itakit/profile.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	itakit_profile p;
	itakit_diag_list diags;
	itakit_profile_init(&p);
	itakit_diag_list_init(&diags);
	/* a file name without a directory: a relative logo is looked up in the
	 * current directory (read-only, non-blocking) */
	if (itakit_profile_parse(&p, (const char *)data, size, "fuzz.ini", &diags) == 0) {
		char buf[256];
		itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI);
		itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_EN, ITAKIT_DIGITS_ARABIC);
		itakit_profile_format_date(buf, 8, &p, ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI);
	}
	fuzz_diags_done(&diags);
	itakit_profile_release(&p);
	return 0;
}
