/*
 * fmt_layout.c - the canonical layout of a .todok file (`todokc fmt`),
 * made from what the parser recorded: every token and comment, and the
 * extent of every statement (an item, a property, an entry, a setting).
 * docs/tools.md section 1 gives the rules; in short:
 *
 *   - every token is written, in order, with its bytes from the source:
 *     only the spaces and line breaks between tokens change;
 *   - a statement whose innermost enclosing construct is a { } block
 *     starts a line, two spaces deeper per block; its tokens (those of the
 *     statements nested in it outside a block too) follow on that line;
 *   - a block with contents ends its line with '{' and closes with '}' on
 *     a line of its own, after which the statement goes on; an empty
 *     block is {};
 *   - the '=' of adjacent one-line statements of a block are aligned;
 *   - one blank line around an item (a statement of the stack's block, or
 *     one that starts with a declaration word) that spans several lines;
 *   - a comment stays between the tokens it was between: on its own line
 *     (indented as what follows it) or after a token, two spaces after it;
 *     a blank line before or after a comment line is kept (one);
 *     a comment inside a statement ends the line, which goes on one level
 *     deeper.
 * The layout depends only on the tokens and the comments (with whether
 * each starts its line and is set apart by a blank line), so formatting
 * twice gives the same text.  A byte order mark that opens the file is
 * kept.
 */
#include "tools.h"

#include <string.h>

#include "todok.tab.h"

struct layout {
	const char *text;
	const struct token *tok;
	size_t n;
	long *close;        /* of a '{': the index of its '}'; SYNTAX_NONE for other tokens */
	long *last;         /* of a token that starts recorded statements: the last
	                     * token of the outermost; SYNTAX_NONE for other tokens */
	struct buf *out;
	struct loc *placed; /* NULL, or where each token went in out */
	bool started;       /* a line is written */
	bool fresh;         /* the current line holds only its indentation */
	bool blank;         /* a blank line goes before the next line */
	size_t prev;        /* the last token written (when !fresh) */
};

struct run {
	size_t end;         /* the statements of the run start before this token */
	size_t width;       /* the widest text before an '=' */
};

static int
kind(const struct layout *l, size_t i)
{
	return l->tok[i].kind;
}

static bool
is_comment(const struct layout *l, size_t i)
{
	return l->tok[i].kind == TOKEN_COMMENT;
}

static bool
is_number(int k)
{
	return k == INT || k == QUANTITY || k == DURATION || k == PERCENT;
}

/* The line breaks (0, 1, or 2 for two or more) in the source between
 * token i - 1 and token i: LF, CRLF, and a carriage return alone (W0102),
 * which the compiler and the editors take as a line end too. */
static int
breaks_before(const struct layout *l, size_t i)
{
	if (i == 0)
		return 1;
	const char *s = l->text + l->tok[i - 1].loc.end, *end = l->text + l->tok[i].loc.begin;
	int n = 0;
	for (; s < end && n < 2; s++)
		n += *s == '\n' || (*s == '\r' && s[1] != '\n'); /* s[1]: at most the token */
	return n;
}

/* Whether the comment at i starts its line in the source. */
static bool
own_line(const struct layout *l, size_t i)
{
	return breaks_before(l, i) > 0;
}

static size_t
chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static size_t
token_width(const struct layout *l, size_t i)
{
	return chars(l->text + l->tok[i].loc.begin, l->tok[i].loc.end - l->tok[i].loc.begin);
}

/* The spaces between two tokens on a line. */
static size_t
spaces_between(const struct layout *l, size_t prev, size_t cur)
{
	int a = kind(l, prev), b = kind(l, cur);
	if (b == ',' || b == ')' || b == ']' || a == '(' || a == '[' || (a == '{' && b == '}'))
		return 0;
	if (b == '(' && token_is_word(a))
		return 0; /* env("X"), file("x"), field("x") */
	/* 2..5; a name before '..' would run into it */
	if (b == DOTDOT)
		return !is_number(a);
	if (a == DOTDOT)
		return !is_number(b);
	return 1;
}

