/* itakit-gen: writes SYNTHETIC ITA score sets for demos, tests and benchmarks.
 *
 *   itakit-gen districts OUT.csv              50 Bangkok district offices, 2562-2566, long format
 *   itakit-gen districts-wide OUT.csv         the same data, one row per district and year
 *   itakit-gen national OUT.csv [--units N]   N made-up agencies (default 8,323) x 2563-2567 x 10
 *
 * The ten-indicator framework in data/framework.ini covers 2563-2568, so the
 * districts' 2562 is history with the overall score only, as real series
 * often are; the national set starts in 2563 and has every indicator.
 *
 * No per-district ITA scores are public: every score written here is made up.
 * Only the district names, their codes and their zones are real.
 *
 * The output is identical on every machine: a fixed seed, an own PRNG
 * (splitmix64), normal-ish noise from sums of uniforms (only +, -, *, / on
 * doubles, no libm transcendental functions whose last bit may differ between
 * C libraries), and scores rounded to integer hundredths before printing.
 * Self-contained on purpose (no project headers): plain C11 plus POSIX
 * mkstemp/rename for the temporary-file-and-rename write. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_IND 10
#define N_YEARS 5
#define DISTRICTS_FIRST_YEAR 2562
#define NATIONAL_FIRST_YEAR 2563
/* first fiscal year written; set by the command */
static int first_year = DISTRICTS_FIRST_YEAR;
#define N_DISTRICTS 50
#define SEED UINT64_C(0x17A2566B0A0C0DE5)

/* ---- PRNG ------------------------------------------------------------ */

typedef struct {
	uint64_t s;
} rng;

