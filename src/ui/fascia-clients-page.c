/* fascia-clients-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-clients-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-client-rows.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-clients-page.h"
#include "fascia-height-for-width-layout.h"
#include "fascia-ui-utils.h"

/*
 * The Clients page: a searchable list beside the chosen client. A clinic may have 100,000
 * clients, so the list is a GtkListView over the store's paged list: a COUNT when the search
 * changes or the store says clients changed, and the rows on screen read a page (64) at a time; only
 * the visible rows have widgets. Each row carries its accessible name itself, for GTK 4.8's
 * list rows have none of their own.
 *
 * The list view's model stays the same FasciaClientRows for the page's life: a new search gives
 * the row widgets already made their new clients (fascia-client-rows.c), and a row off screen
 * reads its client only when it shows. Typing is searched once a frame, with the text as it is
 * then: keys that come faster than frames are all in the one search, and none is lost.
 */

struct _FasciaClientsPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  AdwLeaflet       *leaflet;
  GtkRevealer      *demo_revealer;
  GtkSearchEntry   *search_entry;
  GtkToggleButton  *archived_button;
  GtkStack         *list_stack;
  GtkListView      *client_list;
  GtkSingleSelection *selection;
  GtkStack         *content_stack;
  AdwStatusPage    *none_page;
  GtkWidget        *none_words;
  FasciaClientView *client_view; /* (nullable): built when a client is first chosen */

  /* Owned */
  FasciaStore      *store;
  GListModel       *clients;   /* the search's list, as read */
  /* The last list read from the database, and the search and archive state it was read for:
   * shown again for the same search while the clinic server is away */
  GListModel       *read;
  char             *read_key;
  /* The clients added while the clinic server is away that the search finds, kept on this
   * computer until it is back (with_kept()) */
  GListModel       *kept;
  GListModel       *shown;     /* kept, then clients: what the rows show */
  /* (nullable): a newer search's list, growing from no rows while a worker reads what it
   * found: the list shown stays until it has them */
  GListModel       *waiting;
  char             *waiting_key;
  gboolean          waiting_to_top;
  FasciaClientRows *rows;
  guint             search_id; /* the search waiting for this frame */
  guint             n_searches;
  gulong            changed_id;
  gboolean          demo;
  gboolean          reloading;
  gboolean          hide_names;  /* the privacy switch: initials instead of names */
  gboolean          rows_waiting; /* bound rows not yet shown: some past the list's end */
  guint             scroll_to;    /* the row to bring into view once the list is laid out */
  GdkFrameClock    *clock;       /* the list's, while it is realized */
  guint             grow_id;     /* the list's rows grow after a frame (more_rows_cb()) */
  guint             rows_from;   /* where the rows offered began (see place_rows()) */
  gboolean          rows_placed; /* the rows before the offset were added since the last frame */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DEMO,
  PROP_ACTIVE_PLAN,
  PROP_HIDE_NAMES,
  PROP_N_SEARCHES,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaClientsPage, fascia_clients_page, ADW_TYPE_BIN)

static void active_plan_cb (FasciaClientsPage *self);

