#include "render/fonts.h"
#include "itakit/error.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The fallback for characters the chosen family lacks (symbols such as ✓
 * or −, Latin for a Thai-only family): its upright regular and bold faces,
 * added after the chosen family's files. DejaVu is on every Debian system
 * (fontconfig depends on it). */
static const char fallback[] = "DejaVu Sans";

#define MAX_FAMILIES 32

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FcConfig *system_config; /* for looking families up; never current */
static FcConfig *app_config;    /* what pango matches against */
static char *families[MAX_FAMILIES];
static size_t n_families;

static bool use_system(void)
{
	const char *v = getenv("ITAKIT_SYSTEM_FONTS");
	return v && *v && strcmp(v, "0") != 0;
}

/* The system configuration, loaded once (locked by the caller). */
static FcConfig *system_fonts(void)
{
	if (!system_config)
		system_config = FcInitLoadConfigAndFonts();
	return system_config;
}

/* The family's font files, or NULL (locked by the caller); upright faces
 * of normal width only when upright_only. */
static FcFontSet *family_files(const char *family, bool upright_only)
{
	FcConfig *sys = system_fonts();
	if (!sys)
		return NULL;
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_WEIGHT, NULL);
	FcFontSet *fs = NULL;
	bool ok = pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	if (ok && upright_only)
		ok = FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN) &&
		     FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
	if (ok)
		fs = FcFontList(sys, pat, os);
	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	if (fs && fs->nfont == 0) {
		FcFontSetDestroy(fs);
		fs = NULL;
	}
	return fs;
}

/* Sorting the files makes the application set, and so the fallback order,
 * the same on every run whatever order fontconfig listed them in. */
static int by_file(const void *a, const void *b)
{
	FcChar8 *fa = NULL, *fb = NULL;
	FcPatternGetString(*(FcPattern *const *)a, FC_FILE, 0, &fa);
	FcPatternGetString(*(FcPattern *const *)b, FC_FILE, 0, &fb);
	return strcmp(fa ? (const char *)fa : "", fb ? (const char *)fb : "");
}

/* Adds the family's files to the application configuration; for the
 * fallback only its regular and bold upright faces. */
static bool add_family(const char *family, bool is_fallback)
{
	FcFontSet *fs = family_files(family, is_fallback);
	if (!fs)
		return false;
	qsort(fs->fonts, (size_t)fs->nfont, sizeof *fs->fonts, by_file);
	bool added = false;
	for (int i = 0; i < fs->nfont; i++) {
		FcChar8 *file = NULL;
		int weight = FC_WEIGHT_REGULAR;
		FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0, &weight);
		if (is_fallback && weight != FC_WEIGHT_REGULAR && weight != FC_WEIGHT_BOOK &&
		    weight != FC_WEIGHT_BOLD)
			continue;
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
		    FcConfigAppFontAddFile(app_config, file))
			added = true;
	}
	FcFontSetDestroy(fs);
	return added;
}

static bool known(const char *family)
{
	for (size_t i = 0; i < n_families; i++)
		if (strcasecmp(families[i], family) == 0)
			return true;
	return false;
}

bool itakit__fonts_installed(const char *family)
{
	pthread_mutex_lock(&lock);
	FcFontSet *fs = family_files(family, false);
	pthread_mutex_unlock(&lock);
	if (!fs)
		return false;
	FcFontSetDestroy(fs);
	return true;
}

int itakit__fonts_use(const char *family)
{
	if (use_system())
		return 0;
	int rc = 0;
	pthread_mutex_lock(&lock);
	if (known(family))
		goto out;
	if (n_families == MAX_FAMILIES) /* keep going with what is there */
		goto out;
	char *copy = strdup(family);
	if (!copy) {
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		goto out;
	}
	bool first = !app_config;
	if (first && !(app_config = FcConfigCreate())) {
		free(copy);
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		goto out;
	}
	if (!add_family(family, false)) {
		free(copy);
		rc = itakit_error_set(ITAKIT_ENOTFOUND, "font \"%s\" has no font file", family);
		goto out;
	}
	families[n_families++] = copy;
	if (first && strcasecmp(family, fallback) != 0)
		add_family(fallback, true);
	/* Font maps made from now on use the current configuration; the
	 * calling thread's default map may have cached the system's. */
	FcConfigSetCurrent(app_config);
	PangoFontMap *map = pango_cairo_font_map_get_default();
	if (PANGO_IS_FC_FONT_MAP(map))
		pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(map));
out:
	pthread_mutex_unlock(&lock);
	return rc;
}