static uint64_t splitmix64(rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Independent stream per unit, so adding or reordering units never changes
 * the scores of the others. */
static rng rng_for(uint64_t seed, uint64_t stream)
{
	rng r = {seed ^ (stream * UINT64_C(0xD1B54A32D192ED03))};
	splitmix64(&r);
	return r;
}

/* Uniform in [0, 1): exact (53-bit integer times a power of two). */
static double uniform(rng *r)
{
	return (double)(splitmix64(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Approximately standard normal: Irwin-Hall with 4 terms, rescaled to unit
 * variance. Bounded to +-3.46, which suits scores. */
static double normal(rng *r)
{
	double s = uniform(r) + uniform(r) + uniform(r) + uniform(r);
	return (s - 2.0) * 1.7320508075688772;
}

/* ---- score model ------------------------------------------------------ */

/* Scores are kept as integer hundredths (cents) from the moment they are
 * rounded, so that printing and the computed overall are exact. */
static long to_cents(double x)
{
	if (x < 0.0)
		x = 0.0;
	if (x > 100.0)
		x = 100.0;
	long c = (long)(x * 100.0 + 0.5); /* x >= 0: truncation = floor */
	return c > 10000 ? 10000 : c;
}

/* Overall = 0.30 mean(IIT 1-5) + 0.30 mean(EIT 6-8) + 0.40 mean(OIT 9-10),
 * in cents, rounded half up (all terms are non-negative). */
static long overall_cents(const long *c)
{
	long iit = c[0] + c[1] + c[2] + c[3] + c[4];
	long eit = c[5] + c[6] + c[7];
	long oit = c[8] + c[9];
	long num = 6 * iit + 10 * eit + 20 * oit; /* hundredths of cents */
	return (num + 50) / 100;
}

/* Fixed per-indicator effects, echoing a common pattern: duty and authority
 * perceived well, budget and property use lower, communication and work
 * improvement lagging on the external survey. */
static const double IND_EFFECT[N_IND] = {4.5, -3.0, 1.5, -3.0, -2.0, 1.5, 0.0, -2.0, 1.5, -1.5};

typedef struct {
	double iit, eit, oit;       /* level in the middle year (2564) */
	double trend, oit_trend;    /* points per year */
	double noise, oit_noise;    /* year-to-year spread */
} unit_params;

typedef struct {
	const char *code;
	const char *name;
	const char *group;
	char code_buf[32];
	char name_buf[96];
	char group_buf[96];
	int present[N_YEARS];       /* 0: year missing (gap) */
	int overall_only[N_YEARS];  /* 1: only the overall score is given */
	long cents[N_YEARS][N_IND];
	long overall[N_YEARS];
} unit;

static void draw_params(unit_params *p, rng *r)
{
	p->iit = 85.0 + 3.0 * normal(r);
	p->eit = 81.5 + 3.0 * normal(r);
	p->oit = 84.0 + 7.0 * normal(r);
	p->trend = 0.6 + 1.3 * normal(r);
	p->oit_trend = 2.8 + 3.0 * normal(r);
	p->noise = 1.2;
	p->oit_noise = 3.0;
}

static void generate_unit(unit *u, const unit_params *p, rng *r)
{
	double own[N_IND]; /* the unit's lasting strengths and weaknesses */
	for (int i = 0; i < N_IND; i++)
		own[i] = (i < 8 ? 2.0 : 4.0) * normal(r);
	for (int y = 0; y < N_YEARS; y++) {
		double t = (double)(y - 2); /* 2564 is the middle year */
		for (int i = 0; i < N_IND; i++) {
			double v;
			if (i < 5)
				v = p->iit + p->trend * t + p->noise * normal(r);
			else if (i < 8)
				v = p->eit + p->trend * t + p->noise * normal(r);
			else
				v = p->oit + p->oit_trend * t + p->oit_noise * normal(r);
			v += IND_EFFECT[i] + own[i];
			/* The disclosure check is a checklist: a unit that ticks
			 * (nearly) every item gets a round 100. */
			if (i >= 8 && v >= 97.5)
				v = 100.0;
			u->cents[y][i] = to_cents(v);
		}
		u->overall[y] = overall_cents(u->cents[y]);
	}
}

/* ---- Bangkok district offices ------------------------------------------ */

/* The 50 district offices in the order of their official administrative
 * codes (geocode 1001-1050), with their BMA zone. */
enum { CENTRAL, SOUTH, NORTH, EAST, THON_NORTH, THON_SOUTH };
static const char *const ZONE[] = {
	"กลุ่มกรุงเทพกลาง", "กลุ่มกรุงเทพใต้", "กลุ่มกรุงเทพเหนือ",
	"กลุ่มกรุงเทพตะวันออก", "กลุ่มกรุงธนเหนือ", "กลุ่มกรุงธนใต้",
};

static const struct {
	const char *name;
	int zone;
} DISTRICT[N_DISTRICTS] = {
	{"พระนคร", CENTRAL},              /* 1001 */
	{"ดุสิต", CENTRAL},               /* 1002 */
	{"หนองจอก", EAST},                /* 1003 */
	{"บางรัก", SOUTH},                /* 1004 */
	{"บางเขน", NORTH},                /* 1005 */
	{"บางกะปิ", EAST},                /* 1006 */
	{"ปทุมวัน", SOUTH},               /* 1007 */
	{"ป้อมปราบศัตรูพ่าย", CENTRAL},     /* 1008 */
	{"พระโขนง", SOUTH},               /* 1009 */
	{"มีนบุรี", EAST},                 /* 1010 */
	{"ลาดกระบัง", EAST},              /* 1011 */
	{"ยานนาวา", SOUTH},               /* 1012 */
	{"สัมพันธวงศ์", CENTRAL},          /* 1013 */
	{"พญาไท", CENTRAL},               /* 1014 */
	{"ธนบุรี", THON_NORTH},            /* 1015 */
	{"บางกอกใหญ่", THON_NORTH},        /* 1016 */
	{"ห้วยขวาง", CENTRAL},            /* 1017 */
	{"คลองสาน", THON_NORTH},          /* 1018 */
	{"ตลิ่งชัน", THON_NORTH},          /* 1019 */
	{"บางกอกน้อย", THON_NORTH},        /* 1020 */
	{"บางขุนเทียน", THON_SOUTH},        /* 1021 */
	{"ภาษีเจริญ", THON_SOUTH},          /* 1022 */
	{"หนองแขม", THON_SOUTH},           /* 1023 */
	{"ราษฎร์บูรณะ", THON_SOUTH},        /* 1024 */
	{"บางพลัด", THON_NORTH},           /* 1025 */
	{"ดินแดง", CENTRAL},              /* 1026 */
	{"บึงกุ่ม", EAST},                 /* 1027 */
	{"สาทร", SOUTH},                  /* 1028 */
	{"บางซื่อ", NORTH},                /* 1029 */
	{"จตุจักร", NORTH},                /* 1030 */
	{"บางคอแหลม", SOUTH},             /* 1031 */
	{"ประเวศ", EAST},                 /* 1032 */
	{"คลองเตย", SOUTH},               /* 1033 */
	{"สวนหลวง", SOUTH},               /* 1034 */
	{"จอมทอง", THON_NORTH},           /* 1035 */
	{"ดอนเมือง", NORTH},              /* 1036 */
	{"ราชเทวี", CENTRAL},              /* 1037 */
	{"ลาดพร้าว", NORTH},               /* 1038 */
	{"วัฒนา", SOUTH},                 /* 1039 */
	{"บางแค", THON_SOUTH},             /* 1040 */
	{"หลักสี่", NORTH},                 /* 1041 */
	{"สายไหม", NORTH},                /* 1042 */
	{"คันนายาว", EAST},                /* 1043 */
	{"สะพานสูง", EAST},                /* 1044 */
	{"วังทองหลาง", CENTRAL},           /* 1045 */
	{"คลองสามวา", EAST},              /* 1046 */
	{"บางนา", SOUTH},                 /* 1047 */
	{"ทวีวัฒนา", THON_NORTH},          /* 1048 */
	{"ทุ่งครุ", THON_SOUTH},             /* 1049 */
	{"บางบอน", THON_SOUTH},            /* 1050 */
};

/* Cases the test suite and the demo rely on (indexes in the table above). */
#define STAR_DISTRICT 3      /* บางรัก: nothing below 85 in 2566, one indicator exactly 85.00 */
#define WEAK_DISTRICT 42     /* คันนายาว: declining, overall far below 70 in 2566 */
static const int GAP[][2] = {{10, 2564}, {27, 2563}, {45, 2565}};  /* (district, missing year) */

static void make_districts(unit *units)
{
	for (int d = 0; d < N_DISTRICTS; d++) {
		unit *u = &units[d];
		memset(u, 0, sizeof *u);
		snprintf(u->code_buf, sizeof u->code_buf, "%d", 1001 + d);
		snprintf(u->name_buf, sizeof u->name_buf, "สำนักงานเขต%s", DISTRICT[d].name);
		u->code = u->code_buf;
		u->name = u->name_buf;
		u->group = ZONE[DISTRICT[d].zone];

		rng r = rng_for(SEED, (uint64_t)d + 1);
		unit_params p;
		draw_params(&p, &r);
		if (d == STAR_DISTRICT) {
			p.iit = 90.0;
			p.eit = 88.5;
			p.oit = 95.0;
			p.trend = 1.2;
			p.oit_trend = 2.0;
		} else if (d == WEAK_DISTRICT) {
			p.iit = 78.0;
			p.eit = 74.0;
			p.oit = 66.0;
			p.trend = -1.6;
			p.oit_trend = -3.0;
		}
		generate_unit(u, &p, &r);
		for (int y = 0; y < N_YEARS; y++)
			u->present[y] = 1;
	}

	/* Make the special cases hold whatever the draws were. */
	unit *star = &units[STAR_DISTRICT];
	long *s = star->cents[N_YEARS - 1];
	for (int i = 0; i < N_IND; i++)
		if (s[i] < 8550)
			s[i] = 8550 + 37 * i;
	s[5] = 8500; /* exactly the threshold: must not be flagged */
	star->overall[N_YEARS - 1] = overall_cents(s);

	for (size_t g = 0; g < sizeof GAP / sizeof GAP[0]; g++)
		units[GAP[g][0]].present[GAP[g][1] - DISTRICTS_FIRST_YEAR] = 0;
	/* 2562 predates the framework's indicators: overall only, for everyone */
	for (size_t k = 0; k < N_DISTRICTS; k++)
		units[k].overall_only[0] = 1;
}

/* ---- national-scale set --------------------------------------------- */

static void make_national(unit *units, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unit *u = &units[k];
		memset(u, 0, sizeof *u);
		snprintf(u->code_buf, sizeof u->code_buf, "S%05zu", k + 1);
		snprintf(u->name_buf, sizeof u->name_buf, "หน่วยงานตัวอย่าง %05zu", k + 1);
		/* 20 made-up ministries and 76 made-up provinces. */
		size_t g = k % 96;
		if (g < 20)
			snprintf(u->group_buf, sizeof u->group_buf, "กระทรวงตัวอย่าง %02zu", g + 1);
		else
			snprintf(u->group_buf, sizeof u->group_buf, "จังหวัดตัวอย่าง %02zu", g - 19);
		u->code = u->code_buf;
		u->name = u->name_buf;
		u->group = u->group_buf;

		rng r = rng_for(SEED ^ UINT64_C(0x4E4154494F4E414C), (uint64_t)k + 1);
		unit_params p;
		draw_params(&p, &r);
		generate_unit(u, &p, &r);
		for (int y = 0; y < N_YEARS; y++)
			u->present[y] = 1;
	}
}

/* ---- output ----------------------------------------------------------- */

typedef struct {
	FILE *fp;
	int failed;
} out;

static void put(out *o, const char *s)
{
	if (!o->failed && fputs(s, o->fp) == EOF)
		o->failed = 1;
}

/* A CSV field, quoted only when it has to be (RFC 4180). */
static void put_field(out *o, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		put(o, s);
		return;
	}
	put(o, "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put(o, "\"");
		char c[2] = {*p, '\0'};
		put(o, c);
	}
	put(o, "\"");
}

static void put_score(out *o, long cents)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld.%02ld", cents / 100, cents % 100);
	put(o, buf);
}

