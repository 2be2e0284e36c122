/* fascia-plan-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-plan-editor"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "fascia/fascia-intake.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-technique.h"

#include "fascia-card-utils.h"
#include "fascia-conflict-dialog.h"
#include "fascia-handout-export.h"
#include "fascia-plan-editor.h"
#include "fascia-ui-utils.h"

/*
 * A treatment plan. Its targets are picked on the diagram: a click on a muscle's left or right
 * side adds that side to the muscle's target or takes it away, so a target is one row per
 * muscle with its side left, right or both. Each target lists the technique cards that treat
 * the muscle, with "Add to Plan" on each. Edits save after a pause in typing; the rows are
 * rebuilt only when targets or techniques come and go, so typing never loses focus.
 */

struct _FasciaPlanEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *heading_label;
  GtkWidget         *warning_box;
  GtkLabel          *warning_summary;
  GtkLabel          *warning_label;
  GtkDropDown       *view_dropdown;
  FasciaDiagramView *diagram_view;
  GtkPaned          *paned;
  GtkWidget         *title_view;
  GtkTextBuffer     *title_buffer;
  GtkTextBuffer     *goals_buffer;
  GtkSpinButton     *sessions_spin;
  GtkSpinButton     *weeks_spin;
  AdwComboRow       *status_row;
  FasciaEntryRow    *start_row;
  FasciaEntryRow    *end_row;
  GtkTextBuffer     *discharge_buffer;
  GtkWidget         *goals_view;
  GtkWidget         *discharge_view;
  GtkListBox        *target_list;
  GtkMenuButton     *exercise_button;
  GtkPopover        *exercise_popover;
  GtkSearchEntry    *exercise_search;
  GtkScrolledWindow *exercise_scroller;
  GtkListBox        *exercise_choices;
  GtkListBox        *exercise_list;

  /* Owned */
  FasciaStore       *store;
  FasciaClient      *client;
  FasciaPlan        *plan;
  GListModel        *targets;
  GListModel        *exercises;
  GHashTable        *dirty;       /* FasciaPlanTarget / FasciaHomeExercise → itself */
  GHashTable        *removed_offline;  /* gint64 id → the target and where it was: taken away
                                        * while the clinic server is away, until undone */
  gulong             targets_changed_id;
  char              *warning;
  guint              save_source;
  gboolean           plan_dirty;
  AdwMessageDialog  *conflict;  /* someone else saved the plan: the user chooses */
  FasciaPlan        *theirs;
  gboolean           loading;
};

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FasciaPlanEditor, fascia_plan_editor, ADW_TYPE_BIN)

static void text_fit (GtkWidget *view);

static void rebuild_targets   (FasciaPlanEditor *self);
static void rebuild_exercises (FasciaPlanEditor *self);

/* The plan's texts, named, for the conflict dialog. */
typedef struct
{
  const char *name;
  const char *(*get) (FasciaPlan *plan);
} PlanText;

static const PlanText plan_texts[] = {
  { N_("Title"), fascia_plan_get_title },
  { N_("Goals"), fascia_plan_get_goals },
  { N_("Discharge criteria"), fascia_plan_get_discharge_criteria },
  { N_("Start date"), fascia_plan_get_start_date },
  { N_("End date"), fascia_plan_get_end_date },
};

static gboolean save_now (FasciaPlanEditor *self);

static void
plan_conflict_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           FasciaPlanEditor *self)
{
  g_autoptr(FasciaPlan) theirs = g_steal_pointer (&self->theirs);
  gboolean same = self->plan != NULL &&
                  fascia_plan_get_id (self->plan) == fascia_plan_get_id (theirs);

  g_signal_handlers_disconnect_by_data (dialog, self);
  self->conflict = NULL;
  if (!same)
    return;

  if (g_str_equal (response, FASCIA_CONFLICT_KEEP_MINE))
    {
      fascia_plan_set_revision (self->plan, fascia_plan_get_revision (theirs));
      self->plan_dirty = TRUE;
      save_now (self);
      return;
    }

  if (g_str_equal (response, FASCIA_CONFLICT_COPY_MINE))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (plan_texts); i++)
        if (g_strcmp0 (plan_texts[i].get (self->plan), plan_texts[i].get (theirs)) != 0)
          g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "",
                                  _(plan_texts[i].name), plan_texts[i].get (self->plan) ?: "");
      if (text->len > 0)
        fascia_conflict_copy_aside (GTK_WIDGET (self), text->str);
    }

  /* Theirs: shown, nothing of mine saved. */
  self->plan_dirty = FALSE;
  g_clear_object (&self->plan);
  fascia_plan_editor_set_plan (self, theirs);
}

static void
show_plan_conflict (FasciaPlanEditor *self,
                    FasciaPlan       *theirs)
{
  AdwMessageDialog *dialog;

  g_set_object (&self->theirs, theirs);
  dialog = fascia_conflict_dialog_new (GTK_WIDGET (self), _("this plan"),
                                       fascia_plan_get_updated_by (theirs),
                                       fascia_plan_get_updated_at (theirs));
  for (guint i = 0; i < G_N_ELEMENTS (plan_texts); i++)
    if (g_strcmp0 (plan_texts[i].get (self->plan), plan_texts[i].get (theirs)) != 0)
      fascia_conflict_dialog_add_field (dialog, _(plan_texts[i].name), plan_texts[i].get (theirs),
                                        plan_texts[i].get (self->plan));
  self->conflict = dialog;
  g_signal_connect (dialog, "response", G_CALLBACK (plan_conflict_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The dates, read as the fields are when the save comes: what is not a date stays in its
 * field, marked, and is not saved — nor is the empty moment of a field on the way to a new
 * text (select all, type), so the last good date stays saved. */
static void
apply_dates (FasciaPlanEditor *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *starts;

  if (fascia_ui_date_row_get_date (self->start_row, &start))
    fascia_plan_set_start_date (self->plan, start);
  if (!fascia_ui_date_row_get_date (self->end_row, &end))
    return;

  /* An end before the start is a slip of the keyboard: kept in its field, marked, and the
   * end saved before stays (the dates are YYYY-MM-DD, so they compare as text). */
  starts = fascia_plan_get_start_date (self->plan);
  if (*end != '\0' && starts != NULL && *starts != '\0' && strcmp (end, starts) < 0)
    {
      g_autofree char *shown = fascia_ui_format_stored_date (starts);
      /* Translators: under a plan's end date that is before its start; %s is the start */
      g_autofree char *message = g_strdup_printf (_("Before the plan’s start (%s), not saved."),
                                                  shown);

      fascia_ui_field_set_error (GTK_WIDGET (self->end_row), message);
      return;
    }
  /* A start moved back before it mends the end too. */
  fascia_ui_field_set_error (GTK_WIDGET (self->end_row), NULL);
  fascia_plan_set_end_date (self->plan, end);
}

static gboolean
save_now (FasciaPlanEditor *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer object;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  /* Until the user has chosen, the plan's own fields wait; its targets and exercises are rows
   * of their own and are saved. */
  if (self->plan_dirty && self->plan != NULL && self->conflict == NULL)
    {
      g_autoptr(FasciaPlan) theirs = NULL;

      self->plan_dirty = FALSE;
      if (!self->loading)
        apply_dates (self);
      if (!fascia_store_update_plan_full (self->store, self->plan, &theirs, &error))
        {
          if (theirs != NULL)
            {
              self->plan_dirty = TRUE;
              show_plan_conflict (self, theirs);
            }
          else
            fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                       _("Could not save the plan"), error);
        }
      g_clear_error (&error);
    }

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &object, NULL))
    {
      gboolean ok;

      if (FASCIA_IS_PLAN_TARGET (object))
        ok = fascia_store_update_plan_target (self->store, object, &error);
      else
        ok = fascia_store_update_home_exercise (self->store, object, &error);
      if (!ok)
        fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                   _("Could not save the plan"), error);
      g_clear_error (&error);
      g_hash_table_iter_remove (&iter);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FasciaPlanEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (FasciaPlanEditor *self,
               gpointer          object)
{
  if (object == NULL)
    self->plan_dirty = TRUE;
  else
    g_hash_table_add (self->dirty, g_object_ref (object));

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (FASCIA_SAVE_DELAY_MS, save_timeout_cb, self);
}

void
fascia_plan_editor_flush (FasciaPlanEditor *self)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  if (self->save_source != 0)
    save_now (self);
}

