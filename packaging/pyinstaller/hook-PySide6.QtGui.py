"""Desk's replacement for PyInstaller's PySide6.QtGui hook: the same collection, fewer Qt plugins.

A hook in the spec's `hookspath` takes priority over the built-in one of the same name. Plugins are
dropped HERE, before PyInstaller resolves their shared libraries: removing them after Analysis
would leave behind what they pulled in (the virtual-keyboard plugin alone brings Qt Quick and
QML, ~17 MB; the GTK theme brings GTK, cairo and pango).
"""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# plugin type -> plugins kept (file stems without "lib"); a type not listed is kept whole.
KEEP = {
    # offscreen: `desk selfcheck` and tests; xcb: Linux desktops; windows: Windows; cocoa: macOS.
    "platforms": {"qoffscreen", "qxcb", "qwindows", "qcocoa"},
    # compose and ibus: typing Vietnamese on Linux (ibus-unikey, ibus-bamboo); no virtual keyboard.
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "imageformats": {"qsvg", "qico", "qgif", "qjpeg"},
    "iconengines": {"qsvgicon"},
    "platformthemes": set(),
    "egldeviceintegrations": set(),
    "generic": set(),
    "wayland-decoration-client": set(),
    "wayland-graphics-integration-client": set(),
    "wayland-shell-integration": set(),
}


def _plugin(src: str) -> tuple[str, str] | None:
    """(plugin type, plugin stem) for a file under Qt's plugins folder, else None."""
    parts = PurePath(src).parts
    for i in range(len(parts) - 2, 0, -1):
        if parts[i - 1] == "plugins":
            stem = PurePath(parts[-1]).stem
            return "/".join(parts[i:-1]), stem[3:] if stem.startswith("lib") else stem
    return None


def keep(src: str) -> bool:
    found = _plugin(src)
    if found is None:
        return True
    kind, stem = found
    return kind not in KEEP or stem in KEEP[kind]


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if keep(src)]
