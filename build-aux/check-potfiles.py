#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when po/POTFILES.in misses a file with translatable strings, or lists one that
does not exist, so no user-visible text silently stays out of the catalog; and when a
translatable string uses a GLib format macro such as G_GINT64_FORMAT, which xgettext cannot
expand (the msgid is cut at the "%" and the message is never translated): use PRId64,
PRIu64 from <inttypes.h>, which gettext knows.

  check-potfiles.py SOURCE_ROOT
"""
import glob
import os
import re
import sys

# _("…"), N_("…"), C_("ctx", "…"), g_dngettext (GETTEXT_PACKAGE, "…") and friends.
C_MARK = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|g_dpgettext2|ngettext)\s*\(\s*(?:GETTEXT_PACKAGE\s*,\s*)?"')
UI_MARK = re.compile(r'translatable="yes"')
GLIB_FORMAT = re.compile(r'\bG_G[A-Z0-9]+_(?:FORMAT|MODIFIER)\b')


def marked_calls(source):
    """(line, text) of each gettext call in C @source, up to its closing parenthesis."""
    for match in C_MARK.finditer(source):
        depth, i = 0, source.index('(', match.start())
        start = i
        while i < len(source):
            c = source[i]
            if c == '(':
                depth += 1
            elif c == ')':
                depth -= 1
                if depth == 0:
                    break
            elif c == '"':
                i += 1
                while i < len(source) and source[i] != '"':
                    i += 2 if source[i] == '\\' else 1
            i += 1
        yield source.count('\n', 0, match.start()) + 1, source[start:i + 1]


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith('#')}

    problems = []
    for path in sorted(listed):
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'{path} is listed in po/POTFILES.in but does not exist')

    candidates = [(p, C_MARK) for p in glob.glob('src/**/*.c', root_dir=root, recursive=True)]
    candidates += [(p, UI_MARK) for p in glob.glob('ui/*.ui', root_dir=root)]
    for path, mark in sorted(candidates):
        with open(os.path.join(root, path), encoding='utf-8') as f:
            source = f.read()
        if mark.search(source) and path not in listed:
            problems.append(f'{path} has translatable strings; add it to po/POTFILES.in')
        if mark is C_MARK:
            for line, call in marked_calls(source):
                macro = GLIB_FORMAT.search(call)
                if macro:
                    problems.append(f'{path}:{line}: {macro.group(0)} in a translatable string '
                                    'cannot be extracted; use PRId64 or PRIu64 (<inttypes.h>)')
    for path in ['data/io.github.orderwatch.Orderwatch.desktop.in.in',
                 'data/io.github.orderwatch.Orderwatch.metainfo.xml.in',
                 'data/io.github.orderwatch.Orderwatch.gschema.xml',
                 'po/policy-texts.h']:
        if path not in listed:
            problems.append(f'{path} is translated; add it to po/POTFILES.in')

    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f'po/POTFILES.in lists all {len(listed)} files with translatable strings')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
