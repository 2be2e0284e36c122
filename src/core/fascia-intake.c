/* fascia-intake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-intake"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <time.h>

#include "fascia/fascia-client.h"
#include "fascia/fascia-intake.h"
#include "fascia/fascia-technique.h"

/*
 * The intake form records health flags; each technique states, over the closed vocabulary
 * of fascia-condition.h, what each condition means for it (contraindicated or a caution, and
 * what to do instead). This file is the one bridge: it turns a client's flags into the
 * conditions they have, and a technique's entries for those conditions into the lines the
 * Atlas, the plan editor and the handout show. Nothing here reads the cards' words.
 */

typedef struct
{
  FasciaHealthFlags  flag;
  const char        *label;
} FlagLabel;

/* In the order the intake form shows them. */
static const FlagLabel flag_labels[] = {
  { FASCIA_HEALTH_PREGNANCY, N_("Pregnancy") },
  { FASCIA_HEALTH_ANTICOAGULANTS, N_("Anticoagulants or bleeding disorder") },
  { FASCIA_HEALTH_OSTEOPOROSIS, N_("Osteoporosis") },
  { FASCIA_HEALTH_RECENT_SURGERY, N_("Recent surgery") },
  { FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR, N_("Hip replacement (anterior approach)") },
  { FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR, N_("Hip replacement (posterior approach)") },
  { FASCIA_HEALTH_ABDOMINAL_HERNIA, N_("Abdominal or groin hernia") },
  { FASCIA_HEALTH_SMOKER, N_("Smoker or former smoker") },
  { FASCIA_HEALTH_VASCULAR_DISEASE, N_("Vascular disease or known aneurysm") },
  { FASCIA_HEALTH_CANCER, N_("Cancer or active treatment") },
  { FASCIA_HEALTH_STOMA, N_("Stoma") },
  { FASCIA_HEALTH_ENDOMETRIOSIS, N_("Endometriosis") },
  { FASCIA_HEALTH_RED_FLAGS, N_("Red flags") },
};

/* The flags that are a condition of the vocabulary one to one. */
static const struct
{
  FasciaHealthFlags flag;
  FasciaCondition   condition;
} flag_conditions[] = {
  { FASCIA_HEALTH_PREGNANCY, FASCIA_CONDITION_PREGNANCY },
  { FASCIA_HEALTH_ANTICOAGULANTS, FASCIA_CONDITION_ANTICOAGULANTS },
  { FASCIA_HEALTH_OSTEOPOROSIS, FASCIA_CONDITION_OSTEOPOROSIS },
  { FASCIA_HEALTH_RECENT_SURGERY, FASCIA_CONDITION_RECENT_SURGERY },
  { FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR, FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR },
  { FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR, FASCIA_CONDITION_HIP_REPLACEMENT_POSTERIOR },
  { FASCIA_HEALTH_ABDOMINAL_HERNIA, FASCIA_CONDITION_ABDOMINAL_HERNIA },
  { FASCIA_HEALTH_CANCER, FASCIA_CONDITION_CANCER },
  { FASCIA_HEALTH_STOMA, FASCIA_CONDITION_STOMA },
  { FASCIA_HEALTH_ENDOMETRIOSIS, FASCIA_CONDITION_ENDOMETRIOSIS },
  { FASCIA_HEALTH_RED_FLAGS, FASCIA_CONDITION_RED_FLAGS },
};

/**
 * fascia_health_flag_list:
 * @n_flags: (out): how many
 *
 * Returns: (array length=n_flags) (transfer none): every intake flag, in the form's order.
 */
const FasciaHealthFlags *
fascia_health_flag_list (guint *n_flags)
{
  static FasciaHealthFlags flags[G_N_ELEMENTS (flag_labels)];

  for (guint i = 0; i < G_N_ELEMENTS (flag_labels); i++)
    flags[i] = flag_labels[i].flag;
  *n_flags = G_N_ELEMENTS (flags);

  return flags;
}

const char *
fascia_health_flag_get_label (FasciaHealthFlags flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_labels); i++)
    if (flag_labels[i].flag == flag)
      return _(flag_labels[i].label);

  g_return_val_if_reached (NULL);
}

/**
 * fascia_health_flags_describe:
 *
 * Returns: (nullable) (transfer full): the flags set, as "Pregnancy · Osteoporosis", or %NULL.
 */
