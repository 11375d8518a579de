#!/usr/bin/env bash
# Build a local stand-in for the python:3.11-slim base image from Debian packages, for machines where
# Docker Hub does not answer but a Debian mirror and PyPI do.
#
#   docker/standin-base.sh [TAG]        (root; default TAG matchbot-python-standin:3.11-slim)
#
# What it holds: Debian bookworm (debootstrap --variant=minbase) with python3.11 and python3.11-venv,
# and /usr/local made a virtualenv of that interpreter, so `python` and `pip` are on PATH and pip may
# install into /usr/local as in the official image (Debian's own interpreter refuses, PEP 668).
# It trusts what this host trusts and reaches PyPI the way this host does: the host's CA bundle (an
# egress proxy's CA included), /etc/pip.conf, and the host's PIP_INDEX_URL, PIP_EXTRA_INDEX_URL,
# PIP_TRUSTED_HOST, PIP_CERT and PIP_DEFAULT_TIMEOUT (except file:// indexes, absent in a container).
# The image is therefore specific to this machine: never push it.
set -euo pipefail

tag="${1:-matchbot-python-standin:3.11-slim}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [[ $(id -u) -ne 0 ]]; then
  echo "standin-base: debootstrap needs root" >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

debootstrap --variant=minbase bookworm "$root" "$mirror"
# Python in a second step: debootstrap's own configuration pass cannot configure python3.11-venv.
chroot "$root" apt-get update -q
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  python3.11 python3.11-venv ca-certificates

# The host's trust: its CA bundle, and its extra CAs so that update-ca-certificates in a derived image
# keeps them.
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
if compgen -G '/usr/local/share/ca-certificates/*' >/dev/null; then
  cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
if [[ -f /etc/pip.conf ]]; then
  cp /etc/pip.conf "$root/etc/pip.conf"
fi

chroot "$root" /usr/bin/python3.11 -m venv /usr/local
# Slim, like the official image: no package lists, downloaded packages, documentation or caches.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*
find "$root" -xdev -name __pycache__ -type d -prune -exec rm -rf {} +

changes=(
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV LANG=C.UTF-8'
  --change "LABEL org.opencontainers.image.description=\"stand-in for python:3.11-slim built by docker/standin-base.sh from Debian bookworm packages; this machine's CA and pip settings\""
  --change 'CMD ["python3"]'
)
for name in PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_TRUSTED_HOST PIP_CERT PIP_DEFAULT_TIMEOUT; do
  value="${!name:-}"
  if [[ -n $value && $value != *file://* ]]; then
    changes+=(--change "ENV $name=$value")
  fi
done

tar -C "$root" --numeric-owner -c . | docker import "${changes[@]}" - "$tag" >/dev/null
echo "standin-base: built $tag (Debian bookworm, $(chroot "$root" /usr/local/bin/python --version))"
