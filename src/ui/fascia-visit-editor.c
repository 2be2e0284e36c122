/* fascia-visit-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "fascia/fascia-date.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-button-group.h"
#include "fascia-conflict-dialog.h"
#include "fascia-region-text.h"
#include "fascia-ui-utils.h"
#include "fascia-visit-editor-private.h"

/*
 * One visit: the date, pain before and after (one click each), a body chart on the diagram,
 * findings per muscle, the plan targets treated and SOAP notes. The diagram's tool decides
 * what a click on a muscle does: "Pain" marks pain there (or at the point, off the muscles),
 * each finding tool toggles that finding on the muscle clicked. SOAP notes lock a day after
 * the visit. After that, each change is kept as an amendment and shown under the original.
 * The body chart shows today's marks and findings over the outlines of an earlier visit's.
 *
 * What the therapist does (clicks on the diagram, the actions) is in
 * fascia-visit-editor-actions.c; the instance struct in fascia-visit-editor-private.h.
 */

enum {
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaVisitEditor, fascia_visit_editor, ADW_TYPE_BIN)

static const char *pain_type_labels[] = {
  N_("Ache"), N_("Sharp"), N_("Burning"), N_("Numbness"), N_("Tingling"), NULL,
};

static void rebuild_marks    (FasciaVisitEditor *self);
static void rebuild_findings (FasciaVisitEditor *self);
static void show_conflict    (FasciaVisitEditor *self,
                              FasciaVisit       *theirs);

static const char *field_names[] = {
  N_("Subjective"), N_("Objective"), N_("Assessment"), N_("Plan"),
};


static GtkTextView *
note_view (FasciaVisitEditor *self,
           FasciaVisitField   field)
{
  switch (field)
    {
    case FASCIA_VISIT_FIELD_SUBJECTIVE:
      return self->subjective_view;
    case FASCIA_VISIT_FIELD_OBJECTIVE:
      return self->objective_view;
    case FASCIA_VISIT_FIELD_ASSESSMENT:
      return self->assessment_view;
    case FASCIA_VISIT_FIELD_PLAN_NOTES:
      return self->plan_notes_view;
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkLabel *
amendments_label (FasciaVisitEditor *self,
                  FasciaVisitField   field)
{
  switch (field)
    {
    case FASCIA_VISIT_FIELD_SUBJECTIVE:
      return self->subjective_amendments;
    case FASCIA_VISIT_FIELD_OBJECTIVE:
      return self->objective_amendments;
    case FASCIA_VISIT_FIELD_ASSESSMENT:
      return self->assessment_amendments;
    case FASCIA_VISIT_FIELD_PLAN_NOTES:
      return self->plan_notes_amendments;
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
field_nick (FasciaVisitField field)
{
  GEnumClass *klass = g_type_class_peek (FASCIA_TYPE_VISIT_FIELD);
  GEnumValue *value = klass != NULL ? g_enum_get_value (klass, field) : NULL;

  return value != NULL ? value->value_nick : "";
}

/* The changes made to @field (an amendment's field, "subjective", "pain-before" …) of a
 * locked visit, one a line, into @label, which shows only when there are any. */
static void
show_field_amendments (GListModel *amendments,
                       const char *field,
                       gboolean    score,
                       GtkLabel   *label)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = amendments != NULL ? g_list_model_get_n_items (amendments) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaAmendment) amendment = g_list_model_get_item (amendments, i);
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *when = NULL;
      const char *old_text = fascia_amendment_get_old_text (amendment) ?: "";

      if (g_strcmp0 (fascia_amendment_get_field (amendment), field) != 0)
        continue;

      /* A score the visit had none of is stored as "". */
      if (score && *old_text == '\0')
        /* Translators: the pain score a locked visit had before it was changed: none */
        old_text = _("not recorded");

      /* As the printed chart has it: "2 Dec 2026, 14:30". */
      local = g_date_time_to_local (fascia_amendment_get_amended_at (amendment));
      when = fascia_format_date_and_time (local);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (fascia_amendment_get_amended_by (amendment) != NULL)
        /* Translators: a change to a locked note: its date and time, who made it (a
         * login name) and the old text */
        g_string_append_printf (text, _("Amended %s by %s — was: “%s”"), when,
                                fascia_amendment_get_amended_by (amendment), old_text);
      else
        /* Translators: a change to a locked note: its date and time and the old text */
        g_string_append_printf (text, _("Amended %s — was: “%s”"), when, old_text);
    }

  gtk_label_set_label (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

static void
update_amendments (FasciaVisitEditor *self)
{
  g_autoptr(GListModel) amendments = NULL;
  gboolean locked = self->visit != NULL && fascia_visit_is_locked (self->visit, NULL);

  g_type_class_ref (FASCIA_TYPE_VISIT_FIELD);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_label), locked);

  if (self->visit != NULL && self->store != NULL)
    amendments = fascia_store_list_amendments (self->store, fascia_visit_get_id (self->visit),
                                               NULL);

  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    show_field_amendments (amendments, field_nick (field), FALSE,
                           amendments_label (self, field));
  /* The scores too: the store keeps each change to a locked visit's, which the progress
   * chart draws, and none showed here. */
  show_field_amendments (amendments, "pain-before", TRUE, self->pain_before_amendments);
  show_field_amendments (amendments, "pain-after", TRUE, self->pain_after_amendments);
}

static gboolean save_now_unguarded (FasciaVisitEditor *self);

static gboolean
save_now (FasciaVisitEditor *self)
{
  gboolean saving = self->saving;

  self->saving = TRUE;
  save_now_unguarded (self);
  self->saving = saving;
  return G_SOURCE_REMOVE;
}

static gboolean
save_now_unguarded (FasciaVisitEditor *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer mark;
  gboolean amended = FALSE;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store == NULL || self->visit == NULL)
    return G_SOURCE_REMOVE;

  /* Pain marks are rows of their own, saved whatever happens to the visit's. */
  g_hash_table_iter_init (&iter, self->dirty_marks);
  while (g_hash_table_iter_next (&iter, &mark, NULL))
    {
      if (!fascia_store_update_pain_mark (self->store, mark, &error))
        fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                   _("Could not save the pain mark"), error);
      g_clear_error (&error);
      g_hash_table_iter_remove (&iter);
    }

  /* Until the user has chosen, nothing more is saved over their version. */
  if (self->conflict != NULL)
    return G_SOURCE_REMOVE;

  if (self->visit_dirty)
    {
      g_autoptr(FasciaVisit) theirs = NULL;

      if (!fascia_store_update_visit_full (self->store, self->visit, &theirs, &error))
        {
          if (theirs != NULL)
            {
              show_conflict (self, theirs);
              return G_SOURCE_REMOVE;
            }
          self->visit_dirty = FALSE;
          fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                     _("Could not save the visit"), error);
        }
      else
        {
          self->visit_dirty = FALSE;
          amended |= fascia_visit_is_locked (self->visit, NULL);
        }
      g_clear_error (&error);
    }

  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    {
      g_autoptr(FasciaVisit) theirs = NULL;
      g_autofree char *text = NULL;

      if ((self->notes_dirty & (1u << field)) == 0)
        continue;

      text = buffer_text (note_view (self, field));
      if (strlen (text) > FASCIA_STORE_MAX_NOTE)
        {
          /* Only a note loaded past the limit gets here (typing past it is refused): it is
           * kept as it was saved, and on screen, whole. */
          g_autofree char *size = g_format_size_full (strlen (text), G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *limit = g_format_size_full (FASCIA_STORE_MAX_NOTE,
                                                       G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *title = NULL;

          /* Translators: a SOAP field (Subjective, Objective…), then two sizes */
          title = g_strdup_printf (_("Not saved: the %s note is %s, more than the %s a note "
                                     "holds"), _(field_names[field]), size, limit);
          fascia_ui_toast (GTK_WIDGET (self), title);
        }
      else if (g_strcmp0 (text, fascia_visit_get_field (self->visit, field) ?: "") != 0)
        {
          gboolean locked = fascia_visit_is_locked (self->visit, NULL);

          if (fascia_store_save_visit_field (self->store, self->visit, field, text, &theirs,
                                             &error))
            amended |= locked;
          else if (theirs != NULL)
            {
              show_conflict (self, theirs);
              break;
            }
          else
            /* When the clinic server cannot be reached, the text stays here and in the
             * store's journal, saved when the server is back; the window's banner says so. */
            fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                       _("Could not save the notes"), error);
          g_clear_error (&error);
        }
      self->notes_dirty &= ~(1u << field);
    }

  if (amended)
    update_amendments (self);

  return G_SOURCE_REMOVE;
}

