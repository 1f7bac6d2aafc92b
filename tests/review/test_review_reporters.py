"""Reporters (text, JSON, SARIF 2.1.0) and the command's exit status."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from universal_auth.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_HIGH, main
from universal_auth.review import review_tree
from universal_auth.review.catalog import RULES
from universal_auth.review.reporters import as_json, sarif, text

from .conftest import ROOT, write_tree

MIXED = {
    "app/settings.py": 'JWT_SECRET = "s3cr3t-Value-42"\n',
    "app/crypto.py": 'k = hashlib.pbkdf2_hmac("sha256", pw, salt, 1000)\n',
    "app/vault.py": "box = Fernet(key)\n",
}


def strict(properties: dict, required: tuple = ()) -> dict:
    """An object schema that, like SARIF's own, refuses properties it does not define."""
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


ANY = {}
PROPERTY_BAG = {"type": "object"}
MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]}
MULTIFORMAT = strict(
    {"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": PROPERTY_BAG}, ("text",)
)
LEVEL = {"enum": ["none", "note", "warning", "error"]}
ARTIFACT_LOCATION = strict(
    {
        "uri": {"type": "string", "format": "uri-reference"},
        "uriBaseId": {"type": "string"},
        "index": ANY,
        "description": ANY,
        "properties": PROPERTY_BAG,
    }
)
REGION = strict(
    {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": ANY,
        "endLine": ANY,
        "endColumn": ANY,
        "charOffset": ANY,
        "charLength": ANY,
        "byteOffset": ANY,
        "byteLength": ANY,
        "snippet": ANY,
        "message": ANY,
        "sourceLanguage": ANY,
        "properties": PROPERTY_BAG,
    }
)
LOCATION = strict(
    {
        "id": ANY,
        "logicalLocations": ANY,
        "message": ANY,
        "annotations": ANY,
        "relationships": ANY,
        "properties": PROPERTY_BAG,
        "physicalLocation": strict(
            {
                "address": ANY,
                "artifactLocation": ARTIFACT_LOCATION,
                "region": REGION,
                "contextRegion": ANY,
                "properties": PROPERTY_BAG,
            }
        ),
    }
)
RESULT = strict(
    {
        name: ANY
        for name in (
            "rule",
            "kind",
            "analysisTarget",
            "guid",
            "correlationGuid",
            "occurrenceCount",
            "fingerprints",
            "stacks",
            "codeFlows",
            "graphs",
            "graphTraversals",
            "relatedLocations",
            "suppressions",
            "baselineState",
            "rank",
            "attachments",
            "hostedViewerUri",
            "workItemUris",
            "provenance",
            "fixes",
            "taxa",
            "webRequest",
            "webResponse",
        )
    }
    | {
        "ruleId": {"type": "string"},
        "ruleIndex": {"type": "integer", "minimum": -1},
        "level": LEVEL,
        "message": MESSAGE,
        "locations": {"type": "array", "items": LOCATION},
        "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
        "properties": PROPERTY_BAG,
    },
    ("message",),
)
RULE = strict(
    {
        name: ANY
        for name in ("deprecatedIds", "guid", "deprecatedGuids", "deprecatedNames", "messageStrings", "relationships")
    }
    | {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "shortDescription": MULTIFORMAT,
        "fullDescription": MULTIFORMAT,
        "help": MULTIFORMAT,
        "helpUri": {"type": "string", "format": "uri"},
        "defaultConfiguration": strict(
            {"enabled": ANY, "level": LEVEL, "rank": ANY, "parameters": ANY, "properties": PROPERTY_BAG}
        ),
        "properties": PROPERTY_BAG,
    },
    ("id",),
)
DRIVER = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "rules": {"type": "array", "items": RULE},
        "informationUri": {"type": "string", "format": "uri"},
    },
}
SARIF_STRUCTURE = strict(
    {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "inlineExternalProperties": ANY,
        "properties": PROPERTY_BAG,
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": strict({"driver": DRIVER, "extensions": ANY, "properties": PROPERTY_BAG}, ("driver",)),
                    "results": {"type": "array", "items": RESULT},
                    "originalUriBaseIds": {"type": "object", "additionalProperties": ARTIFACT_LOCATION},
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {
                                "toolExecutionNotifications": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["message"],
                                        "properties": {"message": MESSAGE, "level": LEVEL},
                                    },
                                }
                            },
                        },
                    },
                },
            },
        },
    },
    ("version", "runs"),
)


