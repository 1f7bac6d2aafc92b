"""Who is asking: the client address (through trusted proxies only) and a clean user agent."""

import ipaddress

from flask import request

from . import settings


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES)


def client_ip() -> str:
    remote = request.remote_addr or ""
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


def user_agent() -> str:
    raw = request.headers.get("User-Agent", "")
    return "".join(char for char in raw if char.isprintable())[:256]