/* Conflicts */

static void
clear_mine (FasciaVisitEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->mine); i++)
    g_clear_pointer (&self->mine[i], g_free);
}

/* The notes the user typed, one field or several with their names. */
static char *
mine_as_text (FasciaVisitEditor *self)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->mine); i++)
    n += self->mine[i] != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->mine); i++)
    {
      if (self->mine[i] == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      if (n > 1)
        g_string_append_printf (text, "%s:\n", _(field_names[i]));
      g_string_append (text, self->mine[i]);
    }

  return g_string_free (text, FALSE);
}

static void
conflict_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      FasciaVisitEditor *self)
{
  g_autoptr(FasciaVisit) theirs = g_steal_pointer (&self->theirs);
  gboolean same_visit = self->visit != NULL &&
                        fascia_visit_get_id (self->visit) == fascia_visit_get_id (theirs);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (dialog, self);
  self->conflict = NULL;

  if (g_str_equal (response, FASCIA_CONFLICT_KEEP_MINE))
    {
      /* Their version with my notes (and my date and pain, if I changed them) over it. */
      if (!same_visit)
        {
          /* The editor moved on to another visit meanwhile: save mine straight away. */
          for (guint i = 0; i < G_N_ELEMENTS (self->mine); i++)
            if (self->mine[i] != NULL &&
                !fascia_store_save_visit_field (self->store, theirs, i, self->mine[i], NULL,
                                                &error))
              {
                fascia_ui_show_error (GTK_WIDGET (self), _("Could not save the notes"), error);
                g_clear_error (&error);
              }
        }
      else
        {
          FasciaVisit *base = self->visit_dirty ? self->visit : theirs;

          self->loading = TRUE;
          for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
               field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
            {
              if (self->mine[field] != NULL)
                {
                  /* The field as they saved it: the save of mine is then a change of it. */
                  fascia_visit_set_field (base, field, fascia_visit_get_field (theirs, field));
                  self->notes_dirty |= 1u << field;
                  continue;
                }
              fascia_visit_set_field (base, field, fascia_visit_get_field (theirs, field));
              gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view (self, field)),
                                        fascia_visit_get_field (theirs, field) ?: "", -1);
            }
          self->loading = FALSE;
          fascia_visit_set_revision (base, fascia_visit_get_revision (theirs));
          fascia_visit_set_updated_at (base, fascia_visit_get_updated_at (theirs));
          fascia_visit_set_updated_by (base, fascia_visit_get_updated_by (theirs));
          g_set_object (&self->visit, base);
          save_now (self);
          update_amendments (self);
        }
      clear_mine (self);
      return;
    }

  if (g_str_equal (response, FASCIA_CONFLICT_COPY_MINE))
    {
      g_autofree char *text = mine_as_text (self);

      if (*text != '\0')
        fascia_conflict_copy_aside (GTK_WIDGET (self), text);
    }
  clear_mine (self);

  /* Take theirs: the editor shows their version, and nothing of mine is saved. */
  if (same_visit)
    {
      self->notes_dirty = 0;
      self->visit_dirty = FALSE;
      g_clear_handle_id (&self->save_source, g_source_remove);
      g_clear_object (&self->visit);
      fascia_visit_editor_set_visit (self, theirs);
    }
}

/* A save found the visit saved by someone else since it was read: nothing was saved. The
 * dialog shows each note the user changed beside theirs. */
static void
show_conflict (FasciaVisitEditor *self,
               FasciaVisit       *theirs)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (self->conflict == NULL);

  clear_mine (self);
  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    {
      g_autofree char *text = buffer_text (note_view (self, field));

      if (g_strcmp0 (text, fascia_visit_get_field (self->visit, field) ?: "") != 0)
        self->mine[field] = g_steal_pointer (&text);
    }

  g_set_object (&self->theirs, theirs);
  dialog = fascia_conflict_dialog_new (GTK_WIDGET (self), _("this visit"),
                                       fascia_visit_get_updated_by (theirs),
                                       fascia_visit_get_updated_at (theirs));
  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    if (self->mine[field] != NULL)
      fascia_conflict_dialog_add_field (dialog, _(field_names[field]),
                                        fascia_visit_get_field (theirs, field), self->mine[field]);

  self->conflict = dialog;
  g_signal_connect (dialog, "response", G_CALLBACK (conflict_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FasciaVisitEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

void
_fascia_visit_editor_schedule_save (FasciaVisitEditor *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (FASCIA_SAVE_DELAY_MS, save_timeout_cb, self);
}

void
fascia_visit_editor_flush (FasciaVisitEditor *self)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  if (self->save_source != 0)
    save_now (self);
}

static void
update_heading (FasciaVisitEditor *self)
{
  g_autofree char *date = NULL;

  if (self->visit == NULL)
    return;

  date = fascia_ui_format_date (fascia_visit_get_visited_at (self->visit));
  gtk_label_set_label (self->heading_label, date);
}

static void
field_changed_cb (FasciaVisitEditor *self)
{
  g_autofree char *iso = NULL;

  if (self->loading || self->visit == NULL)
    return;

  /* A visit always has a date: an empty field, like one that holds no date, saves nothing
   * (the field says so once it is left); a new day keeps the visit's time. */
  if (fascia_ui_date_row_get_date (self->date_row, &iso) && *iso != '\0')
    {
      GDateTime *old = fascia_visit_get_visited_at (self->visit);
      g_autofree char *old_iso = fascia_ui_format_iso_date (old);

      if (!g_str_equal (iso, old_iso))
        {
          g_autoptr(GDateTime) day = fascia_ui_parse_date_in_order (iso, FASCIA_UI_DATE_ORDER_YMD);
          g_autoptr(GDateTime) date = g_date_time_new_local (g_date_time_get_year (day),
                                                             g_date_time_get_month (day),
                                                             g_date_time_get_day_of_month (day),
                                                             old != NULL ? g_date_time_get_hour (old) : 12,
                                                             old != NULL ? g_date_time_get_minute (old) : 0,
                                                             0);

          fascia_visit_set_visited_at (self->visit, date);
        }
    }
  fascia_visit_set_pain_before (self->visit, fascia_pain_scale_get_value (self->pain_before_scale));
  fascia_visit_set_pain_after (self->visit, fascia_pain_scale_get_value (self->pain_after_scale));
  update_heading (self);

  self->visit_dirty = TRUE;
  _fascia_visit_editor_schedule_save (self);
}

/* Before the lock, notes save after a pause like everything else. Once locked, each save is
 * an amendment, so they wait until the therapist leaves the field. */
static void
note_changed_cb (GtkTextBuffer     *buffer,
                 FasciaVisitEditor *self)
{
  FasciaVisitField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "field"));

  if (self->loading || self->visit == NULL)
    return;

  self->notes_dirty |= 1u << field;
  if (!fascia_visit_is_locked (self->visit, NULL))
    _fascia_visit_editor_schedule_save (self);
}

