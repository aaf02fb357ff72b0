# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import json
import random

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._huawei_signer import (
    EMPTY_BODY_SHA256,
    canonical_query_string,
    canonical_request,
    canonical_uri,
    encode_query,
    format_sdk_date,
    quote_path_segment,
    sdk_date_now,
    sign_request,
    string_to_sign,
)

# Credentials of the Huawei API Request Signing Guide worked example (research 4.3.1).
DOC_AK = 'QTWAOYTTINDUT2QVKYUC'
DOC_SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc'

# Common inputs of the KMS vectors (research 4.3.2).
PROJECT_ID = '0d0466b0e7274d9cb35df84bb474a37f'
KEY_ID = '0d0466b0-e727-4d9c-b35d-f84bb474a37f'
KMS_HOST = 'kms.eu-de.otc.t-systems.com'
KMS_DATE = '20240101T120000Z'
TAGS_URL = 'https://%s/v1.0/%s/kms/%s/tags' % (KMS_HOST, PROJECT_ID, KEY_ID)
KMS_HEADERS = {'Content-Type': 'application/json', 'X-Project-Id': PROJECT_ID}


def _sha256(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def _signature(authorization):
    return authorization.rsplit('Signature=', 1)[1]


def _signed_headers(authorization):
    return authorization.split('SignedHeaders=', 1)[1].split(',', 1)[0]


# ---------------------------------------------------------------------------------------
# Published vectors
# ---------------------------------------------------------------------------------------

def test_official_worked_example():
    url = ('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs'
           '?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0')
    headers = {'Content-Type': 'application/json'}
    expected_canonical = '\n'.join([
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json',
        'host:service.region.example.com',
        'x-sdk-date:20191115T033655Z',
        '',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ])
    canonical = canonical_request('GET', url, headers, b'', '20191115T033655Z')
    assert canonical == expected_canonical
    assert _sha256(canonical) == 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a'
    assert string_to_sign('20191115T033655Z', canonical) == (
        'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a')

    result = sign_request('GET', url, headers, b'', DOC_AK, DOC_SK, '20191115T033655Z')
    assert result == {
        'Host': 'service.region.example.com',
        'X-Sdk-Date': '20191115T033655Z',
        'Authorization': 'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, '
                         'Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    }


KMS_VECTORS = [
    pytest.param(
        'POST', TAGS_URL, {},
        b'{"tag": {"key": "DEV", "value": "DEV1"}}',
        'b395faa76d2cc74ae021d3a7c161c5896fbdf304d9ea2032afcc2b43c31bb420',
        'b1f0174bacf11255eaf0126bf5a15ae694190e99023d0ebfae064ac5c0abc042',
        'content-type;host;x-project-id;x-sdk-date',
        '7855dabb9bc1a4bdb07b54615fbd83cead7157a5b1ec5c48837b4ba2b733cb99',
        id='V1-add-tag'),
    pytest.param(
        'POST', TAGS_URL + '/action', {},
        b'{"action": "create", "tags": [{"key": "key1", "value": "value1"}, {"key": "key2", "value": ""}]}',
        '270166c55995b1936d436bc762679808a055dd22b3556d5732d4b7d27e6b5787',
        '792b210884bb8d61021e5787136b204a287a876fbc013da2b7cbd27f7892968d',
        'content-type;host;x-project-id;x-sdk-date',
        '5a3d3aeeb2fa43103c7d6076a01ac125ac36a1b6edad40133478d52c63e6609e',
        id='V2-batch-create'),
    pytest.param(
        'GET', TAGS_URL, {}, b'',
        EMPTY_BODY_SHA256,
        'df5c5d5b0835cb636061a974c49d936465add811fd9d50e48daaef490946564c',
        'content-type;host;x-project-id;x-sdk-date',
        '04429f5587ca5ad5f5f4ca4bb7e339498cf8d241109bf4045b1320dce4098696',
        id='V3-get-tags'),
    pytest.param(
        'DELETE', TAGS_URL + '/my%20k%C3%A9y', {'X-Security-Token': 'gAAAAABexampleSecurityToken'}, b'',
        EMPTY_BODY_SHA256,
        'bf890d27e256cb652c3f85030fe48540b1b639305f9aae355747e21f018c5ee7',
        'content-type;host;x-project-id;x-sdk-date;x-security-token',
        '28664859ac8483ceafa9d697a447e8d5f5499e22834c9ff90788977dbdde8493',
        id='V4-delete-temporary-credentials'),
]


@pytest.mark.parametrize('method, url, extra_headers, body, payload_sha, canonical_sha, signed, signature', KMS_VECTORS)
def test_kms_vectors(method, url, extra_headers, body, payload_sha, canonical_sha, signed, signature):
    headers = dict(KMS_HEADERS, **extra_headers)
    assert hashlib.sha256(body).hexdigest() == payload_sha

    canonical = canonical_request(method, url, headers, body, KMS_DATE)
    assert canonical.endswith('\n' + payload_sha)
    assert _sha256(canonical) == canonical_sha

    result = sign_request(method, url, headers, body, DOC_AK, DOC_SK, KMS_DATE)
    assert result == {
        'Host': KMS_HOST,
        'X-Sdk-Date': KMS_DATE,
        'Authorization': 'SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s' % (DOC_AK, signed, signature),
    }


def test_kms_vector_v1_intermediate_values():
    canonical = canonical_request('POST', TAGS_URL, KMS_HEADERS, b'{"tag": {"key": "DEV", "value": "DEV1"}}', KMS_DATE)
    lines = canonical.split('\n')
    assert lines[1] == '/v1.0/0d0466b0e7274d9cb35df84bb474a37f/kms/0d0466b0-e727-4d9c-b35d-f84bb474a37f/tags/'
    assert lines[2] == ''
    assert lines[3:8] == [
        'content-type:application/json',
        'host:kms.eu-de.otc.t-systems.com',
        'x-project-id:0d0466b0e7274d9cb35df84bb474a37f',
        'x-sdk-date:20240101T120000Z',
        '',
    ]


def test_kms_vector_v4_canonical_uri():
    canonical = canonical_request('DELETE', TAGS_URL + '/my%20k%C3%A9y', KMS_HEADERS, b'', KMS_DATE)
    assert canonical.split('\n')[1] == '/v1.0/%s/kms/%s/tags/my%%20k%%C3%%A9y/' % (PROJECT_ID, KEY_ID)


def test_slash_quirk_vector():
    url = 'https://h/v1.0/p/kms/k/tags/team%2Fa%20b'
    canonical = canonical_request('DELETE', url, {}, None, '20240101T120000Z')
    assert canonical.split('\n')[1] == '/v1.0/p/kms/k/tags/team/a%20b/'
    result = sign_request('DELETE', url, {}, None, 'AK', 'SK', '20240101T120000Z')
    assert _signed_headers(result['Authorization']) == 'host;x-sdk-date'
    assert _signature(result['Authorization']) == '14931132064faf443d434e70a047a2bbd092b103e6232f0e72b11c3ab8d061ec'


# ---------------------------------------------------------------------------------------
# Canonical rules, one at a time
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('path, expected', [
    ('', '/'),
    ('/', '/'),
    ('/v1.0/p/kms/k/tags', '/v1.0/p/kms/k/tags/'),
    ('/v1.0/p/kms/k/tags/', '/v1.0/p/kms/k/tags/'),
    ('/a/b%20c', '/a/b%20c/'),
    ('/a/b c', '/a/b%20c/'),
    ('/a/k%C3%A9y', '/a/k%C3%A9y/'),
    (u'/a/k\u00e9y', '/a/k%C3%A9y/'),
    (u'/a/\u73af\u5883', '/a/%E7%8E%AF%E5%A2%83/'),
    ('/a/%e7%8e%af', '/a/%E7%8E%AF/'),
    ('/a/x~y-z_.w', '/a/x~y-z_.w/'),
    ('/a/%7E', '/a/~/'),
    ("/a/!*'()@:$,;=", '/a/%21%2A%27%28%29%40%3A%24%2C%3B%3D/'),
    ('/a/team%2Fb', '/a/team/b/'),
    ('/a/100%25', '/a/100%25/'),
])
def test_canonical_uri(path, expected):
    assert canonical_uri(path) == expected


def test_canonical_uri_rejects_invalid_utf8_escapes():
    with pytest.raises(ValueError, match='UTF-8'):
        canonical_uri('/a/%FF')


@pytest.mark.parametrize('query, expected', [
    ('', ''),
    ('b=2&a=1', 'a=1&b=2'),
    ('a=2&a=1&a=10', 'a=1&a=10&a=2'),
    ('marker=a%20b&limit=10', 'limit=10&marker=a%20b'),
    (u'k=\u00e9', 'k=%C3%A9'),
    ('k=%c3%a9', 'k=%C3%A9'),
    ('k=%2B', 'k=%2B'),
    ('k=a/b:c', 'k=a%2Fb%3Ac'),
    ('flag&k=', 'flag=&k='),
    ('a=1&&b=2&', 'a=1&b=2'),
    ('x=a=b', 'x=a%3Db'),
    ('k=~', 'k=~'),
])
def test_canonical_query_string(query, expected):
    assert canonical_query_string(query) == expected


def test_literal_plus_in_query_is_refused():
    with pytest.raises(ValueError, match=r'%2B'):
        canonical_query_string('k=a+b')


def test_encode_query_is_already_canonical():
    params = [('marker', u'a b+c/\u00e9'), ('limit', 10), ('flag', True), ('skip', None), ('multi', ['b', 'a'])]
    query = encode_query(params)
    assert query == 'flag=true&limit=10&marker=a%20b%2Bc%2F%C3%A9&multi=a&multi=b'
    assert canonical_query_string(query) == query
    assert encode_query({'b': '2', 'a': '1'}) == 'a=1&b=2'


def test_quote_path_segment_keeps_one_segment():
    assert quote_path_segment(u'team/a b\u00e9') == 'team%2Fa%20b%C3%A9'
    assert quote_path_segment('a~b-c_d.e') == 'a~b-c_d.e'


def test_header_names_lowercased_values_trimmed():
    headers = {'CONTENT-TYPE': '  application/json ', 'x-Project-ID': '\tP\t', 'X-Empty': '   '}
    canonical = canonical_request('GET', 'https://h/x', headers, b'', KMS_DATE)
    assert canonical.split('\n')[3:10] == [
        'content-type:application/json',
        'host:h',
        'x-empty:',
        'x-project-id:P',
        'x-sdk-date:20240101T120000Z',
        '',
        'content-type;host;x-empty;x-project-id;x-sdk-date',
    ]


def test_header_with_underscore_is_not_signed():
    headers = {'Content-Type': 'application/json', 'X_Custom': 'v'}
    result = sign_request('GET', 'https://h/x', headers, b'', 'AK', 'SK', KMS_DATE)
    assert _signed_headers(result['Authorization']) == 'content-type;host;x-sdk-date'
    without = sign_request('GET', 'https://h/x', {'Content-Type': 'application/json'}, b'', 'AK', 'SK', KMS_DATE)
    assert result == without


def test_payload_hash_is_over_exact_bytes():
    body = u'{"tag":{"key":"\u73af\u5883","value":""}}'.encode('utf-8')
    canonical = canonical_request('POST', TAGS_URL, KMS_HEADERS, body, KMS_DATE)
    assert canonical.rsplit('\n', 1)[1] == hashlib.sha256(body).hexdigest()
    assert canonical_request('POST', TAGS_URL, KMS_HEADERS, bytearray(body), KMS_DATE) == canonical
    assert canonical_request('GET', TAGS_URL, KMS_HEADERS, None, KMS_DATE).endswith(EMPTY_BODY_SHA256)


def test_explicit_content_sha256_header_replaces_payload_hash():
    headers = {'Content-Type': 'application/octet-stream', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD'}
    canonical = canonical_request('PUT', 'https://h/x', headers, b'data', KMS_DATE)
    assert canonical.endswith('\ncontent-type;host;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD')


@pytest.mark.parametrize('url, host', [
    ('http://127.0.0.1:18080/v1.0/p/kms/k/tags', '127.0.0.1:18080'),
    ('https://kms.eu-de.otc.t-systems.com:8443/x', 'kms.eu-de.otc.t-systems.com:8443'),
    ('https://kms.eu-de.otc.t-systems.com:443/x', 'kms.eu-de.otc.t-systems.com'),
    ('http://localhost:80/x', 'localhost'),
    ('http://localhost:443/x', 'localhost:443'),
    ('https://kms.eu-de.otc.t-systems.com', 'kms.eu-de.otc.t-systems.com'),
    ('http://[::1]:18080/x', '[::1]:18080'),
    ('HTTPS://h/x', 'h'),
])
def test_host_header(url, host):
    result = sign_request('GET', url, {}, b'', 'AK', 'SK', KMS_DATE)
    assert result['Host'] == host
    assert '\nhost:%s\n' % host in canonical_request('GET', url, {}, b'', KMS_DATE)


def test_timestamp_forms_are_equivalent():
    naive = datetime.datetime(2024, 1, 1, 12, 0, 0)
    aware = datetime.datetime(2024, 1, 1, 13, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert format_sdk_date(naive) == format_sdk_date(aware) == format_sdk_date(KMS_DATE) == KMS_DATE
    results = [sign_request('GET', TAGS_URL, KMS_HEADERS, b'', 'AK', 'SK', t) for t in (naive, aware, KMS_DATE)]
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize('bad', ['2024-01-01T12:00:00Z', '20240101T120000', '20241301T120000Z', '', None, 1704110400])
def test_bad_timestamp(bad):
    with pytest.raises(ValueError, match='timestamp'):
        format_sdk_date(bad)


def test_sdk_date_now_format():
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    value = sdk_date_now()
    after = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    parsed = datetime.datetime.strptime(value, '%Y%m%dT%H%M%SZ')
    assert before <= parsed <= after


def test_method_is_uppercased():
    assert sign_request('get', TAGS_URL, KMS_HEADERS, b'', 'AK', 'SK', KMS_DATE) == \
        sign_request('GET', TAGS_URL, KMS_HEADERS, b'', 'AK', 'SK', KMS_DATE)


def test_input_headers_are_not_modified():
    headers = {'Content-Type': ' application/json ', 'X-Project-Id': PROJECT_ID}
    snapshot = dict(headers)
    sign_request('POST', TAGS_URL, headers, b'{}', 'AK', 'SK', KMS_DATE)
    assert headers == snapshot


@pytest.mark.parametrize('kwargs, message', [
    (dict(url='ftp://h/x'), 'http'),
    (dict(url='https:///x'), 'no host'),
    (dict(url='https://user:pw@h/x'), 'user information'),
    (dict(url='https://h:99999/x'), 'port'),
    (dict(url='https://h/tags/a#b'), '#'),
    (dict(url='https://h/x?k=a+b'), r'\+'),
    (dict(url=b'https://h/x'), 'url'),
    (dict(url='https://h/x\ty'), 'control'),
    (dict(url='https://[::1/x'), 'valid URL'),
    (dict(method='GE T'), 'method'),
    (dict(method='GET\n'), 'method'),
    (dict(timestamp='20240101T120000Z\n'), 'timestamp'),
    (dict(access_key='AK\n'), 'access_key'),
    (dict(headers={'Host': 'h'}), 'Host'),
    (dict(headers={'X-Sdk-Date': KMS_DATE}), 'X-Sdk-Date'),
    (dict(headers={'authorization': 'x'}), 'authorization'),
    (dict(headers={'X-A': '1', 'x-a': '2'}), 'more than once'),
    (dict(headers={'Bad Name': '1'}), 'header name'),
    (dict(headers={'X-A': 'line\r\nX-Injected: 1'}), 'control'),
    (dict(headers={'X-A': 'trailing-newline\n'}), 'control'),
    (dict(headers={'X-A\n': '1'}), 'header name'),
    (dict(headers={'X-A': u'caf\u00e9'}), 'non-ASCII'),
    (dict(headers={'X-A': None}), 'text value'),
    (dict(body=u'{}'), 'bytes'),
    (dict(timestamp='now'), 'timestamp'),
    (dict(access_key=''), 'access_key'),
    (dict(access_key='A K'), 'access_key'),
    (dict(secret_key=''), 'secret_key'),
    (dict(secret_key=b'bytes-secret'), 'secret_key'),
])
def test_invalid_input_is_refused_without_leaking_secrets(kwargs, message):
    secret = 'Sup3r-S3cret-Value-xyz'
    token = 'TokenValue-abcdef-123'
    call = dict(method='POST', url=TAGS_URL, headers={'X-Security-Token': token, 'X-Project-Id': PROJECT_ID},
                body=b'{}', access_key='AK', secret_key=secret, timestamp=KMS_DATE)
    if 'headers' in kwargs:
        kwargs = dict(kwargs, headers=dict(call['headers'], **kwargs['headers']))
    call.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=message) as excinfo:
        sign_request(**call)
    for text in (str(excinfo.value), repr(excinfo.value)):
        assert secret not in text
        assert 'bytes-secret' not in text
        assert token not in text


def test_secret_never_in_result():
    secret = 'Sup3r-S3cret-Value-xyz'
    result = sign_request('GET', TAGS_URL, KMS_HEADERS, b'', 'AK', secret, KMS_DATE)
    assert secret not in repr(result)


# ---------------------------------------------------------------------------------------
# Comparison with the official SDK's own signer (huaweicloudsdkcore / huaweicloudsdkkms)
# ---------------------------------------------------------------------------------------

FROZEN = datetime.datetime(2024, 1, 1, 12, 0, 0)
FROZEN_TEXT = '20240101T120000Z'
AK = 'HPUAEXAMPLEACCESSKEY'
SK = 'exampleSecretKey0123456789abcdefghijKLMN'
TOKEN = 'gAAAAABexampleSecurityToken-with.dots_and-dashes=='
SIGNER_OWN_HEADERS = ('Host', 'X-Sdk-Date', 'Authorization')


@pytest.fixture
def sdk_core():
    return pytest.importorskip('huaweicloudsdkcore')


@pytest.fixture
def frozen_sdk_clock(sdk_core, monkeypatch):
    """Make the SDK signer's clock return FROZEN (it calls datetime.utcnow())."""
    from huaweicloudsdkcore.signer import signer as sdk_signer_module

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return FROZEN

    monkeypatch.setattr(sdk_signer_module, 'datetime', FrozenDatetime)
    return FROZEN


class _Captured(Exception):
    pass


@pytest.fixture
def kms_capture(frozen_sdk_clock, monkeypatch):
    """Build KmsClients whose requests are signed by the SDK but never sent.

    The SDK builds and signs an SdkRequest, then hands it to _do_http_request_sync; we keep
    it there and stop, so nothing touches the network.
    """
    pytest.importorskip('huaweicloudsdkkms')
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkkms.v2 import KmsClient

    captured = []

    def keep_request(self, request):
        captured.append(request)
        raise _Captured()

    monkeypatch.setattr(KmsClient, '_do_http_request_sync', keep_request)

    def run(call, endpoint='https://' + KMS_HOST, security_token=None, ignore_get_content_type=False):
        config = HttpConfig.get_default_config()
        config.retry_times = 0
        config.ignore_content_type_for_get_request = ignore_get_content_type
        credentials = BasicCredentials(AK, SK, PROJECT_ID)
        if security_token:
            credentials = credentials.with_security_token(security_token)
        client = (KmsClient.new_builder().with_http_config(config).with_credentials(credentials)
                  .with_endpoint(endpoint).build())
        del captured[:]
        with pytest.raises(_Captured):
            call(client)
        return captured[0]

    return run


def _sign_like_sdk_request(sdk_request):
    """Feed what the SDK sent (URL, headers it signed, body) to our signer."""
    headers = dict((k, v) for k, v in sdk_request.header_params.items() if k not in SIGNER_OWN_HEADERS)
    body = sdk_request.body
    if isinstance(body, str):
        body = body.encode('utf-8')
    return sign_request(sdk_request.method, sdk_request.url, headers, body, AK, SK, FROZEN)


def _assert_same_as_sdk(sdk_request):
    ours = _sign_like_sdk_request(sdk_request)
    theirs = dict((k, sdk_request.header_params[k]) for k in SIGNER_OWN_HEADERS)
    assert ours == theirs
    return ours


def _kms_models():
    return pytest.importorskip('huaweicloudsdkkms.v2')


def _tag_items(kms, tags):
    return [kms.TagItem(key=k, value=v) for k, v in tags]


KMS_CLIENT_CASES = [
    pytest.param(lambda kms, c: c.show_kms_tags(kms.ShowKmsTagsRequest(key_id=KEY_ID)),
                 'GET', '/tags', id='get-tags'),
    pytest.param(lambda kms, c: c.create_kms_tag(kms.CreateKmsTagRequest(
        key_id=KEY_ID, body=kms.CreateKmsTagRequestBody(tag=kms.TagItem(key='env', value='prod')))),
        'POST', '/tags', id='post-tag'),
    pytest.param(lambda kms, c: c.create_kms_tag(kms.CreateKmsTagRequest(
        key_id=KEY_ID, body=kms.CreateKmsTagRequestBody(tag=kms.TagItem(key=u'\u73af\u5883 k\u00e9y', value=u'v\u00e4l')))),
        'POST', '/tags', id='post-tag-non-ascii'),
    pytest.param(lambda kms, c: c.batch_create_kms_tags(kms.BatchCreateKmsTagsRequest(
        key_id=KEY_ID, body=kms.BatchCreateKmsTagsRequestBody(
            action='create', tags=_tag_items(kms, [('key1', 'value1'), (u'k\u00e9y2', ''), ('a b', 'x/y')])))),
        'POST', '/tags/action', id='batch-create'),
    pytest.param(lambda kms, c: c.batch_create_kms_tags(kms.BatchCreateKmsTagsRequest(
        key_id=KEY_ID, body=kms.BatchCreateKmsTagsRequestBody(
            action='delete', tags=_tag_items(kms, [('key1', 'value1'), (u'\u00fcml\u00e4ut', 'v')])))),
        'POST', '/tags/action', id='batch-delete'),
    pytest.param(lambda kms, c: c.list_key_detail(kms.ListKeyDetailRequest(
        body=kms.OperateKeyRequestBody(key_id=KEY_ID))),
        'POST', None, id='describe-key'),
    pytest.param(lambda kms, c: c.delete_tag(kms.DeleteTagRequest(key_id=KEY_ID, key=u'my k\u00e9y')),
                 'DELETE', '/tags/' + quote_path_segment(u'my k\u00e9y'), id='delete-tag-non-ascii-space'),
    pytest.param(lambda kms, c: c.delete_tag(kms.DeleteTagRequest(key_id=KEY_ID, key='team/a b')),
                 'DELETE', '/tags/' + quote_path_segment('team/a b'), id='delete-tag-slash'),
    pytest.param(lambda kms, c: c.delete_tag(kms.DeleteTagRequest(key_id=KEY_ID, key=u'\u73af\u5883@100%')),
                 'DELETE', '/tags/' + quote_path_segment(u'\u73af\u5883@100%'), id='delete-tag-cjk-percent'),
]


@pytest.mark.parametrize('endpoint', ['https://' + KMS_HOST, 'http://127.0.0.1:18080'])
@pytest.mark.parametrize('security_token', [None, TOKEN], ids=['permanent', 'temporary'])
@pytest.mark.parametrize('call, method, suffix', KMS_CLIENT_CASES)
def test_matches_sdk_kms_client(kms_capture, call, method, suffix, endpoint, security_token):
    kms = _kms_models()
    sdk_request = kms_capture(lambda client: call(kms, client), endpoint=endpoint, security_token=security_token)
    assert sdk_request.method == method
    ours = _assert_same_as_sdk(sdk_request)

    signed = _signed_headers(ours['Authorization']).split(';')
    assert 'x-project-id' in signed and 'content-type' in signed
    assert ('x-security-token' in signed) == bool(security_token)
    assert ours['Host'] == endpoint.split('://', 1)[1]

    # Our URL helpers give the same wire URL the SDK built.
    if suffix is None:
        path = '/v1.0/%s/kms/describe-key' % quote_path_segment(PROJECT_ID)
    else:
        path = '/v1.0/%s/kms/%s%s' % (quote_path_segment(PROJECT_ID), quote_path_segment(KEY_ID), suffix)
    assert sdk_request.url == endpoint + path


def test_matches_sdk_kms_client_delete_tag_path_building(kms_capture):
    # The wire path must come from quote_path_segment(raw key), not from re-quoting.
    kms = _kms_models()
    for key in (u'my k\u00e9y', 'team/a b', u'\u73af\u5883@100%', 'a+b~c'):
        sdk_request = kms_capture(lambda client: client.delete_tag(kms.DeleteTagRequest(key_id=KEY_ID, key=key)))
        assert sdk_request.url == 'https://%s/v1.0/%s/kms/%s/tags/%s' % (KMS_HOST, PROJECT_ID, KEY_ID,
                                                                         quote_path_segment(key))
        _assert_same_as_sdk(sdk_request)


def test_matches_sdk_kms_client_query_string(kms_capture):
    kms = _kms_models()
    request = kms.ListAliasesRequest(key_id=KEY_ID, limit='10', marker=u'a b+c/\u00e9')
    sdk_request = kms_capture(lambda client: client.list_aliases(request), endpoint='http://127.0.0.1:18080')
    assert sdk_request.url == 'http://127.0.0.1:18080/v1.0/%s/kms/aliases?%s' % (
        PROJECT_ID, encode_query({'key_id': KEY_ID, 'limit': '10', 'marker': u'a b+c/\u00e9'}))
    _assert_same_as_sdk(sdk_request)


def test_matches_sdk_kms_client_get_without_content_type(kms_capture):
    # OTC's 2025-08 docs dropped Content-Type from GET pages; the SDK can omit it too.
    kms = _kms_models()
    sdk_request = kms_capture(lambda client: client.show_kms_tags(kms.ShowKmsTagsRequest(key_id=KEY_ID)),
                              ignore_get_content_type=True)
    assert 'Content-Type' not in sdk_request.header_params
    ours = _assert_same_as_sdk(sdk_request)
    assert 'content-type' not in _signed_headers(ours['Authorization'])


def _sdk_sign(method, endpoint, resource_path, query_params, headers, body, security_token=None):
    """Sign with BasicCredentials.sign_request, the SDK's own path, X-Sdk-Date pinned via header."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest

    scheme, host = endpoint.split('://', 1)
    header_params = dict(headers)
    header_params['X-Sdk-Date'] = FROZEN_TEXT
    request = SdkRequest(method=method, schema=scheme, host=host, resource_path=resource_path,
                         query_params=list(query_params), header_params=header_params, body=body)
    credentials = BasicCredentials(AK, SK, PROJECT_ID)
    if security_token:
        credentials = credentials.with_security_token(security_token)
    return credentials.sign_request(request)


def _our_module_body(payload):
    # How our modules will serialise: compact and UTF-8, not the SDK's ASCII escapes.
    return json.dumps(payload, separators=(',', ':'), ensure_ascii=False, sort_keys=True).encode('utf-8')


MODULE_SHAPED_CASES = [
    pytest.param('GET', '/tags', [], None, id='get-tags'),
    pytest.param('POST', '/tags', [], {'tag': {'key': 'env', 'value': 'prod'}}, id='post-tag'),
    pytest.param('POST', '/tags', [], {'tag': {'key': u'\u73af\u5883-k\u00e9y', 'value': u'\u00e9'}},
                 id='post-tag-non-ascii'),
    pytest.param('POST', '/tags/action', [],
                 {'action': 'create', 'tags': [{'key': 'a', 'value': '1'}, {'key': u'\u00df', 'value': ''}]},
                 id='batch-create'),
    pytest.param('POST', '/tags/action', [], {'action': 'delete', 'tags': [{'key': u'k\u00e9y', 'value': 'v'}]},
                 id='batch-delete'),
    pytest.param('POST', 'describe-key', [], {'key_id': KEY_ID}, id='describe-key'),
    pytest.param('DELETE', '/tags/' + quote_path_segment(u'my k\u00e9y'), [], None, id='delete-non-ascii'),
    pytest.param('DELETE', '/tags/' + quote_path_segment('team/a b'), [], None, id='delete-slash-space'),
    pytest.param('GET', '/tags', [('limit', '2'), ('marker', u'm\u00e4rker x'), ('a', '1'), ('limit', '1')], None,
                 id='query-string'),
]


@pytest.mark.parametrize('endpoint', ['https://' + KMS_HOST, 'http://127.0.0.1:18080'])
@pytest.mark.parametrize('security_token', [None, TOKEN], ids=['permanent', 'temporary'])
@pytest.mark.parametrize('method, suffix, query, payload', MODULE_SHAPED_CASES)
def test_matches_sdk_signer_on_module_shaped_requests(frozen_sdk_clock, method, suffix, query, payload,
                                                      endpoint, security_token):
    if suffix == 'describe-key':
        resource_path = '/v1.0/%s/kms/describe-key' % PROJECT_ID
    else:
        resource_path = '/v1.0/%s/kms/%s%s' % (PROJECT_ID, KEY_ID, suffix)
    body = _our_module_body(payload) if payload is not None else b''
    headers = {'Content-Type': 'application/json;charset=utf-8'}

    sdk_request = _sdk_sign(method, endpoint, resource_path, query, headers, body, security_token)

    ours_headers = dict(headers, **{'X-Project-Id': PROJECT_ID})
    if security_token:
        ours_headers['X-Security-Token'] = security_token
    url = endpoint + resource_path + ('?' + encode_query(query) if query else '')
    assert url == sdk_request.url
    ours = sign_request(method, url, ours_headers, body, AK, SK, FROZEN_TEXT)
    assert ours == dict((k, sdk_request.header_params[k]) for k in SIGNER_OWN_HEADERS)


def test_matches_sdk_signer_with_explicit_unsigned_payload(frozen_sdk_clock):
    headers = {'Content-Type': 'application/json', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD'}
    sdk_request = _sdk_sign('POST', 'https://' + KMS_HOST, '/v1.0/p/kms/k/tags', [], headers, b'{"a": 1}')
    ours = sign_request('POST', sdk_request.url, dict(headers, **{'X-Project-Id': PROJECT_ID}), b'{"a": 1}',
                        AK, SK, FROZEN_TEXT)
    assert ours['Authorization'] == sdk_request.header_params['Authorization']


_FUZZ_ALPHABET = (u'abcXYZ019-_.~ !"#$%&\'()*+,/:;<=>?@[]^`{|}'
                  u'\u00e9\u00df\u00fc\u20ac\u73af\u5883\U0001F600')


def _fuzz_text(rng, minimum=0):
    return u''.join(rng.choice(_FUZZ_ALPHABET) for dummy in range(rng.randint(minimum, 8)))


def test_matches_sdk_signer_fuzz(frozen_sdk_clock):
    """Seeded random requests: odd path parameters, queries, header whitespace, bodies."""
    rng = random.Random(20260101)
    for dummy in range(300):
        method = rng.choice(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'])
        endpoint = rng.choice(['https://' + KMS_HOST, 'http://127.0.0.1:18080', 'https://kms.example.com:8443'])
        segments = ['v1.0', PROJECT_ID, 'kms'] + [quote_path_segment(_fuzz_text(rng, 1))
                                                  for dummy2 in range(rng.randint(0, 3))]
        resource_path = '/' + '/'.join(segments) + rng.choice(['', '/'])
        query = [(_fuzz_text(rng, 1), _fuzz_text(rng)) for dummy2 in range(rng.randint(0, 4))]
        # Content-Type stays JSON and untrimmed-free: for anything else the SDK swaps the payload
        # hash for UNSIGNED-PAYLOAD (a documented difference, tested separately).
        headers = {'Content-Type': rng.choice(['application/json', 'application/json;charset=utf-8']),
                   'X-Custom-%d' % rng.randint(0, 9): rng.choice(['', ' v ', 'a  b', '\tx'])}
        if rng.random() < 0.3:
            headers['X_Unsigned'] = 'u'
        body = _fuzz_text(rng).encode('utf-8') if method not in ('GET', 'HEAD') else b''
        token = TOKEN if rng.random() < 0.5 else None

        sdk_request = _sdk_sign(method, endpoint, resource_path, query, headers, body, token)

        ours_headers = dict(headers, **{'X-Project-Id': PROJECT_ID})
        if token:
            ours_headers['X-Security-Token'] = token
        url = endpoint + resource_path + ('?' + encode_query(query) if query else '')
        assert url == sdk_request.url, (resource_path, query)
        ours = sign_request(method, url, ours_headers, body, AK, SK, FROZEN)
        assert ours == dict((k, sdk_request.header_params[k]) for k in SIGNER_OWN_HEADERS), (resource_path, query)


def test_documented_difference_non_json_content_type(frozen_sdk_clock):
    """For a non-JSON Content-Type the SDK adds X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD by
    itself; we always sign the real payload hash unless the caller passes that header."""
    headers = {'Content-Type': 'text/plain'}
    sdk_request = _sdk_sign('PUT', 'https://' + KMS_HOST, '/v1.0/p/x', [], headers, b'data')
    assert sdk_request.header_params['X-Sdk-Content-Sha256'] == 'UNSIGNED-PAYLOAD'

    ours = sign_request('PUT', sdk_request.url, dict(headers, **{'X-Project-Id': PROJECT_ID}), b'data',
                        AK, SK, FROZEN_TEXT)
    assert ours['Authorization'] != sdk_request.header_params['Authorization']
    assert 'x-sdk-content-sha256' not in _signed_headers(ours['Authorization'])

    explicit = dict(headers, **{'X-Project-Id': PROJECT_ID, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD'})
    ours = sign_request('PUT', sdk_request.url, explicit, b'data', AK, SK, FROZEN_TEXT)
    assert ours['Authorization'] == sdk_request.header_params['Authorization']


def test_documented_difference_explicit_default_port(frozen_sdk_clock):
    """The SDK signs the endpoint's netloc as written (``h:443``); we drop a default port, as
    requests does when it builds Host, so the signed Host is the one on the wire."""
    sdk_request = _sdk_sign('GET', 'https://%s:443' % KMS_HOST, '/v1.0/p/x', [], {}, b'')
    assert sdk_request.header_params['Host'] == KMS_HOST + ':443'
    ours = sign_request('GET', sdk_request.url, {'X-Project-Id': PROJECT_ID}, b'', AK, SK, FROZEN_TEXT)
    assert ours['Host'] == KMS_HOST
