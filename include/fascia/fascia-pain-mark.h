/* fascia-pain-mark.h — a body-chart mark of a visit: a region or point, how much pain, what kind.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_PAIN_MARK (fascia_pain_mark_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPainMark, fascia_pain_mark, FASCIA, PAIN_MARK, GObject)

FasciaPainMark  *fascia_pain_mark_new            (void);
gint64           fascia_pain_mark_get_id         (FasciaPainMark *self);
void             fascia_pain_mark_set_id         (FasciaPainMark *self,
                                                  gint64          id);
gint64           fascia_pain_mark_get_visit_id   (FasciaPainMark *self);
void             fascia_pain_mark_set_visit_id   (FasciaPainMark *self,
                                                  gint64          visit_id);
const char      *fascia_pain_mark_get_view_id    (FasciaPainMark *self);
void             fascia_pain_mark_set_view_id    (FasciaPainMark *self,
                                                  const char     *view_id);
const char      *fascia_pain_mark_get_region_id  (FasciaPainMark *self);
void             fascia_pain_mark_set_region_id  (FasciaPainMark *self,
                                                  const char     *region_id);
double           fascia_pain_mark_get_x          (FasciaPainMark *self);
void             fascia_pain_mark_set_x          (FasciaPainMark *self,
                                                  double          x);
double           fascia_pain_mark_get_y          (FasciaPainMark *self);
void             fascia_pain_mark_set_y          (FasciaPainMark *self,
                                                  double          y);
guint            fascia_pain_mark_get_drawing    (FasciaPainMark *self);
void             fascia_pain_mark_set_drawing    (FasciaPainMark *self,
                                                  guint           drawing);
guint            fascia_pain_mark_get_intensity  (FasciaPainMark *self);
void             fascia_pain_mark_set_intensity  (FasciaPainMark *self,
                                                  guint           intensity);
FasciaPainType   fascia_pain_mark_get_pain_type  (FasciaPainMark *self);
void             fascia_pain_mark_set_pain_type  (FasciaPainMark *self,
                                                  FasciaPainType  pain_type);
const char      *fascia_pain_mark_get_note       (FasciaPainMark *self);
void             fascia_pain_mark_set_note       (FasciaPainMark *self,
                                                  const char     *note);
GDateTime       *fascia_pain_mark_get_created_at (FasciaPainMark *self);
void             fascia_pain_mark_set_created_at (FasciaPainMark *self,
                                                  GDateTime      *created_at);
GDateTime       *fascia_pain_mark_get_updated_at (FasciaPainMark *self);
void             fascia_pain_mark_set_updated_at (FasciaPainMark *self,
                                                  GDateTime      *updated_at);

G_END_DECLS