/* The store saves no note past FASCIA_STORE_MAX_NOTE: what would make a note longer is
 * refused as it is typed or pasted, with a word, rather than kept on screen and refused by
 * every save (and lost when the visit is left). A note loaded longer is shown whole. */
static gsize
buffer_length (GtkTextBuffer *buffer,
               gboolean       exact)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  /* A character takes at most four bytes: the text is copied only near the limit. */
  if (!exact)
    return (gsize) gtk_text_buffer_get_char_count (buffer) * 4;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return strlen (text);
}

static void
note_insert_text_cb (GtkTextBuffer     *buffer,
                     GtkTextIter       *location,
                     const char        *text,
                     int                length,
                     FasciaVisitEditor *self)
{
  FasciaVisitField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "field"));
  g_autofree char *limit = NULL;
  g_autofree char *title = NULL;
  gsize used;
  gint64 now;

  if (self->loading || length <= 0)
    return;
  used = buffer_length (buffer, FALSE);
  if (used <= FASCIA_STORE_MAX_NOTE && (gsize) length <= FASCIA_STORE_MAX_NOTE - used)
    return;
  used = buffer_length (buffer, TRUE);
  if (used <= FASCIA_STORE_MAX_NOTE && (gsize) length <= FASCIA_STORE_MAX_NOTE - used)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (note_view (self, field)));

  /* One toast while a key is held, not one a key press. */
  now = g_get_monotonic_time ();
  if (self->refused_at != 0 && now - self->refused_at < 5 * G_USEC_PER_SEC)
    return;
  self->refused_at = now;

  limit = g_format_size_full (FASCIA_STORE_MAX_NOTE, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: the first %s is a SOAP field (Subjective, Objective…), the second a size
   * ("16.0 MiB") */
  title = g_strdup_printf (_("Not added: the %s note would pass %s, the most a note holds"),
                           _(field_names[field]), limit);
  fascia_ui_toast (GTK_WIDGET (self), title);
}

static void
note_focus_leave_cb (GtkEventControllerFocus *controller,
                     FasciaVisitEditor       *self)
{
  if (self->notes_dirty != 0)
    save_now (self);
}

/* Pain marks */


static void
mark_intensity_cb (FasciaPainScale   *scale,
                   GParamSpec        *pspec,
                   FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (scale), "mark");
  int value = fascia_pain_scale_get_value (scale);

  if (value < 0)
    return;
  fascia_pain_mark_set_intensity (mark, value);
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  _fascia_visit_editor_schedule_save (self);
}

static void
mark_type_cb (AdwComboRow       *row,
              GParamSpec        *pspec,
              FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (row), "mark");

  fascia_pain_mark_set_pain_type (mark, adw_combo_row_get_selected (row));
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  _fascia_visit_editor_schedule_save (self);
}

static void
mark_note_cb (GtkEditable       *editable,
              FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (editable), "mark");

  fascia_pain_mark_set_note (mark, gtk_editable_get_text (editable));
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  _fascia_visit_editor_schedule_save (self);
}

void
_fascia_visit_editor_reload_marks (FasciaVisitEditor *self)
{
  g_autoptr(GError) error = NULL;

  fascia_visit_editor_flush (self);
  g_clear_object (&self->marks);
  if (self->removed_offline != NULL)
    g_hash_table_remove_all (self->removed_offline);
  if (self->visit != NULL && self->store != NULL)
    {
      self->marks = fascia_store_list_pain_marks (self->store, fascia_visit_get_id (self->visit),
                                                  &error);
      if (self->marks == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the body chart"), error);
    }

  rebuild_marks (self);
  _fascia_visit_editor_update_diagram (self);
}

typedef struct
{
  gint64          id;
  FasciaPainMark *mark;
  guint           position;
} RemovedMark;

static void
removed_mark_free (gpointer data)
{
  RemovedMark *removed = data;

  g_object_unref (removed->mark);
  g_free (removed);
}

/* The removal of a mark taken away while the clinic server is away was undone (the journal
 * forgot it, or took back the mark added meanwhile): it shows again where it was. */
static void
restored_mark_cb (FasciaStore       *store,
                  FasciaStoreTable   table,
                  FasciaStoreChange  change,
                  gint64             id,
                  gint64             client_id,
                  FasciaVisitEditor *self)
{
  RemovedMark *removed;

  if (change != FASCIA_STORE_CHANGE_RESTORED || !G_IS_LIST_STORE (self->marks) ||
      (removed = g_hash_table_lookup (self->removed_offline, &id)) == NULL)
    return;

  g_list_store_insert (G_LIST_STORE (self->marks),
                       MIN (removed->position, g_list_model_get_n_items (self->marks)),
                       removed->mark);
  g_hash_table_remove (self->removed_offline, &id);
  rebuild_marks (self);
  _fascia_visit_editor_update_diagram (self);
}

static void
delete_mark_clicked_cb (GtkButton         *button,
                        FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (button), "mark");
  g_autoptr(GError) error = NULL;
  gint64 id = fascia_pain_mark_get_id (mark);

  fascia_visit_editor_flush (self);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_PAIN_MARKS, id, &error) &&
      !fascia_ui_show_save_error (GTK_WIDGET (self), self->store,
                                  _("Could not remove the pain mark"), error))
    return;

  fascia_ui_toast_deleted (GTK_WIDGET (self), _("Pain mark removed"),
                           FASCIA_STORE_TABLE_PAIN_MARKS, id);
  /* While the clinic server is away the marks cannot be read again: the one removed goes
   * from those shown, kept here until its undo (restored_mark_cb()). */
  if (!fascia_store_is_connected (self->store) && G_IS_LIST_STORE (self->marks))
    {
      guint position;

      if (g_list_store_find (G_LIST_STORE (self->marks), mark, &position))
        {
          RemovedMark *removed = g_new (RemovedMark, 1);

          removed->id = id;
          removed->mark = g_object_ref (mark);
          removed->position = position;
          g_hash_table_replace (self->removed_offline, &removed->id, removed);
          g_list_store_remove (G_LIST_STORE (self->marks), position);
        }
      rebuild_marks (self);
      _fascia_visit_editor_update_diagram (self);
      return;
    }
  _fascia_visit_editor_reload_marks (self);
}

/* The muscle a mark is on, named from the region's id alone: loading the view's drawing for
 * it cost a parse of the SVG and a librsvg render per region, for every row, on every click. */
