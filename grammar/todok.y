/*
 * todok.y - the grammar of the .todok language (docs/language.md section 3).
 *
 * A pure parser with locations; its actions build the syntax tree of
 * include/ast.h in the compilation's arena, so nothing needs a
 * %destructor.  Errors are reported by yyreport_syntax_error below, which
 * names unknown keywords with a suggestion; the parser recovers at
 * property, entry and item boundaries so that one run reports every
 * mistake.  Keep %expect 0: fix a conflict by reshaping the grammar,
 * never by raising the number.
 */
%require "3.6"
%define api.pure full
%define parse.error custom
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct parse_ctx *p}

%code requires {
#include "parse.h"
#define YYLTYPE struct loc
#define YYLTYPE_IS_DECLARED 1
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                  \
	do {                                                         \
		if (N) {                                             \
			(Cur).begin = YYRHSLOC(Rhs, 1).begin;        \
			(Cur).end = YYRHSLOC(Rhs, N).end;            \
		} else {                                             \
			(Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end; \
		}                                                    \
	} while (0)
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code provides {
int yylex(YYSTYPE *yylval, YYLTYPE *yylloc, yyscan_t scanner);
}

%code {
#include <string.h>

/* The deepest nesting the parser's stack takes (bison's default). */
#define YYMAXDEPTH 10000

#define A (p->arena)

/* Called by the parser only when its stack is full (YYMAXDEPTH): the
 * input nests blocks deeper than any stack needs. */
static void
yyerror(YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *p, const char *msg)
{
	(void)scanner;
	(void)msg;
	diag(&p->c->diags, E0203, *loc, "blocks are nested more deeply than todokc accepts");
}

static struct ast_prop *
new_prop(struct parse_ctx *p, enum prop_kind kind, struct loc loc, struct loc kw)
{
	struct ast_prop *prop = NEW(A, struct ast_prop);
	prop->kind = kind;
	prop->loc = loc;
	prop->kw_loc = kw;
	return prop;
}

static struct ast_item *
new_item(struct parse_ctx *p, enum item_kind kind, struct loc loc, struct loc kw)
{
	struct ast_item *item = NEW(A, struct ast_item);
	item->kind = kind;
	item->loc = loc;
	item->kw_loc = kw;
	return item;
}

static struct ident *
dup_ident(struct parse_ctx *p, struct ident id)
{
	struct ident *copy = NEW(A, struct ident);
	*copy = id;
	return copy;
}

static struct ident
keyword_ident(int token, struct loc loc)
{
	return (struct ident){keyword_spelling(token), loc};
}

static struct ast_number
absent_number(void)
{
	return (struct ast_number){NUM_INT, NULL, 0, NO_LOC};
}
}

%union {
	struct ident word;
	struct ast_string *string;
	struct ast_number number;
	struct ast_value *value;
	struct ast_entry *entry;
	struct ast_item *item;
	struct ast_prop *prop;
	struct ast_probe_option *option;
	struct ast_naming *naming;
	struct ast_resources resources;
	struct vec vec;
	int token;
}

%token END 0 "end of file"

%initial-action { @$ = (struct loc){0, 0}; }
%token <word> WORD "name"
%token <string> STRING "string"
%token <number> INT "integer" QUANTITY "quantity" DURATION "duration" PERCENT "percentage"
%token DOTDOT "'..'" ARROW "'->'"

/* One token per spelling of include/keywords.def (a test checks they agree). */
%token
	KW_CLUSTER "'cluster'" KW_CONFIG "'config'" KW_NAMESPACE "'namespace'"
	KW_NAMING "'naming'" KW_PARAM "'param'" KW_SECRET "'secret'"
	KW_SERVICE "'service'" KW_STACK "'stack'" KW_STATEFUL "'stateful'"
	KW_AFTER "'after'" KW_ANNOTATIONS "'annotations'" KW_ARGS "'args'"
	KW_COMMAND "'command'" KW_CONTAINER "'container'" KW_ENV "'env'"
	KW_EXPOSE "'expose'" KW_GRACE "'grace'" KW_IMAGE "'image'"
	KW_LABELS "'labels'" KW_LIMITS "'limits'" KW_LIVENESS "'liveness'"
	KW_PORT "'port'" KW_READINESS "'readiness'" KW_REPLICAS "'replicas'"
	KW_REQUESTS "'requests'" KW_ROUTE "'route'" KW_STARTUP "'startup'"
	KW_VOLUME "'volume'" KW_CPU "'cpu'" KW_MEMORY "'memory'"
	KW_DELAY "'delay'" KW_EVERY "'every'" KW_EXEC "'exec'"
	KW_FAILURES "'failures'" KW_HEADER "'header'" KW_HTTP "'http'"
	KW_ON "'on'" KW_TCP "'tcp'" KW_TIMEOUT "'timeout'" KW_AS "'as'"
	KW_CLUSTERIP "'clusterip'" KW_LOADBALANCER "'loadbalancer'"
	KW_NODEPORT "'nodeport'" KW_NONE "'none'" KW_AT "'at'"
	KW_CLASS "'class'" KW_FILE "'file'" KW_FROM "'from'" KW_SIZE "'size'"
	KW_TEMP "'temp'" KW_PATH "'path'" KW_TLS "'tls'" KW_UDP "'udp'"
	KW_WORKLOAD "'workload'"

%type <word> name key keyword
%type <string> opt_class route_path
%type <word> route_tls
%type <number> port_target
%type <number> quantity
%type <value> value
%type <entry> entry label
%type <item> item
%type <prop> prop
%type <option> probe_option
%type <naming> naming_rule
%type <resources> resource_list
%type <vec> items entries labels props name_list string_list strings
%type <vec> probe_options naming_rules
%type <token> probe_slot resource_name naming_slot port_udp

%%

/* file = stack */
file
	: KW_STACK name '{' items '}' {
		p->stack->name = $2;
		p->stack->loc = @$;
		p->stack->items = $4;
	}
	;

/* { item } -- an item that fails to parse is skipped up to where the
 * next one can start, or over the block that follows the error. */
items
	: %empty { $$ = (struct vec){0}; }
	| items item { $$ = $1; vec_push(A, &$$, $2); }
	| items error { $$ = $1; }
	| items error '{' skipped '}' { $$ = $1; }
	;

item
	/* "namespace" NAME */
	: KW_NAMESPACE name {
		$$ = new_item(p, ITEM_NAMESPACE, @$, @1);
		$$->name = $2;
	}
	/* "param" NAME "=" STRING */
	| KW_PARAM name '=' STRING {
		$$ = new_item(p, ITEM_PARAM, @$, @1);
		$$->name = $2;
		$$->param = $4;
	}
	/* "cluster" "{" { ("cpu" | "memory") QUANTITY } "}" */
	| KW_CLUSTER '{' resource_list '}' {
		$$ = new_item(p, ITEM_CLUSTER, @$, @1);
		$$->cluster = $3;
	}
	/* "config" NAME "{" { KEY "=" value } "}" */
	| KW_CONFIG name '{' entries '}' {
		$$ = new_item(p, ITEM_CONFIG, @$, @1);
		$$->name = $2;
		$$->entries = $4;
	}
	/* "secret" NAME "{" { KEY "=" value } "}" */
	| KW_SECRET name '{' entries '}' {
		$$ = new_item(p, ITEM_SECRET, @$, @1);
		$$->name = $2;
		$$->entries = $4;
	}
	/* "service" NAME "{" { property } "}" */
	| KW_SERVICE name '{' props '}' {
		$$ = new_item(p, ITEM_SERVICE, @$, @1);
		$$->name = $2;
		$$->props = $4;
	}
	/* "stateful" NAME "{" { property } "}" */
	| KW_STATEFUL name '{' props '}' {
		$$ = new_item(p, ITEM_STATEFUL, @$, @1);
		$$->name = $2;
		$$->props = $4;
	}
	/* "naming" "{" { ("workload" | "service" | "config" | "secret") STRING } "}" */
	| KW_NAMING '{' naming_rules '}' {
		$$ = new_item(p, ITEM_NAMING, @$, @1);
		$$->naming = $3;
	}
	;

naming_rules
	: %empty { $$ = (struct vec){0}; }
	| naming_rules naming_rule { $$ = $1; vec_push(A, &$$, $2); }
	| naming_rules error { $$ = $1; }
	;

naming_rule
	: naming_slot STRING {
		$$ = NEW(A, struct ast_naming);
		$$->slot = (enum naming_slot)$1;
		$$->template = $2;
		$$->loc = @$;
	}
	;

naming_slot
	: KW_WORKLOAD { $$ = NAMING_WORKLOAD; }
	| KW_SERVICE { $$ = NAMING_SERVICE; }
	| KW_CONFIG { $$ = NAMING_CONFIG; }
	| KW_SECRET { $$ = NAMING_SECRET; }
	;

/* Tokens of a skipped block, braces balanced. */
skipped
	: %empty
	| skipped skipped_token
	| skipped '{' skipped '}'
	;

skipped_token
	: keyword | WORD | STRING | INT | QUANTITY | DURATION | PERCENT
	| '[' | ']' | '(' | ')' | ',' | '=' | DOTDOT | ARROW
	;

resource_list
	: %empty { $$ = (struct ast_resources){0}; $$.cpu_loc = $$.memory_loc = NO_LOC; }
	| resource_list resource_name quantity {
		$$ = $1;
		struct ast_number *q = NEW(A, struct ast_number);
		*q = $3;
		struct loc whole = {@2.begin, @3.end};
		if ($2 == KW_CPU) {
			if ($$.cpu)
				diag(&p->c->diags, E0403, @2, "'cpu' is given twice");
			$$.cpu = q;
			$$.cpu_loc = whole;
		} else {
			if ($$.memory)
				diag(&p->c->diags, E0403, @2, "'memory' is given twice");
			$$.memory = q;
			$$.memory_loc = whole;
		}
	}
	;

resource_name
	: KW_CPU { $$ = KW_CPU; }
	| KW_MEMORY { $$ = KW_MEMORY; }
	;

/* A quantity may be written as a plain integer: "cpu 2". */
quantity
	: QUANTITY
	| INT
	;

entries
	: %empty { $$ = (struct vec){0}; }
	| entries entry { $$ = $1; vec_push(A, &$$, $2); }
	| entries error { $$ = $1; }
	;

/* KEY "=" value */
entry
	: key '=' value {
		$$ = NEW(A, struct ast_entry);
		$$->key = $1;
		$$->value = $3;
		$$->loc = @$;
	}
	;

/* KEY: an identifier, a string, or any keyword */
key
	: WORD
	| keyword
	| STRING {
		/* A quoted key is plain text: interpolation makes no sense. */
		struct buf b = {0};
		for (size_t i = 0; i < $1->parts.len; i++) {
			struct ast_part *part = $1->parts.items[i];
			if (part->is_ref)
				diag(&p->c->diags, E0107, part->ref.loc,
				     "a key cannot contain an interpolation");
			else
				buf_append(&b, part->text, part->len);
		}
		$$.text = arena_strndup(A, b.data ? b.data : "", b.len);
		$$.loc = @1;
		buf_free(&b);
	}
	;

/* value = STRING | INT | QUANTITY | REF | "env" "(" STRING ")" | "file" "(" STRING ")"
 * (durations and percentages too: they are text like quantities) */
value
	: STRING {
		$$ = NEW(A, struct ast_value);
		$$->kind = VALUE_STRING;
		$$->string = $1;
		$$->loc = @$;
	}
	| INT { $$ = NEW(A, struct ast_value); $$->kind = VALUE_NUMBER; $$->number = $1; $$->loc = @$; }
	| QUANTITY { $$ = NEW(A, struct ast_value); $$->kind = VALUE_NUMBER; $$->number = $1; $$->loc = @$; }
	| DURATION { $$ = NEW(A, struct ast_value); $$->kind = VALUE_NUMBER; $$->number = $1; $$->loc = @$; }
	| PERCENT { $$ = NEW(A, struct ast_value); $$->kind = VALUE_NUMBER; $$->number = $1; $$->loc = @$; }
	| name {
		/* REF = NAME | NAME "." KEY: a word with a dot is split at the first one. */
		$$ = NEW(A, struct ast_value);
		$$->kind = VALUE_REF;
		$$->loc = @$;
		$$->ref.loc = @$;
		const char *dot = strchr($1.text, '.');
		if (dot) {
			uint32_t at = @1.begin + (uint32_t)(dot - $1.text);
			$$->ref.name = (struct ident){arena_strndup(A, $1.text, (size_t)(dot - $1.text)),
			                              {@1.begin, at}};
			$$->ref.member = (struct ident){arena_strdup(A, dot + 1), {at + 1, @1.end}};
		} else {
			$$->ref.name = $1;
			$$->ref.member = (struct ident){NULL, NO_LOC};
		}
	}
	| KW_ENV '(' STRING ')' {
		$$ = NEW(A, struct ast_value);
		$$->kind = VALUE_ENV;
		$$->string = $3;
		$$->loc = @$;
	}
	| KW_FILE '(' STRING ')' {
		$$ = NEW(A, struct ast_value);
		$$->kind = VALUE_FILE;
		$$->string = $3;
		$$->loc = @$;
	}
	;

props
	: %empty { $$ = (struct vec){0}; }
	| props prop { $$ = $1; vec_push(A, &$$, $2); }
	| props error { $$ = $1; }
	| props error '{' skipped '}' { $$ = $1; }
	;

prop
	/* "image" STRING */
	: KW_IMAGE STRING {
		$$ = new_prop(p, PROP_IMAGE, @$, @1);
		$$->u.image = $2;
	}
	/* "port" [NAME] INT ["->" INT] ["udp"] */
	| KW_PORT INT port_target port_udp {
		$$ = new_prop(p, PROP_PORT, @$, @1);
		$$->u.port.name = (struct ident){NULL, NO_LOC};
		$$->u.port.number = $2;
		$$->u.port.target = $3;
		$$->u.port.udp = $4;
	}
	| KW_PORT name INT port_target port_udp {
		$$ = new_prop(p, PROP_PORT, @$, @1);
		$$->u.port.name = $2;
		$$->u.port.number = $3;
		$$->u.port.target = $4;
		$$->u.port.udp = $5;
	}
	/* "replicas" INT */
	| KW_REPLICAS INT {
		$$ = new_prop(p, PROP_REPLICAS, @$, @1);
		$$->u.replicas = $2;
	}
	/* "replicas" INT ".." INT "cpu" PERCENT */
	| KW_REPLICAS INT DOTDOT INT KW_CPU PERCENT {
		$$ = new_prop(p, PROP_AUTOSCALE, @$, @1);
		$$->u.autoscale.min = $2;
		$$->u.autoscale.max = $4;
		$$->u.autoscale.percent = $6;
	}
	/* ("requests" | "limits") { ("cpu" | "memory") QUANTITY } */
	| KW_REQUESTS resource_list {
		$$ = new_prop(p, PROP_REQUESTS, @$, @1);
		$$->u.resources = $2;
	}
	| KW_LIMITS resource_list {
		$$ = new_prop(p, PROP_LIMITS, @$, @1);
		$$->u.resources = $2;
	}
	/* "env" "{" { KEY "=" value } "}" */
	| KW_ENV '{' entries '}' {
		$$ = new_prop(p, PROP_ENV, @$, @1);
		$$->u.entries = $3;
	}
	/* "env" "from" NAME { "," NAME } */
	| KW_ENV KW_FROM name_list {
		$$ = new_prop(p, PROP_ENV_FROM, @$, @1);
		$$->u.names = $3;
	}
	/* ("liveness" | "readiness" | "startup") probe */
	| probe_slot KW_HTTP STRING probe_options {
		$$ = new_prop(p, PROP_PROBE, @$, @1);
		$$->u.probe.slot = (enum probe_slot)$1;
		$$->u.probe.kind = PROBE_HTTP;
		$$->u.probe.path = $3;
		$$->u.probe.options = $4;
	}
	| probe_slot KW_TCP probe_options {
		$$ = new_prop(p, PROP_PROBE, @$, @1);
		$$->u.probe.slot = (enum probe_slot)$1;
		$$->u.probe.kind = PROBE_TCP;
		$$->u.probe.options = $3;
	}
	| probe_slot KW_EXEC '[' strings ']' probe_options {
		$$ = new_prop(p, PROP_PROBE, @$, @1);
		$$->u.probe.slot = (enum probe_slot)$1;
		$$->u.probe.kind = PROBE_EXEC;
		$$->u.probe.command = $4;
		$$->u.probe.options = $6;
	}
	/* "expose" ("clusterip" | "nodeport" [INT] | "loadbalancer" | "none") */
	| KW_EXPOSE KW_CLUSTERIP {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose.kind = EXPOSE_CLUSTERIP;
		$$->u.expose.node_port = absent_number();
	}
	| KW_EXPOSE KW_NODEPORT {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose.kind = EXPOSE_NODEPORT;
		$$->u.expose.node_port = absent_number();
	}
	| KW_EXPOSE KW_NODEPORT INT {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose.kind = EXPOSE_NODEPORT;
		$$->u.expose.node_port = $3;
	}
	| KW_EXPOSE KW_LOADBALANCER {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose.kind = EXPOSE_LOADBALANCER;
		$$->u.expose.node_port = absent_number();
	}
	| KW_EXPOSE KW_NONE {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose.kind = EXPOSE_NONE;
		$$->u.expose.node_port = absent_number();
	}
	/* "expose" ("clusterip" | "nodeport" [INT] | "loadbalancer") "as" NAME */
	| KW_EXPOSE KW_CLUSTERIP KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose.kind = EXPOSE_CLUSTERIP;
		$$->u.expose.node_port = absent_number();
		$$->u.expose.as = $4;
	}
	| KW_EXPOSE KW_NODEPORT KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose.kind = EXPOSE_NODEPORT;
		$$->u.expose.node_port = absent_number();
		$$->u.expose.as = $4;
	}
	| KW_EXPOSE KW_NODEPORT INT KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose.kind = EXPOSE_NODEPORT;
		$$->u.expose.node_port = $3;
		$$->u.expose.as = $5;
	}
	| KW_EXPOSE KW_LOADBALANCER KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose.kind = EXPOSE_LOADBALANCER;
		$$->u.expose.node_port = absent_number();
		$$->u.expose.as = $4;
	}
	/* "volume" NAME "at" STRING "size" QUANTITY ["class" STRING] */
	| KW_VOLUME name KW_AT STRING KW_SIZE quantity opt_class {
		$$ = new_prop(p, PROP_VOLUME, @$, @1);
		$$->u.volume.kind = VOLUME_CLAIM;
		$$->u.volume.name = $2;
		$$->u.volume.path = $4;
		$$->u.volume.size = NEW(A, struct ast_number);
		*$$->u.volume.size = $6;
		$$->u.volume.class = $7;
	}
	/* "volume" NAME "at" STRING "temp" ["size" QUANTITY] */
	| KW_VOLUME name KW_AT STRING KW_TEMP {
		$$ = new_prop(p, PROP_VOLUME, @$, @1);
		$$->u.volume.kind = VOLUME_TEMP;
		$$->u.volume.name = $2;
		$$->u.volume.path = $4;
	}
	| KW_VOLUME name KW_AT STRING KW_TEMP KW_SIZE quantity {
		$$ = new_prop(p, PROP_VOLUME, @$, @1);
		$$->u.volume.kind = VOLUME_TEMP;
		$$->u.volume.name = $2;
		$$->u.volume.path = $4;
		$$->u.volume.size = NEW(A, struct ast_number);
		*$$->u.volume.size = $7;
	}
	/* "volume" NAME "at" STRING "from" ("config" | "secret") NAME */
	| KW_VOLUME name KW_AT STRING KW_FROM KW_CONFIG name {
		$$ = new_prop(p, PROP_VOLUME, @$, @1);
		$$->u.volume.kind = VOLUME_CONFIG;
		$$->u.volume.name = $2;
		$$->u.volume.path = $4;
		$$->u.volume.source = $7;
	}
	| KW_VOLUME name KW_AT STRING KW_FROM KW_SECRET name {
		$$ = new_prop(p, PROP_VOLUME, @$, @1);
		$$->u.volume.kind = VOLUME_SECRET;
		$$->u.volume.name = $2;
		$$->u.volume.path = $4;
		$$->u.volume.source = $7;
	}
	/* "after" NAME { "," NAME } */
	| KW_AFTER name_list {
		$$ = new_prop(p, PROP_AFTER, @$, @1);
		$$->u.names = $2;
	}
	/* ("command" | "args") "[" [STRING { "," STRING }] "]" */
	| KW_COMMAND '[' string_list ']' {
		$$ = new_prop(p, PROP_COMMAND, @$, @1);
		$$->u.strings = $3;
	}
	| KW_ARGS '[' string_list ']' {
		$$ = new_prop(p, PROP_ARGS, @$, @1);
		$$->u.strings = $3;
	}
	/* "container" NAME */
	| KW_CONTAINER name {
		$$ = new_prop(p, PROP_CONTAINER, @$, @1);
		$$->u.container = $2;
	}
	/* "route" STRING ["path" STRING] ["tls" NAME] */
	| KW_ROUTE STRING route_path route_tls {
		$$ = new_prop(p, PROP_ROUTE, @$, @1);
		$$->u.route.host = $2;
		$$->u.route.path = $3;
		$$->u.route.tls = $4;
	}
	/* "grace" DURATION */
	| KW_GRACE DURATION {
		$$ = new_prop(p, PROP_GRACE, @$, @1);
		$$->u.grace = $2;
	}
	/* ("labels" | "annotations") "{" { KEY "=" STRING } "}" */
	| KW_LABELS '{' labels '}' {
		$$ = new_prop(p, PROP_LABELS, @$, @1);
		$$->u.entries = $3;
	}
	| KW_ANNOTATIONS '{' labels '}' {
		$$ = new_prop(p, PROP_ANNOTATIONS, @$, @1);
		$$->u.entries = $3;
	}
	;

