#!/usr/bin/env bash
# run-suite.sh preset for the ChatBot published to $PUB (default /tmp/chatbot-pub; the native AOT binary, or the
# apphost of a JIT publish: both are ./ChatBot). Fresh SQLite folder per start.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PUB=${PUB:-/tmp/chatbot-pub}
export TARGET_NAME=${TARGET_NAME:-chatbot} TARGET_CWD="$PUB" TARGET_URL=http://127.0.0.1:5000
export COMMAND_PATH=/slack/commands INTERACTIVITY_PATH=/slack/interactivity
export SUBMIT_VARIANTS=${SUBMIT_VARIANTS:-120000}
export TARGET_CMD='env ASPNETCORE_URLS=http://127.0.0.1:5000 Logging__LogLevel__Default=Warning \
  Slack__SigningSecret=$SLACK_SIGNING_SECRET Slack__BotToken=xoxb-bench Slack__ApiBaseUrl=$SLACK_API_URL \
  Storage__DataPath=/tmp/chatbot-bench-data Tickets__Departments__0__Id=1 Tickets__Departments__0__Name=IT \
  Keliweb__BaseUrl=http://127.0.0.1:9/ Keliweb__ClientId=bench Keliweb__ClientSecret=bench Keliweb__Username=bench@example.com Keliweb__Password=bench \
  Links__0__Platform=slack Links__0__TeamId=T0BENCH01 Links__0__Account=default Links__0__ClientId=1 \
  ./ChatBot'
rm -rf /tmp/chatbot-bench-data
exec "$HERE/run-suite.sh"
