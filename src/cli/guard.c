/* What protects a run as a whole: inputs no output may replace, the
 * environment checked before any work, rendering in a child process so that
 * a library that aborts (out of memory in GLib, pango, cairo or fontconfig)
 * ends the command with a message and no file left behind, and write errors
 * on standard output. */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

void cli_guard_init(void)
{
	/* the registry of temporary files is shared with the processes forked
	 * later, so that a parent can remove what a dead child left */
	itakit_atomic_share_registry();
	itakit_file_protect_inputs(true);
}

int cli_check_environment(const char *cmd)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (!sde || !*sde)
		return EXIT_OK;
	char *end;
	errno = 0;
	long long v = strtoll(sde, &end, 10);
	if (errno || *end || v < 0 || v > 253402300799LL || sde[0] == '+' || sde[0] == ' ')
		return cli_fail(EXIT_BAD_INPUT, cmd, "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds since "
				"1970-01-01 (0 to 253402300799); set it to one, or unset it to date the files now", sde);
	return EXIT_OK;
}

int cli_finish_stdout(int rc, const char *cmd)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno;
		cli_fail(EXIT_RUNTIME, cmd, "cannot write to standard output: %s", strerror(err ? err : EIO));
		return rc == EXIT_OK ? EXIT_RUNTIME : rc;
	}
	return rc;
}

static volatile sig_atomic_t child;

static void forward(int sig)
{
	if (child > 0)
		kill((pid_t)child, sig);
}

int cli_run_isolated(int (*run)(int, char **), int argc, char **argv, const char *cmd)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) /* no process to spare: do the work here */
		return cli_finish_stdout(run(argc, argv), cmd);
	if (pid == 0) {
#ifdef __linux__
		prctl(PR_SET_PDEATHSIG, SIGTERM); /* the parent killed: stop and clean up */
#endif
		exit(cli_finish_stdout(run(argc, argv), cmd));
	}
	child = pid;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = forward;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return cli_fail(EXIT_RUNTIME, cmd, "lost the rendering process: %s", strerror(errno));
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	int sig = WTERMSIG(status);
	itakit_atomic_cleanup_pid(pid);
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return cli_fail(EXIT_RUNTIME, cmd, "the rendering stopped with signal %d (%s), most likely for lack of "
			"memory: the text and graphics libraries end the process instead of reporting it; "
			"raise the memory limit (ulimit -v) or free memory and run again; nothing was written",
			sig, strsignal(sig));
}
