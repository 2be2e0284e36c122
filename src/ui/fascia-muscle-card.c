/* fascia-muscle-card.c — every field of one muscle's atlas record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-muscle-card"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-card-utils.h"
#include "fascia-column-layout.h"
#include "fascia-muscle-card.h"

struct _FasciaMuscleCard
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *latin_label;
  GtkWidget       *legend;
  GtkWidget       *referral_button;
  GtkWidget       *explanation_box;
  GtkLabel        *explanation_label;
  GtkBox          *sections;

  /* Owned */
  FasciaMuscle    *muscle;

  gboolean         plain;
};

enum {
  PROP_0,
  PROP_MUSCLE,
  PROP_PLAIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaMuscleCard, fascia_muscle_card, ADW_TYPE_BIN)

static const char *
group_title (const char *group)
{
  static const struct { const char *id; const char *title; } groups[] = {
    { "hip-flexors", N_("Hip flexors") },
    { "posterior-abdominal-wall", N_("Posterior abdominal wall") },
    { "gluteals", N_("Gluteals") },
    { "deep-hip-rotators", N_("Deep hip rotators") },
    { "erector-spinae", N_("Erector spinae") },
    { "transversospinalis", N_("Transversospinalis") },
    { "superficial-back", N_("Superficial back") },
    { "abdominal-wall", N_("Abdominal wall") },
    { "quadriceps", N_("Quadriceps") },
    { "hamstrings", N_("Hamstrings") },
    { "adductors", N_("Adductors") },
    { "pelvic-floor", N_("Pelvic floor") },
    { "scapulohumeral", N_("Scapulohumeral (shoulder)") },
    { "thoracic-wall", N_("Thoracic wall") },
    { "triceps-surae", N_("Triceps surae (calf)") },
    { "deep-posterior-leg", N_("Deep posterior leg") },
    { "superficial-posterior-leg", N_("Superficial posterior leg") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (groups[i].id, group) == 0)
      return _(groups[i].title);

  return group;
}

static const char *
relation_title (const char *role)
{
  if (g_strcmp0 (role, "culprit") == 0)
    /* Translators: this muscle, tight or overactive, strains the one named after it */
    return _("Strains");
  if (g_strcmp0 (role, "victim") == 0)
    /* Translators: this muscle is strained by the one named after it */
    return _("Strained by");
  if (g_strcmp0 (role, "synergist") == 0)
    return _("Works with");
  if (g_strcmp0 (role, "antagonist") == 0)
    return _("Opposes");
  return role;
}

static GtkWidget *
attachments_widget (FasciaAtlas *atlas,
                    GPtrArray   *attachments)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const FasciaAttachment *attachment = g_ptr_array_index (attachments, i);
      GtkWidget *links = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_box_append (GTK_BOX (box), fascia_card_paragraph (attachment->text));
      for (guint j = 0; attachment->landmarks[j] != NULL; j++)
        {
          FasciaLandmark *landmark = fascia_atlas_lookup_landmark (atlas, attachment->landmarks[j]);

          if (landmark != NULL)
            gtk_box_append (GTK_BOX (links),
                            fascia_card_link (fascia_landmark_get_name (landmark),
                                              "landmark", attachment->landmarks[j]));
        }
      gtk_box_append (GTK_BOX (box), links);
    }

  return box;
}

static void
add_trigger_points (FasciaMuscleCard *self)
{
  GListModel *points = fascia_muscle_get_trigger_points (self->muscle);
  guint n = g_list_model_get_n_items (points);
  GtkWidget *box;

  if (n == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaTriggerPoint) point = g_list_model_get_item (points, i);
      /* Translators: trigger point number, where it lies and where it sends pain; the
       * referral is a phrase of its own ("Along the iliac crest …"), so it follows a colon */
      g_autofree char *text = g_strdup_printf (_("%u. %s — referred pain: %s"),
                                               fascia_trigger_point_get_n (point),
                                               fascia_trigger_point_get_location (point),
                                               fascia_trigger_point_get_referral (point));

      gtk_box_append (GTK_BOX (box), fascia_card_paragraph (text));
    }

  fascia_card_add_section (self->sections, _("Trigger Points"), box);
}

