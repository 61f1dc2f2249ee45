/* Shared by the subcommands: common options, loading, exit codes. Argument
 * parsing and exit codes live in src/cli only; the library never exits. */
#ifndef ITAKIT_CLI_H
#define ITAKIT_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include "itakit/itakit.h"
#include "itakit/export.h"
#include "itakit/narrative.h"
#include "itakit/report.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_BAD_INPUT = 2 };

/* The comparison's ranking table lists at most this many units, the best
 * and the weakest halves (compare and batch alike): thousands of rows are
 * for index.csv, and their layout would cost hundreds of MB. */
#define CLI_MAX_TABLE_ROWS 1000

/* Long-option ids for the options every subcommand shares. */
enum {
	OPT_FRAMEWORK = 1000, OPT_THRESHOLD, OPT_TARGET, OPT_LANG, OPT_DIGITS, OPT_UNIT,
	OPT_UNITS, OPT_YEAR, OPT_FORMAT, OPT_FONT, OPT_WIDTH, OPT_HEIGHT, OPT_DPI,
	OPT_MEASURES, OPT_PROFILE, OPT_GROUP, OPT_QUIET, OPT_HELP, OPT_NATIONAL,
	OPT_JOBS, OPT_DIR, OPT_IDENTITY, OPT_MAX_PROBLEMS,
	OPT_NO_BOM, OPT_SHEET, OPT_MEASURES_SHEET, OPT_STATUS_SHEET, OPT_VERBOSE,
	OPT_PAGE_NUMBERS,
	OPT_OUTPUT = 'o'
};

typedef struct {
	const char *framework_path;
	double threshold;          /* < 0: framework's */
	double target;             /* < 0: threshold */
	itakit_lang lang;
	itakit_digits digits;
	bool digits_set;
	const char *unit;          /* --unit */
	const char *units;         /* --units a,b,c */
	const char *group;         /* --group */
	int year;                  /* BE; 0 = not given */
	bool year_only;            /* analyses keep --year and its previous year only
				      (the comparison: bounded memory) */
	const char *output;        /* -o */
	const char *sheet;         /* --sheet: the worksheet of .xlsx score files */
	const char *measures_sheet; /* --measures-sheet: of a workbook catalog */
	const char *status_sheet;  /* --status-sheet: of a workbook status file */
	bool verbose;              /* --verbose: say which sheet each workbook gave */
	itakit_identity identity;  /* --identity */
	const char *cmd;           /* the subcommand, for messages (set by cli_take_files) */
	const char **files;
	size_t n_files;

	itakit_framework fw;
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_unit_analysis *analyses; /* selected units, analysed */
	size_t n_analyses;
} cli_session;

void cli_session_init(cli_session *s);
void cli_session_release(cli_session *s);

/* Handles a shared option; returns 1 if handled, 0 if not, -1 on a bad value
 * (message printed). */
int cli_common_option(cli_session *s, int opt, const char *arg, const char *cmd);

/* A command's own option: returns 1 when handled, 0 when not its own, -1
 * for a bad value (message printed). */
typedef int (*cli_own_option)(int opt, const char *arg, void *ctx);

/* Returned by cli_parse_options after printing --help: the command ends
 * with EXIT_OK. */
#define CLI_HELP_SHOWN (-100)

/* Runs getopt_long over argv: the command's own options go to own (may be
 * NULL), the shared ones to cli_common_option, --help prints usage. Returns
 * EXIT_OK, CLI_HELP_SHOWN or EXIT_BAD_INPUT (message printed). */
int cli_parse_options(cli_session *s, int argc, char **argv, const char *cmd,
		      const char *shortopts, const struct option *longopts, const char *usage,
		      cli_own_option own, void *ctx);

/* Collects the positional arguments (input files) after getopt. */
int cli_take_files(cli_session *s, int argc, char **argv, const char *cmd);

