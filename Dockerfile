# SPDX-License-Identifier: GPL-3.0-or-later
#
# osshealth in a container: Debian 12 slim, built in a first stage with the
# Debian -dev packages, run in a second stage with only the shared
# libraries, as a non-root user, with the data files (rules/, licenses/)
# installed under /usr/share/osshealth.
#
#   docker build -t osshealth .      (or: podman build -t osshealth .)
#   podman run --rm --userns=keep-id -v "$PWD:/src" osshealth dco origin/main..HEAD
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/src" osshealth license .
#
# The repository is read as /src; run as its owner (keep-id or -u), since
# libgit2 refuses repositories owned by another user.
# Dockerfile is the name docker and podman both read by default.
# tests/cli/t0009 builds and runs it where podman, buildah or docker can.

FROM docker.io/library/debian:12-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      gcc make pkg-config python3 libgit2-dev libsqlite3-dev libcjson-dev \
      libxml2-dev libpcre2-dev libcurl4-openssl-dev libssl-dev libyaml-dev \
      libzip-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/osshealth
COPY Makefile ./
COPY src ./src
COPY tools ./tools
COPY rules ./rules
COPY licenses ./licenses
COPY docs/osshealth.1 ./docs/osshealth.1
# PREFIX at build time too: the binary then knows /usr/share/osshealth
# without reading /proc/self/exe.
RUN make -j"$(nproc)" PREFIX=/usr all \
 && make install DESTDIR=/out PREFIX=/usr

FROM docker.io/library/debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libgit2-1.5 libsqlite3-0 libcjson1 libxml2 \
      libpcre2-8-0 libcurl4 libssl3 libyaml-0-2 libzip4 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 --shell /usr/sbin/nologin osshealth
COPY --from=build /out/ /
USER osshealth
WORKDIR /src
ENTRYPOINT ["osshealth"]
CMD ["--help"]