static void
add_relations (FasciaMuscleCard *self,
               FasciaAtlas      *atlas)
{
  GPtrArray *relations = fascia_muscle_get_relations (self->muscle);
  GtkWidget *box;

  if (relations == NULL || relations->len == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  for (guint i = 0; i < relations->len; i++)
    {
      const FasciaRelation *relation = g_ptr_array_index (relations, i);
      FasciaMuscle *other = fascia_atlas_lookup_muscle (atlas, relation->muscle_id);
      g_autofree char *label = NULL;

      if (other == NULL)
        continue;

      label = g_strdup_printf ("%s %s", relation_title (relation->role),
                               fascia_muscle_get_name (other));
      gtk_box_append (GTK_BOX (box), fascia_card_link (label, "muscle", relation->muscle_id));
      gtk_box_append (GTK_BOX (box), fascia_card_paragraph (relation->text));
    }

  fascia_card_add_section (self->sections, _("Culprits and Victims"), box);
}

static void
add_techniques (FasciaMuscleCard *self)
{
  GListModel *techniques = fascia_muscle_get_techniques (self->muscle);
  guint n = g_list_model_get_n_items (techniques);
  GtkWidget *box;

  if (n == 0)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaTechnique) technique = g_list_model_get_item (techniques, i);

      gtk_box_append (GTK_BOX (box),
                      fascia_card_link (fascia_technique_get_name (technique), "technique",
                                        fascia_technique_get_id (technique)));
    }

  fascia_card_add_section (self->sections, _("Techniques and Home Care"), box);
}

static void
add_references (GtkBox             *sections,
                FasciaAtlas        *atlas,
                const char * const *ids)
{
  g_autoptr(GPtrArray) citations = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *citation = fascia_atlas_lookup_reference (atlas, ids[i]);

      g_ptr_array_add (citations, (gpointer) (citation != NULL ? citation : ids[i]));
    }
  g_ptr_array_add (citations, NULL);

  fascia_card_add_list (sections, _("References"), (const char * const *) citations->pdata, FALSE);
}

static void
rebuild (FasciaMuscleCard *self,
         FasciaAtlas      *atlas)
{
  FasciaMuscle *m = self->muscle;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) innervation = g_string_new (NULL);

  fascia_card_clear (self->sections);
  if (m == NULL)
    return;

  gtk_label_set_label (self->title_label, fascia_muscle_get_name (m));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fascia_muscle_get_name (m), -1);
  gtk_label_set_label (self->latin_label, fascia_muscle_get_latin (m));
  gtk_label_set_label (self->explanation_label, fascia_muscle_get_client_explanation (m));

  fascia_card_add_text (self->sections, _("Group"), group_title (fascia_muscle_get_group (m)));
  fascia_card_add_section (self->sections, _("Origin"),
                           attachments_widget (atlas, fascia_muscle_get_origins (m)));
  fascia_card_add_section (self->sections, _("Insertion"),
                           attachments_widget (atlas, fascia_muscle_get_insertions (m)));
  fascia_card_add_list (self->sections, _("Actions"), fascia_muscle_get_actions (m), FALSE);

  g_string_append (innervation, fascia_muscle_get_innervation_nerve (m));
  if (fascia_muscle_get_innervation_roots (m) != NULL)
    /* Translators: after the nerve, its spinal roots, e.g. "; roots L1–L5 (segmental)" */
    g_string_append_printf (innervation, _("; roots %s"), fascia_muscle_get_innervation_roots (m));
  if (fascia_muscle_get_innervation_note (m) != NULL)
    g_string_append_printf (innervation, "\n%s", fascia_muscle_get_innervation_note (m));
  fascia_card_add_text (self->sections, _("Nerve Supply"), innervation->str);
  fascia_card_add_list (self->sections, _("Blood Supply"), fascia_muscle_get_blood_supply (m),
                        FALSE);

  add_trigger_points (self);
  fascia_card_add_list (self->sections, _("What Makes It Overactive"),
                        fascia_muscle_get_overactive_causes (m), FALSE);
  fascia_card_add_list (self->sections, _("What Weakens It"),
                        fascia_muscle_get_weakness_causes (m), FALSE);
  add_relations (self, atlas);
  add_techniques (self);
  fascia_card_add_text (self->sections, _("Study Note"), fascia_muscle_get_study_note (m));
  fascia_card_add_list (self->sections, _("Where the References Differ"),
                        fascia_muscle_get_disagreements (m), FALSE);
  fascia_card_add_text (self->sections, _("Notes"), fascia_muscle_get_notes (m));

  if (fascia_muscle_get_fma (m) != NULL)
    g_string_append (ids, fascia_muscle_get_fma (m));  /* already "FMA:15569" */
  if (fascia_muscle_get_ta98 (m) != NULL)
    g_string_append_printf (ids, "%sTA98 %s", ids->len > 0 ? " · " : "",
                            fascia_muscle_get_ta98 (m));
  fascia_card_add_text (self->sections, _("Identifiers"), ids->str);
  add_references (self->sections, atlas, fascia_muscle_get_references (m));
}

