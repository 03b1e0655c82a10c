"""Validate millions of records against the JSON Schema, quickly and exactly.

``jsonschema``'s Draft 2020-12 validator is the judge, but it checks a few
thousand records a second. Most records are valid, so each record first goes
through a check compiled once from the same schema (plain closures for the
keywords the record schema uses); only a record that fails it is handed to
``jsonschema`` for the error messages. A schema using any keyword the compiled
check does not know is validated by ``jsonschema`` alone, so the fast path can
never accept what ``jsonschema`` would reject.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import jsonschema

Check = Callable[[Any], bool]

#: Keywords that never affect validity.
_ANNOTATIONS = frozenset({
    "$schema", "$id", "$comment", "$anchor", "title", "description", "examples", "default",
    "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
})
_NUMBER = (int, float)


class Unsupported(Exception):
    """The schema uses a keyword the compiled check does not implement."""


def _is_number(x) -> bool:
    return isinstance(x, _NUMBER) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "null": lambda x: x is None,
    "boolean": lambda x: isinstance(x, bool),
    "number": _is_number,
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool))
    or (isinstance(x, float) and x.is_integer()),
}


_EXACT = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool,
          "integer": int}


def _json_equal(a, b) -> bool:
    """Equality as JSON Schema means it: 1 == 1.0, but True != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def compile_schema(schema, format_checker=None) -> Check:
    """A predicate equivalent to Draft 2020-12 validity for the supported keywords."""
    if schema is True:
        return lambda x: True
    if schema is False:
        return lambda x: False
    if not isinstance(schema, dict):
        raise Unsupported(f"schema {schema!r}")
    checks: list[Check] = []
    unknown = set(schema) - _ANNOTATIONS - {
        "type", "properties", "required", "additionalProperties", "items", "pattern",
        "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "const", "enum", "format", "minItems", "maxItems",
    }
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))

    if "type" in schema:
        checks.append(_type_check(schema["type"]))
    if "const" in schema:
        checks.append(lambda x, c=schema["const"]: _json_equal(x, c))
    if "enum" in schema:
        checks.append(lambda x, options=list(schema["enum"]): any(_json_equal(x, o) for o in options))

    # strings
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda x, s=search: not isinstance(x, str) or s(x) is not None)
    if "minLength" in schema:
        checks.append(lambda x, n=schema["minLength"]: not isinstance(x, str) or len(x) >= n)
    if "maxLength" in schema:
        checks.append(lambda x, n=schema["maxLength"]: not isinstance(x, str) or len(x) <= n)
    if "format" in schema and format_checker is not None and schema["format"] in format_checker.checkers:
        checks.append(lambda x, f=schema["format"]: format_checker.conforms(x, f))

    # numbers
    for key, ok in (("minimum", lambda x, n: x >= n), ("maximum", lambda x, n: x <= n),
                    ("exclusiveMinimum", lambda x, n: x > n), ("exclusiveMaximum", lambda x, n: x < n)):
        if key in schema:
            checks.append(lambda x, n=schema[key], ok=ok: not _is_number(x) or ok(x, n))

    # arrays
    if "items" in schema:
        if not isinstance(schema["items"], (dict, bool)):
            raise Unsupported("items as a list")
        item = compile_schema(schema["items"], format_checker)
        checks.append(lambda x, item=item: not isinstance(x, list) or all(item(e) for e in x))
    if "minItems" in schema:
        checks.append(lambda x, n=schema["minItems"]: not isinstance(x, list) or len(x) >= n)
    if "maxItems" in schema:
        checks.append(lambda x, n=schema["maxItems"]: not isinstance(x, list) or len(x) <= n)

    # objects
    if "required" in schema:
        required = tuple(schema["required"])
        checks.append(lambda x, r=required: not isinstance(x, dict) or all(k in x for k in r))
    properties = {name: compile_schema(sub, format_checker)
                  for name, sub in (schema.get("properties") or {}).items()}
    if properties:
        items = tuple(properties.items())

        def check_properties(x, items=items):
            if type(x) is not dict and not isinstance(x, dict):
                return True
            for name, sub in items:
                if name in x and not sub(x[name]):
                    return False
            return True

        checks.append(check_properties)
    if "additionalProperties" in schema:
        known = frozenset(properties)
        extra = compile_schema(schema["additionalProperties"], format_checker)
        if schema["additionalProperties"] is False:
            checks.append(lambda x, known=known: not isinstance(x, dict) or known.issuperset(x))
        else:
            checks.append(lambda x, known=known, extra=extra: not isinstance(x, dict)
                          or all(extra(v) for k, v in x.items() if k not in known))

    return _all_of(checks)


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    checks_t = tuple(checks)

    def check(x):
        for c in checks_t:
            if not c(x):
                return False
        return True

    return check


def _type_check(spec) -> Check:
    names = [spec] if isinstance(spec, str) else list(spec)
    for name in names:
        if name not in _TYPES:
            raise Unsupported(f"type {name!r}")
    # What json.loads produces is matched on its exact class (fast); anything
    # else (a subclass, a number for "integer") goes through the general test.
    exact = frozenset(t for n, t in _EXACT.items() if n in names)
    tests = tuple(_TYPES[n] for n in names)

    def check(x):
        if type(x) in exact:
            return True
        for t in tests:
            if t(x):
                return True
        return False

    return check


class RecordValidator:
    """Built once per run: ``problems(record)`` is [] for a valid record."""

    MESSAGE_CHARS = 160

    def __init__(self, schema: dict):
        cls = jsonschema.Draft202012Validator
        cls.check_schema(schema)
        self.full = cls(schema, format_checker=cls.FORMAT_CHECKER)
        try:
            self.fast: Check | None = compile_schema(schema, self.full.format_checker)
        except (Unsupported, KeyError):
            self.fast = None

    def problems(self, record) -> list[str]:
        if self.fast is not None and self.fast(record):
            return []
        out = []
        for error in sorted(self.full.iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path]):
            where = "/".join(str(p) for p in error.absolute_path) or "(record)"
            message = error.message
            if len(message) > self.MESSAGE_CHARS:
                message = message[: self.MESSAGE_CHARS - 1] + "…"
            out.append(f"schema: {where}: {message}")
        return out
