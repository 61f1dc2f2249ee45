/* itakit batch: every unit's improvement-measure report, the comparison
 * report, its charts and an index, written by a pool of forked worker
 * processes. Processes rather than threads: pango and fontconfig are not
 * thread-safe in every version, and a process that crashes or aborts (GLib
 * aborts when memory runs out) takes only its own unit down; its temporary
 * file is removed by the parent. Workers take job numbers from a pipe and report on another;
 * the parent alone decides file names, order and the index, so the output
 * does not depend on the number of workers. */
#include "batch.h"
#include "cli.h"
#include "itakit/compare.h"
#include "itakit/progress.h"
#include "itakit/report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static const char usage[] =
	"usage: itakit batch FILE... -d DIR [--year YEAR] [-j N] [--measures FILE] [--profile FILE]\n"
	"                    [--threshold N] [--target N] [--lang th|en] [--digits thai|arabic]\n"
	"                    [--font F] [--framework FILE] [--quiet] [--no-bom]\n"
	"                    [--page-numbers top|footer]\n"
	"                    [--status FILE --round 6|12] [--sheet NAME] [--measures-sheet NAME]\n"
	"                    [--status-sheet NAME]\n"
	"\n"
	"Writes into DIR, for one fiscal year:\n"
	"  reports/STEM.pdf   the improvement-measure report of every unit with data that year\n"
	"  compare.pdf        the comparison of all units (its ranking table lists the best\n"
	"                     500 and the weakest 500 when there are more than 1,000)\n"
	"  charts/*.png       ranking, heatmap, distribution and change charts (ranking, heatmap\n"
	"                     and change only up to 300 units: beyond that they are unreadable)\n"
	"  reports/STEM-progressR.pdf   with --status: the progress report on the measures of\n"
	"                     every unit with data that year, for round R (6 or 12)\n"
	"  index.csv, index.json   every unit in input order: overall, level, pass, indicators\n"
	"                     below the threshold, its report (relative path), its progress\n"
	"                     report (with --status), status and reason;\n"
	"                     index.csv's last row (no number) is the comparison's status. The\n"
	"                     old index is removed when a run starts and the new one written\n"
	"                     when it ends; text cells starting with = + - @ get a leading '\n"
	"  index.xlsx         the same table as an Excel workbook\n"
	"\n"
	"File names: STEM is the unit code, or the unit's name when it has no code (Thai\n"
	"letters kept), made safe: separators, spaces, control characters and : * ? \" < > |\n"
	"become '-', no leading or trailing '.' or '-', at most 100 bytes cut between\n"
	"characters; a reserved Windows name (CON, NUL, COM1...) gives way to the name. A\n"
	"stem that repeats an earlier unit's, ignoring case, gets -2, -3, ... in input order.\n"
	"index.csv and index.json map every unit to its file; names are the same on every run.\n"
	"\n"
	"  --year YEAR        fiscal year, BE (2566) or CE (2023); default: the latest\n"
	"  -d, --dir DIR      output directory (created with its parents if needed); one batch\n"
	"                     at a time writes there (DIR/.itakit-batch.lock holds its pid)\n"
	"  -j, --jobs N       worker processes (default: the number of processors)\n"
	"  --measures FILE    measures catalog (default data/measures.csv or the built-in copy)\n"
	"  --measures-sheet NAME  the sheet of a workbook catalog (default: the first sheet whose\n"
	"                     header is a catalog's, else the first)\n"
	"  --profile FILE     report profile (author, date, logo, lang, digits...); with several\n"
	"                     units each report names its own unit, not the profile's agency\n"
	"  --threshold N      flag line: indicators below it need improving (default 85;\n"
	"                     the official pass line stays 85)\n"
	"  --target N         target of the improvement plans (default: the flag line)\n"
	"  --lang th|en       language of the reports (default: the profile's, else th)\n"
	"  --digits D         thai or arabic digits (default: the profile's, else thai for th)\n"
	"  --font F           font family (default: the profile's, else Laksaman)\n"
	"  --quiet            no progress on standard error (failures are still reported)\n"
	"  --status FILE      status of the measures (as for `itakit progress`, with a unit\n"
	"                     column naming each row's unit); every row is checked against its\n"
	"                     unit's plan before anything is written\n"
	"  --status-sheet NAME  the sheet of a workbook status file (default: the first sheet\n"
	"                     whose header is a status file's, else the first)\n"
	"  --round 6|12       the reporting round of the progress reports (with --status)\n"
	"  --sheet NAME       the sheet of workbook score files (default: the first sheet whose\n"
	"                     header is a score table's, else the first)\n"
	"  --page-numbers P   where compare.pdf numbers its pages: top or footer, as for\n"
	"                     `itakit compare` (the reports keep the official style)\n"
	"  --no-bom           index.csv without the UTF-8 byte-order mark that tells Excel\n"
	"                     the file is UTF-8\n"
	"  --framework FILE   framework file (default data/framework.ini or the built-in copy)\n"
	"  --identity KEY     what makes two rows one unit: code (default: the unit code,\n"
	"                     else the name) or name+group (see docs/unit-identity.md)\n"
	"  --max-problems N   how many input problems are listed (default 100; 0: all)\n"
	"  --verbose          say on stderr which sheet each workbook input was read from\n"
	"\n"
	"A unit whose report fails is reported with its reason and recorded in the index; the\n"
	"others go on. A unit without data for the year is listed as skipped. Interrupted, batch\n"
	"stops its workers and leaves no partial file. Every PDF of one run carries the same\n"
	"date (SOURCE_DATE_EPOCH when set), so the output is identical whatever -j is.\n"
	"Each report is the one `itakit report` writes for that unit from the same files\n"
	"(national_averages.csv beside the first FILE is drawn as the national average).\n"
	"Exit status: 0 all written, 1 some failed, 2 bad input or usage.\n";

#define LOCK_NAME ".itakit-batch.lock"
#define MAX_CHART_UNITS 300
#define MAX_RESPAWN_IDLE 3

typedef enum { JOB_PENDING, JOB_RUNNING, JOB_OK, JOB_FAILED, JOB_SKIPPED } job_state;

typedef struct {
	job_state state;
	int rc;
	char *message;
	pid_t worker;
} job_info;

/* What the index says of a unit; from the parent's own analysis. */
typedef struct {
	bool has_year, overall_known, pass, has_indicators;
	double overall;            /* rounded */
	const char *level;         /* owned by the framework */
	size_t flagged;
} unit_facts;

