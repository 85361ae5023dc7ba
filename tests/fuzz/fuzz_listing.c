/*
 * fuzz_listing.c - libFuzzer harness for the readers of an output
 * folder's own files (src/outdir.c): parse_index() for .todokc-outputs
 * and parse_journal() for .todokc-journal, both on every input.  They
 * decide what todokc renames and removes, so besides the sanitizers the
 * harness traps (define FUZZ_NO_ORACLES to turn this off) when:
 *   - a parser's answer and its diagnostics disagree (false exactly when
 *     it reported an error);
 *   - it accepts a name todokc does not write: a journal's rename is
 *     from a temporary file to an output name or the index, a removal
 *     and an index entry are output names (no '/', no control character,
 *     not '.' or '..'), and no name is given twice;
 *   - what it accepts, written back by index_text() or journal_text(),
 *     does not parse again to the same lists.
 * Built by mk/fuzz.mk (make fuzz).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
plain(const char *name)
{
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F || *p == '/')
			return false;
	return *name && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static void
index_oracles(struct compilation *c, const char *text, size_t size)
{
	struct vec names = {0}, again = {0};
	if (!agrees(c, parse_index(c, "out/.todokc-outputs", text, size, &names), "parse_index()"))
		return;
	for (size_t i = 0; i < names.len; i++) {
		CHECK(output_name_ok(names.items[i]) && plain(names.items[i]), "an index name todokc does not write");
		for (size_t k = 0; k < i; k++)
			CHECK(strcmp(names.items[i], names.items[k]) != 0, "an index name given twice");
	}
	struct buf b = {0};
	index_text(&b, &names);
	CHECK(parse_index(c, "again", b.data, b.len, &again) && vec_same_strings(&names, &again),
	      "an index written back does not read the same");
	buf_free(&b);
}

static void
journal_oracles(struct compilation *c, const char *text, size_t size)
{
	struct journal j = {0}, again = {0};
	if (!agrees(c, parse_journal(c, "out/.todokc-journal", text, size, &j), "parse_journal()"))
		return;
	for (size_t i = 0; i < j.from.len; i++) {
		const char *to = j.to.items[i];
		CHECK(temp_name_ok(j.from.items[i]) && plain(j.from.items[i]), "a rename from no temporary file");
		CHECK((output_name_ok(to) || strcmp(to, OUTPUT_INDEX) == 0) && plain(to),
		      "a rename to a name todokc does not write");
	}
	for (size_t i = 0; i < j.removes.len; i++)
		CHECK(output_name_ok(j.removes.items[i]) && plain(j.removes.items[i]),
		      "a removal of a name todokc does not write");
	struct buf b = {0};
	journal_text(&b, &j);
	CHECK(parse_journal(c, "again", b.data, b.len, &again) &&
	          vec_same_strings(&j.from, &again.from) && vec_same_strings(&j.to, &again.to) &&
	          vec_same_strings(&j.removes, &again.removes),
	      "a journal written back does not read the same");
	buf_free(&b);
}

/* Runs one of the oracles with a compilation of its own. */
static void
run(void (*oracles)(struct compilation *, const char *, size_t), const char *text, size_t size)
{
	struct options opts;
	struct compilation c;
	fuzz_compilation(&c, &opts);
	oracles(&c, text, size);
	compilation_free(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact copy, without a terminating NUL past its end: the parsers
	 * take a length. */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	run(index_oracles, text, size);
	run(journal_oracles, text, size);
	free(text);
	return 0;
}
