#!/usr/bin/env python3
"""backjournal's benchmarks: every figure next to its baseline, measured side by side in one run.

    python benchmarks/run.py                 # full run (about two minutes), prints the table
    python benchmarks/run.py --quick         # fewer runs, for a quick look
    python benchmarks/run.py --save          # also write the table to benchmarks/RESULTS.md

Run it with the Python that has backjournal installed (the README's .venv). It makes demo
journals of 1, 5 and 10 years with `backjournal demo`, then measures, interleaving each figure
with its baseline round by round so that load from other programs hits both alike:

1. TUI: start to the advisor's phase visible on screen, on the 10-year journal, vs a bare
   Textual app showing one label; both in a 120x40 pseudo-terminal with Textual's own driver.
2. Tick and entry writes in-process at 1, 5 and 10 years (median and p99), vs an fsync'd
   append (the floor for any durable write) and an atomic replace with no Python work (the
   floor for the storage contract: temp file, fsync, rename, directory fsync).
3. `backjournal log --pain 3 --note ...` as a whole process (wall time and peak RSS) on the
   10-year journal, vs `jrnl` adding one entry to a plain-text journal of the same days; and
   `backjournal show --date yesterday --json` (the read path) next to that log.
   jrnl is installed with pip into benchmarks/.venv; if that fails the row says why.
4. Streaks + advice for today on the 10-year journal: cold (the first computation in a fresh
   process, journal loaded) and warm (the refresh after one tick), vs the same on 1 year.
5. TUI peak RSS on the 10-year journal vs the bare Textual app.

Medians are over --runs runs; p99 uses the nearest rank.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import tui_probe  # noqa: E402

try:
    from backjournal.domain.vocab import PHASE_LABELS
except ImportError:  # pragma: no cover - a message, not a benchmark
    sys.exit(
        "benchmarks/run.py: backjournal is not importable; run it with the Python it is installed in "
        "(for example .venv/bin/python benchmarks/run.py)"
    )

JRNL_VENV = HERE / ".venv"
RESULTS = HERE / "RESULTS.md"
NOTES_MARKER = "<!-- notes: kept by --save -->"
LOG_NOTE = "Long walk, felt fine"
COLS, ROWS = 120, 40
BARE_MARKER = "bare-textual-ready"  # the one label bare_app.py shows


# ------------------------------------------------------------------------------- results


@dataclass
class Row:
    figure: str
    value: str
    baseline: str = ""
    baseline_value: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None  # None: no target
    note: str = ""

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}"
        met = {True: "yes", False: "**no**", None: ""}[self.met]
        return [
            self.figure,
            self.value,
            self.baseline,
            self.baseline_value,
            ratio,
            self.target,
            met,
        ]


HEADER = ["figure", "median", "baseline (same run)", "baseline", "ratio", "target", "met"]


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row.cells()) + " |" for row in rows]
    notes = [f"- {row.figure}: {row.note}" for row in rows if row.note]
    targets = [row for row in rows if row.target]
    summary = [
        f"Targets met: {sum(1 for row in targets if row.met)} of {len(targets)}"
        + (
            f" ({sum(1 for row in targets if row.met is None)} not run)"
            if any(r.met is None for r in targets)
            else ""
        )
    ]
    for row in targets:
        if row.met is False:
            by_ratio = row.ratio is not None and not row.target.endswith("ms")
            summary.append(
                f"- not met: {row.figure}: {row.value}"
                + (f", ratio {row.ratio:.2f}" if by_ratio else "")
                + f"; target {row.target}"
            )
    return (
        "\n".join(lines)
        + ("\n\nNotes:\n" + "\n".join(notes) if notes else "")
        + "\n\n"
        + "\n".join(summary)
    )


def ms(seconds: float) -> str:
    value = seconds * 1000
    return (
        f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    )


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------- setup


@dataclass
class Setup:
    work: Path
    journals: dict[str, Path]  # label ("1 y") -> data dir
    years: dict[str, float]
    largest: str
    smallest: str
    env: dict[str, str]
    jrnl_bin: Path | None = None
    jrnl_config: Path | None = None
    jrnl_problem: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def label(years: float) -> str:
    return f"{years:g} y"


def base_env(work: Path) -> dict[str, str]:
    """A small, fixed environment for every child: no user config, no user data."""
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "BACKJOURNAL_CONFIG_DIR": str(work / "config"),
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def ensure_jrnl(skip: bool) -> tuple[Path | None, str | None, str]:
    """jrnl in the benchmarks' own venv: (path to jrnl, problem, version)."""
    if skip:
        return None, "skipped (--no-jrnl)", ""
    jrnl = JRNL_VENV / "bin" / "jrnl"
    python = JRNL_VENV / "bin" / "python"
    if not jrnl.exists():
        progress(f"installing jrnl into {JRNL_VENV} with pip")
        steps = [
            [sys.executable, "-m", "venv", str(JRNL_VENV)],
            [str(python), "-m", "pip", "install", "--quiet", "jrnl"],
        ]
        for step in steps:
            try:
                result = subprocess.run(step, capture_output=True, text=True, timeout=900)
            except (OSError, subprocess.TimeoutExpired) as error:
                return None, f"jrnl could not be installed: {error}", ""
            if result.returncode != 0:
                tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
                return None, f"jrnl could not be installed ({' '.join(step[-2:])}: {tail[0]})", ""
    result = subprocess.run(
        [str(python), "-c", "import jrnl; print(jrnl.__version__)"], capture_output=True, text=True
    )
    if result.returncode != 0 or not jrnl.exists():
        return None, "jrnl is not usable in benchmarks/.venv (delete that folder to reinstall)", ""
    version = result.stdout.strip()
    return jrnl, None, version if version.startswith("v") else f"v{version}"


