"""The vault's services: ingest, access decisions, encrypted artefacts, processing, audit.

Services take a SQLAlchemy session and flush; they never commit. The caller (an API request, a
Celery task, a CLI command) owns the transaction, so an audit event and the change it records land
together or not at all.
"""
