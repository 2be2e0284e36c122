/* fascia-client-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-client-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-client-view.h"
#include "fascia-conflict-dialog.h"
#include "fascia-records-ui.h"
#include "fascia-height-for-width-layout.h"
#include "fascia-list-height-layout.h"
#include "fascia-ui-utils.h"

/*
 * One client: details and intake, plans, visits and progress. Details save as you type,
 * after a short pause; flags save at once. The plan and visit editors open in place of their
 * lists, and the editor that is open decides the client's "active plan" that the Atlas page
 * adds techniques to.
 */

struct _FasciaClientView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *flags_label;
  GtkButton           *archive_button;
  GtkButton           *delete_button;
  GtkMenuButton       *records_button;
  GtkStackSwitcher    *section_switcher;
  GtkStack            *stack;
  AdwPreferencesGroup *intake_group;
  FasciaEntryRow      *name_row;
  FasciaEntryRow      *phone_row;
  FasciaEntryRow      *email_row;
  FasciaEntryRow      *birth_row;
  FasciaEntryRow      *intake_row;
  GtkSwitch           *pregnancy_switch;
  GtkSwitch           *anticoagulants_switch;
  GtkSwitch           *osteoporosis_switch;
  GtkSwitch           *recent_surgery_switch;
  GtkSwitch           *red_flags_switch;
  GtkStack            *plan_stack;
  GtkStack            *plan_list_stack;
  GtkWidget           *new_plan_button;
  GtkListView         *plan_list;
  GtkNoSelection      *plan_selection;
  AdwBin              *plan_editor_bin;
  GtkStack            *visit_stack;
  GtkStack            *visit_list_stack;
  GtkWidget           *new_visit_button;
  GtkListView         *visit_list;
  GtkNoSelection      *visit_selection;
  GtkSliceListModel   *visit_slice;    /* the visits the list offers so far (VISITS_STEP) */
  AdwBin              *visit_editor_bin;
  GtkLabel            *progress_summary;
  FasciaProgressChart *progress_chart;

  /* Built in init: the intake flags migration 3 added, and the trimester */
  GtkSwitch           *more_switches[8];
  AdwComboRow         *trimester_row;

  /* Built when first opened, in plan_editor_bin and visit_editor_bin: a client is looked up
   * far more often than a plan or a visit is edited (see ensure_plan_editor()) */
  FasciaPlanEditor    *plan_editor;
  FasciaVisitEditor   *visit_editor;

  /* Owned */
  FasciaStore         *store;
  FasciaClient        *client;
  GListModel          *plans;        /* shown: plans_read, after those kept (with_kept()) */
  GListModel          *visits;
  GListModel          *plans_read;   /* read from the store */
  GListModel          *visits_read;
  GArray              *scores_read;  /* FasciaVisitScores of visits_read's, oldest first */
  gboolean             scores_unread;  /* visits_read's scores wait for the chart */
  FasciaPlan          *active_plan;
  gulong               changed_id;
  guint                save_source;
  gboolean             loading;
  AdwMessageDialog    *conflict;  /* someone else saved the client: the user chooses */
  FasciaClient        *theirs;
  gboolean             hide_names;  /* the privacy switch: initials, and no name field */
  gboolean             progress_stale;  /* the chart waits for its section to be shown */
  FasciaStoreCapabilities capabilities;  /* what the store's login may read and change */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_ACTIVE_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaClientView, fascia_client_view, ADW_TYPE_BIN)

/* The intake rows built in code, in the order of more_switches, with what each means. */
static const struct
{
  FasciaHealthFlags  flag;
  const char        *subtitle;
} more_flags[] = {
  { FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR,
    N_("No hip extension or outward rotation on that side until the surgeon clears it") },
  { FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR,
    N_("No flexion past 90°, crossing the midline or inward rotation until cleared") },
  { FASCIA_HEALTH_ABDOMINAL_HERNIA, N_("No abdominal or groin pressure near it") },
  { FASCIA_HEALTH_SMOKER, N_("Aortic aneurysm risk factor, with age") },
  { FASCIA_HEALTH_VASCULAR_DISEASE, N_("Aortic aneurysm risk: no deep abdominal pressure") },
  { FASCIA_HEALTH_CANCER, N_("Light pressure; ask the oncology team") },
  { FASCIA_HEALTH_STOMA, N_("Never work over it; no lying face down on it") },
  { FASCIA_HEALTH_ENDOMETRIOSIS, N_("Deep abdominal and pelvic work may provoke pain") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (more_flags) == 8);

static FasciaHealthFlags
read_flags (FasciaClientView *self)
{
  FasciaHealthFlags flags = FASCIA_HEALTH_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (more_flags); i++)
    if (gtk_switch_get_active (self->more_switches[i]))
      flags |= more_flags[i].flag;

  if (gtk_switch_get_active (self->pregnancy_switch))
    flags |= FASCIA_HEALTH_PREGNANCY;
  if (gtk_switch_get_active (self->anticoagulants_switch))
    flags |= FASCIA_HEALTH_ANTICOAGULANTS;
  if (gtk_switch_get_active (self->osteoporosis_switch))
    flags |= FASCIA_HEALTH_OSTEOPOROSIS;
  if (gtk_switch_get_active (self->recent_surgery_switch))
    flags |= FASCIA_HEALTH_RECENT_SURGERY;
  if (gtk_switch_get_active (self->red_flags_switch))
    flags |= FASCIA_HEALTH_RED_FLAGS;

  return flags;
}

static void
update_header (FasciaClientView *self)
{
  g_autofree char *flags = NULL;
  g_autofree char *name = NULL;

  if (self->client == NULL)
    return;

  name = fascia_ui_client_name (self->client, self->hide_names);
  gtk_label_set_label (self->title_label, name);

  flags = fascia_health_flags_describe (fascia_client_get_health_flags (self->client));
  gtk_label_set_label (self->flags_label, flags != NULL ? flags : "");
  gtk_widget_set_visible (GTK_WIDGET (self->flags_label),
                          flags != NULL && (self->capabilities & FASCIA_STORE_CAN_CLINICAL));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               fascia_client_get_archived (self->client)
                               ? _("Restore from Archive") : _("Archive Client"));
}

/* The client's texts, named, that differ between @a and @b. */
typedef struct
{
  const char *name;
  const char *(*get) (FasciaClient *client);
} ClientText;

static const ClientText client_texts[] = {
  { N_("Name"), fascia_client_get_name },
  { N_("Phone"), fascia_client_get_phone },
  { N_("Email"), fascia_client_get_email },
  { N_("Date of birth"), fascia_client_get_date_of_birth },
  { N_("Intake health notes"), fascia_client_get_health_notes },
  { N_("Notes"), fascia_client_get_notes },
};

static void save_now_client (FasciaClientView *self);

