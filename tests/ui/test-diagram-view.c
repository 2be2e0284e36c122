/* test-diagram-view.c — FasciaDiagramView driven by real pointer and key events under Xvfb,
 * over a test drawing of plain rectangles (tests/data/diagram-view/anterior.svg).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "fascia-diagram-view.h"
#include "fascia-region-button.h"
#include "fascia-region-text.h"
#include "fascia-ui-utils.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

typedef struct
{
  FasciaAtlas       *atlas;
  FasciaDiagram     *diagram;
  GtkWidget         *window;
  GtkWidget         *before;   /* a button before the diagram in the focus chain */
  FasciaDiagramView *view;
  GPtrArray         *activated;
  double             point_x, point_y;
  guint              n_points;
} Fixture;

static void
region_activated_cb (FasciaDiagramView *view,
                     const char        *region_id,
                     Fixture           *fixture)
{
  g_ptr_array_add (fixture->activated, g_strdup (region_id));
}

static void
point_activated_cb (FasciaDiagramView *view,
                    double             x,
                    double             y,
                    Fixture           *fixture)
{
  fixture->point_x = x;
  fixture->point_y = y;
  fixture->n_points++;
}

/* The test drawing, tests/data/diagram-view/anterior.svg, as a new diagram of @atlas. */
static FasciaDiagram *
load_test_diagram (FasciaAtlas *atlas)
{
  g_autofree char *svg_path = g_test_build_filename (G_TEST_DIST, "data", "diagram-view",
                                                     "anterior.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  FasciaDiagram *diagram;
  char *contents;
  gsize length;

  g_file_get_contents (svg_path, &contents, &length, &error);
  g_assert_no_error (error);
  svg = g_bytes_new_take (contents, length);
  diagram = fascia_diagram_new_from_bytes (atlas, svg, &error);
  g_assert_no_error (error);
  return diagram;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *atlas_dir = g_test_build_filename (G_TEST_DIST, "data", "atlas-good",
                                                      NULL);
  GtkWidget *box;

  fixture->atlas = fascia_atlas_new_from_directory (atlas_dir, &error);
  g_assert_no_error (error);
  fixture->diagram = load_test_diagram (fixture->atlas);

  fixture->activated = g_ptr_array_new_with_free_func (g_free);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 750);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->before = gtk_button_new_with_label ("Before");
  gtk_box_append (GTK_BOX (box), fixture->before);
  fixture->view = FASCIA_DIAGRAM_VIEW (fascia_diagram_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), TRUE);
  fascia_diagram_view_set_atlas (fixture->view, fixture->atlas);
  fascia_diagram_view_set_diagram (fixture->view, fixture->diagram);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  g_signal_connect (fixture->view, "region-activated", G_CALLBACK (region_activated_cb), fixture);
  g_signal_connect (fixture->view, "point-activated", G_CALLBACK (point_activated_cb), fixture);

  gtk_window_present (GTK_WINDOW (fixture->window));
  fascia_ui_test_wait_idle (200);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A test that closed the window itself saw the view go. */
  if (fixture->window != NULL)
    {
      g_object_ref (fixture->view);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      fascia_test_iterate ();
      fascia_ui_test_wait_idle (300);
      g_assert_finalize_object (fixture->view);
    }
  g_clear_pointer (&fixture->activated, g_ptr_array_unref);
  g_assert_finalize_object (fixture->diagram);
  g_clear_object (&fixture->atlas);
}

static void
prepare_cb (FasciaDiagramView *view,
            FasciaDiagram     *diagram,
            double             zoom,
            gboolean          *started)
{
  *started = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
block_background_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GCancellable *release = task_data;

  while (!g_cancellable_is_cancelled (release))
    g_usleep (1000);
  g_task_return_boolean (task, TRUE);
}

/* The window closed while the view's renders run in their threads, the one shown and one
 * ahead: the view goes at once, on this thread, and the jobs, when they end, find it gone.
 * Their tasks held it: the thread that ran a job let go of its task as it ended, and when the
 * main loop had let go of it first, the view (GTK's widget, its textures) was finalized on
 * that thread. The render ahead is held behind another job in the one thread for work ahead,
 * so that it is surely still to come when the window closes. */
static void
test_window_closed_while_rendering (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GCancellable) release = g_cancellable_new ();
  g_autoptr(FasciaDiagram) other = load_test_diagram (fixture->atlas);
  g_autoptr(GTask) blocker = NULL;
  gboolean started = FALSE;
  guint full, patches, full_now;

  /* The render ahead of @other, queued behind a job that waits for @release. */
  blocker = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (blocker, g_object_ref (release), g_object_unref);
  fascia_ui_run_in_background (blocker, block_background_thread);
  g_signal_connect (fixture->view, "prepare", G_CALLBACK (prepare_cb), &started);
  fascia_diagram_view_keep_ready (fixture->view, other);
  g_assert_true (fascia_test_wait_for (flag_set, &started, 5000));
  g_assert_true (fascia_diagram_view_is_preparing (fixture->view));

  /* And a render of the view shown, under way. */
  fascia_diagram_view_get_render_count (fixture->view, &full, &patches);
  fascia_diagram_view_zoom_at (fixture->view, 1.25, 100, 100);
  fascia_diagram_view_styles_changed (fixture->view);
  for (gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
       g_get_monotonic_time () < end;)
    {
      fascia_diagram_view_get_render_count (fixture->view, &full_now, &patches);
      if (full_now > full)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (full_now, >, full);

  /* Closed: nothing holds the view but its window. */
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  fascia_test_iterate ();
  g_assert_null (fixture->view);

  /* The jobs end, and their callbacks find nothing to do. */
  g_cancellable_cancel (release);
  g_assert_true (fascia_ui_wait_for_background (5000));
  fascia_ui_test_wait_idle (300);
}

/* The widget coordinates of the centre of a region. */
static void
region_centre (Fixture    *fixture,
               const char *region_id,
               double     *x,
               double     *y)
{
  const FasciaRegion *region = fascia_diagram_lookup_region (fixture->diagram, region_id);

  g_assert_nonnull (region);
  fascia_diagram_view_view_to_widget (fixture->view,
                                      region->x + region->width / 2.0,
                                      region->y + region->height / 2.0,
                                      x, y);
}

static gboolean
activated (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->activated->len > 0;
}

