/*
 * emit_json.c - the JSON backend: object trees to JSON (RFC 8259), two
 * spaces of indentation, a final newline.  Strings are escaped (quote,
 * backslash, control characters); other characters pass through as UTF-8.
 * It reads the same trees as the YAML backend, so keys, order and types
 * agree.
 */
#include "objects.h"

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
	json_escape(out, s, len);
	buf_putc(out, '"');
}

static void
json_node(struct buf *out, const struct node *n, int depth)
{
	switch (n->kind) {
	case NODE_STR:
		json_string(out, n->u.str.s, n->u.str.len);
		break;
	case NODE_INT: {
		char num[INT_TEXT_MAX];
		buf_append(out, num, int_to_text(n->u.i, num));
		break;
	}
	case NODE_BOOL:
		buf_puts(out, n->u.b ? "true" : "false");
		break;
	case NODE_MAP:
	case NODE_SEQ:
	case NODE_SEQ_SOURCE: {
		bool map = n->kind == NODE_MAP, source = n->kind == NODE_SEQ_SOURCE;
		size_t len = map ? n->u.map.len : source ? n->u.source->len : n->u.seq.len;
		if (!len) {
			buf_puts(out, map ? "{}" : "[]");
			break;
		}
		buf_putc(out, map ? '{' : '[');
		for (size_t i = 0; i < len; i++) {
			if (i)
				buf_putc(out, ',');
			indent(out, depth + 1);
			if (map) {
				json_string(out, n->u.map.items[i].key, strlen(n->u.map.items[i].key));
				buf_puts(out, ": ");
			}
			json_node(out, map      ? n->u.map.items[i].value
			               : source ? seq_source_item(n->u.source, i)
			                        : n->u.seq.items[i], depth + 1);
		}
		if (source)
			seq_source_done(n->u.source);
		indent(out, depth);
		buf_putc(out, map ? '}' : ']');
		break;
	}
	}
}

void
json_document(struct buf *out, const struct node *doc)
{
	json_node(out, doc, 0);
	buf_putc(out, '\n');
}

void
json_list_begin(struct buf *out)
{
	buf_puts(out, "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": ");
}

void
json_list_item(struct buf *out, size_t index, const struct node *doc)
{
	buf_putc(out, index ? ',' : '[');
	indent(out, 2);
	json_node(out, doc, 2);
}

void
json_list_end(struct buf *out, size_t count)
{
	buf_puts(out, count ? "\n  ]\n}\n" : "[]\n}\n");
}