static void put_int(out *o, long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	put(o, buf);
}

static void put_unit_prefix(out *o, const unit *u, int y)
{
	put_field(o, u->code);
	put(o, ",");
	put_field(o, u->name);
	put(o, ",");
	put_field(o, u->group);
	put(o, ",");
	put_int(o, first_year + y);
	put(o, ",");
}

static void write_long(out *o, const unit *units, size_t n)
{
	put(o, "unit_code,unit,group,year,indicator,score\n");
	for (size_t k = 0; k < n && !o->failed; k++) {
		const unit *u = &units[k];
		for (int y = 0; y < N_YEARS; y++) {
			if (!u->present[y])
				continue;
			if (u->overall_only[y]) {
				put_unit_prefix(o, u, y);
				put(o, "overall,");
				put_score(o, u->overall[y]);
				put(o, "\n");
				continue;
			}
			for (int i = 0; i < N_IND; i++) {
				put_unit_prefix(o, u, y);
				put_int(o, i + 1);
				put(o, ",");
				put_score(o, u->cents[y][i]);
				put(o, "\n");
			}
		}
	}
}

/* Wide: one row per unit and year; an empty cell is a score not given. The
 * last column carries the overall only where the indicators are missing. */
static void write_wide(out *o, const unit *units, size_t n)
{
	put(o, "unit_code,unit,group,year,1,2,3,4,5,6,7,8,9,10,overall\n");
	for (size_t k = 0; k < n && !o->failed; k++) {
		const unit *u = &units[k];
		for (int y = 0; y < N_YEARS; y++) {
			if (!u->present[y])
				continue;
			put_unit_prefix(o, u, y);
			for (int i = 0; i < N_IND; i++) {
				if (!u->overall_only[y])
					put_score(o, u->cents[y][i]);
				put(o, ",");
			}
			if (u->overall_only[y])
				put_score(o, u->overall[y]);
			put(o, "\n");
		}
	}
}

