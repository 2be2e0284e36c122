/* fascia-conflict-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-conflict-dialog.h"
#include "fascia-ui-utils.h"

/*
 * When a save finds that someone else (another therapist on the clinic server, another
 * window) saved the same visit, client or plan since the editor read it, the store saves
 * nothing (FASCIA_STORE_ERROR_CONFLICT) and hands back their version. This dialog shows what
 * they changed beside what the user typed, says who and when, and offers three ways out:
 * keep mine (saved over theirs, knowingly), take theirs, or copy mine aside (theirs is kept
 * and mine goes to the clipboard to paste where it belongs). Every text is shown as plain
 * text, never as markup.
 */

/**
 * fascia_conflict_dialog_new:
 * @parent: a widget of the window the dialog belongs to
 * @what: what was changed, in a sentence: "this visit"
 * @who: (nullable): who saved it, where the database knows
 * @when: (nullable): when
 *
 * Returns: (transfer none): the dialog, not yet presented; its responses are
 *   %FASCIA_CONFLICT_KEEP_MINE, %FASCIA_CONFLICT_TAKE_THEIRS and %FASCIA_CONFLICT_COPY_MINE.
 */
AdwMessageDialog *
fascia_conflict_dialog_new (GtkWidget  *parent,
                            const char *what,
                            const char *who,
                            GDateTime  *when)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;
  g_autofree char *date = local != NULL ? fascia_ui_format_date (local) : NULL;
  g_autofree char *time = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;

  if (who != NULL && *who != '\0' && date != NULL)
    /* Translators: “therapist2 saved this visit on 2 Dec 2026 at 10:41 while …” */
    body = g_strdup_printf (_("%s saved %s on %s at %s while you were editing it. Your "
                              "changes are not saved yet: choose which version to keep."),
                            who, what, date, time);
  else if (date != NULL)
    /* Translators: “Someone else saved this visit on 2 Dec 2026 at 10:41 while …” */
    body = g_strdup_printf (_("Someone else saved %s on %s at %s while you were editing it. "
                              "Your changes are not saved yet: choose which version to keep."),
                            what, date, time);
  else
    body = g_strdup_printf (_("Someone else saved %s while you were editing it. Your changes "
                              "are not saved yet: choose which version to keep."), what);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Changed by Someone Else"), body));
  gtk_widget_set_name (GTK_WIDGET (dialog), "conflict-dialog");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    FASCIA_CONFLICT_COPY_MINE, _("_Copy Mine Aside"),
                                    FASCIA_CONFLICT_TAKE_THEIRS, _("_Take Theirs"),
                                    FASCIA_CONFLICT_KEEP_MINE, _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, FASCIA_CONFLICT_KEEP_MINE,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, FASCIA_CONFLICT_KEEP_MINE);
  adw_message_dialog_set_close_response (dialog, FASCIA_CONFLICT_COPY_MINE);
  return dialog;
}

static GtkWidget *
version_view (const char *caption,
              const char *text,
              const char *accessible_name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ?: "", -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

/**
 * fascia_conflict_dialog_add_field:
 * @name: the field, as its editor names it ("Subjective")
 * @theirs: the text they saved
 * @mine: the text the user typed
 *
 * Shows one field both ways, read-only.
 */
void
fascia_conflict_dialog_add_field (AdwMessageDialog *dialog,
                                  const char       *name,
                                  const char       *theirs,
                                  const char       *mine)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *heading = gtk_label_new (name);
  /* Translators: a text's name for screen readers: “Their version of Subjective” */
  g_autofree char *their_name = g_strdup_printf (_("Their version of %s"), name);
  /* Translators: a text's name for screen readers: “Your version of Subjective” */
  g_autofree char *my_name = g_strdup_printf (_("Your version of %s"), name);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  if (gtk_widget_get_first_child (box) != NULL)
    gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), version_view (_("Theirs"), theirs, their_name));
  gtk_box_append (GTK_BOX (box), version_view (_("Yours"), mine, my_name));
}

/**
 * fascia_conflict_copy_aside:
 * @text: what the user typed
 *
 * Puts @text on the clipboard, and says so.
 */
void
fascia_conflict_copy_aside (GtkWidget  *widget,
                            const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  fascia_ui_toast (widget, _("Your version is on the clipboard"));
}

