/* The libraries of the office formats (libzip, libxml2, libxlsxwriter),
 * loaded when a command first reads or writes .xlsx or .docx instead of at
 * start-up: mapping them and their dependencies (ICU, lzma, minizip, ...)
 * cost every process about 5 ms of CPU, more than a whole chart's drawing
 * in some cases, though most commands never touch an office file.
 *
 * The library calls them by their own names: after this header, each name
 * below is a macro for the matching entry of a table that
 * itakit__office_load() fills from the loaded library. A function that
 * starts office work calls itakit__office_load() first and returns its
 * error: an entry of a library not loaded is NULL. */
#ifndef ITAKIT_OFFICE_LIBS_H
#define ITAKIT_OFFICE_LIBS_H

#include <libxml/xmlreader.h>
#include <xlsxwriter.h>
#include <zip.h>

#define ITAKIT__ZIP_FUNCTIONS(X)                                                            \
	X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) \
	X(zip_fclose) X(zip_file_add) X(zip_file_set_dostime) X(zip_file_strerror) X(zip_fopen) \
	X(zip_fread) X(zip_open_from_source) X(zip_set_file_compression) X(zip_source_buffer) \
	X(zip_source_buffer_create) X(zip_source_close) X(zip_source_free) X(zip_source_keep) \
	X(zip_source_open) X(zip_source_read) X(zip_source_stat) X(zip_stat) X(zip_stat_init)   \
	X(zip_strerror)

#define ITAKIT__XML_FUNCTIONS(X)                                                               \
	X(xmlFreeTextReader) X(xmlReaderForMemory) X(xmlTextReaderConstLocalName)                \
	X(xmlTextReaderConstValue) X(xmlTextReaderDepth) X(xmlTextReaderGetAttribute)            \
	X(xmlTextReaderGetAttributeNs) X(xmlTextReaderIsEmptyElement) X(xmlTextReaderNodeType) \
	X(xmlTextReaderRead) X(xmlTextReaderSetErrorHandler)

#define ITAKIT__XLSXWRITER_FUNCTIONS(X)                                                        \
	X(format_set_bold) X(format_set_bottom) X(format_set_font_name) X(format_set_font_size) \
	X(format_set_num_format) X(format_set_text_wrap) X(lxw_strerror) X(workbook_add_format)  \
	X(workbook_add_worksheet) X(workbook_close) X(workbook_new_opt) X(workbook_set_properties) \
	X(worksheet_autofilter) X(worksheet_freeze_panes) X(worksheet_set_column)                 \
	X(worksheet_write_number) X(worksheet_write_string)

#define ITAKIT__OFFICE_ENTRY(name) __typeof__(name) *name;
struct itakit__office_zip { ITAKIT__ZIP_FUNCTIONS(ITAKIT__OFFICE_ENTRY) };
/* xmlFree is a variable of libxml2 holding its deallocator */
struct itakit__office_xml { ITAKIT__XML_FUNCTIONS(ITAKIT__OFFICE_ENTRY) xmlFreeFunc *xmlFree; };
struct itakit__office_xlsxwriter { ITAKIT__XLSXWRITER_FUNCTIONS(ITAKIT__OFFICE_ENTRY) };
#undef ITAKIT__OFFICE_ENTRY

extern struct itakit__office_zip itakit__zip;
extern struct itakit__office_xml itakit__xml;
extern struct itakit__office_xlsxwriter itakit__xlsxwriter;

enum {
	ITAKIT__OFFICE_ZIP = 1,
	ITAKIT__OFFICE_XML = 2,
	ITAKIT__OFFICE_XLSXWRITER = 4,
};

/* Loads the libraries named by the bits of which (once per process, safe
 * from several threads); 0, or ITAKIT_ERROR with a message naming the
 * library file that could not be loaded. */
int itakit__office_load(unsigned which);

/* Each name calls through its table (a function-like macro: the name alone,
 * as in the tables above, stays the library's declaration). */
