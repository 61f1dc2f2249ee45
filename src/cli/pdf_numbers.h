/* One number printed as printf prints it, for the program's fast snprintf
 * (pdf_numbers.c). */
#ifndef ITAKIT_CLI_PDF_NUMBERS_H
#define ITAKIT_CLI_PDF_NUMBERS_H

#include <stdarg.h>

#define ITAKIT_PRINT_NUMBER_MAX 64

/* Prints into out the one conversion fmt is made of ("%d", "%04x", "%.*f",
 * ...) with its arguments from ap, and returns its length; -1 (with ap
 * partly read) when fmt is not a form it prints, for vsnprintf to do. */
int itakit__print_number(char out[ITAKIT_PRINT_NUMBER_MAX], const char *fmt, va_list ap);

#endif
