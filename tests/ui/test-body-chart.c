/* test-body-chart.c — a visit's body chart, clicked with real pointer events under Xvfb: what
 * a mark repaints beside the chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "fascia/fascia-store.h"
#include "fascia-diagram-view.h"
#include "fascia-ui-utils.h"
#include "fascia-visit-editor.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

typedef struct
{
  char              *dir;
  FasciaStore       *store;
  FasciaClient      *client;
  FasciaVisit       *visit;
  GtkWidget         *window;
  FasciaVisitEditor *editor;
  FasciaDiagramView *view;

  /* The count of marks awaited, and the frames painted since they were */
  guint              n_marks_awaited;
  guint              frames_after_mark;
} Fixture;

static gboolean
up_to_date (gpointer user_data)
{
  FasciaDiagramView *view = user_data;

  return fascia_diagram_view_get_diagram (view) != NULL
         && fascia_diagram_view_is_up_to_date (view);
}

static guint
n_marks (Fixture *fixture)
{
  return g_list_model_get_n_items (fascia_visit_editor_get_marks (fixture->editor));
}

static void
after_paint_cb (GdkFrameClock *clock,
                Fixture       *fixture)
{
  if (fixture->n_marks_awaited > 0 && n_marks (fixture) >= fixture->n_marks_awaited
      && up_to_date (fixture->view))
    fixture->frames_after_mark++;
}

static gboolean
mark_painted (gpointer user_data)
{
  return ((Fixture *) user_data)->frames_after_mark > 0;
}

/* The width of the window the editor is shown in: the whole of a 1280x800 screen, or what
 * the client view leaves it at 1024x640 for the tests that set it. */
static int window_width = 1280;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;

  fixture->dir = fascia_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "clinic.db", NULL);
  fixture->store = fascia_store_open (path, &error);
  g_assert_no_error (error);
  fixture->client = fascia_client_new ();
  fascia_client_set_name (fixture->client, "Alex Example");
  g_assert_true (fascia_store_add_client (fixture->store, fixture->client, &error));
  g_assert_no_error (error);
  fixture->visit = fascia_visit_new ();
  fascia_visit_set_client_id (fixture->visit, fascia_client_get_id (fixture->client));
  fascia_visit_set_visited_at (fixture->visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, fixture->visit, &error));
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), window_width, 800);
  gtk_window_set_decorated (GTK_WINDOW (fixture->window), FALSE);
  fixture->editor = g_object_new (FASCIA_TYPE_VISIT_EDITOR, NULL);
  fascia_visit_editor_set_store (fixture->editor, fixture->store);
  fascia_visit_editor_set_client (fixture->editor, fixture->client);
  fascia_visit_editor_set_visit (fixture->editor, fixture->visit);
  fixture->view = fascia_visit_editor_get_diagram_view (fixture->editor);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->editor));
  gtk_window_present (GTK_WINDOW (fixture->window));
  fascia_ui_test_wait_idle (300);
  g_assert_true (fascia_test_wait_for (up_to_date, fixture->view, 10000));
  g_signal_connect (gtk_widget_get_frame_clock (fixture->window), "after-paint",
                    G_CALLBACK (after_paint_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (fixture->window),
                                        after_paint_cb, fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fascia_ui_test_wait_idle (200);
  g_clear_object (&fixture->visit);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->store);
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* Points of the chart, in widget pixels, on muscles that are theirs for 4 pixels all around
 * (a click lands on a whole pixel), each muscle once. */
static GArray *
muscle_points (Fixture *fixture,
               guint    wanted)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (fixture->view);
  int w = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int h = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  GArray *points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));

  for (guint i = 0; i < fascia_diagram_get_n_regions (diagram) && points->len < wanted; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);
      gboolean solid = TRUE;
      double px, py;

      if (region->kind != FASCIA_REGION_MUSCLE)
        continue;
      fascia_diagram_view_view_to_widget (fixture->view, region->x + region->width / 2,
                                          region->y + region->height / 2, &px, &py);
      px = floor (px);
      py = floor (py);
      if (px < 8 || py < 8 || px >= w - 8 || py >= h - 8)
        continue;
      for (int d = 0; d < 9 && solid; d++)
        {
          double vx, vy;

          fascia_diagram_view_widget_to_view (fixture->view, px + 4 * (d % 3 - 1),
                                              py + 4 * (d / 3 - 1), &vx, &vy);
          solid = fascia_diagram_hit_test (diagram, vx, vy) == region;
        }
      if (solid)
        g_array_append_val (points, GRAPHENE_POINT_INIT (px, py));
    }
  g_assert_cmpuint (points->len, ==, wanted);
  return points;
}

