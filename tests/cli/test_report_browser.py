"""The clinician report in a real browser: headless Chromium prints 90 demo days on at most 2 pages.

Skipped, with a message, when Chromium is not installed (Debian: `apt-get install chromium`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); browser checks skipped",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def pdf_pages(pdf: bytes) -> int:
    """Page objects in a PDF (`/Type /Page`, not `/Pages`), standard library only."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    import os

    from bj_entry import ENTRY

    folder = tmp_path_factory.mktemp("report")
    env = {
        **os.environ,
        "BACKJOURNAL_DATA_DIR": str(folder / "data"),
        "BACKJOURNAL_CONFIG_DIR": str(folder / "config"),
    }
    for args in (
        ("demo", "--days", "90", "--seed", "1"),
        ("export", "--format", "html", "--out", str(folder / "report.html")),
    ):
        done = subprocess.run([*ENTRY, *args], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
    return folder / "report.html"


@pytest.mark.parametrize("paper", ["Letter (Chromium's default)", "A4"])
def test_ninety_demo_days_print_on_at_most_two_pages(report_file, tmp_path, paper):
    source = report_file
    if paper == "A4":
        source = tmp_path / "a4.html"
        source.write_text(
            report_file.read_text().replace("</head>", "<style>@page{size:A4}</style></head>")
        )
    pdf = tmp_path / "out.pdf"
    done = chromium(tmp_path, f"--print-to-pdf={pdf}", str(source))
    assert pdf.exists(), done.stderr[-2000:]
    pages = pdf_pages(pdf.read_bytes())
    assert 1 <= pages <= 2, f"{pages} pages on {paper}"


def test_charts_have_a_size_on_screen(report_file, tmp_path):
    # A copy with a measuring script: the report itself has none.
    probe = tmp_path / "probe.html"
    script = (
        "<script>document.body.setAttribute('data-sizes', Array.from("
        "document.querySelectorAll('svg.chart')).map(function(s){var r=s.getBoundingClientRect();"
        "return Math.round(r.width)+'x'+Math.round(r.height)}).join(','))</script>"
    )
    probe.write_text(report_file.read_text().replace("</body>", script + "</body>"))
    done = chromium(tmp_path, "--window-size=900,1200", "--dump-dom", str(probe))
    found = re.search(r'data-sizes="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    sizes = [tuple(map(int, s.split("x"))) for s in found.group(1).split(",")]
    assert len(sizes) == 2
    for width, height in sizes:
        assert width >= 500 and height >= 140


def test_a_screenshot_renders(report_file, tmp_path):
    png = tmp_path / "out.png"
    chromium(tmp_path, "--window-size=900,2400", f"--screenshot={png}", str(report_file))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (900, 2400)