static void
client_conflict_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             FasciaClientView *self)
{
  g_autoptr(FasciaClient) theirs = g_steal_pointer (&self->theirs);
  gboolean same = self->client != NULL &&
                  fascia_client_get_id (self->client) == fascia_client_get_id (theirs);

  g_signal_handlers_disconnect_by_data (dialog, self);
  self->conflict = NULL;
  if (!same)
    return;

  if (g_str_equal (response, FASCIA_CONFLICT_KEEP_MINE))
    {
      /* Mine, saved over theirs knowingly. */
      fascia_client_set_revision (self->client, fascia_client_get_revision (theirs));
      save_now_client (self);
      return;
    }

  if (g_str_equal (response, FASCIA_CONFLICT_COPY_MINE))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (client_texts); i++)
        if (g_strcmp0 (client_texts[i].get (self->client), client_texts[i].get (theirs)) != 0)
          g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "",
                                  _(client_texts[i].name), client_texts[i].get (self->client) ?: "");
      if (text->len > 0)
        fascia_conflict_copy_aside (GTK_WIDGET (self), text->str);
    }

  /* Theirs: shown, nothing of mine saved. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->client);
  fascia_client_view_set_client (self, theirs);
}

static void
save_now_client (FasciaClientView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) theirs = NULL;
  AdwMessageDialog *dialog;

  if (!fascia_store_update_client_full (self->store, self->client, &theirs, &error))
    {
      if (theirs == NULL)
        {
          fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                     _("Could not save the client"), error);
          return;
        }

      /* Nothing was saved: both versions go to the user. */
      g_set_object (&self->theirs, theirs);
      dialog = fascia_conflict_dialog_new (GTK_WIDGET (self), _("this client"),
                                           fascia_client_get_updated_by (theirs),
                                           fascia_client_get_updated_at (theirs));
      for (guint i = 0; i < G_N_ELEMENTS (client_texts); i++)
        if (g_strcmp0 (client_texts[i].get (self->client), client_texts[i].get (theirs)) != 0)
          fascia_conflict_dialog_add_field (dialog, _(client_texts[i].name),
                                            client_texts[i].get (theirs),
                                            client_texts[i].get (self->client));
      /* The intake by the names its switches carry. */
      if (fascia_client_get_health_flags (self->client) != fascia_client_get_health_flags (theirs))
        {
          g_autofree char *their_flags =
            fascia_health_flags_describe (fascia_client_get_health_flags (theirs));
          g_autofree char *my_flags =
            fascia_health_flags_describe (fascia_client_get_health_flags (self->client));

          fascia_conflict_dialog_add_field (dialog, _("Intake"),
                                            their_flags != NULL ? their_flags : _("None"),
                                            my_flags != NULL ? my_flags : _("None"));
        }
      self->conflict = dialog;
      g_signal_connect (dialog, "response", G_CALLBACK (client_conflict_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* The fields that save only what is whole, read as they are when the save comes: a field
 * emptied on the way to a new text (select all, type) never saves its empty moment, so
 * when what was typed is not an address or a date, the last good one stays saved. */
static void
apply_checked_fields (FasciaClientView *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  g_autofree char *birth = NULL;

  if (fascia_ui_is_email_or_empty (email))
    fascia_client_set_email (self->client, email);
  if (fascia_ui_date_row_get_date (self->birth_row, &birth))
    fascia_client_set_date_of_birth (self->client, birth);
}

static gboolean
save_now (FasciaClientView *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);

  /* Until the user has chosen, nothing more is saved over their version. */
  if (self->client == NULL || self->store == NULL || self->conflict != NULL)
    return G_SOURCE_REMOVE;

  if (!self->loading)
    apply_checked_fields (self);
  save_now_client (self);
  return G_SOURCE_REMOVE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FasciaClientView *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * fascia_client_view_flush:
 *
 * Writes any edit still waiting for its pause.
 */
void
fascia_client_view_flush (FasciaClientView *self)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  if (self->save_source != 0)
    save_now (self);
  if (self->plan_editor != NULL)
    fascia_plan_editor_flush (self->plan_editor);
  if (self->visit_editor != NULL)
    fascia_visit_editor_flush (self->visit_editor);
}

static void
detail_changed_cb (FasciaClientView *self)
{
  g_autofree char *trimmed = NULL;
  const char *name;

  if (self->loading || self->client == NULL)
    return;

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  /* A client always has a name; a date or an email address is saved once it is whole, and
   * what is not stays in its field, marked, while the rest saves. */
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed != '\0')
    fascia_client_set_name (self->client, name);
  fascia_client_set_phone (self->client, gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  /* The email address and the date of birth are read when the save comes (see
   * apply_checked_fields()). */
  fascia_client_set_health_notes (self->client,
                                  gtk_editable_get_text (GTK_EDITABLE (self->intake_row)));
  update_header (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (FASCIA_SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
flag_changed_cb (FasciaClientView *self)
{
  if (self->loading || self->client == NULL)
    return;

  fascia_client_set_health_flags (self->client, read_flags (self));
  fascia_client_set_pregnancy_trimester (self->client,
                                         adw_combo_row_get_selected (self->trimester_row));
  gtk_widget_set_visible (GTK_WIDGET (self->trimester_row),
                          gtk_switch_get_active (self->pregnancy_switch));
  update_header (self);
  save_now (self);
  if (self->plan_editor != NULL)
    fascia_plan_editor_refresh_warnings (self->plan_editor);
}

static const char *
plan_status_label (FasciaPlanStatus status)
{
  switch (status)
    {
    case FASCIA_PLAN_STATUS_DRAFT:
      return _("Draft");
    case FASCIA_PLAN_STATUS_ACTIVE:
      return _("Active");
    case FASCIA_PLAN_STATUS_COMPLETED:
      return _("Completed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A row of the plan or visit list: a title, a subtitle and an arrow. Only the rows on screen
 * exist; the list view binds them to the items scrolled into view. Each text is shown whole,
 * wrapped between its words, as high as it needs at the row's width: the list is measured
 * at its width (FasciaListHeightLayout), and asks for no more width than
 * the longest word. A screen reader reads them from the row's name. */
static void
setup_row_cb (FasciaClientView   *self,
              GtkListItem        *item,
              GtkListItemFactory *factory)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  for (GtkWidget *label = title; label != NULL; label = label == title ? subtitle : NULL)
    {
      gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (row), text);
  /* The arrow only shows that the row opens: a screen reader leaves it out ("GtkImage"). */
  gtk_box_append (GTK_BOX (row), g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                               NULL));
  gtk_list_item_set_child (item, row);
}

static void
set_row_text (GtkListItem *item,
              const char  *title,
              const char  *subtitle)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *title_label = gtk_widget_get_first_child (gtk_widget_get_first_child (row));
  GtkWidget *subtitle_label = gtk_widget_get_next_sibling (title_label);
  GtkWidget *list_row = gtk_widget_get_parent (row);
  g_autofree char *label = g_strdup_printf ("%s, %s", title, subtitle);

  gtk_label_set_text (GTK_LABEL (title_label), title);
  gtk_label_set_text (GTK_LABEL (subtitle_label), subtitle);
  /* GTK 4.8's list rows have no name of their own for a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (list_row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
}

/* A row added while the clinic server is away (its id below 0), kept on this computer: its
 * subtitle says so, until the server is back and holds it. Takes @subtitle. */
static char *
mark_kept (char *subtitle)
{
  char *marked = g_strdup_printf (_("%s · Waiting to be saved"), subtitle);

  g_free (subtitle);
  return marked;
}

static void
bind_plan_row_cb (FasciaClientView   *self,
                  GtkListItem        *item,
                  GtkListItemFactory *factory)
{
  FasciaPlan *plan = gtk_list_item_get_item (item);
  const char *title = fascia_plan_get_title (plan);
  g_autofree char *start = fascia_ui_format_stored_date (fascia_plan_get_start_date (plan));
  g_autofree char *subtitle = NULL;

  if (*start != '\0')
    subtitle = g_strdup_printf (_("%s · from %s"), plan_status_label (fascia_plan_get_status (plan)),
                                start);
  else
    subtitle = g_strdup (plan_status_label (fascia_plan_get_status (plan)));
  if (fascia_plan_get_id (plan) < 0 || (self->store != NULL &&
      fascia_store_is_kept (self->store, FASCIA_STORE_TABLE_PLANS, fascia_plan_get_id (plan))))
    subtitle = mark_kept (subtitle);

  set_row_text (item, title != NULL && *title ? title : _("Untitled Plan"), subtitle);
}

static char *
describe_pain (int before,
               int after)
{
  if (before >= 0 && after >= 0)
    return g_strdup_printf (_("Pain %d → %d"), before, after);
  if (before >= 0)
    return g_strdup_printf (_("Pain %d before"), before);
  if (after >= 0)
    return g_strdup_printf (_("Pain %d after"), after);
  return g_strdup (_("No pain scores"));
}

static void
bind_visit_row_cb (FasciaClientView   *self,
                   GtkListItem        *item,
                   GtkListItemFactory *factory)
{
  FasciaVisit *visit = gtk_list_item_get_item (item);
  g_autofree char *title = fascia_ui_format_date (fascia_visit_get_visited_at (visit));
  g_autofree char *subtitle = describe_pain (fascia_visit_get_pain_before (visit),
                                             fascia_visit_get_pain_after (visit));

  if (fascia_visit_get_id (visit) < 0 || (self->store != NULL &&
      fascia_store_is_kept (self->store, FASCIA_STORE_TABLE_VISITS, fascia_visit_get_id (visit))))
    subtitle = mark_kept (subtitle);
  set_row_text (item, title != NULL ? title : "", subtitle);
}

static void
set_active_plan (FasciaClientView *self,
                 FasciaPlan       *plan)
{
  if (g_set_object (&self->active_plan, plan))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PLAN]);
}

/* The plan the chart marks: the active one, else the newest. A reference of its own: the
 * list of plans is read a page at a time and keeps only the pages used last. */
static FasciaPlan *
current_plan (FasciaClientView *self)
{
  guint n = self->plans != NULL ? g_list_model_get_n_items (self->plans) : 0;
  FasciaPlan *best = NULL;

  /* A plan added while the clinic server is away is in no list read from it: the one open,
   * the newest (the store saves what is added under it under the row the server adds). */
  if (self->active_plan != NULL && fascia_plan_get_id (self->active_plan) < 0)
    return g_object_ref (self->active_plan);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlan) plan = g_list_model_get_item (self->plans, i);

      if (fascia_plan_get_status (plan) == FASCIA_PLAN_STATUS_ACTIVE)
        {
          g_clear_object (&best);
          return g_steal_pointer (&plan);
        }
      if (best == NULL)
        best = g_steal_pointer (&plan);
    }

  return best;
}

static const char *
section_shown (FasciaClientView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean can_clinical (FasciaClientView *self);

/* The scores alone of the visits read, the latest, oldest first as the chart reads: not
 * every visit with its notes. Read when the chart is drawn, not with the visits: a client
 * opened on its details reads none. While the clinic server is away those read before stay. */
static void
read_scores (FasciaClientView *self)
{
  GArray *scores = NULL;

  if (self->visits_read != NULL && g_list_model_get_n_items (self->visits_read) > 0)
    {
      scores = fascia_store_list_visit_scores (self->store, fascia_client_get_id (self->client),
                                               FASCIA_STORE_MAX_VISIT_SCORES, NULL);
      if (scores == NULL && !fascia_store_is_connected (self->store))
        return;
    }
  g_clear_pointer (&self->scores_read, g_array_unref);
  self->scores_read = scores;
  self->scores_unread = FALSE;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const FasciaProgressPoint *pa = a, *pb = b;

  return (pa->date > pb->date) - (pa->date < pb->date);
}

/* The chart: the scores read (read_scores()), and those of the visits added while the clinic
 * server is away, kept on this computer, each at its date. */
static void
update_progress (FasciaClientView *self)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (FasciaProgressPoint));
  g_autoptr(FasciaPlan) plan = current_plan (self);
  GArray *scores;
  gint64 plan_start = 0;

  if (self->scores_unread)
    read_scores (self);
  scores = self->scores_read;

  if (self->client != NULL && self->store != NULL && can_clinical (self))
    {
      g_autoptr(GListModel) kept = fascia_store_list_added_kept (self->store,
                                                                 FASCIA_STORE_TABLE_VISITS,
                                                                 fascia_client_get_id (self->client));

      for (guint i = 0; i < g_list_model_get_n_items (kept); i++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (kept, i);
          GDateTime *at = fascia_visit_get_visited_at (visit);
          FasciaProgressPoint point = {
            .date = at != NULL ? g_date_time_to_unix (at) : 0,
            .pain_before = fascia_visit_get_pain_before (visit),
            .pain_after = fascia_visit_get_pain_after (visit),
          };

          g_array_append_val (points, point);
        }
    }
  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      const FasciaVisitScores *visit = &g_array_index (scores, FasciaVisitScores, i);
      FasciaProgressPoint point = {
        .date = visit->visited_at / G_USEC_PER_SEC,
        .pain_before = visit->pain_before,
        .pain_after = visit->pain_after,
      };

      g_array_append_val (points, point);
    }

  if (plan != NULL)
    {
      g_autoptr(GDateTime) start = fascia_ui_parse_date (fascia_plan_get_start_date (plan));

      /* The parsed day is at noon: start the plan at its first moment. */
      if (start != NULL)
        plan_start = g_date_time_to_unix (start) - 12 * 60 * 60;
    }

  /* The visits kept are the newest, most often; a date may have been changed. */
  g_array_sort (points, compare_points);
  fascia_progress_chart_set_points (self->progress_chart, (FasciaProgressPoint *) points->data,
                                    points->len);
  fascia_progress_chart_set_plan_start (self->progress_chart, plan_start);
  gtk_label_set_label (self->progress_summary,
                       fascia_progress_chart_get_summary (self->progress_chart));
  self->progress_stale = FALSE;
}

