"""A small helper process that starts the measured programs, so their peak RSS is their own.

Linux keeps a process's peak RSS across fork and exec: a program started by a process that
holds 40 MiB reports a peak of at least 40 MiB. run.py grows as it works, so it starts this
helper first, while both are small, and asks it (one JSON line per request on stdin, one JSON
line back on stdout) to run each program and report its wall time and wait4() peak RSS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tui_probe  # noqa: E402  (stdlib only, like this file)


def run_process(argv: list[str], env: dict[str, str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    # Read stderr before reaping (a chatty child must not block on a full pipe), then wait4 for
    # the child's own peak RSS.
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "peak_rss_kib": usage.ru_maxrss,
        "code": proc.returncode,
        "stderr": err.decode("utf-8", "replace")[-2000:],
    }


def main() -> int:
    for line in sys.stdin:
        request = json.loads(line)
        if request["kind"] == "process":
            result = run_process(request["argv"], request["env"])
        elif request["kind"] == "probe":
            result = asdict(
                tui_probe.probe(
                    request["argv"],
                    request["env"],
                    request["markers"],
                    cols=request["cols"],
                    rows=request["rows"],
                    settle=request["settle"],
                    timeout=request.get("timeout", 20.0),
                )
            )
        else:
            result = {"error": f"unknown request {request['kind']!r}"}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
