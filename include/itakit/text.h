/* Text: UTF-8, Thai digits, Thai normalisation, legacy Thai encodings, and
 * the one number formatter (rounding as published: half away from zero). */
#ifndef ITAKIT_TEXT_H
#define ITAKIT_TEXT_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { ITAKIT_DIGITS_THAI, ITAKIT_DIGITS_ARABIC } itakit_digits;
typedef enum { ITAKIT_LANG_TH, ITAKIT_LANG_EN } itakit_lang;

/* Decodes one UTF-8 sequence from s (n bytes available). Returns its length
 * (1-4) and stores the code point, or returns 0 for an invalid or truncated
 * sequence (overlongs, surrogates and > U+10FFFF are invalid). */
size_t itakit_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t itakit_utf8_encode(uint32_t cp, char *out);

/* True when s[0..n) is valid UTF-8. On false, *bad (if not NULL) is the byte
 * offset of the first invalid sequence. */
bool itakit_utf8_valid(const char *s, size_t n, size_t *bad);

/* Number of code points in s[0..n) (valid UTF-8 assumed; bytes otherwise). */
size_t itakit_utf8_length(const char *s, size_t n);

/* True when s[0..n) is not valid UTF-8 but is plausible Windows-874/TIS-620
 * (bytes >= 0x80 fall in Thai or Windows-874 punctuation ranges). */
bool itakit_text_looks_tis620(const char *s, size_t n);

/* Converts Windows-874 / TIS-620 bytes to UTF-8. Returns a NUL-terminated
 * malloc'd string the caller frees and its length in *out_len (may be NULL),
 * or NULL on out of memory or on a byte with no mapping (*out_len then holds
 * the offset of that byte). */
char *itakit_tis620_to_utf8(const char *s, size_t n, size_t *out_len);

/* Normalises Thai text for matching and display: nikhahit + sara aa
 * (U+0E4D U+0E32) becomes sara am (U+0E33); leading and trailing spaces
 * are dropped and runs of white space (incl. NBSP, tab, CR, LF) become one
 * space. Returns a malloc'd string, or NULL on out of memory. */
char *itakit_text_normalize(const char *s);

/* A key for comparing names: normalised as above, every space removed (line
 * wrapping in copied PDF text leaves stray spaces inside Thai words), ASCII
 * folded to lower case, Thai digits made ASCII, the marks stacked on one
 * Thai letter put in one order (below vowels, above vowels, tone marks,
 * others), and, when the text has letters beyond ASCII and Thai, case
 * folded and composed (NFC), so that NFC and NFD spellings give one key.
 * Returns a malloc'd string or NULL. */
char *itakit_text_match_key(const char *s);

/* True when a and b have the same match key (a unit named with a stray
 * space or a sara am copied out of a PDF is the same unit). False on out of
 * memory. */
bool itakit_text_same_name(const char *a, const char *b);

/* Edit distance between a and b (valid UTF-8) counted in clusters: a
 * character with the Thai vowel and tone marks written above or below it is
 * one unit, so a missing tone mark or a wrong vowel costs 1 like any typo.
 * For "did you mean": compare match keys. Strings longer than 256 clusters
 * give SIZE_MAX. */
size_t itakit_text_distance(const char *a, const char *b);

/* "Did you mean": the indices of up to max names (max <=
 * ITAKIT_TEXT_SUGGEST_MAX) closest to typed, nearest first, comparing match
 * keys by itakit_text_distance within a typo's reach (two edits in a short
 * word, about one in three in a long one), or containing typed; only the
 * nearest are kept (one edit away beats three), and a name equal to typed is
 * not one. Returns how many. */
#define ITAKIT_TEXT_SUGGEST_MAX 8
size_t itakit_text_suggest(size_t *best, size_t max, const char *typed, const char *const *names, size_t n);

/* The length in bytes of the longest start of s (valid UTF-8) that fits in
 * max bytes and ends at a character boundary that does not separate a Thai
 * vowel or tone mark from its letter. */
size_t itakit_text_cut(const char *s, size_t max);

/* Like itakit_text_normalize, but line by line, keeping the line breaks
 * (cells and profile values hold numbered lists); empty lines are dropped.
 * Returns a malloc'd string, or NULL on out of memory. */
char *itakit_text_normalize_lines(const char *s, size_t n);

/* Replaces Thai digits U+0E50..U+0E59 by ASCII digits, in place (the result
 * is never longer). */
void itakit_text_arabic_digits(char *s);

/* Parses a number written with Arabic or Thai digits, optional sign, one
 * decimal point, surrounding spaces allowed. Returns 0, or -1 when s is not
 * a finite number. */
int itakit_text_parse_number(double *out, const char *s);

/* Parses a fiscal year written in BE or CE, Arabic or Thai digits, optionally
 * prefixed "พ.ศ." / "ค.ศ." / "BE" / "CE". A year below 2400 is CE and is
 * converted (BE = CE + 543). Returns 0, or -1 when s is not a plausible year
 * (BE 2400..2700). */
int itakit_text_parse_year(int *be, const char *s);

/* Rounds half away from zero at `decimals` places, as a spreadsheet's ROUND
 * does on the decimal value the double stands for: 82.445 -> 82.45. */
double itakit_round(double v, int decimals);

/* Formats v rounded to `decimals` places. With plus_sign, positive values get
 * "+". digits selects ๐-๙ or 0-9. Never prints "-0.00". Returns buf. */
char *itakit_format_number(char *buf, size_t size, double v, int decimals,
			   itakit_digits digits, bool plus_sign);

/* Formats an integer (e.g. a year) in the given digits. Returns buf. */
char *itakit_format_int(char *buf, size_t size, long v, itakit_digits digits);

/* Converts every ASCII digit of s to Thai digits when digits is THAI; returns
 * a malloc'd copy either way (NULL on out of memory). */
char *itakit_text_localize_digits(const char *s, itakit_digits digits);

#pragma GCC visibility pop
#endif
