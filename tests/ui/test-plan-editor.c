/* test-plan-editor.c — the plan editor in a laptop-sized window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia-application.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-plan-editor.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-window.h"

/*
 * The menu of home exercises, opened by a real click on "Add Exercise" with the plan scrolled
 * to its foot in a 1024×640 window, lies within the window: it scrolls rather than running off
 * the screen.
 */

static FasciaApplication *app;

typedef FasciaUiTestSession Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fascia_ui_test_session_open (f, app, NULL, 1024, 640, "clients");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fascia_ui_test_session_close (f);
}

static FasciaClientView *
client_view (Fixture *f)
{
  return fascia_clients_page_get_client_view (fascia_window_get_clients_page (f->window));
}

/* @widget's box in the coordinates of its native's surface (a popover's own, or the
 * window's). */
static void
surface_bounds (GtkWidget       *widget,
                graphene_rect_t *bounds)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double dx, dy;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  bounds->origin.x += dx;
  bounds->origin.y += dy;
}

static void
test_exercise_menu_in_window (Fixture       *f,
                              gconstpointer  data)
{
  FasciaPlanEditor *editor;
  GtkWidget *button;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  GtkPopover *popover;
  GdkSurface *surface;
  graphene_rect_t window_box, menu_box;
  int width, height;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_clients_page (f->window)),
                                             "clients.new", NULL));
  fascia_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-plan",
                                             NULL));
  fascia_test_iterate ();
  fascia_ui_test_wait_idle (300);
  editor = fascia_client_view_get_plan_editor (client_view (f));
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  g_assert_cmpint (width, <=, 1024);
  g_assert_cmpint (height, <=, 640);

  /* The plan scrolled to its foot, where the button is. */
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), FASCIA_TYPE_PLAN_EDITOR,
                                                      "exercise_button"));
  scroller = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  fascia_ui_test_wait_idle (300);
  g_assert_true (gtk_widget_get_mapped (button));

  fascia_ui_test_click (button, gtk_widget_get_width (button) / 2.0,
                        gtk_widget_get_height (button) / 2.0);
  fascia_ui_test_wait_idle (800);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* The popover's box, in the window's surface: its surface sits where GDK put it. */
  surface = gtk_native_get_surface (GTK_NATIVE (popover));
  g_assert_true (GDK_IS_POPUP (surface));
  surface_bounds (GTK_WIDGET (popover), &menu_box);
  menu_box.origin.x += gdk_popup_get_position_x (GDK_POPUP (surface));
  menu_box.origin.y += gdk_popup_get_position_y (GDK_POPUP (surface));
  surface_bounds (GTK_WIDGET (f->window), &window_box);
  g_test_message ("window %g,%g %gx%g; menu %g,%g %gx%g",
                  window_box.origin.x, window_box.origin.y, window_box.size.width,
                  window_box.size.height, menu_box.origin.x, menu_box.origin.y,
                  menu_box.size.width, menu_box.size.height);
  g_assert_true (graphene_rect_contains_rect (&window_box, &menu_box));
  /* And shows more than a few of the exercises. */
  g_assert_cmpfloat (menu_box.size.height, >=, 200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);

  gtk_popover_popdown (popover);
  fascia_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/fascia/ui/plan-editor/exercise-menu-in-window", Fixture, NULL,
              fixture_set_up, test_exercise_menu_in_window, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
