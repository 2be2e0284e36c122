/* fascia-progress-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-progress-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fascia/fascia-date.h"
#include "fascia-progress-chart.h"

/*
 * Pain before and after treatment across a client's visits on a time axis: each visit where
 * its date falls between the first and the last, so that a week between two visits is seven
 * times the room of a day, with the plan's start marked. The change is also put into words
 * (the summary), which is the chart's accessible description, so a screen reader hears what
 * the eye sees.
 */

struct _FasciaProgressChart
{
  GtkWidget  parent_instance;

  /* Owned */
  GArray    *points;
  char      *summary;
  gint64     plan_start;
  GArray    *labels_drawn;   /* of gboolean: which visits have their date under the axis */
  double     labels_width;   /* the plot's width they were chosen for; -1 to choose again */
};

enum {
  PROP_0,
  PROP_N_POINTS,
  PROP_PLAN_START,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaProgressChart, fascia_progress_chart, GTK_TYPE_WIDGET)

#define MARGIN_LEFT   36.0
#define MARGIN_RIGHT  16.0
#define MARGIN_TOP    16.0
#define MARGIN_BOTTOM 30.0
#define AXIS_LABEL_WIDTH 64.0  /* room for "14 Nov 2025" */
#define DOT_SIZE       8.0
#define LINE_WIDTH     2.5

static const GdkRGBA before_colour = { 0.878, 0.106, 0.141, 1.0 };  /* libadwaita red 3 */
static const GdkRGBA after_colour = { 0.208, 0.518, 0.894, 1.0 };   /* libadwaita blue 3 */

GtkWidget *
fascia_progress_chart_new (void)
{
  return g_object_new (FASCIA_TYPE_PROGRESS_CHART, NULL);
}

static int
first_score (const FasciaProgressPoint *point)
{
  return point->pain_before >= 0 ? point->pain_before : point->pain_after;
}

static char *
describe (GArray *points)
{
  int first = -1, last = -1;
  guint n = points->len;

  /* Pain as the client arrives shows what lasts between visits, so compare the scores
   * before treatment, falling back to the one after where no "before" was recorded. */
  for (guint i = 0; i < n && first < 0; i++)
    first = first_score (&g_array_index (points, FasciaProgressPoint, i));
  for (guint i = n; i > 0 && last < 0; i--)
    last = first_score (&g_array_index (points, FasciaProgressPoint, i - 1));

  if (n == 0)
    return g_strdup (_("No visits yet"));

  if (first < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No pain scores in %u visit",
                                         "No pain scores in %u visits", n), n);

  if (n == 1)
    {
      const FasciaProgressPoint *p = &g_array_index (points, FasciaProgressPoint, 0);

      if (p->pain_before >= 0 && p->pain_after >= 0)
        return g_strdup_printf (_("Pain %d before and %d after the first visit"),
                                p->pain_before, p->pain_after);
      return g_strdup_printf (_("Pain %d at the first visit"), first);
    }

  if (last < first)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pain down from %d to %d in %u visit",
                                         "Pain down from %d to %d in %u visits", n),
                            first, last, n);
  if (last > first)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pain up from %d to %d in %u visit",
                                         "Pain up from %d to %d in %u visits", n),
                            first, last, n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pain unchanged at %d in %u visit",
                                       "Pain unchanged at %d in %u visits", n),
                          first, n);
}

