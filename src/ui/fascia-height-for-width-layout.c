/* fascia-height-for-width-layout.c — a bin layout for text that wraps beside something else
 * in a row: its width asked for no height, its height for its width.
 *
 * GTK 4.8's horizontal box asks each child's width for a height: measuring its own height
 * for a width (each child's natural width at its least height), and again when it is
 * allocated (each child's width at the height it is given). A vertical box of wrapping labels
 * (an AdwActionRow's title and subtitle) answers that by a search: it lays its labels out at
 * width after width, doubling then halving, until it finds the narrowest whose height fits —
 * a dozen Pango layouts of each label, each text shaped anew, for each question. Fascia lays
 * its windows out height for width, where such text's width does not depend on a height:
 * this layout, on the widget that holds it, asks its child's width for no height (what the
 * box used when it measured its height), and its height for its width, as GTK does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-height-for-width-layout"

#include "config.h"

#include "fascia-height-for-width-layout.h"
#include "fascia-ui-utils.h"

struct _FasciaHeightForWidthLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (FasciaHeightForWidthLayout, fascia_height_for_width_layout,
                     GTK_TYPE_LAYOUT_MANAGER)

GtkLayoutManager *
fascia_height_for_width_layout_new (void)
{
  return g_object_new (FASCIA_TYPE_HEIGHT_FOR_WIDTH_LAYOUT, NULL);
}

static GtkSizeRequestMode
fascia_height_for_width_layout_get_request_mode (GtkLayoutManager *manager,
                                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fascia_height_for_width_layout_measure (GtkLayoutManager *manager,
                                        GtkWidget        *widget,
                                        GtkOrientation    orientation,
                                        int               for_size,
                                        int              *minimum,
                                        int              *natural,
                                        int              *minimum_baseline,
                                        int              *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
fascia_height_for_width_layout_class_init (FasciaHeightForWidthLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = fascia_height_for_width_layout_get_request_mode;
  manager_class->measure = fascia_height_for_width_layout_measure;
  manager_class->allocate = fascia_ui_layout_allocate_whole;
}

static void
fascia_height_for_width_layout_init (FasciaHeightForWidthLayout *self)
{
}

/**
 * fascia_height_for_width_layout_take_row_text:
 *
 * Moves @row's title and subtitle from the row's own title box into one laid out by
 * FasciaHeightForWidthLayout, at its start: the row's box asked its title box for its width
 * at a height, which its wrapping labels answered by a search, laying each out a dozen times
 * and more (a client's intake rows: with the group's description, ~600 of the ~650 Pango
 * layouts the client's details made before their first frame, ~80 of them narrower than
 * 60 px; the Study page's progress rows: ~20 layouts of each muscle's name, ~34 of each "Not
 * studied yet"). Styled as the row's (the theme's margins and spacing of a row's title box,
 * its "title" and "subtitle"), and the row and its activatable widget are named and described
 * by them, as AdwActionRow has it. Call it once the row has its title and subtitle.
 */
void
fascia_height_for_width_layout_take_row_text (AdwActionRow *row)
{
  g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_autofree char *subtitle = g_strdup (adw_action_row_get_subtitle (row));
  GtkWidget *activatable = adw_action_row_get_activatable_widget (row);
  GtkWidget *bin = g_object_new (ADW_TYPE_BIN, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);

  gtk_widget_set_layout_manager (bin, fascia_height_for_width_layout_new ());
  gtk_widget_set_hexpand (bin, TRUE);
  gtk_widget_set_valign (bin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "title");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *label = GTK_LABEL (i == 0 ? title_label : subtitle_label);

      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (label, 0);
      gtk_widget_add_css_class (GTK_WIDGET (label), i == 0 ? "title" : "subtitle");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
    }
  gtk_widget_set_visible (subtitle_label, subtitle != NULL && *subtitle != '\0');
  adw_bin_set_child (ADW_BIN (bin), box);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "");
  adw_action_row_set_subtitle (row, NULL);
  adw_action_row_add_prefix (row, bin);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle_label, NULL, -1);
  if (activatable != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (activatable),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle_label, NULL,
                                    -1);
  /* GTK 4.8 gives a screen reader no description from the relation alone: a study muscle's
   * row was read as "Psoas major", without its box, last answer and share right. */
  if (subtitle != NULL && *subtitle != '\0')
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
      if (activatable != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (activatable),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
    }
}

/**
 * fascia_height_for_width_layout_take_group_text:
 * @list: the group's list, named by the group's title
 *
 * A group's title and description, likewise: the group's header, a horizontal box, asked its
 * labels' box for its width at a height, and the description, which wraps, was laid out some
 * 60 times before the first frame. They become the group's header suffix, in a box laid out
 * by FasciaHeightForWidthLayout and styled as the group's own ("labels", "heading",
 * "dim-label"); the group's list is named by the title, as the group named it.
 */
void
fascia_height_for_width_layout_take_group_text (AdwPreferencesGroup *group,
                                                GtkListBox          *list)
{
  g_autofree char *title = g_strdup (adw_preferences_group_get_title (group));
  g_autofree char *description = g_strdup (adw_preferences_group_get_description (group));
  GtkWidget *bin = g_object_new (ADW_TYPE_BIN, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *description_label = gtk_label_new (description);

  gtk_widget_set_layout_manager (bin, fascia_height_for_width_layout_new ());
  gtk_widget_set_hexpand (bin, TRUE);
  gtk_widget_set_valign (bin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "labels");
  /* The theme's space under a group's header of two lines, which a header of no title nor
   * description takes for one of a single line (".single-line"). */
  gtk_widget_set_margin_bottom (bin, 6);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (title_label, "h4");
  gtk_label_set_wrap (GTK_LABEL (description_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (description_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (description_label), 0);
  gtk_widget_add_css_class (description_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), description_label);
  adw_bin_set_child (ADW_BIN (bin), box);

  adw_preferences_group_set_title (group, "");
  adw_preferences_group_set_description (group, NULL);
  adw_preferences_group_set_header_suffix (group, bin);
  /* The group's own labels' box, empty now, beside it: it expanded too, and took half the
   * width its text left free, pushing a short title and description to the right. */
  for (GtkWidget *sibling = gtk_widget_get_prev_sibling (bin); sibling != NULL;
       sibling = gtk_widget_get_prev_sibling (sibling))
    if (gtk_widget_has_css_class (sibling, "labels"))
      gtk_widget_set_visible (sibling, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}