static char *
mark_title (FasciaPainMark *mark)
{
  const char *region_id = fascia_pain_mark_get_region_id (mark);
  g_autofree char *atlas_id = NULL;
  FasciaRegionKind kind;
  FasciaSide side;
  guint n;

  if (region_id == NULL || *region_id == '\0')
    return g_strdup (_("Point on the body"));

  if (!fascia_diagram_parse_region_id (region_id, &kind, &side, &atlas_id, &n))
    return g_strdup (region_id);

  /* A bone or ligament is named as its region is for a screen reader ("Lower ribs, right
   * side"), not by the drawing's id. */
  if (kind == FASCIA_REGION_LANDMARK)
    {
      FasciaRegion region = { .id = region_id, .kind = kind, .side = side,
                              .atlas_id = atlas_id, .n = n };

      return fascia_region_dup_label (fascia_ui_get_atlas (), &region);
    }

  return fascia_ui_muscle_name (atlas_id, side);
}

static GtkWidget *
find_point_place (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), "fascia-point-place") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_point_place (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What lies under a point mark, on the drawing shown if it is the mark's. */
static char *
point_place_text (FasciaVisitEditor *self,
                  FasciaPainMark    *mark)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  const FasciaRegion *region;
  g_autofree char *name = NULL;

  if (diagram == NULL)
    return g_strdup ("");
  if (g_strcmp0 (fascia_pain_mark_get_view_id (mark),
                 fascia_ui_get_dropdown_view (self->view_dropdown)) != 0)
    return g_strdup (_("On another view of the diagram"));

  region = fascia_diagram_hit_test (diagram, fascia_pain_mark_get_x (mark),
                                    fascia_pain_mark_get_y (mark));
  if (region == NULL)
    return g_strdup (_("Off the muscles and bones"));
  name = fascia_region_dup_label (fascia_ui_get_atlas (), region);
  /* Translators: where a point marked on the body chart lies, "Over Gluteus medius, left side" */
  return g_strdup_printf (_("Over %s"), name);
}

/* Says on a point's "Place on the drawing" row what lies under the point. */
static void
show_point_place (FasciaVisitEditor *self,
                  GtkWidget         *row)
{
  g_autofree char *place = point_place_text (self, g_object_get_data (G_OBJECT (row), "mark"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  place, -1);
}

/* The arrow keys on a point's "Place on the drawing" row move the point, with Shift five
 * times as far: a point, off the muscles and bones, could be placed only with the pointer. */
#define POINT_STEP 10.0

static void load_view (FasciaVisitEditor *self,
                       const char        *view_id);

static gboolean
point_place_key_cb (FasciaVisitEditor     *self,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkEventControllerKey *controller)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (row), "mark");
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  double step = state & GDK_SHIFT_MASK ? 5 * POINT_STEP : POINT_STEP;
  double dx = 0, dy = 0, width = 1200, height = 1500;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -step;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = step;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -step;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = step;
      break;
    default:
      return FALSE;
    }

  /* A point on another view than the one shown is shown first: it moved out of sight. */
  if (g_strcmp0 (fascia_pain_mark_get_view_id (mark),
                 fascia_ui_get_dropdown_view (self->view_dropdown)) != 0)
    {
      fascia_ui_fill_view_dropdown (self->view_dropdown, fascia_pain_mark_get_view_id (mark));
      load_view (self, fascia_ui_get_dropdown_view (self->view_dropdown));
      diagram = fascia_diagram_view_get_diagram (self->diagram_view);
    }
  if (diagram != NULL)
    fascia_diagram_get_size (diagram, &width, &height);
  fascia_pain_mark_set_x (mark, CLAMP (fascia_pain_mark_get_x (mark) + dx, 0, width));
  fascia_pain_mark_set_y (mark, CLAMP (fascia_pain_mark_get_y (mark) + dy, 0, height));
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  _fascia_visit_editor_schedule_save (self);
  _fascia_visit_editor_update_diagram (self);

  show_point_place (self, row);
  return TRUE;
}

static GtkWidget *
create_point_place_row (FasciaVisitEditor *self,
                        FasciaPainMark    *mark)
{
  GtkWidget *row = adw_action_row_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_autofree char *place = point_place_text (self, mark);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Place on the drawing"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
  gtk_widget_set_tooltip_text (row, _("Arrow keys move the point, with Shift five times as far"));
  /* Translators: a screen reader's name for the row whose arrow keys move a point mark */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Place on the drawing: the arrow keys move the point"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, place, -1);
  g_object_set_data (G_OBJECT (row), "mark", mark);
  g_object_set_data (G_OBJECT (row), "fascia-point-place", GINT_TO_POINTER (TRUE));
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (point_place_key_cb), self);
  gtk_widget_add_controller (row, keys);
  return row;
}

static GtkWidget *
create_mark_row (FasciaVisitEditor *self,
                 FasciaPainMark    *mark)
{
  g_autofree char *title = mark_title (mark);
  g_autofree char *subtitle = g_strdup_printf (_("%u of 10 · %s"),
                                               fascia_pain_mark_get_intensity (mark),
                                               _(pain_type_labels[fascia_pain_mark_get_pain_type (mark)]));
  /* Translators: a button's name for screen readers, "Remove pain mark, Psoas major, left side" */
  g_autofree char *remove_label = g_strdup_printf (_("Remove pain mark, %s"), title);
  /* Translators: a scale's name for screen readers, "Intensity of pain, Psoas major, left side" */
  g_autofree char *scale_label = g_strdup_printf (_("Intensity of pain, %s"), title);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row, *scale, *button;

  for (guint i = 0; pain_type_labels[i] != NULL; i++)
    gtk_string_list_append (types, _(pain_type_labels[i]));

  /* A mark's row opens and folds at once: each click on the body chart opens the new mark
   * and folds the one before it. */
  fascia_ui_expander_row_open_at_once (ADW_EXPANDER_ROW (expander));
  fascia_ui_expander_row_set_title (ADW_EXPANDER_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Pain Mark"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data (G_OBJECT (button), "mark", mark);
  g_signal_connect (button, "clicked", G_CALLBACK (delete_mark_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), button);

  row = gtk_list_box_row_new ();
  scale = fascia_pain_scale_new ();
  gtk_widget_add_css_class (scale, "compact");
  gtk_widget_set_margin_start (scale, 12);
  gtk_widget_set_margin_end (scale, 12);
  gtk_widget_set_margin_top (scale, 6);
  gtk_widget_set_margin_bottom (scale, 6);
  fascia_pain_scale_set_value (FASCIA_PAIN_SCALE (scale), fascia_pain_mark_get_intensity (mark));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scale_label, -1);
  g_object_set_data (G_OBJECT (scale), "mark", mark);
  g_signal_connect (scale, "notify::value", G_CALLBACK (mark_intensity_cb), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), scale);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* The row around the scale, which a screen reader comes to first, by the scale's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scale_label, -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kind of pain"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (types));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), fascia_pain_mark_get_pain_type (mark));
  g_object_set_data (G_OBJECT (row), "mark", mark);
  g_signal_connect (row, "notify::selected", G_CALLBACK (mark_type_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  /* A point, off the muscles and bones, is moved there from the keyboard. */
  if (fascia_pain_mark_get_region_id (mark) == NULL
      || *fascia_pain_mark_get_region_id (mark) == '\0')
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), create_point_place_row (self, mark));

  row = fascia_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (row), fascia_pain_mark_get_note (mark) ?: "");
  g_object_set_data (G_OBJECT (row), "mark", mark);
  g_signal_connect (row, "changed", G_CALLBACK (mark_note_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return expander;
}

static void
rebuild_marks (FasciaVisitEditor *self)
{
  guint n = self->marks != NULL ? g_list_model_get_n_items (self->marks) : 0;
  GtkWidget *child;

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->mark_list, 0))) != NULL)
    gtk_list_box_remove (self->mark_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (self->marks, i);
      GtkWidget *row = create_mark_row (self, mark);

      /* The newest mark opens, ready for its intensity and kind. */
      if (i == n - 1 && !self->loading)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->mark_list, row);
    }
}

