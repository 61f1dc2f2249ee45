/* The dataset and its storage: units, years, scores, and the private index
 * (name -> unit hash table, and where each score came from). */
#include "dataset_impl.h"
#include "itakit/error.h"
#include "itakit/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void itakit_dataset_init(itakit_dataset *ds)
{
	memset(ds, 0, sizeof *ds);
}

static void unit_release(itakit_unit *u)
{
	free(u->name);
	free(u->code);
	free(u->group);
	for (size_t i = 0; i < u->n_attrs; i++) {
		free(u->attrs[i].key);
		free(u->attrs[i].value);
	}
	free(u->attrs);
	free(u->years);
}

void itakit_dataset_release(itakit_dataset *ds)
{
	ds_index *ix = ds->index;
	for (size_t i = 0; i < ds->n_units; i++) {
		unit_release(&ds->units[i]);
		if (ix) {
			free(ix->info[i].name_key);
			free(ix->info[i].group_key);
			free(ix->origins[i]);
		}
	}
	if (ix) {
		for (size_t i = 0; i < ix->n_entries; i++)
			free(ix->entries[i].key);
		free(ix->entries);
		free(ix->info);
		free(ix->origins);
		free(ix->slots);
		free(ix);
	}
	for (size_t i = 0; i < ds->n_files; i++) {
		free(ds->files[i]);
		free(ds->sheets[i]);
	}
	free(ds->files);
	free(ds->sheets);
	free(ds->units);
	itakit_dataset_init(ds);
}

/* ---- index ------------------------------------------------------------- */

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t probe(const ds_index *ix, const char *key)
{
	size_t mask = ix->n_slots - 1;
	size_t i = (size_t)hash_key(key) & mask;
	while (ix->slots[i] && strcmp(ix->entries[ix->slots[i] - 1].key, key) != 0)
		i = (i + 1) & mask;
	return i;
}

static int rehash(ds_index *ix, size_t n_entries)
{
	size_t n = 64;
	while (n < n_entries * 2 + 2)
		n *= 2;
	size_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return ITAKIT_ENOMEM;
	free(ix->slots);
	ix->slots = slots;
	ix->n_slots = n;
	for (size_t e = 0; e < ix->n_entries; e++)
		ix->slots[probe(ix, ix->entries[e].key)] = e + 1;
	return 0;
}

static ds_index *index_of(itakit_dataset *ds)
{
	if (!ds->index)
		ds->index = calloc(1, sizeof(ds_index));
	return ds->index;
}

/* kind + key (+ '\x1f' + group): the full hash key, malloc'd. */
static char *full_key(char kind, const char *key, const char *group_key)
{
	size_t n = strlen(key), g = group_key ? strlen(group_key) + 1 : 0;
	char *k = malloc(n + g + 2);
	if (!k)
		return NULL;
	k[0] = kind;
	memcpy(k + 1, key, n + 1);
	if (group_key) {
		k[n + 1] = '\x1f';
		memcpy(k + n + 2, group_key, g);
	}
	return k;
}

static ssize_t lookup_full(const ds_index *ix, const char *full)
{
	if (!ix || !ix->n_slots)
		return -1;
	size_t slot = ix->slots[probe(ix, full)];
	return slot ? (ssize_t)ix->entries[slot - 1].unit : -1;
}

ssize_t itakit__dataset_lookup(const itakit_dataset *ds, char kind, const char *key)
{
	char *full = full_key(kind, key, NULL);
	ssize_t u = full ? lookup_full(ds->index, full) : -1;
	free(full);
	return u;
}

int itakit__dataset_file_key(itakit_dataset *ds, char kind, const char *key, const char *group_key,
			     size_t unit)
{
	ds_index *ix = index_of(ds);
	char *full = ix ? full_key(kind, key, kind == 'g' ? (group_key ? group_key : "") : NULL) : NULL;
	if (!full)
		return ITAKIT_ENOMEM;
	if (lookup_full(ix, full) >= 0) { /* filed already: the first stays */
		free(full);
		return 0;
	}
	if (ix->n_entries == ix->entries_cap) {
		size_t cap = ix->entries_cap ? ix->entries_cap * 2 : 64;
		ds_entry *e = realloc(ix->entries, cap * sizeof *e);
		if (!e) {
			free(full);
			return ITAKIT_ENOMEM;
		}
		ix->entries = e;
		ix->entries_cap = cap;
	}
	if ((ix->n_entries + 1) * 2 + 2 > ix->n_slots && rehash(ix, ix->n_entries + 1) != 0) {
		free(full);
		return ITAKIT_ENOMEM;
	}
	ix->entries[ix->n_entries] = (ds_entry){full, unit};
	ix->slots[probe(ix, full)] = ++ix->n_entries;
	return 0;
}

char *itakit__dataset_code_key(const char *code)
{
	char *k = itakit_text_normalize(code);
	if (k)
		itakit_text_arabic_digits(k);
	return k;
}

ds_unit_info *itakit__dataset_info(itakit_dataset *ds, size_t u)
{
	return &((ds_index *)ds->index)->info[u];
}

ssize_t itakit__dataset_first_named(const itakit_dataset *ds, const char *name_key)
{
	return itakit__dataset_lookup(ds, 'n', name_key);
}

/* Grows the unit arrays by one. */
static int grow_units(itakit_dataset *ds, ds_index *ix)
{
	if (ds->n_units < ix->units_cap)
		return 0;
	size_t cap = ix->units_cap ? ix->units_cap * 2 : 64;
	itakit_unit *units = realloc(ds->units, cap * sizeof *units);
	if (units)
		ds->units = units;
	ds_unit_info *info = realloc(ix->info, cap * sizeof *info);
	if (info)
		ix->info = info;
	origin **origins = realloc(ix->origins, cap * sizeof *origins);
	if (origins)
		ix->origins = origins;
	if (!units || !info || !origins)
		return ITAKIT_ENOMEM;
	ix->units_cap = cap;
	return 0;
}

