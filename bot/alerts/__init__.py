"""Alerts: who gets what (pure), formatting, digests and quiet hours, the sender."""
