#!/usr/bin/env bash
# Renders resources/icons/normlab.svg into the PNG sizes the desktop asks for, as
# resources/icons/hicolor/NxN/apps/normlab.png. Run it after changing the SVG and commit the PNGs;
# the build installs them as they are. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail

icons="$(cd "$(dirname "$0")/.." && pwd)/resources/icons"
sizes=(16 32 48 64 128 256)

if ! command -v rsvg-convert >/dev/null; then
    echo "make-icons: rsvg-convert not found (apt install librsvg2-bin)" >&2
    exit 1
fi

for size in "${sizes[@]}"; do
    folder="$icons/hicolor/${size}x${size}/apps"
    mkdir -p "$folder"
    rsvg-convert --width "$size" --height "$size" --format png \
        --output "$folder/normlab.png" "$icons/normlab.svg"
done
echo "make-icons: wrote ${sizes[*]} px PNGs under $icons/hicolor"
