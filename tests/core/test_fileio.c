/* The atomic writer and the whole-file reader under failure: a write error
 * injected at commit, a signal while the temporary file is open, and
 * inputs without a size (devices) read only up to the limit. The same cases
 * run end to end, where the machine allows, in tests/cli/test_output_safety.sh. */
#include "test_support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void assert_text(const char *path, const char *want)
{
	char *got;
	assert_int_equal(itakit_file_read(&got, NULL, path, 0), 0);
	assert_string_equal(got, want);
	free(got);
}

static void test_commit_write_error(void **state)
{
	(void)state;
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/out.txt", dir);
	write_text(path, "old");
	itakit_atomic_file f;
	assert_int_equal(itakit_atomic_open(&f, path), 0);
	assert_int_equal(dir_entries(dir), 2);
	/* A full disk, injected: the buffered text can only fail to flush. */
	FILE *full = fopen("/dev/full", "w");
	if (!full) {
		itakit_atomic_abort(&f);
		skip();
	}
	fclose(f.fp);
	f.fp = full;
	fputs("new text that cannot be stored", f.fp);
	assert_int_equal(itakit_atomic_commit(&f), ITAKIT_ERROR);
	assert_non_null(strstr(itakit_error_last(), "out.txt: cannot write: No space left on device"));
	/* the temporary file is gone, the old output untouched */
	assert_int_equal(dir_entries(dir), 1);
	assert_text(path, "old");
	assert_null(f.path);
	itakit_atomic_abort(&f); /* safe after commit */
}

static void test_open_errors(void **state)
{
	(void)state;
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	itakit_atomic_file f;
	/* a directory as the output: refused before anything is created */
	assert_int_equal(itakit_atomic_open(&f, dir), ITAKIT_EUSAGE);
	assert_non_null(strstr(itakit_error_last(), "names a directory"));
	snprintf(path, sizeof path, "%s/", dir);
	assert_int_equal(itakit_atomic_open(&f, path), ITAKIT_EUSAGE);
	/* through a regular file */
	snprintf(path, sizeof path, "%s/file", dir);
	write_text(path, "x");
	snprintf(path, sizeof path, "%s/file/sub/out.txt", dir);
	assert_int_equal(itakit_atomic_open(&f, path), ITAKIT_ERROR);
	assert_non_null(strstr(itakit_error_last(), "Not a directory"));
	assert_int_equal(dir_entries(dir), 1);
	/* missing directories are made */
	snprintf(path, sizeof path, "%s/a/b/c/out.txt", dir);
	assert_int_equal(itakit_atomic_write(path, "abc", 3), 0);
	assert_text(path, "abc");
}

static void on_sigint(int sig)
{
	itakit_atomic_cleanup_all();
	_exit(128 + sig);
}

static void test_signal_cleanup(void **state)
{
	(void)state;
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/out.txt", dir);
	write_text(path, "old");
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* what the CLI does: the handler removes the writes in flight */
		signal(SIGINT, on_sigint);
		itakit_atomic_file f;
		if (itakit_atomic_open(&f, path) != 0)
			_exit(1);
		fputs("half of it", f.fp);
		fflush(f.fp);
		raise(SIGINT);
		_exit(2); /* not reached */
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 128 + SIGINT);
	assert_int_equal(dir_entries(dir), 1);
	assert_text(path, "old");
}

static void test_read_limits(void **state)
{
	(void)state;
	char *buf;
	size_t len;
	/* a device without end is read only up to the limit (the buffer once
	 * grew to twice the limit first: 2 GiB for /dev/zero by default) */
	assert_int_equal(itakit_file_read(&buf, &len, "/dev/zero", 1 << 20), ITAKIT_ELIMIT);
	assert_null(buf);
	assert_non_null(strstr(itakit_error_last(), "larger than the limit of 1048576 bytes"));
	/* exactly at the limit is fine */
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/ten", dir);
	write_text(path, "0123456789");
	assert_int_equal(itakit_file_read(&buf, &len, path, 10), 0);
	assert_int_equal(len, 10);
	free(buf);
	assert_int_equal(itakit_file_read(&buf, &len, path, 9), ITAKIT_ELIMIT);
	assert_int_equal(itakit_file_read(&buf, &len, dir, 0), ITAKIT_EUSAGE); /* a directory */
}

