/* test-card-viewport.c — the card pane lays wrapped text out height-for-width only.
 *
 * GTK 4.8's GtkViewport and GtkStack ask their child its width for a height, which a wrapping
 * label answers with a binary search over pango layouts: it made a muscle card cost over a
 * second of CPU. A probe widget with a label's request mode counts those questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "fascia-card-viewport.h"
#include "fascia-column-layout.h"
#include "fascia-landmark-card.h"
#include "fascia-muscle-card.h"
#include "fascia-technique-card.h"
#include "fascia-ui-test-utils.h"

/* A probe: text of 40,000 square pixels, at least 50 pixels wide, as a wrapping label is. */

#define PROBE_AREA 40000

#define TEST_TYPE_PROBE (test_probe_get_type ())
G_DECLARE_FINAL_TYPE (TestProbe, test_probe, TEST, PROBE, GtkWidget)

struct _TestProbe
{
  GtkWidget parent_instance;
  guint     width_for_height;  /* horizontal measures with a height given */
  guint     measures;
};

G_DEFINE_FINAL_TYPE (TestProbe, test_probe, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
test_probe_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
test_probe_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  TestProbe *self = TEST_PROBE (widget);

  self->measures++;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (for_size >= 0)
        self->width_for_height++;
      *minimum = 50;
      *natural = PROBE_AREA / 20;
    }
  else
    {
      int width = for_size >= 0 ? MAX (for_size, 50) : 50;

      *minimum = *natural = PROBE_AREA / width;
    }
}

static void
test_probe_class_init (TestProbeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = test_probe_get_request_mode;
  widget_class->measure = test_probe_measure;
}

static void
test_probe_init (TestProbe *self)
{
}

/* The card pane's shape: scrolled window, viewport, stack, a card of a column of probes. */

typedef struct
{
  GtkWidget *window;
  GtkWidget *scroller;
  GtkWidget *viewport;
  GtkWidget *stack;
  GtkWidget *card;
  GtkWidget *column;
  GtkWidget *probes[8];
  GtkWidget *first;
  GtkWidget *button;
} Pane;

static void
pane_build (Pane     *pane,
            gboolean  ours)
{
  pane->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (pane->window), 360, 300);
  pane->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (pane->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  pane->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (pane->stack), FALSE);
  if (ours)
    {
      pane->viewport = fascia_card_viewport_new ();
      fascia_card_viewport_set_child (FASCIA_CARD_VIEWPORT (pane->viewport), pane->stack);
    }
  else
    {
      pane->viewport = gtk_viewport_new (NULL, NULL);
      gtk_viewport_set_child (GTK_VIEWPORT (pane->viewport), pane->stack);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (pane->scroller), pane->viewport);

  pane->card = adw_bin_new ();
  if (ours)
    gtk_widget_set_layout_manager (pane->card, fascia_column_layout_new ());
  pane->column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  pane->first = gtk_button_new_with_label ("At the start");
  gtk_box_append (GTK_BOX (pane->column), pane->first);
  for (guint i = 0; i < G_N_ELEMENTS (pane->probes); i++)
    {
      pane->probes[i] = g_object_new (TEST_TYPE_PROBE, NULL);
      gtk_box_append (GTK_BOX (pane->column), pane->probes[i]);
    }
  pane->button = gtk_button_new_with_label ("At the end");
  gtk_box_append (GTK_BOX (pane->column), pane->button);
  adw_bin_set_child (ADW_BIN (pane->card), pane->column);
  gtk_stack_add_named (GTK_STACK (pane->stack), pane->card, "card");

  gtk_window_set_child (GTK_WINDOW (pane->window), pane->scroller);
  gtk_window_present (GTK_WINDOW (pane->window));
  fascia_ui_test_wait_idle (300);
}

static guint
pane_width_for_height (Pane *pane)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pane->probes); i++)
    n += TEST_PROBE (pane->probes[i])->width_for_height;
  return n;
}

static void
test_height_for_width_only (void)
{
  Pane ours = { 0 }, theirs = { 0 };
  int height = 0;

  /* GTK's own viewport, as the pane had it: the probes are asked widths for heights. */
  pane_build (&theirs, FALSE);
  g_assert_cmpuint (pane_width_for_height (&theirs), >, 0);
  gtk_window_destroy (GTK_WINDOW (theirs.window));

  pane_build (&ours, TRUE);
  g_assert_cmpuint (pane_width_for_height (&ours), ==, 0);

  /* New content, a new allocation: still never. */
  for (guint i = 0; i < G_N_ELEMENTS (ours.probes); i++)
    gtk_widget_queue_resize (ours.probes[i]);
  fascia_ui_test_wait_idle (200);
  g_assert_cmpuint (pane_width_for_height (&ours), ==, 0);

  /* Each probe gets the pane's width, and the height that goes with it. */
  for (guint i = 0; i < G_N_ELEMENTS (ours.probes); i++)
    {
      g_assert_cmpint (gtk_widget_get_width (ours.probes[i]), ==,
                       gtk_widget_get_width (ours.viewport));
      height = gtk_widget_get_height (ours.probes[i]);
      g_assert_cmpint (height, ==, PROBE_AREA / gtk_widget_get_width (ours.probes[i]));
    }
  g_assert_cmpint (height, >, 0);
  gtk_window_destroy (GTK_WINDOW (ours.window));
}

static void
test_scrolls (void)
{
  Pane pane = { 0 };
  GtkAdjustment *vadjustment;
  graphene_point_t point;

  pane_build (&pane, TRUE);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pane.viewport));
  g_assert_true (vadjustment == gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (pane.scroller)));

  /* The content is taller than the window: the adjustment spans it, a page at a time. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), ==,
                     gtk_widget_get_height (pane.card));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (vadjustment), ==,
                     gtk_widget_get_height (pane.viewport));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >,
                     gtk_adjustment_get_page_size (vadjustment));

  g_assert_true (gtk_widget_compute_point (pane.card, pane.viewport,
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpfloat (point.y, ==, 0);

  gtk_adjustment_set_value (vadjustment, 100);
  fascia_ui_test_wait_idle (100);
  g_assert_true (gtk_widget_compute_point (pane.card, pane.viewport,
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpfloat (point.y, ==, -100);

  /* The keyboard brings what it focuses into view, as GtkViewport's scroll-to-focus does. */
  g_assert_true (gtk_widget_grab_focus (pane.first));
  gtk_adjustment_set_value (vadjustment, 0);
  fascia_ui_test_wait_idle (100);
  g_assert_true (gtk_widget_grab_focus (pane.button));
  fascia_ui_test_wait_idle (100);
  g_assert_true (gtk_widget_compute_point (pane.button, pane.viewport,
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpfloat (point.y, >=, 0);
  g_assert_cmpfloat (point.y + gtk_widget_get_height (pane.button), <=,
                     gtk_widget_get_height (pane.viewport));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);

  gtk_window_destroy (GTK_WINDOW (pane.window));
}

static void
test_cards_are_columns (void)
{
  GType types[] = { FASCIA_TYPE_MUSCLE_CARD, FASCIA_TYPE_TECHNIQUE_CARD,
                    FASCIA_TYPE_LANDMARK_CARD };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *card = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_true (FASCIA_IS_COLUMN_LAYOUT (gtk_widget_get_layout_manager (card)));
      g_object_unref (card);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/fascia/ui/card-viewport/height-for-width-only", test_height_for_width_only);
  g_test_add_func ("/fascia/ui/card-viewport/scrolls", test_scrolls);
  g_test_add_func ("/fascia/ui/card-viewport/cards-are-columns", test_cards_are_columns);

  return g_test_run ();
}
