"""feedparser reads `<media:description>` apart from the entry's description.

Left alone, feedparser files a Media RSS description (most often a photo caption) under
the entry's `summary` when it comes before `<description>`, and the real description
under `content`; the summary of the alert was then the caption. Installed once on import,
`media:description` goes to the entry's `media_description` instead.
"""

from __future__ import annotations

from typing import Any

from feedparser.namespaces import mediarss


def _start_media_description(self: Any, attrs: dict[str, str]) -> None:
    self.push_content("media_description", attrs, "text/plain", 1)


def _end_media_description(self: Any) -> None:
    self.pop_content("media_description")


def install() -> None:
    """Route media:description apart (idempotent)."""
    namespace: Any = mediarss.Namespace
    namespace._start_media_description = _start_media_description
    namespace._end_media_description = _end_media_description