@pytest.fixture
def report(tmp_path):
    found = review_tree(write_tree(tmp_path, MIXED))
    found.notes.append("login timing: measured")
    return found


def test_sarif_has_the_required_structure_and_consistent_rule_indexes(report):
    document = json.loads(sarif(report))
    jsonschema.validate(document, SARIF_STRUCTURE, format_checker=jsonschema.FormatChecker())
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.id for rule in RULES]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("UA-SECRET-NAMED", "error"),
        ("UA-HASH-PBKDF2-ITERATIONS", "warning"),
        ("UA-CRYPTO-FERNET", "note"),
    ]
    first = run["results"][0]["locations"][0]["physicalLocation"]
    assert first == {
        "artifactLocation": {"uri": "app/settings.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1},
    }
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes == [{"level": "note", "message": {"text": "login timing: measured"}}]


def test_sarif_url_findings_point_at_the_url(report):
    from universal_auth.review.finding import Finding
    from universal_auth.review.live import TRACE

    report.findings.append(Finding(TRACE, "TRACE answers 200", url="http://127.0.0.1:9/"))
    document = json.loads(sarif(report))
    jsonschema.validate(document, SARIF_STRUCTURE, format_checker=jsonschema.FormatChecker())
    [trace] = [r for r in document["runs"][0]["results"] if r["ruleId"] == "UA-LIVE-TRACE"]
    assert trace["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "http://127.0.0.1:9/"}


def test_json_report(report):
    document = json.loads(as_json(report))
    assert document["counts"] == {"high": 1, "medium": 1, "low": 1}
    assert document["findings"][0] == {
        "rule": "UA-SECRET-NAMED",
        "severity": "high",
        "path": "app/settings.py",
        "line": 1,
        "url": None,
        "location": "app/settings.py:1",
        "message": "JWT_SECRET is set to a literal",
        "fix": document["findings"][0]["fix"],
    }
    assert document["findings"][0]["fix"]
    assert document["filesScanned"] == 3


def test_text_report(report):
    output = text(report)
    assert "HIGH   UA-SECRET-NAMED          app/settings.py:1" in output
    assert "fix: " in output
    assert output.rstrip().endswith("3 findings (1 high, 1 medium, 1 low) in 3 files of " + report.root)


def test_exit_status(tmp_path, capsys):
    high = write_tree(tmp_path / "high", MIXED)
    medium = write_tree(tmp_path / "medium", {"a.py": 'k = hashlib.pbkdf2_hmac("sha256", pw, salt, 1000)\n'})
    assert main(["review", str(high)]) == EXIT_HIGH
    capsys.readouterr()
    assert main(["review", str(medium), "--format", "json"]) == EXIT_CLEAN
    assert json.loads(capsys.readouterr().out)["counts"] == {"high": 0, "medium": 1, "low": 0}
    assert main(["review", str(tmp_path / "missing")]) == EXIT_ERROR
    assert main(["review", str(medium), "--url", "ftp://example.com"]) == EXIT_ERROR


def test_exit_status_when_the_server_does_not_answer(tmp_path, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["review", str(tmp_path), "--url", f"http://127.0.0.1:{port}"]) == EXIT_ERROR
    assert "did not answer" in capsys.readouterr().err


def test_console_script_writes_sarif_to_a_file(tmp_path):
    write_tree(tmp_path / "project", MIXED)
    out = tmp_path / "review.sarif"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "universal_auth.cli",
            "review",
            str(tmp_path / "project"),
            "--format",
            "sarif",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == EXIT_HIGH, result.stderr
    assert result.stdout == ""
    jsonschema.validate(json.loads(out.read_text()), SARIF_STRUCTURE)


def test_docs_list_every_rule():
    docs = (ROOT / "docs" / "review.md").read_text()
    for rule in RULES:
        assert f"`{rule.id}`" in docs, rule.id
    assert Path(ROOT / "bench" / "review.py").exists()