#define zip_close(...) (itakit__zip.zip_close(__VA_ARGS__))
#define zip_discard(...) (itakit__zip.zip_discard(__VA_ARGS__))
#define zip_error_fini(...) (itakit__zip.zip_error_fini(__VA_ARGS__))
#define zip_error_init(...) (itakit__zip.zip_error_init(__VA_ARGS__))
#define zip_error_strerror(...) (itakit__zip.zip_error_strerror(__VA_ARGS__))
#define zip_fclose(...) (itakit__zip.zip_fclose(__VA_ARGS__))
#define zip_file_add(...) (itakit__zip.zip_file_add(__VA_ARGS__))
#define zip_file_set_dostime(...) (itakit__zip.zip_file_set_dostime(__VA_ARGS__))
#define zip_file_strerror(...) (itakit__zip.zip_file_strerror(__VA_ARGS__))
#define zip_fopen(...) (itakit__zip.zip_fopen(__VA_ARGS__))
#define zip_fread(...) (itakit__zip.zip_fread(__VA_ARGS__))
#define zip_open_from_source(...) (itakit__zip.zip_open_from_source(__VA_ARGS__))
#define zip_set_file_compression(...) (itakit__zip.zip_set_file_compression(__VA_ARGS__))
#define zip_source_buffer(...) (itakit__zip.zip_source_buffer(__VA_ARGS__))
#define zip_source_buffer_create(...) (itakit__zip.zip_source_buffer_create(__VA_ARGS__))
#define zip_source_close(...) (itakit__zip.zip_source_close(__VA_ARGS__))
#define zip_source_free(...) (itakit__zip.zip_source_free(__VA_ARGS__))
#define zip_source_keep(...) (itakit__zip.zip_source_keep(__VA_ARGS__))
#define zip_source_open(...) (itakit__zip.zip_source_open(__VA_ARGS__))
#define zip_source_read(...) (itakit__zip.zip_source_read(__VA_ARGS__))
#define zip_source_stat(...) (itakit__zip.zip_source_stat(__VA_ARGS__))
#define zip_stat(...) (itakit__zip.zip_stat(__VA_ARGS__))
#define zip_stat_init(...) (itakit__zip.zip_stat_init(__VA_ARGS__))
#define zip_strerror(...) (itakit__zip.zip_strerror(__VA_ARGS__))
#define xmlFreeTextReader(...) (itakit__xml.xmlFreeTextReader(__VA_ARGS__))
#define xmlReaderForMemory(...) (itakit__xml.xmlReaderForMemory(__VA_ARGS__))
#define xmlTextReaderConstLocalName(...) (itakit__xml.xmlTextReaderConstLocalName(__VA_ARGS__))
#define xmlTextReaderConstValue(...) (itakit__xml.xmlTextReaderConstValue(__VA_ARGS__))
#define xmlTextReaderDepth(...) (itakit__xml.xmlTextReaderDepth(__VA_ARGS__))
#define xmlTextReaderGetAttribute(...) (itakit__xml.xmlTextReaderGetAttribute(__VA_ARGS__))
#define xmlTextReaderGetAttributeNs(...) (itakit__xml.xmlTextReaderGetAttributeNs(__VA_ARGS__))
#define xmlTextReaderIsEmptyElement(...) (itakit__xml.xmlTextReaderIsEmptyElement(__VA_ARGS__))
#define xmlTextReaderNodeType(...) (itakit__xml.xmlTextReaderNodeType(__VA_ARGS__))
#define xmlTextReaderRead(...) (itakit__xml.xmlTextReaderRead(__VA_ARGS__))
#define xmlTextReaderSetErrorHandler(...) (itakit__xml.xmlTextReaderSetErrorHandler(__VA_ARGS__))
#define format_set_bold(...) (itakit__xlsxwriter.format_set_bold(__VA_ARGS__))
#define format_set_bottom(...) (itakit__xlsxwriter.format_set_bottom(__VA_ARGS__))
#define format_set_font_name(...) (itakit__xlsxwriter.format_set_font_name(__VA_ARGS__))
#define format_set_font_size(...) (itakit__xlsxwriter.format_set_font_size(__VA_ARGS__))
#define format_set_num_format(...) (itakit__xlsxwriter.format_set_num_format(__VA_ARGS__))
#define format_set_text_wrap(...) (itakit__xlsxwriter.format_set_text_wrap(__VA_ARGS__))
#define lxw_strerror(...) (itakit__xlsxwriter.lxw_strerror(__VA_ARGS__))
#define workbook_add_format(...) (itakit__xlsxwriter.workbook_add_format(__VA_ARGS__))
#define workbook_add_worksheet(...) (itakit__xlsxwriter.workbook_add_worksheet(__VA_ARGS__))
#define workbook_close(...) (itakit__xlsxwriter.workbook_close(__VA_ARGS__))
#define workbook_new_opt(...) (itakit__xlsxwriter.workbook_new_opt(__VA_ARGS__))
#define workbook_set_properties(...) (itakit__xlsxwriter.workbook_set_properties(__VA_ARGS__))
#define worksheet_autofilter(...) (itakit__xlsxwriter.worksheet_autofilter(__VA_ARGS__))
#define worksheet_freeze_panes(...) (itakit__xlsxwriter.worksheet_freeze_panes(__VA_ARGS__))
#define worksheet_set_column(...) (itakit__xlsxwriter.worksheet_set_column(__VA_ARGS__))
#define worksheet_write_number(...) (itakit__xlsxwriter.worksheet_write_number(__VA_ARGS__))
#define worksheet_write_string(...) (itakit__xlsxwriter.worksheet_write_string(__VA_ARGS__))
#undef xmlFree
#define xmlFree (*itakit__xml.xmlFree)

#endif
