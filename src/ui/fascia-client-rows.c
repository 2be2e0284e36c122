/* fascia-client-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-clients-page"

#include "config.h"

#include "fascia-client-rows.h"

/*
 * A keystroke in the client search makes a new list of clients (fascia_store_list_clients()).
 * Given to the list view as a new model, or as "everything removed, everything added", it
 * costs GTK 4.8 every row widget it has — about 200, for it keeps rows well beyond the
 * screen — thrown away and made again, with their labels laid out: most of a keystroke.
 *
 * So the list view's model is this one, which stays: an item is a position (a
 * FasciaClientRow), and a new list gives the rows already made their new clients in place
 * (each row notifies "client"), while items-changed says only how the length changed, at
 * the end. A row reads its client when asked, from the list's pages: the rows on screen read
 * a page, those off screen read nothing until they are shown (see fascia-clients-page.c).
 */

struct _FasciaClientRow
{
  GObject           parent_instance;

  FasciaClientRows *owner;     /* not owned; NULL once the row left the list */
  guint             position;
  FasciaClient     *client;    /* owned, read when first asked for */
};

struct _FasciaClientRows
{
  GObject     parent_instance;

  GListModel *list;   /* owned: the clients, a page at a time */
  guint       n_items;
  guint       n_listed; /* the list's length: fewer than n_items while it is counted */
  guint       limit;    /* the rows offered end here at most (fascia_client_rows_set_limit()) */
  guint       offset;   /* and begin here (fascia_client_rows_set_offset()) */
  GHashTable *rows;   /* position → FasciaClientRow, not owned: the rows someone holds */
};

enum {
  ROW_PROP_0,
  ROW_PROP_CLIENT,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaClientRow, fascia_client_row, G_TYPE_OBJECT)

static void fascia_client_rows_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaClientRows, fascia_client_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      fascia_client_rows_model_init))

static void
fascia_client_row_finalize (GObject *object)
{
  FasciaClientRow *self = FASCIA_CLIENT_ROW (object);

  if (self->owner != NULL)
    g_hash_table_remove (self->owner->rows, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->client);

  G_OBJECT_CLASS (fascia_client_row_parent_class)->finalize (object);
}

static void
fascia_client_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FasciaClientRow *self = FASCIA_CLIENT_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_CLIENT:
      g_value_set_object (value, fascia_client_row_get_client (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_client_row_class_init (FasciaClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_client_row_finalize;
  object_class->get_property = fascia_client_row_get_property;

  /* Notified when the list changed under the row: read it again when it shows. */
  row_properties[ROW_PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FASCIA_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
fascia_client_row_init (FasciaClientRow *self)
{
}

/**
 * fascia_client_row_get_client:
 *
 * The client at this row's position in the list shown now, read from the list (a page at a
 * time) the first time it is asked for.
 *
 * Returns: (transfer none): the client; an empty client for a row no longer in the list
 */
FasciaClient *
fascia_client_row_get_client (FasciaClientRow *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_ROW (self), NULL);

  if (self->client == NULL && self->owner != NULL && self->owner->list != NULL
      && self->position < self->owner->n_items)
    self->client = g_list_model_get_item (self->owner->list, self->position);
  if (self->client == NULL)
    self->client = fascia_client_new ();
  return self->client;
}

guint
fascia_client_row_get_position (FasciaClientRow *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_ROW (self), 0);

  return self->position;
}

static GType
fascia_client_rows_get_item_type (GListModel *model)
{
  return FASCIA_TYPE_CLIENT_ROW;
}

/* How many rows are offered of @n_items: those from the offset to the limit. */
static guint
offered (FasciaClientRows *self,
         guint             n_items)
{
  guint end = MIN (n_items, self->limit);

  return end > self->offset ? end - self->offset : 0;
}

/* Emits items-changed for @n_before rows offered becoming @n_after, at the end. */
static void
changed_at_end (FasciaClientRows *self,
                guint             n_before,
                guint             n_after)
{
  if (n_after != n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (n_before, n_after),
                                n_before > n_after ? n_before - n_after : 0,
                                n_after > n_before ? n_after - n_before : 0);
}

static guint
fascia_client_rows_get_n_items (GListModel *model)
{
  FasciaClientRows *self = FASCIA_CLIENT_ROWS (model);

  return offered (self, self->n_items);
}

static gpointer
fascia_client_rows_get_item (GListModel *model,
                             guint       position)
{
  FasciaClientRows *self = FASCIA_CLIENT_ROWS (model);
  FasciaClientRow *row;

  if (position >= offered (self, self->n_items))
    return NULL;

  /* An item is the position in the list shown, whatever the offset. */
  position += self->offset;
  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = g_object_new (FASCIA_TYPE_CLIENT_ROW, NULL);
  row->owner = self;
  row->position = position;
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  return row;
}

static void
fascia_client_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fascia_client_rows_get_item_type;
  iface->get_n_items = fascia_client_rows_get_n_items;
  iface->get_item = fascia_client_rows_get_item;
}

static void
forget_row (gpointer key,
            gpointer value,
            gpointer user_data)
{
  FASCIA_CLIENT_ROW (value)->owner = NULL;
}

/* The rows at @from and past it forget their client, and are told. */
static void
forget_clients (FasciaClientRows *self,
                guint             from,
                guint             to)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FasciaClientRow *row = value;

      if (row->position >= from && row->position < to && row->client != NULL)
        {
          g_clear_object (&row->client);
          g_ptr_array_add (changed, g_object_ref (row));
        }
    }
  for (guint i = 0; i < changed->len; i++)
    g_object_notify_by_pspec (changed->pdata[i], row_properties[ROW_PROP_CLIENT]);
}

