"""Output formats as the tools that read them see them: SARIF validated against the official
schema and GitHub code scanning's requirements, GitHub workflow commands parsed as the Actions
runner parses them, GitLab Code Quality fingerprints, JUnit XML, ``--output-file``,
``--statistics``, colour and the progress bar."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from seedlint.core.finding import Finding, Severity
from seedlint.reporters import Report
from seedlint.reporters.github import render as render_github
from tests.conftest import DISARM_NEW, DISARM_OLD, NEWS_CORPUS, SARIF_SCHEMA, SEEDS, need
from tests.helpers import run_cli, run_subprocess

ENTITY_ITEM = "_news/2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md"
DUPLICATE_ITEM = "_news/2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md"


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(need(SARIF_SCHEMA).read_text("utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def check(capsys: Any, fmt: str, *args: str | Path) -> tuple[int, str, str]:
    result = run_cli(capsys, "check", "--no-cache", "--format", fmt, *args)
    return result.code, result.out, result.err


def copy_news(tmp_path: Path, *names: str) -> Path:
    """A copy of the news corpus (or of some of its items) under ``tmp_path/site``."""
    corpus = need(NEWS_CORPUS)
    site = tmp_path / "site"
    if names:
        (site / "_news").mkdir(parents=True)
        shutil.copy(corpus / "_config.yml", site / "_config.yml")
        for name in names:
            shutil.copy(corpus / name, site / name)
    else:
        shutil.copytree(corpus, site)
    return site


def insert_lines_above(path: Path, line: int, lines: list[str]) -> None:
    """Insert YAML comment lines before 1-based ``line``, keeping the file's line ending."""
    data = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    parts = data.split(newline)
    parts[line - 1 : line - 1] = [text.encode() for text in lines]
    path.write_bytes(newline.join(parts))


# --- SARIF --------------------------------------------------------------------------------------


def assert_github_sarif(log: dict[str, Any]) -> None:
    """GitHub code scanning's requirements on an uploaded SARIF file."""
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "seedlint" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert rules, "tool.driver.rules lists every rule"
    for rule in rules:
        assert rule["id"] and rule["name"]
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    bases = run.get("originalUriBaseIds", {})
    for result in run["results"]:
        index = result["ruleIndex"]
        assert rules[index]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        artifact = physical["artifactLocation"]
        assert artifact.get("uriBaseId") in bases, artifact
        assert not artifact["uri"].startswith(("/", "file:")), "URI relative to the repo root"
        region = physical["region"]
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(region[key], int) and region[key] >= 1
        assert (region["endLine"], region["endColumn"]) >= (
            region["startLine"],
            region["startColumn"],
        )
        prints = result["partialFingerprints"]
        # the only fingerprint GitHub reads: 16 hexadecimal digits, ':', the occurrence
        assert re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*", prints["primaryLocationLineHash"])
        assert len(prints["seedlint/v1"]) == 64
    assert len(run["results"]) <= 25_000, "GitHub rejects a run with more results"
    (invocation,) = run["invocations"]
    assert invocation["workingDirectory"]["uri"].startswith("file:///")


def test_sarif_of_the_news_corpus_is_valid_and_github_ready(
    capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    code, out, err = check(capsys, "sarif", ".")
    assert code == 1
    log = json.loads(out)  # nothing but the SARIF log on stdout
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    assert_github_sarif(log)
    results = log["runs"][0]["results"]
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in results
    }
    assert located == {("N005", ENTITY_ITEM), ("N003", DUPLICATE_ITEM)}
    n005 = next(r for r in results if r["ruleId"] == "N005")
    assert n005["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 21,
        "startColumn": 95,
        "endLine": 21,
        "endColumn": 101,
    }
    assert "Found 2 findings" in err


