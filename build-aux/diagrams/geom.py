"""Geometry and SVG path helpers for the Fascia diagram generator (standard library only).

Curves are uniform Catmull-Rom splines written out as cubic beziers, so every outline the
generator emits is a smooth bezier path through points computed from the landmark table.
A point may carry a third member 'c' to make it a corner (the curve does not round it off).
"""

import math


def f(v):
    s = '%.1f' % v
    if s == '-0.0':
        s = '0.0'
    return s[:-2] if s.endswith('.0') else s


def P(p):
    return f(p[0]) + ',' + f(p[1])


def xy(p):
    return (p[0], p[1])


def lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def add(a, b):
    return (a[0] + b[0], a[1] + b[1])


def sub(a, b):
    return (a[0] - b[0], a[1] - b[1])


def mul(a, k):
    return (a[0] * k, a[1] * k)


def dist(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])


def norm(v):
    d = math.hypot(v[0], v[1]) or 1.0
    return (v[0] / d, v[1] / d)


def is_corner(p):
    return len(p) > 2 and p[2] == 'c'


def segments(pts, closed=False):
    """Bezier segments (p0, c1, c2, p1) of a uniform Catmull-Rom spline through pts."""
    n = len(pts)
    if n < 2:
        return []
    q = [xy(p) for p in pts]

    def tangent(i):
        if is_corner(pts[i]):
            return None
        if not closed and (i == 0 or i == n - 1):
            return None
        a = q[(i - 1) % n]
        b = q[(i + 1) % n]
        return ((b[0] - a[0]) / 2.0, (b[1] - a[1]) / 2.0)

    tans = [tangent(i) for i in range(n)]
    segs = []
    for i in range(n if closed else n - 1):
        j = (i + 1) % n
        p0, p1 = q[i], q[j]
        t0, t1 = tans[i], tans[j]
        c1 = add(p0, mul(t0, 1 / 3.0)) if t0 else lerp(p0, p1, 1 / 3.0)
        c2 = sub(p1, mul(t1, 1 / 3.0)) if t1 else lerp(p0, p1, 2 / 3.0)
        segs.append((p0, c1, c2, p1))
    return segs


def bez(p0, c1, c2, p1, u):
    v = 1 - u
    return (v * v * v * p0[0] + 3 * v * v * u * c1[0] + 3 * v * u * u * c2[0] + u * u * u * p1[0],
            v * v * v * p0[1] + 3 * v * v * u * c1[1] + 3 * v * u * u * c2[1] + u * u * u * p1[1])


def seg_d(segs, move=True):
    out = []
    if move and segs:
        out.append('M' + P(segs[0][0]))
    for (p0, c1, c2, p1) in segs:
        out.append('C' + P(c1) + ' ' + P(c2) + ' ' + P(p1))
    return ' '.join(out)


def smooth(pts, closed=True):
    d = seg_d(segments(pts, closed))
    return d + (' Z' if closed else '')


def curve_eval(pts, t):
    """Point at parameter t in [0, 1] along the open spline through pts."""
    if len(pts) == 1:
        return xy(pts[0])
    segs = segments(pts, False)
    t = min(max(t, 0.0), 1.0)
    x = t * len(segs)
    i = min(int(x), len(segs) - 1)
    return bez(*segs[i], x - i)


def sample(pts, closed=True, per=10):
    out = []
    for s in segments(pts, closed):
        for k in range(per):
            out.append(bez(*s, k / float(per)))
    if not closed:
        out.append(xy(pts[-1]))
    return out


def ellipse_pts(cx, cy, rx, ry, rot=0.0, n=12, a0=0.0, a1=None):
    pts = []
    full = a1 is None
    if full:
        a1 = a0 + 2 * math.pi
    cnt = n if full else n + 1
    for k in range(cnt):
        a = a0 + (a1 - a0) * k / float(n)
        x, y = rx * math.cos(a), ry * math.sin(a)
        c, s = math.cos(rot), math.sin(rot)
        pts.append((cx + x * c - y * s, cy + x * s + y * c))
    return pts


