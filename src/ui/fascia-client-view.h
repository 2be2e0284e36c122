/* fascia-client-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

#include "fascia-plan-editor.h"
#include "fascia-progress-chart.h"
#include "fascia-visit-editor.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_CLIENT_VIEW (fascia_client_view_get_type ())

G_DECLARE_FINAL_TYPE (FasciaClientView, fascia_client_view, FASCIA, CLIENT_VIEW, AdwBin)

FasciaStore         *fascia_client_view_get_store          (FasciaClientView *self);
void                 fascia_client_view_set_store          (FasciaClientView *self,
                                                            FasciaStore      *store);
FasciaClient        *fascia_client_view_get_client         (FasciaClientView *self);
void                 fascia_client_view_set_client         (FasciaClientView *self,
                                                            FasciaClient     *client);
void                 fascia_client_view_focus_name         (FasciaClientView *self);
void                 fascia_client_view_focus_sections     (FasciaClientView *self);
void                 fascia_client_view_show_section       (FasciaClientView *self,
                                                            const char       *name);
void                 fascia_client_view_open_plan          (FasciaClientView *self,
                                                            FasciaPlan       *plan);
void                 fascia_client_view_open_visit         (FasciaClientView *self,
                                                            FasciaVisit      *visit);
FasciaPlanEditor    *fascia_client_view_get_plan_editor    (FasciaClientView *self);
FasciaVisitEditor   *fascia_client_view_get_visit_editor   (FasciaClientView *self);
FasciaProgressChart *fascia_client_view_get_progress_chart (FasciaClientView *self);
FasciaPlan          *fascia_client_view_get_active_plan    (FasciaClientView *self);
void                 fascia_client_view_flush              (FasciaClientView *self);
void                 fascia_client_view_refresh            (FasciaClientView *self);
void                 fascia_client_view_set_hide_names     (FasciaClientView *self,
                                                            gboolean          hide);

void                fascia_client_view_set_intake_flag (FasciaClientView  *self,
                                                        FasciaHealthFlags  flag,
                                                        gboolean           active);

G_END_DECLS