/* The chart reads the client's scores (up to FASCIA_STORE_MAX_VISIT_SCORES of them) when its
 * section is shown, or asked for: a client opened on its details reads none of them. */
static void
progress_changed (FasciaClientView *self)
{
  self->progress_stale = TRUE;
  if (g_strcmp0 (section_shown (self), "progress") == 0)
    update_progress (self);
}

static gboolean
can_clinical (FasciaClientView *self)
{
  return (self->capabilities & FASCIA_STORE_CAN_CLINICAL) != 0;
}

/* The rows of @table (plans or visits) of the client added while the clinic server is away,
 * kept on this computer until it is back, first (the newest), then @read, those read from
 * the store. With nothing read (the client chosen again while the server is away, or the
 * window opened then), the journal still says what was changed of the server's rows: those
 * are listed after the rows added, as they were left. */
static GListModel *
with_kept (FasciaClientView *self,
           FasciaStoreTable  table,
           GListModel       *read)
{
  g_autoptr(GListModel) kept = NULL;
  g_autoptr(GListModel) changed = NULL;
  GListStore *both;

  if (self->client == NULL || self->store == NULL || !can_clinical (self))
    return NULL;
  kept = fascia_store_list_added_kept (self->store, table, fascia_client_get_id (self->client));
  if (read == NULL)
    {
      changed = fascia_store_list_changed_kept (self->store, table,
                                                fascia_client_get_id (self->client));
      /* A visit the journal knows only in part (its notes not changed are the server's):
       * not opened until the server is back (visit_activated_cb()). */
      for (guint i = 0; table == FASCIA_STORE_TABLE_VISITS && i < g_list_model_get_n_items (changed); i++)
        {
          g_autoptr(GObject) visit = g_list_model_get_item (changed, i);

          g_object_set_data (visit, "fascia-kept-in-part", GINT_TO_POINTER (TRUE));
        }
    }
  if (g_list_model_get_n_items (kept) == 0 &&
      (changed == NULL || g_list_model_get_n_items (changed) == 0))
    return read != NULL ? g_object_ref (read) : NULL;

  both = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (both, kept);
  if (changed != NULL)
    g_list_store_append (both, changed);
  if (read != NULL)
    g_list_store_append (both, read);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (both)));
}

