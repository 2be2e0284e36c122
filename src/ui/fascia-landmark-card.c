/* fascia-landmark-card.c — one landmark and the muscles that attach to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-landmark-card"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-card-utils.h"
#include "fascia-column-layout.h"
#include "fascia-landmark-card.h"

struct _FasciaLandmarkCard
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkBox         *sections;

  /* Owned */
  FasciaLandmark *landmark;
};

G_DEFINE_FINAL_TYPE (FasciaLandmarkCard, fascia_landmark_card, ADW_TYPE_BIN)

static void
rebuild (FasciaLandmarkCard *self,
         FasciaAtlas        *atlas)
{
  FasciaLandmark *l = self->landmark;
  GListModel *muscles;
  const char * const *references;
  g_autoptr(GPtrArray) citations = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;
  GtkWidget *links;
  guint n;

  fascia_card_clear (self->sections);
  if (l == NULL)
    return;

  gtk_label_set_label (self->title_label, fascia_landmark_get_name (l));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fascia_landmark_get_name (l), -1);
  if (fascia_landmark_get_latin (l) != NULL)
    subtitle = g_strdup_printf ("%s · %s", fascia_landmark_get_latin (l),
                                fascia_landmark_get_bone (l));
  else
    subtitle = g_strdup (fascia_landmark_get_bone (l));
  gtk_label_set_label (self->subtitle_label, subtitle);

  fascia_card_add_text (self->sections, _("Description"), fascia_landmark_get_description (l));
  /* A nerve's card says what pressure there does and what to avoid. */
  fascia_card_add_text (self->sections,
                        g_strcmp0 (fascia_landmark_get_kind (l), "nerve") == 0
                        ? _("Danger Zone: Pressure Here") : _("Palpation"),
                        fascia_landmark_get_palpation (l));

  muscles = fascia_landmark_get_muscles (l);
  n = g_list_model_get_n_items (muscles);
  links = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaMuscle) muscle = g_list_model_get_item (muscles, i);
      const char *id = fascia_muscle_get_id (muscle);
      FasciaAttachmentKind kind = fascia_landmark_get_attachment_kind (l, id);
      g_autofree char *label = NULL;

      if (kind == (FASCIA_ATTACHMENT_ORIGIN | FASCIA_ATTACHMENT_INSERTION))
        /* Translators: a muscle that both arises from and inserts on a landmark */
        label = g_strdup_printf (_("%s (origin and insertion)"), fascia_muscle_get_name (muscle));
      else if (kind == FASCIA_ATTACHMENT_ORIGIN)
        /* Translators: a muscle that arises from a landmark */
        label = g_strdup_printf (_("%s (origin)"), fascia_muscle_get_name (muscle));
      else
        /* Translators: a muscle that inserts on a landmark */
        label = g_strdup_printf (_("%s (insertion)"), fascia_muscle_get_name (muscle));

      gtk_box_append (GTK_BOX (links), fascia_card_link (label, "muscle", id));
    }
  if (n > 0)
    fascia_card_add_section (self->sections, _("Muscles Attached Here"), links);
  else
    g_object_unref (g_object_ref_sink (links));

  references = fascia_landmark_get_references (l);
  for (guint i = 0; references != NULL && references[i] != NULL; i++)
    {
      const char *citation = fascia_atlas_lookup_reference (atlas, references[i]);

      g_ptr_array_add (citations, (gpointer) (citation != NULL ? citation : references[i]));
    }
  g_ptr_array_add (citations, NULL);
  fascia_card_add_list (self->sections, _("References"),
                        (const char * const *) citations->pdata, FALSE);
}

FasciaLandmark *
fascia_landmark_card_get_landmark (FasciaLandmarkCard *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK_CARD (self), NULL);

  return self->landmark;
}

void
fascia_landmark_card_set_landmark (FasciaLandmarkCard *self,
                                   FasciaAtlas        *atlas,
                                   FasciaLandmark     *landmark)
{
  g_return_if_fail (FASCIA_IS_LANDMARK_CARD (self));
  g_return_if_fail (FASCIA_IS_ATLAS (atlas));

  if (g_set_object (&self->landmark, landmark))
    rebuild (self, atlas);
}

static void
fascia_landmark_card_dispose (GObject *object)
{
  FasciaLandmarkCard *self = FASCIA_LANDMARK_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_LANDMARK_CARD);
  g_clear_object (&self->landmark);

  G_OBJECT_CLASS (fascia_landmark_card_parent_class)->dispose (object);
}

static void
fascia_landmark_card_class_init (FasciaLandmarkCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fascia_landmark_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-landmark-card.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, FASCIA_TYPE_COLUMN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, FasciaLandmarkCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaLandmarkCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaLandmarkCard, sections);
}

static void
fascia_landmark_card_init (FasciaLandmarkCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
