/* Output file names for `itakit batch` (rule in batch.h and --help). */
#include "batch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "itakit/text.h"

/* Characters no file name may hold on some system: path separators, the
 * ones Windows reserves, and spaces (a name without them needs no quoting
 * in a shell). */
static bool replaced(unsigned char c)
{
	return c < 0x20 || c == 0x7F || strchr(" /\\:*?\"<>|", c) != NULL;
}

/* text made safe: every run of replaced characters becomes one '-', no
 * leading '.' or '-', no trailing '.' or '-' (Windows drops a trailing
 * dot), at most BATCH_BASE_MAX bytes cut between characters. Thai and
 * other letters are kept as they are. Returns a malloc'd string, "" when
 * nothing is left, NULL on out of memory. */
static char *safe_stem(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (replaced(*p)) {
			if (k && out[k - 1] != '-')
				out[k++] = '-';
			continue;
		}
		if (k == 0 && (*p == '.' || *p == '-'))
			continue;
		out[k++] = (char)*p;
	}
	out[k] = '\0';
	out[itakit_text_cut(out, BATCH_BASE_MAX)] = '\0';
	for (k = strlen(out); k && (out[k - 1] == '.' || out[k - 1] == '-');)
		out[--k] = '\0';
	return out;
}

static bool reserved_on_windows(const char *stem)
{
	static const char *const names[] = {"CON", "PRN", "AUX", "NUL"};
	size_t n = strcspn(stem, "."); /* "CON.x" is as reserved as "CON" */
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (n == 3 && strncasecmp(stem, names[i], 3) == 0)
			return true;
	return n == 4 && (strncasecmp(stem, "COM", 3) == 0 || strncasecmp(stem, "LPT", 3) == 0) &&
	       stem[3] >= '0' && stem[3] <= '9';
}

/* The stem of one unit before collisions: its code, else its name. */
static char *base_stem(const itakit_unit *u, size_t i)
{
	const char *sources[] = {u->code, u->name};
	for (size_t k = 0; k < 2; k++) {
		if (!sources[k])
			continue;
		char *stem = safe_stem(sources[k]);
		if (!stem || (*stem && !reserved_on_windows(stem)))
			return stem;
		free(stem);
	}
	char buf[32]; /* a name of separators only */
	snprintf(buf, sizeof buf, "unit-%04zu", i + 1);
	return strdup(buf);
}

/* A set of stems compared ignoring ASCII case (case-insensitive file
 * systems): open addressing over the stems' hashes. */
typedef struct {
	const char **slot;
	size_t size; /* a power of two, more than twice the entries */
} stem_set;

static uint64_t fold_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		h = (h ^ (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c)) * 1099511628211u;
	}
	return h;
}

/* Adds s unless present; false when present. */
static bool set_add(stem_set *set, const char *s)
{
	size_t i = (size_t)fold_hash(s) & (set->size - 1);
	for (; set->slot[i]; i = (i + 1) & (set->size - 1))
		if (strcasecmp(set->slot[i], s) == 0)
			return false;
	set->slot[i] = s;
	return true;
}

char **batch_file_stems(const itakit_unit *units, size_t n)
{
	char **stems = calloc(n ? n : 1, sizeof *stems);
	stem_set set = {NULL, 16};
	while (set.size < 2 * n + 2)
		set.size *= 2;
	set.slot = calloc(set.size, sizeof *set.slot);
	bool ok = stems && set.slot;
	/* in input order: the first unit keeps the stem, the later ones get
	 * "-2", "-3", ... (the same on every run) */
	for (size_t i = 0; i < n && ok; i++) {
		char *base = base_stem(&units[i], i);
		if (!base) {
			ok = false;
			break;
		}
		if (set_add(&set, base)) {
			stems[i] = base;
			continue;
		}
		size_t len = strlen(base) + 16;
		for (unsigned k = 2; ok && !stems[i]; k++) {
			char *cand = malloc(len);
			ok = cand != NULL;
			if (ok)
				snprintf(cand, len, "%s-%u", base, k);
			if (ok && set_add(&set, cand))
				stems[i] = cand;
			else
				free(cand);
		}
		free(base);
	}
	free(set.slot);
	if (!ok) {
		batch_file_stems_free(stems, n);
		return NULL;
	}
	return stems;
}

void batch_file_stems_free(char **stems, size_t n)
{
	if (!stems)
		return;
	for (size_t i = 0; i < n; i++)
		free(stems[i]);
	free(stems);
}
