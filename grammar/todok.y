/*
 * todok.y - the grammar of the .todok language (docs/language.md section 3).
 *
 * A pure parser with locations; its actions build the syntax tree of
 * include/ast.h in the compilation's arena, so nothing needs a
 * %destructor.  The grammar accepts every property in every block of
 * properties (a component's, a sidecar's, a variant's, a profile's): the
 * lowering says where one belongs when it is written elsewhere.  Errors
 * are reported by yyreport_syntax_error below, which names unknown
 * keywords with a suggestion; the parser recovers at property, entry and
 * item boundaries so that one run reports every mistake.  Keep %expect 0:
 * fix a conflict by reshaping the grammar, never by raising the number.
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
/* How a route is served: "class" STRING and "gateway" STRING, in either
 * order (both is an error the lowering reports). */
struct route_via {
	struct ast_string *class, *gateway;
};
/* The first part of every volume: "volume NAME at PATH [subpath PATH]". */
struct volume_head {
	struct ident name;
	struct ast_string *path, *subpath;
};
}

%code provides {
int yylex(YYSTYPE *yylval, YYLTYPE *yylloc, yyscan_t scanner);
/* The scanner's tokens as the parser takes them (src/parse_recover.c);
 * *errstatus is the parser's count of tokens to shift before it reports
 * errors again, which parse_lex() ends at the next statement. */
int parse_lex(struct parse_ctx *p, yyscan_t scanner, YYSTYPE *val, YYLTYPE *loc,
              int *errstatus);
/* Only blanks before `at` on its line. */
bool recover_starts_line(const struct parse_ctx *p, uint32_t at);
/* The first word of the statement the parser is in. */
const char *recover_statement_word(const struct parse_ctx *p);
/* The keyword that says what a word of another tool says (deployment:
 * service, depends_on: after), or NULL. */
const char *recover_other_tool_word(const char *word);
/* Whether the text at `at` is (part of) a secret's value, never shown. */
bool recover_is_secret(const struct parse_ctx *p, struct loc at);
/* The token handed to the parser before its lookahead (0: none). */
int recover_token_before(const struct parse_ctx *p);
/* That token as written (a secret's hidden). */
const char *recover_written_before(struct parse_ctx *p);
/* Whether the innermost block open holds entries (KEY = value). */
bool recover_in_entries(const struct parse_ctx *p);
/* The block closed last, when the parser is among items again. */
bool recover_closed_block(const struct parse_ctx *p, const char **name, struct loc *at);
}

%code {
#include <stdlib.h>
#include <string.h>

#include "tools.h"

/* The parser reads its tokens through parse_lex(), which sees its
 * recovery state (yyerrstatus, a local of yyparse()). */
#define yylex(val, loc, scanner) parse_lex(p, scanner, val, loc, &yyerrstatus)

/* The deepest nesting the parser's stack takes (bison's default). */
#define YYMAXDEPTH 10000

/* A: what the IR keeps of the tree (strings, values, names, entries);
 * T: the items, properties and their lists, freed after the lowering. */
#define A (p->arena)
#define T (p->tree)

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
	struct ast_prop *prop = NEW(T, struct ast_prop);
	prop->kind = kind;
	prop->loc = loc;
	prop->kw_loc = kw;
	switch (kind) { /* the properties kept out of line */
	case PROP_PORT:
	case PROP_CONTAINER_PORT: prop->u.port = NEW(T, struct ast_port); break;
	case PROP_AUTOSCALE: prop->u.autoscale = NEW(T, struct ast_autoscale); break;
	case PROP_EXPOSE:
	case PROP_EXPOSE_AS: prop->u.expose = NEW(T, struct ast_expose); break;
	case PROP_VOLUME: prop->u.volume = NEW(T, struct ast_volume); break;
	case PROP_ROUTE: prop->u.route = NEW(T, struct ast_route); break;
	default: break;
	}
	record_statement(p, loc);
	return prop;
}

