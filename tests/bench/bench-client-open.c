/* bench-client-open.c — at 100,000 clients, opening the client with 500 visits from the list,
 * and its visits and progress chart, in the window, from the click or key to the painted frame.
 *
 * A FasciaWindow on the Clients page of a demo clinic (fascia_store_create_demo_full(), whose
 * first made-up client has 500 weekly visits with pain scores), 1280×800, accessibility on.
 * The search box holds that client's surname, which other clients share: the list shows
 * them, and each round clicks through the X server (xdotool, one process reading a pipe):
 *
 * - empty click: the header bar's empty space — the baseline: the event's way through X and GTK to
 *   a painted frame, with no work (the window redraws when it sees it);
 * - another client: a row of a client with few or no visits, until a frame shows it;
 * - the 500-visit client: its row, until a frame shows it (its details; its plans and visits
 *   read as the client view reads them when a client is chosen; the chart's scores are read
 *   when it is shown);
 * - visits (Ctrl+3) and progress (Ctrl+4): until a frame shows the section, its list or
 *   chart mapped; then Ctrl+1 back to the details, not measured.
 *
 * Prints median and 99th percentile of the wall time from the moment the click or key is
 * sent, and of the process's processor time (all threads) over the same span.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gdk/x11/gdkx.h>

#include "bench-click-utils.h"
#include "fascia-application.h"
#include "fascia-client-rows.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-store-private.h"
#include "fascia-test-utils.h"
#include "fascia-window.h"

#define N_ROUNDS 12

/* xdotool sleeps for a click's --delay (100 ms unless told) after the click before it reads
 * its next command: the key or pointer move sent next would wait that long, inside the next
 * figure or out of the pointer's rest before the next click (as in atlas-click). */
#define CLICK "click --delay 0 1"
#define N_CLIENTS 100000

typedef struct
{
  GArray *wall;
  GArray *cpu;
  guint   missed;
} Figures;

typedef struct
{
  GtkWidget         *window;
  FasciaClientsPage *page;
  GtkWidget         *list;
  GtkStack          *sections;
  char              *xid;
  BenchXdo          *xdo;

  /* The measure under way */
  gboolean         (*answered) (gpointer data);
  gpointer           data;
  gboolean           seen;      /* the empty click reached the window */
  gint64             start_wall, start_cpu, end_wall, end_cpu;
} Bench;

static Figures
figures_new (void)
{
  return (Figures) { g_array_new (FALSE, FALSE, sizeof (double)),
                     g_array_new (FALSE, FALSE, sizeof (double)), 0 };
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->answered != NULL && bench->end_wall == 0 && bench->answered (bench->data))
    {
      bench->end_wall = g_get_monotonic_time ();
      bench->end_cpu = bench_cpu_now ();
    }
}

static gboolean
measured (gpointer data)
{
  return ((Bench *) data)->end_wall != 0;
}

static gboolean
quiet (gpointer data)
{
  return FALSE;
}

/* Sends @command (a click or a key) and waits for the frame that answers. */
static void
measure (Bench       *bench,
         const char  *command,
         gboolean   (*answered) (gpointer data),
         gpointer     data,
         Figures     *figures)
{
  double wall, cpu;

  /* Whatever the last answer left to do (a count, an idle) done first. */
  bench_wait_until (quiet, NULL, 150);

  bench->answered = answered;
  bench->data = data;
  bench->seen = FALSE;
  bench->end_wall = bench->end_cpu = 0;
  bench->start_wall = g_get_monotonic_time ();
  bench->start_cpu = bench_cpu_now ();
  bench_xdo_send (bench->xdo, "%s", command);

  if (!bench_wait_until (measured, bench, 10000))
    {
      bench->answered = NULL;
      if (figures != NULL)
        figures->missed++;
      g_printerr ("“%s” was not answered within 10 s\n", command);
      return;
    }
  bench->answered = NULL;
  if (figures == NULL)
    return;

  wall = (bench->end_wall - bench->start_wall) / 1000.0;
  cpu = (bench->end_cpu - bench->start_cpu) / 1000.0;
  g_array_append_val (figures->wall, wall);
  g_array_append_val (figures->cpu, cpu);
}

