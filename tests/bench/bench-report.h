/* bench-report.h — what the store benchmarks share: the clock, percentiles, and the line that
 * sets the store's median beside its baseline's from the same run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

double bench_ms_now        (void);
double bench_ms_percentile (GArray     *values,
                            double      p);
void   bench_report        (const char *what,
                            GArray     *store_ms,
                            const char *baseline,
                            GArray     *baseline_ms,
                            gboolean    with_p99,
                            double      target_ms);
