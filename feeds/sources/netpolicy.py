"""Which network addresses a fetch may reach when a document, not the user, chose the URL.

Contract: `address_refusal(ip)` is None for a public (globally routable, unicast) address
and otherwise a short reason ("127.0.0.1 is a loopback address"). An IPv6 address that
carries an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, 6to4
`2002::/16`, NAT64 `64:ff9b::/96`) is judged by the IPv4 address it carries.
`await url_refusal(url)` resolves the URL's host (an IP literal is not resolved) and
refuses it when any resolved address is refused, or when the host does not resolve.
`await is_public(url)` is False only when every address of the URL's host is refused.

Who applies the policy: `feeds.sources.feed` (a redirect from a public host, a full-text
page, a feed link found on a public page) and `feeds.sources.fulltext`; a feed the user
configured is fetched wherever it is. The `[network] allow_private_addresses` setting
turns the policy off. The check runs before each request: a host whose DNS answer
changes between the check and the connection (DNS rebinding) is not caught here.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
"""(host, port) -> the addresses the host resolves to (raises OSError when it does not)."""

SETTING_HINT = "[network] allow_private_addresses = true allows it"
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_COMPATIBLE = ipaddress.IPv6Network("::/96")


def carried_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, compatible, 6to4, NAT64)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or (ip in _COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_refusal(address: str | IPAddress) -> str | None:
    """None when `address` is public, else why not ("10.0.0.1 is a private address")."""
    judged = _judge(address)
    return None if judged is None else f"{judged[0]} is {judged[1]} address"


def _judge(address: str | IPAddress) -> tuple[str, str] | None:
    """None for a public address, else (the address as shown, its kind with an article)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"{str(address)[:60]!r}", "not an IP"
    judged: IPAddress = ip
    shown = address if isinstance(address, str) else str(ip)
    if isinstance(ip, ipaddress.IPv6Address) and (inner := carried_ipv4(ip)) is not None:
        judged, shown = inner, f"{shown} (IPv4 {inner})"
    kind = _kind(judged)
    return None if kind is None else (shown, kind)


def _kind(ip: IPAddress) -> str | None:
    """The kind of a non-public address, with its article; None for a public one."""
    checks = (("an unspecified", ip.is_unspecified), ("a loopback", ip.is_loopback),
              ("a link-local", ip.is_link_local), ("a multicast", ip.is_multicast),
              ("a private", ip.is_private), ("a reserved", ip.is_reserved),
              ("a non-public", not ip.is_global))
    return next((kind for kind, hit in checks if hit), None)


async def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system resolver, off the event loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _host_port(url: str) -> tuple[str, int] | None:
    """The URL's host (brackets off) and port, or None when it has no usable host."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return (host, port) if host else None


async def _addresses(host: str, port: int, resolver: Resolver) -> list[str]:
    """An IP literal as itself, a name resolved (OSError or UnicodeError when it does not)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return await resolver(host, port)


async def url_refusal(url: str, resolver: Resolver = resolve) -> str | None:
    """None when every address of the URL's host is public, else the reason."""
    where = _host_port(url)
    if where is None:
        return "no valid host in the URL"
    host, port = where
    try:
        addresses = await _addresses(host, port, resolver)
    except (OSError, UnicodeError) as exc:
        return f"{host[:100]} does not resolve ({type(exc).__name__})"
    if not addresses:
        return f"{host[:100]} does not resolve"
    for address in addresses:
        if (judged := _judge(address)) is not None:
            if address == host:
                return f"{judged[0]} is {judged[1]} address"
            return f"{host[:100]} resolves to {judged[0]}, {judged[1]} address"
    return None


async def is_public(url: str, resolver: Resolver = resolve) -> bool:
    """Whether the URL's host counts as public: a host is private only when every address
    it resolves to is refused; one that cannot be resolved counts as public (so that what
    it redirects to is checked)."""
    where = _host_port(url)
    if where is None:
        return True
    try:
        addresses = await _addresses(*where, resolver)
    except (OSError, UnicodeError):
        return True
    return not addresses or any(address_refusal(address) is None for address in addresses)
