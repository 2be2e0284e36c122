"""The one table of landmark positions the four Fascia views are drawn from.

Millimetres of an average adult (after Gray's Anatomy and standard radiographic
measurements), standing in the anatomical position:
  x  lateral distance from the midline, measured on the subject's LEFT side (the right side
     is its mirror image, x -> -x);
  y  downward from the superior endplate of L1;
  z  forward from the centre of the femoral head (used by the lateral view).
Coronal outlines (anterior and posterior views) use (x, y); sagittal outlines (the lateral
view) use (z, y).  The views convert with one scale, SCALE canvas units per mm, but for those that
frame less or more of the body than the canvas holds at it (View.scale in generate.py).

Key relations built into the numbers (and checked by check_relations() in generate.py):
  * lumbar discs are about a third of the height of the bodies beside them;
  * the L3 transverse process is the longest;
  * the highest points of the iliac crests lie at the level of L4;
  * PSIS at the level of S2, ASIS in one coronal plane with the pubic tubercles;
  * hip joint centre 72 mm below and 46 mm behind the ASIS (Bell's regression);
  * femoral neck at 125 deg to the shaft; greater trochanter tip level with the head centre;
  * the pubic tubercle level with the tip of the greater trochanter;
  * the lower ribs' heads on their own vertebrae; the 10th rib falls to L3 (the subcostal plane, the
    lowest point of the costal margin), the tip of the 11th to L2-L3, the tip of the 12th to the level of
    the L1-L2 transverse processes, about 5 cm above the iliac crest at the side (RIBS, RIBS_LAT).
"""

SCALE = 1.8  # canvas units per millimetre, the scale of the views but the medial and the superficial ones

# name, top, bottom, half-width of body, transverse process tip x, spinous tip y
VERTEBRAE = [
    ('T9', -114, -92, 16.5, 31, -74),
    ('T10', -87, -65, 17.0, 30, -48),
    ('T11', -60, -37, 18.0, 27, -22),
    ('T12', -31, -7, 19.5, 23, 3),
    ('L1', 0, 27, 21.0, 36, 34),
    ('L2', 36, 64, 22.0, 42, 71),
    ('L3', 74, 103, 23.5, 49, 110),
    ('L4', 114, 142, 24.5, 44, 150),
    ('L5', 153, 180, 26.0, 39, 185),
]
# Two more thoracic vertebrae for the medial view, whose diaphragm reaches up to T8.
VERTEBRAE_ALL = [('T7', -168, -146, 15.5, 32, -126), ('T8', -141, -119, 16, 32, -100)] + VERTEBRAE
SACRUM_TOP = 190  # S1 superior endplate (L5/S1 disc 180-190)

# Lumbar lordosis for the lateral view: z of the anterior surface of each body, and its depth.
BODY_Z = {'T11': (-24, 30), 'T12': (-14, 33), 'L1': (-4, 35), 'L2': (4, 37), 'L3': (9, 38),
          'L4': (8, 38), 'L5': (0, 37)}

# Named landmarks (x, y, z); x for the left side.
LM = {
    'crest-top': (106, 134, -25),       # highest point of the crest: L4 level
    'crest-tubercle': (145, 160, 25),
    'asis': (124, 211, 48),
    'aiis': (118, 236, 40),
    'psis': (37, 214, -98),             # S2 level
    'piis': (44, 233, -96),
    'hip': (88, 285, 0),                # femoral head centre
    'head-r': (23, 0, 0),
    'pubic-tubercle': (24, 290, 46),    # level with the GT tip, in the coronal plane of the ASIS
    'iliopubic-eminence': (66, 266, 28),
    'ischial-spine': (46, 272, -32),    # about 3 cm behind the acetabular centre
    'ischial-tuberosity': (70, 339, -31),   # lowest point ~354: pelvis ~22 cm tall
    'sciatic-notch': (60, 252, -72),
    'gt-tip': (141, 281, -22),
    'gt-lateral': (159, 312, -2),
    'lesser-trochanter': (102, 350, -14),
    'knee': (66, 705, -4),              # centre of the knee for the femoral shaft axis
    'coccyx-tip': (0, 290, -64),
    'promontory': (0, 188, -18),
    'sacral-apex': (0, 268, -86),
    'rib12-tip': (101, 44, -57),   # L1-L2 transverse processes
    'linea-alba-umbilicus': (0, 130, 113),
}

