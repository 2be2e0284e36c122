/* fascia-paged-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-paged-list.h"

/*
 * A list of thousands of rows costs what the rows on screen cost. Its length comes from a
 * COUNT when it is made; a row is read when a view asks for it, together with the rest of its
 * page of FASCIA_PAGED_LIST_PAGE_SIZE rows, in one query. The last FASCIA_PAGED_LIST_MAX_PAGES
 * pages used are kept, so scrolling back and forth reads nothing again, and memory stays
 * bounded however far one scrolls. A page that follows a kept page starts from that page's
 * cursor, so scrolling down a long list never pays for an OFFSET.
 *
 * A list may know its length only so far (a search that finds most clients is not counted
 * to its end when it is made): its owner counts on in a worker, on a connection of its own
 * (fascia_store_count_clients_async()), and tells the list, on the list's thread, what it
 * has found so far (fascia_paged_list_count_progress()) and the whole length once counted
 * (fascia_paged_list_counted()). The list grows once, when the count is done — so that a
 * scroll bar shows the whole list a moment after the search and stays, rather than growing
 * as the list is scrolled. Only if the list's end is read before the count is done does it
 * grow to what was found so far (a GListModel must not change while an item is read, so that
 * waits for the next progress). A row asked for past the length counted (a client chosen
 * before, found by its position) is reached at once (fascia_paged_list_reach()). Nothing of
 * the count runs on the list's thread; the list cancels it when it goes.
 *
 * The list is a snapshot: the store's change signal tells its owner to make a new one. A row
 * that can no longer be read (deleted since, or a failed read) is an empty object of the item
 * type rather than NULL, which a GListModel must not return.
 */

typedef struct
{
  guint      index;
  GPtrArray *items;
  gpointer   cursor;
  GList      link;   /* in self->recent; data is the page */
} Page;

struct _FasciaPagedList
{
  GObject               parent_instance;

  GType                 item_type;
  guint                 n_items;
  guint                 n_fetches;

  /* Owned */
  gpointer              user_data;
  GHashTable           *pages;   /* page index → Page */
  GQueue                recent;  /* the pages, most recently used first */

  FasciaPagedListFetch  fetch;
  gboolean              growing;  /* FALSE: the length is known */
  GCancellable         *counting; /* stops the count in the worker */
  guint                 n_found;  /* the rows it has found so far */
  gboolean              end_read; /* the last row counted so far was read */
  GDestroyNotify        user_data_free;
  GDestroyNotify        cursor_free;
};

enum {
  PROP_0,
  PROP_GROWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fascia_paged_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaPagedList, fascia_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      fascia_paged_list_model_init))

static void
page_free (FasciaPagedList *self,
           Page            *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  if (page->cursor != NULL && self->cursor_free != NULL)
    self->cursor_free (page->cursor);
  g_free (page);
}

static void
forget_page (FasciaPagedList *self,
             Page            *page)
{
  g_queue_unlink (&self->recent, &page->link);
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
  page_free (self, page);
}

static Page *read_page (FasciaPagedList *self,
                        guint            index);

static void
grow_to (FasciaPagedList *self,
         guint            n_items)
{
  guint n_before = self->n_items;
  Page *last;

  if (n_items <= n_before)
    return;

  /* The page that held the old end was read short (up to that end): it is read again, whole,
   * when next asked for, rather than asked for rows it does not hold. */
  last = n_before > 0 ? g_hash_table_lookup (self->pages,
                                             GUINT_TO_POINTER ((n_before - 1) / FASCIA_PAGED_LIST_PAGE_SIZE))
                      : NULL;
  if (last != NULL && last->items->len < FASCIA_PAGED_LIST_PAGE_SIZE)
    forget_page (self, last);

  self->n_items = n_items;
  g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_items - n_before);
}

/* The length is known, or will not be: the count in the worker, if any, is let go. */
static void
stop_growing (FasciaPagedList *self,
              gboolean         cancel)
{
  self->growing = FALSE;
  if (self->counting != NULL && cancel)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
}

