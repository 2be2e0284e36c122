/* test-startup.c — what the window does not do at start-up (issue 17): the work it leaves
 * out, checked by its mechanism, not timed.
 *
 * This program links the store as Fascia does and nothing of PostgreSQL's: whatever maps
 * libpq here, the store did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <sqlite3.h>

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-client-rows.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-diagram-private.h"
#include "fascia-diagram-view.h"
#include "fascia-progress-chart.h"
#include "fascia-study-page.h"
#include "fascia-db-postgres.h"
#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"

static FasciaApplication *app;
/* The thread main() runs on, where the window is built. */
static GThread *main_thread;

/* Pango's font metrics asked for (each time shaping a sample text of the language): GTK asks
 * for them where a label has a width in characters, every time it is measured. This
 * program's own pango_context_get_metrics() is the one GTK calls (meson.build exports it),
 * and it counts them. */
static guint n_metrics;

PangoFontMetrics *
pango_context_get_metrics (PangoContext               *context,
                           const PangoFontDescription *desc,
                           PangoLanguage              *language)
{
  static PangoFontMetrics *(*real) (PangoContext *, const PangoFontDescription *,
                                    PangoLanguage *);

  if (real == NULL)
    real = dlsym (RTLD_NEXT, "pango_context_get_metrics");
  n_metrics++;
  return real (context, desc, language);
}

/* The widths Pango layouts are given while counting (layouts_counting): GTK sets a layout's
 * width before it lays it out there, each text shaped anew. This program's
 * pango_layout_set_width() is the one GTK calls (meson.build exports it). */
static gboolean layouts_counting;
static guint n_narrow_layouts;       /* laid out narrower than 60 px (and wider than 0) */
static GHashTable *layouts_by_text;  /* text → widths it was given, changed */

void
pango_layout_set_width (PangoLayout *layout,
                        int          width)
{
  static void (*real) (PangoLayout *, int);

  if (real == NULL)
    real = dlsym (RTLD_NEXT, "pango_layout_set_width");
  if (layouts_counting && pango_layout_get_width (layout) != width)
    {
      const char *text = pango_layout_get_text (layout);

      if (width > 0 && width < 60 * PANGO_SCALE)
        n_narrow_layouts++;
      if (text != NULL && *text != '\0')
        g_hash_table_insert (layouts_by_text, g_strdup (text), GUINT_TO_POINTER (
          GPOINTER_TO_UINT (g_hash_table_lookup (layouts_by_text, text)) + 1));
    }
  real (layout, width);
}

/* Regions' hit masks rendered (rendered into an A8 image, where a view's drawing is rendered
 * into ARGB32), on any thread: this program's rsvg_handle_render_layer() is the one the
 * diagram code calls (meson.build exports it). */
static gint n_mask_renders;

gboolean
rsvg_handle_render_layer (RsvgHandle           *handle,
                          cairo_t              *cr,
                          const char           *id,
                          const RsvgRectangle  *viewport,
                          GError              **error)
{
  static gboolean (*real) (RsvgHandle *, cairo_t *, const char *, const RsvgRectangle *,
                           GError **);
  cairo_surface_t *target = cairo_get_target (cr);

  if (g_atomic_pointer_get (&real) == NULL)
    g_atomic_pointer_set (&real, dlsym (RTLD_NEXT, "rsvg_handle_render_layer"));
  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE
      && cairo_image_surface_get_format (target) == CAIRO_FORMAT_A8)
    g_atomic_int_inc (&n_mask_renders);
  return real (handle, cr, id, viewport, error);
}

/* Drawings of views read on the main thread while counting (drawings_counting). */
static gboolean drawings_counting;
static gint n_drawings_read_on_main;

GBytes *
g_resources_lookup_data (const char            *path,
                         GResourceLookupFlags   lookup_flags,
                         GError               **error)
{
  static GBytes *(*real) (const char *, GResourceLookupFlags, GError **);

  if (g_atomic_pointer_get (&real) == NULL)
    g_atomic_pointer_set (&real, dlsym (RTLD_NEXT, "g_resources_lookup_data"));
  if (g_atomic_int_get (&drawings_counting) && g_thread_self () == main_thread
      && strstr (path, "/diagrams/") != NULL && g_str_has_suffix (path, ".svg"))
    g_atomic_int_inc (&n_drawings_read_on_main);
  return real (path, lookup_flags, error);
}

static void
painted_cb (GdkFrameClock *clock,
            guint         *n)
{
  (*n)++;
}

/* Until the window has painted @frames more frames. */
static void
wait_frames (GtkWidget *window,
             guint      frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  guint n = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &n);

  while (n < frames)
    {
      gtk_widget_queue_draw (window);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, id);
  fascia_test_iterate ();
}

/* A window on a demo clinic in a file, @page shown and no client chosen, as a therapist who
 * last closed Fascia on that page finds it. */
static FasciaWindow *
open_window_on (const char *dir,
                const char *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  FasciaWindow *window;

  g_assert_true (fascia_store_create_demo_full (path, 200, &error));
  g_assert_no_error (error);
  fascia_application_set_database_path (app, path);
  g_settings_reset (fascia_application_get_settings (app), "last-client");
  /* The page shown last, which the window opens on. */
  g_settings_set_string (fascia_application_get_settings (app), "last-page", page);

  window = fascia_window_new (app);
  g_assert_nonnull (fascia_window_get_store (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 3);
  return window;
}

static FasciaWindow *
open_window (const char *dir)
{
  return open_window_on (dir, "clients");
}

/* How many widgets of @type the window holds, shown or not (a stack holds its hidden pages
 * as children too). */
static guint
count_in_tree (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_in_tree (child, type);
  return n;
}

/* The first widget of @type under @widget, itself included. */
static GtkWidget *
find_in_tree (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_in_tree (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The libraries mapped into this process whose file name holds @name. */
static guint
count_mapped (const char *name)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *file = strrchr (lines[i], '/');

      if (file != NULL && strstr (file, name) != NULL)
        n++;
    }
  return n;
}

/* A practice on a file never loads the server's engine: neither libpq nor libsecret (nor the
 * Kerberos, LDAP and TLS libraries they bring) is mapped once the window is up and its
 * store open. */
static void
test_no_server_engine (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window = open_window (dir);

  g_assert_false (fascia_store_is_server_database (fascia_store_get_path (
    fascia_window_get_store (window))));
  g_assert_false (fascia_db_postgres_is_loaded ());
  g_assert_cmpuint (count_mapped ("libpq.so"), ==, 0);
  g_assert_cmpuint (count_mapped ("libsecret-1.so"), ==, 0);
  g_assert_cmpuint (count_mapped ("libldap"), ==, 0);
  g_assert_cmpuint (count_mapped ("fascia-postgres"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A page is built when it is first shown: a window that opens on the Clients page has no
 * Atlas page (nor its diagram view) and no Study page once it is up and idle. Shown, each is
 * built, in reach of the keyboard (Ctrl+1…4 go to the Atlas's views), and stays. */
static void
test_pages_built_when_shown (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window = open_window (dir);
  FasciaAtlasPage *atlas;

  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENTS_PAGE), ==, 1);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_ATLAS_PAGE), ==, 0);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_DIAGRAM_VIEW), ==, 0);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_STUDY_PAGE), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "atlas"));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_ATLAS_PAGE), ==, 1);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_STUDY_PAGE), ==, 0);
  atlas = fascia_window_get_atlas_page (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (atlas)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "i", 3));
  g_assert_cmpstr (fascia_atlas_page_get_view (atlas), ==, "posterior-deep");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "study"));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_STUDY_PAGE), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fascia_window_get_study_page (window))));
  g_assert_true (fascia_window_get_atlas_page (window) == atlas);

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window that opens on the Atlas page does not build the Clients page (its list, and the
 * client shown last with all its visits) after its first frame, while the user may already
 * be typing: the Clients page is built when it is first shown. */
