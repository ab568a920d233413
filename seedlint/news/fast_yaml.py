"""The speed tricks of reading a front matter's YAML, each with the figure that keeps it.

* :class:`Loader`: libyaml's composer alone (``yaml._yaml.CParser``: no constructor, no
  resolver set up), its per-node callbacks made C calls. libyaml calls three Python methods
  for every node: ``descend_resolver`` and ``ascend_resolver`` (path resolvers, which seedlint
  never registers) and ``resolve`` (the implicit tag of an untagged scalar). Here they are
  built-in types, called without a Python frame: ``slice`` records what ``resolve`` was asked,
  ``(kind, value, implicit)``, as the node's tag, and :func:`resolved_tag` answers it later,
  as ``Resolver.resolve`` would, while the converter visits the node anyway
  (``tests/test_execution_speedups.py`` compares every tag with the stock loader's). Composing
  a news item's front matter drops from 52 to 40 us (benchmarks/README.md; the floor's stock
  ``CSafeLoader`` takes 60).
* the implicit tag of a plain scalar memoised by value (:func:`scalar_tag`): front matters
  repeat their keys and small values, and the resolver tries regular expressions on each.
  Parsing (front matter found, composed, converted) 4,000 items of ``benchmarks/bench.py``:
  69 to 71 us an item with the memo, 86 to 90 without (alternated runs).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # pragma: no cover - depends on how PyYAML was built
    # libyaml's parser and composer alone: nothing is constructed, nothing else is set up
    from yaml._yaml import CParser as _Composer
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]

# the tag of a plain scalar by its value
_PLAIN: dict[str, str] = {}
_PLAIN_MEMO_MAX_LENGTH = 64
_PLAIN_MEMO_MAX_SIZE = 8192
_STR = "tag:yaml.org,2002:str"


class Loader(_Composer):
    """libyaml's composer with its per-node callbacks made C calls: the same nodes as the stock
    safe loader's, in 30% less time; tags are ``slice`` objects until :func:`resolved_tag`."""

    resolve = slice
    descend_resolver = slice
    ascend_resolver = tuple


_RESOLVER = yaml.resolver.Resolver()
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
_DEFAULT_TAGS = {
    ScalarNode: _RESOLVER.DEFAULT_SCALAR_TAG,
    SequenceNode: _RESOLVER.DEFAULT_SEQUENCE_TAG,
    MappingNode: _RESOLVER.DEFAULT_MAPPING_TAG,
}


def resolved_tag(tag: Any) -> str:
    """The tag of a node composed by :class:`Loader`: an explicit tag as written, else what
    ``Resolver.resolve`` gives the ``slice(kind, value, implicit)`` recorded for it."""
    if tag.__class__ is not slice:
        return str(tag)
    kind, value, implicit = tag.start, tag.stop, tag.step
    if kind is ScalarNode and implicit[0]:
        return _plain_tag(value)
    return _DEFAULT_TAGS[kind]


def scalar_tag(tag: slice) -> str:
    """:func:`resolved_tag` of a scalar node's recorded ``slice``."""
    return (_PLAIN.get(tag.stop) or _plain_tag(tag.stop)) if tag.step[0] else _STR


def _plain_tag(value: str) -> str:
    """The implicit tag of a plain scalar (``int`` for ``12``, ``str`` for ``twelve``)."""
    tag = _PLAIN.get(value)
    if tag is not None:
        return tag
    tag = _RESOLVER.DEFAULT_SCALAR_TAG
    resolvers = _IMPLICIT.get(value[0] if value else "", [])
    for candidate, regexp in resolvers + _IMPLICIT.get(None, []):
        if regexp.match(value):
            tag = candidate
            break
    if len(value) <= _PLAIN_MEMO_MAX_LENGTH and len(_PLAIN) < _PLAIN_MEMO_MAX_SIZE:
        _PLAIN[value] = tag
    return tag