static Page *
read_page (FasciaPagedList *self,
           guint            index)
{
  guint offset = index * FASCIA_PAGED_LIST_PAGE_SIZE;
  guint limit = MIN (FASCIA_PAGED_LIST_PAGE_SIZE, self->n_items - offset);
  Page *before = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1));
  g_autoptr(GError) error = NULL;
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->items = g_ptr_array_new_full (limit, g_object_unref);
  page->link.data = page;

  self->n_fetches++;
  if (!self->fetch (self->user_data, offset, limit,
                    index > 0 && before != NULL ? before->cursor : NULL,
                    page->items, &page->cursor, &error))
    {
      /* The view cannot be told; the rows show empty until the list is made again. */
      g_debug ("Could not read rows %u–%u: %s", offset, offset + limit, error->message);
    }

  g_ptr_array_set_size (page->items, MIN (page->items->len, limit));
  while (page->items->len < limit)
    g_ptr_array_add (page->items, g_object_new (self->item_type, NULL));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  if (self->growing && offset + limit == self->n_items)
    self->end_read = TRUE;
  g_queue_push_head_link (&self->recent, &page->link);

  while (self->recent.length > FASCIA_PAGED_LIST_MAX_PAGES)
    forget_page (self, g_queue_peek_tail (&self->recent));

  return page;
}

static GType
fascia_paged_list_get_item_type (GListModel *model)
{
  return FASCIA_PAGED_LIST (model)->item_type;
}

static guint
fascia_paged_list_get_n_items (GListModel *model)
{
  return FASCIA_PAGED_LIST (model)->n_items;
}

static gpointer
fascia_paged_list_get_item (GListModel *model,
                            guint       position)
{
  FasciaPagedList *self = FASCIA_PAGED_LIST (model);
  guint index = position / FASCIA_PAGED_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = read_page (self, index);
  else if (self->recent.head != &page->link)
    {
      g_queue_unlink (&self->recent, &page->link);
      g_queue_push_head_link (&self->recent, &page->link);
    }

  return g_object_ref (g_ptr_array_index (page->items, position % FASCIA_PAGED_LIST_PAGE_SIZE));
}

static void
fascia_paged_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fascia_paged_list_get_item_type;
  iface->get_n_items = fascia_paged_list_get_n_items;
  iface->get_item = fascia_paged_list_get_item;
}

static void
fascia_paged_list_finalize (GObject *object)
{
  FasciaPagedList *self = FASCIA_PAGED_LIST (object);

  stop_growing (self, TRUE);
  while (self->recent.length > 0)
    forget_page (self, g_queue_peek_tail (&self->recent));
  g_clear_pointer (&self->pages, g_hash_table_unref);
  if (self->user_data_free != NULL)
    g_clear_pointer (&self->user_data, self->user_data_free);

  G_OBJECT_CLASS (fascia_paged_list_parent_class)->finalize (object);
}