int itakit__dataset_new_unit(itakit_dataset *ds, const char *raw_name, origin first, size_t *out)
{
	ds_index *ix = index_of(ds);
	if (!ix || grow_units(ds, ix) != 0)
		return ITAKIT_ENOMEM;
	char *key = itakit_text_match_key(raw_name);
	char *name = itakit_text_normalize(raw_name);
	if (!key || !name) {
		free(key);
		free(name);
		return ITAKIT_ENOMEM;
	}
	size_t u = ds->n_units;
	ssize_t same = itakit__dataset_first_named(ds, key);
	if (same < 0 && itakit__dataset_file_key(ds, 'n', key, NULL, u) != 0) {
		free(key);
		free(name);
		return ITAKIT_ENOMEM;
	}
	if (same >= 0) { /* after the last unit of that name */
		size_t last = (size_t)same;
		while (ix->info[last].next_same_name)
			last = ix->info[last].next_same_name - 1;
		ix->info[last].next_same_name = u + 1;
	}
	memset(&ds->units[u], 0, sizeof ds->units[u]);
	ds->units[u].name = name;
	memset(&ix->info[u], 0, sizeof ix->info[u]);
	ix->info[u].name_key = key;
	ix->info[u].first = first;
	ix->origins[u] = NULL;
	ds->n_units++;
	*out = u;
	return 0;
}

static void year_init(itakit_unit_year *y, int year)
{
	memset(y, 0, sizeof *y);
	y->year = year;
	for (size_t i = 0; i < ITAKIT_MAX_INDICATORS; i++)
		y->indicator[i] = NAN;
	for (size_t i = 0; i < ITAKIT_MAX_TOOLS; i++)
		y->tool[i] = NAN;
	y->overall = NAN;
}

int itakit__dataset_year(itakit_dataset *ds, size_t unit, int year, itakit_unit_year **out, origin **orig)
{
	ds_index *ix = ds->index;
	itakit_unit *u = &ds->units[unit];
	size_t k = u->n_years; /* years mostly come in ascending order: look from the end */
	while (k > 0 && u->years[k - 1].year > year)
		k--;
	if (k == 0 || u->years[k - 1].year != year) {
		itakit_unit_year *years = realloc(u->years, (u->n_years + 1) * sizeof *years);
		if (years)
			u->years = years;
		origin *o = realloc(ix->origins[unit], (u->n_years + 1) * N_SLOTS * sizeof *o);
		if (o)
			ix->origins[unit] = o;
		if (!years || !o)
			return ITAKIT_ENOMEM;
		memmove(&years[k + 1], &years[k], (u->n_years - k) * sizeof *years);
		memmove(&o[(k + 1) * N_SLOTS], &o[k * N_SLOTS], (u->n_years - k) * N_SLOTS * sizeof *o);
		year_init(&years[k], year);
		memset(&o[k * N_SLOTS], 0, N_SLOTS * sizeof *o);
		u->n_years++;
		k++;
	}
	*out = &u->years[k - 1];
	*orig = &ix->origins[unit][(k - 1) * N_SLOTS];
	return 0;
}

/* ---- queries ----------------------------------------------------------- */

static bool keys_equal(const char *key, const char *text)
{
	char *k = text ? itakit_text_match_key(text) : NULL;
	bool same = k && strcmp(k, key) == 0;
	free(k);
	return same;
}

const itakit_unit *itakit_dataset_find_unit(const itakit_dataset *ds, const char *name)
{
	if (!ds || !name)
		return NULL;
	char *key = itakit_text_match_key(name);
	if (!key)
		return NULL;
	/* a code names one unit; a name shared by several units names none */
	char *ck = itakit__dataset_code_key(name);
	ssize_t i = ck ? itakit__dataset_lookup(ds, 'c', ck) : -1;
	free(ck);
	if (i < 0) {
		i = itakit__dataset_first_named(ds, key);
		if (i >= 0 && ((const ds_index *)ds->index)->info[i].next_same_name)
			i = -1;
	}
	free(key);
	return i >= 0 ? &ds->units[i] : NULL;
}

size_t itakit_dataset_count_named(const itakit_dataset *ds, const char *name)
{
	char *key = ds && name ? itakit_text_match_key(name) : NULL;
	if (!key)
		return 0;
	size_t n = 0;
	for (ssize_t i = itakit__dataset_first_named(ds, key); i >= 0;
	     i = (ssize_t)((const ds_index *)ds->index)->info[i].next_same_name - 1)
		n++;
	free(key);
	return n;
}

const itakit_unit_year *itakit_unit_find_year(const itakit_unit *u, int year)
{
	if (!u)
		return NULL;
	size_t lo = 0, hi = u->n_years;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (u->years[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < u->n_years && u->years[lo].year == year ? &u->years[lo] : NULL;
}

const char *itakit_unit_attr(const itakit_unit *u, const char *key)
{
	if (!u || !key)
		return NULL;
	for (size_t i = 0; i < u->n_attrs; i++)
		if (strcmp(u->attrs[i].key, key) == 0)
			return u->attrs[i].value;
	char *k = itakit_text_match_key(key);
	const char *found = NULL;
	for (size_t i = 0; k && !found && i < u->n_attrs; i++)
		if (keys_equal(k, u->attrs[i].key))
			found = u->attrs[i].value;
	free(k);
	return found;
}
