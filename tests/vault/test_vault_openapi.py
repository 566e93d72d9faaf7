"""The committed OpenAPI document is the contract: it must match the app, path for path."""

from __future__ import annotations

import json
from pathlib import Path

from api.openapi import document, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
CONTRACT = {
    "/recordings": {"get", "post"},
    "/recordings/{recording_id}": {"get"},
    "/recordings/{recording_id}/audio": {"get"},
    "/recordings/{recording_id}/transcript": {"get"},
    "/recordings/{recording_id}/legal-hold": {"post", "delete"},
    "/recordings/{recording_id}/transcript/rectifications": {"post"},
    "/recordings/{recording_id}/transcript/versions": {"get"},
    "/recordings/{recording_id}/transcript/versions/{version}": {"get"},
    "/access-requests": {"get", "post"},
    "/access-requests/{request_id}": {"get"},
    "/access-requests/{request_id}/approve": {"post"},
    "/access-requests/{request_id}/deny": {"post"},
    "/access-requests/{request_id}/revoke": {"post"},
    "/subjects/search": {"post"},
    "/subjects/export": {"post"},
    "/subjects/erase": {"post"},
    "/subjects/restrict": {"post"},
    "/subjects/restrict/lift": {"post"},
    "/reports/processing": {"get"},
    "/audit/events": {"get"},
    "/audit/verify": {"get"},
    "/health": {"get"},
    "/metrics": {"get"},
}


def test_committed_document_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m api.openapi docs/openapi.json"


def test_contract_paths_and_methods() -> None:
    paths = document()["paths"]
    for path, methods in CONTRACT.items():
        assert set(paths[path]) == methods, path


def test_upload_metadata_schema_is_documented() -> None:
    schemas = json.loads(DOC.read_text())["components"]["schemas"]
    meta = schemas["RecordingCreate"]
    assert set(meta["required"]) == {"call_id", "purposes"}
    assert "customer" in meta["properties"] and "Customer" in schemas
    errors = document()["paths"]["/recordings/{recording_id}/audio"]["get"]["responses"]
    assert {"401", "403", "404", "409", "416"} <= set(errors)
