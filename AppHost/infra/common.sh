# Shared by the local-infrastructure launchers: drop root to a service user, wait for children.

# Where the servers listen: loopback only, unless STORE_LISTEN_ADDRESS says otherwise. Only a container on a bridge
# network sets it (0.0.0.0: its own network namespace, reached through a port the engine publishes on the host's
# loopback); a store started on the host itself never faces a network.
listen_address=${STORE_LISTEN_ADDRESS:-127.0.0.1}

# as_user USER CMD...: run CMD as USER when we are root (PostgreSQL refuses root, RabbitMQ's files
# belong to the rabbitmq user); run it as ourselves otherwise.
as_user() {
  local user=$1; shift
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
  else
    "$@"
  fi
}

# start_as USER CMD...: start CMD in the background as USER; $! is then the server's own pid.
start_as() {
  local user=$1; shift
  if [ "$(id -u)" = 0 ]; then
    { exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"; } &
  else
    { exec "$@"; } &
  fi
}

# own_dir USER DIR: create DIR for USER (mode 700) and check USER can reach it.
own_dir() {
  local user=$1 dir=$2
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$user:" "$dir"
    chmod 700 "$dir"
    if ! setpriv --reuid="$user" --regid="$user" --init-groups -- test -w "$dir"; then
      echo "error: user '$user' can not reach $dir; clone the project under a folder other users can enter (for example /work or /srv)" >&2
      exit 1
    fi
  fi
}

# forward_and_wait PID STOPCMD...: on TERM/INT/HUP run STOPCMD (a graceful stop), then wait for PID
# so the orchestrator sees this script end only when the server is really gone.
forward_and_wait() {
  local pid=$1; shift
  # shellcheck disable=SC2064
  trap "$* ; " TERM INT HUP
  while kill -0 "$pid" 2>/dev/null; do
    wait "$pid" || true
  done
}
