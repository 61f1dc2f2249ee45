/* Wording helpers the renderers share with the narrative (internal). */
#ifndef ITAKIT_NARRATIVE_INTERNAL_H
#define ITAKIT_NARRATIVE_INTERNAL_H

#include "itakit/text.h"

/* The word that joins the last item of a list to the ones before it, with
 * its spaces: " and " in English; in Thai "และ" is written against a Thai
 * word (" และตัวชี้วัดที่") and spaced from anything else, a number, a Latin
 * word or a parenthesis (" และ OIT", " และ (๔)"). next is the item that
 * follows. Static storage. */
const char *itakit__narrative_and(itakit_lang lang, const char *next);

#endif
