# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Baidu AI Cloud (BCE) ``bce-auth-v1`` request signing, as pure functions.
#
# Nothing here reads the clock, the environment or the network: the caller passes the
# timestamp, so the same inputs always give the same headers (and tests can use the
# vendor's fixed vectors).
#
# Typical use by a client built on ``requests``::
#
#     host = host_header(endpoint)                 # "127.0.0.1:18080", "bcc.bj.baidubce.com"
#     body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
#     signed = sign_request(
#         "POST", "/v2/instance/role", [("bind", None)],
#         {"Host": host, "Content-Type": "application/json; charset=utf-8",
#          "Content-Length": str(len(body))},
#         access_key=ak, secret_key=sk, timestamp=int(time.time()),
#         security_token=token)
#     session.request("POST", signed.url(endpoint), headers=signed.headers, data=body)
#
# ``signed.url()`` (or ``signed.request_target``) carries the query exactly as it was signed
# (``?bind=``); never hand the query to ``requests`` as ``params``, which drops ``None`` values.

import datetime
import hashlib
import hmac
from collections import namedtuple
from urllib.parse import quote, unquote, urlsplit

AUTH_VERSION = "bce-auth-v1"
DEFAULT_EXPIRATION = 1800

# What the server signs when signedHeaders is empty (research/baidu.md 2, step 3);
# every x-bce-* header is added to these.
DEFAULT_SIGNED_HEADERS = frozenset(("host", "content-length", "content-type", "content-md5"))
_BCE_HEADER_PREFIX = "x-bce-"
_DATE_HEADER = "x-bce-date"
_TOKEN_HEADER = "x-bce-security-token"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_METHOD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def uri_encode(value, keep_slash=False):
    """RFC 3986 encoding as bce-auth-v1 wants it.

    Only ``A-Z a-z 0-9 - . _ ~`` stay as they are; every other UTF-8 byte becomes ``%XX``
    with uppercase hex. ``quote`` does exactly this on Python 3.7+ when ``safe`` is empty.
    """
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    return quote(value, safe="/" if keep_slash else "")


def format_timestamp(timestamp):
    """Return the ``YYYY-MM-DDThh:mm:ssZ`` UTC form used in the auth string and x-bce-date.

    ``timestamp`` is POSIX seconds (int or float, fractions dropped) or a timezone-aware
    datetime. A naive datetime is refused: guessing its zone would shift the signature
    window by hours and give RequestExpired.
    """
    if isinstance(timestamp, datetime.datetime):
        if timestamp.tzinfo is None or timestamp.tzinfo.utcoffset(timestamp) is None:
            raise ValueError("timestamp must be timezone-aware (for example datetime.timezone.utc)")
        moment = timestamp.astimezone(datetime.timezone.utc)
    elif isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool):
        moment = datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.timezone.utc)
    else:
        raise TypeError("timestamp must be POSIX seconds or an aware datetime, not %s" % type(timestamp).__name__)
    # Explicit widths: strftime("%Y") does not pad years below 1000 on every platform.
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def canonical_uri(path):
    """Encode the (decoded) request path, keeping ``/`` as the separator."""
    if not isinstance(path, str):
        raise TypeError("path must be a string")
    if not path:
        return "/"
    if not path.startswith("/"):
        raise ValueError("path must start with '/': %r" % path)
    return uri_encode(path, keep_slash=True)


def _query_items(query):
    """Turn any accepted query form into a list of decoded (name, value) strings."""
    if query is None:
        return []
    if isinstance(query, str):
        # A raw query string as it appears in a URL: '?bind&clientToken=x'. Segments are
        # percent-decoded (not '+'-decoded) so they can be re-encoded canonically.
        items = []
        for segment in query.lstrip("?").split("&"):
            if not segment:
                continue
            name, _sep, value = segment.partition("=")
            items.append((unquote(name), unquote(value)))
        return items
    if hasattr(query, "items"):
        query = list(query.items())
    items = []
    for pair in query:
        name, value = pair
        items.append((_query_text(name, "query parameter name"), _query_text(value, "query parameter value")))
    return items


def _query_text(value, what):
    # A flag parameter such as BCC's '?bind' has no value; it is signed (and must be sent) as 'bind='.
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, bool):
        raise TypeError("%s must be a string or an integer, not a bool (the API spells booleans itself)" % what)
    if isinstance(value, (str, int)):
        return str(value)
    raise TypeError("%s must be a string, an integer or None, not %s" % (what, type(value).__name__))


def _encode_query(items, for_signature):
    encoded = []
    for name, value in items:
        # The signature never covers a parameter named 'authorization' (presigned URLs carry it).
        if for_signature and name.lower() == "authorization":
            continue
        encoded.append(uri_encode(name) + "=" + uri_encode(value))
    # Sorting the encoded 'name=value' strings is the rule; it also orders repeated names.
    encoded.sort()
    return "&".join(encoded)


