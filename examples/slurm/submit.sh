#!/bin/sh
# Submits the simulation job array and its dependent merge job. Usage:
#   QI=/path/to/qi SCENARIOS=datasets/scenarios.yaml sh examples/slurm/submit.sh [SHARDS]
set -eu
here=$(dirname "$0")
shards=${1:-4}
mkdir -p logs shards
array=$(sbatch --parsable --array=0-$((shards - 1)) --export=ALL "$here/simulate-array.sbatch")
merge=$(sbatch --parsable --dependency=afterok:"$array" --export=ALL "$here/merge.sbatch")
echo "array job $array ($shards shards), merge job $merge"
