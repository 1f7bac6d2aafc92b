"""The user's remembered preferences (opt-in): where they live and how suggest() reads them.

``hooks/preferences.py`` writes them after a copy; this module only reads. A profile that
cannot be read or parsed is ignored with a warning: it never stops a copy.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Any

from .model import Confidence, Finding

APP = "universal-auth"
JOURNAL = "integrations.jsonl"
PROFILE = "profile.json"
# Answers worth learning across projects; names, folders and URLs are the project's own.
REMEMBERED = ("backend", "frontend", "mobile", "mode", "database", "transport", "email", "rate_limit_store")
SAFE_WORD = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


class PreferencesWarning(UserWarning):
    """The remembered preferences could not be used; the copy goes on without them."""


def state_dir() -> Path:
    """``$XDG_STATE_HOME/universal-auth``, or ``~/.local/state/universal-auth``."""
    base = os.environ.get("XDG_STATE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "state"
    return root / APP


def safe_value(field: str, value: Any) -> Any:
    """``value`` when it is a plain choice that may be stored for ``field``, else None."""
    if field == "mode":
        return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4 else None
    return value if isinstance(value, str) and SAFE_WORD.match(value) else None


def confidence_for(consistent: int) -> Confidence:
    """0 answers LOW, 1-2 MEDIUM, 3-4 HIGH, 5 or more consistent answers VERY HIGH."""
    if consistent >= 5:
        return Confidence.VERY_HIGH
    if consistent >= 3:
        return Confidence.HIGH
    return Confidence.MEDIUM if consistent >= 1 else Confidence.LOW


def load_defaults(directory: Path | None = None) -> dict[str, Finding]:
    """Per-field remembered defaults with their confidence; empty when there is no usable profile."""
    path = (directory or state_dir()) / PROFILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        warnings.warn(f"universal-auth: {path} not readable ({error}); ignored", PreferencesWarning, stacklevel=2)
        return {}
    try:
        fields = json.loads(text)["fields"]
        defaults = {}
        for field, entry in fields.items():
            value = safe_value(field, entry["default"])
            if field in REMEMBERED and value is not None:
                consistent = int(entry["consistent"])
                defaults[field] = Finding(value, confidence_for(consistent), f"your last {consistent} answers")
        return defaults
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        warnings.warn(f"universal-auth: {path} is corrupt ({error!r}); ignored", PreferencesWarning, stacklevel=2)
        return {}