static void
update_heading (FasciaPlanEditor *self)
{
  const char *title = self->plan != NULL ? fascia_plan_get_title (self->plan) : NULL;

  gtk_label_set_label (self->heading_label, title != NULL && *title ? title : _("Untitled Plan"));
}

static void
field_changed_cb (FasciaPlanEditor *self)
{
  if (self->loading || self->plan == NULL)
    return;

  {
    GtkTextIter begin, end_iter;
    g_autofree char *title = NULL;

    gtk_text_buffer_get_bounds (self->title_buffer, &begin, &end_iter);
    title = gtk_text_buffer_get_text (self->title_buffer, &begin, &end_iter, FALSE);
    fascia_plan_set_title (self->plan, title);
  }
  {
    GtkTextIter begin, end_iter;
    g_autofree char *goals = NULL;

    gtk_text_buffer_get_bounds (self->goals_buffer, &begin, &end_iter);
    goals = gtk_text_buffer_get_text (self->goals_buffer, &begin, &end_iter, FALSE);
    fascia_plan_set_goals (self->plan, goals);
  }
  fascia_plan_set_sessions_per_week (self->plan,
                                     gtk_spin_button_get_value_as_int (self->sessions_spin));
  fascia_plan_set_weeks (self->plan, gtk_spin_button_get_value_as_int (self->weeks_spin));
  fascia_plan_set_status (self->plan, adw_combo_row_get_selected (self->status_row));
  /* The dates are read when the save comes (see apply_dates()). */
  {
    GtkTextIter begin, end_iter;
    g_autofree char *discharge = NULL;

    gtk_text_buffer_get_bounds (self->discharge_buffer, &begin, &end_iter);
    discharge = gtk_text_buffer_get_text (self->discharge_buffer, &begin, &end_iter, FALSE);
    fascia_plan_set_discharge_criteria (self->plan, discharge);
  }
  update_heading (self);
  schedule_save (self, NULL);
}

/* The title is one paragraph, wrapped at its words in the field: a line break pasted or
 * typed into it becomes a space, since a title is shown on one line in the plan list and the
 * handout. */
static void
title_insert_cb (GtkTextBuffer    *buffer,
                 GtkTextIter      *location,
                 const char       *text,
                 int               len,
                 FasciaPlanEditor *self)
{
  g_autofree char *line = NULL;

  if (len < 0)
    len = strlen (text);
  if (memchr (text, '\n', len) == NULL && memchr (text, '\r', len) == NULL)
    return;

  line = g_strndup (text, len);
  for (char *p = line; *p != '\0'; p++)
    if (*p == '\r' && p[1] == '\n')
      memmove (p, p + 1, strlen (p));  /* a Windows line break is one space */
  g_strdelimit (line, "\r\n", ' ');

  g_signal_stop_emission_by_name (buffer, "insert-text");
  g_signal_handlers_block_by_func (buffer, title_insert_cb, self);
  gtk_text_buffer_insert (buffer, location, line, -1);
  g_signal_handlers_unblock_by_func (buffer, title_insert_cb, self);
}

/* Enter ends the title, as in an entry: it is saved at once and the keyboard goes on to the
 * next field. */
static gboolean
title_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              FasciaPlanEditor      *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  fascia_plan_editor_flush (self);
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static FasciaPlanTarget *
find_target (FasciaPlanEditor *self,
             const char       *muscle_id)
{
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);

      if (g_strcmp0 (fascia_plan_target_get_muscle_id (target), muscle_id) == 0)
        return target;  /* the model holds a reference */
    }

  return NULL;
}

static void
update_diagram (FasciaPlanEditor *self)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;

  if (diagram == NULL)
    return;

  fascia_diagram_view_clear_region_styles (self->diagram_view, FASCIA_REGION_STYLE_TARGET);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);
      const char *muscle_id = fascia_plan_target_get_muscle_id (target);
      FasciaSide side = fascia_plan_target_get_side (target);
      FasciaSide sides[2] = { FASCIA_SIDE_NONE, FASCIA_SIDE_NONE };

      if (side == FASCIA_SIDE_BOTH)
        {
          sides[0] = FASCIA_SIDE_LEFT;
          sides[1] = FASCIA_SIDE_RIGHT;
        }
      else
        sides[0] = side;

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          g_autofree char *region_id = NULL;

          if (s > 0 && sides[s] == FASCIA_SIDE_NONE)
            break;
          region_id = fascia_ui_region_id_for (muscle_id, sides[s]);
          if (fascia_diagram_lookup_region (diagram, region_id) != NULL)
            fascia_diagram_view_add_region_style (self->diagram_view, region_id,
                                                  FASCIA_REGION_STYLE_TARGET);
        }
    }
  fascia_diagram_view_styles_changed (self->diagram_view);
}

/* A ⚠ before a row whose technique the client's intake warns about; the warning is its
 * tooltip and its accessible name. */
static GtkWidget *
warning_icon (const char *warning)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_tooltip_text (icon, warning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning, -1);
  gtk_widget_set_name (icon, "intake-warning");
  return icon;
}

/* Every intake warning for the plan's techniques and home exercises, one line each, and the
 * techniques' names in @names. Returns: whether it added one. */
static guint
append_warning (GString          *text,
                GString          *names,
                FasciaConditions  conditions,
                FasciaTechnique  *technique)
{
  g_autofree char *warning = NULL;

  if (technique == NULL)
    return 0;
  warning = fascia_intake_check_technique (conditions, technique);
  if (warning == NULL)
    return 0;
  if (strstr (text->str, fascia_technique_get_name (technique)) != NULL &&
      strstr (text->str, warning) != NULL)
    return 0;  /* the same technique for two targets warns once */
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "⚠ %s: %s", fascia_technique_get_name (technique), warning);
  if (names->len > 0)
    g_string_append (names, ", ");
  g_string_append (names, fascia_technique_get_name (technique));
  return 1;
}

static void
update_warning (FasciaPlanEditor *self)
{
  FasciaConditions conditions = fascia_intake_client_conditions (self->client);
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_warnings = 0;
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;
  guint n_exercises = self->exercises != NULL ? g_list_model_get_n_items (self->exercises) : 0;

  for (guint i = 0; i < n && conditions != 0 && atlas != NULL; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);
      const char * const *ids = fascia_plan_target_get_technique_ids (target);

      for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
        n_warnings += append_warning (text, names, conditions,
                                      fascia_atlas_lookup_technique (atlas, ids[k]));
    }

  for (guint i = 0; i < n_exercises && conditions != 0 && atlas != NULL; i++)
    {
      g_autoptr(FasciaHomeExercise) exercise = g_list_model_get_item (self->exercises, i);

      n_warnings += append_warning (text, names, conditions,
                                    fascia_atlas_lookup_technique (atlas,
                                                                   fascia_home_exercise_get_technique_id (exercise)));
    }

  g_free (self->warning);
  self->warning = text->len > 0 ? g_strdup (text->str) : NULL;
  gtk_label_set_label (self->warning_label, self->warning != NULL ? self->warning : "");
  if (self->warning != NULL)
    {
      g_autofree char *summary =
        /* Translators: the plan editor's one-line summary of its intake warnings, then the
         * techniques they are about ("⚠ 2 cautions for this client: Sphinx stretch, …") */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "⚠ %u caution for this client: %s",
                                      "⚠ %u cautions for this client: %s", n_warnings),
                         n_warnings, names->str);

      gtk_label_set_label (self->warning_summary, summary);
      /* The expander is read as the button it is by its summary: GTK 4.8 names it by its
       * label only when it is given as text, and read this one as "GtkExpander". */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
      gtk_widget_set_tooltip_text (self->warning_box, _("Show what to be careful of"));
    }
  gtk_widget_set_visible (self->warning_box, self->warning != NULL);
}

