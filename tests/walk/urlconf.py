"""The URLconf as data: every pattern with its placeholders, and URLs built from chosen values.

Read from ``get_resolver()`` recursively, so a pattern added anywhere is walked without
anyone keeping a list.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import get_converters
from django.urls.resolvers import RegexPattern, RoutePattern

_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Regex patterns of the URLconf (the admin's) use flat groups only; anything richer fails loudly below.
_REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?(?P<body>[^()]*)\)")
_REGEX_LITERAL = re.compile(r"[\w\-./]*")


@dataclass(frozen=True)
class Placeholder:
    name: str  # keyword argument, or the index of a positional group
    kind: str  # the converter ("int", "str", "slug", "path", "uuid", the project's own) or "regex"
    regex: str = ""  # what the converter or group matches

    @property
    def choices(self) -> tuple[str, ...]:
        """The literal alternatives of a group such as ``(auth|members|dues)``, else ()."""
        if re.fullmatch(r"[\w|]+", self.regex):
            return tuple(self.regex.split("|"))
        return ()


@dataclass(frozen=True)
class Pattern:
    name: str  # the view name with its namespaces (the route when unnamed)
    route: str  # as ResolverMatch.route spells it
    parts: tuple  # literal strings and Placeholders, in order

    @property
    def placeholders(self) -> list[Placeholder]:
        return [part for part in self.parts if isinstance(part, Placeholder)]

    def prefix_key(self, placeholder: Placeholder) -> str:
        """The pattern up to this placeholder: ``members/<int>`` names the same object in every
        pattern that starts with it, so a value seen in one fills the others."""
        key = []
        for part in self.parts:
            key.append(f"<{part.kind}>" if isinstance(part, Placeholder) else part)
            if part is placeholder:
                return "".join(key)
        raise ValueError(placeholder)

    def url(self, values: dict[str, str]) -> str:
        """Build the URL with each placeholder's value percent-encoded (the client decodes it)."""
        out = ["/"]
        for part in self.parts:
            if isinstance(part, Placeholder):
                out.append(quote(values[part.name], safe="/" if part.kind == "path" else ""))
            else:
                out.append(part)
        return "".join(out)


def _route_parts(route: str) -> list:
    parts, position = [], 0
    for match in _ROUTE_PARAMETER.finditer(route):
        parts.append(route[position : match.start()])
        kind = match["converter"] or "str"
        parts.append(Placeholder(match["name"], kind, get_converters()[kind].regex))
        position = match.end()
    parts.append(route[position:])
    return parts


def _regex_parts(regex: str, first_index: int) -> list:
    text = regex.removeprefix("^").removesuffix("$")
    parts, position, index = [], 0, first_index
    for match in _REGEX_GROUP.finditer(text):
        parts.append(text[position : match.start()])
        name = match["name"]
        if name is None:
            name, index = str(index), index + 1
        parts.append(Placeholder(name, "regex", match["body"]))
        position = match.end()
    parts.append(text[position:])
    for part in parts:
        if isinstance(part, str) and not _REGEX_LITERAL.fullmatch(part):
            raise ValueError(f"the walker cannot build URLs for the regex {regex!r}")
    return parts


def _join_route(first: str, second: str) -> str:
    # The same joining as django.urls.resolvers.URLResolver._join_route, so routes compare equal.
    return second if not first else first + second.removeprefix("^")


def patterns() -> list[Pattern]:
    """Every URL pattern of the project's URLconf, includes expanded."""
    found: list[Pattern] = []

    def walk(resolver, namespace, route, parts):
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            if isinstance(pattern, RoutePattern):
                own = _route_parts(str(pattern))
            elif isinstance(pattern, RegexPattern):
                positional = sum(1 for p in parts if isinstance(p, Placeholder) and p.name.isdigit())
                own = _regex_parts(str(pattern), positional)
            else:
                raise TypeError(f"the walker does not know {type(pattern).__name__}")
            joined_route = _join_route(route, str(pattern))
            if isinstance(entry, URLResolver):
                inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else None
                walk(entry, inner or entry.namespace or namespace, joined_route, parts + own)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                merged = tuple(p for p in parts + own if p != "")
                found.append(Pattern(name or joined_route, joined_route, merged))

    walk(get_resolver(), None, "", [])
    return found
