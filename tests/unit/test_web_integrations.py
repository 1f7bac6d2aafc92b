"""hooks/integrations/react.py, nextjs.py, vue.py and angular.py on host files of the shapes they recognise, and
of others (then the file stays as it was and the lines are printed)."""

from __future__ import annotations

from pathlib import Path

import pytest

import integration
import suggestions
from integration import MARKER, apply_edits
from project import Project

ROOT = Path(__file__).resolve().parents[2]
react = integration.load_module(ROOT / "hooks" / "integrations" / "react.py", "react")
nextjs = integration.load_module(ROOT / "hooks" / "integrations" / "nextjs.py", "nextjs")
vue = integration.load_module(ROOT / "hooks" / "integrations" / "vue.py", "vue")
angular = integration.load_module(ROOT / "hooks" / "integrations" / "angular.py", "angular")

MAIN = """\
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
"""

APP = """\
import { Route, Routes } from 'react-router-dom';
import Home from './Home';

export default function App() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
    </Routes>
  );
}
"""

VITE = """\
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
});
"""

# A React app's package.json with its router.
ROUTED = '{"dependencies": {"react": "^18.3.1", "react-dom": "^18.3.1", "react-router-dom": "^6.30.1"}}'

MIDDLEWARE = """\
import { NextResponse, type NextRequest } from 'next/server';

export function middleware(req: NextRequest) {
  return NextResponse.next();
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
"""


