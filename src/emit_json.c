/*
 * emit_json.c - the JSON backend: object trees to JSON (RFC 8259), two
 * spaces of indentation, a final newline.  Strings are escaped (quote,
 * backslash, control characters); other characters pass through as UTF-8.
 * It reads the same trees as the YAML backend, so keys, order and types
 * agree.
 */
#include "todokc.h"

#include <string.h>

static void
indent(struct buf *out, int depth)
{
	buf_putc(out, '\n');
	for (int i = 0; i < depth; i++)
		buf_append(out, "  ", 2);
}

static void
json_string(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20 || c == 0x7F) {
				snprintf(u, sizeof u, "\\u%04x", c);
				esc = u;
			}
		}
		if (!esc)
			continue;
		buf_append(out, s + run, i - run);
		buf_puts(out, esc);
		run = i + 1;
	}
	buf_append(out, s + run, len - run);
	buf_putc(out, '"');
}

static void
json_node(struct buf *out, const struct node *n, int depth)
{
	switch (n->kind) {
	case NODE_STR:
		json_string(out, n->u.str.s, n->u.str.len);
		break;
	case NODE_INT:
		buf_printf(out, "%lld", n->u.i);
		break;
	case NODE_BOOL:
		buf_puts(out, n->u.b ? "true" : "false");
		break;
	case NODE_MAP:
		if (!n->u.map.len) {
			buf_puts(out, "{}");
			break;
		}
		buf_putc(out, '{');
		for (size_t i = 0; i < n->u.map.len; i++) {
			if (i)
				buf_putc(out, ',');
			indent(out, depth + 1);
			json_string(out, n->u.map.items[i].key, strlen(n->u.map.items[i].key));
			buf_puts(out, ": ");
			json_node(out, n->u.map.items[i].value, depth + 1);
		}
		indent(out, depth);
		buf_putc(out, '}');
		break;
	case NODE_SEQ:
		if (!n->u.seq.len) {
			buf_puts(out, "[]");
			break;
		}
		buf_putc(out, '[');
		for (size_t i = 0; i < n->u.seq.len; i++) {
			if (i)
				buf_putc(out, ',');
			indent(out, depth + 1);
			json_node(out, n->u.seq.items[i], depth + 1);
		}
		indent(out, depth);
		buf_putc(out, ']');
		break;
	}
}

void
emit_json_object(struct object *o, struct buf *out)
{
	json_node(out, o->doc, 0);
	buf_putc(out, '\n');
}

void
emit_json_list(struct vec *objects, struct buf *out)
{
	buf_puts(out, "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": ");
	if (!objects->len) {
		buf_puts(out, "[]\n}\n");
		return;
	}
	buf_putc(out, '[');
	for (size_t i = 0; i < objects->len; i++) {
		if (i)
			buf_putc(out, ',');
		indent(out, 2);
		json_node(out, ((struct object *)objects->items[i])->doc, 2);
	}
	buf_puts(out, "\n  ]\n}\n");
}