static void
view_client_cb (FasciaClientsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/* The client view, built the first time a client is shown: with none chosen (a window that
 * opens on the Clients page, say) its template, sections and editors are not made at all. */
static FasciaClientView *
ensure_client_view (FasciaClientsPage *self)
{
  if (self->client_view != NULL)
    return self->client_view;

  self->client_view = g_object_new (FASCIA_TYPE_CLIENT_VIEW, NULL);
  fascia_client_view_set_hide_names (self->client_view, self->hide_names);
  fascia_client_view_set_store (self->client_view, self->store);
  g_signal_connect_object (self->client_view, "notify::active-plan",
                           G_CALLBACK (active_plan_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_view, "notify::client",
                           G_CALLBACK (view_client_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->content_stack, GTK_WIDGET (self->client_view), "client", _("Client"));
  /* Named now, as the rest of the page was: screen readers see its hidden sections too. */
  fascia_ui_name_tree (GTK_WIDGET (self->client_view));
  return self->client_view;
}

/* Returns: (transfer none) (nullable): the client shown, without building the view */
static FasciaClient *
shown_client (FasciaClientsPage *self)
{
  return self->client_view != NULL ? fascia_client_view_get_client (self->client_view) : NULL;
}

/* @kept: the client was added or changed while the clinic server is away, and is kept on
 * this computer until it is back: said last, as the client view says it of a plan or visit. */
static char *
describe_client (FasciaClient *client,
                 gboolean      kept)
{
  g_autofree char *flags = fascia_health_flags_describe (fascia_client_get_health_flags (client));
  GString *subtitle = g_string_new (fascia_client_get_phone (client));

  if (flags != NULL)
    g_string_append_printf (subtitle, subtitle->len > 0 ? " · ⚠ %s" : "⚠ %s", flags);
  if (fascia_client_get_archived (client))
    g_string_append_printf (subtitle, subtitle->len > 0 ? " · %s" : "%s", _("Archived"));
  if (kept)
    g_string_append_printf (subtitle, subtitle->len > 0 ? " · %s" : "%s",
                            _("Waiting to be saved"));

  return g_string_free (subtitle, FALSE);
}

static void show_row (FasciaClientsPage *self,
                      GtkWidget         *box,
                      FasciaClient      *client);

/* A row shows its client when it is on screen; one off screen waits until it shows. */
static void
update_row (GtkWidget *box)
{
  FasciaClientsPage *self = g_object_get_data (G_OBJECT (box), "fascia-page");
  FasciaClientRow *row = g_object_get_data (G_OBJECT (box), "fascia-row");

  if (row == NULL)
    return;
  if (!gtk_widget_get_mapped (box))
    {
      g_object_set_data (G_OBJECT (box), "fascia-stale", GINT_TO_POINTER (TRUE));
      return;
    }
  g_object_set_data (G_OBJECT (box), "fascia-stale", NULL);
  g_object_set_data (G_OBJECT (box), "fascia-waiting", NULL);
  show_row (self, box, fascia_client_row_get_client (row));
}

/*
 * GTK 4.8's list view binds some 200 rows around its anchor, whatever its height, and
 * measures every one of them: a row given its client's name and details when bound had
 * Pango shape and measure some 400 labels for the 15 or so rows on screen (at start-up, and
 * whenever the list moves to another place). A row bound now stays empty (two empty lines,
 * the height of a row with details) until a layout of the list finds it within the list's
 * height: right after GTK's own layout, in the same frame, which lays the rows shown out
 * again before it is painted. The others show their client when they scroll into view.
 */
static gboolean
on_screen (FasciaClientsPage *self,
           GtkWidget         *row)
{
  GtkWidget *list = GTK_WIDGET (self->client_list);
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, list, &bounds)
         && bounds.size.height > 0 && bounds.origin.y + bounds.size.height > 0
         && bounds.origin.y < gtk_widget_get_height (list);
}

/*
 * Nor does the list view make those 200 row widgets for its first frame: the rows offer it
 * FIRST_ROWS clients at first (fascia_client_rows_set_limit()), more if a layout finds them
 * short of the list's height, so that a window opening on the Clients page makes about a
 * screenful of rows (~25 ms of processor time less at start-up, at 100,000 clients). After
 * each frame painted, at low priority, they offer MORE_ROWS more, a few rows made at a time,
 * until GTK's own limit makes no more rows; then all. The list offers all at once when it is
 * scrolled to the end of what it offers, or a row past them is chosen.
 */
#define FIRST_ROWS 24
#define MORE_ROWS  32
#define ALL_ROWS   256  /* past the 200 rows GTK 4.8 makes around its anchor */

/* The position in the list view's model of @position in the list shown, or
 * GTK_INVALID_LIST_POSITION if it is before the rows offered. */
static guint
model_position (FasciaClientsPage *self,
                guint              position)
{
  guint offset = fascia_client_rows_get_offset (self->rows);

  return position != GTK_INVALID_LIST_POSITION && position >= offset ? position - offset
                                                                     : GTK_INVALID_LIST_POSITION;
}

/*
 * A client chosen far down the list before the rows reach it (the client shown last, in a
 * window opening on the Clients page) had the rows offered at once up to it: GTK made its 200
 * rows from the list's top, then, scrolled to the client, 200 more before it. The rows offered
 * begin at that client instead (fascia_client_rows_set_offset()), a screenful of them, so that
 * the list view shows it at its top and makes the rows after it only. After the first frame
 * the rows after it grow as from the top, a few after each frame; a GTK 4.8 list view makes
 * a row for each of some 200 items around its anchor whatever the list's length, taking them
 * from before the anchor when there are not so many after it, so the rows before the client
 * are added only then (rows_before()), at once: the list view keeps the client where it is
 * and makes two rows above it, not 200, and the list is whole again for the scroll bar and a
 * screen reader. A key or a scroll in the list meanwhile adds them first (key_wants_rows_cb()):
 * Up from the client chosen goes to the client before it.
 */
static void
place_rows (FasciaClientsPage *self,
            guint              position)
{
  guint n = fascia_client_rows_get_n_listed (self->rows);
  guint from = n > FIRST_ROWS ? MIN (position, n - FIRST_ROWS) : 0;

  /* The offset first: rows are offered from there on, none before. */
  self->rows_from = from;
  fascia_client_rows_set_offset (self->rows, from);
  fascia_client_rows_set_limit (self->rows, from + FIRST_ROWS);
}

/* The rows before the offset, added before those offered: the list keeps what it shows. */
static void
rows_before (FasciaClientsPage *self)
{
  gboolean reloading = self->reloading;

  if (fascia_client_rows_get_offset (self->rows) == 0)
    return;
  /* The client chosen stays chosen: its position moves, not the selection. */
  self->reloading = TRUE;
  fascia_client_rows_set_offset (self->rows, 0);
  self->reloading = reloading;
  self->rows_placed = TRUE;
}

static void
offer_rows (FasciaClientsPage *self,
            guint              limit)
{
  if (limit >= self->rows_from + ALL_ROWS || limit >= fascia_client_rows_get_n_listed (self->rows))
    limit = G_MAXUINT;
  if (limit > fascia_client_rows_get_limit (self->rows))
    fascia_client_rows_set_limit (self->rows, limit);
  if (limit == G_MAXUINT)
    {
      g_clear_handle_id (&self->grow_id, g_source_remove);
      rows_before (self);
    }
}

/* A key pressed or a scroll in the list while the rows before the client shown are not
 * offered yet: they are, before the list handles it. */
static gboolean
key_wants_rows_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   FasciaClientsPage     *self)
{
  rows_before (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
scroll_wants_rows_cb (GtkEventControllerScroll *controller,
                      double                    dx,
                      double                    dy,
                      FasciaClientsPage        *self)
{
  rows_before (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
more_rows_cb (gpointer data)
{
  FasciaClientsPage *self = data;

  self->grow_id = 0;
  offer_rows (self, fascia_client_rows_get_limit (self->rows) + MORE_ROWS);
  return G_SOURCE_REMOVE;
}

/* A frame painted: the rows before the client shown are added, and the rows grow once more,
 * when nothing else waits. */
static void
painted_cb (GdkFrameClock     *clock,
            FasciaClientsPage *self)
{
  /* The frame that laid the rows added before out moved the scroll bar, not the user. */
  self->rows_placed = FALSE;
  if (self->grow_id == 0 && fascia_client_rows_get_limit (self->rows) != G_MAXUINT)
    self->grow_id = g_idle_add_full (G_PRIORITY_LOW, more_rows_cb, self, NULL);
}

/* Scrolled to the end of the rows offered: all of them, the scroll bar the whole list's. */
static void
scrolled_cb (GtkAdjustment     *adjustment,
             FasciaClientsPage *self)
{
  if (!self->rows_placed && fascia_client_rows_get_limit (self->rows) != G_MAXUINT
      && gtk_adjustment_get_value (adjustment) + 1.5 * gtk_adjustment_get_page_size (adjustment)
         >= gtk_adjustment_get_upper (adjustment))
    offer_rows (self, G_MAXUINT);
}

/* After each layout: the rows waiting that are now on screen show their client. */
static void
layout_cb (GdkFrameClock     *clock,
           FasciaClientsPage *self)
{
  gboolean waiting = FALSE;

  /* Rows offered that do not fill the list: more, laid out in this frame (twice as many). */
  if (fascia_client_rows_get_limit (self->rows) != G_MAXUINT
      && fascia_client_rows_get_n_listed (self->rows) > fascia_client_rows_get_limit (self->rows)
      && gtk_widget_get_height (GTK_WIDGET (self->client_list)) > 0)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
        GTK_SCROLLABLE (self->client_list));

      if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
        {
          guint limit = fascia_client_rows_get_limit (self->rows);

          offer_rows (self, limit + MAX (limit - fascia_client_rows_get_offset (self->rows), 1));
          gtk_widget_queue_allocate (GTK_WIDGET (self->client_list));
        }
    }

  /* Laid out at last: the row chosen before is brought into view (the next layout, in this
   * frame, binds the rows around it). */
  if (self->scroll_to != GTK_INVALID_LIST_POSITION
      && gtk_widget_get_height (GTK_WIDGET (self->client_list)) > 0)
    {
      guint position = model_position (self, self->scroll_to);

      self->scroll_to = GTK_INVALID_LIST_POSITION;
      if (position < g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
        gtk_widget_activate_action (GTK_WIDGET (self->client_list), "list.scroll-to-item", "u",
                                    position);
    }

  if (!self->rows_waiting)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->client_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box == NULL || g_object_get_data (G_OBJECT (box), "fascia-waiting") == NULL)
        continue;
      if (!on_screen (self, row))
        {
          waiting = TRUE;
          continue;
        }
      g_object_set_data (G_OBJECT (box), "fascia-waiting", NULL);
      update_row (box);
    }
  self->rows_waiting = waiting;
}

static void
list_realize_cb (FasciaClientsPage *self)
{
  self->clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->client_list));
  /* After the window's own handler, which allocates the list. */
  g_signal_connect_object (self->clock, "layout", G_CALLBACK (layout_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (self->clock, "after-paint", G_CALLBACK (painted_cb), self, 0);
}

static void
list_unrealize_cb (FasciaClientsPage *self)
{
  if (self->clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->clock, layout_cb, self);
      g_signal_handlers_disconnect_by_func (self->clock, painted_cb, self);
    }
  self->clock = NULL;
  g_clear_handle_id (&self->grow_id, g_source_remove);
}

/* @box shows no one until it is on screen; a screen reader finds it named all the same. */
static void
wait_until_on_screen (FasciaClientsPage *self,
                      GtkWidget         *box)
{
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  FasciaClientRow *row = g_object_get_data (G_OBJECT (box), "fascia-row");

  g_object_set_data (G_OBJECT (box), "fascia-waiting", GINT_TO_POINTER (TRUE));
  gtk_label_set_text (GTK_LABEL (title), "");
  gtk_label_set_text (GTK_LABEL (subtitle), "");
  gtk_widget_set_visible (subtitle, TRUE);
  if (row != NULL)
    show_row (self, box, fascia_client_row_get_client (row));
  self->rows_waiting = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self->client_list));
}

