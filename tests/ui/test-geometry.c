/* test-geometry.c — the window keeps its size and its parts keep their place, at every size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case starts its own X server at one screen size, a real window manager (openbox) and
 * the real fascia binary on a copy of the demo clinic, with a saved window size twice the
 * screen's. It then walks every page the way a therapist does, with real pointer and key events
 * (xdotool), finding what to click the way a screen reader does (AT-SPI, from outside the
 * process), and after every step asserts that the window has exactly the size it opened with
 * and that the diagram in front of the pointer has not moved. It ends by narrowing the window
 * to its minimum and walking the pages again.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

typedef struct
{
  const char *name;
  int         width;
  int         height;
  int         scale;
  /* Every sequence, or (to keep the suite's time in bounds) the ones that grew the window. */
  gboolean    full;
} ScreenSize;

static const ScreenSize sizes[] = {
  { "1024x640", 1024, 640, 1, TRUE },
  { "1280x800", 1280, 800, 1, FALSE },
  { "1920x1080", 1920, 1080, 1, FALSE },
  { "3840x2160", 3840, 2160, 1, FALSE },
  /* A 1280x800 desktop at scale 2. */
  { "2560x1600-scale-2", 2560, 1600, 2, FALSE },
};

typedef struct
{
  const ScreenSize *size;
  char             *tmpdir;
  char             *display;
  char            **env;
  GPid              xvfb;
  GPid              bus;
  GPid              wm;
  GPid              app;
  /* tests/ui/a11y-find.py --serve: asked where things are, one line at a time. */
  GPid              finder;
  FILE             *finder_in;
  FILE             *finder_out;
  char             *window;
  int               width;
  int               height;
} Session;

typedef struct
{
  int x, y, width, height;
} Box;

static void
pause_ms (guint ms)
{
  g_usleep (ms * 1000);
}

/* Runs a program on the session's display; returns its output, NULL when it failed. */
static char *
run (Session            *s,
     const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, s->env, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static char *
xdotool (Session    *s,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static char *
xdotool (Session    *s,
         const char *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) argv = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  line = g_strconcat ("xdotool ", args, NULL);
  g_assert_true (g_shell_parse_argv (line, NULL, &argv, NULL));
  return run (s, (const char * const *) argv);
}

/* A picture of the screen to look at when a step fails. */
static void
screenshot (Session *s)
{
  g_autofree char *path = g_build_filename (s->tmpdir, "failed.png", NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  g_autofree char *out = run (s, argv);

  g_printerr ("The screen is in %s\n", path);
}

static gboolean
window_size (Session    *s,
             const char *window,
             int        *width,
             int        *height)
{
  g_autofree char *out = xdotool (s, "getwindowgeometry --shell %s", window);
  g_auto(GStrv) lines = NULL;

  *width = *height = 0;
  if (out == NULL)
    return FALSE;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "WIDTH="))
        *width = atoi (lines[i] + 6);
      else if (g_str_has_prefix (lines[i], "HEIGHT="))
        *height = atoi (lines[i] + 7);
    }
  return *width > 0 && *height > 0;
}

/* The main window: the largest visible window of the program (tooltips and popovers are
 * windows of their own). */
static char *
find_window (Session *s)
{
  for (guint tries = 0; tries < 300; tries++)
    {
      g_autofree char *out = xdotool (s, "search --onlyvisible --pid %d", s->app);
      g_auto(GStrv) ids = NULL;
      g_autofree char *best = NULL;
      int best_area = 0;

      if (out != NULL)
        {
          ids = g_strsplit (g_strstrip (out), "\n", -1);
          for (guint i = 0; ids[i] != NULL; i++)
            {
              int w, h;

              if (window_size (s, ids[i], &w, &h) && w * h > best_area)
                {
                  best_area = w * h;
                  g_free (best);
                  best = g_strdup (ids[i]);
                }
            }
        }
      if (best != NULL && best_area > 200 * 200)
        return g_steal_pointer (&best);
      pause_ms (100);
    }
  g_error ("%s: the window never appeared", s->size->name);
}

/* Waits until the window has had the same size for a while, and returns it. */
static void
settle (Session *s,
        int     *width,
        int     *height)
{
  int last_w = -1, last_h = -1, same = 0;

  /* A window that grows does so within a frame or two of the step, and the window manager
   * answers within a round trip: three equal readings 100 ms apart are the same window. */
  for (guint tries = 0; tries < 200 && same < 2; tries++)
    {
      int w, h;

      pause_ms (100);
      g_assert_true (window_size (s, s->window, &w, &h));
      same = (w == last_w && h == last_h) ? same + 1 : 0;
      last_w = w;
      last_h = h;
    }
  *width = last_w;
  *height = last_h;
}

