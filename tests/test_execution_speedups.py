"""The shortcuts taken for speed give what the plain code gives: the memoised YAML resolver,
the integer and boolean fast paths, the shared walk of a front matter, the Paths of discovery."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from seedlint import frontmatter
from seedlint.discover import discover
from seedlint.frontmatter import _scalar, parse
from seedlint.source import SourceText, line_starts, read
from seedlint.validators import _news

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
    assert frontmatter._PLAIN  # the memo is in use


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


def test_the_shared_walk_is_the_walk(news_corpus: Path) -> None:
    for path in sorted((news_corpus / "_news").glob("*.md")):
        front = parse(read(path, 1 << 22))
        assert front is not None
        expected = _recursive(front.data)
        assert list(_news.walk(front.data)) == expected
        assert list(_news.walk(front.data)) == expected  # from the memo
        assert list(_news.walk(front.data["provider"], ("provider",))) == _recursive(
            front.data["provider"], ("provider",)
        )
    other = parse(SourceText("---\na: [1, {b: 2}]\n---\n"))
    assert other is not None
    assert list(_news.walk(other.data)) == _recursive(other.data)


def test_discovered_paths_are_the_joined_paths(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.md", "a/b/y.md", "z.md"):
        (tmp_path / name).write_text("---\na: 1\n---\n")
    monkeypatch.chdir(tmp_path)
    for root in (".", "./a", "a/", "a//b", str(tmp_path)):
        targets = list(discover([root]))
        assert targets
        for target in targets:
            parsed = Path(target.display)  # the file's path parsed whole, as before
            assert str(target.path) == str(parsed) and target.path.parts == parsed.parts
            assert os.path.samefile(target.path, parsed)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab\r\n\u2028", max_size=40))
def test_line_starts_are_where_the_regular_expression_splits(text: str) -> None:
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert line_starts(text) == expected