def canonical_query_string(query):
    """Canonical query: ``UriEncode(name)=UriEncode(value)`` sorted and ``&``-joined.

    ``query`` may be None, a raw query string (``"bind&clientToken=tok"``), a mapping or an
    iterable of (name, value) pairs; a None value signs as an empty one (``bind=``).
    """
    return _encode_query(_query_items(query), for_signature=True)


def auth_string_prefix(access_key, timestamp, expiration=DEFAULT_EXPIRATION):
    """``bce-auth-v1/{ak}/{timestamp}/{expiration}``: the first part of the Authorization value."""
    _check_access_key(access_key)
    _check_expiration(expiration)
    return "%s/%s/%s/%d" % (AUTH_VERSION, access_key, format_timestamp(timestamp), expiration)


def derive_signing_key(secret_key, prefix):
    """HMAC-SHA256 of the auth string prefix under the secret key, as lowercase hex text.

    The hex *text* (not the raw digest) is the key of the second HMAC: that is what the
    service does, unlike AWS SigV4.
    """
    _check_secret_key(secret_key)
    return _hmac_hex(secret_key, prefix)


def host_header(endpoint):
    """The Host value a request to ``endpoint`` carries (and must sign).

    The port is kept only when it is not the scheme's default, which is what HTTP clients
    send: ``http://127.0.0.1:18080`` gives ``127.0.0.1:18080``, ``https://bcc.bj.baidubce.com:443``
    gives ``bcc.bj.baidubce.com``.
    """
    parts = urlsplit(endpoint)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError("endpoint must be an http:// or https:// URL with a host, got %r" % _shown_endpoint(endpoint))
    netloc = parts.netloc.rpartition("@")[2]
    port = parts.port  # raises ValueError for a port out of range
    if port is not None:
        host_only = netloc[:netloc.rindex(":")]
        if port == _DEFAULT_PORTS[scheme]:
            return host_only
        return "%s:%d" % (host_only, port)
    return netloc.rstrip(":")  # 'host:' with an empty port means the default one


def _shown_endpoint(endpoint):
    # An endpoint may embed user:password@; error messages show the rest only.
    text = str(endpoint)
    scheme, sep, rest = text.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        return scheme + sep + "<userinfo>@" + rest.split("@", 1)[1]
    return text


_SignedRequestBase = namedtuple(
    "_SignedRequestBase",
    ["headers", "path", "query_string", "authorization", "signed_headers", "canonical_request"])


class SignedRequest(_SignedRequestBase):
    """What to send: ``headers`` (a new dict), the encoded ``path`` and ``query_string``.

    ``signed_headers`` is the list named in the Authorization value (empty when the server's
    default set was used); ``canonical_request`` is kept for debugging signature mismatches
    and holds no secret.
    """

    __slots__ = ()

    @property
    def request_target(self):
        """Path plus query exactly as signed, for the request line."""
        if self.query_string:
            return self.path + "?" + self.query_string
        return self.path

    def url(self, endpoint):
        """``scheme://netloc`` of ``endpoint`` followed by the request target."""
        parts = urlsplit(endpoint)
        if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.netloc:
            raise ValueError("endpoint must be an http:// or https:// URL with a host, got %r" % _shown_endpoint(endpoint))
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            # A base path would change the path the server sees, so the signature would not match.
            raise ValueError("endpoint must not carry a path or query, got %r" % _shown_endpoint(endpoint))
        return "%s://%s%s" % (parts.scheme, parts.netloc, self.request_target)

    def __repr__(self):
        # The token is a credential and the Authorization value is one for its whole
        # validity window: keep both out of logs and tracebacks.
        shown = {}
        for name, value in self.headers.items():
            if name.lower() in ("authorization", _TOKEN_HEADER):
                value = "<redacted>"
            shown[name] = value
        return "SignedRequest(request_target=%r, headers=%r, signed_headers=%r)" % (
            self.request_target, shown, self.signed_headers)