static void
assert_size (Session    *s,
             const char *step)
{
  int w, h;

  settle (s, &w, &h);
  if (g_getenv ("DBG") != NULL)
    g_printerr ("%.1f s: %s\n", g_get_monotonic_time () / 1e6, step);
  if (w != s->width || h != s->height)
    screenshot (s);
  if (w != s->width || h != s->height)
    g_error ("%s: after %s the window is %dx%d, not %dx%d", s->size->name, step, w, h,
             s->width, s->height);
}

/* Where a screen reader finds the widget named @name inside the one named @within (anywhere
 * in the window without it). */
static gboolean
locate_in (Session    *s,
           const char *within,
           const char *name,
           int         index,
           Box        *box)
{
  /* The app joins the accessibility bus a little after its window shows, and a page shows
   * its parts a frame after the key that chose it: asked again until it shows, for up to
   * 30 s (a 4K screen drawn in software on a busy machine is slow). */
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      char line[256] = { 0 };

      if (within != NULL)
        fprintf (s->finder_in, "%s\t%d\t%s\n", name, index, within);
      else
        fprintf (s->finder_in, "%s\t%d\n", name, index);
      fflush (s->finder_in);
      if (fgets (line, sizeof line, s->finder_out) == NULL)
        {
          g_autofree char *log = g_build_filename (s->tmpdir, "a11y-find.log", NULL);
          g_autofree char *said = NULL;

          g_file_get_contents (log, &said, NULL, NULL);
          g_error ("%s: the accessibility helper stopped:\n%s", s->size->name,
                   said != NULL ? said : "");
        }
      if (g_getenv ("DBG") != NULL)
        g_printerr ("%.1f s: where is %s (%d): %s", g_get_monotonic_time () / 1e6, name, index,
                    line);
      if (sscanf (line, "%d %d %d %d", &box->x, &box->y, &box->width, &box->height) == 4)
        {
          box->x *= s->size->scale;
          box->y *= s->size->scale;
          box->width *= s->size->scale;
          box->height *= s->size->scale;
          return TRUE;
        }
      pause_ms (250);
    }
  return FALSE;
}

/* Where a screen reader finds the widget named @name (or that list's child @index, or with
 * @index -2 the box around its children), in device pixels of the window; FALSE when nothing
 * so named is showing. */
static gboolean
locate (Session    *s,
        const char *name,
        int         index,
        Box        *box)
{
  return locate_in (s, NULL, name, index, box);
}

static void
must_locate (Session    *s,
             const char *name,
             Box        *box)
{
  if (!locate (s, name, -1, box))
    {
      g_autofree char *app_log = g_build_filename (s->tmpdir, "app.log", NULL);
      g_autofree char *finder_log = g_build_filename (s->tmpdir, "a11y-find.log", NULL);
      g_autofree char *app_said = NULL;
      g_autofree char *finder_said = NULL;

      screenshot (s);
      g_file_get_contents (app_log, &app_said, NULL, NULL);
      g_file_get_contents (finder_log, &finder_said, NULL, NULL);
      g_error ("%s: no “%s” in sight\nthe app said:\n%s\nthe accessibility helper said:\n%s",
               s->size->name, name, app_said != NULL ? app_said : "",
               finder_said != NULL ? finder_said : "");
    }
}

static void
click_box (Session   *s,
           const Box *box)
{
  g_free (xdotool (s, "mousemove --window %s %d %d click 1", s->window,
                   box->x + box->width / 2, box->y + box->height / 2));
  pause_ms (150);
}

static void
click (Session    *s,
       const char *name,
       int         index)
{
  Box box;

  if (!locate (s, name, index, &box))
    {
      screenshot (s);
      g_error ("%s: no “%s” to click", s->size->name, name);
    }
  click_box (s, &box);
}

/* A click on the part named @name inside the one named @within: every diagram of the window
 * has the same regions, and a page hidden behind another keeps its boxes. */
static void
click_in (Session    *s,
          const char *within,
          const char *name)
{
  Box box;

  if (!locate_in (s, within, name, -1, &box))
    {
      screenshot (s);
      g_error ("%s: no “%s” in “%s” to click", s->size->name, name, within);
    }
  click_box (s, &box);
}

