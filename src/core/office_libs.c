/* Loading the office-format libraries at first use (why: office_libs.h). */
#include "core/office_libs.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "itakit/error.h"

struct itakit__office_zip itakit__zip;
struct itakit__office_xml itakit__xml;
struct itakit__office_xlsxwriter itakit__xlsxwriter;

#define NAME_OF(name) #name,
static const char *const zip_names[] = {ITAKIT__ZIP_FUNCTIONS(NAME_OF)};
static const char *const xml_names[] = {ITAKIT__XML_FUNCTIONS(NAME_OF) "xmlFree"};
static const char *const xlsxwriter_names[] = {ITAKIT__XLSXWRITER_FUNCTIONS(NAME_OF)};
#undef NAME_OF

/* One library: its file (the soname the build found, ITAKIT_SONAME_*), the
 * names to resolve and the table they fill, entry by entry in order. */
typedef struct {
	const char *file;
	const char *const *names;
	size_t count;
	void *table;
	pthread_once_t once;
	int rc;
	char error[256];
} office_lib;

static office_lib libs[] = {
	{ITAKIT_SONAME_ZIP, zip_names, sizeof zip_names / sizeof *zip_names, &itakit__zip,
	 PTHREAD_ONCE_INIT, 0, ""},
	{ITAKIT_SONAME_XML, xml_names, sizeof xml_names / sizeof *xml_names, &itakit__xml,
	 PTHREAD_ONCE_INIT, 0, ""},
	{ITAKIT_SONAME_XLSXWRITER, xlsxwriter_names, sizeof xlsxwriter_names / sizeof *xlsxwriter_names,
	 &itakit__xlsxwriter, PTHREAD_ONCE_INIT, 0, ""},
};

/* The tables are structs of function pointers only, laid out as arrays. */
_Static_assert(sizeof itakit__zip == sizeof zip_names / sizeof *zip_names * sizeof(void *), "zip table");
_Static_assert(sizeof itakit__xml == sizeof xml_names / sizeof *xml_names * sizeof(void *), "xml table");
_Static_assert(sizeof itakit__xlsxwriter == sizeof xlsxwriter_names / sizeof *xlsxwriter_names * sizeof(void *),
	       "xlsxwriter table");

static void load(office_lib *lib)
{
	/* never unloaded: the library stays for the life of the process */
	void *handle = dlopen(lib->file, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		snprintf(lib->error, sizeof lib->error, "%s", dlerror());
		lib->rc = ITAKIT_ERROR;
		return;
	}
	for (size_t i = 0; i < lib->count; i++) {
		void *sym = dlsym(handle, lib->names[i]);
		if (!sym) {
			snprintf(lib->error, sizeof lib->error, "%s has no %s", lib->file, lib->names[i]);
			lib->rc = ITAKIT_ERROR;
			return;
		}
		/* a symbol's address as the table's function pointer (POSIX) */
		memcpy((char *)lib->table + i * sizeof sym, &sym, sizeof sym);
	}
}

static void load_zip(void) { load(&libs[0]); }
static void load_xml(void) { load(&libs[1]); }
static void load_xlsxwriter(void) { load(&libs[2]); }

int itakit__office_load(unsigned which)
{
	static void (*const loaders[])(void) = {load_zip, load_xml, load_xlsxwriter};
	for (size_t i = 0; i < sizeof libs / sizeof *libs; i++) {
		if (!(which & 1u << i))
			continue;
		pthread_once(&libs[i].once, loaders[i]);
		if (libs[i].rc)
			return itakit_error_set(libs[i].rc, "cannot load %s, which office files (.xlsx, .docx) need: %s",
						libs[i].file, libs[i].error);
	}
	return 0;
}
