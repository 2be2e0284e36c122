/* fascia-client-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-client-list.h"
#include "fascia-store-private.h"

/*
 * The result of a client search: the ids in order, and the clients read so far. A list view
 * asks only for the rows it shows, so typing over 20,000 clients never builds 20,000
 * objects. A row deleted after the search still yields a client (with its id and no name)
 * rather than NULL, which a GListModel must not return; the change signal that deleted it
 * makes the view search again.
 */
struct _FasciaClientList
{
  GObject       parent_instance;

  /* Owned */
  FasciaStore  *store;
  GArray       *ids;
  GPtrArray    *clients;
};

static void fascia_client_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaClientList, fascia_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      fascia_client_list_model_init))

static GType
fascia_client_list_get_item_type (GListModel *model)
{
  return FASCIA_TYPE_CLIENT;
}

static guint
fascia_client_list_get_n_items (GListModel *model)
{
  FasciaClientList *self = FASCIA_CLIENT_LIST (model);

  return self->ids->len;
}

static gpointer
fascia_client_list_get_item (GListModel *model,
                             guint       position)
{
  FasciaClientList *self = FASCIA_CLIENT_LIST (model);
  FasciaClient *client;

  if (position >= self->ids->len)
    return NULL;

  client = g_ptr_array_index (self->clients, position);
  if (client == NULL)
    {
      gint64 id = g_array_index (self->ids, gint64, position);

      client = fascia_store_load_client (self->store, id, NULL);
      if (client == NULL)
        {
          client = fascia_client_new ();
          fascia_client_set_id (client, id);
        }
      g_ptr_array_index (self->clients, position) = client;
    }

  return g_object_ref (client);
}

static void
fascia_client_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fascia_client_list_get_item_type;
  iface->get_n_items = fascia_client_list_get_n_items;
  iface->get_item = fascia_client_list_get_item;
}

/* Rows never read stay NULL. */
static void
unref_if_read (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
fascia_client_list_dispose (GObject *object)
{
  FasciaClientList *self = FASCIA_CLIENT_LIST (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (fascia_client_list_parent_class)->dispose (object);
}

static void
fascia_client_list_finalize (GObject *object)
{
  FasciaClientList *self = FASCIA_CLIENT_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->clients, g_ptr_array_unref);

  G_OBJECT_CLASS (fascia_client_list_parent_class)->finalize (object);
}

static void
fascia_client_list_class_init (FasciaClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fascia_client_list_dispose;
  object_class->finalize = fascia_client_list_finalize;
}

static void
fascia_client_list_init (FasciaClientList *self)
{
}

/*
 * fascia_client_list_new:
 * @ids: (transfer full): client ids, in list order
 */
FasciaClientList *
fascia_client_list_new (FasciaStore *store,
                        GArray      *ids)
{
  FasciaClientList *self = g_object_new (FASCIA_TYPE_CLIENT_LIST, NULL);

  self->store = g_object_ref (store);
  self->ids = ids;
  self->clients = g_ptr_array_new_full (ids->len, unref_if_read);
  g_ptr_array_set_size (self->clients, ids->len);

  return self;
}
