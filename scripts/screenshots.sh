#!/usr/bin/env bash
# Takes a screenshot of each screen of the console in a real terminal (xterm under Xvfb, 120×36,
# the demo store at a fixed clock) into docs/screens/*.png, for the README.
#
#   apt-get install -y xterm xvfb imagemagick fonts-noto-cjk x11-utils
#   swift build && scripts/screenshots.sh [path/to/leadq]
set -euo pipefail
cd "$(dirname "$0")/.."

leadq="${1:-$(swift build --show-bin-path)/leadq}"
out=docs/screens
work="$(mktemp -d)"
display=":$((90 + RANDOM % 9))"
sock="leadq-shots-$$"
export LEADQ_NOW=2026-11-23T10:00:00Z TZ=UTC LANG=C.UTF-8 HOME="$work" XDG_CONFIG_HOME="$work/config"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$leadq" demo --store "$work/store" --seed 42 >/dev/null
mkdir -p "$out"
Xvfb "$display" -screen 0 1800x1100x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

# The console runs in tmux (so keys can be sent to it) shown in an xterm without tmux's status line.
console() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
  sleep 0.5
  tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 36 \
    -e TERM=xterm-256color -e LANG=C.UTF-8 -e LEADQ_NOW="$LEADQ_NOW" -e TZ=UTC -e HOME="$HOME" \
    -e XDG_CONFIG_HOME="$XDG_CONFIG_HOME" -e NO_COLOR= "$leadq --store $work/store --rep $1; sleep 600"
  tmux -L "$sock" set -g status off >/dev/null
  [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
  DISPLAY="$display" xterm -geometry 120x36+0+0 -tn xterm-256color -fa 'DejaVu Sans Mono' -fd 'Noto Sans Mono CJK SC' -fs 11 \
    -bg '#1c1c1c' -fg '#d0d0d0' \
    -xrm 'XTerm*boldColors: false' -e tmux -L "$sock" attach &
  xterm_pid=$!
  sleep 2
}

keys() {
  for k in "$@"; do
    tmux -L "$sock" send-keys -t 0 "$k"
    sleep 0.15
  done
  sleep 0.6
}

type_text() {
  tmux -L "$sock" send-keys -t 0 -l "$1"
  sleep 0.6
}

shot() {
  import -display "$display" -window root "$work/raw.png"
  # The xterm sits at the top left of a black root window: trim the root away.
  convert "$work/raw.png" -bordercolor black -border 1 -trim +repage "$out/$1.png"
  echo "$out/$1.png"
}

console ana
shot queue
keys Enter j
shot detail
keys Enter r
shot reject
keys Escape c c
shot contact
keys Escape f t
type_text "next tue 10:00"
keys Tab
type_text "Call the CFO about the budget"
shot follow-up
keys Escape N
type_text "Spoke to the assistant: CFO back Monday."
keys M-Enter
type_text "Prefers calls before 10:00."
shot note
keys Escape y
keys / 
type_text "zurich"
keys Tab
shot search
keys Escape F
shot agenda
keys Escape S
sleep 2
shot stats
keys Escape ?
shot help
keys Escape t Down
shot themes
keys Escape g Q Tab
type_text "Demo booked for Tuesday; the CFO signs."
shot qualify
keys Enter /
type_text "L-00098"
keys Tab
sleep 1
keys Enter W
shot won-lost
keys l
type_text "price"
keys Tab
type_text "12000"
shot lost
keys Escape q

console mia
shot manager
keys A
shot assign
