/*
 * todok.y - the grammar of the .todok language (docs/language.md section 3).
 *
 * A pure parser with locations; its actions build the syntax tree of
 * include/ast.h in the compilation's arena, so nothing needs a
 * %destructor.  The grammar accepts every property in every block of
 * properties (a component's, a sidecar's, a variant's, a profile's): the
 * lowering says where one belongs when it is written elsewhere.  Errors
 * are reported by src/parse_errors.c (called from yyreport_syntax_error
 * below), which names unknown keywords with a suggestion and says what to
 * write for the common mistakes; the parser recovers at property, entry and
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
/* A syntax error at loc, reported (src/parse_errors.c): the lookahead
 * token got, and the n tokens the parser could take there. */
void report_syntax_error(struct parse_ctx *p, const YYLTYPE *loc, int got, int n,
                         const int *expected);
/* How the messages call a token: "string", "'{'", "'image'". */
const char *token_name(int token);
}

%code {
#include <stdlib.h>
#include <string.h>

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
	KW_ALWAYS "'always'" KW_ANNOTATIONS "'annotations'" KW_API "'api'" KW_ARGS "'args'"
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
	KW_NONE "'none'" KW_ON "'on'" KW_OPTIONAL "'optional'" KW_ORDERED "'ordered'"
	KW_PARALLEL "'parallel'" KW_PARAM "'param'"
	KW_PATH "'path'" KW_POD "'pod'" KW_PORT "'port'"
	KW_PRIVILEGED "'privileged'" KW_PROFILE "'profile'" KW_PUBLIC "'public'"
	KW_PULL "'pull'" KW_PULL_SECRET "'pull-secret'" KW_QUIET "'quiet'"
	KW_READ_ONLY "'read-only'"
	KW_READINESS "'readiness'" KW_RECREATE "'recreate'" KW_REPLACE "'replace'"
	KW_REPLICAS "'replicas'" KW_REQUESTS "'requests'"
	KW_RESTRICTED "'restricted'" KW_RETRIES "'retries'" KW_ROLLING "'rolling'"
	KW_ROUTE "'route'" KW_SECRET "'secret'" KW_SECURITY "'security'"
	KW_SELECTOR "'selector'" KW_SERVICE "'service'" KW_SIDECAR "'sidecar'"
	KW_SIZE "'size'" KW_STACK "'stack'" KW_START "'start'" KW_STARTUP "'startup'"
	KW_STATEFUL "'stateful'" KW_STRATEGY "'strategy'" KW_SUBPATH "'subpath'"
	KW_SURGE "'surge'" KW_TCP "'tcp'" KW_TEMP "'temp'" KW_TIMEOUT "'timeout'"
	KW_TIMEZONE "'timezone'"
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
				diag(&p->c->diags, E0107, part->ref->loc,
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
	/* "api" NAME { "," NAME } NAME { "," NAME }
	 * (a subresource, `pods/log`, is a NAME here: src/parse_recover.c) */
	| KW_API name_list name_list {
		$$ = new_prop(p, PROP_API, @$, @1);
		$$->u.api.verbs = $2;
		$$->u.api.resources = $3;
	}
	/* "start" ("parallel" | "ordered") */
	| KW_START KW_PARALLEL {
		$$ = new_prop(p, PROP_START, @$, @1);
		$$->u.parallel = true;
	}
	| KW_START KW_ORDERED {
		$$ = new_prop(p, PROP_START, @$, @1);
		$$->u.parallel = false;
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
 * | "concurrency" ("allow" | "forbid" | "replace") | "timezone" STRING */
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
	| KW_TIMEZONE STRING {
		$$ = new_prop(p, PROP_TIMEZONE, @$, @1);
		$$->u.time_zone = $2;
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
	| KW_API { $$ = keyword_ident(KW_API, @1); }
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
	| KW_ORDERED { $$ = keyword_ident(KW_ORDERED, @1); }
	| KW_PARALLEL { $$ = keyword_ident(KW_PARALLEL, @1); }
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
	| KW_START { $$ = keyword_ident(KW_START, @1); }
	| KW_STARTUP { $$ = keyword_ident(KW_STARTUP, @1); }
	| KW_STATEFUL { $$ = keyword_ident(KW_STATEFUL, @1); }
	| KW_STRATEGY { $$ = keyword_ident(KW_STRATEGY, @1); }
	| KW_SUBPATH { $$ = keyword_ident(KW_SUBPATH, @1); }
	| KW_SURGE { $$ = keyword_ident(KW_SURGE, @1); }
	| KW_TCP { $$ = keyword_ident(KW_TCP, @1); }
	| KW_TEMP { $$ = keyword_ident(KW_TEMP, @1); }
	| KW_TIMEOUT { $$ = keyword_ident(KW_TIMEOUT, @1); }
	| KW_TIMEZONE { $$ = keyword_ident(KW_TIMEZONE, @1); }
	| KW_TLS { $$ = keyword_ident(KW_TLS, @1); }
	| KW_UDP { $$ = keyword_ident(KW_UDP, @1); }
	| KW_UNAVAILABLE { $$ = keyword_ident(KW_UNAVAILABLE, @1); }
	| KW_USER { $$ = keyword_ident(KW_USER, @1); }
	| KW_VARIANT { $$ = keyword_ident(KW_VARIANT, @1); }
	| KW_VOLUME { $$ = keyword_ident(KW_VOLUME, @1); }
	| KW_WORKLOAD { $$ = keyword_ident(KW_WORKLOAD, @1); }
	;

%%

const char *
token_name(int token)
{
	return yysymbol_name(YYTRANSLATE(token));
}

static int
yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, struct parse_ctx *p)
{
	(void)scanner;
	/* The messages (src/parse_errors.c) read token numbers, as the scanner
	 * and the repairs do: each symbol's lowest token. */
	int token_of[YYNTOKENS];
	for (int t = YYMAXUTOK; t >= 0; t--)
		token_of[YYTRANSLATE(t)] = t;
	yysymbol_kind_t kinds[YYNTOKENS];
	int expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(ctx, kinds, YYNTOKENS);
	for (int i = 0; i < n; i++)
		expected[i] = token_of[kinds[i]];
	report_syntax_error(p, yypcontext_location(ctx), token_of[yypcontext_token(ctx)], n,
	                    expected);
	return 0;
}