/* The pointer goes there first, so that the click alone is measured. */
static gboolean
point_at (Bench     *bench,
          GtkWidget *widget,
          double     x,
          double     y)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (widget, bench->window, &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;
  bench_xdo_send (bench->xdo, "mousemove --window %s %d %d", bench->xid, (int) point.x,
                  (int) point.y);
  bench_wait_ms (150);
  return TRUE;
}

/* Whether the whole of @row is inside the list's scrolled window. */
static gboolean
on_screen (Bench     *bench,
           GtkWidget *row)
{
  GtkWidget *viewport = gtk_widget_get_parent (bench->list);
  graphene_point_t top, bottom;

  return gtk_widget_compute_point (row, viewport, &GRAPHENE_POINT_INIT (0, 0), &top)
         && gtk_widget_compute_point (row, viewport,
                                      &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (row)),
                                      &bottom)
         && top.y >= 0 && bottom.y <= gtk_widget_get_height (viewport);
}

/* The row widget of the list on screen that shows @client_id, or the first that shows
 * another. */
static GtkWidget *
find_row (Bench   *bench,
          gint64   client_id,
          gboolean other)
{
  for (GtkWidget *row = gtk_widget_get_first_child (bench->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      FasciaClientRow *item = box != NULL ? g_object_get_data (G_OBJECT (box), "fascia-row")
                                          : NULL;
      gint64 id;

      if (item == NULL || !gtk_widget_get_mapped (row) || !on_screen (bench, row))
        continue;
      id = fascia_client_get_id (fascia_client_row_get_client (item));
      if (id > 0 && (other ? id != client_id : id == client_id))
        return row;
    }
  return NULL;
}

/* The window's header bar. */
static GtkWidget *
find_title (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget) && gtk_widget_get_mapped (widget)
      && gtk_widget_get_width (widget) > 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_press_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 Bench           *bench)
{
  bench->seen = TRUE;
  gtk_widget_queue_draw (bench->window);
  return FALSE;
}

static gboolean
empty_answered (gpointer data)
{
  return ((Bench *) data)->seen;
}

typedef struct
{
  Bench  *bench;
  gint64  client_id;
} Opening;

static gboolean
client_answered (gpointer data)
{
  Opening *opening = data;
  FasciaClient *shown = fascia_clients_page_get_client (opening->bench->page);

  return shown != NULL && fascia_client_get_id (shown) == opening->client_id
         && g_strcmp0 (gtk_stack_get_visible_child_name (opening->bench->sections), "details") == 0;
}

typedef struct
{
  Bench      *bench;
  const char *section;
} Section;

static gboolean
section_answered (gpointer data)
{
  Section *section = data;
  GtkWidget *child = gtk_stack_get_visible_child (section->bench->sections);

  return g_strcmp0 (gtk_stack_get_visible_child_name (section->bench->sections),
                    section->section) == 0
         && child != NULL && gtk_widget_get_mapped (child);
}

static void
print_figures (const char *what,
               Figures    *figures,
               Figures    *baseline)
{
  double wall, cpu;

  if (figures->wall->len == 0)
    {
      printf ("  %-28s NOT ANSWERED (%u)\n", what, figures->missed);
      return;
    }
  wall = bench_percentile (figures->wall, 0.5);
  cpu = bench_percentile (figures->cpu, 0.5);
  printf ("  %-28s wall median %7.1f ms  p99 %7.1f ms   cpu median %7.1f ms  p99 %7.1f ms",
          what, wall, bench_percentile (figures->wall, 0.99), cpu,
          bench_percentile (figures->cpu, 0.99));
  if (baseline != NULL && baseline->wall->len > 0)
    printf ("   (− baseline: wall %+.1f, cpu %+.1f)", wall - bench_percentile (baseline->wall, 0.5),
            cpu - bench_percentile (baseline->cpu, 0.5));
  if (figures->missed > 0)
    printf ("   %u NOT ANSWERED", figures->missed);
  printf ("\n");
}