void
fascia_plan_editor_refresh_warnings (FasciaPlanEditor *self)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  update_warning (self);
  rebuild_targets (self);
  rebuild_exercises (self);
}

/* The targets as self->targets holds them, shown. */
static void
show_targets (FasciaPlanEditor *self)
{
  rebuild_targets (self);
  update_diagram (self);
  update_warning (self);
}

static void
reload_targets (FasciaPlanEditor *self)
{
  g_autoptr(GError) error = NULL;

  fascia_plan_editor_flush (self);
  g_clear_object (&self->targets);
  g_hash_table_remove_all (self->removed_offline);
  if (self->plan != NULL && self->store != NULL)
    {
      self->targets = fascia_store_list_plan_targets (self->store, fascia_plan_get_id (self->plan),
                                                      &error);
      if (self->targets == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the plan’s targets"), error);
    }

  show_targets (self);
}

static void
reload_exercises (FasciaPlanEditor *self)
{
  g_autoptr(GError) error = NULL;

  fascia_plan_editor_flush (self);
  g_clear_object (&self->exercises);
  if (self->plan != NULL && self->store != NULL)
    {
      self->exercises = fascia_store_list_home_exercises (self->store,
                                                          fascia_plan_get_id (self->plan), &error);
      if (self->exercises == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the home exercises"), error);
    }

  rebuild_exercises (self);
  update_warning (self);
}

void
fascia_plan_editor_reload (FasciaPlanEditor *self)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  if (self->plan == NULL)
    return;

  reload_targets (self);
  reload_exercises (self);
}

/* Target rows */

static void
target_pressure_cb (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    FasciaPlanEditor *self)
{
  FasciaPlanTarget *target = g_object_get_data (G_OBJECT (row), "target");

  fascia_plan_target_set_pressure (target, adw_combo_row_get_selected (row));
  schedule_save (self, target);
}

static void
target_duration_cb (GtkSpinButton    *spin,
                    FasciaPlanEditor *self)
{
  FasciaPlanTarget *target = g_object_get_data (G_OBJECT (spin), "target");

  fascia_plan_target_set_duration_minutes (target, gtk_spin_button_get_value_as_int (spin));
  schedule_save (self, target);
}

static void
target_notes_cb (GtkEditable      *editable,
                 FasciaPlanEditor *self)
{
  FasciaPlanTarget *target = g_object_get_data (G_OBJECT (editable), "target");

  fascia_plan_target_set_notes (target, gtk_editable_get_text (editable));
  schedule_save (self, target);
}

static void
set_techniques (FasciaPlanEditor   *self,
                FasciaPlanTarget   *target,
                const char * const *ids)
{
  g_autoptr(GError) error = NULL;

  fascia_plan_target_set_technique_ids (target, ids);
  g_hash_table_remove (self->dirty, target);
  if (!fascia_store_update_plan_target (self->store, target, &error))
    fascia_ui_show_save_error (GTK_WIDGET (self), self->store, _("Could not save the plan"),
                               error);

  update_warning (self);
  rebuild_targets (self);
}

static gboolean
target_add_technique (FasciaPlanEditor *self,
                      FasciaPlanTarget *target,
                      const char       *technique_id)
{
  const char * const *ids = fascia_plan_target_get_technique_ids (target);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  FasciaTechnique *technique = atlas != NULL ? fascia_atlas_lookup_technique (atlas, technique_id)
                                             : NULL;
  g_autofree char *warning = NULL;

  if (technique == NULL)
    return FALSE;
  if (ids != NULL && g_strv_contains (ids, technique_id))
    return TRUE;

  if (ids != NULL)
    g_strv_builder_addv (builder, (const char **) ids);
  g_strv_builder_add (builder, technique_id);
  new_ids = g_strv_builder_end (builder);
  set_techniques (self, target, (const char * const *) new_ids);

  if (self->client != NULL)
    warning = fascia_intake_check_technique (fascia_intake_client_conditions (self->client),
                                             technique);
  if (warning != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Check the intake: %s"), warning);

      fascia_ui_toast (GTK_WIDGET (self), title);
    }

  return TRUE;
}

static void
add_technique_clicked_cb (GtkButton        *button,
                          FasciaPlanEditor *self)
{
  FasciaPlanTarget *target = g_object_get_data (G_OBJECT (button), "target");
  const char *technique_id = g_object_get_data (G_OBJECT (button), "technique");

  target_add_technique (self, target, technique_id);
}

static void
remove_technique_clicked_cb (GtkButton        *button,
                             FasciaPlanEditor *self)
{
  FasciaPlanTarget *target = g_object_get_data (G_OBJECT (button), "target");
  const char *technique_id = g_object_get_data (G_OBJECT (button), "technique");
  const char * const *ids = fascia_plan_target_get_technique_ids (target);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], technique_id) != 0)
      g_strv_builder_add (builder, ids[i]);
  new_ids = g_strv_builder_end (builder);
  set_techniques (self, target, (const char * const *) new_ids);
}

typedef struct
{
  gint64            id;
  FasciaPlanTarget *target;
  guint             position;
} RemovedTarget;

static void
removed_target_free (gpointer data)
{
  RemovedTarget *removed = data;

  g_object_unref (removed->target);
  g_free (removed);
}

/* The removal of a target taken away while the clinic server is away was undone (the journal
 * forgot it, or took back the target added meanwhile): it shows again where it was, with
 * nothing read from the server. */
static void
restored_target_cb (FasciaStore       *store,
                    FasciaStoreTable   table,
                    FasciaStoreChange  change,
                    gint64             id,
                    gint64             client_id,
                    FasciaPlanEditor  *self)
{
  RemovedTarget *removed;

  if (change != FASCIA_STORE_CHANGE_RESTORED || !G_IS_LIST_STORE (self->targets) ||
      (removed = g_hash_table_lookup (self->removed_offline, &id)) == NULL)
    return;

  g_list_store_insert (G_LIST_STORE (self->targets),
                       MIN (removed->position, g_list_model_get_n_items (self->targets)),
                       removed->target);
  g_hash_table_remove (self->removed_offline, &id);
  show_targets (self);
}

static void
delete_target (FasciaPlanEditor *self,
               FasciaPlanTarget *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = fascia_ui_muscle_name (fascia_plan_target_get_muscle_id (target),
                                                 fascia_plan_target_get_side (target));
  g_autofree char *title = NULL;
  gint64 id = fascia_plan_target_get_id (target);

  fascia_plan_editor_flush (self);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_PLAN_TARGETS, id, &error) &&
      !fascia_ui_show_save_error (GTK_WIDGET (self), self->store, _("Could not remove the target"),
                                  error))
    return;

  title = g_strdup_printf (_("%s removed from the plan"), name);
  fascia_ui_toast_deleted (GTK_WIDGET (self), title, FASCIA_STORE_TABLE_PLAN_TARGETS, id);
  /* While the clinic server is away the targets cannot be read again: the one removed goes
   * from those shown (kept in the journal, it is removed when the server is back), kept here
   * until its undo (restored_target_cb()). */
  if (!fascia_store_is_connected (self->store) && G_IS_LIST_STORE (self->targets))
    {
      guint position;

      if (g_list_store_find (G_LIST_STORE (self->targets), target, &position))
        {
          RemovedTarget *removed = g_new (RemovedTarget, 1);

          removed->id = id;
          removed->target = g_object_ref (target);
          removed->position = position;
          g_hash_table_replace (self->removed_offline, &removed->id, removed);
          g_list_store_remove (G_LIST_STORE (self->targets), position);
        }
      show_targets (self);
      return;
    }
  reload_targets (self);
}

