/* Fuzz the status file parser of the progress report, and the check of its
 * rows against a plan. */
#include "itakit/itakit.h"
#include "fuzz_support.h"
#include "itakit/status.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	itakit_status st;
	itakit_diag_list diags;
	itakit_status_init(&st);
	itakit_diag_list_init(&diags);
	if (itakit_status_parse(&st, (const char *)data, size, "fuzz.csv", &diags) == 0) {
		static const char *const plan[] = {"M04", "M05", "M03", "M02"};
		const itakit_status_row *rows[4];
		(void)itakit_status_check(rows, &st, "กรุงเทพมหานคร", "10", plan, 4, &diags);
		for (size_t i = 0; i < st.count; i++) {
			(void)strlen(st.rows[i].actions);
			(void)strlen(st.rows[i].next_steps);
			(void)itakit_status_kind_name(st.rows[i].status, ITAKIT_LANG_TH);
		}
	}
	fuzz_diags_done(&diags);
	itakit_status_release(&st);
	return 0;
}