/* A worker's message: fixed size, under PIPE_BUF, so that writes from
 * several workers on the one pipe never interleave. */
typedef struct {
	int32_t job;
	int32_t finished;  /* 0: started, 1: finished */
	int32_t rc;
	int32_t pid;
	char message[480];
} job_report;

typedef struct {
	cli_session s;
	const char *dir;
	const char *font;
	const char *measures_path, *profile_path;
	bool quiet;
	bool no_bom;
	int page_footer; /* --page-numbers of compare.pdf: 1 footer, 0 top, -1 not given */
	long jobs;
	int year;
	bool lang_set;
	itakit_report_inputs inputs; /* profile, catalog, national average, lang, digits */
	const char *status_path;
	itakit_status status;        /* with status_path: the progress reports' input */
	int round;
	char **stems;
	size_t n_units;
	unit_facts *facts;
	job_info *job;      /* [0] the comparison and charts; [1 + i] unit i */
	size_t n_jobs;
	size_t n_charts_units;

	/* pool */
	int job_pipe[2], report_pipe[2];
	pid_t *workers;
	size_t n_workers_max, n_alive;
	size_t next_feed;   /* jobs queued so far, in queue order */
	size_t *queue;      /* job numbers in the order they are fed */
	size_t n_queue;
	size_t n_finished;
	int idle_deaths;
	pid_t parent;

	int lock_fd;        /* DIR/.itakit-batch.lock, held while running */
	char *lock_path;

	/* progress */
	bool tty;
	struct timespec t0;
	int last_decile;
} batch;

static volatile sig_atomic_t interrupted;

static void on_parent_signal(int sig)
{
	interrupted = sig;
}

/* A worker removes its temporary files and dies of the signal. */
static void on_worker_signal(int sig)
{
	itakit_atomic_cleanup_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

static double now_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *path_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

static const char *const chart_files[] = {"ranking.png", "heatmap.png", "distribution.png", "change.png"};
static const itakit_chart_kind chart_kinds[] = {ITAKIT_CHART_RANKING, ITAKIT_CHART_HEATMAP,
						ITAKIT_CHART_DISTRIBUTION, ITAKIT_CHART_CHANGE};

static bool chart_written(const batch *b, size_t k)
{
	return chart_kinds[k] == ITAKIT_CHART_DISTRIBUTION || b->n_charts_units <= MAX_CHART_UNITS;
}

/* --------------------------------------------------------------- the jobs */

static itakit_report_options report_options(const batch *b)
{
	/* the library's rules, as `report` applies them: the same PDF for a unit */
	itakit_report_options o = itakit_report_inputs_options(&b->inputs);
	o.font = b->font;
	o.threshold = b->s.threshold;
	o.target = b->s.target;
	o.data_units = b->s.ds.n_units;
	return o;
}

static itakit_progress_options progress_options(const batch *b)
{
	itakit_report_options ro = report_options(b);
	itakit_progress_options o = ITAKIT_PROGRESS_OPTIONS_INIT;
	o.lang = ro.lang;
	o.digits = ro.digits;
	o.font = ro.font;
	o.round = b->round;
	o.profile = ro.profile;
	o.measures = ro.measures;
	o.data_units = ro.data_units;
	o.status = &b->status;
	return o;
}

static int run_unit(batch *b, size_t i)
{
	const itakit_unit *u = &b->s.ds.units[i];
	const char *crash = getenv("ITAKIT_BATCH_TEST_CRASH");
	if (crash && (strcmp(crash, u->name) == 0 || (u->code && strcmp(crash, u->code) == 0)))
		raise(SIGKILL); /* test hook: a worker dying in the middle of a unit */
	itakit_analysis_options ao = cli_analysis_options(&b->s);
	itakit_unit_analysis ua;
	int rc = itakit_analysis_run_unit(&ua, u, &b->s.fw, &ao, NULL);
	if (rc)
		return rc;
	char rel[BATCH_STEM_MAX + 32]; /* "reports/STEM-progress12.pdf" */
	snprintf(rel, sizeof rel, "reports/%s.pdf", b->stems[i]);
	char *path = path_join(b->dir, rel);
	itakit_report_options ro = report_options(b);
	rc = path ? itakit_report_write(NULL, path, &b->s.fw, &ua, b->year, &ro)
		  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	free(path);
	if (!rc && b->status_path) {
		/* beside the measures report: the progress on those measures */
		snprintf(rel, sizeof rel, "reports/%s-progress%d.pdf", b->stems[i], b->round);
		path = path_join(b->dir, rel);
		itakit_progress_options po = progress_options(b);
		/* with the year the measures ran in, which the 12-month round compares */
		itakit_unit_analysis next;
		ao.until_year = b->year + 1;
		rc = path ? itakit_analysis_run_unit(&next, u, &b->s.fw, &ao, NULL)
			  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		if (!rc) {
			rc = itakit_progress_write(NULL, path, &b->s.fw, &next, b->year, &po, NULL);
			itakit_unit_analysis_release(&next);
		}
		free(path);
	}
	itakit_unit_analysis_release(&ua);
	return rc;
}

/* Keeps only the year and the previous year with data: all the comparison
 * needs, so that 8,000 analyses fit in little memory. */
static int trim_years(itakit_unit_analysis *ua, int year)
{
	const itakit_year_analysis *ya = itakit_unit_analysis_year(ua, year);
	const itakit_year_analysis *prev = ya && ya->previous_year
		? itakit_unit_analysis_year(ua, ya->previous_year) : NULL;
	size_t k = (size_t)(ya != NULL) + (prev != NULL);
	itakit_year_analysis *kept = malloc((k ? k : 1) * sizeof *kept);
	if (!kept)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	size_t j = 0;
	if (prev)
		kept[j++] = *prev;
	if (ya)
		kept[j++] = *ya;
	free(ua->years);
	ua->years = kept;
	ua->n_years = k;
	return 0;
}

static int run_compare(batch *b)
{
	size_t n = b->s.ds.n_units;
	itakit_unit_analysis *all = calloc(n ? n : 1, sizeof *all);
	if (!all)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	itakit_analysis_options ao = cli_analysis_options(&b->s);
	int rc = 0;
	size_t done = 0;
	for (; done < n && !rc; done++) {
		rc = itakit_analysis_run_unit(&all[done], &b->s.ds.units[done], &b->s.fw, &ao, NULL);
		if (!rc)
			rc = trim_years(&all[done], b->year);
		else
			break;
	}
	char *path = rc ? NULL : path_join(b->dir, "compare.pdf");
	if (!rc) {
		itakit_compare_options co = ITAKIT_COMPARE_OPTIONS_INIT;
		co.lang = b->s.lang;
		co.digits = b->s.digits;
		co.font = b->font;
		co.threshold = b->s.threshold;
		co.profile = b->profile_path ? &b->inputs.profile : NULL; /* author, date */
		/* bounded memory for the national set; index.csv lists every unit */
		co.max_table_rows = CLI_MAX_TABLE_ROWS;
		co.page_numbers_footer = b->page_footer == 1;
		rc = path ? itakit_compare_write(NULL, path, &b->s.fw, all, n, b->year, &co)
			  : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	itakit_cohort cohort;
	itakit_cohort_init(&cohort);
	if (!rc)
		rc = itakit_cohort_build(&cohort, all, n, b->year, &ao, &b->s.fw);
	for (size_t k = 0; k < sizeof chart_files / sizeof chart_files[0] && !rc; k++) {
		if (!chart_written(b, k))
			continue;
		char rel[64];
		snprintf(rel, sizeof rel, "charts/%s", chart_files[k]);
		char *cp = path_join(b->dir, rel);
		itakit_chart_data d = {&b->s.fw, NULL, NULL, NULL, all, n, &cohort};
		itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
		o.lang = b->s.lang;
		o.digits = b->s.digits;
		o.font = b->font;
		o.threshold = b->s.threshold;
		o.year = b->year;
		rc = cp ? itakit_chart_write(cp, chart_kinds[k], &d, &o) : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		free(cp);
	}
	itakit_cohort_release(&cohort);
	free(path);
	for (size_t i = 0; i < done; i++)
		itakit_unit_analysis_release(&all[i]);
	free(all);
	return rc;
}

static void send_report(int fd, int32_t job, int32_t finished, int32_t rc, const char *message)
{
	job_report r;
	memset(&r, 0, sizeof r);
	r.job = job;
	r.finished = finished;
	r.rc = rc;
	r.pid = (int32_t)getpid();
	if (message)
		snprintf(r.message, sizeof r.message, "%s", message);
	const char *p = (const char *)&r;
	size_t left = sizeof r;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(EXIT_RUNTIME); /* the parent is gone */
		p += w;
		left -= (size_t)w;
	}
}

static void worker_main(batch *b)
{
	signal(SIGINT, on_worker_signal);
	signal(SIGTERM, on_worker_signal);
	signal(SIGHUP, on_worker_signal);
	signal(SIGPIPE, SIG_IGN);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
	if (getppid() != b->parent)
		_exit(EXIT_RUNTIME);
	close(b->job_pipe[1]);
	close(b->report_pipe[0]);
	for (;;) {
		int32_t job;
		ssize_t r = read(b->job_pipe[0], &job, sizeof job);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof job)
			break; /* no more work */
		send_report(b->report_pipe[1], job, 0, 0, NULL);
		itakit_error_clear();
		int rc = job == 0 ? run_compare(b) : run_unit(b, (size_t)job - 1);
		send_report(b->report_pipe[1], job, 1, rc, rc ? itakit_error_last() : NULL);
	}
	_exit(EXIT_OK);
}

