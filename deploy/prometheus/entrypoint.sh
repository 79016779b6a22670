#!/bin/sh
# Entrypoint of the prometheus service (docker-compose.yml, profile metrics).
#
# crm-mirror's /actuator/prometheus wants HTTP basic auth: the login of the console, SPRING_SECURITY_USER_NAME
# and SPRING_SECURITY_USER_PASSWORD from .env. Prometheus does not expand environment variables in
# prometheus.yml, so this writes the two values to files on the tmpfs /run/crm-mirror (memory only, readable
# by the prometheus user alone), which prometheus.yml names as basic_auth username_file / password_file.
# Prometheus reads them at every scrape: the password stays out of the configuration and off the disk.
set -eu

: "${SPRING_SECURITY_USER_NAME:?is not set: set it in .env, it is the login Prometheus scrapes crm-mirror with}"
: "${SPRING_SECURITY_USER_PASSWORD:?is not set: set it in .env, it is the login Prometheus scrapes crm-mirror with}"

umask 077
printf '%s' "$SPRING_SECURITY_USER_NAME" > /run/crm-mirror/scrape-username
printf '%s' "$SPRING_SECURITY_USER_PASSWORD" > /run/crm-mirror/scrape-password
unset SPRING_SECURITY_USER_NAME SPRING_SECURITY_USER_PASSWORD

# the image's own defaults (overriding the entrypoint drops them), then the service's command
exec /bin/prometheus \
    --config.file=/etc/prometheus/prometheus.yml \
    --storage.tsdb.path=/prometheus \
    "$@"