static void
test_click_activates (Fixture       *fixture,
                      gconstpointer  data)
{
  double x, y;

  region_centre (fixture, "m-psoas-major-l", &x, &y);
  fascia_ui_test_click (GTK_WIDGET (fixture->view), x, y);
  g_assert_true (fascia_test_wait_for (activated, fixture, 3000));
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==, "m-psoas-major-l");

  /* The click also reports the point, in view units. */
  g_assert_cmpuint (fixture->n_points, ==, 1);
  g_assert_cmpfloat_with_epsilon (fixture->point_x, 680, 2.0);
  g_assert_cmpfloat_with_epsilon (fixture->point_y, 650, 2.0);

  /* Keyboard focus follows the click. */
  g_assert_true (gtk_widget_has_focus (fascia_diagram_view_get_region_widget (fixture->view,
                                                                              "m-psoas-major-l")));
}

static gboolean
hovered (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_strcmp0 (fascia_diagram_view_get_hovered_region (fixture->view),
                    "m-iliacus-r") == 0;
}

static void
test_hover (Fixture       *fixture,
            gconstpointer  data)
{
  guint64 serial;
  double x, y;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  serial = fascia_diagram_get_style_serial (fixture->diagram);

  region_centre (fixture, "m-iliacus-r", &x, &y);
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), x, y);
  g_assert_true (fascia_test_wait_for (hovered, fixture, 3000));
  g_assert_true (fascia_diagram_get_region_style (fixture->diagram, "m-iliacus-r")
                 & FASCIA_REGION_STYLE_HOVER);

  /* The highlight is an overlay made from the region's mask: nothing is re-rendered. */
  g_assert_cmpuint (fascia_diagram_get_style_serial (fixture->diagram), ==, serial);
  g_assert_true (fascia_diagram_view_is_up_to_date (fixture->view));

  /* Off the drawing, nothing is hovered. */
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), 5, 5);
  fascia_ui_test_wait_idle (100);
  g_assert_null (fascia_diagram_view_get_hovered_region (fixture->view));
  g_assert_false (fascia_diagram_get_region_style (fixture->diagram, "m-iliacus-r")
                  & FASCIA_REGION_STYLE_HOVER);
}

/* The tooltip names the region lit under the pointer, wherever GTK reads the pointer: it asks
 * for the tooltip with a position of its own, which at a region's edge was a pixel off the
 * motion's and named the neighbour while the other was outlined. */
static void
test_tooltip_names_hovered (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *off = NULL;
  double x, y, gx, gy;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  region_centre (fixture, "m-iliacus-r", &x, &y);
  region_centre (fixture, "m-psoas-major-r", &gx, &gy);
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), x, y);
  g_assert_true (fascia_test_wait_for (hovered, fixture, 3000));

  label = fascia_region_dup_label (fixture->atlas,
                                   fascia_diagram_lookup_region (fixture->diagram, "m-iliacus-r"));
  /* Asked for at another region's spot, it still names the one under the pointer. */
  text = fascia_diagram_view_dup_tooltip_text (fixture->view, gx, gy);
  g_assert_cmpstr (text, ==, label);

  /* Over the background, none. */
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), 5, 5);
  fascia_ui_test_wait_idle (100);
  off = fascia_diagram_view_dup_tooltip_text (fixture->view, x, y);
  g_assert_null (off);
}

/* The drawing laid out again under a pointer at rest (here a widget above it grows, as the
 * window does on leaving presentation mode) hovers what is under the pointer now: the region
 * hovered before stayed outlined where the drawing had taken it, the pointer over something
 * else. */
static void
test_hover_follows_layout (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  const FasciaRegion *under;
  graphene_point_t at, point;
  double x, y;

  region_centre (fixture, "m-iliacus-r", &x, &y);
  fascia_ui_test_pointer_move (view, x, y);
  g_assert_true (fascia_test_wait_for (hovered, fixture, 3000));
  g_assert_true (gtk_widget_compute_point (view, fixture->window, &GRAPHENE_POINT_INIT (x, y),
                                           &at));

  gtk_widget_set_size_request (fixture->before, -1, 300);
  fascia_ui_test_wait_idle (300);

  g_assert_true (gtk_widget_compute_point (fixture->window, view, &at, &point));
  fascia_diagram_view_widget_to_view (fixture->view, point.x, point.y, &x, &y);
  under = fascia_diagram_hit_test (fixture->diagram, x, y);
  /* The layout took the iliacus from under the pointer. */
  g_assert_true (under == NULL || g_strcmp0 (under->id, "m-iliacus-r") != 0);
  g_assert_cmpstr (fascia_diagram_view_get_hovered_region (fixture->view), ==,
                   under != NULL ? under->id : NULL);
  g_assert_false (fascia_diagram_get_region_style (fixture->diagram, "m-iliacus-r")
                  & FASCIA_REGION_STYLE_HOVER);
}

/* A click lights the region hovered with what the view made while the pointer rested on it:
 * made on the click, a large muscle's fill cost the first click a couple of dozen ms. */
static void
test_hover_ahead (Fixture       *fixture,
                  gconstpointer  data)
{
  guint made;
  double x, y;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  fascia_diagram_view_set_hover_styles (fixture->view, FASCIA_REGION_STYLE_PAIN);

  region_centre (fixture, "m-iliacus-r", &x, &y);
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), x, y);
  g_assert_true (fascia_test_wait_for (hovered, fixture, 3000));
  fascia_ui_test_wait_idle (200);
  made = fascia_diagram_view_get_overlay_count (fixture->view);
  g_assert_cmpuint (made, >, 0);  /* the hover outline, and the fill ahead */

  /* The click's fill is there already: the frame that shows it makes nothing. */
  fascia_diagram_view_add_region_style (fixture->view, "m-iliacus-r", FASCIA_REGION_STYLE_PAIN);
  fascia_ui_test_wait_idle (200);
  g_assert_cmpuint (fascia_diagram_view_get_overlay_count (fixture->view), ==, made);

  /* A region the pointer never rested on has its fill made when it is lit. */
  fascia_diagram_view_add_region_style (fixture->view, "m-psoas-major-r",
                                        FASCIA_REGION_STYLE_PAIN);
  fascia_ui_test_wait_idle (200);
  g_assert_cmpuint (fascia_diagram_view_get_overlay_count (fixture->view), ==, made + 1);
}

static const char *
focused_region (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  if (!FASCIA_IS_REGION_BUTTON (focus))
    return NULL;
  return fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (focus));
}

typedef struct
{
  Fixture    *fixture;
  const char *region_id;
} FocusWait;

