/* Internal: the dataset's private index, shared by dataset.c (storage and
 * queries) and dataset_load.c (CSV files to dataset). */
#ifndef ITAKIT_DATASET_IMPL_H
#define ITAKIT_DATASET_IMPL_H

#include <stdint.h>
#include <sys/types.h>
#include "itakit/dataset.h"

/* Score slots of a unit-year: the indicators, then the tools, then the
 * overall. */
#define SLOT_TOOL(t) (ITAKIT_MAX_INDICATORS + (t))
#define SLOT_OVERALL (ITAKIT_MAX_INDICATORS + ITAKIT_MAX_TOOLS)
#define N_SLOTS (SLOT_OVERALL + 1)

/* Where a score came from, to name the first line of a duplicate. */
typedef struct {
	uint32_t file;   /* index into ds->files */
	uint32_t line;   /* 0: not given yet */
} origin;

typedef struct {
	char **keys;        /* match key of each unit's name */
	origin **origins;   /* per unit: N_SLOTS per year, parallel to years */
	size_t units_cap;
	size_t *slots;      /* open addressing: unit index + 1, 0 = empty */
	size_t n_slots;     /* a power of two, at least twice the units */
} ds_index;

/* The unit whose name has this match key, or -1. */
ssize_t itakit_ds_lookup(const itakit_dataset *ds, const char *key);

/* Finds or creates the unit named raw_name (normalised for display). */
int itakit_ds_unit(itakit_dataset *ds, const char *raw_name, size_t *out);

/* Finds or creates a unit's year (kept ascending) and its origins. */
int itakit_ds_year(itakit_dataset *ds, size_t unit, int year, itakit_unit_year **out, origin **orig);

#endif