static struct ast_item *
new_item(struct parse_ctx *p, enum item_kind kind, struct loc loc, struct loc kw)
{
	struct ast_item *item = NEW(T, struct ast_item);
	item->kind = kind;
	item->loc = loc;
	item->kw_loc = kw;
	record_statement(p, loc);
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

static struct ident
no_ident(void)
{
	return (struct ident){NULL, NO_LOC};
}

static struct ast_number
absent_number(void)
{
	return (struct ast_number){NUM_INT, NULL, 0, NO_LOC};
}

/* A resource's or a volume's number: the lowering copies its text and
 * location, so it goes with the tree (T), not with what the IR keeps. */
static struct ast_number *
dup_number(struct parse_ctx *p, struct ast_number n)
{
	struct ast_number *copy = NEW(T, struct ast_number);
	*copy = n;
	return copy;
}

static struct ast_value *
new_value(struct parse_ctx *p, enum value_kind kind, struct loc loc)
{
	struct ast_value *v = NEW(A, struct ast_value);
	v->kind = kind;
	v->loc = loc;
	return v;
}

static struct ast_value *
number_value(struct parse_ctx *p, struct ast_number n, struct loc loc)
{
	struct ast_value *v = new_value(p, VALUE_NUMBER, loc);
	v->number = n;
	return v;
}

/* The entries of an `env { }` block: a `labels { }` or `annotations { }`
 * entry belongs in a config or secret block only; it is reported and left
 * out. */
static struct vec
env_entries(struct parse_ctx *p, struct vec entries)
{
	uint32_t kept = 0;
	for (uint32_t i = 0; i < entries.len; i++) {
		struct ast_entry *e = entries.items[i];
		if (e->kind == ENTRY_VALUE) {
			entries.items[kept++] = e;
			continue;
		}
		diag(&p->c->diags, E0202, e->key.loc,
		     "'%s { }' cannot stand in an 'env' block, which holds NAME = value entries: the "
		     "pod's %s are written `%s pod { ... }` in the component", e->key.text, e->key.text,
		     e->key.text);
	}
	entries.len = kept;
	return entries;
}

/* A block of entries (env, labels, selector, nodes) as a property. */
static struct ast_prop *
block_prop(struct parse_ctx *p, enum prop_kind kind, struct loc loc, struct loc kw,
           struct vec entries)
{
	struct ast_prop *prop = new_prop(p, kind, loc, kw);
	prop->u.block.entries = entries;
	prop->u.block.target = TARGET_POD;
	prop->u.block.target_loc = NO_LOC;
	return prop;
}

/* A property holding a block of properties: sidecar, init, variant,
 * container. */
static struct ast_prop *
nested_prop(struct parse_ctx *p, enum prop_kind kind, struct loc loc, struct loc kw,
            struct ident name, struct vec props)
{
	struct ast_prop *prop = new_prop(p, kind, loc, kw);
	prop->u.nested.name = name;
	prop->u.nested.props = props;
	return prop;
}

/* A component item: service, stateful, job, cron. */
static struct ast_item *
component_item(struct parse_ctx *p, enum item_kind kind, struct loc loc, struct loc kw,
               struct ident name, struct vec props)
{
	struct ast_item *item = new_item(p, kind, loc, kw);
	item->name = name;
	item->props = props;
	return item;
}

static struct ast_security_setting *
security_setting(struct parse_ctx *p, enum security_word word, struct loc loc)
{
	struct ast_security_setting *s = NEW(A, struct ast_security_setting);
	s->word = word;
	s->loc = loc;
	record_statement(p, loc);
	return s;
}

static struct ast_amount *
new_amount(struct parse_ctx *p, enum amount_kind kind, struct ast_number n, struct loc loc)
{
	struct ast_amount *a = NEW(A, struct ast_amount);
	a->kind = kind;
	a->number = n;
	a->loc = loc;
	return a;
}

/* The port of "port" and "container-port". */
static struct ast_prop *
port_prop(struct parse_ctx *p, enum prop_kind kind, struct loc loc, struct loc kw,
          struct ident name, struct ast_number number)
{
	struct ast_prop *prop = new_prop(p, kind, loc, kw);
	prop->u.port->name = name;
	prop->u.port->number = number;
	prop->u.port->target = absent_number();
	prop->u.port->target_name = no_ident();
	return prop;
}

static struct ast_prop *
volume_prop(struct parse_ctx *p, enum volume_kind kind, struct loc loc, struct loc kw,
            struct volume_head head)
{
	struct ast_prop *prop = new_prop(p, PROP_VOLUME, loc, kw);
	prop->u.volume->kind = kind;
	prop->u.volume->name = head.name;
	prop->u.volume->path = head.path;
	prop->u.volume->subpath = head.subpath;
	return prop;
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
	struct ast_security_setting *setting;
	struct ast_amount *amount;
	struct ast_external external;
	struct volume_head volume_head;
	struct route_via route_via;
	struct vec vec;
	int token;
}

%token END 0 "end of file"

%initial-action { @$ = (struct loc){0, 0}; }
%token <word> WORD "name"
%token <string> STRING "string"
%token <number> INT "integer" QUANTITY "quantity" DURATION "duration" PERCENT "percentage"
%token DOTDOT "'..'" ARROW "'->'"

/* One token per spelling of include/keywords.def, in its order (a test
 * checks that they agree). */
%token
	KW_ACCOUNT "'account'" KW_ADD "'add'" KW_AFTER "'after'" KW_ALLOW "'allow'"
	KW_ALWAYS "'always'" KW_ANNOTATIONS "'annotations'" KW_ARGS "'args'"
	KW_AS "'as'" KW_AT "'at'" KW_BASELINE "'baseline'" KW_BUDGET "'budget'"
	KW_CLASS "'class'" KW_CLUSTER "'cluster'" KW_CLUSTERIP "'clusterip'"
	KW_COMMAND "'command'" KW_CONCURRENCY "'concurrency'" KW_CONFIG "'config'"
	KW_CONTAINER "'container'" KW_CONTAINER_PORT "'container-port'"
	KW_CPU "'cpu'" KW_CRON "'cron'" KW_DEADLINE "'deadline'" KW_DELAY "'delay'"
	KW_DROP "'drop'" KW_ENV "'env'" KW_EPHEMERAL_STORAGE "'ephemeral-storage'"
	KW_EVERY "'every'" KW_EXEC "'exec'" KW_EXPOSE "'expose'"
	KW_EXTERNAL "'external'" KW_FAILURES "'failures'" KW_FIELD "'field'"
	KW_FILE "'file'" KW_FORBID "'forbid'" KW_FROM "'from'"
	KW_FS_GROUP "'fs-group'" KW_GATEWAY "'gateway'" KW_GRACE "'grace'"
	KW_GROUP "'group'" KW_GRPC "'grpc'" KW_HEADER "'header'" KW_HTTP "'http'"
	KW_IF_NOT_PRESENT "'if-not-present'" KW_IMAGE "'image'" KW_INIT "'init'"
	KW_ISOLATED "'isolated'" KW_ITEMS "'items'" KW_JOB "'job'" KW_KEEP "'keep'"
	KW_LABELS "'labels'" KW_LIMITS "'limits'" KW_LIVENESS "'liveness'"
	KW_LOADBALANCER "'loadbalancer'" KW_MAX_UNAVAILABLE "'max-unavailable'"
	KW_MEMORY "'memory'" KW_MIN_AVAILABLE "'min-available'" KW_MODE "'mode'"
	KW_MOUNT "'mount'" KW_NAMESPACE "'namespace'" KW_NAMING "'naming'"
	KW_NETWORK "'network'" KW_NEVER "'never'" KW_NO_ESCALATION "'no-escalation'"
	KW_NODEPORT "'nodeport'" KW_NODES "'nodes'" KW_NON_ROOT "'non-root'"
	KW_NONE "'none'" KW_ON "'on'" KW_OPTIONAL "'optional'" KW_PARAM "'param'"
	KW_PATH "'path'" KW_POD "'pod'" KW_PORT "'port'"
	KW_PRIVILEGED "'privileged'" KW_PROFILE "'profile'" KW_PUBLIC "'public'"
	KW_PULL "'pull'" KW_PULL_SECRET "'pull-secret'" KW_QUIET "'quiet'"
	KW_READ_ONLY "'read-only'"
	KW_READINESS "'readiness'" KW_RECREATE "'recreate'" KW_REPLACE "'replace'"
	KW_REPLICAS "'replicas'" KW_REQUESTS "'requests'"
	KW_RESTRICTED "'restricted'" KW_RETRIES "'retries'" KW_ROLLING "'rolling'"
	KW_ROUTE "'route'" KW_SECRET "'secret'" KW_SECURITY "'security'"
	KW_SELECTOR "'selector'" KW_SERVICE "'service'" KW_SIDECAR "'sidecar'"
	KW_SIZE "'size'" KW_STACK "'stack'" KW_STARTUP "'startup'"
	KW_STATEFUL "'stateful'" KW_STRATEGY "'strategy'" KW_SUBPATH "'subpath'"
	KW_SURGE "'surge'" KW_TCP "'tcp'" KW_TEMP "'temp'" KW_TIMEOUT "'timeout'"
	KW_TLS "'tls'" KW_UDP "'udp'" KW_UNAVAILABLE "'unavailable'"
	KW_USER "'user'" KW_VARIANT "'variant'" KW_VOLUME "'volume'"
	KW_WORKLOAD "'workload'"

%type <word> name key keyword route_tls opt_name
%type <string> opt_string route_path opt_subpath opt_class_string
%type <number> quantity int_or_percent opt_mode
%type <value> value
%type <entry> entry label
%type <item> item
%type <prop> prop port_prop volume_prop probe_prop expose_prop metadata_prop allow_prop
%type <prop> job_prop
%type <option> probe_option
%type <naming> naming_rule
%type <resources> resource_list
%type <setting> security_setting
%type <amount> rolling_amount
%type <external> external external_keys
%type <volume_head> volume_head
%type <route_via> route_via
%type <vec> items entries labels props name_list string_list strings key_list
%type <vec> probe_options naming_rules security_settings rolling_amounts opt_items
%type <vec> capability_list
%type <token> probe_slot resource_name naming_slot port_udp metadata_word metadata_target
%type <token> pull_policy concurrency_policy budget_kind opt_read_only opt_external
%type <token> opt_optional opt_memory security_level amount_kind

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
	| items item { $$ = $1; vec_push(T, &$$, $2); }
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
	/* "config" NAME "{" { entry } "}" */
	| KW_CONFIG name '{' entries '}' {
		$$ = new_item(p, ITEM_CONFIG, @$, @1);
		$$->name = $2;
		$$->entries = $4;
	}
	/* "config" NAME "external" ["OBJECT"] ["optional"] ["{" { KEY } "}"] */
	| KW_CONFIG name external {
		$$ = new_item(p, ITEM_CONFIG, @$, @1);
		$$->name = $2;
		$$->external = $3;
	}
	/* "secret" NAME "{" { entry } "}" */
	| KW_SECRET name '{' entries '}' {
		$$ = new_item(p, ITEM_SECRET, @$, @1);
		$$->name = $2;
		$$->entries = $4;
	}
	/* "secret" NAME "external" ["OBJECT"] ["optional"] ["{" { KEY } "}"] */
	| KW_SECRET name external {
		$$ = new_item(p, ITEM_SECRET, @$, @1);
		$$->name = $2;
		$$->external = $3;
	}
	/* "service" NAME "{" { property } "}" */
	| KW_SERVICE name '{' props '}' {
		$$ = component_item(p, ITEM_SERVICE, @$, @1, $2, $4);
	}
	/* "stateful" NAME "{" { property } "}" */
	| KW_STATEFUL name '{' props '}' {
		$$ = component_item(p, ITEM_STATEFUL, @$, @1, $2, $4);
	}
	/* "job" NAME "{" { property } "}" */
	| KW_JOB name '{' props '}' {
		$$ = component_item(p, ITEM_JOB, @$, @1, $2, $4);
	}
	/* "cron" NAME STRING "{" { property } "}" */
	| KW_CRON name STRING '{' props '}' {
		$$ = component_item(p, ITEM_CRON, @$, @1, $2, $5);
		$$->param = $3;
	}
	/* "naming" "{" { ("workload" | "service" | "config" | "secret" | "account") STRING } "}" */
	| KW_NAMING '{' naming_rules '}' {
		$$ = new_item(p, ITEM_NAMING, @$, @1);
		$$->naming = $3;
	}
	/* "security" ("restricted" | "baseline") */
	| KW_SECURITY security_level {
		$$ = new_item(p, ITEM_SECURITY, @$, @1);
		$$->security = (enum security_level)$2;
	}
	/* "network" "isolated" */
	| KW_NETWORK KW_ISOLATED {
		$$ = new_item(p, ITEM_NETWORK, @$, @1);
	}
	/* ("labels" | "annotations") "{" { KEY "=" STRING } "}" */
	| metadata_word '{' labels '}' {
		$$ = new_item(p, $1 == KW_LABELS ? ITEM_LABELS : ITEM_ANNOTATIONS, @$, @1);
		$$->entries = $3;
	}
	/* "nodes" "{" { KEY "=" STRING } "}" */
	| KW_NODES '{' labels '}' {
		$$ = new_item(p, ITEM_NODES, @$, @1);
		$$->entries = $3;
	}
	/* "profile" NAME "{" { item } "}" */
	| KW_PROFILE name '{' items '}' {
		$$ = new_item(p, ITEM_PROFILE, @$, @1);
		$$->name = $2;
		$$->items = $4;
	}
	;

security_level
	: KW_RESTRICTED { $$ = SECURITY_RESTRICTED; }
	| KW_BASELINE { $$ = SECURITY_BASELINE; }
	;

metadata_word
	: KW_LABELS { $$ = KW_LABELS; }
	| KW_ANNOTATIONS { $$ = KW_ANNOTATIONS; }
	;

/* "external" ["OBJECT"] ["optional"] ["{" { KEY } "}"] */
external
	: KW_EXTERNAL opt_string opt_optional external_keys {
		$$ = $4;
		$$.present = true;
		$$.object = $2;
		$$.optional = $3;
		$$.loc = @1;
	}
	;

opt_optional
	: %empty { $$ = 0; }
	| KW_OPTIONAL { $$ = 1; }
	;

external_keys
	: %empty { $$ = (struct ast_external){0}; }
	| '{' key_list '}' { $$ = (struct ast_external){0}; $$.has_keys = true; $$.keys = $2; }
	;

key_list
	: %empty { $$ = (struct vec){0}; }
	| key_list key { $$ = $1; vec_push(A, &$$, dup_ident(p, $2)); record_statement(p, @2); }
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
		record_statement(p, @$);
	}
	;

