/* fascia-client-rows.h — the rows of the Clients page's list, which stay while the search
 * changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-store.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_CLIENT_ROW (fascia_client_row_get_type ())

G_DECLARE_FINAL_TYPE (FasciaClientRow, fascia_client_row, FASCIA, CLIENT_ROW, GObject)

FasciaClient *fascia_client_row_get_client   (FasciaClientRow *self);
guint         fascia_client_row_get_position (FasciaClientRow *self);

#define FASCIA_TYPE_CLIENT_ROWS (fascia_client_rows_get_type ())

G_DECLARE_FINAL_TYPE (FasciaClientRows, fascia_client_rows, FASCIA, CLIENT_ROWS, GObject)

FasciaClientRows *fascia_client_rows_new      (void);
void              fascia_client_rows_set_list (FasciaClientRows *self,
                                               GListModel       *clients);
GListModel       *fascia_client_rows_get_list (FasciaClientRows *self);
void              fascia_client_rows_set_limit (FasciaClientRows *self,
                                                guint             limit);
guint             fascia_client_rows_get_limit (FasciaClientRows *self);
void              fascia_client_rows_set_offset (FasciaClientRows *self,
                                                 guint             offset);
guint             fascia_client_rows_get_offset (FasciaClientRows *self);
guint             fascia_client_rows_get_n_listed (FasciaClientRows *self);

G_END_DECLS