static void
test_clients_page_built_when_shown (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window = open_window_on (dir, "atlas");

  g_assert_cmpstr (fascia_window_get_visible_page (window), ==, "atlas");
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENTS_PAGE), ==, 0);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENT_VIEW), ==, 0);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_STUDY_PAGE), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "clients"));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENTS_PAGE), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fascia_window_get_clients_page (window))));

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

static void
assert_same_size (GtkWidget      *a,
                  GtkWidget      *b,
                  GtkOrientation  orientation)
{
  int a_min, a_nat, b_min, b_nat;

  gtk_widget_measure (a, orientation, -1, &a_min, &a_nat, NULL, NULL);
  gtk_widget_measure (b, orientation, -1, &b_min, &b_nat, NULL, NULL);
  g_test_message ("%s: %d/%d, its visible page %d/%d",
                  orientation == GTK_ORIENTATION_HORIZONTAL ? "width" : "height",
                  a_min, a_nat, b_min, b_nat);
  g_assert_cmpint (a_min, ==, b_min);
  g_assert_cmpint (a_nat, ==, b_nat);
}

/* With no client chosen, the Clients page shows "No Client Chosen" and has no client view at
 * all: it is built when a client is first chosen (its template, sections and editors cost
 * ~14 ms at start-up, for a view that was hidden). The stack is the size of the page it
 * shows, in both directions. */
static void
test_hidden_client_view (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window = open_window (dir);
  GtkWidget *page = GTK_WIDGET (fascia_window_get_clients_page (window));
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (page, FASCIA_TYPE_CLIENTS_PAGE,
                                                               "content_stack"));
  GtkWidget *view;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENT_VIEW), ==, 0);
  assert_same_size (GTK_WIDGET (stack), gtk_stack_get_visible_child (stack),
                    GTK_ORIENTATION_HORIZONTAL);
  assert_same_size (GTK_WIDGET (stack), gtk_stack_get_visible_child (stack),
                    GTK_ORIENTATION_VERTICAL);
  /* Ctrl+2 with no client chosen builds nothing either. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "i", 2));
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENT_VIEW), ==, 0);

  /* A client chosen builds and shows the view; the window keeps its size. */
  fascia_clients_page_select_client (FASCIA_CLIENTS_PAGE (page), 1);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), FASCIA_TYPE_CLIENT_VIEW), ==, 1);
  view = GTK_WIDGET (fascia_clients_page_get_client_view (FASCIA_CLIENTS_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "client");
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_nonnull (fascia_clients_page_get_client (FASCIA_CLIENTS_PAGE (page)));
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (
    FASCIA_CLIENTS_PAGE (page))), ==, 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  /* Nor is the date of birth's calendar made before its button is pressed; pressed, it is. */
  g_assert_cmpuint (count_in_tree (view, GTK_TYPE_CALENDAR), ==, 0);
  {
    GtkWidget *birth = GTK_WIDGET (gtk_widget_get_template_child (view, FASCIA_TYPE_CLIENT_VIEW,
                                                                  "birth_row"));
    GtkWidget *button = find_in_tree (birth, GTK_TYPE_MENU_BUTTON);

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_sensitive (button));
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpuint (count_in_tree (view, GTK_TYPE_CALENDAR), ==, 1);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* The rows of @list, and how many of them lie within its height. */
static guint
count_rows (GtkWidget *list,
            guint     *on_screen)
{
  guint n = 0;

  *on_screen = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      n++;
      if (gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, list, &bounds)
          && bounds.origin.y + bounds.size.height > 0
          && bounds.origin.y < gtk_widget_get_height (list))
        (*on_screen)++;
    }
  return n;
}

typedef struct
{
  GtkWidget *list;
  guint      frames;
  guint      rows;        /* the list's rows at its first frame */
  guint      on_screen;   /* of which on screen */
} FirstFrame;

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  if (first->frames++ == 0)
    first->rows = count_rows (first->list, &first->on_screen);
}

/* The client list's first frame makes about a screenful of rows: GTK 4.8's list view made
 * some 200 whatever its height (a row widget, a box and two labels each, styled and measured:
 * ~25 ms of processor time at start-up). After the first frame the list offers the rest, a
 * few rows made after each frame, until it offers every client: scrolled to its end, it
 * shows the last. */
