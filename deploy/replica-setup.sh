#!/usr/bin/env bash
# Make a streaming replica of the primary (PostgreSQL 15, Debian paths), as the postgres user:
#   PRIMARY_HOST=10.0.0.10 REPLICA_DATA=/var/lib/postgresql/15/main deploy/replica-setup.sh
# The primary needs deploy/postgresql.conf and a pg_hba.conf line such as
#   host replication replicator 10.0.0.0/24 scram-sha-256
# and the role: CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '...';
# The replica answers reads at once (hot_standby) and follows the primary from then on.
# The app role needs pg_monitor on the replica's behalf to read pg_stat_wal_receiver:
#   GRANT pg_monitor TO roundtable;   (on the primary; replicated)
set -euo pipefail
: "${PRIMARY_HOST:?}" "${REPLICA_DATA:?}"
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICATION_USER=${REPLICATION_USER:-replicator}
SLOT=${SLOT:-replica_$(hostname -s | tr -c 'a-z0-9_\n' '_')}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ -e "$REPLICA_DATA/PG_VERSION" ]; then
  echo "$REPLICA_DATA already holds a cluster; stop it and empty the directory first" >&2
  exit 1
fi
# -R writes primary_conninfo and standby.signal; -C -S keeps the WAL the replica still needs.
"$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$REPLICATION_USER" \
  -D "$REPLICA_DATA" -R -X stream -C -S "$SLOT" --checkpoint=fast --progress
echo "Replica ready in $REPLICA_DATA; start it (pg_ctlcluster 15 main start)."
