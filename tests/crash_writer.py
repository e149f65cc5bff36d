"""Writes to a chat store in a loop until killed; the kill -9 test's subject.

Usage: python tests/crash_writer.py PATH SEED. Before each change it prints `op {json}`,
after the store returned `ok {json}` (with the subscription it returned); each line is
flushed at once, so every `ok` the test reads was acknowledged by the store.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from storage.chats import TinyChatStore

CHATS = (1, 2, 3, -100, -1001234567890)


def main(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    store = TinyChatStore(path)
    live = [(s.chat_id, s.id, s.muted) for s in store.all_subscriptions()]
    print("ready", flush=True)
    for n in range(1_000_000):
        roll = rng.random()
        op: dict[str, Any]
        if roll < 0.6 or not live:
            chat_id, query = rng.choice(CHATS), f"q{seed}-{n}"
            print("op", json.dumps({"do": "add", "chat": chat_id, "query": query}), flush=True)
            sub = store.add_subscription(chat_id, query)
            live.append((sub.chat_id, sub.id, sub.muted))
            op = {"do": "add", "chat": chat_id, "query": query, "id": sub.id}
        elif roll < 0.85:
            chat_id, sub_id, _ = live.pop(rng.randrange(len(live)))
            op = {"do": "rm", "chat": chat_id, "id": sub_id}
            print("op", json.dumps(op), flush=True)
            store.remove_subscription(chat_id, sub_id)
        else:
            index = rng.randrange(len(live))
            chat_id, sub_id, muted = live[index]
            live[index] = (chat_id, sub_id, not muted)
            op = {"do": "mute", "chat": chat_id, "id": sub_id, "muted": not muted}
            print("op", json.dumps(op), flush=True)
            store.set_muted(chat_id, sub_id, not muted)
        print("ok", json.dumps(op), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