/* A point of the chart on a bone or ligament, its own for 2 pixels all around. */
static const FasciaRegion *
landmark_point (Fixture          *fixture,
                graphene_point_t *point)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (fixture->view);
  int w = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int h = gtk_widget_get_height (GTK_WIDGET (fixture->view));

  for (int y = 8; y < h - 8; y += 3)
    for (int x = 8; x < w - 8; x += 3)
      {
        const FasciaRegion *region = NULL;
        gboolean solid = TRUE;

        for (int d = 0; d < 9 && solid; d++)
          {
            const FasciaRegion *hit;
            double vx, vy;

            fascia_diagram_view_widget_to_view (fixture->view, x + 2 * (d % 3 - 1),
                                                y + 2 * (d / 3 - 1), &vx, &vy);
            hit = fascia_diagram_hit_test (diagram, vx, vy);
            if (region == NULL)
              region = hit;
            solid = hit != NULL && hit == region && hit->kind == FASCIA_REGION_LANDMARK;
          }
        if (solid)
          {
            *point = GRAPHENE_POINT_INIT (x, y);
            return region;
          }
      }
  g_assert_not_reached ();
}

/* Clicks @point of the chart and waits for the frame that shows the mark it adds. */
static void
mark (Fixture                *fixture,
      const graphene_point_t *point)
{
  fixture->n_marks_awaited = n_marks (fixture) + 1;
  fixture->frames_after_mark = 0;
  fascia_ui_test_click (GTK_WIDGET (fixture->view), point->x, point->y);
  g_assert_true (fascia_test_wait_for (mark_painted, fixture, 10000));
  fixture->n_marks_awaited = 0;
}

static GtkWidget *
template_child (gpointer    widget,
                const char *name)
{
  return fascia_ui_test_child (widget, FASCIA_TYPE_VISIT_EDITOR, name);
}

/* After the frame that shows a mark, the form column beside the chart is left alone: only the
 * list of marks may still change (its rows' arrows turn). Each mark opened its row and folded
 * the one before it, sliding (AdwExpanderRow's revealer), and for a quarter of a second every
 * frame laid out the form again and repainted it, from the list of marks down to the notes. */
static void
test_mark_repaints_little (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GArray) points = muscle_points (fixture, 3);
  GtkWidget *list = template_child (fixture->editor, "mark_list");
  GtkWidget *form = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  FasciaUiTestDamage *damage;
  cairo_region_t *drawn, *in_form;
  cairo_rectangle_int_t form_bounds, list_bounds;

  g_assert_nonnull (form);

  /* The first mark: its row opens; the second folds it. */
  mark (fixture, &g_array_index (points, graphene_point_t, 0));
  fascia_ui_test_wait_idle (500);
  g_assert_true (fascia_test_wait_for (up_to_date, fixture->view, 5000));

  /* The pointer is there before the listening starts: its hover outline is not the mark's. */
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view),
                               g_array_index (points, graphene_point_t, 1).x,
                               g_array_index (points, graphene_point_t, 1).y);
  fascia_ui_test_wait_idle (300);
  damage = fascia_ui_test_damage_new (fixture->window);

  mark (fixture, &g_array_index (points, graphene_point_t, 1));
  g_assert_cmpuint (n_marks (fixture), ==, 2);
  /* The frame that shows the mark (and the row opened) repaints what it must. */
  cairo_region_destroy (fascia_ui_test_damage_take (damage));

  fascia_ui_test_wait_idle (500);
  drawn = fascia_ui_test_damage_take (damage);
  fascia_ui_test_damage_free (damage);

  fascia_ui_test_widget_bounds (form, &form_bounds);
  fascia_ui_test_widget_bounds (list, &list_bounds);
  in_form = cairo_region_copy (drawn);
  cairo_region_intersect_rectangle (in_form, &form_bounds);
  if (g_test_verbose ())
    {
      cairo_rectangle_int_t extents;

      cairo_region_get_extents (in_form, &extents);
      g_printerr ("after the mark's frame, repainted in the form %dx%d+%d+%d in %d rectangles; "
                  "the list of marks %dx%d+%d+%d\n", extents.width, extents.height, extents.x, extents.y,
                  cairo_region_num_rectangles (in_form),
                  list_bounds.width, list_bounds.height, list_bounds.x, list_bounds.y);
    }

  /* Nothing of the form beside or below the list of marks. */
  cairo_region_subtract_rectangle (in_form, &list_bounds);
  g_assert_true (cairo_region_is_empty (in_form));

  cairo_region_destroy (in_form);
  cairo_region_destroy (drawn);
}

