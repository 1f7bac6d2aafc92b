"""Project intelligence: what a destination folder already is, with a confidence per field.

Pure functions from a folder to a :class:`Profile`; stack signals come from
``stacks/*.yml`` through ``manifests.load_stacks()``.
"""

from .analysis import DetectionWarning, detect, profile_for
from .model import Confidence, Finding, Profile

__all__ = ["Confidence", "DetectionWarning", "Finding", "Profile", "detect", "profile_for"]
