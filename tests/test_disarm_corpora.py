"""The DISARM rules on the two real corpora in ``../shared`` (skipped, with the reason, when they
are absent): every page is read, and the real defects the corpora hold are reported once, at
their line. The corpora are read in place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from seedlint.core.source import read
from seedlint.disarm.parser import parse_page
from tests.conftest import SEEDS
from tests.helpers import check_json

MINE = ("D0", "D1", "D2", "D3", "D4")
# the rules of this module's issue (other D rules, such as fixers' checks, are not judged here)
CODES = {
    "D001",
    "D002",
    "D003",
    "D004",
    "D101",
    "D102",
    "D103",
    "D104",
    "D105",
    "D106",
    "D201",
    "D202",
    "D203",
    "D204",
    "D205",
    "D301",
    "D302",
    "D303",
    "D401",
    "D402",
    "D403",
    "D404",
}


def run(capsys: Any, root: Path) -> list[dict[str, Any]]:
    result = check_json(capsys, root)
    assert result.code in (0, 1), result.err
    return [f for f in result.findings if f["code"] in CODES or f["code"].startswith("X")]


def at(found: list[dict[str, Any]], root: Path) -> set[tuple[str, str, int]]:
    return {(f["code"], Path(f["path"]).relative_to(root).as_posix(), f["line"]) for f in found}


@pytest.fixture
def old_findings(capsys: Any, disarm_old: Path) -> list[dict[str, Any]]:
    return run(capsys, disarm_old)


@pytest.fixture
def new_findings(capsys: Any, disarm_new: Path) -> list[dict[str, Any]]:
    return run(capsys, disarm_new)


@pytest.mark.parametrize("which", ["old", "new"])
def test_every_page_is_read_in_a_known_generation(
    which: str, disarm_old: Path, disarm_new: Path
) -> None:
    root = disarm_old if which == "old" else disarm_new
    generations: Counter[str | None] = Counter()
    for path in sorted(root.rglob("*.md")):
        page, problems = parse_page(read(path, 10_000_000), path)
        assert page is not None and problems == [], (path, problems)
        generations[page.generation] += 1
    assert generations[None] == 14  # the index pages
    expected = {"disarm-2023", "disarm-2022"} if which == "old" else {"disarm-2024b", "disarm-2022"}
    assert expected <= set(generations)


def _reported_once(found: list[dict[str, Any]]) -> None:
    keys = [(f["code"], f["path"], f["line"], f["column"], f["message"]) for f in found]
    assert len(keys) == len(set(keys))
    assert not [f for f in found if f["code"].startswith("X")], "internal errors"
    for f in found:
        # D104 reports files the run did not read (hidden), whose kind is not known
        assert f["kind"] == ("disarm" if f["code"] != "D104" else None)
        assert f["line"] >= 1 and f["column"] >= 1


def test_old_corpus_defects(old_findings: list[dict[str, Any]], disarm_old: Path) -> None:
    _reported_once(old_findings)
    found = at(old_findings, disarm_old)
    for defect in [
        # the file name has a space: 'techniques/T0039 .md'
        ("D102", "techniques/T0039 .md", 1),
        # 'T00143.004' in the quoted incident description (and its copies)
        ("D101", "incidents/I00069.md", 24),
        ("D101", "detections_index.md", 343),
        # "noun|linking verb|noun/verb/adjective|" splits the row into 5 cells
        ("D301", "incidents/I00080.md", 24),
        ("D301", "techniques/T0097.102.md", 11),
        # a description ending in a line break: the row's last ' |' is on the next line
        ("D301", "incidents/I00082.md", 26),
        ("D301", "incidents/I00085.md", 18),
        # the incident-technique table written four times over
        ("D303", "incidents/I00076.md", 25),
        ("D303", "techniques/T0056.md", 44),
        # the page generated for a spreadsheet row without an ID
        ("D104", "incidents/.md", 1),
        # index pages linking into directories the corpus does not have
        ("D201", "detections_index.md", 13),
        ("D201", "responsetype_index.md", 10),
        # names that are not their ID's title
        ("D205", "incidents/I00088.md", 24),
        ("D205", "tactics/TA04.md", 20),
        ("D204", "counters/C00074.md", 3),
        ("D004", "techniques/T0001.md", 3),
    ]:
        assert defect in found, defect
    codes = Counter(f["code"] for f in old_findings)
    assert codes["D303"] == 8 and codes["D104"] == 1 and codes["D102"] == 1


def test_new_corpus_defects(new_findings: list[dict[str, Any]], disarm_new: Path) -> None:
    _reported_once(new_findings)
    found = at(new_findings, disarm_new)
    for defect in [
        ("D101", "incidents/I00113.md", 26),  # T00145.006
        ("D301", "incidents/I00096.md", 18),  # the Authors cell starts on the next line
        ("D301", "incidents/I00080.md", 27),
        ("D303", "incidents/I00129.md", 27),
        ("D201", "incidents/I00111.md", 18),  # [-](-)
        ("D201", "tactics/TA04.md", 20),  # a technique that no longer exists
        ("D204", "incidents/I00108.md", 24),  # T0143.208: Social Cause Persona
        ("D205", "incidents/I00110.md", 24),  # 'Bypass Content Bocking'
        ("D205", "tactics/TA03.md", 11),
        ("D104", "incidents/.md", 1),
    ]:
        assert defect in found, defect
    messages = {f["message"] for f in new_findings}
    assert (
        "'T0121.001: Bypass Content Bocking' does not match the title of T0121.001's page: "
        "'Bypass Content Blocking' (also on lines 25, 26, 27, 28, 29)"
    ) in messages


def test_valid_pages_give_no_finding(new_findings: list[dict[str, Any]], disarm_new: Path) -> None:
    """Pages of the newer corpus without any of the corpus's defects are not reported."""
    reported = {Path(f["path"]).relative_to(disarm_new).as_posix() for f in new_findings}
    for clean in [
        "techniques/T0145.md",
        "techniques/T0086.002.md",
        "tactics/TA15.md",
        "phases/P01.md",
        "tasks/TK0001.md",
        "counters/C00006.md",
        "metatechniques/M001.md",
        "incidents/I00082.md",
        "phases_index.md",
        "disarm_red_framework.md",
        "tactics_index.md",
    ]:
        assert (disarm_new / clean).exists()
        assert clean not in reported, clean


def test_seed_page_in_its_corpus_reports_the_name_its_text_gets_wrong(
    capsys: Any, disarm_old: Path
) -> None:
    """The seed is ``techniques/T0145.002.md`` of the older corpus: alone it passes; in its
    corpus, its text's 'T0097.106: Researcher Persona' meets T0097.106's title."""
    seed = SEEDS / "004_dde1f390f0f18e80.txt"
    page = disarm_old / "techniques" / "T0145.002.md"
    assert page.read_bytes() == seed.read_bytes()
    found = [f for f in run(capsys, disarm_old) if f["path"].endswith("techniques/T0145.002.md")]
    assert [(f["code"], f["line"]) for f in found] == [("D205", 12)]
    assert "'T0097.106: Researcher Persona'" in found[0]["message"]
    assert "'Recruiter Persona'" in found[0]["message"]