/* The revealer that holds an expander row's rows. */
static GtkWidget *
find_revealer (GtkWidget *widget)
{
  return fascia_ui_test_find_type (widget, GTK_TYPE_REVEALER);
}

/* A folded mark's row takes the room of its title only: its intensity, kind and note are not
 * shown, and leave no blank below it (they did when its rows were folded with no transition,
 * which GtkRevealer measures at their full height). */
static void
test_folded_mark_takes_no_room (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GArray) points = muscle_points (fixture, 2);
  GtkListBox *list = GTK_LIST_BOX (template_child (fixture->editor, "mark_list"));
  GtkWidget *folded, *open, *folded_rows, *open_rows;

  mark (fixture, &g_array_index (points, graphene_point_t, 0));
  mark (fixture, &g_array_index (points, graphene_point_t, 1));
  fascia_ui_test_wait_idle (500);
  g_assert_cmpuint (n_marks (fixture), ==, 2);

  folded = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  open = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (folded)));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (open)));
  folded_rows = find_revealer (folded);
  open_rows = find_revealer (open);
  g_assert_nonnull (folded_rows);
  g_assert_nonnull (open_rows);

  /* The open mark shows its rows; the folded one gives them no room at all. */
  g_assert_cmpint (gtk_widget_get_height (open_rows), >, 100);
  g_assert_cmpint (gtk_widget_get_height (folded_rows), ==, 0);
  g_assert_cmpint (gtk_widget_get_height (folded), <,
                   gtk_widget_get_height (open) - gtk_widget_get_height (open_rows) + 2);
}

/* A mark on a bone or ligament is named for it, as one on a muscle is: a click on the
 * sacrotuberous ligament listed the mark as "b-sacrotuberous-ligament-l", the drawing's id. */
static void
test_marks_named (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkListBox *list = GTK_LIST_BOX (template_child (fixture->editor, "mark_list"));
  graphene_point_t point;
  const FasciaRegion *region = landmark_point (fixture, &point);
  const char *title;

  mark (fixture, &point);
  fascia_ui_test_wait_idle (300);
  g_assert_cmpuint (n_marks (fixture), ==, 1);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list,
                                                                                             0)));
  g_test_message ("a mark on %s is listed as “%s”", region->id, title);
  g_assert_cmpstr (title, !=, region->id);
  g_assert_null (strstr (title, region->atlas_id));
  /* Its name, and the side, as a muscle's mark says it. */
  if (region->side == FASCIA_SIDE_LEFT)
    g_assert_true (g_str_has_suffix (title, ", left side"));
  else if (region->side == FASCIA_SIDE_RIGHT)
    g_assert_true (g_str_has_suffix (title, ", right side"));
}

/* A click on a muscle's label on the chart marks that muscle, as a click on the muscle does:
 * it added a "point on the body" where the label lies, beside the body. */
static void
test_label_marks_muscle (Fixture       *fixture,
                         gconstpointer  data)
{
  const FasciaRegion *named;
  graphene_point_t point = { 0 };
  FasciaPainMark *mark_made;
  double wx = 0, wy = 0;

  named = fascia_ui_test_find_muscle_label (fixture->view, &wx, &wy);
  point = GRAPHENE_POINT_INIT (wx, wy);
  g_assert_nonnull (named);

  mark (fixture, &point);
  fascia_ui_test_wait_idle (300);
  g_assert_cmpuint (n_marks (fixture), ==, 1);
  mark_made = g_list_model_get_item (fascia_visit_editor_get_marks (fixture->editor), 0);
  g_assert_cmpstr (fascia_pain_mark_get_region_id (mark_made), ==, named->id);
  g_object_unref (mark_made);
}

