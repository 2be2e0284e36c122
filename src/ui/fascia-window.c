/* fascia-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fascia-atlas-page.h"
#include "fascia-clients-page.h"
#include "fascia-records-ui.h"
#include "fascia-study-page.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"
#include "fascia-conflict-dialog.h"

#include "fascia/fascia-store-journal.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

struct _FasciaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *header_bar;
  GtkWidget            *switcher_bar;
  AdwBin               *atlas_bin;
  AdwBin               *clients_bin;
  AdwBin               *study_bin;
  AdwViewStackPage     *study_stack_page;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *client_list_button;
  GtkRevealer          *offline_banner;

  /* Borrowed: each page is built when it is first shown or asked for, in its bin */
  FasciaAtlasPage      *atlas_page;
  FasciaClientsPage    *clients_page;
  FasciaStudyPage      *study_page;
  gint64                pending_client; /* to select when clients_page is built */

  /* Owned */
  guint                 list_button_tick_id;
  guint                 atlas_preload_id;
  guint                 backup_id;     /* today's backup, waiting for the window to be up */
  FasciaStore          *backup_store;  /* (nullable): the store that backup is of */
  gboolean              painted;       /* the window's first frame is on screen */
  gboolean              backup_when_connected;  /* the store opened before its server answered */
  GSettings            *settings;
  FasciaStore          *store;
  FasciaStore          *user_store;   /* kept open while the demo is shown */
  GCancellable         *cancellable;  /* the daily backup */
  GVariant             *last_delete;  /* (ix): the table and id Ctrl+Z brings back */
  gint64                last_archived;  /* or the client it restores from the archive, */
  gboolean              undo_archive;   /* when that came after the deletion */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DEMO,
  PROP_ACTIVE_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  /* A page the login may not use (the Study page at a clinic's front desk) is not shown. */
  if (!adw_view_stack_page_get_visible (adw_view_stack_get_page (self->stack,
                                          adw_view_stack_get_child_by_name (self->stack, page))))
    return;

  adw_view_stack_set_visible_child_name (self->stack, page);
}

/* Ctrl+F, Ctrl+1…4 and Alt+1…3 are application accelerators, handled before the widget
 * with the focus sees the key, so they work wherever the focus is — in a card's text, in the
 * client list, in a field; each goes to the page that is shown. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "atlas") == 0)
    gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_atlas_page (self)), "atlas.search",
                                NULL);
  else if (g_strcmp0 (page, "clients") == 0)
    gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_clients_page (self)),
                                "clients.search", NULL);
}

/* Ctrl+1…4: the Atlas's four views, or the shown client's details, plans, visits and
 * progress. */
static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  static const char * const views[] = {
    "anterior", "posterior-superficial", "posterior-deep", "lateral",
  };
  static const char * const sections[] = { "details", "plans", "visits", "progress" };
  FasciaWindow *self = FASCIA_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->stack);
  int n = g_variant_get_int32 (parameter);

  if (n < 1 || n > 4)
    return;

  if (g_strcmp0 (page, "atlas") == 0)
    gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_atlas_page (self)), "atlas.view", "s",
                                views[n - 1]);
  else if (g_strcmp0 (page, "clients") == 0)
    {
      /* No client view before a client is chosen, and no section to show. */
      FasciaClientView *view = fascia_clients_page_peek_client_view (
        fascia_window_get_clients_page (self));

      if (view != NULL)
        gtk_widget_activate_action (GTK_WIDGET (view), "client.show-section", "s",
                                    sections[n - 1]);
    }
}

/**
 * fascia_window_get_store:
 *
 * Returns: (nullable): the client database the window works on: the user's, or the demo
 *   clinic while it is open.
 */
FasciaStore *
fascia_window_get_store (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
fascia_window_get_demo (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), FALSE);

  return self->user_store != NULL;
}

/**
 * fascia_window_get_active_plan:
 *
 * The plan open in the plan editor. While there is one, the Atlas page offers "Add to plan"
 * on technique cards (the `win.add-to-plan` action) and may show the plan's targets.
 *
 * Returns: (nullable): the active plan
 */
FasciaPlan *
fascia_window_get_active_plan (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), NULL);

  /* Only the Clients page opens plans. */
  if (self->clients_page == NULL)
    return NULL;

  return fascia_clients_page_get_active_plan (self->clients_page);
}

static void active_plan_cb  (FasciaWindow *self);
static void client_shown_cb (FasciaWindow *self);

/* The client to show once the Clients page exists: the one shown last in this database. */
static void
select_pending_client (FasciaWindow *self)
{
  gint64 client_id = self->pending_client;

  /* A clinic server not reached yet: once it is (store_connected_cb()). */
  if (self->store != NULL && !fascia_store_is_connected (self->store))
    return;
  self->pending_client = 0;
  if (client_id > 0)
    fascia_clients_page_select_client (self->clients_page, client_id);
}

