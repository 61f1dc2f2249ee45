#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *fixture_path(const char *name)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", ITAKIT_FIXTURES, name);
	return buf;
}

const char *source_path(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", ITAKIT_SOURCE_DIR, rel);
	return buf;
}

const char *temp_dir(void)
{
	static char buf[256];
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(buf, sizeof buf, "%s/itakit-test-XXXXXX", base);
	if (!mkdtemp(buf))
		fail_msg("cannot create a temporary directory");
	return buf;
}

void load_framework(itakit_framework *fw)
{
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	itakit_framework_init(fw);
	int rc = itakit_framework_load(fw, NULL, &diags);
	if (rc != 0)
		fail_msg("framework: %s", itakit_error_last());
	itakit_diag_list_release(&diags);
}

int load_csv_text(itakit_dataset *ds, const itakit_framework *fw, const char *text,
		  itakit_diag_list *diags)
{
	return itakit_dataset_load_buffer(ds, text, strlen(text), "test.csv", fw, NULL, diags);
}

int diags_contain(const itakit_diag_list *diags, const char *needle)
{
	char buf[2048];
	for (size_t i = 0; i < diags->count; i++) {
		itakit_diag_format(buf, sizeof buf, &diags->items[i]);
		if (strstr(buf, needle))
			return 1;
	}
	return 0;
}