/* The rows' length changes at the end: rows past a new end leave the list. */
static void
resize (FasciaClientRows *self,
        guint             n_after)
{
  guint n_before = self->n_items;
  GHashTableIter iter;
  gpointer value;

  if (n_after == n_before)
    return;

  self->n_items = n_after;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FasciaClientRow *row = value;

      if (row->position >= n_after)
        {
          row->owner = NULL;
          g_hash_table_iter_remove (&iter);
        }
    }
  changed_at_end (self, offered (self, n_before), offered (self, n_after));
}

/* Whether @list (the store's paged list) says it is still counted. */
static gboolean
still_counting (GListModel *list)
{
  gboolean growing = FALSE;

  if (list != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (list), "growing") != NULL)
    g_object_get (list, "growing", &growing, NULL);
  return growing;
}

/* A search's list counted only so far grows at its end once counted (see
 * fascia-paged-list.c): so do the rows. While it is counted, the rows keep the length of the
 * list before, if that was longer — a GTK 4.8 list view makes a row widget again for each
 * row that leaves and comes back, most of a keystroke — and those past the list's end show
 * no one (they are below the screen: a new search shows its first rows). */
static void
list_changed (FasciaClientRows *self)
{
  guint n_listed = g_list_model_get_n_items (self->list);

  /* Rows held past the end that now have a client of their own. */
  if (n_listed > self->n_listed)
    forget_clients (self, self->n_listed, n_listed);
  self->n_listed = n_listed;
  resize (self, still_counting (self->list) ? MAX (n_listed, self->n_items) : n_listed);
}

static void
list_items_changed_cb (GListModel       *list,
                       guint             position,
                       guint             removed,
                       guint             added,
                       FasciaClientRows *self)
{
  g_return_if_fail (removed == 0);

  list_changed (self);
}

static void
list_counted_cb (GListModel       *list,
                 GParamSpec       *pspec,
                 FasciaClientRows *self)
{
  list_changed (self);
}

static void
fascia_client_rows_finalize (GObject *object)
{
  FasciaClientRows *self = FASCIA_CLIENT_ROWS (object);

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, list_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->list, list_counted_cb, self);
    }

  g_hash_table_foreach (self->rows, forget_row, NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (fascia_client_rows_parent_class)->finalize (object);
}

static void
fascia_client_rows_class_init (FasciaClientRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fascia_client_rows_finalize;
}

