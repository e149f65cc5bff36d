"""`newsbot migrate --to URL`: copy the embedded store (NEWSBOT_DB) into PostgreSQL.

Takes the store's lock first (the bot must not run while its files are copied), refuses a
target that holds any row, and prints each table's count and checksum once verified.
"""

from __future__ import annotations

from typing import TextIO

from bot.config import Settings, database_url
from storage.lock import StoreLock


def migrate_command(url: str, *, settings: Settings, out: TextIO) -> int:
    from storage.postgres.copy import migrate
    from storage.postgres.pool import redact

    target = database_url(url.strip(), "--to")
    if not target:
        from bot.errors import ConfigError

        raise ConfigError("--to", "needs a postgresql:// URL")
    with StoreLock(settings.db_path):
        tables = migrate(settings.db_path, target)
    for name, (count, digest) in tables.items():
        print(f"{name}: {count} rows, sha256 {digest[:16]}", file=out)
    print(f"copied {settings.db_path} into {redact(target)} and verified every table", file=out)
    return 0
