/* test-clients-scale.c — a clinic-sized database in the window: the Clients page reads a
 * bounded number of pages whatever the number of clients, and the daily backup is made by a
 * worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fascia-application.h"
#include "fascia-client-rows.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-client-list.h"
#include "fascia-paged-list.h"
#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"
#include "fascia-test-store.h"
#include "fascia-test-utils.h"
#include "fascia-window.h"

static FasciaApplication *app;

/* Two clinics that differ only in size. */
#define SMALL_CLINIC 800
#define LARGE_CLINIC 5000
#define SCREENS_SCROLLED 20

typedef struct
{
  guint selects;
  guint visit_pages;   /* pages of a client's visits read */
  guint client_pages;  /* pages of the client list read */
} Trace;

static int
trace_cb (unsigned int  type,
          void         *user_data,
          void         *p,
          void         *x)
{
  Trace *trace = user_data;

  if (type == SQLITE_TRACE_STMT && g_str_has_prefix ((const char *) x, "SELECT"))
    {
      trace->selects++;
      if (strstr ((const char *) x, "FROM visits") != NULL
          && strstr ((const char *) x, "OFFSET") != NULL)
        trace->visit_pages++;
      /* A page of rows, not a count up to a bound (FASCIA_STORE_LIST_GROWING), nor where a
       * step of the count in the background ends (one key read). */
      if (strstr ((const char *) x, "FROM clients") != NULL
          && strstr ((const char *) x, "LIMIT") != NULL
          && strstr ((const char *) x, "LIMIT 1 OFFSET") == NULL
          && !g_str_has_prefix ((const char *) x, "SELECT count("))
        trace->client_pages++;
      if (g_getenv ("FASCIA_TEST_SHOW_SQL") != NULL)
        { char *e = sqlite3_expanded_sql (p); g_test_message ("%s", e + MAX (0, (int) strlen (e) - 120)); sqlite3_free (e); }
    }
  return 0;
}

static void
painted_cb (GdkFrameClock *clock,
            guint         *n)
{
  (*n)++;
}

/* Until the window has painted @frames more frames: the list has laid out what it shows. */
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

typedef struct
{
  guint open;      /* showing the Clients page */
  guint scroll;    /* scrolling down a screen at a time */
  guint jump;      /* to the end of the list */
  guint search;    /* a search that finds many, then clearing it */
  guint rows_seen; /* how far the scrolling went */
} Queries;

/* The list offers a screenful of rows at first, the rest a few after each frame
 * (fascia-clients-page.c): until it offers them all, and GTK has made its rows. */
static void
wait_all_rows (FasciaWindow *window)
{
  FasciaClientsPage *page = fascia_window_get_clients_page (window);
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                               FASCIA_TYPE_CLIENTS_PAGE,
                                                               "client_list"));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  for (guint i = 0; i < 100 && g_list_model_get_n_items (rows)
                               < fascia_clients_page_get_n_shown (page); i++)
    wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, fascia_clients_page_get_n_shown (page));
  wait_frames (GTK_WIDGET (window), 2);
}

/* Until the list offers every row it shows (the first frame offers a screenful, each frame
 * after it a few more, fascia-clients-page.c): what a search reads then does not depend on
 * how many frames the machine drew before it. */
static void
wait_rows_offered (FasciaWindow *window)
{
  FasciaClientsPage *page = fascia_window_get_clients_page (window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "selection"));
  FasciaClientRows *rows = FASCIA_CLIENT_ROWS (gtk_single_selection_get_model (selection));

  for (guint i = 0; i < 200 && fascia_client_rows_get_limit (rows) != G_MAXUINT; i++)
    wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (fascia_client_rows_get_limit (rows), ==, G_MAXUINT);
  /* From the list's first row (a window that opened on a client far down offers the rows
   * from that client on at first). */
  g_assert_cmpuint (fascia_client_rows_get_offset (rows), ==, 0);
  wait_frames (GTK_WIDGET (window), 2);
}

static GtkAdjustment *
list_adjustment (FasciaWindow *window)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (fascia_window_get_clients_page (window)), FASCIA_TYPE_CLIENTS_PAGE,
    "client_list"));

  g_assert_nonnull (list);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
}

/* A new demo clinic of @n_clients in a new folder (*@dir, the caller's to remove), the
 * application's database, with no client shown last. Returns its path. */
static char *
demo_clinic (guint   n_clients,
             char  **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = fascia_test_make_tmpdir ();
  path = g_build_filename (*dir, "fascia.db", NULL);
  g_assert_true (fascia_store_create_demo_full (path, n_clients, &error));
  g_assert_no_error (error);
  fascia_application_set_database_path (app, path);
  g_settings_reset (fascia_application_get_settings (app), "last-client");
  return path;
}

/* A window at 1280×800 on the Clients page of the application's database, presented, three
 * frames painted. @trace: (nullable) counts the statements its connection runs from the
 * moment the store is open, before the page lists anyone. @presented: (nullable) called once
 * the window is presented, before its first frame (to watch that frame). */
static FasciaWindow *
clients_window (Trace     *trace,
                void     (*presented) (FasciaWindow *window,
                                       gpointer      data),
                gpointer   data)
{
  FasciaWindow *window = fascia_window_new (app);

  if (trace != NULL)
    sqlite3_trace_v2 (fascia_db_sqlite_get_handle (fascia_store_get_db (
                        fascia_window_get_store (window))),
                      SQLITE_TRACE_STMT, trace_cb, trace);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "clients");
  gtk_window_present (GTK_WINDOW (window));
  if (presented != NULL)
    presented (window, data);
  wait_frames (GTK_WIDGET (window), 3);
  return window;
}

/* The window closed and let go of: nothing else holds it. */
static void
destroy_window (FasciaWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_assert_finalize_object (window);
}

