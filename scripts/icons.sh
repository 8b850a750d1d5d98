#!/usr/bin/env bash
# App icons for every packaging target, from build/icon.svg (the results are committed; rerun after
# changing the drawing). Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and
# icnsutils (png2icns): apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "$0")/../build"
sizes=(16 24 32 48 64 128 256 512 1024)
for s in "${sizes[@]}"; do rsvg-convert -w "$s" -h "$s" icon.svg -o "icons/${s}x${s}.png"; done
cp icons/1024x1024.png icon.png                                      # electron-builder's fallback
icotool -c -o icon.ico icons/{16x16,24x24,32x32,48x48,64x64,128x128}.png -r icons/256x256.png  # Windows
png2icns icon.icns icons/{16x16,32x32,128x128,256x256,512x512,1024x1024}.png >/dev/null  # macOS