/**
 * _fascia_visit_editor_append_mark:
 * @mark: a mark the store has just added to this visit (the newest)
 *
 * Shows a new mark: one row more, opened, rather than every row made again (a click on the
 * body chart used to rebuild the whole list, which grows with every mark).
 */
void
_fascia_visit_editor_append_mark (FasciaVisitEditor *self,
                                  FasciaPainMark    *mark)
{
  guint n;
  GtkListBoxRow *last;
  GtkWidget *row;

  if (!G_IS_LIST_STORE (self->marks)
      || g_list_model_get_item_type (self->marks) != FASCIA_TYPE_PAIN_MARK)
    {
      _fascia_visit_editor_reload_marks (self);
      return;
    }

  n = g_list_model_get_n_items (self->marks);
  last = n > 0 ? gtk_list_box_get_row_at_index (self->mark_list, n - 1) : NULL;
  if (ADW_IS_EXPANDER_ROW (last))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (last), FALSE);

  g_list_store_append (G_LIST_STORE (self->marks), mark);
  row = create_mark_row (self, mark);
  if (!self->loading)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_list_box_append (self->mark_list, row);
  _fascia_visit_editor_update_diagram (self);
}

/* The body chart on the diagram: today's pain filled, findings filled in the target colour,
 * the compared visit's marks and findings outlined. What each region carries is also said in
 * its tooltip and accessible description. */

static void
add_note (GHashTable *notes,
          const char *region_id,
          char       *text)
{
  GPtrArray *parts = g_hash_table_lookup (notes, region_id);

  if (parts == NULL)
    {
      parts = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (notes, (gpointer) region_id, parts);
    }
  g_ptr_array_add (parts, text);
}

static char *
earlier_text (FasciaVisitEditor *self,
              char              *text)
{
  g_autofree char *date = fascia_ui_format_date (fascia_visit_get_visited_at (self->compared_visit));
  char *result;

  /* Translators: a compared visit's mark, "on Sat 10 Jan 2026: pain 5 of 10, ache" */
  result = g_strdup_printf (_("on %s: %s"), g_strstrip (date), text);
  g_free (text);
  return result;
}

static void
style_marks (FasciaVisitEditor *self,
             GListModel        *marks,
             const char        *view_id,
             FasciaRegionStyle  style,
             gboolean           earlier,
             GHashTable        *notes)
{
  guint n = marks != NULL ? g_list_model_get_n_items (marks) : 0;
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, i);
      const char *region_id = fascia_pain_mark_get_region_id (mark);
      const FasciaRegion *region;
      g_autofree char *type = NULL;
      char *text;

      /* A point is on the drawing it was placed on; a muscle or landmark marked on one view
       * is marked on every view that draws it, as a finding is (a click on it there opens
       * its mark, fascia_visit_editor_mark_region()). */
      if (region_id == NULL || *region_id == '\0')
        {
          if (g_strcmp0 (fascia_pain_mark_get_view_id (mark), view_id) != 0)
            continue;
          fascia_diagram_view_add_marker_full (self->diagram_view, fascia_pain_mark_get_x (mark),
                                               fascia_pain_mark_get_y (mark), earlier);
          continue;
        }

      region = fascia_diagram_lookup_region (diagram, region_id);
      if (region == NULL)
        continue;

      fascia_diagram_view_add_region_style (self->diagram_view, region_id, style);
      type = g_utf8_strdown (_(pain_type_labels[fascia_pain_mark_get_pain_type (mark)]), -1);
      /* Translators: a pain mark in a region's tooltip, "pain 6 of 10, ache" */
      text = g_strdup_printf (_("pain %u of 10, %s"), fascia_pain_mark_get_intensity (mark), type);
      add_note (notes, region->id, earlier ? earlier_text (self, text) : text);
    }
}

static char *
finding_text (FasciaFindingFlags flags)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fascia_finding_tools); i++)
    if (flags & fascia_finding_tools[i].flag)
      g_ptr_array_add (words, (gpointer) _(fascia_finding_tools[i].word));
  g_ptr_array_add (words, NULL);

  return g_strjoinv (", ", (char **) words->pdata);
}

/* A finding is kept per muscle and side; it shows on each muscle region of that side. */
static void
style_findings (FasciaVisitEditor *self,
                GListModel        *findings,
                FasciaRegionStyle  style,
                gboolean           earlier,
                GHashTable        *notes)
{
  guint n = findings != NULL ? g_list_model_get_n_items (findings) : 0;
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  guint n_regions = fascia_diagram_get_n_regions (diagram);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaFinding) finding = g_list_model_get_item (findings, i);
      FasciaFindingFlags flags = fascia_finding_get_flags (finding);
      const char *muscle_id = fascia_finding_get_muscle_id (finding);
      FasciaSide side = fascia_finding_get_side (finding);

      if (flags == FASCIA_FINDING_NONE)
        continue;

      for (guint j = 0; j < n_regions; j++)
        {
          const FasciaRegion *region = fascia_diagram_get_region (diagram, j);
          char *text;

          if (region->kind != FASCIA_REGION_MUSCLE
              || g_strcmp0 (region->atlas_id, muscle_id) != 0
              || !(side == region->side || side == FASCIA_SIDE_BOTH
                   || region->side == FASCIA_SIDE_NONE))
            continue;

          fascia_diagram_view_add_region_style (self->diagram_view, region->id, style);
          text = finding_text (flags);
          add_note (notes, region->id, earlier ? earlier_text (self, text) : text);
        }
    }
}

void
_fascia_visit_editor_update_diagram (FasciaVisitEditor *self)
{
  const char *view_id = fascia_ui_get_dropdown_view (self->view_dropdown);
  g_autoptr(GHashTable) notes = NULL;
  GHashTableIter iter;
  gpointer region_id, parts;

  if (fascia_diagram_view_get_diagram (self->diagram_view) == NULL)
    return;

  /* region id (the diagram's) → GPtrArray of what is said about it, today's first */
  notes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                 (GDestroyNotify) g_ptr_array_unref);

  fascia_diagram_view_clear_region_styles (self->diagram_view,
                                           FASCIA_REGION_STYLE_PAIN | FASCIA_REGION_STYLE_TARGET
                                           | FASCIA_REGION_STYLE_SELECTED);
  fascia_diagram_view_clear_markers (self->diagram_view);
  fascia_diagram_view_clear_region_notes (self->diagram_view);

  style_marks (self, self->marks, view_id, FASCIA_REGION_STYLE_PAIN, FALSE, notes);
  style_findings (self, self->findings, FASCIA_REGION_STYLE_TARGET, FALSE, notes);
  if (self->compared_visit != NULL)
    {
      style_marks (self, self->earlier_marks, view_id, FASCIA_REGION_STYLE_SELECTED, TRUE, notes);
      style_findings (self, self->earlier_findings, FASCIA_REGION_STYLE_SELECTED, TRUE, notes);
    }

  g_hash_table_iter_init (&iter, notes);
  while (g_hash_table_iter_next (&iter, &region_id, &parts))
    {
      g_autofree char *note = NULL;

      g_ptr_array_add (parts, NULL);
      note = g_strjoinv ("; ", (char **) ((GPtrArray *) parts)->pdata);
      fascia_diagram_view_set_region_note (self->diagram_view, region_id, note);
    }

  fascia_diagram_view_styles_changed (self->diagram_view);
}