static void
keys (Session    *s,
      const char *keys)
{
  g_free (xdotool (s, "key --clearmodifiers %s", keys));
  pause_ms (150);
}

static void
type (Session    *s,
      const char *text)
{
  g_free (xdotool (s, "type --delay 20 '%s'", text));
  pause_ms (150);
}

static void
assert_box_kept (Session    *s,
                 const char *name,
                 const Box  *before,
                 const char *step)
{
  Box now;

  must_locate (s, name, &now);
  if (now.x != before->x || now.y != before->y || now.width != before->width
      || now.height != before->height)
    screenshot (s);
  if (now.x != before->x || now.y != before->y || now.width != before->width
      || now.height != before->height)
    g_error ("%s: after %s “%s” moved from %d,%d %dx%d to %d,%d %dx%d", s->size->name, step,
             name, before->x, before->y, before->width, before->height, now.x, now.y, now.width,
             now.height);
}

/* The figure of the diagram named @name is whole and centred in it: none of it cut off by the
 * pane's edges, as much room on either side. Its figure is the box around its regions, which a
 * screen reader finds wherever they lie, inside the diagram's box or beyond it. Returns it. */
static void
assert_figure_centred (Session    *s,
                       const char *name,
                       const char *step,
                       Box        *figure)
{
  Box diagram;
  int left, right, top, bottom;

  must_locate (s, name, &diagram);
  if (!locate (s, name, -2, figure))
    g_error ("%s: no regions in “%s”", s->size->name, name);
  left = figure->x - diagram.x;
  right = diagram.x + diagram.width - (figure->x + figure->width);
  top = figure->y - diagram.y;
  bottom = diagram.y + diagram.height - (figure->y + figure->height);
  if (left < 1 || right < 1 || top < 1 || bottom < 1
      || ABS (left - right) > MAX (6, diagram.width / 6)
      || ABS (top - bottom) > MAX (6, diagram.height / 25))
    {
      screenshot (s);
      g_error ("%s: after %s the figure of “%s” is not whole and centred: %d px to its left, "
               "%d to its right, %d above, %d below", s->size->name, step, name, left, right,
               top, bottom);
    }
}

static void
assert_figure_kept (Session    *s,
                    const char *name,
                    const Box  *before,
                    const char *step)
{
  Box now;

  if (!locate (s, name, -2, &now))
    g_error ("%s: no regions in “%s”", s->size->name, name);
  if (now.x != before->x || now.y != before->y || now.width != before->width
      || now.height != before->height)
    {
      screenshot (s);
      g_error ("%s: after %s the figure of “%s” moved from %d,%d %dx%d to %d,%d %dx%d",
               s->size->name, step, name, before->x, before->y, before->width, before->height,
               now.x, now.y, now.width, now.height);
    }
}

/* The X server, window manager and app end with the test, even when it fails. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (Session            *s,
       const char * const *argv,
       GPid               *pid,
       int                *out_fd)
{
  g_autoptr(GError) error = NULL;

  if (!g_spawn_async_with_pipes (s->tmpdir, (char **) argv, s->env,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH
                                 | (g_getenv ("DBG") ? 0 : G_SPAWN_STDERR_TO_DEV_NULL)
                                 | (out_fd == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                                 child_setup, NULL, pid, NULL, out_fd, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
}

static gboolean
wait_exit (GPid  pid,
           guint ms)
{
  for (guint waited = 0; waited < ms; waited += 50)
    {
      int status;

      if (waitpid (pid, &status, WNOHANG) == pid)
        return TRUE;
      pause_ms (50);
    }
  return FALSE;
}

static void
stop (GPid *pid)
{
  if (*pid <= 0)
    return;
  kill (*pid, SIGTERM);
  if (!wait_exit (*pid, 5000))
    {
      kill (*pid, SIGKILL);
      waitpid (*pid, NULL, 0);
    }
  g_spawn_close_pid (*pid);
  *pid = 0;
}

/* An X server of this size; it names its display on file descriptor 3 once it is ready. */
static void
start_display (Session    *s,
               const char *screen)
{
  /* No auto-repeat: on a loaded machine a key typed by xdotool can be held long enough for the
   * server to repeat it ("Marrigold"). */
  const char *argv[] = { "Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp",
                         "-r", NULL };
  g_autoptr(GError) error = NULL;
  char number[32] = { 0 };
  ssize_t n;
  int fds[2];
  const int target = 3;
  gsize len = 0;

  g_assert_cmpint (pipe (fds), ==, 0);
  if (!g_spawn_async_with_pipes_and_fds (s->tmpdir, argv, (const char * const *) s->env,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH
                                         | G_SPAWN_STDOUT_TO_DEV_NULL
                                         | G_SPAWN_STDERR_TO_DEV_NULL,
                                         child_setup, NULL, -1, -1, -1, &fds[1], &target, 1,
                                         &s->xvfb, NULL, NULL, NULL, &error))
    g_error ("Xvfb: %s", error->message);
  close (fds[1]);
  while (len < sizeof number - 1 && strchr (number, '\n') == NULL
         && (n = read (fds[0], number + len, sizeof number - 1 - len)) > 0)
    len += n;
  close (fds[0]);
  g_assert_cmpuint (len, >, 0);
  s->display = g_strdup_printf (":%d", atoi (number));
  s->env = g_environ_setenv (s->env, "DISPLAY", s->display, TRUE);
}

