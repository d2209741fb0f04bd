#!/usr/bin/env python3
"""Validate captured sandbox exchanges against finicity-ava.openapi.yaml.

Each JSON line (written by the sandbox when SANDBOX_CAPTURE is set) holds method, path, query,
requestHeaders, requestBody, status, responseContentType, responseBody and injected (fault name).

Rules:
- Only Finicity paths are in the spec; Folio exchanges are counted and skipped.
- Requests sent by the Providers client (User-Agent verifierd-providers/...) must always match
  the spec (security headers, query, body), faults or not, and must send `Accept:
  application/json`, plus `Content-Type: application/json` when they carry a body. Other requests
  (raw tests that send broken requests on purpose) are checked only when the sandbox accepted them
  (2xx, no fault).
- Every response must be documented for its operation and status, and its body must match the
  schema for its content type (no body where the spec documents none, e.g. 429). Deliberately
  broken answers (faults malformed, reset, hang, stallBody) are not checked; injected 429 and 5xx
  answers are checked where the spec documents that status (Finicity documents no 5xx, and 429
  only for initiate), and injected throttle answers always.

Spec errata applied (see --strict-spec): ErrorMessage.code is declared `type: object`, yet its own
description says "can be returned as a number or a string" and every example is a string; it is
checked as string-or-integer.
"""
import argparse
import copy
import json
import os
import re
import sys

import yaml
from openapi_schema_validator import OAS30Validator

# The repository's own copy of the spec, found from this script's location.
DEFAULT_SPEC = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, "reference", "finicity-ava.openapi.yaml"
)