static void
remove_target_clicked_cb (GtkButton        *button,
                          FasciaPlanEditor *self)
{
  delete_target (self, g_object_get_data (G_OBJECT (button), "target"));
}

/* A row's title asks for no more than a line of a narrow pane: its natural width would
 * otherwise be the whole name on one line, and the pane (and with it the window) would be
 * asked to widen for it. Its least width stays its longest word, so that no word breaks. */
static void
bound_row_title_width (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title"))
    {
      gtk_label_set_max_width_chars (GTK_LABEL (widget), 24);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    bound_row_title_width (child);
}

static GtkWidget *
technique_card_row (FasciaPlanEditor *self,
                    FasciaPlanTarget *target,
                    FasciaTechnique  *technique,
                    gboolean          chosen)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *warning = NULL;
  g_autofree char *button_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fascia_technique_get_name (technique));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fascia_technique_get_purpose (technique));
  /* The name is read whole, wrapping between words (a name cut to one line left the therapist
   * the tooltip to read it by); the purpose is two lines, the whole of it in the tooltip. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  {
    const char *purpose = fascia_technique_get_purpose (technique);
    g_autofree char *tip = g_strconcat (fascia_technique_get_name (technique),
                                        purpose != NULL && *purpose != '\0' ? "\n" : "",
                                        purpose, NULL);

    gtk_widget_set_tooltip_text (row, tip);
  }

  if (self->client != NULL)
    warning = fascia_intake_check_technique (fascia_intake_client_conditions (self->client),
                                             technique);
  if (warning != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning_icon (warning));

  /* Named for its technique as well, as the controls of a home exercise are: every row of
   * the target has the same button. */
  if (chosen)
    {
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_tooltip_text (button, _("Remove from Plan"));
      button_label = g_strdup_printf (C_("accessible name of a technique's remove button",
                                         "Remove from Plan, %s"),
                                      fascia_technique_get_name (technique));
      g_signal_connect (button, "clicked", G_CALLBACK (remove_technique_clicked_cb), self);
    }
  else
    {
      button = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_set_tooltip_text (button, _("Add to Plan"));
      button_label = g_strdup_printf (C_("accessible name of a technique's add button",
                                         "Add to Plan, %s"),
                                      fascia_technique_get_name (technique));
      g_signal_connect (button, "clicked", G_CALLBACK (add_technique_clicked_cb), self);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, fascia_technique_get_id (technique));
  g_object_set_data (G_OBJECT (button), "target", target);
  g_object_set_data_full (G_OBJECT (button), "technique",
                          g_strdup (fascia_technique_get_id (technique)), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  fascia_card_wrap_row_words (row);
  bound_row_title_width (row);

  return row;
}

/* A control of an open target is named for the target too ("Pressure, Psoas major, both
 * sides"): every target has the same ones, and more than one can be open. */
static void
name_for_target (GtkWidget  *widget,
                 const char *what,
                 const char *target_name)
{
  g_autofree char *label = g_strdup_printf (C_("accessible name of a target's control", "%s, %s"),
                                            what, target_name);

  if (FASCIA_IS_ENTRY_ROW (widget))
    fascia_entry_row_set_accessible_label (FASCIA_ENTRY_ROW (widget), label);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
}

