/* Who a report of one unit is of, from the profile and the data: the
 * measure report and the progress report name their agency and unit by
 * this one rule. Internal to src/render. */
#ifndef ITAKIT_RENDER_AGENCY_H
#define ITAKIT_RENDER_AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include "itakit/profile.h"

typedef struct {
	const char *agency;   /* the title's name: the profile's agency (its
				 English twin in the English edition) or the unit's */
	const char *unit;     /* the unit in sentences: the English twin when the
				 document is the unit's own, else its name */
	bool agency_is_unit;  /* the document is the unit's own */
} itakit__agency_names;

/* The profile's agency names the document when the data set holds only
 * this unit (data_units <= 1), or when the agency is this unit's name: a
 * profile given for a data set of many units (a batch of district offices)
 * cannot be each unit's, so each document then names its own unit and the
 * profile gives the rest (author, date, emblem...). In the English edition
 * (thai false) the profile's agency_en replaces the agency, and names the
 * unit too when the document is the unit's own. Borrows from p and unit. */
void itakit__agency_name(itakit__agency_names *out, const itakit_profile *p, const char *unit,
			 size_t data_units, bool thai);

#endif
