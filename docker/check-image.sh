#!/usr/bin/env bash
# Build the Docker image and check it end to end:
#   matchbot --help; the non-root user; no build litter or second copy of the source; migrate, seed,
#   match and health on a fresh volume; then the bot answering through the fake Bot API (on the host's
#   loopback) in long polling and in webhook mode, with the image's HEALTHCHECK reaching "healthy" and
#   a clean stop on SIGTERM (docker/check_bot.py).
#
#   docker/check-image.sh
#
# The Docker engine: when none answers and this runs as root, it starts dockerd (left running, so the
# next run reuses its layer cache), installing Debian's docker.io first under CI=true (or
# MATCHBOT_INSTALL_DOCKER=1). If no engine can start, it says so in one loud line and exits 0, or 1 with
# MATCHBOT_REQUIRE_DOCKER=1.
# The base image: PYTHON_IMAGE (default python:3.11-slim), pulled if absent. When python:3.11-slim cannot
# be pulled (Docker Hub does not answer), the image is built on a local stand-in made from Debian
# packages by docker/standin-base.sh, cached as matchbot-python-standin:3.11-slim (MATCHBOT_REBUILD_BASE=1
# rebuilds it).
set -euo pipefail
cd "$(dirname "$0")/.."

image="${MATCHBOT_CHECK_IMAGE:-matchbot:check}"
base="${PYTHON_IMAGE:-python:3.11-slim}"
standin="matchbot-python-standin:3.11-slim"
prefix="matchbot-check-$$"
volume="$prefix-data"
python="${PYTHON:-python3}"
started=$SECONDS

say() { echo "check-image: $*"; }
trap 'echo "check-image: FAIL at docker/check-image.sh line $LINENO" >&2' ERR
fail() { echo "check-image: FAIL $*" >&2; exit 1; }
loud_skip() {
  echo "!!!!!!!!!! check-image: NOT RUN: no Docker engine could start on this machine ($1); the image is untested !!!!!!!!!!"
  if [[ ${MATCHBOT_REQUIRE_DOCKER:-0} == 1 ]]; then exit 1; fi
  exit 0
}

# ------------------------------------------------------------------ the engine
engine_answers() { docker info >/dev/null 2>&1; }

start_engine() {
  if ! command -v docker >/dev/null || ! command -v dockerd >/dev/null; then
    if [[ ${CI:-} != true && ${MATCHBOT_INSTALL_DOCKER:-0} != 1 ]]; then
      loud_skip "dockerd is not installed; apt-get install docker.io, or run with MATCHBOT_INSTALL_DOCKER=1"
    fi
    say "installing Debian's docker.io"
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io; } >/tmp/matchbot-docker-install.log 2>&1; then
      loud_skip "apt-get install docker.io failed, see /tmp/matchbot-docker-install.log"
    fi
  fi
  say "starting dockerd (log: /var/log/matchbot-dockerd.log; it keeps running for the next check)"
  setsid dockerd >>/var/log/matchbot-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 60); do
    engine_answers && return 0
    sleep 1
  done
  loud_skip "dockerd did not answer within 60 s, see /var/log/matchbot-dockerd.log"
}

if ! engine_answers; then
  if [[ $(id -u) -ne 0 ]]; then
    loud_skip "no engine answers and starting one needs root"
  fi
  start_engine
fi
say "Docker engine $(docker version --format '{{.Server.Version}}')"

# ------------------------------------------------------------------ the base image
if ! docker image inspect "$base" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$base" >/dev/null 2>&1; then
  [[ $base == python:3.11-slim ]] || fail "base image $base cannot be pulled"
  if [[ ${MATCHBOT_REBUILD_BASE:-0} == 1 ]] || ! docker image inspect "$standin" >/dev/null 2>&1; then
    say "python:3.11-slim cannot be pulled: building the stand-in $standin from Debian packages (docker/standin-base.sh)"
    docker/standin-base.sh "$standin" >/tmp/matchbot-standin-base.log 2>&1 \
      || fail "docker/standin-base.sh failed, see /tmp/matchbot-standin-base.log"
  fi
  say "python:3.11-slim cannot be pulled: building on the stand-in $standin (Debian bookworm python3.11, this host's CA and pip settings; see docker/standin-base.sh)"
  base="$standin"
