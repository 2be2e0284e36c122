/* fascia-clients-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

#include "fascia-client-view.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_CLIENTS_PAGE (fascia_clients_page_get_type ())

G_DECLARE_FINAL_TYPE (FasciaClientsPage, fascia_clients_page, FASCIA, CLIENTS_PAGE, AdwBin)

FasciaStore      *fascia_clients_page_get_store       (FasciaClientsPage *self);
void              fascia_clients_page_set_store       (FasciaClientsPage *self,
                                                       FasciaStore       *store);
gboolean          fascia_clients_page_get_demo        (FasciaClientsPage *self);
void              fascia_clients_page_set_demo        (FasciaClientsPage *self,
                                                       gboolean           demo);
FasciaClient     *fascia_clients_page_get_client      (FasciaClientsPage *self);
void              fascia_clients_page_select_client   (FasciaClientsPage *self,
                                                       gint64             client_id);
FasciaClientView *fascia_clients_page_get_client_view (FasciaClientsPage *self);
FasciaClientView *fascia_clients_page_peek_client_view (FasciaClientsPage *self);
FasciaPlan       *fascia_clients_page_get_active_plan (FasciaClientsPage *self);
guint             fascia_clients_page_get_n_shown     (FasciaClientsPage *self);
guint             fascia_clients_page_get_n_searches  (FasciaClientsPage *self);
void              fascia_clients_page_refresh         (FasciaClientsPage *self);
gboolean          fascia_clients_page_get_hide_names  (FasciaClientsPage *self);
void              fascia_clients_page_set_hide_names  (FasciaClientsPage *self,
                                                       gboolean           hide);

G_END_DECLS
