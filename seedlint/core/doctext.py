"""Rule documentation text: the docstring conventions of :mod:`seedlint.core.rules` (double
backticks for code, ``**What it checks**:``-style paragraphs, ``::`` before an indented example)
turned into Markdown, and single sections picked out of it."""

from __future__ import annotations

import re

_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_SECTION = re.compile(r"\*\*([A-Za-z ]+)\*\*:")


def inline(text: str) -> str:
    """``code`` -> `code` where the code holds no backtick of its own."""
    return _LITERAL.sub(lambda m: m.group(0) if "`" in m.group(1) else f"`{m.group(1)}`", text)


def markdown(doc: str) -> str:
    """A rule docstring as Markdown: literal blocks become fenced code blocks."""
    lines = doc.strip("\n").splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::") and not line.startswith((" ", "\t")):
            # "**Bad**::" -> "**Bad**:" then the indented block after the blank line, fenced
            out.append(inline(line.rstrip()[:-1]))
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            block: list[str] = []
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith((" ", "\t"))):
                block.append(lines[j])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            if block:
                indent = min(len(b) - len(b.lstrip()) for b in block if b.strip())
                out.extend(["", "```", *(b[indent:] for b in block), "```"])
                if j < len(lines):
                    out.append("")
                i = j
                continue
            i += 1
            continue
        out.append(inline(line))
        i += 1
    return "\n".join(out).rstrip() + "\n"


def plain(doc: str) -> str:
    """A rule docstring as plain text (double backticks and bold markers dropped)."""
    return _LITERAL.sub(lambda m: m.group(1), doc.strip()).replace("**", "") + "\n"


def section(doc: str, name: str) -> str | None:
    """The text of the paragraph ``**name**: ...`` (up to the next section or blank line)."""
    marker = f"**{name}**:"
    start = doc.find(marker)
    if start == -1:
        return None
    rest = doc[start + len(marker) :].split("\n\n", 1)[0]
    following = _SECTION.search(rest)
    if following is not None:
        rest = rest[: following.start()]
    text = " ".join(rest.split())
    return text or None
