/* What a report is made from besides the scores (profile, catalog, national
 * average, language and digits), decided once for every command that writes
 * reports: the rules are listed in include/itakit/report.h. */
#include "itakit/report.h"
#include "render/agency.h"

#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void itakit_report_inputs_init(itakit_report_inputs *in)
{
	memset(in, 0, sizeof *in);
	itakit_profile_init(&in->profile);
	itakit_measures_init(&in->measures);
	itakit_dataset_init(&in->national_data);
	in->lang = ITAKIT_LANG_TH;
	in->digits = ITAKIT_DIGITS_THAI;
}

void itakit_report_inputs_release(itakit_report_inputs *in)
{
	itakit_profile_release(&in->profile);
	itakit_measures_release(&in->measures);
	if (in->have_national)
		itakit_unit_analysis_release(&in->national);
	itakit_dataset_release(&in->national_data);
	free(in->national_path);
	itakit_report_inputs_init(in);
}

/* national_averages.csv in the directory of the first score file, when it
 * can be read and is not one of the score files; NULL otherwise (and on out
 * of memory, which *oom says). */
static char *default_national(const itakit_report_input_options *o, bool *oom)
{
	*oom = false;
	if (!o->data_files || o->n_data_files == 0 || !o->data_files[0])
		return NULL;
	const char *first = o->data_files[0];
	const char *slash = strrchr(first, '/');
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	if (slash)
		itakit_strbuf_append_n(&b, first, (size_t)(slash - first) + 1);
	itakit_strbuf_append(&b, "national_averages.csv");
	char *path = itakit_strbuf_detach(&b);
	if (!path) {
		*oom = true;
		return NULL;
	}
	bool use = access(path, R_OK) == 0;
	for (size_t i = 0; use && i < o->n_data_files; i++)
		use = !itakit_same_file(path, o->data_files[i]); /* an input is not a reference */
	if (!use) {
		free(path);
		return NULL;
	}
	return path;
}

static void resolve_language(itakit_report_inputs *in, const itakit_report_input_options *o)
{
	const itakit_profile *p = &in->profile;
	in->lang = o->lang_set ? o->lang : p->lang_set ? p->lang : ITAKIT_LANG_TH;
	if (o->digits_set)
		in->digits = o->digits;
	else if (p->digits_set && (!p->lang_set || p->lang == in->lang))
		/* digits chosen for a Thai report do not carry over to the English one */
		in->digits = p->digits;
	else
		in->digits = in->lang == ITAKIT_LANG_TH ? ITAKIT_DIGITS_THAI : ITAKIT_DIGITS_ARABIC;
}

static int load_national(itakit_report_inputs *in, const itakit_framework *fw,
			 const itakit_analysis_options *ao, itakit_diag_list *diags)
{
	const char *paths[] = {in->national_path};
	int rc = itakit_dataset_load(&in->national_data, paths, 1, fw, NULL, diags);
	if (rc)
		return rc;
	if (in->national_data.n_units == 0)
		return itakit_error_set(ITAKIT_EINPUT, "%s: no scores in the national-average file",
					in->national_path);
	rc = itakit_analysis_run_unit(&in->national, &in->national_data.units[0], fw, ao, NULL);
	if (rc)
		return rc;
	in->have_national = true;
	return 0;
}

int itakit_report_inputs_load(itakit_report_inputs *out, const itakit_report_input_options *opts,
			      const itakit_framework *fw, const itakit_analysis_options *ao,
			      itakit_diag_list *diags)
{
	itakit_report_inputs_release(out);
	if (!opts || !fw)
		return itakit_error_set(ITAKIT_EUSAGE, "report inputs: missing options or framework");
	int rc = 0;
	if (opts->profile_path)
		rc = itakit_profile_load(&out->profile, opts->profile_path, diags);
	if (!rc)
		resolve_language(out, opts);
	if (!rc && out->lang == ITAKIT_LANG_EN)
		rc = itakit_profile_check_english(&out->profile, diags);
	if (!rc) {
		const itakit_framework_era *era =
			itakit_framework_era_nearest(fw, opts->year ? opts->year : 9999);
		int max_code = era ? (int)era->n_indicators : ITAKIT_MAX_INDICATORS;
		rc = itakit_measures_load_sheet(&out->measures, opts->measures_path, opts->measures_sheet,
						max_code, diags);
	}
	if (!rc && !opts->no_national) {
		bool oom = false;
		if (opts->national_path) {
			out->national_path = strdup(opts->national_path);
			oom = !out->national_path;
		} else {
			out->national_path = default_national(opts, &oom);
		}
		if (oom)
			rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		else if (out->national_path)
			rc = load_national(out, fw, ao, diags);
	}
	if (rc) {
		itakit_lang lang = out->lang;
		itakit_digits digits = out->digits;
		itakit_report_inputs_release(out);
		out->lang = lang, out->digits = digits;
	}
	return rc;
}

itakit_report_options itakit_report_inputs_options(const itakit_report_inputs *in)
{
	itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
	o.lang = in->lang;
	o.digits = in->digits;
	o.profile = &in->profile;
	o.measures = &in->measures;
	if (in->have_national) {
		o.reference = &in->national;
		/* the file names the series in Thai; the English edition says it in English */
		o.reference_label = in->lang == ITAKIT_LANG_EN ? "national average" : NULL;
	}
	return o;
}

void itakit__agency_name(itakit__agency_names *out, const itakit_profile *p, const char *unit,
			 size_t data_units, bool thai)
{
	bool profile_names = p && (p->agency || p->agency_en) &&
		(data_units <= 1 || (p->agency && itakit_text_same_name(p->agency, unit)));
	const char *th = profile_names && p->agency ? p->agency : unit;
	out->agency = th;
	out->unit = unit;
	out->agency_is_unit = itakit_text_same_name(th, unit);
	if (!thai && profile_names && p->agency_en) {
		out->agency = p->agency_en;
		if (out->agency_is_unit)
			out->unit = p->agency_en;
	}
}
