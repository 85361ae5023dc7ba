/*
 * tools.c - what `todokc fmt` and `todokc lsp` share: the keywords of
 * include/keywords.def with their roles (for the layout, the completion
 * and the symbols), and which diagnostics stop formatting.
 */
#include "tools.h"

#include <string.h>

#include "todok.tab.h"

static const struct keyword_info keyword_table[] = {
#define KEYWORD(token, spelling, role) {spelling, token, #role},
#include "keywords.def"
#undef KEYWORD
};

const struct keyword_info *const keywords_by_spelling = keyword_table;
const size_t nkeywords = sizeof keyword_table / sizeof keyword_table[0];

/* The table is in the order of the spellings, which is the order of the
 * tokens (grammar/todok.y declares them so, and a unit test checks it):
 * a binary search by token. */
const struct keyword_info *
keyword_info(int token)
{
	size_t lo = 0, hi = nkeywords;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keyword_table[mid].token == token)
			return &keyword_table[mid];
		if (keyword_table[mid].token < token)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool
keyword_has_role(int token, const char *role)
{
	const struct keyword_info *k = keyword_info(token);
	return k && strcmp(k->role, role) == 0;
}

bool
token_is_word(int kind)
{
	return kind == WORD || keyword_info(kind);
}

bool
has_syntax_errors(const struct diags *d)
{
	for (size_t i = 0; i < d->list.len; i++) {
		const struct diagnostic *g = d->list.items[i];
		const char *code = diag_codes[g->code].name;
		if (g->severity == SEV_ERROR && code[0] == 'E' && code[1] == '0' && code[2] <= '2')
			return true;
	}
	return false;
}
