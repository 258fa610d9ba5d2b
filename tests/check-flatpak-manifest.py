#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the flatpak manifest's structure, and lets flatpak-builder parse it when present.

flatpak-builder only warns on unknown keys, so the keys that matter are checked here."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

path = sys.argv[1]
with open(path) as f:
    manifest = json.load(f)

errors = []
def need(cond, message):
    if not cond:
        errors.append(message)

need(manifest.get("id") == "io.github.orderwatch.Orderwatch", "id must be the application ID")
need(manifest.get("runtime") == "org.gnome.Platform", "runtime must be org.gnome.Platform")
need(manifest.get("sdk") == "org.gnome.Sdk", "sdk must be org.gnome.Sdk")
need(manifest.get("command") == "orderwatch", "command must be orderwatch")
need(isinstance(manifest.get("runtime-version"), str), "runtime-version must be a string")
args = manifest.get("finish-args", [])
need("--share=network" in args, "finish-args needs --share=network for tracking")
need("--socket=wayland" in args, "finish-args needs --socket=wayland")
need("--talk-name=org.freedesktop.secrets" not in args,
     "the key goes through the Secret portal: no --talk-name=org.freedesktop.secrets")
need(not any(a.startswith("--talk-name=") for a in args),
     "no session bus names beyond the portals")
need(not any(a.startswith("--filesystem=home") or a == "--filesystem=host" for a in args),
     "no broad filesystem access")
modules = manifest.get("modules", [])
need(modules and modules[-1].get("name") == "orderwatch", "the last module must be orderwatch")
need(modules and modules[-1].get("buildsystem") == "meson", "orderwatch builds with meson")

builder = shutil.which("flatpak-builder")
if builder:
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                                cwd=scratch, capture_output=True, text=True)
        need(result.returncode == 0, "flatpak-builder --show-manifest failed: " + result.stderr)

for e in errors:
    print("manifest:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
