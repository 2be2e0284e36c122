/* fascia-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

#include "fascia-application.h"

typedef struct _FasciaAtlasPage FasciaAtlasPage;
typedef struct _FasciaClientsPage FasciaClientsPage;
typedef struct _FasciaStudyPage FasciaStudyPage;

G_BEGIN_DECLS

#define FASCIA_TYPE_WINDOW (fascia_window_get_type ())

G_DECLARE_FINAL_TYPE (FasciaWindow, fascia_window, FASCIA, WINDOW, AdwApplicationWindow)

FasciaWindow      *fascia_window_new              (FasciaApplication *application);
const char        *fascia_window_get_visible_page (FasciaWindow      *self);
FasciaStore       *fascia_window_get_store        (FasciaWindow      *self);
gboolean           fascia_window_get_demo         (FasciaWindow      *self);
FasciaPlan        *fascia_window_get_active_plan  (FasciaWindow      *self);
FasciaAtlasPage   *fascia_window_get_atlas_page   (FasciaWindow      *self);
FasciaClientsPage *fascia_window_get_clients_page (FasciaWindow      *self);
FasciaStudyPage   *fascia_window_get_study_page   (FasciaWindow      *self);
void               fascia_window_reload_store     (FasciaWindow      *self);

G_END_DECLS
