"""Newsbot: a Telegram bot that pushes news alerts for fuzzy keyword subscriptions."""

__version__ = "0.1.0"
