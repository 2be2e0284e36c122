/* fascia-record-list.c — the atlas's lists of records, read from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia-atlas-private.h"

/* A list filled while the atlas is built and never changed after: the drawings of views are
 * read in threads (loading ahead, fascia-atlas-page.c) while the window reads the same
 * lists. A GListStore cannot be read so: g_list_model_get_item() on it moves a cache of the
 * last position read, and two threads reading at once take each other's position (the item
 * of another place, or NULL past the end). This one reads an array and writes nothing. */
struct _FasciaRecordList
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static GType
fascia_record_list_get_item_type (GListModel *model)
{
  return FASCIA_RECORD_LIST (model)->item_type;
}

static guint
fascia_record_list_get_n_items (GListModel *model)
{
  return FASCIA_RECORD_LIST (model)->items->len;
}

static gpointer
fascia_record_list_get_item (GListModel *model,
                             guint       position)
{
  FasciaRecordList *self = FASCIA_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
fascia_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fascia_record_list_get_item_type;
  iface->get_n_items = fascia_record_list_get_n_items;
  iface->get_item = fascia_record_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaRecordList, fascia_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      fascia_record_list_model_init))

static void
fascia_record_list_finalize (GObject *object)
{
  FasciaRecordList *self = FASCIA_RECORD_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (fascia_record_list_parent_class)->finalize (object);
}

static void
fascia_record_list_class_init (FasciaRecordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fascia_record_list_finalize;
}

static void
fascia_record_list_init (FasciaRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Returns: (transfer full): an empty list of @item_type */
FasciaRecordList *
fascia_record_list_new (GType item_type)
{
  FasciaRecordList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (FASCIA_TYPE_RECORD_LIST, NULL);
  self->item_type = item_type;
  return self;
}

/* Adds @item at the end, while the atlas is built: nothing may read the list yet. Sends no
 * GListModel::items-changed, which nothing listens to then. */
void
fascia_record_list_append (FasciaRecordList *self,
                           gpointer          item)
{
  g_return_if_fail (FASCIA_IS_RECORD_LIST (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));

  g_ptr_array_add (self->items, g_object_ref (item));
}
