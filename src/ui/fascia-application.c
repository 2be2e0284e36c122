/* fascia-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-application"

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gi18n.h>

#include "fascia/fascia-paths.h"

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-cli.h"
#include "fascia-preferences-window.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"

struct _FasciaApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  char           *database_path;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (FasciaApplication, fascia_application, ADW_TYPE_APPLICATION)

/* Tests make several applications in one session: each is its own instance. main() makes
 * the real one unique (see fascia_application_id_for_database()). */
FasciaApplication *
fascia_application_new (void)
{
  return g_object_new (FASCIA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * fascia_application_id_for_database:
 * @path: a client database
 *
 * Fascia runs once per database: the default database has the application's own id, and
 * any other file one derived from its absolute path, so that a second launch on the same
 * file finds the first (and presents its window) while another file opens beside it.
 *
 * Returns: (transfer full): the application id for @path
 */
char *
fascia_application_id_for_database (const char *path)
{
  g_autofree char *default_path = fascia_paths_default_database ();
  g_autofree char *canonical = NULL;
  g_autofree char *default_canonical = NULL;
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  canonical = g_canonicalize_filename (path, NULL);
  default_canonical = g_canonicalize_filename (default_path, NULL);
  if (g_str_equal (canonical, default_canonical))
    return g_strdup (APPLICATION_ID);

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  /* An element of an id may not start with a digit. */
  return g_strdup_printf ("%s.Database%.16s", APPLICATION_ID, checksum);
}

/**
 * fascia_application_get_database_path:
 *
 * Returns: the client database this instance works on: `--database PATH`, or the
 *   default in the user's data directory.
 */
const char *
fascia_application_get_database_path (FasciaApplication *self)
{
  g_return_val_if_fail (FASCIA_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * fascia_application_set_database_path:
 *
 * Chooses the client database windows opened from now on work on, as `--database PATH`
 * does; tests use it to give each case a fresh database.
 */
void
fascia_application_set_database_path (FasciaApplication *self,
                                      const char        *path)
{
  g_return_if_fail (FASCIA_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

GSettings *
fascia_application_get_settings (FasciaApplication *self)
{
  g_return_val_if_fail (FASCIA_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);

  return self->settings;
}

static int
fascia_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  FasciaApplication *self = FASCIA_APPLICATION (application);
  g_autofree char *database = NULL;
  int exit_status = EXIT_SUCCESS;

  if (g_variant_dict_lookup (options, "database", "^ay", &database) &&
      fascia_store_is_server_database (database))
    {
      /* A clinic server is named by its connection string, as given. */
      g_free (self->database_path);
      self->database_path = g_strdup (database);
    }
  else if (database != NULL && database[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      g_free (self->database_path);
      self->database_path = g_file_get_path (file);
    }

  if (fascia_cli_run (options, self->database_path, &exit_status))
    return exit_status;

  /* One window per database: a second launch on the same file presents the window that
   * has it open; another file gets an instance of its own. */
  if (!(g_application_get_flags (application) & G_APPLICATION_NON_UNIQUE))
    {
      g_autofree char *id = fascia_application_id_for_database (self->database_path);

      g_application_set_application_id (application, id);
    }

  return G_APPLICATION_CLASS (fascia_application_parent_class)->handle_local_options (application,
                                                                                    options);
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, user_data);
  g_print ("first-frame\n");
  g_application_quit (G_APPLICATION (user_data));
}

static void
bench_realize_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), user_data);
}

/* tests/bench/bench-clients-startup: the window answers input once it has handled a key
 * press and painted the frame after it. */
static void
bench_answer_paint_cb (GdkFrameClock *clock,
                       gpointer       user_data)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;
  struct rusage usage;
  struct timespec main_cpu;

  g_signal_handlers_disconnect_by_func (clock, bench_answer_paint_cb, user_data);
  /* And the memory it takes at that moment ("VmRSS:  123456 kB"). */
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");
  /* And the processor time all its threads took until then. */
  getrusage (RUSAGE_SELF, &usage);
  /* And the main thread's alone, the work the window waits for: the rest runs beside it
   * on a second core, when there is one to spare. */
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &main_cpu);
  g_print ("answered cpu %.1f ms main %.1f ms %.*s\n",
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3,
           main_cpu.tv_sec * 1e3 + main_cpu.tv_nsec / 1e6,
           rss != NULL ? (int) strcspn (rss, "\n") : 0, rss != NULL ? rss : "");
  g_application_quit (G_APPLICATION (user_data));
}

