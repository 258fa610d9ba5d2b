#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the built desktop file and metainfo carry every language of po/LINGUAS.

  check-merged-translations.py LINGUAS DESKTOP METAINFO

i18n.merge_file () takes the translations from po/*.po; a language missing here means the
.po lacks those strings (or the files were merged before it existed: reconfigure)."""
import configparser
import sys
import xml.etree.ElementTree as ET

linguas_path, desktop_path, metainfo_path = sys.argv[1:4]
with open(linguas_path, encoding='utf-8') as f:
    languages = [w for line in f if not line.startswith('#') for w in line.split()]

errors = []
desktop = configparser.ConfigParser(interpolation=None, strict=False)
desktop.optionxform = str
desktop.read(desktop_path, encoding='utf-8')
entry = desktop['Desktop Entry']
for lang in languages:
    for key in ('GenericName', 'Comment', 'Keywords'):
        value = entry.get(f'{key}[{lang}]')
        if not value or value == entry.get(key):
            errors.append(f'{desktop_path}: {key}[{lang}] is missing or untranslated')
    if not entry.get('Keywords', '').endswith(';') or not entry.get(f'Keywords[{lang}]', ';').endswith(';'):
        errors.append(f'{desktop_path}: Keywords[{lang}] must end with a semicolon')

lang_attr = '{http://www.w3.org/XML/1998/namespace}lang'
root = ET.parse(metainfo_path).getroot()
for lang in languages:
    for tag in ('summary', 'description/p', 'description/ul/li'):
        english = [e for e in root.findall(tag) if lang_attr not in e.attrib]
        translated = [e for e in root.findall(tag) if e.attrib.get(lang_attr) == lang]
        if len(translated) != len(english):
            errors.append(f'{metainfo_path}: {len(translated)} of {len(english)} <{tag}> '
                          f'translated into {lang}')

for error in errors:
    print(error, file=sys.stderr)
if not errors:
    print(f'desktop file and metainfo translated into {", ".join(languages)}')
sys.exit(1 if errors else 0)