GListModel *
fascia_visit_editor_get_marks (FasciaVisitEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return self->marks;
}

/* Findings */


void
_fascia_visit_editor_reload_findings (FasciaVisitEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->findings);
  if (self->visit != NULL && self->store != NULL)
    {
      self->findings = fascia_store_list_findings (self->store, fascia_visit_get_id (self->visit),
                                                   &error);
      if (self->findings == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the findings"), error);
    }

  rebuild_findings (self);
  _fascia_visit_editor_update_diagram (self);
}

/* The muscle's name above its finding buttons, which flow onto a second line in a narrow pane:
 * a row of five buttons beside the name made the pane wider than the divider allowed. The
 * row is one Tab stop, its buttons reached with Left and Right as in a tool bar, Up and Down
 * going to the same finding of the muscle above or below (finding_list_key_cb()): the row
 * and its five buttons were six Tab stops. */
static GtkWidget *
create_finding_row (FasciaVisitEditor *self,
                    FasciaFinding     *finding)
{
  g_autofree char *name = fascia_ui_muscle_name (fascia_finding_get_muscle_id (finding),
                                                 fascia_finding_get_side (finding));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *flow = g_object_new (GTK_TYPE_FLOW_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (title), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_box_append (GTK_BOX (box), title);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), G_N_ELEMENTS (fascia_finding_tools));
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (fascia_finding_tools); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(fascia_finding_tools[i].label));
      /* Named for the muscle too ("Weak, Gluteus medius, left side"): every finding has the
       * same buttons, and a screen reader read "Weak" for each. */
      g_autofree char *label = g_strdup_printf (C_("accessible name of a finding's button",
                                                   "%s, %s"),
                                                _(fascia_finding_tools[i].label), name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    fascia_finding_get_flags (finding) & fascia_finding_tools[i].flag);
      gtk_widget_add_css_class (button, "small-toggle");
      g_object_set_data_full (G_OBJECT (button), "finding", g_object_ref (finding), g_object_unref);
      g_object_set_data (G_OBJECT (button), "flag", GUINT_TO_POINTER (fascia_finding_tools[i].flag));
      g_signal_connect (button, "toggled", G_CALLBACK (_fascia_visit_editor_finding_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
    }
  /* The buttons take the focus, not the flow box's own children around them. */
  fascia_ui_flow_box_only_lays_out (GTK_FLOW_BOX (flow));

  gtk_box_append (GTK_BOX (box), fascia_button_group_new (flow, FALSE));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* The finding button that has the focus, its row's index and its own; or FALSE. */
static gboolean
focused_finding (FasciaVisitEditor *self,
                 int               *row_index,
                 guint             *flag_index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;
  FasciaFindingFlags flag;

  if (focus == NULL || !GTK_IS_TOGGLE_BUTTON (focus)
      || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->finding_list)))
    return FALSE;

  flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (focus), "flag"));
  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  *row_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  for (guint i = 0; i < G_N_ELEMENTS (fascia_finding_tools); i++)
    if (fascia_finding_tools[i].flag == flag)
      *flag_index = i;
  return TRUE;
}

/* Puts the focus on a finding's button, the nearest row to @row_index that there is. */
static gboolean
focus_finding (FasciaVisitEditor *self,
               int                row_index,
               guint              flag_index)
{
  GtkListBoxRow *row = NULL;
  GtkWidget *button;

  for (int i = row_index; i >= 0 && row == NULL; i--)
    row = gtk_list_box_get_row_at_index (self->finding_list, i);
  if (row == NULL)
    return FALSE;

  /* The row's box: its name, then its group of buttons. */
  button = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));
  button = fascia_button_group_get_child (FASCIA_BUTTON_GROUP (button));
  button = GTK_WIDGET (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (button), flag_index));
  return button != NULL
         && gtk_widget_grab_focus (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (button)));
}

/* Up and Down from a finding's button go to the same finding of the muscle above or below,
 * as in a table. */
static gboolean
finding_list_key_cb (FasciaVisitEditor     *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  int row_index, delta;
  guint flag_index = 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    delta = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    delta = 1;
  else
    return FALSE;
  if (!focused_finding (self, &row_index, &flag_index))
    return FALSE;

  /* At the first or last row the focus stays, as in a list. */
  if (gtk_list_box_get_row_at_index (self->finding_list, row_index + delta) != NULL)
    focus_finding (self, row_index + delta, flag_index);
  return TRUE;
}

static gboolean
rebuild_findings_idle_cb (gpointer user_data)
{
  FasciaVisitEditor *self = user_data;
  guint n = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
  GtkWidget *child;
  int row_index = -1;
  guint flag_index = 0;
  gboolean had_focus = focused_finding (self, &row_index, &flag_index);

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->finding_list, 0))) != NULL)
    gtk_list_box_remove (self->finding_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaFinding) finding = g_list_model_get_item (self->findings, i);

      if (fascia_finding_get_flags (finding) != FASCIA_FINDING_NONE)
        gtk_list_box_append (self->finding_list, create_finding_row (self, finding));
    }

  /* A button pressed in a row keeps the focus when the rows are made again: it went with the
   * row it was in. With the row gone (its last finding taken away) the focus goes to the same
   * button of the row now in its place, or of the row above; with none left, to the tools. */
  if (had_focus && !focus_finding (self, row_index, flag_index))
    gtk_widget_grab_focus (gtk_widget_get_parent (self->tool_flow));

  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
rebuild_findings (FasciaVisitEditor *self)
{
  /* A toggle in a row may have asked for this; let its handler return first. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_findings_idle_cb, g_object_ref (self), NULL);
}

void
_fascia_visit_editor_rebuild_findings (FasciaVisitEditor *self)
{
  rebuild_findings (self);
}

/* The diagram */


static void
load_view (FasciaVisitEditor *self,
           const char        *view_id)
{
  if (!fascia_ui_show_view (self->diagram_view, view_id))
    return;
  _fascia_visit_editor_update_diagram (self);
  /* What lies under each point is said of the view shown, or that it is on another. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->mark_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *place = find_point_place (row);

      if (place != NULL)
        show_point_place (self, place);
    }
}

static void
view_selected_cb (FasciaVisitEditor *self)
{
  if (self->loading)
    return;

  load_view (self, fascia_ui_get_dropdown_view (self->view_dropdown));
}

/* Comparison with an earlier visit */

static void
load_compared (FasciaVisitEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->compare_dropdown);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->compared_visit);
  g_clear_object (&self->earlier_marks);
  g_clear_object (&self->earlier_findings);

  /* The first choice is "None". */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0
      && selected <= self->earlier_visits->len && self->store != NULL)
    {
      FasciaVisit *other = g_ptr_array_index (self->earlier_visits, selected - 1);
      gint64 id = fascia_visit_get_id (other);

      self->compared_visit = g_object_ref (other);
      self->earlier_marks = fascia_store_list_pain_marks (self->store, id, &error);
      if (self->earlier_marks != NULL)
        self->earlier_findings = fascia_store_list_findings (self->store, id, &error);
      if (error != NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the earlier visit"), error);
    }

  /* In the legend's flow box, its slot goes with it. */
  gtk_widget_set_visible (self->legend_earlier, self->compared_visit != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (self->legend_earlier),
                          self->compared_visit != NULL);
}