/* The Clients page is built when it is first shown, or when the main loop is idle after
 * the first frame, so that the window appears without waiting for it. */
static void update_client_list_button (FasciaWindow *self);
static void queue_client_list_button (FasciaWindow *self);

static FasciaClientsPage *
ensure_clients_page (FasciaWindow *self)
{
  if (self->clients_page != NULL)
    return self->clients_page;

  self->clients_page = g_object_new (FASCIA_TYPE_CLIENTS_PAGE, NULL);
  if (self->store != NULL)
    {
      fascia_clients_page_set_store (self->clients_page, self->store);
      fascia_clients_page_set_demo (self->clients_page, self->user_store != NULL);
    }
  g_settings_bind (self->settings, "hide-client-names", self->clients_page, "hide-names",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->clients_page, "notify::active-plan",
                           G_CALLBACK (active_plan_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clients_page, "notify::client",
                           G_CALLBACK (client_shown_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->clients_bin, GTK_WIDGET (self->clients_page));
  /* Built while another page shows: named now, for screen readers see hidden pages too. */
  fascia_ui_name_tree (GTK_WIDGET (self->clients_page));
  {
    GObject *leaflet = gtk_widget_get_template_child (GTK_WIDGET (self->clients_page),
                                                      FASCIA_TYPE_CLIENTS_PAGE, "leaflet");

    g_signal_connect_object (leaflet, "notify::folded", G_CALLBACK (queue_client_list_button),
                             self, G_CONNECT_SWAPPED);
    g_signal_connect_object (leaflet, "notify::visible-child",
                             G_CALLBACK (queue_client_list_button), self, G_CONNECT_SWAPPED);
  }
  select_pending_client (self);

  return self->clients_page;
}

/* A folded Clients page showing a client offers the way back to the list in the header bar,
 * where it costs no height. */
static void
update_client_list_button (FasciaWindow *self)
{
  gboolean show = FALSE;

  if (self->clients_page != NULL
      && g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "clients") == 0)
    {
      GtkWidget *page = GTK_WIDGET (self->clients_page);
      AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (page,
                                                                        FASCIA_TYPE_CLIENTS_PAGE,
                                                                        "leaflet"));
      /* Not the leaflet's first child: that is its shadow, and the button showed over the
       * list as well. */
      GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (page,
                                                                    FASCIA_TYPE_CLIENTS_PAGE,
                                                                    "content_stack"));

      show = adw_leaflet_get_folded (leaflet)
             && adw_leaflet_get_visible_child (leaflet) == gtk_widget_get_parent (stack);
    }
  gtk_widget_set_visible (self->client_list_button, show);
}

static gboolean
client_list_button_tick_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);

  self->list_button_tick_id = 0;
  update_client_list_button (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated: showing the header bar's button then would
 * change the header bar in the middle of the layout ("Trying to snapshot AdwHeaderBar without
 * a current allocation"), so the button follows at the start of the next frame, before it is
 * laid out. Not in an idle: on a busy machine frames and replies keep the main loop from a
 * default idle, and the button stayed (or stayed away) until the leaflet's slide had ended. */
static void
queue_client_list_button (FasciaWindow *self)
{
  if (self->list_button_tick_id == 0)
    self->list_button_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                              client_list_button_tick_cb,
                                                              NULL, NULL);
}

static void
client_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (ensure_clients_page (self)), "clients.search", NULL);
}

/* Each page's shortcuts (Ctrl+F, Ctrl+1…4, F11, Ctrl+N …) belong to the page and work
 * while the keyboard focus is inside it, so the page shown takes the focus: at start-up
 * the window would otherwise focus the view switcher in the header. */
static void
focus_visible_page (FasciaWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (page == NULL || (focus != NULL && gtk_widget_is_ancestor (focus, page)))
    return;

  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* How long after its first frame the window has the atlas read, if nothing asked for it
 * before: long enough for the window to answer its first key or click first (the atlas costs
 * ~25 ms of processor time, in a worker), soon enough to be there for a first visit to the
 * Atlas page. */
#define ATLAS_PRELOAD_DELAY_MS 1000

static gboolean
preload_atlas_cb (gpointer user_data)
{
  FasciaWindow *self = user_data;

  self->atlas_preload_id = 0;
  fascia_atlas_preload_default ();
  return G_SOURCE_REMOVE;
}

static void schedule_daily_backup (FasciaWindow *self);

static void
first_paint_cb (GdkFrameClock *clock,
                FasciaWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  self->painted = TRUE;
  focus_visible_page (self);
  schedule_daily_backup (self);
  /* A window that opened on the Clients page has not needed the atlas yet. */
  if (!fascia_atlas_default_is_requested () && self->atlas_preload_id == 0)
    self->atlas_preload_id = g_timeout_add_full (G_PRIORITY_LOW, ATLAS_PRELOAD_DELAY_MS,
                                                 preload_atlas_cb, self, NULL);
}

/* A size saved on a larger screen, or by a window that grew, must not open the window
 * past the edges of this one: keep it within the largest monitor's work area. */
static void
clamp_to_monitor (FasciaWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int max_width = 0, max_height = 0;
  int width, height;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
#ifdef GDK_WINDOWING_X11
      if (GDK_IS_X11_MONITOR (monitor))
        gdk_x11_monitor_get_workarea (monitor, &area);
#endif
      max_width = MAX (max_width, area.width);
      max_height = MAX (max_height, area.height);
    }
  if (max_width <= 0 || max_height <= 0)
    return;
  /* Never less than the window can be (its size request, ui/fascia-window.ui). */
  gtk_widget_get_size_request (GTK_WIDGET (self), &width, &height);
  max_width = MAX (max_width, width);
  max_height = MAX (max_height, height);

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > max_width || height > max_height)
    gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, max_width),
                                 MIN (height, max_height));
}