static gboolean
focus_is (gpointer user_data)
{
  FocusWait *wait = user_data;

  return g_strcmp0 (focused_region (wait->fixture), wait->region_id) == 0;
}

static void
press_and_expect (Fixture    *fixture,
                  const char *key,
                  const char *region_id,
                  const char *label)
{
  FocusWait wait = { fixture, region_id };
  GtkWidget *button;

  fascia_ui_test_keys (GTK_WIDGET (fixture->view), key);
  if (!fascia_test_wait_for (focus_is, &wait, 3000))
    g_error ("After %s the focus is on %s, not %s", key, focused_region (fixture), region_id);

  button = fascia_diagram_view_get_region_widget (fixture->view, region_id);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);
  g_assert_true (fascia_diagram_get_region_style (fixture->diagram, region_id)
                 & FASCIA_REGION_STYLE_FOCUS);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  FocusWait wait = { fixture, NULL };
  GtkWidget *button;

  /* Keys go to the window under the pointer. */
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), 5, 5);
  gtk_widget_grab_focus (fixture->before);

  /* Tab enters the drawing at its first region in data order: the vertebra. Arrows move to
   * the nearest region that way (ties go to the earlier in data order). */
  press_and_expect (fixture, "Tab", "b-l1-body", "Body of L1");
  press_and_expect (fixture, "Down", "tp-psoas-major-1-r",
                    "Trigger point 1 of Psoas major, right side");
  press_and_expect (fixture, "Right", "tp-psoas-major-1-l",
                    "Trigger point 1 of Psoas major, left side");
  press_and_expect (fixture, "Down", "m-psoas-major-l", "Psoas major, left side");
  press_and_expect (fixture, "Left", "m-psoas-major-r", "Psoas major, right side");
  press_and_expect (fixture, "Right", "m-psoas-major-l", "Psoas major, left side");
  g_assert_false (fascia_diagram_get_region_style (fixture->diagram, "m-psoas-major-r")
                  & FASCIA_REGION_STYLE_FOCUS);

  /* Enter opens the focused region. */
  fascia_ui_test_keys (GTK_WIDGET (fixture->view), "Return");
  g_assert_true (fascia_test_wait_for (activated, fixture, 3000));
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==, "m-psoas-major-l");

  /* Tab leaves the drawing (it is one tab stop) and Shift+Tab comes back where it was. */
  fascia_ui_test_keys (GTK_WIDGET (fixture->view), "Tab");
  g_assert_true (fascia_test_wait_for (focus_is, &wait, 3000));
  g_assert_false (fascia_diagram_get_region_style (fixture->diagram, "m-psoas-major-l")
                  & FASCIA_REGION_STYLE_FOCUS);
  press_and_expect (fixture, "shift+Tab", "m-psoas-major-l", "Psoas major, left side");

  /* A screen reader reads the description too. */
  button = fascia_diagram_view_get_region_widget (fixture->view, "m-psoas-major-l");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Musculus psoas major");

  /* Referral zones have no button of their own; they are read with their trigger point. */
  g_assert_null (fascia_diagram_view_get_region_widget (fixture->view, "rz-psoas-major-1-l"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fascia_diagram_view_get_region_widget (fixture->view,
                                                                                             "tp-psoas-major-1-l")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Trigger point 1 of Psoas major, left side");
}

static void
test_zoom_about_pointer (Fixture       *fixture,
                         gconstpointer  data)
{
  double zoom = fascia_diagram_view_get_zoom (fixture->view);
  double px, py, before_x, before_y, after_x, after_y;

  region_centre (fixture, "b-l1-body", &px, &py);
  px += 13;
  py += 7;
  fascia_diagram_view_widget_to_view (fixture->view, px, py, &before_x, &before_y);

  /* Ctrl + scroll wheel up, twice, with the pointer at px, py. */
  fascia_ui_test_scroll (GTK_WIDGET (fixture->view), px, py, TRUE, TRUE);
  fascia_ui_test_scroll (GTK_WIDGET (fixture->view), px, py, TRUE, TRUE);
  fascia_ui_test_wait_idle (100);

  g_assert_cmpfloat (fascia_diagram_view_get_zoom (fixture->view), >, zoom * 1.4);
  fascia_diagram_view_widget_to_view (fixture->view, px, py, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, before_x, 1.0);
  g_assert_cmpfloat_with_epsilon (after_y, before_y, 1.0);

  /* With the keyboard in the drawing, the keys zoom about the pointer too, and 0 fits the
   * drawing again. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->view)));
  g_assert_cmpstr (focused_region (fixture), ==, "b-l1-body");
  zoom = fascia_diagram_view_get_zoom (fixture->view);
  fascia_ui_test_keys (GTK_WIDGET (fixture->view), "plus");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpfloat (fascia_diagram_view_get_zoom (fixture->view), >, zoom);
  fascia_diagram_view_widget_to_view (fixture->view, px, py, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, before_x, 1.0);
  g_assert_cmpfloat_with_epsilon (after_y, before_y, 1.0);

  /* After a pause the view is rendered afresh at the new scale. */
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));

  fascia_ui_test_keys (GTK_WIDGET (fixture->view), "0");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpfloat_with_epsilon (fascia_diagram_view_get_zoom (fixture->view),
                                  MIN (600 / 1200.0,
                                       gtk_widget_get_height (GTK_WIDGET (fixture->view)) / 1500.0),
                                  1e-6);

  /* A plain scroll pans. */
  fascia_diagram_view_widget_to_view (fixture->view, px, py, &before_x, &before_y);
  fascia_ui_test_keys (GTK_WIDGET (fixture->view), "plus plus");
  fascia_diagram_view_widget_to_view (fixture->view, px, py, &before_x, &before_y);
  fascia_ui_test_scroll (GTK_WIDGET (fixture->view), px, py, FALSE, FALSE);
  fascia_ui_test_wait_idle (100);
  fascia_diagram_view_widget_to_view (fixture->view, px, py, &after_x, &after_y);
  g_assert_cmpfloat (after_y, >, before_y);
}

static void
test_point_mode (Fixture       *fixture,
                 gconstpointer  data)
{
  double x, y;

  fascia_diagram_view_set_point_mode (fixture->view, TRUE);
  region_centre (fixture, "m-psoas-major-r", &x, &y);
  fascia_ui_test_click (GTK_WIDGET (fixture->view), x, y);
  fascia_ui_test_wait_idle (200);

  g_assert_cmpuint (fixture->n_points, ==, 1);
  g_assert_cmpfloat_with_epsilon (fixture->point_x, 520, 2.0);
  g_assert_cmpfloat_with_epsilon (fixture->point_y, 650, 2.0);
  g_assert_cmpuint (fixture->activated->len, ==, 0);
  g_assert_null (fascia_diagram_view_get_hovered_region (fixture->view));
}

