# Shared by the manifest scripts (sourced, not run): checks a public URL and splits it.
# public_url URL  ->  sets PUBLIC_URL (ending with /) and PUBLIC_HOST (host[:port], for validDomains); exits 2 if not https.
public_url() {
  url=$1
  case "$url" in
    https://?*) ;;
    *) echo "not an https URL: $url (Slack and Teams reach the bot only over https)" >&2; exit 2 ;;
  esac
  case "$url" in
    *[!A-Za-z0-9._~:/?#@!\$\'\(\)*+,\;=%-]*|*@*|*\?*|*\#*) echo "not a plain public URL (no user info, query or fragment): $url" >&2; exit 2 ;;
  esac
  case "$url" in
    */) PUBLIC_URL=$url ;;
    *) PUBLIC_URL=$url/ ;;
  esac
  rest=${PUBLIC_URL#https://}
  PUBLIC_HOST=${rest%%/*}
  if [ -z "$PUBLIC_HOST" ]; then
    echo "no host in: $url" >&2; exit 2
  fi
}

# escape_sed TEXT  ->  TEXT safe as the replacement of a sed s|||
escape_sed() {
  printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'
}