naming_slot
	: KW_WORKLOAD { $$ = NAMING_WORKLOAD; }
	| KW_SERVICE { $$ = NAMING_SERVICE; }
	| KW_CONFIG { $$ = NAMING_CONFIG; }
	| KW_SECRET { $$ = NAMING_SECRET; }
	| KW_ACCOUNT { $$ = NAMING_ACCOUNT; }
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

/* { ("cpu" | "memory" | "ephemeral-storage") QUANTITY } */
resource_list
	: %empty {
		$$ = (struct ast_resources){0};
		$$.cpu_loc = $$.memory_loc = $$.storage_loc = NO_LOC;
	}
	| resource_list resource_name quantity {
		$$ = $1;
		struct ast_number *q = dup_number(p, $3);
		struct loc whole = {@2.begin, @3.end};
		struct ast_number **slot = $2 == KW_CPU ? &$$.cpu : $2 == KW_MEMORY ? &$$.memory : &$$.storage;
		struct loc *slot_loc = $2 == KW_CPU ? &$$.cpu_loc : $2 == KW_MEMORY ? &$$.memory_loc
		                                                                  : &$$.storage_loc;
		if (*slot)
			diag(&p->c->diags, E0403, @2, "'%s' is given twice", keyword_spelling($2));
		*slot = q;
		*slot_loc = whole;
		record_statement(p, whole);
	}
	;

resource_name
	: KW_CPU { $$ = KW_CPU; }
	| KW_MEMORY { $$ = KW_MEMORY; }
	| KW_EPHEMERAL_STORAGE { $$ = KW_EPHEMERAL_STORAGE; }
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

entry
	/* KEY "=" value */
	: key '=' value {
		$$ = NEW(A, struct ast_entry);
		$$->kind = ENTRY_VALUE;
		$$->key = $1;
		$$->value = $3;
		$$->loc = @$;
		record_statement(p, @$);
	}
	/* ("labels" | "annotations") "{" { KEY "=" STRING } "}" (config and secret blocks) */
	| metadata_word '{' labels '}' {
		$$ = NEW(A, struct ast_entry);
		$$->kind = $1 == KW_LABELS ? ENTRY_LABELS : ENTRY_ANNOTATIONS;
		$$->key = keyword_ident($1, @1);
		$$->entries = $3;
		$$->loc = @$;
		record_statement(p, @$);
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
		$$.text = arena_buf_take(A, &b);
		$$.loc = @1;
	}
	;

/* value = STRING | INT | QUANTITY | REF | "env" "(" STRING ")" | "file" "(" STRING ")"
 *       | "field" "(" STRING ")"
 * (durations and percentages too: they are text like quantities) */
value
	: STRING {
		$$ = new_value(p, VALUE_STRING, @$);
		$$->string = $1;
	}
	| INT { $$ = number_value(p, $1, @$); }
	| QUANTITY { $$ = number_value(p, $1, @$); }
	| DURATION { $$ = number_value(p, $1, @$); }
	| PERCENT { $$ = number_value(p, $1, @$); }
	| name {
		/* REF = NAME | NAME "." KEY: a word with a dot is split at the first one. */
		$$ = new_value(p, VALUE_REF, @$);
		$$->ref.loc = @$;
		const char *dot = strchr($1.text, '.');
		if (dot) {
			uint32_t at = @1.begin + (uint32_t)(dot - $1.text);
			$$->ref.name = (struct ident){arena_strndup(A, $1.text, (size_t)(dot - $1.text)),
			                              {@1.begin, at}};
			$$->ref.member = (struct ident){arena_strdup(A, dot + 1), {at + 1, @1.end}};
		} else {
			$$->ref.name = $1;
			$$->ref.member = no_ident();
		}
	}
	| KW_ENV '(' STRING ')' {
		$$ = new_value(p, VALUE_ENV, @$);
		$$->string = $3;
	}
	| KW_FILE '(' STRING ')' {
		$$ = new_value(p, VALUE_FILE, @$);
		$$->string = $3;
	}
	| KW_FIELD '(' STRING ')' {
		$$ = new_value(p, VALUE_FIELD, @$);
		$$->string = $3;
	}
	;

props
	: %empty { $$ = (struct vec){0}; }
	| props prop { $$ = $1; vec_push(T, &$$, $2); }
	| props error { $$ = $1; }
	| props error '{' skipped '}' { $$ = $1; }
	;

