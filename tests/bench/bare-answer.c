/* bare-answer.c — the baseline of bench-clients-startup: a bare AdwApplicationWindow that,
 * like Fascia under FASCIA_BENCH_ANSWER, prints "answered" once it has handled a key press
 * and painted the frame after it, with its resident memory at that moment, then quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;
  struct rusage usage;
  struct timespec main_cpu;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
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
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (controller),
                                              GTK_PHASE_NONE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), user_data);
  gtk_widget_queue_draw (window);
  return FALSE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), app);
  gtk_widget_add_controller (window, keys);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.fascia.BareAnswer",
                                                        G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