/* Edits kept while the clinic server was away, which someone else's save overtook */

typedef struct
{
  GtkWidget         *parent;   /* weak */
  FasciaStore       *store;
  FasciaJournalEdit  edit;     /* a copy: the journal changes */
  GObject           *theirs;
  GObject           *mine;     /* theirs with the edit on it */
  char              *copy;     /* mine, as text, for the clipboard */
} JournalConflict;

static void
journal_conflict_free (JournalConflict *conflict)
{
  g_clear_weak_pointer (&conflict->parent);
  g_clear_object (&conflict->store);
  g_free (conflict->edit.text);
  g_clear_pointer (&conflict->edit.values, g_variant_unref);
  g_clear_object (&conflict->theirs);
  g_clear_object (&conflict->mine);
  g_free (conflict->copy);
  g_free (conflict);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JournalConflict, journal_conflict_free)

static const struct
{
  const char *property;
  const char *name;
} property_names[] = {
  { "name", N_("Name") },
  { "email", N_("Email") },
  { "phone", N_("Phone") },
  { "date-of-birth", N_("Date of birth") },
  { "health-flags", N_("Intake") },
  { "pregnancy-trimester", N_("Trimester") },
  { "health-notes", N_("Intake health notes") },
  { "notes", N_("Notes") },
  { "archived", N_("Archived") },
  { "title", N_("Title") },
  { "goals", N_("Goals") },
  { "sessions-per-week", N_("Sessions per week") },
  { "weeks", N_("Weeks") },
  { "status", N_("Status") },
  { "start-date", N_("Start date") },
  { "end-date", N_("End date") },
  { "discharge-criteria", N_("Discharge criteria") },
  { "visited-at", N_("Date") },
  { "plan-id", N_("Plan") },
  { "pain-before", N_("Pain before") },
  { "pain-after", N_("Pain after") },
  { "treated-target-ids", N_("Treated targets") },
};

static const char *
property_name (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (property_names); i++)
    if (g_str_equal (property_names[i].property, property))
      return _(property_names[i].name);
  return property;
}

/* A property's value as the user reads it. */
static char *
property_text (GObject    *row,
               GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (row, pspec->name, &value);

  /* The intake and a plan's status as their editors name them, not as they are stored. */
  if (G_VALUE_HOLDS (&value, FASCIA_TYPE_HEALTH_FLAGS))
    {
      char *text = fascia_health_flags_describe (g_value_get_flags (&value));

      return text != NULL ? text : g_strdup (_("None"));
    }
  if (G_VALUE_HOLDS (&value, FASCIA_TYPE_PLAN_STATUS))
    switch (g_value_get_enum (&value))
      {
      case FASCIA_PLAN_STATUS_DRAFT:
        return g_strdup (_("Draft"));
      case FASCIA_PLAN_STATUS_ACTIVE:
        return g_strdup (_("Active"));
      case FASCIA_PLAN_STATUS_COMPLETED:
        return g_strdup (_("Completed"));
      default:
        break;
      }

  if (G_VALUE_HOLDS_STRING (&value))
    return g_strdup (g_value_get_string (&value) ?: "");
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
  if (G_VALUE_HOLDS_ENUM (&value))
    {
      GEnumValue *v = g_enum_get_value (g_type_class_peek (pspec->value_type),
                                        g_value_get_enum (&value));

      return g_strdup (v != NULL ? v->value_nick : "");
    }
  if (G_VALUE_HOLDS_FLAGS (&value))
    {
      GFlagsClass *klass = g_type_class_peek (pspec->value_type);
      guint flags = g_value_get_flags (&value);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        if (klass->values[i].value != 0 && (flags & klass->values[i].value) == klass->values[i].value)
          g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                                  klass->values[i].value_nick);
      return g_string_free (text, FALSE);
    }
  if (G_VALUE_HOLDS (&value, G_TYPE_DATE_TIME))
    {
      GDateTime *dt = g_value_get_boxed (&value);
      g_autoptr(GDateTime) local = dt != NULL ? g_date_time_to_local (dt) : NULL;

      return local != NULL ? fascia_ui_format_date (local) : g_strdup ("");
    }
  if (G_VALUE_HOLDS (&value, G_TYPE_STRV))
    {
      const char * const *strv = g_value_get_boxed (&value);

      return strv != NULL ? g_strjoinv (", ", (char **) strv) : g_strdup ("");
    }
  if (G_VALUE_HOLDS_VARIANT (&value))
    return g_value_get_variant (&value) != NULL
           ? g_variant_print (g_value_get_variant (&value), FALSE) : g_strdup ("");
  if (G_VALUE_HOLDS_INT (&value) && g_value_get_int (&value) < 0)
    return g_strdup ("");

  {
    g_auto(GValue) text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    if (g_value_transform (&value, &text))
      return g_value_dup_string (&text);
  }
  return g_strdup ("");
}

