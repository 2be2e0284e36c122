/* bench-click-utils.h — what the click benchmarks share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

gint64   bench_cpu_now     (void);
double   bench_percentile  (GArray     *values,
                            double      p);
void     bench_wait_ms     (guint       ms);
gboolean bench_wait_until  (gboolean  (*done) (gpointer data),
                            gpointer    data,
                            guint       ms);
