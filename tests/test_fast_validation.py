"""The fast schema check agrees with the reference validator (jsonschema) on every real news item
and on many mutated ones, so that skipping the reference for documents the fast check accepts
never loses a finding; and the RFC 3339 check gives strptime's answers without its cost."""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedlint.config.settings import SchemaSetting
from seedlint.core.source import read
from seedlint.news import schemas as schema_loader
from seedlint.news.frontmatter import parse
from seedlint.news.schemas import (
    _VALID_RFC3339,
    fast_validator,
    is_rfc3339,
    rust_pattern,
    validator,
)

SCHEMA = "news-item"
DEFAULT = SchemaSetting()


def _documents(corpus: Path) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted((corpus / "_news").glob("*.md")):
        front = parse(read(path, 1 << 22))
        assert front is not None and isinstance(front.data, dict), path
        out.append((path.name, front.data))
    return out


def _reference_valid(data: Any, setting: SchemaSetting = DEFAULT) -> bool:
    return not any(True for _ in validator(SCHEMA, setting).iter_errors(data))


def _agree(data: Any, setting: SchemaSetting = DEFAULT) -> None:
    fast = fast_validator(SCHEMA, setting)
    assert fast is not None
    assert fast(data) == _reference_valid(data, setting), json.dumps(data, default=str)[:400]


# --- mutations -------------------------------------------------------------------------------

PathT = tuple[str | int, ...]


def _paths(value: Any, path: PathT = ()) -> Iterator[tuple[PathT, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _set(data: Any, path: PathT, value: Any) -> Any:
    out = copy.deepcopy(data)
    if not path:
        return value
    parent = out
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return out


def _delete(data: Any, path: PathT) -> Any:
    out = copy.deepcopy(data)
    parent = out
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return out


# values a user (or a broken generator) writes where a string, a number, a list is expected
REPLACEMENTS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -2,
    1,
    57,
    1.0,
    1.5,
    float("nan"),
    "",
    " ",
    "57",
    "x",
    [],
    {},
    ["a"],
    {"a": 1},
]
# strings that probe the regular expressions (whitespace classes, anchors, Unicode digits)
STRINGS = [
    "https://example.com/a",
    "https://example.com/a\n",
    "https://example.com/a b",
    "https://exa\x1cmple.com",
    "https://example.com/\u00a0",
    "http://x",
    "ftp://example.com",
    "/assets/images/x.jpg",
    "//example.com/x.jpg",
    "\x1c",
    "\u2003",
    "\t",
    "a\n",
    "\n",
    "2019-08-19T21:00:10Z",
    "2019-08-19t21:00:10z",
    "2019-08-19T21:00:10Z\n",
    "2019-02-29T00:00:00Z",
    "2020-02-29T00:00:00Z",
    "2019-08-19T24:00:00Z",
    "2019-08-19T23:59:60Z",
    "2019-08-19T21:00:10.123+02:00",
    "2019-08-19 21:00:10Z",
    "\u0662\u0660\u0661\u0669-08-19T21:00:10Z",
    "2019-\u0660\u0668-19T21:00:10Z",
    "0000-01-01T00:00:00Z",
    "microsoft.com",
    "microsoft.com\n",
    "-microsoft.com",
    "a." + "b" * 63 + ".com",
    "localhost",
    "article",
    "video",
    "Article",
    "news",
    "abcd;" + "A" * 22 + "==",
    "abcd;" + "A" * 22 + "==\n",
    ";" + "A" * 22 + "==",
    "abc=;" + "A" * 22 + "==",
    "ab==;" + "A" * 21 + "==",
    "T0145.002",
    "T0145\n",
    "TA15",
    "TA1",
    "T\u0661\u0662\u0663\u0664",
    "M004",
]


def _mutations(data: dict[str, Any]) -> Iterator[Any]:
    for path, value in list(_paths(data)):
        if path:
            yield _delete(data, path)
        for replacement in REPLACEMENTS:
            yield _set(data, path, replacement)
        if isinstance(value, str):
            for text in STRINGS:
                yield _set(data, path, text)
        if isinstance(value, dict):
            yield _set(data, path, {**value, "unknownKey": "x"})
            yield _set(data, path, {**value, "titel": "x"})
        if isinstance(value, list) and value:
            yield _set(data, path, [*value, value[0]])  # a duplicate item
            yield _set(data, path, [*value, True, 1])


def _representatives(docs: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """One document of every shape: each URL family, with and without related items, images,
    provider images, quality."""
    chosen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for _, data in docs:
        shape = (
            tuple(k for k in ("originalUrl", "webUrl", "sourceUrl") if k in data),
            "related" in data,
            "images" in data,
            "images" in data.get("provider", {}),
            "quality" in data,
        )
        chosen.setdefault(shape, data)
    return list(chosen.values())


# --- tests -----------------------------------------------------------------------------------


def test_every_real_item_agrees(news_corpus: Path) -> None:
    docs = _documents(news_corpus)
    assert len(docs) >= 100
    for _, data in docs:
        _agree(data)


def test_mutated_items_agree(news_corpus: Path) -> None:
    docs = _representatives(_documents(news_corpus))
    assert len(docs) >= 3
    checked = invalid = 0
    for data in docs:
        for mutated in _mutations(data):
            _agree(mutated)
            checked += 1
            invalid += not _reference_valid(mutated)
    # the mutations do reach both answers, many times over
    assert checked > 2000 and 500 < invalid < checked


def test_mutated_items_agree_with_extra_properties_allowed(news_corpus: Path) -> None:
    setting = SchemaSetting(allow_extra_properties=True)
    data = _representatives(_documents(news_corpus))[0]
    for mutated in itertools.islice(_mutations(data), 400):
        _agree(mutated, setting)


def test_user_schema_with_unvetted_keywords_has_no_fast_check(tmp_path: Path) -> None:
    """Keywords the fast check does not implement exactly as Draft 2020-12 leave only the
    reference: prefixItems, a $ref with siblings (draft 7 ignores them), numeric enums (True
    equals 1 in Python), another $schema."""
    schemas = {
        "prefix": {"type": "object", "properties": {"a": {"prefixItems": [{"type": "string"}]}}},
        "ref-siblings": {
            "$defs": {"s": {"type": "string"}},
            "properties": {"a": {"$ref": "#/$defs/s", "minLength": 3}},
        },
        "numeric-enum": {"properties": {"a": {"enum": [0, 1]}}},
        "draft7": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},
        "unevaluated": {"unevaluatedProperties": False},
        "remote-ref": {"properties": {"a": {"$ref": "https://example.com/s.json"}}},
    }
    for name, schema in schemas.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(schema))
        assert fast_validator(SCHEMA, SchemaSetting(path=path)) is None, name
    plain = tmp_path / "plain.json"
    plain.write_text(
        json.dumps(
            {
                "type": "object",
                "required": ["title"],
                "properties": {"title": {"type": "string", "pattern": "\\S"}},
            }
        )
    )
    fast = fast_validator(SCHEMA, SchemaSetting(path=plain))
    assert fast is not None
    assert fast({"title": "x"}) and not fast({"title": " "}) and not fast({})