static GObject *
load_row (FasciaStore        *store,
          FasciaJournalKind   kind,
          gint64              id,
          GError            **error)
{
  switch (kind)
    {
    case FASCIA_JOURNAL_NOTE:
    case FASCIA_JOURNAL_VISIT:
      return G_OBJECT (fascia_store_get_visit (store, id, error));
    case FASCIA_JOURNAL_CLIENT:
      return G_OBJECT (fascia_store_get_client (store, id, error));
    case FASCIA_JOURNAL_PLAN:
      return G_OBJECT (fascia_store_get_plan (store, id, error));
    case FASCIA_JOURNAL_PLAN_TARGET:
    case FASCIA_JOURNAL_PAIN_MARK:
    case FASCIA_JOURNAL_FINDING:
    default:
      /* Saved without a revision: never a conflict. */
      return NULL;
    }
}

static void show_next_journal_conflict (GtkWidget   *parent,
                                        FasciaStore *store);

static void
journal_conflict_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              JournalConflict  *conflict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) again = NULL;
  FasciaJournal *journal = fascia_store_get_journal (conflict->store);
  gboolean saved = TRUE;

  if (conflict->parent != NULL)
    g_object_set_data (G_OBJECT (conflict->parent), "fascia-journal-conflict", NULL);

  if (g_str_equal (response, FASCIA_CONFLICT_KEEP_MINE))
    {
      /* Mine over theirs, knowingly: the row as they saved it, with my edit on it. */
      switch (conflict->edit.kind)
        {
        case FASCIA_JOURNAL_NOTE:
          saved = fascia_store_save_visit_field (conflict->store, FASCIA_VISIT (conflict->theirs),
                                                 conflict->edit.field, conflict->edit.text,
                                                 (FasciaVisit **) &again, &error);
          break;
        case FASCIA_JOURNAL_CLIENT:
          saved = fascia_store_update_client_full (conflict->store,
                                                   FASCIA_CLIENT (conflict->mine),
                                                   (FasciaClient **) &again, &error);
          break;
        case FASCIA_JOURNAL_PLAN:
          saved = fascia_store_update_plan_full (conflict->store, FASCIA_PLAN (conflict->mine),
                                                 (FasciaPlan **) &again, &error);
          break;
        case FASCIA_JOURNAL_VISIT:
          saved = fascia_store_update_visit_full (conflict->store, FASCIA_VISIT (conflict->mine),
                                                  (FasciaVisit **) &again, &error);
          break;
        default:
          g_assert_not_reached ();
        }
      /* Saved over again by someone else meanwhile: the edit stays, and is asked again. */
      if (!saved && again == NULL && conflict->parent != NULL)
        {
          fascia_ui_show_error (conflict->parent, _("Could not save your version"), error);
          return;
        }
    }
  else if (g_str_equal (response, FASCIA_CONFLICT_COPY_MINE) && conflict->parent != NULL &&
           conflict->copy[0] != '\0')
    fascia_conflict_copy_aside (conflict->parent, conflict->copy);

  if (saved && journal != NULL && !fascia_journal_remove_edit (journal, &conflict->edit, &error))
    g_warning ("%s", error->message);

  if (conflict->parent != NULL)
    show_next_journal_conflict (conflict->parent, conflict->store);
}

