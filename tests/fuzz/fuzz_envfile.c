/*
 * fuzz_envfile.c - libFuzzer harness for the --env-file reader,
 * parse_env_text() of src/io.c, on any bytes (NUL bytes, CR, invalid
 * UTF-8, no final newline).  Besides the sanitizers, the harness traps
 * (define FUZZ_NO_ORACLES to turn this off) when:
 *   - its answer and its diagnostics disagree (false exactly when it
 *     reported an E0003);
 *   - a diagnostic is not one of its two forms, "FILE:LINE: not a
 *     VAR=value line" and "FILE:LINE: the line holds a NUL byte, ...":
 *     a message must never show the line (it may hold a secret);
 *   - the variable of the last plain "NAME=value" line (when no later
 *     line mentions NAME) is not found with that value.
 * Built by mk/fuzz.mk (make fuzz).
 */
#include <stdint.h>
#include <string.h>

#include "io.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether the len bytes at s hold needle. */
static bool
holds(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* The last line "NAME=..." (a plain NAME, no NUL, no CR at its end) when
 * no later line mentions NAME at all: the reader must have NAME with
 * that value.  NULL when there is no such line. */
static const char *
last_simple_name(struct arena *a, const char *text, size_t size, const char **value)
{
	const char *found = NULL;
	for (const char *line = text; line < text + size;) {
		const char *end = memchr(line, '\n', (size_t)(text + size - line));
		if (!end)
			end = text + size;
		size_t name_len = strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
		if (found && holds(line, (size_t)(end - line), found))
			found = NULL;
		if (name_len && line + name_len < end && line[name_len] == '=' &&
		    !memchr(line, '\0', (size_t)(end - line)) && end[-1] != '\r') {
			found = arena_strndup(a, line, name_len);
			*value = arena_strndup(a, line + name_len + 1, (size_t)(end - line) - name_len - 1);
		}
		line = end + 1;
	}
	return found;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options opts;
	struct compilation c;
	fuzz_compilation(&c, &opts);
	/* Two NUL-terminated copies: the reader changes its own in place. */
	char *text = arena_strndup(&c.arena, (const char *)data, size);
	const char *value = NULL, *copy = arena_strndup(&c.arena, (const char *)data, size);
	const char *name = last_simple_name(&c.arena, copy, size, &value);
	agrees(&c, parse_env_text(&c, "fuzz.env", text, size), "parse_env_text() and its diagnostics");
	for (size_t i = 0; i < c.diags.list.len; i++) {
		const struct diagnostic *d = c.diags.list.items[i];
		CHECK(d->code == E0003 && d->file && strcmp(d->file, "fuzz.env") == 0 && d->line > 0 &&
		          d->column > 0 &&
		          (strcmp(d->message, "not a VAR=value line") == 0 ||
		           strcmp(d->message, "not a VAR=value line: no blank may stand before the '='") ==
		               0 ||
		           strcmp(d->message, "the line holds a NUL byte, which no value can hold") == 0),
		      "a diagnostic of another form (it might show the line)");
	}
	if (name) {
		const char *got = strmap_get(&c.env.file_vars, name);
		CHECK(got && strcmp(got, value) == 0, "a VAR=value line is not read as such");
	}
	compilation_free(&c);
	return 0;
}
