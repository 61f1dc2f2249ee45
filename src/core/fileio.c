/* Temporary-file-and-rename writer and whole-file reader. */
#include "itakit/fileio.h"
#include "itakit/error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- temporary files in flight ---------------------------------------------
 * So that an interrupted or crashed run leaves nothing behind, every
 * temporary file is recorded here until it is renamed or removed. The slots
 * are claimed with atomic operations (threads may write several outputs at
 * once) and read by signal handlers, which may only unlink(): hence fixed
 * storage, no locks and no allocation. After itakit_atomic_share_registry
 * the slots live in memory shared with the processes forked later, so that
 * a parent can remove what a child that died (of SIGKILL, or an abort in a
 * library that has no way to report running out of memory) left behind. */
#define LIVE_SLOTS 256
enum { SLOT_FREE, SLOT_CLAIMED, SLOT_READY };

typedef struct {
	atomic_int state;
	pid_t owner;
	char path[4096];
} live_slot;

static live_slot live_static[LIVE_SLOTS];
static live_slot *live = live_static;

int itakit_atomic_share_registry(void)
{
	if (live != live_static)
		return 0;
	void *m = mmap(NULL, sizeof live_static, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return itakit_error_set(ITAKIT_ENOMEM, "cannot map the temporary-file registry: %s", strerror(errno));
	live = m; /* fresh: all SLOT_FREE; call before any output is open */
	return 0;
}

static void live_add(const char *path)
{
	if (strlen(path) >= sizeof live[0].path)
		return;
	for (int i = 0; i < LIVE_SLOTS; i++) {
		int expected = SLOT_FREE;
		if (atomic_compare_exchange_strong(&live[i].state, &expected, SLOT_CLAIMED)) {
			strcpy(live[i].path, path);
			live[i].owner = getpid();
			atomic_store(&live[i].state, SLOT_READY); /* the path is whole before this */
			return;
		}
	}
}

static void live_remove(const char *path)
{
	pid_t me = getpid();
	for (int i = 0; i < LIVE_SLOTS; i++) {
		if (atomic_load(&live[i].state) == SLOT_READY && live[i].owner == me &&
		    strcmp(live[i].path, path) == 0) {
			atomic_store(&live[i].state, SLOT_FREE);
			return;
		}
	}
}

/* Async-signal-safe: atomic loads and stores, getpid() and unlink() only. */
static void cleanup_owned_by(pid_t pid)
{
	for (int i = 0; i < LIVE_SLOTS; i++) {
		if (atomic_load(&live[i].state) == SLOT_READY && live[i].owner == pid) {
			unlink(live[i].path);
			atomic_store(&live[i].state, SLOT_FREE);
		}
	}
}

void itakit_atomic_cleanup_all(void)
{
	cleanup_owned_by(getpid());
}

void itakit_atomic_cleanup_pid(pid_t pid)
{
	cleanup_owned_by(pid);
}

/* ---- file identities ------------------------------------------------------- */

struct itakit_file_id_entry {
	itakit_file_id id;
	size_t tag;
	bool used;
};

int itakit_file_id_of(itakit_file_id *id, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	id->dev = (unsigned long long)st.st_dev;
	id->ino = (unsigned long long)st.st_ino;
	return 0;
}

static size_t id_slot(const itakit_file_id_set *set, itakit_file_id id)
{
	uint64_t h = (id.dev * 0x9E3779B97F4A7C15ull) ^ (id.ino * 0xC2B2AE3D27D4EB4Full);
	size_t i = (size_t)(h ^ (h >> 29)) & (set->cap - 1);
	while (set->slots[i].used && (set->slots[i].id.dev != id.dev || set->slots[i].id.ino != id.ino))
		i = (i + 1) & (set->cap - 1);
	return i;
}

bool itakit_file_id_set_find(const itakit_file_id_set *set, itakit_file_id id, size_t *tag)
{
	if (!set->cap)
		return false;
	const struct itakit_file_id_entry *e = &set->slots[id_slot(set, id)];
	if (e->used && tag)
		*tag = e->tag;
	return e->used;
}

int itakit_file_id_set_add(itakit_file_id_set *set, itakit_file_id id, size_t tag)
{
	if (itakit_file_id_set_find(set, id, NULL))
		return 0;
	if ((set->n + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		struct itakit_file_id_entry *slots = calloc(cap, sizeof *slots);
		if (!slots)
			return ITAKIT_ENOMEM;
		itakit_file_id_set grown = {slots, 0, cap};
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i].used)
				grown.slots[id_slot(&grown, set->slots[i].id)] = set->slots[i];
		grown.n = set->n;
		free(set->slots);
		*set = grown;
	}
	set->slots[id_slot(set, id)] = (struct itakit_file_id_entry){id, tag, true};
	set->n++;
	return 1;
}

void itakit_file_id_set_release(itakit_file_id_set *set)
{
	free(set->slots);
	memset(set, 0, sizeof *set);
}

/* ---- inputs that no output may replace ------------------------------------ */

static pthread_mutex_t inputs_lock = PTHREAD_MUTEX_INITIALIZER;
static itakit_file_id_set inputs;
static bool protecting;