port_target
	: %empty { $$ = absent_number(); }
	| ARROW INT { $$ = $2; }
	;

port_udp
	: %empty { $$ = 0; }
	| KW_UDP { $$ = 1; }
	;

route_path
	: %empty { $$ = NULL; }
	| KW_PATH STRING { $$ = $2; }
	;

route_tls
	: %empty { $$ = (struct ident){NULL, NO_LOC}; }
	| KW_TLS name { $$ = $2; }
	;

opt_class
	: %empty { $$ = NULL; }
	| KW_CLASS STRING { $$ = $2; }
	;

probe_slot
	: KW_LIVENESS { $$ = PROBE_LIVENESS; }
	| KW_READINESS { $$ = PROBE_READINESS; }
	| KW_STARTUP { $$ = PROBE_STARTUP; }
	;

/* { "on" (INT | NAME) | "delay" DURATION | "every" DURATION
 *   | "timeout" DURATION | "failures" INT | "header" STRING STRING } */
probe_options
	: %empty { $$ = (struct vec){0}; }
	| probe_options probe_option { $$ = $1; vec_push(A, &$$, $2); }
	;

probe_option
	: KW_ON INT {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_ON; $$->loc = @$; $$->number = $2;
	}
	| KW_ON name {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_ON; $$->loc = @$; $$->port_name = $2;
	}
	| KW_DELAY DURATION {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_DELAY; $$->loc = @$; $$->number = $2;
	}
	| KW_EVERY DURATION {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_EVERY; $$->loc = @$; $$->number = $2;
	}
	| KW_TIMEOUT DURATION {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_TIMEOUT; $$->loc = @$; $$->number = $2;
	}
	| KW_FAILURES INT {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_FAILURES; $$->loc = @$; $$->number = $2;
	}
	| KW_HEADER STRING STRING {
		$$ = NEW(A, struct ast_probe_option);
		$$->kind = OPT_HEADER; $$->loc = @$;
		$$->header_name = $2; $$->header_value = $3;
	}
	;

