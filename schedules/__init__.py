"""Timed jobs. Schedules are rebuilt from Loa's own tables at start, never from pickled jobs."""
