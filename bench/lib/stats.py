"""Medians and spreads over rounds."""

from __future__ import annotations

import statistics


def summary(values: list[float], digits: int = 3) -> dict | None:
    """``{"median", "min", "max", "rounds"}`` of the values, or None when there are none."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "rounds": [round(v, digits) for v in values],
    }


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
