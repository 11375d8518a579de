# matchbot: one image for the bot (polling or webhooks), its CLI and scheduled jobs.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so editing the source does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bot matching seed_data \
    && touch bot/__init__.py matching/__init__.py seed_data/__init__.py \
    && pip install . \
    && pip uninstall -y matchbot \
    && rm -rf bot matching seed_data

COPY bot ./bot
COPY matching ./matching
COPY seed_data ./seed_data
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 matchbot \
    && mkdir -p /data && chown matchbot /data

USER matchbot
WORKDIR /data
# SQLite in the volume unless DATABASE_URL points elsewhere (compose.yaml uses PostgreSQL).
ENV DATABASE_URL=sqlite:////data/matchbot.db \
    WEBHOOK_PORT=8080
EXPOSE 8080

# Database reachable and schema current; in webhook mode also the replica's own /healthz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["matchbot", "health"]

ENTRYPOINT ["matchbot"]
CMD ["run"]
