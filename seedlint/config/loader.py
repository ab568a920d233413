"""Find, load and validate configuration: ``[tool.seedlint]`` in ``pyproject.toml``, or a
``seedlint.toml`` (keys at the top level), found by walking up from the current directory, or
named by ``--config``. Command-line options override what the file says (:mod:`seedlint.cli`).

Every key is checked: an unknown key, a wrong type, an unknown rule code or a schema that is
not a valid JSON Schema is a :class:`ConfigError` naming the file, the line and the key (exit
code 2). Paths in the file (``disarm-root``, ``site-root``, schema files) are relative to the
file's directory.

Example (``pyproject.toml``)::

    [tool.seedlint]
    extend-select = ["N101", "S001"]
    ignore = ["N002"]
    exclude = ["drafts/"]
    site-root = "."

    [tool.seedlint.per-file-ignores]
    "_news/2019-*.md" = ["N006"]

    [tool.seedlint.severity]
    N004 = "warning"

    [tool.seedlint.kinds]
    news = ["_posts/*.md"]

    [tool.seedlint.limits]
    max-file-size = 4194304

    [tool.seedlint.rules.N005]
    check-related = true

    [tool.seedlint.schemas.news]
    path = "schemas/our-news-item.schema.json"   # or: allow-extra-properties = true
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedlint.config.settings import CEILINGS, Limits, SchemaSetting, Settings
from seedlint.core.finding import Severity

if TYPE_CHECKING:
    import tomllib

CONFIG_NAMES = ("seedlint.toml", ".seedlint.toml", "pyproject.toml")
KIND_NAMES = ("news", "disarm")
# key -> what its value must be (shown in errors)
KEYS: dict[str, str] = {
    "select": "a list of rule codes or prefixes",
    "extend-select": "a list of rule codes or prefixes",
    "ignore": "a list of rule codes or prefixes",
    "per-file-ignores": "a table of glob -> list of rule codes",
    "extend-per-file-ignores": "a table of glob -> list of rule codes",
    "severity": 'a table of rule code -> "error", "warning" or "info"',
    "include": "a list of glob patterns",
    "exclude": "a list of glob patterns",
    "extend-exclude": "a list of glob patterns",
    "kinds": 'a table of kind ("news", "disarm") -> list of glob patterns',
    "disarm-root": "a directory path",
    "site-root": "a directory path",
    "schemas": "a table of kind -> { path = ..., allow-extra-properties = ... }",
    "rules": "a table of rule code -> table of rule options",
    "limits": "a table of limits",
    "output-format": "the name of an output format",
}
SCHEMA_KEYS = {"path": "a path to a JSON Schema file", "allow-extra-properties": "true or false"}


class ConfigError(Exception):
    """An unreadable or invalid configuration (exit code 2)."""


# Reads a file that configuration names: its bytes, or None when it does not exist. The default
# reads the disk; the gate reads files inside a git work tree as they are at the base revision
# (:class:`seedlint.config.trust.BaseReader`), so that a change under review cannot configure
# its own check. Raises OSError when the file exists but cannot be read.
Reader = Callable[[Path], bytes | None]


def read_disk(path: Path) -> bytes | None:
    if not path.is_file():
        return None
    return path.read_bytes()


# --- finding the file --------------------------------------------------------------------------


def _has_table(path: Path, reader: Reader = read_disk) -> bool:
    """Whether a ``pyproject.toml`` configures seedlint (parsed only when it mentions it; a
    broken one that does counts, so that its error is shown)."""
    try:
        raw = reader(path)
    except OSError:
        return False
    if raw is None:
        return False
    text = raw.decode("utf-8", errors="replace")
    if "seedlint" not in text:
        return False
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    tool = data.get("tool")
    # a top-level [seedlint] table is a mistake worth an error, not a file to skip
    return (isinstance(tool, dict) and "seedlint" in tool) or "seedlint" in data


def _exists(path: Path, reader: Reader) -> bool:
    if reader is read_disk:
        return path.is_file()
    try:
        return reader(path) is not None
    except OSError:
        return True  # there, unreadable: loading it says why


def find(start: Path, reader: Reader = read_disk) -> Path | None:
    """The nearest configuration file at or above ``start``: ``seedlint.toml`` (or
    ``.seedlint.toml``) wins over a ``pyproject.toml`` in the same directory, and a
    ``pyproject.toml`` counts only when it has a ``[tool.seedlint]`` table."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if name == "pyproject.toml":
                if _has_table(candidate, reader):
                    return candidate
            elif _exists(candidate, reader):
                return candidate
    return None


