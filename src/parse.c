/*
 * parse.c - the front end's driver and the scanner's helpers.
 *
 * parse_source() checks that the input is UTF-8 without NUL bytes, then
 * runs the flex scanner (grammar/todok.l) and the bison parser
 * (grammar/todok.y) over it, which build the syntax tree.  This file also
 * holds the keyword table the scanner looks words up in, and the decoding
 * of string literals (escapes and ${...} interpolations) and numbers
 * (quantities, durations, percentages).
 */
#include "parse.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "todok.tab.h"
#include "todok.yy.h"

/* Keywords, sorted by spelling (include/keywords.def) */

struct keyword {
	const char *spelling;
	int token;
};

static const struct keyword keywords[] = {
#define KEYWORD(token, spelling, role) {spelling, token},
#include "keywords.def"
#undef KEYWORD
};

enum { NKEYWORDS = sizeof keywords / sizeof keywords[0] };

int
keyword_token(const char *s, size_t len)
{
	size_t lo = 0, hi = NKEYWORDS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = keywords[mid].spelling;
		/* the first bytes decide most steps of the search */
		int cmp = (unsigned char)s[0] - (unsigned char)k[0];
		if (cmp == 0)
			cmp = strncmp(s, k, len);
		if (cmp == 0 && k[len] == '\0')
			return keywords[mid].token;
		if (cmp < 0 || (cmp == 0 && k[len] != '\0'))
			hi = mid; /* s sorts before k (a prefix of it, or smaller) */
		else
			lo = mid + 1;
	}
	return 0;
}

const char *
keyword_spelling(int token)
{
	/* The grammar declares the tokens in the table's order, so that a
	 * token's entry is found by subtraction (the loop is the fallback). */
	int first = keywords[0].token;
	if (token < first || token > keywords[NKEYWORDS - 1].token)
		return NULL;
	if (keywords[token - first].token == token)
		return keywords[token - first].spelling;
	for (size_t i = 0; i < NKEYWORDS; i++)
		if (keywords[i].token == token)
			return keywords[i].spelling;
	return NULL;
}

int
keyword_folded(const char *s, size_t len)
{
	char want[32], have[32];
	if (!habit_fold(s, len, want, sizeof want))
		return 0;
	for (size_t i = 0; i < NKEYWORDS; i++) {
		const char *k = keywords[i].spelling;
		if (habit_fold(k, strlen(k), have, sizeof have) && strcmp(want, have) == 0)
			return keywords[i].token;
	}
	return 0;
}

/* Secret blocks */

static bool
is_name_token(int token)
{
	return token == WORD || keyword_spelling(token);
}

/* A token that may be a secret's value in a secret block: a string, a
 * number, or a word (a value written without quotes, or a reference,
 * hidden too after '='; a key is a word that '=' follows). */
static bool
is_value_token(int token)
{
	return token == STRING || token == INT || token == QUANTITY || token == DURATION ||
	       token == PERCENT || token == WORD;
}

static void
record_token(struct parse_ctx *p, int kind, struct loc loc)
{
	struct syntax *sx = p->c->syntax;
	if (sx->ntokens == sx->tokens_cap) {
		size_t cap = sx->tokens_cap ? sx->tokens_cap * 2 : 256;
		sx->tokens = arena_grow(p->arena, sx->tokens, sx->tokens_cap * sizeof *sx->tokens,
		                        cap * sizeof *sx->tokens);
		sx->tokens_cap = cap;
	}
	sx->tokens[sx->ntokens++] = (struct token){kind, loc};
}

void
record_comment(struct parse_ctx *p, struct loc loc)
{
	if (p->c->syntax)
		record_token(p, TOKEN_COMMENT, loc);
}

void
record_statement(struct parse_ctx *p, struct loc loc)
{
	struct syntax *sx = p->c->syntax;
	if (!sx)
		return;
	if (sx->nstatements == sx->statements_cap) {
		size_t cap = sx->statements_cap ? sx->statements_cap * 2 : 64;
		sx->statements = arena_grow(p->arena, sx->statements,
		                            sx->statements_cap * sizeof *sx->statements,
		                            cap * sizeof *sx->statements);
		sx->statements_cap = cap;
	}
	sx->statements[sx->nstatements++] = loc;
}