def sign_request(method, path, query=None, headers=None, *, access_key, secret_key, timestamp,
                 expiration=DEFAULT_EXPIRATION, security_token=None, signed_headers=None,
                 list_signed_headers=True):
    """Sign one request with bce-auth-v1 and return a :class:`SignedRequest`.

    :arg method: HTTP method, any case (``"POST"``).
    :arg path: the decoded request path (``"/v2/instance/role"``); it is encoded here.
    :arg query: None, a raw query string, a mapping or (name, value) pairs; None values
        sign and send as ``name=``.
    :arg headers: the headers that will be sent, including ``Host`` (see :func:`host_header`).
        ``Content-Length``, when given, must equal the body length ``requests`` will send.
    :arg timestamp: POSIX seconds or an aware datetime; used for the auth string and
        ``x-bce-date`` (added here; a different one already in ``headers`` is an error).
    :arg expiration: validity of the signature in seconds.
    :arg security_token: STS session token; sent and signed as ``x-bce-security-token``.
    :arg signed_headers: names to sign. By default, the headers given that the service signs
        by default (host, content-length, content-type, content-md5, every x-bce-*). host,
        x-bce-date and the token are always signed.
    :arg list_signed_headers: name the signed headers in the Authorization value (default).
        False leaves that field empty, so the server applies its default set (what the
        official SDKs do); ``signed_headers`` must then be None.
    """
    method = _check_method(method)
    _check_secret_key(secret_key)
    uri = canonical_uri(path)
    items = _query_items(query)
    date_text = format_timestamp(timestamp)
    prefix = auth_string_prefix(access_key, timestamp, expiration)

    send, canonical_values = _normalise_headers(headers)
    _add_header(send, canonical_values, _DATE_HEADER, date_text)
    if security_token:
        _add_header(send, canonical_values, _TOKEN_HEADER, _check_token(security_token))
    if "host" not in canonical_values:
        raise ValueError("headers must include Host (use host_header(endpoint) to build it)")

    names = _choose_signed_headers(canonical_values, signed_headers, list_signed_headers, bool(security_token))
    canonical_headers = "\n".join(sorted(
        uri_encode(name) + ":" + uri_encode(canonical_values[name]) for name in names))
    canonical_request = "\n".join((method, uri, _encode_query(items, True), canonical_headers))

    signature = _hmac_hex(_hmac_hex(secret_key, prefix), canonical_request)
    listed = sorted(names) if list_signed_headers else []
    authorization = "%s/%s/%s" % (prefix, ";".join(listed), signature)
    send["Authorization"] = authorization
    return SignedRequest(send, uri, _encode_query(items, False), authorization, listed, canonical_request)


def _normalise_headers(headers):
    """Return (headers to send, {lowercase name: trimmed value}) from the caller's headers."""
    send = {}
    values = {}
    for name, value in (headers or {}).items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError("header names must be non-empty strings")
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        elif isinstance(value, bool) or not isinstance(value, (str, int)):
            raise TypeError("header %s must be a string or an integer" % name.strip())
        value = str(value).strip()
        if "\n" in value or "\r" in value:
            raise ValueError("header %s must not contain a line break" % name.strip())
        key = name.strip().lower()
        if key in values:
            raise ValueError("header %s is given twice (header names are case-insensitive)" % name.strip())
        values[key] = value
        # requests rejects surrounding whitespace and non-string values, so send what was signed.
        send[name.strip()] = value
    return send, values


def _add_header(send, values, name, value):
    if name in values:
        if values[name] != value:
            # Two different values would mean the signed one is not the one sent; never echo
            # the values, the token one is a credential.
            raise ValueError("headers already carry a different %s" % name)
        return
    values[name] = value
    send[name] = value


def _choose_signed_headers(values, signed_headers, list_signed_headers, has_token):
    present = set(name for name, value in values.items() if value)
    if signed_headers is None:
        # Headers with an empty value are never signed, by the service's rule.
        return sorted(name for name in present
                      if name in DEFAULT_SIGNED_HEADERS or name.startswith(_BCE_HEADER_PREFIX))
    if not list_signed_headers:
        raise ValueError("signed_headers needs list_signed_headers=True: an empty list means the server's default set")
    if isinstance(signed_headers, str):
        raise TypeError("signed_headers must be a list of header names, not a string")
    names = set(str(name).strip().lower() for name in signed_headers)
    names.update(("host", _DATE_HEADER))
    if has_token:
        names.add(_TOKEN_HEADER)
    missing = sorted(names - present)
    if missing:
        raise ValueError("signed_headers names headers that are absent or empty: %s" % ", ".join(missing))
    return sorted(names)


def _hmac_hex(key, message):
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def _check_method(method):
    if not isinstance(method, str) or not method or not set(method.upper()) <= _METHOD_CHARS:
        raise ValueError("method must be an HTTP method name such as GET or POST, got %r" % (method,))
    return method.upper()


def _check_access_key(access_key):
    # A '/' would shift every field of the auth string; the key itself is not echoed.
    if not isinstance(access_key, str) or not access_key or "/" in access_key or access_key != access_key.strip():
        raise ValueError("access_key must be a non-empty string without '/' or surrounding spaces")


def _check_secret_key(secret_key):
    if not isinstance(secret_key, str) or not secret_key:
        raise ValueError("secret_key must be a non-empty string")


def _check_token(token):
    # Trimmed like every signed value; a line break would split the header. Never echoed.
    if not isinstance(token, str) or "\n" in token or "\r" in token or not token.strip():
        raise ValueError("security_token must be a non-empty string without line breaks")
    return token.strip()


def _check_expiration(expiration):
    if isinstance(expiration, bool) or not isinstance(expiration, int) or expiration <= 0:
        raise ValueError("expiration must be a positive number of seconds")
