"""Plain-Python domain of backjournal: no Textual, no TinyDB, no file access."""