static void
row_mapped_cb (GtkWidget *box)
{
  FasciaClientsPage *self = g_object_get_data (G_OBJECT (box), "fascia-page");

  /* Shown when a layout finds it on screen. */
  if (g_object_get_data (G_OBJECT (box), "fascia-stale") != NULL)
    wait_until_on_screen (self, box);
}

static void
row_client_cb (FasciaClientRow *row,
               GParamSpec      *pspec,
               GtkWidget       *box)
{
  update_row (box);
}

static void
setup_row_cb (FasciaClientsPage *self,
              GtkListItem       *item,
              GtkListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  /* User text: never markup, and shown whole: a health flag the therapist must see ("⚠
   * Anticoagulants or bleeding disorder") was cut to "…bleeding di…". Each text wraps between
   * its words at the row's width, the row as high as its lines (GTK's list view measures a
   * row's height at the list's width). Never a width that follows it: a label asks for no
   * more than its longest word; nor less than one letter, so that a word longer than the row
   * (there is none in a name or a flag) breaks inside the row rather than widening the
   * sidebar and the window. No width in characters either: for that GTK asks Pango for the
   * font's metrics (a sample text shaped) each time it measures the label, ~400 labels at
   * start-up (tests/ui/test-startup `client-rows-no-metrics`). */
  for (GtkWidget *label = title; label != NULL; label = label == title ? subtitle : NULL)
    {
      gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (box), "fascia-page", self);
  g_signal_connect (box, "map", G_CALLBACK (row_mapped_cb), NULL);
}

