/* itakit check: validate input files only. */
#include "cli.h"

#include <string.h>

static const char usage[] =
	"usage: itakit check FILE... [--framework FILE]\n"
	"\n"
	"Validates each file: prints one line per file (units, years, rows) when it is\n"
	"good, or every problem as FILE:LINE:COLUMN: message. Exit status 2 when any\n"
	"file has errors.\n";

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{NULL, 0, NULL, 0}};
	cli_session s;
	cli_session_init(&s);
	int rc = cli_parse_options(&s, argc, argv, "check", "", longopts, usage, NULL, NULL);
	if (rc == CLI_HELP_SHOWN) {
		cli_session_release(&s);
		return EXIT_OK;
	}
	if (rc == EXIT_OK)
		rc = cli_take_files(&s, argc, argv, "check");
	if (rc == EXIT_OK) {
		int lib = itakit_framework_load(&s.fw, s.framework_path, &s.diags);
		if (lib) {
			cli_print_diags(&s.diags);
			rc = cli_exit_for(lib);
		}
	}
	/* each file on its own, so each gets its own summary line */
	for (size_t i = 0; rc != EXIT_RUNTIME && s.fw.n_eras && i < s.n_files; i++) {
		itakit_dataset ds;
		itakit_diag_list diags;
		itakit_dataset_init(&ds);
		itakit_diag_list_init(&diags);
		itakit_load_options lo = cli_load_options(&s);
		int lib = itakit_dataset_load_file(&ds, s.files[i], &s.fw, &lo, &diags);
		cli_print_diags(&diags);
		if (lib == 0) {
			int y0 = 0, y1 = 0;
			for (size_t u = 0; u < ds.n_units; u++) {
				const itakit_unit *unit = &ds.units[u];
				if (!unit->n_years)
					continue;
				if (!y0 || unit->years[0].year < y0)
					y0 = unit->years[0].year;
				if (unit->years[unit->n_years - 1].year > y1)
					y1 = unit->years[unit->n_years - 1].year;
			}
			printf("%s: ok: %zu units, fiscal years %d-%d, %zu rows", s.files[i], ds.n_units, y0, y1, ds.n_rows);
			if (diags.warnings)
				printf(", %zu warning%s", diags.warnings, diags.warnings == 1 ? "" : "s");
			putchar('\n');
		} else {
			if (lib != ITAKIT_EINPUT || !diags.count)
				fprintf(stderr, "%s\n", itakit_error_last());
			size_t errors = diags.errors ? diags.errors : 1;
			printf("%s: %zu error%s\n", s.files[i], errors, errors == 1 ? "" : "s");
			rc = cli_exit_for(lib);
		}
		itakit_diag_list_release(&diags);
		itakit_dataset_release(&ds);
	}
	cli_session_release(&s);
	return rc;
}