def host(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def project(tmp_path: Path, frontend: str) -> Project:
    return Project(tmp_path, {"frontend": frontend, "frontend_dir": ".", "backend": "express", "mode": 2})


def statuses(outcomes) -> dict[str, str]:
    return {outcome.edit.file.name: outcome.status for outcome in outcomes}


def test_react_wires_provider_routes_and_proxy_once(tmp_path):
    folder = host(tmp_path, {"package.json": ROUTED, "src/main.tsx": MAIN, "src/App.tsx": APP, "vite.config.ts": VITE})
    edits = react.edits(project(tmp_path, "react"), folder)
    assert statuses(apply_edits(edits)) == {"main.tsx": "applied", "App.tsx": "applied", "vite.config.ts": "applied"}
    main = (folder / "src/main.tsx").read_text(encoding="utf-8")
    opening, closing = "<AuthProvider>{/* AUTH_INTEGRATION_POINT */}", "{/* AUTH_INTEGRATION_POINT */}</AuthProvider>"
    assert f"{opening}\n    <App />\n    {closing}" in main
    assert "import { AuthProvider } from './universal-auth';" in main
    app = (folder / "src/App.tsx").read_text(encoding="utf-8")
    assert "    <Routes>\n      {authRoutes()}{/* AUTH_INTEGRATION_POINT */}\n" in app
    vite = (folder / "vite.config.ts").read_text(encoding="utf-8")
    assert "'http://127.0.0.1:3000'" in vite and "  server: { proxy: authApiProxy }," in vite
    again = react.edits(project(tmp_path, "react"), folder)
    assert set(statuses(apply_edits(again)).values()) == {"already there"}


def test_react_prints_what_it_cannot_place(tmp_path):
    vite = VITE.replace("  plugins: [react()],", "  plugins: [react()],\n  server: { port: 4000 },")
    main = MAIN.replace("<App />", "<App theme={theme} />")
    folder = host(tmp_path, {"package.json": ROUTED, "src/main.tsx": main, "vite.config.ts": vite})
    outcomes = apply_edits(react.edits(project(tmp_path, "react"), folder))
    assert statuses(outcomes) == {"main.tsx": "printed", "App.tsx": "printed", "vite.config.ts": "printed"}
    assert (folder / "vite.config.ts").read_text(encoding="utf-8") == vite
    printed = {outcome.edit.file.name: outcome.edit.lines.splitlines() for outcome in outcomes}
    assert all(MARKER in line for line in printed["vite.config.ts"] if line.strip())
    assert [MARKER in line for line in printed["main.tsx"]] == [True, True, False, True]  # <App /> shows the place


def test_nextjs_calls_the_auth_proxy_first_in_the_hosts_middleware(tmp_path):
    folder = host(tmp_path, {"middleware.ts": MIDDLEWARE})
    assert statuses(apply_edits(nextjs.edits(project(tmp_path, "nextjs"), folder))) == {"middleware.ts": "applied"}
    text = (folder / "middleware.ts").read_text(encoding="utf-8")
    assert "export function middleware(req: NextRequest) {\n  const auth = authProxy(req);" in text
    assert "import { authProxy } from './universal-auth/proxy';" in text
    assert statuses(apply_edits(nextjs.edits(project(tmp_path, "nextjs"), folder))) == {
        "middleware.ts": "already there"
    }


@pytest.mark.parametrize(
    "middleware",
    [
        MIDDLEWARE.replace("'/((?!_next/static|_next/image|favicon.ico).*)'", "'/dashboard/:path*'"),
        "export default auth((req) => NextResponse.next());\n",
    ],
    ids=["narrow matcher", "wrapped handler"],
)
def test_nextjs_prints_the_call_for_a_middleware_it_cannot_edit(tmp_path, middleware):
    folder = host(tmp_path, {"middleware.ts": middleware})
    assert statuses(apply_edits(nextjs.edits(project(tmp_path, "nextjs"), folder))) == {"middleware.ts": "printed"}
    assert (folder / "middleware.ts").read_text(encoding="utf-8") == middleware


@pytest.mark.parametrize(("next_version", "file"), [("15.5.4", "middleware.ts"), ("^16.1.0", "proxy.ts")])
def test_nextjs_without_middleware_prints_the_file_for_its_version(tmp_path, next_version, file):
    folder = host(tmp_path, {"package.json": f'{{"dependencies": {{"next": "{next_version}"}}}}'})
    [outcome] = apply_edits(nextjs.edits(project(tmp_path, "nextjs"), folder))
    assert (outcome.status, outcome.edit.file.name) == ("printed", file)
    assert not (folder / file).exists() and "authProxy(request)" in outcome.edit.lines


VUE_MAIN = """\
import { createApp } from 'vue'
import App from './App.vue'
import router from './router'

const app = createApp(App)

app.use(router)

app.mount('#app')
"""

VUE_ROUTER = """\
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from '../views/HomeView.vue'

const routes: RouteRecordRaw[] = [
  { path: '/', component: HomeView },
]

const router = createRouter({ history: createWebHistory(), routes })

export default router
"""


def test_vue_wires_pinia_routes_guard_and_proxy_once(tmp_path):
    files = {"src/main.ts": VUE_MAIN, "src/router/index.ts": VUE_ROUTER, "vite.config.ts": VITE}
    store = {"src/universal-auth/stores/auth.ts": "import { defineStore } from 'pinia';\n"}
    folder = host(tmp_path, files | store | {"package.json": '{"dependencies": {"vue": "^3.5.0"}}'})
    edits = vue.edits(project(tmp_path, "vue"), folder)
    assert statuses(apply_edits(edits)) == {"main.ts": "applied", "index.ts": "applied", "vite.config.ts": "applied"}
    main = (folder / "src/main.ts").read_text(encoding="utf-8")
    assert "import { createPinia } from 'pinia'  // AUTH_INTEGRATION_POINT\n" in main
    assert "app.use(createPinia())  // AUTH_INTEGRATION_POINT\napp.use(router)\n" in main
    router = (folder / "src/router/index.ts").read_text(encoding="utf-8")
    assert "import { authRoutes, installAuthGuard } from '../universal-auth'  // AUTH_INTEGRATION_POINT" in router
    assert "const routes: RouteRecordRaw[] = [\n  ...authRoutes(),  // AUTH_INTEGRATION_POINT\n  { path: '/'" in router
    assert "installAuthGuard(router)  // AUTH_INTEGRATION_POINT\n\nexport default router\n" in router
    assert list(vue.commands(project(tmp_path, "vue"), folder).values()) == ["npm install pinia@^4.1.0"]
    again = vue.edits(project(tmp_path, "vue"), folder)
    assert set(statuses(apply_edits(again)).values()) == {"already there"}


def test_vue_prints_the_router_lines_for_a_router_it_cannot_place(tmp_path):
    router = VUE_ROUTER.replace("export default router\n", "export { router }\n")
    folder = host(tmp_path, {"src/main.ts": VUE_MAIN, "src/router/index.ts": router, "vite.config.ts": VITE})
    outcomes = statuses(apply_edits(vue.edits(project(tmp_path, "vue"), folder)))
    assert outcomes["index.ts"] == "printed"
    assert (folder / "src/router/index.ts").read_text(encoding="utf-8") == router


ANGULAR_CONFIG = """\
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter } from '@angular/router';

import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes)
  ]
};
"""

ANGULAR_ROUTES = """\
import { Routes } from '@angular/router';
import { Home } from './home/home';

export const routes: Routes = [
  { path: '', component: Home },
  { path: '**', redirectTo: '' }
];
"""


def test_angular_wires_providers_and_routes_once_and_prints_the_proxy(tmp_path):
    files = {"src/app/app.config.ts": ANGULAR_CONFIG, "src/app/app.routes.ts": ANGULAR_ROUTES, "angular.json": "{}\n"}
    folder = host(tmp_path, files)
    edits = angular.edits(project(tmp_path, "angular"), folder)
    outcomes = statuses(apply_edits(edits))
    assert outcomes == {"app.config.ts": "applied", "app.routes.ts": "applied", "angular.json": "printed"}
    config = (folder / "src/app/app.config.ts").read_text(encoding="utf-8")
    assert "import { provideUniversalAuth } from '../universal-auth';  // AUTH_INTEGRATION_POINT\n" in config
    assert "  providers: [\n    provideUniversalAuth(),  // AUTH_INTEGRATION_POINT\n    provideBrowser" in config
    routes = (folder / "src/app/app.routes.ts").read_text(encoding="utf-8")
    assert "import { authRoute } from '../universal-auth';  // AUTH_INTEGRATION_POINT\n" in routes
    assert "Routes = [\n  authRoute,  // AUTH_INTEGRATION_POINT\n  { path: ''" in routes
    assert (folder / "angular.json").read_text(encoding="utf-8") == "{}\n"
    again = statuses(apply_edits(angular.edits(project(tmp_path, "angular"), folder)))
    assert again == {"app.config.ts": "already there", "app.routes.ts": "already there", "angular.json": "printed"}


def test_angular_prints_the_route_line_for_routes_it_cannot_place(tmp_path):
    routes = ANGULAR_ROUTES.replace("export const routes: Routes = [", "export const routes: Routes = buildRoutes([")
    folder = host(tmp_path, {"src/app/app.config.ts": ANGULAR_CONFIG, "src/app/app.routes.ts": routes})
    outcomes = statuses(apply_edits(angular.edits(project(tmp_path, "angular"), folder)))
    assert outcomes["app.routes.ts"] == "printed"
    assert (folder / "src/app/app.routes.ts").read_text(encoding="utf-8") == routes


RETROFIT = ROOT / "tests" / "fixtures" / "projects" / "retrofit"


@pytest.mark.parametrize(
    ("fixture", "frontend"),
    [
        ("vite-react-router", "react"),
        ("nextjs-tailwind-pnpm", "nextjs"),
        ("nextjs16-proxy-npm", "nextjs"),
        ("vite-vue-pinia", "vue"),
        ("angular-cli-notes", "angular"),
    ],
)
def test_an_existing_web_app_is_detected_as_one(fixture, frontend):
    assert suggestions.existing_app(RETROFIT / fixture, ".", frontend)
    assert not suggestions.existing_app(RETROFIT / fixture, "web", frontend)


def test_the_router_package_is_the_one_the_app_lists(tmp_path):
    assert suggestions.react_router_package(RETROFIT / "vite-react-router", ".") == "react-router-dom"
    (tmp_path / "package.json").write_text('{"dependencies": {"react-router": "^7.6.0"}}', encoding="utf-8")
    assert suggestions.react_router_package(tmp_path, ".") == "react-router"
    assert suggestions.react_router_package(tmp_path / "nowhere", ".") == "react-router"


def test_a_nextjs_app_in_src_app_is_refused_before_anything_is_written(tmp_path):
    (tmp_path / "src" / "app").mkdir(parents=True)
    assert "Move src/app to app/" in suggestions.existing_frontend_problem(tmp_path, "nextjs", ".", True)
    assert suggestions.existing_frontend_problem(tmp_path, "nextjs", ".", False) == ""
    assert suggestions.existing_frontend_problem(tmp_path, "react", ".", True) == ""
    (tmp_path / "app").mkdir()
    assert suggestions.existing_frontend_problem(tmp_path, "nextjs", ".", True) == ""


ROOT_APP_MAIN = """import ReactDOM from "react-dom/client"
import App from "./App.tsx"

ReactDOM.createRoot(document.getElementById("root") as HTMLElement).render(
  <App />
)
"""


def test_react_wraps_an_app_that_is_the_root_of_its_jsx_in_the_files_own_style(tmp_path):
    # The create-vite shape without StrictMode: <App /> is render()'s whole argument, so a marker
    # after </AuthProvider> would end the expression (a syntax error the host's build reports).
    files = {"package.json": ROUTED, "src/main.tsx": ROOT_APP_MAIN, "src/App.tsx": APP, "vite.config.ts": VITE}
    folder = host(tmp_path, files)
    apply_edits(react.edits(project(tmp_path, "react"), folder))
    main = (folder / "src/main.tsx").read_text(encoding="utf-8")
    assert 'import { AuthProvider } from "./universal-auth"  // AUTH_INTEGRATION_POINT\n' in main
    opening, closing = "<AuthProvider>{/* AUTH_INTEGRATION_POINT */}", "{/* AUTH_INTEGRATION_POINT */}</AuthProvider>"
    assert f"  {opening}\n  <App />\n  {closing}\n)" in main


def test_react_without_a_router_puts_the_auths_own_around_the_app(tmp_path):
    # No react-router: the auth's router serves its pages and hands every other path to the app,
    # whose App.tsx (no <Routes> to join) is left alone.
    package = '{"dependencies": {"react": "^19.1.0", "react-dom": "^19.1.0"}}'
    folder = host(tmp_path, {"package.json": package, "src/main.tsx": MAIN, "src/App.tsx": APP, "vite.config.ts": VITE})
    assert statuses(apply_edits(react.edits(project(tmp_path, "react"), folder))) == {
        "main.tsx": "applied",
        "vite.config.ts": "applied",
    }
    main = (folder / "src/main.tsx").read_text(encoding="utf-8")
    assert "import { AuthProvider, AuthRouter } from './universal-auth';" in main
    wrapped = [
        "    <AuthProvider>{/* AUTH_INTEGRATION_POINT */}",
        "    <AuthRouter>{/* AUTH_INTEGRATION_POINT */}",
        "    <App />",
        "    {/* AUTH_INTEGRATION_POINT */}</AuthRouter>",
        "    {/* AUTH_INTEGRATION_POINT */}</AuthProvider>",
    ]
    assert "\n".join(wrapped) in main
    assert (folder / "src/App.tsx").read_text(encoding="utf-8") == APP
    assert set(statuses(apply_edits(react.edits(project(tmp_path, "react"), folder))).values()) == {"already there"}


@pytest.mark.parametrize(("lock", "add"), [("pnpm-lock.yaml", "pnpm add"), ("package-lock.json", "npm install")])
def test_a_web_host_is_told_to_add_what_the_pages_import_with_its_package_manager(tmp_path, lock, add):
    folder = host(
        tmp_path,
        {
            "package.json": '{"dependencies": {"react": "^19.1.0", "react-dom": "^19.1.0"}}',
            lock: "",
            "src/universal-auth/router.ts": "export { Link } from 'react-router';\n",
            "src/universal-auth/lib/passkeys.ts": "import { startRegistration } from '@simplewebauthn/browser';\n",
            "src/universal-auth/auth/context.ts": "import { createContext } from 'react';\n",
        },
    )
    [command] = react.commands(project(tmp_path, "react"), folder).values()
    assert command.startswith(f"{add} ")
    added = sorted(command.removeprefix(f"{add} ").split())
    assert added == ["@simplewebauthn/browser@^14.0.0", "react-router@^7.18.6"]


def test_a_web_host_with_every_package_the_pages_import_is_told_nothing(tmp_path):
    folder = host(
        tmp_path,
        {
            "package.json": '{"dependencies": {"next": "15.5.4", "react": "19.1.0", "react-dom": "19.1.0"}}',
            "universal-auth/proxy.ts": "import { NextResponse } from 'next/server';\n",
            "app/account/layout.tsx": "import type { ReactNode } from 'react';\n",
        },
    )
    assert nextjs.commands(project(tmp_path, "nextjs"), folder) == {}
