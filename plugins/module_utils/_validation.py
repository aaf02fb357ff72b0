# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Check module options against a JSON schema before any API call.

AnsibleModule already checks types and choices; the schema adds what the vendor docs demand
(id formats, lengths, forbidden characters, list sizes, uniqueness). Each property may carry a
``description`` of what is allowed; the message names the option, the offending value and that
description, so a person can fix the playbook without reading the vendor docs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import traceback

try:
    import jsonschema
    HAS_JSONSCHEMA = True
    JSONSCHEMA_IMPORT_ERROR = None
except ImportError:
    HAS_JSONSCHEMA = False
    JSONSCHEMA_IMPORT_ERROR = traceback.format_exc()


def _pattern(validator, pattern, instance, schema):
    """JSON-schema ``pattern``, except that ``$`` means the very end of the string.

    Python's ``re`` lets ``$`` match before a final newline, so ``"ins-12345678\\n"`` would pass
    ``^ins-[a-z0-9]{8}$``; in JSON schema (ECMA-262) it does not. A trailing ``$`` is read as ``\\Z``.
    """
    if not isinstance(instance, str):
        return
    strict = pattern[:-1] + "\\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if not re.search(strict, instance):
        yield jsonschema.ValidationError("%r does not match %r" % (instance, pattern))


if HAS_JSONSCHEMA:
    _Validator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _pattern})


class InvalidOptions(Exception):
    def __init__(self, option, message):
        super(InvalidOptions, self).__init__(message)
        self.option = option


def _option_path(path):
    text = ""
    for part in path:
        if isinstance(part, int):
            text += "[%d]" % part
        else:
            text += ("." if text else "") + str(part)
    return text


def _short_value(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _reason(err):
    kind = err.validator
    arg = err.validator_value
    if kind == "pattern":
        return "%s does not have the required format" % _short_value(err.instance)
    if kind == "maxItems":
        return "has %d items; at most %d are allowed" % (len(err.instance), arg)
    if kind == "minItems":
        return "must have at least %d item%s" % (arg, "" if arg == 1 else "s")
    if kind == "uniqueItems":
        seen, dups = set(), []
        for item in err.instance:
            key = repr(item)
            if key in seen and item not in dups:
                dups.append(item)
            seen.add(key)
        return "must not repeat a value (repeated: %s)" % ", ".join(_short_value(d) for d in dups)
    if kind == "maxLength":
        return "%s is %d characters long; at most %d are allowed" % (_short_value(err.instance), len(err.instance), arg)
    if kind == "minLength":
        return "must not be empty" if arg == 1 else "must be at least %d characters long" % arg
    if kind == "maxProperties":
        return "has %d entries; at most %d are allowed" % (len(err.instance), arg)
    if kind == "propertyNames":
        return "has an invalid key"
    if kind == "not":
        return "%s is not allowed" % _short_value(err.instance)
    if kind == "required":
        return err.message
    return err.message


def _description(err):
    # The deepest schema that says what is allowed explains the failure best.
    for schema in (err.schema, err.parent.schema if err.parent is not None else None):
        if isinstance(schema, dict) and schema.get("description"):
            return schema["description"]
    return None


def check_options(params, schema):
    """Raise InvalidOptions for the first problem in ``params`` (a dict of module options)."""
    if not HAS_JSONSCHEMA:
        raise InvalidOptions(None, "the Python library 'jsonschema' is required on the host that runs the module")
    validator = _Validator(schema)
    errors = sorted(validator.iter_errors(params), key=lambda e: (list(e.absolute_path), e.validator))
    if not errors:
        return
    err = errors[0]
    # propertyNames errors point at the dict; the offending key is the instance of the context error.
    path = list(err.absolute_path)
    option = _option_path(path) or "options"
    reason = _reason(err)
    if err.validator == "propertyNames" and err.context:
        inner = err.context[0]
        reason = "key %s: %s" % (_short_value(inner.instance), _reason(inner))
        err = inner
    allowed = _description(err)
    message = "option %s: %s" % (option, reason)
    if allowed:
        message += " (%s)" % allowed
    raise InvalidOptions(option, message)
