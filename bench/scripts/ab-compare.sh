#!/bin/bash
# Old vs new build of the CLI, alternated (old, new, new, old) so load drifts hit both; CPU and wall time.
#   bench/scripts/ab-compare.sh OLD_TREE NEW_TREE [ROUNDS]
# Each tree is a checkout with dist/ built (`npm run build`) and node_modules (a symlink will do), e.g.
#   git archive b5ec047 | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules && (cd /tmp/old && npx tsc -p tsconfig.build.json)
# Prints one line per run: scenario label wall_s user_s sys_s maxrss_KiB. Override the jobs with JOBS="flagship.yaml:300 synthetic-10k.yaml:20".
set -euo pipefail
OLD=${1:?old tree}; NEW=${2:?new tree}; ROUNDS=${3:-2}
JOBS=${JOBS:-"flagship.yaml:300 synthetic-10k.yaml:20"}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
run() { # tree label scenario trials
  /usr/bin/time -o "$TMP/time" -f "%e %U %S %M" node "$1/dist/cli/main.js" run "$1/scenarios/$3" -n "$4" --workers 2 --no-report --quiet --out "$TMP/out-$2" >/dev/null
  echo "$3 $2 $(tail -1 "$TMP/time")"
}
for _ in $(seq "$ROUNDS"); do
  for job in $JOBS; do
    sc=${job%%:*}; n=${job##*:}
    run "$OLD" old "$sc" "$n"; run "$NEW" new "$sc" "$n"; run "$NEW" new "$sc" "$n"; run "$OLD" old "$sc" "$n"
  done
done