static GtkWidget *
create_target_row (FasciaPlanEditor *self,
                   FasciaPlanTarget *target)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  const char *muscle_id = fascia_plan_target_get_muscle_id (target);
  FasciaMuscle *muscle = atlas != NULL ? fascia_atlas_lookup_muscle (atlas, muscle_id) : NULL;
  const char * const *ids = fascia_plan_target_get_technique_ids (target);
  g_autofree char *name = fascia_ui_muscle_name (muscle_id, fascia_plan_target_get_side (target));
  g_autoptr(GString) chosen_names = g_string_new (NULL);
  g_autoptr(GtkStringList) pressures = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row, *spin, *button;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      FasciaTechnique *technique = atlas != NULL ? fascia_atlas_lookup_technique (atlas, ids[i])
                                                 : NULL;

      if (technique == NULL)
        continue;
      if (chosen_names->len > 0)
        g_string_append (chosen_names, ", ");
      g_string_append (chosen_names, fascia_technique_get_name (technique));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                technique_card_row (self, target, technique, TRUE));
    }

  /* A target's row opens and folds at once, or the home exercises below slide with it. */
  fascia_ui_expander_row_open_at_once (ADW_EXPANDER_ROW (expander));
  fascia_ui_expander_row_set_title (ADW_EXPANDER_ROW (expander), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 chosen_names->len > 0 ? chosen_names->str
                                                       : _("No techniques yet"));
  gtk_widget_set_name (expander, muscle_id);
  fascia_card_wrap_row_words (expander);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Target"));
  remove_label = g_strdup_printf (C_("accessible name of a target's remove button",
                                     "Remove Target, %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data (G_OBJECT (button), "target", target);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_target_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), button);

  pressures = gtk_string_list_new ((const char * const[]) {
    C_("pressure", "Not set"), C_("pressure", "Light"), C_("pressure", "Moderate"),
    C_("pressure", "Firm"), C_("pressure", "Deep"), NULL });
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Pressure"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (pressures));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), fascia_plan_target_get_pressure (target));
  name_for_target (row, _("Pressure"), name);
  g_object_set_data (G_OBJECT (row), "target", target);
  g_signal_connect (row, "notify::selected", G_CALLBACK (target_pressure_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Minutes"));
  spin = gtk_spin_button_new_with_range (0, 90, 1);
  fascia_ui_spin_button_ignore_wheel (GTK_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), fascia_plan_target_get_duration_minutes (target));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  name_for_target (spin, _("Minutes"), name);
  g_object_set_data (G_OBJECT (spin), "target", target);
  g_signal_connect (spin, "value-changed", G_CALLBACK (target_duration_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = fascia_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Notes"));
  gtk_editable_set_text (GTK_EDITABLE (row), fascia_plan_target_get_notes (target) ?: "");
  name_for_target (row, _("Notes"), name);
  g_object_set_data (G_OBJECT (row), "target", target);
  g_signal_connect (row, "changed", G_CALLBACK (target_notes_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  /* The cards of the techniques that treat this muscle and are not yet chosen. */
  if (muscle != NULL)
    {
      GListModel *techniques = fascia_muscle_get_techniques (muscle);

      for (guint i = 0; i < g_list_model_get_n_items (techniques); i++)
        {
          g_autoptr(FasciaTechnique) technique = g_list_model_get_item (techniques, i);
          const char *kind = fascia_technique_get_kind (technique);

          if (g_strcmp0 (kind, "home-exercise") == 0)
            continue;
          if (ids != NULL && g_strv_contains (ids, fascia_technique_get_id (technique)))
            continue;
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    technique_card_row (self, target, technique, FALSE));
        }
    }

  return expander;
}

static void
rebuild_targets (FasciaPlanEditor *self)
{
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;
  g_autofree char *expanded = NULL;
  GtkWidget *child;

  /* Keep open the row that was open. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->target_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_EXPANDER_ROW (child) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
      expanded = g_strdup (gtk_widget_get_name (child));

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->target_list, 0))) != NULL)
    gtk_list_box_remove (self->target_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);
      GtkWidget *row = create_target_row (self, target);

      if (g_strcmp0 (expanded, fascia_plan_target_get_muscle_id (target)) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->target_list, row);
    }
}

/* Home exercises */

static void
exercise_spin_cb (GtkSpinButton    *spin,
                  FasciaPlanEditor *self)
{
  FasciaHomeExercise *exercise = g_object_get_data (G_OBJECT (spin), "exercise");

  if (g_object_get_data (G_OBJECT (spin), "reps") != NULL)
    fascia_home_exercise_set_reps (exercise, gtk_spin_button_get_value_as_int (spin));
  else
    fascia_home_exercise_set_sets (exercise, gtk_spin_button_get_value_as_int (spin));
  schedule_save (self, exercise);
}

static void
exercise_frequency_cb (GtkEditable      *editable,
                       FasciaPlanEditor *self)
{
  FasciaHomeExercise *exercise = g_object_get_data (G_OBJECT (editable), "exercise");

  fascia_home_exercise_set_frequency (exercise, gtk_editable_get_text (editable));
  schedule_save (self, exercise);
}

static void
exercise_notes_cb (GtkTextBuffer    *buffer,
                   FasciaPlanEditor *self)
{
  FasciaHomeExercise *exercise = g_object_get_data (G_OBJECT (buffer), "exercise");
  g_autofree char *notes = NULL;
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  notes = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);
  fascia_home_exercise_set_notes (exercise, notes);
  schedule_save (self, exercise);
}

static void
remove_exercise_clicked_cb (GtkButton        *button,
                            FasciaPlanEditor *self)
{
  FasciaHomeExercise *exercise = g_object_get_data (G_OBJECT (button), "exercise");
  g_autoptr(GError) error = NULL;
  gint64 id = fascia_home_exercise_get_id (exercise);

  fascia_plan_editor_flush (self);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_HOME_EXERCISES, id, &error))
    {
      fascia_ui_show_error (GTK_WIDGET (self), _("Could not remove the exercise"), error);
      return;
    }

  fascia_ui_toast_deleted (GTK_WIDGET (self), _("Home exercise removed"),
                           FASCIA_STORE_TABLE_HOME_EXERCISES, id);
  reload_exercises (self);
}

/* The tooltip says what a control of an exercise is ("Sets"); its accessible name says whose
 * it is too ("Sets, Clamshell"), as its notes' does: a screen reader moving through the
 * exercises reads each control alone, and every exercise has the same three. */
static GtkWidget *
small_spin (FasciaPlanEditor   *self,
            FasciaHomeExercise *exercise,
            guint               value,
            gboolean            reps,
            const char         *label,
            const char         *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);

  fascia_ui_spin_button_ignore_wheel (GTK_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_object_set_data (G_OBJECT (spin), "exercise", exercise);
  if (reps)
    g_object_set_data (G_OBJECT (spin), "reps", GINT_TO_POINTER (TRUE));
  g_signal_connect (spin, "value-changed", G_CALLBACK (exercise_spin_cb), self);
  return spin;
}

/* GTK 4.8 lays out a text view's lines in an idle once the view has a width, but asks for the
 * height they need only when it draws them: notes below the part of the plan in sight kept
 * the height of their margins alone, a sliver that could not be clicked into, and grew as
 * they were scrolled into sight, moving everything below under the pointer (the goals and
 * the discharge criteria too). Once the last line has its height, the view is measured
 * again. */
static gboolean
text_fit_tick_cb (GtkWidget     *view,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  guint *frames = user_data;
  GtkTextIter end;
  int y, height;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &end);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &end, &y, &height);
  /* Not laid out yet: a line, even an empty one, has a height. A view that never is (a
   * second of frames) stops asking. */
  if (height == 0 && ++*frames < 60)
    return G_SOURCE_CONTINUE;
  gtk_widget_queue_resize (view);
  g_object_set_data (G_OBJECT (view), "fitting", NULL);
  return G_SOURCE_REMOVE;
}

static void
text_fit (GtkWidget *view)
{
  if (g_object_get_data (G_OBJECT (view), "fitting") != NULL)
    return;
  g_object_set_data (G_OBJECT (view), "fitting", GINT_TO_POINTER (TRUE));
  gtk_widget_add_tick_callback (view, text_fit_tick_cb, g_new0 (guint, 1), g_free);
}

static void
text_fit_map_cb (GtkWidget *view)
{
  text_fit (view);
}

/* The exercise's notes ("Hold 30 s each side; tuck pelvis"), printed under it in the handout.
 * They are the client's instructions and may run to a few sentences, so the field wraps and
 * grows with them rather than hiding their end past its edge; Tab leaves it, as it leaves the
 * other fields of the form. Its name says whose notes they are: every exercise has one. */
static GtkWidget *
exercise_notes_field (FasciaPlanEditor   *self,
                      FasciaHomeExercise *exercise,
                      const char         *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (_("Notes"));
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *label = g_strdup_printf (C_("accessible name of an exercise's notes",
                                               "Notes, %s"), name);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_box_append (GTK_BOX (box), title);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_add_css_class (view, "exercise-notes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_text_buffer_set_text (buffer, fascia_home_exercise_get_notes (exercise) ?: "", -1);
  g_object_set_data (G_OBJECT (buffer), "exercise", exercise);
  g_signal_connect (buffer, "changed", G_CALLBACK (exercise_notes_cb), self);
  g_signal_connect (view, "map", G_CALLBACK (text_fit_map_cb), NULL);
  gtk_box_append (GTK_BOX (box), view);

  return box;
}

/* The exercise's name on its own line, wrapping between words, its dose below it, how often
 * below that and its notes last: a row of spin buttons beside a long name left the name one
 * letter wide, and the field of how often beside the spin buttons showed "twice a" of "twice a
 * day" at 1024×640. */
static GtkWidget *
create_exercise_row (FasciaPlanEditor   *self,
                     FasciaHomeExercise *exercise)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  const char *technique_id = fascia_home_exercise_get_technique_id (exercise);
  FasciaTechnique *technique = atlas != NULL ? fascia_atlas_lookup_technique (atlas, technique_id)
                                             : NULL;
  const char *name = technique != NULL ? fascia_technique_get_name (technique) : technique_id;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dose = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title, *entry, *button;
  g_autofree char *warning = NULL;
  g_autofree char *sets_label = NULL;
  g_autofree char *reps_label = NULL;
  g_autofree char *often_label = NULL;
  g_autofree char *remove_label = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "exercise-row");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  title = gtk_label_new (name);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (title), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_set_hexpand (title, TRUE);
  if (technique != NULL && self->client != NULL)
    warning = fascia_intake_check_technique (fascia_intake_client_conditions (self->client),
                                             technique);
  if (warning != NULL)
    gtk_box_append (GTK_BOX (top), warning_icon (warning));
  gtk_box_append (GTK_BOX (top), title);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Exercise"));
  remove_label = g_strdup_printf (C_("accessible name of an exercise's remove button",
                                     "Remove Exercise, %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data (G_OBJECT (button), "exercise", exercise);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_exercise_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (box), top);

  sets_label = g_strdup_printf (C_("accessible name of an exercise's sets", "Sets, %s"), name);
  gtk_box_append (GTK_BOX (dose), small_spin (self, exercise,
                                              fascia_home_exercise_get_sets (exercise),
                                              FALSE, _("Sets"), sets_label));
  gtk_box_append (GTK_BOX (dose), gtk_label_new ("×"));
  reps_label = g_strdup_printf (C_("accessible name of an exercise's repetitions",
                                   "Repetitions, %s"), name);
  gtk_box_append (GTK_BOX (dose), small_spin (self, exercise,
                                              fascia_home_exercise_get_reps (exercise),
                                              TRUE, _("Repetitions"), reps_label));

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), fascia_home_exercise_get_frequency (exercise) ?: "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("How often"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  often_label = g_strdup_printf (C_("accessible name of how often an exercise is done",
                                    "How often, %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  often_label, -1);
  g_object_set_data (G_OBJECT (entry), "exercise", exercise);
  g_signal_connect (entry, "changed", G_CALLBACK (exercise_frequency_cb), self);
  gtk_box_append (GTK_BOX (box), dose);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), exercise_notes_field (self, exercise, name));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
