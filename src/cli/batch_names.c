/* Output file names for `itakit batch` (rule in batch.h and --help). */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ASCII letters, digits, '-' and '_'; any other byte run becomes one '-';
 * no leading or trailing '-'. Thai names give "" (no transliteration: a
 * guessed romanisation would mislead more than a number). */
static void ascii_slug(char *out, size_t size, const char *s, bool lower)
{
	size_t k = 0;
	bool dash = false;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 1 < size; p++) {
		bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '_';
		if (!keep) {
			dash = k > 0;
			continue;
		}
		if (dash && k + 2 < size)
			out[k++] = '-';
		dash = false;
		out[k++] = (char)(lower && *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	}
	out[k] = '\0';
}

static bool reserved_on_windows(const char *stem)
{
	static const char *const names[] = {"CON", "PRN", "AUX", "NUL"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(stem, names[i]) == 0)
			return true;
	return (strncasecmp(stem, "COM", 3) == 0 || strncasecmp(stem, "LPT", 3) == 0) &&
	       stem[3] >= '0' && stem[3] <= '9' && !stem[4];
}

typedef struct {
	const char *stem;
	size_t index;
} stem_ref;

static int stem_cmp(const void *a, const void *b)
{
	const stem_ref *x = a, *y = b;
	int c = strcasecmp(x->stem, y->stem);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static char *numbered(size_t i, const char *name)
{
	char slug[41], buf[BATCH_STEM_MAX + 1];
	ascii_slug(slug, sizeof slug, name, true);
	snprintf(buf, sizeof buf, "unit-%04zu%s%s", i + 1, *slug ? "-" : "", slug);
	return strdup(buf);
}

char **batch_file_stems(const itakit_unit *units, size_t n)
{
	char **stems = calloc(n ? n : 1, sizeof *stems);
	stem_ref *refs = calloc(n ? n : 1, sizeof *refs);
	if (!stems || !refs) {
		free(stems);
		free(refs);
		return NULL;
	}
	size_t n_refs = 0;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		char code[BATCH_STEM_MAX + 1] = "";
		if (units[i].code)
			ascii_slug(code, sizeof code, units[i].code, false);
		bool usable = *code && !reserved_on_windows(code) && strncasecmp(code, "unit-", 5) != 0;
		stems[i] = usable ? strdup(code) : numbered(i, units[i].name);
		ok = stems[i] != NULL;
		if (ok && usable)
			refs[n_refs++] = (stem_ref){stems[i], i};
	}
	/* the same code twice (or differing in case only): the later units are numbered */
	if (ok && n_refs > 1) {
		qsort(refs, n_refs, sizeof *refs, stem_cmp);
		for (size_t k = 1; k < n_refs && ok; k++) {
			if (strcasecmp(refs[k].stem, refs[k - 1].stem) != 0)
				continue;
			size_t i = refs[k].index;
			char *num = numbered(i, units[i].name);
			ok = num != NULL;
			if (ok) {
				/* refs[k].stem keeps pointing at the code for the next comparison */
				refs[k].stem = refs[k - 1].stem;
				free(stems[i]);
				stems[i] = num;
			}
		}
	}
	free(refs);
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
