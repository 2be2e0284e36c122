#!/usr/bin/python3
# test-a11y-tree.py — what a screen reader finds in the running window, read from outside.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real binary on a demo clinic with the accessibility bridge on, finds it on the
# AT-SPI bus as Orca does (pyatspi), shows each page, and walks the whole tree: every button,
# drop-down, entry, list and list row must have a real name — not empty, not a GTK class
# name ("GtkImage", "GtkToggleButton"), not a raw mnemonic ("_New Client New Client").
# Prints TAP. Run it under `xvfb-run -a dbus-run-session --` with FASCIA_BINARY and
# FASCIA_XDOTOOL set; it is not in the suite until it passes (see tests/ui/meson.build).

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# The test suite makes GLib warnings fatal for the program under test; a screen reader's
# own library warns about objects that come and go, which is not this test's business.
if "G_DEBUG" in os.environ:
    os.environ.pop("G_DEBUG")
    os.execv(sys.executable, [sys.executable] + sys.argv)

import pyatspi  # noqa: E402

CHECKED_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_LINK, pyatspi.ROLE_MENU_ITEM,
}
CLASS_NAME = re.compile(r"^(Gtk|Adw|Fascia)[A-Z]\w*$")

binary = os.environ["FASCIA_BINARY"]
tmp = tempfile.mkdtemp(prefix="fascia-a11y-")
db = os.path.join(tmp, "demo.db")
env = dict(os.environ)
env.pop("NO_AT_BRIDGE", None)
env.pop("GTK_A11Y", None)
env["XDG_CACHE_HOME"] = tmp
env["XDG_DATA_HOME"] = tmp

n_test = 0
failed = False


def ok(good, what):
    global n_test, failed
    n_test += 1
    print(("ok" if good else "not ok") + f" {n_test} {what}", flush=True)
    failed = failed or not good


def find_app(pid):
    desk = pyatspi.Registry.getDesktop(0)
    for i in range(desk.childCount):
        app = desk.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            pass
    return None


def walk(node, path, problems, depth=0):
    if node is None or depth > 80:
        return
    try:
        role = node.getRole()
        name = (node.name or "").strip()
    except Exception:
        return
    here = f"{path} > [{node.getRoleName()}] {name!r}"
    if role in CHECKED_ROLES:
        if name == "" or CLASS_NAME.match(name) or name.startswith("_") or " _" in name:
            problems.append(here)
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        walk(child, here if depth < 3 else path, problems, depth + 1)


def count_roles(node, counts, depth=0):
    if node is None or depth > 80:
        return
    try:
        counts[node.getRole()] = counts.get(node.getRole(), 0) + 1
    except Exception:
        return
    for i in range(node.childCount):
        try:
            count_roles(node.getChildAtIndex(i), counts, depth + 1)
        except Exception:
            pass


print("1..4", flush=True)
subprocess.run([binary, "--create-demo", db], env=env, check=True, stdout=subprocess.DEVNULL)
proc = subprocess.Popen([binary, "--database", db], env=env)
try:
    app = None
    for _ in range(600):
        app = find_app(proc.pid)
        if app is not None and app.childCount > 0:
            break
        time.sleep(0.1)
    ok(app is not None and app.childCount > 0, "the window is on the accessibility bus")
    if app is None:
        sys.exit(1)

    problems = []
    for key in ("alt+2", "alt+3", "alt+1"):
        subprocess.run([env.get("FASCIA_XDOTOOL", "xdotool"), "key", "--clearmodifiers", key],
                       env=env, check=False)
        time.sleep(2)
        walk(app, "fascia", problems)

    counts = {}
    count_roles(app, counts)
    ok(counts.get(pyatspi.ROLE_PUSH_BUTTON, 0) > 20, "buttons of every page are in the tree")
    ok(counts.get(pyatspi.ROLE_COMBO_BOX, 0) > 0, "drop-downs are in the tree")

    unique = sorted(set(problems))
    for line in unique:
        print(f"# no real name: {line}", flush=True)
    ok(not unique, f"every control has a real name ({len(unique)} without)")
finally:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)

sys.exit(1 if failed else 0)
