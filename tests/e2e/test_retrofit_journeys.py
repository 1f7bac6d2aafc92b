"""The auth pages added to existing web apps (tests/fixtures/projects/retrofit/), in a real browser:
a person registers, verifies, signs in and goes on to a page of the host through the host's own
navigation; and a host page renders the same DOM, with the same headers, as before the copy.

The backend is a rendered one, as in the other journeys; each host is built and served by its own
tooling (host.yml's build and serve) with the API proxied to it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import expect

from support.cells import Cell
from support.client import strong_password, unique_email
from support.flows import Account
from support.mail import Inbox
from support.ports import free_port
from support.project import RenderedBackend, load_stacks
from support.service import Service, shell
from support.web_host import WebHost, host_env

from . import steps
from .journey import SIGNED_OUT_PROBE, Journey
from .live_app import BACKEND_ENV

# One host per frontend stack in the default run; under `full` the Next.js 16 host (proxy.ts) and Vue's host
# (Vue's covering browser cell is its default pair in test_journeys.py).
HOSTS = [
    "vite-react-router",
    "nextjs-tailwind-pnpm",
    pytest.param("nextjs16-proxy-npm", marks=pytest.mark.full),
    pytest.param("vite-vue-pinia", marks=pytest.mark.full),
]
# The page as a person sees it: the body without the scripts and styles of the build (their names
# carry content hashes, and the build gained the auth's code).
RENDERED_DOM = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('script, link, style, template').forEach((node) => node.remove());
  return body.outerHTML;
}"""
# Headers that differ between any two responses of one server.
VOLATILE_HEADERS = {"date", "etag", "last-modified"}


@dataclass
class ServedHost:
    """A host app built and served on a loopback port; what the journey's steps need of an app:
    ``url`` and ``base_url`` address the auth's pages (under their prefix in an existing app)."""

    host: WebHost
    service: Service
    root_url: str
    inbox: Inbox
    pages_prefix: str = ""

    @property
    def base_url(self) -> str:
        return self.root_url + self.pages_prefix

    def url(self, path: str = "/") -> str:
        return self.base_url + path


def serve(host: WebHost, inbox: Inbox, port: int, api_url: str, pages_prefix: str = "") -> ServedHost:
    """Install, build and serve ``host`` by its own commands, with the API proxied to ``api_url``."""
    env = host_env({"API_URL": api_url, "HOST": "127.0.0.1", "PORT": str(port)})
    host.setup()
    host.must(host.spec["build"], env)
    command = host.spec["serve"].replace("$HOST", "127.0.0.1").replace("$PORT", str(port))
    log = host.folder.parent / f"{host.folder.name}.log"
    service = Service(shell(command), host.folder, env, port, log, host.name)
    service.start(timeout=60, ready_path=host.spec["host_page"]["path"])
    return ServedHost(host, service, service.base_url, inbox, pages_prefix)


@dataclass
class HostPair:
    before: ServedHost
    after: ServedHost


@pytest.fixture(scope="module", params=HOSTS)
def hosts(request, smtp, tmp_path_factory):
    name = request.param
    workdir = tmp_path_factory.mktemp(name)
    backend = RenderedBackend(Cell("django", 2, "cookie", "sqlite"), smtp=(smtp.host, smtp.port))
    served: list[ServedHost] = []
    try:
        original = WebHost.checkout(name, workdir / "before")
        served.append(serve(original, smtp.inbox, free_port(), "http://127.0.0.1:9"))
        retrofitted = WebHost.checkout(name, workdir / "after")
        retrofitted.add_auth()
        # The mailed links point at the auth pages of the retrofitted host: its port is chosen first.
        port = free_port()
        prefix = load_stacks()[retrofitted.spec["answers"]["frontend"]].pages_prefix_in_existing_app or ""
        server = backend.launch({**BACKEND_ENV, "APP_URL": f"http://127.0.0.1:{port}{prefix}"})
        served.append(serve(retrofitted, smtp.inbox, port, server.base_url, prefix))
        yield HostPair(served[0], served[1])
    finally:
        for each in served:
            each.service.stop()
        backend.close()


def rendered_body(journey: Journey, url: str, heading: str) -> str:
    """The page's DOM once it shows ``heading`` and the network is quiet (a React host's provider, around
    every page, has then asked whether anybody is signed in)."""
    with journey.expecting(*SIGNED_OUT_PROBE):
        journey.page.goto(url)
        expect(journey.page.get_by_role("heading", name=heading)).to_be_visible()
        journey.page.wait_for_load_state("networkidle")
    return journey.page.evaluate(RENDERED_DOM)


def comparable_headers(url: str) -> dict[str, str]:
    response = httpx.get(url)
    assert response.status_code == 200
    return {name: value for name, value in response.headers.items() if name not in VOLATILE_HEADERS}


