/* test-progress-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-date.h"
#include "fascia-progress-chart.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

typedef struct
{
  const char *name;
  int         scores[12];  /* before, after pairs; -2 ends */
  const char *summary;
} SummaryCase;

static const SummaryCase summary_cases[] = {
  { "none", { -2 }, "No visits yet" },
  { "one", { 6, 2, -2 }, "Pain 6 before and 2 after the first visit" },
  { "down", { 7, 4, 6, 4, 5, 3, 4, 2, 3, 2, 3, 1 }, "Pain down from 7 to 3 in 6 visits" },
  { "up", { 3, 2, 5, 4, -2 }, "Pain up from 3 to 5 in 2 visits" },
  { "same", { 4, 2, 4, 2, -2 }, "Pain unchanged at 4 in 2 visits" },
  { "no-before", { -1, 5, -1, 2, -2 }, "Pain down from 5 to 2 in 2 visits" },
  { "no-scores", { -1, -1, -2 }, "No pain scores in 1 visit" },
};

static void
test_summary (gconstpointer data)
{
  const SummaryCase *c = data;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (FasciaProgressPoint));
  GtkWidget *chart = g_object_ref_sink (fascia_progress_chart_new ());

  for (guint i = 0; i + 1 < G_N_ELEMENTS (c->scores) && c->scores[i] != -2; i += 2)
    {
      FasciaProgressPoint p = { .date = 1700000000 + i * 86400,
                                .pain_before = c->scores[i], .pain_after = c->scores[i + 1] };

      g_array_append_val (points, p);
    }

  fascia_progress_chart_set_points (FASCIA_PROGRESS_CHART (chart),
                                    (FasciaProgressPoint *) points->data, points->len);
  g_assert_cmpuint (fascia_progress_chart_get_n_points (FASCIA_PROGRESS_CHART (chart)), ==,
                    points->len);
  g_assert_cmpstr (fascia_progress_chart_get_summary (FASCIA_PROGRESS_CHART (chart)), ==,
                   c->summary);

  g_assert_finalize_object (chart);
}

/* The chart draws in a window: a snapshot with points, the plan start and a resize. */
static void
test_draws (void)
{
  FasciaProgressPoint points[] = {
    { 1700000000, 7, 4 }, { 1700600000, 5, 3 }, { 1701200000, 3, 1 },
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = fascia_progress_chart_new ();

  fascia_progress_chart_set_points (FASCIA_PROGRESS_CHART (chart), points, G_N_ELEMENTS (points));
  fascia_progress_chart_set_plan_start (FASCIA_PROGRESS_CHART (chart), 1700500000);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 260);
  gtk_window_present (GTK_WINDOW (window));
  fascia_test_iterate ();

  g_assert_cmpint (gtk_widget_get_width (chart), >, 0);
  g_assert_cmpint (fascia_progress_chart_get_plan_start (FASCIA_PROGRESS_CHART (chart)), ==,
                   1700500000);

  /* Issue 12, item 13: the x axis shows the visits' dates, not their numbers. */
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *label = fascia_progress_chart_dup_axis_label (FASCIA_PROGRESS_CHART (chart),
                                                                      i);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (points[i].date);
      g_autofree char *day = g_date_time_format (date, "%-d %b");

      g_assert_true (g_str_has_prefix (label, day));
      /* The year once, on the first date. */
      g_assert_cmpint (strstr (label, "2023") != NULL, ==, i == 0);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
}

/* The axis shows dates as every date is shown, and the year on the first date drawn and
 * on each drawn where the year changed since the one drawn before — also when the visit
 * where the year changed has no label of its own (the year was then nowhere). */
static void
test_axis_years (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (FasciaProgressPoint));
  g_autoptr(GDateTime) first = g_date_time_new_local (2025, 12, 3, 10, 0, 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = fascia_progress_chart_new ();
  FasciaProgressChart *self = FASCIA_PROGRESS_CHART (chart);
  int last_year = 0;
  gboolean year_unlabelled = FALSE;

  /* Weekly visits: five in 2025, then 2026. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, 7 * i);
      FasciaProgressPoint p = { g_date_time_to_unix (day), 6, 3 };

      g_array_append_val (points, p);
    }
  fascia_progress_chart_set_points (self, (FasciaProgressPoint *) points->data, points->len);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 260);
  gtk_window_present (GTK_WINDOW (window));
  fascia_test_iterate ();

  for (guint i = 0; i < points->len; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (g_array_index (points,
                                                                                FasciaProgressPoint,
                                                                                i).date);
      g_autofree char *label = fascia_progress_chart_dup_axis_label (self, i);
      g_autofree char *full = fascia_format_date (day);
      g_autofree char *short_form = fascia_format_date_without_year (day);

      if (!fascia_progress_chart_axis_label_drawn (self, i))
        {
          year_unlabelled |= i > 0 && g_date_time_get_year (day) != last_year;
          continue;
        }
      g_test_message ("visit %u: “%s”", i, label);
      if (g_date_time_get_year (day) != last_year)
        g_assert_cmpstr (label, ==, full);
      else
        g_assert_cmpstr (label, ==, short_form);
      last_year = g_date_time_get_year (day);
    }
  /* The new year fell on a visit without a label: that is the case this covers. */
  g_assert_true (year_unlabelled);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
}