def inline_refs(node, root, seen=()):
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            if ref in seen:
                return {}
            target = root
            for part in ref.lstrip("#/").split("/"):
                target = target[part]
            return inline_refs(target, root, seen + (ref,))
        return {k: inline_refs(v, root, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(v, root, seen) for v in node]
    return node


def load_spec(path, strict):
    with open(path) as f:
        raw = yaml.safe_load(f)
    if not strict:
        code = raw["components"]["schemas"]["ErrorMessage"]["properties"]["code"]
        code.pop("type", None)
        code["anyOf"] = [{"type": "string"}, {"type": "integer"}]
    spec = copy.deepcopy(raw)
    spec["paths"] = inline_refs(raw["paths"], raw)
    spec["components"]["securitySchemes"] = raw["components"]["securitySchemes"]
    return spec


def operations(spec):
    ops = []
    for template, item in spec["paths"].items():
        regex = "^" + re.sub(r"\{[^/]+\}", "[^/]+", template) + "$"
        for method, op in item.items():
            if method in ("get", "post", "put", "delete", "patch"):
                ops.append((re.compile(regex), method.upper(), template, op))
    return ops


def check_schema(schema, value, where, problems):
    validator = OAS30Validator(schema)
    for error in sorted(validator.iter_errors(value), key=lambda e: list(e.path)):
        problems.append(f"{where}: {error.message} at {list(error.path)}")


def check_request(record, op, spec, problems, where):
    headers = {k.lower(): v for k, v in (record.get("requestHeaders") or {}).items()}
    security = op.get("security", spec.get("security", []))
    if security:
        satisfied = False
        for requirement in security:
            names = [spec["components"]["securitySchemes"][n]["name"].lower() for n in requirement]
            if all(headers.get(n) for n in names):
                satisfied = True
        if not satisfied:
            problems.append(f"{where}: request lacks the security headers {security}")
    query = dict(p.split("=", 1) if "=" in p else (p, "") for p in record.get("query", "").split("&") if p)
    for param in op.get("parameters", []):
        if param["in"] == "query" and param["name"] in query:
            check_schema(param["schema"], query[param["name"]], f"{where} query {param['name']}", problems)
        if param["in"] == "query" and param.get("required") and param["name"] not in query:
            problems.append(f"{where}: missing required query parameter {param['name']}")
    known = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
    for name in query:
        if name not in known:
            problems.append(f"{where}: undocumented query parameter {name}")
    body = record.get("requestBody")
    request_body = op.get("requestBody")
    if request_body:
        if body is None:
            if request_body.get("required"):
                problems.append(f"{where}: missing required request body")
        elif isinstance(body, dict) and "_raw" in body:
            problems.append(f"{where}: request body is not JSON")
        else:
            schema = request_body["content"]["application/json"]["schema"]
            check_schema(schema, body, f"{where} request body", problems)
    elif body is not None:
        problems.append(f"{where}: body sent to an operation that takes none")


BROKEN_FAULTS = {"malformed", "reset", "hang", "stallBody"}


def check_client_headers(record, problems, where):
    headers = {k.lower(): v for k, v in (record.get("requestHeaders") or {}).items()}
    accepted = [part.split(";")[0].strip() for part in headers.get("accept", "").split(",")]
    if "application/json" not in accepted:
        problems.append(f"{where}: client request lacks Accept: application/json")
    if record.get("requestBody") is not None:
        media = headers.get("content-type", "").split(";")[0].strip()
        if media != "application/json":
            problems.append(f"{where}: client request with a body lacks Content-Type: application/json")


def check_response(record, op, problems, where):
    status = str(record["status"])
    responses = op.get("responses", {})
    response = responses.get(status) or responses.get("default")
    if response is None:
        problems.append(f"{where}: status {status} is not documented for this operation")
        return
    content = response.get("content")
    body_text = record.get("responseBody") or ""
    if not content:
        if body_text:
            problems.append(f"{where}: status {status} documents no body but one was sent")
        return
    media = (record.get("responseContentType") or "").split(";")[0].strip()
    if media not in content:
        problems.append(f"{where}: content type {media!r} not documented for {status}")
        return
    schema = content[media].get("schema", {})
    if media == "application/json":
        try:
            value = json.loads(body_text)
        except ValueError:
            problems.append(f"{where}: response body is not JSON")
            return
    else:
        value = body_text
    check_schema(schema, value, f"{where} response {status}", problems)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("capture", help="JSONL capture written by the sandbox")
    parser.add_argument("--spec", default=DEFAULT_SPEC, help="default: the repository's reference/ copy")
    parser.add_argument("--strict-spec", action="store_true", help="do not apply the errata")
    args = parser.parse_args()
    spec = load_spec(args.spec, args.strict_spec)
    ops = operations(spec)
    problems = []
    counts = {
        "checked": 0, "skipped_folio": 0, "client_requests": 0, "fault_requests_checked": 0,
        "fault_responses_skipped": 0,
    }
    with open(args.capture) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            where = f"line {number} {record['method']} {record['path']}"
            if record["path"].startswith("/restapi/"):
                counts["skipped_folio"] += 1
                continue
            matches = [o for o in ops if o[0].match(record["path"]) and o[1] == record["method"]]
            if not matches:
                problems.append(f"{where}: no such operation in the spec")
                continue
            _, _, _, op = matches[0]
            counts["checked"] += 1
            agent = (record.get("requestHeaders") or {}).get("user-agent", "")
            from_client = agent.startswith("verifierd-providers")
            injected = record.get("injected")
            if from_client:
                counts["client_requests"] += 1
                if injected:
                    counts["fault_requests_checked"] += 1
                check_client_headers(record, problems, where)
                check_request(record, op, spec, problems, where)
            elif not injected and 200 <= int(record.get("status") or 0) < 300:
                check_request(record, op, spec, problems, where)
            documented = str(record.get("status")) in op.get("responses", {})
            if injected in BROKEN_FAULTS or record.get("status") is None or (
                injected in ("rateLimit", "serverError") and not documented
            ):
                counts["fault_responses_skipped"] += 1
                continue
            check_response(record, op, problems, where)
    print(json.dumps(counts))
    for problem in problems:
        print("VIOLATION", problem)
    if problems:
        print(f"{len(problems)} contract violation(s)")
        return 1
    if counts["checked"] == 0:
        print("nothing was checked: empty capture?")
        return 1
    print("contract check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
