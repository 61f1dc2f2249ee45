/* Fuzz the .xlsx reader. An input that starts with "PK" is taken as the
 * whole file (the container's own parsing); any other input is a
 * worksheet's XML, packed here into an otherwise valid workbook so that
 * mutations reach the cell, row and merge handling instead of dying on a
 * checksum. The records go to the scores loader, as from a file. */
#include "itakit/itakit.h"
#include "fuzz_support.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XML "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char *const PARTS[][2] = {
	{"_rels/.rels", XML "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	 "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
	{"xl/workbook.xml", XML "<workbook xmlns:r=\"" NS_R "\"><sheets><sheet name=\"ผล ITA\" sheetId=\"1\" "
	 "r:id=\"rId1\"/></sheets></workbook>"},
	{"xl/_rels/workbook.xml.rels", XML "<Relationships><Relationship Id=\"rId1\" Type=\"" NS_R "/worksheet\" "
	 "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
	{"xl/sharedStrings.xml", XML "<sst><si><t>unit</t></si><si><t>year</t></si><si><t>indicator</t></si>"
	 "<si><t>score</t></si><si><t>กรุงเทพมหานคร</t></si><si><r><t>๙๒.</t></r><r><t>๒๗</t></r></si></sst>"},
};

/* The workbook around sheet[0..n), in a malloc'd buffer; NULL on failure. */
static char *pack(const uint8_t *sheet, size_t n, size_t *len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	if (!src)
		return NULL;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	char *out = NULL;
	if (za) {
		for (size_t i = 0; i < sizeof PARTS / sizeof *PARTS; i++) {
			zip_source_t *s = zip_source_buffer(za, PARTS[i][1], strlen(PARTS[i][1]), 0);
			zip_int64_t k = s ? zip_file_add(za, PARTS[i][0], s, 0) : -1;
			if (k < 0)
				zip_source_free(s);
			else
				zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_STORE, 0);
		}
		zip_source_t *s = zip_source_buffer(za, sheet, n, 0);
		zip_int64_t k = s ? zip_file_add(za, "xl/worksheets/sheet1.xml", s, 0) : -1;
		if (k < 0)
			zip_source_free(s);
		if (zip_close(za) != 0)
			zip_discard(za);
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(src) == 0) {
		out = malloc(st.size ? st.size : 1);
		if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
			free(out);
			out = NULL;
		}
		*len = (size_t)st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&err);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const itakit_framework *fw = fuzz_framework();
	char *packed = NULL;
	const char *bytes = (const char *)data;
	size_t len = size;
	if (size < 2 || memcmp(data, "PK", 2) != 0) {
		packed = pack(data, size, &len);
		if (!packed)
			return 0;
		bytes = packed;
	}
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	itakit_load_options opts = ITAKIT_LOAD_OPTIONS_INIT;
	opts.max_rows = 10000;
	itakit_dataset_load_buffer(&ds, bytes, len, "fuzz.xlsx", fw, &opts, &diags);
	fuzz_diags_done(&diags);
	itakit_dataset_release(&ds);
	free(packed);
	return 0;
}