fi

# ------------------------------------------------------------------ the build
cleanup() {
  docker rm -f "$prefix-polling" "$prefix-webhook" >/dev/null 2>&1 || true
  docker volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT

build_started=$SECONDS
# The classic builder: it is what Debian's engine has without the buildx plugin, and the Dockerfile needs
# nothing more. Host network: the build reaches PyPI (and the DNS) exactly as the host does.
DOCKER_BUILDKIT=0 docker build -q --network host --build-arg PYTHON_IMAGE="$base" \
  ${HTTP_PROXY:+--build-arg HTTP_PROXY} ${HTTPS_PROXY:+--build-arg HTTPS_PROXY} ${NO_PROXY:+--build-arg NO_PROXY} \
  -t "$image" . >/tmp/matchbot-image-build.log 2>&1 \
  || { tail -40 /tmp/matchbot-image-build.log >&2; fail "docker build failed (log: /tmp/matchbot-image-build.log)"; }
build_seconds=$((SECONDS - build_started))
size_mb=$(( $(docker image inspect --format '{{.Size}}' "$image") / 1000000 ))
# Earlier builds of the check image, now untagged, are litter.
docker image prune -f --filter label=org.opencontainers.image.title=matchbot >/dev/null 2>&1 || true
say "ok   built $image on $base in ${build_seconds}s; image size ${size_mb} MB"

# ------------------------------------------------------------------ the commands
run() { docker run --rm -v "$volume:/data" "$image" "$@"; }

out=$(docker run --rm "$image" --help) || fail "matchbot --help exited $?"
grep -q migrate <<<"$out" || fail "matchbot --help does not list migrate: $out"
say "ok   matchbot --help"

user=$(docker image inspect --format '{{.Config.User}}' "$image")
uid=$(docker run --rm --entrypoint id "$image" -u)
[[ -n $user && $user != root && $uid != 0 ]] || fail "the image runs as ${user:-root} (uid $uid)"
say "ok   runs as $user (uid $uid)"

# The package once, where pip installed it, importing what the broken image could not; no build litter.
found=$(docker run --rm --user 0 --entrypoint sh "$image" -c \
  "find / -xdev \( -path /proc -o -path /sys \) -prune -o -path '*/bot/cli.py' -print 2>/dev/null; \
   find /usr/local /opt /src /app /data /home /tmp /root -path '*/site-packages' -prune \
     -o \( -name '*.egg-info' -o -name build -type d -o -name pyproject.toml \) -print 2>/dev/null; true")
[[ $found == /usr/local/lib/python3.11/site-packages/bot/cli.py ]] \
  || fail "expected the source once in site-packages and no build litter, found: $found"
docker run --rm --entrypoint python "$image" -c "from matching import parse_hs_query; import bot.cli" \
  || fail "the installed package does not import"
say "ok   one copy of the source, no build/ or *.egg-info"

docker volume create "$volume" >/dev/null
run migrate >/dev/null || fail "matchbot migrate exited $?"
say "ok   matchbot migrate"
run seed >/dev/null || fail "matchbot seed exited $?"
say "ok   matchbot seed"
out=$(run match --json "brake pads") || fail "matchbot match exited $?"
grep -q '"AUT-002"' <<<"$out" || fail "matchbot match 'brake pads' did not find AUT-002: $out"
say "ok   matchbot match"
# The chart library (matplotlib) draws as the image's own user, with no display and its caches in its home.
run report scorecard --desk DESK-AUT --png /data/scorecard.png >/dev/null || fail "matchbot report scorecard exited $?"
size=$(docker run --rm -v "$volume:/data" --entrypoint stat "$image" -c %s /data/scorecard.png) \
  || fail "the scorecard chart was not written"
(( size > 10000 )) || fail "the scorecard chart is only $size bytes"
say "ok   matchbot report scorecard --png ($size bytes)"
out=$(run health) || fail "matchbot health exited $?: $out"
say "ok   matchbot health: $out"

# ------------------------------------------------------------------ the bot
"$python" docker/check_bot.py "$image" "$volume" "$prefix" || fail "the bot in the image (see above)"

say "PASSED in $((SECONDS - started))s (build ${build_seconds}s, image ${size_mb} MB)"
