#!/bin/bash
# Health check of the crm-mirror image (Dockerfile HEALTHCHECK, docker-compose.yml healthcheck).
# Needs neither curl nor wget: an HTTP/1.0 GET through bash's /dev/tcp, healthy on a 200 status line.
# Usage: crm-mirror-healthcheck [path]   (default /actuator/health/readiness; that probe needs no login)
set -uo pipefail

path="${1:-/actuator/health/readiness}"
# the probes are served on the management port when one is set, otherwise on the application port
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status <&3 || exit 1
# read the rest (the server closes after an HTTP/1.0 answer): closing with unread data would reset the connection
while IFS= read -r -t 2 _ <&3; do :; done
exec 3<&-

status="${status%$'\r'}"
if [[ "$status" =~ ^HTTP/[0-9.]+\ 200([[:space:]]|$) ]]; then
    exit 0
fi
echo "GET ${path}: ${status:-no answer}" >&2
exit 1