/* "-" among the input files is standard input, named so in messages. */
#define CLI_STDIN_NAME "(standard input)"

/* Reads standard input whole into a malloc'd NUL-terminated buffer; returns
 * an exit code (message printed). */
int cli_read_stdin(char **buf, size_t *len, const char *cmd);

/* The path of a bundled data file (framework.ini, measures.csv) when the
 * binary runs installed, with share/itakit beside its bin directory; NULL
 * otherwise (the library then reads the source tree's data/ or its
 * compiled-in copy). The path is kept for the whole process. */
const char *cli_data_file(const char *name);

/* --measures-sheet and --status-sheet name a sheet of the file of
 * --measures and --status: without that file they are a usage error
 * (message printed). Returns an exit code. */
int cli_check_sheet_options(const cli_session *s, const char *measures_path, const char *status_path);

/* With --verbose, prints on stderr that file's `what` was read from sheet
 * (nothing for a text file: sheet NULL). */
void cli_tell_sheet(const cli_session *s, const char *file, const char *sheet, const char *what);

/* The long options of the sheets of a catalog and a status file. */
#define CLI_MEASURES_SHEET_LONG_OPTION {"measures-sheet", required_argument, NULL, OPT_MEASURES_SHEET}
#define CLI_STATUS_SHEET_LONG_OPTION {"status-sheet", required_argument, NULL, OPT_STATUS_SHEET}

/* Loads framework and data, prints diagnostics; returns an exit code. */
int cli_load(cli_session *s);

/* Analyses the selected units (--unit, --units, --group, or all); checks
 * that --year exists where one unit is asked for. Returns an exit code. */
int cli_analyze(cli_session *s);

/* With --year: EXIT_OK when a selected unit (the analysed ones, or before
 * cli_analyze every unit) has data for it, else prints the years that have
 * data and returns EXIT_BAD_INPUT. */
int cli_require_year(const cli_session *s);

/* The analysis options from the session. */
itakit_analysis_options cli_analysis_options(const cli_session *s);

/* The load options from the session (--identity). */
itakit_load_options cli_load_options(const cli_session *s);

/* "Did you mean": itakit_text_suggest. */
#define CLI_SUGGEST_MAX ITAKIT_TEXT_SUGGEST_MAX
size_t cli_suggest(size_t *best, size_t max, const char *typed, const char *const *names, size_t n);

/* Prints "; did you mean PREFIXa, PREFIXb or PREFIXc?" to stderr (nothing
 * when n is 0). */
void cli_print_suggestions(const size_t *best, size_t n, const char *const *names, const char *prefix);

/* Prints every diagnostic to stderr. */
void cli_print_diags(const itakit_diag_list *diags);

/* After a library call that reports to s->diags: prints them, and when lib
 * failed without an error among them to explain it, "itakit CMD:
 * WHAT<the library's message>"; empties the list. Returns the exit code
 * for lib. */
int cli_diags_status(cli_session *s, int lib, const char *what);

/* What the reports of the session are made from besides the scores, by the
 * rules every command that writes reports shares (report, progress,
 * batch): the data files, the language and digits (lang_set: --lang was
 * given), the year, the profile and the catalog (measures_path NULL: the
 * installed catalog, else the library's default). The caller adds the
 * national average. */
itakit_report_input_options cli_report_input_options(const cli_session *s, bool lang_set,
						     const char *profile_path, const char *measures_path);

/* Loads the report inputs (itakit_report_inputs_load, with the session's
 * analysis options) and reports as cli_diags_status. in must be
 * initialised. Returns an exit code. */
int cli_load_report_inputs(cli_session *s, itakit_report_inputs *in, const itakit_report_input_options *io);

/* The one unit a command is about: --unit, else the data's only unit.
 * Returns an exit code (message printed). */
int cli_pick_unit(cli_session *s);

