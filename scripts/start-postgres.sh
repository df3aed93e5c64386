#!/usr/bin/env bash
# Starts a local PostgreSQL for the call-history store tests and prints its connection string.
#
# Run as root on Debian. Safe to run again: every step checks first. The server listens on
# 127.0.0.1 only. Standard output is the one line
#   PBXLAB_POSTGRES_CONNECTION=Host=127.0.0.1;Port=5432;Username=pbxlab;Password=…;Database=pbxlab_test
# and progress messages go to stderr. The value contains semicolons, so keep it one shell word:
#   export "$(scripts/start-postgres.sh)"
set -euo pipefail

role="pbxlab"
database="pbxlab_test"
# A test-only password for a loopback-only server; override with PBXLAB_POSTGRES_PASSWORD.
password="${PBXLAB_POSTGRES_PASSWORD:-pbxlab-test}"
port=5432

say() { echo "start-postgres: $*" >&2; }

if [[ "$(id -u)" -ne 0 ]]; then
    say "must run as root (it installs packages and manages the cluster); try: sudo $0"
    exit 1
fi

if [[ ! "$password" =~ ^[A-Za-z0-9._-]+$ ]]; then
    say "PBXLAB_POSTGRES_PASSWORD may only contain letters, digits, '.', '_' and '-'."
    exit 1
fi

# 1. Install Debian's postgresql package when pg_ctlcluster is missing.
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! dpkg -s postgresql >/dev/null 2>&1; then
    say "installing the postgresql package"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# 2. Find the cluster (the newest installed version's "main"), creating it when there is none.
version="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR == 1 { print $1 }')"
cluster="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR == 1 { print $2 }')"
if [[ -z "$version" ]]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    cluster="main"
    say "creating cluster $version/$cluster"
    pg_createcluster "$version" "$cluster" >&2
fi

# 3. Listen on loopback only, on the expected port. Debian's postgresql.conf includes conf.d, and
# settings there win over the main file. The main file's listen_addresses line is removed so that
# an earlier, broken edit of it cannot stop the server from starting.
config_dir="/etc/postgresql/$version/$cluster"
pg_conftool "$version" "$cluster" remove listen_addresses >&2 || true
mkdir -p "$config_dir/conf.d"
cat > "$config_dir/conf.d/pbxlab.conf" <<CONF
# Written by PbxLab's scripts/start-postgres.sh: a test server reachable from this machine only.
listen_addresses = '127.0.0.1'
port = $port
CONF
chown -R postgres:postgres "$config_dir/conf.d"

# 4. Start it, or restart it so the settings above apply.
status="$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')"
if [[ "$status" == "online" ]]; then
    listening="$(su postgres -c "psql -p $port -tAc 'SHOW listen_addresses'" 2>/dev/null || true)"
    if [[ "$listening" != "127.0.0.1" ]]; then
        say "restarting cluster $version/$cluster to listen on 127.0.0.1 only"
        pg_ctlcluster "$version" "$cluster" restart >&2
    fi
else
    say "starting cluster $version/$cluster"
    pg_ctlcluster "$version" "$cluster" start >&2
fi

# 5. Wait until the server accepts connections (at most 30 s).
for attempt in $(seq 1 30); do
    if pg_isready -q -h 127.0.0.1 -p "$port"; then
        break
    fi
    if [[ "$attempt" -eq 30 ]]; then
        say "PostgreSQL on 127.0.0.1:$port did not accept connections within 30 s; see /var/log/postgresql/postgresql-$version-$cluster.log"
        exit 1
    fi
    sleep 1
done

# 6. Create the role and the database when missing; the password is set every time so it matches.
psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -tAq $*"; }
if [[ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$role'\"")" != "1" ]]; then
    say "creating role $role"
    psql_admin "-c \"CREATE ROLE $role LOGIN\"" >&2
fi
psql_admin "-c \"ALTER ROLE $role WITH LOGIN PASSWORD '$password'\"" >&2
if [[ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$database'\"")" != "1" ]]; then
    say "creating database $database"
    psql_admin "-c \"CREATE DATABASE $database OWNER $role\"" >&2
fi

# 7. Check that the role can sign in over TCP with the password.
if ! PGPASSWORD="$password" psql -h 127.0.0.1 -p "$port" -U "$role" -d "$database" -tAqc 'SELECT 1' >/dev/null; then
    say "role $role cannot sign in to $database on 127.0.0.1:$port; check pg_hba.conf allows md5 or scram-sha-256 for host 127.0.0.1/32"
    exit 1
fi

say "PostgreSQL is ready on 127.0.0.1:$port"
echo "PBXLAB_POSTGRES_CONNECTION=Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"