/* Openbox on the session's display; TRUE once it names its desktops, FALSE when it exited or
 * did not within 30 s. */
static gboolean
start_window_manager (Session *s)
{
  const char *argv[] = { "openbox", NULL };

  spawn (s, argv, &s->wm, NULL);
  for (guint tries = 0; tries < 300; tries++)
    {
      g_autofree char *out = xdotool (s, "get_num_desktops");
      int status;

      if (out != NULL)
        return TRUE;
      if (waitpid (s->wm, &status, WNOHANG) == s->wm)
        {
          g_spawn_close_pid (s->wm);
          s->wm = 0;
          return FALSE;
        }
      pause_ms (100);
    }
  return FALSE;
}

static void
start_session (Session          *s,
               const ScreenSize *size)
{
  g_autofree char *screen = g_strdup_printf ("%dx%dx24", size->width, size->height);
  g_autofree char *config = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *db = NULL;
  g_autofree char *settings = NULL;
  g_autoptr(GError) error = NULL;
  ssize_t n;

  s->size = size;
  s->tmpdir = g_dir_make_tmp ("fascia-geometry-XXXXXX", &error);
  g_assert_no_error (error);

  /* A window size saved on a bigger screen, or by a window that grew: twice this screen. */
  config = g_build_filename (s->tmpdir, "config", "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  keyfile = g_build_filename (config, "keyfile", NULL);
  settings = g_strdup_printf ("[io/github/fascia/Fascia]\nwindow-width=%d\nwindow-height=%d\n",
                              2 * size->width / size->scale, 2 * size->height / size->scale);
  g_assert_true (g_file_set_contents (keyfile, settings, -1, NULL));

  s->env = g_get_environ ();
  s->env = g_environ_setenv (s->env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  {
    g_autofree char *config_home = g_build_filename (s->tmpdir, "config", NULL);

    s->env = g_environ_setenv (s->env, "XDG_CONFIG_HOME", config_home, TRUE);
  }
  s->env = g_environ_setenv (s->env, "XDG_DATA_HOME", s->tmpdir, TRUE);
  /* The accessibility bus's socket is named after the display number in the runtime folder
   * (~/.cache without one), and its launcher sees the display of the session bus that started
   * it: sizes tested side by side would each bind the same socket and find each other's apps. */
  s->env = g_environ_setenv (s->env, "XDG_RUNTIME_DIR", s->tmpdir, TRUE);
  s->env = g_environ_setenv (s->env, "GDK_BACKEND", "x11", TRUE);
  /* Screen readers must see the app; warnings are the app's own business here. */
  s->env = g_environ_unsetenv (s->env, "GTK_A11Y");
  s->env = g_environ_unsetenv (s->env, "NO_AT_BRIDGE");
  s->env = g_environ_setenv (s->env, "G_DEBUG", "gc-friendly", TRUE);
  /* meson's malloc checks are for our code; the window manager does not survive them. */
  s->env = g_environ_unsetenv (s->env, "MALLOC_PERTURB_");
  s->env = g_environ_unsetenv (s->env, "MALLOC_CHECK_");
  if (size->scale != 1)
    {
      g_autofree char *scale = g_strdup_printf ("%d", size->scale);

      s->env = g_environ_setenv (s->env, "GDK_SCALE", scale, TRUE);
    }

  /* An X server of this size and the window manager, once it has taken the screen. A server
   * whose window manager never comes up (a display another program still holds, a slow start on
   * a loaded machine) is kept running until a later try has its own, so the next try takes
   * another display number; then it is stopped. */
  {
    GPid failed[3] = { 0 };
    guint tries = 0;
    gboolean ready = FALSE;

    for (tries = 0; tries < G_N_ELEMENTS (failed) && !ready; tries++)
      {
        start_display (s, screen);
        ready = start_window_manager (s);
        if (!ready)
          {
            g_printerr ("%s: openbox did not take display %s (try %u)\n", size->name, s->display,
                        tries + 1);
            stop (&s->wm);
            failed[tries] = s->xvfb;
            s->xvfb = 0;
            g_clear_pointer (&s->display, g_free);
          }
      }
    for (guint i = 0; i < G_N_ELEMENTS (failed); i++)
      stop (&failed[i]);
    if (!ready)
      g_error ("%s: no X server with a window manager after %u tries", size->name, tries);
  }

  /* A session bus of its own, so that sizes tested side by side each find their own app on
   * their own accessibility bus. It starts after the display: the accessibility bus it starts
   * names itself after the display and publishes its address on the display's root window,
   * where its registry looks for it; with another test's display, the registry would join
   * another test's bus. */
  {
    const char *argv[] = { "dbus-daemon", "--session", "--nofork", "--print-address=1", NULL };
    char address[512] = { 0 };
    gsize len = 0;
    int out_fd;

    spawn (s, argv, &s->bus, &out_fd);
    while (len < sizeof address - 1 && strchr (address, '\n') == NULL
           && (n = read (out_fd, address + len, sizeof address - 1 - len)) > 0)
      len += n;
    close (out_fd);
    g_assert_nonnull (strchr (address, '\n'));
    *strchr (address, '\n') = '\0';
    s->env = g_environ_setenv (s->env, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    s->env = g_environ_unsetenv (s->env, "AT_SPI_BUS_ADDRESS");
  }

  /* The accessibility bus and its registry, up before the app asks for them: GTK asks once, at
   * start, and an app that found them still starting is unseen for its whole life. */
  {
    const char *argv[] = { "/usr/bin/python3", g_getenv ("FASCIA_A11Y_FIND"), "--warm", NULL };
    g_autofree char *log = g_build_filename (s->tmpdir, "a11y-warm.log", NULL);
    int log_fd = open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    GPid pid = 0;
    int status = 0;

    g_assert_cmpint (log_fd, >=, 0);
    if (!g_spawn_async_with_pipes_and_fds (s->tmpdir, argv, (const char * const *) s->env,
                                           G_SPAWN_DO_NOT_REAP_CHILD
                                           | G_SPAWN_STDOUT_TO_DEV_NULL,
                                           child_setup, NULL, -1, -1, log_fd, NULL, NULL, 0,
                                           &pid, NULL, NULL, NULL, &error))
      g_error ("a11y-find.py: %s", error->message);
    close (log_fd);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_spawn_close_pid (pid);
    if (!g_spawn_check_wait_status (status, NULL))
      {
        g_autofree char *said = NULL;

        g_file_get_contents (log, &said, NULL, NULL);
        g_error ("%s: the accessibility bus did not start:\n%s", size->name,
                 said != NULL ? said : "");
      }
  }

  db = g_build_filename (s->tmpdir, "demo.db", NULL);
  {
    const char *argv[] = { g_getenv ("FASCIA_BINARY"), "--create-demo", db, NULL };
    g_autofree char *out = run (s, argv);

    g_assert_nonnull (out);
  }
  {
    const char *argv[] = { g_getenv ("FASCIA_BINARY"), "--database", db, NULL };
    g_autofree char *log = g_build_filename (s->tmpdir, "app.log", NULL);
    int log_fd = open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    /* What the app says on its standard error is read at the end. */
    g_assert_cmpint (log_fd, >=, 0);
    if (!g_spawn_async_with_pipes_and_fds (s->tmpdir, argv, (const char * const *) s->env,
                                           G_SPAWN_DO_NOT_REAP_CHILD
                                           | G_SPAWN_STDOUT_TO_DEV_NULL,
                                           child_setup, NULL, -1, -1, log_fd, NULL, NULL, 0,
                                           &s->app, NULL, NULL, NULL, &error))
      g_error ("fascia: %s", error->message);
    close (log_fd);
  }
  {
    const char *argv[] = { "/usr/bin/python3", g_getenv ("FASCIA_A11Y_FIND"), "--serve", NULL,
                           NULL };
    g_autofree char *pid = g_strdup_printf ("%d", s->app);
    int in_fd, out_fd;

    g_assert_nonnull (argv[1]);
    argv[3] = pid;
    g_autofree char *log = g_build_filename (s->tmpdir, "a11y-find.log", NULL);
    int log_fd = open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    /* What it says on its standard error is shown if it stops. */
    g_assert_cmpint (log_fd, >=, 0);
    if (!g_spawn_async_with_pipes_and_fds (s->tmpdir, argv, (const char * const *) s->env,
                                           G_SPAWN_DO_NOT_REAP_CHILD, child_setup, NULL, -1, -1,
                                           log_fd, NULL, NULL, 0, &s->finder, &in_fd, &out_fd,
                                           NULL, &error))
      g_error ("a11y-find.py: %s", error->message);
    close (log_fd);
    s->finder_in = fdopen (in_fd, "w");
    s->finder_out = fdopen (out_fd, "r");
    g_assert_nonnull (s->finder_in);
    g_assert_nonnull (s->finder_out);
  }
  s->window = find_window (s);
  settle (s, &s->width, &s->height);
  g_test_message ("%s: the window opened at %dx%d", size->name, s->width, s->height);

  /* Restored from twice the screen, it opens within it. */
  g_assert_cmpint (s->width, <=, size->width);
  g_assert_cmpint (s->height, <=, size->height);
}

static int
saved_width (Session *s)
{
  g_autofree char *path = g_build_filename (s->tmpdir, "config", "glib-2.0", "settings", "keyfile",
                                            NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  int width;

  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL));
  width = g_key_file_get_integer (keyfile, "io/github/fascia/Fascia", "window-width", &error);
  g_assert_no_error (error);
  return width;
}

static void
end_session (Session *s)
{
  stop (&s->app);
  g_clear_pointer (&s->finder_in, fclose);
  g_clear_pointer (&s->finder_out, fclose);
  stop (&s->finder);
  stop (&s->wm);
  stop (&s->bus);
  stop (&s->xvfb);
  g_strfreev (s->env);
  g_free (s->display);
  g_free (s->window);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", s->tmpdir);

    g_assert_cmpint (system (cmd), ==, 0);
  }
  g_free (s->tmpdir);
}

/* The sequences */

static void
walk_atlas (Session *s)
{
  Box diagram;

  keys (s, "alt+1");
  assert_size (s, "the Atlas");
  must_locate (s, "Diagram", &diagram);

  /* Each view's figure whole and centred in the pane, with a margin: at 1024x640 the front
   * view's legs ran into the pane's bottom edge. */
  for (guint i = 6; i >= 1; i--)
    {
      g_autofree char *key = g_strdup_printf ("ctrl+%u", i);
      g_autofree char *step = g_strdup_printf ("view %u of the Atlas", i);
      Box figure;

      keys (s, key);
      assert_figure_centred (s, "Diagram", step, &figure);
    }

  click (s, "Quadratus lumborum, right side", -1);
  assert_size (s, "a click on the right quadratus lumborum");
  click (s, "Sacrum", -1);
  assert_size (s, "a click on the sacrum");
  assert_box_kept (s, "Diagram", &diagram, "two cards");

  keys (s, "ctrl+f");
  type (s, "psoas");
  assert_size (s, "Ctrl+F and a search while a card is open");
  keys (s, "Escape");
  assert_size (s, "closing the search");
  if (!s->size->full)
    return;

  /* The front of the right thigh, where the psoas and iliacus refer pain. */
  keys (s, "ctrl+r");
  click (s, "Femur, right side", -1);
  assert_size (s, "“Where does it hurt?” on the thigh");
  click (s, "Muscles that may refer pain here", 0);
  assert_size (s, "opening a muscle from “Where does it hurt?”");
  keys (s, "alt+Left");
  assert_size (s, "Back from a muscle card to “Where does it hurt?”");
  keys (s, "ctrl+r");
  assert_box_kept (s, "Diagram", &diagram, "“Where does it hurt?”");
}

/* An editor's diagram takes its share of a large window: on a 4K screen it was held at 520 px
 * beside a form stretched over 2,500. The client list is 320 px wide. */
static void
assert_diagram_share (Session    *s,
                      const char *name,
                      const Box  *diagram)
{
  int content = s->width - 330 * s->size->scale;

  if (diagram->width < 0.4 * content)
    {
      screenshot (s);
      g_error ("%s: “%s” is %d px wide in a client view of %d", s->size->name, name,
               diagram->width, content);
    }
  /* Nor do the controls above and below it squeeze it: at 1024x640 the body chart's tools,
   * drop-downs and legend took three, two and two lines and left it 110 px high. */
  if (diagram->height < 0.35 * s->height)
    {
      screenshot (s);
      g_error ("%s: “%s” is %d px high in a window of %d", s->size->name, name,
               diagram->height, s->height);
    }
}

static void
walk_clients (Session *s)
{
  Box diagram, figure;

  keys (s, "alt+2");
  assert_size (s, "the Clients page");
  type (s, "Marigold");
  keys (s, "Return");
  assert_size (s, "opening a client");

  /* Her plan: an exercise added, a target taken off and put back. */
  click (s, "Plans", -1);
  click (s, "Pregnancy low back and buttock", -1);
  assert_size (s, "opening a plan");
  must_locate (s, "Targets diagram", &diagram);
  assert_diagram_share (s, "Targets diagram", &diagram);
  assert_figure_centred (s, "Targets diagram", "opening a plan", &figure);
  click_in (s, "Targets diagram", "Psoas major, left side");
  assert_size (s, "a target picked");
  assert_box_kept (s, "Targets diagram", &diagram, "a target picked");
  assert_figure_kept (s, "Targets diagram", &figure, "a target picked");
  if (s->size->full)
    {
      click (s, "Add Exercise", -1);
      keys (s, "Return");
      keys (s, "Escape");
      assert_size (s, "adding a home exercise");
      click_in (s, "Targets diagram", "Psoas major, left side");
      assert_size (s, "a target picked twice");
      assert_box_kept (s, "Targets diagram", &diagram, "editing the plan");
      assert_figure_kept (s, "Targets diagram", &figure, "editing the plan");
    }

  /* A new visit: findings picked on the body chart. */
  click (s, "Visits", -1);
  click (s, "New Visit", -1);
  assert_size (s, "a new visit");
  must_locate (s, "Body chart diagram", &diagram);
  assert_diagram_share (s, "Body chart diagram", &diagram);
  assert_figure_centred (s, "Body chart diagram", "a new visit", &figure);
  click (s, "Hypertonic", -1);
  click_in (s, "Body chart diagram", "Gluteus maximus, left side");
  assert_size (s, "the first finding on the body chart");
  assert_box_kept (s, "Body chart diagram", &diagram, "the first finding");
  assert_figure_kept (s, "Body chart diagram", &figure, "the first finding");
  if (s->size->full)
    {
      click_in (s, "Body chart diagram", "Gluteus medius, right side");
      click_in (s, "Body chart diagram", "Gluteus medius, left side");
      assert_size (s, "three findings on the body chart");
      assert_box_kept (s, "Body chart diagram", &diagram, "three findings");
      assert_figure_kept (s, "Body chart diagram", &figure, "three findings");
    }
  /* Every finding tool is in sight. */
  must_locate (s, "Short", &diagram);
  must_locate (s, "Weak", &diagram);
}

static void
walk_study (Session *s)
{
  Box next, end;

  keys (s, "alt+3");
  assert_size (s, "the Study page");

  /* A round: a question, its answer, the next question. The buttons a student clicks again
   * and again stay under the pointer, whatever the answer's feedback or the next prompt's
   * length, and keep their own size on a large screen. */
  click (s, "Name the Attachment", -1);
  assert_size (s, "a study question");
  must_locate (s, "Next", &next);
  must_locate (s, "End Round", &end);
  if (next.width > 240 * s->size->scale || end.width > 240 * s->size->scale)
    {
      screenshot (s);
      g_error ("%s: the question's buttons are stretched: Next %d px, End Round %d px wide",
               s->size->name, next.width, end.width);
    }
  keys (s, "1");
  assert_size (s, "an answer");
  assert_box_kept (s, "Next", &next, "an answer");
  for (guint i = 0; i < 2; i++)
    {
      click (s, "Next", -1);
      assert_size (s, "the next question");
      assert_box_kept (s, "Next", &next, "the next question");
      keys (s, "2");
      assert_size (s, "an answer");
      assert_box_kept (s, "Next", &next, "an answer");
    }
  click (s, "End Round", -1);
  assert_size (s, "the end of a round");
}

/* The shortcuts window (Ctrl+?) fits the screen whole: at 1024x640 its columns of shortcuts
 * were taller and wider than the screen, and the window manager showed its top left part. */
static void
walk_shortcuts (Session *s)
{
  g_autofree char *shortcuts = NULL;
  int width = 0, height = 0;

  keys (s, "ctrl+question");
  for (guint tries = 0; tries < 100 && shortcuts == NULL; tries++)
    {
      g_autofree char *out = xdotool (s, "search --onlyvisible --pid %d", s->app);
      g_auto(GStrv) ids = NULL;

      if (out != NULL)
        {
          ids = g_strsplit (g_strstrip (out), "\n", -1);
          for (guint i = 0; ids[i] != NULL && shortcuts == NULL; i++)
            if (!g_str_equal (ids[i], s->window) && window_size (s, ids[i], &width, &height)
                && width * height > 200 * 200)
              shortcuts = g_strdup (ids[i]);
        }
      if (shortcuts == NULL)
        pause_ms (100);
    }
  if (shortcuts == NULL)
    g_error ("%s: Ctrl+? showed no shortcuts window", s->size->name);
  pause_ms (500);
  g_assert_true (window_size (s, shortcuts, &width, &height));
  g_test_message ("%s: the shortcuts window is %dx%d", s->size->name, width, height);
  if (width > s->size->width || height > s->size->height)
    {
      screenshot (s);
      g_error ("%s: the shortcuts window is %dx%d, larger than the screen", s->size->name,
               width, height);
    }
  keys (s, "Escape");
  assert_size (s, "the shortcuts window");
}

/* What the app's metainfo says a display needs at least, side "shortest" or "longest". */
static int
metainfo_display_length (const char *side)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                            "io.github.fascia.Fascia.metainfo.xml.in", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *key = g_strdup_printf ("<display_length side=\"%s\" compare=\"ge\">", side);
  const char *at;

  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  at = strstr (xml, key);
  g_assert_nonnull (at);
  return atoi (at + strlen (key));
}

