"""seedlint's speed and memory against the parse floor and against peers, on a scaled corpus.

    python benchmarks/bench.py [--docs N] [--disarm-copies K] [--peer-sample S] [--json FILE]

It builds, in a temporary directory, a news site of N items (default 100,000) by replicating the
real items of the shared corpus with varied file names and content (titles and article URLs;
copy 0 is the corpus as it is, with its real defects), and K copies of each DISARM tree under
separate roots; then it measures, in one run:

* the floor: reading every news file and composing its front matter with libyaml
  (``yaml.compose`` with ``CSafeLoader``: no Python objects built), in one process;
* ``seedlint check`` cold (no cache) with 1 and with 2 workers, warm (nothing changed), and after
  editing 1% of the files (one edit makes an untouched, cached file a duplicate: its finding must
  appear); the findings of the warm and edited runs are compared with uncached runs;
* one clean file through the console script, as pre-commit runs it (interpreter start included);
* peak memory (RSS) of the runs;
* the DISARM trees, cold;
* peers on a sample of the same documents: check-jsonschema with seedlint's news schema on the
  front matter extracted to ``.yaml`` files, and yamllint (relaxed), per document.

Only the standard library, PyYAML and the installed console scripts are used
(``pip install -e '.[bench]'`` installs the peers). Nothing is written outside the temporary
directory (``--keep`` keeps it, ``--workdir`` chooses it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SEEDLINT_SHARED", ROOT.parent / "shared")).resolve()
NEWS = SHARED / "corpora" / "news-power-apps"
DISARM = [
    SHARED / "corpora" / "disarm-2c4757b" / "generated_pages",
    SHARED / "corpora" / "disarm-49df5f6" / "generated_pages",
]
RACY_WAIT = 3.5  # seedlint does not cache a file changed less than 3 s before its run

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|\Z)", re.MULTILINE)
_TITLE = re.compile(r"^(title: ?)([\"']?)(.*?)\2([ \t]*\r?)$", re.MULTILINE)
_URL = re.compile(
    r"^((?:originalUrl|sourceUrl|webUrl|ampUrl|ampWebUrl|cdnAmpUrl|cdnAmpWebUrl): ?)"
    r"([\"']?)(https?://[^\s\"']+)\2([ \t]*\r?)$",
    re.MULTILINE,
)


# --- the corpus --------------------------------------------------------------------------------


def front_matter(text: str) -> str | None:
    opening = _OPEN.match(text)
    if opening is None:
        return None
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return None
    return text[opening.end() : closing.start()]


def vary(text: str, copy: int) -> str:
    """Copy ``copy`` of an item: its title and article URLs made its own."""
    if copy == 0:
        return text

    def title(m: re.Match[str]) -> str:
        return f"{m[1]}{m[2]}{m[3]} (copy {copy}){m[2]}{m[4]}"

    def url(m: re.Match[str]) -> str:
        joined = "&" if "?" in m[3] else "?"
        return f"{m[1]}{m[2]}{m[3]}{joined}copy={copy}{m[2]}{m[4]}"

    return _URL.sub(url, _TITLE.sub(title, text, count=1))


def build_news(source: Path, site: Path, docs: int) -> list[Path]:
    """A news site of ``docs`` items: ``_news/`` plus the source's ``_config.yml`` and
    ``assets/``."""
    items = sorted((source / "_news").glob("*.md"))
    if not items:
        raise SystemExit(f"no news items in {source / '_news'}")
    texts = [p.read_bytes() for p in items]
    (site / "_news").mkdir(parents=True)
    if (source / "_config.yml").is_file():
        shutil.copy2(source / "_config.yml", site / "_config.yml")
    if (source / "assets").is_dir():
        shutil.copytree(source / "assets", site / "assets")
    paths = []
    for n in range(docs):
        copy, which = divmod(n, len(items))
        stem = items[which].stem
        name = f"{stem}.md" if copy == 0 else f"{stem}-copy{copy}.md"
        path = site / "_news" / name
        data = texts[which]
        if copy:
            data = vary(data.decode("utf-8"), copy).encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
    return sorted(paths)


def build_disarm(sources: Sequence[Path], into: Path, copies: int) -> list[Path]:
    """``copies`` copies of each DISARM tree, each under its own root."""
    roots = []
    for source in sources:
        for k in range(copies):
            root = into / f"{source.parent.name}-{k}" / "generated_pages"
            shutil.copytree(source, root)
            roots.append(root)
    return roots


def count_links(root: Path) -> tuple[int, int]:
    """(pages, markdown links between pages) of a DISARM tree."""
    pages = links = 0
    for path in root.rglob("*.md"):
        pages += 1
        links += len(re.findall(r"\]\((?!https?:)[^)]+\.md\)", path.read_text("utf-8", "replace")))
    return pages, links


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    code: int
    rss_kb: int  # peak RSS of the largest single process (wait4)
    tree_kb: int  # peak of the sum over the process and its children (sampled)
    stderr: str = ""


def _tree_rss_kb(pid: int) -> int:
    total = 0
    stack = [pid]
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as handle:
                total += int(handle.read().split()[1]) * page_kb
            with open(f"/proc/{p}/task/{p}/children") as handle:
                stack.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(
    command: Sequence[str | os.PathLike[str]],
    cwd: Path,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``command``; wall time, exit code, peak RSS (single process and whole tree)."""
    peak = [0]
    done = threading.Event()
    started = time.perf_counter()
    with open(cwd / ".bench-stderr", "w+b") as err:
        proc = subprocess.Popen(
            [os.fspath(c) for c in command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env
        )

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        if sys.platform.startswith("linux"):
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    rss = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return Run(wall, proc.returncode, rss, peak[0], text)


def floor(paths: Sequence[Path]) -> float:
    """Read every file and compose its front matter with libyaml; seconds."""
    loader = yaml.CSafeLoader
    started = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
        block = front_matter(text)
        if block is not None:
            yaml.compose(block, Loader=loader)
    return time.perf_counter() - started


def findings(file: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(file.read_text("utf-8"))
    return sorted(data, key=lambda f: (f["path"], f["line"], f["column"], f["code"], f["message"]))


def script(name: str) -> str | None:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


# --- the benchmark -----------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    seconds: float | None
    per_doc_us: float | None = None
    ratio: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Report:
    machine: dict[str, Any]
    params: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        print(
            f"  {row.name}: {row.seconds if row.seconds is None else round(row.seconds, 3)} s "
            f"{row.ratio} {row.note}",
            flush=True,
        )
        return row

    def table(self) -> str:
        lines = [
            "| measure | time | per doc | ratio | target | met |",
            "|---|---:|---:|---|---|---|",
        ]
        for r in self.rows:
            seconds = (
                ""
                if r.seconds is None
                else (f"{r.seconds * 1000:.0f} ms" if r.seconds < 1 else f"{r.seconds:.2f} s")
            )
            per_doc = "" if r.per_doc_us is None else f"{r.per_doc_us:.0f} µs"
            met = "" if r.met is None else ("yes" if r.met else "**no**")
            note = f" ({r.note})" if r.note else ""
            lines.append(
                f"| {r.name}{note} | {seconds} | {per_doc} | {r.ratio} | {r.target} | {met} |"
            )
        return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    try:
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        memory = 0
    return {
        "cpu": cpu,
        "cpus": cpus,
        "memory_mb": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": getattr(yaml, "__with_libyaml__", False),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000, help="news items (default 100000)")
    parser.add_argument(
        "--disarm-copies",
        type=int,
        default=1,
        help="copies of each DISARM tree for the scaled DISARM run (default 1)",
    )
    parser.add_argument(
        "--peer-sample", type=int, default=2000, help="documents given to the peers (default 2000)"
    )
    parser.add_argument("--one-file-runs", type=int, default=15)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="take the fastest of this many runs of each measure (default 1)",
    )
    parser.add_argument("--news", type=Path, default=NEWS, help="news site to replicate")
    parser.add_argument(
        "--disarm",
        type=Path,
        action="append",
        help="DISARM generated_pages tree (repeatable; default: the shared ones)",
    )
    parser.add_argument("--workdir", type=Path, help="build the corpus here (must not exist)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)

    seedlint = script("seedlint")
    if seedlint is None:
        raise SystemExit("the seedlint console script is not installed (pip install -e .)")
    disarm_sources = [p for p in (args.disarm or DISARM) if p.is_dir()]
    if args.workdir is not None:
        args.workdir.mkdir(parents=True)
        work = args.workdir.resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix="seedlint-bench-")).resolve()
    report_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    report = Report(
        machine(),
        {"docs": args.docs, "disarm_copies": args.disarm_copies, "peer_sample": args.peer_sample},
    )
    report.machine["load at start"] = report_load
    print(f"machine: {report.machine}", flush=True)
    print(f"building in {work} ...", flush=True)
    env = dict(os.environ)
    env.pop("SEEDLINT_CACHE_DIR", None)
    env["NO_COLOR"] = "1"
    # Python's bytecode cache, as in any installed environment (pip compiles what it installs),
    # kept in the temporary directory: nothing is written into the checkout
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    try:
        started = time.perf_counter()
        site = work / "news"
        paths = build_news(args.news, site, args.docs)
        roots = build_disarm(disarm_sources, work / "disarm", max(1, args.disarm_copies))
        print(
            f"built {len(paths)} news items, {len(roots)} DISARM trees in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        _measure(report, work, site, paths, roots, disarm_sources, seedlint, env, args)
    finally:
        if args.keep or args.workdir is not None:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if hasattr(os, "getloadavg"):
        report.machine["load at end"] = os.getloadavg()[0]
    print()
    print(f"machine: {report.machine}")
    print(report.table())
    for line in report.checks:
        print(line)
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "machine": report.machine,
                    "params": report.params,
                    "rows": [r.__dict__ for r in report.rows],
                    "checks": report.checks,
                },
                indent=2,
            )
            + "\n"
        )
    return 0 if all(r.met is not False for r in report.rows) else 1


