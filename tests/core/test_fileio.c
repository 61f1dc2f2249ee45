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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_write_error),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_signal_cleanup),
		cmocka_unit_test(test_read_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