static void
count_queries (guint    n_clients,
               Queries *q)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (n_clients, &dir);
  FasciaWindow *window;
  GtkAdjustment *adj;
  GtkEditable *entry;
  Trace trace = { 0 };
  sqlite3 *db;

  /* Both clinics start alike: on the Atlas, no client chosen before. */
  g_settings_reset (fascia_application_get_settings (app), "last-page");

  /* The store opens with the window, which lists the clients (a count) before it shows. */
  window = clients_window (&trace, NULL, NULL);
  db = fascia_db_sqlite_get_handle (fascia_store_get_db (fascia_window_get_store (window)));
  wait_all_rows (window);
  q->open = trace.selects;

  adj = list_adjustment (window);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
  trace.selects = 0;
  for (guint i = 0; i < SCREENS_SCROLLED; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj)
                                     + gtk_adjustment_get_page_size (adj));
      wait_frames (GTK_WIDGET (window), 2);
    }
  q->scroll = trace.selects;
  /* The rows passed, from the list's own measure of a row. */
  q->rows_seen = (guint) ((gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj))
                          / gtk_adjustment_get_upper (adj) * (n_clients + 12));

  trace.selects = 0;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  wait_frames (GTK_WIDGET (window), 3);
  q->jump = trace.selects;

  /* "ann" is in thousands of the large clinic's names; then the box is cleared. */
  entry = GTK_EDITABLE (gtk_widget_get_template_child (
    GTK_WIDGET (fascia_window_get_clients_page (window)), FASCIA_TYPE_CLIENTS_PAGE,
    "search_entry"));
  trace.selects = 0;
  gtk_editable_set_text (entry, "ann");
  g_signal_emit_by_name (entry, "search-changed");
  wait_frames (GTK_WIDGET (window), 3);
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  wait_frames (GTK_WIDGET (window), 3);
  q->search = trace.selects;

  sqlite3_trace_v2 (db, 0, NULL, NULL);
  destroy_window (window);
  fascia_test_rm_rf (dir);
}

/* Opening the Clients page, scrolling it, jumping to its end and searching read pages of
 * rows, never a row at a time: the same number of queries for 800 clients as for 5,000. */
static void
test_bounded_queries (void)
{
  Queries small = { 0 }, large = { 0 };

  count_queries (SMALL_CLINIC, &small);
  count_queries (LARGE_CLINIC, &large);
  g_test_message ("queries, %u clients: open %u, scroll %u rows %u, jump %u, search %u",
                  SMALL_CLINIC, small.open, small.scroll, small.rows_seen, small.jump,
                  small.search);
  g_test_message ("queries, %u clients: open %u, scroll %u rows %u, jump %u, search %u",
                  LARGE_CLINIC, large.open, large.scroll, large.rows_seen, large.jump,
                  large.search);

  /* The scrolling went far enough to need several pages, in both. */
  g_assert_cmpuint (small.rows_seen, >, 3 * FASCIA_PAGED_LIST_PAGE_SIZE);
  g_assert_cmpuint (large.rows_seen, >, 3 * FASCIA_PAGED_LIST_PAGE_SIZE);

  /* Opening: a count and the first page, and the little the page reads besides. */
  g_assert_cmpuint (small.open, <=, 8);
  g_assert_cmpuint (large.open, ==, small.open);

  /* A page for every FASCIA_PAGED_LIST_PAGE_SIZE rows passed, not a query per row. */
  g_assert_cmpuint (small.scroll, <=, small.rows_seen / FASCIA_PAGED_LIST_PAGE_SIZE + 2);
  g_assert_cmpuint (large.scroll, <=, large.rows_seen / FASCIA_PAGED_LIST_PAGE_SIZE + 2);

  /* The end of the list: a page or two, however long the list, and as many again while
   * the view settles where its rows are. */
  g_assert_cmpuint (small.jump, <=, 6);
  g_assert_cmpuint (large.jump, <=, 6);

  /* A search and its clearing: a few counts (the index's, the counters', the list's) and
   * the first pages, each — not the whole list, which GTK 4.8 reads when a list view's rows
   * are all replaced while it shows some (see fascia-clients-page.c). */
  g_assert_cmpuint (small.search, <=, 20);
  g_assert_cmpuint (large.search, <=, 20);
}

static int
steps_cb (unsigned int  type,
          void         *user_data,
          void         *p,
          void         *x)
{
  guint64 *steps = user_data;

  /* Everything the window's connection runs: the count in the background runs on another. */
  if (type == SQLITE_TRACE_PROFILE)
    *steps += sqlite3_stmt_status (p, SQLITE_STMTSTATUS_VM_STEP, 1);
  return 0;
}

static void
shown_cb (FasciaClientsPage *page,
          GParamSpec        *pspec,
          guint             *n_shown)
{
  *n_shown = fascia_clients_page_get_n_shown (page);
}

/* The work of a search that finds every client ("example", in every email address) on the
 * window's connection, in SQLite's virtual machine steps, and its first frames: @n_shown the
 * length of the list it made, @n_grown its length once counted in the background, and
 * @count_steps the steps the window's connection ran while it was counted. */
