/*
 * parse_errors.c - the parser's messages for syntax errors: what was
 * found and what could stand there, or, for the common mistakes (a
 * quoted number, a probe without its kind, a port's name after its
 * number, a cron's name after its schedule, ...), what to write instead.
 *
 * The parser (grammar/todok.y) calls report_syntax_error() with its
 * lookahead and the tokens it could take, as token numbers.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "todok.tab.h"
#include "tools.h"

/* The closest keyword to `word` among those the parser could take here. */
static const char *
closest_expected(struct parse_ctx *p, int n, const int *expected, const char *word)
{
	const char *other = recover_other_tool_word(word);
	int folded = keyword_folded(word, strlen(word)); /* (IfNotPresent: if-not-present) */
	for (int i = 0; (other || folded) && i < n; i++) {
		const char *spelling = keyword_spelling(expected[i]);
		if (spelling && ((other && strcmp(spelling, other) == 0) || expected[i] == folded))
			return spelling;
	}
	struct suggestion s = suggestion_start(&p->c->diags.suggestion_budget, word);
	for (int i = 0; i < n; i++) {
		const char *spelling = keyword_spelling(expected[i]);
		if (spelling)
			suggestion_consider(&s, spelling);
	}
	return s.best;
}

/* What a token is called in a message: its spelling for a word, else the
 * token's name ("string", "'{'"). */
static const char *
describe_token(struct parse_ctx *p, int kind, const char *word)
{
	if (word)
		return arena_printf(p->arena, "name %s", diag_quote(p->arena, word));
	return token_name(kind);
}

bool
expects(int n, const int *expected, int kind)
{
	for (int i = 0; i < n; i++)
		if (expected[i] == kind)
			return true;
	return false;
}

/* The keywords of a role the parser could take here, as "a, b and c". */
static const char *
expected_list(struct parse_ctx *p, int n, const int *expected, const char *role,
              const char *also)
{
	struct buf b = {0};
	int count = 0, listed = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			const char *spelling = keyword_spelling(expected[i]);
			int token = spelling ? keyword_token(spelling, strlen(spelling)) : 0;
			if (!token || !(keyword_has_role(token, role) || (also && keyword_has_role(token, also))))
				continue;
			if (pass == 0) {
				count++;
				continue;
			}
			listed++;
			buf_printf(&b, "%s%s", listed == 1 ? "" : listed == count ? " and " : ", ", spelling);
		}
	}
	const char *list = arena_strndup(p->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return list;
}

/* The closest keyword of a role to `word` (include/keywords.def). */
static const char *
closest_of_role(struct parse_ctx *p, const char *word, const char *role)
{
	struct suggestion s = suggestion_start(&p->c->diags.suggestion_budget, word);
	for (size_t i = 0; i < nkeywords; i++)
		if (strcmp(keywords_by_spelling[i].role, role) == 0)
			suggestion_consider(&s, keywords_by_spelling[i].spelling);
	return s.best;
}

