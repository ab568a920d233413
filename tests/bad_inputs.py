"""A catalogue of hostile and broken inputs (issue 8), built in a temporary directory.

Every :class:`Case` writes its files under a directory (the test's working directory), names
the paths to check, and says what a user must see: the exit code and the findings (code, path
and, where it is meaningful, the position) that must be among those reported. Positions are
computed from the text the case builds (the line it broke), never copied from seedlint's output.

The cases start from the repository's seeds (a valid news item, a valid DISARM page), so the
catalogue runs without the shared corpora.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = (ROOT / "seeds" / "000_826817a14694072e.txt").read_text("utf-8")
DISARM = (ROOT / "seeds" / "004_dde1f390f0f18e80.txt").read_text("utf-8")
MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"
# written by a tag that must never be constructed; its existence proves a side effect
PWNED = "PWNED"
# the content of a file outside the checked tree that must never be read
CANARY = "CANARY-7f3a: this file lies outside the checked tree"


@dataclass(frozen=True)
class Expect:
    """A finding that must be reported: ``line``/``column`` ``None`` means any."""

    code: str
    path: str
    line: int | None = None
    column: int | None = None
    says: str | None = None  # a word the message must contain


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], list[str]]  # writes files under the directory; the paths to check
    expect: tuple[Expect, ...]
    exit: int = 1
    config: str | None = None  # seedlint.toml written in the directory and passed by --config
    subprocess: bool = False  # also run through ``python -m seedlint`` (tracebacks, hangs)
    unexpected: tuple[str, ...] = ("X001", "X002")  # codes that must not appear
    only_expected: bool = False  # no finding but those expected


# --- text helpers -------------------------------------------------------------------------------


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` line containing ``needle``."""
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            count += 1
            if count == nth:
                return number
    raise AssertionError(f"{needle!r} not in the text")


def column_of(text: str, needle: str, line: int | None = None) -> int:
    """1-based column of ``needle`` on ``line`` (default: the first line holding it)."""
    number = line if line is not None else line_of(text, needle)
    return text.splitlines()[number - 1].index(needle) + 1


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def insert_after(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines.insert(number, new)
    return "\n".join(lines)


def variant(text: str, name: str) -> str:
    """``text`` with article URLs of its own (one article is one item: N003)."""
    return text.replace("axios.com/facebook-", f"axios.com/{name}-")


def news_with(**changes: str) -> str:
    """The seed news item with top-level ``key: value`` lines replaced."""
    text = NEWS
    for key, value in changes.items():
        text = replace_line(text, line_of(text, f"{key}:"), f"{key}: {value}")
    return text


def write(directory: Path, name: str, content: str | bytes) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return name


def one(name: str, content: str | bytes) -> Callable[[Path], list[str]]:
    return lambda d: [write(d, name, content)]


QUALITY = line_of(NEWS, "quality: 57")  # a top-level line that a type error is put on
QUALITY_COLUMN = len("quality: ") + 1


# --- news items: YAML front matter --------------------------------------------------------------

_UNTERMINATED = NEWS[: NEWS.rindex("\n---")] + "\n"
_TABBED = replace_line(NEWS, line_of(NEWS, "  name: Axios"), "\tname: Axios")
_TAB_LINE = line_of(NEWS, "  name: Axios")

_UNCLOSED_QUOTE = replace_line(NEWS, 3, 'title: "Facebook purges accounts')
_BAD_INDENT = replace_line(NEWS, line_of(NEWS, "  domain: axios.com"), "   domain: axios.com")
_UNCLOSED_FLOW = replace_line(NEWS, line_of(NEWS, "  - AI"), "  - [AI")
_COLON = replace_line(NEWS, line_of(NEWS, "type: article"), "type: article: x")
_ALIAS = replace_line(NEWS, line_of(NEWS, "type: article"), "type: *nothing")
_LAST = replace_line(NEWS, line_of(NEWS, "secured:"), 'secured: "abc')
_STRAY = replace_line(NEWS, line_of(NEWS, "heat: -1"), "heat: [-1]]")

_DUP_TOP = insert_after(NEWS, line_of(NEWS, "published: false"), "type: video")
_DUP_2 = insert_after(NEWS, line_of(NEWS, "  domain: axios.com"), "  name: Axios Media")
_DUP_3 = insert_after(NEWS, line_of(NEWS, "    height: 393"), "    width: 800")
_DUP_4 = insert_after(NEWS, line_of(NEWS, "      domain: nbcnews.com"), "      name: NBC Universal")
_DUP_FLOW = replace_line(NEWS, line_of(NEWS, "  - AI"), "  - {a: 1, a: 2}")

_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(8)
    )
    + "---\n"
)
# the values counted pass 50,000 in the value of "e" (1 + 10 + 91 + 820 + 7381 before it, then
# 66430 in it): the finding is at that top-level key
_BOMB_KEY_LINE = line_of(_BOMB, "e: &e")
_SMALL_ALIASES = (
    "---\nbase: &b [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
    + "".join(f"k{i}: *b\n" for i in range(20))
    + "---\n"
)


