/* fascia-technique-card.c — one technique: its steps and the muscles it treats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-technique-card"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"

#include "fascia-card-utils.h"
#include "fascia-column-layout.h"
#include "fascia-technique-card.h"

struct _FasciaTechniqueCard
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkWidget       *plan_box;
  GtkButton       *add_button;
  GtkLabel        *plan_hint;
  GtkLabel        *warning_label;
  GtkBox          *sections;

  /* Owned */
  FasciaTechnique *technique;
};

G_DEFINE_FINAL_TYPE (FasciaTechniqueCard, fascia_technique_card, ADW_TYPE_BIN)

static const char *
kind_title (const char *kind)
{
  if (g_strcmp0 (kind, "manual") == 0)
    return _("Manual technique");
  if (g_strcmp0 (kind, "stretch") == 0)
    return _("Stretch");
  if (g_strcmp0 (kind, "home-exercise") == 0)
    return _("Home exercise");
  if (g_strcmp0 (kind, "referral") == 0)
    return _("Referral to another discipline");
  return kind;
}

static gboolean
applicable (const char *text)
{
  /* The content writes "—" where a field does not apply (the pressure of a referral). */
  return text != NULL && text[0] != '\0' && g_strcmp0 (text, "—") != 0;
}

static void
rebuild (FasciaTechniqueCard *self,
         FasciaAtlas         *atlas)
{
  FasciaTechnique *t = self->technique;
  const char * const *muscles;
  const char * const *references;
  g_autoptr(GPtrArray) citations = g_ptr_array_new ();
  g_autoptr(GPtrArray) safety = NULL;
  GPtrArray *entries;
  GtkWidget *links;

  fascia_card_clear (self->sections);
  if (t == NULL)
    return;

  gtk_label_set_label (self->title_label, fascia_technique_get_name (t));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fascia_technique_get_name (t), -1);
  gtk_label_set_label (self->subtitle_label, kind_title (fascia_technique_get_kind (t)));

  fascia_card_add_text (self->sections, _("Purpose"), fascia_technique_get_purpose (t));
  fascia_card_add_text (self->sections, _("Client Position"), fascia_technique_get_position (t));
  fascia_card_add_list (self->sections, _("Steps"), fascia_technique_get_steps (t), TRUE);
  if (applicable (fascia_technique_get_duration (t)))
    fascia_card_add_text (self->sections, _("Duration"), fascia_technique_get_duration (t));
  if (applicable (fascia_technique_get_pressure (t)))
    fascia_card_add_text (self->sections, _("Pressure"), fascia_technique_get_pressure (t));
  fascia_card_add_list (self->sections, _("Indications"), fascia_technique_get_indications (t),
                        FALSE);
  fascia_card_add_list (self->sections, _("Cautions"), fascia_technique_get_cautions (t), FALSE);
  fascia_card_add_list (self->sections, _("Do Not Use"),
                        fascia_technique_get_general_contraindications (t), FALSE);
  safety = g_ptr_array_new_with_free_func (g_free);
  entries = fascia_technique_get_contraindications (t);
  for (int level = FASCIA_SAFETY_CONTRAINDICATED; level >= FASCIA_SAFETY_CAUTION; level--)
    for (guint i = 0; i < entries->len; i++)
      {
        const FasciaContraindication *c = g_ptr_array_index (entries, i);

        if ((int) c->level == level)
          g_ptr_array_add (safety, fascia_intake_describe_contraindication (c));
      }
  g_ptr_array_add (safety, NULL);
  fascia_card_add_list (self->sections, _("Conditions from the Intake"),
                        (const char * const *) safety->pdata, FALSE);
  if (applicable (fascia_technique_get_home_care (t)))
    fascia_card_add_text (self->sections, _("Home Care"), fascia_technique_get_home_care (t));

  muscles = fascia_technique_get_muscles (t);
  links = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; muscles != NULL && muscles[i] != NULL; i++)
    {
      FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas, muscles[i]);

      if (muscle != NULL)
        gtk_box_append (GTK_BOX (links),
                        fascia_card_link (fascia_muscle_get_name (muscle), "muscle", muscles[i]));
    }
  if (gtk_widget_get_first_child (links) != NULL)
    fascia_card_add_section (self->sections, _("Muscles It Treats"), links);
  else
    g_object_unref (g_object_ref_sink (links));

  references = fascia_technique_get_references (t);
  for (guint i = 0; references != NULL && references[i] != NULL; i++)
    {
      const char *citation = fascia_atlas_lookup_reference (atlas, references[i]);

      g_ptr_array_add (citations, (gpointer) (citation != NULL ? citation : references[i]));
    }
  g_ptr_array_add (citations, NULL);
  fascia_card_add_list (self->sections, _("References"),
                        (const char * const *) citations->pdata, FALSE);
}

