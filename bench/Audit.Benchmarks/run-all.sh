#!/bin/sh
# Every audit-trail number in docs/performance.md, in one command (run as root from the repository root):
#   sh bench/Audit.Benchmarks/run-all.sh [seconds-per-run]
# SQLite always; PostgreSQL too when Debian's postgresql 15 is installed (a throwaway server in a temp dir).
set -eu
SECONDS_PER_RUN=${1:-10}
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/dg-audit-bench.XXXXXX)
PGPORT=55432
cleanup() {
    if [ -f "$WORK/pg/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

dotnet build -c Release bench/Audit.Benchmarks -v q -nologo >/dev/null
dotnet build -c Release src/Cli -v q -nologo >/dev/null
B="dotnet bench/Audit.Benchmarks/bin/Release/net10.0/DockerGuard.Audit.Benchmarks.dll"
CLI="dotnet src/Cli/bin/Release/net10.0/dockerguard.dll"

echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)'; free -h | sed -n 2p; uname -r; dotnet --version; date -u; uptime

run_store() {
    store=$1; shift
    $B throughput --store "$store" --writers 256 --seconds "$SECONDS_PER_RUN" "$@"
    $B latency --store "$store" --rate 2000 --seconds "$SECONDS_PER_RUN" "$@"
}

# CPU seconds used so far by the throwaway PostgreSQL server, from /proc: the postmaster, its live
# children, and (cutime + cstime) the backends that already exited when their connection closed.
pg_cpu() {
    pid=$(head -1 "$WORK/pg/postmaster.pid")
    ticks=$(awk '{print $14 + $15 + $16 + $17}' /proc/$pid/stat)
    for p in $(ps --ppid "$pid" -o pid=); do
        [ -r /proc/$p/stat ] && ticks=$((ticks + $(awk '{print $14 + $15}' /proc/$p/stat)))
    done
    echo "$ticks $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
}

echo "== SQLite, synchronous=NORMAL (the default)"
run_store "sqlite:$WORK/tp.db" --sync normal
rm -f "$WORK"/tp.db*
echo "== SQLite, synchronous=FULL"
run_store "sqlite:$WORK/tp.db" --sync full
rm -f "$WORK"/tp.db*
$B million --store "sqlite:$WORK/million.db" --count 1000000
echo "== the mission's question through the CLI, on the million-record SQLite store (wall time including process start)"
/usr/bin/time -f "  %e s wall" $CLI audit query --audit "sqlite:$WORK/million.db" --rule privileged --decision deny --since 7d --limit 100 >/dev/null
rm -f "$WORK"/million.db*

if [ -x "$PGBIN/pg_ctl" ]; then
    echo "== PostgreSQL 15"
    mkdir "$WORK/pg" && chown postgres "$WORK" "$WORK/pg"
    runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres --locale=C -E UTF8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 120 \
        -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
    until runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -c 'select 1' >/dev/null 2>&1; do sleep 0.5; done
    for db in tp million; do runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -qc "create database $db"; done
    # The server's CPU is not in the benchmark's own cpu= figure: print it per run (warm-up included).
    for mode in throughput latency; do
        before=$(pg_cpu)
        if [ $mode = throughput ]; then $B throughput --store "postgres://postgres@127.0.0.1:$PGPORT/tp" --writers 256 --seconds "$SECONDS_PER_RUN"
        else $B latency --store "postgres://postgres@127.0.0.1:$PGPORT/tp" --rate 2000 --seconds "$SECONDS_PER_RUN"; fi
        echo "  PostgreSQL server CPU during the $mode run (warm-up included): $(echo "$before $(pg_cpu)" | awk '{printf "%.1f", $2 - $1}') s"
    done
    $B million --store "postgres://postgres@127.0.0.1:$PGPORT/million" --count 1000000
fi