/* The string or number before this token, in a secret block but after
 * neither '=' (a value) nor '(' (the name of file(...) or env(...)), was
 * a value out of place unless this token is '=' (then it was a key):
 * hidden too, as the excerpt of a syntax error shows it. */
static void
settle_pending(struct parse_ctx *p, int token)
{
	if (p->pending && token != '=')
		diag_redact(&p->c->diags, p->pending_loc);
	p->pending = false;
}

int
scan_token(struct parse_ctx *p, int token, struct loc loc, bool unterminated)
{
	/* The habits of other languages (':', ';', '- ') are repaired before
	 * the parser, and are no tokens of the syntax. */
	bool habit = token == ':' || token == ';' || token == '-';
	if (p->c->syntax && !habit)
		record_token(p, token, loc);
	settle_pending(p, token == ':' ? '=' : token); /* ':' is repaired to '=' */
	if (p->secret_block && p->depth >= p->secret_block && is_value_token(token)) {
		/* The argument of env(...), file(...) or field(...) names where the
		 * value is, and is shown; after any other '(' it is a value's text. */
		bool argument = p->last == '(' && (p->before_paren == KW_ENV ||
		                                   p->before_paren == KW_FILE ||
		                                   p->before_paren == KW_FIELD);
		if (token == STRING)
			loc = (struct loc){loc.begin + 1, unterminated ? loc.end : loc.end - 1};
		if (loc.end > loc.begin && (p->last == '=' || (p->last == '(' && !argument)))
			diag_redact(&p->c->diags, loc);
		else if (loc.end > loc.begin && !argument)
			p->pending = true, p->pending_loc = loc;
	}
	if (token == '(')
		p->before_paren = p->last;
	p->last = token == ':' ? '=' : token;
	if (p->head == HEAD_SECRET && is_name_token(token))
		p->head = HEAD_NAME;
	else if (p->head == HEAD_NAME && token == '{')
		p->secret_block = p->depth + 1;
	else
		p->head = token == KW_SECRET ? HEAD_SECRET : HEAD_NONE;
	if (token != '{' && token != '}')
		return token;
	if (token == '{') {
		p->depth++;
		return token;
	}
	if (p->secret_block == p->depth)
		p->secret_block = 0;
	p->depth -= p->depth > 0;
	return token;
}

