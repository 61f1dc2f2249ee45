#include "render/fonts.h"
#include "itakit/error.h"

#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Fallbacks for characters the chosen family lacks, added after its files
 * (fontconfig still orders them by how well they match): a Thai family
 * for a family without Thai, Latin families for a Thai-only one and for
 * symbols (✓, −). Only the upright regular and bold faces of each. */
static const char *const fallbacks[] = {"Laksaman", "Noto Sans", "DejaVu Sans"};

/* Where Debian's packages put the families itakit suggests: these are
 * added directly, without loading the system configuration (parsing its
 * XML and caches costs as much as drawing a chart). Any other family, or
 * one whose files are not all there, is looked up through fontconfig. */
static const struct {
	const char *family;
	const char *files[4];
} debian_files[] = {
	{"Laksaman", {"/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
		      "/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf",
		      "/usr/share/fonts/truetype/tlwg/Laksaman-BoldItalic.ttf",
		      "/usr/share/fonts/truetype/tlwg/Laksaman-Italic.ttf"}},
	{"Noto Sans Thai", {"/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf",
			    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"}},
	{"Noto Serif Thai", {"/usr/share/fonts/truetype/noto/NotoSerifThai-Bold.ttf",
			     "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf"}},
	{"Noto Sans", {"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
		       "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"}},
	{"DejaVu Sans", {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
			 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}},
};

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

/* Whether the application configuration has a face of family. */
static bool app_has(const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
	FcFontSet *fs = NULL;
	if (pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
		fs = FcFontList(app_config, pat, os);
	bool has = fs && fs->nfont > 0;
	if (fs)
		FcFontSetDestroy(fs);
	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	return has;
}

/* Adds the family's files from debian_files when they are all there and
 * hold the family. */
static bool add_debian_files(const char *family)
{
	for (size_t i = 0; i < sizeof debian_files / sizeof *debian_files; i++) {
		if (strcasecmp(debian_files[i].family, family) != 0)
			continue;
		const char *const *files = debian_files[i].files;
		size_t n = 0;
		for (; n < 4 && files[n]; n++)
			if (access(files[n], R_OK) != 0)
				return false;
		for (size_t f = 0; f < n; f++)
			if (!FcConfigAppFontAddFile(app_config, (const FcChar8 *)files[f]))
				return false;
		return app_has(family);
	}
	return false;
}

/* Adds the family's files to the application configuration; for the
 * fallback only its regular and bold upright faces. */
static bool add_family(const char *family, bool is_fallback)
{
	if (add_debian_files(family))
		return true;
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

/* Whether the system configuration has family itself (locked by the caller). */
static bool system_has(const char *family)
{
	FcFontSet *fs = family_files(family, false);
	if (fs)
		FcFontSetDestroy(fs);
	return fs != NULL;
}

int itakit__fonts_use(const char *family)
{
	int rc = 0;
	pthread_mutex_lock(&lock);
	if (known(family))
		goto out;
	/* with the system's configuration (asked for, or too many families to
	 * keep apart), only check that the family is there */
	if (use_system() || n_families == MAX_FAMILIES) {
		rc = system_has(family) ? 0 : ITAKIT_ENOTFOUND;
		goto out;
	}
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
		rc = ITAKIT_ENOTFOUND; /* the caller says which package has it */
		goto out;
	}
	families[n_families++] = copy;
	for (size_t i = 0; first && i < sizeof fallbacks / sizeof *fallbacks; i++)
		if (strcasecmp(family, fallbacks[i]) != 0)
			add_family(fallbacks[i], true);
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