/* The plans shown: those kept on this computer, then those read (reload_plans()). */
static void
show_plans (FasciaClientView *self)
{
  g_clear_object (&self->plans);
  self->plans = with_kept (self, FASCIA_STORE_TABLE_PLANS, self->plans_read);

  /* The list's rows are made when its section is shown (see attach_lists()); while the
   * clinic server is away, made again, as show_visits() does. */
  if (self->store != NULL && !fascia_store_is_connected (self->store))
    gtk_no_selection_set_model (self->plan_selection, NULL);
  gtk_no_selection_set_model (self->plan_selection,
                              g_strcmp0 (section_shown (self), "plans") == 0 ? self->plans : NULL);
  gtk_stack_set_visible_child_name (self->plan_list_stack,
                                    self->plans != NULL && g_list_model_get_n_items (self->plans) > 0
                                    ? "list" : "empty");
  if (self->visit_editor != NULL)
    fascia_visit_editor_set_plans (self->visit_editor, self->plans);
}

/* While the clinic server is away it cannot be read: nothing is said (the banner says it),
 * and the client's plans read before stay shown, after those kept on this computer. */
static void
reload_plans (FasciaClientView *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *read = NULL;

  if (self->client != NULL && self->store != NULL && can_clinical (self))
    {
      read = fascia_store_list_plans (self->store, fascia_client_get_id (self->client), &error);
      if (read == NULL && fascia_ui_show_read_error (GTK_WIDGET (self), self->store,
                                                     _("Could not read the plans"), error))
        {
          show_plans (self);
          return;
        }
    }
  g_clear_object (&self->plans_read);
  self->plans_read = read;
  show_plans (self);
}

/* The visits list offers the rows that fill it at first, and a few more each time it is
 * scrolled near its end: GTK 4.8's list view makes (and binds, reading their pages) up to
 * 200 rows of a model whatever it shows, so it is given no more than it is about to show.
 * It is at most 480 px high (fascia-client-view.ui) and a row about 60 px (eight on
 * screen): the first VISITS_STEP rows fill it, and it can be scrolled, which offers more.
 * Rows lower than 54 px (a smaller font) leave its end on screen, and the layout that finds
 * it so offers more. The model is given to the list when the Visits section is shown, not
 * before: a client opened on its details makes no visit row at all. */
#define VISITS_STEP 9

static void
grow_visits (FasciaClientView *self,
             gboolean          scrolled)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->visit_list));
  double value, page, upper;
  guint size, n;

  /* Not laid out yet (or hidden): nothing is shown, and nothing more is needed. */
  if (self->visit_slice == NULL || adj == NULL || gtk_adjustment_get_page_size (adj) <= 0)
    return;

  size = gtk_slice_list_model_get_size (self->visit_slice);
  n = g_list_model_get_n_items (self->visits);
  value = gtk_adjustment_get_value (adj);
  page = gtk_adjustment_get_page_size (adj);
  upper = gtk_adjustment_get_upper (adj);
  /* Scrolled within two screens of the end; or, laid out anew, with its end on screen. */
  if (size < n && value + (scrolled ? 2 : 1) * page >= upper)
    gtk_slice_list_model_set_size (self->visit_slice, MIN (n, size + VISITS_STEP));
}

static void
visits_scrolled_cb (FasciaClientView *self)
{
  grow_visits (self, TRUE);
}

static void
visits_resized_cb (FasciaClientView *self)
{
  grow_visits (self, FALSE);
}

/* The visits given to the list, if its section is shown: as many as it offered before (a
 * visit saved does not take the list back to its first rows' worth), at least VISITS_STEP. */
static void
attach_visits (FasciaClientView *self)
{
  guint size = self->visit_slice != NULL ? gtk_slice_list_model_get_size (self->visit_slice) : 0;

  if (self->visits == NULL || g_strcmp0 (section_shown (self), "visits") != 0)
    {
      gtk_no_selection_set_model (self->visit_selection, NULL);
      g_clear_object (&self->visit_slice);
      return;
    }
  if (self->visit_slice != NULL
      && gtk_slice_list_model_get_model (self->visit_slice) == self->visits)
    return;

  g_clear_object (&self->visit_slice);
  self->visit_slice = gtk_slice_list_model_new (g_object_ref (self->visits), 0,
                                                MAX (size, VISITS_STEP));
  gtk_no_selection_set_model (self->visit_selection, G_LIST_MODEL (self->visit_slice));
}

/* The visits shown: those kept on this computer, then those read (reload_visits()). */
static void
show_visits (FasciaClientView *self)
{
  g_clear_object (&self->visits);
  self->visits = with_kept (self, FASCIA_STORE_TABLE_VISITS, self->visits_read);

  /* While the clinic server is away a visit changed is told by no reading again: its row is
   * made again, to show it as changed and waiting to be saved. */
  if (self->store != NULL && !fascia_store_is_connected (self->store))
    {
      gtk_no_selection_set_model (self->visit_selection, NULL);
      g_clear_object (&self->visit_slice);
    }
  attach_visits (self);
  gtk_stack_set_visible_child_name (self->visit_list_stack,
                                    self->visits != NULL
                                    && g_list_model_get_n_items (self->visits) > 0
                                    ? "list" : "empty");
  progress_changed (self);
}

/* As reload_plans(); the chart too stays as it was read. */
static void
reload_visits (FasciaClientView *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *read = NULL;

  if (self->client != NULL && self->store != NULL && can_clinical (self))
    {
      read = fascia_store_list_visits (self->store, fascia_client_get_id (self->client), &error);
      if (read == NULL && fascia_ui_show_read_error (GTK_WIDGET (self), self->store,
                                                     _("Could not read the visits"), error))
        {
          show_visits (self);
          return;
        }
    }
  g_clear_object (&self->visits_read);
  self->visits_read = read;
  self->scores_unread = TRUE;
  show_visits (self);
}

/* The section shown makes what it shows: the plans' or the visits' rows, the chart. */
static void
section_changed_cb (FasciaClientView *self)
{
  const char *name = section_shown (self);

  if (g_strcmp0 (name, "plans") == 0
      && gtk_no_selection_get_model (self->plan_selection) != self->plans)
    gtk_no_selection_set_model (self->plan_selection, self->plans);
  else if (g_strcmp0 (name, "visits") == 0)
    attach_visits (self);
  else if (g_strcmp0 (name, "progress") == 0 && self->progress_stale)
    update_progress (self);
}

void
fascia_client_view_refresh (FasciaClientView *self)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  if (self->client == NULL)
    return;

  reload_plans (self);
  reload_visits (self);
  if (self->plan_editor != NULL)
    fascia_plan_editor_reload (self->plan_editor);
  if (self->visit_editor != NULL)
    fascia_visit_editor_reload (self->visit_editor);
}

