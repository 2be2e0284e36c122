#!/usr/bin/python3
# a11y-find.py — where a screen reader finds a widget of a running Fascia, from outside the process.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   a11y-find.py NAME [INDEX]
# prints "x y width height" (window coordinates) of the first showing accessible named NAME,
# or with INDEX, of that child of it (a list's row). Only showing parts of the tree are walked,
# as a screen reader reads a window. Exits 1 when there is none.
#
#   a11y-find.py --warm
# starts the accessibility bus and its registry and waits, up to 60 s, until both answer; exits 1
# when they did not. A test runs it before the app: GTK asks for the bus once, at start, and an
# app that found it still starting stays unseen by screen readers for its whole life.
#
#   a11y-find.py --serve PID
# answers the same questions about the process PID, one a line on standard input
# ("NAME<tab>INDEX[<tab>WITHIN]", INDEX -1 for none, -2 for the box around its children; WITHIN
# the name of a part to look inside), with one line each: "x y width height", or "-" when
# nothing so named is showing. One process for a whole test spares starting Python each time.
#
# It speaks the AT-SPI D-Bus protocol itself (the calls a screen reader's library makes) rather
# than through pyatspi, whose library listens to every event of the app for its cache: a
# process that lives through a whole test would work through thousands of them on each call.
import sys

from gi.repository import Gio, GLib

ACCESSIBLE = "org.a11y.atspi.Accessible"
COMPONENT = "org.a11y.atspi.Component"
STATE_VISIBLE = 30
WINDOW_COORDS = 1


def a11y_bus():
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    address = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 10000,
                                None).unpack()[0]
    return Gio.DBusConnection.new_for_address_sync(
        address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
        | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)


def a11y_bus_waiting():
    """The accessibility bus, asked for again while its launcher is still starting."""
    for attempt in range(40):
        try:
            return a11y_bus()
        except GLib.Error:
            if attempt == 39:
                raise
            GLib.usleep(500000)


bus = a11y_bus_waiting()


def call(node, interface, method, args=None, reply="()"):
    return bus.call_sync(node[0], node[1], interface, method, args, GLib.VariantType(reply),
                         Gio.DBusCallFlags.NONE, 10000, None).unpack()


def call_each(nodes, interface, method, args=None, reply="()"):
    """The same call to each node, sent all at once: one round trip instead of one a node.
    Each answer is its value, or None where the call failed."""
    answers = [None] * len(nodes)
    pending = [len(nodes)]

    def done(connection, result, i):
        try:
            answers[i] = connection.call_finish(result).unpack()
        except GLib.Error:
            pass
        pending[0] -= 1

    for i, node in enumerate(nodes):
        bus.call(node[0], node[1], interface, method, args, GLib.VariantType(reply),
                 Gio.DBusCallFlags.NONE, 10000, None, done, i)
    context = GLib.MainContext.default()
    while pending[0] > 0:
        context.iteration(True)
    return answers


def properties(node):
    return call(node, "org.freedesktop.DBus.Properties", "GetAll",
                GLib.Variant("(s)", (ACCESSIBLE,)), "(a{sv})")[0]


def children(node):
    return [tuple(c) for c in call(node, ACCESSIBLE, "GetChildren", None, "(a(so))")[0]]


def extents(node):
    """The box in window coordinates; None for what has no box (a stack page)."""
    try:
        return call(node, COMPONENT, "GetExtents", GLib.Variant("(u)", (WINDOW_COORDS,)),
                    "((iiii))")[0]
    except GLib.Error:
        return None


def has_box(box):
    # GTK 4.8 marks only windows as showing; a widget on a hidden page has an empty box.
    # A stack page is no widget and has no box: what it holds decides.
    return box is None or (box[0][2] > 0 and box[0][3] > 0)


def visible(node):
    try:
        state = call(node, ACCESSIBLE, "GetState", None, "(au)")[0]
    except GLib.Error:
        return False
    return bool(state) and bool(state[0] & (1 << STATE_VISIBLE))


def showing(node):
    box = extents(node)
    return visible(node) and (box is None or (box[2] > 0 and box[3] > 0))