def _measure(
    report: Report,
    work: Path,
    site: Path,
    paths: list[Path],
    roots: list[Path],
    disarm_sources: list[Path],
    seedlint: str,
    env: dict[str, str],
    args: argparse.Namespace,
) -> None:
    n = len(paths)
    cache = work / ".seedlint_cache"
    news = os.path.relpath(site, work)
    check = [seedlint, "check", "--format", "json"]

    for path in paths:  # the page cache holds every file for every measurement
        path.read_bytes()
    # the bytecode of every module a check imports, as pip leaves it in an installed
    # environment: without this, the first measured run would compile seedlint (~0.4 s)
    warmup = [*check, "--no-cache", "-o", "warmup.json", os.path.relpath(paths[0], work)]
    run([*warmup, *(os.path.relpath(r, work) for r in roots[:1])], work, env)
    time.sleep(RACY_WAIT)

    fl = min(floor(paths) for _ in range(max(2, args.repeat)))
    report.add(
        Row("floor: read + libyaml compose of every front matter", fl, fl / n * 1e6, "1.00x")
    )

    def best(extra: list[str], out: str, *, cold: bool) -> Run:
        """The fastest of ``--repeat`` runs (each cold one with the cache removed first)."""
        runs = []
        for _ in range(args.repeat):
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            result = run([*check, *extra, "-o", out, news], work, env)
            if result.code not in (0, 1):
                raise SystemExit(f"seedlint exited {result.code}:\n{result.stderr}")
            runs.append(result)
        return min(runs, key=lambda r: r.wall)

    def row(name: str, result: Run, target: str = "", note: str = "") -> Row:
        return report.add(
            Row(
                name,
                result.wall,
                result.wall / n * 1e6,
                f"{result.wall / fl:.2f}x floor",
                target,
                None,
                note or f"peak RSS {result.rss_kb // 1024} MB",
            )
        )

    cold1 = best(["--jobs", "1"], "cold1.json", cold=True)
    row1 = row("seedlint check, cold, 1 worker (writes the cache)", cold1, "<= 2x floor")
    row1.met = cold1.wall <= 2 * fl
    plain = best(["--jobs", "1", "--no-cache"], "plain.json", cold=True)
    row("seedlint check, cold, 1 worker, --no-cache", plain)
    report.add(
        Row(
            "peak RSS, cold, 1 worker",
            None,
            None,
            f"{cold1.rss_kb // 1024} MB",
            "<= 300 MB",
            cold1.rss_kb <= 300 * 1024,
            f"{n} docs",
        )
    )
    cold2 = best(["--jobs", "2"], "cold2.json", cold=True)
    speedup = cold1.wall / cold2.wall
    row2 = row(
        "seedlint check, cold, 2 workers (writes the cache)",
        cold2,
        ">= 1.7x faster than 1 worker",
        f"peak RSS {cold2.rss_kb // 1024} MB, all processes {cold2.tree_kb // 1024} MB",
    )
    row2.ratio += f"; {speedup:.2f}x faster than 1 worker"
    row2.met = speedup >= 1.7
    # what a user runs: no --jobs (a pool when the files' cost says it pays, one worker a CPU)
    default = best([], "default.json", cold=True)
    row(
        f"seedlint check, cold, default --jobs (automatic: {os.cpu_count()} CPUs)",
        default,
        note=f"peak RSS {default.rss_kb // 1024} MB, all processes {default.tree_kb // 1024} MB",
    )

    warm = best([], "warm.json", cold=False)
    row3 = row("seedlint check, warm, nothing changed", warm, "<= 10% of cold (1 worker)")
    row3.ratio = f"{warm.wall / cold1.wall * 100:.1f}% of cold"
    same = (
        findings(work / "cold1.json")
        == findings(work / "plain.json")
        == findings(work / "cold2.json")
        == findings(work / "default.json")
        == findings(work / "warm.json")
    )
    report.checks.append(
        f"findings identical: cold 1 worker, --no-cache, cold 2 workers, default, warm: {same} "
        f"({len(findings(work / 'cold1.json'))} findings)"
    )
    row3.met = warm.wall <= 0.10 * cold1.wall and same

    edited, victim = _edit(paths)
    touched = run([*check, "-o", "touched.json", news], work, env)
    row4 = row(
        f"seedlint check, after editing 1% ({len(edited)} files)",
        touched,
        "the findings of an uncached run, the new duplicate included",
    )
    row4.ratio = f"{touched.wall / cold1.wall * 100:.1f}% of cold"
    run([*check, "--no-cache", "-o", "fresh.json", news], work, env)
    same = findings(work / "touched.json") == findings(work / "fresh.json")
    victim_display = os.path.relpath(victim, work).replace(os.sep, "/")
    appeared = any(
        f["code"] == "N003" and f["path"] == victim_display for f in findings(work / "touched.json")
    )
    report.checks.append(
        f"findings after the edit identical to an uncached run: {same}; the duplicate made in an "
        f"unchanged (cached) file is reported: {appeared}"
    )
    # the time target is the warm run's (nothing changed); this run must be right
    row4.met = same and appeared

    _one_file(report, work, paths, seedlint, env, args.one_file_runs)

    for root in roots[: len(disarm_sources)]:
        pages, links = count_links(root)
        result = min(
            (run([*check, "--no-cache", "-o", "disarm.json", os.path.relpath(root, work)],
                 work, env) for _ in range(args.repeat)),
            key=lambda r: r.wall,
        )  # fmt: skip
        report.add(
            Row(
                f"DISARM {root.parent.name.rsplit('-', 1)[0]}, cold",
                result.wall,
                result.wall / max(pages, 1) * 1e6,
                "",
                "< 1 s",
                result.wall < 1.0,
                f"{pages} pages, {links} links between pages",
            )
        )
    if len(roots) > len(disarm_sources):
        pages = links = 0
        for root in roots:
            p, k = count_links(root)
            pages, links = pages + p, links + k
        result = run([*check, "--no-cache", "-o", "disarm.json", "disarm"], work, env)
        report.add(
            Row(
                f"DISARM x{args.disarm_copies} copies, cold",
                result.wall,
                result.wall / max(pages, 1) * 1e6,
                "",
                "",
                None,
                f"{pages} pages, {links} links, peak RSS {result.rss_kb // 1024} MB",
            )
        )

    if not args.skip_peers:
        _peers(
            report,
            work,
            paths,
            seedlint,
            env,
            args.peer_sample,
            {
                "default run": default.wall / n,
                "1 worker": cold1.wall / n,
                "2 workers": cold2.wall / n,
                "warm": warm.wall / n,
            },
        )


