/*
 * parse_errors_lines.c - the parser's messages for a mistake in a
 * property's own line (src/parse_errors.c asks them in turn): a port's
 * name after its number, a Compose port string, a volume's size or path
 * out of place, a probe's port or kind, expose's port, replicas' target,
 * a protocol that is the default.
 */
#include "parse.h"

#include <string.h>

#include "todok.tab.h"

/* A port's name after its number: `port 80 http`. */
bool
report_port_name_after(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	const char *spelling = keyword_spelling(got);
	if ((got != WORD && !spelling) || !statement || recover_token_before(p) != INT ||
	    (strcmp(statement, "port") != 0 && strcmp(statement, "container-port") != 0))
		return false;
	const char *name = spelling ? spelling : p->last_word;
	const char *number = recover_written_before(p);
	diag(&p->c->diags, E0201, *loc, "a port's name comes before its number: `%s %s %s`",
	     statement, name, number);
	return true;
}

/* What Compose writes for ports, in a `port` line: a mapping in a string
 * (`port "80:8080"`), a list (`port 80, 443`, `port [80, 443]`), or two
 * ports on one line (`port 8000 8001`). */
bool
report_port_line(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	if (!statement || strcmp(statement, "port") != 0)
		return false;
	int before = recover_token_before(p);
	const char *text = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin;
	if (got == STRING && before == KW_PORT && len > 2) {
		/* "80:8080", "127.0.0.1:80:8080", "80:8080/udp" */
		const char *end = text + len - 1, *slash = memchr(text, '/', len);
		const char *colon = NULL;
		for (const char *c = text + 1; c < (slash ? slash : end); c++)
			if (*c == ':')
				colon = c;
		size_t digits = strspn(colon ? colon + 1 : text + 1, "0123456789");
		if (!colon || !digits || colon[1 + digits] != (slash ? '/' : '"'))
			return false;
		const char *from = colon;
		while (from > text + 1 && from[-1] >= '0' && from[-1] <= '9')
			from--;
		bool udp = slash && end - slash == 4 && strncmp(slash + 1, "udp", 3) == 0;
		diag(&p->c->diags, E0201, *loc,
		     "a port is a number, not a mapping in quotes: write `port %.*s -> %.*s%s` (the "
		     "Service's port, then the container's)",
		     (int)(colon - from), from, (int)digits, colon + 1, udp ? " udp" : "");
		return true;
	}
	bool list = (got == INT && before == INT) ||
	            (strcmp(token_name(got), "','") == 0 && before == INT) ||
	            (strcmp(token_name(got), "'['") == 0 && before == KW_PORT);
	if (!list)
		return false;
	const char *line = text;
	while (line > p->c->src.text && line[-1] != '\n')
		line--;
	if (line[strspn(line, " \t")] == '-')
		return true; /* an item of a '- ' list of ports: its E0118 gave every 'port' line */
	const char *example =
		got == INT
			? arena_printf(p->arena, "`port %s`, then `port %.*s`", recover_written_before(p),
		                   (int)len, text)
		: before == INT ? arena_printf(p->arena, "`port %s`, then the next", recover_written_before(p))
		                : "`port 80`, then `port 443`";
	diag(&p->c->diags, E0201, *loc,
	     "a 'port' line gives one port: write each on a line of its own (%s)", example);
	return true;
}

/* A volume's size where its path or its 'size' must stand:
 * `volume data 10Gi at "/data"`, `volume data at "/data" 10Gi`. */
bool
report_volume_size(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	int before = recover_token_before(p);
	if (got != QUANTITY || !statement || strcmp(statement, "volume") != 0 ||
	    (before != WORD && before != STRING) || recover_is_secret(p, *loc))
		return false;
	int size = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if (before == WORD)
		diag(&p->c->diags, E0201, *loc, "a volume's path comes before its size: `volume %s at "
		     "\"PATH\" size %.*s`", recover_written_before(p), size, text);
	else
		diag(&p->c->diags, E0201, *loc, "a volume's size follows 'size': `size %.*s`", size, text);
	return true;
}

