/* fascia-list-height-layout.c — a bin layout for a short list that scrolls only when it must:
 * as high as its rows at the width it is given.
 *
 * A list of a client's plans or visits is a GtkListView in a GtkScrolledWindow that takes
 * the height of its rows (propagate-natural-height), up to its max-content-height. GTK 4.8
 * measures both for no width: the scrolled window asks its child's height for no width,
 * and the list view, whose request mode trades nothing, asks its rows for theirs. A row
 * whose text wraps at the list's width was then counted as one line, the list was a line
 * short for every such row, and its last lines were cut at its foot. This layout, on the
 * widget that holds the scrolled window, asks the list's height at the width the scrolled
 * window gives it. That the list view then measures its rows at that width, not for none,
 * the application sees to at start-up, before any list view is made
 * (fascia_application_startup()).
 *
 * The scrolled window has no border, padding or margin of its own (a frame or card style
 * goes on the widget that holds it), so its child is as wide as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-list-height-layout"

#include "config.h"

#include "fascia-list-height-layout.h"
#include "fascia-ui-utils.h"

struct _FasciaListHeightLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (FasciaListHeightLayout, fascia_list_height_layout, GTK_TYPE_LAYOUT_MANAGER)

GtkLayoutManager *
fascia_list_height_layout_new (void)
{
  return g_object_new (FASCIA_TYPE_LIST_HEIGHT_LAYOUT, NULL);
}

static GtkSizeRequestMode
fascia_list_height_layout_get_request_mode (GtkLayoutManager *manager,
                                            GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The height @scrolled's child asks at @width, within @scrolled's max-content-height. */
static int
list_height (GtkScrolledWindow *scrolled,
             int                width)
{
  GtkWidget *list = gtk_scrolled_window_get_child (scrolled);
  int max = gtk_scrolled_window_get_max_content_height (scrolled);
  int min = 0, nat = 0;

  if (list == NULL || !gtk_widget_should_layout (list))
    return 0;
  gtk_widget_measure (list, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return max >= 0 ? MIN (nat, max) : nat;
}

static void
fascia_list_height_layout_measure (GtkLayoutManager *manager,
                                   GtkWidget        *widget,
                                   GtkOrientation    orientation,
                                   int               for_size,
                                   int              *minimum,
                                   int              *natural,
                                   int              *minimum_baseline,
                                   int              *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 &&
          GTK_IS_SCROLLED_WINDOW (child) &&
          gtk_scrolled_window_get_propagate_natural_height (GTK_SCROLLED_WINDOW (child)))
        child_nat = MAX (child_min, list_height (GTK_SCROLLED_WINDOW (child), for_size));
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
fascia_list_height_layout_class_init (FasciaListHeightLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = fascia_list_height_layout_get_request_mode;
  manager_class->measure = fascia_list_height_layout_measure;
  manager_class->allocate = fascia_ui_layout_allocate_whole;
}

static void
fascia_list_height_layout_init (FasciaListHeightLayout *self)
{
}