def _tags(d: Path) -> list[str]:
    text = news_with(title=f'!!python/object/apply:os.system ["touch {PWNED}"]')
    return [write(d, "tag.md", text)]


_MORE_TAGS = {
    "title": f'!!python/object/new:subprocess.Popen [["touch", "{PWNED}"]]',
    "excerpt": "!!python/name:os.system",
    "type": "!!python/module:os",
    "category": "!custom news",
    "secured": "!!binary aGVsbG8=",
}


def _more_tags(d: Path) -> list[str]:
    text = news_with(**_MORE_TAGS)
    text = insert_after(text, 1, f'? !!python/object/apply:os.system ["touch {PWNED}"]\n: x')
    return [write(d, "tags.md", text)]


def _more_tags_expect() -> tuple[Expect, ...]:
    text = news_with(**_MORE_TAGS)
    out = [Expect("Y004", "tags.md", line_of(text, f"{key}:") + 2) for key in _MORE_TAGS]
    return (
        *out,
        Expect("Y004", "tags.md", 2, 3, says="python/object/apply"),
        Expect("Y001", "tags.md", 2, 3, says="keys must be plain values"),
    )


# --- encodings, bytes, line endings -------------------------------------------------------------

_LATIN1 = news_with(title='"Café purges accounts"').encode("latin-1", "replace")
_NUL_LINE = QUALITY


def _nul(d: Path) -> list[str]:
    text = replace_line(NEWS, _NUL_LINE, "quality: 5\x007")
    return [write(d, "nul.md", text)]


def _bad_quality() -> str:
    return replace_line(NEWS, QUALITY, "quality: high")


def _crlf_mixed(d: Path) -> list[str]:
    lines = _bad_quality().split("\n")
    # CRLF on every other line, one lone CR ending, the rest LF
    out = []
    for index, line in enumerate(lines[:-1]):
        out.append(line + ("\r\n" if index % 2 else "\n"))
    out[4] = out[4].rstrip("\r\n") + "\r"
    out.append(lines[-1])
    return [write(d, "crlf.md", "".join(out))]


# --- sizes --------------------------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def _long_line(d: Path) -> list[str]:
    text = replace_line(_bad_quality(), 3, 'title: "' + "a" * TEN_MB + '"')
    return [write(d, "long.md", text)]


def _huge(d: Path) -> list[str]:
    write(d, "huge.md", NEWS + "\n" + ("padding " * 16 + "\n") * 30_000)
    return ["huge.md"]


def _sparse(d: Path) -> list[str]:
    with (d / "sparse.md").open("wb") as handle:
        handle.truncate(1024**3)  # 1 GiB that takes no disk: refused from its size
    return ["sparse.md"]


# --- DISARM pages -------------------------------------------------------------------------------

PAGE = "generated_pages/techniques/T0145.002.md"


def _page(extra_top: str = "", notes: str = "") -> str:
    head, _, _ = DISARM.partition(MARKER)
    return head + extra_top + MARKER + "\n" + notes


_BROKEN_TABLES = """
| Counters | Response types |
| -------- | -------------- |
| [C00029 Create fake website](../../generated_pages/counters/C00029.md) |
| [C00030 Develop a narrative](../../generated_pages/counters/C00030.md) | D03 | D04 | extra |
| | |
| [C00030 Develop a narrative](../../generated_pages/counters/C00030.md) | D03 | D04 | extra |
| no separator | below |
| a | b |
| x \\| y | z |
| --- |
| [unclosed](../../generated_pages/counters/C00031.md | D03
|||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||
""" + ("| " + " | ".join(f"c{i}" for i in range(2000)) + " |\n")

