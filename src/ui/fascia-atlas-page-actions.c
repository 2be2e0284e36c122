/* fascia-atlas-page-actions.c — the Atlas page's actions and their shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas-page"

#include "config.h"

#include <string.h>

#include "fascia-atlas-page-private.h"

void
fascia_atlas_page_update_actions (FasciaAtlasPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "atlas.back", self->history->len > 0);
  gtk_widget_action_set_enabled (widget, "atlas.leave-presentation", self->presentation);
  gtk_widget_action_set_enabled (widget, "atlas.show-referral",
                                 g_str_has_prefix (self->card != NULL ? self->card : "",
                                                   "muscle:"));

  /* Where a technique card was opened from decides which target "Add to Plan" means. */
  fascia_atlas_page_update_plan_offer (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  const char *colon = strchr (target, ':');
  g_autofree char *kind = NULL;

  if (colon == NULL)
    {
      g_critical ("Not a card: “%s”", target);
      return;
    }

  kind = g_strndup (target, colon - target);
  if (!fascia_atlas_page_open (self, kind, colon + 1))
    g_critical ("No card for “%s”", target);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fascia_atlas_page_back (FASCIA_ATLAS_PAGE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (widget);

  if (self->presentation)
    return;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (widget);

  /* The diagram's own actions zoom about the pointer or the focused region. */
  if (g_str_equal (action_name, "atlas.zoom-in"))
    gtk_widget_activate_action (GTK_WIDGET (self->diagram_view), "diagram.zoom-in", NULL);
  else if (g_str_equal (action_name, "atlas.zoom-out"))
    gtk_widget_activate_action (GTK_WIDGET (self->diagram_view), "diagram.zoom-out", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->diagram_view), "diagram.zoom-fit", NULL);
}

static void
leave_presentation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  fascia_atlas_page_set_presentation (FASCIA_ATLAS_PAGE (widget), FALSE);
}

void
fascia_atlas_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "atlas.open", "s", open_action);

  gtk_widget_class_install_action (widget_class, "atlas.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "atlas.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "atlas.back", NULL);

  gtk_widget_class_install_action (widget_class, "atlas.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "atlas.search", NULL);

  gtk_widget_class_install_property_action (widget_class, "atlas.view", "view");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "atlas.view", "s", "anterior");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "atlas.view", "s", "posterior-superficial");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "atlas.view", "s", "posterior-deep");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK,
                                       "atlas.view", "s", "lateral");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_CONTROL_MASK,
                                       "atlas.view", "s", "front-superficial");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_CONTROL_MASK,
                                       "atlas.view", "s", "pelvis-medial");

  gtk_widget_class_install_property_action (widget_class, "atlas.show-labels", "show-labels");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "atlas.show-labels", NULL);
  gtk_widget_class_install_property_action (widget_class, "atlas.show-bones", "show-bones");
  gtk_widget_class_install_property_action (widget_class, "atlas.show-muscles", "show-muscles");
  gtk_widget_class_install_property_action (widget_class, "atlas.show-trigger-points",
                                            "show-trigger-points");
  gtk_widget_class_install_property_action (widget_class, "atlas.show-nerves", "show-nerves");

  gtk_widget_class_install_property_action (widget_class, "atlas.referral-mode", "referral-mode");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "atlas.referral-mode", NULL);
  gtk_widget_class_install_property_action (widget_class, "atlas.show-referral", "show-referral");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "atlas.show-referral", NULL);

  gtk_widget_class_install_action (widget_class, "atlas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "atlas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "atlas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "atlas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "atlas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "atlas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "atlas.zoom-fit", NULL);

  gtk_widget_class_install_property_action (widget_class, "atlas.presentation", "presentation");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "atlas.presentation", NULL);
  gtk_widget_class_install_action (widget_class, "atlas.leave-presentation", NULL,
                                   leave_presentation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "atlas.leave-presentation", NULL);
}
