from django import template

from members.selectors import represented_members

register = template.Library()


@register.filter
def represents_a_member(user) -> bool:
    """Whether the user represents a member, so "My membership" leads somewhere (an administrator
    holds the member role without representing anyone)."""
    return user.is_authenticated and represented_members(user).exists()