/* A volume's mount path without its 'at' (`volume data "/data"`), or
 * without the volume's name (`volume "/data"`). */
bool
report_volume_path(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	int before = recover_token_before(p);
	if (got != STRING || !statement || strcmp(statement, "volume") != 0 ||
	    (before != WORD && before != KW_VOLUME))
		return false;
	int size = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if (before == WORD)
		diag(&p->c->diags, E0201, *loc, "a volume's mount path follows 'at': `volume %s at %.*s`",
		     recover_written_before(p), size, text);
	else
		diag(&p->c->diags, E0201, *loc, "a volume is named before its path: `volume NAME at "
		     "%.*s`", size, text);
	return true;
}

/* A probe's port without its 'on', right after the kind of check:
 * `readiness tcp 8080`, `liveness http "/healthz" 9090`. */
bool
report_probe_port(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	int before = recover_token_before(p);
	if (got != INT || !statement ||
	    (strcmp(statement, "liveness") != 0 && strcmp(statement, "readiness") != 0 &&
	     strcmp(statement, "startup") != 0) ||
	    (before != KW_TCP && before != KW_GRPC && before != STRING))
		return false;
	diag(&p->c->diags, E0201, *loc, "a probe's port follows 'on': `on %.*s`",
	     (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
	return true;
}

/* `liveness "/health"`, `readiness 8080`: a probe names its kind first.
 * The message gives the kind the value fits. */
bool
report_probe_kind(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                  const int *expected)
{
	int before = recover_token_before(p);
	if ((got != STRING && got != INT && got != WORD) ||
	    (before != KW_LIVENESS && before != KW_READINESS && before != KW_STARTUP) ||
	    !expects(n, expected, KW_HTTP))
		return false;
	const char *probe = keyword_spelling(before);
	int len = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if (got == STRING)
		diag(&p->c->diags, E0201, *loc, "a probe names its kind before its path: "
		     "`%s http %.*s`", probe, len, text);
	else if (got == INT)
		diag(&p->c->diags, E0201, *loc, "a probe names its kind before its port: "
		     "`%s tcp on %.*s` (or `http \"/path\" on %.*s`)", probe, len, text, len, text);
	else
		diag(&p->c->diags, E0201, *loc, "a probe is `%s http \"/path\"`, `tcp`, `grpc` or "
		     "`exec [\"command\"]`", probe);
	return true;
}

/* Compose's `expose 80` (a port other services reach): 'expose' names
 * the type of the Service; its ports are the 'port' lines. */
bool
report_expose_port(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	if ((got != INT && got != STRING) || recover_token_before(p) != KW_EXPOSE ||
	    recover_is_secret(p, *loc))
		return false;
	int len = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if (got == STRING && len >= 2) {
		text++;
		len -= 2;
	}
	diag(&p->c->diags, E0201, *loc, "'expose' takes the type of the Service, not a port: write "
	     "the port as a 'port' line, `port %.*s` (its ClusterIP Service publishes it in the "
	     "cluster), and `expose loadbalancer` or `expose nodeport` to reach it from outside",
	     len, text);
	return true;
}

/* `replicas 2..5` without its target: the autoscaler needs one. */
bool
report_replicas_target(struct parse_ctx *p, const YYLTYPE *loc, int n,
                       const int *expected)
{
	if (n != 1 || expected[0] != KW_CPU || recover_token_before(p) != INT)
		return false;
	diag(&p->c->diags, E0201, *loc, "a range of replicas is scaled on CPU use: give the "
	     "target after it, `cpu 70%%`");
	return true;
}

/* `port 80 tcp`: the protocol written out, though TCP is the default. */
bool
report_tcp_protocol(struct parse_ctx *p, const YYLTYPE *loc, int got)
{
	const char *statement = recover_statement_word(p);
	if (got != KW_TCP || !statement ||
	    (strcmp(statement, "port") != 0 && strcmp(statement, "container-port") != 0))
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "TCP is a port's protocol unless 'udp' follows its number: remove 'tcp'");
	return true;
}
