"""backjournal: a private terminal journal for recovering from back pain."""

__version__ = "0.1.0"