static void
test_sizes (gconstpointer data)
{
  const ScreenSize *size = data;
  Session s = { 0 };
  Box box;

  start_session (&s, size);

  walk_atlas (&s);
  walk_clients (&s);
  walk_study (&s);
  walk_shortcuts (&s);

  /* At its narrowest the window still shows every page whole, with a way back. */
  g_free (xdotool (&s, "windowsize %s 100 100", s.window));
  settle (&s, &s.width, &s.height);
  g_test_message ("%s: at its smallest the window is %dx%d", size->name, s.width, s.height);
  g_assert_cmpint (s.width, <=, size->width);
  g_assert_cmpint (s.height, <=, size->height);
  /* The metainfo tells software centres the smallest display the app works on: the window's
   * smallest size, every page built, fits it (it claimed 360 px; the pages needed 610). */
  g_assert_cmpint (MIN (s.width, s.height) / size->scale, <=, metainfo_display_length ("shortest"));
  g_assert_cmpint (MAX (s.width, s.height) / size->scale, <=, metainfo_display_length ("longest"));
  keys (&s, "alt+1");
  assert_size (&s, "the Atlas in a narrow window");
  must_locate (&s, "More", &box);
  keys (&s, "alt+2");
  assert_size (&s, "the Clients page in a narrow window");
  must_locate (&s, "Back to the client list", &box);
  click (&s, "Back to the client list", -1);
  assert_size (&s, "back to the client list");
  keys (&s, "alt+3");
  assert_size (&s, "the Study page in a narrow window");

  /* What is saved is what the window was. */
  keys (&s, "ctrl+q");
  g_assert_true (wait_exit (s.app, 20000));
  g_spawn_close_pid (s.app);
  s.app = 0;
  g_assert_cmpint (saved_width (&s) * size->scale, ==, s.width);

  /* No critical warning on the way. */
  {
    g_autofree char *log_path = g_build_filename (s.tmpdir, "app.log", NULL);
    g_autofree char *log = NULL;

    g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
    /* Nor a part drawn before it was laid out (a layout changed in the middle of itself). */
    if (strstr (log, "CRITICAL") != NULL || strstr (log, "without a current allocation") != NULL)
      g_error ("%s: the app said:\n%s", size->name, log);
  }

  end_session (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/ui/geometry/%s", sizes[i].name);

      g_test_add_data_func (path, &sizes[i], test_sizes);
    }

  return g_test_run ();
}