/* --------------------------------------------------------------- the pool */

static int spawn_worker(batch *b)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		worker_main(b);
	for (size_t i = 0; i < b->n_workers_max; i++) {
		if (!b->workers[i]) {
			b->workers[i] = pid;
			break;
		}
	}
	b->n_alive++;
	return 0;
}

static const char *job_name(const batch *b, size_t job)
{
	return job == 0 ? "compare.pdf and charts" : b->s.ds.units[job - 1].name;
}

static void progress_clear(batch *b)
{
	if (b->tty && !b->quiet)
		fputs("\r\033[K", stderr);
}

static void progress(batch *b, bool final)
{
	if (b->quiet)
		return;
	size_t total = b->n_queue, done = b->n_finished;
	double t = now_since(&b->t0), rate = t > 0 ? (double)done / t : 0;
	double left = rate > 0 ? (double)(total - done) / rate : 0;
	int lm = (int)(left / 60), ls = (int)fmod(left, 60);
	if (b->tty) {
		char bar[31];
		size_t fill = total ? done * 30 / total : 30;
		for (size_t i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[30] = '\0';
		fprintf(stderr, "\r\033[K[%s] %zu/%zu  %.1f/s  %s %d:%02d", bar, done, total, rate,
			final ? "took" : "left", final ? (int)(t / 60) : lm, final ? (int)fmod(t, 60) : ls);
		if (final)
			fputc('\n', stderr);
		return;
	}
	int decile = total ? (int)(done * 10 / total) : 10;
	if (final || (decile > b->last_decile && done < total)) {
		b->last_decile = decile;
		if (final)
			fprintf(stderr, "itakit batch: %zu/%zu done in %.1f s (%.1f/s)\n", done, total, t, rate);
		else
			fprintf(stderr, "itakit batch: %zu/%zu done (%d%%), %.1f/s, about %d:%02d left\n",
				done, total, decile * 10, rate, lm, ls);
	}
}

static void job_finish(batch *b, size_t job, int rc, const char *message)
{
	job_info *j = &b->job[job];
	if (j->state == JOB_OK || j->state == JOB_FAILED)
		return;
	j->state = rc ? JOB_FAILED : JOB_OK;
	j->rc = rc;
	j->worker = 0;
	if (rc) {
		for (int progress = 0; job > 0 && progress < 2; progress++) {
			/* a report of an earlier run is not this run's */
			char rel[BATCH_STEM_MAX + 32];
			if (progress)
				snprintf(rel, sizeof rel, "reports/%s-progress%d.pdf", b->stems[job - 1], b->round);
			else
				snprintf(rel, sizeof rel, "reports/%s.pdf", b->stems[job - 1]);
			char *p = (!progress || b->status_path) ? path_join(b->dir, rel) : NULL;
			if (p)
				unlink(p);
			free(p);
		}
		free(j->message);
		j->message = strdup(message && *message ? message : "failed");
		progress_clear(b);
		fprintf(stderr, "itakit batch: %s: %s\n", job_name(b, job), j->message ? j->message : "failed");
	}
	b->n_finished++;
	progress(b, false);
}

static void read_reports(batch *b)
{
	for (;;) {
		job_report r;
		ssize_t n = read(b->report_pipe[0], &r, sizeof r);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof r)
			return; /* EAGAIN: nothing more now (records are written whole) */
		if (r.job < 0 || (size_t)r.job >= b->n_jobs)
			continue;
		r.message[sizeof r.message - 1] = '\0';
		if (!r.finished) {
			b->job[r.job].state = JOB_RUNNING;
			b->job[r.job].worker = (pid_t)r.pid;
		} else {
			job_finish(b, (size_t)r.job, r.rc, r.message);
		}
	}
}

