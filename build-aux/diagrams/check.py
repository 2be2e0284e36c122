#!/usr/bin/python3
"""Check the generated diagrams with librsvg (needs python3-gi with Rsvg 2.0 and pycairo):
every region renders to a non-empty mask inside the canvas, and every muscle's mask touches
(within a few px) the mask of every landmark its attachments name, in at least one view;
every trigger point lies on its muscle. Run: /usr/bin/python3 build-aux/diagrams/check.py resources/diagrams
"""
import re
import sys
import os

import gi
gi.require_version('Rsvg', '2.0')
from gi.repository import Rsvg  # noqa: E402
import cairo  # noqa: E402

SC = 0.5
WW, HH = int(1200 * SC), int(1500 * SC)
NONZERO = bytes([0] + [255] * 255)

ATTACH = {
    'psoas-major': ['t12-body', 'l1-body', 'l2-body', 'l3-body', 'l4-body', 'l5-body', 'lumbar-intervertebral-discs',
                    'l1-transverse-process', 'l2-transverse-process', 'l3-transverse-process', 'l4-transverse-process',
                    'l5-transverse-process', 'lesser-trochanter'],
    'iliacus': ['iliac-fossa', 'iliac-crest', 'sacrum', 'iliolumbar-ligament', 'lesser-trochanter'],
    'quadratus-lumborum': ['iliac-crest', 'iliolumbar-ligament', 'rib-12', 'l1-transverse-process',
                           'l2-transverse-process', 'l3-transverse-process', 'l4-transverse-process'],
    'psoas-minor': ['t12-body', 'l1-body', 'iliopubic-eminence'],
    'gluteus-maximus': ['posterior-gluteal-line', 'iliac-crest', 'sacrum', 'coccyx', 'sacrotuberous-ligament',
                        'thoracolumbar-fascia', 'gluteal-tuberosity', 'iliotibial-tract'],
    'gluteus-medius': ['anterior-gluteal-line', 'posterior-gluteal-line', 'iliac-crest', 'greater-trochanter'],
    'gluteus-minimus': ['anterior-gluteal-line', 'inferior-gluteal-line', 'greater-trochanter'],
    'piriformis': ['sacrum', 'greater-sciatic-notch', 'sacrotuberous-ligament', 'greater-trochanter'],
    'lumbar-multifidus': ['sacrum', 'psis', 'lumbar-mammillary-processes', 'thoracolumbar-fascia',
                          'lumbar-spinous-processes'],
    'iliocostalis-lumborum': ['iliac-crest', 'sacrum', 'thoracolumbar-fascia', 'lower-ribs', 'rib-12'],
    'longissimus-thoracis': ['l1-transverse-process', 'l2-transverse-process', 'l3-transverse-process',
                             'l4-transverse-process', 'l5-transverse-process', 'thoracolumbar-fascia', 'sacrum',
                             'lower-thoracic-transverse-processes', 'lower-ribs'],
    'latissimus-dorsi': ['lower-thoracic-spinous-processes', 'lumbar-spinous-processes', 'thoracolumbar-fascia',
                         'iliac-crest', 'lower-ribs'],
    'external-oblique': ['lower-ribs', 'rib-12', 'iliac-crest', 'linea-alba', 'pubic-tubercle', 'inguinal-ligament'],
    'serratus-posterior-inferior': ['lower-thoracic-spinous-processes', 'lumbar-spinous-processes', 'lower-ribs',
                                    'rib-12'],
    'tensor-fasciae-latae': ['asis', 'iliac-crest', 'iliotibial-tract'],
    'rectus-femoris': ['aiis', 'acetabulum', 'patella', 'tibial-tuberosity'],
}


def mask(handle, rid):
    surf = cairo.ImageSurface(cairo.FORMAT_A8, WW, HH)
    cr = cairo.Context(surf)
    vp = Rsvg.Rectangle()
    vp.x, vp.y, vp.width, vp.height = 0, 0, WW, HH
    handle.render_layer(cr, '#' + rid, vp)
    surf.flush()
    stride = surf.get_stride()
    data = bytes(surf.get_data())
    rows = [data[i * stride:i * stride + WW] for i in range(HH)]
    return b''.join(rows).translate(NONZERO)


def dilate(m, k):
    v = int.from_bytes(m, 'big')
    out = v
    for dx in range(-k, k + 1):
        for dy in range(-k, k + 1):
            s = dx + dy * WW
            out |= (v << (8 * s)) if s > 0 else (v >> (-8 * s))
    return out & ((1 << (8 * len(m))) - 1)


def main(d):
    ok = True
    masks = {}
    for fn in sorted(os.listdir(d)):
        if not fn.endswith('.svg'):
            continue
        view = fn[:-4]
        text = open(os.path.join(d, fn)).read().replace('display="none"', '')
        h = Rsvg.Handle.new_from_data(text.encode())
        ids = [i for i in re.findall(r'\bid="([^"]+)"', text) if not i.startswith('layer-') and i != 'labels']
        for rid in ids:
            m = mask(h, rid)
            if m.count(0) == len(m):
                print('EMPTY', view, rid)
                ok = False
            masks[(view, rid)] = m
    # attachments
    for mus, lms in ATTACH.items():
        for lm in lms:
            found = False
            for (view, rid), m in masks.items():
                if not re.match(r'^m-%s(-[lr])?$' % mus, rid):
                    continue
                side = rid[-2:] if rid[-2:] in ('-l', '-r') else ''
                for cand in ('b-%s%s' % (lm, side), 'b-' + lm):
                    lmm = masks.get((view, cand))
                    if lmm is None:
                        continue
                    if int.from_bytes(lmm, 'big') & dilate(m, 2):
                        found = True
                        break
                if found:
                    break
            if not found:
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
