"""gunicorn for one Roundtable app server:

    gunicorn -c deploy/gunicorn.conf.py config.wsgi:application


Stateless: run as many as the load needs behind the balancer (deploy/haproxy.cfg). Every value
comes from the environment, so one file serves every machine:

- ROUNDTABLE_BIND (default 127.0.0.1:8000): where this server listens.
- WEB_CONCURRENCY (gunicorn's own variable; default: the number of cores): worker processes.
  Pages are CPU-bound Python with short database round trips, so one process per core, and
- GUNICORN_THREADS (default 2): threads per worker, to overlap those round trips.

Each worker thread holds at most one connection to PgBouncer (and one per replica), so an app
server opens WEB_CONCURRENCY × GUNICORN_THREADS × (1 + replicas) client connections; PgBouncer
multiplexes them onto its small server pool (deploy/pgbouncer.ini, README "Sizing").
"""

import multiprocessing
import os

bind = os.environ.get("ROUNDTABLE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# Keep the balancer's connections open between requests (HAProxy reuses them).
keepalive = 30
# A request that takes longer than this is stuck: the worker is replaced.
timeout = 30
# On SIGTERM, finish the requests in flight (the balancer has stopped sending new ones).
graceful_timeout = 20
# Recycle workers now and then so that no slow leak grows for ever; jittered so they do not
# all restart at once.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Behind the balancer: trust its X-Forwarded-* from these addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
