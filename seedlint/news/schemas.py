"""The bundled JSON Schemas (the top-level ``schemas/`` directory, shipped in the wheel as the
data package ``seedlint.schemas``), user schema overrides, and validators compiled once a process.

Two validators exist for a schema:

* :func:`validator`: ``jsonschema``'s Draft 2020-12 validator, the reference. Its errors become
  the findings (:mod:`seedlint.news.schema_errors`).
* :func:`fast_validator`: a yes/no check, used first; only a document it rejects goes through
  the reference validator, so every finding still comes from ``jsonschema``. It is built only
  for schemas whose every keyword the fast validators implement exactly as Draft 2020-12 does
  (see :data:`FAST_KEYWORDS`), with the same ``date-time`` checker (:func:`is_rfc3339`) and no
  other format, as the reference. Two engines: ``jsonschema-rs`` (compiled, about 25 times
  faster than the reference) when every regular expression of the schema can be given Python's
  meaning in Rust's engine (:func:`rust_pattern`; the news schema's can), else
  ``fastjsonschema``'s generated Python (about ten times faster), which uses Python's ``re``
  itself. ``tests/test_fast_validation.py`` proves the agreement on every real and thousands of
  mutated documents, and the pattern translation against ``re.search`` on generated text.

The validator libraries are imported on first use: checking one clean file or printing
``--version`` imports neither the reference validator nor its dependencies.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedlint.config.settings import SchemaSetting

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

_DEFAULT = SchemaSetting()

# RFC 3339 section 5.6 ``date-time``: ASCII digits only (``[0-9]``, not ``\d``, which also
# matches Bengali or Arabic-Indic digits), ``T``/``Z`` in either case (its note), a numeric
# offset with minutes, nothing after it (``fullmatch``: ``$`` would allow a final newline).
_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"([Zz]|([+-])([0-9]{2}):([0-9]{2}))"
)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_rfc3339(value: object) -> bool:
    """RFC 3339 (section 5.6) ``date-time``: a full date, ``T``, a full time and a zone (``Z``
    or ``+hh:mm``/``-hh:mm``), exactly as the grammar says: four ASCII digits of year (0000
    included), the days of each month with leap years, hours 00-23 in the time and in the
    offset, minutes 00-59, one or more digits of fraction, ``T``/``Z`` in either case; no
    trailing newline, no other digits than ASCII ones.

    **Leap seconds**: second ``60`` is accepted only where a leap second can be, the last
    second of a UTC day (``23:59:60Z``, or ``15:59:60-08:00``: 23:59 in UTC), as RFC 3339
    allows and the JSON Schema Test Suite expects; the table of the leap seconds that did
    happen is not consulted (it changes, and RFC 3339 defers to it only by reference).

    Raises ``ValueError`` for a well-formed but impossible date or time (``2019-02-30``,
    ``24:00:00``, offset ``-24:00``).
    """
    if not isinstance(value, str):
        return True
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = map(int, match.group(1, 2, 3, 4, 5, 6))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1] if 1 <= month <= 12 else 0
    offset = 0
    if match.group(9) is not None:
        offset_hour, offset_minute = int(match.group(10)), int(match.group(11))
        if offset_hour > 23 or offset_minute > 59:
            raise ValueError(f"{value!r} has an impossible offset")
        offset = (offset_hour * 60 + offset_minute) * (1 if match.group(9) == "+" else -1)
    if not 1 <= day <= days or hour > 23 or minute > 59 or second > 60:
        raise ValueError(f"{value!r} is not a valid date and time")
    if second == 60 and (hour * 60 + minute - offset) % 1440 != 23 * 60 + 59:
        raise ValueError(f"{value!r} has a leap second that is not the last second of a UTC day")
    return True


# The date-times is_rfc3339() accepts but leap seconds, as one expression (days of each month,
# leap years, offsets): the fast validator's common case in one C call. A value it does not
# match goes to is_rfc3339(); tests/test_fast_validation.py compares the two.
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_VALID_RFC3339 = re.compile(
    r"(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    rf"|{_LEAP_YEAR}-02-29)"
    r"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
    r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


def _date_time_ok(value: object) -> bool:
    """:func:`is_rfc3339` as a plain predicate (for the fast validator)."""
    if type(value) is str and _VALID_RFC3339.fullmatch(value):
        return True
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
    if setting.text is not None:
        schema: dict[str, Any] = json.loads(setting.text)
    elif setting.path is not None:
        schema = json.loads(Path(setting.path).read_text("utf-8"))
    else:
        schema = bundled(name)
    if setting.allow_extra_properties:
        schema = _open_objects(schema)
    return schema


@cache
def validator(name: str, setting: SchemaSetting = _DEFAULT) -> Draft202012Validator:
    """A compiled validator for the schema ``name`` (one per process)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        _false_as_not(load(name, setting)), format_checker=format_checker(), registry=registry()
    )


