#!/usr/bin/env bash
# Wrap dist/briefgen.app in a compressed, read-only disk image: dist/briefgen-<version>-macos-<arch>.dmg
#
#   packaging/macos/make_dmg.sh [dist-dir] [version]
#
# The image holds the app and an /Applications link, so users drag one onto the other. When
# BRIEFGEN_CODESIGN_IDENTITY is set the image is signed too; when BRIEFGEN_NOTARY_PROFILE names a
# stored notarytool keychain profile (xcrun notarytool store-credentials), it is notarised and stapled.
set -euo pipefail
cd "$(dirname "$0")/../.."
dist="${1:-dist}"
version="${2:-$(uv run python -c 'import sys; sys.path.insert(0, "packaging"); import buildsupport; print(buildsupport.project_version())')}"
app="$dist/briefgen.app"
[ -d "$app" ] || { echo "make_dmg: $app not found (build it first: uv run python packaging/build_bundle.py)" >&2; exit 1; }
arch="${BRIEFGEN_TARGET_ARCH:-$(uname -m)}"
dmg="$dist/briefgen-$version-macos-$arch.dmg"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "briefgen $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${BRIEFGEN_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --sign "$BRIEFGEN_CODESIGN_IDENTITY" --timestamp "$dmg"
  if [ -n "${BRIEFGEN_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$BRIEFGEN_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
  fi
fi
hdiutil verify "$dmg"
echo "$dmg"