def offset_line(pts, widths, per=8):
    """Both edges of a ribbon of varying width along an open spline (canvas units)."""
    segs = segments(pts, False)
    cen, wid = [], []
    for i, s in enumerate(segs):
        for k in range(per):
            u = k / float(per)
            cen.append(bez(*s, u))
            wid.append(widths[i] + (widths[i + 1] - widths[i]) * u)
    cen.append(xy(pts[-1]))
    wid.append(widths[-1])
    left, right = [], []
    for i, c in enumerate(cen):
        a = cen[max(i - 1, 0)]
        b = cen[min(i + 1, len(cen) - 1)]
        t = norm(sub(b, a))
        n = (-t[1], t[0])
        left.append(add(c, mul(n, wid[i] / 2.0)))
        right.append(sub(c, mul(n, wid[i] / 2.0)))
    return left, right, cen


def ribbon(pts, widths, caps='round'):
    if isinstance(widths, (int, float)):
        widths = [widths] * len(pts)
    left, right, cen = offset_line(pts, widths)
    lt = left[::2] + ([left[-1]] if (len(left) - 1) % 2 else [])
    rt = right[::2] + ([right[-1]] if (len(right) - 1) % 2 else [])
    d = seg_d(segments(lt, False))

    def sweep(p, q, out):
        # the flag that makes the arc from p to q bulge towards out (the cap is convex whichever
        # way the view mirrors the ribbon)
        c = (q[0] - p[0]) * out[1] - (q[1] - p[1]) * out[0]
        return 1 if c < 0 else 0
    if caps == 'round':
        r = widths[-1] / 2.0
        t = norm(sub(cen[-1], cen[-2]))
        d += ' A%s,%s 0 0 %d %s' % (f(r), f(r), sweep(lt[-1], rt[-1], t), P(rt[-1]))
    else:
        d += ' L' + P(rt[-1])
    d += ' ' + seg_d(segments(rt[::-1], False), move=False)
    if caps == 'round':
        r = widths[0] / 2.0
        t = norm(sub(cen[0], cen[1]))
        d += ' A%s,%s 0 0 %d %s' % (f(r), f(r), sweep(rt[0], lt[0], t), P(lt[0]))
    return d + ' Z'


def ribbon_poly(pts, widths):
    if isinstance(widths, (int, float)):
        widths = [widths] * len(pts)
    left, right, cen = offset_line(pts, widths)
    return left + right[::-1]


def point_in_poly(p, poly):
    x, y = p
    inside = False
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xi > x:
                inside = not inside
    return inside