/* The row of @client in @box: its name, or its initials while names are hidden. */
static void
show_row (FasciaClientsPage *self,
          GtkWidget         *box,
          FasciaClient      *client)
{
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  /* A client changed while the clinic server is away is shown as the journal keeps the
   * change, not as it was read before (nothing in memory when the list was read again). */
  g_autoptr(GObject) changed = self->store != NULL && fascia_client_get_id (client) > 0
                               ? fascia_store_get_kept (self->store, FASCIA_STORE_TABLE_CLIENTS,
                                                        fascia_client_get_id (client))
                               : NULL;
  FasciaClient *as_kept = changed != NULL ? FASCIA_CLIENT (changed) : client;
  g_autofree char *name = fascia_ui_client_name (as_kept, self->hide_names);
  g_autofree char *details = describe_client (as_kept, fascia_client_get_id (client) < 0 ||
                                                       changed != NULL);
  g_autofree char *label = NULL;
  GtkWidget *row = gtk_widget_get_parent (box);

  /* A row waiting to come on screen is named, but lays nothing out. */
  if (g_object_get_data (G_OBJECT (box), "fascia-waiting") == NULL)
    {
      gtk_label_set_text (GTK_LABEL (title), name);
      gtk_label_set_text (GTK_LABEL (subtitle), details);
      gtk_widget_set_visible (subtitle, *details != '\0');
    }

  /* The row a screen reader lands on is the list item widget around the box. */
  label = *details != '\0' ? g_strdup_printf ("%s, %s", name, details) : g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static void
bind_row_cb (FasciaClientsPage  *self,
             GtkListItem        *item,
             GtkListItemFactory *factory)
{
  FasciaClientRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  /* Kept on the row, so that a new search and the privacy switch can show it again. */
  g_object_set_data_full (G_OBJECT (box), "fascia-row", g_object_ref (row), g_object_unref);
  g_signal_connect_object (row, "notify::client", G_CALLBACK (row_client_cb), box, 0);
  /* Read and shown once a layout finds it on screen. */
  g_object_set_data (G_OBJECT (box), "fascia-stale", NULL);
  wait_until_on_screen (self, box);
}

static void
unbind_row_cb (FasciaClientsPage  *self,
               GtkListItem        *item,
               GtkListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  FasciaClientRow *row = g_object_get_data (G_OBJECT (box), "fascia-row");

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_client_cb, box);
  g_object_set_data (G_OBJECT (box), "fascia-row", NULL);
}

/**
 * fascia_clients_page_set_hide_names:
 * @hide: whether a client may be looking at the screen
 *
 * The privacy switch: while on, the list and the client shown give initials, never a name.
 */
void
fascia_clients_page_set_hide_names (FasciaClientsPage *self,
                                    gboolean           hide)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  hide = !!hide;
  if (self->hide_names == hide)
    return;

  self->hide_names = hide;
  /* The rows on screen are the list view's children, each around one box of ours. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->client_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box != NULL)
        update_row (box);
    }
  if (self->client_view != NULL)
    fascia_client_view_set_hide_names (self->client_view, hide);
  /* What was typed in the search is most often a name: it shows as dots, and still finds. */
  {
    GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry));

    if (GTK_IS_TEXT (text))
      gtk_text_set_visibility (GTK_TEXT (text), !hide);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NAMES]);
}

gboolean
fascia_clients_page_get_hide_names (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), FALSE);

  return self->hide_names;
}

/* Returns: (transfer none) (nullable): the client chosen in the list */
static FasciaClient *
selected_client (FasciaClientsPage *self)
{
  FasciaClientRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? fascia_client_row_get_client (row) : NULL;
}

static gint64
selected_id (FasciaClientsPage *self)
{
  FasciaClient *client = selected_client (self);

  return client != NULL ? fascia_client_get_id (client) : 0;
}

/* Brings the row at @position into view. A GTK 4.8 list view told to scroll before it is
 * first laid out binds the rows around @position but lays none of them out: it showed the
 * list's first row alone above blank ones until scrolled (a window opening on a client
 * far down a long list). The scroll waits for the list's first layout (layout_cb()). */
static void
scroll_to_position (FasciaClientsPage *self,
                    guint              position)
{
  if (!gtk_widget_get_realized (GTK_WIDGET (self->client_list))
      || gtk_widget_get_height (GTK_WIDGET (self->client_list)) == 0)
    {
      self->scroll_to = position;
      return;
    }
  self->scroll_to = GTK_INVALID_LIST_POSITION;
  position = model_position (self, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->client_list), "list.scroll-to-item", "u",
                                position);
}

/* Chooses the client at @position of the list shown. */
static void
select_position (FasciaClientsPage *self,
                 guint              position)
{
  /* A row before those offered: the rows before them added. */
  if (position != GTK_INVALID_LIST_POSITION
      && position < fascia_client_rows_get_offset (self->rows))
    rows_before (self);
  /* A row past those offered yet: the rows offered from it on, before the list is first
   * drawn or when it is far (no 200 rows made before it), else offered up to it. */
  if (position != GTK_INVALID_LIST_POSITION
      && position >= fascia_client_rows_get_limit (self->rows))
    {
      if (position >= fascia_client_rows_get_limit (self->rows) + FIRST_ROWS
          || !gtk_widget_get_mapped (GTK_WIDGET (self->client_list)))
        place_rows (self, position);
      else
        offer_rows (self, position + FIRST_ROWS);
    }
  gtk_single_selection_set_selected (self->selection, model_position (self, position));
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, position);
}