# Ribs in the coronal plane: centre line (x, y) and width at each point.  Each head lies on its own
# vertebra (the 10th rib's on T10); beyond the angle the lower ribs run down and out steeply, and at the
# flank, where they turn forward out of sight, they fall to (Moore's Clinically Oriented Anatomy; Gray's
# Anatomy):
#   * the 10th rib to the level of L3 (y ~90, the middle of the L3 body): the lowest point of the costal
#     margin, the 10th costal cartilage, marks the subcostal plane at L3;
#   * the tip of the 11th rib to L2-L3 (y ~74), lower and further out than the 12th;
#   * the tip of the 12th rib to the level of the L1-L2 transverse processes (y ~44); it is short and varies;
#   * so that at the side of the trunk only about 5 cm (3.5-6) separate the 10th rib from the iliac crest.
# check_relations() in generate.py holds the table to these levels.
RIBS = {
    9: ([(18, -106), (34, -106), (62, -100), (98, -86), (132, -62), (156, -30), (166, 2), (168, 30)],
        [10, 10, 11, 11, 11, 11, 10, 10]),
    10: ([(19, -79), (33, -80), (62, -74), (98, -58), (128, -34), (148, -4), (156, 30), (154, 62), (147, 90)],
         [10, 10, 11, 11, 11, 10, 10, 9.5, 9]),
    11: ([(20, -50), (35, -50), (63, -42), (92, -24), (114, 0), (127, 28), (133, 54), (134, 74)],
         [9, 9, 10, 10, 9, 8, 7, 6]),
    12: ([(20, -21), (35, -17), (56, -4), (76, 13), (92, 30), (101, 44)],
         [9, 9, 9, 8, 6.5, 5]),
}

# Hip bone silhouette, coronal projection (the same outline seen from in front and from
# behind).  Clockwise from the posterior end of the crest.
HIP = [
    (42, 168, 'c'), (50, 155), (66, 144), (86, 137), (106, 134), (124, 136), (138, 144), (145, 157),
    (145, 173), (140, 190), (132, 203), (124, 211, 'c'), (119, 217), (117, 226), (119, 234),
    (117, 242), (114, 251), (117, 261), (117, 273), (114, 288), (110, 303), (101, 316), (93, 328),
    (86, 340), (79, 349), (67, 354), (55, 349), (42, 342), (27, 339), (13, 338), (4, 337, 'c'),
    (1.5, 325), (1.5, 300), (2.5, 292, 'c'), (12, 289), (24, 289), (35, 285), (42, 281, 'c'),
    (46, 272, 'c'), (55, 265), (60, 254), (56, 242), (46, 234, 'c'), (40, 227), (36, 214),
    (36, 196), (38, 180),
]
OBTURATOR = (53, 314, 15, 18.5, 0.35)   # centre x, y, half-axes, tilt (rad)
BRIM = [(50, 206), (58, 223), (64, 244), (66, 263), (56, 275), (42, 281), (24, 289)]
ILIAC_FOSSA = [(52, 168), (64, 153), (86, 145), (108, 142), (126, 145), (136, 157), (137, 174),
               (131, 192), (122, 206), (112, 220), (96, 236), (78, 246), (65, 244), (60, 228),
               (54, 212), (50, 190)]
CREST = [(40, 170), (50, 155), (66, 144), (86, 137), (106, 134), (124, 136), (138, 144),
         (145, 157), (145, 173), (140, 190), (132, 203), (124, 211)]
SACRUM = [(0, 187), (14, 187), (25, 189), (37, 192), (48, 196), (53, 203), (52, 214), (48, 226),
          (42, 238), (34, 249), (24, 258), (14, 264), (7, 267), (0, 268)]
COCCYX = [(268, 8.5), (275, 6.5), (281, 4.5), (286, 3)]   # segment top y, half-width

# Gluteal lines on the outer ilium, coronal projection (seen from behind).
GLUTEAL_POST_C = [(57, 146), (53, 172), (49, 200), (46, 226)]
GLUTEAL_ANT_C = [(138, 150), (122, 176), (100, 208), (80, 233), (62, 248)]
GLUTEAL_INF_C = [(116, 248), (100, 256), (82, 261), (66, 264)]
SACROTUBEROUS_C = [[(37, 220), (32, 240), (22, 262), (12, 280), (10, 289)],   # origin edge
                   [(58, 331), (64, 332)]]                                    # on the tuberosity