static gboolean
bench_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      gpointer               user_data)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (controller),
                                              GTK_PHASE_NONE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_answer_paint_cb), user_data);
  gtk_widget_queue_draw (window);
  return FALSE;
}

static void
fascia_application_activate (GApplication *application)
{
  FasciaApplication *self = FASCIA_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (fascia_window_new (self));

      /* tests/bench/bench-startup measures the time to this window's first frame. */
      if (g_getenv ("FASCIA_BENCH_FIRST_FRAME") != NULL)
        g_signal_connect (window, "realize", G_CALLBACK (bench_realize_cb), self);
      if (g_getenv ("FASCIA_BENCH_ANSWER") != NULL)
        {
          GtkEventController *keys = gtk_event_controller_key_new ();

          gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
          g_signal_connect (keys, "key-pressed", G_CALLBACK (bench_key_pressed_cb), self);
          gtk_widget_add_controller (GTK_WIDGET (window), keys);
        }
    }

  gtk_window_present (window);
}

static const struct {
  const char *action;
  const char *accel;
} window_accels[] = {
  { "win.show-page('atlas')", "<Alt>1" },
  { "win.show-page('clients')", "<Alt>2" },
  { "win.show-page('study')", "<Alt>3" },
  { "win.search", "<Control>f" },
  { "win.show-section(1)", "<Control>1" },
  { "win.show-section(2)", "<Control>2" },
  { "win.show-section(3)", "<Control>3" },
  { "win.show-section(4)", "<Control>4" },
};

static GtkSizeRequestMode
list_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/*
 * GTK 4.8's GtkListView keeps GtkWidget's request mode, GTK_SIZE_REQUEST_CONSTANT_SIZE (its
 * children's modes are not asked), so gtk_widget_measure() drops the width it is asked for and
 * the list measures its rows for no width: a row whose text wraps is counted as one line, and a
 * list as high as its rows (FasciaListHeightLayout) cuts its last lines at its foot. It lays its
 * rows out at its width all the same. Every list view is measured at a width from start-up on,
 * before the first is made: GTK keeps a widget's request mode once asked, until it is resized,
 * so one made before would keep the old mode. The class is kept for the process's life.
 */
static void
measure_list_views_at_width (void)
{
  GtkWidgetClass *list_view_class = g_type_class_ref (GTK_TYPE_LIST_VIEW);

  list_view_class->get_request_mode = list_view_get_request_mode;
}

/* GTK reads the icon theme (its index files and caches) on the first icon looked up: in the
 * window's first measure, ~15 ms of the main thread that a bare window without icons never
 * pays. GTK queues a read in its thread pool when the theme is first asked for
 * (gtk_icon_theme_get_for_display()), but the window's first lookup, made at once, took the
 * theme's lock first and read it itself (seen in a profile of the start-up). Lookups may be
 * made from any thread once the theme is made on the main thread (gtkicontheme.c,
 * "Threading"): one is made here, in a thread of its own, while the main thread builds the
 * window, which then finds the theme read (or waits for the end of the read). */
static gpointer
read_icon_theme_thread (gpointer data)
{
  GtkIconTheme *theme = data;
  g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, "open-menu-symbolic",
                                                                  NULL, 16, 1,
                                                                  GTK_TEXT_DIR_NONE, 0);

  g_object_unref (theme);
  return NULL;
}

static void
read_icon_theme_ahead (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    g_thread_unref (g_thread_new ("fascia-icons", read_icon_theme_thread,
                                  g_object_ref (gtk_icon_theme_get_for_display (display))));
}

