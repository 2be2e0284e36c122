/* bench-click-utils.h — what the click benchmarks share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-diagram-view.h"

gint64   bench_cpu_now     (void);
double   bench_percentile  (GArray     *values,
                            double      p);
void     bench_wait_ms     (guint       ms);
gboolean bench_wait_until  (gboolean  (*done) (gpointer data),
                            gpointer    data,
                            guint       ms);

/* Loads the application's stylesheet, as the window has it (AdwApplication loads it), for a
 * benchmark that shows a page without the application. */
void     bench_load_app_style (void);

/* With FASCIA_BENCH_TRACE set, prints one measured click to stderr: what it was, its start
 * and end on the monotonic clock (µs, as `perf record -k CLOCK_MONOTONIC` stamps its samples,
 * so that a slow click's samples can be picked out), its CPU time and the frames painted. */
void     bench_trace       (const char  *what,
                            gint64       start_wall,
                            gint64       end_wall,
                            double       cpu_ms,
                            guint        frames);

/* Whether the pixels within @reach of @view's widget point @x,@y all hit @region (NULL:
 * nothing). */
gboolean bench_solid_at    (FasciaDiagramView  *view,
                            const FasciaRegion *region,
                            double              x,
                            double              y,
                            double              reach);

/* One xdotool for the whole run, reading its commands from a pipe: a click is a line
 * written, not a process started (forking the benchmark for each click cost ~25 ms of CPU
 * and made every page it wrote afterwards fault, as copy-on-write). */
typedef struct _BenchXdo BenchXdo;

BenchXdo *bench_xdo_new     (const char *xdotool);
void      bench_xdo_send    (BenchXdo   *xdo,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);
void      bench_xdo_free    (BenchXdo   *xdo);
