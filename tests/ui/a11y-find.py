#!/usr/bin/python3
# a11y-find.py — where a screen reader finds a widget of a running Fascia, from outside the process.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   a11y-find.py NAME [INDEX]
# prints "x y width height" (window coordinates) of the first showing accessible named NAME,
# or with INDEX, of that child of it (a list's row). Only showing parts of the tree are walked,
# as a screen reader reads a window. Exits 1 when there is none.
import sys
import pyatspi

name = sys.argv[1]
index = int(sys.argv[2]) if len(sys.argv) > 2 else None


def showing(node):
    # GTK 4.8 marks only windows as showing; a widget on a hidden page has an empty box.
    # A stack page is no widget and has no box: what it holds decides.
    try:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return False
    except Exception:
        return False
    try:
        component = node.queryComponent()
    except NotImplementedError:
        return True
    try:
        x, y, w, h = component.getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    return w > 0 and h > 0


def find(node, depth=0):
    if node is None or depth > 80:
        return None
    if node.name == name and showing(node):
        return node
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is None or not showing(child):
            continue
        found = find(child, depth + 1)
        if found is not None:
            return found
    return None


desktop = pyatspi.Registry.getDesktop(0)
for i in range(desktop.childCount):
    app = desktop.getChildAtIndex(i)
    if app is None or "fascia" not in (app.name or "").lower():
        continue
    for j in range(app.childCount):
        window = app.getChildAtIndex(j)
        found = find(window)
        if found is None:
            continue
        if index is not None:
            rows = [found.getChildAtIndex(k) for k in range(found.childCount)]
            rows = [r for r in rows if r is not None and showing(r)]
            if index >= len(rows):
                continue
            found = rows[index]
        x, y, w, h = found.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        print(x, y, w, h)
        sys.exit(0)
sys.exit(1)