def prepare(args: argparse.Namespace, work: Path) -> Setup:
    years = sorted(set(args.years))
    journals: dict[str, Path] = {}
    env = base_env(work)
    for y in years:
        dest = work / f"journal-{y:g}y"
        progress(
            f"generating {label(y)} ({generate.days_for(y)} days) with backjournal demo, seed {args.seed}"
        )
        generate.make_journal(dest, y, args.seed, env)
        journals[label(y)] = dest
    setup = Setup(
        work, journals, {label(y): y for y in years}, label(years[-1]), label(years[0]), env
    )
    jrnl, problem, version = ensure_jrnl(args.no_jrnl)
    setup.jrnl_problem = problem
    if jrnl is not None:
        progress(f"writing the same {setup.largest} as a jrnl journal")
        setup.jrnl_bin = jrnl
        setup.jrnl_config = generate.make_jrnl(journals[setup.largest], work / "jrnl", version)
        setup.extra["jrnl"] = version
    return setup


# ------------------------------------------------------------------------------- measurements


class Spawner:
    """benchmarks/spawn.py: starts the measured programs from a small process (see its docstring)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "spawn.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def request(self, **request: object) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("benchmarks/spawn.py stopped")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


SPAWNER: Spawner | None = None


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS KiB, exit status, stderr) of one whole process."""
    assert SPAWNER is not None
    result = SPAWNER.request(kind="process", argv=argv, env=env)
    return result["wall"], result["peak_rss_kib"], result["code"], result["stderr"]


def run_probe(
    argv: list[str], env: dict[str, str], markers: list[str], settle: float
) -> tui_probe.ProbeResult:
    """tui_probe.probe, run by the spawner."""
    assert SPAWNER is not None
    return tui_probe.ProbeResult(
        **SPAWNER.request(
            kind="probe", argv=argv, env=env, markers=markers, cols=COLS, rows=ROWS, settle=settle
        )
    )


def phase_markers(setup: Setup, data_dir: Path) -> list[str]:
    """What the Tonight screen shows once the advisor's phase is on screen, from `advise --json`."""
    result = subprocess.run(
        [*generate.backjournal_command(), "--data-dir", str(data_dir), "advise", "--json"],
        capture_output=True,
        text=True,
        env=setup.env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"backjournal advise failed: {result.stderr.strip()}")
    advice = json.loads(result.stdout)
    heading = PHASE_LABELS.get(advice["phase"], advice["phase"])
    episode = advice.get("episode")
    return [heading, f"day {episode['day']} of this episode" if episode else "no episode open"]


