#!/bin/sh
# One app node: deploy/gunicorn.sh ADDRESS:PORT, with deploy/cxmaturity.env in the environment.
# Run it from the project folder on every node, each behind HAProxy (deploy/haproxy.cfg).
set -e
exec "${VENV:-.venv}/bin/gunicorn" cxmaturity.wsgi:application \
    -c python:cxmaturity.gunicorn_conf \
    --bind "$1" \
    --workers "${WEB_WORKERS:-2}" --worker-class gthread --threads "${WEB_THREADS:-4}" \
    --timeout 60 --graceful-timeout 30 \
    --error-logfile -