rebuild_exercises (FasciaPlanEditor *self)
{
  guint n = self->exercises != NULL ? g_list_model_get_n_items (self->exercises) : 0;
  GtkWidget *child;

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->exercise_list, 0))) != NULL)
    gtk_list_box_remove (self->exercise_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaHomeExercise) exercise = g_list_model_get_item (self->exercises, i);

      gtk_list_box_append (self->exercise_list, create_exercise_row (self, exercise));
    }
}

static void
add_exercise_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (widget);
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  FasciaTechnique *technique;
  g_autoptr(FasciaHomeExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  if (self->plan == NULL || self->store == NULL)
    return;

  exercise = fascia_home_exercise_new ();
  fascia_home_exercise_set_plan_id (exercise, fascia_plan_get_id (self->plan));
  fascia_home_exercise_set_technique_id (exercise, g_variant_get_string (parameter, NULL));
  fascia_home_exercise_set_sets (exercise, 2);
  fascia_home_exercise_set_reps (exercise, 10);
  fascia_home_exercise_set_frequency (exercise, _("daily"));
  if (!fascia_store_add_home_exercise (self->store, exercise, &error))
    {
      fascia_ui_show_error (widget, _("Could not add the exercise"), error);
      return;
    }

  reload_exercises (self);

  technique = atlas != NULL ? fascia_atlas_lookup_technique (atlas,
                                                             g_variant_get_string (parameter, NULL))
                            : NULL;
  if (technique != NULL && self->client != NULL)
    warning = fascia_intake_check_technique (fascia_intake_client_conditions (self->client),
                                             technique);
  if (warning != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Check the intake: %s"), warning);

      fascia_ui_toast (GTK_WIDGET (self), title);
    }
}

/* The list of exercises is longer than a laptop's window is tall: it opens on the side of its
 * button with more room in the window, and scrolls within that room (opened downwards from
 * the foot of the plan at 1024×640, a menu of them ran off the screen). Called as it opens. */
static void
place_exercise_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  FasciaPlanEditor *self = user_data;
  GtkPopover *popover = GTK_POPOVER (self->exercise_popover);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));
  graphene_rect_t bounds;
  double above, below, left, right;
  int width, search_height;

  if (root == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (button), root, &bounds))
    return;

  above = bounds.origin.y;
  below = gtk_widget_get_height (root) - bounds.origin.y - bounds.size.height;
  gtk_popover_set_position (popover, above > below ? GTK_POS_TOP : GTK_POS_BOTTOM);
  /* Centred on a button at the window's edge, it would stick out of the side. Hidden, the
   * popover measures nothing; its contents (the frame around the search and list) measure
   * what they will be, and its shadow takes some 23 px each side (2 x 32 to be sure). */
  gtk_widget_measure (gtk_widget_get_parent (gtk_popover_get_child (popover)),
                      GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  width += 64;
  left = bounds.origin.x + bounds.size.width / 2 - width / 2.0;
  right = gtk_widget_get_width (root) - (left + width);
  gtk_popover_set_offset (popover,
                          right < 0 ? (int) floor (right) : left < 0 ? (int) ceil (-left) : 0, 0);
  /* The list takes the room left beside the search field; the popover's arrow, frame and
   * padding take some 48 px more. */
  gtk_widget_measure (GTK_WIDGET (self->exercise_search), GTK_ORIENTATION_VERTICAL, -1,
                      &search_height, NULL, NULL, NULL);
  gtk_scrolled_window_set_max_content_height (self->exercise_scroller,
                                              MAX ((int) MAX (above, below) - 48 - 6 - search_height,
                                                   96));
}

/* Each word of the search starts a word of the exercise's name ("hip fl" finds "Kneeling hip
 * flexor stretch"), accents or not. */
static gboolean
exercise_choice_visible (GtkListBoxRow *row,
                         gpointer       user_data)
{
  FasciaPlanEditor *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->exercise_search));

  return *search == '\0' || g_str_match_string (search, g_object_get_data (G_OBJECT (row), "name"),
                                                 TRUE);
}

static GtkListBoxRow *
first_exercise_choice (FasciaPlanEditor *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->exercise_choices, i)) != NULL; i++)
    if (exercise_choice_visible (row, self))
      return row;
  return NULL;
}

static void
exercise_chosen_cb (FasciaPlanEditor *self,
                    GtkListBoxRow    *row)
{
  const char *technique_id = g_object_get_data (G_OBJECT (row), "technique");

  gtk_popover_popdown (self->exercise_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "plan.add-exercise", "s", technique_id);
}

static void
exercise_search_changed_cb (FasciaPlanEditor *self)
{
  gtk_list_box_invalidate_filter (self->exercise_choices);
}

/* Enter in the search adds the first exercise found. */
static void
exercise_search_activate_cb (FasciaPlanEditor *self)
{
  GtkListBoxRow *row = first_exercise_choice (self);

  if (row != NULL)
    exercise_chosen_cb (self, row);
}

/* Down from the search goes to the exercises found. */
static gboolean
exercise_search_key_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        FasciaPlanEditor      *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  row = first_exercise_choice (self);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

/* Each time it opens: every exercise, from the top, the search field ready to type in. */
static void
exercise_popover_show_cb (FasciaPlanEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->exercise_search), "");
  gtk_list_box_invalidate_filter (self->exercise_choices);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->exercise_scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->exercise_search));
}

static void
fill_exercise_menu (FasciaPlanEditor *self)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  GtkEventController *keys;
  GListModel *techniques;

  if (atlas == NULL)
    return;

  techniques = fascia_atlas_get_techniques (atlas);
  for (guint i = 0; i < g_list_model_get_n_items (techniques); i++)
    {
      g_autoptr(FasciaTechnique) technique = g_list_model_get_item (techniques, i);
      const char *kind = fascia_technique_get_kind (technique);
      const char *name = fascia_technique_get_name (technique);
      GtkWidget *row, *label;

      if (g_strcmp0 (kind, "home-exercise") != 0 && g_strcmp0 (kind, "stretch") != 0)
        continue;
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
      g_object_set_data_full (G_OBJECT (row), "technique",
                              g_strdup (fascia_technique_get_id (technique)), g_free);
      gtk_list_box_append (self->exercise_choices, row);
    }

  gtk_list_box_set_filter_func (self->exercise_choices, exercise_choice_visible, self, NULL);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (exercise_search_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->exercise_search), keys);
  gtk_menu_button_set_create_popup_func (self->exercise_button, place_exercise_menu, self, NULL);
}

/* Picking on the diagram */

static FasciaSide
toggle_side (FasciaSide current,
             FasciaSide clicked)
{
  guint bits = 0;

  if (current == FASCIA_SIDE_LEFT || current == FASCIA_SIDE_BOTH)
    bits |= 1;
  if (current == FASCIA_SIDE_RIGHT || current == FASCIA_SIDE_BOTH)
    bits |= 2;
  bits ^= clicked == FASCIA_SIDE_LEFT ? 1 : 2;

  switch (bits)
    {
    case 1:
      return FASCIA_SIDE_LEFT;
    case 2:
      return FASCIA_SIDE_RIGHT;
    case 3:
      return FASCIA_SIDE_BOTH;
    default:
      return FASCIA_SIDE_NONE;
    }
}

