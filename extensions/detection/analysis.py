"""``detect(path)``: every rule applied to one destination folder."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

from . import auth, database, naming, rate_limits, sensitivity, stacks, style, transport
from .model import Confidence, Finding, Profile
from .packages import Packages
from .sources import Sources
from .tree import Tree


class DetectionWarning(UserWarning):
    """A file or folder detection skipped; the copy goes on."""


def detect(path: str | Path) -> Profile:
    """The profile of the project in ``path``; a missing or empty folder gives an all-unknown profile."""
    root = Path(path)
    profile = Profile()
    if not root.is_dir():
        return profile
    tree = Tree(root, profile.warnings)
    packages, sources = Packages(tree), Sources(tree)

    found = stacks.matches(tree, packages)
    for kind in ("backend", "frontend", "mobile"):
        stack, folder = stacks.choose(kind, found)
        setattr(profile, kind, stack)
        setattr(profile, f"{kind}_dir", folder)
    _absent_parts(profile, anything=bool(found))
    _separate_folders(profile)

    profile.project_name = naming.detect_project_name(tree)
    profile.database = database.detect_database(packages, sources)
    profile.orm = database.detect_orm(packages)
    profile.existing_auth, profile.user_model = auth.detect_existing_auth(tree, packages, sources)
    profile.auth_routes = auth.detect_auth_routes(sources)
    mobile_only = profile.mobile.value not in (None, "none") and profile.frontend.value in (None, "none")
    profile.transport = transport.detect_transport(packages, sources, mobile_only)
    profile.rate_limit_store = rate_limits.detect_rate_limit_store(packages, sources)
    profile.tenancy = sensitivity.detect_tenancy(sources)
    profile.sensitivity, profile.mode = sensitivity.detect_sensitivity(packages, sources, profile.tenancy)
    profile.code_style = style.detect_code_style(tree, sources)

    for message in profile.warnings:
        warnings.warn(f"universal-auth detection: {message}", DetectionWarning, stacklevel=2)
    return profile


def profile_for(dst: str | Path) -> Profile:
    """The profile of ``dst``, detected once per resolved path for the whole copier run.

    Question defaults, the before-copy table and the preferences log all read this one
    profile, taken before copier writes anything. A failure gives an empty profile.
    """
    return _profile_of(str(Path(str(dst)).expanduser().resolve()))


@cache
def _profile_of(resolved: str) -> Profile:
    try:
        return detect(resolved)
    except Exception as error:  # detection must never break a copy
        warnings.warn(f"universal-auth detection failed ({error!r}); using defaults", DetectionWarning, stacklevel=2)
        return Profile()


def _absent_parts(profile: Profile, anything: bool) -> None:
    """A part with no signal is 'none'; fairly sure when the rest of the project was recognised."""
    for kind in ("backend", "frontend", "mobile"):
        if not profile.get(kind).known:
            confidence = Confidence.MEDIUM if anything else Confidence.LOW
            setattr(profile, kind, Finding("none", confidence, f"no {kind} found"))


def _separate_folders(profile: Profile) -> None:
    """Two parts detected in one folder cannot both be generated there: the later one is asked."""
    taken = set()
    for kind in ("backend", "frontend", "mobile"):
        folder = profile.get(f"{kind}_dir")
        if not folder.known:
            continue
        if folder.value in taken:
            setattr(profile, f"{kind}_dir", Finding(folder.value, Confidence.LOW, "shared with another part"))
        taken.add(folder.value)
