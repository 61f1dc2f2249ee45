/* Shared by the fuzz harnesses: the built-in framework, loaded once per
 * process, and the end of every run, which formats each diagnostic (so the
 * formatter sees what the fuzzed loader wrote) and releases the list. */
#ifndef ITAKIT_FUZZ_SUPPORT_H
#define ITAKIT_FUZZ_SUPPORT_H

#include "itakit/itakit.h"

static inline const itakit_framework *fuzz_framework(void)
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
	return &fw;
}

static inline void fuzz_diags_done(itakit_diag_list *diags)
{
	char buf[2048];
	for (size_t i = 0; i < diags->count; i++)
		itakit_diag_format(buf, sizeof buf, &diags->items[i]);
	itakit_diag_list_release(diags);
}

#endif