static void
store_changed_cb (FasciaClientView  *self,
                  FasciaStoreTable   table,
                  FasciaStoreChange  change,
                  gint64             id,
                  FasciaStore       *store)
{
  if (self->client == NULL || !can_clinical (self))
    return;

  /* While the server is away, a row kept on this computer was deleted, or its deletion
   * undone: the rows kept are shown again, with those read before (none can be read now). */
  if (!fascia_store_is_connected (self->store))
    {
      if (table == FASCIA_STORE_TABLE_PLANS)
        show_plans (self);
      else if (table == FASCIA_STORE_TABLE_VISITS)
        show_visits (self);
      return;
    }

  switch (table)
    {
    case FASCIA_STORE_TABLE_PLANS:
      reload_plans (self);
      progress_changed (self);
      break;
    case FASCIA_STORE_TABLE_VISITS:
      reload_visits (self);
      break;
    case FASCIA_STORE_TABLE_CLIENTS:
      /* Archived or restored elsewhere (the toast's Undo, Ctrl+Z): the header follows. Only
       * that is read again: the details are this view's own, written as typed. */
      if (id == fascia_client_get_id (self->client))
        {
          g_autoptr(FasciaClient) stored = fascia_store_get_client (self->store, id, NULL);

          if (stored != NULL
              && fascia_client_get_archived (stored) != fascia_client_get_archived (self->client))
            {
              fascia_client_set_archived (self->client, fascia_client_get_archived (stored));
              update_header (self);
            }
        }
      break;
    case FASCIA_STORE_TABLE_PLAN_TARGETS:
    case FASCIA_STORE_TABLE_HOME_EXERCISES:
    case FASCIA_STORE_TABLE_PAIN_MARKS:
    case FASCIA_STORE_TABLE_FINDINGS:
    case FASCIA_STORE_TABLE_AMENDMENTS:
    case FASCIA_STORE_TABLE_STUDY_RESULTS:
    default:
      break;
    }
}

/* Only what the store's login may do is shown: the front desk of a clinic server sees a
 * client's contact details and archive state, and no intake, plans, visits or progress —
 * not a refusal, nothing at all. */
static void
apply_capabilities (FasciaClientView *self)
{
  static const char * const clinical_actions[] = {
    "client.new-plan", "client.new-visit", "client.repeat-visit", "client.export-chart",
    "client.export-fhir", NULL
  };
  static const char * const clinical_sections[] = { "plans", "visits", "progress", NULL };
  gboolean clinical, can_delete;

  self->capabilities = self->store != NULL ? fascia_store_get_capabilities (self->store)
                                           : FASCIA_STORE_CAN_CLINICAL | FASCIA_STORE_CAN_DELETE_CLIENTS;
  clinical = can_clinical (self);
  can_delete = (self->capabilities & FASCIA_STORE_CAN_DELETE_CLIENTS) != 0;

  for (guint i = 0; clinical_actions[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), clinical_actions[i], clinical);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.delete", can_delete);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), can_delete);
  gtk_widget_set_visible (GTK_WIDGET (self->records_button), clinical);
  gtk_widget_set_visible (GTK_WIDGET (self->intake_group), clinical);
  gtk_widget_set_visible (GTK_WIDGET (self->section_switcher), clinical);
  if (!clinical)
    gtk_stack_set_visible_child_name (self->stack, "details");
  for (guint i = 0; clinical_sections[i] != NULL; i++)
    gtk_stack_page_set_visible (gtk_stack_get_page (self->stack,
                                                    gtk_stack_get_child_by_name (self->stack,
                                                                                 clinical_sections[i])),
                                clinical);
  update_header (self);
}

FasciaStore *
fascia_client_view_get_store (FasciaClientView *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_VIEW (self), NULL);

  return self->store;
}

void
fascia_client_view_set_store (FasciaClientView *self,
                              FasciaStore      *store)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));
  g_return_if_fail (store == NULL || FASCIA_IS_STORE (store));

  if (self->store == store)
    return;

  fascia_client_view_set_client (self, NULL);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);

  if (self->plan_editor != NULL)
    fascia_plan_editor_set_store (self->plan_editor, store);
  if (self->visit_editor != NULL)
    fascia_visit_editor_set_store (self->visit_editor, store);
  apply_capabilities (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

FasciaClient *
fascia_client_view_get_client (FasciaClientView *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_VIEW (self), NULL);

  return self->client;
}

static void plan_closed_cb  (FasciaClientView *self);
static void visit_closed_cb (FasciaClientView *self);

/* The editors are the largest part of the view, and each client shown would build and lay
 * them out for nothing: a client is looked up far more often than a plan or a visit is
 * opened. Each is built the first time it is needed, with what the view shows then. */
static FasciaPlanEditor *
ensure_plan_editor (FasciaClientView *self)
{
  if (self->plan_editor != NULL)
    return self->plan_editor;

  self->plan_editor = g_object_new (FASCIA_TYPE_PLAN_EDITOR, NULL);
  fascia_plan_editor_set_store (self->plan_editor, self->store);
  fascia_plan_editor_set_client (self->plan_editor, self->client);
  g_signal_connect_object (self->plan_editor, "closed", G_CALLBACK (plan_closed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->plan_editor_bin, GTK_WIDGET (self->plan_editor));
  /* Built while its stack page is hidden: named now, as the rest of the view was. */
  fascia_ui_name_tree (GTK_WIDGET (self->plan_editor));
  return self->plan_editor;
}

static FasciaVisitEditor *
ensure_visit_editor (FasciaClientView *self)
{
  if (self->visit_editor != NULL)
    return self->visit_editor;

  self->visit_editor = g_object_new (FASCIA_TYPE_VISIT_EDITOR, NULL);
  fascia_visit_editor_set_store (self->visit_editor, self->store);
  fascia_visit_editor_set_client (self->visit_editor, self->client);
  fascia_visit_editor_set_plans (self->visit_editor, self->plans);
  g_signal_connect_object (self->visit_editor, "closed", G_CALLBACK (visit_closed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->visit_editor_bin, GTK_WIDGET (self->visit_editor));
  fascia_ui_name_tree (GTK_WIDGET (self->visit_editor));
  return self->visit_editor;
}

static void
show_lists (FasciaClientView *self)
{
  if (self->plan_editor != NULL)
    fascia_plan_editor_set_plan (self->plan_editor, NULL);
  if (self->visit_editor != NULL)
    fascia_visit_editor_set_visit (self->visit_editor, NULL);
  gtk_stack_set_visible_child_name (self->plan_stack, "list");
  gtk_stack_set_visible_child_name (self->visit_stack, "list");
  set_active_plan (self, NULL);
}

void
fascia_client_view_set_client (FasciaClientView *self,
                               FasciaClient     *client)
{
  FasciaHealthFlags flags;

  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));
  g_return_if_fail (client == NULL || FASCIA_IS_CLIENT (client));

  if (self->client == client)
    return;

  fascia_client_view_flush (self);
  show_lists (self);
  g_set_object (&self->client, client);

  self->loading = TRUE;
  if (client != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), fascia_client_get_name (client) ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row), fascia_client_get_phone (client) ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->email_row), fascia_client_get_email (client) ?: "");
      fascia_ui_field_set_error (GTK_WIDGET (self->email_row), NULL);
      fascia_ui_date_row_set_date (self->birth_row, fascia_client_get_date_of_birth (client));
      gtk_editable_set_text (GTK_EDITABLE (self->intake_row),
                             fascia_client_get_health_notes (client) ?: "");
      flags = fascia_client_get_health_flags (client);
      gtk_switch_set_active (self->pregnancy_switch, flags & FASCIA_HEALTH_PREGNANCY);
      gtk_switch_set_active (self->anticoagulants_switch, flags & FASCIA_HEALTH_ANTICOAGULANTS);
      gtk_switch_set_active (self->osteoporosis_switch, flags & FASCIA_HEALTH_OSTEOPOROSIS);
      gtk_switch_set_active (self->recent_surgery_switch, flags & FASCIA_HEALTH_RECENT_SURGERY);
      gtk_switch_set_active (self->red_flags_switch, flags & FASCIA_HEALTH_RED_FLAGS);
      for (guint i = 0; i < G_N_ELEMENTS (more_flags); i++)
        gtk_switch_set_active (self->more_switches[i], flags & more_flags[i].flag);
      adw_combo_row_set_selected (self->trimester_row,
                                  fascia_client_get_pregnancy_trimester (client));
      gtk_widget_set_visible (GTK_WIDGET (self->trimester_row),
                              flags & FASCIA_HEALTH_PREGNANCY);
    }
  self->loading = FALSE;

  if (self->plan_editor != NULL)
    fascia_plan_editor_set_client (self->plan_editor, client);
  if (self->visit_editor != NULL)
    fascia_visit_editor_set_client (self->visit_editor, client);
  update_header (self);
  /* Another client's (none shown while the server is away and this one cannot be read). */
  g_clear_object (&self->plans_read);
  g_clear_object (&self->visits_read);
  g_clear_pointer (&self->scores_read, g_array_unref);
  reload_plans (self);
  /* Another client's visits list starts again at its first rows. */
  gtk_no_selection_set_model (self->visit_selection, NULL);
  g_clear_object (&self->visit_slice);
  reload_visits (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
fascia_client_view_focus_name (FasciaClientView *self)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  gtk_stack_set_visible_child_name (self->stack, "details");
  /* While names are hidden the name field is too; the phone comes next. */
  gtk_widget_grab_focus (GTK_WIDGET (self->hide_names ? self->phone_row : self->name_row));
}