static guint64
search_steps (guint    n_clients,
              guint   *n_shown,
              guint   *n_grown,
              guint64 *count_steps)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (n_clients, &dir);
  FasciaClientsPage *page;
  FasciaWindow *window;
  GtkAdjustment *adj;
  GtkEditable *entry;
  guint64 steps = 0;
  sqlite3 *db;

  window = clients_window (NULL, NULL, NULL);
  wait_rows_offered (window);
  page = fascia_window_get_clients_page (window);

  /* Every statement's count starts at nothing. */
  db = fascia_db_sqlite_get_handle (fascia_store_get_db (fascia_window_get_store (window)));
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, steps_cb, &steps);
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                       FASCIA_TYPE_CLIENTS_PAGE,
                                                       "search_entry"));
  g_signal_connect (page, "notify::n-searches", G_CALLBACK (shown_cb), n_shown);
  gtk_editable_set_text (entry, "example");
  g_signal_emit_by_name (entry, "search-changed");
  wait_frames (GTK_WIDGET (window), 3);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_signal_handlers_disconnect_by_func (page, shown_cb, n_shown);

  /* The rest is counted in the background, in a worker on a connection of its own. */
  adj = list_adjustment (window);
  *count_steps = 0;
  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, steps_cb, count_steps);
  for (guint i = 0; i < 600 && fascia_clients_page_get_n_shown (page) == *n_shown; i++)
    wait_frames (GTK_WIDGET (window), 1);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  *n_grown = fascia_clients_page_get_n_shown (page);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  destroy_window (window);
  fascia_test_rm_rf (dir);
  return steps;
}

/* A search that finds nearly every client costs the window the same at 800 clients as at
 * 5,000: its length is counted up to a bound (FASCIA_STORE_LIST_GROWING), never by reading
 * all it finds, and the list grows once the rest is counted, in the background — in a
 * worker, on a connection of its own: the window's connection runs nothing meanwhile (it
 * ran two queries over 4,096 entries of the name index a step, on the UI thread). */
static void
test_search_bounded (void)
{
  guint small_shown, small_grown, large_shown, large_grown;
  guint64 small_count, large_count;
  guint64 small = search_steps (SMALL_CLINIC, &small_shown, &small_grown, &small_count);
  guint64 large = search_steps (LARGE_CLINIC, &large_shown, &large_grown, &large_count);

  g_test_message ("search steps: %" G_GUINT64_FORMAT " at %u clients (%u shown, %u grown), "
                  "%" G_GUINT64_FORMAT " at %u (%u shown, %u grown)", small, SMALL_CLINIC,
                  small_shown, small_grown, large, LARGE_CLINIC, large_shown, large_grown);
  g_test_message ("steps on the window's connection while counted: %" G_GUINT64_FORMAT
                  " at %u clients, %" G_GUINT64_FORMAT " at %u", small_count, SMALL_CLINIC,
                  large_count, LARGE_CLINIC);
  g_assert_cmpuint (large_count, ==, 0);
  g_assert_cmpuint (small_count, ==, 0);
  g_assert_cmpuint (large_shown, ==, small_shown);
  g_assert_cmpuint (small_shown, <, SMALL_CLINIC);
  g_assert_cmpuint (large_grown, >, large_shown);
  g_assert_cmpuint (small_grown, >, small_shown);
  g_assert_cmpuint (large, <=, small + small / 4);
}

static gboolean
exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
no_store (gpointer window)
{
  return fascia_window_get_store (window) == NULL;
}

static gint64
count_clients (const char *path)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM clients", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The window opens the database at once and makes today's backup in a worker; the backup is
 * a whole, checked database. A damaged database found by that check is closed, not worked
 * on. */
static void
test_daily_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "fascia-%Y-%m-%d.db");
  g_autofree char *daily = g_build_filename (dir, "backups", name, NULL);
  g_autofree char *contents = NULL;
  FasciaWindow *window;
  int version = 0;
  gsize size;

  g_assert_true (fascia_store_create_demo_full (path, 500, &error));
  g_assert_no_error (error);
  fascia_application_set_database_path (app, path);

  window = fascia_window_new (app);
  g_assert_nonnull (fascia_window_get_store (window));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (fascia_test_wait_for (exists, daily, 20000));
  g_assert_true (fascia_db_sqlite_check_file (daily, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (daily), ==, 512);
  g_assert_nonnull (fascia_window_get_store (window));
  destroy_window (window);

  /* Damaged where the check reads, not where opening reads. */
  g_assert_cmpint (g_unlink (daily), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 64 * 4096);
  for (gsize i = 0; i < 4096; i++)
    contents[size - 8 * 4096 + i] = (char) (0xA5 ^ i);
  g_assert_true (g_file_set_contents (path, contents, size, NULL));

  window = fascia_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (fascia_test_wait_for (no_store, window, 20000));
  g_assert_false (g_file_test (daily, G_FILE_TEST_EXISTS));
  destroy_window (window);

  fascia_test_rm_rf (dir);
}

/* The client with hundreds of visits (the demo's regular): opening it reads the pages of
 * visits its list shows, not every visit. */
static void
test_visit_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (100, &dir);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(FasciaClient) regular = NULL;
  g_autoptr(GListModel) visits = NULL;
  GtkListView *list;
  GtkAdjustment *adj;
  FasciaWindow *window;
  FasciaStore *store;
  Trace trace = { 0 };
  sqlite3 *db;

  window = clients_window (NULL, NULL, NULL);
  store = fascia_window_get_store (window);

  /* The crowd's first client is the regular. */
  found = fascia_store_list_clients (store, "client1@example.org", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  regular = g_list_model_get_item (found, 0);
  visits = fascia_store_list_visits (store, fascia_client_get_id (regular), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), >=, 7 * FASCIA_PAGED_LIST_PAGE_SIZE);

  db = fascia_db_sqlite_get_handle (fascia_store_get_db (store));
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, &trace);
  fascia_clients_page_select_client (fascia_window_get_clients_page (window),
                                     fascia_client_get_id (regular));
  fascia_client_view_show_section (
    fascia_clients_page_get_client_view (fascia_window_get_clients_page (window)), "visits");
  wait_frames (GTK_WIDGET (window), 5);
  g_test_message ("pages of visits read: %u", trace.visit_pages);
  g_assert_cmpuint (trace.visit_pages, ==, 1);

  /* Scrolled to its end, again and again, the list offers a few rows more each time, and
   * reads the next page when they reach it. */
  list = GTK_LIST_VIEW (gtk_widget_get_template_child (
    GTK_WIDGET (fascia_clients_page_get_client_view (fascia_window_get_clients_page (window))),
    FASCIA_TYPE_CLIENT_VIEW, "visit_list"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    <, FASCIA_PAGED_LIST_PAGE_SIZE);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)))
         <= FASCIA_PAGED_LIST_PAGE_SIZE)
    {
      g_assert_cmpuint (trace.visit_pages, ==, 1);
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      wait_frames (GTK_WIDGET (window), 1);
    }
  wait_frames (GTK_WIDGET (window), 2);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    <, 2 * FASCIA_PAGED_LIST_PAGE_SIZE);
  g_assert_cmpuint (trace.visit_pages, ==, 2);

  destroy_window (window);
  fascia_test_rm_rf (dir);
}

