"""The Telegram edge: thin command and button callbacks; the deciding is done in bot/."""
