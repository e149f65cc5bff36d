"""The one codec of the stores: a frozen dataclass as a JSON document and back.

Times are stored as ISO-8601 in UTC (bot.models.format_utc / parse_utc); tuples as lists.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any

from bot.models import format_utc, parse_utc


class Codec:
    """Turns one frozen dataclass into a JSON document and back (the key field kept apart).

    Works from the dataclass's fields, so a field someone adds (with a default) is stored
    without changes here, and a document written before it existed still loads.
    """

    def __init__(self, cls: type[Any], key: str) -> None:
        self.cls = cls
        self.key = key
        hints = typing.get_type_hints(cls)
        self.fields = [f for f in dataclasses.fields(cls) if f.name != key]
        self.hints = {f.name: hints[f.name] for f in self.fields}
        self.datetimes = {name for name, hint in self.hints.items() if _mentions(hint, datetime)}
        self.required = {
            f.name
            for f in self.fields
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }

    def document(self, value: Any) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        for f in self.fields:
            item = getattr(value, f.name)
            if isinstance(item, datetime):
                if item.utcoffset() is None:
                    raise ValueError(
                        f"{self.cls.__name__}.{f.name} must be timezone-aware, got {item!r}"
                    )
                item = format_utc(item)
            elif isinstance(item, tuple):
                item = list(item)
            doc[f.name] = item
        return doc

    def value(self, key: object, doc: Mapping[str, Any]) -> Any:
        missing = self.required - doc.keys()
        if missing:
            raise ValueError(f"missing {', '.join(sorted(missing))}")
        kwargs: dict[str, Any] = {self.key: key}
        for name, hint in self.hints.items():
            if name not in doc:
                continue  # a field added since this document was written: its default
            item = doc[name]
            if name in self.datetimes and isinstance(item, str):
                item = parse_utc(item, name)
            elif typing.get_origin(hint) is tuple and isinstance(item, list):
                item = tuple(item)
            elif isinstance(hint, type) and issubclass(hint, Enum):
                try:
                    item = hint(item)
                except ValueError:
                    known = ", ".join(repr(m.value) for m in hint)
                    raise ValueError(f"{name} should be one of {known}, got {item!r}") from None
            elif hint in (str, int, bool) and not isinstance(item, hint):
                raise ValueError(f"{name} should be {hint.__name__}, got {item!r}")
            kwargs[name] = item
        return self.cls(**kwargs)


def _mentions(hint: Any, cls: type) -> bool:
    if hint is cls:
        return True
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return cls in typing.get_args(hint)
    return False