static void
n_searches_cb (GObject    *page,
               GParamSpec *pspec,
               guint      *n)
{
  (*n)++;
}

/* The list's row widgets, each marked when first seen: how many are new since the last call. */
static guint
new_row_widgets (GtkWidget *list,
                 guint     *n_rows)
{
  guint fresh = 0;

  *n_rows = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (gtk_widget_get_first_child (row) == NULL)
        continue;
      (*n_rows)++;
      if (g_object_get_data (G_OBJECT (row), "test-seen") == NULL)
        fresh++;
      g_object_set_data (G_OBJECT (row), "test-seen", GINT_TO_POINTER (TRUE));
    }
  return fresh;
}

/* Whether the list item widget @row lies, at least in part, within @list's height. */
static gboolean
row_on_screen (GtkWidget *list,
               GtkWidget *row)
{
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, list, &bounds)
         && bounds.size.height > 0 && bounds.origin.y + bounds.size.height > 0
         && bounds.origin.y < gtk_widget_get_height (list);
}

/* Every row on screen shows the client at its place in the store's list for @text, by
 * name and by accessible name. Returns how many rows were on screen. */
static guint
assert_rows_show (GtkWidget   *list,
                  FasciaStore *store,
                  const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) expected = fascia_store_list_clients (store, text, 0, &error);
  guint shown = 0;

  g_assert_no_error (error);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      FasciaClientRow *item = box != NULL ? g_object_get_data (G_OBJECT (box), "fascia-row") : NULL;
      g_autoptr(FasciaClient) client = NULL;
      const char *name;
      g_autofree char *label = NULL;
      g_autofree char *wrong = NULL;

      if (item == NULL || !row_on_screen (list, row))
        continue;
      g_assert_cmpuint (fascia_client_row_get_position (item), <,
                        g_list_model_get_n_items (expected));
      client = g_list_model_get_item (expected, fascia_client_row_get_position (item));
      GtkWidget *subtitle = gtk_widget_get_last_child (box);

      name = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)));
      g_assert_cmpstr (name, ==, fascia_client_get_name (client));
      g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (subtitle)),
                                       fascia_client_get_phone (client)));
      /* The row a screen reader lands on is named for the same client. */
      label = gtk_widget_get_visible (subtitle)
              ? g_strdup_printf ("%s, %s", name, gtk_label_get_text (GTK_LABEL (subtitle)))
              : g_strdup (name);
      wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      g_assert_null (wrong);
      shown++;
    }
  return shown;
}

/* A keystroke in the search shows the new list in the row widgets already made, and reads
 * one page for the rows on screen: GTK 4.8 makes a list view's ~200 row widgets again when
 * its model is replaced, which was most of a keystroke at 100,000 clients. Keys typed
 * faster than the frames are one search, of the last text: no key is lost. */
static void
test_search_keeps_rows (void)
{
  static const char *typed[] = { "exa", "exam", "examp", "exampl", "example", "example.",
                                 "example.o", "example.or", "example.org" };
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (SMALL_CLINIC, &dir);
  FasciaWindow *window;
  FasciaClientsPage *page;
  FasciaStore *store;
  GtkWidget *list;
  GtkEditable *entry;
  Trace trace = { 0 };
  guint n_rows, searches = 0, before;
  sqlite3 *db;

  window = clients_window (NULL, NULL, NULL);
  store = fascia_window_get_store (window);
  page = fascia_window_get_clients_page (window);
  wait_all_rows (window);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE,
                                                    "client_list"));
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                       FASCIA_TYPE_CLIENTS_PAGE,
                                                       "search_entry"));
  g_signal_connect (page, "notify::n-searches", G_CALLBACK (n_searches_cb), &searches);
  g_assert_cmpuint (new_row_widgets (list, &n_rows), ==, n_rows);
  g_assert_cmpuint (n_rows, >, 10);
  g_assert_cmpuint (assert_rows_show (list, store, ""), >, 10);

  db = fascia_db_sqlite_get_handle (fascia_store_get_db (store));
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, &trace);
  /* Each search finds every client of the crowd: more rows than the screen shows. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      guint fresh;

      trace.client_pages = 0;
      before = searches;
      gtk_editable_set_text (entry, typed[i]);
      wait_frames (GTK_WIDGET (window), 2);
      fresh = new_row_widgets (list, &n_rows);
      g_test_message ("“%s”: %u searches, %u row widgets, %u new, %u pages read", typed[i],
                      searches - before, n_rows, fresh, trace.client_pages);
      g_assert_cmpuint (searches - before, ==, 1);
      g_assert_cmpuint (fresh, ==, 0);
      g_assert_cmpuint (trace.client_pages, <=, 1);
      g_assert_cmpuint (assert_rows_show (list, store, typed[i]), >, 10);
    }

  /* A search that finds fewer than the screen holds, then clearing it: every row right. */
  gtk_editable_set_text (entry, "thistlewood");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (assert_rows_show (list, store, "thistlewood"), ==,
                    fascia_clients_page_get_n_shown (page));
  gtk_editable_set_text (entry, "");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (assert_rows_show (list, store, ""), >, 10);

  /* A search that finds no one, then a key that finds a list again: shown in the rows made
   * before. GTK 4.8's list view lets its row widgets go when its list has none, and a
   * screenful was made again for that key (100–140 ms at 100,000 clients, ~40 ms of it on
   * the UI thread). */
  gtk_editable_set_text (entry, "example.orgq");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (fascia_clients_page_get_n_shown (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "list_stack"))), ==, "no-results");
  new_row_widgets (list, &n_rows);
  gtk_editable_set_text (entry, "example.org");
  wait_frames (GTK_WIDGET (window), 3);
  {
    guint fresh = new_row_widgets (list, &n_rows);

    g_test_message ("no one found, then a list: %u row widgets, %u new", n_rows, fresh);
    g_assert_cmpuint (fresh, ==, 0);
  }
  g_assert_cmpuint (assert_rows_show (list, store, "example.org"), >, 10);

  /* Three keys before a frame: one search, of the last text. */
  before = searches;
  gtk_editable_set_text (entry, "p");
  gtk_editable_set_text (entry, "pe");
  gtk_editable_set_text (entry, "pep");
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (searches - before, ==, 1);
  g_assert_cmpuint (assert_rows_show (list, store, "pep"), >, 0);
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  g_signal_handlers_disconnect_by_func (page, n_searches_cb, &searches);
  destroy_window (window);
  fascia_test_rm_rf (dir);
}

