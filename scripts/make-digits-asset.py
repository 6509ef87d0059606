#!/usr/bin/env python3
"""Converts scikit-learn's 8x8 digits (UCI optical digits, test part: 1,797 images, pixels 0..16)
into the lab's compact image asset assets/data/digits-8x8.bin (layout in docs/data.md).

Usage: python3 scripts/make-digits-asset.py <scikit_learn-*.whl> [out.bin]
The wheel comes from `pip download --no-deps -d /tmp/skl scikit-learn`; only its
sklearn/datasets/data/digits.csv.gz is read (65 integer columns: 64 pixels, then the label).
"""
import gzip
import hashlib
import struct
import sys
import zipfile
import zlib

MAGIC = b"TLIM"
HEADER_BYTES = 32


def read_rows(wheel_path):
    with zipfile.ZipFile(wheel_path) as wheel:
        text = gzip.decompress(wheel.read("sklearn/datasets/data/digits.csv.gz")).decode("ascii")
    rows = [[float(cell) for cell in line.split(",")] for line in text.splitlines() if line.strip()]
    for k, row in enumerate(rows):
        if len(row) != 65 or any(v != int(v) for v in row):
            raise SystemExit(f"row {k + 1}: expected 65 integers, got {len(row)} cells")
    return [[int(v) for v in row] for row in rows]


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    out = sys.argv[2] if len(sys.argv) == 3 else "assets/data/digits-8x8.bin"
    rows = read_rows(sys.argv[1])
    if len(rows) != 1797:
        raise SystemExit(f"expected 1797 images, got {len(rows)}")
    pixels = bytes(v for row in rows for v in row[:64])
    labels = bytes(row[64] for row in rows)
    if max(pixels) > 16 or max(labels) > 9:
        raise SystemExit("pixels must lie in 0..16 and labels in 0..9")
    payload = pixels + labels
    # magic, version, header bytes, count, rows, cols, classes, max value, train count, CRC-32, reserved
    header = MAGIC + struct.pack("<HHIHHHHIII", 1, HEADER_BYTES, len(rows), 8, 8, 10, 16, len(rows), zlib.crc32(payload), 0)
    assert len(header) == HEADER_BYTES
    data = header + payload
    with open(out, "wb") as f:
        f.write(data)
    print(f"{out}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