def load(
    explicit: Path | None = None, cwd: Path | None = None, reader: Reader = read_disk
) -> Settings:
    """The settings of the configuration file (``explicit``, or the one found from ``cwd``);
    the defaults when there is none. ``reader`` reads the configuration and the schema files it
    names (the disk, or the gate's base revision)."""
    path = explicit if explicit is not None else find((cwd or Path.cwd()).resolve(), reader)
    if path is None:
        return Settings()
    try:
        raw = reader(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    if raw is None:
        what = "is a directory, not a file" if path.is_dir() else "not found"
        if reader is not read_disk and path.is_file():
            what = "not found at the base revision (a configuration takes effect after merge)"
        raise ConfigError(f"{path}: configuration file {what}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_where(path, exc, text)}: invalid TOML: {exc}") from None
    lines = KeyLines(text)  # positions, computed only when an error needs one
    tool = data.get("tool")
    if path.name == "pyproject.toml" or (
        isinstance(tool, dict) and "seedlint" in tool and set(data) == {"tool"}
    ):
        if not isinstance(tool, dict) or "seedlint" not in tool:
            if "seedlint" in data:
                raise ConfigError(
                    f"{path}:{lines.line(('seedlint',))}: 'seedlint': in pyproject.toml the "
                    "settings go in a [tool.seedlint] table"
                )
            raise ConfigError(f"{path}: no [tool.seedlint] table")
        prefix: tuple[str, ...] = ("tool", "seedlint")
        table = tool["seedlint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}:{lines.line(prefix)}: 'tool.seedlint' must be a table")
    else:
        table, prefix = data, ()
        if set(data) == {"seedlint"} and isinstance(data["seedlint"], dict):
            raise ConfigError(
                f"{path}:{lines.line(('seedlint',))}: 'seedlint': in {path.name} the settings "
                "are at the top level (or in a [tool.seedlint] table), not in [seedlint]"
            )
    return _Loader(path, table, lines, prefix, reader).settings()


def _where(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> str:
    match = re.search(r"at line (\d+)", str(exc))
    if match:
        return f"{path}:{match.group(1)}"
    return f"{path}:{max(1, len(text.splitlines()))}"  # "at end of document"


# --- positions of keys (tomllib gives none) ----------------------------------------------------

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\]|\\.)*"'
_LITERAL = r"'[^']*'"
_PART = rf"\s*(?:{_BARE}|{_BASIC}|{_LITERAL})\s*"
_DOTTED = rf"{_PART}(?:\.{_PART})*"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Table header, ``key =`` line, and inline-table key patterns (compiled on first use)."""
    return (
        re.compile(rf"^\s*\[\[?({_DOTTED})\]\]?\s*(?:#.*)?$"),
        re.compile(rf"^\s*({_DOTTED})="),
        re.compile(rf"[{{,]\s*({_DOTTED})="),
    )


def _parts(dotted: str) -> tuple[str, ...]:
    out = []
    for part in re.findall(rf"{_BARE}|{_BASIC}|{_LITERAL}", dotted):
        if part.startswith('"'):
            import json

            part = json.loads(part)
        elif part.startswith("'"):
            part = part[1:-1]
        out.append(part)
    return tuple(out)


class KeyLines:
    """The line of every key of a TOML text: table headers, ``key = value`` lines, dotted keys,
    and the keys of one-line inline tables."""

    def __init__(self, text: str) -> None:
        self.text_lines = text.splitlines()
        self._lines: dict[tuple[str, ...], int] | None = None

    @property
    def lines(self) -> dict[tuple[str, ...], int]:
        if self._lines is None:
            self._lines = self._index()
        return self._lines

    def _index(self) -> dict[tuple[str, ...], int]:
        header_re, key_re, inline_re = _patterns()
        lines: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        in_string: str | None = None
        for number, line in enumerate(self.text_lines, start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = header_re.match(line)
            if header is not None:
                table = _parts(header.group(1))
                lines.setdefault(table, number)
                continue
            key = key_re.match(line)
            if key is None:
                continue
            path = table + _parts(key.group(1))
            lines.setdefault(path, number)
            rest = line[key.end() :]
            for inner in inline_re.finditer(rest):
                lines.setdefault(path + _parts(inner.group(1)), number)
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
        return lines

    def line(self, path: tuple[str, ...]) -> int:
        """The line of ``path``, or of its nearest ancestor that has one (1 otherwise)."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def value_line(self, path: tuple[str, ...], value: str) -> int:
        """The line, at or after ``path``'s, where the string ``value`` is written (for the
        items of a multi-line array)."""
        start = self.line(path)
        for number in range(start, min(start + 500, len(self.text_lines)) + 1):
            text = self.text_lines[number - 1]
            if f'"{value}"' in text or f"'{value}'" in text:
                return number
        return start


