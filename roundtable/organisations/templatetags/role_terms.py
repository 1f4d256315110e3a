"""`{{ professional.role|role_label:terms }}`: a role's name in the page's jurisdiction and
language (roundtable.organisations.terms), instead of the role's fixed English label."""

from django import template

from roundtable.organisations.terms import Terms

register = template.Library()


@register.filter
def role_label(role: str, terms: Terms) -> str:
    return terms.role_label(role)
