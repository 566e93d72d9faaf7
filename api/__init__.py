"""HTTP API (FastAPI): arrives with the vault issue; the pipeline never imports it."""