static void
new_line(struct layout *l, size_t level)
{
	if (l->started) {
		buf_putc(l->out, '\n');
		if (l->blank)
			buf_putc(l->out, '\n');
	}
	l->blank = false;
	l->started = true;
	for (size_t i = 0; i < level; i++)
		buf_puts(l->out, "  ");
	l->fresh = true;
}

/* Token i's text (s, len bytes) at the end of out. */
static void
put_bytes(struct layout *l, size_t i, const char *s, size_t len)
{
	if (l->placed)
		l->placed[i] = (struct loc){(uint32_t)l->out->len, (uint32_t)(l->out->len + len)};
	buf_append(l->out, s, len);
	l->fresh = false;
	l->prev = i;
}

static void
put_token(struct layout *l, size_t i, size_t pad)
{
	if (!l->fresh)
		for (size_t k = spaces_between(l, l->prev, i) + pad; k > 0; k--)
			buf_putc(l->out, ' ');
	put_bytes(l, i, l->text + l->tok[i].loc.begin, l->tok[i].loc.end - l->tok[i].loc.begin);
}

/* A comment at the current place, without its trailing blanks; the line
 * ends after it. */
static void
put_comment(struct layout *l, size_t i)
{
	const char *s = l->text + l->tok[i].loc.begin;
	size_t len = l->tok[i].loc.end - l->tok[i].loc.begin;
	while (len > 1 && strchr(" \t\r", s[len - 1]))
		len--;
	if (!l->fresh)
		buf_puts(l->out, "  ");
	put_bytes(l, i, s, len);
}

/* The last token of what starts at k in a block ending before `to`: the
 * outermost statement starting there or, for tokens outside any (such as
 * "stack NAME {...}"), the run of them up to a statement, or up to a
 * comment that no such token follows: a comment inside the stack's header
 * (`stack shop  # ...` with its '{' on the next line) is inside that
 * statement, and laid out as one inside an item's header is. */
static size_t
statement_end(const struct layout *l, size_t k, size_t to)
{
	if (l->last[k] != SYNTAX_NONE && (size_t)l->last[k] < to)
		return (size_t)l->last[k];
	size_t j = k;
	for (;;) {
		if (l->close[j] != SYNTAX_NONE && (size_t)l->close[j] < to)
			j = (size_t)l->close[j];
		size_t next = j + 1;
		while (next < to && is_comment(l, next))
			next++;
		if (next >= to || l->last[next] != SYNTAX_NONE)
			return j;
		j = next;
	}
}

/* Whether the statement k..last takes several lines: it holds a block
 * with contents, or a comment. */
static bool
spans_lines(const struct layout *l, size_t k, size_t last)
{
	for (size_t i = k; i <= last; i++) {
		if (is_comment(l, i))
			return true;
		if (l->close[i] != SYNTAX_NONE && (size_t)l->close[i] <= last) {
			if ((size_t)l->close[i] > i + 1)
				return true;
			i = (size_t)l->close[i];
		}
	}
	return false;
}

/* The width of a one-line statement's text before its first '=', or
 * SYNTAX_NONE when it has none (past its first token) or takes several lines. */
static long
width_before_equals(const struct layout *l, size_t k, size_t last)
{
	if (spans_lines(l, k, last))
		return SYNTAX_NONE;
	size_t width = token_width(l, k);
	for (size_t i = k + 1; i <= last; i++) {
		if (kind(l, i) == '=')
			return (long)width;
		width += spaces_between(l, i - 1, i) + token_width(l, i);
	}
	return SYNTAX_NONE;
}

/* After a statement ending at `last`: the index past it and past the
 * comment that follows it on its line. */
static size_t
skip_trailing_comment(const struct layout *l, size_t last, size_t to)
{
	size_t i = last + 1;
	return i < to && is_comment(l, i) && !own_line(l, i) ? i + 1 : i;
}

/* The spaces that align the '=' of the statement k..last with those of
 * the adjacent ones: a run of one-line statements with an '=', on
 * consecutive lines (a comment line or another statement ends it). */
