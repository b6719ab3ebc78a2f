"""Loa running as in production against the fake platforms, a browser or its own command."""