def inproc(args: list[str], env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, str(HERE / "inproc.py"), *args], capture_output=True, text=True, env=env
    )
    if result.returncode != 0:
        raise RuntimeError(f"benchmarks/inproc.py {args[0]} failed:\n{result.stderr.strip()}")
    return json.loads(result.stdout)


def measure(setup: Setup, runs: int, per_round: int, settle: float, hold_s: int = 30) -> list[Row]:
    env = setup.env
    big = setup.journals[setup.largest]
    small = setup.journals[setup.smallest]
    rows: list[Row] = []

    # Processes, interleaved round by round: TUI vs bare app, log vs jrnl, cold/warm computations.
    tui_dir = Path(shutil.copytree(big, setup.work / "tui-journal"))
    cli_dir = Path(shutil.copytree(big, setup.work / "cli-journal"))
    markers = phase_markers(setup, tui_dir)
    app_argv = [*generate.backjournal_command(), "--data-dir", str(tui_dir)]
    if not app_argv[0].startswith("/"):
        app_argv[0] = shutil.which(app_argv[0]) or app_argv[0]
    empty_dir = setup.work / "empty-journal"  # the app with no data: what the journal itself costs
    empty_argv = [*app_argv[:-1], str(empty_dir)]
    empty_markers = [PHASE_LABELS["maintenance"], "no episode open"]
    bare_argv = [sys.executable, str(HERE / "bare_app.py"), BARE_MARKER]
    log_argv = [
        *generate.backjournal_command(),
        "--data-dir",
        str(cli_dir),
        "log",
        "--pain",
        "3",
        "--note",
        LOG_NOTE,
    ]
    # Reading one day back: the read path (start-up, one year file decoded), next to the write.
    show_argv = [
        *generate.backjournal_command(),
        "--data-dir",
        str(cli_dir),
        "show",
        "--date",
        "yesterday",
        "--json",
    ]
    jrnl_argv = None
    if setup.jrnl_bin is not None:
        jrnl_argv = [
            str(setup.jrnl_bin),
            "--config-file",
            str(setup.jrnl_config),
            f"Pain 3/10. {LOG_NOTE}",
        ]

    tui: dict[str, list] = {
        "bare": [],
        "app": [],
        "empty": [],
        "bare_rss": [],
        "app_rss": [],
        "empty_rss": [],
    }
    tui_fail: list[str] = []
    cli: dict[str, list] = {
        "log": [],
        "log_rss": [],
        "show": [],
        "show_rss": [],
        "jrnl": [],
        "jrnl_rss": [],
    }
    comp: dict[str, list] = {
        "cold_big": [],
        "cold_small": [],
        "warm_big": [],
        "warm_small": [],
        "load_big": [],
        "load_small": [],
    }

    def probe(argv: list[str], wanted: list[str], key: str) -> None:
        result = run_probe(argv, env, wanted, settle)
        if result.seconds is None:
            tui_fail.append(
                f"{key}: {' + '.join(map(repr, wanted))} never appeared (exit {result.exit_status}); "
                f"last screen text: {result.tail[-200:]!r}"
            )
            return
        tui[key].append(result.seconds)
        tui[f"{key}_rss"].append(result.peak_rss_kib)

    def cli_run(argv: list[str], key: str) -> None:
        wall, rss, code, err = run_process(argv, env)
        if code != 0:
            raise RuntimeError(f"{argv[0]} exited {code}: {err.strip()[-400:]}")
        cli[key].append(wall)
        cli[f"{key}_rss"].append(rss)

    progress(
        "warming up (first runs compile bytecode, fill the disk cache and take the day's backup)"
    )
    run_probe(bare_argv, env, [bare_marker()], 0.1)
    run_probe(app_argv, env, markers, 0.1)
    run_process(log_argv, env)
    if jrnl_argv:
        run_process(jrnl_argv, env)
    warm_runs = max(5, per_round)
    for r in range(runs):
        progress(
            f"round {r + 1} of {runs}: TUI, bare Textual, backjournal log, jrnl, streaks + advice"
        )
        probe(bare_argv, [bare_marker()], "bare")
        probe(app_argv, markers, "app")
        probe(empty_argv, empty_markers, "empty")
        cli_run(log_argv, "log")
        cli_run(show_argv, "show")
        if jrnl_argv:
            cli_run(jrnl_argv, "jrnl")
        for key, path in (("big", big), ("small", small)):
            result = inproc(["compute", str(path), str(warm_runs)], env)
            comp[f"cold_{key}"].append(result["cold"])
            comp[f"warm_{key}"].extend(result["warm"])
            comp[f"load_{key}"].append(result["load"])

    # In-process writes, every kind interleaved inside one process.
    progress(f"writes: {runs} rounds of {per_round} per kind, interleaved")
    spec = {
        "journals": {name: str(path) for name, path in setup.journals.items()},
        "largest": setup.largest,
        "rounds": runs,
        "per_round": per_round,
    }
    writes = inproc(["writes", json.dumps(spec)], env)
    samples = writes["samples"]

    # ---- the table
    B, S = setup.largest, setup.smallest
    if tui["app"] and tui["bare"]:
        ratio = median(tui["app"]) / median(tui["bare"])
        rows.append(
            Row(
                f"TUI: phase visible, {B}",
                ms(median(tui["app"])),
                "bare Textual app, first frame",
                ms(median(tui["bare"])),
                ratio,
                "<= 1.15",
                ratio <= 1.15,
                f"{len(tui['app'])} runs each, {COLS}x{ROWS} pty; marker text {markers}",
            )
        )
    else:
        rows.append(
            Row(
                f"TUI: phase visible, {B}",
                "not measured",
                "bare Textual app, first frame",
                "",
                None,
                "<= 1.15",
                False,
                "; ".join(tui_fail) or "no run succeeded",
            )
        )
    if tui["app_rss"] and tui["bare_rss"]:
        ratio = median(tui["app_rss"]) / median(tui["bare_rss"])
        rows.append(
            Row(
                f"TUI: peak RSS, {B}",
                mib(median(tui["app_rss"])),
                "bare Textual app",
                mib(median(tui["bare_rss"])),
                ratio,
                "<= 1.3",
                ratio <= 1.3,
                f"ru_maxrss after the phase showed plus {settle:g} s",
            )
        )
    else:
        rows.append(
            Row(
                f"TUI: peak RSS, {B}", "not measured", "bare Textual app", "", None, "<= 1.3", False
            )
        )
    if tui["empty"] and tui["bare"]:
        rows.append(
            Row(
                "TUI: phase visible, empty journal",
                ms(median(tui["empty"])),
                "bare Textual app, first frame",
                ms(median(tui["bare"])),
                median(tui["empty"]) / median(tui["bare"]),
                "",
                None,
                "the app with no data: the part of the start-up that is not the journal's",
            )
        )
        rows.append(
            Row(
                "TUI: peak RSS, empty journal",
                mib(median(tui["empty_rss"])),
                "bare Textual app",
                mib(median(tui["bare_rss"])),
                median(tui["empty_rss"]) / median(tui["bare_rss"]),
            )
        )

    floor = samples["append_floor"]
    for name in setup.journals:
        tick = samples[f"tick:{name}"]
        target = "<= 2 ms" if name == B else ""
        rows.append(
            Row(
                f"tick write, {name}, median",
                ms(median(tick)),
                "fsync'd append, median",
                ms(median(floor)),
                median(tick) / median(floor),
                target,
                median(tick) <= 0.002 if name == B else None,
            )
        )
    tick_big, tick_small = samples[f"tick:{B}"], samples[f"tick:{S}"]
    ratio = median(tick_big) / median(tick_small)
    rows.append(
        Row(
            f"tick write median, {B} / {S}",
            ms(median(tick_big)),
            f"tick write median, {S}",
            ms(median(tick_small)),
            ratio,
            "<= 1.3",
            ratio <= 1.3,
        )
    )
    for name in setup.journals:
        tick = samples[f"tick:{name}"]
        rows.append(
            Row(
                f"tick write, {name}, p99",
                ms(p99(tick)),
                "fsync'd append, p99",
                ms(p99(floor)),
                p99(tick) / p99(floor),
                "<= 5 ms" if name == B else "",
                p99(tick) <= 0.005 if name == B else None,
                f"{len(tick)} ticks per journal" if name == B else "",
            )
        )
    for name in setup.journals:
        entry = samples[f"entry:{name}"]
        rows.append(
            Row(
                f"entry write, {name}, median / p99",
                f"{ms(median(entry))} / {ms(p99(entry))}",
                "fsync'd append, median / p99",
                f"{ms(median(floor))} / {ms(p99(floor))}",
                median(entry) / median(floor),
            )
        )
    replace = samples["replace_floor"]
    rows.append(
        Row(
            "atomic replace, no Python work, median / p99",
            f"{ms(median(replace))} / {ms(p99(replace))}",
            "fsync'd append, median / p99",
            f"{ms(median(floor))} / {ms(p99(floor))}",
            median(replace) / median(floor),
            "",
            None,
            f"temp file of {writes['replace_bytes'] // 1024} KiB (the {B} journal's current year), fsync, "
            "rename, directory fsync: the floor the storage contract allows",
        )
    )
    first = writes["first_write"]
    rows.append(
        Row(
            f"first write of the day, {B}",
            ms(first[B]),
            f"first write of the day, {S}",
            ms(first[S]),
            first[B] / first[S],
            "",
            None,
            "one sample each: it includes the daily backup of the whole journal",
        )
    )

    if jrnl_argv and cli["log"] and cli["jrnl"]:
        ratio = median(cli["log"]) / median(cli["jrnl"])
        rows.append(
            Row(
                f"`backjournal log`, {B}, wall",
                ms(median(cli["log"])),
                f"`jrnl` add, {B}, wall",
                ms(median(cli["jrnl"])),
                ratio,
                "<= 0.25",
                ratio <= 0.25,
                f"{len(cli['log'])} runs each",
            )
        )
        rows.append(
            Row(
                f"`backjournal log`, {B}, peak RSS",
                mib(median(cli["log_rss"])),
                f"`jrnl` add, {B}, peak RSS",
                mib(median(cli["jrnl_rss"])),
                median(cli["log_rss"]) / median(cli["jrnl_rss"]),
            )
        )
    else:
        rows.append(
            Row(
                f"`backjournal log`, {B}, wall",
                ms(median(cli["log"])) if cli["log"] else "",
                f"`jrnl` add, {B}",
                "not run",
                None,
                "<= 0.25",
                None,
                setup.jrnl_problem or "jrnl unavailable",
            )
        )

    rows.append(
        Row(
            f"`backjournal show --json`, {B}, wall",
            ms(median(cli["show"])),
            f"`backjournal log`, {B}, wall",
            ms(median(cli["log"])),
            median(cli["show"]) / median(cli["log"]),
            note=f"{len(cli['show'])} runs each; yesterday's entry",
        )
    )
    cold_ratio = median(comp["cold_big"]) / median(comp["cold_small"])
    rows.append(
        Row(
            f"streaks + advice, cold, {B}",
            ms(median(comp["cold_big"])),
            f"same, {S}",
            ms(median(comp["cold_small"])),
            cold_ratio,
            "<= 25 ms",
            median(comp["cold_big"]) <= 0.025,
            "first computation in a fresh process, journal already loaded",
        )
    )
    warm_ratio = median(comp["warm_big"]) / median(comp["warm_small"])
    rows.append(
        Row(
            f"streaks + advice after one tick, warm, {B}",
            ms(median(comp["warm_big"])),
            f"same, {S}",
            ms(median(comp["warm_small"])),
            warm_ratio,
            "<= 1 ms",
            median(comp["warm_big"]) <= 0.001,
            "journal snapshot + advice + streaks after a tick, as a screen refresh does it",
        )
    )
    rows.append(
        Row(
            f"full journal load, fresh process, {B}",
            ms(median(comp["load_big"])),
            f"same, {S}",
            ms(median(comp["load_small"])),
            median(comp["load_big"]) / median(comp["load_small"]),
        )
    )
    rows.extend(key_latency_rows(setup, runs))
    rows.append(night_keys_row(env))
    rows.append(session_timer_row(setup, big, hold_s))
    if tui_fail:
        rows[0].note += " | failures: " + "; ".join(tui_fail)
    return rows


