/* fascia-ui-test-utils.c — real input for widget tests, through the X server.
 *
 * GTK 4.8 has no public way to make a GdkEvent. The tests run under Xvfb, so they ask
 * xdotool (XTEST) for real pointer and key events: they travel the same path as a user's,
 * through GDK, the gestures and the focus chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-test"

#include "config.h"

#include <math.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/Xdamage.h>
#include <sqlite3.h>

#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-diagram-view.h"

static void
xdotool_argv (gboolean    iterate,
              const char *first,
              va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("FASCIA_XDOTOOL");
  const char *arg;
  int status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, g_strdup (binary));
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);

  /* Let GTK handle what came before, so that events arrive in order. */
  if (iterate)
    fascia_test_iterate ();
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static void
xdotool (const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  xdotool_argv (TRUE, first, args);
  va_end (args);
}

/* The same, at once: GTK handles nothing before. */
static void
xdotool_now (const char *first,
             ...)
{
  va_list args;

  va_start (args, first);
  xdotool_argv (FALSE, first, args);
  va_end (args);
}

/* Window-relative coordinates of a point of @widget, for xdotool --window. */
static char *
window_xid_and_point (GtkWidget *widget,
                      double     x,
                      double     y,
                      char     **sx,
                      char     **sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);

  *sx = g_strdup_printf ("%d", (int) (point.x + dx));
  *sy = g_strdup_printf ("%d", (int) (point.y + dy));
  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

