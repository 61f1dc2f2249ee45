/* Helpers shared by the cmocka tests. */
#ifndef ITAKIT_TEST_SUPPORT_H
#define ITAKIT_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "itakit/itakit.h"

/* Path of a fixture under tests/fixtures (static buffer). */
const char *fixture_path(const char *name);

/* Path under the source tree (static buffer). */
const char *source_path(const char *rel);

/* A fresh temporary directory (static buffer), removed by the OS tmp cleaner. */
const char *temp_dir(void);

/* Entries in dir, "." and ".." aside; -1 when it cannot be opened. Tests
 * use it to see that a failed write left nothing behind. */
int dir_entries(const char *dir);

/* Loads the built-in framework or fails the test. */
void load_framework(itakit_framework *fw);

/* Loads a dataset from CSV text (name used in diagnostics); returns the rc. */
int load_csv_text(itakit_dataset *ds, const itakit_framework *fw, const char *text,
		  itakit_diag_list *diags);

/* True when some diagnostic's formatted text contains needle. */
int diags_contain(const itakit_diag_list *diags, const char *needle);

/* Prints every diagnostic (for a failing test's log). */
void dump_diags(const itakit_diag_list *d);

/* Fails the test, printing the diagnostics, unless one contains needle. */
#define assert_diag(d, needle) \
	do { \
		if (!diags_contain((d), (needle))) { \
			dump_diags(d); \
			fail_msg("no diagnostic contains: %s", (needle)); \
		} \
	} while (0)

/* The loaders' tests' state: the built-in framework, an empty dataset and
 * diagnostics, made by dataset_fixture_setup and freed by
 * dataset_fixture_teardown (cmocka group or test setup/teardown). */
typedef struct {
	itakit_framework fw;
	itakit_dataset ds;
	itakit_diag_list diags;
} fixture;

int dataset_fixture_setup(void **state);
int dataset_fixture_teardown(void **state);

/* A data file under the source tree, loaded and every unit analysed (with
 * the built-in framework); fails the test on any error. */
typedef struct {
	itakit_framework fw;
	itakit_dataset ds;
	size_t n;
	itakit_unit_analysis *ua;  /* n analyses, in the dataset's order */
} analysed_data;

void analysed_data_load(analysed_data *out, const char *rel);
void analysed_data_release(analysed_data *d);

/* Every diagnostic formatted, one a line, fixture paths shortened to their
 * file names (malloc'd). */
char *all_diags(const itakit_diag_list *d);

/* Fails the test, printing both, unless all_diags(d) equals expected. */
void assert_diags(const itakit_diag_list *d, const char *expected);

/* Asserts |a - b| <= eps with a readable message. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

#endif