/* A point of the chart on no region and no label, inside the drawing, the same for 3 pixels
 * all around: a click there marks a point on the body. */
static void
point_off_regions (Fixture          *fixture,
                   graphene_point_t *point)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (fixture->view);
  int w = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int h = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  double width, height;

  fascia_diagram_get_size (diagram, &width, &height);
  for (int y = 8; y < h - 8; y += 3)
    for (int x = 8; x < w - 8; x += 3)
      {
        gboolean clear = TRUE;

        for (int d = 0; d < 49 && clear; d++)
          {
            gboolean on_label;
            double vx, vy;

            fascia_diagram_view_widget_to_view (fixture->view, x + d % 7 - 3, y + d / 7 - 3,
                                                &vx, &vy);
            clear = vx >= 0 && vy >= 0 && vx <= width && vy <= height
                    && fascia_diagram_hit_test (diagram, vx, vy) == NULL
                    && fascia_ui_labelled_region_at (diagram, vx, vy, &on_label) == NULL
                    && !on_label;
          }
        if (clear)
          {
            *point = GRAPHENE_POINT_INIT (x, y);
            return;
          }
      }
  g_assert_not_reached ();
}

typedef struct
{
  graphene_point_t point;
  guint            busy_ms;
  guint            clicks;    /* taken as clicks (::point-activated) */
  guint            releases;  /* of the button, handled */
} DoubleClick;

static gboolean
release_cb (GtkEventControllerLegacy *legacy,
            GdkEvent                 *event,
            DoubleClick              *double_click)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    double_click->releases++;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
second_released (gpointer user_data)
{
  return ((DoubleClick *) user_data)->releases >= 2;
}

/* The first click of a double click is being handled: the second comes, a pixel beside it (a
 * hand on a mouse moves it a little), while the main loop is busy for @busy_ms more, as it
 * may be drawing the frame that shows the new mark on a slow or loaded machine. */
static void
first_click_cb (FasciaDiagramView *view,
                double             x,
                double             y,
                DoubleClick       *double_click)
{
  if (double_click->clicks++ > 0)
    return;

  fascia_ui_test_click_now (GTK_WIDGET (view), double_click->point.x + 1,
                            double_click->point.y);
  if (double_click->busy_ms > 0)
    g_usleep (double_click->busy_ms * 1000);
}

/* A double click on the body chart makes one mark, however long the frame after the first
 * click takes. GTK counts a double click by a timer of the main loop: a main loop busy past
 * the double-click time took the second click for a click of its own, and a second mark was
 * stored on the first. */
static void
test_double_click_one_mark (Fixture       *fixture,
                            gconstpointer  data)
{
  gboolean busy = GPOINTER_TO_INT (data);
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (fixture->view));
  DoubleClick double_click = { 0 };
  GtkEventController *legacy = gtk_event_controller_legacy_new ();
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;
  int double_click_time;

  /* Long enough that the two clicks come within it on a loaded machine too. */
  g_object_get (settings, "gtk-double-click-time", &double_click_time, NULL);
  g_object_set (settings, "gtk-double-click-time", 1000, NULL);
  double_click.busy_ms = busy ? 1300 : 0;
  point_off_regions (fixture, &double_click.point);
  g_signal_connect_after (fixture->view, "point-activated", G_CALLBACK (first_click_cb),
                          &double_click);
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (release_cb), &double_click);
  gtk_widget_add_controller (GTK_WIDGET (fixture->view), legacy);

  mark (fixture, &double_click.point);
  g_assert_true (fascia_test_wait_for (second_released, &double_click, 10000));
  fascia_ui_test_wait_idle (300);
  gtk_widget_remove_controller (GTK_WIDGET (fixture->view), legacy);
  g_signal_handlers_disconnect_by_func (fixture->view, first_click_cb, &double_click);
  g_object_set (settings, "gtk-double-click-time", double_click_time, NULL);

  g_test_message ("a double click%s was taken for %u click%s",
                  busy ? " on a busy main loop" : "", double_click.clicks,
                  double_click.clicks == 1 ? "" : "s");
  g_assert_cmpuint (double_click.clicks, ==, 1);

  g_assert_cmpuint (n_marks (fixture), ==, 1);
  stored = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (fixture->visit),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
}

