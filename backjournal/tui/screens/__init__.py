"""One screen per file: Tonight, Diary, Progress, Routines, Episodes, Settings, Help."""