static void
update_summary (FasciaProgressChart *self)
{
  g_autofree char *summary = describe (self->points);

  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                      -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

/* The summary is the chart's tooltip, given when the pointer asks for it: not set as the
 * tooltip's text, for GTK looks for a tooltip under the pointer whenever that text changes,
 * and the chart filled under a resting pointer (its section shown with Ctrl+4) put up the
 * summary by itself half a second later. */
static gboolean
query_tooltip_cb (FasciaProgressChart *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard_mode,
                  GtkTooltip          *tooltip)
{
  if (self->summary == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->summary);
  return TRUE;
}

/**
 * fascia_progress_chart_set_points:
 * @points: (array length=n_points): the visits in date order
 *
 * Replaces what the chart shows.
 */
void
fascia_progress_chart_set_points (FasciaProgressChart       *self,
                                  const FasciaProgressPoint *points,
                                  guint                      n_points)
{
  guint old_n;

  g_return_if_fail (FASCIA_IS_PROGRESS_CHART (self));
  g_return_if_fail (points != NULL || n_points == 0);

  old_n = self->points->len;
  g_array_set_size (self->points, 0);
  if (n_points > 0)
    g_array_append_vals (self->points, points, n_points);

  self->labels_width = -1;
  update_summary (self);
  if (old_n != n_points)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
fascia_progress_chart_get_n_points (FasciaProgressChart *self)
{
  g_return_val_if_fail (FASCIA_IS_PROGRESS_CHART (self), 0);

  return self->points->len;
}

/**
 * fascia_progress_chart_set_plan_start:
 * @date: the plan's first day as a Unix time, or 0 for none
 */
void
fascia_progress_chart_set_plan_start (FasciaProgressChart *self,
                                      gint64               date)
{
  g_return_if_fail (FASCIA_IS_PROGRESS_CHART (self));

  if (self->plan_start == date)
    return;

  self->plan_start = date;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_START]);
}

gint64
fascia_progress_chart_get_plan_start (FasciaProgressChart *self)
{
  g_return_val_if_fail (FASCIA_IS_PROGRESS_CHART (self), 0);

  return self->plan_start;
}

/**
 * fascia_progress_chart_get_summary:
 *
 * Returns: the change in words, e.g. "Pain down from 7 to 3 in 6 visits".
 */
const char *
fascia_progress_chart_get_summary (FasciaProgressChart *self)
{
  g_return_val_if_fail (FASCIA_IS_PROGRESS_CHART (self), NULL);

  return self->summary;
}

static void
append_segment (GtkSnapshot   *snapshot,
                double         x0,
                double         y0,
                double         x1,
                double         y1,
                double         width,
                const GdkRGBA *colour)
{
  double length = hypot (x1 - x0, y1 - y0);

  if (length <= 0)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0, y0));
  gtk_snapshot_rotate (snapshot, atan2 (y1 - y0, x1 - x0) * 180.0 / G_PI);
  gtk_snapshot_append_color (snapshot, colour,
                             &GRAPHENE_RECT_INIT (0, -width / 2, length, width));
  gtk_snapshot_restore (snapshot);
}

