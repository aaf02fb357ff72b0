# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# AK/SK request signing for Huawei Cloud and Open Telekom Cloud ("SDK-HMAC-SHA256").
#
# Pure functions: a request goes in, the headers to send come out. Nothing here reads the
# clock (except sdk_date_now), the network or the environment. Typical use:
#
#     url = endpoint + '/v1.0/%s/kms/%s/tags' % (quote_path_segment(project_id), quote_path_segment(key_id))
#     headers = {'Content-Type': 'application/json', 'X-Project-Id': project_id}
#     if security_token:
#         headers['X-Security-Token'] = security_token
#     headers.update(sign_request('POST', url, headers, body, access_key, secret_key, sdk_date_now()))
#     # then send exactly url, headers and body

import datetime
import hashlib
import hmac
import re

from urllib.parse import quote, unquote, urlsplit

ALGORITHM = 'SDK-HMAC-SHA256'
SDK_DATE_FORMAT = '%Y%m%dT%H%M%SZ'
EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

# Headers this module produces. A caller-supplied copy would either be overwritten or
# disagree with what was signed, so they are refused instead.
_RESERVED_HEADERS = ('authorization', 'host', 'x-sdk-date')
# The SDK lets a caller replace the payload hash (e.g. with UNSIGNED-PAYLOAD) via this header.
_CONTENT_SHA256_HEADER = 'x-sdk-content-sha256'
_DEFAULT_PORTS = {'http': 80, 'https': 443}
# All patterns are used with fullmatch(): '$' would accept a trailing newline.
_SDK_DATE_RE = re.compile(r'[0-9]{8}T[0-9]{6}Z')
# RFC 7230 token characters: anything else in a header name is a caller bug.
_HEADER_NAME_RE = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Printable ASCII plus tab. Non-ASCII values would be signed as UTF-8 text but travel as
# Latin-1 bytes, so the gateway and the signer could disagree; none of ours need it.
_HEADER_VALUE_RE = re.compile(r'[\t\x20-\x7e]*')
_METHOD_RE = re.compile(r'[A-Za-z]+')
_ACCESS_KEY_RE = re.compile(r'[\x21-\x7e]+')
_URL_CONTROL_RE = re.compile(r'[\x00-\x1f\x7f]')


def _encode(text):
    # RFC 3986: only the unreserved set A-Z a-z 0-9 - _ . ~ stays literal; everything else,
    # including '/', becomes upper-case %XX of its UTF-8 bytes.
    return quote(text, safe='~', encoding='utf-8', errors='strict')


def _decode(text, what):
    try:
        return unquote(text, encoding='utf-8', errors='strict')
    except UnicodeDecodeError:
        raise ValueError('%s contains a percent-escape that is not valid UTF-8' % what) from None


def quote_path_segment(value):
    """Percent-encode one path parameter the way the SDK does when it builds a URL.

    Everything outside the unreserved set is escaped, '/' included, so a tag key such as
    ``team/a b`` stays one segment on the wire (``team%2Fa%20b``).
    """
    return quote(str(value), safe='', encoding='utf-8', errors='strict')


def encode_query(params):
    """Build a query string (without '?') from a mapping or a list of (name, value) pairs.

    The result is sorted and encoded exactly like the canonical query string, which is also
    what the SDK puts on the wire. ``None`` values are dropped, booleans become
    ``true``/``false`` and list values repeat the name.
    """
    items = params.items() if hasattr(params, 'items') else params
    pairs = []
    for name, value in items:
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                item = 'true' if item else 'false'
            pairs.append((str(name), str(item)))
    return _join_query(pairs)


def _join_query(pairs):
    # Sort on the decoded text, then encode: the same order the SDK produces.
    return '&'.join('%s=%s' % (_encode(name), _encode(value)) for name, value in sorted(pairs))


