/* Temporary-file-and-rename writer and whole-file reader. */
#include "itakit/fileio.h"
#include "itakit/error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files in flight, so that an interrupted run can remove them.
 * Fixed storage: itakit_atomic_cleanup_all must be callable from a signal
 * handler, where only unlink() is allowed. */
#define LIVE_SLOTS 64
static char live_paths[LIVE_SLOTS][4096];
static volatile sig_atomic_t live_used[LIVE_SLOTS];

static void live_add(const char *path)
{
	for (int i = 0; i < LIVE_SLOTS; i++) {
		if (!live_used[i] && strlen(path) < sizeof live_paths[i]) {
			strcpy(live_paths[i], path);
			/* the handler must see the whole path once the slot is used */
			atomic_signal_fence(memory_order_seq_cst);
			live_used[i] = 1;
			return;
		}
	}
}

static void live_remove(const char *path)
{
	for (int i = 0; i < LIVE_SLOTS; i++) {
		if (live_used[i] && strcmp(live_paths[i], path) == 0) {
			live_used[i] = 0;
			return;
		}
	}
}

void itakit_atomic_cleanup_all(void)
{
	for (int i = 0; i < LIVE_SLOTS; i++) {
		if (live_used[i]) {
			unlink(live_paths[i]);
			live_used[i] = 0;
		}
	}
}

static int make_dirs(const char *dir)
{
	char buf[4096];
	size_t n = strlen(dir);
	if (n == 0 || n >= sizeof buf)
		return n == 0 ? 0 : -1;
	memcpy(buf, dir, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static void atomic_release(itakit_atomic_file *f)
{
	free(f->path);
	free(f->tmp_path);
	f->path = f->tmp_path = NULL;
	f->fp = NULL;
}

int itakit_atomic_open(itakit_atomic_file *f, const char *path)
{
	memset(f, 0, sizeof *f);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	struct stat st;
	if (!*base || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
		return itakit_error_set(ITAKIT_EUSAGE, "%s: output path names a directory", path);
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	if (slash) {
		char dir[4096];
		if (dirlen >= sizeof dir)
			return itakit_error_set(ITAKIT_ERROR, "%s: path too long", path);
		memcpy(dir, path, dirlen);
		dir[dirlen] = '\0';
		if (dirlen && make_dirs(dir) != 0)
			return itakit_error_set(ITAKIT_ERROR, "%s: cannot create directory: %s", dir, strerror(errno));
	}
	size_t tmplen = strlen(path) + 32;
	f->path = strdup(path);
	f->tmp_path = malloc(tmplen);
	if (!f->path || !f->tmp_path) {
		atomic_release(f);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	snprintf(f->tmp_path, tmplen, "%.*s%s.%s.tmp-XXXXXX", (int)dirlen, path, slash ? "/" : "", base);
	/* A signal between creating the file and recording it would leave the
	 * file behind (the tests saw it): hold the usual termination signals
	 * until the path is recorded. */
	sigset_t term, old;
	sigemptyset(&term);
	sigaddset(&term, SIGINT);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &term, &old);
	int fd = mkstemp(f->tmp_path);
	int err = errno;
	if (fd >= 0)
		live_add(f->tmp_path);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		atomic_release(f);
		return itakit_error_set(ITAKIT_ERROR, "%s: cannot create output: %s", path, strerror(err));
	}
	fchmod(fd, 0644);
	f->fp = fdopen(fd, "wb");
	if (!f->fp) {
		close(fd);
		itakit_atomic_abort(f);
		return itakit_error_set(ITAKIT_ERROR, "%s: cannot open output: %s", path, strerror(errno));
	}
	return 0;
}

int itakit_atomic_commit(itakit_atomic_file *f)
{
	if (!f->fp)
		return itakit_error_set(ITAKIT_ERROR, "output file was not open");
	int err = 0;
	if (fflush(f->fp) != 0 || ferror(f->fp))
		err = errno ? errno : EIO;
	if (!err && fsync(fileno(f->fp)) != 0 && errno != EINVAL)
		err = errno;
	if (fclose(f->fp) != 0 && !err)
		err = errno ? errno : EIO;
	f->fp = NULL;
	if (!err && rename(f->tmp_path, f->path) != 0)
		err = errno;
	if (err) {
		unlink(f->tmp_path);
		live_remove(f->tmp_path);
		int rc = itakit_error_set(ITAKIT_ERROR, "%s: cannot write: %s", f->path, strerror(err));
		atomic_release(f);
		return rc;
	}
	live_remove(f->tmp_path);
	atomic_release(f);
	return 0;
}

void itakit_atomic_abort(itakit_atomic_file *f)
{
	if (f->fp)
		fclose(f->fp);
	if (f->tmp_path) {
		unlink(f->tmp_path);
		live_remove(f->tmp_path);
	}
	atomic_release(f);
}

int itakit_atomic_write(const char *path, const void *data, size_t size)
{
	itakit_atomic_file f;
	int rc = itakit_atomic_open(&f, path);
	if (rc)
		return rc;
	if (size && fwrite(data, 1, size, f.fp) != size) {
		int err = errno;
		char *p = strdup(path);
		itakit_atomic_abort(&f);
		rc = itakit_error_set(ITAKIT_ERROR, "%s: cannot write: %s", p ? p : path, strerror(err));
		free(p);
		return rc;
	}
	return itakit_atomic_commit(&f);
}

int itakit_file_read(char **out, size_t *out_len, const char *path, size_t max_size)
{
	*out = NULL;
	if (out_len)
		*out_len = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return itakit_error_set(errno == ENOENT ? ITAKIT_ENOTFOUND : ITAKIT_ERROR,
					"%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		close(fd);
		return itakit_error_set(ITAKIT_ERROR, "%s: not a regular file", path);
	}
	size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	if (max_size && S_ISREG(st.st_mode) && (size_t)st.st_size > max_size) {
		close(fd);
		return itakit_error_set(ITAKIT_ELIMIT, "%s: file is larger than the limit of %zu bytes", path, max_size);
	}
	char *buf = malloc(cap);
	size_t len = 0;
	if (!buf) {
		close(fd);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	for (;;) {
		if (len + 1 >= cap) {
			if (max_size && len > max_size) {
				free(buf);
				close(fd);
				return itakit_error_set(ITAKIT_ELIMIT, "%s: file is larger than the limit of %zu bytes", path, max_size);
			}
			/* A pipe or a device (/dev/zero) has no size to check up
			 * front: never grow past max_size + 1 bytes, which is enough
			 * to tell that the limit is exceeded. */
			size_t ncap = cap * 2;
			if (max_size && ncap > max_size + 2)
				ncap = max_size + 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				close(fd);
				return itakit_error_set(ITAKIT_ENOMEM, "%s: out of memory reading the file", path);
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + len, cap - len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int err = errno;
			free(buf);
			close(fd);
			return itakit_error_set(ITAKIT_ERROR, "%s: cannot read: %s", path, strerror(err));
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	if (out_len)
		*out_len = len;
	return 0;
}

bool itakit_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