prop
	/* "image" STRING */
	: KW_IMAGE STRING {
		$$ = new_prop(p, PROP_IMAGE, @$, @1);
		$$->u.image = $2;
	}
	| port_prop
	/* "replicas" INT */
	| KW_REPLICAS INT {
		$$ = new_prop(p, PROP_REPLICAS, @$, @1);
		$$->u.replicas = $2;
	}
	/* "replicas" INT ".." INT "cpu" PERCENT */
	| KW_REPLICAS INT DOTDOT INT KW_CPU PERCENT {
		$$ = new_prop(p, PROP_AUTOSCALE, @$, @1);
		$$->u.autoscale->min = $2;
		$$->u.autoscale->max = $4;
		$$->u.autoscale->percent = $6;
	}
	/* ("requests" | "limits") { ("cpu" | "memory" | "ephemeral-storage") QUANTITY } */
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
		$$ = block_prop(p, PROP_ENV, @$, @1, env_entries(p, $3));
	}
	/* "env" "from" NAME { "," NAME } */
	| KW_ENV KW_FROM name_list {
		$$ = new_prop(p, PROP_ENV_FROM, @$, @1);
		$$->u.names = $3;
	}
	| probe_prop
	| expose_prop
	| volume_prop
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
	/* "container" NAME "{" { property } "}" */
	| KW_CONTAINER name '{' props '}' {
		$$ = nested_prop(p, PROP_CONTAINER_BLOCK, @$, @1, $2, $4);
	}
	/* "route" STRING ["path" STRING] ["tls" NAME] ["class" STRING | "gateway" STRING] */
	| KW_ROUTE STRING route_path route_tls route_via {
		$$ = new_prop(p, PROP_ROUTE, @$, @1);
		$$->u.route->host = $2;
		$$->u.route->path = $3;
		$$->u.route->tls = $4;
		$$->u.route->class = $5.class;
		$$->u.route->gateway = $5.gateway;
	}
	/* "grace" DURATION */
	| KW_GRACE DURATION {
		$$ = new_prop(p, PROP_GRACE, @$, @1);
		$$->u.number = $2;
	}
	| metadata_prop
	/* ("sidecar" | "init") NAME "{" { property } "}" */
	| KW_SIDECAR name '{' props '}' {
		$$ = nested_prop(p, PROP_SIDECAR, @$, @1, $2, $4);
	}
	| KW_INIT name '{' props '}' {
		$$ = nested_prop(p, PROP_INIT, @$, @1, $2, $4);
	}
	/* "variant" NAME "{" { property } "}" */
	| KW_VARIANT name '{' props '}' {
		$$ = nested_prop(p, PROP_VARIANT, @$, @1, $2, $4);
	}
	/* "mount" NAME "at" STRING ["read-only"] */
	| KW_MOUNT name KW_AT STRING opt_read_only {
		$$ = new_prop(p, PROP_MOUNT, @$, @1);
		$$->u.mount.volume = $2;
		$$->u.mount.path = $4;
		$$->u.mount.read_only = $5;
	}
	/* "account" NAME ["external"] */
	| KW_ACCOUNT name opt_external {
		$$ = new_prop(p, PROP_ACCOUNT, @$, @1);
		$$->u.account.name = $2;
		$$->u.account.external = $3;
	}
	/* "security" "{" { setting } "}" */
	| KW_SECURITY '{' security_settings '}' {
		$$ = new_prop(p, PROP_SECURITY, @$, @1);
		$$->u.settings = $3;
	}
	/* "selector" "{" { KEY "=" STRING } "}" */
	| KW_SELECTOR '{' labels '}' {
		$$ = block_prop(p, PROP_SELECTOR, @$, @1, $3);
	}
	/* "nodes" "{" { KEY "=" STRING } "}" */
	| KW_NODES '{' labels '}' {
		$$ = block_prop(p, PROP_NODES, @$, @1, $3);
	}
	/* "pull" ("always" | "never" | "if-not-present") */
	| KW_PULL pull_policy {
		$$ = new_prop(p, PROP_PULL, @$, @1);
		$$->u.pull = (enum pull_policy)$2;
	}
	/* "pull-secret" NAME { "," NAME } */
	| KW_PULL_SECRET name_list {
		$$ = new_prop(p, PROP_PULL_SECRET, @$, @1);
		$$->u.names = $2;
	}
	/* "strategy" ("recreate" | "rolling" { ("surge" | "unavailable") (INT | PERCENT) }) */
	| KW_STRATEGY KW_RECREATE {
		$$ = new_prop(p, PROP_STRATEGY, @$, @1);
		$$->u.strategy.recreate = true;
	}
	| KW_STRATEGY KW_ROLLING rolling_amounts {
		$$ = new_prop(p, PROP_STRATEGY, @$, @1);
		$$->u.strategy.amounts = $3;
	}
	/* "budget" ("min-available" | "max-unavailable") (INT | PERCENT) */
	| KW_BUDGET budget_kind int_or_percent {
		$$ = new_prop(p, PROP_BUDGET, @$, @1);
		$$->u.budget = *new_amount(p, (enum amount_kind)$2, $3, @$);
	}
	/* "quiet" CODE STRING */
	| KW_QUIET name STRING {
		$$ = new_prop(p, PROP_QUIET, @$, @1);
		$$->u.quiet.code = $2;
		$$->u.quiet.reason = $3;
	}
	| allow_prop
	| job_prop
	;

/* "port" [NAME] INT ["->" ([NAME] INT | NAME)] ["udp"] */
port_prop
	: KW_PORT opt_name INT port_udp {
		$$ = port_prop(p, PROP_PORT, @$, @1, $2, $3);
		$$->u.port->udp = $4;
	}
	| KW_PORT opt_name INT ARROW opt_name INT port_udp {
		$$ = port_prop(p, PROP_PORT, @$, @1, $2, $3);
		$$->u.port->target = $6;
		$$->u.port->target_name = $5;
		$$->u.port->udp = $7;
	}
	| KW_PORT opt_name INT ARROW name port_udp {
		$$ = port_prop(p, PROP_PORT, @$, @1, $2, $3);
		$$->u.port->target_name = $5;
		$$->u.port->udp = $6;
	}
	/* "container-port" [NAME] INT ["udp"] */
	| KW_CONTAINER_PORT opt_name INT port_udp {
		$$ = port_prop(p, PROP_CONTAINER_PORT, @$, @1, $2, $3);
		$$->u.port->udp = $4;
	}
	;

opt_name
	: %empty { $$ = no_ident(); }
	| name
	;

port_udp
	: %empty { $$ = 0; }
	| KW_UDP { $$ = 1; }
	;

/* ("liveness" | "readiness" | "startup") probe, where
 * probe = ("http" STRING | "tcp" | "exec" "[" STRING { "," STRING } "]" | "grpc" [STRING])
 *         { option } */
probe_prop
	: probe_slot KW_HTTP STRING probe_options {
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
	| probe_slot KW_GRPC opt_string probe_options {
		$$ = new_prop(p, PROP_PROBE, @$, @1);
		$$->u.probe.slot = (enum probe_slot)$1;
		$$->u.probe.kind = PROBE_GRPC;
		$$->u.probe.path = $3;
		$$->u.probe.options = $4;
	}
	;

/* "expose" ("clusterip" | "nodeport" [INT] | "loadbalancer" | "none") ["as" NAME] */
expose_prop
	: KW_EXPOSE KW_CLUSTERIP {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose->kind = EXPOSE_CLUSTERIP;
		$$->u.expose->node_port = absent_number();
	}
	| KW_EXPOSE KW_NODEPORT {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose->kind = EXPOSE_NODEPORT;
		$$->u.expose->node_port = absent_number();
	}
	| KW_EXPOSE KW_NODEPORT INT {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose->kind = EXPOSE_NODEPORT;
		$$->u.expose->node_port = $3;
	}
	| KW_EXPOSE KW_LOADBALANCER {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose->kind = EXPOSE_LOADBALANCER;
		$$->u.expose->node_port = absent_number();
	}
	| KW_EXPOSE KW_NONE {
		$$ = new_prop(p, PROP_EXPOSE, @$, @1);
		$$->u.expose->kind = EXPOSE_NONE;
		$$->u.expose->node_port = absent_number();
	}
	| KW_EXPOSE KW_CLUSTERIP KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose->kind = EXPOSE_CLUSTERIP;
		$$->u.expose->node_port = absent_number();
		$$->u.expose->as = $4;
	}
	| KW_EXPOSE KW_NODEPORT KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose->kind = EXPOSE_NODEPORT;
		$$->u.expose->node_port = absent_number();
		$$->u.expose->as = $4;
	}
	| KW_EXPOSE KW_NODEPORT INT KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose->kind = EXPOSE_NODEPORT;
		$$->u.expose->node_port = $3;
		$$->u.expose->as = $5;
	}
	| KW_EXPOSE KW_LOADBALANCER KW_AS name {
		$$ = new_prop(p, PROP_EXPOSE_AS, @$, @1);
		$$->u.expose->kind = EXPOSE_LOADBALANCER;
		$$->u.expose->node_port = absent_number();
		$$->u.expose->as = $4;
	}
	;

/* "volume" NAME "at" STRING ["subpath" STRING]
 *   ("size" QUANTITY ["class" STRING]
 *   | "temp" ["memory"] ["size" QUANTITY]
 *   | "from" ("config" | "secret") NAME ["items" "{" { KEY "=" STRING } "}"] ["mode" INT]) */
