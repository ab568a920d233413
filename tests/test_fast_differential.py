"""The fast schema checks against the reference (python-jsonschema) on every value YAML can
produce, each fast engine (jsonschema-rs, which seedlint takes where it can, and
fastjsonschema, forced on every schema, as seedlint uses it where jsonschema-rs cannot take
one): generated YAML scalars (``.inf``, ``-.inf``, ``.nan``, big and odd integers, floats,
timestamps, strings) read by seedlint's own front-matter parser, put into the project's
schemas (the news item, a DISARM page), the JSON-Schema-Test-Suite's draft 2020-12 schemas the
fast checks take, and probes of the numeric keywords with and without ``type``.

The contract (what makes skipping the reference safe): the fast check never passes what the
reference fails; it fails what the reference passes only for data holding a non-finite number
(jsonschema-rs has no such value: it defers to the reference, which then decides)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedlint.config.settings import SchemaSetting
from seedlint.core.source import SourceText, read
from seedlint.disarm.parser import parse_page
from seedlint.news import schemas as schema_loader
from seedlint.news.frontmatter import parse
from seedlint.news.schemas import bundled, bundled_names, fast_validator, validator
from tests.conftest import SEEDS, SHARED

SUITE = SHARED / "reference" / "JSON-Schema-Test-Suite" / "tests" / "draft2020-12"
NEWS_SEED = SEEDS / "002_2b530dd3ad88a63d.txt"
DISARM_SEED = SEEDS / "004_dde1f390f0f18e80.txt"

# schemas of the numeric and structural keywords the fast checks implement, with and without
# ``type``: where a value of no JSON type in Rust (a non-finite float) could change an answer
PROBES: list[Any] = [
    {"minimum": 0},
    {"maximum": 10},
    {"exclusiveMinimum": 0},
    {"exclusiveMaximum": 10.5},
    {"minimum": 18446744073709551616},
    {"maximum": -9223372036854775809},
    {"type": "number", "minimum": 0},
    {"type": "integer", "maximum": 10},
    {"type": "number"},
    {"type": "integer"},
    {"type": ["string", "null"]},
    {"not": {"type": "number"}},
    {"not": {"minimum": 0}},
    {"oneOf": [{"type": "number"}, {"minimum": 0}]},
    {"oneOf": [{"type": "string"}, {"maximum": 0}]},
    {"anyOf": [{"type": "number"}, {"type": "string"}]},
    {"enum": ["a", None]},
    {"const": None},
    {"items": {"minimum": 0}},
    {"uniqueItems": True},
    {"additionalProperties": {"maximum": 0}},
    {"propertyNames": {"maxLength": 3}},
    {"minProperties": 1, "maxProperties": 1},
    {"type": "string", "format": "date-time"},
    {"maxLength": 3},
]

# the scalars whose conversion is the point: YAML 1.1's numbers in every spelling
SPECIAL = [
    ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "1e400", "-1e400",
    "1.0e+400", "9223372036854775808", "-9223372036854775809", "18446744073709551617",
    "123456789012345678901234567890", "0x7fffffffffffffffff", "0o17", "0b101", "1_000",
    "190:20:30", "-0.0", "0.0", "1.5e-400", "~", "null", "yes", "Off",
    "2001-12-14t21:59:43.10-05:00",
    "2019-12-28T18:13:00Z", "57", "'57'", '"\\u00e9"', "[.inf, .nan]", "{.inf: 1}", "[1, 1.0]",
    "[.nan, .nan]", "[.inf, .inf]", "{a: .nan}",
]  # fmt: skip


def _scalar_text() -> st.SearchStrategy[str]:
    numbers = st.one_of(
        st.integers().map(str),
        st.integers(min_value=2**62, max_value=2**200).map(lambda n: f"{n}"),
        st.integers(min_value=-(2**200), max_value=-(2**62)).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.floats().map(lambda f: f"{f:e}"),
    )
    text = st.text(alphabet="ab.-+:0123456789eE_ x\u0967\u09e8", min_size=1, max_size=12)
    return st.one_of(st.sampled_from(SPECIAL), numbers, text)


def _yaml_value(scalar: str) -> tuple[bool, Any]:
    """What seedlint's front-matter parser makes of ``v: <scalar>`` (``False``: not parsed)."""
    front = parse(SourceText(f"---\nv: {scalar}\n---\n"))
    if front is None or front.problems or not isinstance(front.data, dict):
        return False, None
    return True, front.data["v"]


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_non_finite(k) or _non_finite(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_non_finite(v) for v in value)
    return False


def _suite_schemas() -> list[Any]:
    if not SUITE.exists():
        return []
    out = []
    for path in sorted(SUITE.glob("*.json")):
        for case in json.loads(path.read_text("utf-8")):
            if isinstance(case["schema"], dict):
                out.append(case["schema"])
    return out