KEY_TARGET = 1.3  # each screen key within 1.3x of the bare app's switch (issue 10)
TICK_TARGET_S = 0.050


def key_latency_rows(setup: Setup, runs: int) -> list[Row]:
    """Key to settled screen on the largest journal (t d p r e, a tick) vs a bare Textual app
    switching to a 200-row DataTable; fresh processes, interleaved round by round, headless."""
    big = setup.largest
    data = Path(shutil.copytree(setup.journals[big], setup.work / "keys-journal"))
    script = str(HERE / "key_latency.py")
    app: dict[str, list[float]] = {}
    bare: list[float] = []
    problems: list[str] = []

    def play(*args: str) -> dict[str, Any] | None:
        result = subprocess.run(
            [sys.executable, script, *args],
            capture_output=True,
            text=True,
            env=setup.env,
            timeout=300,
        )
        try:
            played: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            problems.append(result.stderr.strip()[-300:])
            return None
        return played

    for r in range(runs):
        progress(f"round {r + 1} of {runs}: key to settled screen, app and bare Textual")
        played_bare = play("bare", "3")
        if played_bare is not None:  # each sample less its process's Pilot floor
            floor = median(played_bare["floor"])
            bare += [max(0.0, s - floor) for s in played_bare["switch"]]
        played_app = play("app", str(data))
        if played_app is not None:
            floor = median(played_app["floor"])
            for key, value in played_app.items():
                if key != "floor":
                    app.setdefault(key, []).append(max(0.0, value - floor))
    baseline = "bare Textual: switch to a 200-row DataTable"
    note = (
        f"{runs} fresh processes each, headless 120x40 through Pilot, until idle with no worker "
        "running; first visit of each screen; each less a key bound to nothing in the same "
        "process (Pilot's own waiting)"
    )
    keys = [("t", "t (back to Tonight)"), ("d", "d"), ("p", "p"), ("r", "r"), ("e", "e")]
    rows: list[Row] = []
    if not bare:
        return [Row(f"key to settled screen, {big}", "not measured", note="; ".join(problems))]
    base = median(bare)
    for key, name in keys:
        if key in app:
            value = median(app[key])
            ratio = value / base if base else None
            rows.append(
                Row(
                    f"key {name} to settled screen, {big}",
                    ms(value),
                    baseline,
                    ms(base),
                    ratio,
                    f"<= {KEY_TARGET}",
                    ratio is not None and ratio <= KEY_TARGET,
                    note if key == "t" else "",
                )
            )
    if "tick" in app:
        value = median(app["tick"])
        rows.append(
            Row(
                f"tick (space on the checklist) to settled screen, {big}",
                ms(value),
                baseline,
                ms(base),
                value / base if base else None,
                f"<= {TICK_TARGET_S * 1000:.0f} ms",
                value <= TICK_TARGET_S,
                "the write, the journal signal and every reload it starts",
            )
        )
    if problems:
        rows[0].note += " | failures: " + "; ".join(problems)
    return rows


