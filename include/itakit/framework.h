/* The ITA framework as data: indicators, tools and their weights, aliases,
 * the pass line, the default flag line and plan target, and the level schemes, each for a range of fiscal
 * years (BE). Read from data/framework.ini (or a user's file); a compiled-in
 * copy of data/framework.ini is the fallback. */
#ifndef ITAKIT_FRAMEWORK_H
#define ITAKIT_FRAMEWORK_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>
#include "itakit/diag.h"

#define ITAKIT_MAX_INDICATORS 16
#define ITAKIT_MAX_TOOLS 4
#define ITAKIT_MAX_LEVELS 10

typedef struct {
	char *code;      /* "IIT" */
	char *name_th;   /* full Thai name of the tool */
	char *name_en;
	double weight;   /* share of the overall, in percent (30) */
} itakit_tool_def;

typedef struct {
	int code;        /* 1..n_indicators; index = code - 1 */
	int tool;        /* index into the era's tools */
	char *name_th;   /* canonical Thai name */
	char *name_en;
} itakit_indicator_def;

typedef struct {
	char *name_th;   /* "A", "ผ่านดี" */
	char *name_en;
	double min_overall;   /* overall >= this (rounded score) */
	double min_each_tool; /* and every tool >= this; < 0 when no condition */
} itakit_level_def;

/* Indicators and tools in force for a range of years. */
typedef struct {
	int year_from, year_to;   /* BE, inclusive */
	size_t n_tools;
	itakit_tool_def tools[ITAKIT_MAX_TOOLS];
	size_t n_indicators;
	itakit_indicator_def indicators[ITAKIT_MAX_INDICATORS];
	size_t n_aliases;
	struct { char *key; int code; } *aliases; /* match keys -> indicator code */
} itakit_framework_era;

/* Levels in force for a range of years, best level first. */
typedef struct {
	int year_from, year_to;
	size_t n_levels;
	itakit_level_def levels[ITAKIT_MAX_LEVELS];
} itakit_level_scheme;

typedef struct {
	double pass_line;          /* official pass line: overall >= it passes (85) */
	double threshold;          /* default flag line: indicators below it need
				      improving (85) */
	double target;             /* default target of the improvement plan;
				      < 0: the flag line */
	size_t n_eras;
	itakit_framework_era *eras;
	size_t n_schemes;
	itakit_level_scheme *schemes;
	char *source;              /* file it came from, or "(built-in)" */
} itakit_framework;

void itakit_framework_init(itakit_framework *fw);
void itakit_framework_release(itakit_framework *fw);

/* Parses a framework file's text into out, which must be initialised
 * (itakit_framework_init) and empty. Problems go to diags as FILE:LINE:COLUMN
 * (filename NULL: "(built-in)"). Returns 0, ITAKIT_EINPUT or ITAKIT_ENOMEM;
 * on failure out is left empty. */
int itakit_framework_parse(itakit_framework *out, const char *text, size_t len,
			   const char *filename, itakit_diag_list *diags);

/* Loads path, or, when path is NULL, data/framework.ini of the source tree
 * if present, else the compiled-in copy. A path that cannot be read gives
 * itakit_file_read's code (ITAKIT_ENOTFOUND, ITAKIT_ERROR, ITAKIT_ELIMIT). */
int itakit_framework_load(itakit_framework *out, const char *path, itakit_diag_list *diags);

/* The era / level scheme covering year (BE), or NULL. */
const itakit_framework_era *itakit_framework_era_for(const itakit_framework *fw, int year);
const itakit_level_scheme *itakit_framework_scheme_for(const itakit_framework *fw, int year);

/* Any era, for naming tools in years that no era covers (overall-only
 * history): the era closest to year. NULL only when there are no eras. */
const itakit_framework_era *itakit_framework_era_nearest(const itakit_framework *fw, int year);

/* Looks an indicator up by code ("6", "๖"), Thai or English name, or alias,
 * after normalisation. Returns the code, or 0 when unknown. */
int itakit_framework_find_indicator(const itakit_framework_era *era, const char *text);

/* Looks a tool up by code ("IIT", case-insensitive) or Thai/English name.
 * Returns the tool index, or -1. */
int itakit_framework_find_tool(const itakit_framework_era *era, const char *text);

/* True when text names the overall score ("overall", "ภาพรวม", "total"). */
bool itakit_framework_is_overall(const char *text);

/* An indicator's weight in the overall, in percent: the tool's weight
 * divided by the number of indicators of that tool (IIT: 30 / 5 = 6). */
double itakit_framework_indicator_weight(const itakit_framework_era *era, int code);

#pragma GCC visibility pop
#endif
