/* Regressions from fuzzing and hostile-input testing. Each input is a file
 * in the fuzz corpus (tests/fuzz/corpus/HARNESS/), which scripts/fuzz also
 * replays under libFuzzer; here it is loaded by the normal build (and the
 * sanitizer build of scripts/test) and its diagnostic checked. To add one:
 * docs/bad-input.md. */
#include "test_support.h"
#include "itakit/measures.h"
#include "itakit/profile.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *file;      /* under tests/fuzz/corpus/csv */
	int rc;                /* of itakit_dataset_load_file */
	const char *diag;      /* a diagnostic contains this; NULL: none expected */
} csv_case;

static const csv_case CSV_CASES[] = {
	/* only a BOM: empty, not a crash on the 3-byte skip */
	{"regress_bom_only.csv", ITAKIT_EINPUT, ":1:1: error: the file is empty"},
	/* CR-only line ends (old Mac exports) are CSV */
	{"regress_cr_only.csv", 0, NULL},
	/* UTF-16 from Excel's "Unicode text": read, a header of one column */
	{"regress_utf16.csv", ITAKIT_EINPUT, ":1:1: error: no year column"},
	/* a quoted field of 5000 escaped quotes that never closes */
	{"regress_deep_quotes.csv", ITAKIT_EINPUT, ":2:1: error: unterminated quoted field"},
	/* 300 fields on a row: counted, not kept */
	{"regress_wide_row.csv", ITAKIT_EINPUT, ":2:1: error: more than 256 fields (the limit)"},
	/* no line break after 5000 digits */
	{"regress_no_newline.csv", ITAKIT_EINPUT, ":2:10: error: field longer than the limit of 4096 bytes"},
	/* the bad-input fixtures, as seeds */
	{"bad_nul.csv", ITAKIT_EINPUT, ":3:8: error: NUL byte"},
	{"bad_pdf.csv", ITAKIT_EINPUT, ":1:1: error: this looks like a PDF document"},
	{"bad_xlsx.csv", ITAKIT_EINPUT, ":1:1: error: this looks like an Excel workbook"},
	{"bad_binary.csv", ITAKIT_EINPUT, ":1:1: error: this looks like a binary file"},
	{"bad_invalid_utf8.csv", ITAKIT_EINPUT, ":2:1: error: invalid UTF-8"},
	{"bad_unterminated_quote.csv", ITAKIT_EINPUT, ":3:1: error: unterminated quoted field"},
};

static void test_csv_cases(void **state)
{
	(void)state;
	itakit_framework fw;
	load_framework(&fw);
	for (size_t i = 0; i < sizeof CSV_CASES / sizeof *CSV_CASES; i++) {
		const csv_case *c = &CSV_CASES[i];
		char rel[256];
		snprintf(rel, sizeof rel, "tests/fuzz/corpus/csv/%s", c->file);
		itakit_dataset ds;
		itakit_diag_list diags;
		itakit_dataset_init(&ds);
		itakit_diag_list_init(&diags);
		int rc = itakit_dataset_load_file(&ds, source_path(rel), &fw, NULL, &diags);
		if (rc != c->rc || (c->diag && !diags_contain(&diags, c->diag)) || (!c->diag && diags.errors))
			fail_msg("%s: rc %d (expected %d), %zu diagnostics, none with \"%s\"", c->file, rc, c->rc,
				 diags.count, c->diag ? c->diag : "");
		itakit_diag_list_release(&diags);
		itakit_dataset_release(&ds);
	}
	itakit_framework_release(&fw);
}

/* Parses text as what harness fuzzes; only crashes, leaks and undefined
 * behaviour (in the sanitizer build) can fail. */
static void parse_as(const char *harness, const itakit_framework *fw, const char *text, size_t len)
{
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	if (strcmp(harness, "csv") == 0 || strcmp(harness, "xlsx") == 0) { /* workbooks among them */
		itakit_dataset ds;
		itakit_dataset_init(&ds);
		itakit_dataset_load_buffer(&ds, text, len, "corpus.csv", fw, NULL, &diags);
		itakit_dataset_release(&ds);
	} else if (strcmp(harness, "framework") == 0) {
		itakit_framework f;
		itakit_framework_init(&f);
		itakit_framework_parse(&f, text, len, "corpus.ini", &diags);
		itakit_framework_release(&f);
	} else if (strcmp(harness, "measures") == 0) {
		itakit_measures m;
		itakit_measures_init(&m);
		itakit_measures_parse(&m, text, len, "corpus.csv", 10, &diags);
		itakit_measures_release(&m);
	} else if (strcmp(harness, "profile") == 0) {
		itakit_profile p;
		itakit_profile_init(&p);
		itakit_profile_parse(&p, text, len, "corpus.ini", &diags);
		itakit_profile_release(&p);
	} else {
		free(itakit_text_normalize(text));
		free(itakit_text_match_key(text));
	}
	char buf[2048];
	for (size_t i = 0; i < diags.count; i++)
		itakit_diag_format(buf, sizeof buf, &diags.items[i]);
	itakit_diag_list_release(&diags);
}

/* Every committed corpus file of every harness, once. */
static void test_whole_corpus(void **state)
{
	(void)state;
	static const char *const harnesses[] = {"csv", "framework", "measures", "profile", "text", "xlsx"};
	itakit_framework fw;
	load_framework(&fw);
	size_t files = 0;
	for (size_t h = 0; h < sizeof harnesses / sizeof *harnesses; h++) {
		char rel[256], dir[4096];
		snprintf(rel, sizeof rel, "tests/fuzz/corpus/%s", harnesses[h]);
		snprintf(dir, sizeof dir, "%s", source_path(rel));
		DIR *d = opendir(dir);
		assert_non_null(d);
		for (struct dirent *e; (e = readdir(d));) {
			if (e->d_name[0] == '.')
				continue;
			char path[8192], *text;
			size_t len;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			assert_int_equal(itakit_file_read(&text, &len, path, 1 << 20), 0);
			parse_as(harnesses[h], &fw, text, len);
			free(text);
			files++;
		}
		closedir(d);
	}
	assert_true(files > 30);
	itakit_framework_release(&fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_cases),
		cmocka_unit_test(test_whole_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