# keywords whose value is a schema, a list of schemas, a map of name -> schema, where a
# ``false`` schema's error loses its place in jsonschema (its ``descend`` returns the error of
# a boolean schema before adding the path): written ``{"not": {}}``, the same schema, it keeps
# it. ``additionalProperties``, ``items`` and ``unevaluated*`` handle ``false`` themselves.
_ONE_SCHEMA = frozenset({"not", "if", "then", "else", "contains", "propertyNames"})
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"}
)
NEVER: dict[str, Any] = {"not": {}}


def _false_as_not(schema: Any, inside: bool = False) -> Any:
    """``schema`` with every ``false`` subschema in those places written ``{"not": {}}``."""
    if schema is False and inside:
        return dict(NEVER)
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _ONE_SCHEMA:
            out[key] = _false_as_not(value, True)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [_false_as_not(v, True) for v in value]
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {k: _false_as_not(v, True) for k, v in value.items()}
        elif key in ("items", "additionalProperties", "unevaluatedItems", "unevaluatedProperties"):
            out[key] = _false_as_not(value)
        else:
            out[key] = value
    return out


class RemoteReference(Exception):
    """A ``$ref`` to a schema outside the file: seedlint never fetches one."""


def _refuse(uri: str) -> Resource:
    raise RemoteReference(uri)


@cache
def registry() -> Registry[Any]:
    """The meta-schemas of the JSON Schema drafts, and nothing fetched: jsonschema's default
    registry retrieves a remote ``$ref`` over the network (with a warning)."""
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]
    from referencing import Registry

    refusing: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    combined: Registry[Any] = REGISTRY.combine(refusing)
    return combined


def unresolvable_ref(schema: Any) -> str | None:
    """The first ``$ref`` (or ``$dynamicRef``) of ``schema`` that cannot be resolved within the
    schema itself and the drafts' meta-schemas, or ``None``: what a configuration error names
    when the schema is loaded, rather than every document failing on it."""
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012, specification_with

    if not isinstance(schema, dict):
        return None
    dialect = schema.get("$schema")
    spec = specification_with(dialect, default=DRAFT202012) if isinstance(dialect, str) else None
    resource = (spec or DRAFT202012).create_resource(schema)
    known = registry().with_resource(resource.id() or "", resource).crawl()
    stack = [(resource, known.resolver_with_root(resource))]
    while stack:
        current, resolver = stack.pop()
        resolver = resolver.in_subresource(current)
        contents = current.contents
        if isinstance(contents, dict):
            for key in ("$ref", "$dynamicRef"):
                ref = contents.get(key)
                if not isinstance(ref, str):
                    continue
                try:
                    resolver.lookup(ref)
                except (Unresolvable, RemoteReference, ValueError, LookupError):
                    return ref
        stack.extend((sub, resolver) for sub in current.subresources())
    return None


# the meta-schemas of the older drafts, which jsonschema holds (seedlint validates by 2020-12)
_OLDER_DRAFTS = {
    "http://json-schema.org/draft-03/schema": "draft-03",
    "http://json-schema.org/draft-04/schema": "draft-04",
    "http://json-schema.org/draft-06/schema": "draft-06",
    "http://json-schema.org/draft-07/schema": "draft-07",
    "https://json-schema.org/draft/2019-09/schema": "draft 2019-09",
}