static void
test_styles_and_layers (Fixture       *fixture,
                        gconstpointer  data)
{
  fascia_diagram_view_add_region_style (fixture->view, "b-iliac-fossa-l",
                                        FASCIA_REGION_STYLE_ORIGIN);
  fascia_diagram_view_add_region_style (fixture->view, "b-iliac-fossa-l",
                                        FASCIA_REGION_STYLE_SELECTED);
  g_assert_cmpint (fascia_diagram_get_region_style (fixture->diagram, "b-iliac-fossa-l"), ==,
                   FASCIA_REGION_STYLE_ORIGIN | FASCIA_REGION_STYLE_SELECTED);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 3000));

  fascia_diagram_view_clear_region_styles (fixture->view, FASCIA_REGION_STYLE_SELECTED);
  g_assert_cmpint (fascia_diagram_get_region_style (fixture->diagram, "b-iliac-fossa-l"), ==,
                   FASCIA_REGION_STYLE_ORIGIN);

  /* Styles set behind the view's back are drawn too. */
  fascia_diagram_set_region_style (fixture->diagram, "m-iliacus-l", FASCIA_REGION_STYLE_TARGET);
  fascia_diagram_view_styles_changed (fixture->view);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 3000));

  /* A hidden layer's regions leave the focus chain. */
  fascia_diagram_view_set_layer_visible (fixture->view, "layer-bones", FALSE);
  g_assert_false (gtk_widget_get_visible (fascia_diagram_view_get_region_widget (fixture->view,
                                                                                 "b-l1-body")));
  g_assert_true (gtk_widget_get_visible (fascia_diagram_view_get_region_widget (fixture->view,
                                                                                "m-iliacus-l")));
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 3000));
}

/* The view's pixels, premultiplied BGRA as GDK downloads them. */
typedef struct
{
  guchar *pixels;
  int     stride, width, height;
} Picture;

static Picture
take_picture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  Picture picture = { NULL, width * 4, width, height };

  /* The widget's last frame is what it paints: let one be drawn. */
  fascia_ui_test_wait_idle (100);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  picture.pixels = g_malloc (picture.stride * height);
  gdk_texture_download (texture, picture.pixels, picture.stride);
  return picture;
}

/* The pixel at a view point. */
static const guchar *
pixel_at (FasciaDiagramView *view,
          const Picture     *picture,
          double             x,
          double             y)
{
  double wx, wy;

  fascia_diagram_view_view_to_widget (view, x, y, &wx, &wy);
  g_assert_cmpint ((int) wx, >=, 0);
  g_assert_cmpint ((int) wy, >=, 0);
  g_assert_cmpint ((int) wx, <, picture->width);
  g_assert_cmpint ((int) wy, <, picture->height);
  return picture->pixels + (gsize) ((int) wy) * picture->stride + ((int) wx) * 4;
}

static void
assert_renders (Fixture *fixture,
                guint    full,
                guint    patches)
{
  guint now_full, now_patches;

  fascia_diagram_view_get_render_count (fixture->view, &now_full, &now_patches);
  g_assert_cmpuint (now_full, ==, full);
  g_assert_cmpuint (now_patches, ==, patches);
}

/* Whether a pixel (premultiplied BGRA, opaque) is the green of a target's outline (#1c7f4f). */
static gboolean
is_target_green (const guchar *p)
{
  return p[1] > p[2] + 60 && p[1] > p[0] + 20;
}

static guint
count_target_green (const Picture *picture)
{
  guint n = 0;

  for (int y = 0; y < picture->height; y++)
    for (int x = 0; x < picture->width; x++)
      n += is_target_green (picture->pixels + (gsize) y * picture->stride + x * 4);
  return n;
}

/* On a body chart a finding is a target and a pain mark a fill: a muscle with both was filled
 * purple alone, the finding lost (the legend promises green for findings today). It keeps the
 * pain's fill and is outlined in the target's green, over an earlier visit's outline too. */
static void
test_pain_and_finding_both_shown (Fixture       *fixture,
                                  gconstpointer  data)
{
  Picture pain, both;
  const guchar *b;
  guint green;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  fascia_diagram_view_add_region_style (fixture->view, "m-iliacus-r", FASCIA_REGION_STYLE_PAIN);
  pain = take_picture (GTK_WIDGET (fixture->view));
  g_assert_cmpuint (count_target_green (&pain), ==, 0);

  fascia_diagram_view_add_region_style (fixture->view, "m-iliacus-r", FASCIA_REGION_STYLE_TARGET);
  both = take_picture (GTK_WIDGET (fixture->view));
  green = count_target_green (&both);
  g_test_message ("%u pixels of the target's green", green);
  g_assert_cmpuint (green, >, 200);
  /* Still filled purple (#9141ac) inside. */
  b = pixel_at (fixture->view, &both, 370, 910);
  g_assert_cmpint (ABS ((int) b[2] - 0x91), <, 40);
  g_assert_cmpint (ABS ((int) b[0] - 0xac), <, 40);

  /* Marked at an earlier visit too, outlined dark: the finding's green is drawn over that. */
  fascia_diagram_view_add_region_style (fixture->view, "m-iliacus-r", FASCIA_REGION_STYLE_SELECTED);
  g_free (both.pixels);
  both = take_picture (GTK_WIDGET (fixture->view));
  g_assert_cmpuint (count_target_green (&both), >, green / 2);
  g_free (pain.pixels);
  g_free (both.pixels);
}

/* Selection, attachments, targets and pain are overlays made from the hit masks: styling a
 * region renders nothing, and the overlay is on screen at once. */
