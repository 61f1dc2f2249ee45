/* Stand-in for `itakit chart` until the command lands: renders a few chart
 * kinds of a CSV file to PNG, SVG and PDF through the library, for the
 * valgrind and locale tests (tests/cli/test_valgrind.sh, test_locale.sh).
 *   itakit-render-charts OUTDIR FILE.csv
 * Exit 0, or 1 with a message. */
#include "itakit/itakit.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s OUTDIR FILE.csv\n", argv[0]);
		return 2;
	}
	itakit_framework fw;
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_framework_init(&fw);
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	itakit_unit_analysis *uas = NULL;
	size_t n = 0;
	itakit_cohort cohort = {0};
	int rc = itakit_framework_load(&fw, NULL, &diags);
	if (!rc)
		rc = itakit_dataset_load_file(&ds, argv[2], &fw, NULL, &diags);
	if (!rc && !(uas = calloc(ds.n_units ? ds.n_units : 1, sizeof *uas)))
		rc = ITAKIT_ENOMEM;
	for (; !rc && n < ds.n_units; n++)
		rc = itakit_analysis_run_unit(&uas[n], &ds.units[n], &fw, NULL, &diags);
	if (rc && n) /* the failed one holds nothing */
		n--;
	if (!rc && n > 1)
		rc = itakit_cohort_build(&cohort, uas, n, itakit_analyses_latest_year(uas, n), NULL, &fw);
	static const struct {
		itakit_chart_kind kind;
		const char *ext;
	} charts[] = {
		{ITAKIT_CHART_OVERALL, "png"}, {ITAKIT_CHART_INDICATORS, "png"}, {ITAKIT_CHART_INDICATORS, "pdf"},
		{ITAKIT_CHART_TOOLS, "svg"}, {ITAKIT_CHART_TREND, "pdf"}, {ITAKIT_CHART_RANKING, "png"},
		{ITAKIT_CHART_HEATMAP, "pdf"}, {ITAKIT_CHART_DISTRIBUTION, "png"},
	};
	itakit_chart_data d = {&fw, uas, NULL, NULL, uas, n, n > 1 ? &cohort : NULL};
	for (size_t i = 0; !rc && n && i < sizeof charts / sizeof *charts; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s.%s", argv[1], itakit_chart_kind_name(charts[i].kind), charts[i].ext);
		rc = itakit_chart_write(path, charts[i].kind, &d, NULL);
	}
	if (rc)
		fprintf(stderr, "itakit-render-charts: %s\n", itakit_error_last());
	for (size_t i = 0; i < n; i++)
		itakit_unit_analysis_release(&uas[i]);
	free(uas);
	if (n > 1)
		itakit_cohort_release(&cohort);
	itakit_dataset_release(&ds);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
	return rc ? 1 : 0;
}
