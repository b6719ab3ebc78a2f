"""The engine: channel-neutral events, persistent flows, the dispatcher, texts, config, clock."""
