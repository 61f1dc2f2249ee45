/* Statistics over GSL. GSL's default error handler aborts the process, which
 * a library must never do: it is switched off before any GSL call. */
#include "itakit/stats.h"
#include "itakit/error.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void gsl_quiet(void)
{
	gsl_set_error_handler_off();
}

/* The two-sided 95% quantile of Student's t with df degrees of freedom.
 * A unit's trends ask for the same few df thousands of times: the small ones
 * are kept per thread once GSL has computed them (same values, no lock). */
static double t975(size_t df)
{
	static _Thread_local double known[64];
	if (df < sizeof known / sizeof *known) {
		if (known[df] == 0)
			known[df] = gsl_cdf_tdist_Pinv(0.975, (double)df);
		return known[df];
	}
	return gsl_cdf_tdist_Pinv(0.975, (double)df);
}

void itakit_stats_fit(itakit_linear_fit *out, const double *x, const double *y,
		      size_t n, double x_next)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	out->x_next = x_next;
	if (n < 3)
		return;
	gsl_quiet();
	/* Centre x on x_next: years near 2566 would cost precision, and the
	 * forecast's standard error then reads off at x = 0. gsl_fit_linear
	 * divides by zero for constant x, so check that first. A series of a
	 * few years is centred on the stack, no allocation. */
	double small[32];
	double *xc = n <= sizeof small / sizeof *small ? small : malloc(n * sizeof *xc);
	if (!xc)
		return;
	bool varies = false;
	for (size_t i = 0; i < n; i++) {
		xc[i] = x[i] - x_next;
		if (x[i] != x[0])
			varies = true;
	}
	double c0 = 0, c1 = 0, cov00, cov01, cov11, sumsq;
	int rc = varies ? gsl_fit_linear(xc, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) : GSL_EDOM;
	if (xc != small)
		free(xc);
	if (rc != GSL_SUCCESS || !isfinite(c0) || !isfinite(c1))
		return;
	double mean = gsl_stats_mean(y, 1, n);
	double sst = 0;
	for (size_t i = 0; i < n; i++)
		sst += (y[i] - mean) * (y[i] - mean);
	double s2 = sumsq / (double)(n - 2);
	/* Prediction interval for a new observation: the fitted mean's variance
	 * (cov00 at x = 0 after centring) plus the residual variance. */
	double se_pred = sqrt(cov00 + s2);
	double t = t975(n - 2);
	out->ok = true;
	out->slope = c1;
	out->intercept = c0 - c1 * x_next;
	out->r2 = (sst > 0 && sumsq > 1e-12 * sst) ? 1.0 - sumsq / sst : 1.0;
	out->forecast = c0;
	out->low = c0 - t * se_pred;
	out->high = c0 + t * se_pred;
	/* an exact fit (cov11 = 0) has a direction when it has a slope */
	out->sloped = fabs(c1) > t * sqrt(fmax(cov11, 0));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int itakit_stats_summary(itakit_summary *out, const double *v, size_t n)
{
	memset(out, 0, sizeof *out);
	out->n = n;
	if (n == 0)
		return 0;
	gsl_quiet();
	double *s = malloc(n * sizeof *s);
	if (!s)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	out->mean = gsl_stats_mean(s, 1, n);
	out->sd = n > 1 ? gsl_stats_sd_m(s, 1, n, out->mean) : 0.0;
	out->median = gsl_stats_median_from_sorted_data(s, 1, n);
	out->q1 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.25);
	out->q3 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.75);
	out->min = s[0];
	out->max = s[n - 1];
	free(s);
	return 0;
}