static void
test_styles_render_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  guint full, patches;
  Picture before, after;
  const guchar *a, *b;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  fascia_diagram_view_get_render_count (fixture->view, &full, &patches);
  g_assert_cmpuint (full, >=, 1);
  before = take_picture (GTK_WIDGET (fixture->view));

  fascia_diagram_view_add_region_style (fixture->view, "m-psoas-major-l",
                                        FASCIA_REGION_STYLE_SELECTED);
  fascia_diagram_view_add_region_style (fixture->view, "b-iliac-fossa-l",
                                        FASCIA_REGION_STYLE_ORIGIN);
  fascia_diagram_view_add_region_style (fixture->view, "b-lesser-trochanter-l",
                                        FASCIA_REGION_STYLE_INSERTION);
  fascia_diagram_view_add_region_style (fixture->view, "m-iliacus-r", FASCIA_REGION_STYLE_PAIN);
  fascia_diagram_view_add_region_style (fixture->view, "m-psoas-major-r",
                                        FASCIA_REGION_STYLE_TARGET);
  g_assert_true (fascia_diagram_view_is_up_to_date (fixture->view));
  fascia_ui_test_wait_idle (100);
  assert_renders (fixture, full, patches);

  after = take_picture (GTK_WIDGET (fixture->view));

  /* The origin's fill is #1c71d8 at 0.9 where nothing lies over the bone (the test drawing's
   * iliac fossa: x 780–900, y 700–820; iliacus over it from y 850). */
  a = pixel_at (fixture->view, &before, 840, 760);
  b = pixel_at (fixture->view, &after, 840, 760);
  g_assert_cmpint (b[0], >, b[2] + 100);  /* blue over red */
  g_assert_cmpint (a[2], >, a[0]);        /* ivory before */

  /* Pain fills the muscle purple (#9141ac). */
  b = pixel_at (fixture->view, &after, 370, 910);
  g_assert_cmpint (ABS ((int) b[2] - 0x91), <, 40);
  g_assert_cmpint (ABS ((int) b[0] - 0xac), <, 40);

  /* The selected muscle has a dark outline at its edge (x 650). */
  b = pixel_at (fixture->view, &after, 650, 650);
  g_assert_cmpint (b[0] + b[1] + b[2], <, 3 * 0x50);

  /* A muscle's fill stops where another region lies over it: the trigger point over the
   * target keeps its own colours (white). */
  b = pixel_at (fixture->view, &after, 520, 550);
  g_assert_cmpint (b[1], >, 0xc0);

  g_free (before.pixels);
  g_free (after.pixels);

  /* Taking them off renders nothing either. */
  fascia_diagram_view_clear_region_styles (fixture->view, FASCIA_REGION_STYLE_SELECTED
                                                          | FASCIA_REGION_STYLE_ORIGIN
                                                          | FASCIA_REGION_STYLE_INSERTION
                                                          | FASCIA_REGION_STYLE_PAIN
                                                          | FASCIA_REGION_STYLE_TARGET);
  fascia_diagram_view_styles_changed (fixture->view);
  g_assert_true (fascia_diagram_view_is_up_to_date (fixture->view));
  assert_renders (fixture, full, patches);
}

/* The nodes of @node's tree that are textures (@textures) and cairo drawings (@drawings). */
static void
collect_nodes (GskRenderNode *node,
               GPtrArray     *textures,
               GPtrArray     *drawings)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      g_ptr_array_add (textures, node);
      break;
    case GSK_CAIRO_NODE:
      g_ptr_array_add (drawings, node);
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_nodes (gsk_container_node_get_child (node, i), textures, drawings);
      break;
    case GSK_CLIP_NODE:
      collect_nodes (gsk_clip_node_get_child (node), textures, drawings);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_nodes (gsk_rounded_clip_node_get_child (node), textures, drawings);
      break;
    case GSK_TRANSFORM_NODE:
      collect_nodes (gsk_transform_node_get_child (node), textures, drawings);
      break;
    case GSK_OPACITY_NODE:
      collect_nodes (gsk_opacity_node_get_child (node), textures, drawings);
      break;
    default:
      break;
    }
}

static GskRenderNode *
view_node (FasciaDiagramView *view)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (view)),
                          gtk_widget_get_height (GTK_WIDGET (view)));
  return gtk_snapshot_free_to_node (snapshot);
}

/* GTK 4.8's cairo renderer converts every pixel of a texture through floats each frame it
 * draws it (20 ms for a 1400×1000 drawing, on every click): under it, the drawing and the
 * overlays are cairo nodes, the same nodes from one frame to the next, so that GSK's damage
 * tracking repaints nothing where nothing changed. */
static void
test_cairo_nodes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) textures = g_ptr_array_new ();
  g_autoptr(GPtrArray) drawings = g_ptr_array_new ();
  g_autoptr(GPtrArray) textures_again = g_ptr_array_new ();
  g_autoptr(GPtrArray) drawings_again = g_ptr_array_new ();
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  GskRenderNode *node, *again;

  if (!GSK_IS_CAIRO_RENDERER (renderer))
    {
      g_test_skip ("The window does not draw with the cairo renderer");
      return;
    }

  fascia_diagram_view_add_region_style (fixture->view, "m-psoas-major-l",
                                        FASCIA_REGION_STYLE_SELECTED);
  fascia_diagram_view_add_region_style (fixture->view, "b-iliac-fossa-l",
                                        FASCIA_REGION_STYLE_ORIGIN);
  fascia_ui_test_wait_idle (100);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));

  node = view_node (fixture->view);
  again = view_node (fixture->view);
  collect_nodes (node, textures, drawings);
  collect_nodes (again, textures_again, drawings_again);

  g_assert_cmpuint (textures->len, ==, 0);
  /* The drawing, its labels and two overlays at least. */
  g_assert_cmpuint (drawings->len, >=, 4);
  g_assert_cmpuint (drawings_again->len, ==, drawings->len);
  for (guint i = 0; i < drawings->len; i++)
    g_assert_true (g_ptr_array_index (drawings, i) == g_ptr_array_index (drawings_again, i));

  gsk_render_node_unref (node);
  gsk_render_node_unref (again);
}

typedef struct
{
  FasciaAtlas       *atlas;
  FasciaDiagram     *diagram;
  GtkWidget         *window;
  FasciaDiagramView *view;
} RealFixture;

static void
real_set_up (RealFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  /* The built-in atlas is the program's (transfer none): the fixture holds a reference of its
   * own, which tear-down drops. */
  fixture->atlas = fascia_atlas_get_default (&error);
  g_assert_no_error (error);
  g_object_ref (fixture->atlas);
  fixture->diagram = fascia_diagram_new_for_view (fixture->atlas, data, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_diagram_get_labels_apart (fixture->diagram));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 1000);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->view = FASCIA_DIAGRAM_VIEW (fascia_diagram_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), TRUE);
  fascia_diagram_view_set_atlas (fixture->view, fixture->atlas);
  fascia_diagram_view_set_diagram (fixture->view, fixture->diagram);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fascia_ui_test_wait_idle (200);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 10000));
}