/* NAME { "," NAME } */
name_list
	: name { $$ = (struct vec){0}; vec_push(A, &$$, dup_ident(p, $1)); }
	| name_list ',' name { $$ = $1; vec_push(A, &$$, dup_ident(p, $3)); }
	;

/* [STRING { "," STRING }] */
string_list
	: %empty { $$ = (struct vec){0}; }
	| strings
	;

strings
	: STRING { $$ = (struct vec){0}; vec_push(A, &$$, $1); }
	| strings ',' STRING { $$ = $1; vec_push(A, &$$, $3); }
	;

/* { KEY "=" STRING } of labels and annotations */
labels
	: %empty { $$ = (struct vec){0}; }
	| labels label { $$ = $1; vec_push(A, &$$, $2); }
	| labels error { $$ = $1; }
	;

label
	: key '=' STRING {
		$$ = NEW(A, struct ast_entry);
		$$->key = $1;
		$$->value = NEW(A, struct ast_value);
		$$->value->kind = VALUE_STRING;
		$$->value->string = $3;
		$$->value->loc = @3;
		$$->loc = @$;
	}
	;

/* A name may be spelt like a keyword: "port http 80", "on http". */
name
	: WORD
	| keyword
	;

keyword
	: KW_CLUSTER { $$ = keyword_ident(KW_CLUSTER, @1); }
	| KW_CONFIG { $$ = keyword_ident(KW_CONFIG, @1); }
	| KW_NAMESPACE { $$ = keyword_ident(KW_NAMESPACE, @1); }
	| KW_NAMING { $$ = keyword_ident(KW_NAMING, @1); }
	| KW_PARAM { $$ = keyword_ident(KW_PARAM, @1); }
	| KW_SECRET { $$ = keyword_ident(KW_SECRET, @1); }
	| KW_SERVICE { $$ = keyword_ident(KW_SERVICE, @1); }
	| KW_STACK { $$ = keyword_ident(KW_STACK, @1); }
	| KW_STATEFUL { $$ = keyword_ident(KW_STATEFUL, @1); }
	| KW_AFTER { $$ = keyword_ident(KW_AFTER, @1); }
	| KW_ANNOTATIONS { $$ = keyword_ident(KW_ANNOTATIONS, @1); }
	| KW_ARGS { $$ = keyword_ident(KW_ARGS, @1); }
	| KW_COMMAND { $$ = keyword_ident(KW_COMMAND, @1); }
	| KW_CONTAINER { $$ = keyword_ident(KW_CONTAINER, @1); }
	| KW_ENV { $$ = keyword_ident(KW_ENV, @1); }
	| KW_EXPOSE { $$ = keyword_ident(KW_EXPOSE, @1); }
	| KW_GRACE { $$ = keyword_ident(KW_GRACE, @1); }
	| KW_IMAGE { $$ = keyword_ident(KW_IMAGE, @1); }
	| KW_LABELS { $$ = keyword_ident(KW_LABELS, @1); }
	| KW_LIMITS { $$ = keyword_ident(KW_LIMITS, @1); }
	| KW_LIVENESS { $$ = keyword_ident(KW_LIVENESS, @1); }
	| KW_PORT { $$ = keyword_ident(KW_PORT, @1); }
	| KW_READINESS { $$ = keyword_ident(KW_READINESS, @1); }
	| KW_REPLICAS { $$ = keyword_ident(KW_REPLICAS, @1); }
	| KW_REQUESTS { $$ = keyword_ident(KW_REQUESTS, @1); }
	| KW_ROUTE { $$ = keyword_ident(KW_ROUTE, @1); }
	| KW_STARTUP { $$ = keyword_ident(KW_STARTUP, @1); }
	| KW_VOLUME { $$ = keyword_ident(KW_VOLUME, @1); }
	| KW_CPU { $$ = keyword_ident(KW_CPU, @1); }
	| KW_MEMORY { $$ = keyword_ident(KW_MEMORY, @1); }
	| KW_DELAY { $$ = keyword_ident(KW_DELAY, @1); }
	| KW_EVERY { $$ = keyword_ident(KW_EVERY, @1); }
	| KW_EXEC { $$ = keyword_ident(KW_EXEC, @1); }
	| KW_FAILURES { $$ = keyword_ident(KW_FAILURES, @1); }
	| KW_HEADER { $$ = keyword_ident(KW_HEADER, @1); }
	| KW_HTTP { $$ = keyword_ident(KW_HTTP, @1); }
	| KW_ON { $$ = keyword_ident(KW_ON, @1); }
	| KW_TCP { $$ = keyword_ident(KW_TCP, @1); }
	| KW_TIMEOUT { $$ = keyword_ident(KW_TIMEOUT, @1); }
	| KW_AS { $$ = keyword_ident(KW_AS, @1); }
	| KW_CLUSTERIP { $$ = keyword_ident(KW_CLUSTERIP, @1); }
	| KW_LOADBALANCER { $$ = keyword_ident(KW_LOADBALANCER, @1); }
	| KW_NODEPORT { $$ = keyword_ident(KW_NODEPORT, @1); }
	| KW_NONE { $$ = keyword_ident(KW_NONE, @1); }
	| KW_AT { $$ = keyword_ident(KW_AT, @1); }
	| KW_CLASS { $$ = keyword_ident(KW_CLASS, @1); }
	| KW_FILE { $$ = keyword_ident(KW_FILE, @1); }
	| KW_FROM { $$ = keyword_ident(KW_FROM, @1); }
	| KW_SIZE { $$ = keyword_ident(KW_SIZE, @1); }
	| KW_TEMP { $$ = keyword_ident(KW_TEMP, @1); }
	| KW_PATH { $$ = keyword_ident(KW_PATH, @1); }
	| KW_TLS { $$ = keyword_ident(KW_TLS, @1); }
	| KW_UDP { $$ = keyword_ident(KW_UDP, @1); }
	| KW_WORKLOAD { $$ = keyword_ident(KW_WORKLOAD, @1); }
	;

