"""The JSON-Schema-Test-Suite (draft 2020-12, ../shared/reference/JSON-Schema-Test-Suite, read
in place) through seedlint's schema configuration: each case's schema is a user's schema file
(checked as the configuration checks it: a valid schema, every ``$ref`` resolvable without the
network), then each test's data goes through the reference validator, the findings built from
its errors (never an internal error) and the fast check (which must never pass what the suite
says is invalid).

The required tests and the optional ``format`` tests of the one format seedlint asserts
(``date-time``; every other format is an annotation, as the specification's default). Every
divergence is listed below with its reason."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from seedlint.config.loader import schema_problem
from seedlint.config.settings import SchemaSetting
from seedlint.core.finding import Span
from seedlint.news.schema_errors import problems
from seedlint.news.schemas import fast_validator, foreign_dialect, unresolvable_ref, validator
from tests.conftest import SHARED, need

SUITE = SHARED / "reference" / "JSON-Schema-Test-Suite" / "tests" / "draft2020-12"
FILES = [
    *(f"{p.stem}" for p in sorted(SUITE.glob("*.json"))),
    "optional/format/date-time",
]

# file -> why every case of it whose schema refers outside itself is a configuration error
REFUSED_AT_LOAD = {
    "refRemote": "remote $ref (http://localhost:1234/...): seedlint never fetches a schema",
    "dynamicRef": "a $ref to a schema served at http://localhost:1234/: never fetched",
}

# (file, case) whose schema seedlint refuses as invalid when the configuration is loaded
_ECMA = "ECMA-262's \\p{Letter} in unicode mode; Python's re has no \\p: the schema is refused"
INVALID_FOR_PYTHON: dict[tuple[str, str], str] = {
    ("pattern", "pattern with Unicode property escape requires unicode mode"): _ECMA,
    ("patternProperties", "patternProperties with Unicode property escape"): _ECMA,
}

# (file, case, test) -> why seedlint answers otherwise than the suite
DIVERGENT: dict[tuple[str, str, str], str] = {
    ("format", "date-time format", "invalid date-time string is only an annotation by default"): (
        "seedlint asserts date-time (RFC 3339); the suite's default is annotation"
    ),
}

# file -> why every case of it whose $schema is not draft 2020-12's is a configuration error
FOREIGN_META_SCHEMA = {
    "vocabulary": "a custom meta-schema at a remote URL (http://localhost:1234/...): never "
    "fetched, and seedlint implements the vocabularies of draft 2020-12 only",
}


def _locate(path: Any, key: bool) -> Span:
    return Span.point(1)


def _cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((SUITE / f"{name}.json").read_text("utf-8"))
    return cases


def run_suite(folder: Path) -> Counter[str]:
    """Every test of the suite: counts of what happened, failing on a wrong answer that is not
    listed and on an internal error."""
    counts: Counter[str] = Counter()
    unexpected: list[str] = []
    for name in FILES:
        for index, case in enumerate(_cases(name)):
            schema = case["schema"]
            tests = case["tests"]
            if isinstance(schema, bool):
                schema = {"allOf": [schema]}  # a schema file holds an object
            dialect = foreign_dialect(schema)
            if dialect is not None:
                if name not in FOREIGN_META_SCHEMA:
                    unexpected.append(f"$schema refused: {name}: {case['description']}: {dialect}")
                counts["refused at load (a meta-schema other than draft 2020-12's)"] += len(tests)
                continue
            problem = schema_problem(schema)
            if problem is not None:
                if (name, case["description"]) not in INVALID_FOR_PYTHON:
                    unexpected.append(f"schema refused: {name}: {case['description']}: {problem}")
                counts["refused at load (a pattern Python's re cannot compile)"] += len(tests)
                continue
            ref = unresolvable_ref(schema)
            if ref is not None:
                if name not in REFUSED_AT_LOAD:
                    unexpected.append(f"$ref refused: {name}: {case['description']}: {ref}")
                counts["refused at load (unresolvable $ref)"] += len(tests)
                continue
            path = folder / f"{name.replace('/', '-')}-{index}.json"
            path.write_text(json.dumps(schema), "utf-8")
            setting = SchemaSetting(path=path)
            reference = validator("news-item", setting)
            fast = fast_validator("news-item", setting)
            for test in tests:
                key = (name, case["description"], test["description"])
                errors = list(reference.iter_errors(test["data"]))
                found = problems(errors, _locate)  # the findings: never an internal error
                assert bool(found) == bool(errors), key
                valid = not errors
                if fast is not None:
                    counts["fast check run"] += 1
                    if fast(test["data"]) and not test["valid"]:
                        unexpected.append(f"fast check passes invalid data: {key}")
                if valid == test["valid"]:
                    counts["pass"] += 1
                elif key in DIVERGENT:
                    counts["listed divergence"] += 1
                else:
                    unexpected.append(f"{key}: suite says valid={test['valid']}")
    assert not unexpected, "\n".join(unexpected)
    return counts


def test_the_json_schema_test_suite(tmp_path: Path) -> None:
    need(SUITE)
    counts = run_suite(tmp_path)
    print(dict(counts))
    assert counts["pass"] > 1000 and counts["fast check run"] > 500
    assert counts["listed divergence"] == len(DIVERGENT)