/* The rows bound but past the list's height: how many, and how many of those show text.
 * Each is named, for a screen reader. */
static guint
rows_off_screen (GtkWidget *list,
                 guint     *with_text)
{
  guint n = 0;

  *with_text = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box == NULL || g_object_get_data (G_OBJECT (box), "fascia-row") == NULL
          || row_on_screen (list, row))
        continue;
      n++;
      /* Named for a screen reader all the same. */
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (*gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))) != '\0'
          || *gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box))) != '\0')
        (*with_text)++;
    }
  return n;
}

typedef struct
{
  GtkWidget *page;
  guint      on_screen;   /* rows on screen in the first frame painted */
  guint      with_text;   /* of which show their client */
} FirstFrame;

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (first->page,
                                                               FASCIA_TYPE_CLIENTS_PAGE,
                                                               "client_list"));

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, first);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box == NULL || !row_on_screen (list, row))
        continue;
      first->on_screen++;
      first->with_text += *gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box)))
                          != '\0';
    }
}

static void
watch_first_frame (FasciaWindow *window,
                   gpointer      data)
{
  FirstFrame *first = data;

  first->page = GTK_WIDGET (fascia_window_get_clients_page (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_frame_cb), first);
}

/* GTK 4.8's list view binds some 200 rows, whatever its height, and measures them all: only
 * those on screen are given their client's name and details to lay out (each of the others
 * two labels Pango shaped and measured, at start-up and wherever the list moves), and those
 * that scroll into view show theirs in the frame that shows them. */
static void
test_rows_shown_on_screen (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (SMALL_CLINIC, &dir);
  FasciaWindow *window;
  FasciaStore *store;
  GtkWidget *list;
  GtkAdjustment *adj;
  FirstFrame first = { 0 };
  guint off, with_text;

  window = clients_window (NULL, watch_first_frame, &first);
  store = fascia_window_get_store (window);
  list = GTK_WIDGET (gtk_widget_get_template_child (first.page, FASCIA_TYPE_CLIENTS_PAGE,
                                                    "client_list"));

  /* The first frame painted shows every row on screen with its client. */
  g_assert_cmpuint (first.on_screen, >, 10);
  g_assert_cmpuint (first.with_text, ==, first.on_screen);
  g_assert_cmpuint (assert_rows_show (list, store, ""), >, 10);
  /* The rows past the first screenful come after the first frame, a few at a time. */
  wait_all_rows (window);
  off = rows_off_screen (list, &with_text);
  g_test_message ("%u rows bound off screen, %u with text", off, with_text);
  g_assert_cmpuint (off, >, 50);
  g_assert_cmpuint (with_text, ==, 0);

  /* Down a screen, then far down the list: the rows come on screen with their clients. */
  adj = list_adjustment (window);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_page_size (adj));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (assert_rows_show (list, store, ""), >, 10);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (assert_rows_show (list, store, ""), >, 10);
  off = rows_off_screen (list, &with_text);
  g_assert_cmpuint (off, >, 50);
  g_assert_cmpuint (with_text, <, off / 4);

  destroy_window (window);
  fascia_test_rm_rf (dir);
}

/* A window on the Clients page of a fresh demo clinic of @n_clients, searching @text. */
static FasciaWindow *
window_searching (guint        n_clients,
                  const char  *text,
                  char       **dir)
{
  g_autofree char *path = demo_clinic (n_clients, dir);
  FasciaWindow *window = clients_window (NULL, NULL, NULL);
  GtkEditable *entry;

  entry = GTK_EDITABLE (gtk_widget_get_template_child (
    GTK_WIDGET (fascia_window_get_clients_page (window)), FASCIA_TYPE_CLIENTS_PAGE,
    "search_entry"));
  gtk_editable_set_text (entry, text);
  wait_frames (GTK_WIDGET (window), 3);
  return window;
}

static void
close_window (FasciaWindow *window,
              char         *dir)
{
  destroy_window (window);
  fascia_test_rm_rf (dir);
  g_free (dir);
}

/* The length of the store's whole list for @text. */
static guint
n_found (FasciaStore *store,
         const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) whole = fascia_store_list_clients (store, text, 0, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (whole);
}

/* A client with hundreds of visits opens on its details at the cost of its details: the
 * client view's sections are measured by the one shown, not by the visits list behind it (a
 * homogeneous stack measured its 64 visit rows, every label of them, at each opening). */