# ---- sagittal (lateral view) outlines, (z, y) ----
# The hip bone seen from the side, one outline for the side view and the medial view (which sees it from the
# other side, mirrored), in the anatomical position (Moore): the pubic tubercle and the front of the symphysis
# in the coronal plane of the ASIS (a vertical line in these views: the anterior pelvic plane is vertical),
# the symphysis sloping down and back, its pelvic surface facing up and back; the ischial spine about 3 cm
# behind the centre of the acetabulum, roughly level with the sacral apex and the tip of the coccyx, the
# lesser sciatic notch below it and the ischial tuberosity below and a little behind the acetabulum.
ISCHIAL_SPINE_SAG = (-32, 283)
PUBIC_TUBERCLE_SAG = (46, 283)
SYMPHYSIS_TOP_SAG = (50, 287)
HIP_SAG = [
    # anterior border: ASIS, the notch, AIIS, the iliopubic eminence and superior ramus forward to the
    # pubic tubercle, the symphyseal face
    (48, 211, 'c'), (45.5, 218), (44.5, 225), (43.5, 232), (43, 239, 'c'), (39, 247), (34, 256), (38, 266),
    (43, 275), (47, 282), (50, 287, 'c'), (51, 295), (47, 306), (40, 316), (32, 324, 'c'),
    # lower border: inferior pubic and ischial rami back to the ischial tuberosity
    (22, 329), (8, 333), (-6, 337), (-15, 341), (-22, 347), (-30, 350, 'c'), (-37, 346), (-40, 336),
    # posterior border: lesser sciatic notch, ischial spine, greater sciatic notch, PIIS, PSIS
    (-38, 324), (-33, 313), (-28, 303), (-27, 294), (-29, 288), (-33, 283, 'c'), (-29, 278), (-29, 268),
    (-31, 257), (-38, 247), (-52, 239), (-68, 234), (-84, 231), (-97, 232, 'c'), (-99, 224), (-100, 213, 'c'),
    # the iliac crest, PSIS to ASIS
    (-103, 196), (-97, 172), (-81, 152), (-58, 139), (-32, 133), (-10, 136), (10, 146), (26, 160),
    (38, 178), (45, 196),
]
OBTURATOR_SAG = (9, 310, 12.5, 18.5, -0.5)
# the greater sciatic notch from the PIIS down to the ischial spine
GREATER_NOTCH_SAG = [(-90, 233), (-84, 231), (-68, 234), (-52, 239), (-38, 247), (-31, 257), (-29, 268),
                     (-29, 277), (-32, 282)]
ACETABULUM_SAG = (0, 285, 28)
# The gluteal lines on the outer surface of the ilium, seen from the side: the posterior line nearly upright
# from the crest about 4 cm in front of the PSIS to the front of the PIIS; the anterior line from the crest
# just in front of the iliac tubercle arching back and then down to the top of the greater sciatic notch; the
# inferior line from the notch between the ASIS and the AIIS back over the acetabulum to the middle of the
# greater sciatic notch.
GLUTEAL_ANT_S = [(16, 154), (2, 160), (-16, 172), (-32, 192), (-43, 216), (-50, 239)]
GLUTEAL_POST_S = [(-62, 141), (-70, 168), (-80, 198), (-89, 228)]
GLUTEAL_INF_S = [(42, 228), (28, 235), (10, 240), (-8, 243), (-22, 248), (-31, 256)]
CREST_SAG = [(48, 211), (45, 196), (38, 178), (26, 160), (10, 146), (-10, 136), (-32, 133), (-58, 139),
             (-81, 152), (-97, 172), (-103, 196), (-100, 213)]
SACRUM_SAG = [(-20, 188), (-58, 183), (-84, 196), (-98, 222), (-100, 245), (-94, 262), (-86, 270),
              (-72, 262), (-56, 240), (-40, 220), (-26, 204)]
COCCYX_SAG = [(-86, 270), (-90, 276), (-88, 283), (-80, 289), (-66, 292), (-64, 287), (-72, 280),
              (-78, 272)]
