/*
 * fuzz_compile.c - libFuzzer harness for the whole compiler, in memory:
 * compile_source() (parse, lower, resolve, order, check, plan the
 * objects), then the YAML stream and the JSON list as `todokc` renders
 * them, the per-object files and Kustomization as `todokc -o`
 * renders them (src/output.c), the Graphviz view, and the diagnostics as text and JSON.
 * Nothing is written to disk.
 *
 * The options are fixed (no -D, no --env-file, no capacity).  env("VAR")
 * does not read the process environment (c.env.use_environ = false): a
 * few variables are preloaded as if they came from an env file, so that
 * secrets compile.  file("...") is relative to tests/fuzz/base/ (compiled
 * in as FUZZ_BASE_DIR), which holds secret.txt.
 *
 * Besides the sanitizers, the harness traps (a crash for libFuzzer) when
 * an oracle fails; define FUZZ_NO_ORACLES to turn them off:
 *   - compile_source() is false exactly when there are errors;
 *   - the same input compiles twice to byte-identical output (docs/output.md section 3);
 *   - every YAML output reads back with libyaml, and the JSON is strict
 *     RFC 8259;
 *   - each object's YAML and JSON read back to the same tree, and a
 *     string is never written as a plain YAML scalar that a YAML 1.1
 *     reader (PyYAML, Go's yaml.v2) or YAML 1.2 would type as a number,
 *     bool, null or timestamp;
 *   - no secret value (the preloaded ones and secret.txt, all starting
 *     with FZsecret) appears in clear in any output or diagnostic, nor
 *     base64-encoded outside a Secret, unless the input holds it;
 *   - file names are plain and unique (no '/', '.' or '..').
 */
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "objects.h"
#include "output.h"

#ifndef FUZZ_BASE_DIR
#define FUZZ_BASE_DIR "tests/fuzz/base"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef FUZZ_NO_ORACLES
#define CHECK(cond, what) ((void)(cond))
#else
#define CHECK(cond, what) \
	((cond) ? (void)0 : oracle_failed(what, __FILE__, __LINE__))
#endif

static _Noreturn void
oracle_failed(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: fuzz oracle failed: %s\n", file, line, what);
	fflush(stderr);
	__builtin_trap();
}

/* The secret values the harness can give; every one starts with MARKER. */
#define MARKER "FZsecret"
#define MARKER_B64 "RlpzZWNyZX" /* base64 of "FZsecre", at offset 0 */
static const char *const env_vars[][2] = {
	{"POSTGRES_PASSWORD", MARKER "PGq7w3"},
	{"OPENAI_API_KEY", MARKER "AIq7w3"},
	{"SECRET", MARKER "ENVq7w3"},
	{"PASSWORD", MARKER "pw:\"'\\$ {x}\n#q7w3"},
};

/* Output of one compile. */
struct result {
	bool ok;
	struct buf yaml, json, files, dot, diag_text, diag_json;
};

static void
result_free(struct result *r)
{
	buf_free(&r->yaml);
	buf_free(&r->json);
	buf_free(&r->files);
	buf_free(&r->dot);
	buf_free(&r->diag_text);
	buf_free(&r->diag_json);
}

static bool
contains(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	if (!b->data || b->len < n)
		return false;
	for (const char *p = b->data; (p = memchr(p, needle[0], b->len - (size_t)(p - b->data)));
	     p++) {
		if ((size_t)(b->data + b->len - p) < n)
			return false;
		if (memcmp(p, needle, n) == 0)
			return true;
	}
	return false;
}

static bool
buf_equal(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* Strict JSON (RFC 8259) */

struct json {
	const unsigned char *s;
	size_t len, i;
};

static void
json_ws(struct json *j)
{
	while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]) && j->s[j->i])
		j->i++;
}

static bool
json_lit(struct json *j, const char *lit)
{
	size_t n = strlen(lit);
	if (j->len - j->i < n || memcmp(j->s + j->i, lit, n) != 0)
		return false;
	j->i += n;
	return true;
}

