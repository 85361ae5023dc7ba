/*
 * parse_security.c - the security block's words as other tools write
 * them: Kubernetes' securityContext fields (`runAsUser 1000`), flags with
 * a value (`privileged true`) and capabilities in brackets inside the
 * block, read as todokc's words (src/parse_values.c calls
 * security_token()); and, for a component's line that is one of them
 * (src/parse_habit_words.c), the todokc word it is.
 */
#include "recover.h"

/* Kubernetes' fields of a securityContext, and todokc's words for them
 * (inverted: the word says the field is false). */
static const struct {
	const char *field;
	int token;
	bool inverted;
} security_fields[] = {
	{"allowprivilegeescalation", KW_NO_ESCALATION, true},
	{"fsgroup", KW_FS_GROUP, false},
	{"readonlyrootfilesystem", KW_READ_ONLY, false},
	{"runasgroup", KW_GROUP, false},
	{"runasnonroot", KW_NON_ROOT, false},
	{"runasuser", KW_USER, false},
};

int
security_boolean(const char *w)
{
	if (!w)
		return -1;
	return strcmp(w, "true") == 0 || strcmp(w, "yes") == 0 ? 1
	     : strcmp(w, "false") == 0 || strcmp(w, "no") == 0 ? 0 : -1;
}

bool
security_flag(int token)
{
	return token == KW_NON_ROOT || token == KW_READ_ONLY || token == KW_NO_ESCALATION ||
	       token == KW_PRIVILEGED;
}

/* The field of Kubernetes' securityContext that `folded` is (a word
 * habit_fold() folded): todokc's word for it, *inverted when the word
 * says the field is false; 0 when it is none. */
static int
kubernetes_field(const char *folded, bool *inverted)
{
	for (size_t i = 0; i < sizeof security_fields / sizeof *security_fields; i++)
		if (strcmp(folded, security_fields[i].field) == 0) {
			*inverted = security_fields[i].inverted;
			return security_fields[i].token;
		}
	return 0;
}

int
security_word(const char *word, bool *inverted)
{
	static const int words[] = {KW_ADD, KW_DROP, KW_FS_GROUP, KW_GROUP, KW_NO_ESCALATION,
	                            KW_NON_ROOT, KW_PRIVILEGED, KW_READ_ONLY, KW_USER};
	char folded[32];
	*inverted = false;
	if (!habit_fold(word, strlen(word), folded, sizeof folded))
		return 0;
	int token = kubernetes_field(folded, inverted);
	int keyword = token ? 0 : keyword_folded(word, strlen(word)); /* (read_only) */
	for (size_t i = 0; keyword && i < sizeof words / sizeof *words; i++)
		if (words[i] == keyword)
			token = keyword;
	return token;
}

/* Kubernetes' `capabilities { drop ["ALL"] }` in a security block: the
 * word, and the block after it, are dropped. */
static void
capabilities(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	diag(&p->c->diags, E0201, t->loc, "todokc writes capabilities as settings of the security "
	     "block, with no block of their own: `drop ALL`, `add NET_ADMIN, SYS_TIME`");
	if (peek(p, scanner, 0)->token == ':')
		take(p, scanner);
	if (peek(p, scanner, 0)->token != '{')
		return;
	for (int depth = 0;;) {
		struct tok n = take(p, scanner);
		depth += n.token == '{' ? 1 : n.token == '}' ? -1 : 0;
		if (!n.token || depth == 0)
			return;
	}
}

bool
security_token(struct parse_ctx *p, yyscan_t scanner, struct tok *t, bool *keep)
{
	struct recover *r = p->r;
	struct diags *d = &p->c->diags;
	if ((t->token == '[' && (r->prev.token == KW_ADD || r->prev.token == KW_DROP)) ||
	    (t->token == ']' && r->bracket_dropped)) {
		const char *names = t->token == '[' ? habit_unbracketed(p, t->loc.begin) : NULL;
		if (t->token == '[')
			diag(d, E0201, t->loc, "capabilities are names separated by ',', without "
			     "brackets: `%s %s`", keyword_spelling(r->prev.token), names ? names : "ALL");
		r->bracket_dropped = t->token == '[';
		*keep = false; /* the bracket is dropped */
		return true;
	}
	char folded[32];
	const char *field = NULL;
	int token = t->token;
	bool inverted = false;
	if (t->token == WORD && habit_fold(t->val.word.text, strlen(t->val.word.text), folded,
	                                   sizeof folded)) {
		if (strcmp(folded, "capabilities") == 0) {
			capabilities(p, scanner, t);
			*keep = false;
			return true;
		}
		int field_token = kubernetes_field(folded, &inverted);
		if (field_token) {
			field = t->val.word.text;
			token = field_token;
		}
	}
	bool flag = security_flag(token);
	int k = peek(p, scanner, 0)->token == ':' || peek(p, scanner, 0)->token == '=';
	struct tok *v = peek(p, scanner, k);
	int value = same_line(p, t->loc.end, v->loc.begin) && v->token == WORD
	          ? security_boolean(v->val.word.text) : -1;
	if (!field && (!flag || value < 0))
		return false;
	const char *spelling = keyword_spelling(token);
	struct loc whole = {t->loc.begin, flag && value >= 0 ? v->loc.end : t->loc.end};
	const char *as_written = arena_strndup(p->arena, text(p) + whole.begin,
	                                       whole.end - whole.begin);
	bool on = value < 0 || (value == 1) != inverted;
	if (!flag)
		diag(d, E0201, t->loc, "todokc writes '%s' as '%s': write `%s %s`", field, spelling,
		     spelling,
		     v->token == INT ? arena_strndup(p->arena, text(p) + v->loc.begin,
		                                     v->loc.end - v->loc.begin) : "1000");
	else if (on && field && value < 0)
		diag(d, E0201, whole, "todokc writes '%s' as '%s'", as_written, spelling);
	else if (on && field)
		diag(d, E0201, whole, "todokc writes `%s` as `%s`: its security flags take no value",
		     as_written, spelling);
	else if (on)
		diag(d, E0201, (struct loc){peek(p, scanner, 0)->loc.begin, v->loc.end},
		     "todokc's security flags take no value: write `%s`", spelling);
	else if (inverted)
		diag(d, E0201, whole, "a container may gain privileges unless 'no-escalation' is "
		     "written: remove `%s`", as_written);
	else
		diag(d, E0201, whole, "todokc's security flags take no value, and one not written is "
		     "off: remove `%s`", as_written);
	for (int i = 0; i < k + (flag && value >= 0); i++)
		take(p, scanner);
	t->token = token;
	*keep = on;
	return true;
}