/* The visits before this one, newest first (the store's order), the previous one chosen. */
static void
load_earlier_visits (FasciaVisitEditor *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GListModel) visits = NULL;
  gboolean passed = FALSE;

  g_ptr_array_set_size (self->earlier_visits, 0);
  /* Translators: no earlier visit is drawn on the body chart */
  gtk_string_list_append (choices, _("None"));

  if (self->visit != NULL && self->store != NULL)
    visits = fascia_store_list_visits (self->store, fascia_visit_get_client_id (self->visit),
                                       NULL);

  for (guint i = 0; visits != NULL && i < g_list_model_get_n_items (visits); i++)
    {
      g_autoptr(FasciaVisit) other = g_list_model_get_item (visits, i);
      g_autofree char *date = NULL;

      if (fascia_visit_get_id (other) == fascia_visit_get_id (self->visit))
        {
          passed = TRUE;
          continue;
        }
      if (!passed)
        continue;

      date = fascia_ui_format_date (fascia_visit_get_visited_at (other));
      gtk_string_list_append (choices, g_strstrip (date));
      g_ptr_array_add (self->earlier_visits, g_steal_pointer (&other));
    }

  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->compare_dropdown, self->earlier_visits->len > 0 ? 1 : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_dropdown), self->earlier_visits->len > 0);
  /* Its place in the flow box greyed too: GTK 4.8's flow box hands Tab to the next child
   * that is sensitive, and kept it, on the view's drop-down, when that child could not take
   * the focus. */
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->compare_dropdown)),
                            self->earlier_visits->len > 0);
  load_compared (self);
}

static void
compare_selected_cb (FasciaVisitEditor *self)
{
  if (self->loading)
    return;

  load_compared (self);
  _fascia_visit_editor_update_diagram (self);
}

/* Treated targets */


static void
rebuild_treated (FasciaVisitEditor *self)
{
  g_autoptr(GListModel) targets = NULL;
  GtkWidget *child;
  const gint64 *treated = NULL;
  gsize n_treated = 0;
  gint64 plan_id;

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->treated_list, 0))) != NULL)
    gtk_list_box_remove (self->treated_list, child);

  if (self->visit == NULL || self->store == NULL)
    return;

  plan_id = fascia_visit_get_plan_id (self->visit);
  if (plan_id == 0)
    return;

  targets = fascia_store_list_plan_targets (self->store, plan_id, NULL);
  treated = fascia_visit_get_treated_target_ids (self->visit, &n_treated);

  for (guint i = 0; targets != NULL && i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, i);
      g_autofree char *name = fascia_ui_muscle_name (fascia_plan_target_get_muscle_id (target),
                                                     fascia_plan_target_get_side (target));
      gint64 id = fascia_plan_target_get_id (target);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = FALSE;

      for (gsize k = 0; k < n_treated; k++)
        active |= treated[k] == id;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      g_signal_connect (check, "toggled", G_CALLBACK (_fascia_visit_editor_treated_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data_full (G_OBJECT (row), "target-id", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (self->treated_list, row);
    }
}

/* The visit */


void
fascia_visit_editor_reload (FasciaVisitEditor *self)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  if (self->visit == NULL)
    return;

  _fascia_visit_editor_reload_marks (self);
  _fascia_visit_editor_reload_findings (self);
}

/* Someone else saved the visit shown (another therapist on the clinic server): shown at once
 * while nothing here waits to be saved; otherwise the next save meets theirs and the user
 * chooses. */
static void
store_visit_changed_cb (FasciaStore       *store,
                        FasciaStoreTable   table,
                        FasciaStoreChange  change,
                        gint64             id,
                        gint64             client_id,
                        FasciaVisitEditor *self)
{
  g_autoptr(FasciaVisit) current = NULL;

  if (self->visit == NULL || id != fascia_visit_get_id (self->visit) ||
      change != FASCIA_STORE_CHANGE_UPDATED || self->saving || self->loading ||
      self->notes_dirty != 0 || self->visit_dirty || self->conflict != NULL ||
      self->save_source != 0)
    return;

  current = fascia_store_get_visit (store, id, NULL);
  if (current == NULL || fascia_visit_get_revision (current) == fascia_visit_get_revision (self->visit))
    return;

  g_clear_object (&self->visit);
  fascia_visit_editor_set_visit (self, current);
}

void
fascia_visit_editor_set_store (FasciaVisitEditor *self,
                               FasciaStore       *store)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  fascia_visit_editor_set_visit (self, NULL);
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->marks_changed_id, self->store);
    }
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->changed_id = g_signal_connect_object (store, "changed::visits",
                                                  G_CALLBACK (store_visit_changed_cb), self, 0);
      self->marks_changed_id = g_signal_connect_object (store, "changed::pain-marks",
                                                        G_CALLBACK (restored_mark_cb), self, 0);
    }
}

void
fascia_visit_editor_set_client (FasciaVisitEditor *self,
                                FasciaClient      *client)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  g_set_object (&self->client, client);
}

void
fascia_visit_editor_set_plans (FasciaVisitEditor *self,
                               GListModel        *plans)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  g_set_object (&self->plans, plans);
}

FasciaVisit *
fascia_visit_editor_get_visit (FasciaVisitEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return self->visit;
}

void
fascia_visit_editor_set_visit (FasciaVisitEditor *self,
                               FasciaVisit       *visit)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));
  g_return_if_fail (visit == NULL || FASCIA_IS_VISIT (visit));

  if (self->visit == visit)
    return;

  fascia_visit_editor_flush (self);
  g_set_object (&self->visit, visit);

  self->loading = TRUE;
  if (visit != NULL)
    {
      g_autofree char *date = fascia_ui_format_iso_date (fascia_visit_get_visited_at (visit));

      fascia_ui_date_row_set_date (self->date_row, date);
      fascia_pain_scale_set_value (self->pain_before_scale, fascia_visit_get_pain_before (visit));
      fascia_pain_scale_set_value (self->pain_after_scale, fascia_visit_get_pain_after (visit));
      for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
           field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view (self, field)),
                                  fascia_visit_get_field (visit, field) ?: "", -1);

      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (self->store,
                                                                  fascia_visit_get_id (visit),
                                                                  NULL);
      g_autoptr(FasciaPainMark) first_mark = marks != NULL ? g_list_model_get_item (marks, 0)
                                                           : NULL;
      FasciaDiagram *shown = fascia_diagram_view_get_diagram (self->diagram_view);
      const char *wanted = NULL;

      /* Open on the view where this visit's pain was marked, so the chart shows it. */
      if (first_mark != NULL)
        wanted = fascia_pain_mark_get_view_id (first_mark);
      else if (shown == NULL)
        wanted = "posterior-superficial";

      if (wanted != NULL
          && (shown == NULL || g_strcmp0 (fascia_diagram_get_view_id (shown), wanted) != 0))
        {
          fascia_ui_fill_view_dropdown (self->view_dropdown, wanted);
          load_view (self, fascia_ui_get_dropdown_view (self->view_dropdown));
        }
    }
  self->notes_dirty = 0;
  self->visit_dirty = FALSE;

  load_earlier_visits (self);
  _fascia_visit_editor_reload_marks (self);
  _fascia_visit_editor_reload_findings (self);
  rebuild_treated (self);
  update_amendments (self);
  update_heading (self);
  self->loading = FALSE;
}