def hatch(polys, spacing, angle_deg, inset=0.0):
    """Segments of parallel lines (angle in degrees) inside the union (even-odd) of polygons."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)

    def rot(p):  # into hatch space: lines become horizontal
        return (p[0] * ca + p[1] * sa, -p[0] * sa + p[1] * ca)

    def unrot(p):
        return (p[0] * ca - p[1] * sa, p[0] * sa + p[1] * ca)

    rp = [[rot(p) for p in poly] for poly in polys]
    ys = [p[1] for poly in rp for p in poly]
    if not ys:
        return []
    y = math.floor(min(ys) / spacing) * spacing + spacing / 2.0
    out = []
    while y < max(ys):
        xs = []
        for poly in rp:
            n = len(poly)
            for i in range(n):
                x1, y1 = poly[i]
                x2, y2 = poly[(i + 1) % n]
                if (y1 > y) != (y2 > y):
                    xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for k in range(0, len(xs) - 1, 2):
            x0, x1 = xs[k] + inset, xs[k + 1] - inset
            if x1 - x0 > 1.0:
                out.append((unrot((x0, y)), unrot((x1, y))))
        y += spacing
    return out


def lines_d(segs):
    return ' '.join('M%s L%s' % (P(a), P(b)) for a, b in segs)


class Sheet:
    """A muscle as a family of fibres: fibre t runs from origin curve O(t) to insertion
    curve I(t) as a cubic bezier whose control points lie on curves C1(t), C2(t).
    Its outline is O, the last fibre, I reversed and the first fibre reversed, so the
    fibre lines always run the way the muscle's fibres run and stay inside its outline."""

    def __init__(self, O, I, C1=None, C2=None):
        self.O, self.I = O, I
        self.C1, self.C2 = C1, C2

    def fibre(self, t):
        o = curve_eval(self.O, t)
        i = curve_eval(self.I, t)
        c1 = curve_eval(self.C1, t) if self.C1 else lerp(o, i, 1 / 3.0)
        c2 = curve_eval(self.C2, t) if self.C2 else lerp(o, i, 2 / 3.0)
        return o, c1, c2, i

    def outline(self):
        d = seg_d(segments(self.O, False))
        o, c1, c2, i = self.fibre(1.0)
        d += ' C%s %s %s' % (P(c1), P(c2), P(i))
        d += ' ' + seg_d(segments(self.I[::-1], False), move=False)
        o, c1, c2, i = self.fibre(0.0)
        d += ' C%s %s %s Z' % (P(c2), P(c1), P(o))
        return d

    def poly(self, per=16):
        pts = sample(self.O, False, per)
        o, c1, c2, i = self.fibre(1.0)
        pts += [bez(o, c1, c2, i, k / float(per)) for k in range(per + 1)]
        pts += sample(self.I[::-1], False, per)
        o, c1, c2, i = self.fibre(0.0)
        pts += [bez(i, c2, c1, o, k / float(per)) for k in range(per + 1)]
        return pts

    def fibres(self, n, t0=0.0, t1=1.0, u0=0.0, u1=1.0):
        out = []
        for k in range(n):
            t = t0 + (t1 - t0) * (k + 0.5) / n
            o, c1, c2, i = self.fibre(t)
            pts = [bez(o, c1, c2, i, u0 + (u1 - u0) * j / 8.0) for j in range(9)]
            out.append('M' + P(pts[0]) + ' ' + seg_d(segments(pts, False), move=False))
        return ' '.join(out)

    def point(self, t, u):
        return bez(*self.fibre(t), u)

    def region_poly(self, t0=0.0, t1=1.0, u0=0.0, u1=1.0, per=14):
        """Outline points of the part of the sheet between fibres t0..t1 and u0..u1 along them."""
        pts = [self.point(t0 + (t1 - t0) * k / float(per), u0) for k in range(per + 1)]
        pts += [self.point(t1, u0 + (u1 - u0) * k / float(per)) for k in range(1, per + 1)]
        pts += [self.point(t1 - (t1 - t0) * k / float(per), u1) for k in range(1, per + 1)]
        pts += [self.point(t0, u1 - (u1 - u0) * k / float(per)) for k in range(1, per)]
        return pts

    def region(self, t0=0.0, t1=1.0, u0=0.0, u1=1.0, per=14):
        return smooth(self.region_poly(t0, t1, u0, u1, per))

    def region_fn(self, t0, t1, u0f, u1f, per=16):
        """Like region(), with the bounds along the fibres given as functions of t (oblique cuts)."""
        ts = [t0 + (t1 - t0) * k / float(per) for k in range(per + 1)]
        pts = [self.point(t, u0f(t)) for t in ts]
        pts += [self.point(t1, u0f(t1) + (u1f(t1) - u0f(t1)) * k / 8.0) for k in range(1, 8)]
        pts += [self.point(t, u1f(t)) for t in ts[::-1]]
        pts += [self.point(t0, u1f(t0) - (u1f(t0) - u0f(t0)) * k / 8.0) for k in range(1, 8)]
        return pts

    def fibres_fn(self, n, t0, t1, u0f, u1f):
        out = []
        for k in range(n):
            t = t0 + (t1 - t0) * (k + 0.5) / n
            a, b = u0f(t), u1f(t)
            pts = [self.point(t, a + (b - a) * j / 8.0) for j in range(9)]
            out.append('M' + P(pts[0]) + ' ' + seg_d(segments(pts, False), move=False))
        return ' '.join(out)

    def edge(self, t0, t1, u, per=14):
        return smooth([self.point(t0 + (t1 - t0) * k / float(per), u) for k in range(per + 1)], closed=False)


