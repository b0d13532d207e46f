from django import template

from dues import conf

register = template.Library()


@register.simple_tag
def bank_lines() -> list[tuple[str, str]]:
    """The account members pay into, as (label, value) in the language being rendered.

    Emails read it when the worker renders them, in their recipient's language, rather
    than storing it in each of a reminder run's 100,000 queued contexts.
    """
    return conf.bank_lines()
