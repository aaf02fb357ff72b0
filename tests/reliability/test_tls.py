# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""TLS: the offline cloud serves HTTPS with a certificate signed by a CA this test makes (with the
``cryptography`` package that ansible-core brings). Every module, run as ``ansible localhost -m``:
refuses the untrusted certificate by default with a clear message and no request served; trusts it
with ``ca_bundle`` (the same option name on every cloud); and with ``validate_certs: false`` works and
warns."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import ipaddress
import os

import pytest

from tests.emulator.server import Emulator
from tests.reliability import matrix
from tests.emulator.control import Control
from tests.reliability.harness import SUMMARY, common_args, run_adhoc

LINES = SUMMARY.setdefault("TLS", [])


def _make_ca_and_server(directory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def name(text):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("polycloud reliability test CA")).issuer_name(
        name("polycloud reliability test CA")).public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = dict((n, os.path.join(directory, n)) for n in ("ca.pem", "server.pem", "server.key"))
    with open(paths["ca.pem"], "wb") as handle:
        handle.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(paths["server.pem"], "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(paths["server.key"], "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return paths


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    paths = _make_ca_and_server(str(tmp_path_factory.mktemp("tls")))
    server = Emulator("127.0.0.1", 0, tls_cert=paths["server.pem"], tls_key=paths["server.key"]).start()
    assert server.url.startswith("https://127.0.0.1:")
    yield server, paths, Control(server.url, cafile=paths["ca.pem"])
    server.stop()


MODES = ("default", "ca_bundle", "validate_certs_false")
CASES = [(module, mode) for module in sorted(matrix.SCENARIOS) for mode in MODES]
# Environment variables that would make requests trust a CA behind the module's back.
CA_ENV = {"REQUESTS_CA_BUNDLE": "", "CURL_CA_BUNDLE": "", "SSL_CERT_FILE": "", "SSL_CERT_DIR": ""}


@pytest.mark.parametrize("module,mode", CASES, ids=["%s-%s" % c for c in CASES])
def test_tls(tls, module, mode):
    server, paths, control = tls
    scenario = matrix.SCENARIOS[module]
    control.reset()
    control.seed(scenario["seed"])
    args = dict(common_args(module, server.url), retries=0, timeout=5, **scenario["args"])
    if mode == "ca_bundle":
        args["ca_bundle"] = paths["ca.pem"]
    if mode == "validate_certs_false":
        args["validate_certs"] = False
    since = control.last_seq()
    env = dict((k, v) for k, v in CA_ENV.items())
    run = run_adhoc(module, args, env=env)
    result = run.result
    warnings = " ".join(result.get("warnings") or [])
    if mode == "default":
        assert result.get("failed") is True, run
        assert result["error"]["code"] == "TLSError", run
        assert "TLS verification of 127.0.0.1:%d failed" % server.port in result["msg"], run
        assert "certificate verify failed" in result["msg"] and "ca_bundle" in result["msg"], run
        assert result["error"]["retryable"] is False and result["changed"] is False, run
        assert control.last_seq() == since, "a request got through the refused handshake"
        LINES.append("%-46s %-22s refused: %s" % (module, mode, result["msg"][:110]))
        return
    assert not result.get("failed"), run
    assert result["changed"] is True, run
    assert scenario["view"](control.state()) == scenario["after"], run
    if mode == "validate_certs_false":
        assert "validate_certs is false" in warnings, run
        LINES.append("%-46s %-22s ok, warned: %s" % (module, mode, warnings[:90]))
    else:
        assert "validate_certs" not in warnings, run
        LINES.append("%-46s %-22s ok, trusted through ca_bundle" % (module, mode))