static void
fascia_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  /* The Atlas and Study pages need the atlas for their first frame: a window that opens on
   * one of them has it read in a worker while GTK opens the display. The Clients page does
   * not (its list never, a client's plan when it is opened): its window has the atlas read
   * in the background once it is up (fascia-window.c), or by whatever needs it first. */
  {
    g_autofree char *page = g_settings_get_string (
      fascia_application_get_settings (FASCIA_APPLICATION (application)), "last-page");

    if (g_strcmp0 (page, "clients") != 0)
      fascia_atlas_preload_default ();
    /* And the Atlas page's view, its drawing, likewise. */
    if (g_strcmp0 (page, "atlas") == 0)
      {
        g_autofree char *view = g_settings_get_string (
          fascia_application_get_settings (FASCIA_APPLICATION (application)), "last-view");

        fascia_atlas_page_load_view_ahead (view);
      }
  }
  /* And what a database file's schema is checked against, while GTK opens the display. */
  fascia_store_preload ();

  G_APPLICATION_CLASS (fascia_application_parent_class)->startup (application);

  read_icon_theme_ahead ();
  fascia_ui_name_controls ();
  fascia_ui_keep_clicks_in_every_window ();
  fascia_ui_quiet_tooltips_over_menus ();
  fascia_ui_check_buttons_keep_arrows ();
  measure_list_views_at_width ();

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.hide-client-names",
                                         (const char *[]) { "<Control><Shift>h", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  /* The shortcuts window is built by the window when first asked for (not by GtkApplication
   * for every window before it shows, which finds it as gtk/help-overlay.ui): its key, which
   * GtkApplication would have set. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });

  /* The window's page, search and section keys work wherever the focus is: application
   * accelerators are seen before the focused widget (a card's text, the client list) has
   * the key. */
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    {
      const char *accels[] = { window_accels[i].accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                             window_accels[i].action, accels);
    }
}

/* Whether a window of the application is still on screen. */
static gboolean
any_window_shown (FasciaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_widget_get_realized (l->data))
      return TRUE;
  return FALSE;
}

static void
quit_when_closed_cb (FasciaApplication *self)
{
  if (any_window_shown (self))
    return;

  g_signal_handlers_disconnect_by_func (self, quit_when_closed_cb, NULL);
  g_application_quit (G_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FasciaApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close the windows rather than quitting outright, so each saves its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  /* A window writing records (an import, a restore, a move to a clinic server) stops that
   * work and stays until its worker has returned (fascia-records-ui.c): the application
   * quits once it has gone, never in the middle of a write. */
  g_signal_handlers_disconnect_by_func (self, quit_when_closed_cb, NULL);
  g_signal_connect (self, "window-removed", G_CALLBACK (quit_when_closed_cb), NULL);
  quit_when_closed_cb (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FasciaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { N_("The Fascia developers"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Fascia"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Fascia developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("Anatomy diagrams and treatment plans for the muscles of the "
                                   "low back and hip, for massage therapists and their students."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_add_legal_section (about, _("Anatomy content and drawings"), NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("The anatomy content and the diagrams are licensed under "
                                        "the Creative Commons Attribution-ShareAlike 4.0 "
                                        "International licence (CC BY-SA 4.0). Every fact names "
                                        "its reference on its card."));
  adw_about_window_set_copyright (about, _("© 2026 The Fascia developers"));
  adw_about_window_set_issue_url (about, "https://github.com/fascia/fascia/issues");
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FasciaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (fascia_preferences_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
fascia_application_finalize (GObject *object)
{
  FasciaApplication *self = FASCIA_APPLICATION (object);

  /* Views parsed and drawn ahead: let the one being made end before the process does. */
  fascia_ui_wait_for_background (5000);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fascia_application_parent_class)->finalize (object);
}

static void
fascia_application_class_init (FasciaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fascia_application_finalize;

  app_class->handle_local_options = fascia_application_handle_local_options;
  app_class->startup = fascia_application_startup;
  app_class->activate = fascia_application_activate;
}

static void
fascia_application_init (FasciaApplication *self)
{
  self->database_path = fascia_paths_default_database ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  fascia_cli_add_options (G_APPLICATION (self));
}
