/*
 * tools.c - what `todokc fmt` and `todokc lsp` share: the keywords of
 * include/keywords.def with their roles (for the layout, the completion
 * and the symbols), the structure of a file's recorded tokens (braces and
 * statements), which diagnostics stop formatting, and the usage errors
 * of the command and its subcommands.
 */
#include "tools.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
 * tokens, declared one after the other (grammar/todok.y declares them so,
 * and a unit test checks it): a token's entry is at its distance from the
 * first. */
const struct keyword_info *
keyword_info(int token)
{
	int first = keyword_table[0].token;
	if (token < first || (size_t)(token - first) >= nkeywords)
		return NULL;
	return &keyword_table[token - first];
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

/* The first token whose begin (or end) is at or after `at`. */
size_t
syntax_token_from(const struct syntax *sx, uint32_t at, bool by_end)
{
	size_t lo = 0, hi = sx->ntokens;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t v = by_end ? sx->tokens[mid].loc.end : sx->tokens[mid].loc.begin;
		if (v < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
syntax_index(struct arena *a, const struct syntax *sx, struct syntax_index *ix)
{
	size_t n = sx->ntokens ? sx->ntokens : 1;
	const struct token *tok = sx->tokens;
	ix->close = arena_alloc(a, n * sizeof *ix->close);
	ix->last = arena_alloc(a, n * sizeof *ix->last);
	size_t *open = arena_alloc(a, n * sizeof *open), depth = 0;
	for (size_t i = 0; i < sx->ntokens; i++) {
		ix->close[i] = ix->last[i] = SYNTAX_NONE;
		if (tok[i].kind == '{')
			open[depth++] = i;
		else if (tok[i].kind == '}' && depth)
			ix->close[open[--depth]] = (long)i;
	}
	for (size_t s = 0; s < sx->nstatements; s++) {
		struct loc loc = sx->statements[s];
		size_t first = syntax_token_from(sx, loc.begin, false);
		size_t end = syntax_token_from(sx, loc.end, true);
		if (first >= sx->ntokens || end >= sx->ntokens || end < first ||
		    tok[first].loc.begin != loc.begin || tok[end].loc.end != loc.end)
			continue;
		if (ix->last[first] == SYNTAX_NONE || (size_t)ix->last[first] < end)
			ix->last[first] = (long)end;
	}
}

/* fmt with its arguments, as usage_message() gives it. */
static char *
usage_vmessage(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	size_t size = (size_t)(n > 0 ? n : 0) + 1;
	char *text = xmalloc(size);
	vsnprintf(text, size, fmt, again);
	va_end(again);
	/* The arguments are the user's bytes: a control character in one is
	 * shown escaped, never sent to the terminal. */
	struct buf shown = {0};
	diag_escape(&shown, text, SIZE_MAX);
	buf_putc(&shown, '\0');
	free(text);
	return shown.data;
}

char *
usage_message(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = usage_vmessage(fmt, ap);
	va_end(ap);
	return message;
}

int
usage_error_of(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = usage_vmessage(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: error: %s\nTry '%s --help' for more information.\n", command, message,
	        command);
	free(message);
	return 2;
}

bool
closest_option(const char *usage, const char *arg, char best[OPTION_NAME_MAX])
{
	enum { MAX_OPTIONS = 64 };
	char names[MAX_OPTIONS][OPTION_NAME_MAX];
	size_t count = 0;
	/* The options are the words of the usage text that start with "--"
	 * after a blank or a '[' or '|'. */
	for (const char *p = usage; (p = strstr(p, "--")) != NULL && count < MAX_OPTIONS; p += 2) {
		if (p > usage && !strchr(" [|", p[-1]))
			continue;
		size_t len = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-") + 2;
		if (len > 2 && len < OPTION_NAME_MAX) {
			memcpy(names[count], p, len);
			names[count++][len] = '\0';
		}
	}
	char got[OPTION_NAME_MAX];
	size_t got_len = strcspn(arg, "=");
	if (got_len >= OPTION_NAME_MAX)
		return false;
	memcpy(got, arg, got_len);
	got[got_len] = '\0';
	size_t budget = 1u << 16;
	struct suggestion s = suggestion_start(&budget, got);
	for (size_t i = 0; i < count; i++)
		suggestion_consider(&s, names[i]);
	if (!s.best || strcmp(s.best, got) == 0)
		return false;
	memcpy(best, s.best, strlen(s.best) + 1);
	return true;
}