static void
test_sections_measured_shown (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (100, &dir);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(FasciaClient) regular = NULL;
  FasciaClientView *view;
  GtkStack *sections;
  FasciaWindow *window;
  FasciaStore *store;

  window = clients_window (NULL, NULL, NULL);
  store = fascia_window_get_store (window);

  found = fascia_store_list_clients (store, "client1@example.org", 0, &error);
  g_assert_no_error (error);
  regular = g_list_model_get_item (found, 0);
  view = fascia_clients_page_get_client_view (fascia_window_get_clients_page (window));
  sections = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                       FASCIA_TYPE_CLIENT_VIEW, "stack"));
  fascia_clients_page_select_client (fascia_window_get_clients_page (window),
                                     fascia_client_get_id (regular));
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sections), ==, "details");

  for (GtkOrientation o = GTK_ORIENTATION_HORIZONTAL; o <= GTK_ORIENTATION_VERTICAL; o++)
    {
      int stack_min, stack_nat, shown_min, shown_nat;

      gtk_widget_measure (GTK_WIDGET (sections), o, -1, &stack_min, &stack_nat, NULL, NULL);
      gtk_widget_measure (gtk_stack_get_visible_child (sections), o, -1, &shown_min, &shown_nat,
                          NULL, NULL);
      g_test_message ("%s: sections %d/%d, the one shown %d/%d",
                      o == GTK_ORIENTATION_HORIZONTAL ? "width" : "height",
                      stack_min, stack_nat, shown_min, shown_nat);
      g_assert_cmpint (stack_min, ==, shown_min);
      g_assert_cmpint (stack_nat, ==, shown_nat);
    }

  destroy_window (window);
  fascia_test_rm_rf (dir);
}

/* A search that finds more clients than the window counts at first (every one: "example" is
 * in each email address) shows its whole length a moment later, without being scrolled:
 * the scroll bar then stays as the list is scrolled to its end, rather than growing at each
 * end reached (jumpy, and a user could not tell how long the list is). */
static void
test_growing_steady (void)
{
  char *dir;
  FasciaWindow *window = window_searching (SMALL_CLINIC, "example", &dir);
  FasciaClientsPage *page = fascia_window_get_clients_page (window);
  guint n_whole = n_found (fascia_window_get_store (window), "example");
  GtkAdjustment *adj = list_adjustment (window);
  double upper;

  g_assert_cmpuint (n_whole, >, FASCIA_CLIENT_LIST_BOUND);
  /* The count in the background: a few idle steps, no row read past the screen. */
  for (guint i = 0; i < 100 && fascia_clients_page_get_n_shown (page) < n_whole; i++)
    wait_frames (GTK_WIDGET (window), 1);
  g_assert_cmpuint (fascia_clients_page_get_n_shown (page), ==, n_whole);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  wait_all_rows (window);
  upper = gtk_adjustment_get_upper (adj);
  g_test_message ("%u found; scroll bar's upper %.0f, a screen %.0f", n_whole, upper,
                  gtk_adjustment_get_page_size (adj));
  for (guint i = 0; i < 200 && gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
                                < gtk_adjustment_get_upper (adj); i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj)
                                     + gtk_adjustment_get_page_size (adj));
      wait_frames (GTK_WIDGET (window), 2);
      /* GTK 4.8 measures the rows it has not shown by those it has: within a row or two. */
      g_assert_cmpfloat (fabs (gtk_adjustment_get_upper (adj) - upper), <, upper / 100);
      g_assert_cmpuint (fascia_clients_page_get_n_shown (page), ==, n_whole);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj), >=,
                     gtk_adjustment_get_upper (adj) - 1);

  close_window (window, dir);
}

static FasciaClient *
selected_client (FasciaClientsPage *page)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "selection"));
  FasciaClientRow *row = gtk_single_selection_get_selected_item (selection);

  return row != NULL ? fascia_client_row_get_client (row) : NULL;
}

/* A client far down a search that finds more than the window counts at first stays chosen
 * in the list when the list is made again (its details saved, here) — which counts, again,
 * only the first rows — and when the search is typed again with the client open. */
static void
test_growing_select (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;
  FasciaWindow *window = window_searching (SMALL_CLINIC, "example", &dir);
  FasciaClientsPage *page = fascia_window_get_clients_page (window);
  FasciaStore *store = fascia_window_get_store (window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "selection"));
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "search_entry"));
  guint n_whole = n_found (store, "example"), position = 3 * FASCIA_CLIENT_LIST_BOUND;
  g_autoptr(FasciaClient) far = NULL;
  guint searches = 0;
  gint64 id;

  g_assert_cmpuint (n_whole, >, position);
  for (guint i = 0; i < 100 && fascia_clients_page_get_n_shown (page) <= position; i++)
    wait_frames (GTK_WIDGET (window), 1);
  wait_all_rows (window);

  /* Chosen as the keyboard or a click chooses a row: the client opens. */
  gtk_single_selection_set_selected (selection, position);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (selected_client (page));
  id = fascia_client_get_id (selected_client (page));
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==, id);

  /* Saved: the store says clients changed, and the page lists them again at once. */
  far = fascia_store_get_client (store, id, &error);
  g_assert_no_error (error);
  fascia_client_set_phone (far, "0400 000 001");
  g_signal_connect (page, "notify::n-searches", G_CALLBACK (n_searches_cb), &searches);
  g_assert_true (fascia_store_update_client (store, far, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (searches, >=, 1);
  g_assert_nonnull (selected_client (page));
  g_assert_cmpint (fascia_client_get_id (selected_client (page)), ==, id);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);

  /* The search typed again with the client open: a new list, the client still chosen. */
  gtk_editable_set_text (entry, "exampl");
  wait_frames (GTK_WIDGET (window), 1);
  searches = 0;
  gtk_editable_set_text (entry, "example");
  while (searches == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (selected_client (page));
  g_assert_cmpint (fascia_client_get_id (selected_client (page)), ==, id);
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==, id);
  g_signal_handlers_disconnect_by_func (page, n_searches_cb, &searches);

  close_window (window, dir);
}

