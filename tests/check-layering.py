#!/usr/bin/env python3
# check-layering.py SOURCE_ROOT
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layering rules DESIGN.md and docs/ARCHITECTURE.md state, checked
# over the sources rather than trusted:
#
# 1. Each .c file includes its own header first (after config.h), so every
#    header compiles on its own.
# 2. Nothing outside src/core includes a core "-private.h" header: the UI
#    and the command line see the core through its public headers only.
# 3. The feed parser is layered: the front door (briefing-feed-parser.c)
#    dispatches to the format parsers (JSON; XML, three files), which fill
#    drafts (briefing-entry-draft.c). No module calls a function defined in
#    a module above it, so the calls form no circle.
# 4. The UI reaches the store only through its named asynchronous
#    operations (briefing-store-tasks.h) and signals: no file in src/ui
#    calls a synchronous store function (which would block the main loop
#    or need a thread of the UI's own) or queues work on the store's
#    worker. Opening the store at startup is the one exception.
#
# It prints every breach with its file and line, and fails if there is one.

import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
SRC = os.path.join(ROOT, 'src')

# Parser modules, lowest first: a module may call only the ones before it.
PARSER_LAYERS = [
    ('entry draft', ['briefing-entry-draft.c']),
    ('JSON parser', ['briefing-feed-parser-json.c']),
    ('XML parser', ['briefing-feed-parser-xml.c', 'briefing-feed-parser-xml-entry.c',
                    'briefing-feed-parser-xml-util.c']),
    ('front door', ['briefing-feed-parser.c']),
]

INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]([^>"]+)[>"]')
# GNU style: the name of a defined function starts its line, the return
# type on the line before; static ones are private to their file anyway.
DEFINITION = re.compile(r'^(briefing_\w+)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/', re.S)
STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def sources(*parts):
    top = os.path.join(SRC, *parts)
    for directory, _, names in os.walk(top):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                yield os.path.join(directory, name)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def rel(path):
    return os.path.relpath(path, ROOT)


def own_header_first(breaches):
    for path in sources():
        if not path.endswith('.c'):
            continue
        header = os.path.basename(path)[:-2] + '.h'
        if not os.path.exists(os.path.join(os.path.dirname(path), header)):
            continue
        for number, line in enumerate(read(path).splitlines(), 1):
            match = INCLUDE.match(line)
            if not match or match.group(1) == 'config.h':
                continue
            if match.group(1) != header:
                breaches.append(f'{rel(path)}:{number}: includes {match.group(1)} before its own {header}')
            break


def no_core_private_outside_core(breaches):
    private = {os.path.basename(p) for p in sources('core') if p.endswith('-private.h')}
    core = os.path.join(SRC, 'core') + os.sep
    for path in sources():
        if path.startswith(core):
            continue
        for number, line in enumerate(read(path).splitlines(), 1):
            match = INCLUDE.match(line)
            if match and match.group(1) in private:
                breaches.append(f'{rel(path)}:{number}: includes the core\'s private {match.group(1)}')


def parser_layers(breaches):
    core = os.path.join(SRC, 'core')
    defined_in = {}
    for layer, (_, files) in enumerate(PARSER_LAYERS):
        for name in files:
            for line in read(os.path.join(core, name)).splitlines():
                match = DEFINITION.match(line)
                if match:
                    defined_in[match.group(1)] = layer
    if not defined_in:
        breaches.append('no parser functions found: is PARSER_LAYERS out of date?')
    call = re.compile(r'\b(' + '|'.join(sorted(defined_in)) + r')\s*\(')
    for layer, (module, files) in enumerate(PARSER_LAYERS):
        for name in files:
            text = STRING.sub('""', COMMENT.sub(lambda m: '\n' * m.group(0).count('\n'), read(os.path.join(core, name))))
            for number, line in enumerate(text.splitlines(), 1):
                if DEFINITION.match(line):
                    continue
                for match in call.finditer(line):
                    callee = defined_in[match.group(1)]
                    if callee > layer:
                        breaches.append(f'src/core/{name}:{number}: the {module} calls {match.group(1)}(), '
                                        f'defined in the {PARSER_LAYERS[callee][0]} above it')


STORE_CALL = re.compile(r'\b(briefing_store_\w+)\s*\(')
UI_STORE_ALLOWED = {'briefing_store_open'}


def ui_store_async_only(breaches):
    for path in sources('ui'):
        if not path.endswith('.c'):
            continue
        text = STRING.sub('""', COMMENT.sub(lambda m: '\n' * m.group(0).count('\n'), read(path)))
        for number, line in enumerate(text.splitlines(), 1):
            for match in STORE_CALL.finditer(line):
                name = match.group(1)
                if name.endswith(('_async', '_finish', '_get_type')) or name in UI_STORE_ALLOWED:
                    continue
                breaches.append(f'{rel(path)}:{number}: the UI calls {name}(); use the store\'s '
                                f'_async operation (briefing-store-tasks.h)')


def main():
    breaches = []
    own_header_first(breaches)
    no_core_private_outside_core(breaches)
    parser_layers(breaches)
    ui_store_async_only(breaches)
    for breach in breaches:
        print(breach)
    if breaches:
        print(f'{len(breaches)} layering breach(es)')
        return 1
    print('layering: own headers first, no core private header outside core, parser layers without a circle, '
          'the UI on the store\'s async operations only')
    return 0


if __name__ == '__main__':
    sys.exit(main())