static FasciaPlanTarget *
add_target (FasciaPlanEditor *self,
            const char       *muscle_id,
            FasciaSide        side)
{
  g_autoptr(FasciaPlanTarget) target = fascia_plan_target_new ();
  g_autoptr(GError) error = NULL;
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;

  fascia_plan_target_set_plan_id (target, fascia_plan_get_id (self->plan));
  fascia_plan_target_set_muscle_id (target, muscle_id);
  fascia_plan_target_set_side (target, side);
  fascia_plan_target_set_position (target, n);
  if (!fascia_store_add_plan_target (self->store, target, &error))
    {
      if (!fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                      _("Could not add the target"), error))
        return NULL;

      /* Kept while the clinic server is away, with a provisional id: shown at once, added
       * when the server is back. */
      if (G_IS_LIST_STORE (self->targets))
        {
          g_list_store_append (G_LIST_STORE (self->targets), target);
          show_targets (self);
        }
      return find_target (self, muscle_id);
    }

  reload_targets (self);
  return find_target (self, muscle_id);
}

/**
 * fascia_plan_editor_toggle_region:
 * @region_id: a region of the diagram shown, e.g. "m-psoas-major-l"
 *
 * Adds the side of the muscle that @region_id shows to the plan's targets, or takes it away.
 *
 * Returns: whether @region_id named a muscle.
 */
gboolean
fascia_plan_editor_toggle_region (FasciaPlanEditor *self,
                                  const char       *region_id)
{
  FasciaDiagram *diagram;
  FasciaPlanTarget *target;
  const char *muscle_id;
  FasciaSide side;

  g_return_val_if_fail (FASCIA_IS_PLAN_EDITOR (self), FALSE);

  diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  if (self->plan == NULL || self->store == NULL
      || !fascia_ui_region_muscle (diagram, region_id, &muscle_id, &side))
    return FALSE;

  target = find_target (self, muscle_id);
  if (target == NULL)
    {
      add_target (self, muscle_id, side);
    }
  else
    {
      FasciaSide new_side = side == FASCIA_SIDE_NONE ? FASCIA_SIDE_NONE
                                                      : toggle_side (fascia_plan_target_get_side (target), side);

      if (new_side == FASCIA_SIDE_NONE)
        {
          delete_target (self, target);
        }
      else
        {
          g_autoptr(GError) error = NULL;

          fascia_plan_target_set_side (target, new_side);
          g_hash_table_remove (self->dirty, target);
          if (!fascia_store_update_plan_target (self->store, target, &error))
            fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                       _("Could not save the plan"), error);
          rebuild_targets (self);
          update_diagram (self);
        }
    }

  return TRUE;
}

/**
 * fascia_plan_editor_add_technique:
 * @technique_id: a technique from the atlas
 * @muscle_id: (nullable): the muscle to add it for; %NULL or "" for the first target the
 *   technique treats
 *
 * "Add to plan" from a technique card: adds the technique to the target for @muscle_id,
 * making that muscle a target (both sides) if it is not one yet.
 *
 * Returns: whether it was added.
 */
gboolean
fascia_plan_editor_add_technique (FasciaPlanEditor *self,
                                  const char       *technique_id,
                                  const char       *muscle_id)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  FasciaTechnique *technique;
  FasciaPlanTarget *target = NULL;

  g_return_val_if_fail (FASCIA_IS_PLAN_EDITOR (self), FALSE);
  g_return_val_if_fail (technique_id != NULL, FALSE);

  if (self->plan == NULL || self->store == NULL || atlas == NULL)
    return FALSE;
  technique = fascia_atlas_lookup_technique (atlas, technique_id);
  if (technique == NULL)
    return FALSE;

  if (muscle_id != NULL && *muscle_id != '\0')
    {
      target = find_target (self, muscle_id);
      if (target == NULL)
        target = add_target (self, muscle_id, FASCIA_SIDE_BOTH);
    }
  else
    {
      guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;

      for (guint i = 0; i < n && target == NULL; i++)
        {
          g_autoptr(FasciaPlanTarget) t = g_list_model_get_item (self->targets, i);

          if (fascia_technique_treats (technique, fascia_plan_target_get_muscle_id (t)))
            target = t;
        }
      if (target == NULL)
        {
          const char * const *muscles = fascia_technique_get_muscles (technique);

          if (muscles == NULL || muscles[0] == NULL)
            return FALSE;
          target = add_target (self, muscles[0], FASCIA_SIDE_BOTH);
        }
    }

  if (target == NULL)
    return FALSE;

  return target_add_technique (self, target, technique_id);
}

GListModel *
fascia_plan_editor_get_targets (FasciaPlanEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_EDITOR (self), NULL);

  return self->targets;
}

/**
 * fascia_plan_editor_get_warning:
 *
 * Returns: (nullable): the intake warnings shown for the plan's techniques.
 */
const char *
fascia_plan_editor_get_warning (FasciaPlanEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_EDITOR (self), NULL);

  return self->warning;
}

FasciaDiagramView *
fascia_plan_editor_get_diagram_view (FasciaPlanEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_EDITOR (self), NULL);

  return self->diagram_view;
}

static void
load_view (FasciaPlanEditor *self,
           const char       *view_id)
{
  if (fascia_ui_show_view (self->diagram_view, view_id))
    update_diagram (self);
}

void
fascia_plan_editor_show_view (FasciaPlanEditor *self,
                              const char       *view_id)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  fascia_ui_fill_view_dropdown (self->view_dropdown, view_id);
  load_view (self, view_id);
}

static void
view_selected_cb (FasciaPlanEditor *self)
{
  if (self->loading)
    return;

  load_view (self, fascia_ui_get_dropdown_view (self->view_dropdown));
}

static void
region_activated_cb (FasciaPlanEditor  *self,
                     const char        *region_id,
                     FasciaDiagramView *view)
{
  fascia_plan_editor_toggle_region (self, region_id);
}

/* A click on a label picks what it names, as a click on it does. */
static void
point_activated_cb (FasciaPlanEditor  *self,
                    double             x,
                    double             y,
                    FasciaDiagramView *view)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  const FasciaRegion *labelled;
  gboolean on_label;

  if (diagram == NULL || fascia_diagram_hit_test (diagram, x, y) != NULL)
    return;
  labelled = fascia_ui_labelled_region_at (diagram, x, y, &on_label);
  if (labelled != NULL)
    region_activated_cb (self, labelled->id, view);
}

void
fascia_plan_editor_set_store (FasciaPlanEditor *self,
                              FasciaStore      *store)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  fascia_plan_editor_set_plan (self, NULL);
  if (self->store != NULL)
    g_clear_signal_handler (&self->targets_changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->targets_changed_id = g_signal_connect_object (store, "changed::plan-targets",
                                                        G_CALLBACK (restored_target_cb), self,
                                                        0);
}

void
fascia_plan_editor_set_client (FasciaPlanEditor *self,
                               FasciaClient     *client)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  g_set_object (&self->client, client);
}

FasciaPlan *
fascia_plan_editor_get_plan (FasciaPlanEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_EDITOR (self), NULL);

  return self->plan;
}

/* The view to open @self's plan on: the one shown if it draws one of the plan's targets (or
 * the plan has none), else the first view that draws its first target. The front view showed
 * a plan for buttock pain with none of its targets on it, where the line above the drawing
 * says they are outlined. */
static const char *
targets_view (FasciaPlanEditor *self,
              const char       *shown)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  FasciaView *view = atlas != NULL && shown != NULL ? fascia_atlas_lookup_view (atlas, shown)
                                                    : NULL;
  guint n = self->targets != NULL ? g_list_model_get_n_items (self->targets) : 0;
  g_autoptr(FasciaPlanTarget) first = NULL;
  GListModel *views;

  if (atlas == NULL || n == 0)
    return shown;

  for (guint i = 0; i < n && view != NULL; i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (self->targets, i);
      const char * const *muscles = fascia_view_get_muscles (view);

      if (muscles != NULL
          && g_strv_contains (muscles, fascia_plan_target_get_muscle_id (target)))
        return shown;
    }

  first = g_list_model_get_item (self->targets, 0);
  views = fascia_atlas_get_views (atlas);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(FasciaView) other = g_list_model_get_item (views, i);
      const char * const *muscles = fascia_view_get_muscles (other);

      if (muscles != NULL
          && g_strv_contains (muscles, fascia_plan_target_get_muscle_id (first)))
        return fascia_view_get_id (other);
    }
  return shown;
}