def test_sign_up_sign_in_and_reach_a_host_page(hosts, context):
    app, page_spec = hosts.after, hosts.after.host.spec["host_page"]
    journey = Journey.start(context, f"retrofit-{app.host.name}/sign-up-and-host-page")
    account = Account(unique_email("retrofit").replace("conformance.test", "e2e.test"), strong_password())
    steps.register(journey, app, account)
    steps.verify_email(journey, app, account)
    journey.page.get_by_role("main").get_by_role("link", name="Sign in").click()
    steps.submit_login(journey, account)
    steps.expect_dashboard(journey, account)
    steps.assert_no_script_readable_token(journey)
    journey.shot("signed-in")

    journey.page.get_by_role("link", name=page_spec["link"], exact=True).first.click()
    expect(journey.page.get_by_role("heading", name=page_spec["heading"])).to_be_visible()
    journey.shot("host-page")
    journey.assert_clean()


def test_a_host_page_renders_as_before(hosts, context):
    path, heading = hosts.after.host.spec["host_page"]["path"], hosts.after.host.spec["host_page"]["heading"]
    before = Journey.start(context, f"retrofit-{hosts.before.host.name}/host-page-before")
    after = Journey.start(context, f"retrofit-{hosts.after.host.name}/host-page-after")
    shown_after = rendered_body(after, hosts.after.root_url + path, heading)
    shown_before = rendered_body(before, hosts.before.root_url + path, heading)
    difference = difflib.unified_diff(shown_before.split("><"), shown_after.split("><"), lineterm="")
    assert shown_after == shown_before, "\n".join(difference)
    style = "() => { const s = getComputedStyle(document.querySelector('h1')); return [s.fontFamily, s.color]; }"
    assert after.page.evaluate(style) == before.page.evaluate(style)
    assert comparable_headers(hosts.after.root_url + path) == comparable_headers(hosts.before.root_url + path)
    before.assert_clean()
    after.assert_clean()


# Every violation of the page's Content-Security-Policy, recorded from the first script on.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_the_auth_pages_nonce_csp_holds_inside_the_host(hosts, context):
    """The auth's pages in the host answer with a fresh nonce policy that admits the scripts Next.js
    marked with it and nothing else, and the page works under it (its form answers)."""
    app = hosts.after
    if app.host.spec.get("auth_pages_csp") != "nonce":
        pytest.skip("this host's auth pages are served as static files, without a per-request policy")
    context.add_init_script(RECORD_VIOLATIONS)
    journey = Journey.start(context, f"retrofit-{app.host.name}/nonce-csp")
    page = journey.page
    with journey.expecting(*SIGNED_OUT_PROBE):
        first = page.goto(app.url("/login"))
        expect(steps.heading(journey, "Sign in")).to_be_visible()
        page.wait_for_load_state("networkidle")
    assert first is not None
    policy = first.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    nonce = re.search(r"'nonce-([^']+)'", script_src)
    assert nonce and "'strict-dynamic'" in script_src and "unsafe-inline" not in script_src, policy
    nonces = page.evaluate("() => [...document.querySelectorAll('script')].map((script) => script.nonce)")
    assert nonces and set(nonces) == {nonce[1]}, (nonce[1], nonces)

    page.get_by_label("Email").fill("nobody@e2e.test")
    page.get_by_label("Password", exact=True).fill("not the password")
    with journey.expecting(("POST", "/auth/login", 401)):
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("alert").filter(has_text=re.compile(r"\S"))).to_be_visible()
    journey.shot("refused-under-csp")
    assert page.evaluate("() => window.__cspViolations") == []
    again = httpx.get(app.url("/login")).headers["content-security-policy"]
    assert again != policy, "the nonce is the same on two requests"
    journey.assert_clean()


@pytest.mark.full
def test_a_host_without_a_router_serves_the_auth_pages_and_its_own_screen(smtp, context, tmp_path_factory):
    """vite-react-plain has no router: the auth's router serves its pages under /account and the
    host's <App /> everywhere else, as before."""
    backend = RenderedBackend(Cell("django", 2, "cookie", "sqlite"), smtp=(smtp.host, smtp.port))
    served = None
    try:
        host = WebHost.checkout("vite-react-plain", tmp_path_factory.mktemp("plain") / "focus")
        host.add_auth()
        port = free_port()
        prefix = load_stacks()["react"].pages_prefix_in_existing_app or ""
        server = backend.launch({**BACKEND_ENV, "APP_URL": f"http://127.0.0.1:{port}{prefix}"})
        served = serve(host, smtp.inbox, port, server.base_url, prefix)
        journey = Journey.start(context, "retrofit-vite-react-plain/auth-pages-and-host-screen")
        journey.open_signed_out(served.url("/login"))
        expect(steps.heading(journey, "Sign in")).to_be_visible()
        journey.shot("auth-login")
        journey.page.get_by_role("link", name="Create one").click()
        expect(steps.heading(journey, "Create an account")).to_be_visible()
        # The login page's passkey offer is answered before the next page load, which would cancel it.
        journey.page.wait_for_load_state("networkidle")
        with journey.expecting(*SIGNED_OUT_PROBE):
            journey.page.goto(served.root_url + "/")
            expect(journey.page.get_by_role("heading", name="Focus timer")).to_be_visible()
            journey.page.wait_for_load_state("networkidle")
        journey.page.get_by_role("button", name="Skip").click()
        expect(journey.page.get_by_text("Take a break")).to_be_visible()
        journey.shot("host-screen")
        journey.assert_clean()
    finally:
        if served is not None:
            served.service.stop()
        backend.close()