FasciaTechnique *
fascia_technique_card_get_technique (FasciaTechniqueCard *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE_CARD (self), NULL);

  return self->technique;
}

void
fascia_technique_card_set_technique (FasciaTechniqueCard *self,
                                     FasciaAtlas         *atlas,
                                     FasciaTechnique     *technique)
{
  g_return_if_fail (FASCIA_IS_TECHNIQUE_CARD (self));
  g_return_if_fail (FASCIA_IS_ATLAS (atlas));

  if (g_set_object (&self->technique, technique))
    rebuild (self, atlas);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/**
 * fascia_technique_card_set_plan:
 * @shown: whether the card shows "Add to Plan" at all; presentation mode hides it, as it
 *   hides every trace of a client
 * @muscle_id: (nullable): the muscle the technique would be added for, or %NULL while no
 *   client's plan is open
 * @hint: (nullable): which target it goes to, in words
 * @warning: (nullable): what the client's intake says about this technique
 *
 * The button runs `win.add-to-plan`, so it is only sensitive while the window has a plan open.
 */
void
fascia_technique_card_set_plan (FasciaTechniqueCard *self,
                                gboolean             shown,
                                const char          *muscle_id,
                                const char          *hint,
                                const char          *warning)
{
  const char *technique_id;

  g_return_if_fail (FASCIA_IS_TECHNIQUE_CARD (self));

  technique_id = self->technique != NULL ? fascia_technique_get_id (self->technique) : "";
  gtk_widget_set_visible (self->plan_box, shown && self->technique != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_button), "(ss)", technique_id,
                                    muscle_id != NULL ? muscle_id : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               muscle_id == NULL
                               ? _("Open a client's plan to add this technique")
                               : NULL);
  set_label (self->plan_hint, muscle_id != NULL ? hint : NULL);
  set_label (self->warning_label, muscle_id != NULL ? warning : NULL);
}

/* For tests: the button and what the card says about the client. */
GtkWidget *
fascia_technique_card_get_add_button (FasciaTechniqueCard *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE_CARD (self), NULL);

  return GTK_WIDGET (self->add_button);
}

const char *
fascia_technique_card_get_warning (FasciaTechniqueCard *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE_CARD (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->warning_label))
         ? gtk_label_get_label (self->warning_label) : NULL;
}

static void
fascia_technique_card_dispose (GObject *object)
{
  FasciaTechniqueCard *self = FASCIA_TECHNIQUE_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_TECHNIQUE_CARD);
  g_clear_object (&self->technique);

  G_OBJECT_CLASS (fascia_technique_card_parent_class)->dispose (object);
}

static void
fascia_technique_card_class_init (FasciaTechniqueCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fascia_technique_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-technique-card.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, FASCIA_TYPE_COLUMN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, plan_box);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, add_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, plan_hint);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, warning_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaTechniqueCard, sections);
}

static void
fascia_technique_card_init (FasciaTechniqueCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fascia_technique_card_set_plan (self, TRUE, NULL, NULL, NULL);
}