static void
test_client_list_first_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  FirstFrame first = { NULL, };
  FasciaWindow *window;
  FasciaClientsPage *page;
  GListModel *model;
  GtkAdjustment *adj;
  gulong id;
  guint n_clients, on_screen;

  g_assert_true (fascia_store_create_demo_full (path, 200, &error));
  g_assert_no_error (error);
  fascia_application_set_database_path (app, path);
  g_settings_reset (fascia_application_get_settings (app), "last-client");
  g_settings_set_string (fascia_application_get_settings (app), "last-page", "clients");

  window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = fascia_window_get_clients_page (window);
  g_assert_nonnull (page);
  first.list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                          FASCIA_TYPE_CLIENTS_PAGE,
                                                          "client_list"));
  gtk_widget_realize (GTK_WIDGET (window));
  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                         G_CALLBACK (first_frame_cb), &first);
  gtk_window_present (GTK_WINDOW (window));
  while (first.frames == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);

  g_test_message ("first frame: %u rows made, %u on screen", first.rows, first.on_screen);
  g_assert_cmpuint (first.on_screen, >, 5);
  g_assert_cmpuint (first.rows, <=, first.on_screen + 10);

  /* Then every client, the last one shown at the end. */
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (first.list)));
  n_clients = fascia_clients_page_get_n_shown (page);
  g_assert_cmpuint (n_clients, >, 200);
  for (guint i = 0; i < 100 && g_list_model_get_n_items (model) < n_clients; i++)
    wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_clients);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (first.list));
  for (guint i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      wait_frames (GTK_WIDGET (window), 1);
    }
  g_assert_cmpuint (count_rows (first.list, &on_screen), >, first.rows);
  {
    gboolean last_shown = FALSE;

    /* The row on screen of the last client (each row's box holds its position). */
    for (GtkWidget *row = gtk_widget_get_first_child (first.list); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *box = gtk_widget_get_first_child (row);
        FasciaClientRow *item = box != NULL ? g_object_get_data (G_OBJECT (box), "fascia-row")
                                            : NULL;
        graphene_rect_t bounds;

        if (item != NULL && fascia_client_row_get_position (item) == n_clients - 1
            && gtk_widget_get_mapped (row)
            && gtk_widget_compute_bounds (row, first.list, &bounds)
            && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (first.list) + 1)
          last_shown = TRUE;
      }
    g_assert_true (last_shown);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A demo clinic of 200 clients in @dir/fascia.db (*@path), whose first made-up client, the
 * regular, has 500 visits or more (*@n_visits, if asked for): the practice a busy therapist
 * keeps. Returns: (transfer full): the regular */
static FasciaClient *
make_busy_clinic (const char *dir,
                  char      **path,
                  guint      *n_visits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  FasciaClient *regular;

  *path = g_build_filename (dir, "fascia.db", NULL);
  g_assert_true (fascia_store_create_demo_full (*path, 200, &error));
  g_assert_no_error (error);
  /* The crowd's first client is the regular, with 500 visits. */
  store = fascia_store_open (*path, &error);
  g_assert_no_error (error);
  found = fascia_store_list_clients (store, "client1@example.org", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  regular = g_list_model_get_item (found, 0);
  if (n_visits != NULL)
    {
      g_autoptr(GListModel) visits = fascia_store_list_visits (store,
                                                               fascia_client_get_id (regular),
                                                               &error);

      g_assert_no_error (error);
      *n_visits = g_list_model_get_n_items (visits);
      g_assert_cmpuint (*n_visits, >=, 500);
    }
  return regular;
}

/* The client shown last, with 500 visits, comes back on its details: its first frame makes
 * what the details show and nothing of the sections behind them (at 100,000 clients ≈ 60 ms
 * of the start-up went to its visit rows, 64 of them made and bound while hidden, and to the
 * chart of its 500 scores). Each section makes its part when shown: the visits list the
 * rows that fill it (not O(visits)), more as it is scrolled; the chart every score. */
/* The settings of the client shown last written while counting (settings_counting): this
 * program's g_settings_set_int64() and g_settings_set_string() are the ones Fascia calls.
 * GLib's memory backend, which the tests use, drops a write of the value it holds without a
 * "changed"; the keyfile backend rewrites its file for it, dconf takes a round trip. */
static gboolean settings_counting;
static guint n_client_settings_written;

static void
count_client_setting (const char *key)
{
  if (settings_counting
      && (g_str_equal (key, "last-client") || g_str_equal (key, "last-client-database")))
    n_client_settings_written++;
}

gboolean
g_settings_set_int64 (GSettings  *settings,
                      const char *key,
                      gint64      value)
{
  static gboolean (*real) (GSettings *, const char *, gint64);

  if (real == NULL)
    real = dlsym (RTLD_NEXT, "g_settings_set_int64");
  count_client_setting (key);
  return real (settings, key, value);
}

gboolean
g_settings_set_string (GSettings  *settings,
                       const char *key,
                       const char *value)
{
  static gboolean (*real) (GSettings *, const char *, const char *);

  if (real == NULL)
    real = dlsym (RTLD_NEXT, "g_settings_set_string");
  count_client_setting (key);
  return real (settings, key, value);
}

/* The client shown again at start-up is the one the settings name: showing it writes neither
 * setting back (a write each was a rewrite of the settings file, or a round trip to dconf,
 * before the first frame). Another client chosen is still kept for the next start. */
static void
test_restored_client_writes_nothing (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(FasciaClient) regular = make_busy_clinic (dir, &path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(FasciaClient) other = NULL;
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window;
  FasciaClientsPage *page;

  {
    g_autoptr(FasciaStore) store = fascia_store_open (path, &error);

    g_assert_no_error (error);
    clients = fascia_store_list_clients (store, "", 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (clients) && other == NULL; i++)
      {
        g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);

        if (fascia_client_get_id (client) != fascia_client_get_id (regular))
          other = g_object_ref (client);
      }
    g_assert_nonnull (other);
  }

  fascia_application_set_database_path (app, path);
  g_settings_set_string (settings, "last-page", "clients");
  g_settings_set_int64 (settings, "last-client", fascia_client_get_id (regular));
  g_settings_set_string (settings, "last-client-database", path);
  n_client_settings_written = 0;
  settings_counting = TRUE;

  window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 3);
  page = fascia_window_get_clients_page (window);
  g_assert_nonnull (fascia_clients_page_get_client (page));
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==,
                   fascia_client_get_id (regular));
  g_test_message ("settings written at start-up: %u", n_client_settings_written);
  g_assert_cmpuint (n_client_settings_written, ==, 0);

  fascia_clients_page_select_client (page, fascia_client_get_id (other));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (n_client_settings_written, ==, 2);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-client"), ==,
                   fascia_client_get_id (other));

  settings_counting = FALSE;
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

static void
test_busy_client_first_frame (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  guint n_visits;
  g_autoptr(FasciaClient) regular = make_busy_clinic (dir, &path, &n_visits);
  GSettings *settings = fascia_application_get_settings (app);
  FasciaClientsPage *page;
  GtkWidget *view, *visit_list, *plan_list;
  FasciaProgressChart *chart;
  GtkAdjustment *adj;
  guint n, on_screen, offered;

  fascia_application_set_database_path (app, path);
  g_settings_set_string (settings, "last-page", "clients");
  g_settings_set_int64 (settings, "last-client", fascia_client_get_id (regular));
  g_settings_set_string (settings, "last-client-database", path);
  {
    FasciaWindow *window = fascia_window_new (app);

    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    gtk_window_present (GTK_WINDOW (window));
    wait_frames (GTK_WIDGET (window), 3);

    page = fascia_window_get_clients_page (window);
    g_assert_nonnull (fascia_clients_page_get_client (page));
    g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==,
                     fascia_client_get_id (regular));
    view = GTK_WIDGET (fascia_clients_page_get_client_view (page));
    g_assert_true (gtk_widget_get_mapped (view));
    visit_list = GTK_WIDGET (gtk_widget_get_template_child (view, FASCIA_TYPE_CLIENT_VIEW,
                                                            "visit_list"));
    plan_list = GTK_WIDGET (gtk_widget_get_template_child (view, FASCIA_TYPE_CLIENT_VIEW,
                                                           "plan_list"));
    chart = FASCIA_PROGRESS_CHART (gtk_widget_get_template_child (view, FASCIA_TYPE_CLIENT_VIEW,
                                                                  "progress_chart"));

    /* On its details: no visit or plan row made, no score charted. */
    g_assert_cmpuint (count_rows (visit_list, &on_screen), ==, 0);
    g_assert_cmpuint (count_rows (plan_list, &on_screen), ==, 0);
    g_assert_cmpuint (fascia_progress_chart_get_n_points (chart), ==, 0);

    /* Ctrl+3: the rows that fill the list, and hardly more. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "i", 3));
    wait_frames (GTK_WIDGET (window), 3);
    g_assert_true (gtk_widget_get_mapped (visit_list));
    n = count_rows (visit_list, &on_screen);
    g_test_message ("visit rows made: %u, on screen: %u", n, on_screen);
    g_assert_cmpuint (on_screen, >, 0);
    g_assert_cmpuint (n, <=, on_screen + 3);
    /* It scrolls, and offers more as it is scrolled to its end, up to the last visit. */
    adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (visit_list));
    g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
    for (guint i = 0; i < 200; i++)
      {
        gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
        wait_frames (GTK_WIDGET (window), 1);
      }
    offered = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
      GTK_LIST_VIEW (visit_list))));
    g_test_message ("visits offered after scrolling: %u of %u", offered, n_visits);
    g_assert_cmpuint (offered, ==, n_visits);

    /* Ctrl+4: every score charted. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "i", 4));
    wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpuint (fascia_progress_chart_get_n_points (chart), ==, n_visits);

    gtk_window_destroy (GTK_WINDOW (window));
  }
  g_settings_reset (settings, "last-client");
  g_settings_reset (settings, "last-client-database");
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

static void
count_setup_cb (GtkListItemFactory *factory,
                GtkListItem        *item,
                guint              *n)
{
  (*n)++;
}

/* The position of the row of @list that holds the client at @position of the list shown, or
 * NULL. */
