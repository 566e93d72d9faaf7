"""Write the OpenAPI document: `python -m api.openapi docs/openapi.json`.

The committed `docs/openapi.json` is the contract; a test fails when the app and the file disagree,
so the document changes in the same commit as the routes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from api.main import create_app
from callvault.settings import Settings


def document() -> dict[str, Any]:
    app = create_app(Settings(_env_file=None), embedded_worker=False)
    return app.openapi()


def render() -> str:
    return json.dumps(document(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/openapi.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
