/*
 * names.c - Kubernetes' syntax rules for names, keys, labels, ports,
 * quantities and image references, hand-written over ASCII (no
 * <regex.h>: its ranges depend on the locale).  Each *_problem function
 * returns NULL for a valid string, else the reason, worded for a message.
 * docs/diagnostics.md gives each rule with its source in Kubernetes.
 */
#include "todokc.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c) { return is_lower(c) || is_upper(c) || is_digit(c); }
static bool is_lower_alnum(char c) { return is_lower(c) || is_digit(c); }

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? over s[0..len) */
static bool
label_chars_ok(const char *s, size_t len)
{
	if (len == 0 || !is_lower_alnum(s[0]) || !is_lower_alnum(s[len - 1]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_lower_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool label_name_ok(const char *s, size_t len);

/* A name of 1 to 63 characters: what its characters must be, and what to
 * say when it is empty, too long, or has the wrong characters. */
struct short_name_rule {
	bool (*chars_ok)(const char *s, size_t len);
	const char *empty, *too_long, *bad_chars;
};

static const struct short_name_rule dns1123_label = {
	label_chars_ok, "it is empty", "it must be no more than 63 characters",
	"it must consist of lower case letters, digits or '-', and start and end with a letter or digit",
};
static const struct short_name_rule dns1035_label = {
	label_chars_ok, "it is empty", "it must be no more than 63 characters",
	"it must consist of lower case letters, digits or '-', and end with a letter or digit",
};
static const struct short_name_rule label_key_name = {
	label_name_ok, "the name part must not be empty",
	"the name part must be no more than 63 characters",
	"the name part must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit",
};

static const char *
short_name_problem(const char *s, size_t len, const struct short_name_rule *rule)
{
	if (len == 0)
		return rule->empty;
	if (len > 63)
		return rule->too_long;
	return rule->chars_ok(s, len) ? NULL : rule->bad_chars;
}

const char *
dns1123_label_problem(const char *s)
{
	return short_name_problem(s, strlen(s), &dns1123_label);
}

const char *
dns1035_label_problem(const char *s)
{
	size_t len = strlen(s);
	if (len && len <= 63 && !is_lower(s[0]))
		return "it must start with a lower case letter";
	return short_name_problem(s, len, &dns1035_label);
}

/* The length rule of names of up to 253 characters (subdomains, keys). */
static const char *
long_name_length_problem(size_t len)
{
	if (len == 0)
		return "it is empty";
	return len > 253 ? "it must be no more than 253 characters" : NULL;
}

const char *
dns1123_subdomain_problem(const char *s)
{
	const char *problem = long_name_length_problem(strlen(s));
	if (problem)
		return problem;
	const char *part = s;
	for (;;) {
		const char *dot = strchr(part, '.');
		size_t n = dot ? (size_t)(dot - part) : strlen(part);
		if (!label_chars_ok(part, n))
			return "it must consist of lower case letters, digits, '-' or '.', and start and end with a letter or digit";
		if (!dot)
			return NULL;
		part = dot + 1;
	}
}

/* Whether rule accepts n 'a's: names of valid characters, valid unless
 * too long. */
static bool
accepts_length(const char *(*rule)(const char *), char *as, size_t n)
{
	as[n] = '\0';
	bool ok = !rule(as);
	as[n] = 'a';
	return ok;
}

size_t
length_limit(const char *(*rule)(const char *), const char *name, const char *problem)
{
	size_t len = strlen(name);
	if (len > MAX_NAME_BYTES)
		return 0; /* a derived name cut where its expansion stopped: its length is unknown */
	char *as = xmalloc(len + 1);
	memset(as, 'a', len);
	as[len] = '\0';
	size_t lo = 0, hi = 0;
	if (rule(as) == problem) { /* as many valid characters: the same problem */
		/* The longest length accepted: lo is accepted (or 0), len is not. */
		hi = len;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (accepts_length(rule, as, mid))
				lo = mid;
			else
				hi = mid;
		}
	}
	free(as);
	return lo;
}

const char *
name_problem_text(struct arena *a, const char *(*rule)(const char *), const char *name,
                  const char *problem)
{
	size_t limit = length_limit(rule, name, problem);
	if (!limit)
		return problem;
	size_t len = strlen(name);
	return arena_printf(a, "%s; it has %zu, %zu too many", problem, len, len - limit);
}

const char *
iana_port_name_problem(const char *s)
{
	size_t len = strlen(s);
	bool letter = false;
	if (len == 0)
		return "it is empty";
	if (len > 15)
		return "a container port name must be no more than 15 characters";
	for (size_t i = 0; i < len; i++) {
		if (!is_lower_alnum(s[i]) && s[i] != '-')
			return "a container port name must contain only lower case letters, digits and '-'";
		if (s[i] == '-' && i + 1 < len && s[i + 1] == '-')
			return "a container port name must not contain consecutive hyphens";
		letter |= is_lower(s[i]);
	}
	if (s[0] == '-' || s[len - 1] == '-')
		return "a container port name must not begin or end with a hyphen";
	if (!letter)
		return "a container port name must contain at least one letter";
	return NULL;
}

const char *
config_key_problem(const char *s)
{
	size_t len = strlen(s);
	const char *problem = long_name_length_problem(len);
	if (problem)
		return problem;
	for (size_t i = 0; i < len; i++)
		if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return "a key must consist of letters, digits, '-', '_' or '.'";
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0 || strncmp(s, "..", 2) == 0)
		return "a key must not be '.' or '..' or start with '..'";
	return NULL;
}

const char *
shell_name_folded(struct arena *a, const char *name)
{
	char *folded = arena_strdup(a, name);
	for (char *c = folded; *c; c++)
		*c = *c == '_' ? '-' : *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
	return folded;
}

size_t
c_identifier_length(const char *s)
{
	size_t n = 0;
	if (s[0] == '_' || (is_alnum(s[0]) && !is_digit(s[0])))
		while (s[n] == '_' || is_alnum(s[n]))
			n++;
	return n;
}

const char *
c_identifier_problem(const char *s)
{
	if (!*s)
		return "it is empty";
	if (!is_alnum(s[0]) || is_digit(s[0])) {
		if (s[0] != '_')
			return "it must start with a letter or '_'";
	}
	for (size_t i = 1; s[i]; i++)
		if (!is_alnum(s[i]) && s[i] != '_')
			return "it must consist of letters, digits and '_'";
	return NULL;
}

/* What every Kubernetes version accepts (apimachinery IsEnvVarName):
 * [-._a-zA-Z][-._a-zA-Z0-9]*, but not '.', '..' or starting with '..'. */
static bool
env_name_everywhere(const char *s)
{
	if (is_digit(s[0]) || strncmp(s, "..", 2) == 0 || strcmp(s, ".") == 0)
		return false;
	for (size_t i = 0; s[i]; i++)
		if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '.' && s[i] != '_')
			return false;
	return true;
}