/* The client with the most visits: the demo's first made-up client, with 500. */
static gint64
busiest_client (FasciaStore *store,
                char       **name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStoreStmt) stmt =
    fascia_store_prepare (store, "SELECT client_id FROM visits GROUP BY client_id "
                                 "ORDER BY count(*) DESC LIMIT 1", &error);
  g_autoptr(FasciaClient) client = NULL;
  gint64 id;

  if (stmt == NULL || fascia_db_step (stmt, &error) != FASCIA_DB_ROW)
    g_error ("No visits: %s", error != NULL ? error->message : "none");
  id = fascia_db_column_int64 (stmt, 0);
  client = fascia_store_get_client (store, id, &error);
  if (client == NULL)
    g_error ("%s", error->message);
  *name = g_strdup (fascia_client_get_name (client));
  return id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("fascia-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "clinic.db", NULL);
  g_autofree char *name = NULL;
  g_autoptr(FasciaApplication) app = NULL;
  Figures empty = figures_new (), other = figures_new (), busy = figures_new ();
  Figures visits = figures_new (), progress = figures_new ();
  Bench bench = { 0 };
  GtkGesture *press;
  GtkEditable *entry;
  gint64 busy_id, t0;
  guint n_clients = N_CLIENTS;

  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (g_getenv ("FASCIA_XDOTOOL") == NULL)
    g_error ("FASCIA_XDOTOOL names no xdotool");
  if (g_getenv ("FASCIA_BENCH_CLIENTS") != NULL)
    n_clients = (guint) g_ascii_strtoull (g_getenv ("FASCIA_BENCH_CLIENTS"), NULL, 10);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  if (error != NULL)
    g_error ("%s", error->message);

  t0 = g_get_monotonic_time ();
  if (!fascia_store_create_demo_full (path, n_clients, &error))
    g_error ("%s", error->message);
  printf ("made a demo clinic of %u clients in %.1f s\n", n_clients + 12,
          (g_get_monotonic_time () - t0) / 1e6);
  /* Today's backup made now (opening the store makes it): the window, finding it, makes
   * none while the clicks are measured. */
  {
    g_autoptr(FasciaStore) store = fascia_store_open (path, &error);

    if (store == NULL)
      g_error ("%s", error->message);
  }
  fascia_application_set_database_path (app, path);

  bench.window = GTK_WIDGET (fascia_window_new (app));
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  gtk_widget_activate_action (bench.window, "win.show-page", "s", "clients");
  gtk_window_present (GTK_WINDOW (bench.window));
  bench_wait_ms (1000);
  bench.page = fascia_window_get_clients_page (FASCIA_WINDOW (bench.window));
  bench.list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (bench.page),
                                                          FASCIA_TYPE_CLIENTS_PAGE,
                                                          "client_list"));
  bench.sections = GTK_STACK (gtk_widget_get_template_child (
    GTK_WIDGET (fascia_clients_page_get_client_view (bench.page)), FASCIA_TYPE_CLIENT_VIEW,
    "stack"));
  bench.xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
    gtk_native_get_surface (GTK_NATIVE (bench.window))));
  bench.xdo = bench_xdo_new (g_getenv ("FASCIA_XDOTOOL"));
  g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);
  press = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (window_press_cb), &bench);
  gtk_widget_add_controller (bench.window, GTK_EVENT_CONTROLLER (press));

  busy_id = busiest_client (fascia_window_get_store (FASCIA_WINDOW (bench.window)), &name);
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (bench.page),
                                                       FASCIA_TYPE_CLIENTS_PAGE,
                                                       "search_entry"));
  /* Its surname: it and others who share it. */
  gtk_editable_set_text (entry, strrchr (name, ' ') != NULL ? strrchr (name, ' ') + 1 : name);
  bench_wait_ms (500);
  printf ("the client with 500 visits, “%s”: %u clients listed by the search “%s”\n", name,
          fascia_clients_page_get_n_shown (bench.page), gtk_editable_get_text (entry));

  /* Its row brought on screen. */
  {
    guint position = fascia_store_find_client (fascia_window_get_store (FASCIA_WINDOW (bench.window)),
                                               fascia_client_rows_get_list (
                                                 FASCIA_CLIENT_ROWS (gtk_single_selection_get_model (
                                                   GTK_SINGLE_SELECTION (gtk_list_view_get_model (
                                                     GTK_LIST_VIEW (bench.list)))))),
                                               busy_id);

    if (position == G_MAXUINT)
      g_error ("The search does not find the client with 500 visits");
    gtk_widget_activate_action (bench.list, "list.scroll-to-item", "u", position);
    bench_wait_ms (500);
  }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      Opening busy_opening = { &bench, busy_id }, other_opening = { &bench, 0 };
      Section visits_section = { &bench, "visits" }, progress_section = { &bench, "progress" };
      GtkWidget *busy_row = find_row (&bench, busy_id, FALSE);
      GtkWidget *other_row = find_row (&bench, busy_id, TRUE);
      GtkWidget *title;
      FasciaClientRow *item;

      if (busy_row == NULL || other_row == NULL)
        g_error ("The list shows no row of the client with 500 visits, or no other");
      item = g_object_get_data (G_OBJECT (gtk_widget_get_first_child (other_row)), "fascia-row");
      other_opening.client_id = fascia_client_get_id (fascia_client_row_get_client (item));

      /* The header bar between its buttons and the page switcher in its middle: nothing to
       * do (and seconds since the last empty click there, so never a double click). */
      title = find_title (bench.window);
      if (title != NULL && point_at (&bench, title, gtk_widget_get_width (title) / 4.0,
                                     gtk_widget_get_height (title) / 2.0))
        measure (&bench, CLICK, empty_answered, &bench, &empty);
      else
        g_error ("No window title to click");
      if (fascia_clients_page_get_client (bench.page) != NULL && round == 0)
        g_error ("The empty click chose a client");
      if (gtk_window_is_maximized (GTK_WINDOW (bench.window)))
        g_error ("The empty click was taken as a double click");

      if (point_at (&bench, other_row, 40, gtk_widget_get_height (other_row) / 2.0))
        measure (&bench, CLICK, client_answered, &other_opening, &other);
      if (point_at (&bench, busy_row, 40, gtk_widget_get_height (busy_row) / 2.0))
        measure (&bench, CLICK, client_answered, &busy_opening, &busy);
      measure (&bench, "key ctrl+3", section_answered, &visits_section, &visits);
      measure (&bench, "key ctrl+4", section_answered, &progress_section, &progress);
      measure (&bench, "key ctrl+1", client_answered, &busy_opening, NULL);
    }

  printf ("at %u clients, the client with 500 visits, %u rounds, from the click or key sent "
          "to the painted frame\n", n_clients + 12, N_ROUNDS);
  print_figures ("empty click (baseline)", &empty, NULL);
  print_figures ("another client (few visits)", &other, &empty);
  print_figures ("the 500-visit client", &busy, &empty);
  print_figures ("its visits (Ctrl+3)", &visits, &empty);
  print_figures ("its progress chart (Ctrl+4)", &progress, &empty);

  bench_xdo_free (bench.xdo);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_free (bench.xid);
  fascia_test_rm_rf (tmp);

  return empty.missed + other.missed + busy.missed + visits.missed + progress.missed == 0
         ? EXIT_SUCCESS : EXIT_FAILURE;
}
