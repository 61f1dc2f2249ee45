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

/* A row of a file: where a score or a unit came from. */
typedef struct {
	uint32_t file;   /* index into ds->files */
	uint32_t line;   /* 0: not given yet */
} origin;

/* What the index knows of one unit besides its scores. */
typedef struct {
	char *name_key;        /* match key of the name */
	char *group_key;       /* match key of the group, or NULL */
	origin first;          /* the row that made the unit */
	origin group_from;     /* the row that gave its group */
	origin no_code;        /* the first row naming it without a code */
	size_t next_same_name; /* next unit with this name key, + 1; 0: none */
	bool name_warned, group_warned;
} ds_unit_info;

/* A hash key: "c" + code key, "n" + name key (the first unit of that name;
 * the others follow next_same_name), "g" + name key + '\x1f' + group key. */
typedef struct {
	char *key;
	size_t unit;
} ds_entry;

typedef struct {
	ds_unit_info *info; /* per unit */
	origin **origins;   /* per unit: N_SLOTS per year, parallel to years */
	size_t units_cap;
	ds_entry *entries;
	size_t n_entries, entries_cap;
	size_t *slots;      /* open addressing: entry index + 1, 0 = empty */
	size_t n_slots;     /* a power of two, at least twice the entries */
} ds_index;

/* The unit filed under key (with its one-letter kind), or -1. */
ssize_t itakit__dataset_lookup(const itakit_dataset *ds, char kind, const char *key);

/* Files unit under kind + key (and group key for 'g'); key is copied. */
int itakit__dataset_file_key(itakit_dataset *ds, char kind, const char *key, const char *group_key,
			     size_t unit);

/* Creates a unit named raw_name (normalised for display), filed by its name
 * key after any other unit of the same name. */
int itakit__dataset_new_unit(itakit_dataset *ds, const char *raw_name, origin first, size_t *out);

/* The key of a unit code: normalised spaces, ASCII digits; case counts
 * (two codes are never merged). Malloc'd, NULL on out of memory. */
char *itakit__dataset_code_key(const char *code);

/* The index's record of unit u. */
ds_unit_info *itakit__dataset_info(itakit_dataset *ds, size_t u);

/* The first unit whose name has this match key, or -1; the next ones
 * follow ds_unit_info.next_same_name. */
ssize_t itakit__dataset_first_named(const itakit_dataset *ds, const char *name_key);

/* Finds or creates a unit's year (kept ascending) and its origins. */
int itakit__dataset_year(itakit_dataset *ds, size_t unit, int year, itakit_unit_year **out, origin **orig);

#endif