# The lower ribs of the side view, each whole from its head (5 to 10 come in from above the view):
# (z, y) points of its centre line and its width (mm) there.  Seen from the side a rib leaves its head on
# the back of its own vertebral body, its neck runs back (and a little down) to the angle, the rib's most
# posterior point, where it turns and falls forward round the flank; so each lower rib's neck passes
# medial to (under) the shaft of the rib above just beyond that rib's angle, the only place where two ribs
# overlap in the view, and below it they run as separate, roughly parallel bands, each below and behind
# the one above.  Seen from the side the lower ribs fall steeply, about parallel (Moore; Gray's): the 10th
# rib reaches L3 (y ~98) a little in front of the mid-axillary line, where its cartilage turns up and
# forward to the costal margin (its lowest point, the subcostal plane, at L3); the tip of the 11th at L2-L3
# in the mid/posterior axillary line; the tip of the 12th, the shortest, behind at the level of the L1-L2
# transverse processes; in the mid-axillary line about 5 cm separate the 10th rib from the iliac crest
# (checked by check_relations()).  The 12th has hardly an angle, the 11th a slight one.  9 and 10 end in
# their cartilages (the last four points) at the costal margin.  The medial view draws the same ribs
# (RIB_NECKS_SAG adds the heads and necks of 9 and 10, above the side view).
RIBS_LAT = {
    # the 5th to 8th come in from above the view, above and parallel to the 9th (each about 2 cm above the
    # rib below it across the bands, the intercostal space widening forward), fall to their costochondral
    # junctions under external oblique, and their cartilages run up and forward to the sternum (5th to 7th) and
    # to the 7th cartilage (8th), the 9th cartilage ending on the 8th at the costal margin
    5: ([(5, -109), (13, -93), (21, -77), (30, -61), (44, -42), (58, -28), (68, -26), (74, -50), (78, -80),
         (80, -110)],
        [9, 9, 9, 9, 9, 9, 8, 7, 6.5, 6]),
    6: ([(-14, -99), (-6, -84), (2, -67), (12, -50), (27, -30), (41, -10), (54, -2), (64, -4), (72, -30),
         (78, -60), (82, -100)],
        [9, 9, 9, 9, 9, 9, 9, 8, 7, 6.5, 6]),
    7: ([(-33, -89), (-25, -74), (-16, -57), (-5, -38), (10, -18), (25, 4), (40, 18), (52, 22), (62, 18),
         (70, -8), (78, -42), (84, -80)],
        [9, 9, 9, 9, 9, 9, 9, 9, 8, 7, 6.5, 6]),
    8: ([(-51, -80), (-43, -64), (-33, -47), (-22, -27), (-7, -6), (9, 17), (26, 35), (42, 44), (52, 44),
         (62, 40), (75, 8), (84, -28), (92, -80)],
        [9, 9, 9, 9, 9, 9, 9, 9, 9, 8, 7, 6.5, 6]),
    9: ([(-66, -72), (-58, -56), (-48, -38), (-36, -18), (-22, 4), (-6, 28), (12, 50), (32, 64), (52, 68),
         (66, 60), (78, 30), (87, -10), (91, -60)],
        [9, 9, 9, 9, 9, 9, 9, 9, 9, 8, 7, 6.5, 6]),
    10: ([(-92, -72), (-88, -62), (-79, -52), (-68, -40), (-58, -24), (-46, -4), (-33, 20), (-18, 50), (-4, 79),
          (8, 90), (20, 96), (32, 98), (50, 96), (66, 86), (82, 56), (90, 14), (92, -30)],
         [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 8, 7, 6.5, 6]),
    11: ([(-50, -50), (-62, -49), (-73, -45), (-81, -36), (-83, -24), (-79, -10), (-71, 5), (-60, 22), (-48, 40),
          (-37, 57), (-27, 74)],
         [8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8, 7.5, 6]),
    12: ([(-45, -23), (-57, -19), (-69, -11), (-78, 0), (-82, 12), (-80, 25), (-74, 37), (-65, 46)],
         [8, 8, 8, 8, 7.5, 7, 6, 5]),
}
# The heads and necks of ribs 9 and 10, which the side view leaves above its top and the medial view (up
# to T7) shows: (z, y) from the head on the back of the body of its own vertebra (T9, T10) back and a
# little up to the angle, running on into RIBS_LAT[n], whose first point is the rib's most posterior.
RIB_NECKS_SAG = {
    9: [(-60, -107), (-71, -112), (-81, -114), (-88, -112), (-92, -106), (-89, -96), (-80, -86)],
    10: [(-54, -79), (-66, -83), (-78, -83), (-87, -80)],
}
LINEA_ALBA_SAG = [(97, -64), (104, -20), (110, 30), (114, 110), (110, 180), (96, 240), (74, 276), (52, 288)]

# ---- the medial view (the right half of the body seen from the midline), (z, y) ----
# The thoracic bodies above T11 lie further back (the kyphosis) for the medial view.
BODY_Z_MEDIAL = dict(BODY_Z, T7=(-46, 26), T8=(-42, 27), T9=(-37, 28), T10=(-31, 29))
# The pelvic brim on the inner surface of the hip bone: the arcuate line from the front of the sacroiliac
# joint (beside the sacral ala, a little behind and below the promontory) forward to the iliopubic eminence,
# the pecten pubis on to the pubic tubercle; seen from the side the brim runs close to the plane of the
# pelvic inlet, about 57 degrees to the horizontal from the promontory to the top of the symphysis.
ARCUATE_LINE_SAG = [(-42, 214), (-24, 226), (-4, 240), (14, 252), (28, 263)]
PECTEN_SAG = [(28, 264), (36, 271), (42, 277), (46, 283)]
# The hip bone of the medial view: the side view's (HIP_SAG, above), the same bone seen from the other side.
MED_HIP_SAG = HIP_SAG
MED_OBTURATOR_SAG = OBTURATOR_SAG
MED_GREATER_NOTCH_SAG = GREATER_NOTCH_SAG
# from the back of the pubic body, below the obturator canal, to the ischial spine
TENDINOUS_ARCH_SAG = [(22, 306), (8, 304), (-6, 299), (-18, 292), (-28, 286)]