static void
append_dot (GtkSnapshot   *snapshot,
            double         x,
            double         y,
            const GdkRGBA *colour)
{
  GskRoundedRect dot;

  gsk_rounded_rect_init_from_rect (&dot,
                                   &GRAPHENE_RECT_INIT (x - DOT_SIZE / 2, y - DOT_SIZE / 2,
                                                        DOT_SIZE, DOT_SIZE),
                                   DOT_SIZE / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, colour, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_text (GtkWidget     *widget,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         y,
             double         align,
             const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - width * align, y - height / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

/* How far in from each end of the plot the first and the last visit are: half a date's
 * width, so that their dates, centred under them, stay under the plot. */
#define AXIS_INSET (AXIS_LABEL_WIDTH / 2)

/* Where a moment falls on the time axis of a plot @plot_width wide, from the plot's left:
 * the first visit at the inset from the left, the last at the inset from the right, a visit
 * between them where its time falls between theirs; all in the middle when there is one day
 * or one visit. */
static double
time_x (FasciaProgressChart *self,
        gint64               date,
        double               plot_width)
{
  gint64 first, last;
  double inset = MIN (AXIS_INSET, plot_width / 4);

  if (self->points->len == 0)
    return plot_width / 2;

  first = g_array_index (self->points, FasciaProgressPoint, 0).date;
  last = g_array_index (self->points, FasciaProgressPoint, self->points->len - 1).date;
  if (last <= first)
    return plot_width / 2;

  return inset + (plot_width - 2 * inset) * (double) (date - first) / (double) (last - first);
}

static double
point_x (FasciaProgressChart *self,
         guint                index,
         double               plot_width)
{
  return time_x (self, g_array_index (self->points, FasciaProgressPoint, index).date, plot_width);
}

static double
plot_width_now (FasciaProgressChart *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self)) - MARGIN_LEFT - MARGIN_RIGHT;
}

static void
append_series (FasciaProgressChart *self,
               GtkSnapshot         *snapshot,
               gboolean             after,
               double               left,
               double               plot_width,
               double               top,
               double               plot_height)
{
  const GdkRGBA *colour = after ? &after_colour : &before_colour;
  double last_x = 0, last_y = 0;
  gboolean have_last = FALSE;

  for (guint i = 0; i < self->points->len; i++)
    {
      const FasciaProgressPoint *p = &g_array_index (self->points, FasciaProgressPoint, i);
      int score = after ? p->pain_after : p->pain_before;
      double x, y;

      if (score < 0)
        continue;

      x = left + point_x (self, i, plot_width);
      y = top + plot_height * (1.0 - CLAMP (score, 0, 10) / 10.0);
      if (have_last)
        append_segment (snapshot, last_x, last_y, x, y, LINE_WIDTH, colour);
      append_dot (snapshot, x, y, colour);
      last_x = x;
      last_y = y;
      have_last = TRUE;
    }
}

/* Chooses the dates drawn under the axis for the plot's width now: from the first, each
 * that does not touch the one drawn before it; then the last visit's, in place of the one
 * drawn before it where it would touch that (an axis shows where it ends). Every visit's
 * before the chart is first laid out. */
static void
choose_axis_labels (FasciaProgressChart *self)
{
  double plot_width = plot_width_now (self);
  guint n = self->points->len;
  gboolean *drawn;
  double last_x = 0;
  int last_drawn = -1, before_last_drawn = -1;

  if (self->labels_width == plot_width && self->labels_drawn->len == n)
    return;

  g_array_set_size (self->labels_drawn, n);
  self->labels_width = plot_width;
  drawn = (gboolean *) self->labels_drawn->data;
  for (guint i = 0; i < n; i++)
    {
      double x = point_x (self, i, plot_width);

      drawn[i] = plot_width <= 0 || last_drawn < 0 || x - last_x >= AXIS_LABEL_WIDTH;
      if (drawn[i])
        {
          before_last_drawn = last_drawn;
          last_drawn = i;
          last_x = x;
        }
    }

  if (n > 1 && !drawn[n - 1] && before_last_drawn >= 0
      && point_x (self, n - 1, plot_width) - point_x (self, before_last_drawn, plot_width)
         >= AXIS_LABEL_WIDTH)
    {
      drawn[last_drawn] = FALSE;
      drawn[n - 1] = TRUE;
    }
}

/**
 * fascia_progress_chart_get_point_x:
 * @index: a visit's place on the chart
 *
 * Returns: where visit @index is drawn along the chart, in pixels from its left, at the
 *   chart's width now
 */
double
fascia_progress_chart_get_point_x (FasciaProgressChart *self,
                                   guint                index)
{
  g_return_val_if_fail (FASCIA_IS_PROGRESS_CHART (self), 0);
  g_return_val_if_fail (index < self->points->len, 0);

  return MARGIN_LEFT + point_x (self, index, plot_width_now (self));
}

/**
 * fascia_progress_chart_axis_label_drawn:
 * @index: a visit's place on the chart
 *
 * Returns: whether visit @index has its date under the axis at the chart's width now: from
 *   the first, each that does not touch the one drawn before it, and the last visit's; every
 *   visit's before the chart is first laid out.
 */
gboolean
fascia_progress_chart_axis_label_drawn (FasciaProgressChart *self,
                                        guint                index)
{
  g_return_val_if_fail (FASCIA_IS_PROGRESS_CHART (self), FALSE);
  g_return_val_if_fail (index < self->points->len, FALSE);

  choose_axis_labels (self);
  return g_array_index (self->labels_drawn, gboolean, index);
}

/**
 * fascia_progress_chart_dup_axis_label:
 * @index: a visit's place on the chart
 *
 * The x axis is time: each visit is labelled with its day as every date is shown, without
 * the year ("2 Dec"), except on the first date drawn and on each date drawn whose year is
 * not the one of the date drawn before it ("14 Nov 2025"), as a calendar or a spreadsheet's
 * time axis does: the year is always on the chart, and the dates fit twice as close.
 *
 * Returns: (transfer full): the label under visit @index.
 */
char *
fascia_progress_chart_dup_axis_label (FasciaProgressChart *self,
                                      guint                index)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) before = NULL;

  g_return_val_if_fail (FASCIA_IS_PROGRESS_CHART (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  date = g_date_time_new_from_unix_local (g_array_index (self->points, FasciaProgressPoint,
                                                         index).date);
  /* The date drawn before this one: visits between them may have crossed a new year. */
  for (guint i = index; i-- > 0;)
    if (fascia_progress_chart_axis_label_drawn (self, i))
      {
        before = g_date_time_new_from_unix_local (g_array_index (self->points,
                                                                 FasciaProgressPoint, i).date);
        break;
      }

  if (before == NULL || g_date_time_get_year (before) != g_date_time_get_year (date))
    return fascia_format_date (date);
  return fascia_format_date_without_year (date);
}

static void
fascia_progress_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  FasciaProgressChart *self = FASCIA_PROGRESS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double left = MARGIN_LEFT, top = MARGIN_TOP;
  double plot_width = width - MARGIN_LEFT - MARGIN_RIGHT;
  double plot_height = height - MARGIN_TOP - MARGIN_BOTTOM;
  guint n = self->points->len;
  GdkRGBA fg, grid;

  if (plot_width <= 0 || plot_height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  grid = fg;
  grid.alpha *= 0.15;

  /* The 0–10 scale, a line every two points. */
  for (int score = 0; score <= 10; score += 2)
    {
      double y = top + plot_height * (1.0 - score / 10.0);
      g_autofree char *label = g_strdup_printf ("%d", score);
      GdkRGBA dim = fg;

      dim.alpha *= 0.6;
      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (left, y - 0.5, plot_width, 1));
      append_text (widget, snapshot, label, left - 8, y, 1.0, &dim);
    }

  if (n == 0)
    return;

  /* The plan's start: a band where it falls between the visits, or before the first visit
   * when it began earlier; none when no visit is on or after it. */
  if (self->plan_start != 0
      && self->plan_start <= g_array_index (self->points, FasciaProgressPoint, n - 1).date)
    {
      gint64 first = g_array_index (self->points, FasciaProgressPoint, 0).date;
      double x = self->plan_start >= first
                 ? left + time_x (self, self->plan_start, plot_width)
                 : left + point_x (self, 0, plot_width) / 2;
      GdkRGBA band = after_colour;

      band.alpha = 0.6;
      gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x - 1, top, 2, plot_height));
      append_text (widget, snapshot, _("Plan start"), x + 4, top + 8, 0.0, &fg);
    }

  append_series (self, snapshot, FALSE, left, plot_width, top, plot_height);
  append_series (self, snapshot, TRUE, left, plot_width, top, plot_height);

  /* Visit dates along the bottom; as many as fit without touching. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      if (!fascia_progress_chart_axis_label_drawn (self, i))
        continue;

      label = fascia_progress_chart_dup_axis_label (self, i);
      append_text (widget, snapshot, label, left + point_x (self, i, plot_width),
                   top + plot_height + MARGIN_BOTTOM / 2, 0.5, &fg);
    }
}

static void
fascia_progress_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 200;
    }
}

static void
fascia_progress_chart_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FasciaProgressChart *self = FASCIA_PROGRESS_CHART (object);

  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;
    case PROP_PLAN_START:
      g_value_set_int64 (value, self->plan_start);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_progress_chart_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FasciaProgressChart *self = FASCIA_PROGRESS_CHART (object);

  switch (prop_id)
    {
    case PROP_PLAN_START:
      fascia_progress_chart_set_plan_start (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_progress_chart_finalize (GObject *object)
{
  FasciaProgressChart *self = FASCIA_PROGRESS_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->labels_drawn, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (fascia_progress_chart_parent_class)->finalize (object);
}

static void
fascia_progress_chart_class_init (FasciaProgressChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_progress_chart_get_property;
  object_class->set_property = fascia_progress_chart_set_property;
  object_class->finalize = fascia_progress_chart_finalize;

  widget_class->snapshot = fascia_progress_chart_snapshot;
  widget_class->measure = fascia_progress_chart_measure;

  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_START] =
    g_param_spec_int64 ("plan-start", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "progresschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fascia_progress_chart_init (FasciaProgressChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (FasciaProgressPoint));
  self->labels_drawn = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->labels_width = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pain across visits"),
                                  -1);
  update_summary (self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}