static GtkWidget *
row_at (GtkWidget *list,
        guint      position)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      FasciaClientRow *item = box != NULL ? g_object_get_data (G_OBJECT (box), "fascia-row")
                                          : NULL;

      if (item != NULL && fascia_client_row_get_position (item) == position)
        return row;
    }
  return NULL;
}

static gboolean
offset_at_key_cb (GtkEventControllerKey *keys,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  int                   *offset)
{
  FasciaClientRows *rows = g_object_get_data (G_OBJECT (keys), "fascia-rows");

  if (keyval == GDK_KEY_Up && *offset < 0)
    *offset = fascia_client_rows_get_offset (rows);
  return GDK_EVENT_PROPAGATE;
}

/* The client shown last, far down the list (the 500-visit regular, after 400 clients who sort
 * before), comes back chosen with its row on screen, and the list's first frame makes about a
 * screenful of rows: a GTK 4.8 list view scrolled to a row far down made some 200 rows before
 * it (and the 200 at the list's top, offered at once up to that row), styled and measured
 * before the first frame. Up from its row at once chooses the client before it, and the list
 * comes to hold every client in its place. */
static void
test_chosen_client_first_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(FasciaClient) regular = make_busy_clinic (dir, &path, NULL);
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(FasciaClient) before = NULL;
  GSettings *settings = fascia_application_get_settings (app);
  FirstFrame first = { NULL, };
  FasciaWindow *window;
  FasciaClientsPage *page;
  GtkSingleSelection *selection;
  GtkListItemFactory *factory;
  GtkWidget *row;
  gulong id;
  guint position, made = 0, made_first, on_screen;
  int offset_at_key = -1;

  {
    g_autoptr(FasciaStore) store = fascia_store_open (path, &error);
    g_autoptr(GString) csv = g_string_new ("name,email,phone\n");
    g_autoptr(GBytes) bytes = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < 400; i++)
      g_string_append_printf (csv, "Aaron %03u Abbott,a%u@example.org,0400 %06u\n", i, i, i);
    bytes = g_bytes_new (csv->str, csv->len);
    g_assert_true (fascia_store_import_clients (store, bytes, NULL, NULL, &error));
    g_assert_no_error (error);
    clients = fascia_store_list_clients (store, "", 0, &error);
    g_assert_no_error (error);
    position = fascia_store_find_client (store, clients, fascia_client_get_id (regular));
    g_assert_cmpuint (position, >=, 400);
    g_assert_cmpuint (position, <, g_list_model_get_n_items (clients));
    before = g_list_model_get_item (clients, position - 1);
  }

  fascia_application_set_database_path (app, path);
  g_settings_set_string (settings, "last-page", "clients");
  g_settings_set_int64 (settings, "last-client", fascia_client_get_id (regular));
  g_settings_set_string (settings, "last-client-database", path);

  window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = fascia_window_get_clients_page (window);
  first.list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                          FASCIA_TYPE_CLIENTS_PAGE,
                                                          "client_list"));
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "selection"));
  factory = gtk_list_view_get_factory (GTK_LIST_VIEW (first.list));
  g_signal_connect (factory, "setup", G_CALLBACK (count_setup_cb), &made);
  gtk_widget_realize (GTK_WIDGET (window));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* The rows' offset when the window sees a key, before the list does. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_object_set_data (G_OBJECT (keys), "fascia-rows", gtk_single_selection_get_model (selection));
    g_signal_connect (keys, "key-pressed", G_CALLBACK (offset_at_key_cb), &offset_at_key);
    gtk_widget_add_controller (GTK_WIDGET (window), keys);
  }
  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                         G_CALLBACK (first_frame_cb), &first);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  /* The keyboard goes to the window under the pointer (no window manager). */
  fascia_ui_test_pointer_move_now (GTK_WIDGET (window), 200, 200);
  while (first.frames == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);
  made_first = made;

  /* (The window makes its rows as it is built, before it is realized: the factory's setups
   * counted from then on are those of the frames.) */
  g_test_message ("client at %u; first frame: %u rows, %u on screen (%u rows made while "
                  "realized)", position, first.rows, first.on_screen, made_first);
  g_assert_cmpuint (first.on_screen, >, 5);
  g_assert_cmpuint (first.rows, <=, first.on_screen + 10);

  /* Up from its row at once, while the list offers the rows from it on: the client before
   * it (a key in the list has the rows before it offered first). Nothing runs between the
   * frame and the key (the pointer was put over the window before it was shown): the window
   * sees the key while the rows before are not offered, and says so. */
  g_assert_cmpuint (fascia_client_rows_get_offset (FASCIA_CLIENT_ROWS (
    gtk_single_selection_get_model (selection))), >, 0);
  row = row_at (first.list, position);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  fascia_ui_test_keys_now (first.list, "Up");
  for (guint i = 0; i < 100 && fascia_client_get_id (fascia_clients_page_get_client (page))
                               == fascia_client_get_id (regular); i++)
    fascia_ui_test_wait_idle (20);
  g_assert_cmpint (offset_at_key, >, 0);
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==,
                   fascia_client_get_id (before));

  /* Chosen, its row on screen, in its place among every client once they are offered. */
  for (guint i = 0; i < 100 && g_list_model_get_n_items (G_LIST_MODEL (
         gtk_single_selection_get_model (selection))) < fascia_clients_page_get_n_shown (page);
       i++)
    wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_single_selection_get_model (
    selection))), ==, fascia_clients_page_get_n_shown (page));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position - 1);
  g_assert_cmpint (fascia_client_get_id (fascia_client_row_get_client (
    gtk_single_selection_get_selected_item (selection))), ==, fascia_client_get_id (before));
  row = row_at (first.list, position - 1);
  g_assert_nonnull (row);
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (row, first.list, &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                       gtk_widget_get_height (first.list) + 1);
  }
  g_test_message ("rows made by the frames after: %u, held %u", made - made_first,
                  count_rows (first.list, &on_screen));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-client");
  g_settings_reset (settings, "last-client-database");
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* The client shown last comes back on its details, and its intake's rows, the intake's
 * description, the header and the demo clinic's bar (a revealer measures its label hidden
 * too) lay their text out at the widths they are shown at, not at width after width: GTK
 * 4.8's horizontal box asked each row's title box (and the group's, the header's and the
 * bar's label) for its width at a height, which its wrapping labels answered by a search, a
 * dozen layouts and more of each, ~80 narrower than 60 px (fascia-height-for-width-layout.c).
 * Counted until the third frame. */
static void
test_details_lay_out_once (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(FasciaClient) regular = make_busy_clinic (dir, &path, NULL);
  GSettings *settings = fascia_application_get_settings (app);
  const char *texts[] = { "Stoma", "Never work over it; no lying face down on it", "Pregnancy",
                          "Red flags", "Signs that need a doctor before massage: refer out",
                          "Health flags that change massage. Techniques they affect are "
                          "flagged wherever you choose them.", "Demo clinic — made-up clients" };
  FasciaWindow *window;
  guint most = 0;

  fascia_application_set_database_path (app, path);
  g_settings_set_string (settings, "last-page", "clients");
  g_settings_set_int64 (settings, "last-client", fascia_client_get_id (regular));
  g_settings_set_string (settings, "last-client-database", path);
  layouts_by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n_narrow_layouts = 0;
  layouts_counting = TRUE;

  window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 3);
  layouts_counting = FALSE;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fascia_clients_page_get_client_view (
    fascia_window_get_clients_page (window)))));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (layouts_by_text, texts[i]));

      g_test_message ("“%s” given a width %u times", texts[i], n);
      g_assert_cmpuint (n, >, 0);
      most = MAX (most, n);
    }
  g_test_message ("layouts narrower than 60 px: %u", n_narrow_layouts);
  g_assert_cmpuint (most, <=, 6);
  g_assert_cmpuint (n_narrow_layouts, <, 20);

  g_clear_pointer (&layouts_by_text, g_hash_table_unref);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-client");
  g_settings_reset (settings, "last-client-database");
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window on the Clients page with no client chosen: "No Client Chosen" and what to do
 * lay their text out at the widths they are shown at, not at width after width (the status
 * page's own labels, in its viewport, were asked for a width at a height: some 30 layouts of
 * each before the first frame). */
