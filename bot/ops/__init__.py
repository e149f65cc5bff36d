"""What an operator runs the bot with: metrics, the /healthz and /metrics server, and the
de-duplication of webhook updates."""
