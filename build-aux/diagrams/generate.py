#!/usr/bin/env python3
"""Generate Fascia's four diagram views (SVG) and resources/atlas/views.json.

    python3 build-aux/diagrams/generate.py resources/diagrams

All four views are drawn from the one landmark table in skeleton.py, with one scale and one
style; see resources/diagrams/README.md for the canvas, style and region id convention.
Standard library only.  Drawings: CC BY-SA 4.0.
"""

import bisect
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from geom import (P, f, runs_where, lerp, add, sub, mul, norm, dist, smooth, segments, seg_d, sample,  # noqa: E402
                  curve_eval, ellipse_pts, ribbon, ribbon_poly, hatch, lines_d, Sheet, bez,
                  point_in_poly, offset_line, segment_through_box, polygons_difference)
import skeleton as SK  # noqa: E402
from skeleton import LM, SCALE  # noqa: E402

W, H = 1200, 1500

# ---- style -------------------------------------------------------------------------------
BONE = 'fill="#f4ecd8" stroke="#5b4a3a" stroke-width="2" stroke-linejoin="round"'
BONE_THIN = 'fill="none" stroke="#5b4a3a" stroke-width="1.1" stroke-linecap="round"'
BONE_DETAIL = 'fill="none" stroke="#8c7a64" stroke-width="1" stroke-linecap="round"'
BONE_SHADE = 'fill="#e9dcc0" stroke="none"'
HOLE = 'fill="#ffffff" stroke="#5b4a3a" stroke-width="1.6"'
# an opening between bone and ligament seen into, its outline hidden under them (the lesser sciatic foramen)
FORAMEN = 'fill="#d3cfc8" stroke="#5b4a3a" stroke-width="1.2"'
DISC = 'fill="#dfe5e8" stroke="#5b4a3a" stroke-width="1.4"'
LANDMARK = 'fill="#ecdfc2" stroke="#5b4a3a" stroke-width="1.2"'
LINE_MARK = 'fill="none" stroke="#7d6549" stroke-width="3.2" stroke-linecap="round"'
LIGAMENT = 'fill="#e8dcc8" fill-opacity="0.95" stroke="#8a7458" stroke-width="1.2"'
LIG_FIBRE = 'fill="none" stroke="#b9a582" stroke-width="0.9"'
# fasciae: translucent silver-white sheets, the muscle or bone beneath showing through (bone is opaque ivory
# with a dark outline, tendon and aponeurosis opaque cream)
FASCIA = 'fill="#e9eef1" fill-opacity="0.62" stroke="#7f909c" stroke-width="1.3"'
ITB = 'fill="#e9eef1" fill-opacity="0.72" stroke="#7f909c" stroke-width="1.3" stroke-linejoin="round"'
# the tract seen from in front lying on vastus lateralis, the muscle's fibres showing through it
ITB_ON_MUSCLE = 'fill="#e9eef1" fill-opacity="0.5" stroke="#7f909c" stroke-width="1.3" stroke-linejoin="round"'
FASCIA_FIBRE = 'fill="none" stroke="#93a4b0" stroke-width="0.8" stroke-opacity="0.85"'
MUSCLE = {
    'deep': 'fill="#b5362a" fill-opacity="0.93" stroke="#6e1f17" stroke-width="1.5" stroke-linejoin="round"',
    'mid': 'fill="#c0392b" fill-opacity="0.93" stroke="#6e1f17" stroke-width="1.5" stroke-linejoin="round"',
    'sup': 'fill="#cb4b3b" fill-opacity="0.93" stroke="#6e1f17" stroke-width="1.5" stroke-linejoin="round"',
}
FIBRE = 'fill="none" stroke="#7a2219" stroke-width="0.9" stroke-opacity="0.75" stroke-linecap="round"'
TENDON = 'fill="#efe4d0" stroke="#8a7458" stroke-width="1.3" stroke-linejoin="round"'
TENDON_FIBRE = 'fill="none" stroke="#bda98a" stroke-width="0.8"'
CUT = 'fill="none" stroke="#4a1510" stroke-width="1.3" stroke-dasharray="3 2.5"'
RZ = 'fill="#e53935" fill-opacity="0.28" stroke="#c62828" stroke-width="1.4" stroke-dasharray="5 3"'
RZ_HATCH = 'fill="none" stroke="#c62828" stroke-width="1.1" stroke-opacity="0.7"'
FONT = 'font-family="Cantarell, &quot;DejaVu Sans&quot;, sans-serif"'


class View:
    """A view: a projection of the landmark table onto the canvas, and the SVG it builds."""

    def __init__(self, vid, kind, x0, y0, frame, title, description, scale=SCALE, font_size=17):
        self.id, self.kind, self.x0, self.y0 = vid, kind, x0, y0
        self.scale = scale              # canvas units per mm: SCALE, but for the medial view, which frames less,
                                        # and the superficial views, which frame more (PS_SCALE, FS_SCALE)
        self.font_size = font_size
        self.frame = frame              # (top, bottom) in mm of y
        self.ymin = frame[0]            # points above are clamped (a view may run shapes off its top edge)
        self.title, self.description = title, description
        self.layers = {'bones': [], 'muscles': [], 'nerves': [], 'trigger-points': [], 'referral': []}
        self.labels = []                # (text, anchor canvas point, side or None, height it sorts by)
        self.anchors = {}
        self.sides = (1, -1) if kind not in ('lat', 'med') else (-1,)
        self.label_gap = {'L': 14, 'R': 14}  # how far (canvas units) a column's labels keep from the drawing
        self.labels_below = 0           # how far (canvas units) labels may run below the regions' foot
        self.defs = []                  # masks that parts seen through what lies in front of them are hit by

    # (a, y): a = x for coronal views (subject's left side positive), z for the lateral view
    def p(self, pt, side=1):
        a, y = pt[0], pt[1]
        y = min(max(y, self.ymin), self.frame[1])
        k = self.scale
        if self.kind == 'ant':
            X = self.x0 + k * a * side
        elif self.kind == 'post':
            X = self.x0 - k * a * side
        elif self.kind == 'med':
            X = self.x0 - k * a           # seen from the midline: anterior to the viewer's left
        else:
            X = self.x0 + k * a
        out = (X, self.y0 + k * (y - self.frame[0]))
        if len(pt) > 2 and pt[2] == 'c':
            return out + ('c',)
        return out

    def ps(self, pts, side=1):
        return [self.p(q, side) for q in pts]

    def add(self, layer, s):
        self.layers[layer].append(s)

    def label(self, text, pt, side=1, col=None, below=None):
        """A label for the point pt, in column col (L or R, else the side of the canvas it lies on). Its
        column lists its labels in the order of their points' heights; below (mm) sorts it as if its point
        lay that low, so that its leader runs below the labels of points above that."""
        a = self.p(pt, side)
        self.labels.append((text, a, col, self.p((pt[0], below), side)[1] if below is not None else a[1]))


def sfx(side, view=None):
    if view is not None and view.kind in ('lat', 'med'):
        return '-r'
    return '-l' if side == 1 else '-r'


def path(d, style, rid=None):
    i = ' id="%s"' % rid if rid else ''
    return '<path%s d="%s" %s/>' % (i, d, style)


def group(rid, parts):
    return '<g id="%s">%s</g>' % (rid, ''.join(parts))


# A thing seen through what lies in front of it (dashed, drawn over it) is what a click there finds only
# where nothing is drawn in front of it: its drawn parts take no clicks (seen_only: pointer-events="none"),
# and a copy of its outline that is never drawn (display="none"), masked off wherever the shapes in front of
# it lie (clear_of), takes them (hit_where_clear: pointer-events="all"). FasciaDiagram's hit masks leave out
# the first and render the second; the mask costs nothing when the view is drawn, since the copy is not.
def seen_only(parts):
    """Parts drawn but never hit."""
    return [re.sub(r'^<(path|g)\b', r'<\1 pointer-events="none"', p_) for p_ in parts]


def clear_of(v, mid, shapes, grow=1.0):
    """A mask (in v's defs) that is clear everywhere but over shapes (path data), each grown by grow."""
    v.defs.append('<mask id="%s" maskUnits="userSpaceOnUse" x="0" y="0" width="%d" height="%d">'
                  '<rect width="%d" height="%d" fill="#fff"/>%s</mask>'
                  % (mid, W, H, W, H, ''.join('<path d="%s" fill="#000" stroke="#000" stroke-width="%s" '
                                                'stroke-linejoin="round"/>' % (d, f(2 * grow)) for d in shapes)))
    return mid


def hit_where_clear(d, mid):
    """The hidden outline d that takes a region's clicks where the mask mid is clear."""
    return '<path d="%s" fill="#000" display="none" pointer-events="all" mask="url(#%s)"/>' % (d, mid)


# The intercostal muscles lie under everything else on the chest wall, and some of what is drawn over them
# is drawing only, no region (the sternum above the xiphoid, the thoracic vertebrae above T12...): a click
# there must not find the muscles under it.
HIT_WHERE_SEEN = ('m-intercostals-l', 'm-intercostals-r')


def hit_where_seen(v, rid):
    """Makes the region rid (a group in the bones layer) take clicks only where it is seen: its drawn parts
    take none, and a hidden copy of each of its filled shapes takes them wherever no drawing without a
    region of its own (in the bones or muscles layer) lies over it. Regions drawn over it take their
    clicks anyway, being on top."""
    head = '<g id="%s">' % rid
    layer = v.layers['bones']
    k = next((i for i, el in enumerate(layer) if el.startswith(head)), None)
    if k is None:
        return
    body = layer[k][len(head):-len('</g>')]
    parts = re.findall(r'<path [^>]*/>', body)
    assert ''.join(parts) == body, rid + ': only paths in the group'
    later = layer[k + 1:] + v.layers['muscles']
    # drawing without a region, but for what is drawn never to be hit (seen_only: more of the muscles
    # themselves, as in the triangle of auscultation)
    over = filled_shapes([el for el in later if not re.match(r'^<(path|g)\b[^>]*\b(id=|pointer-events="none")', el)])
    mid = clear_of(v, 'clear-of-drawing' + rid[len('m-intercostals'):] if rid.startswith('m-intercostals') else 'clear-of-drawing-' + rid,
                   over, grow=0.5)
    layer[k] = group(rid, seen_only(parts) + [hit_where_clear(d, mid) for d in filled_shapes(parts)])


def filled_shapes(elements):
    """The path data of every filled shape in elements (SVG text)."""
    return [m.group(2) for el in elements for m in re.finditer(r'<path( [^>]*)? d="([^"]*)"([^>]*)/>', el)
            if 'fill="none"' not in (m.group(1) or '') + m.group(3)]


def circle_d(c, r):
    return 'M%s a%s,%s 0 1 0 %s,0 a%s,%s 0 1 0 %s,0 Z' % (
        P((c[0] - r, c[1])), f(r), f(r), f(2 * r), f(r), f(r), f(-2 * r))


def ell(v, cx, cy, rx, ry, rot=0.0, side=1, n=12):
    return v.ps(ellipse_pts(cx, cy, rx, ry, rot, n), side)


def mirror(pts):
    return [(-q[0],) + tuple(q[1:]) for q in pts]


# ============================================================================================
# Bones, coronal views
# ============================================================================================

def vert(name):
    for v in SK.VERTEBRAE:
        if v[0] == name:
            return v
    raise KeyError(name)


def body_outline(top, bot, hw):
    mid = (top + bot) / 2.0
    return [(-hw, top + 1.8), (-hw + 1.8, top), (hw - 1.8, top), (hw, top + 1.8), (hw - 2.2, mid),
            (hw, bot - 1.8), (hw - 1.8, bot), (-hw + 1.8, bot), (-hw, bot - 1.8), (-hw + 2.2, mid)]


def disc_outline(top, bot, hw):
    mid = (top + bot) / 2.0
    return [(-hw + 1, top), (hw - 1, top), (hw + 1.2, mid), (hw - 1, bot), (-hw + 1, bot),
            (-hw - 1.2, mid)]


def draw_ribs_coronal(v, side):
    parts9_11 = []
    for n in (9, 10, 11):
        pts, w = SK.RIBS[n]
        parts9_11.append(path(ribbon(v.ps(pts, side), [x * v.scale for x in w], caps='round' if n == 11 else 'flat'), BONE))
        # costal groove: a thin line along the lower border
        left, right, cen = offset_line(v.ps(pts[1:], side), [x * v.scale * 0.55 for x in w[1:]])
        edge = right if (v.kind == 'ant') == (side == 1) else left
        parts9_11.append(path(smooth(edge[2:-3:3], closed=False), BONE_DETAIL))
    v.add('bones', group('b-lower-ribs' + sfx(side), parts9_11))
    pts, w = SK.RIBS[12]
    v.add('bones', group('b-rib-12' + sfx(side), [path(ribbon(v.ps(pts, side), [x * v.scale for x in w]), BONE)]))


def tp_centreline(name):
    n, top, bot, hw, tip, sp = vert(name)
    h = bot - top
    y = top + 0.35 * h
    if name == 'L5':
        return [(hw - 6, y + 2), (tip - 8, y - 2), (tip, y - 5)], [13, 12, 10]
    if name.startswith('T'):
        return [(10, y - 2), (tip - 8, y - 4), (tip, y - 6)], [7, 7, 6.5]
    return [(hw - 6, y), ((hw + tip) / 2.0, y - 0.5), (tip, y - 1)], [9, 8.5, 8]


def draw_tps(v, side, names):
    for name in names:
        pts, w = tp_centreline(name)
        d = ribbon(v.ps(pts, side), [x * v.scale for x in w])
        if name in ('T9', 'T10', 'T11'):
            continue
        v.add('bones', path(d, BONE, 'b-%s-transverse-process%s' % (name.lower(), sfx(side))))
    if v.kind == 'post':
        parts = []
        for name in ('T9', 'T10', 'T11'):
            pts, w = tp_centreline(name)
            parts.append(path(ribbon(v.ps(pts, side), [x * v.scale for x in w]), BONE))
        v.add('bones', group('b-lower-thoracic-transverse-processes' + sfx(side), parts))


def draw_bodies(v):
    for name, top, bot, hw, tip, sp in SK.VERTEBRAE:
        d = smooth(v.ps(body_outline(top, bot, hw)))
        rim = [path(smooth(v.ps([(-hw + 3, top + 2.5), (hw - 3, top + 2.5)]), False), BONE_DETAIL),
               path(smooth(v.ps([(-hw + 3, bot - 2.5), (hw - 3, bot - 2.5)]), False), BONE_DETAIL)]
        if name in ('T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
            v.add('bones', group('b-%s-body' % name.lower(), [path(d, BONE)] + rim))
        else:
            v.add('bones', path(d, BONE))
    # discs: T9/T10 .. T11/T12 are drawing only; T12/L1 .. L5/S1 are the region
    discs = []
    for i in range(len(SK.VERTEBRAE)):
        name, top, bot, hw, tip, sp = SK.VERTEBRAE[i]
        nxt = SK.VERTEBRAE[i + 1][1] if i + 1 < len(SK.VERTEBRAE) else SK.SACRUM_TOP
        nhw = SK.VERTEBRAE[i + 1][3] if i + 1 < len(SK.VERTEBRAE) else 26
        d = smooth(v.ps(disc_outline(bot, nxt, (hw + nhw) / 2.0 + 0.5)))
        if name in ('T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
            discs.append(path(d, DISC))
        else:
            v.add('bones', path(d, DISC))
    v.add('bones', group('b-lumbar-intervertebral-discs', discs))


def draw_posterior_arches(v):
    """Laminae, articular and spinous processes seen from behind."""
    th_sp, l_sp, mam = [], [], {1: [], -1: []}
    for name, top, bot, hw, tip, sp in SK.VERTEBRAE:
        h = bot - top
        lumbar = name.startswith('L')
        lw = 18 if lumbar else 13
        half = [(0, top + 4), (6, top + 2), (10, top - 3), (12.5, top - 8, 'c'), (lw - 1, top - 7),
                (lw + 2.5, top - 1), (lw + 1.5, top + 7), (lw + 0.5, top + 0.45 * h), (lw - 2, bot - 3),
                (lw - 3.5, bot + 5), (lw - 6, bot + 9, 'c'), (lw - 9, bot + 6), (5, bot + 1)]
        if not lumbar:
            half = [(0, top + 3), (6, top + 1), (8.5, top - 5, 'c'), (lw - 1, top - 4), (lw + 1, top + 3),
                    (lw, top + 0.5 * h), (lw - 2, bot - 2), (lw - 3, bot + 4), (lw - 6, bot + 6, 'c'),
                    (5, bot + 2)]
        full = half + [(0, bot + 1)] + mirror(half[::-1])
        v.add('bones', path(smooth(v.ps(full)), BONE))
        # articular facet lines
        v.add('bones', path(smooth(v.ps([(lw - 5, top - 5), (lw - 2, top + 3)]), False), BONE_DETAIL))
        v.add('bones', path(smooth(v.ps([(-(lw - 5), top - 5), (-(lw - 2), top + 3)]), False), BONE_DETAIL))
        if lumbar:
            for s in (1, -1):
                mam[s].append(path(circle_d(v.p((lw + 2.2, top - 0.5), s), 2.6 * v.scale), LANDMARK))
            spd = [(-4.2, top + 0.35 * h, 'c'), (4.2, top + 0.35 * h, 'c'), (5.2, sp - 6), (4.6, sp - 1),
                   (0, sp + 0.5), (-4.6, sp - 1), (-5.2, sp - 6)]
            l_sp.append(path(smooth(v.ps(spd)), BONE))
            l_sp.append(path(smooth(v.ps([(-3, sp - 4), (0, sp - 2.5), (3, sp - 4)]), False), BONE_DETAIL))
        else:
            spd = [(-3.6, top + 1, 'c'), (3.6, top + 1, 'c'), (3.4, (top + sp) / 2.0), (2.6, sp - 3),
                   (0, sp + 0.5), (-2.6, sp - 3), (-3.4, (top + sp) / 2.0)]
            th_sp.append(path(smooth(v.ps(spd)), BONE))
    v.add('bones', group('b-lower-thoracic-spinous-processes', th_sp))
    v.add('bones', group('b-lumbar-spinous-processes', l_sp))
    for s in (1, -1):
        v.add('bones', group('b-lumbar-mammillary-processes' + sfx(s), mam[s]))


def sacrum_outline():
    half = SK.SACRUM
    return half + mirror(half[::-1])[1:-1]


def draw_sacrum(v):
    parts = [path(smooth(v.ps(sacrum_outline())), BONE)]
    if v.kind == 'ant':
        # S1 body rim (promontory), transverse ridges and pelvic foramina
        parts.append(path(smooth(v.ps([(-24, 189), (-22, 196), (0, 198), (22, 196), (24, 189)]), False), BONE_DETAIL))
        for y, hw in ((213, 30), (232, 24), (249, 17), (261, 10)):
            parts.append(path(smooth(v.ps([(-hw, y + 1), (0, y - 1), (hw, y + 1)]), False), BONE_DETAIL))
        for y, x, rx, ry in ((204, 19, 5.2, 4.2), (223, 17.5, 4.6, 3.8), (241, 14.5, 3.8, 3.2), (255, 11, 3, 2.6)):
            for s in (1, -1):
                parts.append(path(smooth(ell(v, x, y, rx, ry, 0.2, s)), HOLE))
    else:
        # median crest, dorsal foramina, lateral crest, sacral hiatus and cornua
        for y in (197, 215, 232, 246):
            parts.append(path(smooth(ell(v, 0, y, 3.2, 4.5)), BONE_DETAIL))
        for y, x, r in ((200, 17, 4.0), (219, 15.5, 3.6), (237, 13, 3.2), (252, 10, 2.6)):
            for s in (1, -1):
                parts.append(path(smooth(ell(v, x, y, r, r * 0.85, 0, s)), HOLE))
        for s in (1, -1):
            parts.append(path(smooth(v.ps([(33, 198), (30, 222), (25, 242), (17, 258)], s), False), BONE_DETAIL))
        parts.append(path(smooth(v.ps([(-6, 268), (-5, 258, 'c'), (0, 253), (5, 258, 'c'), (6, 268)]), False), BONE_THIN))
    v.add('bones', group('b-sacrum', parts))


def draw_coccyx(v):
    parts = []
    segs = SK.COCCYX
    for i, (y, hw) in enumerate(segs):
        y2 = segs[i + 1][0] - 0.8 if i + 1 < len(segs) else 290
        hw2 = segs[i + 1][1] if i + 1 < len(segs) else 1.2
        pts = [(-hw, y + 0.5), (hw, y + 0.5), (hw2 + 0.6, y2), (0, y2 + 0.6), (-hw2 - 0.6, y2)]
        parts.append(path(smooth(v.ps(pts)), BONE))
    v.add('bones', group('b-coccyx', parts))


def hip_outline_d(v, side):
    d = smooth(v.ps(SK.HIP, side))
    cx, cy, rx, ry, rot = SK.OBTURATOR
    hole = ellipse_pts(cx, cy, rx, ry, rot, 10)
    # the obturator foramen is rounded-triangular: flatten its upper lateral side a little
    hole = [(x + (2 if y < cy else 0), y) for x, y in hole]
    return d + ' ' + smooth(v.ps(hole, side))


def draw_hip_bone_coronal(v, side):
    s = sfx(side)
    parts = [path(hip_outline_d(v, side), BONE.replace('stroke-linejoin', 'fill-rule="evenodd" stroke-linejoin'))]
    if v.kind == 'ant':
        parts.append(path(smooth(v.ps(SK.ILIAC_FOSSA, side)), BONE_SHADE))
        parts.append(path(smooth(v.ps(SK.BRIM, side), False), BONE_THIN.replace('1.1', '1.6')))
        # acetabular notch area and the quadrilateral plate edge seen through the inlet
        parts.append(path(smooth(v.ps([(46, 272), (52, 262), (55, 250), (50, 240)], side), False), BONE_DETAIL))
        # ischial ramus inner border
        parts.append(path(smooth(v.ps([(62, 339), (72, 334), (80, 325)], side), False), BONE_DETAIL))
    else:
        # posterior view: outer ilium shading below the crest, the ischial spine line
        parts.append(path(smooth(v.ps([(58, 262), (66, 280), (72, 300), (82, 318)], side), False), BONE_DETAIL))
        parts.append(path(smooth(v.ps([(40, 190), (44, 200), (41, 214), (44, 228)], side), False), BONE_DETAIL))
    # obturator groove and symphysis face
    parts.append(path(smooth(v.ps([(2, 296), (5, 316), (3, 334)], side), False), BONE_DETAIL))
    v.add('bones', group('b-hip-bone' + s, parts))


# ---- femur ---------------------------------------------------------------------------------

def femur_geometry():
    """Shaft axis, neck axis (125 deg to the shaft) and the outline, in coronal mm (left)."""
    H = LM['hip'][:2]
    K = LM['knee'][:2]
    T = (136.0, 310.0)
    d = norm(sub(K, T))

    def angle_at(s):
        N = add(T, mul(d, s))
        a, b = norm(sub(H, N)), norm(sub(K, N))
        return math.degrees(math.acos(a[0] * b[0] + a[1] * b[1]))

    lo, hi = -40.0, 80.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if angle_at(mid) < 125.0:
            lo = mid
        else:
            hi = mid
    N = add(T, mul(d, lo))
    return H, N, d


def axis_x(y):
    H, N, d = femur_geometry()
    return N[0] + d[0] * (y - N[1]) / d[1]


FEMUR_BOTTOM = 508


def femur_distal(hw):
    """The lower end of the femur in the coronal outline, medial side first: the shaft widening into
    the condyles, the adductor tubercle at the top of the medial condyle, the two condyles (the medial
    reaching lower) with the intercondylar notch between them (seen from in front as the patellar surface,
    from behind as the fossa)."""
    k = LM['knee'][0]
    return [(axis_x(560) - hw, 560), (axis_x(620) - hw - 3, 620), (k - 33, 652), (k - 38, 666),
            (k - 40, 684), (k - 35, 700), (k - 24, 708), (k - 10, 705), (k - 3, 694, 'c'), (k + 3, 694, 'c'),
            (k + 10, 704), (k + 24, 707), (k + 35, 698), (k + 38, 682), (k + 35, 664), (k + 27, 646),
            (axis_x(600) + hw + 3, 600), (axis_x(540) + hw, 540)]


def femur_outline():
    H, N, d = femur_geometry()
    a = norm(sub(N, H))               # along the neck, head -> shaft
    n = (a[1], -a[0])                 # perpendicular, pointing up-lateral
    r = LM['head-r'][0]

    def up(u, w):
        return add(add(H, mul(a, u)), mul(n, w))

    def lo(u, w):
        return sub(add(H, mul(a, u)), mul(n, w))

    hw = 14.5
    yb = FEMUR_BOTTOM
    # head: from the upper neck junction round the top, medial side and bottom
    j_up = up(17, 15.8)
    j_lo = lo(17, 15.8)
    a_up = math.atan2(j_up[1] - H[1], j_up[0] - H[0])
    a_lo = math.atan2(j_lo[1] - H[1], j_lo[0] - H[0])
    if a_lo < a_up:
        a_lo += 2 * math.pi
    # going the long way round: from a_up backwards to a_lo - 2pi
    head = []
    span = (a_lo - 2 * math.pi) - a_up
    for k in range(1, 12):
        t = a_up + span * k / 12.0
        head.append((H[0] + r * math.cos(t), H[1] + r * math.sin(t)))
    pts = [j_up] + head + [j_lo, lo(28, 15.5), lo(38, 17.5), (104, 331), (103.5, 341),
                           (100, 348, 'c'), (103, 357), (110, 364),
                           (axis_x(400) - hw, 400), (axis_x(460) - hw, 460)] + femur_distal(hw) + [
                           (axis_x(450) + hw, 450), (axis_x(390) + hw, 390),
                           (148, 352), (155, 334), (159, 314), (157, 294), (149, 283), (141, 280, 'c'),
                           (134, 285), (128, 294), up(34, 16), up(26, 15.5)]
    return pts


def draw_femur_coronal(v, side):
    s = sfx(side)
    parts = [path(smooth(v.ps(femur_outline(), side)), BONE)]
    H = LM['hip'][:2]
    r = LM['head-r'][0]
    parts.append(path(smooth(v.ps([(H[0] - 3, H[1] - 6), (H[0] - 2, H[1] - 2), (H[0] - 5, H[1] + 1)], side), False), BONE_DETAIL))  # fovea
    if v.kind == 'ant':
        parts.append(path(smooth(v.ps([(146, 296), (136, 316), (122, 334), (112, 352)], side), False), BONE_DETAIL))  # intertrochanteric line
    else:
        parts.append(path(smooth(v.ps([(142, 286), (136, 306), (124, 330), (110, 350)], side), False), BONE_THIN))  # intertrochanteric crest
        parts.append(path(smooth(v.ps([(132, 296), (128, 306)], side), False), BONE_DETAIL))                         # trochanteric fossa
    v.add('bones', group('b-femur' + s, parts))


def draw_femoral_landmarks(v, side):
    s = sfx(side)
    gt = [(141, 280, 'c'), (149, 283), (157, 294), (159, 314), (155, 333), (146, 336), (138, 322), (134, 300), (134, 286)]
    v.add('bones', path(smooth(v.ps(gt, side)), LANDMARK, 'b-greater-trochanter' + s))
    lt = [(104, 339), (100, 348, 'c'), (103, 357), (109, 361), (113, 352), (111, 341)]
    v.add('bones', path(smooth(v.ps(lt, side)), LANDMARK, 'b-lesser-trochanter' + s))
    if v.kind == 'post':
        gtub = [(136, 356), (139, 368), (135, 400), (129, 426), (124, 424), (128, 398), (131, 368)]
        v.add('bones', path(smooth(v.ps(gtub, side)), LANDMARK, 'b-gluteal-tuberosity' + s))


def draw_hip_landmarks_coronal(v, side):
    s = sfx(side)
    crest_w = [5.5] * len(SK.CREST)
    crest_w[0] = 4
    crest_w[-1] = 3.5
    # the crest band runs along the inside of the outline
    cpts = [(x - 2.2 * (1 if x > 60 else 0.3), y + 2.4) for x, y in SK.CREST]
    v.add('bones', path(ribbon(v.ps(cpts, side), [w * v.scale for w in crest_w]), LANDMARK, 'b-iliac-crest' + s))
    if v.kind == 'ant':
        v.add('bones', path(smooth(v.ps(SK.ILIAC_FOSSA, side)), 'fill="#e6d7b7" fill-opacity="0.55" stroke="#a8937a" stroke-width="1" stroke-dasharray="4 3"', 'b-iliac-fossa' + s))
        v.add('bones', path(smooth(ell(v, 123, 209, 5, 5.5, 0, side)), LANDMARK, 'b-asis' + s))
        v.add('bones', path(smooth(ell(v, 117.5, 234, 4, 5.5, 0, side)), LANDMARK, 'b-aiis' + s))
        v.add('bones', path(smooth(ell(v, 65, 266, 5, 4, -0.4, side)), LANDMARK, 'b-iliopubic-eminence' + s))
        v.add('bones', path(smooth(ell(v, 23.5, 290, 4.5, 3.5, 0, side)), LANDMARK, 'b-pubic-tubercle' + s))
    else:
        v.add('bones', path(smooth(ell(v, 38.5, 214, 5, 6.5, 0.2, side)), LANDMARK, 'b-psis' + s))
        v.add('bones', path(smooth(ell(v, 71, 337, 10.5, 13, -0.35, side)), LANDMARK, 'b-ischial-tuberosity' + s))


def draw_acetabulum_coronal(v, side):
    H = LM['hip'][:2]
    r = LM['head-r'][0]
    outer = []
    inner = []
    for k in range(13):
        a = math.radians(200 + 155 * k / 12.0)
        outer.append((H[0] + (r + 5.5) * math.cos(a), H[1] + (r + 5.5) * math.sin(a)))
        inner.append((H[0] + (r + 0.6) * math.cos(a), H[1] + (r + 0.6) * math.sin(a)))
    pts = outer + inner[::-1]
    parts = [path(smooth(v.ps(pts, side)), LANDMARK)]
    # anterior (front view) or posterior (back view) rim crossing the head
    rim = [(H[0] - r + 2, H[1] + 3), (H[0] - 8, H[1] + 12), (H[0] + 6, H[1] + 16), (H[0] + r - 3, H[1] + 9)]
    parts.append(path(smooth(v.ps(rim, side), False), BONE_THIN))
    v.add('bones', group('b-acetabulum' + sfx(side), parts))


# the sacrotuberous ligament seen from behind (mm)
SACROTUBEROUS_BACK = [(38, 219), (45, 232), (54, 262), (63, 298), (68, 325), (62, 334), (55, 331), (44, 310),
                      (28, 290), (12, 285), (8, 280), (14, 270), (24, 258), (32, 240)]


def draw_ligaments_coronal(v, side, which):
    s = sfx(side)
    if 'iliolumbar' in which:
        up = [(37, 160), (48, 152), (60, 147)]
        lo = [(37, 166), (44, 176), (46, 188)]
        parts = [path(ribbon(v.ps(up, side), [6 * v.scale, 5 * v.scale, 5 * v.scale]), LIGAMENT),
                 path(ribbon(v.ps(lo, side), [5 * v.scale, 5 * v.scale, 4.5 * v.scale]), LIGAMENT)]
        for o in (-1.5, 1.5):
            parts.append(path(smooth(v.ps([(38, 160 + o), (48, 152 + o), (59, 147 + o)], side), False), LIG_FIBRE))
        v.add('bones', group('b-iliolumbar-ligament' + s, parts))
    if 'sacrotuberous' in which:
        # from PSIS / lateral sacrum / coccyx, twisting down to the medial ischial tuberosity
        poly = v.ps(SACROTUBEROUS_BACK, side)
        parts = [path(smooth(poly), LIGAMENT)]
        for t in (0.2, 0.4, 0.6, 0.8):
            a = lerp((40, 222), (12, 280), t)
            b = lerp((65, 325), (57, 331), t)
            m = lerp(a, b, 0.55)
            m = (m[0] + 6 * (1 - t), m[1])
            parts.append(path(smooth(v.ps([a, m, b], side), False), LIG_FIBRE))
        v.add('bones', group('b-sacrotuberous-ligament' + s, parts))
    if 'inguinal' in which:
        pts = [(121, 214), (100, 234), (74, 258), (48, 278), (27, 288)]
        v.add('bones', group('b-inguinal-ligament' + s, [path(ribbon(v.ps(pts, side), [4.5 * v.scale, 4 * v.scale, 4 * v.scale, 4 * v.scale, 3.5 * v.scale]), LIGAMENT)]))


def draw_gluteal_lines_coronal(v, side):
    s = sfx(side)
    for name, pts in (('posterior', SK.GLUTEAL_POST_C), ('anterior', SK.GLUTEAL_ANT_C), ('inferior', SK.GLUTEAL_INF_C)):
        v.add('bones', path(smooth(v.ps(pts, side), False), LINE_MARK, 'b-%s-gluteal-line%s' % (name, s)))
    notch = [(46, 234), (54, 240), (59, 250), (57, 262), (50, 270)]
    v.add('bones', path(smooth(v.ps(notch, side), False), LINE_MARK.replace('3.2', '4.5'), 'b-greater-sciatic-notch' + s))


LINEA_ASPERA = [(axis_x(400) - 2, 400), (axis_x(450) - 1, 450), (axis_x(505), 505), (axis_x(560) + 1, 560),
                (axis_x(605) + 1, 605)]
SEEN_THROUGH = 'fill="#ecdfc2" fill-opacity="0.6" stroke="#8c7a64" stroke-width="1" stroke-dasharray="4 3"'


def draw_linea_aspera(v, side):
    """The linea aspera on the back of the shaft; in the front view it is drawn seen through the bone
    (dashed), where it projects onto the middle of the shaft."""
    if v.kind == 'post':
        # seen from behind it is the bare ridge between the insertion of adductor magnus (its medial lip)
        # and the origin of vastus lateralis (its lateral lip), not under either
        pts = [(a + 3.5, y) for a, y in LINEA_ASPERA]
        v.add('bones', path(ribbon(v.ps(pts, side), 4.6 * v.scale, caps='flat'), LANDMARK, 'b-linea-aspera' + sfx(side)))
        return
    v.add('bones', path(ribbon(v.ps(LINEA_ASPERA, side), 3.2 * v.scale, caps='flat'), SEEN_THROUGH, 'b-linea-aspera' + sfx(side)))


KNEE = LM['knee'][0]
TIBIA_C = [(KNEE - 38, 713), (KNEE - 22, 710), (KNEE - 7, 712), (KNEE - 3, 707, 'c'), (KNEE + 3, 707, 'c'), (KNEE + 7, 712),
           (KNEE + 24, 711), (KNEE + 40, 714), (KNEE + 42, 724), (KNEE + 36, 736), (KNEE + 22, 748), (KNEE + 15, 830, 'c'),
           (KNEE - 15, 830, 'c'), (KNEE - 20, 752), (KNEE - 32, 738), (KNEE - 39, 724)]
# the tibia from in front: the condyles flaring over the shaft, whose borders run down almost straight to the foot
# of the front views
TIBIA_FRONT = TIBIA_C[:9] + [(KNEE + 38, 733), (KNEE + 30, 742), (KNEE + 23.5, 750), (KNEE + 21, 758),
                             (KNEE + 20.5, 830, 'c'), (KNEE - 18.5, 830, 'c'), (KNEE - 19, 758), (KNEE - 21.5, 750),
                             (KNEE - 29, 741), (KNEE - 36, 731), (KNEE - 39, 724)]
FIBULA_C = [(KNEE + 30, 728), (KNEE + 36, 723), (KNEE + 44, 726), (KNEE + 47, 736), (KNEE + 44, 748), (KNEE + 42, 760),
            (KNEE + 42, 830, 'c'), (KNEE + 32, 830, 'c'), (KNEE + 33, 760), (KNEE + 29, 746), (KNEE + 28, 736)]


# The fibula from in front (mm, left side): its head below and behind the lateral tibial condyle, its apex
# (styloid process) pointing up below the condyle, its widest about level with the tibial tuberosity, its medial
# part behind the tibia; then the neck and the shaft, behind the lateral border of the tibia and apart from it
# (the interosseous space) (Gray's, Moore)
FIBULA_FRONT = [(KNEE + 24, 726), (KNEE + 31, 720), (KNEE + 37, 717), (KNEE + 42.5, 719.5), (KNEE + 46, 726),
                (KNEE + 46.5, 734), (KNEE + 44, 741.5), (KNEE + 40.5, 748), (KNEE + 39, 756), (KNEE + 38.5, 830, 'c'),
                (KNEE + 29, 830, 'c'), (KNEE + 29, 756), (KNEE + 27.5, 748), (KNEE + 24, 741), (KNEE + 22, 733)]
# where the head narrows into the neck (mm below L1)
FIBULAR_NECK_Y = 745


def frame_cut(v, pts):
    """The closed outline pts (mm) cut by the foot of v's frame: the points below it dropped and a corner where
    each edge crosses it, so that a bone running off the foot ends square on it."""
    y1 = v.frame[1]
    if all(q[1] <= y1 for q in pts):
        return pts
    def at(a, b, y):
        return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    out = []
    for a, b in zip(pts, pts[1:] + pts[:1]):
        if a[1] <= y1:
            out.append(a)
        # the corner on the foot, and a point on the edge 3 mm above it, so that the smoothed edge runs
        # straight into the corner rather than bowing out beside it
        if a[1] <= y1 < b[1]:
            out += ([at(a, b, y1 - 3)] if a[1] < y1 - 3 else []) + [at(a, b, y1) + ('c',)]
        elif b[1] <= y1 < a[1]:
            out += [at(a, b, y1) + ('c',)] + ([at(a, b, y1 - 3)] if b[1] < y1 - 3 else [])
    return out


def clip_above(pts, y0):
    """The part of the closed outline pts (mm) above the line y = y0."""
    out = []
    for a, b in zip(pts, pts[1:] + pts[:1]):
        if a[1] <= y0:
            out.append(a[:2])
        if (a[1] <= y0) != (b[1] <= y0):
            t = (y0 - a[1]) / (b[1] - a[1])
            out.append((a[0] + (b[0] - a[0]) * t, y0, 'c'))
    return out


def draw_knee_coronal(v, side):
    """The upper tibia and fibula below the femoral condyles (views that reach the knee), cut square by the
    foot of the view.  The fibular head lies posterolateral, just below the lateral tibial condyle: from in
    front, its head, behind the tibia, shows lateral to the lateral condyle, over the interosseous space
    between the two bones (drawing only, pale)."""
    s = sfx(side)
    tibia = [path(smooth(v.ps(frame_cut(v, TIBIA_FRONT if v.kind == 'ant' else TIBIA_C), side)), BONE),
             path(smooth(v.ps([(KNEE - 30, 722), (KNEE - 10, 724), (KNEE + 10, 724), (KNEE + 32, 722)], side), False), BONE_DETAIL)]
    if v.kind != 'ant':
        v.add('bones', group('b-tibia' + s, tibia))
        v.add('bones', group('b-fibula' + s, [path(smooth(v.ps(frame_cut(v, FIBULA_C), side)), BONE)]))
        return
    fib = frame_cut(v, FIBULA_FRONT)
    # the proximal tibiofibular joint's anterior ligament and the interosseous membrane below, from the
    # fibula to the lateral border of the tibia
    v.add('bones', path(smooth(v.ps(frame_cut(v, [(KNEE + 18, 740), (KNEE + 30, 736), (KNEE + 30, 830, 'c'),
                                                  (KNEE + 15, 830, 'c')]), side)), LIGAMENT))
    v.add('bones', group('b-fibula' + s, [path(smooth(v.ps(fib, side)), BONE)]))
    head = clip_above(FIBULA_FRONT, FIBULAR_NECK_Y)
    # (with the bone's outline, which it lies over)
    v.add('bones', path(smooth(v.ps(head, side)), LANDMARK.replace('stroke-width="1.2"', 'stroke-width="2"'),
                        'b-fibular-head' + s))
    v.add('bones', group('b-tibia' + s, tibia))


def clip_below(poly, y0):
    """The part of the closed polygon poly (canvas units) below the line y = y0."""
    out = []
    for a, b in zip(poly, poly[1:] + poly[:1]):
        ina, inb = a[1] >= y0, b[1] >= y0
        if ina:
            out.append(a)
        if ina != inb:
            out.append(lerp(a, b, (y0 - a[1]) / (b[1] - a[1])))
    return out


# where the bellies of biceps femoris end in its common tendon in the side view (mm below L1)
BF_TENDON_Y = 668


def draw_knee_capsule_back(v, side):
    """The back of the knee joint between the femoral condyles and the tibial plateau, seen from behind:
    the posterior capsule (with the oblique popliteal ligament) closing the intercondylar fossa, which holds
    the cruciate ligaments, and the rims of the menisci along the joint line (drawing only, under the bones,
    which hide its edges), so that the joint is not a gap of white background shaped like the fossa."""
    k = KNEE
    cap = v.ps([(k - 36, 690), (k - 20, 697), (k - 6, 686), (k + 6, 686), (k + 20, 695), (k + 35, 688),
                (k + 38, 713), (k + 24, 715), (k + 8, 716), (k - 8, 716), (k - 24, 715), (k - 36, 716)], side)
    med = v.ps([(k - 36, 708.5), (k - 24, 707.5), (k - 10, 709), (k - 8, 712), (k - 22, 711.5), (k - 36, 713)], side)
    lat = v.ps([(k + 36, 706), (k + 24, 706.5), (k + 10, 708), (k + 8, 711.5), (k + 24, 711), (k + 37, 713)], side)
    # the oblique popliteal ligament, from the insertion of semimembranosus up and laterally across the fossa
    fib = [smooth(v.ps([(k - 12, 712 - d), (k + 12, 700 - d)], side), False) for d in (0, 5, 10)]
    v.add('bones', path(smooth(cap), LIGAMENT) + path(' '.join(fib), TENDON_FIBRE)
          + path(smooth(med), CARTILAGE) + path(smooth(lat), CARTILAGE))


def draw_knee_capsule_front(v, side):
    """The knee joint between the femoral condyles and the tibial plateau, seen from in front: the capsule
    with the collateral ligaments at its sides (the tibial collateral ligament medially, the fibular laterally,
    their fibres running down) and the rims of the menisci along the joint line (drawing only, under the bones,
    which hide its edges), so that the joint line is not a gap of white background on either side of the
    patellar ligament."""
    k = KNEE
    # its sides from the outline of each femoral condyle to that of the tibial condyle below it
    cap = v.ps([(k - 36, 697), (k - 24, 694), (k - 10, 690), (k + 10, 690), (k + 24, 694), (k + 35.5, 696),
                (k + 38.5, 705), (k + 40, 714), (k + 24, 717), (k + 8, 717), (k - 8, 717), (k - 24, 717),
                (k - 37.5, 714), (k - 37.5, 705)], side)
    med = v.ps([(k - 37.5, 706), (k - 30, 707), (k - 20, 708.5), (k - 10, 708), (k - 8, 711.5), (k - 22, 711.5),
                (k - 37.5, 713)], side)
    lat = v.ps([(k + 38.5, 706), (k + 30, 705.5), (k + 20, 707), (k + 10, 707.5), (k + 8, 711), (k + 24, 711.5),
                (k + 39.5, 713.5)], side)
    fib = [smooth(v.ps([(x, 690), (x + d, 716)], side), False)
           for x, d in ((k - 34, -2), (k - 30, -1), (k + 30, 1), (k + 34, 2.5))]
    v.add('bones', path(smooth(cap), LIGAMENT) + path(' '.join(fib), TENDON_FIBRE)
          + path(smooth(med), CARTILAGE) + path(smooth(lat), CARTILAGE))


# The femoral condyles in the coronal views (mm, left side): the medial reaching lower, each rounded
# below onto its tibial plateau, the notch (fossa from behind) between them; their tops at the level of
# the adductor tubercle, whose bump sits on the medial (Gray's, Moore).
FEMORAL_CONDYLE_MED = [(KNEE - 37, 668), (KNEE - 39, 684), (KNEE - 34.5, 699), (KNEE - 24, 706.5), (KNEE - 11, 703.5),
                       (KNEE - 6, 694), (KNEE - 9, 680), (KNEE - 18, 671), (KNEE - 28, 666.5)]
FEMORAL_CONDYLE_LAT = [(KNEE + 34, 666), (KNEE + 37, 682), (KNEE + 34, 697), (KNEE + 24, 705.5), (KNEE + 11, 702.5),
                       (KNEE + 6, 694), (KNEE + 9, 680), (KNEE + 18, 671), (KNEE + 27, 665.5)]

# the same from in front, their sides and lower ends on the outline of the femur's lower end (femur_distal())
FEMORAL_CONDYLE_MED_FRONT = [(KNEE - 33, 652), (KNEE - 38, 666), (KNEE - 40, 684), (KNEE - 35, 700), (KNEE - 24, 708),
                             (KNEE - 10, 705), (KNEE - 6, 694), (KNEE - 9, 680), (KNEE - 18, 667), (KNEE - 26, 656)]
FEMORAL_CONDYLE_LAT_FRONT = [(KNEE + 27, 646), (KNEE + 35, 664), (KNEE + 38, 682), (KNEE + 35, 698), (KNEE + 24, 707),
                             (KNEE + 10, 704), (KNEE + 6, 694), (KNEE + 9, 680), (KNEE + 17, 664), (KNEE + 22, 652)]


def draw_knee_landmarks(v, side):
    s = sfx(side)
    if v.kind != 'ant':
        # (from in front the head is drawn with the fibula, behind the tibia: draw_knee_coronal)
        v.add('bones', path(smooth(ell(v, KNEE + 37.5, 736, 8.5, 10.5, 0, side)), LANDMARK, 'b-fibular-head' + s))
    if v.kind == 'ant':
        # from in front the medial part of the head of the tibia, under the plateau: its outline the tibia's
        # from the plateau round the medial side down to where the condyle narrows into the shaft above the
        # pes anserinus, its lateral edge a faint line down from the intercondylar area (not a loose oval)
        mc = [(KNEE - 38, 713), (KNEE - 22, 710), (KNEE - 9, 711.5), (KNEE - 8.5, 722), (KNEE - 13, 731),
              (KNEE - 22, 737.5), (KNEE - 30, 740.5), (KNEE - 36, 731), (KNEE - 39, 724)]
        v.add('bones', group('b-medial-tibial-condyle' + s, [
            path(smooth(v.ps(mc, side)), 'fill="#ecdfc2" stroke="none"'),
            path(smooth(v.ps(mc[4:] + mc[:3], side), False), BONE.replace('fill="#f4ecd8"', 'fill="none"')),
            path(smooth(v.ps(mc[2:5], side), False), BONE_DETAIL)]))
    else:
        mc = [(KNEE - 38, 714), (KNEE - 22, 711.5), (KNEE - 12, 715), (KNEE - 13, 727), (KNEE - 26, 733), (KNEE - 37, 726)]
        v.add('bones', path(smooth(v.ps(mc, side)), LANDMARK, 'b-medial-tibial-condyle' + s))
    if v.kind == 'post':
        lc = [(KNEE + 40, 715), (KNEE + 24, 712.5), (KNEE + 12, 715), (KNEE + 13, 725), (KNEE + 26, 727), (KNEE + 36, 722)]
        v.add('bones', path(smooth(v.ps(lc, side)), LANDMARK, 'b-lateral-tibial-condyle' + s))
    if v.frame[1] < GASTROC_LOW:
        # (in the back superficial view it lies over the medial head of gastrocnemius: build_posterior_superficial)
        v.add('bones', pes_anserinus(v, side))
    v.add('bones', path(smooth(ell(v, KNEE - 35.5, 660, 4.2, 5, 0, side)), LANDMARK, 'b-adductor-tubercle' + s))
    # the femoral condyles, inside the outline of the femur's lower end (femur_distal()) below the adductor
    # tubercle and the ends of the supracondylar lines, either side of the intercondylar notch or fossa
    if v.kind == 'ant':
        # from in front, either side of the patella: the condyles' sides (the epicondyles) and their rounded
        # lower ends are the femur's own outline, their edges towards the patellar surface a faint line
        for name, pts in (('medial', FEMORAL_CONDYLE_MED_FRONT), ('lateral', FEMORAL_CONDYLE_LAT_FRONT)):
            v.add('bones', group('b-%s-femoral-condyle%s' % (name, s), [
                path(smooth(v.ps(pts, side)), 'fill="#ecdfc2" stroke="none"'),
                path(smooth(v.ps(pts[:6], side), False), BONE.replace('fill="#f4ecd8"', 'fill="none"')),
                path(smooth(v.ps(pts[5:] + pts[:1], side), False), BONE_DETAIL)]))
    else:
        v.add('bones', path(smooth(v.ps(FEMORAL_CONDYLE_MED, side)), LANDMARK, 'b-medial-femoral-condyle' + s))
        v.add('bones', path(smooth(v.ps(FEMORAL_CONDYLE_LAT, side)), LANDMARK, 'b-lateral-femoral-condyle' + s))
    if v.kind == 'post':
        v.add('bones', path(smooth(v.ps([(axis_x(603) - 3, 603), (58, 630), (KNEE - 33, 655)], side), False), LINE_MARK,
                            'b-medial-supracondylar-line' + s))
        v.add('bones', path(smooth(v.ps([(axis_x(603) + 5, 603), (96, 632), (KNEE + 35, 662)], side), False), LINE_MARK,
                            'b-lateral-supracondylar-line' + s))


OBT_MEMBRANE = 'fill="#e3d5bb" stroke="#8a7458" stroke-width="1.2"'


def draw_obturator_membrane(v, side):
    cx, cy, rx, ry, rot = SK.OBTURATOR
    hole = ellipse_pts(cx, cy, rx - 0.8, ry - 0.8, rot, 10)
    hole = [(x + (2 if y < cy else 0), y) for x, y in hole]
    poly = v.ps(hole, side)
    parts = [path(smooth(poly), OBT_MEMBRANE),
             path(lines_d(hatch([sample(poly, True, 6)], 6, 35 if side == 1 else 145)), LIG_FIBRE)]
    # the obturator canal: a gap at the top of the membrane for the obturator vessels and nerve
    parts.append(path(smooth(ell(v, cx + 6, cy - ry + 5, 3.2, 2.4, 0, side)), HOLE))
    v.add('bones', group('b-obturator-membrane' + sfx(side), parts))


ISCHIOPUBIC = [(6, 333), (20, 335.5), (36, 338.5), (50, 343), (60, 347)]
# The pecten pubis from in front (mm, left side): the sharp upper border of the superior pubic ramus from
# the pubic tubercle laterally to the iliopubic eminence. Pectineus arises from it and from the pectineal
# surface in front of and below it, so the ridge is the upper border of the muscle's origin (PECTINEUS_ORIGIN
# runs along its lower edge); the inguinal ligament lies in front of the ramus above it, with the femoral
# vessels between them, so the ridge shows between the two from the pubic tubercle to where iliopsoas
# crosses the ramus, and its lateral end runs on under the ligament and iliopsoas to the eminence.
PECTEN_ANT = [(28.5, 291), (34, 289.2), (40, 286.8), (46, 283.6), (52, 279.6), (57, 275.6), (62, 270)]
PECTINEUS_ORIGIN = [(27.5, 293.1), (34, 291.1), (40, 288.7), (46, 285.5), (52, 281.5), (57, 277.5), (62, 271.9)]


def draw_pelvic_floor_landmarks_coronal(v, side):
    """Landmarks of the lower hip bone both coronal views show: the ischiopubic ramus and, in the
    front view, the body and crest of the pubis and the pecten; from behind, the ischial spine."""
    s = sfx(side)
    v.add('bones', path(ribbon(v.ps(ISCHIOPUBIC, side), [5 * v.scale, 5.5 * v.scale, 5.5 * v.scale, 5.5 * v.scale, 5 * v.scale]),
                        LANDMARK, 'b-ischiopubic-ramus' + s))
    if v.kind == 'ant':
        body = [(3, 293.5), (12, 292.5), (19.5, 294), (21, 303), (17, 316), (9, 326), (3, 328)]
        v.add('bones', path(smooth(v.ps(body, side)), LANDMARK, 'b-pubic-body' + s))
        v.add('bones', path(smooth(v.ps([(3.5, 291.5), (12, 290), (19, 289)], side), False), LINE_MARK, 'b-pubic-crest' + s))
        # drawn as broad as the greater sciatic notch, so that the ridge still shows, and lights, beside
        # pectineus outlined as chosen
        v.add('bones', path(smooth(v.ps(PECTEN_ANT, side), False), LINE_MARK.replace('3.2', '4.5'), 'b-pecten-pubis' + s))
        v.add('bones', path(smooth(v.ps([(147, 294), (138, 314), (124, 333), (113, 350), (110, 362)], side), False), LINE_MARK,
                            'b-intertrochanteric-line' + s))
        v.add('bones', path(smooth(v.ps([(107, 362), (111, 376), (114, 392)], side), False),
                            LINE_MARK.replace('#7d6549', '#8c7a64').replace('stroke-linecap', 'stroke-dasharray="4 3" stroke-linecap'),
                            'b-pectineal-line' + s))
    else:
        v.add('bones', path(smooth(ell(v, 46.5, 274.5, 4, 4.2, 0, side)), LANDMARK, 'b-ischial-spine' + s))


def draw_hip_back_landmarks(v, side):
    """From behind: the intertrochanteric crest with the quadrate tubercle, the trochanteric fossa;
    the sacrospinous ligament; the sacroiliac joint and the long dorsal sacroiliac ligament."""
    s = sfx(side)
    v.add('bones', path(ribbon(v.ps([(142, 287), (137, 304), (126, 327), (112, 348)], side), 4.2 * v.scale), LANDMARK,
                        'b-intertrochanteric-crest' + s))
    v.add('bones', path(smooth(ell(v, 129.5, 319, 4.2, 5.2, 0.4, side)), LANDMARK, 'b-quadrate-tubercle' + s))
    v.add('bones', path(smooth(ell(v, 133, 298, 3.4, 6.5, 0.35, side)), 'fill="#d9c9a6" stroke="#5b4a3a" stroke-width="1.2"',
                        'b-trochanteric-fossa' + s))


def draw_pelvic_ligaments_back(v, side):
    s = sfx(side)
    ss = [(12, 262), (22, 258), (36, 265), (47, 271), (48, 278), (34, 281), (20, 285), (9, 281)]
    poly = v.ps(ss, side)
    v.add('bones', group('b-sacrospinous-ligament' + s, [path(smooth(poly), LIGAMENT),
                                                         path(lines_d(hatch([sample(poly, True, 6)], 5, 8 if side == 1 else 172)), LIG_FIBRE)]))
    v.add('bones', path(ribbon(v.ps([(47, 194), (49.5, 206), (49, 221), (44.5, 237)], side), 3 * v.scale), DISC,
                        'b-sacroiliac-joint' + s))
    ld = [(39, 219), (35, 232), (30, 246)]
    v.add('bones', group('b-long-dorsal-sacroiliac-ligament' + s, [path(ribbon(v.ps(ld, side), [6 * v.scale, 5.5 * v.scale, 5 * v.scale]), LIGAMENT),
                                                                   path(smooth(v.ps(ld, side), False), LIG_FIBRE)]))


def draw_symphysis(v):
    v.add('bones', path(smooth(v.ps([(-2, 292, 'c'), (2, 292, 'c'), (2.4, 314), (2, 336, 'c'), (-2, 336, 'c'), (-2.4, 314)])), DISC,
                        'b-pubic-symphysis'))



def draw_thoracolumbar_fascia(v, deep=False):
    if not deep:
        half = [(0, -100), (14, -100), (22, -60), (40, -10), (62, 48), (80, 100), (86, 126), (74, 150),
                (56, 182), (44, 200), (33, 214), (28, 244), (16, 266), (0, 272)]
    else:
        # the dense sacral and lower lumbar part left after the erector spinae and multifidus
        # are exposed: a pale sheet over the sacrum between the PSISs up to L4
        half = [(0, 112), (22, 114), (44, 140), (58, 160), (52, 190), (42, 214), (30, 244), (16, 264), (0, 268)]
    pts = half + mirror(half[::-1])[1:-1]
    poly = v.ps(pts)
    parts = [path(smooth(poly), FASCIA)]
    hs = []
    for sd in (1, -1):
        hpoly = v.ps([(x, y) for x, y in half], sd) + [v.p((0, half[-1][1])), v.p((0, half[0][1]))]
        ang = 90 if deep else (58 if (sd == 1) == (v.kind == 'ant') else 122)
        hs += hatch([sample(hpoly, True, 6)], 9, ang)
    parts.append(path(lines_d(hs), FASCIA_FIBRE))
    if deep:
        v.add('bones', group('b-thoracolumbar-fascia', parts))
        return
    # the tips of the spinous processes and the median sacral crest lie under the skin in the midline, on
    # the fascia that attaches to them: drawn again over it (drawing only), and the fascia takes no clicks
    # there, so that a click on them finds the bone beneath
    bones = ''.join(v.layers['bones'])
    on_top = []
    for rid in ('b-lower-thoracic-spinous-processes', 'b-lumbar-spinous-processes'):
        m = re.search(r'<g id="%s">(.*?)</g>' % rid, bones)
        on_top += [path(d, BONE) for d in filled_shapes([m.group(1)])]
    on_top += [path(smooth(ell(v, 0, y, 3.2, 4.5)), BONE) for y in (197, 215, 232, 246)]
    mid = clear_of(v, 'clear-of-spinous-processes', filled_shapes(on_top))
    v.add('bones', group('b-thoracolumbar-fascia', seen_only(parts) + [hit_where_clear(smooth(poly), mid)]))
    v.add('bones', ''.join(seen_only(on_top)))


def vastus_lateralis_sheet_coronal(v, side, back=False):
    """Vastus lateralis in the coronal views: from the upper intertrochanteric line, the lower border of the
    greater trochanter, the gluteal tuberosity and the lateral lip of the linea aspera, the bulk of the lateral
    thigh, down and forward to the lateral border of the patella and the quadriceps tendon. Its lateral border
    is the outline of the thigh, under the iliotibial tract, seen alike from in front and from behind.
    back: as seen from behind with only the skin and fascia removed, its posterolateral part wraps round the
    back of the thigh to the lateral lip of the linea aspera, under biceps femoris, so no femur shows between
    the two (its medial border runs further in, under biceps)."""
    if back:
        return sheet(v, side, VL_O, VL_I, VL_C1_BACK, VL_C2_BACK)
    return sheet(v, side, VL_O, VL_I, VL_C1, VL_C2)


def itb_lateral_edge():
    """The outline of the lateral thigh in the coronal views (mm): over the greater trochanter, then the
    lateral border of vastus lateralis, then over the lateral femoral condyle to Gerdy's tubercle."""
    vl = Sheet(VL_O, VL_I, VL_C1, VL_C2)
    edge = [(160, 262), (165, 282)]
    for k in range(1, 24):
        q = vl.point(0.0, 0.08 + 0.74 * k / 23.0)
        if q[1] > edge[-1][1] + 8:
            edge.append((q[0] + 1.0, q[1]))
    return edge + [(KNEE + 40, 664), (KNEE + 38, 690), (KNEE + 33, 712), (KNEE + 29, 722)]


# where the tract, seen from behind, goes out of sight under biceps femoris above the joint line (mm)
ITB_BACK_END = (KNEE + 36, 700)
VL_O = [(148, 294), (157, 318), (150, 344), (136, 364)]
VL_I = [(KNEE + 26, 648), (KNEE + 14, 660)]
VL_C1 = [(184, 420), (126, 430)]
VL_C2 = [(158, 560), (100, 570)]
# seen from behind: the medial border under biceps femoris, on the linea aspera (vastus_lateralis_sheet_coronal)
VL_C1_BACK = [(184, 420), (60, 420)]
VL_C2_BACK = [(158, 560), (90, 560)]
# vastus lateralis in the front superficial view: its origin along the upper intertrochanteric line; its
# lateral border, the outline of the thigh under the iliotibial tract, tapering on down to the lateral
# femoral condyle, its lowest lateral fibres ending with the tract's retinacular fibres on the lateral border
# of the patella (VL_C2_FRONT, VL_I_FRONT: not curving in above the knee to leave the tract beyond it)
VL_O_FRONT = [(148, 294), (140, 302), (132, 314), (126, 326)]
VL_C1_FRONT = [(198, 400), (114, 470)]
VL_C2_FRONT = [(128, 640), (84, 560)]
VL_I_FRONT = [(100, 667), (80, 660)]


def vastus_lateralis_front_sheet(v, side):
    return sheet(v, side, VL_O_FRONT, VL_I_FRONT, VL_C1_FRONT, VL_C2_FRONT)


# The tract in the front superficial view (mm): its outer border on the lateral border of vastus lateralis
# (the outline of the thigh), then over the lateral femoral condyle, inside the outline of the femur and of
# the capsule below it, to Gerdy's tubercle on the anterolateral surface of the lateral tibial condyle, between
# the tibial tuberosity (2 cm medial to it) and the head of the fibula; its anterior border back up from the
# tubercle lateral to the patella and its ligament (over the condyle, lateral to the lateral retinaculum) to
# vastus lateralis: a band about 1 cm wide all the way down, neither narrowing above the knee nor widening
# over the patella's lateral edge.
ITB_KNEE_FRONT = [(102.5, 668.5), (103.3, 676), (103.3, 683), (102.8, 691), (102, 697), (103, 703), (103.2, 710),
                  (102, 715.5), (100, 720.5), (97, 725)]
ITB_GERDY_FRONT = [(89, 726), (90, 718), (91, 708), (92, 698), (92.5, 688), (93.5, 678), (94.5, 668)]


def draw_itb_coronal(v, side):
    """The iliotibial tract seen from in front or behind: the thickened lateral band of the fascia lata lying
    on the lateral thigh, its outer border the outline of the thigh, from the greater trochanter (where
    tensor fasciae latae in front and gluteus maximus behind insert into it) down over vastus lateralis and
    the lateral femoral condyle to Gerdy's tubercle on the lateral tibial condyle. Drawn in the muscles layer,
    over vastus lateralis (a click on it finds the tract), under the muscles that insert into it."""
    edge = itb_lateral_edge()
    # its width across the front of the thigh (mm): broad where the two muscles join it, narrowing to the knee
    def width(y):
        return 16.0 if y < 320 else max(8.0, 16.0 - (y - 320) * 8.0 / 380.0)
    if v.kind == 'post':
        # from behind it leaves the outline above the joint line, turning forward round the lateral condyle
        # to Gerdy's tubercle on the front of the tibia, out of sight: it narrows to its edge under the
        # tendon of biceps femoris, which lies behind it, and never reaches the back of the leg below
        edge = [q for q in edge if q[1] < ITB_BACK_END[1]] + [ITB_BACK_END]
        full = width

        def width(y):
            return full(y) * min(1.0, max(0.0, (ITB_BACK_END[1] - y) / 36.0))
    if v.id == 'front-superficial':
        # from in front it lies on the lateral thigh, over vastus lateralis, whose lateral border is the
        # outline of the thigh down to the lateral femoral condyle, and on over the condyle to Gerdy's
        # tubercle, inside the outline of the knee: never standing out beside the thigh; above, over the
        # greater trochanter, under tensor fasciae latae (which covers the trochanter), its border the
        # muscle's lateral border
        tfl = Sheet(TFL_ORIGIN, TFL_END, TFL_C1, TFL_C2)
        vl = Sheet(VL_O_FRONT, VL_I_FRONT, VL_C1_FRONT, VL_C2_FRONT)
        condyle = sorted((q for q in sample(femur_outline(), True, 8) if q[0] > 85 and 640 < q[1] < 700), key=lambda q: q[1])
        borders = [[tfl.point(1.0, k / 80.0) for k in range(81)], [vl.point(0.0, k / 80.0) for k in range(81)], condyle]

        def outline_x(y):
            xs = [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])
                  for line in borders for a, b in zip(line, line[1:]) if a[1] <= y <= b[1] and b[1] > a[1]]
            return max(xs)
        edge = [(outline_x(y) - (2.0 if y == 272 else 0.6), y) for y in list(range(272, 650, 6)) + list(range(650, 668, 2))]
        edge += ITB_KNEE_FRONT

        def width(y):
            return 17.5 if y < 330 else max(9.0, 17.5 - (y - 330) * 8.5 / 370.0)
    inner = []
    for k, q in enumerate(edge):
        a = edge[max(k - 1, 0)]
        b = edge[min(k + 1, len(edge) - 1)]
        t = norm(sub(b, a))
        n = (t[1], -t[0]) if t[1] > 0 else (-t[1], t[0])
        if n[0] > 0:
            n = mul(n, -1)
        inner.append(add(q, mul(n, width(q[1]))))
    if v.id == 'front-superficial':
        inner = [q for q in inner if q[1] < ITB_GERDY_FRONT[-1][1] - 8] + ITB_GERDY_FRONT[::-1]
    outline = edge + inner[::-1]
    poly = v.ps(outline, side)
    parts = [path(smooth(poly), ITB_ON_MUSCLE if v.id == 'front-superficial' else ITB)]
    parts.append(path(lines_d(hatch([sample(poly, True, 6)], 7, 88 if side == 1 else 92)), FASCIA_FIBRE))
    v.add('muscles', group('b-iliotibial-tract' + sfx(side), parts))


# ============================================================================================
# Assembling a view
# ============================================================================================

def coronal_bones(v):
    post = v.kind == 'post'
    for side in v.sides:
        draw_ribs_coronal(v, side)
    if not post:
        for side in v.sides:
            draw_tps(v, side, ['T12', 'L1', 'L2', 'L3', 'L4', 'L5'])
        draw_bodies(v)
        for side in v.sides:
            draw_hip_bone_coronal(v, side)
        draw_sacrum(v)
        draw_coccyx(v)
        for side in v.sides:
            if v.id == 'anterior':
                draw_knee_capsule_front(v, side)
            draw_femur_coronal(v, side)
            if v.frame[1] > 700:
                draw_knee_coronal(v, side)
    else:
        draw_bodies(v)
        draw_sacrum(v)
        draw_coccyx(v)
        for side in v.sides:
            draw_tps(v, side, ['T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'])
        draw_posterior_arches(v)
        for side in v.sides:
            if v.frame[1] > 700:
                draw_knee_capsule_back(v, side)
            draw_femur_coronal(v, side)
            if v.frame[1] > 700:
                draw_knee_coronal(v, side)
            draw_hip_bone_coronal(v, side)


def drawing_points(v, regions_only=False):
    """Points along every outline of the bones and muscles layers (canvas units), to find how far the
    drawing reaches left and right at a given height; with regions_only, of the regions alone (what the
    application centres in a small window)."""
    pts = []
    for layer in ('bones', 'muscles'):
        for el in v.layers[layer]:
            if regions_only and not re.match(r'<[a-z]+ id="[mb]-', el):
                continue
            for d in re.findall(r' d="([^"]+)"', el):
                d = re.sub(r'[aA][^MmLlCcZz]*', ' ', d)        # arcs: radii are not points
                for sub_d in re.split(r'[Mm]', d):
                    q = [(float(x), float(y)) for x, y in re.findall(r'(-?[0-9.]+),(-?[0-9.]+)', sub_d)]
                    for p0, p1 in zip(q, q[1:]):
                        n = max(1, int(dist(p0, p1) / 8.0))
                        pts += [lerp(p0, p1, k / float(n)) for k in range(n)]
                    pts += q[-1:]
    return pts


# The Atlas enlarges the labels of a small window to keep them readable: at 1024x640 to 29-33 units
# (fascia_ui_label_size_for(), FASCIA_UI_READABLE_LABEL_PX), in presentation mode at 1920x1080 to 27-32.
# The labels are laid out for the largest of these, so that, enlarged, they still fit beside the drawing
# and keep clear of each other: none has to be left out.
PLAN_SIZE = 33.0
LABEL_CLEAR = 10.0          # how far (canvas units) a label keeps above and below the drawing beside it
LINE = 1.2                  # the line spacing of a label broken onto two lines (em)
# The box the application gives an enlarged label (measure_label() in src/render/fascia-diagram.c: pango's
# logical extents, which it keeps apart from the drawing and from the other labels): Cantarell's ascent
# reaches a whole em above the baseline and its descent 0.242 em below it
ASCENT = 1.0
DESCENT = 0.242
PITCH = 1.24 + 0.15 + 0.05  # a line's height, the margin the application keeps between labels, and some slack
# Advance widths of Cantarell, the labels' font (em); its fallback, DejaVu Sans, is about an eighth wider
CHAR_W = {'a': 0.512, 'b': 0.570, 'c': 0.467, 'd': 0.570, 'e': 0.528, 'f': 0.340, 'g': 0.570, 'h': 0.567,
          'i': 0.246, 'j': 0.246, 'k': 0.498, 'l': 0.278, 'm': 0.886, 'n': 0.567, 'o': 0.567, 'p': 0.571,
          'q': 0.570, 'r': 0.377, 's': 0.464, 't': 0.361, 'u': 0.558, 'v': 0.480, 'w': 0.783, 'x': 0.469,
          'y': 0.480, 'z': 0.464, 'A': 0.626, 'B': 0.630, 'C': 0.645, 'D': 0.711, 'E': 0.584, 'F': 0.563,
          'G': 0.715, 'H': 0.721, 'I': 0.267, 'J': 0.398, 'K': 0.608, 'L': 0.506, 'M': 0.859, 'N': 0.750,
          'O': 0.760, 'P': 0.590, 'Q': 0.765, 'R': 0.620, 'S': 0.553, 'T': 0.566, 'U': 0.671, 'V': 0.603,
          'W': 0.980, 'X': 0.596, 'Y': 0.580, 'Z': 0.636, '0': 0.614, '1': 0.423, '2': 0.528, '3': 0.562,
          '4': 0.597, '5': 0.548, '6': 0.583, '7': 0.521, '8': 0.580, '9': 0.583, ' ': 0.220, '(': 0.301,
          ')': 0.301, '\u2013': 0.500, '-': 0.424, ':': 0.256, ',': 0.256, '.': 0.256}


def text_width(text, fs):
    return fs * sum(CHAR_W.get(c, 0.6) for c in text)


def wrap_label(text, room):
    """The label's lines: the text on one line where it fits in @room at PLAN_SIZE, else broken at the
    word boundary that makes its longer line shortest (never inside a word)."""
    if text_width(text, PLAN_SIZE) <= room or ' ' not in text:
        return [text]
    words = text.split(' ')
    best = None
    for k in range(1, len(words)):
        lines = [' '.join(words[:k]), ' '.join(words[k:])]
        w = max(text_width(t, PLAN_SIZE) for t in lines)
        if best is None or w < best[0]:
            best = (w, lines)
    return best[1]


def spread(items, lo, hi):
    """Baselines for the labels of a column, in order: each as near its anchor's height as it can be,
    each at least its upper neighbour's height (lines x pitch) below it, all within lo..hi (clusters of
    labels pushed apart around their mean, as little as they must)."""
    need = [PITCH * PLAN_SIZE + LINE * PLAN_SIZE * (len(it['lines']) - 1) for it in items]
    off = [0.0]
    for k in range(1, len(items)):
        off.append(off[-1] + need[k - 1])
    clusters = []                       # [first, last, position of the first]
    for k, it in enumerate(items):
        clusters.append([k, k, it['ay']])
        while True:
            c = clusters[-1]
            n = c[1] - c[0] + 1
            pos = sum(items[j]['ay'] - (off[j] - off[c[0]]) for j in range(c[0], c[1] + 1)) / n
            top = max(lo, min(pos, hi - (off[c[1]] - off[c[0]])))
            c[2] = top
            if len(clusters) > 1:
                p = clusters[-2]
                if p[2] + off[c[0]] - off[p[0]] > top:
                    clusters.pop()
                    p[1] = c[1]
                    continue
            break
    ys = []
    for c in clusters:
        for j in range(c[0], c[1] + 1):
            ys.append(c[2] + off[j] - off[c[0]])
    return ys


def segments_cross(p, q, r, s):
    """Whether the segments pq and rs cross (meeting at an end, or touching, is not crossing)."""
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (orient(r, s, p) * orient(r, s, q) < 0) and (orient(p, q, r) * orient(p, q, s) < 0)


def assignment(cost):
    """The columns assigned to the rows of the square matrix cost, least in sum (the Hungarian method)."""
    n = len(cost)
    INF = float('inf')
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [INF] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], INF, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    out = [0] * n
    for j in range(1, n + 1):
        out[p[j] - 1] = j - 1
    return out


def polyline_length(pts):
    return sum(dist(pts[k], pts[k + 1]) for k in range(len(pts) - 1))


def crossing_leaders(leaders):
    """The pairs (i, j), i < j, of leader lines (each a list of points) that cross each other."""
    pairs = []
    for i in range(len(leaders)):
        for j in range(i + 1, len(leaders)):
            a, b = leaders[i], leaders[j]
            if any(segments_cross(a[k], a[k + 1], b[m], b[m + 1])
                   for k in range(len(a) - 1) for m in range(len(b) - 1)):
                pairs.append((i, j))
    return pairs


def render_labels(v):
    """Two columns of labels, one each side, spread vertically so that none overlap when enlarged to
    PLAN_SIZE; each label sits just outside the drawing at its height (so its leader line is short), never
    past the canvas, and a long one that would not fit beside the drawing breaks onto two lines."""
    out = []
    fs = v.font_size
    cx = W / 2.0
    v.leaders = []                      # (text, leader line) of every label, for check_leaders()
    cols = {'L': [], 'R': []}
    for text, a, col, order in v.labels:
        c = col or ('L' if a[0] < cx else 'R')
        cols[c].append({'ay': a[1], 'order': order, 'text': text, 'a': a, 'lines': [text]})
    pts = sorted(drawing_points(v), key=lambda q: q[1])
    pts_x, pts_y = [q[0] for q in pts], [q[1] for q in pts]
    # within the height of the regions, so that the labels leave the figure a small window centres as
    # it is (fascia_diagram_get_figure_bounds())
    figure = drawing_points(v, regions_only=True)
    top = max(30, min(q[1] for q in figure) + 14)
    bottom = min(H - 16 - PLAN_SIZE * 0.3, max(q[1] for q in figure) - 8 + v.labels_below)

    def place(c, it, y):
        # clear of the drawing over the height the label's box takes when enlarged (its baseline is y + 5.5)
        y0 = y + 5.5 - ASCENT * PLAN_SIZE
        y1 = y + 5.5 + DESCENT * PLAN_SIZE + LINE * PLAN_SIZE * (len(it['lines']) - 1)
        # and clear of what lies just above or below it, so that a corner of the drawing does not
        # touch the top or the foot of its first letter
        k0, k1 = bisect.bisect_left(pts_y, y0 - LABEL_CLEAR), bisect.bisect_right(pts_y, y1 + LABEL_CLEAR)
        band = pts_x[k0:k1]
        a = it['a']
        if c == 'L':
            edge = min(band + [a[0]]) - v.label_gap['L']
            return min(edge, a[0] - 24)
        edge = max(band + [a[0]]) + v.label_gap['R']
        return max(edge, a[0] + 24)

    def lay_out(c, items):
        """Where the labels of column c go in the order of items: (item, x, y, top, bottom) each, and
        the leader lines, (start, elbow, point) each."""
        for it in items:
            it['lines'] = [it['text']]
        for _ in range(3):
            need = sum(PITCH * PLAN_SIZE + LINE * PLAN_SIZE * (len(it['lines']) - 1) for it in items)
            # a column that needs more room than that takes it evenly above and below, so that the
            # regions stay in the middle of the figure
            extra = max(0.0, need - (bottom - top)) / 2.0
            lo, hi = max(30, top - extra), min(H - 16 - PLAN_SIZE * 0.3, bottom + extra)
            ys = spread(items, lo, hi)
            for it, y in zip(items, ys):
                x = place(c, it, y)
                room = (x if c == 'L' else W - x) - 4
                it['lines'] = wrap_label(it['text'], room)
        placed = []
        for it, y in zip(items, ys):
            x = place(c, it, y)
            w = max(text_width(t, fs) for t in it['lines'])
            # at the drawing's own size the label stays on the canvas, over the drawing if it must
            x = max(x, w + 6) if c == 'L' else min(x, W - 6 - w)
            # the height the label takes at the drawing's own size (its baseline is y + 5.5)
            placed.append((it, x, y, y + 5.5 - 0.78 * fs, y + 5.5 + 0.24 * fs + LINE * fs * (len(it['lines']) - 1)))
        leaders = []
        for i, (it, x, y, _, _) in enumerate(placed):
            a = it['a']
            start = (x + 5, y) if c == 'L' else (x - 5, y)
            ex = start[0] + (12 if c == 'L' else -12)
            # the leader runs level past the inner ends of the labels between its label and its
            # point before it turns to the point, so that it crosses none of them
            lo, hi = min(y, a[1]), max(y, a[1])
            for j, (_, xj, _, top_j, bottom_j) in enumerate(placed):
                if j != i and top_j - 2 <= hi and bottom_j + 2 >= lo:
                    ex = max(ex, xj + 6) if c == 'L' else min(ex, xj - 6)
            ex = min(ex, a[0]) if c == 'L' else max(ex, a[0])
            leaders.append((start, (ex, y), (a[0], a[1])))
        return placed, leaders

    def tangled(c, placed, leaders):
        """The pairs (i, j), i < j, of the column's labels whose leader lines cross, or where one's
        line runs through the other's text (its point lies beyond the other's inner end, so the line
        cannot pass level around it): a reader would follow one to the other's point, or read a line
        struck through a name as pointing at it."""
        pairs = set(crossing_leaders(leaders))
        fs_ = v.font_size
        for j, (it, x, y, top_j, bottom_j) in enumerate(placed):
            w = max(text_width(t, fs_) for t in it['lines'])
            x0, x1 = (x - w, x) if c == 'L' else (x, x + w)
            for i, line in enumerate(leaders):
                if i != j and any(segment_through_box(line[k], line[k + 1], (x0, top_j, x1, bottom_j))
                                  for k in range(len(line) - 1)):
                    pairs.add((min(i, j), max(i, j)))
        return sorted(pairs)

    for c, items in cols.items():
        # the column in the order of its points' heights; where two leader lines cross (a reader would
        # follow one to the other's point), the two labels change places until none cross, and then, of
        # the orders in which none cross, one whose lines are short: a label moves to another place in
        # the column, or two change places, while that shortens the lines (the sum of their squares, so
        # that no line is much longer than it must be) and crosses none
        items.sort(key=lambda it: it['order'])
        placed, leaders = lay_out(c, items)
        if tangled(c, placed, leaders):
            # start from the order in which straight lines from the labels' places to the points are
            # shortest in sum: no two such lines cross
            order = assignment([[dist(l[0], it['a']) for l in leaders] for it in items])
            items = [it for _, it in sorted(zip(order, items), key=lambda q: q[0])]
            placed, leaders = lay_out(c, items)
            seen = set()
            for _ in range(400):
                pairs = tangled(c, placed, leaders)
                if not pairs:
                    break
                seen.add(tuple(it['text'] for it in items))
                for i, j in pairs:
                    swapped = list(items)
                    swapped[i], swapped[j] = swapped[j], swapped[i]
                    if tuple(it['text'] for it in swapped) not in seen:
                        items = swapped
                        break
                else:
                    break
                placed, leaders = lay_out(c, items)
            if not tangled(c, placed, leaders):
                length = sum(polyline_length(l) ** 2 for l in leaders)
                better = True
                while better:
                    better = False
                    for i in range(len(items)):
                        for j in range(max(0, i - 8), min(len(items), i + 9)):
                            if i == j:
                                continue
                            moved = list(items)
                            moved.insert(j, moved.pop(i))
                            swapped = list(items)
                            swapped[i], swapped[j] = swapped[j], swapped[i]
                            for order in (moved, swapped) if abs(i - j) > 1 else (moved,):
                                p2, l2 = lay_out(c, order)
                                n2 = sum(polyline_length(l) ** 2 for l in l2)
                                if n2 < length - 1 and not tangled(c, p2, l2):
                                    items, placed, leaders, length, better = order, p2, l2, n2, True
                                    break
        lay_out(c, items)              # the lines of the labels as placed
        v.leaders.extend((it['text'], l) for (it, _, _, _, _), l in zip(placed, leaders))
        for (it, x, y, _, _), (start, elbow, a) in zip(placed, leaders):
            anchor = ' text-anchor="end"' if c == 'L' else ''
            if len(it['lines']) == 1:
                body = it['text']
            else:
                body = ''.join('<tspan x="%s"%s>%s</tspan>' % (f(x), ' dy="%sem"' % LINE if k else '', t)
                               for k, t in enumerate(it['lines']))
            out.append('<text x="%s" y="%s"%s>%s</text>' % (f(x), f(y + 5.5), anchor, body))
            out.append('<path d="M%s L%s L%s" fill="none" stroke="#444" stroke-width="0.9"/>' % (P(start), P(elbow), P(a)))
            out.append('<circle cx="%s" cy="%s" r="2.2" fill="#333"/>' % (f(a[0]), f(a[1])))
    return ('<g id="labels" %s font-size="%d" fill="#2e2e2e">' % (FONT, fs)) + ''.join(out) + '</g>'


def svg_text(v):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         # The frame the drawing's points are in (x0 y0 top scale: X = x0 ± scale·a, Y = y0 + scale·(y − top),
         # mm): a stored body-chart point is in it, and src/core/fascia-view-drawing.c must know it (tests/render
         # test-views …/frames-known): a new frame is a new drawing, with its transform there.
         '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" '
         'data-fascia-frame="%.10g %.10g %.10g %.10g">' % (W, H, W, H, v.x0, v.y0, v.frame[0], v.scale),
         '<title>Fascia — %s</title>' % v.title_long,
         '<desc>%s Generated by build-aux/diagrams/generate.py. CC BY-SA 4.0.</desc>' % v.description]
    if v.defs:
        o.append('<defs>' + ''.join(v.defs) + '</defs>')
    o.append('<g id="layer-bones">' + ''.join(v.layers['bones']) + '</g>')
    muscles = v.layers['muscles']
    for c, r in getattr(v, 'bare', []):
        muscles = [punch(el, c, r) for el in muscles]
    o.append('<g id="layer-muscles">' + ''.join(muscles) + '</g>')
    if v.layers['nerves']:
        o.append('<g id="layer-nerves" display="none">' + ''.join(v.layers['nerves']) + '</g>')
    o.append('<g id="layer-trigger-points">' + ''.join(v.layers['trigger-points']) + '</g>')
    o.append('<g id="layer-referral" display="none">' + ''.join(v.layers['referral']) + '</g>')
    o.append(render_labels(v))
    o.append('</svg>')
    return '\n'.join(o) + '\n'


# ============================================================================================
# Muscles, trigger points, referral zones
# ============================================================================================

def sheet(v, side, O, I, C1=None, C2=None):
    return Sheet(v.ps(O, side), v.ps(I, side), v.ps(C1, side) if C1 else None, v.ps(C2, side) if C2 else None)


def muscle_parts(sh, depth='mid', nfib=10, tendon=None, t0=0.0, t1=1.0, u0=0.0, u1=1.0, fib_u=(0.02, 0.98)):
    """The shapes of one muscle (or one piece of it) drawn as a sheet: belly, fibres, tendon.
    tendon=(ua, ub): the part of the fibres between ua and ub is tendon, drawn pale."""
    parts = []
    full = (t0, t1, u0, u1) == (0.0, 1.0, 0.0, 1.0)
    parts.append(path(sh.outline() if full else sh.region(t0, t1, u0, u1), MUSCLE[depth]))
    fu0, fu1 = max(u0, fib_u[0]), min(u1, fib_u[1])
    if tendon:
        ta, tb = max(tendon[0], u0), min(tendon[1], u1)
        if tb > ta:
            parts.append(path(sh.region(t0, t1, ta, tb), TENDON))
            parts.append(path(sh.fibres(max(3, nfib // 2), t0, t1, ta, tb), TENDON_FIBRE))
        if tendon[0] <= u0 + 1e-6:
            fu0 = max(fu0, tendon[1])
        else:
            fu1 = min(fu1, tendon[0])
    parts.append(path(sh.fibres(nfib, t0, t1, fu0, fu1), FIBRE))
    return parts


def cut_parts(sh, t0, t1, u):
    return [path(sh.edge(t0, t1, u), CUT)]


TP_R = 7.0


def trigger_point(v, muscle, n, side, pt):
    c = v.p(pt, side)
    r = TP_R
    d = circle_d(c, r)
    k = r * 0.62
    cross = 'M%s L%s M%s L%s' % (P((c[0] - k, c[1] - k)), P((c[0] + k, c[1] + k)),
                                 P((c[0] - k, c[1] + k)), P((c[0] + k, c[1] - k)))
    v.add('trigger-points', group('tp-%s-%d%s' % (muscle, n, sfx(side, v)), [
        path(d, 'fill="#ffffff" fill-opacity="0.92" stroke="#111111" stroke-width="2"'),
        path(cross, 'fill="none" stroke="#b71c1c" stroke-width="2.2" stroke-linecap="round"')]))


def referral_zone(v, muscle, n, side, blobs):
    parts, polys = [], []
    for b in blobs:
        pts = v.ps(b, side)
        # clip to the canvas (the frame is already enforced vertically by the projection)
        pts = [(min(max(q[0], 4), W - 4), q[1]) for q in pts]
        parts.append(path(smooth(pts), RZ))
        polys.append(sample(pts, True, 8))
    hs = []
    for poly in polys:
        hs += hatch([poly], 9, 45 if (side == 1) == (v.kind != 'post') else -45, inset=1.5)
    parts.append(path(lines_d(hs), RZ_HATCH))
    v.add('referral', group('rz-%s-%d%s' % (muscle, n, sfx(side, v)), parts))


def blob(cx, cy, rx, ry, rot=0.0, n=10, wobble=0.0):
    pts = ellipse_pts(cx, cy, rx, ry, rot, n)
    if wobble:
        pts = [(x + wobble * math.sin(3.1 * i), y + wobble * math.cos(2.3 * i)) for i, (x, y) in enumerate(pts)]
    return pts


# ---- anterior ------------------------------------------------------------------------------

def psoas_major_sheet(v, side, medial=(62, 274)):
    """Psoas major; medial, where its medial border's lower control point lies (mm)."""
    O = [(18, -24), (19.5, 10), (20.5, 50), (22, 88), (23, 128), (24.5, 168), (27, 182)]
    I = [(108, 347), (101, 343)]
    C1 = [(62, 92), (40, 206)]
    C2 = [(86, 236), medial]
    return sheet(v, side, O, I, C1, C2)


def iliacus_sheet(v, side):
    O = [(56, 214), (49, 190), (52, 168), (64, 153), (86, 145), (108, 142), (126, 145), (136, 157),
         (137, 175), (130, 195), (122, 209), (117, 231)]
    I = [(104, 347), (111, 364)]
    # the lateral fibres sweep medially across the front of the hip joint, leaving the lateral part
    # of the femoral head and the neck uncovered
    C1 = [(62, 238), (72, 212), (94, 214), (100, 252)]
    C2 = [(80, 288), (84, 292), (86, 298), (88, 306)]
    return sheet(v, side, O, I, C1, C2)


def ql_sheet_coronal(v, side):
    O = [(40, 159), (52, 153), (66, 146), (84, 141), (100, 139), (112, 140)]
    I = [(44, 124), (48.5, 86), (43, 49), (37, 11), (40, -11), (54, -5), (66, 3)]
    return sheet(v, side, O, I)


def ql_fibres(v, side):
    """The iliolumbar fibres of quadratus lumborum, from the crest and the iliolumbar ligament up and
    medially to the tips of the L1-L4 transverse processes (the iliocostal fibres are the sheet's own)."""
    segs = []
    for name, x0 in (('L1', 74), ('L2', 70), ('L3', 64), ('L4', 56)):
        n, top, bot, hw, tip, sp = vert(name)
        y = top + 0.35 * (bot - top)
        a, b = (x0, 146 - (x0 - 56) * 0.15), (tip + 1.5, y + 2)
        segs.append(smooth(v.ps([a, lerp(a, b, 0.5), b], side), False))
    return [path(' '.join(segs), FIBRE)]


def psoas_minor_sheet(v, side):
    O = [(16.5, -17), (19.5, 16)]
    I = [(61, 263), (66, 267)]
    C1 = [(30, 62), (33, 72)]
    C2 = [(44, 170), (48, 176)]
    return sheet(v, side, O, I, C1, C2)


def build_anterior():
    # down to the knee, as the deep view from behind: the muscles of the thigh are seen to their
    # insertions (the vasti on the patella, sartorius and gracilis on the pes anserinus, adductor
    # magnus on the adductor tubercle), where the view ended at mid-thigh and they ran off its foot
    v = View('anterior', 'ant', 600, 8, (-63, 765), 'Front',
             'The posterior abdominal wall and the front of the hip and thigh with the abdominal organs removed: '
             'psoas major and minor, iliacus and quadratus lumborum on the lumbar spine and pelvis, and below the '
             'inguinal ligament pectineus, the adductors, gracilis, sartorius, and with rectus femoris removed '
             'the three vasti round the femur down to the patella: lateralis, intermedius on its front and medialis.')
    v.title_long = 'Anterior view: posterior abdominal wall and hip flexors'
    coronal_bones(v)
    for s in v.sides:
        draw_hip_landmarks_coronal(v, s)
        draw_acetabulum_coronal(v, s)
        draw_femoral_landmarks(v, s)
        draw_ligaments_coronal(v, s, ['inguinal', 'iliolumbar'])
        draw_obturator_membrane(v, s)
        draw_pelvic_floor_landmarks_coronal(v, s)
        draw_linea_aspera(v, s)
        # the condyles behind the patella, which lies in front of them over the upper end of its ligament
        draw_knee_landmarks(v, s)
        draw_patellar_ligament_coronal(v, s)
        draw_patella_coronal(v, s)
    draw_symphysis(v)
    for s in v.sides:
        sf = sfx(s)
        ql = ql_sheet_coronal(v, s)
        v.add('muscles', group('m-quadratus-lumborum' + sf, muscle_parts(ql, 'deep', 12)))
        il = iliacus_sheet(v, s)
        v.add('muscles', group('m-iliacus' + sf, muscle_parts(il, 'mid', 16, tendon=(0.88, 1.0))))
        ps = psoas_major_sheet(v, s)
        v.add('muscles', group('m-psoas-major' + sf, muscle_parts(ps, 'sup', 13, tendon=(0.84, 1.0))))
        pm = psoas_minor_sheet(v, s)
        v.add('muscles', group('m-psoas-minor' + sf, muscle_parts(pm, 'sup', 4, tendon=(0.34, 1.0))))
        thigh_front(v, s)
        sartorius_front(v, s)
        trigger_point(v, 'adductor-magnus', 1, s, (70, 515))
        trigger_point(v, 'adductor-longus', 1, s, (39, 358))
        trigger_point(v, 'adductor-brevis', 1, s, (46, 352))
        trigger_point(v, 'pectineus', 1, s, (56, 300))
        trigger_point(v, 'gracilis', 1, s, (24, 470))
        trigger_point(v, 'sartorius', 1, s, (84, 330))
        trigger_point(v, 'vastus-intermedius', 1, s, (121, 430))
        referral_zone(v, 'vastus-intermedius', 1, s, [[(100, 360), (142, 360), (136, 440), (122, 520), (108, 614), (70, 614),
                                                       (82, 520), (94, 440)]])
        inner = [(22, 296), (60, 292), (80, 330), (74, 420), (64, 520), (58, 614), (36, 614), (30, 520), (22, 420), (14, 330)]
        referral_zone(v, 'adductor-magnus', 1, s, [[(20, 298), (58, 300), (70, 380), (66, 480), (56, 600), (36, 612), (26, 520), (18, 400)]])
        referral_zone(v, 'adductor-longus', 1, s, [inner])
        referral_zone(v, 'adductor-brevis', 1, s, [inner])
        referral_zone(v, 'pectineus', 1, s, [blob(62, 300, 28, 16, 0.3, 12)])
        referral_zone(v, 'gracilis', 1, s, [[(14, 340), (34, 340), (38, 450), (36, 600), (22, 612), (18, 450)]])
        referral_zone(v, 'sartorius', 1, s, [[(118, 226), (132, 236), (106, 320), (82, 400), (64, 480), (52, 560), (46, 612), (24, 612), (32, 540), (44, 460), (62, 380), (88, 300), (112, 232)]])
        # the inguinal ligament passes in front of iliopsoas: drawn again over it (drawing only)
        pts = [(121, 214), (100, 234), (74, 258), (48, 278), (27, 288)]
        v.add('muscles', path(ribbon(v.ps(pts, s), [4.5 * v.scale, 4 * v.scale, 4 * v.scale, 4 * v.scale, 3.5 * v.scale]), LIGAMENT))
        # trigger points and referral zones
        trigger_point(v, 'psoas-major', 1, s, (34, 92))
        trigger_point(v, 'psoas-major', 2, s, (82, 286))
        trigger_point(v, 'iliacus', 1, s, (110, 196))
        back = [(14, -20), (30, -22), (40, 20), (44, 100), (50, 170), (62, 206), (70, 236), (56, 250),
                (38, 240), (26, 214), (18, 170), (12, 100), (10, 20)]
        thigh = [(92, 300), (118, 296), (140, 320), (148, 380), (142, 450), (128, 505), (104, 505), (92, 450),
                 (86, 380), (84, 330)]
        referral_zone(v, 'psoas-major', 1, s, [back])
        referral_zone(v, 'psoas-major', 2, s, [thigh, back])
        referral_zone(v, 'iliacus', 1, s, [back, thigh])
    # labels (left side of the subject is on the viewer's right)
    L, R = 1, -1
    v.label('Psoas major', psoas_major_sheet(v, L) and (40, 120), L)
    v.label('Psoas minor', (32.2, 79), R)
    v.label('Iliacus', (100, 180), L)
    v.label('Quadratus lumborum', (72, 60), R)
    v.label('12th rib', rib_point(12, 80), L)
    v.label('Ribs 9–11', rib_point(9, 150), R)
    v.label('L3 transverse process (covered)', (46, 84), L)
    v.label('L1 vertebral body', (0, 14), L)
    v.label('Intervertebral disc', (0, 147), R)
    v.label('Iliac crest', (120, 137), R)
    v.label('Iliolumbar ligament (covered)', (45, 152), R)
    v.label('ASIS', (124, 210), L)
    v.label('AIIS (covered)', (118, 236), R)
    v.label('Inguinal ligament', (61.1, 267.2), L)
    v.label('Iliopubic eminence (covered)', (64, 266), R)
    v.label('Pubic tubercle', (23, 291), L)
    # the ridge pectineus arises from, bare between it and the inguinal ligament
    v.label('Pecten pubis', PECTEN_ANT[3], L)
    v.label('Sacrum', (0, 232), R)
    v.label('Acetabulum', (63.3, 272.2), L)
    v.label('Greater trochanter', (155, 300), R)
    v.label('Lesser trochanter', (105.3, 353), L)
    v.label('Femur', (122, 300), R)
    v.label('Vastus medialis', (92, 520), R)
    v.label('Vastus intermedius', (118, 440), R)
    v.label('Sartorius', (62, 440), L)
    v.label('Vastus lateralis', (160, 470), L)
    v.label('Adductor longus', (50, 360), R)
    v.label('Pectineus', (50, 292), R)
    # where it shows between adductor longus and pectineus, which cover the rest of it
    v.label('Adductor brevis', (49, 342), L)
    # below sartorius's crossing, between it and vastus medialis, where adductor longus no longer covers it
    v.label('Adductor magnus', (62, 535), R)
    v.label('Gracilis', (24, 560), L)
    v.label('Obturator externus', (48, 326), L)
    v.label('Pubic symphysis', (0, 312), R)
    v.label('Patella', (KNEE + 2, 668), L)
    v.label('Medial tibial condyle', (KNEE - 16, 720), R)
    v.label('Medial femoral condyle', (KNEE - 26, 700), L)
    v.label('Tibial tuberosity', (KNEE + 6, 748), L)
    v.label('Pes anserinus', (KNEE - 15, 754), R)
    return v


# ---- posterior, superficial ----------------------------------------------------------------

def glut_max_sheet_coronal(v, side):
    """The thick quadrilateral of gluteus maximus: from the posterior ilium behind the posterior gluteal
    line, the side of the sacrum and coccyx and the sacrotuberous ligament, in parallel coarse bundles down
    and laterally to the iliotibial tract and the gluteal tuberosity; its lower border, convex, is the
    contour of the buttock."""
    O = [(66, 147, 'c'), (54, 152), (46, 170), (41, 196), (36, 220), (28, 244), (18, 264), (8.5, 279), (5, 290, 'c')]
    I = [(158, 268), (166, 296), (167, 326), (160, 356), (147, 390), (131, 424)]
    C1 = [(96, 188), (82, 250), (62, 320), (40, 362)]
    C2 = [(130, 232), (128, 300), (112, 370), (92, 422)]
    return sheet(v, side, O, I, C1, C2)


LAT_AXILLA = (184, -200)    # where the fibres of latissimus leave the view, converging on the axilla
# The fleshy origin of latissimus (where its aponeurosis, on the thoracolumbar fascia, ends), from the T7 spinous
# process down to the posterior iliac crest; its upper border begins at T7 (Gray's, Moore).
LAT_ORIGIN = [(12, -140), (13, -118), (15, -96), (18, -76), (24, -56), (32, -30), (42, -4), (56, 28), (68, 62),
              (78, 98), (82, 126), (88, 138), (101, 137)]
LAT_T7 = (2.5, -142)        # the top of its aponeurosis, on the T7 spinous process
# The scapula (Moore, Gray's): its medial border vertical, about 6 cm from the spinous processes; its lateral
# border, thick, rising up and out towards the axilla at about 35 degrees to it; the two meet in the inferior
# angle, a blunt point level with the T7 spinous process, which the upper border of latissimus crosses. Both
# borders run on up off the view (the card "Scapula": its lower part, below the level of T5).
SCAPULA_MEDIAL = [(61.5, -200, 'c'), (61, -180), (61, -160), (62, -143), (64, -133)]
SCAPULA_ANGLE = (67.5, -127)
SCAPULA_LATERAL = [(71.5, -131), (80, -145), (90, -162), (101, -181), (112, -200, 'c')]


SCAPULA_SEEN = 'fill="none" stroke="#5b4a3a" stroke-width="1.3" stroke-opacity="0.7" stroke-dasharray="4 3" stroke-linecap="round"'


def scapula_outline():
    return SCAPULA_MEDIAL + [SCAPULA_ANGLE] + SCAPULA_LATERAL


def draw_scapula_back(v, side):
    """The lower scapula seen from behind (the card "Scapula"): the bone filled without an edge where the
    view cuts it, its medial and lateral borders and inferior angle outlined, the thick lateral border
    shaded and its ridge drawn; teres major runs up and out from the back of the inferior angle along the
    lateral border, between it and latissimus."""
    out = scapula_outline()
    poly = v.ps(out, side)
    parts = [path(smooth(poly, True), BONE.replace('stroke="#5b4a3a"', 'stroke="none"'))]
    lat_border = [SCAPULA_ANGLE] + SCAPULA_LATERAL
    parts.append(path(poly_d([ribbon_poly(v.ps([(q[0] - 3.2, q[1] - 1.2) for q in lat_border[1:]], side),
                                          [2 * v.scale, 4 * v.scale, 5 * v.scale, 5.5 * v.scale, 6 * v.scale])]), BONE_SHADE))
    parts.append(path(smooth(v.ps([(q[0] - 5.5, q[1] - 1.5) for q in lat_border[2:]], side), False), BONE_DETAIL))
    parts.append(path(smooth(poly, False), BONE.replace('fill="#f4ecd8"', 'fill="none"')))
    v.add('bones', group('b-scapula' + sfx(side), parts))


def teres_major_sheet(v, side):
    """Teres major: from the back of the inferior angle and the lower lateral border of the scapula up and
    laterally towards the humerus, its lower border along the upper border of latissimus."""
    O = [(68, -131), (76, -144), (86, -160), (96, -176), (104, -189), (110, -199)]
    I = [(171, -200), (160, -200), (148, -200), (136, -200), (124, -200), (114, -200)]
    return sheet(v, side, O, I)


# The lower (ascending) fibres of trapezius (Gray's, Moore): from the spinous processes down to T12 they converge
# up and laterally on the tubercle at the medial end of the spine of the scapula, level with about T3, above the
# view; each fibre is drawn straight to it and cut where it leaves the top of the view.
TRAP_TUBERCLE = (66, -232)
TRAP_ORIGIN_X = 2.5


def trapezius_sheet(v, side):
    """Trapezius, its lower fibres: from the spinous processes (T5 at the top of the view down to T12)
    up and out towards the medial end of the spine of the scapula, over the upper medial corner of
    latissimus; its lower border, from T12, is the upper medial side of the triangle of auscultation."""
    top = v.ymin
    ys = [top + 1, -190, -175, -155, -130, -100, -70, -40, -15, 3]
    O, I = [], []
    for y in ys:
        o = (TRAP_ORIGIN_X, y)
        k = (top - y) / (TRAP_TUBERCLE[1] - y)
        O.append(o)
        I.append(lerp(o, TRAP_TUBERCLE, k))
    return sheet(v, side, O, I)


def rhomboid_major_sheet(v, side):
    """Rhomboid major, deep to trapezius: from the T2-T5 spinous processes (T5 in the view, the rest above
    it) down and laterally to the medial border of the scapula between the root of its spine and the
    inferior angle; seen beside the scapula lateral to trapezius and in the triangle of auscultation."""
    O = [(40, -200), (20, -200), (TRAP_ORIGIN_X, -196), (TRAP_ORIGIN_X, -182)]
    I = [SCAPULA_MEDIAL[0][:2], (61, -178), (61.5, -152), SCAPULA_ANGLE]
    return sheet(v, side, O, I)


def chest_wall_back(v, side, x0, x1, y0, y1, ribs):
    """The posterior chest wall where nothing else covers it: the intercostal muscles (the external
    intercostals, their fibres running down and laterally on the back of the chest) filling the spaces
    and the ribs across them, the 6th to 8th placed as the 9th (RIBS) is, one vertebra higher each."""
    box = v.ps([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], side)
    # the muscles drawn again over the bones under them, never hit: the intercostals' region (under
    # everything, intercostals_back) takes the clicks here
    out = seen_only([path('M' + ' L'.join(P(q) for q in box) + ' Z', MUSCLE['deep'].replace('stroke="#6e1f17"', 'stroke="none"')),
                     path(lines_d(hatch([box], 2.6 * v.scale, 60 if side == 1 else 120)), FIBRE)])
    bones = []
    for n in ribs:
        pts, w = SK.RIBS[9]
        dy = -27.0 * (9 - n)
        cl = [(q[0], q[1] + dy) for q in pts[:5]]
        bones.append(path(ribbon(v.ps(cl, side), [x * v.scale for x in w[:5]]), BONE))
    # the 6th to 8th ribs click as the fifth to eighth ribs, over the intercostal muscles between them
    out.append(group('b-ribs-5-8' + sfx(side), bones))
    return out


# The lower posterior chest wall, from the rib heads out round the flank and down to the 12th rib and the
# tips of the 11th and 10th: the intercostal muscles fill it between the ribs (drawn over them).
CHEST_WALL_LOW = [(16, -200, 'c'), (150, -200, 'c'), (165, -60, 'c'), (174, -44, 'c'), (176, -20), (174, 0), (170, 32), (161, 64), (148, 94), (140, 86),
                  (134, 76), (120, 52), (101, 46), (92, 30), (76, 13), (56, -4), (35, -17), (20, -21), (16, -21)]
INTERCOSTAL = MUSCLE['deep'].replace('stroke="#6e1f17" stroke-width="1.5"', 'stroke="none" stroke-width="0"')


def intercostals_back(v, side):
    """The intercostal muscles of the lower posterior chest wall, under the ribs (m-intercostals-l/r)."""
    poly = v.ps(CHEST_WALL_LOW, side)
    return [group('m-intercostals' + sfx(side),
                  [path(smooth(poly), INTERCOSTAL),
                   path(lines_d(hatch([sample(poly, True, 6)], 2.6 * v.scale, 62 if side == 1 else 118)), FIBRE)])]


# Where latissimus is cut away on the right the erector spinae show through the thin posterior layer of the
# thoracolumbar fascia, medial to the rib angles: their thoracic part, down to about L1 (ERECTOR_FOOT, mm),
# where the thick lumbar part of the fascia (b-thoracolumbar-fascia) takes over.
ERECTOR_FOOT = 62


def sheet_above(v, sh, y_mm, depth, nfib):
    """The part of a sheet whose fibres run up from its origin below: above the height y_mm, cut
    across there. Returns its parts and its outline."""
    cy = v.p((0, y_mm))[1]

    def u0f(t):
        lo, hi = 0.0, 1.0
        for _ in range(30):
            mid = (lo + hi) / 2.0
            if sh.point(t, mid)[1] > cy:
                lo = mid
            else:
                hi = mid
        return hi
    one = lambda t: 1.0
    poly = sh.region_fn(0, 1, u0f, one)
    return [path(poly_d([poly]), MUSCLE[depth]), path(sh.fibres_fn(nfib, 0, 1, u0f, lambda t: 0.98), FIBRE)], poly


LAT_WINDOW = (0.16, 0.66, 0.45)  # the right side's window: between fibres t 0.16 and 0.66, up to u 0.45


def lat_sheet(v, side):
    """Latissimus dorsi: fleshy fibres from the line where its aponeurosis (on the thoracolumbar fascia,
    from the T7-L5 spinous processes and the sacrum) ends, and directly from the posterior iliac crest,
    converging up and laterally towards the axilla, where the view cuts the sheet across. Its upper border,
    from T7, runs almost horizontally laterally over the inferior angle of the scapula and then turns up into
    the posterior axillary fold; the lateral fibres rise almost vertically from the crest, bowing out round
    the flank (its free lateral border), towards the same fold."""
    O = LAT_ORIGIN
    I, C1, C2 = [], [], []
    n = len(O)
    for k, o in enumerate(O):
        s = k / (n - 1.0)
        I.append((146 + (LAT_AXILLA[0] - 146) * s, LAT_AXILLA[1]))
        C1.append(add(o, lerp((64, -4), (46, -80), s)))
        C2.append(lerp((126, -152), (174, -76), s))
    return sheet(v, side, O, I, C1, C2)


def lat_rib_slips(v, side):
    """Fleshy slips of latissimus from the outer surfaces of ribs 10-12 (and the tip of 12), joining its
    lateral border."""
    out = []
    for n, y in ((11, 16), (10, 0)):
        b = rib_at(n, y)
        d = norm(sub(LAT_AXILLA, b))
        a = add(b, mul(d, 34))
        out.append(path(ribbon(v.ps([b, lerp(b, a, 0.5), a], side), [7 * v.scale, 8 * v.scale, 9 * v.scale]), MUSCLE['sup']))
        out.append(path(smooth(v.ps([b, a], side), False), FIBRE))
    return out


def ext_oblique_sheet_coronal(v, side):
    """The posterior part of external oblique seen from behind: serrated slips on ribs 12-9, its free
    posterior border from the tip of the 12th rib to the iliac crest, fibres running down and forward
    (here: down and laterally round the flank) to the anterior half of the crest."""
    # a tooth on each rib where it runs down the flank (the 12th at its tip), a notch between
    O = [(101, 46, 'c'), (116, 54, 'c'), (129, 30, 'c'), (141, 36, 'c'), (150, 4, 'c'), (160, 12, 'c'),
         (164, -8, 'c'), (174, -44, 'c')]
    I = [(108, 137), (124, 138), (138, 146), (146, 160), (160, 132), (169, 100), (175, 66)]
    return sheet(v, side, O, I)


SPI_SLIPS = [('T11', 9, 70, 104), ('T12', 10, 76, 108), ('L1', 11, 78, 106), ('L2', 12, 58, 84)]


def spi_slips(v, side):
    """Serratus posterior inferior: four thin slips from the T11-L2 spinous processes (through the
    thoracolumbar fascia) up and laterally to the lower borders of ribs 9-12 just beyond their angles."""
    out = []
    for name, rib, x0, x1 in SPI_SLIPS:
        sp = vert(name)[5]
        y = sp - 6
        O = [(3, y - 5), (3, y + 5)]
        I = [rib_point(rib, x0, 0.55), rib_point(rib, x1, 0.55)]
        out.append(sheet(v, side, O, I))
    return out


# The two superficial views reach the knee, as the front and back deep views do, and keep what lies
# above them (the lower trapezius, rhomboid major and teres major behind, the lower sternum and the ribs in
# front): the canvas is too short for the whole frame at SCALE, so these two draw it a little smaller,
# at true proportions, the knee's foot on the bottom edge of the canvas as in the other views.
# The back superficial view goes on below the knee to 10 cm below the joint line (GASTROC_LOW), so that it
# shows the heads of gastrocnemius past the middle of their bellies, where Travell & Simons's first two
# trigger points lie; it keeps its top (213 mm above L1 at the canvas's top edge), so it is drawn a little
# smaller again.
PS_SCALE = 1.47
FS_SCALE = 1.62


def build_posterior_superficial():
    v = View('posterior-superficial', 'post', 600, 1496 - PS_SCALE * (GASTROC_LOW + 100), (-100, GASTROC_LOW),
             'Back, superficial',
             'The superficial muscles of the low back and buttock seen from behind: gluteus maximus with the upper '
             'part of gluteus medius above it, the lower latissimus dorsi on the thoracolumbar fascia, the lower fibres '
             'of trapezius over its upper medial corner and the lower scapulae, rhomboid major beside their medial '
             'borders and teres major along their lateral borders, the back of '
             'external oblique and, where latissimus is cut away on the right, serratus posterior inferior and the '
             'intercostal muscles between the lower ribs; below '
             'the buttock the hamstrings, adductor magnus and gracilis down to the knee, and on the lateral thigh '
             'vastus lateralis under the iliotibial tract: biceps femoris on the head of the fibula, semitendinosus, '
             'gracilis and sartorius on the pes anserinus, semimembranosus on the back of the medial tibial condyle, '
             'the iliotibial tract down the lateral thigh to the knee; below the knee the two heads of gastrocnemius, the '
             'lower borders of the popliteal fossa, with plantaris and popliteus between them, swelling below the fossa '
             'into the two bellies that meet in the midline and fill the upper calf, the medial head the larger; '
             'soleus, deep to them, shows lateral to the lateral head below the head of the fibula.',
             scale=PS_SCALE)
    v.title_long = 'Posterior view, superficial layer: low back, buttock and thigh'
    v.ymin = -200                   # latissimus runs on up towards the axilla
    coronal_bones(v)
    # the T5-T8 spinous processes above the view's skeleton, latissimus arising from T7 down (drawing only)
    for tip in (-101, -128, -155, -182):
        v.add('bones', path(smooth(v.ps([(-3.4, tip - 27, 'c'), (3.4, tip - 27, 'c'), (3.2, tip - 12), (2.4, tip - 3),
                                         (0, tip + 0.5), (-2.4, tip - 3), (-3.2, tip - 12)])), BONE))
    # the floor of the triangle of auscultation, the 7th intercostal space between the 7th and 8th ribs
    for s in v.sides:
        for part in chest_wall_back(v, s, 16, 64, -200, -112, (6, 7, 8)):
            v.add('bones', part)
    # the lower scapulae, the inferior angle at T7 under the upper border of latissimus
    for s in v.sides:
        draw_scapula_back(v, s)
    for s in v.sides:
        draw_hip_landmarks_coronal(v, s)
        draw_femoral_landmarks(v, s)
        draw_gluteal_lines_coronal(v, s)
        draw_ligaments_coronal(v, s, ['sacrotuberous'])
        draw_knee_landmarks(v, s)
    # the intercostal muscles under the lower ribs (the ribs were drawn first)
    for s in v.sides:
        v.layers['bones'][0:0] = intercostals_back(v, s)
    # on the right, where latissimus is cut, the thoracic erector spinae under the thin posterior layer of
    # the thoracolumbar fascia
    # below the 12th rib, lateral to them, the aponeurosis of transversus abdominis on the lateral raphe of
    # the fascia, over quadratus lumborum (the floor of the superior lumbar triangle)
    lg = longissimus_sheet(v, -1, top=-200)
    il = iliocostalis_sheet(v, -1, top=-200)
    raphe = v.ps([rib_point(12, 56, 0.5), rib_point(12, 76, 0.5), rib_point(12, 92, 0.5), (101, 46), (114, 72),
                  (100, 84), (72, 76), (56, 40)], -1)
    v.add('bones', path(smooth(raphe), TENDON.replace('stroke="#8a7458"', 'stroke="none"')))
    ilp, ilpoly = sheet_above(v, il, ERECTOR_FOOT, 'mid', 6)
    lgp, lgpoly = sheet_above(v, lg, ERECTOR_FOOT, 'mid', 7)
    v.add('bones', group('m-iliocostalis-lumborum-r', ilp))
    v.add('bones', group('m-longissimus-thoracis-r', lgp))
    v.add('bones', path(poly_d([lgpoly, ilpoly, raphe]), FASCIA.replace('fill-opacity="0.62"', 'fill-opacity="0.38"')))
    draw_thoracolumbar_fascia(v)
    for s in v.sides:
        sf = sfx(s)
        parts = []
        for sh in spi_slips(v, s):
            parts += muscle_parts(sh, 'deep', 4, tendon=(0.0, 0.45))
        v.add('muscles', group('m-serratus-posterior-inferior' + sf, parts))
        eo = ext_oblique_sheet_coronal(v, s)
        v.add('muscles', group('m-external-oblique' + sf, muscle_parts(eo, 'mid', 12)))
        v.add('muscles', group('m-teres-major' + sf, muscle_parts(teres_major_sheet(v, s), 'mid', 9)))
        v.add('muscles', group('m-rhomboid-major' + sf, muscle_parts(rhomboid_major_sheet(v, s), 'deep', 8)))
        lat = lat_sheet(v, s)
        # its aponeurosis, fused with the thoracolumbar fascia: from the spinous processes and the median
        # sacral crest to where the fleshy fibres begin
        apo = [LAT_T7] + LAT_ORIGIN[:-1] + [(66, 146), (44, 170), (26, 204), (12, 226), (2.5, 232)]
        apo_poly = v.ps(apo, s)
        lp = [path(smooth(apo_poly), 'fill="#e8dcc8" fill-opacity="0.35" stroke="#9c8666" stroke-width="1" stroke-dasharray="2 3"'),
              path(lines_d(hatch([sample(apo_poly, True, 6)], 10, 58 if s == 1 else 122)), FASCIA_FIBRE)]
        if s == 1:
            lp += lat_rib_slips(v, s)
            lp += muscle_parts(lat, 'sup', 28)
            lp += cut_parts(lat, 0, 1, 1.0)
        else:
            # a window cut in it and its flap removed, to show serratus posterior inferior beneath: its upper
            # border from T7 over the scapula, its lateral part from the crest and the lower ribs and the
            # converging fibres of the axillary fold are left
            lp += lat_rib_slips(v, s)
            ta, tb, uc = LAT_WINDOW
            N = 12
            ts = lambda t0, t1, u: [lat.point(t0 + (t1 - t0) * k / float(N), u) for k in range(N + 1)]
            us = lambda t, u0, u1: [lat.point(t, u0 + (u1 - u0) * k / float(N)) for k in range(N + 1)]
            edge = us(ta, 0, uc) + ts(ta, tb, uc)[1:] + us(tb, uc, 0)[1:]
            outline = ts(0, ta, 0) + edge[1:] + ts(tb, 1, 0)[1:] + us(1, 0, 1)[1:] + ts(1, 0, 1)[1:] + us(0, 1, 0)[1:-1]
            lp.append(path('M' + ' L'.join(P(q) for q in outline) + ' Z', MUSCLE['sup']))
            lp.append(path(" ".join([lat.fibres(5, 0, ta, 0.02, 0.98), lat.fibres(10, tb, 1, 0.02, 0.98), lat.fibres(14, ta, tb, uc, 0.98)]), FIBRE))
            lp += cut_parts(lat, 0, 1, 1.0)
            lp.append(path(smooth(edge, False), CUT))
        v.add('muscles', group('m-latissimus-dorsi' + sf, lp))
        # the inferior angle of the scapula seen through latissimus, which crosses it (dashed)
        lat_poly = lat.poly()
        v.add('muscles', ''.join(path(smooth(run, False), SCAPULA_SEEN) for run in runs_where(
            sample(v.ps(scapula_outline(), s), False, 6), lambda q: point_in_poly(q, lat_poly))))
        # the lower fibres of trapezius over the upper medial corner of latissimus, a short tendinous
        # origin on the spinous processes
        v.add('muscles', group('m-trapezius' + sf, muscle_parts(trapezius_sheet(v, s), 'sup', 16, tendon=(0.0, 0.07))))
        # the lateral thigh: vastus lateralis under the iliotibial tract, the hamstrings behind them; its
        # posterolateral part reaches in under biceps femoris, hiding the femur
        # below the apex of the popliteal fossa its lower fibres run forward to the patella in front of the
        # femur, which hides them, as in the back deep view
        femur_low = clip_below(flatten(smooth(v.ps(femur_outline(), s)), 10), v.p((0, 610))[1])
        vlp = muscle_parts(vastus_lateralis_sheet_coronal(v, s, back=True), 'mid', 14)
        v.add('muscles', group('m-vastus-lateralis' + sf, clip_behind(vlp, [femur_low])))
        # popliteus in the floor of the popliteal fossa, deep to the tract and gastrocnemius, seen in the V
        # between the heads of gastrocnemius
        v.add('muscles', popliteus_back(v, s))
        # soleus under gastrocnemius, showing lateral to its lateral head below the head of the fibula;
        # plantaris's tendon runs down between them
        v.add('muscles', soleus_back(v, s))
        v.add('muscles', plantaris_back(v, s))
        # the iliotibial tract over vastus lateralis, ending above the knee under biceps femoris; gastrocnemius
        # below the hamstrings, the lower borders of the popliteal fossa, behind the tract (nearer the viewer)
        draw_itb_coronal(v, s)
        v.add('muscles', gastrocnemius_back(v, s))
        thigh_back(v, s, False)
        # the pes anserinus, where the tendons of sartorius, gracilis and semitendinosus turn forward over
        # the medial border of the medial head of gastrocnemius onto the tibia
        v.add('muscles', pes_anserinus(v, s))
        gmed = glut_med_sheet_coronal(v, s)
        v.add('muscles', group('m-gluteus-medius' + sf, muscle_parts(gmed, 'mid', 16, tendon=(0.88, 1.0))))
        gm = glut_max_sheet_coronal(v, s)
        gp = muscle_parts(gm, 'sup', 30, tendon=(0.9, 1.0))
        # coarse bundles: the fasciculi of gluteus maximus, separated by deeper clefts
        gp.append(path(gm.fibres(10, 0.0, 1.0, 0.0, 0.9), 'fill="none" stroke="#6e1f17" stroke-width="1.5" stroke-opacity="0.8" stroke-linecap="round"'))
        v.add('muscles', group('m-gluteus-maximus' + sf, gp))
        trigger_point(v, 'gluteus-maximus', 1, s, (44, 232))
        trigger_point(v, 'gluteus-maximus', 2, s, (78, 318))
        trigger_point(v, 'gluteus-maximus', 3, s, (22, 294))
        trigger_point(v, 'latissimus-dorsi', 1, s, (141, -14))
        trigger_point(v, 'serratus-posterior-inferior', 1, s, (86, -80))
        referral_zone(v, 'gluteus-maximus', 1, s, [[(30, 190), (52, 196), (58, 230), (50, 268), (72, 300), (112, 322),
                                                     (112, 338), (70, 330), (30, 300), (14, 260), (16, 220)]])
        referral_zone(v, 'gluteus-maximus', 2, s, [[(14, 236), (60, 216), (120, 228), (158, 270), (160, 330),
                                                     (146, 400), (120, 440), (92, 430), (70, 372), (34, 330), (10, 290)]])
        referral_zone(v, 'gluteus-maximus', 3, s, [blob(6, 280, 12, 18, 0, 10)])
        referral_zone(v, 'latissimus-dorsi', 1, s, [[(102, 40), (150, 20), (168, 60), (160, 126), (128, 134), (104, 100)]])
        referral_zone(v, 'serratus-posterior-inferior', 1, s, [blob(92, -62, 48, 32, 0.35, 12)])
        # gastrocnemius's first two points (Travell & Simons): in each head near its outer border, a little
        # above the middle of its belly, 6-7 cm below the joint line; the first refers to the instep (below
        # the view) and up the inner calf to the back of the knee, the second around itself
        # (each about a quarter of its head's width in from that border)
        trigger_point(v, 'gastrocnemius', 1, s, (KNEE - 19, 776))
        trigger_point(v, 'gastrocnemius', 2, s, (KNEE + 25.5, 772))
        referral_zone(v, 'gastrocnemius', 1, s, [blob(KNEE - 6, 700, 22, 16, 0, 12),
                                                 [(KNEE - 31, 742), (KNEE - 15, 738), (KNEE - 8, 770), (KNEE - 9, 830),
                                                  (KNEE - 28, 830), (KNEE - 33, 790)]])
        referral_zone(v, 'gastrocnemius', 2, s, [blob(KNEE + 24, 776, 11, 22, 0, 12)])
        # soleus's second point (Travell & Simons), high in the calf on its outer side: in the strip of the
        # muscle lateral to the lateral head of gastrocnemius, 8 cm below the joint line; it refers over the
        # back of the upper calf. Its first and third points lie low in the calf, below the view.
        trigger_point(v, 'soleus', 2, s, (KNEE + 42.3, 790))
        referral_zone(v, 'soleus', 2, s, [blob(KNEE + 18, 768, 27, 34, 0, 12)])
    L, R = 1, -1
    v.label('Latissimus dorsi', (80, -40), L)
    v.label('Intercostal muscles', (165.6, -38.3), L)
    v.label('Trapezius', (24, -150), L)
    v.label('Teres major', (125, -194), L)
    v.label('Rhomboid major', (54, -165), R)
    v.label('Latissimus (cut)', (128, 40), R)
    v.label('Serratus posterior inferior', (60, -40), R)
    v.label('External oblique', (142, 83), L)
    v.label('External oblique', (140, 60), R)
    # below latissimus's aponeurosis, over the sacrum where gluteus maximus arises from it
    v.label('Thoracolumbar fascia', (18, 240), L)
    v.label('Lumbar spinous processes', (0, 96), R)
    v.label('T12 spinous process', (0, -8), R)
    v.label('12th rib', rib_point(12, 84), R)   # lateral to iliocostalis, which covers its angle
    v.label('Ribs 9–11', rib_point(10, 116), R)
    v.label('Iliac crest', (113.9, 138.3), L)
    v.label('Iliac crest', (113.9, 138.3), R)
    v.label('Gluteus medius', (108, 168), L)
    v.label('Gluteus medius', (108, 168), R)
    # the PSIS lies under the skin (the dimple), gluteus maximus arising beside and below it
    for sd in (L, R):
        bare_spot(v, (38.5, 214), 3.8, sd)
    v.label('PSIS', (38, 214), R)
    v.label('Gluteus maximus', (90, 300), L)
    v.label('Gluteus maximus', (90, 300), R)
    v.label('Sacrum', (0, 215), L)
    v.label('Coccyx', (0, 284), R)
    v.label('Iliotibial tract', (160, 460), L)
    v.label('Iliotibial tract', (160, 460), R)
    v.label('Gluteal tuberosity (covered)', (134, 412), R)
    # vastus lateralis covers the shaft from behind, the hamstrings meet down to the apex of the fossa; its
    # popliteal surface shows in the fossa below the apex
    v.label('Femur', (80, 625), L)
    v.label('Biceps femoris', (104, 560), L)
    v.label('Semitendinosus', (54, 540), R)
    v.label('Gracilis', (28, 600), R)
    v.label('Semimembranosus', (63, 640), L)
    v.label('Sartorius', (KNEE - 45, 690), R)
    v.label('Head of fibula', (KNEE + 40, 738), L)
    v.label('Pes anserinus', (KNEE - 21, 756), R)
    v.label('Gastrocnemius', (KNEE + 17, 735), L)
    v.label('Popliteus', (KNEE + 6, 720), R)
    v.label('Plantaris', (KNEE + 17, 684), L)
    v.label('Soleus', (KNEE + 44, 770), L)
    return v


# ---- posterior, deep -----------------------------------------------------------------------

def multifidus_sheet(v, side):
    O = [(20, 28), (20.5, 45), (21, 80), (21.5, 118), (24, 155), (34, 185), (39, 210), (35, 232), (27, 250), (18, 262)]
    I = [(4, -2), (4, 22), (4, 52), (4, 88), (4, 128), (4, 160), (3, 190), (2, 212), (2, 232)]
    return sheet(v, side, O, I)


def longissimus_sheet(v, side, top=-100):
    O = [(5, 176), (12, 214), (18, 242), (28, 226), (36, 208), (46, 186)]
    I = [(20, top), (34, top), (48, top)]
    C1 = [(20, 130), (35, 128), (52, 126)]
    C2 = [(22, -10), (36, -10), (50, -12)]
    return sheet(v, side, O, I, C1, C2)


def iliocostalis_sheet(v, side, top=-100):
    O = [(45, 198), (50, 172), (60, 154), (76, 146)]
    I = [(46, top), (53, top), (60, top)]
    C1 = [(46, 110), (60, 104), (74, 96), (86, 76)]
    C2 = [(48, 0), (58, -4), (66, -8), (72, -14)]
    return sheet(v, side, O, I, C1, C2)


def rib_point(n, x, edge=0.0):
    """The point of rib n (coronal) at lateral distance x; edge in units of half its width
    (+1 the lower border, -1 the upper)."""
    pts, w = SK.RIBS[n]
    for (x0, y0), (x1, y1), w0, w1 in zip(pts, pts[1:], w, w[1:]):
        if x0 != x1 and min(x0, x1) <= x <= max(x0, x1):
            t = (x - x0) / float(x1 - x0)
            return (x, y0 + (y1 - y0) * t + edge * (w0 + (w1 - w0) * t) / 2.0)
    raise ValueError(x)


def rib_at(n, y, edge=0.0):
    """The point of rib n (coronal) at height y on its lateral part, where it runs down the flank (the
    last segment of its centre line that reaches y); edge as in rib_point, outwards positive."""
    pts, w = SK.RIBS[n]
    segs = list(zip(pts, pts[1:], w, w[1:]))
    for (x0, y0), (x1, y1), w0, w1 in reversed(segs):
        if y0 != y1 and min(y0, y1) <= y <= max(y0, y1):
            t = (y - y0) / float(y1 - y0)
            return (x0 + (x1 - x0) * t + edge * (w0 + (w1 - w0) * t) / 2.0, y)
    raise ValueError(y)


def slip_parts(v, side, a, b, w0, w1, split=0.45):
    """A small tendinous slip of a muscle from a (fleshy) to b (on the bone): the part
    before split is muscle, the rest tendon."""
    m = lerp(a, b, split)
    return [path(ribbon(v.ps([a, lerp(a, m, 0.5), m], side), [w0 * v.scale, w0 * v.scale * 0.9, w0 * v.scale * 0.75], caps='flat'), MUSCLE['sup']),
            path(ribbon(v.ps([lerp(a, m, 0.9), lerp(m, b, 0.5), b], side), [w1 * v.scale, w1 * v.scale * 0.9, w1 * v.scale * 0.8]), TENDON)]


def iliocostalis_parts(v, side, cut=False):
    """Iliocostalis lumborum: a column from the common tendon on the sacrum and the iliac crest, its
    lateral fascicles peeling off in turn as flat tendons up and laterally to the inferior borders of the
    angles of ribs 12 to 9 (so the column narrows as it rises); (lumbar part) slips to the tips of the
    L1-L4 transverse processes, deep to longissimus.  cut: removed below L1-L2."""
    sh = iliocostalis_sheet(v, side)
    out = []
    if not cut:
        for name in ('L1', 'L2', 'L3', 'L4'):
            n, top, bot, hw, tip, sp = vert(name)
            y = top + 0.35 * (bot - top) - 1
            out += slip_parts(v, side, (tip + 9, y + 10), (tip - 2, y), 6, 4, 0.35)

    def border(y):      # the point of the lateral border at height y (mm)
        cy = v.p((0, y))[1]
        u = min(range(201), key=lambda j: abs(sh.point(1.0, j / 200.0)[1] - cy)) / 200.0
        q = sh.point(1.0, u)
        return ((q[0] - v.x0) / (-v.scale * side), y)

    slips = []
    for rib, dx in ((12, 12), (11, 13), (10, 13), (9, 12)):
        # the slip leaves the border about 3 cm below the rib and ends on it a little further out
        guess = border(-100)
        for _ in range(3):
            b = rib_point(rib, guess[0] + dx, 0.6)
            a = border(b[1] + 30)
            guess = a
        a = (a[0] - 4, a[1])
        slips += slip_parts(v, side, a, b, 11, 5, 0.62)
    u0 = 0.56 if cut else 0.0
    out += muscle_parts(sh, 'sup', 9, tendon=(0.0, 0.07), u0=u0)
    if cut:
        out += cut_parts(sh, 0, 1, u0)
    return slips + out


def longissimus_slips(v, side):
    """Lateral tendons of longissimus thoracis to the lower borders of ribs 12-9 between the
    tubercle and the angle."""
    out = []
    for n, rx in ((12, 48), (11, 50), (10, 50), (9, 50)):
        b = rib_point(n, rx, 0.6)
        out += slip_parts(v, side, (rx - 9, b[1] + 30), b, 6, 4, 0.3)
    return out


# gluteus medius's origin in the coronal views: the posterior gluteal line, the ilium below the crest and the
# outer lip of the crest round to its lateral-most point
GMED_O = [(50, 206), (53, 184), (57, 166), (63, 152), (82, 143), (106, 140), (126, 143), (139, 151), (145, 164), (146, 178)]


# the height (mm below L1) where longissimus's fleshy fibres come out of the erector spinae aponeurosis in the
# back deep view (longissimus_aponeurosis_parts), about the level of L4
LONGISSIMUS_JUNCTION = 150


def longissimus_aponeurosis_parts(v, lg, nfib):
    """Longissimus thoracis whole (the back deep view's left side): its lumbar fibres arise from the deep
    surface of the erector spinae aponeurosis, the common tendon spread from the spinous processes and the
    median sacral crest to the back of the iliac crest, which covers the lower lumbar region and the sacrum;
    the fleshy belly comes out of it at about the level of L4 (Gray's, Moore). So every fibre is tendon from
    its origin up to LONGISSIMUS_JUNCTION, the aponeurosis one pale sheet over the sacrum."""
    top = v.p((0, LONGISSIMUS_JUNCTION))[1]

    def u_junction(t):  # the fibres rise from their origin: where fibre t reaches the junction's height
        lo, hi = 0.0, 1.0
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if lg.point(t, mid)[1] > top else (lo, mid)
        return lo

    n = 40
    us = [u_junction(k / float(n)) for k in range(n + 1)]
    u_t = lambda t: us[min(n, int(round(t * n)))]
    zero, one = (lambda t: 0.0), (lambda t: 1.0)
    return [path(lg.outline(), MUSCLE['sup']),
            path('M' + ' L'.join(P(q) for q in lg.region_fn(0.0, 1.0, zero, u_t, n)) + ' Z', TENDON),
            path(lg.fibres_fn(max(3, nfib // 2), 0.0, 1.0, zero, u_t), TENDON_FIBRE),
            path(lg.fibres_fn(nfib, 0.0, 1.0, u_t, one), FIBRE)]


def glut_med_sheet_coronal(v, side):
    # a fan: from the posterior gluteal line, the ilium below the crest and the outer lip of the crest
    # round to its lateral-most point, converging on the lateral surface of the greater trochanter
    I = [(136, 282), (143, 287), (150, 293), (156, 300)]
    C1 = [(84, 232), (96, 200), (124, 196), (152, 214)]
    C2 = [(118, 264), (130, 256), (146, 252), (156, 262)]
    return sheet(v, side, GMED_O, I, C1, C2)


# how far (mm) above the anterior gluteal line the stump of gluteus medius is cut (glut_med_stump)
GMED_STUMP_GAP = 3.0


def glut_med_stump(v, side, gmed):
    """The stump of gluteus medius cut away (the back deep view's right side): its origin, the outer surface
    of the ilium from the iliac crest and the posterior gluteal line down to the anterior gluteal line (Gray's,
    Moore), cut a little above that line, which shows as the ridge between it and gluteus minimus: the fibres
    cut shorter the further out, to nothing where the line leaves the crest."""
    # the origin line (the sheet's, as far as the crest where the anterior gluteal line leaves it), the line
    # GMED_STUMP_GAP above it, and back up above the greater sciatic notch
    area = v.ps(sample(GMED_O[:8], False, 8) + [(a, y - GMED_STUMP_GAP) for a, y in SK.GLUTEAL_ANT_C[1:]]
                + [(52, 244)], side)
    t_end = 7.0 / 9.0

    def u_cut(t):       # along the fibre from just below its origin to where it leaves the area
        u = 0.02
        while u < 1.0 and point_in_poly(gmed.point(t, u + 0.005), area):
            u += 0.005
        return u

    ts = [t_end * k / 40.0 for k in range(41)]
    us = [u_cut(t) for t in ts]
    u1f = lambda t: us[min(40, int(round(t / t_end * 40)))]
    u0f = lambda t: 0.0
    pts = gmed.region_fn(0.0, t_end, u0f, u1f, 40)
    cut = [gmed.point(t, u) for t, u in zip(ts, us)]
    return [path('M' + ' L'.join(P(q) for q in pts) + ' Z', MUSCLE['mid']),
            path(gmed.fibres_fn(12, 0.0, t_end, u0f, u1f), FIBRE),
            path('M' + ' L'.join(P(q) for q in cut), CUT)]


def glut_min_sheet_coronal(v, side):
    O = [(55, 243), (66, 246), (82, 232), (100, 208), (122, 176), (138, 152), (144, 170)]
    I = [(133, 287), (142, 292), (150, 296)]
    C1 = [(78, 262), (100, 250), (120, 230), (140, 210)]
    C2 = [(118, 282), (128, 278), (140, 275), (150, 280)]
    return sheet(v, side, O, I, C1, C2)


def piriformis_sheet(v, side):
    O = [(32, 212), (38, 226), (38, 244), (32, 258)]
    I = [(138, 283), (140, 290)]
    C1 = [(66, 238), (64, 266)]
    C2 = [(112, 270), (112, 286)]
    return sheet(v, side, O, I, C1, C2)


# vastus lateralis in the back deep view: its medial border along the lateral lip of the linea aspera, which
# shows bare between it and the insertion of adductor magnus (draw_linea_aspera)
VL_C1_DEEP = [(184, 420), (117, 430)]
VL_C2_DEEP = [(158, 560), (96, 575)]


def soleus_deep(v, side):
    """Soleus in the back deep view, which ends 6 cm below the joint line: the back superficial view's
    (SOLEUS, soleus_back) cut off at the foot of the frame, its shape above it the same (drawn unclamped by
    the frame, then clipped to it)."""
    frame = v.frame
    v.frame = (frame[0], SOLEUS[1][0][1])
    try:
        sh = sheet(v, side, *SOLEUS)
    finally:
        v.frame = frame
    foot = v.p((0, frame[1]))[1]
    below = [(-W, foot), (2 * W, foot), (2 * W, foot + H), (-W, foot + H)]
    return group('m-soleus' + sfx(side), clip_behind(muscle_parts(sh, 'mid', 12), [below]))


def build_posterior_deep():
    v = View('posterior-deep', 'post', 600, 8, (-63, 765), 'Back, deep',
             'The deep muscles of the low back, hip and thigh seen from behind, gluteus maximus removed: quadratus '
             'lumborum, multifidus and the erector spinae (cut away on the right), gluteus medius (cut on the right to '
             'show gluteus minimus), piriformis and the short lateral rotators below it, and the hamstrings, adductor '
             'magnus and gracilis down to the knee, vastus lateralis beside them on the lateral thigh, and below the '
             'knee the two heads of gastrocnemius, with plantaris and popliteus in the popliteal fossa between them, '
             'and soleus, deep to them, lateral to the lateral head below the head of the fibula.')
    v.title_long = 'Posterior view, deep layer: low back and hip'
    # the left column keeps further off: "Lumbar multifidus", beside the slanting lateral edge of the
    # lumbar muscles, came within 8 units of it enlarged to 33 once "Greater sciatic notch (covered)" took
    # its two lines
    v.label_gap['L'] = 26
    coronal_bones(v)
    for s in v.sides:
        draw_hip_landmarks_coronal(v, s)
        draw_femoral_landmarks(v, s)
        draw_gluteal_lines_coronal(v, s)
        draw_pelvic_ligaments_back(v, s)
        draw_ligaments_coronal(v, s, ['sacrotuberous', 'iliolumbar'])
        draw_linea_aspera(v, s)
        draw_obturator_membrane(v, s)
        draw_pelvic_floor_landmarks_coronal(v, s)
        draw_hip_back_landmarks(v, s)
        draw_knee_landmarks(v, s)
    draw_symphysis(v)
    draw_thoracolumbar_fascia(v, deep=True)
    for s in v.sides:
        sf = sfx(s)
        ql = ql_sheet_coronal(v, s)
        v.add('muscles', group('m-quadratus-lumborum' + sf, muscle_parts(ql, 'deep', 12) + ql_fibres(v, s)))
        # quadratus lumborum lies in front of the 12th rib and the transverse processes: seen from behind
        # they cross over it (drawing only)
        pts, w = SK.RIBS[12]
        v.add('muscles', path(ribbon(v.ps(pts, s), [x * v.scale for x in w]), BONE))
        for name in ('L1', 'L2', 'L3', 'L4', 'L5'):
            tpts, tw = tp_centreline(name)
            v.add('muscles', path(ribbon(v.ps(tpts, s), [x * v.scale for x in tw]), BONE))
        mf = multifidus_sheet(v, s)
        v.add('muscles', group('m-lumbar-multifidus' + sf, muscle_parts(mf, 'mid', 16)))
        lg = longissimus_sheet(v, s)
        ic = iliocostalis_sheet(v, s)
        if s == 1:
            v.add('muscles', group('m-iliocostalis-lumborum' + sf, iliocostalis_parts(v, s)))
            v.add('muscles', group('m-longissimus-thoracis' + sf, longissimus_slips(v, s)
                                   + longissimus_aponeurosis_parts(v, lg, 10)))
        else:
            # cut across at L1-L2 and removed below, to show multifidus and quadratus lumborum
            ip = iliocostalis_parts(v, s, cut=True)
            v.add('muscles', group('m-iliocostalis-lumborum' + sf, ip))
            lp = longissimus_slips(v, s) + muscle_parts(lg, 'sup', 9, u0=0.62, u1=1.0) + cut_parts(lg, 0, 1, 0.62)
            v.add('muscles', group('m-longissimus-thoracis' + sf, lp))
        gmin = glut_min_sheet_coronal(v, s)
        v.add('muscles', group('m-gluteus-minimus' + sf, muscle_parts(gmin, 'deep', 12, tendon=(0.9, 1.0))))
        gmed = glut_med_sheet_coronal(v, s)
        if s == 1:
            v.add('muscles', group('m-gluteus-medius' + sf, muscle_parts(gmed, 'mid', 16, tendon=(0.9, 1.0))))
        else:
            gp = glut_med_stump(v, s, gmed)
            gp += muscle_parts(gmed, 'mid', 10, tendon=(0.9, 1.0), u0=0.78, u1=1.0) + cut_parts(gmed, 0, 1, 0.78)
            v.add('muscles', group('m-gluteus-medius' + sf, gp))
        # piriformis lies below the lower border of medius, from the front of the sacrum out through the
        # greater sciatic notch to the top of the greater trochanter: seen from behind, it comes out from
        # in front of the sacrum and the sacrotuberous ligament, which hide its medial part (Gray's, Moore)
        pf = piriformis_sheet(v, s)
        hidden = [flatten(smooth(v.ps(sacrum_outline())), 10), flatten(smooth(v.ps(SACROTUBEROUS_BACK, s)), 10)]
        v.add('muscles', group('m-piriformis' + sf, clip_behind(muscle_parts(pf, 'mid', 8, tendon=(0.84, 1.0)), hidden)))
        deep_rotators_back(v, s)
        # the lateral thigh beside the hamstrings: vastus lateralis, not bare bone, its medial border on the
        # lateral lip of the linea aspera, from which it arises, so that the shaft does not show beside the ridge;
        # below the apex of the popliteal fossa its lower fibres run forward to the patella in front of the
        # femur, which hides them: not in the floor of the fossa beside biceps femoris
        vl = sheet(v, s, VL_O, VL_I, VL_C1_DEEP, VL_C2_DEEP)
        femur_low = clip_below(flatten(smooth(v.ps(femur_outline(), s)), 10), v.p((0, 610))[1])
        v.add('muscles', group('m-vastus-lateralis' + sf, clip_behind(muscle_parts(vl, 'mid', 14), [femur_low])))
        # gastrocnemius below the hamstrings, the lower borders of the popliteal fossa, over popliteus in
        # the floor of the fossa, which shows in the V between its heads
        v.add('muscles', popliteus_back(v, s))
        # soleus under gastrocnemius, showing lateral to its lateral head below the head of the fibula, as in
        # the back superficial view; plantaris's tendon runs down between them
        v.add('muscles', soleus_deep(v, s))
        v.add('muscles', plantaris_back(v, s))
        v.add('muscles', gastrocnemius_back(v, s))
        thigh_back(v, s, True)
        trigger_point(v, 'biceps-femoris', 1, s, (106, 570))
        trigger_point(v, 'semitendinosus', 1, s, (58, 515))
        # semimembranosus's where it shows beside the tendon of semitendinosus, which covers the rest of it
        trigger_point(v, 'semimembranosus', 1, s, (68.5, 600))
        trigger_point(v, 'adductor-magnus', 2, s, (66, 372))
        trigger_point(v, 'obturator-internus', 1, s, (48, 318))
        # popliteus's point lies in the upper medial part of the muscle (Travell & Simons), drawn where the
        # muscle comes out from under the medial head of gastrocnemius into the V between the heads
        trigger_point(v, 'popliteus', 1, s, (KNEE + 4, 730))
        # plantaris's in its belly, medial to the lateral head of gastrocnemius in the popliteal fossa
        trigger_point(v, 'plantaris', 1, s, (KNEE + 19, 678))
        # gastrocnemius's two high points (Travell & Simons), one in each head just below and behind its
        # femoral condyle near the head's origin, where each head shows in the popliteal fossa: the medial
        # lateral to the tendon of semitendinosus, the lateral between plantaris and the tendon of biceps
        # femoris (the others lie in the bellies, below the view)
        trigger_point(v, 'gastrocnemius', 3, s, (KNEE - 7, 711))
        trigger_point(v, 'gastrocnemius', 4, s, (KNEE + 22, 701))
        referral_zone(v, 'biceps-femoris', 1, s, [blob(74, 690, 30, 24, 0, 12), [(94, 520), (122, 530), (128, 640), (108, 690), (90, 660)]])
        medial = [[(40, 346), (84, 350), (88, 372), (62, 380), (36, 370)], [(32, 420), (62, 420), (64, 560), (64, 690), (44, 730), (30, 700), (28, 560)]]
        referral_zone(v, 'semitendinosus', 1, s, medial)
        referral_zone(v, 'semimembranosus', 1, s, medial)
        referral_zone(v, 'adductor-magnus', 2, s, [blob(6, 318, 14, 26, 0, 10)])
        referral_zone(v, 'obturator-internus', 1, s, [blob(4, 292, 12, 20, 0, 10), [(56, 360), (90, 362), (88, 440), (60, 440)]])
        # the back of the knee, spreading a little onto the upper calf
        referral_zone(v, 'popliteus', 1, s, [blob(KNEE + 2, 712, 22, 19, 0, 12)])
        # the back of the knee and the upper calf, down towards mid-calf
        referral_zone(v, 'plantaris', 1, s, [blob(KNEE + 8, 728, 18, 30, 0, 12)])
        # gastrocnemius's high points: locally, over the back of the knee
        referral_zone(v, 'gastrocnemius', 3, s, [blob(KNEE - 4, 703, 24, 18, 0, 12)])
        referral_zone(v, 'gastrocnemius', 4, s, [blob(KNEE + 10, 700, 24, 18, 0, 12)])
        trigger_point(v, 'quadratus-lumborum', 1, s, (74, 36))
        trigger_point(v, 'quadratus-lumborum', 2, s, (96, 128))
        trigger_point(v, 'quadratus-lumborum', 3, s, (56, 88))
        trigger_point(v, 'quadratus-lumborum', 4, s, (52, 127))
        trigger_point(v, 'gluteus-medius', 1, s, (64, 162))
        trigger_point(v, 'gluteus-medius', 2, s, (104, 150))
        trigger_point(v, 'gluteus-minimus', 2, s, (94, 246))
        trigger_point(v, 'piriformis', 1, s, (118, 276))
        # the medial trigger point, just lateral to the sacrum and the sacrotuberous ligament, which hide the
        # muscle medial to it
        trigger_point(v, 'piriformis', 2, s, (57, 244))
        trigger_point(v, 'lumbar-multifidus', 1, s, (12, 52))
        trigger_point(v, 'lumbar-multifidus', 2, s, (13, 198))
        trigger_point(v, 'iliocostalis-lumborum', 1, s, (62, 8))
        trigger_point(v, 'longissimus-thoracis', 1, s, (34, -6))
        referral_zone(v, 'quadratus-lumborum', 1, s, [[(56, 132), (100, 122), (144, 136), (166, 168), (168, 206),
                                                        (152, 214), (140, 178), (104, 152), (62, 156)]])
        referral_zone(v, 'quadratus-lumborum', 2, s, [blob(150, 300, 26, 40, 0.1, 12)])
        referral_zone(v, 'quadratus-lumborum', 3, s, [blob(42, 214, 16, 28, 0.3, 10)])
        referral_zone(v, 'quadratus-lumborum', 4, s, [[(40, 316), (92, 318), (130, 332), (120, 352), (70, 350), (34, 334)]])
        referral_zone(v, 'gluteus-medius', 1, s, [[(20, 176), (52, 166), (60, 200), (50, 248), (28, 262), (8, 250), (8, 200)]])
        referral_zone(v, 'gluteus-medius', 2, s, [[(70, 196), (130, 190), (170, 240), (168, 300), (150, 360), (128, 400),
                                                    (100, 392), (84, 330), (64, 262)]])
        referral_zone(v, 'gluteus-minimus', 2, s, [[(40, 300), (110, 296), (138, 330), (130, 420), (124, 508),
                                                     (80, 508), (74, 420), (50, 340)]])
        pir = [(20, 200), (58, 194), (96, 230), (150, 256), (150, 320), (130, 340), (124, 420), (114, 470), (80, 470),
               (78, 400), (62, 330), (26, 290), (14, 240)]
        referral_zone(v, 'piriformis', 1, s, [pir])
        referral_zone(v, 'piriformis', 2, s, [pir])
        referral_zone(v, 'lumbar-multifidus', 1, s, [[(6, 34), (40, 36), (90, 52), (140, 74), (166, 100), (160, 118),
                                                       (120, 100), (70, 84), (30, 80), (6, 72)]])
        referral_zone(v, 'lumbar-multifidus', 2, s, [blob(6, 280, 12, 16, 0, 10)])
        referral_zone(v, 'iliocostalis-lumborum', 1, s, [blob(92, 258, 34, 26, 0.2, 12)])
        referral_zone(v, 'longissimus-thoracis', 1, s, [blob(76, 318, 36, 20, 0.15, 12)])
    L, R = 1, -1
    v.label('Longissimus thoracis', (36, -60), L)
    v.label('Iliocostalis lumborum', (60, -40), L)
    v.label('Longissimus (cut)', (36, -40), R)
    v.label('Iliocostalis (cut)', (62, -60), R)
    v.label('Quadratus lumborum', (84, 80), L)
    v.label('Quadratus lumborum', (70, 80), R)
    v.label('Lumbar multifidus', (12, 120), R)
    v.label('Lumbar multifidus', (10, 110), L)
    v.label('L3 transverse process', (46, 84), R)
    v.label('12th rib', rib_point(12, 88), R)
    v.label('Iliolumbar ligament (covered)', (50, 154), R)
    v.label('Iliac crest', (120, 137), L)
    v.label('Gluteus medius', (100, 200), L)
    v.label('Gluteus medius (cut)', (120, 145), R)
    v.label('Gluteus minimus', (110, 232), R)
    # gluteus minimus arises below the line and covers it but for its lower end, above piriformis
    v.label('Anterior gluteal line', (77, 235.5), R)
    v.label('Piriformis', (84, 262), L)
    # piriformis, leaving the pelvis through the greater sciatic foramen, covers the notch from behind,
    # and the sacrotuberous ligament its lower end above the ischial spine: none of its margin is bare
    v.label('Greater sciatic notch (covered)', (58, 256), L)
    v.label('Sacrotuberous ligament', (40.0, 297.6), L)
    v.label('Ischial tuberosity', (68.3, 335.9), L)
    v.label('Greater trochanter', (152, 318), R)
    v.label('Linea aspera', (112, 463), R)
    v.label('Biceps femoris', (104, 520), L)
    v.label('Semitendinosus', (56, 480), L)
    v.label('Semimembranosus', (67, 633), L)
    v.label('Adductor magnus', (105, 400), R)
    v.label('Gracilis', (24, 520), R)
    v.label('Gemellus superior', (90, 286), L)
    v.label('Obturator internus', (100, 298), L)
    v.label('Gemellus inferior', (100, 308), R)
    v.label('Quadratus femoris', (100, 330), L)
    v.label('Obturator externus', (101, 306.2), R)
    v.label('Sacrospinous ligament', (12.2, 268.1), R)
    v.label('Adductor tubercle', (27.8, 659.8), R)
    v.label('Lateral femoral condyle', (KNEE + 13, 688), L)
    v.label('Head of fibula', (104, 738), L)
    v.label('Soleus', (KNEE + 40, 756), L)
    v.label('Pes anserinus', (45, 756), R)
    v.label('Gastrocnemius', (KNEE + 17, 735), R)
    v.label('Popliteus', (KNEE + 6, 720), R)
    v.label('Plantaris', (KNEE + 17, 684), L)
    # bare between sartorius and gracilis, below the insertion of semimembranosus
    v.label('Medial tibial condyle', (33, 725), L)
    # in the right-hand column: the left one, full down to the knee, has no room for it beside the
    # notch's two lines, which pushed "Quadratus lumborum" up against the tips of the ribs
    v.label('Thoracolumbar fascia', (0, 180), L, 'R')
    return v


# ---- thigh and deep hip, coronal views -------------------------------------------------------

def adductor_magnus_back(v, side):
    """Adductor magnus from behind: its adductor part fans from the ischiopubic ramus to the gluteal
    tuberosity and the whole linea aspera (upper fibres almost horizontal), its ischiocondylar
    ("hamstring") part runs straight down from the ischial tuberosity to the adductor tubercle, drawn
    with the nearly vertical fibres of the adductor part from the ischial ramus beside it, so that the
    muscle fills the medial thigh from the ramus down between gracilis and the medial hamstrings; the
    adductor hiatus opens between them above the knee."""
    add_ = sheet(v, side, [(10, 337), (26, 339.5), (42, 342), (56, 346), (66, 349)],
                 [(130, 357), (126, 400), (axis_x(455) - 1, 455), (axis_x(510), 510), (axis_x(570) + 1, 570)])
    ham = sheet(v, side, [(14, 338), (26, 339.5), (42, 342), (56, 346), (66, 350), (75, 350)], [(KNEE - 37.5, 656), (KNEE - 33, 663)],
                [(12, 430), (72, 455)], [(20, 590), (50, 596)])
    return muscle_parts(add_, 'deep', 16) + muscle_parts(ham, 'deep', 7, tendon=(0.8, 1.0))


def semimembranosus_sheet(v, side):
    """In both back views its belly, broadest in the lower third, reaches out under biceps femoris down to
    the apex of the popliteal fossa, about 10 cm above the joint line, where the two diverge (Gray's,
    Moore), so that no femur shows between them above it."""
    return sheet(v, side, [(72, 327), (80, 333)], [(KNEE - 36, 716), (KNEE - 22, 718.5)],
                 [(40, 470), (100, 490)], [(26, 640), (95, 625)])


def biceps_femoris_parts(v, side):
    """Biceps femoris: the long head from the ischial tuberosity (with semitendinosus) down and laterally,
    the short head from the lower linea aspera and the lateral supracondylar line, joining in one tendon
    to the head of the fibula. In the lower thigh the short head shows lateral to the long head; at the knee
    the tendon runs down the posterolateral side of the lateral femoral condyle, its lateral border a few
    millimetres beyond the condyle's outline (about 109 mm out level with it, the condyle 104), not bulging
    out beside it (Gray's, Moore, Netter). In both back views the long head's medial border runs against
    semimembranosus down to the apex of the popliteal fossa, about 10 cm above the joint line, and only
    then out to the head of the fibula."""
    short = sheet(v, side, [(axis_x(520) + 2, 520), (axis_x(600) + 10, 606)], [(KNEE + 35, 712), (KNEE + 39, 716)],
                  [(125, 575), (118, 630)], [(112, 655), (108, 690)])
    long_ = sheet(v, side, [(62, 332), (72, 345)], [(KNEE + 33, 727), (KNEE + 42, 728)],
                  [(62, 450), (124, 490)], [(84, 630), (108, 620)])
    return muscle_parts(short, 'mid', 6, tendon=(0.86, 1.0)) + muscle_parts(long_, 'sup', 9, tendon=(0.8, 1.0))


def semitendinosus_sheet(v, side):
    """In both back views, its belly tapering in the lower thigh to the long round tendon that lies on the
    back of semimembranosus, which shows on both sides of it, mostly medially (Gray's, Moore)."""
    return sheet(v, side, [(59.5, 336), (66, 341)], [(KNEE - 24, 748), (KNEE - 19.5, 757)],
                 [(40, 440), (80, 446)], [(56, 600), (62, 606)])


def gracilis_sheet(v, side):
    """In both back views, a strap in the lower thigh, its lateral border running in from semitendinosus, so
    that semimembranosus shows between them, medial to semitendinosus's tendon (Gray's, Moore)."""
    return sheet(v, side, [(3.5, 326), (13, 337)], [(KNEE - 24.5, 744), (KNEE - 21.5, 751)],
                 [(14, 450), (42, 452)], [(21, 610), (30, 612)])


# The two heads of gastrocnemius below the hamstrings (Gray's, Moore): the medial head from the popliteal
# surface just above the medial condyle and the back of the condyle, behind the adductor tubercle; the
# lateral head from the lateral surface of the lateral condyle; the two converge downwards, forming the
# lower borders of the popliteal fossa, to meet below it in the calf; the medial head is the larger and
# reaches lower. Below the knee the medial border of the medial head lies along the medial border of the
# tibia, deep to the tendons of sartorius, gracilis and semitendinosus, which cross it and turn forward
# onto the pes anserinus on the front of the medial surface, so that the pes shows at the outline medial to
# the head. The back deep view ends 6 cm below the joint line, where both run off the frame (mm, left
# side); the back superficial view goes on to 10 cm below it (GASTROC_LOW), past the middle of the heads'
# bellies, where Travell & Simons's first two trigger points lie, one in each head. There the heads swell
# below the V into the two fleshy bellies of the upper calf, meeting in its midline (10 mm lateral to the
# knee's centre line) and together filling it from 31 mm medial to it to 37 mm lateral at 8 cm below the
# joint line, the medial head 42 mm wide and the lateral 29: the medial head's border bulges medial to
# the tibia's below the pes anserinus, which lies over its edge where the tendons turn forward, and the
# lateral head's runs medial to the head of the fibula and then out over the fibula, soleus showing
# lateral to it (GASTROC_*_LOW, fitted to those widths; both end on the foot of the frame).
GASTROC_MED = ([(KNEE - 32, 661), (KNEE - 22, 661), (KNEE - 12, 667)],
               [(KNEE - 17, 765), (KNEE - 5, 765), (KNEE + 6, 765)],
               [(KNEE - 31, 694), (KNEE - 4, 694)], [(KNEE - 23, 736), (KNEE + 5, 738)])
GASTROC_LAT = ([(KNEE + 35, 662), (KNEE + 30, 665), (KNEE + 23, 669)],
               [(KNEE + 30, 765), (KNEE + 18, 765), (KNEE + 6, 765)],
               [(KNEE + 34, 700), (KNEE + 16, 696)], [(KNEE + 29, 738), (KNEE + 7, 742)])
GASTROC_LOW = 805
GASTROC_MED_LOW = (GASTROC_MED[0],
                   [(KNEE - 32.5, 805), (KNEE - 11, 805), (KNEE + 10, 805)],
                   [(KNEE - 30.6, 709), (KNEE + 4.2, 713)], [(KNEE - 23.8, 757), (KNEE + 14.1, 759)])
GASTROC_LAT_LOW = (GASTROC_LAT[0],
                   [(KNEE + 38.5, 805), (KNEE + 23, 805), (KNEE + 8, 805)],
                   [(KNEE + 34.7, 709.7), (KNEE + 8.1, 714.3)], [(KNEE + 30.3, 757.3), (KNEE + 7, 759.7)])


# Popliteus (Gray's, Moore; Travell & Simons): a flat triangular muscle on the back of the upper tibia, in
# the floor of the popliteal fossa below the joint line. Its tendon arises inside the capsule from the
# anterior end of the groove for popliteus on the lateral surface of the lateral femoral condyle, crosses
# the back of the lateral meniscus and of the lateral tibial condyle just medial to the superior
# tibiofibular joint, and the belly fans down and medially onto the triangular area of the posterior
# tibia above the soleal line, below the medial condyle (under the insertion of semimembranosus). The
# soleal line, its lower border, runs from below the fibular facet of the lateral condyle down and
# medially to the medial border of the tibia about 12 cm below the plateau; within the views, which end
# 6 cm below the joint line, it runs off their foot 13 mm lateral to the knee's centre line, so that the
# whole of the V between the heads of gastrocnemius lies above it. Deep to gastrocnemius, which covers it
# but for that V (mm, left side: fibre t=0 the upper, t=1 the lower, along the soleal line).
POPLITEUS = ([(KNEE + 37, 702), (KNEE + 35.5, 706.5)],
             [(KNEE - 29, 735.5), (KNEE - 26, 744), (KNEE - 20.5, 753), (KNEE - 17, 765), (KNEE - 2, 765),
              (KNEE + 13, 765)],
             [(KNEE + 18, 712.5), (KNEE + 31.5, 727)], [(KNEE - 5, 719.5), (KNEE + 22, 746)])


# Plantaris (Gray's, Moore): a small fusiform belly from the lower end of the lateral supracondylar line of
# the femur, above the lateral head of gastrocnemius (and from the oblique popliteal ligament), running down
# and medially across the back of the knee deep to the lateral head, medial to which it shows in the
# popliteal fossa; below the joint line its long thin tendon runs on down and medially between gastrocnemius
# and soleus, across popliteus in the V between the heads of gastrocnemius and under the medial head, to the
# medial side of the calcaneal tendon (mm, left side).
PLANTARIS = ([(KNEE + 34, 650), (KNEE + 30, 652)],
             [(KNEE + 4, 765), (KNEE + 1.5, 765)],
             [(KNEE + 24, 680), (KNEE + 12, 682)], [(KNEE + 13, 714), (KNEE + 10.5, 714)])


# Soleus (Gray's, Moore): from the back of the head and the upper quarter of the shaft of the fibula, the
# soleal line and the middle third of the medial border of the tibia, and the tendinous arch between them
# over the popliteal vessels and the tibial nerve; deep to gastrocnemius, to the calcaneal tendon. Within
# the back superficial view, which ends 10 cm below the joint line, it shows only lateral to the lateral
# head of gastrocnemius, from just below the head of the fibula, over the fibula, 10-13 mm wide below
# the head; its tibial origin on the medial border begins about a third of the way down the
# leg, below the frame, so no strip of it shows medial to the medial head there. Drawn whole, under
# gastrocnemius and plantaris's tendon, over popliteus (mm, left side: fibre t=0 the lateral border, the
# origin along the back of the fibular head, just inside its lower outline, the arch and the soleal line).
SOLEUS = ([(KNEE + 46.5, 741), (KNEE + 44, 743), (KNEE + 40, 744.5), (KNEE + 35, 744.5), (KNEE + 30, 746),
           (KNEE + 18, 757), (KNEE + 4, 775), (KNEE - 8, 792), (KNEE - 13, 805)],
          [(KNEE + 48.5, 805), (KNEE + 18, 805), (KNEE - 13, 805)],
          [(KNEE + 48.2, 769), (KNEE - 13, 805)], [(KNEE + 48.5, 787), (KNEE - 13, 805)])


def soleus_back(v, side):
    """Soleus from behind, under gastrocnemius: its fibres running down from the fibula and the soleal
    line."""
    return group('m-soleus' + sfx(side), muscle_parts(sheet(v, side, *SOLEUS), 'mid', 12))


# The pes anserinus from in front (mm, left side): the tendons of sartorius, gracilis and semitendinosus,
# come down behind the medial condyles, flatten into one expansion on the upper medial surface of the tibia
# below the medial condyle, medial to the tibial tuberosity, from the medial border forward to their insertion
# (Gray's, Moore); PES_TENDONS_END where sartorius and gracilis end on it
PES_ANSERINUS_FRONT = [(KNEE - 30, 739.5), (KNEE - 23, 742), (KNEE - 15.5, 745), (KNEE - 10.5, 749), (KNEE - 9, 754),
                       (KNEE - 10.5, 759), (KNEE - 15, 762), (KNEE - 19.5, 762.5), (KNEE - 20.5, 756), (KNEE - 23, 749.5),
                       (KNEE - 27, 744)]
PES_SA_END = [(KNEE - 21.5, 745.5), (KNEE - 17.5, 754)]
PES_GR_END = [(KNEE - 24.5, 743.5), (KNEE - 20.5, 751)]


def pes_anserinus(v, side):
    if v.kind == 'ant':
        # the expansion of the tendons, pale as they are, its fibres running on from theirs forward and down
        pts = v.ps(PES_ANSERINUS_FRONT, side)
        return group('b-pes-anserinus' + sfx(side), [
            path(smooth(pts), TENDON),
            path(lines_d(hatch([sample(pts, True, 4)], 4, 60 if side == 1 else 120)), TENDON_FIBRE)])
    return path(smooth(ell(v, KNEE - 21, 754, 5.5, 11, 0.1, side)), LANDMARK, 'b-pes-anserinus' + sfx(side))


def plantaris_back(v, side):
    """Plantaris from behind: its belly, then its long tendon (pale), over popliteus and under
    gastrocnemius."""
    return group('m-plantaris' + sfx(side), muscle_parts(sheet(v, side, *PLANTARIS), 'mid', 5, tendon=(0.52, 1.0)))


def popliteus_back(v, side):
    """Popliteus from behind, under gastrocnemius and the hamstring tendons: its tendon (pale) from the
    lateral femoral condyle across the joint line, its belly fanning down and medially to the tibia."""
    return group('m-popliteus' + sfx(side), muscle_parts(sheet(v, side, *POPLITEUS), 'deep', 9, tendon=(0.0, 0.2)))


def gastrocnemius_back(v, side):
    """Gastrocnemius from behind: the lateral head, then the larger medial head beside it, each with
    its short origin tendon, drawn over the back of the femoral condyles and the upper tibia and
    under the hamstring tendons that pass it."""
    low = v.frame[1] >= GASTROC_LOW
    lat = sheet(v, side, *(GASTROC_LAT_LOW if low else GASTROC_LAT))
    med = sheet(v, side, *(GASTROC_MED_LOW if low else GASTROC_MED))
    # the same short origin tendons on the longer fibres of the lower frame
    parts = (muscle_parts(lat, 'sup', 7, tendon=(0.0, 0.06 if low else 0.1))
             + muscle_parts(med, 'sup', 10, tendon=(0.0, 0.05 if low else 0.08)))
    return group('m-gastrocnemius' + sfx(side), parts)


def thigh_back(v, side, deep):
    """The back of the thigh: adductor magnus, the hamstrings and gracilis (deep to superficial)."""
    sf = sfx(side)
    amp = adductor_magnus_back(v, side)
    if not deep:
        # with the thigh whole, its insertion on the linea aspera lies under biceps femoris and vastus
        # lateralis, whose posterior part bulges back over the ridge: none of it shows lateral to biceps
        amp = clip_behind(amp, [vastus_lateralis_sheet_coronal(v, side, back=True).poly()])
    v.add('muscles', group('m-adductor-magnus' + sf, amp))
    smp = muscle_parts(semimembranosus_sheet(v, side), 'mid', 9, tendon=(0.0, 0.36))
    v.add('muscles', group('m-semimembranosus' + sf, smp))
    v.add('muscles', group('m-biceps-femoris' + sf, biceps_femoris_parts(v, side)))
    v.add('muscles', group('m-semitendinosus' + sf, muscle_parts(semitendinosus_sheet(v, side), 'sup', 6, tendon=(0.6, 1.0))))
    if v.frame[1] > 700:
        # sartorius, coming round the medial side of the knee from the front to the pes anserinus (in the
        # deep view cut where it leaves the back of the thigh)
        if deep:
            # along the medial outline of the knee, behind the medial condyles, and forward below them to
            # the pes anserinus, leaving the back of the medial tibial condyle bare between it and gracilis
            sa = sheet(v, side, [(13, 560), (24, 556)], [(KNEE - 27, 749), (KNEE - 23, 758)], [(10, 625), (21, 622)], [(10, 716), (17, 720)])
            v.add('muscles', group('m-sartorius' + sf, muscle_parts(sa, 'sup', 4, tendon=(0.75, 1.0)) + cut_parts(sa, 0, 1, 0.0)))
        else:
            # with the thigh whole it comes into sight round the medial border of the thigh in its lower
            # third, narrow at first, medial to gracilis, its lateral border against gracilis, adductor
            # magnus and semimembranosus, with no gap between
            sa = sheet(v, side, [(12, 548), (19, 536)], [(KNEE - 27, 749), (KNEE - 23, 758)], [(9, 625), (30, 622)], [(14, 700), (32, 702)])
            v.add('muscles', group('m-sartorius' + sf, muscle_parts(sa, 'sup', 4, tendon=(0.75, 1.0))))
    v.add('muscles', group('m-gracilis' + sf, muscle_parts(gracilis_sheet(v, side), 'sup', 4, tendon=(0.8, 1.0))))


def deep_rotators_back(v, side):
    """Below piriformis, from above down: gemellus superior, the tendon of obturator internus leaving the
    pelvis through the lesser sciatic notch, gemellus inferior, (obturator externus just showing) and
    quadratus femoris, all running laterally to the greater trochanter and the intertrochanteric crest."""
    sf = sfx(side)
    oe = sheet(v, side, [(86, 308), (89, 316.5)], [(131, 302.5), (132, 306.5)])
    v.add('muscles', group('m-obturator-externus' + sf, muscle_parts(oe, 'deep', 3, tendon=(0.7, 1.0))))
    belly = sheet(v, side, [(38, 300), (40, 318), (48, 331), (60, 334), (66, 326)], [(57, 297.5), (58.5, 301), (60, 305)])
    tendon = sheet(v, side, [(57, 297), (60, 305.5)], [(132, 293.5), (132.5, 298)])
    oip = muscle_parts(belly, 'deep', 10)
    oip += [path(tendon.outline(), TENDON), path(tendon.fibres(3), TENDON_FIBRE)]
    v.add('muscles', group('m-obturator-internus' + sf, oip))
    gs = sheet(v, side, [(47.5, 278.5), (51, 284.5)], [(131.5, 289.5), (132, 293.5)])
    v.add('muscles', group('m-gemellus-superior' + sf, muscle_parts(gs, 'mid', 3, tendon=(0.88, 1.0))))
    gi = sheet(v, side, [(64, 318), (71, 325)], [(134.5, 298.5), (135, 303)])
    v.add('muscles', group('m-gemellus-inferior' + sf, muscle_parts(gi, 'mid', 3, tendon=(0.88, 1.0))))
    qf = sheet(v, side, [(78, 327), (81, 346)], [(131.5, 313), (121, 339)])
    v.add('muscles', group('m-quadratus-femoris' + sf, muscle_parts(qf, 'mid', 9)))


def thigh_front(v, side):
    """The front of the hip and thigh below the inguinal ligament: obturator externus deep on the obturator
    membrane, pectineus, adductor brevis, adductor magnus, adductor longus and gracilis medially, vastus
    medialis in front of them, vastus lateralis laterally (sartorius, crossing over them, is drawn by
    sartorius_front)."""
    sf = sfx(side)
    # vastus intermedius on the front and side of the shaft, the deepest of the quadriceps: seen where
    # nothing covers it, with rectus femoris removed (the deep front view) and between rectus femoris and
    # vastus lateralis (the superficial one); its fibres run down into the deep layer of the quadriceps
    # tendon on the base of the patella
    frame = v.frame
    v.frame = (frame[0], max(frame[1], 700))
    vi = sheet(v, side, [(119, 344), (132, 336), (146, 331)], [(KNEE - 6, 645), (KNEE + 12, 645)],
               [(113, 440), (140, 440)], [(88, 560), (112, 560)])
    v.frame = frame
    v.add('muscles', group('m-vastus-intermedius' + sf, muscle_parts(vi, 'deep', 10, tendon=(0.88, 1.0))))
    oe = sheet(v, side, [(34, 302), (37, 322), (48, 338), (62, 341), (70, 322)], [(90, 327), (93, 333)])
    v.add('muscles', group('m-obturator-externus' + sf, muscle_parts(oe, 'deep', 10, tendon=(0.8, 1.0))))
    am = sheet(v, side, [(10, 336), (30, 340), (50, 346), (64, 353)],
               [(124, 400), (112, 460), (98, 530), (70, 600), (33, 660)])
    # its ischiocondylar part, from the ischial tuberosity down the medial side of the thigh to the
    # adductor tubercle: the bulk of the medial thigh between gracilis and the adductor part
    amh = sheet(v, side, [(30, 344), (66, 352)], [(KNEE - 37.5, 656), (KNEE - 33, 663)],
                [(14, 440), (50, 450)], [(16, 580), (40, 590)])
    v.add('muscles', group('m-adductor-magnus' + sf, muscle_parts(amh, 'deep', 7, tendon=(0.86, 1.0))
                           + muscle_parts(am, 'deep', 16)))
    if v.id == 'front-superficial':
        # its upper border under the lower border of pectineus: between pectineus and adductor longus it is
        # adductor brevis that shows, not the ischial tuberosity behind them, nor obturator externus above it
        ab = sheet(v, side, [(8, 299), (14, 318), (19, 333)], [(116, 388), (110, 442)], [(36, 296), (49, 369)],
                   [(78, 312), (80, 406)])
    else:
        ab = sheet(v, side, [(8, 299), (14, 318), (19, 333)], [(116, 388), (110, 442)])
    v.add('muscles', group('m-adductor-brevis' + sf, muscle_parts(ab, 'mid', 9)))
    if v.id == 'anterior':
        # with sartorius the only muscle over it: its upper fibres to the top of the pectineal line below the
        # lesser trochanter, its lateral border down against the iliopsoas tendon, and its lower fibres to the
        # foot of the line, its lower border along adductor brevis: no gap between it and the femur
        o0, i0 = PECTINEUS_ORIGIN[0], (114, 391)
        pe = sheet(v, side, PECTINEUS_ORIGIN, [i0, (108, 362)], [lerp(o0, i0, 1 / 3.0), (88, 312)],
                   [add(lerp(o0, i0, 2 / 3.0), (-2, 2)), (104, 352)])
    else:
        pe = sheet(v, side, PECTINEUS_ORIGIN, [(108, 362), (114, 391)])
    v.add('muscles', group('m-pectineus' + sf, muscle_parts(pe, 'mid', 10)))
    # adductor longus, the most superficial adductor from in front: a broad triangle from its narrow
    # tendon on the body of the pubis, its lateral border beside pectineus, its medial border running
    # down beside gracilis before turning laterally to the middle third of the linea aspera, so that it
    # covers adductor brevis and the upper adductor magnus behind it
    al = sheet(v, side, [(11.5, 294), (20, 297.5)], [(axis_x(445) - 1, 445), (axis_x(525), 525)],
               [(38, 340), (22, 385)], [(80, 405), (50, 480)])
    v.add('muscles', group('m-adductor-longus' + sf, muscle_parts(al, 'sup', 10, tendon=(0.0, 0.12))))
    # gracilis: thin and flat, broad above from the lower body of the pubis and the inferior pubic ramus,
    # narrowing down the medial side of the thigh to the pes anserinus
    if v.id == 'front-superficial':
        # its lateral border from the pubis along the medial border of adductor longus, no gap between them
        # below the pubis
        gr = sheet(v, side, [(3, 300), (21.5, 310)], [(KNEE - 26, 743), (KNEE - 22.5, 750)], [(6, 440), (46, 400)],
                   [(16, 600), (38, 600)])
    else:
        # (in the front deep view its lateral border from the ramus along adductor longus's medial border)
        o1 = (22, 341) if v.id == 'anterior' else (18, 344)
        gr = sheet(v, side, [(3, 300), o1], [(KNEE - 26, 743), (KNEE - 22.5, 750)], [(6, 440), (56, 400)],
                   [(16, 600), (30, 600)])
    if v.id in ('anterior', 'front-superficial'):
        # its tendon behind sartorius at the knee, along the medial outline behind the medial condyle and
        # forward below it to the pes anserinus: a pale strip medial to sartorius
        # (in the front superficial view lying on the medial surface of the tibia below the condyle, not beside it)
        c2 = [(4, 732), (20, 739)]
        parts = behind_condyle_parts(v, side, gr, 0.7, [(18, 650), (30, 650)], c2, 'sup', 6, GR_TENDON_Y, PES_GR_END)
    else:
        parts = muscle_parts(gr, 'sup', 6)
    v.add('muscles', group('m-gracilis' + sf, parts))
    # vastus medialis over the adductors, which lie behind it at their insertions on the linea aspera
    v.add('muscles', vastus_medialis_front(v, side))
    if v.id == 'front-superficial':
        # with rectus femoris in place its upper part shows lateral to it, under tensor fasciae latae and
        # the tract, from the upper intertrochanteric line and the lower border of the greater trochanter;
        # its medial border runs down under rectus femoris's lateral border (the outline is the same)
        vl = vastus_lateralis_front_sheet(v, side)
    else:
        vl = vastus_lateralis_sheet_coronal(v, side)
    # (from in front its lowest fibres end in the tendon on the lateral border of the patella)
    tendon = (0.95, 1.0) if v.id == 'front-superficial' else None
    v.add('muscles', group('m-vastus-lateralis' + sf, muscle_parts(vl, 'mid', 14, tendon=tendon)))


def vastus_medialis_front(v, side):
    """Vastus medialis seen from in front: from the lower end of the intertrochanteric line, the spiral
    line and the medial lip of the linea aspera it wraps round the medial side of the femur, a narrow strip
    above (under sartorius and beside adductor longus, over the adductors that lie behind it), widening
    below into the teardrop bulge above the medial side of the knee, whose lowest fibres arise from the
    tendon of adductor magnus and run almost across to the medial border of the patella. Its fibres run
    down and laterally to the quadriceps tendon and the patella; its lateral border lies along the middle
    of the shaft, under rectus femoris."""
    k = KNEE
    # a view that ends above the knee cuts the muscle at its lower edge: drawn whole, past the edge, rather
    # than squashed into the frame
    frame = v.frame
    v.frame = (frame[0], max(frame[1], 700))
    origin = [(112, 362), (104, 380), (99, 430), (90, 480), (72, 530), (52, 580), (38, 615), (33, 640), (36, 662)]
    if v.id == 'front-superficial':
        # with rectus femoris in place: at mid-thigh the muscle shows between it and sartorius, over the
        # adductors, round the medial side of the femur; its medial border runs under sartorius, so that no
        # adductor shows between the two
        origin = [(112, 362), (94, 378), (76, 400), (68, 430), (62, 460), (57, 490), (52, 520), (48, 550), (45, 580),
                  (38, 615), (32, 642), (32, 670)]
    vm = sheet(v, side, origin,
               [(k - 6, 628), (k - 10, 640), (k - 15, 652), (k - 19, 664), (k - 20, 674)],
               [(113, 440), (96, 520), (70, 600), (44, 652), (42, 664)],
               [(100, 540), (80, 600), (60, 630), (48, 660), (44, 670)])
    v.frame = frame
    return group('m-vastus-medialis' + sfx(side), muscle_parts(vm, 'mid', 14, tendon=(0.93, 1.0)))


# The patella from in front (mm, left side): a rounded triangle, its base up at the quadriceps tendon, the
# superolateral and superomedial angles rounded, its sides converging to the blunt apex below, about 4.5 cm
# wide and 5 cm tall, the apex about 1 cm above the joint line (Gray's, Moore)
PATELLA_C = [(-2, 642), (10, 643), (19, 647), (23, 657), (21.5, 669), (15, 681), (7, 691), (1, 694.5), (-5, 691),
             (-13, 682), (-19.5, 670), (-22, 657), (-18, 646), (-10, 643)]
# the patellar ligament: a flat, strong band from the apex and the margins beside it, behind the lower part of
# the patella, down to the tibial tuberosity, about 5 cm long and 2.5-3 cm wide (PATELLAR_LIGAMENT_END its
# insertion, below the patella's apex)
PATELLAR_LIGAMENT_END = 740
PATELLAR_LIGAMENT = [(-11, 682, 'c'), (13, 682, 'c'), (15, 694), (15.5, 712), (15, PATELLAR_LIGAMENT_END, 'c'),
                     (-9, PATELLAR_LIGAMENT_END, 'c'), (-12, 712), (-12.5, 694)]
# the tibial tuberosity: a low roughened prominence on the front of the tibia about 2.5 cm below the plateau,
# the ligament ending on its upper part, its lower part tapering down into the anterior border
TIBIAL_TUBEROSITY = [(-8, 731, 'c'), (14, 731, 'c'), (13.5, 741), (10, 748), (4, 754), (-2, 748), (-6.5, 741)]


def draw_patella_coronal(v, side):
    """The patella from in front, in front of the femoral condyles and over the upper end of its ligament:
    drawn as bone, whose outline stands out from the condyles beside it."""
    k = KNEE + 2
    pts = [(k + a, y) + tuple(r) for a, y, *r in PATELLA_C]
    v.add('bones', path(smooth(v.ps(pts, side)), BONE, 'b-patella' + sfx(side)))


def draw_patellar_ligament_coronal(v, side):
    """The patellar ligament from in front (under the patella, drawn after it): from the apex of the patella
    and the margins beside it down to the tibial tuberosity, a flat band ending square on the tuberosity,
    whose roughened lower part shows below it, a little lateral to the middle of the tibia."""
    k = KNEE + 2
    tub = v.ps([(k + a, y) + tuple(r) for a, y, *r in TIBIAL_TUBEROSITY], side)
    rough = [smooth(v.ps([(k + a, y), (k + a + b, y + 1.5)], side), False)
             for a, y, b in ((-1, 742.5, 1), (4, 742.5, 0.5), (9, 742.5, -1), (1.5, 746.5, 1), (6.5, 746.5, -1))]
    v.add('bones', group('b-tibial-tuberosity' + sfx(side), [path(smooth(tub), LANDMARK), path(' '.join(rough), BONE_DETAIL)]))
    lig = v.ps([(k + a, y) + tuple(r) for a, y, *r in PATELLAR_LIGAMENT], side)
    v.add('bones', path(smooth(lig), TENDON, 'b-patellar-ligament' + sfx(side)))
    v.add('bones', path(lines_d(hatch([[q[:2] for q in lig]], 5, 88 if side == 1 else 92)), TENDON_FIBRE))


def sartorius_front(v, side):
    """Sartorius, the most superficial muscle of the front of the thigh (drawn over rectus femoris and
    the adductors): from the ASIS straight down and medially across the thigh, its medial border the
    lateral side of the femoral triangle, crossing adductor longus about a third of the way down (the
    apex of the triangle), on the medial side of the thigh over the adductor canal in its middle third,
    and down behind the medial condyle to the pes anserinus, leaving the bulge of vastus medialis in front of
    it above the knee."""
    if v.frame[1] < 740 and v.frame[1] > 650:
        # the view ends above the knee: the muscle as it is at the bottom edge, behind the medial condyle
        sa = sheet(v, side, [(120.5, 213), (125.5, 216.5)], [(22, v.frame[1]), (37, v.frame[1])],
                   [(68, 318), (94, 322)], [(10, 540), (34, 540)])
    elif v.id == 'front-superficial':
        # its anterior border in the lower third a little further back, behind the bulge of vastus medialis,
        # which shows in front of it above the medial side of the kneecap
        sa = sheet(v, side, [(120.5, 213), (125.5, 216.5)], [(KNEE - 26, 746), (KNEE - 21, 753)],
                   [(68, 318), (94, 322)], [(12, 560), (28, 565)])
    else:
        sa = sheet(v, side, [(120.5, 213), (125.5, 216.5)], [(KNEE - 26, 746), (KNEE - 21, 753)],
                   [(68, 318), (94, 322)], [(12, 560), (38, 560)])
    if v.id in ('anterior', 'front-superficial'):
        # at the knee along the medial outline, behind the medial condyle, its tendon turning forward below
        # the condyle along the medial border of the tibia onto the pes anserinus: not muscle over the front
        # of the condyle, nor a hook out beside the tibia
        c2 = [(6, 734), (22, 741)] if v.id == 'front-superficial' else [(6, 734), (19, 741.5)]
        parts = behind_condyle_parts(v, side, sa, 0.75, [(26, 655), (33, 655)], c2, 'sup', 5, SA_TENDON_Y, PES_SA_END)
    else:
        parts = muscle_parts(sa, 'sup', 5)
    v.add('muscles', group('m-sartorius' + sfx(side), parts))


# where sartorius and gracilis, seen from in front, end in their tendons above the pes anserinus (mm below L1)
SA_TENDON_Y = 688
GR_TENDON_Y = 655


def behind_condyle_parts(v, side, sh, u_cut, C1, C2, depth, nfib, tendon_y, end=None):
    """A muscle of the pes anserinus seen from in front: the sheet sh down to u_cut (mid-thigh), then on
    down the medial outline of the knee, behind the medial femoral condyle, and forward below it to the
    insertion (end, mm, else sh's), its fibres' control points on C1 and C2 (mm); muscle down to tendon_y,
    tendon below."""
    # the posterior (medial) border comes round lowest: the insertion taken the other way round
    ins = v.ps(end, side) if end is not None else sh.I
    lo = Sheet([sh.point(0, u_cut), sh.point(1, u_cut)], ins[::-1], v.ps(C1, side), v.ps(C2, side))
    cut = v.p((0, tendon_y))[1]
    u_ten = next(k / 100.0 for k in range(101) if lo.point(0.5, k / 100.0)[1] >= cut)
    # the belly a little past the start of the tendon, which is drawn over it (straight between points close
    # enough to read as a curve: a smoothed outline overshoots its corners beside the tendon)
    n, u_end = 24, min(1.0, u_ten + 0.02)
    outline = ([sh.point(0, u_cut * k / n) for k in range(n + 1)] + [lo.point(0, u_end * k / n) for k in range(1, n + 1)]
               + [lo.point(1, u_end * (1 - k / float(n))) for k in range(n + 1)]
               + [sh.point(1, u_cut * (1 - k / float(n))) for k in range(1, n + 1)])
    return [path('M' + ' L'.join(P(q) for q in outline) + ' Z', MUSCLE[depth]),
            path(sh.fibres(nfib, 0, 1, 0.02, u_cut) + ' ' + lo.fibres(nfib, 0, 1, 0, u_ten), FIBRE),
            path(lo.region(0, 1, u_ten, 1), TENDON),
            path(lo.fibres(max(3, nfib // 2), 0, 1, u_ten, 1), TENDON_FIBRE)]


# ---- front, superficial: the abdominal wall over the pelvis and the front of the thigh --------

CARTILAGE = 'fill="#e6ebe6" stroke="#5b4a3a" stroke-width="1.6" stroke-linejoin="round"'
# the costal margin (cartilages 7 to 10) from the xiphisternal joint down and out to the tip of the 10th, its
# lowest point, level with L3 (the subcostal plane; Moore, Gray's)
COSTAL_MARGIN = [(8, -100), (30, -86), (54, -68), (78, -44), (96, -12), (108, 24), (116, 58), (120, 90)]
XIPHOID_TIP = -70
RA_LATERAL = [(21, 290), (40, 222), (57, 160), (69, 100), (78, 40), (84, -20), (86, -80), (78, -138)]
RA_TOP = [(4, -88), (8, -101), (16, -118), (40, -132), (78, -138)]
# the outline of the trunk above the iliac crest: the origin of external oblique from the outer surfaces of
# ribs 5 to 12, the ribs' lateral ends lie on it
EO_ORIGIN = [(146, -160), (160, -128), (168, -90), (172, -46), (174, 0), (172, 40), (164, 76)]

# The ribs 5-10 seen from in front, each from the side of the chest, where it turns back out of sight (its
# lateral end, cut off by the outline of the trunk), down and medially to its costochondral junction, then its
# costal cartilage: (bone centre line lateral to medial, its width; cartilage centre line from the junction,
# its width), mm. Cartilages 5 and 6 reach the sternum; the 7th runs from its junction down and medially
# into the costal margin, which it forms from the xiphisternal joint down; the 8th, 9th and 10th turn up and
# medially from their junctions along the margin, each joining the one above: the margin is their lower
# border, its lowest point the 10th cartilage at L3 (Gray's, Moore). The lower ribs' lateral ends, where
# each turns back round the flank, lie behind the rib above (the 10th under the 9th). The ribcage is as wide
# as the coronal table (skeleton.RIBS) has it in the other views; the 10th rib's lowest point lies at L3.
RIBS_FRONT = {
    5: ([(160, -184), (138, -166), (112, -152), (86, -142)], 11,
        [(86, -142), (60, -141), (36, -142), (12, -143)], 9),
    6: ([(176, -162), (150, -139), (124, -124), (96, -114)], 11,
        [(96, -114), (74, -112), (52, -114), (30, -118), (12, -121)], 9),
    7: ([(184, -124), (166, -106), (150, -90), (128, -78), (108, -72)], 11,
        [(108, -72), (90, -66), (72, -58)], 9),
    8: ([(184, -82), (166, -58), (150, -42), (132, -28), (116, -20)], 11,
        [(116, -20), (104, -20), (94, -26), (85, -34), (78, -44)], 8.5),
    9: ([(186, -30), (170, -4), (150, 14), (136, 25), (124, 30)], 10.5,
        [(124, 30), (114, 28), (106, 16), (102, 4), (96, -12)], 8.5),
    10: ([(178, 2), (168, 28), (158, 52), (147, 70), (137, 82), (130, 88)], 9.5,
         [(130, 88), (122, 90), (118, 76), (116, 58), (112, 40)], 8.5),
}


def fs_canvas(v, pts, side):
    """Canvas points of mm points, not clamped to the top of the frame (rib_front clips there)."""
    return [(v.x0 + v.scale * q[0] * side, v.y0 + v.scale * (q[1] - v.frame[0])) for q in pts]


def fs_clips(v, side):
    """The canvas polygons outside the trunk at the level of the chest: above the frame and lateral to the
    outline of the trunk (EO_ORIGIN)."""
    above = [(-500, -500), (W + 500, -500), (W + 500, v.y0), (-500, v.y0)]
    out = [(140, -240)] + sample(EO_ORIGIN, False, 8) + [(150, 130), (400, 130), (400, -240)]
    return [above, fs_canvas(v, out, side)]


def rib_front(v, side, pts, w, split=None):
    """A rib or costal cartilage seen from in front, cut off at the outline of the trunk and the top of the
    frame; its outline (view units) is kept in v.costal[side], the shapes transversus abdominis lies deep to.
    Returns the pieces' outlines (canvas); with split (an index into pts), the pieces before and after that
    point (a rib and its cartilage, one band with one edge)."""
    widths = [x * v.scale for x in w] if isinstance(w, list) else [w * v.scale] * len(pts)
    left, right, cen = offset_line(fs_canvas(v, pts, side), widths)
    cut = lambda a, b: polygons_difference([left[a:b] + right[a:b][::-1]], fs_clips(v, side))
    if split is None:
        pieces = cut(0, len(left))
        v.costal.setdefault(side, []).extend(pieces)
        return pieces
    k = split * 8
    bone, cart = cut(0, k + 1), cut(k, len(left))
    v.costal.setdefault(side, []).extend(bone + cart)
    return bone, cart


def poly_d(polys):
    return ' '.join('M' + ' L'.join(P(q) for q in poly) + ' Z' for poly in polys)


def fs_chest_window(v, side):
    """The chest wall between the ribs that the front superficial view shows above the costal margin: from
    the top of the frame and the outline of the trunk down to the 10th rib and the costal margin (mm); at the
    flank, lateral to the 10th rib, down to the level of L2, where transversus abdominis meets it."""
    rib10 = RIBS_FRONT[10][0]
    low = [(169, 56)] + rib10[2:] + [(122, 92)] + COSTAL_MARGIN[::-1] + [(0, -100)]
    return [(0, -180), (140, -180)] + [q for q in sample(EO_ORIGIN, False, 8) if q[1] < 52] + low


def intercostal_fibres(lines, membrane):
    """The fibres of the intercostal muscles between ribs, as (p, q) segments in mm: lines are the ribs'
    centre lines in order from the upper rib down, each running the way the external intercostals' fibres
    go forward (front view: medially; side view: forwards). From points 5 mm apart along each rib a fibre
    runs down to the rib below, ahead by about half the gap: the external intercostals (ext). Inside
    membrane (the external intercostal membrane, in front of the costochondral junctions) they are the
    internal intercostals seen through it, running down and back (inner); ext_all holds the external
    direction at every point, for the membrane's own fibres."""
    ext, inner, ext_all = [], [], []
    for upper, lower in zip(lines, lines[1:]):
        a = densify_line(upper, 1.0)
        b = densify_line(lower, 1.0)
        for k in range(0, len(a), 5):
            p = a[k]
            j = min(range(len(b)), key=lambda i: dist(p, b[i]))
            gap = dist(p, b[j])
            if gap < 6:
                continue
            medial = point_in_poly(p, membrane)
            shift = int(gap * (0.55 if not medial else -0.55))
            if not 0 < j + shift < len(b) - 1 or not 0 < j + abs(shift) < len(b) - 1 or j in (0, len(b) - 1):
                continue
            q = b[min(max(j + shift, 0), len(b) - 1)]
            (inner if medial else ext).append((p, q))
            ext_all.append((p, b[min(max(j + abs(shift), 0), len(b) - 1)]))
    return ext, inner, ext_all


def intercostals_front(v, side):
    """The intercostal muscles filling the spaces between ribs 5 to 10 (m-intercostals-l/r): the external
    intercostals, their fibres running down and medially from the rib above to the rib below; between the
    costal cartilages they are replaced by the external intercostal membrane, through which the internal
    intercostals show, their fibres running down and laterally (Gray's, Moore)."""
    win = fs_chest_window(v, side)
    clipped = polygons_difference([fs_canvas(v, win, side)], fs_clips(v, side)[:1])
    v.chest[side] = clipped
    parts = [path(poly_d(clipped), 'fill="#b5362a" fill-opacity="0.93" stroke="none"')]
    # the costochondral line: the membrane lies medial to it
    joints = [RIBS_FRONT[n][0][-1] for n in range(5, 11)]
    membrane = [(0, -190), (joints[0][0], -190)] + joints + [(126, 90)] + COSTAL_MARGIN[::-1] + [(0, -100)]
    # along each rib's line from the flank, larger index = more medial
    ext, inner, ext_all = intercostal_fibres([RIBS_FRONT[n][0] + RIBS_FRONT[n][2][1:] for n in range(5, 11)], membrane)
    # the space between the 9th and 10th ribs in front of the 10th's descent, below the end of the 9th,
    # which the fibres from rib to rib do not reach: its external intercostals run down and medially too
    ext += hatch([[(150, 16), (122, 28), (128, 90), (146, 72), (158, 52)]], 4.0, 143)
    # likewise the space between the 8th and 9th ribs lateral to their costochondral junctions, where the
    # 9th cartilage turns up medially and the fibres from rib to rib end: from the last of them (137, -32 to
    # 148, 15) in to the junctions, running down and medially
    ext += hatch([[(137, -32), (112, -22), (120, 34), (148, 15)]], 4.5, 110)

    def clip(segs, medial):
        runs = []
        for p, q in segs:
            runs += runs_where([lerp(p, q, k / 20.0) for k in range(21)],
                               lambda r: (r[1] > v.frame[0] and point_in_poly(r, win)
                                          and point_in_poly(r, membrane) == medial))
        return ' '.join('M' + ' L'.join(P(q) for q in fs_canvas(v, run, side)) for run in runs)
    parts.append(path(clip(ext, False), FIBRE))
    parts.append(path(clip(inner, True), FIBRE))
    mem = polygons_difference([fs_canvas(v, membrane, side)], fs_clips(v, side)[:1])
    parts.append(path(poly_d(mem), 'fill="#e9eef1" fill-opacity="0.22" stroke="none"'))
    # the membrane's fibres run as the external intercostals' do
    parts.append(path(clip(ext_all, True), FASCIA_FIBRE))
    return parts


def front_superficial_bones(v):
    """The skeleton under the front of the abdominal wall: the lower sternum and xiphoid, the ribs 5 to 10
    with their costal cartilages and the intercostal muscles between them, the hip bones, the pubic
    symphysis and the femora."""
    v.costal, v.chest = {}, {}
    for side in v.sides:
        s = sfx(side)
        v.add('bones', group('m-intercostals' + s, intercostals_front(v, side)))
        shapes = {}
        for n in range(5, 11):
            bone, bw, cart, cw = RIBS_FRONT[n]
            shapes[n] = rib_front(v, side, bone + cart[1:], [bw] * (len(bone) - 1) + [cw] * len(cart), len(bone) - 1)
        upper, margin = rib_front(v, side, COSTAL_MARGIN + [(121, 93)], 9, 2)
        # the outlines first, then the fills over them: where cartilages join, one shape, no seam
        every = [q for n in shapes for q in shapes[n][0] + shapes[n][1]] + margin + upper
        v.add('bones', path(poly_d(every), 'fill="#5b4a3a" stroke="#5b4a3a" stroke-width="3.2" stroke-linejoin="round"'))
        fill = lambda polys, colour: path(poly_d(polys), 'fill="%s" stroke="none"' % colour)
        # ribs 5-8 and the 8th cartilage, which joins the 7th (the card "Fifth to eighth ribs"); the
        # cartilages of 5-7 are their own region (rectus abdominis inserts on them), and the 8th runs
        # into the costal margin, drawn with the 9th and 10th cartilages
        mid = [fill(shapes[5][0] + shapes[6][0] + shapes[7][0] + shapes[8][0], '#f4ecd8'), fill(shapes[8][1], '#e6ebe6')]
        cart = [fill(shapes[5][1] + shapes[6][1] + shapes[7][1] + upper, '#e6ebe6')]
        low = [fill(shapes[9][0] + shapes[10][0], '#f4ecd8'), fill(shapes[9][1] + shapes[10][1] + margin, '#e6ebe6')]
        v.add('bones', group('b-ribs-5-8' + s, mid))
        v.add('bones', group('b-costal-cartilages-5-7' + s, cart))
        v.add('bones', group('b-lower-ribs' + s, low))
        draw_hip_bone_coronal(v, side)
        if v.frame[1] > 700:
            draw_knee_capsule_front(v, side)
        draw_femur_coronal(v, side)
        if v.frame[1] > 700:
            draw_knee_coronal(v, side)
    draw_sacrum(v)
    sternum = [(-14, -150, 'c'), (14, -150, 'c'), (15, -120), (12, -102), (-12, -102), (-15, -120)]
    v.add('bones', path(smooth(v.ps(sternum)), BONE))
    xi = [(-9, -102), (9, -102), (6, -86), (2, XIPHOID_TIP), (-2, XIPHOID_TIP), (-6, -86)]
    v.add('bones', path(smooth(v.ps(xi)), LANDMARK, 'b-xiphoid-process'))
    for side in v.sides:
        draw_hip_landmarks_coronal(v, side)
        draw_ligaments_coronal(v, side, ['inguinal'])
        draw_pelvic_floor_landmarks_coronal(v, side)
    draw_symphysis(v)


def rectus_sheet(v, side):
    """Rectus abdominis: from the pubic crest and symphysis up, widening, to the xiphoid and the 5th to 7th
    costal cartilages; three tendinous intersections cross it (at the umbilicus, at the tip of the xiphoid
    and between)."""
    return sheet(v, side, [(3, 292), (20, 290)], RA_TOP, [(4, 160), (60, 172)], [(4, 10), (86, -4)])


def rectus_parts(v, side):
    sh = rectus_sheet(v, side)
    parts = muscle_parts(sh, 'mid', 12)
    for u in (0.62, 0.8, 0.93):
        parts.append(path(sh.region(0, 1, u - 0.012, u + 0.012), TENDON))
    return parts


EO_JUNCTION = [(86, -152), (90, -100), (96, -50), (102, 0), (108, 60), (114, 120), (119, 170), (122, 203)]


def external_oblique_sheet(v, side):
    return sheet(v, side, EO_ORIGIN, EO_JUNCTION)


def external_oblique_front(v, side):
    """External oblique seen from in front: fleshy slips from ribs 5 to 10 (and, out of sight, 11-12) with
    fibres running down and medially; along a line from the 9th costal cartilage to near the ASIS it
    becomes its aponeurosis, which passes in front of rectus abdominis to the linea alba and ends below in
    the inguinal ligament and on the pubic tubercle, with the superficial inguinal ring just above it.
    In front of rectus the aponeurosis is the anterior layer of the rectus sheath (fused with that of the
    internal oblique), so that it is drawn over the sheath but takes no clicks there: a click on it medial to
    the lateral border of rectus finds the rectus sheath, on the midline the linea alba. It reaches up to the
    top of the sheath, leaving the costal cartilages above it bare."""
    junction = EO_JUNCTION
    eo = external_oblique_sheet(v, side)
    apo = junction + [(124, 211), (100, 234), (74, 258), (48, 278), (27, 288), (24, 291), (4, 292)] + RA_TOP
    poly = v.ps(apo, side)
    sheath = v.ps(RA_LATERAL + RA_TOP[::-1] + [(0, -88), (0, 292)], side)
    mid = clear_of(v, 'clear-of-rectus-sheath' + sfx(side), [smooth(sheath)])
    parts = seen_only([path(smooth(poly), 'fill="#efe4d0" fill-opacity="0.72" stroke="#8a7458" stroke-width="1.3" stroke-linejoin="round"'),
                       path(lines_d(hatch([sample(poly, True, 8)], 8, 122 if side == 1 else 58)), TENDON_FIBRE)])
    parts.append(hit_where_clear(smooth(poly), mid))
    parts += muscle_parts(eo, 'sup', 22)
    # the digitations between the slips
    parts.append(path(' '.join(smooth(v.ps([(x, y), (x - 10, y + 20)], side), False)
                               for x, y in ((146, -140), (151, -100), (156, -60), (162, -22), (166, 20), (164, 60))),
                      'fill="none" stroke="#6e1f17" stroke-width="1.4" stroke-linecap="round"'))
    parts.append(path(smooth(ell(v, 30, 281, 5, 3.4, 0.5, side)), HOLE))
    return parts


def internal_oblique_sheet(v, side):
    return sheet(v, side, [(66, 264), (96, 238), (124, 211), (140, 190), (146, 160), (150, 130)],
                 [(16, 290), (40, 222), (57, 160), (69, 100), (78, 40), (86, -14), (100, 2), (112, 40), (118, 74), (124, 94)])


def transversus_sheet(v, side):
    return sheet(v, side, [(150, -64), (166, 0), (168, 56), (157, 96), (150, 130), (146, 160), (128, 204), (100, 236), (74, 259)],
                 [(76, -60), (70, 0), (66, 60), (60, 110), (52, 160), (42, 210), (32, 252), (16, 290)])


def transversus_front(v, side, nfib=18):
    """Transversus abdominis seen from in front: it arises from the internal surfaces of the costal
    cartilages 7-12 (Gray's, Moore), so it lies deep to them and to the intercostal muscles: its shapes are
    cut away under the chest wall above the costal margin (v.chest) and under the ribs and cartilages of the
    view (v.costal), which show over it and are clicked there. Its lateral border reaches the outline of the
    flank and its aponeurosis passes behind rectus abdominis (the posterior layer of the rectus sheath), so
    that no gap opens beside either."""
    sh = transversus_sheet(v, side)
    ribs = v.chest[side] + v.costal[side]

    def fill(poly, style):
        # one path a piece: punch() (the bare ASIS) takes a filled path for one outline
        return [path('M' + ' L'.join(P(q) for q in piece) + ' Z', style) for piece in polygons_difference([poly], ribs)]

    def lines(t0, t1, u0, u1, n):
        runs = []
        for k in range(n):
            t = t0 + (t1 - t0) * (k + 0.5) / n
            runs += runs_where([sh.point(t, u0 + (u1 - u0) * j / 40.0) for j in range(41)],
                               lambda q: not any(point_in_poly(q, r) for r in ribs))
        return ' '.join('M' + ' L'.join(P(q) for q in run) for run in runs)

    return (fill(sh.poly(24), MUSCLE['deep']) + fill(sh.region_poly(0, 1, 0.85, 1.0, 24), TENDON)
            + [path(lines(0, 1, 0.85, 1.0, max(3, nfib // 2)), TENDON_FIBRE), path(lines(0, 1, 0.02, 0.85, nfib), FIBRE)])


VM_TP2 = (68.5, 512)
# the lower edge of the inguinal ligament in the front views (mm)
INGUINAL_LOW = [(121, 217.5), (100, 237.2), (74, 261.2), (48, 281.2), (27, 291)]


def below_inguinal_ligament(v, side, rid, sh, parts):
    """A muscle that passes under the inguinal ligament into the thigh (iliopsoas), drawn whole under the
    abdominal wall, that takes clicks only below the ligament (on the ligament a click finds the ligament)."""
    above = v.ps([(160, -200), (160, 212)] + INGUINAL_LOW + [(0, 292), (0, -200)], side)
    mid = clear_of(v, 'clear-of-abdomen-' + rid[2:], ['M' + ' L'.join(P(q) for q in above) + ' Z'])
    return group(rid, seen_only(parts) + [hit_where_clear(sh.outline(), mid)])
TFL_ORIGIN = [(124, 212), (133, 201), (141, 189)]
TFL_END = [(153, 382), (160, 370)]
TFL_C1 = [(117, 275), (161, 250)]
TFL_C2 = [(124, 345), (161, 320)]


def build_front_superficial():
    # down to the knee, as the front view: the muscles of the front of the thigh end on their bones
    v = View('front-superficial', 'ant', 600, 8, (-150, 765), 'Front, superficial',
             'The front of the abdominal wall over the pelvis and the front of the thigh. On the subject\'s left '
             'the external oblique and its aponeurosis cover the rectus sheath, which ends below in the inguinal '
             'ligament; on the right the sheath is opened to show rectus abdominis with its tendinous '
             'intersections, and the external oblique is removed to show the internal oblique, cut to show '
             'transversus abdominis; above it, between the ribs, the intercostal muscles, the external intercostal '
             'membrane between the costal cartilages. Below: sartorius and tensor fasciae latae diverging from the ASIS, '
             'rectus femoris between them, vastus lateralis lateral to it under tensor fasciae latae and the iliotibial '
             'tract (vastus intermedius just showing between them above the kneecap), vastus medialis above the inner '
             'side of the kneecap, iliopsoas and pectineus in the floor of the femoral triangle, and '
             'the adductors, down to the knee: the quadriceps on the patella and the patellar ligament to the '
             'tibial tuberosity, sartorius and gracilis on the pes anserinus, the iliotibial tract to the lateral '
             'tibial condyle.',
             scale=FS_SCALE)
    v.title_long = 'Anterior view, superficial layer: abdominal wall, groin and thigh'
    front_superficial_bones(v)
    for s in v.sides:
        # the patella and its ligament in front of the femoral condyles, which show either side of them
        draw_knee_landmarks(v, s)
        draw_patellar_ligament_coronal(v, s)
        draw_patella_coronal(v, s)
    la = [(-6, XIPHOID_TIP + 2, 'c'), (6, XIPHOID_TIP + 2, 'c'), (5, 126), (2.5, 200), (3, 292, 'c'), (-3, 292, 'c'), (-2.5, 200), (-5, 126)]
    v.add('bones', group('b-linea-alba', [path(smooth(v.ps(la)), TENDON),
                                          path(smooth(ell(v, 0, 130, 6, 6.5, 0)), 'fill="#e2cfb4" stroke="#8a7458" stroke-width="1.3"')]))
    L, R = 1, -1
    for s in v.sides:
        sf = sfx(s)
        # iliopsoas below the inguinal ligament, the lateral part of the floor of the femoral triangle beside
        # pectineus, over the front of the hip joint to the lesser trochanter (above the ligament the abdominal
        # wall, drawn over it, covers it)
        il = iliacus_sheet(v, s)
        v.add('muscles', below_inguinal_ligament(v, s, 'm-iliacus' + sf, il, muscle_parts(il, 'mid', 16, tendon=(0.88, 1.0))))
        # its medial border beside pectineus below the ligament (the femoral vessels, not drawn, lie on them)
        ps = psoas_major_sheet(v, s, (54, 284))
        v.add('muscles', below_inguinal_ligament(v, s, 'm-psoas-major' + sf, ps,
                                                 muscle_parts(ps, 'sup', 13, tendon=(0.84, 1.0))))
        thigh_front(v, s)
        draw_itb_coronal(v, s)
        # rectus femoris: a fusiform belly from the AIIS, broadest in the upper half of the thigh, narrowing
        # below into its flat tendon, the central part of the quadriceps tendon on the base of the patella;
        # vastus medialis bulges beside it above the medial side of the knee
        # (its origin on the AIIS filling the V up to tensor fasciae latae; its medial border along sartorius's
        # lateral border in the upper third of the thigh, below the V)
        rf = sheet(v, s, [(114, 236.5), (122.5, 236.5)], [(KNEE - 8, 644), (KNEE + 10, 644)], [(58, 360), (142, 330)], [(88, 545), (100, 540)])
        v.add('muscles', group('m-rectus-femoris' + sf, muscle_parts(rf, 'sup', 12, tendon=(0.8, 1.0))))
        # tensor fasciae latae on the anterolateral hip, over the greater trochanter and in front of gluteus
        # medius: from the ASIS and the outer lip of the crest just behind it, a belly some 15 cm long and 2-4 cm
        # broad, diverging from sartorius below the ASIS (rectus femoris shows in the V between them), down to
        # end about a third of the way down the thigh between the layers of the iliotibial tract
        tfl = sheet(v, s, TFL_ORIGIN, TFL_END, TFL_C1, TFL_C2)
        v.add('muscles', group('m-tensor-fasciae-latae' + sf, muscle_parts(tfl, 'sup', 9)))
        sartorius_front(v, s)
    # subject's right: external oblique removed but for its upper slips, the internal oblique cut to show
    # transversus abdominis, the rectus sheath opened on rectus abdominis
    v.add('muscles', group('m-transversus-abdominis-r', transversus_front(v, R)))
    io = internal_oblique_sheet(v, R)
    v.add('muscles', group('m-internal-oblique-r', muscle_parts(io, 'mid', 18, u0=0.0, u1=0.5) + cut_parts(io, 0, 1, 0.5)
                           + muscle_parts(io, 'mid', 6, t0=0.0, t1=0.25, u0=0.5, u1=1.0)))
    v.add('muscles', group('m-rectus-abdominis-r', rectus_parts(v, R)))
    eo_r = external_oblique_sheet(v, R)
    v.add('muscles', group('m-external-oblique-r', muscle_parts(eo_r, 'sup', 10, t0=0.0, t1=0.62, u0=0.0, u1=0.42)
                           + [path(eo_r.edge(0.0, 0.62, 0.42), CUT), path(smooth([eo_r.point(0.62, u / 10.0 * 0.42) for u in range(11)], False), CUT)]))
    # subject's left: the three layers intact, rectus inside its sheath, external oblique over all
    v.add('muscles', group('m-transversus-abdominis-l', transversus_front(v, L)))
    v.add('muscles', group('m-internal-oblique-l', muscle_parts(internal_oblique_sheet(v, L), 'mid', 18)))
    v.add('muscles', group('m-rectus-abdominis-l', rectus_parts(v, L)))
    sheath = [RA_LATERAL[0]] + RA_LATERAL[1:] + RA_TOP[::-1] + [(3, 292)]
    poly = v.ps(sheath, L)
    v.add('muscles', group('b-rectus-sheath-l', [path(smooth(poly), FASCIA), path(lines_d(hatch([sample(poly, True, 6)], 9, 0)), FASCIA_FIBRE)]))
    v.add('muscles', group('m-external-oblique-l', external_oblique_front(v, L)))
    # the inguinal ligament, over the aponeurosis whose lower border it is (drawing only)
    for s in v.sides:
        pts = [(121, 214), (100, 234), (74, 258), (48, 278), (27, 288)]
        v.add('muscles', path(ribbon(v.ps(pts, s), [4.5 * v.scale, 4 * v.scale, 4 * v.scale, 4 * v.scale, 3.5 * v.scale]), LIGAMENT))
    for s in v.sides:
        trigger_point(v, 'rectus-abdominis', 1, s, (40, -40))
        trigger_point(v, 'rectus-abdominis', 2, s, (16, 250))
        referral_zone(v, 'rectus-abdominis', 1, s, [blob(0, -30, 80, 34, 0, 12)])
        referral_zone(v, 'rectus-abdominis', 2, s, [blob(0, 230, 50, 30, 0, 12)])
        trigger_point(v, 'external-oblique', 2, s, (152, -64))
        referral_zone(v, 'external-oblique', 2, s, [blob(22, -50, 46, 34, 0, 12)])
        trigger_point(v, 'vastus-medialis', 1, s, (47, 646))
        # the 2nd about halfway between the groin and the knee (Travell & Simons), where the muscle shows
        # between rectus femoris and sartorius
        trigger_point(v, 'vastus-medialis', 2, s, VM_TP2)
        referral_zone(v, 'vastus-medialis', 1, s, [blob(67, 662, 27, 22, 0, 12)])
        referral_zone(v, 'vastus-medialis', 2, s, [[(26, 556), (52, 552), (60, 600), (56, 650), (50, 678), (18, 678),
                                                    (20, 630), (22, 590)]])
        trigger_point(v, 'internal-oblique', 1, s, (120, 160))
        referral_zone(v, 'internal-oblique', 1, s, [blob(50, 262, 44, 24, -0.45, 12)])
    v.label('Rectus abdominis', (40, 60), R)
    v.label('Tendinous intersection', (60, 36), R)
    v.label('Rectus sheath', (50, 60), L)
    v.label('External oblique (cut)', (160, -90), R)
    v.label('External oblique', (148, -52), L)
    v.label('External oblique aponeurosis', (100, 100), L)
    v.label('Internal oblique', (120, 170), R)
    v.label('Transversus abdominis', (100, 60), R)
    v.label('Linea alba', (0, 60), L)
    v.label('Umbilicus', (0, 130), R)
    v.label('Xiphoid process', (0, -80), R)
    v.label('Costal cartilages 5–7', (44, -142), L)
    v.label('Ribs 5–8', (133.5, -79.2), R)
    v.label('Costal margin', (86.1, -27.8), R)
    # between the 8th and 9th ribs, lateral to their costochondral junctions (its column keeps the
    # label after "Costal margin": above it, enlarged, it was the one left out of the two)
    v.label('Intercostal muscles', (126.7, -4.4), R)
    # the ASIS lies under the skin between the muscles that attach round it
    for sd in (L, R):
        bare_spot(v, (123.5, 209.5), 3.6, sd)
    v.label('Iliac crest (covered)', (140, 150), L)
    v.label('ASIS', (124, 210), L)
    v.label('Inguinal ligament', (62.8, 267.8), R)
    v.label('Superficial inguinal ring', (30, 281), L)
    v.label('Pecten pubis', PECTEN_ANT[3], R)
    v.label('Pubic symphysis', (0, 300), R)
    v.label('Tensor fasciae latae', (150, 300), L)
    v.label('Sartorius', (62, 440), R)
    v.label('Rectus femoris', (96, 500), L)
    v.label('Vastus lateralis', (140, 480), R)
    v.label('Adductor longus', (54, 371), L)
    v.label('Gracilis', (24, 560), R)
    v.label('Vastus medialis', (50, 626), R)
    v.label('Pectineus', (50, 292), L)
    v.label('Iliotibial tract', (133, 560), L)
    v.label('Patella', (KNEE + 2, 668), L)
    v.label('Tibial tuberosity', (KNEE + 6, 748), L)
    v.label('Pes anserinus', (KNEE - 15, 754), R)
    return v


# ---- lateral (subject's right side, anterior to the viewer's right) --------------------------

def body_front(y, body_z=None):
    body_z = body_z or SK.BODY_Z
    pts = []
    for name, top, bot, hw, tip, sp in SK.VERTEBRAE_ALL:
        if name in body_z:
            pts.append(((top + bot) / 2.0, body_z[name][0], body_z[name][1]))
    pts.sort()
    if y <= pts[0][0]:
        return pts[0][1], pts[0][2]
    for (y0, z0, d0), (y1, z1, d1) in zip(pts, pts[1:]):
        if y0 <= y <= y1:
            t = (y - y0) / (y1 - y0)
            return z0 + (z1 - z0) * t, d0 + (d1 - d0) * t
    return pts[-1][1], pts[-1][2]


def draw_spine_lateral(v, body_z=None, section=False):
    """The vertebrae from the side; with section, cut in the midline and seen from the inside (the
    medial view): the cut bodies show their spongy bone, the vertebral canal lies open behind them."""
    body_z = body_z or SK.BODY_Z
    verts = SK.VERTEBRAE_ALL
    discs, l_sp = [], []
    v.spinous = []
    for i, (name, top, bot, hw, tip, sp) in enumerate(verts):
        if name not in body_z:
            continue
        ft, dt = body_front(top, body_z)
        fb, db = body_front(bot, body_z)
        body = [(ft, top + 1.5), (ft - 1.5, top, 'c'), (ft - dt + 1.5, top, 'c'), (ft - dt, top + 1.5),
                (ft - dt + 1, (top + bot) / 2.0), (fb - db, bot - 1.5), (fb - db + 1.5, bot, 'c'),
                (fb - 1.5, bot, 'c'), (fb, bot - 1.5), ((ft + fb) / 2.0 - 1.8, (top + bot) / 2.0)]
        # posterior elements: pedicle, articular pillar, spinous process
        back_t, back_b = ft - dt, fb - db
        h = bot - top
        tipz = (ft + fb) / 2.0 - 92 if name.startswith('L') else (ft + fb) / 2.0 - 80 + (8 if section else 0)
        arch = [(back_t + 1, top + 3), (back_t - 12, top + 2), (back_t - 16, top - 6, 'c'), (back_t - 24, top - 5),
                (back_t - 26, top + 6), (back_t - 28, top + 0.5 * h)]
        if name.startswith('L'):
            arch += [(tipz + 12, sp - 22), (tipz + 2, sp - 18), (tipz - 1, sp - 9), (tipz + 3, sp + 1),
                     (tipz + 16, sp - 2), (back_t - 30, bot + 2), (back_t - 26, bot + 9, 'c'), (back_t - 18, bot + 7),
                     (back_b - 8, bot - 4), (back_b + 1, bot - 6)]
        else:
            arch += [(tipz + 8, sp - 18), (tipz, sp - 4), (tipz + 2, sp + 1), (tipz + 12, sp - 4),
                     (back_t - 28, bot + 3), (back_t - 22, bot + 6, 'c'), (back_b - 8, bot - 4), (back_b + 1, bot - 6)]
        v.add('bones', path(smooth(v.ps(arch)), BONE))
        if not name.startswith('L'):
            # the outline of the arch, whose spinous process a muscle drawn over it leaves in sight
            v.spinous.append((name, flatten(smooth(v.ps(arch)))))
        v.add('bones', path(smooth(v.ps([(back_t - 14, top + 6), (back_t - 8, top + 0.55 * h), (back_t - 14, bot - 4)]), False), BONE_DETAIL))
        bparts = [path(smooth(v.ps(body)), BONE)]
        if section:
            # the cut face: a shell of compact bone round the spongy bone, and the vertebral canal between
            # the body and the arch (the inner face of the pedicle seen through it)
            inner = [(ft - 2.5, top + 3), (ft - dt + 2.5, top + 3), (fb - db + 2.5, bot - 3), (fb - 2.5, bot - 3)]
            bparts.append(path(smooth(v.ps(inner)), 'fill="#eadcbf" stroke="#b59f80" stroke-width="0.8"'))
            for k in range(1, 4):
                yy = top + (bot - top) * k / 4.0
                a0, _ = body_front(yy, body_z)
                bparts.append(path(smooth(v.ps([(a0 - 4, yy), (a0 - _ / 2.0, yy + 1.2), (a0 - _ + 4, yy)]), False), BONE_DETAIL))
            v.add('bones', path(smooth(v.ps([(back_t - 1, top + 2), (back_t - 16, top + 1), (back_b - 16, bot - 1), (back_b - 1, bot - 2)])),
                                'fill="#d8c8a8" stroke="#8c7a64" stroke-width="1"'))
        if name in ('T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
            v.add('bones', group('b-%s-body' % name.lower(), bparts))
        else:
            v.add('bones', ''.join(bparts))
        nxt = verts[i + 1][1] if i + 1 < len(verts) else SK.SACRUM_TOP
        fn, dn = body_front(nxt, body_z)
        disc = [(fb, bot), (fn + 0.8, (bot + nxt) / 2.0), (fn, nxt), (fn - dn, nxt), (fb - db - 0.8, (bot + nxt) / 2.0), (fb - db, bot)]
        d = path(smooth(v.ps(disc)), DISC)
        if name in ('T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
            discs.append(d)
        else:
            v.add('bones', d)
        if name.startswith('L'):
            l_sp.append((tipz, sp))
    v.add('bones', group('b-lumbar-intervertebral-discs', discs))
    parts = []
    for (tipz, sp), name in zip(l_sp, ('L1', 'L2', 'L3', 'L4', 'L5')):
        d = smooth(v.ps([(tipz + 14, sp - 21), (tipz + 2, sp - 18), (tipz - 1, sp - 9), (tipz + 3, sp + 1), (tipz + 16, sp - 2)]))
        parts.append(path(d, LANDMARK))
        v.spinous.append((name, flatten(d)))
    v.add('bones', group('b-lumbar-spinous-processes', parts))


# The knee in the side view (z forward, mm below L1): the patellar ligament from the apex of the patella
# to the tibial tuberosity, ~4.5 cm, the tuberosity ~2.5 cm below the tibial plateau (712) on the tibia's
# anterior border (Gray's, Moore); the ligament's back lies on the tibia (its outline in build_lateral())
# below 733, its front edge turning back onto the tuberosity at its end
LAT_PATELLA = [(27, 651), (36, 647), (44.5, 648.5), (47.5, 656), (48, 670), (47, 685), (44, 695.5), (40, 700.5),
               (35, 699), (29, 692), (23.5, 683), (24.5, 670), (25.5, 657)]
LAT_PATELLAR_LIGAMENT = [(36, 699), (39, 698.5), (42, 699.5), (40.5, 715), (41.2, 733), (41, 741), (38.5, 746, 'c'),
                         (36, 746.5, 'c'), (35.6, 738), (34.8, 728), (34, 712)]
LAT_TUBEROSITY = [(31, 727.5), (34.5, 733), (36, 738), (36, 744), (34, 752), (32, 759), (30, 752), (30, 744),
                  (30, 736)]


def femur_sag():
    """Right femur seen from the lateral side (z forward): greater trochanter behind the head, the
    shaft bowed forward, the lateral condyle bulging behind at the knee."""
    return [(-24, 281, 'c'), (-12, 279), (4, 283), (14, 292), (16, 310), (14, 335), (16, 380), (19, 450), (20, 520),
            (18, 590), (21, 628), (26, 650), (26, 672), (18, 692), (4, 705), (-12, 709), (-27, 703), (-37, 688),
            (-39, 668), (-33, 646), (-23, 618), (-17, 560), (-15, 480), (-16, 420), (-19, 370), (-25, 340),
            (-31, 318), (-32, 296)]


VL_FILL = 'fill="#d9a494" fill-opacity="0.9" stroke="#9c6254" stroke-width="1.3" stroke-linejoin="round"'
VL_FIBRE = 'fill="none" stroke="#a96e60" stroke-width="0.8" stroke-opacity="0.7" stroke-linecap="round"'


# External oblique's digitations on ribs 9-12 in the side view (Gray's; Moore): each arises from the
# outer surface and lower border of its rib by a short, broad fleshy slip, its rounded end on the rib, the
# slips set in a line running down and back (the 11th near the tip of its rib, the lowest on the tip of the
# 12th), latissimus dorsi's slips filling the notches between them. The posterior fibres, from ribs 11
# and 12, run nearly vertically down to the anterior half of the iliac crest; the muscle's posterior border
# is free. Each slip is placed in the frame of those fibres: along them (a, down and forward) and across
# them (q, backwards), from the point where it sits on its rib's centre line; a slip's width across the
# fibres is the distance between the notches either side of it.
EO_FIBRE_LAT = (math.cos(math.radians(68)), math.sin(math.radians(68)))
EO_SLIPS_LAT = [(5, (48, -38)), (6, (33, -21.43)), (7, (18, -6.27)), (8, (3, 8.375)), (9, (-12, 19)), (10, (-27, 32)), (11, (-44, 46)), (12, (-72, 39))]


def eo_qa(pt):
    f = EO_FIBRE_LAT
    return (-f[1] * pt[0] + f[0] * pt[1], f[0] * pt[0] + f[1] * pt[1])


def eo_zy(q, a):
    f = EO_FIBRE_LAT
    return (-f[1] * q + f[0] * a, f[0] * q + f[1] * a)


def eo_slips_lat():
    """The digitations as (notch in front, outline points of the rounded end, notch behind) in (z, y): a
    slip tapers a little from the notches either side of it to its end, a half disc on the rib."""
    qa = [eo_qa(c) for _, c in EO_SLIPS_LAT]
    # between two slips the notch lies half way across; the first and last slips are as broad in front of
    # and behind their ribs
    bounds = [(qa[k][0] + qa[k + 1][0]) / 2.0 for k in range(len(qa) - 1)]
    bounds = [2 * qa[0][0] - bounds[0]] + bounds + [2 * qa[-1][0] - bounds[-1]]
    notch_a = [qa[0][1] + 6] + [max(qa[k][1], qa[k + 1][1]) + 6 for k in range(len(qa) - 1)] + [None]
    out = []
    for k, (q, a) in enumerate(qa):
        mid, r = (bounds[k] + bounds[k + 1]) / 2.0, 0.8 * (bounds[k + 1] - bounds[k]) / 2.0
        cap = [eo_zy(mid - r * math.cos(th), a - r * math.sin(th))
               for th in [math.radians(x) for x in range(0, 181, 45)]]
        front = eo_zy(bounds[k], notch_a[k])
        back = eo_zy(bounds[k + 1], notch_a[k + 1]) if notch_a[k + 1] is not None else None
        out.append((front, cap, back))
    return out


# where along the line of its insertion (EO_I_LAT, 0 at the top of the aponeurosis' border, 1 at the iliac
# crest) the fibres from each part of the origin end: the top edge and the front border (the slips on ribs
# 5-8) on the border of the aponeurosis, the slips of ribs 9 and 10 on its lower part and the ASIS, those of
# 11 and 12 nearly vertically on the anterior half of the iliac crest
EO_I_LAT = [(77, -38), (84, 10), (88, 60), (86, 110), (78, 158), (64, 194), (48, 211), (44, 194), (36, 176),
            (24, 158), (8, 145), (-10, 136.5), (-30, 133.5)]
EO_SLIP_SPANS = [(0.45 / 12.0, 0.9 / 12.0), (0.9 / 12.0, 1.8 / 12.0), (1.8 / 12.0, 3.0 / 12.0), (3.0 / 12.0, 4.2 / 12.0), (4.2 / 12.0, 5.6 / 12.0), (5.6 / 12.0, 8.8 / 12.0), (8.8 / 12.0, 10.8 / 12.0), (10.8 / 12.0, 1.0)]


def eo_origin_lat():
    """The serrated origin of external oblique on the outer surfaces of ribs 8-12, from the front
    (running off the top of the view) back to the tip of the 12th rib, a short, broad slip with a rounded
    end on each rib, a notch between (where latissimus interdigitates); and with each point of it the
    point of the insertion line its fibre runs to (the sheet's fibres join points of equal parameter)."""
    # the slips on ribs 5-8 cover the side of the chest in front of the mid-axillary line above the view
    slips = eo_slips_lat()
    front = slips[0][0]
    top = (front[0] + 6, -66)
    O = [(80, -66, 'c'), top + ('c',), lerp(top, front, 0.5), front + ('c',)]
    S = [0.0, 0.15 / 12.0, 0.3 / 12.0, 0.45 / 12.0]
    for (f, cap, back), (s0, s1) in zip(slips, EO_SLIP_SPANS):
        pts = cap + ([back + ('c',)] if back is not None else [])
        O += pts
        S += [s0 + (s1 - s0) * (j + 1) / float(len(pts)) for j in range(len(pts))]
    return O, [curve_eval(EO_I_LAT, x) for x in S]


def lat_rib(v, n):
    """Rib n of the side view (RIBS_LAT): one band of bone from its head (or from above the view) to its
    tip, or for 9 and 10 to the costochondral junction and on in cartilage grey to the costal margin."""
    pts, w = SK.RIBS_LAT[n]
    ws = [x * v.scale for x in w]
    if n in (11, 12):
        return path(ribbon(v.ps(pts), ws, caps='round'), BONE)
    return (path(ribbon(v.ps(pts[:-3]), ws[:-3], caps='flat'), BONE) +
            path(ribbon(v.ps(pts[-4:]), ws[-4:], caps='flat'), CARTILAGE_LAT))


CARTILAGE_LAT = 'fill="#e6ebe6" stroke="#5b4a3a" stroke-width="1.6"'


def intercostals_lateral(v):
    """The intercostal muscles filling the spaces between ribs 5 to 12 in the side view (m-intercostals-r),
    in the style of the front superficial view's: each space from one rib to the next (RIBS_LAT),
    the 10th closed in front from the tip of the 11th rib to the 10th, the 11th between the 11th and 12th
    ribs out to their tips. The external intercostals' fibres run down and forward from each rib to the
    rib below; in front of the costochondral junctions, between the cartilages, the external intercostal
    membrane lies over the internal intercostals, whose fibres run down and back (Gray's, Moore). Drawn
    under the vertebrae, which stay in sight, and under the ribs and external oblique's slips."""
    lines = {n: SK.RIBS_LAT[n][0] for n in range(5, 13)}
    # above the 5th rib the view's top corner shows the 4th space up to external oblique's front part,
    # under which the 4th rib (not drawn) runs, about as far above the 5th as the 5th above the 6th
    lines[4] = [add(a, mul(sub(a, b), 1.6)) for a, b in zip(lines[5], lines[6])]
    spaces = [lines[5] + lines[4][::-1]]
    spaces += [lines[n] + lines[n + 1][::-1] for n in range(5, 10)]
    tip11 = lines[11][-1]
    r10 = densify_line(lines[10], 1.0)
    k = min(range(len(r10)), key=lambda i: dist(tip11, r10[i]))
    spaces.append(r10[:k + 1] + lines[11][::-1])
    spaces.append(lines[11] + lines[12][::-1])
    top = v.frame[0] - v.y0 / v.scale - 4       # just above the top edge of the canvas (mm)
    # the costochondral line (each rib's junction, where lat_rib turns to cartilage): the membrane lies in
    # front of it
    joints = [lines[n][-4] for n in range(5, 11)]
    membrane = [(joints[0][0], -200)] + joints + [(joints[-1][0], 200), (200, 200), (200, -200)]
    fill = 'fill="#b5362a" fill-opacity="0.93" stroke="none"'
    parts = [path('M' + ' L'.join(P(q) for q in v.ps(sp)) + ' Z', fill) for sp in spaces]
    ext, inner, ext_all = intercostal_fibres([lines[n] for n in range(4, 11)] + [lines[11][3:], lines[12][3:]],
                                             membrane)

    def clip(segs, front):
        runs = []
        for p, q in segs:
            runs += runs_where([lerp(p, q, k / 20.0) for k in range(21)],
                               lambda r: (r[1] > top and any(point_in_poly(r, sp) for sp in spaces)
                                          and point_in_poly(r, membrane) == front))
        return ' '.join('M' + ' L'.join(P(q) for q in v.ps(run)) for run in runs)
    parts.append(path(clip(ext, False), FIBRE))
    parts.append(path(clip(inner, True), FIBRE))
    # the membrane's film: between the cartilages (each rib's last four points, from its junction on)
    mem = [v.ps(lines[n][-4:] + lines[n + 1][-4:][::-1]) for n in range(5, 10)]
    parts.append(path(poly_d(mem), 'fill="#e9eef1" fill-opacity="0.22" stroke="none"'))
    parts.append(path(clip(ext_all, True), FASCIA_FIBRE))
    return parts


def erector_lateral(v):
    """The erector spinae of the side view, the thick longitudinal mass that forms the contour of the back
    behind the rib angles: from the sacrum and the posterior iliac crest (under gluteus maximus) up beyond the
    top of the view, between the tips of the spinous processes, which stay in sight over it at the back's
    contour, and the angles of the ribs, under which its front edge runs (iliocostalis inserts on them); its
    lumbar part runs on forward under latissimus dorsi (cut) and internal oblique. Seen from the side the
    lateral column, iliocostalis, is the one in sight (longissimus lies medial to it, spinalis beside the
    spinous processes): the region is iliocostalis lumborum. Fibres run up the column along its curve
    (Gray's; Moore). Drawn first of the muscles, under latissimus, the obliques and gluteus maximus; the
    spinous processes of T11-L4 and ribs 10-12 are cut out of it, so that they show and click as
    themselves."""
    # the back's contour, a few mm inside the tips of the spinous processes (T11 -102 mm at y -24, T12 -95
    # at 2, L1 -98 at 24, L2 -90 at 61, L3 -85 at 100, L4 -86 at 140), into gluteus maximus's contour below
    back = [(-104, -62), (-100, -30), (-92, 2), (-91, 30), (-87, 62), (-83, 100), (-83, 136), (-90, 158),
            (-102, 178)]
    # the front edge: behind the angles of ribs 10-12 (under them), then under latissimus and internal
    # oblique down to the crest, along which it runs back under gluteus maximus
    front = [(-74, -62), (-74, -10), (-70, 25), (-60, 48), (-56, 80), (-55, 120), (-57, 139), (-66, 147),
             (-84, 158), (-96, 170), (-102, 178)]
    bk, fr = sample(back, False, 8), sample(front, False, 8)
    outline = v.ps(bk + fr[::-1][1:])
    cuts = []
    for name, pts in v.spinous:
        if name in ('T11', 'T12'):
            # the spinous process: the part of the arch behind the rib angles
            x = v.p((-84, 0))[0]
            cuts += polygons_difference([pts], [[(x, -100), (x + 400, -100), (x + 400, 200), (x, 200)]])
        elif name != 'L5':
            cuts.append(pts)
    for n in (10, 11, 12):
        pts, w = SK.RIBS_LAT[n]
        d = ribbon(v.ps(pts), [x * v.scale for x in w], caps='round' if n > 10 else 'flat')
        cuts.append(flatten(d))
    pieces = polygons_difference([outline], cuts)
    pieces = [q for q in pieces if abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(q, q[1:] + q[:1]))) > 8]
    desc = sample(front[:7], False, 8)

    def between(y, line):
        for a, b in zip(line, line[1:]):
            if min(a[1], b[1]) <= y <= max(a[1], b[1]) and a[1] != b[1]:
                return lerp(a, b, (y - a[1]) / (b[1] - a[1]))[0]
        return line[-1][0]
    fibres = []
    for k in range(1, 14):
        t = k / 14.0
        line = []
        for j in range(0, 121):
            y = -62 + 240 * j / 120.0
            zb, zf = between(y, bk), between(y, desc)
            line.append(v.p((zb + (zf - zb) * t, y)))
        fibres += runs_where(line, lambda r: any(point_in_poly(r, q) for q in pieces))
    fib = ' '.join('M' + ' L'.join(P(q) for q in run) for run in fibres if len(run) > 1)
    # below the 12th rib its lumbar part lies under the posterior layer of the thoracolumbar fascia, the
    # aponeurosis of latissimus (cut in front of it), from the spinous processes to the crest: a thin
    # translucent sheet over it, its fibres running down and back towards the spines; drawing only, so
    # that a click through it finds the muscle
    above = v.ps([(-140, -100), (40, -100), (40, 60), (-62, 48), (-100, 12), (-140, 12)])
    tlf = polygons_difference(pieces, [above])
    tlf_d = poly_d(tlf)
    return (group('m-iliocostalis-lumborum-r', [path(poly_d(pieces), MUSCLE['deep']), path(fib, FIBRE)]) +
            path(tlf_d, 'fill="#e9eef1" fill-opacity="0.3" stroke="none"') +
            path(lines_d(hatch(tlf, 7, 118)), FASCIA_FIBRE.replace('0.85', '0.6')))


def draw_hip_bone_lateral(v):
    """The right hip bone and femur from the side, in the bone style of the other views. The ilium is a fan
    above the acetabulum: its crest (an S from the ASIS to the PSIS, the iliac tubercle on its outer lip about
    5 cm behind the ASIS), below the ASIS a notch and the AIIS over the acetabulum; behind, the PSIS, the PIIS
    and the deep greater sciatic notch down to the ischial spine. Its outer (gluteal) surface carries the
    three gluteal lines. The acetabulum faces out, forward and down, its lunate surface round the fossa,
    open below at the acetabular notch; the femoral head sits in it, its rim over the head's edge. Below and
    behind, the ischium ends in the ischial tuberosity; in front, the pubis with the superior ramus to the
    pubic tubercle and the obturator foramen between the rami."""
    cx, cy, rx, ry, rot = SK.OBTURATOR_SAG
    hip_d = smooth(v.ps(SK.HIP_SAG)) + ' ' + smooth(v.ps(ellipse_pts(cx, cy, rx, ry, rot, 10)))
    az, ay, ar = SK.ACETABULUM_SAG
    parts = [path(hip_d, BONE.replace('stroke-linejoin', 'fill-rule="evenodd" stroke-linejoin'))]
    # the rough area behind the posterior gluteal line (gluteus maximus) and the ala's thick buttress
    # above the acetabulum, shaded; the gluteal surface between them smooth
    parts.append(path(smooth(v.ps([(-68, 146), (-86, 158), (-100, 184), (-102, 210), (-96, 228), (-88, 222),
                                   (-82, 200), (-74, 172)])), BONE_SHADE))
    parts.append(path(smooth(v.ps([(-26, 258), (-14, 252), (6, 251), (26, 256), (36, 262), (20, 262),
                                   (0, 258), (-18, 260)])), BONE_SHADE))
    # the groove above the acetabulum for the reflected head of rectus femoris
    parts.append(path(smooth(v.ps([(-20, 255), (-4, 251), (14, 252), (28, 257)]), False), BONE_DETAIL))
    # the outer lip of the crest and the tubercle's ridge running down the ala (the iliac pillar)
    parts.append(path(smooth(v.ps([(22, 164), (18, 184), (12, 206), (6, 228)]), False), BONE_DETAIL))
    # the ischial body from the acetabulum down to the tuberosity, and the lesser sciatic notch
    parts.append(path(smooth(v.ps([(-17, 300), (-22, 314), (-28, 327)]), False), BONE_DETAIL))
    # the superior pubic ramus: its upper border (the pecten) and the obturator crest below the tubercle
    parts.append(path(smooth(v.ps([(28, 268), (36, 274), (43, 281)]), False), BONE_DETAIL))
    parts.append(path(smooth(v.ps([(45, 293), (40, 304), (33, 314)]), False), BONE_DETAIL))
    # the acetabulum: the fossa, darker, inside the lunate surface
    parts.append(path(smooth(v.ps(ellipse_pts(az, ay, ar + 2, ar + 2, 0, 14))), 'fill="#e3d5b8" stroke="#5b4a3a" stroke-width="1.4"'))
    parts.append(path(smooth(v.ps(ellipse_pts(az + 2, ay + 6, 13, 12, 0, 12))), 'fill="#d9c9a8" stroke="#8c7a64" stroke-width="1"'))
    v.add('bones', group('b-hip-bone-r', parts))
    # the femur, its head seated in the acetabulum (the rim, drawn over it as the acetabulum, covers its
    # upper edge), the neck running down and back to the greater trochanter behind it
    v.add('bones', group('b-femur-r', [
        path(smooth(v.ps(femur_sag())), BONE),
        path(smooth(v.ps(ellipse_pts(0, 285, 23, 23, 0, 12))), BONE),
        path(smooth(v.ps([(-9, 276), (-3, 273), (3, 276)]), False), BONE_DETAIL),                  # fovea, in profile
        path(smooth(v.ps([(-14, 300), (-4, 300), (6, 306), (14, 312)]), False), BONE_DETAIL),    # neck below the head
        path(smooth(v.ps([(10, 292), (4, 310), (-4, 330), (-10, 345)]), False), BONE_DETAIL),
        path(smooth(v.ps([(-6, 648), (-18, 656), (-22, 672), (-14, 684), (0, 684), (8, 672)]), False), BONE_DETAIL),  # epicondyle
        path(smooth(v.ps([(22, 650), (16, 668), (14, 690)]), False), BONE_DETAIL)]))                  # trochlear groove edge


def draw_hip_landmarks_lateral(v):
    """The landmarks of the hip bone and the upper femur in the side view."""
    az, ay, ar = SK.ACETABULUM_SAG
    # the crest as a thick rim, broadest at the iliac tubercle on its outer lip
    crest = [(x, y + (2.4 if y < 200 else 0)) for x, y in SK.CREST_SAG]
    widths = []
    for x, y in crest:
        tub = math.exp(-((x - 24.0) / 9.0) ** 2)
        widths.append((5 + 5 * tub) * v.scale)
    v.add('bones', group('b-iliac-crest-r', [path(ribbon(v.ps(crest), widths), LANDMARK),
                                             path(smooth(v.ps([(30, 166), (24, 160), (17, 156)]), False), BONE_DETAIL)]))
    v.add('bones', path(smooth(v.ps(ellipse_pts(47, 211, 5, 5.5, 0, 10))), LANDMARK, 'b-asis-r'))
    v.add('bones', path(smooth(v.ps(ellipse_pts(41, 238, 4.5, 5.5, 0, 10))), LANDMARK, 'b-aiis-r'))
    v.add('bones', path(smooth(v.ps(ellipse_pts(-99, 213, 4.5, 6, 0, 10))), LANDMARK, 'b-psis-r'))
    v.add('bones', path(smooth(v.ps([(-18, 344), (-26, 349), (-34, 347), (-39, 336), (-39, 323), (-32, 321), (-25, 333)])), LANDMARK, 'b-ischial-tuberosity-r'))
    # the lunate surface and the rim (with the labrum) round the femoral head, open below at the notch
    ring_o = ellipse_pts(az, ay, ar + 1.5, ar + 1.5, 0, 18, math.radians(-215), math.radians(35))
    ring_i = ellipse_pts(az, ay, ar - 7.5, ar - 7.5, 0, 18, math.radians(-215), math.radians(35))
    v.add('bones', path(smooth(v.ps(ring_o + ring_i[::-1])), LANDMARK, 'b-acetabulum-r'))
    for name, pts in (('posterior', SK.GLUTEAL_POST_S), ('anterior', SK.GLUTEAL_ANT_S), ('inferior', SK.GLUTEAL_INF_S)):
        v.add('bones', path(smooth(v.ps(pts), False), LINE_MARK, 'b-%s-gluteal-line-r' % name))
    v.add('bones', path(smooth(v.ps(SK.GREATER_NOTCH_SAG), False), LINE_MARK.replace('3.2', '4.5'), 'b-greater-sciatic-notch-r'))
    v.add('bones', path(smooth(v.ps([(-24, 282, 'c'), (-12, 280), (4, 284), (13, 293), (15, 310), (12, 326), (-6, 332), (-24, 330), (-31, 316), (-32, 296)])), LANDMARK, 'b-greater-trochanter-r'))


def build_lateral():
    v = View('lateral', 'lat', 636, 38, (-35, 762), 'Side',
             'The right hip and flank seen from the side: ribs 5-12 with the intercostal muscles between them, and '
             'behind their angles the erector spinae, its lateral column (iliocostalis) in sight, forming the contour '
             'of the back up from the sacrum and iliac crest, the spinous processes at its edge, its lumbar part '
             'under the thoracolumbar fascia; '
             'external oblique arising by slips from them, with its '
             'aponeurosis and the inguinal ligament; behind it the lowest part of latissimus dorsi (cut above its '
             'slips on the lower ribs), and between their borders and the iliac crest the lumbar triangle with '
             'internal oblique in its floor; gluteus maximus, the thick quadrilateral of the buttock, its coarse '
             'bundles running down and forward into the iliotibial tract over the greater trochanter and to the '
             'gluteal tuberosity; gluteus medius below the iliac crest between gluteus maximus and tensor fasciae '
             'latae under the thin gluteal aponeurosis, gluteus minimus seen through it as a dashed fan from the '
             'ilium to the front of the greater trochanter, its front edge showing under tensor fasciae latae; '
             'the iliotibial tract down to '
             'the lateral tibial condyle, vastus lateralis in front of and under the tract with biceps femoris '
             'behind it, and sartorius and rectus femoris in front; below the knee, behind the head of the fibula, '
             'the lateral head of gastrocnemius.')
    v.title_long = 'Lateral view of the right hip, flank and thigh'
    v.ymin = -66
    s = -1
    # ---- bones: lumbar spine, sacrum and coccyx (medial), ribs, hip bone, femur, knee ----
    # the intercostal muscles between ribs 5 to 12, under the vertebrae and the ribs
    v.add('bones', group('m-intercostals-r', intercostals_lateral(v)))
    draw_spine_lateral(v)
    v.add('bones', group('b-sacrum', [path(smooth(v.ps(SK.SACRUM_SAG)), BONE),
                                      path(smooth(v.ps([(-60, 186), (-70, 205), (-82, 228), (-88, 252)]), False), BONE_DETAIL)]))
    v.add('bones', group('b-coccyx', [path(smooth(v.ps(SK.COCCYX_SAG)), BONE)]))
    # the erector spinae behind the rib angles, first of the muscles (under latissimus, the obliques and
    # gluteus maximus)
    v.add('muscles', erector_lateral(v))
    # the lower ribs, each whole from its head: the 12th first, each rib above drawn over the neck of the
    # one below where that neck passes medial to it (RIBS_LAT)
    v.add('bones', group('b-rib-12-r', [lat_rib(v, 12)]))
    v.add('bones', group('b-lower-ribs-r', [lat_rib(v, n) for n in (11, 10, 9)]))
    # above the 9th, ribs 8 to 5, parallel to it, with their cartilages
    v.add('bones', group('b-ribs-5-8-r', [lat_rib(v, n) for n in (8, 7, 6, 5)]))
    # behind the patellar ligament, between the patella, the femoral condyle and the tibia, the lateral
    # patellar retinaculum and the joint capsule over the infrapatellar fat pad (drawing only, under the
    # bones round it), so that the knee is whole, not open between the ligament and the bones
    ret = v.ps([(24, 664), (29, 682), (35, 697), (35.5, 712), (35, 729), (30, 731), (25, 723), (20, 716), (13, 713),
                (15, 702), (20, 690), (23, 676)])
    v.add('bones', path(smooth(ret), LIGAMENT) + path(lines_d(hatch([sample(ret, True, 8)], 4.5, 70)), TENDON_FIBRE))
    # between the lateral femoral condyle and the tibial plateau, the joint capsule over the rim of the lateral
    # meniscus (drawing only, under the bones), so that the joint line is not a slit of white background
    cap = v.ps([(-38, 690), (-33, 697), (-20, 703), (-5, 705), (8, 702), (16, 696), (22, 708), (23, 715), (8, 714),
                (-10, 714), (-30, 713.5), (-37, 706)])
    men = v.ps([(-34, 704), (-20, 708.5), (-4, 710.5), (10, 709), (18, 708), (14, 712), (-4, 713), (-22, 712.5), (-33, 710)])
    v.add('bones', path(smooth(cap), LIGAMENT) + path(smooth(men), CARTILAGE))
    draw_hip_bone_lateral(v)
    # tibia and fibula (drawing only, except the landmarks on them)
    # its front: from the front of the plateau down and forward to the tibial tuberosity, the prominence of
    # the anterior border ~2.5 cm below the plateau on which the patellar ligament ends (LAT_TUBEROSITY)
    tib = [(-30, 711), (-10, 712), (8, 712), (22, 714), (26, 720), (31, 727), (34.5, 733), (36, 738), (36, 744),
           (34, 752), (32, 762, 'c'), (-20, 762, 'c'), (-22, 748), (-27, 732), (-31, 720)]
    v.add('bones', path(smooth(v.ps(tib)), BONE))
    # the patella: from the side a thick shield, its base under the quadriceps tendon, its front flat, its
    # back the articular surface on the femur's patellar surface, its apex ~1 cm above the joint line
    v.add('bones', path(smooth(v.ps(LAT_PATELLA)), LANDMARK, 'b-patella-r'))
    v.add('bones', path(smooth(v.ps([(-29, 713), (-10, 713), (8, 713), (21, 716), (25, 727), (14, 735), (-8, 736), (-24, 733)])), LANDMARK, 'b-lateral-tibial-condyle-r'))
    # the head of the fibula, under the skin on the posterolateral part of the lateral tibial condyle, below
    # the joint line, nearer the viewer than the tibia: a rounded knob, its apex pointing up behind, the
    # neck below it and the shaft down to the foot of the view; biceps femoris ends on it (its card)
    v.add('bones', path(smooth(v.ps([(-36, 732), (-33, 725), (-30, 721.5), (-25, 723), (-18, 726), (-14, 732),
                                     (-16, 739), (-21, 745), (-22, 752), (-22, 762, 'c'), (-30, 762, 'c'), (-30.5, 752),
                                     (-32, 745), (-35.5, 739)])), BONE, 'b-fibular-head-r'))
    # the lateral femoral condyle, the rounded lower end of the femur (femur_sag()) behind the patella, with
    # the lateral epicondyle on it
    v.add('bones', path(smooth(v.ps([(-31, 648), (-36.5, 668), (-35, 687), (-26, 700.5), (-12, 706), (3, 702.5), (16, 690),
                                     (22, 673), (20, 656), (8, 646), (-10, 642), (-24, 643)])), LANDMARK,
                        'b-lateral-femoral-condyle-r'))
    # the tibial tuberosity: a low prominence of the tibia's anterior border, its front the tibia's own
    # outline, tapering out above under the patellar ligament and below into the anterior border
    v.add('bones', path(smooth(v.ps(LAT_TUBEROSITY)), LANDMARK, 'b-tibial-tuberosity-r'))
    draw_hip_landmarks_lateral(v)
    v.add('bones', path(smooth(v.ps([(-20, 352), (-14, 360), (-13, 400), (-15, 428), (-20, 426), (-21, 396), (-24, 362)])), LANDMARK, 'b-gluteal-tuberosity-r'))
    v.add('bones', path(ribbon(v.ps([(-17, 440), (-15.5, 500), (-17, 580)]), 3 * v.scale, caps='flat'), LANDMARK, 'b-linea-aspera-r'))
    # ligaments and fasciae
    st = [(-100, 238), (-96, 258), (-84, 284), (-56, 314), (-40, 330), (-34, 325), (-48, 308), (-76, 289), (-92, 272), (-100, 256)]
    v.add('bones', group('b-sacrotuberous-ligament-r', [path(smooth(v.ps(st)), LIGAMENT)]))
    ing = [(48, 214), (50.5, 240), (50, 262), (47, 281)]
    v.add('bones', path(ribbon(v.ps(SK.LINEA_ALBA_SAG), 4 * v.scale, caps='flat'), LANDMARK, 'b-linea-alba'))
    # the pubic tubercle lies lateral to the linea alba's end on the pubic crest, nearer the viewer
    v.add('bones', path(smooth(v.ps(ellipse_pts(SK.PUBIC_TUBERCLE_SAG[0], SK.PUBIC_TUBERCLE_SAG[1], 4, 4, 0, 10))), LANDMARK, 'b-pubic-tubercle-r'))
    # vastus lateralis: the largest of the quadriceps, the bulk of the anterolateral thigh. From the upper
    # intertrochanteric line, the front and lower borders of the greater trochanter, the gluteal tuberosity
    # and the lateral lip of the linea aspera (its deep fibres reach back to the lateral intermuscular
    # septum, under the posterior edge of the iliotibial tract) it sweeps forward round the femur to the
    # quadriceps tendon and the lateral border of the patella; its front edge lies under rectus femoris.
    # From the side, most of it shows in front of the tract, hardly any behind.
    vl_out = [(16, 304), (4, 322), (-8, 330), (-22, 332), (-26, 346), (-26, 400), (-23, 450), (-22, 520),
              (-20, 570), (-15, 610), (-6, 636), (8, 652), (22, 662), (28, 650), (36, 624), (44, 600), (52, 530),
              (54, 450), (48, 380), (39, 327), (26, 312)]
    vl_poly = v.ps(vl_out)
    vl_fib = Sheet(v.ps([(-24, 336), (-25, 420), (-21, 540), (-12, 622)]),
                   v.ps([(38, 390), (48, 520), (38, 610), (20, 660)]))
    # behind the tract, biceps femoris: the long head from the ischial tuberosity, the short head from the
    # lower linea aspera under the tract's posterior edge, to the head of the fibula; it gives the thigh its
    # true depth below the buttock
    hs_out = [(-31, 343), (-46, 355), (-66, 400), (-70, 470), (-64, 550), (-54, 620), (-42, 680), (-33, 730),
              (-26, 734), (-24, 700), (-14, 652), (-12, 610), (-16, 560), (-18, 500), (-18, 440), (-22, 400),
              (-32, 358)]
    hs_fib = Sheet(v.ps([(-42, 352), (-24, 400)]), v.ps([(-36, 720), (-26, 712)]),
                   v.ps([(-70, 460), (-18, 480)]), v.ps([(-58, 620), (-12, 620)]))
    # below the knee, behind the fibular head, the lateral head of gastrocnemius: from the lateral surface
    # of the lateral condyle, under the tendon of biceps femoris, down and back into the calf, whose back
    # it forms (the medial head lies beyond it); it leaves the frame 6 cm below the joint line
    gl = Sheet(v.ps([(-24, 670), (-31, 674), (-38, 681)]), v.ps([(-37, 762), (-50, 762), (-62, 762)]),
               v.ps([(-29, 700), (-51, 702)]), v.ps([(-35, 735), (-63, 736)]))
    v.add('muscles', group('m-gastrocnemius-r', muscle_parts(gl, 'sup', 8, tendon=(0.0, 0.1))))
    # the thigh muscles lie under the iliotibial tract: drawn first in the muscles layer, the tract over
    # them in the same layer
    # the two heads end above the knee in the common tendon, the cord behind the lateral condyle down to the
    # head of the fibula, pale as in the back views: the part of the outline below BF_TENDON_Y
    bf_out = v.ps(hs_out)
    cut = v.p((0, BF_TENDON_Y))[1]
    bf_ten = clip_below(sample(bf_out, True, 10), cut)
    u_ten = next(k / 100.0 for k in range(101) if hs_fib.point(0.5, k / 100.0)[1] >= cut)
    v.add('muscles', group('m-biceps-femoris-r', [path(smooth(bf_out), MUSCLE['deep']),
                                                  path(hs_fib.fibres(8, 0.05, 0.95, 0.04, u_ten), FIBRE),
                                                  path('M' + ' L'.join(P(q) for q in bf_ten) + ' Z', TENDON),
                                                  path(hs_fib.fibres(4, 0.1, 0.9, u_ten + 0.02, 0.98), TENDON_FIBRE)]))
    v.add('muscles', group('m-vastus-lateralis-r', [path(smooth(vl_poly), MUSCLE['mid']),
                                                    path(vl_fib.fibres(16, 0.02, 0.98, 0.05, 0.95), FIBRE)]))
    # the iliotibial tract: a thin sheet of the fascia lata, not a bone. From the outer lip of the iliac crest
    # at the iliac tubercle it runs down behind tensor fasciae latae (which lies between its layers and ends
    # in it at the upper third of the thigh) over the front of gluteus medius; gluteus maximus ends in its
    # posterior part at the level of the greater trochanter. Below them it is a band about 4 cm wide down
    # the side of the thigh over vastus lateralis, behind the middle of the thigh (the lateral intermuscular
    # septum ties it to the linea aspera), narrowing in front of the lateral epicondyle to the
    # anterolateral (Gerdy's) tubercle of the lateral tibial condyle. Drawn over the muscles as a
    # translucent sheet, the muscle beneath showing through it, with its fibres running along it.
    itb_y = [160, 200, 240, 280, 320, 360, 400, 440, 500, 560, 620, 670, 700, 724]
    itb_a = [28, 25, 21, 17, 14, 15, 17, 16, 14, 14, 17, 22, 24, 22]
    itb_p = [20, 15, 7, -7, -21, -26, -27, -26, -24, -22, -17, -8, 2, 10]
    ant = [(a, y) for a, y in zip(itb_a, itb_y)]
    post = [(p_, y) for p_, y in zip(itb_p, itb_y)]
    itb_poly = v.ps(ant + [(16, 727)] + post[::-1] + [(24, 158)])
    itb_fib = []
    for k in range(1, 10):
        t = k / 10.0
        itb_fib.append(smooth(v.ps([lerp(q, r, t) for q, r in zip(ant, post)][1:]), False))
    itb_group = group('b-iliotibial-tract-r', [path(smooth(itb_poly), ITB), path(' '.join(itb_fib), FASCIA_FIBRE)])
    trigger_point(v, 'vastus-lateralis', 1, s, (14, 470))
    trigger_point(v, 'vastus-lateralis', 2, s, (24, 622))
    referral_zone(v, 'vastus-lateralis', 1, s, [[(-34, 320), (20, 330), (30, 480), (34, 640), (10, 700), (-22, 690), (-36, 560), (-38, 420)]])
    referral_zone(v, 'vastus-lateralis', 2, s, [blob(16, 672, 28, 26, 0, 12)])

    # ---- muscles, deep to superficial ----
    # rectus femoris: straight head from the AIIS, reflected head from the groove above the acetabulum,
    # a bipennate fusiform belly down the front of the thigh, the quadriceps tendon to the patella and
    # the patellar ligament to the tibial tuberosity
    rfp = [path(ribbon(v.ps([(41, 242), (41, 255), (41, 268)]), [5 * v.scale, 5.5 * v.scale, 6.5 * v.scale]), TENDON),
           path(ribbon(v.ps([(-4, 258), (14, 260), (30, 264), (40, 270)]), [3.5 * v.scale, 3.5 * v.scale, 4 * v.scale, 5 * v.scale]), TENDON)]
    rf = Sheet(v.ps([(38, 266), (45, 265)]), v.ps([(32, 650), (44, 650)]),
               v.ps([(40, 350), (68, 340)]), v.ps([(44, 560), (66, 560)]))
    rfp += [path(rf.outline(), MUSCLE['sup']), path(rf.region(0, 1, 0.86, 1.0), TENDON)]
    fib = []
    for k in range(1, 26):
        u = 0.1 + 0.74 * k / 26.0
        c = rf.point(0.5, u)
        for t in (0.0, 1.0):
            e = rf.point(t * 0.94 + 0.03, u - 0.05)
            fib.append('M%s L%s' % (P(e), P(c)))
    rfp.append(path(' '.join(fib), FIBRE))
    rfp.append(path(smooth([rf.point(0.5, u / 10.0) for u in range(1, 10)], False), 'fill="none" stroke="#efe4d0" stroke-width="2"'))
    # the patellar ligament: a flat band seen edge-on, ~6 mm thick, from the apex of the patella down and a
    # little forward to the tibial tuberosity, its lower part lying on the front of the tibia, its front
    # fibres turning back onto the tuberosity where it ends; behind its upper part the fat pad (above)
    lig = LAT_PATELLAR_LIGAMENT
    rfp.append(path(smooth(v.ps(lig)), TENDON))
    rfp.append(path(smooth(v.ps([lerp(LAT_PATELLAR_LIGAMENT[0], LAT_PATELLAR_LIGAMENT[-1], 0.5), (37.5, 720), (38.5, 738)]), False),
                    TENDON_FIBRE))
    # sartorius: from the ASIS down and forward across the front of the thigh, in front of rectus femoris,
    # turning medially behind it (out of sight from the side) on its way to the medial side of the knee
    # (its front border the front of the upper thigh, its lower part passing behind the front border of
    # rectus femoris, which is drawn over it, not cut off in front of it)
    sa = Sheet(v.ps([(45, 217), (51, 210)]), v.ps([(52, 420), (58, 414)]),
               v.ps([(39, 252), (60, 262)]), v.ps([(55, 336), (76, 346)]))
    v.add('muscles', group('m-sartorius-r', muscle_parts(sa, 'sup', 4, tendon=(0.0, 0.06))))
    v.add('muscles', group('m-rectus-femoris-r', rfp))
    # gluteus minimus: a fan from the outer surface of the ilium between the anterior and inferior gluteal
    # lines (Gray's, Moore), in front up to the ilium's anterior border below the crest, converging on the
    # anterolateral ridge of the greater trochanter; its front edge shows in front of gluteus medius, under
    # tensor fasciae latae and the tract, the rest of the fan lies under gluteus medius
    gmin = Sheet(v.ps([(40, 226), (36, 200), (28, 176), (16, 155), (2, 161), (-16, 173), (-32, 193), (-43, 216), (-50, 239)]),
                 v.ps([(15, 304), (13, 295), (8, 288), (1, 284)]),
                 v.ps([(34, 250), (20, 232), (-6, 236), (-34, 255)]),
                 v.ps([(22, 282), (12, 274), (0, 272), (-12, 274)]))
    # drawn first, whole and opaque, under gluteus medius (drawing only: the region is the fan over it, below)
    v.add('muscles', ''.join(muscle_parts(gmin, 'deep', 10, tendon=(0.92, 1.0))))
    # gluteus medius: a fan from the outer lip of the iliac crest and the ilium between the anterior and
    # posterior gluteal lines, converging on the lateral surface of the greater trochanter
    # (just below the crest, which stays bare between it and external oblique)
    gmed = Sheet(v.ps([(20, 161), (8, 151), (-6, 143), (-30, 139), (-50, 142), (-62, 148), (-70, 169), (-80, 199)]),
                 v.ps([(7, 303), (-3, 297), (-13, 291), (-22, 287)]),
                 v.ps([(26, 206), (2, 196), (-30, 196), (-66, 226)]),
                 v.ps([(14, 272), (0, 260), (-18, 258), (-34, 272)]))
    # whole: its posterior part under gluteus maximus, its anterior part under tensor fasciae latae and the
    # tract, the part between covered only by the gluteal aponeurosis
    v.add('muscles', group('m-gluteus-medius-r', muscle_parts(gmed, 'mid', 18, tendon=(0.9, 1.0))))
    # the gluteal aponeurosis: the dense fascia lata over the exposed part of gluteus medius, from the outer
    # lip of the iliac crest down between the upper border of gluteus maximus (which it splits to enclose)
    # and the tract and tensor fasciae latae (into which it runs on), gluteus medius arising partly from its
    # deep surface. A thin translucent sheet with fine fibres running down and forward towards the tract;
    # drawing only (it has no card), so that a click through it finds gluteus medius
    ga = v.ps([(24, 164), (20, 161.5), (8, 151.5), (-6, 143.5), (-30, 139.5), (-50, 142.5), (-66, 148), (-70, 170), (-62, 210),
               (-44, 250), (-24, 282), (-8, 290), (2, 276), (10, 246), (16, 216), (20, 190)])
    v.add('muscles', path(smooth(ga), FASCIA.replace('0.62', '0.26')) +
          path(lines_d(hatch([sample(ga, True, 8)], 7, 64)), FASCIA_FIBRE.replace('0.85', '0.6')))
    # gluteus minimus seen through gluteus medius and the aponeurosis (dashed, faintly tinted, as the medial
    # view shows what lies beyond its cut spine): the region is the whole fan, so that its attachments and
    # highlight show as a fan; but a click finds it only where it is seen itself, in front of gluteus
    # medius (its front edge), and finds gluteus medius where medius is drawn over it
    gfib = 'fill="none" stroke="#6e1f17" stroke-width="0.9" stroke-opacity="0.55" stroke-dasharray="4 4" stroke-linecap="round"'
    clear_of(v, 'clear-of-gluteus-medius', [gmed.outline()])
    v.add('muscles', group('m-gluteus-minimus-r', seen_only([path(gmin.outline(), SEEN_SHEET),
                                                             path(gmin.fibres(6, 0.1, 0.9, 0.1, 0.85), gfib)])
                           + [hit_where_clear(gmin.outline(), 'clear-of-gluteus-medius')]))
    # the tract over the thigh muscles and the front of gluteus medius, under tensor fasciae latae and
    # gluteus maximus that end in it, so that a click on it finds the tract and not the muscle beneath
    v.add('muscles', itb_group)
    # tensor fasciae latae: from the ASIS and the front of the outer lip of the crest back towards the
    # tubercle, down and a little back; fusiform, narrow at its origin and broader as it descends, it ends
    # between the layers of the iliotibial tract at about the junction of the upper and middle thirds of
    # the thigh, its front fibres the longest
    tfl = Sheet(v.ps([(44, 208), (42, 196), (37, 180), (30, 166)]), v.ps([(24, 428), (0, 412)]),
                v.ps([(33, 262), (33, 246)]), v.ps([(40, 350), (6, 330)]))
    v.add('muscles', group('m-tensor-fasciae-latae-r', muscle_parts(tfl, 'sup', 8)))
    # gluteus maximus: the thick quadrilateral of the buttock; its origin (posterior ilium, sacrum, coccyx,
    # sacrotuberous ligament) lies deep behind it, so seen from the side its posterior border is the
    # contour of the buttock; coarse bundles run down and forward into the iliotibial tract and the
    # gluteal tuberosity
    # its upper border starts on the crest where the posterior gluteal line leaves it, so that the ilium
    # behind the line (and the crest back to the PSIS) lies under the muscle, with no bare bone between
    # it and gluteus medius
    gmax = Sheet(v.ps([(-64, 146, 'c'), (-84, 155), (-101, 172), (-115, 198), (-124, 234), (-127, 276), (-122, 318),
                       (-110, 350, 'c')]),
                 v.ps([(-3, 290), (-1, 330), (-5, 368), (-13, 400), (-19, 426)]),
                 v.ps([(-47, 193), (-80, 240), (-100, 300), (-80, 386)]),
                 v.ps([(-25, 244), (-42, 294), (-58, 346), (-46, 418)]))
    # whole, over the posterior part of gluteus medius: a broad thick sheet from the contour of the buttock
    # forward to the tract over the greater trochanter (its upper, larger part) and the gluteal tuberosity
    # (its lower, deep part); the upper border runs from the posterior iliac crest down and forward to the
    # trochanter, the lower border crosses the gluteal fold obliquely. Coarse bundles in parallel.
    gp = muscle_parts(gmax, 'sup', 30, tendon=(0.955, 1.0))
    bundles = 'fill="none" stroke="#6e1f17" stroke-width="1.5" stroke-opacity="0.8" stroke-linecap="round"'
    gp.append(path(gmax.fibres(11, 0.0, 1.0, 0.02, 0.94), bundles))
    v.add('muscles', group('m-gluteus-maximus-r', gp))
    # internal oblique, the floor of the lumbar (inferior, Petit's) triangle between latissimus, external
    # oblique and the crest: from the intermediate line of the iliac crest (and the thoracolumbar fascia)
    # its posterior fibres ascend, a little forward, to the lower borders of ribs 10-12 (Gray's; Moore).
    # Drawn under latissimus and external oblique, which leave only the triangle of it bare.
    io = Sheet(v.ps([(-57, 138.5), (-44, 135.5), (-29, 132.5)]), v.ps([(-50, 60), (-38, 58), (-24, 66)]))
    v.add('muscles', group('m-internal-oblique-r', muscle_parts(io, 'deep', 8)))
    # latissimus dorsi, its lowest part: from the posterior third of the outer lip of the iliac crest its
    # anterior (lateral) border runs up, free, and then forward across the lower ribs towards the axilla,
    # and its lowest fleshy slips arise from the outer surfaces of ribs 10-12, interdigitating with
    # external oblique's (Gray's; Moore). Drawn under external oblique: it fills the notches between that
    # muscle's slips of ribs 9-12 and the flank behind its free posterior border down to the crest,
    # leaving the lumbar triangle between its border, external oblique's and the crest. It is cut across
    # just above its costal slips (the rest of the sheet would cover the ribs on its way to the axilla)
    # and behind, in front of the lumbar spinous processes, where its aponeurosis (the posterior layer of
    # the thoracolumbar fascia) begins.
    qa = [eo_qa(c) for _, c in EO_SLIPS_LAT]
    nine = [n for n, _ in EO_SLIPS_LAT].index(9)
    cut = []
    for k in range(nine, len(qa) - 1):
        # up into the notch behind slip k, to about the level of the slips' rounded ends, then down under
        # the next slip (hidden by it)
        cut.append(eo_zy((qa[k][0] + qa[k + 1][0]) / 2.0, (qa[k][1] + qa[k + 1][1]) / 2.0 - 3) + ('c',))
        cut.append(eo_zy(qa[k + 1][0], qa[k + 1][1] + 22) + ('c',))
    cut[-1] = (-66, 50, 'c')
    crest = [(-54, 137.8, 'c'), (-60, 139.8), (-66, 143.2, 'c')]
    ld = ('M%s C%s %s %s ' % (P(v.p(crest[0])), P(v.p((-55, 105))), P(v.p((-38, 55))), P(v.p(cut[0])))
          + ' '.join('L%s' % P(v.p(q)) for q in cut[1:])
          + ' L%s L%s L%s Z' % (P(v.p(crest[2])), P(v.p(crest[1])), P(v.p(crest[0]))))
    lat = Sheet(v.ps([crest[0][:2], crest[1], crest[2][:2]]),
                v.ps([cut[0][:2], cut[2][:2], cut[4][:2], (-66, 50)]),
                v.ps([(-55, 105), (-62, 110), (-66, 112)]), v.ps([(-38, 55), (-52, 70), (-66, 80)]))
    v.add('muscles', group('m-latissimus-dorsi-r', [path(ld, MUSCLE['mid']), path(lat.fibres(9, 0.0, 1.0, 0.03, 0.97), FIBRE)]))
    # external oblique: fleshy slips from the outer surfaces of the lower ribs, fibres down and forward,
    # its posterior border free from the 12th rib to the iliac crest; it turns into its aponeurosis along a
    # line from the 9th costal cartilage down to the ASIS; the aponeurosis reaches the linea alba, and its
    # rolled lower border is the inguinal ligament (ASIS to pubic tubercle)
    eo_O, eo_I = eo_origin_lat()
    eo = Sheet(v.ps(eo_O), v.ps(eo_I), None, None)
    apo = [(80, -66), (77, -38), (84, 10), (88, 60), (86, 110), (78, 158), (64, 194), (48, 211), (50.5, 240), (50, 262),
           (47, 283), (53, 289), (72, 280), (96, 240), (110, 180), (114, 110), (110, 30), (104, -20), (97, -66)]
    apo_poly = v.ps(apo)
    eop = [path(smooth(apo_poly), TENDON), path(lines_d(hatch([sample(apo_poly, True, 8)], 8, 58)), TENDON_FIBRE)]
    eop += muscle_parts(eo, 'sup', 20)
    # the broad front part, from the slips of ribs 5-8 above the view (the top edge and front border, the
    # first three of the origin's segments), holds as many fibres again as its share of the origin gives it
    eop.append(path(eo.fibres(6, 0.0, 3.0 / (len(eo_O) - 1), 0.02, 0.98), FIBRE))
    # the clefts between the slips, running on down the muscle along its fibres
    eop.append(path(' '.join(smooth(v.ps([n, (n[0] + 9, n[1] + 22), (n[0] + 17, n[1] + 44)]), False) for n in [sl[0] for sl in eo_slips_lat()]),
                    'fill="none" stroke="#6e1f17" stroke-width="1.4" stroke-linecap="round"'))
    v.add('muscles', group('m-external-oblique-r', eop))
    # the inguinal ligament, the rolled lower border of the aponeurosis, drawn over it (in the muscles layer,
    # like the iliotibial tract, so that a click on it finds the ligament and not the muscle)
    v.add('muscles', group('b-inguinal-ligament-r', [path(ribbon(v.ps(ing), 4 * v.scale), LIGAMENT)]))

    trigger_point(v, 'gluteus-medius', 3, s, (12, 178))
    trigger_point(v, 'gluteus-minimus', 1, s, (24, 240))
    trigger_point(v, 'tensor-fasciae-latae', 1, s, (26, 276))
    trigger_point(v, 'external-oblique', 1, s, (10, 118))
    trigger_point(v, 'rectus-femoris', 1, s, (52, 296))
    referral_zone(v, 'gluteus-medius', 3, s, [[(30, 150), (-10, 126), (-60, 128), (-100, 150), (-120, 200), (-118, 262),
                                               (-100, 272), (-96, 212), (-82, 170), (-50, 150), (-10, 148), (24, 168)]])
    referral_zone(v, 'gluteus-minimus', 1, s, [[(-14, 300), (20, 300), (28, 400), (26, 520), (22, 640), (24, 762),
                                                (-12, 762), (-16, 640), (-22, 520), (-24, 400)]])
    referral_zone(v, 'tensor-fasciae-latae', 1, s, [blob(-4, 296, 30, 26, 0, 12),
                                                    [(6, 300), (44, 290), (62, 380), (58, 500), (48, 620), (28, 630),
                                                     (20, 500), (8, 380)]])
    referral_zone(v, 'external-oblique', 1, s, [[(60, 140), (104, 130), (112, 200), (96, 250), (70, 290), (50, 270),
                                                 (58, 220), (52, 180)]])
    referral_zone(v, 'rectus-femoris', 1, s, [[(40, 530), (72, 540), (70, 620), (62, 700), (40, 712), (20, 700),
                                               (18, 650), (30, 600)]])
    R = -1
    v.label('External oblique', (-4, 104), R, 'L')
    v.label('External oblique aponeurosis', (98, 60), R, 'R')
    v.label('Intercostal muscles', (11, -34), R, 'R')
    # the linea alba is seen edge-on at the front of the abdomen, in front of the external oblique's
    # aponeurosis that reaches it: the label points at its bare front edge
    v.label('Linea alba', (114, 150), R, 'R')
    v.label('Iliac crest', (-46, 137), R, 'L')
    v.label('Latissimus dorsi (cut)', (-61, 122), R, 'L')
    v.label('ASIS', (45.6, 211.2), R, 'R')
    v.label('AIIS', (42, 236), R, 'R')
    v.label('Inguinal ligament', (50.2, 262), R, 'R')
    # the pubic tubercle lies under the skin, the inguinal ligament attached to it
    bare_spot(v, SK.PUBIC_TUBERCLE_SAG, 3.2)
    v.label('Pubic tubercle', SK.PUBIC_TUBERCLE_SAG, R, 'R')
    v.label('Tensor fasciae latae', (22, 318), R, 'R')
    v.label('Rectus femoris', (56, 440), R, 'R')
    v.label('Sartorius', (62, 330), R, 'R')
    v.label('Patella', (42, 672), R, 'R')
    v.label('Patellar ligament', (38, 722), R, 'R')
    v.label('Tibial tuberosity', (34, 750), R, 'R')
    v.label('Iliotibial tract', (-4, 540), R, 'L')
    v.label('Vastus lateralis', (24, 540), R, 'R')
    v.label('Biceps femoris', (-52, 560), R, 'L')
    v.label('Lateral tibial condyle', (-8, 724), R, 'L')
    v.label('Gluteus medius', (-30, 170), R, 'L')
    v.label('Gluteus minimus', (25, 229), R, 'R')
    v.label('Gluteal aponeurosis', (-10, 152), R, 'L')
    v.label('Gluteus maximus', (-112, 300), R, 'L')
    v.label('12th rib', (-80, 5), R, 'L')
    v.label('Ribs 9–11', (-84, -30), R, 'L')
    v.label('Ribs 5–8', (-27.5, -37), R, 'L')
    v.label('L3 spinous process', (-83.9, 103.9), R, 'L')
    v.label('Iliocostalis lumborum', (-88, 42), R, 'L')
    v.label('Greater trochanter (covered)', (4, 314), R, 'L')
    v.label('Ischial tuberosity (covered)', (-32, 336), R, 'L')
    v.label('Gluteal tuberosity (covered)', (-17, 418), R, 'L')
    v.label('Lateral femoral condyle', (-12, 690), R, 'L')
    v.label('Fibular head', (-27, 745), R, 'L')
    v.label('Gastrocnemius', (-50, 745), R, 'L')
    return v



# ---- medial (the right half of the body seen from the midline, anterior to the viewer's left) -------

SEEN_BONE = 'fill="#ecdfc2" fill-opacity="0.6" stroke="#8c7a64" stroke-width="1.1" stroke-dasharray="4 3"'
# the lower ribs seen through the cut column: a shade deeper than the bodies they cross, their dashed
# outline darker and a little heavier than SEEN_BONE's, so that they read over the column without
# outweighing its solid outlines
SEEN_RIB = 'fill="#dcc9a2" fill-opacity="0.5" stroke="#6f5b43" stroke-width="1.4" stroke-dasharray="5 3"'
SEEN_LIG = 'fill="#e8dcc8" fill-opacity="0.7" stroke="#8a7458" stroke-width="1.2" stroke-dasharray="4 3"'
SEEN_SHEET = 'fill="#c0392b" fill-opacity="0.16" stroke="#6e1f17" stroke-width="1.2" stroke-dasharray="5 3" stroke-linejoin="round"'
SEEN_MUSCLE = 'fill="#c0392b" fill-opacity="0.5" stroke="#6e1f17" stroke-width="1.2" stroke-dasharray="5 3" stroke-linejoin="round"'
GHOST = 'fill="none" stroke="#6e1f17" stroke-width="1.3" stroke-opacity="0.75" stroke-dasharray="5 3.5" stroke-linecap="round"'


def band(v, pts, widths, depth='mid', nfib=5, style=None):
    """A strap muscle (or a part of one) along a centre line, its fibres running along it."""
    ws = [w * v.scale for w in widths]
    parts = [path(ribbon(v.ps(pts), ws), style or MUSCLE[depth])]
    fib = []
    for k in range(nfib):
        fr = -0.8 + 1.6 * (k + 0.5) / nfib
        left, right, cen = offset_line(v.ps(pts), [w * fr for w in ws])
        line = left[2:-2:2]
        fib.append(smooth(line, closed=False))
    parts.append(path(' '.join(fib), FIBRE))
    return parts


# The medial view frames less of the body than the others (T7 to the ischial tuberosity), so it has a scale
# of its own that fills the canvas; everything in it is drawn from the same landmark table.
MED_SCALE = 2.55

# The spine of the medial view, cut in the midline: each body's anterior surface at mid-height (z, mm) and
# its tilt (degrees; positive where the lower end lies further back).  The tilts give the lordosis its
# wedge-shaped discs: about 55 degrees from the top of L1 to the sacral base (Bogduk), most of it at L4-S1,
# with a sacral slope of about 40 degrees; above L1 the thoracic kyphosis.
MED_SPINE = {'T7': (-46, -8), 'T8': (-42, -9), 'T9': (-37, -11), 'T10': (-31, -13), 'T11': (-24, -16),
             'T12': (-14, -17), 'L1': (-4, -13), 'L2': (4, -8), 'L3': (8, -2), 'L4': (6, 14), 'L5': (-5, 30)}
# The sacrum and coccyx in midsagittal section, segment by segment down the pelvic surface from the
# promontory: tilt (degrees), length along the pelvic surface and depth of the body (mm).  The sacral curve
# brings the apex about 2 cm behind the ischial spine; the coccyx turns down and forward.
MED_SACRUM = [(42, 28, 30), (46, 24, 24), (40, 20, 18), (28, 17, 13), (14, 13, 10)]
MED_COCCYX = [(-4, 10, 11), (-24, 9, 9), (-42, 7.5, 7), (-58, 6, 5.5)]


# The medial view's spine, sacrum and coccyx lie this far (mm) in front of the positions of MED_SPINE, so that
# the true conjugate (promontory to the top of the symphysis) is about 12 cm and the plane of the inlet about
# 57 degrees to the horizontal; what is drawn beside the spine (the arcuate ligaments, the L1 transverse
# process, the upper psoas and quadratus lumborum, the diaphragm's crus and lumbar part) moves with it (mz).
MED_DZ = 5.0


def mz(pts):
    """Points beside the medial view's spine, moved with it."""
    return [(q[0] + MED_DZ,) + tuple(q[1:]) for q in pts]


def _axes(theta):
    t = math.radians(theta)
    return (-math.sin(t), math.cos(t)), (-math.cos(t), -math.sin(t))   # down the body, back out of it


def med_bodies():
    """{name: (AS, AI, PS, PI)}: the corners (z, y) of each cut vertebral body, anterior/posterior,
    superior/inferior, for T7-L5 and the sacral and coccygeal segments."""
    out = {}
    for name, top, bot, hw, tip, sp in SK.VERTEBRAE_ALL:
        if name not in MED_SPINE:
            continue
        zf, th = MED_SPINE[name]
        zf += MED_DZ
        a, n = _axes(th)
        depth = SK.BODY_Z_MEDIAL[name][1]
        h = bot - top
        F = (zf, (top + bot) / 2.0)
        AS, AI = add(F, mul(a, -h / 2.0)), add(F, mul(a, h / 2.0))
        out[name] = (AS, AI, add(AS, mul(n, depth)), add(AI, mul(n, depth)))
    # the L5/S1 disc, then the sacral segments chained down the pelvic surface
    a5, _ = _axes(MED_SPINE['L5'][1])
    a1, _ = _axes(MED_SACRUM[0][0])
    P = add(out['L5'][1], mul(norm(add(a5, a1)), 12))
    for k, (th, h, d) in enumerate(MED_SACRUM):
        a, n = _axes(th)
        Q = add(P, mul(a, h))
        out['S%d' % (k + 1)] = (P, Q, add(P, mul(n, d)), add(Q, mul(n, d)))
        P = Q
    P = add(P, (0.6, 1.6))       # the sacrococcygeal joint
    for k, (th, h, d) in enumerate(MED_COCCYX):
        a, n = _axes(th)
        Q = add(P, mul(a, h))
        out['Co%d' % (k + 1)] = (P, Q, add(P, mul(n, d)), add(Q, mul(n, d)))
        P = add(Q, mul(a, 1.2))
    return out


MB = med_bodies()
PROMONTORY = MB['S1'][0]
SACRAL_APEX = MB['S5'][1]
COCCYX_TIP = MB['Co4'][1]


def med_front(y):
    """z of the anterior surface of the vertebral column at height y (the medial view)."""
    pts = []
    for name in ('T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
        AS, AI, PS, PI = MB[name]
        pts += [AS, AI]
    pts.append(PROMONTORY)
    if y <= pts[0][1]:
        return pts[0][0]
    for p, q in zip(pts, pts[1:]):
        if p[1] <= y <= q[1]:
            return p[0] + (q[0] - p[0]) * (y - p[1]) / max(q[1] - p[1], 1e-6)
    return pts[-1][0]


def rounded_quad(q, r=1.6):
    """A vertebral body's outline from its four corners, the corners slightly rounded."""
    AS, AI, PS, PI = q
    pts = []
    ring = [AS, AI, PI, PS]
    for i, c in enumerate(ring):
        p, nx = ring[i - 1], ring[(i + 1) % 4]
        pts.append(lerp(c, p, r / max(dist(c, p), 1e-6)) + ('c',))
        pts.append(lerp(c, nx, r / max(dist(c, nx), 1e-6)) + ('c',))
    return pts


SPONGY = 'fill="#e7d5ae" stroke="#b59f80" stroke-width="0.8"'
CANAL = 'fill="#cbb994" stroke="#8c7a64" stroke-width="1"'
MED_SP_TIP = {'T7': -126, 'T8': -100, 'T9': -74, 'T10': -48, 'T11': -22, 'T12': 3, 'L1': 32, 'L2': 68, 'L3': 106,
              'L4': 143, 'L5': 167}


def draw_spine_medial(v):
    """The vertebral column cut in the midline and seen from the inside: the cut bodies (a shell of compact
    bone round spongy bone) and the wedge-shaped discs, the vertebral canal behind them, and the cut
    laminae and spinous processes behind the canal."""
    names = ['T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5']
    front, back, sps, lumbar_sps, peds, sp_boxes = [], [], [], [], [], []
    for name in names:
        AS, AI, PS, PI = MB[name]
        a, n = _axes(MED_SPINE[name][1])
        c = 17 if name.startswith('L') else 14        # the depth of the canal
        B0, B1 = add(PS, mul(n, c)), add(PI, mul(n, c))
        front += [PS, PI]
        back += [B0, B1]
        if name.startswith('L') or name == 'T12':
            # the lamina and the hatchet-shaped spinous process, cut in the midline: a plate running almost
            # straight back from the canal, its thick posterior border upright, lower than the body
            ty = MED_SP_TIP[name]
            hh = {'T12': 8.0, 'L5': 8.5}.get(name, 10.5)
            tipz = min(B0[0], B1[0]) - {'T12': 26, 'L5': 24}.get(name, 29)
            lt, lb = lerp(B0, B1, 0.28), add(B1, mul(a, 7))
            sp = [lt + ('c',), add(lerp(lt, (tipz, ty - hh), 0.5), (0, 2.5)), (tipz + 2.5, ty - hh - 0.5, 'c'),
                  (tipz - 0.5, ty - hh + 3), (tipz - 1.2, ty), (tipz - 0.5, ty + hh - 3), (tipz + 2.5, ty + hh + 0.5, 'c'),
                  add(lerp(lb, (tipz, ty + hh), 0.55), (0, -1)), lb + ('c',)]
            lumbar_sps.append(path(smooth(v.ps(sp)), LANDMARK))
            inner = [lerp(lt, (tipz, ty), 0.25), (tipz + 4, ty - hh + 3.5), (tipz + 3.5, ty + hh - 3.5), lerp(lb, (tipz, ty), 0.3)]
            lumbar_sps.append(path(smooth(v.ps(inner)), SPONGY))
            sp_boxes.append(((tipz, ty - hh), (tipz, ty + hh), lt, lb))
        else:
            # the long slender thoracic process, sloping steeply down over the one below, its tip level with
            # the body below
            lt, lb = lerp(B0, B1, 0.3), add(B1, mul(a, 3))
            tip = (lerp(B0, B1, 0.5)[0] - 24, MED_SP_TIP[name] + 4)
            d = norm(sub(tip, lerp(lt, lb, 0.5)))
            nn = (d[1], -d[0])
            mid = lerp(lerp(lt, lb, 0.5), tip, 0.55)
            sp = [lt + ('c',), add(mid, mul(nn, -4.2)), add(tip, mul(nn, -2.6)), add(tip, mul(d, 2.2)) + ('c',),
                  add(tip, mul(nn, 2.6)), add(mid, mul(nn, 3.6)), lb + ('c',)]
            sps.append(path(smooth(v.ps(sp)), BONE))
            sp_boxes.append((add(tip, mul(nn, -2.6)), add(tip, mul(nn, 2.6)), lt, lb))
        # the pedicle beyond the canal, and the intervertebral foramen below it
        ped = [lerp(PS, PI, 0.12), lerp(B0, B1, 0.12), lerp(B0, B1, 0.55), lerp(PS, PI, 0.62)]
        peds.append(path(smooth(v.ps(ped)), 'fill="#e6d9bd" stroke="#a8937a" stroke-width="0.9"'))
        fo = lerp(lerp(PI, B1, 0.5), lerp(MB[name][3], B1, 0.5), 0.5)
        fo = add(lerp(PI, B1, 0.45), mul(a, 4.5 if name.startswith('L') else 3.5))
        peds.append(path(smooth(v.ps(ellipse_pts(fo[0], fo[1], 5 if name.startswith('L') else 4, 3.5 if name.startswith('L') else 3,
                                                 -math.radians(MED_SPINE[name][1]), 10))), 'fill="#a8967a" stroke="#8c7a64" stroke-width="0.8"'))
    # the canal, continued into the sacral canal
    S1 = MB['S1']
    canal = front + [S1[2]] + [add(S1[2], mul(norm((-1.0, 0.35)), 13))] + back[::-1]
    v.add('bones', path(smooth(v.ps(canal)), CANAL))
    v.add('bones', ''.join(peds))
    # the ligamenta flava between the laminae, the back wall of the canal between the arches
    ligs = []
    for (t0, b0, lt0, lb0), (t1, b1, lt1, lb1) in zip(sp_boxes, sp_boxes[1:]):
        flav = [add(lb0, (1, -3)), add(lb0, (-2.5, 0)), add(lt1, (-2.5, 0)), add(lt1, (1, 2))]
        ligs.append(path(smooth(v.ps(flav)), 'fill="#e9d58a" stroke="#8a7458" stroke-width="1"'))
    v.add('bones', ''.join(ligs))
    v.add('bones', group('b-lower-thoracic-spinous-processes', sps))
    v.add('bones', ''.join(lumbar_sps[:2]))
    v.add('bones', group('b-lumbar-spinous-processes', lumbar_sps[2:]))
    discs = []
    for i, name in enumerate(names):
        AS, AI, PS, PI = MB[name]
        a, n = _axes(MED_SPINE[name][1])
        body = [path(smooth(v.ps(rounded_quad(MB[name]))), BONE)]
        k = 2.6
        inner = (add(add(AS, mul(a, k)), mul(n, k)), add(add(AI, mul(a, -k)), mul(n, k)),
                 add(add(PS, mul(a, k)), mul(n, -k)), add(add(PI, mul(a, -k)), mul(n, -k)))
        body.append(path(smooth(v.ps(rounded_quad(inner, 1.2))), SPONGY))
        tr = []
        for j in range(1, 5):
            p0 = lerp(lerp(AS, PS, j / 5.0), lerp(AI, PI, j / 5.0), 0.16)
            p1 = lerp(lerp(AS, PS, j / 5.0), lerp(AI, PI, j / 5.0), 0.84)
            tr.append('M%s L%s' % (P(v.p(p0)), P(v.p(p1))))
        body.append(path(' '.join(tr), 'fill="none" stroke="#d3c09c" stroke-width="0.9"'))
        if name in ('T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
            v.add('bones', group('b-%s-body' % name.lower(), body))
        elif name == 'T10':
            # labelled as a level (the oesophageal hiatus): the vertebra's card
            v.add('bones', group('b-t10-vertebra', body))
        else:
            v.add('bones', ''.join(body))
        # the disc below: wedge-shaped where the column curves, its nucleus a little behind the middle
        NAS, NAI, NPS, NPI = MB[names[i + 1] if i + 1 < len(names) else 'S1']
        bf = add(lerp(AI, NAS, 0.5), mul(norm(sub(AI, PI)), 1.4))
        bb = add(lerp(PI, NPS, 0.5), mul(norm(sub(PI, AI)), 0.9))
        d = [path(smooth(v.ps([AI + ('c',), bf, NAS + ('c',), NPS + ('c',), bb, PI + ('c',)])), DISC)]
        cen = lerp(lerp(AI, NAS, 0.5), lerp(PI, NPS, 0.5), 0.56)
        gap = dist(lerp(AI, PI, 0.56), lerp(NAS, NPS, 0.56))
        d.append(path(smooth(v.ps(ellipse_pts(cen[0], cen[1], 7.5, max(gap * 0.28, 1.4),
                                              math.radians(MED_SPINE[name][1] + 3), 10))),
                      'fill="#c8d2d8" stroke="#97a7ae" stroke-width="0.8"'))
        if name in ('T12', 'L1', 'L2', 'L3', 'L4', 'L5'):
            discs.append(''.join(d))
        else:
            v.add('bones', ''.join(d))
    v.add('bones', group('b-lumbar-intervertebral-discs', discs))


def draw_sacrum_medial(v):
    """The sacrum and coccyx cut in the midline: a curved wedge, thick at the base where the promontory
    juts forward, thin at the apex; the sacral canal between the fused bodies and the dorsal wall with the
    median sacral crest, open below at the sacral hiatus; the coccyx continuing the curve."""
    segs = ['S1', 'S2', 'S3', 'S4', 'S5']
    fr = [MB[s][0] for s in segs] + [MB['S5'][1]]
    bk = [MB[s][2] for s in segs] + [MB['S5'][3]]
    # the dorsal wall: the laminae fused into the median sacral crest with its spinous tubercles S1-S4,
    # behind the canal (the pedicles run back and a little down from the bodies); the hiatus below S4
    nb = norm((-1.0, 0.35))
    wall = []
    for k, s in enumerate(segs[:4]):
        PS = MB[s][2]
        c, t = [13, 11, 8, 5][k], [15, 12, 9, 6][k]
        wall.append((add(PS, mul(nb, c)), add(PS, mul(nb, c + t))))
    hiatus = MB['S5'][2]
    outline = [PROMONTORY + ('c',)] + fr[1:-1] + [add(fr[-1], (-0.5, 1.5)) + ('c',), add(bk[-1], (0.5, 1.2)) + ('c',),
                                                  hiatus + ('c',), add(wall[3][1], (1, 7)) + ('c',)]
    for k in (3, 2, 1, 0):
        c_in, c_out = wall[k]
        if k < 3:
            outline.append(add(lerp(wall[k + 1][1], c_out, 0.5), (1.5, 0)))
        outline.append(add(c_out, (-1.5, 0)))
    outline += [add(wall[0][1], (2, -4)) + ('c',), add(wall[0][0], (0, -1)) + ('c',), MB['S1'][2] + ('c',)]
    sac = [path(smooth(v.ps(outline)), BONE)]
    canal = [MB['S1'][2], MB['S2'][2], MB['S3'][2], MB['S4'][2], hiatus + ('c',), add(wall[3][0], (0, 4)) + ('c',),
             wall[3][0], wall[2][0], wall[1][0], wall[0][0]]
    sac.append(path(smooth(v.ps(canal)), CANAL))
    # the fused bodies: spongy bone inside a shell of compact bone, crossed by the ridges where the discs were
    fi = [add(MB[s][0], mul(_axes(MED_SACRUM[k][0])[1], 2.6)) for k, s in enumerate(segs)]
    fi.append(add(MB['S5'][1], (-2.2, -1.6)))
    bi = [add(MB[s][2], mul(_axes(MED_SACRUM[k][0])[1], -2.2)) for k, s in enumerate(segs)]
    bi.append(add(MB['S5'][3], (1.6, -1.8)))
    fi[0] = add(fi[0], mul(_axes(MED_SACRUM[0][0])[0], 2.4))
    bi[0] = add(bi[0], mul(_axes(MED_SACRUM[0][0])[0], 2.4))
    sac.append(path(smooth(v.ps(fi + bi[::-1])), SPONGY))
    ridges = []
    for k in range(1, 5):
        AS, AI, PS, PI = MB[segs[k]]
        ridges.append(smooth(v.ps([lerp(AS, PS, 0.06), lerp(AS, PS, 0.5), lerp(AS, PS, 0.94)]), False))
    sac.append(path(' '.join(ridges), 'fill="none" stroke="#a8937a" stroke-width="1.3"'))
    # the dorsal wall's spongy core
    sac.append(path(smooth(v.ps([lerp(w[0], w[1], 0.3) for w in wall] + [lerp(w[0], w[1], 0.7) for w in wall[::-1]])), SPONGY))
    v.add('bones', group('b-sacrum', sac))
    # the coccyx: its segments fused into one small curved bone, tapering to the tip, only faint ridges
    # where they joined (the sacrococcygeal joint above it, a thin disc)
    co = []
    S5, C1 = MB['S5'], MB['Co1']
    co.append(path(smooth(v.ps([lerp(S5[1], S5[3], 0.1), lerp(C1[0], C1[2], 0.1), lerp(C1[0], C1[2], 0.9), lerp(S5[1], S5[3], 0.9)])), DISC))
    names = ['Co1', 'Co2', 'Co3', 'Co4']
    fr = [MB[n][0] for n in names] + [MB['Co4'][1]]
    bk = [MB[n][2] for n in names] + [MB['Co4'][3]]
    tip = lerp(MB['Co4'][1], MB['Co4'][3], 0.5)
    outline = [fr[0] + ('c',)] + [lerp(MB[a][1], MB[b][0], 0.5) for a, b in zip(names, names[1:])] + \
              [add(fr[-1], (0.5, 0.2)), add(tip, (0.8, 1.0)) + ('c',), add(bk[-1], (0.2, 0.5))] + \
              [lerp(MB[a][3], MB[b][2], 0.5) for a, b in zip(names[::-1][1:], names[::-1][:-1])][::-1][::-1] + [bk[0] + ('c',)]
    co.append(path(smooth(v.ps(outline)), BONE))
    ridges = []
    for a, b in zip(names, names[1:]):
        f0, b0 = lerp(MB[a][1], MB[b][0], 0.5), lerp(MB[a][3], MB[b][2], 0.5)
        ridges.append(smooth(v.ps([lerp(f0, b0, 0.12), lerp(f0, b0, 0.5), lerp(f0, b0, 0.88)]), False))
    co.append(path(' '.join(ridges), 'fill="none" stroke="#a8937a" stroke-width="1.1"'))
    v.add('bones', group('b-coccyx', co))


def bare_spot(v, pt, r_mm, side=1):
    """Leave the bone under pt bare of the muscles drawn over it, in a round window r_mm across: a
    landmark that lies under the skin (the ASIS, the PSIS, the pubic tubercle, the rim of the iliac
    crest) between the muscles that attach round it."""
    if not hasattr(v, 'bare'):
        v.bare = []
    v.bare.append((v.p(pt, side), r_mm * v.scale))


def punch(el, c, r):
    """The element el (a path or a group of paths) with a round hole of radius r at c: a filled outline
    that holds the whole hole gets it as an even-odd subpath; fibre and other lines stop at its edge."""
    def one(m):
        attrs_before, d, attrs = m.group(1), m.group(2), m.group(3)
        filled = 'fill="none"' not in attrs
        closed = d.rstrip().endswith('Z')
        if filled and closed:
            poly = densify(flatten(d), 2.0)
            rim = [(c[0] + r * math.cos(a * math.pi / 8), c[1] + r * math.sin(a * math.pi / 8)) for a in range(16)]
            if not point_in_poly(c, poly) and all(dist(q, c) > r for q in poly):
                return m.group(0)
            if not all(point_in_poly(q, poly) for q in rim):
                # the spot crosses the edge: the stretch of the outline inside it is replaced by the arc of
                # its rim that lies inside the outline
                pts = densify(poly, 1.0)
                n = len(pts)
                k0 = next(k for k in range(n) if dist(pts[k], c) >= r)
                pts = pts[k0:] + pts[:k0]
                out, k = [], 0
                while k < n:
                    if dist(pts[k], c) >= r:
                        out.append(pts[k])
                        k += 1
                        continue
                    j = k
                    while j < n and dist(pts[j], c) < r:
                        j += 1
                    a0 = math.atan2(pts[k][1] - c[1], pts[k][0] - c[0])
                    a1 = math.atan2(pts[j % n][1] - c[1], pts[j % n][0] - c[0])
                    best = None
                    for sweep in ((a1 - a0) % (2 * math.pi), (a1 - a0) % (2 * math.pi) - 2 * math.pi):
                        mid = (c[0] + r * math.cos(a0 + sweep / 2), c[1] + r * math.sin(a0 + sweep / 2))
                        if point_in_poly(mid, poly):
                            best = sweep
                    if best is None:
                        best = (a1 - a0) % (2 * math.pi)
                    steps = max(4, int(abs(best) * r / 1.5))
                    out += [(c[0] + r * math.cos(a0 + best * t / steps), c[1] + r * math.sin(a0 + best * t / steps)) for t in range(steps + 1)]
                    k = j
                return '<path%s d="%s" %s/>' % (attrs_before, 'M' + ' L'.join(P(q) for q in out) + ' Z', attrs)
            hole = circle_d(c, r)
            attrs = attrs.replace('stroke-linejoin', 'fill-rule="evenodd" stroke-linejoin') if 'stroke-linejoin' in attrs else attrs + ' fill-rule="evenodd"'
            return '<path%s d="%s %s" %s/>' % (attrs_before, d, hole, attrs)
        if filled or all(dist(q, c) > r + 1.0 for q in flatten(d, 5)):
            return m.group(0)
        runs = []
        for sp in re.split(r'(?=M)', d.strip()):
            if not sp.strip():
                continue
            runs += runs_where(densify(flatten(sp, 5), 3.0), lambda q: dist(q, c) > r + 1.0)
        if not runs:
            return ''
        return '<path%s d="%s" %s/>' % (attrs_before, ' '.join('M' + ' L'.join(P(q) for q in x) for x in runs), attrs)
    return re.sub(r'<path((?: id="[^"]*")?) d="([^"]*)" ([^>]*?)/>', one, el)


def column_front(y):
    """z of the anterior surface of the cut column (bodies, discs, sacrum and coccyx) at height y in the
    medial view, or None below the tip of the coccyx."""
    pts = []
    names = ('T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1')
    for name, nxt in zip(names, names[1:]):
        AS, AI, PS, PI = MB[name]
        # the body, and the front of the disc below it, bulging a little
        pts += [AS, AI, add(lerp(AI, MB[nxt][0], 0.5), mul(norm(sub(AI, PI)), 1.6))]
    for name in ('S1', 'S2', 'S3', 'S4', 'S5', 'Co1', 'Co2', 'Co3', 'Co4'):
        pts += [MB[name][0], MB[name][1]]
    if y < pts[0][1]:
        return pts[0][0]
    for p, q in zip(pts, pts[1:]):
        if p[1] <= y <= q[1]:
            return p[0] + (q[0] - p[0]) * (y - p[1]) / max(q[1] - p[1], 1e-6)
    return None


def clip_front(v, parts):
    """The paths of a muscle drawn only in front of the cut column: every point of its outline that lies
    behind the column's anterior surface is moved onto it, and its fibre lines end there."""
    k = v.scale

    def front_x(Y):
        z = column_front((Y - v.y0) / k + v.frame[0])
        return None if z is None else v.x0 - k * z - 0.8

    out = []
    for part in parts:
        m = re.match(r'<path d="([^"]*)" (.*)/>$', part)
        d, style = m.group(1), m.group(2)
        closed = d.rstrip().endswith('Z')
        subs = []
        for sp in re.split(r'(?=M)', d.strip()):
            if not sp.strip():
                continue
            pts = densify(flatten(sp, 10 if closed else 5), 1.5 if closed else 6)
            if closed:
                cl = []
                for X, Y in pts:
                    fx = front_x(Y)
                    cl.append((min(X, fx), Y) if fx is not None else (X, Y))
                subs.append('M' + ' L'.join(P(q) for q in cl) + ' Z')
            else:
                subs += ['M' + ' L'.join(P(q) for q in run)
                         for run in runs_where(pts, lambda q: front_x(q[1]) is None
                                               or q[0] <= front_x(q[1]))]
        if subs:
            out.append('<path d="%s" %s/>' % (' '.join(subs), style))
    return out


def clip_behind(parts, hidden):
    """The paths of a muscle drawn only where it is not behind the shapes hidden (canvas polygons) that
    lie in front of it in the view, though drawn under it: its filled shapes lose what lies under them,
    its fibre lines end at their edges."""
    inside = lambda q: any(point_in_poly(q, h) for h in hidden)
    out = []
    for part in parts:
        m = re.match(r'<path d="([^"]*)" (.*)/>$', part)
        d, style = m.group(1), m.group(2)
        subs = []
        for sp in re.split(r'(?=M)', d.strip()):
            if not sp.strip():
                continue
            if sp.rstrip().endswith('Z'):
                pts = flatten(sp, 10)
                if any(inside(q) for q in pts):
                    subs += ['M' + ' L'.join(P(q) for q in poly) + ' Z' for poly in polygons_difference([pts], hidden)]
                else:
                    subs.append(sp.strip())
            else:
                subs += ['M' + ' L'.join(P(q) for q in run)
                         for run in runs_where(densify(flatten(sp, 5), 1.5), lambda q: not inside(q))]
        if subs:
            out.append('<path d="%s" %s/>' % (' '.join(subs), style))
    return out


def densify(pts, step):
    """The polyline pts with points added so that none lie more than step apart."""
    out = pts[:1]
    for p, q in zip(pts, pts[1:]):
        n = int(dist(p, q) / step)
        out += [lerp(p, q, k / float(n + 1)) for k in range(1, n + 1)] + [q]
    return out


def flatten(d, per=10):
    """The points of one subpath (M, L, C, A, Z commands, absolute) sampled along it."""
    toks = re.findall(r'[MLCAZ]|-?[0-9.]+(?:e-?[0-9]+)?', d)
    pts, i, cmd, cur = [], 0, None, None
    while i < len(toks):
        t = toks[i]
        if t in 'MLCAZ':
            cmd = t
            i += 1
            if t == 'Z':
                continue
        if cmd in ('M', 'L'):
            cur = (float(toks[i]), float(toks[i + 1]))
            pts.append(cur)
            i += 2
        elif cmd == 'C':
            c1 = (float(toks[i]), float(toks[i + 1]))
            c2 = (float(toks[i + 2]), float(toks[i + 3]))
            e = (float(toks[i + 4]), float(toks[i + 5]))
            pts += [bez(cur, c1, c2, e, j / float(per)) for j in range(1, per + 1)]
            cur = e
            i += 6
        elif cmd == 'A':
            e = (float(toks[i + 5]), float(toks[i + 6]))
            pts.append(e)
            cur = e
            i += 7
        else:
            i += 1
    return pts


def strap(v, back, front, depth='mid', nfib=8):
    """A muscle between two borders (mm), its fibres running along it between them."""
    n = 40
    a = sample_n(v.ps(back), n)
    b = sample_n(v.ps(front), n)
    parts = [path('M' + ' L'.join(P(q) for q in a + b[::-1]) + ' Z', MUSCLE[depth])]
    fib = []
    for j in range(nfib):
        u = (j + 0.5) / nfib
        line = [lerp(p, q, u) for p, q in zip(a, b)][1:-1]
        fib.append(smooth(line[::2], False))
    parts.append(path(' '.join(fib), FIBRE))
    return parts


def sample_n(pts, n):
    """n points evenly along a smooth open curve through pts."""
    dense = sample(pts, False, 12)
    acc = [0.0]
    for p, q in zip(dense, dense[1:]):
        acc.append(acc[-1] + dist(p, q))
    out, j = [], 0
    for k in range(n):
        t = acc[-1] * k / (n - 1.0)
        while j < len(acc) - 2 and acc[j + 1] < t:
            j += 1
        u = (t - acc[j]) / max(acc[j + 1] - acc[j], 1e-9)
        out.append(lerp(dense[j], dense[j + 1], min(max(u, 0.0), 1.0)))
    return out


DIAPHRAGM_FRONT = [(93.5, -69), (91.5, -86), (88, -102), (80, -114), (70, -121)]
DIAPHRAGM_TENDON = [(70, -121), (52, -128), (30, -131), (8, -130), (-8, -125)]
DIAPHRAGM_BACK = [(-8, -125), (-19, -114), (-25, -96), (-25, -76), (-21, -55)]
DIAPHRAGM_CRUS_Y = [-36, -16, 4, 24, 44, 62, 78, 90]
DIAPHRAGM_CRUS_W = [5.5, 6.5, 8, 8.5, 8, 6.5, 4.5, 3]


def diaphragm_medial(v):
    """The diaphragm in the medial view: a thin arched musculotendinous sheet in profile.  From the back of
    the xiphoid and the inner costal margin its sternal and costal fibres rise to the central tendon at the
    top of the dome (about T8-T9, level with the xiphisternal joint); behind, its fibres come down again
    to the right crus, which runs down the fronts of the L1-L3 bodies and discs.  Beyond the cut spine
    (seen through it, dashed) its lumbar part comes down from the back of the right dome to the medial and
    lateral arcuate ligaments and the 12th rib; the abdominal space below the sheet stays open."""
    K = v.scale
    crus = [(med_front(y) + w / 2.0 - 1.4, y) for y, w in zip(DIAPHRAGM_CRUS_Y, DIAPHRAGM_CRUS_W)]
    cen = DIAPHRAGM_FRONT + DIAPHRAGM_TENDON[1:] + mz(DIAPHRAGM_BACK[1:]) + crus
    ws = [6.5, 6.5, 6, 5.5, 4.5] + [3.4, 3.2, 3.2, 3.6] + [4.5, 5, 5.2, 5.2, 5.4] + DIAPHRAGM_CRUS_W
    parts = []
    # beyond the cut (dashed): the back of the right dome coming down to the posterior costophrenic recess,
    # its lumbar part springing from the arcuate ligaments over psoas and quadratus lumborum and from the
    # 12th rib
    lum = [(-16, -118), (-34, -118), (-52, -104), (-66, -80), (-74, -50), (-77, -20), (-78, 6), (-76, 26),
           (-70, 26), (-62, 19), (-53, 12), (-47, 9.5), (-34, 16), (-18, 23), (-4, 32), (-8, 10), (-14, -20), (-19, -60),
           (-22, -95)]
    parts += seen_only([path(smooth(v.ps(mz(lum))), SEEN_SHEET)])
    parts += seen_only([path(' '.join(smooth(v.ps(mz(ln)), False) for ln in (
        [(-30, -112), (-48, -96), (-60, -70), (-66, -30), (-64, 14)],
        [(-24, -100), (-38, -84), (-48, -56), (-52, -20), (-50, 12)],
        [(-22, -80), (-30, -60), (-34, -30), (-32, 0), (-28, 20)])), GHOST.replace('1.3', '0.9'))])
    parts.append(hit_where_clear(smooth(v.ps(mz(lum))), 'clear-of-column-and-ribs'))
    parts.append(path(ribbon(v.ps(cen), [w * K for w in ws]), MUSCLE['mid']))
    # fibres along the sheet, towards the central tendon
    fr = []
    for k in range(3):
        u = -0.55 + 0.55 * k
        left, right, c = offset_line(v.ps(DIAPHRAGM_FRONT + [(62, -124.5)]), [x * K * u for x in (6.5, 6.5, 6, 5.5, 4.5, 3.8)])
        fr.append(smooth(left[1:-1:2], False))
        back = mz(DIAPHRAGM_BACK) + crus
        bw = [3.6, 4.5, 5, 5.2, 5.2, 5.4] + DIAPHRAGM_CRUS_W
        left, right, c = offset_line(v.ps([(-2, -128)] + back[1:]), [x * K * u for x in bw])
        fr.append(smooth(left[1:-2:2], False))
    parts.append(path(' '.join(fr), FIBRE))
    # the central tendon at the top of the dome: cream aponeurosis, its fibres along it
    tws = [3.4, 3.2, 3.2, 3.4, 3.6]
    parts.append(path(ribbon(v.ps(DIAPHRAGM_TENDON), [w * K for w in tws], caps='flat'), TENDON))
    left, right, c = offset_line(v.ps(DIAPHRAGM_TENDON), [w * K * 0.25 for w in tws])
    parts.append(path(' '.join(smooth(e[2:-2:2], False) for e in (left, right)), TENDON_FIBRE))
    return parts



def med_rib(n):
    """Rib n of the medial view, the side view's (RIBS_LAT) with the heads and necks of 9 and 10 above it
    (RIB_NECKS_SAG): (z, y) points of its centre line from its head, and its widths (mm)."""
    pts, w = SK.RIBS_LAT[n]
    neck = SK.RIB_NECKS_SAG.get(n, [])
    return list(neck) + list(pts), [w[0]] * len(neck) + list(w)


def point_seg_dist(p, a, b):
    """Distance from p to the segment a-b."""
    ab = sub(b, a)
    L2 = ab[0] ** 2 + ab[1] ** 2
    t = 0.0 if L2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / L2))
    return dist(p, add(a, mul(ab, t)))


def med_rib_split(n):
    """Rib n of the medial view cut where it passes under the front of the cut column: (the part behind the
    column from the head, its widths), (the part in front of it on to the end, its widths; None for a rib
    wholly behind the column). The front part begins 2 mm behind the column's edge, under it."""
    pts, w = med_rib(n)

    def behind(q):
        return q[0] < column_front(q[1])
    if behind(pts[-1]):
        return (pts, w), None
    for i in range(len(pts) - 1, 0, -1):
        a, b = pts[i - 1], pts[i]
        if behind(a):
            lo, hi = 0.0, 1.0
            for _ in range(30):
                m = (lo + hi) / 2.0
                if behind(lerp(a, b, m)):
                    lo = m
                else:
                    hi = m
            L = dist(a, b)
            t0 = max(lo - 2.0 / L, 0.0)
            c, c0 = lerp(a, b, lo), lerp(a, b, t0)
            wc, wc0 = w[i - 1] + (w[i] - w[i - 1]) * lo, w[i - 1] + (w[i] - w[i - 1]) * t0
            return (pts[:i] + [c], w[:i] + [wc]), ([c0] + pts[i:], [wc0] + w[i:])
    return None, (pts, w)


def med_ribs(v):
    """The lower ribs on the far wall of the medial view, the side view's ribs (RIBS_LAT): each from its head
    on its own vertebra (T9-T12) back to its angle and down and forward round the flank; where they lie
    behind the cut column (their heads and necks, the 11th and 12th whole) they are seen through it, dashed;
    in front of it the 9th and 10th run on as bone from under the column's edge to their lowest points and
    their cartilages up to the costal margin."""
    K = v.scale
    groups = {}
    for n in (12, 11, 10, 9):
        back, front = med_rib_split(n)
        parts = []
        if back is not None:
            d = ribbon(v.ps(back[0]), [x * K for x in back[1]], caps='flat' if front is not None else 'round')
            parts += seen_only([path(d, SEEN_RIB)]) + [hit_where_clear(d, 'clear-of-column')]
        if front is not None:
            pts, w = front
            parts += clip_front(v, [path(ribbon(v.ps(pts), [x * K for x in w], caps='flat'), BONE)])
            parts.append(path(ribbon(v.ps(pts[-4:]), [x * K for x in w[-4:]], caps='flat'), CARTILAGE))
        groups[n] = parts
    v.add('bones', group('b-rib-12-r', groups[12]))
    v.add('bones', group('b-lower-ribs-r', groups[11] + groups[10] + groups[9]))


def build_medial():
    v = View('pelvis-medial', 'med', 590, 52, (-172, 366), 'Pelvis, inside',
             'The right half of the body seen from the midline, the viscera removed: the lumbar spine, sacrum and '
             'coccyx cut in the midline; the inner surface of the right hip bone with the iliac fossa, the arcuate '
             'line, the pubic symphysis, the ischial spine and the obturator membrane. The pelvic floor: levator '
             'ani (pubococcygeus and iliococcygeus) from the pubis, the tendinous arch and the ischial spine, and '
             'coccygeus from the ischial spine to the coccyx; obturator internus leaving through the lesser '
             'sciatic foramen and piriformis through the greater; psoas major and iliacus along the brim; above, '
             'the right dome of the diaphragm with its right crus on the L1–L3 bodies and the arcuate ligaments '
             'over psoas and quadratus lumborum.',
             scale=MED_SCALE, font_size=18)
    v.title_long = 'Medial view of the right half of the pelvis, lumbar spine and diaphragm'
    # the tips of the spinous and transverse processes point at the labels on the right, the pubis and
    # the crus at those on the left: these keep further off, so that enlarged in a small window they do
    # not touch a tip
    v.label_gap['R'] = 26
    v.label_gap['L'] = 18
    # the lower pelvis holds more labelled points than its height holds labels: its labels may run a
    # little below the figure, so that those of its deepest points (obturator internus, the tendinous
    # arch) sit beside them rather than up by the sacral promontory
    v.labels_below = 100
    K = v.scale
    s = -1
    # ---- bones, farthest first (the lower ribs, beyond the column, are drawn after it: med_ribs) ----
    # the costal cartilages of ribs 5 to 7 from the side of the sternum, running down and back (the 7th from
    # the xiphisternal joint), and the 8th joining the 7th: the front of the costal margin, down to the
    # cartilages of ribs 9 and 10
    # (the 8th cartilage is the card "Fifth to eighth ribs", which includes it)
    v.add('bones', group('b-ribs-5-8-r', [path(ribbon(v.ps([(97, -94), (95, -82), (94.5, -70), (95, -62)]), 6.5 * K, caps='flat'), CARTILAGE)]))
    cc = []
    for pts in ([(100, -152), (92, -147), (83, -140), (74, -134)], [(100, -130), (93, -122), (85, -113), (77, -106)],
                [(99, -106), (94, -96), (88, -84), (84, -72), (82, -62)]):
        cc.append(path(ribbon(v.ps(pts), 6.5 * K, caps='flat'), CARTILAGE))
    v.add('bones', group('b-costal-cartilages-5-7-r', cc))
    # the sternum's lower end and the xiphoid process, cut in the midline
    v.add('bones', path(smooth(v.ps([(96, -166, 'c'), (110, -166, 'c'), (107, -130), (103, -104, 'c'), (92, -102, 'c'), (91, -140)])), BONE))
    v.add('bones', path(smooth(v.ps([(93, -101, 'c'), (103, -102, 'c'), (101, -88), (98, -74), (95, -68, 'c'), (91, -80), (91, -92)])), LANDMARK, 'b-xiphoid-process'))
    # ---- the hip bone, inner surface (the side view's outline, HIP_SAG) ----
    cx, cy, rx, ry, rot = SK.MED_OBTURATOR_SAG
    hip_d = smooth(v.ps(SK.MED_HIP_SAG)) + ' ' + smooth(v.ps(ellipse_pts(cx, cy, rx, ry, rot, 10)))
    hb = [path(hip_d, BONE.replace('stroke-linejoin', 'fill-rule="evenodd" stroke-linejoin'))]
    # the auricular surface and iliac tuberosity behind the fossa (the sacrum covers most of them)
    hb.append(path(smooth(v.ps([(-64, 230), (-58, 214), (-62, 196), (-74, 184), (-88, 186), (-96, 204), (-92, 224), (-78, 236)])), BONE_SHADE))
    # the body of the ischium behind the obturator foramen, down to the tuberosity
    hb.append(path(smooth(v.ps([(-16, 296), (-14, 314), (-18, 332)]), False), BONE_DETAIL))
    # the lesser sciatic foramen below the ischial spine, between the lesser sciatic notch in front, the
    # sacrospinous ligament above and the sacrotuberous ligament behind: drawn before the hip bone and the
    # ligaments, a little beyond their edges so that they hide its outline, it shows as a shaded opening
    # where nothing lies over it, below the pelvic floor, where the tendon of obturator internus goes out,
    # and a click there finds it
    lsf = [(-28, 285, 'c'), (-25, 294), (-25.5, 303), (-30, 313), (-35, 324), (-37, 334, 'c'), (-51.5, 322),
           (-65.5, 308), (-72, 296, 'c'), (-60, 289.5), (-45, 287), (-30, 284.5)]
    v.add('bones', path(smooth(v.ps(lsf)), FORAMEN, 'b-lesser-sciatic-foramen-r'))
    v.add('bones', group('b-hip-bone-r', hb))
    fossa = [(42, 224), (40, 206), (34, 186), (24, 168), (8, 154), (-12, 146), (-34, 142), (-56, 148), (-72, 160),
             (-76, 176), (-70, 190)] + [(-60, 204), (-50, 210)] + SK.ARCUATE_LINE_SAG[1:] + [(36, 252)]
    v.add('bones', path(smooth(v.ps(fossa)), 'fill="#e6d7b7" fill-opacity="0.6" stroke="#a8937a" stroke-width="1" stroke-dasharray="4 3"', 'b-iliac-fossa-r'))
    v.add('bones', path(ribbon(v.ps([(x, y + (2.4 if y < 200 else 0)) for x, y in SK.CREST_SAG]), 5 * K), LANDMARK, 'b-iliac-crest-r'))
    v.add('bones', path(smooth(v.ps(ellipse_pts(47, 211, 5, 5.5, 0, 10))), LANDMARK, 'b-asis-r'))
    v.add('bones', path(smooth(v.ps(SK.ARCUATE_LINE_SAG), False), LINE_MARK.replace('#7d6549', '#6b5640')))
    v.add('bones', path(smooth(v.ps(SK.PECTEN_SAG), False), LINE_MARK, 'b-pecten-pubis-r'))
    v.add('bones', path(smooth(v.ps(ellipse_pts(28, 264, 5, 4, 0.4, 10))), LANDMARK, 'b-iliopubic-eminence-r'))
    # the body of the pubis behind the symphysis, its pelvic surface facing up and back
    pb = [(33, 281), (42, 280), (48, 285), (50, 294), (46, 305), (39, 315), (31, 322), (23, 325), (19, 318),
          (20, 304), (24, 290)]
    v.add('bones', path(smooth(v.ps(pb)), LANDMARK, 'b-pubic-body-r'))
    v.add('bones', path(ribbon(v.ps([(30, 324), (16, 329.5), (2, 333.5), (-10, 337.5), (-18, 342)]), [5.5 * K] * 5), LANDMARK, 'b-ischiopubic-ramus-r'))
    v.add('bones', path(smooth(v.ps([(-21, 346), (-30, 349), (-36, 345), (-39, 335), (-38, 323), (-31, 324), (-25, 335)])), LANDMARK, 'b-ischial-tuberosity-r'))
    sp = SK.ISCHIAL_SPINE_SAG
    v.add('bones', path(smooth(v.ps(SK.MED_GREATER_NOTCH_SAG), False), LINE_MARK.replace('3.2', '4.5'), 'b-greater-sciatic-notch-r'))
    # the obturator membrane across the foramen, the obturator canal open at its top
    mem = ellipse_pts(cx, cy, rx - 0.8, ry - 0.8, rot, 10)
    mpoly = v.ps(mem)
    v.add('bones', group('b-obturator-membrane-r', [path(smooth(mpoly), OBT_MEMBRANE),
                                                    path(lines_d(hatch([sample(mpoly, True, 6)], 7, 145)), LIG_FIBRE),
                                                    path(smooth(v.ps(ellipse_pts(cx + 4, cy - ry + 5, 3.2, 2.4, 0, 10))), HOLE)]))
    # ligaments behind the sacrum's cut face: the sacrotuberous from the back of the ilium, sacrum and coccyx
    # down and forward to the medial margin of the ischial tuberosity, and in front of it (nearer the midline)
    # the sacrospinous from the lateral border of the lower sacrum and coccyx to the ischial spine; between
    # them and the lesser sciatic notch the lesser sciatic foramen lies open
    st = [(-94, 238), (-96, 258), (-93, 278), (-86, 296), (-72, 312), (-56, 326), (-41, 338), (-35, 333), (-50, 320),
          (-64, 306), (-75, 293), (-82, 279), (-84, 258)]
    v.add('bones', group('b-sacrotuberous-ligament-r', [path(smooth(v.ps(st)), LIGAMENT),
                                                        path(' '.join(smooth(v.ps([(-91 + k * 3, 250), (-89 + k * 3, 280), (-72 + k * 2.6, 304), (-45 + k * 1.8, 330)]), False) for k in range(3)), LIG_FIBRE)]))
    ss = [(sp[0] + 1, sp[1] - 8)] + mz([(-66, 243), (-72, 240), (-78, 256), (-80, 272), (-79, 286), (-74, 293)]) + [(sp[0] + 2, sp[1] + 4)]
    v.add('bones', group('b-sacrospinous-ligament-r', [path(smooth(v.ps(ss)), LIGAMENT),
                                                       path(lines_d(hatch([sample(v.ps(ss), True, 6)], 5, 160)), LIG_FIBRE)]))
    # the ischial spine, the ligament attached to its tip
    v.add('bones', path(smooth(v.ps([(-26, 274), (sp[0] - 1, sp[1] - 1, 'c'), (sp[0] - 1, sp[1] + 2, 'c'), (-27, 293), (-24, 284)])), LANDMARK, 'b-ischial-spine-r'))
    # ---- the spine, sacrum and coccyx, cut in the midline ----
    n0 = len(v.layers['bones'])
    draw_spine_medial(v)
    draw_sacrum_medial(v)
    # what lies beyond the cut column (the lower ribs, the lumbar part of the diaphragm) is seen through it,
    # but a click on the column finds the column (or, on a part with no card, nothing)
    column = filled_shapes(v.layers['bones'][n0:])
    clear_of(v, 'clear-of-column', column)
    # the pubic symphysis: the interpubic disc cut in the midline, on the pubic body's medial face, sloping
    # down and back from the top of the symphysis in the plane of the ASIS
    sym = [(47, 286), (50, 289), (51, 296), (48, 305), (42, 314), (35, 321), (31, 323), (30, 319), (35, 311), (40, 302), (43, 294), (44, 289)]
    v.add('bones', path(smooth(v.ps(sym)), DISC, 'b-pubic-symphysis'))
    # the lower ribs on the far (right) wall, the side view's ribs; behind the cut column seen through it
    n0 = len(v.layers['bones'])
    med_ribs(v)
    # beyond the spine, seen through it (dashed): the L1 transverse process, the upper psoas and quadratus
    # lumborum, and the arcuate ligaments arching over them
    v.add('bones', path(smooth(v.ps(ellipse_pts(-50 + MED_DZ, 10, 6, 4.5, 0, 10))), SEEN_BONE, 'b-l1-transverse-process-r'))
    v.add('bones', path(' '.join([smooth(v.ps(mz([(-6, 30), (-10, 60), (-14, 100), (-16, 140)])), False),
                                  smooth(v.ps(mz([(-40, 30), (-44, 60), (-42, 100), (-36, 140)])), False)]), GHOST))
    v.add('bones', path(' '.join([smooth(v.ps(mz([(-54, 24), (-58, 70), (-62, 110), (-62, 138)])), False),
                                  smooth(v.ps(mz([(-70, 20), (-78, 70), (-84, 110), (-82, 146)])), False)]), GHOST))
    v.add('bones', path(ribbon(v.ps(mz([(-3, 34), (-18, 24), (-34, 18), (-46, 13)])), 3.4 * K), SEEN_LIG, 'b-medial-arcuate-ligament-r'))
    v.add('bones', path(ribbon(v.ps(mz([(-52, 12), (-62, 20), (-73, 30)])), 3.4 * K), SEEN_LIG, 'b-lateral-arcuate-ligament-r'))
    # the lumbar part of the diaphragm, a faint tint seen through the column, is what a click finds only
    # where none of these, drawn clearer over it, lies
    clear_of(v, 'clear-of-column-and-ribs', column + filled_shapes(v.layers['bones'][n0:]))

    # ---- muscles, deep (lateral) to superficial (medial) ----
    # Every muscle here lies lateral to the midline, beyond the cut spine, sacrum and coccyx, which are
    # nearer the viewer: each is drawn only in front of the cut column (clipped to its anterior surface),
    # so that the bodies, the promontory, the sacrum and the coccyx are never covered.
    # iliacus, from the inner lip of the crest and the iliac fossa, converging on the front of the brim
    # lateral to psoas, where it leaves the pelvis under the inguinal ligament (cut)
    il = Sheet(v.ps([(12, 154), (20, 160), (28, 169), (35, 181), (40, 196), (42, 210)]),
               v.ps([(30, 250), (33, 250), (36, 249), (39, 247), (41.5, 244)]),
               v.ps([(10, 180), (18, 188), (26, 200), (32, 214), (38, 226)]),
               v.ps([(22, 232), (27, 236), (32, 238), (36, 238), (40, 236)]))
    v.add('muscles', group('m-iliacus-r', clip_front(v, muscle_parts(il, 'deep', 12) + cut_parts(il, 0, 1, 1.0))))
    # psoas major: its upper part beyond the lumbar bodies (dashed, seen through them); in front of L4-L5
    # its belly shows beyond their anterior surface, and lower down it lies on the pelvic brim, crossing it
    # at the iliopubic eminence on its way to the lesser trochanter (cut)
    # its fibres come down beside the bodies and bend forward along the brim (those behind the column hidden)
    ps = Sheet(v.ps(mz([(0, 116), (4, 112), (7.5, 108)])), v.ps([(25, 256), (33, 251), (40, 244)]),
               v.ps([(-36, 196), (-8, 182), (18, 168)]), v.ps([(-36, 236), (-6, 226), (21, 214)]))
    pparts = muscle_parts(ps, 'mid', 11)
    pparts.append(path(smooth(v.ps([(25, 256), (33, 251), (40, 244)]), False), CUT))
    v.add('muscles', group('m-psoas-major-r', clip_front(v, pparts)))
    v.femoral_line = mz([(13, 122)]) + [(17, 140), (18.5, 162), (20.5, 184), (25, 204), (31, 221), (38, 238), (44, 252), (50, 266)]
    # obturator internus on the inner surface of the membrane and the bone round it, from just below the
    # arcuate line down to the ischiopubic ramus and from the back of the pubic body to the margin of the
    # greater sciatic notch, its fibres converging back on the lesser sciatic notch, where its tendon turns
    # out of the pelvis below the ischial spine, through the lesser sciatic foramen
    oi_O = [(-31, 240), (-22, 232), (-8, 240), (6, 250), (18, 259), (25, 268), (27, 282), (23, 292), (20, 304),
            (19, 316), (14, 326), (2, 330), (-10, 333.5), (-18, 336), (-26, 334)]
    oi_I = [(-28, 292), (-30.5, 298), (-33, 304), (-36, 310), (-39.5, 316), (-42.5, 322)]
    oi = Sheet(v.ps(oi_O), v.ps(oi_I))
    v.add('muscles', group('m-obturator-internus-r', clip_front(v, muscle_parts(oi, 'deep', 20, tendon=(0.8, 1.0)))))
    # obturator internus leaves the obturator canal open at the top of the membrane, above the tendinous arch
    bare_spot(v, (cx + 4, cy - ry + 5), 2.6)
    # piriformis, from the front of the sacrum (S2-S4) out through the greater sciatic foramen
    pf = Sheet(v.ps([(-46, 218), (-56, 227), (-64, 236), (-70, 244), (-72, 249)]),
               v.ps([(-50, 237), (-45, 243), (-40, 250), (-37, 256), (-34, 262)]),
               v.ps([(-48, 226), (-55, 235), (-58, 245), (-60, 254)]), v.ps([(-50, 233), (-48, 241), (-44, 250), (-41, 259)]))
    v.add('muscles', group('m-piriformis-r', clip_front(v, muscle_parts(pf, 'deep', 8) + cut_parts(pf, 0, 1, 1.0))))
    # coccygeus: a triangular sheet from the ischial spine, on the pelvic face of the sacrospinous ligament,
    # fanning to the lateral border of the lowest sacral segment and the coccyx; its lower edge meets
    # iliococcygeus
    cg = Sheet(v.ps([(sp[0] + 4, sp[1] - 4), (sp[0] + 2, sp[1] - 0.5), (sp[0] + 4, sp[1] + 2.5)]),
               v.ps([(-64, 248), (-72, 258), (-76, 270), (-75, 282), (-68, 294), (-59.5, 299.5)]),
               None, None)
    v.add('muscles', group('m-coccygeus-r', clip_front(v, muscle_parts(cg, 'mid', 10))))
    # levator ani, a thin sheet sloping down and back: pubococcygeus (with puborectalis) from the back of the
    # pubic body, iliococcygeus from the tendinous arch and the ischial spine, their fibres running down and
    # back to the anococcygeal body and the coccyx; its lower (medial) edge is the border of the levator
    # hiatus, from the pubis back over the perineal body to the anorectal junction
    la_O = [(24, 321), (21.5, 313), (22, 306)] + SK.TENDINOUS_ARCH_SAG[1:]
    la_I = [(-22, 321), (-30, 317), (-38, 312.5), (-46, 307.5), (-53, 303), (-59, 299.5)]
    la = Sheet(v.ps(la_O), v.ps(la_I),
               v.ps([(10, 333), (0, 322), (-14, 313), (-27, 303), (-39, 290.2)]),
               v.ps([(-6, 333), (-16, 326), (-29, 318), (-41, 309), (-49, 294.9)]))
    lap = muscle_parts(la, 'sup', 14)
    # the border between pubococcygeus (in front) and iliococcygeus
    lap.append(path(smooth([la.point(0.42, u / 8.0) for u in range(9)], False), 'fill="none" stroke="#5a1810" stroke-width="1.2" stroke-opacity="0.8"'))
    v.add('muscles', group('m-levator-ani-r', clip_front(v, lap)))
    # the tendinous arch of levator ani along the sheet's origin: a fine white line, a thickening of the
    # obturator fascia on obturator internus, from the back of the pubic body to the ischial spine
    v.add('muscles', path(ribbon(v.ps(SK.TENDINOUS_ARCH_SAG), 1.3 * K), 'fill="#f7f3ea" stroke="#9c8a70" stroke-width="0.7"', 'b-tendinous-arch-levator-ani-r'))
    # the anococcygeal body: a short fibrous band in the midline from the anorectal junction to the tip of
    # the coccyx, into which iliococcygeus inserts; the perineal body in front of the hiatus
    ac = [(-22, 322), (-31, 317.5), (-40, 312.5), (-49, 306.5), (COCCYX_TIP[0] - 0.5, COCCYX_TIP[1] + 0.5)]
    acw = [5.5 * K, 4.6 * K, 3.8 * K, 3.2 * K, 2.6 * K]
    afib = []
    for fr in (-0.3, 0.0, 0.3):
        left, right, cen = offset_line(v.ps(ac), [w * fr for w in acw])
        afib.append(smooth(left[2:-2:2], False))
    v.add('muscles', group('b-anococcygeal-body', [path(ribbon(v.ps(ac), acw, caps='flat'), 'fill="#e9dcc6" fill-opacity="0.9" stroke="#9c8a70" stroke-width="0.9" stroke-linejoin="round"'),
                                                    path(' '.join(afib), TENDON_FIBRE)]))
    v.add('muscles', path(smooth(v.ps(ellipse_pts(8, 334.5, 6, 4.5, 0, 10))), TENDON, 'b-perineal-body'))
    v.add('muscles', group('m-diaphragm-r', diaphragm_medial(v)))

    trigger_point(v, 'levator-ani', 1, s, (-28, 306))
    trigger_point(v, 'coccygeus', 1, s, (-50, 279))
    trigger_point(v, 'diaphragm', 1, s, (88, -100))
    referral_zone(v, 'levator-ani', 1, s, [[(-66, 262), (-86, 270), (-92, 292), (-78, 312), (-52, 328), (-22, 340), (2, 344),
                                            (4, 334), (-20, 328), (-46, 316), (-64, 302), (-72, 284)]])
    referral_zone(v, 'coccygeus', 1, s, [[(-62, 236), (-90, 226), (-104, 250), (-100, 286), (-84, 302), (-70, 298), (-80, 276), (-78, 254)]])
    referral_zone(v, 'diaphragm', 1, s, [[(100, -110), (108, -60), (100, -20), (84, 10), (62, 20), (70, -10), (86, -44), (88, -90)]])

    R = -1
    v.label('Diaphragm (right dome)', (80, -115), R, 'L')
    v.label('Central tendon', (30, -131), R, 'L')
    v.label('Xiphoid process', (98, -84), R, 'L')
    v.label('Costal cartilages 5–7', (87, -143.5), R, 'L')
    v.label('Costal margin', (88, -30), R, 'L')
    v.label('Right crus of the diaphragm', (med_front(40) + 3, 40), R, 'L')
    v.label('Iliac crest', (42, 190.6), R, 'L')
    v.label('Iliacus', (36, 215), R, 'L', below=205)
    v.label('Psoas major', (20, 232), R, 'L')
    v.label('ASIS', (47, 211), R, 'L')
    v.label('Iliopubic eminence', (28, 266), R, 'L')
    v.label('Pecten pubis', (40, 275), R, 'L')
    v.label('Pubic symphysis', (45, 304), R, 'L')
    v.label('Pubic body', (38, 300), R, 'L')
    v.label('Perineal body', (8, 336), R, 'L')
    v.label('Ischiopubic ramus', (-2, 336.5), R, 'L')
    v.label('Levator ani: pubococcygeus', (8, 316), R, 'L')
    v.label('Tendinous arch of levator ani', (8, 304), R, 'L')
    v.label('Obturator internus', (2, 270), R, 'L')
    v.label('T10 vertebra', lerp(MB['T10'][0], MB['T10'][3], 0.5), R, 'R')
    # on the back of the dome beyond the column, in front of the bodies: behind them the column is in front
    # of it, and where it is seen through the column a click finds the column
    v.label('Diaphragm, lumbar part (behind)', mz([(-30.5, -86)])[0], R, 'R')
    # its tip, beyond the spinous processes (where it crosses them, seen through, a click finds them)
    v.label('12th rib', mz([(-70, 45.5)])[0], R, 'R')
    v.label('Medial arcuate ligament', mz([(-20, 24)])[0], R, 'R')
    v.label('Lateral arcuate ligament', mz([(-62, 20)])[0], R, 'R')
    v.label('L1 transverse process', mz([(-49.0, 12.7)])[0], R, 'R')
    v.label('L3 body', lerp(MB['L3'][0], MB['L3'][3], 0.5), R, 'R')
    v.label('Quadratus lumborum (behind)', mz([(-74, 90)])[0], R, 'R')
    v.label('Psoas major (behind)', mz([(-38, 120)])[0], R, 'R')
    v.label('L5–S1 disc', lerp(MB['L5'][1], MB['S1'][2], 0.5), R, 'R')
    v.label('Sacral promontory', PROMONTORY, R, 'L')
    # behind psoas major, which lies on the brim further forward
    v.label('Arcuate line', (-16, 232.2), R, 'R')
    v.label('Sacrum (S2)', lerp(MB['S2'][0], MB['S2'][3], 0.5), R, 'R')
    v.label('Greater sciatic notch', (-31, 257), R, 'R')
    # the tip of the ischial spine shows between the origins of coccygeus and levator ani
    bare_spot(v, (-31, 283), 2.4)
    v.label('Ischial spine', (-31.5, 283), R, 'R')
    v.label('Coccygeus', (-56, 280), R, 'R')
    v.label('Piriformis', (-54, 240), R, 'R')
    v.label('Sacrospinous ligament', (-48, 259.6), R, 'R')
    v.label('Coccyx', lerp(MB['Co2'][0], MB['Co2'][3], 0.5), R, 'R')
    v.label('Levator ani: iliococcygeus', (-22, 302), R, 'R')
    v.label('Anococcygeal body', (-40, 312.5), R, 'R')
    v.label('Lesser sciatic foramen', (-44, 320.5), R, 'R')
    v.label('Sacrotuberous ligament', (-66, 306), R, 'R')
    v.label('Ischial tuberosity', (-33, 343), R, 'R')
    v.label('Obturator membrane (covered)', (12, 318), R, 'L')
    return v



# ---- nerves: danger zones (a layer hidden until the user shows it) ---------------------------------

NERVE = 'fill="#f4d03f" stroke="#7d6608" stroke-width="1.3" stroke-linejoin="round"'
NERVE_ZONE = 'fill="#f9e79f" fill-opacity="0.6" stroke="#b7950b" stroke-width="1.8" stroke-dasharray="7 4"'
NERVE_FIBRE = 'fill="none" stroke="#b7950b" stroke-width="0.8" stroke-opacity="0.8"'
NERVE_DEEP = 'fill="#f4d03f" fill-opacity="0.5" stroke="#7d6608" stroke-width="1.3" stroke-dasharray="5 3" stroke-linejoin="round"'

# (x, y) mm on the subject's left, coronal views.  After Moore and Gray's: the sciatic nerve leaves the
# greater sciatic foramen below piriformis, lateral to the ischial spine, runs down between the ischial
# tuberosity and the greater trochanter over the short rotators and down the middle of the back of the thigh
# on adductor magnus to the apex of the popliteal fossa; the superior cluneal nerves (L1-L3) cross the
# iliac crest about 7-8 cm from the midline; the middle cluneal nerves (S1-S3) run laterally from the
# posterior sacral foramina through the long dorsal sacroiliac ligament; the lateral femoral cutaneous
# nerve crosses iliacus and passes under the inguinal ligament 1-2 cm medial to the ASIS; the femoral nerve
# runs in the groove between psoas and iliacus, under the inguinal ligament lateral to the femoral artery
# (the mid-inguinal point) and divides in the femoral triangle.
SCIATIC_C = [(57, 268), (68, 284), (84, 304), (94, 324), (96, 348), (93, 400), (88, 470), (80, 540), (73, 610), (68, 650)]
SCIATIC_W = [15, 15, 14, 13, 12, 11, 11, 10, 10, 9]
SUP_CLUNEAL_C = [[(64, 112), (70, 140), (78, 170), (86, 196)], [(74, 114), (81, 139), (92, 168), (104, 192)],
                 [(84, 118), (92, 137), (106, 162), (120, 184)]]
MID_CLUNEAL_C = [[(20, 202), (34, 207), (48, 212), (60, 216)], [(18, 221), (32, 226), (46, 232), (58, 238)],
                 [(15, 239), (28, 245), (40, 252), (52, 260)]]
LFCN_C = [(62, 166), (84, 180), (102, 198), (111, 214), (114, 232), (119, 260), (125, 292), (131, 330)]
FEMORAL_C = [(50, 190), (58, 212), (67, 236), (75, 256), (78, 270)]
FEMORAL_BRANCHES = [[(78, 270), (70, 298), (64, 330)], [(78, 270), (82, 300), (86, 334)], [(78, 270), (94, 290), (108, 306)],
                    [(78, 270), (66, 286), (54, 298)]]
FEMORAL_TRIANGLE = [(116, 222, 'c'), (72, 252), (30, 286, 'c'), (44, 318), (62, 350), (72, 372, 'c'), (86, 332), (104, 276)]


def nerve_parts(v, side, lines, width, zones=(), zone_width=None, deep=()):
    """A nerve danger zone: a pale dashed zone (the place where pressure is risky) round the nerve,
    and the nerve itself, yellow, along its course; the stretches in deep, under a muscle, dashed."""
    parts = []
    for z in zones:
        parts.append(path(smooth(v.ps(z, side)), NERVE_ZONE))
    if zone_width:
        for pts in lines:
            parts.append(path(ribbon(v.ps(pts, side), zone_width * v.scale), NERVE_ZONE))
    for pts in lines:
        w = width if isinstance(width, (int, float)) else width
        ws = [x * v.scale for x in w] if isinstance(w, list) else w * v.scale
        parts.append(path(ribbon(v.ps(pts, side), ws), NERVE))
        parts.append(path(smooth(v.ps(pts, side), False), NERVE_FIBRE))
    for pts in deep:
        parts.append(path(ribbon(v.ps(pts, side), width * v.scale), NERVE_DEEP))
    return parts


# The side and inner views.  Lateral (z, y), after the same sources: the superior cluneal nerves come
# over the posterior iliac crest (about 7-8 cm from the midline, the crest some 4-5 cm in front of the
# PSIS) and run down over the buttock; the lateral femoral cutaneous nerve enters the thigh just medial to
# and below the ASIS under the inguinal ligament and runs down the front of the outer thigh; the sciatic
# nerve leaves the greater sciatic foramen below piriformis and runs down under gluteus maximus midway
# between the ischial tuberosity and the greater trochanter, then down the back of the thigh.
SUP_CLUNEAL_LAT = [[(-79, 122), (-77, 132), (-74, 146), (-72, 170), (-68, 196)],
                   [(-67, 120), (-65, 128), (-62, 140), (-57, 166), (-50, 192)],
                   [(-55, 118), (-53, 125), (-50, 136), (-43, 162), (-33, 188)]]
LFCN_LAT = [(47, 206), (50, 218), (50, 236), (47, 262), (42, 300), (36, 345), (31, 390)]
SCIATIC_LAT_DEEP = [(-63, 258), (-56, 276), (-45, 298), (-37, 322), (-35, 350), (-35, 380), (-36, 412)]
SCIATIC_LAT = [(-36, 410), (-35, 450), (-33, 500), (-31, 560), (-29, 620), (-28, 660)]
# Medial (z, y): the lumbosacral trunk (L4-L5) comes down from behind psoas over the sacral ala, the S1-S3
# anterior rami leave the anterior sacral foramina, and they join on piriformis into the sciatic nerve,
# which leaves through the greater sciatic foramen below piriformis, just above the ischial spine.
LS_TRUNK_MED = mz([(-21, 194), (-27, 202), (-33, 211), (-40, 230), (-43, 246), (-43, 258), (-42, 267)])
SACRAL_RAMI_MED = [mz(x) for x in [[(-34, 206), (-41, 228), (-44, 252)], [(-50, 222), (-51, 240), (-46, 258)],
                   [(-64, 238), (-57, 252), (-46, 264)]]]


def femoral_medial(v):
    """The femoral nerve in the medial view: in the groove between psoas and iliacus, along the front
    (iliacus) edge of psoas as it shows beyond the cut spine, under the inguinal ligament."""
    return v.femoral_line


def add_nerves(v):
    for s in v.sides:
        sf = sfx(s, v)
        if v.id in ('posterior-superficial', 'posterior-deep'):
            v.add('nerves', group('b-sciatic-nerve' + sf, nerve_parts(
                v, s, [SCIATIC_C], SCIATIC_W, zones=[blob(94, 318, 20, 34, 0.25, 12)], zone_width=26)))
        if v.id == 'posterior-superficial':
            v.add('nerves', group('b-superior-cluneal-nerves' + sf, nerve_parts(
                v, s, SUP_CLUNEAL_C, 3.2, zones=[blob(84, 141, 26, 14, -0.1, 12)])))
            v.add('nerves', group('b-middle-cluneal-nerves' + sf, nerve_parts(
                v, s, MID_CLUNEAL_C, 2.8, zones=[blob(38, 229, 20, 30, 0.2, 12)])))
        if v.id == 'anterior':
            v.add('nerves', group('b-lateral-femoral-cutaneous-nerve' + sf, nerve_parts(
                v, s, [LFCN_C], 3.4, zones=[blob(113, 222, 11, 15, 0.2, 12)])))
            v.add('nerves', group('b-femoral-nerve' + sf, nerve_parts(
                v, s, [FEMORAL_C] + FEMORAL_BRANCHES, 4.5, zones=[FEMORAL_TRIANGLE])))
        if v.id == 'lateral':
            v.add('nerves', group('b-superior-cluneal-nerves' + sf, nerve_parts(
                v, s, SUP_CLUNEAL_LAT, 3.2, zones=[blob(-63, 140, 24, 13, 0.05, 12)])))
            v.add('nerves', group('b-lateral-femoral-cutaneous-nerve' + sf, nerve_parts(
                v, s, [LFCN_LAT], 3.4, zones=[blob(50, 222, 9, 15, 0.0, 12)])))
            v.add('nerves', group('b-sciatic-nerve' + sf, nerve_parts(
                v, s, [SCIATIC_LAT], 10, zones=[blob(-37, 326, 13, 24, 0.1, 12)], deep=[SCIATIC_LAT_DEEP])))
        if v.id == 'pelvis-medial':
            v.add('nerves', group('b-femoral-nerve' + sf, nerve_parts(
                v, s, [femoral_medial(v)], 4.5, zones=[blob(44, 259, 9, 7, 0.5, 12)])))
            v.add('nerves', group('b-sciatic-nerve' + sf, nerve_parts(
                v, s, [LS_TRUNK_MED] + SACRAL_RAMI_MED, 4.2, zones=[blob(-42, 262, 8, 10, 0.0, 12)])))
        if v.id == 'front-superficial':
            v.add('nerves', group('b-lateral-femoral-cutaneous-nerve' + sf, nerve_parts(
                v, s, [LFCN_C[3:]], 3.4, zones=[blob(113, 222, 11, 15, 0.2, 12)])))
            v.add('nerves', group('b-femoral-nerve' + sf, nerve_parts(
                v, s, [FEMORAL_C[3:]] + FEMORAL_BRANCHES, 4.5, zones=[FEMORAL_TRIANGLE])))

# ============================================================================================
# Output
# ============================================================================================

MUSCLE_IDS = ['psoas-major', 'psoas-minor', 'iliacus', 'quadratus-lumborum', 'gluteus-maximus', 'gluteus-medius',
              'gluteus-minimus', 'piriformis', 'tensor-fasciae-latae', 'lumbar-multifidus', 'iliocostalis-lumborum',
              'longissimus-thoracis', 'latissimus-dorsi', 'trapezius', 'rhomboid-major', 'teres-major', 'external-oblique', 'intercostals', 'serratus-posterior-inferior',
              'rectus-femoris', 'biceps-femoris', 'semitendinosus', 'semimembranosus', 'adductor-magnus',
              'adductor-longus', 'adductor-brevis', 'pectineus', 'gracilis', 'obturator-internus', 'gemellus-superior',
              'gemellus-inferior', 'quadratus-femoris', 'obturator-externus', 'sartorius', 'vastus-lateralis', 'vastus-medialis', 'vastus-intermedius',
              'rectus-abdominis', 'internal-oblique', 'transversus-abdominis', 'levator-ani', 'coccygeus', 'diaphragm',
              'gastrocnemius', 'popliteus', 'plantaris', 'soleus']
LANDMARK_IDS = ['t10-vertebra', 't12-body', 'l1-body', 'l2-body', 'l3-body', 'l4-body', 'l5-body', 't12-transverse-process',
                'l1-transverse-process', 'l2-transverse-process', 'l3-transverse-process', 'l4-transverse-process',
                'l5-transverse-process', 'lumbar-intervertebral-discs', 'lower-thoracic-spinous-processes',
                'lumbar-spinous-processes', 'lower-thoracic-transverse-processes', 'lumbar-mammillary-processes',
                'rib-12', 'lower-ribs', 'ribs-5-8', 'hip-bone', 'iliac-crest', 'iliac-fossa', 'asis', 'aiis', 'psis', 'acetabulum',
                'greater-sciatic-notch', 'ischial-tuberosity', 'pubic-tubercle', 'iliopubic-eminence',
                'anterior-gluteal-line', 'posterior-gluteal-line', 'inferior-gluteal-line', 'iliolumbar-ligament',
                'sacrotuberous-ligament', 'inguinal-ligament', 'sacrum', 'coccyx', 'thoracolumbar-fascia',
                'linea-alba', 'femur', 'greater-trochanter', 'lesser-trochanter', 'gluteal-tuberosity',
                'linea-aspera', 'iliotibial-tract', 'patella', 'tibial-tuberosity', 'patellar-ligament',
                'lateral-tibial-condyle',
                'humerus-intertubercular-sulcus', 'scapula', 'ischiopubic-ramus', 'ischial-spine', 'pubic-body', 'pubic-crest',
                'pecten-pubis', 'pubic-symphysis', 'obturator-membrane', 'sacroiliac-joint',
                'long-dorsal-sacroiliac-ligament', 'sacrospinous-ligament', 'lesser-sciatic-foramen', 'intertrochanteric-crest',
                'quadrate-tubercle', 'trochanteric-fossa', 'pectineal-line', 'adductor-tubercle', 'medial-femoral-condyle',
                'lateral-femoral-condyle', 'tibia', 'fibula',
                'fibular-head', 'medial-tibial-condyle', 'pes-anserinus', 'medial-supracondylar-line',
                'lateral-supracondylar-line', 'intertrochanteric-line', 'xiphoid-process', 'costal-cartilages-5-7',
                'rectus-sheath', 'tendinous-arch-levator-ani', 'medial-arcuate-ligament', 'lateral-arcuate-ligament',
                'anococcygeal-body', 'perineal-body', 'central-tendon', 'sciatic-nerve', 'superior-cluneal-nerves',
                'middle-cluneal-nerves', 'lateral-femoral-cutaneous-nerve', 'femoral-nerve']
MIDLINE = {'t10-vertebra', 't12-body', 'l1-body', 'l2-body', 'l3-body', 'l4-body', 'l5-body', 'lumbar-intervertebral-discs',
           'lower-thoracic-spinous-processes', 'lumbar-spinous-processes', 'sacrum', 'coccyx',
           'thoracolumbar-fascia', 'linea-alba', 'pubic-symphysis', 'xiphoid-process', 'anococcygeal-body',
           'perineal-body', 'central-tendon'}

ID_RE = re.compile(r'^(?:(m|b)-([a-z0-9]+(?:-[a-z0-9]+)*?)(-l|-r)?|(tp|rz)-([a-z0-9]+(?:-[a-z0-9]+)*?)-(\d+)(-l|-r)|'
                   r'layer-[a-z0-9-]+|labels)$')


def parse_id(rid):
    """(kind, atlas id, n, side) of a region id, or None for a group id."""
    if rid.startswith('layer-') or rid == 'labels':
        return None
    m = re.match(r'^(tp|rz)-(.+)-(\d+)-(l|r)$', rid)
    if m:
        return m.group(1), m.group(2), int(m.group(3)), m.group(4)
    m = re.match(r'^(m|b)-(.+?)(?:-(l|r))?$', rid)
    if m:
        return m.group(1), m.group(2), 0, m.group(3)
    raise ValueError('bad id ' + rid)


def region_ids(text):
    """Every id but those in the defs (the masks that seen-through parts are hit by)."""
    return re.findall(r'\bid="([^"]+)"', re.sub(r'<defs>.*?</defs>', '', text, flags=re.S))


def validate(v, text):
    ids = region_ids(text)
    assert len(ids) == len(set(ids)), 'duplicate ids in ' + v.id
    for rid in ids:
        p = parse_id(rid)
        if p is None:
            continue
        kind, aid, n, side = p
        if kind == 'm' or kind in ('tp', 'rz'):
            assert aid in MUSCLE_IDS, rid
        else:
            assert aid in LANDMARK_IDS, rid
            assert (side is None) == (aid in MIDLINE), 'sidedness of ' + rid
        if v.kind in ('lat', 'med'):
            assert side in (None, 'r'), rid
    # a mask only on a hit area, which is never drawn (display="none"; see hit_where_clear)
    for bad in ('opacity="', 'filter=', 'clip-path='):
        assert (' ' + bad) not in text, bad + ' in ' + v.id
    assert len(re.findall(' mask=', text)) == len(re.findall(' display="none" pointer-events="all" mask=', text)), \
        'mask= on a drawn element in ' + v.id
    muscles = sorted({parse_id(r)[1] for r in ids if r.startswith('m-')}, key=MUSCLE_IDS.index)
    landmarks = sorted({parse_id(r)[1] for r in ids if r.startswith('b-')}, key=LANDMARK_IDS.index)
    return muscles, landmarks


def check_relations():
    """The proportions the drawings promise, asserted on the landmark table."""
    V = {v[0]: v for v in SK.VERTEBRAE}
    for a, b in (('L1', 'L2'), ('L2', 'L3'), ('L3', 'L4'), ('L4', 'L5')):
        disc, body = V[b][1] - V[a][2], V[a][2] - V[a][1]
        assert 0.28 < disc / body < 0.42, 'disc %s/%s is not about a third of the body' % (a, b)
    assert max(V, key=lambda k: V[k][4] if k.startswith('L') else 0) == 'L3', 'L3 TP must be longest'
    top = min(SK.CREST, key=lambda q: q[1])
    assert V['L4'][1] <= top[1] <= V['L4'][2], 'crest summit not at L4'
    assert abs(LM['gt-tip'][1] - LM['hip'][1]) <= 5, 'GT tip not level with the head centre'
    assert abs(LM['pubic-tubercle'][1] - LM['gt-tip'][1]) <= 10, 'pubic tubercle not level with the GT tip'
    assert SK.SACRUM_TOP + 15 <= LM['psis'][1] <= SK.SACRUM_TOP + 35, 'PSIS not at S2'
    H, N, d = femur_geometry()
    a, b = norm(sub(H, N)), d
    ang = math.degrees(math.acos(a[0] * b[0] + a[1] * b[1]))
    assert abs(ang - 125) < 0.5, 'neck-shaft angle %.1f' % ang
    assert LM['lesser-trochanter'][1] > N[1], 'lesser trochanter must lie below the neck'
    # the lower ribs (Moore's Clinically Oriented Anatomy; Gray's): each head on its own vertebra; the 10th
    # rib falls at the flank to L3, the level of the subcostal plane (the lowest point of the costal margin,
    # the 10th costal cartilage); the tip of the 12th lies level with the L1-L2 transverse processes, the
    # 11th lower (L2-L3) and further out; the 10th rib comes within about 5 cm of the iliac crest.
    tp_y = {k: V[k][1] + 0.35 * (V[k][2] - V[k][1]) for k in ('L1', 'L2')}
    for n in (9, 10, 11, 12):
        head = SK.RIBS[n][0][0]
        assert V['T%d' % n][1] <= head[1] <= V['T%d' % n][2], 'the head of rib %d is not on T%d' % (n, n)
    low10 = max(SK.RIBS[10][0], key=lambda q: q[1])
    assert V['L3'][1] - 10 <= low10[1] <= V['L3'][2] + 10, '10th rib reaches y=%.0f, not L3' % low10[1]
    tip11, tip12 = SK.RIBS[11][0][-1], SK.RIBS[12][0][-1]
    assert tp_y['L1'] - 5 <= tip12[1] <= tp_y['L2'] + 5, '12th rib tip at y=%.0f, not at the L1-L2 TPs' % tip12[1]
    assert V['L2'][1] <= tip11[1] <= V['L3'][2] and tip11[1] > tip12[1] and tip11[0] > tip12[0], \
        '11th rib tip at %s, not lower and further out than the 12th, at L2-L3' % (tip11,)
    crest = densify_line(SK.CREST, 1.0)
    gap = min(dist(low10, q) for q in crest)
    assert 35 <= gap <= 60, '10th rib %.0f mm from the iliac crest' % gap
    # seen from the side (the lateral and medial views, which draw the same ribs: RIBS_LAT, and in the medial
    # view the heads and necks of 9 and 10 above it)
    def y_at(pts, z):
        for a, b in zip(pts, pts[1:]):
            if a[0] != b[0] and min(a[0], b[0]) <= z <= max(a[0], b[0]):
                return a[1] + (b[1] - a[1]) * (z - a[0]) / float(b[0] - a[0])
        raise ValueError(z)
    # the side view's ribs, whole from their heads (RIBS_LAT): the same levels; each head on its own
    # vertebral body; below their angles (their most posterior points) the ribs run as separate bands, the
    # lower at least 5 mm clear of the one above it (across the bands, in the view)
    R = {n: SK.RIBS_LAT[n][0] for n in SK.RIBS_LAT}
    for n in (11, 12):
        head = R[n][0]
        assert V['T%d' % n][1] <= head[1] <= V['T%d' % n][2], 'side view: the head of rib %d is not on T%d' % (n, n)
        assert SK.BODY_Z['T%d' % n][0] - SK.BODY_Z['T%d' % n][1] <= head[0] <= SK.BODY_Z['T%d' % n][0], \
            'side view: the head of rib %d is not beside the body of T%d' % (n, n)
    low10 = max(R[10], key=lambda q: q[1])
    assert V['L3'][1] - 10 <= low10[1] <= V['L3'][2] + 10, 'side view: 10th rib reaches y=%.0f, not L3' % low10[1]
    tip11, tip12 = R[11][-1], R[12][-1]
    assert tp_y['L1'] - 5 <= tip12[1] <= tp_y['L2'] + 5, 'side view: 12th rib tip at y=%.0f' % tip12[1]
    assert V['L2'][1] <= tip11[1] <= V['L3'][2] and tip11[1] > tip12[1] and tip11[0] > tip12[0], \
        'side view: 11th rib tip at %s, not below and in front of the 12th, at L2-L3' % (tip11,)
    gap = y_at(SK.CREST_SAG, 0) - (y_at(R[10][:R[10].index(low10) + 1], 0) + 4.5)
    assert 30 <= gap <= 55, 'side view: the 10th rib %.0f mm above the crest in the mid-axillary line' % gap

    # the medial view's ribs are the side view's, each from its head on its own vertebra (the medial view's
    # cut T9-T12, within 3 mm of the back of the body); behind the cut column they are seen through it
    # (dashed) back to the head, so that no rib ends on the front of a body; 9 and 10 come out from under
    # the column's edge below L1, the 11th and 12th lie wholly behind it
    for n in (9, 10, 11, 12):
        pts, w = med_rib(n)
        assert pts[-len(R[n]):] == R[n], 'medial view: rib %d is not the side view\'s' % n
        AS, AI, PS, PI = MB['T%d' % n]
        head = pts[0]
        assert PS[1] - 3 <= head[1] <= PI[1] and point_seg_dist(head, PS, PI) <= 3 and head[0] < min(AS[0], AI[0]), \
            'medial view: the head of rib %d at %s is not on the back of T%d' % (n, head, n)
        back, front = med_rib_split(n)
        assert back is not None and back[0][0] == head, 'medial view: rib %d is not seen through the column to its head' % n
        assert (front is not None) == (n in (9, 10)), 'medial view: rib %d in front of the column: %s' % (n, front)
        if front is not None:
            assert front[0][1][1] > V['L1'][1], 'medial view: rib %d leaves the column at y=%.0f, above L1' % (n, front[0][1][1])
    def shaft(n):       # from the angle down to the tip, or to the lowest point (9, 10)
        pts = R[n]
        i0 = min(range(len(pts)), key=lambda i: pts[i][0])
        i1 = len(pts) - 1 if n in (11, 12) else max(range(len(pts)), key=lambda i: pts[i][1])
        return densify_line(pts[i0:i1 + 1], 1.0), SK.RIBS_LAT[n][1][i0]
    # the ribs above the 9th (5-8) come in from above the view, each above the one below it wherever both
    # are drawn (in the view, at each z of their shafts)
    for n in (5, 6, 7, 8):
        assert R[n][0][1] < -66, 'side view: rib %d does not come in from above the view' % n
        lo, hi = shaft(n)[0], shaft(n + 1)[0]
        for z in range(int(max(lo[0][0], hi[0][0])) + 1, int(min(lo[-1][0], hi[-1][0]))):
            assert y_at(lo, z) < y_at(hi, z), 'side view: rib %d not above rib %d at z=%d' % (n, n + 1, z)
    for a, b in ((5, 6), (6, 7), (7, 8), (8, 9), (9, 10), (10, 11), (11, 12)):
        sa, wa = shaft(a)
        sb, wb = shaft(b)
        clear = min(dist(p, q) for p in sa for q in sb if p[1] >= sb[0][1] and q[1] >= sb[0][1]) - (wa + wb) / 2.0
        assert clear >= 5, 'side view: below its angle rib %d comes within %.1f mm of rib %d' % (b, clear, a)
    # external oblique's digitations in the side view: each sits on its rib, and is a short broad slip, not
    # a spike: at least half as broad across the fibres as it is long from its end to the deeper notch
    for (n, c), (front, cap, back) in zip(EO_SLIPS_LAT, eo_slips_lat()):
        on = min(dist(c, q) for q in densify_line(R[n], 0.5))
        assert on <= 1.5, 'side view: the slip of external oblique on rib %d lies %.1f mm off the rib' % (n, on)
        fq, cq = eo_qa(front), [eo_qa(p) for p in cap]
        bq = eo_qa(back) if back is not None else (cq[-1][0], fq[1])
        length = max(fq[1], bq[1]) - min(p[1] for p in cq)
        assert (bq[0] - fq[0]) / length >= 0.5, \
            'side view: the slip of external oblique on rib %d is a spike, %.0f mm broad and %.0f mm long' % (n, bq[0] - fq[0], length)
    # the medial view: the plane of the inlet 53-60 degrees to the horizontal, the true conjugate 11-12.5 cm
    top = SK.SYMPHYSIS_TOP_SAG
    inlet = math.degrees(math.atan2(top[1] - PROMONTORY[1], top[0] - PROMONTORY[0]))
    assert 53 <= inlet <= 60, 'inlet plane at %.1f degrees' % inlet
    assert 110 <= dist(PROMONTORY, top) <= 125, 'true conjugate %.0f mm' % dist(PROMONTORY, top)
    # the hip bone from the side (the side view's outline and the medial view's, the same bone): the front
    # of the pubis in the coronal plane of the ASIS, the ischial spine 2-3.5 cm behind the acetabulum
    for view, outline in (('lateral', SK.HIP_SAG), ('pelvis-medial', SK.MED_HIP_SAG)):
        asis = outline[0]
        pubis = max(q[0] for q in outline if 270 <= q[1] <= 300 and q[0] > 0)
        assert abs(pubis - asis[0]) <= 4, '%s: the pubis %.0f mm in front of the ASIS' % (view, pubis - asis[0])
        spine = min(q[0] for q in outline if 265 <= q[1] <= 300 and q[0] < 0)
        back = SK.ACETABULUM_SAG[0] - spine
        assert 20 <= back <= 35, '%s: ischial spine %.0f mm behind the acetabulum' % (view, back)
    for name in ('pubic-tubercle', 'ischial-spine'):
        q = SK.PUBIC_TUBERCLE_SAG if name == 'pubic-tubercle' else SK.ISCHIAL_SPINE_SAG
        assert abs(LM[name][2] - q[0]) <= 2, '%s: the landmark table and the outline disagree' % name
    # the ASIS, the pubic tubercle and the front of the symphysis in one coronal plane (Moore)
    asis = SK.MED_HIP_SAG[0]
    assert abs(asis[0] - SK.PUBIC_TUBERCLE_SAG[0]) <= 4, 'pubic tubercle %.0f mm in front of the ASIS' % (SK.PUBIC_TUBERCLE_SAG[0] - asis[0])
    assert abs(asis[0] - top[0]) <= 4, 'symphysis %.0f mm in front of the ASIS' % (top[0] - asis[0])
    # the ischial spine 2-3.5 cm behind the centre of the acetabulum, about level with the sacral apex and
    # the tip of the coccyx
    back = SK.ACETABULUM_SAG[0] - SK.ISCHIAL_SPINE_SAG[0]
    assert 20 <= back <= 35, 'ischial spine %.0f mm behind the acetabulum' % back
    assert SACRAL_APEX[1] - 5 <= SK.ISCHIAL_SPINE_SAG[1] <= COCCYX_TIP[1] + 5, 'ischial spine not level with the sacral apex and coccyx'


def densify_line(pts, step):
    """Points along the polyline pts no more than step apart."""
    out = []
    for a, b in zip(pts, pts[1:]):
        n = max(1, int(math.ceil(dist(a, b) / step)))
        out += [lerp(a, b, k / float(n)) for k in range(n)]
    return out + [pts[-1]]


def check_leaders(v):
    """No two leader lines of a view cross: a reader following one would reach the other's point."""
    pairs = crossing_leaders([l for _, l in v.leaders])
    assert not pairs, '%s: leader lines cross: %s' % (v.id, '; '.join(
        '%s x %s' % (v.leaders[i][0], v.leaders[j][0]) for i, j in pairs))


def main(argv):
    check_relations()
    out = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'resources', 'diagrams')
    views = [build_anterior(), build_posterior_superficial(), build_posterior_deep(), build_lateral(),
             build_front_superficial(), build_medial()]
    records = []
    drawn = set()
    for v in views:
        add_nerves(v)
        for rid in HIT_WHERE_SEEN:
            hit_where_seen(v, rid)
        text = svg_text(v)
        check_leaders(v)
        muscles, landmarks = validate(v, text)
        drawn.update(landmarks)
        with open(os.path.join(out, v.id + '.svg'), 'w', encoding='utf-8') as fh:
            fh.write(text)
        records.append({'id': v.id, 'title': v.title, 'description': v.description, 'file': v.id + '.svg',
                        'muscles': muscles, 'landmarks': landmarks})
    missing = [l for l in LANDMARK_IDS if l not in drawn and l not in ('humerus-intertubercular-sulcus', 'central-tendon')]
    if missing:
        print('warning: landmarks drawn in no view: ' + ', '.join(missing), file=sys.stderr)
    atlas = os.path.join(out, '..', 'atlas', 'views.json')
    with open(atlas, 'w', encoding='utf-8') as fh:
        json.dump({'views': records}, fh, indent=2, ensure_ascii=False)
        fh.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
