"""Wiring the identity app into an existing Django project.

The settings module is the one manage.py names (DJANGO_SETTINGS_MODULE), the URL table the one
its ROOT_URLCONF names. Each place is a marked edit that only adds lines: "identity" (and
"rest_framework" when missing) at the end of INSTALLED_APPS, the auth's middleware right after
SecurityMiddleware, the auth's routes first in urlpatterns, and the requirements the host does
not list yet, as ranges. A file of another shape is left alone and the lines are printed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python import (
    append_to_list,
    auth_requirements,
    dependency_edit,
    indent_of_items,
    insert_after_item,
    insert_lines,
    install_command,
    list_items,
    list_node,
    module_file,
    parses,
    string_setting,
    uses_pytest,
)

from integration import MARKER, Edit, marked
from project import Project

MIDDLEWARE = "identity.middleware.AuthRoutesMiddleware"
SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
URLS_IMPORT = "from identity.urls import urlpatterns as auth_urlpatterns"
URLS_ENTRY = "*auth_urlpatterns,"
SETTINGS_MODULE = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")


def settings_module(folder: Path) -> str | None:
    """The dotted settings module manage.py sets, e.g. ``config.settings``."""
    manage = folder / "manage.py"
    if not manage.is_file():
        return None
    found = SETTINGS_MODULE.search(manage.read_text(encoding="utf-8", errors="replace"))
    return found.group(1) if found else None


def quote_of(text: str) -> str:
    """The quote the host's INSTALLED_APPS entries are written with, so added entries read like its own."""
    node = list_node(text, "INSTALLED_APPS")
    lines = text.splitlines()
    if node is None or not node.elts:
        return '"'
    first = node.elts[0]
    return "'" if lines[first.lineno - 1][first.col_offset : first.col_offset + 1] == "'" else '"'


def settings_edits(settings_file: Path, text: str) -> list[Edit]:
    apps = list_items(text, "INSTALLED_APPS") or []
    wanted_apps = [app for app in ("rest_framework", "identity") if app not in apps] or ["identity"]
    quote = quote_of(text)
    app_lines = [f"{quote}{app}{quote}," for app in wanted_apps]
    middleware_line = f"{quote}{MIDDLEWARE}{quote},"
    return [
        Edit(
            file=settings_file,
            description="the identity app in INSTALLED_APPS",
            present=lambda text: "identity" in (list_items(text, "INSTALLED_APPS") or []),
            apply=append_to_list("INSTALLED_APPS", app_lines, settings_file),
            lines="\n".join(marked(f"    {line}", settings_file) for line in app_lines),
            where=f"at the end of INSTALLED_APPS in {settings_file.name}",
            verify=parses,
        ),
        Edit(
            file=settings_file,
            description="the auth's middleware (its own routes only) in MIDDLEWARE",
            present=lambda text: MIDDLEWARE in (list_items(text, "MIDDLEWARE") or []),
            apply=insert_after_item("MIDDLEWARE", SECURITY_MIDDLEWARE, middleware_line, settings_file),
            lines=marked(f"    {middleware_line}", settings_file),
            where=f"in MIDDLEWARE of {settings_file.name}, right after {SECURITY_MIDDLEWARE}",
            verify=parses,
        ),
    ]


def add_url_patterns(file: Path) -> Callable[[str], str | None]:
    def apply(text: str) -> str | None:
        node = list_node(text, "urlpatterns")
        if node is None or (indent := indent_of_items(text, node)) is None:
            return None
        with_entry = insert_lines(text, node.lineno, [marked(f"{indent}{URLS_ENTRY}", file)])
        return insert_lines(with_entry, node.lineno - 1, [marked(URLS_IMPORT, file), ""])

    return apply


def urls_edit(urls_file: Path) -> Edit:
    return Edit(
        file=urls_file,
        description="the auth's routes first in urlpatterns",
        present=lambda text: URLS_IMPORT in text and "auth_urlpatterns" in text.split(URLS_IMPORT, 1)[1],
        apply=add_url_patterns(urls_file),
        lines=f"{marked(URLS_IMPORT, urls_file)}\n    {marked(URLS_ENTRY, urls_file)}",
        where=f"the import above urlpatterns in {urls_file.name}, the entry first in urlpatterns",
        verify=parses,
    )


def edits(project: Project, folder: Path) -> list[Edit]:
    """The marked edits that wire the identity app into the Django project in ``folder``."""
    dotted = settings_module(folder) or "config.settings"
    settings_file = module_file(folder, dotted)
    text = settings_file.read_text(encoding="utf-8") if settings_file.is_file() else ""
    found = [*settings_edits(settings_file, text)]
    urlconf = string_setting(text, "ROOT_URLCONF") or f"{dotted.rsplit('.', 1)[0]}.urls"
    found.append(urls_edit(module_file(folder, urlconf)))
    if (dependencies := dependency_edit(project, folder, auth_requirements(project, "django", "django"))) is not None:
        found.append(dependencies)
    return found


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The commands that fit this host for the after-copy message: its WSGI module, its test runner."""
    dotted = settings_module(folder) or "config.settings"
    settings_file = module_file(folder, dotted)
    text = settings_file.read_text(encoding="utf-8") if settings_file.is_file() else ""
    wsgi = string_setting(text, "WSGI_APPLICATION") or f"{dotted.rsplit('.', 1)[0]}.wsgi.application"
    module, _, attribute = wsgi.rpartition(".")
    return {
        "install": install_command(project, folder),
        "migrate": "python manage.py migrate",
        "serve (your WSGI module)": f"gunicorn {module}:{attribute}",
        "test (your test runner)": "python -m pytest" if uses_pytest(folder) else "python manage.py test",
    }


__all__ = ["MARKER", "commands", "edits"]
