"""Where a webhook may be sent: http(s) to a public address, checked at registration and at send.

A host name is resolved and every address it resolves to must be public (not private, loopback,
link-local, multicast, reserved or unspecified; an IPv4 address inside IPv6 is judged as IPv4).
The check is repeated at every delivery and the connection goes to the address that was checked,
so a name that later resolves to an internal address (DNS rebinding) reaches nothing inside.
Setting WEBHOOKS_ALLOW_LOOPBACK lets loopback addresses through (tests only); private ranges
stay refused whatever it says.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.conf import settings

from notifications.webhooks.models import URL_MAX_LENGTH

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(ValueError):
    """A URL that may not receive webhooks; `code` is stable, the message is for people."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line
    address: str  # the checked address the connection goes to


def checked_target(url: str) -> Target:
    """The URL's parts and one checked public address; AddressRefused otherwise."""
    parts = _parts(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(host, port)
    for address in addresses:
        _refuse_internal(address)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, host, port, path, str(addresses[0]))


def _parts(url: object) -> SplitResult:
    if not isinstance(url, str) or not url or len(url) > URL_MAX_LENGTH:
        raise AddressRefused(f"Isi alamat URL (paling panjang {URL_MAX_LENGTH} karakter).", "url_invalid")
    if any(ord(character) < 33 or ord(character) == 127 for character in url):
        raise AddressRefused("Alamat URL tidak boleh berisi spasi atau karakter kendali.", "url_invalid")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port out of range raises here)
    except ValueError:
        raise AddressRefused("Alamat URL tidak valid.", "url_invalid") from None
    if parts.scheme not in ("http", "https"):
        raise AddressRefused("Alamat webhook harus diawali http:// atau https://.", "url_scheme")
    if not parts.hostname:
        raise AddressRefused("Alamat URL tidak memuat nama host.", "url_invalid")
    if parts.username is not None or parts.password is not None:
        raise AddressRefused("Alamat URL tidak boleh memuat nama pengguna atau sandi.", "url_credentials")
    if parts.fragment:
        raise AddressRefused("Alamat URL tidak boleh memuat fragmen (#...).", "url_invalid")
    return parts


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise AddressRefused(f"Nama host '{host}' tidak dapat ditemukan.", "url_unresolvable") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise AddressRefused(f"Nama host '{host}' tidak dapat ditemukan.", "url_unresolvable")
    return addresses


def _refuse_internal(address: IPAddress) -> None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        if settings.WEBHOOKS_ALLOW_LOOPBACK:
            return
        raise AddressRefused(
            f"Alamat {address} adalah loopback; webhook hanya dikirim ke alamat publik.", "url_internal"
        )
    if (
        address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        raise AddressRefused(
            f"Alamat {address} adalah alamat jaringan internal; webhook hanya dikirim ke alamat publik.",
            "url_internal",
        )
