# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Tencent Cloud API 3.0 error codes: category, whether a retry can help, and a hint.

Data only, from the common error-code page and the KMS and CVM API pages. Every write this
collection makes to Tencent Cloud is safe to repeat, so a transient code may be retried on
writes too. Codes not listed here are permanent.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

_CLOCK_HINT = "the controller clock is off by more than 5 minutes; sync it with NTP"
_CREDENTIALS_HINT = ("check secret_id / secret_key (env TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY) "
                     "and that endpoint points at Tencent Cloud")

CATALOG = {
    "*": {"category": "unknown", "retryable": False},
    # Throttling: paced client-side, but several controllers can share one account.
    "RequestLimitExceeded": {"category": "throttled", "retryable": True},
    "RequestLimitExceeded.*": {"category": "throttled", "retryable": True},
    "ServiceUnavailable": {"category": "transient", "retryable": True},
    # Some products answer InternalError for lasting faults too: retry it, but only twice.
    "InternalError": {"category": "transient", "retryable": True, "retry_limit": 2},
    "InternalError.*": {"category": "transient", "retryable": True, "retry_limit": 2},
    "UnsupportedOperation.ServiceTemporaryUnavailable": {"category": "transient", "retryable": True},
    "MutexOperation.TaskRunning": {"category": "busy", "retryable": True},
    "OperationDenied.InstanceOperationInProgress": {"category": "busy", "retryable": True},
    # A fresh signature helps when the request sat in a queue; a skewed clock needs NTP.
    "AuthFailure.SignatureExpire": {"category": "auth", "retryable": True, "retry_limit": 1, "hint": _CLOCK_HINT},
    "AuthFailure.SignatureFailure": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "AuthFailure.SecretIdNotFound": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "AuthFailure.InvalidSecretId": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "AuthFailure.InvalidAuthorization": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "AuthFailure.TokenFailure": {
        "category": "auth", "retryable": False,
        "hint": "the temporary credentials' security_token (env TENCENTCLOUD_SECURITY_TOKEN) is invalid or expired"},
    "AuthFailure.UnauthorizedOperation": {
        "category": "permission", "retryable": False,
        "hint": "the CAM policy of these credentials does not allow this action"},
    "UnauthorizedOperation": {
        "category": "permission", "retryable": False,
        "hint": "the CAM policy of these credentials does not allow this action"},
    "UnsupportedRegion": {"category": "input", "retryable": False, "hint": "check region"},
    "InvalidParameter": {"category": "input", "retryable": False},
    "InvalidParameter.*": {"category": "input", "retryable": False},
    "InvalidParameterValue": {"category": "input", "retryable": False},
    "InvalidParameterValue.*": {"category": "input", "retryable": False},
    # KMS
    "ResourceUnavailable.CmkNotFound": {"category": "not_found", "retryable": False, "hint": "check key_id and region"},
    "ResourceUnavailable.CmkStateNotSupport": {
        "category": "conflict", "retryable": False,
        "hint": "the key's state does not allow this; enable it or cancel its pending deletion first"},
    "ResourceUnavailable.CloudResourceBindingNotFound": {"category": "not_found", "retryable": False},
    "FailedOperation.CmkUsedByCloudProduct": {"category": "conflict", "retryable": False},
    # CVM security groups
    "InvalidInstanceId.NotFound": {"category": "not_found", "retryable": False, "hint": "check instance_ids and region"},
    "InvalidInstanceId.Malformed": {"category": "input", "retryable": False},
    "InvalidSecurityGroupId.NotFound": {
        "category": "not_found", "retryable": False, "hint": "check security_group_ids and region"},
    "InvalidSgId.Malformed": {"category": "input", "retryable": False},
    "LimitExceeded.AssociateUSGLimitExceeded": {
        "category": "quota", "retryable": False, "hint": "an instance can have at most 5 security groups"},
    "LimitExceeded.*": {"category": "quota", "retryable": False},
    "FailedOperation.SecurityGroupActionFailed": {"category": "failed", "retryable": False},
    "SecGroupActionFailure": {"category": "failed", "retryable": False},
    "UnsupportedOperation.InstanceStateIsolating": {"category": "conflict", "retryable": False},
    "UnsupportedOperation.InstanceStatePending": {"category": "conflict", "retryable": False},
}
