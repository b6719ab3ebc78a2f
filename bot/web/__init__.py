"""The one HTTP server Loa runs (webhooks, /healthz, media, and the web console)."""
