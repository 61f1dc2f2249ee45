/* Fuzz the CSV loader: any bytes must give a dataset or diagnostics, never a
 * crash, leak or undefined behaviour. */
#include "itakit/itakit.h"
#include "fuzz_support.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const itakit_framework *fw = fuzz_framework();
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	itakit_load_options opts = ITAKIT_LOAD_OPTIONS_INIT;
	opts.max_rows = 10000;
	if (itakit_dataset_load_buffer(&ds, (const char *)data, size, "fuzz.csv", fw, &opts, &diags) == 0) {
		/* what loads must analyse without trouble too */
		for (size_t i = 0; i < ds.n_units; i++) {
			itakit_unit_analysis ua;
			if (itakit_analysis_run_unit(&ua, &ds.units[i], fw, NULL, &diags) == 0)
				itakit_unit_analysis_release(&ua);
		}
	}
	fuzz_diags_done(&diags);
	itakit_dataset_release(&ds);
	return 0;
}
