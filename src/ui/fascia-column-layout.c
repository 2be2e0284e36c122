/* fascia-column-layout.c — a bin layout for a column of wrapped text: its width never
 * depends on a height.
 *
 * GTK 4.8's GtkStack measures its visible child's width for the height it allocates, and a
 * column of wrapping labels answers that by sharing the height out and binary-searching each
 * label's width over pango layouts (~12 layouts a label, on every change of content). A card
 * is as wide as the pane gives it, whatever its height: this layout asks its children their
 * width for no height, and their height for a width, and nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-column-layout"

#include "config.h"

#include "fascia-column-layout.h"
#include "fascia-ui-utils.h"

struct _FasciaColumnLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (FasciaColumnLayout, fascia_column_layout, GTK_TYPE_LAYOUT_MANAGER)

GtkLayoutManager *
fascia_column_layout_new (void)
{
  return g_object_new (FASCIA_TYPE_COLUMN_LAYOUT, NULL);
}

static GtkSizeRequestMode
fascia_column_layout_get_request_mode (GtkLayoutManager *manager,
                                       GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fascia_column_layout_measure (GtkLayoutManager *manager,
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

      gtk_widget_measure (child, orientation,
                          orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
fascia_column_layout_class_init (FasciaColumnLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = fascia_column_layout_get_request_mode;
  manager_class->measure = fascia_column_layout_measure;
  manager_class->allocate = fascia_ui_layout_allocate_whole;
}

static void
fascia_column_layout_init (FasciaColumnLayout *self)
{
}
