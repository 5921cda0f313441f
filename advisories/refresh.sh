#!/usr/bin/env bash
# Refresh the OSV advisory snapshot in advisories/osv/ from osv.dev.
#
# Needs: bash, curl, python3 (stdlib only), network access to osv.dev and
# osv-vulnerabilities.storage.googleapis.com. It cannot run in the offline
# build sandbox; run it on an online machine and commit the diff after review.
#
# Modes:
#   ./refresh.sh            re-fetch every advisory already in osv/ by id from
#                           https://api.osv.dev/v1/vulns/<ID>   (curated set)
#   ./refresh.sh --all      download the PyPI ecosystem zip from the OSV GCS
#                           bucket and copy EVERY record for the packages in
#                           PACKAGES (adds new advisories; review before commit)
#
# Severity: OSV keeps GitHub's qualitative severity in database_specific.severity
# for GHSA records. PYSEC/CVE records often have none; in that case the value
# already in the local file is kept and marked "carried-over".
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OSV_DIR="$HERE/osv"
PACKAGES="torch gradio transformers setuptools"
API="https://api.osv.dev/v1/vulns"
ZIP_URL="https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OSV_DIR"

merge() {  # merge <fetched.json> <dest.json>
  python3 - "$1" "$2" <<'PY'
import json, os, sys, datetime
src, dst = sys.argv[1], sys.argv[2]
new = json.load(open(src))
old = json.load(open(dst)) if os.path.exists(dst) else {}
pypi = [a for a in new.get("affected", []) if a.get("package", {}).get("ecosystem") == "PyPI"
        and any(r.get("type") == "ECOSYSTEM" for r in a.get("ranges", []))]
if not pypi:
    print("  keep local: %s has no PyPI ECOSYSTEM range upstream" % new.get("id")); sys.exit(0)
ds = new.setdefault("database_specific", {})
if "severity" not in ds and "severity" in old.get("database_specific", {}):
    ds["severity"] = old["database_specific"]["severity"]
    ds["severity_source"] = "carried-over: " + old["database_specific"].get("severity_source", "local")
ds["snapshot_date"] = datetime.date.today().isoformat()
json.dump(new, open(dst, "w"), indent=2); open(dst, "a").write("\n")
print("  updated %s" % os.path.basename(dst))
PY
}

if [[ "${1:-}" == "--all" ]]; then
  echo "downloading $ZIP_URL"
  curl -fsSL -o "$TMP/all.zip" "$ZIP_URL"
  python3 - "$TMP/all.zip" "$TMP/sel" $PACKAGES <<'PY'
import json, os, sys, zipfile
zpath, out, pkgs = sys.argv[1], sys.argv[2], {p.lower() for p in sys.argv[3:]}
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(zpath) as z:
    for n in z.namelist():
        rec = json.loads(z.read(n))
        if rec.get("withdrawn"):
            continue
        if any(a.get("package", {}).get("name", "").lower() in pkgs for a in rec.get("affected", [])):
            open(os.path.join(out, rec["id"] + ".json"), "w").write(json.dumps(rec))
PY
  for f in "$TMP"/sel/*.json; do merge "$f" "$OSV_DIR/$(basename "$f")"; done
else
  for f in "$OSV_DIR"/*.json; do
    id="$(basename "$f" .json)"
    echo "fetching $id"
    if curl -fsSL -o "$TMP/$id.json" "$API/$id"; then merge "$TMP/$id.json" "$f"
    else echo "  fetch failed for $id: kept local copy"; fi
  done
fi
echo "done; review 'git diff advisories/' and update advisories/README.md (list + date)."