static void
select_id (FasciaClientsPage *self,
           gint64             client_id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  guint n_kept = self->kept != NULL ? g_list_model_get_n_items (self->kept) : 0;

  /* Those kept on this computer first, then the list read. */
  for (guint i = 0; i < n_kept && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(FasciaClient) kept = g_list_model_get_item (self->kept, i);

      if (fascia_client_get_id (kept) == client_id)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION && self->clients != NULL && self->store != NULL &&
      client_id > 0)
    {
      position = fascia_store_find_client (self->store, self->clients, client_id);
      if (position != G_MAXUINT)
        position += n_kept;
    }

  if (position != G_MAXUINT)
    select_position (self, position);
}

static void show_clients (FasciaClientsPage *self,
                          gboolean           to_top);

/* Whether @list grows from no rows: a worker reads what its search found. */
static gboolean
list_waits (GListModel *list)
{
  gboolean growing = FALSE;

  if (list == NULL || g_list_model_get_n_items (list) > 0)
    return FALSE;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (list), "growing") != NULL)
    g_object_get (list, "growing", &growing, NULL);
  return growing;
}

static void waiting_done_cb (FasciaClientsPage *self);

/* The list waited for, if any, is let go of: a newer one replaces it. */
static void
stop_waiting (FasciaClientsPage *self)
{
  if (self->waiting == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->waiting, waiting_done_cb, self);
  g_clear_object (&self->waiting);
  if (self->client_list != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->client_list),
                                 GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
}

/* The list waited for has its rows: shown in place of the one before. */
static void
waiting_done_cb (FasciaClientsPage *self)
{
  GListModel *list = g_steal_pointer (&self->waiting);

  g_signal_handlers_disconnect_by_func (list, waiting_done_cb, self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->client_list),
                               GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
  g_clear_object (&self->clients);
  self->clients = list;
  g_set_object (&self->read, list);
  g_free (self->read_key);
  self->read_key = g_steal_pointer (&self->waiting_key);
  show_clients (self, self->waiting_to_top);
}

/* Lists the clients again, for a new search or after a change; @to_top: a new search, shown
 * from its first row unless the client shown is in it. */
static void
reload_full (FasciaClientsPage *self,
             gboolean           to_top)
{
  g_autoptr(GError) error = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* A search that finds most clients is counted as far as it is read. */
  FasciaStoreListFlags flags = FASCIA_STORE_LIST_GROWING;
  GListModel *list = NULL;
  g_autofree char *key = NULL;

  if (gtk_toggle_button_get_active (self->archived_button))
    flags |= FASCIA_STORE_LIST_ARCHIVED;
  key = g_strdup_printf ("%d:%s", flags, query);

  g_clear_handle_id (&self->search_id, g_source_remove);
  stop_waiting (self);
  if (self->store != NULL)
    {
      list = fascia_store_list_clients (self->store, query, flags, &error);
      /* While the clinic server is away the list read before for the same search stays
       * (the banner says why nothing else is read), after the clients kept meanwhile. */
      if (list == NULL &&
          fascia_ui_show_read_error (GTK_WIDGET (self), self->store,
                                     _("Could not read the clients"), error) &&
          self->read != NULL && g_strcmp0 (key, self->read_key) == 0)
        {
          list = g_object_ref (self->read);
          g_clear_pointer (&key, g_free);
        }
    }

  /* A search whose clients a worker reads: the list shown stays, marked busy, until they are
   * read (the frame after, most often), rather than an empty list or "no results" between
   * two keystrokes. A list that held no one said so of the text before: the page says it is
   * searching instead, claiming nothing of this text until it is answered. */
  if (list_waits (list))
    {
      self->waiting = list;
      g_free (self->waiting_key);
      self->waiting_key = g_steal_pointer (&key);
      self->waiting_to_top = to_top;
      g_signal_connect_swapped (list, "notify::growing", G_CALLBACK (waiting_done_cb), self);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->client_list),
                                   GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") != 0)
        gtk_stack_set_visible_child_name (self->list_stack, "searching");
      return;
    }

  g_clear_object (&self->clients);
  self->clients = list;
  /* Read now (a list kept from before leaves its key NULL). */
  if (list != NULL && key != NULL)
    {
      g_set_object (&self->read, list);
      g_free (self->read_key);
      self->read_key = g_steal_pointer (&key);
    }
  show_clients (self, to_top);
}

/* What the rows show: the clients added while the clinic server is away that the search
 * finds (kept on this computer until it is back, marked as waiting to be saved), then the
 * list read. Read from the journal, in memory. */
static void
update_shown (FasciaClientsPage *self)
{
  FasciaStoreListFlags flags = 0;
  GListStore *both;

  if (gtk_toggle_button_get_active (self->archived_button))
    flags |= FASCIA_STORE_LIST_ARCHIVED;
  g_clear_object (&self->kept);
  g_clear_object (&self->shown);
  if (self->store != NULL)
    self->kept = fascia_store_list_clients_kept (
      self->store, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), flags);
  if (self->kept == NULL || g_list_model_get_n_items (self->kept) == 0)
    {
      g_clear_object (&self->kept);
      self->shown = self->clients != NULL ? g_object_ref (self->clients) : NULL;
      return;
    }

  both = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (both, self->kept);
  if (self->clients != NULL)
    g_list_store_append (both, self->clients);
  self->shown = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (both)));
}

/* Whether the keyboard is in the client shown. */
static gboolean
focus_in_client (FasciaClientsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && self->client_view != NULL
         && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->client_view));
}

