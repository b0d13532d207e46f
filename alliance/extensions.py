"""Named extension points: the one way a lower layer calls what a higher app provides.

DESIGN.md, Architecture: ``members`` must not import ``dues``, yet admitting a member
issues its first invoice. The lower app declares the point in its ``extensions.py``
(a name, what an implementation receives and returns, whether one is required); the
higher app connects its implementation in its ``AppConfig.ready()``. The system check
below fails at start-up when a required point has nothing connected, or a point that
takes one implementation has several, so a missing link is found before the first
admission rather than by it.

The top layer (``secretariat``) needs none of this: it imports every app directly, as
the staff dashboard does (secretariat/dashboard.py).
"""

import contextlib
from dataclasses import dataclass, field

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@dataclass(eq=False)
class ExtensionPoint:
    name: str
    doc: str
    # Start-up fails when nothing is connected.
    required: bool = False
    # At most one implementation: ``call_one`` returns its result.
    single: bool = False
    _implementations: list = field(default_factory=list, repr=False)

    def connect(self, implementation) -> None:
        """Add ``implementation`` once (``ready()`` may run more than once in tests)."""
        if implementation not in self._implementations:
            self._implementations.append(implementation)

    def disconnect(self, implementation) -> None:
        if implementation in self._implementations:
            self._implementations.remove(implementation)

    def implementations(self) -> list:
        return list(self._implementations)

    def call(self, **kwargs) -> list:
        """Call every implementation with ``kwargs`` (in the caller's transaction); return their results."""
        return [implementation(**kwargs) for implementation in self.implementations()]

    def call_one(self, *args, **kwargs):
        """Call the one implementation; a point without one fails the start-up check."""
        if len(self._implementations) != 1:
            raise ImproperlyConfigured(
                f"{self.name} needs one implementation, has {len(self._implementations)}"
            )
        return self._implementations[0](*args, **kwargs)

    @contextlib.contextmanager
    def replaced(self, *implementations):
        """Connect only ``implementations`` for the duration (tests)."""
        saved = self._implementations
        self._implementations = list(implementations)
        try:
            yield self
        finally:
            self._implementations = saved


POINTS: dict[str, ExtensionPoint] = {}


def extension_point(name: str, *, doc: str, required: bool = False, single: bool = False) -> ExtensionPoint:
    """Declare a point named ``<app>.<what>`` (returns the existing one when its module is reloaded)."""
    if name not in POINTS:
        POINTS[name] = ExtensionPoint(name, doc, required=required, single=single)
    return POINTS[name]


def check_extension_points(app_configs=None, **kwargs) -> list:
    """System check: each required point has an implementation, each single point at most one."""
    errors = []
    for point in POINTS.values():
        count = len(point.implementations())
        if point.required and not count:
            errors.append(
                checks.Error(
                    f"Nothing is connected to the extension point {point.name} ({point.doc}).",
                    hint="The app that provides it connects it in its AppConfig.ready(); is it installed?",
                    id="alliance.E003",
                )
            )
        if point.single and count > 1:
            errors.append(
                checks.Error(
                    f"The extension point {point.name} takes one implementation; {count} are connected.",
                    id="alliance.E004",
                )
            )
    return errors
