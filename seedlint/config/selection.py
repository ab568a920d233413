"""Which rules run, and at which severity: ruff-style ``select``/``extend-select``/``ignore``.

A selector is a rule code (``N002``), a prefix of codes (``N``, ``D2``) or ``ALL``. Without
``select``, the rules that are on by default run; naming an off-by-default rule in ``select`` or
``extend-select`` turns it on. ``ignore`` wins over both, the longer selector winning ties as in
ruff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from seedlint.core.rules import Rule


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def enabled_codes(
    rules: Mapping[str, Rule],
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> frozenset[str]:
    select = None if select is None else tuple(select)
    extend, ignored = tuple(extend_select), tuple(ignore)
    enabled = set()
    for code, rule in rules.items():
        chosen = [s for s in (select or ()) + extend if _matches(s, code)]
        dropped = [s for s in ignored if _matches(s, code)]
        if chosen:
            # an explicit code turns on an off-by-default rule; a prefix keeps defaults
            on = any(s == code for s in chosen) or rule.enabled
        else:
            on = select is None and rule.enabled
        if on and dropped:
            best_select = max((len(s) for s in chosen), default=-1)
            on = best_select > max(len(s) for s in dropped)
        if on:
            enabled.add(code)
    return frozenset(enabled)
