"""The client's address, taken only from the proxies we trust (settings.TRUSTED_PROXY_COUNT).

Each proxy in front of the application appends the address it received the request from to
`X-Forwarded-For`; whatever the client wrote there comes first and is not to be believed. With N
trusted proxies the client is the N-th entry from the right; with none, the peer of the socket.
The login lockout (django-axes) and the API's throttles both ask this one function.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"


def client_address(request: HttpRequest) -> str:
    peer = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    proxies = int(settings.TRUSTED_PROXY_COUNT)
    if proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return peer
    # Fewer entries than proxies: the request entered behind the outer proxies, and the first
    # entry was still written by one of ours.
    return _valid(forwarded[-min(proxies, len(forwarded))]) or peer


def _valid(candidate: str) -> str:
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return ""