%%

/* The spelling of a keyword symbol ("'image'" -> "image"), or NULL. */
static const char *
symbol_keyword(yysymbol_kind_t kind)
{
	const char *name = yysymbol_name(kind);
	size_t len = strlen(name);
	if (len < 3 || name[0] != '\'' || name[1] < 'a' || name[1] > 'z')
		return NULL;
	return keyword_spelling(keyword_token(name + 1, len - 2));
}

/* The closest keyword to `word` among those the parser could take here. */
static const char *
closest_expected(struct parse_ctx *p, const yypcontext_t *ctx, const char *word)
{
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
	struct suggestion s = suggestion_start(&p->c->diags.suggestion_budget, word);
	for (int i = 0; i < n; i++) {
		const char *spelling = symbol_keyword(expected[i]);
		if (spelling)
			suggestion_consider(&s, spelling);
	}
	return s.best;
}

/* What a token is called in a message: its spelling for a word, else the
 * token's name ("string", "'{'"). */
static const char *
describe_token(struct parse_ctx *p, yysymbol_kind_t kind, const char *word)
{
	if (word)
		return arena_printf(p->arena, "name %s", diag_quote(p->arena, word));
	return yysymbol_name(kind);
}

static bool
expects(int n, const yysymbol_kind_t *expected, yysymbol_kind_t kind)
{
	for (int i = 0; i < n; i++)
		if (expected[i] == kind)
			return true;
	return false;
}