void
fascia_plan_editor_set_plan (FasciaPlanEditor *self,
                             FasciaPlan       *plan)
{
  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));
  g_return_if_fail (plan == NULL || FASCIA_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  fascia_plan_editor_flush (self);
  g_set_object (&self->plan, plan);

  self->loading = TRUE;
  if (plan != NULL)
    {
      gtk_text_buffer_set_text (self->title_buffer, fascia_plan_get_title (plan) ?: "", -1);
      gtk_text_buffer_set_text (self->goals_buffer, fascia_plan_get_goals (plan) ?: "", -1);
      gtk_spin_button_set_value (self->sessions_spin, fascia_plan_get_sessions_per_week (plan));
      gtk_spin_button_set_value (self->weeks_spin, fascia_plan_get_weeks (plan));
      adw_combo_row_set_selected (self->status_row, fascia_plan_get_status (plan));
      fascia_ui_date_row_set_date (self->start_row, fascia_plan_get_start_date (plan));
      fascia_ui_date_row_set_date (self->end_row, fascia_plan_get_end_date (plan));
      gtk_text_buffer_set_text (self->discharge_buffer,
                                fascia_plan_get_discharge_criteria (plan) ?: "", -1);
      text_fit (self->title_view);
      text_fit (self->goals_view);
      text_fit (self->discharge_view);
    }
  self->loading = FALSE;

  if (plan != NULL && fascia_diagram_view_get_diagram (self->diagram_view) == NULL)
    fascia_plan_editor_show_view (self, "anterior");

  update_heading (self);
  reload_targets (self);
  if (plan != NULL)
    {
      const char *shown = fascia_ui_get_dropdown_view (self->view_dropdown);
      const char *wanted = targets_view (self, shown);

      if (g_strcmp0 (wanted, shown) != 0)
        fascia_plan_editor_show_view (self, wanted);
    }
  reload_exercises (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

void
fascia_plan_editor_focus_title (FasciaPlanEditor *self)
{
  GtkTextIter begin, end;

  g_return_if_fail (FASCIA_IS_PLAN_EDITOR (self));

  gtk_widget_grab_focus (self->title_view);
  /* Chosen whole, as an entry's text is when Tab reaches it: what is typed replaces "New
   * plan" rather than going on after it. */
  gtk_text_buffer_get_bounds (self->title_buffer, &begin, &end);
  gtk_text_buffer_select_range (self->title_buffer, &end, &begin);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (widget);

  fascia_plan_editor_flush (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->plan == NULL)
    return;

  fascia_plan_editor_flush (self);
  id = fascia_plan_get_id (self->plan);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_PLANS, id, &error))
    {
      fascia_ui_show_error (widget, _("Could not delete the plan"), error);
      return;
    }

  fascia_ui_toast_deleted (widget, _("Plan deleted"), FASCIA_STORE_TABLE_PLANS, id);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
handout_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (widget);

  if (self->plan == NULL)
    return;

  /* The handout reads the database: what was just typed goes in first. */
  fascia_plan_editor_flush (self);
  if (g_str_equal (action_name, "plan.print-handout"))
    fascia_handout_export_print (widget, self->store, fascia_plan_get_id (self->plan));
  else
    fascia_handout_export_pdf (widget, self->store, fascia_plan_get_id (self->plan));
}

static void
fascia_plan_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_plan_editor_dispose (GObject *object)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (object);

  if (self->save_source != 0)
    save_now (self);
  if (self->conflict != NULL)
    {
      AdwMessageDialog *dialog = self->conflict;

      g_clear_object (&self->plan);
      adw_message_dialog_response (dialog, FASCIA_CONFLICT_COPY_MINE);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_clear_object (&self->theirs);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_PLAN_EDITOR);

  if (self->store != NULL)
    g_clear_signal_handler (&self->targets_changed_id, self->store);
  g_clear_object (&self->store);
  if (self->removed_offline != NULL)
    g_hash_table_remove_all (self->removed_offline);
  g_clear_object (&self->client);
  g_clear_object (&self->plan);
  g_clear_object (&self->targets);
  g_clear_object (&self->exercises);

  G_OBJECT_CLASS (fascia_plan_editor_parent_class)->dispose (object);
}

static void
fascia_plan_editor_finalize (GObject *object)
{
  FasciaPlanEditor *self = FASCIA_PLAN_EDITOR (object);

  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->removed_offline, g_hash_table_unref);
  g_clear_pointer (&self->warning, g_free);

  G_OBJECT_CLASS (fascia_plan_editor_parent_class)->finalize (object);
}

static void
fascia_plan_editor_class_init (FasciaPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_plan_editor_get_property;
  object_class->dispose = fascia_plan_editor_dispose;
  object_class->finalize = fascia_plan_editor_finalize;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, FASCIA_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (FASCIA_TYPE_DIAGRAM_VIEW);

  g_type_ensure (FASCIA_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, warning_box);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, warning_summary);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, warning_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, diagram_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, paned);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, title_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, title_buffer);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, goals_buffer);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, sessions_spin);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, discharge_buffer);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, goals_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, discharge_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, target_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, exercise_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, exercise_popover);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, exercise_search);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, exercise_scroller);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, exercise_choices);
  gtk_widget_class_bind_template_child (widget_class, FasciaPlanEditor, exercise_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_fit_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_insert_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, exercise_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, exercise_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, exercise_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, exercise_chosen_cb);

  gtk_widget_class_install_action (widget_class, "plan.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "plan.close", NULL);
  gtk_widget_class_install_action (widget_class, "plan.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "plan.print-handout", NULL, handout_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "plan.print-handout", NULL);
  gtk_widget_class_install_action (widget_class, "plan.export-handout", NULL, handout_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "plan.export-handout", NULL);
  gtk_widget_class_install_action (widget_class, "plan.add-exercise", "s", add_exercise_action);
}

static void
fascia_plan_editor_init (FasciaPlanEditor *self)
{
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->removed_offline = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                 removed_target_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* Before the text view's own keys, which make Enter a newline. */
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (title_key_cb), self);
    gtk_widget_add_controller (self->title_view, keys);
  }
  fascia_ui_date_row_init (self->start_row);
  fascia_ui_date_row_init (self->end_row);
  fascia_ui_spin_button_ignore_wheel (self->sessions_spin);
  fascia_ui_spin_button_ignore_wheel (self->weeks_spin);
  fascia_ui_keep_labels_readable (self->diagram_view);
  fascia_ui_add_zoom_buttons (self->diagram_view);
  fascia_diagram_view_set_fit_figure (self->diagram_view, TRUE);
  fascia_ui_place_editor_paned (self->paned);
  /* Translators: the name a screen reader gives the diagram on which targets are picked, and
   * what its keys do (Enter does not open a card here, as it does on the Atlas) */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->diagram_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Targets diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Tab moves into the drawing, the arrow keys from one part to "
                                    "the next, Enter adds a muscle to the plan’s targets or "
                                    "removes it"),
                                  -1);

  g_signal_connect_object (self->diagram_view, "region-activated",
                           G_CALLBACK (region_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->diagram_view, "point-activated",
                           G_CALLBACK (point_activated_cb), self, G_CONNECT_SWAPPED);
  fill_exercise_menu (self);
}
