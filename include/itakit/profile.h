/* Profile: what the score data does not hold (who the report is for, who
 * wrote it, how it looks), read from a "key = value" file documented in
 * data/profile.ini. Every key is optional; an unknown key, a duplicate key or
 * a bad value is an error, so that a typo never silently drops a setting. */
#ifndef ITAKIT_PROFILE_H
#define ITAKIT_PROFILE_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include "itakit/diag.h"
#include "itakit/text.h"

/* Largest profile file and largest single value, in bytes. */
#define ITAKIT_PROFILE_MAX_SIZE (1024 * 1024)
#define ITAKIT_PROFILE_MAX_VALUE (64 * 1024)

/* A date as printed on a document: year in the Buddhist Era (2567);
 * year 0 means no date. */
typedef struct {
	int year, month, day;
} itakit_profile_date;

/* Every char * is owned by the profile (freed by itakit_profile_release) and
 * NULL when the key is absent or its value empty. Text values are UTF-8,
 * normalised line by line (sara am fixed, spaces trimmed and collapsed);
 * "\n" in the file becomes a '\n' between paragraphs, empty paragraphs are
 * dropped. */
typedef struct {
	/* Free text. Each has an English twin (the same key with "_en") that
	 * the English edition prints instead; without it the English edition
	 * prints the Thai text and itakit_profile_check_english warns. */
	char *agency;               /* agency name for titles */
	char *agency_en;
	char *responsible_default;  /* for a measure with an empty responsible cell */
	char *responsible_default_en;
	char *author;               /* unit that prepared the document */
	char *author_en;
	char *constraints;          /* ข้อจำกัด paragraphs; NULL = no section */
	char *constraints_en;
	char *approval_name;        /* who signs the approval block; the block is
				     * printed when this or approval_position is given */
	char *approval_name_en;
	char *approval_position;    /* the signer's position, one line each */
	char *approval_position_en;

	char *logo;                 /* emblem for the cover, a PNG or SVG file:
				     * path resolved against the profile's
				     * directory, checked to exist and be one */
	bool logo_svg;              /* logo is SVG (else PNG) */
	char *font;                 /* body font family */

	bool date_set;              /* date given */
	int date_year;              /* BE (2567) */
	int date_month;             /* 1..12 */
	int date_day;               /* 1..31, valid for the month (CE calendar) */
	bool approval_date_set;     /* approval_date given (else the block
				     * takes the document's date, if any) */
	int approval_year, approval_month, approval_day;
	itakit_profile_date progress_date[2]; /* progress_date_6, progress_date_12:
					       * the progress report's date in that
					       * round (else it takes date) */

	itakit_digits digits;       /* default ITAKIT_DIGITS_THAI */
	bool digits_set;            /* given in the file (the CLI's option wins
				     * over a default, the file over nothing) */
	itakit_lang lang;           /* default ITAKIT_LANG_TH */
	bool lang_set;

	char *source;               /* file name it came from, or NULL */
	unsigned key_line[24];      /* private: line each key was given on */
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

/* The text to print for a free-text field in lang: the English twin in the
 * English edition when given, else the Thai value. Either may be NULL. */
const char *itakit_profile_text(const char *th, const char *en, itakit_lang lang);

/* Adds a warning to diags for every free-text key given without its English
 * twin (naming both keys, at the key's line): what the English edition
 * would print in Thai. Returns 0 or ITAKIT_ENOMEM. */
int itakit_profile_check_english(const itakit_profile *p, itakit_diag_list *diags);

/* Parses a date written YYYY-MM-DD (Arabic or Thai digits; a year from
 * 2400 on is BE, below that CE) into out (BE year). Returns 0, or
 * ITAKIT_EINPUT with a message naming text. */
int itakit_profile_parse_date(itakit_profile_date *out, const char *text);

/* The line of p's file that gave key ("date", "progress_date_6"...), or 0
 * when the key was not given. */
unsigned itakit_profile_key_line(const itakit_profile *p, const char *key);

/* Writes a date (BE year) for printing, as itakit_profile_format_date. */
char *itakit_profile_format_ymd(char *buf, size_t size, int be_year, int month, int day,
				itakit_lang lang, itakit_digits digits);

/* Writes the profile's date for printing: in Thai "๓๑ มกราคม ๒๕๖๗" (BE
 * year), in English "31 January 2024" (CE year), with the given digits.
 * Writes "" when the profile has no date. Returns buf. */
char *itakit_profile_format_date(char *buf, size_t size, const itakit_profile *p,
				 itakit_lang lang, itakit_digits digits);

#pragma GCC visibility pop
#endif
