#include "test_support.h"

#include <dirent.h>
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

void dump_diags(const itakit_diag_list *d)
{
	char buf[2048];
	for (size_t i = 0; i < d->count; i++) {
		itakit_diag_format(buf, sizeof buf, &d->items[i]);
		print_message("  %s\n", buf);
	}
}

int dataset_fixture_setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	load_framework(&f->fw);
	itakit_dataset_init(&f->ds);
	itakit_diag_list_init(&f->diags);
	*state = f;
	return 0;
}

int dataset_fixture_teardown(void **state)
{
	fixture *f = *state;
	itakit_dataset_release(&f->ds);
	itakit_framework_release(&f->fw);
	itakit_diag_list_release(&f->diags);
	free(f);
	return 0;
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


void analysed_data_load(analysed_data *out, const char *rel)
{
	memset(out, 0, sizeof *out);
	load_framework(&out->fw);
	itakit_dataset_init(&out->ds);
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	if (itakit_dataset_load_file(&out->ds, source_path(rel), &out->fw, NULL, &diags) != 0)
		fail_msg("%s: %s", rel, itakit_error_last());
	itakit_diag_list_release(&diags);
	out->n = out->ds.n_units;
	out->ua = calloc(out->n ? out->n : 1, sizeof *out->ua);
	assert_non_null(out->ua);
	for (size_t i = 0; i < out->n; i++)
		assert_int_equal(itakit_analysis_run_unit(&out->ua[i], &out->ds.units[i], &out->fw, NULL, NULL), 0);
}

void analysed_data_release(analysed_data *d)
{
	for (size_t i = 0; i < d->n; i++)
		itakit_unit_analysis_release(&d->ua[i]);
	free(d->ua);
	itakit_dataset_release(&d->ds);
	itakit_framework_release(&d->fw);
}

char *all_diags(const itakit_diag_list *d)
{
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_strbuf_append(&b, "");
	const char *prefix = ITAKIT_FIXTURES "/";
	char line[2048];
	for (size_t i = 0; i < d->count; i++) {
		itakit_diag_format(line, sizeof line, &d->items[i]);
		/* drop the fixtures directory wherever a path shows */
		for (const char *s = line; *s;) {
			if (strncmp(s, prefix, strlen(prefix)) == 0) {
				s += strlen(prefix);
				continue;
			}
			itakit_strbuf_append_n(&b, s++, 1);
		}
		itakit_strbuf_append(&b, "\n");
	}
	return itakit_strbuf_detach(&b);
}

void assert_diags(const itakit_diag_list *d, const char *expected)
{
	char *got = all_diags(d);
	if (strcmp(got, expected) != 0) {
		/* cmocka's print_error truncates long messages */
		fprintf(stderr, "diagnostics differ.\n--- expected\n%s--- got\n%s", expected, got);
		free(got);
		fail();
	}
	free(got);
}

int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}
