"""Loa's Prometheus metrics: one registry per Loa (tests build several in one process), counters
and histograms fed where things happen, and gauges read from the database at scrape time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

# What a send ended with (bot.delivery.sending.outcome is the one place that decides it).
SEND_OUTCOMES = ("ok", "429", "403", "5xx", "timeout", "network", "rejected", "moved", "error")


class Snapshot(Collector):
    """Gauges computed just before a scrape (database counts, workers, leases): `families` is
    replaced by the scraping code, `collect` hands them over as they are."""

    def __init__(self) -> None:
        self.families: list[Metric] = []

    def describe(self) -> list[Metric]:
        return []  # names vary with what is found; nothing to check at registration

    def collect(self) -> Iterable[Metric]:
        return list(self.families)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.sends = Counter("loa_sends", "Messages handed to a platform, by how the send ended",
                             ["channel", "outcome"], registry=self.registry)
        self.send_seconds = Histogram(
            "loa_send_seconds", "Time a platform took to answer one send", ["channel"],
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30), registry=self.registry)
        self.http_seconds = Histogram(
            "loa_http_request_seconds", "Time Loa's HTTP server took to answer a request",
            ["method", "route", "status"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry)
        self.snapshot = Snapshot()
        self.registry.register(self.snapshot)

    def channel(self, name: str) -> None:
        """Every outcome of a channel exists from the start at 0, so rates and alerts see the
        first 429 as an increase rather than a new series."""
        for outcome in SEND_OUTCOMES:
            self.sends.labels(name, outcome)
        self.send_seconds.labels(name)

    def sent(self, channel: str, outcome: str, seconds: float) -> None:
        self.sends.labels(channel, outcome).inc()
        self.send_seconds.labels(channel).observe(seconds)

    def render(self, families: list[Any] | None = None) -> tuple[bytes, str]:
        """The text exposition format, with the scrape-time gauges given."""
        if families is not None:
            self.snapshot.families = families
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