/**
 * fascia_client_view_set_hide_names:
 * @hide: whether a client may be looking at the screen
 *
 * The privacy switch: while on, the header gives the client's initials and the name and
 * email fields are put away (its text is the name, and it cannot show initials without saving them).
 */
void
fascia_client_view_set_hide_names (FasciaClientView *self,
                                   gboolean          hide)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  hide = !!hide;
  if (self->hide_names == hide)
    return;

  self->hide_names = hide;
  /* An email address is most often the name again ("ann.lee@…"). */
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), !hide);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), !hide);
  update_header (self);
}

/**
 * fascia_client_view_focus_sections:
 *
 * Puts the keyboard focus on the button of the section shown (Details, Plans, Visits or
 * Progress), or, for a login that sees the details alone, on the first of them: not on the
 * Archive or Delete button before them.
 */
void
fascia_client_view_focus_sections (FasciaClientView *self)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->section_switcher)))
    for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->section_switcher));
         button != NULL; button = gtk_widget_get_next_sibling (button))
      if (GTK_IS_TOGGLE_BUTTON (button) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button))
          && gtk_widget_grab_focus (button))
        return;

  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

/**
 * fascia_client_view_show_section:
 * @name: "details", "plans", "visits" or "progress"
 */
void
fascia_client_view_show_section (FasciaClientView *self,
                                 const char       *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *before;

  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  /* Ctrl+2…4 on a login that may not read plans, visits or progress stay on the details. */
  if (!can_clinical (self) && !g_str_equal (name, "details"))
    return;
  before = gtk_stack_get_visible_child (self->stack);
  gtk_stack_set_visible_child_name (self->stack, name);
  /* With the keyboard on a section's button the focus goes along to the button of the section
   * shown, as the Atlas's view keys take it: it stayed on "Details" with Plans shown, where
   * Space went back to the details. So it does from inside the section left (a visit's
   * field, Ctrl+2): it stayed there, hidden, and Tab went on from it out of sight. */
  if (focus != NULL
      && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->section_switcher))
          || (before != NULL && before != gtk_stack_get_visible_child (self->stack)
              && gtk_widget_is_ancestor (focus, before))))
    fascia_client_view_focus_sections (self);
}

void
fascia_client_view_open_plan (FasciaClientView *self,
                              FasciaPlan       *plan)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));
  g_return_if_fail (FASCIA_IS_PLAN (plan));

  fascia_plan_editor_set_plan (ensure_plan_editor (self), plan);
  gtk_stack_set_visible_child_name (self->stack, "plans");
  gtk_stack_set_visible_child_name (self->plan_stack, "editor");
  set_active_plan (self, plan);
}

void
fascia_client_view_open_visit (FasciaClientView *self,
                               FasciaVisit      *visit)
{
  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));
  g_return_if_fail (FASCIA_IS_VISIT (visit));

  fascia_visit_editor_set_visit (ensure_visit_editor (self), visit);
  gtk_stack_set_visible_child_name (self->stack, "visits");
  gtk_stack_set_visible_child_name (self->visit_stack, "editor");
}

/**
 * fascia_client_view_get_plan_editor:
 *
 * The plan editor, built now if no plan was opened yet.
 */
FasciaPlanEditor *
fascia_client_view_get_plan_editor (FasciaClientView *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_VIEW (self), NULL);

  return ensure_plan_editor (self);
}

/**
 * fascia_client_view_get_visit_editor:
 *
 * The visit editor, built now if no visit was opened yet.
 */
FasciaVisitEditor *
fascia_client_view_get_visit_editor (FasciaClientView *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_VIEW (self), NULL);

  return ensure_visit_editor (self);
}

FasciaProgressChart *
fascia_client_view_get_progress_chart (FasciaClientView *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_VIEW (self), NULL);

  if (self->progress_stale)
    update_progress (self);
  return self->progress_chart;
}

/**
 * fascia_client_view_get_active_plan:
 *
 * Returns: (nullable): the plan open in the plan editor, which "Add to plan" adds to.
 */
FasciaPlan *
fascia_client_view_get_active_plan (FasciaClientView *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT_VIEW (self), NULL);

  return self->active_plan;
}

static void
plan_activated_cb (FasciaClientView *self,
                   guint             position)
{
  g_autoptr(FasciaPlan) plan = NULL;

  if (self->plans != NULL)
    plan = g_list_model_get_item (self->plans, position);
  if (plan == NULL)
    return;
  fascia_client_view_open_plan (self, plan);
  /* The plan's first field takes the focus, as a new plan's does. The list's row, hidden,
   * handed it to the editor shown, which gave it to where it was when last left, the Back
   * button after a walk back with the keyboard, or to that button, the first of a new
   * editor: Enter on a plan, then Space, went straight back to the list. */
  fascia_plan_editor_focus_title (self->plan_editor);
}

static void
visit_activated_cb (FasciaClientView *self,
                    guint             position)
{
  g_autoptr(FasciaVisit) visit = NULL;

  if (self->visits != NULL)
    visit = g_list_model_get_item (self->visits, position);
  if (visit != NULL && g_object_get_data (G_OBJECT (visit), "fascia-kept-in-part") != NULL)
    {
      fascia_ui_toast (GTK_WIDGET (self),
                       _("This visit opens when the clinic server is back; its changes are kept"));
      return;
    }
  if (visit == NULL || fascia_visit_get_id (visit) == 0)
    return;
  fascia_client_view_open_visit (self, visit);
  /* Where a new visit puts it, for the same reason as a plan's title above. */
  fascia_visit_editor_focus_start (self->visit_editor);
}