/* The header's button back to the visits, which holds the keyboard focus as a visit opens. */
static GtkWidget *
find_close_button (GtkWidget *widget)
{
  return fascia_ui_test_find_action_button (widget, "visit.close");
}

static void
closed_cb (FasciaVisitEditor *editor,
           guint             *n_closed)
{
  (*n_closed)++;
}

typedef enum
{
  CLICK_MUSCLE,
  CLICK_LABEL,
  CLICK_POINT,
} ClickOn;

/* A click on the body chart takes the keyboard focus to what it marked, as a click on a
 * button takes it to the button: the region clicked, the one a label names, or the new
 * mark's row for a point of the body, which the keyboard cannot reach on the drawing. The
 * focus stayed on the header's back button after a click on a label or a point, and Space,
 * pressed to go on with the chart, closed the visit. Space after the click adds no mark:
 * on a region it opens the region's mark (one mark per region), on a mark's row it folds
 * the row. */
static void
test_click_takes_focus (Fixture       *fixture,
                        gconstpointer  data)
{
  ClickOn on = GPOINTER_TO_INT (data);
  GtkWidget *back = find_close_button (GTK_WIDGET (fixture->editor));
  GtkListBox *list = GTK_LIST_BOX (template_child (fixture->editor, "mark_list"));
  g_autoptr(FasciaPainMark) made = NULL;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;
  const FasciaRegion *region = NULL;
  graphene_point_t point = { 0 };
  GtkWidget *focus, *row;
  guint n_closed = 0;

  g_assert_nonnull (back);
  g_assert_true (gtk_widget_grab_focus (back));
  g_signal_connect (fixture->editor, "closed", G_CALLBACK (closed_cb), &n_closed);

  switch (on)
    {
    case CLICK_MUSCLE:
      {
        g_autoptr(GArray) points = muscle_points (fixture, 1);
        double vx, vy;

        point = g_array_index (points, graphene_point_t, 0);
        fascia_diagram_view_widget_to_view (fixture->view, point.x, point.y, &vx, &vy);
        region = fascia_diagram_hit_test (fascia_diagram_view_get_diagram (fixture->view), vx, vy);
      }
      break;
    case CLICK_LABEL:
      {
        double wx = 0, wy = 0;

        region = fascia_ui_test_find_muscle_label (fixture->view, &wx, &wy);
        g_assert_nonnull (region);
        point = GRAPHENE_POINT_INIT (wx, wy);
      }
      break;
    case CLICK_POINT:
      point_off_regions (fixture, &point);
      break;
    default:
      g_assert_not_reached ();
    }

  mark (fixture, &point);
  fascia_ui_test_wait_idle (300);
  g_assert_cmpuint (n_marks (fixture), ==, 1);
  made = g_list_model_get_item (fascia_visit_editor_get_marks (fixture->editor), 0);
  /* A point's mark has no region. */
  g_assert_cmpstr (fascia_pain_mark_get_region_id (made) ?: "", ==,
                   region != NULL ? region->id : "");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_test_message ("after the click the focus is on a %s",
                  focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  if (region != NULL)
    g_assert_true (focus == fascia_diagram_view_get_region_widget (fixture->view, region->id));
  else
    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, row));

  fascia_ui_test_keys (GTK_WIDGET (fixture->view), "space");
  fascia_ui_test_wait_idle (300);
  g_assert_cmpuint (n_closed, ==, 0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus);
  g_assert_cmpuint (n_marks (fixture), ==, 1);
  stored = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (fixture->visit),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
  /* The region's mark stays open; the row's own key folds it. */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)) == (region != NULL));

  g_signal_handlers_disconnect_by_func (fixture->editor, closed_cb, &n_closed);
}

typedef struct
{
  FasciaDiagramView *view;
  int                width;   /* before */
} Resize;

static gboolean
resized (gpointer user_data)
{
  Resize *resize = user_data;

  return gtk_widget_get_width (GTK_WIDGET (resize->view)) != resize->width
         && up_to_date (resize->view);
}

static void
clicked_at_cb (FasciaDiagramView *view,
               double             x,
               double             y,
               graphene_point_t  *clicked)
{
  *clicked = GRAPHENE_POINT_INIT (x, y);
}

/* A press on a muscle of the body chart, the window made smaller before the button goes up:
 * the click is on the muscle pressed, which the drawing, laid out again in the smaller
 * window, no longer shows under the pointer. The mark was made on whatever the release fell
 * on, another muscle. */
