/* fascia-region-button.c — the accessible stand-in for one region of a diagram.
 *
 * GTK 4.8 cannot give a non-widget an accessible role, so FasciaDiagramView keeps one of these
 * per region, allocated at the region's bounds. It takes keyboard focus and reads to a screen
 * reader; the pointer passes through it (can-target is FALSE) to the canvas, which does the
 * pixel-exact hit-testing, and the canvas draws the focus ring in the diagram's own style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-region-button"

#include "config.h"

#include "fascia-region-button.h"

struct _FasciaRegionButton
{
  GtkButton  parent_instance;

  /* Owned */
  char      *region_id;
  char      *label;
};

G_DEFINE_FINAL_TYPE (FasciaRegionButton, fascia_region_button, GTK_TYPE_BUTTON)

/**
 * fascia_region_button_new:
 * @region_id: the diagram region, "m-psoas-major-l"
 * @label: what a screen reader reads, "Psoas major, left side"
 * @description: (nullable): a longer description
 */
GtkWidget *
fascia_region_button_new (const char *region_id,
                          const char *label,
                          const char *description)
{
  FasciaRegionButton *self;

  g_return_val_if_fail (region_id != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (FASCIA_TYPE_REGION_BUTTON, NULL);
  self->region_id = g_strdup (region_id);
  self->label = g_strdup (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);

  return GTK_WIDGET (self);
}

const char *
fascia_region_button_get_region_id (FasciaRegionButton *self)
{
  g_return_val_if_fail (FASCIA_IS_REGION_BUTTON (self), NULL);

  return self->region_id;
}

const char *
fascia_region_button_get_label_text (FasciaRegionButton *self)
{
  g_return_val_if_fail (FASCIA_IS_REGION_BUTTON (self), NULL);

  return self->label;
}

static void
fascia_region_button_finalize (GObject *object)
{
  FasciaRegionButton *self = FASCIA_REGION_BUTTON (object);

  g_clear_pointer (&self->region_id, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (fascia_region_button_parent_class)->finalize (object);
}

static void
fascia_region_button_class_init (FasciaRegionButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fascia_region_button_finalize;

  gtk_widget_class_set_css_name (widget_class, "region");
}

static void
fascia_region_button_init (FasciaRegionButton *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
}