static bool
json_string_ok(struct json *j)
{
	if (!json_lit(j, "\""))
		return false;
	while (j->i < j->len) {
		unsigned char c = j->s[j->i];
		if (c == '"') {
			j->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++j->i >= j->len)
				return false;
			c = j->s[j->i];
			if (c == 'u') {
				for (int k = 1; k <= 4; k++)
					if (j->i + k >= j->len || !strchr("0123456789abcdefABCDEF", j->s[j->i + k]) ||
					    !j->s[j->i + k])
						return false;
				j->i += 5;
			} else if (c && strchr("\"\\/bfnrt", c)) {
				j->i++;
			} else {
				return false;
			}
			continue;
		}
		if (c < 0x80) {
			j->i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(j->s + j->i, j->len - j->i, &cp);
		if (!n)
			return false;
		j->i += n;
	}
	return false;
}

static bool
json_value_ok(struct json *j, int depth)
{
	if (depth > 64)
		return false;
	json_ws(j);
	if (j->i >= j->len)
		return false;
	unsigned char c = j->s[j->i];
	if (c == '"')
		return json_string_ok(j);
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		j->i++;
		json_ws(j);
		if (j->i < j->len && j->s[j->i] == close) {
			j->i++;
			return true;
		}
		for (;;) {
			if (c == '{') {
				json_ws(j);
				if (!json_string_ok(j))
					return false;
				json_ws(j);
				if (!json_lit(j, ":"))
					return false;
			}
			if (!json_value_ok(j, depth + 1))
				return false;
			json_ws(j);
			if (j->i < j->len && j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			if (j->i < j->len && j->s[j->i] == close) {
				j->i++;
				return true;
			}
			return false;
		}
	}
	if (json_lit(j, "true") || json_lit(j, "false") || json_lit(j, "null"))
		return true;
	/* -?(0|[1-9][0-9]*)  (the backend writes integers only) */
	size_t start = j->i;
	if (j->i < j->len && j->s[j->i] == '-')
		j->i++;
	if (j->i < j->len && j->s[j->i] == '0') {
		j->i++;
	} else {
		if (j->i >= j->len || j->s[j->i] < '1' || j->s[j->i] > '9')
			return false;
		while (j->i < j->len && j->s[j->i] >= '0' && j->s[j->i] <= '9')
			j->i++;
	}
	return j->i > start;
}

static bool
json_text_ok(const struct buf *b)
{
	struct json j = {(const unsigned char *)b->data, b->len, 0};
	if (!json_value_ok(&j, 0))
		return false;
	json_ws(&j);
	return j.i == j.len;
}

/* Implicit typing of plain YAML scalars */

static const char *const non_string_patterns[] = {
	/* YAML 1.1 (PyYAML's resolver) and Go yaml.v2's extra words */
	"^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$",
	"^([-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?"
	"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
	"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
	"|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$",
	"^(<<|~|null|Null|NULL|=)$",
	"^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
	"([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?"
	"([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?)$",
	/* YAML 1.2 core schema (yaml.v3 and others) */
	"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$",
	"^(0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\\.(inf|Inf|INF))$",
};
enum { NPATTERNS = sizeof non_string_patterns / sizeof *non_string_patterns };
/* Go yaml.v2 tries these on the scalar without its underscores, when it
 * starts with a sign, a digit or a dot. */
static const char *const go_patterns[] = {
	"^[-+]?(0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)$",
	"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$",
};
enum { NGO = sizeof go_patterns / sizeof *go_patterns };
static regex_t compiled[NPATTERNS], go_compiled[NGO];

static void
compile_patterns(void)
{
	static bool done;
	if (done)
		return;
	for (size_t i = 0; i < NPATTERNS; i++)
		if (regcomp(&compiled[i], non_string_patterns[i], REG_EXTENDED | REG_NOSUB) != 0)
			oracle_failed("a resolver pattern does not compile", __FILE__, __LINE__);
	for (size_t i = 0; i < NGO; i++)
		if (regcomp(&go_compiled[i], go_patterns[i], REG_EXTENDED | REG_NOSUB) != 0)
			oracle_failed("a resolver pattern does not compile", __FILE__, __LINE__);
	done = true;
}

/* Whether some YAML reader would take this plain scalar as no string. */
static bool
plain_is_non_string(const char *s, size_t len)
{
	if (len == 0)
		return true;
	if (memchr(s, '\0', len))
		return false;
	char *copy = xmalloc(len + 1), *nounder = xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	size_t k = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '_')
			nounder[k++] = s[i];
	nounder[k] = '\0';
	bool typed = false;
	for (size_t i = 0; i < NPATTERNS && !typed; i++)
		typed = regexec(&compiled[i], copy, 0, NULL, 0) == 0;
	if (strchr("+-.0123456789", s[0]))
		for (size_t i = 0; i < NGO && !typed; i++)
			typed = regexec(&go_compiled[i], nounder, 0, NULL, 0) == 0;
	free(copy);
	free(nounder);
	return typed;
}