static void
real_tear_down (RealFixture   *fixture,
                gconstpointer  data)
{
  g_object_ref (fixture->view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fascia_test_iterate ();
  fascia_ui_test_wait_idle (300);
  g_assert_finalize_object (fixture->view);
  g_assert_finalize_object (fixture->diagram);
  g_clear_object (&fixture->atlas);
}

/* What the view draws in a window of @width x @height, fitted on its figure and up to date. */
static Picture
fitted_picture (RealFixture *fixture,
                int          width,
                int          height)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  fascia_diagram_view_set_fit_figure (fixture->view, TRUE);
  fascia_ui_test_wait_idle (200);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 10000));
  return take_picture (GTK_WIDGET (fixture->view));
}

/* The drawing ends at its own edge. The front view holds, past the bottom of its box, the
 * ends of the thighs' bones and tendons; drawn, they ran on into the pane's bottom edge (in
 * presentation mode at 1024x640 the legs looked cut off by the window). Fitted on its figure
 * with room below it, the view draws nothing under the drawing's edge, where every viewer of
 * an SVG stops. */
static void
test_drawing_keeps_its_edge (RealFixture   *fixture,
                             gconstpointer  data)
{
  g_autofree guchar *pixels = NULL;
  double width, height, wx, top, bottom;
  guint drawn = 0, looked = 0;
  Picture picture;

  picture = fitted_picture (fixture, 1024, 588);
  fascia_diagram_get_size (fixture->diagram, &width, &height);
  pixels = picture.pixels;

  /* Room below the drawing, a few pixels at least. */
  fascia_diagram_view_view_to_widget (fixture->view, 0, height, &wx, &top);
  bottom = picture.height;
  g_assert_cmpfloat (bottom - top, >=, 6);
  for (int y = (int) ceil (top) + 1; y < (int) bottom; y++)
    for (int x = 0; x < picture.width; x++)
      {
        looked++;
        drawn += picture.pixels[(gsize) y * picture.stride + x * 4 + 3] != 0;
      }
  if (drawn > 0)
    g_error ("%u of %u pixels below the drawing's edge are drawn", drawn, looked);
}

/* The drawing's edge is clean. Cut where it falls inside a pixel, the shapes drawn one over the
 * other each covered that pixel in part, so that those under the top one showed through it: in
 * the side view, whose muscle fills run on under its ribs past its top, a reddish line ran along
 * the top edge over the ribs (seen at 1280x800). Along the top edge every pixel drawn shows a
 * colour found beside it in the two rows below (within 3 pixels, each channel within 40 of 255),
 * as the drawing's own top does. */
static void
test_drawing_edge_is_clean (RealFixture   *fixture,
                            gconstpointer  data)
{
  guint wrong = 0, looked = 0, fractional = 0;

  /* The drawing alone: no region keeps the keyboard focus, whose ring (the accent colour
   * round the region, cut by the edge like the region) would run along the top edge when the
   * first region in the Tab order reaches it, as the side view's intercostal muscles do. */
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  for (int h = 700; h < 720; h += 3)
    {
      g_autofree guchar *pixels = NULL;
      double wx, top, width, height;
      Picture picture;
      int edge;

      picture = fitted_picture (fixture, 830, h);
      fascia_diagram_get_size (fixture->diagram, &width, &height);
      pixels = picture.pixels;
      fascia_diagram_view_view_to_widget (fixture->view, 0, 0, &wx, &top);
      if (top - floor (top) > 0.2 && top - floor (top) < 0.8)
        fractional++;
      edge = (int) floor (top);
      g_assert_cmpint (edge, >=, 0);
      for (int x = 3; x < picture.width - 3; x++)
        {
          const guchar *p = picture.pixels + (gsize) edge * picture.stride + x * 4;
          gboolean found = FALSE;

          if (p[3] < 48)
            continue;
          looked++;
          for (int dy = 1; dy <= 2 && !found; dy++)
            for (int dx = -3; dx <= 3 && !found; dx++)
              {
                const guchar *q = picture.pixels + (gsize) (edge + dy) * picture.stride + (x + dx) * 4;
                int most = 0;

                if (q[3] == 0)
                  continue;
                for (int c = 0; c < 3; c++)
                  most = MAX (most, ABS (p[c] * 255 / p[3] - q[c] * 255 / q[3]));
                found = most <= 40;
              }
          if (!found)
            {
              double vx, vy;

              fascia_diagram_view_widget_to_view (fixture->view, x + 0.5, edge + 0.5, &vx, &vy);
              if (wrong++ < 5)
                g_test_message ("window height %d: (%d, %d), view (%.0f, %.1f), is #%02x%02x%02x at %d%%, "
                                "not a colour of the rows below", h, x, edge, vx, vy, p[2] * 255 / p[3],
                                p[1] * 255 / p[3], p[0] * 255 / p[3], p[3] * 100 / 255);
            }
        }
    }
  g_test_message ("%u of %u pixels along the top edge", wrong, looked);
  g_assert_cmpuint (fractional, >, 0);
  g_assert_cmpuint (looked, >, 100);
  /* The drawing's own lines crossing the edge at a slant leave a pixel or two (4 of 680 at view
   * x 660, the ribs' outlines); the line the clip made was a third of the edge (298 of 920). */
  if (wrong * 100 > looked)
    g_error ("%u of %u pixels along the drawing's top edge show a colour not found beside them below", wrong, looked);
}

/* The largest difference of any channel between two pictures over a box in view units. */
static int
max_difference (FasciaDiagramView *view,
                const Picture     *a,
                const Picture     *b,
                double             x0,
                double             y0,
                double             x1,
                double             y1,
                int               *darkest)
{
  double wx0, wy0, wx1, wy1;
  int most = 0;

  fascia_diagram_view_view_to_widget (view, x0, y0, &wx0, &wy0);
  fascia_diagram_view_view_to_widget (view, x1, y1, &wx1, &wy1);
  *darkest = 255 * 3;
  for (int y = (int) wy0; y < (int) wy1; y++)
    for (int x = (int) wx0; x < (int) wx1; x++)
      {
        const guchar *p = a->pixels + (gsize) y * a->stride + x * 4;
        const guchar *q = b->pixels + (gsize) y * b->stride + x * 4;

        for (int c = 0; c < 4; c++)
          most = MAX (most, ABS ((int) p[c] - (int) q[c]));
        if (p[3] > 200)
          *darkest = MIN (*darkest, p[0] + p[1] + p[2]);
      }

  return most;
}

