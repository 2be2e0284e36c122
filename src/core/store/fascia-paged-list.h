/* fascia-paged-list.h — a GListModel that reads its rows from the store a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Rows read by one query, and how many pages are kept. A page is a screenful of rows and
 * some more: the first page of a search is what every keystroke pays for. */
#define FASCIA_PAGED_LIST_PAGE_SIZE 64
#define FASCIA_PAGED_LIST_MAX_PAGES 16
/* A list this short may come whole with its count, where each query is a round trip. */
#define FASCIA_PAGED_LIST_WHOLE_UP_TO (4 * FASCIA_PAGED_LIST_PAGE_SIZE)

/**
 * FasciaPagedListFetch:
 * @offset: the position of the first row wanted
 * @limit: how many rows are wanted (fewer at the end of the list)
 * @after: (nullable): the cursor the previous page returned, when that page is still kept: a
 *   query that starts after it needs no OFFSET
 * @items: where to append the rows, in list order
 * @cursor: (out): a cursor for the page after this one, freed with the list's
 *   cursor_free, or %NULL
 *
 * Reads one page of rows with one query.
 *
 * Returns: %TRUE on success.
 */
typedef gboolean (*FasciaPagedListFetch) (gpointer        user_data,
                                          guint           offset,
                                          guint           limit,
                                          gconstpointer   after,
                                          GPtrArray      *items,
                                          gpointer       *cursor,
                                          GError        **error);

#define FASCIA_TYPE_PAGED_LIST (fascia_paged_list_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPagedList, fascia_paged_list, FASCIA, PAGED_LIST, GObject)

FasciaPagedList *fascia_paged_list_new            (GType                 item_type,
                                                   guint                 n_items,
                                                   FasciaPagedListFetch  fetch,
                                                   gpointer              user_data,
                                                   GDestroyNotify        user_data_free,
                                                   GDestroyNotify        cursor_free);
FasciaPagedList *fascia_paged_list_new_with_first_page (GType                 item_type,
                                                        guint                 n_items,
                                                        GPtrArray            *first_page,
                                                        FasciaPagedListFetch  fetch,
                                                        gpointer              user_data,
                                                        GDestroyNotify        user_data_free,
                                                        GDestroyNotify        cursor_free);
void             fascia_paged_list_set_counting   (FasciaPagedList      *self,
                                                   GCancellable         *cancellable);
void             fascia_paged_list_count_progress (FasciaPagedList      *self,
                                                   guint                 n_found);
void             fascia_paged_list_counted        (FasciaPagedList      *self,
                                                   gboolean              counted,
                                                   guint                 n_items);
gboolean         fascia_paged_list_get_growing    (FasciaPagedList      *self);
void             fascia_paged_list_reach          (FasciaPagedList      *self,
                                                   guint                 n_items);
gpointer         fascia_paged_list_get_user_data  (FasciaPagedList      *self);
guint            fascia_paged_list_get_n_fetches  (FasciaPagedList      *self);

G_END_DECLS
