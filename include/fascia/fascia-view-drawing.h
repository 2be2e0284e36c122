/* fascia-view-drawing.h — which drawing of a view a body-chart point was placed on, and where
 * the same spot of the body lies on the view's drawing as it is now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint     fascia_view_drawing_current (const char *view_id);
guint     fascia_view_drawing_at      (const char *view_id,
                                       gint64      usec);
gboolean  fascia_view_drawing_convert (const char *view_id,
                                       guint       drawing,
                                       double     *x,
                                       double     *y);
guint     fascia_view_drawing_get_schema (const char *view_id,
                                          guint       drawing);
gboolean  fascia_view_drawing_get_frame (const char *view_id,
                                         double     *x0,
                                         double     *y0,
                                         double     *top,
                                         double     *scale);

gboolean  fascia_view_drawing_get_frame_of (const char *view_id,
                                            guint       drawing,
                                            double     *x0,
                                            double     *y0,
                                            double     *top,
                                            double     *scale);

G_END_DECLS
