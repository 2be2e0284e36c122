#!/bin/sh
# own-display.sh — runs a test on an X server of its own.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The tests that move the pointer (a click, a drag, a hover) or type keys through xdotool
# cannot share one X server: two at once would move the one pointer under each other. Each
# runs on its own Xvfb here, as big as the suite's (1920x1080), so that they run side by side
# like the other tests instead of one after another. Xvfb picks a free display number itself
# (-displayfd), which two servers starting together cannot both take.
#
# Usage: own-display.sh PROGRAM [ARGUMENT…]

set -u

dir=$(mktemp -d "${TMPDIR:-/tmp}/fascia-display-XXXXXX") || exit 1
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$dir/display" >/dev/null 2>&1 &
xvfb=$!

tries=0
while [ ! -s "$dir/display" ] && [ "$tries" -lt 400 ] && kill -0 "$xvfb" 2>/dev/null; do
  sleep 0.05
  tries=$((tries + 1))
done
if [ ! -s "$dir/display" ]; then
  echo "Bail out! no X server of the test's own could be started (Xvfb)"
  kill "$xvfb" 2>/dev/null
  rm -rf "$dir"
  exit 1
fi

DISPLAY=":$(head -n 1 "$dir/display")"
export DISPLAY
unset XAUTHORITY

"$@"
status=$?

kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
rm -rf "$dir"
exit "$status"
