/* The one temporary-file-and-rename writer: an output is created as a hidden
 * temporary file ".itakit-tmp-PID-NAME-XXXXXX" in the target's directory and
 * renamed over the target only when complete, so no reader ever sees a
 * half-written file. Temporary files of a process that no longer exists
 * (killed with SIGKILL, say) are removed by the next output written to
 * that directory. Also: the whole-file reader, file identities, and the
 * inputs no output may replace. */
#ifndef ITAKIT_FILEIO_H
#define ITAKIT_FILEIO_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct {
	char *path;     /* final path (owned) */
	char *tmp_path; /* temporary path (owned) */
	FILE *fp;       /* open for writing on tmp_path */
} itakit_atomic_file;

/* Creates parent directories as needed and opens a temporary file next to
 * path. Returns 0, ITAKIT_EUSAGE when path is a directory or one of the
 * inputs (itakit_file_protect_inputs), or ITAKIT_ERROR, with a message
 * naming the path. */
int itakit_atomic_open(itakit_atomic_file *f, const char *path);

/* Flushes, fsyncs and renames the temporary file over f->path; on any error
 * removes the temporary file. Always releases f. */
int itakit_atomic_commit(itakit_atomic_file *f);

/* Removes the temporary file and releases f. Safe to call twice. */
void itakit_atomic_abort(itakit_atomic_file *f);

/* Writes size bytes of data to path atomically. */
int itakit_atomic_write(const char *path, const void *data, size_t size);

/* Removes the temporary files of this process that are in flight. Only
 * async-signal-safe calls: meant for a signal handler (SIGINT, SIGTERM) and
 * for exit. Threads may open and commit files at the same time. */
void itakit_atomic_cleanup_all(void);

/* The same for the files in flight of process pid, a child that died: needs
 * itakit_atomic_share_registry before the fork. */
void itakit_atomic_cleanup_pid(pid_t pid);

/* Puts the record of files in flight in memory shared with processes forked
 * later. Call once, early, before any output is open. */
int itakit_atomic_share_registry(void);

/* Removes the temporary files in dir of processes that no longer exist;
 * returns how many. itakit_atomic_open does it once per directory. */
int itakit_atomic_sweep(const char *dir);

/* mkdir -p: creates dir and its missing parents. 0 or -1 (errno set). */
int itakit_mkdir_p(const char *dir);

/* Reads a whole file into a malloc'd NUL-terminated buffer. max_size bounds
 * the size (0: no bound); larger files give ITAKIT_ELIMIT, decided from the
 * size of a regular file, after max_size + 1 bytes of a pipe or device. A
 * missing file is ITAKIT_ENOTFOUND, a directory ITAKIT_EUSAGE. */
int itakit_file_read(char **out, size_t *out_len, const char *path, size_t max_size);

/* Reads up to size bytes from the start of a regular file or a device
 * (not a FIFO or socket, whose bytes would be lost) into buf. 0, or -1. */
int itakit_file_read_head(char *buf, size_t *n, const char *path, size_t size);

/* True when a and b name the same existing file (same device and inode). */
bool itakit_same_file(const char *a, const char *b);

/* A file's identity: device and inode (links and other paths to one file
 * have the same). */
typedef struct {
	unsigned long long dev, ino;
} itakit_file_id;

/* stat()s path (following links): 0, or -1 when it does not exist. */
int itakit_file_id_of(itakit_file_id *id, const char *path);

/* A hash set of file identities, each with a tag (e.g. the index of the
 * path that named it first). */
typedef struct {
	struct itakit_file_id_entry *slots;
	size_t n, cap;
} itakit_file_id_set;

#define ITAKIT_FILE_ID_SET_INIT {NULL, 0, 0}

/* Adds id: 1 when added, 0 when already there, ITAKIT_ENOMEM. */
int itakit_file_id_set_add(itakit_file_id_set *set, itakit_file_id id, size_t tag);
/* True when id is in the set; its tag in *tag (may be NULL). */
bool itakit_file_id_set_find(const itakit_file_id_set *set, itakit_file_id id, size_t *tag);
void itakit_file_id_set_release(itakit_file_id_set *set);

/* Process-wide, off by default: when on, every file read through
 * itakit_file_read (and given to itakit_file_note_input) is an input, and
 * itakit_atomic_open refuses to replace it, whatever path or link names it. */
void itakit_file_protect_inputs(bool on);
void itakit_file_note_input(const char *path);
/* True when path (following links) is a recorded input. */
bool itakit_file_is_input(const char *path);

#pragma GCC visibility pop
#endif
