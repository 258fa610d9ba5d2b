#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks one translation against the strings the sources have now.

  check-po.py SOURCE_ROOT LANG [MIN_PERCENT]

msgfmt --check must pass on po/LANG.po (format specifiers, plural forms, header), and
after merging it with a catalog freshly extracted from po/POTFILES.in (as
`ninja orderwatch-pot` does), at least MIN_PERCENT (default 95) of the messages must be
translated; fuzzy ones do not count.
"""
import os
import re
import subprocess
import sys
import tempfile

# The same keywords as meson's i18n.gettext (preset: 'glib').
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def statistics(po):
    result = run(['msgfmt', '--statistics', '-o', os.devnull, po])
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for number, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated)', result.stderr):
        counts[kind] = int(number)
    return counts


def main():
    root, lang = sys.argv[1], sys.argv[2]
    minimum = float(sys.argv[3]) if len(sys.argv) > 3 else 95.0
    po = os.path.join(root, 'po', lang + '.po')

    check = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po])
    sys.stdout.write(check.stderr)
    if check.returncode != 0:
        print(f'po/{lang}.po: msgfmt --check failed', file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'orderwatch.pot')
        merged = os.path.join(tmp, lang + '.po')
        extract = run(['xgettext', '--package-name=orderwatch', '--files-from=po/POTFILES.in',
                       '--directory=' + root, '--output=' + pot] + XGETTEXT_ARGS, cwd=root)
        if extract.returncode != 0:
            sys.stderr.write(extract.stderr)
            return 1
        merge = run(['msgmerge', '--quiet', '--output-file=' + merged, po, pot])
        if merge.returncode != 0:
            sys.stderr.write(merge.stderr)
            return 1
        counts = statistics(merged)

    total = sum(counts.values())
    percent = 100.0 * counts['translated'] / total if total else 0.0
    print(f'po/{lang}.po against the sources: {counts["translated"]} of {total} messages '
          f'translated ({percent:.1f} %), {counts["fuzzy"]} fuzzy, '
          f'{counts["untranslated"]} untranslated')
    if percent < minimum:
        print(f'po/{lang}.po is below {minimum:g} %: run `ninja -C _build orderwatch-update-po` '
              'and translate the new messages', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
