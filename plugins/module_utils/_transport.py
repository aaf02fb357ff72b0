# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""HTTP for every cloud: one requests.Session per task, timeouts, TLS settings, proxies from the
environment, and network faults turned into retryable CloudErrors.

The transport sends exactly the bytes and headers it is given (signers hash the body, so it must
never be re-encoded) and knows nothing about any cloud's envelope.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import email.utils
import time
import traceback

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError

# Statuses a gateway or load balancer answers when trying again later can help.
TRANSIENT_STATUSES = frozenset([429, 500, 502, 503, 504])

USER_AGENT = "polycloud.ops-ansible-collection"


class HttpResponse(object):
    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name, default=None):
        return self.headers.get(name, default)


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def status_error(cloud, response, request_id=None):
    """A CloudError for a reply that is not the cloud's envelope (a proxy page, a gateway 5xx)."""
    snippet = (response.body or b"")[:200].decode("utf-8", "replace").strip()
    transient = response.status in TRANSIENT_STATUSES
    return CloudError(
        cloud, "HTTP%d" % response.status,
        "the endpoint answered HTTP %d without a %s API reply%s" % (
            response.status, cloud, (": " + snippet) if snippet else ""),
        request_id=request_id,
        http_status=response.status,
        retryable=transient,
        category="throttled" if response.status == 429 else ("transient" if transient else "http"),
        hint=None if transient else "check that endpoint points at the %s API" % cloud,
        retry_after=parse_retry_after(response.header("Retry-After")),
    )


class Transport(object):
    """Sends requests over one pooled session (one TCP/TLS connection reused across calls)."""

    def __init__(self, cloud, timeout=30.0, validate_certs=True, ca_bundle=None):
        if not HAS_REQUESTS:
            raise CloudError(cloud, "MissingLibrary", "the Python library 'requests' is required on the "
                             "host that runs the module", category="config")
        self.cloud = cloud
        self.timeout = timeout
        self.session = requests.Session()
        # trust_env (default) keeps HTTPS_PROXY / NO_PROXY / REQUESTS_CA_BUNDLE working.
        self.session.verify = ca_bundle if (ca_bundle and validate_certs) else bool(validate_certs)
        self.session.headers["User-Agent"] = USER_AGENT
        if not validate_certs:
            try:
                import urllib3
                urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            except ImportError:  # pragma: no cover - urllib3 ships with requests
                pass

    def send(self, method, url, headers, body=None):
        """Send one request and return an HttpResponse; network faults raise a CloudError."""
        try:
            reply = self.session.request(method, url, headers=headers, data=body, timeout=self.timeout,
                                         allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise CloudError(self.cloud, "TLSError", "TLS verification of %s failed: %s" % (
                _host(url), _short(exc)), category="tls", retryable=False,
                hint="set ca_bundle to the CA that signed the endpoint's certificate, or validate_certs: false "
                     "for a test endpoint")
        except requests.exceptions.Timeout as exc:
            raise CloudError(self.cloud, "Timeout", "no reply from %s within %s s: %s" % (
                _host(url), self.timeout, _short(exc)), category="transport", retryable=True,
                hint="raise timeout, or check the network path to the endpoint")
        except requests.exceptions.ConnectionError as exc:
            raise CloudError(self.cloud, "ConnectionError", "connection to %s failed: %s" % (
                _host(url), _short(exc)), category="transport", retryable=True,
                hint="check endpoint, proxies (HTTPS_PROXY / NO_PROXY) and the network path")
        except requests.exceptions.RequestException as exc:
            raise CloudError(self.cloud, "RequestError", "request to %s failed: %s" % (_host(url), _short(exc)),
                             category="transport", retryable=False)
        return HttpResponse(reply.status_code, reply.headers, reply.content)

    def close(self):
        self.session.close()


def _host(url):
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0]


def _short(exc):
    # requests nests urllib3 errors several levels deep; the last line is the useful one.
    text = str(exc).strip().splitlines()
    return text[-1][:300] if text else exc.__class__.__name__