/* Back from an editor, the focus goes to the list, or with the list empty (its last row
 * deleted: "No plans yet") to the button that adds one. It went to the list, hidden behind
 * the empty page, where no ring showed and the next Tab left for the window's page tabs. */
static void
focus_list_or_new (GtkStack  *list_stack,
                   GtkWidget *list,
                   GtkWidget *new_button)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (list_stack), "list") == 0
      && gtk_widget_grab_focus (list))
    return;
  gtk_widget_grab_focus (new_button);
}

static void
plan_closed_cb (FasciaClientView *self)
{
  fascia_plan_editor_set_plan (self->plan_editor, NULL);
  /* A plan added or changed while the server is away is kept on this computer alone. */
  show_plans (self);
  gtk_stack_set_visible_child_name (self->plan_stack, "list");
  set_active_plan (self, NULL);
  focus_list_or_new (self->plan_list_stack, GTK_WIDGET (self->plan_list),
                     self->new_plan_button);
}

static void
visit_closed_cb (FasciaClientView *self)
{
  fascia_visit_editor_set_visit (self->visit_editor, NULL);
  show_visits (self);
  gtk_stack_set_visible_child_name (self->visit_stack, "list");
  focus_list_or_new (self->visit_list_stack, GTK_WIDGET (self->visit_list),
                     self->new_visit_button);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (widget);

  if (self->client == NULL)
    return;

  fascia_client_view_flush (self);
  if (g_str_equal (action_name, "client.export-chart"))
    fascia_records_export_chart (widget, self->store, fascia_client_get_id (self->client));
  else
    fascia_records_export (widget, self->store, fascia_client_get_id (self->client));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (widget);
  gboolean archived;

  if (self->client == NULL)
    return;

  g_autoptr(GError) error = NULL;

  archived = !fascia_client_get_archived (self->client);
  fascia_client_view_flush (self);
  if (!fascia_store_set_client_archived (self->store, fascia_client_get_id (self->client),
                                         archived, &error))
    {
      fascia_ui_show_error (widget, _("Could not archive the client"), error);
      return;
    }
  fascia_client_set_archived (self->client, archived);
  update_header (self);
  if (archived)
    fascia_ui_toast_archived (widget, _("Client archived"), fascia_client_get_id (self->client));
  else
    fascia_ui_toast (widget, _("Client restored from the archive"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (widget);
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->client == NULL)
    return;

  fascia_client_view_flush (self);
  client = g_object_ref (self->client);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_CLIENTS,
                            fascia_client_get_id (client), &error))
    {
      fascia_ui_show_error (widget, _("Could not delete the client"), error);
      return;
    }

  name = fascia_ui_client_name (client, self->hide_names);
  title = g_strdup_printf (_("“%s” deleted"), name);
  fascia_ui_toast_deleted (widget, title, FASCIA_STORE_TABLE_CLIENTS,
                           fascia_client_get_id (client));
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (widget);
  g_autoptr(FasciaPlan) plan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = fascia_ui_format_iso_date (now);
  g_autoptr(GError) error = NULL;

  if (self->client == NULL)
    return;

  plan = fascia_plan_new ();
  fascia_plan_set_client_id (plan, fascia_client_get_id (self->client));
  fascia_plan_set_title (plan, _("New plan"));
  fascia_plan_set_status (plan, FASCIA_PLAN_STATUS_DRAFT);
  fascia_plan_set_sessions_per_week (plan, 1);
  fascia_plan_set_weeks (plan, 6);
  fascia_plan_set_start_date (plan, today);

  /* While the clinic server is away the plan is kept on this computer, and shown at once,
   * in the list too. */
  if (!fascia_store_add_plan (self->store, plan, &error))
    {
      if (!fascia_ui_show_save_error (widget, self->store, _("Could not add the plan"), error))
        return;
      show_plans (self);
    }

  fascia_client_view_open_plan (self, plan);
  fascia_plan_editor_focus_title (self->plan_editor);
}

static FasciaVisit *
start_visit (FasciaClientView *self)
{
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(FasciaPlan) plan = current_plan (self);

  fascia_visit_set_client_id (visit, fascia_client_get_id (self->client));
  fascia_visit_set_visited_at (visit, now);
  fascia_visit_set_pain_before (visit, -1);
  fascia_visit_set_pain_after (visit, -1);
  if (plan != NULL)
    fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));

  return g_steal_pointer (&visit);
}

static void
new_visit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (widget);
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(GError) error = NULL;

  if (self->client == NULL)
    return;

  visit = start_visit (self);
  /* While the clinic server is away the visit is kept on this computer, and shown at once,
   * in the list too. */
  if (!fascia_store_add_visit (self->store, visit, &error))
    {
      if (!fascia_ui_show_save_error (widget, self->store, _("Could not add the visit"), error))
        return;
      show_visits (self);
    }

  fascia_client_view_open_visit (self, visit);
  /* In the editor, on the first thing asked: it stayed on the client list or a section's
   * button, where the editor's tool keys did nothing. */
  fascia_visit_editor_focus_start (self->visit_editor);
}

/* "Whatever you did last time was great": the store copies what was done last time. */
static void
repeat_visit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (widget);
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  if (self->client == NULL)
    return;

  if (self->visits == NULL || g_list_model_get_n_items (self->visits) == 0)
    {
      fascia_ui_toast (widget, _("No earlier visit to repeat"));
      return;
    }

  now = g_date_time_new_now_local ();
  visit = fascia_store_repeat_last_visit (self->store, fascia_client_get_id (self->client), now,
                                          &error);
  /* While the clinic server is away, the last visit is the one shown first here: the new
   * one is made from it and kept on this computer, as a new visit is. */
  if (visit == NULL && !fascia_store_is_connected (self->store) &&
      g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
    {
      g_autoptr(FasciaVisit) last = g_list_model_get_item (self->visits, 0);
      const gint64 *targets;
      gsize n_targets = 0;

      g_clear_error (&error);
      visit = start_visit (self);
      fascia_visit_set_plan_id (visit, fascia_visit_get_plan_id (last));
      targets = fascia_visit_get_treated_target_ids (last, &n_targets);
      fascia_visit_set_treated_target_ids (visit, targets, n_targets);
      if (!fascia_store_add_visit (self->store, visit, &error) &&
          !fascia_ui_show_save_error (widget, self->store, _("Could not repeat the last visit"),
                                      error))
        return;
      show_visits (self);
    }
  else if (visit == NULL)
    {
      fascia_ui_show_error (widget, _("Could not repeat the last visit"), error);
      return;
    }

  fascia_client_view_open_visit (self, visit);
  fascia_visit_editor_focus_start (self->visit_editor);
  fascia_ui_toast (widget, _("New visit started from the last one"));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  fascia_client_view_show_section (FASCIA_CLIENT_VIEW (widget),
                                   g_variant_get_string (parameter, NULL));
}

