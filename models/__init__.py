"""Data model (SQLAlchemy): arrives with the vault issue; the pipeline never imports it."""
