/* fascia-card-utils.c — the building blocks the atlas cards are made of.
 *
 * Cards show records whose shape varies (a muscle has any number of origins, trigger points
 * and relations), so their fixed part is a template and their sections are built here.
 * Links are buttons on the `atlas.open` action, target "KIND:ID", so any card can open any
 * other without knowing the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-card"

#include "config.h"

#include "fascia-card-utils.h"

#define LIST_BULLET_INDENT 14
#define LIST_NUMBER_INDENT 24

GtkWidget *
fascia_card_paragraph (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  /* Prose breaks between words only, never inside one ("counte-rstrain"). */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  /* Text can be selected and copied with the pointer, but is not a Tab stop: the keyboard
   * goes from link to link, and a screen reader reads the card as it is. Nor does it take
   * Tab: a selectable label that cannot be focused would keep Tab where it was. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_add_css_class (label, "card-text");

  return label;
}

GtkWidget *
fascia_card_list (const char * const *items,
                  gboolean            numbered)
{
  /* A list and its items to a screen reader, each item read by its text: as plain boxes
   * each read "GtkOverlay", then the text, then "bullet". */
  GtkWidget *box = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_VERTICAL,
                                 "spacing", 4,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST,
                                 NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *bullet = numbered ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      GtkWidget *row = g_object_new (GTK_TYPE_OVERLAY,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                     NULL);
      GtkWidget *mark = gtk_label_new (bullet);
      GtkWidget *text = fascia_card_paragraph (items[i]);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, items[i],
                                      -1);
      /* The list says where each item starts, and its number. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

      /* The mark sits over the text's start margin. Not a horizontal GtkBox: GTK 4.8 lays one
       * out by asking a wrapping label its width for a height, a binary search over pango
       * layouts, on every allocation. */
      gtk_widget_set_halign (mark, GTK_ALIGN_START);
      gtk_widget_set_valign (mark, GTK_ALIGN_START);
      gtk_widget_add_css_class (mark, numbered ? "numeric" : "dim-label");
      gtk_widget_set_margin_start (text, numbered ? LIST_NUMBER_INDENT : LIST_BULLET_INDENT);
      gtk_overlay_set_child (GTK_OVERLAY (row), text);
      gtk_overlay_add_overlay (GTK_OVERLAY (row), mark);
      gtk_box_append (GTK_BOX (box), row);
    }

  return box;
}

/**
 * fascia_card_link:
 * @kind: "muscle", "technique" or "landmark"
 *
 * Returns: a button that opens the card of the record @kind:@id.
 */
GtkWidget *
fascia_card_link (const char *label,
                  const char *kind,
                  const char *id)
{
  g_autofree char *target = g_strconcat (kind, ":", id, NULL);
  GtkWidget *button = gtk_button_new_with_label (label);
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "card-link");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "atlas.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);

  return button;
}

void
fascia_card_add_section (GtkBox     *box,
                         const char *title,
                         GtkWidget  *content)
{
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 3,
                                  -1);
  /* A list is named by its heading ("Actions", "References"). */
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (content)) == GTK_ACCESSIBLE_ROLE_LIST)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (content),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                    -1);
  gtk_box_append (box, heading);
  gtk_box_append (box, content);
}

/* Sections with nothing to say are left out rather than shown empty. */
void
fascia_card_add_text (GtkBox     *box,
                      const char *title,
                      const char *text)
{
  if (text != NULL && text[0] != '\0')
    fascia_card_add_section (box, title, fascia_card_paragraph (text));
}

void
fascia_card_add_list (GtkBox             *box,
                      const char         *title,
                      const char * const *items,
                      gboolean            numbered)
{
  if (items != NULL && items[0] != NULL)
    fascia_card_add_section (box, title, fascia_card_list (items, numbered));
}

void
fascia_card_clear (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
wrap_labels_at_words (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (widget), GTK_NATURAL_WRAP_WORD);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wrap_labels_at_words (child);
}

/**
 * fascia_card_wrap_row_words:
 * @row: an #AdwActionRow or #AdwExpanderRow
 *
 * libadwaita 1.2 wraps row titles and subtitles anywhere in a word; names of muscles and
 * techniques must break between words only.
 */
void
fascia_card_wrap_row_words (GtkWidget *row)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  wrap_labels_at_words (row);
}
