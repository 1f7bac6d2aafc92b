"""``shared_file(name)``: one source for files that several stacks render identically.

The sources live in ``template/{% if false %}shared{% endif %}/``: inside the template, so every
copy of it carries them, under a folder name that renders empty, so Copier never writes them
into a project. A stack's file is then a one-line ``.jinja`` stub such as
``{{ shared_file("web/lib/api/client.ts") }}`` (JSX's ``{{`` rules out ``{% include %}``
of the plain files).

A plain shared file comes back verbatim. A shared ``.jinja`` file is rendered with the caller's
context, plus any keyword arguments, which name on the stub where two stacks differ on purpose.
"""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context

SHARED_FOLDER = "template/{% if false %}shared{% endif %}"


class SharedFiles(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["shared_file"] = shared_file


@pass_context
def shared_file(context: Context, name: str, **differences: object) -> str:
    environment = context.environment
    path = f"{SHARED_FOLDER}/{name}"
    if name.endswith(".jinja"):
        return environment.get_template(path).render({**context.get_all(), **differences})
    if differences:
        raise ValueError(f"{name} is copied verbatim: only a shared .jinja file takes {sorted(differences)}")
    assert environment.loader is not None, "copier's environment loads from the template folder"
    source, _filename, _uptodate = environment.loader.get_source(environment, path)
    return source
