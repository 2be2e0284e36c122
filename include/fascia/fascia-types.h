/* fascia-types.h — forward declarations shared by the public headers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FasciaAtlas        FasciaAtlas;
typedef struct _FasciaMuscle       FasciaMuscle;
typedef struct _FasciaLandmark     FasciaLandmark;
typedef struct _FasciaTechnique    FasciaTechnique;
typedef struct _FasciaTriggerPoint FasciaTriggerPoint;
typedef struct _FasciaView         FasciaView;
typedef struct _FasciaPattern      FasciaPattern;

/* The side of the body a region or a plan target is on. */
typedef enum
{
  FASCIA_SIDE_NONE,   /* midline, or not sided */
  FASCIA_SIDE_LEFT,   /* the subject's left */
  FASCIA_SIDE_RIGHT,  /* the subject's right */
  FASCIA_SIDE_BOTH,
} FasciaSide;

/* How a muscle attaches to a landmark; a muscle may do both. */
typedef enum
{
  FASCIA_ATTACHMENT_NONE      = 0,
  FASCIA_ATTACHMENT_ORIGIN    = 1 << 0,
  FASCIA_ATTACHMENT_INSERTION = 1 << 1,
} FasciaAttachmentKind;

G_END_DECLS
