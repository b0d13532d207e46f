"""Hooks that higher apps fill in at start-up (in their ``AppConfig.ready()``).

``members`` must not import ``meetings``, ``dues`` or ``secretariat`` (DESIGN.md,
Architecture), yet admitting a member issues its first invoice (dues) and a
departing representative's alliance positions end with them (meetings). Each
hook runs inside the caller's transaction, so a failing hook undoes the change.
"""

from collections.abc import Callable

# fn(*, member, by) — a member was just admitted (approval of its application).
admission_hooks: list[Callable[..., None]] = []
# fn(*, representative, ended_on, by) — a representative left; positions they held end.
representative_departure_hooks: list[Callable[..., None]] = []
# fn(*, member, change) — a member's status changed (change is a MemberStatusChange).
status_change_hooks: list[Callable[..., None]] = []


def register(hooks: list, func: Callable[..., None]) -> None:
    """Add ``func`` once (``ready()`` may run more than once in tests)."""
    if func not in hooks:
        hooks.append(func)


def run(hooks: list, **kwargs) -> None:
    for func in list(hooks):
        func(**kwargs)


# The directory's "alliance position" filter: positions are recorded by meetings,
# which fills this in at start-up with
#   choices: fn() -> list[(value, label)] and
#   apply: fn(queryset, value) -> queryset (members currently holding that position).
position_filter: dict[str, Callable] = {}


def register_position_filter(*, choices: Callable[[], list], apply: Callable) -> None:
    position_filter.update(choices=choices, apply=apply)
