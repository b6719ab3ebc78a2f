"""Tests of one part called directly: no Loa running, no platform, no browser."""