FasciaMuscle *
fascia_muscle_card_get_muscle (FasciaMuscleCard *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE_CARD (self), NULL);

  return self->muscle;
}

void
fascia_muscle_card_set_muscle (FasciaMuscleCard *self,
                               FasciaAtlas      *atlas,
                               FasciaMuscle     *muscle)
{
  g_return_if_fail (FASCIA_IS_MUSCLE_CARD (self));
  g_return_if_fail (FASCIA_IS_ATLAS (atlas));
  g_return_if_fail (muscle == NULL || FASCIA_IS_MUSCLE (muscle));

  if (!g_set_object (&self->muscle, muscle))
    return;

  rebuild (self, atlas);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUSCLE]);
}

gboolean
fascia_muscle_card_get_plain (FasciaMuscleCard *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE_CARD (self), FALSE);

  return self->plain;
}

/**
 * fascia_muscle_card_set_plain:
 *
 * A plain card shows only what a client needs: the name, the plain-language explanation and
 * the "Show where it hurts" toggle.
 */
void
fascia_muscle_card_set_plain (FasciaMuscleCard *self,
                              gboolean          plain)
{
  g_return_if_fail (FASCIA_IS_MUSCLE_CARD (self));

  plain = !!plain;
  if (self->plain == plain)
    return;

  self->plain = plain;
  gtk_widget_set_visible (GTK_WIDGET (self->sections), !plain);
  gtk_widget_set_visible (GTK_WIDGET (self->latin_label), !plain);
  gtk_widget_set_visible (self->legend, !plain);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAIN]);
}

static void
fascia_muscle_card_dispose (GObject *object)
{
  FasciaMuscleCard *self = FASCIA_MUSCLE_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_MUSCLE_CARD);
  g_clear_object (&self->muscle);

  G_OBJECT_CLASS (fascia_muscle_card_parent_class)->dispose (object);
}

static void
fascia_muscle_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FasciaMuscleCard *self = FASCIA_MUSCLE_CARD (object);

  switch (prop_id)
    {
    case PROP_MUSCLE:
      g_value_set_object (value, self->muscle);
      break;

    case PROP_PLAIN:
      g_value_set_boolean (value, self->plain);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_muscle_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FasciaMuscleCard *self = FASCIA_MUSCLE_CARD (object);

  switch (prop_id)
    {
    case PROP_PLAIN:
      fascia_muscle_card_set_plain (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_muscle_card_class_init (FasciaMuscleCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fascia_muscle_card_dispose;
  object_class->get_property = fascia_muscle_card_get_property;
  object_class->set_property = fascia_muscle_card_set_property;

  properties[PROP_MUSCLE] =
    g_param_spec_object ("muscle", NULL, NULL,
                         FASCIA_TYPE_MUSCLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLAIN] =
    g_param_spec_boolean ("plain", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-muscle-card.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, FASCIA_TYPE_COLUMN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, latin_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, legend);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, referral_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, explanation_box);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaMuscleCard, sections);
}

static void
fascia_muscle_card_init (FasciaMuscleCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