/* A worker ended: the job it held (if any) failed with it. */
static void reap(batch *b)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		read_reports(b); /* what it said before dying */
		itakit_atomic_cleanup_pid(pid); /* and what it was writing */
		bool held = false;
		for (size_t i = 0; i < b->n_workers_max; i++)
			if (b->workers[i] == pid)
				b->workers[i] = 0;
		b->n_alive--;
		for (size_t j = 0; j < b->n_jobs; j++) {
			if (b->job[j].state == JOB_RUNNING && b->job[j].worker == pid) {
				char msg[128];
				if (WIFSIGNALED(status))
					snprintf(msg, sizeof msg, "the worker process died of signal %d (%s)%s",
						 WTERMSIG(status), strsignal(WTERMSIG(status)),
						 WTERMSIG(status) == SIGKILL || WTERMSIG(status) == SIGABRT ||
						 WTERMSIG(status) == SIGTRAP || WTERMSIG(status) == SIGSEGV
						 ? ", most likely for lack of memory" : "");
				else
					snprintf(msg, sizeof msg, "the worker process exited with status %d",
						 WEXITSTATUS(status));
				job_finish(b, j, ITAKIT_ERROR, msg);
				held = true;
			}
		}
		if (!held)
			b->idle_deaths++;
		/* replace it while work remains, unless workers die without work */
		if (!interrupted && b->n_finished < b->n_queue && b->idle_deaths < MAX_RESPAWN_IDLE)
			spawn_worker(b);
	}
}

/* Queues as many job numbers as the pipe takes without blocking. */
static void feed(batch *b)
{
	while (b->next_feed < b->n_queue) {
		int32_t job = (int32_t)b->queue[b->next_feed];
		ssize_t w = write(b->job_pipe[1], &job, sizeof job);
		if (w < 0 && errno == EINTR)
			continue;
		if (w != (ssize_t)sizeof job)
			break; /* full: later */
		b->next_feed++;
	}
	if (b->next_feed == b->n_queue && b->job_pipe[1] >= 0) {
		close(b->job_pipe[1]); /* workers see the end once the pipe is drained */
		b->job_pipe[1] = -1;
	}
}

/* Removes the temporary files of workers that died (all are reaped now). */
static void sweep_temporaries(const batch *b)
{
	static const char *const subs[] = {"", "charts", "reports"};
	for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
		char *dir = *subs[k] ? path_join(b->dir, subs[k]) : strdup(b->dir);
		if (dir)
			itakit_atomic_sweep(dir);
		free(dir);
	}
}

static void stop_workers(batch *b)
{
	for (size_t i = 0; i < b->n_workers_max; i++)
		if (b->workers[i])
			kill(b->workers[i], SIGTERM);
	while (b->n_alive > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			break;
		for (size_t i = 0; i < b->n_workers_max; i++)
			if (b->workers[i] == pid)
				b->workers[i] = 0;
		b->n_alive--;
	}
}

