# matchbot: one image for the bot (polling or webhooks), its CLI and scheduled jobs.
# docker/check-image.sh builds it and checks every command in it, the bot included.
#
# PYTHON_IMAGE: python:3.11-slim, or where Docker Hub does not answer the local stand-in that
# docker/standin-base.sh builds from Debian packages (see README, Deploying).
ARG PYTHON_IMAGE=python:3.11-slim

# ---- build: the matchbot wheel, and matchbot installed from it into a prefix of its own
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY matching ./matching
COPY seed_data ./seed_data
# The source is fresh in this stage (no build/ or *.egg-info: .dockerignore), so the wheel holds exactly
# it. Installed with --no-deps into /pkg, which holds matchbot alone for the final stage to copy.
RUN /opt/venv/bin/pip wheel --no-deps --wheel-dir /wheels . \
    && /opt/venv/bin/pip install --no-deps --prefix /pkg /wheels/*.whl

# ---- final: locked dependencies, then matchbot on top
FROM ${PYTHON_IMAGE}
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# Dependencies from the lock alone (scripts/lock.sh), so that editing the source or README reuses this
# layer. --no-deps: the lock is complete, and pip check below proves it.
COPY requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv \
    && pip install --no-deps -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt \
    && useradd --create-home --uid 10001 matchbot \
    && mkdir -p /data && chown matchbot /data

COPY --from=build /pkg/ /opt/venv/
RUN pip check && matchbot --help >/dev/null

LABEL org.opencontainers.image.title=matchbot
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
