"""Allow `python -m backjournal`."""

from backjournal.cli import main

raise SystemExit(main())