volume_prop
	: volume_head KW_SIZE quantity opt_class_string {
		$$ = volume_prop(p, VOLUME_CLAIM, @$, @1, $1);
		$$->u.volume->size = dup_number(p, $3);
		$$->u.volume->class = $4;
	}
	| volume_head KW_TEMP opt_memory {
		$$ = volume_prop(p, VOLUME_TEMP, @$, @1, $1);
		$$->u.volume->memory = $3;
	}
	| volume_head KW_TEMP opt_memory KW_SIZE quantity {
		$$ = volume_prop(p, VOLUME_TEMP, @$, @1, $1);
		$$->u.volume->memory = $3;
		$$->u.volume->size = dup_number(p, $5);
	}
	| volume_head KW_FROM KW_CONFIG name opt_items opt_mode {
		$$ = volume_prop(p, VOLUME_CONFIG, @$, @1, $1);
		$$->u.volume->source = $4;
		$$->u.volume->has_items = @5.begin != @5.end; /* an empty rule has an empty location */
		$$->u.volume->items = $5;
		$$->u.volume->mode = HAS_LOC($6.loc) ? dup_number(p, $6) : NULL;
	}
	| volume_head KW_FROM KW_SECRET name opt_items opt_mode {
		$$ = volume_prop(p, VOLUME_SECRET, @$, @1, $1);
		$$->u.volume->source = $4;
		$$->u.volume->has_items = @5.begin != @5.end; /* an empty rule has an empty location */
		$$->u.volume->items = $5;
		$$->u.volume->mode = HAS_LOC($6.loc) ? dup_number(p, $6) : NULL;
	}
	;

volume_head
	: KW_VOLUME name KW_AT STRING opt_subpath {
		$$ = (struct volume_head){$2, $4, $5};
	}
	;

opt_subpath
	: %empty { $$ = NULL; }
	| KW_SUBPATH STRING { $$ = $2; }
	;

opt_class_string
	: %empty { $$ = NULL; }
	| KW_CLASS STRING { $$ = $2; }
	;

opt_memory
	: %empty { $$ = 0; }
	| KW_MEMORY { $$ = 1; }
	;

opt_items
	: %empty { $$ = (struct vec){0}; }
	| KW_ITEMS '{' labels '}' { $$ = $3; }
	;

opt_mode
	: %empty { $$ = absent_number(); }
	| KW_MODE INT { $$ = $2; }
	;

/* ("labels" | "annotations") ["pod" | "workload" | "service" | "route" | "account"]
 *   "{" { KEY "=" STRING } "}" */
metadata_prop
	: metadata_word '{' labels '}' {
		$$ = block_prop(p, $1 == KW_LABELS ? PROP_LABELS : PROP_ANNOTATIONS, @$, @1, $3);
	}
	| metadata_word metadata_target '{' labels '}' {
		$$ = block_prop(p, $1 == KW_LABELS ? PROP_LABELS : PROP_ANNOTATIONS, @$, @1, $4);
		$$->u.block.target = (enum metadata_target)$2;
		$$->u.block.target_loc = @2;
	}
	;

metadata_target
	: KW_POD { $$ = TARGET_POD; }
	| KW_WORKLOAD { $$ = TARGET_WORKLOAD; }
	| KW_SERVICE { $$ = TARGET_SERVICE; }
	| KW_ROUTE { $$ = TARGET_ROUTE; }
	| KW_ACCOUNT { $$ = TARGET_ACCOUNT; }
	;

/* "allow" "from" (NAME { "," NAME } | "namespace" STRING) | "allow" "public" */
allow_prop
	: KW_ALLOW KW_FROM name_list {
		$$ = new_prop(p, PROP_ALLOW, @$, @1);
		$$->u.allow.names = $3;
	}
	| KW_ALLOW KW_FROM KW_NAMESPACE STRING {
		$$ = new_prop(p, PROP_ALLOW, @$, @1);
		$$->u.allow.namespace = $4;
	}
	| KW_ALLOW KW_PUBLIC {
		$$ = new_prop(p, PROP_ALLOW, @$, @1);
		$$->u.allow.public = true;
	}
	;

/* "retries" INT | "deadline" DURATION | "keep" DURATION
 * | "concurrency" ("allow" | "forbid" | "replace") */
job_prop
	: KW_RETRIES INT {
		$$ = new_prop(p, PROP_RETRIES, @$, @1);
		$$->u.number = $2;
	}
	| KW_DEADLINE DURATION {
		$$ = new_prop(p, PROP_DEADLINE, @$, @1);
		$$->u.number = $2;
	}
	| KW_KEEP DURATION {
		$$ = new_prop(p, PROP_KEEP, @$, @1);
		$$->u.number = $2;
	}
	| KW_CONCURRENCY concurrency_policy {
		$$ = new_prop(p, PROP_CONCURRENCY, @$, @1);
		$$->u.concurrency = (enum concurrency_policy)$2;
	}
	;

concurrency_policy
	: KW_ALLOW { $$ = CONCURRENCY_ALLOW; }
	| KW_FORBID { $$ = CONCURRENCY_FORBID; }
	| KW_REPLACE { $$ = CONCURRENCY_REPLACE; }
	;

pull_policy
	: KW_ALWAYS { $$ = PULL_ALWAYS; }
	| KW_NEVER { $$ = PULL_NEVER; }
	| KW_IF_NOT_PRESENT { $$ = PULL_IF_NOT_PRESENT; }
	;

rolling_amounts
	: %empty { $$ = (struct vec){0}; }
	| rolling_amounts rolling_amount { $$ = $1; vec_push(A, &$$, $2); }
	;

rolling_amount
	: amount_kind int_or_percent { $$ = new_amount(p, (enum amount_kind)$1, $2, @$); }
	;

amount_kind
	: KW_SURGE { $$ = AMOUNT_SURGE; }
	| KW_UNAVAILABLE { $$ = AMOUNT_UNAVAILABLE; }
	;

budget_kind
	: KW_MIN_AVAILABLE { $$ = AMOUNT_MIN_AVAILABLE; }
	| KW_MAX_UNAVAILABLE { $$ = AMOUNT_MAX_UNAVAILABLE; }
	;

int_or_percent
	: INT
	| PERCENT
	;

opt_read_only
	: %empty { $$ = 0; }
	| KW_READ_ONLY { $$ = 1; }
	;

opt_external
	: %empty { $$ = 0; }
	| KW_EXTERNAL { $$ = 1; }
	;

opt_string
	: %empty { $$ = NULL; }
	| STRING
	;

/* { "user" INT | "group" INT | "fs-group" INT | "non-root" | "read-only"
 *   | "no-escalation" | "privileged" | ("add" | "drop") KEY { "," KEY } } */
security_settings
	: %empty { $$ = (struct vec){0}; }
	| security_settings security_setting { $$ = $1; vec_push(A, &$$, $2); }
	| security_settings error { $$ = $1; }
	;

security_setting
	: KW_USER INT { $$ = security_setting(p, SEC_USER, @$); $$->number = $2; }
	| KW_GROUP INT { $$ = security_setting(p, SEC_GROUP, @$); $$->number = $2; }
	| KW_FS_GROUP INT { $$ = security_setting(p, SEC_FS_GROUP, @$); $$->number = $2; }
	| KW_NON_ROOT { $$ = security_setting(p, SEC_NON_ROOT, @$); }
	| KW_READ_ONLY { $$ = security_setting(p, SEC_READ_ONLY, @$); }
	| KW_NO_ESCALATION { $$ = security_setting(p, SEC_NO_ESCALATION, @$); }
	| KW_PRIVILEGED { $$ = security_setting(p, SEC_PRIVILEGED, @$); }
	| KW_ADD capability_list { $$ = security_setting(p, SEC_ADD, @$); $$->names = $2; }
	| KW_DROP capability_list { $$ = security_setting(p, SEC_DROP, @$); $$->names = $2; }
	;

/* KEY { "," KEY } */
capability_list
	: key { $$ = (struct vec){0}; vec_push(A, &$$, dup_ident(p, $1)); }
	| capability_list ',' key { $$ = $1; vec_push(A, &$$, dup_ident(p, $3)); }
	;

route_path
	: %empty { $$ = NULL; }
	| KW_PATH STRING { $$ = $2; }
	;

route_tls
	: %empty { $$ = no_ident(); }
	| KW_TLS name { $$ = $2; }
	;

route_via
	: %empty { $$ = (struct route_via){NULL, NULL}; }
	| KW_CLASS STRING { $$ = (struct route_via){$2, NULL}; }
	| KW_GATEWAY STRING { $$ = (struct route_via){NULL, $2}; }
	| KW_CLASS STRING KW_GATEWAY STRING { $$ = (struct route_via){$2, $4}; }
	| KW_GATEWAY STRING KW_CLASS STRING { $$ = (struct route_via){$4, $2}; }
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