FasciaPainScale *
fascia_visit_editor_get_pain_scale (FasciaVisitEditor *self,
                                    gboolean           after)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return after ? self->pain_after_scale : self->pain_before_scale;
}

/**
 * fascia_visit_editor_focus_start:
 *
 * Puts the focus where a visit begins, on the pain before treatment (on its score, or 0),
 * inside the editor, where its tool keys (Alt+H and the others) work.
 */
void
fascia_visit_editor_focus_start (FasciaVisitEditor *self)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  gtk_widget_child_focus (GTK_WIDGET (self->pain_before_scale), GTK_DIR_TAB_FORWARD);
}

/* Scrolls the notes' pane to show @widget: a row made and focused at once is not laid out
 * yet, and its viewport, which scrolls to the focus as it comes, did not move. */
static void
reveal_after_paint_cb (GdkFrameClock *clock,
                       GtkWidget     *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = NULL;
  graphene_rect_t bounds;

  g_signal_handlers_disconnect_by_func (clock, reveal_after_paint_cb, widget);
  if (scrolled != NULL)
    viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (viewport) && gtk_viewport_get_child (GTK_VIEWPORT (viewport)) != NULL
      && gtk_widget_compute_bounds (widget, gtk_viewport_get_child (GTK_VIEWPORT (viewport)),
                                    &bounds))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                               bounds.origin.y, bounds.origin.y + bounds.size.height);
  g_object_unref (widget);
}

/**
 * _fascia_visit_editor_focus_point_place:
 *
 * Puts the focus on the "Place on the drawing" row of the newest mark, a point.
 */
gboolean
_fascia_visit_editor_focus_point_place (FasciaVisitEditor *self)
{
  guint n = self->marks != NULL ? g_list_model_get_n_items (self->marks) : 0;
  GtkListBoxRow *row = n > 0 ? gtk_list_box_get_row_at_index (self->mark_list, n - 1) : NULL;
  GtkWidget *place;

  if (row == NULL)
    return FALSE;
  place = find_point_place (GTK_WIDGET (row));
  if (place == NULL || !gtk_widget_grab_focus (place))
    return FALSE;
  if (gtk_widget_get_frame_clock (place) != NULL)
    {
      g_signal_connect (gtk_widget_get_frame_clock (place), "after-paint",
                        G_CALLBACK (reveal_after_paint_cb), g_object_ref (place));
      gtk_widget_queue_draw (place);
    }
  return TRUE;
}

FasciaDiagramView *
fascia_visit_editor_get_diagram_view (FasciaVisitEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return self->diagram_view;
}

static void
fascia_visit_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_visit_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      if (g_strcmp0 (self->tool, g_value_get_string (value)) != 0)
        {
          g_free (self->tool);
          self->tool = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_visit_editor_dispose (GObject *object)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  if (self->save_source != 0)
    save_now (self);

  /* The dialog outlives the editor only as a choice no one can act on: mine goes to the
   * clipboard, as when the dialog is closed. */
  if (self->conflict != NULL)
    {
      AdwMessageDialog *dialog = self->conflict;

      g_clear_object (&self->visit);
      adw_message_dialog_response (dialog, FASCIA_CONFLICT_COPY_MINE);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_VISIT_EDITOR);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->marks_changed_id, self->store);
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->removed_offline, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->plans);
  g_clear_object (&self->visit);
  g_clear_object (&self->marks);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->earlier_visits, g_ptr_array_unref);
  g_clear_object (&self->compared_visit);
  g_clear_object (&self->earlier_marks);
  g_clear_object (&self->earlier_findings);
  g_clear_object (&self->theirs);
  clear_mine (self);

  G_OBJECT_CLASS (fascia_visit_editor_parent_class)->dispose (object);
}

static void
fascia_visit_editor_finalize (GObject *object)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  g_clear_pointer (&self->dirty_marks, g_hash_table_unref);
  g_clear_pointer (&self->tool, g_free);

  G_OBJECT_CLASS (fascia_visit_editor_parent_class)->finalize (object);
}

static void
fascia_visit_editor_class_init (FasciaVisitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_visit_editor_get_property;
  object_class->set_property = fascia_visit_editor_set_property;
  object_class->dispose = fascia_visit_editor_dispose;
  object_class->finalize = fascia_visit_editor_finalize;

  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "pain",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_BUTTON_GROUP);
  g_type_ensure (FASCIA_TYPE_DIAGRAM_VIEW);
  g_type_ensure (FASCIA_TYPE_PAIN_SCALE);

  g_type_ensure (FASCIA_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-visit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, lock_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, legend_earlier);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, diagram_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, paned);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, tool_flow);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, dropdown_flow);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, legend_flow);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, pain_before_scale);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, pain_after_scale);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, mark_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, finding_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, treated_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, subjective_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, objective_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, assessment_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, plan_notes_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, subjective_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, objective_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, assessment_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, plan_notes_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, pain_before_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, pain_after_amendments);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_selected_cb);

  _fascia_visit_editor_class_actions_init (widget_class);
}

static void
fascia_visit_editor_init (FasciaVisitEditor *self)
{
  self->tool = g_strdup ("pain");
  self->earlier_visits = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty_marks = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->removed_offline = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                 removed_mark_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  fascia_ui_date_row_init (self->date_row);
  fascia_ui_date_row_set_required (self->date_row);
  fascia_ui_keep_labels_readable (self->diagram_view);
  fascia_ui_add_zoom_buttons (self->diagram_view);
  fascia_diagram_view_set_fit_figure (self->diagram_view, TRUE);
  fascia_ui_place_editor_paned (self->paned);
  /* Translators: the name a screen reader gives the diagram pain is marked on, and what its
   * keys do (Enter does not open a card here, as it does on the Atlas) */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->diagram_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body chart diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Tab moves into the drawing, the arrow keys from one part to "
                                    "the next, Enter marks pain there or the finding chosen above"),
                                  -1);

  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    {
      GtkTextView *view = note_view (self, field);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_set_data (G_OBJECT (buffer), "field", GUINT_TO_POINTER (field));
      g_signal_connect (buffer, "insert-text", G_CALLBACK (note_insert_text_cb), self);
      g_signal_connect (buffer, "changed", G_CALLBACK (note_changed_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (note_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (view), focus);
    }

  /* The tools, drop-downs and legend take the focus (or none), not the flow boxes' own
   * children around them. */
  fascia_ui_flow_box_only_lays_out (GTK_FLOW_BOX (self->tool_flow));
  fascia_ui_flow_box_only_lays_out (GTK_FLOW_BOX (self->dropdown_flow));
  fascia_ui_flow_box_only_lays_out (GTK_FLOW_BOX (self->legend_flow));

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the rows' own groups and the list's keys, which move between rows. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (finding_list_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->finding_list), keys);
  }

  _fascia_visit_editor_actions_init (self);
}
