/*
 * emit_yaml.c - the YAML backend: object trees to YAML through libyaml's
 * emitter.  This is the only file that includes <yaml.h>; no YAML is
 * written by hand.
 *
 * Scalars are typed by the tree: integers and booleans are written plain;
 * a string is written plain only when a YAML 1.1 reader (PyYAML, Go's
 * yaml.v2 in kubectl) would read it back as that same string, else
 * double-quoted; a string with a newline is written as a literal block.
 * docs/output.md section 4 gives the rule and why.
 */
#include "objects.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Whether s (len bytes) is one of count words of len bytes, each stored
 * in len + 1. */
static bool
one_of(const char *s, const char *words, size_t len, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (memcmp(s, words + i * (len + 1), len) == 0)
			return true;
	return false;
}

/* Whether s is one of the words YAML 1.1 reads as null, a bool, an
 * infinity, NaN, merge or value.  None is longer than 5 bytes; they are
 * listed by length so that each comparison is of a fixed size. */
static bool
reserved_word(const char *s, size_t len)
{
	static const char words2[][3] = {"no", "No", "NO", "on", "On", "ON", "<<"};
	static const char words3[][4] = {"yes", "Yes", "YES", "off", "Off", "OFF"};
	static const char words4[][5] = {"null", "Null", "NULL", "true", "True", "TRUE",
	                                 ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
	static const char words5[][6] = {"false", "False", "FALSE", "+.inf", "+.Inf",
	                                 "+.INF", "-.inf", "-.Inf", "-.INF"};
	switch (len) {
	case 1: return s[0] && strchr("~yYnN=", s[0]);
	case 2: return one_of(s, words2[0], 2, sizeof words2 / sizeof *words2);
	case 3: return one_of(s, words3[0], 3, sizeof words3 / sizeof *words3);
	case 4: return one_of(s, words4[0], 4, sizeof words4 / sizeof *words4);
	case 5: return one_of(s, words5[0], 5, sizeof words5 / sizeof *words5);
	}
	return false;
}

bool
yaml_plain_is_ambiguous(const char *s, size_t len)
{
	if (len == 0)
		return true;
	/* Only a string starting with one of these characters can be a
	 * reserved word, a number or a timestamp. */
	switch (s[0]) {
	case '~': case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case 'y': case 'Y':
	case 'o': case 'O': case '.': case '+': case '-': case '<': case '=': case '_':
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8':
	case '9':
		break;
	default:
		return false;
	}
	if (reserved_word(s, len))
		return true;
	/* DDDD-: a timestamp candidate */
	if (len >= 5 && s[4] == '-' && strspn(s, "0123456789") >= 4)
		return true;
	/* Numbers in every base and form: an optional sign, then a digit, '.'
	 * or '_', then only number characters, with a decimal digit somewhere.
	 * Conservative: 1.0.0 and 10.0.0.1 are quoted too, harmlessly. */
	size_t i = 0;
	if (s[0] == '+' || s[0] == '-')
		i = 1;
	if (i >= len || !(strchr("0123456789._", s[i])))
		return false;
	bool digit = false;
	for (; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digit = true;
		else if (!strchr("abcdefABCDEFxXoObB_.:+-", c))
			return false;
	}
	return digit;
}

struct yaml_out {
	yaml_emitter_t emitter;
	struct buf *out;
	const char *problem;
};

static int
write_handler(void *data, unsigned char *buffer, size_t size)
{
	struct yaml_out *y = data;
	buf_append(y->out, buffer, size);
	return 1;
}

static bool
emit(struct yaml_out *y, yaml_event_t *ev)
{
	/* The emitter takes the event, even when it fails. */
	if (!yaml_emitter_emit(&y->emitter, ev)) {
		y->problem = y->emitter.problem ? y->emitter.problem : "the YAML emitter failed";
		return false;
	}
	return true;
}

static bool
emit_scalar(struct yaml_out *y, const char *s, size_t len, bool is_string)
{
	yaml_event_t ev;
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	if (!is_string)
		style = YAML_PLAIN_SCALAR_STYLE;
	else if (memchr(s, '\n', len))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (yaml_plain_is_ambiguous(s, len))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 1,
	                                  is_string, style)) {
		y->problem = "a string is not valid UTF-8";
		return false;
	}
	return emit(y, &ev);
}

