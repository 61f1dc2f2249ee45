/* Pieces of `itakit batch` that do not need the process pool: output file
 * names and the index. */
#ifndef ITAKIT_CLI_BATCH_H
#define ITAKIT_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "itakit/dataset.h"

/* Longest stem made from a code or a name (bytes), and with the "-N" that
 * tells apart units of the same stem (before ".pdf"). */
#define BATCH_BASE_MAX 100
#define BATCH_STEM_MAX (BATCH_BASE_MAX + 12)

/* File name stems for units[0..n), the same for every run on the same input:
 * the unit code when it has one, else the unit's name, made safe: Thai and
 * other letters kept; path separators, spaces, control characters and the
 * characters Windows refuses (: * ? " < > |) become '-' (one per run); no
 * leading '.' or '-', no trailing '.' or '-'; cut to BATCH_BASE_MAX bytes
 * between characters (never between a letter and its marks). A code that is
 * a reserved Windows name (CON, NUL, COM1...) or has nothing left gives way
 * to the name, a name with nothing left to "unit-NNNN" (input order). A stem
 * equal, ignoring ASCII case, to an earlier unit's gets "-2", "-3"...
 * Returns a malloc'd array of malloc'd strings, or NULL on out of memory. */
char **batch_file_stems(const itakit_unit *units, size_t n);
void batch_file_stems_free(char **stems, size_t n);

#endif
