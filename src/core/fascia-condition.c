/* fascia-condition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-condition.h"

/*
 * One table, in FasciaCondition order: the id that techniques.json writes and the validator
 * accepts, and the label the intake form and every warning show. Nothing matches words in
 * the cards any more; a technique says which condition it is about.
 */
const char * const fascia_condition_ids[FASCIA_N_CONDITIONS + 1] = {
  [FASCIA_CONDITION_PREGNANCY]                 = "pregnancy",
  [FASCIA_CONDITION_ANTICOAGULANTS]            = "anticoagulants",
  [FASCIA_CONDITION_OSTEOPOROSIS]              = "osteoporosis",
  [FASCIA_CONDITION_RECENT_SURGERY]            = "recent-surgery",
  [FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR]  = "hip-replacement-anterior",
  [FASCIA_CONDITION_HIP_REPLACEMENT_POSTERIOR] = "hip-replacement-posterior",
  [FASCIA_CONDITION_ABDOMINAL_HERNIA]          = "abdominal-hernia",
  [FASCIA_CONDITION_AORTIC_ANEURYSM_RISK]      = "aortic-aneurysm-risk",
  [FASCIA_CONDITION_CANCER]                    = "cancer",
  [FASCIA_CONDITION_STOMA]                     = "stoma",
  [FASCIA_CONDITION_ENDOMETRIOSIS]             = "endometriosis",
  [FASCIA_CONDITION_RED_FLAGS]                 = "red-flags",
  [FASCIA_N_CONDITIONS]                        = NULL,
};

static const char * const condition_labels[FASCIA_N_CONDITIONS] = {
  [FASCIA_CONDITION_PREGNANCY]                 = N_("Pregnancy"),
  [FASCIA_CONDITION_ANTICOAGULANTS]            = N_("Anticoagulants or bleeding disorder"),
  [FASCIA_CONDITION_OSTEOPOROSIS]              = N_("Osteoporosis"),
  [FASCIA_CONDITION_RECENT_SURGERY]            = N_("Recent surgery"),
  [FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR]  = N_("Hip replacement (anterior approach)"),
  [FASCIA_CONDITION_HIP_REPLACEMENT_POSTERIOR] = N_("Hip replacement (posterior approach)"),
  [FASCIA_CONDITION_ABDOMINAL_HERNIA]          = N_("Abdominal or groin hernia"),
  [FASCIA_CONDITION_AORTIC_ANEURYSM_RISK]      = N_("Aortic aneurysm risk"),
  [FASCIA_CONDITION_CANCER]                    = N_("Cancer or active treatment"),
  [FASCIA_CONDITION_STOMA]                     = N_("Stoma"),
  [FASCIA_CONDITION_ENDOMETRIOSIS]             = N_("Endometriosis"),
  [FASCIA_CONDITION_RED_FLAGS]                 = N_("Red flags"),
};

static const char * const level_ids[] = {
  [FASCIA_SAFETY_CAUTION]         = "caution",
  [FASCIA_SAFETY_CONTRAINDICATED] = "contraindicated",
  NULL
};

G_DEFINE_BOXED_TYPE (FasciaContraindication, fascia_contraindication,
                     fascia_contraindication_copy, fascia_contraindication_free)

FasciaContraindication *
fascia_contraindication_new (FasciaCondition    condition,
                             FasciaSafetyLevel  level,
                             const char        *instead)
{
  FasciaContraindication *self;

  g_return_val_if_fail (condition < FASCIA_N_CONDITIONS, NULL);
  g_return_val_if_fail (instead != NULL, NULL);

  self = g_new0 (FasciaContraindication, 1);
  self->condition = condition;
  self->level = level;
  self->instead = g_strdup (instead);

  return self;
}

FasciaContraindication *
fascia_contraindication_copy (const FasciaContraindication *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return fascia_contraindication_new (self->condition, self->level, self->instead);
}

void
fascia_contraindication_free (FasciaContraindication *self)
{
  if (self == NULL)
    return;

  g_free (self->instead);
  g_free (self);
}

/**
 * fascia_condition_list_ids:
 *
 * Returns: (transfer none): every condition id, in FasciaCondition order, %NULL-terminated.
 */
const char * const *
fascia_condition_list_ids (void)
{
  return fascia_condition_ids;
}

const char *
fascia_condition_to_id (FasciaCondition condition)
{
  g_return_val_if_fail (condition < FASCIA_N_CONDITIONS, NULL);

  return fascia_condition_ids[condition];
}

gboolean
fascia_condition_from_id (const char      *id,
                          FasciaCondition *condition)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < FASCIA_N_CONDITIONS; i++)
    if (g_str_equal (fascia_condition_ids[i], id))
      {
        if (condition != NULL)
          *condition = i;
        return TRUE;
      }

  return FALSE;
}

const char *
fascia_condition_get_label (FasciaCondition condition)
{
  g_return_val_if_fail (condition < FASCIA_N_CONDITIONS, NULL);

  return _(condition_labels[condition]);
}

const char * const *
fascia_safety_level_list_ids (void)
{
  return level_ids;
}

gboolean
fascia_safety_level_from_id (const char        *id,
                             FasciaSafetyLevel *level)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; level_ids[i] != NULL; i++)
    if (g_str_equal (level_ids[i], id))
      {
        if (level != NULL)
          *level = i;
        return TRUE;
      }

  return FALSE;
}

const char *
fascia_safety_level_get_label (FasciaSafetyLevel level)
{
  switch (level)
    {
    case FASCIA_SAFETY_CONTRAINDICATED:
      return _("contraindicated");
    case FASCIA_SAFETY_CAUTION:
      return _("caution");
    default:
      g_return_val_if_reached (NULL);
    }
}
