/*
 * cron.c - the rule of a cron's schedule, as Kubernetes' parser (robfig/cron's
 * standard form) reads it: five fields or a macro, `@every DURATION` with
 * Go's durations.  cron_schedule_problem() returns NULL for a valid
 * schedule, else the reason and the range of the bad part; the other name
 * rules are in src/names.c.  time_zone_problem() is the rule of a cron's
 * time zone.
 */
#include "todokc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
cron_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Cron schedules (Kubernetes' parser, robfig/cron's standard form):
 * MINUTE HOUR DAY-OF-MONTH MONTH DAY-OF-WEEK, each a list of items
 * separated by ','; an item is '*' (or '?' for the days), N or N-M, with
 * an optional "/STEP"; months and days may be named (JAN, MON); or one of
 * the macros. */
struct cron_field {
	int min, max;
	const char *const *names; /* the names of min, min + 1, ...; NULL: none */
	bool question;            /* '?' may stand for '*' */
	const char *out_of_range;
};

static const char *const month_names[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL",
                                          "AUG", "SEP", "OCT", "NOV", "DEC", NULL};
static const char *const day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL};

static const struct cron_field cron_fields[5] = {
	{0, 59, NULL, false, "the minute is from 0 to 59"},
	{0, 23, NULL, false, "the hour is from 0 to 23"},
	{1, 31, NULL, true, "the day of the month is from 1 to 31"},
	{1, 12, month_names, false, "the month is from 1 to 12 (or JAN to DEC)"},
	{0, 6, day_names, true, "the day of the week is from 0 to 6 (or SUN to SAT)"},
};

