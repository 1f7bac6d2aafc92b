"""Who is asking: the client address (behind trusted proxies only) and a clean user agent."""

import ipaddress
from functools import cache

from fastapi import Request

from identity.settings import settings


@cache
def _proxies() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for proxy in settings.TRUSTED_PROXIES:
        try:
            networks.append(ipaddress.ip_network(proxy, strict=False))
        except ValueError:
            continue
    return networks


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _proxies())


def client_ip(request: Request) -> str:
    remote = request.client.host if request.client else ""
    if not _is_trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _is_trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote


def user_agent(request: Request) -> str:
    raw = request.headers.get("User-Agent", "")
    return "".join(char for char in raw if char.isprintable())[:256]
