/* test-diagram-utils.h — helpers shared by the diagram tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-diagram.h"

G_BEGIN_DECLS

GBytes          *test_diagram_load_file          (const char      *name);
cairo_surface_t *test_diagram_render             (FasciaDiagram   *diagram,
                                                  int              width,
                                                  int              height,
                                                  double           scale,
                                                  double           x,
                                                  double           y);
cairo_surface_t *test_diagram_render_drawing     (FasciaDiagram   *diagram,
                                                  int              width,
                                                  int              height,
                                                  double           scale,
                                                  double           x,
                                                  double           y);
cairo_surface_t *test_diagram_render_raw         (GBytes          *svg,
                                                  int              width,
                                                  int              height,
                                                  double           scale,
                                                  double           x,
                                                  double           y);
guint            test_diagram_count_different    (cairo_surface_t *a,
                                                  cairo_surface_t *b,
                                                  guint            tolerance);
guint            test_diagram_count_painted      (cairo_surface_t *surface);
guint32          test_diagram_pixel_at           (cairo_surface_t *surface,
                                                  int              x,
                                                  int              y);
guint            test_diagram_alpha_at           (cairo_surface_t *a8,
                                                  int              x,
                                                  int              y);
void             test_diagram_assert_colour      (cairo_surface_t *surface,
                                                  int              x,
                                                  int              y,
                                                  const char      *colour,
                                                  double           opacity);
void             test_diagram_assert_not_colour  (cairo_surface_t *surface,
                                                  int              x,
                                                  int              y,
                                                  const char      *colour);
void             test_diagram_assert_same_pixel  (cairo_surface_t *a,
                                                  cairo_surface_t *b,
                                                  int              x,
                                                  int              y);
void             test_diagram_assert_changed     (cairo_surface_t *a,
                                                  cairo_surface_t *b,
                                                  int              x,
                                                  int              y);
void             test_diagram_assert_lighter     (cairo_surface_t *darker,
                                                  cairo_surface_t *lighter,
                                                  int              x,
                                                  int              y);
void             test_diagram_assert_file_starts (const char      *path,
                                                  const char      *prefix);
char            *test_diagram_check_hit_test     (FasciaDiagram   *diagram);
gboolean         test_diagram_well_under         (FasciaDiagram   *diagram,
                                                  const FasciaRegion *top,
                                                  double           x,
                                                  double           y);
cairo_surface_t *test_diagram_render_region_drawn (const char      *view_id,
                                                  const char      *region_id);

G_END_DECLS
