#!/usr/bin/env bash
# Entrypoint of the Ollama images (Dockerfile.ollama and Dockerfile.ollama-vision). It starts
# `ollama serve`, waits until the server responds, and pulls each model named in OLLAMA_PULL_MODELS
# that `ollama list` lacks. Then it writes the ready marker that ollama-healthcheck.sh looks for, so
# the container turns healthy only once every model is present. Models already in the volume are not
# pulled again. A pull that fails three times stops the container, so its restart policy retries.
set -euo pipefail

ready_marker="${OLLAMA_READY_FILE:-/tmp/ollama-ready}"
read -r -a models <<< "${OLLAMA_PULL_MODELS:-}"
listen_address="${OLLAMA_HOST:-0.0.0.0:11434}"
port="${listen_address##*:}"
pull_attempts=3

log() {
  printf '%s ollama-entrypoint: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

# Client commands talk to this container's server over loopback, whatever address it listens on.
ollama_client() {
  OLLAMA_HOST="127.0.0.1:${port}" ollama "$@"
}

# `ollama list` prints names with their tag (llama3.2:latest), and a name without a tag means :latest.
has_model() {
  local name="$1"
  [[ "$name" == *:* ]] || name="${name}:latest"
  ollama_client list | awk 'NR > 1 { print $1 }' | grep -Fxq -- "$name"
}

stop_server() {
  log "stopping ollama serve (pid ${server_pid})"
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" || true
}

rm -f "$ready_marker"
log "starting ollama serve on ${listen_address}; models to make present: ${models[*]:-none}"
ollama serve &
server_pid=$!
trap 'stop_server; exit 0' TERM INT

for _ in $(seq 1 120); do
  if ollama_client list >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    log "ollama serve exited before it responded; see its messages above"
    exit 1
  fi
  sleep 1
done
if ! ollama_client list >/dev/null 2>&1; then
  log "ollama serve did not respond on port ${port} within 120 s"
  stop_server
  exit 1
fi

for model in "${models[@]}"; do
  if has_model "$model"; then
    log "model ${model} is present"
    continue
  fi
  for attempt in $(seq 1 "$pull_attempts"); do
    log "pulling ${model} (attempt ${attempt} of ${pull_attempts}); several gigabytes can take from minutes to hours"
    started=$(date +%s)
    if ollama_client pull "$model"; then
      log "pulled ${model} in $(( $(date +%s) - started )) s"
      break
    fi
    if [ "$attempt" -eq "$pull_attempts" ]; then
      log "could not pull ${model} after ${pull_attempts} attempts; check the network and the free space of the models volume"
      stop_server
      exit 1
    fi
    sleep $(( attempt * 10 ))
  done
done

touch "$ready_marker"
log "ready: every model is present"
wait "$server_pid"
