"""Reports as text for people, JSON for scripts and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from .catalog import RULES
from .finding import Report, Severity

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
SECURITY_SEVERITY = {Severity.HIGH: "8.0", Severity.MEDIUM: "5.0", Severity.LOW: "2.0"}


def summary_line(report: Report) -> str:
    counts = ", ".join(f"{report.count(severity)} {severity.value}" for severity in Severity)
    target = report.root + (f" and {report.url}" if report.url else "")
    return f"{len(report.findings)} findings ({counts}) in {report.files_scanned} files of {target}"


def text(report: Report) -> str:
    lines = []
    for finding in report.sorted_findings():
        lines.append(f"{finding.level.value.upper():6} {finding.rule.id:24} {finding.where}")
        lines.append(f"       {finding.message}")
        lines.append(f"       fix: {finding.remedy}")
    lines.extend(f"note: {note}" for note in report.notes)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    document = {
        "tool": {"name": "universal-auth review", "version": __version__},
        "root": report.root,
        "url": report.url,
        "filesScanned": report.files_scanned,
        "seconds": round(report.seconds, 3),
        "counts": {severity.value: report.count(severity) for severity in Severity},
        "findings": [finding.as_dict() for finding in report.sorted_findings()],
        "notes": report.notes,
    }
    return json.dumps(document, indent=2) + "\n"


def sarif(report: Report) -> str:
    index = {rule.id: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": "".join(word.capitalize() for word in rule.id.lower().split("-")[1:]),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": f"{rule.title} ({rule.family})."},
            "help": {"text": f"{rule.fix} See docs/review.md.", "markdown": f"**Fix:** {rule.fix} See docs/review.md."},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["security", rule.family], "security-severity": SECURITY_SEVERITY[rule.severity]},
        }
        for rule in RULES
    ]
    results = []
    for finding in report.sorted_findings():
        location: dict[str, object]
        if finding.url:
            location = {"physicalLocation": {"artifactLocation": {"uri": finding.url}}}
        else:
            physical: dict[str, object] = {"artifactLocation": {"uri": finding.path or ".", "uriBaseId": "%SRCROOT%"}}
            if finding.line:
                physical["region"] = {"startLine": finding.line}
            location = {"physicalLocation": physical}
        results.append(
            {
                "ruleId": finding.rule.id,
                "ruleIndex": index[finding.rule.id],
                "level": SARIF_LEVEL[finding.level],
                "message": {"text": f"{finding.message}. Fix: {finding.remedy}"},
                "locations": [location],
                "partialFingerprints": {"primaryLocationLineHash": f"{finding.rule.id}:{finding.where}"},
                "properties": {"severity": finding.level.value},
            }
        )
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "universal-auth",
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(report.root).as_uri() + "/"}},
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"level": "note", "message": {"text": note}} for note in report.notes
                        ],
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


FORMATS = {"text": text, "json": as_json, "sarif": sarif}
