/* The compression level of the PDFs the program writes. cairo compresses
 * every PDF stream (page contents, font subsets, pictures) with zlib's
 * default level, 6, and has no setting for it; in a report that
 * compression took about a fifth of the time. Measured on 101 reports of
 * the synthetic national set (one worker, CPU time, bench/bench_batch.sh):
 * level 6 12.7 s and 18.3 MB, level 4 10.7 s and 19.2 MB, level 1 9.9 s and
 * 21.7 MB. Level 4 keeps most of the time saved for 5% more bytes.
 *
 * The program answers zlib's initialisation for the default level with
 * level 4: this definition in the executable comes before the library's
 * for every caller in the process (the dynamic linker looks in the
 * executable first). Callers that ask for a level of their own (the PNG
 * writer, the DOCX and XLSX writers) keep it; the library itself
 * (libitakit) is not changed, so a program that links it keeps zlib's
 * default. */
#include <zlib.h>

#define PDF_LEVEL 4

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = PDF_LEVEL;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