static void
test_press_then_resize (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GArray) points = muscle_points (fixture, 1);
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (fixture->view);
  g_autoptr(FasciaPainMark) made = NULL;
  graphene_point_t point = g_array_index (points, graphene_point_t, 0);
  graphene_point_t clicked = { -1, -1 }, in_window;
  const FasciaRegion *pressed, *under;
  double vx, vy, after_x, after_y;
  Resize resize = { fixture->view, 0 };

  fascia_diagram_view_widget_to_view (fixture->view, point.x, point.y, &vx, &vy);
  pressed = fascia_diagram_hit_test (diagram, vx, vy);
  g_signal_connect (fixture->view, "point-activated", G_CALLBACK (clicked_at_cb), &clicked);

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture->view), fixture->window, &point,
                                           &in_window));
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view), point.x, point.y);
  fascia_ui_test_wait_idle (200);
  fascia_ui_test_button_down (GTK_WIDGET (fixture->view), point.x, point.y);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_click_pressed_on, fixture->view, 5000));

  resize.width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 640);
  g_assert_true (fascia_test_wait_for (resized, &resize, 5000));
  /* The pointer has stayed where it was in the window; the chart may have moved in it. */
  g_assert_true (gtk_widget_compute_point (fixture->window, GTK_WIDGET (fixture->view), &in_window,
                                           &point));
  fascia_diagram_view_widget_to_view (fixture->view, point.x, point.y, &after_x, &after_y);
  under = fascia_diagram_hit_test (diagram, after_x, after_y);
  g_test_message ("pressed at %.0f, %.0f of the drawing, on %s; %.0f, %.0f under the pointer "
                  "after, on %s", vx, vy, pressed->id, after_x, after_y,
                  under != NULL ? under->id : "nothing");
  g_assert_true (under != pressed);

  fixture->n_marks_awaited = 1;
  fixture->frames_after_mark = 0;
  fascia_ui_test_button_up_now (GTK_WIDGET (fixture->view));
  g_assert_true (fascia_test_wait_for (mark_painted, fixture, 10000));
  g_test_message ("clicked at %.0f, %.0f of the drawing", clicked.x, clicked.y);
  g_signal_handlers_disconnect_by_func (fixture->view, clicked_at_cb, &clicked);

  g_assert_cmpuint (n_marks (fixture), ==, 1);
  made = g_list_model_get_item (fascia_visit_editor_get_marks (fixture->editor), 0);
  g_assert_cmpstr (fascia_pain_mark_get_region_id (made), ==, pressed->id);
}

/* A point of a muscle in the right third of the chart, its own for 4 pixels all around. */
static const FasciaRegion *
muscle_point_at_right (Fixture          *fixture,
                       graphene_point_t *point)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (fixture->view);
  int w = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int h = gtk_widget_get_height (GTK_WIDGET (fixture->view));

  for (int x = w - 12; x > w * 2 / 3; x -= 4)
    for (int y = h / 4; y < h * 3 / 4; y += 4)
      {
        const FasciaRegion *region = NULL;
        gboolean solid = TRUE;

        for (int d = 0; d < 9 && solid; d++)
          {
            const FasciaRegion *hit;
            double vx, vy;

            fascia_diagram_view_widget_to_view (fixture->view, x + 4 * (d % 3 - 1),
                                                y + 4 * (d / 3 - 1), &vx, &vy);
            hit = fascia_diagram_hit_test (diagram, vx, vy);
            if (region == NULL)
              region = hit;
            solid = hit != NULL && hit == region && hit->kind == FASCIA_REGION_MUSCLE;
          }
        if (solid)
          {
            *point = GRAPHENE_POINT_INIT (x, y);
            return region;
          }
      }
  g_assert_not_reached ();
}

/* The same with the drawing zoomed in: the smaller window shows less of it, and the muscle
 * pressed near the chart's right edge is no longer in sight when the button goes up. The
 * click is dropped: what it would mark is not shown. */