/* A window that opens on a client far down the list (the one shown last) shows the rows
 * around it, each with its client, and that client chosen among them: a GTK 4.8 list view
 * told to scroll there before it was first laid out bound those rows but laid none of them
 * out, and showed the list's first row alone above blank ones. */
static void
test_reopens_far_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = demo_clinic (SMALL_CLINIC, &dir);
  GSettings *settings = fascia_application_get_settings (app);
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(FasciaClient) last = NULL;
  FasciaWindow *window;
  FasciaClientsPage *page;
  FasciaStore *store;
  GtkSingleSelection *selection;
  GtkWidget *list;
  guint position, n_rows;
  gboolean selected_shown = FALSE;

  /* The client three quarters down the list is the one shown last in this database. */
  window = fascia_window_new (app);
  store = fascia_window_get_store (window);
  clients = fascia_store_list_clients (store, "", 0, &error);
  g_assert_no_error (error);
  position = g_list_model_get_n_items (clients) * 3 / 4;
  g_assert_cmpuint (position, >, 300);
  last = g_list_model_get_item (clients, position);
  g_settings_set_int64 (settings, "last-client", fascia_client_get_id (last));
  g_settings_set_string (settings, "last-client-database", fascia_store_get_path (store));
  g_clear_object (&clients);
  destroy_window (window);

  /* The window opens again, on the Clients page. */
  window = clients_window (NULL, NULL, NULL);
  store = fascia_window_get_store (window);
  page = fascia_window_get_clients_page (window);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE,
                                                    "client_list"));
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "selection"));

  g_assert_nonnull (selected_client (page));
  g_assert_cmpint (fascia_client_get_id (selected_client (page)), ==,
                   fascia_client_get_id (last));
  /* In its place among all the clients once the list offers them. */
  wait_rows_offered (window);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);
  /* Every row on screen shows its client, in the store's order; the list is full. */
  n_rows = assert_rows_show (list, store, "");
  g_test_message ("%u rows on screen", n_rows);
  g_assert_cmpuint (n_rows, >, 10);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      FasciaClientRow *item = box != NULL ? g_object_get_data (G_OBJECT (box), "fascia-row") : NULL;

      if (item == NULL || !row_on_screen (list, row))
        continue;
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))), !=, "");
      if (fascia_client_row_get_position (item) == position)
        selected_shown = TRUE;
    }
  g_assert_true (selected_shown);

  g_settings_reset (settings, "last-client");
  g_settings_reset (settings, "last-client-database");
  destroy_window (window);
  fascia_test_rm_rf (dir);
}

/* A window at 1280x800 on the Clients page of a new database at @path with 8,000 clients, the
 * last 420 named Zygmunt (after 7,580 others in list order), no client shown. */
static FasciaWindow *
open_zygmunt_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("name,email,phone\n");
  g_autoptr(GBytes) bytes = NULL;

  {
    g_autoptr(FasciaStore) made = fascia_store_open (path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 8000; i++)
      g_string_append_printf (csv, "%s %05u Ashdown,c%u@example.org,0400 %06u\n",
                              i >= 7580 ? "Zygmunt" : (i % 2 ? "Aurelio" : "Beatrix"), i, i, i);
    bytes = g_bytes_new (csv->str, csv->len);
    g_assert_true (fascia_store_import_clients (made, bytes, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  fascia_application_set_database_path (app, path);
  g_settings_reset (fascia_application_get_settings (app), "last-client");
  return clients_window (NULL, NULL, NULL);
}

/* The ids of the clients whose search key holds @term, in list order: a plain scan. */
static GArray *
scan_ids (FasciaStore *store,
          const char  *term)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDbStmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = fascia_db_prepare (fascia_store_get_db (store),
                            "SELECT id FROM clients WHERE deleted_at IS NULL AND archived = 0 "
                            "AND instr(search_key, ?1) > 0 "
                            "ORDER BY sort_key, archived, search_key, id", FALSE, &error);
  g_assert_no_error (error);
  fascia_db_bind_text (stmt, 1, term);
  while (fascia_db_step (stmt, &error) == FASCIA_DB_ROW)
    {
      gint64 id = fascia_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  g_assert_no_error (error);
  return ids;
}

/* A keystroke whose clients a worker reads (a first name found by some hundreds of clients
 * who sort together, far along the list) does not wait for it on the window's thread: while
 * the worker is held, frames are drawn, and the list shows what it showed, marked busy, with
 * no empty list and no "no results" between; once the worker has read them, the rows show
 * the search's clients, each named for a screen reader, and the list is what a plain scan
 * finds. */
static void
test_bunched_search_in_worker (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autoptr(GArray) scanned = NULL;
  FasciaWindow *window;
  FasciaClientsPage *page;
  FasciaStore *store;
  GtkWidget *list;
  GtkEditable *entry;
  GtkStack *list_stack;
  GtkSingleSelection *selection;
  GListModel *shown;
  FasciaTestWorkerHold *hold;
  guint searches = 0, n_before;
  char *wrong;

  window = open_zygmunt_clinic (path);
  store = fascia_window_get_store (window);
  page = fascia_window_get_clients_page (window);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE,
                                                    "client_list"));
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                       FASCIA_TYPE_CLIENTS_PAGE,
                                                       "search_entry"));
  list_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                         FASCIA_TYPE_CLIENTS_PAGE, "list_stack"));
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
    GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE, "selection"));
  gtk_editable_set_text (entry, "beatrix");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (assert_rows_show (list, store, "beatrix"), >, 10);
  n_before = fascia_clients_page_get_n_shown (page);
  g_signal_connect (page, "notify::n-searches", G_CALLBACK (n_searches_cb), &searches);

  /* The worker's connection held by other work: the keystroke cannot have its clients. */
  hold = fascia_test_hold_worker (store);

  gtk_editable_set_text (entry, "zygm");
  wait_frames (GTK_WIDGET (window), 3);
  /* Frames drawn, and the list before still shown, whole, marked busy. */
  g_assert_cmpuint (searches, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  g_assert_cmpuint (fascia_clients_page_get_n_shown (page), ==, n_before);
  g_assert_cmpuint (assert_rows_show (list, store, "beatrix"), >, 10);
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_STATE_BUSY, TRUE);
  g_assert_null (wrong);

  g_assert_true (fascia_test_release_worker (hold));
  while (searches == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (window), 2);

  scanned = scan_ids (store, "zygm");
  g_assert_cmpuint (scanned->len, ==, 420);
  g_assert_cmpuint (fascia_clients_page_get_n_shown (page), ==, scanned->len);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_STATE_BUSY, FALSE);
  g_assert_null (wrong);
  g_assert_cmpuint (assert_rows_show (list, store, "zygm"), >, 10);
  shown = fascia_client_rows_get_list (FASCIA_CLIENT_ROWS (gtk_single_selection_get_model (selection)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, scanned->len);
  for (guint i = 0; i < scanned->len; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (shown, i);

      g_assert_cmpint (fascia_client_get_id (client), ==, g_array_index (scanned, gint64, i));
    }

  /* Chosen as the keyboard chooses a row: the client found opens. */
  gtk_single_selection_set_selected (selection, 1);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (fascia_client_get_id (fascia_clients_page_get_client (page)), ==,
                   g_array_index (scanned, gint64, 1));

  g_signal_handlers_disconnect_by_func (page, n_searches_cb, &searches);
  destroy_window (window);
  fascia_test_rm_rf (dir);
}