def find(window, name):
    # The tree is read a level at a time, each question asked of the whole level at once: the
    # children of every branch, then their names and numbers of children, then the boxes of
    # those that match or have children. A leaf (most of the tree: a diagram's regions) costs
    # one call, and the whole walk a few round trips a level. The match that comes first in
    # the order a screen reader reads the window wins.
    matches = []
    frontier = [((), window)]
    for _ in range(80):
        if not frontier:
            break
        lists = call_each([node for _, node in frontier], ACCESSIBLE, "GetChildren", None,
                          "(a(so))")
        kids = [(path + (i,), tuple(kid)) for (path, _), answer in zip(frontier, lists)
                if answer is not None for i, kid in enumerate(answer[0])]
        props = call_each([kid for _, kid in kids], "org.freedesktop.DBus.Properties", "GetAll",
                          GLib.Variant("(s)", (ACCESSIBLE,)), "(a{sv})")
        wanted = [(path, kid, p[0]) for (path, kid), p in zip(kids, props)
                  if p is not None
                  and (p[0].get("Name") == name or p[0].get("ChildCount", 0) > 0)]
        boxes = call_each([kid for _, kid, _ in wanted], COMPONENT, "GetExtents",
                          GLib.Variant("(u)", (WINDOW_COORDS,)), "((iiii))")
        frontier = []
        for (path, kid, p), box in zip(wanted, boxes):
            if not has_box(box):
                continue
            if p.get("Name") == name:
                matches.append((path, kid))
            else:
                frontier.append((path, kid))
    for _, kid in sorted(matches):
        if visible(kid):
            return kid
    return None


def apps(pid):
    registry = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
    for app in children(registry):
        try:
            if pid is not None:
                owner = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                      "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                      GLib.Variant("(s)", (app[0],)), GLib.VariantType("(u)"),
                                      Gio.DBusCallFlags.NONE, 10000, None).unpack()[0]
                if owner != pid:
                    continue
            elif "fascia" not in (properties(app).get("Name") or "").lower():
                continue
        except GLib.Error:
            continue
        yield app


def union(node):
    """The box around the visible children of node, wherever they lie (a diagram's regions
    beyond its edges too); None without any."""
    kids = children(node)
    states = call_each(kids, ACCESSIBLE, "GetState", None, "(au)")
    kids = [kid for kid, state in zip(kids, states)
            if state is not None and state[0] and state[0][0] & (1 << STATE_VISIBLE)]
    boxes = [b[0] for b in call_each(kids, COMPONENT, "GetExtents",
                                     GLib.Variant("(u)", (WINDOW_COORDS,)), "((iiii))")
             if b is not None]
    boxes = [b for b in boxes if b[2] > 0 and b[3] > 0]
    if not boxes:
        return None
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


def locate(name, index, pid=None, within=None):
    """The box of the first showing accessible named name (inside the one named within, when
    given: a page hidden behind another keeps its boxes); with index >= 0 that of its index-th
    showing child, with index -2 the box around its children."""
    for app in apps(pid):
        try:
            windows = children(app)
        except GLib.Error:
            continue
        for window in windows:
            try:
                root = find(window, within) if within else window
                if root is None:
                    continue
                found = find(root, name)
                if found is None:
                    continue
                if index == -2:
                    box = union(found)
                    if box is not None:
                        return box
                    continue
                if index is not None and index >= 0:
                    rows = [r for r in children(found) if showing(r)]
                    if index >= len(rows):
                        continue
                    found = rows[index]
                box = extents(found)
                if box is not None:
                    return box
            except GLib.Error:
                continue
    return None


def warm():
    deadline = GLib.get_monotonic_time() + 60 * 1000000
    while True:
        try:
            children(("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root"))
            return True
        except GLib.Error as error:
            if GLib.get_monotonic_time() > deadline:
                print("the accessibility registry did not answer:", error.message,
                      file=sys.stderr)
                return False
            GLib.usleep(250000)


if len(sys.argv) == 2 and sys.argv[1] == "--warm":
    sys.exit(0 if warm() else 1)

if len(sys.argv) == 3 and sys.argv[1] == "--serve":
    pid = int(sys.argv[2])
    for line in sys.stdin:
        name, _, rest = line.rstrip("\n").partition("\t")
        index, _, within = rest.partition("\t")
        try:
            box = locate(name, int(index or "-1"), pid, within or None)
        except GLib.Error:
            # The registry or the app did not answer in time (a loaded machine, an app still
            # joining the bus): "not showing yet", and the test asks again.
            box = None
        print(" ".join(str(v) for v in box) if box is not None else "-", flush=True)
    sys.exit(0)

box = locate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
if box is None:
    sys.exit(1)
print(*box)
