# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The official bce-python-sdk BccClient drives the offline cloud's BCC role calls: its bce-auth-v1
signatures (default signed-header set, a clientToken on every role call, no Content-Type) are
accepted, a wrong secret or an expired signature is refused the way BCE refuses it, and its error
parser sees our error envelope. If the emulator drifted from the real wire protocol, these would fail."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

pytest.importorskip("baidubce")

from baidubce import utils as bce_utils  # noqa: E402 pylint: disable=wrong-import-position
from baidubce.auth.bce_credentials import BceCredentials  # noqa: E402 pylint: disable=wrong-import-position
from baidubce.bce_client_configuration import BceClientConfiguration  # noqa: E402 pylint: disable=wrong-import-position
from baidubce.exception import BceHttpClientError  # noqa: E402 pylint: disable=wrong-import-position
from baidubce.retry.retry_policy import NoRetryPolicy  # noqa: E402 pylint: disable=wrong-import-position
from baidubce.services.bcc.bcc_client import BccClient  # noqa: E402 pylint: disable=wrong-import-position

ACCESS_KEY = "sdktestaccesskey0000000000000000"
SECRET_KEY = "sdk-test-secret-key"
IDS = ["i-sdkt0001", "i-sdkt0002", "i-sdkt0003"]


def _client(url, secret_key=SECRET_KEY, access_key=ACCESS_KEY):
    return BccClient(BceClientConfiguration(credentials=BceCredentials(access_key, secret_key), endpoint=url,
                                            retry_policy=NoRetryPolicy()))


@pytest.fixture
def seeded(control):
    control.seed({"baiducloud": {
        "accounts": [{"access_key": ACCESS_KEY, "secret_key": SECRET_KEY}],
        "roles": ["BccRoleA", {"role_name": "BccRoleB"}],
        "instances": [{"instance_id": IDS[0]}, {"instance_id": IDS[1], "role_name": "BccRoleB"},
                      {"instance_id": IDS[2], "fail_bind": "instance is not running"}],
    }})
    return control


def _server_error(caught):
    return caught.value.last_error


def test_list_roles(emulator, seeded):
    reply = _client(emulator.url).list_instance_roles()
    assert sorted(r.role_name for r in reply.roles) == ["BccRoleA", "BccRoleB"]
    assert reply.metadata.bce_request_id


def test_get_instance_reads_the_role(emulator, seeded):
    client = _client(emulator.url)
    assert client.get_instance(IDS[0]).instance.role_name == ""
    assert client.get_instance(IDS[1]).instance.role_name == "BccRoleB"
    assert client.get_instance(IDS[1]).instance.id == IDS[1]


def test_bind_then_unbind_round_trip(emulator, seeded):
    client = _client(emulator.url)
    reply = client.bind_instance_role([IDS[0]], "BccRoleA")
    assert reply.fail_instances == []
    assert [a.instance_id for a in reply.instance_role_associations] == [IDS[0]]
    assert client.get_instance(IDS[0]).instance.role_name == "BccRoleA"
    assert seeded.state()["baiducloud"]["bcc"]["instances"][IDS[0]]["role_name"] == "BccRoleA"
    reply = client.unbind_instance_role([IDS[0]], "BccRoleA")
    assert reply.fail_instances == []
    assert client.get_instance(IDS[0]).instance.role_name == ""
    log = [(r["action"], r["write"], r["status"]) for r in seeded.requests() if r["cloud"] == "baiducloud"]
    assert log == [("BindInstanceRole", True, 200), ("GetInstance", False, 200),
                   ("UnbindInstanceRole", True, 200), ("GetInstance", False, 200)]


def test_bind_reports_failed_instances_in_a_200(emulator, seeded):
    reply = _client(emulator.url).bind_instance_role([IDS[0], IDS[2]], "BccRoleA")
    assert [(f.instance_id, f.fail_message) for f in reply.fail_instances] == [(IDS[2], "instance is not running")]
    assert [a.instance_id for a in reply.instance_role_associations] == [IDS[0]]


def test_one_role_per_instance(emulator, seeded):
    reply = _client(emulator.url).bind_instance_role([IDS[1]], "BccRoleA")
    assert reply.fail_instances[0].instance_id == IDS[1]
    assert "BccRoleB" in reply.fail_instances[0].fail_message


def test_bind_errors_are_the_documented_ones(emulator, seeded):
    client = _client(emulator.url)
    with pytest.raises(BceHttpClientError) as caught:
        client.bind_instance_role([IDS[0]], "NoSuchRole")
    err = _server_error(caught)
    assert (err.status_code, err.code, str(err)) == (400, "BadRequest", "invalid roleName")
    with pytest.raises(BceHttpClientError) as caught:
        client.get_instance("i-missing1")
    err = _server_error(caught)
    assert (err.status_code, err.code) == (404, "NoSuchObject")
    assert err.request_id


def test_wrong_secret_is_refused(emulator, seeded):
    with pytest.raises(BceHttpClientError) as caught:
        _client(emulator.url, secret_key="not-the-secret").bind_instance_role([IDS[0]], "BccRoleA")
    err = _server_error(caught)
    assert (err.status_code, err.code) == (400, "SignatureDoesNotMatch")
    assert err.request_id
    assert seeded.state()["baiducloud"]["bcc"]["instances"][IDS[0]]["role_name"] == ""


def test_unknown_access_key_is_refused(emulator, seeded):
    with pytest.raises(BceHttpClientError) as caught:
        _client(emulator.url, access_key="unknownaccesskey0000000000000000").list_instance_roles()
    assert (_server_error(caught).status_code, _server_error(caught).code) == (403, "InvalidAccessKeyId")


def test_expired_signature_is_refused(emulator, seeded, monkeypatch):
    # The SDK reads the time for x-bce-date and the auth string through get_canonical_time.
    real = bce_utils.get_canonical_time
    monkeypatch.setattr(bce_utils, "get_canonical_time", lambda timestamp=0: real(1700000000))
    with pytest.raises(BceHttpClientError) as caught:
        _client(emulator.url).list_instance_roles()
    err = _server_error(caught)
    assert (err.status_code, err.code) == (400, "RequestExpired")
    assert "2023-11-14T22:13:20Z" in str(err)


def test_default_account_works_after_reset(emulator, control):
    from tests.emulator.baidu import DEFAULT_ACCOUNT
    reply = _client(emulator.url, DEFAULT_ACCOUNT["secret_key"], DEFAULT_ACCOUNT["access_key"]).list_instance_roles()
    assert reply.roles == []