/* The first edit the journal keeps for a conflict, shown; %FALSE where there is none. */
static void
show_next_journal_conflict (GtkWidget   *parent,
                            FasciaStore *store)
{
  FasciaJournal *journal = fascia_store_get_journal (store);
  g_autoptr(JournalConflict) conflict = NULL;
  AdwMessageDialog *dialog = NULL;
  g_autoptr(GString) copy = g_string_new (NULL);
  g_autofree char *who = NULL;
  g_autoptr(GDateTime) when = NULL;
  const char *what;

  if (journal == NULL || !fascia_store_is_connected (store) ||
      g_object_get_data (G_OBJECT (parent), "fascia-journal-conflict") != NULL)
    return;

  for (guint i = 0; i < fascia_journal_get_n_edits (journal) && conflict == NULL; i++)
    {
      const FasciaJournalEdit *edit = fascia_journal_get_edit (journal, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) theirs = load_row (store, edit->kind, edit->id, &error);

      if (theirs == NULL)
        continue;

      conflict = g_new0 (JournalConflict, 1);
      g_set_weak_pointer (&conflict->parent, parent);
      conflict->store = g_object_ref (store);
      conflict->edit = *edit;
      conflict->edit.text = g_strdup (edit->text);
      if (edit->values != NULL)
        g_variant_ref (edit->values);
      conflict->theirs = g_steal_pointer (&theirs);
      conflict->mine = load_row (store, edit->kind, edit->id, &error);
      if (conflict->mine == NULL || !fascia_journal_apply (edit, conflict->mine, &error))
        g_clear_pointer (&conflict, journal_conflict_free);
    }
  if (conflict == NULL)
    return;

  g_object_get (conflict->theirs, "updated-by", &who, "updated-at", &when, NULL);
  what = conflict->edit.kind == FASCIA_JOURNAL_CLIENT ? _("this client")
         : conflict->edit.kind == FASCIA_JOURNAL_PLAN ? _("this plan") : _("this visit");
  dialog = fascia_conflict_dialog_new (parent, what, who, when);
  gtk_widget_set_name (GTK_WIDGET (dialog), "journal-conflict-dialog");
  adw_message_dialog_set_heading (dialog, _("Changed by Someone Else While You Were Offline"));

  if (conflict->edit.kind == FASCIA_JOURNAL_NOTE)
    {
      static const char *note_names[] = {
        N_("Subjective"), N_("Objective"), N_("Assessment"), N_("Plan"),
      };
      const char *name = _(note_names[conflict->edit.field]);

      fascia_conflict_dialog_add_field (dialog, name,
                                        fascia_visit_get_field (FASCIA_VISIT (conflict->theirs),
                                                                conflict->edit.field),
                                        conflict->edit.text);
      g_string_append (copy, conflict->edit.text);
    }
  else
    {
      GVariantIter iter;
      const char *property;
      GVariant *value;

      g_variant_iter_init (&iter, conflict->edit.values);
      while (g_variant_iter_loop (&iter, "{&sv}", &property, &value))
        {
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (conflict->mine),
                                                            property);
          g_autofree char *theirs_text = NULL;
          g_autofree char *mine_text = NULL;

          if (pspec == NULL || g_str_equal (property, "client-id"))
            continue;
          theirs_text = property_text (conflict->theirs, pspec);
          mine_text = property_text (conflict->mine, pspec);
          if (g_strcmp0 (theirs_text, mine_text) == 0)
            continue;
          fascia_conflict_dialog_add_field (dialog, property_name (property), theirs_text,
                                            mine_text);
          g_string_append_printf (copy, "%s%s: %s", copy->len > 0 ? "\n" : "",
                                  property_name (property), mine_text);
        }
    }

  conflict->copy = g_string_free (g_steal_pointer (&copy), FALSE);
  g_object_set_data (G_OBJECT (parent), "fascia-journal-conflict", dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (journal_conflict_response_cb),
                         g_steal_pointer (&conflict), (GClosureNotify) journal_conflict_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fascia_conflict_dialog_show_journal:
 * @parent: the window
 * @store: a store whose journal was just replayed
 *
 * What is left in @store's journal after its replay are edits someone else's save overtook
 * while the server was away: each is shown in turn as the editors show a conflict — what
 * they changed, by whom and when, beside what the user typed — to keep mine, take theirs or
 * copy mine aside. Nothing is shown while the server cannot be reached.
 */
void
fascia_conflict_dialog_show_journal (GtkWidget   *parent,
                                     FasciaStore *store)
{
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (FASCIA_IS_STORE (store));

  show_next_journal_conflict (parent, store);
}