def test_n001_findings_do_not_depend_on_the_fast_check(
    news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The findings on mutated items are the reference's, with the fast check or without it."""
    from seedlint.config.settings import Settings
    from seedlint.core.context import Context
    from seedlint.core.document import NewsDocument
    from seedlint.validators import news_schema

    path = sorted((news_corpus / "_news").glob("*.md"))[0]
    source = read(path, 1 << 22)
    ctx = Context(Settings())

    def findings(data: Any) -> list[tuple[Any, ...]]:
        front = parse(source)
        assert front is not None
        front.data = data
        doc = NewsDocument(path, path.name, source, "news", front)
        return [(v.span, v.message, v.json_path) for v in news_schema.check(doc, ctx)]

    base = parse(source)
    assert base is not None
    mutated = list(itertools.islice(_mutations(base.data), 0, None, 7))
    with_fast = [findings(m) for m in mutated]
    monkeypatch.setattr(news_schema, "fast_validator", lambda *a: None)
    without = [findings(m) for m in mutated]
    assert with_fast == without
    assert sum(1 for f in with_fast if f) > 50


_ASCII_DIGITS = frozenset("0123456789")


def _spec_answer(value: str) -> bool | str:
    """RFC 3339 section 5.6 read field by field (the oracle): False when the text is not of the
    grammar, "invalid" when a field is out of its range, True when it is a date-time."""

    def number(text: str) -> int | None:
        return int(text) if text and set(text) <= _ASCII_DIGITS else None

    if len(value) < 20 or value[4] + value[7] + value[13] + value[16] != "--::":
        return False
    fields = [number(value[a:b]) for a, b in ((0, 4), (5, 7), (8, 10), (11, 13), (14, 16))]
    second = number(value[17:19])
    if value[10] not in "Tt" or second is None or None in fields:
        return False
    rest = value[19:]
    if rest.startswith("."):
        digits = len(rest) - len(rest[1:].lstrip("0123456789"))
        if digits == 1:
            return False
        rest = rest[digits:]
    offset = 0
    if rest in ("Z", "z"):
        pass
    elif len(rest) == 6 and rest[0] in "+-" and rest[3] == ":":
        hours, minutes = number(rest[1:3]), number(rest[4:6])
        if hours is None or minutes is None:
            return False
        if hours > 23 or minutes > 59:
            return "invalid"
        offset = (hours * 60 + minutes) * (1 if rest[0] == "+" else -1)
    else:
        return False
    year, month, day, hour, minute = (f for f in fields if f is not None)
    if not 1 <= month <= 12 or hour > 23 or minute > 59 or second > 60:
        return "invalid"
    leap = year % 400 == 0 or (year % 4 == 0 and year % 100 != 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    if not 1 <= day <= days:
        return "invalid"
    if second == 60 and (hour * 60 + minute - offset) % 1440 != 1439:
        return "invalid"  # a leap second is the last second of a UTC day
    return True


def _answer(value: str) -> bool | str:
    try:
        return is_rfc3339(value)
    except ValueError:
        return "invalid"


def test_rfc3339_dates_as_the_rfc_says() -> None:
    for year in ("0000", "0001", "1900", "1999", "2000", "2004", "2019", "2100", "9999"):
        for month, day in itertools.product(range(14), range(33)):
            value = f"{year}-{month:02d}-{day:02d}T12:00:00Z"
            assert _answer(value) == _spec_answer(value), value


def test_rfc3339_times_and_offsets_as_the_rfc_says() -> None:
    zones = ("Z", ".5+01:00", "z", "-08:00", "+23:59", "-24:00", "+10:60", "+00:00", "-00:00")
    for hour, minute, second in itertools.product(range(26), range(62), (0, 1, 59, 60, 61)):
        for zone in zones:
            value = f"2020-02-29T{hour:02d}:{minute:02d}:{second:02d}{zone}"
            assert _answer(value) == _spec_answer(value), value


def test_rfc3339_odd_values_as_the_rfc_says() -> None:
    odd = ["2019-08-19T21:00:10", "2019-8-19T21:00:10Z", "x", "", "2019-08-19T21:00:10.Z"]
    for value in [*STRINGS, *odd]:
        assert _answer(value) == _spec_answer(value), value
    assert is_rfc3339(57) is True  # not a string: the type keyword reports it


def test_what_rfc3339_does_not_allow() -> None:
    """Offsets out of range, digits other than ASCII ones, a trailing newline (what a block
    scalar ``publishedDateTime: |`` gives), a leap second that is not at 23:59 UTC."""
    for value in [
        "1990-12-31T15:59:59-24:00",
        "1990-12-31T10:00:00+10:60",
        "1963-06-1\u09eaT00:00:00Z",
        "1963-06-11T0\u09ea:00:00Z",
        "\u0968\u0966\u0967\u096f-08-19T21:00:10Z",
        "1985-04-12T23:20:50Z\n",
        "1998-12-31T22:59:60Z",
        "1998-12-31T23:59:61Z",
    ]:
        assert _answer(value) is not True, value
        assert not schema_loader._date_time_ok(value), value
    for value in ["1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "0000-02-29T00:00:00Z"]:
        assert _answer(value) is True and schema_loader._date_time_ok(value), value


def test_the_format_checker_stays_importable() -> None:
    checker = schema_loader.FORMAT_CHECKER
    assert checker.conforms("2019-08-19T21:00:10Z", "date-time")
    assert not checker.conforms("2019-02-30T21:00:10Z", "date-time")


def test_building_the_fast_check_leaves_the_schema_alone(tmp_path: Path) -> None:
    """fastjsonschema rewrites the $refs of the schema it compiles; the reference validator
    shares the loaded schema, so the fast check must compile a copy."""
    path = tmp_path / "schema.json"
    path.write_text(schema_loader.bundled_text(SCHEMA))
    setting = SchemaSetting(path=path)
    before = json.dumps(schema_loader.load(SCHEMA, setting), sort_keys=True)
    assert fast_validator(SCHEMA, setting) is not None
    assert json.dumps(schema_loader.load(SCHEMA, setting), sort_keys=True) == before


# --- DISARM pages ------------------------------------------------------------------------------


def _pages(*roots: Path) -> list[tuple[str, dict[str, Any]]]:
    """(schema name, data) of every DISARM page whose type has a bundled schema."""
    from seedlint.disarm.parser import parse_page

    names = set(schema_loader.bundled_names())
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.md")):
            page, _ = parse_page(read(path, 1 << 22), path)
            if page is not None and f"disarm-{page.page_type}" in names:
                out.append((f"disarm-{page.page_type}", page.to_data()))
    return out


def _agree_with(name: str, data: Any) -> None:
    fast = fast_validator(name)
    assert fast is not None, name
    reference = not any(True for _ in validator(name).iter_errors(data))
    assert fast(data) == reference, (name, json.dumps(data, default=str)[:400])


def test_every_real_disarm_page_agrees(disarm_old: Path, disarm_new: Path) -> None:
    pages = _pages(disarm_old, disarm_new)
    assert len(pages) > 1000
    assert len({name for name, _ in pages}) >= 8  # every page type
    for name, data in pages:
        _agree_with(name, data)


def test_mutated_disarm_pages_agree(disarm_old: Path, disarm_new: Path) -> None:
    chosen: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for name, data in _pages(disarm_old, disarm_new):
        chosen.setdefault((name, tuple(sorted(data))), data)
    checked = 0
    for (name, _), data in chosen.items():
        for mutated in itertools.islice(_mutations(data), 300):
            _agree_with(name, mutated)
            checked += 1
    assert checked > 2000


# --- the compiled fast check's regular expressions ---------------------------------------------

PORTABLE = [
    r"\S",
    r"^https?://[^\s]+$",
    r"^(https?://|/)[^\s]+$",
    r"^a\sb$",
    r"^[a-z$]+$",
    r"x$|^y",
    r"^(?=.{1,5}$)[a-z]+(?:\.[a-z]+)*$",
    r"^(?!ab)[ab\-]{2,3}\.?$",
]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.-/:$ \n\t\x1c\x1f\xa0\u2003xyz", max_size=12))
def test_translated_patterns_match_as_pythons_re_search(text: str) -> None:
    for pattern in PORTABLE:
        translated = rust_pattern(pattern)
        assert translated is not None, pattern
        check = jsonschema_rs.validator_for({"type": "string", "pattern": translated})
        assert check.is_valid(text) == (re.search(pattern, text) is not None), (pattern, text)


def test_patterns_that_differ_in_rust_are_not_translated() -> None:
    refused = (r"\d", r"\w+", r"\bx", r"(?i)a", r"(?P<n>a)", r"[]a]", r"[[a]]", r"[a&&b]", "\\")
    for pattern in refused:
        assert rust_pattern(pattern) is None, pattern


def test_the_news_schema_gets_the_compiled_check_and_a_d_pattern_does_not(tmp_path: Path) -> None:
    assert "_rust_validator" in getattr(fast_validator(SCHEMA, DEFAULT), "__qualname__", "")
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"id": {"pattern": r"^\d+$"}}}))
    fast = fast_validator(SCHEMA, SchemaSetting(path=str(schema)))
    assert fast is not None and "_python_validator" in fast.__qualname__
    assert fast({"id": "12"}) and not fast({"id": "x"})


