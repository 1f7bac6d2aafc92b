"""Declared dependencies of each folder, read from its manifests, per ecosystem.

The ecosystems are the dependency kinds of ``manifests.Signal``: python, npm, composer,
go, pubspec, csproj and gradle. A malformed manifest is skipped with a warning.
"""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable
from functools import partial

import yaml

from .tree import Tree, parent

REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}/[^\s]+)\s+v\S+", re.MULTILINE)
GRADLE_ID = re.compile(r"""\bid\s*\(?\s*["']([\w.-]+)["']|apply\s+plugin:\s*["']([\w.-]+)["']""")
GRADLE_KOTLIN_SHORTHAND = re.compile(r"""\bkotlin\s*\(\s*["']([\w.-]+)["']\s*\)""")
GRADLE_ALIAS = re.compile(r"\balias\s*\(\s*libs\.plugins\.([\w.]+)\s*\)")
GRADLE_COORDINATE = re.compile(r"""["']([\w.-]+:[\w.-]+)(?::[^"']*)?["']""")
GRADLE_FILES = ("build.gradle", "build.gradle.kts")
GRADLE_SETTINGS = ("settings.gradle", "settings.gradle.kts")

# The manifests of each ecosystem, as file name patterns looked up in one folder.
MANIFESTS: dict[str, tuple[str, ...]] = {
    "python": ("requirements*.txt", "pyproject.toml", "Pipfile"),
    "npm": ("package.json",),
    "composer": ("composer.json",),
    "go": ("go.mod",),
    "pubspec": ("pubspec.yaml",),
    "csproj": ("*.csproj",),
    "gradle": (*GRADLE_FILES, *GRADLE_SETTINGS),
}


def normalize(kind: str, name: str) -> str:
    """The comparable form of a package name in ``kind``'s ecosystem."""
    if kind == "python":
        return re.sub(r"[-_.]+", "-", name).lower()
    if kind in ("npm", "composer", "csproj", "gradle"):
        return name.lower()
    return name


def provides(kind: str, declared: Iterable[str], name: str) -> bool:
    """Whether ``declared`` names the package ``name`` (a Go module or .NET namespace prefix counts)."""
    wanted = normalize(kind, name)
    if kind == "go":
        return any(dep == wanted or dep.startswith(wanted + "/") for dep in declared)
    if kind == "csproj":
        return any(dep == wanted or dep.startswith(wanted + ".") for dep in declared)
    return wanted in declared


class Packages:
    """Per-folder dependency sets, parsed once per manifest."""

    def __init__(self, tree: Tree):
        self.tree = tree
        self._cache: dict[tuple[str, str], frozenset[str]] = {}

    def folders(self) -> list[str]:
        """Folders holding at least one manifest, shallowest first."""
        patterns = tuple(pattern for group in MANIFESTS.values() for pattern in group)
        found = {parent(rel) for rel in self.tree.named(*patterns) if rel in self.tree.file_set}
        return sorted(found, key=lambda folder: (folder != ".", folder.count("/"), folder))

    def of(self, kind: str, folder: str) -> frozenset[str]:
        """The normalized names of the packages ``folder`` declares in ``kind``'s ecosystem."""
        key = (kind, folder)
        if key not in self._cache:
            names: set[str] = set()
            for rel in self.manifest_files(kind, folder):
                names.update(normalize(kind, name) for name in self._parse(kind, rel))
            self._cache[key] = frozenset(names)
        return self._cache[key]

    def manifest_files(self, kind: str, folder: str) -> list[str]:
        files = self.tree.in_dir(folder, *MANIFESTS[kind])
        if kind == "python":
            nested = "requirements" if folder == "." else f"{folder}/requirements"
            files += self.tree.in_dir(nested, "*.txt")
        if kind == "gradle" and folder != "." and self.tree.in_dir(parent(folder), *GRADLE_SETTINGS):
            return []  # a module of the Gradle build above: its build file counts for that folder
        if kind == "gradle" and any(rel.rsplit("/", 1)[-1] in GRADLE_SETTINGS for rel in files):
            prefix = "" if folder == "." else folder + "/"
            files += [
                rel
                for rel in self.tree.named(*GRADLE_FILES)
                if parent(parent(rel)) == folder and rel.startswith(prefix)
            ]
        return files

    def _parse(self, kind: str, rel: str) -> Iterable[str]:
        text = self.tree.read(rel)
        if text is None:
            return ()
        parser = _parser(kind, rel.rsplit("/", 1)[-1], self.tree, rel)
        try:
            return list(parser(text))
        except (ValueError, TypeError, AttributeError, yaml.YAMLError, ElementTree.ParseError) as error:
            self.tree.warn(f"{rel}: malformed ({type(error).__name__}); skipped")
            return ()


