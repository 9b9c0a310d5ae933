"""Realistic journals for the benchmarks: `backjournal demo` for N years, and the same days for jrnl.

    python benchmarks/generate.py DEST --years 10 [--seed 7] [--jrnl JRNL_DIR]

The backjournal journal is made by the real command, `backjournal --data-dir DEST demo --days N
--seed S`, so it is exactly what a user trying the demo gets. With --jrnl, the same days are also
written as a jrnl plain-text journal (one entry per day at 21:00: the pain, sleep and mood as the
title, then the notes, the tags and the exercises ticked), with a jrnl config file next to it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

DAYS_PER_YEAR = 365


def backjournal_command() -> list[str]:
    """How to run this checkout's `backjournal`: the console script next to this Python, else -m."""
    script = Path(sys.executable).with_name("backjournal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "backjournal"]


def days_for(years: float) -> int:
    return max(1, round(years * DAYS_PER_YEAR))


def make_journal(dest: Path, years: float, seed: int, env: dict[str, str] | None = None) -> int:
    """Fill an empty data dir with `years` of demo data through the CLI; returns the days asked for."""
    days = days_for(years)
    result = subprocess.run(
        [
            *backjournal_command(),
            "--data-dir",
            str(dest),
            "demo",
            "--days",
            str(days),
            "--seed",
            str(seed),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"backjournal demo failed ({result.returncode}): {result.stderr.strip()}"
        )
    return days


def jrnl_text(data_dir: Path) -> str:
    """The journal's days as a jrnl plain-text journal (jrnl's default time format)."""
    from backjournal.storage import Store

    days, _ = Store(data_dir).load()
    out: list[str] = []
    for day in sorted(days):
        record = days[day]
        entry = record.entry
        stamp = f"[{day.isoformat()} 09:00:00 PM]"
        if entry is None:
            title = "No check-in."
            body = []
        else:
            parts = [f"Pain {entry.pain}/10"]
            if entry.sleep is not None:
                parts.append(f"sleep {entry.sleep}/10")
            if entry.mood is not None:
                parts.append(f"mood {entry.mood}/10")
            title = ", ".join(parts) + "."
            body = [entry.notes] if entry.notes else []
            if entry.areas:
                body.append("Where: " + ", ".join(entry.areas) + ".")
            if entry.tags:
                body.append(" ".join(f"@{t}" for t in entry.tags))
        if record.ticks:
            body.append("Did: " + ", ".join(record.ticks) + ".")
        out.append(f"{stamp} {title}\n" + "".join(f"{line}\n" for line in body))
    return "\n".join(out)


def jrnl_config(journal_file: Path, version: str) -> str:
    """A complete jrnl config (YAML), so jrnl never stops to ask a question."""
    return "\n".join(
        [
            "colors:",
            "  body: none",
            "  date: none",
            "  tags: none",
            "  title: none",
            "default_hour: 9",
            "default_minute: 0",
            "editor: ''",
            "encrypt: false",
            "highlight: true",
            "indent_character: '|'",
            "journals:",
            "  default:",
            f"    journal: {journal_file}",
            "linewrap: 79",
            "tagsymbols: '#@'",
            "template: false",
            "timeformat: '%F %r'",
            f"version: {version}",
            "",
        ]
    )


def make_jrnl(data_dir: Path, dest: Path, version: str) -> Path:
    """Write the jrnl journal and config for a backjournal data dir; returns the config file."""
    dest.mkdir(parents=True, exist_ok=True)
    journal_file = dest / "journal.txt"
    journal_file.write_text(jrnl_text(data_dir), encoding="utf-8")
    config = dest / "jrnl.yaml"
    config.write_text(jrnl_config(journal_file, version), encoding="utf-8")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dest", type=Path, help="an empty or missing data directory")
    parser.add_argument("--years", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jrnl", type=Path, help="also write the same days as a jrnl journal here")
    parser.add_argument(
        "--jrnl-version", default="v4.6", help="the version written into the jrnl config"
    )
    args = parser.parse_args(argv)
    days = make_journal(args.dest, args.years, args.seed)
    print(f"{args.dest}: {days} days")
    if args.jrnl:
        print(f"{make_jrnl(args.dest, args.jrnl, args.jrnl_version)}: jrnl config")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
