#!/usr/bin/python3
"""Check the generated diagrams with librsvg (needs python3-gi with Rsvg 2.0 and pycairo):
every region renders to a non-empty mask inside the canvas, and every muscle's mask touches
(within a few px) the mask of every drawn landmark its attachments in muscles.json name, in at
least one view;
every trigger point lies on its muscle; labels stay on the canvas and clear of each other. Run: /usr/bin/python3 build-aux/diagrams/check.py resources/diagrams
"""
import json
import re
import subprocess
import sys
import os

import gi
gi.require_version('Rsvg', '2.0')
from gi.repository import Rsvg  # noqa: E402
import cairo  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from geom import segment_through_box  # noqa: E402

SC = 0.5
WW, HH = int(1200 * SC), int(1500 * SC)
NONZERO = bytes([0] + [255] * 255)

def load_attachments(d):
    """(muscle, landmark) pairs from the atlas card data: every landmark a muscle's origins or
    insertions name that is drawn in some view.  Reads resources/atlas/muscles.json and
    landmarks.json beside the diagrams directory, or, where the branch does not carry them,
    the ones on main (git show main:...)."""
    def load(name):
        p = os.path.join(d, '..', 'atlas', name)
        if os.path.exists(p):
            with open(p, encoding='utf-8') as fh:
                return json.load(fh)
        out = subprocess.run(['git', 'show', 'main:resources/atlas/' + name], capture_output=True, check=True,
                             cwd=os.path.dirname(os.path.abspath(d)) or '.')
        return json.loads(out.stdout)
    drawn = {lm['id'] for lm in load('landmarks.json')['landmarks'] if lm.get('drawn', True)}
    pairs = {}
    for m in load('muscles.json')['muscles']:
        lms = []
        for a in m['origins'] + m['insertions']:
            for lm in a['landmarks']:
                if lm in drawn and lm not in lms:
                    lms.append(lm)
        pairs[m['id']] = lms
    return pairs


# Attachments are tested the way tests/render/test-views.c does: each region rendered alone at
# full size, a pixel is in it where its alpha is >= 128, the muscle grown by a square brush of 3 px.
FULL_W, FULL_H = 1200, 1500
HALF = bytes([0] * 128 + [255] * 128)
SLACK = 3


def mask(handle, rid, scale=SC, table=NONZERO):
    w, h = int(1200 * scale), int(1500 * scale)
    surf = cairo.ImageSurface(cairo.FORMAT_A8, w, h)
    cr = cairo.Context(surf)
    vp = Rsvg.Rectangle()
    vp.x, vp.y, vp.width, vp.height = 0, 0, w, h
    handle.render_layer(cr, '#' + rid, vp)
    surf.flush()
    stride = surf.get_stride()
    data = bytes(surf.get_data())
    rows = [data[i * stride:i * stride + w] for i in range(h)]
    return b''.join(rows).translate(table)


def dilate(m, k, w):
    v = int.from_bytes(m, 'big')
    out = v
    for dx in range(-k, k + 1):
        for dy in range(-k, k + 1):
            s = dx + dy * w
            out |= (v << (8 * s)) if s > 0 else (v >> (-8 * s))
    return out & ((1 << (8 * len(m))) - 1)


