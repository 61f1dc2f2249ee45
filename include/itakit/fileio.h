/* The one temporary-file-and-rename writer: an output is created as a hidden
 * temporary file in the target's directory and renamed over the target only
 * when complete, so no reader ever sees a half-written file. */
#ifndef ITAKIT_FILEIO_H
#define ITAKIT_FILEIO_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
	char *path;     /* final path (owned) */
	char *tmp_path; /* temporary path (owned) */
	FILE *fp;       /* open for writing on tmp_path */
} itakit_atomic_file;

/* Creates parent directories as needed and opens a temporary file next to
 * path. Returns 0, or ITAKIT_ERROR with a message naming the path. */
int itakit_atomic_open(itakit_atomic_file *f, const char *path);

/* Flushes, fsyncs and renames the temporary file over f->path; on any error
 * removes the temporary file. Always releases f. */
int itakit_atomic_commit(itakit_atomic_file *f);

/* Removes the temporary file and releases f. Safe to call twice. */
void itakit_atomic_abort(itakit_atomic_file *f);

/* Writes size bytes of data to path atomically. */
int itakit_atomic_write(const char *path, const void *data, size_t size);

/* Reads a whole file into a malloc'd NUL-terminated buffer. max_size bounds
 * the size (0: no bound); larger files give ITAKIT_ELIMIT. */
int itakit_file_read(char **out, size_t *out_len, const char *path, size_t max_size);

/* True when a and b name the same existing file (same device and inode). */
bool itakit_same_file(const char *a, const char *b);

/* Removes leftover temporary files of interrupted writes: call from a signal
 * handler path is not allowed; the CLI registers itakit_atomic_cleanup_all
 * to run at exit and on SIGINT/SIGTERM via a flag. Returns nothing. */
void itakit_atomic_cleanup_all(void);

#pragma GCC visibility pop
#endif