char *
fascia_health_flags_describe (FasciaHealthFlags flags)
{
  g_autoptr(GString) text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (flag_labels); i++)
    {
      if ((flags & flag_labels[i].flag) == 0)
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append (text, " · ");
      g_string_append (text, _(flag_labels[i].label));
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * fascia_intake_get_conditions:
 * @flags: the client's intake flags
 * @age: the client's age in whole years, or -1 if not known
 *
 * The conditions of the vocabulary that the intake shows. Aortic aneurysm risk is derived,
 * as a screen and on the side of caution: vascular disease (or a known aneurysm), any age of
 * 65 or more, or smoking from 50 (or at an unknown age) — the risk factors the screening
 * programmes use (age, smoking, atherosclerotic disease).
 *
 * Returns: the set of conditions.
 */
FasciaConditions
fascia_intake_get_conditions (FasciaHealthFlags flags,
                              int               age)
{
  FasciaConditions conditions = 0;

  for (guint i = 0; i < G_N_ELEMENTS (flag_conditions); i++)
    if (flags & flag_conditions[i].flag)
      conditions |= FASCIA_CONDITION_BIT (flag_conditions[i].condition);

  if ((flags & FASCIA_HEALTH_VASCULAR_DISEASE) != 0 ||
      age >= 65 ||
      ((flags & FASCIA_HEALTH_SMOKER) != 0 && (age < 0 || age >= 50)))
    conditions |= FASCIA_CONDITION_BIT (FASCIA_CONDITION_AORTIC_ANEURYSM_RISK);

  return conditions;
}

/**
 * fascia_intake_age:
 * @date_of_birth: (nullable): `YYYY-MM-DD`
 * @today: (nullable): the date to count to; %NULL for today
 *
 * Returns: the age in whole years, or -1 when @date_of_birth is missing or invalid.
 */
int
fascia_intake_age (const char *date_of_birth,
                   GDate      *today)
{
  g_autoptr(GDate) now = NULL;
  int y, m, d, age;

  if (date_of_birth == NULL || sscanf (date_of_birth, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return -1;

  if (today == NULL)
    {
      now = g_date_new ();
      g_date_set_time_t (now, time (NULL));
      today = now;
    }

  age = g_date_get_year (today) - y;
  if ((int) g_date_get_month (today) < m ||
      ((int) g_date_get_month (today) == m && g_date_get_day (today) < d))
    age--;

  return age >= 0 ? age : -1;
}

/**
 * fascia_intake_client_conditions:
 * @client: (nullable): a client
 *
 * Returns: @client's conditions today; none for %NULL.
 */
FasciaConditions
fascia_intake_client_conditions (FasciaClient *client)
{
  if (client == NULL)
    return 0;

  return fascia_intake_get_conditions (fascia_client_get_health_flags (client),
                                       fascia_intake_age (fascia_client_get_date_of_birth (client),
                                                          NULL));
}

/**
 * fascia_intake_describe_contraindication:
 *
 * Returns: (transfer full): "Pregnancy — contraindicated: Do not lie face down; …"
 */
char *
fascia_intake_describe_contraindication (const FasciaContraindication *c)
{
  g_return_val_if_fail (c != NULL, NULL);

  /* TRANSLATORS: condition — contraindicated/caution: what to do instead */
  return g_strdup_printf (_("%s — %s: %s"), fascia_condition_get_label (c->condition),
                          fascia_safety_level_get_label (c->level), c->instead);
}

/**
 * fascia_intake_check_technique:
 * @conditions: the client's conditions, from fascia_intake_get_conditions()
 * @technique: a technique about to be chosen
 *
 * Returns: (nullable) (transfer full): one line per condition that affects @technique,
 *   contraindications first, or %NULL if none does.
 */
char *
fascia_intake_check_technique (FasciaConditions  conditions,
                               FasciaTechnique  *technique)
{
  g_autoptr(GString) text = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (technique), NULL);

  entries = fascia_technique_get_contraindications (technique);

  for (int level = FASCIA_SAFETY_CONTRAINDICATED; level >= FASCIA_SAFETY_CAUTION; level--)
    for (guint i = 0; i < entries->len; i++)
      {
        const FasciaContraindication *c = g_ptr_array_index (entries, i);
        g_autofree char *line = NULL;

        if ((int) c->level != level || (conditions & FASCIA_CONDITION_BIT (c->condition)) == 0)
          continue;

        line = fascia_intake_describe_contraindication (c);
        if (text == NULL)
          text = g_string_new (line);
        else
          g_string_append_printf (text, "\n%s", line);
      }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * fascia_intake_worst_level:
 *
 * Returns: whether any of @conditions makes @technique contraindicated (1), only a caution
 *   (0), or neither (-1).
 */
int
fascia_intake_worst_level (FasciaConditions  conditions,
                           FasciaTechnique  *technique)
{
  GPtrArray *entries;
  int worst = -1;

  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (technique), -1);

  entries = fascia_technique_get_contraindications (technique);
  for (guint i = 0; i < entries->len; i++)
    {
      const FasciaContraindication *c = g_ptr_array_index (entries, i);

      if (conditions & FASCIA_CONDITION_BIT (c->condition))
        worst = MAX (worst, (int) c->level);
    }

  return worst;
}
