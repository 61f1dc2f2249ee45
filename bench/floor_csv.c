/* The floor for loading: libcsv alone parsing a file (read whole, one
 * csv_parse call, callbacks that only count fields and records). What
 * `itakit check` costs above this is UTF-8 and number validation, unit
 * lookup and the dataset itself.
 * usage: floor_csv FILE.csv */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static size_t n_fields, n_records;

static void on_field(void *s, size_t len, void *data)
{
	(void)s, (void)len, (void)data;
	n_fields++;
}

static void on_record(int c, void *data)
{
	(void)c, (void)data;
	n_records++;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor_csv FILE.csv\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "floor_csv: cannot read %s\n", argv[1]);
		return 1;
	}
	fclose(f);
	struct csv_parser p;
	csv_init(&p, CSV_APPEND_NULL);
	if (csv_parse(&p, buf, (size_t)size, on_field, on_record, NULL) != (size_t)size) {
		fprintf(stderr, "floor_csv: %s\n", csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_fini(&p, on_field, on_record, NULL);
	csv_free(&p);
	free(buf);
	printf("%zu records, %zu fields\n", n_records, n_fields);
	return 0;
}
