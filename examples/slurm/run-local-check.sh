#!/bin/sh
# End-to-end check of the Slurm example on a single-node Slurm on localhost (Debian's
# slurm-wlm and munge): installs and starts them if needed (as root), submits the job array
# and the dependent merge, waits, and checks that the merged RESULT.json equals a single run
# byte for byte. Not part of CI (it starts system daemons, and stops the ones it started).
# Usage, from the package root:
#   sh examples/slurm/run-local-check.sh [path/to/qi]
set -eu
QI=$(readlink -f "${1:-.build/release/qi}")
[ -x "$QI" ] || { echo "build qi first: swift build -c release --product qi" >&2; exit 2; }
root=$(pwd)
work=$(mktemp -d /tmp/qi-slurm-check.XXXXXX)

if ! command -v sbatch >/dev/null 2>&1; then
    apt-get update -o DPkg::Lock::Timeout=600
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        -o DPkg::Lock::Timeout=600 slurm-wlm munge
fi

started_daemons=no
stop_daemons() {
    [ "$started_daemons" = yes ] || return 0
    for pidfile in /run/slurmd.pid /run/slurmctld.pid /run/munge/munged.pid; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
}
trap stop_daemons EXIT

if ! scontrol ping >/dev/null 2>&1; then
    started_daemons=yes
    host=$(hostname -s)
    cpus=$(nproc)
    memory=$(awk '/MemTotal/ { print int($2 / 1024) - 512 }' /proc/meminfo)
    mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
    cat > /etc/slurm/slurm.conf <<CONF
ClusterName=qi-local
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmUser=root
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    [ -f /etc/munge/munge.key ] || (mungekey --create 2>/dev/null || /usr/sbin/create-munge-key -f)
    chown munge:munge /etc/munge/munge.key 2>/dev/null || true
    chmod 400 /etc/munge/munge.key
    mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
    pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged || /usr/sbin/munged --force
    pgrep -x slurmctld >/dev/null || slurmctld
    pgrep -x slurmd >/dev/null || slurmd
    for _ in $(seq 1 30); do scontrol ping >/dev/null 2>&1 && break; sleep 1; done
    scontrol update nodename="$host" state=resume 2>/dev/null || true
fi

cd "$work"
cp "$root/datasets/scenarios.yaml" scenarios.yaml
args="--replicates 200 --practices 30 --months 36"
echo "single run..."
"$QI" simulate scenarios.yaml $args --no-progress --output single.json
echo "Slurm job array (4 shards) and merge..."
QI="$QI" SCENARIOS=scenarios.yaml EXTRA_ARGS="$args" sh "$root/examples/slurm/submit.sh" 4 | tee submit.out
merge=$(awk '{ print $NF }' submit.out)
for _ in $(seq 1 600); do
    state=$(sacct -n -X -j "$merge" -o State 2>/dev/null | head -1 | tr -d ' ')
    [ -z "$state" ] && state=$(squeue -h -j "$merge" -o %T 2>/dev/null || true)
    case "$state" in COMPLETED) break ;; FAILED|CANCELLED*|TIMEOUT|OUT_OF_ME*) echo "merge job $state" >&2; cat logs/* >&2; exit 1 ;; esac
    [ -f RESULT.json ] && ! squeue -h -j "$merge" 2>/dev/null | grep -q . && break
    sleep 1
done
if cmp single.json RESULT.json; then
    echo "OK: the merged Slurm result equals a single run byte for byte ($work)"
else
    echo "FAIL: merged result differs from the single run ($work)" >&2
    exit 1
fi