static void
realize_cb (FasciaWindow *self)
{
  clamp_to_monitor (self);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_paint_cb), self, 0);
}

static void
visible_page_cb (FasciaWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  /* tests/bench/bench-clients-startup measures the floor of the program with it: the
   * window, its header bar and its store, with no page built (never set by a user). */
  if (g_getenv ("FASCIA_BENCH_NO_PAGE") != NULL)
    return;
  if (g_strcmp0 (page, "atlas") == 0)
    fascia_window_get_atlas_page (self);
  else if (g_strcmp0 (page, "clients") == 0)
    ensure_clients_page (self);
  else if (g_strcmp0 (page, "study") == 0)
    fascia_window_get_study_page (self);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    focus_visible_page (self);
  update_client_list_button (self);
}

static void hide_names_cb (FasciaWindow *self);

/* The store the Study page keeps its scores in: none for a login that may not study. */
static FasciaStore *
study_store (FasciaWindow *self)
{
  if (self->store == NULL
      || !(fascia_store_get_capabilities (self->store) & FASCIA_STORE_CAN_STUDY))
    return NULL;
  return self->store;
}

/**
 * fascia_window_get_atlas_page:
 *
 * The Atlas page, built the first time it is shown or asked for: a window that opens on
 * another page does not build it (nor its diagram view, cards and tool bar) before its first
 * frame.
 *
 * Returns: (transfer none): the Atlas page
 */
FasciaAtlasPage *
fascia_window_get_atlas_page (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), NULL);

  if (self->atlas_page != NULL)
    return self->atlas_page;

  self->atlas_page = FASCIA_ATLAS_PAGE (fascia_atlas_page_new ());
  g_settings_bind (self->settings, "last-view", self->atlas_page, "view", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-nerves", self->atlas_page, "show-nerves",
                   G_SETTINGS_BIND_DEFAULT);
  /* Presenting to a client shows the diagram alone, without the window's own controls. */
  g_object_bind_property (self->atlas_page, "presentation", self->header_bar, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->atlas_page, "presentation", self->switcher_bar, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  hide_names_cb (self);
  fascia_atlas_page_set_plan (self->atlas_page, self->store, fascia_window_get_active_plan (self));
  adw_bin_set_child (self->atlas_bin, GTK_WIDGET (self->atlas_page));
  /* Built while another page may show: named now, as the Clients page is. */
  fascia_ui_name_tree (GTK_WIDGET (self->atlas_page));

  return self->atlas_page;
}

/**
 * fascia_window_get_study_page:
 *
 * The Study page, built the first time it is shown or asked for.
 *
 * Returns: (transfer none): the Study page
 */
FasciaStudyPage *
fascia_window_get_study_page (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), NULL);

  if (self->study_page != NULL)
    return self->study_page;

  self->study_page = g_object_new (FASCIA_TYPE_STUDY_PAGE, NULL);
  fascia_study_page_set_store (self->study_page, study_store (self));
  adw_bin_set_child (self->study_bin, GTK_WIDGET (self->study_page));
  fascia_ui_name_tree (GTK_WIDGET (self->study_page));

  return self->study_page;
}

FasciaClientsPage *
fascia_window_get_clients_page (FasciaWindow *self)
{
  g_return_val_if_fail (FASCIA_IS_WINDOW (self), NULL);

  return ensure_clients_page (self);
}

/* The store refuses muscle, technique and view ids the atlas does not know, so a plan can
 * never point at a card that is not there. */
static gboolean
atlas_has_id (FasciaStoreIdKind  kind,
              const char        *id,
              gpointer           user_data)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();

  switch (kind)
    {
    case FASCIA_STORE_ID_MUSCLE:
      return fascia_atlas_lookup_muscle (atlas, id) != NULL;
    case FASCIA_STORE_ID_TECHNIQUE:
      return fascia_atlas_lookup_technique (atlas, id) != NULL;
    case FASCIA_STORE_ID_VIEW:
      return fascia_atlas_lookup_view (atlas, id) != NULL;
    default:
      return FALSE;
    }
}