@pytest.mark.parametrize("corpus", [DISARM_OLD, DISARM_NEW], ids=["disarm-old", "disarm-new"])
def test_sarif_of_the_disarm_corpora_is_valid(
    capsys: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(need(corpus).parent)  # the corpus is the repository being checked
    code, out, _ = check(capsys, "sarif", "generated_pages")
    assert code in (0, 1)
    log = json.loads(out)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    assert_github_sarif(log)
    json_run = run_cli(capsys, "check", "--no-cache", "--format", "json", "generated_pages")
    assert len(log["runs"][0]["results"]) == len(json.loads(json_run.out))


def test_sarif_uri_of_a_file_outside_the_repository_is_absolute(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_news(tmp_path / "elsewhere", ENTITY_ITEM)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    code, out, _ = check(capsys, "sarif", site / ENTITY_ITEM)
    assert code == 1
    log = json.loads(out)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (site / ENTITY_ITEM).resolve().as_uri()}
    working = log["runs"][0]["invocations"][0]["workingDirectory"]["uri"]
    assert working == (tmp_path / "repo").resolve().as_uri() + "/"
    assert not list(sarif_validator().iter_errors(log))


def test_sarif_uris_are_relative_to_the_repository_root(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    site = copy_news(repo, ENTITY_ITEM)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    monkeypatch.chdir(site / "_news")  # run from a subdirectory, as a CI step may
    code, out, _ = check(capsys, "sarif", ".")
    assert code == 1
    log = json.loads(out)
    run = log["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": f"site/{ENTITY_ITEM}", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    assert not list(sarif_validator().iter_errors(log))


def fingerprints(capsys: Any, fmt: str, site: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.chdir(site)
    _, out, _ = check(capsys, fmt, ".")
    data = json.loads(out)
    if fmt == "sarif":
        return [
            (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["partialFingerprints"]["seedlint/v1"],
            )
            for r in data["runs"][0]["results"]
        ]
    return [(i["check_name"], i["location"]["lines"]["begin"], i["fingerprint"]) for i in data]


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprints_survive_lines_added_above(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    site = copy_news(tmp_path, ENTITY_ITEM)
    before = fingerprints(capsys, fmt, site, monkeypatch)
    assert [(c, line) for c, line, _ in before] == [("N005", 21)]
    insert_lines_above(site / ENTITY_ITEM, 2, ["# reviewed by the desk", "# second note"])
    after = fingerprints(capsys, fmt, site, monkeypatch)
    assert [(c, line) for c, line, _ in after] == [("N005", 23)]
    assert after[0][2] == before[0][2]
    # a change to the line itself is a new finding
    path = site / ENTITY_ITEM
    path.write_bytes(path.read_bytes().replace(b"ssl=1", b"ssl=2"))
    changed = fingerprints(capsys, fmt, site, monkeypatch)
    assert changed[0][2] != before[0][2]


# --- GitHub workflow commands ---------------------------------------------------------------


def _unescape_data(text: str) -> str:
    # actions/runner ActionCommand.UnescapeData
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    # actions/runner ActionCommand.UnescapeProperty
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """A ``::command k=v,k=v::message`` line, parsed as the GitHub Actions runner does
    (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    head, message = line[2:end], line[end + 2 :]
    command, _, props = head.partition(" ")
    properties: dict[str, str] = {}
    for pair in props.split(","):
        if pair:
            key, _, value = pair.partition("=")
            properties[key] = _unescape_property(value)
    return command, properties, _unescape_data(message)


def test_github_annotations_on_the_news_corpus(
    capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    code, out, err = check(capsys, "github", ".")
    assert code == 1 and "Found 2 findings" in err
    commands = [parse_workflow_command(line) for line in out.splitlines()]
    by_title = {props["title"]: (command, props, message) for command, props, message in commands}
    assert set(by_title) == {"N003", "N005"}
    command, props, message = by_title["N005"]
    assert command == "error"
    assert props == {
        "file": ENTITY_ITEM,
        "line": "21",
        "endLine": "21",
        "col": "95",
        "endColumn": "101",
        "title": "N005",
    }
    assert message.startswith("HTML entity '&#038;' in URL")


def test_github_escapes_what_the_runner_unescapes(tmp_path: Path) -> None:
    message = "100% wrong,\r\nsecond line: a::b"
    path = "dir,with:odd%chars/a.md"
    findings = [
        Finding("N001", Severity.WARNING, message, path, 3, 2, 4, 5, kind="news"),
        Finding("S001", Severity.INFO, "note", "b.md", 1, 1, 1, 1, kind="news"),
    ]
    text = render_github(Report(findings, {}, 2, 0, tmp_path))
    lines = text.splitlines()
    assert len(lines) == 2, "one command a line: CR and LF never reach the log raw"
    command, props, parsed = parse_workflow_command(lines[0])
    assert command == "warning"
    assert props["file"] == path and props["title"] == "N001"
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == (
        "3",
        "2",
        "4",
        "5",
    )
    assert parsed == message
    assert parse_workflow_command(lines[1])[0] == "notice"


# --- GitLab Code Quality ----------------------------------------------------------------------


def test_gitlab_report_fields_and_unique_fingerprints(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_news(tmp_path)
    # the same defect twice in one file, on identical lines, and the same item copied
    item = site / ENTITY_ITEM
    text = item.read_text("utf-8")
    image = '  - url: "https://i2.wp.com/sympmarc.com/wp-content/uploads/2021/02/image.png?resize=620%2C497&#038;ssl=1"'
    assert image in text
    item.write_text(text.replace("images:\n" + image, "images:\n" + image + "\n" + image), "utf-8")
    shutil.copy(item, site / "_news" / "2021-02-17-copy.md")
    monkeypatch.chdir(site)
    code, out, err = check(capsys, "gitlab", ".")
    assert code == 1
    report = json.loads(out)
    assert len(report) >= 5
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue in report:
        assert issue["description"].startswith(issue["check_name"] + " ")
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        location = issue["location"]
        assert not location["path"].startswith("/") and (site / location["path"]).is_file()
        lines = location["lines"]
        assert isinstance(lines["begin"], int) and lines["begin"] >= 1
        assert lines["end"] >= lines["begin"]
    same_line = [i for i in report if i["location"]["path"] == ENTITY_ITEM]
    assert sorted(
        i["location"]["lines"]["begin"] for i in same_line if i["check_name"] == "N005"
    ) == [21, 22]
    assert "Found" in err


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_one_case_per_finding_grouped_by_file(
    capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    code, out, _ = check(capsys, "junit", ".")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert sorted(s.get("name") for s in suites) == sorted([ENTITY_ITEM, DUPLICATE_ITEM])
    for suite in suites:
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases)) == suite.get("failures")
        for case in cases:
            failure = case.find("failure")
            assert failure is not None and failure.get("message")
            assert case.get("classname") == suite.get("name")


def test_junit_of_a_clean_run_and_of_hostile_text(capsys: Any, tmp_path: Path) -> None:
    code, out, _ = check(capsys, "junit", SEEDS)
    assert code == 0
    root = ET.fromstring(out.encode("utf-8"))
    assert root.get("failures") == "0"
    (case,) = root.iter("testcase")  # one passing case, so CI shows that seedlint ran
    assert case.find("failure") is None
    from seedlint.reporters.junit import render

    finding = Finding("N001", Severity.ERROR, "bad \x1b[31m <&> \x00 value", "a&b.md", 1, 1, 1, 2)
    xml = render(Report([finding], {}, 1, 0, tmp_path))
    case = ET.fromstring(xml.encode("utf-8")).find("testsuite/testcase/failure")
    assert case is not None and "<&>" in (case.get("message") or "")


# --- output file, statistics, summary placement ------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "json", "gitlab", "junit", "concise"])
def test_output_file_gets_the_findings_and_the_terminal_the_summary(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    target = tmp_path / "reports" / f"seedlint.{fmt}"
    code, out, err = check(capsys, fmt, "--output-file", target, ".")
    assert code == 1
    assert out.startswith("Found 2 findings in 2 files") and str(target) in out
    assert ENTITY_ITEM not in out and err == ""
    written = target.read_text("utf-8")
    assert ENTITY_ITEM in written
    if fmt in ("sarif", "json", "gitlab"):
        json.loads(written)
    if fmt == "junit":
        ET.fromstring(written.encode("utf-8"))


def test_output_file_that_cannot_be_written_is_a_clear_error(capsys: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli(capsys, "check", "--no-cache", "--output-file", blocker / "out.json", SEEDS)
    assert result.code == 2
    assert "cannot write the output file" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "github", "gitlab", "junit"])
def test_machine_output_on_stdout_carries_only_findings(
    capsys: Any, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    _, out, err = check(capsys, fmt, ".")
    assert "Found 2 findings" not in out and "Found 2 findings" in err
    _, quiet_out, quiet_err = check(capsys, fmt, "--quiet", ".")
    assert quiet_out == out and quiet_err == ""


def test_statistics(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    code, out, _ = check(capsys, "concise", "--statistics", ".")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == ["1", "N003", "duplicate-article-url"]
    assert lines[1].split() == ["1", "N005", "[*]", "url-html-entity"]
    assert lines[2].startswith("[*] fixable with `seedlint check --fix`")
    assert ENTITY_ITEM not in out
    _, out, _ = check(capsys, "json", "--statistics", ".")
    assert json.loads(out) == [
        {"code": "N003", "name": "duplicate-article-url", "count": 1, "fixable": False},
        {"code": "N005", "name": "url-html-entity", "count": 1, "fixable": True},
    ]


def test_quiet_prints_findings_only(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    code, out, err = check(capsys, "concise", "--quiet", ".")
    assert code == 1 and err == ""
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["N005", "N003"]


# --- terminal manners ---------------------------------------------------------------------------


def run_in_terminal(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run ``python -m seedlint`` with stdout and stderr on a pseudo-terminal; what it shows."""
    import pty

    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "seedlint", *args],
        stdout=terminal,
        stderr=terminal,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    corpus = need(NEWS_CORPUS)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    shown = run_in_terminal(["check", "--no-cache", "."], env, corpus)
    assert "\x1b[" in shown and "N005" in shown
    plain = run_in_terminal(["check", "--no-cache", "."], env | {"NO_COLOR": "1"}, corpus)
    assert "\x1b[" not in plain and "N005" in plain
    machine = run_in_terminal(["check", "--no-cache", "--format", "json", "."], env, corpus)
    assert "\x1b[" not in machine
    piped = run_subprocess("check", "--no-cache", ".", cwd=corpus, env=env)
    assert "\x1b[" not in piped.out + piped.err and "N005" in piped.out


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_waits_a_second_then_erases_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from seedlint.cli import progress

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    terminal = FakeTerminal()
    assert progress.wanted(terminal, quiet=False)
    assert not progress.wanted(terminal, quiet=True)
    assert not progress.wanted(io.StringIO(), quiet=False)
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    with progress.bar(terminal, enabled=True):
        progress.start(4)
        progress.advance()
        assert terminal.getvalue() == "", "nothing shown during the first second"
        clock[0] += 1.5
        progress.advance()
        assert "2/4 files" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[2K"), "the bar erases its line"
    progress.advance()  # no bar: a no-op


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "gitlab", "junit", "github"])
def test_a_file_name_that_is_not_utf8(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Machine output of a finding in ``caf\\xe9.md`` (Latin-1 name) stays valid UTF-8 and
    parseable; written to a file, too."""
    source = need(NEWS_CORPUS) / ENTITY_ITEM
    name = os.fsdecode(b"caf\xe9.md")
    try:
        (tmp_path / name).write_bytes(source.read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out" / f"report.{fmt}"
    code, _, _ = check(capsys, fmt, "--output-file", target, ".")
    assert code == 1
    text = target.read_bytes().decode("utf-8")  # valid UTF-8
    if fmt == "json":
        assert json.loads(text)[0]["path"] == name  # the name round-trips
    elif fmt == "json-lines":
        assert json.loads(text.splitlines()[0])["path"] == name
    elif fmt == "sarif":
        log = json.loads(text)
        assert not list(sarif_validator().iter_errors(log))
        location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "caf%E9.md"
    elif fmt == "gitlab":
        assert json.loads(text)[0]["location"]["path"] == name
    elif fmt == "junit":
        assert ET.fromstring(text.encode("utf-8")).find("testsuite") is not None
    else:
        assert text.startswith("::error file=caf")


def test_output_format_is_a_synonym_of_format(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(need(NEWS_CORPUS))
    spelled = run_cli(capsys, "check", "--no-cache", "--output-format", "json", ".")
    assert sorted(f["code"] for f in json.loads(spelled.out)) == ["N003", "N005"]


def test_sarif_of_40000_findings_uploads_as_is(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedlint.cli.output import rule_infos
    from seedlint.core.finding import Finding, Severity
    from seedlint.core.rules import all_rules
    from seedlint.reporters import Report
    from seedlint.reporters.sarif import build

    monkeypatch.chdir(tmp_path)  # outside any checkout
    findings = [
        Finding(
            "N005" if i % 4 else "N003",
            Severity.WARNING if i % 4 else Severity.ERROR,
            "a finding",
            f"_news/item-{i // 100:03d}.md",
            i % 100 + 1,
            1,
            i % 100 + 1,
            5,
            context=f"line {i % 100}",
        )
        for i in range(40_000)
    ]
    log = build(Report(findings, rule_infos(all_rules()), 400, 0, tmp_path))
    (run,) = log["runs"]
    assert len(run["results"]) == 25_000
    assert sum(r["level"] == "error" for r in run["results"]) == 10_000  # errors kept first
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert "15000 of 40000 results were left out" in note["message"]["text"]
    assert "15000 of 40000 results were left out" in capsys.readouterr().err
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert len(set(hashes)) == len(hashes)
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "_news/item-000.md", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert_github_sarif(log)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
