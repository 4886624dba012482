#!/usr/bin/python3
# test-translations.py BRIEFING SCHEMA_DIR LOCALE_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window in German and in French: the app started under de_DE.UTF-8,
# then fr_FR.UTF-8, with BRIEFING_LOCALEDIR pointing at the build's
# translations (LOCALE_DIR/<lang>/LC_MESSAGES/briefing.mo), shows the
# sidebar's list, its filter buttons, the unread count in the language's
# plural form, the empty article page and the main menu (F10) in that
# language, and none of them in English. A screenshot of each:
# SCREENSHOT_DIR/translations-<lang>.png and translations-<lang>-menu.png.
#
# Skips (77) unless both locales are generated (build-aux/dev test does
# that on Debian).

import os
import re
import subprocess
import sys

from briefing_ui import SKIP, App, click, find, find_all, log, press, require_display, texts, wait_for

ENGLISH = {
    'list': 'Briefings',
    'filters': ['All', 'Unread', 'Starred'],
    'empty': 'No Briefing Selected',
    'menu': ['Add Source…', 'Mark All as Read', 'Preferences', 'Keyboard Shortcuts', 'About Briefing'],
}

LANGUAGES = [
    {
        'lang': 'de',
        'locale': 'de_DE.UTF-8',
        'list': 'Meldungen',
        'filters': ['Alle', 'Ungelesen', 'Favoriten'],
        # Plural-Forms: nplurals=2; plural=(n != 1)
        'unread': lambda n: f'{n} ungelesen',
        'empty': 'Keine Meldung ausgewählt',
        'menu': ['Quelle hinzufügen …', 'Alle als gelesen markieren', 'Einstellungen', 'Tastenkombinationen',
                 'Info zu Briefing'],
    },
    {
        'lang': 'fr',
        'locale': 'fr_FR.UTF-8',
        'list': 'Articles',
        'filters': ['Tous', 'Non lus', 'Favoris'],
        # Plural-Forms: nplurals=2; plural=(n > 1)
        'unread': lambda n: f'{n} non lu' if n <= 1 else f'{n} non lus',
        'empty': 'Aucun article sélectionné',
        'menu': ['Ajouter une source…', 'Tout marquer comme lu', 'Préférences', 'Raccourcis clavier',
                 'À propos de Briefing'],
    },
]


def available_locales():
    """The names `locale -a` lists, as glibc spells them ("de_DE.utf8")."""
    try:
        out = subprocess.run(['locale', '-a'], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return set()
    return {name.strip().lower() for name in out.splitlines()}


def has_locale(name, available):
    return name.lower() in available or name.lower().replace('utf-8', 'utf8') in available


def names(root, roles):
    found = []
    for role in roles:
        found += [a.get_name() for a in find_all(root, role=role)]
    return found


def unread_count(window, language):
    """The sidebar subtitle's unread count as the language writes it:
    (count, text), or None while it is not there."""
    for text in texts(window):
        match = re.fullmatch(r'(\d+) \D+', text or '')
        if match and text == language['unread'](int(match.group(1))):
            return int(match.group(1)), text
    return None


def menu_item(window, app, name):
    """A main menu item by name (the popover is a window of its own on
    X11, so it may hang under the app rather than the main window)."""
    return find(window, role='menu item', name=name) or find(app.accessible, role='menu item', name=name)


def check_language(binary, schema_dir, locale_dir, screenshot_dir, language):
    lang = language['lang']
    app = App(binary, schema_dir, screenshot_dir)
    app.env['LANG'] = language['locale']
    app.env['LC_ALL'] = language['locale']
    app.env['LANGUAGE'] = lang
    app.env['BRIEFING_LOCALEDIR'] = locale_dir
    try:
        app.start()
        window = app.window()

        # The sidebar's list, named in the language, with the samples.
        briefings = wait_for(lambda: find(window, role='list', name=language['list']),
                             what=f'the list named {language["list"]!r}')
        wait_for(lambda: briefings.get_child_count() > 0, what='the sample briefings')
        assert find(window, role='list', name=ENGLISH['list']) is None, 'the list still has its English name'
        log(f'{lang}: the list is named {language["list"]!r}')

        # The filter buttons (toggle buttons: "push button" in GTK 4.8).
        buttons = names(window, ['push button', 'toggle button'])
        for name in language['filters']:
            assert name in buttons, f'{lang}: no filter button {name!r} among {buttons}'
        for name in ENGLISH['filters']:
            assert name not in buttons, f'{lang}: the filter button {name!r} is in English'
        log(f'{lang}: filter buttons {language["filters"]}')

        # A plural: every sample is unread, and the subtitle counts them
        # with the language's plural form.
        count, text = wait_for(lambda: unread_count(window, language), what=f'the unread count in {lang}')
        assert count > 1, f'{lang}: {count} unread; the test wants a plural'
        assert f'{count} unread' not in texts(window), f'{lang}: the unread count is in English'
        log(f'{lang}: subtitle {text!r}')

        # The article side before a briefing is chosen.
        wait_for(lambda: find(window, role='label', name=language['empty']), what=f'{language["empty"]!r}')
        assert find(window, role='label', name=ENGLISH['empty']) is None
        app.screenshot(f'translations-{lang}')

        # The main menu, by its key: the keyboard focus is in the window
        # once it has been clicked (no window manager to give it).
        click(find(window, role='label', name=language['empty']))
        press('F10')
        wait_for(lambda: menu_item(window, app, language['menu'][0]), what='the main menu to open with F10')
        for name in language['menu']:
            assert menu_item(window, app, name) is not None, f'{lang}: no menu item {name!r}'
        for name in ENGLISH['menu']:
            assert menu_item(window, app, name) is None, f'{lang}: the menu item {name!r} is in English'
        log(f'{lang}: main menu {language["menu"]}')
        app.screenshot(f'translations-{lang}-menu')
        press('Escape')

        warnings = app.warnings()
        assert not warnings, 'the app logged criticals or warnings:\n' + '\n'.join(warnings)
    finally:
        app.stop()


def main():
    binary, schema_dir, locale_dir, screenshot_dir = sys.argv[1:5]
    require_display()

    available = available_locales()
    missing = [language['locale'] for language in LANGUAGES if not has_locale(language['locale'], available)]
    if missing:
        print(f'# skipping: the locales {", ".join(missing)} are not generated (locale -a); '
              'build-aux/dev test generates them')
        sys.exit(SKIP)

    for language in LANGUAGES:
        mo = os.path.join(locale_dir, language['lang'], 'LC_MESSAGES', 'briefing.mo')
        assert os.path.isfile(mo), f'{mo} is missing: the translations are not built'

    for language in LANGUAGES:
        check_language(binary, schema_dir, locale_dir, screenshot_dir, language)

    print('ok')


if __name__ == '__main__':
    main()
