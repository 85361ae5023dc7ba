/*
 * compose_dotenv.c - the syntax of a dotenv file (the .env file beside a
 * Compose file and its env_file files) as compose-go reads it: KEY=VALUE
 * lines, `export`, comments, quoted values; and how todokc --env-file,
 * which takes the text after '=' as it is, would read a line otherwise.
 * The values' ${VAR} are interpolated by compose_env.c.
 */
#include "import.h"

#include <string.h>

/* A quoted value from s[*i] (the opening quote) to its closing quote, on
 * one line or several; false when it is not closed. */
static bool
quoted_value(const struct source *src, size_t *i, struct buf *out)
{
	const char *s = src->text;
	char q = s[(*i)++];
	for (; *i < src->len; (*i)++) {
		char c = s[*i];
		if (c == q) {
			(*i)++;
			return true;
		}
		if (q == '"' && c == '\\' && *i + 1 < src->len) {
			char e = s[++*i];
			const char *esc = strchr("nrt", e);
			if (e == '$')
				buf_puts(out, "$$");
			else
				buf_putc(out, esc ? "\n\r\t"[esc - "nrt"] : e);
			continue;
		}
		buf_putc(out, c);
	}
	return false;
}

/* The value after '=' from s[*i]: quoted, or up to a " #" comment or the
 * end of the line, trimmed. */
static bool
line_value(const struct source *src, size_t *i, struct buf *out, bool *literal)
{
	const char *s = src->text;
	while (*i < src->len && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
	*literal = *i < src->len && s[*i] == '\'';
	if (*i < src->len && (s[*i] == '"' || s[*i] == '\''))
		return quoted_value(src, i, out);
	size_t start = *i, end = *i;
	for (; *i < src->len && s[*i] != '\n'; (*i)++) {
		if (s[*i] == '#' && *i > start && (s[*i - 1] == ' ' || s[*i - 1] == '\t'))
			break;
		if (s[*i] != ' ' && s[*i] != '\t' && s[*i] != '\r')
			end = *i + 1;
	}
	buf_append(out, s + start, end - start);
	return true;
}

/* Reads every KEY=VALUE line of src; other lines are warnings. */
void
parse_dotenv(struct importer *im, const struct source *src, dotenv_fn *fn, void *ctx)
{
	const char *s = src->text;
	for (size_t i = 0; i < src->len;) {
		size_t start = i;
		while (i < src->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i + 7 <= src->len && memcmp(s + i, "export ", 7) == 0)
			i += 7;
		size_t kstart = i;
		while (i < src->len && s[i] != '=' && s[i] != '\n' && s[i] != '#' && s[i] != ' ' &&
		       s[i] != '\t')
			i++;
		struct loc kloc = {(uint32_t)kstart, (uint32_t)i};
		bool blank = i == kstart && (i >= src->len || s[i] == '\n' || s[i] == '#');
		struct buf value = {0};
		bool literal = false, ok = !blank && i > kstart && i < src->len && s[i] == '=';
		size_t raw = i + ok;
		if (ok) {
			i++;
			ok = line_value(src, &i, &value, &literal);
		}
		while (i < src->len && s[i] != '\n')
			i++;
		if (ok) {
			struct dotenv_line l = {arena_strndup(im->a, s + kstart, kloc.end - kstart), kloc,
			                        NULL, value.len, literal, {(uint32_t)start, (uint32_t)i},
			                        s + raw, strcspn(s + raw, "\n")};
			l.raw_len -= l.raw_len && l.raw[l.raw_len - 1] == '\r';
			l.value = value.data ? arena_buf_take(im->a, &value) : "";
			fn(im, src, ctx, &l);
		} else if (!blank) {
			diag_in(&im->c->diags, src, W0812, kloc, "a line that is not KEY=VALUE; left out");
		}
		buf_free(&value);
		i += i < src->len;
	}
}

/* How todokc --env-file, which takes the text after '=' as it is, reads
 * a line whose value Compose reads as `value` otherwise; NULL: alike. */
const char *
dotenv_reread(const struct dotenv_line *l, const char *value)
{
	if (strlen(value) == l->raw_len && memcmp(value, l->raw, l->raw_len) == 0)
		return NULL;
	size_t lead = strspn(l->raw, " \t");
	if (lead < l->raw_len && (l->raw[lead] == '"' || l->raw[lead] == '\''))
		return "it keeps the quotes";
	if (memchr(l->raw, '$', l->raw_len))
		return "it does not put in the variables of ${...}";
	for (size_t i = 1; i < l->raw_len; i++)
		if (l->raw[i] == '#' && (l->raw[i - 1] == ' ' || l->raw[i - 1] == '\t'))
			return "it keeps the ' #' comment";
	return "it keeps the blanks around the value";
}
