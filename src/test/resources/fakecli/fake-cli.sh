#!/bin/sh
# Stand-in for the `pulumi`, `az`, `aws` and `mvn` programs in tests. The test copies this file under each of those
# names into a directory it puts first on PATH. Every call appends one line to $FAKE_CLI_LOG: the program name
# and its arguments, shell-quoted exactly as io.statebackend.process.Command#display() prints them, prefixed with
# PULUMI_BACKEND_URL=<url> when that variable is set, so a test can compare the log with what a dry run printed.
#
# Behaviour comes from the directory $FAKE_CLI_SCENARIO (optional), one sub-directory per rule, tried in name order:
#   match   a substring of the log line (one line)     exit    the exit code (one line)
#   stdout  written to stdout as it is (optional)       stderr  written to stderr as it is (optional)
# The first rule whose match occurs in the line decides; without a matching rule the call succeeds, and
# `pulumi stack export --file F` writes a small deployment to F, `pulumi stack ls --json` prints []. Like the real
# CLI, `pulumi up` without --yes refuses to run when its standard input is not a terminal.
#
# Written for POSIX sh with built-ins only: a test's PATH holds nothing but the fakes and the real node, java and
# mvn, and the suite calls these fakes hundreds of times, where starting a shell costs a fraction of starting node.
LC_ALL=C
program=${0##*/}
: "${FAKE_CLI_LOG:?the test sets FAKE_CLI_LOG to the file that records every call}"

# Sets $quoted to the word as Command#display() shows it: unchanged when it is made of safe characters only,
# otherwise in single quotes with each ' written as '\''.
quote() {
  case $1 in
    '' | *[!A-Za-z0-9_.,:/=@%+-]*) ;;
    *) quoted=$1; return ;;
  esac
  rest=$1 quoted=
  while :; do
    case $rest in
      *\'*) quoted="$quoted${rest%%\'*}'\\''"; rest=${rest#*\'} ;;
      *) break ;;
    esac
  done
  quoted="'$quoted$rest'"
}

quote "$program"
line=$quoted
for word in "$@"; do
  quote "$word"
  line="$line $quoted"
done
if [ -n "${PULUMI_BACKEND_URL:-}" ]; then
  quote "$PULUMI_BACKEND_URL"
  line="PULUMI_BACKEND_URL=$quoted $line"
fi
printf '%s\n' "$line" >>"$FAKE_CLI_LOG"

# Copies the file $1, if present, to stdout byte for byte (a last line without a newline included).
emit() {
  [ -f "$1" ] || return 0
  while IFS= read -r text; do
    printf '%s\n' "$text"
  done <"$1"
  printf '%s' "$text"
}

# As the real CLI: `up` asks before changing anything, so with nobody to answer it refuses to start.
if [ "$program" = pulumi ] && [ "${1:-}" = up ] && ! [ -t 0 ]; then
  case " $* " in
    *" --yes "* | *" --skip-preview "* | *" --preview-only "*) ;;
    *) echo "error: --yes or --skip-preview or --preview-only must be passed in to proceed when running in" \
         "non-interactive mode" >&2
       exit 2 ;;
  esac
fi

for rule in "${FAKE_CLI_SCENARIO:-/nonexistent}"/*/; do
  [ -f "${rule}match" ] || continue
  IFS= read -r match <"${rule}match"
  case $line in
    *"$match"*) ;;
    *) continue ;;
  esac
  emit "${rule}stdout"
  emit "${rule}stderr" >&2
  IFS= read -r code <"${rule}exit"
  exit "$code"
done

# The call's arguments one per line (for has), and the value after the first --file.
nl='
'
args=$nl
file=
previous=
for arg; do
  args="$args$arg$nl"
  [ "$previous" = --file ] && [ -z "$file" ] && file=$arg
  previous=$arg
done

# True when every word given is, whole, one of the call's arguments.
has() {
  for wanted; do
    case $args in
      *"$nl$wanted$nl"*) ;;
      *) return 1 ;;
    esac
  done
}

if [ "$program" = pulumi ] && has stack export; then
  printf '%s' '{"version":3,"deployment":{"manifest":{"time":"2025-01-01T00:00:00Z","version":"v3.0.0"},'\
'"secrets_providers":{"type":"passphrase","state":{"salt":"v1:fake"}},'\
'"resources":[{"urn":"urn:pulumi:prod::state-backend::pulumi:pulumi:Stack::state-backend-prod"}]}}' >"$file"
elif [ "$program" = pulumi ] && has stack ls --json; then
  printf '[]'
elif [ "$program" = pulumi ] && has stack output --json; then
  printf '{}'
fi
exit 0
