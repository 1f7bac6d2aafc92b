"""hooks/integrations/go.py: the marked mount line in a Go service's package main, and which of the auth's
modules its go.mod lacks. (The go.mod edit itself, computed by ``go get``, is exercised in tests/retrofit.)"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from integration import MARKER, apply_edits
from project import Project

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("integrations_go", ROOT / "hooks" / "integrations" / "go.py")
assert spec is not None and spec.loader is not None
go_integration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(go_integration)

pytestmark = pytest.mark.skipif(shutil.which("gofmt") is None, reason="the edit is checked with gofmt")

SERVE_MUX = """\
package main

import (
\t"log"
\t"net/http"
)

func main() {
\tmux := http.NewServeMux()
\tmux.HandleFunc("GET /orders", listOrders)
\tlog.Fatal(http.ListenAndServe(":8080", mux))
}

func listOrders(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("[]")) }
"""
CHI = """\
package main

import (
\t"net/http"

\t"github.com/go-chi/chi/v5"
\t"github.com/go-chi/chi/v5/middleware"
)

func main() {
\trouter := chi.NewRouter()
\trouter.Use(middleware.Logger)
\trouter.Use(
\t\tmiddleware.Recoverer,
\t)

\t// The shop's routes.
\trouter.Get("/", func(w http.ResponseWriter, _ *http.Request) {})
\t_ = http.ListenAndServe(":8080", router)
}
"""
ANSWERS = {"project_name": "shop", "backend": "go", "backend_dir": ".", "existing_app": True, "mode": 1}


def mount(folder: Path, name: str, text: str) -> tuple[str, str]:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    edit = go_integration.mount_edit(Project(folder, ANSWERS), folder, "example.com/shop")
    outcome = apply_edits([edit])[0]
    return outcome.status, (folder / name).read_text()


def test_a_serve_mux_gets_the_import_and_the_mount_gofmt_clean_and_only_once(tmp_path):
    status, text = mount(tmp_path, "main.go", SERVE_MUX)
    assert status == "applied"
    assert f'\t"example.com/shop/auth" // {MARKER}\n)' in text
    assert f"\tmux := http.NewServeMux()\n\tauth.MustMount(mux) // {MARKER}\n" in text
    assert go_integration.gofmt(text) == text
    again = apply_edits([go_integration.mount_edit(Project(tmp_path, ANSWERS), tmp_path, "example.com/shop")])
    assert again[0].status == "already there"


def test_a_chi_router_is_mounted_after_its_middlewares(tmp_path):
    status, text = mount(tmp_path, "cmd/shop/main.go", CHI)
    assert status == "applied"
    assert f"\t\tmiddleware.Recoverer,\n\t)\n\tauth.MustMount(router) // {MARKER}\n\n\t// The shop's routes." in text
    assert go_integration.gofmt(text) == text


def test_a_router_built_outside_package_main_is_printed(tmp_path):
    library = CHI.replace("package main", "package api").replace("func main()", "func Routes()")
    status, text = mount(tmp_path, "internal/api/routes.go", library)
    assert status == "printed" and text == library
    edit = go_integration.mount_edit(Project(tmp_path, ANSWERS), tmp_path, "example.com/shop")
    assert "package api" in edit.where and "auth.MustMount(router)" in edit.lines


def test_a_file_with_its_own_auth_name_is_left_alone(tmp_path):
    text = SERVE_MUX.replace('\t"net/http"\n', '\t"net/http"\n\n\t"example.com/shop/internal/auth"\n')
    status, after = mount(tmp_path, "main.go", text.replace("mux.HandleFunc", "auth.Guard(mux)\n\tmux.HandleFunc"))
    assert status == "printed" and MARKER not in after


def test_only_missing_or_older_modules_are_wanted():
    host = go_integration.GoMod(
        "example.com/shop",
        "1.26.0",
        {"golang.org/x/text": "v0.50.0", "github.com/go-chi/chi/v5": "v5.2.3", "golang.org/x/crypto": "v0.59.0"},
    )
    needed = {
        "golang.org/x/text": "v0.44.0",
        "github.com/go-chi/chi/v5": "v5.5.0",
        "golang.org/x/crypto": "v0.59.0",
        "github.com/pressly/goose/v3": "v3.30.1",
    }
    assert go_integration.lacking(needed, host) == {
        "github.com/go-chi/chi/v5": "v5.5.0",
        "github.com/pressly/goose/v3": "v3.30.1",
    }
    assert go_integration.version_key("v1.2.0") > go_integration.version_key("v1.2.0-0.20240101000000-abcdef123456")
    assert go_integration.version_key("v0.10.0") > go_integration.version_key("v0.9.9")
