#!/bin/sh
# Builds the Teams app package: manifest.json and its two icons at the zip's root, as Teams requires, for the bot at a
# public URL. The Microsoft App ID (a GUID) is both the app id and the bot id; validDomains is the public URL's host.
# Usage: manifests/teams/package.sh [--website-url URL] [--privacy-url URL] [--terms-url URL] <app id> <public URL> [output.zip]
#   output.zip defaults to ./keliweb-support-teams.zip in the current folder; a relative path is taken from there.
#   The developer's website, privacy and terms links default to the public URL; point them at your own pages.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../public-url.sh"
usage="usage: package.sh [--website-url URL] [--privacy-url URL] [--terms-url URL] <app id> <public URL> [output.zip]"

website=; privacy=; terms=
while [ $# -gt 0 ]; do
  case "$1" in
    --website-url) website=${2:?$usage}; shift 2 ;;
    --privacy-url) privacy=${2:?$usage}; shift 2 ;;
    --terms-url) terms=${2:?$usage}; shift 2 ;;
    --*) echo "unknown option: $1" >&2; echo "$usage" >&2; exit 2 ;;
    *) break ;;
  esac
done

app_id=${1:?$usage}
if ! printf '%s' "$app_id" | grep -Eq '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'; then
  echo "not a Microsoft App ID (a GUID such as 00000000-0000-0000-0000-000000000000): $app_id" >&2
  exit 2
fi
public_url "${2:?$usage}"
for link in "$website" "$privacy" "$terms"; do
  case "$link" in ""|https://?*) ;; *) echo "not an https URL: $link" >&2; exit 2 ;; esac
done
website=${website:-$PUBLIC_URL}
privacy=${privacy:-$PUBLIC_URL}
terms=${terms:-$PUBLIC_URL}

out=${3:-keliweb-support-teams.zip}
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
if [ ! -d "$(dirname "$out")" ]; then
  echo "no such folder for the package: $(dirname "$out")" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s/00000000-0000-0000-0000-000000000000/$app_id/g" \
    -e "s|\"https://chatbot.example.com/privacy\"|\"$(escape_sed "$privacy")\"|" \
    -e "s|\"https://chatbot.example.com/terms\"|\"$(escape_sed "$terms")\"|" \
    -e "s|\"https://chatbot.example.com/\"|\"$(escape_sed "$website")\"|" \
    -e "s|\"chatbot.example.com\"|\"$(escape_sed "$PUBLIC_HOST")\"|" \
    "$here/manifest.json" > "$work/manifest.json"
if grep -q "chatbot.example.com" "$work/manifest.json"; then
  echo "the manifest still names chatbot.example.com: the template changed, update package.sh" >&2
  exit 1
fi
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    [z.write(os.path.join(sys.argv[2], n), n) for n in ("manifest.json", "color.png", "outline.png")]' "$out" "$work"
fi
[ -s "$out" ] || { echo "no package was written to $out" >&2; exit 1; }
echo "$out"
