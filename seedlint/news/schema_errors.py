"""Turn jsonschema's errors into one finding per real defect.

* ``anyOf``/``oneOf``: the branch that fits best is reported, not every branch's complaint;
  when every branch only lacks a property, the finding says which properties would satisfy it.
* ``required``: one finding per missing property, at the mapping that lacks it.
* ``additionalProperties``: one finding per unknown key, at the key, with a "did you mean" hint.
* anything else: at the offending value, with the keyword in the message.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from seedlint.core.finding import Span
from seedlint.news.frontmatter import PathPart, json_path

if TYPE_CHECKING:  # jsonschema is imported when a document fails its schema, not before
    from jsonschema.exceptions import ValidationError

# locate(path, key) -> span of the value at path (or of its key when ``key`` is true)
Locate = Callable[[tuple[PathPart, ...], bool], Span]


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    span: Span
    message: str
    json_path: str
    keyword: str
    # where in the data (``("provider", "naem")``), and for an unknown key the one known key
    # it is unambiguously a misspelling of (what ``--unsafe-fixes`` renames it to)
    path: tuple[PathPart, ...] = ()
    suggestion: str | None = None
    # the "did you mean" key of an unknown key: its absence is the same defect
    hint: str | None = None


def problems(errors: Iterable[ValidationError], locate: Locate) -> list[SchemaProblem]:
    out: list[SchemaProblem] = []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        for problem in _explain(error, locate):
            key = (problem.json_path, problem.message)
            if key not in seen:
                seen.add(key)
                out.append(problem)
    # a misspelt key is one defect: the unknown key, not also the known key it should be
    misspelt = {json_path((*p.path[:-1], p.hint)) for p in out if p.hint is not None}
    out = [p for p in out if not (p.keyword == "required" and p.json_path in misspelt)]
    out.sort(key=lambda p: (p.span.line, p.span.column, p.message))
    return out


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors of the best-fitting branch of an ``anyOf``/``oneOf`` (recursively)."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        # a ``false`` branch's error has no schema path (nothing to tell which branch it is)
        branch = sub.relative_schema_path[0] if sub.relative_schema_path else ("false", id(sub))
        branches.setdefault(branch, []).append(sub)

    def fit(item: tuple[Any, list[ValidationError]]) -> tuple[int, int, int, int]:
        errs = item[1]
        # a ``false`` branch never fits: any other branch is a better explanation
        never = int(all(_never(e) for e in errs))
        # a branch that fails deeper in the data matched the value's shape better
        depth = max(len(e.absolute_path) for e in errs)
        type_errors = sum(
            1
            for e in errs
            if e.validator == "type" and len(e.absolute_path) == len(error.absolute_path)
        )
        return (never, type_errors, -depth, len(errs))

    _, best = min(branches.items(), key=fit)
    leaves: list[ValidationError] = []
    for sub in best:
        leaves.extend(_leaves(sub))
    return leaves


def _explain(error: ValidationError, locate: Locate) -> Iterator[SchemaProblem]:
    path = tuple(error.absolute_path)
    if error.validator in ("anyOf", "oneOf") and error.context:
        alternatives = _required_alternatives(error)
        if alternatives is not None:
            names = ", ".join(f"'{name}'" for name in alternatives)
            yield SchemaProblem(
                locate(path, False),
                f"{json_path(path)}: missing required property: one of {names}",
                json_path(path),
                "required",
            )
            return
        for leaf in _leaves(error):
            if leaf is error:
                yield _simple(leaf, locate)
            else:
                yield from _explain(leaf, locate)
        return
    if error.validator == "required":
        instance = error.instance if isinstance(error.instance, dict) else {}
        required: Any = error.validator_value
        for name in required:
            if name not in instance:
                where = json_path((*path, name))
                yield SchemaProblem(
                    locate(path, False),
                    f"{where}: missing required property '{name}'",
                    where,
                    "required",
                )
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema: Any = error.schema
        known = list(schema.get("properties", {}))
        for name in error.instance:
            if name in known or _matches_pattern(schema, name):
                continue
            where = json_path((*path, name))
            hint = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            message = f"{where}: unknown property '{name}'"
            if hint:
                message += f" (did you mean '{hint[0]}'?)"
            elif known:
                message += f"; allowed here: {', '.join(known)}"
            suggestion = _unambiguous(name, known, error.instance)
            yield SchemaProblem(
                locate((*path, name), True),
                message,
                where,
                "additionalProperties",
                (*path, name),
                suggestion if hint and suggestion == hint[0] else None,
                hint[0] if hint else None,
            )
        return
    yield _simple(error, locate)


def _unambiguous(name: str, known: list[str], present: dict[str, Any]) -> str | None:
    """The known key that ``name`` misspells, when there is exactly one: the same key in
    another case, or a key far closer (by difflib's ratio) than any other missing key."""
    missing = [k for k in known if k not in present]
    same_case = [k for k in missing if k.lower() == name.lower()]
    if len(same_case) == 1:
        return same_case[0]
    scores = sorted(
        ((difflib.SequenceMatcher(None, name.lower(), k.lower()).ratio(), k) for k in missing),
        reverse=True,
    )
    if not scores or scores[0][0] < 0.75:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < 0.15:
        return None
    return scores[0][1]


def _matches_pattern(schema: dict[str, Any], name: str) -> bool:
    import re

    return any(re.search(p, name) for p in schema.get("patternProperties", {}))


def _required_alternatives(error: ValidationError) -> list[str] | None:
    names: list[str] = []
    for sub in error.context or ():
        if sub.validator != "required" or list(sub.absolute_path) != list(error.absolute_path):
            return None
        required: Any = sub.validator_value
        names.extend(n for n in required if n not in names)
    return names or None


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "null"


def _never(error: ValidationError) -> bool:
    """Whether ``error`` is a ``false`` schema's (written ``{"not": {}}`` for the reference)."""
    return error.validator is None or (error.validator == "not" and error.validator_value == {})


def _simple(error: ValidationError, locate: Locate) -> SchemaProblem:
    path = tuple(error.absolute_path)
    where = json_path(path)
    # an error of a ``false`` schema has no keyword
    keyword = "false" if _never(error) else str(error.validator)
    value = error.instance
    expected: Any = error.validator_value
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if keyword == "false":
        text = f"no value is allowed here (the schema is false), got {_show(value)}"
    elif keyword == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
        text = f"expected {wanted}, got {_type_of(value)} {_show(value)}"
    elif keyword == "pattern":
        text = f"{_show(value)} does not match the expected form"
        text += f": {description}" if description else f" {expected!r}"
    elif keyword == "format":
        text = f"{_show(value)} is not a valid {expected}"
        if expected == "date-time":
            text += " (RFC 3339, such as 2019-12-28T18:13:00Z)"
    elif keyword in ("enum", "const"):
        options = expected if keyword == "enum" else [expected]
        text = f"{_show(value)} is not one of {', '.join(_show(o) for o in options)}"
    elif keyword == "minimum":
        text = f"{_show(value)} is less than the minimum {expected}"
    elif keyword == "maximum":
        text = f"{_show(value)} is more than the maximum {expected}"
    elif keyword == "minLength" and expected == 1:
        text = "must not be empty"
    elif keyword == "minItems" and expected == 1:
        text = "must not be an empty list"
    elif keyword == "uniqueItems":
        text = "has duplicate items"
    else:
        text = error.message
    return SchemaProblem(locate(path, False), f"{where}: {text} ({keyword})", where, keyword, path)
