from django import template
from django.utils.html import format_html

from alliance.rows import date_text, object_url
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
    native = (
        format_html('<div class="small text-muted">{}</div>', member.native_name)
        if member.native_name
        else ""
    )
    return format_html(
        '<tr><td>{}</td><td><a href="{}">{}</a>{}</td>\n'
        "      <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        member.number,
        object_url("members:member_detail", member.pk),
        member.name,
        native,
        member.get_kind_display(),
        member.get_tier_display(),
        member.country.code,
        member.get_status_display(),
        date_text(member.joined_on, "SHORT_DATE_FORMAT"),
    )