V1_NIGHT_KEYS = 20  # issue 10's count on v1, from a cold open


def night_keys_row(env: dict[str, str]) -> Row:
    """The keys of the typical night, played on the real app (benchmarks/night_keys.py)."""
    figure = "keys of the typical night (pain, sleep, mood, area, 4 ticks, saved)"
    result = subprocess.run(
        [sys.executable, str(HERE / "night_keys.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    try:
        played = json.loads(result.stdout.strip().splitlines()[-1])
        keys, stored = int(played["keys"]), bool(played["stored"])
    except (ValueError, IndexError, KeyError):
        return Row(figure, "not measured", note=result.stderr[-300:])
    return Row(
        figure,
        str(keys) if stored else f"{keys}, night not stored",
        "v1, from issue 10",
        str(V1_NIGHT_KEYS),
        keys / V1_NIGHT_KEYS,
        "<= 10",
        stored and keys <= 10,
        "played key by key on the real app, headless; the count stops once the store holds it all",
    )


def session_timer_row(setup: Setup, journal: Path, hold_s: int) -> Row:
    """benchmarks/session_timer.py: a guided-session hold against real time, on the big journal."""
    data = Path(shutil.copytree(journal, setup.work / "session-journal"))
    progress(f"playing a {hold_s} s hold in the Session screen on the real clock")
    out = subprocess.run(
        [sys.executable, str(HERE / "session_timer.py"), str(data), str(hold_s)],
        capture_output=True,
        text=True,
        env=setup.env,
        timeout=hold_s + 120,
    )
    if out.returncode != 0:
        return Row(
            f"session: {hold_s} s hold, lateness at its end, {setup.largest}",
            "not measured",
            note=out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed",
        )
    found = json.loads(out.stdout)
    late, gap = found["late_ms"], found["max_poll_gap_ms"]
    return Row(
        f"session: {hold_s} s hold, lateness at its end, {setup.largest}",
        f"{late:.0f} ms",
        "ideal end (hold as scheduled)",
        f"{found['hold_scheduled_s']:g} s",
        None,
        "<= 200 ms, no poll gap > 200 ms",
        abs(late) <= 200 and gap <= 200,
        f"headless app (not a pty), real monotonic clock; longest gap between two timer polls "
        f"{gap:.0f} ms (interval 100 ms), {found['polls']} polls",
    )


def bare_marker() -> str:
    return BARE_MARKER


# ------------------------------------------------------------------------------- report


def machine(work: Path) -> list[str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    fs = ""
    try:
        best = ""
        for line in Path("/proc/mounts").read_text().splitlines():
            _, mount, kind, *_ = line.split()
            if str(work).startswith(mount) and len(mount) > len(best):
                best, fs = mount, f"{kind} at {mount}"
    except OSError:
        pass
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # noqa: BLE001
        textual = "?"
    return [
        f"{platform.system()} {platform.release()}, {platform.machine()}, {os.cpu_count()} CPUs ({cpu or 'unknown CPU'})",
        f"Python {platform.python_version()}, Textual {textual}",
        f"journals on {fs or 'unknown filesystem'}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, help="process-level runs per figure (default 7, quick 3)"
    )
    parser.add_argument(
        "--writes", type=int, help="writes per kind per round (default 40, quick 8)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs and writes: a quick look, not for RESULTS.md",
    )
    parser.add_argument(
        "--years",
        type=lambda text: [float(y) for y in text.split(",")],
        default=[1.0, 5.0, 10.0],
        help="journal sizes in years, comma-separated (default 1,5,10)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-jrnl", action="store_true", help="skip the jrnl comparison (and its install)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="where to put the journals (default: a temp folder in benchmarks/.work)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--save", action="store_true", help=f"write the table to {RESULTS.relative_to(HERE.parent)}"
    )
    args = parser.parse_args(argv)
    global SPAWNER
    SPAWNER = Spawner()  # first, while this process is small: see spawn.py
    runs = args.runs or (3 if args.quick else 7)
    per_round = args.writes or (8 if args.quick else 40)
    settle = 0.3 if args.quick else 1.0
    if args.save and args.quick:
        parser.error("--save records a full run; drop --quick")
    base = args.work_dir or HERE / ".work"
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=base))
    started = datetime.now()
    load_before = os.getloadavg()
    try:
        setup = prepare(args, work)
        rows = measure(setup, runs, per_round, settle, hold_s=3 if args.quick else 30)
    finally:
        SPAWNER.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    header = [
        f"backjournal benchmarks, {started:%Y-%m-%d %H:%M}, {'quick' if args.quick else 'full'} run: "
        f"{runs} runs per process figure, {runs * per_round} writes per kind",
        *machine(work),
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after",
    ]
    if setup.extra.get("jrnl"):
        header.append(f"jrnl {setup.extra['jrnl']} (benchmarks/.venv)")
    report = "\n".join(f"- {line}" for line in header) + "\n\n" + table(rows) + "\n"
    print(report)
    if args.save:
        # Everything from the notes marker on is written by hand (what the figures mean) and kept.
        kept = ""
        if RESULTS.exists():
            old = RESULTS.read_text(encoding="utf-8")
            if NOTES_MARKER in old:
                kept = "\n" + old[old.index(NOTES_MARKER) :]
        RESULTS.write_text(
            "# Benchmark results\n\nThe last full run of `python benchmarks/run.py`.\n\n"
            + report
            + kept,
            encoding="utf-8",
        )
        progress(f"saved {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
