"""The store's contracts: what the rest of Newsbot may ask of persistence.

Every implementation keeps these promises:
- a method returns only after its change is durable (on disk, crash-safe);
- all datetimes go in and come out timezone-aware, in UTC;
- methods are synchronous and thread-safe; each is fast enough to call from the
  event loop (a subscription write stays under 50 ms at 10,000 subscriptions);
- large, fast-changing data (articles, the outbox) lives apart from chats and
  subscriptions, so it never slows a subscription write.
"""

from __future__ import annotations

from typing import Protocol

from bot.models import Chat, Subscription


class ChatStore(Protocol):
    """Chats with their settings and state, and their subscriptions."""

    def get_chat(self, chat_id: int) -> Chat | None:
        """The chat, or None if the bot has never stored it."""

    def save_chat(self, chat: Chat) -> None:
        """Insert the chat or replace the stored one with the same id."""

    def chats(self) -> list[Chat]:
        """Every stored chat."""

    def delete_chat(self, chat_id: int) -> None:
        """Forget the chat and all its subscriptions (no error if unknown)."""

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Move the chat and its subscriptions to a new id (a group became a supergroup)."""

    def add_subscription(self, chat_id: int, query: str) -> Subscription:
        """Store a new subscription with a fresh id; the caller checks limits and duplicates."""

    def remove_subscription(self, chat_id: int, subscription_id: int) -> Subscription | None:
        """Remove one subscription of the chat; the removed one, or None if it was not there."""

    def set_muted(self, chat_id: int, subscription_id: int, muted: bool) -> Subscription | None:
        """Mute or unmute one subscription; the updated one, or None if it was not there."""

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        """The chat's subscriptions, oldest first."""

    def all_subscriptions(self) -> list[Subscription]:
        """Every subscription of every chat (to build the matching index at start-up)."""

    def close(self) -> None:
        """Release files; the store is not used afterwards."""
