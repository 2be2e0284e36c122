/* fascia-entry-row.c — a one-line field in a boxed list, its title over what is typed.
 *
 * It looks and behaves as libadwaita's AdwEntryRow does (empty and not being edited, its title
 * alone in the middle of the row as a placeholder; edited or filled, the title a caption over
 * the text; a pencil while it is not being edited, the row ringed while it is, suffixes such
 * as a date's calendar button), and takes its place because a screen reader could not follow
 * the focus into AdwEntryRow 1.2: GTK 4.8 reports a focus change of a GtkText, which has no
 * accessible of its own, through its direct parent only, and AdwEntryRow nests its text in an
 * inner box that reports itself not focused, so Tab into a client's name sent Orca nothing.
 * Here the text is a GtkEntry's, whose entry answers for it: the entry, named by the row's
 * title, is what a screen reader is told has the focus. The row is a GtkEditable that hands
 * everything to the entry, as GtkEntry hands it to its text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-entry-row.h"

struct _FasciaEntryRow
{
  AdwPreferencesRow  parent_instance;

  /* Children, owned by the row's box */
  GtkWidget         *title_label;
  GtkWidget         *empty_label;
  GtkWidget         *entry;
  GtkWidget         *pencil;
  GtkWidget         *suffixes;

  /* Owned: the accessible name given in place of the title, or NULL */
  char              *accessible_label;

  /* Empty and not being edited: the title is shown alone, in the middle of the row */
  guint              empty : 1;
};

enum {
  SIGNAL_ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  N_PROPS
};

static void fascia_entry_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaEntryRow, fascia_entry_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      fascia_entry_row_editable_init))

static GtkEditable *
fascia_entry_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (FASCIA_ENTRY_ROW (editable)->entry);
}

static void
fascia_entry_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = fascia_entry_row_get_delegate;
}

/* The row and its entry are read by the title, or by the name given instead. */
static void
update_names (FasciaEntryRow *self)
{
  const char *name = self->accessible_label;

  if (name == NULL)
    name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  if (name == NULL)
    name = "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Empty and not being edited, the row shows its title alone, at the size of text and in the
 * middle of the row, where the text goes (AdwEntryRow's placeholder); edited or filled, the
 * title is the caption over the text. Only one of the two labels is mapped at a time, the other
 * keeping its place, so the row keeps its height and the form does not move; the stylesheet
 * moves each from where the other was (row.fascia-entry-row.empty). A field that cannot be
 * edited stays empty with the focus in it, as AdwEntryRow does. */
static void
update_empty (FasciaEntryRow *self)
{
  GtkStateFlags flags = gtk_widget_get_state_flags (self->entry);
  gboolean editing = (flags & GTK_STATE_FLAG_FOCUS_WITHIN) != 0
                     && gtk_editable_get_editable (GTK_EDITABLE (self->entry));
  gboolean empty = *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0' && !editing
                   && gtk_widget_get_visible (self->title_label);

  if (self->empty == empty)
    return;

  self->empty = empty;
  gtk_widget_set_child_visible (self->empty_label, empty);
  gtk_widget_set_child_visible (self->title_label, !empty);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (self), "empty");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "empty");
}

static void
title_changed_cb (FasciaEntryRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  /* Plain text: a title is never read as markup. */
  gtk_label_set_text (GTK_LABEL (self->title_label), title != NULL ? title : "");
  gtk_label_set_text (GTK_LABEL (self->empty_label), title != NULL ? title : "");
  gtk_widget_set_visible (self->title_label, title != NULL && *title != '\0');
  /* Read once, as the entry's name: GTK shows a widget made visible to screen readers again. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->title_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  update_names (self);
  update_empty (self);
}

static void
entry_activate_cb (FasciaEntryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_ENTRY_ACTIVATED], 0);
}

/* A press anywhere on the row but its suffixes (the title, the margins) puts the caret in the
 * text, as a press on the text does. */
static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                FasciaEntryRow  *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (target != NULL &&
      (target == self->suffixes || gtk_widget_is_ancestor (target, self->suffixes) ||
       target == self->entry || gtk_widget_is_ancestor (target, self->entry)))
    return;

  gtk_widget_grab_focus (self->entry);
}

/* @self->entry, new, is the field's: drawn flat in the row, Enter reported. */
static void
take_entry (FasciaEntryRow *self)
{
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_add_css_class (self->entry, "flat");
  gtk_widget_add_css_class (self->entry, "entry-row-text");
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (update_empty), self);
  g_signal_connect_swapped (self->entry, "notify::editable", G_CALLBACK (update_empty), self);
  g_signal_connect_swapped (self->entry, "state-flags-changed", G_CALLBACK (update_empty), self);
}

static gboolean
fascia_entry_row_grab_focus (GtkWidget *widget)
{
  FasciaEntryRow *self = FASCIA_ENTRY_ROW (widget);

  return gtk_widget_grab_focus (self->entry);
}

/* Tab and Shift+Tab go through the row's entry and suffixes as through any box, and on out
 * of it: GtkListBoxRow's own way takes the focus to the row itself on Shift+Tab, which here is
 * the entry again, and Shift+Tab never left the field. */
static gboolean
fascia_entry_row_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  GtkWidget *child = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget));

  return child != NULL && gtk_widget_child_focus (child, direction);
}

static void
fascia_entry_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
fascia_entry_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
fascia_entry_row_dispose (GObject *object)
{
  FasciaEntryRow *self = FASCIA_ENTRY_ROW (object);

  if (self->entry != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->entry, self);
      gtk_editable_finish_delegate (GTK_EDITABLE (self));
    }
  self->entry = NULL;

  G_OBJECT_CLASS (fascia_entry_row_parent_class)->dispose (object);
}