/* The client shown last comes back when the same database opens again; an id means nothing
 * in another file, and the demo clinic is made afresh each time. */
static gint64
last_client_in (FasciaWindow *self,
                FasciaStore  *store)
{
  g_autofree char *database = g_settings_get_string (self->settings, "last-client-database");

  if (store == NULL || g_strcmp0 (database, fascia_store_get_path (store)) != 0)
    return 0;

  return g_settings_get_int64 (self->settings, "last-client");
}

static void
client_shown_cb (FasciaWindow *self)
{
  FasciaClient *client = fascia_clients_page_get_client (self->clients_page);

  /* Closing the window or switching databases clears the view; that is not a choice. */
  if (client == NULL || self->store == NULL || fascia_window_get_demo (self)
      || fascia_client_get_id (client) <= 0)
    return;

  /* The client shown again at start-up is the one the settings hold: writing it back would
   * rewrite the settings file (or take a round trip to dconf) before the first frame. */
  {
    g_autofree char *database = g_settings_get_string (self->settings, "last-client-database");

    if (g_settings_get_int64 (self->settings, "last-client") == fascia_client_get_id (client)
        && g_strcmp0 (database, fascia_store_get_path (self->store)) == 0)
      return;
  }
  g_settings_set_int64 (self->settings, "last-client", fascia_client_get_id (client));
  g_settings_set_string (self->settings, "last-client-database",
                         fascia_store_get_path (self->store));
}

/* What the store's login may do decides what the window offers: the front desk of a clinic
 * server gets the client list and contact details, and no study page, import, export or
 * backup — they are not there, rather than refused. */
static void
apply_capabilities (FasciaWindow *self)
{
  static const char * const clinical_actions[] = {
    "win.import-clients", "win.import-fhir", "win.export-records", "win.back-up", "win.restore",
    NULL
  };
  FasciaStoreCapabilities capabilities = FASCIA_STORE_CAN_CLINICAL | FASCIA_STORE_CAN_STUDY;
  gboolean study;

  if (self->store != NULL)
    capabilities = fascia_store_get_capabilities (self->store);
  for (guint i = 0; clinical_actions[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), clinical_actions[i],
                                   (capabilities & FASCIA_STORE_CAN_CLINICAL) != 0);

  study = (capabilities & FASCIA_STORE_CAN_STUDY) != 0;
  adw_view_stack_page_set_visible (self->study_stack_page, study);
  /* The front desk starts at the client list: its work, not the anatomy. */
  if (!(capabilities & FASCIA_STORE_CAN_CLINICAL) ||
      (!study && g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "study") == 0))
    adw_view_stack_set_visible_child_name (self->stack, "clients");
}

static void
set_store (FasciaWindow *self,
           FasciaStore  *store)
{
  gboolean demo = self->user_store != NULL;
  gint64 last_client;

  if (!g_set_object (&self->store, store))
    return;

  /* Read before the Clients page shows a client of its own choosing and that is saved. */
  last_client = demo ? 0 : last_client_in (self, store);

  if (store != NULL)
    fascia_store_set_id_validator (store, atlas_has_id, NULL, NULL);

  if (self->clients_page != NULL)
    {
      fascia_clients_page_set_store (self->clients_page, store);
      fascia_clients_page_set_demo (self->clients_page, demo);
    }
  apply_capabilities (self);
  if (self->study_page != NULL)
    fascia_study_page_set_store (self->study_page, study_store (self));
  if (self->atlas_page != NULL)
    fascia_atlas_page_set_plan (self->atlas_page, store, fascia_window_get_active_plan (self));
  self->pending_client = last_client;
  if (self->clients_page != NULL)
    select_pending_client (self);
  adw_view_switcher_title_set_subtitle (self->switcher_title, demo ? _("Demo Clinic") : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", !demo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-demo", demo);
  g_clear_pointer (&self->last_delete, g_variant_unref);
  self->last_archived = 0;
  self->undo_archive = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
show_persistent_toast (FasciaWindow *self,
                       const char   *title)
{
  /* A toast's title is markup; the messages quote paths. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* The message stays until it is read and dismissed. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Edits kept while the server was away that the replay could not save, as what they changed
 * was deleted by someone else meanwhile: said once, until dismissed. */
static void
tell_gone (FasciaWindow *self,
           FasciaStore  *store)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  guint n = journal != NULL ? fascia_journal_take_n_gone (journal) : 0;
  g_autofree char *title = NULL;

  if (n == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u change kept while offline was not saved: what it "
                                        "changed was deleted by someone else meanwhile",
                                        "%u changes kept while offline were not saved: what "
                                        "they changed was deleted by someone else meanwhile",
                                        n), n);
  show_persistent_toast (self, title);
}

