#!/usr/bin/env bash
# Docker image build times and size: cold (--no-cache), rebuilt with nothing changed, after a source
# edit, after a README edit; and the image's size.
#
#   bench/image_build.sh [TREE]     TREE: a matchbot source tree (default: this repository's working tree)
#
# The base is PYTHON_IMAGE, else python:3.11-slim if present, else the stand-in that
# docker/check-image.sh builds (matchbot-python-standin:3.11-slim). A tree whose Dockerfile names
# python:3.11-slim in FROM (an older Dockerfile without the PYTHON_IMAGE argument) is built on that base too.
# The edits go to a copy of TREE in a temporary directory; the images are removed afterwards (the layer
# cache stays).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tree="$(cd "${1:-$repo}" && pwd)"

base="${PYTHON_IMAGE:-python:3.11-slim}"
if ! docker image inspect "$base" >/dev/null 2>&1; then
  base="matchbot-python-standin:3.11-slim"
  docker image inspect "$base" >/dev/null 2>&1 || { echo "no base image: run docker/check-image.sh first" >&2; exit 1; }
fi
tag="matchbot-bench:image-build-$$"
work=$(mktemp -d)
trap 'rm -rf "$work"; docker rmi -f "$tag" >/dev/null 2>&1 || true' EXIT
tar -C "$tree" --exclude .git --exclude .venv -c . | tar -C "$work" -x
sed -i "s|^FROM python:3.11-slim|FROM $base|" "$work/Dockerfile"

build() {  # build [--no-cache]: print the seconds it took
  local started=$SECONDS
  DOCKER_BUILDKIT=0 docker build -q --network host --build-arg PYTHON_IMAGE="$base" "$@" -t "$tag" "$work" \
    >"$work.log" 2>&1 || { tail -20 "$work.log" >&2; exit 1; }
  echo $((SECONDS - started))
}

echo "tree: $tree (git $(git -C "$tree" rev-parse --short HEAD 2>/dev/null || echo none)); base: $base;" \
  "Docker $(docker version --format '{{.Server.Version}}'); $(nproc) CPUs; $(date -u +%F)"
cold=$(build --no-cache)
size_mb=$(( $(docker image inspect --format '{{.Size}}' "$tag") / 1000000 ))
unchanged=$(build)
echo "# edited by bench/image_build.sh" >>"$work/matching/__init__.py"
source_edit=$(build)
echo "<!-- edited by bench/image_build.sh -->" >>"$work/README.md"
readme_edit=$(build)
printf '| cold (--no-cache) | nothing changed | source edit | README edit | image size |\n'
printf '| %ss | %ss | %ss | %ss | %s MB |\n' "$cold" "$unchanged" "$source_edit" "$readme_edit" "$size_mb"
