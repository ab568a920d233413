"""The CI side of the gate: the pre-commit hook manifest, the composite GitHub Action (its
scripts run for real against a shallow clone of a pull request, with git and a local "origin";
only the pip install step is left out) and the workflow examples."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.gate_helpers import Repo, add_note, clean_env, copy_pages, line_of, need_git

ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = ROOT / "examples"
T2 = "generated_pages/techniques/T0002.md"
T3 = "generated_pages/techniques/T0003.md"
T4 = "generated_pages/techniques/T0004.md"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def test_hook_manifest_is_what_pre_commit_accepts() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
    [hook] = clientlib.load_manifest(str(HOOKS))
    assert hook["id"] == "seedlint"
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["seedlint", "check"]
    assert "--diff-base" in hook["entry"] and hook["require_serial"] is True
    import pre_commit.constants

    installed = tuple(int(x) for x in pre_commit.constants.VERSION.split(".")[:2])
    minimum = tuple(int(x) for x in hook["minimum_pre_commit_version"].split(".")[:2])
    assert minimum <= installed


@pytest.mark.parametrize(
    ("path", "passed"),
    [
        ("_news/2020-01-01-item.md", True),
        ("site/_news/2020-01-01-item.markdown", True),
        ("generated_pages/techniques/T0001.md", True),
        ("frameworks/generated_pages/incidents/I00001.md", True),
        ("generated_pages/techniques_index.md", True),
        ("README.md", False),
        ("docs/generated_pages.md", False),
        ("generated_pages/images/logo.png", False),
        ("generated_pages/data.json", False),
        ("_posts/2020-01-01-post.md", False),
    ],
)
def test_hook_passes_news_items_and_disarm_pages_only(path: str, passed: bool) -> None:
    identify = pytest.importorskip("identify.identify", reason="pre-commit is not installed")
    [hook] = load(HOOKS)
    tags = identify.tags_from_filename(path)
    selected = bool(re.search(hook["files"], path)) and bool(tags & set(hook["types_or"]))
    assert selected is passed


def _expressions(value: Any) -> list[str]:
    text = json.dumps(value)
    return re.findall(r"\$\{\{\s*([^}]*?)\s*\}\}", text)


def test_action_inputs_are_declared_and_never_pasted_into_scripts() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    used = {e.split(".", 1)[1] for e in _expressions(action) if e.startswith("inputs.")}
    used |= {
        m
        for step in action["runs"]["steps"]
        for m in re.findall(r"inputs\.([\w-]+)", str(step.get("if", "")))
    }
    assert used <= declared, used - declared
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), f"expression pasted into {step['name']}"
        assert step.get("shell") == "bash"
        if "run" in step:
            assert "set -euo pipefail" in step["run"]


def _substitute(value: str, contexts: dict[str, Any]) -> str:
    """The ``${{ ... }}`` expressions the action uses: dotted lookups into the contexts."""

    def lookup(match: re.Match[str]) -> str:
        current: Any = contexts
        for part in match.group(1).split("."):
            current = current.get(part, "") if isinstance(current, dict) else ""
        return str(current)

    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lookup, value)


def run_action(work: Path, inputs: dict[str, str], github: dict[str, Any], tmp: Path):
    """Run the action's steps (all but the pip install) as the runner would, in order."""
    action = load(ACTION)
    seedlint = Path(sys.executable).parent / "seedlint"
    if not seedlint.exists():
        pytest.skip("the seedlint console script is not installed next to this interpreter")
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    steps: dict[str, Any] = {"install": {"outputs": {"seedlint": str(seedlint)}}}
    results = []
    for number, step in enumerate(action["runs"]["steps"]):
        if step.get("id") == "install":
            continue
        condition = step.get("if")
        if condition is not None:
            name = re.fullmatch(r"inputs\.([\w-]+) != ''", condition)
            assert name is not None, f"unknown condition {condition!r}"
            if values[name.group(1)] == "":
                continue
        contexts = {"inputs": values, "github": github, "steps": steps}
        output = tmp / f"output-{number}"
        output.write_text("")
        env = clean_env({"GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(tmp)})
        env.update({k: _substitute(str(v), contexts) for k, v in step.get("env", {}).items()})
        proc = subprocess.run(
            ["bash", "-c", step["run"]],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        results.append((step, proc))
        outputs = dict(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        if "id" in step:
            steps[step["id"]] = {"outputs": outputs}
        if proc.returncode != 0:
            break
    return results, steps


def test_action_on_a_shallow_pull_request_clone(tmp_path: Path) -> None:
    need_git()
    upstream = Repo(tmp_path / "upstream")
    copy_pages(upstream, ["techniques/T0002.md", "techniques/T0003.md", "techniques/T0004.md"])
    upstream.commit("generated pages")
    upstream.git("checkout", "-q", "-b", "feature")
    text = upstream.read(T2)
    upstream.write(T2, text.replace("Organise", "Organize"))
    upstream.commit("edit above the marker")
    upstream.write(T3, add_note(upstream.read(T3)))
    upstream.commit("a note")
    upstream.git("checkout", "-q", "main")
    upstream.write(T4, upstream.read(T4).replace("# Technique", "# Technique (new)", 1))
    upstream.commit("regenerated on main")
    work = tmp_path / "work"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "1",
            "--branch",
            "feature",
            f"file://{upstream.path}",
            str(work),
        ],
        env=clean_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    github = {"event_name": "pull_request", "base_ref": "main", "event": {}}
    sarif = tmp_path / "seedlint.sarif"
    results, steps = run_action(
        work, {"sarif-file": str(sarif), "args": "--select G"}, github, tmp_path
    )
    names = [step["name"] for step, _proc in results]
    assert names == ["Find the base revision", "Write the SARIF report", "Check"]
    base_step, sarif_step, check = (proc for _step, proc in results)
    assert base_step.returncode == 0, base_step.stderr
    merge_base = upstream.git("merge-base", "main", "feature").strip()
    assert steps["base"]["outputs"]["commit"] == merge_base
    assert sarif_step.returncode == 0, sarif_step.stderr
    assert check.returncode == 1, check.stdout + check.stderr
    line = line_of(text, "Organise")
    assert re.search(rf"^::error file={re.escape(T2)},line={line},.*G001", check.stdout, re.M)
    assert T4 not in check.stdout and T3 not in check.stdout
    report = json.loads(sarif.read_text("utf-8"))
    located = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in report["runs"][0]["results"]
    ]
    assert located == [("G001", line)]


def test_action_reports_an_unknown_base_clearly(tmp_path: Path) -> None:
    need_git()
    repo = Repo(tmp_path / "repo")
    copy_pages(repo, ["techniques/T0002.md"])
    repo.commit("pages")
    results, _ = run_action(
        repo.path, {"diff-base": "no-such-ref"}, {"event_name": "push"}, tmp_path
    )
    [(_step, proc)] = results
    assert proc.returncode == 2
    assert "::error title=seedlint::unknown git revision 'no-such-ref'" in proc.stdout


def test_workflow_examples() -> None:
    workflow = load(EXAMPLES / "github-workflow.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    [job] = workflow["jobs"].values()
    uses = [step.get("uses", "") for step in job["steps"]]
    checkout = job["steps"][uses.index(next(u for u in uses if u.startswith("actions/checkout")))]
    assert checkout["with"]["fetch-depth"] == 0
    assert any(u.startswith("seedlint/seedlint@") for u in uses)
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    seedlint_step = next(s for s in job["steps"] if s.get("uses", "").startswith("seedlint/"))
    assert upload["with"]["sarif_file"] == seedlint_step["with"]["sarif-file"]
    declared = set(load(ACTION)["inputs"])
    assert set(seedlint_step["with"]) <= declared
    pre_commit = load(EXAMPLES / "github-workflow-pre-commit.yml")
    [job] = pre_commit["jobs"].values()
    assert any("--from-ref" in step.get("run", "") for step in job["steps"])
    gitlab = load(EXAMPLES / "gitlab-ci.yml")["seedlint"]
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    report = gitlab["artifacts"]["reports"]["codequality"]
    assert any(f"--output-file {report}" in line for line in gitlab["script"])
    assert all("--diff-base auto" in line for line in gitlab["script"])


@pytest.mark.parametrize(
    ("install", "action_path"),
    [(".", None), ("./tools/seedlint", None), ("", "WORK")],
    ids=["install-dot", "install-path-in-checkout", "uses-local-action"],
)
def test_action_never_installs_from_the_checked_out_change(
    tmp_path: Path, install: str, action_path: str | None
) -> None:
    # issue 13: the checker must not come from the pull request it checks
    work = tmp_path / "work"
    (work / "tools" / "seedlint").mkdir(parents=True)
    step = next(s for s in load(ACTION)["runs"]["steps"] if s.get("id") == "install")
    env = clean_env(
        {
            "GITHUB_OUTPUT": str(tmp_path / "out"),
            "RUNNER_TEMP": str(tmp_path),
            "GITHUB_WORKSPACE": str(work),
            "INSTALL": install,
            "ACTION_PATH": str(work) if action_path == "WORK" else str(ROOT),
            "PYTHON": "false",  # never reached: no environment is made, nothing installed
        }
    )
    proc = subprocess.run(
        ["bash", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "::error title=seedlint::" in proc.stdout
