/* Internal: the fonts a process draws with. Matching a family against every
 * font on the system (pango sorts all of them for each font set) costs more
 * than typesetting a short report, so the first use resolves the families
 * the process needs to their files once, through the system's fontconfig,
 * and gives pango an application configuration that holds only those files
 * and a few fallbacks. Later families are added to it as they are asked for. */
#ifndef ITAKIT_RENDER_FONTS_H
#define ITAKIT_RENDER_FONTS_H

/* Makes family (and the fallbacks) available to pango through the
 * application configuration. Returns 0, ITAKIT_ENOTFOUND (without a
 * message) when the system has no face of the family itself (a substitute
 * does not count), or ITAKIT_ENOMEM. Thread-safe. Setting ITAKIT_SYSTEM_FONTS=1
 * in the environment keeps the system configuration (for comparison). */
int itakit__fonts_use(const char *family);

#endif
