"""Exports, imports and the demo journal (part of the service): the journal in and out whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from backjournal.domain import entries
from backjournal.domain import journal as rules
from backjournal.domain.errors import InputError
from backjournal.domain.models import Day, DemoOrigin, Journal, JournalMeta
from backjournal.storage import JournalNotEmpty

if TYPE_CHECKING:
    from backjournal.domain.settings import Settings
    from backjournal.storage import Store

NOT_EMPTY_IMPORT = "the journal is not empty; import into an empty data directory"
NOT_EMPTY_DEMO = (
    "the journal is not empty; demo only fills an empty journal. To try it without touching "
    "yours, give it a folder of its own: backjournal --data-dir /tmp/bj-demo demo"
)


class Transfers:
    """Mixed into JournalService: exports, the clinician report, imports and the demo journal."""

    if TYPE_CHECKING:
        store: Store
        settings: Settings

        def today(self) -> date: ...
        def journal(self) -> Journal: ...

    # -- exports, imports, demo ---------------------------------------------------------
    def export(
        self,
        fmt: str,
        start: date | None = None,
        end: date | None = None,
        *,
        all_notes: bool = False,
    ) -> str:
        from backjournal.domain import export

        if start and end and start > end:
            raise InputError("from", f"{start} is after --to {end}")
        if fmt == "html":
            return self.report_html(start, end, all_notes=all_notes)
        days, meta = self.store.load()
        if fmt == "json":
            return export.export_json(days, meta, start, end)
        journal = rules.build_journal(days, meta)
        if fmt == "csv":
            return export.export_csv(days, journal.exercises, start, end)
        if fmt == "md":
            from backjournal.domain.markdown_export import export_markdown

            today = self.today()
            first = start or min(days, default=today)
            return export_markdown(journal, first, end or today, self.settings.advisor, today)
        raise InputError("format", f"unknown format {fmt!r}; choose json, csv, md or html")

    def report_html(
        self, start: date | None = None, end: date | None = None, *, all_notes: bool = False
    ) -> str:
        """The clinician report: one self-contained HTML page for the period (default: all of it)."""
        from backjournal.domain.report_html import build_report

        today = self.today()
        if start and end and start > end:
            raise InputError("from", f"{start} is after --to {end}")
        journal = self.journal()
        last = end or today
        # Without --from: from the first recorded day of the period (a --to before it stays valid).
        first = start or min((d for d in journal.days if d <= last), default=last)
        return build_report(
            journal,
            first,
            last,
            self.settings.advisor,
            today,
            name=self.settings.name,
            all_notes=all_notes,
            clearances=[(c.date, c.note) for c in journal.clearances if first <= c.date <= last],
        )

    def export_to_file(
        self,
        fmt: str,
        out: str,
        start: date | None = None,
        end: date | None = None,
        *,
        force: bool = False,
        all_notes: bool = False,
    ) -> Path:
        """Write an export where the user asks: 0600, atomic, never into the data folder."""
        from backjournal.storage.user_files import write_export

        text = self.export(fmt, start, end, all_notes=all_notes)
        return write_export(out, text.encode("utf-8"), self.store.data_dir, force=force)

    def import_file(self, name: str) -> int:
        """Import the JSON export at a path the user gave (a regular file only); returns the days."""
        from backjournal.storage.user_files import read_user_file

        return self.import_text(read_user_file(name), source=name)

    def import_text(self, text: str, source: str = "import") -> int:
        """Load a JSON export into an empty journal, all or nothing; returns the days imported."""
        from backjournal.domain import export

        days, meta = export.parse_export(text, today=self.today(), source=source)
        if not self.store.is_empty():
            raise InputError("import", NOT_EMPTY_IMPORT)
        try:
            self.store.replace_all(
                days, meta, require_empty=True
            )  # decided again under the write lock
        except JournalNotEmpty:
            raise InputError("import", NOT_EMPTY_IMPORT) from None
        return len(days)

    def demo(self, days: int, seed: int) -> int:
        """Fill an empty journal with realistic data; returns the days written."""
        from backjournal.domain.demo import demo_journal

        entries.score(days, "days", 1, 36_500)
        if not self.store.is_empty():
            raise InputError("demo", NOT_EMPTY_DEMO)
        today = self.today()
        data, meta = demo_journal(days, seed, today)
        meta.demo = DemoOrigin(days=days, seed=seed, today=today)  # so `demo --clear` knows it
        try:
            self.store.replace_all(
                data, meta, require_empty=True
            )  # decided again under the write lock
        except JournalNotEmpty:
            raise InputError("demo", NOT_EMPTY_DEMO) from None
        return len(data)

    def clear_demo(self) -> Path | None:
        """Remove a journal that holds exactly what `demo` wrote, after a backup; else refuse.

        Returns the backup of what was removed (None when the journal was already empty).
        """
        from backjournal.domain.demo import demo_journal

        def only_demo(days: dict[date, Day], meta: JournalMeta) -> None:
            if not days and meta == JournalMeta():
                return
            origin = meta.demo
            if origin is None:
                raise InputError(
                    "demo", "this journal was not filled by `backjournal demo`; nothing removed"
                )
            expected_days, expected = demo_journal(origin.days, origin.seed, origin.today)
            expected.demo = origin
            if days != expected_days or meta != expected:
                raise InputError(
                    "demo",
                    "the journal holds more than the demo data (something was logged or changed "
                    "since); nothing removed",
                )

        return self.store.clear_if(only_demo)
