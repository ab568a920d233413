"""The shortcuts taken for speed give what the plain code gives: the memoised YAML resolver,
the integer and boolean fast paths, the shared walk of a front matter, the Paths of discovery."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from seedlint.core.document import NewsDocument
from seedlint.core.finding import Span
from seedlint.core.source import SourceText, line_starts
from seedlint.news import fast_yaml, frontmatter
from seedlint.news.frontmatter import _scalar, parse
from seedlint.pipeline.discover import _display, discover
from seedlint.validators import _news
from seedlint.validators.news_duplicate_url import _plain_http

EDGE_CASES = """\
a: yes
b: No
c: on
d: ~
e: null
f: 0o17
g: 017
h: 0x1F
i: 1_000
j: 190:20:30
k: -0
l: +12
m: 1.5e3
n: .inf
o: .NaN
p: 2019-08-19T21:00:10Z
q: 2019-08-19
r: "yes"
s: 'null'
t: =
u: [1, two, 3.0, true, ~]
v: {w: x}
<<: {merge: 1}
long: "a value much longer than sixty-four characters, which is never memoised at all, ok"
"""


def _shape(node: Node) -> Any:
    marks = (node.tag, node.start_mark.index, node.end_mark.index)
    if isinstance(node, ScalarNode):
        return (*marks, node.value, node.style)
    if isinstance(node, SequenceNode):
        return (*marks, [_shape(n) for n in node.value])
    assert isinstance(node, MappingNode)
    return (*marks, [(_shape(k), _shape(v)) for k, v in node.value])


def test_the_loaders_deferred_tags_are_libyamls_tags(news_corpus: Path) -> None:
    """The loader records what its resolver was asked (``slice``); once converted, every node
    carries the tag the stock loader gives it, memoised or not."""
    edge = "'quoted key': 1\n\"yes\": [no, 'no', \"12\", 12]\n! 12: ! yes\n"
    texts = [f"---\n{EDGE_CASES}---\n"] * 2 + [f"---\n{edge}---\n"]  # twice: from the memo
    for path in sorted((news_corpus / "_news").glob("*.md")):
        texts.append(path.read_bytes().decode("utf-8"))
    stock = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    for text in texts:
        source = SourceText(text)
        front = parse(source)
        assert front is not None and front.root is not None
        block = text[front.text_offset : source.offset(front.end_line)]
        assert _shape(front.root) == _shape(yaml.compose(block, Loader=stock))
    assert fast_yaml._PLAIN  # the memo is in use


def test_scalars_as_the_yaml_constructor_reads_them() -> None:
    constructor = SafeConstructor()
    values = [
        "0", "-0", "+0", "1", "-1", "+12", "007", "0x1F", "0o17", "0b101", "1_000", "190:20:30",
        "12345678901234567890", "-", "+", "", "\u0663", "1.5", "true", "True", "TRUE", "yes",
        "No", "off", "On", "y", "n", "0.0", ".inf", "-.Inf", ".nan", "1e3",
    ]  # fmt: skip
    for value in values:
        for kind in ("int", "bool", "float"):
            node = ScalarNode(f"tag:yaml.org,2002:{kind}", value)
            try:
                expected = getattr(constructor, f"construct_yaml_{kind}")(node)
            except (ValueError, KeyError, IndexError, yaml.YAMLError):
                expected = value  # what does not parse stays text
            got = _scalar(node)
            assert (type(got), repr(got)) == (type(expected), repr(expected)), (kind, value)


def _recursive(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out = [(path, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_recursive(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_recursive(item, (*path, index)))
    return out


def test_the_shared_containers_are_every_mapping_and_list(news_corpus: Path) -> None:
    """As the conversion lists them, and as listed from the data (duplicate keys included)."""

    def expected(data: Any) -> list[tuple[tuple[Any, ...], Any]]:
        return [(p, v) for p, v in _recursive(data) if isinstance(v, (dict, list))]

    texts = [p.read_bytes().decode("utf-8") for p in sorted((news_corpus / "_news").glob("*.md"))]
    texts.append("---\na: [1, {b: 2, c: [[]]}]\n---\n")
    texts.append("---\nx: &a {b: [1]}\ny: *a\nx: {c: 2}\n---\n")  # an alias, a duplicate
    for text in texts:
        front = parse(SourceText(text))
        assert front is not None and front.data is not None
        doc = NewsDocument(Path("x.md"), "x.md", front.source, "news", front)
        assert _news.containers(doc) == expected(front.data)
        assert _news.containers_of(front.data) == expected(front.data)
        assert _news.containers_of(front.data) == expected(front.data)  # from the memo
    assert len(_news.containers(doc)) == 4 and not front.containers_exact


def test_discovered_paths_are_the_joined_paths(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.md", "a/b/y.md", "z.md"):
        (tmp_path / name).write_text("---\na: 1\n---\n")
    monkeypatch.chdir(tmp_path)
    for root in (".", "./a", "a/", "a//b", "././a/./b/", str(tmp_path)):
        targets = list(discover([root]))
        assert targets
        walked = {_display(os.path.join(d, f)) for d, _, files in os.walk(root) for f in files}
        assert {t.display for t in targets} == walked  # display paths are made per directory
        for target in targets:
            parsed = Path(target.display)  # the file's path parsed whole, as before
            assert str(target.path) == str(parsed) and target.path.parts == parsed.parts
            assert os.path.samefile(target.path, parsed)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab\r\n\u2028", max_size=40))
def test_line_starts_are_where_the_regular_expression_splits(text: str) -> None:
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert line_starts(text) == expected


@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "Http://", "ftp://", "https:", ""]),
    st.text(alphabet="aB.-:@[]/?#=&% \t\n\x7fé1", max_size=25),
)
def test_the_plain_http_shortcut_normalises_as_urlsplit_does(scheme: str, rest: str) -> None:
    url = scheme + rest
    shortcut = _plain_http(url.strip())
    if shortcut is not None:
        parts = urlsplit(url.strip())
        slow = urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
        )
        assert shortcut == slow


def test_the_plain_http_shortcut_takes_the_usual_urls() -> None:
    assert _plain_http("HTTPS://Example.COM/a/b/?x=1#top") == "https://example.com/a/b?x=1"
    assert _plain_http("http://example.com/") == "http://example.com"
    for other in ("https:///no-host", "https://[::1]/", "https://exämple.com", "ftp://x"):
        assert _plain_http(other) is None


def test_positions_from_libyamls_marks_are_the_line_index_positions(news_corpus: Path) -> None:
    """Without U+0085/U+2028/U+2029 in the file, libyaml's own line and column are used; they
    must be where the file's line index puts each node (CRLF files included)."""
    texts = [p.read_bytes().decode("utf-8") for p in sorted((news_corpus / "_news").glob("*.md"))]
    texts.append("---\r\ntitle: a\rb: 'x\r\n  y'\nc:\t[1,\r 2,\t3]\r\n---\r\n")  # lone CRs, tabs
    texts.append("---\na: 'é\u00e9'\nb: \"\\u2028\"\n---\n")  # escapes are not breaks
    checked = 0
    for text in texts:
        source = SourceText(text)
        front = parse(source)
        assert front is not None and front.root is not None
        assert front._marks_are_positions is None
        for node in frontmatter.iter_nodes(front.root):
            line, column = source.position(front.text_offset + node.start_mark.index)
            end_line, end_column = source.position(front.text_offset + node.end_mark.index)
            assert front.span_of(node) == Span(line, column, end_line, end_column)
            checked += 1
        assert front._marks_are_positions is True
    assert checked > 5000


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "&", r"\x26", r"\u0026", r"\U00000026", r"\t"])),
    st.lists(st.sampled_from(["a", " ", "&", "é"])),
)
def test_may_hold_never_denies_a_character_a_value_holds(
    quoted: list[str], plain: list[str]
) -> None:
    """N005 skips items whose YAML cannot hold an '&': escapes (``"\\x26"``) included."""
    text = f'---\nq: "{"".join(quoted)}"\np: x{"".join(plain)}\n---\n'
    front = parse(SourceText(text))
    assert front is not None and isinstance(front.data, dict)
    if "&" in front.data["q"] + str(front.data["p"]):
        assert front.may_hold("&")
    else:
        assert front.may_hold("&") == ("&" in text or "\\" in text)