static int
yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, struct parse_ctx *p)
{
	(void)scanner;
	yysymbol_kind_t got = yypcontext_token(ctx);
	const YYLTYPE *loc = yypcontext_location(ctx);
	/* A token the scanner already reported as malformed. */
	if (loc->begin == p->reported_token.begin && loc->end == p->reported_token.end)
		return 0;
	/* The lookahead is the last token scanned: a WORD's text is kept. */
	const char *word = got == YYSYMBOL_WORD ? p->last_word : NULL;
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);

	/* An unknown word where a keyword was expected. */
	if (word) {
		const char *role = expects(n, expected, YYSYMBOL_KW_IMAGE) ? "property"
		                   : expects(n, expected, YYSYMBOL_KW_WORKLOAD) ? "naming word"
		                   : expects(n, expected, YYSYMBOL_KW_SERVICE) ? "declaration"
		                   : "word";
		const char *best = closest_expected(p, ctx, word);
		if (best)
			diag(&p->c->diags, E0202, *loc, "unknown %s %s; did you mean '%s'?", role,
			     diag_quote(p->arena, word), best);
		else if (strcmp(role, "word") != 0)
			diag(&p->c->diags, E0202, *loc, "unknown %s %s", role, diag_quote(p->arena, word));
		if (best || strcmp(role, "word") != 0)
			return 0;
	}
	struct buf msg = {0};
	if (got == YYSYMBOL_YYEOF && p->stack && p->c->src.len == 0)
		buf_puts(&msg, "empty file: a .todok file holds 'stack NAME { ... }'");
	else {
		buf_printf(&msg, "unexpected %s", describe_token(p, got, word));
		if (n > 0 && n <= 5) {
			buf_puts(&msg, ", expecting ");
			for (int i = 0; i < n; i++) {
				if (i)
					buf_puts(&msg, i == n - 1 ? " or " : ", ");
				buf_puts(&msg, yysymbol_name(expected[i]));
			}
		}
	}
	diag(&p->c->diags, E0201, *loc, "%s", msg.data);
	buf_free(&msg);
	return 0;
}