void
scan_supplied_brace(struct parse_ctx *p, int brace, bool secret)
{
	if (brace == '{') {
		if (secret)
			p->secret_block = p->depth + 1;
		p->head = HEAD_NONE;
		p->depth++;
		return;
	}
	if (p->secret_block == p->depth)
		p->secret_block = 0;
	p->depth -= p->depth > 0;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The end of the number the scanner reads at `at`: digits, a fraction,
 * a suffix. */
static uint32_t
number_end(const char *src, uint32_t at)
{
	at += (uint32_t)strspn(src + at, "0123456789");
	if (src[at] == '.' && is_digit(src[at + 1]))
		at += 1 + (uint32_t)strspn(src + at + 1, "0123456789");
	return at + (uint32_t)strspn(src + at, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ%");
}

/* A '-' or '.' between digits (`replicas 2-5`, `cpu 1.5.3`, `HOST =
 * 10.0.0.1`, `D = 2024-01-02`): the run of digits, points and dashes is
 * one mistake, reported once, and the number after it is not reported
 * again by the parser. */
static bool
stray_in_number(struct parse_ctx *p, struct loc loc, uint32_t cp)
{
	const char *src = p->c->src.text;
	if ((cp != '-' && cp != '.') || loc.begin == 0 || !is_digit(src[loc.begin - 1]) ||
	    !is_digit(src[loc.end]))
		return false;
	if (loc.begin < p->number_reported_until)
		return true; /* the run's next '-' or '.' */
	uint32_t begin = loc.begin, end = loc.end;
	while (begin > 0 && (is_digit(src[begin - 1]) || src[begin - 1] == '.' || src[begin - 1] == '-'))
		begin--;
	while (is_digit(src[end]) || ((src[end] == '.' || src[end] == '-') && is_digit(src[end + 1])))
		end++;
	end = number_end(src, end);
	p->number_reported_until = end;
	p->reported_token = (struct loc){loc.end, number_end(src, loc.end)};
	const char *statement = recover_statement_word(p);
	if (recover_in_entries(p))
		diag(&p->c->diags, E0103, loc, "stray '%c' in a value; write it in quotes: `\"%.*s\"`",
		     (char)cp, (int)(end - begin), src + begin);
	else if (cp == '-' && statement && strcmp(statement, "replicas") == 0)
		diag(&p->c->diags, E0103, loc, "stray '-' in a number; a range of replicas is written "
		     "`2..5`");
	else
		diag(&p->c->diags, E0103, loc, cp == '-' ? "stray '-' in a number" :
		     "stray '.': a number has one decimal point");
	return true;
}

/* A character that starts no token: E0103, quoting it (with its code
 * point when it is not ASCII), or, among a secret block's values, where it
 * is likely part of a value written without quotes (PW = Tr0ub&dor), hidden
 * in the excerpt and not quoted. */
void
stray_character(struct parse_ctx *p, struct loc loc, const char *text)
{
	if (loc.begin < p->quiet_until)
		return;
	if (in_secret_values(p)) {
		const char *src = p->c->src.text;
		if (loc.begin > 0 && is_digit(src[loc.begin - 1]) && is_digit(src[loc.end]))
			p->reported_token = (struct loc){loc.end, number_end(src, loc.end)};
		diag_redact(&p->c->diags, loc);
		diag(&p->c->diags, E0103, loc,
		     "stray character in a secret's values; a secret's value is text, written in "
		     "quotes or read with env() or file()");
		return;
	}
	uint32_t cp = (unsigned char)text[0];
	if (stray_in_number(p, loc, cp))
		return;
	if (cp < 0x80) {
		diag(&p->c->diags, E0103, loc, "stray %s in the program", diag_quote(p->arena, text));
		return;
	}
	cp = 0;
	utf8_decode((const unsigned char *)text, strlen(text), &cp);
	diag(&p->c->diags, E0103, loc, "stray %s (U+%04X) in the program",
	     diag_quote(p->arena, text), cp);
}

void
lone_carriage_return(struct parse_ctx *p, struct loc loc, const char *text, size_t len)
{
	const struct source *src = &p->c->src;
	for (size_t i = 0; i < len && !p->lone_cr_reported; i++) {
		char next = i + 1 < len ? text[i + 1] : loc.end < src->len ? src->text[loc.end] : 0;
		if (text[i] != '\r' || next == '\n')
			continue;
		p->lone_cr_reported = true;
		uint32_t at = loc.begin + (uint32_t)i;
		diag(&p->c->diags, W0102, (struct loc){at, at + 1},
		     "a carriage return without a newline after it: todokc ends lines with LF "
		     "(or CRLF), so an editor that ends one here too shows other line numbers "
		     "than its messages; convert the line ends (mac2unix does)");
	}
}

/* Numbers */

static bool
parse_whole(const char *s, size_t len, long long *out)
{
	long long v = 0;
	for (size_t i = 0; i < len; i++) {
		int digit = s[i] - '0';
		if (v > (LLONG_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*out = v;
	return true;
}

bool
in_secret_values(const struct parse_ctx *p)
{
	return p->secret_block && p->depth >= p->secret_block;
}

/* A whole number's value into out, or E0109 when it does not fit. */
static void
whole_value(struct parse_ctx *p, const char *s, size_t digits, struct ast_number *out)
{
	if (parse_whole(s, digits, &out->value))
		return;
	if (in_secret_values(p))
		diag(&p->c->diags, E0109, out->loc, "a secret's value written as an integer is too "
		     "large; a secret's value is text: write it in quotes");
	else
		diag(&p->c->diags, E0109, out->loc, "integer %s is too large",
		     diag_quote(p->arena, out->text));
}

/* The known suffix a bad one most likely means: the same letters in
 * another case (2gi: Gi), a size in bytes (512mb, 1GB: Mi, Gi), or one
 * letter away (1Gb); NULL when none is close. */
static const char *
nearest_suffix(const char *bad)
{
	size_t len = strlen(bad);
	bool bytes = len == 2 && (bad[1] == 'b' || bad[1] == 'B');
	const char *best = NULL;
	size_t best_distance = (size_t)-1;
	for (size_t i = 0; quantity_suffixes[i].suffix; i++) {
		const char *known = quantity_suffixes[i].suffix;
		if (strcasecmp(bad, known) == 0)
			return known;
		if (bytes && strlen(known) == 2 && ((bad[0] ^ known[0]) & ~0x20) == 0)
			best = known, best_distance = 0;
		size_t d = edit_distance(bad, known);
		if (d < best_distance && d <= 1 && strlen(known) == 2) {
			best = known;
			best_distance = d;
		}
	}
	return best;
}

/* A time unit written after a number where todokc counts seconds: its
 * length in milliseconds (1h, 5min, 500ms, 1.5s), or 0 when the suffix is
 * none ('m' and 'M' are the quantities' milli and mega). */
static long long
time_unit_ms(const char *suffix)
{
	static const struct {
		const char *spelling;
		long long ms;
	} units[] = {
		{"ms", 1},        {"s", 1000},         {"sec", 1000},      {"secs", 1000},
		{"second", 1000}, {"seconds", 1000},   {"min", 60000},     {"mins", 60000},
		{"minute", 60000}, {"minutes", 60000}, {"h", 3600000},     {"hr", 3600000},
		{"hrs", 3600000}, {"hour", 3600000},   {"hours", 3600000}, {"d", 86400000},
		{"day", 86400000}, {"days", 86400000},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcasecmp(suffix, units[i].spelling) == 0)
			return units[i].ms;
	return 0;
}

static bool
is_word_char(char c, bool first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/* Whether the word before `at` is `cpu`: `cpu 500mi` means millicores,
 * not the mebibytes its letters are closest to. */
static bool
after_cpu(const struct parse_ctx *p, struct loc at)
{
	const char *text = p->c->src.text;
	uint32_t end = at.begin;
	while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	uint32_t begin = end;
	while (begin > 0 && text[begin - 1] >= 'a' && text[begin - 1] <= 'z')
		begin--;
	return end - begin == 3 && memcmp(text + begin, "cpu", 3) == 0 &&
	       (begin == 0 || !is_word_char(text[begin - 1], false));
}

/* A number whose suffix is no quantity's (1Gb, 10ms): reported with the
 * nearest suffix.  The parser will not report this token again. */
static void
bad_suffix(struct parse_ctx *p, const struct ast_number *n, size_t numeric)
{
	p->reported_token = n->loc;
	if (in_secret_values(p)) {
		diag(&p->c->diags, E0108, n->loc, "a secret's value written without quotes is not a "
		     "number; a secret's value is text: write it in quotes");
		return;
	}
	const char *after = p->c->src.text + n->loc.end;
	after += strspn(after, " \t");
	if (*after == '=' && after[1] != '=' && recover_in_entries(p)) {
		/* `1BAD = "x"`: a key, not a quantity. */
		diag(&p->c->diags, E0201, n->loc,
		     "a key that starts with a digit is written in quotes: `\"%s\"`", n->text);
		return;
	}
	const char *bad = n->text + numeric;
	double ms = strtod(n->text, NULL) * (double)time_unit_ms(bad);
	if (ms > 0 && ms < 1e15) {
		/* `keep 1h`, `every 500ms`, `delay 1.5s`: the whole seconds, rounded up;
		 * in an env or config block (`TIMEOUT = 5min`), more likely text. */
		long long seconds = ((long long)(ms + 0.5) + 999) / 1000;
		if (recover_in_entries(p))
			diag(&p->c->diags, E0108, n->loc, "%s is not a duration: a value in other units "
			     "is text, written in quotes: `\"%s\"` (a duration is whole seconds: `%llds`)",
			     diag_quote(p->arena, n->text), n->text, seconds ? seconds : 1);
		else
			diag(&p->c->diags, E0108, n->loc,
			     "%s is not a duration: a duration is whole seconds: `%llds`",
			     diag_quote(p->arena, n->text), seconds ? seconds : 1);
		return;
	}
	const char *best = after_cpu(p, n->loc) && (*bad == 'm' || *bad == 'M') ? "m"
	                                                                         : nearest_suffix(bad);
	if (best) {
		diag(&p->c->diags, E0108, n->loc,
		     "%s is not a quantity: unknown suffix %s; did you mean '%.*s%s'?",
		     diag_quote(p->arena, n->text), diag_quote(p->arena, bad), (int)numeric, n->text,
		     best);
		return;
	}
	struct buf known = {0};
	for (size_t i = 0; quantity_suffixes[i].suffix; i++)
		buf_printf(&known, "%s%s", i ? ", " : "", quantity_suffixes[i].suffix);
	diag(&p->c->diags, E0108, n->loc,
	     "%s is not a quantity, duration or percentage: unknown suffix %s "
	     "(quantities use %s; durations s)",
	     diag_quote(p->arena, n->text), diag_quote(p->arena, bad), known.data);
	buf_free(&known);
}

static size_t
skip_digits(const char *s, size_t i, size_t len)
{
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

int
lex_number(struct parse_ctx *p, const char *s, size_t len, uint32_t at,
           struct ast_number *out)
{
	size_t digits = skip_digits(s, 0, len);
	size_t numeric = digits < len && s[digits] == '.' ? skip_digits(s, digits + 1, len) : digits;
	const char *suffix = s + numeric;
	size_t suffix_len = len - numeric;
	bool decimal = numeric > digits;

	out->text = arena_strndup(p->arena, s, len);
	out->loc = (struct loc){at, at + (uint32_t)len};
	out->value = 0;
	if (!suffix_len && !decimal) {
		out->kind = NUM_INT;
		whole_value(p, s, digits, out);
		return INT;
	}
	if (suffix_len == 1 && suffix[0] == '%') {
		out->kind = NUM_PERCENT;
		if (decimal)
			diag(&p->c->diags, E0108, out->loc, "a percentage is a whole number: %s",
			     in_secret_values(p) ? "a secret's value" : diag_quote(p->arena, out->text));
		else
			whole_value(p, s, digits, out);
		return PERCENT;
	}
	if (suffix_len == 1 && suffix[0] == 's' && !decimal) {
		out->kind = NUM_DURATION;
		whole_value(p, s, digits, out);
		return DURATION;
	}
	out->kind = NUM_QUANTITY;
	bool exponent = (suffix[0] == 'e' || suffix[0] == 'E') && suffix_len > 1 &&
	                strspn(suffix + 1, "+-0123456789") == suffix_len - 1;
	if (!suffix_len || exponent || quantity_suffix_known(suffix, suffix_len))
		return QUANTITY;
	bad_suffix(p, out, numeric);
	return QUANTITY;
}

/* Strings */

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
flush_text(struct parse_ctx *p, struct ast_string *str, struct buf *text)
{
	if (!text->len)
		return;
	struct ast_part *part = NEW(p->arena, struct ast_part);
	part->text = arena_strndup(p->arena, text->data, text->len);
	part->len = (uint32_t)text->len;
	vec_push(p->arena, &str->parts, part);
	text->len = 0;
}

/* ${NAME} or ${NAME.KEY} at s[i] (pointing at '$'); returns the index after
 * it, or i + 1 when it is not an interpolation (reported). */
static size_t
lex_interpolation(struct parse_ctx *p, struct ast_string *str, const char *s,
                  size_t len, size_t i, uint32_t at)
{
	size_t start = i + 2, end = start;
	while (end < len && s[end] != '}' && s[end] != '"')
		end++;
	struct loc whole = {at + (uint32_t)i, at + (uint32_t)(end < len ? end + 1 : end)};
	if (end >= len || s[end] != '}') {
		diag(&p->c->diags, E0107, whole, "'${' is not closed by '}'; write '\\$' for a dollar sign");
		return len;
	}
	bool ok = end > start && is_word_char(s[start], true);
	for (size_t k = start + 1; ok && k < end; k++)
		ok = is_word_char(s[k], false);
	if (!ok && recover_is_secret(p, whole)) {
		diag(&p->c->diags, E0107, whole,
		     "'${...}' holds a reference such as ${name} or ${name.key}; write '\\$' for a "
		     "dollar sign");
		return end + 1;
	}
	if (!ok) {
		diag(&p->c->diags, E0107, whole,
		     "'${...}' holds a reference such as ${name} or ${name.key}, not %s",
		     diag_quote(p->arena, arena_strndup(p->arena, s + start, end - start)));
		return end + 1;
	}
	struct ast_part *part = NEW(p->arena, struct ast_part);
	part->is_ref = true;
	part->ref = NEW(p->arena, struct ast_ref);
	part->ref->loc = (struct loc){at + (uint32_t)start, at + (uint32_t)end};
	const char *dot = memchr(s + start, '.', end - start);
	size_t name_end = dot ? (size_t)(dot - s) : end;
	part->ref->name.text = arena_strndup(p->arena, s + start, name_end - start);
	part->ref->name.loc = (struct loc){at + (uint32_t)start, at + (uint32_t)name_end};
	if (dot) {
		part->ref->member.text = arena_strndup(p->arena, dot + 1, end - name_end - 1);
		part->ref->member.loc = (struct loc){at + (uint32_t)name_end + 1, at + (uint32_t)end};
	} else {
		part->ref->member.loc = NO_LOC;
	}
	vec_push(p->arena, &str->parts, part);
	return end + 1;
}

/* \u{HEX} with s[i] just after the 'u'; returns the index after it. */
static size_t
lex_unicode_escape(struct parse_ctx *p, const char *s, size_t len, size_t i, struct loc esc,
                   uint32_t at, struct buf *text)
{
	uint32_t cp = 0;
	size_t k = i, ndigits = 0;
	bool ok = k < len && s[k] == '{';
	for (k++; ok && k < len && s[k] != '}'; k++, ndigits++) {
		int h = hex_value(s[k]);
		if (h < 0 || ndigits >= 6) {
			ok = false;
			break;
		}
		cp = cp << 4 | (uint32_t)h;
	}
	ok = ok && k < len && s[k] == '}' && ndigits > 0;
	if (!ok) {
		diag(&p->c->diags, E0106, esc,
		     "'\\u' is followed by 1 to 6 hex digits in braces, as in \\u{E9}");
		return i;
	}
	esc.end = at + (uint32_t)k + 1;
	if ((cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) && recover_is_secret(p, esc))
		diag(&p->c->diags, E0106, esc, "this \\u{...} is not a Unicode character that a string "
		     "may hold");
	else if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		diag(&p->c->diags, E0106, esc,
		     "\\u{%X} is not a Unicode character that a string may hold", cp);
	else
		utf8_encode(text, cp);
	return k + 1;
}

/* The escape sequence at s[i] (a backslash, not the last byte); returns
 * the index after it. */
static size_t
lex_escape(struct parse_ctx *p, const char *s, size_t len, size_t i, uint32_t at,
           struct buf *text)
{
	static const char plain[] = "\"\\ntr$", decoded[] = "\"\\\n\t\r$";
	struct loc esc = {at + (uint32_t)i, at + (uint32_t)i + 2};
	char e = s[i + 1];
	i += 2;
	const char *which = e ? strchr(plain, e) : NULL;
	if (which) {
		buf_putc(text, decoded[which - plain]);
		return i;
	}
	if (e == 'u')
		return lex_unicode_escape(p, s, len, i, esc, at, text);
	uint32_t cp = (unsigned char)e;
	size_t n = utf8_decode((const unsigned char *)s + i - 1, len - i + 1, &cp);
	if (n > 1) {
		esc.end += (uint32_t)n - 1;
		i += n - 1;
	}
	if (recover_is_secret(p, esc))
		diag(&p->c->diags, E0105, esc,
		     "unknown escape sequence; the escapes are \\\" \\\\ \\n \\t \\r \\$ \\u{HEX}");
	else
		diag(&p->c->diags, E0105, esc,
		     "unknown escape sequence '\\%.*s'; the escapes are \\\" \\\\ \\n \\t \\r \\$ "
		     "\\u{HEX}", (int)(n ? n : 1), s + (esc.begin - at) + 1);
	return i;
}

struct ast_string *
lex_string(struct parse_ctx *p, const char *s, size_t len, uint32_t at)
{
	struct ast_string *str = NEW(p->arena, struct ast_string);
	struct buf text = {0};
	str->loc = (struct loc){at - 1, at + (uint32_t)len + 1};
	if (len > MAX_STRING_BYTES) {
		diag(&p->c->diags, E0110, (struct loc){at - 1, at},
		     "string of %zu bytes is longer than the limit of %u bytes", len,
		     MAX_STRING_BYTES);
		return str;
	}
	for (size_t i = 0; i < len;) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
			flush_text(p, str, &text);
			i = lex_interpolation(p, str, s, len, i, at);
		} else if (s[i] != '\\') {
			size_t run = i + 1; /* up to the next escape or interpolation */
			while (run < len && s[run] != '\\' && s[run] != '$')
				run++;
			buf_append(&text, s + i, run - i);
			i = run;
		} else if (i + 1 < len) {
			i = lex_escape(p, s, len, i, at, &text);
		} else {
			break; /* a backslash ending an unterminated string (reported) */
		}
	}
	flush_text(p, str, &text);
	buf_free(&text);
	return str;
}

/* Driver */

/* Reports the first NUL byte or invalid UTF-8 sequence; false if any. */
static bool
check_encoding(struct compilation *c)
{
	const char *s = c->src.text;
	size_t len = c->src.len;
	const char *nul = memchr(s, '\0', len);
	size_t bad = utf8_invalid_at(s, nul ? (size_t)(nul - s) : len);
	if (nul && bad == (size_t)(nul - s)) {
		diag(&c->diags, E0102, (struct loc){(uint32_t)bad, (uint32_t)bad + 1},
		     "the input holds a NUL byte");
		return false;
	}
	if (bad < len) {
		diag(&c->diags, E0101, (struct loc){(uint32_t)bad, (uint32_t)bad + 1},
		     "invalid UTF-8: byte 0x%02X does not start a valid character",
		     (unsigned char)s[bad]);
		return false;
	}
	return true;
}

int yyparse(yyscan_t scanner, struct parse_ctx *p);

/* Runs the scanner over the source: with the parser (parse), or alone.
 * Returns yyparse()'s status (not 0: the parser stopped before the end). */
static int
scan_source(struct compilation *c, struct parse_ctx *p, bool parse)
{
	yyscan_t scanner;
	if (yylex_init_extra(p, &scanner))
		fatal_oom();
	YY_BUFFER_STATE buffer = yy_scan_bytes(c->src.text, (int)c->src.len, scanner);
	int status = 0;
	if (parse) {
		status = yyparse(scanner, p);
	} else {
		YYSTYPE value;
		YYLTYPE loc;
		while (yylex(&value, &loc, scanner))
			continue;
	}
	settle_pending(p, 0);
	yy_delete_buffer(buffer, scanner);
	yylex_destroy(scanner);
	return status;
}

/* A file that is not UTF-8 is not parsed, and a parse that stopped early
 * (blocks nested too deeply) did not scan the rest, but the excerpt of
 * an error must still hide the secret values on its line: the scanner
 * alone marks them, with its own diagnostics discarded.  Its marks, in
 * source order, replace any made so far (a subset of them). */
static void
redact_unparsed(struct compilation *c)
{
	struct compilation scratch;
	compilation_init(&scratch, c->opts);
	scratch.src = c->src;
	scratch.diags.src = &scratch.src;
	struct parse_ctx p = {.c = &scratch, .arena = &scratch.arena, .tree = &scratch.tree_arena,
	                      .reported_token = NO_LOC, .unquoted = NO_LOC};
	scan_source(&scratch, &p, false);
	c->diags.redacted.len = 0;
	for (size_t i = 0; i < scratch.diags.redacted.len; i++)
		diag_redact(&c->diags, *(const struct loc *)scratch.diags.redacted.items[i]);
	compilation_free(&scratch);
}

bool
parse_source(struct compilation *c)
{
	if (c->src.len > MAX_INPUT_BYTES) {
		diag(&c->diags, E0005, NO_LOC, "%s is %zu bytes; the limit is %u bytes",
		     diag_quote(&c->arena, c->src.path), c->src.len, MAX_INPUT_BYTES);
		return false;
	}
	if (!check_encoding(c)) {
		redact_unparsed(c);
		return false;
	}
	struct parse_ctx p = {.c = c, .arena = &c->arena, .tree = &c->tree_arena,
	                      .reported_token = NO_LOC, .unquoted = NO_LOC};
	p.stack = NEW(&c->arena, struct ast_stack);
	recover_init(&p);
	if (scan_source(c, &p, true) != 0)
		redact_unparsed(c);
	c->ast = p.stack;
	return c->diags.errors == 0;
}