def _rfc3339_answer(value: str) -> bool:
    try:
        return is_rfc3339(value)
    except ValueError:
        return False


def test_the_one_expression_date_time_check_is_is_rfc3339_on_ascii() -> None:
    """The fast validator's date-time check answers from one regular expression when it can:
    it accepts exactly the date-times is_rfc3339() accepts (leap years included) but leap
    seconds, which go to is_rfc3339()."""
    years = ["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2019", "2020", "2100", "9999"]
    dates = [f"{y}-{m:02d}-{d:02d}" for y in years for m in range(14) for d in range(33)]
    times = ["00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "9:00:00", "12:00"]
    tails = ["Z", "z", "+02:00", "-99:99", ".5Z", ".Z", "Z\n", "Z ", "", "+0200", "-24:00"]
    tails += ["+10:60", "+23:59", "-00:00"]
    values = [f"{d}T12:00:00Z" for d in dates]
    values += [f"2020-02-29{s}{t}{z}" for s in "Tt " for t in times for z in tails]
    accepted = 0
    for value in values:
        fast = _VALID_RFC3339.fullmatch(value) is not None
        leap_second = value[17:19] == "60"
        assert fast == (_rfc3339_answer(value) and not leap_second), value
        assert schema_loader._date_time_ok(value) == _rfc3339_answer(value), value
        accepted += fast
    assert 1000 < accepted < len(values)


@settings(max_examples=2000, deadline=None)
@given(
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}[.0-9]*[Zz+:0-9-]*\n?")
)
def test_the_one_expression_date_time_check_on_generated_values(value: str) -> None:
    fast = _VALID_RFC3339.fullmatch(value) is not None
    assert fast == (_rfc3339_answer(value) and value[17:19] != "60"), value
    assert (
        schema_loader._date_time_ok(value)
        == _rfc3339_answer(value)
        == (_spec_answer(value) is True)
    ), value
