"""Allow `python -m backjournal`."""

from backjournal.entry import main

raise SystemExit(main())