/* The child @name of @widget's template of class @type; the test fails if there is none. */
GtkWidget *
fascia_ui_test_child (gpointer    widget,
                      GType       type,
                      const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The first widget under @root, itself included, in depth-first order, for which @test
 * (given @data) returns %TRUE; NULL if there is none. */
GtkWidget *
fascia_ui_test_find_widget (GtkWidget              *root,
                            FasciaUiTestWidgetTest  test,
                            gconstpointer           data)
{
  if (test (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fascia_ui_test_find_widget (child, test, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* The first button under @root, itself included, in depth-first order, whose action is
 * @action ("visit.close"); NULL if there is none. */
GtkWidget *
fascia_ui_test_find_action_button (GtkWidget  *root,
                                   const char *action)
{
  return fascia_ui_test_find_widget (root, is_action_button, action);
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The first button under @root, itself included, in depth-first order, whose tooltip is
 * @tooltip ("Zoom In (+)"): for buttons with an icon and no action; NULL if there is none. */
GtkWidget *
fascia_ui_test_find_tooltip_button (GtkWidget  *root,
                                    const char *tooltip)
{
  return fascia_ui_test_find_widget (root, is_button_with_tooltip, tooltip);
}

/* Whether @widget is actionable with the string @target as its action's target. */
gboolean
fascia_ui_test_action_target_is (GtkWidget  *widget,
                                 const char *target)
{
  GVariant *value;

  if (!GTK_IS_ACTIONABLE (widget))
    return FALSE;
  value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
         && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) data);
}

/* The first widget under @root, itself included, in depth-first order, that is a @type; NULL
 * if there is none. */
GtkWidget *
fascia_ui_test_find_type (GtkWidget *root,
                          GType      type)
{
  return fascia_ui_test_find_widget (root, is_of_type, &type);
}

/* How many labels under @root show exactly @text. */
guint
fascia_ui_test_count_labels (GtkWidget  *root,
                             const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += fascia_ui_test_count_labels (child, text);

  return n;
}

char *
fascia_ui_test_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
fascia_ui_test_up_to_date (gpointer view)
{
  return fascia_diagram_view_is_up_to_date (view);
}

gconstpointer
fascia_ui_test_find_muscle_label (gpointer  view,
                                  double   *x,
                                  double   *y)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);

  for (guint i = 0; i < fascia_diagram_get_n_labels (diagram); i++)
    {
      double bx, by, bw, bh, end_x, end_y, wx, wy;
      const FasciaRegion *hit;

      if (!fascia_diagram_get_label_box (diagram, i, &bx, &by, &bw, &bh)
          || !fascia_diagram_get_label_leader (diagram, i, NULL, NULL, &end_x, &end_y, NULL)
          || (hit = fascia_diagram_hit_test (diagram, end_x, end_y)) == NULL
          || hit->kind != FASCIA_REGION_MUSCLE
          || fascia_diagram_hit_test (diagram, bx + bw / 2, by + bh / 2) != NULL)
        continue;
      fascia_diagram_view_view_to_widget (view, bx + bw / 2, by + bh / 2, &wx, &wy);
      if (wx < 0 || wy < 0 || wx >= gtk_widget_get_width (GTK_WIDGET (view))
          || wy >= gtk_widget_get_height (GTK_WIDGET (view)))
        continue;
      g_test_message ("the label “%s” of %s", fascia_diagram_get_label_text (diagram, i),
                      hit->id);
      *x = wx;
      *y = wy;
      return hit;
    }
  return NULL;
}

void
fascia_ui_test_pointer_move (GtkWidget *widget,
                             double     x,
                             double     y)
{
  g_autofree char *sx = NULL, *sy = NULL;
  g_autofree char *xid = window_xid_and_point (widget, x, y, &sx, &sy);

  xdotool ("mousemove", "--window", xid, sx, sy, NULL);
}

/* The same, at once: GTK handles nothing before the pointer is moved (a window not yet
 * drawn stays so). */
void
fascia_ui_test_pointer_move_now (GtkWidget *widget,
                                 double     x,
                                 double     y)
{
  g_autofree char *sx = NULL, *sy = NULL;
  g_autofree char *xid = window_xid_and_point (widget, x, y, &sx, &sy);

  xdotool_now ("mousemove", "--window", xid, sx, sy, NULL);
}

void
fascia_ui_test_click (GtkWidget *widget,
                      double     x,
                      double     y)
{
  g_autofree char *sx = NULL, *sy = NULL;
  g_autofree char *xid = window_xid_and_point (widget, x, y, &sx, &sy);

  xdotool ("mousemove", "--window", xid, sx, sy, "click", "1", NULL);
}

/* The same, at once: GTK handles nothing before (it may be called from a signal GTK emits,
 * the click waiting for the main loop as a user's does while a frame takes long). */
void
fascia_ui_test_click_now (GtkWidget *widget,
                          double     x,
                          double     y)
{
  g_autofree char *sx = NULL, *sy = NULL;
  g_autofree char *xid = window_xid_and_point (widget, x, y, &sx, &sy);

  xdotool_now ("mousemove", "--window", xid, sx, sy, "click", "1", NULL);
}

/* The primary button pressed at a point of @widget, and not released. */
void
fascia_ui_test_button_down (GtkWidget *widget,
                            double     x,
                            double     y)
{
  g_autofree char *sx = NULL, *sy = NULL;
  g_autofree char *xid = window_xid_and_point (widget, x, y, &sx, &sy);

  xdotool ("mousemove", "--window", xid, sx, sy, "mousedown", "1", NULL);
}

/**
 * fascia_ui_test_button_up_now:
 * @widget: a widget of the window the pointer is over
 *
 * Releases the primary button, without letting GTK handle anything first (it may be called
 * from a signal GTK emits), and returns once the X server holds it released (asked through
 * @widget's display, as GDK asks it), while GTK has not read the release yet.
 */
void
fascia_ui_test_button_up_now (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  GdkDevice *pointer = gdk_seat_get_pointer (gdk_display_get_default_seat (gtk_widget_get_display (widget)));
  GdkModifierType state = GDK_BUTTON1_MASK;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  xdotool_now ("mouseup", "1", NULL);
  while (state & GDK_BUTTON1_MASK)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      gdk_surface_get_device_position (surface, pointer, NULL, NULL, &state);
    }
}

/* Whether a click gesture of @widget holds a press (a fascia_test_wait_for() condition). */
gboolean
fascia_ui_test_click_pressed_on (gpointer widget)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean active = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      active |= GTK_IS_GESTURE_CLICK (controller) && gtk_gesture_is_active (GTK_GESTURE (controller));
    }
  g_object_unref (controllers);
  return active;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/**
 * fascia_ui_test_press_and_lay_out:
 * @widget: where the primary button goes down, at @x, @y
 * @relayout: what is laid out again, and painted, while the button is down
 *
 * Presses on @widget (through the X server) until one of its click gestures holds the
 * press, then has @relayout laid out again and waits for the frame that paints it.
 */
