/*
 * lower_rollout.c - the properties of a component that say how its pods
 * are replaced and reviewed, from the syntax tree to the IR: `strategy`
 * (a Deployment's rollout), `budget` (its PodDisruptionBudget) and `quiet`
 * (a review warning silenced for the component, with its reason).
 */
#include "lower.h"

#include <string.h>

static struct amount
lower_amount(const struct ast_amount *a)
{
	return (struct amount){true, a->number.kind == NUM_PERCENT, a->number.value, a->loc};
}

/* strategy recreate | rolling [surge N|P%] [unavailable N|P%] */
void
lower_strategy(struct lowering *l, struct workload *w, const struct ast_prop *prop)
{
	if (!w->strategy)
		w->strategy = NEW(l->a, struct strategy);
	struct strategy *st = w->strategy;
	*st = (struct strategy){.recreate = prop->u.strategy.recreate, .loc = prop->loc};
	for (size_t i = 0; i < prop->u.strategy.amounts.len; i++) {
		const struct ast_amount *a = prop->u.strategy.amounts.items[i];
		struct amount *slot = a->kind == AMOUNT_SURGE ? &st->surge : &st->unavailable;
		if (slot->given)
			diag_again(&l->c->diags, E0403, a->loc, slot->loc, "first given here",
			           "'%s' is given twice in one strategy",
			           a->kind == AMOUNT_SURGE ? "surge" : "unavailable");
		else
			*slot = lower_amount(a);
	}
}

/* budget (min-available | max-unavailable) (INT | PERCENT) */
void
lower_budget(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	if (!comp->budget)
		comp->budget = NEW(l->a, struct budget);
	*comp->budget = (struct budget){prop->u.budget.kind == AMOUNT_MAX_UNAVAILABLE,
	                                lower_amount(&prop->u.budget), prop->loc};
}

static bool
has_text(const struct ast_string *s)
{
	for (size_t i = 0; i < s->parts.len; i++) {
		const struct ast_part *part = s->parts.items[i];
		if (part->is_ref)
			return true;
		for (size_t k = 0; k < part->len; k++)
			if (part->text[k] != ' ' && part->text[k] != '\t')
				return true;
	}
	return false;
}

/* quiet CODE STRING: the warning CODE is not reported inside the
 * component's block, nor at its properties that a profile wrote (props:
 * the component's, as the profile changed them); the string says why. */
void
lower_quiet(struct lowering *l, struct component *comp, const struct ast_prop *prop,
            const struct vec *props)
{
	const struct ident *name = &prop->u.quiet.code;
	enum diag_code code;
	if (!has_text(prop->u.quiet.reason))
		diag(&l->c->diags, E0541, prop->u.quiet.reason->loc,
		     "'quiet %s' needs a reason: say in the string why the warning does not apply "
		     "to %s", name->text, lquote(l, comp->name.text));
	if (!diag_code_named(name->text, &code))
		diag(&l->c->diags, W0546, name->loc,
		     "%s is no code of todokc's; 'quiet' takes the code of a warning, such as W0543",
		     lquote(l, name->text));
	else if (diag_codes[code].severity != SEV_WARNING || code == W0546)
		diag(&l->c->diags, W0546, name->loc, "%s cannot be silenced: 'quiet' takes the code "
		     "of a review warning, such as W0543", lquote(l, name->text));
	else {
		const char *owner = lquote(l, comp->name.text);
		diag_quiet(&l->c->diags, code, comp->loc, prop->loc, owner);
		for (size_t i = 0; i < props->len; i++) {
			const struct ast_prop *p = props->items[i];
			if (p->loc.begin < comp->loc.begin || p->loc.end > comp->loc.end)
				diag_quiet(&l->c->diags, code, p->loc, prop->loc, owner);
		}
	}
}