static void
fascia_client_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ACTIVE_PLAN:
      g_value_set_object (value, self->active_plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_client_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fascia_client_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      fascia_client_view_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_client_view_dispose (GObject *object)
{
  FasciaClientView *self = FASCIA_CLIENT_VIEW (object);

  if (self->save_source != 0)
    save_now (self);
  if (self->conflict != NULL)
    {
      AdwMessageDialog *dialog = self->conflict;

      g_clear_object (&self->client);
      adw_message_dialog_response (dialog, FASCIA_CONFLICT_COPY_MINE);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_clear_object (&self->theirs);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_CLIENT_VIEW);
  self->plan_editor = NULL;
  self->visit_editor = NULL;

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->plans);
  g_clear_object (&self->visits);
  g_clear_object (&self->plans_read);
  g_clear_object (&self->visits_read);
  g_clear_pointer (&self->scores_read, g_array_unref);
  g_clear_object (&self->visit_slice);
  g_clear_object (&self->active_plan);

  G_OBJECT_CLASS (fascia_client_view_parent_class)->dispose (object);
}

static void
fascia_client_view_class_init (FasciaClientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_client_view_get_property;
  object_class->set_property = fascia_client_view_set_property;
  object_class->dispose = fascia_client_view_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FASCIA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, FASCIA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_PLAN] =
    g_param_spec_object ("active-plan", NULL, NULL, FASCIA_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_HEIGHT_FOR_WIDTH_LAYOUT);
  g_type_ensure (FASCIA_TYPE_LIST_HEIGHT_LAYOUT);
  g_type_ensure (FASCIA_TYPE_PLAN_EDITOR);
  g_type_ensure (FASCIA_TYPE_VISIT_EDITOR);
  g_type_ensure (FASCIA_TYPE_PROGRESS_CHART);

  g_type_ensure (FASCIA_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-client-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, title_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, flags_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, archive_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, records_button);
  gtk_widget_class_bind_template_child_full (widget_class, "records_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, section_switcher);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, intake_group);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, name_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, phone_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, email_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, birth_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, intake_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, pregnancy_switch);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, anticoagulants_switch);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, osteoporosis_switch);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, recent_surgery_switch);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, red_flags_switch);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, plan_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, plan_list_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, new_plan_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, plan_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, plan_selection);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, plan_editor_bin);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, visit_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, visit_list_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, new_visit_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, visit_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, visit_selection);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, visit_editor_bin);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, progress_summary);
  gtk_widget_class_bind_template_child (widget_class, FasciaClientView, progress_chart);
  gtk_widget_class_bind_template_callback (widget_class, detail_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, flag_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_plan_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_visit_row_cb);

  gtk_widget_class_install_action (widget_class, "client.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "client.export-chart", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "client.export-fhir", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "client.delete", NULL);
  gtk_widget_class_install_action (widget_class, "client.new-plan", NULL, new_plan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.new-plan", NULL);
  gtk_widget_class_install_action (widget_class, "client.new-visit", NULL, new_visit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.new-visit", NULL);
  gtk_widget_class_install_action (widget_class, "client.repeat-visit", NULL,
                                   repeat_visit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.repeat-visit", NULL);
  /* Ctrl+1…4 reach it from anywhere on the Clients page through win.show-section. */
  gtk_widget_class_install_action (widget_class, "client.show-section", "s", show_section_action);
}

/* The intake group's rows beyond the template's: one switch per flag from fascia-intake.c's
 * vocabulary, and the pregnancy's trimester under the pregnancy switch. */
static void
build_intake_rows (FasciaClientView *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->intake_row),
                                              ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *pregnancy_row = gtk_widget_get_ancestor (GTK_WIDGET (self->pregnancy_switch),
                                                      ADW_TYPE_ACTION_ROW);
  const char *trimesters[] = { N_("Trimester not given"), N_("First trimester"),
                               N_("Second trimester"), N_("Third trimester"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkListBox *list;

  g_assert (group != NULL && pregnancy_row != NULL);

  for (guint i = 0; trimesters[i] != NULL; i++)
    gtk_string_list_append (model, _(trimesters[i]));
  self->trimester_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->trimester_row), _("Trimester"));
  adw_combo_row_set_model (self->trimester_row, G_LIST_MODEL (model));
  gtk_widget_set_visible (GTK_WIDGET (self->trimester_row), FALSE);
  g_signal_connect_swapped (self->trimester_row, "notify::selected",
                            G_CALLBACK (flag_changed_cb), self);

  /* The group's rows live in a list box; insert after the pregnancy row and before the
   * notes, so the form reads in the vocabulary's order. */
  list = GTK_LIST_BOX (gtk_widget_get_parent (pregnancy_row));
  gtk_list_box_insert (list, GTK_WIDGET (self->trimester_row),
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (pregnancy_row)) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (more_flags); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     fascia_health_flag_get_label (more_flags[i].flag));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(more_flags[i].subtitle));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_widget_set_name (sw, fascia_health_flag_get_label (more_flags[i].flag));
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      fascia_health_flag_get_label (more_flags[i].flag), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      g_signal_connect_swapped (sw, "notify::active", G_CALLBACK (flag_changed_cb), self);
      self->more_switches[i] = GTK_SWITCH (sw);
      gtk_list_box_insert (list, row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (
                             gtk_widget_get_ancestor (GTK_WIDGET (self->intake_row),
                                                      GTK_TYPE_LIST_BOX_ROW))));
    }

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && !ADW_IS_COMBO_ROW (row))
      fascia_height_for_width_layout_take_row_text (ADW_ACTION_ROW (row));
  fascia_height_for_width_layout_take_group_text (ADW_PREFERENCES_GROUP (group), list);
}

/**
 * fascia_client_view_set_intake_flag:
 *
 * Sets one intake switch as the user would, for tests and for keyboard-driven set-up.
 */
void
fascia_client_view_set_intake_flag (FasciaClientView  *self,
                                    FasciaHealthFlags  flag,
                                    gboolean           active)
{
  GtkSwitch *sw = NULL;

  g_return_if_fail (FASCIA_IS_CLIENT_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (more_flags); i++)
    if (more_flags[i].flag == flag)
      sw = self->more_switches[i];
  if (flag == FASCIA_HEALTH_PREGNANCY)
    sw = self->pregnancy_switch;
  else if (flag == FASCIA_HEALTH_ANTICOAGULANTS)
    sw = self->anticoagulants_switch;
  else if (flag == FASCIA_HEALTH_OSTEOPOROSIS)
    sw = self->osteoporosis_switch;
  else if (flag == FASCIA_HEALTH_RECENT_SURGERY)
    sw = self->recent_surgery_switch;
  else if (flag == FASCIA_HEALTH_RED_FLAGS)
    sw = self->red_flags_switch;

  g_return_if_fail (sw != NULL);
  gtk_switch_set_active (sw, active);
}

static void
fascia_client_view_init (FasciaClientView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fascia_ui_defer_menu (GTK_WIDGET (self), FASCIA_TYPE_CLIENT_VIEW, "records_button",
                        "records_menu");
  fascia_ui_date_row_init (self->birth_row);
  fascia_ui_email_row_init (self->email_row);
  build_intake_rows (self);
  self->capabilities = FASCIA_STORE_CAN_CLINICAL | FASCIA_STORE_CAN_DELETE_CLIENTS;
  fascia_ui_list_one_tab_stop (GTK_WIDGET (self->plan_list));
  fascia_ui_list_one_tab_stop (GTK_WIDGET (self->visit_list));

  {
    GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->visit_list));

    g_signal_connect_object (adj, "value-changed", G_CALLBACK (visits_scrolled_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (adj, "changed", G_CALLBACK (visits_resized_cb), self,
                             G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (section_changed_cb),
                           self, G_CONNECT_SWAPPED);
}