static bool
emit_node(struct yaml_out *y, const struct node *n)
{
	yaml_event_t ev;
	char num[INT_TEXT_MAX];
	switch (n->kind) {
	case NODE_STR:
		return emit_scalar(y, n->u.str.s, n->u.str.len, true);
	case NODE_INT:
		return emit_scalar(y, num, int_to_text(n->u.i, num), false);
	case NODE_BOOL:
		return emit_scalar(y, n->u.b ? "true" : "false", n->u.b ? 4 : 5, false);
	case NODE_MAP:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		if (!emit(y, &ev))
			return false;
		for (size_t i = 0; i < n->u.map.len; i++) {
			const char *key = n->u.map.items[i].key;
			if (!emit_scalar(y, key, strlen(key), true) ||
			    !emit_node(y, n->u.map.items[i].value))
				return false;
		}
		yaml_mapping_end_event_initialize(&ev);
		return emit(y, &ev);
	case NODE_SEQ:
	case NODE_SEQ_SOURCE: {
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		bool ok = emit(y, &ev);
		if (n->kind == NODE_SEQ) {
			for (size_t i = 0; ok && i < n->u.seq.len; i++)
				ok = emit_node(y, n->u.seq.items[i]);
		} else {
			for (size_t i = 0; ok && i < n->u.source->len; i++)
				ok = emit_node(y, seq_source_item(n->u.source, i));
			seq_source_done(n->u.source);
		}
		yaml_sequence_end_event_initialize(&ev);
		return ok && emit(y, &ev);
	}
	}
	return false;
}

struct yaml_stream {
	struct yaml_out y;
	bool explicit_start;
	bool failed;
};

struct yaml_stream *
yaml_stream_open(struct buf *out, bool explicit_start)
{
	struct yaml_stream *st = xmalloc(sizeof *st);
	*st = (struct yaml_stream){.y = {.out = out}, .explicit_start = explicit_start};
	yaml_emitter_t *e = &st->y.emitter;
	yaml_emitter_initialize(e);
	yaml_emitter_set_output(e, write_handler, &st->y);
	yaml_emitter_set_unicode(e, 1);
	yaml_emitter_set_width(e, -1);
	yaml_emitter_set_indent(e, 2);
	yaml_event_t ev;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	st->failed = !emit(&st->y, &ev);
	return st;
}

bool
yaml_stream_write(struct yaml_stream *st, const struct node *doc)
{
	yaml_event_t ev;
	if (st->failed)
		return false;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, !st->explicit_start);
	st->failed = !emit(&st->y, &ev) || !emit_node(&st->y, doc);
	if (!st->failed) {
		yaml_document_end_event_initialize(&ev, 1);
		st->failed = !emit(&st->y, &ev) || !yaml_emitter_flush(&st->y.emitter);
	}
	return !st->failed;
}

bool
yaml_stream_close(struct yaml_stream *st, const char **problem)
{
	yaml_event_t ev;
	bool ok = !st->failed;
	if (ok) {
		yaml_stream_end_event_initialize(&ev);
		ok = emit(&st->y, &ev) && yaml_emitter_flush(&st->y.emitter) &&
		     st->y.emitter.error == YAML_NO_ERROR;
	}
	if (!ok && problem)
		*problem = st->y.problem ? st->y.problem
		           : st->y.emitter.problem ? st->y.emitter.problem : "the YAML emitter failed";
	yaml_emitter_delete(&st->y.emitter);
	free(st);
	return ok;
}
