"""The code style of the project's own files, for stacks without a formatter configuration."""

from __future__ import annotations

import re
from collections import Counter

from .model import Confidence, Finding
from .sources import Source, Sources
from .tree import Tree

FORMATTER_CONFIGS = {
    ".prettierrc*": "prettier", "prettier.config.*": "prettier", "biome.json*": "biome",
    ".editorconfig": "editorconfig",
    "ruff.toml": "ruff", ".ruff.toml": "ruff", "pint.json": "pint", ".php-cs-fixer*": "php-cs-fixer",
}  # fmt: skip
PYPROJECT_FORMATTERS = re.compile(r"^\[tool\.(ruff|black)\b", re.MULTILINE)
SCRIPT_SUFFIXES = (".js", ".jsx", ".mjs", ".ts", ".tsx")
STRING_START = re.compile(r"""(?<![\w\\])(['"])""")
FUNCTION_NAME = re.compile(r"\b(?:function\s+|def\s+|const\s+(?=\w+\s*=\s*(?:async\s*)?\())([A-Za-z_]\w*)")
COMMENTS = ("//", "#", "*", "/*")
STATEMENT_END = re.compile(r"[\w)\]'\"`]$")
LAST_ITEM = re.compile(r"[^\s\[{(,](,?)[ \t]*\n\s*[\]})]")  # the line before a closing bracket
SAMPLE_FILES = 60


def _formatter(tree: Tree) -> str | None:
    for pattern, name in FORMATTER_CONFIGS.items():
        if tree.in_dir(".", pattern) or any(rel.count("/") <= 2 for rel in tree.named(pattern)):
            return name
    if "package.json" in tree.file_set and '"prettier"' in (tree.read("package.json") or ""):
        return "prettier"
    if "pyproject.toml" in tree.file_set and PYPROJECT_FORMATTERS.search(tree.read("pyproject.toml") or ""):
        return "ruff or black"
    return None


def _majority(counter: Counter) -> tuple[str | None, float]:
    total = sum(counter.values())
    if not total:
        return None, 0.0
    value, count = counter.most_common(1)[0]
    return value, count / total


def _naming(name: str) -> str | None:
    if "-" in name:
        return "kebab-case"
    if "_" in name:
        return "snake_case"
    if name[:1].isupper() and any(c.islower() for c in name):
        return "PascalCase"
    if any(c.isupper() for c in name):
        return "camelCase"
    return None


def _observe(source: Source, seen: dict[str, Counter]) -> None:
    """Add one file's votes: one per string, statement line and closing bracket, one per file for indent."""
    script = source.name.endswith(SCRIPT_SUFFIXES)
    lines = [line for line in source.text.splitlines() if line.strip() and not line.lstrip().startswith(COMMENTS)]
    widths = set()
    for line in lines:
        if match := STRING_START.search(line):
            seen["quotes"]["single" if match.group(1) == "'" else "double"] += 1
        indent = line[: len(line) - len(line.lstrip())]
        if indent:
            widths.add("tabs" if indent.startswith("\t") else len(indent))
        if script and line.rstrip().endswith(";"):
            seen["semicolons"]["yes"] += 1
        elif script and STATEMENT_END.search(line.rstrip()):
            seen["semicolons"]["no"] += 1
    if widths:
        unit = "tabs" if "tabs" in widths else min(widths)
        seen["indent"]["tabs" if unit == "tabs" else f"{unit} spaces"] += 1
    if script:
        seen["trailing_commas"].update("yes" if comma else "no" for comma in LAST_ITEM.findall(source.text))
    for name in FUNCTION_NAME.findall(source.text):
        if style := _naming(name):
            seen["function_naming"][style] += 1
    if style := _naming(source.name.split(".", 1)[0]):
        seen["file_naming"][style] += 1


def detect_code_style(tree: Tree, sources: Sources) -> Finding:
    if formatter := _formatter(tree):
        return Finding({"formatter": formatter}, Confidence.HIGH, f"{formatter} configuration")
    sample = [source for source in sources.code if source.name.endswith((*SCRIPT_SUFFIXES, ".py"))][:SAMPLE_FILES]
    if not sample:
        return Finding(None)
    seen: dict[str, Counter] = {
        key: Counter()
        for key in ("quotes", "semicolons", "indent", "trailing_commas", "function_naming", "file_naming")
    }
    for source in sample:
        _observe(source, seen)
    style, shares = {}, []
    for key, counter in seen.items():
        value, share = _majority(counter)
        if value is not None:
            style[key] = value
            shares.append(share)
    consistent = len(sample) >= 5 and min(shares, default=0) >= 0.8
    return Finding(style, Confidence.HIGH if consistent else Confidence.MEDIUM, f"from {len(sample)} files")