void
fascia_ui_test_press_and_lay_out (GtkWidget *widget,
                                  double     x,
                                  double     y,
                                  GtkWidget *relayout)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong painted_id;

  fascia_ui_test_button_down (widget, x, y);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_click_pressed_on, widget, 5000));
  painted_id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_resize (relayout);
  g_assert_true (fascia_test_wait_for (flag_set, &painted, 5000));
  g_signal_handler_disconnect (clock, painted_id);
}

typedef struct
{
  GtkWidget *widget;
  gboolean   released;
} Release;

static gboolean
release_before_flush (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               user_data)
{
  Release *release = user_data;

  if (g_value_get_object (&values[0]) != gtk_widget_get_frame_clock (release->widget))
    return TRUE;
  fascia_ui_test_button_up_now (release->widget);
  release->released = TRUE;
  return FALSE;
}

/**
 * fascia_ui_test_release_before_next_frame:
 * @widget: a widget of the window the pointer is over, its button down
 *
 * Asks for a frame and lets the button up in the X server just before that frame flushes
 * its events (asking the server where the pointer is, for GDK's own motion after a layout),
 * as on a busy machine where the next frame comes before GTK has read the release.
 */
void
fascia_ui_test_release_before_next_frame (GtkWidget *widget)
{
  guint flush_events = g_signal_lookup ("flush-events", GDK_TYPE_FRAME_CLOCK);
  Release release = { widget, FALSE };
  gulong hook;

  hook = g_signal_add_emission_hook (flush_events, 0, release_before_flush, &release, NULL);
  gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (widget),
                                 GDK_FRAME_CLOCK_PHASE_FLUSH_EVENTS);
  if (!fascia_test_wait_for (flag_set, &release.released, 5000))
    {
      g_signal_remove_emission_hook (flush_events, hook);
      g_error ("No frame came to let the button up before");
    }
}

void
fascia_ui_test_scroll (GtkWidget *widget,
                       double     x,
                       double     y,
                       gboolean   up,
                       gboolean   control)
{
  g_autofree char *sx = NULL, *sy = NULL;
  g_autofree char *xid = window_xid_and_point (widget, x, y, &sx, &sy);

  if (control)
    xdotool ("mousemove", "--window", xid, sx, sy,
             "keydown", "ctrl", "click", up ? "4" : "5", "keyup", "ctrl", NULL);
  else
    xdotool ("mousemove", "--window", xid, sx, sy, "click", up ? "4" : "5", NULL);
}

/**
 * fascia_ui_test_keys:
 * @keys: space-separated key names as xdotool knows them ("Tab Right Return", "ctrl+f")
 *
 * Types keys into @widget's window: the pointer is moved over it first, since without a
 * window manager the X server gives the keyboard to the window under the pointer.
 */
void
fascia_ui_test_keys (GtkWidget  *widget,
                     const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    xdotool ("key", "--clearmodifiers", names[i], NULL);
}

/* The same, at once: GTK handles nothing before the keys are sent (what the window has left
 * to do waits until the test next runs the main loop, after the keys reached the X server). */
void
fascia_ui_test_keys_now (GtkWidget  *widget,
                         const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    xdotool_now ("key", "--clearmodifiers", names[i], NULL);
}