static void
test_no_client_lays_out_once (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  const char *texts[] = { "No Client Chosen",
                          "Choose a client from the list, or press Ctrl+N to add one." };
  FasciaWindow *window;

  layouts_by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  layouts_counting = TRUE;
  window = open_window (dir);
  layouts_counting = FALSE;

  g_assert_null (fascia_clients_page_get_client (fascia_window_get_clients_page (window)));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (layouts_by_text, texts[i]));

      g_test_message ("“%s” given a width %u times", texts[i], n);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, <=, 8);
    }

  g_clear_pointer (&layouts_by_text, g_hash_table_unref);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window that opens on the Study page lays its rows' text out at the widths it is shown at:
 * the progress list's rows (one per muscle, its name and "Not studied yet"), the quiz rows and
 * both groups' descriptions, each laid out some 20 to 34 times before the first frame when
 * GTK 4.8's horizontal boxes searched for their widths at a height (~2,400 Pango layouts in
 * all; fascia_height_for_width_layout_take_row_text()). */
static void
test_study_lays_out_once (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  const char *texts[] = { "Gluteus maximus", "Tensor fasciae latae", "Find the Muscle",
                          "Press the muscle named on the diagram",
                          "Ten questions, labels hidden. Items you miss come back sooner.",
                          "The lowest Leitner box of each muscle over all quizzes (1 to 5), its "
                          "last answer and how often it was right." };
  guint n_muscles = g_list_model_get_n_items (fascia_atlas_get_muscles (fascia_ui_get_atlas ()));
  FasciaWindow *window;
  guint n;

  layouts_by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  layouts_counting = TRUE;
  window = open_window_on (dir, "study");
  layouts_counting = FALSE;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fascia_window_get_study_page (window))));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      n = GPOINTER_TO_UINT (g_hash_table_lookup (layouts_by_text, texts[i]));
      g_test_message ("“%s” given a width %u times", texts[i], n);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, <=, 8);
    }
  /* One per muscle, shared by every row of a muscle not studied yet (all, in a new clinic). */
  n = GPOINTER_TO_UINT (g_hash_table_lookup (layouts_by_text, "Not studied yet"));
  g_test_message ("“Not studied yet” given a width %u times, %u rows", n, n_muscles);
  g_assert_cmpuint (n_muscles, >, 10);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, 8 * n_muscles);

  g_clear_pointer (&layouts_by_text, g_hash_table_unref);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

typedef struct
{
  FasciaStudyPage *page;
  guint            frames;
  guint            rows;       /* the progress rows at the first frame */
  gboolean         filled;     /* the last of them below the foot of the page */
  guint            below;      /* of them, those wholly below the foot of the page */
} StudyFirstFrame;

static void
study_first_frame_cb (GdkFrameClock   *clock,
                      StudyFirstFrame *first)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (
    GTK_WIDGET (fascia_study_page_get_diagram_view (first->page)), GTK_TYPE_STACK);
  GtkWidget *list, *last = NULL;
  graphene_rect_t bounds;

  if (first->frames++ > 0)
    return;
  first->rows = fascia_study_page_get_n_progress_rows (first->page);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (first->page),
                                                    FASCIA_TYPE_STUDY_PAGE, "progress_list"));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      last = row;
      if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_compute_bounds (row, scroller, &bounds)
          && bounds.origin.y >= gtk_widget_get_height (scroller))
        first->below++;
    }
  first->filled = last != NULL && gtk_widget_compute_bounds (last, scroller, &bounds)
                  && bounds.origin.y > gtk_widget_get_height (scroller);
}

/* A window of @width × @height opened on the Study page (the settings say so), its first frame
 * painted and what it showed in @first. */
static FasciaWindow *
open_on_study_page (int              width,
                    int              height,
                    StudyFirstFrame *first)
{
  FasciaWindow *window = fascia_window_new (app);
  gulong id;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  first->page = fascia_window_get_study_page (window);
  gtk_widget_realize (GTK_WIDGET (window));
  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                         G_CALLBACK (study_first_frame_cb), first);
  gtk_window_present (GTK_WINDOW (window));
  while (first->frames == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);
  return window;
}

/* A window that opens on the Study page makes the progress rows its first frame can show
 * (one per muscle, each an AdwActionRow styled, laid out and measured: all of them cost
 * ~20 ms of processor time before the window answered), enough to fill the page below its
 * foot, and the rest once that frame is painted: then every muscle has its row. */
static void
test_study_rows_first_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  GSettings *settings = fascia_application_get_settings (app);
  guint n_muscles = g_list_model_get_n_items (fascia_atlas_get_muscles (fascia_ui_get_atlas ()));
  StudyFirstFrame first = { NULL, };
  FasciaWindow *window;

  g_assert_true (fascia_store_create_demo_full (path, 200, &error));
  g_assert_no_error (error);
  fascia_application_set_database_path (app, path);
  g_settings_reset (settings, "last-client");
  g_settings_set_string (settings, "last-page", "study");

  window = open_on_study_page (1280, 800, &first);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (first.page)));

  g_test_message ("first frame: %u of %u progress rows", first.rows, n_muscles);
  g_assert_cmpuint (n_muscles, >, 30);
  g_assert_cmpuint (first.rows, >, 0);
  g_assert_cmpuint (first.rows, <, n_muscles);
  g_assert_true (first.filled);

  for (guint i = 0; i < 20 && fascia_study_page_get_n_progress_rows (first.page) < n_muscles;
       i++)
    wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (fascia_study_page_get_n_progress_rows (first.page), ==, n_muscles);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_string (settings, "last-page", "clients");
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window that opens on the Study page makes the progress rows that its first frame shows and
 * one more below the foot of the page, not as many as the window's height could hold whatever
 * lies above the list (21 at 800 px, where the quiz kinds above leave room for 7): each row is
 * styled, laid out and measured before the window answers. Checked at two sizes. */
