/* fascia-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-atlas-page.h"
#include "fascia-window.h"

struct _FasciaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *header_bar;
  GtkWidget            *switcher_bar;
  FasciaAtlasPage      *atlas_page;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (FasciaWindow, fascia_window, ADW_TYPE_APPLICATION_WINDOW)

FasciaWindow *
fascia_window_new (FasciaApplication *application)
{
  g_return_val_if_fail (FASCIA_IS_APPLICATION (application), NULL);

  return g_object_new (FASCIA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * fascia_window_get_visible_page:
 *
 * Returns: the name of the page shown: "atlas", "clients" or "study".
 */
const char *
fascia_window_get_visible_page (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, page) == NULL)
    {
      g_critical ("No page named “%s”", page);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page);
}

static void
fascia_window_constructed (GObject *object)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  G_OBJECT_CLASS (fascia_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  /* Presenting to a client shows the diagram alone, without the window's own controls. */
  g_object_bind_property (self->atlas_page, "presentation", self->header_bar, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->atlas_page, "presentation", self->switcher_bar, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
fascia_window_dispose (GObject *object)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_WINDOW);

  G_OBJECT_CLASS (fascia_window_parent_class)->dispose (object);
}

static void
fascia_window_finalize (GObject *object)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fascia_window_parent_class)->finalize (object);
}

static void
fascia_window_class_init (FasciaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fascia_window_constructed;
  object_class->dispose = fascia_window_dispose;
  object_class->finalize = fascia_window_finalize;

  g_type_ensure (FASCIA_TYPE_ATLAS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fascia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, atlas_page);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "atlas");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "clients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "study");
}

static void
fascia_window_init (FasciaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