/* Types @text as a user would, one key at a time, into the focused widget. */
void
fascia_ui_test_type (GtkWidget  *widget,
                     const char *text)
{
  xdotool ("type", "--delay", "20", text, NULL);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's tooltip window, if it is shown: a child of the window, or of a popover, that it
 * is shown over. */
gboolean
fascia_ui_test_tooltip_shown (gpointer widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkTooltipWindow"))
    return gtk_widget_get_mapped (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (fascia_ui_test_tooltip_shown (child))
      return TRUE;
  return FALSE;
}

/* Runs the main loop for @ms, so that events from the X server arrive. */
gboolean
fascia_ui_test_wait_idle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

/**
 * fascia_ui_test_window_new:
 * @app: the test's application
 * @db_path: the database file the window opens (made if it is not there)
 * @width: the window's default width
 * @height: the window's default height
 * @page: (nullable): the page to show ("atlas", "clients", …), or %NULL for the one it opens on
 *
 * Opens a Fascia window on @db_path, presents it and lets it settle; its store is open.
 *
 * Returns: (transfer none): the window (the application's window list holds it)
 */
static gboolean
connected_cb (gpointer user_data)
{
  return fascia_store_is_connected (fascia_window_get_store (user_data));
}

FasciaWindow *
fascia_ui_test_window_new (FasciaApplication *app,
                           const char        *db_path,
                           int                width,
                           int                height,
                           const char        *page)
{
  FasciaWindow *window = fascia_ui_test_window_new_offline (app, db_path, width, height, page);

  /* A clinic server is connected to in the background: the window is up before. */
  if (fascia_store_is_server_database (db_path))
    {
      fascia_test_wait_for (connected_cb, window, 60000);
      g_assert_true (connected_cb (window));
      fascia_test_iterate ();
    }
  return window;
}

/* The X server of a screen larger than the test's ends with the test, even when it fails. */
static void
screen_child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}


/**
 * fascia_ui_test_screen_new:
 * @width: the screen's width
 * @height: the screen's height
 *
 * A display of its own, an X server (Xvfb) with one screen of @width × @height, for a window
 * larger than the test's screen: GTK keeps a window within its monitor. The window there is
 * measured and laid out as on a real screen of that size, and takes the application's style;
 * the input functions here (xdotool) still speak to the test's own display.
 *
 * Returns: (transfer none): the display; fascia_ui_test_screen_close() ends it
 */
GdkDisplay *
fascia_ui_test_screen_new (int width,
                           int height)
{
  g_autofree char *screen = g_strdup_printf ("%dx%dx24", width, height);
  const char *argv[] = { "Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp",
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autofree char *css_path = NULL;
  g_autofree char *name = NULL;
  char number[32] = { 0 };
  const int target = 3;
  GdkDisplay *display;
  gsize len = 0;
  ssize_t n;
  GPid pid;
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH
                                         | G_SPAWN_STDOUT_TO_DEV_NULL
                                         | G_SPAWN_STDERR_TO_DEV_NULL,
                                         screen_child_setup, NULL, -1, -1, -1, &fds[1], &target,
                                         1, &pid, NULL, NULL, NULL, &error))
    g_error ("Xvfb: %s", error->message);
  close (fds[1]);
  /* It names its display once it is ready. */
  while (len < sizeof number - 1 && strchr (number, '\n') == NULL
         && (n = read (fds[0], number + len, sizeof number - 1 - len)) > 0)
    len += n;
  close (fds[0]);
  g_assert_cmpuint (len, >, 0);
  name = g_strdup_printf (":%d", atoi (number));
  display = gdk_display_open (name);
  g_assert_nonnull (display);
  g_object_set_data (G_OBJECT (display), "fascia-test-xvfb", GINT_TO_POINTER (pid));

  /* The application's style, which it gives the default display. */
  css_path = g_strconcat (g_application_get_resource_base_path (g_application_get_default ()),
                          "/style.css", NULL);
  gtk_css_provider_load_from_resource (css, css_path);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  return display;
}