static void
test_study_rows_on_screen (void)
{
  static const int sizes[][2] = { { 1280, 800 }, { 1024, 640 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  GSettings *settings = fascia_application_get_settings (app);
  guint n_muscles = g_list_model_get_n_items (fascia_atlas_get_muscles (fascia_ui_get_atlas ()));

  g_assert_true (fascia_store_create_demo_full (path, 200, &error));
  g_assert_no_error (error);
  fascia_application_set_database_path (app, path);
  g_settings_reset (settings, "last-client");
  g_settings_set_string (settings, "last-page", "study");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      StudyFirstFrame first = { NULL, };
      FasciaWindow *window = open_on_study_page (sizes[s][0], sizes[s][1], &first);

      g_test_message ("%dx%d, first frame: %u progress rows, %u of them below the page's foot",
                      sizes[s][0], sizes[s][1], first.rows, first.below);
      g_assert_cmpuint (first.rows, >, 1);
      g_assert_cmpuint (first.rows, <, n_muscles);
      g_assert_true (first.filled);
      g_assert_cmpuint (first.below, ==, 1);

      /* And every muscle has its row once that frame is painted. */
      for (guint i = 0; i < 20 && fascia_study_page_get_n_progress_rows (first.page) < n_muscles;
           i++)
        wait_frames (GTK_WIDGET (window), 1);
      g_assert_cmpuint (fascia_study_page_get_n_progress_rows (first.page), ==, n_muscles);

      gtk_window_destroy (GTK_WINDOW (window));
      fascia_test_iterate ();
    }

  g_settings_set_string (settings, "last-page", "clients");
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window that opens on the Atlas page renders no region's hit mask: the built-in views'
 * masks are rendered at build time (fascia-diagram-masks-gen), where each start rendered
 * every region of the view shown, one librsvg render each, on the UI thread before the first
 * frame (~90 % of loading the front view). */
static void
test_atlas_masks_built (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window;
  FasciaDiagram *diagram;

  g_atomic_int_set (&n_mask_renders, 0);
  window = open_window_on (dir, "atlas");
  diagram = fascia_diagram_view_get_diagram (FASCIA_DIAGRAM_VIEW (find_in_tree (
    GTK_WIDGET (fascia_window_get_atlas_page (window)), FASCIA_TYPE_DIAGRAM_VIEW)));
  g_assert_nonnull (diagram);
  g_assert_cmpuint (fascia_diagram_get_n_regions (diagram), >, 100);
  g_test_message ("masks rendered: %d", g_atomic_int_get (&n_mask_renders));
  g_assert_cmpint (g_atomic_int_get (&n_mask_renders), ==, 0);
  g_assert_true (fascia_diagram_has_built_masks (diagram));

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* The view a window opens the Atlas on is read ahead, as the application's start-up asks
 * (fascia_application_startup()): its drawing is decompressed and scanned in a thread while
 * GTK opens the display, and the page shows that diagram without reading the drawing on the
 * main thread before its first frame. */
static void
test_atlas_view_read_ahead (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window;
  FasciaDiagram *diagram;

  g_settings_set_string (fascia_application_get_settings (app), "last-view", "posterior-deep");
  fascia_atlas_page_load_view_ahead ("posterior-deep");
  g_atomic_int_set (&n_drawings_read_on_main, 0);
  g_atomic_int_set (&drawings_counting, TRUE);
  window = open_window_on (dir, "atlas");
  g_atomic_int_set (&drawings_counting, FALSE);

  g_assert_cmpstr (fascia_atlas_page_get_view (fascia_window_get_atlas_page (window)), ==,
                   "posterior-deep");
  diagram = fascia_diagram_view_get_diagram (FASCIA_DIAGRAM_VIEW (find_in_tree (
    GTK_WIDGET (fascia_window_get_atlas_page (window)), FASCIA_TYPE_DIAGRAM_VIEW)));
  g_assert_nonnull (diagram);
  g_assert_cmpstr (fascia_diagram_get_view_id (diagram), ==, "posterior-deep");
  g_test_message ("drawings read on the main thread: %d",
                  g_atomic_int_get (&n_drawings_read_on_main));
  g_assert_cmpint (g_atomic_int_get (&n_drawings_read_on_main), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_settings_reset (fascia_application_get_settings (app), "last-view");
  fascia_test_rm_rf (dir);
}

/* The masks built in are the ones the program renders from the same drawing: for every
 * view, its size and each region's mask (place, size and every bit), and what a point hits. */
static void
test_built_masks_match (void)
{
  GListModel *views = fascia_atlas_get_views (fascia_ui_get_atlas ());

  g_assert_cmpuint (g_list_model_get_n_items (views), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);
      const char *id = fascia_view_get_id (view);
      g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/diagrams/%s.svg", id);
      g_autoptr(GBytes) svg = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaDiagram) built = fascia_diagram_new_for_view (fascia_ui_get_atlas (), id,
                                                                    &error);
      g_autoptr(FasciaDiagram) rendered = NULL;
      g_autoptr(GVariant) a = NULL;
      g_autoptr(GVariant) b = NULL;
      g_autoptr(GVariant) masks_a = NULL;
      g_autoptr(GVariant) masks_b = NULL;
      double width_a, height_a, width_b, height_b;

      g_assert_no_error (error);
      /* From bytes, not a view: its masks are rendered. */
      rendered = fascia_diagram_new_from_bytes (fascia_ui_get_atlas (), svg, &error);
      g_assert_no_error (error);
      g_assert_true (fascia_diagram_has_built_masks (built));
      g_assert_false (fascia_diagram_has_built_masks (rendered));

      a = g_variant_ref_sink (fascia_diagram_masks_to_variant (built));
      b = g_variant_ref_sink (fascia_diagram_masks_to_variant (rendered));
      g_variant_get (a, "(&s@ayuuudd@a(iiiiay))", NULL, NULL, NULL, NULL, NULL,
                     &width_a, &height_a, &masks_a);
      g_variant_get (b, "(&s@ayuuudd@a(iiiiay))", NULL, NULL, NULL, NULL, NULL,
                     &width_b, &height_b, &masks_b);
      g_test_message ("%s: %zu regions", id, g_variant_n_children (masks_a));
      g_assert_cmpfloat (width_a, ==, width_b);
      g_assert_cmpfloat (height_a, ==, height_b);
      g_assert_true (g_variant_equal (masks_a, masks_b));

      for (double y = 5; y < height_a; y += 37)
        for (double x = 5; x < width_a; x += 29)
          {
            const FasciaRegion *hit_a = fascia_diagram_hit_test (built, x, y);
            const FasciaRegion *hit_b = fascia_diagram_hit_test (rendered, x, y);
            g_autoptr(GPtrArray) all_a = fascia_diagram_regions_at (built, x, y, FALSE);
            g_autoptr(GPtrArray) all_b = fascia_diagram_regions_at (rendered, x, y, FALSE);

            g_assert_cmpstr (hit_a != NULL ? hit_a->id : NULL, ==,
                             hit_b != NULL ? hit_b->id : NULL);
            g_assert_cmpuint (all_a->len, ==, all_b->len);
          }
    }
}

/* Statements the window's SQLite connection ran that read pain scores for the progress
 * chart (fascia_store_list_visit_scores(): "… pain_before, pain_after FROM visits …"). */
static int
scores_trace_cb (unsigned int  type,
                 void         *user_data,
                 void         *statement,
                 void         *sql)
{
  if (type == SQLITE_TRACE_STMT && strstr (sql, "pain_before, pain_after FROM visits") != NULL)
    (*(guint *) user_data)++;
  return 0;
}

/* A client opened on its details reads no pain scores: only the progress chart needs them,
 * and reads them when its section is first shown (for the 500-visit client, up to
 * FASCIA_STORE_MAX_VISIT_SCORES rows, on the UI thread). Traced on the window's connection:
 * the client shown last, brought back when the Clients page is first shown, then another
 * client chosen; Ctrl+4 reads them, once. */
static void
test_details_read_no_scores (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(FasciaClient) regular = make_busy_clinic (dir, &path, NULL);
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window;
  FasciaClientsPage *page;
  FasciaProgressChart *chart;
  GtkWidget *view;
  sqlite3 *db;
  guint scores = 0;

  fascia_application_set_database_path (app, path);
  g_settings_set_string (settings, "last-page", "atlas");
  g_settings_set_int64 (settings, "last-client", fascia_client_get_id (regular));
  g_settings_set_string (settings, "last-client-database", path);

  window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 3);
  db = fascia_db_sqlite_get_handle (fascia_store_get_db (fascia_window_get_store (window)));
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, scores_trace_cb, &scores);

  /* The Clients page first shown brings the client back, on its details. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "clients"));
  wait_frames (GTK_WIDGET (window), 3);
  page = fascia_window_get_clients_page (window);
  g_assert_nonnull (fascia_clients_page_get_client (page));
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==,
                   fascia_client_get_id (regular));
  view = GTK_WIDGET (fascia_clients_page_get_client_view (page));
  chart = FASCIA_PROGRESS_CHART (gtk_widget_get_template_child (view, FASCIA_TYPE_CLIENT_VIEW,
                                                                "progress_chart"));
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  g_assert_cmpuint (scores, ==, 0);

  /* Another client chosen (a made-up client with visits), on its details too. */
  fascia_clients_page_select_client (page, 1);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==, 1);
  g_assert_cmpuint (scores, ==, 0);

  /* Ctrl+4: the chart reads them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "i", 4));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  g_assert_cmpuint (scores, ==, 1);
  g_assert_cmpuint (fascia_progress_chart_get_n_points (chart), >, 0);

  sqlite3_trace_v2 (db, 0, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-client");
  g_settings_reset (settings, "last-client-database");
  g_settings_set_string (settings, "last-page", "clients");
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* The client list's rows have no width in characters: their labels end with an ellipsis
 * where the row is too narrow all the same, and GTK asked Pango for the font's metrics (a
 * sample text shaped) for each of them each time it measured it, some 400 labels at start-up
 * (~5 ms at 100,000 clients). A window on the Clients page asks for them fewer times than it
 * has rows, and a search that changes the rows' clients asks for none. */
