/* fascia-client-list.h — a GListModel of clients that reads each row when it is asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia/fascia-store.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_CLIENT_LIST (fascia_client_list_get_type ())

G_DECLARE_FINAL_TYPE (FasciaClientList, fascia_client_list, FASCIA, CLIENT_LIST, GObject)

FasciaClientList *fascia_client_list_new (FasciaStore *store,
                                          GArray      *ids);

G_END_DECLS
