/* fascia-intake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-intake.h"
#include "fascia/fascia-technique.h"

/*
 * The atlas states each technique's contraindications and cautions in words, written for
 * therapists. Rather than keep a second, hand-made table of which flag rules out which
 * technique (which would drift from the cards), each health flag names the words that mean it,
 * and a technique is flagged by the card's own sentence that mentions them. A contraindication
 * outranks a caution. Red flags affect every hands-on technique: the card for referring out
 * says so for all of them.
 */

typedef struct
{
  FasciaHealthFlags   flag;
  const char         *label;
  const char * const  keywords[6];
} FlagWords;

static const FlagWords flag_words[] = {
  { FASCIA_HEALTH_PREGNANCY, N_("Pregnancy"), { "pregnan", NULL } },
  { FASCIA_HEALTH_ANTICOAGULANTS, N_("Anticoagulants"),
    { "anticoagul", "blood thinn", "bleeding", "bruis", NULL } },
  { FASCIA_HEALTH_OSTEOPOROSIS, N_("Osteoporosis"),
    { "osteopor", "bone density", "fragile bone", "fracture", NULL } },
  { FASCIA_HEALTH_RECENT_SURGERY, N_("Recent surgery"),
    { "surgery", "surgical", "operation", "cesarean", "caesarean", NULL } },
  { FASCIA_HEALTH_RED_FLAGS, N_("Red flags"), { "red flag", NULL } },
};

const char *
fascia_health_flag_get_label (FasciaHealthFlags flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_words); i++)
    if (flag_words[i].flag == flag)
      return _(flag_words[i].label);

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

  for (guint i = 0; i < G_N_ELEMENTS (flag_words); i++)
    {
      if ((flags & flag_words[i].flag) == 0)
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append (text, " · ");
      g_string_append (text, _(flag_words[i].label));
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static const char *
find_sentence (const char * const *sentences,
               const FlagWords    *words)
{
  for (guint i = 0; sentences != NULL && sentences[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (sentences[i], -1);

      for (guint k = 0; words->keywords[k] != NULL; k++)
        if (strstr (folded, words->keywords[k]) != NULL)
          return sentences[i];
    }

  return NULL;
}

static gboolean
is_firm (FasciaTechnique *technique)
{
  g_autofree char *pressure = g_utf8_casefold (fascia_technique_get_pressure (technique), -1);

  return strstr (pressure, "firm") != NULL || strstr (pressure, "deep") != NULL;
}

/**
 * fascia_intake_check_technique:
 * @flags: the client's health flags
 * @technique: a technique about to be chosen
 *
 * Returns: (nullable) (transfer full): one line per flag that affects @technique, saying
 *   whether it is contraindicated or a caution and quoting the card, or %NULL if none does.
 */
char *
fascia_intake_check_technique (FasciaHealthFlags  flags,
                               FasciaTechnique   *technique)
{
  g_autoptr(GString) text = NULL;
  gboolean hands_on;

  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (technique), NULL);

  hands_on = g_strcmp0 (fascia_technique_get_kind (technique), "referral") != 0;

  for (guint i = 0; i < G_N_ELEMENTS (flag_words); i++)
    {
      const FlagWords *words = &flag_words[i];
      const char *sentence;
      const char *line = NULL;
      g_autofree char *own = NULL;

      if ((flags & words->flag) == 0)
        continue;

      if ((sentence = find_sentence (fascia_technique_get_contraindications (technique),
                                     words)) != NULL)
        {
          /* A card that says just "Pregnancy" needs no quoting. */
          if (g_ascii_strcasecmp (sentence, words->label) == 0)
            line = own = g_strdup_printf (_("%s — contraindicated"), _(words->label));
          else
            line = own = g_strdup_printf (_("%s — contraindicated: %s"), _(words->label),
                                          sentence);
        }
      else if ((sentence = find_sentence (fascia_technique_get_cautions (technique),
                                          words)) != NULL)
        line = own = g_strdup_printf (_("%s — caution: %s"), _(words->label), sentence);
      else if (words->flag == FASCIA_HEALTH_RED_FLAGS && hands_on)
        line = own = g_strdup_printf (_("%s — refer out before any hands-on work"),
                                      _(words->label));
      else if ((words->flag & (FASCIA_HEALTH_ANTICOAGULANTS | FASCIA_HEALTH_OSTEOPOROSIS))
               && hands_on && is_firm (technique))
        line = own = g_strdup_printf (_("%s — caution: this technique uses firm pressure"),
                                      _(words->label));

      if (line == NULL)
        continue;
      if (text == NULL)
        text = g_string_new (line);
      else
        g_string_append_printf (text, "\n%s", line);
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
