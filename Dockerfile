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
# The build backend in a layer of its own (pyproject.toml's build-system bound), so that a source edit
# does not fetch it again into an isolated build environment.
RUN pip install "setuptools>=68" wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY matching ./matching
COPY seed_data ./seed_data
# The source is fresh in this stage (no build/ or *.egg-info: .dockerignore), so the wheel holds exactly
# it. Installed with --no-deps under the prefix /pkg, which then holds matchbot alone (bin/matchbot and
# lib/python3.11/site-packages/...) for the final stage to copy into /usr/local.
RUN pip wheel --no-deps --no-build-isolation --wheel-dir /wheels . \
    && pip install --no-deps --prefix /pkg /wheels/*.whl

# ---- final: locked dependencies, then matchbot on top
FROM ${PYTHON_IMAGE}
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Dependencies from the lock alone (scripts/lock.sh), so that editing the source or README reuses this
# layer. --no-deps: the lock is complete, and pip check below proves it.
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-deps -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt \
    && useradd --create-home --uid 10001 matchbot \
    && mkdir -p /data && chown matchbot /data

COPY --from=build /pkg/ /usr/local/
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