static void
test_client_rows_no_metrics (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  guint before = n_metrics;
  FasciaWindow *window = open_window (dir);
  GtkWidget *page = GTK_WIDGET (fascia_window_get_clients_page (window));
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (page, FASCIA_TYPE_CLIENTS_PAGE,
                                                               "client_list"));
  GtkEditable *search = GTK_EDITABLE (gtk_widget_get_template_child (
    page, FASCIA_TYPE_CLIENTS_PAGE, "search_entry"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  guint on_screen, rows;
  guint searches = fascia_clients_page_get_n_searches (FASCIA_CLIENTS_PAGE (page));

  /* Every row GTK makes, those after the first screenful made after the first frame. */
  for (guint i = 0; i < 100 && g_list_model_get_n_items (model)
                               < fascia_clients_page_get_n_shown (FASCIA_CLIENTS_PAGE (page)); i++)
    wait_frames (GTK_WIDGET (window), 1);
  wait_frames (GTK_WIDGET (window), 2);
  rows = count_rows (list, &on_screen);

  g_test_message ("rows %u (%u on screen), font metrics asked for at start-up: %u", rows,
                  on_screen, n_metrics - before);
  g_assert_cmpuint (on_screen, >, 5);
  g_assert_cmpuint (n_metrics - before, <, rows);

  /* Typed: a few of the same rows now show other clients, measured again. */
  gtk_editable_set_text (search, "client1");
  while (fascia_clients_page_get_n_searches (FASCIA_CLIENTS_PAGE (page)) == searches)
    g_main_context_iteration (NULL, TRUE);
  before = n_metrics;
  wait_frames (GTK_WIDGET (window), 3);
  g_test_message ("font metrics asked for by the search's frames: %u", n_metrics - before);
  g_assert_cmpuint (n_metrics - before, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* The main menu's button (the one F10 opens) under @widget. */
static GtkWidget *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A menu is made when it is first opened: at start-up GTK 4.8 built a popover, buttons and
 * labels for every item of the main menu, the client's records menu and the Atlas page's
 * three, menus most starts never open. None is made once the window is up, on the Clients
 * page with a client shown or on the Atlas page; opened (as F10 or a click opens it), the
 * main menu is there, its items named. */
static void
test_menus_made_when_opened (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaWindow *window = open_window (dir);
  GtkWidget *button;
  GtkPopover *popover;

  fascia_clients_page_select_client (fascia_window_get_clients_page (window), 1);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON), >=, 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), GTK_TYPE_POPOVER_MENU), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "atlas"));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (count_in_tree (GTK_WIDGET (window), GTK_TYPE_POPOVER_MENU), ==, 0);

  button = find_primary_menu (GTK_WIDGET (window));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wait_frames (GTK_WIDGET (window), 2);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window that opens on the Clients page does not read the atlas before it is up (its list
 * and "No Client Chosen" need none of it): it has it read in the background a while after its
 * first frame. Run in a process of its own, for the atlas is read once per process. */
