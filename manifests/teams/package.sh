#!/bin/sh
# Builds the Teams app package (manifest.json + the two icons, at the zip's root as Teams requires).
# Usage: manifests/teams/package.sh <app id (GUID)> [output.zip]
# The app id replaces the placeholder GUID (the Microsoft App ID is both the app id and the bot id).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=${1:?usage: package.sh <app id> [output.zip]}
out=${2:-$here/keliweb-support-teams.zip}
case "$app_id" in
  *[!0-9a-fA-F-]*|"") echo "not a GUID: $app_id" >&2; exit 2 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s/00000000-0000-0000-0000-000000000000/$app_id/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    [z.write(os.path.join(sys.argv[2], n), n) for n in ("manifest.json", "color.png", "outline.png")]' "$out" "$work"
fi
echo "$out"