static void
test_press_then_resize_out_of_sight (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  graphene_point_t point, clicked = { -1, -1 };
  Resize resize = { fixture->view, 0 };
  const FasciaRegion *pressed;

  fascia_diagram_view_zoom_at (fixture->view, 2.0, gtk_widget_get_width (view) / 2.0,
                               gtk_widget_get_height (view) / 2.0);
  g_assert_true (fascia_test_wait_for (up_to_date, fixture->view, 5000));
  pressed = muscle_point_at_right (fixture, &point);
  g_signal_connect (fixture->view, "point-activated", G_CALLBACK (clicked_at_cb), &clicked);

  fascia_ui_test_pointer_move (view, point.x, point.y);
  fascia_ui_test_wait_idle (200);
  fascia_ui_test_button_down (view, point.x, point.y);
  g_assert_true (fascia_test_wait_for (fascia_ui_test_click_pressed_on, view, 5000));

  resize.width = gtk_widget_get_width (view);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 640);
  g_assert_true (fascia_test_wait_for (resized, &resize, 5000));
  g_test_message ("pressed %s at %.0f of a chart %d wide, now %d", pressed->id, point.x,
                  resize.width, gtk_widget_get_width (view));

  fascia_ui_test_button_up_now (view);
  fascia_ui_test_wait_idle (500);
  g_signal_handlers_disconnect_by_func (fixture->view, clicked_at_cb, &clicked);
  g_test_message ("clicked at %.0f, %.0f of the drawing", clicked.x, clicked.y);
  g_assert_cmpfloat (clicked.x, ==, -1);
  g_assert_cmpuint (n_marks (fixture), ==, 0);
}

static void
fixture_set_up_narrow (Fixture       *fixture,
                       gconstpointer  data)
{
  window_width = 698;
  fixture_set_up (fixture, data);
  window_width = 1280;
}

/* At 1024x640 the form beside the body chart starts at its narrowest, and a mark's row, with
 * its pain scale inset in the row, asked 28 px more than the pain scales above it: the first
 * click on the drawing pushed the divider 28 px into the chart, and the zoom buttons and the
 * muscles under the pointer moved with it. A mark's row, open, and a point's, with its row
 * for the arrow keys, fit in the form as it is. */
static void
test_mark_keeps_divider (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkPaned *paned = GTK_PANED (fascia_ui_test_find_type (GTK_WIDGET (fixture->editor),
                                                         GTK_TYPE_PANED));
  GtkWidget *form = gtk_paned_get_end_child (paned);
  int position = gtk_paned_get_position (paned);
  int form_width = gtk_widget_get_width (form);
  int min = 0;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (paned)), <=, 700);
  g_test_message ("divider at %d, form %d px", position, form_width);

  g_assert_true (fascia_visit_editor_mark_region (fixture->editor, "m-gluteus-maximus-l"));
  fascia_ui_test_wait_idle (300);
  gtk_widget_measure (form, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("a muscle marked: the form asks %d px", min);
  g_assert_cmpint (min, <=, form_width);
  g_assert_cmpint (gtk_paned_get_position (paned), ==, position);

  g_assert_true (fascia_visit_editor_mark_point (fixture->editor, 300, 500));
  fascia_ui_test_wait_idle (300);
  gtk_widget_measure (form, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("a point marked: the form asks %d px", min);
  g_assert_cmpint (min, <=, form_width);
  g_assert_cmpint (gtk_paned_get_position (paned), ==, position);
}

static gboolean
zoom_changed (gpointer user_data)
{
  Fixture *fixture = user_data;
  double *before = g_object_get_data (G_OBJECT (fixture->view), "test-zoom-before");

  return fascia_diagram_view_get_zoom (fixture->view) != *before;
}

static gboolean
shown (gpointer widget)
{
  return gtk_widget_is_drawable (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
hidden (gpointer widget)
{
  return !gtk_widget_is_drawable (widget);
}

/* Clicks @tooltip's button over the chart's corner, once the pointer moving over the chart
 * has brought it, and waits for the zoom to change. */
static double
click_zoom_button (Fixture    *fixture,
                   const char *tooltip)
{
  GtkWidget *button = fascia_ui_test_find_tooltip_button (GTK_WIDGET (fixture->editor),
                                                          tooltip);
  double before = fascia_diagram_view_get_zoom (fixture->view);

  g_assert_nonnull (button);
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view),
                               gtk_widget_get_width (GTK_WIDGET (fixture->view)) / 2.0, 40);
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->view),
                               gtk_widget_get_width (GTK_WIDGET (fixture->view)) / 2.0, 50);
  g_assert_true (fascia_test_wait_for (shown, button, 5000));
  g_assert_true (gtk_widget_is_ancestor (button, gtk_widget_get_parent (GTK_WIDGET (fixture->view))));
  /* The keys on the drawing do the same: no Tab stop of their own. */
  g_assert_false (gtk_widget_get_focusable (button));
  g_object_set_data (G_OBJECT (fixture->view), "test-zoom-before", &before);
  fascia_ui_test_click (button, gtk_widget_get_width (button) / 2.0,
                        gtk_widget_get_height (button) / 2.0);
  g_assert_true (fascia_test_wait_for (zoom_changed, fixture, 5000));
  g_object_set_data (G_OBJECT (fixture->view), "test-zoom-before", NULL);
  return fascia_diagram_view_get_zoom (fixture->view);
}