/* The clinic server could not be reached or is back: the banner says so while it is away. */
static void
store_connected_cb (FasciaStore  *store,
                    GParamSpec   *pspec,
                    FasciaWindow *self)
{
  gtk_revealer_set_reveal_child (self->offline_banner,
                                 store == self->store && !fascia_store_is_connected (store));
  /* Back: the journal was saved, but for what someone else changed or deleted meanwhile. */
  if (store == self->store && fascia_store_is_connected (store))
    {
      /* The first time, for a window opened before the server answered: what this login may
       * do is known now, and the client shown last can be shown. */
      apply_capabilities (self);
      if (self->clients_page != NULL)
        select_pending_client (self);
      if (self->backup_when_connected)
        {
          self->backup_when_connected = FALSE;
          g_set_object (&self->backup_store, store);
          schedule_daily_backup (self);
        }
      tell_gone (self, store);
      fascia_conflict_dialog_show_journal (GTK_WIDGET (self), store);
    }
}

/* A server that answered but would not open as this clinic's database (one of a newer
 * Fascia, or no such database or login on it, also once a connection lost is made anew):
 * said, and the banner goes, as it is not a matter of waiting. */
static void
store_open_failed_cb (FasciaStore  *store,
                      const GError *error,
                      FasciaWindow *self)
{
  g_autofree char *title = g_strdup_printf (_("Could not open the client database: %s"),
                                            error->message);

  if (store != self->store)
    return;
  gtk_revealer_set_reveal_child (self->offline_banner, FALSE);
  show_persistent_toast (self, title);
}

/* On a clinic server, what is typed while the server cannot be reached is kept in a journal
 * in the user's data folder and saved when it is back (also what an earlier session left). A
 * file on this computer needs none: SQLite mode does nothing here. */
static void
keep_unsaved_edits (FasciaWindow *self,
                    FasciaStore  *store)
{
  g_autoptr(GError) error = NULL;
  FasciaJournal *journal;

  if (!fascia_store_is_server_database (fascia_application_get_database_path (
        FASCIA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))))
    return;

  g_signal_connect_object (store, "notify::connected", G_CALLBACK (store_connected_cb), self, 0);
  journal = fascia_store_open_journal (store, &error);
  if (journal == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Edits kept while offline cannot be read: %s"),
                                                error->message);

      show_persistent_toast (self, title);
      return;
    }

  fascia_store_set_journal (store, journal);
  /* A server not reached yet: saved when it is (store_connected_cb()). */
  if (!fascia_store_is_connected (store))
    return;
  if (fascia_journal_get_n_edits (journal) > 0 &&
      !fascia_store_replay_journal (store, journal, NULL, NULL, &error))
    g_warning ("Edits kept while offline are saved when the server is back: %s", error->message);
  else
    {
      tell_gone (self, store);
      fascia_conflict_dialog_show_journal (GTK_WIDGET (self), store);
    }
}

/* Today's backup, made in a worker so that a large database opens at once. */
static void
daily_backup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FasciaStore *store = FASCIA_STORE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = fascia_store_backup_finish (store, result, &error);
  g_autofree char *title = NULL;
  FasciaWindow *self;

  /* Cancelled: the window is gone (user_data with it). */
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = FASCIA_WINDOW (user_data);
  if (g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT))
    {
      /* A damaged database is not worked on: the error names the backups to restore. */
      title = g_strdup_printf (_("Could not open the client database: %s"), error->message);
      show_persistent_toast (self, title);
      if (self->user_store == store)
        g_clear_object (&self->user_store);
      else if (self->store == store)
        set_store (self, NULL);
      return;
    }

  /* The database opened, but today's backup could not be made (a full disk). */
  title = g_strdup_printf (_("No backup was made today: %s"), error->message);
  show_persistent_toast (self, title);
}

/* How long after the window's first frame today's backup begins. The backup checks and
 * copies the whole database in a worker (at 100,000 clients about a second of processor
 * time): begun as the database opened, it took one of a small machine's cores from the
 * window's start-up, and about 100 ms of processor time before the window answered its first
 * key. A window closed before then makes it at its next start. */
#define DAILY_BACKUP_DELAY_MS 3000

static gboolean
daily_backup_start_cb (gpointer user_data)
{
  FasciaWindow *self = user_data;
  g_autoptr(FasciaStore) store = g_steal_pointer (&self->backup_store);

  self->backup_id = 0;
  /* Not of a store the window has left since (the demo shown has the user's kept open). */
  if (store == NULL || (store != self->store && store != self->user_store))
    return G_SOURCE_REMOVE;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  fascia_store_backup_async (store, NULL, self->cancellable, NULL, NULL, daily_backup_cb, self);
  return G_SOURCE_REMOVE;
}