def forced_fastjsonschema(name: str, setting: SchemaSetting | None = None) -> Any:
    """The fast check of ``name`` as seedlint builds it where jsonschema-rs cannot take the
    schema (its vetting and formats; fastjsonschema compiles it), or ``None``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema_loader, "_rust_validator", lambda *_: None)
        return fast_validator.__wrapped__(name, setting or SchemaSetting())  # type: ignore[attr-defined]


class Checks:
    """The probe and suite schemas the fast checks take, each by both fast engines (the one
    seedlint chooses, jsonschema-rs where it can, and fastjsonschema forced), and a real item
    and page."""

    def __init__(self, folder: Path) -> None:
        # (engine, setting, fast check, reference)
        self.items: list[tuple[str, SchemaSetting, Any, Any]] = []
        news = parse(read(NEWS_SEED, 1 << 22))
        assert news is not None
        self.news_base: dict[str, Any] = news.data
        page, _ = parse_page(read(DISARM_SEED, 1 << 22), DISARM_SEED)
        assert page is not None
        self.page_type = f"disarm-{page.page_type}"
        self.page_base: dict[str, Any] = page.to_data()
        schemas = [*PROBES, *_suite_schemas()]
        for index, schema in enumerate(schemas):
            path = folder / f"{index}.json"
            path.write_text(json.dumps(schema), "utf-8")
            setting = SchemaSetting(path=path)
            fast = fast_validator("news-item", setting)
            if fast is None:
                continue
            reference = validator("news-item", setting)
            self.items.append(("chosen", setting, fast, reference))
            forced = forced_fastjsonschema("news-item", setting)
            if forced is not None:  # None: fastjsonschema cannot compile it (the reference)
                self.items.append(("fastjsonschema", setting, forced, reference))
        self.probes = {folder / f"{i}.json" for i in range(len(PROBES))}
        self.suite_fast = sum(1 for item in self.items if item[0] == "chosen") - len(PROBES)
        self.news_forced = forced_fastjsonschema("news-item")


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> Checks:
    return Checks(tmp_path_factory.mktemp("schemas"))


def _agree(fast: Any, reference: Any, data: Any, what: str) -> None:
    expected = reference.is_valid(data)
    got = fast(data)
    if got and not expected:
        pytest.fail(f"the fast check passes what the reference fails: {what}: {data!r}")
    if expected and not got:
        assert _non_finite(data), f"the fast check fails valid data: {what}: {data!r}"


def test_every_probe_and_most_suite_schemas_have_a_fast_check(checks: Checks) -> None:
    chosen = [item for item in checks.items if item[0] == "chosen"]
    forced = {item[1]: item[2] for item in checks.items if item[0] == "fastjsonschema"}
    assert len(chosen) >= len(PROBES)
    probes = [setting for _, setting, _, _ in chosen[: len(PROBES)]]
    # fastjsonschema takes every probe but {"const": null} (it cannot compile it: seedlint then
    # keeps the reference alone), and is another check than the one chosen
    assert [json.loads(s.path.read_text()) for s in probes if s not in forced] == [{"const": None}]
    assert all(forced[s] is not fast_validator("news-item", s) for s in probes if s in forced)
    if SUITE.exists():
        assert checks.suite_fast > 100


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_scalar_text())
def test_fast_checks_agree_with_the_reference_on_yaml_values(checks: Checks, scalar: str) -> None:
    parsed, value = _yaml_value(scalar)
    if not parsed:
        return
    for place in (value, {"foo": value}, [value], {"foo": {"bar": [value]}}):
        for engine, setting, fast, reference in checks.items:
            _agree(fast, reference, place, f"{scalar!r} with {setting.path} ({engine})")
    # the project's schemas: every field of a real item (and page) given the value
    news_fast = fast_validator("news-item")
    assert news_fast is not None and checks.news_forced is not None
    for key in list(checks.news_base):
        data = {**checks.news_base, key: value}
        what = f"news-item .{key} = {scalar!r}"
        _agree(news_fast, validator("news-item"), data, what)
        _agree(checks.news_forced, validator("news-item"), data, what + " (fastjsonschema)")
    page_fast = fast_validator(checks.page_type)
    assert page_fast is not None
    for key in list(checks.page_base):
        data = {**checks.page_base, key: value}
        _agree(page_fast, validator(checks.page_type), data, f"{checks.page_type} .{key}")


@pytest.mark.parametrize("scalar", SPECIAL)
def test_every_special_scalar_in_every_bundled_schema(scalar: str) -> None:
    parsed, value = _yaml_value(scalar)
    assert parsed, scalar
    for name in bundled_names():
        fast = fast_validator(name)
        forced = forced_fastjsonschema(name)
        assert fast is not None and forced is not None, name
        for key in bundled(name).get("properties", {}):
            what = f"{name} .{key} = {scalar!r}"
            _agree(fast, validator(name), {key: value}, what)
            _agree(forced, validator(name), {key: value}, what + " (fastjsonschema)")


@pytest.mark.parametrize("scalar", SPECIAL)
def test_every_special_scalar_in_every_probe_by_both_engines(checks: Checks, scalar: str) -> None:
    """The probes by name, not only by hypothesis's draw: each fast engine, every special
    scalar, at the top and nested."""
    parsed, value = _yaml_value(scalar)
    assert parsed, scalar
    for place in (value, {"foo": value}, [value]):
        for engine, setting, fast, reference in checks.items:
            if setting.path not in checks.probes:
                continue
            _agree(fast, reference, place, f"{scalar!r} with {setting.path} ({engine})")


def test_non_string_keys_are_left_to_the_reference() -> None:
    fast = fast_validator("news-item")
    assert fast is not None
    assert fast({1: "x"}) is False  # the reference decides (and reports)