/* A keystroke whose clients a worker reads, typed after a search that found no one ("zygmx",
 * then "zygm"): the list before stays while they are read, but "No Matching Clients", which
 * was true of the text before, is not claimed of the text now in the search box: the page says
 * it is searching, marked busy for screen readers, until the worker's answer, which is then
 * shown. A search that finds no one, answered at once, still says so. */
static void
test_no_stale_no_results (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autoptr(GArray) scanned = NULL;
  FasciaWindow *window;
  FasciaClientsPage *page;
  FasciaStore *store;
  GtkWidget *list;
  GtkEditable *entry;
  GtkStack *list_stack;
  GtkWidget *searching;
  FasciaTestWorkerHold *hold;
  guint searches = 0;
  char *wrong;

  window = open_zygmunt_clinic (path);
  store = fascia_window_get_store (window);
  page = fascia_window_get_clients_page (window);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE,
                                                    "client_list"));
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                       FASCIA_TYPE_CLIENTS_PAGE,
                                                       "search_entry"));
  list_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                         FASCIA_TYPE_CLIENTS_PAGE, "list_stack"));
  gtk_editable_set_text (entry, "zygmx");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");
  g_signal_connect (page, "notify::n-searches", G_CALLBACK (n_searches_cb), &searches);

  /* The worker's connection held by other work: the keystroke cannot have its clients. */
  hold = fascia_test_hold_worker (store);

  gtk_editable_set_text (entry, "zygm");
  wait_frames (GTK_WIDGET (window), 3);
  /* Not answered yet: neither "no results" nor "no clients", but searching, busy. */
  g_assert_cmpuint (searches, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "searching");
  searching = gtk_stack_get_visible_child (list_stack);
  g_assert_true (gtk_widget_get_mapped (searching));
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (searching),
                                           GTK_ACCESSIBLE_STATE_BUSY, TRUE);
  g_assert_null (wrong);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (searching),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "Searching");
  g_assert_null (wrong);

  g_assert_true (fascia_test_release_worker (hold));
  while (searches == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (window), 2);

  scanned = scan_ids (store, "zygm");
  g_assert_cmpuint (scanned->len, ==, 420);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  g_assert_cmpuint (fascia_clients_page_get_n_shown (page), ==, scanned->len);
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_STATE_BUSY, FALSE);
  g_assert_null (wrong);
  g_assert_cmpuint (assert_rows_show (list, store, "zygm"), >, 10);

  /* Answered at once, no one found: said so. */
  gtk_editable_set_text (entry, "zygmunt qq");
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");

  g_signal_handlers_disconnect_by_func (page, n_searches_cb, &searches);
  destroy_window (window);
  fascia_test_rm_rf (dir);
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

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fascia/ui/clients-scale/bounded-queries", test_bounded_queries);
  g_test_add_func ("/fascia/ui/clients-scale/daily-backup", test_daily_backup);
  g_test_add_func ("/fascia/ui/clients-scale/visit-pages", test_visit_pages);
  g_test_add_func ("/fascia/ui/clients-scale/sections-measured-shown",
                   test_sections_measured_shown);
  g_test_add_func ("/fascia/ui/clients-scale/search-keeps-rows", test_search_keeps_rows);
  g_test_add_func ("/fascia/ui/clients-scale/rows-shown-on-screen", test_rows_shown_on_screen);
  g_test_add_func ("/fascia/ui/clients-scale/search-bounded", test_search_bounded);
  g_test_add_func ("/fascia/ui/clients-scale/growing-steady", test_growing_steady);
  g_test_add_func ("/fascia/ui/clients-scale/growing-select", test_growing_select);
  g_test_add_func ("/fascia/ui/clients-scale/reopens-far-down", test_reopens_far_down);
  g_test_add_func ("/fascia/ui/clients-scale/bunched-search-in-worker",
                   test_bunched_search_in_worker);
  g_test_add_func ("/fascia/ui/clients-scale/no-stale-no-results", test_no_stale_no_results);

  status = g_test_run ();
  g_clear_object (&app);
  fascia_test_rm_rf (cache);
  return status;
}