/* The client the keyboard was in is gone (deleted, or archived out of the list): the focus
 * goes to the list, on the client now in its place, or to the search when none is left. It
 * fell to whatever GTK found next, the toast's Undo, where a second Enter undid the delete,
 * and from there, once the toast had gone, to the window's first control (the Atlas page's
 * tab), far from the list. */
static void
focus_list (FasciaClientsPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") == 0
      && self->shown != NULL && g_list_model_get_n_items (self->shown) > 0
      && gtk_widget_grab_focus (GTK_WIDGET (self->client_list)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Shows self->clients in the rows. */
static void
show_clients (FasciaClientsPage *self,
              gboolean           to_top)
{
  FasciaClient *shown = shown_client (self);
  gint64 shown_id = shown != NULL ? fascia_client_get_id (shown) : 0;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n;

  self->reloading = TRUE;
  /* The rows already made show the new list in place: a GTK 4.8 list view given a new model,
   * or told that all its rows changed, makes every row widget again (about 200). */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* The rows begin at the list's top again, for a list whose positions are others. */
  rows_before (self);
  update_shown (self);
  n = self->shown != NULL ? g_list_model_get_n_items (self->shown) : 0;
  /* A list of no one is not given to the rows: the page says so in their place, and the
   * rows, out of sight, keep the list before, to show the next list in. A GTK 4.8 list view
   * whose list has no rows lets its row widgets go, and the key that found a list again made
   * them all again (about 200, a screenful of them laid out: ~40 ms on the UI thread). */
  if (n > 0)
    fascia_client_rows_set_list (self->rows, self->shown);
  if (shown_id != 0 && n > 0)
    select_id (self, shown_id);
  if (to_top && selected_id (self) == 0 && n > 0
      && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    scroll_to_position (self, 0);
  self->reloading = FALSE;
  self->n_searches++;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (*query == '\0' && !gtk_toggle_button_get_active (self->archived_button))
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");

  /* The client shown was deleted (or filtered out by the archive): show none. */
  if (shown_id != 0 && selected_id (self) != shown_id)
    {
      g_autoptr(FasciaClient) still = NULL;
      g_autoptr(GError) error = NULL;

      /* While the clinic server is away a client of the server cannot be looked up (nor
       * found in the list): it stays shown, and its editors open. One added meanwhile is
       * looked up in the journal. */
      if (self->store != NULL && shown_id < 0)
        still = FASCIA_CLIENT (fascia_store_get_kept (self->store, FASCIA_STORE_TABLE_CLIENTS,
                                                      shown_id));
      else if (self->store != NULL)
        {
          still = fascia_store_get_client (self->store, shown_id, &error);
          if (still == NULL &&
              g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
            still = g_object_ref (shown);
        }
      if (still == NULL)
        {
          gboolean was_in_client = focus_in_client (self);

          fascia_client_view_set_client (self->client_view, NULL);
          gtk_stack_set_visible_child_name (self->content_stack, "none");
          if (was_in_client)
            focus_list (self);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SEARCHES]);
}

static void
reload (FasciaClientsPage *self)
{
  reload_full (self, FALSE);
}

static void
store_changed_cb (FasciaClientsPage *self,
                  FasciaStoreTable   table,
                  FasciaStoreChange  change,
                  gint64             id,
                  FasciaStore       *store)
{
  if (table == FASCIA_STORE_TABLE_CLIENTS)
    reload (self);
}

static gboolean
search_cb (gpointer data)
{
  FasciaClientsPage *self = data;

  self->search_id = 0;
  reload_full (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Every change of the text, searched before the next frame is drawn (GDK's redraw comes after
 * this priority): the list on screen in the frame after the key, and one search for all the
 * keys that came in the meantime. */
static void
search_changed_cb (FasciaClientsPage *self)
{
  if (self->search_id == 0)
    self->search_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, search_cb, self, NULL);
}

/* Enter in the search opens the first match. */
static void
search_activate_cb (FasciaClientsPage *self)
{
  /* Enter may come before the search of the text typed last, or before its clients are read
   * in the worker: waited for here. */
  reload_full (self, TRUE);
  if (self->waiting != NULL && self->store != NULL)
    fascia_store_finish_clients (self->store, self->waiting);
  if (self->shown == NULL || g_list_model_get_n_items (self->shown) == 0)
    return;

  select_position (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_list));
}

static void
archived_toggled_cb (FasciaClientsPage *self)
{
  reload_full (self, TRUE);
}

/*
 * Shows the client beside the list, or over it when the leaflet is folded. AdwLeaflet takes
 * the focus along to the client view when it was in the list, onto its first control: the
 * Archive button, where a second Enter would archive the client, and each arrow press in
 * the list threw the keyboard out of it. The focus stays in the list while both show. When the
 * list is folded away, or on Enter on the client already chosen (@into_client), the focus is
 * put on the client's sections.
 */
static void
show_client_pane (FasciaClientsPage *self,
                  gboolean           into_client)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkWidget) before = NULL;
  GtkWidget *after;

  if (root != NULL && gtk_root_get_focus (root) != NULL)
    before = g_object_ref (gtk_root_get_focus (root));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (root == NULL || self->client_view == NULL)
    return;

  after = gtk_root_get_focus (root);
  if (into_client || adw_leaflet_get_folded (self->leaflet))
    {
      if (after == NULL || !gtk_widget_is_ancestor (after, GTK_WIDGET (self->client_view))
          || after != before)
        fascia_client_view_focus_sections (self->client_view);
    }
  else if (after != before && after != NULL && before != NULL
           && gtk_widget_is_ancestor (after, GTK_WIDGET (self->client_view))
           && gtk_widget_get_root (before) == root)
    {
      gtk_widget_grab_focus (before);
    }
}

static void
selection_changed_cb (FasciaClientsPage *self)
{
  FasciaClient *client = selected_client (self);
  FasciaClient *shown = shown_client (self);

  if (client == NULL || fascia_client_get_id (client) == 0)
    return;

  if (self->reloading && shown != NULL
      && fascia_client_get_id (shown) == fascia_client_get_id (client))
    return;

  fascia_client_view_set_client (ensure_client_view (self), client);
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  if (!self->reloading)
    show_client_pane (self, FALSE);
}

/* Enter or a double click on a row: the client, also when the row was already chosen. */
static void
row_activated_cb (FasciaClientsPage *self,
                  guint              position)
{
  if (gtk_single_selection_get_selected (self->selection) != position)
    select_position (self, position + fascia_client_rows_get_offset (self->rows));
  else
    show_client_pane (self, TRUE);
}

FasciaStore *
fascia_clients_page_get_store (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return self->store;
}

void
fascia_clients_page_set_store (FasciaClientsPage *self,
                               FasciaStore       *store)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));
  g_return_if_fail (store == NULL || FASCIA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->client_view != NULL)
    fascia_client_view_set_store (self->client_view, NULL);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  if (self->client_view != NULL)
    fascia_client_view_set_store (self->client_view, store);

  gtk_stack_set_visible_child_name (self->content_stack, "none");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Another database's list is never kept for this one. */
  g_clear_object (&self->clients);
  g_clear_object (&self->read);
  g_clear_pointer (&self->read_key, g_free);
  reload_full (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
fascia_clients_page_get_demo (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), FALSE);

  return self->demo;
}

