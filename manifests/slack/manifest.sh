#!/bin/sh
# Writes a ready Slack app manifest for the bot at a public URL: the request URLs of the slash command, interactivity,
# the options load URL and events all point at it. Paste the result at https://api.slack.com/apps -> Create New App -> From an app manifest.
# Usage: manifests/slack/manifest.sh [--mode http] <public URL> [output.json]   (standard output without output.json)
#   --mode http     Slack calls the bot's public URL (the default; needs the HTTPS front in README.md).
#   --mode socket   Socket Mode: the bot dials out to Slack, no public URL (arrives with issue 14).
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

# Socket Mode (issue 14) goes here: the same manifest with settings.socket_mode_enabled true and no request URLs.
socket_manifest() {
  echo "Socket Mode is not available yet (issue 14); use --mode http with the bot's public URL" >&2
  exit 2
}

case "$mode" in
  http) manifest=$(http_manifest "${1:-}") ;;
  socket) manifest=$(socket_manifest) ;;
  *) echo "unknown mode: $mode (http or socket)" >&2; exit 2 ;;
esac
shift || true

if [ $# -ge 1 ]; then
  out=$1
  case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
  printf '%s\n' "$manifest" > "$out"
  echo "$out" >&2
else
  printf '%s\n' "$manifest"
fi
