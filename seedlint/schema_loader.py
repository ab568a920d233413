"""The bundled JSON Schemas (the top-level ``schemas/`` directory, shipped in the wheel as the
data package ``seedlint.schemas``), user schema overrides, and validators compiled once a process.

Two validators exist for a schema:

* :func:`validator`: ``jsonschema``'s Draft 2020-12 validator, the reference. Its errors become
  the findings (:mod:`seedlint.schema_errors`).
* :func:`fast_validator`: a yes/no check compiled to Python code by ``fastjsonschema``, about
  ten times faster. It is used first; only a document it rejects goes through the reference
  validator, so every finding still comes from ``jsonschema``. The fast check is built only for
  schemas whose every keyword it implements exactly as Draft 2020-12 does (see
  :data:`FAST_KEYWORDS`); it uses the same regular-expression engine (Python's ``re``), the same
  ``date-time`` checker (:func:`is_rfc3339`) and checks no other format, as the reference does.
  ``tests/test_fast_validation.py`` proves the agreement on every real and thousands of
  mutated documents.

``jsonschema`` and ``fastjsonschema`` are imported on first use: checking one clean file or
printing ``--version`` imports neither the reference validator nor its dependencies.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedlint.settings import SchemaSetting

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker

_DEFAULT = SchemaSetting()

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_rfc3339(value: object) -> bool:
    """RFC 3339 date-time: a full date, 'T', a full time and a zone (Z or +hh:mm).

    Raises ``ValueError`` for a well-formed but impossible date or time (``2019-02-30``).
    """
    if not isinstance(value, str):
        return True
    match = _RFC3339.match(value)
    if match is None:
        return False
    if value.isascii():
        # what ``datetime.strptime(..., "%Y-%m-%dT%H:%M:%S")`` accepts, without its cost
        year, month, day, hour, minute, second = map(int, match.group(1, 2, 3, 4, 5, 6))
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1] if month <= 12 else 0
        if (
            year < 1
            or not 1 <= month <= 12
            or not 1 <= day <= days
            or hour > 23
            or minute > 59
            or second > 59
        ):
            raise ValueError(f"{value!r} is not a valid date and time")
        return True
    fraction = match.group(7) or ""
    text = value[: match.start(7)] if fraction else value[: match.start(8)]
    datetime.strptime(text.replace("t", "T"), "%Y-%m-%dT%H:%M:%S")
    return True


def _date_time_ok(value: object) -> bool:
    """:func:`is_rfc3339` as a plain predicate (for the fast validator)."""
    try:
        return is_rfc3339(value)
    except ValueError:
        return False


# format name -> checker; the only format either validator checks (any other is annotation)
FORMATS: dict[str, Callable[[object], bool]] = {"date-time": _date_time_ok}


@cache
def format_checker() -> FormatChecker:
    """The reference validator's format checker: ``date-time`` only."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date-time", raises=ValueError)(is_rfc3339)
    return checker


def __getattr__(name: str) -> Any:
    # ``FORMAT_CHECKER`` stays importable without importing jsonschema with this module
    if name == "FORMAT_CHECKER":
        return format_checker()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bundled_names() -> list[str]:
    """Names of the bundled schemas, such as ``news-item`` and ``disarm-technique``."""
    folder = resources.files("seedlint.schemas")
    return sorted(
        p.name[: -len(".schema.json")] for p in folder.iterdir() if p.name.endswith(".schema.json")
    )


def bundled_text(name: str) -> str:
    return (resources.files("seedlint.schemas") / f"{name}.schema.json").read_text("utf-8")


