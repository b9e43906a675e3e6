# shellcheck shell=bash
# The rehearsal's virtual clock, given to deploy.sh through BASH_ENV: bash reads the file
# BASH_ENV names before it runs a script non-interactively ("Bash Startup Files",
# https://www.gnu.org/software/bash/manual/html_node/Bash-Startup-Files.html).
#
# `sleep N` becomes a function that records the call and advances bash's own clock by N
# seconds instead of waiting: assigning SECONDS makes later reads return the assigned
# value plus the real time elapsed since ("Bash Variables", SECONDS,
# https://www.gnu.org/software/bash/manual/html_node/Bash-Variables.html). deploy.sh's
# deadline arithmetic (`SECONDS + STABLE_TIMEOUT_SECONDS`, `SECONDS >= deadline`) thus
# runs unchanged, with the real 900 s constant, in milliseconds.
#
# The world's clock, REHEARSAL_CLOCK (seconds), starts where the harness sets it (time
# passes between runs), advances by exactly the slept seconds, and is exported so the
# stand-ins (child processes) answer as of that time.
#
# Nothing else of deploy.sh's environment changes; the script file is not touched.

: "${REHEARSAL_CLOCK:=0}"
export REHEARSAL_CLOCK
# A script still sleeping REHEARSAL_VIRTUAL_LIMIT virtual seconds (default an hour, four
# times 11.6's limit) after it started would wait for ever (a wait loop without a
# deadline): `sleep` then ends it with status 124, as timeout(1) would, and says so.
REHEARSAL_CLOCK_START="$REHEARSAL_CLOCK"

sleep() {
  local seconds="${1:-0}"
  seconds="${seconds%s}"
  printf '%s\x1fsleep\x1f%s\n' "$REHEARSAL_CLOCK" "$1" >>"${REHEARSAL_WORLD:?}/calls.log"
  SECONDS=$((SECONDS + seconds))
  REHEARSAL_CLOCK=$((REHEARSAL_CLOCK + seconds))
  if ((REHEARSAL_CLOCK - REHEARSAL_CLOCK_START > ${REHEARSAL_VIRTUAL_LIMIT:-3600})); then
    printf 'rehearsal: still waiting after %s virtual seconds; stopped\n' "$((REHEARSAL_CLOCK - REHEARSAL_CLOCK_START))" >&2
    exit 124
  fi
}
