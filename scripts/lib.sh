# Shared by the test and bench scripts: `. "$(dirname "$0")/lib.sh"` after setting `suite` (the
# name printed on the closing line). Gives a temporary folder $work, removed on exit with every
# process registered in $pids stopped, and the check / wait helpers.
work=$(mktemp -d)
pids=()
passed=0 failed=0

# check NAME EXPECTED ACTUAL: counts a pass, or prints the difference and counts a failure.
check() {
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"; fi
}

# finish: the closing line ('SUITE: N passed, M failed') and the exit status.
finish() { echo "$suite: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

# wait_for SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds; fails after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -ge "$deadline" ] && return 1; sleep 0.2; done
}

# gone PID: the process has exited (a child that has exited is a zombie until reaped, and
# kill -0 still succeeds on it).
gone() { local s; s=$(ps -o stat= -p "$1") || return 0; [[ $s == Z* ]]; }

# stop PID: SIGTERM, up to 10 s, then SIGKILL; always reaps it, and always succeeds (its exit
# status is not the caller's business; wait on the process first to read it).
stop() {
  if kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null
    wait_for 10 gone "$1" || kill -KILL "$1" 2>/dev/null
  fi
  wait "$1" 2>/dev/null
  return 0
}

cleanup() { local p; for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"; }
trap cleanup EXIT

# free_port: a TCP port free on 127.0.0.1 now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