LINKS_OUT = {
    "climb": "../../../../etc/passwd",
    "encoded": "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "backslash": "..\\..\\..\\..\\etc\\passwd",
    "absolute": "/etc/passwd",
    "file-url": "file:///etc/passwd",
}


def _links_page() -> str:
    notes = "".join(f"- [{name}]({target})\n" for name, target in LINKS_OUT.items())
    return _page(notes=notes)


def _links_expect() -> tuple[Expect, ...]:
    text = _links_page()
    out = []
    for name in LINKS_OUT:
        line = line_of(text, f"[{name}](")
        out.append(Expect("D202", PAGE, line, column_of(text, "](", line) + 2))
    return tuple(out)


def _suppression_bomb(d: Path) -> list[str]:
    return [write(d, PAGE, _page(notes="<!-- seedlint:" * 140_000 + "-->\n"))]


def _many_links(d: Path) -> list[str]:
    link = "[T0145.002 AI-Generated Account Imagery](T0145.002.md) "
    return [write(d, PAGE, _page(notes=link * 5_000 + "\n[bad](../../../../x)\n"))]


# --- the catalogue ------------------------------------------------------------------------------

CASES: list[Case] = [
    Case(
        "empty-file",
        one("empty.md", ""),
        (Expect("K001", "empty.md", 1, 1, "empty"),),
        subprocess=True,
    ),
    Case("blank-file", one("blank.md", "  \n\n\t\n"), (Expect("K001", "blank.md", 1, 1),)),
    Case(
        "only-dashes",
        one("dashes.md", "---\n"),
        (Expect("Y003", "dashes.md", 1, 1),),
        subprocess=True,
    ),
    Case("only-dashes-no-newline", one("dashes.md", "---"), (Expect("Y003", "dashes.md", 1, 1),)),
    Case(
        "unterminated-front-matter",
        one("open.md", _UNTERMINATED),
        (Expect("Y003", "open.md", 1, 1, "not terminated"),),
        only_expected=True,
    ),
    Case(
        "front-matter-empty",
        one("void.md", "---\n---\nbody\n"),
        (Expect("Y005", "void.md", 1, None, "empty"),),
    ),
    Case(
        "front-matter-list",
        one("list.md", "---\n- title\n- excerpt\n---\n"),
        (Expect("Y005", "list.md", 2, 1, "list"),),
        only_expected=True,
    ),
    Case(
        "front-matter-scalar",
        one("scalar.md", "---\njust some text\n---\n"),
        (Expect("Y005", "scalar.md", 2, 1, "single value"),),
        only_expected=True,
    ),
    Case(
        "tab-indentation",
        one("tabs.md", _TABBED),
        (Expect("Y001", "tabs.md", _TAB_LINE, 1, "tab"),),
        only_expected=True,
    ),
    Case(
        "yaml-unclosed-quote",
        one("quote.md", _UNCLOSED_QUOTE),
        (Expect("Y001", "quote.md", 4, 11),),
        only_expected=True,
    ),
    Case(
        "yaml-bad-indent",
        one("indent.md", _BAD_INDENT),
        (Expect("Y001", "indent.md", line_of(_BAD_INDENT, "   domain"), 10),),
        only_expected=True,
    ),
    Case(
        "yaml-unclosed-flow",
        one("flow.md", _UNCLOSED_FLOW),
        (Expect("Y001", "flow.md", line_of(_UNCLOSED_FLOW, "  - [AI") + 2, 7),),
        only_expected=True,
    ),
    Case(
        "yaml-colon-in-value",
        one("colon.md", _COLON),
        (Expect("Y001", "colon.md", line_of(_COLON, "type: article: x"), 14),),
        only_expected=True,
    ),
    Case(
        "yaml-undefined-alias",
        one("alias.md", _ALIAS),
        (Expect("Y001", "alias.md", line_of(_ALIAS, "*nothing"), 7, "alias"),),
        only_expected=True,
    ),
    Case(
        "yaml-last-line",
        one("last.md", _LAST),
        (Expect("Y001", "last.md", line_of(_LAST, 'secured: "abc') + 1, 1),),
        only_expected=True,
    ),
    Case(
        "yaml-stray-bracket",
        one("stray.md", _STRAY),
        (Expect("Y001", "stray.md", line_of(_STRAY, "heat: [-1]]"), 11),),
        only_expected=True,
    ),
    Case(
        "yaml-control-character",
        one("bell.md", news_with(type="art\x07icle")),
        (Expect("Y001", "bell.md", line_of(NEWS, "type:"), 10, "U+0007"),),
        only_expected=True,
    ),
    Case(
        "yaml-unicode-line-separators",
        one(
            "ls.md",
            replace_line(
                news_with(title='"A\u2028title\u2029with\x85breaks"'), QUALITY, "quality: high"
            ),
        ),
        (Expect("N001", "ls.md", QUALITY, QUALITY_COLUMN),),
        only_expected=True,
    ),
    Case(
        "duplicate-key-top",
        one("dup.md", _DUP_TOP),
        (Expect("Y002", "dup.md", line_of(_DUP_TOP, "type: video"), 1),),
    ),
    Case(
        "duplicate-key-depth-2",
        one("dup.md", _DUP_2),
        (Expect("Y002", "dup.md", line_of(_DUP_2, "name: Axios Media"), 3),),
    ),
    Case(
        "duplicate-key-depth-3",
        one("dup.md", _DUP_3),
        (Expect("Y002", "dup.md", line_of(_DUP_3, "width: 800"), 5),),
    ),
    Case(
        "duplicate-key-depth-4",
        one("dup.md", _DUP_4),
        (Expect("Y002", "dup.md", line_of(_DUP_4, "name: NBC Universal"), 7),),
    ),
    Case(
        "duplicate-key-flow",
        one("dup.md", _DUP_FLOW),
        (Expect("Y002", "dup.md", line_of(_DUP_FLOW, "{a: 1"), 12),),
    ),
    Case(
        "binary-file",
        one("logo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        (Expect("R002", "logo.md", 3, 1),),
        subprocess=True,
        only_expected=True,
    ),
    Case("nul-bytes", _nul, (Expect("R002", "nul.md", _NUL_LINE, 1),), only_expected=True),
    Case(
        "latin-1",
        one("latin1.md", _LATIN1),
        (Expect("R001", "latin1.md", 3, 12, "UTF-8"),),
        only_expected=True,
        subprocess=True,
    ),
    Case(
        "utf-16-le-bom",
        one("utf16.md", NEWS.encode("utf-16")),
        (Expect("R001", "utf16.md", 1, 1, "UTF-16"),),
        only_expected=True,
    ),
    Case(
        "utf-16-be-bom",
        one("utf16.md", b"\xfe\xff" + NEWS.encode("utf-16-be")),
        (Expect("R001", "utf16.md", 1, 1, "UTF-16"),),
        only_expected=True,
    ),
    Case(
        "utf-16-no-bom",
        one("utf16.md", NEWS.encode("utf-16-le")),
        (Expect("R001", "utf16.md", 1, 1, "UTF-16"),),
        only_expected=True,
    ),
    Case("utf-8-bom-valid", one("bom.md", "\ufeff" + NEWS), (), exit=0, only_expected=True),
    Case(
        "utf-8-bom-positions",
        one("bom.md", "\ufeff" + _bad_quality()),
        (Expect("N001", "bom.md", QUALITY, QUALITY_COLUMN),),
        only_expected=True,
    ),
    Case(
        "mixed-crlf-lf-cr",
        _crlf_mixed,
        (Expect("N001", "crlf.md", QUALITY, QUALITY_COLUMN),),
        only_expected=True,
    ),
    Case(
        "ten-mb-line-default-limit",
        _long_line,
        (Expect("R003", "long.md", 1, 1, "max-file-size"),),
        subprocess=True,
        only_expected=True,
    ),
    Case(
        "ten-mb-line-raised-limit",
        _long_line,
        (Expect("N001", "long.md", QUALITY, QUALITY_COLUMN),),
        config="[limits]\nmax-file-size = 33554432\n",
        subprocess=True,
    ),
    Case("huge-file", _huge, (Expect("R003", "huge.md", 1, 1, "2097152"),), only_expected=True),
    Case(
        "sparse-1-gib-file",
        _sparse,
        (Expect("R003", "sparse.md", 1, 1),),
        subprocess=True,
        only_expected=True,
    ),
    Case(
        "max-file-size-configured",
        one("item.md", NEWS),
        (Expect("R003", "item.md", 1, 1, "1000 bytes"),),
        config="[limits]\nmax-file-size = 1000\n",
        only_expected=True,
    ),
    Case(
        "alias-bomb",
        one("bomb.md", _BOMB),
        (
            Expect(
                "Y006",
                "bomb.md",
                _BOMB_KEY_LINE,
                1,
                "expands to more than 50000 values (an alias bomb?)",
            ),
        ),
        subprocess=True,
        only_expected=True,
    ),
    Case(
        "many-values-without-aliases",
        one("wide.md", NEWS.replace("topics:\n  - AI", "topics:\n" + "  - AI\n" * 60_000)),
        (Expect("Y006", "wide.md", None, None, "has more than 50000 values (max-yaml-nodes)"),),
        only_expected=True,
    ),
    Case(
        "max-yaml-nodes-configured",
        one("aliases.md", _SMALL_ALIASES),
        (Expect("Y006", "aliases.md", None, None, "max-yaml-nodes"),),
        config="[limits]\nmax-yaml-nodes = 100\n",
        only_expected=True,
    ),
    Case(
        "nesting-10000-flow-sequence",
        one("deep.md", "---\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\n"),
        (Expect("Y006", "deep.md", 2, None, "max-yaml-depth"),),
        subprocess=True,
        only_expected=True,
    ),
    Case(
        "nesting-10000-block-sequence",
        one("deep.md", "---\nx:\n  " + "- " * 10_000 + "x\n---\n"),
        (Expect("Y006", "deep.md", 3, None, "max-yaml-depth"),),
        only_expected=True,
    ),
    Case(
        "nesting-10000-flow-mapping",
        one("deep.md", "---\nx: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n---\n"),
        (Expect("Y006", "deep.md", 2, None, "max-yaml-depth"),),
        only_expected=True,
    ),
    Case(
        "max-yaml-depth-configured",
        one("item.md", NEWS),
        (Expect("Y006", "item.md", None, None, "3 levels"),),
        config="[limits]\nmax-yaml-depth = 3\n",
        only_expected=True,
    ),
    Case(
        "python-object-apply-tag",
        _tags,
        (Expect("Y004", "tag.md", 3, 8, "python/object/apply"),),
        subprocess=True,
    ),
    Case("other-unknown-tags", _more_tags, _more_tags_expect()),
    Case(
        "plain-equals-and-merge-values",
        one("plain.md", news_with(type="=", category="<<")),
        (Expect("N001", "plain.md", line_of(NEWS, "type:")),),
    ),
    Case(
        "broken-tables",
        one(PAGE, _page(extra_top=_BROKEN_TABLES)),
        (Expect("D301", PAGE), Expect("D302", PAGE), Expect("D303", PAGE)),
        subprocess=True,
    ),
    Case("links-climbing-out", one(PAGE, _links_page()), _links_expect(), subprocess=True),
    Case("suppression-comment-bomb", _suppression_bomb, (Expect("S002", PAGE),), subprocess=True),
    Case("thousands-of-links-on-a-line", _many_links, (Expect("D202", PAGE),)),
    Case(
        "a-finding-for-each-of-12000-keys",
        one(
            "wide.md",
            NEWS.replace("\n---", "\n" + "".join(f"kex{i}: v\n" for i in range(12_000)) + "---"),
        ),
        (Expect("N001", "wide.md", line_of(NEWS, "secured:") + 12_000, 1, "kex11999"),),
        subprocess=True,
    ),
    Case(
        "a-run-of-30000-suppression-comments",
        one(PAGE, _page(notes="<!-- seedlint: ignore D001 -->\n" * 30_000)),
        (Expect("S001", PAGE, line_of(_page(), MARKER) + 1, None, "unused"),),
        config='extend-select = ["S001"]\n',
        subprocess=True,
    ),
]


def by_id(case_id: str) -> Case:
    for case in CASES:
        if case.id == case_id:
            return case
    raise KeyError(case_id)


def canary(outside: Path) -> Path:
    """A file outside the checked tree that must never be read."""
    outside.mkdir(parents=True, exist_ok=True)
    path = outside / "secret.md"
    path.write_text(f"---\ntitle: {CANARY}\n---\n", "utf-8")
    return path


def can_block_reads() -> bool:
    """Whether permissions stop this process from reading (not as root)."""
    return not (hasattr(os, "geteuid") and os.geteuid() == 0)