def foreign_dialect(schema: Any) -> str | None:
    """Why the ``$schema`` of a user's schema is not the draft 2020-12 meta-schema seedlint
    validates by, or ``None`` (none declared, or 2020-12's, with or without an empty
    fragment): a remote meta-schema would have to be fetched, which seedlint never does, and
    an older draft's keywords mean other things (``items`` as a list, ``dependencies``)."""
    if not isinstance(schema, dict) or "$schema" not in schema:
        return None
    dialect = schema["$schema"]
    if not isinstance(dialect, str):
        return None  # the meta-schema check says what is wrong with it
    uri = dialect[:-1] if dialect.endswith("#") else dialect
    if uri == _DRAFT_2020_12:
        return None
    draft = _OLDER_DRAFTS.get(uri)
    if draft is not None:
        return f"its $schema '{dialect}' declares {draft}; seedlint implements draft 2020-12 only"
    return (
        f"its $schema '{dialect}' names a meta-schema seedlint does not hold (seedlint never "
        "fetches schemas over the network, and implements draft 2020-12 only)"
    )


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
    (the schema uses a keyword the fast validators do not implement exactly).

    ``jsonschema-rs`` (compiled) when it is installed and can take the schema's regular
    expressions with Python's meaning (:func:`rust_pattern`), else ``fastjsonschema``.
    """
    schema = load(name, setting)
    if not _vetted(schema, root=True):
        return None
    # the reference checks date-time only; every other format is an annotation, as there
    formats: dict[str, Callable[[object], bool]] = {
        f: FORMATS.get(f, _always) for f in _formats_in(schema, set())
    }
    return _rust_validator(schema, formats) or _python_validator(schema, formats)


# jsonschema-rs takes a Python ``inf``, ``-inf`` or ``nan`` (YAML's ``.inf``, ``-.inf``, ``.nan``)
# as a value of no JSON type: it fails every ``type`` and passes ``minimum``, where jsonschema
# compares it as the float it is. Failing where the reference passes only sends a document to
# the reference; passing where it fails would lose a finding. So the compiled schema refuses
# such a value where that could happen: under a numeric bound without ``type`` (a ``type``
# of every kind is added), and anywhere under ``not``, ``oneOf`` and ``uniqueItems`` (whose
# answers a refused value could turn into a pass), by a definition added to the schema.
_FINITE = "seedlint-finite-values"
_EVERY_TYPE = ["null", "boolean", "string", "number", "array", "object"]
_FINITE_VALUES: dict[str, Any] = {
    "anyOf": [
        {"type": ["null", "boolean", "string", "number"]},
        {"type": "array", "items": {"$ref": f"#/$defs/{_FINITE}"}},
        {"type": "object", "additionalProperties": {"$ref": f"#/$defs/{_FINITE}"}},
    ]
}
_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_INVERTING = frozenset({"not", "oneOf", "uniqueItems"})


def _finite_only(schema: Any) -> Any:
    """A vetted ``schema`` (:func:`_vetted`) that the compiled check cannot pass for a
    non-finite number where the reference fails it."""
    used: list[bool] = []
    guarded = _guard(schema, used)
    if not used or not isinstance(guarded, dict):
        return guarded
    return {**guarded, "$defs": {**guarded.get("$defs", {}), _FINITE: _FINITE_VALUES}}


def _guard(schema: Any, used: list[bool]) -> Any:
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _SUBSCHEMA:
            out[key] = _guard(value, used)
        elif key in _SUBSCHEMA_LISTS:
            out[key] = [_guard(v, used) for v in value]
        elif key in _SUBSCHEMA_MAPS:
            out[key] = {k: _guard(v, used) for k, v in value.items()}
        else:
            out[key] = value
    if "type" not in out and not _BOUNDS.isdisjoint(out):
        out["type"] = _EVERY_TYPE
    if not _INVERTING.isdisjoint(out):
        used.append(True)
        out["allOf"] = [*out.get("allOf", []), {"$ref": f"#/$defs/{_FINITE}"}]
    return out


def _rust_validator(
    schema: dict[str, Any], formats: dict[str, Callable[[object], bool]]
) -> Callable[[Any], bool] | None:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - an optional speed-up
        return None
    translated = _rust_patterns(schema)
    if translated is None:
        return None
    translated = _finite_only(translated)
    try:
        compiled = jsonschema_rs.validator_for(
            translated, formats=formats, validate_formats=True, offline=True
        )
    except Exception:  # anything it cannot compile goes another way
        return None
    check = compiled.is_valid

    def is_valid(data: Any) -> bool:
        try:
            return bool(check(data))
        except Exception:  # data it cannot take (a lone surrogate): let the reference decide
            return False

    return is_valid


def _python_validator(
    schema: dict[str, Any], formats: dict[str, Callable[[object], bool]]
) -> Callable[[Any], bool] | None:
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - an optional speed-up
        return None
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


# escapes that mean the same in Python's ``re`` and in Rust's regex (a literal character)
_LITERAL_ESCAPES = frozenset(".-/+*?()[]{}|^$\\ntr")
_GROUPS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
# what Python's ``\s`` (str.isspace()) matches beyond Unicode White_Space, Rust's ``\s``
_PY_ONLY_SPACE = r"\x1c-\x1f"


def rust_pattern(pattern: str) -> str | None:
    r"""``pattern`` (as jsonschema reads it: Python's ``re.search``) for Rust's regex engine, or
    ``None`` when it uses anything whose meaning differs there and is not translated.

    Translated: ``$`` (Python's also matches before a final newline) and ``\s``/``\S``
    (Python's white space also has U+001C..U+001F). Refused: ``\d``, ``\w``, ``\b`` and
    other class escapes (the engines' Unicode tables differ), inline flags and named or
    numbered groups, ``[`` inside a class and Rust's class operators (``&&``, ``--``, ``~~``).
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            e = pattern[i + 1]
            i += 2
            if e == "s":
                out.append(rf"\s{_PY_ONLY_SPACE}" if in_class else rf"[\s{_PY_ONLY_SPACE}]")
            elif e == "S" and not in_class:
                out.append(rf"[^\s{_PY_ONLY_SPACE}]")
            elif e in _LITERAL_ESCAPES:
                out.append("\\" + e)
            else:
                return None
            continue
        if in_class:
            if c == "[" or pattern.startswith(("&&", "--", "~~"), i):
                return None
            in_class = c != "]"
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):  # a literal ']' first in the class: Python only
                return None
            continue
        if c == "$":
            out.append(r"(?=\n?\z)")
            i += 1
            continue
        if c == "(" and pattern.startswith("(?", i) and not pattern.startswith(_GROUPS, i):
            return None
        out.append(c)
        i += 1
    return None if in_class else "".join(out)


def _rust_patterns(schema: Any) -> Any:
    """A copy of a vetted ``schema`` (:func:`_vetted`: its keywords are known) with every
    regular expression for Rust (:func:`rust_pattern`), or ``None`` when one cannot be."""
    if not isinstance(schema, dict):
        return schema  # a boolean schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "pattern":
            out[key] = rust_pattern(value)
            parts: list[Any] = [out[key]]
        elif key == "patternProperties":
            keys = {k: rust_pattern(k) for k in value}
            out[key] = {keys[k]: _rust_patterns(v) for k, v in value.items()}
            parts = [*keys.values(), *out[key].values()]
        elif key in _SUBSCHEMA_MAPS:
            out[key] = {k: _rust_patterns(v) for k, v in value.items()}
            parts = list(out[key].values())
        elif key in _SUBSCHEMA_LISTS:
            out[key] = parts = [_rust_patterns(v) for v in value]
        elif key in _SUBSCHEMA:
            out[key] = _rust_patterns(value)
            parts = [out[key]]
        else:
            out[key] = value  # an assertion or annotation without a regular expression
            continue
        if any(part is None for part in parts):
            return None
    return out


def _always(value: object) -> bool:
    return True