void itakit_file_protect_inputs(bool on)
{
	pthread_mutex_lock(&inputs_lock);
	protecting = on;
	pthread_mutex_unlock(&inputs_lock);
}

static void note_input_id(itakit_file_id id)
{
	pthread_mutex_lock(&inputs_lock);
	if (protecting)
		itakit_file_id_set_add(&inputs, id, 0); /* out of memory: unprotected, not fatal */
	pthread_mutex_unlock(&inputs_lock);
}

void itakit_file_note_input(const char *path)
{
	itakit_file_id id;
	if (itakit_file_id_of(&id, path) == 0)
		note_input_id(id);
}

bool itakit_file_is_input(const char *path)
{
	itakit_file_id id;
	if (itakit_file_id_of(&id, path) != 0)
		return false;
	pthread_mutex_lock(&inputs_lock);
	bool found = itakit_file_id_set_find(&inputs, id, NULL);
	pthread_mutex_unlock(&inputs_lock);
	return found;
}

/* ---- leftovers of killed runs ---------------------------------------------- */

#define TMP_PREFIX ".itakit-tmp-"

/* The pid in ".itakit-tmp-PID-...", or 0. */
static pid_t leftover_pid(const char *name)
{
	if (strncmp(name, TMP_PREFIX, sizeof TMP_PREFIX - 1) != 0)
		return 0;
	char *end;
	long v = strtol(name + sizeof TMP_PREFIX - 1, &end, 10);
	return *end == '-' && v > 0 && v <= INT32_MAX ? (pid_t)v : 0;
}

int itakit_atomic_sweep(const char *dir)
{
	DIR *d = opendir(*dir ? dir : ".");
	if (!d)
		return 0;
	int removed = 0;
	pid_t me = getpid();
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		pid_t pid = leftover_pid(e->d_name);
		/* a process that is gone (a live one may still be writing) */
		if (!pid || pid == me || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", *dir ? dir : ".", e->d_name) < sizeof path &&
		    unlink(path) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}

/* Sweeps dir once per process (the first output written there). */
static pthread_mutex_t swept_lock = PTHREAD_MUTEX_INITIALIZER;
static itakit_file_id_set swept;
static pid_t swept_by;

static void sweep_once(const char *dir)
{
	itakit_file_id id;
	if (itakit_file_id_of(&id, *dir ? dir : ".") != 0)
		return;
	pthread_mutex_lock(&swept_lock);
	if (swept_by != getpid()) { /* a forked child sweeps for itself */
		itakit_file_id_set_release(&swept);
		swept_by = getpid();
	}
	bool first = itakit_file_id_set_add(&swept, id, 0) == 1;
	pthread_mutex_unlock(&swept_lock);
	if (first)
		itakit_atomic_sweep(dir);
}

int itakit_mkdir_p(const char *dir)
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
	if (itakit_file_is_input(path))
		return itakit_error_set(ITAKIT_EUSAGE, "%s: this is one of the input files (by this or another "
					"name or link); refusing to replace it with an output", path);
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	if (slash) {
		char dir[4096];
		if (dirlen >= sizeof dir)
			return itakit_error_set(ITAKIT_ERROR, "%s: path too long", path);
		memcpy(dir, path, dirlen);
		dir[dirlen] = '\0';
		if (dirlen && itakit_mkdir_p(dir) != 0)
			return itakit_error_set(ITAKIT_ERROR, "%s: cannot create directory: %s", dir, strerror(errno));
	}
	{
		char dir[4096];
		snprintf(dir, sizeof dir, "%.*s", (int)(dirlen < sizeof dir ? dirlen : 0), path);
		sweep_once(slash && dirlen == 0 ? "/" : dir);
	}
	size_t tmplen = strlen(path) + sizeof TMP_PREFIX + 40;
	f->path = strdup(path);
	f->tmp_path = malloc(tmplen);
	if (!f->path || !f->tmp_path) {
		atomic_release(f);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	/* ".itakit-tmp-PID-NAME-XXXXXX": whose it is and what it would become;
	 * NAME cut to keep within NAME_MAX */
	int keep = (int)strlen(base) > 180 ? 180 : (int)strlen(base);
	while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
		keep--;
	snprintf(f->tmp_path, tmplen, "%.*s%s" TMP_PREFIX "%ld-%.*s-XXXXXX", (int)dirlen, path, slash ? "/" : "",
		 (long)getpid(), keep, base);
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
	if (fstat(fd, &st) != 0) {
		int err = errno;
		close(fd);
		return itakit_error_set(ITAKIT_ERROR, "%s: cannot read: %s", path, strerror(err));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return itakit_error_set(ITAKIT_EUSAGE, "%s: is a directory, not a file", path);
	}
	note_input_id((itakit_file_id){(unsigned long long)st.st_dev, (unsigned long long)st.st_ino});
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

int itakit_file_read_head(char *buf, size_t *n, const char *path, size_t size)
{
	*n = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	/* a FIFO would give its bytes to this read and not to the real one */
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
		close(fd);
		return -1;
	}
	while (*n < size) {
		ssize_t r = read(fd, buf + *n, size - *n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*n += (size_t)r;
	}
	close(fd);
	return 0;
}

bool itakit_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