static int run_pool(batch *b)
{
	if (pipe(b->job_pipe) != 0 || pipe(b->report_pipe) != 0)
		return cli_fail(EXIT_RUNTIME, "batch", "cannot create pipes: %s", strerror(errno));
	fcntl(b->job_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(b->report_pipe[0], F_SETFL, O_NONBLOCK);
	b->parent = getpid();
	size_t n = (size_t)b->jobs < b->n_queue ? (size_t)b->jobs : b->n_queue;
	b->n_workers_max = n ? n : 1;
	b->workers = calloc(b->n_workers_max, sizeof *b->workers);
	if (!b->workers)
		return cli_fail(EXIT_RUNTIME, "batch", "out of memory");

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_parent_signal; /* no SA_RESTART: poll must wake up */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	b->last_decile = 0;
	for (size_t i = 0; i < n; i++)
		if (spawn_worker(b) != 0)
			break;
	if (!b->n_alive && n)
		return cli_fail(EXIT_RUNTIME, "batch", "cannot start worker processes: %s", strerror(errno));
	feed(b);
	while (b->n_finished < b->n_queue && !interrupted) {
		struct pollfd p[2] = {{b->report_pipe[0], POLLIN, 0}, {b->job_pipe[1], POLLOUT, 0}};
		int np = b->job_pipe[1] >= 0 ? 2 : 1;
		int r = poll(p, (nfds_t)np, 250);
		if (r < 0 && errno != EINTR)
			break;
		read_reports(b);
		reap(b);
		feed(b);
		if (b->tty)
			progress(b, false);
		if (!b->n_alive && b->n_finished < b->n_queue) {
			/* nobody left to do the rest */
			for (size_t j = 0; j < b->n_jobs; j++)
				if (b->job[j].state == JOB_PENDING || b->job[j].state == JOB_RUNNING)
					job_finish(b, j, ITAKIT_ERROR, "not run: the worker processes kept dying");
		}
	}
	if (b->job_pipe[1] >= 0)
		close(b->job_pipe[1]);
	b->job_pipe[1] = -1;
	if (interrupted)
		stop_workers(b);
	else
		while (b->n_alive > 0) {
			int status;
			pid_t pid = waitpid(-1, &status, 0);
			if (pid < 0 && errno != EINTR)
				break;
			if (pid > 0)
				b->n_alive--;
		}
	read_reports(b);
	close(b->job_pipe[0]);
	close(b->report_pipe[0]);
	close(b->report_pipe[1]);
	return EXIT_OK;
}

/* -------------------------------------------------------------- the index */

static const char *status_name(job_state s)
{
	switch (s) {
	case JOB_OK: return "ok";
	case JOB_FAILED: return "failed";
	case JOB_SKIPPED: return "skipped";
	default: return "not_run";
	}
}

/* A text cell that a spreadsheet shows as text: control characters become
 * spaces, and a leading =, +, - or @ (a formula to Excel, LibreOffice and
 * Google Sheets) gets an apostrophe in front, which they do not show. */
static void append_cell(itakit_strbuf *o, const char *text)
{
	char *t = strdup(text ? text : "");
	if (!t) {
		itakit_strbuf_append_csv(o, ""); /* the buffer's own error is checked */
		return;
	}
	for (unsigned char *p = (unsigned char *)t; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			*p = ' ';
	if (strchr("=+-@", t[0]) && t[0]) {
		size_t n = strlen(t);
		char *q = malloc(n + 2);
		if (q) {
			q[0] = '\'';
			memcpy(q + 1, t, n + 1);
		}
		free(t);
		t = q;
	}
	itakit_strbuf_append_csv(o, t ? t : "");
	free(t);
}

static void index_csv(const batch *b, itakit_strbuf *o)
{
	if (!b->no_bom) /* for Excel: see cli_output_bom */
		itakit_strbuf_append(o, "\xEF\xBB\xBF");
	itakit_strbuf_append(o, "no,unit,code,group,year,overall,level,pass,flagged,file,progress,status,reason\n");
	for (size_t i = 0; i < b->n_units; i++) {
		const itakit_unit *u = &b->s.ds.units[i];
		const unit_facts *f = &b->facts[i];
		const job_info *j = &b->job[i + 1];
		itakit_strbuf_appendf(o, "%zu,", i + 1);
		append_cell(o, u->name);
		itakit_strbuf_append(o, ",");
		append_cell(o, u->code);
		itakit_strbuf_append(o, ",");
		append_cell(o, u->group);
		itakit_strbuf_appendf(o, ",%d,", b->year);
		if (f->overall_known)
			itakit_strbuf_appendf(o, "%.2f", f->overall);
		itakit_strbuf_append(o, ",");
		append_cell(o, f->level);
		itakit_strbuf_appendf(o, ",%s,", f->overall_known ? (f->pass ? "1" : "0") : "");
		if (f->has_indicators)
			itakit_strbuf_appendf(o, "%zu", f->flagged);
		itakit_strbuf_appendf(o, ",%s%s%s,", j->state == JOB_OK ? "reports/" : "",
				      j->state == JOB_OK ? b->stems[i] : "", j->state == JOB_OK ? ".pdf" : "");
		if (j->state == JOB_OK && b->status_path)
			itakit_strbuf_appendf(o, "reports/%s-progress%d.pdf", b->stems[i], b->round);
		itakit_strbuf_appendf(o, ",%s,", status_name(j->state));
		append_cell(o, j->message);
		itakit_strbuf_append(o, "\n");
	}
	/* the comparison and its charts, as index.json's "compare" says */
	const job_info *cj = &b->job[0];
	itakit_strbuf_appendf(o, ",,,,%d,,,,,%s,,%s,", b->year, cj->state == JOB_OK ? "compare.pdf" : "",
			      status_name(cj->state));
	append_cell(o, cj->message);
	itakit_strbuf_append(o, "\n");
}


static void json_str_or_null(itakit_strbuf *o, const char *s)
{
	if (s)
		itakit_strbuf_append_json(o, s);
	else
		itakit_strbuf_append(o, "null");
}

static void index_json(const batch *b, itakit_strbuf *o)
{
	const job_info *cj = &b->job[0];
	size_t ok = 0, failed = 0, skipped = 0;
	for (size_t i = 0; i < b->n_units; i++) {
		job_state s = b->job[i + 1].state;
		ok += s == JOB_OK;
		failed += s == JOB_FAILED || s == JOB_PENDING || s == JOB_RUNNING;
		skipped += s == JOB_SKIPPED;
	}
	itakit_strbuf_appendf(o, "{\"year\": %d, \"units\": %zu, \"written\": %zu, \"failed\": %zu, \"skipped\": %zu,\n",
			      b->year, b->n_units, ok, failed, skipped);
	itakit_strbuf_appendf(o, " \"compare\": {\"file\": %s, \"status\": \"%s\", \"reason\": ",
			      cj->state == JOB_OK ? "\"compare.pdf\"" : "null", status_name(cj->state));
	json_str_or_null(o, cj->message);
	itakit_strbuf_append(o, ", \"charts\": [");
	size_t k_out = 0;
	for (size_t k = 0; k < sizeof chart_files / sizeof chart_files[0]; k++) {
		if (cj->state != JOB_OK || !chart_written(b, k))
			continue;
		itakit_strbuf_appendf(o, "%s\"charts/%s\"", k_out++ ? ", " : "", chart_files[k]);
	}
	itakit_strbuf_append(o, "]},\n \"index\": [");
	for (size_t i = 0; i < b->n_units; i++) {
		const itakit_unit *u = &b->s.ds.units[i];
		const unit_facts *f = &b->facts[i];
		const job_info *j = &b->job[i + 1];
		itakit_strbuf_appendf(o, "%s\n  {\"no\": %zu, \"unit\": ", i ? "," : "", i + 1);
		itakit_strbuf_append_json(o, u->name);
		itakit_strbuf_append(o, ", \"code\": ");
		json_str_or_null(o, u->code);
		itakit_strbuf_append(o, ", \"group\": ");
		json_str_or_null(o, u->group);
		if (f->overall_known)
			itakit_strbuf_appendf(o, ", \"overall\": %.2f, \"pass\": %s", f->overall, f->pass ? "true" : "false");
		else
			itakit_strbuf_append(o, ", \"overall\": null, \"pass\": null");
		itakit_strbuf_append(o, ", \"level\": ");
		json_str_or_null(o, f->level && *f->level ? f->level : NULL);
		if (f->has_indicators)
			itakit_strbuf_appendf(o, ", \"flagged\": %zu", f->flagged);
		else
			itakit_strbuf_append(o, ", \"flagged\": null");
		if (j->state == JOB_OK)
			itakit_strbuf_appendf(o, ", \"file\": \"reports/%s.pdf\"", b->stems[i]);
		else
			itakit_strbuf_append(o, ", \"file\": null");
		/* with --status, the progress report written beside the report */
		if (j->state == JOB_OK && b->status_path)
			itakit_strbuf_appendf(o, ", \"progress\": \"reports/%s-progress%d.pdf\"", b->stems[i], b->round);
		else
			itakit_strbuf_append(o, ", \"progress\": null");
		itakit_strbuf_appendf(o, ", \"status\": \"%s\", \"reason\": ", status_name(j->state));
		json_str_or_null(o, j->message);
		itakit_strbuf_append(o, "}");
	}
	itakit_strbuf_append(o, "\n]}\n");
}

static int write_index_xlsx(const batch *b, const char *csv, size_t len)
{
	char *px = path_join(b->dir, "index.xlsx");
	int rc = px ? itakit_export_xlsx_csv(px, "index", csv, len, "no,year,overall,pass,flagged")
		    : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	free(px);
	return rc;
}

static int write_index(const batch *b)
{
	itakit_strbuf csv = ITAKIT_STRBUF_INIT, json = ITAKIT_STRBUF_INIT;
	index_csv(b, &csv);
	index_json(b, &json);
	int rc = EXIT_OK;
	char *pc = path_join(b->dir, "index.csv"), *pj = path_join(b->dir, "index.json");
	if (!itakit_strbuf_ok(&csv) || !itakit_strbuf_ok(&json) || !pc || !pj)
		rc = cli_fail(EXIT_RUNTIME, "batch", "out of memory");
	else if (itakit_atomic_write(pc, csv.data, csv.len) != 0 || itakit_atomic_write(pj, json.data, json.len) != 0)
		rc = cli_fail(EXIT_RUNTIME, "batch", "%s", itakit_error_last());
	else if (write_index_xlsx(b, csv.data, csv.len) != 0) /* the same table, for Excel */
		rc = cli_fail(EXIT_RUNTIME, "batch", "%s", itakit_error_last());
	free(pc);
	free(pj);
	itakit_strbuf_release(&csv);
	itakit_strbuf_release(&json);
	return rc;
}

/* ------------------------------------------------------------ preparation */

/* After every unit's rows were checked against its plan: a row naming no
 * unit of the data is an error too, and an early date of the progress
 * reports a warning; then all problems are printed and any error stops the
 * run before anything is written. */
static int check_status_units(batch *b)
{
	/* the progress reports' date, the same for every unit: warned about once */
	itakit_progress_options po = progress_options(b);
	itakit_profile_date date;
	if (itakit_progress_date(&date, b->year, &po, &b->s.diags))
		return cli_fail(EXIT_RUNTIME, "batch", "out of memory");
	for (size_t r = 0; r < b->status.count; r++) {
		const itakit_status_row *row = &b->status.rows[r];
		bool found = false;
		for (size_t i = 0; i < b->n_units && !found; i++)
			found = itakit_status_row_is_for(row, b->s.ds.units[i].name, b->s.ds.units[i].code);
		if (!found && itakit_diag_add_at(&b->s.diags, ITAKIT_DIAG_ERROR, b->status.source, b->status.sheet,
						 row->line, row->unit_column ? row->unit_column : 1,
					      "unit '%s' is not in the data", row->unit ? row->unit : "") < 0)
			return cli_fail(EXIT_RUNTIME, "batch", "out of memory");
	}
	cli_print_diags(&b->s.diags);
	size_t errors = b->s.diags.errors;
	itakit_diag_list_release(&b->s.diags);
	itakit_diag_list_init(&b->s.diags);
	if (errors)
		return cli_fail(EXIT_BAD_INPUT, "batch", "%s: %zu error%s; nothing written", b->status_path, errors,
				errors > 1 ? "s" : "");
	return EXIT_OK;
}

/* The parent's look at every unit, one at a time: what the index says and
 * whether there is a report to write. */
static int gather_facts(batch *b)
{
	itakit_analysis_options ao = cli_analysis_options(&b->s);
	for (size_t i = 0; i < b->n_units; i++) {
		unit_facts *f = &b->facts[i];
		itakit_unit_analysis ua;
		if (itakit_analysis_run_unit(&ua, &b->s.ds.units[i], &b->s.fw, &ao, NULL) != 0)
			return cli_fail(EXIT_RUNTIME, "batch", "%s", itakit_error_last());
		const itakit_year_analysis *ya = itakit_unit_analysis_year(&ua, b->year);
		f->has_year = ya != NULL;
		if (ya && ya->overall.known) {
			f->overall_known = true;
			f->overall = itakit_round(ya->overall.value, 2);
			f->pass = ya->pass;
			f->level = itakit_level_name(ya, b->s.lang == ITAKIT_LANG_EN);
			b->n_charts_units++;
		}
		f->has_indicators = ya && ya->n_indicators_known > 0;
		f->flagged = ya ? ya->n_flagged : 0;
		if (ya && b->status_path) {
			itakit_progress_options po = progress_options(b);
			int rc = itakit_progress_check(&b->s.fw, &ua, b->year, &po, &b->s.diags);
			if (rc && rc != ITAKIT_EINPUT) {
				itakit_unit_analysis_release(&ua);
				return cli_fail(cli_exit_for(rc), "batch", "%s", itakit_error_last());
			}
		}
		itakit_unit_analysis_release(&ua);
	}
	return b->status_path ? check_status_units(b) : EXIT_OK;
}

static int prepare(batch *b)
{
	b->n_units = b->s.ds.n_units;
	b->n_jobs = b->n_units + 1;
	b->facts = calloc(b->n_units ? b->n_units : 1, sizeof *b->facts);
	b->job = calloc(b->n_jobs, sizeof *b->job);
	b->queue = calloc(b->n_jobs, sizeof *b->queue);
	b->stems = batch_file_stems(b->s.ds.units, b->n_units);
	if (!b->facts || !b->job || !b->queue || !b->stems)
		return cli_fail(EXIT_RUNTIME, "batch", "out of memory");
	for (size_t i = 0; !b->s.year && i < b->n_units; i++) {
		const itakit_unit *u = &b->s.ds.units[i];
		if (u->n_years && u->years[u->n_years - 1].year > b->year)
			b->year = u->years[u->n_years - 1].year; /* default: the latest year */
	}
	int rc = gather_facts(b);
	if (rc)
		return rc;
	/* the comparison first: it is the longest job */
	b->queue[b->n_queue++] = 0;
	for (size_t i = 0; i < b->n_units; i++) {
		if (b->facts[i].has_year) {
			b->queue[b->n_queue++] = i + 1;
		} else {
			char y[16];
			job_info *j = &b->job[i + 1];
			j->state = JOB_SKIPPED;
			snprintf(y, sizeof y, "%d", b->year);
			size_t len = strlen(y) + 64;
			j->message = malloc(len);
			if (j->message)
				snprintf(j->message, len, "no data for fiscal year %s", y);
		}
	}
	/* one date for every PDF of the run, whatever the worker */
	if (!getenv("SOURCE_DATE_EPOCH")) {
		char t[32];
		snprintf(t, sizeof t, "%lld", (long long)time(NULL));
		setenv("SOURCE_DATE_EPOCH", t, 1);
	}
	return EXIT_OK;
}

static void batch_release(batch *b)
{
	for (size_t j = 0; b->job && j < b->n_jobs; j++)
		free(b->job[j].message);
	free(b->job);
	free(b->facts);
	free(b->queue);
	free(b->workers);
	batch_file_stems_free(b->stems, b->n_units);
	itakit_report_inputs_release(&b->inputs);
	itakit_status_release(&b->status);
	cli_session_release(&b->s);
}

static int parse_jobs(batch *b, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || v < 1 || v > 1024)
		return cli_fail(EXIT_BAD_INPUT, "batch", "-j: expected a number of processes from 1 to 1024, got \"%s\"", arg);
	b->jobs = v;
	return EXIT_OK;
}

static int load_extras(batch *b)
{
	itakit_report_input_options io = cli_report_input_options(&b->s, b->lang_set, b->profile_path,
								  b->measures_path);
	io.year = b->year;
	itakit_analysis_options ao = cli_analysis_options(&b->s);
	int rc = itakit_report_inputs_load(&b->inputs, &io, &b->s.fw, &ao, &b->s.diags);
	cli_tell_sheet(&b->s, b->measures_path, b->inputs.measures.sheet, "measures catalog");
	cli_print_diags(&b->s.diags);
	size_t errors = b->s.diags.errors;
	itakit_diag_list_release(&b->s.diags);
	itakit_diag_list_init(&b->s.diags);
	if (rc)
		return cli_fail(cli_exit_for(rc), "batch", "%s", errors ? "errors in the report inputs" : itakit_error_last());
	/* the comparison, the charts and the index follow the reports' language */
	b->s.lang = b->inputs.lang;
	b->s.digits = b->inputs.digits;
	if (b->status_path && !b->round)
		return cli_fail(EXIT_BAD_INPUT, "batch", "--status needs --round 6 or --round 12");
	if (b->round && !b->status_path)
		return cli_fail(EXIT_BAD_INPUT, "batch", "--round needs --status FILE");
	if (b->status_path) {
		rc = itakit_status_load_sheet(&b->status, b->status_path, b->s.status_sheet, &b->s.diags);
		cli_tell_sheet(&b->s, b->status_path, b->status.sheet, "status");
		cli_print_diags(&b->s.diags);
		errors = b->s.diags.errors;
		itakit_diag_list_release(&b->s.diags); /* printed */
		itakit_diag_list_init(&b->s.diags);
		if (rc)
			return cli_fail(cli_exit_for(rc), "batch", "%s", errors ? "status file has errors; nothing written"
									 : itakit_error_last());
	}
	return EXIT_OK;
}

/* No file batch writes may be one it reads (the scores, the measures, the
 * profile, its logo), by whatever name: refused before any work. */
static int check_outputs(const batch *b)
{
	static const char *const top[] = {"index.csv", "index.json", "index.xlsx", "compare.pdf", LOCK_NAME};
	char rel[BATCH_STEM_MAX + 32];
	for (size_t k = 0; k < sizeof top / sizeof top[0] + sizeof chart_files / sizeof chart_files[0] + b->n_units; k++) {
		size_t nt = sizeof top / sizeof top[0], nc = sizeof chart_files / sizeof chart_files[0];
		if (k < nt)
			snprintf(rel, sizeof rel, "%s", top[k]);
		else if (k < nt + nc)
			snprintf(rel, sizeof rel, "charts/%s", chart_files[k - nt]);
		else
			snprintf(rel, sizeof rel, "reports/%s.pdf", b->stems[k - nt - nc]);
		for (int progress = 0; progress < 1 + (k >= nt + nc && b->status_path); progress++) {
			if (progress)
				snprintf(rel, sizeof rel, "reports/%s-progress%d.pdf", b->stems[k - nt - nc], b->round);
			char *p = path_join(b->dir, rel);
			bool input = p && itakit_file_is_input(p);
			if (input)
				cli_fail(EXIT_BAD_INPUT, "batch", "%s is one of the input files: batch would replace it; "
					 "write into another directory (-d)", p);
			free(p);
			if (input)
				return EXIT_BAD_INPUT;
		}
	}
	return EXIT_OK;
}

/* One batch at a time per directory: DIR/.itakit-batch.lock holds the
 * owner's pid under an flock(), which the system releases when the owner
 * ends however it ends; a lock file left by a run that is gone is taken
 * over. */
static int take_lock(batch *b)
{
	char *path = path_join(b->dir, LOCK_NAME);
	if (!path)
		return cli_fail(EXIT_RUNTIME, "batch", "out of memory");
	for (int attempt = 0; attempt < 5; attempt++) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			int err = errno;
			free(path);
			return cli_fail(EXIT_RUNTIME, "batch", "%s/%s: cannot create the lock file: %s", b->dir, LOCK_NAME, strerror(err));
		}
		char held[32] = "";
		ssize_t n = pread(fd, held, sizeof held - 1, 0);
		held[n > 0 ? n : 0] = '\0';
		long owner = strtol(held, NULL, 10);
		bool busy;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			busy = false;
		else if (errno == EWOULDBLOCK)
			busy = true;
		else /* no flock here (some network file systems): is the pid alive? */
			busy = owner > 0 && owner != (long)getpid() && (kill((pid_t)owner, 0) == 0 || errno == EPERM);
		if (busy) {
			close(fd);
			free(path);
			return cli_fail(EXIT_RUNTIME, "batch", "%s is in use by another batch (process %ld, see %s/%s); "
					"wait for it to end, or write into another directory", b->dir, owner, b->dir, LOCK_NAME);
		}
		/* the file may have been removed by its owner between open and
		 * flock: then lock the new one */
		struct stat a, c;
		if (fstat(fd, &a) == 0 && stat(path, &c) == 0 && a.st_dev == c.st_dev && a.st_ino == c.st_ino) {
			char pid[32];
			int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
			if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
				int err = errno;
				close(fd);
				free(path);
				return cli_fail(EXIT_RUNTIME, "batch", "%s/%s: cannot write the lock file: %s", b->dir, LOCK_NAME, strerror(err));
			}
			b->lock_fd = fd;
			b->lock_path = path;
			return EXIT_OK;
		}
		close(fd);
	}
	free(path);
	return cli_fail(EXIT_RUNTIME, "batch", "%s/%s: cannot take the lock", b->dir, LOCK_NAME);
}