/* Today's backup of the store waiting for one, a while after the window's first frame. */
static void
schedule_daily_backup (FasciaWindow *self)
{
  if (self->backup_store == NULL || !self->painted)
    return;
  g_clear_handle_id (&self->backup_id, g_source_remove);
  self->backup_id = g_timeout_add_full (G_PRIORITY_LOW, DAILY_BACKUP_DELAY_MS,
                                        daily_backup_start_cb, self, NULL);
}

static void
open_user_store (FasciaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (!FASCIA_IS_APPLICATION (app))
    return;

  path = fascia_application_get_database_path (FASCIA_APPLICATION (app));
  /* The daily backup reads the whole database: it runs in a worker, after the window is up
   * (schedule_daily_backup()). A clinic server is connected to in a worker too: the window
   * answers at once, with the banner while the server cannot be reached (connecting to one
   * that does not answer took up to connect_timeout, 10 s, with the window frozen), and
   * keeps what is typed meanwhile in the journal. */
  if (fascia_store_is_server_database (path))
    store = fascia_store_open_in_background (path, &error);
  else
    store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_DAILY_BACKUP, &error);
  if (store == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Could not open the client database: %s"),
                                                error->message);

      /* The file is left as it is. */
      show_persistent_toast (self, title);
      return;
    }

  set_store (self, store);

  /* On a clinic server, the other therapists' changes show here as they are saved. */
  if (!fascia_store_watch_others (store, &error))
    {
      g_warning ("Changes saved elsewhere will show only when reopened: %s", error->message);
      g_clear_error (&error);
    }
  keep_unsaved_edits (self, store);
  /* Its server refused it for good, at the start or when a connection lost was made anew. */
  g_signal_connect_object (store, "open-failed", G_CALLBACK (store_open_failed_cb), self, 0);

  if (!fascia_store_is_connected (store))
    {
      gtk_revealer_set_reveal_child (self->offline_banner, TRUE);
      self->backup_when_connected = TRUE;
      return;
    }

  /* Made once the window is up and has answered its first key. */
  g_set_object (&self->backup_store, store);
  schedule_daily_backup (self);
}

/* The demo clinic lives in its own file beside the user's database, made afresh each time
 * it opens, so trying things out never touches real clients. */
static char *
demo_database_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "fascia", "demo.db", NULL);
}

static void
records_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);

  if (self->store == NULL)
    return;

  if (g_str_equal (action_name, "win.import-clients"))
    fascia_records_import_clients (widget, self->store);
  else if (g_str_equal (action_name, "win.import-fhir"))
    fascia_records_import_fhir (widget, self->store);
  else if (g_str_equal (action_name, "win.export-records"))
    fascia_records_export (widget, self->store, 0);
  else if (g_str_equal (action_name, "win.back-up"))
    fascia_records_back_up (widget, self->store);
  else if (g_str_equal (action_name, "win.restore"))
    {
      /* The demo clinic is made afresh each time: a backup goes into the real records. */
      if (self->user_store != NULL)
        fascia_ui_toast (widget, _("Close the demo clinic to restore a backup"));
      else
        fascia_records_restore (widget, self->store);
    }
}

/**
 * fascia_window_reload_store:
 *
 * Opens the client database again and shows it on every page: after a restore has replaced
 * all of it. Nothing happens while the demo clinic is shown.
 */
void
fascia_window_reload_store (FasciaWindow *self)
{
  g_return_if_fail (FASCIA_IS_WINDOW (self));

  if (self->store == NULL || self->user_store != NULL)
    return;

  set_store (self, NULL);
  open_user_store (self);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  g_autofree char *path = demo_database_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (self->user_store != NULL)
    return;

  g_mkdir_with_parents (dir, 0700);
  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);

      g_remove (file);
    }

  if (!fascia_store_create_demo (path, &error)
      || (store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error)) == NULL)
    {
      fascia_ui_show_error (widget, _("Could not open the demo clinic"), error);
      return;
    }

  self->user_store = self->store != NULL ? g_object_ref (self->store) : NULL;
  if (self->user_store == NULL)
    self->user_store = g_object_ref (store);  /* marks demo mode even without a user store */
  set_store (self, store);
  adw_view_stack_set_visible_child_name (self->stack, "clients");
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Demo clinic open — your own clients are kept apart")));
}

static void
close_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  g_autoptr(FasciaStore) user_store = g_steal_pointer (&self->user_store);

  if (user_store == NULL)
    return;

  if (user_store == self->store)
    g_clear_object (&user_store);
  set_store (self, user_store);
  if (user_store == NULL)
    open_user_store (self);
}

static void
remember_delete_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);

  g_clear_pointer (&self->last_delete, g_variant_unref);
  self->last_delete = g_variant_ref (parameter);
  self->undo_archive = FALSE;
}

static void
remember_archive_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);

  self->last_archived = g_variant_get_int64 (parameter);
  self->undo_archive = TRUE;
}

