/* fascia-clients-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-clients-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"

#include "fascia-clients-page.h"
#include "fascia-ui-utils.h"

/*
 * The Clients page: a searchable list beside the chosen client. The list is read again from
 * the store when the search changes or the store says clients changed; a practice has tens or
 * hundreds of clients, which SQLite lists in well under a millisecond.
 */

struct _FasciaClientsPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  AdwLeaflet       *leaflet;
  GtkRevealer      *demo_revealer;
  GtkSearchEntry   *search_entry;
  GtkToggleButton  *archived_button;
  GtkStack         *list_stack;
  GtkListBox       *client_list;
  GtkStack         *content_stack;
  FasciaClientView *client_view;

  /* Owned */
  FasciaStore      *store;
  GListModel       *clients;
  gulong            changed_id;
  gboolean          demo;
  gboolean          reloading;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DEMO,
  PROP_ACTIVE_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaClientsPage, fascia_clients_page, ADW_TYPE_BIN)

static GtkWidget *
create_client_row (gpointer item,
                   gpointer user_data)
{
  FasciaClient *client = item;
  const char *name = fascia_client_get_name (client);
  g_autofree char *flags = fascia_health_flags_describe (fascia_client_get_health_flags (client));
  g_autoptr(GString) subtitle = g_string_new (fascia_client_get_phone (client));
  GtkWidget *row = adw_action_row_new ();

  if (flags != NULL)
    g_string_append_printf (subtitle, subtitle->len > 0 ? " · ⚠ %s" : "⚠ %s", flags);
  if (fascia_client_get_archived (client))
    g_string_append_printf (subtitle, subtitle->len > 0 ? " · %s" : "%s", _("Archived"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL && *name ? name : _("Unnamed Client"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  return row;
}

static void
select_id (FasciaClientsPage *self,
           gint64             client_id)
{
  guint n = self->clients != NULL ? g_list_model_get_n_items (self->clients) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (self->clients, i);

      if (fascia_client_get_id (client) == client_id)
        {
          gtk_list_box_select_row (self->client_list,
                                   gtk_list_box_get_row_at_index (self->client_list, i));
          return;
        }
    }
}

static void
reload (FasciaClientsPage *self)
{
  g_autoptr(GError) error = NULL;
  FasciaClient *shown = fascia_client_view_get_client (self->client_view);
  gint64 shown_id = shown != NULL ? fascia_client_get_id (shown) : 0;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  FasciaStoreListFlags flags = FASCIA_STORE_LIST_NONE;
  guint n;

  if (gtk_toggle_button_get_active (self->archived_button))
    flags |= FASCIA_STORE_LIST_ARCHIVED;

  g_clear_object (&self->clients);
  if (self->store != NULL)
    {
      self->clients = fascia_store_list_clients (self->store, query, flags, &error);
      if (self->clients == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the clients"), error);
    }

  self->reloading = TRUE;
  gtk_list_box_bind_model (self->client_list, self->clients, create_client_row, self, NULL);
  if (shown_id != 0)
    select_id (self, shown_id);
  self->reloading = FALSE;

  n = self->clients != NULL ? g_list_model_get_n_items (self->clients) : 0;
  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (*query == '\0' && flags == FASCIA_STORE_LIST_NONE)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");

  /* The client shown was deleted (or filtered out by the archive): show none. */
  if (shown_id != 0 && gtk_list_box_get_selected_row (self->client_list) == NULL)
    {
      g_autoptr(FasciaClient) still = NULL;

      if (self->store != NULL)
        still = fascia_store_get_client (self->store, shown_id, NULL);
      if (still == NULL)
        {
          fascia_client_view_set_client (self->client_view, NULL);
          gtk_stack_set_visible_child_name (self->content_stack, "none");
        }
    }
}

static void
store_changed_cb (FasciaClientsPage *self,
                  FasciaStoreTable   table,
                  FasciaStoreChange  change,
                  gint64             id,
                  FasciaStore       *store)
{
  if (table == FASCIA_STORE_TABLE_CLIENTS)
    reload (self);
}

static void
search_changed_cb (FasciaClientsPage *self)
{
  reload (self);
}

/* Enter in the search opens the first match. */
static void
search_activate_cb (FasciaClientsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->client_list, 0);

  if (row != NULL)
    {
      gtk_list_box_select_row (self->client_list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
archived_toggled_cb (FasciaClientsPage *self)
{
  reload (self);
}

static void
row_selected_cb (FasciaClientsPage *self,
                 GtkListBoxRow     *row)
{
  g_autoptr(FasciaClient) client = NULL;

  if (row == NULL)
    return;

  client = g_list_model_get_item (self->clients, gtk_list_box_row_get_index (row));
  if (self->reloading && client != NULL
      && fascia_client_view_get_client (self->client_view) != NULL
      && fascia_client_get_id (fascia_client_view_get_client (self->client_view))
         == fascia_client_get_id (client))
    return;

  fascia_client_view_set_client (self->client_view, client);
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  if (!self->reloading)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

FasciaStore *
fascia_clients_page_get_store (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return self->store;
}

void
fascia_clients_page_set_store (FasciaClientsPage *self,
                               FasciaStore       *store)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));
  g_return_if_fail (store == NULL || FASCIA_IS_STORE (store));

  if (self->store == store)
    return;

  fascia_client_view_set_store (self->client_view, NULL);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  fascia_client_view_set_store (self->client_view, store);

  gtk_stack_set_visible_child_name (self->content_stack, "none");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
fascia_clients_page_get_demo (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), FALSE);

  return self->demo;
}

void
fascia_clients_page_set_demo (FasciaClientsPage *self,
                              gboolean           demo)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  demo = !!demo;
  if (self->demo == demo)
    return;

  self->demo = demo;
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

FasciaClient *
fascia_clients_page_get_client (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return fascia_client_view_get_client (self->client_view);
}

void
fascia_clients_page_select_client (FasciaClientsPage *self,
                                   gint64             client_id)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  select_id (self, client_id);
}

FasciaClientView *
fascia_clients_page_get_client_view (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), NULL);

  return self->client_view;
}