@cache
def bundled(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(bundled_text(name))
    return data


def _open_objects(schema: Any) -> Any:
    """A copy of ``schema`` with every ``additionalProperties: false`` lifted."""
    if isinstance(schema, dict):
        return {
            key: _open_objects(value)
            for key, value in schema.items()
            if not (key == "additionalProperties" and value is False)
        }
    if isinstance(schema, list):
        return [_open_objects(item) for item in schema]
    return schema


@cache
def load(name: str, setting: SchemaSetting = _DEFAULT) -> dict[str, Any]:
    """The schema for ``name`` after the user's setting (a replacement file, or extension)."""
    if setting.path is not None:
        schema: dict[str, Any] = json.loads(Path(setting.path).read_text("utf-8"))
    else:
        schema = bundled(name)
    if setting.allow_extra_properties:
        schema = _open_objects(schema)
    return schema


@cache
def validator(name: str, setting: SchemaSetting = _DEFAULT) -> Draft202012Validator:
    """A compiled validator for the schema ``name`` (one per process)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load(name, setting), format_checker=format_checker())


# Keywords whose fastjsonschema implementation is exactly Draft 2020-12's for the data a YAML
# front matter converts to (str, int, float, bool, None, list, dict with str keys).
_SUBSCHEMA = frozenset({"additionalProperties", "items", "not", "propertyNames"})
_SUBSCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf"})
_SUBSCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions"})
_ASSERTIONS = frozenset(
    {
        "type",
        "required",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "enum",
        "const",
    }
)
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$defs",
        "definitions",
    }
)
FAST_KEYWORDS = (
    _SUBSCHEMA | _SUBSCHEMA_LISTS | _SUBSCHEMA_MAPS | _ASSERTIONS | _ANNOTATIONS | {"$ref"}
)
_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def _plain_constant(value: Any) -> bool:
    # ``True in [1]`` is true in Python: enum/const are vetted only without numbers or booleans
    if isinstance(value, list):
        return all(_plain_constant(v) for v in value)
    return value is None or isinstance(value, str)


def _vetted(schema: Any, root: bool = False) -> bool:
    """Whether every keyword under ``schema`` is one the fast validator implements exactly."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    if root and schema.get("$schema", _DRAFT_2020_12) != _DRAFT_2020_12:
        return False
    return all(
        key in FAST_KEYWORDS and _vetted_keyword(schema, key, value)
        for key, value in schema.items()
    )


def _vetted_keyword(schema: dict[str, Any], key: str, value: Any) -> bool:
    if key == "$ref":
        # draft 7 code (fastjsonschema) ignores a $ref's siblings; 2020-12 applies them
        siblings = set(schema) - _ANNOTATIONS - {"$ref"}
        return isinstance(value, str) and value.startswith("#") and not siblings
    if key == "items":
        return isinstance(value, (dict, bool)) and _vetted(value)
    if key in ("enum", "const"):
        return _plain_constant(value if key == "enum" else [value])
    if key == "format":
        return isinstance(value, str)
    if key in _SUBSCHEMA:
        return _vetted(value)
    if key in _SUBSCHEMA_LISTS:
        return isinstance(value, list) and all(_vetted(v) for v in value)
    if key in _SUBSCHEMA_MAPS:
        return isinstance(value, dict) and all(_vetted(v) for v in value.values())
    return True


def _formats_in(schema: Any, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "format" and isinstance(value, str):
                found.add(value)
            _formats_in(value, found)
    elif isinstance(schema, list):
        for item in schema:
            _formats_in(item, found)
    return found


@cache
def fast_validator(name: str, setting: SchemaSetting = _DEFAULT) -> Callable[[Any], bool] | None:
    """A quick ``is_valid(data)`` for the schema ``name``, or ``None`` when there is none
    (fastjsonschema missing, or the schema uses a keyword it does not implement exactly)."""
    schema = load(name, setting)
    if not _vetted(schema, root=True):
        return None
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - an optional speed-up
        return None
    # the reference checks date-time only; every other format is an annotation, as there
    formats: dict[str, Callable[[object], bool]] = {
        f: FORMATS.get(f, _always) for f in _formats_in(schema, set())
    }
    try:
        compiled = fastjsonschema.compile(  # it rewrites the $refs of what it is given
            copy.deepcopy(schema), formats=formats, use_default=False, detailed_exceptions=False
        )
    except Exception:  # anything it cannot compile goes the reference way
        return None
    # fastjsonschema anchors ``$`` at the very end (``\Z``); jsonschema searches with Python's
    # ``$``, which also matches before a final newline: use the schema's own patterns
    function = getattr(compiled, "func", compiled)  # a partial when formats are given
    patterns = getattr(function, "__globals__", {}).get("REGEX_PATTERNS")
    if isinstance(patterns, dict):
        for pattern in list(patterns):
            patterns[pattern] = re.compile(pattern)
    failure = fastjsonschema.JsonSchemaException

    def is_valid(data: Any) -> bool:
        try:
            compiled(data)
        except failure:
            return False
        except Exception:  # unexpected data: let the reference decide
            return False
        return True

    return is_valid


def _always(value: object) -> bool:
    return True