static size_t
alignment(const struct layout *l, struct run *run, size_t k, size_t last, size_t to)
{
	long mine = width_before_equals(l, k, last);
	if (mine == SYNTAX_NONE)
		return 0;
	if (k >= run->end) {
		run->width = (size_t)mine;
		size_t j = skip_trailing_comment(l, last, to);
		while (j < to && !is_comment(l, j)) {
			size_t end = statement_end(l, j, to);
			long w = width_before_equals(l, j, end);
			if (w == SYNTAX_NONE)
				break;
			if ((size_t)w > run->width)
				run->width = (size_t)w;
			j = skip_trailing_comment(l, end, to);
		}
		run->end = j;
	}
	return run->width - (size_t)mine;
}

/* An item: a statement of the stack's block, or one in a deeper block
 * that starts with a declaration word (in a profile).  The file itself
 * (level 0) is no block of items. */
static bool
is_item(const struct layout *l, size_t k, size_t level)
{
	return level == 1 || (level > 1 && keyword_has_role(kind(l, k), "declaration"));
}

static void put_statement(struct layout *l, size_t from, size_t last, size_t level, size_t pad);

/* The contents of a block (tokens from .. to-1) at `level`: its
 * statements, each on its lines, with the comments before and after
 * them.  The file itself is the block of level 0. */
static void
put_contents(struct layout *l, size_t from, size_t to, size_t level)
{
	size_t i = from;
	struct run run = {0, 0};
	bool first = true, prev_wide = false;
	if (i < to && is_comment(l, i) && !own_line(l, i))
		put_comment(l, i++); /* after the '{' */
	while (i < to) {
		size_t k = i, unit = i;
		while (k < to && is_comment(l, k))
			k++;
		size_t last = k < to ? statement_end(l, k, to) : k;
		bool wide = k < to && is_item(l, k, level) && spans_lines(l, k, last);
		if (!first && (prev_wide || wide))
			l->blank = true;
		/* A blank line before or after a comment line stays (one). */
		for (; i < k; i++) {
			if (!first && breaks_before(l, i) == 2)
				l->blank = true;
			new_line(l, level);
			put_comment(l, i);
			first = false;
		}
		if (k == to)
			break;
		if (k > unit && breaks_before(l, k) == 2)
			l->blank = true;
		size_t pad = alignment(l, &run, k, last, to);
		new_line(l, level);
		put_statement(l, k, last, level, pad);
		i = skip_trailing_comment(l, last, to);
		if (i == last + 2)
			put_comment(l, last + 1);
		prev_wide = wide;
		first = false;
	}
}

/* The tokens from..last on the current line, blocks laid out in turn;
 * `pad` spaces go before the first '='. */
static void
put_statement(struct layout *l, size_t from, size_t last, size_t level, size_t pad)
{
	bool broken = false;
	for (size_t i = from; i <= last; i++) {
		if (is_comment(l, i)) {
			if (own_line(l, i))
				new_line(l, level + 1);
			put_comment(l, i);
			broken = true;
			continue;
		}
		if (broken)
			new_line(l, level + 1);
		broken = false;
		put_token(l, i, kind(l, i) == '=' ? pad : 0);
		if (kind(l, i) == '=')
			pad = 0;
		if (l->close[i] == SYNTAX_NONE || (size_t)l->close[i] > last)
			continue;
		size_t close = (size_t)l->close[i];
		if (close > i + 1) {
			put_contents(l, i + 1, close, level + 1);
			new_line(l, level);
		}
		put_token(l, close, 0);
		i = close;
	}
}

void
format_syntax(struct compilation *c, struct buf *out, struct loc *placed)
{
	const struct syntax *sx = c->syntax;
	struct layout l = {.text = c->src.text, .tok = sx->tokens, .n = sx->ntokens, .out = out,
	                   .placed = placed, .fresh = true};
	struct syntax_index ix;
	syntax_index(&c->arena, sx, &ix);
	l.close = ix.close;
	l.last = ix.last;
	/* A byte order mark that opens the file (the scanner skips it, no
	 * token holds it) opens it formatted too: the file's encoding is the
	 * editor's, not the layout's. */
	static const char bom[] = "\xEF\xBB\xBF";
	if (c->src.len >= 3 && memcmp(c->src.text, bom, 3) == 0)
		buf_append(out, bom, 3);
	put_contents(&l, 0, l.n, 0);
	if (l.started)
		buf_putc(out, '\n');
}