guint
fascia_clients_page_get_n_shown (FasciaClientsPage *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENTS_PAGE (self), 0);

  return self->clients != NULL ? g_list_model_get_n_items (self->clients) : 0;
}

/**
 * fascia_clients_page_refresh:
 *
 * Reads everything shown again, after an undo brought rows back.
 */
void
fascia_clients_page_refresh (FasciaClientsPage *self)
{
  g_return_if_fail (FASCIA_IS_CLIENTS_PAGE (self));

  reload (self);
  fascia_client_view_refresh (self->client_view);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (widget);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GError) error = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->store == NULL)
    return;

  /* A search that found nobody is most likely the new client's name. */
  fascia_client_set_name (client, *query && fascia_clients_page_get_n_shown (self) == 0
                                  ? query : _("New client"));
  if (!fascia_store_add_client (self->store, client, &error))
    {
      fascia_ui_show_error (widget, _("Could not add the client"), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload (self);
  select_id (self, fascia_client_get_id (client));
  fascia_client_view_focus_name (self->client_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
active_plan_cb (FasciaClientsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PLAN]);
}

static void
fascia_clients_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_ACTIVE_PLAN:
      g_value_set_object (value, fascia_client_view_get_active_plan (self->client_view));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_clients_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fascia_clients_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_DEMO:
      fascia_clients_page_set_demo (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_clients_page_dispose (GObject *object)
{
  FasciaClientsPage *self = FASCIA_CLIENTS_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  /* The bin's child is a template child; take it out through the bin so both forget it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_CLIENTS_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->clients);

  G_OBJECT_CLASS (fascia_clients_page_parent_class)->dispose (object);
}

/* Folding the window while a client is open keeps the client in view, not the list. */
static void
folded_cb (FasciaClientsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "client") == 0)
    adw_leaflet_set_visible_child (self->leaflet,
                                   gtk_widget_get_parent (GTK_WIDGET (self->content_stack)));
}

static void
fascia_clients_page_class_init (FasciaClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_clients_page_get_property;
  object_class->set_property = fascia_clients_page_set_property;
  object_class->dispose = fascia_clients_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FASCIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_PLAN] =
    g_param_spec_object ("active-plan", NULL, NULL, FASCIA_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_CLIENT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, client_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientsPage, client_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, archived_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "clients.new", NULL, new_client_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "clients.new", NULL);
  gtk_widget_class_install_action (widget_class, "clients.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "clients.search", NULL);
}

static void
fascia_clients_page_init (FasciaClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->client_view, "notify::active-plan",
                           G_CALLBACK (active_plan_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self,
                           G_CONNECT_SWAPPED);
}