const char *
env_name_problem(const char *s, bool *relaxed_only)
{
	*relaxed_only = false;
	if (!*s)
		return "an environment variable name must not be empty";
	if (env_name_everywhere(s))
		return NULL;
	/* Kubernetes 1.32+ (RelaxedEnvironmentVariableValidation) accepts any
	 * printable ASCII but '='. */
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '=' )
			return "an environment variable name must not contain '='";
		if (c < 0x20 || c > 0x7E)
			return "an environment variable name must consist of printable ASCII characters";
	}
	*relaxed_only = true;
	return NULL;
}

/* name, of n bytes, in ASCII upper case (toupper() asks the locale): in
 * small (of cap bytes) when it fits, else on the heap (the caller frees
 * what is not small). */
static char *
upper_copy(const char *name, size_t n, char *small, size_t cap)
{
	char *up = n < cap ? small : xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		up[i] = is_lower(name[i]) ? (char)(name[i] - 'a' + 'A') : name[i];
	up[n] = '\0';
	return up;
}

/* A word a name may hold, in upper case: anywhere, or (part_end) only
 * where a part of the name (between '_', '-' or '.') ends. */
struct name_word {
	const char *text;
	size_t len;
	bool part_end;
};
#define WORD(text, part_end) {text, sizeof text - 1, part_end}

