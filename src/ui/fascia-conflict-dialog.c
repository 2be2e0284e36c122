/* fascia-conflict-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-conflict"

#include "config.h"

#include <glib/gi18n.h>

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
