#!/usr/bin/python3
# check-reports.py TESTLOG
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the sanitizer reports the apps of a build-aux/sanitize-ui run left
# in the test log. Any AddressSanitizer error or UndefinedBehaviorSanitizer
# report fails the run, and so does any leak, but one: the 16 KB quark
# block GLib allocates in its constructor and leaks on purpose once GTK
# has made more than 2,048 quarks (glib/gquark.c). Its stack is only
# malloc and g_malloc: Debian's GLib has no frame pointers, and the
# slower unwinder that could see past it deadlocks in a GUI process.

import re
import sys


def main():
    with open(sys.argv[1], errors='replace') as f:
        text = f.read()

    failures = []
    for match in re.finditer(r'ERROR: AddressSanitizer: [^\n]*', text):
        failures.append(match.group(0))
    for match in re.finditer(r'runtime error: [^\n]*', text):
        failures.append(match.group(0))

    leaks = re.findall(r'((?:Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\) allocated from:\n'
                       r'(?:# )?((?:\s*#\d+ [^\n]*\n(?:# )?)*))', text)
    known = 0
    for block, size, count, stack in leaks:
        frames = re.findall(r'#\d+ 0x[0-9a-f]+ in (\S+)', stack)
        if size == '16384' and count == '1' and frames == ['__interceptor_malloc', 'g_malloc']:
            known += 1
            continue
        failures.append(block.strip().replace('\n# ', '\n'))

    print(f'sanitizer reports: {len(failures)} ({known} known GLib quark blocks left aside)')
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