/* Writes through a temporary file in the target's directory, renamed over
 * the target only when everything was written and flushed. */
static int write_file(const char *path, int wide, const unit *units, size_t n)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + sizeof ".tmp-XXXXXX");
	if (!tmp) {
		fprintf(stderr, "itakit-gen: out of memory\n");
		return -1;
	}
	memcpy(tmp, path, len);
	memcpy(tmp + len, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "itakit-gen: cannot create a temporary file for %s: %s\n", path, strerror(errno));
		free(tmp);
		return -1;
	}
	out o = {fdopen(fd, "w"), 0};
	if (!o.fp) {
		fprintf(stderr, "itakit-gen: %s: %s\n", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (wide)
		write_wide(&o, units, n);
	else
		write_long(&o, units, n);
	int err = o.failed || fflush(o.fp) != 0 || ferror(o.fp);
	if (!err && fsync(fileno(o.fp)) != 0)
		err = 1;
	int saved = errno;
	if (fclose(o.fp) != 0 && !err) {
		err = 1;
		saved = errno;
	}
	/* mkstemp creates 0600; a data file should be readable like any other. */
	if (!err && chmod(tmp, 0644) != 0) {
		err = 1;
		saved = errno;
	}
	if (!err && rename(tmp, path) != 0) {
		err = 1;
		saved = errno;
	}
	if (err) {
		fprintf(stderr, "itakit-gen: cannot write %s: %s\n", path, strerror(saved));
		unlink(tmp);
	}
	free(tmp);
	return err ? -1 : 0;
}

/* ---- summary ------------------------------------------------------------ */

static void print_summary(const unit *units, size_t n)
{
	fprintf(stderr, "year  units  mean overall  passing 85\n");
	for (int y = 0; y < N_YEARS; y++) {
		long sum = 0, count = 0, pass = 0;
		for (size_t k = 0; k < n; k++) {
			if (!units[k].present[y])
				continue;
			sum += units[k].overall[y];
			count++;
			pass += units[k].overall[y] >= 8500;
		}
		if (count)
			fprintf(stderr, "%d  %5ld  %12.2f  %5ld (%.1f%%)\n", first_year + y, count,
				(double)sum / (double)count / 100.0, pass, 100.0 * (double)pass / (double)count);
	}
}

static int usage(void)
{
	fprintf(stderr,
		"usage: itakit-gen districts OUT.csv\n"
		"       itakit-gen districts-wide OUT.csv\n"
		"       itakit-gen national OUT.csv [--units N]\n"
		"Writes SYNTHETIC ITA scores (made up; not published results).\n"
		"Add --summary to print mean overall and passes per year to stderr.\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const char *mode = argv[1];
	const char *path = argv[2];
	size_t n_units = 8323;
	int summary = 0;
	for (int a = 3; a < argc; a++) {
		if (strcmp(argv[a], "--summary") == 0) {
			summary = 1;
		} else if (strcmp(argv[a], "--units") == 0 && a + 1 < argc && strcmp(mode, "national") == 0) {
			char *end;
			errno = 0;
			unsigned long v = strtoul(argv[++a], &end, 10);
			if (errno || *end || end == argv[a] || v == 0 || v > 99999) {
				fprintf(stderr, "itakit-gen: --units must be 1..99999\n");
				return 2;
			}
			n_units = v;
		} else {
			return usage();
		}
	}

	int wide = 0;
	size_t n;
	unit *units;
	if (strcmp(mode, "districts") == 0 || strcmp(mode, "districts-wide") == 0) {
		wide = strcmp(mode, "districts-wide") == 0;
		n = N_DISTRICTS;
		units = calloc(n, sizeof *units);
		if (!units)
			goto oom;
		make_districts(units);
	} else if (strcmp(mode, "national") == 0) {
		first_year = NATIONAL_FIRST_YEAR;
		n = n_units;
		units = calloc(n, sizeof *units);
		if (!units)
			goto oom;
		make_national(units, n);
	} else {
		return usage();
	}

	int rc = write_file(path, wide, units, n);
	if (rc == 0 && summary)
		print_summary(units, n);
	free(units);
	return rc == 0 ? 0 : 1;
oom:
	fprintf(stderr, "itakit-gen: out of memory\n");
	return 1;
}