/* Whether libyaml's reader accepts every character (it refuses C1
 * controls, U+FEFF, U+FFFE and U+FFFF even inside quoted strings). */
static bool
yaml_printable(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)b->data;
	for (size_t i = 0; i < b->len;) {
		if (s[i] < 0x80) {
			if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
				return false;
			if (s[i] == 0x7F)
				return false;
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, b->len - i, &cp);
		if (!n)
			return false;
		if ((cp < 0xA0 && cp != 0x85) || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
			return false;
		i += n;
	}
	return true;
}

/* Reads a YAML stream back; false when libyaml cannot. */
static bool
yaml_reads_back(const struct buf *b)
{
	yaml_parser_t p;
	yaml_event_t ev;
	bool ok = true, done = false;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)(b->data ? b->data : ""), b->len);
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = false;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

/* One object's YAML and JSON, read back in step: the same events, the
 * same scalar values, and no string as a plain scalar of another type. */
static void
compare_object(const struct buf *yaml, const struct buf *json)
{
	yaml_parser_t py, pj;
	yaml_event_t ey, ej;
	bool done = false;
	bool json_readable = yaml_printable(json);
	yaml_parser_initialize(&py);
	yaml_parser_initialize(&pj);
	yaml_parser_set_input_string(&py, (const unsigned char *)yaml->data, yaml->len);
	yaml_parser_set_input_string(&pj, (const unsigned char *)json->data, json->len);
	while (!done) {
		CHECK(yaml_parser_parse(&py, &ey), "libyaml cannot read back an object's YAML");
		if (!yaml_parser_parse(&pj, &ej)) {
			CHECK(!json_readable, "libyaml cannot read an object's JSON");
			yaml_event_delete(&ey);
			break;
		}
		CHECK(ey.type == ej.type, "an object's YAML and JSON have different structure");
		if (ey.type == YAML_SCALAR_EVENT) {
			const char *yv = (const char *)ey.data.scalar.value;
			size_t ylen = ey.data.scalar.length;
			CHECK(ylen == ej.data.scalar.length &&
			          memcmp(yv, ej.data.scalar.value, ylen) == 0,
			      "an object's YAML and JSON hold different scalars");
			bool json_string = ej.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
			bool yaml_plain = ey.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (json_string && yaml_plain)
				CHECK(!plain_is_non_string(yv, ylen),
				      "a string is written as a plain YAML scalar of another type");
			if (!json_string)
				CHECK(yaml_plain, "a number or bool is written quoted in YAML");
		}
		done = ey.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ey);
		yaml_event_delete(&ej);
	}
	yaml_parser_delete(&py);
	yaml_parser_delete(&pj);
}

static bool
safe_file_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* Appends one named output file to `all`, as "== NAME\nDATA". */
static void
add_file(struct buf *all, const char *name, const struct buf *data)
{
	buf_printf(all, "== %s\n", name);
	buf_append(all, data->data ? data->data : "", data->len);
}