/* The keywords of a role, as "a, b and c" (include/keywords.def). */
static const char *
role_list(struct parse_ctx *p, const char *role)
{
	struct buf b = {0};
	size_t count = 0, listed = 0;
	for (size_t i = 0; i < nkeywords; i++)
		count += strcmp(keywords_by_spelling[i].role, role) == 0;
	for (size_t i = 0; i < nkeywords; i++)
		if (strcmp(keywords_by_spelling[i].role, role) == 0)
			buf_printf(&b, "%s%s", !listed++ ? "" : listed == count ? " and " : ", ",
			           keywords_by_spelling[i].spelling);
	const char *list = arena_strndup(p->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return list;
}

/* An unknown word where a property, a declaration or a resource must
 * stand: a did-you-mean, or the list of the valid ones. */
static bool
report_unknown_word(struct parse_ctx *p, const YYLTYPE *loc, int n,
                    const int *expected, const char *word, const char *best)
{
	const char *q = diag_quote(p->arena, word);
	const char *statement = recover_statement_word(p);
	/* "requests cpu 100m ephemeral-storag 1Gi": a resource on its line. */
	if (statement && !recover_starts_line(p, loc->begin) &&
	    (strcmp(statement, "requests") == 0 || strcmp(statement, "limits") == 0)) {
		const char *resource = closest_of_role(p, word, "resource");
		const char *takes = role_list(p, "resource");
		if (resource)
			diag(&p->c->diags, E0202, *loc, "unknown resource %s; did you mean '%s'? ('%s' takes %s)",
			     q, resource, statement, takes);
		else
			diag(&p->c->diags, E0202, *loc, "unknown resource %s: '%s' takes %s", q, statement,
			     takes);
		return true;
	}
	/* "mount logs at "/x" readOnly": the mount's option, as todokc spells it. */
	const char *other = recover_other_tool_word(word);
	if (statement && !recover_starts_line(p, loc->begin) && strcmp(statement, "mount") == 0 &&
	    (keyword_folded(word, strlen(word)) == KW_READ_ONLY ||
	     (other && strcmp(other, "read-only") == 0))) {
		const char *s = p->c->src.text;
		uint32_t from = loc->begin, to = loc->begin;
		while (from > 0 && s[from - 1] != '\n')
			from--;
		from += (uint32_t)strspn(s + from, " \t");
		while (to > from && strchr(" \t", s[to - 1]))
			to--;
		diag(&p->c->diags, E0202, *loc, "unknown word %s after the mount's path; did you mean "
		     "'read-only'? (`%.*s read-only`)", q, (int)(to - from), s + from);
		return true;
	}
	bool property = expects(n, expected, KW_IMAGE);
	bool declaration = !property && expects(n, expected, KW_SERVICE) &&
	                   expects(n, expected, KW_PARAM);
	if (!property && !declaration)
		return false;
	const char *role = property ? "property" : "declaration";
	const char *hint = property ? habit_other_tool_hint(p, word, loc->end) : NULL;
	if (hint) /* (Compose's `restart`, Helm's `tag`, `envFrom NAME`) */
		diag(&p->c->diags, E0202, *loc, "unknown property %s%s", q, hint);
	else if (best)
		diag(&p->c->diags, E0202, *loc, "unknown %s %s; did you mean '%s'?", role, q, best);
	else
		diag(&p->c->diags, E0202, *loc, "unknown %s %s; %s", role, q,
		     arena_printf(p->arena, property ? "a property is one of %s" : "a declaration is one of %s",
		                  expected_list(p, n, expected, role, property ? NULL : "property")));
	return true;
}

/* A word on a property's line that another property writes: `expose
 * ingress` is a route, `start http "/"` a startup probe (the line to
 * write is the rest of the statement, after 'startup'). */
static bool
report_word_of_another_property(struct parse_ctx *p, const YYLTYPE *loc)
{
	static const struct {
		const char *statement, *word, *message;
	} words[] = {
		{"expose", "gateway", "'expose' gives the Service its type; an HTTPRoute of a "
		 "Gateway is written `route \"HOST\" gateway \"NAME\"`"},
		{"expose", "ingress", "'expose' gives the Service its type; an Ingress is written "
		 "`route \"HOST\"` (with `path \"/api\"` for a path)"},
		{"expose", "route", "'expose' gives the Service its type; a route is written on its "
		 "own line, `route \"HOST\"`"},
		{"start", "exec", NULL}, {"start", "grpc", NULL}, {"start", "http", NULL},
		{"start", "tcp", NULL},
	};
	const char *statement = recover_statement_word(p);
	const char *w = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin;
	if (!statement || recover_starts_line(p, loc->begin))
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		if (strcmp(statement, words[i].statement) != 0 || strlen(words[i].word) != len ||
		    strncasecmp(w, words[i].word, len) != 0)
			continue;
		const char *rest = words[i].message ? NULL : habit_statement_rest(p, loc->begin, 0);
		if (words[i].message)
			diag(&p->c->diags, E0201, *loc, "%s", words[i].message);
		else
			diag(&p->c->diags, E0201, *loc, "'start' says how a stateful's pods start, `start "
			     "parallel`; a startup probe is written `startup %s`", rest ? rest : words[i].word);
		return true;
	}
	return false;
}

/* A number, quantity, duration or percentage written in quotes where one
 * must stand: `replicas "2"`, `port "8080"`, `memory "512Mi"`. */
