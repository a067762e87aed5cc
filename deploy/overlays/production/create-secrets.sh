#!/usr/bin/env bash
# Creates the secrets the production overlay expects, with fresh random values, once per cluster (an existing secret
# is left alone: rotating is in SECURITY.md and DEPLOY.md). Letters and digits only: the RabbitMQ credentials go
# into a connection URI. Keep the values in your secret store too (or let External Secrets create these objects).
#   deploy/overlays/production/create-secrets.sh [namespace]
set -euo pipefail
namespace=${1:-ticketing}
random() { openssl rand -hex 24; }

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"
create() {
  local name=$1; shift
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret $name exists, left as it is"
  else
    kubectl -n "$namespace" create secret generic "$name" "$@"
  fi
}

postgres_password=$(random)
rabbitmq_user=ticketing
rabbitmq_password=$(random)
# One key per AppHost parameter (AppHost/Program.cs).
create ticketing-secrets \
  --from-literal=internal-identity-key="$(openssl rand -hex 32)" \
  --from-literal=ticket-signing-key="$(openssl rand -hex 32)" \
  --from-literal=admin-password="$(random)" \
  --from-literal=postgres-password="$postgres_password" \
  --from-literal=rabbitmq-user="$rabbitmq_user" \
  --from-literal=rabbitmq-password="$rabbitmq_password"
# The same credentials in the shapes the operators read.
create ticketing-postgres --type=kubernetes.io/basic-auth \
  --from-literal=username=ticketing --from-literal=password="$postgres_password"
create ticketing-rabbitmq-user \
  --from-literal=username="$rabbitmq_user" --from-literal=password="$rabbitmq_password"
create ticketing-redis --from-literal=redis-password="$(random)"