def text_boxes(text):
    """(label, x0, y0, x1, y1) of every label, measured with the labels' font, and the leader lines
    ((x, y) points) of the labels group."""
    lab = re.search(r'<g id="labels"[^>]*font-size="([0-9.]+)"[^>]*>(.*?)</g>', text, re.S)
    fs = float(lab.group(1))
    surf = cairo.ImageSurface(cairo.FORMAT_A8, 4, 4)
    cr = cairo.Context(surf)
    cr.select_font_face('Cantarell')
    cr.set_font_size(fs)
    boxes = []
    for m in re.finditer(r'<text x="([-0-9.]+)" y="([-0-9.]+)"( text-anchor="end")?>(.*?)</text>', lab.group(2)):
        x, y, end = float(m.group(1)), float(m.group(2)), m.group(3)
        # a label broken onto lines has a tspan each, 1.2 em apart
        lines = [re.sub(r'<[^>]*>', '', t).replace('&amp;', '&') for t in re.split(r'</tspan>', m.group(4)) if t]
        lines = [t for t in lines if t]
        w = max(cr.text_extents(t).x_advance for t in lines)
        x0 = x - w if end else x
        boxes.append((' '.join(lines), x0, y - fs * 0.78, x0 + w, y + fs * 0.24 + fs * 1.2 * (len(lines) - 1)))
    leaders = []
    for m in re.finditer(r'<path d="M([-0-9.]+),([-0-9.]+) L([-0-9.]+),([-0-9.]+) L([-0-9.]+),([-0-9.]+)"', lab.group(2)):
        v = [float(g) for g in m.groups()]
        leaders.append([(v[0], v[1]), (v[2], v[3]), (v[4], v[5])])
    return boxes, leaders


def check_labels(view, text):
    """Labels stay on the canvas, do not overlap each other, and no leader line runs through
    another label."""
    ok = True
    boxes, leaders = text_boxes(text)
    for b in boxes:
        if b[1] < 2 or b[3] > 1198 or b[2] < 2 or b[4] > 1498:
            print('LABEL OFF CANVAS', view, b[0])
            ok = False
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                print('LABELS OVERLAP', view, a[0], '/', b[0])
                ok = False
    for i, ld in enumerate(leaders):
        for j, b in enumerate(boxes):
            box = b[1:5]
            if i != j and (segment_through_box(ld[0], ld[1], box) or segment_through_box(ld[1], ld[2], box)):
                print('LEADER THROUGH LABEL', view, boxes[i][0], '->', b[0])
                ok = False
    return ok


def main(d):
    ok = True
    masks = {}
    handles = {}
    for fn in sorted(os.listdir(d)):
        if not fn.endswith('.svg'):
            continue
        view = fn[:-4]
        text = open(os.path.join(d, fn)).read().replace('display="none"', '')
        ok = check_labels(view, text) and ok
        h = Rsvg.Handle.new_from_data(text.encode())
        handles[view] = h
        ids = [i for i in re.findall(r'\bid="((?:m|b|tp|rz)-[^"]+)"', text)]
        for rid in ids:
            m = mask(h, rid)
            if m.count(0) == len(m):
                print('EMPTY', view, rid)
                ok = False
            masks[(view, rid)] = m
    # attachments, at full size, one view at a time
    todo = {(mus, lm) for mus, lms in load_attachments(d).items() for lm in lms}
    for view, h in handles.items():
        full = {}

        def get(rid, grow):
            if (rid, grow) not in full:
                m = mask(h, rid, 1.0, HALF)
                full[(rid, grow)] = dilate(m, SLACK, FULL_W) if grow else int.from_bytes(m, 'big')
            return full[(rid, grow)]
        for mus, lm in sorted(todo):
            for (v2, rid) in masks:
                if v2 != view or not re.match(r'^m-%s(-[lr])?$' % mus, rid):
                    continue
                side = rid[-2:] if rid[-2:] in ('-l', '-r') else ''
                cands = [c for c in ('b-%s%s' % (lm, side), 'b-' + lm) if (view, c) in masks]
                if any(get(c, False) & get(rid, True) for c in cands):
                    todo.discard((mus, lm))
                    break
    for mus, lm in sorted(todo):
        print('NO OVERLAP', mus, lm)
        ok = False
    # trigger points on their muscles
    for (view, rid), m in masks.items():
        mt = re.match(r'^tp-(.+)-\d+(-[lr])$', rid)
        if mt:
            mm = masks.get((view, 'm-%s%s' % (mt.group(1), mt.group(2))))
            if mm is None or not (int.from_bytes(mm, 'big') & int.from_bytes(m, 'big')):
                print('TP OFF MUSCLE', view, rid)
                ok = False
    print('ok' if ok else 'FAILED', len(masks), 'regions')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'resources/diagrams'))
