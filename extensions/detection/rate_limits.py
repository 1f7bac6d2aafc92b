"""Whether the project already runs Redis, where shared rate-limit counters would live."""

from __future__ import annotations

import re

from .model import Confidence, Finding
from .packages import Packages, provides
from .sources import Sources

REDIS_LIBRARIES = (
    ("python", "redis"), ("python", "django-redis"), ("npm", "redis"), ("npm", "ioredis"), ("npm", "@upstash/redis"),
    ("composer", "predis/predis"), ("go", "github.com/redis/go-redis"), ("go", "github.com/go-redis/redis"),
    ("csproj", "StackExchange.Redis"), ("csproj", "Microsoft.Extensions.Caching.StackExchangeRedis"),
)  # fmt: skip
REDIS_CONFIG = re.compile(r"^\s*(?:image:\s*[\"']?(?:\S*/)?redis\b|REDIS_(?:URL|HOST)\s*=)", re.MULTILINE)


def detect_rate_limit_store(packages: Packages, sources: Sources) -> Finding:
    libraries = [
        name
        for folder in packages.folders()
        for kind, name in REDIS_LIBRARIES
        if provides(kind, packages.of(kind, folder), name)
    ]
    if libraries:
        return Finding("redis", Confidence.HIGH, ", ".join(dict.fromkeys(libraries)))
    configured = [source.rel for source in sources.config if REDIS_CONFIG.search(source.text)]
    if configured:
        return Finding("redis", Confidence.MEDIUM, ", ".join(configured[:3]))
    return Finding(None)
