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
			free(ix->keys[i]);
			free(ix->origins[i]);
		}
	}
	if (ix) {
		free(ix->keys);
		free(ix->origins);
		free(ix->slots);
		free(ix);
	}
	for (size_t i = 0; i < ds->n_files; i++)
		free(ds->files[i]);
	free(ds->files);
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
	while (ix->slots[i] && strcmp(ix->keys[ix->slots[i] - 1], key) != 0)
		i = (i + 1) & mask;
	return i;
}

static int rehash(ds_index *ix, size_t n_units)
{
	size_t n = 64;
	while (n < n_units * 2 + 2)
		n *= 2;
	size_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return ITAKIT_ENOMEM;
	free(ix->slots);
	ix->slots = slots;
	ix->n_slots = n;
	for (size_t u = 0; u < n_units; u++)
		ix->slots[probe(ix, ix->keys[u])] = u + 1;
	return 0;
}

static ds_index *index_of(itakit_dataset *ds)
{
	if (!ds->index)
		ds->index = calloc(1, sizeof(ds_index));
	return ds->index;
}

ssize_t itakit_ds_lookup(const itakit_dataset *ds, const char *key)
{
	const ds_index *ix = ds->index;
	if (!ix || !ix->n_slots)
		return -1;
	size_t slot = ix->slots[probe(ix, key)];
	return slot ? (ssize_t)slot - 1 : -1;
}

/* Grows the unit arrays by one; the new unit takes ownership of key. */
static int append_unit(itakit_dataset *ds, ds_index *ix, char *key, char *name)
{
	if (ds->n_units == ix->units_cap) {
		size_t cap = ix->units_cap ? ix->units_cap * 2 : 64;
		itakit_unit *units = realloc(ds->units, cap * sizeof *units);
		if (units)
			ds->units = units;
		char **keys = realloc(ix->keys, cap * sizeof *keys);
		if (keys)
			ix->keys = keys;
		origin **origins = realloc(ix->origins, cap * sizeof *origins);
		if (origins)
			ix->origins = origins;
		if (!units || !keys || !origins)
			return ITAKIT_ENOMEM;
		ix->units_cap = cap;
	}
	if ((ds->n_units + 1) * 2 + 2 > ix->n_slots) {
		if (rehash(ix, ds->n_units) != 0)
			return ITAKIT_ENOMEM;
	}
	itakit_unit *u = &ds->units[ds->n_units];
	memset(u, 0, sizeof *u);
	u->name = name;
	ix->keys[ds->n_units] = key;
	ix->origins[ds->n_units] = NULL;
	ix->slots[probe(ix, key)] = ds->n_units + 1;
	ds->n_units++;
	return 0;
}

int itakit_ds_unit(itakit_dataset *ds, const char *raw_name, size_t *out)
{
	ds_index *ix = index_of(ds);
	char *key = itakit_text_match_key(raw_name);
	if (!ix || !key) {
		free(key);
		return ITAKIT_ENOMEM;
	}
	ssize_t found = itakit_ds_lookup(ds, key);
	if (found >= 0) {
		free(key);
		*out = (size_t)found;
		return 0;
	}
	char *name = itakit_text_normalize(raw_name);
	if (!name || append_unit(ds, ix, key, name) != 0) {
		free(key);
		free(name);
		return ITAKIT_ENOMEM;
	}
	*out = ds->n_units - 1;
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

int itakit_ds_year(itakit_dataset *ds, size_t unit, int year, itakit_unit_year **out, origin **orig)
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
	ssize_t i = itakit_ds_lookup(ds, key);
	for (size_t u = 0; i < 0 && u < ds->n_units; u++)
		if (keys_equal(key, ds->units[u].code))
			i = (ssize_t)u;
	free(key);
	return i >= 0 ? &ds->units[i] : NULL;
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