/* Whether one of the words is in up (a name in upper case, of n bytes):
 * one pass over the name, where a letter that starts a word is compared
 * with the words. */
static bool
has_any_word(const char *up, size_t n, const struct name_word *words, size_t count)
{
	uint32_t starts = 0; /* bit L - 'A': a word starts with L */
	for (size_t k = 0; k < count; k++)
		starts |= 1u << (words[k].text[0] - 'A');
	for (size_t i = 0; i < n; i++) {
		if (up[i] < 'A' || up[i] > 'Z' || !(starts >> (up[i] - 'A') & 1))
			continue;
		for (size_t k = 0; k < count; k++) {
			const struct name_word *w = &words[k];
			if (up[i] == w->text[0] && w->len <= n - i && memcmp(up + i, w->text, w->len) == 0 &&
			    (!w->part_end || !is_alnum(up[i + w->len])))
				return true;
		}
	}
	return false;
}

/* Whether the name holds one of the words (or, with key_at_end, ends
 * in KEY); the review asks this of every name of the stack. */
static bool
name_has_word(const char *name, const struct name_word *words, size_t count, bool key_at_end)
{
	char small[128];
	size_t n = strlen(name);
	char *up = upper_copy(name, n, small, sizeof small);
	bool found = (key_at_end && n >= 3 && memcmp(up + n - 3, "KEY", 3) == 0) ||
	             has_any_word(up, n, words, count);
	if (up != small)
		free(up);
	return found;
}

bool
secret_like_name(const char *name)
{
	static const struct name_word words[] = {
		WORD("PASS", true), WORD("PASSWORD", false), WORD("PASSWD", false),
		WORD("PASSPHRASE", false), WORD("SECRET", false), WORD("TOKEN", false),
		WORD("CREDENTIAL", false), WORD("PRIVATE", false),
	};
	return name_has_word(name, words, sizeof words / sizeof *words, true);
}

bool
host_like_name(const char *name)
{
	static const struct name_word words[] = {
		WORD("URL", true), WORD("URI", true), WORD("HOST", false), WORD("ADDR", false),
		WORD("SERVER", false), WORD("ENDPOINT", false),
	};
	return name_has_word(name, words, sizeof words / sizeof *words, false);
}

/* ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] over s[0..len) */
static bool
label_name_ok(const char *s, size_t len)
{
	if (len == 0 || !is_alnum(s[0]) || !is_alnum(s[len - 1]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return false;
	return true;
}

const char *
label_key_problem(const char *s)
{
	const char *slash = strchr(s, '/');
	const char *name = s;
	if (slash) {
		if (strchr(slash + 1, '/'))
			return "a label key has at most one '/'";
		if (slash == s)
			return "the prefix before '/' must not be empty";
		char prefix[256];
		size_t n = (size_t)(slash - s);
		if (n > 253)
			return "the prefix before '/' must be no more than 253 characters";
		memcpy(prefix, s, n);
		prefix[n] = '\0';
		if (dns1123_subdomain_problem(prefix))
			return "the prefix before '/' must be a DNS subdomain such as 'example.com'";
		name = slash + 1;
	}
	return short_name_problem(name, strlen(name), &label_key_name);
}

const char *
label_value_problem(const char *s)
{
	size_t len = strlen(s);
	if (len > 63)
		return "a label value must be no more than 63 characters";
	if (len && !label_name_ok(s, len))
		return "a label value must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit";
	return NULL;
}

/* path-component := alnum+ (separator alnum+)*, alnum := [a-z0-9],
 * separator := "." | "_" | "__" | "-"+ */
static const char *
path_component_problem(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			return "the repository name must be lower case";
	size_t i = 0;
	for (;;) {
		size_t start = i;
		while (i < n && is_lower_alnum(p[i]))
			i++;
		if (i == start)
			return "each part of the repository name is lower case letters and digits, "
			       "joined by '.', '_', '__' or dashes";
		if (i == n)
			return NULL;
		size_t sep = i;
		while (i < n && !is_lower_alnum(p[i]))
			i++;
		size_t len = i - sep;
		bool dashes = strspn(p + sep, "-") >= len;
		if (!(dashes || (len == 1 && (p[sep] == '.' || p[sep] == '_')) ||
		      (len == 2 && p[sep] == '_' && p[sep + 1] == '_')))
			return "each part of the repository name is lower case letters and digits, "
			       "joined by '.', '_', '__' or dashes";
	}
}

/* domain := host [":" port]; host := domain-component ("." domain-component)*
 * or "[" IPv6 "]"; domain-component := [A-Za-z0-9] | [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9] */
static const char *
domain_problem(const char *p, size_t n)
{
	const char *bad = "the registry host is not a valid host[:port]";
	size_t host_end;
	if (n && p[0] == '[') {
		const char *close = memchr(p, ']', n);
		if (!close)
			return bad;
		for (const char *q = p + 1; q < close; q++)
			if (!is_digit(*q) && !strchr("abcdefABCDEF:.", *q))
				return bad;
		host_end = (size_t)(close - p) + 1;
	} else {
		const char *colon = memchr(p, ':', n);
		host_end = colon ? (size_t)(colon - p) : n;
		size_t i = 0;
		while (i < host_end) {
			size_t start = i;
			while (i < host_end && p[i] != '.')
				i++;
			size_t len = i - start;
			if (len == 0 || !is_alnum(p[start]) || !is_alnum(p[i - 1]))
				return bad;
			for (size_t k = start; k < i; k++)
				if (!is_alnum(p[k]) && p[k] != '-')
					return bad;
			if (i < host_end)
				i++; /* the dot */
			if (i == host_end && p[i - 1] == '.')
				return bad;
		}
	}
	if (host_end < n) {
		if (p[host_end] != ':' || host_end + 1 == n)
			return bad;
		for (size_t k = host_end + 1; k < n; k++)
			if (!is_digit(p[k]))
				return bad;
	}
	return NULL;
}

/* Where the repository of an image reference s[0..name_end) (its digest
 * left out) ends: at the ':' of its tag, which follows the last '/'. */
static size_t
image_repository_end(const char *s, size_t name_end)
{
	size_t last_slash = 0;
	bool any_slash = false;
	for (size_t i = 0; i < name_end; i++)
		if (s[i] == '/')
			last_slash = i, any_slash = true;
	for (size_t i = any_slash ? last_slash : 0; i < name_end; i++)
		if (s[i] == ':')
			return i;
	return name_end;
}

const char *
image_unpinned(const char *s)
{
	if (strchr(s, '@'))
		return NULL; /* a digest pins it */
	size_t len = strlen(s), repo_end = image_repository_end(s, len);
	if (repo_end == len)
		return "has no tag";
	if (strcmp(s + repo_end + 1, "latest") == 0)
		return "has the tag 'latest'";
	return NULL;
}

/* Image references (distribution/reference):
 *   [domain "/"] path-component {"/" path-component} [":" tag] ["@" digest] */
const char *
image_problem(const char *s)
{
	if (!*s)
		return "the image is empty";
	size_t len = strlen(s);
	const char *at = strchr(s, '@');
	size_t name_end = at ? (size_t)(at - s) : len;
	const char *dollar = memchr(s, '$', name_end);
	if (dollar && (is_alnum(dollar[1]) || dollar[1] == '_' || dollar[1] == '('))
		return "'$' is no part of one: a param's value is put in with `${NAME}`";
	if (at) {
		const char *d = at + 1, *colon = strchr(d, ':');
		if (!colon || colon == d)
			return "a digest is ALGORITHM:HEX, as in @sha256:...";
		for (const char *q = d; q < colon; q++)
			if (!is_alnum(*q) && !strchr("+.-_", *q))
				return "the digest's algorithm is not valid";
		size_t hex = strlen(colon + 1);
		if (hex < 32)
			return "a digest has at least 32 hex digits";
		for (const char *q = colon + 1; *q; q++)
			if (!is_digit(*q) && !((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F')))
				return "a digest's value is hex digits";
	}
	size_t repo_end = image_repository_end(s, name_end);
	if (repo_end < name_end) {
		size_t tag_len = name_end - repo_end - 1;
		const char *tag = s + repo_end + 1;
		if (tag_len == 0 || tag_len > 128)
			return "a tag has 1 to 128 characters";
		if (!is_alnum(tag[0]) && tag[0] != '_')
			return "a tag starts with a letter, digit or '_'";
		for (size_t i = 0; i < tag_len; i++)
			if (!is_alnum(tag[i]) && !strchr("_.-", tag[i]))
				return "a tag consists of letters, digits, '_', '.' and '-'";
	}
	if (repo_end == 0)
		return "the image has no repository name";
	if (repo_end > 255)
		return "the repository name must be no more than 255 characters";
	/* The first component is a registry when it has '.' or ':' or is localhost. */
	size_t start = 0;
	const char *first_slash = memchr(s, '/', repo_end);
	if (first_slash) {
		size_t n = (size_t)(first_slash - s);
		if (memchr(s, '.', n) || memchr(s, ':', n) || (n == 9 && memcmp(s, "localhost", 9) == 0)) {
			const char *problem = domain_problem(s, n);
			if (problem)
				return problem;
			start = n + 1;
		}
	}
	while (start <= repo_end) {
		const char *slash = memchr(s + start, '/', repo_end - start);
		size_t end = slash ? (size_t)(slash - s) : repo_end;
		const char *problem = path_component_problem(s + start, end - start);
		if (problem)
			return problem;
		if (!slash)
			break;
		start = end + 1;
	}
	return NULL;
}

/* The suffixes of resource.Quantity: binary, then decimal. */
const struct quantity_suffix quantity_suffixes[] = {
	{"Ki", 1024.0L}, {"Mi", 1048576.0L}, {"Gi", 1073741824.0L},
	{"Ti", 1099511627776.0L}, {"Pi", 1125899906842624.0L},
	{"Ei", 1152921504606846976.0L}, {"n", 1e-9L}, {"u", 1e-6L},
	{"m", 1e-3L}, {"k", 1e3L}, {"M", 1e6L}, {"G", 1e9L}, {"T", 1e12L},
	{"P", 1e15L}, {"E", 1e18L}, {NULL, 0},
};

/* <quantity> ::= <number><suffix>; no sign (requests are never negative). */
bool
quantity_parse(const char *s, long double *value)
{
	const char *p = s;
	long double v = 0;
	bool digits = false;
	while (is_digit(*p)) {
		v = v * 10 + (*p++ - '0');
		digits = true;
	}
	if (*p == '.') {
		long double scale = 0.1L;
		p++;
		while (is_digit(*p)) {
			v += (*p++ - '0') * scale;
			scale /= 10;
			digits = true;
		}
	}
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		int sign = 1;
		if (*q == '+' || *q == '-')
			sign = *q++ == '-' ? -1 : 1;
		if (is_digit(*q)) {
			int exp = 0;
			while (is_digit(*q) && exp < 10000)
				exp = exp * 10 + (*q++ - '0');
			if (*q)
				return false;
			*value = v * powl(10.0L, sign * exp);
			return true;
		}
	}
	if (!*p) {
		*value = v;
		return true;
	}
	for (size_t i = 0; quantity_suffixes[i].suffix; i++)
		if (strcmp(p, quantity_suffixes[i].suffix) == 0) {
			*value = v * quantity_suffixes[i].factor;
			return true;
		}
	return false;
}

bool
quantity_suffix_known(const char *s, size_t len)
{
	for (size_t i = 0; quantity_suffixes[i].suffix; i++)
		if (strlen(quantity_suffixes[i].suffix) == len &&
		    memcmp(quantity_suffixes[i].suffix, s, len) == 0)
			return true;
	return false;
}

/* The pod's fields env can read (the downward API). */
const char *
field_path_problem(const char *s)
{
	static const char *const paths[] = {
		"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
		"spec.serviceAccountName", "status.hostIP", "status.podIP", "status.podIPs", NULL,
	};
	for (int i = 0; paths[i]; i++)
		if (strcmp(s, paths[i]) == 0)
			return NULL;
	const char *prefixes[] = {"metadata.labels['", "metadata.annotations['"};
	for (int i = 0; i < 2; i++) {
		size_t n = strlen(prefixes[i]), len = strlen(s);
		if (strncmp(s, prefixes[i], n) != 0)
			continue;
		if (len < n + 3 || strcmp(s + len - 2, "']") != 0)
			return "a label or annotation is read as metadata.labels['KEY']";
		char key[320];
		if (len - n - 2 >= sizeof key)
			return "the key is too long";
		memcpy(key, s + n, len - n - 2);
		key[len - n - 2] = '\0';
		return label_key_problem(key) ? "the key is not a valid label or annotation key" : NULL;
	}
	return "env can read metadata.name, metadata.namespace, metadata.uid, "
	       "metadata.labels['KEY'], metadata.annotations['KEY'], spec.nodeName, "
	       "spec.serviceAccountName, status.hostIP, status.podIP and status.podIPs";
}

const char *
relative_path_problem(const char *s)
{
	if (!*s)
		return "it is empty";
	if (s[0] == '/')
		return "it is a path inside the volume: it must not start with '/'";
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return "it must not go up with '..'";
		p += n + (p[n] == '/');
	}
	return NULL;
}

const char *
annotation_key_problem(const char *s)
{
	char lower[512];
	size_t len = strlen(s);
	if (len >= sizeof lower) /* too long whatever its case */
		return label_key_problem(s);
	for (size_t i = 0; i <= len; i++)
		lower[i] = (char)tolower((unsigned char)s[i]);
	return label_key_problem(lower);
}

const char *
item_path_problem(const char *s)
{
	const char *problem = relative_path_problem(s);
	if (!problem && strncmp(s, "..", 2) == 0)
		return "it must not start with '..', which the kubelet keeps for its own files";
	return problem;
}

/* The sequences and endings the API server refuses in an Ingress path
 * of type Prefix or Exact (networking validation, invalidPathSequences
 * and invalidPathSuffixes); an HTTPRoute's PathPrefix refuses them too,
 * and '#' and any byte outside a URL path's (its CRD's pattern). */
const char *
route_path_problem(const char *s, bool gateway)
{
	static const char *const sequences[] = {"//", "/./", "/../", "%2f", "%2F"};
	static const char *const endings[] = {"/..", "/."};
	size_t len = strlen(s);
	for (size_t i = 0; i < sizeof sequences / sizeof *sequences; i++)
		if (strstr(s, sequences[i]))
			return gateway ? "an HTTPRoute's path must not contain '//', '/./', '/../' or '%2F'"
			               : "an Ingress path must not contain '//', '/./', '/../' or '%2F'";
	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
		size_t n = strlen(endings[i]);
		if (len >= n && strcmp(s + len - n, endings[i]) == 0)
			return gateway ? "an HTTPRoute's path cannot end with '/.' or '/..'"
			               : "an Ingress path cannot end with '/.' or '/..'";
	}
	for (const char *p = s; gateway && *p; p++) {
		bool escape = p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]);
		if (escape)
			p += 2;
		else if (!isalnum((unsigned char)*p) && !strchr("-/._~!$&'()*+,;=:@", *p))
			return "an HTTPRoute's path holds only letters, digits, -._~!$&'()*+,;=:@/ and "
			       "%XX escapes";
	}
	return NULL;
}

bool
is_ipv4_address(const char *s)
{
	for (int part = 0; part < 4; part++) {
		size_t digits = 0;
		long value = 0;
		while (isdigit((unsigned char)s[digits]) && digits < 4)
			value = value * 10 + (s[digits++] - '0');
		if (!digits || digits > 3 || value > 255)
			return false;
		s += digits;
		if (part < 3 && *s++ != '.')
			return false;
	}
	return *s == '\0';
}
