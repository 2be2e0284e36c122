/* fascia-atlas-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-store.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_ATLAS_PAGE (fascia_atlas_page_get_type ())

G_DECLARE_FINAL_TYPE (FasciaAtlasPage, fascia_atlas_page, FASCIA, ATLAS_PAGE, AdwBin)

GtkWidget  *fascia_atlas_page_new              (void);
const char *fascia_atlas_page_get_view         (FasciaAtlasPage *self);
void        fascia_atlas_page_load_view_ahead  (const char      *view_id);
void        fascia_atlas_page_set_view         (FasciaAtlasPage *self,
                                                const char      *view_id);
gboolean    fascia_atlas_page_open             (FasciaAtlasPage *self,
                                                const char      *kind,
                                                const char      *id);
const char *fascia_atlas_page_get_card         (FasciaAtlasPage *self);
gboolean    fascia_atlas_page_get_presentation (FasciaAtlasPage *self);
void        fascia_atlas_page_set_presentation (FasciaAtlasPage *self,
                                                gboolean         presentation);
void        fascia_atlas_page_set_plan         (FasciaAtlasPage *self,
                                                FasciaStore     *store,
                                                FasciaPlan      *plan);
const char *fascia_atlas_page_get_plan_label   (FasciaAtlasPage *self);
void        fascia_atlas_page_set_hide_names   (FasciaAtlasPage *self,
                                                gboolean         hide);

double           fascia_atlas_page_get_label_pixels (FasciaAtlasPage *self);
gboolean         fascia_atlas_page_is_idle          (FasciaAtlasPage *self);
GtkWidget       *fascia_atlas_page_get_muscle_card  (FasciaAtlasPage *self);
guint            fascia_atlas_page_get_card_build_count (FasciaAtlasPage *self);
gboolean         fascia_atlas_page_is_making_card_ahead (FasciaAtlasPage *self);

G_END_DECLS