static void
compile_once(const char *text, size_t size, struct result *r, bool oracles,
             bool marker_in_input)
{
	struct options opts, json_opts;
	options_init(&opts);
	opts.input = "fuzz.todok";
	json_opts = opts;
	json_opts.format = FORMAT_JSON;
	struct compilation c;
	compilation_init(&c, &opts);
	c.env.use_environ = false;
	c.base_dir = FUZZ_BASE_DIR;
	for (size_t i = 0; i < sizeof env_vars / sizeof *env_vars; i++)
		strmap_put(&c.arena, &c.env.file_vars, env_vars[i][0], (void *)env_vars[i][1]);
	char *copy = arena_strndup(&c.arena, text, size);
	r->ok = compile_source(&c, opts.input, copy, size);
	CHECK(r->ok == (c.diags.errors == 0), "compile_source() disagrees with the error count");
	if (r->ok) {
		/* What `todokc` writes on standard output, in both formats. */
		CHECK(render_stream(&c, &r->yaml), "the YAML backend fails on a compiled stack");
		c.opts = &json_opts;
		render_stream(&c, &r->json);
		c.opts = &opts;
		emit_dot(&c, &r->dot);

		/* What `todokc -o DIR` writes, one file at a time. */
		size_t n;
		struct output_file *files = output_files(&c, &n);
		struct strmap seen = {0};
		struct arena scratch = {0};
		for (size_t i = 0; i < n; i++) {
			const char *name = files[i].name;
			struct buf y = {0}, j = {0};
			CHECK(safe_file_name(name), "an output file name is not a plain name");
			CHECK(!strmap_get(&seen, name), "two objects have the same file name");
			strmap_put(&c.arena, &seen, name, (void *)name);
			CHECK(render_file(&c, i, &scratch, &y), "the YAML backend fails on an output file");
			add_file(&r->files, name, &y);
			if (i + 1 < n) {
				const struct object *o = c.objects.items[i];
				c.opts = &json_opts;
				render_file(&c, i, &scratch, &j);
				c.opts = &opts;
				if (oracles) {
					CHECK(json_text_ok(&j), "an object's JSON is not valid JSON");
					compare_object(&y, &j);
					if (!files[i].secret && !marker_in_input)
						CHECK(!contains(&y, MARKER_B64) && !contains(&j, MARKER_B64),
						      "a base64 secret value outside a Secret");
				}
				add_file(&r->files, arena_printf(&c.arena, "%s.json", o->file_stem), &j);
			}
			buf_free(&y);
			buf_free(&j);
		}
		arena_free(&scratch);
	}
	/* The diagnostics as the command prints them, in colour and as JSON
	 * (also when there are none: an empty list once made sorted() call
	 * memcpy(a, NULL, 0), which UBSan reports). */
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	if (f) {
		diag_print_text(&c.diags, f, true);
		diag_print_text(&c.diags, f, false);
		fclose(f);
		buf_append(&r->diag_text, mem, memlen);
		free(mem);
	}
	mem = NULL;
	f = open_memstream(&mem, &memlen);
	if (f) {
		diag_print_json(&c.diags, f);
		fclose(f);
		buf_append(&r->diag_json, mem, memlen);
		free(mem);
	}
	compilation_free(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	bool oracles = true;
#ifdef FUZZ_NO_ORACLES
	oracles = false;
#endif
	if (oracles)
		compile_patterns();
	struct buf input = {(char *)text, size, size};
	bool marker_in_input = contains(&input, MARKER) || contains(&input, MARKER_B64);
	struct result r = {0};
	compile_once(text, size, &r, oracles, marker_in_input);
	if (oracles) {
		if (r.ok) {
			CHECK(yaml_reads_back(&r.yaml), "libyaml cannot read back the YAML stream");
			CHECK(json_text_ok(&r.json), "the JSON list is not valid JSON");
			/* Same input, same bytes. */
			struct result again = {0};
			compile_once(text, size, &again, false, marker_in_input);
			CHECK(again.ok && buf_equal(&r.yaml, &again.yaml) &&
			          buf_equal(&r.json, &again.json) && buf_equal(&r.files, &again.files) &&
			          buf_equal(&r.dot, &again.dot) &&
			          buf_equal(&r.diag_text, &again.diag_text),
			      "the same input compiles to different output");
			result_free(&again);
		}
		if (!marker_in_input) {
			const struct buf *outs[] = {&r.yaml, &r.json, &r.files, &r.dot, &r.diag_text,
			                            &r.diag_json};
			for (size_t i = 0; i < sizeof outs / sizeof *outs; i++)
				CHECK(!contains(outs[i], MARKER), "a secret value is written in clear");
			CHECK(!contains(&r.diag_text, MARKER_B64) && !contains(&r.diag_json, MARKER_B64) &&
			          !contains(&r.dot, MARKER_B64),
			      "a base64 secret value in a diagnostic");
		}
		if (r.diag_json.len)
			for (const char *line = r.diag_json.data; line < r.diag_json.data + r.diag_json.len;) {
				const char *end = memchr(line, '\n', (size_t)(r.diag_json.data + r.diag_json.len - line));
				struct buf one = {(char *)line, (size_t)((end ? end : r.diag_json.data + r.diag_json.len) - line), 0};
				CHECK(json_text_ok(&one), "a --diagnostics=json line is not valid JSON");
				line = end ? end + 1 : r.diag_json.data + r.diag_json.len;
			}
	}
	result_free(&r);
	return 0;
}