def canonical_uri(path):
    """Canonical URI: decode the path, re-encode each segment, always end with '/'.

    Decoding first means an encoded '/' (``%2F``) splits segments here although it did not on
    the wire; the SDK does the same, and matching it is what counts. The trailing slash exists
    only in the signature, never in the URL that is sent.
    """
    if not path:
        path = '/'
    segments = _decode(path, 'The URL path').split('/')
    result = '/'.join(_encode(segment) for segment in segments)
    if not result.endswith('/'):
        result += '/'
    return result


def canonical_query_string(query):
    """Canonical query string from the raw query of a URL (the part after '?').

    A literal '+' is refused: form encoding reads it as a space, RFC 3986 as a plus, and the
    two readings sign differently. Encode spaces as ``%20`` and plus as ``%2B`` (``encode_query``
    does).
    """
    if not query:
        return ''
    if '+' in query:
        raise ValueError("The URL query contains a literal '+'; encode a space as %20 and a plus sign as %2B")
    pairs = []
    for piece in query.split('&'):
        if not piece:
            continue
        name, dummy, value = piece.partition('=')
        pairs.append((_decode(name, 'The URL query'), _decode(value, 'The URL query')))
    return _join_query(pairs)


def format_sdk_date(timestamp):
    """Return the ``X-Sdk-Date`` text (``YYYYMMDDTHHMMSSZ``, UTC) for a datetime or string.

    A naive datetime is taken as UTC; an aware one is converted to UTC.
    """
    if isinstance(timestamp, datetime.datetime):
        if timestamp.tzinfo is not None and timestamp.utcoffset() is not None:
            timestamp = timestamp.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return timestamp.strftime(SDK_DATE_FORMAT)
    if isinstance(timestamp, str) and _SDK_DATE_RE.fullmatch(timestamp):
        try:
            datetime.datetime.strptime(timestamp, SDK_DATE_FORMAT)
        except ValueError:
            pass
        else:
            return timestamp
    raise ValueError('timestamp must be a datetime or a string like 20240101T120000Z (UTC)')


def sdk_date_now():
    """Current UTC time as ``X-Sdk-Date`` text. The one place here that reads the clock."""
    return format_sdk_date(datetime.datetime.now(datetime.timezone.utc))


def _split_url(url):
    """Return (host header value, path, query) for an http(s) URL."""
    if not isinstance(url, str):
        raise TypeError('url must be a string')
    if _URL_CONTROL_RE.search(url):
        # urlsplit silently drops tabs and newlines, which would sign a different URL.
        raise ValueError('url must not contain control characters')
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValueError('url is not a valid URL') from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError('url must start with http:// or https://')
    if '#' in url:
        # Most likely an unencoded '#' in a tag key; the fragment would never be sent.
        raise ValueError("url must not contain '#'; percent-encode it as %23")
    netloc = parts.netloc
    if '@' in netloc:
        raise ValueError('url must not contain user information before the host')
    try:
        port = parts.port
    except ValueError:
        raise ValueError('url has an invalid port') from None
    host = netloc
    if port is not None or host.endswith(':'):
        host = host[:host.rfind(':')]
    if not host or host == '[]':
        raise ValueError('url has no host')
    # The Host header is signed, so it must be exactly what is sent: keep a non-default port,
    # drop a default one (as requests and curl do when they build Host themselves).
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = '%s:%d' % (host, port)
    return host, parts.path, parts.query


def _normalise_headers(headers):
    """Lower-case names and trimmed values; rejects anything that cannot be signed safely.

    Error messages name the header only: values may be tokens.
    """
    result = {}
    for name, value in (headers or {}).items():
        if not isinstance(name, str) or not _HEADER_NAME_RE.fullmatch(name):
            raise ValueError('Header name %r is not a valid HTTP header name' % (name,))
        lower = name.lower()
        if lower in _RESERVED_HEADERS:
            raise ValueError('Header %s is computed by the signer; do not pass it' % name)
        if lower in result:
            raise ValueError('Header %s is given more than once (names are case-insensitive)' % name)
        if value is None or isinstance(value, bytes):
            raise ValueError('Header %s must have a text value' % name)
        text = str(value)
        if not _HEADER_VALUE_RE.fullmatch(text):
            raise ValueError('Header %s has a value with control or non-ASCII characters' % name)
        result[lower] = text.strip()
    return result