static void
fascia_client_rows_init (FasciaClientRows *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->limit = G_MAXUINT;
}

FasciaClientRows *
fascia_client_rows_new (void)
{
  return g_object_new (FASCIA_TYPE_CLIENT_ROWS, NULL);
}

/**
 * fascia_client_rows_set_list:
 * @clients: (nullable): the clients to show, a list of #FasciaClient
 *
 * Shows @clients in the rows already made: each row held gets the client at its position
 * (read when it is asked for), and the list's length changes at its end.
 */
void
fascia_client_rows_set_list (FasciaClientRows *self,
                             GListModel       *clients)
{
  guint n_before, n_after;

  g_return_if_fail (FASCIA_IS_CLIENT_ROWS (self));
  g_return_if_fail (clients == NULL || G_IS_LIST_MODEL (clients));

  n_before = self->n_items;
  n_after = clients != NULL ? g_list_model_get_n_items (clients) : 0;

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, list_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->list, list_counted_cb, self);
    }
  g_set_object (&self->list, clients);
  self->n_listed = n_after;
  if (clients != NULL)
    {
      g_signal_connect (clients, "items-changed", G_CALLBACK (list_items_changed_cb), self);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (clients), "growing") != NULL)
        g_signal_connect (clients, "notify::growing", G_CALLBACK (list_counted_cb), self);
    }
  /* A list still counted keeps the rows there were, until it is counted. */
  if (still_counting (clients))
    n_after = MAX (n_after, n_before);

  /* The rows past the new end leave the list with what they showed; the others forget their
   * client, and are told once the list is whole again. */
  resize (self, MIN (n_before, n_after));
  forget_clients (self, 0, G_MAXUINT);
  resize (self, n_after);
}

/**
 * fascia_client_rows_set_limit:
 * @limit: where the rows offered end at most (a position of the list shown), %G_MAXUINT for
 *   its end
 *
 * Offers the rows of the list up to @limit: a GTK 4.8 list view makes a row widget for each
 * row of some 200 around its anchor, whatever its height, so a list view given fewer makes
 * fewer (see fascia-clients-page.c). The rows past the limit are added at the end when it is
 * raised.
 */
void
fascia_client_rows_set_limit (FasciaClientRows *self,
                              guint             limit)
{
  guint n_before;

  g_return_if_fail (FASCIA_IS_CLIENT_ROWS (self));

  n_before = offered (self, self->n_items);
  self->limit = limit;
  changed_at_end (self, n_before, offered (self, self->n_items));
}

/**
 * fascia_client_rows_set_offset:
 * @offset: the position of the list shown the rows offered begin at
 *
 * Offers the rows from @offset on, the model's first item being the client at @offset: a
 * list view shown first on a client far down the list makes the rows around it only, not the
 * 200 GTK 4.8 makes between the list's top and it. The rows before are added at the start
 * when it is lowered (a list view keeps the rows it shows where they are).
 */
void
fascia_client_rows_set_offset (FasciaClientRows *self,
                               guint             offset)
{
  guint n_before, n_after;

  g_return_if_fail (FASCIA_IS_CLIENT_ROWS (self));

  if (offset == self->offset)
    return;
  n_before = offered (self, self->n_items);
  self->offset = offset;
  n_after = offered (self, self->n_items);
  if (n_after != n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), 0,
                                n_before > n_after ? n_before - n_after : 0,
                                n_after > n_before ? n_after - n_before : 0);
}

guint
fascia_client_rows_get_offset (FasciaClientRows *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_ROWS (self), 0);

  return self->offset;
}

guint
fascia_client_rows_get_limit (FasciaClientRows *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_ROWS (self), G_MAXUINT);

  return self->limit;
}

/* The length of the list shown, offered or not. */
guint
fascia_client_rows_get_n_listed (FasciaClientRows *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_ROWS (self), 0);

  return self->n_items;
}

/* Returns: (transfer none) (nullable): the clients shown */
GListModel *
fascia_client_rows_get_list (FasciaClientRows *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_ROWS (self), NULL);

  return self->list;
}
