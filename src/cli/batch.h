/* Pieces of `itakit batch` that do not need the process pool: output file
 * names and the index. */
#ifndef ITAKIT_CLI_BATCH_H
#define ITAKIT_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "itakit/dataset.h"

/* Longest file name stem batch makes (bytes, before ".pdf"). */
#define BATCH_STEM_MAX 64

/* File name stems for units[0..n), the same for every run on the same input:
 * the unit code when it is present and safe, else "unit-NNNN" (input order,
 * from 1) followed by an ASCII form of the name when it has one. Safe means:
 * only ASCII letters, digits, '-' and '_' (others become '-'), no leading
 * dot or dash, at most BATCH_STEM_MAX bytes, not a reserved Windows device
 * name (CON, NUL, COM1...), not starting with "unit-", and not equal,
 * ignoring case, to an earlier unit's stem (case-insensitive file systems).
 * Returns a malloc'd array of malloc'd strings, or NULL on out of memory. */
char **batch_file_stems(const itakit_unit *units, size_t n);
void batch_file_stems_free(char **stems, size_t n);

#endif