/* { KEY "=" STRING } of labels, annotations, selectors, nodes and items */
labels
	: %empty { $$ = (struct vec){0}; }
	| labels label { $$ = $1; vec_push(A, &$$, $2); }
	| labels error { $$ = $1; }
	;

label
	: key '=' STRING {
		$$ = NEW(A, struct ast_entry);
		$$->kind = ENTRY_VALUE;
		$$->key = $1;
		$$->value = new_value(p, VALUE_STRING, @3);
		$$->value->string = $3;
		$$->loc = @$;
		record_statement(p, @$);
	}
	;

/* A name may be spelt like a keyword: "port http 80", "on http". */
name
	: WORD
	| keyword
	;

keyword
	: KW_ACCOUNT { $$ = keyword_ident(KW_ACCOUNT, @1); }
	| KW_ADD { $$ = keyword_ident(KW_ADD, @1); }
	| KW_AFTER { $$ = keyword_ident(KW_AFTER, @1); }
	| KW_ALLOW { $$ = keyword_ident(KW_ALLOW, @1); }
	| KW_ALWAYS { $$ = keyword_ident(KW_ALWAYS, @1); }
	| KW_ANNOTATIONS { $$ = keyword_ident(KW_ANNOTATIONS, @1); }
	| KW_ARGS { $$ = keyword_ident(KW_ARGS, @1); }
	| KW_AS { $$ = keyword_ident(KW_AS, @1); }
	| KW_AT { $$ = keyword_ident(KW_AT, @1); }
	| KW_BASELINE { $$ = keyword_ident(KW_BASELINE, @1); }
	| KW_BUDGET { $$ = keyword_ident(KW_BUDGET, @1); }
	| KW_CLASS { $$ = keyword_ident(KW_CLASS, @1); }
	| KW_CLUSTER { $$ = keyword_ident(KW_CLUSTER, @1); }
	| KW_CLUSTERIP { $$ = keyword_ident(KW_CLUSTERIP, @1); }
	| KW_COMMAND { $$ = keyword_ident(KW_COMMAND, @1); }
	| KW_CONCURRENCY { $$ = keyword_ident(KW_CONCURRENCY, @1); }
	| KW_CONFIG { $$ = keyword_ident(KW_CONFIG, @1); }
	| KW_CONTAINER { $$ = keyword_ident(KW_CONTAINER, @1); }
	| KW_CONTAINER_PORT { $$ = keyword_ident(KW_CONTAINER_PORT, @1); }
	| KW_CPU { $$ = keyword_ident(KW_CPU, @1); }
	| KW_CRON { $$ = keyword_ident(KW_CRON, @1); }
	| KW_DEADLINE { $$ = keyword_ident(KW_DEADLINE, @1); }
	| KW_DELAY { $$ = keyword_ident(KW_DELAY, @1); }
	| KW_DROP { $$ = keyword_ident(KW_DROP, @1); }
	| KW_ENV { $$ = keyword_ident(KW_ENV, @1); }
	| KW_EPHEMERAL_STORAGE { $$ = keyword_ident(KW_EPHEMERAL_STORAGE, @1); }
	| KW_EVERY { $$ = keyword_ident(KW_EVERY, @1); }
	| KW_EXEC { $$ = keyword_ident(KW_EXEC, @1); }
	| KW_EXPOSE { $$ = keyword_ident(KW_EXPOSE, @1); }
	| KW_EXTERNAL { $$ = keyword_ident(KW_EXTERNAL, @1); }
	| KW_FAILURES { $$ = keyword_ident(KW_FAILURES, @1); }
	| KW_FIELD { $$ = keyword_ident(KW_FIELD, @1); }
	| KW_FILE { $$ = keyword_ident(KW_FILE, @1); }
	| KW_FORBID { $$ = keyword_ident(KW_FORBID, @1); }
	| KW_FROM { $$ = keyword_ident(KW_FROM, @1); }
	| KW_FS_GROUP { $$ = keyword_ident(KW_FS_GROUP, @1); }
	| KW_GATEWAY { $$ = keyword_ident(KW_GATEWAY, @1); }
	| KW_GRACE { $$ = keyword_ident(KW_GRACE, @1); }
	| KW_GROUP { $$ = keyword_ident(KW_GROUP, @1); }
	| KW_GRPC { $$ = keyword_ident(KW_GRPC, @1); }
	| KW_HEADER { $$ = keyword_ident(KW_HEADER, @1); }
	| KW_HTTP { $$ = keyword_ident(KW_HTTP, @1); }
	| KW_IF_NOT_PRESENT { $$ = keyword_ident(KW_IF_NOT_PRESENT, @1); }
	| KW_IMAGE { $$ = keyword_ident(KW_IMAGE, @1); }
	| KW_INIT { $$ = keyword_ident(KW_INIT, @1); }
	| KW_ISOLATED { $$ = keyword_ident(KW_ISOLATED, @1); }
	| KW_ITEMS { $$ = keyword_ident(KW_ITEMS, @1); }
	| KW_JOB { $$ = keyword_ident(KW_JOB, @1); }
	| KW_KEEP { $$ = keyword_ident(KW_KEEP, @1); }
	| KW_LABELS { $$ = keyword_ident(KW_LABELS, @1); }
	| KW_LIMITS { $$ = keyword_ident(KW_LIMITS, @1); }
	| KW_LIVENESS { $$ = keyword_ident(KW_LIVENESS, @1); }
	| KW_LOADBALANCER { $$ = keyword_ident(KW_LOADBALANCER, @1); }
	| KW_MAX_UNAVAILABLE { $$ = keyword_ident(KW_MAX_UNAVAILABLE, @1); }
	| KW_MEMORY { $$ = keyword_ident(KW_MEMORY, @1); }
	| KW_MIN_AVAILABLE { $$ = keyword_ident(KW_MIN_AVAILABLE, @1); }
	| KW_MODE { $$ = keyword_ident(KW_MODE, @1); }
	| KW_MOUNT { $$ = keyword_ident(KW_MOUNT, @1); }
	| KW_NAMESPACE { $$ = keyword_ident(KW_NAMESPACE, @1); }
	| KW_NAMING { $$ = keyword_ident(KW_NAMING, @1); }
	| KW_NETWORK { $$ = keyword_ident(KW_NETWORK, @1); }
	| KW_NEVER { $$ = keyword_ident(KW_NEVER, @1); }
	| KW_NO_ESCALATION { $$ = keyword_ident(KW_NO_ESCALATION, @1); }
	| KW_NODEPORT { $$ = keyword_ident(KW_NODEPORT, @1); }
	| KW_NODES { $$ = keyword_ident(KW_NODES, @1); }
	| KW_NON_ROOT { $$ = keyword_ident(KW_NON_ROOT, @1); }
	| KW_NONE { $$ = keyword_ident(KW_NONE, @1); }
	| KW_ON { $$ = keyword_ident(KW_ON, @1); }
	| KW_OPTIONAL { $$ = keyword_ident(KW_OPTIONAL, @1); }
	| KW_PARAM { $$ = keyword_ident(KW_PARAM, @1); }
	| KW_PATH { $$ = keyword_ident(KW_PATH, @1); }
	| KW_POD { $$ = keyword_ident(KW_POD, @1); }
	| KW_PORT { $$ = keyword_ident(KW_PORT, @1); }
	| KW_PRIVILEGED { $$ = keyword_ident(KW_PRIVILEGED, @1); }
	| KW_PROFILE { $$ = keyword_ident(KW_PROFILE, @1); }
	| KW_PUBLIC { $$ = keyword_ident(KW_PUBLIC, @1); }
	| KW_PULL { $$ = keyword_ident(KW_PULL, @1); }
	| KW_PULL_SECRET { $$ = keyword_ident(KW_PULL_SECRET, @1); }
	| KW_QUIET { $$ = keyword_ident(KW_QUIET, @1); }
	| KW_READ_ONLY { $$ = keyword_ident(KW_READ_ONLY, @1); }
	| KW_READINESS { $$ = keyword_ident(KW_READINESS, @1); }
	| KW_RECREATE { $$ = keyword_ident(KW_RECREATE, @1); }
	| KW_REPLACE { $$ = keyword_ident(KW_REPLACE, @1); }
	| KW_REPLICAS { $$ = keyword_ident(KW_REPLICAS, @1); }
	| KW_REQUESTS { $$ = keyword_ident(KW_REQUESTS, @1); }
	| KW_RESTRICTED { $$ = keyword_ident(KW_RESTRICTED, @1); }
	| KW_RETRIES { $$ = keyword_ident(KW_RETRIES, @1); }
	| KW_ROLLING { $$ = keyword_ident(KW_ROLLING, @1); }
	| KW_ROUTE { $$ = keyword_ident(KW_ROUTE, @1); }
	| KW_SECRET { $$ = keyword_ident(KW_SECRET, @1); }
	| KW_SECURITY { $$ = keyword_ident(KW_SECURITY, @1); }
	| KW_SELECTOR { $$ = keyword_ident(KW_SELECTOR, @1); }
	| KW_SERVICE { $$ = keyword_ident(KW_SERVICE, @1); }
	| KW_SIDECAR { $$ = keyword_ident(KW_SIDECAR, @1); }
	| KW_SIZE { $$ = keyword_ident(KW_SIZE, @1); }
	| KW_STACK { $$ = keyword_ident(KW_STACK, @1); }
	| KW_STARTUP { $$ = keyword_ident(KW_STARTUP, @1); }
	| KW_STATEFUL { $$ = keyword_ident(KW_STATEFUL, @1); }
	| KW_STRATEGY { $$ = keyword_ident(KW_STRATEGY, @1); }
	| KW_SUBPATH { $$ = keyword_ident(KW_SUBPATH, @1); }
	| KW_SURGE { $$ = keyword_ident(KW_SURGE, @1); }
	| KW_TCP { $$ = keyword_ident(KW_TCP, @1); }
	| KW_TEMP { $$ = keyword_ident(KW_TEMP, @1); }
	| KW_TIMEOUT { $$ = keyword_ident(KW_TIMEOUT, @1); }
	| KW_TLS { $$ = keyword_ident(KW_TLS, @1); }
	| KW_UDP { $$ = keyword_ident(KW_UDP, @1); }
	| KW_UNAVAILABLE { $$ = keyword_ident(KW_UNAVAILABLE, @1); }
	| KW_USER { $$ = keyword_ident(KW_USER, @1); }
	| KW_VARIANT { $$ = keyword_ident(KW_VARIANT, @1); }
	| KW_VOLUME { $$ = keyword_ident(KW_VOLUME, @1); }
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
	const char *other = recover_other_tool_word(word);
	for (int i = 0; other && i < n; i++) {
		const char *spelling = symbol_keyword(expected[i]);
		if (spelling && strcmp(spelling, other) == 0)
			return other;
	}
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