def _edit(paths: list[Path]) -> tuple[list[Path], Path]:
    """Edit 1% of the items (a title each); the first edited one takes the article URL of a
    later, unedited item, which becomes a duplicate without being edited itself."""
    rng = random.Random(7)
    count = max(2, len(paths) // 100)
    chosen = sorted(rng.sample(range(len(paths) - 1), count))
    for index in chosen:
        path = paths[index]
        text = path.read_bytes().decode("utf-8")
        path.write_bytes(
            _TITLE.sub(lambda m: f"{m[1]}{m[2]}{m[3]} (edited){m[2]}{m[4]}", text, count=1).encode(
                "utf-8"
            )
        )
    first = paths[chosen[0]]
    edited = {paths[i] for i in chosen}
    victim = next(p for p in paths[chosen[0] + 1 :] if p not in edited and _url_of(p))
    url = _url_of(victim)
    text = first.read_bytes().decode("utf-8")
    for key in ("originalUrl", "sourceUrl", "webUrl"):

        def with_url(m: re.Match[str], k: str = key) -> str:
            return f'{k}: "{url}"{m[1]}'

        text = re.sub(rf"^{key}: .*?(\r?)$", with_url, text, count=1, flags=re.MULTILINE)
    first.write_bytes(text.encode("utf-8"))
    return [paths[i] for i in chosen], victim


def _url_of(path: Path) -> str | None:
    match = re.search(r"^originalUrl: \"?([^\"\r\n]+)\"?", path.read_text("utf-8"), re.MULTILINE)
    return match[1] if match else None


def _one_file(
    report: Report, work: Path, paths: list[Path], seedlint: str, env: dict[str, str], runs: int
) -> float:
    clean = None
    flagged = {f["path"] for f in findings(work / "cold1.json")}
    for path in paths:
        if os.path.relpath(path, work).replace(os.sep, "/") not in flagged:
            clean = path
            break
    assert clean is not None
    target = os.path.relpath(clean, work)

    def median(command: list[str]) -> float:
        walls = []
        for _ in range(runs):
            result = run(command, work, env)
            walls.append(result.wall)
        return statistics.median(walls)

    python = median([sys.executable, "-c", "pass"])
    version = median([seedlint, "--version"])
    one = median([seedlint, "check", target])
    no_bytecode = dict(env, PYTHONDONTWRITEBYTECODE="1")
    no_bytecode.pop("PYTHONPYCACHEPREFIX")
    compiled = statistics.median(
        run([seedlint, "check", target], work, no_bytecode).wall for _ in range(runs)
    )
    report.add(
        Row(
            "one clean file through the console script",
            one,
            None,
            f"python -c pass: {python * 1000:.0f} ms, --version: {version * 1000:.0f} ms",
            "<= 150 ms",
            one <= 0.150,
            f"median of {runs}; {compiled * 1000:.0f} ms with no bytecode cache at all",
        )
    )
    return one


def _peers(
    report: Report,
    work: Path,
    paths: list[Path],
    seedlint: str,
    env: dict[str, str],
    sample: int,
    per_doc: dict[str, float],
) -> None:
    """check-jsonschema and yamllint on a sample of the items' front matter, per document,
    against seedlint's per-document cost on the whole corpus (cold 1 and 2 workers, warm) and on
    the same sample."""
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    fm_dir, md_dir = work / "peers" / "front-matter", work / "peers" / "items"
    fm_dir.mkdir(parents=True)
    md_dir.mkdir(parents=True)
    for path in chosen:
        text = path.read_bytes().decode("utf-8-sig")
        block = front_matter(text)
        if block is None:
            continue
        (fm_dir / f"{path.stem}.yaml").write_text(block, encoding="utf-8", newline="")
        shutil.copy2(path, md_dir / path.name)
    count = len(list(fm_dir.iterdir()))
    schema = work / "peers" / "news-item.schema.json"
    schema.write_bytes(
        subprocess.run([seedlint, "schema", "news"], check=True, capture_output=True).stdout
    )
    ours = run(
        [seedlint, "check", "--no-cache", "--jobs", "1", "-o", "peers.txt",
         os.path.relpath(md_dir, work)],
        work, env,
    )  # fmt: skip
    sample_per_doc = ours.wall / count
    report.add(
        Row(
            f"seedlint check on the peer sample, 1 worker ({count} docs)",
            ours.wall,
            sample_per_doc * 1e6,
            "",
            "",
            None,
            "interpreter start included",
        )
    )
    files = sorted(os.path.relpath(p, work) for p in fm_dir.iterdir())
    peers = {
        "check-jsonschema with seedlint's news schema": [
            script("check-jsonschema"), "--schemafile", os.path.relpath(schema, work), *files,
        ],
        "yamllint -d relaxed": [
            script("yamllint"), "-d", "relaxed", "-f", "parsable", os.path.relpath(fm_dir, work),
        ],
    }  # fmt: skip
    for name, command in peers.items():
        if command[0] is None:
            report.add(
                Row(name, None, None, "", "", None, "not installed: pip install -e '.[bench]'")
            )
            continue
        result = run([str(c) for c in command], work, env)
        peer = result.wall / count
        ratios = ", ".join(f"{peer / cost:.0f}x {label}" for label, cost in per_doc.items())
        jsonschema = "jsonschema" in name
        report.add(
            Row(
                name,
                result.wall,
                peer * 1e6,
                f"seedlint faster per doc: {ratios}; {peer / sample_per_doc:.0f}x on the sample",
                ">= 30x slower than seedlint (cold, default run)" if jsonschema else "",
                peer / per_doc["default run"] >= 30 if jsonschema else None,
                f"{count} docs, exit {result.code}",
            )
        )


if __name__ == "__main__":
    sys.exit(main())