void
fascia_clients_page_set_demo (FasciaClientsPage *self,
                              gboolean           demo)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  demo = !!demo;
  if (self->demo == demo)
    return;

  self->demo = demo;
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

FasciaClient *
fascia_clients_page_get_client (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return shown_client (self);
}

void
fascia_clients_page_select_client (FasciaClientsPage *self,
                                   gint64             client_id)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  select_id (self, client_id);
}

/**
 * fascia_clients_page_get_client_view:
 *
 * The client view, built now if no client has been shown yet.
 *
 * Returns: (transfer none): the client view
 */
FasciaClientView *
fascia_clients_page_get_client_view (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return ensure_client_view (self);
}

/**
 * fascia_clients_page_peek_client_view:
 *
 * Returns: (transfer none) (nullable): the client view, or %NULL if no client has been shown
 *   yet (it is built when the first one is)
 */
FasciaClientView *
fascia_clients_page_peek_client_view (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return self->client_view;
}

/* Returns: (transfer none) (nullable): the plan open in the client view's plan editor */
FasciaPlan *
fascia_clients_page_get_active_plan (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return self->client_view != NULL ? fascia_client_view_get_active_plan (self->client_view)
                                   : NULL;
}

/* How many lists the page has made (searches, and the list read again after a change): one
 * for keys typed faster than the frames drawn. */
guint
fascia_clients_page_get_n_searches (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), 0);

  return self->n_searches;
}

guint
fascia_clients_page_get_n_shown (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), 0);

  return self->shown != NULL ? g_list_model_get_n_items (self->shown) : 0;
}

/**
 * fascia_clients_page_refresh:
 *
 * Reads everything shown again, after an undo brought rows back. Not while the clinic server
 * is away, when nothing can be read (an undo then is one the store's journal made, which the
 * editor of the row shows itself); everything is read again when it is back.
 */
void
fascia_clients_page_refresh (FasciaClientsPage *self)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  if (self->store != NULL && !fascia_store_is_connected (self->store))
    return;

  reload (self);
  if (self->client_view != NULL)
    fascia_client_view_refresh (self->client_view);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (widget);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GError) error = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->store == NULL)
    return;

  /* A search that found nobody is most likely the new client's name. */
  fascia_client_set_name (client, *query && fascia_clients_page_get_n_shown (self) == 0
                                  ? query : _("New client"));
  if (!fascia_store_add_client (self->store, client, &error))
    {
      if (!fascia_ui_show_save_error (widget, self->store, _("Could not add the client"),
                                      error))
        return;

      /* Kept on this computer while the clinic server is away, to be added when it is back:
       * listed first, marked as waiting to be saved, and chosen, as a client added is. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      reload_full (self, TRUE);
      select_id (self, fascia_client_get_id (client));
      if (selected_id (self) != fascia_client_get_id (client))
        {
          fascia_client_view_set_client (ensure_client_view (self), client);
          gtk_stack_set_visible_child_name (self->content_stack, "client");
          show_client_pane (self, FALSE);
        }
      fascia_client_view_focus_name (self->client_view);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload_full (self, TRUE);
  select_id (self, fascia_client_get_id (client));
  if (self->client_view != NULL)
    fascia_client_view_focus_name (self->client_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Ctrl+1…4 choose the client's section also while the keyboard is in the list. */
static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (widget);

  if (shown_client (self) == NULL)
    return;

  fascia_client_view_show_section (self->client_view, g_variant_get_string (parameter, NULL));
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The client's own shortcuts — Ctrl+Shift+P, V and R (a new plan, a new visit, the last
 * visit again) and Ctrl+Delete — act on the client shown also while the keyboard is in the
 * list, as Ctrl+1…4 do: the shortcuts window lists them for the Clients page, and with the
 * focus on the client just picked in the list they did nothing. Inside the client view its
 * own bindings take the keys first; so does the search entry (Ctrl+Delete deletes a word). */
