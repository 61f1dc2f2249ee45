/* itakit: the command line over libitakit. Thin: dispatch only. */
#include "cli.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: itakit COMMAND [OPTIONS] FILE...\n"
	"\n"
	"Turns ITA (Integrity and Transparency Assessment) scores into analyses,\n"
	"Thai-language charts and PDF reports.\n"
	"\n"
	"commands:\n"
	"  analyze   the analysis as Thai or English text, JSON or CSV (also: analyse)\n"
	"  batch     every unit's report, the comparison, charts and an index, in parallel\n"
	"  check     validate any input: scores, measures, status, profile, framework\n"
	"  chart     one chart (PNG, SVG or PDF) of the scores\n"
	"  compare   the comparison report of many units for one year (PDF)\n"
	"  progress  the progress report on one unit's measures (6 or 12 months) as a PDF\n"
	"  report    the improvement-measure report of one unit as a PDF\n"
	"\n"
	"A FILE given as - is standard input. Run `itakit COMMAND --help` for a command's\n"
	"options; `itakit --version`.\n"
	"Exit status: 0 success, 1 runtime failure, 2 bad input or usage.\n";

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
	bool dated;     /* writes dated files: SOURCE_DATE_EPOCH is checked first */
	bool isolated;  /* renders in a child process (see cli_run_isolated) */
} command;

static const command commands[] = {
	{"analyze", cmd_analyze, false, false},
	{"analyse", cmd_analyze, false, false}, /* British spelling */
	{"batch", cmd_batch, true, false},      /* has its own worker processes */
	{"check", cmd_check, false, false},
	{"chart", cmd_chart, true, true},
	{"compare", cmd_compare, true, true},
	{"progress", cmd_progress, true, true},
	{"report", cmd_report, true, true},
};

/* Ctrl-C or a kill: remove the temporary files of writes in flight so that
 * nothing half-written is left, then exit as killed by the signal. */
static void on_signal(int sig)
{
	itakit_atomic_cleanup_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

int main(int argc, char **argv)
{
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	/* the other signals that end a process by default (a CPU time limit,
	 * a timer, a user's signal) leave nothing behind either */
	signal(SIGXCPU, on_signal);
	signal(SIGALRM, on_signal);
	signal(SIGVTALRM, on_signal);
	signal(SIGPROF, on_signal);
	signal(SIGUSR1, on_signal);
	signal(SIGUSR2, on_signal);
	/* Past a file size limit (ulimit -f), a write fails with EFBIG and is
	 * reported like a full disk, instead of the default SIGXFSZ killing the
	 * process and leaving the temporary file behind. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_BAD_INPUT : EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("itakit %s\n", itakit_version());
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		if (commands[i].dated && cli_check_environment(commands[i].name) != EXIT_OK)
			return EXIT_BAD_INPUT;
		cli_guard_init();
		if (commands[i].isolated)
			return cli_run_isolated(commands[i].run, argc - 1, argv + 1, commands[i].name);
		return cli_finish_stdout(commands[i].run(argc - 1, argv + 1), commands[i].name);
	}
	enum { N = sizeof commands / sizeof commands[0] };
	const char *names[N];
	for (size_t i = 0; i < N; i++)
		names[i] = commands[i].name;
	size_t best[2];
	size_t found = argv[1][0] == '-' ? 0 : cli_suggest(best, 1, argv[1], names, N);
	fprintf(stderr, "itakit: unknown %s \"%s\"", argv[1][0] == '-' ? "option" : "command", argv[1]);
	cli_print_suggestions(best, found, names, "");
	fprintf(stderr, "\n\n%s", usage);
	return EXIT_BAD_INPUT;
}