/* A referral zone shown re-renders only its bounds; the pixels of a label inside them are
 * the same as after a full render. (A patch used to be drawn over the old pixels, so every
 * half-covered pixel of the text was covered twice: "Quadratus lumborum" came out bold.) */
static void
test_patch_keeps_labels (RealFixture   *fixture,
                         gconstpointer  data)
{
  guint full, patches, now_full, now_patches;
  Picture patched, rendered;
  int darkest;

  fascia_diagram_view_get_render_count (fixture->view, &full, &patches);
  fascia_diagram_view_add_region_style (fixture->view, "rz-lumbar-multifidus-1-l",
                                        FASCIA_REGION_STYLE_SHOWN);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 10000));
  fascia_diagram_view_get_render_count (fixture->view, &now_full, &now_patches);
  g_assert_cmpuint (now_full, ==, full);
  g_assert_cmpuint (now_patches, ==, patches + 1);
  patched = take_picture (GTK_WIDGET (fixture->view));

  /* The same styles, rendered whole: a change behind the view's back that draws nothing new
   * but moves the serial. */
  fascia_diagram_set_dim_unstyled (fixture->diagram, TRUE);
  fascia_diagram_set_dim_unstyled (fixture->diagram, FALSE);
  fascia_diagram_view_styles_changed (fixture->view);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 10000));
  fascia_diagram_view_get_render_count (fixture->view, &now_full, NULL);
  g_assert_cmpuint (now_full, ==, full + 1);
  rendered = take_picture (GTK_WIDGET (fixture->view));

  /* "Quadratus lumborum", ending at x 417.5 on the baseline y 270.9, inside the zone's
   * bounds (x 295–599, y 171–333). */
  g_assert_cmpint (max_difference (fixture->view, &patched, &rendered, 300, 256, 417, 274,
                                   &darkest), <=, 2);
  g_assert_cmpint (darkest, <, 3 * 0x60);  /* the box does hold text */

  g_free (patched.pixels);
  g_free (rendered.pixels);
}

/* Labels left out (presentation mode on a small screen enlarges them past what fits) leave
 * every muscle reachable all the same: its region keeps its button, shown, named for a screen
 * reader by the muscle's name, and its tooltip says the same. */
static void
test_left_out_labels_keep_names (RealFixture   *fixture,
                                 gconstpointer  data)
{
  guint left_out = 0, muscles = 0;

  fascia_diagram_set_label_size (fixture->diagram, 80);
  fascia_diagram_view_styles_changed (fixture->view);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 10000));
  for (guint i = 0; i < fascia_diagram_get_n_labels (fixture->diagram); i++)
    left_out += !fascia_diagram_get_label_box (fixture->diagram, i, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (left_out, >, 0);

  for (guint i = 0; i < fascia_diagram_get_n_regions (fixture->diagram); i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (fixture->diagram, i);
      FasciaMuscle *muscle;
      GtkWidget *button;
      g_autofree char *tooltip = NULL;

      if (region->kind != FASCIA_REGION_MUSCLE)
        continue;
      muscle = fascia_atlas_lookup_muscle (fixture->atlas, region->atlas_id);
      g_assert_nonnull (muscle);
      button = fascia_diagram_view_get_region_widget (fixture->view, region->id);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_visible (button));
      g_assert_true (g_str_has_prefix (fascia_region_button_get_label_text (FASCIA_REGION_BUTTON (button)),
                                       fascia_muscle_get_name (muscle)));
      tooltip = fascia_region_dup_label (fixture->atlas, region);
      g_assert_cmpstr (tooltip, ==, fascia_region_button_get_label_text (FASCIA_REGION_BUTTON (button)));
      muscles++;
    }
  g_assert_cmpuint (muscles, >, 0);
}

/* Whether a pixel (premultiplied BGRA, opaque) is in the orange of an insertion (#e66100,
 * its line #c64600), solid or in stripes over the dark outline: not the muscles' red. */
static gboolean
is_insertion_orange (const guchar *p)
{
  return p[2] > 110 && p[1] > p[0] + 30 && p[2] > p[1] + 50;
}

/* Whether a pixel is the selected outline's near-black (#241f31). */
static gboolean
is_outline_dark (const guchar *p)
{
  return p[0] + p[1] + p[2] < 3 * 0x50;
}

/* Counts the pixels of a box in view units (grown by @grow on each side) that @test finds. */
static guint
count_in_box (FasciaDiagramView  *view,
              const Picture      *picture,
              const FasciaRegion *box,
              double              grow,
              gboolean          (*test) (const guchar *p))
{
  double wx0, wy0, wx1, wy1;
  guint n = 0;

  fascia_diagram_view_view_to_widget (view, box->x - grow, box->y - grow, &wx0, &wy0);
  fascia_diagram_view_view_to_widget (view, box->x + box->width + grow,
                                      box->y + box->height + grow, &wx1, &wy1);
  for (int y = MAX (0, (int) wy0); y < MIN (picture->height, (int) ceil (wy1)); y++)
    for (int x = MAX (0, (int) wx0); x < MIN (picture->width, (int) ceil (wx1)); x++)
      n += test (picture->pixels + (gsize) y * picture->stride + x * 4);

  return n;
}

/* An attachment along the selected muscle's own edge shows over its outline (issue 12): with
 * pectineus's card open in the front view, its insertion, the pectineal line, runs along the
 * muscle's lower lateral edge under its outline, 5 units wide and near-black, and the card lit
 * nothing of it. The origins and insertions are drawn over the selected outlines: the line is
 * orange all along, and the outline still goes round the rest of the muscle. */
static void
test_attachment_over_outline (RealFixture   *fixture,
                              gconstpointer  data)
{
  static const char * const sides[] = { "l", "r" };
  FasciaMuscle *pectineus = fascia_atlas_lookup_muscle (fixture->atlas, "pectineus");
  Picture picture;

  g_assert_nonnull (pectineus);
  g_assert_cmpuint (fascia_diagram_show_attachments (fixture->diagram, pectineus), ==, 2);
  fascia_diagram_view_styles_changed (fixture->view);
  picture = fitted_picture (fixture, 800, 1000);

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autofree char *line_id = g_strdup_printf ("b-pectineal-line-%s", sides[s]);
      g_autofree char *muscle_id = g_strdup_printf ("m-pectineus-%s", sides[s]);
      const FasciaRegion *line = fascia_diagram_lookup_region (fixture->diagram, line_id);
      const FasciaRegion *muscle = fascia_diagram_lookup_region (fixture->diagram, muscle_id);
      guint orange, dark;

      g_assert_nonnull (line);
      g_assert_nonnull (muscle);
      g_assert_cmpint (fascia_diagram_get_region_style (fixture->diagram, line_id), ==,
                       FASCIA_REGION_STYLE_INSERTION);
      orange = count_in_box (fixture->view, &picture, line, 2, is_insertion_orange);
      dark = count_in_box (fixture->view, &picture, muscle, 0, is_outline_dark);
      g_test_message ("%s: %u pixels of the insertion's orange, %u of the outline in %s's box",
                      line_id, orange, dark, muscle_id);
      g_assert_cmpuint (orange, >=, 30);
      g_assert_cmpuint (dark, >=, 300);
    }

  g_free (picture.pixels);
}