static void
client_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *client_action_name = g_strconcat ("client.", name, NULL);

  if (shown_client (self) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, "client");
  /* Deleting leaves the list in view, where the next client is; the rest open in the view. */
  if (g_strcmp0 (name, "delete") != 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (!gtk_widget_activate_action (GTK_WIDGET (self->client_view), client_action_name, NULL))
    gtk_widget_error_bell (widget);
}

static void
active_plan_cb (FasciaClientsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PLAN]);
}

static void
fascia_clients_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_ACTIVE_PLAN:
      g_value_set_object (value, fascia_clients_page_get_active_plan (self));
      break;
    case PROP_HIDE_NAMES:
      g_value_set_boolean (value, self->hide_names);
      break;
    case PROP_N_SEARCHES:
      g_value_set_uint (value, self->n_searches);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, shown_client (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_clients_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fascia_clients_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_DEMO:
      fascia_clients_page_set_demo (self, g_value_get_boolean (value));
      break;
    case PROP_HIDE_NAMES:
      fascia_clients_page_set_hide_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_clients_page_dispose (GObject *object)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  /* The bin's child is a template child; take it out through the bin so both forget it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_CLIENTS_PAGE);

  self->client_view = NULL;  /* a child of the content stack, gone with it */
  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  stop_waiting (self);
  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->kept);
  g_clear_object (&self->shown);
  g_clear_object (&self->read);
  g_clear_pointer (&self->read_key, g_free);
  g_clear_pointer (&self->waiting_key, g_free);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (fascia_clients_page_parent_class)->dispose (object);
}

/* A clinic with no client at all: the list says so and offers New Client and the demo; the
 * pane beside it said "No Client Chosen. Choose a client from the list, or press Ctrl+N to
 * add one" of a list with no one to choose, a second empty state beside the first. It is
 * blank then; a search that finds no one still leaves it ("No Matching Clients" is about the
 * search, and a client may be chosen again by clearing it). */
static void
list_stack_cb (FasciaClientsPage *self)
{
  gboolean no_one = g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack),
                               "empty") == 0;

  adw_status_page_set_icon_name (self->none_page, no_one ? NULL : "avatar-default-symbolic");
  gtk_widget_set_visible (self->none_words, !no_one);
}

/* Folding the window while a client is open keeps the client in view, not the list. The
 * leaflet folds when a client chosen in the list needs more room than the list leaves: the
 * keyboard was in the list, and AdwLeaflet would carry it to the client's first control
 * (Archive, where the next Enter archives the client) or leave it in the list now hidden; it
 * goes to the client's sections, as Enter in the folded list takes it. */
static void
folded_cb (FasciaClientsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->content_stack));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->leaflet))
                     && !gtk_widget_is_ancestor (focus, content);

  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "client") == 0)
    {
      adw_leaflet_set_visible_child (self->leaflet, content);
      if (in_list && self->client_view != NULL)
        fascia_client_view_focus_sections (self->client_view);
    }
}

static void
fascia_clients_page_class_init (FasciaClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_clients_page_get_property;
  object_class->set_property = fascia_clients_page_set_property;
  object_class->dispose = fascia_clients_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FASCIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_PLAN] =
    g_param_spec_object ("active-plan", NULL, NULL, FASCIA_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_NAMES] =
    g_param_spec_boolean ("hide-names", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified once the list of a search is shown in the rows. */
  properties[PROP_N_SEARCHES] =
    g_param_spec_uint ("n-searches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The client shown in the client view (notified when it changes). */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FASCIA_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_HEIGHT_FOR_WIDTH_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, client_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, none_words);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, archived_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "clients.new", NULL, new_client_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "clients.new", NULL);
  gtk_widget_class_install_action (widget_class, "clients.show-section", "s",
                                   show_section_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "clients.show-section", "s", "details");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "clients.show-section", "s", "plans");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "clients.show-section", "s", "visits");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK,
                                       "clients.show-section", "s", "progress");
  gtk_widget_class_install_action (widget_class, "clients.client-action", "s", client_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "clients.client-action", "s", "new-plan");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "clients.client-action", "s", "new-visit");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "clients.client-action", "s", "repeat-visit");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "clients.client-action", "s", "delete");
  gtk_widget_class_install_action (widget_class, "clients.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "clients.search", NULL);
}

static void
fascia_clients_page_init (FasciaClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scroll_to = GTK_INVALID_LIST_POSITION;
  self->rows = fascia_client_rows_new ();
  fascia_client_rows_set_limit (self->rows, FIRST_ROWS);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->client_list)),
                           "value-changed", G_CALLBACK (scrolled_cb), self, 0);

  {
    GtkEventController *key = gtk_event_controller_key_new ();
    GtkEventController *scroll = gtk_event_controller_scroll_new (
      GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

    g_signal_connect (key, "key-pressed", G_CALLBACK (key_wants_rows_cb), self);
    g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_wants_rows_cb), self);
    for (GtkEventController *c = key; c != NULL; c = c == key ? scroll : NULL)
      {
        gtk_event_controller_set_propagation_phase (c, GTK_PHASE_CAPTURE);
        gtk_widget_add_controller (GTK_WIDGET (self->client_list), c);
      }
  }

  fascia_ui_list_one_tab_stop (GTK_WIDGET (self->client_list));
  g_signal_connect_object (self->list_stack, "notify::visible-child-name",
                           G_CALLBACK (list_stack_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  list_stack_cb (self);
  g_signal_connect_object (self->client_list, "realize", G_CALLBACK (list_realize_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_list, "unrealize", G_CALLBACK (list_unrealize_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self,
                           G_CONNECT_SWAPPED);
}