static void
fascia_entry_row_finalize (GObject *object)
{
  FasciaEntryRow *self = FASCIA_ENTRY_ROW (object);

  g_free (self->accessible_label);

  G_OBJECT_CLASS (fascia_entry_row_parent_class)->finalize (object);
}

static void
fascia_entry_row_class_init (FasciaEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_entry_row_get_property;
  object_class->set_property = fascia_entry_row_set_property;
  object_class->dispose = fascia_entry_row_dispose;
  object_class->finalize = fascia_entry_row_finalize;
  widget_class->grab_focus = fascia_entry_row_grab_focus;
  widget_class->focus = fascia_entry_row_focus;

  gtk_editable_install_properties (object_class, N_PROPS);

  /**
   * FasciaEntryRow::entry-activated:
   *
   * Enter was pressed in the field (as AdwEntryRow's signal of the same name).
   */
  signals[SIGNAL_ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fascia_entry_row_init (FasciaEntryRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* A grouping of no name, as a box is (an overlay's own is read as "GtkOverlay"). */
  GtkWidget *overlay = g_object_new (GTK_TYPE_OVERLAY,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC,
                                     NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  /* The title is the field's caption, over the text, wrapped at its words if the row is
   * narrow; the entry carries it as its name. Shown with a title, and then left out of what a
   * screen reader reads (title_changed_cb()). */
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title_label), PANGO_WRAP_WORD);
  gtk_widget_add_css_class (self->title_label, "caption");
  gtk_widget_add_css_class (self->title_label, "dim-label");
  gtk_widget_add_css_class (self->title_label, "entry-row-title");
  gtk_widget_set_visible (self->title_label, FALSE);

  self->entry = gtk_entry_new ();
  gtk_entry_set_has_frame (GTK_ENTRY (self->entry), FALSE);
  take_entry (self);

  gtk_box_append (GTK_BOX (column), self->title_label);
  gtk_box_append (GTK_BOX (column), self->entry);

  /* The title alone, while the field is empty and not edited: over the caption and the text,
   * in the middle of them, on one line. Only drawn (the entry is named by the title), and never
   * made hidden, so that GTK does not show it to screen readers again (update_empty() maps it
   * or not). It takes no clicks: those on it go to the row, which puts the caret in the text. */
  self->empty_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->empty_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_set_valign (self->empty_label, GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (self->empty_label, FALSE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_add_css_class (self->empty_label, "entry-row-empty-title");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->empty_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_child_visible (self->empty_label, FALSE);

  gtk_overlay_set_child (GTK_OVERLAY (overlay), column);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->empty_label);
  gtk_widget_set_hexpand (overlay, TRUE);
  gtk_widget_set_valign (overlay, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), overlay);

  /* Only drawn (hidden from screen readers for good: its opacity, not its visibility, follows
   * the focus, so GTK never shows it to them again). */
  self->pencil = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (self->pencil, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->pencil, "entry-row-pencil");
  gtk_widget_add_css_class (self->pencil, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->pencil),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), self->pencil);

  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (self->suffixes, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->suffixes, FALSE);
  gtk_box_append (GTK_BOX (box), self->suffixes);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "fascia-entry-row");

  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  update_names (self);
}

GtkWidget *
fascia_entry_row_new (void)
{
  return g_object_new (FASCIA_TYPE_ENTRY_ROW, NULL);
}

/**
 * fascia_entry_row_new_password:
 *
 * Returns: a field whose text shows as dots, with a button that shows it while held
 *   (GtkPasswordEntry's), as AdwPasswordEntryRow is
 */
GtkWidget *
fascia_entry_row_new_password (void)
{
  FasciaEntryRow *self = g_object_new (FASCIA_TYPE_ENTRY_ROW, NULL);
  GtkWidget *column = gtk_widget_get_parent (self->entry);

  g_signal_handlers_disconnect_by_data (self->entry, self);
  gtk_editable_finish_delegate (GTK_EDITABLE (self));
  gtk_box_remove (GTK_BOX (column), self->entry);
  self->entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->entry), TRUE);
  take_entry (self);
  gtk_box_append (GTK_BOX (column), self->entry);
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  update_names (self);

  return GTK_WIDGET (self);
}

/**
 * fascia_entry_row_add_suffix:
 * @widget: a button or an indicator shown after the text
 */
void
fascia_entry_row_add_suffix (FasciaEntryRow *self,
                             GtkWidget      *widget)
{
  g_return_if_fail (FASCIA_IS_ENTRY_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
  gtk_widget_set_visible (self->suffixes, TRUE);
}

/**
 * fascia_entry_row_set_accessible_label:
 * @label: (nullable): what a screen reader calls the field ("Notes, Psoas major, left side"),
 *   or %NULL for its title
 */
void
fascia_entry_row_set_accessible_label (FasciaEntryRow *self,
                                       const char     *label)
{
  g_return_if_fail (FASCIA_IS_ENTRY_ROW (self));

  g_free (self->accessible_label);
  self->accessible_label = g_strdup (label);
  update_names (self);
}

/**
 * fascia_entry_row_get_entry:
 *
 * Returns: (transfer none): the entry the text is typed in, which has the focus while the
 *   field is edited
 */
GtkWidget *
fascia_entry_row_get_entry (FasciaEntryRow *self)
{
  g_return_val_if_fail (FASCIA_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}
