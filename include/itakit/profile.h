/* Profile: what the score data does not hold (who the report is for, who
 * wrote it, how it looks), read from a "key = value" file documented in
 * data/profile.ini. Every key is optional; an unknown key, a duplicate key or
 * a bad value is an error, so that a typo never silently drops a setting. */
#ifndef ITAKIT_PROFILE_H
#define ITAKIT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include "itakit/diag.h"
#include "itakit/text.h"

/* Largest profile file and largest single value, in bytes. */
#define ITAKIT_PROFILE_MAX_SIZE (1024 * 1024)
#define ITAKIT_PROFILE_MAX_VALUE (64 * 1024)

/* Every char * is owned by the profile (freed by itakit_profile_release) and
 * NULL when the key is absent or its value empty. Text values are UTF-8,
 * normalised line by line (sara am fixed, spaces trimmed and collapsed);
 * "\n" in the file becomes a '\n' between paragraphs, empty paragraphs are
 * dropped. */
typedef struct {
	char *agency;               /* agency name for titles */
	char *agency_en;            /* its English name, for the English edition */
	char *responsible_default;  /* for a measure with an empty responsible cell */
	char *author;               /* unit that prepared the document */
	char *constraints;          /* ข้อจำกัด paragraphs; NULL = no section */
	char *logo;                 /* PNG path, resolved against the profile's
				     * directory; checked to exist and be a PNG */
	char *font;                 /* body font family */

	bool date_set;              /* date given */
	int date_year;              /* BE (2567) */
	int date_month;             /* 1..12 */
	int date_day;               /* 1..31, valid for the month (CE calendar) */

	itakit_digits digits;       /* default ITAKIT_DIGITS_THAI */
	bool digits_set;            /* given in the file (the CLI's option wins
				     * over a default, the file over nothing) */
	itakit_lang lang;           /* default ITAKIT_LANG_TH */
	bool lang_set;

	char *source;               /* file name it came from, or NULL */
} itakit_profile;

/* Sets every field to its default (no allocation). */
void itakit_profile_init(itakit_profile *p);

/* Frees what p owns and re-initialises it; safe on an initialised profile. */
void itakit_profile_release(itakit_profile *p);

/* Parses a profile's text (len bytes, need not be NUL-terminated; a UTF-8
 * BOM and CRLF line ends are accepted). filename (may be NULL) names the file
 * in diagnostics and is the base for a relative logo path (NULL: the current
 * directory). out must be initialised. Every problem goes to diags as
 * FILE:LINE:COLUMN. Returns 0; ITAKIT_EINPUT when there was an error (out is
 * then released: all or nothing); ITAKIT_ENOMEM. */
int itakit_profile_parse(itakit_profile *out, const char *text, size_t len,
			 const char *filename, itakit_diag_list *diags);

/* Reads path and parses it. Returns as itakit_profile_parse, or the error of
 * reading the file (ITAKIT_ENOTFOUND, ITAKIT_ERROR, ITAKIT_ELIMIT). */
int itakit_profile_load(itakit_profile *out, const char *path, itakit_diag_list *diags);

/* Writes the profile's date for printing: in Thai "๓๑ มกราคม ๒๕๖๗" (BE
 * year), in English "31 January 2024" (CE year), with the given digits.
 * Writes "" when the profile has no date. Returns buf. */
char *itakit_profile_format_date(char *buf, size_t size, const itakit_profile *p,
				 itakit_lang lang, itakit_digits digits);

#endif
