"""Run every static check over a tree."""

from __future__ import annotations

import time
from pathlib import Path

from . import cookies, csrf, env_files, hashing, headers, packages, secrets, token_storage
from .finding import Report
from .project import Project
from .tree import walk

PER_FILE = (secrets, cookies, csrf, hashing, packages, token_storage, headers)
PER_PROJECT = (env_files, csrf, headers)


def review_tree(root: Path) -> Report:
    """Review every file under ``root``; the report's findings are sorted, most severe first."""
    started = time.perf_counter()
    root = root.resolve()
    project = Project(root)
    report = Report(root=str(root))
    for source in walk(root):
        project.sources.append(source)
        for family in PER_FILE:
            report.findings.extend(family.check(source))
    for family in PER_PROJECT:
        report.findings.extend(family.finish(project))
    report.findings.sort(key=lambda finding: finding.sort_key())
    report.files_scanned = len(project.sources)
    report.seconds = time.perf_counter() - started
    return report