/* The body chart is small beside its form, and had no zoom a user could see: buttons over
 * its corner, shown while the pointer moves over the chart, zoom in, out, and back to the
 * whole figure, clicked with the pointer. */
static void
test_zoom_buttons (Fixture       *fixture,
                   gconstpointer  data)
{
  double fitted = fascia_diagram_view_get_zoom (fixture->view);
  GtkWidget *zoom_in = fascia_ui_test_find_tooltip_button (GTK_WIDGET (fixture->editor),
                                                           "Zoom In (+)");
  double once, twice;

  /* Away from the chart, they fade: they do not cover its corner for nothing. */
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->editor),
                               gtk_widget_get_width (GTK_WIDGET (fixture->editor)) - 20, 20);
  g_assert_true (fascia_test_wait_for (hidden, zoom_in, 5000));

  once = click_zoom_button (fixture, "Zoom In (+)");
  g_assert_cmpfloat (once, >, fitted * 1.1);
  twice = click_zoom_button (fixture, "Zoom In (+)");
  g_assert_cmpfloat (twice, >, once * 1.1);
  g_assert_cmpfloat_with_epsilon (click_zoom_button (fixture, "Zoom Out (−)"), once, once * 0.01);
  g_assert_cmpfloat_with_epsilon (click_zoom_button (fixture, "Fit to Pane (0)"), fitted, fitted * 0.01);

  /* Shown, they fade again once the pointer has gone. */
  g_assert_true (shown (zoom_in));
  fascia_ui_test_pointer_move (GTK_WIDGET (fixture->editor),
                               gtk_widget_get_width (GTK_WIDGET (fixture->editor)) - 20, 20);
  g_assert_true (fascia_test_wait_for (hidden, zoom_in, 5000));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The application's stylesheet, as the window has it (AdwApplication loads it). */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/fascia/ui/body-chart/mark-repaints-little", Fixture, NULL,
              fixture_set_up, test_mark_repaints_little, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/marks-named", Fixture, NULL,
              fixture_set_up, test_marks_named, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/label-marks-muscle", Fixture, NULL,
              fixture_set_up, test_label_marks_muscle, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/folded-mark-takes-no-room", Fixture, NULL,
              fixture_set_up, test_folded_mark_takes_no_room, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/double-click-one-mark", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_double_click_one_mark, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/double-click-one-mark-busy", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_double_click_one_mark, fixture_tear_down);

  g_test_add ("/fascia/ui/body-chart/click-takes-focus/muscle", Fixture,
              GINT_TO_POINTER (CLICK_MUSCLE), fixture_set_up, test_click_takes_focus,
              fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/click-takes-focus/label", Fixture,
              GINT_TO_POINTER (CLICK_LABEL), fixture_set_up, test_click_takes_focus,
              fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/click-takes-focus/point", Fixture,
              GINT_TO_POINTER (CLICK_POINT), fixture_set_up, test_click_takes_focus,
              fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/zoom-buttons", Fixture, NULL,
              fixture_set_up, test_zoom_buttons, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/mark-keeps-divider", Fixture, NULL,
              fixture_set_up_narrow, test_mark_keeps_divider, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/press-then-resize", Fixture, NULL,
              fixture_set_up, test_press_then_resize, fixture_tear_down);
  g_test_add ("/fascia/ui/body-chart/press-then-resize-out-of-sight", Fixture, NULL,
              fixture_set_up, test_press_then_resize_out_of_sight, fixture_tear_down);

  return g_test_run ();
}
