"""News items: every rule fails on a defective variant of a real item and passes on the item."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NEWS_CORPUS, SEEDS, need
from tests.helpers import check_json

SEED_2020 = SEEDS / "002_2b530dd3ad88a63d.txt"  # originalUrl/webUrl generation, LF
SEED_2019 = SEEDS / "003_7cf7198c8ccd10f9.txt"  # sourceUrl/ampUrl generation
CRLF_ITEM = (
    "2020-09-23-as-low-code-competition-grows-microsoft-integrates-power-apps-"
    "with-github-and-teams.md"
)


def variant(tmp_path: Path, source: Path, edit: Any = None, name: str | None = None) -> Path:
    """A copy of a real item, optionally edited (``edit(text) -> text``), newline preserved."""
    raw = source.read_bytes().decode("utf-8")
    target = tmp_path / (name or source.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((edit(raw) if edit else raw).encode("utf-8"))
    return target


def replace_line(old: str, new: str) -> Any:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


def only(capsys: Any, path: Path, *extra: str) -> list[dict[str, Any]]:
    result = check_json(capsys, path, *extra)
    assert result.code in (0, 1), result.err
    return result.findings


def test_seed_items_are_valid(capsys: Any, tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("00[0-3]_*.txt")):
        assert only(capsys, variant(tmp_path, seed)) == [], seed.name


def test_missing_title_is_reported_at_the_mapping(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020, replace_line('title: "Facebook removes', 'note: "x'))
    findings = only(capsys, path)
    missing = [f for f in findings if "missing required property 'title'" in f["message"]]
    assert len(missing) == 1
    assert missing[0]["code"] == "N001" and missing[0]["line"] == 2
    assert missing[0]["json_path"] == "$.title"


def test_typo_in_key_gets_did_you_mean(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020, replace_line('title: "Facebook', 'titel: "Facebook'))
    findings = only(capsys, path)
    typo = [f for f in findings if "titel" in f["message"]]
    assert len(typo) == 1
    assert typo[0]["line"] == 3 and typo[0]["column"] == 1
    assert "did you mean 'title'" in typo[0]["message"]


@pytest.mark.parametrize(
    ("old", "new", "line", "json_path", "keyword"),
    [
        ("heat: 107", 'heat: "107"', 12, "$.heat", "type"),
        ("heat: 107", "heat: -2", 12, "$.heat", "minimum"),
        ("type: article", "type: blog", 10, "$.type", "enum"),
        ("published: true", "published: maybe", 13, "$.published", "type"),
        (
            "publishedDateTime: 2020-09-23T16:53:00Z",
            "publishedDateTime: 2020-09-31T16:53:00Z",
            5,
            "$.publishedDateTime",
            "format",
        ),
        (
            "publishedDateTime: 2020-09-23T16:53:00Z",
            "publishedDateTime: 2020-09-23",
            5,
            "$.publishedDateTime",
            "format",
        ),
        (
            'webUrl: "https://thenextweb.com/neural',
            'webUrl: "https://thenextweb.com/ neural',
            7,
            "$.webUrl",
            "pattern",
        ),
        ('originalUrl: "https://', 'originalUrl: "ftp://', 6, "$.originalUrl", "pattern"),
        (
            '    - url: "https://smartableai',
            '    - url: "htps://smartableai',
            19,
            "$.provider.images[0].url",
            "pattern",
        ),
        ("      width: 50", "      width: 0", 20, "$.provider.images[0].width", "minimum"),
        ("    width: 796", "    width: 79.6", 30, "$.images[0].width", "type"),
        (
            "  domain: thenextweb.com",
            "  domain: https://thenextweb.com/",
            17,
            "$.provider.domain",
            "pattern",
        ),
        ('secured: "', 'secured: "!', None, "$.secured", "pattern"),
    ],
)
def test_schema_violation_is_reported_once_at_the_value(
    capsys: Any,
    tmp_path: Path,
    old: str,
    new: str,
    line: int | None,
    json_path: str,
    keyword: str,
) -> None:
    path = variant(tmp_path, SEED_2020, replace_line(old, new))
    findings = [f for f in only(capsys, path) if f["code"] == "N001"]
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding["json_path"] == json_path
    assert f"({keyword})" in finding["message"]
    if line is not None:
        assert finding["line"] == line


def test_unquoted_timestamp_is_checked_as_text(capsys: Any, tmp_path: Path) -> None:
    # an unquoted value that YAML would turn into a datetime stays the string written
    path = variant(tmp_path, SEED_2019)
    assert "publishedDateTime: 2019-12-20T20:43:00Z" in path.read_text("utf-8")
    assert only(capsys, path) == []


def test_item_without_any_article_url_gets_one_finding(capsys: Any, tmp_path: Path) -> None:
    def drop_urls(text: str) -> str:
        lines = text.split("\n")
        return "\n".join(
            ln
            for ln in lines
            if not ln.startswith(("originalUrl:", "webUrl:", "ampWebUrl:", "cdnAmpWebUrl:"))
        )

    findings = only(capsys, variant(tmp_path, SEED_2020, drop_urls))
    assert [f["code"] for f in findings] == ["N001"]
    assert "one of 'originalUrl', 'webUrl', 'sourceUrl'" in findings[0]["message"]


def test_nested_missing_property_points_at_its_mapping(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020, replace_line("  domain: thenextweb.com\n", ""))
    findings = only(capsys, path)
    assert [(f["code"], f["line"], f["json_path"]) for f in findings] == [
        ("N001", 16, "$.provider.domain")
    ]


def test_filename_date_mismatch(capsys: Any, tmp_path: Path) -> None:
    good = variant(tmp_path, SEED_2020, name="2020-09-24-facebook-removes.md")  # one day later
    assert only(capsys, good) == []
    bad = variant(tmp_path, SEED_2020, name="2020-09-25-facebook-removes.md")
    findings = only(capsys, bad)
    assert [(f["code"], f["line"]) for f in findings] == [("N002", 5)]
    assert "2020-09-25" in findings[0]["message"]
    earlier = variant(tmp_path, SEED_2020, name="2020-09-22-facebook-removes.md")
    assert [f["code"] for f in only(capsys, earlier)] == ["N002"]


def test_duplicate_article_url_names_the_earlier_file(capsys: Any, tmp_path: Path) -> None:
    variant(tmp_path, SEED_2020, name="2020-09-23-a.md")
    variant(tmp_path, SEED_2020, name="2020-09-23-b.md")
    findings = only(capsys, tmp_path)
    assert [(f["code"], Path(f["path"]).name, f["line"]) for f in findings] == [
        ("N003", "2020-09-23-b.md", 6)
    ]
    assert "2020-09-23-a.md:6" in findings[0]["message"]


def test_distinct_items_have_no_duplicate(capsys: Any, tmp_path: Path) -> None:
    variant(tmp_path, SEED_2020, name="2020-09-23-a.md")
    variant(tmp_path, SEED_2019, name="2019-12-20-b.md")
    assert only(capsys, tmp_path) == []


def test_site_relative_image_must_exist_under_site_root(capsys: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_news").mkdir(parents=True)
    (site / "_config.yml").write_text("title: test\n")
    item = variant(site, SEED_2019, name="_news/2019-12-20-wsj.md")
    findings = only(capsys, item)
    assert [(f["code"], f["line"]) for f in findings] == [("N004", 18)]
    assert "/assets/images/organizations/wsj.com-50x50.jpg" in findings[0]["message"]
    image = site / "assets/images/organizations/wsj.com-50x50.jpg"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\xff\xd8")
    assert only(capsys, item) == []


def test_site_relative_image_without_site_root_is_not_checked(capsys: Any, tmp_path: Path) -> None:
    assert only(capsys, variant(tmp_path, SEED_2019)) == []


def test_site_relative_image_climbing_out_is_reported(capsys: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: test\n")
    item = variant(
        site,
        SEED_2019,
        replace_line("/assets/images/organizations/wsj.com-50x50.jpg", "/../../../etc/passwd"),
    )
    findings = only(capsys, item)
    assert [f["code"] for f in findings] == ["N004"]
    assert "climbs out" in findings[0]["message"]


def test_html_entity_in_url_once_per_url_at_the_entity(capsys: Any, tmp_path: Path) -> None:
    old = 'Untitled-design-92-796x417.png"'
    path = variant(tmp_path, SEED_2020, replace_line(old, old[:-1] + '?a=1&amp;b=2&amp;c=3"'))
    findings = only(capsys, path)
    assert len(findings) == 1
    f = findings[0]
    line = path.read_text("utf-8").split("\n")[f["line"] - 1]
    assert f["code"] == "N005" and f["line"] == 29
    assert line[f["column"] - 1 : f["end_column"] - 1] == "&amp;"
    assert f["json_path"] == "$.images[0].url"


def test_mixed_url_families(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020, replace_line("ampWebUrl:", "ampUrl:"))
    findings = only(capsys, path)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("N006", 8, 1)]


def test_heat_quality_rule_is_off_by_default(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020)  # quality 87, heat 107
    assert only(capsys, path) == []
    findings = only(capsys, path, "--extend-select", "N101")
    assert [(f["code"], f["line"]) for f in findings] == [("N101", 12)]


def test_crlf_item_positions_match_lf(capsys: Any, tmp_path: Path) -> None:
    source = need(NEWS_CORPUS) / "_news" / CRLF_ITEM
    assert b"\r\n" in source.read_bytes()
    edit = replace_line("heat: 106", "heat: high")
    crlf = variant(tmp_path / "crlf", source, edit)
    lf = variant(tmp_path / "lf", source, lambda t: edit(t).replace("\r\n", "\n"))
    a = [(f["code"], f["line"], f["column"]) for f in only(capsys, crlf)]
    b = [(f["code"], f["line"], f["column"]) for f in only(capsys, lf)]
    assert a == b and ("N001", 12, 7) in a


def test_bom_does_not_shift_positions(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020, replace_line("heat: 107", "heat: x"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [(f["code"], f["line"], f["column"]) for f in only(capsys, path)] == [("N001", 12, 7)]


def test_real_news_corpus_reports_exactly_its_real_defects(capsys: Any) -> None:
    corpus = need(NEWS_CORPUS)
    result = check_json(capsys, corpus)
    assert result.code == 1
    got = sorted((Path(f["path"]).name, f["code"], f["line"], f["column"]) for f in result.findings)
    assert got == [
        # an image URL copied from HTML: '&#038;' instead of '&'
        ("2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md", "N005", 21, 95),
        # the same blog post filed twice, six weeks apart
        ("2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md", "N003", 6, 14),
    ]
    assert "192 files checked" in result.err


@pytest.mark.parametrize("name", ["news-item"])
def test_bundled_schema_is_valid_json_schema(name: str) -> None:
    from jsonschema import Draft202012Validator

    from seedlint.news.schemas import bundled

    Draft202012Validator.check_schema(bundled(name))


def test_every_corpus_generation_copy_is_valid(capsys: Any, tmp_path: Path) -> None:
    """Each URL generation of the real corpus passes on its own (2019, 2020-21 with and
    without amp URLs)."""
    corpus = need(NEWS_CORPUS) / "_news"
    for name in (
        "2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md",
        "2020-09-22-azure-api-management-connector-on-the-power-platform.md",
        CRLF_ITEM,
    ):
        shutil.copy(corpus / name, tmp_path / name)
    assert only(capsys, tmp_path) == []


def test_quality_heat_published_come_together(capsys: Any, tmp_path: Path) -> None:
    path = variant(tmp_path, SEED_2020, replace_line("heat: 107\n", ""))
    findings = only(capsys, path)
    assert [(f["code"], f["line"], f["json_path"]) for f in findings] == [("N008", 2, "$.heat")]
    assert "quality and published" in findings[0]["message"]

    def drop_all(text: str) -> str:
        for line in ("quality: 87\n", "heat: 107\n", "published: true\n"):
            text = text.replace(line, "", 1)
        return text

    assert only(capsys, variant(tmp_path, SEED_2020, drop_all, name="2020-item.md")) == []


def test_topics_must_not_be_empty(capsys: Any, tmp_path: Path) -> None:
    def empty_topics(text: str) -> str:
        return text.replace(
            "topics:\n  - Machine Learning\n  - AI\n  - Facebook AI\n", "topics: []\n"
        )

    findings = only(capsys, variant(tmp_path, SEED_2020, empty_topics))
    assert [(f["code"], f["line"], f["json_path"]) for f in findings] == [("N001", 23, "$.topics")]


def test_a_misspelt_key_is_one_finding(capsys: Any, tmp_path: Path) -> None:
    def misspell(text: str) -> str:
        return text.replace("title:", "titel:", 1).replace("quality:", "qualty:", 1)

    findings = only(capsys, variant(tmp_path, SEED_2020, misspell))
    assert [(f["code"], f["line"]) for f in findings] == [("N001", 3), ("N001", 11)]
    assert "did you mean 'quality'" in findings[1]["message"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://www.axios.com/a.html", "https://www.axios.com/a.html"),  # already normal
        ("https://www.axios.com/a/", "https://WWW.axios.com/a"),
        ("http://x.org/a?b=1#top", "http://X.ORG/a/?b=1"),
    ],
)
def test_the_same_article_url_in_any_spelling_is_a_duplicate(
    first: str, second: str, capsys: Any, tmp_path: Path
) -> None:
    for name, url in (("2020-09-23-a.md", first), ("2020-09-23-b.md", second)):
        variant(tmp_path, SEED_2020, name=name, edit=lambda t, u=url: _with_article_url(t, u))
    findings = only(capsys, tmp_path)
    assert [(f["code"], Path(f["path"]).name) for f in findings] == [("N003", "2020-09-23-b.md")]


def _with_article_url(text: str, url: str) -> str:
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith(("originalUrl:", "webUrl:")):
            end = "\r\n" if line.endswith("\r\n") else "\n"
            lines[number] = f"{line.split(':', 1)[0]}: {url}{end}"
    return "".join(lines)
