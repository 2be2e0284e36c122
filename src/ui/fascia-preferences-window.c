/* fascia-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-preferences-window.h"
#include "fascia-records-ui.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"

struct _FasciaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  FasciaEntryRow       *clinic_row;
  FasciaEntryRow       *therapist_row;
  FasciaEntryRow       *contact_row;
  AdwComboRow          *paper_row;
  AdwPreferencesGroup  *clinic_group;
  AdwActionRow         *move_row;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (FasciaPreferencesWindow, fascia_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The paper sizes in the order of the combo row's model. */
static const char * const paper_ids[] = { "a4", "letter" };

GtkWidget *
fascia_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (FASCIA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

static gboolean
paper_to_index (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char *paper = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paper_ids); i++)
    {
      if (g_str_equal (paper, paper_ids[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
index_to_paper (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= G_N_ELEMENTS (paper_ids))
    return NULL;

  return g_variant_new_string (paper_ids[index]);
}

/* The window whose records "Move to a Clinic Server…" moves, if they are in a file. */
static FasciaStore *
movable_store (FasciaPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  FasciaStore *store;

  if (!FASCIA_IS_WINDOW (parent) || fascia_window_get_demo (FASCIA_WINDOW (parent)))
    return NULL;
  store = fascia_window_get_store (FASCIA_WINDOW (parent));
  if (store == NULL || !(fascia_store_get_capabilities (store) & FASCIA_STORE_CAN_MOVE_TO_SERVER))
    return NULL;
  return store;
}

static void
move_activated_cb (FasciaPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  FasciaStore *store = movable_store (self);

  if (store == NULL)
    return;
  /* The dialog belongs to the main window; these preferences are modal over it. */
  g_object_ref (parent);
  gtk_window_destroy (GTK_WINDOW (self));
  /* What is typed and still waiting for its pause goes first. */
  if (fascia_window_get_clients_page (FASCIA_WINDOW (parent)) != NULL
      && fascia_clients_page_peek_client_view (
           fascia_window_get_clients_page (FASCIA_WINDOW (parent))) != NULL)
    fascia_client_view_flush (fascia_clients_page_peek_client_view (
      fascia_window_get_clients_page (FASCIA_WINDOW (parent))));
  fascia_records_move_to_server (GTK_WIDGET (parent), store);
  g_object_unref (parent);
}

static void
fascia_preferences_window_constructed (GObject *object)
{
  FasciaPreferencesWindow *self = FASCIA_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (fascia_preferences_window_parent_class)->constructed (object);

  /* Only a file moves to a server; a server's records are there already. */
  gtk_widget_set_visible (GTK_WIDGET (self->clinic_group), movable_store (self) != NULL);

  /* Each edit is saved as it is typed; there is nothing to apply. */
  g_settings_bind (self->settings, "clinic-name", self->clinic_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "therapist-name", self->therapist_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "contact-line", self->contact_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, paper_to_index, index_to_paper,
                                NULL, NULL);
}

static void
fascia_preferences_window_dispose (GObject *object)
{
  FasciaPreferencesWindow *self = FASCIA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (fascia_preferences_window_parent_class)->dispose (object);
}

static void
fascia_preferences_window_finalize (GObject *object)
{
  FasciaPreferencesWindow *self = FASCIA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fascia_preferences_window_parent_class)->finalize (object);
}

static void
fascia_preferences_window_class_init (FasciaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fascia_preferences_window_constructed;
  object_class->dispose = fascia_preferences_window_dispose;
  object_class->finalize = fascia_preferences_window_finalize;

  g_type_ensure (FASCIA_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaPreferencesWindow, clinic_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPreferencesWindow, therapist_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPreferencesWindow, contact_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPreferencesWindow, clinic_group);
  gtk_widget_class_bind_template_child (widget_class, FasciaPreferencesWindow, move_row);
  gtk_widget_class_bind_template_callback (widget_class, move_activated_cb);
}

static void
fascia_preferences_window_init (FasciaPreferencesWindow *self)
{
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
}