/**
 * fascia_ui_test_screen_close:
 * @display: a display from fascia_ui_test_screen_new()
 *
 * Closes @display and ends its X server.
 */
void
fascia_ui_test_screen_close (GdkDisplay *display)
{
  GPid pid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (display), "fascia-test-xvfb"));

  gdk_display_close (display);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

/* The largest monitor of the test's own display holds @width × @height. */
static gboolean
fits_default_screen (int width,
                     int height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      if (area.width >= width && area.height >= height)
        return TRUE;
    }
  return FALSE;
}

/**
 * fascia_ui_test_window_new_offline:
 *
 * As fascia_ui_test_window_new(), but a window on a clinic server is returned as soon as it
 * is up, whether its server was reached or not.
 */
FasciaWindow *
fascia_ui_test_window_new_offline (FasciaApplication *app,
                                   const char        *db_path,
                                   int                width,
                                   int                height,
                                   const char        *page)
{
  FasciaWindow *window;

  fascia_application_set_database_path (app, db_path);
  window = fascia_window_new (app);
  /* A size larger than the test's screen: a screen of its own, closed with the window. */
  if (!fits_default_screen (width, height))
    {
      GdkDisplay *display = fascia_ui_test_screen_new (width, height);

      gtk_window_set_display (GTK_WINDOW (window), display);
      g_object_set_data_full (G_OBJECT (window), "fascia-test-screen", display,
                              (GDestroyNotify) fascia_ui_test_screen_close);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page);
  fascia_test_iterate ();
  g_assert_nonnull (fascia_window_get_store (window));
  return window;
}

/**
 * fascia_ui_test_window_destroy:
 * @window: a window from fascia_ui_test_window_new()
 *
 * Closes @window and checks that nothing kept it alive.
 */
void
fascia_ui_test_window_destroy (FasciaWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_assert_finalize_object (window);
}

/**
 * fascia_ui_test_session_open:
 * @session: the session to fill
 * @app: the test's application
 * @copy_of: (nullable): a database to open a copy of (the demo clinic's), or %NULL for a new one
 * @width: the window's default width
 * @height: the window's default height
 * @page: (nullable): the page to show, as for fascia_ui_test_window_new()
 *
 * Makes a fresh folder, puts the database in it (a copy of @copy_of, or none for the window
 * to make) and opens a window on it.
 */