def _body_bytes(body):
    if body is None:
        return b''
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    # Refuse text: the signature covers bytes, and only the caller knows the bytes it sends.
    raise TypeError('body must be bytes (the exact bytes that will be sent), or None')


def _prepare(method, url, headers, body, timestamp):
    """Everything except the HMAC: (sdk date, host, signed header list, canonical request)."""
    if not isinstance(method, str) or not _METHOD_RE.fullmatch(method):
        raise ValueError('method must be an HTTP method name such as GET or POST')
    host, path, query = _split_url(url)
    date = format_sdk_date(timestamp)
    canon_headers = _normalise_headers(headers)
    canon_headers['host'] = host
    canon_headers['x-sdk-date'] = date
    # Follow the SDK: sign every header present at signing time except names containing '_'
    # (proxies such as nginx drop those by default, so they may never reach the gateway).
    signed = sorted(name for name in canon_headers if '_' not in name)
    payload = _body_bytes(body)
    if not payload:
        payload_hash = EMPTY_BODY_SHA256
    elif _CONTENT_SHA256_HEADER in canon_headers:
        payload_hash = canon_headers[_CONTENT_SHA256_HEADER]
    else:
        payload_hash = hashlib.sha256(payload).hexdigest()
    canonical = '\n'.join([
        method.upper(),
        canonical_uri(path),
        canonical_query_string(query),
        ''.join('%s:%s\n' % (name, canon_headers[name]) for name in signed),
        ';'.join(signed),
        payload_hash,
    ])
    return date, host, signed, canonical


def canonical_request(method, url, headers, body, timestamp):
    """The canonical request text that ``sign_request`` hashes (for tests and debugging)."""
    return _prepare(method, url, headers, body, timestamp)[3]


def string_to_sign(sdk_date, canonical):
    """``SDK-HMAC-SHA256\\n<X-Sdk-Date>\\n<hex sha256 of the canonical request>``."""
    digest = hashlib.sha256(canonical.encode('utf-8')).hexdigest()
    return '%s\n%s\n%s' % (ALGORITHM, sdk_date, digest)


def sign_request(method, url, headers, body, access_key, secret_key, timestamp):
    """Sign one request with an access key / secret key pair.

    :arg method: HTTP method, any case.
    :arg url: the full URL that will be sent, ``scheme://host[:port]/path[?query]``, already
        percent-encoded (build path parameters with ``quote_path_segment`` and the query with
        ``encode_query``).
    :arg headers: the headers to sign and send, e.g. ``Content-Type``, ``X-Project-Id``,
        ``X-Security-Token``. Not ``Host``, ``X-Sdk-Date`` or ``Authorization``. Names
        containing ``_`` are not signed (as in the SDK).
    :arg body: the exact body bytes, or ``None`` / ``b''``.
    :arg timestamp: a datetime (naive means UTC) or ``YYYYMMDDTHHMMSSZ`` text.
    :returns: a new dict with ``Host``, ``X-Sdk-Date`` and ``Authorization`` to send along
        with ``headers``.
    """
    if not isinstance(access_key, str) or not access_key or not _ACCESS_KEY_RE.fullmatch(access_key) \
            or ',' in access_key:
        raise ValueError('access_key must be a non-empty printable ASCII string without spaces or commas')
    if not isinstance(secret_key, str) or not secret_key:
        # Never echo the value: it is the secret.
        raise ValueError('secret_key must be a non-empty string')
    date, host, signed, canonical = _prepare(method, url, headers, body, timestamp)
    # The secret key is the HMAC key itself; there is no date/region key derivation here.
    signature = hmac.new(secret_key.encode('utf-8'), string_to_sign(date, canonical).encode('utf-8'),
                         hashlib.sha256).hexdigest()
    authorization = '%s Access=%s, SignedHeaders=%s, Signature=%s' % (
        ALGORITHM, access_key, ';'.join(signed), signature)
    return {'Host': host, 'X-Sdk-Date': date, 'Authorization': authorization}
