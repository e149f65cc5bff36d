"""What the chat commands decide: subscriptions, settings, searches, replies' texts."""