/* The keywords of a role the parser could take here, as "a, b and c". */
static const char *
expected_list(struct parse_ctx *p, int n, const yysymbol_kind_t *expected, const char *role,
              const char *also)
{
	struct buf b = {0};
	int count = 0, listed = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			const char *spelling = symbol_keyword(expected[i]);
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
                    const yysymbol_kind_t *expected, const char *word, const char *best)
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
	bool property = expects(n, expected, YYSYMBOL_KW_IMAGE);
	bool declaration = !property && expects(n, expected, YYSYMBOL_KW_SERVICE) &&
	                   expects(n, expected, YYSYMBOL_KW_PARAM);
	if (!property && !declaration)
		return false;
	const char *role = property ? "property" : "declaration";
	if (best)
		diag(&p->c->diags, E0202, *loc, "unknown %s %s; did you mean '%s'?", role, q, best);
	else
		diag(&p->c->diags, E0202, *loc, "unknown %s %s; %s", role, q,
		     arena_printf(p->arena, property ? "a property is one of %s" : "a declaration is one of %s",
		                  expected_list(p, n, expected, role, property ? NULL : "property")));
	return true;
}

/* A number, quantity, duration or percentage written in quotes where one
 * must stand: `replicas "2"`, `port "8080"`, `memory "512Mi"`. */
