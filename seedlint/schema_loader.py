"""The bundled JSON Schemas (the top-level ``schemas/`` directory, shipped in the wheel as the
data package ``seedlint.schemas``), user schema overrides, and validators compiled once a process.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from seedlint.settings import SchemaSetting

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)

FORMAT_CHECKER = FormatChecker(formats=())


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def is_rfc3339(value: object) -> bool:
    """RFC 3339 date-time: a full date, 'T', a full time and a zone (Z or +hh:mm)."""
    if not isinstance(value, str):
        return True
    match = _RFC3339.match(value)
    if match is None:
        return False
    fraction = match.group(7) or ""
    text = value[: match.start(7)] if fraction else value[: match.start(8)]
    datetime.strptime(text.replace("t", "T"), "%Y-%m-%dT%H:%M:%S")
    return True


def bundled_names() -> list[str]:
    """Names of the bundled schemas, such as ``news-item`` and ``disarm-technique``."""
    folder = resources.files("seedlint.schemas")
    return sorted(
        p.name[: -len(".schema.json")]
        for p in folder.iterdir()
        if p.name.endswith(".schema.json")
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
def load(name: str, setting: SchemaSetting = SchemaSetting()) -> dict[str, Any]:
    """The schema for ``name`` after the user's setting (a replacement file, or extension)."""
    if setting.path is not None:
        schema: dict[str, Any] = json.loads(Path(setting.path).read_text("utf-8"))
    else:
        schema = bundled(name)
    if setting.allow_extra_properties:
        schema = _open_objects(schema)
    return schema


@cache
def validator(name: str, setting: SchemaSetting = SchemaSetting()) -> Draft202012Validator:
    """A compiled validator for the schema ``name`` (one per process)."""
    return Draft202012Validator(load(name, setting), format_checker=FORMAT_CHECKER)