/* The x axis is time: a visit sits where its date falls between the first and the last, so
 * three days between two visits take three sevenths of the room of seven days (the visits
 * were spaced evenly, whatever the days between them), and dates close together do not
 * overlap: the first and the last are drawn, the ones between that would touch them are not. */
static void
test_time_axis (void)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (2026, 11, 2, 10, 0, 0);
  static const int days[] = { 0, 3, 10, 11, 12, 40 };
  FasciaProgressPoint points[G_N_ELEMENTS (days)];
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = fascia_progress_chart_new ();
  FasciaProgressChart *self = FASCIA_PROGRESS_CHART (chart);
  double x[G_N_ELEMENTS (days)];

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, days[i]);

      points[i] = (FasciaProgressPoint) { g_date_time_to_unix (day), 6, 3 };
    }
  fascia_progress_chart_set_points (self, points, G_N_ELEMENTS (points));
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 260);
  gtk_window_present (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_assert_cmpint (gtk_widget_get_width (chart), >=, 600);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      x[i] = fascia_progress_chart_get_point_x (self, i);
      g_test_message ("day %d at %.1f px", days[i], x[i]);
    }
  /* In order, inside the chart, and as far apart as their days. */
  g_assert_cmpfloat (x[0], >, 0);
  g_assert_cmpfloat (x[G_N_ELEMENTS (days) - 1], <, gtk_widget_get_width (chart));
  g_assert_cmpfloat_with_epsilon ((x[1] - x[0]) / (x[2] - x[1]), 3.0 / 7.0, 0.01);
  g_assert_cmpfloat_with_epsilon ((x[5] - x[0]) / (x[1] - x[0]), 40.0 / 3.0, 0.05);

  /* Days 10, 11 and 12 are a few pixels apart: one date among them, and the last visit's. */
  g_assert_true (fascia_progress_chart_axis_label_drawn (self, 0));
  g_assert_true (fascia_progress_chart_axis_label_drawn (self, 5));
  g_assert_cmpint (fascia_progress_chart_axis_label_drawn (self, 2)
                   + fascia_progress_chart_axis_label_drawn (self, 3)
                   + fascia_progress_chart_axis_label_drawn (self, 4), ==, 1);
  for (guint i = 0, last = 0; i < G_N_ELEMENTS (days); i++)
    if (fascia_progress_chart_axis_label_drawn (self, i) && i > 0)
      {
        g_assert_cmpfloat (x[i] - x[last], >=, 64);
        last = i;
      }

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
}

/* The tooltip @window shows now, if any: GTK makes it a child of the window. */
static GtkWidget *
shown_tooltip (GtkWidget *window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (window); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_NATIVE (child) && g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkTooltipWindow")
        && gtk_widget_get_visible (child))
      return child;
  return NULL;
}

static gboolean
tooltip_shown_cb (gpointer window)
{
  return shown_tooltip (window) != NULL;
}

/* The chart shown and filled under a pointer that rests there (Ctrl+4 on a client, the
 * section made when shown) puts up no tooltip by itself: its summary was set as the tooltip
 * text, and GTK asks for the tooltip under the pointer whenever that text changes, so the
 * summary popped up half a second later over the chart, with the same words as the title
 * above it. Moved over the chart, the pointer still shows it. */
static void
test_no_tooltip_unasked (void)
{
  FasciaProgressPoint points[] = {
    { 1700000000, 5, 3 }, { 1700600000, 4, 2 }, { 1701200000, 3, 1 },
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *chart = fascia_progress_chart_new ();

  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Details"), "details");
  gtk_stack_add_named (GTK_STACK (stack), chart, "progress");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 260);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);

  /* The pointer rests over the details, which have no tooltip, long enough for GTK to have
   * looked for one there (half a second). */
  fascia_ui_test_pointer_move (stack, 250, 130);
  fascia_ui_test_wait_idle (1000);
  g_assert_null (shown_tooltip (window));

  /* The chart's section shown, then filled, as the client view does; the pointer does not
   * move. Twice the time GTK waits before it shows a tooltip asked for. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "progress");
  fascia_progress_chart_set_points (FASCIA_PROGRESS_CHART (chart), points, G_N_ELEMENTS (points));
  fascia_ui_test_wait_idle (1000);
  g_assert_null (shown_tooltip (window));

  /* Moved over the chart, the pointer shows its summary. */
  fascia_ui_test_pointer_move (stack, 240, 120);
  g_assert_true (fascia_test_wait_for (tooltip_shown_cb, window, 10000));
  g_assert_cmpuint (fascia_ui_test_count_labels (shown_tooltip (window),
                                                 "Pain down from 5 to 3 in 3 visits"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (summary_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/ui/progress-chart/summary/%s",
                                               summary_cases[i].name);

      g_test_add_data_func (path, &summary_cases[i], test_summary);
    }
  g_test_add_func ("/fascia/ui/progress-chart/draws", test_draws);
  g_test_add_func ("/fascia/ui/progress-chart/axis-years", test_axis_years);
  g_test_add_func ("/fascia/ui/progress-chart/time-axis", test_time_axis);
  g_test_add_func ("/fascia/ui/progress-chart/no-tooltip-unasked", test_no_tooltip_unasked);

  return g_test_run ();
}
