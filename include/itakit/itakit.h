/* itakit: Thailand's ITA scores to analyses, Thai charts and PDF reports.
 * The public API; each header states who allocates and who frees. */
#ifndef ITAKIT_H
#define ITAKIT_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include "itakit/error.h"
#include "itakit/diag.h"
#include "itakit/text.h"
#include "itakit/fileio.h"
#include "itakit/framework.h"
#include "itakit/dataset.h"
#include "itakit/stats.h"
#include "itakit/analysis.h"
#include "itakit/profile.h"
#include "itakit/measures.h"
#include "itakit/status.h"
#include "itakit/progress.h"
#include "itakit/chart.h"
#include "itakit/compare.h"
#include "itakit/export.h"
#include "itakit/export_xlsx.h"
#include "itakit/narrative.h"
#include "itakit/strbuf.h"
#include "itakit/workbook.h"

const char *itakit_version(void);

#pragma GCC visibility pop
#endif