static void release_lock(batch *b)
{
	if (b->lock_path) {
		unlink(b->lock_path);
		close(b->lock_fd);
		free(b->lock_path);
		b->lock_path = NULL;
	}
}

/* The index of an earlier run goes before any report is replaced: a run
 * that is interrupted leaves no index, never one that lists reports of
 * another run or reports that are not there. The new one is written last. */
static int drop_old_index(const batch *b)
{
	static const char *const names[] = {"index.csv", "index.json", "index.xlsx"};
	for (size_t k = 0; k < 3; k++) {
		char *p = path_join(b->dir, names[k]);
		int err = p && unlink(p) != 0 && errno != ENOENT ? errno : 0;
		free(p);
		if (err)
			return cli_fail(EXIT_RUNTIME, "batch", "%s/%s: cannot remove the old index: %s", b->dir, names[k], strerror(err));
	}
	return EXIT_OK;
}

enum { OPT_STATUS = 2100, OPT_ROUND };

static int batch_option(int opt, const char *arg, void *ctx)
{
	batch *b = ctx;
	switch (opt) {
	case 'd': b->dir = arg; return 1;
	case 'j': return parse_jobs(b, arg) ? -1 : 1;
	case OPT_MEASURES: b->measures_path = arg; return 1;
	case OPT_PROFILE: b->profile_path = arg; return 1;
	case OPT_FONT: b->font = arg; return 1;
	case OPT_QUIET: b->quiet = true; return 1;
	case OPT_STATUS: b->status_path = arg; return 1;
	case OPT_ROUND:
		b->round = cli_parse_round(arg, "batch");
		return b->round ? 1 : -1;
	case OPT_NO_BOM: b->no_bom = true; return 1;
	case OPT_PAGE_NUMBERS: return (b->page_footer = cli_parse_page_numbers(arg, "batch")) < 0 ? -1 : 1;
	case OPT_LANG: b->lang_set = true; return 0; /* noted; the shared handler sets it */
	default: return 0;
	}
}