/* A client archived, restored: the toast's Undo, or Ctrl+Z when the archiving came last. */
static void
undo_archive_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = parameter != NULL ? g_variant_get_int64 (parameter) : self->last_archived;

  if (id <= 0 || self->store == NULL)
    return;
  if (id == self->last_archived)
    {
      self->last_archived = 0;
      self->undo_archive = FALSE;
    }

  if (!fascia_store_set_client_archived (self->store, id, FALSE, &error))
    {
      fascia_ui_show_error (widget, _("Could not undo"), error);
      return;
    }

  if (self->clients_page != NULL)
    fascia_clients_page_refresh (self->clients_page);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  int table;
  gint64 id;

  if (parameter == NULL)
    parameter = self->last_delete;
  if (parameter == NULL || self->store == NULL)
    return;

  g_variant_get (parameter, "(ix)", &table, &id);
  if (self->last_delete != NULL && g_variant_equal (parameter, self->last_delete))
    g_clear_pointer (&self->last_delete, g_variant_unref);

  if (!fascia_store_undelete (self->store, table, id, &error))
    {
      fascia_ui_show_error (widget, _("Could not undo"), error);
      return;
    }

  if (self->clients_page != NULL)
    fascia_clients_page_refresh (self->clients_page);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (FASCIA_WINDOW (widget)->undo_archive)
    undo_archive_action (widget, action_name, NULL);
  else
    undo_delete_action (widget, action_name, NULL);
}

static void
add_to_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FasciaWindow *self = FASCIA_WINDOW (widget);
  FasciaClientView *view;
  const char *technique_id, *muscle_id;

  g_variant_get (parameter, "(&s&s)", &technique_id, &muscle_id);
  if (fascia_window_get_active_plan (self) == NULL)
    return;

  view = fascia_clients_page_get_client_view (self->clients_page);

  if (fascia_plan_editor_add_technique (fascia_client_view_get_plan_editor (view), technique_id,
                                        muscle_id))
    {
      FasciaTechnique *technique = fascia_atlas_lookup_technique (fascia_ui_get_atlas (),
                                                                  technique_id);
      g_autofree char *title = NULL;

      if (technique != NULL && muscle_id != NULL && *muscle_id != '\0')
        {
          g_autofree char *muscle = fascia_ui_muscle_name (muscle_id, FASCIA_SIDE_NONE);

          /* Translators: "Psoas release added to the plan for Psoas major" */
          title = g_strdup_printf (_("%s added to the plan for %s"),
                                   fascia_technique_get_name (technique), muscle);
        }
      fascia_ui_toast (widget, title != NULL ? title : _("Added to the plan"));
    }
}

static void
active_plan_cb (FasciaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-plan",
                                 fascia_window_get_active_plan (self) != NULL);
  if (self->atlas_page != NULL)
    fascia_atlas_page_set_plan (self->atlas_page, self->store,
                                fascia_window_get_active_plan (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PLAN]);
}

static void
application_cb (FasciaWindow *self)
{
  if (self->store == NULL && self->user_store == NULL
      && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    open_user_store (self);
}

static void
fascia_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, fascia_window_get_demo (self));
      break;
    case PROP_ACTIVE_PLAN:
      g_value_set_object (value, fascia_window_get_active_plan (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Lines of shortcuts in a column of the shortcuts window, two columns a page: at 1024×640 a
 * page of it fits the screen. */
#define FASCIA_HELP_OVERLAY_LINES 10

/* The file builds each section of the shortcuts window on one page (GTK 4.8 keeps the order of
 * its groups only when it splits them from one page); split, they keep their order. */
static void
split_help_overlay_pages (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUTS_SECTION (widget))
    {
      g_object_set (widget, "max-height", FASCIA_HELP_OVERLAY_LINES, NULL);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    split_help_overlay_pages (child);
}

/* The shortcuts window (Ctrl+?), built the first time it is asked for: GtkApplication would
 * build it with the window, before the window first shows. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE
                                                                     "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      split_help_overlay_pages (GTK_WIDGET (overlay));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
hide_names_cb (FasciaWindow *self)
{
  /* A page built later reads the setting itself (ensure_clients_page(),
   * fascia_window_get_atlas_page()). */
  if (self->atlas_page != NULL)
    fascia_atlas_page_set_hide_names (self->atlas_page,
                                      g_settings_get_boolean (self->settings,
                                                              "hide-client-names"));
}

static gboolean
size_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_int (value, g_variant_get_int32 (variant));
  return TRUE;
}

/* A size the setting cannot hold is not saved: a window kept within a monitor smaller than
 * the setting's least size (clamp_to_monitor()) is as large as it can be there, and the size
 * saved before stands for the next start, where clamp_to_monitor() fits it again. */
