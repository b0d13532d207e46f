from django import template
from django.utils import translation

from alliance.choices import label_of
from alliance.rows import date_text, object_url, row_html
from members.selectors import represented_members

register = template.Library()


@register.filter
def represents_a_member(user) -> bool:
    """Whether the user represents a member, so "My membership" leads somewhere (an administrator
    holds the member role without representing anyone)."""
    return user.is_authenticated and represented_members(user).exists()


@register.simple_tag
def directory_row(member):
    """One row of the member directory, written in Python: a template per row (its link, three
    labels and a date) cost ~100 us a row, a sixth of the page, in the issue 15 bench."""
    language = translation.get_language()
    native = (
        row_html('<div class="small text-muted">{}</div>', member.native_name) if member.native_name else ""
    )
    return row_html(
        '<tr><td>{}</td><td><a href="{}">{}</a>{}</td>\n'
        "      <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        member.number,
        object_url("members:member_detail", member.pk, language=language),
        member.name,
        native,
        label_of(member, "kind", language=language),
        label_of(member, "tier", language=language),
        member.country.code,
        label_of(member, "status", language=language),
        date_text(member.joined_on, "SHORT_DATE_FORMAT", language=language),
    )
