/* bench-report.c — what the store benchmarks share (bench-store.c, bench-postgres.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bench-report.h"

/* The monotonic clock, in milliseconds. */
double
bench_ms_now (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @p percentile (0.5: the median) of @values, which are sorted in place. */
double
bench_ms_percentile (GArray *values,
                     double  p)
{
  double *v = (double *) values->data;
  guint i;

  g_return_val_if_fail (values->len > 0, 0);

  qsort (v, values->len, sizeof (double), compare_doubles);
  i = (guint) (p * (values->len - 1) + 0.5);
  return v[MIN (i, values->len - 1)];
}

/**
 * bench_report:
 * @store_ms: the store's times of one operation
 * @baseline: what the baseline is ("raw", "raw libpq")
 * @baseline_ms: its times of the same operation, measured in the same run
 * @with_p99: whether to print the 99th percentiles too
 * @target_ms: the target for the store's median, or 0 for none
 *
 * Prints one line: the medians, the ratio of the store's to the baseline's, and whether the
 * target is met.
 */
void
bench_report (const char *what,
              GArray     *store_ms,
              const char *baseline,
              GArray     *baseline_ms,
              gboolean    with_p99,
              double      target_ms)
{
  double s50 = bench_ms_percentile (store_ms, 0.5), r50 = bench_ms_percentile (baseline_ms, 0.5);
  g_autofree char *target = target_ms > 0
                            ? g_strdup_printf ("   target <= %.0f ms: %s", target_ms,
                                               s50 <= target_ms ? "met" : "MISSED")
                            : g_strdup ("");

  if (with_p99)
    {
      double s99 = bench_ms_percentile (store_ms, 0.99);
      double r99 = bench_ms_percentile (baseline_ms, 0.99);

      g_print ("%-34s store %8.3f ms (p99 %8.3f)   %s %8.3f ms (p99 %8.3f)   ratio %.2f%s\n",
               what, s50, s99, baseline, r50, r99, s50 / r50, target);
    }
  else
    g_print ("%-34s store %8.3f ms                %s %8.3f ms                ratio %.2f%s\n",
             what, s50, baseline, r50, s50 / r50, target);
}