static bool
report_quoted_number(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                     const int *expected)
{
	static const struct {
		int kind;
		const char *what;
	} numbers[] = {
		{INT, "a number"},
		{PERCENT, "a percentage"},
		{DURATION, "a duration"},
		{QUANTITY, "a quantity"},
	};
	const char *text = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin;
	if (got != STRING || recover_is_secret(p, *loc) || len < 3 || text[0] != '"' ||
	    text[len - 1] != '"' ||
	    !(text[1] >= '0' && text[1] <= '9') ||
	    strspn(text + 1, "0123456789.%abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	        len - 2)
		return false;
	/* What the text is, by its end; else the last kind expected (100m:
	 * a quantity where no duration stands). */
	char last = text[len - 2];
	size_t digits = strspn(text + 1, "0123456789");
	size_t shape = digits == len - 2 ? 0 : last == '%' ? 1 : strchr("smh", last) ? 2 : 3;
	size_t found = shape;
	if (!expects(n, expected, numbers[found].kind)) {
		found = sizeof numbers / sizeof *numbers;
		while (found > 0 && !expects(n, expected, numbers[found - 1].kind))
			found--;
		if (!found--)
			return false;
	}
	diag(&p->c->diags, E0201, *loc, "%s is written without quotes: `%.*s`", numbers[found].what,
	     (int)(len - 2), text + 1);
	return true;
}

/* A number where a duration or a percentage must stand: `grace 30`,
 * `every 10`, `replicas 2..5 cpu 70`. */
static bool
report_duration_unit(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                     const int *expected)
{
	static const struct {
		int kind;
		const char *what, *unit;
	} units[] = {
		{DURATION, "a duration has its unit", "s"},
		{PERCENT, "a percentage is written with '%'", "%"},
	};
	for (size_t i = 0; got == INT && !expects(n, expected, INT) && i < sizeof units / sizeof *units;
	     i++)
		if (expects(n, expected, units[i].kind)) {
			diag(&p->c->diags, E0201, *loc, "%s: write `%s %.*s%s`", units[i].what,
			     recover_written_before(p), (int)(loc->end - loc->begin),
			     p->c->src.text + loc->begin, units[i].unit);
			return true;
		}
	return false;
}

/* A quantity where a duration must stand: `delay 1m` (milli, not minutes). */
static bool
report_duration_quantity(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                         const int *expected)
{
	if (got != QUANTITY || !expects(n, expected, DURATION) ||
	    expects(n, expected, QUANTITY))
		return false;
	const char *text = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin, digits = strspn(text, "0123456789");
	if (digits && digits + 1 == len && text[digits] == 'm' && digits < 12)
		diag(&p->c->diags, E0201, *loc, "a duration is whole seconds ('m' after a number is "
		     "milli): `%llds`", strtoll(text, NULL, 10) * 60);
	else
		diag(&p->c->diags, E0201, *loc, "a duration is whole seconds: `30s`");
	return true;
}

/* A command, its arguments or an exec probe's command without the
 * brackets of a list: `command "rails" "db:migrate"`, `args --verbose`,
 * `exec "pg_isready -U app"`; and a list's strings without their ','. */
static bool
report_list_brackets(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	int before = recover_token_before(p);
	if ((got != STRING && got != WORD) || recover_is_secret(p, *loc))
		return false;
	if (got == STRING && before == STRING && habit_in_brackets(p, loc->begin)) {
		diag(&p->c->diags, E0201, *loc, "the strings of a list are separated by ',': `%s, %.*s`",
		     recover_written_before(p), (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
		return true;
	}
	if (got == WORD && before == '[') {
		diag(&p->c->diags, E0201, *loc, "the items of a list are strings in double quotes: `\"%s\"`",
		     p->last_word);
		return true;
	}
	if (before != KW_COMMAND && before != KW_ARGS && before != KW_EXEC)
		return false;
	const char *word = keyword_spelling(before), *text = p->c->src.text;
	uint32_t from = loc->begin; /* `args --verbose`: the word with what the scanner refused */
	while (from > 0 && !strchr(" \t\n[\"", text[from - 1]))
		from--;
	const char *list = habit_bracket_list(p, from, before == KW_EXEC);
	diag(&p->c->diags, E0201, *loc, "'%s' takes a list of strings in brackets: `%s %s`", word, word,
	     list ? list : "[\"NAME\", \"ARGUMENT\"]");
	return true;
}

/* Environment variables on the 'env' line, without a block:
 * `env DATABASE_URL = "..."`, `env NODE_ENV=production`, `env ["A=1"]`. */
static bool
report_env_line(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	bool list = strcmp(token_name(got), "'['") == 0;
	if ((got != STRING && got != WORD && !list) ||
	    recover_token_before(p) != KW_ENV || recover_is_secret(p, *loc))
		return false;
	int len = list ? 4 : (int)(loc->end - loc->begin);
	diag(&p->c->diags, E0201, *loc, "an 'env' line holds a block of entries: `env { %.*s = ... }`, "
	     "or names configs and secrets: `env from NAME`", len,
	     list ? "NAME" : p->c->src.text + loc->begin);
	return true;
}

/* A list of names in brackets: `after [db, cache]`, `env from [a]`. */
static bool
report_name_list_brackets(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	int before = recover_token_before(p);
	if (strcmp(token_name(got), "'['") != 0 ||
	    (before != KW_AFTER && before != KW_PULL_SECRET && before != KW_FROM))
		return false;
	const char *names = habit_unbracketed(p, loc->begin);
	diag(&p->c->diags, E0201, *loc, "a list of names is written without brackets, separated by "
	     "',': `%s%s %s`", before == KW_FROM ? recover_statement_word(p) : "",
	     before == KW_FROM ? " from" : recover_written_before(p), names ? names : "NAME, NAME");
	return true;
}

/* A param's value that is a number: `param replicas = 3`. */
static bool
report_param_number(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	bool number = got == INT || got == QUANTITY || got == DURATION ||
	              got == PERCENT;
	if (!number || !statement || strcmp(statement, "param") != 0 || recover_token_before(p) != '=')
		return false;
	diag(&p->c->diags, E0201, *loc, "a param's value is text, in quotes: `\"%.*s\"`",
	     (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
	return true;
}

/* A name in quotes where the parser takes a name (`after "db"`, `env from
 * "settings"`, `account "api"`), as JSON and HCL write them; a string that
 * could be no name (`"${env}-db"`, `"/data"`) is left to the others. */
static bool
report_quoted_name(struct parse_ctx *p, const YYLTYPE *loc, int got, int n, const int *expected)
{
	const char *text = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin;
	if (got != STRING || !expects(n, expected, WORD) || len < 3 || text[0] != '"' ||
	    strspn(text + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
	        len - 2 || recover_is_secret(p, *loc))
		return false;
	int before = recover_token_before(p);
	if (keyword_spelling(before))
		diag(&p->c->diags, E0127, *loc, "a name is written without quotes: `%s %.*s`",
		     keyword_spelling(before), (int)len - 2, text + 1);
	else
		diag(&p->c->diags, E0127, *loc, "a name is written without quotes: `%.*s`",
		     (int)len - 2, text + 1);
	return true;
}

/* A param's default without its '=': `param tag "1.0"`. */
static bool
report_param_equals(struct parse_ctx *p, const YYLTYPE *loc, int got, int n, const int *expected)
{
	const char *statement = recover_statement_word(p);
	int before = recover_token_before(p);
	int size = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if (got != STRING || before != WORD || !statement || strcmp(statement, "param") != 0 ||
	    !expects(n, expected, '='))
		return false;
	diag(&p->c->diags, E0201, *loc, "a param's default follows '=': `param %s = %.*s`",
	     recover_written_before(p), size, text);
	return true;
}

/* What a component's line lacks after its keyword: a standard of the
 * stack in a component (`security restricted`), a block's name (`sidecar
 * {`), what a rolling strategy's amount is (`rolling 25%`). */
static bool
report_component_habit(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                       const int *expected)
{
	int before = recover_token_before(p);
	const char *keyword = keyword_spelling(before);
	int size = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if ((got == KW_RESTRICTED || got == KW_BASELINE) && before == KW_SECURITY &&
	    expects(n, expected, '{'))
		diag(&p->c->diags, E0201, *loc, "'security %s' is the stack's, for every pod: write it "
		     "among the stack's items; a component's own settings are a block, `security { "
		     "user 1000 non-root }`", keyword_spelling(got));
	else if (got == '{' && (before == KW_SIDECAR || before == KW_INIT ||
	                        before == KW_CONTAINER || before == KW_VARIANT) &&
	         expects(n, expected, WORD))
		diag(&p->c->diags, E0201, *loc, "%s is named: `%s NAME {`",
		     before == KW_INIT ? "an init container" : before == KW_SIDECAR ? "a sidecar"
		     : before == KW_VARIANT ? "a variant" : "a container", keyword);
	else if ((got == PERCENT || got == INT) && before == KW_ROLLING)
		diag(&p->c->diags, E0201, *loc, "a rolling strategy says what its amount is: `rolling "
		     "surge %.*s` (pods added above the count) or `rolling unavailable %.*s` (pods "
		     "taken down)", size, text, size, text);
	else
		return false;
	return true;
}

/* A word after 'labels' or 'annotations' that is no target: `labels x`,
 * `labels app = "web"` (its entries without their block). */
static bool
report_metadata_target(struct parse_ctx *p, const YYLTYPE *loc, const char *word, int n,
                       const int *expected)
{
	static const int targets[] = {KW_POD, KW_WORKLOAD, KW_SERVICE, KW_ROUTE, KW_ACCOUNT};
	int before = recover_token_before(p);
	if (before != KW_LABELS && before != KW_ANNOTATIONS)
		return false;
	const char *keyword = keyword_spelling(before), *s = p->c->src.text;
	uint32_t after = loc->end + (uint32_t)strspn(s + loc->end, " \t");
	if (s[after] == '=' || (s[after] == ':' && s[after + 1] != ':')) {
		const char *entry = s[after] == '=' ? habit_statement_rest(p, loc->begin, 0) : NULL;
		if (!entry)
			entry = arena_printf(p->arena, "%s = \"VALUE\"", word);
		diag(&p->c->diags, E0201, *loc, "'%s' holds its entries in a block: `%s { %s }`",
		     keyword, keyword, entry);
		return true;
	}
	bool component = expects(n, expected, KW_POD);
	struct suggestion sg = suggestion_start(&p->c->diags.suggestion_budget, word);
	for (size_t i = 0; component && i < sizeof targets / sizeof *targets; i++)
		suggestion_consider(&sg, keyword_spelling(targets[i]));
	const char *q = diag_quote(p->arena, word);
	if (component && sg.best)
		diag(&p->c->diags, E0202, *loc, "unknown target %s of '%s'; did you mean '%s'? (a "
		     "target is pod, workload, service, route or account)", q, keyword, sg.best);
	else if (component)
		diag(&p->c->diags, E0202, *loc, "unknown target %s of '%s': '%s' takes a block of "
		     "entries, `%s { KEY = \"VALUE\" }`, or a target before it, pod, workload, "
		     "service, route or account (`%s pod { ... }`)", q, keyword, keyword, keyword,
		     keyword);
	else
		diag(&p->c->diags, E0201, *loc, "the stack's '%s' takes a block of entries, with no "
		     "target: `%s { KEY = \"VALUE\" }`", keyword, keyword);
	return true;
}

/* Names of a list without the ',' between them: `after db cache`,
 * `env from settings keys`, `allow from web worker`. */
static bool
report_name_list_comma(struct parse_ctx *p, const YYLTYPE *loc, const char *word)
{
	static const char *const lists[] = {"after", "allow", "env", "pull-secret"};
	const char *statement = recover_statement_word(p);
	if (!statement || recover_token_before(p) != WORD || recover_starts_line(p, loc->begin) ||
	    recover_is_secret(p, *loc))
		return false;
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		if (strcmp(statement, lists[i]) == 0) {
			diag(&p->c->diags, E0201, *loc, "the names of a list are separated by ',': `%s, %s`",
			     recover_written_before(p), word);
			return true;
		}
	return false;
}

/* A ',' between the entries of a block: `env { A = "1", B = "2" }`. */
static bool
report_entry_comma(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	if (strcmp(token_name(got), "','") != 0 || !recover_in_entries(p))
		return false;
	diag(&p->c->diags, E0116, *loc,
	     "entries are separated by blanks or new lines, not ',': remove it");
	return true;
}

/* A cron's schedule before its name: `cron "0 3 * * *" cleanup {`. */
static bool
report_cron_name_after(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	if (got != STRING || recover_token_before(p) != KW_CRON)
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "a cron job's name comes before its schedule: `cron NAME \"0 3 * * *\" {`");
	return true;
}

/* A key of an entry that starts with a digit: `1 = "one"`, `2fa = "on"`. */
static bool
report_number_key(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	bool number = got == INT || got == QUANTITY || got == DURATION ||
	              got == PERCENT;
	if (!number || !recover_starts_line(p, loc->begin) || !recover_in_entries(p))
		return false;
	diag(&p->c->diags, E0201, *loc, "a key that starts with a digit is written in quotes: `\"%.*s\"`",
	     (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
	return true;
}

/* A cron job without its schedule: `cron report {`. */
static bool
report_cron_schedule(struct parse_ctx *p, const YYLTYPE *loc)
{
	const char *statement = recover_statement_word(p);
	if (loc->end != loc->begin + 1 || p->c->src.text[loc->begin] != '{' || !statement ||
	    strcmp(statement, "cron") != 0)
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "a cron job's schedule follows its name: `cron NAME \"0 3 * * *\" {`");
	return true;
}

/* A property where only items stand, after the block of a component. */
static bool
report_property_outside(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                        const int *expected)
{
	const char *spelling = keyword_spelling(got);
	int token = spelling ? keyword_token(spelling, strlen(spelling)) : 0;
	const char *name;
	struct loc closed;
	if (!token || !keyword_has_role(token, "property") || !expects(n, expected, KW_PARAM) ||
	    expects(n, expected, got) || !recover_closed_block(p, &name, &closed))
		return false;
	if (p->outside_reported == closed.begin + 1)
		return true; /* the '}' that closed the block too early is pointed at */
	p->outside_reported = closed.begin + 1;
	size_t line, column;
	source_position(&p->c->src, closed.begin, &line, &column);
	struct diagnostic *d = diag(&p->c->diags, E0119, *loc,
	                            "'%s' is a property; the block of '%s' closed on line %zu",
	                            spelling, name, line);
	diag_note(&p->c->diags, d, closed, "the block of '%s' closed here", name);
	return true;
}

/* Resources in braces, `requests { cpu 100m memory 128Mi }`, or Helm's
 * template, `port {{ .Values.port }}`. */
static bool
report_braces_value(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	int before = recover_token_before(p);
	const char *s = p->c->src.text + loc->begin;
	if (got != '{' || recover_is_secret(p, *loc))
		return false;
	const char *close = strstr(s, "}}"), *eol = strchr(s, '\n');
	if (s[1] == '{' && strchr(" .-", s[2]) && close && (!eol || close < eol)) {
		struct loc whole = {loc->begin, (uint32_t)(close - p->c->src.text) + 2};
		p->quiet_until = whole.end;
		diag(&p->c->diags, E0201, whole, "todokc has no templates: write the value itself; "
		     "what changes between environments goes in a profile, `profile prod { ... }`, "
		     "or a param used in strings, `param tag = \"1.0\"` and `\"${tag}\"`");
		return true;
	}
	if (before != KW_REQUESTS && before != KW_LIMITS)
		return false;
	const char *inner = habit_braced(p, loc->begin);
	diag(&p->c->diags, E0201, *loc, "'%s' takes its resources on its line, without braces: "
	     "`%s %s`", keyword_spelling(before), keyword_spelling(before),
	     inner ? inner : "cpu 100m memory 128Mi");
	return true;
}

/* A second stack in the file: one file, one stack. */
static bool
report_second_stack(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                    const int *expected)
{
	if (got != KW_STACK || n != 1 || expected[0] != 0)
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "a file holds one stack: this second 'stack' is not read; put it in a file of its own");
	return true;
}

/* `stack shop` (or `config app`) with what it holds indented on the
 * lines below, as YAML nests: the '{' at the end of its line. */
static bool
report_block_by_indentation(struct parse_ctx *p, const YYLTYPE *loc, int n, const int *expected)
{
	const char *src = p->c->src.text;
	uint32_t end = loc->begin, start;
	if (n != 1 || expected[0] != '{' || recover_token_before(p) != WORD ||
	    !recover_starts_line(p, loc->begin))
		return false;
	while (end > 0 && strchr(" \t\r\n", src[end - 1]))
		end--;
	for (start = end; start > 0 && src[start - 1] != '\n'; start--)
		continue;
	start += (uint32_t)strspn(src + start, " \t");
	if (memchr(src + start, '#', end - start))
		return false;
	diag(&p->c->diags, E0201, (struct loc){end, end}, "expected '{' at the end of the line: "
	     "blocks are written in braces, not by indentation: `%.*s {` ... `}`",
	     (int)(end - start), src + start);
	return true;
}

/* A Compose file (or other YAML) given to the compiler: `services:`
 * where the file's `stack NAME {` must be. */
static bool
report_yaml_file(struct parse_ctx *p, const YYLTYPE *loc, const char *word, int n,
                 const int *expected)
{
	bool yaml = strcmp(word, "version") == 0 || strcmp(word, "services") == 0 ||
	            strcmp(word, "name") == 0;
	if (!yaml || n != 1 || expected[0] != KW_STACK || p->c->src.text[loc->end] != ':')
		return false;
	diag(&p->c->diags, E0201, *loc, "a .todok file holds 'stack NAME { ... }', not "
	     "YAML: `todokc import compose FILE` writes the stack of a Compose file");
	return true;
}

void
report_syntax_error(struct parse_ctx *p, const YYLTYPE *loc, int got, int n, const int *expected)
{
	/* Recovery ends at the next line that starts a statement. */
	p->resync = true;
	/* A token the scanner already reported as malformed. */
	if (loc->begin == p->reported_token.begin && loc->end == p->reported_token.end)
		return;
	if (line_ended_early(p, *loc, n, expected))
		return;
	if (report_word_of_another_property(p, loc))
		return;
	/* The lookahead is the last token scanned: a WORD's text is kept. */
	const char *word = got == WORD ? p->last_word : NULL;

	/* An unknown word where a keyword was expected. */
	if (word) {
		if (report_name_list_comma(p, loc, word))
			return;
		if (report_yaml_file(p, loc, word, n, expected))
			return;
		if (report_metadata_target(p, loc, word, n, expected))
			return;
		const char *best = closest_expected(p, n, expected, word);
		if (report_unknown_word(p, loc, n, expected, word, best))
			return;
		const char *role = expects(n, expected, KW_WORKLOAD) ? "naming word" : "word";
		if (best) {
			diag(&p->c->diags, E0202, *loc, "unknown %s %s; did you mean '%s'?", role,
			     diag_quote(p->arena, word), best);
			return;
		}
		if (strcmp(role, "word") != 0) {
			diag(&p->c->diags, E0202, *loc, "unknown %s %s", role, diag_quote(p->arena, word));
			return;
		}
	}
	if (report_quoted_number(p, loc, got, n, expected) ||
	    report_duration_unit(p, loc, got, n, expected) || report_probe_port(p, loc, got) ||
	    report_cron_schedule(p, loc) || report_number_key(p, loc, got) ||
	    report_property_outside(p, loc, got, n, expected) || report_braces_value(p, loc, got) ||
	    report_second_stack(p, loc, got, n, expected) || report_tcp_protocol(p, loc, got) ||
	    report_duration_quantity(p, loc, got, n, expected) ||
	    report_port_name_after(p, loc, got) || report_port_line(p, loc, got) ||
	    report_entry_comma(p, loc, got) || report_list_brackets(p, loc, got) ||
	    report_env_line(p, loc, got) || report_volume_size(p, loc, got) ||
	    report_quoted_name(p, loc, got, n, expected) || report_volume_path(p, loc, got) ||
	    report_param_equals(p, loc, got, n, expected) || misplaced(p, *loc, got, n, expected) ||
	    report_component_habit(p, loc, got, n, expected) ||
	    report_name_list_brackets(p, loc, got) || report_param_number(p, loc, got) ||
	    report_cron_name_after(p, loc, got) || report_probe_kind(p, loc, got, n, expected) ||
	    report_replicas_target(p, loc, n, expected) || report_expose_port(p, loc, got) ||
	    report_block_by_indentation(p, loc, n, expected))
		return;
	/* A declaration where a property must stand. */
	const char *spelling = keyword_spelling(got);
	if (spelling && keyword_has_role(keyword_token(spelling, strlen(spelling)), "declaration") &&
	    expects(n, expected, KW_IMAGE)) {
		diag(&p->c->diags, E0202, *loc,
		     "'%s' starts a declaration of the stack, not a property: it cannot stand "
		     "inside this block", spelling);
		return;
	}
	struct buf msg = {0};
	if (got == 0 && p->stack && p->c->src.len == 0)
		buf_puts(&msg, "empty file: a .todok file holds 'stack NAME { ... }'");
	else {
		buf_printf(&msg, "unexpected %s", describe_token(p, got, word));
		if (n > 0 && n <= 5) {
			buf_puts(&msg, ", expecting ");
			for (int i = 0; i < n; i++) {
				if (i)
					buf_puts(&msg, i == n - 1 ? " or " : ", ");
				buf_puts(&msg, token_name(expected[i]));
			}
		}
	}
	diag(&p->c->diags, E0201, *loc, "%s", msg.data);
	buf_free(&msg);
}