void
fascia_ui_test_session_open (FasciaUiTestSession *session,
                             FasciaApplication   *app,
                             const char          *copy_of,
                             int                  width,
                             int                  height,
                             const char          *page)
{
  session->dir = fascia_test_make_tmpdir ();
  session->db_path = g_build_filename (session->dir, "fascia.db", NULL);
  if (copy_of != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (copy_of);
      g_autoptr(GFile) to = g_file_new_for_path (session->db_path);
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  session->window = fascia_ui_test_window_new (app, session->db_path, width, height, page);
}

/**
 * fascia_ui_test_session_close:
 * @session: a session from fascia_ui_test_session_open()
 *
 * Closes the window (checking that nothing kept it alive) and removes the folder.
 */
void
fascia_ui_test_session_close (FasciaUiTestSession *session)
{
  fascia_ui_test_window_destroy (session->window);
  fascia_test_rm_rf (session->dir);
  g_clear_pointer (&session->db_path, g_free);
  g_clear_pointer (&session->dir, g_free);
  session->window = NULL;
}

/* The first column of the one row @sql gives, read from the session's database outside the
 * store, on a connection of its own. */
static sqlite3_stmt *
query_row (FasciaUiTestSession *session,
           const char          *sql,
           sqlite3            **db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (session->db_path, db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (*db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

/**
 * fascia_ui_test_query_int:
 * @session: an open session
 * @sql: a query giving one row
 *
 * Returns: the number in its first column, read with SQL beside the store
 */
gint64
fascia_ui_test_query_int (FasciaUiTestSession *session,
                          const char          *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query_row (session, sql, &db);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/**
 * fascia_ui_test_query_text:
 * @session: an open session
 * @sql: a query giving one row
 *
 * Returns: (transfer full) (nullable): the text in its first column, read with SQL beside the
 *   store
 */
char *
fascia_ui_test_query_text (FasciaUiTestSession *session,
                           const char          *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query_row (session, sql, &db);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

struct _FasciaUiTestDamage
{
  GtkWidget *window;
  Display   *display;  /* a connection of its own, not GDK's */
  Damage     damage;
  int        event_base;
};

/**
 * fascia_ui_test_damage_new:
 * @window: a realized #GtkWindow on X11
 *
 * Starts listening for what is drawn into @window's X window: every rectangle the X server
 * reports damaged (raw, as drawn) until fascia_ui_test_damage_take().
 */
FasciaUiTestDamage *
fascia_ui_test_damage_new (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkDisplay *display = gtk_widget_get_display (window);
  FasciaUiTestDamage *damage = g_new0 (FasciaUiTestDamage, 1);
  int error_base;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  damage->window = g_object_ref (window);
  damage->display = XOpenDisplay (gdk_display_get_name (display));
  g_assert_nonnull (damage->display);
  g_assert_true (XDamageQueryExtension (damage->display, &damage->event_base, &error_base));
  damage->damage = XDamageCreate (damage->display, gdk_x11_surface_get_xid (surface),
                                  XDamageReportRawRectangles);
  /* The server reports the whole window once, as the damage it had before we listened. */
  cairo_region_destroy (fascia_ui_test_damage_take (damage));
  return damage;
}

/**
 * fascia_ui_test_damage_take:
 *
 * Returns: (transfer full): the area of the window drawn into since the listening began or
 * the last call, in the window's coordinates (those of fascia_ui_test_widget_bounds()).
 */
cairo_region_t *
fascia_ui_test_damage_take (FasciaUiTestDamage *damage)
{
  cairo_region_t *region = cairo_region_create ();
  double dx, dy;

  /* Every request GDK made has reached the server, and every event it caused reached us. */
  XSync (gdk_x11_display_get_xdisplay (gtk_widget_get_display (damage->window)), False);
  XSync (damage->display, False);
  gtk_native_get_surface_transform (GTK_NATIVE (damage->window), &dx, &dy);

  while (XPending (damage->display) > 0)
    {
      XEvent event;

      XNextEvent (damage->display, &event);
      if (event.type == damage->event_base + XDamageNotify)
        {
          const XDamageNotifyEvent *notify = (const XDamageNotifyEvent *) &event;
          cairo_rectangle_int_t rect = { notify->area.x - (int) dx, notify->area.y - (int) dy,
                                         notify->area.width, notify->area.height };

          cairo_region_union_rectangle (region, &rect);
        }
    }

  return region;
}

void
fascia_ui_test_damage_free (FasciaUiTestDamage *damage)
{
  XDamageDestroy (damage->display, damage->damage);
  XCloseDisplay (damage->display);
  g_object_unref (damage->window);
  g_free (damage);
}

/* @widget's bounds in its window's coordinates. */
void
fascia_ui_test_widget_bounds (GtkWidget             *widget,
                              cairo_rectangle_int_t *rect)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (gtk_widget_get_native (widget)),
                                            &bounds));
  rect->x = floor (bounds.origin.x);
  rect->y = floor (bounds.origin.y);
  rect->width = ceil (bounds.origin.x + bounds.size.width) - rect->x;
  rect->height = ceil (bounds.origin.y + bounds.size.height) - rect->y;
}

/**
 * fascia_ui_test_set_text:
 * @field: an entry (any #GtkEditable) or a text view
 *
 * Replaces what @field holds with @text, as a paste over all of it would.
 */
void
fascia_ui_test_set_text (GtkWidget  *field,
                         const char *text)
{
  if (GTK_IS_TEXT_VIEW (field))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field), text);
}