static GVariant *
size_to_setting (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  GSettingsSchemaKey *key = user_data;
  GVariant *size = g_variant_ref_sink (g_variant_new_int32 (g_value_get_int (value)));

  if (!g_settings_schema_key_range_check (key, size))
    g_clear_pointer (&size, g_variant_unref);
  return size;
}

static void
bind_window_size (FasciaWindow *self,
                  const char   *key_name,
                  const char   *property)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  g_settings_bind_with_mapping (self->settings, key_name, self, property,
                                G_SETTINGS_BIND_DEFAULT, size_from_setting, size_to_setting,
                                g_settings_schema_get_key (schema, key_name),
                                (GDestroyNotify) g_settings_schema_key_unref);
}

static void
fascia_window_constructed (GObject *object)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  G_OBJECT_CLASS (fascia_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APPLICATION_ID);
  bind_window_size (self, "window-width", "default-width");
  bind_window_size (self, "window-height", "default-height");
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  /* The privacy switch: while a client can see the screen, every client's name is shown as
   * initials (fascia_client_format_initials()). A menu item and Ctrl+Shift+H. */
  {
    g_autoptr(GAction) hide_names = g_settings_create_action (self->settings, "hide-client-names");

    g_action_map_add_action (G_ACTION_MAP (self), hide_names);
    g_signal_connect_object (self->settings, "changed::hide-client-names",
                             G_CALLBACK (hide_names_cb), self, G_CONNECT_SWAPPED);
    hide_names_cb (self);
  }
  {
    g_autoptr(GSimpleAction) help = g_simple_action_new ("show-help-overlay", NULL);

    g_signal_connect_object (help, "activate", G_CALLBACK (show_help_overlay_cb), self, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));
  }
  g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_cb), self, G_CONNECT_SWAPPED);
  visible_page_cb (self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-plan", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-demo", FALSE);

  /* GtkWindow:application is set after construction; the store follows it. */
  g_signal_connect (self, "notify::application", G_CALLBACK (application_cb), NULL);
}

static void
fascia_window_dispose (GObject *object)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  if (self->list_button_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->list_button_tick_id);
      self->list_button_tick_id = 0;
    }
  g_clear_handle_id (&self->atlas_preload_id, g_source_remove);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_object (&self->backup_store);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_WINDOW);
  self->atlas_page = NULL;
  self->clients_page = NULL;
  self->study_page = NULL;

  g_clear_object (&self->store);
  g_clear_object (&self->user_store);
  /* The window's actions ("win": Hide Client Names, a GSettings action, among them) leave
   * with the window. Something of GTK 4.8's kept the window's action muxer alive after the
   * window was freed (a GtkTooltipWindow of the window was seen to outlive it), and the muxer
   * kept the action group, still tied to the window: a change of the setting afterwards
   * reached the freed window ("g_action_group_action_state_changed: assertion
   * 'G_IS_ACTION_GROUP (action_group)' failed"), while the application outlives the window,
   * as it does for a cancelled job. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "win", NULL);

  G_OBJECT_CLASS (fascia_window_parent_class)->dispose (object);
}

static void
fascia_window_finalize (GObject *object)
{
  FasciaWindow *self = FASCIA_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_delete, g_variant_unref);

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
  object_class->get_property = fascia_window_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FASCIA_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_PLAN] =
    g_param_spec_object ("active-plan", NULL, NULL, FASCIA_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_ATLAS_PAGE);
  g_type_ensure (FASCIA_TYPE_CLIENTS_PAGE);
  g_type_ensure (FASCIA_TYPE_STUDY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fascia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, stack);
  fascia_ui_bind_deferred_menu (widget_class, "primary_menu_button", "primary_menu");
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, atlas_bin);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, clients_bin);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, study_bin);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, study_stack_page);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FasciaWindow, client_list_button);
  gtk_widget_class_install_action (widget_class, "win.client-list", NULL, client_list_action);

  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import-clients", NULL, records_action);
  gtk_widget_class_install_action (widget_class, "win.import-fhir", NULL, records_action);
  gtk_widget_class_install_action (widget_class, "win.export-records", NULL, records_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, records_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, records_action);
  gtk_widget_class_install_action (widget_class, "win.close-demo", NULL, close_demo_action);
  gtk_widget_class_install_action (widget_class, "win.remember-delete", "(ix)",
                                   remember_delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "(ix)", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.remember-archive", "x",
                                   remember_archive_action);
  gtk_widget_class_install_action (widget_class, "win.undo-archive", "x", undo_archive_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  /* "Add to plan" on a technique card: (technique id, muscle id or ""). */
  gtk_widget_class_install_action (widget_class, "win.add-to-plan", "(ss)", add_to_plan_action);

  /* Their keys are application accelerators: see fascia_application_startup(). */
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "i", show_section_action);
}

static void
fascia_window_init (FasciaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fascia_ui_defer_menu (GTK_WIDGET (self), FASCIA_TYPE_WINDOW, "primary_menu_button",
                        "primary_menu");
}