/* A diagram shown again at the same place and size shows what it rendered before: a switch
 * of views back and forth renders nothing (it used to render the whole viewport each time).
 * What was restyled while it was away is rendered again, and a new diagram is rendered once,
 * after its styles are set, not before and again after. */
static void
test_switch_back_renders_nothing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FasciaDiagram) other = load_test_diagram (fixture->atlas);
  guint full, patches;
  Picture before, after;
  double width, height;
  int darkest;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  fascia_diagram_view_get_render_count (fixture->view, &full, &patches);
  before = take_picture (GTK_WIDGET (fixture->view));

  /* A first show, styled by the caller right after: one render. */
  fascia_diagram_view_set_diagram (fixture->view, other);
  fascia_diagram_set_layer_visible (other, "layer-bones", FALSE);
  fascia_diagram_view_styles_changed (fixture->view);
  g_assert_false (fascia_diagram_view_is_up_to_date (fixture->view));
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  fascia_ui_test_wait_idle (100);
  assert_renders (fixture, full + 1, patches);

  /* Back: nothing rendered, up to date at once, the same pixels. */
  fascia_diagram_view_set_diagram (fixture->view, fixture->diagram);
  fascia_ui_test_wait_idle (100);
  g_assert_true (fascia_diagram_view_is_up_to_date (fixture->view));
  assert_renders (fixture, full + 1, patches);
  after = take_picture (GTK_WIDGET (fixture->view));
  fascia_diagram_get_size (fixture->diagram, &width, &height);
  g_assert_cmpint (max_difference (fixture->view, &before, &after, 0, 0, width, height, &darkest),
                   ==, 0);

  /* And again to the other one, restyled while away: rendered again. */
  fascia_diagram_set_layer_visible (other, "layer-bones", TRUE);
  fascia_diagram_view_set_diagram (fixture->view, other);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  fascia_ui_test_wait_idle (100);
  assert_renders (fixture, full + 2, patches);

  fascia_diagram_view_set_diagram (fixture->view, fixture->diagram);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  assert_renders (fixture, full + 2, patches);

  g_free (before.pixels);
  g_free (after.pixels);
}

/* The kind of node at the top of what @widget draws. */
static GskRenderNodeType
top_node_type (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_render_node_get_node_type (node);
}

/* GSK repaints only what changed between two frames by comparing their nodes, and cannot
 * compare nodes of two kinds: it repaints all of both. What the view draws is one clip node
 * whatever it shows, so that a highlight or a mark that reaches past the edge (or stops
 * reaching past it) repaints itself, not the whole view. */
static void
test_frame_keeps_its_kind (Fixture       *fixture,
                           gconstpointer  data)
{
  GskRenderNodeType alone, marked;
  double x, y;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, fixture->view, 5000));
  alone = top_node_type (GTK_WIDGET (fixture->view));

  /* A mark in the corner reaches past the edge. */
  fascia_diagram_view_widget_to_view (fixture->view, 1, 1, &x, &y);
  fascia_diagram_view_add_marker (fixture->view, x, y);
  fascia_ui_test_wait_idle (100);
  marked = top_node_type (GTK_WIDGET (fixture->view));

  g_assert_cmpint (alone, ==, marked);
  g_assert_cmpint (marked, ==, GSK_CLIP_NODE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/fascia/ui/diagram-view/click-activates", Fixture, NULL,
              fixture_set_up, test_click_activates, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/hover", Fixture, NULL,
              fixture_set_up, test_hover, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/tooltip-names-hovered", Fixture, NULL,
              fixture_set_up, test_tooltip_names_hovered, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/hover-follows-layout", Fixture, NULL,
              fixture_set_up, test_hover_follows_layout, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/hover-ahead", Fixture, NULL,
              fixture_set_up, test_hover_ahead, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/zoom-about-pointer", Fixture, NULL,
              fixture_set_up, test_zoom_about_pointer, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/point-mode", Fixture, NULL,
              fixture_set_up, test_point_mode, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/styles-and-layers", Fixture, NULL,
              fixture_set_up, test_styles_and_layers, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/styles-render-nothing", Fixture, NULL,
              fixture_set_up, test_styles_render_nothing, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/pain-and-finding-both-shown", Fixture, NULL,
              fixture_set_up, test_pain_and_finding_both_shown, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/cairo-nodes", Fixture, NULL,
              fixture_set_up, test_cairo_nodes, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/frame-keeps-its-kind", Fixture, NULL,
              fixture_set_up, test_frame_keeps_its_kind, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/switch-back-renders-nothing", Fixture, NULL,
              fixture_set_up, test_switch_back_renders_nothing, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/window-closed-while-rendering", Fixture, NULL,
              fixture_set_up, test_window_closed_while_rendering, fixture_tear_down);
  g_test_add ("/fascia/ui/diagram-view/drawing-keeps-its-edge", RealFixture, "anterior",
              real_set_up, test_drawing_keeps_its_edge, real_tear_down);
  g_test_add ("/fascia/ui/diagram-view/drawing-edge-is-clean", RealFixture, "lateral",
              real_set_up, test_drawing_edge_is_clean, real_tear_down);
  g_test_add ("/fascia/ui/diagram-view/patch-keeps-labels", RealFixture, "posterior-deep",
              real_set_up, test_patch_keeps_labels, real_tear_down);
  g_test_add ("/fascia/ui/diagram-view/left-out-labels-keep-names", RealFixture, "pelvis-medial",
              real_set_up, test_left_out_labels_keep_names, real_tear_down);
  g_test_add ("/fascia/ui/diagram-view/attachment-over-outline", RealFixture, "anterior",
              real_set_up, test_attachment_over_outline, real_tear_down);

  return g_test_run ();
}
