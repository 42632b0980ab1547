#!/usr/bin/env bash
# Health check of the Ollama images: healthy once ollama-entrypoint.sh has made every model present
# (its ready marker exists) and while the server still responds.
set -euo pipefail

listen_address="${OLLAMA_HOST:-0.0.0.0:11434}"
[ -f "${OLLAMA_READY_FILE:-/tmp/ollama-ready}" ]
OLLAMA_HOST="127.0.0.1:${listen_address##*:}" ollama list >/dev/null