static bool
report_quoted_number(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got, int n,
                     const yysymbol_kind_t *expected)
{
	static const struct {
		yysymbol_kind_t kind;
		const char *what;
	} numbers[] = {
		{YYSYMBOL_INT, "a number"},
		{YYSYMBOL_PERCENT, "a percentage"},
		{YYSYMBOL_DURATION, "a duration"},
		{YYSYMBOL_QUANTITY, "a quantity"},
	};
	const char *text = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin;
	if (got != YYSYMBOL_STRING || recover_is_secret(p, *loc) || len < 3 || text[0] != '"' ||
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

/* A number where a duration must stand: `grace 30`, `every 10`. */
static bool
report_duration_unit(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got, int n,
                     const yysymbol_kind_t *expected)
{
	if (got != YYSYMBOL_INT || !expects(n, expected, YYSYMBOL_DURATION) ||
	    expects(n, expected, YYSYMBOL_INT))
		return false;
	diag(&p->c->diags, E0201, *loc, "a duration has its unit: `%.*ss`",
	     (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
	return true;
}

/* A quantity where a duration must stand: `delay 1m` (milli, not minutes). */
static bool
report_duration_quantity(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got, int n,
                         const yysymbol_kind_t *expected)
{
	if (got != YYSYMBOL_QUANTITY || !expects(n, expected, YYSYMBOL_DURATION) ||
	    expects(n, expected, YYSYMBOL_QUANTITY))
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

/* A port's name after its number: `port 80 http`. */
static bool
report_port_name_after(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	const char *statement = recover_statement_word(p);
	const char *spelling = symbol_keyword(got);
	if ((got != YYSYMBOL_WORD && !spelling) || !statement || recover_token_before(p) != INT ||
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
static bool
report_port_line(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	const char *statement = recover_statement_word(p);
	if (!statement || strcmp(statement, "port") != 0)
		return false;
	int before = recover_token_before(p);
	const char *text = p->c->src.text + loc->begin;
	size_t len = loc->end - loc->begin;
	if (got == YYSYMBOL_STRING && before == KW_PORT && len > 2) {
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
	bool list = (got == YYSYMBOL_INT && before == INT) ||
	            (strcmp(yysymbol_name(got), "','") == 0 && before == INT) ||
	            (strcmp(yysymbol_name(got), "'['") == 0 && before == KW_PORT);
	if (!list)
		return false;
	const char *line = text;
	while (line > p->c->src.text && line[-1] != '\n')
		line--;
	if (line[strspn(line, " \t")] == '-')
		return true; /* an item of a '- ' list of ports: its E0118 gave every 'port' line */
	const char *example =
		got == YYSYMBOL_INT
			? arena_printf(p->arena, "`port %s`, then `port %.*s`", recover_written_before(p),
		                   (int)len, text)
		: before == INT ? arena_printf(p->arena, "`port %s`, then the next", recover_written_before(p))
		                : "`port 80`, then `port 443`";
	diag(&p->c->diags, E0201, *loc,
	     "a 'port' line gives one port: write each on a line of its own (%s)", example);
	return true;
}

/* A command, its arguments or an exec probe's command without the
 * brackets of a list: `command "rails" "db:migrate"`, `args --verbose`,
 * `exec "pg_isready -U app"`; and a list's strings without their ','. */
static bool
report_list_brackets(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	int before = recover_token_before(p);
	if ((got != YYSYMBOL_STRING && got != YYSYMBOL_WORD) || recover_is_secret(p, *loc))
		return false;
	if (got == YYSYMBOL_STRING && before == STRING && habit_in_brackets(p, loc->begin)) {
		diag(&p->c->diags, E0201, *loc, "the strings of a list are separated by ',': `%s, %.*s`",
		     recover_written_before(p), (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
		return true;
	}
	if (got == YYSYMBOL_WORD && before == '[') {
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
report_env_line(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	bool list = strcmp(yysymbol_name(got), "'['") == 0;
	if ((got != YYSYMBOL_STRING && got != YYSYMBOL_WORD && !list) ||
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
report_name_list_brackets(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	int before = recover_token_before(p);
	if (strcmp(yysymbol_name(got), "'['") != 0 ||
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
report_param_number(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	const char *statement = recover_statement_word(p);
	bool number = got == YYSYMBOL_INT || got == YYSYMBOL_QUANTITY || got == YYSYMBOL_DURATION ||
	              got == YYSYMBOL_PERCENT;
	if (!number || !statement || strcmp(statement, "param") != 0 || recover_token_before(p) != '=')
		return false;
	diag(&p->c->diags, E0201, *loc, "a param's value is text, in quotes: `\"%.*s\"`",
	     (int)(loc->end - loc->begin), p->c->src.text + loc->begin);
	return true;
}

/* A volume's size where its path or its 'size' must stand:
 * `volume data 10Gi at "/data"`, `volume data at "/data" 10Gi`. */
static bool
report_volume_size(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	const char *statement = recover_statement_word(p);
	int before = recover_token_before(p);
	if (got != YYSYMBOL_QUANTITY || !statement || strcmp(statement, "volume") != 0 ||
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
report_entry_comma(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	if (strcmp(yysymbol_name(got), "','") != 0 || !recover_in_entries(p))
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "entries are separated by blanks or new lines, not ',': remove it");
	return true;
}

/* A cron's schedule before its name: `cron "0 3 * * *" cleanup {`. */
static bool
report_cron_name_after(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	if (got != YYSYMBOL_STRING || recover_token_before(p) != KW_CRON)
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "a cron job's name comes before its schedule: `cron NAME \"0 3 * * *\" {`");
	return true;
}

/* A key of an entry that starts with a digit: `1 = "one"`, `2fa = "on"`. */
static bool
report_number_key(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	bool number = got == YYSYMBOL_INT || got == YYSYMBOL_QUANTITY || got == YYSYMBOL_DURATION ||
	              got == YYSYMBOL_PERCENT;
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

/* A probe's port without its 'on', right after the kind of check:
 * `readiness tcp 8080`, `liveness http "/healthz" 9090`. */
static bool
report_probe_port(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	const char *statement = recover_statement_word(p);
	int before = recover_token_before(p);
	if (got != YYSYMBOL_INT || !statement ||
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
static bool
report_probe_kind(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got, int n,
                  const yysymbol_kind_t *expected)
{
	int before = recover_token_before(p);
	if ((got != YYSYMBOL_STRING && got != YYSYMBOL_INT && got != YYSYMBOL_WORD) ||
	    (before != KW_LIVENESS && before != KW_READINESS && before != KW_STARTUP) ||
	    !expects(n, expected, YYSYMBOL_KW_HTTP))
		return false;
	const char *probe = keyword_spelling(before);
	int len = (int)(loc->end - loc->begin);
	const char *text = p->c->src.text + loc->begin;
	if (got == YYSYMBOL_STRING)
		diag(&p->c->diags, E0201, *loc, "a probe names its kind before its path: "
		     "`%s http %.*s`", probe, len, text);
	else if (got == YYSYMBOL_INT)
		diag(&p->c->diags, E0201, *loc, "a probe names its kind before its port: "
		     "`%s tcp on %.*s` (or `http \"/path\" on %.*s`)", probe, len, text, len, text);
	else
		diag(&p->c->diags, E0201, *loc, "a probe is `%s http \"/path\"`, `tcp`, `grpc` or "
		     "`exec [\"command\"]`", probe);
	return true;
}

/* `replicas 2..5` without its target: the autoscaler needs one. */
static bool
report_replicas_target(struct parse_ctx *p, const YYLTYPE *loc, int n,
                       const yysymbol_kind_t *expected)
{
	if (n != 1 || expected[0] != YYSYMBOL_KW_CPU || recover_token_before(p) != INT)
		return false;
	diag(&p->c->diags, E0201, *loc, "a range of replicas is scaled on CPU use: give the "
	     "target after it, `cpu 70%%`");
	return true;
}

/* A property where only items stand, after the block of a component. */
static bool
report_property_outside(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got, int n,
                        const yysymbol_kind_t *expected)
{
	const char *spelling = symbol_keyword(got);
	int token = spelling ? keyword_token(spelling, strlen(spelling)) : 0;
	const char *name;
	struct loc closed;
	if (!token || !keyword_has_role(token, "property") || !expects(n, expected, YYSYMBOL_KW_PARAM) ||
	    expects(n, expected, got) || !recover_closed_block(p, &name, &closed))
		return false;
	size_t line, column;
	source_position(&p->c->src, closed.begin, &line, &column);
	struct diagnostic *d = diag(&p->c->diags, E0119, *loc,
	                            "'%s' is a property; the block of '%s' closed on line %zu",
	                            spelling, name, line);
	diag_note(&p->c->diags, d, closed, "the block of '%s' closed here", name);
	return true;
}

/* A second stack in the file: one file, one stack. */
static bool
report_second_stack(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got, int n,
                    const yysymbol_kind_t *expected)
{
	if (got != YYSYMBOL_KW_STACK || n != 1 || expected[0] != YYSYMBOL_YYEOF)
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "a file holds one stack: this second 'stack' is not read; put it in a file of its own");
	return true;
}

/* `port 80 tcp`: the protocol written out, though TCP is the default. */
static bool
report_tcp_protocol(struct parse_ctx *p, const YYLTYPE *loc, yysymbol_kind_t got)
{
	const char *statement = recover_statement_word(p);
	if (got != YYSYMBOL_KW_TCP || !statement ||
	    (strcmp(statement, "port") != 0 && strcmp(statement, "container-port") != 0))
		return false;
	diag(&p->c->diags, E0201, *loc,
	     "TCP is a port's protocol unless 'udp' follows its number: remove 'tcp'");
	return true;
}

static int
yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, struct parse_ctx *p)
{
	(void)scanner;
	yysymbol_kind_t got = yypcontext_token(ctx);
	const YYLTYPE *loc = yypcontext_location(ctx);
	/* Recovery ends at the next line that starts a statement. */
	p->resync = true;
	/* A token the scanner already reported as malformed. */
	if (loc->begin == p->reported_token.begin && loc->end == p->reported_token.end)
		return 0;
	/* The lookahead is the last token scanned: a WORD's text is kept. */
	const char *word = got == YYSYMBOL_WORD ? p->last_word : NULL;
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);

	/* An unknown word where a keyword was expected. */
	if (word) {
		if (report_name_list_comma(p, loc, word))
			return 0;
		const char *best = closest_expected(p, ctx, word);
		if (report_unknown_word(p, loc, n, expected, word, best))
			return 0;
		const char *role = expects(n, expected, YYSYMBOL_KW_WORKLOAD) ? "naming word" : "word";
		if (best) {
			diag(&p->c->diags, E0202, *loc, "unknown %s %s; did you mean '%s'?", role,
			     diag_quote(p->arena, word), best);
			return 0;
		}
		if (strcmp(role, "word") != 0) {
			diag(&p->c->diags, E0202, *loc, "unknown %s %s", role, diag_quote(p->arena, word));
			return 0;
		}
	}
	if (report_quoted_number(p, loc, got, n, expected) ||
	    report_duration_unit(p, loc, got, n, expected) || report_probe_port(p, loc, got) ||
	    report_cron_schedule(p, loc) || report_number_key(p, loc, got) ||
	    report_property_outside(p, loc, got, n, expected) ||
	    report_second_stack(p, loc, got, n, expected) || report_tcp_protocol(p, loc, got) ||
	    report_duration_quantity(p, loc, got, n, expected) ||
	    report_port_name_after(p, loc, got) || report_port_line(p, loc, got) ||
	    report_entry_comma(p, loc, got) || report_list_brackets(p, loc, got) ||
	    report_env_line(p, loc, got) || report_volume_size(p, loc, got) ||
	    report_name_list_brackets(p, loc, got) || report_param_number(p, loc, got) ||
	    report_cron_name_after(p, loc, got) || report_probe_kind(p, loc, got, n, expected) ||
	    report_replicas_target(p, loc, n, expected))
		return 0;
	/* A declaration where a property must stand. */
	const char *spelling = symbol_keyword(got);
	if (spelling && keyword_has_role(keyword_token(spelling, strlen(spelling)), "declaration") &&
	    expects(n, expected, YYSYMBOL_KW_IMAGE)) {
		diag(&p->c->diags, E0202, *loc,
		     "'%s' starts a declaration of the stack, not a property: it cannot stand "
		     "inside this block", spelling);
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
