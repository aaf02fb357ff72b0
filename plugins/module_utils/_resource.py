# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""The base of every module's resource class: validate, run, and exit with one result.

A module subclasses CloudResource, sets ``schema`` (its JSON schema) and implements ``run()``
(read, compare, and write under ``if not self.check_mode``). ``execute()`` does the rest: schema
checks before any client exists, one failure path for cloud errors with no secrets in it, and no
bare traceback for anything unexpected.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible.module_utils import basic as _basic

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._result import ModuleResult
from ansible_collections.polycloud.ops.plugins.module_utils._transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.polycloud.ops.plugins.module_utils._validation import (
    HAS_JSONSCHEMA, JSONSCHEMA_IMPORT_ERROR, InvalidOptions, check_options)


class CloudResource(object):
    schema = None

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self.check_mode = module.check_mode
        self.result = ModuleResult()

    # What subclasses implement.

    def run(self):
        raise NotImplementedError

    def close(self):
        """Release clients; called once whatever happened."""

    # The flow.

    def execute(self):
        self._require_libraries()
        if self.params.get("validate_certs") is False:
            self.result.warnings.append("validate_certs is false: the endpoint's TLS certificate is not verified, "
                                        "so the connection can be intercepted; use it only with a test endpoint")
        wrong_type = raw_type_error(getattr(self.module, "argument_spec", None) or {})
        if wrong_type:
            self.module.fail_json(msg=wrong_type, changed=False)
        if self.schema is not None:
            try:
                check_options(self.params, self.schema)
            except InvalidOptions as exc:
                self.module.fail_json(msg=str(exc), changed=False)
        try:
            self.run()
        except InvalidOptions as exc:
            self.fail_options(None, str(exc))
        except CloudError as err:
            self.fail_cloud(err)
        except Exception as exc:  # pylint: disable=broad-except
            # A bug of ours must still end in a clean failure that says what changed already.
            self.close()
            self.module.fail_json(exception=traceback.format_exc(), **self.result.failure(
                "unexpected %s: %s" % (exc.__class__.__name__, exc), with_diff=self.module._diff))
        self.close()
        self._emit_warnings()
        self.module.exit_json(**self.result.as_dict(self.module._diff))

    def _emit_warnings(self):
        for warning in self.result.warnings + list(getattr(getattr(self, "client", None), "warnings", [])):
            self.module.warn(warning)

    def fail_cloud(self, err, msg=None):
        self.close()
        self._emit_warnings()
        text = msg or self.describe_failure(err)
        self.module.fail_json(exception=traceback.format_exc(), **self.result.failure(
            text, error=err.to_dict(), with_diff=self.module._diff))

    def describe_failure(self, err):
        text = "%s API error %s: %s" % (err.cloud, err.code, err.message)
        if err.request_id:
            text += " (request id %s)" % err.request_id
        attempts = getattr(err, "attempts", 1)
        if attempts > 1:
            text += " after %d attempts" % attempts
        if err.hint:
            text += ". Hint: %s" % err.hint
        if self.result.request_ids:
            text += ". Writes that already succeeded: %s" % ", ".join(self.result.request_ids)
        return text

    def fail_options(self, option, message):
        """Fail on bad input found after parsing but before any write (nothing has changed)."""
        self.close()
        self.module.fail_json(msg="option %s: %s" % (option, message) if option else message,
                              **self.result.as_dict(False))

    def _require_libraries(self):
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        if not HAS_JSONSCHEMA:
            self.module.fail_json(msg=missing_required_lib("jsonschema"), exception=JSONSCHEMA_IMPORT_ERROR)


def raw_type_error(argument_spec, raw=None):
    """A message if an option of type str (or a list of str) was given a dict or a list.

    AnsibleModule turns such a value into its Python repr (``"{'a': 1}"``) without a word, and the
    repr can pass a format check: an id or a tag key nobody meant. Returns None when all is well.
    """
    if raw is None:
        # Only what AnsibleModule already loaded (never stdin or argv): _load_params is documented for
        # modules that need the arguments as the controller sent them.
        if getattr(_basic, "_ANSIBLE_ARGS", None) is None or not hasattr(_basic, "_load_params"):
            return None
        try:
            raw = _basic._load_params()  # pylint: disable=protected-access
        except Exception:  # pylint: disable=broad-except
            return None
    if not isinstance(raw, dict):
        return None
    for name in sorted(argument_spec):
        spec, value = argument_spec[name], raw.get(name)
        if spec.get("type", "str") == "str" and isinstance(value, (dict, list)):
            return "option %s: expected a string, got a %s" % (name, "dict" if isinstance(value, dict) else "list")
        if spec.get("type") == "list" and spec.get("elements") == "str" and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    return "option %s[%d]: expected a string, got a %s" % (
                        name, index, "dict" if isinstance(item, dict) else "list")
    return None