int cmd_batch(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		CLI_TEXT_LONG_OPTIONS,
		CLI_TARGET_LONG_OPTION,
		{"year", required_argument, NULL, OPT_YEAR},
		{"dir", required_argument, NULL, 'd'},
		{"jobs", required_argument, NULL, 'j'},
		{"measures", required_argument, NULL, OPT_MEASURES},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"font", required_argument, NULL, OPT_FONT},
		{"quiet", no_argument, NULL, OPT_QUIET},
		{"status", required_argument, NULL, OPT_STATUS},
		{"round", required_argument, NULL, OPT_ROUND},
		{"no-bom", no_argument, NULL, OPT_NO_BOM},
		{"page-numbers", required_argument, NULL, OPT_PAGE_NUMBERS},
		CLI_MEASURES_SHEET_LONG_OPTION,
		CLI_STATUS_SHEET_LONG_OPTION,
		{NULL, 0, NULL, 0}};
	batch b;
	memset(&b, 0, sizeof b);
	cli_session_init(&b.s);
	itakit_report_inputs_init(&b.inputs);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	b.jobs = cores > 0 ? cores : 1;
	b.page_footer = -1;
	int rc = cli_parse_options(&b.s, argc, argv, "batch", "d:j:", longopts, usage, batch_option, &b);
	if (rc == CLI_HELP_SHOWN) {
		batch_release(&b);
		return EXIT_OK;
	}
	if (rc == EXIT_OK && !b.dir)
		rc = cli_fail(EXIT_BAD_INPUT, "batch", "no output directory; give -d DIR");
	if (rc == EXIT_OK)
		rc = cli_take_files(&b.s, argc, argv, "batch");
	if (rc == EXIT_OK)
		rc = cli_check_sheet_options(&b.s, b.measures_path, b.status_path);
	if (rc == EXIT_OK)
		rc = cli_load(&b.s);
	b.year = b.s.year;
	if (rc == EXIT_OK)
		rc = load_extras(&b);
	if (rc == EXIT_OK && b.page_footer == 0 && b.s.lang == ITAKIT_LANG_EN)
		rc = cli_fail(EXIT_BAD_INPUT, "batch",
			      "--page-numbers top: the English edition numbers its pages in the footer only");
	if (rc == EXIT_OK && b.s.ds.n_units == 0)
		rc = cli_fail(EXIT_BAD_INPUT, "batch", "no unit in the input");
	if (rc == EXIT_OK && b.year)
		rc = cli_require_year(&b.s);
	if (rc == EXIT_OK)
		rc = prepare(&b);
	if (rc == EXIT_OK && b.n_charts_units == 0)
		rc = cli_fail(EXIT_BAD_INPUT, "batch", "no unit has an overall score for fiscal year %d", b.year);
	if (rc == EXIT_OK)
		rc = check_outputs(&b);
	if (rc == EXIT_OK && itakit_mkdir_p(b.dir) != 0)
		rc = cli_fail(EXIT_RUNTIME, "batch", "%s: cannot create directory: %s", b.dir, strerror(errno));
	if (rc == EXIT_OK)
		rc = take_lock(&b);
	if (rc == EXIT_OK)
		rc = drop_old_index(&b);
	if (rc != EXIT_OK) {
		batch_release(&b);
		return rc;
	}
	b.tty = isatty(STDERR_FILENO);
	rc = run_pool(&b);
	int sig = interrupted;
	sweep_temporaries(&b);
	if (sig) {
		progress_clear(&b);
		fprintf(stderr, "itakit batch: interrupted; %zu of %zu files written, no partial file left\n",
			b.n_finished, b.n_queue);
		release_lock(&b);
		batch_release(&b);
		signal(sig, SIG_DFL);
		raise(sig);
		return EXIT_RUNTIME;
	}
	if (rc == EXIT_OK)
		progress(&b, true);
	if (rc == EXIT_OK)
		rc = write_index(&b);
	if (rc == EXIT_OK) {
		int worst = EXIT_OK;
		size_t failed = 0;
		for (size_t j = 0; j < b.n_jobs; j++) {
			if (b.job[j].state != JOB_FAILED)
				continue;
			failed++;
			/* batch names every output itself: only bad data is the user's
			 * input; a path it cannot write is a runtime failure */
			int e = b.job[j].rc == ITAKIT_EINPUT ? EXIT_BAD_INPUT : EXIT_RUNTIME;
			worst = e == EXIT_BAD_INPUT || worst == EXIT_BAD_INPUT ? EXIT_BAD_INPUT : EXIT_RUNTIME;
		}
		if (failed)
			fprintf(stderr, "itakit batch: %zu of %zu files failed; see %s/index.csv\n", failed, b.n_queue, b.dir);
		rc = worst;
	}
	release_lock(&b);
	batch_release(&b);
	return rc;
}