# --- validating the table ----------------------------------------------------------------------


def _suggest(word: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    for variant in (word.upper(), word.lower(), word.replace("_", "-")):
        if variant != word and variant in choices:
            return f" (did you mean '{variant}'?)"
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Loader:
    def __init__(
        self,
        path: Path,
        table: dict[str, Any],
        lines: KeyLines,
        prefix: tuple[str, ...],
        reader: Reader = read_disk,
    ) -> None:
        self.path = path
        self.reader = reader
        self.table = table
        self.lines = lines
        self.prefix = prefix
        self.base = path.resolve().parent
        self._rules: Mapping[str, Any] | None = None

    # errors

    def error(self, keys: tuple[str, ...], message: str, line: int | None = None) -> ConfigError:
        full = self.prefix + keys
        number = line if line is not None else self.lines.line(full)
        return ConfigError(f"{self.path}:{number}: '{'.'.join(full)}': {message}")

    def expect(self, keys: tuple[str, ...], value: Any, ok: bool, what: str) -> None:
        if not ok:
            raise self.error(keys, f"must be {what}, not {_type_name(value)}")

    # value shapes

    def string_list(self, keys: tuple[str, ...], value: Any, what: str) -> tuple[str, ...]:
        if isinstance(value, str):
            raise self.error(keys, f'must be {what}, not a string (write ["{value}"])')
        self.expect(keys, value, isinstance(value, list), what)
        for item in value:
            self.expect(keys, item, isinstance(item, str), what)
        return tuple(value)

    def table_of(self, keys: tuple[str, ...], value: Any) -> dict[str, Any]:
        self.expect(keys, value, isinstance(value, dict), KEYS.get(keys[0], "a table"))
        result: dict[str, Any] = value
        return result

    def directory(self, keys: tuple[str, ...], value: Any) -> str:
        self.expect(keys, value, isinstance(value, str), "a directory path")
        target = (self.base / value).resolve()
        if not target.is_dir():
            raise self.error(keys, f"'{value}' is not a directory (resolved to {target})")
        return str(target)

    # rule codes

    def rules(self) -> Mapping[str, Any]:
        if self._rules is None:
            from seedlint.core.rules import all_rules

            self._rules = all_rules()
        return self._rules

    def codes(self, keys: tuple[str, ...], value: Any) -> tuple[str, ...]:
        codes = self.string_list(keys, value, "a list of rule codes or prefixes")
        for code in codes:
            self.check_selector(keys, code)
        return codes

    def check_selector(self, keys: tuple[str, ...], code: str, exact: bool = False) -> None:
        rules = self.rules()
        known = (
            code in rules
            if exact
            else (code == "ALL" or (code != "" and any(c.startswith(code) for c in rules)))
        )
        if not known:
            line = self.lines.value_line(self.prefix + keys, code)
            what = "rule code" if exact else "rule code or prefix"
            raise self.error(
                keys,
                f"unknown {what} '{code}'{_suggest(code, rules)}; 'seedlint rules' lists them",
                line,
            )

    # the settings

    def settings(self) -> Settings:
        table = self.table
        for key in table:
            if key not in KEYS:
                raise self.error(
                    (key,), f"unknown key{_suggest(key, KEYS)}; valid keys: " + ", ".join(KEYS)
                )
        values: dict[str, Any] = {"config_path": self.path}
        if "select" in table:
            values["select"] = self.codes(("select",), table["select"])
        if "extend-select" in table:
            values["extend_select"] = self.codes(("extend-select",), table["extend-select"])
        if "ignore" in table:
            values["ignore"] = self.codes(("ignore",), table["ignore"])
        per_file: list[tuple[str, tuple[str, ...]]] = []
        for key in ("per-file-ignores", "extend-per-file-ignores"):
            if key in table:
                for glob, codes in self.table_of((key,), table[key]).items():
                    per_file.append((glob, self.codes((key, glob), codes)))
        values["per_file_ignores"] = tuple(per_file)
        if "severity" in table:
            values["severity"] = self.severity(table["severity"])
        for key in ("include", "exclude"):
            if key in table:
                values[key] = self.string_list((key,), table[key], "a list of glob patterns")
        if "extend-exclude" in table:
            values["exclude"] = values.get("exclude", ()) + self.string_list(
                ("extend-exclude",), table["extend-exclude"], "a list of glob patterns"
            )
        if "kinds" in table:
            values["kinds"] = self.kinds(table["kinds"])
        for key, field in (("disarm-root", "disarm_root"), ("site-root", "site_root")):
            if key in table:
                values[field] = self.directory((key,), table[key])
        if "schemas" in table:
            values["schemas"] = self.schemas(table["schemas"])
        if "rules" in table:
            values["rule_options"] = self.rule_options(table["rules"])
        if "limits" in table:
            values["limits"] = self.limits(table["limits"])
        if "output-format" in table:
            values["output_format"] = self.output_format(table["output-format"])
        return Settings(**values)

    def severity(self, value: Any) -> tuple[tuple[str, Severity], ...]:
        chosen: dict[str, tuple[int, Severity]] = {}
        choices = [s.value for s in Severity]
        for selector, level in self.table_of(("severity",), value).items():
            keys = ("severity", selector)
            self.check_selector(keys, selector)
            if level not in choices:
                shown = f"'{level}'" if isinstance(level, str) else _type_name(level)
                raise self.error(
                    keys,
                    f"severity must be one of {', '.join(choices)}, not "
                    f"{shown}{_suggest(str(level), choices)}",
                )
            for code in self.rules():
                if selector == "ALL" or code.startswith(selector):
                    rank = -1 if selector == "ALL" else len(selector)
                    if code not in chosen or chosen[code][0] <= rank:
                        chosen[code] = (rank, Severity(level))
        return tuple((code, level) for code, (_, level) in sorted(chosen.items()))

    def kinds(self, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        out = []
        for kind, globs in self.table_of(("kinds",), value).items():
            if kind not in KIND_NAMES:
                raise self.error(
                    ("kinds", kind),
                    f"unknown kind{_suggest(kind, KIND_NAMES)}; kinds are " + ", ".join(KIND_NAMES),
                )
            out.append((kind, self.string_list(("kinds", kind), globs, "a list of glob patterns")))
        return tuple(out)

    def schemas(self, value: Any) -> tuple[tuple[str, SchemaSetting], ...]:
        from seedlint.news.schemas import bundled_names

        names = bundled_names()
        choices = sorted({"news", *(n for n in names if n != "news-item")})
        out = []
        for kind, entry in self.table_of(("schemas",), value).items():
            keys = ("schemas", kind)
            name = _schema_name(kind, names)
            if name is None:
                raise self.error(
                    keys,
                    f"no bundled schema '{kind}'{_suggest(kind, choices)}; "
                    "choose from: " + ", ".join(choices),
                )
            self.expect(
                keys,
                entry,
                isinstance(entry, dict),
                "a table with 'path' and/or 'allow-extra-properties'",
            )
            for key in entry:
                if key not in SCHEMA_KEYS:
                    raise self.error(
                        (*keys, key),
                        f"unknown key{_suggest(key, SCHEMA_KEYS)}; "
                        "valid keys: " + ", ".join(SCHEMA_KEYS),
                    )
            extra = entry.get("allow-extra-properties", False)
            self.expect(
                (*keys, "allow-extra-properties"), extra, isinstance(extra, bool), "true or false"
            )
            schema_path = None
            if "path" in entry:
                if name == "disarm":
                    raise self.error(
                        (*keys, "path"),
                        "a schema file replaces one page type's schema: name the type, as in "
                        "[schemas.disarm-technique]",
                    )
                schema_path, text = self.schema_file((*keys, "path"), entry["path"])
                out.append((name, SchemaSetting(schema_path, extra, text)))
                continue
            out.append((name, SchemaSetting(schema_path, extra)))
        # [schemas.disarm] extends every DISARM page type's schema not configured on its own
        every = dict(out).pop("disarm", None)
        configured = {name for name, _ in out}
        out = [(name, setting) for name, setting in out if name != "disarm"]
        if every is not None:
            out.extend((n, every) for n in names if n.startswith("disarm-") and n not in configured)
        return tuple(sorted(out, key=lambda item: item[0]))

    def schema_file(self, keys: tuple[str, ...], value: Any) -> tuple[Path, str]:
        """The schema file's path and text, read once (the run uses this text)."""
        self.expect(keys, value, isinstance(value, str), "a path to a JSON Schema file")
        target: Path = Path(os.path.abspath(self.base / str(value)))
        import json

        try:
            data = self.reader(target)
            if data is None:
                raise FileNotFoundError(target)
            text = data.decode("utf-8")
            schema = json.loads(text)
        except FileNotFoundError:
            raise self.error(keys, f"schema file '{value}' not found ({target})") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise self.error(keys, f"cannot read schema file '{value}': {exc}") from None
        except json.JSONDecodeError as exc:
            raise self.error(
                keys, f"schema file {target}:{exc.lineno}:{exc.colno} is not valid JSON: {exc.msg}"
            ) from None
        from seedlint.news.schemas import foreign_dialect, unresolvable_ref

        dialect = foreign_dialect(schema)
        if dialect is not None:
            raise self.error(
                keys,
                f"schema file {target}: {dialect}; write "
                '"$schema": "https://json-schema.org/draft/2020-12/schema" (or leave it out) '
                "and the schema in draft 2020-12",
            )
        problem = schema_problem(schema)
        if problem is not None:
            raise self.error(keys, f"schema file {target} is not a valid JSON Schema: {problem}")

        ref = unresolvable_ref(schema)
        if ref is not None:
            raise self.error(
                keys,
                f"schema file {target}: its $ref '{ref}' cannot be resolved within the file "
                "(seedlint never fetches schemas over the network); copy the schema it names "
                "under '$defs' and refer to it as '#/$defs/<name>'",
            )
        return target, text

    def rule_options(self, value: Any) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
        out = []
        for code, options in self.table_of(("rules",), value).items():
            keys = ("rules", code)
            self.check_selector(keys, code, exact=True)
            rule = self.rules()[code]
            self.expect(keys, options, isinstance(options, dict), "a table of rule options")
            declared: Mapping[str, Any] = rule.options
            for name, option in options.items():
                if name not in declared:
                    offered = ("options: " + ", ".join(declared)) if declared else "no options"
                    raise self.error(
                        (*keys, name),
                        f"unknown option of {code}{_suggest(name, declared)}; {code} has {offered}",
                    )
                default = declared[name]
                if default is not None and not _same_type(option, default):
                    raise self.error(
                        (*keys, name), f"must be {_type_name(default)}, not {_type_name(option)}"
                    )
            out.append((code, tuple(sorted(options.items()))))
        return tuple(out)

    def output_format(self, value: Any) -> str:
        from seedlint.reporters import FORMAT_NAMES

        keys = ("output-format",)
        self.expect(keys, value, isinstance(value, str), "the name of an output format")
        if value not in FORMAT_NAMES:
            raise self.error(
                keys,
                f"unknown format '{value}'{_suggest(value, FORMAT_NAMES)}; formats: "
                + ", ".join(FORMAT_NAMES),
            )
        result: str = value
        return result

    def limits(self, value: Any) -> Limits:
        fields = {_kebab(f.name): f for f in dataclasses.fields(Limits)}
        defaults = Limits()
        chosen: dict[str, Any] = {}
        for key, limit in self.table_of(("limits",), value).items():
            keys = ("limits", key)
            if key not in fields:
                raise self.error(
                    keys, f"unknown limit{_suggest(key, fields)}; limits: " + ", ".join(fields)
                )
            name = fields[key].name
            default = getattr(defaults, name)
            if not _same_type(limit, default):
                raise self.error(keys, f"must be {_type_name(default)}, not {_type_name(limit)}")
            if isinstance(limit, (int, float)) and limit <= 0:
                raise self.error(keys, f"must be positive, not {limit}")
            ceiling = getattr(CEILINGS, name)
            if limit > ceiling:
                raise self.error(
                    keys,
                    f"must be at most {ceiling:g} (a limit protects the machine that runs the "
                    f"check; docs/limits.md), not {limit}",
                )
            chosen[name] = float(limit) if isinstance(default, float) else limit
        return dataclasses.replace(defaults, **chosen)


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _schema_name(kind: str, names: list[str]) -> str | None:
    """The key a kind's schema setting is stored under: ``news`` for the news-item schema,
    else the bundled schema's name (``technique`` may stand for ``disarm-technique``)."""
    if kind in ("news", "news-item"):
        return "news"
    if kind in names:
        return kind
    if f"disarm-{kind}" in names:
        return f"disarm-{kind}"
    if kind == "disarm" and any(n.startswith("disarm") for n in names):
        return kind
    return None


def schema_problem(schema: Any) -> str | None:
    """Why ``schema`` is not a valid JSON Schema (for the draft it declares, 2020-12 by
    default; :func:`~seedlint.news.schemas.foreign_dialect` refuses the others first), or
    ``None``."""
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import Draft202012Validator, validator_for

    if not isinstance(schema, dict):
        return f"a schema file holds a JSON object, not {_type_name(schema)}"
    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        return f"at '{where or '(root)'}': {exc.message}"
    return None


def check_selectors(option: str, codes: Iterable[str]) -> None:
    """Command-line selectors must name rules: ``--select N999`` is an error, not a no-op."""
    from seedlint.core.rules import all_rules

    rules = all_rules()
    for code in codes:
        if code != "ALL" and not any(c.startswith(code) for c in rules):
            raise ConfigError(
                f"{option}: unknown rule code or prefix '{code}'"
                f"{_suggest(code, rules)}; 'seedlint rules' lists them"
            )
