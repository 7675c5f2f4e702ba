#!/bin/sh
# Writes a ready Slack app manifest for the bot at a public URL: the request URLs of the slash command, interactivity,
# the options load URL and events all point at it. Paste the result at https://api.slack.com/apps -> Create New App -> From an app manifest.
# Usage: manifests/slack/manifest.sh [--mode http] <public URL> [output.json]   (standard output without output.json)
#        manifests/slack/manifest.sh --mode socket [output.json]
#   --mode http     Slack calls the bot's public URL (the default; needs the HTTPS front in README.md).
#   --mode socket   Socket Mode: the bot dials out to Slack, so no public URL and no request URLs (manifest-socket.json).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../public-url.sh"

mode=http
if [ "${1:-}" = "--mode" ]; then
  mode=${2:?usage: manifest.sh [--mode http|socket] <public URL> [output.json]}
  shift 2
fi
template="$here/manifest.json"

http_manifest() {
  public_url "${1:?usage: manifest.sh [--mode http|socket] <public URL> [output.json]}"
  sed "s|https://chatbot.example.com/|$(escape_sed "$PUBLIC_URL")|g" "$template"
}

# The same app with settings.socket_mode_enabled true and no request URLs: nothing to fill in.
socket_manifest() {
  cat "$here/manifest-socket.json"
}

case "$mode" in
  http) manifest=$(http_manifest "${1:-}"); shift || true ;;
  socket)
    case "${1:-}" in http://*|https://*) echo "Socket Mode needs no public URL: manifest.sh --mode socket [output.json]" >&2; exit 2 ;; esac
    manifest=$(socket_manifest) ;;
  *) echo "unknown mode: $mode (http or socket)" >&2; exit 2 ;;
esac

if [ $# -ge 1 ]; then
  out=$1
  case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
  printf '%s\n' "$manifest" > "$out"
  echo "$out" >&2
else
  printf '%s\n' "$manifest"
fi
