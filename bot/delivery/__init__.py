"""Delivery: every outgoing message — replies, the durable outbox, the platforms' rate limits."""