def runs_where(points, keep):
    """The runs of consecutive points that keep() accepts, each of two points or more: a line
    cut where it passes through something it must not cross."""
    runs, run = [], []
    for p in points:
        if keep(p):
            run.append(p)
        else:
            if len(run) > 1:
                runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def segment_through_box(p, q, box, pad=1.0):
    """Whether the segment p-q passes through the box (x0, y0, x1, y1) grown by pad (sampled at 41
    points): the generator's and check.py's one test of a leader line through a label."""
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    for k in range(41):
        t = k / 40.0
        x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        if x0 <= x <= x1 and y0 <= y <= y1:
            return True
    return False


class _Node:
    __slots__ = ('p', 'next', 'prev', 'cross', 'entry', 'other', 'alpha', 'seen')

    def __init__(self, p, cross=False, alpha=0.0):
        self.p, self.cross, self.alpha = p, cross, alpha
        self.next = self.prev = self.other = None
        self.entry = self.seen = False


def _ring(pts):
    nodes = [_Node(xy(q)) for q in pts]
    for a, b in zip(nodes, nodes[1:] + nodes[:1]):
        a.next, b.prev = b, a
    return nodes


def polygon_difference(subject, clip):
    """The parts of polygon subject outside polygon clip (both simple; point lists), as a list of
    polygons (Greiner-Hormann). A clip wholly inside the subject is not cut out (it raises): the
    drawings only subtract shapes that cross the subject's outline."""
    # clip's vertices nudged off subject's edges so that no intersection falls on a vertex
    clip = [(q[0] + 1e-7 * ((k * 7) % 5 - 2), q[1] + 1e-7 * ((k * 3) % 5 - 2)) for k, q in enumerate(clip)]
    S, C = _ring(subject), _ring(clip)
    crossings = 0
    S_edges = [(s, s.next) for s in S]
    C_edges = [(c, c.next) for c in C]
    for s, s_next in S_edges:
        for c, c_next in C_edges:
            (x1, y1), (x2, y2) = s.p, s_next.p
            (x3, y3), (x4, y4) = c.p, c_next.p
            den = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
            if abs(den) < 1e-12:
                continue
            a = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / den
            b = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / den
            if 0 < a < 1 and 0 < b < 1:
                q = (x1 + a * (x2 - x1), y1 + a * (y2 - y1))
                ns, nc = _Node(q, True, a), _Node(q, True, b)
                ns.other, nc.other = nc, ns
                for node, start, end in ((ns, s, s_next), (nc, c, c_next)):
                    at = start
                    while at.next is not end and at.next.alpha < node.alpha:
                        at = at.next
                    node.prev, node.next = at, at.next
                    at.next.prev = node
                    at.next = node
                crossings += 1
    if crossings == 0:
        if point_in_poly(S[0].p, [c.p for c in C]):
            return []
        if point_in_poly(C[0].p, [s.p for s in S]):
            raise ValueError('clip inside subject')
        return [list(subject)]
    # entry flags: the subject's inverted (its parts outside clip are kept), the clip's as they are
    for ring, other, invert in ((S, clip, True), (C, subject, False)):
        inside = point_in_poly(ring[0].p, other)
        node = ring[0]
        while True:
            if node.cross:
                node.entry = not inside
                inside = not inside
                if invert:
                    node.entry = not node.entry
            node = node.next
            if node is ring[0]:
                break
    out = []
    node = S[0]
    while True:
        if node.cross and not node.seen:
            poly, cur = [], node
            while True:
                cur.seen = cur.other.seen = True
                poly.append(cur.p)
                forward = cur.entry
                cur = cur.next if forward else cur.prev
                while not cur.cross:
                    poly.append(cur.p)
                    cur = cur.next if forward else cur.prev
                cur = cur.other
                if cur.seen:
                    break
            out.append(poly)
        node = node.next
        if node is S[0]:
            break
    return out


def polygons_difference(subjects, clips):
    """polygon_difference of each of subjects by every one of clips in turn."""
    for c in clips:
        subjects = [piece for s in subjects for piece in polygon_difference(s, c)]
    return subjects