/* A value at s[0..n): a number, or (names) a name; -1 when it is none. */
static int
cron_value(const char *s, size_t n, int min, const char *const *names)
{
	if (n && cron_digit(s[0])) {
		int v = 0;
		for (size_t i = 0; i < n; i++) {
			if (!cron_digit(s[i]) || v > 100000)
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		return v;
	}
	for (int i = 0; names && names[i] && n == 3; i++)
		if ((s[0] & ~0x20) == names[i][0] && (s[1] & ~0x20) == names[i][1] &&
		    (s[2] & ~0x20) == names[i][2])
			return min + i;
	return -1;
}

/* One item of a field: "*", "N" or "N-M", with an optional "/STEP". */
static const char *
cron_item_problem(const struct cron_field *f, const char *s, size_t n)
{
	const char *slash = memchr(s, '/', n);
	size_t range = slash ? (size_t)(slash - s) : n;
	if (slash && cron_value(slash + 1, n - range - 1, 0, NULL) < 1)
		return "a step after '/' is a number of at least 1";
	if (range == 1 && (s[0] == '*' || (f->question && s[0] == '?')))
		return NULL;
	const char *dash = memchr(s, '-', range);
	size_t first = dash ? (size_t)(dash - s) : range;
	int lo = cron_value(s, first, f->min, f->names);
	int hi = dash ? cron_value(dash + 1, range - first - 1, f->min, f->names) : lo;
	if (lo < 0 || hi < 0)
		return f->names ? "a value is a number or a three-letter name" : "a value is a number";
	if (lo < f->min || hi > f->max)
		return f->out_of_range;
	return lo > hi ? "a range goes from the smaller value to the larger" : NULL;
}

/* The field s[0..n); the bad item's range on a problem. */
static const char *
cron_field_problem(const struct cron_field *f, const char *s, size_t n, size_t *bad_begin,
                   size_t *bad_end)
{
	for (size_t start = 0; start <= n;) {
		const char *comma = memchr(s + start, ',', n - start);
		size_t end = comma ? (size_t)(comma - s) : n;
		*bad_begin = start;
		*bad_end = end;
		const char *problem = end == start ? "an item of a list is empty"
		                                   : cron_item_problem(f, s + start, end - start);
		if (problem)
			return problem;
		start = end + 1;
	}
	return NULL;
}

/* A duration as Go's time.ParseDuration reads it: an optional sign, then
 * "0" or one or more decimal numbers, each with its unit (ns, us, µs, ms,
 * s, m, h), as "1h30m" or "1.5s". */
static bool
go_duration_valid(const char *s)
{
	static const char *const units[] = {"ns", "us", "\xC2\xB5s", "\xCE\xBCs", "ms", "s", "m",
	                                    "h", NULL};
	if (*s == '+' || *s == '-')
		s++;
	if (strcmp(s, "0") == 0)
		return true;
	if (!*s)
		return false;
	static const long double unit_ns[] = {1, 1e3, 1e3, 1e3, 1e6, 1e9, 60e9, 3600e9};
	long double total = 0; /* Go refuses more than 2^63 - 1 nanoseconds */
	while (*s) {
		size_t whole = strspn(s, "0123456789"), frac = 0;
		if (s[whole] == '.')
			frac = strspn(s + whole + 1, "0123456789") + 1;
		if (whole + frac == 0 || (whole == 0 && frac == 1))
			return false;
		long double number = strtold(s, NULL);
		s += whole + frac;
		int unit = -1;
		for (int i = 0; units[i] && unit < 0; i++) /* "ms" before "m", "s" */
			if (strncmp(s, units[i], strlen(units[i])) == 0)
				unit = i;
		if (unit < 0)
			return false;
		total += number * unit_ns[unit];
		s += strlen(units[unit]);
	}
	return total <= 9223372036854775807.0L;
}

static bool
is_cron_blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *
cron_schedule_problem(const char *s, size_t *bad_begin, size_t *bad_end)
{
	static const char *const macros[] = {"@yearly", "@annually", "@monthly", "@weekly",
	                                     "@daily", "@midnight", "@hourly", NULL};
	size_t len = strlen(s);
	*bad_begin = 0;
	*bad_end = len;
	/* A time zone before the fields, as cron daemons take it: Kubernetes
	 * refuses it since 1.29 (spec.timeZone, GA in 1.27, holds one). */
	size_t zone = strncmp(s, "CRON_TZ=", 8) == 0 ? 8 : strncmp(s, "TZ=", 3) == 0 ? 3 : 0;
	if (zone) {
		*bad_end = zone + strcspn(s + zone, " \t");
		return "Kubernetes takes no time zone in a schedule (it refuses CRON_TZ= and TZ=); "
		       "give it as the cron's property 'timezone \"ZONE\"', or write the times in the "
		       "time zone of the cluster's controller manager, UTC on most clusters";
	}
	if (s[0] == '@') {
		for (int i = 0; macros[i]; i++)
			if (strcmp(s, macros[i]) == 0)
				return NULL;
		if (strncmp(s, "@every", 6) == 0 && (!s[6] || is_cron_blank(s[6])))
			return s[6] == ' ' && go_duration_valid(s + 7) ? NULL
			       : "@every takes one space and a duration such as 5m, 1h30m or 90s";
		return "the macros are @yearly (or @annually), @monthly, @weekly, @daily (or @midnight), "
		       "@hourly and @every DURATION";
	}
	size_t at = 0;
	for (int field = 0; field < 5; field++) {
		while (at < len && is_cron_blank(s[at]))
			at++;
		size_t end = at;
		while (end < len && !is_cron_blank(s[end]))
			end++;
		if (end == at)
			return "a schedule has five fields: minute, hour, day of the month, month and "
			       "day of the week";
		const char *problem = cron_field_problem(&cron_fields[field], s + at, end - at, bad_begin,
		                                         bad_end);
		*bad_begin += at;
		*bad_end += at;
		if (problem)
			return problem;
		at = end;
	}
	while (at < len && is_cron_blank(s[at]))
		at++;
	*bad_begin = at;
	return at < len ? "a schedule has five fields: this is a sixth" : NULL;
}

/* Time zones (Kubernetes' validateTimeZone(): each part of the name is 1
 * to 14 of A-Z a-z 0-9 . - _ +, not "." or "..", not starting with '-';
 * not "Local"; a zone the API server's time zone database holds). */

static const char *const time_zones[] = {
#include "time_zones.def"
};

const char *const *
time_zone_names(size_t *n)
{
	*n = sizeof time_zones / sizeof *time_zones;
	return time_zones;
}

static int
compare_zone(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

/* A zone's name written as the database spells it, or the nearest name
 * within the budget of suggestions; NULL: none. */
static const char *
nearest_zone(const char *zone, size_t *budget)
{
	size_t n = sizeof time_zones / sizeof *time_zones;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(zone, time_zones[i]) == 0)
			return time_zones[i];
	struct suggestion s = suggestion_start(budget, zone);
	for (size_t i = 0; i < n; i++)
		suggestion_consider(&s, time_zones[i]);
	return s.best;
}

const char *
time_zone_problem(const char *zone, size_t *budget, const char **suggestion)
{
	*suggestion = NULL;
	if (!*zone)
		return "a time zone is not empty (leave 'timezone' out for the controller's)";
	if (strcasecmp(zone, "Local") == 0)
		return "Kubernetes refuses 'Local' (the time zone of the controller manager, which "
		       "a schedule without 'timezone' is read in); name the zone";
	for (const char *part = zone;;) {
		size_t len = strcspn(part, "/");
		bool dots = (len == 1 && part[0] == '.') || (len == 2 && part[0] == '.' && part[1] == '.');
		if (!len || len > 14 || dots || part[0] == '-' ||
		    strspn(part, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_+") < len) {
			*suggestion = nearest_zone(zone, budget);
			return "a time zone is named as in the IANA database: parts of 1 to 14 letters, "
			       "digits, '.', '-', '_' or '+' between slashes, as in \"America/New_York\"";
		}
		if (!part[len])
			break;
		part += len + 1;
	}
	if (bsearch(zone, time_zones, sizeof time_zones / sizeof *time_zones, sizeof *time_zones,
	            compare_zone))
		return NULL;
	*suggestion = nearest_zone(zone, budget);
	return "the IANA time zone database has no zone of that name";
}
