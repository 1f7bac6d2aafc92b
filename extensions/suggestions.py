"""Default answers suggested for a destination.

Precedence (highest first): ``--data``, the previous answers (both applied by copier
itself), then what this module returns, then the fallback written in copier.yml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def suggest(field: str, dst: str | Path, fallback: Any) -> Any:
    """The suggested default for ``field`` in the destination ``dst``."""
    return fallback