static void
test_atlas_read_after_first_frame (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = fascia_test_make_tmpdir ();
      FasciaWindow *window = open_window (dir);
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      g_assert_false (fascia_atlas_default_is_requested ());
      g_assert_null (fascia_atlas_peek_default ());

      /* Nobody asks for it: it is there all the same, soon after. */
      while (fascia_atlas_peek_default () == NULL && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE), g_usleep (10000);
      g_assert_nonnull (fascia_atlas_peek_default ());

      gtk_window_destroy (GTK_WINDOW (window));
      fascia_test_iterate ();
      fascia_test_rm_rf (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Today's backup checks and copies the whole database in a worker: begun as the database
 * opened, it took one of a small machine's two cores from the window's start-up (about 100 ms
 * of processor time before the window answered, at 100,000 clients). It begins a while after
 * the first frame: when the window is up, nothing of it has run (its worker makes the backups
 * folder first), and it is made all the same, soon after. */
static void
test_daily_backup_after_first_frame (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "fascia-%Y-%m-%d.db");
  g_autofree char *daily = g_build_filename (backups, name, NULL);
  FasciaWindow *window = open_window (dir);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));

  while (!g_file_test (daily, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  g_assert_true (g_file_test (daily, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  fascia_test_rm_rf (dir);
}

/* A window that opens on the Clients page draws no SVG icon: with no client chosen, nor with
 * one shown over "No Client Chosen", is librsvg's image loader loaded (GTK loaded it, in a
 * worker, to render that page's icon at 128 px: ~20 ms of processor time at every start).
 * Run in a process of its own, for a loader stays loaded. */
static void
test_no_svg_icon_at_start (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = fascia_test_make_tmpdir ();
      FasciaWindow *window = open_window (dir);
      FasciaClientsPage *page = fascia_window_get_clients_page (window);

      /* Icons are loaded in GTK's workers: give them time. */
      wait_frames (GTK_WIDGET (window), 3);
      g_usleep (200000);
      fascia_test_iterate ();
      g_assert_cmpuint (count_mapped ("libpixbufloader-svg"), ==, 0);

      fascia_clients_page_select_client (page, 1);
      wait_frames (GTK_WIDGET (window), 3);
      g_usleep (200000);
      fascia_test_iterate ();
      g_assert_nonnull (fascia_clients_page_get_client (page));
      g_assert_cmpuint (count_mapped ("libpixbufloader-svg"), ==, 0);

      gtk_window_destroy (GTK_WINDOW (window));
      fascia_test_iterate ();
      fascia_test_rm_rf (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Nor does a window that opens on the Study page: its round's results, a page of its stack not
 * shown, had their 128 px icon looked up as the page's style was first computed, and GTK
 * loaded librsvg's image loader and rendered the icon's SVG in a worker (~10 ms of processor
 * time before the window answered). Run in a process of its own, for a loader stays loaded. */
static void
test_study_no_svg_icon_at_start (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = fascia_test_make_tmpdir ();
      FasciaWindow *window = open_window_on (dir, "study");

      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fascia_window_get_study_page (window))));
      /* Icons are loaded in GTK's workers: give them time. */
      wait_frames (GTK_WIDGET (window), 3);
      g_usleep (200000);
      fascia_test_iterate ();
      g_assert_cmpuint (count_mapped ("libpixbufloader-svg"), ==, 0);

      gtk_window_destroy (GTK_WINDOW (window));
      g_settings_set_string (fascia_application_get_settings (app), "last-page", "clients");
      fascia_test_iterate ();
      fascia_test_rm_rf (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The application ends no sooner than the views being parsed and drawn ahead in the background
 * (fascia_ui_run_in_background()): a process that ended while that thread was inside librsvg
 * could crash on its way out. fascia_ui_wait_for_background() waits for a job still running
 * and says so when it gives up. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean released;
} HeldJob;

static void
held_job_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  HeldJob *held = data;

  g_mutex_lock (&held->lock);
  held->started = TRUE;
  g_cond_broadcast (&held->cond);
  while (!held->released)
    g_cond_wait (&held->cond, &held->lock);
  g_mutex_unlock (&held->lock);
  g_task_return_boolean (task, TRUE);
}

static void
test_background_done_before_exit (void)
{
  HeldJob held = { 0 };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_mutex_init (&held.lock);
  g_cond_init (&held.cond);
  g_assert_true (fascia_ui_wait_for_background (5000));
  g_task_set_task_data (task, &held, NULL);
  fascia_ui_run_in_background (task, held_job_thread);
  g_mutex_lock (&held.lock);
  while (!held.started)
    g_cond_wait (&held.cond, &held.lock);
  g_mutex_unlock (&held.lock);

  /* Still running: not done, said so. */
  g_assert_false (fascia_ui_wait_for_background (50));
  g_mutex_lock (&held.lock);
  held.released = TRUE;
  g_cond_broadcast (&held.cond);
  g_mutex_unlock (&held.lock);
  g_assert_true (fascia_ui_wait_for_background (5000));
  /* Its result, back on this thread. */
  while (!g_task_get_completed (task))
    g_main_context_iteration (NULL, TRUE);
  g_mutex_clear (&held.lock);
  g_cond_clear (&held.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = fascia_test_make_tmpdir ();
  int status;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  app = fascia_application_new ();
  /* As a therapist who last closed Fascia on the Clients page starts it (each test then
   * opens its window on the page it names). */
  g_settings_set_string (fascia_application_get_settings (app), "last-page", "clients");
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fascia/ui/startup/no-server-engine", test_no_server_engine);
  g_test_add_func ("/fascia/ui/startup/atlas-read-after-first-frame",
                   test_atlas_read_after_first_frame);
  g_test_add_func ("/fascia/ui/startup/daily-backup-after-first-frame",
                   test_daily_backup_after_first_frame);
  g_test_add_func ("/fascia/ui/startup/hidden-client-view", test_hidden_client_view);
  g_test_add_func ("/fascia/ui/startup/busy-client-first-frame", test_busy_client_first_frame);
  g_test_add_func ("/fascia/ui/startup/restored-client-writes-nothing",
                   test_restored_client_writes_nothing);
  g_test_add_func ("/fascia/ui/startup/client-list-first-frame", test_client_list_first_frame);
  g_test_add_func ("/fascia/ui/startup/chosen-client-first-frame",
                   test_chosen_client_first_frame);
  g_test_add_func ("/fascia/ui/startup/details-read-no-scores", test_details_read_no_scores);
  g_test_add_func ("/fascia/ui/startup/details-lay-out-once", test_details_lay_out_once);
  g_test_add_func ("/fascia/ui/startup/no-client-lays-out-once", test_no_client_lays_out_once);
  g_test_add_func ("/fascia/ui/startup/study-lays-out-once", test_study_lays_out_once);
  g_test_add_func ("/fascia/ui/startup/study-rows-first-frame", test_study_rows_first_frame);
  g_test_add_func ("/fascia/ui/startup/study-rows-on-screen", test_study_rows_on_screen);
  g_test_add_func ("/fascia/ui/startup/atlas-masks-built", test_atlas_masks_built);
  g_test_add_func ("/fascia/ui/startup/atlas-view-read-ahead", test_atlas_view_read_ahead);
  g_test_add_func ("/fascia/ui/startup/built-masks-match", test_built_masks_match);
  g_test_add_func ("/fascia/ui/startup/client-rows-no-metrics", test_client_rows_no_metrics);
  g_test_add_func ("/fascia/ui/startup/menus-made-when-opened", test_menus_made_when_opened);
  g_test_add_func ("/fascia/ui/startup/no-svg-icon-at-start", test_no_svg_icon_at_start);
  g_test_add_func ("/fascia/ui/startup/study-no-svg-icon-at-start",
                   test_study_no_svg_icon_at_start);
  g_test_add_func ("/fascia/ui/startup/pages-built-when-shown", test_pages_built_when_shown);
  g_test_add_func ("/fascia/ui/startup/clients-page-built-when-shown",
                   test_clients_page_built_when_shown);

  g_test_add_func ("/fascia/ui/startup/background-done-before-exit",
                   test_background_done_before_exit);

  status = g_test_run ();
  g_clear_object (&app);
  fascia_test_rm_rf (cache);
  return status;
}
