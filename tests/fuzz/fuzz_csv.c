/* Fuzz the CSV loader: any bytes must give a dataset or diagnostics, never a
 * crash, leak or undefined behaviour. */
#include "itakit/itakit.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static itakit_framework fw;
	static int ready;
	if (!ready) {
		itakit_diag_list d;
		itakit_diag_list_init(&d);
		itakit_framework_init(&fw);
		if (itakit_framework_load(&fw, NULL, &d))
			__builtin_trap();
		itakit_diag_list_release(&d);
		ready = 1;
	}
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	itakit_load_options opts = ITAKIT_LOAD_OPTIONS_INIT;
	opts.max_rows = 10000;
	if (itakit_dataset_load_buffer(&ds, (const char *)data, size, "fuzz.csv", &fw, &opts, &diags) == 0) {
		/* what loads must analyse without trouble too */
		for (size_t i = 0; i < ds.n_units; i++) {
			itakit_unit_analysis ua;
			if (itakit_analysis_run_unit(&ua, &ds.units[i], &fw, NULL, &diags) == 0)
				itakit_unit_analysis_release(&ua);
		}
	}
	char buf[2048];
	for (size_t i = 0; i < diags.count; i++)
		itakit_diag_format(buf, sizeof buf, &diags.items[i]);
	itakit_diag_list_release(&diags);
	itakit_dataset_release(&ds);
	return 0;
}