def _parser(kind: str, name: str, tree: Tree, rel: str) -> Callable[[str], Iterable[str]]:
    if kind == "python":
        if name == "pyproject.toml":
            return _pyproject
        if name == "Pipfile":
            return _pipfile
        return _requirements
    if kind == "gradle":
        return partial(_gradle, catalog=_version_catalog(tree, rel))
    return {"npm": _package_json, "composer": _composer, "go": _go_mod, "pubspec": _pubspec, "csproj": _csproj}[kind]


def _requirements(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-") and (match := REQUIREMENT_NAME.match(line)):
            yield match.group(1)


def _pyproject(text: str) -> Iterable[str]:
    data = tomllib.loads(text)
    project = data.get("project", {})
    specs = list(project.get("dependencies", []))
    for group in project.get("optional-dependencies", {}).values():
        specs += group
    for group in data.get("dependency-groups", {}).values():
        specs += [spec for spec in group if isinstance(spec, str)]
    poetry = data.get("tool", {}).get("poetry", {})
    names = list(poetry.get("dependencies", {})) + list(poetry.get("dev-dependencies", {}))
    for group in poetry.get("group", {}).values():
        names += list(group.get("dependencies", {}))
    yield from (name for name in names if name != "python")
    yield from _requirements("\n".join(specs))


def _pipfile(text: str) -> Iterable[str]:
    data = tomllib.loads(text)
    return [*data.get("packages", {}), *data.get("dev-packages", {})]


def _package_json(text: str) -> Iterable[str]:
    data = json.loads(text)
    sections = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
    return [name for section in sections for name in _mapping(data, section)]


def _composer(text: str) -> Iterable[str]:
    data = json.loads(text)
    return [*_mapping(data, "require"), *_mapping(data, "require-dev")]


def _mapping(data: object, key: str) -> dict:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    section = data.get(key) or {}
    if not isinstance(section, dict):
        raise ValueError(f"'{key}' is not an object")
    return section


def _go_mod(text: str) -> Iterable[str]:
    return GO_REQUIRE.findall(text)


def _pubspec(text: str) -> Iterable[str]:
    data = yaml.safe_load(text) or {}
    return [*_mapping(data, "dependencies"), *_mapping(data, "dev_dependencies")]


def _csproj(text: str) -> Iterable[str]:
    project = ElementTree.fromstring(text)
    if sdk := project.get("Sdk"):
        yield sdk
    for reference in project.iter("PackageReference"):
        if include := reference.get("Include"):
            yield include


def _gradle(text: str, catalog: dict[str, str]) -> Iterable[str]:
    for plugin_id, applied in GRADLE_ID.findall(text):
        yield plugin_id or applied
    for short in GRADLE_KOTLIN_SHORTHAND.findall(text):
        yield f"org.jetbrains.kotlin.{short}"
    for alias in GRADLE_ALIAS.findall(text):
        if alias in catalog:
            yield catalog[alias]
    yield from GRADLE_COORDINATE.findall(text)


def _version_catalog(tree: Tree, rel: str) -> dict[str, str]:
    """Plugin aliases of ``gradle/libs.versions.toml`` next to or above ``rel``: 'android.application' -> id."""
    folder = parent(rel)
    for candidate in (folder, parent(folder)):
        catalog = "gradle/libs.versions.toml" if candidate == "." else f"{candidate}/gradle/libs.versions.toml"
        if catalog in tree.file_set and (text := tree.read(catalog)) is not None:
            try:
                plugins = tomllib.loads(text).get("plugins", {})
            except tomllib.TOMLDecodeError:
                tree.warn(f"{catalog}: malformed (TOMLDecodeError); skipped")
                return {}
            return {
                re.sub(r"[-_]", ".", alias): spec["id"] if isinstance(spec, dict) else str(spec).split(":")[0]
                for alias, spec in plugins.items()
                if isinstance(spec, dict | str)
            }
    return {}