static void
fascia_paged_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_GROWING:
      g_value_set_boolean (value, FASCIA_PAGED_LIST (object)->growing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_paged_list_class_init (FasciaPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_paged_list_finalize;
  object_class->get_property = fascia_paged_list_get_property;

  /* Whether the length is still being counted; notified once it is known. */
  properties[PROP_GROWING] =
    g_param_spec_boolean ("growing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_paged_list_init (FasciaPagedList *self)
{
  self->pages = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->recent);
}

/*
 * fascia_paged_list_new:
 * @item_type: the type of the rows
 * @n_items: how many rows the list has, from a COUNT
 * @fetch: reads one page
 * @user_data: (transfer full): for @fetch, freed with @user_data_free
 * @cursor_free: (nullable): frees the cursors @fetch returns
 */
FasciaPagedList *
fascia_paged_list_new (GType                 item_type,
                       guint                 n_items,
                       FasciaPagedListFetch  fetch,
                       gpointer              user_data,
                       GDestroyNotify        user_data_free,
                       GDestroyNotify        cursor_free)
{
  FasciaPagedList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (fetch != NULL, NULL);

  self = g_object_new (FASCIA_TYPE_PAGED_LIST, NULL);
  self->item_type = item_type;
  self->n_items = n_items;
  self->fetch = fetch;
  self->user_data = user_data;
  self->user_data_free = user_data_free;
  self->cursor_free = cursor_free;

  return self;
}

/*
 * fascia_paged_list_new_with_first_page:
 * @first_page: (transfer full): the first page's rows, read with the count by the same query
 *   (counted among the list's reads); or more of the list's first rows, kept as the pages
 *   they fill (a short list read whole)
 *
 * As fascia_paged_list_new(), the first page (or more) read already.
 */
FasciaPagedList *
fascia_paged_list_new_with_first_page (GType                 item_type,
                                       guint                 n_items,
                                       GPtrArray            *first_page,
                                       FasciaPagedListFetch  fetch,
                                       gpointer              user_data,
                                       GDestroyNotify        user_data_free,
                                       GDestroyNotify        cursor_free)
{
  FasciaPagedList *self = fascia_paged_list_new (item_type, n_items, fetch, user_data,
                                                 user_data_free, cursor_free);
  g_autoptr(GPtrArray) rows = first_page;

  g_return_val_if_fail (first_page != NULL, self);

  self->n_fetches++;
  if (n_items == 0)
    return self;

  /* The first page always (short of rows: empty objects); each later one the rows fill. */
  for (guint index = 0; index * FASCIA_PAGED_LIST_PAGE_SIZE < n_items; index++)
    {
      guint offset = index * FASCIA_PAGED_LIST_PAGE_SIZE;
      guint limit = MIN (FASCIA_PAGED_LIST_PAGE_SIZE, n_items - offset);
      Page *page;

      if (index > 0 && rows->len < offset + limit)
        break;

      page = g_new0 (Page, 1);
      page->index = index;
      page->items = g_ptr_array_new_full (limit, g_object_unref);
      page->link.data = page;
      for (guint i = offset; i < offset + limit && i < rows->len; i++)
        g_ptr_array_add (page->items, g_object_ref (g_ptr_array_index (rows, i)));
      while (page->items->len < limit)
        g_ptr_array_add (page->items, g_object_new (self->item_type, NULL));
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      g_queue_push_tail_link (&self->recent, &page->link);
    }
  return self;
}

/*
 * fascia_paged_list_set_counting:
 * @cancellable: (transfer none): stops the count, which the list does when it goes
 *
 * The list's length is known only so far: there are more rows than it has, which are being
 * counted elsewhere (a worker). Tell the list with fascia_paged_list_count_progress() and
 * fascia_paged_list_counted(), on its thread.
 */
void
fascia_paged_list_set_counting (FasciaPagedList *self,
                                GCancellable    *cancellable)
{
  g_return_if_fail (FASCIA_IS_PAGED_LIST (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  stop_growing (self, TRUE);
  self->growing = TRUE;
  self->n_found = 0;
  self->counting = g_object_ref (cancellable);
}

/*
 * fascia_paged_list_count_progress:
 * @n_found: the rows counted so far
 *
 * The count goes on. A list whose last row was read meanwhile grows to @n_found.
 */
void
fascia_paged_list_count_progress (FasciaPagedList *self,
                                  guint            n_found)
{
  g_return_if_fail (FASCIA_IS_PAGED_LIST (self));

  if (!self->growing)
    return;

  self->n_found = MAX (self->n_found, n_found);
  if (self->end_read && self->n_found > self->n_items)
    {
      self->end_read = FALSE;
      grow_to (self, self->n_found);
    }
}

/*
 * fascia_paged_list_counted:
 * @counted: whether the count reached the end (%FALSE: it failed, and the list keeps the
 *   length it has)
 * @n_items: the whole length
 *
 * The count is done: the list grows to @n_items, once, and is no longer growing.
 */
void
fascia_paged_list_counted (FasciaPagedList *self,
                           gboolean         counted,
                           guint            n_items)
{
  g_return_if_fail (FASCIA_IS_PAGED_LIST (self));

  if (!self->growing)
    return;

  stop_growing (self, FALSE);
  if (counted)
    grow_to (self, n_items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROWING]);
}

/*
 * fascia_paged_list_reach:
 * @n_items: a length the caller knows the list has (a row's position, counted, plus one)
 *
 * A list still counting in the background grows at once to @n_items, if it is shorter.
 */
void
fascia_paged_list_reach (FasciaPagedList *self,
                         guint            n_items)
{
  g_return_if_fail (FASCIA_IS_PAGED_LIST (self));

  if (self->growing)
    grow_to (self, n_items);
}

/* Whether the list knows its length only so far. */
gboolean
fascia_paged_list_get_growing (FasciaPagedList *self)
{
  g_return_val_if_fail (FASCIA_IS_PAGED_LIST (self), FALSE);

  return self->growing;
}

gpointer
fascia_paged_list_get_user_data (FasciaPagedList *self)
{
  g_return_val_if_fail (FASCIA_IS_PAGED_LIST (self), NULL);

  return self->user_data;
}

/* How many pages were read: the queries the list has run. */
guint
fascia_paged_list_get_n_fetches (FasciaPagedList *self)
{
  g_return_val_if_fail (FASCIA_IS_PAGED_LIST (self), 0);

  return self->n_fetches;
}
