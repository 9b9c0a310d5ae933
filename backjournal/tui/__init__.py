"""backjournal's terminal app."""