/* Prints "itakit CMD: message" to stderr and returns code. */
int cli_fail(int code, const char *cmd, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Exit code for a library error code. */
int cli_exit_for(int rc);

/* A text output streamed through a string buffer: to stdout, or to a
 * temporary file renamed over path only when complete. */
typedef struct {
	itakit_atomic_file file;
	bool to_stdout;
} cli_output;

/* Opens the output and makes b stream into it. Returns an exit code. */
int cli_output_open(cli_output *o, itakit_strbuf *b, const char *cmd, const char *path);
/* Flushes b and, when ok, commits the file (else removes it). Releases b.
 * Returns an exit code. */
int cli_output_close(cli_output *o, itakit_strbuf *b, const char *cmd, bool ok);

/* --round of progress and batch: 6 or 12, else 0 (message printed). */
int cli_parse_round(const char *arg, const char *cmd);

/* --date of progress and report: YYYY-MM-DD, BE or CE, into out; 1, else -1
 * (message printed). */
int cli_parse_date(itakit_profile_date *out, const char *arg, const char *cmd);

/* --page-numbers of the comparison (compare, batch): 1 for "footer" (page x
 * of y at the foot of every page), 0 for "top" (the Thai official "- x -"),
 * -1 for anything else (message printed). */
int cli_parse_page_numbers(const char *arg, const char *cmd);

/* A CSV written to a file starts with a UTF-8 byte-order mark, by which
 * Excel tells UTF-8 from the Windows code page (Thai would show as
 * garbage); standard output gets none, nor does --no-bom. */
void cli_output_bom(itakit_strbuf *b, const cli_output *o, bool no_bom);

/* An output format and the file extension that chooses it (".pdf"). */
typedef struct {
	const char *ext;
	const char *format;
} cli_format;

/* The format of path's extension (case ignored) in formats (ending with
 * {NULL, NULL}), or NULL. */
const char *cli_format_of(const char *path, const cli_format *formats);

/* Prints that path's extension names no format cmd writes, listing them;
 * returns EXIT_BAD_INPUT. */
int cli_format_refused(const char *cmd, const char *path, const cli_format *formats);

/* guard.c: turns on input protection and shares the temporary-file
 * registry with child processes; call first. */
void cli_guard_init(void);
/* SOURCE_DATE_EPOCH, when set, is a valid date: else one message, exit 2. */
int cli_check_environment(const char *cmd);
/* rc, or EXIT_RUNTIME (message printed) when standard output had a write
 * error (a full disk, /dev/full). */
int cli_finish_stdout(int rc, const char *cmd);
/* Runs run(argc, argv) in a child process and returns its exit code; a
 * child killed by a signal (an abort for lack of memory in a library) is
 * EXIT_RUNTIME with a message, and its temporary files are removed. */
int cli_run_isolated(int (*run)(int, char **), int argc, char **argv, const char *cmd);

/* Common option entries for getopt_long tables: every command takes these
 * (and its --help lists them; tests/cli/test_help_options.sh checks). */
#define CLI_COMMON_LONG_OPTIONS \
	{"framework", required_argument, NULL, OPT_FRAMEWORK}, \
	{"threshold", required_argument, NULL, OPT_THRESHOLD}, \
	{"sheet", required_argument, NULL, OPT_SHEET}, \
	{"identity", required_argument, NULL, OPT_IDENTITY}, \
	{"max-problems", required_argument, NULL, OPT_MAX_PROBLEMS}, \
	{"verbose", no_argument, NULL, OPT_VERBOSE}, \
	{"help", no_argument, NULL, OPT_HELP}
/* The commands that write text, tables or pictures. */
#define CLI_TEXT_LONG_OPTIONS \
	{"lang", required_argument, NULL, OPT_LANG}, \
	{"digits", required_argument, NULL, OPT_DIGITS}
/* The commands whose output holds the improvement plan. */
#define CLI_TARGET_LONG_OPTION {"target", required_argument, NULL, OPT_TARGET}

/* Subcommands. */
int cmd_analyze(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_progress(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
