/* fascia-progress-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One visit on the chart. A score of -1 means none was recorded. */
typedef struct
{
  gint64 date;         /* the visit's day, as a Unix time */
  int    pain_before;  /* 0–10 or -1 */
  int    pain_after;   /* 0–10 or -1 */
} FasciaProgressPoint;

#define FASCIA_TYPE_PROGRESS_CHART (fascia_progress_chart_get_type ())

G_DECLARE_FINAL_TYPE (FasciaProgressChart, fascia_progress_chart, FASCIA, PROGRESS_CHART, GtkWidget)

GtkWidget  *fascia_progress_chart_new             (void);
void        fascia_progress_chart_set_points      (FasciaProgressChart       *self,
                                                   const FasciaProgressPoint *points,
                                                   guint                      n_points);
guint       fascia_progress_chart_get_n_points    (FasciaProgressChart       *self);
void        fascia_progress_chart_set_plan_start  (FasciaProgressChart       *self,
                                                   gint64                     date);
gint64      fascia_progress_chart_get_plan_start  (FasciaProgressChart       *self);
char       *fascia_progress_chart_dup_axis_label  (FasciaProgressChart       *self,
                                                   guint                      index);
gboolean    fascia_progress_chart_axis_label_drawn (FasciaProgressChart      *self,
                                                   guint                      index);
double      fascia_progress_chart_get_point_x     (FasciaProgressChart       *self,
                                                   guint                      index);
const char *fascia_progress_chart_get_summary     (FasciaProgressChart       *self);

G_END_DECLS
