/* fascia-height-for-width-layout.c — a bin layout for text that wraps beside something else
 * in a row: its width asked for no height, its height for its width.
 *
 * GTK 4.8's horizontal box asks each child's width for a height: measuring its own height
 * for a width (each child's natural width at its least height), and again when it is
 * allocated (each child's width at the height it is given). A vertical box of wrapping labels
 * (an AdwActionRow's title and subtitle) answers that by a search: it lays its labels out at
 * width after width, doubling then halving, until it finds the narrowest whose height fits —
 * a dozen Pango layouts of each label, each text shaped anew, for each question. Fascia lays
 * its windows out height for width, where such text's width does not depend on a height:
 * this layout, on the widget that holds it, asks its child's width for no height (what the
 * box used when it measured its height), and its height for its width, as GTK does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-height-for-width-layout"

#include "config.h"

#include "fascia-height-for-width-layout.h"
#include "fascia-ui-utils.h"

struct _FasciaHeightForWidthLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (FasciaHeightForWidthLayout, fascia_height_for_width_layout,
                     GTK_TYPE_LAYOUT_MANAGER)

GtkLayoutManager *
fascia_height_for_width_layout_new (void)
{
  return g_object_new (FASCIA_TYPE_HEIGHT_FOR_WIDTH_LAYOUT, NULL);
}

static GtkSizeRequestMode
fascia_height_for_width_layout_get_request_mode (GtkLayoutManager *manager,
                                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fascia_height_for_width_layout_measure (GtkLayoutManager *manager,
                                        GtkWidget        *widget,
                                        GtkOrientation    orientation,
                                        int               for_size,
                                        int              *minimum,
                                        int              *natural,
                                        int              *minimum_baseline,
                                        int              *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
fascia_height_for_width_layout_class_init (FasciaHeightForWidthLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = fascia_height_for_width_layout_get_request_mode;
  manager_class->measure = fascia_height_for_width_layout_measure;
  manager_class->allocate = fascia_ui_layout_allocate_whole;
}

static void
fascia_height_for_width_layout_init (FasciaHeightForWidthLayout *self)
{
}