/* The hash of file identities: every id found once, with its tag. */
static void test_file_id_set(void **state)
{
	(void)state;
	itakit_file_id_set set = ITAKIT_FILE_ID_SET_INIT;
	for (unsigned long long i = 0; i < 20000; i++)
		assert_int_equal(itakit_file_id_set_add(&set, (itakit_file_id){i % 7, i}, (size_t)i), 1);
	assert_int_equal(itakit_file_id_set_add(&set, (itakit_file_id){5, 12345}, 0), 1); /* 12345 % 7 == 4: a new id */
	assert_int_equal(itakit_file_id_set_add(&set, (itakit_file_id){12345 % 7, 12345}, 0), 0);
	size_t tag = 0;
	assert_true(itakit_file_id_set_find(&set, (itakit_file_id){12345 % 7, 12345}, &tag));
	assert_int_equal(tag, 12345);
	assert_false(itakit_file_id_set_find(&set, (itakit_file_id){0, 20001}, NULL));
	itakit_file_id_set_release(&set);
}

/* Temporary files are named for their process; the next writer in the
 * directory removes those of processes that are gone, not of live ones. */
static void test_leftovers_swept(void **state)
{
	(void)state;
	char dir[512], path[700], dead_tmp[700], live_tmp[700];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/out.txt", dir);
	fflush(NULL);
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	snprintf(dead_tmp, sizeof dead_tmp, "%s/.itakit-tmp-%ld-out.txt-AbCdEf", dir, (long)dead);
	snprintf(live_tmp, sizeof live_tmp, "%s/.itakit-tmp-%ld-out.txt-GhIjKl", dir, (long)getppid());
	write_text(dead_tmp, "left by a killed run");
	write_text(live_tmp, "being written by another run");
	itakit_atomic_file f;
	assert_int_equal(itakit_atomic_open(&f, path), 0);
	char prefix[64];
	snprintf(prefix, sizeof prefix, "/.itakit-tmp-%ld-out.txt-", (long)getpid());
	assert_non_null(strstr(f.tmp_path, prefix));
	assert_int_equal(access(dead_tmp, F_OK), -1);
	assert_int_equal(access(live_tmp, F_OK), 0);
	itakit_atomic_abort(&f);
	unlink(live_tmp);
	assert_int_equal(dir_entries(dir), 0);
}

/* A child killed with SIGKILL cannot clean up: its parent does, from the
 * shared record of files in flight. */
static void test_cleanup_dead_child(void **state)
{
	(void)state;
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/out.txt", dir);
	assert_int_equal(itakit_atomic_share_registry(), 0);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		itakit_atomic_file f;
		if (itakit_atomic_open(&f, path) == 0)
			raise(SIGKILL);
		_exit(1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(dir_entries(dir), 1); /* the temporary file */
	itakit_atomic_cleanup_pid(pid);
	assert_int_equal(dir_entries(dir), 0);
}

/* With input protection on, no output replaces a file that was read,
 * through a symbolic or a hard link either. */
static void test_inputs_protected(void **state)
{
	(void)state;
	char dir[512], in[600], sym[600], hard[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(in, sizeof in, "%s/in.csv", dir);
	snprintf(sym, sizeof sym, "%s/sym.csv", dir);
	snprintf(hard, sizeof hard, "%s/hard.csv", dir);
	write_text(in, "input");
	assert_int_equal(symlink(in, sym), 0);
	assert_int_equal(link(in, hard), 0);
	itakit_file_protect_inputs(true);
	assert_text(in, "input"); /* read: now an input */
	assert_true(itakit_file_is_input(sym));
	assert_int_equal(itakit_atomic_write(in, "x", 1), ITAKIT_EUSAGE);
	assert_int_equal(itakit_atomic_write(sym, "x", 1), ITAKIT_EUSAGE);
	assert_int_equal(itakit_atomic_write(hard, "x", 1), ITAKIT_EUSAGE);
	assert_non_null(strstr(itakit_error_last(), "refusing to replace it"));
	itakit_file_protect_inputs(false);
	assert_text(in, "input");
	assert_int_equal(dir_entries(dir), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_write_error),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_signal_cleanup),
		cmocka_unit_test(test_read_limits),
		cmocka_unit_test(test_file_id_set),
		cmocka_unit_test(test_leftovers_swept),
		cmocka_unit_test(test_cleanup_dead_child),
		cmocka_unit_test(test_inputs_protected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
