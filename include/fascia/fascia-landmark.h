/* fascia-landmark.h — a bony landmark, bone, ligament or fascia that muscles attach to
 * (landmarks.json), immutable. The muscles attached to it are derived from the muscles'
 * origins and insertions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_LANDMARK (fascia_landmark_get_type ())

G_DECLARE_FINAL_TYPE (FasciaLandmark, fascia_landmark, FASCIA, LANDMARK, GObject)

const char          *fascia_landmark_get_id              (FasciaLandmark *self);
const char          *fascia_landmark_get_name            (FasciaLandmark *self);
const char          *fascia_landmark_get_latin           (FasciaLandmark *self);
const char          *fascia_landmark_get_kind            (FasciaLandmark *self);
const char          *fascia_landmark_get_bone            (FasciaLandmark *self);
gboolean             fascia_landmark_get_paired          (FasciaLandmark *self);
gboolean             fascia_landmark_get_drawn           (FasciaLandmark *self);
const char          *fascia_landmark_get_description     (FasciaLandmark *self);
const char          *fascia_landmark_get_palpation       (FasciaLandmark *self);
const char * const  *fascia_landmark_get_references      (FasciaLandmark *self);
GListModel          *fascia_landmark_get_muscles         (FasciaLandmark *self);
FasciaAttachmentKind fascia_landmark_get_attachment_kind (FasciaLandmark *self,
                                                          const char     *muscle_id);

G_END_DECLS
